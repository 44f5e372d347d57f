"""The theme's chrome around each page (navigation, tabs, header, footer), rendered once for the pages that sit alike.

Material renders the whole navigation (the sidebar and the tabs), the header's buttons and
forms, the footer, its settings and its scripts into every page. For a page outside the nav,
which is every generated page but the few index pages mkdocs.yml lists, that HTML depends on
nothing but where the page sits: no nav entry is active, and each link is relative to the
page's folder. All 10,000 article pages of a large site sit in one folder (`articles/<id>/`), a
long list's parts in others, the day pages in others still. So the first of the pages that sit
alike renders them, and the others reuse that HTML (`_folder_key` says what "alike" takes).

The theme's own templates still do the rendering, called from the package's:
- `shared_chrome(name)` renders a template: `partials/header-brand.html` and
  `partials/header-tools.html`, the header's start and end around the page's title, and
  `theme-original/partials/nav.html` and `…/tabs.html`, the templates that the package's
  `partials/nav.html` and `tabs.html` hide (Material's, or whatever comes after the package in
  the theme's folders). A site's `custom_dir` override of nav.html or tabs.html wins over the
  package's, and is rendered for every page; one of the header's parts is rendered once per
  folder, as the package's is.
- `shared_block(super)`, in `main.html`, renders the theme's block that the call replaces
  (the stylesheets, the footer, the settings, the scripts).

Measured at 1,000 summaries, three builds each way, alternating: 17.7 s of user CPU with every
page rendering its own chrome, 12.0 s with it shared (medians; under the profiler, Material's page
template took 11.3 s and 4.2 s). `tests/test_chrome.py` builds the fixture site both ways and
compares every page byte for byte; the 1,000-summary site was byte-identical both ways too.

The shared parts must link only to the nav's pages and the site's top level, as Material's do: a
site that overrides one of the header's parts keeps to that.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import jinja2
from markupsafe import Markup

ORIGINALS = "theme-original"
"""Under this prefix, a template name finds the template after the package's own in the theme's folders."""

_BLANKS = re.compile(r"\s*\n\s*")
"""The indentation of the templates' nesting: a browser shows a run of blanks as one, and the
shared parts hold no preformatted text. A fifth of the navigation's HTML, 30 MB of a
10,000-summary site."""


def install(env: jinja2.Environment, hidden_dirs: Sequence[str]) -> None:
    """Give `env` the templates in `hidden_dirs` under ORIGINALS/, and `shared_chrome` and `shared_block`."""
    env.loader = jinja2.ChoiceLoader(
        [env.loader, jinja2.PrefixLoader({ORIGINALS: jinja2.FileSystemLoader(list(hidden_dirs))})]
    )
    shared = SharedChrome(env)
    env.globals["shared_chrome"] = shared.template
    env.globals["shared_block"] = shared.block


class SharedChrome:
    """Renders a template or block for one page, or gives the HTML it rendered for a page of the same folder."""

    share = True
    """Off, every page renders its own: tests compare the two."""

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        self._rendered: dict[tuple[Any, ...], Markup] = {}
        self._nav_urls: tuple[str, ...] = ()
        self._nav_folders: tuple[list[str], ...] | None = None
        self._keys: dict[str, tuple[Any, ...] | None] = {}

    @jinja2.pass_context
    def template(self, context: jinja2.runtime.Context, name: str) -> Markup:
        return self._shared(context, name, lambda: self._env.get_template(name).render(context.get_all()))

    @jinja2.pass_context
    def block(self, context: jinja2.runtime.Context, parent: jinja2.runtime.BlockReference) -> Markup:
        return self._shared(context, f"block {parent.name}", parent)

    def _shared(self, context: jinja2.runtime.Context, name: str, render: Callable[[], str]) -> Markup:
        page = context["page"]
        key = None
        if self.share and page is not None:  # None: a theme template of its own, such as 404.html
            url = page.url
            if url not in self._keys:  # asked for by each of a page's several shared parts
                self._keys[url] = self._folder_key(page, context["nav"])
            key = self._keys[url]
        html = self._rendered.get((name, *key)) if key else None
        if html is None:
            html = Markup(_BLANKS.sub("\n", render()))
            if key:
                self._rendered[(name, *key)] = html
        return html

    def _folder_key(self, page: Any, nav: Any) -> tuple[Any, ...] | None:
        """What the page's chrome depends on, if it is that of other pages; else None (render it for this page alone).

        A link from a page to an address outside the page's own folder depends only on how deep
        the page sits and on how many leading folders the two share: "claims/" is "../" from
        "claims/false/" and from "claims/true/", "../../claims/" from any "actors/<id>/".
        The chrome links to the nav's pages and to the site's top level (the home page, the
        search page, the theme's files), so pages in the same top folder, as deep, sharing as
        many leading folders with each nav page, show the same chrome. Pages at the top level
        and nav pages (which mark themselves active) render their own.
        """
        if self._nav_folders is None:
            self._nav_urls = tuple(item.url for item in nav.pages)
            self._nav_folders = tuple(_folders(url) for url in self._nav_urls)
        url = page.url
        folders = _folders(url)
        if len(folders) < 2 or any(nav_url.startswith(url) for nav_url in self._nav_urls):
            return None
        shared = tuple(_leading_in_common(folders, nav) for nav in self._nav_folders)
        return folders[0], len(folders), url.endswith("/"), shared


def _folders(url: str) -> list[str]:
    return url.rstrip("/").split("/") if url else []


def _leading_in_common(one: list[str], other: list[str]) -> int:
    count = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        count += 1
    return count
