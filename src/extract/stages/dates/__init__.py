"""Dates: date mentions in an article, resolved to ISO 8601 against its publication date.

Row `DateMention(doc_id, start, end, text, value, granularity, relative, value_end)`:

- `text == article.text[start:end]`, always (offsets come from spaCy tokens).
- `value` is ISO 8601 at the precision the text gives, named by `granularity`:
  day "2025-02-07", week "2025-W06" (ISO week), month "2025-02", quarter "2025-Q3",
  year "2025", decade "199X" (ISO 8601-2 / EDTF unspecified digit: some year 1990-1999),
  and two extensions: season "2025-22" (ISO 8601-2 codes 21 spring .. 24 winter) and
  century "14XX" (the 15th century).
- `value_end` is "" for one period; for a range it is the last period, at its own precision:
  "between March and May 2025" -> "2025-03" .. "2025-05"; "2014-2018" -> "2014" .. "2018";
  "the past three years" and "the week ended Feb 22" -> day values. A quarter or fiscal year
  is one period ("Q3 2025" -> "2025-Q3", "fiscal 2025" -> "2025"); a half year is a month
  range ("H2 2019" -> "2019-07" .. "2019-12"); weekends and fortnights are day ranges
  ("this weekend" -> Saturday .. Sunday). `interval(value)` gives the days a value covers.
- `relative` is True when the value depends on the publication date ("last Tuesday", "next
  month", "March" with no year). With no publication date such mentions are dropped: a date
  that cannot be placed is not reported with a guessed value. Absolute ones are kept.
- A date without a year takes the year that puts it nearest the publication date
  ("December" in a February 2025 article is 2024-12; "the third quarter" is 2024-Q3).
  "next/last May" is May of next/last year; a bare weekday is the nearest one (up to 3 days
  back, else forward); "next Monday" is Monday of next week.
- Not dates: durations ("three years", "for 10 days"), ages ("45 years old", "45-year-old"),
  plain numbers and fractions ("000", "5/8"), sets ("every Friday"), the verb "may", times.

Vocabulary (month and weekday names, number words, seasons, holidays) is data:
`data/dates.json`, loaded once at import.

How: candidates are spaCy DATE entities plus a token Matcher (months, weekdays, quarters,
numeric forms, relative phrases, holidays) run only on windows around date-like tokens;
overlapping candidates merge and neighbours joined by "to", "-", "and", "of", "," are tried
as one expression ("from April 2016 to June 2017", "Tuesday, March 4"). Each candidate's text
is resolved by the small grammar below, which knows the granularity of what news writes;
dateparser (English only, RELATIVE_BASE = publication date) resolves whole candidates the
grammar does not know. Both are cached per (text, publication date); nothing searches the
whole text, so the stage stays a small fraction of the spaCy model's time.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from extract.article import Article
from extract.config import Settings
from extract.lexicon import (
    AMBIGUOUS_MONTHS,
    DECADE_WORDS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    SEASONS,
    TENS,
    TENS_ORDINALS,
    WEEKDAYS,
)
from extract.stages import Stage, data_path

GRANULARITIES = ("day", "week", "month", "season", "quarter", "year", "decade", "century")


@dataclass(frozen=True)
class DateMention:
    doc_id: str
    start: int
    end: int
    text: str
    value: str
    granularity: str
    relative: bool
    value_end: str = ""


@dataclass(frozen=True)
class Resolved:
    """A resolved date expression, before it is tied to a span."""

    value: str
    granularity: str
    relative: bool
    value_end: str = ""


# --- vocabulary -------------------------------------------------------------------------


def _vocabulary() -> dict:
    text = data_path("dates.json").read_text(encoding="utf-8")
    return json.loads(text)


_VOCAB = _vocabulary()  # loaded once, at import
UNITS = {"day": "days", "week": "weeks", "fortnight": "fortnights", "month": "months",
         "quarter": "quarters", "year": "years", "decade": "decades"}  # fmt: skip
# Fixed-date holidays (month, day); US holidays on the nth (or last, -1) weekday of a month
# (month, weekday, n); and days counted from Easter or from another holiday (base, days).
HOLIDAYS = {name: tuple(md) for name, md in _VOCAB["holidays"]["fixed"].items()}
WEEKDAY_HOLIDAYS = {name: tuple(v) for name, v in _VOCAB["holidays"]["nth_weekday"].items()}
HOLIDAY_OFFSETS = {name: tuple(v) for name, v in _VOCAB["holidays"]["offsets"].items()}
_HOLIDAY_NAMES = [*HOLIDAYS, *WEEKDAY_HOLIDAYS, *HOLIDAY_OFFSETS, "easter"]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _small_number(words: str) -> int:
    """ "thirty two" -> 32, "fifteen" -> 15."""
    total = 0
    for word in re.split(r"[ -]", words):
        total += TENS.get(word) or NUMBER_WORDS.index(word)
    return total


def _sub_words(s: str) -> str:
    """Number words to digits, so the grammar below only sees digits."""

    def tens_units(m: re.Match) -> str:
        tens = TENS[m["t"]]
        unit = m["u"]
        if unit in ORDINALS:
            return _ordinal(tens + ORDINALS.index(unit))
        return str(tens + NUMBER_WORDS.index(unit))

    ones = "|".join(NUMBER_WORDS[1:10])
    ords = "|".join(ORDINALS[1:10])
    small = rf"(?:(?:{'|'.join(TENS)})(?:[ -](?:{ones}))?|{'|'.join(NUMBER_WORDS[1:])})"
    s = re.sub(
        rf"\btwo thousand(?:(?: and)? (?P<r>{small}))?\b",
        lambda m: str(2000 + (_small_number(m["r"]) if m["r"] else 0)),
        s,
    )
    s = re.sub(
        rf"\b(?P<c>{'|'.join(NUMBER_WORDS[11:20])}|twenty) "
        rf"(?P<r>(?:{'|'.join(TENS)})(?:[ -](?:{ones}))?)\b",
        lambda m: str(_small_number(m["c"]) * 100 + _small_number(m["r"])),
        s,
    )
    s = re.sub(rf"\b(?P<t>{'|'.join(TENS)})[ -](?P<u>{ords}|{ones})\b", tens_units, s)
    s = re.sub(rf"\b({'|'.join(DECADE_WORDS)})\b", lambda m: f"'{DECADE_WORDS[m[1]]}s", s)
    s = re.sub(rf"\b({'|'.join(TENS_ORDINALS)})\b", lambda m: _ordinal(TENS_ORDINALS[m[1]]), s)
    s = re.sub(rf"\b({'|'.join(TENS)})\b", lambda m: str(TENS[m[1]]), s)
    s = re.sub(rf"\b({'|'.join(ORDINALS[1:])})\b", lambda m: _ordinal(ORDINALS.index(m[1])), s)
    s = re.sub(rf"\b({'|'.join(NUMBER_WORDS[1:])})\b", lambda m: str(NUMBER_WORDS.index(m[1])), s)
    s = re.sub(r"\b(?:a )?few\b", "3", s)  # as the Recognizers spec reads "a few days ago"
    s = re.sub(r"\b(a|an) couple of\b", "2", s)
    s = re.sub(r"\b(?:(?:a|an|the) )?(?:couple|pair)(?: of)?\b", "2", s)
    return re.sub(r"\b(a|an)\b", "1", s)


def normalize(text: str) -> str:
    """Lower case, plain punctuation, digits for number words, no wrapping punctuation."""
    s = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[\u2010-\u2015]", "-", s)
    s = re.sub(r"\s+", " ", s).strip(' .,;:!?()[]"')
    s = re.sub(r" ?[()] ?", " ", s)  # "Friday (June 15": the parenthesis only restates
    s = re.sub(r"(?<=[a-z])\.(?=\s|$|-)", "", s)  # "feb." "sept."
    s = re.sub(r"\s*,\s*", ", ", s)
    s = re.sub(r"(?<=\d)\.(?= [a-z])", "", s)  # "16. nov. 2016"
    s = re.sub(r"\b(?:tmrw|tmr|tmw)\b", "tomorrow", s)
    # "dec31", "jan/3", "sep-23-2020", "23/sep/2020": a month name glued to digits.
    months = "|".join(sorted(MONTHS, key=len, reverse=True))
    s = re.sub(rf"\b(\d{{1,4}})[-/.]({months})[-/.](\d{{1,4}})\b", r"\1 \2 \3", s)
    s = re.sub(rf"\b({months})[-/.]?(?=\d)", r"\1 ", s)
    s = re.sub(rf"\b(\d{{1,2}}(?:st|nd|rd|th)?)({months})\b", r"\1 \2", s)
    s = re.sub(rf"\b({months}) (\d{{1,2}})[-/](\d{{4}})\b", r"\1 \2 \3", s)
    return _sub_words(s)


# --- the grammar --------------------------------------------------------------------------

_M = r"(?P<m>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_W = r"(?P<w>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")"
_D = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<y>\d{4}|'\d\d)"
_OFFSET = {"this": 0, "current": 0, "next": 1, "coming": 1, "following": 1, "upcoming": 1,
           "last": -1, "previous": -1, "past": -1}  # fmt: skip
# No relative word is a prefix of another, so their order in the alternation is free.
_REL_WORDS = "|".join(_OFFSET)
_REL = rf"(?P<rel>{_REL_WORDS})"
_UNIT_WORDS = "day|week|fortnight|month|quarter|year|decade"
_UNIT = rf"(?P<u>{_UNIT_WORDS})s?"
_N = r"(?P<n>\d{1,3})"
_LEAD = re.compile(
    r"^(?:the|on|in|at|of|during|by|since|until|till|through|around|about|circa|"
    r"as early as|as late as|as of|no later than|starting|beginning|starting on|"
    r"beginning on|starting from|after|before|later than|earlier than|sometime|"
    r"sometime in|throughout|for|over|within|from|year|calendar year|cy|"
    r"the year|the year of|just|only)\s+"
)
_DURATION = re.compile(
    r"^(?:(?:about|around|nearly|almost|over|more than|less than|up to|at least|some|"
    r"roughly|approximately|another|the first|the last|the past|the next|for)\s+)?"
    r"(?:\d[\d,.]*|few|several|many|2)\s*-?\s*"
    r"(?:day|week|fortnight|month|quarter|year|decade|hour|minute|night|century)s?"
    r"(?:\s+(?:old|long|running|straight|in a row|of age))?$"
)
_AGE = re.compile(r"\bold\b|\bages?d?\b|-year-old|\bof age\b")


def _two_digit_year(yy: int, base_year: int) -> int:
    """'87 -> 1987, '24 -> 2024: the century that keeps the year at most 20 years ahead."""
    year = 2000 + yy
    return year if year <= base_year + 20 else year - 100


def _year(token: str, base: date) -> int:
    return _two_digit_year(int(token[1:]), base.year) if token.startswith("'") else int(token)


def _nearest_year(month: int, day: int | None, base: date) -> int:
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


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _res_day(d: date | None, relative: bool) -> Resolved | None:
    return Resolved(d.isoformat(), "day", relative) if d else None


def _shift(base: date, unit: str, n: int) -> date:
    if unit == "fortnight":
        return base + timedelta(weeks=2 * n)
    if unit == "quarter":
        return base + relativedelta(months=3 * n)
    if unit == "decade":
        return base + relativedelta(years=10 * n)
    return base + relativedelta(**{UNITS[unit]: n})


def _year_expr(s: str, base: date) -> tuple[int, bool] | None:
    """A year phrase: "2025", "'25", "fiscal 2025", "this year", "next year('s)"."""
    s = re.sub(r"'s$", "", s.strip())
    if m := re.fullmatch(
        r"(?:the )?(?:(?:fiscal|calendar)(?: year)? |fy ?|year )?(\d{4}|'\d\d)", s
    ):
        return _year(m[1], base), False
    if m := re.fullmatch(rf"(?:the )?{_REL} (?:fiscal |calendar )?year", s):
        return base.year + _OFFSET.get(m["rel"], 0), True
    if s == "the year":  # "this year", "the current year" matched just above
        return base.year, True
    return None


def _month_day(s: str, base: date) -> Resolved | None:
    """Month names with an optional day and year, in either order."""
    if m := re.fullmatch(rf"(?P<rel>this|next|last|past|coming) {_M}", s):
        # "this May" is this year's, "last May" last year's, "next May" next year's.
        year = base.year + _OFFSET[m["rel"]]
        return Resolved(f"{year}-{MONTHS[m['m']]:02d}", "month", True)
    # "June next year", "2016, Nov": a month and a year in the other order or as a phrase.
    m = re.fullmatch(rf"{_M}(?: of| in)? (?P<yr>(?:this|next|last) year)", s)
    if m or (m := re.fullmatch(rf"(?P<y>\d{{4}}),? {_M}", s)):
        yr = m.groupdict().get("yr")
        year, relative = _year_expr(yr, base) if yr else (int(m["y"]), False)
        return Resolved(f"{year}-{MONTHS[m['m']]:02d}", "month", relative)
    forms = (
        rf"{_M}[ /\-]?(?:the )?{_D}(?:,? ?(?:in )?{_Y})?",
        rf"(?:the )?{_D} (?:of |day of )?{_M}(?:,? (?:in |of )?{_Y})?",
        rf"{_D}[ \-/]?{_M}[ \-/]?{_Y}?",
        rf"{_M}(?:,| of| in)? ?[\-/]?{_Y}",
        rf"{_M} of (?P<y>\d\d)",
        rf"(?P<y>\d{{4}}) {_M} {_D}",
        rf"{_M}",
    )
    for form in forms:
        m = re.fullmatch(form, s)
        if not m:
            continue
        month = MONTHS[m["m"]]
        day = int(m["d"]) if "d" in m.groupdict() and m["d"] else None
        if day is not None and not 1 <= day <= 31:
            return None
        has_year = bool(m.groupdict().get("y"))
        if has_year and len(m["y"]) == 2:  # "April of 87"
            year = _two_digit_year(int(m["y"]), base.year)
        else:
            year = _year(m["y"], base) if has_year else _nearest_year(month, day, base)
        if day is None:
            return Resolved(f"{year}-{month:02d}", "month", not has_year)
        return _res_day(_day(year, month, day), not has_year)
    return None


def _numeric(s: str, base: date) -> Resolved | None:
    """Digits-only dates: ISO, US m/d/y (d/m/y when the first part cannot be a month)."""
    if m := re.fullmatch(r"(\d{4})[-/. ](\d{1,2})[-/. ](\d{1,2})", s):
        return _res_day(_day(int(m[1]), int(m[2]), int(m[3])), False)
    if m := re.fullmatch(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})", s):
        a, b, y = int(m[1]), int(m[3]), int(m[4])
        y = _two_digit_year(y, base.year) if len(m[4]) == 2 else y
        month, day = (b, a) if a > 12 else (a, b)
        return _res_day(_day(y, month, day), False)
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:, (\d{4}))?", s):
        a, b = int(m[1]), int(m[2])
        month, day = (b, a) if a > 12 else (a, b)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        if m[3]:
            return _res_day(_day(int(m[3]), month, day), False)
        return _res_day(_day(_nearest_year(month, day, base), month, day), True)
    if (m := re.fullmatch(r"(\d{4})/(\d\d)", s)) and int(m[2]) == (int(m[1]) + 1) % 100:
        return Resolved(m[1], "year", False, str(int(m[1]) + 1))  # "1986/87": a split year
    if m := re.fullmatch(r"(\d{1,2}) ?[/\-] ?(\d{4})|(\d{4}) ?[/\-] ?(\d{1,2})", s):
        month, year = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        if 1 <= month <= 12:
            return Resolved(f"{year}-{month:02d}", "month", False)
        return None
    if m := re.fullmatch(r"(\d{4})-?w(\d{1,2})", s):
        return _iso_week(int(m[1]), int(m[2]), False)
    return None


def _iso_week(year: int, week: int, relative: bool) -> Resolved | None:
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return Resolved(_week(monday), "week", relative)


def _weekday_in_week(week_of: date, weekday: int) -> date:
    return week_of - timedelta(days=week_of.weekday()) + timedelta(days=weekday)


def _weekday(s: str, base: date) -> Resolved | None:
    """Weekday names, alone or tied to a week ("next Monday", "Tuesday of last week")."""
    m = re.fullmatch(
        rf"(?:(?P<mod>this past|this coming|this upcoming|{_REL_WORDS}) )?{_W}"
        rf"(?: (?:of |on |from )?"
        rf"(?P<wk>(?:this|next|last|previous|the following|the coming) week))?",
        s,
    ) or re.fullmatch(
        rf"(?P<wk>(?:this|next|last|previous|the following|the coming) week)(?:'s|,)?(?: on)? {_W}",
        s,
    )
    if not m:
        return None
    wd = WEEKDAYS[m["w"]]
    mod = m.groupdict().get("mod")
    if m["wk"]:
        shift = _OFFSET.get(m["wk"].split()[-2], 0)
        return _res_day(_weekday_in_week(base + timedelta(weeks=shift), wd), True)
    back = (base.weekday() - wd) % 7
    fwd = (wd - base.weekday()) % 7
    if mod in (None,):
        d = base - timedelta(days=back) if back <= 3 else base + timedelta(days=fwd)
    elif mod in ("this past", "last", "past"):
        d = base - timedelta(days=back or 7)
    elif mod in ("this coming", "this upcoming", "coming", "upcoming"):
        d = base + timedelta(days=fwd or 7)
    elif mod in ("this", "current"):
        d = _weekday_in_week(base, wd)
    elif mod == "previous":
        d = _weekday_in_week(base - timedelta(weeks=1), wd)
    else:  # next, following: that day in the next week
        d = _weekday_in_week(base + timedelta(weeks=1), wd)
    return _res_day(d, True)


def _bare_day(s: str, base: date, weekday: int | None = None) -> Resolved | None:
    """ "the 18th" (with a weekday, "Tue 13th"): the nearest month with that day."""
    if weekday is not None:
        m = re.fullmatch(r"(?:the )?([0-3]?\d)(?:st|nd|rd|th)?", s)
    else:
        m = re.fullmatch(r"the ([0-3]?\d)(?:st|nd|rd|th)", s)
    if m is None and (
        m := re.fullmatch(
            r"(?:the )?([0-3]?\d)(?:st|nd|rd|th)? day of (?:the|this|(next|last)) month", s
        )
    ):
        month = base.replace(day=1) + relativedelta(months=_OFFSET[m[2]] if m[2] else 0)
        return _res_day(_day(month.year, month.month, int(m[1])), True)
    if not m or not 1 <= int(m[1]) <= 31:
        return None
    options = []
    for k in range(-12, 13):
        first = base.replace(day=1) + relativedelta(months=k)
        d = _day(first.year, first.month, int(m[1]))
        if d and (weekday is None or d.weekday() == weekday):
            options.append(d)
    if not options:
        return None
    return _res_day(min(options, key=lambda d: abs((d - base).days)), True)


def _season(s: str, base: date) -> Resolved | None:
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
    return Resolved(f"{year}-{code}", "season", True)


def _relative_period(s: str, base: date) -> Resolved | None:
    """this/next/last week, month, quarter, year, decade, and their early/later variants."""
    prefix = (
        r"^(?:earlier|later|early|late|mid|end of|the end of|beginning of|the beginning of|"
        r"start of|the start of|the rest of|rest of) (?:in )?"
    )
    if re.match(prefix + r"(?:week|month|year)$", s):
        s = re.sub(prefix, "the ", s)
    s = re.sub(prefix, "", s)
    s = re.sub(r"'s$", "", s)
    if m := re.fullmatch(rf"(?P<rel>{_REL_WORDS}|the|that) weekend", s):
        # A weekend as its two days: the Saturday and Sunday of the (shifted) ISO week.
        saturday = _weekday_in_week(base + timedelta(weeks=_OFFSET.get(m["rel"], 0)), 5)
        if m["rel"] in (None, "the", "that") and (saturday - base).days > 3:
            saturday -= timedelta(weeks=1)  # on a Monday "the weekend" is the one just gone
        return Resolved(
            saturday.isoformat(), "day", True, (saturday + timedelta(days=1)).isoformat()
        )
    m = re.fullmatch(
        rf"(?:the )?{_REL} (?:calendar |fiscal |working |work |business )?"
        rf"(?P<u>week|fortnight|month|quarter|year|decade)",
        s,
    )
    if m:
        k, unit = _OFFSET[m["rel"]], m["u"]
    elif m := re.fullmatch(
        r"the (?P<u>week|fortnight|month|year|day)|(?P<ytd>year to date|ytd)", s
    ):
        k, unit = 0, "year" if m["ytd"] else m["u"]
    elif m := re.fullmatch(r"(?:the )?(?P<u>week|month|year) after next", s):
        k, unit = 2, m["u"]
    else:
        return None
    if unit == "day":
        return _res_day(base, True)
    if unit == "fortnight":  # two weeks from a Monday, as days
        monday = _weekday_in_week(base + timedelta(weeks=2 * k), 0)
        return Resolved(monday.isoformat(), "day", True, (monday + timedelta(days=13)).isoformat())
    if unit == "week":
        return Resolved(_week(base + timedelta(weeks=k)), "week", True)
    if unit == "month":
        d = base + relativedelta(months=k)
        return Resolved(f"{d.year}-{d.month:02d}", "month", True)
    if unit == "quarter":
        d = base + relativedelta(months=3 * k)
        return Resolved(f"{d.year}-Q{_quarter(d)}", "quarter", True)
    if unit == "decade":
        return Resolved(f"{base.year // 10 + k}X", "decade", True)
    return Resolved(str(base.year + k), "year", True)


def _quarter_half(s: str, base: date) -> Resolved | None:
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
            year, relative = _year_expr(groups[1], base) or (base.year, True)
        elif len(groups) > 1:
            y = groups[1].lstrip("'")
            year = int(y) if len(y) == 4 else _two_digit_year(int(y), base.year)
    elif m := re.fullmatch(
        r"(?:the )?(?:(?P<y1>.+?) )?(?:the )?(?P<o>[1-4])(?:st|nd|rd|th)"
        r" quarter(?:,? (?:of |in )?(?P<y2>.+))?",
        s,
    ):
        q = int(m["o"])
        ytext = m["y2"] or m["y1"]
        if ytext:
            parsed = _year_expr(ytext, base)
            if parsed is None:
                return None
            year, relative = parsed
    elif m := re.fullmatch(r"(?:the )?(?P<m>march|june|september|december) quarter", s):
        q = MONTHS[m["m"]] // 3  # "the December quarter": the quarter ending in December
    elif m := re.fullmatch(r"(?:the )?(?:final|last) quarter of (?P<y>.+)", s):
        parsed = _year_expr(m["y"], base)
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
            year, relative = min(options)[1], True
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
        parsed = _year_expr(b, base)
        if parsed is None:
            return None
        year, relative = parsed
    first = 1 if h == 1 else 7
    return Resolved(f"{year}-{first:02d}", "month", relative, f"{year}-{first + 5:02d}")


def _year_decade(s: str, base: date) -> Resolved | None:
    if m := re.fullmatch(
        r"(?:fiscal|fy|calendar|cy)? ?(?:year )?(\d{4}|'\d\d|\d\d)"
        r"|(\d{4}) (?:fiscal|financial|calendar) year",
        s,
    ):
        token = m[1] or m[2]
        if len(token) == 2 and not re.match(r"(?:fiscal|fy|cy)", s):
            return None
        y = _two_digit_year(int(token[-2:]), base.year) if len(token) < 4 else int(token)
        if not 1000 <= y <= 2999:
            return None
        return Resolved(str(y), "year", False)
    if m := re.fullmatch(r"(\d{3})0 ?'?s", s):
        return Resolved(f"{m[1]}X", "decade", False)
    # "'80s", "80's", "the 80s" (but not "their 80s", an age)
    if m := re.fullmatch(r"'(\d)0 ?'?s|(\d)0's|the (\d)0s", s):
        m = re.match(r"\D*(\d)", s)
        year = _two_digit_year(int(m[1]) * 10, base.year)
        if year > base.year:
            year -= 100
        return Resolved(f"{year // 10}X", "decade", True)
    if m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th) century", s):
        return Resolved(f"{int(m[1]) - 1:02d}XX", "century", False)
    return None


def _offset(s: str, base: date) -> Resolved | None:
    """ "3 days ago", "in 2 weeks", "two years later", "3 weeks from tomorrow"."""
    anchors = {"now": 0, "today": 0, "tomorrow": 1, "yesterday": -1}
    if m := re.fullmatch(
        rf"{_N} {_UNIT} (?P<dir>ago|earlier|before|later|after|hence|from)"
        rf"(?: (?P<a>now|today|tomorrow|yesterday))?",
        s,
    ):
        sign = -1 if m["dir"] in ("ago", "earlier", "before") else 1
        if m["dir"] in ("before", "after", "from") and not m["a"]:
            return None
        start = base + timedelta(days=anchors.get(m["a"] or "today", 0))
        return _res_day(_shift(start, m["u"], sign * int(m["n"])), True)
    if m := re.fullmatch(rf"in {_N} {_UNIT}(?:' time)?", s):
        return _res_day(_shift(base, m["u"], int(m["n"])), True)
    if m := re.fullmatch(rf"(?:in )?{_N} business days?(?: (?P<dir>ago|later))?", s):
        if s.startswith("in ") == bool(m["dir"]):
            return None
        n = int(m["n"]) * (-1 if m["dir"] == "ago" else 1)
        return _res_day(_business_days(base, n)[-1], True)
    # "2 weeks before Christmas", "two months after next Friday": shift a resolved day.
    s = re.sub(r"^the (day|week|month|year) (?=before|after)", r"1 \1 ", s)
    if m := re.fullmatch(rf"{_N} {_UNIT} (?P<dir>before|after|from) (?P<a>.+)", s):
        anchor = _single(m["a"], base)
        if anchor is None or anchor.granularity != "day" or anchor.value_end:
            return None
        sign = -1 if m["dir"] == "before" else 1
        moved = _shift(date.fromisoformat(anchor.value), m["u"], sign * int(m["n"]))
        return _res_day(moved, anchor.relative)
    return None


def _span_of_units(s: str, base: date) -> Resolved | None:
    """ "the past three years", "the next 2 weeks", "the last 3 months and 2 weeks",
    "the next 4 business days": a day range ending or starting today."""
    s = re.sub(r"^(the )?past (decade|fortnight)$", lambda m: f"past 1 {m[2]}", s)
    if m := re.fullmatch(
        rf"within (?:the )?(?:(?:next|coming|upcoming|following) )?(?P<parts>{_PARTS})"
        r"(?: (?:from )?(?:now|today))?",
        s,
    ):
        end = base
        for n, unit in _parts(m["parts"]):
            if unit == "business day":
                return None
            end = _shift(end, unit, n)
        return Resolved(base.isoformat(), "day", True, end.isoformat())
    m = re.fullmatch(
        rf"(?:the )?(?P<rel>last|past|previous|next|coming|upcoming|following) (?P<parts>{_PARTS})",
        s,
    )
    m = m or re.fullmatch(
        rf"(?:the )?(?P<n>{_N1}) (?P<rel>last|past|previous|next|coming|upcoming) (?P<u>{_U1})", s
    )
    if not m:
        return None
    parts = _parts(m["parts"] if "parts" in m.groupdict() else f"{m['n']} {m['u']}")
    if not parts:
        return None
    future = m["rel"] in ("next", "coming", "upcoming", "following")
    if parts[0][1] == "business day":
        if len(parts) > 1:
            return None
        days = _business_days(base, parts[0][0] if future else -parts[0][0])
        return Resolved(min(days).isoformat(), "day", True, max(days).isoformat())
    if len(parts) == 1 and parts[0][1] == "quarter":  # whole calendar quarters
        n = parts[0][0]
        this_q = date(base.year, 3 * _quarter(base) - 2, 1)
        start = this_q + relativedelta(months=3) if future else this_q - relativedelta(months=3 * n)
        end = start + relativedelta(months=3 * n, days=-1)
    elif len(parts) == 1 and parts[0][1] == "decade" and parts[0][0] > 1:  # whole decades
        n, this_d = parts[0][0], date(base.year // 10 * 10, 1, 1)
        start = this_d + relativedelta(years=10) if future else this_d - relativedelta(years=10 * n)
        end = start + relativedelta(years=10 * n, days=-1)
    elif future:
        start = end = base + timedelta(days=1)
        for n, unit in parts:
            end = _shift(end, unit, n)
    else:
        start = end = base
        for n, unit in parts:
            start = _shift(start, unit, -n)
    return Resolved(start.isoformat(), "day", True, end.isoformat())


# "3 months", "3 months and 2 weeks, 2 days", "4 business days": counted units.
_N1 = r"\d{1,3}"
_U1 = rf"(?:business |working )?(?:{_UNIT_WORDS})s?"
_PARTS = rf"{_N1} {_U1}(?:(?:,| and|, and)? {_N1} {_U1}){{0,3}}"


def _parts(s: str) -> list[tuple[int, str]]:
    found = re.findall(rf"(\d{{1,3}}) ((?:business |working )?(?:{_UNIT_WORDS}))", s)
    return [(int(n), "business day" if u.endswith(" day") else u.split()[-1]) for n, u in found]


def _business_days(base: date, n: int) -> list[date]:
    """The n working days (Monday-Friday) after base, or before it for negative n."""
    days, d = [], base
    while len(days) < abs(n):
        d += timedelta(days=1 if n > 0 else -1)
        if d.weekday() < 5:
            days.append(d)
    return days


def _first_last_of(s: str, base: date) -> Resolved | None:
    """ "the first ten days of last year", "the last 3 weeks of this year": units at one end
    of a period, as days (weeks are whole Monday-Sunday weeks inside the period)."""
    m = re.fullmatch(
        rf"(?:the )?(?P<end>1st|first|last|final) {_N} (?P<u>day|week|month)s? (?:of|in) (?P<p>.+)",
        s,
    )
    if not m:
        return None
    period = _single(m["p"], base)
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
    lo, hi = (first, _shift(first, unit, n)) if head else (_shift(end, unit, -n), end)
    if lo < first or hi > end or lo >= hi:
        return None
    return Resolved(lo.isoformat(), "day", period.relative, (hi - timedelta(days=1)).isoformat())


def _starting(s: str, base: date) -> Resolved | None:
    """ "2 weeks starting May 20th", "the week beginning Feb 4", "3 days, from today": a run
    of units from a given day."""
    m = re.fullmatch(
        rf"(?:the |1 )?(?:{_N} )?{_UNIT}(?:,? (?:starting|beginning|commencing)(?: on| from| with)?"
        rf"|, from) (?P<a>.+)",
        s,
    )
    if not m:
        return None
    a = m["a"]
    anchor = _now_or_single(a, base)
    if anchor is None or anchor.granularity != "day" or anchor.value_end:
        return None
    first = date.fromisoformat(anchor.value)
    last = _shift(first, m["u"], int(m["n"] or 1)) - timedelta(days=1)
    return Resolved(first.isoformat(), "day", anchor.relative, last.isoformat())


def _named_day(s: str, base: date) -> Resolved | None:
    fixed = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
             "this evening": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
             "the day after tomorrow": 2, "the next day": 1, "the following day": 1,
             "the day before": -1, "the previous day": -1, "the day after": 1,
             "last night": -1, "yesterday morning": -1, "yesterday afternoon": -1,
             "yesterday evening": -1, "tomorrow morning": 1}  # fmt: skip
    if s in fixed:
        return _res_day(base + timedelta(days=fixed[s]), True)
    return _holiday(s, base)


def _holiday(s: str, base: date) -> Resolved | None:
    # "Labor Day weekend", "Halloween weekend 2021": the weekend next to the holiday.
    if (plain := re.sub(r" weekend\b", "", s)) != s:
        day = _holiday(plain, base)
        if day is None:
            return None
        # A Monday or Friday holiday makes a long weekend of three days.
        d = date.fromisoformat(day.value)
        first = d - timedelta(days=2) if d.weekday() == 0 else _weekday_in_week(d, 5)
        first = d if d.weekday() == 4 else first
        last = first + timedelta(days=1 if first.weekday() == 5 and d.weekday() != 0 else 2)
        return Resolved(first.isoformat(), "day", day.relative, last.isoformat())
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
        year, _ = _year_expr(m["y"], base) or (None, False)

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

    if (make := _holiday_date(name)) is not None:
        return pick(make)
    return None


def _holiday_date(name: str) -> Callable[[int], date] | None:
    """The function year -> date of a named holiday, or None."""
    if name in HOLIDAYS:
        month, day = HOLIDAYS[name]
        return lambda y: date(y, month, day)
    if name == "easter":
        return easter
    if name in WEEKDAY_HOLIDAYS:
        month, weekday, n = WEEKDAY_HOLIDAYS[name]
        return lambda y: _nth_weekday_of(y, month, weekday, n)
    if name in HOLIDAY_OFFSETS:
        base_name, days = HOLIDAY_OFFSETS[name]
        base_date = _holiday_date(base_name)
        return base_date and (lambda y: base_date(y) + timedelta(days=days))
    return None


def _nth_weekday_of(year: int, month: int, weekday: int, n: int) -> date:
    """The nth weekday of a month (n = -1: the last one)."""
    if n < 0:
        last = date(year, month, 1) + relativedelta(months=1, days=-1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _part_of(s: str, base: date) -> Resolved | None:
    """ "week 10 (of 2027)", "the third week of January", "the last week of 2019",
    "the 9th month of next year": a week or month counted inside a period."""
    if m := re.fullmatch(r"(?:the )?week of (.+)", s):
        day = _single(m[1], base)
        if day and day.granularity == "day" and not day.value_end:
            return Resolved(_week(date.fromisoformat(day.value)), "week", day.relative)
    if m := re.fullmatch(r"(?:the )?(last|final|[0-3]?\d(?:st|nd|rd|th)) day (?:of|in) (.+)", s):
        month = _single(m[2], base)
        if month is None or month.granularity != "month" or month.value_end:
            return None
        first, end = interval(month.value)
        if m[1] in ("last", "final"):
            return _res_day(end - timedelta(days=1), month.relative)
        return _res_day(_day(first.year, first.month, int(m[1][:-2])), month.relative)
    if m := re.fullmatch(r"(?:the )?week (\d{1,2})(?:,? (?:of )?(.+))?", s):
        year, relative = (
            (base.year, True) if not m[2] else (_year_expr(m[2], base) or (None, False))
        )
        return _iso_week(year, int(m[1]), relative) if year else None
    m = re.fullmatch(r"(?:the )?(?P<n>\d{1,2})(?:st|nd|rd|th) (?P<u>week|month) of (?P<p>.+)", s)
    m = m or re.fullmatch(r"(?:the )?(?P<n>last|final) (?P<u>week) of (?P<p>.+)", s)
    if not m:
        return None
    period = _single(m["p"], base)
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
    return Resolved(_week(monday), "week", period.relative)


def _rest_of(s: str, base: date) -> Resolved | None:
    """ "the rest of the year": from the publication day to the period's last day."""
    m = re.fullmatch(
        r"(?:the )?(?:rest|remainder|remaining)(?: days)? of (?:the |this |current |my )?"
        r"(?P<u>week|month|quarter|year)",
        s,
    )
    if not m:
        return None
    period = _relative_period(f"this {m['u']}", base)
    if period is None:
        return None
    end = interval(period.value)[1] - timedelta(days=1)
    return Resolved(base.isoformat(), "day", True, end.isoformat())


