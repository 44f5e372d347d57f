"""Atom feeds: the newest summaries for the site, each actor and each topic, with absolute links."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import pytest

from builder import Caches, Site, check_content, generate_pages
from builder.feeds import render_feeds
from builder.index import Index, build_index
from builder.model import ClaimStatus
from tests.conftest import FIXTURE_CONTENT, REPO
from tests.html import page

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = Site("Tracker", "https://example.org/tracker/")
PUBLISHED = "https://peace-talks-tracker.github.io/peace-talks-tracker/"


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(check_content(FIXTURE_CONTENT, today=datetime.date(2026, 11, 22)))


def _feed(data: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(data)


def _headline(title: str) -> str:
    """An entry's title without the warnings before it ("[AI-generated source] Headline" gives "Headline")."""
    return title.split("] ", 1)[1] if title.startswith("[") else title


TODAY = datetime.date(2026, 11, 22)

_SCHEMA = "# yaml-language-server: $schema=../builder/schemas/{}.schema.json\n"
_ARTICLE_SCHEMA = "# yaml-language-server: $schema=../../builder/schemas/article.schema.json\n"

FLAGGED_REGISTRIES = {
    "actors": """\
- {id: northland, name: Northland, kind: state, description: A state at war.}
- {id: southland, name: Southland, kind: state, description: The other state at war.}
- {id: envoy-ema, name: Envoy Ema, kind: person, role: Special envoy, description: A mediator.}
- {id: max-mediator, name: Max Mediator, kind: person, description: Another mediator.}
""",
    "topics": """\
- {id: talks, name: Talks, description: Negotiations.}
- {id: prisoners, name: Prisoners, description: Exchanges of prisoners.}
""",
    "outlets": """\
- {id: bot-news, name: Bot News, kind: ai-generated, country: unknown, language: en,
   state_affiliation: unknown, description: Machine-written pages.}
- {id: wire-one, name: Wire One, kind: wire, country: Nowhere, language: en,
   state_affiliation: independent, description: A wire service.}
- {id: daily-two, name: Daily Two, kind: newspaper, country: Nowhere, language: en,
   state_affiliation: independent, description: A newspaper.}
- {id: anon-site, name: Anonymous site, kind: unidentified, country: unknown, language: en,
   state_affiliation: unknown, description: A page whose publisher cannot be identified.}
""",
}

FALSE_QUOTE_NOTE = "Invented: <script>alert(1)</script> & no record of it, ]]> anywhere."

FLAGGED_ARTICLES = {
    # An AI-generated source, and nothing else flagged.
    "2026-03-01-bot-talks": """\
headline: Talks resume, a bot says
source: {outlet: bot-news, published: 2026-03-01, language: en, kind: ai-generated}
grade: {source: F, information: 6}
reliability: Says that it is machine-written.
summary: A machine-written page says that talks resumed.
actors: [northland]
topics: [talks]
""",
    # A false quote beside a reported one, from a wire.
    "2026-03-02-envoy-quote": """\
headline: Envoy promises a deal within a week
source: {outlet: wire-one, published: 2026-03-02, language: en, kind: wire}
grade: {source: B, information: 3}
reliability: A wire service.
summary: The envoy spoke to reporters.
actors: [envoy-ema]
topics: [talks]
quotes:
  - {speaker: envoy-ema, text: We will keep talking.}
  - speaker: envoy-ema
    text: There will be a deal within a week.
    status: "false"
    note: "FALSE_QUOTE_NOTE"
""".replace("FALSE_QUOTE_NOTE", FALSE_QUOTE_NOTE),
    # A disputed claim, an event resting on an unverifiable claim, and a reported claim.
    "2026-03-03-truce": """\
headline: Southland says Northland broke the truce
source: {outlet: daily-two, published: 2026-03-03, language: en, kind: newspaper}
grade: {source: C, information: 3}
reliability: A national newspaper.
summary: Southland accused Northland of breaking the truce.
actors: [northland, southland]
topics: [talks, prisoners]
events:
  - date: 2026-02-27
    what: Envoys met in secret.
    type: talks
    actors: [envoy-ema, max-mediator]
    claim: secret-meeting
  - date: 2026-03-02
    what: Southland released a statement.
    type: statement
    actors: [southland]
  - date: 2026-03-03
    what: Northland set a date for talks.
    type: statement
    actors: [northland]
    claim: talks-set
claims:
  - id: truce-broken
    by: southland
    about: [northland]
    text: Northland broke the truce on 1 March
    status: disputed
    credibility: 3
    note: Northland denies it, and observers saw no fighting that day.
  - id: secret-meeting
    by: outlet
    about: [envoy-ema, max-mediator]
    text: The envoys met in secret in February.
    status: unverifiable
    credibility: 4
    note: No other source reports the meeting.
  - id: talks-set
    by: northland
    text: Talks will resume in April.
    status: reported
    credibility: 2
    note: From a government statement.
""",
    # An unidentified source, nothing else flagged.
    "2026-03-04-swap-rumour": """\
headline: Rumour of a prisoner swap
source: {outlet: anon-site, published: 2026-03-04, language: en, kind: unidentified}
grade: {source: F, information: 6}
reliability: Nobody can say who wrote it.
summary: A page says that a prisoner swap is planned.
actors: [southland]
topics: [prisoners]
""",
    # Nothing flagged at all.
    "2026-03-05-quiet-talks": """\
headline: Talks continue quietly
source: {outlet: wire-one, published: 2026-03-05, language: en, kind: wire}
grade: {source: B, information: 2}
reliability: A wire service.
summary: The talks went on without announcements.
actors: [northland, southland]
topics: [talks]
quotes:
  - {speaker: northland, text: The talks go on., status: confirmed}
""",
}


