"""Page paths become the URLs MkDocs publishes them at, and links between them resolve in a browser."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from builder import paths
from builder.dates import parse_date

SITE = "https://example.org/tracker/"
PAGES = [
    "index.md",
    "actors/index.md",
    "actors/ada-alpha.md",
    "timeline/2026/index.md",
    "timeline/2026/01/index.md",
    "timeline/2026/01/05.md",
    "data/articles.csv.gz",
    "feeds/actors/ada-alpha.xml",
]


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("index.md", ""),
        ("actors/index.md", "actors/"),
        ("actors/ada-alpha.md", "actors/ada-alpha/"),
        ("timeline/2026/01/index.md", "timeline/2026/01/"),
        ("timeline/2026/01/05.md", "timeline/2026/01/05/"),
        ("data/articles.csv.gz", "data/articles.csv.gz"),
    ],
)
def test_page_url_follows_directory_urls(path: str, url: str) -> None:
    assert paths.page_url(path) == url


@pytest.mark.parametrize("from_page", [page for page in PAGES if page.endswith(".md")])
@pytest.mark.parametrize("to_path", PAGES)
def test_relative_url_lands_where_the_browser_expects(from_page: str, to_path: str) -> None:
    href = paths.relative_url(from_page, to_path, "top")
    assert urljoin(SITE + paths.page_url(from_page), href) == SITE + paths.page_url(to_path) + "#top"


def test_relative_urls_between_neighbours() -> None:
    assert paths.relative_url("index.md", paths.date_path(parse_date("2026-01"))) == "timeline/2026/01/"
    assert paths.relative_url("actors/ada-alpha.md", "actors/beta.md") == "../beta/"
    assert paths.relative_url("actors/ada-alpha.md", "actors/ada-alpha.md") == "./"
    assert paths.relative_url("actors/ada-alpha.md", "index.md") == "../../"


def test_absolute_url() -> None:
    assert paths.absolute_url(SITE, "actors/ada-alpha.md", "quote-1") == SITE + "actors/ada-alpha/#quote-1"
    assert paths.absolute_url(SITE.rstrip("/"), "index.md") == SITE


def test_first_day_of_a_partial_date() -> None:
    assert parse_date("2026").first_day().isoformat() == "2026-01-01"
    assert parse_date("2026-02").first_day().isoformat() == "2026-02-01"
    assert parse_date("2026-02-03").first_day().isoformat() == "2026-02-03"