def _period_ended(s: str, base: date) -> Resolved | None:
    """ "the week ended February 22", "the nine months to June 30": the days up to that day."""
    m = re.fullmatch(rf"(?:the )?(?:(?P<n>\d{{1,2}}) )?{_UNIT} (?:ended|ending|to) (?P<d>.+)", s)
    if not m:
        return None
    last = _single(m["d"], base)
    if last is None or last.granularity != "day" or last.value_end:
        return None
    end = date.fromisoformat(last.value)
    start = _shift(end + timedelta(days=1), m["u"], -int(m["n"] or 1))
    return Resolved(start.isoformat(), "day", last.relative, end.isoformat())


def _nth_weekday(s: str, base: date) -> Resolved | None:
    """ "the first Friday of next month", "the last Monday in May": a weekday counted in a month;
    "the first weekend of September": its Saturday and Sunday."""
    if m := re.fullmatch(
        r"(?:the )?(?P<n>[1-5](?:st|nd|rd|th)|last|final) weekend (?P<rest>.+)", s
    ):
        saturday = _nth_weekday(f"{m['n']} saturday {m['rest']}", base)
        if saturday is None:
            return None
        sunday = date.fromisoformat(saturday.value) + timedelta(days=1)
        return Resolved(saturday.value, "day", saturday.relative, sunday.isoformat())
    m = re.fullmatch(rf"(?:the )?(?P<n>[1-5])(?:st|nd|rd|th) {_W} (?:of|in) (?P<p>.+)", s)
    m = m or re.fullmatch(rf"(?:the )?(?P<n>last|final) {_W} (?:of|in) (?P<p>.+)", s)
    if not m:
        return None
    month = _single(m["p"], base)
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
    return _res_day(d, month.relative)


