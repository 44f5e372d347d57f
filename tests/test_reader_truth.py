"""What a reader sees must be true: each quote beside its own speaker, each dubious statement flagged.

Every page of the fixture site and of the real site is read block by block (tests/reader.py) and
each quote, claim and event is compared with the content it came from.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from builder import check_content
from builder.model import ClaimStatus, Content
from tests.conftest import FIXTURE_CONTENT, REPO
from tests.html import page, resolve
from tests.reader import Item, expected_statement, folded, item_address, items

FLAGGED_LABELS = frozenset(status.label for status in ClaimStatus if status.flagged)
PAGE_TYPES = ("articles", "actors", "topics", "outlets", "claims", "timeline")


def page_type(url: str) -> str:
    first = url.split("/", 1)[0]
    return first if first in PAGE_TYPES and url != f"{first}/" else ("home" if not url else "index")


def site_pages(site: Path) -> list[tuple[str, BeautifulSoup]]:
    """Every HTML page of the site but the search index's, with its URL from the site root."""
    pages = []
    for html_file in sorted(site.rglob("index.html")):
        url = html_file.parent.relative_to(site).as_posix()
        url = "" if url == "." else url + "/"
        if not url.startswith(("pagefind/", "search/")):
            pages.append((url, BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")))
    return pages


def assert_item_true(item: Item, url: str, content: Content) -> None:
    """The block shows its own words, speaker or claimant, status and note, and nobody else's."""
    address = item_address(item, url)
    assert address, f"{item.kind} {item.text!r} on {url} has neither anchor nor link to its full item"
    kind, words, by, status, note = expected_statement(content, address)
    where = f"{item.kind} at {address} shown on {url}"
    assert item.kind == kind, where
    if kind == "event":
        assert folded(words) in item.text, where
        assert item.status == status, f"{where}: status {item.status!r}, expected {status!r}"
        return
    assert item.text == folded(words), f"{where}: words {item.text!r}"
    assert item.by == by, f"{where}: shown beside {item.by!r}, said by {by!r}"
    assert item.status == status, f"{where}: status {item.status!r}, expected {status!r}"
    # Hubs list a claim compactly: our note is there whenever the statement is flagged.
    flagged = status in FLAGGED_LABELS
    assert item.note == folded(note) or (not item.note and not flagged and not item.anchor), f"{where}: {item.note!r}"
    if kind == "quote":
        assert item.blockquotes == 1, f"{where}: {item.blockquotes} quotations in one block"


def check_every_item(site: Path, content: Content) -> Counter[tuple[str, str]]:
    """Check every block on every page; count them by page type and kind."""
    counted: Counter[tuple[str, str]] = Counter()
    for url, soup in site_pages(site):
        for item in items(soup, url):
            assert_item_true(item, url, content)
            counted[(page_type(url), item.kind)] += 1
    return counted


def check_every_anchor(site: Path, content: Content) -> int:
    """Each link to '#quote-N', '#claim-ID' or '#event-N' lands on a block that holds that very item."""
    followed = 0
    for url, soup in site_pages(site):
        for link in soup.select("article a[href*='#']"):
            fragment = link["href"].rsplit("#", 1)[1]
            if not fragment.startswith(("quote-", "claim-", "event-")) or "/articles/" not in link["href"]:
                continue
            target_file, _ = resolve(site, url + "index.html", link["href"])
            target_url = target_file.parent.relative_to(site).as_posix() + "/"
            landing = BeautifulSoup(target_file.read_text(encoding="utf-8"), "html.parser").find(id=fragment)
            assert landing is not None, f"{link['href']} from {url} lands nowhere"
            shown = [i for i in items(landing.parent, target_url) if i.anchor == fragment]
            assert len(shown) == 1, f"{link['href']} from {url} lands on {landing.name}, not on one item"
            assert_item_true(shown[0], target_url, content)
            followed += 1
    return followed


def flagged_statements(content: Content) -> list[tuple[str, str]]:
    """The words of every disputed, false or unverifiable claim or quote, with their status label."""
    found = [(claim.text, claim.status.label) for claim in content.claims.values() if claim.status.flagged]
    for article in content.articles.values():
        found += [(quote.text, quote.status.label) for quote in article.quotes if quote.status.flagged]
    return found


def check_headings_and_contents(site: Path, content: Content) -> int:
    """No heading or table-of-contents entry states a flagged statement, even in part, without its status."""
    flagged = flagged_statements(content)
    checked = 0
    for url, soup in site_pages(site):
        titles = soup.select("article h1, article h2, article h3, article h4, nav.md-nav--secondary a, title")
        headings = [folded(h.get_text(" ")) for h in soup.select("article h2")]
        assert len(headings) == len(set(headings)), f"{url}: two sections share a title: {headings}"
        for title in titles:
            shown = folded(title.get_text(" "))
            for words, status in flagged:
                if folded(words)[:40] in shown:
                    assert status in shown, f"{url}: heading {shown!r} states a {status} statement bare"
            checked += 1
    return checked


def check_flagged_sources(site: Path, content: Content) -> int:
    """A headline from an AI-generated, aggregated, state or unidentified source never goes without its kind."""
    labels = {
        folded(article.headline): article.source.kind_label
        for article in content.articles.values()
        if article.flagged_source
    }
    checked = 0
    for url, soup in site_pages(site):
        for link in soup.select("article a"):
            if label := labels.get(folded(link.get_text(" "))):
                tag = link.find_next_sibling()
                assert tag is not None and "source-kind" in tag.get("class", []), f"{url}: {link} without its kind"
                assert tag.get_text() == label, f"{url}: {link} tagged {tag.get_text()!r}, not {label!r}"
                checked += 1
        heading = folded(soup.select_one("article h1").get_text(" ")) if soup.select_one("article h1") else ""
        title = folded(soup.title.get_text()) if soup.title else ""
        for words, label in labels.items():
            if heading.startswith(words):
                assert heading.removesuffix(" ¶").endswith(label), f"{url}: heading {heading!r} without {label}"
                checked += 1
            if title.startswith(words):
                assert f"({label} source)" in title, f"{url}: title {title!r} without its source's kind"
    return checked


@pytest.fixture(scope="module")
def fixture_content() -> Content:
    return check_content(FIXTURE_CONTENT)


@pytest.fixture(scope="module")
def real_content() -> Content:
    return check_content(REPO / "content")


def test_every_block_of_the_fixture_site_shows_its_own_item(fixture_site: Path, fixture_content: Content) -> None:
    counted = check_every_item(fixture_site, fixture_content)
    # Quotes on article, actor and topic pages; claims and events on every hub that lists them.
    for page_kind, kind in [
        ("articles", "quote"),
        ("actors", "quote"),
        ("topics", "quote"),
        ("articles", "claim"),
        ("actors", "claim"),
        ("topics", "claim"),
        ("outlets", "claim"),
        ("claims", "claim"),
        ("timeline", "claim"),
        ("articles", "event"),
        ("actors", "event"),
        ("topics", "event"),
        ("timeline", "event"),
    ]:
        assert counted[(page_kind, kind)] > 0, f"no {kind} checked on {page_kind} pages"


def test_an_article_with_several_quotes_shows_each_beside_its_own_speaker(fixture_site: Path) -> None:
    url = "articles/2025-11-early-contacts/"
    shown = items(page(fixture_site, url), url)
    quotes = [(item.anchor, item.text, item.by, item.status) for item in shown if item.kind == "quote"]
    assert quotes == [
        ("quote-1", "We came to listen.", "Ada Alpha", "Reported"),
        ("quote-2", "We will sign nothing this year.", "Betastan", "False"),
        ("quote-3", "The next round will be in spring.", "Ada Alpha", "Unverifiable"),
    ]


def test_a_false_quote_shows_its_status_and_note_on_the_speakers_and_topics_pages(fixture_site: Path) -> None:
    for url in ("actors/beta-state/", "topics/talks/"):
        [quote] = [i for i in items(page(fixture_site, url), url) if i.text == "We will sign nothing this year."]
        assert (quote.by, quote.status) == ("Betastan", "False"), url
        assert quote.note.startswith("No other report carries these words"), url
        assert quote.target == "articles/2025-11-early-contacts/#quote-2", url


def section_items(soup: BeautifulSoup, heading: str, url: str) -> list[Item]:
    """The items under the `## heading…` of a page, up to the next such heading."""
    start = next(h2 for h2 in soup.select("article h2") if h2.get_text().startswith(heading))
    found = []
    for sibling in start.find_next_siblings():
        if sibling.name == "h2":
            break
        found += items(sibling, url)
    return found


def test_a_claim_about_a_person_reaches_that_persons_page(fixture_site: Path) -> None:
    url = "actors/ada-alpha/"
    claims = section_items(page(fixture_site, url), "Claims about", url)
    assert [(c.text, c.by, c.status) for c in claims] == [
        ("Ada Alpha has resigned as leader of Alphaland.", "Machine News", "False")
    ]
    assert claims[0].target == "articles/2025-11-early-contacts/#claim-ada-resigned"


def test_every_link_to_a_quote_claim_or_event_lands_on_that_item(fixture_site: Path, fixture_content: Content) -> None:
    assert check_every_anchor(fixture_site, fixture_content) > 20


def test_no_heading_states_a_flagged_statement_bare(fixture_site: Path, fixture_content: Content) -> None:
    assert check_headings_and_contents(fixture_site, fixture_content) > 100


def test_headlines_of_flagged_sources_always_carry_the_kind(fixture_site: Path, fixture_content: Content) -> None:
    assert check_flagged_sources(fixture_site, fixture_content) > 5


def test_contradictions_show_each_claim_once(fixture_site: Path) -> None:
    shown = items(page(fixture_site, "claims/contradictions/"), "claims/contradictions/")
    claims = [item.text for item in shown if item.kind == "claim"]
    assert len(claims) == len(set(claims)) >= 2


def test_the_real_site_shows_every_item_truly(real_site: Path, real_content: Content) -> None:
    counted = check_every_item(real_site, real_content)
    quotes_in_content = sum(len(a.quotes) for a in real_content.articles.values())
    assert counted[("articles", "quote")] == quotes_in_content
    assert check_every_anchor(real_site, real_content) > 50
    assert check_headings_and_contents(real_site, real_content) > 100
    assert check_flagged_sources(real_site, real_content) > 20
