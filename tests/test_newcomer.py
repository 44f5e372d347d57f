"""A newcomer's first summary, scripted: month-dated, linked to other summaries, one registry mistake."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import build_site, make_project
from tests.html import page, text_of

NEW = "content/articles/2026-01-ceasefire-talks-stall.yaml"

FILLED_IN = {
    '  # Date of the latest update, when the page gives one.\n  updated: "TODO: the date of the latest update, or delete this line"\n': "",
    '  # Author or authors, when known.\n  author: "TODO: the author\'s name, or delete this line"\n': "",
    '"TODO: the language code, such as en"': "en",
    '"TODO: one of the kinds listed above"': "newspaper",
    '"TODO: a letter from A to F"': "C",
    '"TODO: a number from 1 to 6"': "3",
    '"TODO: a sentence on how reliable the source is"': "A state-funded daily; dated to January 2026 by its page.",
    "TODO: a summary in your own words": "Ceasefire talks stalled after the first round in Geneva.",
    '"TODO: one main point in one sentence"': "Deltania offered to mediate.",
    '  - "TODO: an actor id"': "  - beta-state\n  - delta-state",
    '"TODO: a topic id"': "ceasefire",
}
REGISTRY_ENTRY = """\
- id: delta-state
  name: Deltania
  kind: state
  aliases: [{alias}]
  description: A neighbouring state that offered to mediate.
"""


def builder(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "builder", *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)


def first_id(result: subprocess.CompletedProcess[str]) -> str:
    """The id on the first line `ids` prints: 'event ID: ...'."""
    return result.stdout.splitlines()[0].split(" ", 2)[1].removesuffix(":")


def test_a_first_summary_from_new_to_a_built_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    created = builder(
        project, "new", "https://example.org/daily/talks-stall", "--headline", "Ceasefire talks stall",
        "--date", "2026-01", "--outlet", "Example Daily",
    )  # fmt: skip
    assert created.stdout.splitlines()[0] == f"wrote {NEW}", created.stderr

    # The documented look-up finds the shared event and the claim to link to.
    event_id = first_id(builder(project, "ids", "events", "geneva"))
    claim_id = first_id(builder(project, "ids", "claims", "ready", "ceasefire"))
    assert (event_id, claim_id) == ("geneva-round-one", "beta-ready-for-ceasefire")

    path = project / NEW
    text = path.read_text(encoding="utf-8")
    for old, new in FILLED_IN.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    text = text.replace(
        "events: []",
        f"events:\n  - id: {event_id}\n    date: 2026-01-04\n    what: The first round opened in Geneva.\n"
        "    type: talks",
    ).replace(
        "claims: []",
        "claims:\n  - id: beta-never-ready\n    by: outlet\n    text: Betastan was never ready for a ceasefire.\n"
        "    status: reported\n    credibility: 3\n    note: The paper's own reading of the talks.\n"
        f"    contradicts: [{claim_id}]",
    )
    path.write_text(text, encoding="utf-8")
    # The registry mistake: the new actor's alias is another actor's name.
    with (project / "content" / "actors.yaml").open("a", encoding="utf-8") as registry:
        registry.write(REGISTRY_ENTRY.format(alias="Betastan"))

    checked = builder(project, "check", NEW)
    assert checked.returncode == 1
    assert checked.stdout.splitlines() == [
        "content/actors.yaml:25:13: actors[4].aliases[0]: the name 'betastan' is also used by actor 'beta-state'; "
        "a name must point to one actor: remove it here, or, if both entries are the same actor, keep only 'beta-state'"
    ]

    actors = project / "content" / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("aliases: [Betastan]", "aliases: [Delta]"))
    fixed = builder(project, "check", NEW)
    assert (fixed.returncode, fixed.stderr) == (0, "")
    assert fixed.stdout == "OK: 1 content file checked, and the 4 registry entries it refers to, no problems\n"
    assert builder(project, "check").stdout == "OK: 7 content files checked, no problems\n"

    site = build_site(project)
    article = text_of(page(site, "articles/2026-01-ceasefire-talks-stall/"))
    assert "Ceasefire talks stalled after the first round in Geneva." in article and "January 2026" in article
    assert "Deltania" in article
