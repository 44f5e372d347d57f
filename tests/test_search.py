"""Which files Pagefind reads: only pages shaped like an indexed one, with the same index as a whole-site read."""

from __future__ import annotations

import shutil
from pathlib import Path

from builder.search import BUNDLE_DIR, html_glob, run_pagefind


def test_the_glob_names_each_shape_of_an_indexed_page_once() -> None:
    indexed = ["articles/a/index.html", "actors/b/index.html", "articles/c/index.html", "about/index.html"]
    assert html_glob(indexed) == "{about/index.html,actors/*/index.html,articles/*/index.html}"


def test_the_parts_of_a_hubs_lists_are_not_read() -> None:
    # 'actors/*/index.html' matches no 'actors/b/events/2/index.html': its * stops at a slash.
    assert html_glob(["index.html", "topics/t/index.html"]) == "{index.html,topics/*/index.html}"


def test_with_no_indexed_page_every_page_is_read() -> None:
    assert html_glob([]) == "**/*.html"


def test_the_index_equals_one_read_from_every_page_of_the_site(fixture_site: Path, tmp_path: Path) -> None:
    whole = tmp_path / "site"
    shutil.copytree(fixture_site, whole)
    shutil.rmtree(whole / BUNDLE_DIR)
    run_pagefind(whole)

    def files(site: Path) -> dict[str, bytes]:
        bundle = site / BUNDLE_DIR
        return {p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()}

    built = files(fixture_site)
    assert any(name.startswith("fragment/") for name in built)
    assert built == files(whole)