def write_flagged_content(root: Path) -> Path:
    """A small content folder of its own: an AI-generated and an unidentified source, a false quote,
    a disputed claim and an event resting on an unverifiable claim, each in a different article."""
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    for name, text in FLAGGED_REGISTRIES.items():
        (content / f"{name}.yaml").write_text(_SCHEMA.format(name) + text, encoding="utf-8")
    for article_id, text in FLAGGED_ARTICLES.items():
        (content / "articles" / f"{article_id}.yaml").write_text(_ARTICLE_SCHEMA + text, encoding="utf-8")
    return content


def flagged_index(root: Path) -> Index:
    return build_index(check_content(write_flagged_content(root), TODAY))


def _entry_texts(feed: ElementTree.Element) -> dict[str, tuple[str, str]]:
    """Each entry's title and summary, by the article id its address ends with."""
    return {
        entry.findtext(f"{ATOM}id").rstrip("/").rsplit("/", 1)[1]: (
            entry.findtext(f"{ATOM}title"),
            entry.findtext(f"{ATOM}summary"),
        )
        for entry in feed.iter(f"{ATOM}entry")
    }


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
    assert [(_headline(title), *rest) for title, *rest in _entries(feed)] == [
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
            "https://example.org/tracker/articles/2025-11-early-contacts/",
            # Published in November 2025, day unknown: dated to the month's first day.
            "2025-11-01T00:00:00+00:00",
        ),
    ]
    # The AI-generated source says so in its entry's title and summary.
    early = _entry_texts(feed)["2025-11-early-contacts"]
    assert early[0].startswith("[AI-generated source") and early[0].endswith("] Early contacts reported")
    assert early[1].startswith("[AI-generated source] Machine News, November 2025. ")
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
    assert [_headline(title) for title, *_ in _entries(ceasefire)] == ["First round of talks opens"]
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
    titles = [_headline(title) for title, *_ in _entries(feed)]
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


FLAGGED_TITLES = {
    "2026-03-05-quiet-talks": "Talks continue quietly",
    "2026-03-04-swap-rumour": "[Unidentified source] Rumour of a prisoner swap",
    "2026-03-03-truce": "[Disputed claim; unverifiable claim] Southland says Northland broke the truce",
    "2026-03-02-envoy-quote": "[False quote] Envoy promises a deal within a week",
    "2026-03-01-bot-talks": "[AI-generated source] Talks resume, a bot says",
}


def test_each_entry_warns_of_its_own_source_kind_and_flagged_statements(tmp_path: Path) -> None:
    data = render_feeds(flagged_index(tmp_path), SITE)["feeds/summaries.xml"]
    feed = _feed(data)
    entries = _entry_texts(feed)
    assert list(entries) == list(FLAGGED_TITLES)  # newest first
    assert {article_id: title for article_id, (title, _) in entries.items()} == FLAGGED_TITLES

    summaries = {article_id: summary for article_id, (_, summary) in entries.items()}
    assert summaries["2026-03-01-bot-talks"] == (
        "[AI-generated source] Bot News, 1 March 2026. A machine-written page says that talks resumed."
    )
    assert summaries["2026-03-04-swap-rumour"] == (
        "[Unidentified source] Anonymous site, 4 March 2026. A page says that a prisoner swap is planned."
    )
    assert summaries["2026-03-02-envoy-quote"] == (
        "Wire One, 2 March 2026. The envoy spoke to reporters. Flagged statements: "
        "[False quote] Envoy Ema: \u201cThere will be a deal within a week.\u201d "
        f"Our note: {FALSE_QUOTE_NOTE}"
    )
    assert summaries["2026-03-03-truce"] == (
        "Daily Two, 3 March 2026. Southland accused Northland of breaking the truce. Flagged statements: "
        "[Disputed claim] Southland: Northland broke the truce on 1 March. "
        "Our note: Northland denies it, and observers saw no fighting that day. "
        "[Unverifiable claim] Daily Two: The envoys met in secret in February. "
        "Our note: No other source reports the meeting."
    )
    assert summaries["2026-03-05-quiet-talks"] == "Wire One, 5 March 2026. The talks went on without announcements."
    # Reported and confirmed statements are not listed as flagged, in this entry or any other.
    assert not any("Talks will resume in April" in s or "keep talking" in s for s in summaries.values())
    # The note is text: escaped in the XML, never markup.
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; &amp; no record of it, ]]&gt; anywhere." in data
    assert b"<script>" not in data


