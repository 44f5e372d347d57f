"""Writing the generated pages and files to a folder, for MkDocs or any other renderer to read."""

from __future__ import annotations

import shutil
import tempfile
import weakref
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .paths import output_file
from .render import Generated, GeneratedFile, GeneratedPage


@dataclass(frozen=True)
class Written:
    """What MkDocs needs to know of a page or file once its text is on disk."""

    path: str
    source: str
    """The content file to edit to change it; empty for a data file or a page of no one file."""
    is_page: bool


def write_site(pages: Iterable[Generated], out_dir: Path) -> int:
    """Write into a fresh folder beside `out_dir`, then swap it in, so no reader sees half a site.

    Each page is written as it comes; returns how many were written.
    """
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    written = set()
    try:
        for page in pages:
            write_one(page, staging)
            written.add(page.path)
    except BaseException:
        shutil.rmtree(staging)
        raise
    if out_dir.exists():
        shutil.rmtree(out_dir)
    staging.rename(out_dir)
    return len(written)


def write_one(page: Generated, folder: Path) -> Written:
    target = output_file(folder, page.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(page, GeneratedFile):
        target.write_bytes(page.data)
        return Written(page.path, "", is_page=False)
    target.write_bytes(page.markdown.encode("utf-8"))
    return Written(page.path, page.source, is_page=True)


class PageFolder:
    """A folder of generated pages that `mkdocs serve` reads like its own docs folder.

    Between rebuilds only the pages that changed are rewritten, so that a dirty build, which
    goes by the files' modification times, converts only those. A build uses PageMemory.
    """

    def __init__(self) -> None:
        # Outside every folder `mkdocs serve` watches, and removed even if MkDocs never says it is done.
        self.root = Path(tempfile.mkdtemp(prefix="tracker-pages-"))
        self.remove = weakref.finalize(self, shutil.rmtree, self.root, ignore_errors=True)
        self.listing: dict[str, Written] = {}
        self._kept: dict[str, Generated] = {}

    def update(self, pages: Iterable[Generated]) -> list[str]:
        """Write what changed since the last update and delete what is gone; returns the paths gone.

        Each page is written as it comes; the pages stay in memory to compare against the next
        update's, and to hand each body to the theme (`body`).
        """
        listing: dict[str, Written] = {}
        kept: dict[str, Generated] = {}
        for page in pages:
            before = self._kept.get(page.path)
            unchanged = before is page or before == page
            listing[page.path] = self.listing[page.path] if unchanged else write_one(page, self.root)
            kept[page.path] = page
        gone = [path for path in self.listing if path not in listing]
        for path in gone:
            output_file(self.root, path).unlink(missing_ok=True)
        self.listing = listing
        self._kept = kept
        return gone

    def file_path(self, path: str) -> str:
        return f"{self.root}/{path}"

    def source_of(self, path: str) -> dict[str, str]:
        """How MkDocs reads the page or file at `path`: as File.generated's keyword arguments."""
        return {"abs_src_path": self.file_path(path)}

    def body(self, path: str) -> str:
        """A page's HTML, which MkDocs reads with its front matter from the file but never converts."""
        page = self._kept[path]
        assert isinstance(page, GeneratedPage)
        return page.body


class PageMemory:
    """The generated pages of one `mkdocs build`, held in memory, each body compressed.

    MkDocs converts every page before it writes any, holding each page's text all the while. It
    is given only each page's front matter; the plugin hands a body to the theme just before its
    page is written (`body`). Measured with bench/run.py at 10,000 summaries, one run each: 1.63
    times the naive generator with the pages in memory, 1.79 times with them on disk; compressed,
    the bodies take about a quarter of the 500 MB they would as text. `mkdocs serve` keeps a
    PageFolder, whose unchanged files let a dirty rebuild convert only what an edit changed.
    """

    def __init__(self) -> None:
        self.listing: dict[str, Written] = {}
        self._content: dict[str, bytes] = {}
        self._bodies: dict[str, bytes] = {}

    def update(self, pages: Iterable[Generated]) -> list[str]:
        for page in pages:
            if isinstance(page, GeneratedFile):
                self._content[page.path] = page.data
                self.listing[page.path] = Written(page.path, "", is_page=False)
            else:
                self._content[page.path] = replace(page, body="").markdown.encode("utf-8")
                self._bodies[page.path] = zlib.compress(page.body.encode("utf-8"), _FASTEST)
                self.listing[page.path] = Written(page.path, page.source, is_page=True)
        return []

    def source_of(self, path: str) -> dict[str, str | bytes]:
        return {"content": self._content[path]}

    def body(self, path: str) -> str:
        return zlib.decompress(self._bodies[path]).decode("utf-8")

    def remove(self) -> None:
        self._content.clear()
        self._bodies.clear()


_FASTEST = 1
"""zlib's fastest level: it still shrinks generated HTML about fourfold."""
