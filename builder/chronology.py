"""The chronology: every event in date order, one page per year, drawn with the precision it is known to.

Each event gets a bar that spans its year, January to December: an event known to the day is a
narrow mark at that day, one known to the month a band over the month, one known only to the
year a band over the whole year. No event is ever placed on a day its source does not give.
A year with more events than `PART_SIZE` is split into numbered parts, so that no page grows
with the content.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterator
from dataclasses import dataclass

from . import paths
from .dates import PartialDate, Precision
from .index import Index
from .model import Event

PART_SIZE = 200
"""The most events one page of the chronology shows: about 150 KB of HTML with the theme's."""

PRECISION_WORDS = {
    Precision.DAY: "day",
    Precision.MONTH: "known to the month",
    Precision.YEAR: "known only to the year",
}
"""What a reader is told of an event's precision, beside its date."""


@dataclass(frozen=True)
class Span:
    """Where an event's mark sits on its year's bar, as percentages of the bar's width."""

    start: float
    width: float
    precision: Precision

    @property
    def style(self) -> str:
        return f"--start:{self.start:.2f}%;--width:{self.width:.2f}%"


def span_of(date: PartialDate) -> Span:
    """The part of its year a date covers. Months count as twelve equal columns, as the bar draws them."""
    if date.precision is Precision.YEAR:
        return Span(0.0, 100.0, date.precision)
    month_start = (date.month - 1) / 12 * 100
    if date.precision is Precision.MONTH:
        return Span(month_start, 100 / 12, date.precision)
    days = calendar.monthrange(date.year, date.month)[1]
    return Span(month_start + (date.day - 1) / days * 100 / 12, 100 / 12 / days, date.precision)


def events_of_year(index: Index, year: PartialDate) -> list[Event]:
    """Every event dated within the year, in date order: the year's own first, then each month before its days."""
    return [event for date in _dates_of_year(index, year) for event in index.dates[date].events]


def _dates_of_year(index: Index, year: PartialDate) -> Iterator[PartialDate]:
    """The year, then each of its months followed by that month's days: the order events are shown in."""
    yield year
    for month in index.dates_within(year, Precision.MONTH):
        yield month
        yield from index.dates_within(month, Precision.DAY)


def years(index: Index) -> list[PartialDate]:
    """The years that have at least one event, oldest first.

    Asked by every chronology page, and by `mkdocs serve` after each edit: it stops at a year's
    first date with an event rather than listing the year's events.
    """
    return [year for year in index.years() if any(index.dates[d].events for d in _dates_of_year(index, year))]


def part_count(total: int) -> int:
    return max(1, math.ceil(total / PART_SIZE))


def year_path(year: PartialDate, part: int = 1) -> str:
    """'chronology/2025.md', and its later parts in its folder: 'chronology/2025/2.md'."""
    first = f"{paths.CHRONOLOGY_FOLDER}/{year.year:04d}.md"
    return first if part == 1 else f"{paths.CHRONOLOGY_FOLDER}/{year.year:04d}/{part}.md"


def newest_year_of(events: list[Event]) -> PartialDate | None:
    """The year of the newest of these events, where a link to the chronology filtered to them lands."""
    return max((event.date.year_of() for event in events), default=None)
