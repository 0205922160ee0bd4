"""Rules for dates written on the calendar: day, month and year in words or digits, weekdays,
seasons, quarters and halves, years and decades ("March 4", "4/3/2025", "Tuesday", "summer
2025", "Q3", "H2 2019", "fiscal 2025", "the 1990s", "the 15th century").

A date written without its year takes the year nearest the publication date, and is then
`relative`; see the stage's docstring for the values each gives.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from extract.lexicon import MONTHS, SEASONS, WEEKDAYS
from extract.stages.dates.rules import rule
from extract.stages.dates.values import (
    Resolved,
    iso_week,
    nearest_year,
    on_day,
    two_digit_year,
    valid_day,
    weekday_in_week,
    year_number,
)
from extract.stages.dates.vocabulary import OFFSET, REL, REL_WORDS, D, M, W, Y

_REL_YEAR = re.compile(rf"(?:the )?{REL} (?:fiscal |calendar )?year")


def year_expr(s: str, base: date) -> tuple[int, bool] | None:
    """A year phrase: "2025", "'25", "fiscal 2025", "this year", "next year('s)"."""
    s = re.sub(r"'s$", "", s.strip())
    if m := re.fullmatch(
        r"(?:the )?(?:(?:fiscal|calendar)(?: year)? |fy ?|year )?(\d{4}|'\d\d)", s
    ):
        return year_number(m[1], base), False
    if m := _REL_YEAR.fullmatch(s):
        return base.year + OFFSET.get(m["rel"], 0), True
    if s == "the year":  # "this year", "the current year" matched just above
        return base.year, True
    return None


_REL_MONTH = re.compile(
    rf"(?P<rel>this|next|last|past|coming) {M}(?: (?P<d>[0-3]?\d)(?:st|nd|rd|th)?)?"
)
_MONTH_REL_YEAR = re.compile(rf"{M}(?: of| in)? (?P<yr>(?:this|next|last) year)")
_YEAR_MONTH = re.compile(rf"(?P<y>\d{{4}}),? {M}")
# The ways a month, its day and its year are written, tried in this order.
_MONTH_FORMS = [
    re.compile(form)
    for form in (
        rf"{M}[ /\-]?(?:the )?{D}(?:,? ?(?:in )?{Y})?",
        rf"(?:the )?{D} (?:of |day of )?{M}(?:,? (?:in |of )?{Y})?",
        rf"{D}[ \-/]?{M}[ \-/]?{Y}?",
        rf"{M}(?:,| of| in)? ?[\-/]?{Y}",
        rf"{M} of (?P<y>\d\d)",
        rf"{M},? (?P<y>3[2-9]|[4-9]\d)",  # "August 99": no day is past 31
        rf"(?P<y>\d{{4}}) {M} {D}",
        rf"{M}",
    )
]


@rule("month_day")
def month_day(s: str, base: date) -> Resolved | None:
    """Month names with an optional day and year, in either order."""
    if m := _REL_MONTH.fullmatch(s):
        # "this May" is this year's; "next July" the first July after this month (in April,
        # this year's), "last December" the latest before it (in January, a month ago).
        month, step = MONTHS[m["m"]], OFFSET[m["rel"]]
        day = int(m["d"]) if m["d"] else None
        now = (base.month, day and base.day)
        year = base.year + (step > 0 and (month, day) <= now) - (step < 0 and (month, day) >= now)
        if day:
            return on_day(valid_day(year, month, day), True)
        return Resolved(f"{year}-{month:02d}", "month", True)
    # "June next year", "2016, Nov": a month and a year in the other order or as a phrase.
    m = _MONTH_REL_YEAR.fullmatch(s)
    if m or (m := _YEAR_MONTH.fullmatch(s)):
        yr = m.groupdict().get("yr")
        year, relative = year_expr(yr, base) if yr else (int(m["y"]), False)
        return Resolved(f"{year}-{MONTHS[m['m']]:02d}", "month", relative)
    for form in _MONTH_FORMS:
        m = form.fullmatch(s)
        if not m:
            continue
        month = MONTHS[m["m"]]
        day = int(m["d"]) if "d" in m.groupdict() and m["d"] else None
        if day is not None and not 1 <= day <= 31:
            return None
        has_year = bool(m.groupdict().get("y"))
        if has_year and len(m["y"]) == 2:  # "April of 87"
            year = two_digit_year(int(m["y"]), base.year)
        else:
            year = year_number(m["y"], base) if has_year else nearest_year(month, day, base)
        cycle = "" if has_year else "year"
        if day is None:
            return Resolved(f"{year}-{month:02d}", "month", not has_year, cycle=cycle)
        d = valid_day(year, month, day)
        return Resolved(d.isoformat(), "day", not has_year, cycle=cycle) if d else None
    return None


@rule("numeric")
def numeric(s: str, base: date) -> Resolved | None:
    """Digits-only dates: ISO, US m/d/y (d/m/y when the first part cannot be a month)."""
    if m := re.fullmatch(r"(\d{4})[-/. ](\d{1,2})[-/. ](\d{1,2})", s):
        return on_day(valid_day(int(m[1]), int(m[2]), int(m[3])), False)
    if m := re.fullmatch(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})", s):
        a, b, y = int(m[1]), int(m[3]), int(m[4])
        y = two_digit_year(y, base.year) if len(m[4]) == 2 else y
        month, day = (b, a) if a > 12 else (a, b)
        return on_day(valid_day(y, month, day), False)
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:, (\d{4}))?", s):
        a, b = int(m[1]), int(m[2])
        month, day = (b, a) if a > 12 else (a, b)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        if m[3]:
            return on_day(valid_day(int(m[3]), month, day), False)
        d = valid_day(nearest_year(month, day, base), month, day)
        return Resolved(d.isoformat(), "day", True, cycle="year") if d else None
    if (m := re.fullmatch(r"(\d{4})/(\d\d)", s)) and int(m[2]) == (int(m[1]) + 1) % 100:
        return Resolved(m[1], "year", False, str(int(m[1]) + 1))  # "1986/87": a split year
    if m := re.fullmatch(r"(\d{1,2}) ?[/\-] ?(\d{4})|(\d{4}) ?[/\-] ?(\d{1,2})", s):
        month, year = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        if 1 <= month <= 12:
            return Resolved(f"{year}-{month:02d}", "month", False)
        return None
    if m := re.fullmatch(r"(\d{4})-?w(\d{1,2})", s):
        return iso_week(int(m[1]), int(m[2]), False)
    return None


_WEEKDAY = re.compile(
    rf"(?:(?P<mod>this past|this coming|this upcoming|{REL_WORDS}) )?{W}"
    rf"(?: (?:of |on |from )?"
    rf"(?P<wk>(?:this|next|last|previous|the following|the coming) week))?"
)
_WEEK_WEEKDAY = re.compile(
    rf"(?P<wk>(?:this|next|last|previous|the following|the coming) week)(?:'s|,)?(?: on)? {W}"
)


@rule("weekday")
def weekday(s: str, base: date) -> Resolved | None:
    """Weekday names, alone or tied to a week ("next Monday", "Tuesday of last week")."""
    m = _WEEKDAY.fullmatch(s) or _WEEK_WEEKDAY.fullmatch(s)
    if not m:
        return None
    wd = WEEKDAYS[m["w"]]
    mod = m.groupdict().get("mod")
    if m["wk"]:
        shift = OFFSET.get(m["wk"].split()[-2], 0)
        return on_day(weekday_in_week(base + timedelta(weeks=shift), wd), True)
    back = (base.weekday() - wd) % 7
    fwd = (wd - base.weekday()) % 7
    if mod is None:  # news mostly reports what happened: the last such day, unless the tense says
        return Resolved((base - timedelta(days=back)).isoformat(), "day", True, cycle="week")
    if mod in ("this past", "last", "past"):
        d = base - timedelta(days=back or 7)
    elif mod in ("this coming", "this upcoming", "coming", "upcoming"):
        d = base + timedelta(days=fwd or 7)
    elif mod in ("this", "current"):
        d = weekday_in_week(base, wd)
    elif mod == "previous":
        d = weekday_in_week(base - timedelta(weeks=1), wd)
    else:  # next, following: that day in the next week
        d = weekday_in_week(base + timedelta(weeks=1), wd)
    return on_day(d, True)


@rule("bare_day")
def bare_day(s: str, base: date, weekday_named: int | None = None) -> Resolved | None:
    """ "the 18th" (with a weekday, "Tue 13th"): the nearest month with that day."""
    if weekday_named is not None:
        m = re.fullmatch(r"(?:the )?([0-3]?\d)(?:st|nd|rd|th)?", s)
    else:
        m = re.fullmatch(r"the ([0-3]?\d)(?:st|nd|rd|th)", s)
    if m is None and (
        m := re.fullmatch(
            r"(?:the )?([0-3]?\d)(?:st|nd|rd|th)? day of (?:the|this|(next|last)) month", s
        )
    ):
        month = base.replace(day=1) + relativedelta(months=OFFSET[m[2]] if m[2] else 0)
        return on_day(valid_day(month.year, month.month, int(m[1])), True)
    if not m or not 1 <= int(m[1]) <= 31:
        return None
    options = []
    for k in range(-12, 13):
        first = base.replace(day=1) + relativedelta(months=k)
        d = valid_day(first.year, first.month, int(m[1]))
        if d and (weekday_named is None or d.weekday() == weekday_named):
            options.append(d)
    if not options:
        return None
    nearest = min(options, key=lambda d: abs((d - base).days))
    return Resolved(nearest.isoformat(), "day", True, cycle="" if weekday_named else "month")


@rule("season")
def season(s: str, base: date) -> Resolved | None:
    """Seasons as ISO 8601-2 codes: "summer 2025" -> "2025-22" (21 spring ... 24 winter)."""
    m = re.fullmatch(
        r"(?:(?P<rel>this|next|last|past|coming) |the )?"
        r"(?P<s>spring|summer|autumn|fall|winter)(?:,? (?:of )?(?P<y>\d{4}))?",
        s,
    )
    if not m or not (m["rel"] or m["y"] or s.startswith("the ")):
        return None  # "a fall in prices", "winter wheat": not seasons on their own
    if m["s"] in ("spring", "fall") and not (m["rel"] or m["y"]):
        return None
    code = SEASONS[m["s"]]
    if m["y"]:
        return Resolved(f"{m['y']}-{code}", "season", False)
    start_month = {21: 3, 22: 6, 23: 9, 24: 12}[code]
    year = base.year
    if m["rel"] in ("last", "past") and date(year, start_month, 1) > base:
        year -= 1
    elif m["rel"] in ("next", "coming") and date(year, start_month, 1) <= base:
        year += 1
    return Resolved(f"{year}-{code}", "season", True, cycle="" if m["rel"] else "year")


@rule("quarter_half")
def quarter_half(s: str, base: date) -> Resolved | None:
    """Quarters ("Q3 2025", "the third quarter", "4Q24") and halves ("H2 2019")."""
    q = year = None
    relative = False
    m = (
        re.fullmatch(r"q([1-4])(?:[ /\-]?(?:of )?(?:fy|fiscal )?(\d{4}|'?\d\d))?", s)
        or re.fullmatch(r"q([1-4]) (?:of )?((?:this|next|last) year)", s)
        or re.fullmatch(r"(?:fy|fiscal )?(\d{4}|\d\d)[ \-/]?q([1-4])", s)
        or re.fullmatch(r"([1-4])q ?'?(\d\d(?:\d\d)?)?", s)
    )
    if m:
        groups = [g for g in m.groups() if g]
        if m.re.pattern.startswith("(?:fy"):
            groups = groups[::-1]
        q = int(groups[0])
        if len(groups) > 1 and groups[1].endswith("year"):
            year, relative = year_expr(groups[1], base) or (base.year, True)
        elif len(groups) > 1:
            y = groups[1].lstrip("'")
            year = int(y) if len(y) == 4 else two_digit_year(int(y), base.year)
    elif m := re.fullmatch(
        r"(?:the )?(?:(?P<y1>.+?) )?(?:the )?(?P<o>[1-4])(?:st|nd|rd|th)"
        r" quarter(?:,? (?:of |in )?(?P<y2>.+))?",
        s,
    ):
        q = int(m["o"])
        ytext = m["y2"] or m["y1"]
        if ytext:
            parsed = year_expr(ytext, base)
            if parsed is None:
                return None
            year, relative = parsed
    elif m := re.fullmatch(r"(?:the )?(?P<m>march|june|september|december) quarter", s):
        q = MONTHS[m["m"]] // 3  # "the December quarter": the quarter ending in December
    elif m := re.fullmatch(r"(?:the )?(?:final|last) quarter of (?P<y>.+)", s):
        parsed = year_expr(m["y"], base)
        if parsed is None:
            return None
        q, (year, relative) = 4, parsed
    if q is not None:
        if year is None:  # the nearest such quarter to the publication date
            options = []
            for y in (base.year - 1, base.year, base.year + 1):
                first = date(y, 3 * q - 2, 1)
                last = first + relativedelta(months=3, days=-1)
                gap = (
                    0
                    if first <= base <= last
                    else min(abs((first - base).days), abs((last - base).days))
                )
                options.append((gap, y))
            return Resolved(f"{min(options)[1]}-Q{q}", "quarter", True, cycle="year")
        return Resolved(f"{year}-Q{q}", "quarter", relative)
    m = (
        re.fullmatch(r"h([12])[ \-/]?(\d{4})", s)
        or re.fullmatch(r"(\d{4})[ \-/]?h([12])", s)
        or re.fullmatch(r"(?:the )?([12])(?:st|nd) half(?: of (.+))?", s)
    )
    if not m:
        return None
    a, b = m.groups()
    if a and len(a) == 4:
        a, b = b, a
    h = int(a)
    if b is None:
        year, relative = base.year, True
    else:
        parsed = year_expr(b, base)
        if parsed is None:
            return None
        year, relative = parsed
    first = 1 if h == 1 else 7
    return Resolved(f"{year}-{first:02d}", "month", relative, f"{year}-{first + 5:02d}")


@rule("year_decade")
def year_decade(s: str, base: date) -> Resolved | None:
    if m := re.fullmatch(
        r"(?:fiscal|fy|calendar|cy)? ?(?:year )?(\d{4}|'\d\d|\d\d)"
        r"|(\d{4}) (?:fiscal|financial|calendar) year",
        s,
    ):
        token = m[1] or m[2]
        if len(token) == 2 and not re.match(r"(?:fiscal|fy|cy)", s):
            return None
        y = two_digit_year(int(token[-2:]), base.year) if len(token) < 4 else int(token)
        if not 1000 <= y <= 2999:
            return None
        return Resolved(str(y), "year", False)
    if m := re.fullmatch(r"(\d{3})0 ?'?s", s):
        return Resolved(f"{m[1]}X", "decade", False)
    # "'80s", "80's", "the 80s" (but not "their 80s", an age)
    if m := re.fullmatch(r"'(\d)0 ?'?s|(\d)0's|the (\d)0s", s):
        m = re.match(r"\D*(\d)", s)
        year = two_digit_year(int(m[1]) * 10, base.year)
        if year > base.year:
            year -= 100
        return Resolved(f"{year // 10}X", "decade", True)
    if m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th) century", s):
        return Resolved(f"{int(m[1]) - 1:02d}XX", "century", False)
    return None
