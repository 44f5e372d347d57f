"""Rebuilds under `mkdocs serve` reuse caches, and give exactly the pages a clean build gives."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builder import Caches, ContentError, Site, check_content, generate_pages
from builder.incremental import RelatedMemo, face
from builder.index import build_index, related_articles
from builder.paths import DATA_INDEX, article_path
from builder.render import GeneratedFile, render_pages
from builder.validate import _Checker

Edit = Callable[[Path, str, str], None]
TODAY = datetime.date(2026, 11, 22)
SITE = Site("Tracker", "https://tracker.example.org/")
FIRST = "articles/2026-01-05-first-round.yaml"


def _clean_build(content_dir: Path) -> dict:
    return generate_pages(check_content(content_dir, TODAY), SITE)


def _cached_build(content_dir: Path, caches: Caches) -> dict:
    return generate_pages(check_content(content_dir, TODAY, caches), SITE, caches)


def _assert_same_output(cached: dict, clean: dict) -> None:
    assert sorted(cached) == sorted(clean)
    differing = [path for path in clean if cached[path] != clean[path]]
    assert differing == []


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        (FIRST, "They agreed to meet again.", "They agreed to meet once more."),
        (FIRST, "We came here to end this war.", "We came to talk peace."),
        (FIRST, "status: disputed", "status: reported"),
        (FIRST, "headline: First round of talks opens", "headline: Talks open"),
        (FIRST, "topics: [talks, ceasefire]", "topics: [talks]"),
        (FIRST, "  - date: 2026-01-04\n    id: geneva-round-one", "  - date: 2026-01-02\n    id: geneva-round-one"),
        (FIRST, "stance: offer", "stance: demand"),
        (FIRST, "author: A. Reporter", "author: B. Reporter"),
        ("actors.yaml", "name: Betastan", "name: Betastania"),
        ("actors.yaml", "aliases: [Republic of Beta]", "aliases: [Beta Republic]"),
        ("topics.yaml", "parent: talks", "parent: sanctions"),
        ("outlets.yaml", "name: Example Wire", "name: Example Wire Service"),
        ("actors.yaml", "description: A state at war.", "description: A state at war, and at the table."),
        ("outlets.yaml", "description: A wire service.", "description: A news agency."),
        ("topics.yaml", "description: Negotiations between the parties.", "description: Talks."),
    ],
)
def test_a_rebuild_after_an_edit_equals_a_clean_build(
    content_dir: Path, edit_yaml: Edit, file: str, old: str, new: str
) -> None:
    caches = Caches()
    _assert_same_output(_cached_build(content_dir, caches), _clean_build(content_dir))
    edit_yaml(content_dir / file, old, new)
    _assert_same_output(_cached_build(content_dir, caches), _clean_build(content_dir))


def test_a_summary_edit_renders_its_article_page_alone(content_dir: Path, edit_yaml: Edit) -> None:
    caches = Caches()
    before = _cached_build(content_dir, caches)
    edit_yaml(content_dir / FIRST, "They agreed to meet again.", "They agreed to meet once more.")
    pages = _cached_build(content_dir, caches)
    assert caches.render.rendered == 1 + _codebook_changed(before, pages)
    assert "meet once more" in pages[article_path("2026-01-05-first-round")].markdown
    # The reused index is the one a clean build makes.
    assert caches.index.build_index(check_content(content_dir, TODAY)) == build_index(check_content(content_dir, TODAY))


def test_a_quote_edit_renders_fewer_pages_than_a_clean_build(content_dir: Path, edit_yaml: Edit) -> None:
    caches = Caches()
    _cached_build(content_dir, caches)
    everything = caches.render.rendered
    edit_yaml(content_dir / FIRST, "We came here to end this war.", "We came to talk peace.")
    _cached_build(content_dir, caches)
    assert 1 < caches.render.rendered < everything


@pytest.mark.parametrize(
    ("file", "old", "new", "page"),
    [
        ("actors.yaml", "description: A state at war.", "description: At war.", "actors/alpha-state.md"),
        ("outlets.yaml", "description: A wire service.", "description: A news agency.", "outlets/example-wire.md"),
    ],
)
def test_a_registry_description_renders_its_own_page_alone(
    content_dir: Path, edit_yaml: Edit, file: str, old: str, new: str, page: str
) -> None:
    """A description shows on its entry's own page only; the pages that name the entry stay as they are."""
    caches = Caches()
    before = _cached_build(content_dir, caches)
    edit_yaml(content_dir / file, old, new)
    pages = _cached_build(content_dir, caches)
    assert caches.render.rendered == 1 + _codebook_changed(before, pages)
    assert new.removeprefix("description: ") in pages[page].markdown
    # The index kept from the last build is the one a clean build makes.
    assert caches.index.build_index(check_content(content_dir, TODAY)) == build_index(check_content(content_dir, TODAY))


