"""The JSON Schemas that define content files, and friendly messages for their errors."""

from __future__ import annotations

import datetime
import difflib
import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import jsonschema
from referencing import Registry, Resource

from .dates import parse_date
from .vocabulary import Vocabulary, current

SCHEMA_FILES = ("definitions", "article", "actors", "topics", "outlets")
_NOT_IN_URLS = re.compile(r'[\s"<>\\^`{|}\x00-\x1f\x7f]')
_HOST = re.compile(r"[\w.:-]+")


def schema_file_name(name: str) -> str:
    return f"{name}.schema.json"


def schema_text(name: str) -> str:
    """Schema file `name` for the vocabulary in use (see vocabulary.py)."""
    return _schema_text(name, current())


@cache
def _schema_text(name: str, vocabulary: Vocabulary) -> str:
    text = resources.files(__package__).joinpath("schemas", schema_file_name(name)).read_text("utf-8")
    return vocabulary.schema_text(name, text)


@cache
def definition(name: str) -> dict[str, Any]:
    """One shared definition (`id`, `date`, ...), for checks that must agree with the schema."""
    definitions: dict[str, Any] = json.loads(schema_text("definitions"))["definitions"]
    return definitions[name]


@cache
def _registry(vocabulary: Vocabulary) -> Registry:
    resources_by_id = [
        (f"{name}.schema.json", Resource.from_contents(json.loads(schema_text(name)))) for name in SCHEMA_FILES
    ]
    return Registry().with_resources(resources_by_id)


def _format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker(jsonschema.Draft7Validator.FORMAT_CHECKER.checkers)

    @checker.checks("partial-date", raises=ValueError)
    def is_partial_date(value: object) -> bool:
        # Only well-formed dates get here; this catches the impossible ones (2026-02-30).
        if isinstance(value, str) and _looks_like_date(value):
            parse_date(value)
        return True

    # Replaces the standard check, which needs an extra package and accepts any scheme.
    @checker.checks("uri", raises=ValueError)
    def is_web_address(value: object) -> bool:
        if isinstance(value, str):
            check_url(value)
        return True

    return checker


def _looks_like_date(value: str) -> bool:
    return len(value) in (4, 7, 10) and value[:4].isdigit()


def check_url(value: str) -> None:
    """Raise ValueError saying what keeps `value` from being an http or https address."""
    quoted = shown(value)
    if bad := _NOT_IN_URLS.search(value):
        raise ValueError(f"{quoted} contains {bad.group()!r}, which a web address cannot hold; copy the address again")
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ValueError(f"{quoted} is not a valid web address") from None
    scheme = parts.scheme.lower()
    if scheme and scheme not in ("http", "https") and "." not in scheme:  # "example.org:80/x" has no scheme
        raise ValueError(f"{quoted} is not a web address; only https:// and http:// links are allowed")
    if scheme not in ("http", "https") or not value[len(scheme) :].startswith("://"):
        raise ValueError(f"{quoted} is not a full web address; it must start with https:// or http://")
    if not value.startswith(scheme):  # urlsplit lowercases the scheme; the pattern in the schema does not
        raise ValueError(f"{quoted} must start with {scheme}:// in lowercase")
    if not _HOST.fullmatch(host):
        raise ValueError(f"{quoted} has no valid host name after {parts.scheme}://")


def validator(name: str) -> jsonschema.Draft7Validator:
    """The validator of schema `name` for the vocabulary in use."""
    return _validator(name, current())


@cache
def _validator(name: str, vocabulary: Vocabulary) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(
        json.loads(schema_text(name)),
        registry=_registry(vocabulary),
        format_checker=_format_checker(),
    )


def schema_errors(name: str, data: Any) -> Iterator[jsonschema.ValidationError]:
    """Every schema violation in `data`, deepest first inside `oneOf` alternatives."""
    yield from validator(name).iter_errors(data)


_TYPE_NAMES = {
    "object": "a mapping of fields",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
}