def _day_of(s: str, base: date) -> Resolved | None:
    """ "the 20th of next month": an ordinal day of a month phrase."""
    if re.fullmatch(r"(?:the )?[0-3]?\d(?:st|nd|rd|th) (?:of|in) .+", s):
        return _day_in_month(s, base)
    return None


def _offsets(s: str, base: date) -> Resolved | None:
    """ "1 month and 21 days ago", "2 years 21 days later": several units at once."""
    m = re.fullmatch(
        rf"(?P<parts>(?:\d{{1,3}} (?:{_UNIT_WORDS})s?(?:,| and)? ?){{2,4}})"
        rf" (?P<dir>ago|earlier|later|hence|from now)",
        s,
    )
    if not m:
        return None
    sign = -1 if m["dir"] in ("ago", "earlier") else 1
    d = base
    for n, unit in re.findall(rf"(\d{{1,3}}) ({_UNIT_WORDS})", m["parts"]):
        d = _shift(d, unit, sign * int(n))
    return _res_day(d, True)


def _single(s: str, base: date) -> Resolved | None:
    """One date or period (no range), from normalised text."""
    # Leading words that carry no date ("in", "on", "the", "since", "early", "late", ...).
    for _ in range(3):
        for rule in (
            _named_day,
            _nth_weekday,
            _day_of,
            _offsets,
            _rest_of,
            _period_ended,
            _offset,
            _span_of_units,
            _first_last_of,
            _starting,
            _part_of,
            _numeric,
            _month_day,
            _year_decade,
            _quarter_half,
            _relative_period,
            _season,
            _weekday,
            _bare_day,
        ):
            if found := rule(s, base):
                return found
        if m := re.fullmatch(rf"(?:(?:{_REL_WORDS}) )?{_W},? (?:the )?(?P<rest>.+)", s):
            # "Tuesday, March 7", "Tue 13th", "next Friday 5/12": the date names the day.
            if re.match(rf"{_W}|(?:to|through|till|until|and|-)\b", m["rest"]):
                return None  # "Wednesday, Thursday": two dates; "Friday to Oct 1": a range
            wd = WEEKDAYS[m["w"]]
            rest = _bare_day(m["rest"], base, wd) or _single(m["rest"], base)
            if not rest or rest.granularity != "day" or rest.value_end:
                return None
            return rest
        if m := re.fullmatch(
            r"(?:early|mid|late|the end of|end of|the beginning of|beginning of"
            r"|the middle of|middle of|the start of|start of)[ \-]?(?P<rest>.+)",
            s,
        ):
            rest = _single(m["rest"], base)
            return rest if rest and rest.granularity != "day" else None
        stripped = _LEAD.sub("", s)
        if stripped == s:
            return None
        s = stripped
    return None


