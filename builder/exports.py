"""Downloads: every kind of entry as a JSON and a CSV table, described column by column in the codebook.

The tables are declared once below; the files and the codebook page are both made from the
declaration, so no column can be published without a description. Rows are sorted by id,
text is UTF-8, and CSV is written as the csv module writes it: contributor text is data, quoted
as CSV requires and never interpreted. In CSV, a text that a spreadsheet would run as a formula
is marked as text (`FORMULA_STARTS`); JSON holds every value exactly. Each file is published
gzip-compressed (`gzipped`): uncompressed, the tables were 125 MB of a 10,000-summary site that
must stay under GitHub Pages' 1 GB.
"""

from __future__ import annotations

import csv
import io
import json
import string
import struct
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import paths
from .dates import PartialDate
from .index import Index
from .model import FLAGGED_SOURCE_KINDS, SOURCE_KIND_LABELS, STANCE_LABELS, Article, Claim, ClaimStatus, Event, Quote
from .schema import SCHEMA_FILES, schema_text
from .site import Site

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, CSV Injection; ASVS 1.2.10)."""

TEXT_MARK = "'"
"""Put before a CSV text cell that starts with one of FORMULA_STARTS, or with the mark itself."""

_CHARACTER_NAMES = {"\t": "a tab", "\r": "a carriage return", "\0": "a null character"}

KINDS = {
    "id": "An id: lowercase letters, digits and hyphens; refers to the entry of that id.",
    "text": "Free text, as written by contributors. In the CSV files, a text that starts with "
    + ", ".join(_CHARACTER_NAMES.get(char, char) for char in FORMULA_STARTS)
    + f" or {TEXT_MARK} has one more {TEXT_MARK} put before it, so that no spreadsheet runs it as a formula; "
    "the JSON files hold every text exactly.",
    "integer": "A whole number.",
    "date": "A date at the precision known: YYYY-MM-DD, YYYY-MM or YYYY.",
    "code": "One of a fixed set of values, listed in the column's description.",
    "url": "An absolute web address.",
    "list": "A list: a JSON array in the JSON file; in the CSV file, the same array written as JSON text.",
}
"""The types a column can have, as the codebook explains them."""


@dataclass(frozen=True)
class Context:
    """What a column may need beyond its row: counts from the index, the site's address."""

    index: Index
    site: Site


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    description: str
    value: Callable[[Any, Context], Any]

    @property
    def meaning(self) -> str:
        """The description, with the site's own lists ($source_kinds, $flagged_kinds, $stances) written in."""
        return string.Template(self.description).safe_substitute(_vocabulary_lists())


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Index], Iterable[Any]]
    counts: bool = False
    """True where a column counts entries across the index, so a row can change with other files."""
    shows: Callable[[Any, Index], Any] | None = None
    """What a row shows of other entries, beyond its own: its row is written again when that is another object."""

    def file(self, extension: str) -> str:
        """The path of the table's download in one format, "csv" or "json": a gzip file."""
        return f"{paths.DATA_FOLDER}/{self.name}.{extension}.gz"


def _one_of(values: Iterable[str]) -> str:
    """The values a code column can take, as its description lists them: a, b or c."""
    listed = list(values)
    return f"{', '.join(listed[:-1])} or {listed[-1]}" if len(listed) > 1 else "".join(listed)


def _vocabulary_lists() -> dict[str, str]:
    """The codes a site's vocabulary allows, read when the codebook is written, not when this module loads."""
    flagged = [kind for kind in SOURCE_KIND_LABELS if kind in FLAGGED_SOURCE_KINDS]
    return {
        "source_kinds": _one_of(SOURCE_KIND_LABELS),
        "flagged_kinds": _one_of(flagged) if flagged else "no",
        "stances": _one_of(STANCE_LABELS),
    }


_STATUSES = _one_of(status.value for status in ClaimStatus)


def _page_column(noun: str, page: Callable[[Any], tuple[str, str]]) -> Column:
    """The address of the page (and anchor) showing the row: every table ends with one."""
    return Column("page", "url", f"The address of the {noun} on this site.", lambda e, ctx: ctx.site.url_of(*page(e)))


