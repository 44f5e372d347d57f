"""Every field the JSON Schemas define, named the way the field guide and the checker name them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from builder.schema import schema_text


def schema_fields(name: str) -> list[str]:
    """Dotted paths such as `source.url` and `events[].actors[].role`; a registry's start with its name."""
    return sorted({path for path, _ in _fields(name)})


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
