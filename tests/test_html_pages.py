"""Generated pages are finished HTML: no second Markdown parse, links checked by the builder itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mkdocs.exceptions import Abort

from builder import GeneratedPage, Site, check_content, generate_pages
from builder.links import BrokenLinks, LinkCheck
from builder.render import GeneratedFile
from tests.conftest import FIXTURE_CONTENT, REPO, build_site, make_project
from tests.html import page

SITE = Site("Tracker", "https://example.org/tracker/")


def split(markdown: str) -> tuple[dict, str]:
    """A generated page's front matter and body."""
    _, front, body = markdown.split("---\n", 2)
    return json.loads(front), body.lstrip("\n")


@pytest.mark.parametrize("content", [FIXTURE_CONTENT, REPO / "content"], ids=["fixture", "real"])
def test_a_commonmark_renderer_takes_every_body_as_it_is(content: Path) -> None:
    """Raw HTML is CommonMark: a body with no blank line is one HTML block, passed through untouched."""
    commonmark = MarkdownIt("commonmark")
    pages = [p for p in generate_pages(check_content(content), SITE).values() if isinstance(p, GeneratedPage)]
    assert pages
    for generated in pages:
        _, body = split(generated.markdown)
        assert "\n\n" not in body, generated.path
        assert commonmark.render(body) == body, generated.path


def test_the_table_of_contents_and_permalinks_are_the_builders(fixture_site: Path) -> None:
    actor = page(fixture_site, "actors/ada-alpha/")
    headings = [(h["id"], h.select_one("a.headerlink")["href"]) for h in actor.select("article h2")]
    assert ("claims-about-ada-alpha", "#claims-about-ada-alpha") in headings
    toc = [a["href"] for a in actor.select("nav.md-nav--secondary > ul > li > a.md-nav__link")]
    assert toc == [f"#{anchor}" for anchor, _ in headings]


def test_front_matter_carries_the_table_of_contents() -> None:
    pages = generate_pages(check_content(FIXTURE_CONTENT), SITE)
    front, _ = split(pages["topics/talks.md"].markdown)
    [title] = front["toc"]
    assert (title["level"], title["name"]) == (1, "Talks")
    assert [child["id"] for child in title["children"]][:3] == ["subtopics", "timeline", "positions"]


def test_a_link_to_a_missing_page_or_anchor_is_refused() -> None:
    check = LinkCheck()
    pages = [
        GeneratedPage("actors/a.md", "", anchors=frozenset({"x"}), links=frozenset({("actors/b/", "")})),
        GeneratedPage("actors/c.md", "", links=frozenset({("actors/a/", "y"), ("actors/a/", "x"), ("about/", "")})),
        GeneratedFile("data/a.csv", b""),
    ]
    with pytest.raises(BrokenLinks) as raised:
        list(check.checked(pages))
    assert str(raised.value).splitlines()[1:] == [
        "actors/c.md: link to actors/a/#y, which that page does not define",
        "actors/a.md: link to actors/b/, which is not generated",
    ]
    assert check.outside() == [("about/", "", "actors/c.md")]


def _linked_pages(target_ids: frozenset[str], wanted: str) -> list:
    return [
        GeneratedPage("actors/a.md", "", anchors=target_ids),
        GeneratedPage("actors/c.md", "", links=frozenset({("actors/a/", wanted), ("about/", "")})),
    ]


def test_a_rebuild_whose_pages_define_and_link_as_before_passes_without_checking_every_link() -> None:
    first = LinkCheck()
    list(first.checked(_linked_pages(frozenset({"x"}), "x")))
    again = LinkCheck()
    again.broken = lambda: pytest.fail("every link checked again")  # type: ignore[method-assign]
    # Rendered again, so new sets, but equal ones.
    list(again.checked(_linked_pages(frozenset({"x"}), "x"), first))
    assert again.passed and again.outside() == [("about/", "", "actors/c.md")]


@pytest.mark.parametrize(
    ("target_ids", "wanted", "problem"),
    [
        (frozenset({"x"}), "y", "actors/c.md: link to actors/a/#y, which that page does not define"),
        (frozenset({"y"}), "x", "actors/c.md: link to actors/a/#x, which that page does not define"),
    ],
    ids=["a-page-links-elsewhere", "the-target-loses-an-id"],
)
def test_a_rebuild_that_breaks_a_link_is_refused_though_the_last_check_passed(
    target_ids: frozenset[str], wanted: str, problem: str
) -> None:
    first = LinkCheck()
    list(first.checked(_linked_pages(frozenset({"x"}), "x")))
    with pytest.raises(BrokenLinks) as raised:
        list(LinkCheck().checked(_linked_pages(target_ids, wanted), first))
    assert str(raised.value).splitlines()[1:] == [problem]


def test_a_rebuild_after_a_check_that_failed_checks_every_link() -> None:
    failed = LinkCheck()
    with pytest.raises(BrokenLinks):
        list(failed.checked(_linked_pages(frozenset(), "x")))
    with pytest.raises(BrokenLinks):
        list(LinkCheck().checked(_linked_pages(frozenset(), "x"), failed))


def test_a_strict_build_fails_on_a_link_from_a_generated_page_to_a_missing_hand_written_one(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    # Article pages link to the legend's anchors, which this legend no longer has.
    (project / "docs" / "grading.md").write_text("# Grading\n\nNo legend here.\n", encoding="utf-8")
    with pytest.raises(Abort):
        build_site(project)
