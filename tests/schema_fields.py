"""Every field the JSON Schemas define, named the way the field guide and the checker name them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from builder.schema import schema_text


def schema_fields(name: str) -> list[str]:
    """Dotted paths such as `source.url` and `events[].actors[].role`; a registry's start with its name."""
    schema = json.loads(schema_text(name))
    root = "" if schema.get("type") == "object" else name
    return sorted(set(_walk(schema, schema, root)))


def _walk(node: dict[str, Any], document: dict[str, Any], path: str) -> Iterator[str]:
    node, document = _resolve(node, document)
    for key, child in node.get("properties", {}).items():
        child_path = f"{path}.{key}" if path else key
        yield child_path
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
