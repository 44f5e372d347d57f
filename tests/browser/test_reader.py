"""What a reader does in a browser: load, search, follow links, read pictures, on a desktop and a phone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, expect

from builder import check_content, parts, paths
from builder.index import Index, build_index
from tests.browser.conftest import DESKTOP, PHONE, Tab, open_tab
from tests.conftest import REPO

INDEX: Index = build_index(check_content(REPO / "content"))


def _url(path: str) -> str:
    return paths.page_url(path)


def _page_types(index: Index) -> dict[str, str]:
    """One page of each kind the site has, chosen from the content so the list keeps up with it."""
    article = index.articles[0]
    actor = max(index.content.actors, key=lambda a: (len(index.mentions[a]), a))
    topic = max(index.content.topics, key=lambda t: (len(index.topic_articles[t]), t))
    day = index.days()[-1]
    # The part of a long list: the events of the actor in most of them, more than its page shows.
    busiest = max(index.content.actors, key=lambda a: (len(index.actor_events[a]), a))
    assert len(index.actor_events[busiest]) > parts.PREVIEW
    events_of = parts.list_path(paths.actor_path(busiest), "events")
    return {
        "home": _url(paths.HOME),
        "articles": _url(paths.ARTICLES_INDEX),
        "article": _url(paths.article_path(article.id)),
        "actors": _url(paths.ACTORS_INDEX),
        "actor": _url(paths.actor_path(actor)),
        "list-part": _url(events_of),
        "topics": _url(paths.TOPICS_INDEX),
        "topic": _url(paths.topic_path(topic)),
        "timeline": _url(paths.TIMELINE_INDEX),
        "year": _url(paths.date_path(day.year_of())),
        "month": _url(paths.date_path(day.month_of())),
        "day": _url(paths.date_path(day)),
        "sources": _url(paths.OUTLETS_INDEX),
        "source": _url(paths.outlet_path(article.source.outlet)),
        "claims": _url(paths.CLAIMS_INDEX),
        "claims-by-status": _url(paths.claim_status_path("false")),
        "disputed": _url(paths.CONTRADICTIONS),
        "data": _url(paths.DATA_INDEX),
        "about": "about/",
        "grading": "grading/",
        "search": "search/?q=Zelenskiy",
    }


PAGE_TYPES = _page_types(INDEX)
SERIOUS = {"serious", "critical"}
MAX_TABS_TO_SEARCH = 10
AXE = Axe()


def _heading(tab: Tab) -> str:
    """The page's title as a reader sees it, without the permalink sign beside it."""
    return tab.page.locator("article h1").inner_text().replace("¶", "").strip()


def _lands_on(tab: Tab, link: Locator, mark: Locator | None = None) -> str:
    """Click a link (or a `mark` inside it) and check the browser arrives where its href points.

    Returns the heading of the page it lands on.
    """
    expected = urljoin(tab.page.url, link.get_attribute("href")).split("#")[0]
    (mark or link).click()
    tab.page.wait_for_url(expected)
    return _heading(tab)


def test_home_page_loads_without_errors_or_requests_leaving_the_site(tab: Tab) -> None:
    tab.open("", wait_until="networkidle")
    assert _heading(tab) == "Russia–Ukraine peace talks tracker"
    assert tab.errors == []
    assert tab.outside() == []
    assert any(url.endswith(".css") for url in tab.requests)


def test_searching_an_alias_finds_the_actor(tab: Tab) -> None:
    tab.open(_url(paths.article_path(INDEX.articles[0].id)))
    # By keyboard, as a reader without a mouse would: Tab reaches the header's search box.
    box = tab.page.get_by_role("search", name="Search").get_by_role("searchbox", name="Search")
    for _ in range(MAX_TABS_TO_SEARCH):
        tab.page.keyboard.press("Tab")
        if box.evaluate("element => element === document.activeElement"):
            break
    expect(box).to_be_focused()
    tab.page.keyboard.type("Zelenskiy")
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url("**/search/?q=Zelenskiy")
    result = tab.page.locator(".search-result-link[href$='/actors/volodymyr-zelensky/']")
    expect(result).to_be_visible(timeout=15_000)
    expect(tab.page.locator(".search-result").first).to_contain_text("Zelenskiy")
    assert _lands_on(tab, result) == "Volodymyr Zelensky"
    assert tab.errors == [] and tab.outside() == []


