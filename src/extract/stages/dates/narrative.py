"""The story's own time: each mention read against the reference a news reader would use.

`place_in_story(mentions, published)` goes through an article's mentions in text order:
- a phrase that refers back ("that year", "the next day", "a year earlier", "the year-ago
  quarter"; `data/dates.json` "narrative") is read from the last date the story named
  precisely enough (a day for "the next day", a year or finer for "that year"); a period
  compared a year apart keeps that date's precision ("the third quarter ... a year earlier"
  is the third quarter of the year before). With no such date it keeps its reading from the
  publication date;
- a date written without its year or week ("Friday", "March 5", "the 18th") is moved to
  the occurrence the tense of its sentence names (`tense`, `values.place`);
- every mention is `known` when its value holds: it names its year, or the publication
  date is known, or it was read from a date that is known.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from spacy.tokens import Span

from extract.stages.dates.resolution import resolve
from extract.stages.dates.tense import tense
from extract.stages.dates.values import Resolved, interval, place
from extract.stages.dates.vocabulary import VOCAB, normalize

_REFERS_BACK = [re.compile(p) for p in VOCAB["narrative"]]
# How fine a date must be to anchor a phrase that names a unit ("the next day" needs a day).
_RANK = {"day": 0, "weekend": 1, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4}
# A period set beside the same period a year apart: "from $3 million a year earlier".
_COMPARED = re.compile(r"(?:1 year|the year) (?:earlier|before)")
_UNIT_RANK = {"morning": 0, "afternoon": 0, "evening": 0, "night": 0, "period": 3} | _RANK


def _refers_back(text: str) -> str | None:
    """The unit a phrase that refers back names ("the next day" -> "day"), else None."""
    s = normalize(text)
    for pattern in _REFERS_BACK:
        if m := pattern.fullmatch(s):
            return m["u"]
    return None


def _from_anchor(text: str, unit: str, anchor: Resolved) -> Resolved | None:
    if anchor.granularity not in _RANK or _RANK[anchor.granularity] > _UNIT_RANK[unit]:
        return None
    found = resolve(text, interval(anchor.value)[0], fallback=False)
    if found is None:
        return None
    compared = _COMPARED.fullmatch(normalize(text))
    if compared and anchor.granularity in ("quarter", "month", "season"):
        return Resolved(found.value + anchor.value[4:], anchor.granularity, True)
    return Resolved(found.value, found.granularity, True, found.value_end)


def place_in_story(
    mentions: list[tuple[Span, Resolved]], published: date | None
) -> Iterator[tuple[Span, Resolved, bool]]:
    """Each mention with its value as the story places it, and whether that value is known."""
    anchor: tuple[Resolved, bool] | None = None
    for span, res in mentions:
        known = published is not None or not res.relative
        unit = _refers_back(span.text)
        if unit and anchor and (moved := _from_anchor(span.text, unit, anchor[0])):
            res, known = moved, anchor[1]
        elif res.cycle and published is not None:
            res = place(res, published, tense(span))
        yield span, res, known
        if not res.value_end and res.granularity in _RANK:
            anchor = (res, known)