def _articles(index: Index) -> list[Article]:
    return sorted(index.articles, key=lambda a: a.id)


def _events(index: Index) -> list[Event]:
    return [event for article in _articles(index) for event in article.events]


def _quotes(index: Index) -> list[Quote]:
    return [quote for article in _articles(index) for quote in article.quotes]


def _claims(index: Index) -> list[Claim]:
    return [claim for article in _articles(index) for claim in article.claims]


def _claim_of(event: Event, index: Index) -> Claim:
    return index.content.claims[event.claim]


def _event_shows(event: Event, index: Index) -> Claim | None:
    """The claim whose status an event's row shows: today always in the event's own file, but not relied on."""
    return _claim_of(event, index) if event.claim else None


def _registry(attribute: str) -> Callable[[Index], list[Any]]:
    return lambda index: sorted(getattr(index.content, attribute).values(), key=lambda entry: entry.id)


ARTICLE_COLUMNS = (
    Column("id", "id", "The summary's id: the publication date and a short slug, its file name.", lambda a, _: a.id),
    Column("headline", "text", "The original article's headline, as published.", lambda a, _: a.headline),
    Column("outlet", "id", "The outlet that published the original (see outlets).", lambda a, _: a.source.outlet),
    Column("url", "url", "The original article's address, when known.", lambda a, _: a.source.url),
    Column("published", "date", "When the original was published.", lambda a, _: a.published),
    Column("updated", "date", "When the original was last updated, when stated.", lambda a, _: a.source.updated),
    Column("author", "text", "The original's author or authors, when known.", lambda a, _: a.source.author),
    Column("language", "code", "ISO 639 code of the original's language, e.g. en.", lambda a, _: a.source.language),
    Column(
        "source_kind",
        "code",
        "What kind of source the original is: $source_kinds. Readers are warned of $flagged_kinds sources "
        "wherever their summaries are listed or fed.",
        lambda a, _: a.source.kind,
    ),
    Column(
        "source_reliability",
        "code",
        "Our grade of the source's reliability, A (completely reliable) to F (cannot be judged).",
        lambda a, _: a.grade.source,
    ),
    Column(
        "information_credibility",
        "integer",
        "Our grade of the information's credibility, 1 (confirmed by other sources) to 6 (cannot be judged).",
        lambda a, _: a.grade.information,
    ),
    Column(
        "reliability", "text", "Our note on how far the source can be trusted, and why.", lambda a, _: a.reliability
    ),
    Column(
        "summary", "text", "Our summary, in our own words; blank lines separate paragraphs.", lambda a, _: a.summary
    ),
    Column("key_points", "list", "The main points, one sentence each.", lambda a, _: list(a.key_points)),
    Column("actors", "list", "Ids of the actors the article is about (see actors).", lambda a, _: list(a.actors)),
    Column(
        "mentioned_actors",
        "list",
        "Ids of every actor the article refers to anywhere: its actors, event participants, speakers and claimants.",
        lambda a, _: list(a.mentioned_actors),
    ),
    Column("topics", "list", "Ids of the topics the article touches (see topics).", lambda a, _: list(a.topics)),
    Column("places", "list", "Places the article names.", lambda a, _: list(a.places)),
    _page_column("summary", lambda a: (paths.article_path(a.id), "")),
)

