"""`mkdocs serve` regenerates pages when a YAML file changes, and survives bad edits."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.html import SITE_PATH

Edit = Callable[[Path, str, str], None]
DEADLINE_SECONDS = 60

BUG_TRIGGER = "render-bug"
"""While a file of this name is in the project folder, `MKDOCS_WITH_A_RENDER_BUG` fails rendering any page."""

MKDOCS_WITH_A_RENDER_BUG = f"""
import sys
from pathlib import Path

from newstracker import incremental, render  # the package as MkDocs loads it

def with_a_bug(render_view):
    def buggy(*args, **kwargs):
        if Path({BUG_TRIGGER!r}).exists():
            raise TypeError("a bug in rendering")
        return render_view(*args, **kwargs)
    return buggy

render.render_view = with_a_bug(render.render_view)  # as `mkdocs build` renders
incremental.render_view = with_a_bug(incremental.render_view)  # as `mkdocs serve` renders again

from mkdocs.__main__ import cli

sys.argv[0] = "mkdocs"
cli()
"""
"""`python -c` this, and what follows is MkDocs' command line, run with a bug the tests can switch on."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _default_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(url: str, predicate: Callable[[str], bool]) -> str:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        body = _fetch(url)
        if body and predicate(body):
            return body
        time.sleep(0.25)
    pytest.fail(f"{url} did not show the expected change within {DEADLINE_SECONDS} s")


def _serve(project: Path, log: Path, mkdocs: list[str], temporary: Path | None = None) -> tuple[str, subprocess.Popen]:
    """Start `mkdocs serve --dirty`, as `make serve` does; returns its address and the process."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if temporary is not None:
        env["TMPDIR"] = str(temporary)
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, *mkdocs, "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            # A shell that starts the tests in the background makes them ignore Ctrl-C, and the
            # server would inherit that: it must stop on Ctrl-C as when a person runs it.
            preexec_fn=_default_interrupt,
        )
    # `mkdocs serve` serves under the path of site_url.
    return f"http://127.0.0.1:{port}{SITE_PATH}", process


def _stop(process: subprocess.Popen, how: signal.Signals = signal.SIGINT) -> None:
    """Ctrl-C by default, as a person stops it: MkDocs then shuts its plugins down and they clean up."""
    if process.poll() is not None:
        return
    process.send_signal(how)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
        pytest.fail(f"mkdocs serve did not stop on {how.name} within 20 s")


@pytest.fixture
def served(project: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A running `mkdocs serve --dirty`, as `make serve` starts it, and the file its output goes to."""
    log = tmp_path / "serve.log"
    base, process = _serve(project, log, ["-m", "mkdocs"])
    try:
        yield base, log
    finally:
        _stop(process)


def test_editing_yaml_regenerates_the_pages_that_show_it(
    served: tuple[str, Path], project: Path, edit_yaml: Edit
) -> None:
    base, _ = served
    article_url = base + "articles/2026-01-05-first-round/"
    actor_url = base + "actors/ada-alpha/"
    _wait_for(article_url, lambda body: "We came here to end this war." in body)

    edit_yaml(
        project / "content" / "articles" / "2026-01-05-first-round.yaml",
        "We came here to end this war.",
        "We came to talk peace.",
    )

    _wait_for(article_url, lambda body: "We came to talk peace." in body)
    _wait_for(actor_url, lambda body: "We came to talk peace." in body and "end this war" not in body)
    # Search is indexed once per serve session; the rebuild keeps that index.
    _wait_for(base + "pagefind/pagefind-entry.json", lambda body: '"version"' in body)


