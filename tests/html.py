"""Reading a built site the way a reader's browser would."""

from __future__ import annotations

import gzip
import json
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from builder.site import read_site
from tests.conftest import REPO

SITE_PATH = urlsplit(read_site(REPO / "mkdocs.yml").url).path
"""Where the site is published under its host: the 404 page links from there."""


def page(site: Path, url_path: str) -> BeautifulSoup:
    """Parse the page a reader gets at `url_path` (e.g. 'actors/ada-alpha/')."""
    return BeautifulSoup(file_for(site, url_path).read_text(encoding="utf-8"), "html.parser")


def file_for(site: Path, url_path: str) -> Path:
    target = site / unquote(url_path)
    return target / "index.html" if url_path.endswith("/") or url_path == "" or target.is_dir() else target


def text_of(soup: BeautifulSoup) -> str:
    """The visible article text, whitespace folded."""
    article = soup.select_one("article") or soup
    return " ".join(article.get_text(" ").split())


def internal_links(site: Path) -> list[tuple[str, str]]:
    """Every (page, href) pair in the site that points inside it."""
    found = []
    for html_file in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        page_path = html_file.relative_to(site).as_posix()
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                href = element.get(attribute)
                if href and not urlsplit(href).scheme and not href.startswith("//"):
                    found.append((page_path, href))
    return found


def resolve(site: Path, page_path: str, href: str) -> tuple[Path, str]:
    """The file a relative link from `page_path` lands on, and its fragment."""
    parts = urlsplit(href)
    if not parts.path:
        return site / page_path, parts.fragment
    # Only the 404 page links from the server root, as it may be served at any depth.
    base = "" if parts.path.startswith("/") else posixpath.dirname(page_path)
    path = unquote(parts.path)
    path = "/" + path.removeprefix(SITE_PATH) if path.startswith(SITE_PATH) else path
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    target = site / joined
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def search_index(site: Path) -> dict[str, str]:
    """What the site's search can find: each indexed page's URL and the text Pagefind holds for it."""
    indexed = {}
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        # A fragment is a short signature, then the page's record as JSON.
        record = json.loads(data[data.index(b"{") :])
        indexed[record["url"]] = record["content"]
    return indexed
