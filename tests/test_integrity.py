"""Research integrity: verdicts, grades, contradictions, positions and competing accounts, as a reader sees them."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from builder import check_content
from builder.model import ClaimStatus, Content
from tests.conftest import FIXTURE_CONTENT, REPO
from tests.html import page, text_of

FLAGGED = (ClaimStatus.FALSE, ClaimStatus.DISPUTED, ClaimStatus.UNVERIFIABLE)


def expected_pages(content: Content, claim_id: str) -> list[str]:
    """Every page type that shows a claim: article, claimant, topic, publication date, claim lists, outlet."""
    claim = content.claims[claim_id]
    article = content.articles[claim.article]
    # The claims index shows only the newest of each status: the status's own list holds them all.
    urls = [f"articles/{article.id}/", f"claims/{claim.status.value}/", f"outlets/{article.source.outlet}/"]
    urls.append(f"timeline/{article.published.iso().replace('-', '/')}/")
    if not claim.by_outlet:
        urls.append(f"actors/{claim.by}/")
    urls += [f"actors/{actor_id}/" for actor_id in claim.about]
    if claim.topic:
        urls.append(f"topics/{claim.topic}/")
    return urls


def hub_parts(site: Path, url: str) -> list[str]:
    """The parts of a hub's long lists: every page in the hub's folder ('actors/x/events/2/')."""
    if not url.startswith(("actors/", "topics/", "outlets/", "claims/")) or url == "claims/":
        return []
    found = sorted((site / url).rglob("index.html"))
    return [f.parent.relative_to(site).as_posix() + "/" for f in found if f.parent != site / url]


def assert_claims_always_badged(site: Path, content: Content) -> int:
    """Every flagged claim shows its badge (and, if false or unverifiable, our note) wherever it appears."""
    checked = 0
    for claim in content.claims.values():
        if claim.status not in FLAGGED:
            continue
        for url in expected_pages(content, claim.id):
            # A hub shows its newest entries and the rest in the parts of its lists, in its folder.
            blocks = [
                block
                for listed in [url, *hub_parts(site, url)]
                for block in page(site, listed).select(f'[data-claim="{claim.id}"]')
            ]
            assert blocks, f"{claim.id} missing from {url} and its parts"
            for block in blocks:
                assert block.select_one(f".status--{claim.status.value}"), f"{claim.id} without badge on {url}"
                if claim.status is not ClaimStatus.DISPUTED:
                    assert " ".join(claim.note.split()) in text_of(block), f"{claim.id} without note on {url}"
                checked += 1
    for html_file in site.rglob("*.html"):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("article a[href*='#claim-']"):
            claim = content.claims.get(link["href"].split("#claim-", 1)[1])
            if claim is None:  # a heading anchor such as #claim-statuses on the legend
                continue
            holder = link.find_parent(["tr", "p", "li", "div"])
            assert holder.select_one(f".status--{claim.status.value}"), (
                f"{claim.id} linked without badge in {html_file}"
            )
    return checked


def test_flagged_claims_carry_badge_and_note_on_every_page_type(fixture_site: Path) -> None:
    # The disputed claim shows on 6 page types; the false ones claimed by an outlet have no claimant's page,
    # but the one about Ada Alpha is on hers (5 + 6).
    assert assert_claims_always_badged(fixture_site, check_content(FIXTURE_CONTENT)) == 17


def test_seed_claims_carry_badge_and_note_everywhere(real_site: Path) -> None:
    content = check_content(REPO / "content")
    assert sum(c.status is ClaimStatus.FALSE for c in content.claims.values()) >= 4
    assert assert_claims_always_badged(real_site, content) > 100


def test_contradicting_claims_each_show_once_with_what_they_contradict(fixture_site: Path) -> None:
    disputed = page(fixture_site, "claims/contradictions/")
    section = text_of(disputed)
    assert [h.get_text().strip("¶ ") for h in disputed.select("article h2")] == ["Ceasefire", "Talks"]
    blocks = [b["data-claim"] for b in disputed.select("[data-claim]")]
    assert blocks == ["beta-ready-for-ceasefire", "beta-rejects-ceasefire", "talks-were-secret"]
    assert "First round of talks opens" in section and "Second round ends without a deal" in section
    relations = [
        " ".join(line.get_text(" ").split())
        for line in disputed.select('[data-claim="beta-ready-for-ceasefire"] .claim-relation')
    ]
    assert relations == [
        "Contradicted by: Reported Betastan will not stop fighting before spring.",
        "Contradicted by: False The talks had been kept secret for a year. — Our note: "
        "Both governments announced the talks a month ahead.",
    ]


def test_claims_index_narrows_by_status(fixture_site: Path) -> None:
    false_page = page(fixture_site, "claims/false/")
    assert [b["data-claim"] for b in false_page.select("[data-claim]")] == ["talks-were-secret", "ada-resigned"]
    overview = page(fixture_site, "claims/")
    assert overview.select_one("a[href='false/']").get_text() == "False (2)"


def test_positions_over_time_mark_the_change(fixture_site: Path) -> None:
    actor = page(fixture_site, "actors/ada-alpha/")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")] for row in actor.select("#talks ~ table tr")[1:]
    ]
    assert rows == [
        ["4 January 2026", "Offer", "Reported “We came here to end this war.”", "Example Wire"],
        [
            "10 January 2026",
            "Rejection changed from Offer",
            "Reported No deal is possible this winter.",
            "Example Daily",
        ],
    ]


def test_topic_shows_each_actors_latest_stance(fixture_site: Path) -> None:
    topic = page(fixture_site, "topics/ceasefire/")
    table = topic.find("h2", id="positions").find_next("table")
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in table.select("tr")[1:]]
    assert rows == [["Betastan", "Rejection changed from Offer", "10 January 2026", "Reported Example Daily"]]


def test_competing_accounts_of_one_event_side_by_side(fixture_site: Path) -> None:
    for day in ("timeline/2026/01/03/", "timeline/2026/01/04/"):
        heading = next(h for h in page(fixture_site, day).select("article h2") if "2 accounts" in h.get_text())
        # Named by kind, date and sources, never by one account's words.
        assert heading["id"] == "accounts-geneva-round-one"
        assert heading.get_text().strip("¶ ").startswith("Talks, ")
        assert heading.get_text().strip("¶ ").endswith(": 2 accounts, by Example Daily and Example Wire")
        table = heading.find_next("table")
        header = [th.get_text(strip=True) for th in table.select("th")]
        assert header == ["", "Example Daily", "Example Wire"]
        places = [td.get_text(strip=True) for td in table.select("tr")[3].select("td")]
        assert places == ["Place", "Lausanne", "Geneva"]


def test_outlet_page_shows_its_track_record(fixture_site: Path) -> None:
    outlet = page(fixture_site, "outlets/example-wire/")
    record = {
        row.select("td")[0].get_text(): row.select("td")[1].get_text()
        for row in outlet.select("#track-record ~ table tr")[1:6]
    }
    assert record == {"Reported": "0", "Confirmed": "0", "Disputed": "1", "False": "1", "Unverifiable": "0"}
    assert "State-funded" in text_of(page(fixture_site, "outlets/example-daily/"))


def test_every_grade_links_to_the_legend(fixture_site: Path) -> None:
    article = page(fixture_site, "articles/2026-01-05-first-round/")
    grades = article.select(".grade")
    assert grades and all(g.find_parent("a")["href"].startswith("../../grading/#") for g in grades)
    legend = page(fixture_site, "grading/")
    assert legend.find(id="admiralty-grades") and legend.find(id="credibility-of-the-information")