def _codebook_changed(before: dict, after: dict) -> bool:
    """The codebook shows each download's size, which any field of any entry counts in: rendered again when one changed."""
    return before[DATA_INDEX] != after[DATA_INDEX]


def test_adding_and_removing_an_article_equals_a_clean_build(content_dir: Path) -> None:
    caches = Caches()
    _cached_build(content_dir, caches)
    copy = content_dir / "articles" / "2026-01-05-first-round-again.yaml"
    text = (content_dir / FIRST).read_text(encoding="utf-8")
    for old, new in (("ready-for-ceasefire", "ready-again"), ("talks-were-secret", "secret-again")):
        text = text.replace(old, new)
    text = text.replace("news/first-round", "news/first-round-again").replace("First round", "Another first round")
    copy.write_text(text, encoding="utf-8")
    _assert_same_output(_cached_build(content_dir, caches), _clean_build(content_dir))
    copy.unlink()
    _assert_same_output(_cached_build(content_dir, caches), _clean_build(content_dir))


def test_an_unchanged_tree_is_neither_parsed_nor_rendered_again(content_dir: Path) -> None:
    caches = Caches()
    first = _cached_build(content_dir, caches)
    articles = check_content(content_dir, TODAY, caches).articles
    second = _cached_build(content_dir, caches)
    assert second == first
    assert caches.render.rendered == 0
    again = check_content(content_dir, TODAY, caches).articles
    assert all(again[article_id] is article for article_id, article in articles.items())


def test_a_bad_edit_is_reported_even_after_a_good_build(content_dir: Path, edit_yaml: Edit) -> None:
    caches = Caches()
    _cached_build(content_dir, caches)
    edit_yaml(content_dir / FIRST, "status: disputed", "status: shaky")
    with pytest.raises(ContentError, match="shaky"):
        check_content(content_dir, TODAY, caches)


def test_cross_file_problems_are_found_with_unchanged_files_cached(content_dir: Path, edit_yaml: Edit) -> None:
    caches = Caches()
    _cached_build(content_dir, caches)
    # The article files stay as they are; only the registry they refer to changes.
    edit_yaml(content_dir / "actors.yaml", "id: beta-state", "id: beta-country")
    with pytest.raises(ContentError, match="beta-state"):
        check_content(content_dir, TODAY, caches)


def test_a_claim_renamed_in_one_file_is_reported_where_another_file_cites_it(
    content_dir: Path, edit_yaml: Edit
) -> None:
    caches = Caches()
    _cached_build(content_dir, caches)
    first = content_dir / FIRST
    first.write_text(first.read_text(encoding="utf-8").replace("beta-ready-for-ceasefire", "beta-ready"), "utf-8")
    with pytest.raises(ContentError, match=r"second-round\.yaml:41:.*beta-ready-for-ceasefire"):
        check_content(content_dir, TODAY, caches)


def test_an_edit_that_repeats_another_files_source_is_reported_with_that_file_cached(
    content_dir: Path, edit_yaml: Edit
) -> None:
    caches = Caches()
    _cached_build(content_dir, caches)
    second = "articles/2026-01-10-second-round.yaml"
    edit_yaml(
        content_dir / second,
        "  outlet: example-daily",
        "  outlet: example-daily\n  url: https://example.org/news/first-round",
    )
    with pytest.raises(ContentError, match=r"second-round\.yaml:\d+:\d+: source\.url: the same source URL is already"):
        check_content(content_dir, TODAY, caches)


def test_a_later_day_rechecks_unchanged_files_against_it(content_dir: Path) -> None:
    caches = Caches()
    _cached_build(content_dir, caches)
    with pytest.raises(ContentError, match="in the future"):
        check_content(content_dir, datetime.date(2026, 1, 6), caches)


