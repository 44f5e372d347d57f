"""Measure live reload: how long after saving one summary does `mkdocs serve` show the change?

    python bench/serve.py --articles 1000 --edits 3 [--dirty | --no-dirty]

Starts `mkdocs serve` on 127.0.0.1 for a generated project (bench/corpus.py around the real
site configuration), waits for the first build, then edits one article at a time and polls its
page until the new text is there. Four kinds of edit are timed: a sentence in the summary (shown
on the article's page only), a quote (shown on the speaker's and topics' pages too), a claim (also
on its claimant's, topic's, status's and outlet's pages and the claims index) and an actor's
description in the registry (shown on the actor's page).
Every loop is bounded, and the server is stopped with Ctrl-C at the end so plugins clean up.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.run import make_project  # noqa: E402

FIRST_BUILD_SECONDS = 1800
EDIT_SECONDS = 900
POLL_SECONDS = 0.05
SETTLE_SECONDS = 1.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str, limit: float) -> float:
    """Seconds until `url` contains `text`; stops the benchmark after `limit` seconds."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(POLL_SECONDS)
    raise SystemExit(f"{url} did not show {text!r} within {limit:.0f} s")


def edit(path: Path, field: str, marker: str, after: str = "") -> str:
    """Put `marker` at the start of the first `field` in the file (after the line `after`, if given)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n{after}\n") if after else 0
    edited, count = re.subn(rf"(?m)^(\s*-?\s*{field}: ['\"]?)", rf"\g<1>{marker} ", text[start:], count=1)
    if not count:
        raise SystemExit(f"no {field} in {path}")
    path.write_text(text[:start] + edited, encoding="utf-8")
    return marker


def first_actor(registry: Path) -> str:
    found = re.search(r"(?m)^- id: (\S+)", registry.read_text(encoding="utf-8"))
    if not found:
        raise SystemExit(f"no actor in {registry}")
    return found.group(1)


def site_path(project: Path) -> str:
    """`mkdocs serve` serves under the path of site_url."""
    found = re.search(r"(?m)^site_url:\s*\S+?://[^/\s]+(/\S*)?", (project / "mkdocs.yml").read_text(encoding="utf-8"))
    path = (found.group(1) if found and found.group(1) else "/").rstrip("/") + "/"
    return path


def stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def measure(project: Path, edits: int, dirty: bool) -> dict[str, list[float]]:
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"] + (["--dirty"] if dirty else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    times: dict[str, list[float]] = {
        "first build": [],
        "summary edit": [],
        "quote edit": [],
        "claim edit": [],
        "registry edit": [],
    }
    with (project / "serve.log").open("w", encoding="utf-8") as log:
        # Ctrl-C stops it, as when a person runs it, even if this benchmark runs in the background.
        restore = functools.partial(signal.signal, signal.SIGINT, signal.SIG_DFL)
        server = subprocess.Popen(
            command, cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env, preexec_fn=restore
        )
        try:
            articles = sorted((project / "content" / "articles").glob("*.yaml"))
            base = f"http://127.0.0.1:{port}{site_path(project)}"
            first = base + f"articles/{articles[0].stem}/"
            times["first build"].append(wait_for(first, "</html>", FIRST_BUILD_SECONDS))
            registry = project / "content" / "actors.yaml"
            actor = first_actor(registry)
            for number in range(edits):
                for kind, field, after in (
                    ("summary edit", "summary", ""),
                    ("quote edit", "text", "quotes:"),
                    ("claim edit", "text", "claims:"),
                ):
                    article = articles[(number * 37 + len(kind) * 11) % len(articles)]
                    marker = edit(article, field, f"Edited{kind[0]}{number}marker", after)
                    times[kind].append(wait_for(base + f"articles/{article.stem}/", marker, EDIT_SECONDS))
                    time.sleep(SETTLE_SECONDS)  # let the server finish before the next edit
                marker = edit(registry, "description", f"Editedr{number}marker")
                times["registry edit"].append(wait_for(base + f"actors/{actor}/", marker, EDIT_SECONDS))
                time.sleep(SETTLE_SECONDS)
        finally:
            stop(server)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3, help="edits of each kind")
    parser.add_argument("--dirty", action=argparse.BooleanOptionalAction, default=True, help="mkdocs serve --dirty")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tracker-serve-") as work:
        project = make_project(Path(work) / "project", arguments.articles)
        times = measure(project, arguments.edits, arguments.dirty)
    mode = "mkdocs serve --dirty" if arguments.dirty else "mkdocs serve"
    print(f"{mode}, {arguments.articles:,} summaries: seconds from saving the file to the change on the article page")
    for kind, values in times.items():
        shown = ", ".join(f"{value:.2f}" for value in values)
        print(f"- {kind}: median {statistics.median(values):.2f} s (runs: {shown})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
