"""The MkDocs plugin: virtual pages, and bad content that never costs the last good site."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from builder import incremental, search
from builder.plugin import TrackerPlugin
from tests.conftest import FIXTURE_CONTENT, build_site, make_project, run_mkdocs_build
from tests.test_serve import BUG_TRIGGER, MKDOCS_WITH_A_RENDER_BUG

Edit = Callable[[Path, str, str], None]


def test_nothing_is_written_into_the_project(project: Path) -> None:
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    build_site(project, project.parent / "site")
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before


def test_a_build_leaves_no_temporary_folder_even_when_it_fails(
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
    # A build holds its pages in memory: only `mkdocs serve` keeps a folder of them (test_serve.py).
    assert folders_while_indexing == []
    assert list(temporary.iterdir()) == []


def test_mkdocs_holds_no_page_text_between_converting_and_writing(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At its peak MkDocs holds every page; none holds its text until its template is rendered.

    A generated page's file gives MkDocs its front matter only: the body stays compressed in the
    plugin until the page is written.
    """
    from mkdocs.commands import build as mkdocs_build

    (project / "docs" / "notes.md").write_text("# Field notes\n\nNo front matter here.\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "not_in_nav: /notes.md\n", encoding="utf-8")
    held: dict[str, tuple[str | None, str | None, str | None]] = {}
    files_read: dict[str, str] = {}
    write_page = mkdocs_build._build_page

    def spying(page: Any, config: Any, doc_files: Any, *args: Any, **kwargs: Any) -> None:
        if not held:  # every page is converted, none written yet
            held.update({f.src_uri: (f.page.markdown, f.page.content, f.page.title) for f in doc_files})
            files_read.update({f.src_uri: f.content_string for f in doc_files})
        write_page(page, config, doc_files, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", spying)
    site = build_site(project, tmp_path / "site")
    assert len(held) > 20
    assert {(markdown, content) for markdown, content, _ in held.values()} == {("", "")}
    # Titles outlive the text: from front matter, or else from the first heading.
    assert held["actors/ada-alpha.md"][2] == "Ada Alpha"
    assert held["notes.md"][2] == "Field notes"
    assert files_read["actors/ada-alpha.md"] == '---\n{"title": "Ada Alpha"}\n---\n\n'
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


def test_a_builder_bug_fails_the_build_and_keeps_the_previous_site(project: Path, tmp_path: Path) -> None:
    site = build_site(project)
    snapshot = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    (project / BUG_TRIGGER).touch()
    result = subprocess.run(
        [sys.executable, "-c", MKDOCS_WITH_A_RENDER_BUG, "build", "--strict", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)},
    )
    assert result.returncode == 1
    assert "TypeError: a bug in rendering" in result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == snapshot
    assert list(temporary.iterdir()) == []  # nor a half-written pages folder


def test_a_builder_bug_under_serve_is_logged_once_and_the_next_good_save_recovers(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit_yaml: Edit, caplog: pytest.LogCaptureFixture
) -> None:
    """As `mkdocs serve --dirty` rebuilds: the same plugin, its caches, and MkDocs' dirty builds."""
    monkeypatch.setattr(search, "run_pagefind", lambda site, glob: None)
    render_view = incremental.render_view
    bug = {"on": True}

    def buggy(*args: Any, **kwargs: Any) -> Any:
        if bug["on"]:
            raise TypeError("a bug in rendering")
        return render_view(*args, **kwargs)

    monkeypatch.setattr(incremental, "render_view", buggy)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=True)
    topics, page = project / "content" / "topics.yaml", tmp_path / "site" / "topics" / "ceasefire" / "index.html"
    try:
        with pytest.raises(TypeError, match="a bug in rendering"):
            build(config, dirty=True)  # no good pages yet: nothing to keep serving
        bug["on"] = False
        build(config, dirty=True)
        assert "A halt to the fighting." in page.read_text(encoding="utf-8")
        plugin = config.plugins["tracker"]
        caches = plugin.caches

        bug["on"] = True
        edit_yaml(topics, "A halt to the fighting.", "A pause.")
        caplog.clear()
        with caplog.at_level(logging.INFO):
            build(config, dirty=True)
        assert "A halt to the fighting." in page.read_text(encoding="utf-8")
        [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert record.name == "mkdocs.plugins.newstracker.plugin"
        report = record.getMessage()
        assert report.startswith(
            # MkDocs' plugin logger names the plugin's package first.
            "newstracker: The builder failed unexpectedly, a bug to report:\nTraceback (most recent call last):"
        )
        assert "in on_pre_build" in report and "in buggy" in report
        assert report.endswith(
            "TypeError: a bug in rendering\nStill serving the last good version; save a file again to rebuild."
        )
        assert plugin.caches is not caches  # what the failed build may have left half done is dropped

        bug["on"] = False
        edit_yaml(topics, "A pause.", "A short pause.")
        build(config, dirty=True)
        assert "A short pause." in page.read_text(encoding="utf-8")
    finally:
        config.plugins.on_shutdown()


def _previous_handler(signum: int, frame: Any) -> None:
    raise AssertionError("the handler from before serving ran")


def test_sigterm_stops_serve_as_ctrl_c_does_and_the_handler_is_put_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(signal, "signal", _recording_signal(monkeypatch, {signal.SIGTERM: _previous_handler}))
    plugin = TrackerPlugin()
    plugin.on_startup(command="build", dirty=False)
    assert signal.getsignal(signal.SIGTERM) is _previous_handler  # a build is left alone
    plugin.on_shutdown()

    plugin.on_startup(command="serve", dirty=True)
    handler = signal.getsignal(signal.SIGTERM)
    assert callable(handler) and handler is not _previous_handler
    with pytest.raises(KeyboardInterrupt):  # what Ctrl-C raises: `mkdocs serve` shuts down in order
        handler(signal.SIGTERM, None)
    plugin.on_shutdown()
    assert signal.getsignal(signal.SIGTERM) is _previous_handler

    # `mkdocs serve --clean` starts up as a build: its handler comes with the server.
    plugin.load_config({"content_dir": str(FIXTURE_CONTENT)})
    plugin.on_startup(command="build", dirty=False)
    plugin.on_serve(_NoServer(), config=None, builder=None)  # type: ignore[arg-type]
    assert signal.getsignal(signal.SIGTERM) is handler
    plugin.on_shutdown()
    assert signal.getsignal(signal.SIGTERM) is _previous_handler


def test_a_serve_started_to_ignore_sigterm_keeps_ignoring_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(signal, "signal", _recording_signal(monkeypatch, {signal.SIGTERM: signal.SIG_IGN}))
    plugin = TrackerPlugin()
    plugin.on_startup(command="serve", dirty=True)
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_IGN
    plugin.on_shutdown()
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_IGN


def _recording_signal(monkeypatch: pytest.MonkeyPatch, handlers: dict[int, Any]) -> Callable[[int, Any], Any]:
    """signal.signal and getsignal on a table of their own: the test process's handlers stay as they are."""
    monkeypatch.setattr(signal, "getsignal", handlers.get)

    def set_handler(signum: int, handler: Any) -> Any:
        previous, handlers[signum] = handlers.get(signum), handler
        return previous

    return set_handler


class _NoServer:
    def watch(self, path: str) -> None:
        pass


def _pages(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): path.read_text() for path in sorted(site.rglob("*.html"))}


