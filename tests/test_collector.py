"""The cycle collector is paused while the stages build what lives until the build ends, and only then."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import builder
from builder import Caches, ContentError, Site, check_content, each_page

SITE = Site("Tracker", "https://example.org/tracker/")


@pytest.fixture(autouse=True)
def collector_enabled() -> Iterator[None]:
    """Each test starts with the collector on, and leaves it on whatever happens."""
    gc.enable()
    yield
    gc.enable()


def _noting_collector(monkeypatch: pytest.MonkeyPatch, stage: str, seen: list[bool]) -> None:
    real: Callable[..., Any] = getattr(builder, stage)

    def noted(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(builder, stage, noted)


@pytest.mark.parametrize("stage", ["load_content", "validate_content"])
def test_checking_runs_with_the_collector_paused_and_enables_it_after(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    seen: list[bool] = []
    _noting_collector(monkeypatch, stage, seen)
    check_content(content_dir)
    assert seen == [False]
    assert gc.isenabled()


def test_the_collector_is_enabled_again_when_content_is_refused(content_dir: Path) -> None:
    (content_dir / "articles" / "broken.yaml").write_text("headline: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError):
        check_content(content_dir)
    assert gc.isenabled()


def test_rendering_keeps_the_collector_paused_until_the_last_page(content_dir: Path) -> None:
    content = check_content(content_dir)
    pages = iter(each_page(content, SITE))
    next(pages)
    assert not gc.isenabled()
    assert sum(1 for _ in pages) > 10
    assert gc.isenabled()


def test_a_consumer_that_stops_early_gets_the_collector_back(content_dir: Path) -> None:
    pages = iter(each_page(check_content(content_dir), SITE))
    next(pages)
    pages.close()  # type: ignore[attr-defined]
    assert gc.isenabled()


def test_rendering_with_caches_enables_the_collector_after(content_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    caches = Caches()
    real = caches.generate

    def noted(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(caches, "generate", noted)
    assert list(each_page(check_content(content_dir, caches=caches), SITE, caches))
    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_the_caller_disabled_stays_disabled(content_dir: Path) -> None:
    gc.disable()
    pages = list(each_page(check_content(content_dir), SITE))
    assert pages
    assert not gc.isenabled()
