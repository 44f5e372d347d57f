"""Atom feeds of the newest summaries: for the whole site, each actor and each topic.

Feeds are data files, not pages. Their dates come from the content (publication and update
dates), never from the clock, so two builds of the same content give the same bytes.
"""

from __future__ import annotations

import datetime
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from feedgen.feed import FeedGenerator

from . import paths
from .dates import PartialDate
from .index import Index
from .model import Article
from .site import Site

FEED_LIMIT = 20
"""Entries per feed: a reader polls often, and the site lists every summary anyway."""

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_EPOCH = PartialDate(1970, 1, 1)


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
        entries = list(articles)[:FEED_LIMIT]
        shown = tuple(
            (a, index.outlet(a.source.outlet).name, tuple(index.topic(t).name for t in a.topics)) for a in entries
        )
        inputs = (site, page, title, newest, shown)
        known = self._feeds.get(path)
        if known is None or known[0] != inputs:
            known = (inputs, _feed(index, site, path, page, title, entries, newest))
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


def _sitemaps(feeds: dict[str, bytes], site: Site) -> dict[str, bytes]:
    """A sitemap beside the feeds of each folder.

    Material's theme fetches `sitemap.xml` from the folder of every <link rel="alternate"> in
    a page head (it expects language versions there); without one, each page announcing a feed
    would log a failed request.
    """
    folders: dict[str, list[str]] = defaultdict(list)
    for path in sorted(feeds):
        folders[posixpath.dirname(path)].append(path)
    return {f"{folder}/sitemap.xml": _sitemap(listed, site) for folder, listed in sorted(folders.items())}


def _sitemap(paths_listed: list[str], site: Site) -> bytes:
    urls = "".join(f"  <url><loc>{escape(site.url_of(path))}</loc></url>\n" for path in paths_listed)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
    ).encode()


def _feed(
    index: Index, site: Site, path: str, page: str, title: str, articles: Iterable[Article], newest: PartialDate
) -> bytes:
    """One feed; `newest` dates a feed with no entry, so that it too is the same on every build."""
    entries = list(articles)[:FEED_LIMIT]
    feed = FeedGenerator()
    feed.id(site.url_of(path))
    feed.title(_text(f"{site.name}: {title}"))
    feed.author({"name": _text(site.name)})
    feed.link(href=_from_root(site, page), rel="alternate", type="text/html")
    feed.link(href=_from_root(site, path), rel="self", type="application/atom+xml")
    feed.language("en")
    feed.rights("Summaries and annotations under CC BY 4.0")
    feed.updated(_moment(max((_updated(a) for a in entries), default=newest)))
    for article in entries:
        _entry(feed, index, site, article)
    # Links are relative to the site's address, given once as xml:base: no element of the built
    # site names an address outside it, and feed readers resolve them all the same.
    based = f"<feed xml:base={quoteattr(site.url)} xmlns=".encode()
    return feed.atom_str(pretty=True).replace(b"<feed xmlns=", based, 1)


def _from_root(site: Site, path: str) -> str:
    return site.url_of(path).removeprefix(site.url)


def _entry(feed: FeedGenerator, index: Index, site: Site, article: Article) -> None:
    entry = feed.add_entry(order="append")
    entry.id(site.url_of(paths.article_path(article.id)))
    entry.title(_text(article.headline))
    entry.link(href=_from_root(site, paths.article_path(article.id)), rel="alternate", type="text/html")
    entry.published(_moment(article.published))
    entry.updated(_moment(_updated(article)))
    outlet = index.outlet(article.source.outlet).name
    entry.summary(_text(f"{outlet}, {article.published.label()}. {' '.join(article.summary.split())}"))
    for topic_id in article.topics:
        entry.category(term=topic_id, label=_text(index.topic(topic_id).name))


def _updated(article: Article) -> PartialDate:
    return max(article.published, article.source.updated or article.published)


def _moment(date: PartialDate) -> datetime.datetime:
    """Feeds need a time: midnight UTC of the first day the date can mean."""
    return datetime.datetime.combine(date.first_day(), datetime.time(), tzinfo=datetime.UTC)


def _text(text: str) -> str:
    """XML cannot carry control characters, which a YAML escape could put in contributor text."""
    return _NOT_XML.sub("", text)
