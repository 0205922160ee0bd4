"""The words of dates and the one form the rules read them in.

`data/dates.json` (holidays, relative words, named days, the rule order, the Matcher's token
patterns) is loaded once, here; month, weekday and number words come from `extract.lexicon`.
`normalize(text)` puts a phrase in the form every rule expects: lower case, plain
punctuation, digits for number words. The regex pieces below name their groups the same
way in every rule: `m` month, `w` weekday, `d` day, `y` year, `rel` relative word, `u`
unit, `n` count.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache

from extract.lexicon import (
    DECADE_WORDS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    TENS,
    TENS_ORDINALS,
    WEEKDAYS,
)
from extract.stages import data_path
from extract.stages.dates.values import UNITS

VOCAB: dict = json.loads(data_path("dates.json").read_text(encoding="utf-8"))

# Fixed-date holidays (month, day); US holidays on the nth (or last, -1) weekday of a month
# (month, weekday, n); and days counted from Easter or from another holiday (base, days).
HOLIDAYS = {name: tuple(md) for name, md in VOCAB["holidays"]["fixed"].items()}
WEEKDAY_HOLIDAYS = {name: tuple(v) for name, v in VOCAB["holidays"]["nth_weekday"].items()}
HOLIDAY_OFFSETS = {name: tuple(v) for name, v in VOCAB["holidays"]["offsets"].items()}
HOLIDAY_NAMES = [*HOLIDAYS, *WEEKDAY_HOLIDAYS, *HOLIDAY_OFFSETS, "easter"]
OFFSET: dict[str, int] = VOCAB["relative_words"]  # "next" -> 1: periods from this one
NAMED_DAYS: dict[str, int] = VOCAB["named_days"]  # "yesterday" -> -1: days from publication
DAY_PARTS: list[str] = VOCAB["day_parts"]  # "morning", "night": a part of a day is that day

M = r"(?P<m>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
W = r"(?P<w>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")"
D = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
Y = r"(?P<y>\d{4}|'\d\d)"
# No relative word is a prefix of another, so their order in the alternation is free.
REL_WORDS = "|".join(OFFSET)
REL = rf"(?P<rel>{REL_WORDS})"
UNIT_WORDS = "|".join(UNITS)
UNIT = rf"(?P<u>{UNIT_WORDS})s?"
N = r"(?P<n>\d{1,3})"
# Leading words that carry no date: the rules try the phrase again without them.
LEAD = re.compile(
    r"^(?:the|on|in|at|of|during|by|since|until|till|through|around|about|circa|"
    r"as early as|as late as|as of|no later than|starting|beginning|starting on|"
    r"beginning on|starting from|after|before|later than|earlier than|sometime|"
    r"sometime in|throughout|for|over|within|from|year|calendar year|cy|"
    r"the year|the year of|just|only)\s+"
)


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DASHES = re.compile(r"[\u2010-\u2015]")
_SPACES = re.compile(r"\s+")
# (pattern, replacement) in the order `normalize` applies them, once spaces are single.
_NORMAL_FORM = [
    (re.compile(r" ?[()] ?"), " "),  # "Friday (June 15": the parenthesis only restates
    (re.compile(r"(?<=[a-z])\.(?=\s|$|-)"), ""),  # "feb." "sept."
    (re.compile(r"\s*,\s*"), ", "),
    (re.compile(r"(?<=\d)\.(?= [a-z])"), ""),  # "16. nov. 2016"
    (re.compile(r"\b(?:tmrw|tmr|tmw)\b"), "tomorrow"),
    # "dec31", "jan/3", "sep-23-2020", "23/sep/2020": a month name glued to digits.
    (re.compile(rf"\b(\d{{1,4}})[-/.]({_MONTH_NAMES})[-/.](\d{{1,4}})\b"), r"\1 \2 \3"),
    (re.compile(rf"\b({_MONTH_NAMES})[-/.]?(?=\d)"), r"\1 "),
    (re.compile(rf"\b(\d{{1,2}}(?:st|nd|rd|th)?)({_MONTH_NAMES})\b"), r"\1 \2"),
    (re.compile(rf"\b({_MONTH_NAMES}) (\d{{1,2}})[-/](\d{{4}})\b"), r"\1 \2 \3"),
]
_QUARTER_WORD = re.compile(r"\b(\d(?:st|nd|rd|th))-(quarter|half)\b")  # "third-quarter"


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Lower case, plain punctuation, digits for number words, no wrapping punctuation."""
    s = _DASHES.sub("-", text.lower().replace("\u2019", "'").replace("\u2018", "'"))
    s = _SPACES.sub(" ", s).strip(' .,;:!?()[]"')
    for pattern, replacement in _NORMAL_FORM:
        s = pattern.sub(replacement, s)
    s = _digits_for_words(s)
    return _QUARTER_WORD.sub(r"\1 \2", s)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _small_number(words: str) -> int:
    """ "thirty two" -> 32, "fifteen" -> 15."""
    total = 0
    for word in re.split(r"[ -]", words):
        total += TENS.get(word) or NUMBER_WORDS.index(word)
    return total


