"""No stage may grow faster than the content: work at 4N summaries stays near 4 times work at N.

Work is counted as function calls (Python and built-in), which is deterministic, unlike time.
A stage that compares every pair of articles does 16 times the work at 4N; a linear one about 4.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from bench.corpus import write_corpus
from builder import Site, dates, paths, text
from builder.index import RELATED_WINDOW, build_index
from builder.load import load_content
from builder.render import render_pages
from builder.validate import validate_content

SMALL = 20
LARGE = 4 * SMALL
LIMIT = 5.0
"""Largest allowed ratio of work at LARGE to work at SMALL: linear with fixed costs is about 4."""

TODAY = datetime.date(2026, 11, 22)
SITE = Site("Scaling test", "https://example.org/tracker/")


@contextmanager
def counting_calls() -> Iterator[list[int]]:
    calls = [0]

    def count(frame: Any, event: str, argument: Any) -> None:
        if event in ("call", "c_call"):
            calls[0] += 1

    sys.setprofile(count)
    try:
        yield calls
    finally:
        sys.setprofile(None)


def work_per_stage(content_dir: Path) -> dict[str, int]:
    # Memoised helpers would make the second corpus look cheaper than it is.
    text.inline.cache_clear()
    paths._segments.cache_clear()
    dates._parse_text.cache_clear()
    stages: list[tuple[str, Callable[[Any], Any]]] = [
        ("load", lambda _: load_content(content_dir)),
        ("validate", lambda loaded: validate_content(loaded, TODAY)),
        ("index", build_index),
        ("render", lambda index: render_pages(index, SITE)),
    ]
    work, result = {}, None
    for name, stage in stages:
        with counting_calls() as calls:
            result = stage(result)
        work[name] = calls[0]
    return work


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, int]]:
    root = tmp_path_factory.mktemp("scaling")
    work_per_stage(write_corpus(root / "warm-up", 5))  # compile schemas and templates once
    return {size: work_per_stage(write_corpus(root / f"n{size}", size)) for size in (SMALL, LARGE)}


def test_the_large_corpus_has_keys_too_common_to_list_whole() -> None:
    # Otherwise the test would not exercise the bounded candidate sets of related articles.
    assert SMALL < RELATED_WINDOW < LARGE


@pytest.mark.parametrize("stage", ["load", "validate", "index", "render"])
def test_no_stage_grows_faster_than_the_content(work: dict[int, dict[str, int]], stage: str) -> None:
    ratio = work[LARGE][stage] / work[SMALL][stage]
    assert ratio <= LIMIT, f"{stage}: {ratio:.1f} times the work for 4 times the summaries"
