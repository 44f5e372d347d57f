"""Stage 3: the index links everything both ways before any page renders."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from bench.corpus import write_corpus
from builder import check_content
from builder.dates import parse_date
from builder.index import RELATED_LIMIT, RELATED_WINDOW, Index, build_index
from builder.model import Article
from tests.conftest import FIXTURE_CONTENT


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(check_content(FIXTURE_CONTENT, today=datetime.date(2026, 11, 22)))


def test_articles_are_newest_first(index: Index) -> None:
    assert [a.id for a in index.articles] == [
        "2026-01-10-second-round",
        "2026-01-05-first-round",
        "2025-11-early-contacts",
    ]


def test_mentions_include_speakers_claimants_and_event_actors(index: Index) -> None:
    # ada-alpha is not in the first article's actor list, but speaks in it; the earliest only speaks of her.
    assert [a.id for a in index.mentions["ada-alpha"]] == [
        "2026-01-10-second-round",
        "2026-01-05-first-round",
        "2025-11-early-contacts",
    ]
    assert index.mentions["gamma-league"] == []


def test_co_mentions_are_counted_per_article(index: Index) -> None:
    assert dict(index.co_mentions["beta-state"]) == {"ada-alpha": 3, "alpha-state": 3}


def test_statements_are_in_date_order_with_quotes_and_claims(index: Index) -> None:
    statements = index.statements["ada-alpha"]
    assert [(s.date.iso(), bool(s.quote), bool(s.claim)) for s in statements] == [
        ("2025-11", True, False),
        ("2025-11", True, False),
        ("2026-01-04", True, False),
        ("2026-01-10", False, True),
    ]


def test_claims_about_an_actor_are_indexed_under_that_actor(index: Index) -> None:
    assert [claim.id for claim in index.claims_about["ada-alpha"]] == ["ada-resigned"]
    assert index.claims_about["beta-state"] == []


def test_contradictions_list_each_claim_once_under_its_own_topic(index: Index) -> None:
    grouped = [(topic, [claim.id for claim in claims]) for topic, claims in index.contradictions]
    assert grouped == [
        ("ceasefire", ["beta-ready-for-ceasefire", "beta-rejects-ceasefire"]),
        ("talks", ["talks-were-secret"]),
    ]


def test_related_articles_rank_shared_topics_then_actors(index: Index) -> None:
    assert [a.id for a in index.related["2026-01-05-first-round"]] == [
        "2026-01-10-second-round",
        "2025-11-early-contacts",
    ]


def test_claim_backlinks_run_both_ways(index: Index) -> None:
    assert index.claimed_against == {"beta-ready-for-ceasefire": ["beta-rejects-ceasefire", "talks-were-secret"]}


def test_dates_keep_events_at_their_own_precision(index: Index) -> None:
    december = index.dates[parse_date("2025-12")]
    assert [e.what for e in december.events] == ["Betastan proposed a ceasefire at some point in December."]
    assert [d.iso() for d in index.dates_within(parse_date("2026-01"), parse_date("2026-01-04").precision)] == [
        "2026-01-03",
        "2026-01-04",
        "2026-01-05",
        "2026-01-10",
    ]
    november = index.dates[parse_date("2025-11")]
    assert [a.id for a in november.published] == ["2025-11-early-contacts"]


def test_topic_tree_and_affiliations(index: Index) -> None:
    assert index.children["talks"] == ["ceasefire"]
    assert index.members["alpha-state"] == ["ada-alpha"]


def test_every_registry_entry_has_a_listing_even_when_empty(index: Index) -> None:
    assert set(index.mentions) == set(index.content.actors)
    assert set(index.topic_articles) == set(index.content.topics)


def _related_by_every_pair(articles: list[Article]) -> dict[str, list[str]]:
    """The ranking as defined, comparing every pair: what the inverted indexes must reproduce."""
    related = {}
    for article in articles:
        scored = []
        for other in articles:
            shared = 2 * len(set(article.topics) & set(other.topics))
            shared += len(set(article.mentioned_actors) & set(other.mentioned_actors))
            days = abs(article.published.first_day().toordinal() - other.published.first_day().toordinal())
            if other is not article and shared:
                scored.append((-shared, days, other.id))
        related[article.id] = [other_id for *_, other_id in sorted(scored)[:RELATED_LIMIT]]
    return related


def test_related_articles_are_the_pairwise_ranking_while_no_key_is_too_common(tmp_path: Path) -> None:
    content = check_content(write_corpus(tmp_path / "content", RELATED_WINDOW - 8), today=datetime.date(2026, 11, 22))
    index = build_index(content)
    assert {article_id: [a.id for a in listed] for article_id, listed in index.related.items()} == (
        _related_by_every_pair(index.articles)
    )
