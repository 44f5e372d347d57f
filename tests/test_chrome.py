"""The chrome around each page (navigation, tabs, header, footer), rendered once per folder, is what each page would render."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from builder import chrome

from .conftest import build_site, make_project


def test_every_page_is_byte_identical_to_one_rendering_its_own_chrome(
    fixture_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(chrome.SharedChrome, "share", False)
    per_page = build_site(make_project(tmp_path / "project"))

    shared = sorted(path.relative_to(fixture_site) for path in fixture_site.rglob("*.html"))
    assert shared == sorted(path.relative_to(per_page) for path in per_page.rglob("*.html"))
    articles = [path for path in shared if path.parts[0] == "articles" and len(path.parts) == 3]
    assert len(articles) > 1, "no folder holds two pages: nothing would be shared"
    for path in shared:
        assert (fixture_site / path).read_text() == (per_page / path).read_text(), path


def test_a_site_override_of_the_navigation_is_rendered_for_each_page(tmp_path: Path) -> None:
    # A site's own partials/nav.html wins over the package's, which shares Material's.
    project = make_project(tmp_path / "project")
    partials = project / "overrides" / "partials"
    partials.mkdir(parents=True, exist_ok=True)
    (partials / "nav.html").write_text('<nav class="own-nav">{{ page.url }}</nav>\n')
    site = build_site(project)
    for page in ("articles/2025-11-early-contacts", "articles/2026-01-05-first-round"):
        assert f'<nav class="own-nav">{page}/</nav>' in (site / page / "index.html").read_text()


def _page(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url)


def test_pages_share_their_chrome_only_where_every_link_in_it_reads_the_same() -> None:
    nav = SimpleNamespace(pages=[_page(url) for url in ("", "articles/", "claims/", "claims/contradictions/")])
    shared = chrome.SharedChrome(jinja2.Environment())
    key = lambda url: shared._folder_key(_page(url), nav)  # noqa: E731

    assert key("articles/a/") == key("articles/b/")
    assert key("actors/russia/articles/2/") == key("actors/ukraine/articles/3/")
    assert key("timeline/2025/03/01/") == key("timeline/2026/04/02/")
    # "../../claims/contradictions/" from one, "../contradictions/" from the other.
    assert key("actors/russia/") != key("claims/false/")
    assert key("claims/false/2/") == key("claims/true/2/") != key("claims/contradictions/2/")
    assert key("articles/a/") != key("actors/russia/") != key("actors/russia/articles/2/")
    # A nav page marks itself active; a top-level page may be a link of the chrome itself
    # (the search page); a folder holding a nav page links to it as no other does.
    assert key("articles/") is None
    assert key("") is None
    assert key("search/") is None
    assert key("claims/contradictions/") is None
