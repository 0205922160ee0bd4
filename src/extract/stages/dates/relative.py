"""Rules for periods counted from a reference day (`base`: the publication date, or the date
the story last named for what refers back): "next month", "last quarter", "this weekend",
"3 days ago", "in 2 weeks", "2 weeks before Christmas", "1 month and 21 days ago", "the past
three years", "the next 4 business days", "the rest of the year", "this morning", "Wednesday
night", "that year", "the year-ago quarter", "year-end".

Every value here is `relative`. A counted period keeps the unit the text counts in ("two
years ago" is a year, "in 2 weeks" a week), unless it counts from a named day ("3 weeks from
tomorrow" is a day). A run of units ("the past three years") is a day range ending on the
reference day, or starting the day after it for the future. A part of a day is the day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from extract.stages.dates.rules import rule, single
from extract.stages.dates.values import (
    Resolved,
    business_days,
    interval,
    on_day,
    period_of,
    quarter_of,
    shift,
    week_value,
    weekday_in_week,
    weekend_value,
)
from extract.stages.dates.vocabulary import (
    DAY_PARTS,
    NAMED_DAYS,
    OFFSET,
    REL,
    REL_WORDS,
    UNIT,
    UNIT_WORDS,
    N,
)


@rule("named_day")
def named_day(s: str, base: date) -> Resolved | None:
    """ "today", "yesterday", "the day after tomorrow", "last night": a day from publication."""
    return on_day(base + timedelta(days=NAMED_DAYS[s]), True) if s in NAMED_DAYS else None


_PART = rf"(?:{'|'.join(DAY_PARTS)})"
# The day a part of a day belongs to, by the word before it: "this morning", "the next night".
_PART_DAY = {"this": 0, "that": 0, "the same": 0, "that same": 0, "the next": 1,
             "the following": 1, "the previous": -1, "the prior": -1}  # fmt: skip


_DAY_AND_PART = re.compile(rf"(?P<day>.+?),? (?:in the )?{_PART}")


@rule("day_part")
def day_part(s: str, base: date) -> Resolved | None:
    """ "this morning", "Wednesday night", "later this afternoon", "early Tuesday", "the next
    morning": a part of a day is that day."""
    rest = re.sub(r"^(?:early|late|later|earlier)(?: on)? (?:in )?", "", s)
    if part := _DAY_AND_PART.fullmatch(rest):
        rest = part["day"]
        if rest in _PART_DAY:
            return on_day(base + timedelta(days=_PART_DAY[rest]), True)
    elif rest == s:
        return None
    found = single(rest, base)
    if found is None or found.granularity != "day" or found.value_end:
        return None
    return found


@rule("that_period")
def that_period(s: str, base: date) -> Resolved | None:
    """ "that year", "later that month", "the same day", "the year-ago quarter", "year-end":
    a period named from the date the story speaks of (the caller passes it as `base`)."""
    if m := re.fullmatch(
        r"(?:(?:earlier|later|early|late) )?(?:in )?(?:that|the same|that same) "
        r"(?P<u>day|week|month|quarter|year)",
        s,
    ):
        return period_of(base, m["u"], True)
    if m := re.fullmatch(
        r"(?:the )?year[- ](?:ago|earlier|before)(?: (?P<u>quarter|period|month|week|year))", s
    ):
        unit = "quarter" if m["u"] == "period" else m["u"]
        return period_of(shift(base, "year", -1), unit, True)
    if m := re.fullmatch(r"(?:the )?(?P<u>year|quarter|month)[- ]end", s):
        return period_of(base, m["u"], True)
    return None


_REL_WEEKEND = re.compile(rf"(?P<rel>{REL_WORDS}|the|that) weekend")
_REL_PERIOD = re.compile(
    rf"(?:the )?{REL} (?:calendar |fiscal |working |work |business )?"
    rf"(?P<u>week|fortnight|month|quarter|year|decade)"
)


