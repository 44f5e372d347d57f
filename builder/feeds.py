"""Atom feeds of the newest summaries: for the whole site, each actor and each topic.

Feeds are data files, not pages. Their dates come from the content (publication and update
dates), never from the clock, so two builds of the same content give the same bytes.

A feed reader shows an entry away from the site, without its badges: an entry of a source of a
kind readers are warned of (AI-generated, state media, aggregator, unidentified) says so in its
title and its summary, and an entry whose article holds disputed, false or unverifiable quotes
or claims names them in its title and lists each, with its status and our note, in its summary.
"""

from __future__ import annotations

import datetime
import itertools
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from feedgen.feed import FeedGenerator

from . import paths
from .dates import PartialDate
from .index import Index
from .model import OUTLET_CLAIMANT, SOURCE_KIND_LABELS, Article, ClaimStatus
from .site import Site

FEED_LIMIT = 20
"""Entries per feed: a reader polls often, and the site lists every summary anyway."""

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_EPOCH = PartialDate(1970, 1, 1)


@dataclass(frozen=True)
class _Flagged:
    """A quote or claim of an article that a reader must not take as fact, as a feed entry lists it."""

    status: ClaimStatus
    noun: str
    """Either quote or claim."""
    who: str
    """The speaker's or claimant's name (the outlet's, for a claim the source itself makes)."""
    text: str
    note: str

    @property
    def tag(self) -> str:
        return f"[{self.status.label} {self.noun}]"


@dataclass(frozen=True)
class _Shown:
    """Everything one entry is written from: the article and the names it shows."""

    article: Article
    outlet: str
    topics: tuple[str, ...]
    flagged: tuple[_Flagged, ...]


def _source_kind_warning(article: Article) -> str:
    """The warning for a source of a kind readers are warned of: AI-generated source, State media source…"""
    if not article.flagged_source:
        return ""
    label = SOURCE_KIND_LABELS[article.source.kind]
    return label if label.endswith(" source") else f"{label} source"


def _flagged_statements(index: Index, article: Article) -> tuple[_Flagged, ...]:
    """The article's disputed, false and unverifiable quotes, then its claims of those statuses, in order."""
    quotes = [
        _Flagged(q.status, "quote", index.actor(q.speaker).name, q.text, q.note)
        for q in article.quotes
        if q.status.flagged
    ]
    claims = [
        _Flagged(c.status, "claim", _claimant(index, article, c.by), c.text, c.note)
        for c in article.claims
        if c.status.flagged
    ]
    return (*quotes, *claims)


def _claimant(index: Index, article: Article, by: str) -> str:
    return index.outlet(article.source.outlet).name if by == OUTLET_CLAIMANT else index.actor(by).name


def _entry_title(article: Article, flagged: Sequence[_Flagged]) -> str:
    """The headline, after the source's kind when readers are warned of it and the flagged statements' statuses.

    A headline can itself state what a claim below refutes: the title a reader sees in a list never
    goes without the warnings, e.g. "[AI-generated source; false quote; 2 disputed claims] Headline".
    """
    warnings = [_source_kind_warning(article)] if article.flagged_source else []
    for noun in ("quote", "claim"):
        for status in ClaimStatus:
            count = sum(1 for s in flagged if s.noun == noun and s.status is status)
            if count:
                warnings.append(f"{count} {status.value} {noun}s" if count > 1 else f"{status.value} {noun}")
    if not warnings:
        return article.headline
    joined = "; ".join(warnings)
    return f"[{joined[0].upper()}{joined[1:]}] {article.headline}"


def _entry_summary(shown: _Shown) -> str:
    """Outlet and date, our summary, then each flagged statement with its status and our note; one paragraph."""
    article = shown.article
    parts = []
    if article.flagged_source:
        parts.append(f"[{_source_kind_warning(article)}]")
    parts.append(f"{shown.outlet}, {article.published.label()}. {_one_line(article.summary)}")
    if shown.flagged:
        parts.append("Flagged statements:")
    for statement in shown.flagged:
        words = _one_line(statement.text)
        words = f"\u201c{words}\u201d" if statement.noun == "quote" else _sentence(words)
        parts.append(f"{statement.tag} {statement.who}: {words}")
        if statement.note:
            parts.append(f"Our note: {_sentence(_one_line(statement.note))}")
    return " ".join(parts)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "\u2026", '"', "\u201d", "\u2019", "'", ")")) else f"{text}."


def site_feed_title() -> str:
    return "All summaries"


def actor_feed_title(name: str) -> str:
    return f"Summaries mentioning {name}"


def topic_feed_title(name: str) -> str:
    return f"Summaries on {name}"


class FeedMemo:
    """Each feed's bytes with everything they were written from, reused while that is unchanged.

    Under `mkdocs serve` an edit changes the entries of a few feeds at most; the others are not
    written again. Unchanged files keep their objects, so the comparison is mostly identity.
    """

    def __init__(self) -> None:
        self._feeds: dict[str, tuple[tuple[Any, ...], bytes]] = {}

    def feed(
        self,
        index: Index,
        site: Site,
        path: str,
        page: str,
        title: str,
        articles: Iterable[Article],
        newest: PartialDate,
    ) -> bytes:
        shown = tuple(_shown(index, a) for a in itertools.islice(articles, FEED_LIMIT))
        # The entries are written from these alone, so equal inputs give equal bytes: an edit of a
        # status, a note or a name an entry shows makes them differ.
        inputs = (site, page, title, newest, shown)
        known = self._feeds.get(path)
        if known is None or known[0] != inputs:
            known = (inputs, _feed(site, path, page, title, shown, newest))
            self._feeds[path] = known
        return known[1]


