"""The currency table (data/currencies.csv) and the markers written beside a number.

A marker is a sign, code or name ("$", "C$", "USD", "euros", "pence", "MEUR") with the
currencies it may stand for, the default first. `marker_at` finds the longest marker starting
at a piece, joining pieces across spaces where a marker is written in several ("hong kong
dollars", "u . s . $"). Letters-only keys of one or two letters, and ISO codes that are
English words (PEN, TRY, MAD, ...), match only as written (upper case); every other key matches
in any case. Any ISO 4217 code pycountry knows and the table does not list is a marker too, in
upper case only.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from extract.stages import data_path
from extract.stages.amounts.pieces import Piece, Pieces

DATA = data_path("currencies.csv")

# ISO codes that are also English words: only their upper-case form is a currency.
WORD_CODES = {"pen", "try", "mad", "cop", "gel", "php", "all", "top", "cup", "mop", "bob", "sos"}
_SHORT_COMMON = {"a", "s", "us", "r", "i", "e", "can"}  # letters that, spaced from "$", are words


@dataclass(frozen=True)
class Marker:
    codes: tuple[str, ...]  # candidate currencies, the default first
    factor: float = 1.0  # 0.01 for cents and pence
    pre: bool = True  # may stand before the number
    symbol: bool = False  # a sign or code rather than a word
    scale: float = 1.0  # "MEUR" = million euros
    key: str = ""


_Table = tuple[dict[str, Marker], dict[str, Marker], dict[str, set[str]], frozenset[str]]


@lru_cache(maxsize=1)
def table() -> _Table:
    """Markers (case-sensitive, lower-cased), place -> currencies, and "$" prefixes."""
    found: dict[tuple[str, bool], dict] = {}  # (key, cased) -> merged marker fields
    places: dict[str, set[str]] = {}
    prefixes: set[str] = set()

    def add(text: str, code: str, *, symbol: bool, pre: bool, factor: float = 1.0) -> None:
        key = norm(text)
        letters = key.isalpha()
        cased = letters and (len(key) <= 2 or key.lower() in WORD_CODES)
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
                places.setdefault(norm(place).lower(), set()).add(code)
    try:  # any other ISO 4217 code, upper case only
        import pycountry

        for cur in pycountry.currencies:
            code = cur.alpha_3
            if code[0] != "X" and (code.lower(), False) not in found and (code, True) not in found:
                found[(code, True)] = {"codes": [code], "factor": 1.0, "pre": True, "symbol": True}
    except ImportError:
        pass
    cased: dict[str, Marker] = {}
    lower: dict[str, Marker] = {}
    for (key, is_cased), e in found.items():
        marker = Marker(tuple(e["codes"]), e["factor"], e["pre"], e["symbol"], key=key.lower())
        (cased if is_cased else lower)[key] = marker
    return cased, lower, places, frozenset(prefixes)


def places() -> dict[str, set[str]]:
    """Place or people name, normalised ("newyork", "canadian") -> the currencies used there."""
    return table()[2]


def lookup(name: str) -> Marker | None:
    """The table's entry for a written marker ("francs", "C$", "pence"), if any."""
    cased, lower, _, _ = table()
    key = norm(name)
    return cased.get(key) or lower.get(key.lower())


def norm(text: str) -> str:
    return re.sub(r"[\s.]+", "", text)


@lru_cache(maxsize=1)
def _starts() -> frozenset[str]:
    """Every beginning of a marker key, lower-cased: joining pieces stops outside it."""
    cased, lower, _, _ = table()
    return frozenset(key.lower()[:n] for key in (*cased, *lower) for n in range(1, len(key) + 1))


@lru_cache(maxsize=1)
def _lowered() -> dict[str, Marker]:
    return {key.lower(): m for key, m in table()[0].items() if m.pre and m.symbol}


def _split(field: str | None) -> list[str]:
    return [x.strip() for x in (field or "").split("|") if x.strip()]


def marker_at(t: Pieces, i: int, *, pre: bool = False) -> tuple[Marker, int] | None:
    """The longest currency marker starting at piece i, and the piece after it; with `pre`,
    only one that may stand before a number."""
    cased, lower, _, prefixes = table()
    ps = t.ps
    if i >= t.n or ps[i].kind == "num" or ps[i].text == ".":
        return None
    best = None
    raw = ""
    for j in range(i, min(i + 7, t.n)):
        p = ps[j]
        if p.kind == "num":
            break
        if j > i and p.gap and not _join_ok(ps[j - 1], p, prefixes):
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
        if marker is None and pre and t.lowercased and key.lower() not in WORD_CODES:
            # a lower-cased corpus writes "rs 500", "dm 5": signs before a number only
            marker = _lowered().get(key.lower())
        if marker is None:
            # "MEUR", "KUSD": a scale letter glued to an upper-case ISO code
            if j == i and len(key) == 4 and key.isupper() and key[0] in "MK":
                base = cased.get(key[1:]) or lower.get(key[1:].lower())
                if base and base.symbol and key[1:] in base.codes:
                    scale = 1e6 if key[0] == "M" else 1e3
                    marker = Marker(base.codes, 1.0, True, True, scale, key.lower())
            if marker is None:
                continue
        if p.text == "." and not (
            j + 1 < t.n
            and ps[j + 1].kind == "num"
            and ps[j - 1].text[0].isupper()
            and not ps[j - 1].text.isupper()
        ):
            continue  # only an abbreviation such as "Rs." keeps its full stop
        if len(key) == 1 and key.isalpha():
            # one letter ("R50m", "470p") is a currency only glued to the number
            nxt = ps[j + 1] if j + 1 < t.n else None
            glued_after = nxt is not None and not nxt.gap and nxt.kind == "num"
            glued_before = i > 0 and not ps[i].gap and ps[i - 1].kind == "num"
            if not (glued_after if pre else glued_before):
                continue
        best = (marker, j + 1)
    if best and pre and not best[0].pre:
        return None
    return best


def _join_ok(prev: Piece, p: Piece, prefixes: frozenset[str]) -> bool:
    """May a marker span the whitespace between prev and p?"""
    if prev.text == "." or p.text == ".":
        return True  # "u . s . dollars"
    if prev.kind == "word" and p.kind == "word":
        return True  # "hong kong dollars", "pounds sterling"
    if p.text == "$" and prev.kind == "word" and prev.low in prefixes:
        return prev.low not in _SHORT_COMMON or (prev.text.isupper() and len(prev.text) > 1)
    return False
