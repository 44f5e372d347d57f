"""The content model: what a summary and the registries mean once validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .dates import PartialDate

OUTLET_CLAIMANT = "outlet"
"""The `by` value of a claim the source itself makes."""


class ClaimStatus(StrEnum):
    REPORTED = "reported"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    FALSE = "false"
    UNVERIFIABLE = "unverifiable"

    @property
    def label(self) -> str:
        return self.value.capitalize()


SOURCE_KIND_LABELS = {
    "wire": "Wire service",
    "newspaper": "Newspaper",
    "broadcaster": "Broadcaster",
    "state-media": "State media",
    "analysis": "Analysis",
    "aggregator": "Aggregator",
    "ai-generated": "AI-generated",
    "opinion": "Opinion",
}

ACTOR_KIND_LABELS = {
    "person": "People",
    "state": "States",
    "organisation": "Organisations",
    "group": "Groups",
}


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    description: str
    role: str = ""
    affiliation: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    description: str
    parent: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    outlet: str
    published: PartialDate
    language: str
    kind: str
    url: str = ""
    updated: PartialDate | None = None
    author: str = ""

    @property
    def kind_label(self) -> str:
        return SOURCE_KIND_LABELS[self.kind]


@dataclass(frozen=True)
class Participant:
    actor: str
    role: str = ""


@dataclass(frozen=True)
class Event:
    date: PartialDate
    what: str
    type: str
    article: str
    number: int
    participants: tuple[Participant, ...] = ()
    topics: tuple[str, ...] = ()
    place: str = ""
    claim: str = ""

    @property
    def anchor(self) -> str:
        return f"event-{self.number}"

    @property
    def actors(self) -> tuple[str, ...]:
        return tuple(participant.actor for participant in self.participants)


@dataclass(frozen=True)
class Quote:
    speaker: str
    text: str
    article: str
    number: int
    date: PartialDate | None = None
    place: str = ""
    context: str = ""

    @property
    def anchor(self) -> str:
        return f"quote-{self.number}"


@dataclass(frozen=True)
class Claim:
    id: str
    by: str
    text: str
    status: ClaimStatus
    note: str
    article: str
    topic: str = ""
    contradicts: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        return f"claim-{self.id}"

    @property
    def by_outlet(self) -> bool:
        return self.by == OUTLET_CLAIMANT


@dataclass(frozen=True)
class Article:
    id: str
    path: str
    headline: str
    source: Source
    summary: str
    reliability: str
    key_points: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()

    @property
    def published(self) -> PartialDate:
        return self.source.published

    @property
    def ai_generated(self) -> bool:
        return self.source.kind == "ai-generated"

    def mentioned_actors(self) -> frozenset[str]:
        """Every actor the article refers to, in any annotation."""
        mentioned = set(self.actors)
        for event in self.events:
            mentioned.update(event.actors)
        mentioned.update(quote.speaker for quote in self.quotes)
        mentioned.update(claim.by for claim in self.claims if not claim.by_outlet)
        return frozenset(mentioned)


@dataclass(frozen=True)
class Content:
    """Everything the site is built from, validated and cross-checked."""

    actors: dict[str, Actor]
    topics: dict[str, Topic]
    articles: dict[str, Article]
    actors_file: str = "content/actors.yaml"
    topics_file: str = "content/topics.yaml"
    claims: dict[str, Claim] = field(default_factory=dict)
