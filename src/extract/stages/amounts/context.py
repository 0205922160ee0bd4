"""What the words around a number say about it: a range it opens, a minor unit after it, its
qualifier and unit price, the guards that make it no money at all (percent, weight, counted
things), and the country context that picks among the currencies a marker may mean.

Every rule reads the pieces of one Doc (`pieces.Pieces`) at piece indexes; none changes them.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from extract.lexicon import DATELINE
from extract.stages.amounts.currencies import Marker, marker_at, minor_digits, norm, places
from extract.stages.amounts.numbers import SCALES, TENS_WORDS, UNITS, is_numword, number
from extract.stages.amounts.pieces import Pieces

QUALIFIERS = {
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
PER_INTRO = {"a", "an", "per", "/"}
_NOT_PER = {"ago", "earlier", "later", "before", "after", "previously", "since"}
_RANGE = {"-", "–", "—", "to"}
_CHANGE = {"from", "by", "up", "down"}  # "up 1.50 dlrs to 18 dlrs" is a change, not a range
_WEIGHT = set(
    "weigh weighs weighed weighing weight heavy heavier lighter lb lbs kg kilos kilograms "
    "tons tonnes ounces obese".split()
)
_PERCENT = {"%", "percent", "pct", "pc"}
# a cent is the hundredth of most currencies, whatever their own name for it ("3 CHF 4 cents")
_CENTS = {"cent", "cents", "ct", "cts", "¢", "c"}


class Countries(NamedTuple):
    dateline: set[str]  # the currencies of the dateline's place
    counts: Counter  # currency -> how often the article names a place that uses it


def range_after(t: Pieces, i: int, k: int, pre: tuple | None) -> tuple[float, float, int] | None:
    """`value_high`, its scale and the end, for "$2-3 billion", "between $5 and $10 million":
    the amount starts at piece i (its marker `pre`, if written first) and its number ends at k."""
    ps = t.ps
    if k >= t.n:
        return None
    conn = ps[k].low
    before = ps[i - 1].low if i > 0 else ""
    # "from $5 to $6" is a change; "from 10 to 20 dollars" a range
    if not (conn in _RANGE and not (before == "from" and pre)) and not (
        conn == "and" and before == "between"
    ):
        return None
    if conn == "to" and i > 0 and (before in _CHANGE or t.token(i - 1).pos_ == "VERB"):
        return None  # "rose 12 to 62 dlrs" is a change, not a range
    j = k + 1
    if pre:
        again = marker_at(t, j, pre=True)
        if again and again[0].codes == pre[0].codes:
            j = again[1]
        elif conn in {"to", "and"}:
            return None  # "$5 to 10,000 workers": the second number is not money
    if j >= t.n or ps[j].kind != "num" and not is_numword(t, j):
        return None
    num = number(t, j)
    if num is None:
        return None
    high, end, scaled = num
    if high <= 0:
        return None
    scale = 0.0
    if scaled:
        # the scale written on the bound: the last scale word before `end`
        scale = SCALES.get(ps[end - 1].low, 0.0)
    return high, scale, end


def connects(t: Pieces, i: int, k: int) -> bool:
    """Is piece k a range word between the amount starting at piece i and the next?"""
    ps = t.ps
    if k + 1 >= t.n:
        return False
    conn, before = ps[k].low, ps[i - 1].low if i > 0 else ""
    if conn == "and":
        return before == "between"
    if conn not in _RANGE or before in _CHANGE:
        return False
    return not (conn == "to" and i > 0 and t.token(i - 1).pos_ == "VERB")


def minor(t: Pieces, value: float, k: int, code: str, bare: bool) -> tuple[float, int]:
    """ "thirteen dollars and forty-five cents", "15 dollars 50", "twenty dollars and 43": add
    the minor part after the major unit (`bare`: the unit was written after an unscaled
    number, so a bare "50" may follow)."""
    ps = t.ps
    j = k + 1 if k < t.n and ps[k].low == "and" else k
    if j >= t.n or (ps[j].kind != "num" and ps[j].low not in UNITS and ps[j].low not in TENS_WORDS):
        return value, k
    num = number(t, j)
    if num is None or num[2] or num[0] != int(num[0]) or not 0 < num[0] < 100:
        return value, k
    cents, end, _ = num
    unit = marker_at(t, end)
    if (
        unit
        and unit[0].factor < 1.0
        and (code in unit[0].codes or (unit[0].key in _CENTS and minor_digits(code) == 2))
    ):
        value, end = value + cents * unit[0].factor, unit[1]
        # "five mao five": a digit after the minor unit counts the next unit down
        if end < t.n and ps[end].low in UNITS and 0 < UNITS[ps[end].low]:
            after = t.token(end + 1) if end + 1 < t.n else None
            if after is None or after.pos_ in {"PUNCT", "CCONJ", "ADV"}:
                return value + UNITS[ps[end].low] * unit[0].factor / 10, end + 1
        return value, end
    if unit or not bare or value != int(value) or minor_digits(code) != 2:
        return value, k
    if end < t.n:  # a bare "50" after the unit: not if it counts something else
        tok = t.token(end)
        if ps[end].kind == "num" or tok.pos_ in {"NOUN", "PROPN", "NUM"}:
            return value, k
        if ps[end].text == "-" and not ps[end].gap:
            return value, k  # "a 147 mln franc eight-year bond"
        if j != k and tok.pos_ not in {"PUNCT", "ADP", "CCONJ"}:
            return value, k  # "20 dollars and 43 more": the clause goes on about the 43
    return value + cents / 100, end


def bracketed(t: Pieces, start: int, k: int) -> bool:
    """ "revenue was ($99.99)": an amount in brackets of its own right after a verb or a colon
    is accounting notation, a minus. After a noun or another amount the brackets are an aside
    ("£5m ($6.5m)", "the fee ($50)") and the amount stays positive."""
    ps = t.ps
    if start < 2 or k >= t.n or ps[start - 1].text != "(" or ps[k].text != ")":
        return False
    if ps[start].gap or ps[k].gap:
        return False
    return ps[start - 2].text == ":" or t.token(start - 2).pos_ in {"AUX", "VERB"}


def qualifier(t: Pieces, start: int) -> str:
    """ "about", "more than", ...: the qualifier written just before piece `start`, or ""."""
    words: list[str] = []
    j = start - 1
    while j >= 0 and len(words) < 4 and t.ps[j].kind == "word":
        words.insert(0, t.ps[j].low)
        j -= 1
    for n in range(len(words), 0, -1):
        q = QUALIFIERS.get(" ".join(words[-n:]))
        if q:
            return q
    return ""


def per(t: Pieces, k: int) -> str:
    """The unit priced after piece k ("a share", "per barrel", "/tonne"), or ""."""
    ps = t.ps
    j = k
    while j < t.n and ps[j].text == "-" and j < k + 3:
        j += 1
    if j >= t.n or ps[j].low not in PER_INTRO:
        return ""
    j += 1
    while j < t.n and ps[j].text == "-":
        j += 1
    if j >= t.n or ps[j].kind != "word":
        return ""
    if t.token(j).is_stop or ps[j].low in SCALES or marker_at(t, j):
        return ""
    if j + 1 < t.n and ps[j + 1].low in _NOT_PER:
        return ""  # "$13.18 billion a year earlier"
    return ps[j].low


def percent_follows(t: Pieces, k: int) -> bool:
    return k < t.n and (
        t.ps[k].low in _PERCENT
        or (t.ps[k].low == "per" and k + 1 < t.n and t.ps[k + 1].low == "cent")
    )


def counts_things(t: Pieces, i: int, k: int, marker: Marker, scaled: bool) -> bool:
    """ "two euro zone officials", "three mark eurobonds": a small written number before a
    singular currency word and a noun counts the nouns; the currency only qualifies them."""
    ps = t.ps
    if scaled or marker.symbol or marker.key.endswith("s") or ps[i].kind == "num":
        return False
    if k >= t.n or ps[k].low in PER_INTRO:
        return False
    if any(p.text == "-" and not p.gap for p in ps[i:k]):
        return False  # "its one-yen bid" is a bid of one yen
    return t.token(k).pos_ in {"NOUN", "ADJ", "PROPN"}


def pounds_ok(t: Pieces, k: int, scaled: bool, countries: Countries) -> bool:
    """ "pounds" is a weight before "of" or in a sentence about weight, else money."""
    if k < t.n and t.ps[k].low == "of":
        return False  # "two million pounds of beef"
    if scaled or countries.counts.get("GBP", 0) > 0:
        return True
    sent = t.token(k - 1).sent if t.doc.has_annotation("SENT_START") else None
    words = sent if sent is not None else t.doc
    return not any(tok.lower_ in _WEIGHT for tok in words)


def resolve(marker: Marker, countries: Countries) -> tuple[str, bool]:
    """The currency a marker stands for here, and whether that was inferred from context."""
    if len(marker.codes) == 1:
        return marker.codes[0], False
    default = marker.codes[0]
    if countries.dateline & set(marker.codes):
        if default in countries.dateline:
            return default, True
        return sorted(countries.dateline & set(marker.codes))[0], True
    counts = countries.counts
    best = max(marker.codes[1:], key=lambda c: counts.get(c, 0))
    top = counts.get(best, 0)
    others = [n for c, n in counts.items() if c != best]
    if top >= 2 and all(n < top for n in others):
        return best, True  # the article is about that country more than any other
    return default, True


def countries(t: Pieces, given: str = "") -> Countries:
    """The dateline's currencies and the currencies of the places (GPE, NORP, LOC) named. The
    dateline is the text's own, else the one `given` beside it (a JSON "dateline" field)."""
    table = places()
    counts: Counter = Counter()
    for ent in t.doc.ents:
        if ent.label_ in {"GPE", "NORP", "LOC"}:
            for code in table.get(norm(ent.text).lower().removeprefix("the"), ()):
                counts[code] += 1
    dateline: set[str] = set()
    m = DATELINE.match(t.text[:120].lstrip()) or DATELINE.match(f"{given.strip()} ")
    # "LONDON, Ontario, March 3 -": the region, when it is in the table, names the country
    for name in (m.group("region"), m.group("place")) if m else ():
        dateline = set(table.get(norm(name or "").lower(), ()))
        if dateline:
            break
    return Countries(dateline, counts)
