"""The words every stage shares, one copy, from `data/lexicon.json`: months, weekdays, number
words, ordinals, seasons, person titles, post-nominal letters, and the shape of a wire dateline.

Stages import these names; none keeps its own list of month names or its own dateline regex.
"""

from __future__ import annotations

import json
import re

from extract.stages import data_path

_DATA = json.loads(data_path("lexicon.json").read_text(encoding="utf-8"))

MONTHS: dict[str, int] = _DATA["months"]  # "january"/"jan" -> 1 ... (lower case)
WEEKDAYS: dict[str, int] = _DATA["weekdays"]  # "monday"/"mon" -> 0 ...
# Month names that are also common words ("may", "march"): a date only beside a day or year.
AMBIGUOUS_MONTHS: frozenset[str] = frozenset(_DATA["ambiguous_months"])
CALENDAR: frozenset[str] = frozenset(MONTHS) | frozenset(WEEKDAYS)  # every month and day name
NUMBER_WORDS: list[str] = _DATA["ones"]  # "zero".."nineteen", each at its value
ORDINALS: list[str] = _DATA["ordinals"]  # "zeroth".."nineteenth"
TENS: dict[str, int] = _DATA["tens"]  # "twenty": 20 .. "ninety": 90
TENS_ORDINALS: dict[str, int] = _DATA["tens_ordinals"]  # "twentieth": 20 ...
DECADE_WORDS: dict[str, int] = _DATA["decade_words"]  # "twenties": 20 ...
SEASONS: dict[str, int] = _DATA["seasons"]  # "summer" -> its ISO 8601-2 code (22)
TITLES: frozenset[str] = frozenset(_DATA["titles"])  # "president", "dr.", "ceo" (lower case)
# Letters after a person's name ("Ph.D.", "QC", "MBE"), lower case without stops.
POST_NOMINALS: frozenset[str] = frozenset(_DATA["post_nominals"])
AGENCIES: tuple[str, ...] = tuple(_DATA["dateline_agencies"])  # "(Reuters)" in a dateline


def alternation(words: object) -> str:
    """A regex alternation of the words, longest first (so "june" wins over "jun")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


MONTH = rf"(?i:{alternation(MONTHS)})\.?"
WEEKDAY = rf"(?i:{alternation(WEEKDAYS)})\.?"

# A wire dateline at a line start: "TOKYO, Feb 7 (Reuters) -", "WASHINGTON (AP) --",
# "Kingston, Jamaica, March 3 -", or a line of its own that ends in its date ("BELGRADE
# 1996-08-30", as Reuters wire copy sets it); tokenised copy may space its commas and brackets
# ("NICE , France 1996-08-30", "ANKARA ( Reuters ) -"). Groups: `place` (and `region`), the
# `date` when written, the `agency`.
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'\-]*(?: [A-Z][A-Za-z.'\-]*){0,3})"
    r"(?:[ \t]*,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?"
    rf"(?:[ \t]*,?\s+(?P<date>{MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{4}}-\d\d-\d\d))?"
    rf"\s*(?:\([ \t]?(?P<agency>(?i:{alternation(AGENCIES)}))[ \t]?\)\s*)?"
    r"(?:[-\u2013\u2014]{1,2}\s|(?<=\d)[ \t]*(?=\n|\Z))"
)
