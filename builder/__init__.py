"""Static research site generator: annotated news summaries in, cross-linked Markdown pages out.

The pipeline is four plain functions, each its own module, data flowing one way:
`load_content` → `validate_content` → `build_index` → `render_pages`.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from .errors import ContentError, Problem
from .index import Index, build_index
from .load import load_content
from .model import Content
from .render import Generated, GeneratedFile, GeneratedPage, render_pages
from .site import Site
from .validate import validate_content

__all__ = [
    "ContentError",
    "Generated",
    "GeneratedFile",
    "GeneratedPage",
    "Problem",
    "Site",
    "check_content",
    "generate_pages",
]


def check_content(content_dir: Path, today: datetime.date | None = None) -> Content:
    """Load and validate; raises ContentError with every problem found."""
    return validate_content(load_content(content_dir), today)


def generate_pages(content: Content, site: Site) -> dict[str, Generated]:
    """Index validated content and render every page and data file, keyed by path."""
    index: Index = build_index(content)
    return render_pages(index, site)
