"""Downloads: every table as JSON and CSV, each column documented in the codebook."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import Site, check_content
from builder.exports import TABLES, _csv_line, _json_row, render_exports
from builder.index import Index, build_index
from builder.schema import schema_text
from tests.conftest import FIXTURE_CONTENT
from tests.html import page, text_of

SITE = Site("Tracker", "https://example.org/tracker/")


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(check_content(FIXTURE_CONTENT, today=datetime.date(2026, 11, 22)))


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_codebook_documents_every_column_emitted(fixture_site: Path) -> None:
    codebook = page(fixture_site, "data/")
    for table in TABLES:
        heading = codebook.find(id=table.name)
        assert heading is not None and heading.name == "h2", table.name
        documented = [row.find("td").get_text() for row in heading.find_next("table").find("tbody").find_all("tr")]
        header = (fixture_site / "data" / f"{table.name}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert documented == header.split(","), table.name
        rows = json.loads((fixture_site / "data" / f"{table.name}.json").read_text(encoding="utf-8"))
        assert rows and all(list(row) == documented for row in rows), table.name


def test_codebook_links_every_download_and_schema(fixture_site: Path) -> None:
    codebook = page(fixture_site, "data/")
    hrefs = {a["href"] for a in codebook.select("article a[href]")}
    for table in TABLES:
        assert {f"{table.name}.json", f"{table.name}.csv"} <= hrefs, table.name
    schemas = sorted(p.name for p in (fixture_site / "data" / "schemas").glob("*.json"))
    assert {f"schemas/{name}" for name in schemas} <= hrefs
    assert (fixture_site / "data" / "schemas" / "article.schema.json").read_text(encoding="utf-8") == schema_text(
        "article"
    )
    assert "Data" in [a.get_text(strip=True) for a in page(fixture_site, "").select(".md-tabs__link")]
    assert "Articles 3 JSON · CSV" in text_of(codebook)


def test_csv_and_json_hold_the_same_rows(index: Index) -> None:
    files = render_exports(index, SITE)
    for table in TABLES:
        from_json = json.loads(files[table.file("json")])
        from_csv = _csv_rows(files[table.file("csv")])
        assert len(from_json) == len(from_csv) == len(list(table.rows(index))), table.name
        for json_row, csv_row in zip(from_json, from_csv, strict=True):
            for column in table.columns:
                value = json_row[column.name]
                expected = (
                    ""
                    if value is None
                    else json.dumps(value, ensure_ascii=False)
                    if isinstance(value, list)
                    else str(value)
                )
                assert csv_row[column.name] == expected, (table.name, column.name)


def test_rows_carry_ids_dates_lists_and_page_addresses(index: Index) -> None:
    files = render_exports(index, SITE)
    events = json.loads(files["data/events.json"])
    assert events[0] == {
        "article": "2026-01-05-first-round",
        "number": 1,
        "id": "geneva-round-one",
        "date": "2026-01-04",
        "type": "talks",
        "what": "Delegations of Alphaland and Betastan met in Geneva.",
        "place": "Geneva",
        "actors": ["alpha-state", "beta-state"],
        "roles": ["participant", "participant"],
        "topics": ["talks"],
        "claim": None,
        "page": "https://example.org/tracker/articles/2026-01-05-first-round/#event-1",
    }
    assert events[1]["date"] == "2025-12" and events[1]["id"] is None
    actors = {row["id"]: row for row in json.loads(files["data/actors.json"])}
    assert actors["ada-alpha"]["aliases"] == ["Ada Alfa", "Ada Alphova"]
    assert actors["ada-alpha"]["articles"] == 2
    assert actors["gamma-league"]["articles"] == 0


def test_hostile_text_is_plain_data_in_csv_and_json(
    content_dir: Path, edit_yaml: Callable[[Path, str, str], None]
) -> None:
    hostile = 'a "quoted", comma\\nnew line; =HYPERLINK("x") </script> ü'
    edit_yaml(
        content_dir / "articles" / "2026-01-05-first-round.yaml",
        "headline: First round of talks opens",
        f'headline: "{hostile.replace(chr(34), chr(92) + chr(34))}"',
    )
    files = render_exports(build_index(check_content(content_dir)), SITE)
    expected = 'a "quoted", comma\nnew line; =HYPERLINK("x") </script> ü'
    assert expected in [row["headline"] for row in json.loads(files["data/articles.json"])]
    assert expected in [row["headline"] for row in _csv_rows(files["data/articles.csv"])]


def test_exports_are_the_same_on_every_build(index: Index) -> None:
    assert render_exports(index, SITE) == render_exports(index, SITE)


_json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(), _json_scalars | st.lists(_json_scalars) | st.lists(st.lists(st.integers()))))
def test_a_row_is_written_as_json_dumps_would_write_it(row: dict[str, object]) -> None:
    expected = "\n".join(" " + line for line in json.dumps(row, ensure_ascii=False, indent=1).split("\n"))
    assert _json_row(row) == expected


_csv_text = st.text(alphabet=st.sampled_from("a ,\"\r\n\t'é—") | st.characters(), max_size=12)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.none() | st.integers() | _csv_text | st.lists(_csv_text | st.integers()), max_size=6))
def test_a_csv_line_is_what_csv_writer_writes(cells: list[object]) -> None:
    buffer = io.StringIO()
    plain = ["" if c is None else json.dumps(c, ensure_ascii=False) if isinstance(c, list) else str(c) for c in cells]
    csv.writer(buffer).writerow(plain)
    assert _csv_line(cells) == buffer.getvalue()
