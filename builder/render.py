"""Stage 4: turn the index into Markdown pages, one small view object per page.

Layout lives in the Jinja templates beside this module; contributor text is
escaped by the environment itself (see `text`), so a template cannot forget.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import jinja2
from markdown.extensions.toc import slugify as markdown_slugify
from markupsafe import Markup, escape

from . import chronology, citations, corrections, exports, feeds, parts, paths, pictures, related, search
from .dates import PartialDate, Precision
from .index import Index
from .links import anchors_in, links_in
from .model import (
    INFORMATION_GRADES,
    SOURCE_KIND_LABELS,
    STANCE_LABELS,
    Actor,
    Article,
    Claim,
    ClaimStatus,
    Event,
    Grade,
    Quote,
    Topic,
)
from .site import Site
from .text import html_text, inline, paragraphs

LATEST_ON_HOME = 5
CHRONOLOGY_SCRIPT = "javascripts/chronology.js"
"""The chronology's filters, a hand-written script in the package's theme (builder/theme/)."""


@dataclass(frozen=True)
class GeneratedPage:
    """A page ready for a Markdown renderer, and the content file to edit to change it."""

    path: str
    body: str
    """Finished HTML, without a blank line: one HTML block to a CommonMark renderer."""
    source: str = ""
    anchors: frozenset[str] = frozenset()
    """The ids its HTML defines."""
    links: frozenset[tuple[str, str]] = frozenset()
    """The links inside the site its HTML holds: (address from the site root, anchor)."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Its front matter: title, table of contents, description, feeds, JSON-LD…"""

    @property
    def markdown(self) -> str:
        """The page as a Markdown file: front matter as JSON (which is YAML too), then the body."""
        return f"---\n{yaml_safe_json(self.meta)}\n---\n\n{self.body}" if self.meta else self.body


@dataclass(frozen=True)
class GeneratedFile:
    """A data file (a feed, a download) published as it is, beside the pages."""

    path: str
    data: bytes


Generated = GeneratedPage | GeneratedFile


