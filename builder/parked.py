"""Keeps MkDocs' converted pages small between converting and writing them.

MkDocs converts every page before it writes any (a page's template may show other pages'
titles), so at its peak it holds every page's Markdown and HTML at once: at 10,000 summaries,
more than two gigabytes. Neither is needed until the page is written, and the Markdown not at
all once converted. The plugin parks each page's HTML compressed as soon as it is converted,
drops its Markdown, and puts the HTML back just before the page is written.
"""

from __future__ import annotations

import zlib
from typing import Any

_LEVEL = 1
"""zlib's fastest level: it still shrinks generated HTML about fourfold."""


class ParkedPages:
    """Each converted page's HTML, compressed, by the page's source path."""

    def __init__(self) -> None:
        self._html: dict[str, bytes] = {}

    def park(self, page: Any, html: str) -> str:
        """Keep `html` compressed; returns what the page holds until it is written.

        The Markdown becomes empty rather than None: MkDocs reads None as "not read yet" and
        would then give the page no title.
        """
        self._html[page.file.src_uri] = zlib.compress(html.encode("utf-8"), _LEVEL)
        page.markdown = ""
        return ""

    def restore(self, page: Any) -> None:
        """Put the HTML back, for the page's template; a page that was not parked is left as it is."""
        data = self._html.pop(page.file.src_uri, None)
        if data is not None:
            page.content = zlib.decompress(data).decode("utf-8")

    @staticmethod
    def release(page: Any) -> None:
        """Once written, a page's HTML is needed no more: other pages show only its title."""
        page.content = ""

    def clear(self) -> None:
        self._html.clear()
