"""Stage 3: cross-reference the content so every page can list what points at it.

The index is complete before any page renders: links run both ways, so a page
needs to know about every article that mentions its subject.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import combinations

from .dates import PartialDate, Precision
from .model import Actor, Article, Claim, ClaimStatus, Content, Event, Outlet, Quote, Topic

RELATED_LIMIT = 5
RELATED_WINDOW = 48
"""How many articles one shared topic or actor can bring in as candidates for related articles."""


@dataclass
class DateEntry:
    """What a day, month or year page shows: events and publications at exactly that precision."""

    date: PartialDate
    events: list[Event] = field(default_factory=list)
    published: list[Article] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.events and not self.published


@dataclass(frozen=True)
class Statement:
    """A quote or a claim attributed to an actor, dated for an actor's timeline."""

    date: PartialDate
    article: Article
    quote: Quote | None = None
    claim: Claim | None = None


@dataclass(frozen=True)
class Position:
    """A stance an actor took on a topic, in one quote or claim."""

    actor: str
    topic: str
    stance: str
    date: PartialDate
    article: Article
    quote: Quote | None = None
    claim: Claim | None = None
    previous: str = ""

    @property
    def changed(self) -> bool:
        """True where the actor's stance on this topic differs from its previous one."""
        return bool(self.previous) and self.previous != self.stance

    @property
    def anchor(self) -> str:
        return self.quote.anchor if self.quote else self.claim.anchor if self.claim else ""


@dataclass
class Index:
    content: Content
    articles: list[Article]
    mentions: dict[str, list[Article]]
    topic_articles: dict[str, list[Article]]
    statements: dict[str, list[Statement]]
    actor_events: dict[str, list[Event]]
    topic_events: dict[str, list[Event]]
    topic_claims: dict[str, list[Claim]]
    topic_quotes: dict[str, list[Quote]]
    co_mentions: dict[str, list[tuple[str, int]]]
    actor_topics: dict[str, list[tuple[str, int]]]
    topic_actors: dict[str, list[tuple[str, int]]]
    related: dict[str, list[Article]]
    children: dict[str, list[str]]
    members: dict[str, list[str]]
    claimed_against: dict[str, list[str]]
    supported_by: dict[str, list[str]]
    dates: dict[PartialDate, DateEntry]
    outlet_articles: dict[str, list[Article]]
    claims_by_status: dict[ClaimStatus, list[Claim]]
    claims_about: dict[str, list[Claim]]
    """The claims that speak of an actor (`Claim.about`), whoever makes them."""
    contradictions: list[tuple[str, list[Claim]]]
    """Every claim that contradicts another or is contradicted, once, grouped by its topic."""
    positions: dict[str, dict[str, list[Position]]]
    accounts: dict[str, list[Event]]
    latest: dict[str, PartialDate]
    """The newest publication date of the articles on each actor ('actor:ID') and topic ('topic:ID').

    Pages that only need this (related actors and topics) read it instead of the whole list, so
    that under `mkdocs serve` an edit of an article renders them again only when the date moves.
    """
    mention_counts: dict[str, int]
    """How many articles mention each actor: what pages that show only the number read."""
    topic_positions: dict[str, list[Position]]
    """Each actor's most recent stance on each topic, by actor name."""
    contradiction_count: int
    """How many pairs of claims contradict each other: shown on every claims page, counted once."""

    def outlet(self, outlet_id: str) -> Outlet:
        return self.content.outlets[outlet_id]

    def latest_positions(self, topic_id: str) -> list[Position]:
        """Each actor's most recent stance on a topic, by actor name."""
        return self.topic_positions.get(topic_id, [])

    def article(self, article_id: str) -> Article:
        return self.content.articles[article_id]

    def actor(self, actor_id: str) -> Actor:
        return self.content.actors[actor_id]

    def topic(self, topic_id: str) -> Topic:
        return self.content.topics[topic_id]

    def __post_init__(self) -> None:
        # Day, month and year pages each ask for their neighbours and periods: answered from
        # lists built once, never by scanning every date for every page.
        ordered = sorted(self.dates)
        self._by_precision = {p: [d for d in ordered if d.precision is p] for p in Precision}
        self._day_positions = {day: n for n, day in enumerate(self._by_precision[Precision.DAY])}
        self._within: dict[PartialDate, list[PartialDate]] = defaultdict(list)
        for date in ordered:
            if date.precision is Precision.MONTH:
                self._within[date.year_of()].append(date)
            elif date.precision is Precision.DAY:
                self._within[date.month_of()].append(date)

    def days(self) -> list[PartialDate]:
        return list(self._by_precision[Precision.DAY])

    def months(self) -> list[PartialDate]:
        return list(self._by_precision[Precision.MONTH])

    def years(self) -> list[PartialDate]:
        return list(self._by_precision[Precision.YEAR])

    def adjacent_days(self, day: PartialDate) -> tuple[PartialDate | None, PartialDate | None]:
        """The previous and next days that have a page."""
        days, position = self._by_precision[Precision.DAY], self._day_positions[day]
        return (days[position - 1] if position else None, days[position + 1] if position + 1 < len(days) else None)

    def dates_within(self, period: PartialDate, precision: Precision) -> list[PartialDate]:
        """The days of a month, or the months of a year, that have a page."""
        return [date for date in self._within.get(period, []) if date.precision is precision]


