"""The one place ids become paths: nothing a contributor writes can point outside the output."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder import Site, check_content, generate_pages
from builder.paths import (
    RESERVED_IDS,
    actor_feed_path,
    actor_path,
    article_path,
    outlet_path,
    output_file,
    topic_feed_path,
    topic_path,
)
from tests.conftest import FIXTURE_CONTENT

PATHS_OF_IDS = (article_path, actor_path, topic_path, outlet_path, actor_feed_path, topic_feed_path)


@pytest.mark.parametrize(
    "entry_id", ["../secret", "a/b", "/etc/passwd", "index", "sitemap", "Ada", "", "a..b", "a\\b", "%2e%2e"]
)
def test_ids_that_are_not_slugs_never_become_page_names(entry_id: str) -> None:
    for path_of in PATHS_OF_IDS:
        with pytest.raises(ValueError, match="cannot be used as a page name"):
            path_of(entry_id)


def test_every_name_the_site_gives_its_own_files_beside_those_of_ids_is_reserved() -> None:
    # An actor `sitemap` once had its feed, feeds/actors/sitemap.xml, overwritten by that folder's sitemap.
    content = check_content(FIXTURE_CONTENT, today=datetime.date(2026, 11, 22))
    generated = generate_pages(content, Site("Tracker", "https://example.org/tracker/"))
    ids = {*content.articles, *content.actors, *content.topics, *content.outlets}
    folders = {path_of("x").rpartition("/")[0] for path_of in PATHS_OF_IDS}
    own_names = set()
    for path in generated:
        for folder in folders:
            if path.startswith(folder + "/"):
                name = path.removeprefix(folder + "/").split("/")[0].split(".")[0]
                if name not in ids:
                    own_names.add(name)
    assert own_names == set(RESERVED_IDS)


@pytest.mark.parametrize("page_path", ["../outside.md", "/etc/passwd", "articles/../../outside.md", "a/../../b.md"])
def test_output_file_refuses_paths_that_leave_the_output(tmp_path: Path, page_path: str) -> None:
    with pytest.raises(ValueError, match="refusing to write"):
        output_file(tmp_path / "out", page_path)


@given(st.text())
def test_any_id_either_is_refused_or_stays_inside_its_folder(entry_id: str) -> None:
    try:
        page = article_path(entry_id)
    except ValueError:
        return
    assert page == f"articles/{entry_id}.md" and "/" not in entry_id and ".." not in entry_id
    root = Path("/srv/out")
    assert output_file(root, page).is_relative_to(root / "articles")
