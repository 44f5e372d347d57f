"""Finding things in a browser: faceted search, aliases, quotes and claims as results, the chronology.

Run on the fixture site and on the published content. What each facet should leave is worked out
from the content itself, and compared with what the search page shows a reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, quote_plus, urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect

from builder import check_content, chronology, paths
from builder.dates import Precision
from builder.index import Index, build_index
from tests.browser.conftest import DESKTOP, PHONE, Tab, open_tab
from tests.conftest import FIXTURE_CONTENT, REPO

SERIOUS = {"serious", "critical"}
EVERY_ARTICLE = "the"
"""A word in every summary: searched with a filter, it leaves exactly the pages the filter names."""
RESULTS = re.compile(r"^(\d+) results? for")


@dataclass(frozen=True)
class Site:
    name: str
    index: Index
    alias: str
    actor: str
    """A spelling of an actor's name that is not the name, and that actor's id."""


SITES = {
    "fixture": Site("fixture", build_index(check_content(FIXTURE_CONTENT)), "Alphova", "ada-alpha"),
    "real": Site("real", build_index(check_content(REPO / "content")), "Zelenskiy", "volodymyr-zelensky"),
}


@pytest.fixture(params=sorted(SITES))
def site(request: pytest.FixtureRequest) -> Site:
    return SITES[request.param]


def _tab(browser: Browser, site: Site, request: pytest.FixtureRequest, screen: dict[str, int]) -> Iterator[Tab]:
    """A tab on the site at that screen size; it must end with no console error and no request leaving the site."""
    url = request.getfixturevalue("base_url" if site.name == "real" else "fixture_base_url")
    opened = open_tab(browser, url, screen)
    yield opened
    assert opened.errors == [] and opened.outside() == []
    opened.page.context.close()


@pytest.fixture
def desk(browser: Browser, site: Site, request: pytest.FixtureRequest) -> Iterator[Tab]:
    yield from _tab(browser, site, request, DESKTOP)


@pytest.fixture
def phone(browser: Browser, site: Site, request: pytest.FixtureRequest) -> Iterator[Tab]:
    yield from _tab(browser, site, request, PHONE)


def _count(tab: Tab) -> int:
    """The number of results the search page announces, once it has searched."""
    message = tab.page.locator(".search-status")
    expect(message).to_have_text(RESULTS, timeout=15_000)
    tab.page.wait_for_timeout(400)  # a search started by a filter replaces the message when done
    return int(RESULTS.match(message.inner_text()).group(1))  # type: ignore[union-attr]


def _search(tab: Tab, words: str, **filters: str) -> int:
    tab.open(f"search/?{urlencode({'q': words, **filters})}")
    return _count(tab)


def _all_results(tab: Tab, words: str) -> list[str]:
    """Every result's address in Pagefind's order, through the same runtime the search page uses."""
    return tab.page.evaluate(
        """async (words) => {
            const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
            const found = await pagefind.search(words);
            return Promise.all(found.results.map(async (result) => (await result.data()).url));
        }""",
        words,
    )


def _expected(index: Index) -> dict[str, dict[str, int]]:
    """For each facet of the address, a few values and how many articles each leaves."""
    articles = index.articles
    newest = articles[0]
    topic = max(index.content.topics, key=lambda t: (len(index.topic_articles[t]), t))
    status = next(c.status for a in articles for c in a.claims)

    def most_mentioned(people: bool) -> dict[str, int]:
        actors = [a for a in index.content.actors if (index.actor(a).kind == "person") == people]
        actor = max(actors, key=lambda a: (len(index.mentions[a]), a))
        return {index.actor(actor).name: len(index.mentions[actor])}

    return {
        "year": {str(newest.published.year): sum(a.published.year == newest.published.year for a in articles)},
        "kind": {newest.source.kind_label: sum(a.source.kind == newest.source.kind for a in articles)},
        "outlet": {
            index.outlet(newest.source.outlet).name: sum(a.source.outlet == newest.source.outlet for a in articles)
        },
        # People and the other actors are two filters (builder/search.py, FACETS).
        "person": most_mentioned(people=True),
        "org": most_mentioned(people=False),
        "topic": {index.topic(topic).name: len(index.topic_articles[topic])},
        "status": {status.label: sum(any(c.status is status for c in a.claims) for a in articles)},
    }


def test_each_facet_leaves_the_articles_it_names_and_a_shared_address_shows_the_same(desk: Tab, site: Site) -> None:
    every = _search(desk, EVERY_ARTICLE, type="Article")
    assert every == len(site.index.articles)
    for param, values in _expected(site.index).items():
        for value, count in values.items():
            assert _search(desk, EVERY_ARTICLE, type="Article", **{param: value}) == count, (param, value)
            shown = desk.page.locator(".search-filter-value:has(input:checked) label")
            assert shown.count() == 2  # the page type and this filter, ticked, with their counts
            assert f"{value} ({count})" in shown.all_inner_texts(), (param, shown.all_inner_texts())


def test_ticking_a_filter_narrows_the_results_and_the_address_reproduces_them(
    desk: Tab, site: Site, browser: Browser, shots: Path
) -> None:
    every = _search(desk, EVERY_ARTICLE)
    year_group = desk.page.locator("details.search-filter", has_text="Year")
    year_group.locator("summary").click()
    newest = str(site.index.articles[0].published.year)
    value = year_group.locator(".search-filter-value", has_text=newest)
    label = value.locator("label").inner_text()
    shown_count = int(re.search(r"\((\d+)\)$", label).group(1))  # type: ignore[union-attr]
    expect(value.locator("label")).to_be_visible(timeout=15_000)
    value.locator("input").check()
    expect(value.locator("input")).to_be_checked()
    expect(desk.page).to_have_url(re.compile(rf"year={newest}"), timeout=15_000)
    desk.page.wait_for_timeout(600)
    narrowed = _count(desk)
    assert narrowed == shown_count <= every
    assert narrowed == sum(a.published.year == int(newest) for a in site.index.articles)
    first = desk.page.locator(".search-result-link").evaluate_all("links => links.map(a => a.href)")
    desk.page.screenshot(path=shots / f"search-filtered-{site.name}.png", full_page=True, animations="disabled")

    shared = open_tab(browser, desk.base_url, DESKTOP)
    try:
        shared.page.goto(desk.page.url)
        assert _count(shared) == narrowed
        again = shared.page.locator(".search-result-link").evaluate_all("links => links.map(a => a.href)")
        assert again == first
        checked = shared.page.locator(".search-filter-value input:checked")
        assert checked.evaluate_all("boxes => boxes.map(b => b.value)") == [newest]
        assert shared.errors == [] and shared.outside() == []
    finally:
        shared.page.context.close()


def _filter_files(tab: Tab) -> list[str]:
    return [url for url in tab.requests if url.endswith(".pf_filter")]


def test_a_filters_file_is_fetched_only_when_a_reader_opens_that_filter(desk: Tab, site: Site) -> None:
    # Pagefind's own interface fetched every filter's file as it started: at 10,000 summaries that
    # alone took the first filtered search over its 0.5 MB budget.
    _search(desk, EVERY_ARTICLE)
    assert _filter_files(desk) == []
    desk.page.locator("details.search-filter", has_text="Year").locator("summary").click()
    expect(
        desk.page.locator("details.search-filter", has_text="Year").locator(".search-filter-value").first
    ).to_be_visible(timeout=15_000)
    assert len(set(_filter_files(desk))) == 1
    desk.page.locator("details.search-filter", has_text="Topic").locator("summary").click()
    expect(
        desk.page.locator("details.search-filter", has_text="Topic").locator(".search-filter-value").first
    ).to_be_visible(timeout=15_000)
    assert len(set(_filter_files(desk))) == 2


def test_filters_without_words_ask_for_words_instead_of_loading_the_whole_index(desk: Tab, site: Site) -> None:
    # Without words Pagefind would fetch every chunk of its index: megabytes at scale.
    desk.open(f"search/?{urlencode({'year': str(site.index.articles[0].published.year)})}")
    expect(desk.page.locator(".search-status")).to_have_text("Type words to search with these filters.", timeout=15_000)
    expect(desk.page.locator("details.search-filter", has_text="Year")).to_have_attribute("open", "")
    assert [url for url in desk.requests if "/pagefind/index/" in url] == []
    assert desk.page.locator(".search-result").count() == 0


def test_without_its_index_the_search_page_says_so(browser: Browser, fixture_base_url: str) -> None:
    tab = open_tab(browser, fixture_base_url, DESKTOP)
    try:
        tab.page.route("**/pagefind/**", lambda route: route.abort())
        tab.open(f"search/?{urlencode({'q': EVERY_ARTICLE})}")
        expect(tab.page.locator(".search-status")).to_have_text("The search index could not be loaded.", timeout=15_000)
    finally:
        tab.page.context.close()


def test_an_earlier_address_naming_an_actor_still_filters_by_that_actor(desk: Tab, site: Site) -> None:
    # The search page once had one actor filter, `actor=`; people and the others are two now.
    expected = _expected(site.index)
    for param in ("person", "org"):
        ((name, count),) = expected[param].items()
        assert _search(desk, EVERY_ARTICLE, type="Article", actor=name) == count, name
        expect(desk.page).to_have_url(re.compile(rf"[?&]{param}={re.escape(quote_plus(name))}(&|$)"))
        assert "actor=" not in desk.page.url


def test_newest_first_orders_articles_by_date(desk: Tab, site: Site) -> None:
    count = _search(desk, EVERY_ARTICLE, type="Article", sort="newest")
    assert count == len(site.index.articles)
    expect(desk.page.locator("#search-sort")).to_have_value("newest")
    links = desk.page.locator(".search-result-link").evaluate_all("links => links.map(a => a.pathname)")
    shown = list(dict.fromkeys(links))  # each result, then its quotes', claims' and sections' sub-results
    # Pagefind sorts the dates as written: a month before its days, as the site's timeline does.
    newest = sorted(site.index.articles, key=lambda a: a.published.iso(), reverse=True)
    assert shown[: len(newest)] == ["/" + paths.page_url(paths.article_path(a.id)) for a in newest][: len(shown)]


def test_an_alias_finds_the_actor_first_then_every_article_that_involves_the_actor(desk: Tab, site: Site) -> None:
    desk.open(f"search/?q={quote(site.alias)}")
    actor_url = "/" + paths.page_url(paths.actor_path(site.actor))
    first = desk.page.locator(".search-result-link").first
    expect(first).to_have_attribute("href", actor_url, timeout=15_000)
    found = _all_results(desk, site.alias)
    assert found[0] == actor_url
    articles = {"/" + paths.page_url(paths.article_path(a.id)) for a in site.index.mentions[site.actor]}
    assert articles <= set(found[1:])
    # The other spellings are indexed from an attribute: no reader sees or hears them on the article.
    article = site.index.mentions[site.actor][0]
    desk.open(paths.page_url(paths.article_path(article.id)))
    body = desk.page.locator("article").inner_text()
    assert site.alias not in body
    mark = desk.page.locator(f"[data-aliases*='{site.alias}']").first
    assert mark.evaluate("e => [e.textContent, e.getBoundingClientRect().width, e.children.length]") == ["", 0, 0]


def test_a_claims_words_lead_to_the_claim_itself(desk: Tab, site: Site) -> None:
    claim = max(site.index.content.claims.values(), key=lambda c: (len(c.text.split()), c.id))
    words = " ".join(claim.text.split()[:6])
    desk.open(f"search/?q={quote(words)}")
    anchor = paths.page_url(paths.article_path(claim.article)) + "#" + claim.anchor
    sub = desk.page.locator(f".search-result-link[href$='/{anchor}']")
    expect(sub.first).to_be_visible(timeout=15_000)
    # Its title says what it is: the status, a claim, and who makes it.
    assert sub.first.inner_text().startswith(f"{claim.status.label} claim by")
    sub.first.click()
    desk.page.wait_for_url(f"**/{anchor}")
    block = desk.page.locator(f"#{claim.anchor}")
    expect(block).to_be_in_viewport()
    expect(block).to_contain_text(" ".join(claim.text.split()))


def _year_with_bands(index: Index) -> tuple[int, list[str]]:
    """The year whose chronology has the most precisions, and the events' precisions there."""
    best = max(
        chronology.years(index),
        key=lambda y: (len({e.date.precision for e in chronology.events_of_year(index, y)}), y.year),
    )
    return best.year, [e.date.precision.name.lower() for e in chronology.events_of_year(index, best)]


