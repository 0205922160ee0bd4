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

GRANULARITIES = (
    "day", "week", "weekend", "month", "season", "quarter", "year", "decade", "century"
)  # fmt: skip
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
    # "week", "month" or "year" when the text leaves that out ("Friday", "the 18th", "March 5"):
    # the value is one occurrence of a series, and `place` picks the one the tense says.
    cycle: str = ""


def interval(value: str) -> tuple[date, date]:
    """The days an ISO value covers, as [first, end) (end exclusive)."""
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d + timedelta(days=1)
    if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
        d = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return d, d + timedelta(weeks=1)
    if m := re.fullmatch(r"(\d{4})-W(\d\d)-WE", value):
        d = date.fromisocalendar(int(m[1]), int(m[2]), 6)
        return d, d + timedelta(days=2)
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


def weekend_value(saturday: date) -> str:
    """The weekend of a Saturday as TIMEX3 writes it: "2025-W06-WE"."""
    return week_value(saturday) + "-WE"


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


def period_of(d: date, unit: str, relative: bool) -> Resolved:
    """The period of a unit that holds a day, at that unit's precision: "two years ago" names
    a year, "six weeks ago" a week (decades count years; fortnights and days, days)."""
    if unit in ("year", "decade"):
        return Resolved(str(d.year), "year", relative)
    if unit == "quarter":
        return Resolved(f"{d.year}-Q{quarter_of(d)}", "quarter", relative)
    if unit == "month":
        return Resolved(f"{d.year}-{d.month:02d}", "month", relative)
    if unit == "week":
        return Resolved(week_value(d), "week", relative)
    return Resolved(d.isoformat(), "day", relative)


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


def _moved(value: str, cycle: str, n: int) -> str | None:
    """One value moved by n cycles, or None where the calendar has no such day."""
    if m := re.fullmatch(r"(\d{4})-W(\d\d)-WE", value):
        return weekend_value(date.fromisocalendar(int(m[1]), int(m[2]), 6) + timedelta(weeks=n))
    if cycle == "year":
        year = int(value[:4]) + n
        if (m := re.fullmatch(r"\d{4}-(\d\d)-(\d\d)", value)) and not valid_day(
            year, int(m[1]), int(m[2])
        ):
            return None
        return f"{year}{value[4:]}"
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return None
    d = date.fromisoformat(value)
    if cycle == "week":
        return (d + timedelta(weeks=n)).isoformat()
    moved = d + relativedelta(months=n)
    return moved.isoformat() if moved.day == d.day else None


def place(res: Resolved, base: date, tense: int) -> Resolved:
    """A value of a series ("Friday", "March 5") moved to the occurrence the tense names: in
    the past (-1), the latest that has begun by `base`; in the future (1), the first that has
    not ended before it. For a plan (2), the nearer of the two. With no tense (0) news mostly
    reports the past: a weekday is the last one, a date the latest begun unless the next is
    less than two thirds as far ("April 24" in February is this April)."""
    if not res.cycle:
        return res
    if tense in (-1, 1) or (tense == 0 and res.cycle == "week"):
        return _occurrence(res, base, tense or -1)
    past, future = _occurrence(res, base, -1), _occurrence(res, base, 1)
    if past == future:
        return past
    since = (base - interval(past.value_end or past.value)[1]).days + 1
    until = (interval(future.value)[0] - base).days
    return future if until * (2 if tense == 2 else 3) < 2 * since else past


def _occurrence(res: Resolved, base: date, tense: int) -> Resolved:
    for _ in range(2):
        begun = interval(res.value)[0] <= base
        ended = interval(res.value_end or res.value)[1] <= base
        if (tense < 0 and begun) or (tense > 0 and not ended):
            break
        value = _moved(res.value, res.cycle, tense)
        value_end = _moved(res.value_end, res.cycle, tense) if res.value_end else ""
        if value is None or value_end is None:
            break
        res = Resolved(value, res.granularity, res.relative, value_end, res.cycle)
    return res
