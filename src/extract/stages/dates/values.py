"""Date values: what a rule resolves a phrase to, and the calendar arithmetic rules share.

A value is ISO 8601 at the precision the text gives (see the granularities below and the
stage's docstring); `interval(value)` gives the days it covers. Every helper here is pure:
no text, no vocabulary, only dates.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

GRANULARITIES = ("day", "week", "month", "season", "quarter", "year", "decade", "century")
# The unit words rules count in, and the relativedelta argument each moves.
UNITS = {"day": "days", "week": "weeks", "fortnight": "fortnights", "month": "months",
         "quarter": "quarters", "year": "years", "decade": "decades"}  # fmt: skip


@dataclass(frozen=True)
class Resolved:
    """A resolved date expression, before it is tied to a span."""

    value: str
    granularity: str
    relative: bool
    value_end: str = ""


def interval(value: str) -> tuple[date, date]:
    """The days an ISO value covers, as [first, end) (end exclusive)."""
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d + timedelta(days=1)
    if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
        d = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return d, d + timedelta(weeks=1)
    if m := re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", value):
        d = date(int(m[1]), int(m[2]), 1)
        return d, d + relativedelta(months=1)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        d = date(int(m[1]), 3 * int(m[2]) - 2, 1)
        return d, d + relativedelta(months=3)
    if m := re.fullmatch(r"(\d{4})", value):
        return date(int(m[1]), 1, 1), date(int(m[1]) + 1, 1, 1)
    if m := re.fullmatch(r"(\d{4})-(2[1-4])", value):  # seasons, by meteorological months
        d = date(int(m[1]), {21: 3, 22: 6, 23: 9, 24: 12}[int(m[2])], 1)
        return d, d + relativedelta(months=3)
    if m := re.fullmatch(r"(\d{3})X", value):
        return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 10, 1, 1)
    if m := re.fullmatch(r"(\d\d)XX", value):
        return date(max(1, int(m[1]) * 100), 1, 1), date(int(m[1]) * 100 + 100, 1, 1)
    raise ValueError(f"not an ISO date value: {value!r}")


def two_digit_year(yy: int, base_year: int) -> int:
    """'87 -> 1987, '24 -> 2024: the century that keeps the year at most 20 years ahead."""
    year = 2000 + yy
    return year if year <= base_year + 20 else year - 100


def year_number(token: str, base: date) -> int:
    """ "2025" -> 2025, "'25" -> 2025 (see `two_digit_year`)."""
    return two_digit_year(int(token[1:]), base.year) if token.startswith("'") else int(token)


def nearest_year(month: int, day: int | None, base: date) -> int:
    """The year that puts month(/day) nearest the publication date."""
    best, best_gap = base.year, None
    for year in (base.year - 1, base.year, base.year + 1):
        first = date(year, month, 1)
        if day is None:
            last = first + relativedelta(months=1, days=-1)
        else:
            first = last = date(year, month, min(day, calendar.monthrange(year, month)[1]))
        gap = 0 if first <= base <= last else min(abs((first - base).days), abs((last - base).days))
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def valid_day(year: int, month: int, day: int) -> date | None:
    """The date, or None where the calendar has no such day ("February 30")."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def week_value(d: date) -> str:
    """The ISO week of a day: "2025-W06"."""
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def on_day(d: date | None, relative: bool) -> Resolved | None:
    """A day value, or None for no day (so a rule can pass `valid_day`'s None through)."""
    return Resolved(d.isoformat(), "day", relative) if d else None


def shift(base: date, unit: str, n: int) -> date:
    """`base` moved by n units (a unit of `UNITS`)."""
    if unit == "fortnight":
        return base + timedelta(weeks=2 * n)
    if unit == "quarter":
        return base + relativedelta(months=3 * n)
    if unit == "decade":
        return base + relativedelta(years=10 * n)
    return base + relativedelta(**{UNITS[unit]: n})


def iso_week(year: int, week: int, relative: bool) -> Resolved | None:
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return Resolved(week_value(monday), "week", relative)


def weekday_in_week(week_of: date, weekday: int) -> date:
    """The given weekday (0 = Monday) of the ISO week holding `week_of`."""
    return week_of - timedelta(days=week_of.weekday()) + timedelta(days=weekday)


def business_days(base: date, n: int) -> list[date]:
    """The n working days (Monday-Friday) after base, or before it for negative n."""
    days, d = [], base
    while len(days) < abs(n):
        d += timedelta(days=1 if n > 0 else -1)
        if d.weekday() < 5:
            days.append(d)
    return days


def nth_weekday_of(year: int, month: int, weekday: int, n: int) -> date:
    """The nth weekday of a month (n = -1: the last one)."""
    if n < 0:
        last = date(year, month, 1) + relativedelta(months=1, days=-1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