def test_the_chronology_draws_days_as_marks_and_months_and_years_as_bands(desk: Tab, site: Site) -> None:
    year, precisions = _year_with_bands(site.index)
    desk.open(f"chronology/{year}/")
    items = desk.page.locator("li.chrono-event")
    assert items.count() == len(precisions)
    events = chronology.events_of_year(site.index, chronology.years(site.index)[0].year_of())
    assert events  # every year listed has events
    for number, precision in enumerate(precisions):
        item = items.nth(number)
        assert f"chrono-event--{precision}" in (item.get_attribute("class") or "")
        bar = item.locator(".chrono-bar").bounding_box()
        mark = item.locator(".chrono-mark").bounding_box()
        assert bar and mark
        share = mark["width"] / bar["width"]
        date = item.locator(".chrono-date").inner_text()
        if precision == "year":
            assert share > 0.97 and "known only to the year" in date
            assert re.fullmatch(rf"{year} \(known only to the year\)", date)
        elif precision == "month":
            assert 0.07 < share < 0.1 and "known to the month" in date
            assert not re.match(r"^\d", date), f"a month's event shown on a day: {date}"
        else:
            assert share < 0.02 and re.match(r"^\d{1,2} \w+ \d{4}$", date)
    assert items.first.locator(".chrono-bar").get_attribute("aria-hidden") == "true"