@pytest.mark.parametrize("dirty", [True, False], ids=["serve --dirty", "serve"])
def test_serve_rebuilds_give_the_pages_of_a_clean_build_and_keep_the_files_of_unchanged_pages(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit_yaml: Edit, dirty: bool
) -> None:
    """As `mkdocs serve` rebuilds: mkdocs.yml read again each time, one plugin, dirty builds or whole ones."""
    monkeypatch.setattr(search, "run_pagefind", lambda site, glob: None)
    served = tmp_path / "served"

    def serve_config() -> Any:
        return load_config(str(project / "mkdocs.yml"), site_dir=str(served))

    first = serve_config()
    first.plugins.on_startup(command="serve", dirty=dirty)
    plugin = first.plugins["tracker"]
    articles = project / "content" / "articles"
    edits = [
        (articles / "2025-11-early-contacts.yaml", "We came to listen.", "We came to listen, and to talk."),
        (articles / "2026-01-10-second-round.yaml", "ended without agreement.", "ended with no agreement."),
        (project / "content" / "actors.yaml", "name: Betastan", "name: Betastan Republic"),
    ]
    try:
        build(first, dirty=dirty)
        untouched = plugin._files["articles/2026-01-05-first-round.md"][1]
        for path, old, new in edits:
            edit_yaml(path, old, new)
            build(serve_config(), dirty=dirty)
            # In a process of its own: MkDocs keeps one instance of this plugin per process.
            clean = make_project(tmp_path / f"clean-{path.stem}", project / "content")
            assert run_mkdocs_build(clean).returncode == 0
            assert _pages(served) == _pages(clean / "site"), (path.name, new)
            if path.parent == articles:
                # Neither article edit changes this page: MkDocs made its Page once, and each rebuild kept it.
                assert plugin._files["articles/2026-01-05-first-round.md"][1] is untouched
                assert untouched.page is not None and untouched.page.file is untouched
    finally:
        first.plugins.on_shutdown()
