"""Stage 1: YAML is read safely, with positions, and without YAML 1.1 surprises."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from yaml.scanner import ScannerError

from builder import load
from builder.load import MAX_DEPTH, MAX_FILE_BYTES, MAX_REGISTRY_BYTES, Mark, load_content, parse_file, parse_text


def test_yaml_11_booleans_and_dates_stay_text() -> None:
    data, problems = parse_text("language: NO\nstatus: false\nanswer: yes\npublished: 2026-01-05\n", "a.yaml")
    assert problems == []
    assert data == {"language": "NO", "status": "false", "answer": "yes", "published": "2026-01-05"}


def test_bare_year_stays_a_number_for_the_date_parser() -> None:
    data, _ = parse_text("date: 2025\n", "a.yaml")
    assert data == {"date": 2025}


def test_duplicate_key_is_reported_with_both_lines() -> None:
    _, problems = parse_text("headline: one\nsummary: x\nheadline: two\n", "a.yaml")
    assert [str(p) for p in problems] == ["a.yaml:3:1: headline: duplicate key 'headline' (first at line 1)"]


def test_a_duplicate_key_with_a_line_break_stays_on_one_line() -> None:
    _, problems = parse_text('"a\\nb": 1\n"a\\nb": 2\n', "a.yaml")
    assert [str(p) for p in problems] == ["a.yaml:2:1: 'a\\nb': duplicate key 'a\\nb' (first at line 1)"]


def test_aliases_are_refused_where_they_are_used_so_nothing_can_expand() -> None:
    bomb = "a: &a [x, x, x]\nb: &b [*a, *a]\nc: [*b, *b, *undefined]\n"
    data, problems = parse_text(bomb, "bomb.yaml")
    assert [(p.line, p.column) for p in problems] == [(2, 8), (2, 12), (3, 5), (3, 9), (3, 13)]
    assert {p.message for p in problems} == {"anchors and aliases (& and *) are not allowed; write the value out"}
    assert data is None


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", 1, 3 + MAX_DEPTH),
        ("- " * 100_000 + "x\n", 1, 1 + 2 * MAX_DEPTH),
        ("[" * 100_000, 1, 1 + MAX_DEPTH),
        ("".join(" " * i + f"k{i}:\n" for i in range(700)) + "x\n", MAX_DEPTH + 1, MAX_DEPTH + 1),
        ("{a: " * 100_000 + "}" * 100_000, 1, 1 + 4 * MAX_DEPTH),
        ("a: 1\na: " + "[" * 100_000 + "]" * 100_000 + "\n", 2, 3 + MAX_DEPTH),
        ("a: !foo " + "[" * 100_000 + "]" * 100_000 + "\n", 1, 8 + MAX_DEPTH),
        ("a: !!omap [" + "[" * 100_000 + "]" * 100_000 + "]\n", 1, 11 + MAX_DEPTH - 1),
    ],
    ids=[
        "flow",
        "compact-sequences",
        "unclosed",
        "indented-mappings",
        "flow-mappings",
        "under-a-duplicate-key",
        "under-a-tag",
        "in-an-ordered-map",
    ],
)
def test_deep_nesting_is_a_problem_not_a_crash(text: str, line: int, column: int) -> None:
    # libyaml's own composer overflows the C stack on these and kills the process; newer libyaml stops
    # at a limit of its own on some of them first, and the problem must still be this one, here.
    data, problems = parse_text(text, "deep.yaml")
    assert data is None
    assert [str(p) for p in problems] == [
        f"deep.yaml:{line}:{column}: nests lists and mappings more than 20 levels deep"
    ]


def _parser_with_a_limit(parser: type, limit: int) -> type:
    """`parser`, stopping at a nesting limit of its own as libyaml 0.2.6 (PyYAML 6.0.4) does at 1,000 levels."""

    class Limited(parser):  # type: ignore[valid-type, misc]
        depth = 0

        def get_event(self) -> yaml.Event:
            event = super().get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                self.depth += 1
                if self.depth > limit:
                    raise ScannerError(
                        "while increasing flow level",
                        event.start_mark,
                        "exceeded maximum nesting depth",
                        event.start_mark,
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                self.depth -= 1
            return event

    return Limited


def test_a_parser_that_stops_at_its_own_nesting_limit_first_leaves_the_problem_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Newer libyaml reads ahead and reaches its own limit before the loader reaches MAX_DEPTH.
    monkeypatch.setattr(load, "_Parser", _parser_with_a_limit(load._Parser, MAX_DEPTH // 2))
    _, problems = parse_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "deep.yaml")
    assert [str(p) for p in problems] == [
        f"deep.yaml:1:{3 + MAX_DEPTH}: nests lists and mappings more than {MAX_DEPTH} levels deep"
    ]


def test_a_nesting_limit_that_every_parser_reaches_first_is_still_said_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "_Parser", _parser_with_a_limit(load._Parser, 5))
    monkeypatch.setattr(load, "_PythonParser", _parser_with_a_limit(load._PythonParser, 5))
    _, problems = parse_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "deep.yaml")
    assert [str(p) for p in problems] == [f"deep.yaml:1:8: nests lists and mappings more than {MAX_DEPTH} levels deep"]


def test_nesting_up_to_the_limit_is_read() -> None:
    text = "a: " + "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1) + "\n"
    data, problems = parse_text(text, "a.yaml")
    assert problems == [] and data["a"] is not None


def test_values_remember_their_line_and_column() -> None:
    data, _ = parse_text("source:\n  outlet: Wire\nactors:\n  - one\n  - two\n", "a.yaml")
    assert data["source"].value_marks["outlet"].line == 2
    assert data["actors"].value_marks[1].line == 5
    assert data.key_marks["actors"].line == 3


def test_marks_of_keys_and_values_in_nested_lists_and_mappings() -> None:
    text = "events:\n  - what: Talks\n    actors: [a, b]\n  - - x\n    - {k: v}\nyear: 2025\n"
    data, problems = parse_text(text, "a.yaml")
    assert problems == []
    assert data == {"events": [{"what": "Talks", "actors": ["a", "b"]}, ["x", {"k": "v"}]], "year": 2025}

    def where(mark: Mark) -> tuple[int, int]:
        return mark.line, mark.column

    assert where(data.mark) == (1, 1)
    assert {key: where(mark) for key, mark in data.key_marks.items()} == {"events": (1, 1), "year": (6, 1)}
    assert {key: where(mark) for key, mark in data.value_marks.items()} == {"events": (2, 3), "year": (6, 7)}
    events = data["events"]
    assert where(events.mark) == (2, 3)
    assert [where(mark) for mark in events.value_marks] == [(2, 5), (4, 5)]
    first = events[0]
    assert where(first.mark) == (2, 5)
    assert {key: where(mark) for key, mark in first.key_marks.items()} == {"what": (2, 5), "actors": (3, 5)}
    assert {key: where(mark) for key, mark in first.value_marks.items()} == {"what": (2, 11), "actors": (3, 13)}
    assert where(first["actors"].mark) == (3, 13)
    assert [where(mark) for mark in first["actors"].value_marks] == [(3, 14), (3, 17)]
    inner = events[1]
    assert where(inner.mark) == (4, 5)
    assert [where(mark) for mark in inner.value_marks] == [(4, 7), (5, 7)]
    assert (where(inner[1].mark), where(inner[1].key_marks["k"]), where(inner[1].value_marks["k"])) == (
        (5, 7),
        (5, 8),
        (5, 11),
    )


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("", None),
        ("# only a comment\n", None),
        ("---\n", None),
        ("hello\n", "hello"),
        ("2025\n", 2025),
        ("'2025'", "2025"),
    ],
    ids=["empty", "comment", "empty-document", "text", "number", "quoted-number"],
)
def test_a_document_may_be_empty_or_a_bare_value(text: str, data: object) -> None:
    assert parse_text(text, "a.yaml") == (data, [])


def test_alias_problems_come_before_key_problems_and_discard_the_data() -> None:
    data, problems = parse_text("a: 1\na: 2\n3: x\nb: [*x]\n", "a.yaml")
    assert data is None
    assert [str(p) for p in problems] == [
        "a.yaml:4:5: anchors and aliases (& and *) are not allowed; write the value out",
        "a.yaml:2:1: a: duplicate key 'a' (first at line 1)",
        "a.yaml:3:1: keys must be field names, not 3",
    ]


def test_the_value_of_a_refused_key_is_not_read_into_problems() -> None:
    text = "a: 1\na: {b: 1, b: 2, c: !foo x}\n? [k]\n: {d: 1, d: 2}\n"
    _, problems = parse_text(text, "a.yaml")
    assert [str(p) for p in problems] == [
        "a.yaml:2:1: a: duplicate key 'a' (first at line 1)",
        "a.yaml:3:3: keys must be field names, not ['k']",
    ]


def test_an_anchor_alone_is_harmless_but_not_twice() -> None:
    assert parse_text("a: &x 1\nb: 2\n", "a.yaml") == ({"a": 1, "b": 2}, [])
    _, problems = parse_text("a: &x 1\nb: &x [2]\n", "a.yaml")
    assert [str(p) for p in problems] == ["a.yaml:2:4: is not valid YAML: second occurrence"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("!!str 12", "12"),
        ("!!int '12'", 12),
        ("! 12", 12),
        ("!!null x", None),
        ("!!bool yes", True),
        ("!!float '1.5'", 1.5),
        ("!!binary aGk=", b"hi"),
        ("!!set {x, y}", {"x", "y"}),
        ("!!omap [{x: 1}, {y: 2}]", [("x", 1), ("y", 2)]),
        ("!!pairs [{x: 1}, {x: 2}]", [("x", 1), ("x", 2)]),
        ("!!str {!!value k: text}", "text"),
        ("!!map {x: 1}", {"x": 1}),
        ("!!seq [x]", ["x"]),
    ],
)
def test_safe_tags_make_what_pyyaml_makes_of_them(text: str, value: object) -> None:
    # Not content: the validator names the wrong type, e.g. "must be a list, not a set".
    assert parse_text(f"a: {text}\n", "a.yaml") == ({"a": value}, [])


FOO_REFUSED = "YAML tags are not allowed ('!foo'); remove the tag and write the plain value"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: !foo x\n", f"1:4: {FOO_REFUSED}"),
        ("a: !foo {b: 1}\n", f"1:4: {FOO_REFUSED}"),
        ("a: !!set {[x]: 1}\n", "1:11: is not valid YAML: found unhashable key"),
        ("a: !!set [x]\n", "1:4: is not valid YAML: expected a mapping node, but found sequence"),
        ("a: !!omap [x]\n", "1:12: is not valid YAML: expected a mapping of length 1, but found scalar"),
        (
            "a: !!omap [{!foo x: 1, y: 2}]\n",
            "1:12: is not valid YAML: expected a single mapping item, but found 2 items",
        ),
        ("a: !!str [x]\n", "1:4: is not valid YAML: expected a scalar node, but found sequence"),
        ("a: 1\na: 2\nb: !foo x\n", f"3:4: {FOO_REFUSED}"),
        ("a: !foo x\nb: [\n", "3:1: is not valid YAML: did not find expected node content"),
        ("a: !foo x\nb: [*y]\nb: !bar x\n", f"1:4: {FOO_REFUSED}"),
    ],
    ids=[
        "scalar",
        "mapping",
        "unhashable",
        "set-of-a-list",
        "pair-not-a-mapping",
        "two-pairs-in-one",
        "text-of-a-list",
        "only-the-tag",
        "syntax-first",
        "first-tag-only",
    ],
)
def test_a_tag_that_cannot_be_built_is_the_one_problem_after_syntax(text: str, problem: str) -> None:
    data, problems = parse_text(text, "a.yaml")
    assert data is None and [str(p) for p in problems] == [f"a.yaml:{problem}"]


def test_syntax_error_gives_its_position() -> None:
    data, problems = parse_text("headline: [unclosed\nsummary: x\n", "a.yaml")
    assert data is None
    assert len(problems) == 1 and problems[0].line == 2
    assert "is not valid YAML" in problems[0].message


@pytest.mark.parametrize("text", ["source:\n\toutlet: x\n", "source:\n  url: x\n\toutlet: x\n"])
def test_tab_indentation_is_named_as_such(text: str) -> None:
    _, problems = parse_text(text, "a.yaml")
    line = text.count("\n")
    assert [str(p) for p in problems] == [
        f"a.yaml:{line}:1: a tab is used for indentation here; YAML is indented with spaces only"
    ]


def test_tabs_inside_values_are_harmless() -> None:
    data, problems = parse_text("headline: a\tb\n", "a.yaml")
    assert problems == [] and data == {"headline": "a\tb"}


def test_control_character_is_located() -> None:
    _, problems = parse_text("headline: ok\nsummary: a\x00b\n", "a.yaml")
    assert [str(p) for p in problems] == [
        "a.yaml:2:11: contains the control character U+0000, which YAML does not allow; delete it"
    ]


def test_a_second_document_is_refused() -> None:
    _, problems = parse_text("headline: one\n---\nheadline: two\n", "a.yaml")
    assert [str(p) for p in problems] == [
        "a.yaml:2:1: holds more than one YAML document; a content file is one document, so remove the extra '---'"
    ]


def test_tags_that_build_objects_are_refused() -> None:
    _, problems = parse_text("headline: !!python/object/apply:os.system [echo]\n", "a.yaml")
    assert [str(p) for p in problems] == [
        "a.yaml:1:11: YAML tags are not allowed ('tag:yaml.org,2002:python/object/apply:os.system'); "
        "remove the tag and write the plain value"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!int x\n", "'x' cannot be read as tag:yaml.org,2002:int"),
        ("a: !!bool maybe\n", "'maybe' cannot be read as tag:yaml.org,2002:bool"),
        ("a: !!timestamp x\n", "'x' cannot be read as tag:yaml.org,2002:timestamp"),
        ("a: 0b_\n", "'0b_' cannot be read as tag:yaml.org,2002:int"),
        ("a: !!map [x]\n", "expected a mapping node, but found sequence"),
        ("a: !!seq {x: 1}\n", "expected a sequence node, but found mapping"),
        ("a: !!seq\n", "expected a sequence node, but found scalar"),
    ],
)
def test_a_value_its_tag_cannot_make_is_a_problem_not_a_crash(text: str, message: str) -> None:
    data, problems = parse_text(text, "a.yaml")
    assert data is None
    assert [str(p) for p in problems] == [f"a.yaml:1:4: is not valid YAML: {message}"]


def test_merge_and_value_tags_are_refused_even_in_a_set() -> None:
    # `<<` is an ordinary key in content; only an explicit tag could make it merge.
    data, problems = parse_text("<<: {a: 1}\n", "a.yaml")
    assert problems == [] and data == {"<<": {"a": 1}}
    for tag in ("merge", "value"):
        _, problems = parse_text(f"a: !!set {{!!{tag} x: {{b: 1}}}}\n", "a.yaml")
        assert [str(p) for p in problems] == [
            f"a.yaml:1:11: YAML tags are not allowed ('tag:yaml.org,2002:{tag}'); remove the tag and write the plain value"
        ]


def test_bad_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"headline: ok\nsummary: caf\xe9\n")
    data, problems = parse_file(path, "a.yaml")
    assert data is None
    assert str(problems[0]) == "a.yaml:2:13: is not valid UTF-8 (byte 0xe9); save it as UTF-8"


def test_byte_order_mark_and_crlf_are_harmless(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes("\ufeffheadline: ok\r\nsummary: fine\r\n".encode())
    data, problems = parse_file(path, "a.yaml")
    assert problems == [] and data == {"headline": "ok", "summary": "fine"}


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("x: " + "a" * MAX_FILE_BYTES, encoding="utf-8")
    data, problems = parse_file(path, "a.yaml")
    assert data is None and "limit" in problems[0].message


def test_registries_may_be_larger_than_an_article_but_not_unbounded(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    large = "x: " + "a" * MAX_FILE_BYTES
    for name in ("actors.yaml", "articles/actors.yaml"):
        (tmp_path / name).write_text(large, encoding="utf-8")
    assert parse_file(tmp_path / "actors.yaml", "actors.yaml")[1] == []
    assert "limit is 262144" in parse_file(tmp_path / "articles/actors.yaml", "articles/actors.yaml")[1][0].message
    (tmp_path / "actors.yaml").write_text("x: " + "a" * MAX_REGISTRY_BYTES, encoding="utf-8")
    assert "limit is 8388608" in parse_file(tmp_path / "actors.yaml", "actors.yaml")[1][0].message


def test_missing_registries_are_reported(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    loaded = load_content(tmp_path / "content")
    assert [str(p) for p in loaded.problems] == [
        "content/actors.yaml:1:1: file is missing",
        "content/topics.yaml:1:1: file is missing",
        "content/outlets.yaml:1:1: file is missing",
    ]


LINKED = "content/articles/2026-02-01-elsewhere.yaml"
OUT_OF_CONTENT = (
    "is reached through a link, and its real path is outside the content folder; only files inside content/ are read, "
    "so put the file itself here"
)


@pytest.mark.parametrize(
    "outside",
    [
        "password: hunter2\ntoken: npm_SECRET0123456789\n",
        (Path(__file__).parent / "fixtures/basic/content/articles/2026-01-05-first-round.yaml").read_text("utf-8"),
    ],
    ids=["any-file", "a-valid-article"],
)
def test_a_file_reached_through_a_link_out_of_the_content_folder_is_refused_unread(
    content_dir: Path, tmp_path: Path, outside: str
) -> None:
    # From a fork's pull request, such a link would print a file of the CI machine, or publish it.
    secret = tmp_path / "elsewhere.yaml"
    secret.write_text(outside, encoding="utf-8")
    (content_dir / "articles" / "2026-02-01-elsewhere.yaml").symlink_to(secret)
    (content_dir / "articles" / "2026-01-05-first-round.yaml").unlink()
    loaded = load_content(content_dir)
    assert [str(p) for p in loaded.problems] == [f"{LINKED}:1:1: {OUT_OF_CONTENT}"]
    assert loaded.unreadable_articles == [LINKED]
    assert [d.stem for d in loaded.articles] == ["2025-11-early-contacts", "2026-01-10-second-round"]


def test_an_articles_folder_reached_through_a_link_out_of_the_content_folder_has_every_file_refused_unread(
    content_dir: Path, tmp_path: Path
) -> None:
    # Files in it are plain files, not links: only the folder's own real path tells they are outside.
    (content_dir / "articles").rename(tmp_path / "elsewhere")
    (content_dir / "articles").symlink_to(tmp_path / "elsewhere")
    loaded = load_content(content_dir)
    refused = sorted(f"content/articles/{path.name}" for path in (tmp_path / "elsewhere").iterdir())
    assert [str(p) for p in loaded.problems] == [f"{path}:1:1: {OUT_OF_CONTENT}" for path in refused]
    assert loaded.unreadable_articles == refused
    assert loaded.articles == []


def test_a_registry_reached_through_a_link_out_of_the_content_folder_is_refused(
    content_dir: Path, tmp_path: Path
) -> None:
    (content_dir / "actors.yaml").rename(tmp_path / "actors.yaml")
    (content_dir / "actors.yaml").symlink_to(tmp_path / "actors.yaml")
    loaded = load_content(content_dir)
    assert [str(p) for p in loaded.problems] == [f"content/actors.yaml:1:1: {OUT_OF_CONTENT}"]
    assert loaded.actors is None


def test_a_content_folder_reached_through_a_link_is_read_and_so_are_links_inside_it(
    content_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "linked").symlink_to(content_dir)
    (content_dir / "articles" / "2026-01-05-reprint.yaml").symlink_to("2026-01-05-first-round.yaml")
    (content_dir / "articles" / "2026-01-05-again.yaml").symlink_to(
        content_dir / "articles/2026-01-05-first-round.yaml"
    )
    loaded = load_content(tmp_path / "linked")
    assert loaded.problems == []
    assert len(loaded.articles) == 5


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda path: path.symlink_to("2026-02-01-gone.yaml"),
            "is a link that leads to no file; remove it, or put the file itself here",
        ),
        (lambda path: path.symlink_to(path), "is a link that leads to no file; remove it, or put the file itself here"),
        (lambda path: path.mkdir(), "is a folder, not a file; a content file is one YAML file"),
        (lambda path: os.mkfifo(path), "is not a regular file; a content file is one YAML file"),
    ],
    ids=["dangling-link", "link-to-itself", "folder", "named-pipe"],
)
def test_what_cannot_be_an_article_file_is_said_not_skipped(
    content_dir: Path, make: Callable[[Path], None], message: str
) -> None:
    make(content_dir / "articles" / "2026-02-01-odd.yaml")
    loaded = load_content(content_dir)
    assert [str(p) for p in loaded.problems] == [f"content/articles/2026-02-01-odd.yaml:1:1: {message}"]
    assert loaded.unreadable_articles == ["content/articles/2026-02-01-odd.yaml"]


def test_a_registry_that_is_a_folder_or_a_dangling_link_is_said_so(content_dir: Path) -> None:
    (content_dir / "actors.yaml").unlink()
    (content_dir / "actors.yaml").mkdir()
    (content_dir / "topics.yaml").unlink()
    (content_dir / "topics.yaml").symlink_to("gone.yaml")
    assert [str(p) for p in load_content(content_dir).problems] == [
        "content/actors.yaml:1:1: is a folder, not a file; a content file is one YAML file",
        "content/topics.yaml:1:1: is a link that leads to no file; remove it, or put the file itself here",
    ]


@pytest.mark.parametrize("suffix", [".YAML", ".Yaml", ".YML", ".yml"])
def test_an_article_whose_suffix_is_not_yaml_in_lowercase_is_read(content_dir: Path, suffix: str) -> None:
    # And the check tells to rename it; see test_validate.
    (content_dir / "articles/2026-01-05-first-round.yaml").rename(
        content_dir / f"articles/2026-01-05-first-round{suffix}"
    )
    loaded = load_content(content_dir)
    assert loaded.problems == []
    assert [d.path for d in loaded.articles if d.stem == "2026-01-05-first-round"] == [
        f"content/articles/2026-01-05-first-round{suffix}"
    ]


def test_an_editors_lock_link_and_files_of_other_kinds_are_left_alone(content_dir: Path) -> None:
    # Emacs keeps .#name as a link to nowhere while a file is being edited, beside the file.
    (content_dir / "articles" / ".#2026-01-05-first-round.yaml").symlink_to("user@host.1234:1700000000")
    (content_dir / "articles" / "notes.txt").write_text("not an article", encoding="utf-8")
    loaded = load_content(content_dir)
    assert loaded.problems == [] and len(loaded.articles) == 3
