"""Candidate spans: where in a Doc a date may be written, as token spans to resolve.

Candidates are spaCy's DATE entities plus the hits of a token Matcher whose patterns are
data (`data/dates.json` "patterns": months, weekdays, quarters, numeric forms, relative
phrases; holiday names are added from the holiday tables). The patterns run only on windows
around date-like tokens (`_ANCHORS`, `_ANCHOR_SHAPE`), so nothing searches the whole text, and
inside a window each pattern runs only around a word (or a token shape) that every match of
it holds (`_Gated`): the same matches as one Matcher of all the patterns over the window, at
a tenth of the cost. Overlapping candidates are merged; they are token spans of the Doc, so
their offsets index the article's text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

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


class _Gated:
    """The patterns in groups by their gate, a token every match of theirs holds (a word of a
    set, or a shape): a window runs only the groups whose gate it holds, each only around its
    gate tokens, and so finds what one Matcher of all the patterns finds there. A Matcher tries
    every pattern at every token, and one of all the patterns cost half the stage."""

    def __init__(self, vocab: Vocab, patterns: list[list[dict]]) -> None:
        groups: dict[tuple, list] = {}  # (gate, unbounded) -> [patterns, before, after]
        for pattern in patterns:
            gate, before, after = _gate(pattern)
            # A pattern of unbounded length gets a group of its own: it runs on whole windows.
            group = groups.setdefault((gate, None in (before, after)), [[], 0, 0])
            group[0].append(pattern)
            group[1] = None if None in (before, group[1]) else max(before, group[1])
            group[2] = None if None in (after, group[2]) else max(after, group[2])
        self.groups = []  # (bit, matcher, tokens before the gate, tokens after; None: any)
        self.words: dict[str, dict[str, int]] = {"LOWER": {}, "TEXT": {}}  # word -> gate bits
        self.shapes: list[tuple[str, re.Pattern[str], int]] = []  # (attribute, regex, gate bit)
        self.always = 0  # the bit of the patterns that hold no word and no shape
        bits: dict[tuple | None, int] = {}  # gate -> its bit
        for (gate, _), (members, before, after) in groups.items():
            matcher = Matcher(vocab)
            matcher.add("DATE", members)
            new = gate not in bits
            bit = bits.setdefault(gate, 1 << len(bits))
            self.groups.append((bit, matcher, before, after))
            if gate is None:
                self.always = bit
            elif gate[0] == "REGEX" and new:
                self.shapes.append((gate[1], re.compile(gate[2]), bit))
            elif gate[0] != "REGEX":
                for word in gate[1]:
                    self.words[gate[0]][word] = self.words[gate[0]].get(word, 0) | bit
        # Most tokens have no shape: one search rules them out before each shape is tried.
        self.any_shape = {
            attr: re.compile("|".join(rx.pattern for a, rx, _ in self.shapes if a == attr) or "$^")
            for attr in ("LOWER", "TEXT")
        }

    def _bits(self, low: str, text: str) -> int:
        """The bits of the gates a token (its lower case and its text) opens."""
        bits = self.words["LOWER"].get(low, 0) | self.words["TEXT"].get(text, 0)
        if self.any_shape["LOWER"].search(low) or self.any_shape["TEXT"].search(text):
            for attr, regex, bit in self.shapes:
                if regex.search(low if attr == "LOWER" else text):
                    bits |= bit
        return bits

    def __call__(self, doc: Doc, words: list[tuple[str, str]], lo: int, hi: int) -> list:
        """(start, end) of every match of a pattern inside doc[lo:hi]."""
        at: dict[int, list[int]] = {}  # gate bit -> the tokens that open it
        for i, (low, text) in enumerate(words[lo:hi], lo):
            bits = self._bits(low, text)
            while bits:
                bit = bits & -bits
                at.setdefault(bit, []).append(i)
                bits ^= bit
        found = []
        for bit, matcher, before, after in self.groups:
            if before is None or after is None:
                windows = [[lo, hi]] if bit in at or bit == self.always else []
            else:
                windows = [
                    [max(lo, s), min(hi, e)] for s, e in _around(at.get(bit, []), before, after)
                ]
            for s, e in windows:
                found += [(m.start, m.end) for m in matcher(doc[s:e], as_spans=True)]
        return found


def _gate(pattern: list[dict]) -> tuple[tuple | None, int | None, int | None]:
    """A token every match of the pattern holds, as ("LOWER" or "TEXT", its words) (the
    rarest such set) or ("REGEX", attribute, pattern), with the most tokens a match holds
    before and after it (None: no bound); (None, None, None) when no token is required."""
    required = [
        (k, _words(token) or _shape(token))
        for k, token in enumerate(pattern)
        if token.get("OP") not in ("?", "*")
    ]
    required = [(k, gate) for k, gate in required if gate]
    if not required:
        return None, None, None
    k, gate = min(required, key=lambda item: _commonness(item[1]))
    unbounded = [token.get("OP") in ("+", "*") for token in pattern]
    before = None if any(unbounded[:k]) else k
    after = None if any(unbounded[k + 1 :]) else len(pattern) - k - 1
    return gate, before, after


def _words(token: dict) -> tuple[str, frozenset[str]] | None:
    for attr in ("LOWER", "TEXT"):
        value = token.get(attr)
        if isinstance(value, str):
            return attr, frozenset([value])
        if isinstance(value, dict) and "IN" in value:
            return attr, frozenset(value["IN"])
    return None


def _shape(token: dict) -> tuple[str, str, str] | None:
    for attr in ("LOWER", "TEXT"):
        value = token.get(attr)
        if isinstance(value, dict) and "REGEX" in value:
            return "REGEX", attr, value["REGEX"]
    return None


def _commonness(gate: tuple) -> tuple[int, int]:
    """How often a gate opens, to pick the rarest: word sets first, then shapes, then sets with
    a stop word ("may" counts as a month) or a punctuation mark; smaller sets first."""
    if gate[0] == "REGEX":
        return 1, 0
    common = any(w in STOP_WORDS and w not in MONTHS or not w[0].isalnum() for w in gate[1])
    return 2 if common else 0, len(gate[1])


def _around(positions: list[int], before: int, after: int) -> list[list[int]]:
    """Token windows reaching `before` tokens before and `after` after each position, merged."""
    windows: list[list[int]] = []
    for i in positions:
        lo, hi = i - before, i + after + 1
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    return windows


@lru_cache(maxsize=8)
def _matcher(vocab_id: int, vocab: Vocab) -> _Gated:  # noqa: ARG001 - the id keys the cache
    return _Gated(vocab, _patterns())


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
    words = [(t.lower_, t.text) for t in doc]
    anchors = [
        i
        for i, (low, text) in enumerate(words)
        if low in _ANCHORS
        or _ANCHOR_SHAPE.search(text)
        or (text in ("-", "/") and 0 < i < len(doc) - 1 and doc[i - 1].is_digit)
    ]
    windows = [[max(0, lo), min(len(doc), hi)] for lo, hi in _around(anchors, _WINDOW, _WINDOW)]
    matcher = _matcher(id(doc.vocab), doc.vocab)
    return [span for lo, hi in windows for span in matcher(doc, words, lo, hi)]


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
