"""A site's own vocabulary and theme: plugin options in mkdocs.yml, the schemas that follow them, and
the package's templates and pages that a site's own replace."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from builder import vocabulary
from builder.model import SOURCE_KIND_LABELS, STANCE_LABELS
from builder.plugin import THEME_DIR, package_pages
from builder.schema import schema_text, validator
from builder.vocabulary import DEFAULT, vocabulary_from
from tests.conftest import REPO, build_site


@pytest.fixture
def in_use() -> Iterator[None]:
    """Whatever vocabulary a test sets, the next test starts with the default one."""
    yield
    vocabulary.use(DEFAULT)


def _enum(schema: str, *path: str) -> list[str]:
    node = json.loads(schema_text(schema))
    for step in path:
        node = node[step]
    return list(node["enum"])


def test_the_default_vocabulary_is_the_one_the_schema_files_list() -> None:
    assert _enum("definitions", "definitions", "sourceKind") == [kind for kind, _ in DEFAULT.source_kinds]
    assert _enum("definitions", "definitions", "stance") == [stance for stance, _ in DEFAULT.stances]
    article = ("definitions", "event", "properties", "type")
    assert _enum("article", *article) == list(DEFAULT.event_types)
    raw = (REPO / "builder" / "schemas" / "article.schema.json").read_text(encoding="utf-8")
    assert schema_text("article") == raw


def test_a_vocabulary_changes_the_schemas_the_checker_and_the_labels(in_use: None) -> None:
    options = {"source_kinds": {"wire": "Wire", "podcast": "Podcast"}, "event_types": ["talks", "hearing"]}
    vocabulary.use(vocabulary_from(options))
    assert _enum("definitions", "definitions", "sourceKind") == ["wire", "podcast"]
    assert _enum("article", "definitions", "event", "properties", "type") == ["talks", "hearing"]
    assert validator("definitions").schema["definitions"]["sourceKind"]["enum"] == ["wire", "podcast"]
    assert dict(SOURCE_KIND_LABELS) == {"wire": "Wire", "podcast": "Podcast"}
    assert STANCE_LABELS["red-line"] == "Red line"  # left out: the default
    vocabulary.use(DEFAULT)
    assert SOURCE_KIND_LABELS["newspaper"] == "Newspaper"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"event_types": ["talks", "Hearing"]}, "event_types: 'Hearing' is not a valid id"),
        ({"event_types": ["talks", "talks"]}, "event_types: 'talks' is listed twice"),
        ({"event_types": []}, "event_types: list at least one"),
        ({"stances": {"demand": " "}}, "stances: 'demand' needs a label"),
        ({"source_kinds": ["wire"]}, "source_kinds: write one `id: label` line for each"),
        ({"legend": ["grades", "glossary"]}, "legend: unknown section 'glossary'"),
        ({"legend": ["statuses"]}, "legend: list grades"),
    ],
)
def test_a_vocabulary_that_cannot_work_is_refused_with_the_option_named(options: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        vocabulary_from(options)


def _config(project: Path, plugin_options: str = "", theme: str = "") -> object:
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("      content_dir: content\n", "      content_dir: content\n" + plugin_options)
    text = text.replace("  custom_dir: overrides\n", "  custom_dir: overrides\n" + theme)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    config = load_config(str(project / "mkdocs.yml"))
    return config.plugins.on_config(config)


def test_the_package_theme_comes_after_the_sites_overrides_and_before_materials(project: Path, in_use: None) -> None:
    config = _config(project)
    dirs = config.theme.dirs
    assert dirs[0] == str(project / "overrides") and dirs[1] == str(THEME_DIR)
    assert "material" in Path(dirs[2]).parts
    assert config.extra_css[0] == "stylesheets/tracker.css"


def test_options_that_cannot_work_fail_the_build_before_anything_is_read(project: Path, in_use: None) -> None:
    with pytest.raises(PluginError, match=r"plugins: tracker: stances: 'Red Line' is not a valid id"):
        _config(project, "      stances: {Red Line: Red line}\n")


def test_the_grading_legend_follows_the_vocabulary(project: Path, in_use: None) -> None:
    config = _config(project, "      stances: {appeal: Appeal, demand: Demand}\n      legend: [grades, stances]\n")
    (grading,) = [f for f in package_pages(config, frozenset(), vocabulary.current()) if f.src_uri == "grading.md"]
    text = grading.content_string
    assert "may record the position an actor takes on a topic: an **appeal** or a **demand**." in text
    assert "## Admiralty grades" in text and "## Stances" in text and "## Claim statuses" not in text


def test_a_sites_own_page_replaces_the_packages(project: Path) -> None:
    (project / "docs" / "grading.md").write_text(
        "# Our grades\n\n## Admiralty grades\n\nOurs.\n\n### Credibility of the information\n\nAlso ours.\n",
        encoding="utf-8",
    )
    site = build_site(project)
    page = (site / "grading" / "index.html").read_text(encoding="utf-8")
    assert "Also ours." in page and "Admiralty code" not in page