def render_feeds(index: Index, site: Site, memo: FeedMemo | None = None) -> dict[str, bytes]:
    """Every feed of the site, and a sitemap of the feeds in each folder, keyed by path."""
    feeds = _feeds(index, site, memo or FeedMemo())
    return {**feeds, **_sitemaps(feeds, site)}


def _feeds(index: Index, site: Site, memo: FeedMemo) -> dict[str, bytes]:
    newest = index.articles[0].published if index.articles else _EPOCH
    feeds = {
        paths.SITE_FEED: memo.feed(index, site, paths.SITE_FEED, paths.HOME, site_feed_title(), index.articles, newest)
    }
    for actor in sorted(index.content.actors.values(), key=lambda a: a.id):
        path = paths.actor_feed_path(actor.id)
        page = paths.actor_path(actor.id)
        title = actor_feed_title(actor.name)
        feeds[path] = memo.feed(index, site, path, page, title, index.mentions[actor.id], newest)
    for topic in sorted(index.content.topics.values(), key=lambda t: t.id):
        path = paths.topic_feed_path(topic.id)
        page = paths.topic_path(topic.id)
        articles = index.topic_articles[topic.id]
        feeds[path] = memo.feed(index, site, path, page, topic_feed_title(topic.name), articles, newest)
    return feeds


def _shown(index: Index, article: Article) -> _Shown:
    return _Shown(
        article,
        index.outlet(article.source.outlet).name,
        tuple(index.topic(t).name for t in article.topics),
        _flagged_statements(index, article),
    )


def _sitemaps(feeds: dict[str, bytes], site: Site) -> dict[str, bytes]:
    """A sitemap beside the feeds of each folder.

    Material's theme fetches `sitemap.xml` from the folder of every <link rel="alternate"> in
    a page head (it expects language versions there); without one, each page announcing a feed
    would log a failed request.
    """
    folders: dict[str, list[str]] = defaultdict(list)
    for path in sorted(feeds):
        folders[posixpath.dirname(path)].append(path)
    return {f"{folder}/{paths.FEEDS_SITEMAP}": _sitemap(listed, site) for folder, listed in sorted(folders.items())}


def _sitemap(paths_listed: list[str], site: Site) -> bytes:
    urls = "".join(f"  <url><loc>{escape(site.url_of(path))}</loc></url>\n" for path in paths_listed)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
    ).encode()


def _feed(site: Site, path: str, page: str, title: str, entries: Sequence[_Shown], newest: PartialDate) -> bytes:
    """One feed; `newest` dates a feed with no entry, so that it too is the same on every build."""
    feed = FeedGenerator()
    feed.id(site.url_of(path))
    feed.title(_text(f"{site.name}: {title}"))
    feed.author({"name": _text(site.name)})
    feed.link(href=_from_root(site, page), rel="alternate", type="text/html")
    feed.link(href=_from_root(site, path), rel="self", type="application/atom+xml")
    feed.language("en")
    feed.rights("Summaries and annotations under CC BY 4.0")
    feed.updated(_moment(max((_updated(shown.article) for shown in entries), default=newest)))
    for shown in entries:
        _entry(feed, site, shown)
    # Links are relative to the site's address, given once as xml:base: no element of the built
    # site names an address outside it, and feed readers resolve them all the same.
    based = f"<feed xml:base={quoteattr(site.url)} xmlns=".encode()
    return feed.atom_str(pretty=True).replace(b"<feed xmlns=", based, 1)


def _from_root(site: Site, path: str) -> str:
    return site.url_of(path).removeprefix(site.url)


def _entry(feed: FeedGenerator, site: Site, shown: _Shown) -> None:
    article = shown.article
    entry = feed.add_entry(order="append")
    entry.id(site.url_of(paths.article_path(article.id)))
    entry.title(_text(_entry_title(article, shown.flagged)))
    entry.link(href=_from_root(site, paths.article_path(article.id)), rel="alternate", type="text/html")
    entry.published(_moment(article.published))
    entry.updated(_moment(_updated(article)))
    entry.summary(_text(_entry_summary(shown)))
    for topic_id, name in zip(article.topics, shown.topics, strict=True):
        entry.category(term=topic_id, label=_text(name))


def _updated(article: Article) -> PartialDate:
    return max(article.published, article.source.updated or article.published)


def _moment(date: PartialDate) -> datetime.datetime:
    """Feeds need a time: midnight UTC of the first day the date can mean."""
    return datetime.datetime.combine(date.first_day(), datetime.time(), tzinfo=datetime.UTC)


def _text(text: str) -> str:
    """XML cannot carry control characters, which a YAML escape could put in contributor text."""
    return _NOT_XML.sub("", text)
