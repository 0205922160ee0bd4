"""Dates: date mentions in an article, resolved to ISO 8601 the way a news reader places them.

Row `DateMention(doc_id, start, end, text, value, granularity, relative, value_end, resolved)`:

- `text == article.text[start:end]`, always (offsets come from spaCy tokens).
- `value` is ISO 8601 at the precision the text gives, named by `granularity`:
  day "2025-02-07", week "2025-W06" (ISO week), month "2025-02", quarter "2025-Q3",
  year "2025", decade "199X" (ISO 8601-2 / EDTF unspecified digit: some year 1990-1999),
  and three extensions: weekend "2025-W06-WE" (TIMEX3's), season "2025-22" (ISO 8601-2
  codes 21 spring .. 24 winter) and century "14XX" (the 15th century). A part of a day
  ("this morning", "Wednesday night") is its day; a counted period keeps the unit the text
  counts in ("two years ago" -> "2023", "six weeks ago" -> a week, "3 days ago" -> a day).
- `value_end` is "" for one period; for a range it is the last period, at its own precision:
  "between March and May 2025" -> "2025-03" .. "2025-05"; "2014-2018" -> "2014" .. "2018";
  "the past three years" and "the week ended Feb 22" -> day values. A quarter or fiscal year
  is one period ("Q3 2025" -> "2025-Q3", "fiscal 2025" -> "2025"); a half year is a month
  range ("H2 2019" -> "2019-07" .. "2019-12"); a fortnight or a holiday weekend is a day
  range. `interval(value)` gives the days a value covers.
- `relative` is True when the value depends on a reference: the publication date ("last
  Tuesday", "next month", "March" with no year) or the date the story last named ("that
  year", "the next day", "a year earlier").
- `resolved` is False when that reference is missing (no publication date): the row keeps
  its text and granularity, and `value` and `value_end` are "". Absolute dates, and dates
  read from an absolute one in the story, are always resolved.
- How a reader places a date written without its year or week (`narrative`, `tense`): a
  bare weekday is the last such day ("said Tuesday"), the next one when the sentence speaks
  of what is to come ("will meet Tuesday", "until Tuesday"), the nearer one for a plan
  ("planned a rally Saturday"); a month or day without a year is the latest one begun in a
  past-tense sentence, the next one in a future-tense one, else the latest unless the next
  is much nearer ("December" in January is last December). "next July" is the first July
  after this month (in April, this year's), "last December" the latest before it; "next
  Monday" is Monday of next week; "last/this/next week" are ISO weeks.
- Not dates: durations ("three years", "for 10 days"), ages ("45 years old"), plain numbers
  and fractions ("000", "5/8"), sets ("every Friday"), the verb "may", times, names and
  titles ("1917" in quotes or as a work of art, NBC's "Today", "this march", "the March for
  Life"), ordinals ("the 7th Fleet"; "on the 7th" is a day), stretches looked back over
  ("the biggest drop in a decade").

Where things are: the words and token patterns are data (`data/dates.json`, with month,
weekday and number words from `data/lexicon.json`); `spans` finds candidate spans (spaCy
DATE entities plus a token Matcher around date-like tokens), `mentions` makes them mentions
(neighbours joined by "to", "-", "and", "of", "," are tried as one expression: "from April
2016 to June 2017", "Tuesday, March 4"; words that do not change the value trimmed; sets,
fractions, counts and names dropped), `resolution.resolve` reads one expression. It tries
the named rules of `rules` in the order dates.json lists them (`written`: calendar dates,
weekdays, quarters, years; `relative`: periods counted from a reference; `holidays`;
`composed`: dates built on another phrase), then `ranges`, then dateparser for whole
candidates the rules do not know. Both are cached per (text, reference date); nothing
searches the whole text, so the stage stays a small fraction of the spaCy model's time.
`narrative` then reads the mentions in order: what refers back is read from the story's
last date, and what lacks its year or week is placed by `tense`.
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
from extract.stages.dates.narrative import place_in_story
from extract.stages.dates.resolution import resolve
from extract.stages.dates.values import GRANULARITIES, Resolved, interval, place
from extract.stages.dates.vocabulary import normalize

__all__ = [
    "GRANULARITIES",
    "STAGE",
    "DateMention",
    "Resolved",
    "extract",
    "interval",
    "normalize",
    "place",
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
    resolved: bool = True


def extract(doc: Doc, article: Article, settings: Settings) -> list[DateMention]:
    """Date mentions of one article, resolved against `article.published` and the story."""
    published = article.published
    day = published.date() if isinstance(published, datetime) else published
    mentions = []
    for span, res, known in place_in_story(find(doc, day), day):
        start, end = span.start_char, span.end_char
        mentions.append(
            DateMention(
                article.doc_id,
                start,
                end,
                article.text[start:end],
                res.value if known else "",
                res.granularity,
                res.relative,
                res.value_end if known else "",
                known,
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
    report=("text", "value", "granularity", "relative", "value_end", "resolved", "start", "end"),
    mark=_mark,
)
