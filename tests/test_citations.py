"""Citations as text and BibTeX, CITATION.cff, and schema.org JSON-LD that hostile text cannot break."""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from builder import Site, check_content
from builder.citations import bibtex, source_citation, summary_citation
from builder.dates import PartialDate
from builder.index import Index, build_index
from builder.site import read_site
from tests.conftest import FIXTURE_CONTENT, REPO, build_site, make_project
from tests.html import page, text_of

SITE = Site("Tracker", "https://example.org/tracker/")
HOSTILE = "</script><script>alert(1)</script> {x} \\end $5 & 10% #1 a_b ~ ^ <!-- “q”"
Edit = Callable[[Path, str, str], None]
FIRST = "articles/2026-01-05-first-round/"
SUMMARISED = "2026-01-07"


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(check_content(FIXTURE_CONTENT, today=datetime.date(2026, 11, 22)))


def _balanced_fields(entry: str) -> bool:
    """Every field's braces close within its line: no text ends a field or the entry early.

    Braces are counted as BibTeX counts them: a backslash before one does not stop it counting.
    """
    for line in entry.splitlines()[1:-1]:
        depth = 0
        for char in line:
            depth += (char == "{") - (char == "}")
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
        "Tracker, n.d. CC BY 4.0. https://example.org/tracker/articles/2026-01-05-first-round/"
    )
    dated = dataclasses.replace(article, summarised=PartialDate(2026, 1, 7))
    assert summary_citation(dated, "Example Wire", SITE) == (
        "Tracker contributors. Summary of “First round of talks opens” (Example Wire, 5 January 2026). "
        "Tracker, 7 January 2026. CC BY 4.0. https://example.org/tracker/articles/2026-01-05-first-round/"
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
    script = r"\textless{}/script\textgreater{}\textless{}script\textgreater{}alert(1)\textless{}/script\textgreater{}"
    title = (
        r"\textbraceleft{}x\textbraceright{} \textbackslash{}end \$5 \& 10\% \#1 a\_b \textasciitilde{} "
        r"\textasciicircum{} \textless{}!-- “q”"
    )
    assert f"  title = {{{{{script} {title}}}}}," in entries[0]
    assert "  journal = {Example \\& Wire}," in entries[0]
    # An address keeps its percent-escapes: encoded again, it would lead to another page.
    assert "  url = {https://example.org/news/a%20b?q=x}," in entries[0]
    assert "  author = {{Tracker contributors}}," in entries[1]


def test_a_lone_brace_cannot_end_a_bibtex_field(content_dir: Path, edit_yaml: Edit) -> None:
    first = content_dir / "articles" / "2026-01-05-first-round.yaml"
    edit_yaml(first, "headline: First round of talks opens", "headline: 'Talks } end {'")
    edit_yaml(first, "  author: A. Reporter", "  author: 'A. } Reporter'")
    article = build_index(check_content(content_dir)).article("2026-01-05-first-round")
    entries = bibtex(article, "Wire } {", SITE).split("\n\n")
    assert all(_balanced_fields(entry) for entry in entries)
    assert r"  title = {{Talks \textbraceright{} end \textbraceleft{}}}," in entries[0]


def test_bibtex_titles_keep_their_capitals_and_the_summary_its_date(index: Index) -> None:
    article = index.article("2026-01-05-first-round")
    original, summary = bibtex(article, "Example Wire", SITE).split("\n\n")
    # A second pair of braces: bibliography styles that lowercase titles leave the words as written.
    assert "  title = {{First round of talks opens}}," in original.splitlines()
    assert "  title = {{Summary of ``First round of talks opens''}}," in summary.splitlines()
    # Undated, the summary entry has no date of its own, and never the original's: styles print "n.d.".
    assert not [line for line in summary.splitlines() if line.startswith(("  date =", "  year ="))]
    dated = dataclasses.replace(article, summarised=PartialDate(2026, 1, 7))
    summary = bibtex(dated, "Example Wire", SITE).split("\n\n")[1].splitlines()
    assert "  date = {2026-01-07}," in summary and "  year = {2026}," in summary


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
    assert dict(_meta(soup))["citation_title"] == f"Summary of “{HOSTILE} 😀”"


def test_citation_file_names_the_project_as_configured() -> None:
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert citation["cff-version"] == "1.2.0"
    assert {"message", "title", "authors", "license"} <= set(citation)
    assert citation["title"] == read_site(REPO / "mkdocs.yml").name
    assert citation["url"] == read_site(REPO / "mkdocs.yml").url
    assert citation["repository-code"] == config["repo_url"]


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site, with the first summary dated as written two days after its source."""
    project = make_project(tmp_path_factory.mktemp("dated") / "project")
    with (project / "content" / FIRST.rstrip("/")).with_suffix(".yaml").open("a", encoding="utf-8") as file:
        file.write(f"summarised: {SUMMARISED}\n")
    return build_site(project)


def _meta(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [(tag.get("name") or tag.get("property") or "", tag.get("content") or "") for tag in soup.find_all("meta")]


def zotero_item(soup: BeautifulSoup) -> dict[str, object]:
    """The item a reference manager saves from the page's meta tags, by the rules of Zotero's
    Embedded Metadata translator: a tag counts when its name ends with the Highwire name, the first
    such tag wins, Highwire tags come before Dublin Core ones, and DC.source or else og:site_name
    becomes the publication's title."""
    meta = _meta(soup)

    def first(*names: str) -> str:
        return next((content for name in names for key, content in meta if key.endswith(name) and content), "")

    journal = first("citation_journal_title")
    return {
        "itemType": "journalArticle" if journal else (first("DC.type") or "journalArticle"),
        "title": first("citation_title", "DC.title", "og:title"),
        "creators": [content for key, content in meta if key.endswith("citation_author")]
        or [content for key, content in meta if key == "DC.creator"],
        "date": first("citation_publication_date", "citation_date", "DC.date"),
        "publicationTitle": journal or first("DC.source", "og:site_name"),
        "url": first("citation_public_url", "citation_abstract_html_url"),
        "language": first("citation_language"),
    }


def test_a_reference_manager_saves_the_summary_with_the_original_as_its_source(dated_site: Path) -> None:
    tracker = read_site(REPO / "mkdocs.yml")
    soup = page(dated_site, FIRST)
    (data,) = _json_ld(soup)
    summary = data["@graph"][0]
    address = f"{tracker.url}{FIRST}"
    assert zotero_item(soup) == {
        "itemType": "webpage",
        "title": "Summary of “First round of talks opens”",
        "creators": [tracker.name],
        "date": "2026/01/07",
        "publicationTitle": tracker.name,
        "url": address,
        "language": "en",
    }
    assert summary["url"] == address
    assert summary["headline"] == "Summary of “First round of talks opens”"
    assert summary["author"] == {"@type": "Organization", "name": tracker.name, "url": tracker.url}
    assert summary["datePublished"] == SUMMARISED
    # The original is the summary's source, with its own headline, outlet, author, date and address.
    assert summary["isBasedOn"]["headline"] == "First round of talks opens"
    assert summary["isBasedOn"]["publisher"]["name"] == "Example Wire"
    assert summary["isBasedOn"]["author"]["name"] == "A. Reporter"
    assert summary["isBasedOn"]["datePublished"] == "2026-01-05"
    assert summary["isBasedOn"]["url"] == "https://example.org/news/first-round"
    assert ("DC.relation", "https://example.org/news/first-round") in _meta(soup)


def test_the_original_is_never_the_pages_own_title_author_or_journal(dated_site: Path, fixture_site: Path) -> None:
    original = ("First round of talks opens", "A. Reporter", "Example Wire", "example.org/news")
    own = ("citation_title", "citation_author", "citation_journal_title", "citation_publisher", "citation_public_url")
    for site in (dated_site, fixture_site):
        meta = _meta(page(site, FIRST))
        # Whole values: "Summary of “First round of talks opens”" is ours and names the headline.
        claimed = [(key, content) for key, content in meta if key.endswith(own) or key in ("DC.creator", "DC.source")]
        assert claimed and not [pair for pair in claimed if pair[1] in original or "example.org/news" in pair[1]]
        assert not [key for key, content in meta if "Example Wire" in content or "A. Reporter" in content]


def test_claim_reviews_are_dated_as_the_summary(dated_site: Path) -> None:
    (data,) = _json_ld(page(dated_site, FIRST))
    reviews = [item for item in data["@graph"] if item["@type"] == "ClaimReview"]
    assert len(reviews) == 2
    assert {review["datePublished"] for review in reviews} == {SUMMARISED}


def test_an_undated_summary_says_so_and_never_takes_the_originals_date(fixture_site: Path) -> None:
    soup = page(fixture_site, FIRST)
    (data,) = _json_ld(soup)
    assert [item for item in data["@graph"] if "datePublished" in item] == []
    assert zotero_item(soup)["date"] == ""
    assert not [key for key, _ in _meta(soup) if key in ("DC.date", "article:published_time")]
    assert "Russia–Ukraine Peace Talks Tracker, n.d. CC BY 4.0." in text_of(soup)
