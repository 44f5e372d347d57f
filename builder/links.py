"""Checks every link the builder writes, since MkDocs no longer reads its pages' HTML.

The builder writes each generated page's body as finished HTML, so MkDocs' own link and anchor
validation (which runs inside its Markdown conversion) never sees it. Each rendered page
reports the ids it defines and the addresses it links to (`render.render_view`); this module
checks every link against what was rendered, and keeps the links that leave the generated
pages (the hand-written pages of docs/) for the plugin to check against MkDocs' own pages.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .paths import page_url, url_folder

_HREF = re.compile(r'href="([^"]*)"')
_ID = re.compile(r'\sid="([^"]+)"')


def anchors_in(body: str) -> frozenset[str]:
    """Every id a page's HTML defines: what a link to it may point at."""
    return frozenset(_ID.findall(body))


def links_in(body: str, page_path: str) -> frozenset[tuple[str, str]]:
    """Every link inside the site that a page's HTML holds, as (address from the site root, anchor)."""
    folder = url_folder(page_path)
    return frozenset(_resolve(folder, href) for href in set(_HREF.findall(body)) if _is_internal(href))


def _is_internal(href: str) -> bool:
    return ":" not in href.partition("#")[0] and not href.startswith("//")


def _resolve(folder: str, href: str) -> tuple[str, str]:
    """('actors/x/', 'claim-y') for '../../actors/x/#claim-y' seen from 'articles/a'.

    By hand rather than with posixpath.normpath: the builder's links hold only '..', names and
    slashes. Not cached: nearly every (folder, link) pair is new, and a cache of them held
    hundreds of megabytes at 10,000 summaries.
    """
    target, _, anchor = href.partition("#")
    # A query (the chronology's filters) picks what a page shows, not which page it is.
    target = target.partition("?")[0]
    segments = folder.split("/") if folder else []
    for step in target.split("/"):
        if step == "..":
            if segments:
                segments.pop()
        elif step and step != ".":
            segments.append(step)
    url = "/".join(segments)
    return (url + "/" if url and (not target or target.endswith("/")) else url, anchor)


class BrokenLinks(Exception):
    """The builder wrote a link that leads nowhere: a bug in the builder, never in the content."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("The builder wrote links that lead nowhere:\n" + "\n".join(problems))


@dataclass
class LinkCheck:
    """What the pages of one build define and link to; the broken links, once every page is seen."""

    anchors: dict[str, frozenset[str]] = field(default_factory=dict)
    """Each generated page's or file's address, with the ids it defines."""
    links: dict[str, frozenset[tuple[str, str]]] = field(default_factory=dict)
    """Each generated page's path, with the links it holds."""
    passed: bool = False
    """Whether `checked` found no broken link."""
    _distinct: frozenset[tuple[str, str]] | None = field(default=None, init=False, repr=False, compare=False)
    _outside: list[tuple[str, str, str]] | None = field(default=None, init=False, repr=False, compare=False)

    def watch(self, pages: Iterable) -> Iterator:
        """Note each page's ids and links as it passes on its way to be written."""
        for page in pages:
            self.anchors[page_url(page.path)] = getattr(page, "anchors", frozenset())
            self.links[page.path] = getattr(page, "links", frozenset())
            yield page

    def checked(self, pages: Iterable, last: LinkCheck | None = None) -> Iterator:
        """As `watch`, then raise BrokenLinks after the last page if any link leads nowhere.

        `last` is the check of the build before, under `mkdocs serve`: when every page defines and
        links to what it did then, and that check passed, this one passes without looking at
        every link again. Most edits change neither (text, a status, a description): at 10,000
        summaries the check then takes 0.04 s of a rebuild instead of 0.65 s.
        """
        yield from self.watch(pages)
        if last is not None and last.passed and self._links_as_in(last):
            self._distinct, self._outside = last._distinct, last._outside
        elif problems := self.broken():
            raise BrokenLinks(problems)
        self.passed = True

    def _links_as_in(self, last: LinkCheck) -> bool:
        """Whether every page defines and links to what it did in `last`; unchanged pages are the same sets."""
        return _same_sets(self.anchors, last.anchors) and _same_sets(self.links, last.links)

    def broken(self) -> list[str]:
        """Links to a generated page that does not exist, or to an id it does not define."""
        problems = []
        folders = self._generated_folders()
        for url, anchor in self.distinct():
            defined = self.anchors.get(url)
            if defined is None and url.split("/", 1)[0] in folders:
                problems.append((url, anchor, f"link to {url}, which is not generated"))
            elif defined is not None and anchor and anchor not in defined:
                problems.append((url, anchor, f"link to {url or './'}#{anchor}, which that page does not define"))
        # Only the problems are sorted, not every link: under `mkdocs serve` sorting them all
        # took most of the check, every rebuild.
        return [f"{self.first_holding((url, anchor))}: {problem}" for url, anchor, problem in sorted(problems)]

    def outside(self) -> list[tuple[str, str, str]]:
        """Links from generated pages to pages the builder does not make: (address, anchor, from page)."""
        if self._outside is None:
            folders = self._generated_folders()
            self._outside = sorted(
                (url, anchor, self.first_holding((url, anchor)))
                for url, anchor in self.distinct()
                if url not in self.anchors and url.split("/", 1)[0] not in folders
            )
        return self._outside

    def distinct(self) -> frozenset[tuple[str, str]]:
        """Every link of every page, once.

        A union of the pages' sets rather than a note of each link as its page passes: at 10,000
        summaries the pages hold 1.26 million links, 234,000 of them distinct, and the whole check
        took 0.92 s of every build and `mkdocs serve` rebuild that way, 0.57 s this way (at 1,000
        summaries, 0.086 and 0.062 s).
        """
        if self._distinct is None:
            self._distinct = frozenset().union(*self.links.values())
        return self._distinct

    def first_holding(self, link: tuple[str, str]) -> str:
        """The first page, in the order they were seen, that holds the link: only asked for the few reported."""
        return next(path for path, links in self.links.items() if link in links)

    def _generated_folders(self) -> set[str]:
        """The top folders the builder fills: an address in one of them can only be the builder's."""
        return {url.split("/", 1)[0] for url in self.anchors if "/" in url}


def _same_sets(now: dict[str, frozenset], before: dict[str, frozenset]) -> bool:
    if list(now) != list(before):
        return False
    differing = itertools.compress(
        zip(now.values(), before.values(), strict=True), map(operator.is_not, now.values(), before.values())
    )
    return all(a == b for a, b in differing)
