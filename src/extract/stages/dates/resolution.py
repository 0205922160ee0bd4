"""`resolve(text, published)`: one date expression to its value, or None.

The text is normalised, ruled out when it is a duration, an age or an ordinal on its own
("three years", "45 years old", "the first"), then read by the rules (`rules.single`), else
as a range (`ranges`), else, for whole candidates only, by dateparser (English,
RELATIVE_BASE = the publication date), which knows phrasings the rules do not; never for a
phrase that ends in a connector ("October and"), whose date the rules read without it. Without a
publication date a fixed day stands in for it: the granularity still holds, and the stage
leaves a `relative` value out. Results are cached per (text, publication date).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from extract.lexicon import MONTHS, ORDINALS, WEEKDAYS
from extract.stages.dates import composed, holidays, written
from extract.stages.dates import relative as relative_rules
from extract.stages.dates.ranges import date_range
from extract.stages.dates.rules import single
from extract.stages.dates.values import Resolved, week_value
from extract.stages.dates.vocabulary import LEAD, normalize

# The modules whose rules register themselves by name in `rules.RULES` when imported.
RULE_MODULES = (written, relative_rules, holidays, composed)
# A count of units, not a date: "three years", "for 10 days", "45 years old".
_DURATION = re.compile(
    r"^(?:(?:about|around|nearly|almost|over|more than|less than|up to|at least|some|"
    r"roughly|approximately|another|the first|the last|the past|the next|for)\s+)?"
    r"(?:\d[\d,.]*|few|several|many|2)\s*-?\s*"
    r"(?:day|week|fortnight|month|quarter|year|decade|hour|minute|night|century)s?"
    r"(?:\s+(?:old|long|running|straight|in a row|of age))?$"
)
_ORDINAL_ALONE = re.compile(rf"(?:the )?(?:{'|'.join(ORDINALS[1:])})")
_AGE = re.compile(r"\bold\b|\bages?d?\b|-year-old|\bof age\b")


@lru_cache(maxsize=8192)
def resolve(text: str, published: date | None, fallback: bool = True) -> Resolved | None:
    """Resolve one date expression; None when it is not a date.

    `fallback` lets dateparser try what the grammar does not know (slow: whole candidates only).
    """
    s = normalize(text)
    if _ORDINAL_ALONE.fullmatch(text.lower().strip()):
        return None  # "the first" (nine months), "the second" (half): not a day of the month
    duration = _DURATION.fullmatch(LEAD.sub("", s)) and not s.startswith(("in ", "within "))
    if not s or _AGE.search(s) or duration:
        return None
    base = published or date(2000, 1, 1)
    return single(s, base) or date_range(s, base) or (_dateparser(s, base) if fallback else None)


_DP_HINT = re.compile(
    rf"\d+[/.\-]\d+[/.\-]\d+|\b(?:{'|'.join(MONTHS)}|{'|'.join(WEEKDAYS)}|ago|yesterday|tomorrow|today)\b"
)


# A phrase that ends in a connector ("Sept and", "March 7 of") is a date cut short or glued
# to the next clause: the grammar reads its parts, and dateparser would guess at the whole
# (it reads "October and" as the coming October, whatever the sentence says).
_CUT_SHORT = re.compile(r".*(?:[ ,](?:and|or|of|to|the|in|on)|,)")


def _dateparser(s: str, base: date) -> Resolved | None:
    """The fallback for phrasings the grammar does not know; only for date-like text."""
    if not _DP_HINT.search(s) or re.fullmatch(r"[\d,.\s]+", s) or _CUT_SHORT.fullmatch(s):
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
    if relative and abs(d.year - base.year) > 1:
        return None  # "April 24 and 25" is not April 24, 2025: a year must be written

    period = data.period or "day"
    if period == "year":
        return Resolved(str(d.year), "year", relative)
    if period == "month":
        return Resolved(f"{d.year}-{d.month:02d}", "month", relative)
    if period == "week":
        return Resolved(week_value(d), "week", relative)
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
