"""The content model: what a summary and the registries mean once validated."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .dates import PartialDate
from .vocabulary import Labels

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

    @property
    def flagged(self) -> bool:
        """A statement a reader must not take as fact: it is disputed, false or unverifiable."""
        return self in FLAGGED_STATUSES


FLAGGED_STATUSES = frozenset({ClaimStatus.DISPUTED, ClaimStatus.FALSE, ClaimStatus.UNVERIFIABLE})

SOURCE_KIND_LABELS: Mapping[str, str] = Labels(lambda vocabulary: vocabulary.source_kind_labels)
"""Each kind of source of the vocabulary in use, with the name pages show for it."""

FLAGGED_SOURCE_KINDS = frozenset({"ai-generated", "state-media", "aggregator", "unidentified"})
"""Source kinds a reader is warned of wherever a summary of such a source is listed or fed."""

STANCE_LABELS: Mapping[str, str] = Labels(lambda vocabulary: vocabulary.stance_labels)
"""Each stance of the vocabulary in use, with the name pages show for it."""

SOURCE_GRADES = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}

INFORMATION_GRADES = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}

STATE_AFFILIATION_LABELS = {
    "independent": "Independent of any state",
    "state-funded": "State-funded",
    "state-controlled": "State-controlled",
    "unknown": "Unknown",
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
class Outlet:
    id: str
    name: str
    kind: str
    country: str
    language: str
    state_affiliation: str
    description: str
    url: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def kind_label(self) -> str:
        return SOURCE_KIND_LABELS[self.kind]

    @property
    def affiliation_label(self) -> str:
        return STATE_AFFILIATION_LABELS[self.state_affiliation]


@dataclass(frozen=True, order=True)
class Grade:
    """An Admiralty-style grade: reliability of the source (A–F), credibility of the information (1–6)."""

    source: str
    information: int

    @property
    def code(self) -> str:
        return f"{self.source}{self.information}"

    @property
    def meaning(self) -> str:
        return f"{SOURCE_GRADES[self.source]} source; {INFORMATION_GRADES[self.information].lower()}"


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
    id: str = ""

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
    topic: str = ""
    stance: str = ""
    status: ClaimStatus = ClaimStatus.REPORTED
    note: str = ""

    @property
    def anchor(self) -> str:
        return f"quote-{self.number}"


@dataclass(frozen=True)
class Claim:
    id: str
    by: str
    text: str
    status: ClaimStatus
    credibility: int
    note: str
    article: str
    topic: str = ""
    stance: str = ""
    contradicts: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    """The actors the claim speaks of, besides its claimant."""

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
    grade: Grade
    summary: str
    reliability: str
    key_points: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    summarised: PartialDate | None = None
    """When our summary was written or last revised; None when not recorded."""

    @property
    def published(self) -> PartialDate:
        return self.source.published

    @property
    def ai_generated(self) -> bool:
        return self.source.kind == "ai-generated"

    @property
    def flagged_source(self) -> bool:
        """Its source is of a kind readers are warned of (AI-generated, state media, aggregator, unidentified)."""
        return self.source.kind in FLAGGED_SOURCE_KINDS

    @functools.cached_property
    def mentioned_actors(self) -> tuple[str, ...]:
        """Every actor the article refers to, in any annotation, sorted by id.

        Indexing, pages and downloads all ask for it; it is worked out once per article.
        """
        mentioned = set(self.actors)
        for event in self.events:
            mentioned.update(event.actors)
        mentioned.update(quote.speaker for quote in self.quotes)
        mentioned.update(claim.by for claim in self.claims if not claim.by_outlet)
        for claim in self.claims:
            mentioned.update(claim.about)
        return tuple(sorted(mentioned))


@dataclass(frozen=True)
class Content:
    """Everything the site is built from, validated and cross-checked."""

    actors: dict[str, Actor]
    topics: dict[str, Topic]
    outlets: dict[str, Outlet]
    articles: dict[str, Article]
    actors_file: str = "content/actors.yaml"
    topics_file: str = "content/topics.yaml"
    outlets_file: str = "content/outlets.yaml"
    claims: dict[str, Claim] = field(default_factory=dict)
