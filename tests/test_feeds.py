"""Atom feeds: the newest summaries for the site, each actor and each topic, with absolute links."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import pytest

from builder import Site, check_content
from builder.feeds import render_feeds
from builder.index import Index, build_index
from tests.conftest import FIXTURE_CONTENT
from tests.html import page

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = Site("Tracker", "https://example.org/tracker/")
PUBLISHED = "https://peace-talks-tracker.github.io/peace-talks-tracker/"


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(check_content(FIXTURE_CONTENT, today=datetime.date(2026, 11, 22)))


def _feed(data: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(data)


XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def _entries(feed: ElementTree.Element) -> list[tuple[str, str, str]]:
    return [
        (e.findtext(f"{ATOM}title"), e.findtext(f"{ATOM}id"), e.findtext(f"{ATOM}updated"))
        for e in feed.iter(f"{ATOM}entry")
    ]


def test_site_feed_lists_the_newest_summaries_first(index: Index) -> None:
    feed = _feed(render_feeds(index, SITE)["feeds/summaries.xml"])
    assert feed.findtext(f"{ATOM}id") == "https://example.org/tracker/feeds/summaries.xml"
    assert feed.findtext(f"{ATOM}title") == "Tracker: All summaries"
    assert feed.findtext(f"{ATOM}updated") == "2026-01-10T00:00:00+00:00"
    assert feed.get(XML_BASE) == "https://example.org/tracker/"
    links = {link.get("rel"): urljoin(feed.get(XML_BASE), link.get("href")) for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "https://example.org/tracker/",
        "self": "https://example.org/tracker/feeds/summaries.xml",
    }
    assert _entries(feed) == [
        (
            "Second round ends without a deal",
            "https://example.org/tracker/articles/2026-01-10-second-round/",
            "2026-01-10T00:00:00+00:00",
        ),
        (
            "First round of talks opens",
            "https://example.org/tracker/articles/2026-01-05-first-round/",
            "2026-01-05T00:00:00+00:00",
        ),
        (
            "Early contacts reported",
            "https://example.org/tracker/articles/2025-11-20-early-contacts/",
            # Published in November 2025, day unknown: dated to the month's first day.
            "2025-11-01T00:00:00+00:00",
        ),
    ]
    entry = next(feed.iter(f"{ATOM}entry"))
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["talks", "sanctions"]
    assert entry.findtext(f"{ATOM}summary").startswith("Example Daily, 10 January 2026. ")


def test_each_actor_and_topic_has_a_feed_of_its_own_articles(index: Index) -> None:
    feeds = render_feeds(index, SITE)
    expected = {f"feeds/actors/{a}.xml" for a in index.content.actors} | {
        f"feeds/topics/{t}.xml" for t in index.content.topics
    }
    sitemaps = {"feeds/sitemap.xml", "feeds/actors/sitemap.xml", "feeds/topics/sitemap.xml"}
    assert set(feeds) == expected | {"feeds/summaries.xml"} | sitemaps
    ceasefire = _feed(feeds["feeds/topics/ceasefire.xml"])
    assert [title for title, *_ in _entries(ceasefire)] == ["First round of talks opens"]
    # No article mentions the league: its feed is empty, dated by the newest summary, not by the clock.
    league = _feed(feeds["feeds/actors/gamma-league.xml"])
    assert _entries(league) == []
    assert league.findtext(f"{ATOM}updated") == "2026-01-10T00:00:00+00:00"


def test_each_feed_folder_has_a_sitemap_listing_its_feeds(index: Index) -> None:
    # Material's theme asks for one beside every <link rel="alternate">; see feeds._sitemaps.
    sitemap = ElementTree.fromstring(render_feeds(index, SITE)["feeds/topics/sitemap.xml"])
    locations = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations == [f"https://example.org/tracker/feeds/topics/{t}.xml" for t in sorted(index.content.topics)]


def test_feeds_are_the_same_on_every_build(index: Index) -> None:
    assert render_feeds(index, SITE) == render_feeds(index, SITE)


def test_hostile_text_stays_text_in_feeds(content_dir: Path, edit_yaml: Callable[[Path, str, str], None]) -> None:
    first = content_dir / "articles" / "2026-01-05-first-round.yaml"
    edit_yaml(
        first, "headline: First round of talks opens", 'headline: "</title><script>x</script> ]]> &amp; \\x01 end"'
    )
    feed = _feed(render_feeds(build_index(check_content(content_dir)), SITE)["feeds/summaries.xml"])
    titles = [title for title, *_ in _entries(feed)]
    assert "</title><script>x</script> ]]> &amp;  end" in titles


def test_pages_announce_their_feeds(fixture_site: Path) -> None:
    def announced(url: str) -> dict[str, str]:
        links = page(fixture_site, url).select('head link[rel="alternate"][type="application/atom+xml"]')
        return {link["title"]: link["href"] for link in links}

    assert announced("") == {"All summaries": "feeds/summaries.xml"}
    assert announced("actors/ada-alpha/") == {
        "All summaries": "../../feeds/summaries.xml",
        "Summaries mentioning Ada Alpha": "../../feeds/actors/ada-alpha.xml",
    }
    assert announced("topics/talks/")["Summaries on Talks"] == "../../feeds/topics/talks.xml"
    feed = _feed((fixture_site / "feeds" / "actors" / "ada-alpha.xml").read_bytes())
    assert feed.findtext(f"{ATOM}id") == PUBLISHED + "feeds/actors/ada-alpha.xml"
