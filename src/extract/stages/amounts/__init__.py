"""Amount rows: money mentions in an article, normalised to a value and an ISO 4217 currency.

What the stage promises, per row:
- `doc_id, start, end, text`: `text == article.text[start:end]`; the span runs from the
  currency (or the number) to the currency (or the scale word), e.g. "$1 trillion",
  "USD34.6m", "27 million GBP", "half a billion euros", "$2-3 billion". Qualifiers and
  "a share"-style units are not part of the span; they go to their own columns.
- `value`: float at full scale in the major unit ("12-cent" -> 0.12, "470 pence" -> 4.7).
  The sign is the written sign: only a minus written on the amount ("-$5m") makes it
  negative. Words such as "loss", "deficit" or "fell" never flip it, and accounting
  parentheses stay positive, because the sign of the *meaning* depends on the sentence.
- `currency`: ISO 4217 code, historical codes included for old news (DEM, FRF, ITL, ...);
  Bitcoin, which has none, is "BTC".
- `currency_inferred`: True when the written marker fits several currencies ("$", "dollars",
  "cents", "¥", "francs", "pounds", "Rs", "pesos", "crowns", ...). The choice then is:
  1. the country of the dateline ("TORONTO, March 3 -" -> CAD), when that country uses
     one of the candidate currencies;
  2. else a candidate whose country the article names at least twice and more often than
     any other country of the table (GPE/NORP/LOC entities: "Canada", "Canadian",
     "Toronto"): a US story that mentions Japan and Singapore twice each keeps USD;
  3. else the default, the first currency listing the marker in data/currencies.csv
     ("$" -> USD, "¥" -> JPY, "francs" -> CHF, "pounds" -> GBP, "Rs" -> INR).
  Explicit markers ("US$", "C$", "HK$", "USD", "euros", "Canadian dollars") are never
  inferred.
- `value_high`: the upper bound of a range ("$2-3 billion", "between $5 and $10 million",
  "$5 to $6 a share"), else None; `value` is then the lower bound. A scale written only
  on the upper bound applies to both when that keeps low <= high.
- `qualifier`: "" or one of about, more than, less than, up to, at least, at most, almost.
- `per`: "" or the unit the amount is priced per ("$5 a share" -> "share", "$80 per
  barrel" -> "barrel"); such amounts are prices, not totals, and must not be summed.

How: spaCy leaves many money forms glued in one token ("USD34.6", "HK$12", "5bn",
"115USD"), which token patterns cannot look inside, so each token is cut into pieces
(digits, letters, symbols) with their character offsets and a small grammar runs over the
pieces: [sign] [currency] number [scale] [currency] [minor part], plus ranges. Multi-token
markers ("hong kong dollars", "u . s . $", "c $") are found by joining adjacent pieces.
Nothing is parsed from raw text outside the Doc's tokens. quantulum3 is not used: it reads
everyday words as units and costs more than the whole budget of this stage; spaCy's MONEY
entities are not needed either (they miss half of the shared cases and add nothing the
grammar does not find).

What is not money, by rule rather than by example:
- a number without a currency marker ("three key sectors", "5 miles", "20 percent", years);
  a currency word without a number ("the dollar fell");
- a number followed by "%"/"percent"/"pct" even when a currency word precedes it;
- ISO codes that are English words (PEN, TRY, MAD, ...) unless written in upper case; one-
  letter signs ("R", "p") unless glued to the number; "c" only as cents after a dollar
  amount ("$20 and 43c");
- "pounds" before "of" or in a sentence about weight ("weighed 200 pounds");
- an unscaled written number before a singular currency word and a noun ("one yen bond
  manager", "three mark eurobonds"): it counts the nouns;
- "X to Y" after a verb ("rose 12 to 62 dlrs") is a change, not a range; "from $5 to $6" too.
In a text with no upper case at all (lower-cased corpora), short signs such as "rs", "dm"
are also read in lower case, before a number only.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from spacy.tokens import Doc

from extract.article import Article
from extract.config import Settings
from extract.lexicon import NUMBER_WORDS, TENS
from extract.stages import Stage, data_path

DATA = data_path("currencies.csv")


@dataclass(frozen=True)
class Amount:
    doc_id: str
    start: int
    end: int
    text: str
    value: float
    currency: str
    currency_inferred: bool
    value_high: float | None
    qualifier: str
    per: str


@dataclass(frozen=True)
class _Marker:
    codes: tuple[str, ...]  # candidate currencies, the default first
    factor: float = 1.0  # 0.01 for cents and pence
    pre: bool = True  # may stand before the number
    symbol: bool = False  # a sign or code rather than a word
    scale: float = 1.0  # "MEUR" = million euros
    key: str = ""


class _Piece(NamedTuple):
    start: int
    end: int
    text: str
    low: str
    kind: str  # "num", "word" or "sym"
    gap: bool  # whitespace before it
    tok: int


_PIECE = re.compile(r"\d+(?:[.,'’]\d+)*|[^\W\d_]+|\S")

_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "grand": 1e3,
    "million": 1e6, "mln": 1e6, "mn": 1e6, "mil": 1e6, "mio": 1e6, "m": 1e6, "mm": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9,
    "trillion": 1e12, "tln": 1e12, "trn": 1e12, "tn": 1e12, "t": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5,
    "crore": 1e7, "crores": 1e7, "cr": 1e7,
}  # fmt: skip
# Number words shared with dates (data/dates.json): "zero".."nineteen", "twenty".."ninety".
_UNITS = {w: i for i, w in enumerate(NUMBER_WORDS)}
_TENS = dict(TENS)
_WORD_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25}
_QUALIFIERS = {
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "circa": "about", "approx": "about", "an estimated": "about",
    "more than": "more than", "over": "more than", "above": "more than",
    "in excess of": "more than", "upwards of": "more than", "exceeding": "more than",
    "less than": "less than", "under": "less than", "below": "less than",
    "up to": "up to", "as much as": "up to", "as high as": "up to", "a maximum of": "up to",
    "at least": "at least", "a minimum of": "at least", "no less than": "at least",
    "at most": "at most", "no more than": "at most",
    "almost": "almost", "nearly": "almost", "close to": "almost", "just under": "almost",
    "just shy of": "almost",
}  # fmt: skip
_PER_INTRO = {"a", "an", "per", "/"}
_NOT_PER = {"ago", "earlier", "later", "before", "after", "previously", "since"}
_MINUS = {"-", "−", "–"}
_RANGE = {"-", "–", "—", "to"}
_CHANGE = {"from", "by", "up", "down"}  # "up 1.50 dlrs to 18 dlrs" is a change, not a range
# ISO codes that are also English words: only their upper-case form is a currency.
_WORD_CODES = {"pen", "try", "mad", "cop", "gel", "php", "all", "top", "cup", "mop", "bob", "sos"}
_SHORT_COMMON = {"a", "s", "us", "r", "i", "e", "can"}  # letters that, spaced from "$", are words
_A_ONE = {"dollar", "buck", "euro", "cent", "penny"}  # "a dollar" is one dollar
_NOMINAL = {"NOUN", "PROPN", "ADJ", "NUM"}
_WEIGHT = set(
    "weigh weighs weighed weighing weight heavy heavier lighter lb lbs kg kilos kilograms "
    "tons tonnes ounces obese".split()
)
_PERCENT = {"%", "percent", "pct", "pc"}
_THIN_SPACES = {"\u00a0", "\u202f", "\u2009"}  # thousands separators in "1 234,56 €"


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, _Marker], dict[str, _Marker], dict[str, set[str]], frozenset]:
    """Markers (case-sensitive, lower-cased), place -> currencies, and "$" prefixes."""
    found: dict[tuple[str, bool], dict] = {}  # (key, cased) -> merged marker fields
    places: dict[str, set[str]] = {}
    prefixes: set[str] = set()

    def add(text: str, code: str, *, symbol: bool, pre: bool, factor: float = 1.0) -> None:
        key = _norm(text)
        letters = key.isalpha()
        cased = letters and (len(key) <= 2 or key.lower() in _WORD_CODES)
        if not cased:
            key = key.lower()
        entry = found.setdefault(
            (key, cased), {"codes": [], "factor": factor, "pre": False, "symbol": False}
        )
        if code not in entry["codes"]:
            entry["codes"].append(code)
        entry["pre"] |= pre
        entry["symbol"] |= symbol
        if text.endswith("$") and len(key) > 1:
            prefixes.add(key[:-1].lower())

    with DATA.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["code"]
            add(code, code, symbol=True, pre=True)
            for sym in _split(row["symbols"]):
                add(sym, code, symbol=True, pre=True)
            pre_names = set(_split(row["pre_names"]))
            for name in _split(row["names"]):
                add(name, code, symbol=False, pre=name in pre_names)
            for item in _split(row["minor"]):
                name, factor = item.rsplit(":", 1)
                add(name, code, symbol=False, pre=False, factor=float(factor))
            for place in _split(row["places"]):
                places.setdefault(_norm(place).lower(), set()).add(code)
    try:  # any other ISO 4217 code, upper case only
        import pycountry

        for cur in pycountry.currencies:
            code = cur.alpha_3
            if code[0] != "X" and (code.lower(), False) not in found and (code, True) not in found:
                found[(code, True)] = {"codes": [code], "factor": 1.0, "pre": True, "symbol": True}
    except ImportError:
        pass
    cased: dict[str, _Marker] = {}
    lower: dict[str, _Marker] = {}
    for (key, is_cased), e in found.items():
        marker = _Marker(tuple(e["codes"]), e["factor"], e["pre"], e["symbol"], key=key.lower())
        (cased if is_cased else lower)[key] = marker
    return cased, lower, places, frozenset(prefixes)


@lru_cache(maxsize=1)
def _starts() -> frozenset[str]:
    """Every beginning of a marker key, lower-cased: joining pieces stops outside it."""
    cased, lower, _, _ = _table()
    return frozenset(key.lower()[:n] for key in (*cased, *lower) for n in range(1, len(key) + 1))


@lru_cache(maxsize=1)
def _lowered() -> dict[str, _Marker]:
    return {key.lower(): m for key, m in _table()[0].items() if m.pre and m.symbol}


def _split(field: str | None) -> list[str]:
    return [x.strip() for x in (field or "").split("|") if x.strip()]


def _norm(text: str) -> str:
    return re.sub(r"[\s.]+", "", text)


def extract(doc: Doc, article: Article, settings: Settings) -> list[Amount]:
    """Every money amount in `doc`, left to right, non-overlapping."""
    return _Parser(doc, article.doc_id).run()


class _Parser:
    def __init__(self, doc: Doc, doc_id: str) -> None:
        self.doc = doc
        self.doc_id = doc_id
        self.ps = _pieces(doc)
        self.n = len(self.ps)
        self._context: tuple[set[str], Counter] | None = None
        self._last_marker: _Marker | None = None  # the unit of the amount parsed last
        self.text = doc.text  # built anew on every access of doc.text
        self.lowercased = self.text == self.text.lower()

    def run(self) -> list[Amount]:
        out: list[Amount] = []
        i = 0
        while i < self.n:
            found = self._amount_at(i)
            if found is None:
                i += 1
                continue
            amount, i = found
            out.append(amount)
        return out

    # --- grammar -------------------------------------------------------------------------
    def _amount_at(self, i: int) -> tuple[Amount, int] | None:
        ps = self.ps
        start = i
        pre = self._marker_at(i, pre=True)
        k = pre[1] if pre else i
        if pre and k < self.n and ps[k].kind != "num" and not self._is_numword(k):
            return None
        num = self._number(k)
        if num is None:
            return None
        if pre and not pre[0].symbol and _is_year(ps[k].text) and num[1] == k + 1:
            return None  # "the peso/dollar 1987 target"
        value, k, scaled = num
        if pre and pre[0].scale != 1.0:
            value, scaled = value * pre[0].scale, True
        high = None
        rng = self._range(i, k, pre)
        if rng:
            low = value
            if not scaled and rng[1] and value * rng[1] <= rng[0]:
                low = value * rng[1]
            if low < rng[0]:  # "$5 to 2" is no range
                value, high, k = low, rng[0], rng[2]
                scaled = scaled or bool(rng[1])
        post = None
        if pre is None or not pre[0].symbol:
            post = self._post_marker(k)
        elif len(pre[0].codes) > 1 and k < self.n and ps[k].gap:
            again = self._marker_at(k)
            if again and len(again[0].codes) == 1 and again[0].codes[0] in pre[0].codes:
                pre, k = (again[0], pre[1]), again[1]  # "$100 USD", "$5 CAD" settle the sign
        if post and pre:  # "dollar : 143.80 yen": the word before is not this amount's unit
            start = pre[1]
            pre = None
        marker = (pre or post or (None, 0))[0]
        if marker is None or self._percent_follows(k):
            return None
        if post:
            k = post[1]
            if not scaled and k < self.n and ps[k].low in _SCALES and ps[k].kind == "word":
                if len(ps[k].low) > 1 or not ps[k].gap:  # "75 USD million"
                    value, high = value * _SCALES[ps[k].low], high and high * _SCALES[ps[k].low]
                    k += 1
            value *= marker.factor * marker.scale
            high = high * marker.factor * marker.scale if high is not None else None
        if marker.key in {"pound", "pounds"} and not self._pounds_ok(k, scaled):
            return None
        if post and (self._percent_follows(k) or self._counts_things(start, k, marker, scaled)):
            return None
        code, inferred = self._resolve(marker)
        if marker.factor == 1.0 and high is None:
            value, k = self._minor(value, k, code, bare=post is not None)
        if high is None and self._connects(start, k):
            # "10 dollars to 20 dollars", "between 5 euros and 8 euros": two whole amounts
            second = self._amount_at(k + 1)
            last = self._last_marker
            same = last is not None and (last.codes, last.factor) == (marker.codes, marker.factor)
            if same and second and second[0].currency == code and second[0].value_high is None:
                if second[0].value > value and second[0].start == ps[k + 1].start:
                    high, k = second[0].value, second[1]
        if (
            start > 0
            and ps[start - 1].text in _MINUS
            and not ps[start].gap
            and (start == 1 or ps[start - 1].gap or ps[start - 2].text == "(")
        ):
            start -= 1
            value, high = -value, (-high if high is not None else None)
        a, b = ps[start].start, ps[k - 1].end
        self._last_marker = marker
        row = Amount(
            self.doc_id, a, b, self.text[a:b], _tidy(value), code, inferred,
            _tidy(high) if high is not None else None, self._qualifier(start), self._per(k),
        )  # fmt: skip
        return row, k

    def _marker_at(self, i: int, *, pre: bool = False) -> tuple[_Marker, int] | None:
        """The longest currency marker starting at piece i, and the piece after it."""
        cased, lower, _, prefixes = _table()
        ps = self.ps
        if i >= self.n or ps[i].kind == "num" or ps[i].text == ".":
            return None
        best = None
        raw = ""
        for j in range(i, min(i + 7, self.n)):
            p = ps[j]
            if p.kind == "num":
                break
            if j > i and p.gap and not self._join_ok(ps[j - 1], p, prefixes):
                break
            if p.text != ".":
                raw += p.text
            key = raw
            if key.lower() not in _starts():
                if j == i and len(key) == 4 and key.isupper():
                    pass  # maybe "MEUR"
                else:
                    break
            marker = cased.get(key) or lower.get(key.lower())
            if marker is None and pre and self.lowercased and key.lower() not in _WORD_CODES:
                # a lower-cased corpus writes "rs 500", "dm 5": signs before a number only
                marker = _lowered().get(key.lower())
            if marker is None:
                # "MEUR", "KUSD": a scale letter glued to an upper-case ISO code
                if j == i and len(key) == 4 and key.isupper() and key[0] in "MK":
                    base = cased.get(key[1:]) or lower.get(key[1:].lower())
                    if base and base.symbol and key[1:] in base.codes:
                        scale = 1e6 if key[0] == "M" else 1e3
                        marker = _Marker(base.codes, 1.0, True, True, scale, key.lower())
                if marker is None:
                    continue
            if p.text == "." and not (
                j + 1 < self.n
                and ps[j + 1].kind == "num"
                and ps[j - 1].text[0].isupper()
                and not ps[j - 1].text.isupper()
            ):
                continue  # only an abbreviation such as "Rs." keeps its full stop
            if len(key) == 1 and key.isalpha():
                # one letter ("R50m", "470p") is a currency only glued to the number
                nxt = ps[j + 1] if j + 1 < self.n else None
                glued_after = nxt is not None and not nxt.gap and nxt.kind == "num"
                glued_before = i > 0 and not ps[i].gap and ps[i - 1].kind == "num"
                if not (glued_after if pre else glued_before):
                    continue
            best = (marker, j + 1)
        if best and pre and not best[0].pre:
            return None
        return best

    @staticmethod
    def _join_ok(prev: _Piece, p: _Piece, prefixes: frozenset) -> bool:
        """May a marker span the whitespace between prev and p?"""
        if prev.text == "." or p.text == ".":
            return True  # "u . s . dollars"
        if prev.kind == "word" and p.kind == "word":
            return True  # "hong kong dollars", "pounds sterling"
        if p.text == "$" and prev.kind == "word" and prev.low in prefixes:
            return prev.low not in _SHORT_COMMON or (prev.text.isupper() and len(prev.text) > 1)
        return False

    def _post_marker(self, k: int) -> tuple[_Marker, int] | None:
        ps = self.ps
        if k >= self.n:
            return None
        hyphen = ps[k].text == "-" and not ps[k].gap and k + 1 < self.n and not ps[k + 1].gap
        found = self._marker_at(k + 1 if hyphen else k)
        if found is None:
            return None
        marker, end = found
        if marker.key == "c":
            return None  # "zone 5c": a bare "c" is a cent only after dollars ("$20 and 43c")
        if hyphen and (marker.symbol or marker.key in {"pound", "pounds"}):
            return None  # "5-pound bag" is a weight; "3-$" is not a form
        if not marker.key.isalpha() and ps[k].gap and end < self.n and ps[end].kind == "num":
            # "in 1989 $ 5 million": a spaced sign before a number belongs to that number,
            # unless the number after it carries the same sign too ("10 $ 30 $").
            nxt = self._number(end)
            after = self._marker_at(nxt[1]) if nxt else None
            if not (after and after[0].key == marker.key):
                return None
        return found

    def _number(self, k: int) -> tuple[float, int, bool] | None:
        """A number at piece k: digits with scale words, or a written number."""
        ps = self.ps
        if k >= self.n:
            return None
        if ps[k].kind != "num":
            return self._words(k)
        value = _digits(ps[k].text)
        if value is None:
            return None
        k += 1
        if (
            k + 1 < self.n
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
        frac = self._fraction(k - 1 if ps[k - 1].text.isdigit() else -1)
        if frac:  # "1/2 ct", "62-1/2 cts"
            value = frac[0]
            k = frac[1]
        elif k + 1 < self.n and ps[k].text == "-" and not ps[k].gap and not ps[k + 1].gap:
            frac = self._fraction(k + 1)
            if frac and ps[k - 1].text.isdigit():
                value, k = value + frac[0], frac[1]
        if (
            k < self.n
            and ps[k].kind == "num"
            and ps[k - 1].kind == "num"
            and len(ps[k - 1].text) <= 3
            and ps[k - 1].text.isdigit()
            and re.fullmatch(r"\d{3}(?:[.,]\d{1,2})?", ps[k].text)
            and ps[k].start - ps[k - 1].end == 1
            and self.text[ps[k - 1].end] in _THIN_SPACES
        ):
            value = float(ps[k - 1].text) * 1000 + (_digits(ps[k].text) or 0.0)  # "1 234,56 €"
            k += 1
        scaled = False
        while k < self.n and ps[k].kind == "word" and ps[k].low in _SCALES:
            if len(ps[k].low) <= 2 and ps[k].gap and ps[k].low not in {"mn", "bn", "tn", "cr"}:
                break  # "5 m" may be metres; "5m" is money only next to a currency
            value *= _SCALES[ps[k].low]
            scaled = True
            k += 1
        return value, k, scaled

    def _fraction(self, k: int) -> tuple[float, int] | None:
        """ "1/2" at piece k (pieces "1", "/", "2", glued): its value and the piece after."""
        ps = self.ps
        if k < 0 or k + 2 >= self.n or ps[k + 1].text != "/" or ps[k + 1].gap or ps[k + 2].gap:
            return None
        a, b = ps[k].text, ps[k + 2].text
        if not (a.isdigit() and b in {"2", "3", "4", "8", "16", "32", "64"} and int(a) < int(b)):
            return None
        return int(a) / int(b), k + 3

    def _is_numword(self, k: int) -> bool:
        w = self.ps[k].low
        return w in _UNITS or w in _TENS or w in _FRACTIONS or w in {"a", "an"}

    def _words(self, k: int) -> tuple[float, int, bool] | None:
        """A written number: "one trillion", "half a billion", "a quarter of a million"."""
        ps = self.ps
        if ps[k].low in {"a", "an"} and k + 1 < self.n:
            unit = self._marker_at(k + 1)
            if unit and unit[0].key in _A_ONE:
                end = unit[1]
                nxt = self.doc[ps[end].tok] if end < self.n else None
                if nxt is None or (ps[end].text != "-" and nxt.pos_ not in _NOMINAL):
                    return 1.0, k + 1, False  # "costs a dollar", not "a dollar bill"
        total = current = small = 0.0  # small: the part below a hundred, for "three quarters"
        seen = scaled = False
        end = k
        j = k
        while j < self.n:
            w = ps[j].low
            nxt = ps[j + 1].low if j + 1 < self.n else ""
            if w in _UNITS or w in _TENS:
                if seen and current % 100 and not (w in _UNITS and (current % 10 == 0)):
                    break  # "five five": two numbers
                current += _UNITS.get(w, 0) + _TENS.get(w, 0)
                small += _UNITS.get(w, 0) + _TENS.get(w, 0)
                seen = True
            elif (
                w == "-" and seen and nxt in _UNITS and current % 10 == 0 and ps[j - 1].low in _TENS
            ):
                pass  # "forty-five"
            elif w in {"a", "an"} and (
                nxt in _WORD_SCALES or nxt in _FRACTIONS or nxt == "hundred"
            ):
                if not seen and nxt not in _FRACTIONS:
                    current, seen = 1.0, True
            elif w == "and" and seen and (nxt in _UNITS or nxt in _TENS or nxt == "a"):
                pass  # "one hundred and five", "one and a half"
            elif w in _FRACTIONS:
                frac = _FRACTIONS[w]
                if not seen:
                    current = frac
                elif ps[j - 1].low == "a":
                    current += frac  # "one and a half"
                else:
                    current += (
                        small * frac - small
                    )  # "three quarters", "a hundred and three quarters"
                small = 0.0
                seen = True
            elif w == "of" and ps[j - 1].low in _FRACTIONS and nxt in {"a", "an"}:
                pass  # "a quarter of a million"
            elif w == "hundred" and seen:
                current, small = current * 100, 0.0
            elif w in _WORD_SCALES and seen:
                total += current * _WORD_SCALES[w]
                current, small, scaled = 0.0, 0.0, True
            else:
                break
            j += 1
            if seen and w not in {"-", "and", "of", "a", "an"}:
                end = j
        if not seen or end == k:
            return None
        if not scaled and all(p.low in _FRACTIONS or p.low in {"a", "an"} for p in ps[k:end]):
            return None  # "by half to 66.2 billion", "fourth quarter to 88.6 mln"
        if ps[k].low in {"a", "an"} and not scaled and ps[end - 1].low != "hundred":
            return None
        return total + current, end, scaled

    def _range(self, i: int, k: int, pre: tuple | None) -> tuple[float, float, int] | None:
        """`value_high`, its scale and the end, for "$2-3 billion", "between $5 and $10 million"."""
        ps = self.ps
        if k >= self.n:
            return None
        conn = ps[k].low
        before = ps[i - 1].low if i > 0 else ""
        # "from $5 to $6" is a change; "from 10 to 20 dollars" a range
        if not (conn in _RANGE and not (before == "from" and pre)) and not (
            conn == "and" and before == "between"
        ):
            return None
        if conn == "to" and i > 0 and (before in _CHANGE or self.doc[ps[i - 1].tok].pos_ == "VERB"):
            return None  # "rose 12 to 62 dlrs" is a change, not a range
        j = k + 1
        if pre:
            again = self._marker_at(j, pre=True)
            if again and again[0].codes == pre[0].codes:
                j = again[1]
            elif conn in {"to", "and"}:
                return None  # "$5 to 10,000 workers": the second number is not money
        if j >= self.n or ps[j].kind != "num" and not self._is_numword(j):
            return None
        num = self._number(j)
        if num is None:
            return None
        high, end, scaled = num
        if high <= 0:
            return None
        scale = 0.0
        if scaled:
            # the scale written on the bound: the last scale word before `end`
            scale = _SCALES.get(ps[end - 1].low, 0.0)
        return high, scale, end

    def _connects(self, i: int, k: int) -> bool:
        """Is piece k a range word between the amount starting at piece i and the next?"""
        ps = self.ps
        if k + 1 >= self.n:
            return False
        conn, before = ps[k].low, ps[i - 1].low if i > 0 else ""
        if conn == "and":
            return before == "between"
        if conn not in _RANGE or before in _CHANGE:
            return False
        return not (conn == "to" and i > 0 and self.doc[ps[i - 1].tok].pos_ == "VERB")

    def _minor(self, value: float, k: int, code: str, bare: bool) -> tuple[float, int]:
        """ "thirteen dollars and forty-five cents", "15 dollars 50": add the minor part."""
        ps = self.ps
        j = k + 1 if k < self.n and ps[k].low == "and" else k
        if j >= self.n or (
            ps[j].kind != "num" and ps[j].low not in _UNITS and ps[j].low not in _TENS
        ):
            return value, k
        num = self._number(j)
        if num is None or num[2] or num[0] != int(num[0]) or not 0 < num[0] < 100:
            return value, k
        cents, end, _ = num
        unit = self._marker_at(end)
        if unit and unit[0].factor < 1.0 and code in unit[0].codes:
            value, end = value + cents * unit[0].factor, unit[1]
            # "five mao five": a digit after the minor unit counts the next unit down
            if end < self.n and ps[end].low in _UNITS and 0 < _UNITS[ps[end].low]:
                after = self.doc[ps[end + 1].tok] if end + 1 < self.n else None
                if after is None or after.pos_ in {"PUNCT", "CCONJ", "ADV"}:
                    return value + _UNITS[ps[end].low] * unit[0].factor / 10, end + 1
            return value, end
        if j != k or unit or not bare:
            return value, k
        if end < self.n:  # a bare "50" after the unit: not if it counts something else
            tok = self.doc[ps[end].tok]
            if ps[end].kind == "num" or tok.pos_ in {"NOUN", "PROPN", "NUM"}:
                return value, k
            if ps[end].text == "-" and not ps[end].gap:
                return value, k  # "a 147 mln franc eight-year bond"
        return value + cents / 100, end

    # --- columns ---------------------------------------------------------------------------
    def _qualifier(self, start: int) -> str:
        words: list[str] = []
        j = start - 1
        while j >= 0 and len(words) < 4 and self.ps[j].kind == "word":
            words.insert(0, self.ps[j].low)
            j -= 1
        for n in range(len(words), 0, -1):
            q = _QUALIFIERS.get(" ".join(words[-n:]))
            if q:
                return q
        return ""

    def _per(self, k: int) -> str:
        ps = self.ps
        j = k
        while j < self.n and ps[j].text == "-" and j < k + 3:
            j += 1
        if j >= self.n or ps[j].low not in _PER_INTRO:
            return ""
        j += 1
        while j < self.n and ps[j].text == "-":
            j += 1
        if j >= self.n or ps[j].kind != "word":
            return ""
        tok = self.doc[ps[j].tok]
        if tok.is_stop or ps[j].low in _SCALES or self._marker_at(j):
            return ""
        if j + 1 < self.n and ps[j + 1].low in _NOT_PER:
            return ""  # "$13.18 billion a year earlier"
        return ps[j].low

    def _percent_follows(self, k: int) -> bool:
        return k < self.n and (
            self.ps[k].low in _PERCENT
            or (self.ps[k].low == "per" and k + 1 < self.n and self.ps[k + 1].low == "cent")
        )

    def _counts_things(self, i: int, k: int, marker: _Marker, scaled: bool) -> bool:
        """ "one yen bond manager", "three mark eurobonds": a small written number before a
        singular currency word and a noun counts the nouns; the currency only qualifies them."""
        ps = self.ps
        if scaled or marker.symbol or marker.key.endswith("s") or ps[i].kind == "num":
            return False
        if k >= self.n or ps[k].low in _PER_INTRO:
            return False
        if any(p.text == "-" and not p.gap for p in ps[i:k]):
            return False  # "its one-yen bid" is a bid of one yen
        return self.doc[ps[k].tok].pos_ in {"NOUN", "ADJ", "PROPN"}

    def _pounds_ok(self, k: int, scaled: bool) -> bool:
        """ "pounds" is a weight before "of" or in a sentence about weight, else money."""
        if k < self.n and self.ps[k].low == "of":
            return False  # "two million pounds of beef"
        if scaled or self._country_counts()[1].get("GBP", 0) > 0:
            return True
        sent = self.doc[self.ps[k - 1].tok].sent if self.doc.has_annotation("SENT_START") else None
        words = sent if sent is not None else self.doc
        return not any(t.lower_ in _WEIGHT for t in words)

    # --- currency context --------------------------------------------------------------
    def _resolve(self, marker: _Marker) -> tuple[str, bool]:
        if len(marker.codes) == 1:
            return marker.codes[0], False
        dateline, counts = self._country_counts()
        default = marker.codes[0]
        if dateline & set(marker.codes):
            return (
                default if default in dateline else sorted(dateline & set(marker.codes))[0]
            ), True
        best = max(marker.codes[1:], key=lambda c: counts.get(c, 0))
        top = counts.get(best, 0)
        others = [n for c, n in counts.items() if c != best]
        if top >= 2 and all(n < top for n in others):
            return best, True  # the article is about that country more than any other
        return default, True

    def _country_counts(self) -> tuple[set[str], Counter]:
        if self._context is None:
            places = _table()[2]
            counts: Counter = Counter()
            for ent in self.doc.ents:
                if ent.label_ in {"GPE", "NORP", "LOC"}:
                    for code in places.get(_norm(ent.text).lower().removeprefix("the"), ()):
                        counts[code] += 1
            dateline: set[str] = set()
            m = _DATELINE.match(self.text[:120])
            if m:
                dateline = set(places.get(_norm(m.group(1)).lower(), ()))
            self._context = (dateline, counts)
        return self._context


_DATELINE = re.compile(
    r"\s*([A-Z][A-Z .'-]{1,30}?|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\(Reuters\)\s*)?[-–—]{1,2}\s"
)


def _pieces(doc: Doc) -> list[_Piece]:
    out: list[_Piece] = []
    prev_end = -1
    for tok in doc:
        text = tok.text
        if text.isalpha() or text.isdigit():  # most tokens are one piece
            s = tok.idx
            kind = "word" if text[0].isalpha() else "num"
            out.append(_Piece(s, s + len(text), text, text.lower(), kind, s != prev_end, tok.i))
            prev_end = s + len(text)
            continue
        if tok.is_space:
            continue
        for m in _PIECE.finditer(text):
            s = tok.idx + m.start()
            piece = m.group()
            kind = "num" if piece[0].isdigit() else "word" if piece[0].isalpha() else "sym"
            out.append(_Piece(s, s + len(piece), piece, piece.lower(), kind, s != prev_end, tok.i))
            prev_end = s + len(piece)
    return out


def _digits(text: str) -> float | None:
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


def _tidy(value: float) -> float:
    """16.4 * 1e6 is 16399999.999999998 in binary floats; news never has 15 significant digits."""
    return float(f"{value:.12g}")


def marker(name: str) -> _Marker | None:
    """The currency table's entry for a written marker ("francs", "C$", "pence"), if any."""
    cased, lower, _, _ = _table()
    key = _norm(name)
    return cased.get(key) or lower.get(key.lower())


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100


def _mark(row: Any, text: str) -> list[tuple[int, int, str, str]]:
    value = f"{row.value:,.2f}".rstrip("0").rstrip(".") if row.value == row.value else ""
    return [(int(row.start), int(row.end), "MONEY", f"{row.currency} {value}".strip())]


STAGE = Stage(
    name="amounts",
    row=Amount,
    extract=extract,
    description="money amounts at full scale with an ISO 4217 currency",
    after=("entities",),  # reads the corrected place names on the Doc (currency context)
    data=("currencies.csv", "lexicon.json"),
    scorer="amounts",
    report=("text", "value", "currency", "value_high", "qualifier", "per", "start", "end"),
    mark=_mark,
)