_CONNECTOR = re.compile(r"\s*(?:-|~|/|\bto\b|\bthrough\b|\bthru\b|\btill\b|\buntil\b|\band\b)\s*")


def _range(s: str, base: date) -> Resolved | None:
    """ "between March and May 2025", "2014-2018", "from Sept 3 to 12": two ends, shared parts."""
    m = re.match(r"^(?:between|from|in)\s+", s)
    body = s[m.end() :] if m else s
    for c in _CONNECTOR.finditer(body):
        if "and" in c.group() and not (m and m.group().startswith("between")):
            continue
        a, b = body[: c.start()].strip(", "), body[c.end() :].strip(", ")
        if not a or not b:
            continue
        ends = _range_ends(a, b, base)
        if ends:
            return ends
    return None


_NOW = {"now": 0, "today": 0, "yesterday": -1, "tomorrow": 1, "current date": 0, "present": 0}


def _now_or_single(s: str, base: date) -> Resolved | None:
    """A range end: "today", "yesterday", "now" ... as a day, else any single expression."""
    return _res_day(base + timedelta(days=_NOW[s]), True) if s in _NOW else _single(s, base)


def _with_year(res: Resolved, year: int) -> Resolved:
    return Resolved(str(year) + res.value[4:], res.granularity, False)


