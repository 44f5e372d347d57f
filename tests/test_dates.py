"""Dates carry their precision, and impossible dates are refused."""

from __future__ import annotations

import pytest

from builder.dates import PartialDate, Precision, parse_date


@pytest.mark.parametrize(
    ("text", "precision", "label"),
    [
        ("2026-01-05", Precision.DAY, "5 January 2026"),
        ("2025-11", Precision.MONTH, "November 2025"),
        ("2025", Precision.YEAR, "2025"),
        (2025, Precision.YEAR, "2025"),
    ],
)
def test_precision_is_kept(text: object, precision: Precision, label: str) -> None:
    date = parse_date(text)
    assert date.precision is precision
    assert date.label() == label
    assert date.iso() == str(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "does not exist: February 2026 has no day 30"),
        ("2026-13-01", "has no month 13"),
        ("2026-1-5", "is not a date like 2026-01-05"),
        ("5 January 2026", "is not a date like 2026-01-05"),
    ],
)
def test_impossible_dates_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


def test_a_period_sorts_before_the_dates_inside_it() -> None:
    dates = [parse_date(text) for text in ("2026-01-05", "2026", "2025-12-31", "2026-01")]
    assert [d.iso() for d in sorted(dates)] == ["2025-12-31", "2026", "2026-01", "2026-01-05"]


def test_leap_day_exists_only_in_leap_years() -> None:
    assert parse_date("2024-02-29") == PartialDate(2024, 2, 29)
    with pytest.raises(ValueError):
        parse_date("2025-02-29")
