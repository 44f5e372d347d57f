"""Long lists split into parts, so that no page grows with the content.

A hub page (an actor, a topic, an outlet, the claims) shows the newest few entries of each of
its lists and links to the whole list, which is split into numbered parts of at most
`PART_SIZE` entries, newest first, each linking to the others. Every entry stays reachable
from its hub; the full item is on its own article's page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import paths
from .index import Index
from .model import ACTOR_KIND_LABELS, ClaimStatus

PREVIEW = 10
"""How many entries of each long list a hub page shows itself."""
PART_SIZE = 100
"""The most entries one part of a list shows: about 100 KB of HTML at most."""


@dataclass(frozen=True)
class LongList:
    """One list a hub page shows: what it is called, what kind of entries it holds, where they come from."""

    key: str
    title: str
    """The title of the list's own pages, with `{name}` for its owner's name."""
    kind: str
    """How entries are drawn: "events", "claims", "quotes", "statements", "articles" or "contradictions"."""
    entries: Callable[[Index, str], Sequence[Any]]
    """The entries for one owner (an actor's id, a status…), newest first."""


def _newest_first(entries: Sequence[Any]) -> Sequence[Any]:
    return entries[::-1]


ACTOR_LISTS = (
    LongList("statements", "Statements by {name}", "statements", lambda index, a: _newest_first(index.statements[a])),
    LongList("claims-about", "Claims about {name}", "claims", lambda index, a: index.claims_about[a]),
    LongList("events", "Events involving {name}", "events", lambda index, a: _newest_first(index.actor_events[a])),
    LongList("articles", "Articles mentioning {name}", "articles", lambda index, a: index.mentions[a]),
)
TOPIC_LISTS = (
    LongList("events", "Timeline of {name}", "events", lambda index, t: _newest_first(index.topic_events[t])),
    LongList("claims", "Claims on {name}", "claims", lambda index, t: index.topic_claims[t]),
    LongList("quotes", "Quotes on {name}", "quotes", lambda index, t: index.topic_quotes[t]),
    LongList("articles", "Articles on {name}", "articles", lambda index, t: index.topic_articles[t]),
)
OUTLET_LISTS = (
    LongList("articles", "Summaries from {name}", "articles", lambda index, o: index.outlet_articles[o]),
    LongList("claims", "Claims in summaries from {name}", "claims", lambda index, o: outlet_claims(index, o)),
)
STATUS_LIST = LongList("claims", "Claims", "claims", lambda index, status: index.claims_by_status[ClaimStatus(status)])
ARTICLES_LIST = LongList("articles", "Articles", "articles", lambda index, _: index.articles)
CONTRADICTIONS_LIST = LongList(
    "contradictions", "Disputed", "contradictions", lambda index, _: [c for _, cs in index.contradictions for c in cs]
)


ACTORS_BY_KIND = tuple(
    LongList(kind, label, "actors", lambda index, _, kind=kind: actors_of_kind(index, kind))
    for kind, label in ACTOR_KIND_LABELS.items()
)
"""The actors index's lists, one per kind of actor, the most mentioned first."""


def actors_of_kind(index: Index, kind: str) -> list[Any]:
    listed = [actor for actor in index.content.actors.values() if actor.kind == kind]
    return sorted(listed, key=lambda actor: (-index.mention_counts[actor.id], actor.name.casefold(), actor.id))


def outlet_claims(index: Index, outlet_id: str) -> list[Any]:
    return [claim for article in index.outlet_articles[outlet_id] for claim in article.claims]


def part_count(total: int) -> int:
    return max(1, math.ceil(total / PART_SIZE))


def part_path(first: str, part: int) -> str:
    """Part 1 is `first` itself ('actors/x/events.md'); part k sits in its folder ('actors/x/events/2.md')."""
    return first if part == 1 else f"{paths.url_folder(first)}/{part}.md"


def list_path(hub: str, key: str) -> str:
    """Where a hub's whole list starts: 'actors/x.md' and 'events' give 'actors/x/events.md'."""
    return f"{hub.removesuffix('.md')}/{key}.md"


@dataclass(frozen=True)
class Shown:
    """What a hub shows of one long list: the first entries, how many there are, and where the rest are."""

    entries: Sequence[Any]
    total: int
    whole: str
    """The path of the list's first part, or "" when the hub shows every entry itself."""

    @property
    def more(self) -> bool:
        return bool(self.whole)


def preview(index: Index, hub: str, owner: str, long_list: LongList) -> Shown:
    entries = long_list.entries(index, owner)
    whole = list_path(hub, long_list.key) if len(entries) > PREVIEW else ""
    return Shown(entries[:PREVIEW], len(entries), whole)


def parts_of(index: Index, owner: str, long_list: LongList, *, always: bool = False) -> list[int]:
    """The part numbers a list needs: none when its hub shows it whole, unless the list is a page of its own."""
    total = len(long_list.entries(index, owner))
    if total <= PREVIEW and not always:
        return []
    return list(range(1, part_count(total) + 1))