def _day_in_month(s: str, base: date) -> Resolved | None:
    """ "22 this month", "23 of next month": a day of a month named by a phrase."""
    m = re.fullmatch(r"(?:the )?([0-3]?\d)(?:st|nd|rd|th)? (?:of |in )?(.+)", s)
    if not m:
        return None
    month = _single(m[2], base)
    if month is None or month.granularity != "month" or month.value_end:
        return None
    return _res_day(_day(int(month.value[:4]), int(month.value[5:7]), int(m[1])), month.relative)


def _range_ends(a: str, b: str, base: date) -> Resolved | None:
    ra, rb = _now_or_single(a, base), _now_or_single(b, base)
    rb = rb or _day_in_month(b, base)
    day_only = re.compile(r"(?:the )?([0-3]?\d)(?:st|nd|rd|th)?")
    # "3 to 12 Sept", "April 9th through 17th": the bare day takes the other end's month.
    if rb and rb.granularity == "day" and (da := day_only.fullmatch(a)):
        ra = _res_day(_day(int(rb.value[:4]), int(rb.value[5:7]), int(da[1])), rb.relative)
    elif ra and ra.granularity == "day" and (db := day_only.fullmatch(b)):
        rb = _res_day(_day(int(ra.value[:4]), int(ra.value[5:7]), int(db[1])), ra.relative)
    if not ra or not rb or ra.value_end or rb.value_end:
        return None
    if {ra.granularity, rb.granularity} & {"decade", "century"}:
        return None
    # "between now and November 15th": the dated end lies on the far side of today.
    if a in _NOW and rb.relative and rb.granularity in ("day", "month") and rb.value < ra.value:
        rb = Resolved(str(int(rb.value[:4]) + 1) + rb.value[4:], rb.granularity, True)
    if b in _NOW and ra.relative and ra.granularity in ("day", "month") and ra.value > rb.value:
        ra = Resolved(str(int(ra.value[:4]) - 1) + ra.value[4:], ra.granularity, True)
    if {ra.granularity, rb.granularity} <= {"day", "month"} and a not in _NOW and b not in _NOW:
        year_in = re.compile(r"\d{4}|'\d\d")
        a_year, b_year = bool(year_in.search(a)), bool(year_in.search(b))
        calendar_like = re.compile(rf"{_M}|\d{{1,2}}/\d{{1,2}}")
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
            rb = Resolved(
                str(int(ra.value[:4]) + (rb.value[4:] < ra.value[4:])) + rb.value[4:],
                rb.granularity,
                True,
            )
    if interval(ra.value)[0] > interval(rb.value)[0]:
        return None  # "2018-2014", "32 - 2015": not a range
    return Resolved(ra.value, ra.granularity, ra.relative or rb.relative, rb.value)


