"""Finding ids: `python -m builder ids`, did-you-mean for claims and events, and schemas that let editors complete ids."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

from builder.errors import COMMAND
from builder.load import EDITOR_SCHEMAS, load_content, parse_text
from builder.validate import find_problems, find_warnings

Edit = Callable[[Path, str, str], None]
FIRST = "articles/2026-01-05-first-round.yaml"
SECOND = "articles/2026-01-10-second-round.yaml"


def ids(content_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "builder", "ids", "--content", str(content_dir), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=content_dir.parent)


def test_a_shared_event_id_is_listed_once_with_every_account(content_dir: Path) -> None:
    assert ids(content_dir, "events").stdout.splitlines() == [
        "event geneva-round-one: 2026-01-04 Delegations of Alphaland and Betastan met in Geneva. "
        "[2 accounts: content/articles/2026-01-05-first-round.yaml:21, content/articles/2026-01-10-second-round.yaml:18]"
    ]


def test_claims_are_found_by_the_words_of_their_text(content_dir: Path) -> None:
    assert ids(content_dir, "claims", "Ceasefire", "ready").stdout.splitlines() == [
        "claim beta-ready-for-ceasefire: disputed, by beta-state: Betastan is ready for a ceasefire. "
        "[content/articles/2026-01-05-first-round.yaml:43]"
    ]


def test_an_actor_is_found_by_an_alias_in_any_kind(content_dir: Path) -> None:
    assert ids(content_dir, "Ada", "Alfa").stdout.splitlines() == [
        "actor ada-alpha: Ada Alpha (also: Ada Alfa, Ada Alphova) [content/actors.yaml:11]"
    ]


def test_nothing_found_says_so_with_the_nearest_ids(content_dir: Path) -> None:
    result = ids(content_dir, "topics", "cease-fire")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "no topics id matches 'cease-fire'; did you mean 'ceasefire'?\n"


def test_an_unknown_claim_gets_the_nearest_ids(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / SECOND, "contradicts: [beta-ready-for-ceasefire]", "contradicts: [beta-ready-for-ceasfire]")
    edit_yaml(content_dir / FIRST, "contradicts: [beta-ready-for-ceasefire]", "contradicts: [no-such-thing]")
    messages = [p.message for p in find_problems(load_content(content_dir), datetime.date(2026, 2, 1))]
    assert messages == [
        f"unknown claim 'no-such-thing'; {COMMAND} ids claims WORDS finds a claim by the words of its id or text",
        "unknown claim 'beta-ready-for-ceasfire'; did you mean 'beta-ready-for-ceasefire'?",
    ]


def test_a_misspelt_shared_event_id_gets_a_did_you_mean_in_both_files(content_dir: Path, edit_yaml: Edit) -> None:
    # Either file may hold the slip, so each is told about the other.
    edit_yaml(content_dir / SECOND, "id: geneva-round-one", "id: geneva-round-1")
    assert [str(w) for w in find_warnings(load_content(content_dir))] == [
        "content/articles/2026-01-05-first-round.yaml:22:9: events[0].id: no other summary uses the event id "
        "'geneva-round-one'; did you mean 'geneva-round-1' (content/articles/2026-01-10-second-round.yaml:18:11)? "
        "If this is a new event, keep it",
        "content/articles/2026-01-10-second-round.yaml:19:9: events[1].id: no other summary uses the event id "
        "'geneva-round-1'; did you mean 'geneva-round-one' (content/articles/2026-01-05-first-round.yaml:21:11)? "
        "If this is a new event, keep it",
    ]


def test_editor_schemas_offer_the_current_ids_and_accept_the_content(content_dir: Path) -> None:
    result = ids(content_dir, "--editor-schemas")
    assert result.returncode == 0, result.stderr
    folder = content_dir.parent / EDITOR_SCHEMAS
    schemas = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in folder.glob("*.json")}
    article = schemas["article.schema.json"]
    assert article["properties"]["actors"]["items"]["examples"] == [
        "ada-alpha",
        "alpha-state",
        "beta-state",
        "gamma-league",
    ]
    assert article["definitions"]["event"]["properties"]["id"]["examples"] == ["geneva-round-one"]
    assert article["definitions"]["claim"]["properties"]["contradicts"]["items"]["examples"][0] == "ada-resigned"
    assert article["definitions"]["source"]["properties"]["outlet"]["examples"] == [
        "example-daily",
        "example-wire",
        "machine-news",
    ]
    registry = Registry().with_resources((name, Resource.from_contents(schema)) for name, schema in schemas.items())
    validator = jsonschema.Draft7Validator(article, registry=registry)
    for path in sorted((content_dir / "articles").glob("*.yaml")):
        data, _ = parse_text(path.read_text(encoding="utf-8"), path.name)
        assert list(validator.iter_errors(data)) == [], path.name


def test_a_first_line_left_on_the_editor_schemas_is_caught_before_a_commit(content_dir: Path) -> None:
    path = content_dir / FIRST
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("# yaml-language-server: $schema=../../build/schemas/article.schema.json\n" + "".join(lines[1:]))
    assert [str(p) for p in find_problems(load_content(content_dir), datetime.date(2026, 2, 1))] == [
        "content/articles/2026-01-05-first-round.yaml:1:1: the first line points at your editor's copy of the schema; "
        "set it back to '# yaml-language-server: $schema=../../builder/schemas/article.schema.json' before you "
        "commit: the copy exists only on your machine"
    ]
