"""Looking ids up: `python -m builder ids`, and schemas that let editors complete them.

Reads the content as it is, mid-edit included: an entry whose shape is wrong is skipped, never an error.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .load import Document, LoadedContent
from .model import OUTLET_CLAIMANT
from .schema import normalise_name, schema_file_name, schema_text
from .validate import locate

KINDS = ("actors", "topics", "outlets", "events", "claims")


@dataclass(frozen=True)
class Entry:
    """One id a summary can refer to, with what a contributor recognises it by."""

    kind: str
    id: str
    label: str
    places: tuple[str, ...]
    aliases: tuple[str, ...] = ()

    def line(self) -> str:
        """One line: kind, id, what it is, and where it is written."""
        also = f" (also: {', '.join(self.aliases)})" if self.aliases else ""
        accounts = f"{len(self.places)} accounts: " if len(self.places) > 1 else ""
        return f"{self.kind[:-1]} {self.id}: {self.label}{also} [{accounts}{', '.join(self.places)}]"

    def words(self) -> str:
        return " ".join(normalise_name(text) for text in (self.id, self.label, *self.aliases))


def collect(loaded: LoadedContent) -> dict[str, list[Entry]]:
    """Every id of each kind, sorted; an event id shared by several summaries is one entry with every place."""
    found = {
        "actors": list(_registry(loaded.actors, "actors")),
        "topics": list(_registry(loaded.topics, "topics")),
        "outlets": list(_registry(loaded.outlets, "outlets")),
        "events": _merged(_events(loaded.articles)),
        "claims": list(_claims(loaded.articles)),
    }
    return {kind: sorted(entries, key=lambda entry: entry.id) for kind, entries in found.items()}


def search(entries: list[Entry], query: str) -> list[Entry]:
    """The entries whose id, name, text or aliases contain every word of `query`, in any case."""
    words = [word for word in map(normalise_name, query.split()) if word]
    return [entry for entry in entries if all(word in entry.words() for word in words)]


def nearest(entries: list[Entry], query: str) -> list[Entry]:
    """The entries whose id or name is closest to `query`, for a did-you-mean when nothing contains it."""
    keys = {normalise_name(text): entry for entry in entries for text in (entry.id, entry.label, *entry.aliases)}
    close = difflib.get_close_matches(normalise_name(query), sorted(keys), n=3, cutoff=0.6)
    return list({keys[key].id: keys[key] for key in close}.values())


def editor_schemas(loaded: LoadedContent) -> dict[str, str]:
    """The content schemas with the current ids as `examples`, which the YAML language server offers as completions.

    Examples suggest without restricting: an id added since they were written is still accepted in the editor,
    and `check` remains what says whether an id exists.
    """
    ids = {kind: [entry.id for entry in entries] for kind, entries in collect(loaded).items()}
    article = json.loads(schema_text("article"))
    _suggest_article_ids(article, ids)
    actors, topics = json.loads(schema_text("actors")), json.loads(schema_text("topics"))
    actors["items"]["properties"]["affiliation"]["examples"] = ids["actors"]
    topics["items"]["properties"]["parent"]["examples"] = ids["topics"]
    schemas = {
        "article": article,
        "actors": actors,
        "topics": topics,
        "outlets": json.loads(schema_text("outlets")),
        "definitions": json.loads(schema_text("definitions")),
    }
    return {
        schema_file_name(name): json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        for name, schema in schemas.items()
    }


def _suggest_article_ids(schema: dict[str, Any], ids: dict[str, list[str]]) -> None:
    definitions, properties = schema["definitions"], schema["properties"]
    event, quote, claim = (definitions[name]["properties"] for name in ("event", "quote", "claim"))
    single = [
        (definitions["source"]["properties"], "outlet", ids["outlets"]),
        (event, "id", ids["events"]),
        (event, "claim", ids["claims"]),
        (definitions["actorRef"]["oneOf"][1]["properties"], "id", ids["actors"]),
        (quote, "speaker", ids["actors"]),
        (quote, "topic", ids["topics"]),
        (claim, "by", [OUTLET_CLAIMANT, *ids["actors"]]),
        (claim, "topic", ids["topics"]),
    ]
    for where, field, examples in single:
        where[field]["examples"] = examples
    definitions["actorRef"]["oneOf"][0]["examples"] = ids["actors"]
    listed = [
        (properties, "actors", ids["actors"]),
        (properties, "topics", ids["topics"]),
        (event, "topics", ids["topics"]),
        (claim, "about", ids["actors"]),
        (claim, "contradicts", ids["claims"]),
        (claim, "supports", ids["claims"]),
    ]
    for where, field, examples in listed:
        # The list's own `items` wins over the one its $ref brings, in the language server as in JSON Schema.
        where[field]["items"] = {"$ref": "definitions.schema.json#/definitions/id", "examples": examples}


def _registry(document: Document | None, kind: str) -> Iterator[Entry]:
    for position, item in _entries(document.data if document else None):
        if isinstance(item.get("id"), str):
            aliases = tuple(alias for alias in item.get("aliases") or () if isinstance(alias, str))
            label = item["name"] if isinstance(item.get("name"), str) else ""
            yield Entry(kind, item["id"], label, (_place(document, (position,)),), aliases)


def _events(articles: list[Document]) -> Iterator[Entry]:
    for document in articles:
        for position, event in _entries(_get(document.data, "events")):
            if isinstance(event.get("id"), str):
                label = " ".join(f"{event.get('date', '')} {event.get('what', '')}".split())
                yield Entry("events", event["id"], label, (_place(document, ("events", position)),))


def _merged(entries: Iterator[Entry]) -> list[Entry]:
    """One entry per id, labelled by its first account, with every account's place."""
    merged: dict[str, Entry] = {}
    for entry in entries:
        first = merged.setdefault(entry.id, entry)
        if first is not entry:
            merged[entry.id] = Entry(first.kind, first.id, first.label, first.places + entry.places)
    return list(merged.values())


def _claims(articles: list[Document]) -> Iterator[Entry]:
    for document in articles:
        for position, claim in _entries(_get(document.data, "claims")):
            if isinstance(claim.get("id"), str):
                label = " ".join(
                    f"{claim.get('status', '')}, by {claim.get('by', '')}: {claim.get('text', '')}".split()
                )
                yield Entry("claims", claim["id"], label, (_place(document, ("claims", position)),))


def _entries(data: Any) -> list[tuple[int, dict[str, Any]]]:
    return [(n, item) for n, item in enumerate(data) if isinstance(item, dict)] if isinstance(data, list) else []


def _get(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


def _place(document: Document, path: tuple[str | int, ...]) -> str:
    return f"{document.path}:{locate(document.data, path).line}"