@lru_cache(maxsize=8192)
def resolve(text: str, published: date | None, fallback: bool = True) -> Resolved | None:
    """Resolve one date expression; None when it is not a date (or cannot be placed).

    `fallback` lets dateparser try what the grammar does not know (slow: whole candidates only).
    """
    s = normalize(text)
    if re.fullmatch(rf"(?:the )?(?:{'|'.join(ORDINALS[1:])})", text.lower().strip()):
        return None  # "the first" (nine months), "the second" (half): not a day of the month
    duration = _DURATION.fullmatch(_LEAD.sub("", s)) and not s.startswith(("in ", "within "))
    if not s or _AGE.search(s) or duration:
        return None
    base = published or date(2000, 1, 1)
    found = _single(s, base) or _range(s, base) or (_dateparser(s, base) if fallback else None)
    if found is None or (published is None and found.relative):
        return None
    return found


_DP_HINT = re.compile(
    rf"\d+[/.\-]\d+[/.\-]\d+|\b(?:{'|'.join(MONTHS)}|{'|'.join(WEEKDAYS)}|ago|yesterday|tomorrow|today)\b"
)


def _dateparser(s: str, base: date) -> Resolved | None:
    """The fallback for phrasings the grammar does not know; only for date-like text."""
    if not _DP_HINT.search(s) or re.fullmatch(r"[\d,.\s]+", s):
        return None
    for number in re.findall(r"\d+(?:\.\d+)*", s):  # "Feb 32.9" is a table cell, not a date
        parts = number.split(".")
        if len(parts) == 2 or any(len(p) == 3 or len(p) > 4 for p in parts):
            return None
        if len(parts) == 1 and len(number) <= 2 and int(number) > 31:
            return None
    data = _date_data_parser(base).get_date_data(s)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    relative = not re.search(r"\b\d{4}\b", s)
    period = data.period or "day"
    if period == "year":
        return Resolved(str(d.year), "year", relative)
    if period == "month":
        return Resolved(f"{d.year}-{d.month:02d}", "month", relative)
    if period == "week":
        return Resolved(_week(d), "week", relative)
    return Resolved(d.isoformat(), "day", relative)


@lru_cache(maxsize=64)
def _date_data_parser(base: date):
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": [],
    }
    return DateDataParser(languages=["en"], settings=settings)


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


# --- candidates -------------------------------------------------------------------------


