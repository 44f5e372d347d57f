"""The JSON Schemas that define content files, and friendly messages for their errors."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
from referencing import Registry, Resource

from .dates import parse_date

SCHEMA_FILES = ("definitions", "article", "actors", "topics", "outlets")


def schema_text(name: str) -> str:
    return resources.files(__package__).joinpath("schemas", f"{name}.schema.json").read_text("utf-8")


@cache
def _registry() -> Registry:
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

    return checker


def _looks_like_date(value: str) -> bool:
    return len(value) in (4, 7, 10) and value[:4].isdigit()


@cache
def validator(name: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(
        json.loads(schema_text(name)),
        registry=_registry(),
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


def describe(error: jsonschema.ValidationError) -> str:
    """Turn one schema error into a sentence a contributor can act on."""
    value, schema = error.instance, error.schema
    match error.validator:
        case "type":
            return f"must be {_type_phrase(error.validator_value)}, not {_shown(value)}"
        case "enum":
            return f"{_shown(value)} is not allowed; use one of: {', '.join(map(str, error.validator_value))}"
        case "minLength" | "pattern" if schema.get("pattern") == r"\S":
            return "must not be empty"
        case "format" if error.cause is not None:
            return str(error.cause)
        case "pattern" | "format" | "maxLength" | "minimum" | "maximum":
            return f"{_shown(value)} is not valid: {schema.get('description', 'see the schema')}"
        case "uniqueItems":
            return "lists the same value twice"
        case "oneOf" | "anyOf":
            return f"{_shown(value)} is not valid: {schema.get('description', 'see the schema')}"
    return error.message


def unknown_field_message(field: str, known: list[str]) -> str:
    guess = difflib.get_close_matches(field, known, n=1, cutoff=0.6)
    hint = f"; did you mean {guess[0]!r}?" if guess else f"; known fields: {', '.join(sorted(known))}"
    return f"unknown field {field!r}{hint}"


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    if value is None:
        return "an empty value"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
