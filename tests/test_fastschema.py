"""The compiled quick check must agree with jsonschema on every file, or messages would be lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.fastschema import quick_check
from builder.load import Document, load_content
from builder.schema import schema_errors
from tests.conftest import REPO
from tests.test_bad_inputs import CASES, prepare


def documents(content: Path) -> Iterator[tuple[str, Document]]:
    loaded = load_content(content)
    for schema, document in (("actors", loaded.actors), ("topics", loaded.topics), ("outlets", loaded.outlets)):
        if document is not None and document.data is not None:
            yield schema, document
    for document in loaded.articles:
        if document.data is not None:
            yield "article", document


def assert_agrees(content: Path) -> int:
    checked = 0
    for schema, document in documents(content):
        valid = not any(True for _ in schema_errors(schema, document.data))
        assert quick_check(schema)(document.data) is valid, f"{document.path} ({schema}): jsonschema says {valid}"
        checked += 1
    return checked


def test_quick_check_agrees_on_the_published_content() -> None:
    assert assert_agrees(REPO / "content") >= 8


@pytest.mark.parametrize("case_file", CASES, ids=lambda path: path.stem)
def test_quick_check_agrees_on_every_bad_input(case_file: Path, tmp_path: Path) -> None:
    _, content = prepare(case_file, tmp_path)
    assert_agrees(content)


def test_quick_check_refuses_what_the_schema_refuses() -> None:
    assert quick_check("topics")([{"id": "x"}]) is False
    assert quick_check("topics")([{"id": "talks", "name": "Talks", "description": "About talks."}]) is True


def test_a_value_the_compiled_check_cannot_compare_is_left_to_jsonschema() -> None:
    # A !!set in a list of unique items made the compiled code raise TypeError (unhashable).
    assert quick_check("article")({"places": [{"a"}, "b"]}) is False
    assert (
        quick_check("actors")([{"id": "a", "name": "A", "kind": "state", "aliases": [{"x"}], "description": "A."}])
        is False
    )