def test_a_bad_edit_keeps_the_last_good_site_and_recovers_when_fixed(served: tuple[str, Path], project: Path) -> None:
    base, log = served
    topic_url = base + "topics/ceasefire/"
    _wait_for(topic_url, lambda body: "A halt to the fighting." in body)
    topics = project / "content" / "topics.yaml"

    good = topics.read_text(encoding="utf-8")
    broken = good.replace("A halt to the fighting.", "A pause.").replace(
        "  name: Sanctions\n", "  name: Sanctions\n  parent: nowhere\n"
    )
    topics.write_text(broken, encoding="utf-8")
    time.sleep(3)
    assert "A halt to the fighting." in _fetch(topic_url)

    topics.write_text(broken.replace("  parent: nowhere\n", ""), encoding="utf-8")
    _wait_for(topic_url, lambda body: "A pause." in body)
    output = log.read_text(encoding="utf-8")
    assert "content/topics.yaml" in output and "unknown topic 'nowhere'" in output
    assert "Traceback" not in output


def test_a_deleted_article_is_no_longer_served(served: tuple[str, Path], project: Path) -> None:
    base, _ = served
    article_url = base + "articles/2025-11-early-contacts/"
    _wait_for(article_url, lambda body: "</html>" in body)
    (project / "content" / "articles" / "2025-11-early-contacts.yaml").unlink()
    _wait_for(base + "articles/", lambda body: "early-contacts" not in body)
    deadline = time.monotonic() + DEADLINE_SECONDS
    while _status(article_url) != 404:
        assert time.monotonic() < deadline, f"{article_url} is still served"
        time.sleep(0.25)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0


def test_a_builder_bug_keeps_the_last_good_site_and_recovers_on_the_next_good_save(
    project: Path, tmp_path: Path
) -> None:
    log = tmp_path / "serve.log"
    base, process = _serve(project, log, ["-c", MKDOCS_WITH_A_RENDER_BUG])
    try:
        topic_url = base + "topics/ceasefire/"
        _wait_for(topic_url, lambda body: "A halt to the fighting." in body)
        topics = project / "content" / "topics.yaml"
        good = topics.read_text(encoding="utf-8")

        (project / BUG_TRIGGER).touch()
        topics.write_text(good.replace("A halt to the fighting.", "A pause."), encoding="utf-8")
        deadline = time.monotonic() + DEADLINE_SECONDS
        while "a bug in rendering" not in log.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline, "the rebuild with the bug did not happen"
            time.sleep(0.25)
        time.sleep(1)  # the rest of the rebuild: MkDocs would stall every request after it
        # Answered at once, not after the fetch's 5 s timeout, and with the last good page.
        assert "A halt to the fighting." in _fetch(topic_url)
        assert "</html>" in _fetch(base + "actors/ada-alpha/")
        output = log.read_text(encoding="utf-8")
        assert output.count("TypeError: a bug in rendering") == 1, output
        assert "Still serving the last good version" in output
        assert "in buggy" in output  # where it failed: the traceback down to the failing function
        assert "An error happened during the rebuild" not in output  # MkDocs' own report, before it stalls

        (project / BUG_TRIGGER).unlink()
        topics.write_text(good.replace("A halt to the fighting.", "A short pause."), encoding="utf-8")
        _wait_for(topic_url, lambda body: "A short pause." in body)
        assert log.read_text(encoding="utf-8").count("TypeError: a bug in rendering") == 1
    finally:
        _stop(process)


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_serve_leaves_no_temporary_folder_when_stopped(project: Path, tmp_path: Path, how: signal.Signals) -> None:
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    base, process = _serve(project, tmp_path / "serve.log", ["-m", "mkdocs"], temporary)
    try:
        _wait_for(base + "topics/ceasefire/", lambda body: "A halt to the fighting." in body)
        # MkDocs' own site folder, and the pages folder.
        names = sorted(path.name for path in temporary.iterdir())
        assert len(names) == 2 and names[0].startswith("mkdocs_") and names[1].startswith("tracker-pages-"), names
    finally:
        _stop(process, how)
    assert list(temporary.iterdir()) == []
    assert process.returncode == 0  # stopped in order, not killed
