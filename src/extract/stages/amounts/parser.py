"""The grammar of one amount over the pieces of a Doc, built from the rules of `numbers`,
`currencies` and `context`:

    [sign] [currency] number [scale] [range] [currency] [minor part]

`Parser(doc, doc_id).run()` reads left to right and returns non-overlapping `Amount` rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc

from extract.stages.amounts import context
from extract.stages.amounts.currencies import Marker, is_iso, marker_at, may_start, minor_digits
from extract.stages.amounts.numbers import SCALES, is_numword, is_year, number, tidy
from extract.stages.amounts.pieces import Pieces

_MINUS = {"-", "−", "–"}
_DOT_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")


@dataclass(frozen=True)
class Amount:
    doc_id: str
    start: int
    end: int
    text: str
    value: float
    currency: str
    currency_inferred: bool
    currency_iso: bool
    value_high: float | None
    qualifier: str
    per: str


class Parser:
    def __init__(self, doc: Doc, doc_id: str, dateline: str = "") -> None:
        self.t = Pieces(doc)
        self.doc_id = doc_id
        self.dateline = dateline
        self._last_marker: Marker | None = None  # the unit of the amount parsed last

    @cached_property
    def countries(self) -> context.Countries:
        return context.countries(self.t, self.dateline)

    def run(self) -> list[Amount]:
        out: list[Amount] = []
        ps, i = self.t.ps, 0
        while i < self.t.n:
            # most pieces can start no amount: neither a number nor a currency's first piece
            if ps[i].kind != "num" and not is_numword(self.t, i) and not may_start(ps[i]):
                i += 1
                continue
            found = self._amount_at(i)
            if found is None:
                i += 1
                continue
            amount, i = found
            out.append(amount)
        return out

    def _amount_at(self, i: int) -> tuple[Amount, int] | None:
        t = self.t
        ps = t.ps
        start = i
        pre = marker_at(t, i, pre=True)
        k = pre[1] if pre else i
        # "$-99.99": a minus between the sign and the number is the amount's own
        minus = bool(pre) and k + 1 < t.n and ps[k].text in _MINUS and not ps[k + 1].gap
        if minus:
            k += 1
        if pre and k < t.n and ps[k].kind != "num" and not is_numword(t, k):
            return None
        first = k  # the number's first piece
        num = number(t, k, marked=pre is not None)
        if num is None:
            return None
        if pre and not pre[0].symbol and is_year(ps[k].text) and num[1] == k + 1:
            return None  # "the peso/dollar 1987 target"
        value, k, scaled = num
        if pre and pre[0].scale != 1.0:
            value, scaled = value * pre[0].scale, True
        high = None
        rng = context.range_after(t, i, k, pre)
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
        elif len(pre[0].codes) > 1 and k < t.n and ps[k].gap:
            again = marker_at(t, k)
            if again and len(again[0].codes) == 1 and again[0].codes[0] in pre[0].codes:
                pre, k = (again[0], pre[1]), again[1]  # "$100 USD", "$5 CAD" settle the sign
        if post and post[0].symbol and k == start + 1 and is_year(ps[start].text):
            after = t.token(post[1]) if post[1] < t.n else None
            if after is not None and after.pos_ in {"NOUN", "PROPN"}:
                return None  # "in 2019 ETH researchers": a year before a name, not money
        if post and pre:  # "dollar : 143.80 yen": the word before is not this amount's unit
            start = pre[1]
            pre = None
        marker = (pre or post or (None, 0))[0]
        if marker is None or context.percent_follows(t, k):
            return None
        if post:
            k = post[1]
            if not scaled and k < t.n and ps[k].low in SCALES and ps[k].kind == "word":
                if len(ps[k].low) > 1 or not ps[k].gap:  # "75 USD million"
                    value, high = value * SCALES[ps[k].low], high and high * SCALES[ps[k].low]
                    k += 1
            value *= marker.factor * marker.scale
            high = high * marker.factor * marker.scale if high is not None else None
        if marker.key in {"pound", "pounds"} and not context.pounds_ok(
            t, k, scaled, self.countries
        ):
            return None
        if post and (
            context.percent_follows(t, k) or context.counts_things(t, start, k, marker, scaled)
        ):
            return None
        code, inferred = context.resolve(marker, self.countries)
        if not scaled and minor_digits(code) == 0 and _DOT_THOUSANDS.fullmatch(ps[first].text):
            # "Rp 50.000": a currency without a minor unit has no decimals; the dot groups
            # ("1.500 billion yen" keeps its decimals: a scale word shows them)
            value, high = value * 1000, high and high * 1000
        if marker.factor == 1.0 and high is None:
            value, k = context.minor(t, value, k, code, bare=post is not None and not scaled)
        if high is None and context.connects(t, start, k):
            # "10 dollars to 20 dollars", "between 5 euros and 8 euros": two whole amounts
            second = self._amount_at(k + 1)
            last = self._last_marker
            same = last is not None and (last.codes, last.factor) == (marker.codes, marker.factor)
            if same and second and second[0].currency == code and second[0].value_high is None:
                if second[0].value > value and second[0].start == ps[k + 1].start:
                    high, k = second[0].value, second[1]
        if self._signed(start):
            start -= 1
            minus = not minus
        elif context.bracketed(t, start, k):
            start, k, minus = start - 1, k + 1, not minus
        if minus:
            value, high = -value, (-high if high is not None else None)
        a, b = ps[start].start, ps[k - 1].end
        self._last_marker = marker
        high = tidy(high) if high is not None else None
        qualifier, per = context.qualifier(t, start), context.per(t, k)
        row = Amount(
            self.doc_id, a, b, t.text[a:b], tidy(value), code, inferred, is_iso(code), high,
            qualifier, per,
        )  # fmt: skip
        return row, k

    def _signed(self, start: int) -> bool:
        """Is a minus written on the amount at piece `start` ("-$5m", "(-$5m)")?"""
        ps = self.t.ps
        return (
            start > 0
            and ps[start - 1].text in _MINUS
            and not ps[start].gap
            and (start == 1 or ps[start - 1].gap or ps[start - 2].text == "(")
        )

    def _post_marker(self, k: int) -> tuple[Marker, int] | None:
        """The marker written after the number that ends before piece k, if it is this
        amount's ("5 dollars", "115USD", "12-cent")."""
        t = self.t
        ps = t.ps
        if k >= t.n:
            return None
        hyphen = ps[k].text == "-" and not ps[k].gap and k + 1 < t.n and not ps[k + 1].gap
        found = marker_at(t, k + 1 if hyphen else k)
        if found is None:
            return None
        marker, end = found
        if marker.key == "c":
            return None  # "zone 5c": a bare "c" is a cent only after dollars ("$20 and 43c")
        if hyphen and (marker.symbol or marker.key in {"pound", "pounds"}):
            return None  # "5-pound bag" is a weight; "3-$" is not a form
        if not marker.key.isalpha() and ps[k].gap and end < t.n and ps[end].kind == "num":
            # "in 1989 $ 5 million": a spaced sign before a number belongs to that number,
            # unless the number after it carries the same sign too ("10 $ 30 $").
            nxt = number(t, end)
            after = marker_at(t, nxt[1]) if nxt else None
            if not (after and after[0].key == marker.key):
                return None
        return found
