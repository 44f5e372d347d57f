"""No page grows with the content, and every entry stays reachable from its hubs.

Built without MkDocs from synthetic corpora of N and 4N summaries (bench/corpus.py): hub pages
show their newest entries and split the rest into parts of at most PART_SIZE entries.
"""

from __future__ import annotations

import datetime

import pytest

from bench.corpus import write_corpus
from builder import GeneratedPage, Site, check_content, generate_pages, paths
from builder.links import links_in
from builder.model import Content
from builder.parts import PART_SIZE

SMALL = 100
LARGE = 4 * SMALL
GROWTH = 20_000
"""Bytes the largest page may gain from N to 4N summaries: a part filling up, never a list growing."""
MAX_PAGE = 300_000
SITE = Site("Bounded pages test", "https://example.org/tracker/")
TODAY = datetime.date(2026, 11, 22)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Content, dict[str, GeneratedPage]]]:
    root = tmp_path_factory.mktemp("bounded")
    sites = {}
    for size in (SMALL, LARGE):
        content = check_content(write_corpus(root / f"n{size}", size), today=TODAY)
        pages = {p.path: p for p in generate_pages(content, SITE).values() if isinstance(p, GeneratedPage)}
        sites[size] = (content, pages)
    return sites


def largest(pages: dict[str, GeneratedPage]) -> tuple[int, str]:
    return max((len(page.markdown.encode("utf-8")), path) for path, page in pages.items())


def test_the_largest_page_does_not_grow_with_the_content(built: dict) -> None:
    small, large = largest(built[SMALL][1]), largest(built[LARGE][1])
    assert large[0] <= small[0] + GROWTH, f"{large[1]}: {large[0]:,} bytes at {LARGE}, {small[0]:,} at {SMALL}"
    assert large[0] <= MAX_PAGE


def test_the_large_corpus_splits_lists_into_parts(built: dict) -> None:
    # Otherwise the test above would not see any list longer than one part.
    content, pages = built[LARGE]
    assert any(path.endswith("/2.md") for path in pages), "no list has a second part"
    assert len(content.articles) > 2 * PART_SIZE


def reachable(pages: dict[str, GeneratedPage], hub: str, folder: str) -> set[tuple[str, str]]:
    """Every link on a hub page and on the parts of its lists, which lie in `folder` and its subfolders.

    Article pages share the articles index's folder, but their names start with a date; parts are numbered.
    """
    found = links_in(pages[hub].markdown, hub)
    for path, page in pages.items():
        name = path.removeprefix(folder)
        if path.startswith(folder) and (hub != paths.ARTICLES_INDEX or name.removesuffix(".md").isdigit()):
            found |= links_in(page.markdown, path)
    return found


def test_every_event_claim_and_article_is_reachable_from_its_hubs(built: dict) -> None:
    content, pages = built[LARGE]
    by_actor = {
        actor_id: reachable(pages, paths.actor_path(actor_id), f"actors/{actor_id}/") for actor_id in content.actors
    }
    for article in content.articles.values():
        own = (paths.page_url(paths.article_path(article.id)), "")
        for actor_id in article.mentioned_actors:
            assert own in by_actor[actor_id], f"{article.id} not reachable from {actor_id}"
        for event in article.events:
            target = (own[0], event.anchor)
            for actor_id in event.actors:
                assert target in by_actor[actor_id], f"{article.id}#{event.anchor} not reachable from {actor_id}"
    articles_index = reachable(pages, paths.ARTICLES_INDEX, "articles/")
    assert all((paths.page_url(paths.article_path(a)), "") in articles_index for a in content.articles)
    statuses = {s: reachable(pages, f"claims/{s}.md", f"claims/{s}/") for s in ("reported", "disputed", "false")}
    for claim in content.claims.values():
        if claim.status.value in statuses:
            target = (paths.page_url(paths.article_path(claim.article)), claim.anchor)
            assert target in statuses[claim.status.value], f"{claim.id} not reachable from its status's list"


def test_every_actor_is_reachable_from_the_actors_index(built: dict) -> None:
    content, pages = built[LARGE]
    listed = reachable(pages, paths.ACTORS_INDEX, "actors/index/")
    assert all((paths.page_url(paths.actor_path(actor)), "") in listed for actor in content.actors)
    assert any(path.startswith("actors/index/") for path in pages), "no kind of actor has a list of its own"
