"""The theme's navigation and tabs, rendered once per folder of pages instead of once per page.

Material renders the whole navigation (the sidebar and the tabs) into every page. For a page
outside the nav, which is every generated page but the few index pages mkdocs.yml lists, that
HTML depends on nothing but where the page sits: no nav entry is active, and each link is
relative to the page's folder. All 10,000 article pages of a large site sit in one folder
(`articles/<id>/`), a long list's parts in another, a month's day pages in a third. So the first
page of a folder renders them, and the others reuse that HTML.

The theme's own templates still do the rendering: the package overrides `partials/nav.html` and
`partials/tabs.html` with a call to `shared_chrome`, which renders the template that its
override hides (Material's, or whatever comes after the package in the theme's folders).
A site's `custom_dir` override of either file still wins, and is rendered for every page.

Measured at 1,000 summaries (six builds each way, alternating): rendering them per page made
Material's page template a third slower, and a whole build's user CPU 20.1 s against 16.0 s
(medians). `tests/test_chrome.py` builds a site whose pages render their own and compares every
page byte for byte.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from typing import Any

import jinja2
from markupsafe import Markup

ORIGINALS = "theme-original"
"""Under this prefix, a template name finds the template after the package's own in the theme's folders."""

_BLANKS = re.compile(r"\s*\n\s*")
"""The indentation of the templates' nesting: a browser shows a run of spaces as one, and these
partials hold no preformatted text. A fifth of their HTML, 30 MB of a 10,000-summary site."""


def install(env: jinja2.Environment, hidden_dirs: Sequence[str]) -> None:
    """Give `env` the templates in `hidden_dirs` under ORIGINALS/, and `shared_chrome` to render them."""
    env.loader = jinja2.ChoiceLoader(
        [env.loader, jinja2.PrefixLoader({ORIGINALS: jinja2.FileSystemLoader(list(hidden_dirs))})]
    )
    env.globals["shared_chrome"] = SharedChrome(env)


class SharedChrome:
    """Renders a hidden template for one page, or gives the HTML it rendered for a page of the same folder."""

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        self._rendered: dict[tuple[str, str, bool], Markup] = {}
        self._nav_urls: tuple[str, ...] | None = None

    @jinja2.pass_context
    def __call__(self, context: jinja2.runtime.Context, name: str) -> Markup:
        key = self._folder_key(context["page"], context["nav"])
        html = self._rendered.get((name, *key)) if key else None
        if html is None:
            template = self._env.get_template(f"{ORIGINALS}/{name}")
            html = Markup(_BLANKS.sub("\n", template.render(context.get_all())))
            if key:
                self._rendered[(name, *key)] = html
        return html

    def _folder_key(self, page: Any, nav: Any) -> tuple[str, bool] | None:
        """The page's folder, if its navigation is that of every page in it; else None."""
        if page is None:  # a theme template of its own, such as 404.html
            return None
        if self._nav_urls is None:
            self._nav_urls = tuple(item.url for item in nav.pages)
        url = page.url
        # A nav page shows itself as active; a folder holding a nav page links to it differently
        # from its sibling folders ("b/" from "a/" is "../b/", from "b/x/" it is "./").
        if any(nav_url.startswith(url) for nav_url in self._nav_urls):
            return None
        return posixpath.dirname(url.rstrip("/")), url.endswith("/")
