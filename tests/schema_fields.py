"""Every field the JSON Schemas define, named the way the field guide and the checker name them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from builder.schema import schema_text


def schema_fields(name: str) -> list[str]:
    """Dotted paths such as `source.url` and `events[].actors[].role`; a registry's start with its name."""
    return sorted({path for path, _ in _fields(name)})


def schema_places(name: str) -> list[str]:
    """Every place a value can stand: as `schema_fields`, and also each list's items and the whole file."""
    schema = json.loads(schema_text(name))
    return sorted(set(_places(schema, schema, "" if schema.get("type") == "object" else name)))


def _places(node: dict[str, Any], document: dict[str, Any], path: str) -> Iterator[str]:
    node, document = _resolve(node, document)
    yield path
    for key, child in node.get("properties", {}).items():
        yield from _places(child, document, f"{path}.{key}" if path else key)
    if "items" in node:
        yield from _places(node["items"], document, f"{path}[]")
    for alternative in node.get("oneOf", []):
        yield from _places(alternative, document, path)


def schema_enums(name: str) -> dict[str, list[str]]:
    """The fields that take one of a list of values, with the values."""
    return {path: node["enum"] for path, node in _fields(name) if "enum" in node}


def _fields(name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    schema = json.loads(schema_text(name))
    yield from _walk(schema, schema, "" if schema.get("type") == "object" else name)


def _walk(node: dict[str, Any], document: dict[str, Any], path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    node, document = _resolve(node, document)
    for key, child in node.get("properties", {}).items():
        child_path = f"{path}.{key}" if path else key
        yield child_path, _resolve(child, document)[0]
        yield from _walk(child, document, child_path)
    if "items" in node:
        yield from _walk(node["items"], document, f"{path}[]")
    for alternative in node.get("oneOf", []):
        yield from _walk(alternative, document, path)


def _resolve(node: dict[str, Any], document: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    while "$ref" in node:
        file_name, _, pointer = node["$ref"].partition("#")
        if file_name:
            document = json.loads(schema_text(file_name.removesuffix(".schema.json")))
        node = document
        for step in pointer.strip("/").split("/") if pointer.strip("/") else []:
            node = node[step]
    return node, document


Position = tuple[str | int, ...]

ANY_TYPE = frozenset({"string", "integer", "number", "boolean", "null", "array", "object"})


def field_positions(name: str, data: Any) -> dict[str, tuple[Position, frozenset[str]]]:
    """Where in `data`, a valid file of schema `name`, each field is or would go, with the JSON types it allows.

    Keyed by dotted name as `schema_fields` names them, and also for list items (`actors[]`) and the
    whole file (`""`, or the registry's name): the first such place, walking the schema and the data
    together. A field `data` lacks is placed in the first mapping that could hold it; what lies inside
    such a field cannot be placed, so a test compares the names found with `schema_places`.
    """
    schema = json.loads(schema_text(name))
    found: dict[str, tuple[Position, frozenset[str]]] = {}
    for field, position, types in _positions(schema, schema, data, (), "" if schema.get("type") == "object" else name):
        found.setdefault(field, (position, types))
    return found


def _positions(
    node: dict[str, Any], document: dict[str, Any], data: Any, position: Position, field: str
) -> Iterator[tuple[str, Position, frozenset[str]]]:
    node, document = _resolve(node, document)
    yield field, position, _types(node, document)
    # The node itself, and each alternative of a oneOf: a mapping is walked by the one with properties.
    for shape, shape_document in [(node, document)] + [_resolve(alt, document) for alt in node.get("oneOf", [])]:
        if "properties" in shape and isinstance(data, dict):
            for key, child in shape["properties"].items():
                child_position, child_field = (*position, key), f"{field}.{key}" if field else key
                if key in data:
                    yield from _positions(child, shape_document, data[key], child_position, child_field)
                else:
                    yield child_field, child_position, _types(*_resolve(child, shape_document))
        if "items" in shape and isinstance(data, list):
            for offset, item in enumerate(data):
                yield from _positions(shape["items"], shape_document, item, (*position, offset), f"{field}[]")


def _types(node: dict[str, Any], document: dict[str, Any]) -> frozenset[str]:
    """The JSON types a value may have here; any type when the schema does not say."""
    if "type" in node:
        return frozenset([node["type"]] if isinstance(node["type"], str) else node["type"])
    if "enum" in node:
        return frozenset(_json_type(value) for value in node["enum"])
    alternatives = node.get("oneOf", []) + node.get("anyOf", [])
    if alternatives:
        return frozenset().union(*(_types(*_resolve(alternative, document)) for alternative in alternatives))
    return ANY_TYPE


def _json_type(value: Any) -> str:
    for kind, name in ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"), (list, "array")):
        if isinstance(value, kind):
            return name
    return "object" if isinstance(value, dict) else "null"
