"""Stage 2: check loaded content against the schema and against itself, and build the model.

Every problem in every file is collected before anything is raised, so a
contributor sees the whole list at once.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .dates import PartialDate, parse_date
from .errors import ContentError, Problem
from .load import Document, LoadedContent, Mark
from .model import (
    OUTLET_CLAIMANT,
    Actor,
    Article,
    Claim,
    ClaimStatus,
    Content,
    Event,
    Grade,
    Outlet,
    Participant,
    Quote,
    Source,
    Topic,
)
from .schema import describe, schema_errors, unknown_field_message

Path = tuple[str | int, ...]
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def validate_content(loaded: LoadedContent, today: datetime.date | None = None) -> Content:
    """Return the validated content, or raise ContentError listing every problem."""
    checker = _Checker(list(loaded.problems), today or datetime.date.today())
    actors = checker.registry(loaded.actors, "actors", _build_actor)
    topics = checker.registry(loaded.topics, "topics", _build_topic)
    outlets = checker.registry(loaded.outlets, "outlets", _build_outlet)
    names = _Names(actors, topics, outlets, checker)
    names.check_registries(loaded.actors, loaded.topics, loaded.outlets)
    articles = [article for document in loaded.articles if (article := checker.article(document)) is not None]
    claims = names.check_articles(articles, loaded.articles)
    if checker.problems:
        raise ContentError(checker.problems)
    return Content(
        actors=actors,
        topics=topics,
        outlets=outlets,
        articles={article.id: article for article in articles},
        actors_file=loaded.actors.path if loaded.actors else "",
        topics_file=loaded.topics.path if loaded.topics else "",
        outlets_file=loaded.outlets.path if loaded.outlets else "",
        claims=claims,
    )


def locate(data: Any, path: Path, *, key: bool = False) -> Mark:
    """The position of the value at `path` (or of its key), as close as the data allows."""
    mark = getattr(data, "mark", Mark(1, 1))
    for step in path:
        marks = getattr(data, "key_marks" if key and step == path[-1] else "value_marks", None)
        try:
            mark, data = marks[step], data[step]  # type: ignore[index]
        except (TypeError, KeyError, IndexError):
            break
    return mark


def field_name(path: Path) -> str:
    name = ""
    for step in path:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else step)
    return name


@dataclass
class _Checker:
    problems: list[Problem]
    today: datetime.date
    ids_seen: dict[str, set[str]] = field(
        default_factory=lambda: {"actors": set(), "topics": set(), "outlets": set(), "claims": set()}
    )

    def report(self, document: Document, path: Path, message: str, *, key: bool = False) -> None:
        mark = locate(document.data, path, key=key)
        self.problems.append(Problem(document.path, mark.line, mark.column, field_name(path), message))

    def schema_ok(self, document: Document, schema: str) -> bool:
        before = len(self.problems)
        for error in schema_errors(schema, document.data):
            self._report_schema_error(document, error)
        return len(self.problems) == before

    def _report_schema_error(self, document: Document, error: Any) -> None:
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            known = list(error.schema.get("properties", {}))
            for extra in sorted(set(error.instance) - set(known)):
                self.report(document, (*path, extra), unknown_field_message(extra, known), key=True)
        elif error.validator == "required":
            for missing in error.validator_value:
                if missing not in error.instance:
                    self.report(document, path, f"missing required field {missing!r}")
        elif error.validator == "oneOf" and isinstance(error.instance, dict) and error.context:
            for sub_error in error.context:
                if sub_error.validator != "type":
                    self._report_schema_error(document, sub_error)
        else:
            self.report(document, path, describe(error))

    def registry(
        self, document: Document | None, schema: str, build: Callable[[dict[str, Any]], Any]
    ) -> dict[str, Any]:
        if document is None:
            return {}
        data = document.data if isinstance(document.data, list) else []
        self.ids_seen[schema].update(
            item["id"] for item in data if isinstance(item, dict) and isinstance(item.get("id"), str)
        )
        if not self.schema_ok(document, schema):
            return {}
        entries: dict[str, Any] = {}
        for position, item in enumerate(data):
            if item["id"] in entries:
                self.report(document, (position, "id"), f"duplicate id {item['id']!r}")
            entries.setdefault(item["id"], build(item))
        return dict(sorted(entries.items()))

    def article(self, document: Document) -> Article | None:
        self.ids_seen["claims"].update(_raw_claim_ids(document.data))
        if not SLUG.match(document.stem):
            self.problems.append(Problem(document.path, 1, 1, "", _BAD_FILE_NAME))
            return None
        if not document.path.endswith(".yaml"):
            self.problems.append(Problem(document.path, 1, 1, "", "article files end in .yaml"))
            return None
        if not self.schema_ok(document, "article") or not self.dates_ok(document):
            return None
        return _build_article(document)

    def dates_ok(self, document: Document) -> bool:
        before = len(self.problems)
        published = None
        for path, value in _article_dates(document.data):
            date = parse_date(value)  # the schema has already refused impossible dates
            if date.year_of() > PartialDate(self.today.year) or _is_after(date, self.today):
                self.report(document, path, f"{date} is in the future")
            if path == ("source", "published"):
                published = date
            elif published and path == ("source", "updated") and _is_after_date(published, date):
                self.report(document, path, f"{date} is before the publication date {published}")
            elif published and path[0] == "quotes" and _is_after_date(date, published):
                self.report(document, path, f"{date} is after the article's publication date {published}")
        return len(self.problems) == before


def _raw_claim_ids(data: Any) -> Iterator[str]:
    claims = data.get("claims") if isinstance(data, dict) else None
    for claim in claims if isinstance(claims, list) else []:
        if isinstance(claim, dict) and isinstance(claim.get("id"), str):
            yield claim["id"]


_BAD_FILE_NAME = "file name must be a lowercase slug such as 2026-01-05-kyiv-strike.yaml (letters a-z, digits, hyphens)"


def _is_after(date: PartialDate, today: datetime.date) -> bool:
    return _is_after_date(date, PartialDate(today.year, today.month, today.day))


def _is_after_date(date: PartialDate, reference: PartialDate) -> bool:
    """True only when `date` is certainly later, whatever its precision."""
    depth = min(date.precision, reference.precision)
    return (date.year, date.month, date.day)[:depth] > (reference.year, reference.month, reference.day)[:depth]


def _article_dates(data: dict[str, Any]) -> Iterator[tuple[Path, Any]]:
    yield ("source", "published"), data["source"]["published"]
    if "updated" in data["source"]:
        yield ("source", "updated"), data["source"]["updated"]
    for section in ("events", "quotes"):
        for position, item in enumerate(data.get(section, [])):
            if "date" in item:
                yield (section, position, "date"), item["date"]


def _build_actor(item: dict[str, Any]) -> Actor:
    return Actor(
        id=item["id"],
        name=item["name"],
        kind=item["kind"],
        description=item["description"],
        role=item.get("role", ""),
        affiliation=item.get("affiliation", ""),
        aliases=tuple(item.get("aliases", ())),
    )


def _build_topic(item: dict[str, Any]) -> Topic:
    return Topic(
        id=item["id"],
        name=item["name"],
        description=item["description"],
        parent=item.get("parent", ""),
        aliases=tuple(item.get("aliases", ())),
    )


def _build_outlet(item: dict[str, Any]) -> Outlet:
    return Outlet(
        id=item["id"],
        name=item["name"],
        kind=item["kind"],
        country=item["country"],
        language=item["language"],
        state_affiliation=item["state_affiliation"],
        description=item["description"],
        url=item.get("url", ""),
        aliases=tuple(item.get("aliases", ())),
    )


def _build_article(document: Document) -> Article:
    data, article_id = document.data, document.stem
    return Article(
        id=article_id,
        path=document.path,
        headline=data["headline"],
        source=_build_source(data["source"]),
        grade=Grade(data["grade"]["source"], data["grade"]["information"]),
        summary=data["summary"],
        reliability=data["reliability"],
        key_points=tuple(data.get("key_points", ())),
        actors=tuple(data["actors"]),
        topics=tuple(data["topics"]),
        places=tuple(data.get("places", ())),
        events=tuple(_build_event(item, article_id, n) for n, item in enumerate(data.get("events", []), 1)),
        quotes=tuple(_build_quote(item, article_id, n) for n, item in enumerate(data.get("quotes", []), 1)),
        claims=tuple(_build_claim(item, article_id) for item in data.get("claims", [])),
    )


def _build_source(data: dict[str, Any]) -> Source:
    return Source(
        outlet=data["outlet"],
        published=parse_date(data["published"]),
        language=data["language"],
        kind=data["kind"],
        url=data.get("url", ""),
        updated=parse_date(data["updated"]) if "updated" in data else None,
        author=data.get("author", ""),
    )


def _build_event(data: dict[str, Any], article: str, number: int) -> Event:
    participants = tuple(
        Participant(item) if isinstance(item, str) else Participant(item["id"], item.get("role", ""))
        for item in data.get("actors", [])
    )
    return Event(
        date=parse_date(data["date"]),
        what=data["what"],
        type=data["type"],
        article=article,
        number=number,
        participants=participants,
        topics=tuple(data.get("topics", ())),
        place=data.get("place", ""),
        claim=data.get("claim", ""),
        id=data.get("id", ""),
    )


def _build_quote(data: dict[str, Any], article: str, number: int) -> Quote:
    return Quote(
        speaker=data["speaker"],
        text=data["text"],
        article=article,
        number=number,
        date=parse_date(data["date"]) if "date" in data else None,
        place=data.get("place", ""),
        context=data.get("context", ""),
        topic=data.get("topic", ""),
        stance=data.get("stance", ""),
    )


def _build_claim(data: dict[str, Any], article: str) -> Claim:
    return Claim(
        id=data["id"],
        by=data["by"],
        text=data["text"],
        status=ClaimStatus(data["status"]),
        credibility=data["credibility"],
        note=data["note"],
        article=article,
        topic=data.get("topic", ""),
        stance=data.get("stance", ""),
        contradicts=tuple(data.get("contradicts", ())),
        supports=tuple(data.get("supports", ())),
    )


def normalise_name(text: str) -> str:
    """Fold a name, alias or id to one comparable form: 'Zelenskiy' and 'zelenskiy' meet."""
    return re.sub(r"[^0-9a-z]+", "-", text.casefold()).strip("-")


class _Names:
    """Cross-file checks: references by id, aliases, duplicates."""

    def __init__(
        self, actors: dict[str, Actor], topics: dict[str, Topic], outlets: dict[str, Outlet], checker: _Checker
    ) -> None:
        self.registries: dict[str, dict[str, Any]] = {"actor": actors, "topic": topics, "outlet": outlets}
        self.names = {kind: _name_table(entries.values()) for kind, entries in self.registries.items()}
        self.actors, self.topics, self.checker = actors, topics, checker

    def check_registries(
        self, actors_doc: Document | None, topics_doc: Document | None, outlets_doc: Document | None
    ) -> None:
        if outlets_doc and self.registries["outlet"]:
            self._check_names(outlets_doc, list(self.registries["outlet"].values()), "outlet")
        if actors_doc and self.actors:
            self._check_names(actors_doc, list(self.actors.values()), "actor")
            for actor in self.actors.values():
                if actor.affiliation:
                    self._check_reference(
                        actors_doc, (_position_of(actors_doc, actor.id), "affiliation"), "actor", actor.affiliation
                    )
        if topics_doc and self.topics:
            self._check_names(topics_doc, list(self.topics.values()), "topic")
            for topic in self.topics.values():
                path = (_position_of(topics_doc, topic.id), "parent")
                if topic.parent:
                    self._check_reference(topics_doc, path, "topic", topic.parent)
                if _has_parent_cycle(topic, self.topics):
                    self.checker.report(topics_doc, path, f"topic {topic.id!r} is its own ancestor")

    def _check_names(self, document: Document, entries: list[Any], kind: str) -> None:
        owners: dict[str, str] = {}
        for entry in entries:
            for name in sorted({normalise_name(n) for n in (entry.id, entry.name, *entry.aliases)}):
                owner = owners.setdefault(name, entry.id)
                if owner != entry.id:
                    path = (_position_of(document, entry.id), "aliases")
                    self.checker.report(
                        document,
                        path,
                        f"the name {name!r} is also used by {kind} {owner!r}; a name must point to one {kind}",
                    )

    def _check_reference(self, document: Document, path: Path, kind: str, value: str) -> None:
        registry = self.registries[kind]
        if value in registry or (value in self.checker.ids_seen[kind + "s"] and not registry):
            return
        self.checker.report(document, path, _unknown_message(kind, value, self.names[kind], registry))

    def check_articles(self, articles: list[Article], documents: list[Document]) -> dict[str, Claim]:
        by_path = {document.path: document for document in documents}
        claims: dict[str, Claim] = {}
        claim_places: dict[str, str] = {}
        urls: dict[str, str] = {}
        for article in articles:
            document = by_path[article.path]
            for path, kind, value in _article_references(document.data):
                self._check_reference(document, path, kind, value)
            self._collect_claims(document, article, claims, claim_places)
            self._check_consistency(document, article)
            if article.source.url:
                first = urls.setdefault(article.source.url, article.path)
                if first != article.path:
                    self.checker.report(
                        document, ("source", "url"), f"the same source URL is already summarised in {first}"
                    )
        for article in articles:
            self._check_claim_links(by_path[article.path], article, claims)
        return dict(sorted(claims.items()))

    def _check_consistency(self, document: Document, article: Article) -> None:
        """Rules that tie fields together: a stance needs a topic, a verdict fits its grade."""
        for position, quote in enumerate(article.quotes):
            if quote.stance and not quote.topic:
                self.checker.report(document, ("quotes", position, "stance"), "a stance needs the quote's topic")
        for position, claim in enumerate(article.claims):
            if claim.stance and not claim.topic:
                self.checker.report(document, ("claims", position, "stance"), "a stance needs the claim's topic")
            expected = _CREDIBILITY_FOR_STATUS.get(claim.status)
            if expected and claim.credibility != expected:
                self.checker.report(
                    document,
                    ("claims", position, "credibility"),
                    f"a {claim.status.value} claim has credibility {expected}, not {claim.credibility}",
                )
        seen_events: set[str] = set()
        for position, event in enumerate(article.events):
            if event.id and event.id in seen_events:
                self.checker.report(document, ("events", position, "id"), f"event id {event.id!r} is used twice here")
            seen_events.add(event.id)

    def _collect_claims(
        self, document: Document, article: Article, claims: dict[str, Claim], places: dict[str, str]
    ) -> None:
        for position, claim in enumerate(article.claims):
            if claim.id in claims:
                self.checker.report(
                    document, ("claims", position, "id"), f"claim id {claim.id!r} is already used in {places[claim.id]}"
                )
                continue
            claims[claim.id], places[claim.id] = claim, article.path

    def _check_claim_links(self, document: Document, article: Article, claims: dict[str, Claim]) -> None:
        own = {claim.id for claim in article.claims}
        for position, claim in enumerate(article.claims):
            for relation in ("contradicts", "supports"):
                for offset, other in enumerate(getattr(claim, relation)):
                    path = ("claims", position, relation, offset)
                    if other == claim.id:
                        self.checker.report(document, path, "a claim cannot refer to itself")
                    # A claim in a file that failed its own checks is not "unknown": that file's problems say why.
                    elif other not in claims and other not in self.checker.ids_seen["claims"]:
                        self.checker.report(document, path, _unknown_claim(other, claims))
        for position, event in enumerate(article.events):
            if event.claim and event.claim not in own:
                self.checker.report(
                    document, ("events", position, "claim"), f"no claim {event.claim!r} in this article"
                )


_CREDIBILITY_FOR_STATUS = {ClaimStatus.CONFIRMED: 1, ClaimStatus.FALSE: 5}


def _position_of(document: Document, entry_id: str) -> int:
    return next(i for i, item in enumerate(document.data) if item["id"] == entry_id)


def _has_parent_cycle(topic: Topic, topics: dict[str, Topic]) -> bool:
    seen = {topic.id}
    parent = topics.get(topic.parent)
    while parent is not None:
        if parent.id in seen:
            return True
        seen.add(parent.id)
        parent = topics.get(parent.parent)
    return False


def _name_table(entries: Any) -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in entries:
        for name in (entry.id, entry.name, *entry.aliases):
            table.setdefault(normalise_name(name), entry.id)
    return table


def _unknown_message(kind: str, value: str, names: dict[str, str], registry: dict[str, Any]) -> str:
    registry_file = f"content/{kind}s.yaml"
    exact = names.get(normalise_name(value))
    guesses = (
        [exact]
        if exact
        else [names[name] for name in difflib.get_close_matches(normalise_name(value), list(names), n=3, cutoff=0.7)]
    )
    unique = list(dict.fromkeys(guesses))
    if unique:
        suggestions = " or ".join(f"{guess!r} ({registry[guess].name})" for guess in unique)
        return f"unknown {kind} {value!r}; did you mean {suggestions}? Refer to {kind}s by id"
    return f"unknown {kind} {value!r}; add it to {registry_file} first, or use an existing id"


def _unknown_claim(value: str, claims: dict[str, Claim]) -> str:
    guesses = difflib.get_close_matches(value, list(claims), n=1, cutoff=0.7)
    return f"unknown claim {value!r}" + (f"; did you mean {guesses[0]!r}?" if guesses else "")


def _article_references(data: dict[str, Any]) -> Iterator[tuple[Path, str, str]]:
    yield ("source", "outlet"), "outlet", data["source"]["outlet"]
    for section, kind in (("actors", "actor"), ("topics", "topic")):
        for position, value in enumerate(data[section]):
            yield (section, position), kind, value
    for position, event in enumerate(data.get("events", [])):
        for offset, participant in enumerate(event.get("actors", [])):
            if isinstance(participant, str):
                yield ("events", position, "actors", offset), "actor", participant
            else:
                yield ("events", position, "actors", offset, "id"), "actor", participant["id"]
        for offset, topic in enumerate(event.get("topics", [])):
            yield ("events", position, "topics", offset), "topic", topic
    for position, quote in enumerate(data.get("quotes", [])):
        yield ("quotes", position, "speaker"), "actor", quote["speaker"]
        if "topic" in quote:
            yield ("quotes", position, "topic"), "topic", quote["topic"]
    for position, claim in enumerate(data.get("claims", [])):
        if claim["by"] != OUTLET_CLAIMANT:
            yield ("claims", position, "by"), "actor", claim["by"]
        if "topic" in claim:
            yield ("claims", position, "topic"), "topic", claim["topic"]
