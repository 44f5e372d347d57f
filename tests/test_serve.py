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


@pytest.fixture
def served(project: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A running `mkdocs serve --dirty`, as `make serve` starts it, and the file its output goes to."""
    port, log = _free_port(), tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            # A shell that starts the tests in the background makes them ignore Ctrl-C, and the
            # server would inherit that: it must stop on Ctrl-C as when a person runs it.
            preexec_fn=_default_interrupt,
        )
        try:
            # `mkdocs serve` serves under the path of site_url.
            yield f"http://127.0.0.1:{port}{SITE_PATH}", log
        finally:
            # Ctrl-C, as a person stops it: MkDocs then shuts its plugins down and they clean up.
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
                pytest.fail("mkdocs serve did not stop on Ctrl-C within 20 s")


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
    article_url = base + "articles/2025-11-20-early-contacts/"
    _wait_for(article_url, lambda body: "</html>" in body)
    (project / "content" / "articles" / "2025-11-20-early-contacts.yaml").unlink()
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
