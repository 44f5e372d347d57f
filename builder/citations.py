"""How to cite a summary and its source, as text and BibTeX, and what search engines read: schema.org JSON-LD.

Every citation here describes the summary as this site's own work, dated when it was written,
and names the original article only as its source: a reference manager that saves the page
must save our summary, not the news article it summarises.

Contributor text goes into every format here, each with its own escaping: BibTeX's from
builder/text.py, and the JSON-LD is serialised by the theme with `tojson`, which escapes
`<`, `>` and `&`.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from . import paths
from .dates import PartialDate
from .index import Index
from .model import Article, Claim, ClaimStatus
from .site import Site
from .text import bibtex_text, bibtex_url

LICENCE = "https://creativecommons.org/licenses/by/4.0/"
NO_DATE = "n.d."
"""What citation styles write for a work without a date."""

VERDICT_RATINGS = {
    ClaimStatus.FALSE: 1,
    ClaimStatus.DISPUTED: 2,
    ClaimStatus.UNVERIFIABLE: 3,
    ClaimStatus.CONFIRMED: 5,
}
"""Claims with a verdict get a ClaimReview. The number only orders verdicts from false (1) to
confirmed (5); `alternateName` carries the verdict itself. A merely reported claim has none."""

SCHEMA_TYPES = {"person": "Person", "state": "Country", "organisation": "Organization", "group": "Organization"}


def contributors(site: Site) -> str:
    return f"{site.name} contributors"


def summary_title(article: Article) -> str:
    """The summary's own title: plainly ours, naming the headline it summarises."""
    return f"Summary of “{article.headline}”"


def summary_date(article: Article) -> str:
    """When the summary was written, for a reader; "n.d." when unknown, never the original's date."""
    return article.summarised.label() if article.summarised else NO_DATE


def scholar_date(date: PartialDate) -> str:
    """A date as Google Scholar asks for it in `citation_publication_date`: 2026/01/20, 2026/01 or 2026."""
    return date.iso().replace("-", "/")


def source_citation(article: Article, outlet: str) -> str:
    """The original article, cited as text: author, headline, outlet, date, address."""
    source = article.source
    parts = [f"{source.author}." if source.author else "", f"“{article.headline}”.", f"{outlet},"]
    parts.append(f"{article.published.label()}.")
    if source.url:
        parts.append(source.url)
    return " ".join(part for part in parts if part)


def summary_citation(article: Article, outlet: str, site: Site) -> str:
    """This site's summary, cited as text: its authors, title, the source it summarises, its date."""
    url = site.url_of(paths.article_path(article.id))
    dated = f"{site.name}, {summary_date(article)}".removesuffix(".")  # "n.d." ends the sentence itself
    return (
        f"{contributors(site)}. {summary_title(article)} ({outlet}, {article.published.label()}). "
        f"{dated}. CC BY 4.0. {url}"
    )


def bibtex(article: Article, outlet: str, site: Site) -> str:
    """BibTeX entries for the original article and for the summary, in that order.

    Titles are in a second pair of braces, which bibliography styles never change: lowercased,
    "Trump" and "Kyiv" would become "trump" and "kyiv".
    """
    source = article.source
    original = {
        "author": bibtex_text(source.author) if source.author else "",
        "title": "{" + bibtex_text(article.headline) + "}",
        "journal": bibtex_text(outlet),
        "date": article.published.iso(),
        "year": str(article.published.year),
        "url": bibtex_url(source.url) if source.url else "",
        "langid": bibtex_text(source.language),
    }
    summarised = article.summarised
    summary = {
        # Double braces: a group's name, not a person's to be split into first and last names.
        "author": "{" + bibtex_text(contributors(site)) + "}",
        "title": "{Summary of ``" + bibtex_text(article.headline) + "''}",
        "howpublished": bibtex_text(site.name),
        # Without a date the entry has none: styles then print "n.d." themselves.
        "date": summarised.iso() if summarised else "",
        "year": str(summarised.year) if summarised else "",
        "url": bibtex_url(site.url_of(paths.article_path(article.id))),
        "note": bibtex_text(f"Summary of an article by {outlet}, {article.published.label()}. CC BY 4.0"),
    }
    return (
        _entry("article", f"source-{article.id}", original) + "\n\n" + _entry("misc", f"tracker-{article.id}", summary)
    )