EVENT_COLUMNS = (
    Column("article", "id", "The summary that records the event (see articles).", lambda e, _: e.article),
    Column("number", "integer", "The event's position in that summary, from 1.", lambda e, _: e.number),
    Column("id", "id", "An id shared by every summary's account of the same event, when given.", lambda e, _: e.id),
    Column("date", "date", "When the event happened, at the precision known.", lambda e, _: e.date),
    Column("type", "code", "What kind of event it was, e.g. talks, statement, strike.", lambda e, _: e.type),
    Column("what", "text", "What happened.", lambda e, _: e.what),
    Column("place", "text", "Where it happened, when known.", lambda e, _: e.place),
    Column("actors", "list", "Ids of the actors taking part.", lambda e, _: [p.actor for p in e.participants]),
    Column(
        "roles",
        "list",
        "Each participant's role, in the order of `actors`; empty where none is recorded.",
        lambda e, _: [p.role for p in e.participants],
    ),
    Column("topics", "list", "Ids of the topics the event concerns.", lambda e, _: list(e.topics)),
    Column("claim", "id", "The claim the event rests on, when it is only claimed (see claims).", lambda e, _: e.claim),
    Column(
        "claim_status",
        "code",
        f"Our verdict on the claim the event rests on, which the event carries: {_STATUSES}. A disputed, false or "
        "unverifiable event must not be taken as having happened. Empty when the event rests on no claim.",
        lambda e, ctx: _claim_of(e, ctx.index).status.value if e.claim else None,
    ),
    _page_column("event, in its summary", lambda e: (paths.article_path(e.article), e.anchor)),
)

QUOTE_COLUMNS = (
    Column("article", "id", "The summary that records the quote (see articles).", lambda q, _: q.article),
    Column("number", "integer", "The quote's position in that summary, from 1.", lambda q, _: q.number),
    Column("speaker", "id", "Who said it (see actors).", lambda q, _: q.speaker),
    Column("text", "text", "The words, as the source reports them.", lambda q, _: q.text),
    Column("date", "date", "When it was said, when known.", lambda q, _: q.date),
    Column("place", "text", "Where it was said, when known.", lambda q, _: q.place),
    Column("context", "text", "The occasion, e.g. a press conference.", lambda q, _: q.context),
    Column("topic", "id", "The topic it concerns, when recorded (see topics).", lambda q, _: q.topic),
    Column(
        "stance",
        "code",
        "The stance it takes on the topic: $stances.",
        lambda q, _: q.stance,
    ),
    Column(
        "status",
        "code",
        f"Our verdict on the words, as for claims: {_STATUSES}. A false quote was invented or misattributed; a "
        "disputed, false or unverifiable one must not be taken as said.",
        lambda q, _: q.status.value,
    ),
    Column("note", "text", "Why we gave that verdict; required unless reported or confirmed.", lambda q, _: q.note),
    _page_column("quote, in its summary", lambda q: (paths.article_path(q.article), q.anchor)),
)

CLAIM_COLUMNS = (
    Column("id", "id", "The claim's id, unique across all summaries.", lambda c, _: c.id),
    Column("article", "id", "The summary that records the claim (see articles).", lambda c, _: c.article),
    Column("by", "id", "Who makes the claim (see actors), or `outlet` for the source itself.", lambda c, _: c.by),
    Column(
        "about",
        "list",
        "Ids of the actors the claim speaks of, besides its claimant (see actors).",
        lambda c, _: list(c.about),
    ),
    Column("text", "text", "The claim, as the source reports it.", lambda c, _: c.text),
    Column(
        "status",
        "code",
        f"Our verdict: {_STATUSES}.",
        lambda c, _: c.status.value,
    ),
    Column(
        "credibility",
        "integer",
        "Our grade of the claim's credibility, 1 (confirmed by other sources) to 6 (cannot be judged).",
        lambda c, _: c.credibility,
    ),
    Column("note", "text", "Why we gave that verdict.", lambda c, _: c.note),
    Column("topic", "id", "The topic it concerns, when recorded (see topics).", lambda c, _: c.topic),
    Column("stance", "code", "The stance the claimant takes, as for quotes.", lambda c, _: c.stance),
    Column("contradicts", "list", "Ids of claims this one contradicts.", lambda c, _: list(c.contradicts)),
    Column("supports", "list", "Ids of claims this one supports.", lambda c, _: list(c.supports)),
    _page_column("claim, in its summary", lambda c: (paths.article_path(c.article), c.anchor)),
)


