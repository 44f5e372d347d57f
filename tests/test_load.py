"""Stage 1: YAML is read safely, with positions, and without YAML 1.1 surprises."""

from __future__ import annotations

from pathlib import Path

from builder.load import MAX_FILE_BYTES, load_content, parse_file, parse_text


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


def test_aliases_are_refused_so_nothing_can_expand() -> None:
    bomb = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    data, problems = parse_text(bomb, "bomb.yaml")
    assert problems and all("aliases" in p.message for p in problems)
    assert data["c"] == [None, None, None]


def test_values_remember_their_line_and_column() -> None:
    data, _ = parse_text("source:\n  outlet: Wire\nactors:\n  - one\n  - two\n", "a.yaml")
    assert data["source"].value_marks["outlet"].line == 2
    assert data["actors"].value_marks[1].line == 5
    assert data.key_marks["actors"].line == 3


def test_syntax_error_gives_its_position() -> None:
    data, problems = parse_text("headline: [unclosed\nsummary: x\n", "a.yaml")
    assert data is None
    assert len(problems) == 1 and problems[0].line == 2
    assert "is not valid YAML" in problems[0].message


def test_tab_indentation_is_a_reported_problem() -> None:
    _, problems = parse_text("source:\n\toutlet: x\n", "a.yaml")
    assert problems and problems[0].line == 2


def test_bad_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"headline: ok\nsummary: caf\xe9\n")
    data, problems = parse_file(path, "a.yaml")
    assert data is None
    assert str(problems[0]) == "a.yaml:2:1: is not valid UTF-8 (byte 0xe9); save it as UTF-8"


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


def test_missing_registries_are_reported(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    loaded = load_content(tmp_path / "content")
    assert [str(p) for p in loaded.problems] == [
        "content/actors.yaml:1:1: file is missing",
        "content/topics.yaml:1:1: file is missing",
        "content/outlets.yaml:1:1: file is missing",
    ]
