"""Static research site generator: annotated news summaries in, cross-linked Markdown pages out.

The pipeline is four plain functions, each its own module, data flowing one way:
`load_content` → `validate_content` → `build_index` → `render_each`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from pathlib import Path

from .collector import collector_paused
from .errors import ContentError, Problem
from .incremental import Caches
from .index import Index, build_index
from .load import load_content
from .model import Content
from .render import Generated, GeneratedFile, GeneratedPage, render_each
from .site import Site
from .validate import validate_content

__all__ = [
    "Caches",
    "ContentError",
    "Generated",
    "GeneratedFile",
    "GeneratedPage",
    "Problem",
    "Site",
    "check_content",
    "each_page",
    "generate_pages",
]


def check_content(content_dir: Path, today: datetime.date | None = None, caches: Caches | None = None) -> Content:
    """Load and validate; raises ContentError with every problem found.

    With `caches` from an earlier call, unchanged files are neither parsed nor checked again.
    """
    with collector_paused():
        if caches is None:
            return validate_content(load_content(content_dir), today)
        return validate_content(load_content(content_dir, caches.documents), today, caches.files)


def generate_pages(content: Content, site: Site, caches: Caches | None = None) -> dict[str, Generated]:
    """Index validated content and render every page and data file, keyed by path.

    With `caches` from an earlier call, only pages whose inputs changed are rendered again.
    """
    return {page.path: page for page in each_page(content, site, caches)}


def each_page(content: Content, site: Site, caches: Caches | None = None) -> Iterable[Generated]:
    """As `generate_pages`, one at a time: without caches, each page is rendered only when asked for."""
    if caches is not None:
        with collector_paused():
            return caches.generate(content, site).values()
    return _render_as_asked(content, site)


def _render_as_asked(content: Content, site: Site) -> Iterator[Generated]:
    # The collector stays paused while the caller handles each page, until the last is rendered.
    with collector_paused():
        index: Index = build_index(content)
        yield from render_each(index, site)
