"""CONTRIBUTING.md is tested like code: every field documented, its examples valid, its story true."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from builder import check_content
from builder.article_names import name_problem
from builder.dates import parse_date
from builder.load import EDITOR_SCHEMAS, MAX_DEPTH, MAX_FILE_BYTES, parse_text
from builder.paths import RESERVED_IDS
from builder.schema import definition, schema_text
from builder.site import read_site
from builder.validate import SCHEMA_LINE
from tests.conftest import REPO, build_site, make_project
from tests.html import page, text_of
from tests.schema_fields import schema_enums, schema_fields

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
EXAMPLE_FILE = "2025-11-27-putin-calls-us-plan-a-basis.yaml"


def section(heading: str) -> str:
    """The text under a `## heading`, up to the next heading of that level."""
    start = GUIDE.index(f"\n## {heading}\n")
    end = GUIDE.find("\n## ", start + 1)
    return GUIDE[start : end if end != -1 else len(GUIDE)]


def code_block(text: str, language: str) -> str:
    match = re.search(rf"```{language}\n(.*?)```", text, flags=re.S)
    assert match, f"no {language} block"
    return match.group(1)


@pytest.fixture
def real_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    return content


def test_every_schema_field_is_in_the_field_guide() -> None:
    guide = section("Field guide")
    fields = schema_fields("article") + schema_fields("actors") + schema_fields("topics")
    assert [field for field in fields if f"| `{field}` |" not in guide] == []


def test_every_allowed_value_is_listed_where_its_field_is() -> None:
    guide = section("Field guide")
    for field, values in {**schema_enums("article"), **schema_enums("actors")}.items():
        row = next(line for line in guide.splitlines() if line.startswith(f"| `{field}` |"))
        assert [value for value in values if f"`{value}`" not in row] == [], field


def test_the_ids_reserved_for_the_sites_own_files_are_named_where_ids_are_explained() -> None:
    guide = section("Field guide")
    named = ", ".join(f"`{name}`" for name in RESERVED_IDS)
    for schema in ("actors", "topics", "outlets"):
        row = next(line for line in guide.splitlines() if line.startswith(f"| `{schema}[].id` |"))
        assert f"Not a name the site gives its own files: {named} (`RESERVED_IDS` in `builder/paths.py`)." in row
        description = json.loads(schema_text(schema))["items"]["properties"]["id"]["description"]
        assert f"({', '.join(RESERVED_IDS)}: RESERVED_IDS in builder/paths.py)" in description


def test_the_worked_example_validates(real_content: Path) -> None:
    example = code_block(section("A worked example"), "yaml")
    (real_content / "articles" / EXAMPLE_FILE).write_text(example, encoding="utf-8")
    content = check_content(real_content)
    article = content.articles[EXAMPLE_FILE.removesuffix(".yaml")]
    assert [claim.status.value for claim in article.claims] == ["reported", "disputed"]


def test_the_new_actor_example_validates(real_content: Path) -> None:
    entry = code_block(section("Field guide").split("### Adding an actor or a topic")[1], "yaml")
    with (real_content / "actors.yaml").open("a", encoding="utf-8") as registry:
        registry.write("\n" + entry)
    assert check_content(real_content).actors["holy-see"].aliases == ("Vatican", "The Vatican")


def test_the_limits_stated_are_the_limits_enforced() -> None:
    rules = section("File rules and limits")
    assert f"At most {MAX_FILE_BYTES} bytes ({MAX_FILE_BYTES // 1024} KiB) per file" in rules
    assert f"at most {MAX_DEPTH} levels deep" in rules
    assert f"at most {definition('id')['maxLength']} characters before `.yaml`" in section("Field guide")


def test_a_new_contributor_following_the_guide(tmp_path: Path) -> None:
    """One unknown actor and one misspelled field: exactly two precise messages, then a site once fixed."""
    project = make_project(tmp_path / "project", REPO / "content")

    def builder(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "builder", *args]
        return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)

    quick_start = code_block(section("Quick start").split("Then, for each article:")[1], "sh")
    new_args = quick_start.split("python -m builder new ")[1].split("\n# →")[0].replace("\\\n", " ")
    created = builder("new", *[arg.strip('"') for arg in re.findall(r'"[^"]*"|\S+', new_args)])
    written = created.stdout.splitlines()[0].removeprefix("wrote ")
    assert f"# → wrote {written}" in quick_start
    path = project / written

    text = path.read_text(encoding="utf-8")
    for old, new in {
        '  # Date of the latest update, when the page gives one.\n  updated: "TODO: the date of the latest update, or delete this line"\n': "",
        '  # Author or authors, when known.\n  author: "TODO: the author\'s name, or delete this line"\n': "",
        '"TODO: the language code, such as en"': "en",
        '"TODO: one of the kinds listed above"': "wire",
        '"TODO: a letter from A to F"': "B",
        '"TODO: a number from 1 to 6"': "2",
        '"TODO: a sentence on how reliable the source is"': "A wire service with reporters in Geneva.",
        "summary: |\n  TODO: a summary in your own words": "summery: |\n  Delegations met again in Geneva.",
        '"TODO: one main point in one sentence"': "The talks resumed.",
        '  - "TODO: an actor id"': "  - ukraine\n  - zelenskiy",
        '"TODO: a topic id"': "peace-talks",
    }.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")

    checked = builder("check", written)
    assert checked.returncode == 1
    assert checked.stdout.splitlines() == [
        f"{written}:28:1: summery: unknown field 'summery'; did you mean 'summary'?",
        f"{written}:36:5: actors[1]: unknown actor 'zelenskiy'; did you mean 'volodymyr-zelensky' (Volodymyr Zelensky)? Refer to actors by id",
    ]
    assert code_block(section("What the checker tells you"), "text").splitlines() == checked.stdout.splitlines()

    path.write_text(
        text.replace("summery:", "summary:").replace("- zelenskiy", "- volodymyr-zelensky"), encoding="utf-8"
    )
    assert builder("check").stdout.startswith("OK: ")
    site = build_site(project)
    article = text_of(page(site, "articles/" + Path(written).stem + "/"))
    assert "Delegations met again in Geneva." in article and "Volodymyr Zelensky" in article


def test_the_date_range_examples_validate(real_content: Path) -> None:
    ranges = code_block(section("Dates"), "yaml").removeprefix("events:\n")
    example = code_block(section("A worked example"), "yaml").replace("events:\n", "events:\n" + ranges, 1)
    (real_content / "articles" / EXAMPLE_FILE).write_text(example, encoding="utf-8")
    events = check_content(real_content).articles[EXAMPLE_FILE.removesuffix(".yaml")].events
    assert [event.date.iso() for event in events] == ["2026-02-04", "2025-12-28", "2026-02", "2025-11-27"]


@pytest.mark.parametrize(
    ("name", "published"),
    [("2026-01-07-talks-resume", "2026-01-07"), ("2026-01-talks-resume", "2026-01"), ("2026-talks-resume", "2026")],
)
def test_the_file_names_the_guide_gives_are_the_names_check_takes(name: str, published: str) -> None:
    assert f"`{name}.yaml`" in section("Dates")
    assert name_problem(name, parse_date(published)) is None
    # The same name with more precision than the source gives is refused.
    assert name_problem("2026-01-07-talks-resume", parse_date("2026-01")) is not None


def test_the_ids_example_is_what_ids_prints(real_content: Path) -> None:
    block = section("Finding ids")
    for command in code_block(block, "sh").splitlines():
        args = command.split("#")[0].split()[4:]
        result = subprocess.run(
            [sys.executable, "-m", "builder", "ids", "--content", str(real_content), *args],
            cwd=real_content.parent,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0 and result.stdout, command
        if args == ["claims", "zelensky", "legitimacy"]:
            assert result.stdout == code_block(block, "text")


def test_the_editor_schema_line_is_the_one_check_recognises() -> None:
    line = code_block(section("Finding ids"), "yaml").strip()
    assert line == f"{SCHEMA_LINE}../../{EDITOR_SCHEMAS}/article.schema.json"


def test_every_event_id_follows_the_naming_convention() -> None:
    block = section("Finding ids")
    examples = re.findall(r"`([a-z0-9-]+-\d{4}(?:-\d{2}){0,2})`", block.split("**A new shared event id**")[1])
    assert len(examples) == 3
    for path in sorted((REPO / "content" / "articles").glob("*.yaml")):
        data, _ = parse_text(path.read_text(encoding="utf-8"), path.name)
        for event in data.get("events", []):
            if "id" in event:
                assert event["id"].endswith("-" + str(event["date"])), (path.name, event["id"])


def test_the_serve_address_is_the_same_everywhere_a_contributor_reads_it() -> None:
    address = "http://127.0.0.1:8000" + urlsplit(read_site(REPO / "mkdocs.yml").url).path
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for text in (GUIDE, readme):
        assert address in text
        assert re.findall(r"http://127\.0\.0\.1:8000/[\w/-]*", text) == [address]
