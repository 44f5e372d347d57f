"""Stage 2: check loaded content against the schema and against itself, and build the model.

The checks read the loaded data as it is, whatever its shape, so a broken field
in one place never hides a problem in another: every problem in every file is
collected before anything is raised. The model is built only from content that
passed every check.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import jsonschema

from .article_names import name_problem
from .dates import PartialDate, parse_date
from .errors import COMMAND, ContentError, Problem, field_name
from .fastschema import quick_check
from .load import EDITOR_SCHEMAS, Document, LoadedContent, Mark
from .model import (
    FLAGGED_STATUSES,
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
from .paths import RESERVED_IDS
from .schema import (
    check_url,
    describe,
    most_helpful,
    nearest_field,
    normalise_name,
    repeated_at,
    schema_errors,
    schema_file_name,
    shown,
    unknown_field_message,
)

Path = tuple[str | int, ...]
PLACEHOLDER = "TODO"
"""A text value starting with this is one still to be written, as `python -m builder new` leaves them."""
SCHEMA_LINE = "# yaml-language-server: $schema="

_CREDIBILITY_FOR_STATUS = {ClaimStatus.CONFIRMED.value: 1, ClaimStatus.FALSE.value: 5}
"""A confirmed claim is confirmed by other sources (1); a false one is improbable (5)."""

_STATUSES_NEEDING_A_NOTE = frozenset(status.value for status in FLAGGED_STATUSES)
"""A quote flagged as dubious says why; a reported or confirmed one may go without a note."""


class FileMemo:
    """Per-file results (schema checks, built articles) kept from one validation to the next.

    A result is reused only while its file's Document is the very same object, as a loader that
    remembers unchanged files hands back; checks that look across files always run again.
    """

    def __init__(self) -> None:
        self._results: dict[tuple[str, str], tuple[Document, Any, Any]] = {}
        self._stable: dict[str, Any] = {}

    def stable(self, name: str, value: Any) -> Any:
        """`value`, or an equal one kept under `name` from the last validation, so later comparisons are by identity."""
        if self._stable.get(name) != value:
            self._stable[name] = value
        return self._stable[name]

    def get(self, purpose: str, document: Document, inputs: Any, compute: Callable[[], Any]) -> Any:
        remembered = self._results.get((purpose, document.path))
        if remembered is not None and remembered[0] is document and remembered[1] == inputs:
            return remembered[2]
        result = compute()
        self._results[(purpose, document.path)] = (document, inputs, result)
        return result


def validate_content(
    loaded: LoadedContent, today: datetime.date | None = None, memo: FileMemo | None = None
) -> Content:
    """Return the validated content, or raise ContentError listing every problem."""
    problems = find_problems(loaded, today or datetime.date.today(), memo)
    if problems:
        raise ContentError(problems)
    return build_content(loaded, memo)


def find_problems(loaded: LoadedContent, today: datetime.date, memo: FileMemo | None = None) -> list[Problem]:
    """Every problem in the loaded content, whatever shape its data has; never raises for bad content."""
    checker = _Checker(today, [], memo=memo)
    registries = {
        "actor": _Registry.of(loaded.actors, "actor"),
        "topic": _Registry.of(loaded.topics, "topic"),
        "outlet": _Registry.of(loaded.outlets, "outlet"),
    }
    for document, schema in ((loaded.actors, "actors"), (loaded.topics, "topics"), (loaded.outlets, "outlets")):
        if document is not None:
            checker.registry(document, schema, registries)
    # While an article file cannot be read, the claims it defines are unknown, not missing.
    unknowable = loaded.unreadable_articles or any(not isinstance(d.data, dict) for d in loaded.articles)
    claim_ids = None if unknowable else {claim_id for _, _, claim_id in _claim_ids(loaded.articles)}
    if memo is not None:
        # What an article's checks read besides its own file: they are redone when any of it changes.
        # Of the registries, that is the ids and names they define, not their files: an edited
        # description leaves every article's checks as they were (at 10,000 summaries the check
        # after such an edit takes 0.5 s, and took 2.6 s checking every article again).
        known_claims = memo.stable("claims", frozenset(claim_ids)) if claim_ids is not None else None
        checker.article_inputs = (today, memo.stable("registries", registries), known_claims)
    for document in loaded.articles:
        checker.article(document, registries, claim_ids)
    checker.duplicates(loaded.articles)
    return loaded.problems + checker.problems


def find_warnings(loaded: LoadedContent) -> list[Problem]:
    """What is allowed but deserves a second look: one shared event dated to different precisions.

    Either the sources disagree, which the event's date page should show, or one date is a slip.
    Each account is warned about, naming every other account's place, so each file's check shows it.
    """
    accounts: dict[str, list[tuple[Document, Path, PartialDate]]] = {}
    for document in loaded.articles:
        for position, event in _entries(_get(document.data, "events")):
            event_id, date = _get(event, "id"), _date_or_none(_get(event, "date"))
            if isinstance(event_id, str) and date is not None:
                accounts.setdefault(event_id, []).append((document, ("events", position, "date"), date))
    warnings = _lone_event_ids(accounts)
    for event_id, found in accounts.items():
        for document, path, date in found:
            others = " and ".join(
                f"{other_date} at {_place(other, other_path)}"
                for other, other_path, other_date in found
                if other_date.precision != date.precision
            )
            if not others:
                continue
            message = (
                f"the shared event {event_id!r} is dated {date} here but {others}; either the sources disagree, "
                "which the event's date page then shows side by side, or one date is a slip: check each against "
                "its source"
            )
            mark = locate(document.data, path)
            warnings.append(Problem(document.path, mark.line, mark.column, field_name(path), message))
    return sorted(warnings)


def _lone_event_ids(accounts: dict[str, list[tuple[Document, Path, PartialDate]]]) -> list[Problem]:
    """An event id no other summary uses, close to one that another summary does: likely a misspelt shared id."""
    warnings = []
    for event_id, found in accounts.items():
        if len(found) != 1:
            continue  # shared already; looking for a likelier id made `check` take 19 s at 10,000 summaries
        document, path, _ = found[0]
        others = sorted(other for other, places in accounts.items() if other != event_id and places[0][0] != document)
        guesses = difflib.get_close_matches(event_id, others, n=1, cutoff=0.8)
        if guesses:
            where = _place(*accounts[guesses[0]][0][:2])
            message = (
                f"no other summary uses the event id {event_id!r}; did you mean {guesses[0]!r} ({where})? "
                "If this is a new event, keep it"
            )
            id_path = (*path[:2], "id")
            mark = locate(document.data, id_path)
            warnings.append(Problem(document.path, mark.line, mark.column, field_name(id_path), message))
    return warnings


def _place(document: Document, path: Path) -> str:
    mark = locate(document.data, path)
    return f"{document.path}:{mark.line}:{mark.column}"


def referred_entries(loaded: LoadedContent, article_paths: set[str]) -> dict[str, set[int]]:
    """The registry entries the given articles depend on, as positions in each registry file.

    An entry counts when an article names its id, and so does every entry that shares a name with
    it: a clash of aliases changes what the article's reference means.
    """
    registries = {"actor": loaded.actors, "topic": loaded.topics, "outlet": loaded.outlets}
    named: dict[str, set[str]] = {kind: set() for kind in registries}
    for document in loaded.articles:
        if document.path in article_paths:
            for _, kind, value in _article_references(document.data):
                if kind in named and isinstance(value, str):
                    named[kind].add(value)
    found = {}
    for kind, document in registries.items():
        if document is not None and (positions := _entries_named(document.data, named[kind])):
            found[document.path] = positions
    return found


def _entries_named(data: Any, ids: set[str]) -> set[int]:
    names = {position: {normalise_name(name) for _, name in _names_of(item)} for position, item in _dicts(data)}
    chosen = {position for position, item in _dicts(data) if item.get("id") in ids}
    shared = set().union(*(names[position] for position in chosen))
    return chosen | {position for position, item_names in names.items() if item_names & shared}


def _dicts(data: Any) -> list[tuple[int, dict[str, Any]]]:
    return [(position, item) for position, item in _entries(data) if isinstance(item, dict)]


def build_content(loaded: LoadedContent, memo: FileMemo | None = None) -> Content:
    """The model of content in which `find_problems` found nothing wrong."""
    actors = [_build_actor(item) for item in _data_of(loaded.actors)]
    topics = [_build_topic(item) for item in _data_of(loaded.topics)]
    outlets = [_build_outlet(item) for item in _data_of(loaded.outlets)]
    if memo is None:
        articles = [_build_article(document) for document in loaded.articles]
    else:
        # Unchanged files keep their Article objects, which lets later stages compare by identity.
        articles = [memo.get("build", d, None, lambda d=d: _build_article(d)) for d in loaded.articles]
    claims = {claim.id: claim for article in articles for claim in article.claims}
    return Content(
        actors={actor.id: actor for actor in sorted(actors, key=lambda actor: actor.id)},
        topics={topic.id: topic for topic in sorted(topics, key=lambda topic: topic.id)},
        outlets={outlet.id: outlet for outlet in sorted(outlets, key=lambda outlet: outlet.id)},
        articles={article.id: article for article in articles},
        actors_file=loaded.actors.path if loaded.actors else "",
        topics_file=loaded.topics.path if loaded.topics else "",
        outlets_file=loaded.outlets.path if loaded.outlets else "",
        claims=dict(sorted(claims.items())),
    )


def _data_of(document: Document | None) -> list[dict[str, Any]]:
    return document.data if document is not None else []


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


@dataclass
class _Registry:
    """What articles may refer to: every id a registry file holds, and every name that finds one."""

    kind: str
    path: str
    readable: bool
    ids: set[str] = field(default_factory=set)
    names: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Document | None, kind: str) -> _Registry:
        # Entries with problems still count: their ids are reported once, in the registry.
        data = document.data if document is not None else None
        registry = cls(kind, document.path if document else f"content/{kind}s.yaml", isinstance(data, list))
        for _, item in _entries(data):
            entry_id = item.get("id") if isinstance(item, dict) else None
            if isinstance(entry_id, str):
                registry.ids.add(entry_id)
                registry.labels.setdefault(entry_id, _text_or(item.get("name"), entry_id))
                for _, name in _names_of(item):
                    registry.names.setdefault(normalise_name(name), entry_id)
        return registry

    def unknown(self, value: str) -> str | None:
        """Why `value` names no entry, with the likeliest ids meant; None when it does."""
        if value in self.ids or not self.readable:
            return None
        folded = normalise_name(value)
        exact = self.names.get(folded)
        close = difflib.get_close_matches(folded, sorted(self.names), n=3, cutoff=0.7)
        guesses = list(dict.fromkeys([exact] if exact else [self.names[name] for name in close]))
        if guesses:
            suggestions = " or ".join(f"{guess!r} ({self.labels[guess]})" for guess in guesses)
            return f"unknown {self.kind} {value!r}; did you mean {suggestions}? Refer to {self.kind}s by id"
        return f"unknown {self.kind} {value!r}; add it to {self.path} first, or use an existing id"


def match_entry(document: Document | None, kind: str, text: str) -> tuple[str, list[str]]:
    """The id of the registry entry whose id, name or alias `text` is, and '' with the likeliest ids if none."""
    registry = _Registry.of(document, kind)
    folded = normalise_name(text)
    if text in registry.ids or folded in registry.names:
        return (text if text in registry.ids else registry.names[folded]), []
    close = difflib.get_close_matches(folded, sorted(registry.names), n=3, cutoff=0.6)
    return "", list(dict.fromkeys(registry.names[name] for name in close))


def _text_or(value: Any, default: str) -> str:
    return value if isinstance(value, str) else default


def _names_of(item: dict[str, Any]) -> Iterator[tuple[Path, str]]:
    """Every name an entry answers to, with where it is written."""
    for key in ("id", "name"):
        if isinstance(item.get(key), str):
            yield (key,), item[key]
    for offset, alias in _entries(item.get("aliases")):
        if isinstance(alias, str):
            yield ("aliases", offset), alias


@dataclass
class _Checker:
    today: datetime.date
    problems: list[Problem]
    roots: dict[str, str] = field(default_factory=dict)
    memo: FileMemo | None = None
    article_inputs: Any = None

    def report(self, document: Document, path: Path, message: str, *, key: bool = False) -> None:
        mark = locate(document.data, path, key=key)
        name = field_name(path, self.roots.get(document.path, ""))
        self.problems.append(Problem(document.path, mark.line, mark.column, name, message))

    def report_file(self, document: Document, message: str) -> None:
        self.problems.append(Problem(document.path, 1, 1, "", message))

    def check_file(self, document: Document, schema: str, spoken_for: set[Path]) -> set[Path]:
        """Checks every file gets; returns where values are still placeholders."""
        if self.memo is None:
            return self.check_one_file(document, schema, spoken_for)
        # These checks read this file alone: their problems are remembered with the file.
        alone = _Checker(self.today, [], self.roots)
        inputs = (schema, frozenset(spoken_for), self.roots.get(document.path, ""))
        unfinished, problems = self.memo.get(
            "check", document, inputs, lambda: (alone.check_one_file(document, schema, spoken_for), alone.problems)
        )
        self.problems.extend(problems)
        return unfinished

    def check_one_file(self, document: Document, schema: str, spoken_for: set[Path]) -> set[Path]:
        self.check_schema_line(document, schema)
        if document.data is None:
            self.report_file(document, "the file is empty; CONTRIBUTING.md shows what goes in it")
            return set()
        unfinished = self.check_placeholders(document)
        self.check_schema(document, schema, spoken_for | unfinished)
        return unfinished

    def check_schema_line(self, document: Document, schema: str) -> None:
        # The line lets editors check the file as it is typed; copies of a file keep it.
        name = schema_file_name(schema)
        line = document.first_line.strip()
        expected = SCHEMA_LINE + "../" * document.path.count("/") + "builder/schemas/" + name
        if line.startswith(SCHEMA_LINE) and line.endswith(f"{EDITOR_SCHEMAS.as_posix()}/{name}"):
            message = f"the first line points at your editor's copy of the schema; set it back to {expected!r}"
            self.report_file(document, message + " before you commit: the copy exists only on your machine")
        elif not (line.startswith(SCHEMA_LINE) and (line.endswith("/" + name) or line == SCHEMA_LINE + name)):
            self.report_file(document, f"the first line must be {expected!r}, so that editors check the file")

    def check_placeholders(self, document: Document) -> set[Path]:
        unfinished = set()
        for path, value in _strings(document.data):
            if value.startswith(PLACEHOLDER):
                hint = value[len(PLACEHOLDER) :].lstrip(" :-–").strip()
                self.report(
                    document,
                    path,
                    f"unfinished: replace the TODO with {hint}" if hint else "unfinished: replace the TODO",
                )
                unfinished.add(path)
        return unfinished

    def check_schema(self, document: Document, schema: str, spoken_for: set[Path]) -> None:
        """Schema errors, one per value, except where another check says more."""
        if quick_check(schema)(document.data):
            return
        errors = list(_flatten(schema_errors(schema, document.data)))
        # A misspelled field is one mistake: the field it was meant to be is not also reported missing.
        meant = {(tuple(error.absolute_path), nearest) for error in errors for _, nearest in _unknown_fields(error)}
        by_path: dict[Path, list[jsonschema.ValidationError]] = {}
        for error in errors:
            path = tuple(error.absolute_path)
            if error.validator == "additionalProperties":
                for extra, nearest in _unknown_fields(error):
                    self.report(document, (*path, extra), unknown_field_message(extra, nearest, error.schema), key=True)
            elif error.validator == "required":
                for missing in error.validator_value:
                    if missing not in error.instance and (path, missing) not in meant:
                        self.report(document, path, f"missing required field {missing!r}")
            elif error.validator == "uniqueItems" and (again := repeated_at(error.instance)) is not None:
                self.report(document, (*path, again), f"{shown(error.instance[again])} is already in this list")
            elif path not in spoken_for:
                by_path.setdefault(path, []).append(error)
        for path, path_errors in by_path.items():
            self.report(document, path, describe(most_helpful(path_errors)))

    def registry(self, document: Document, schema: str, registries: dict[str, _Registry]) -> None:
        self.roots[document.path] = schema
        references = [ref for ref in _registry_references(document.data, schema) if isinstance(ref[2], str)]
        unfinished = self.check_file(document, schema, {path for path, _, _ in references})
        self.check_entry_ids(document)
        self.check_names(document, registries[schema[:-1]].kind)
        for path, kind, value in references:
            if path not in unfinished and (problem := registries[kind].unknown(value)):
                self.report(document, path, problem)
        if schema == "topics":
            self.check_topic_cycles(document)

    def check_entry_ids(self, document: Document) -> None:
        first_lines: dict[str, int] = {}
        for position, item in _entries(document.data):
            entry_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(entry_id, str):
                continue
            if entry_id in first_lines:
                message = f"duplicate id {entry_id!r} (first at line {first_lines[entry_id]})"
            elif entry_id in RESERVED_IDS:
                reserved = ", ".join(RESERVED_IDS)
                message = (
                    f"{entry_id!r} is reserved for {RESERVED_IDS[entry_id]}; choose another id (reserved: {reserved})"
                )
            else:
                first_lines[entry_id] = locate(document.data, (position, "id")).line
                continue
            self.report(document, (position, "id"), message)

    def check_names(self, document: Document, kind: str) -> None:
        owners: dict[str, str] = {}
        seen: set[str] = set()
        for position, item in _entries(document.data):
            entry_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(entry_id, str) or entry_id in seen:
                continue  # a repeated id is reported once, as such
            seen.add(entry_id)
            for path, name in _names_of(item):
                folded = normalise_name(name)
                owner = owners.setdefault(folded, entry_id) if folded else entry_id
                if owner != entry_id:
                    message = (
                        f"the name {folded!r} is also used by {kind} {owner!r}; a name must point to one {kind}: "
                        f"remove it here, or, if both entries are the same {kind}, keep only {owner!r}"
                    )
                    self.report(document, (position, *path), message)

    def check_topic_cycles(self, document: Document) -> None:
        parents: dict[str, str] = {}
        for _, item in _entries(document.data):
            if isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("parent"), str):
                parents.setdefault(item["id"], item["parent"])
        for position, item in _entries(document.data):
            topic_id = item.get("id") if isinstance(item, dict) else None
            if isinstance(topic_id, str) and _is_own_ancestor(topic_id, parents):
                self.report(document, (position, "parent"), f"topic {topic_id!r} is its own ancestor")

    def article(self, document: Document, registries: dict[str, _Registry], claim_ids: set[str] | None) -> None:
        if self.memo is None:
            self.check_article(document, registries, claim_ids)
            return
        # With the memo: checking the article again does not check its unchanged file's schema again.
        alone = _Checker(self.today, [], self.roots, memo=self.memo)

        def check() -> list[Problem]:
            alone.check_article(document, registries, claim_ids)
            return alone.problems

        self.problems.extend(self.memo.get("article", document, self.article_inputs, check))

    def check_article(self, document: Document, registries: dict[str, _Registry], claim_ids: set[str] | None) -> None:
        self.check_file_name(document)
        references = [ref for ref in _article_references(document.data) if isinstance(ref[2], str)]
        unfinished = self.check_file(document, "article", {path for path, _, _ in references})
        self.check_dates(document)
        own_claims = {claim_id for _, _, claim_id in _claim_ids([document])}
        for path, kind, value in references:
            if path in unfinished:
                continue
            if kind in registries:
                problem = registries[kind].unknown(value)
            elif kind == "claim":
                problem = _claim_problem(value, _get(document.data, *path[:2], "id"), claim_ids)
            else:
                problem = None if value in own_claims else f"no claim {value!r} in this article"
            if problem:
                self.report(document, path, problem)
        self.check_consistency(document)

    def check_consistency(self, document: Document) -> None:
        """Rules that tie fields together: a stance needs a topic, a verdict fits its grade, one id per event."""
        for section in ("quotes", "claims"):
            for position, item in _entries(_get(document.data, section)):
                if isinstance(item, dict) and "stance" in item and "topic" not in item:
                    self.report(document, (section, position, "stance"), f"a stance needs the {section[:-1]}'s topic")
        for position, quote in _entries(_get(document.data, "quotes")):
            status = _get(quote, "status")
            if isinstance(status, str) and status in _STATUSES_NEEDING_A_NOTE and not _is_written(_get(quote, "note")):
                message = f"a {status} quote needs a note saying why: what disputes, refutes or fails to confirm it"
                self.report(document, ("quotes", position, "status"), message)
        for position, claim in _entries(_get(document.data, "claims")):
            status, credibility = _get(claim, "status"), _get(claim, "credibility")
            expected = _CREDIBILITY_FOR_STATUS.get(status) if isinstance(status, str) else None
            if expected and isinstance(credibility, int) and credibility != expected:
                message = f"a {status} claim has credibility {expected}, not {credibility}"
                self.report(document, ("claims", position, "credibility"), message)
        seen: set[str] = set()
        for position, event in _entries(_get(document.data, "events")):
            event_id = _get(event, "id")
            if isinstance(event_id, str) and event_id in seen:
                self.report(document, ("events", position, "id"), f"event id {event_id!r} is used twice here")
            if isinstance(event_id, str):
                seen.add(event_id)

    def check_file_name(self, document: Document) -> None:
        name, stem = document.path.rsplit("/", 1)[-1], document.stem
        if not name.endswith(".yaml"):
            self.report_file(document, f"article files end in .yaml; rename it to {stem}.yaml")
        elif problem := name_problem(stem, _date_or_none(_get(document.data, "source", "published"))):
            self.report_file(document, problem)

    def check_dates(self, document: Document) -> None:
        published = _date_or_none(_get(document.data, "source", "published"))
        for path, value in _article_dates(document.data):
            date = _date_or_none(value)
            if date is None:
                continue  # the schema check has said what is wrong with it
            if _is_after(date, PartialDate(self.today.year, self.today.month, self.today.day)):
                self.report(document, path, f"{date} is in the future")
            # An update of the article, and our summary of it, come after the article itself.
            elif published and path in (("source", "updated"), ("summarised",)) and _is_after(published, date):
                self.report(document, path, f"{date} is before the publication date {published}")
            elif published and path[0] == "quotes" and _is_after(date, published):
                self.report(document, path, f"{date} is after the article's publication date {published}")

    def duplicates(self, documents: list[Document]) -> None:
        """The same article twice, or one claim id in two places."""
        firsts: dict[Any, str] = {}
        for document in documents:
            for path, key, message in self.identities(document):
                first = firsts.setdefault(key, document.path)
                if first == document.path:
                    continue
                if path:
                    self.report(document, path, f"{message} {first}")
                else:
                    self.report_file(document, f"{message} {first}")
                break  # one duplicate is enough to say
        claim_places: dict[str, str] = {}
        for document, position, claim_id in _claim_ids(documents):
            if claim_id not in claim_places:
                claim_places[claim_id] = document.path
                continue
            first = claim_places[claim_id]
            where = "earlier in this file" if first == document.path else f"in {first}"
            self.report(document, ("claims", position, "id"), f"claim id {claim_id!r} is already used {where}")

    def identities(self, document: Document) -> list[tuple[Path, Any, str]]:
        if self.memo is None:
            return list(_identities(document))
        return self.memo.get("identities", document, None, lambda: list(_identities(document)))


def _identities(document: Document) -> Iterator[tuple[Path, Any, str]]:
    """What makes an article the same as another: its id, its source address, or outlet, headline and date."""
    yield (), ("id", document.stem), "another file has the same article id:"
    url = _get(document.data, "source", "url")
    if _is_written(url) and _is_web_address(url):
        yield ("source", "url"), ("url", comparable_url(url)), "the same source URL is already summarised in"
    outlet, headline = _get(document.data, "source", "outlet"), _get(document.data, "headline")
    published = _get(document.data, "source", "published")
    if all(_is_written(value) for value in (outlet, headline)) and _date_or_none(published):
        key = ("article", normalise_name(outlet), normalise_name(headline), str(published))
        yield ("headline",), key, "the same article (outlet, headline and publication date) is already summarised in"


def _is_web_address(url: str) -> bool:
    try:
        check_url(url)
    except ValueError:
        return False
    return True


def _is_written(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip()) and not value.startswith(PLACEHOLDER)


def comparable_url(url: str) -> str:
    """One form for addresses that lead to the same page: case of scheme and host, fragment, final slash."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, ""))


