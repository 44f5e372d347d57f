"""Citations as text and BibTeX, CITATION.cff, and schema.org JSON-LD that hostile text cannot break."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from builder import Site, check_content
from builder.citations import bibtex, source_citation, summary_citation
from builder.index import Index, build_index
from builder.site import read_site
from tests.conftest import FIXTURE_CONTENT, REPO, build_site
from tests.html import page, text_of

SITE = Site("Tracker", "https://example.org/tracker/")
HOSTILE = "</script><script>alert(1)</script> {x} \\end $5 & 10% #1 a_b ~ ^ <!-- “q”"
Edit = Callable[[Path, str, str], None]


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(check_content(FIXTURE_CONTENT, today=datetime.date(2026, 11, 22)))


def _balanced_fields(entry: str) -> bool:
    """Every field's braces close within its line: no text ends a field or the entry early."""
    for line in entry.splitlines()[1:-1]:
        depth = 0
        for position, char in enumerate(line):
            escaped = position and line[position - 1] == "\\"
            depth += (char == "{") - (char == "}") if not escaped else 0
            if depth < 0:
                return False
        if depth != 0:
            return False
    return True


def test_text_citations_name_source_and_summary(index: Index) -> None:
    article = index.article("2026-01-05-first-round")
    assert source_citation(article, "Example Wire") == (
        "A. Reporter. “First round of talks opens”. Example Wire, 5 January 2026. https://example.org/news/first-round"
    )
    assert summary_citation(article, "Example Wire", SITE) == (
        "Tracker contributors. Summary of “First round of talks opens” (Example Wire, 5 January 2026). "
        "Tracker, CC BY 4.0. https://example.org/tracker/articles/2026-01-05-first-round/"
    )


def test_bibtex_escapes_special_characters(index: Index, content_dir: Path, edit_yaml: Edit) -> None:
    first = content_dir / "articles" / "2026-01-05-first-round.yaml"
    edit_yaml(first, "headline: First round of talks opens", f"headline: '{HOSTILE}'")
    edit_yaml(first, "https://example.org/news/first-round", "https://example.org/news/a%20b?q=x")
    article = build_index(check_content(content_dir)).article("2026-01-05-first-round")
    entries = bibtex(article, "Example & Wire", SITE).split("\n\n")
    assert [entry.splitlines()[0] for entry in entries] == [
        "@article{source-2026-01-05-first-round,",
        "@misc{tracker-2026-01-05-first-round,",
    ]
    assert all(_balanced_fields(entry) and entry.endswith("\n}") for entry in entries)
    title = r"\{x\} \textbackslash{}end \$5 \& 10\% \#1 a\_b \textasciitilde{} \textasciicircum{}"
    assert f"  title = {{</script><script>alert(1)</script> {title} <!-- “q”}}," in entries[0]
    assert "  journal = {Example \\& Wire}," in entries[0]
    assert "  url = {https://example.org/news/a%2520b?q=x}," in entries[0]
    assert "  author = {{Tracker contributors}}," in entries[1]


def _json_ld(soup) -> list[dict]:
    scripts = soup.select('script[type="application/ld+json"]')
    return [json.loads(script.string) for script in scripts]


def test_article_head_has_an_article_based_on_its_source_and_claim_reviews(fixture_site: Path) -> None:
    soup = page(fixture_site, "articles/2026-01-05-first-round/")
    (data,) = _json_ld(soup)
    summary, *reviews = data["@graph"]
    assert data["@context"] == "https://schema.org"
    assert summary["@type"] == "Article"
    assert (
        summary["url"] == "https://peace-talks-tracker.github.io/peace-talks-tracker/articles/2026-01-05-first-round/"
    )
    assert summary["isBasedOn"] == {
        "@type": "NewsArticle",
        "headline": "First round of talks opens",
        "url": "https://example.org/news/first-round",
        "datePublished": "2026-01-05",
        "inLanguage": "en",
        "author": {"@type": "Person", "name": "A. Reporter"},
        "publisher": {"@type": "Organization", "name": "Example Wire"},
    }
    verdicts = {
        r["claimReviewed"]: (r["reviewRating"]["alternateName"], r["reviewRating"]["ratingValue"]) for r in reviews
    }
    assert verdicts == {
        "Betastan is ready for a ceasefire.": ("Disputed", 2),
        "The talks had been kept secret for a year.": ("False", 1),
    }
    assert all(r["@type"] == "ClaimReview" and soup.find(id=r["url"].split("#")[1]) for r in reviews)
    assert {r["itemReviewed"]["author"]["name"] for r in reviews} == {"Betastan", "Example Wire"}


def test_article_page_offers_both_citations(fixture_site: Path) -> None:
    soup = page(fixture_site, "articles/2026-01-05-first-round/")
    text = text_of(soup)
    assert "A. Reporter. “First round of talks opens”. Example Wire, 5 January 2026." in text
    assert "Summary of “First round of talks opens” (Example Wire, 5 January 2026)." in text
    assert "@misc{tracker-2026-01-05-first-round," in soup.select_one("pre.cite-bibtex").get_text()


def test_hostile_text_cannot_leave_the_json_ld(project: Path, edit_yaml: Edit) -> None:
    first = project / "content" / "articles" / "2026-01-05-first-round.yaml"
    edit_yaml(first, "headline: First round of talks opens", f"headline: '{HOSTILE} 😀'")
    edit_yaml(first, "    text: The talks had been kept secret for a year.", f"    text: '{HOSTILE}'")
    site = build_site(project)
    soup = page(site, "articles/2026-01-05-first-round/")
    assert all(
        "alert" not in (script.string or "")
        for script in soup.find_all("script")
        if script.get("type") != "application/ld+json"
    )
    (data,) = _json_ld(soup)
    assert data["@graph"][0]["isBasedOn"]["headline"] == f"{HOSTILE} 😀"
    assert HOSTILE in [item.get("claimReviewed") for item in data["@graph"]]
    raw = (site / "articles" / "2026-01-05-first-round" / "index.html").read_text(encoding="utf-8")
    assert raw.count("</script>") == len(soup.find_all("script"))
    assert f"{HOSTILE} 😀" in soup.title.get_text()


def test_citation_file_names_the_project_as_configured() -> None:
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert citation["cff-version"] == "1.2.0"
    assert {"message", "title", "authors", "license"} <= set(citation)
    assert citation["title"] == read_site(REPO / "mkdocs.yml").name
    assert citation["url"] == read_site(REPO / "mkdocs.yml").url
    assert citation["repository-code"] == config["repo_url"]
