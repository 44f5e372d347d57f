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

import gzip
import hashlib
import html
import json
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from markupsafe import Markup

BUNDLE_DIR = "pagefind"
"""Where Pagefind writes its index and UI inside the site."""

BODY = "data-pagefind-body"

IGNORED_SELECTORS = ".headerlink"
"""Heading permalinks are a "¶" each: noise in every excerpt."""


FACETS = ("page type", "person", "organisation", "topic", "outlet", "source kind", "claim status", "year")
"""The filters the search page offers, as Pagefind names them; builder/pages/search.md lists them for readers.

Actors are two facets, people and the rest, and not one: the search page loads a facet's file
only when a reader opens it, and at 10,000 summaries one file for every actor (158 KB) would
take the first filtered search over its 0.5 MB budget; each half is about 80 KB.
"""
SORT_KEY = "date"
"""The sort the search page offers (newest or oldest first); pages without a date drop out of a sorted search."""
ALIAS_ATTRIBUTE = "data-aliases"


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
    settle_filters(site_dir / BUNDLE_DIR)


SIGNATURE = b"pagefind_dcd"
"""What starts every compressed file of Pagefind's once inflated."""


def settle_filters(bundle: Path) -> None:
    """Write Pagefind's filter files in a fixed order, so that two builds of one site are byte-identical.

    Pagefind 1.5 collects filter values in hash maps and writes them in whatever order those
    give, which changes from run to run (its own source says so). Each filter file is written
    again with its values sorted by name, under a name
    derived from its bytes, and the metadata that names them is written again to match.
    """
    entry_file = bundle / "pagefind-entry.json"
    if not entry_file.is_file():
        return
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for language, details in sorted(entry["languages"].items()):
        meta_file = bundle / f"pagefind.{details['hash']}.pf_meta"
        meta = _read_cbor(meta_file)
        settled = []
        for name, old_hash in sorted(meta[3]):
            chunk = bundle / "filter" / f"{old_hash}.pf_filter"
            key, values = _read_cbor(chunk)
            ordered = sorted(([value, sorted(pages)] for value, pages in values), key=lambda v: (v[0].casefold(), v[0]))
            new_hash = _write_cbor(bundle / "filter", "{}.pf_filter", language, 7, [key, ordered])
            if new_hash != old_hash:
                chunk.unlink()
            settled.append([name, new_hash])
        meta[3] = settled
        details["hash"] = _write_cbor(bundle, "pagefind.{}.pf_meta", language, 10, meta)
        if details["hash"] != meta_file.name.split(".")[1]:
            meta_file.unlink()
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _read_cbor(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise SearchIndexError(f"{path.name} is not a file Pagefind wrote")
    value, _ = _decode(data, len(SIGNATURE))
    return value


def _write_cbor(folder: Path, pattern: str, language: str, digits: int, value: Any) -> str:
    """Write a value as Pagefind does (signature, CBOR, gzip); its name is its language and a digest of it."""
    data = SIGNATURE + _encode(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / pattern.format(name)).write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return name


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    """The one CBOR item at `at` and where the next starts: Pagefind writes integers, text and arrays."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        length = info
    elif info <= 27:
        size = 1 << (info - 24)
        length, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise SearchIndexError(f"unexpected CBOR item {data[at - 1]:#x} in Pagefind's index")
    if major == 0:
        return length, at
    if major == 3:
        return data[at : at + length].decode("utf-8"), at + length
    if major == 4:
        items = []
        for _ in range(length):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise SearchIndexError(f"unexpected CBOR major type {major} in Pagefind's index")


def _encode(value: Any) -> bytes:
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    return _head(4, len(value)) + b"".join(_encode(item) for item in value)


def _head(major: int, length: int) -> bytes:
    """A CBOR item's head in its shortest form, as Pagefind's encoder writes it."""
    if length < 24:
        return bytes([major << 5 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | info]) + length.to_bytes(size, "big")
    raise SearchIndexError(f"{length} is too large for Pagefind's index")


def facet_marks(facets: Mapping[str, Sequence[str]], date: str = "") -> Markup:
    """Empty elements that give Pagefind a page's filter values and sort date: nothing to see, nothing to read.

    Pagefind reads `data-pagefind-filter` wherever it sits, even inside an element whose text it
    ignores, so the values never enter the page's text or excerpts. It decodes the attribute, and
    the search page shows each value as text: a value is escaped once, for the attribute.
    """
    marks = [
        f'<span data-pagefind-filter="{key}:{_attribute(value)}"></span>'
        for key in FACETS
        for value in facets.get(key, ())
    ]
    if date:
        marks.append(f'<span data-pagefind-sort="{SORT_KEY}:{_attribute(date)}"></span>')
    # Ignored, not excluded: Pagefind reads no filter inside an element it excludes ("all").
    return Markup(f'<div class="search-facets" data-pagefind-ignore>{"".join(marks)}</div>')


def alias_mark(aliases: Iterable[str]) -> Markup:
    """Other spellings of a name for the index only: an attribute Pagefind indexes, which no one sees or hears.

    Placed inside a quote's or claim's block, it makes the block (its sub-result) match an alias too.
    """
    words = "; ".join(aliases)
    if not words:
        return Markup("")
    indexed = f'data-pagefind-index-attrs="{ALIAS_ATTRIBUTE}"'
    return Markup(f'<span {indexed} {ALIAS_ATTRIBUTE}="{_attribute(words)}"></span>')


def _attribute(value: str) -> str:
    return html.escape(" ".join(value.split()), quote=True)
