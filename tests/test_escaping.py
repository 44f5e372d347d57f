"""Contributor text is data, never markup: hostile text renders literally and runs nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from builder.text import inline, paragraphs
from tests.conftest import build_site
from tests.html import page, text_of

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="https://evil.example/x.png" onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    "![tracker](https://evil.example/pixel.gif)",
    "**bold** _em_ `code` ~~strike~~ ==mark==",
    "{{ 7 * 7 }} {% raw %} {# comment #}",
    '{: onclick="alert(1)" }',
    "# heading",
    "- list item",
    "1. ordered",
    "> quoted",
    '!!! warning "admonition"',
    "| a | b |",
    "&amp; &lt;b&gt; &#60;",
    "<https://evil.example/autolink>",
    "\\*escaped\\*",
    "<!-- hidden -->",
    "***",
    "--- rule",
    "+ plus item",
    "[^1] footnote",
    "*[HTML]: abbreviation",
    '<div markdown="1">*x*</div>',
    "=====",
]
EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "admonition"]


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_text_renders_exactly_as_written(text: str) -> None:
    html = markdown.markdown(f"Before {inline(text)} after", extensions=EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    assert [tag.name for tag in soup.find_all()] == ["p"]
    assert soup.get_text() == f"Before {text} after"


@pytest.mark.parametrize("text", HOSTILE)
def test_text_at_the_start_of_a_block_stays_a_paragraph(text: str) -> None:
    html = markdown.markdown(str(paragraphs(f"{text}\n\n{text}")), extensions=EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    assert [tag.name for tag in soup.find_all()] == ["p", "p"]
    assert [p.get_text() for p in soup.find_all("p")] == [text, text]


def test_table_cells_cannot_be_split() -> None:
    html = markdown.markdown(f"| a | b |\n|---|---|\n| {inline('x | y')} | z |", extensions=EXTENSIONS)
    cells = [td.get_text() for td in BeautifulSoup(html, "html.parser").find_all("td")]
    assert cells == ["x | y", "z"]


def test_hostile_content_builds_into_a_harmless_site(
    project: Path, edit_yaml: Callable[[Path, str, str], None]
) -> None:
    first = project / "content" / "articles" / "2026-01-05-first-round.yaml"
    joined = " ".join(HOSTILE)  # single-quoted in YAML: no escapes to worry about
    edit_yaml(
        first, "headline: First round of talks opens", 'headline: "</title><script>alert(1)</script> & \\"quoted\\""'
    )
    edit_yaml(first, "  They agreed to meet again.", f"  {' '.join(HOSTILE[:4])}")
    edit_yaml(first, "  - The parties met.", f"  - '{joined}'")
    edit_yaml(first, "    text: We came here to end this war.", f"    text: '{joined}'")
    edit_yaml(
        project / "content" / "actors.yaml",
        "  name: Ada Alpha",
        '  name: "<b onmouseover=alert(1)>Ada</b> [x](javascript:y)"',
    )
    site = build_site(project)

    for url in (
        "articles/2026-01-05-first-round/",
        "actors/",
        "actors/ada-alpha/",
        "timeline/2026/01/04/",
        "topics/talks/",
        "",
    ):
        soup = page(site, url)
        assert not soup.select("[onerror], [onclick], [onmouseover], a[href^='javascript:']"), url
        # Structured data is a data block, never run; it must still parse as JSON (tests/test_citations.py).
        scripts = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
        assert all(script.get("src") or "alert" not in script.get_text() for script in scripts), url
        assert not soup.select("img[src^='https://evil'], a[href^='https://evil']"), url
    article = page(site, "articles/2026-01-05-first-round/")
    assert "</title><script>alert(1)</script>" in article.title.get_text()
    assert "<script>alert(1)</script>" in text_of(article)
    assert "{{ 7 * 7 }}" in text_of(article) and "49" not in text_of(article)
    actor = page(site, "actors/ada-alpha/")
    assert actor.find("h1").get_text().startswith("<b onmouseover=alert(1)>Ada</b> [x](javascript:y)")
    network = page(site, "actors/").find("figure", id="network-picture")
    assert "<b onmouseover=alert(1)>Ada</b> [x](javascript:y): 3 articles" in [t.get_text() for t in network("title")]


@pytest.mark.parametrize("kept", [False, True], ids=["build", "serve"])
def test_escaped_texts_are_let_go_once_a_build_has_rendered_its_pages(content_dir: Path, kept: bool) -> None:
    from builder import Caches, Site, check_content, each_page

    caches = Caches() if kept else None
    pages = list(each_page(check_content(content_dir, caches=caches), Site("T", "https://example.org/"), caches))
    assert len(pages) > 10
    assert inline.cache_info().currsize == 0
