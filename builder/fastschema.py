"""A compiled yes/no check against the same JSON Schemas, to skip the slow validator for valid files.

`jsonschema` walks the schema anew for every file: 29–31 s for the 10,000-summary benchmark corpus,
against 1.5 s for this pass, a fifth of a whole build. Nearly every file is valid, so each is
first checked by code compiled once from the same schemas; only a file that fails goes through
`jsonschema`, which alone words the messages.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

import fastjsonschema
import jsonschema

from .schema import schema_text, validator
from .vocabulary import Vocabulary
from .vocabulary import current as vocabulary_in_use

_REF = "$ref"


def quick_check(name: str) -> Callable[[Any], bool]:
    """A function that returns True when `data` is valid against schema `name` for the vocabulary in use."""
    return _quick_check(name, vocabulary_in_use())


@cache
def _quick_check(name: str, vocabulary: Vocabulary) -> Callable[[Any], bool]:
    formats = validator(name).format_checker
    # The same format checks as the full validator, so the two never disagree about a format.
    custom = {fmt: _conforms(formats, fmt) for fmt in formats.checkers}
    # Only yes or no is wanted here: a detailed exception describes the failing rule at length,
    # and every object in a list of actors fails one branch of a oneOf on the way.
    compiled = fastjsonschema.compile(
        inline_references(name), formats=custom, use_default=False, detailed_exceptions=False
    )

    def check(data: Any) -> bool:
        try:
            compiled(data)
        except fastjsonschema.JsonSchemaValueException:
            return False
        except Exception:
            # A value the compiled code trips on, such as an unhashable !!set in a list of unique
            # items: "not known to be valid", so that jsonschema, which takes any value, decides.
            return False
        return True

    return check


def _conforms(formats: jsonschema.FormatChecker, fmt: str) -> Callable[[Any], bool]:
    return lambda value: formats.conforms(value, fmt)


def inline_references(name: str) -> dict[str, Any]:
    """Schema `name` with every `$ref` replaced by its target; draft 7 ignores a `$ref`'s siblings."""
    return _inline(_document(name, vocabulary_in_use()), name)


@cache
def _document(name: str, vocabulary: Vocabulary) -> dict[str, Any]:
    return json.loads(schema_text(name))


def _inline(node: Any, current: str, depth: int = 0) -> Any:
    if depth > 32:
        raise ValueError(f"schema references in {current} nest too deep (a cycle?)")
    if isinstance(node, list):
        return [_inline(item, current, depth) for item in node]
    if not isinstance(node, dict):
        return node
    if _REF in node:
        target_file, _, pointer = node[_REF].partition("#")
        target_name = target_file.removesuffix(".schema.json") or current
        target: Any = _document(target_name, vocabulary_in_use())
        for step in filter(None, pointer.split("/")):
            target = target[step]
        return _inline(target, target_name, depth + 1)
    return {key: value if key in ("$id", "$schema") else _inline(value, current, depth) for key, value in node.items()}
