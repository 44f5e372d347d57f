"""The published content itself: it builds strictly and says what a research site must say."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import check_content
from builder.index import Index, build_index
from builder.model import ClaimStatus
from tests.conftest import REPO
from tests.html import file_for, page, search_index, text_of
from tests.test_site import broken_links, external_resources

SEED_COUNT = 5


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(check_content(REPO / "content"))


@pytest.fixture(scope="module")
def site(real_site: Path) -> Path:
    return real_site


def test_every_seed_article_is_summarised(index: Index) -> None:
    assert len(index.articles) >= SEED_COUNT
    for article in index.articles:
        assert article.summary and article.key_points and article.claims, article.id


def test_one_page_per_entry(index: Index, site: Path) -> None:
    urls = [f"articles/{a}/" for a in index.content.articles]
    urls += [f"actors/{a}/" for a in index.content.actors]
    urls += [f"topics/{t}/" for t in index.content.topics]
    urls += [f"timeline/{date.iso().replace('-', '/')}/" for date in index.dates]
    assert [url for url in urls if not file_for(site, url).is_file()] == []


def test_links_resolve_and_nothing_loads_from_outside(site: Path) -> None:
    assert broken_links(site) == []
    assert external_resources(site) == []


def test_every_spelling_of_zelensky_finds_one_actor(index: Index, site: Path) -> None:
    zelensky = index.actor("volodymyr-zelensky")
    assert {"Zelenskyy", "Zelenskiy", "Zelensky"} <= set(zelensky.aliases)
    assert "putin" in index.actor("vladimir-putin").aliases
    indexed = search_index(site)
    assert "Zelenskiy" in indexed["/actors/volodymyr-zelensky/"]


def test_false_and_unverifiable_claims_are_visible(index: Index, site: Path) -> None:
    flagged = [c for c in index.content.claims.values() if c.status in (ClaimStatus.FALSE, ClaimStatus.UNVERIFIABLE)]
    assert any(c.status is ClaimStatus.FALSE for c in flagged)
    for claim in flagged:
        element = page(site, f"articles/{claim.article}/").find(id=claim.anchor)
        assert element is not None, claim.id
        assert element.select_one(f".status--{claim.status.value}") is not None, claim.id


def test_ai_generated_source_says_so_on_its_page(index: Index, site: Path) -> None:
    generated = [a for a in index.articles if a.ai_generated]
    assert generated
    for article in generated:
        assert "declares itself AI-generated" in text_of(page(site, f"articles/{article.id}/"))
