"""The MkDocs plugin: virtual pages, and bad content that never costs the last good site."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from builder import search
from tests.conftest import build_site, run_mkdocs_build

Edit = Callable[[Path, str, str], None]


def test_nothing_is_written_into_the_project(project: Path) -> None:
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    build_site(project, project.parent / "site")
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before


def test_the_pages_folder_is_gone_after_a_build_and_after_a_failed_one(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    site = build_site(project, tmp_path / "site")
    assert (site / "actors" / "ada-alpha" / "index.html").is_file()
    assert (site / "feeds" / "summaries.xml").is_file()
    assert list(temporary.iterdir()) == []

    # A build that fails after the pages are written: search indexing, its last step.
    folders_while_indexing: list[Path] = []

    def failing_indexer(site_dir: Path, glob: str) -> None:
        folders_while_indexing.extend(temporary.iterdir())
        raise search.SearchIndexError("Pagefind could not index the site")

    monkeypatch.setattr(search, "run_pagefind", failing_indexer)
    with pytest.raises(Abort):
        build_site(project, tmp_path / "site")
    assert [folder.name[:14] for folder in folders_while_indexing] == ["tracker-pages-"]
    assert list(temporary.iterdir()) == []


def test_mkdocs_holds_no_page_text_between_converting_and_writing(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At its peak MkDocs holds every converted page; each is parked compressed until written."""
    from mkdocs.commands import build as mkdocs_build

    (project / "docs" / "notes.md").write_text("# Field notes\n\nNo front matter here.\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  /search.md\n", "  /search.md\n  /notes.md\n"))
    held: dict[str, tuple[str | None, str | None, str | None]] = {}
    write_page = mkdocs_build._build_page

    def spying(page: Any, config: Any, doc_files: Any, *args: Any, **kwargs: Any) -> None:
        if not held:  # every page is converted, none written yet
            held.update({f.src_uri: (f.page.markdown, f.page.content, f.page.title) for f in doc_files})
        write_page(page, config, doc_files, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", spying)
    site = build_site(project, tmp_path / "site")
    assert len(held) > 20
    assert {(markdown, content) for markdown, content, _ in held.values()} == {("", "")}
    # Titles outlive the text: from front matter, or else from the first heading.
    assert held["actors/ada-alpha.md"][2] == "Ada Alpha"
    assert held["notes.md"][2] == "Field notes"
    assert "No front matter here." in (site / "notes" / "index.html").read_text(encoding="utf-8")
    page = (site / "actors" / "ada-alpha" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="ada-alpha">Ada Alpha<' in page


def test_bad_content_fails_the_build_and_keeps_the_previous_site(project: Path, edit_yaml: Edit) -> None:
    site = build_site(project)
    snapshot = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    edit_yaml(project / "content" / "topics.yaml", "parent: talks", "parent: talkz")
    with pytest.raises(Abort):
        build_site(project)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == snapshot


def test_a_site_without_site_url_is_refused_with_a_reason(project: Path, edit_yaml: Edit) -> None:
    edit_yaml(project / "mkdocs.yml", "site_url:", "# site_url:")
    result = run_mkdocs_build(project)
    assert result.returncode == 1
    assert "set site_url in mkdocs.yml: feeds and citations need the site's public address" in result.stderr
    assert "Traceback" not in result.stderr


def test_mkdocs_build_reports_problems_without_a_traceback(project: Path, edit_yaml: Edit) -> None:
    edit_yaml(project / "content" / "topics.yaml", "parent: talks", "parent: talkz")
    result = run_mkdocs_build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "content/topics.yaml:8:11: topics[1].parent: unknown topic 'talkz'; did you mean 'talks' (Talks)? Refer to topics by id"
        in result.stderr
    )


def test_a_failing_search_index_fails_the_build_with_pagefinds_reason(project: Path) -> None:
    # Pagefind reads a pagefind.yml from the folder it runs in: a broken one makes it fail.
    (project / "pagefind.yml").write_text("root_selector: [not, a, string]\n", encoding="utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 1
    assert "Pagefind could not index the site (exit 1)" in result.stderr
    assert "invalid type: sequence, expected a string" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_indexes_once_and_puts_the_index_back_after_each_rebuild(
    fixture_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    runs: list[Path] = []
    monkeypatch.setattr(search, "run_pagefind", lambda site, glob: runs.append(site))
    served = search.SiteSearch()
    served.index(site, ["articles/a/index.html"], reuse=True)
    assert runs == [site]
    first_index = sorted(p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*"))
    shutil.rmtree(site / "pagefind")  # as a rebuild's clean-up does
    served.index(site, ["articles/a/index.html"], reuse=True)
    assert runs == [site]
    assert sorted(p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*")) == first_index