def test_a_quote_finds_its_article(tab: Tab) -> None:
    article = next(a for a in INDEX.articles if a.quotes)
    words = " ".join(article.quotes[0].text.split()[:6])
    tab.open(f"search/?q={quote(words)}")
    result = tab.page.locator(f".search-result-link[href$='/{_url(paths.article_path(article.id))}']")
    expect(result.first).to_be_visible(timeout=15_000)
    assert tab.errors == [] and tab.outside() == []


def test_article_to_actor_to_topic_to_day(tab: Tab) -> None:
    article = next(a for a in INDEX.articles if any(e.date.precision == 3 for e in a.events))
    tab.open(_url(paths.article_path(article.id)))
    actor = INDEX.actor(article.actors[0])
    link = tab.page.locator("h2#actors + ul a").first
    assert _lands_on(tab, link) == actor.name
    topic_id = INDEX.actor_topics[actor.id][0][0]
    assert _lands_on(tab, tab.page.locator("h2#topics + p a").first) == INDEX.topic(topic_id).name
    day_links = tab.page.locator("h2#timeline + ul a[href*='timeline/']").filter(
        has_text=re.compile(r"^\d+ \w+ \d{4}$")
    )
    label = day_links.first.inner_text()
    assert _lands_on(tab, day_links.first) == label
    assert tab.errors == [] and tab.outside() == []


def test_pictures_render_and_their_marks_open_their_pages(tab: Tab) -> None:
    tab.open("")
    picture = tab.page.locator("#timeline-picture svg")
    box = picture.bounding_box()
    assert box and box["width"] > 400 and box["height"] > 100
    month = INDEX.months()[-1]
    bar = picture.locator(f"a[href='{_url(paths.date_path(month))}']")
    assert _lands_on(tab, bar) == month.label()

    tab.open(_url(paths.ACTORS_INDEX))
    nodes = tab.page.locator("#network-picture svg a")
    assert nodes.count() >= 2
    name = nodes.first.locator("title").text_content().split(":")[0]
    assert _lands_on(tab, nodes.first, mark=nodes.first.locator("circle")) == name
    expect(tab.page.locator("#ego-picture svg")).to_be_visible()
    assert tab.errors == [] and tab.outside() == []


@pytest.fixture(scope="module")
def dark_tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    opened = open_tab(browser, base_url, DESKTOP, color_scheme="dark")
    yield opened
    opened.page.context.close()


@pytest.fixture(scope="module")
def phone_tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    opened = open_tab(browser, base_url, PHONE)
    yield opened
    opened.page.context.close()


def _open(tab: Tab, kind: str) -> None:
    """Open one page type; the search page is audited with its results shown."""
    tab.open(PAGE_TYPES[kind])
    if kind == "search":
        expect(tab.page.locator(".search-result").first).to_be_visible(timeout=15_000)


def _serious_violations(tab: Tab) -> list[str]:
    violations = AXE.run(tab.page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']]}"
        for v in violations
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_passes_an_accessibility_audit(tab: Tab, screenshots: Path, kind: str) -> None:
    _open(tab, kind)
    tab.page.screenshot(path=screenshots / f"{kind}.png", full_page=True, animations="disabled")
    assert _serious_violations(tab) == []
    assert tab.errors == [] and tab.outside() == []


@pytest.mark.parametrize("kind", ["home", "article", "actor"])
def test_dark_mode_passes_the_audit_too(dark_tab: Tab, screenshots: Path, kind: str) -> None:
    dark_tab.open(PAGE_TYPES[kind])
    assert dark_tab.page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    dark_tab.page.screenshot(path=screenshots / f"{kind}-dark.png", animations="disabled")
    assert _serious_violations(dark_tab) == []


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_a_phone_never_scrolls_sideways(phone_tab: Tab, screenshots: Path, kind: str) -> None:
    _open(phone_tab, kind)
    phone_tab.page.screenshot(path=screenshots / f"{kind}-phone.png", animations="disabled")
    widths = phone_tab.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{kind}: page is {widths[0]} px wide on a {widths[1]} px screen"
