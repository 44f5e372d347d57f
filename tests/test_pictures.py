"""Pictures: inline SVG drawn at build time, with text alternatives, a data table and working links."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from builder import check_content, pictures
from builder.dates import parse_date
from builder.index import Index, build_index
from tests.conftest import FIXTURE_CONTENT
from tests.html import page, resolve

HOSTILE = "<script>alert(1)</script> & \"quoted\" 'single' ]]> {{ x }}"


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(check_content(FIXTURE_CONTENT, today=datetime.date(2026, 11, 22)))


def _parsed(figure: str) -> ElementTree.Element:
    """The figure as XML: well-formed, so no text escaped from its element."""
    return ElementTree.fromstring(str(figure))


def _svg(figure: ElementTree.Element) -> ElementTree.Element:
    svg = figure.find(".//{http://www.w3.org/2000/svg}svg")
    assert svg is not None
    return svg


def test_hostile_names_stay_text_in_svg_and_table() -> None:
    nodes = [
        pictures.Node("a", HOSTILE, "person", 2, "../a/"),
        pictures.Node("b", "Betastan", "state", 1, '../b/"onclick="x'),
    ]
    figure = _parsed(pictures.network_chart(nodes, [pictures.Edge("a", "b", 1)], "net", 2))
    names = [t.text for t in figure.iter("{http://www.w3.org/2000/svg}text")]
    assert pictures._short(HOSTILE) in names
    titles = [t.text for t in figure.iter("{http://www.w3.org/2000/svg}title")]
    assert f"{HOSTILE}: 2 articles" in titles
    assert not list(figure.iter("script")) and not list(figure.iter("{http://www.w3.org/2000/svg}script"))
    links = [a.get("href") for a in figure.iter() if a.tag.endswith("}a") or a.tag == "a"]
    assert '../b/"onclick="x' in links
    assert all(not key.startswith("on") for element in figure.iter() for key in element.attrib)
    assert HOSTILE in [cell.text for cell in figure.iter("a")]


def test_timeline_has_one_linked_bar_group_per_month_with_a_page(index: Index) -> None:
    figure = _parsed(pictures.timeline_figure(index, "index.md"))
    svg = _svg(figure)
    assert svg.get("role") == "group"
    title_id, desc_id = svg.get("aria-labelledby").split()
    ids = {element.get("id"): element.text for element in svg.iter() if element.get("id")}
    assert ids[title_id] == "Events and articles published per month, November 2025 to January 2026"
    assert "3 months" in ids[desc_id]
    assert ids[desc_id].endswith("Not drawn: 1 event known only to the year.")
    links = [a for a in svg.iter("{http://www.w3.org/2000/svg}a")]
    assert [a.get("href") for a in links] == ["timeline/2025/11/", "timeline/2025/12/", "timeline/2026/01/"]
    assert [a.find("{http://www.w3.org/2000/svg}title").text for a in links] == [
        "November 2025: 0 events, 1 article published",
        "December 2025: 1 event, 0 articles published",
        "January 2026: 2 events, 2 articles published",
    ]
    rows = [[cell.findtext(".//a") or cell.text for cell in row] for row in figure.iter("tr")]
    assert rows[1:] == [["November 2025", "0", "1"], ["December 2025", "1", "0"], ["January 2026", "2", "2"]]


def test_months_without_content_are_drawn_but_not_linked(index: Index) -> None:
    bars = [
        pictures.MonthBar(parse_date("2025-11"), 0, 1, "a/"),
        pictures.MonthBar(parse_date("2025-12"), 0, 0, ""),
        pictures.MonthBar(parse_date("2026-01"), 2, 0, "b/"),
    ]
    svg = _svg(_parsed(pictures.month_chart(bars, "t")))
    assert [a.get("href") for a in svg.iter("{http://www.w3.org/2000/svg}a")] == ["a/", "b/"]
    assert len(pictures.month_bars(index, "index.md")) == 3


def test_network_is_deterministic_and_grouped_by_kind(index: Index) -> None:
    first = pictures.actor_network_figure(index, "actors/index.md")
    assert first == pictures.actor_network_figure(index, "actors/index.md")
    svg = _svg(_parsed(first))
    hrefs = [a.get("href") for a in svg.iter("{http://www.w3.org/2000/svg}a")]
    # People first, then states; the actor no article mentions is left out.
    assert hrefs == ["ada-alpha/", "alpha-state/", "beta-state/"]
    assert "gamma-league/" not in hrefs


def test_ego_network_centres_the_actor_and_links_its_neighbours(index: Index) -> None:
    svg = _svg(_parsed(pictures.ego_network_figure(index, "beta-state", "actors/beta-state.md")))
    links = {a.get("href"): a.get("aria-current") for a in svg.iter("{http://www.w3.org/2000/svg}a")}
    assert links == {"../ada-alpha/": None, "../alpha-state/": None, "./": "page"}
    assert pictures.ego_network_figure(index, "gamma-league", "actors/gamma-league.md") == ""


def test_topic_bars_link_to_actors(index: Index) -> None:
    figure = _parsed(pictures.topic_actors_figure(index, "talks", "topics/talks.md"))
    links = list(_svg(figure).iter("{http://www.w3.org/2000/svg}a"))
    assert [(a.get("href"), a.find("{http://www.w3.org/2000/svg}title").text) for a in links] == [
        ("../../actors/ada-alpha/", "Ada Alpha: 3 articles"),
        ("../../actors/alpha-state/", "Alphaland: 3 articles"),
        ("../../actors/beta-state/", "Betastan: 3 articles"),
    ]


@pytest.mark.parametrize(
    ("url", "picture", "target"),
    [
        ("", "timeline-picture", "timeline/2026/01/"),
        ("timeline/", "timeline-picture", "timeline/2025/12/"),
        ("actors/", "network-picture", "actors/beta-state/"),
        ("actors/ada-alpha/", "ego-picture", "actors/beta-state/"),
        ("topics/talks/", "topic-actors-picture", "actors/alpha-state/"),
    ],
)
def test_built_pictures_are_named_and_their_links_land_on_pages(
    fixture_site: Path, url: str, picture: str, target: str
) -> None:
    soup = page(fixture_site, url)
    figure = soup.find("figure", id=picture)
    assert figure is not None
    svg = figure.find("svg")
    for label_id in svg["aria-labelledby"].split():
        assert soup.find(id=label_id).get_text().strip()
    assert figure.find("details").find("table").find("tbody").find_all("tr")
    page_path = (url or "") + "index.html"
    landed = {resolve(fixture_site, page_path, a["href"])[0] for a in svg.find_all("a")}
    assert all(path.is_file() for path in landed)
    assert fixture_site / target / "index.html" in landed
    assert _no_markdown_inside(figure)


def _no_markdown_inside(figure: BeautifulSoup) -> bool:
    """Markdown leaves raw HTML alone: no paragraph or emphasis crept into the picture."""
    return not figure.find_all(["p", "em", "strong"])