RelatedArticles = Callable[[list[Article]], dict[str, list[Article]]]


def build_index(content: Content, related_of: RelatedArticles | None = None) -> Index:
    """Every list and count the pages show, derived from the content.

    `related_of` replaces `related_articles`, e.g. by one that remembers its last answer.
    """
    articles = sorted(content.articles.values(), key=_newest_first)
    all_events = sorted((event for article in articles for event in article.events), key=_event_order)
    topic_articles = _group(articles, lambda article: article.topics, content.topics)
    mentions = _group(articles, lambda article: article.mentioned_actors, content.actors)
    positions = _positions(articles)
    return Index(
        content=content,
        articles=articles,
        mentions=mentions,
        topic_articles=topic_articles,
        statements=_statements(articles, content.actors),
        actor_events=_group(all_events, lambda event: event.actors, content.actors),
        topic_events=_group(all_events, lambda event: event.topics, content.topics),
        topic_claims=_group(_all_claims(articles), lambda claim: [claim.topic] if claim.topic else [], content.topics),
        topic_quotes={topic: [q for a in listed for q in a.quotes] for topic, listed in topic_articles.items()},
        co_mentions=_co_mentions(articles),
        actor_topics=_pair_counts(articles, lambda a: a.mentioned_actors, lambda a: a.topics),
        topic_actors=_pair_counts(articles, lambda a: a.topics, lambda a: a.mentioned_actors),
        related=(related_of or related_articles)(articles),
        children=_group(
            sorted(content.topics.values(), key=lambda t: t.name),
            lambda t: [t.parent] if t.parent else [],
            content.topics,
            key=lambda t: t.id,
        ),
        members=_group(
            sorted(content.actors.values(), key=lambda a: a.name),
            lambda a: [a.affiliation] if a.affiliation else [],
            content.actors,
            key=lambda a: a.id,
        ),
        claimed_against=_claim_backlinks(articles, "contradicts"),
        supported_by=_claim_backlinks(articles, "supports"),
        dates=_dates(articles, all_events),
        outlet_articles=_group(articles, lambda article: [article.source.outlet], content.outlets),
        claims_by_status={status: [c for c in _all_claims(articles) if c.status is status] for status in ClaimStatus},
        claims_about=_group(_all_claims(articles), lambda claim: claim.about, content.actors),
        contradictions=_contradictions(content),
        positions=positions,
        accounts=_accounts(all_events),
        latest=_latest({"actor": mentions, "topic": topic_articles}),
        mention_counts={actor_id: len(listed) for actor_id, listed in mentions.items()},
        topic_positions=_topic_positions(positions, content.actors),
        contradiction_count=contradiction_pairs(content),
    )