@dataclass(frozen=True)
class View:
    """One generated page: where it goes, what it is called and what it shows."""

    path: str
    title: str
    template: str
    source: str = ""
    theme_template: str = ""
    description: str = ""
    head: dict[str, str] = field(default_factory=dict)
    feed: tuple[str, str] = ("", "")
    """The page's own feed, if it has one: its path and title."""
    search_scope: ClassVar[str] = "page"
    """What the search index takes from the page: the whole "page", its "head" only, or "none"."""

    def context(self, index: Index) -> dict[str, Any]:
        return {}

    @property
    def shows_only_its_entries(self) -> bool:
        """Whether `shown` gives everything the page shows of the lists it reads them from.

        incremental.RenderMemo then compares what `shown` gives instead of the page's reads of
        those lists, so that an edit of one entry renders only the pages that show it.
        """
        return False

    def shown(self, index: Index) -> Any:
        raise NotImplementedError

    def structured_data(self, index: Index, site: Site) -> dict[str, Any]:
        """schema.org JSON-LD for the page head, if the page has any."""
        return {}

    def front_matter(self, index: Index, site: Site, toc: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        meta: dict[str, Any] = {"title": html_text(self.title)}
        if toc:
            # The plugin hands it to the theme as the page's table of contents (see plugin.py).
            meta["toc"] = toc
        if self.description:
            meta["description"] = html_text(self.description)
        if self.theme_template:
            meta["template"] = self.theme_template
        if self.search_scope != "page":
            # builder/search.py reads this when the plugin marks the page for Pagefind.
            meta["search"] = {"exclude": True} if self.search_scope == "none" else {"head_only": True}
        if self.head:
            meta["article"] = {key: html_text(value) for key, value in self.head.items() if value}
        # The theme's main.html (builder/theme/) puts these in the page head as they are: escape here.
        announced = [(paths.SITE_FEED, feeds.site_feed_title())] + ([self.feed] if self.feed[0] else [])
        meta["feeds"] = [{"path": path, "title": html_text(title)} for path, title in announced]
        # Unescaped: the theme serialises it with `tojson`, which makes it safe inside <script>.
        if structured := self.structured_data(index, site):
            meta["jsonld"] = structured
        return meta


@dataclass(frozen=True)
class HomeView(View):
    # The latest summaries and the counts: each summary is found through its own page.
    search_scope: ClassVar[str] = "none"

    def front_matter(self, index: Index, site: Site, toc: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        # Titled as the site chooses (the plugin's `title` option).
        return {**super().front_matter(index, site, toc), "title": html_text(site.home_title)}

    def context(self, index: Index) -> dict[str, Any]:
        content = index.content
        counts = {
            "articles": len(content.articles),
            "actors": len(content.actors),
            "topics": len(content.topics),
            "events": sum(len(a.events) for a in index.articles),
            "quotes": sum(len(a.quotes) for a in index.articles),
            "claims": len(content.claims),
        }
        return {"latest": index.articles[:LATEST_ON_HOME], "counts": counts}


@dataclass(frozen=True)
class ArticleView(View):
    article_id: str = ""

    def context(self, index: Index) -> dict[str, Any]:
        article = index.article(self.article_id)
        return {
            "article": article,
            "related": index.related[article.id],
        }

    def structured_data(self, index: Index, site: Site) -> dict[str, Any]:
        return citations.article_json_ld(index.article(self.article_id), index, site)


@dataclass(frozen=True)
class ActorView(View):
    # Name, description and aliases; the lists below repeat what article pages hold.
    search_scope: ClassVar[str] = "head"
    actor_id: str = ""

    def context(self, index: Index) -> dict[str, Any]:
        mentions = index.mentions[self.actor_id]
        return {
            "actor": index.actor(self.actor_id),
            "first": min(mentions, key=lambda a: (a.published, a.id), default=None),
            "last": max(mentions, key=lambda a: (a.published, a.id), default=None),
            **_previews(index, self.path, self.actor_id, parts.ACTOR_LISTS),
            "co_mentions": index.co_mentions.get(self.actor_id, []),
            "related_actors": related.related_actors(index, self.actor_id),
            "topics": index.actor_topics.get(self.actor_id, []),
            "members": index.members[self.actor_id],
            # The latest stances on each topic; every statement is in the list of statements.
            "positions": {
                topic: (listed[-parts.PREVIEW :], len(listed))
                for topic, listed in index.positions.get(self.actor_id, {}).items()
            },
        }


@dataclass(frozen=True)
class TopicView(View):
    # Name, description and aliases; the lists below repeat what article pages hold.
    search_scope: ClassVar[str] = "head"
    topic_id: str = ""

    def context(self, index: Index) -> dict[str, Any]:
        return {
            "topic": index.topic(self.topic_id),
            "children": index.children[self.topic_id],
            "actors": index.topic_actors.get(self.topic_id, []),
            "related_topics": related.related_topics(index, self.topic_id),
            "positions": index.latest_positions(self.topic_id),
            **_previews(index, self.path, self.topic_id, parts.TOPIC_LISTS),
        }


@dataclass(frozen=True)
class DateView(View):
    # A pure listing: every event and summary on it is found through its article's page.
    search_scope: ClassVar[str] = "none"
    date: PartialDate = field(default_factory=lambda: PartialDate(1970))

    def context(self, index: Index) -> dict[str, Any]:
        entry = index.dates[self.date]
        context: dict[str, Any] = {
            "date": self.date,
            "entry": entry,
            "periods": [],
            "previous": None,
            "next": None,
            "accounts": _accounts_of(index, entry.events),
            "claims": [claim for article in entry.published for claim in article.claims],
        }
        if self.date.precision is Precision.DAY:
            context["previous"], context["next"] = index.adjacent_days(self.date)
        else:
            finer = Precision.DAY if self.date.precision is Precision.MONTH else Precision.MONTH
            context["periods"] = [index.dates[d] for d in index.dates_within(self.date, finer)]
        return context


def _accounts_of(index: Index, events: list[Event]) -> list[list[Event]]:
    """The groups of accounts that the given events belong to, each group once."""
    ids = dict.fromkeys(event.id for event in events if event.id in index.accounts)
    return [index.accounts[event_id] for event_id in ids]


@dataclass(frozen=True)
class OutletView(View):
    # Name, description and aliases; its track record and summaries repeat what article pages hold.
    search_scope: ClassVar[str] = "head"
    outlet_id: str = ""

    def context(self, index: Index) -> dict[str, Any]:
        claims = parts.outlet_claims(index, self.outlet_id)
        counts = {status: sum(1 for c in claims if c.status is status) for status in ClaimStatus}
        return {
            "outlet": index.outlet(self.outlet_id),
            "counts": counts,
            "article_count": len(index.outlet_articles[self.outlet_id]),
            **_previews(index, self.path, self.outlet_id, parts.OUTLET_LISTS),
        }


@dataclass(frozen=True)
class ClaimsView(View):
    """The newest claims of each status, each status linking to its own list."""

    # Every claim is found on its article's page.
    search_scope: ClassVar[str] = "none"

    def context(self, index: Index) -> dict[str, Any]:
        groups = []
        for status in ClaimStatus:
            claims = index.claims_by_status[status]
            whole = _status_path(status) if len(claims) > parts.PREVIEW else ""
            groups.append((status, parts.Shown(claims[: parts.PREVIEW], len(claims), whole)))
        return {"groups": groups, **_claim_counts(index)}


def _status_path(status: ClaimStatus) -> str:
    return paths.claim_status_path(status.value)


def _claim_counts(index: Index) -> dict[str, Any]:
    return {
        "counts": {status: len(index.claims_by_status[status]) for status in ClaimStatus},
        "contradiction_count": index.contradiction_count,
    }


def _previews(index: Index, hub: str, owner: str, lists: tuple[parts.LongList, ...]) -> dict[str, parts.Shown]:
    """What a hub page shows of each of its long lists, by the list's key ('claims-about' as claims_about)."""
    return {long_list.key.replace("-", "_"): parts.preview(index, hub, owner, long_list) for long_list in lists}


@dataclass(frozen=True)
class PartView(View):
    """One part of a long list: at most PART_SIZE entries, with links to the other parts and to its hub."""

    search_scope: ClassVar[str] = "none"
    list_name: str = ""
    owner: str = ""
    first: str = ""
    part: int = 1
    hub: str = ""
    hub_title: str = ""

    @property
    def start(self) -> int:
        return (self.part - 1) * parts.PART_SIZE

    def shown(self, index: Index) -> tuple[int, Sequence[Any], dict[str, Any]]:
        """How many entries the whole list has, this part's, and the counts the page shows beside them."""
        long_list = LONG_LISTS[self.list_name]
        entries = long_list.entries(index, self.owner)
        shown = entries[self.start : self.start + parts.PART_SIZE]
        counts: dict[str, Any] = {}
        if self.list_name == "status":
            counts = _claim_counts(index)
        elif long_list.kind == "actors":
            counts = {"mention_counts": {actor.id: index.mention_counts[actor.id] for actor in shown}}
        return len(entries), shown, counts

    @property
    def shows_only_its_entries(self) -> bool:
        return True

    def context(self, index: Index) -> dict[str, Any]:
        long_list = LONG_LISTS[self.list_name]
        total, shown, counts = self.shown(index)
        context: dict[str, Any] = {
            "long_list": long_list,
            "entries": shown,
            "total": total,
            "start": self.start,
            "part_count": parts.part_count(total),
            "status": ClaimStatus(self.owner) if self.list_name == "status" else None,
            **counts,
        }
        if long_list.kind == "contradictions":
            context["groups"] = _by_topic(shown)
        return context


@dataclass(frozen=True)
class ChronologyView(View):
    """One year of the chronology, or one part of a year too long for one page."""

    search_scope: ClassVar[str] = "none"
    year: PartialDate = field(default_factory=lambda: PartialDate(1970))
    part: int = 1
    part_count: int = 1

    @property
    def shows_only_its_entries(self) -> bool:
        return True

    @property
    def start(self) -> int:
        return (self.part - 1) * chronology.PART_SIZE

    def shown(self, index: Index) -> tuple[int, list[Event], list[PartialDate]]:
        """How many events the year has, this part's, and the years that have any."""
        events = chronology.events_of_year(index, self.year)
        return len(events), events[self.start : self.start + chronology.PART_SIZE], chronology.years(index)

    def context(self, index: Index) -> dict[str, Any]:
        total, shown, years = self.shown(index)
        position = years.index(self.year)
        return {
            "year": self.year,
            "events": shown,
            "months": _by_month(shown),
            "total": total,
            "start": self.start,
            "part": self.part,
            "part_count": self.part_count,
            "previous_year": years[position - 1] if position else None,
            "next_year": years[position + 1] if position + 1 < len(years) else None,
            "actors": _named(index.actor, {a for event in shown for a in event.actors}),
            "topics": _named(index.topic, {t for event in shown for t in event.topics}),
            "types": sorted({event.type for event in shown}),
        }


def _by_month(events: Sequence[Event]) -> list[tuple[PartialDate, list[Event]]]:
    """Consecutive events of one month together (those known only to the year under the year itself)."""
    groups: list[tuple[PartialDate, list[Event]]] = []
    for event in events:
        period = event.date.year_of() if event.date.precision is Precision.YEAR else event.date.month_of()
        if groups and groups[-1][0] == period:
            groups[-1][1].append(event)
        else:
            groups.append((period, [event]))
    return groups


def _named(lookup: Callable[[str], Any], ids: set[str]) -> list[tuple[str, str]]:
    """(id, name) pairs sorted by name, for a list a reader picks from."""
    named = [(entry_id, lookup(entry_id).name) for entry_id in ids]
    return sorted(named, key=lambda pair: (pair[1].casefold(), pair[0]))


@dataclass(frozen=True)
class ChronologyIndexView(View):
    """The chronology's years, each with its number of events and its parts."""

    search_scope: ClassVar[str] = "none"

    def context(self, index: Index) -> dict[str, Any]:
        years = []
        for year in chronology.years(index):
            total = len(chronology.events_of_year(index, year))
            years.append((year, total, chronology.part_count(total)))
        return {"years": years, "part_size": chronology.PART_SIZE}


def _by_topic(claims: Sequence[Claim]) -> list[tuple[str, list[Claim]]]:
    """Consecutive claims of one topic together, in the order given."""
    groups: list[tuple[str, list[Claim]]] = []
    for claim in claims:
        if groups and groups[-1][0] == claim.topic:
            groups[-1][1].append(claim)
        else:
            groups.append((claim.topic, [claim]))
    return groups


LONG_LISTS: dict[str, parts.LongList] = {
    **{f"actor:{each.key}": each for each in parts.ACTOR_LISTS},
    **{f"topic:{each.key}": each for each in parts.TOPIC_LISTS},
    **{f"outlet:{each.key}": each for each in parts.OUTLET_LISTS},
    "status": parts.STATUS_LIST,
    "articles": parts.ARTICLES_LIST,
    "contradictions": parts.CONTRADICTIONS_LIST,
    **{f"actors-index:{each.key}": each for each in parts.ACTORS_BY_KIND},
}
"""Every long list by the name a PartView knows it by."""


@dataclass(frozen=True)
class DataView(View):
    """The codebook: every download, and every column in it."""

    # Column names and counts, which no reader searches for.
    search_scope: ClassVar[str] = "none"

    def context(self, index: Index) -> dict[str, Any]:
        tables = [(table, len(list(table.rows(index)))) for table in exports.TABLES]
        return {
            "tables": tables,
            "kinds": exports.KINDS,
            "schemas": exports.SCHEMA_FILES,
            "schema_path": exports.schema_path,
        }


@dataclass(frozen=True)
class ListingView(View):
    """An index page over every entry of one kind."""

    search_scope: ClassVar[str] = "none"

    def context(self, index: Index) -> dict[str, Any]:
        return {
            "actor_groups": [
                (each.title, parts.preview(index, paths.ACTORS_INDEX, "", each))
                for each in parts.ACTORS_BY_KIND
                if parts.actors_of_kind(index, each.key)
            ],
            "topic_tree": _topic_tree(index),
            "mention_counts": index.mention_counts,
            "topic_counts": {t: len(listed) for t, listed in index.topic_articles.items()},
            "years": [index.dates[year] for year in index.years()],
            "outlets": sorted(index.content.outlets.values(), key=lambda o: (o.name.casefold(), o.id)),
            "outlet_counts": {o: len(listed) for o, listed in index.outlet_articles.items()},
            "index": index,
        }


def _topic_tree(index: Index) -> list[tuple[int, Topic]]:
    """Every topic with its depth, each followed by its subtopics: roots by name, subtopics as indexed."""
    tree: list[tuple[int, Topic]] = []

    def add(topic: Topic, depth: int) -> None:
        tree.append((depth, topic))
        for child_id in index.children[topic.id]:
            add(index.topic(child_id), depth + 1)

    for root in sorted(index.content.topics.values(), key=lambda t: t.name):
        if not root.parent:
            add(root, 0)
    return tree


def plan_views(index: Index) -> list[View]:
    """Every page the site has, derived from the content alone."""
    content = index.content
    views: list[View] = [
        HomeView(paths.HOME, "Home", "home.html.j2"),
        ListingView(paths.ACTORS_INDEX, "Actors", "actors_index.html.j2", source=content.actors_file),
        ListingView(paths.TOPICS_INDEX, "Topics", "topics_index.html.j2", source=content.topics_file),
        ListingView(paths.TIMELINE_INDEX, "Timeline", "timeline_index.html.j2"),
        ListingView(paths.OUTLETS_INDEX, "Sources", "outlets_index.html.j2", source=content.outlets_file),
        ClaimsView(paths.CLAIMS_INDEX, "Claims", "claims.html.j2"),
        DataView(paths.DATA_INDEX, "Data", "data.html.j2", description="Every table of the site as JSON and CSV."),
    ]
    views += _parts(index, "articles", "", paths.ARTICLES_INDEX, "Articles")
    views += _parts(index, "contradictions", "", paths.CONTRADICTIONS, "Disputed: claims that contradict each other")
    for status in ClaimStatus:
        views += _parts(index, "status", status.value, _status_path(status), f"{status.label} claims")
    for each in parts.ACTORS_BY_KIND:
        first = parts.list_path(paths.ACTORS_INDEX, each.key)
        views += _parts(index, f"actors-index:{each.key}", "", first, each.title, paths.ACTORS_INDEX, "Actors")
    for hub_views in (
        _hub_parts(index, "actor", parts.ACTOR_LISTS, content.actors, paths.actor_path),
        _hub_parts(index, "topic", parts.TOPIC_LISTS, content.topics, paths.topic_path),
        _hub_parts(index, "outlet", parts.OUTLET_LISTS, content.outlets, paths.outlet_path),
    ):
        views += hub_views
    views += [
        OutletView(
            paths.outlet_path(o.id),
            o.name,
            "outlet.html.j2",
            content.outlets_file,
            description=o.description,
            outlet_id=o.id,
        )
        for o in content.outlets.values()
    ]
    views += [
        ArticleView(
            paths.article_path(a.id),
            article_title(a),
            "article.html.j2",
            a.path,
            "article.html",
            description=excerpt(a.summary),
            head=_article_head(a, content.outlets[a.source.outlet].name),
            article_id=a.id,
        )
        for a in index.articles
    ]
    views += [
        ActorView(
            paths.actor_path(a.id),
            a.name,
            "actor.html.j2",
            content.actors_file,
            description=a.description,
            feed=(paths.actor_feed_path(a.id), feeds.actor_feed_title(a.name)),
            actor_id=a.id,
        )
        for a in content.actors.values()
    ]
    views += [
        TopicView(
            paths.topic_path(t.id),
            t.name,
            "topic.html.j2",
            content.topics_file,
            description=t.description,
            feed=(paths.topic_feed_path(t.id), feeds.topic_feed_title(t.name)),
            topic_id=t.id,
        )
        for t in content.topics.values()
    ]
    views += [DateView(paths.date_path(date), date.label(), "date.html.j2", date=date) for date in index.dates]
    views += _chronology_views(index)
    return sorted(views, key=lambda view: view.path)


def _chronology_views(index: Index) -> list[View]:
    """The chronology's index and a page per year, in parts when a year has too many events for one."""
    description = "Every recorded event in date order, drawn with the precision its source gives."
    views: list[View] = [
        ChronologyIndexView(paths.CHRONOLOGY_INDEX, "Chronology", "chronology_index.html.j2", description=description)
    ]
    for year in chronology.years(index):
        count = chronology.part_count(len(chronology.events_of_year(index, year)))
        for part in range(1, count + 1):
            title = f"Chronology of {year.label()}" + (f" (part {part} of {count})" if count > 1 else "")
            path = chronology.year_path(year, part)
            views.append(ChronologyView(path, title, "chronology.html.j2", year=year, part=part, part_count=count))
    return views


def _parts(
    index: Index, name: str, owner: str, first: str, title: str, hub: str = "", hub_title: str = ""
) -> list[View]:
    """Every part of one long list; a list that is a page of its own has at least its first part."""
    long_list = LONG_LISTS[name]
    numbers = parts.parts_of(index, owner, long_list, always=not hub)
    return [
        PartView(
            parts.part_path(first, number),
            title if len(numbers) == 1 else f"{title} (part {number} of {len(numbers)})",
            "part.html.j2",
            list_name=name,
            owner=owner,
            first=first,
            part=number,
            hub=hub,
            hub_title=hub_title,
        )
        for number in numbers
    ]


def _hub_parts(
    index: Index, kind: str, lists: tuple[parts.LongList, ...], registry: dict[str, Any], path_of: Callable[[str], str]
) -> list[View]:
    """The parts of every long list of every actor, topic or outlet whose hub cannot show it whole."""
    views: list[View] = []
    for entry in registry.values():
        hub = path_of(entry.id)
        for long_list in lists:
            first = parts.list_path(hub, long_list.key)
            title = long_list.title.format(name=entry.name)
            views += _parts(index, f"{kind}:{long_list.key}", entry.id, first, title, hub, entry.name)
    return views


def excerpt(text: str, limit: int = 300) -> str:
    """The first paragraph, cut at a word boundary: enough for a search result or link preview."""
    return _truncate(" ".join(text.strip().split("\n\n")[0].split()), limit)


def _article_head(article: Article, outlet_name: str) -> dict[str, str]:
    """What the theme's article.html (builder/theme/) puts in the page head: citation metadata of the summary itself.

    The original article is named only as the summary's source, so that a reference manager
    saves our summary, not the news article, as the page's work.
    """
    summarised = article.summarised
    return {
        "title": citations.summary_title(article),
        "date": summarised.iso() if summarised else "",
        "citation_date": citations.scholar_date(summarised) if summarised else "",
        "source": article.source.url or citations.source_citation(article, outlet_name),
        "kind": article.source.kind,
    }


def render_each(index: Index, site: Site) -> Iterator[Generated]:
    """Render the downloads, every page, then the feeds, one at a time.

    A build that writes each page as it comes never holds them all: at 10,000 summaries they
    are half a gigabyte of text. The downloads come first, for the codebook to show their sizes.
    """
    environment = template_environment(index, site)
    sizes = exports.DownloadSizes()
    environment.globals["download_size"] = sizes.label
    try:
        # One download at a time: they were the build's peak of memory (see exports.each_export).
        for path, data in sizes.noted(exports.each_export(index, site)):
            yield GeneratedFile(path, data)
        for view in plan_views(index):
            yield render_view(view, index, site, environment)
        for path, data in sorted(feeds.render_feeds(index, site).items()):
            yield GeneratedFile(path, data)
    finally:
        inline.cache_clear()  # every text of the site, escaped: it goes with the pages


def render_pages(index: Index, site: Site) -> dict[str, Generated]:
    """Every page and data file, keyed by path."""
    return {page.path: page for page in render_each(index, site)}


def render_view(view: View, index: Index, site: Site, environment: jinja2.Environment) -> GeneratedPage:
    """One page; everything it shows is read from `index` (see incremental.py, which relies on that)."""
    body = _tidy(environment.get_template(view.template).render(page_path=view.path, view=view, **view.context(index)))
    meta = view.front_matter(index, site, table_of_contents(body))
    return GeneratedPage(view.path, body, view.source, anchors_in(body), links_in(body, view.path), meta)


def render_files(
    index: Index, site: Site, kept: tuple[feeds.FeedMemo, exports.RowMemo] | None = None
) -> dict[str, GeneratedFile]:
    """The feeds and data downloads, keyed by path; `kept` holds feeds and rows of an earlier build."""
    feed_memo, row_memo = kept or (None, None)
    files = {**feeds.render_feeds(index, site, feed_memo), **exports.render_exports(index, site, row_memo)}
    return {path: GeneratedFile(path, data) for path, data in sorted(files.items())}


_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def yaml_safe_json(value: Any) -> str:
    """JSON on one line, which is also YAML, for front matter.

    PyYAML reads JSON's surrogate-pair escapes as two broken characters and MkDocs then drops
    the whole front matter; characters beyond U+FFFF are written as YAML's own \\U escapes.
    """

    def unpaired(match: re.Match[str]) -> str:
        high, low = int(match[2], 16) - 0xD800, int(match[3], 16) - 0xDC00
        return f"{match[1]}\\U{0x10000 + (high << 10) + low:08x}"

    text = json.dumps(value, sort_keys=True)
    # The pattern backtracks over every backslash run; most pages have no escape to rewrite.
    return _SURROGATE_PAIR.sub(unpaired, text) if "\\ud" in text else text


def _tidy(body: str) -> str:
    """Drop the blanks and every blank line template logic leaves behind; end with one newline.

    Without a blank line, the whole body is one HTML block to a CommonMark renderer, which then
    takes it as it is (a blank line would end the block and start Markdown). Template logic
    leaves only spaces and tabs at a line's end. str.replace scans hundreds of MB several times
    faster than a regular expression or a loop over lines would.
    """
    trimmed = body
    while " \n" in trimmed or "\t\n" in trimmed:
        trimmed = trimmed.replace(" \n", "\n").replace("\t\n", "\n")
    # Each pass halves every run of empty lines.
    while "\n\n" in trimmed:
        trimmed = trimmed.replace("\n\n", "\n")
    return trimmed.strip() + "\n"


_TAG = re.compile(r"<[^>]*>")


def _slug(shown: str) -> str:
    """A heading's id from its shown HTML, as Python-Markdown's `toc` extension makes it."""
    return markdown_slugify(html.unescape(_TAG.sub("", shown)), "-")


def _unique(anchor: str, taken: set[str]) -> str:
    """As the `toc` extension does: a repeated id gets _1, _2… appended."""
    candidate, number = anchor, 0
    while candidate in taken:
        number += 1
        candidate = f"{anchor}_{number}"
    return candidate


_HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)<a class="headerlink"')


def table_of_contents(body: str) -> list[dict[str, Any]]:
    """The page's headings nested as MkDocs' table-of-contents tokens: level, id, name, children."""
    roots: list[dict[str, Any]] = []
    open_levels: list[dict[str, Any]] = []
    for level, anchor, shown in _HEADING.findall(body):
        token = {"level": int(level), "id": anchor, "name": _TAG.sub("", shown), "children": []}
        while open_levels and open_levels[-1]["level"] >= token["level"]:
            open_levels.pop()
        (open_levels[-1]["children"] if open_levels else roots).append(token)
        open_levels.append(token)
    return roots


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _join_text(values: Any, separator: str = ", ") -> Markup:
    """Jinja's own join would only HTML-escape; contributor text needs Markdown escaping too."""
    return Markup(separator).join(_escape_unless_markup(value) for value in values)


def _escape_unless_markup(value: Any) -> Any:
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return inline(value)


def _written(value: Any) -> Markup:
    """What a template's `{{ … }}` writes: Markup as it is, text as inert Markdown, anything else as HTML text."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return inline(value)
    return escape(value)


def template_environment(index: Index, site: Site) -> jinja2.Environment:
    """The templates, with helpers that read `index` and `site`."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        # Every `{{ … }}` goes through `finalize`, which escapes all that is not Markup already.
        # HTML autoescaping on top would only copy each Markup again, a few million times per
        # build. Without it, a captured block ({% set x %}…{% endset %}) is plain text and would
        # be escaped when written: build such text in a helper instead.
        finalize=_written,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(paragraphs=paragraphs, topic=index.topic, join=_join_text, truncate_text=_truncate)
    links = _Links(index)
    environment.globals.update(links.globals())
    environment.filters.update(links.filters())
    environment.globals.update(_picture_globals(index))
    environment.globals.update(
        paths=paths,
        site=site,
        Precision=Precision,
        statuses=ClaimStatus,
        always_noted=NOTE_ALWAYS_SHOWN,
        index_article=index.article,
        index_outlet_name=lambda outlet_id: index.outlet(outlet_id).name,
        count=lambda entry: _count_phrase(index, entry),
        indent=lambda depth: Markup("    " * depth),
        plural=_plural,
        source_warning=lambda article: SOURCE_WARNINGS[article.source.kind],
        accounts_heading=lambda accounts: _accounts_heading(index, accounts),
        cite_source=lambda article: citations.source_citation(article, _outlet_of(index, article)),
        cite_summary=lambda article: citations.summary_citation(article, _outlet_of(index, article), site),
        bibtex=lambda article: citations.bibtex_block(article, _outlet_of(index, article), site),
        correction_href=lambda article: corrections.correction_href(site, article),
        chronology_path=chronology.year_path,
        chronology_script=jinja2.pass_context(
            lambda context: paths.relative_url(context["page_path"], CHRONOLOGY_SCRIPT)
        ),
    )
    return environment


SOURCE_WARNINGS = {
    "aggregator": (
        "This page compiles or republishes reporting from other outlets. Its statements are checked below; "
        "check each against the original reporting before relying on it."
    ),
    "state-media": (
        "This outlet is funded or controlled by a state. Its statements are checked below; "
        "treat anything not confirmed elsewhere as the position of that state."
    ),
    "unidentified": (
        "The publisher of this page cannot be identified. Its statements are checked below; "
        "treat anything not confirmed elsewhere as unverified."
    ),
}
"""What an article page says of a flagged kind of source; AI-generated sources have their own warning."""


def _accounts_heading(index: Index, accounts: list[Event]) -> str:
    """Names the event without taking any one account's words: its kind, its first date, who reports it."""
    first = accounts[0]
    outlets = sorted({index.outlet(index.article(event.article).source.outlet).name for event in accounts})
    kind = first.type.replace("-", " ").capitalize()
    return f"{kind}, {first.date.label()}: {len(accounts)} accounts, by {' and '.join(outlets)}"


def _outlet_of(index: Index, article: Article) -> str:
    return index.outlet(article.source.outlet).name


def _picture_globals(index: Index) -> dict[str, Any]:
    """Pictures for templates, each drawn for the page being rendered so its links are relative to it."""

    def bind(draw: Callable[..., Markup]) -> Callable[..., Markup]:
        return jinja2.pass_context(lambda context, *args: draw(index, *args, context["page_path"]))

    return {
        "timeline_picture": bind(pictures.timeline_figure),
        "network_picture": bind(pictures.actor_network_figure),
        "ego_picture": bind(pictures.ego_network_figure),
        "topic_actors_picture": bind(pictures.topic_actors_figure),
    }


def _count_phrase(index: Index, entry: Any) -> str:
    """'3 events, 1 article' for a month or year, counting every date inside it."""
    inside = [index.dates[date] for date in index.dates if date == entry.date or _inside(date, entry.date)]
    events = sum(len(e.events) for e in inside)
    published = sum(len(e.published) for e in inside)
    return f"{_plural(events, 'event')}, {_plural(published, 'article')}"


def _inside(date: PartialDate, period: PartialDate) -> bool:
    depth = period.precision
    return (
        date.precision > depth
        and (date.year, date.month, date.day)[:depth] == (period.year, period.month, period.day)[:depth]
    )


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


class _Links:
    """Template helpers that turn ids into Markdown links relative to the page being rendered."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._dates: dict[PartialDate, tuple[Markup, str]] = {}
        """Each date's label and page (empty when it has none), for the many links to it."""
        self._context: jinja2.runtime.Context | None = None
        self._page_path = ""
        self._folder = ""
        self._ids: set[str] = set()
        """The heading ids of the page being rendered."""
        self._links: dict[tuple[bool, str, str, str], Markup] = {}
        """The links made from pages of `_folder`: four in five recur there (the same actor, date or article)."""

    def globals(self) -> dict[str, Any]:
        return {
            "link": self.link,
            "article_link": self.article_link,
            "actor_link": self.actor_link,
            "topic_link": self.topic_link,
            "date_link": self.date_link,
            "claim_link": self.claim_link,
            "claimant_link": self.claimant_link,
            "event_link": self.event_link,
            "badge": badge,
            "event_badge": self.event_badge,
            "participants": self.participants,
            "external_link": external_link,
            "outlet_link": self.outlet_link,
            "grade_link": self.grade_link,
            "credibility_link": self.credibility_link,
            "stance": stance_label,
            "event_line": self.event_line,
            "claim_block": self.claim_block,
            "quote_block": self.quote_block,
            "source_tag": source_tag,
            "headline": lambda article: Markup(f"{inline(article.headline)}{source_tag(article)}"),
            "article_item": self.article_item,
            "counted": self.counted,
            "h": self.heading,
            "topic_list": self.topic_list,
            "pager": self.pager,
            "more_link": self.more_link,
            "statement_blocks": self.statement_blocks,
            "article_rows": self.article_rows,
            "badged": lambda status: Markup(f"{badge(status)} {status.label}"),
            "aliases_of": self.aliases_of,
            "search_facets": self.search_facets,
            "chronology_link": self.chronology_link,
        }

    def filters(self) -> dict[str, Any]:
        """Whole lists for hub pages, one call each instead of one per entry: `{{ events | event_items }}`.

        Jinja calls a filter directly, where a function call from a template goes through its
        context first; a hub page may list thousands of entries.
        """
        return {
            "claim_blocks": self.claim_blocks,
            "quote_blocks": self.quote_blocks,
            "event_items": self.event_items,
            "article_items": self.article_items,
            "chronology_items": self.chronology_items,
        }

    def _page_of(self, context: jinja2.runtime.Context) -> str:
        """The path of the page being rendered, looked up once per page: names are slow to look up in a context.

        A page in another folder also starts that folder's store of links.
        """
        if context is not self._context:
            # Held here, the context cannot be freed and its identity passed to another page's.
            self._context, self._page_path = context, context["page_path"]
            # A link depends on the folder of the page's address ('timeline/2025/06/' for the
            # month, 'timeline/2025/06/03/' for a day in it), not of its file.
            folder = paths.url_folder(self._page_path)
            if folder != self._folder:
                # Pages render folder by folder: kept links never outgrow one folder's.
                self._folder, self._links = folder, {}
            self._ids = set()
        return self._page_path

    @jinja2.pass_context
    def heading(self, context: jinja2.runtime.Context, level: int, title: Any, anchor: str = "") -> Markup:
        """A heading with its permalink; its id as Python-Markdown's `toc` would make it, unique on the page."""
        self._page_of(context)
        shown = _escape_unless_markup(title)
        anchor = anchor or _unique(_slug(shown), self._ids)
        self._ids.add(anchor)
        permalink = f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a>'
        return Markup(f'<h{level} id="{anchor}">{shown}{permalink}</h{level}>')

    @jinja2.pass_context
    def link(self, context: jinja2.runtime.Context, label: str, target: str, anchor: str = "") -> Markup:
        page_path = self._page_of(context)
        key = (isinstance(label, Markup), label, target, anchor)
        made = self._links.get(key)
        if made is None:
            href = paths.relative_url(page_path, target, anchor)
            made = self._links[key] = Markup(f'<a href="{href}">{_escape_unless_markup(label)}</a>')
        return made

    @jinja2.pass_context
    def article_link(
        self, context: jinja2.runtime.Context, article: Article, anchor: str = "", label: str = ""
    ) -> Markup:
        """A link to an article, by default its headline, which never goes without its source's warning tag."""
        if label:
            return self.link(context, label, paths.article_path(article.id), anchor)
        return self.link(context, article.headline, paths.article_path(article.id), anchor) + source_tag(article)

    @jinja2.pass_context
    def actor_link(self, context: jinja2.runtime.Context, actor_id: str) -> Markup:
        return self.link(context, self.index.actor(actor_id).name, paths.actor_path(actor_id))

    @jinja2.pass_context
    def topic_link(self, context: jinja2.runtime.Context, topic_id: str) -> Markup:
        return self.link(context, self.index.topic(topic_id).name, paths.topic_path(topic_id))

    @jinja2.pass_context
    def date_link(self, context: jinja2.runtime.Context, date: PartialDate) -> Markup:
        label, target = self._dates.get(date) or self._date_target(date)
        return self.link(context, label, target) if target else label

    def _date_target(self, date: PartialDate) -> tuple[Markup, str]:
        # Only dates with an event or a publication have a page; a quote's own date may have none.
        target = paths.date_path(date) if date in self.index.dates else ""
        self._dates[date] = (inline(date.label()), target)
        return self._dates[date]

    @jinja2.pass_context
    def claim_link(self, context: jinja2.runtime.Context, claim_id: str) -> Markup:
        """A claim referred to from elsewhere: badge and text, and the note when it is false or unverifiable."""
        claim = self.index.content.claims[claim_id]
        label = Markup(f"{inline(claim.text)}")
        link = self.link(context, label, paths.article_path(claim.article), claim.anchor)
        note = Markup(f" — <em>Our note:</em> {inline(claim.note)}") if claim.status in NOTE_ALWAYS_SHOWN else ""
        return Markup(f"{badge(claim.status)} {link}{note}")

    @jinja2.pass_context
    def outlet_link(self, context: jinja2.runtime.Context, outlet_id: str) -> Markup:
        return self.link(context, self.index.outlet(outlet_id).name, paths.outlet_path(outlet_id))

    @jinja2.pass_context
    def grade_link(self, context: jinja2.runtime.Context, grade: Grade) -> Markup:
        """An article's grade, linking to the legend that explains it."""
        return self.link(context, _grade_label(grade.code, grade.meaning), paths.GRADING, "admiralty-grades")

    @jinja2.pass_context
    def credibility_link(self, context: jinja2.runtime.Context, credibility: int) -> Markup:
        link = self.link(
            context,
            _grade_label(str(credibility), INFORMATION_GRADES[credibility]),
            paths.GRADING,
            "credibility-of-the-information",
        )
        return Markup(f"credibility {link} ({INFORMATION_GRADES[credibility].lower()})")

    @jinja2.pass_context
    def claimant_link(self, context: jinja2.runtime.Context, claim: Claim) -> Markup:
        if claim.by_outlet:
            outlet = self.index.article(claim.article).source.outlet
            return Markup(f"the outlet, {self.outlet_link(context, outlet)}")
        return self.actor_link(context, claim.by)

    @jinja2.pass_context
    def event_link(self, context: jinja2.runtime.Context, event: Event, label: str = "source") -> Markup:
        return self.link(context, label, paths.article_path(event.article), event.anchor)

    @jinja2.pass_context
    def event_badge(self, context: jinja2.runtime.Context, event: Event) -> Markup:
        """An event that rests on one claim carries that claim's status, linked to the claim and its note."""
        if not event.claim:
            return Markup("")
        claim = self.index.content.claims[event.claim]
        return Markup(" ") + self.link(context, badge(claim.status), paths.article_path(claim.article), claim.anchor)

    @jinja2.pass_context
    def participants(self, context: jinja2.runtime.Context, event: Event) -> Markup:
        parts = []
        for participant in event.participants:
            role = f" ({participant.role})" if participant.role else ""
            parts.append(f"{self.actor_link(context, participant.actor)}{role}")
        return Markup(", ".join(parts))

    # The blocks below repeat on every listing, hundreds of times per hub page: as Python they
    # take a fraction of the time Jinja macros would.

    @jinja2.pass_context
    def event_line(self, context: jinja2.runtime.Context, event: Event, show_source: bool = True) -> Markup:
        """Date, kind, status badge and what happened, then a link to the full event (`show_source`).

        The full event, with its place and actors, is on its article's page (`show_source=False`);
        every list elsewhere shows it compactly, so that lists of thousands stay small.
        """
        line = [
            f"{self.date_link(context, event.date)} · <em>{inline(event.type.replace('-', ' '))}</em>",
            f"{self.event_badge(context, event)} — {inline(event.what)}",
        ]
        if show_source:
            line.append(f" ({self.event_link(context, event)})")
            return Markup("".join(line))
        if event.place:
            line.append(f" ({inline(event.place)})")
        if event.participants:
            line.append(f" Actors: {self.participants(context, event)}.{self.aliases_of(event.actors)}")
        return Markup("".join(line))

    @jinja2.pass_context
    def chronology_items(self, context: jinja2.runtime.Context, events: Iterable[Event]) -> Markup:
        """Each event as a list item: its bar (drawn, hidden from screen readers), then the same facts in words.

        The data attributes are what the page's filters compare: ids, never shown.
        """
        items = "\n".join(self._chronology_item(context, event) for event in events)
        return Markup(f'<ol class="chrono-events">\n{items}\n</ol>')

    def _chronology_item(self, context: jinja2.runtime.Context, event: Event) -> str:
        span = chronology.span_of(event.date)
        precision = span.precision
        said = chronology.PRECISION_WORDS[precision]
        said = "" if precision is Precision.DAY else f' <span class="chrono-precision">({said})</span>'
        actors = f" Actors: {self.participants(context, event)}." if event.participants else ""
        place = f" ({inline(event.place)})" if event.place else ""
        bar = f'<span class="chrono-mark" style="{span.style}"></span>'
        return (
            f'<li class="chrono-event chrono-event--{precision.name.lower()}" data-type="{html_text(event.type)}"'
            f' data-actors="{" ".join(event.actors)}" data-topics="{" ".join(event.topics)}">'
            f'<span class="chrono-bar" aria-hidden="true">{bar}</span><span class="chrono-text">'
            f'<span class="chrono-date">{self.date_link(context, event.date)}{said}</span>'
            f" · <em>{inline(event.type.replace('-', ' '))}</em>{self.event_badge(context, event)}"
            f" — {inline(event.what)}{place}{actors} ({self.event_link(context, event)})</span></li>"
        )

    @jinja2.pass_context
    def chronology_link(
        self, context: jinja2.runtime.Context, events: list[Event], key: str, entry_id: str, label: str
    ) -> Markup:
        """A link to the chronology filtered to one actor or topic, at the year of its newest event."""
        year = chronology.newest_year_of(events)
        if year is None:
            return Markup("")
        page_path = self._page_of(context)
        href = f"{paths.relative_url(page_path, chronology.year_path(year))}?{key}={entry_id}"
        return Markup(f'<p class="more"><a href="{href}">{inline(label)}</a> ›</p>')

    def aliases_of(self, actor_ids: Iterable[str]) -> Markup:
        """The other spellings of these actors' names, for the search index only (see search.alias_mark)."""
        return search.alias_mark(alias for actor_id in actor_ids for alias in self.index.actor(actor_id).aliases)

    def search_facets(self, kind: str, entry_id: str) -> Markup:
        """What the search page can filter and sort a page by: see search.facet_marks."""
        return search.facet_marks(*_facets(self.index, kind, entry_id))

    @jinja2.pass_context
    def claim_block(self, context: jinja2.runtime.Context, claim: Claim, relations: bool = False) -> Markup:
        """A claim with its status, claimant, subjects, topic, stance, credibility and our note.

        On its own article's page it carries the anchor other pages link to and the claims it
        contradicts or supports, either way. Elsewhere it is listed compactly (see
        `_compact_claim`), unless its relations are asked for (the contradictions page).
        """
        on_own_page = self._page_of(context) == paths.article_path(claim.article)
        if not (on_own_page or relations):
            return self._compact_claim(context, claim)
        facts = [f"Claimed by {self.claimant_link(context, claim)}"]
        if claim.about:
            facts.append(f" · about {', '.join(self.actor_link(context, actor) for actor in claim.about)}")
        if claim.topic:
            facts.append(f" · topic: {self.topic_link(context, claim.topic)}")
        if claim.stance:
            facts.append(f" · stance: {stance_label(claim.stance)}")
        facts.append(f" · {self.credibility_link(context, claim.credibility)}")
        if not on_own_page:
            facts.append(f" · in {self.article_link(context, self.index.article(claim.article), claim.anchor)}")
        anchor = f' id="{claim.anchor}"' if on_own_page else ""
        block = [f'<div class="claim claim--{claim.status.value}"{anchor} data-claim="{claim.id}">']
        if on_own_page:
            outlet = self.index.outlet(self.index.article(claim.article).source.outlet)
            by = f"the outlet, {outlet.name}" if claim.by_outlet else self.index.actor(claim.by).name
            block.append(_block_heading(claim.anchor, f"{claim.status.label} claim by {by}"))
            involved = (() if claim.by_outlet else (claim.by,)) + claim.about
            facts.append(self.aliases_of(involved))
        block += [
            f"<p>{badge(claim.status)} <strong>{inline(claim.text)}</strong>",
            "".join(facts) + "</p>",
            f'<p class="claim-note"><em>Our note:</em> {inline(claim.note)}</p>',
            *self._claim_relations(context, claim),
        ]
        return Markup("\n".join([*block, "</div>"]))

    def _compact_claim(self, context: jinja2.runtime.Context, claim: Claim) -> Markup:
        """Status, statement, claimant and a link to the full claim; our note only where the status flags it."""
        article = self.index.article(claim.article)
        source = (
            f"Claimed by {self.claimant_link(context, claim)} · in {self.article_link(context, article, claim.anchor)}"
        )
        note = f'\n<p class="claim-note"><em>Our note:</em> {inline(claim.note)}</p>' if claim.status.flagged else ""
        return Markup(
            f'<div class="claim claim--{claim.status.value}" data-claim="{claim.id}">\n'
            f"<p>{badge(claim.status)} <strong>{inline(claim.text)}</strong>\n{source}</p>{note}\n</div>"
        )

    @jinja2.pass_context
    def quote_block(self, context: jinja2.runtime.Context, quote: Quote) -> Markup:
        """A quote in a block of its own: the words, then its speaker, status and details, then our note.

        One block per quote, so neither a renderer nor a reader can join a quote to the next one's
        speaker. On its own article's page it carries the anchor other pages link to.
        """
        article = self.index.article(quote.article)
        on_own_page = self._page_of(context) == paths.article_path(quote.article)
        anchor = f' id="{quote.anchor}"' if on_own_page else ""
        attribution = self._quote_attribution(context, quote, on_own_page)
        block = [f'<div class="quote quote--{quote.status.value}"{anchor} data-quote="{quote.anchor}">']
        if on_own_page:
            speaker = self.index.actor(quote.speaker).name
            block.append(_block_heading(quote.anchor, f"{quote.status.label} quote by {speaker}"))
            attribution += str(self.aliases_of((quote.speaker,)))  # Markup would escape the text before it
        block += [
            f"<blockquote><p>{inline(quote.text)}</p></blockquote>",
            f'<p class="quote-attribution">{badge(quote.status)} — {attribution}</p>',
        ]
        if quote.note:
            block.append(f'<p class="quote-note"><em>Our note:</em> {inline(quote.note)}</p>')
        if not on_own_page:
            block.append(f'<p class="quote-source">Quoted in {self.article_link(context, article, quote.anchor)}</p>')
        return Markup("\n".join([*block, "</div>"]))

    def _quote_attribution(self, context: jinja2.runtime.Context, quote: Quote, in_full: bool) -> str:
        """Speaker and date, then (`in_full`, on its article's page) where, in what context and on what topic."""
        parts = [str(self.actor_link(context, quote.speaker))]
        if quote.date:
            parts.append(f", {self.date_link(context, quote.date)}")
        if not in_full:
            return "".join(parts)
        if quote.place:
            parts.append(f", {inline(quote.place)}")
        if quote.context:
            parts.append(f" ({inline(quote.context)})")
        if quote.stance:
            parts.append(f" · stance on {self.topic_link(context, quote.topic)}: {stance_label(quote.stance)}")
        elif quote.topic:
            parts.append(f" · topic: {self.topic_link(context, quote.topic)}")
        return "".join(parts)

    @jinja2.pass_context
    def quote_blocks(self, context: jinja2.runtime.Context, quotes: Iterable[Quote]) -> Markup:
        return Markup("\n".join(self.quote_block(context, quote) for quote in quotes))

    def _claim_relations(self, context: jinja2.runtime.Context, claim: Claim) -> list[str]:
        """The claims this one contradicts or supports, and those that contradict or support it."""
        against = [other for other in self.index.claimed_against.get(claim.id, []) if other not in claim.contradicts]
        backing = [other for other in self.index.supported_by.get(claim.id, []) if other not in claim.supports]
        named = [
            *(("Contradicts", other) for other in claim.contradicts),
            *(("Supports", other) for other in claim.supports),
            *(("Contradicted by", other) for other in against),
            *(("Supported by", other) for other in backing),
        ]
        return [f'<p class="claim-relation">{how}: {self.claim_link(context, other)}</p>' for how, other in named]

    @jinja2.pass_context
    def claim_blocks(self, context: jinja2.runtime.Context, claims: Iterable[Claim], relations: bool = False) -> Markup:
        return Markup("\n".join(self.claim_block(context, claim, relations) for claim in claims))

    @jinja2.pass_context
    def event_items(self, context: jinja2.runtime.Context, events: Iterable[Event]) -> Markup:
        """A list, each event with its source, marked as an event for styles and readers' tools."""
        lines = "\n".join(f'<li class="event">{self.event_line(context, event)}</li>' for event in events)
        return Markup(f"<ul>\n{lines}\n</ul>")

    @jinja2.pass_context
    def article_items(self, context: jinja2.runtime.Context, articles: Iterable[Article], lead: str = "") -> Markup:
        """A list, each article with its outlet and date after `lead`, the template's own words."""
        lines = "\n".join(f"<li>{lead}{self.article_item(context, article)}</li>" for article in articles)
        return Markup(f"<ul>\n{lines}\n</ul>")

    @jinja2.pass_context
    def article_item(self, context: jinja2.runtime.Context, article: Article) -> Markup:
        outlet = inline(self.index.outlet(article.source.outlet).name)
        link = self.article_link(context, article)
        return Markup(f"{link} — {outlet}, {self.date_link(context, article.published)}")

    @jinja2.pass_context
    def pager(self, context: jinja2.runtime.Context, first: str, part: int, count: int) -> Markup:
        """Links to the first, previous, nearby, next and last parts of a list; none for a list of one part."""
        if count <= 1:
            return Markup("")
        shown = sorted({1, count, *range(max(1, part - 2), min(count, part + 2) + 1)})
        items, last = [], 0
        if part > 1:
            items.append(self.link(context, "‹ Newer", parts.part_path(first, part - 1)))
        for number in shown:
            if number > last + 1:
                items.append("…")
            here = number == part
            items.append(
                Markup(f'<strong aria-current="page">{number}</strong>')
                if here
                else self.link(context, str(number), parts.part_path(first, number))
            )
            last = number
        if part < count:
            items.append(self.link(context, "Older ›", parts.part_path(first, part + 1)))
        return Markup(f'<nav class="pager" aria-label="Parts of this list"><p>{" ".join(items)}</p></nav>')

    @jinja2.pass_context
    def more_link(
        self, context: jinja2.runtime.Context, shown: parts.Shown, noun: str, order: str = "newest first"
    ) -> Markup:
        """After a hub's preview of a long list: a link to the whole list, when the hub does not show it all."""
        if not shown.more:
            return Markup("")
        label = f"All {shown.total:,} {noun}, {order}"
        return Markup(f'<p class="more">{self.link(context, label, shown.whole)} ›</p>')

    @jinja2.pass_context
    def statement_blocks(self, context: jinja2.runtime.Context, statements: Iterable[Any]) -> Markup:
        """An actor's quotes and claims, each under its date."""
        blocks = []
        for statement in statements:
            kind = "quote" if statement.quote else "claim"
            block = (
                self.quote_block(context, statement.quote)
                if statement.quote
                else self.claim_block(context, statement.claim)
            )
            blocks.append(f"<p>{self.date_link(context, statement.date)} · {kind}:</p>\n{block}")
        return Markup("\n".join(blocks))

    @jinja2.pass_context
    def article_rows(self, context: jinja2.runtime.Context, articles: Iterable[Article]) -> Markup:
        """A table of articles: date, headline, outlet, kind of source and grade."""
        rows = [
            f"<tr><td>{self.date_link(context, a.published)}</td><td>{self.article_link(context, a)}</td>"
            f"<td>{self.outlet_link(context, a.source.outlet)}</td><td>{inline(a.source.kind_label)}</td>"
            f"<td>{self.grade_link(context, a.grade)}</td></tr>"
            for a in articles
        ]
        head = "<thead><tr><th>Published</th><th>Headline</th><th>Outlet</th><th>Kind</th><th>Grade</th></tr></thead>"
        return Markup(f"<table>\n{head}\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")

    @jinja2.pass_context
    def topic_list(self, context: jinja2.runtime.Context, tree: list[tuple[int, Topic]]) -> Markup:
        """Topics as nested lists, each with its article count and description; `tree` gives each depth."""
        counts = context["topic_counts"]
        lines, depth = [], -1
        for level, topic in tree:
            if level > depth:
                lines.append("<ul>" * (level - depth))
            else:
                lines.append("</li></ul>" * (depth - level) + "</li>")
            link = self.topic_link(context, topic.id)
            lines.append(f"<li>{link} ({counts[topic.id]}) — {inline(topic.description)}")
            depth = level
        lines.append("</li></ul>" * (depth + 1))
        return Markup("\n".join(lines))

    @staticmethod
    @jinja2.pass_context
    def counted(context: jinja2.runtime.Context, pairs: Any, link_for: Callable[..., Markup]) -> Markup:
        """'A (3), B (1).': the most frequent entries linked, with how often each occurs, and how many more."""
        entries = [f"{link_for(context, entry_id)} ({count})" for entry_id, count in pairs[:COUNTED_LIMIT]]
        rest = len(pairs) - COUNTED_LIMIT
        more = f", and {_plural(rest, 'other')} mentioned less often" if rest > 0 else ""
        return Markup(", ".join(entries) + more + ("." if entries else ""))


def _block_heading(anchor: str, title: str) -> str:
    """A quote's or claim's own heading, kept out of the table of contents (it has no permalink).

    Pagefind splits a page's results at headings with an id: each quote and claim becomes a
    result of its own, titled with its status, kind and speaker. A sub-result leads to the
    heading, the first line of the block whose anchor other pages link to.
    """
    return f'<h3 class="block-heading" id="{anchor}-heading">{inline(title)}</h3>'


PAGE_TYPES = {"article": "Article", "actor": "Actor", "topic": "Topic", "outlet": "Outlet"}
"""The page type each kind of indexed page has in search."""


def _facets(index: Index, kind: str, entry_id: str) -> tuple[dict[str, list[str]], str]:
    """A page's filter values by facet name, and its date for sorting ("" for undated pages)."""
    facets: dict[str, list[str]] = {"page type": [PAGE_TYPES[kind]]}
    if kind == "actor":
        facets.update(_actor_facets([index.actor(entry_id)]))
    elif kind == "topic":
        facets["topic"] = [index.topic(entry_id).name]
    elif kind == "outlet":
        outlet = index.outlet(entry_id)
        facets.update({"outlet": [outlet.name], "source kind": [outlet.kind_label]})
    else:
        article = index.article(entry_id)
        statuses = {claim.status for claim in article.claims}
        facets.update(
            {
                **_actor_facets(index.actor(a) for a in article.mentioned_actors),
                "topic": sorted((index.topic(t).name for t in article.topics), key=str.casefold),
                "outlet": [index.outlet(article.source.outlet).name],
                "source kind": [article.source.kind_label],
                "claim status": [status.label for status in ClaimStatus if status in statuses],
                "year": [str(article.published.year)],
            }
        )
        return facets, article.published.iso()
    return facets, ""


def _actor_facets(actors: Iterable[Actor]) -> dict[str, list[str]]:
    """The actors' names under their facet, people apart from organisations, states and groups."""
    facets: dict[str, list[str]] = {"person": [], "organisation": []}
    for actor in actors:
        facets["person" if actor.kind == "person" else "organisation"].append(actor.name)
    return {facet: sorted(names, key=str.casefold) for facet, names in facets.items()}


def external_link(url: str) -> Markup:
    """A link to an original source; the schema has already required http or https."""
    shown = html_text(url)
    return Markup(f'<a href="{shown}" class="external" rel="noopener noreferrer nofollow">{inline(url)}</a>')


COUNTED_LIMIT = 30
"""How many of the actors or topics seen together with a page's subject it names, most frequent first."""

NOTE_ALWAYS_SHOWN = frozenset({ClaimStatus.FALSE, ClaimStatus.UNVERIFIABLE})


# The labels below recur on every claim: each is made once per value.


@functools.cache
def _grade_label(code: str, meaning: str) -> Markup:
    return Markup(f'<span class="grade" title="{html_text(meaning)}">{code}</span>')


@functools.cache
def stance_label(stance: str) -> Markup:
    return Markup(f'<span class="stance stance--{stance}">{STANCE_LABELS[stance]}</span>')


@functools.cache
def badge(status: ClaimStatus) -> Markup:
    return Markup(
        f'<span class="status status--{status.value}" title="Verification status: {status.label}">{status.label}</span>'
    )


def article_title(article: Article) -> str:
    """The page title (browser tab, search result): the headline, and its source's kind when flagged."""
    if article.flagged_source:
        return f"{article.headline} ({SOURCE_KIND_LABELS[article.source.kind]} source)"
    return article.headline


def source_tag(article: Article) -> Markup:
    """After a headline: the kind of source when readers must be warned of it (AI-generated, aggregator…)."""
    return _source_kind_tag(article.source.kind) if article.flagged_source else Markup("")


@functools.cache
def _source_kind_tag(kind: str) -> Markup:
    label = SOURCE_KIND_LABELS[kind]
    return Markup(f' <span class="source-kind source-kind--{kind}" title="Kind of source: {label}">{label}</span>')
