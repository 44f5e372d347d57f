"""The one place that turns ids and dates into page paths and links.

Ids are validated slugs, but this module refuses anything that is not one
anyway, so no content can make the builder write outside its output.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .dates import PartialDate, Precision

HOME = "index.md"
ARTICLES_INDEX = "articles/index.md"
ACTORS_INDEX = "actors/index.md"
TOPICS_INDEX = "topics/index.md"
TIMELINE_INDEX = "timeline/index.md"
OUTLETS_INDEX = "outlets/index.md"
CLAIMS_INDEX = "claims/index.md"
CHRONOLOGY_FOLDER = "chronology"
CHRONOLOGY_INDEX = "chronology/index.md"
"""Every event in date order, one page per year (see chronology.py)."""
CONTRADICTIONS = "claims/contradictions.md"
GRADING = "grading.md"
"""The hand-written legend of grades and statuses in docs/."""
SITE_FEED = "feeds/summaries.xml"
FEEDS_SITEMAP = "sitemap.xml"
"""Written beside the feeds of each folder (feeds/actors/sitemap.xml), where Material's theme looks for one."""
DATA_FOLDER = "data"
DATA_INDEX = "data/index.md"
"""The codebook, beside the downloads it documents."""

RESERVED_IDS = {
    "index": "the list page of each folder, such as actors/index.md",
    FEEDS_SITEMAP.removesuffix(".xml"): "the sitemap beside each folder's feeds, such as feeds/actors/sitemap.xml",
}
"""Every name the site gives a file of its own in a folder whose other files are named by ids, with what
that file is. An actor, topic or outlet with such an id would be overwritten by it, or overwrite it."""

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@functools.cache  # ids repeat in every link to their page: check each once
def _segment(entry_id: str) -> str:
    if not _SLUG.match(entry_id) or entry_id in RESERVED_IDS:
        raise ValueError(f"{entry_id!r} cannot be used as a page name")
    return entry_id


def article_path(article_id: str) -> str:
    return f"articles/{_segment(article_id)}.md"


def actor_path(actor_id: str) -> str:
    return f"actors/{_segment(actor_id)}.md"


def topic_path(topic_id: str) -> str:
    return f"topics/{_segment(topic_id)}.md"


def outlet_path(outlet_id: str) -> str:
    return f"outlets/{_segment(outlet_id)}.md"


def actor_feed_path(actor_id: str) -> str:
    return f"feeds/actors/{_segment(actor_id)}.xml"


def topic_feed_path(topic_id: str) -> str:
    return f"feeds/topics/{_segment(topic_id)}.xml"


def claim_status_path(status: str) -> str:
    return f"claims/{_segment(status)}.md"


@functools.cache
def date_path(date: PartialDate) -> str:
    """Day pages sit inside their month's folder, month pages inside their year's."""
    if date.precision is Precision.YEAR:
        return f"timeline/{date.year:04d}/index.md"
    if date.precision is Precision.MONTH:
        return f"timeline/{date.year:04d}/{date.month:02d}/index.md"
    return f"timeline/{date.year:04d}/{date.month:02d}/{date.day:02d}.md"


@functools.cache
def url_folder(path: str) -> str:
    """The folder of a page's address ('actors/x.md' → 'actors/x'), or of a file ('data/a.csv' → 'data')."""
    url = page_url(path)
    return url.rstrip("/") if path.endswith(".md") else url.rpartition("/")[0]


def _url_leaf(path: str) -> str:
    return "" if path.endswith(".md") else path.rpartition("/")[2]


def _folder_prefix(from_dir: str, to_dir: str) -> str:
    """The way from one folder of the site to another: up to their common folder, then down.

    Every page is a folder of its own, so pairs of folders hardly recur: posixpath.relpath,
    which makes both absolute first, took a quarter of rendering at 1,000 summaries.
    """
    start, end = _segments(from_dir), _segments(to_dir)
    common = 0
    for here, there in zip(start, end, strict=False):
        if here != there:
            break
        common += 1
    return "../" * (len(start) - common) + "".join(f"{segment}/" for segment in end[common:])


@functools.cache
def _segments(folder: str) -> tuple[str, ...]:
    return tuple(folder.split("/")) if folder else ()


def page_url(path: str) -> str:
    """Where MkDocs publishes a page or file, relative to the site root, with `use_directory_urls`.

    'actors/x.md' is served as 'actors/x/', 'actors/index.md' as 'actors/', 'index.md' as '';
    any other file keeps its path.
    """
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else f"{stem}/"


def relative_url(from_page: str, to_path: str, anchor: str = "") -> str:
    """A link from one built page to a page or file, as the reader's browser resolves it.

    The builder writes each page's HTML itself, so its links are the final addresses of the
    built site (MkDocs' `use_directory_urls`), never links between Markdown files.
    """
    if to_path == from_page and anchor:
        return f"#{anchor}"
    target = _folder_prefix(url_folder(from_page), url_folder(to_path)) + _url_leaf(to_path)
    target = target or "./"
    return f"{target}#{anchor}" if anchor else target


def absolute_url(site_url: str, path: str, anchor: str = "") -> str:
    """The public address of a page or file, for feeds, citations and structured data."""
    url = site_url.rstrip("/") + "/" + page_url(path)
    return f"{url}#{anchor}" if anchor else url


def output_file(out_dir: Path, page_path: str) -> Path:
    """Where a page is written under `out_dir`; refuses any path that would leave it."""
    root = out_dir.resolve()
    target = (root / page_path).resolve()
    if page_path.startswith("/") or ".." in page_path.split("/") or not target.is_relative_to(root):
        raise ValueError(f"refusing to write {page_path!r} outside {out_dir}")
    return target
