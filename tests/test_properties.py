"""Property tests: whatever a contributor writes, the builder answers with problems, never an exception."""

from __future__ import annotations

import copy
import datetime
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import Problem, Site, generate_pages
from builder.load import Document, LoadedContent, first_line, load_content, parse_text, read_text
from builder.validate import build_content, find_problems
from tests.conftest import FIXTURE_CONTENT
from tests.schema_fields import schema_fields

TODAY = datetime.date(2026, 11, 22)
PATH = "content/articles/2026-01-05-generated.yaml"
SCHEMA_LINE = "# yaml-language-server: $schema=../../builder/schemas/article.schema.json\n"
FIXTURE = load_content(FIXTURE_CONTENT)
VALID_PATH = FIXTURE_CONTENT / "articles" / "2026-01-05-first-round.yaml"
VALID = yaml.safe_load(VALID_PATH.read_text(encoding="utf-8"))
OTHER_ARTICLES = [document for document in FIXTURE.articles if document.stem != VALID_PATH.stem]
FIELD_NAMES = sorted({part.strip("[]") for field in schema_fields("article") for part in field.split(".")})
SETTINGS = settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
keys = st.sampled_from(FIELD_NAMES) | st.text(max_size=10)
structures = st.recursive(
    scalars | st.sampled_from(["2026-01-05", "2026-13", "alpha-state", "ada-alfa", "TODO", "https://x.org/a"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=25,
)


def answer(text: str) -> list[Problem]:
    """Load `text` as one more article beside the fixture content, and check it all."""
    data, problems = parse_text(text, PATH)
    articles = list(OTHER_ARTICLES)
    if not (problems and data is None):
        articles.append(Document(PATH, "2026-01-05-generated", data, first_line(text)))
    loaded = LoadedContent(FIXTURE.actors, FIXTURE.topics, FIXTURE.outlets, articles, problems)
    found = find_problems(loaded, TODAY)
    if not found:
        # Content that passes every check must also render: validation is the only gate.
        generate_pages(build_content(loaded), Site("Tracker", "https://example.org/tracker/"))
    return found


def assert_reported_well(problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1
        assert "\n" not in str(problem) and "\r" not in str(problem), str(problem)


def test_the_unchanged_article_is_valid_and_renders() -> None:
    assert answer(SCHEMA_LINE + yaml.safe_dump(VALID, allow_unicode=True)) == []


@SETTINGS
@given(st.text())
def test_any_text_is_answered_with_problems(text: str) -> None:
    assert_reported_well(answer(text))


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, 6), keys, st.sampled_from(["", " ", ": ", ":", "- ", " [", "{"]), st.text())))
def test_any_yaml_like_lines_are_answered_with_problems(lines: list[tuple[int, str, str, str]]) -> None:
    text = SCHEMA_LINE + "".join(f"{' ' * indent}{key}{joint}{value}\n" for indent, key, joint, value in lines)
    assert_reported_well(answer(text))


@SETTINGS
@given(structures)
def test_any_structure_dumped_to_yaml_is_answered_with_problems(data: Any) -> None:
    assert_reported_well(answer(SCHEMA_LINE + yaml.safe_dump(data, allow_unicode=True)))


@SETTINGS
@given(st.lists(st.tuples(st.lists(keys, min_size=1, max_size=3), structures), min_size=1, max_size=4))
def test_a_valid_article_with_any_fields_replaced_is_answered_with_problems(
    replacements: list[tuple[list[str], Any]],
) -> None:
    # Starting from a valid article reaches the checks that only run on nearly right data.
    article = copy.deepcopy(VALID)
    for path, value in replacements:
        target = article
        for key in path[:-1]:
            target = target.setdefault(key, {}) if isinstance(target, dict) else {}
        if isinstance(target, dict):
            target[path[-1]] = value
    assert_reported_well(answer(SCHEMA_LINE + yaml.safe_dump(article, allow_unicode=True)))


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_in_a_file_are_answered_with_problems(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "2026-01-05-generated.yaml"
        path.write_bytes(raw)
        text, problems = read_text(path, PATH)
    assert_reported_well(problems if text is None else answer(text))
