"""The bad-input corpus: every broken or hostile input gets exactly its messages, and nothing else happens.

Each case in tests/bad_inputs/ is one YAML file: what it shows (`about`), which
`category` it belongs to, how it changes a copy of the fixture content, and the
exact lines `python -m builder check` must print. The changes, applied in this
order, are:

  edit:        {path: [[old, new], ...]}   replace text in a file (each `old` must be there)
  write:       {path: text}                write a file; text may be {text: ..., times: N}
  write_bytes: {path: text}                write a file byte for byte: each character is one byte
  rename:      {old path: new path}
  delete:      [path, ...]
  mkdir:       [path, ...]                 make a folder
  link:        {path: target}              make a symbolic link; a relative target is from the link's folder

Paths are relative to the content folder. A case whose `expect` is empty is
input that is odd but harmless: it must pass and build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.__main__ import main
from tests.conftest import FIXTURE_CONTENT, build_site, make_project, run_mkdocs_build

CASES_DIR = Path(__file__).parent / "bad_inputs"
CASES = sorted(CASES_DIR.glob("*.yaml"))
CATEGORIES = ("yaml", "file", "schema", "dates", "urls", "references", "duplicates", "unfinished", "combined")
MINIMUM_BAD_CASES = 40


def load_case(path: Path) -> dict[str, Any]:
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return case


def apply_case(case: dict[str, Any], content: Path) -> None:
    for name, replacements in case.get("edit", {}).items():
        text = (content / name).read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, f"{old!r} is not in {name}"
            text = text.replace(old, new, 1)
        (content / name).write_text(text, encoding="utf-8")
    for name, text in case.get("write", {}).items():
        if isinstance(text, dict):
            text = text["text"] * text["times"]
        (content / name).write_bytes(text.encode("utf-8"))
    for name, text in case.get("write_bytes", {}).items():
        (content / name).write_bytes(text.encode("latin-1"))
    for old, new in case.get("rename", {}).items():
        (content / old).rename(content / new)
    for name in case.get("delete", []):
        (content / name).unlink()
    for name in case.get("mkdir", []):
        (content / name).mkdir()
    for name, target in case.get("link", {}).items():
        (content / name).symlink_to(target)


def prepare(case_file: Path, root: Path) -> tuple[dict[str, Any], Path]:
    case = load_case(case_file)
    content = root / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    apply_case(case, content)
    return case, content


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case_file", CASES, ids=lambda path: path.stem)
def test_each_case_gets_exactly_its_messages_and_leaves_the_old_output(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case, content = prepare(case_file, tmp_path / "project")
    out = tmp_path / "output" / "pages"
    out.mkdir(parents=True)
    (out / "index.md").write_text("the last good pages", encoding="utf-8")
    before = snapshot(out.parent)

    check_code = main(["check", "--content", str(content)])
    checked = capsys.readouterr()
    generate_code = main(["generate", "--content", str(content), "--out", str(out)])
    generated = capsys.readouterr()

    assert checked.out.splitlines() == case["expect"] or (not case["expect"] and checked.out.startswith("OK: "))
    assert "Traceback" not in checked.err + generated.err
    if case["expect"]:
        assert (check_code, generate_code) == (1, 1)
        assert generated.err.splitlines()[1:] == [f"  {line}" for line in case["expect"]]
        assert snapshot(out.parent) == before, "a failed run changed the output folder"
    else:
        assert (check_code, generate_code) == (0, 0)
        assert (out / "articles" / "index.md").is_file()


@pytest.mark.parametrize(
    "case_file",
    [path for path in CASES if load_case(path)["category"] in ("yaml", "file")],
    ids=lambda path: path.stem,
)
def test_unreadable_input_is_reported_by_a_real_process_without_a_traceback(case_file: Path, tmp_path: Path) -> None:
    # A separate process, because some input (deep nesting) once crashed the interpreter itself.
    case, content = prepare(case_file, tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "builder", "check", "--content", str(content)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )
    assert result.returncode == (1 if case["expect"] else 0), result.stderr
    assert result.stdout.splitlines() == case["expect"] or not case["expect"]
    assert "Traceback" not in result.stderr and "Fatal Python error" not in result.stderr


def test_the_corpus_is_large_and_every_case_says_what_it_shows() -> None:
    cases = [load_case(path) for path in CASES]
    assert sum(1 for case in cases if case["expect"]) >= MINIMUM_BAD_CASES
    for path, case in zip(CASES, cases, strict=True):
        assert case["about"] and case["category"] in CATEGORIES, path.name
        assert set(case) <= {
            "about",
            "category",
            "edit",
            "write",
            "write_bytes",
            "rename",
            "delete",
            "mkdir",
            "link",
            "expect",
        }
    assert {case["category"] for case in cases} == set(CATEGORIES)


def test_mkdocs_build_reports_the_same_problems_and_keeps_the_last_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    site = build_site(project)
    before = snapshot(site)
    case = load_case(CASES_DIR / "combined-many-files.yaml")
    apply_case(case, project / "content")
    result = run_mkdocs_build(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    reported = [line.strip() for line in result.stderr.splitlines() if line.startswith("  content/")]
    assert reported == case["expect"]
    assert snapshot(site) == before
