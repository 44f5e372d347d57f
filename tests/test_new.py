"""`python -m builder new URL`: a skeleton that names every field and fails `check` only where work is left."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder import ContentError, check_content
from builder.load import parse_text
from builder.schema import definition
from builder.skeleton import MAX_SLUG_LENGTH, Request, article_slug, skeleton_text
from tests.schema_fields import schema_fields

URL = "https://example.org/news/2026/01/07/talks-resume.html"
NEW = "content/articles/2026-01-07-talks-resume-in-geneva.yaml"
DAY = datetime.date(2026, 1, 8)


def problems(content_dir: Path) -> list[str]:
    """What `check` says today: `new` dates the summary by the clock."""
    with pytest.raises(ContentError) as caught:
        check_content(content_dir, today=datetime.date.today())
    return [str(problem) for problem in caught.value.problems]


def new(content_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "builder", "new", *args, "--content", str(content_dir)]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=content_dir.parent)


@pytest.fixture
def skeleton(content_dir: Path) -> Path:
    result = new(
        content_dir, URL, "--headline", "Talks resume in Geneva", "--date", "2026-01-07", "--outlet", "Example Wire"
    )
    assert result.returncode == 0, result.stderr
    return content_dir.parent / NEW


def test_new_names_the_file_by_date_and_headline(skeleton: Path, content_dir: Path) -> None:
    assert skeleton.is_file()
    first_line = skeleton.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../../builder/schemas/article.schema.json"


def test_the_skeleton_fails_check_only_where_values_are_still_to_be_written(skeleton: Path, content_dir: Path) -> None:
    assert problems(content_dir) == [
        f"{NEW}:17:12: source.updated: unfinished: replace the TODO with the date of the latest update, or delete this line",
        f"{NEW}:19:11: source.author: unfinished: replace the TODO with the author's name, or delete this line",
        f"{NEW}:21:13: source.language: unfinished: replace the TODO with the language code, such as en",
        f"{NEW}:23:9: source.kind: unfinished: replace the TODO with one of the kinds listed above",
        f"{NEW}:27:11: grade.source: unfinished: replace the TODO with a letter from A to F",
        f"{NEW}:28:16: grade.information: unfinished: replace the TODO with a number from 1 to 6",
        f"{NEW}:30:14: reliability: unfinished: replace the TODO with a sentence on how reliable the source is",
        f"{NEW}:32:10: summary: unfinished: replace the TODO with a summary in your own words",
        f"{NEW}:36:5: key_points[0]: unfinished: replace the TODO with one main point in one sentence",
        f"{NEW}:39:5: actors[0]: unfinished: replace the TODO with an actor id",
        f"{NEW}:42:5: topics[0]: unfinished: replace the TODO with a topic id",
    ]


def test_a_filled_in_skeleton_is_valid(skeleton: Path, content_dir: Path) -> None:
    text = skeleton.read_text(encoding="utf-8")
    for placeholder, value in {
        '  updated: "TODO: the date of the latest update, or delete this line"\n': "",
        '  author: "TODO: the author\'s name, or delete this line"\n': "",
        '"TODO: the language code, such as en"': "en",
        '"TODO: one of the kinds listed above"': "wire",
        '"TODO: a letter from A to F"': "B",
        '"TODO: a number from 1 to 6"': "2",
        '"TODO: a sentence on how reliable the source is"': "A wire service.",
        "TODO: a summary in your own words": "The talks resumed.",
        '"TODO: one main point in one sentence"': "They met in Geneva.",
        '"TODO: an actor id"': "alpha-state",
        '"TODO: a topic id"': "talks",
    }.items():
        assert placeholder in text
        text = text.replace(placeholder, value, 1)
    skeleton.write_text(text, encoding="utf-8")
    content = check_content(content_dir)
    assert content.articles["2026-01-07-talks-resume-in-geneva"].headline == "Talks resume in Geneva"


def test_the_skeleton_names_every_field_of_the_schema() -> None:
    data, found = parse_text(_with_examples(skeleton_text(Request(URL), DAY)), "new.yaml")
    assert found == []
    assert sorted(set(_paths(data))) == schema_fields("article")


def _with_examples(text: str) -> str:
    """The skeleton with its commented example entries made live."""
    example = r"((?:^#   .*\n)+)^(\w+): \[\]$"
    return re.sub(example, lambda m: f"{m.group(2)}:\n" + re.sub(r"(?m)^#", "", m.group(1)).rstrip(), text, flags=re.M)


def _paths(data: object, path: str = "") -> list[str]:
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            child = f"{path}.{key}" if path else key
            found += [child, *_paths(value, child)]
    elif isinstance(data, list):
        for item in data:
            found += _paths(item, f"{path}[]")
    return found


def test_new_never_overwrites_a_file(skeleton: Path, content_dir: Path) -> None:
    skeleton.write_text("my work", encoding="utf-8")
    result = new(content_dir, URL + "?again", "--headline", "Talks resume in Geneva", "--date", "2026-01-07")
    assert result.returncode == 1
    assert result.stderr == (
        f"python -m builder new: {content_dir / 'articles' / '2026-01-07-talks-resume-in-geneva.yaml'} already exists "
        "and is never overwritten; edit it, or give another --headline for a new file\n"
    )
    assert skeleton.read_text(encoding="utf-8") == "my work"


def test_new_refuses_an_address_already_summarised(content_dir: Path) -> None:
    result = new(content_dir, "https://EXAMPLE.org/news/first-round/", "--date", "2026-01-05")
    assert result.returncode == 1
    assert result.stderr == (
        "python -m builder new: https://EXAMPLE.org/news/first-round/ is already summarised in "
        "content/articles/2026-01-05-first-round.yaml\n"
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["javascript:alert(1)"],
            1,
            "'javascript:alert(1)' is not a web address; only https:// and http:// links are allowed",
        ),
        (
            ["example.org/news"],
            1,
            "'example.org/news' is not a full web address; it must start with https:// or http://",
        ),
        ([URL, "--date", "2999-01-01"], 1, "--date 2999-01-01 is in the future"),
        ([URL, "--date", "2026-02-30"], 2, "argument --date: '2026-02-30' does not exist: February 2026 has no day 30"),
        ([URL, "--date", "2026-13"], 2, "argument --date: '2026-13' has no month 13"),
        ([URL, "--date", "2999-01"], 1, "--date 2999-01 is in the future"),
        (
            [URL],
            1,
            "give --date: the publication date as precisely as the page gives it, 2026-01-05, 2026-01 or 2026; "
            "the file name starts with it, so no day is ever guessed. A page without a date: see "
            "'An unknown headline or date' in CONTRIBUTING.md",
        ),
        (
            [URL, "--date", "2026-01", "--outlet", "Exampel Wyre"],
            1,
            "--outlet 'Exampel Wyre' is no outlet's id, name or alias in content/outlets.yaml; did you mean "
            "'example-wire'? Add a new outlet there first (CONTRIBUTING.md, 'An outlet'), or leave --outlet out "
            "and fill it in later",
        ),
    ],
)
def test_new_refuses_bad_input_with_a_clear_message(
    content_dir: Path, args: list[str], code: int, message: str
) -> None:
    before = sorted(p.name for p in (content_dir / "articles").iterdir())
    result = new(content_dir, *args)
    assert result.returncode == code
    assert result.stderr.splitlines()[-1].endswith(message)
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (content_dir / "articles").iterdir()) == before


def test_without_a_headline_the_address_names_the_file(content_dir: Path) -> None:
    result = new(
        content_dir, "https://www.example.org/world/europe/kremlin-rejects-plan-2026-01-07/", "--date", "2026-01-07"
    )
    assert result.returncode == 0
    assert (content_dir / "articles" / "2026-01-07-kremlin-rejects-plan-2026-01-07.yaml").is_file()


def test_a_month_dated_article_is_named_after_the_month_and_never_a_day(content_dir: Path) -> None:
    result = new(content_dir, URL, "--headline", "Переговоры в Женеве", "--date", "2025-06")
    path = content_dir / "articles" / "2025-06-peregovory-v-zheneve.yaml"
    assert result.stdout.splitlines()[0] == f"wrote {path}"
    data, _ = parse_text(path.read_text(encoding="utf-8"), "new.yaml")
    assert data["source"]["published"] == "2025-06"
    assert data["summarised"] == datetime.date.today().isoformat()


@pytest.mark.parametrize("given", ["example-daily", "Example Daily", "example daily"])
def test_the_outlet_is_found_by_its_id_name_or_alias(content_dir: Path, given: str) -> None:
    assert new(content_dir, URL, "--date", "2026-01-07", "--outlet", given).returncode == 0
    data, _ = parse_text((content_dir / "articles" / "2026-01-07-talks-resume.yaml").read_text("utf-8"), "new.yaml")
    assert data["source"]["outlet"] == "example-daily"


def test_the_summary_is_dated_the_day_it_is_started(skeleton: Path) -> None:
    data, _ = parse_text(skeleton.read_text(encoding="utf-8"), "new.yaml")
    assert data["source"]["published"] == "2026-01-07"
    assert data["summarised"] == datetime.date.today().isoformat()
    assert skeleton_text(Request(URL), DAY).count('\nsummarised: "2026-01-08"\n') == 1


@given(st.text(), st.text(alphabet=st.characters(codec="ascii", exclude_categories=("Cc",)), max_size=40))
def test_every_slug_is_a_safe_file_name(headline: str, path: str) -> None:
    slug = article_slug(headline, "https://example.org/" + path)
    assert re.fullmatch(definition("id")["pattern"], slug) and len(slug) <= MAX_SLUG_LENGTH


@given(st.text(), st.text())
def test_any_headline_and_outlet_name_survive_the_skeleton(headline: str, outlet: str) -> None:
    data, found = parse_text(skeleton_text(Request(URL, headline, None, outlet), DAY), "new.yaml")
    assert found == []
    assert data["headline"] == (" ".join(headline.split()) or "TODO: the headline as published")
    assert data["source"]["outlet"] == (outlet or "TODO: the id of the outlet (example.org) in content/outlets.yaml")