def _type_phrase(expected: str | list[str]) -> str:
    names = [expected] if isinstance(expected, str) else expected
    return " or ".join(_TYPE_NAMES.get(name, name) for name in names)


_PRIORITY = ("type", "format", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum")


def most_helpful(errors: list[jsonschema.ValidationError]) -> jsonschema.ValidationError:
    """Of several errors about one value, the one whose message says most (a bad URL fails two rules)."""
    return min(errors, key=lambda error: _PRIORITY.index(error.validator) if error.validator in _PRIORITY else 99)


def describe(error: jsonschema.ValidationError) -> str:
    """Turn one schema error into a sentence a contributor can act on."""
    value, schema = error.instance, error.schema
    match error.validator:
        case "type" if value is None:
            return f"must not be empty; write {_type_phrase(error.validator_value)} here"
        case "type":
            return f"must be {_type_phrase(error.validator_value)}, not {shown(value)}"
        case "enum":
            return f"{shown(value)} is not allowed; use one of: {', '.join(map(str, error.validator_value))}"
        case "minLength" | "pattern" if schema.get("pattern") == r"\S":
            return "must not be empty"
        case "format" if error.cause is not None:
            return str(error.cause)
        case "pattern" | "minimum" | "maximum" if schema.get("format") == "partial-date":
            return _date_message(value)
        case "pattern" | "maxLength" if schema.get("pattern") == definition("id")["pattern"]:
            return _id_message(value, schema["maxLength"])
        case "pattern" | "format" | "maxLength" | "minimum" | "maximum":
            return f"{shown(value)} is not valid: {schema.get('description', 'see the schema')}"
        case "uniqueItems":
            return "lists the same value twice"
        case "oneOf" | "anyOf":
            return f"{shown(value)} is not valid: {schema.get('description', 'see the schema')}"
    return error.message


def _date_message(value: Any) -> str:
    try:
        parse_date(value)
    except ValueError as error:
        return str(error)
    return f"{shown(value)} is not a year between 1900 and 2100"


def normalise_name(text: str) -> str:
    """Fold a name, alias or id to one comparable form: 'Zelenskiy' and 'zelenskiy' meet."""
    return re.sub(r"[^0-9a-z]+", "-", text.casefold()).strip("-")


def _id_message(value: str, max_length: int) -> str:
    if len(value) > max_length:
        return f"is {len(value)} characters long; an id has at most {max_length}"
    suggestion = normalise_name(value)
    example = f"such as {suggestion!r}" if suggestion else "such as 'kyiv-strike'"
    return f"{shown(value)} is not a valid id; use lowercase letters a-z, digits and single hyphens, {example}"


def nearest_field(field: str, known: list[str]) -> str | None:
    guesses = difflib.get_close_matches(field, known, n=1, cutoff=0.6)
    return guesses[0] if guesses else None


def unknown_field_message(field: str, nearest: str | None, schema: dict[str, Any]) -> str:
    if nearest:
        return f"unknown field {field!r}; did you mean {nearest!r}?"
    return f"unknown field {field!r}; known fields: {', '.join(sorted(schema.get('properties', {})))}"


def repeated_at(items: list[Any]) -> int | None:
    """The position of the first item that repeats an earlier one."""
    seen: set[Any] = set()
    for position, item in enumerate(items):
        key = item if isinstance(item, str) else repr(item)
        if key in seen:
            return position
        seen.add(key)
    return None


def shown(value: Any) -> str:
    """A value as a message quotes it: short, on one line, and the same on every run."""
    for kind, phrase in _SHOWN_KINDS:
        if isinstance(value, kind):
            return phrase
    if value is None:
        return "an empty value"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# YAML tags such as !!set, !!binary and !!timestamp can produce these; a set has no stable order.
_SHOWN_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (dict, "a mapping"),
    ((list, tuple), "a list"),
    ((set, frozenset), "a set"),
    (bytes, "binary data"),
    ((datetime.date, datetime.datetime), "a timestamp"),
)