def bibtex_block(article: Article, outlet: str, site: Site) -> Markup:
    """The BibTeX, HTML-escaped in a preformatted block that Markdown leaves alone."""
    return Markup('<pre class="cite-bibtex"><code>{}</code></pre>').format(escape(bibtex(article, outlet, site)))


def _entry(kind: str, key: str, fields: dict[str, str]) -> str:
    lines = [f"  {name} = {{{value}}}," for name, value in fields.items() if value]
    return f"@{kind}{{{key},\n" + "\n".join(lines) + "\n}"


def article_json_ld(article: Article, index: Index, site: Site) -> dict[str, Any]:
    """The summary as a schema.org Article based on its source, and a ClaimReview per claim with a verdict.

    The summary is the tracker's work, dated when it was written; the original article's
    headline, outlet, author and date appear only in `isBasedOn`.
    """
    page = site.url_of(paths.article_path(article.id))
    tracker = {"@type": "Organization", "name": site.name, "url": site.url}
    summary = {
        "@type": "Article",
        "@id": page,
        "url": page,
        "headline": summary_title(article),
        "description": " ".join(article.summary.split()),
        "inLanguage": "en",
        "license": LICENCE,
        "author": tracker,
        "publisher": tracker,
        **_dated(article),
        "isPartOf": {"@type": "WebSite", "name": site.name, "url": site.url},
        "isBasedOn": _source(article, index),
        "about": [_thing("Thing", index.topic(t).name, paths.topic_path(t), site) for t in article.topics],
        "mentions": [_actor(index, actor_id, site) for actor_id in article.mentioned_actors],
    }
    reviews = [_claim_review(claim, article, index, site, tracker) for claim in article.claims]
    return {"@context": "https://schema.org", "@graph": [summary, *[r for r in reviews if r]]}


def _dated(article: Article) -> dict[str, str]:
    """`datePublished` of our summary or review, left out when unknown: the original's date is not ours."""
    return {"datePublished": article.summarised.iso()} if article.summarised else {}


def _source(article: Article, index: Index) -> dict[str, Any]:
    source = article.source
    data: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": article.headline,
        "datePublished": article.published.iso(),
        "inLanguage": source.language,
        "publisher": {"@type": "Organization", "name": index.outlet(source.outlet).name},
    }
    if source.url:
        data["url"] = source.url
    if source.author:
        data["author"] = {"@type": "Person", "name": source.author}
    return data


def _claim_review(
    claim: Claim, article: Article, index: Index, site: Site, publisher: dict[str, Any]
) -> dict[str, Any] | None:
    if claim.status not in VERDICT_RATINGS:
        return None
    if claim.by_outlet:
        claimant = {"@type": "Organization", "name": index.outlet(article.source.outlet).name}
    else:
        claimant = _actor(index, claim.by, site)
    return {
        "@type": "ClaimReview",
        "url": site.url_of(paths.article_path(article.id), claim.anchor),
        "claimReviewed": claim.text,
        "reviewBody": claim.note,
        "author": publisher,
        **_dated(article),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": VERDICT_RATINGS[claim.status],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": claim.status.label,
        },
        "itemReviewed": {"@type": "Claim", "author": claimant, "appearance": _source(article, index)},
    }


def _actor(index: Index, actor_id: str, site: Site) -> dict[str, Any]:
    actor = index.actor(actor_id)
    return _thing(SCHEMA_TYPES[actor.kind], actor.name, paths.actor_path(actor_id), site)


def _thing(kind: str, name: str, path: str, site: Site) -> dict[str, Any]:
    return {"@type": kind, "name": name, "url": site.url_of(path)}