ACTOR_COLUMNS = (
    Column("id", "id", "The actor's id.", lambda a, _: a.id),
    Column("name", "text", "The name used on this site.", lambda a, _: a.name),
    Column("kind", "code", "person, state, organisation or group.", lambda a, _: a.kind),
    Column("role", "text", "A person's office or role, when recorded.", lambda a, _: a.role),
    Column(
        "affiliation", "id", "The state or organisation a person belongs to, when recorded.", lambda a, _: a.affiliation
    ),
    Column("aliases", "list", "Other spellings and names of the actor.", lambda a, _: list(a.aliases)),
    Column("description", "text", "Who the actor is.", lambda a, _: a.description),
    Column(
        "articles", "integer", "How many summaries mention the actor.", lambda a, ctx: len(ctx.index.mentions[a.id])
    ),
    _page_column("actor's page", lambda a: (paths.actor_path(a.id), "")),
)

TOPIC_COLUMNS = (
    Column("id", "id", "The topic's id.", lambda t, _: t.id),
    Column("name", "text", "The name used on this site.", lambda t, _: t.name),
    Column("parent", "id", "The broader topic it belongs to, when any.", lambda t, _: t.parent),
    Column("aliases", "list", "Other names of the topic.", lambda t, _: list(t.aliases)),
    Column("description", "text", "What the topic covers.", lambda t, _: t.description),
    Column(
        "articles", "integer", "How many summaries touch the topic.", lambda t, ctx: len(ctx.index.topic_articles[t.id])
    ),
    _page_column("topic's page", lambda t: (paths.topic_path(t.id), "")),
)

OUTLET_COLUMNS = (
    Column("id", "id", "The outlet's id.", lambda o, _: o.id),
    Column("name", "text", "The outlet's name.", lambda o, _: o.name),
    Column(
        "kind",
        "code",
        "What kind of source it is: $source_kinds.",
        lambda o, _: o.kind,
    ),
    Column("country", "text", "Where it is based.", lambda o, _: o.country),
    Column("language", "code", "ISO 639 code of its main language.", lambda o, _: o.language),
    Column(
        "state_affiliation",
        "code",
        "independent, state-funded, state-controlled or unknown.",
        lambda o, _: o.state_affiliation,
    ),
    Column("url", "url", "Its home page, when recorded.", lambda o, _: o.url),
    Column("aliases", "list", "Other names of the outlet.", lambda o, _: list(o.aliases)),
    Column("description", "text", "What the outlet is.", lambda o, _: o.description),
    Column(
        "articles", "integer", "How many summaries come from it.", lambda o, ctx: len(ctx.index.outlet_articles[o.id])
    ),
    _page_column("outlet's page", lambda o: (paths.outlet_path(o.id), "")),
)


TABLES = (
    Table("articles", "Articles", "One row per summary.", ARTICLE_COLUMNS, _articles),
    Table(
        "events", "Events", "One row per event, as each summary records it.", EVENT_COLUMNS, _events, shows=_event_shows
    ),
    Table("quotes", "Quotes", "One row per quote.", QUOTE_COLUMNS, _quotes),
    Table("claims", "Claims", "One row per claim, with our verdict.", CLAIM_COLUMNS, _claims),
    Table("actors", "Actors", "One row per actor.", ACTOR_COLUMNS, _registry("actors"), counts=True),
    Table("topics", "Topics", "One row per topic.", TOPIC_COLUMNS, _registry("topics"), counts=True),
    Table("outlets", "Outlets", "One row per outlet.", OUTLET_COLUMNS, _registry("outlets"), counts=True),
)


def table_rows(table: Table, index: Index, site: Site) -> list[dict[str, Any]]:
    """The table's rows as plain values: strings, integers, lists, or None where nothing is recorded."""
    context = Context(index, site)
    return [_row(table, entry, context) for entry in table.rows(index)]


def _row(table: Table, entry: Any, context: Context) -> dict[str, Any]:
    return {c.name: _plain(c.value(entry, context)) for c in table.columns}


