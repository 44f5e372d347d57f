"""What a reader downloads before the first filtered search result, and the largest chronology page.

    .venv/bin/python bench/search.py SITE_DIR

Counted as bench/run.py counts the first search (`first_search_download`): the search page's
script and Pagefind's runtime as a server sends them (gzip-compressed), its entry and metadata, the
largest index chunk and the largest excerpt fragment. A filtered search also fetches the file of the
filter it uses: the search page loads a filter's file only when a reader opens that filter, so the
largest one is counted (opening more filters fetches more). Pagefind's own index files are
compressed already, so their bytes on disk are the bytes sent.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

RUNTIME = ("pagefind.js", "pagefind-worker.js")
"""Pagefind's runtime, in its bundle; the search page's own script is javascripts/search.js."""
SEARCH_SCRIPT = "javascripts/search.js"
PAGE_LIMIT = 300 * 1024
"""The scale issue's limit on any one page."""
FILTERED_SEARCH_LIMIT = 512 * 1024
"""The first filtered search may download at most 0.5 MB."""


def gzipped_size(path: Path) -> int:
    """A file's size as a server sends it, gzip-compressed."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def runtime_bytes(site: Path) -> int:
    """Pagefind's runtime and the search page's script, gzip-compressed as a server sends them."""
    files = [site / "pagefind" / name for name in RUNTIME] + [site / SEARCH_SCRIPT]
    return sum(gzipped_size(path) for path in files if path.is_file())


def _largest(folder: Path) -> int:
    return max((path.stat().st_size for path in folder.glob("*") if path.is_file()), default=0)


def _first_search_parts(site: Path) -> dict[str, int]:
    bundle = site / "pagefind"
    return {
        "runtime and page script (gzip)": runtime_bytes(site),
        "entry and metadata": sum(
            p.stat().st_size for p in [*bundle.glob("pagefind-entry.json"), *bundle.glob("*.pf_meta")]
        ),
        "wasm": max((p.stat().st_size for p in bundle.glob("wasm.*.pagefind")), default=0),
        "largest index chunk": _largest(bundle / "index"),
        "largest fragment": _largest(bundle / "fragment"),
    }


def first_search(site: Path) -> int:
    """Bytes of the first search without filters, worst case: the parts of `first_filtered_search` but a filter file."""
    return sum(_first_search_parts(site).values())


def first_filtered_search(site: Path) -> dict[str, int]:
    """Bytes of each part of the first filtered search, and their total."""
    bundle = site / "pagefind"
    if not bundle.is_dir():
        raise SystemExit(f"{bundle} is missing: build the site first")
    parts = {**_first_search_parts(site), "largest filter file": _largest(bundle / "filter")}
    parts["total"] = sum(parts.values())
    return parts


def largest_chronology_page(site: Path) -> tuple[str, int]:
    """The chronology's largest page, as its path in the site and its size in bytes."""
    pages = sorted((site / "chronology").rglob("index.html"))
    if not pages:
        return ("", 0)
    largest = max(pages, key=lambda page: (page.stat().st_size, page.as_posix()))
    return (largest.relative_to(site).as_posix(), largest.stat().st_size)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site folder (mkdocs build's output)")
    args = parser.parse_args(argv)
    parts = first_filtered_search(args.site)
    width = max(len(name) for name in parts)
    print("First filtered search downloads:")
    for name, size in parts.items():
        print(f"  {name:<{width}}  {size / 1024:9.1f} KB")
    within = parts["total"] <= FILTERED_SEARCH_LIMIT
    print(f"  {'target':<{width}}  {FILTERED_SEARCH_LIMIT / 1024:9.1f} KB  {'met' if within else 'MISSED'}")
    page, size = largest_chronology_page(args.site)
    fits = size <= PAGE_LIMIT
    verdict = "met" if fits else "MISSED"
    print(f"Largest chronology page: {page or 'none'} {size / 1024:.1f} KB (limit {PAGE_LIMIT // 1024} KB: {verdict})")
    return 0 if within and fits else 1


if __name__ == "__main__":
    sys.exit(main())
