"""Ranges: two ends read by the rules, sharing what one of them leaves out.

"between March and May 2025" -> 2025-03 .. 2025-05 (the year written once serves both),
"from Sept 3 to 12" -> the 12th of September, "2014-2018", "Nov - Feb 5th, 2017" (November
of the year before), "between now and November 15th" (the next November 15th). A range
runs forward: an end before its start is not a range ("2018-2014"). Decades and centuries
are not range ends.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from extract.stages.dates.rules import single
from extract.stages.dates.values import Resolved, interval, on_day, valid_day
from extract.stages.dates.vocabulary import M

_CONNECTOR = re.compile(r"\s*(?:-|~|/|\bto\b|\bthrough\b|\bthru\b|\btill\b|\buntil\b|\band\b)\s*")
_DAY = re.compile(r"(?:the )?[0-3]?\d(?:st|nd|rd|th)?")
_NOW = {"now": 0, "today": 0, "yesterday": -1, "tomorrow": 1, "present": 0}


def date_range(s: str, base: date) -> Resolved | None:
    """ "between March and May 2025", "2014-2018", "from Sept 3 to 12": two ends, shared parts."""
    m = re.match(r"^(?:between|from|in)\s+", s)
    body = s[m.end() :] if m else s
    for c in _CONNECTOR.finditer(body):
        a, b = body[: c.start()].strip(", "), body[c.end() :].strip(", ")
        # "and" joins the ends of "between X and Y", or two days of a month ("April 24 and 25").
        paired = (m and m.group().startswith("between")) or _DAY.fullmatch(b)
        if "and" in c.group() and not paired:
            continue
        if not a or not b:
            continue
        ends = _range_ends(a, b, base)
        if ends:
            return ends
    return None


def now_or_single(s: str, base: date) -> Resolved | None:
    """A range end: "today", "yesterday", "now" ... as a day, else any single expression."""
    return on_day(base + timedelta(days=_NOW[s]), True) if s in _NOW else single(s, base)


def _with_year(res: Resolved | None, year: int, relative: bool = False) -> Resolved | None:
    """The value in another year; None where that year lacks the day (February 29)."""
    if res is None or (
        res.granularity == "day" and not valid_day(year, int(res.value[5:7]), int(res.value[8:10]))
    ):
        return None
    return Resolved(str(year) + res.value[4:], res.granularity, relative)


def _same_month(other: Resolved, day: int) -> Resolved | None:
    """Another day of the month of a day value, read the same way."""
    d = valid_day(int(other.value[:4]), int(other.value[5:7]), day)
    return Resolved(d.isoformat(), "day", other.relative, cycle=other.cycle) if d else None


def _range_ends(a: str, b: str, base: date) -> Resolved | None:
    ra, rb = now_or_single(a, base), now_or_single(b, base)
    rb = rb or day_in_month(b, base)
    day_only = re.compile(r"(?:the )?([0-3]?\d)(?:st|nd|rd|th)?")
    # "3 to 12 Sept", "April 9th through 17th": the bare day takes the other end's month.
    if rb and rb.granularity == "day" and (da := day_only.fullmatch(a)):
        ra = _same_month(rb, int(da[1]))
    elif ra and ra.granularity == "day" and (db := day_only.fullmatch(b)):
        rb = _same_month(ra, int(db[1]))
    if not ra or not rb or ra.value_end or rb.value_end:
        return None
    if {ra.granularity, rb.granularity} & {"decade", "century"}:
        return None
    # "between now and November 15th": the dated end lies on the far side of today.
    if a in _NOW and rb.relative and rb.granularity in ("day", "month") and rb.value < ra.value:
        rb = _with_year(rb, int(rb.value[:4]) + 1, True)
    if b in _NOW and ra.relative and ra.granularity in ("day", "month") and ra.value > rb.value:
        ra = _with_year(ra, int(ra.value[:4]) - 1, True)
    if not ra or not rb:
        return None
    if {ra.granularity, rb.granularity} <= {"day", "month"} and a not in _NOW and b not in _NOW:
        year_in = re.compile(r"\d{4}|'\d\d")
        a_year, b_year = bool(year_in.search(a)), bool(year_in.search(b))
        calendar_like = re.compile(rf"{M}|\d{{1,2}}/\d{{1,2}}")
        anchored = re.compile(r"\b(?:this|next|last|previous|coming|past)\b")
        if not (calendar_like.search(a) and calendar_like.search(b)) or anchored.search(
            a + " " + b
        ):
            a_year = b_year = True  # "next Friday" keeps its own year
        if b_year and not a_year:  # "Nov - Feb 5th, 2017", "10/1-11/2/2017"
            year = int(rb.value[:4])
            ra = _with_year(ra, year - 1 if ra.value[4:] > rb.value[4:] else year)
        elif a_year and not b_year:
            year = int(ra.value[:4])
            rb = _with_year(rb, year + 1 if rb.value[4:] < ra.value[4:] else year)
        elif not a_year and not b_year and rb.value < ra.value:
            rb = _with_year(rb, int(ra.value[:4]) + (rb.value[4:] < ra.value[4:]), True)
    if not ra or not rb or interval(ra.value)[0] > interval(rb.value)[0]:
        return None  # "2018-2014", "32 - 2015": not a range
    cycle = ra.cycle if ra.cycle == rb.cycle else ""
    return Resolved(ra.value, ra.granularity, ra.relative or rb.relative, rb.value, cycle)


def day_in_month(s: str, base: date) -> Resolved | None:
    """ "22 this month", "23 of next month": a day of a month named by a phrase."""
    m = re.fullmatch(r"(?:the )?([0-3]?\d)(?:st|nd|rd|th)? (?:of |in )?(.+)", s)
    if not m:
        return None
    month = single(m[2], base)
    if month is None or month.granularity != "month" or month.value_end:
        return None
    return on_day(valid_day(int(month.value[:4]), int(month.value[5:7]), int(m[1])), month.relative)
