"""Candidate spans: where in a Doc a date may be written, as token spans to resolve.

Candidates are spaCy's DATE entities plus the hits of a token Matcher whose patterns are
data (`data/dates.json` "patterns": months, weekdays, quarters, numeric forms, relative
phrases; holiday names are added from the holiday tables). The Matcher runs only on windows
around date-like tokens (`_ANCHORS`, `_ANCHOR_SHAPE`), so nothing searches the whole text.
Overlapping candidates are merged; they are token spans of the Doc, so their offsets index
the article's text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc

from extract.lexicon import (
    AMBIGUOUS_MONTHS,
    DECADE_WORDS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    SEASONS,
    TENS,
    WEEKDAYS,
)
from extract.stages.dates.values import UNITS
from extract.stages.dates.vocabulary import HOLIDAY_NAMES, OFFSET, VOCAB


def _token_classes() -> dict[str, dict]:
    """The named token kinds the patterns in data/dates.json use as "@name"."""
    months = sorted(MONTHS) + [f"{m}." for m in MONTHS if len(m) <= 4]
    day = r"^(0?[1-9]|[12]\d|3[01])(st|nd|rd|th)?$"
    ordinal = "^(" + "|".join(ORDINALS[1:]) + r"|twentieth|thirtieth|twenty-?\w+|thirty-?first)$"
    names = "|".join(MONTHS)
    one_word_holidays = [name for name in HOLIDAY_NAMES if " " not in name and "'" not in name]
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
        "rel": {"LOWER": {"IN": list(OFFSET)}},
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
    patterns = [[_token(t, classes) for t in pattern] for pattern in VOCAB["patterns"]]
    # Holiday names of several words, token by token ("mother 's day", "workers ' day").
    for name in HOLIDAY_NAMES:
        if " " in name or "'" in name:
            words = re.sub(r"'s\b|(?<=s)'(?= )", r" \g<0>", name).split()
            patterns.append([{"LOWER": word} for word in words])
    return patterns


@lru_cache(maxsize=8)
def _matcher(vocab_id: int, vocab) -> Matcher:  # noqa: ARG001 - the id keys the cache
    matcher = Matcher(vocab)
    matcher.add("DATE", _patterns())
    return matcher


_CURRENCY = {"$", "\u20ac", "\u00a3", "\u00a5", "us$", "c$", "a$", "hk$"}


# Words without which no pattern matches: the Matcher runs only on windows around them.
_ANCHORS = (
    set(MONTHS) | {f"{m}." for m in MONTHS} | set(WEEKDAYS) | set(UNITS) | set(UNITS.values())
    | set(SEASONS) | {"today", "tonight", "yesterday", "tomorrow", "now", "ago", "later",
                      "earlier", "weekend", "century", "fiscal", "fy", "cy", "christmas",
                      "easter", "halloween", "thanksgiving", "independence", "boxing", "xmas",
                      "day", "ended", "ending", "tmrw", "tmr", "tmw", "morning", "afternoon",
                      "evening", "night", "same", "end"}
    | {name.split()[-1] for name in HOLIDAY_NAMES}
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


def candidates(doc: Doc) -> list[tuple[int, int]]:
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