def _token_classes() -> dict[str, dict]:
    """The named token kinds the patterns in data/dates.json use as "@name"."""
    months = sorted(MONTHS) + [f"{m}." for m in MONTHS if len(m) <= 4]
    day = r"^(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?$"
    ordinal = "^(" + "|".join(ORDINALS[1:]) + r"|twentieth|thirtieth|twenty-?\w+|thirty-?first)$"
    names = "|".join(MONTHS)
    one_word_holidays = [name for name in _HOLIDAY_NAMES if " " not in name and "'" not in name]
    return {
        "month": {"LOWER": {"IN": months}, "TAG": {"NOT_IN": ["MD", "VB", "VBP"]}},
        "month_word": {"LOWER": {"IN": months}},  # also the verb "may"
        "clear_month": {
            "LOWER": {"IN": [m for m in months if m.rstrip(".") not in AMBIGUOUS_MONTHS]}
        },
        "day": {"LOWER": {"REGEX": day}},
        "ordinal_word": {"LOWER": {"REGEX": ordinal}},
        "day_or_ordinal": {"LOWER": {"REGEX": day[:-1] + "|" + ordinal[1:]}},
        "year": {"TEXT": {"REGEX": r"^(1[0-9]\d\d|2[01]\d\d)$"}},
        "short_year": {"TEXT": {"REGEX": r"^'\d\d$"}},
        "comma": {"TEXT": {"IN": [",", "/", "-"]}, "OP": "?"},
        "weekday": {"LOWER": {"IN": [w for w in WEEKDAYS if len(w) > 3] + ["tue", "thu", "fri"]}},
        "any_weekday": {
            "LOWER": {"IN": list(WEEKDAYS) + [f"{w}." for w in WEEKDAYS if len(w) <= 5]}
        },
        "rel": {"LOWER": {"IN": list(_OFFSET)}},
        "unit": {
            "LOWER": {"IN": ["week", "month", "year", "quarter", "decade", "fortnight", "weekend"]}
        },
        "units": {"LOWER": {"IN": list(UNITS) + list(UNITS.values())}},
        "number": {"LIKE_NUM": True},
        "one_to_nine": {"LOWER": {"IN": NUMBER_WORDS[1:10]}},
        "small_number": {"LOWER": {"IN": NUMBER_WORDS[1:20] + list(TENS)}},
        "nth_or_last": {"LOWER": {"IN": ["last", "final", *ORDINALS[1:6]]}},
        "spelled": {
            "LOWER": {"IN": [*NUMBER_WORDS, *ORDINALS, *TENS, "thousand", "hundred", "and", "oh"]},
            "OP": "+",
        },
        "decade_word": {"LOWER": {"IN": list(DECADE_WORDS)}},
        "holiday_word": {"LOWER": {"IN": one_word_holidays}},
        "quarter": {"LOWER": {"REGEX": r"^([1-4]q\d*|q[1-4](/\d{2,4})?|h[12]|(\d\d){1,2}q[1-4])$"}},
        "numeric": {
            "TEXT": {"REGEX": r"^(\d{1,2}[/.]\d{1,2}([/.]\d{2,4})?|\d{4}[/.]\d{1,2}[/.]\d{1,2})$"}
        },
        "digits2": {"TEXT": {"REGEX": r"^\d{1,2}$"}},
        "glued": {  # "dec31", "jan/3", "sep-23-2020", "23/sep/2020"
            "LOWER": {
                "REGEX": rf"^(\d{{1,4}}[-/.])?({names})\.?[-/.]?\d{{1,4}}"
                r"(st|nd|rd|th)?([-/.]\d{1,4})?$"
            }
        },
    }


def _token(spec: str | dict, classes: dict[str, dict]) -> dict:
    """One pattern token from its data-file form: "@class", "word|word" (lower case),
    "=text|text" (exact text), each with an optional trailing "?"; or a spaCy token dict."""
    if isinstance(spec, dict):
        return spec
    optional = len(spec) > 1 and spec.endswith("?")
    body = spec[:-1] if optional else spec
    if body.startswith("@"):
        token = dict(classes[body[1:]])
    else:
        attr = "TEXT" if body.startswith("=") else "LOWER"
        words = body.lstrip("=").split("|") if attr == "TEXT" else body.split("|")
        token = {attr: words[0] if len(words) == 1 else {"IN": words}}
    return {**token, "OP": "?"} if optional else token


def _patterns() -> list[list[dict]]:
    classes = _token_classes()
    patterns = [[_token(t, classes) for t in pattern] for pattern in _VOCAB["patterns"]]
    # Holiday names of several words, token by token ("mother 's day", "workers ' day").
    for name in _HOLIDAY_NAMES:
        if " " in name or "'" in name:
            words = re.sub(r"'s\b|(?<=s)'(?= )", r" \g<0>", name).split()
            patterns.append([{"LOWER": word} for word in words])
    return patterns


@lru_cache(maxsize=8)
def _matcher(vocab_id: int, vocab) -> Matcher:  # noqa: ARG001 - the id keys the cache
    matcher = Matcher(vocab)
    matcher.add("DATE", _patterns())
    return matcher


_LEAD_TOKENS = {"in", "since", "by", "until", "till", "from", "during", "of", "before", "after",
                "through", "throughout", "within", "on", "at", "about", "around"}  # fmt: skip
# Leading words dropped from a mention when the rest means the same date.
_TAIL_TOKENS = {"and", "or", ",", "of", "to", "-", "the", "in", "on"}  # "April one and"
_TRIM_TOKENS = {"in", "on", "at", "of", "during", "by", "around", "about", "throughout"}
# What may stand between two candidates that together form one date or range.
_GLUE = {"-", "to", "through", "thru", "till", "until", "and", "~", ",", "in", "of", "on", "from",
         "/", "\u2013", "\u2014", "starting", "beginning", "commencing", "("}  # fmt: skip
_CONNECTORS = {"-", "to", "through", "thru", "till", "until", "and", "~", "\u2013", "\u2014"}
_SET_WORDS = {"every", "each", "other", "per"}
_NUMERIC_DATE_LEADS = {"on", "from", "since", "until", "till", "by", "through", "before", "after",
                       "effective", "dated", "to", "between", "and", "-"}  # fmt: skip
_CURRENCY = {"$", "\u20ac", "\u00a3", "\u00a5", "us$", "c$", "a$", "hk$"}


# Words without which no pattern matches: the Matcher runs only on windows around them.
_ANCHORS = (
    set(MONTHS) | {f"{m}." for m in MONTHS} | set(WEEKDAYS) | set(UNITS) | set(UNITS.values())
    | set(SEASONS) | {"today", "tonight", "yesterday", "tomorrow", "now", "ago", "later",
                      "earlier", "weekend", "century", "fiscal", "fy", "cy", "christmas",
                      "easter", "halloween", "thanksgiving", "independence", "boxing", "xmas",
                      "day", "ended", "ending", "tmrw", "tmr", "tmw"}
    | {name.split()[-1] for name in _HOLIDAY_NAMES}
    | set(DECADE_WORDS)
)  # fmt: skip
_ANCHOR_SHAPE = re.compile(
    r"^(?:1[0-9]\d\d|2[01]\d\d|'\d\ds?|\d{2,4}s|\d+(?:st|nd|rd|th)|q[1-4]\S*|[1-4]q\S*|h[12]|fy\S*|cy\S*)$"
    r"|\d[/\-]\d|^\d{1,4}\.\d{1,2}\.\d{1,4}$|[a-z][/.\-]?\d|\d[/.\-]?[a-z]{3}",
    re.I,
)  # years, decades, ordinals, quarters, numeric and glued dates; not every number
_WINDOW = 6  # tokens on either side of an anchor: about the longest pattern


def _matches(doc: Doc) -> list[tuple[int, int]]:
    anchors = [
        t.i
        for t in doc
        if t.lower_ in _ANCHORS
        or _ANCHOR_SHAPE.search(t.text)
        or (t.text in ("-", "/") and 0 < t.i < len(doc) - 1 and doc[t.i - 1].is_digit)
    ]
    windows: list[list[int]] = []
    for i in anchors:
        lo, hi = max(0, i - _WINDOW), min(len(doc), i + _WINDOW + 1)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    matcher = _matcher(id(doc.vocab), doc.vocab)
    return [(m.start, m.end) for lo, hi in windows for m in matcher(doc[lo:hi], as_spans=True)]


