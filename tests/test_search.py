"""Which files Pagefind reads: only pages shaped like an indexed one, with the same index as a whole-site read."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from builder import check_content, paths
from builder.index import build_index
from builder.search import BUNDLE_DIR, FACETS, facet_marks, html_glob, run_pagefind
from tests.conftest import FIXTURE_CONTENT


def test_the_glob_names_each_shape_of_an_indexed_page_once() -> None:
    indexed = ["articles/a/index.html", "actors/b/index.html", "articles/c/index.html", "about/index.html"]
    assert html_glob(indexed) == "{about/index.html,actors/*/index.html,articles/*/index.html}"


def test_the_parts_of_a_hubs_lists_are_not_read() -> None:
    # 'actors/*/index.html' matches no 'actors/b/events/2/index.html': its * stops at a slash.
    assert html_glob(["index.html", "topics/t/index.html"]) == "{index.html,topics/*/index.html}"


def test_with_no_indexed_page_every_page_is_read() -> None:
    assert html_glob([]) == "**/*.html"


def test_the_index_equals_one_read_from_every_page_of_the_site(fixture_site: Path, tmp_path: Path) -> None:
    whole = tmp_path / "site"
    shutil.copytree(fixture_site, whole)
    shutil.rmtree(whole / BUNDLE_DIR)
    run_pagefind(whole)

    def files(site: Path) -> dict[str, bytes]:
        bundle = site / BUNDLE_DIR
        return {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}

    built = files(fixture_site)
    assert any(name.startswith("fragment/") for name in built)
    assert built == files(whole)


def _filters(site: Path, path: str) -> dict[str, list[str]]:
    """A page's search filters as Pagefind reads them: the attribute's value, decoded once."""
    soup = BeautifulSoup((site / paths.page_url(path) / "index.html").read_text(encoding="utf-8"), "html.parser")
    found: dict[str, list[str]] = {}
    for mark in soup.select("[data-pagefind-filter]"):
        key, _, value = mark["data-pagefind-filter"].partition(":")
        found.setdefault(key, []).append(value)
    return found


def test_each_article_files_its_people_apart_from_its_other_actors_by_their_names(fixture_site: Path) -> None:
    index = build_index(check_content(FIXTURE_CONTENT))
    for article in index.articles:
        filters = _filters(fixture_site, paths.article_path(article.id))
        assert set(filters) <= set(FACETS)
        actors = [index.actor(a) for a in article.mentioned_actors]
        people = sorted((a.name for a in actors if a.kind == "person"), key=str.casefold)
        others = sorted((a.name for a in actors if a.kind != "person"), key=str.casefold)
        assert (filters.get("person", []), filters.get("organisation", [])) == (people, others), article.id
        assert filters["year"] == [str(article.published.year)]


def test_a_filter_value_is_the_name_as_written_once_decoded() -> None:
    # The search page shows values as text: a name escaped twice would show its entities.
    marks = BeautifulSoup(facet_marks({"outlet": ["Smith & Sons <Daily>"]}), "html.parser")
    assert [m["data-pagefind-filter"] for m in marks.select("[data-pagefind-filter]")] == [
        "outlet:Smith & Sons <Daily>"
    ]