@rule("relative_period")
def relative_period(s: str, base: date) -> Resolved | None:
    """this/next/last week, month, quarter, year, decade, and their early/later variants."""
    prefix = (
        r"^(?:earlier|later|early|late|mid|end of|the end of|beginning of|the beginning of|"
        r"start of|the start of|the rest of|rest of) (?:in )?"
    )
    if re.match(prefix + r"(?:week|month|year)$", s):
        s = re.sub(prefix, "the ", s)
    s = re.sub(prefix, "", s)
    s = re.sub(r"'s$", "", s)
    if m := _REL_WEEKEND.fullmatch(s):
        # The Saturday and Sunday of the (shifted) ISO week, written as TIMEX3 does.
        saturday = weekday_in_week(base + timedelta(weeks=OFFSET.get(m["rel"], 0)), 5)
        bare = m["rel"] in ("the", "that")
        if bare and (saturday - base).days > 3:
            saturday -= timedelta(weeks=1)  # on a Monday "the weekend" is the one just gone
        cycle = "week" if m["rel"] == "the" else ""  # "that weekend" is the story's
        return Resolved(weekend_value(saturday), "weekend", True, cycle=cycle)
    if m := _REL_PERIOD.fullmatch(s):
        k, unit = OFFSET[m["rel"]], m["u"]
    elif m := re.fullmatch(
        r"the (?P<u>week|fortnight|month|year|day)|(?P<ytd>year to date|ytd)", s
    ):
        k, unit = 0, "year" if m["ytd"] else m["u"]
    elif m := re.fullmatch(r"(?:the )?(?P<u>week|month|year) after next", s):
        k, unit = 2, m["u"]
    else:
        return None
    if unit == "day":
        return on_day(base, True)
    if unit == "fortnight":  # two weeks from a Monday, as days
        monday = weekday_in_week(base + timedelta(weeks=2 * k), 0)
        return Resolved(monday.isoformat(), "day", True, (monday + timedelta(days=13)).isoformat())
    if unit == "week":
        return Resolved(week_value(base + timedelta(weeks=k)), "week", True)
    if unit == "month":
        d = base + relativedelta(months=k)
        return Resolved(f"{d.year}-{d.month:02d}", "month", True)
    if unit == "quarter":
        d = base + relativedelta(months=3 * k)
        return Resolved(f"{d.year}-Q{quarter_of(d)}", "quarter", True)
    if unit == "decade":
        return Resolved(f"{base.year // 10 + k}X", "decade", True)
    return Resolved(str(base.year + k), "year", True)


_UNITS_AGO = re.compile(
    rf"{N} {UNIT} (?P<dir>ago|earlier|before|later|after|hence|from)"
    rf"(?: (?P<a>now|today|tomorrow|yesterday))?"
)
_UNIT_AROUND = re.compile(r"the (?P<u>week|month|quarter|year) (?P<dir>before|after|earlier|later)")
_IN_UNITS = re.compile(rf"in {N} {UNIT}(?:' time)?")
_BUSINESS_DAYS = re.compile(rf"(?:in )?{N} business days?(?: (?P<dir>ago|later))?")
_ONE_UNIT = re.compile(r"^the (day|week|month|year) (?=before|after)")
_UNITS_FROM_DAY = re.compile(rf"{N} {UNIT} (?P<dir>before|after|from) (?P<a>.+)")


@rule("units_from")
def units_from(s: str, base: date) -> Resolved | None:
    """ "3 days ago", "in 2 weeks", "two years later", "3 weeks from tomorrow"."""
    anchors = {"now": 0, "today": 0, "tomorrow": 1, "yesterday": -1}
    if m := _UNITS_AGO.fullmatch(s):
        sign = -1 if m["dir"] in ("ago", "earlier", "before") else 1
        if m["dir"] in ("before", "after", "from") and not m["a"]:
            return None
        start = base + timedelta(days=anchors.get(m["a"] or "today", 0))
        moved = shift(start, m["u"], sign * int(m["n"]))
        # "two years ago" names a year; "three weeks from tomorrow" a day.
        return (
            on_day(moved, True)
            if m["a"] in ("tomorrow", "yesterday")
            else period_of(moved, m["u"], True)
        )
    if m := _UNIT_AROUND.fullmatch(s):
        sign = -1 if m["dir"] in ("before", "earlier") else 1
        return period_of(shift(base, m["u"], sign), m["u"], True)
    if m := _IN_UNITS.fullmatch(s):
        return period_of(shift(base, m["u"], int(m["n"])), m["u"], True)
    if m := _BUSINESS_DAYS.fullmatch(s):
        if s.startswith("in ") == bool(m["dir"]):
            return None
        n = int(m["n"]) * (-1 if m["dir"] == "ago" else 1)
        return on_day(business_days(base, n)[-1], True)
    # "2 weeks before Christmas", "two months after next Friday": shift a resolved day.
    s = _ONE_UNIT.sub(r"1 \1 ", s)
    if m := _UNITS_FROM_DAY.fullmatch(s):
        anchor = single(m["a"], base)
        if anchor is None or anchor.granularity != "day" or anchor.value_end:
            return None
        sign = -1 if m["dir"] == "before" else 1
        moved = shift(date.fromisoformat(anchor.value), m["u"], sign * int(m["n"]))
        # "3 days from Tuesday" is one of a series, as "Tuesday" is.
        return Resolved(moved.isoformat(), "day", anchor.relative, cycle=anchor.cycle)
    return None


