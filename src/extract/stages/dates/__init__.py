"""Dates: date mentions in an article, resolved to ISO 8601 against its publication date.

Row `DateMention(doc_id, start, end, text, value, granularity, relative, value_end)`:

- `text == article.text[start:end]`, always (offsets come from spaCy tokens).
- `value` is ISO 8601 at the precision the text gives, named by `granularity`:
  day "2025-02-07", week "2025-W06" (ISO week), month "2025-02", quarter "2025-Q3",
  year "2025", decade "199X" (ISO 8601-2 / EDTF unspecified digit: some year 1990-1999),
  and two extensions: season "2025-22" (ISO 8601-2 codes 21 spring .. 24 winter) and
  century "14XX" (the 15th century).
- `value_end` is "" for one period; for a range it is the last period, at its own precision:
  "between March and May 2025" -> "2025-03" .. "2025-05"; "2014-2018" -> "2014" .. "2018";
  "the past three years" and "the week ended Feb 22" -> day values. A quarter or fiscal year
  is one period ("Q3 2025" -> "2025-Q3", "fiscal 2025" -> "2025"); a half year is a month
  range ("H2 2019" -> "2019-07" .. "2019-12"); weekends and fortnights are day ranges
  ("this weekend" -> Saturday .. Sunday). `interval(value)` gives the days a value covers.
- `relative` is True when the value depends on the publication date ("last Tuesday", "next
  month", "March" with no year). With no publication date such mentions are dropped: a date
  that cannot be placed is not reported with a guessed value. Absolute ones are kept.
- A date without a year takes the year that puts it nearest the publication date
  ("December" in a February 2025 article is 2024-12; "the third quarter" is 2024-Q3).
  "next/last May" is May of next/last year; a bare weekday is the nearest one (up to 3 days
  back, else forward); "next Monday" is Monday of next week.
- Not dates: durations ("three years", "for 10 days"), ages ("45 years old", "45-year-old"),
  plain numbers and fractions ("000", "5/8"), sets ("every Friday"), the verb "may", times.

Where things are: the words and token patterns are data (`data/dates.json`, with month,
weekday and number words from `data/lexicon.json`); `spans` finds candidate spans (spaCy
DATE entities plus a token Matcher around date-like tokens), `mentions` makes them mentions
(neighbours joined by "to", "-", "and", "of", "," are tried as one expression: "from April
2016 to June 2017", "Tuesday, March 4"; words that do not change the value trimmed; sets,
fractions and counts dropped), `resolution.resolve` reads one expression. It tries the
named rules of `rules` in the order dates.json lists them (`written`: calendar dates,
weekdays, quarters, years; `relative`: periods counted from publication; `holidays`;
`composed`: dates built on another phrase), then `ranges`, then dateparser for whole
candidates the rules do not know. Both are cached per (text, publication date); nothing
searches the whole text, so the stage stays a small fraction of the spaCy model's time.
A new rule is one function with `@rule("name")` and its name in dates.json's "rules".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from spacy.tokens import Doc

from extract.article import Article
from extract.config import Settings
from extract.stages import Stage
from extract.stages.dates.mentions import find
from extract.stages.dates.resolution import resolve
from extract.stages.dates.values import GRANULARITIES, Resolved, interval
from extract.stages.dates.vocabulary import normalize

__all__ = [
    "GRANULARITIES",
    "STAGE",
    "DateMention",
    "Resolved",
    "extract",
    "interval",
    "normalize",
    "resolve",
]


@dataclass(frozen=True)
class DateMention:
    doc_id: str
    start: int
    end: int
    text: str
    value: str
    granularity: str
    relative: bool
    value_end: str = ""


def extract(doc: Doc, article: Article, settings: Settings) -> list[DateMention]:
    """Date mentions of one article, resolved against `article.published`."""
    published = article.published
    day = published.date() if isinstance(published, datetime) else published
    mentions = []
    for span, res in find(doc, day):
        start, end = span.start_char, span.end_char
        mentions.append(
            DateMention(
                article.doc_id,
                start,
                end,
                article.text[start:end],
                res.value,
                res.granularity,
                res.relative,
                res.value_end,
            )  # fmt: skip
        )
    return mentions


def _mark(row: Any, text: str) -> list[tuple[int, int, str, str]]:
    return [(int(row.start), int(row.end), "DATE", str(row.value))]


STAGE = Stage(
    name="dates",
    row=DateMention,
    extract=extract,
    description="dates in ISO 8601 with their granularity, relative ones resolved",
    after=("entities",),  # reads the corrected DATE entities on the Doc
    data=("dates.json", "lexicon.json"),
    scorer="dates",
    report=("text", "value", "granularity", "relative", "value_end", "start", "end"),
    mark=_mark,
)