def test_own_page_only_fields_show_on_the_articles_own_page_alone(content_dir: Path) -> None:
    """What `face` leaves out, no page but the article's own shows; feeds and data files may."""
    content = check_content(content_dir, TODAY)
    altered = {
        article_id: dataclasses.replace(
            article,
            summary=article.summary + " Altered.",
            key_points=(*article.key_points, "Altered."),
            reliability=article.reliability + " Altered.",
            places=(*article.places, "Altered"),
            source=dataclasses.replace(
                article.source, url="https://example.org/altered", author="Altered", language="xx"
            ),
        )
        for article_id, article in content.articles.items()
    }
    assert all(face(altered[i]) == face(a) for i, a in content.articles.items())
    before = render_pages(build_index(content), SITE)
    after = render_pages(build_index(dataclasses.replace(content, articles=altered)), SITE)
    changed = {path for path in before if before[path] != after[path] and not isinstance(before[path], GeneratedFile)}
    # The codebook too, for the sizes of the downloads that hold those fields.
    assert changed == {article_path(article_id) for article_id in content.articles} | {DATA_INDEX}


def test_a_session_survives_the_content_folder_being_replaced(tmp_path: Path, content_dir: Path) -> None:
    caches = Caches()
    _cached_build(content_dir, caches)
    shutil.rmtree(content_dir / "articles")
    (content_dir / "articles").mkdir()
    _assert_same_output(_cached_build(content_dir, caches), _clean_build(content_dir))


def test_related_articles_are_kept_by_id_while_what_ranks_them_is_unchanged(content_dir: Path) -> None:
    memo = RelatedMemo()
    articles = build_index(check_content(content_dir, TODAY)).articles
    assert _ids(memo(articles)) == _ids(related_articles(articles))
    # An edit of what ranking does not read gives new article objects: the answer is this build's objects.
    again = [dataclasses.replace(article, summary="Edited.") for article in articles]
    kept = memo(again)
    assert _ids(kept) == _ids(related_articles(again))
    assert all(any(other is article for article in again) for listed in kept.values() for other in listed)


def test_related_articles_are_ranked_again_when_an_article_changes_topics(content_dir: Path) -> None:
    memo = RelatedMemo()
    articles = build_index(check_content(content_dir, TODAY)).articles
    memo(articles)
    moved = [
        dataclasses.replace(article, topics=("sanctions",)) if n == 0 else article for n, article in enumerate(articles)
    ]
    assert _ids(memo(moved)) == _ids(related_articles(moved)) != _ids(related_articles(articles))


def _ids(related: dict) -> dict[str, list[str]]:
    return {article_id: [other.id for other in listed] for article_id, listed in related.items()}


def _count_calls(monkeypatch: pytest.MonkeyPatch, method: str) -> list[str]:
    """The paths of the documents `_Checker.<method>` is called for, from now on."""
    calls: list[str] = []
    original = getattr(_Checker, method)

    def counted(self: _Checker, document: Any, *args: Any) -> Any:
        calls.append(document.path)
        return original(self, document, *args)

    monkeypatch.setattr(_Checker, method, counted)
    return calls


@pytest.mark.parametrize(
    ("old", "new", "articles_checked_again"),
    [
        # A description defines no id or name: what each article's checks read stays the same.
        ("description: A state at war.", "description: At war.", 0),
        # A new name may be what an unknown id meant: every article is checked again, not its schema.
        ("name: Betastan", "name: Betastania", 3),
    ],
    ids=["description", "name"],
)
def test_a_registry_edit_checks_articles_again_only_when_their_checks_read_what_changed(
    content_dir: Path, edit_yaml: Edit, monkeypatch: pytest.MonkeyPatch, old: str, new: str, articles_checked_again: int
) -> None:
    caches = Caches()
    _cached_build(content_dir, caches)
    articles_checked = _count_calls(monkeypatch, "check_article")
    files_checked = _count_calls(monkeypatch, "check_one_file")
    edit_yaml(content_dir / "actors.yaml", old, new)
    check_content(content_dir, TODAY, caches)
    assert len(articles_checked) == articles_checked_again
    assert files_checked == ["content/actors.yaml"]