_ONES = "|".join(NUMBER_WORDS[1:10])
_SMALL = rf"(?:(?:{'|'.join(TENS)})(?:[ -](?:{_ONES}))?|{'|'.join(NUMBER_WORDS[1:])})"
_TWO_THOUSAND = re.compile(rf"\btwo thousand(?:(?: and)? (?P<r>{_SMALL}))?\b")
_HUNDREDS = re.compile(
    rf"\b(?P<c>{'|'.join(NUMBER_WORDS[11:20])}|twenty) "
    rf"(?P<r>(?:{'|'.join(TENS)})(?:[ -](?:{_ONES}))?)\b"
)
_TENS_UNITS = re.compile(
    rf"\b(?P<t>{'|'.join(TENS)})[ -](?P<u>{'|'.join(ORDINALS[1:10])}|{_ONES})\b"
)


def _any_of(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"\b({'|'.join(words)})\b")


# Single number words to digits, in order: decades, tens ordinals, tens, ordinals, numbers.
_NUMBER_WORDS = [
    (_any_of(DECADE_WORDS), lambda m: f"'{DECADE_WORDS[m[1]]}s"),
    (_any_of(TENS_ORDINALS), lambda m: _ordinal(TENS_ORDINALS[m[1]])),
    (_any_of(TENS), lambda m: str(TENS[m[1]])),
    (_any_of(ORDINALS[1:]), lambda m: _ordinal(ORDINALS.index(m[1]))),
    (_any_of(NUMBER_WORDS[1:]), lambda m: str(NUMBER_WORDS.index(m[1]))),
]
# (pattern, replacement) for the words of small counts, in order.
_COUNTS = [
    (re.compile(r"\b(?:a )?few\b"), "3"),  # as the Recognizers spec reads "a few days ago"
    (re.compile(r"\b(a|an) couple of\b"), "2"),
    (re.compile(r"\b(?:(?:a|an|the) )?(?:couple|pair)(?: of)?\b"), "2"),
    (re.compile(r"\b(a|an)\b"), "1"),
]


def _tens_units(m: re.Match) -> str:
    tens = TENS[m["t"]]
    unit = m["u"]
    if unit in ORDINALS:
        return _ordinal(tens + ORDINALS.index(unit))
    return str(tens + NUMBER_WORDS.index(unit))


def _digits_for_words(s: str) -> str:
    """Number words to digits, so the rules only see digits."""
    s = _TWO_THOUSAND.sub(lambda m: str(2000 + (_small_number(m["r"]) if m["r"] else 0)), s)
    s = _HUNDREDS.sub(lambda m: str(_small_number(m["c"]) * 100 + _small_number(m["r"])), s)
    s = _TENS_UNITS.sub(_tens_units, s)
    for pattern, replacement in _NUMBER_WORDS + _COUNTS:
        s = pattern.sub(replacement, s)
    return s
