"""Dates that carry their precision: a year, a month or a day."""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass
from enum import IntEnum

# calendar.month_name formats each name anew on every lookup; a site looks names up millions of times.
_MONTH_NAMES = tuple(calendar.month_name)
_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to a year, a month or a day.

    Ordering puts a year before its months and a month before its days, so
    sorting mixed precisions gives a readable timeline.
    """

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> Precision:
        if self.day:
            return Precision.DAY
        return Precision.MONTH if self.month else Precision.YEAR

    def iso(self) -> str:
        if self.precision is Precision.YEAR:
            return f"{self.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def label(self) -> str:
        """A reader's form: '5 January 2026', 'January 2026' or '2026'."""
        if self.precision is Precision.YEAR:
            return str(self.year)
        month = _MONTH_NAMES[self.month]
        if self.precision is Precision.MONTH:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def month_of(self) -> PartialDate:
        return PartialDate(self.year, self.month)

    def year_of(self) -> PartialDate:
        return PartialDate(self.year)

    def first_day(self) -> datetime.date:
        """The earliest day the date can mean: a month's 1st, a year's 1 January."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        return self.iso()


def parse_date(value: object) -> PartialDate:
    """Parse '2026', '2026-01' or '2026-01-05' (or a bare year number).

    Raises ValueError with a contributor-facing message for impossible dates.
    """
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str):
        raise ValueError("must be a date like 2026-01-05, 2026-01 or 2026")
    return _parse_text(text)


@functools.lru_cache(maxsize=1 << 12)
def _parse_text(text: str) -> PartialDate:
    # Thousands of summaries share a few hundred dates; a PartialDate is immutable.
    match = _DATE_PATTERN.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a date like 2026-01-05, 2026-01 or 2026")
    year, month, day = (int(part) if part else 0 for part in match.groups())
    if match.group(2) and not 1 <= month <= 12:
        raise ValueError(f"{text!r} has no month {month:02d}")
    if match.group(3) and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"{text!r} does not exist: {calendar.month_name[month]} {year} has no day {day}")
    return PartialDate(year, month, day)
