"""The one place ids become paths: nothing a contributor writes can point outside the output."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.paths import actor_path, article_path, output_file, topic_path


@pytest.mark.parametrize("entry_id", ["../secret", "a/b", "/etc/passwd", "index", "Ada", "", "a..b", "a\\b", "%2e%2e"])
def test_ids_that_are_not_slugs_never_become_page_names(entry_id: str) -> None:
    for path_of in (article_path, actor_path, topic_path):
        with pytest.raises(ValueError, match="cannot be used as a page name"):
            path_of(entry_id)


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