def test_the_chronology_filters_by_actor_topic_and_kind_and_keeps_them_in_its_address(
    desk: Tab, site: Site, browser: Browser
) -> None:
    year, _ = _year_with_bands(site.index)
    events = chronology.events_of_year(site.index, next(y for y in chronology.years(site.index) if y.year == year))
    actor = max(sorted({a for e in events for a in e.actors}), key=lambda a: sum(a in e.actors for e in events))
    kind = max(sorted({e.type for e in events}), key=lambda k: sum(e.type == k for e in events))
    desk.open(f"chronology/{year}/")
    visible = desk.page.locator("li.chrono-event:visible")
    assert visible.count() == len(events)
    desk.page.get_by_label("Actor").select_option(actor)
    assert visible.count() == sum(actor in e.actors for e in events)
    expect(desk.page.locator(".chrono-count")).to_have_text(f"{visible.count()} of {len(events)} events on this page")
    desk.page.get_by_label("Kind of event").select_option(kind)
    both = sum(actor in e.actors and e.type == kind for e in events)
    assert visible.count() == both
    expect(desk.page).to_have_url(re.compile(rf"\?actor={actor}&type={kind}$"))
    shared = open_tab(browser, desk.base_url, DESKTOP)
    try:
        shared.page.goto(desk.page.url)
        assert shared.page.locator("li.chrono-event:visible").count() == both
    finally:
        shared.page.context.close()


