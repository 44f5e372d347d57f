"""Where a reader reports an error in a summary: the repository's issue form, filled in for the page.

GitHub fills an issue form's fields from the query of its address: `template` names the form,
`title` the issue's title, and each other parameter the field of that id.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from markupsafe import Markup

from . import paths
from .model import Article
from .site import Site
from .text import html_text

CORRECTION_FORM = "correction.yml"
"""The form in .github/ISSUE_TEMPLATE/ that a correction opens."""
PAGE_FIELD = "page"
HEADLINE_FIELD = "headline"


def correction_url(site: Site, article: Article) -> str:
    """The address that opens the correction form about `article`'s page; '' without a repository."""
    if not site.repository:
        return ""
    query = {
        "template": CORRECTION_FORM,
        "title": f"Correction: {article.headline}",
        PAGE_FIELD: site.url_of(paths.article_path(article.id)),
        HEADLINE_FIELD: article.headline,
    }
    # quote, not quote_plus: a space is %20 wherever the address is read, never a literal '+'.
    return f"{site.repository.rstrip('/')}/issues/new?{urlencode(query, quote_via=quote)}"


def correction_href(site: Site, article: Article) -> Markup:
    """`correction_url`, escaped once for an href attribute, as text.py escapes every address."""
    return Markup(html_text(correction_url(site, article)))
