"""The currency table (data/currencies.csv, made by scripts/currencies.py from CLDR and ISO 4217
plus the project's additions) and the markers written beside a number.

A marker is a sign, code or name ("$", "C$", "USD", "euros", "pence", "MEUR", "лв.") with the
currencies it may stand for, the default first. `marker_at` finds the longest marker starting
at a piece, joining pieces across spaces where a marker is written in several ("hong kong
dollars", "u . s . $") but only at the word boundaries of a written key: "a US$" is no "AUS$".
An ISO code glued to a sign of its own currency is one marker ("nzd$15", "USD$5").
Letters-only keys of one or two letters match only as written (upper case); so does a code the
table marks `upper` (rare codes) or `word` (codes that are English words: PEN, TRY, ALL, ...).
In a lower-cased corpus an `upper` code is also read in lower case.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from extract.stages import data_path
from extract.stages.amounts.pieces import Piece, Pieces

DATA = data_path("currencies.csv")

_SHORT_COMMON = {"a", "s", "us", "r", "i", "e", "can"}  # letters that, spaced from "$", are words


@dataclass(frozen=True)
class Marker:
    codes: tuple[str, ...]  # candidate currencies, the default first
    factor: float = 1.0  # 0.01 for cents and pence
    pre: bool = True  # may stand before the number
    symbol: bool = False  # a sign or code rather than a word
    scale: float = 1.0  # "MEUR" = million euros
    key: str = ""


class _Table(NamedTuple):
    cased: dict[str, Marker]  # keys matched only as written
    lower: dict[str, Marker]  # keys matched in any case, lower-cased
    places: dict[str, set[str]]  # place or people name -> currencies used there
    prefixes: frozenset[str]  # "us" of "US $": words a spaced "$" may follow
    boundaries: frozenset[str]  # "hong", "hongkong": where a key may cross a space
    words: frozenset[str]  # codes that are English words, never read in lower case
    iso: frozenset[str]  # codes of ISO 4217, current or historic (not crypto-assets)
    digits: dict[str, int]  # code -> digits of its minor unit (2: cents)


@lru_cache(maxsize=1)
def table() -> _Table:
    """The markers, places and code facts of data/currencies.csv, read once."""
    with DATA.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    as_written = {r["code"].lower() for r in rows if r["case"] != "any"}
    found: dict[tuple[str, bool], dict] = {}  # (key, cased) -> merged marker fields
    places: dict[str, set[str]] = {}
    prefixes: set[str] = set()
    boundaries: set[str] = set()

    def add(text: str, code: str, *, symbol: bool, pre: bool, factor: float = 1.0) -> None:
        key = norm(text)
        cased = key.isalpha() and (len(key) <= 2 or key.lower() in as_written)
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
        words = text.split()
        boundaries.update(norm(" ".join(words[:n])).lower() for n in range(1, len(words)))

    for row in rows:
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
    cased: dict[str, Marker] = {}
    lower: dict[str, Marker] = {}
    for (key, is_cased), e in found.items():
        marker = Marker(tuple(e["codes"]), e["factor"], e["pre"], e["symbol"], key=key.lower())
        (cased if is_cased else lower)[key] = marker
    return _Table(
        cased,
        lower,
        places,
        frozenset(prefixes),
        frozenset(boundaries),
        frozenset(r["code"].lower() for r in rows if r["case"] == "word"),
        frozenset(r["code"] for r in rows if r["iso"] == "true"),
        {r["code"]: int(r["digits"]) for r in rows if r["digits"]},
    )


def is_iso(code: str) -> bool:
    """Is `code` an ISO 4217 currency (current or historic), not a crypto-asset such as BTC?"""
    return code in table().iso


def minor_digits(code: str) -> int | None:
    """The digits of the minor unit of `code`: 2 for cents, 0 for the yen or the rupiah."""
    return table().digits.get(code)


def places() -> dict[str, set[str]]:
    """Place or people name, normalised ("newyork", "canadian") -> the currencies used there."""
    return table().places


def lookup(name: str) -> Marker | None:
    """The table's entry for a written marker ("francs", "C$", "pence"), if any."""
    cased, lower = table()[:2]
    key = norm(name)
    return cased.get(key) or lower.get(key.lower())


def norm(text: str) -> str:
    return re.sub(r"[\s.]+", "", text)


@lru_cache(maxsize=1)
def _starts() -> frozenset[str]:
    """Every beginning of a marker key, lower-cased: joining pieces stops outside it."""
    cased, lower = table()[:2]
    return frozenset(key.lower()[:n] for key in (*cased, *lower) for n in range(1, len(key) + 1))


@lru_cache(maxsize=1)
def _lowered() -> dict[str, Marker]:
    words = table().words
    return {
        key.lower(): m
        for key, m in table().cased.items()
        if m.pre and m.symbol and key.lower() not in words
    }


def _split(field: str | None) -> list[str]:
    return [x.strip() for x in (field or "").split("|") if x.strip()]


def may_start(p: Piece) -> bool:
    """Can a currency marker begin with piece p? ("US" of "US$", "MEUR", not "the")"""
    return p.low in _starts() or (len(p.text) == 4 and p.text.isupper())


def marker_at(t: Pieces, i: int, *, pre: bool = False) -> tuple[Marker, int] | None:
    """The longest currency marker starting at piece i, and the piece after it; with `pre`,
    only one that may stand before a number."""
    cased, lower = table()[:2]
    ps = t.ps
    if i >= t.n or ps[i].kind == "num" or ps[i].text == "." or not may_start(ps[i]):
        return None
    best = None
    raw = ""
    for j in range(i, min(i + 7, t.n)):
        p = ps[j]
        if p.kind == "num":
            break
        if j > i and p.gap and not _join_ok(ps[j - 1], p, raw.lower()):
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
        if marker is None and t.lowercased and (pre or len(key) >= 3):
            # a lower-cased corpus writes "rs 500", "dm 5", "42 bgn": signs before a number,
            # codes on either side (after one, "5 dm" and "6 ft" are lengths)
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
    if best and best[1] < t.n and ps[best[1]].kind == "sym" and not ps[best[1]].gap:
        # "nzd$15", "USD$5": a code glued to a sign of its own currency is one marker
        code = best[0].key.upper()
        sign = cased.get(ps[best[1]].text) or lower.get(ps[best[1]].low)
        if code in best[0].codes and sign and code in sign.codes:
            best = (best[0], best[1] + 1)
    return best


def _join_ok(prev: Piece, p: Piece, raw: str) -> bool:
    """May a marker that reads `raw` (lower case) up to prev go on across the whitespace
    before p? Only where a key of the table has a space there."""
    if prev.text == "." or p.text == ".":
        return True  # "u . s . dollars"
    if prev.kind == "word" and p.kind == "word":
        return raw in table().boundaries  # "hong kong dollars", not "a" + "US$"
    if p.text == "$" and prev.kind == "word" and raw in table().prefixes:
        return prev.low not in _SHORT_COMMON or (prev.text.isupper() and len(prev.text) > 1)
    return False
