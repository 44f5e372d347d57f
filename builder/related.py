"""Related actors and related topics, ranked the way related articles are (see index.py).

Candidates come from counts the index already holds (actors mentioned together, topics
sharing articles), and only the strongest few are ranked in full, so the work per page stays
small however large the content grows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .dates import PartialDate
from .index import Index

RELATED_SHOWN = 5
CANDIDATES = 4 * RELATED_SHOWN
"""How many of the entries sharing most articles are ranked in full."""


@dataclass(frozen=True)
class Related:
    """Another actor or topic, and why it is related: articles in common, then topics or actors in common."""

    id: str
    articles: int
    shared: int
    days_apart: int

    @property
    def score(self) -> int:
        # Sharing an article says more than sharing a topic (or an actor): weighted double.
        return 2 * self.articles + self.shared


def related_actors(index: Index, actor_id: str) -> list[Related]:
    """Actors mentioned with this one, ranked by articles together, topics in common, then closeness in time."""
    mine = _ids(index.actor_topics.get(actor_id, []))
    latest = index.latest.get(f"actor:{actor_id}")
    candidates = [
        Related(
            other,
            count,
            len(mine & _ids(index.actor_topics.get(other, []))),
            _days_between(latest, index.latest.get(f"actor:{other}")),
        )
        for other, count in index.co_mentions.get(actor_id, [])[:CANDIDATES]
    ]
    return _ranked(candidates, lambda other: index.actor(other).name)


def related_topics(index: Index, topic_id: str) -> list[Related]:
    """Topics sharing articles with this one, ranked by articles in common, actors in common, then closeness in time."""
    articles = index.topic_articles[topic_id]
    counts = Counter(other for article in articles for other in article.topics if other != topic_id)
    strongest = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:CANDIDATES]
    mine = _ids(index.topic_actors.get(topic_id, []))
    latest = index.latest.get(f"topic:{topic_id}")
    candidates = [
        Related(
            other,
            count,
            len(mine & _ids(index.topic_actors.get(other, []))),
            _days_between(latest, index.latest.get(f"topic:{other}")),
        )
        for other, count in strongest
    ]
    return _ranked(candidates, lambda other: index.topic(other).name)


def _ranked(candidates: list[Related], name_of: Callable[[str], str]) -> list[Related]:
    ordered = sorted(candidates, key=lambda r: (-r.score, r.days_apart, name_of(r.id).casefold(), r.id))
    return ordered[:RELATED_SHOWN]


def _ids(pairs: list[tuple[str, int]]) -> set[str]:
    return {entry_id for entry_id, _ in pairs}


def _days_between(first: PartialDate | None, second: PartialDate | None) -> int:
    if first is None or second is None:
        return 0
    return abs(first.first_day().toordinal() - second.first_day().toordinal())
