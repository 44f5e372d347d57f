"""The one boundary where contributor text enters generated pages (HTML inside Markdown files) and BibTeX.

Contributor text is data, never markup. Every character that Markdown, HTML
or a Markdown extension could act on becomes a numeric character reference,
which renderers show literally and never interpret, whether a page's HTML is
taken as it is (the plugin) or read by a CommonMark renderer (`generate --out`). In BibTeX, every character
that BibTeX or LaTeX could act on becomes a LaTeX command that prints it.
"""

from __future__ import annotations

import functools
import html
import re

from markupsafe import Markup

_SPECIAL = "\\`*_[]{}<>&|~^=!#+:$@"
_REFERENCES = str.maketrans({char: f"&#{ord(char)};" for char in _SPECIAL})
_ORDERED_LIST_START = re.compile(r"^(\d+)\.")
_BLANK_LINES = re.compile(r"\n\s*\n")

_BIBTEX = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        # BibTeX counts every brace, escaped or not, to find where a field ends: `\{` alone would
        # leave the field open. These commands print a brace and contain only balanced ones.
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "$": r"\$",
        "&": r"\&",
        "%": r"\%",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
        # LaTeX's default font encoding prints these three as ¡, ¿ and an em dash.
        "<": r"\textless{}",
        ">": r"\textgreater{}",
        "|": r"\textbar{}",
    }
)
# Characters an address never needs raw, but that would end or break a BibTeX field.
_BIBTEX_URL = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"})
_BARE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


@functools.cache
def inline(text: str) -> Markup:
    """Escape text for one line of Markdown; all whitespace, newlines included, folds to single spaces.

    Names, headlines and the texts of claims and events recur on many pages, so results are
    cached (Markup is immutable). A site has hundreds of thousands of distinct texts, and a
    bounded cache that holds fewer misses nearly every time. A build empties it once its pages
    are rendered (`render.render_each`, `incremental.RenderMemo`).
    """
    escaped = " ".join(text.split()).translate(_REFERENCES)
    # Only at the start of a block can '-' or '1.' open a list.
    if escaped[:1].isdigit():
        escaped = _ORDERED_LIST_START.sub(r"\1&#46;", escaped)
    if escaped.startswith("-"):
        escaped = "&#45;" + escaped[1:]
    return Markup(escaped)


def paragraphs(text: str) -> Markup:
    """Escape multi-paragraph text into HTML paragraphs: blank lines separate them, other line breaks fold."""
    blocks = [f"<p>{inline(block)}</p>" for block in _BLANK_LINES.split(text.strip()) if block.strip()]
    return Markup("\n".join(blocks))


def html_text(text: str) -> str:
    """Escape text for HTML, where the theme inserts a value without escaping it (page titles)."""
    return html.escape(" ".join(text.split()), quote=True)


def bibtex_text(text: str) -> str:
    """Text for the value of a BibTeX field, on one line: it prints as written and cannot end the field."""
    return " ".join(text.split()).translate(_BIBTEX)


def bibtex_url(url: str) -> str:
    """An address for a BibTeX `url` field, which biblatex and the url package read verbatim.

    Percent-escapes already in the address stay as they are: encoding them again would lead elsewhere.
    """
    return _BARE_PERCENT.sub("%25", url).translate(_BIBTEX_URL)
