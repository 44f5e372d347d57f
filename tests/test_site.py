"""Integration: build the fixture site with MkDocs and read it as a reader would."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from builder import check_content
from builder.index import build_index
from builder.schema import SCHEMA_FILES, schema_file_name, schema_text
from tests.conftest import FIXTURE_CONTENT, build_site, make_project
from tests.html import file_for, internal_links, page, resolve, search_index, text_of


def test_quote_appears_on_its_speakers_page(fixture_site: Path) -> None:
    actor = page(fixture_site, "actors/ada-alpha/")
    assert "We came here to end this war." in text_of(actor)
    links = actor.select("a[href='../../articles/2026-01-05-first-round/#quote-1']")
    assert "First round of talks opens" in [link.get_text() for link in links]


def test_event_appears_on_its_day_page(fixture_site: Path) -> None:
    day = text_of(page(fixture_site, "timeline/2026/01/04/"))
    assert "Delegations of Alphaland and Betastan met in Geneva." in day


def test_actor_page_links_back_to_every_article_mentioning_it(fixture_site: Path) -> None:
    actor = page(fixture_site, "actors/beta-state/")
    hrefs = {a["href"] for a in actor.select("article a[href]")}
    assert "../../articles/2026-01-05-first-round/" in hrefs
    assert "../../articles/2026-01-10-second-round/" in hrefs


def test_article_links_to_its_actors_topics_and_event_days(fixture_site: Path) -> None:
    article = page(fixture_site, "articles/2026-01-05-first-round/")
    hrefs = {a["href"] for a in article.select("article a[href]")}
    assert {"../../actors/alpha-state/", "../../topics/ceasefire/", "../../timeline/2026/01/04/"} <= hrefs


def test_month_precision_event_is_on_its_month_page_and_no_day(fixture_site: Path) -> None:
    month = text_of(page(fixture_site, "timeline/2025/12/"))
    assert "Betastan proposed a ceasefire at some point in December." in month
    assert not list((fixture_site / "timeline" / "2025" / "12").glob("*/index.html"))


def test_a_quote_dated_on_a_day_without_a_page_shows_its_date_unlinked(
    project: Path, edit_yaml: Callable[[Path, str, str], None]
) -> None:
    edit_yaml(
        project / "content/articles/2026-01-05-first-round.yaml",
        "    date: 2026-01-04\n    place",
        "    date: 2026-01-02\n    place",
    )
    site = build_site(project)  # strict: a link to a missing day page would fail the build
    article = page(site, "articles/2026-01-05-first-round/")
    assert "2 January 2026" in text_of(article)
    assert not article.select("a[href*='timeline/2026/01/02']")
    assert not (site / "timeline/2026/01/02").exists()


def test_year_precision_event_is_on_its_year_page(fixture_site: Path) -> None:
    assert "Sanctions on Betastan were tightened during the year." in text_of(page(fixture_site, "timeline/2025/"))


def test_day_page_links_to_previous_and_next_days_with_content(fixture_site: Path) -> None:
    day = page(fixture_site, "timeline/2026/01/05/")
    hrefs = {a["href"] for a in day.select("article a[href]")}
    assert {"../04/", "../10/"} <= hrefs


def test_topics_index_is_a_tree(fixture_site: Path) -> None:
    topics = page(fixture_site, "topics/")
    nested = topics.select("article li li a")
    assert [a.get_text() for a in nested] == ["Ceasefire"]
    parent = nested[0].find_parent("ul").find_parent("li")
    assert parent.find("a").get_text() == "Talks"


def test_timeline_counts_events_and_articles_per_month(fixture_site: Path) -> None:
    months = [li.get_text() for li in page(fixture_site, "timeline/").select("article li")]
    assert months == [
        "2025, known only to the year: 1 event, 0 articles",
        "November 2025: 0 events, 1 article",
        "December 2025: 1 event, 0 articles",
        "January 2026: 2 events, 2 articles",
    ]


def test_timeline_shows_no_empty_year(real_site: Path) -> None:
    """A year whose events are known only to the year (2023, 2024 here) lists them, not a bare heading."""
    timeline = page(real_site, "timeline/")
    for heading in timeline.select("article h2"):
        listed = heading.find_next_sibling()
        assert listed is not None and listed.name == "ul", heading.get_text()


def test_actors_index_groups_by_kind(fixture_site: Path) -> None:
    headings = [h.get_text().strip("¶ ") for h in page(fixture_site, "actors/").select("article h2")]
    assert headings == ["People", "States", "Organisations"]


def test_false_claim_is_shown_with_badge_and_note(fixture_site: Path) -> None:
    article = page(fixture_site, "articles/2026-01-05-first-round/")
    claim = article.find(id="claim-talks-were-secret")
    assert claim is not None
    assert claim.select_one(".status--false").get_text() == "False"
    assert "Both governments announced the talks a month ahead." in text_of(article)


def test_ai_generated_source_is_flagged(fixture_site: Path) -> None:
    article = page(fixture_site, "articles/2025-11-early-contacts/")
    warning = article.select_one(".admonition.warning")
    assert warning is not None and "AI-generated" in warning.get_text()


def test_one_page_per_entry_derived_from_the_content(fixture_site: Path) -> None:
    index = build_index(check_content(FIXTURE_CONTENT))
    expected = (
        [f"articles/{a}/" for a in index.content.articles]
        + [f"actors/{a}/" for a in index.content.actors]
        + [f"topics/{t}/" for t in index.content.topics]
    )
    for date in index.dates:
        iso = date.iso().replace("-", "/")
        expected.append(f"timeline/{iso}/")
    for url in expected:
        assert file_for(fixture_site, url).is_file(), url
    assert {d.iso() for d in index.days()} == {"2026-01-03", "2026-01-04", "2026-01-05", "2026-01-10"}
    assert {d.iso() for d in index.months()} == {"2025-11", "2025-12", "2026-01"}
    assert {d.iso() for d in index.years()} == {"2025", "2026"}
    built_actor_pages = {p.parent.name for p in (fixture_site / "actors").glob("*/index.html")}
    assert built_actor_pages == set(index.content.actors)


def test_every_internal_link_and_anchor_resolves(fixture_site: Path) -> None:
    assert broken_links(fixture_site) == []


def broken_links(site: Path) -> list[tuple[str, str]]:
    anchors: dict[Path, set[str]] = {}
    broken = []
    for page_path, href in internal_links(site):
        target, fragment = resolve(site, page_path, href)
        if not target.is_file():
            broken.append((page_path, href))
        elif fragment and target.suffix == ".html":
            if target not in anchors:
                soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                anchors[target] = {str(e.get("id") or e.get("name")) for e in soup.find_all(attrs={"id": True})}
            if fragment not in anchors[target]:
                broken.append((page_path, href))
    return broken


def test_no_resource_is_loaded_from_outside_the_site(fixture_site: Path) -> None:
    assert external_resources(fixture_site) == []


def external_resources(site: Path) -> list[tuple[str, str]]:
    """Scripts, styles, images, frames and <link>s of any kind that point outside the site.

    Links in the text (<a>, to an original article) are a reader's choice; nothing else may name
    another address, not even the site's own public one, which is not there when read offline.
    """
    outside = []
    for html_file in site.rglob("*.html"):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(["script", "link", "img", "iframe", "source"]):
            url = element.get("src") or element.get("href")
            if url and url.startswith(("http:", "https:", "//")):
                outside.append((html_file.relative_to(site).as_posix(), url))
    for feed in site.rglob("*.xml"):
        for url in re.findall(r'href="((?:https?:)?//[^"]*)"', feed.read_text(encoding="utf-8")):
            outside.append((feed.relative_to(site).as_posix(), url))
    for stylesheet in site.rglob("*.css"):
        text = stylesheet.read_text(encoding="utf-8")
        if "url(http" in text or "url(//" in text or "@import url(" in text:
            outside.append((stylesheet.relative_to(site).as_posix(), "url()"))
    return outside


def test_edit_link_opens_the_yaml_behind_the_page(fixture_site: Path) -> None:
    article = page(fixture_site, "articles/2026-01-05-first-round/")
    edit = article.select_one("a.md-content__button[href*='/edit/']")
    assert edit is not None
    assert edit["href"].endswith("/edit/main/content/articles/2026-01-05-first-round.yaml")
    actor = page(fixture_site, "actors/ada-alpha/")
    assert actor.select_one("a.md-content__button")["href"].endswith("/edit/main/content/actors.yaml")


def test_search_finds_actors_by_alias_and_articles_by_quote(fixture_site: Path) -> None:
    indexed = search_index(fixture_site)
    assert "Ada Alfa" in indexed["/actors/ada-alpha/"]
    assert "We came here to end this war." in indexed["/articles/2026-01-05-first-round/"]
    assert "Example Wire" in indexed["/outlets/example-wire/"]


def test_search_leaves_out_listings_and_what_other_pages_repeat(fixture_site: Path) -> None:
    indexed = search_index(fixture_site)
    listings = ("/", "/articles/", "/actors/", "/topics/", "/outlets/", "/data/", "/search/")
    assert [url for url in indexed if url in listings or url.startswith(("/timeline/", "/claims/"))] == []
    # An actor's page is found by its name and aliases; its quotes, on their articles' pages.
    assert "We came here to end this war." not in indexed["/actors/ada-alpha/"]
    article = indexed["/articles/2026-01-05-first-round/"]
    assert "BibTeX" not in article and "Related articles" not in article
    assert "¶" not in "".join(indexed.values())


def test_every_page_has_a_search_box_that_opens_the_search_page(fixture_site: Path) -> None:
    for url in ("", "articles/2026-01-05-first-round/", "timeline/2026/01/05/", "about/"):
        form = page(fixture_site, url).select_one("header form[role=search]")
        assert form is not None, url
        assert resolve(fixture_site, url, form["action"])[0] == fixture_site / "search" / "index.html"
        query = form.select_one("input[name=q]")
        assert query["type"] == "search" and query["aria-label"] == "Search"
        assert form.select_one("button[type=submit]")["aria-label"] == "Search"


def test_search_page_runs_from_the_site_alone(fixture_site: Path) -> None:
    search = page(fixture_site, "search/")
    assert search.select_one("script[src='../javascripts/search.js']") is not None
    assert (fixture_site / "javascripts" / "search.js").is_file()
    for name in ("pagefind.js", "pagefind-worker.js", "wasm.en.pagefind", "pagefind-entry.json"):
        assert (fixture_site / "pagefind" / name).is_file(), name
    assert not (fixture_site / "search" / "search_index.json").exists()


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    first = _digest(build_site(project, tmp_path / "first"))
    second = _digest(build_site(project, tmp_path / "second"))
    assert first == second


def _digest(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_the_site_serves_the_schemas_it_was_checked_with(fixture_site: Path) -> None:
    for name in SCHEMA_FILES:
        served = fixture_site / "schemas" / schema_file_name(name)
        assert served.read_text(encoding="utf-8") == schema_text(name)
        assert json.loads(served.read_text(encoding="utf-8"))["$schema"] == "http://json-schema.org/draft-07/schema#"
    about = page(fixture_site, "about/")
    links = {a.get_text(): a["href"] for a in about.select("article a[href$='.schema.json']")}
    assert links["article summary"] == "../schemas/article.schema.json"
    assert sorted(links.values()) == sorted(f"../schemas/{schema_file_name(name)}" for name in SCHEMA_FILES)