def _claim_ids(documents: list[Document]) -> Iterator[tuple[Document, int, str]]:
    for document in documents:
        for position, claim in _entries(_get(document.data, "claims")):
            if isinstance(claim, dict) and isinstance(claim.get("id"), str):
                yield document, position, claim["id"]


def _claim_problem(value: str, own_id: Any, claim_ids: set[str] | None) -> str | None:
    if value == own_id:
        return "a claim cannot refer to itself"
    if claim_ids is None or value in claim_ids:
        return None
    guesses = difflib.get_close_matches(value, sorted(claim_ids), n=1, cutoff=0.7)
    if guesses:
        return f"unknown claim {value!r}; did you mean {guesses[0]!r}?"
    return f"unknown claim {value!r}; {COMMAND} ids claims WORDS finds a claim by the words of its id or text"


def _is_own_ancestor(topic_id: str, parents: dict[str, str]) -> bool:
    seen: set[str] = set()
    parent = parents.get(topic_id)
    while parent is not None and parent not in seen:
        if parent == topic_id:
            return True
        seen.add(parent)
        parent = parents.get(parent)
    return False


def _date_or_none(value: Any) -> PartialDate | None:
    try:
        return parse_date(value)
    except ValueError:
        return None


def _is_after(date: PartialDate, reference: PartialDate) -> bool:
    """True only when `date` is certainly later, whatever its precision."""
    depth = min(date.precision, reference.precision)
    return (date.year, date.month, date.day)[:depth] > (reference.year, reference.month, reference.day)[:depth]