def _topic_positions(
    positions: dict[str, dict[str, list[Position]]], actors: dict[str, Actor]
) -> dict[str, list[Position]]:
    by_topic: dict[str, list[Position]] = defaultdict(list)
    for by_actor in positions.values():
        for topic_id, listed in by_actor.items():
            by_topic[topic_id].append(listed[-1])
    for listed in by_topic.values():
        listed.sort(key=lambda p: (actors[p.actor].name.casefold(), p.actor))
    return dict(by_topic)


def _latest(lists: dict[str, dict[str, list[Article]]]) -> dict[str, PartialDate]:
    # The lists are newest first.
    return {
        f"{kind}:{key}": listed[0].published
        for kind, by_key in lists.items()
        for key, listed in by_key.items()
        if listed
    }


def _newest_first(article: Article) -> tuple[int, int, int, str]:
    published = article.published
    return (-published.year, -published.month, -published.day, article.id)


def _event_order(event: Event) -> tuple[PartialDate, str, int]:
    return (event.date, event.article, event.number)


def _group(items: Iterable, keys_of, registry: dict, key=lambda item: item) -> dict[str, list]:
    """Map every registry id to the items that name it, keeping the items' order."""
    groups: dict[str, list] = {entry_id: [] for entry_id in registry}
    for item in items:
        for entry_id in dict.fromkeys(keys_of(item)):
            groups[entry_id].append(key(item))
    return groups


def _all_claims(articles: list[Article]) -> list[Claim]:
    return [claim for article in articles for claim in article.claims]


def _statements(articles: list[Article], actors: dict[str, Actor]) -> dict[str, list[Statement]]:
    statements: dict[str, list[Statement]] = {actor_id: [] for actor_id in actors}
    for article in articles:
        for quote in article.quotes:
            statements[quote.speaker].append(Statement(quote.date or article.published, article, quote=quote))
        for claim in article.claims:
            if not claim.by_outlet:
                statements[claim.by].append(Statement(article.published, article, claim=claim))
    for listed in statements.values():
        listed.sort(
            key=lambda s: (s.date, s.article.id, s.quote.number if s.quote else 0, s.claim.id if s.claim else "")
        )
    return statements


def _counted(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))


def _co_mentions(articles: list[Article]) -> dict[str, list[tuple[str, int]]]:
    counters: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for first, second in combinations(article.mentioned_actors, 2):
            counters[first][second] += 1
            counters[second][first] += 1
    return {actor: _counted(counter) for actor, counter in sorted(counters.items())}


def _pair_counts(articles: list[Article], keys_of, values_of) -> dict[str, list[tuple[str, int]]]:
    counters: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        for key in keys_of(article):
            counters[key].update(values_of(article))
    return {key: _counted(counter) for key, counter in sorted(counters.items())}


def related_articles(articles: list[Article]) -> dict[str, list[Article]]:
    """Rank other articles by shared topics (weighted double), shared actors, then closeness in time.

    Comparing every pair is quadratic, so candidates come from inverted indexes instead. A key
    shared by more than RELATED_WINDOW articles (Russia is in nearly every one) counts only
    between articles close in time: the RELATED_WINDOW nearest in its date-ordered list.
    """
    keys = [_related_keys(article) for article in articles]
    postings: dict[str, list[int]] = defaultdict(list)
    for position, article_keys in enumerate(keys):
        for key, _ in article_keys:
            postings[key].append(position)
    days = [article.published.first_day().toordinal() for article in articles]
    related = {}
    for position, article in enumerate(articles):
        scores: defaultdict[int, int] = defaultdict(int)
        for key, weight in keys[position]:
            for other in _window(postings[key], position):
                scores[other] += weight
        scores.pop(position, None)
        related[article.id] = [articles[other] for other in _best(scores, days[position], days, articles)]
    return related


def _related_keys(article: Article) -> list[tuple[str, int]]:
    topics = [(f"topic:{topic}", 2) for topic in dict.fromkeys(article.topics)]
    return topics + [(f"actor:{actor}", 1) for actor in article.mentioned_actors]


def _window(positions: list[int], position: int) -> list[int]:
    """The whole posting list, or the RELATED_WINDOW entries nearest to `position` in date order."""
    if len(positions) <= RELATED_WINDOW:
        return positions
    start = bisect_left(positions, position) - RELATED_WINDOW // 2
    start = max(0, min(start, len(positions) - RELATED_WINDOW))
    return positions[start : start + RELATED_WINDOW]


