"""Numbers as money is written: digits in any grouping ("1,015", "1.234.567,89", "1 234,56"),
fractions ("62-1/2"), scale words and letters ("5bn", "2.5 million", "Rs 500 crore") and
written numbers ("one trillion", "half a billion", "a quarter of a million").

`number(t, k)` reads the number starting at piece k and returns its value at full scale, the
piece after it, and whether a scale word was written. Number words are the shared ones of
`extract.lexicon`.
"""

from __future__ import annotations

import re

from extract.lexicon import NUMBER_WORDS, TENS
from extract.stages.amounts.currencies import marker_at
from extract.stages.amounts.pieces import Pieces

SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "grand": 1e3,
    "million": 1e6, "mln": 1e6, "mn": 1e6, "mil": 1e6, "mio": 1e6, "m": 1e6, "mm": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9,
    "trillion": 1e12, "tln": 1e12, "trn": 1e12, "tn": 1e12, "t": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5,
    "crore": 1e7, "crores": 1e7, "cr": 1e7,
}  # fmt: skip
UNITS = {w: i for i, w in enumerate(NUMBER_WORDS)}  # "zero".."nineteen"
TENS_WORDS = dict(TENS)  # "twenty".."ninety"
WORD_SCALES = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
    "mln": 1e6, "mn": 1e6, "bln": 1e9, "bn": 1e9, "tln": 1e12, "trn": 1e12,  # "eight mln dlrs"
}  # fmt: skip
FRACTIONS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25}
_A_ONE = {"dollar", "buck", "euro", "cent", "penny"}  # "a dollar" is one dollar
_NOMINAL = {"NOUN", "PROPN", "ADJ", "NUM"}
_THIN_SPACES = {"\u00a0", "\u202f", "\u2009"}  # thousands separators in "1 234,56 €"


def number(t: Pieces, k: int, marked: bool = False) -> tuple[float, int, bool] | None:
    """A number at piece k: digits with scale words, or a written number (`marked`: a
    currency marker stands just before it)."""
    ps = t.ps
    if k >= t.n:
        return None
    if ps[k].kind != "num":
        return words(t, k)
    value = digits(ps[k].text)
    if value is None:
        return None
    k += 1
    if (
        k + 1 < t.n
        and ps[k].text == "."
        and ps[k].gap
        and ps[k + 1].gap
        and ps[k + 1].kind == "num"
        and ps[k - 1].text.isdigit()
        and len(ps[k - 1].text) <= 3
        and ps[k + 1].text.isdigit()
    ):
        value = float(f"{ps[k - 1].text}.{ps[k + 1].text}")  # tokenised "1 . 8500"
        k += 2
    frac = fraction(t, k - 1 if ps[k - 1].text.isdigit() else -1)
    if frac:  # "1/2 ct", "62-1/2 cts"
        value = frac[0]
        k = frac[1]
    elif k + 1 < t.n and ps[k].text == "-" and not ps[k].gap and not ps[k + 1].gap:
        frac = fraction(t, k + 1)
        if frac and ps[k - 1].text.isdigit():
            value, k = value + frac[0], frac[1]
    value, k = _space_groups(t, k, value, marked)
    scaled = False
    while k < t.n and ps[k].kind == "word" and ps[k].low in SCALES:
        if len(ps[k].low) <= 2 and ps[k].gap and ps[k].low not in {"mn", "bn", "tn", "cr"}:
            break  # "5 m" may be metres; "5m" is money only next to a currency
        value *= SCALES[ps[k].low]
        scaled = True
        k += 1
    return value, k, scaled


def _space_groups(t: Pieces, k: int, value: float, marked: bool) -> tuple[float, int]:
    """ "1 234 567,89 €", "10 000 dollars": groups of three digits after the number ending
    before piece k, each after one space. A thin or no-break space groups digits anywhere; a
    plain one only in an amount whose currency is written, else "on day 3 500 staff left"
    would be one number."""
    ps = t.ps
    first = ps[k - 1].text
    if not (first.isdigit() and len(first) <= 3 and (k < 2 or ps[k - 2].kind != "num")):
        return value, k
    j, plain = k, False
    while (
        j < t.n
        and ps[j].kind == "num"
        and ps[j].start - ps[j - 1].end == 1
        and re.fullmatch(r"\d{3}(?:[.,]\d{1,2})?", ps[j].text)
        and (j == k or ps[j - 1].text.isdigit())
    ):
        sep = t.text[ps[j - 1].end]
        if sep not in _THIN_SPACES and sep != " ":
            break
        plain |= sep == " "
        j += 1
    if j == k or (plain and not marked and marker_at(t, j) is None):
        return value, k
    whole = "".join(p.text for p in ps[k - 1 : j])
    return digits(whole) or value, j


