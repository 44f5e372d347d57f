"""Related actors and topics: ranked by what they share, then by closeness in time."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from builder import check_content
from builder.index import Index, build_index
from builder.related import related_actors, related_topics
from tests.conftest import FIXTURE_CONTENT
from tests.html import page


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(check_content(FIXTURE_CONTENT, today=datetime.date(2026, 11, 22)))


def test_related_actors_share_articles_and_topics(index: Index) -> None:
    ranked = related_actors(index, "beta-state")
    assert [(r.id, r.articles, r.shared) for r in ranked] == [("ada-alpha", 3, 3), ("alpha-state", 3, 3)]
    assert related_actors(index, "gamma-league") == []


def test_related_topics_break_ties_by_closeness_in_time(index: Index) -> None:
    # Both share one article and three actors with Talks; Sanctions' latest article is the nearer in time.
    ranked = related_topics(index, "talks")
    assert [(r.id, r.articles, r.shared, r.days_apart) for r in ranked] == [
        ("sanctions", 1, 3, 0),
        ("ceasefire", 1, 3, 5),
    ]


def test_actor_and_topic_pages_link_their_related_entries(fixture_site: Path) -> None:
    actor = page(fixture_site, "actors/beta-state/")
    heading = actor.find("h2", id="related-actors")
    items = [li.get_text(" ", strip=True) for li in heading.find_next("ul").find_all("li")]
    assert items == [
        "Ada Alpha — 3 articles together, 3 topics in common",
        "Alphaland — 3 articles together, 3 topics in common",
    ]
    topic = page(fixture_site, "topics/talks/")
    links = [a["href"] for a in topic.find("h2", id="related-topics").find_next("ul").find_all("a")]
    assert links == ["../sanctions/", "../ceasefire/"]