def _best(scores: dict[int, int], day: int, days: list[int], articles: list[Article]) -> list[int]:
    """The RELATED_LIMIT best candidates; the full sort key is built only for those that can win."""
    if not scores:
        return []
    cutoff = heapq.nlargest(RELATED_LIMIT, scores.values())[-1]
    finalists = [other for other, score in scores.items() if score >= cutoff]
    finalists.sort(key=lambda other: (-scores[other], abs(day - days[other]), articles[other].id))
    return finalists[:RELATED_LIMIT]


def _claim_backlinks(articles: list[Article], relation: str) -> dict[str, list[str]]:
    backlinks: dict[str, list[str]] = defaultdict(list)
    for claim in sorted(_all_claims(articles), key=lambda claim: claim.id):
        for other in getattr(claim, relation):
            backlinks[other].append(claim.id)
    return dict(backlinks)


def _contradictions(content: Content) -> list[tuple[str, list[Claim]]]:
    """Each claim in a contradiction once, by id, grouped by its own topic, topics by name.

    A claim contradicted by several others is still shown once: its relations list the others.
    """
    involved = {claim.id for claim in content.claims.values() if claim.contradicts}
    involved.update(other for claim in content.claims.values() for other in claim.contradicts)
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim_id in sorted(involved):
        claim = content.claims[claim_id]
        groups[claim.topic].append(claim)
    order = {topic_id: topic.name.casefold() for topic_id, topic in content.topics.items()}
    return sorted(groups.items(), key=lambda item: (item[0] == "", order.get(item[0], ""), item[0]))


def contradiction_pairs(content: Content) -> int:
    """How many pairs of claims contradict each other, each pair counted once whichever side names it."""
    return len({frozenset((claim.id, other)) for claim in content.claims.values() for other in claim.contradicts})


def _positions(articles: list[Article]) -> dict[str, dict[str, list[Position]]]:
    """Stances per actor and topic in date order, each knowing the stance before it."""
    found: dict[str, dict[str, list[Position]]] = defaultdict(lambda: defaultdict(list))
    for article in articles:
        for quote in article.quotes:
            if quote.stance:
                position = Position(
                    quote.speaker, quote.topic, quote.stance, quote.date or article.published, article, quote=quote
                )
                found[quote.speaker][quote.topic].append(position)
        for claim in article.claims:
            if claim.stance and not claim.by_outlet:
                position = Position(claim.by, claim.topic, claim.stance, article.published, article, claim=claim)
                found[claim.by][claim.topic].append(position)
    return {
        actor: {topic: _chain(listed) for topic, listed in sorted(by_topic.items())}
        for actor, by_topic in sorted(found.items())
    }


def _chain(positions: list[Position]) -> list[Position]:
    ordered = sorted(positions, key=lambda p: (p.date, p.article.id, p.anchor))
    chained, previous = [], ""
    for position in ordered:
        chained.append(replace(position, previous=previous))
        previous = position.stance
    return chained


def _accounts(events: list[Event]) -> dict[str, list[Event]]:
    """Events that several articles report under one id: one event, several accounts."""
    by_id: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.id:
            by_id[event.id].append(event)
    return {event_id: listed for event_id, listed in sorted(by_id.items()) if len({e.article for e in listed}) > 1}


def _dates(articles: list[Article], events: list[Event]) -> dict[PartialDate, DateEntry]:
    entries: dict[PartialDate, DateEntry] = {}

    def entry(date: PartialDate) -> DateEntry:
        for period in (date.year_of(), date.month_of(), date):
            entries.setdefault(period, DateEntry(period))
        return entries[date]

    for event in events:
        entry(event.date).events.append(event)
    for article in sorted(articles, key=lambda article: (article.published, article.id)):
        entry(article.published).published.append(article)
    return dict(sorted(entries.items()))


def _within(date: PartialDate, period: PartialDate) -> bool:
    if period.precision is Precision.YEAR:
        return date.year == period.year
    return (date.year, date.month) == (period.year, period.month)