def fraction(t: Pieces, k: int) -> tuple[float, int] | None:
    """ "1/2" at piece k (pieces "1", "/", "2", glued): its value and the piece after."""
    ps = t.ps
    if k < 0 or k + 2 >= t.n or ps[k + 1].text != "/" or ps[k + 1].gap or ps[k + 2].gap:
        return None
    a, b = ps[k].text, ps[k + 2].text
    if not (a.isdigit() and b in {"2", "3", "4", "8", "16", "32", "64"} and int(a) < int(b)):
        return None
    return int(a) / int(b), k + 3


def is_numword(t: Pieces, k: int) -> bool:
    """Can a written number start at piece k?"""
    w = t.ps[k].low
    return w in UNITS or w in TENS_WORDS or w in FRACTIONS or w in {"a", "an"}


def words(t: Pieces, k: int) -> tuple[float, int, bool] | None:
    """A written number: "one trillion", "half a billion", "a quarter of a million"."""
    ps = t.ps
    if ps[k].low in {"a", "an"} and k + 1 < t.n:
        unit = marker_at(t, k + 1)
        if unit and unit[0].key in _A_ONE:
            end = unit[1]
            nxt = t.token(end) if end < t.n else None
            if nxt is None or (ps[end].text != "-" and nxt.pos_ not in _NOMINAL):
                return 1.0, k + 1, False  # "costs a dollar", not "a dollar bill"
    total = current = small = 0.0  # small: the part below a hundred, for "three quarters"
    seen = scaled = False
    end = k
    j = k
    while j < t.n:
        w = ps[j].low
        nxt = ps[j + 1].low if j + 1 < t.n else ""
        if w in UNITS or w in TENS_WORDS:
            if seen and current % 100 and not (w in UNITS and (current % 10 == 0)):
                break  # "five five": two numbers
            current += UNITS.get(w, 0) + TENS_WORDS.get(w, 0)
            small += UNITS.get(w, 0) + TENS_WORDS.get(w, 0)
            seen = True
        elif (
            w == "-" and seen and nxt in UNITS and current % 10 == 0 and ps[j - 1].low in TENS_WORDS
        ):
            pass  # "forty-five"
        elif w in {"a", "an"} and (nxt in WORD_SCALES or nxt in FRACTIONS or nxt == "hundred"):
            if not seen and nxt not in FRACTIONS:
                current, seen = 1.0, True
        elif w == "and" and seen and (nxt in UNITS or nxt in TENS_WORDS or nxt == "a"):
            pass  # "one hundred and five", "one and a half"
        elif w in FRACTIONS:
            frac = FRACTIONS[w]
            if not seen:
                current = frac
            elif ps[j - 1].low == "a":
                current += frac  # "one and a half"
            else:
                current += small * frac - small  # "three quarters", "a hundred and three quarters"
            small = 0.0
            seen = True
        elif w == "of" and ps[j - 1].low in FRACTIONS and nxt in {"a", "an"}:
            pass  # "a quarter of a million"
        elif w == "hundred" and seen:
            current, small = current * 100, 0.0
        elif w in WORD_SCALES and seen and not current and ps[j - 1].low in WORD_SCALES:
            total *= WORD_SCALES[w]  # "five lakh crore": a scale of the scale before it
        elif w in WORD_SCALES and seen:
            total += current * WORD_SCALES[w]
            current, small, scaled = 0.0, 0.0, True
        else:
            break
        j += 1
        if seen and w not in {"-", "and", "of", "a", "an"}:
            end = j
    if not seen or end == k:
        return None
    if not scaled and all(p.low in FRACTIONS or p.low in {"a", "an"} for p in ps[k:end]):
        return None  # "by half to 66.2 billion", "fourth quarter to 88.6 mln"
    if ps[k].low in {"a", "an"} and not scaled and ps[end - 1].low != "hundred":
        return None
    return total + current, end, scaled


def digits(text: str) -> float | None:
    """'1,015' -> 1015, '1.234.567,89' -> 1234567.89, "1'000" -> 1000, '5,5' -> 5.5."""
    s = text.replace("'", "").replace("’", "")
    if "," in s and "." in s:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if dec == "," else ",", "").replace(dec, ".")
    elif "," in s:
        parts = s.split(",")
        s = s.replace(",", "") if len(parts) > 2 or len(parts[1]) == 3 else s.replace(",", ".")
    elif s.count(".") > 1:
        s = s.replace(".", "")  # "1.234.567": dots group thousands
    try:
        return float(s)
    except ValueError:
        return None


def tidy(value: float) -> float:
    """16.4 * 1e6 is 16399999.999999998 in binary floats; news never has 15 significant digits."""
    return float(f"{value:.12g}")


def is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100