def _get(data: Any, *path: str | int) -> Any:
    """The value at `path`, or None when the data does not have that shape."""
    for step in path:
        if isinstance(data, dict) and isinstance(step, str):
            found = step in data
        else:
            found = isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data)
        if not found:
            return None
        data = data[step]  # type: ignore[index]
    return data


def _entries(value: Any) -> list[tuple[int, Any]]:
    return list(enumerate(value)) if isinstance(value, list) else []


def _strings(data: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for position, value in enumerate(data):
            yield from _strings(value, (*path, position))


def _unknown_fields(error: jsonschema.ValidationError) -> list[tuple[str, str | None]]:
    """Each field an additionalProperties error is about, with the known field nearest to it."""
    if error.validator != "additionalProperties":
        return []
    known = list(error.schema.get("properties", {}))
    return [(extra, nearest_field(extra, known)) for extra in sorted(set(error.instance) - set(known))]


def _flatten(errors: Iterator[jsonschema.ValidationError]) -> Iterator[jsonschema.ValidationError]:
    """Of a value that fits no alternative of a `oneOf`, the errors of the alternatives of its type.

    An actor given as a mapping is wrong inside the mapping form, not for failing to be an id: only
    the alternatives whose type the value does not have are set aside, and every error of the others
    is kept, a wrong type deeper inside included. A value of no alternative's type keeps the one error.
    """
    for error in errors:
        if error.validator in ("oneOf", "anyOf") and error.context:
            other_types = {sub.schema_path[0] for sub in error.context if sub.validator == "type" and not sub.path}
            fitting = [sub for sub in error.context if sub.schema_path[0] not in other_types]
            if fitting:
                yield from _flatten(iter(fitting))
                continue
        yield error


def _article_dates(data: Any) -> Iterator[tuple[Path, Any]]:
    if isinstance(data, dict) and "summarised" in data:
        yield ("summarised",), data["summarised"]
    for key in ("published", "updated"):
        if isinstance(_get(data, "source"), dict) and key in data["source"]:
            yield ("source", key), data["source"][key]
    for section in ("events", "quotes"):
        for position, item in _entries(_get(data, section)):
            if isinstance(item, dict) and "date" in item:
                yield (section, position, "date"), item["date"]


def _registry_references(data: Any, schema: str) -> Iterator[tuple[Path, str, Any]]:
    if schema == "outlets":
        return
    key, kind = ("affiliation", "actor") if schema == "actors" else ("parent", "topic")
    for position, item in _entries(data):
        if isinstance(item, dict) and key in item:
            yield (position, key), kind, item[key]


def _article_references(data: Any) -> Iterator[tuple[Path, str, Any]]:
    """Every place an article names an outlet, actor, topic or claim: (path, kind, value), whatever the value."""
    if isinstance(_get(data, "source"), dict) and "outlet" in data["source"]:
        yield ("source", "outlet"), "outlet", data["source"]["outlet"]
    for section, kind in (("actors", "actor"), ("topics", "topic")):
        for position, value in _entries(_get(data, section)):
            yield (section, position), kind, value
    for position, event in _entries(_get(data, "events")):
        for offset, participant in _entries(_get(event, "actors")):
            if isinstance(participant, dict):
                if "id" in participant:
                    yield ("events", position, "actors", offset, "id"), "actor", participant["id"]
            else:
                yield ("events", position, "actors", offset), "actor", participant
        for offset, topic in _entries(_get(event, "topics")):
            yield ("events", position, "topics", offset), "topic", topic
        if isinstance(event, dict) and "claim" in event:
            yield ("events", position, "claim"), "own-claim", event["claim"]
    for position, quote in _entries(_get(data, "quotes")):
        if isinstance(quote, dict) and "speaker" in quote:
            yield ("quotes", position, "speaker"), "actor", quote["speaker"]
        if isinstance(quote, dict) and "topic" in quote:
            yield ("quotes", position, "topic"), "topic", quote["topic"]
    for position, claim in _entries(_get(data, "claims")):
        if not isinstance(claim, dict):
            continue
        if "by" in claim and claim["by"] != OUTLET_CLAIMANT:
            yield ("claims", position, "by"), "actor", claim["by"]
        if "topic" in claim:
            yield ("claims", position, "topic"), "topic", claim["topic"]
        for offset, actor in _entries(claim.get("about")):
            yield ("claims", position, "about", offset), "actor", actor
        for relation in ("contradicts", "supports"):
            for offset, other in _entries(claim.get(relation)):
                yield ("claims", position, relation, offset), "claim", other


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
        summarised=parse_date(data["summarised"]) if "summarised" in data else None,
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
        status=ClaimStatus(data.get("status", ClaimStatus.REPORTED)),
        note=data.get("note", ""),
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
        about=tuple(data.get("about", ())),
    )
