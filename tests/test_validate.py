"""Stage 2: every problem is reported at once, with file, line, field and a way to fix it."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from builder import ContentError, check_content
from builder.dates import PartialDate
from builder.load import load_content
from builder.validate import build_content, find_problems
from tests.conftest import REPO

TODAY = datetime.date(2026, 11, 22)
FIRST = "articles/2026-01-05-first-round.yaml"
Edit = Callable[[Path, str, str], None]


def problems(content_dir: Path, today: datetime.date = TODAY) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check_content(content_dir, today=today)
    return [str(problem) for problem in caught.value.problems]


def test_fixture_content_is_valid(content_dir: Path) -> None:
    content = check_content(content_dir, today=TODAY)
    assert sorted(content.articles) == [
        "2025-11-early-contacts",
        "2026-01-05-first-round",
        "2026-01-10-second-round",
    ]
    assert sorted(content.claims) == [
        "ada-resigned",
        "ada-says-no-deal",
        "beta-ready-for-ceasefire",
        "beta-rejects-ceasefire",
        "talks-were-secret",
    ]


def test_alias_used_as_id_suggests_the_id(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "  - speaker: ada-alpha", "  - speaker: ada-alfa")
    assert problems(content_dir) == [
        f"content/{FIRST}:36:14: quotes[0].speaker: unknown actor 'ada-alfa'; "
        "did you mean 'ada-alpha' (Ada Alpha)? Refer to actors by id"
    ]


def test_unknown_actor_says_how_to_add_one(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "actors: [alpha-state, beta-state]", "actors: [alpha-state, omega-corp]")
    assert problems(content_dir) == [
        f"content/{FIRST}:17:23: actors[1]: unknown actor 'omega-corp'; add it to content/actors.yaml first, or use an existing id"
    ]


def test_misspelled_field_names_the_nearest_one(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "key_points:", "key_pionts:")
    assert problems(content_dir) == [
        f"content/{FIRST}:15:1: key_pionts: unknown field 'key_pionts'; did you mean 'key_points'?"
    ]


def test_all_problems_in_all_files_come_together_sorted(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "    status: disputed", "    status: doubtful")
    edit_yaml(content_dir / FIRST, "  published: 2026-01-05", "  published: 2026-02-30")
    edit_yaml(content_dir / "articles/2026-01-10-second-round.yaml", "summary: The", "summery: The")
    assert problems(content_dir) == [
        f"content/{FIRST}:6:14: source.published: '2026-02-30' does not exist: February 2026 has no day 30",
        f"content/{FIRST}:47:13: claims[0].status: 'doubtful' is not allowed; use one of: reported, confirmed, disputed, false, unverifiable",
        "content/articles/2026-01-10-second-round.yaml:9:1: summery: unknown field 'summery'; did you mean 'summary'?",
    ]


def test_empty_required_text_is_refused(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "headline: First round of talks opens", 'headline: "  "')
    assert problems(content_dir) == [f"content/{FIRST}:2:11: headline: must not be empty"]


def test_a_date_in_the_future_is_refused(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "  - date: 2025-12", "  - date: 2027-01")
    assert problems(content_dir) == [f"content/{FIRST}:30:11: events[1].date: 2027-01 is in the future"]


def test_a_quote_cannot_postdate_its_article(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(
        content_dir / FIRST,
        "    date: 2026-01-04\n    place: Geneva\n    topic",
        "    date: 2026-01-06\n    place: Geneva\n    topic",
    )
    assert problems(content_dir) == [
        f"content/{FIRST}:38:11: quotes[0].date: 2026-01-06 is after the article's publication date 2026-01-05"
    ]


@pytest.mark.parametrize(
    ("summarised", "message"),
    [
        ("2026-01-04", "2026-01-04 is before the publication date 2026-01-05"),
        ("2025", "2025 is before the publication date 2026-01-05"),
        ("2026-12", "2026-12 is in the future"),
        ("2026-11-23", "2026-11-23 is in the future"),
    ],
)
def test_a_summary_is_dated_between_its_source_and_today(
    content_dir: Path, edit_yaml: Edit, summarised: str, message: str
) -> None:
    headline = "headline: First round of talks opens\n"
    edit_yaml(content_dir / FIRST, headline, f"{headline}summarised: {summarised}\n")
    assert problems(content_dir) == [f"content/{FIRST}:3:13: summarised: {message}"]


@pytest.mark.parametrize(
    ("summarised", "date"), [("2026-01", PartialDate(2026, 1)), ("2026-11-22", PartialDate(2026, 11, 22))]
)
def test_a_summary_date_to_the_precision_known(
    content_dir: Path, edit_yaml: Edit, summarised: str, date: PartialDate
) -> None:
    headline = "headline: First round of talks opens\n"
    edit_yaml(content_dir / FIRST, headline, f"{headline}summarised: {summarised}\n")
    articles = check_content(content_dir, today=TODAY).articles
    assert articles["2026-01-05-first-round"].summarised == date
    assert articles["2026-01-10-second-round"].summarised is None


def test_url_must_be_http(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "https://example.org/news/first-round", "javascript:alert(1)")
    assert problems(content_dir) == [
        f"content/{FIRST}:5:8: source.url: 'javascript:alert(1)' is not a web address; only https:// and http:// links are allowed"
    ]


def test_same_source_url_twice_is_a_duplicate(content_dir: Path) -> None:
    copy = (content_dir / FIRST).read_text(encoding="utf-8").replace("id: beta-ready-for-ceasefire", "id: other-a")
    copy = copy.replace("id: talks-were-secret", "id: other-b").replace("contradicts: [beta-ready-for-ceasefire]", "")
    (content_dir / "articles" / "2026-01-05-reprint.yaml").write_text(copy, encoding="utf-8")
    assert problems(content_dir) == [
        f"content/articles/2026-01-05-reprint.yaml:5:8: source.url: the same source URL is already summarised in content/{FIRST}"
    ]


def test_claim_ids_are_unique_across_files(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / "articles/2026-01-10-second-round.yaml", "id: ada-says-no-deal", "id: talks-were-secret")
    assert problems(content_dir) == [
        "content/articles/2026-01-10-second-round.yaml:25:9: claims[0].id: claim id 'talks-were-secret' is already used in "
        f"content/{FIRST}"
    ]


def test_unknown_claim_reference(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "contradicts: [beta-ready-for-ceasefire]", "contradicts: [beta-ready-for-ceasfire]")
    assert problems(content_dir) == [
        f"content/{FIRST}:58:19: claims[1].contradicts[0]: unknown claim 'beta-ready-for-ceasfire'; did you mean 'beta-ready-for-ceasefire'?"
    ]


def test_one_alias_cannot_name_two_actors(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / "actors.yaml", "aliases: [Republic of Beta]", "aliases: [Republic of Beta, Alphaland]")
    assert problems(content_dir) == [
        "content/actors.yaml:9:31: actors[1].aliases[1]: the name 'alphaland' is also used by actor 'alpha-state'; a name must point to one actor: remove it here, or, if both entries are the same actor, keep only 'alpha-state'"
    ]


def test_topic_cannot_be_its_own_ancestor(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / "topics.yaml", "  name: Talks\n", "  name: Talks\n  parent: ceasefire\n")
    assert problems(content_dir) == [
        "content/topics.yaml:4:11: topics[0].parent: topic 'talks' is its own ancestor",
        "content/topics.yaml:9:11: topics[1].parent: topic 'ceasefire' is its own ancestor",
    ]


def test_file_name_must_be_a_safe_slug(content_dir: Path) -> None:
    (content_dir / "articles" / "2026-01-05-first-round.yaml").rename(content_dir / "articles" / "../First Round.yaml")
    (content_dir / "First Round.yaml").rename(content_dir / "articles" / "First Round.yaml")
    assert problems(content_dir) == [
        "content/articles/First Round.yaml:1:1: the file name must start with the publication date, as in 2026-01-05-kyiv-strike.yaml, 2026-01-kyiv-strike.yaml or 2026-kyiv-strike.yaml; rename it to 2026-01-05-first-round.yaml"
    ]


def test_wrong_type_is_named(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "places: [Geneva]", "places: Geneva")
    assert problems(content_dir) == [f"content/{FIRST}:19:9: places: must be a list, not 'Geneva'"]


def test_event_actor_with_bad_role(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "{id: alpha-state, role: participant}", "{id: alpha-state, role: host}")
    (problem,) = problems(content_dir)
    assert problem == (
        f"content/{FIRST}:26:33: events[0].actors[0].role: 'host' is not allowed; use one of: initiator, target, mediator, participant"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("42", "must be text, not 42"),
        ("null", "must not be empty; write text here"),
        ("[alpha-state]", "must be text, not a list"),
        ("{id: alpha-state}", "must be text, not a mapping"),
    ],
    ids=["number", "null", "list", "mapping"],
)
def test_a_wrong_typed_id_of_an_event_actor_is_refused_where_it_is(
    content_dir: Path, edit_yaml: Edit, value: str, message: str
) -> None:
    # The error lies inside the mapping form of a oneOf; it once passed the check and crashed the build.
    edit_yaml(content_dir / FIRST, "{id: alpha-state, role: participant}", f"{{id: {value}, role: participant}}")
    assert problems(content_dir) == [f"content/{FIRST}:26:14: events[0].actors[0].id: {message}"]


def test_an_event_actor_of_neither_form_is_refused_as_such(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "{id: alpha-state, role: participant}", "42")
    assert problems(content_dir) == [
        f"content/{FIRST}:26:9: events[0].actors[0]: 42 is not valid: An actor id, or an actor id with its role in the event."
    ]


def test_a_stance_needs_a_topic(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "    topic: talks\n    stance: offer\n", "    stance: offer\n")
    assert problems(content_dir) == [f"content/{FIRST}:40:13: quotes[0].stance: a stance needs the quote's topic"]


def test_a_verdict_fits_its_credibility(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "    credibility: 5\n", "    credibility: 2\n")
    assert problems(content_dir) == [
        f"content/{FIRST}:57:18: claims[1].credibility: a false claim has credibility 5, not 2"
    ]


def test_unknown_outlet_suggests_the_registered_one(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "  outlet: example-wire", "  outlet: Example Wire")
    assert problems(content_dir) == [
        f"content/{FIRST}:4:11: source.outlet: unknown outlet 'Example Wire'; did you mean 'example-wire' (Example Wire)? Refer to outlets by id"
    ]
    edit_yaml(content_dir / FIRST, "  outlet: Example Wire", "  outlet: example-wires")
    assert problems(content_dir) == [
        f"content/{FIRST}:4:11: source.outlet: unknown outlet 'example-wires'; did you mean 'example-wire' (Example Wire)? Refer to outlets by id"
    ]


def test_a_schema_problem_does_not_hide_a_reference_problem(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "actors: [alpha-state, beta-state]", "actors: [alpha-state, omega-corp]")
    edit_yaml(content_dir / FIRST, "summary: |", "summery: |")
    assert problems(content_dir) == [
        f"content/{FIRST}:11:1: summery: unknown field 'summery'; did you mean 'summary'?",
        f"content/{FIRST}:17:23: actors[1]: unknown actor 'omega-corp'; add it to content/actors.yaml first, or use an existing id",
    ]


def test_a_name_written_for_an_id_gets_the_id_instead_of_a_pattern_rule(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "  - speaker: ada-alpha", "  - speaker: Ada Alphova")
    assert problems(content_dir) == [
        f"content/{FIRST}:36:14: quotes[0].speaker: unknown actor 'Ada Alphova'; did you mean 'ada-alpha' (Ada Alpha)? Refer to actors by id"
    ]


def test_zelenskiy_finds_volodymyr_zelensky_in_the_real_registry(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    article = content / "articles" / "2026-01-05-trump-doubts-putin-residence-strike.yaml"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("- volodymyr-zelensky", "- zelenskiy", 1), encoding="utf-8")
    # The real summaries are dated as written, after the fixture's frozen today: checked against the clock.
    (problem,) = problems(content, datetime.date.today())
    assert problem.endswith(
        "actors[2]: unknown actor 'zelenskiy'; did you mean 'volodymyr-zelensky' (Volodymyr Zelensky)? Refer to actors by id"
    )


def test_an_unreadable_registry_is_one_problem_not_one_per_reference(content_dir: Path) -> None:
    (content_dir / "actors.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    assert problems(content_dir) == ["content/actors.yaml:2:1: is not valid YAML: did not find expected ',' or ']'"]


def test_an_entry_with_a_problem_can_still_be_referred_to(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(
        content_dir / "actors.yaml",
        "  kind: state\n  description: A state at war.",
        "  kind: country\n  description: A state at war.",
    )
    assert problems(content_dir) == [
        "content/actors.yaml:4:9: actors[0].kind: 'country' is not allowed; use one of: person, state, organisation, group"
    ]


def test_placeholders_are_unfinished_and_say_nothing_else(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / FIRST, "  published: 2026-01-05", '  published: "TODO: the publication date"')
    edit_yaml(content_dir / FIRST, "actors: [alpha-state, beta-state]", "actors: [alpha-state, TODO]")
    edit_yaml(content_dir / FIRST, "    status: disputed", "    status: TODO")
    assert problems(content_dir) == [
        f"content/{FIRST}:6:14: source.published: unfinished: replace the TODO with the publication date",
        f"content/{FIRST}:17:23: actors[1]: unfinished: replace the TODO",
        f"content/{FIRST}:47:13: claims[0].status: unfinished: replace the TODO",
    ]


def test_an_empty_file_says_so(content_dir: Path) -> None:
    (content_dir / FIRST).write_text("# yaml-language-server: $schema=../../builder/schemas/article.schema.json\n")
    assert problems(content_dir) == [
        f"content/{FIRST}:1:1: the file is empty; CONTRIBUTING.md shows what goes in it",
    ]


def test_find_problems_is_empty_exactly_when_the_model_builds(content_dir: Path) -> None:
    assert find_problems(load_content(content_dir), TODAY) == []
    assert build_content(load_content(content_dir)) == check_content(content_dir, today=TODAY)


@pytest.mark.parametrize(
    ("name", "published", "message"),
    [
        # A month-dated article is named after the month: no day is ever invented.
        ("2025-11-early-contacts", "2025-11", None),
        ("2025-early-contacts", "2025", None),
        (
            "2025-11-20-early-contacts",
            "2025-11",
            "the file name says 2025-11-20 but source.published is 2025-11: a file name is dated only as precisely "
            "as the source, never with a day or month it does not give; rename it to 2025-11-early-contacts.yaml",
        ),
        (
            "2025-10-early-contacts",
            "2025-11",
            "the file name says 2025-10 but source.published is 2025-11; rename it to 2025-11-early-contacts.yaml",
        ),
        (
            "2025-11-Early_Contacts",
            "2025-11",
            "after the date comes a slug of lowercase letters a-z, digits and single hyphens, and 'Early_Contacts' "
            "has capital letters; rename it to 2025-11-early-contacts.yaml",
        ),
        (
            "2025-11-early_contacts",
            "2025-11",
            "after the date comes a slug of lowercase letters a-z, digits and single hyphens, and 'early_contacts' "
            "has '_'; rename it to 2025-11-early-contacts.yaml",
        ),
        (
            "2025-13-early-contacts",
            "2025-11",
            "the file name starts with 2025-13, which is not a date ('2025-13' has no month 13); "
            "rename it to 2025-11-early-contacts.yaml",
        ),
        (
            "early-contacts",
            "TODO: the publication date",
            "the file name must start with the publication date, as in 2026-01-05-kyiv-strike.yaml, "
            "2026-01-kyiv-strike.yaml or 2026-kyiv-strike.yaml; fill in source.published",
        ),
    ],
)
def test_the_file_name_carries_the_publication_date_as_precisely_as_the_source(
    content_dir: Path, name: str, published: str, message: str | None
) -> None:
    early = content_dir / "articles" / "2025-11-early-contacts.yaml"
    text = early.read_text(encoding="utf-8").replace("published: 2025-11", f'published: "{published}"')
    early.unlink()
    (content_dir / "articles" / f"{name}.yaml").write_text(text, encoding="utf-8")
    found = [p for p in find_problems(load_content(content_dir), datetime.date(2026, 2, 1)) if p.line == 1]
    assert [p.message for p in found] == ([message] if message else [])
