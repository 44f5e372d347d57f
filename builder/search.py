"""Search that scales: a Pagefind index built from the finished site, fetched in small pieces.

Material's own search sends the whole index to every reader before the first result: 3 MB
compressed at 1,000 summaries, growing with every one. Pagefind splits its index into chunks by
word and its excerpts into one fragment per page, so a reader fetches a fixed runtime plus the
chunks and fragments one query needs. It runs offline, from a binary shipped in its Python wheel.

What goes into the index is decided per page by its `search` front matter, which the builder
writes (see `View.search_scope` in render.py):
- nothing given: the whole page (article pages, the hand-written docs pages);
- `head_only: true`: the part before the first section heading, i.e. name, description and
  aliases (actor, topic and outlet pages, whose long lists repeat what article pages hold);
- `exclude: true`: nothing (listings: the home page, index, date, claim and data pages).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

BUNDLE_DIR = "pagefind"
"""Where Pagefind writes its index and UI inside the site."""

BODY = "data-pagefind-body"

IGNORED_SELECTORS = ".headerlink"
"""Heading permalinks are a "¶" each: noise in every excerpt."""


class SearchIndexError(Exception):
    """Pagefind failed or is not installed."""


def search_scope(meta: dict[str, Any]) -> str:
    """ "page", "head" or "none", from a page's front matter."""
    search = meta.get("search") or {}
    if search.get("exclude"):
        return "none"
    return "head" if search.get("head_only") else "page"


def mark_for_search(html: str, scope: str) -> str:
    """Wrap the part of a page's HTML that the index should hold; Pagefind leaves out unmarked pages."""
    if scope == "none":
        return html
    if scope == "head":
        head, heading, rest = html.partition("<h2")
        return f"<div {BODY}>{head}</div>{heading}{rest}"
    return f"<div {BODY}>{html}</div>"


class SiteSearch:
    """Indexes a built site; when asked to reuse, only the first time, then puts that index back."""

    def __init__(self) -> None:
        # Kept in memory, so nothing is left to clean up; the index is small next to the site.
        self._kept: dict[str, bytes] | None = None

    def index(self, site_dir: Path, indexed: Iterable[str], *, reuse: bool = False) -> None:
        """Index the pages at `indexed` (paths in the site) and whatever sits beside them."""
        bundle = site_dir / BUNDLE_DIR
        if reuse and self._kept is not None:
            # A clean rebuild empties the site folder: the first index goes back in. A dirty one
            # leaves it in place, and writing thousands of files again would slow every reload.
            missing = {name: data for name, data in self._kept.items() if not (bundle / name).is_file()}
            _write_files(bundle, missing)
            return
        run_pagefind(site_dir, html_glob(indexed))
        if reuse:
            self._kept = _read_files(bundle)


def _read_files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def html_glob(indexed: Iterable[str]) -> str:
    """The indexed pages as a glob for Pagefind: it reads and parses every file its glob matches.

    Each page's name becomes a wildcard ('actors/*/index.html'), so the listing pages, which the
    index leaves out and which make up half the site, are never read: neither those in folders
    of their own (timeline/, claims/) nor the parts of long lists inside an actor's or topic's
    folder ('actors/russia/events/2/index.html').
    """
    patterns = sorted({_wildcard(path) for path in indexed})
    return "{" + ",".join(patterns) + "}" if patterns else "**/*.html"


def _wildcard(path: str) -> str:
    """'actors/russia/index.html' → 'actors/*/index.html'; a page at the top stays as it is."""
    folder, _, rest = path.partition("/")
    if not rest or "/" not in rest:
        return path
    return f"{folder}/*/{rest.split('/', 1)[1]}"


def run_pagefind(site_dir: Path, glob: str = "**/*.html") -> None:
    """Write the Pagefind index and its search UI into `site_dir`/pagefind, from the pages `glob` matches."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE_DIR]
    command += ["--glob", glob]
    command += ["--exclude-selectors", IGNORED_SELECTORS, "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SearchIndexError(f"cannot run Pagefind: {error}") from None
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise SearchIndexError(f"Pagefind could not index the site (exit {result.returncode}): {output}")