def _candidates(doc: Doc) -> list[tuple[int, int]]:
    """Token spans worth resolving: spaCy DATE entities and matcher hits, overlaps merged."""
    spans = [(e.start, e.end) for e in doc.ents if e.label_ == "DATE"]
    spans += _matches(doc)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        # "$12 December 27": the amount's number is not the day.
        while s < e - 1 and s > 0 and doc[s - 1].lower_ in _CURRENCY:
            s += 1
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _mention(article: Article, span: Span, res: Resolved) -> DateMention:
    start, end = span.start_char, span.end_char
    return DateMention(
        article.doc_id, start, end, article.text[start:end], res.value, res.granularity,
        res.relative, res.value_end,
    )  # fmt: skip


def _resolve_span(
    span: Span, published: date | None, fallback: bool = True
) -> tuple[Span, Resolved] | None:
    """The span resolved, or the span less leading prepositions; trimmed where harmless."""
    doc = span.doc
    start, end = span.start, span.end
    found = resolve(span.text, published, fallback)
    if found is None and start > 0 and doc[start - 1].lower_ == "in":
        # "in a couple of days": spaCy leaves out the "in" that makes it a date.
        found = resolve(doc[start - 1 : end].text, published, fallback=False)
        start -= found is not None
    while found is None and end - start > 1 and doc[start].lower_ in _LEAD_TOKENS | {"the"}:
        start += 1
        found = resolve(doc[start:end].text, published, fallback)
    if found is None:
        return None
    # An open "from X" is the date X; "from X to Y" keeps its "from" (as the spec writes it).
    trim = _TRIM_TOKENS if found.value_end else _TRIM_TOKENS | {"from"}
    while end - start > 1 and doc[start].lower_ in trim:
        if resolve(doc[start + 1 : end].text, published) != found:
            break
        start += 1
    while end - start > 1 and doc[end - 1].lower_ in _TAIL_TOKENS:
        if resolve(doc[start : end - 1].text, published) != found:
            break
        end -= 1
    if (
        found.value_end
        and start > 0
        and doc[start - 1].lower_ in ("from", "between")
        and any(t.lower_ in _CONNECTORS or "~" in t.text for t in doc[start:end])
    ):
        start -= 1
    if doc[start].lower_ == "the" and end - start > 1 and _loose_the(doc[start + 1 : end], found):
        if resolve(doc[start + 1 : end].text, published) == found:
            start += 1
    if end < len(doc) and doc[end].text == ")" and doc[start:end].text.count("(") == 1:
        end += 1  # "Friday (June 15)": keep the parenthesis whole
    return doc[start:end], found


def _loose_the(rest: Span, found: Resolved) -> bool:
    """Whether a leading "the" stays out of the mention, as the Recognizers spec writes it:
    "[the] next quarter", "[the] end of 2000", "[the] 5 upcoming years", "[the] week 1", but
    "the next day", "the last week of July", "the 21st", "the 1970s", "the past two decades"."""
    words = [t.lower_ for t in rest]
    first, second = words[0], words[1] if len(words) > 1 else ""
    if found.granularity in ("decade", "century") or "decades" in words:
        return False
    if first in ("end", "beginning", "start", "middle", "mid", "rest", "remaining", "remainder"):
        return True
    if first in MONTHS or first.startswith("mid-"):
        return True
    if first in _OFFSET:
        return "of" not in words and words[1:] not in (["day"], ["weekend"])
    if rest[0].like_num and second in _OFFSET:
        return True
    if first == "week" and second.isdigit():
        return True
    return first in ("week", "month", "year") and words[1:] == ["to", "date"]


def _sub_spans(
    doc: Doc, start: int, end: int, published: date | None
) -> Iterator[tuple[Span, Resolved]]:
    """Resolvable parts of a candidate that does not resolve whole, longest first, left to right."""
    i = start
    while i < end:
        for j in range(end, i, -1):
            span = doc[i:j]
            if span[0].is_punct or span[0].lower_ in ("and", "of", "to") or span[-1].is_punct:
                continue
            found = resolve(span.text, published, fallback=False)
            if found:
                yield span, found
                i = j
                break
        else:
            i += 1


def _glued(doc: Doc, end: int, start: int) -> bool:
    gap = doc[end:start]
    return len(gap) <= 2 and all(t.lower_ in _GLUE for t in gap)


def _not_a_date(span: Span, res: Resolved) -> bool:
    """Context that makes a resolvable phrase something else: a set, a count, a number."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in _SET_WORDS:
        return True  # "every Friday", "each week"
    # "+86 138-2010-2015", "2015-32", "127-1/2": part of a longer number.
    if (
        before is not None
        and before.text in ("-", "/")
        and before.i > 0
        and doc[before.i - 1].text[-1:].isdigit()
        and not doc[before.i - 1].whitespace_
    ):
        return True
    if re.fullmatch(r"\d{1,2}/\d{1,2}", span.text):  # "5/8" is a fraction unless a date word leads
        lead = before.lower_ if before is not None else ""
        ranged = (
            after is not None
            and after.lower_ in ("to", "-", "through")
            and after.i + 1 < len(doc)
            and re.fullmatch(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?", doc[after.i + 1].text)
        )
        if lead not in _NUMERIC_DATE_LEADS and lead not in WEEKDAYS and not ranged:
            return True
    if (
        after is not None
        and after.text in ("-", "/")
        and after.i + 1 < len(doc)
        and doc[after.i + 1].like_num
    ):
        return True
    if re.search(r"\d(?:st|nd|rd|th)$", span.text) and after is not None and after.pos_ == "NOUN":
        return True  # "the 1st week", "the 3rd time": an ordinal, not a day
    if after is not None and after.lower_ in ("mornings", "afternoons", "evenings", "nights"):
        return True
    if res.granularity == "season" and after is not None and after.pos_ in ("NOUN", "PROPN"):
        return True  # "this summer's drilling" stays; "winter wheat", "summer season" go
    if res.granularity == "year" and re.fullmatch(r"\d{4}", span.text):
        counted = after is not None and after.tag_ in ("NNS", "NNPS")
        if counted and (before is None or before.lower_ not in _LEAD_TOKENS):
            return True  # "2000 pieces" (but "in 2024 sales rose")
        if after is not None and after.text in ("/", "%"):
            return True
        if before is not None and before.text in ("-", "/", "+", "#", "No.", "no."):
            return True
    return False


def extract(doc: Doc, article: Article, settings: Settings) -> list[DateMention]:
    """Date mentions of one article, resolved against `article.published`."""
    published = (
        article.published.date() if isinstance(article.published, datetime) else article.published
    )
    cands = _candidates(doc)
    found: list[tuple[Span, Resolved]] = []
    i = 0
    while i < len(cands):
        # Neighbouring candidates that read as one date: "from April 2016 to June 2017",
        # "Tuesday, March 7", "2 weeks before Christmas", "Easter 2018".
        for j in range(min(i + 3, len(cands) - 1), i, -1):
            if not all(_glued(doc, cands[k][1], cands[k + 1][0]) for k in range(i, j)):
                continue
            start = cands[i][0]
            if start > 0 and doc[start - 1].lower_ in ("between", "from"):
                start -= 1
            # The grammar alone judges joins: dateparser reads too much into "this week, yesterday".
            joined = _resolve_span(doc[start : cands[j][1]], published, fallback=False)
            if joined:
                found.append(joined)
                i = j + 1
                break
        else:
            start, end = cands[i]
            whole = _resolve_span(doc[start:end], published)
            if whole:
                found.append(whole)
            elif end - start <= 12:
                found.extend(_sub_spans(doc, start, end, published))
            i += 1
    return [_mention(article, span, res) for span, res in found if not _not_a_date(span, res)]


def _mark(row: Any, text: str) -> list[tuple[int, int, str, str]]:
    return [(int(row.start), int(row.end), "DATE", str(row.value))]


STAGE = Stage(
    name="dates",
    row=DateMention,
    extract=extract,
    description="dates in ISO 8601 with their granularity, relative ones resolved",
    after=("entities",),  # reads the corrected DATE entities on the Doc
    data=("dates.json", "lexicon.json"),
    scorer="dates",
    report=("text", "value", "granularity", "relative", "value_end", "start", "end"),
    mark=_mark,
)