def _plain(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value.iso()
    return None if value in ("", None) else value


Texts = tuple[str, str]
"""A row's JSON text and its CSV line."""


class RowMemo:
    """Each row's JSON and CSV text, kept while its entry is the same object; each table's files, while its rows are.

    A row depends only on its entry, the site's address and what its table `shows` of other
    entries (an event's row, the status of the claim it rests on). Under `mkdocs serve` an
    unchanged file keeps its objects from build to build, so after an edit only the edited rows
    are written again, and only a table with a row that reads differently is joined and compressed
    again: at 10,000 summaries compressing every table takes 0.6 s, the articles' alone 0.25 s (`GZIP_LEVEL`).
    """

    def __init__(self, keeps: bool = True) -> None:
        self.keeps = keeps
        """Whether the texts outlive the build that wrote them: only `mkdocs serve` reads them again."""
        self._texts: dict[tuple[str, int], tuple[Any, Site, Any, Texts]] = {}
        self._used: dict[tuple[str, int], tuple[Any, Site, Any, Texts]] = {}
        self._files: dict[str, tuple[list[Texts], bytes, bytes]] = {}

    def texts(self, table: Table, entry: Any, context: Context) -> Texts:
        key = (table.name, id(entry))
        known = self._texts.get(key)
        shown = table.shows(entry, context.index) if table.shows else None
        # The entry and what it shows are kept with the texts, so their ids cannot pass to other objects meanwhile.
        if table.counts or known is None or known[0] is not entry or known[1] != context.site or known[2] is not shown:
            row = _row(table, entry, context)
            known = (entry, context.site, shown, (_json_row(row), _csv_line([row[c.name] for c in table.columns])))
        if self.keeps:
            self._used[key] = known
        return known[3]

    def files(self, table: Table, texts: list[Texts]) -> tuple[bytes, bytes]:
        """The table's CSV and JSON files, gzip-compressed from its rows' texts, in the order of `texts`.

        A kept row hands back the very texts it kept, so comparing an unchanged table with the
        last build's costs a pass over references; a table of counts compares its few rows by value.
        """
        known = self._files.get(table.name)
        if known is None or known[0] != texts:
            known = (texts, gzipped(_csv_document(table, texts)), gzipped(_json_document([j for j, _ in texts])))
            if self.keeps:
                self._files[table.name] = known
        return known[1], known[2]

    def forget_unused(self) -> None:
        self._texts, self._used = self._used, {}


def render_exports(index: Index, site: Site, memo: RowMemo | None = None) -> dict[str, bytes]:
    """Every download, keyed by its path: each table as gzip-compressed JSON and CSV, and the JSON Schemas."""
    return dict(each_export(index, site, memo))


def each_export(index: Index, site: Site, memo: RowMemo | None = None) -> Iterator[tuple[str, bytes]]:
    """The downloads one at a time, in order of path; only one table's texts are held at a time.

    At 10,000 summaries the tables are 125 MB before compression: holding every table's rows as
    text, the files and the text they were joined from at once made them the build's peak of memory.
    """
    memo = memo or RowMemo(keeps=False)
    context = Context(index, site)
    for table in sorted(TABLES, key=lambda table: table.name):
        csv_file, json_file = memo.files(table, [memo.texts(table, entry, context) for entry in table.rows(index)])
        yield table.file("csv"), csv_file
        yield table.file("json"), json_file
    memo.forget_unused()
    for name in sorted(SCHEMA_FILES):
        # Uncompressed: editors fetch them by address, and they are a few kilobytes.
        yield schema_path(name), schema_text(name).encode("utf-8")


GZIP_LEVEL = 1
"""zlib's fastest level. Compressing every table of the synthetic corpus (bench/corpus.py; CPU
seconds, best of 3) took 0.58 s at 10,000 summaries, 0.4% of the 151 s build, for 125.1 MB to
24.9 MB; level 6 took 2.29 s (1.5%) for 20.6 MB. At 1,000: 0.06 s (0.3% of 21 s) for 12.6 MB to
2.6 MB; level 6, 0.22 s (1.0%) for 2.1 MB. Level 6 would keep 4.3 MB more off a 10,000-summary
site of about 970 MB, for four times the CPU; and under `mkdocs serve` a summary edit compresses
the articles' two tables again: 0.25 s at 10,000 (0.03 s at 1,000), 1.10 s at level 6 (0.11 s)."""

_GZIP_HEADER = struct.pack("<BBBBLBB", 0x1F, 0x8B, 8, 0, 0, {1: 4, 9: 2}.get(GZIP_LEVEL, 0), 255)
"""A gzip member's header (RFC 1952): deflate, no flag (so no file name), modification time 0,
the level's extra flag, and 255 for an unknown operating system."""


def gzipped(data: bytes) -> bytes:
    """`data` as a gzip file that depends on `data` alone: the same content gives the same bytes.

    gzip.compress with `mtime=0` lets zlib write the header, whose operating-system byte is the
    platform's (3 on Linux); this one is the same everywhere. Another deflate library than zlib
    (zlib-ng) may still compress the same data to other bytes.
    """
    trailer = struct.pack("<LL", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    return _GZIP_HEADER + zlib.compress(data, GZIP_LEVEL, wbits=-15) + trailer


@dataclass
class DownloadSizes:
    """Each download's size in bytes, noted as it is made, for the codebook to show beside its link."""

    sizes: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, files: Mapping[str, bytes]) -> DownloadSizes:
        return cls({path: len(data) for path, data in files.items()})

    def noted(self, files: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
        """Pass the downloads on, noting each one's size."""
        for path, data in files:
            self.sizes[path] = len(data)
            yield path, data

    def label(self, path: str) -> str:
        return size_label(self.sizes[path])

    def labels(self) -> dict[str, str]:
        """Every size as the codebook shows it: a page that shows them changes only when one of these does."""
        return {path: size_label(size) for path, size in self.sizes.items()}


def size_label(size: int) -> str:
    """A size as readers read it, in thousands and millions of bytes: 812 bytes, 1.4 kB, 96 kB, 4.6 MB, 24 MB."""
    for unit, scale in (("MB", 1_000_000), ("kB", 1_000)):
        if size >= scale:
            shown = size / scale
            return f"{shown:.1f} {unit}" if shown < 10 else f"{shown:.0f} {unit}"
    return f"{size} bytes"


def schema_path(name: str) -> str:
    return f"{paths.DATA_FOLDER}/schemas/{name}.schema.json"


def _json_row(row: dict[str, Any]) -> str:
    """One row on a line of its own, as json.dumps writes it.

    One row a line keeps a download readable and diffable. With `indent`, json.dumps leaves its
    C encoder for a Python one that makes new closures (garbage in cycles) at every call: 200 MB
    of them at 10,000 summaries while the collector is paused (collector.py).
    """
    return json.dumps(row, ensure_ascii=False)


def _csv_document(table: Table, texts: list[Texts]) -> bytes:
    """The header, then every row's kept CSV line."""
    header = _csv_line([column.name for column in table.columns])
    return (header + "".join(csv_text for _, csv_text in texts)).encode("utf-8")


def _json_document(rows: list[str]) -> bytes:
    """The rows as one JSON array, a row a line; joined from each row's kept text."""
    return (("[\n" + ",\n".join(rows) + "\n]" if rows else "[]") + "\n").encode("utf-8")


def _csv_line(cells: list[Any]) -> str:
    """One CSV record as csv.writer writes it: every text quoted, as OWASP advises, and numbers bare.

    A text that a spreadsheet would run as a formula is marked too (`_csv_text`). A hand-written
    writer saved 1.1 s of a 10,000-summary build, under 1%: too little to keep.
    """
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC).writerow([_csv_cell(value) for value in cells])
    return buffer.getvalue()


def _csv_cell(value: Any) -> Any:
    if isinstance(value, str):
        return _csv_text(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)  # starts with "[": never a formula
    return "" if value is None else value  # a number stays a number, even a negative one


_MARKED_STARTS = (*FORMULA_STARTS, TEXT_MARK)


def _csv_text(text: str) -> str:
    """A text cell; one that a spreadsheet would run as a formula is marked, as OWASP advises.

    Text that starts with the mark is marked too, so that dropping the first character of every
    cell that starts with the mark always gives the exact text back.
    """
    return TEXT_MARK + text if text.startswith(_MARKED_STARTS) else text
