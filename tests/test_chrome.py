"""The navigation and tabs, rendered once per folder of pages, are what the theme renders for each page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import jinja2
import material

from builder import chrome

from .conftest import build_site, make_project

BLANKS = re.compile(r"\s*\n\s*")
MATERIAL_PARTIALS = Path(material.__file__).parent / "templates" / "partials"


def test_every_page_is_what_the_theme_renders_when_it_renders_each_page_navigation(
    fixture_site: Path, tmp_path: Path
) -> None:
    # A site's own partials/nav.html and tabs.html win over the package's, and are rendered for
    # every page: with Material's own files there, the theme renders each page's navigation.
    project = make_project(tmp_path / "project")
    partials = project / "overrides" / "partials"
    partials.mkdir(parents=True, exist_ok=True)
    for name in ("nav.html", "tabs.html"):
        shutil.copy(MATERIAL_PARTIALS / name, partials / name)
    per_page = build_site(project)

    shared = sorted(path.relative_to(fixture_site) for path in fixture_site.rglob("*.html"))
    assert shared == sorted(path.relative_to(per_page) for path in per_page.rglob("*.html"))
    articles = [path for path in shared if path.parts[0] == "articles" and len(path.parts) == 3]
    assert len(articles) > 1, "no folder holds two pages: nothing would be shared"
    for path in shared:
        assert _shown((fixture_site / path).read_text()) == _shown((per_page / path).read_text()), path


def _shown(html: str) -> str:
    """The page as a browser lays it out: the shared navigation keeps one of each run of blanks."""
    return BLANKS.sub("\n", html)


def _page(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url)


def test_pages_share_a_navigation_only_with_the_pages_of_their_folder_outside_the_nav() -> None:
    nav = SimpleNamespace(pages=[_page(url) for url in ("", "articles/", "timeline/", "timeline/chronology/")])
    shared = chrome.SharedChrome(jinja2.Environment())
    key = lambda url: shared._folder_key(_page(url), nav)  # noqa: E731

    assert key("articles/a/") == key("articles/b/") == ("articles", True)
    assert key("actors/russia/articles/2/") == key("actors/russia/articles/3/") != key("actors/ukraine/articles/2/")
    assert key("timeline/2025/03/01/") != key("timeline/2025/04/01/")
    # A nav page marks itself active, and a folder that holds nav pages links to them its own way.
    assert key("articles/") is None
    assert key("") is None
    assert key("timeline/") is None
    assert key("timeline/2025/") == ("timeline", True)
