"""The one place that decides an article's publication date and says where it came from.

In order, the first that gives a date wins (`Article.published_source` names it):
- `html`, `json`, `argument`: what the reader found in the page's metadata or the record's
  `published`/`date` field, or what the caller passed (`extract_text(published=...)`);
- `dateline`: a dateline at the start of the text ("WASHINGTON, Feb 7 (Reuters) -",
  "February 7, 2025 -", "26-FEB-1987 15:01"), or in the paragraph after a title line, or
  the record's own `dateline` field (Reuters-21578 keeps it apart from the text);
- `path`: a date in the file's path ("2025/02/07/", "2025-02-07-story.txt");
- `option`: the run's `--published` (Settings.published), for articles that carry none.
Every date is naive UTC: an offset ("+09:00") is converted, then dropped.
"""

from __future__ import annotations

import dataclasses
import re
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime

from dateutil import parser as dateutil_parser

from extract.article import Article
from extract.config import Settings
from extract.lexicon import MONTHS, WEEKDAYS, alternation


def decide(article: Article, settings: Settings) -> Article:
    """The article with its publication date and its source filled in, where one is found."""
    if article.published is not None:
        return article
    for source, found in (
        ("dateline", lambda: from_dateline(article.text) or _given_dateline(article)),
        ("path", lambda: from_path(article.source)),
        ("option", lambda: settings.published),
    ):
        when = found()
        if when is not None:
            return dataclasses.replace(article, published=when, published_source=source)
    return article


def parse_published(value: object) -> datetime | None:
    """A naive (UTC) publication datetime from a date, ISO string or free-form date, or None."""
    when = _parse_when(value)
    if when is not None and when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when


def _parse_when(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if hasattr(value, "isoformat") and hasattr(value, "year"):  # a date
        return datetime(value.year, value.month, value.day)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        pass
    try:  # dateutil reads most written dates ("26-FEB-1987 15:01:01.79") in microseconds
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # stray letters read as an unknown time zone
            return dateutil_parser.parse(value)
    except (ValueError, OverflowError):
        import dateparser  # slow: only for what dateutil cannot read ("yesterday")

        return dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": False})


# --- a date in the file's path -----------------------------------------------------------

# "2025/02/07/", "2025-02-07-story", "20250207_story": a year 1900-2099, a month, a day,
# standing apart from other digits.
_PATH_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[/_.-]?)(?P<mn>0[1-9]|1[0-2])(?P=sep)"
    r"(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)


def from_path(source: str) -> datetime | None:
    """A date in the article's file path, or None (the last one: the file name's, if any)."""
    for m in reversed(list(_PATH_DATE.finditer(source))):
        try:
            return datetime(int(m["y"]), int(m["mn"]), int(m["d"]))
        except ValueError:
            continue
    return None


# --- a dateline at the start of the text -------------------------------------------------

_M = rf"(?P<m>{alternation(MONTHS)})"
_W = rf"(?P<w>{alternation(WEEKDAYS)})"
_D = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<y>\d{4}|'\d\d)"
_DATELINES = [
    re.compile(
        rf"^(?:[A-Z][A-Za-z .'\-]{{1,40}},\s*(?:[A-Z][A-Za-z.]+,\s*)?)?"
        rf"{_M}\.?\s+{_D}(?:,?\s+{_Y})?\s*(?:\(\w+\)\s*)?[-\u2013\u2014:]",
        re.I,
    ),
    re.compile(
        rf"^(?:[A-Z][A-Za-z .'\-]{{1,40}},\s*)?{_D}\s+{_M}\.?"
        rf"(?:,?\s+{_Y})?\s*(?:\(\w+\)\s*)?[-\u2013\u2014:]",
        re.I,
    ),
    re.compile(rf"^(?:{_W}\.?,?\s+)?{_M}\.?\s+{_D},?\s+{_Y}", re.I),
    re.compile(rf"^{_D}[\s\-]+{_M}\.?[\s\-]+{_Y}", re.I),
    re.compile(r"^(?P<y>\d{4})-(?P<mn>\d\d)-(?P<d>\d\d)"),
]
# A title line: short, one line, not a sentence (no closing period), followed by a blank line.
_TITLE = re.compile(r"[^\n]{1,120}[^.\n]\r?\n[ \t\r]*\n")


def from_dateline(text: str) -> datetime | None:
    """A publication date from a dateline at the start of the text (or of the paragraph
    after a title line), or None.

    "WASHINGTON, Feb 7 (Reuters) -", "February 7, 2025 -", "26-FEB-1987 15:01", "2025-02-07".
    A dateline without a year takes the latest year (1900-2100) the text mentions, since the
    story is about its own present; with no year anywhere there is no date. A two-digit year
    ("Feb 7 '87") is the nearest such year not after next year.
    """
    for head in _heads(text):
        if found := _dateline(head, text):
            return found
    return None


def _given_dateline(article: Article) -> datetime | None:
    """A dateline given beside the text (a JSON "dateline" field), read as if it led it."""
    return from_dateline(f"{article.dateline} {article.text}") if article.dateline else None


def _heads(text: str) -> Iterator[str]:
    """Where a dateline may stand: the text's start, or the paragraph after a title line."""
    text = text.lstrip()
    yield text[:200]
    if (m := _TITLE.match(text)) and len(m.group().split()) <= 20:
        yield text[m.end() :].lstrip()[:200]


def _dateline(head: str, text: str) -> datetime | None:
    for pattern in _DATELINES:
        m = pattern.match(head)
        if not m:
            continue
        groups = m.groupdict()
        month = int(groups["mn"]) if groups.get("mn") else MONTHS[groups["m"].lower()]
        if groups.get("y"):
            year = _year(groups["y"])
        else:
            years = [int(y) for y in re.findall(r"\b(19\d\d|20\d\d|2100)\b", text[:5000])]
            if not years:
                return None
            year = max(years)
        try:
            return datetime(year, month, int(groups["d"]))
        except ValueError:
            return None
    return None


def _year(written: str) -> int:
    """ "1987" -> 1987; "'87" -> 1987 and "'25" -> 2025: a two-digit year is the latest year
    with those digits that is not after next year."""
    if not written.startswith("'"):
        return int(written)
    latest = datetime.now().year + 1
    year = latest - (latest - int(written[1:])) % 100
    return year
