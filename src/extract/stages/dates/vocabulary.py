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
    s = _digits_for_words(s)
    return re.sub(r"\b(\d(?:st|nd|rd|th))-(quarter|half)\b", r"\1 \2", s)  # "third-quarter"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _small_number(words: str) -> int:
    """ "thirty two" -> 32, "fifteen" -> 15."""
    total = 0
    for word in re.split(r"[ -]", words):
        total += TENS.get(word) or NUMBER_WORDS.index(word)
    return total


def _digits_for_words(s: str) -> str:
    """Number words to digits, so the rules only see digits."""

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