def test_actor_and_topic_feeds_carry_the_warnings_of_their_entries(tmp_path: Path) -> None:
    feeds = render_feeds(flagged_index(tmp_path), SITE)
    # Max Mediator is named only by the event resting on the unverifiable claim, and by that claim.
    mediator = _feed(feeds["feeds/actors/max-mediator.xml"])
    assert mediator.findtext(f"{ATOM}title") == "Tracker: Summaries mentioning Max Mediator"
    assert [title for title, *_ in _entries(mediator)] == [FLAGGED_TITLES["2026-03-03-truce"]]
    envoy = _entry_texts(_feed(feeds["feeds/actors/envoy-ema.xml"]))
    assert {article_id: title for article_id, (title, _) in envoy.items()} == {
        "2026-03-03-truce": FLAGGED_TITLES["2026-03-03-truce"],
        "2026-03-02-envoy-quote": FLAGGED_TITLES["2026-03-02-envoy-quote"],
    }
    assert "[Unverifiable claim] Daily Two: The envoys met in secret" in envoy["2026-03-03-truce"][1]
    assert "[Unverifiable claim]" not in envoy["2026-03-02-envoy-quote"][1]
    prisoners = _feed(feeds["feeds/topics/prisoners.xml"])
    assert [title for title, *_ in _entries(prisoners)] == [
        FLAGGED_TITLES["2026-03-04-swap-rumour"],
        FLAGGED_TITLES["2026-03-03-truce"],
    ]


def test_a_status_edit_changes_the_feed_under_serve(
    tmp_path: Path, edit_yaml: Callable[[Path, str, str], None]
) -> None:
    content = write_flagged_content(tmp_path)
    caches = Caches()

    def cached() -> ElementTree.Element:
        pages = generate_pages(check_content(content, TODAY, caches), SITE, caches)
        clean = generate_pages(check_content(content, TODAY), SITE)
        assert pages["feeds/summaries.xml"] == clean["feeds/summaries.xml"]
        assert pages["feeds/actors/max-mediator.xml"] == clean["feeds/actors/max-mediator.xml"]
        return _feed(pages["feeds/actors/max-mediator.xml"].data)

    assert _entry_texts(cached())["2026-03-03-truce"][0] == FLAGGED_TITLES["2026-03-03-truce"]
    edit_yaml(content / "articles" / "2026-03-03-truce.yaml", "status: unverifiable", "status: reported")
    title, summary = _entry_texts(cached())["2026-03-03-truce"]
    assert title == "[Disputed claim] Southland says Northland broke the truce"
    assert "secret" not in summary
    edit_yaml(content / "actors.yaml", "name: Southland,", "name: Southern Republic,")
    assert (
        "[Disputed claim] Southern Republic: Northland broke the truce" in _entry_texts(cached())["2026-03-03-truce"][1]
    )


def test_real_feed_entries_carry_their_warnings() -> None:
    index = build_index(check_content(REPO / "content"))
    entries = _entry_texts(_feed(render_feeds(index, SITE)["feeds/summaries.xml"]))
    shown = [index.article(article_id) for article_id in entries]
    assert any(article.flagged_source for article in shown)
    assert any(claim.status is ClaimStatus.FALSE for article in shown for claim in article.claims)
    for article in shown:
        title, summary = entries[article.id]
        flagged = [(s, "quote") for s in article.quotes if s.status.flagged]
        flagged += [(s, "claim") for s in article.claims if s.status.flagged]
        assert title.endswith(article.headline), article.id
        assert title.startswith("[") == (article.flagged_source or bool(flagged)), article.id
        if article.flagged_source:
            warning = title[1:].split("]")[0].split(";")[0]
            assert warning.endswith("source") and warning != "Source", article.id
            assert summary.startswith(f"[{warning}] "), article.id
        for statement, noun in flagged:
            assert f"{statement.status.value} {noun}" in title.lower(), (article.id, statement)
            assert f"[{statement.status.label} {noun}]" in summary, (article.id, statement)
            assert " ".join(statement.note.split()) in summary, (article.id, statement)
