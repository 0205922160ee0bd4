"""The holiday rule: named holidays as days, from the tables in `data/dates.json`.

A holiday falls on a fixed day ("christmas": December 25), on the nth weekday of a month
("thanksgiving": the fourth Thursday of November) or a number of days from another holiday
or from Easter ("good friday": Easter less two days). Without a year it is the one nearest
the publication date ("last"/"next" pick the one before/after it); "<holiday> weekend" is
the weekend beside it, three days when the holiday is a Monday or a Friday; "<holiday> week"
the ISO week it falls in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from dateutil.easter import easter

from extract.stages.dates.rules import rule
from extract.stages.dates.values import Resolved, nth_weekday_of, week_value, weekday_in_week
from extract.stages.dates.vocabulary import HOLIDAY_OFFSETS, HOLIDAYS, WEEKDAY_HOLIDAYS
from extract.stages.dates.written import year_expr


@rule("holiday")
def holiday(s: str, base: date) -> Resolved | None:
    """ "Christmas", "next Thanksgiving", "Easter 2018", "the Memorial Day weekend"."""
    # "Labor Day weekend", "Halloween weekend 2021": the weekend next to the holiday.
    if (plain := re.sub(r" weekend\b", "", s)) != s:
        day = holiday(plain, base)
        if day is None:
            return None
        # A Monday or Friday holiday makes a long weekend of three days.
        d = date.fromisoformat(day.value)
        first = d - timedelta(days=2) if d.weekday() == 0 else weekday_in_week(d, 5)
        first = d if d.weekday() == 4 else first
        last = first + timedelta(days=1 if first.weekday() == 5 and d.weekday() != 0 else 2)
        return Resolved(first.isoformat(), "day", day.relative, last.isoformat())
    if (plain := re.sub(r" week\b", "", s)) != s:  # "Easter week": the ISO week it falls in
        day = holiday(plain, base)
        if day is None or day.value_end:
            return None
        return Resolved(week_value(date.fromisoformat(day.value)), "week", day.relative)
    m = re.fullmatch(
        r"(?:(?P<rel>last|next|following|this|previous) )?(?P<h>[a-z.' ]+?)"
        r"(?:,? (?:of )?(?P<y>\d{4}|(?:this|next|last) year))?",
        s,
    )
    if not m:
        return None
    name, rel = m["h"], m["rel"]
    year = None
    if m["y"]:
        year, _ = year_expr(m["y"], base) or (None, False)

    def pick(make: Callable[[int], date]) -> Resolved:
        if year is not None:
            return Resolved(make(year).isoformat(), "day", False)
        options = [make(y) for y in (base.year - 1, base.year, base.year + 1)]
        if rel in ("last", "previous"):
            return Resolved(max(d for d in options if d < base).isoformat(), "day", True)
        if rel in ("next", "following"):
            return Resolved(min(d for d in options if d > base).isoformat(), "day", True)
        if rel == "this":
            return Resolved(make(base.year).isoformat(), "day", True)
        return Resolved(min(options, key=lambda d: abs((d - base).days)).isoformat(), "day", True)

    if (make := holiday_date(name)) is not None:
        return pick(make)
    return None


def holiday_date(name: str) -> Callable[[int], date] | None:
    """The function year -> date of a named holiday, or None."""
    if name in HOLIDAYS:
        month, day = HOLIDAYS[name]
        return lambda y: date(y, month, day)
    if name == "easter":
        return easter
    if name in WEEKDAY_HOLIDAYS:
        month, weekday, n = WEEKDAY_HOLIDAYS[name]
        return lambda y: nth_weekday_of(y, month, weekday, n)
    if name in HOLIDAY_OFFSETS:
        base_name, days = HOLIDAY_OFFSETS[name]
        base_date = holiday_date(base_name)
        return base_date and (lambda y: base_date(y) + timedelta(days=days))
    return None