_MIXED_UNITS = re.compile(
    rf"(?P<parts>(?:\d{{1,3}} (?:{UNIT_WORDS})s?(?:,| and)? ?){{2,4}})"
    rf" (?P<dir>ago|earlier|later|hence|from now)"
)


@rule("mixed_units_from")
def mixed_units_from(s: str, base: date) -> Resolved | None:
    """ "1 month and 21 days ago", "2 years 21 days later": several units at once."""
    m = _MIXED_UNITS.fullmatch(s)
    if not m:
        return None
    sign = -1 if m["dir"] in ("ago", "earlier") else 1
    d = base
    for n, unit in re.findall(rf"(\d{{1,3}}) ({UNIT_WORDS})", m["parts"]):
        d = shift(d, unit, sign * int(n))
    return on_day(d, True)


# "3 months", "3 months and 2 weeks, 2 days", "4 business days": counted units.
_N1 = r"\d{1,3}"
_U1 = rf"(?:business |working )?(?:{UNIT_WORDS})s?"
_PARTS = rf"{_N1} {_U1}(?:(?:,| and|, and)? {_N1} {_U1}){{0,3}}"
_WITHIN_PARTS = re.compile(
    rf"within (?:the )?(?:(?:next|coming|upcoming|following) )?(?P<parts>{_PARTS})"
    r"(?: (?:from )?(?:now|today))?"
)
_REL_PARTS = re.compile(
    rf"(?:the )?(?P<rel>last|past|previous|next|coming|upcoming|following) (?P<parts>{_PARTS})"
)
_N_REL_UNITS = re.compile(
    rf"(?:the )?(?P<n>{_N1}) (?P<rel>last|past|previous|next|coming|upcoming) (?P<u>{_U1})"
)


def _parts(s: str) -> list[tuple[int, str]]:
    found = re.findall(rf"(\d{{1,3}}) ((?:business |working )?(?:{UNIT_WORDS}))", s)
    return [(int(n), "business day" if u.endswith(" day") else u.split()[-1]) for n, u in found]


@rule("span_of_units")
def span_of_units(s: str, base: date) -> Resolved | None:
    """ "the past three years", "the next 2 weeks", "the last 3 months and 2 weeks",
    "the next 4 business days": a day range ending or starting today."""
    s = re.sub(r"^(the )?past (decade|fortnight)$", lambda m: f"past 1 {m[2]}", s)
    if m := _WITHIN_PARTS.fullmatch(s):
        end = base
        for n, unit in _parts(m["parts"]):
            if unit == "business day":
                return None
            end = shift(end, unit, n)
        return Resolved(base.isoformat(), "day", True, end.isoformat())
    m = _REL_PARTS.fullmatch(s) or _N_REL_UNITS.fullmatch(s)
    if not m:
        return None
    parts = _parts(m["parts"] if "parts" in m.groupdict() else f"{m['n']} {m['u']}")
    if not parts:
        return None
    future = m["rel"] in ("next", "coming", "upcoming", "following")
    if parts[0][1] == "business day":
        if len(parts) > 1:
            return None
        days = business_days(base, parts[0][0] if future else -parts[0][0])
        return Resolved(min(days).isoformat(), "day", True, max(days).isoformat())
    if len(parts) == 1 and parts[0][1] == "quarter":  # whole calendar quarters
        n = parts[0][0]
        this_q = date(base.year, 3 * quarter_of(base) - 2, 1)
        start = this_q + relativedelta(months=3) if future else this_q - relativedelta(months=3 * n)
        end = start + relativedelta(months=3 * n, days=-1)
    elif len(parts) == 1 and parts[0][1] == "decade" and parts[0][0] > 1:  # whole decades
        n, this_d = parts[0][0], date(base.year // 10 * 10, 1, 1)
        start = this_d + relativedelta(years=10) if future else this_d - relativedelta(years=10 * n)
        end = start + relativedelta(years=10 * n, days=-1)
    elif future:
        start = end = base + timedelta(days=1)
        for n, unit in parts:
            end = shift(end, unit, n)
    else:
        start = end = base
        for n, unit in parts:
            start = shift(start, unit, -n)
    return Resolved(start.isoformat(), "day", True, end.isoformat())


@rule("rest_of")
def rest_of(s: str, base: date) -> Resolved | None:
    """ "the rest of the year": from the publication day to the period's last day."""
    m = re.fullmatch(
        r"(?:the )?(?:rest|remainder|remaining)(?: days)? of (?:the |this |current |my )?"
        r"(?P<u>week|month|quarter|year)",
        s,
    )
    if not m:
        return None
    period = relative_period(f"this {m['u']}", base)
    if period is None:
        return None
    end = interval(period.value)[1] - timedelta(days=1)
    return Resolved(base.isoformat(), "day", True, end.isoformat())
