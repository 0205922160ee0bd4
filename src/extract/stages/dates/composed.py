"""Rules for dates built on another date phrase, which they resolve with `rules.single`:
"the first Friday of next month", "the 20th of next month", "the first ten days of last
year", "two weeks starting March 3", "the second week of January", "week 10 of 2027",
"the week ended February 22", "Tuesday, March 7", "early March", "the end of 2000".

A part of a period keeps the period's `relative` flag; a weekday written beside a date
("Tuesday, March 7") is the date; "early", "mid", "late" and "the end of" keep the period
they qualify ("late March" is March), never a day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from extract.lexicon import WEEKDAYS
from extract.stages.dates.ranges import day_in_month, now_or_single
from extract.stages.dates.rules import rule, single
from extract.stages.dates.values import (
    Resolved,
    interval,
    iso_week,
    on_day,
    shift,
    valid_day,
    week_value,
)
from extract.stages.dates.vocabulary import REL_WORDS, UNIT, N, W
from extract.stages.dates.written import bare_day, year_expr

_NTH_WEEKDAY = re.compile(rf"(?:the )?(?P<n>[1-5])(?:st|nd|rd|th) {W} (?:of|in) (?P<p>.+)")
_LAST_WEEKDAY = re.compile(rf"(?:the )?(?P<n>last|final) {W} (?:of|in) (?P<p>.+)")


@rule("nth_weekday")
def nth_weekday(s: str, base: date) -> Resolved | None:
    """ "the first Friday of next month", "the last Monday in May": a weekday counted in a month;
    "the first weekend of September": its Saturday and Sunday."""
    if m := re.fullmatch(
        r"(?:the )?(?P<n>[1-5](?:st|nd|rd|th)|last|final) weekend (?P<rest>.+)", s
    ):
        saturday = nth_weekday(f"{m['n']} saturday {m['rest']}", base)
        if saturday is None:
            return None
        sunday = date.fromisoformat(saturday.value) + timedelta(days=1)
        return Resolved(saturday.value, "day", saturday.relative, sunday.isoformat())
    m = _NTH_WEEKDAY.fullmatch(s) or _LAST_WEEKDAY.fullmatch(s)
    if not m:
        return None
    month = single(m["p"], base)
    if month is None or month.granularity != "month" or month.value_end:
        return None
    first, end = interval(month.value)
    wd = WEEKDAYS[m["w"]]
    if m["n"] in ("last", "final"):
        d = end - timedelta(days=1)
        d -= timedelta(days=(d.weekday() - wd) % 7)
    else:
        d = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (int(m["n"]) - 1))
        if d >= end:
            return None
    return on_day(d, month.relative)


@rule("day_of")
def day_of(s: str, base: date) -> Resolved | None:
    """ "the 20th of next month": an ordinal day of a month phrase."""
    if re.fullmatch(r"(?:the )?[0-3]?\d(?:st|nd|rd|th) (?:of|in) .+", s):
        return day_in_month(s, base)
    return None


_UNITS_AT_END = re.compile(
    rf"(?:the )?(?P<end>1st|first|last|final) {N} (?P<u>day|week|month)s? (?:of|in) (?P<p>.+)"
)


@rule("first_last_of")
def first_last_of(s: str, base: date) -> Resolved | None:
    """ "the first ten days of last year", "the last 3 weeks of this year": units at one end
    of a period, as days (weeks are whole Monday-Sunday weeks inside the period)."""
    m = _UNITS_AT_END.fullmatch(s)
    if not m:
        return None
    period = single(m["p"], base)
    if period is None or period.granularity == "day":
        return None
    first, end = interval(period.value)
    if period.value_end:
        end = interval(period.value_end)[1]
    n, unit, head = int(m["n"]), m["u"], m["end"] in ("1st", "first")
    if unit == "week":
        if head:
            first += timedelta(days=-first.weekday() % 7)
        else:
            end -= timedelta(days=end.weekday())
    lo, hi = (first, shift(first, unit, n)) if head else (shift(end, unit, -n), end)
    if lo < first or hi > end or lo >= hi:
        return None
    return Resolved(lo.isoformat(), "day", period.relative, (hi - timedelta(days=1)).isoformat())


_UNITS_STARTING = re.compile(
    rf"(?:the |1 )?(?:{N} )?{UNIT}(?:,? (?:starting|beginning|commencing)(?: on| from| with)?"
    rf"|, from) (?P<a>.+)"
)


@rule("starting")
def starting(s: str, base: date) -> Resolved | None:
    """ "2 weeks starting May 20th", "the week beginning Feb 4", "3 days, from today": a run
    of units from a given day."""
    m = _UNITS_STARTING.fullmatch(s)
    if not m:
        return None
    a = m["a"]
    anchor = now_or_single(a, base)
    if anchor is None or anchor.granularity != "day" or anchor.value_end:
        return None
    first = date.fromisoformat(anchor.value)
    last = shift(first, m["u"], int(m["n"] or 1)) - timedelta(days=1)
    return Resolved(first.isoformat(), "day", anchor.relative, last.isoformat())


@rule("part_of")
def part_of(s: str, base: date) -> Resolved | None:
    """ "week 10 (of 2027)", "the third week of January", "the last week of 2019",
    "the 9th month of next year": a week or month counted inside a period."""
    if m := re.fullmatch(r"(?:the )?week of (.+)", s):
        day = single(m[1], base)
        if day and day.granularity == "day" and not day.value_end:
            return Resolved(week_value(date.fromisoformat(day.value)), "week", day.relative)
    if m := re.fullmatch(r"(?:the )?(last|final|[0-3]?\d(?:st|nd|rd|th)) day (?:of|in) (.+)", s):
        month = single(m[2], base)
        if month is None or month.granularity != "month" or month.value_end:
            return None
        first, end = interval(month.value)
        if m[1] in ("last", "final"):
            return on_day(end - timedelta(days=1), month.relative)
        return on_day(valid_day(first.year, first.month, int(m[1][:-2])), month.relative)
    if m := re.fullmatch(r"(?:the )?week (\d{1,2})(?:,? (?:of )?(.+))?", s):
        year, relative = (base.year, True) if not m[2] else (year_expr(m[2], base) or (None, False))
        return iso_week(year, int(m[1]), relative) if year else None
    m = re.fullmatch(r"(?:the )?(?P<n>\d{1,2})(?:st|nd|rd|th) (?P<u>week|month) of (?P<p>.+)", s)
    m = m or re.fullmatch(r"(?:the )?(?P<n>last|final) (?P<u>week) of (?P<p>.+)", s)
    if not m:
        return None
    period = single(m["p"], base)
    if period is None or period.value_end or period.granularity not in ("month", "year"):
        return None
    first, end = interval(period.value)
    if m["u"] == "week" and m["n"].isdigit() and not 1 <= int(m["n"]) <= 5:
        return None
    if m["u"] == "month":
        if period.granularity != "year" or not 1 <= int(m["n"]) <= 12:
            return None
        return Resolved(f"{first.year}-{int(m['n']):02d}", "month", period.relative)
    # As ISO weeks belong to years: the weeks whose Thursday falls inside the period.
    if m["n"] in ("last", "final"):
        thursday = end - timedelta(days=1)
        while thursday.weekday() != 3:
            thursday -= timedelta(days=1)
    else:
        thursday = (
            first + timedelta(days=(3 - first.weekday()) % 7) + timedelta(weeks=int(m["n"]) - 1)
        )
    monday = thursday - timedelta(days=3)
    return Resolved(week_value(monday), "week", period.relative)


_UNITS_ENDED = re.compile(rf"(?:the )?(?:(?P<n>\d{{1,2}}) )?{UNIT} (?:ended|ending|to) (?P<d>.+)")


@rule("period_ended")
def period_ended(s: str, base: date) -> Resolved | None:
    """ "the week ended February 22", "the nine months to June 30": the days up to that day."""
    m = _UNITS_ENDED.fullmatch(s)
    if not m:
        return None
    last = single(m["d"], base)
    if last is None or last.granularity != "day" or last.value_end:
        return None
    end = date.fromisoformat(last.value)
    start = shift(end + timedelta(days=1), m["u"], -int(m["n"] or 1))
    return Resolved(start.isoformat(), "day", last.relative, end.isoformat())


# "Tuesday, March 7", "next Friday 5/12": a weekday, then the date that names the day.
_WEEKDAY_AND = re.compile(rf"(?:(?:{REL_WORDS}) )?{W},? (?:the )?(?P<rest>.+)")
_TWO_DATES = re.compile(rf"{W}|(?:to|through|till|until|and|-)\b")


@rule("weekday_and_date", claims=_WEEKDAY_AND)
def weekday_and_date(s: str, base: date) -> Resolved | None:
    """ "Tuesday, March 7", "Tue 13th", "next Friday 5/12": the date names the day."""
    m = _WEEKDAY_AND.fullmatch(s)
    if not m or _TWO_DATES.match(m["rest"]):
        return None  # "Wednesday, Thursday": two dates; "Friday to Oct 1": a range
    wd = WEEKDAYS[m["w"]]
    rest = bare_day(m["rest"], base, wd) or single(m["rest"], base)
    if not rest or rest.granularity != "day" or rest.value_end:
        return None
    if rest.cycle == "year" and date.fromisoformat(rest.value).weekday() == wd:
        return Resolved(rest.value, "day", True)  # "Monday, Oct. 26": the weekday fixes the year
    return rest


# "early March", "mid-2026", "the end of 2000": a period and where in it.
_EDGE = re.compile(
    r"(?:early|mid|late|the end of|end of|the beginning of|beginning of"
    r"|the middle of|middle of|the start of|start of)[ \-]?(?P<rest>.+)"
)


@rule("early_mid_late", claims=_EDGE)
def early_mid_late(s: str, base: date) -> Resolved | None:
    """ "early March", "mid-2026", "the end of 2000": the period itself, at its precision."""
    m = _EDGE.fullmatch(s)
    rest = single(m["rest"], base) if m else None
    return rest if rest and rest.granularity != "day" else None