def test_a_topic_page_links_to_the_chronology_filtered_to_it(desk: Tab, site: Site) -> None:
    index = site.index
    topic = max(index.content.topics, key=lambda t: (len(index.topic_events[t]), t))
    desk.open(paths.page_url(paths.topic_path(topic)))
    desk.page.get_by_role("link", name=re.compile("On the chronology")).click()
    desk.page.wait_for_url(re.compile(rf"chronology/\d{{4}}/\?topic={topic}$"))
    year = int(re.search(r"chronology/(\d{4})/", desk.page.url).group(1))  # type: ignore[union-attr]
    events = chronology.events_of_year(index, next(y for y in chronology.years(index) if y.year == year))
    expect(desk.page.get_by_label("Topic")).to_have_value(topic)
    assert desk.page.locator("li.chrono-event:visible").count() == sum(topic in e.topics for e in events) > 0


AUDITED = {
    "search": lambda site: f"search/?{urlencode({'q': EVERY_ARTICLE, 'type': 'Article', 'sort': 'newest'})}",
    "chronology": lambda site: f"chronology/{_year_with_bands(site.index)[0]}/",
    "chronology-index": lambda site: "chronology/",
}


@pytest.mark.parametrize("kind", AUDITED)
def test_search_and_chronology_pass_the_audit_and_fit_a_phone(
    desk: Tab, phone: Tab, site: Site, shots: Path, kind: str
) -> None:
    for tab, device in ((desk, "desktop"), (phone, "phone")):
        tab.open(AUDITED[kind](site))
        if kind == "search":
            _count(tab)
            tab.page.locator("details.search-filter summary").first.click()
        tab.page.screenshot(path=shots / f"{kind}-{site.name}-{device}.png", full_page=True, animations="disabled")
        violations = Axe().run(tab.page).response["violations"]
        serious = [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in violations if v["impact"] in SERIOUS]
        assert serious == [], (device, serious)
        widths = tab.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{kind} on a {device}: {widths[0]} px wide on a {widths[1]} px screen"


def test_precision_words_name_every_precision() -> None:
    assert set(chronology.PRECISION_WORDS) == set(Precision)
