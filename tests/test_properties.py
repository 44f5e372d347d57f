"""Property tests: whatever a contributor writes, the builder answers with problems, never an exception."""

from __future__ import annotations

import copy
import datetime
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import ContentError, Problem, Site, each_page, generate_pages
from builder.errors import field_name
from builder.load import Document, LoadedContent, first_line, load_content, parse_text, read_text
from builder.validate import FileMemo, build_content, find_problems, validate_content
from tests.conftest import FIXTURE_CONTENT
from tests.schema_fields import Position, field_positions, schema_fields, schema_places

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


# Every kind of value YAML can give a field, as written in a file, with its JSON type. The tags make
# what PyYAML's safe loader makes of them: a boolean, a float, a date, bytes, a set.
WRONG_TYPED_VALUES = {
    "42": "integer",
    "null": "null",
    "[]": "array",
    "[text]": "array",
    "{}": "object",
    "{text: text}": "object",
    "text": "string",
    "!!bool true": "boolean",
    "!!float 1.5": "number",
    "!!timestamp 2026-01-05": "timestamp",
    "!!binary aGk=": "binary",
    "!!set {text}": "set",
}
HOLE = "a-wrong-typed-value-goes-here"
SITE = Site("Tracker", "https://example.org/tracker/")
SCHEMA_FILES = {
    "article": VALID_PATH.relative_to(FIXTURE_CONTENT).as_posix(),
    "actors": "actors.yaml",
    "topics": "topics.yaml",
    "outlets": "outlets.yaml",
}
# What the fixture files lack for every place of their schema to be in them: lists that are not there.
FILLED_IN: dict[str, list[tuple[Position, Any]]] = {
    "article": [(("claims", 0, "supports"), ["ada-says-no-deal"]), (("claims", 0, "about"), ["alpha-state"])],
    "outlets": [((0, "aliases"), ["The Wire"])],
}


def base_file(schema: str) -> Any:
    """The fixture file of `schema`, with a value at every place its schema has."""
    data = yaml.safe_load((FIXTURE_CONTENT / SCHEMA_FILES[schema]).read_text(encoding="utf-8"))
    for position, value in FILLED_IN.get(schema, []):
        _put(data, position, value)
    return data


def _put(data: Any, position: Position, value: Any) -> Any:
    if not position:
        return value
    target = data
    for step in position[:-1]:
        target = target[step]
    target[position[-1]] = value
    return data


def file_text(schema: str, data: Any) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"# yaml-language-server: $schema=../builder/schemas/{schema}.schema.json\n{text}"


def with_hole(schema: str, data: Any, position: Position) -> str:
    """The file's text with HOLE at `position`, for a value written as YAML to take its place."""
    text = file_text(schema, _put(copy.deepcopy(data), position, HOLE))
    assert text.count(HOLE) == 1
    return text


def outcome(schema: str, text: str, memo: FileMemo, position: Position = ()) -> str:
    """'refused' (at `position`) or 'built', as a contributor would see it; anything else says what went wrong."""
    shown = f"content/{SCHEMA_FILES[schema]}"
    data, problems = parse_text(text, shown)
    document = None if problems and data is None else Document(shown, Path(shown).stem, data, first_line(text))
    files = {"actors": FIXTURE.actors, "topics": FIXTURE.topics, "outlets": FIXTURE.outlets}
    articles, unreadable = list(FIXTURE.articles), []
    if schema == "article":
        articles = [*OTHER_ARTICLES, document] if document else OTHER_ARTICLES
        unreadable = [] if document else [shown]
    else:
        files[schema] = document
    loaded = LoadedContent(files["actors"], files["topics"], files["outlets"], articles, problems, unreadable)
    try:
        content = validate_content(loaded, TODAY, memo)
    except ContentError as error:
        malformed = [p for p in error.problems if p.line < 1 or p.column < 1 or "\n" in str(p)]
        field = field_name(position, "" if schema == "article" else schema)
        in_place = [p for p in error.problems if p.path == shown and _encloses(p.field, field, position)]
        if malformed or not in_place:
            return f"refused, but not at the line and column of {field or shown}: {[str(p) for p in error.problems]}"
        return "refused"
    except Exception as error:
        return f"check raised {type(error).__name__}: {error}"
    try:
        for _ in each_page(content, SITE):
            pass
    except Exception as error:
        return f"passed the check, then the build raised {type(error).__name__}: {error}"
    return "built"


def _encloses(outer: str, inner: str, position: Position) -> bool:
    """Whether a problem about field `outer` is about `inner`, a field inside it or around it."""
    if not outer:
        return not position  # a problem with the whole file, such as an empty one
    return any(a == b or a.startswith((b + ".", b + "[")) for a, b in ((inner, outer), (outer, inner)))


@pytest.mark.parametrize("schema", list(SCHEMA_FILES))
def test_a_value_of_a_wrong_type_anywhere_is_refused_in_place_or_builds(schema: str) -> None:
    """Each place the schema has, set in turn to each value of a type it does not allow."""
    base = base_file(schema)
    places = field_positions(schema, base)
    assert set(schema_places(schema)) <= set(places), "add a value for each such place to FILLED_IN"
    memo = FileMemo()
    assert outcome(schema, file_text(schema, base), memo) == "built"
    wrong, tried = [], 0
    for field, (position, allowed) in places.items():
        text = with_hole(schema, base, position)
        for value, kind in WRONG_TYPED_VALUES.items():
            if kind not in allowed:
                tried += 1
                result = outcome(schema, text.replace(HOLE, value), memo, position)
                if result not in ("refused", "built"):
                    wrong.append(f"{field or schema} = {value}: {result}")
    assert wrong == [], f"{len(wrong)} of {tried} values of a wrong type"
