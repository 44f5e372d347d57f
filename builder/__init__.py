"""Static research site generator: annotated news summaries in, cross-linked Markdown pages out.

The pipeline is four plain functions, each its own module, data flowing one way:
`load_content` → `validate_content` → `build_index` → `render_pages`.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from .errors import ContentError, Problem
from .incremental import Caches
from .index import Index, build_index
from .load import load_content
from .model import Content
from .render import Generated, GeneratedFile, GeneratedPage, render_pages
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
    "generate_pages",
]


def check_content(content_dir: Path, today: datetime.date | None = None, caches: Caches | None = None) -> Content:
    """Load and validate; raises ContentError with every problem found.

    With `caches` from an earlier call, unchanged files are neither parsed nor checked again.
    """
    if caches is None:
        return validate_content(load_content(content_dir), today)
    return validate_content(load_content(content_dir, caches.documents), today, caches.files)


def generate_pages(content: Content, site: Site, caches: Caches | None = None) -> dict[str, Generated]:
    """Index validated content and render every page and data file, keyed by path.

    With `caches` from an earlier call, only pages whose inputs changed are rendered again.
    """
    if caches is not None:
        return caches.generate(content, site)
    index: Index = build_index(content)
    return render_pages(index, site)
