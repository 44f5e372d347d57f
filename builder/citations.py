"""How to cite a summary and its source, as text and BibTeX, and what search engines read: schema.org JSON-LD.

Contributor text goes into every format here, so each format's own escaping applies: BibTeX's
special characters become commands, addresses lose the characters BibTeX would misread, and
the JSON-LD is serialised by the theme with `tojson`, which escapes `<`, `>` and `&`.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from . import paths
from .index import Index
from .model import Article, Claim, ClaimStatus
from .site import Site

LICENCE = "https://creativecommons.org/licenses/by/4.0/"

VERDICT_RATINGS = {
    ClaimStatus.FALSE: 1,
    ClaimStatus.DISPUTED: 2,
    ClaimStatus.UNVERIFIABLE: 3,
    ClaimStatus.CONFIRMED: 5,
}
"""Claims with a verdict get a ClaimReview. The number only orders verdicts from false (1) to
confirmed (5); `alternateName` carries the verdict itself. A merely reported claim has none."""

SCHEMA_TYPES = {"person": "Person", "state": "Country", "organisation": "Organization", "group": "Organization"}

_BIBTEX = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "$": r"\$",
        "&": r"\&",
        "%": r"\%",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)
# Characters an address never needs raw, but that would end or break a BibTeX field.
_BIBTEX_URL = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20", "%": "%25"})


def contributors(site: Site) -> str:
    return f"{site.name} contributors"


def source_citation(article: Article, outlet: str) -> str:
    """The original article, cited as text: author, headline, outlet, date, address."""
    source = article.source
    parts = [f"{source.author}." if source.author else "", f"“{article.headline}”.", f"{outlet},"]
    parts.append(f"{article.published.label()}.")
    if source.url:
        parts.append(source.url)
    return " ".join(part for part in parts if part)


def summary_citation(article: Article, outlet: str, site: Site) -> str:
    """This site's summary, cited as text."""
    url = site.url_of(paths.article_path(article.id))
    return (
        f"{contributors(site)}. Summary of “{article.headline}” ({outlet}, {article.published.label()}). "
        f"{site.name}, CC BY 4.0. {url}"
    )


def bibtex(article: Article, outlet: str, site: Site) -> str:
    """BibTeX entries for the original article and for the summary, in that order."""
    source = article.source
    original = {
        "author": _bibtex_text(source.author) if source.author else "",
        "title": _bibtex_text(article.headline),
        "journal": _bibtex_text(outlet),
        "date": article.published.iso(),
        "year": str(article.published.year),
        "url": _bibtex_url(source.url) if source.url else "",
        "langid": _bibtex_text(source.language),
    }
    summary = {
        # Double braces: a group's name, not a person's to be split into first and last names.
        "author": "{" + _bibtex_text(contributors(site)) + "}",
        "title": "Summary of ``" + _bibtex_text(article.headline) + "''",
        "howpublished": _bibtex_text(site.name),
        "url": _bibtex_url(site.url_of(paths.article_path(article.id))),
        "note": _bibtex_text(f"Summary of an article by {outlet}, {article.published.label()}. CC BY 4.0"),
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


def _bibtex_text(text: str) -> str:
    return " ".join(text.split()).translate(_BIBTEX)


def _bibtex_url(url: str) -> str:
    return url.translate(_BIBTEX_URL)


def article_json_ld(article: Article, index: Index, site: Site) -> dict[str, Any]:
    """The summary as a schema.org Article based on its source, and a ClaimReview per claim with a verdict."""
    page = site.url_of(paths.article_path(article.id))
    publisher = {"@type": "Organization", "name": site.name, "url": site.url}
    summary = {
        "@type": "Article",
        "@id": page,
        "url": page,
        "headline": f"Summary of “{article.headline}”",
        "description": " ".join(article.summary.split()),
        "inLanguage": "en",
        "license": LICENCE,
        "publisher": publisher,
        "isPartOf": {"@type": "WebSite", "name": site.name, "url": site.url},
        "isBasedOn": _source(article, index),
        "about": [_thing("Thing", index.topic(t).name, paths.topic_path(t), site) for t in article.topics],
        "mentions": [_actor(index, actor_id, site) for actor_id in article.mentioned_actors],
    }
    reviews = [_claim_review(claim, article, index, site, publisher) for claim in article.claims]
    return {"@context": "https://schema.org", "@graph": [summary, *[r for r in reviews if r]]}


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
