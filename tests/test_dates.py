"""Dates: properties and edges of the stage (offsets slice back, any text is safe, resolution
never raises), its rule table, dates in datelines, and a floor on the shared set. News
sentences with the dates they hold are example cases: tests/cases/dates.jsonl."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from extract.article import Article
from extract.lexicon import MONTHS, WEEKDAYS
from extract.published import from_dateline
from extract.stages import dates

PUB = datetime(2025, 2, 7)  # a Friday


def _mentions(nlp, settings, text: str, published: datetime | None) -> list[dates.DateMention]:
    article = Article(doc_id="t", source="test", text=text, published=published)
    return dates.extract(nlp(text), article, settings)


def test_every_rule_is_listed_and_every_listed_rule_exists():
    from extract.stages.dates import rules

    assert len(rules.order()) == len(rules.RULES)


def test_seed_article(nlp, settings, seed_text):
    found = _mentions(nlp, settings, seed_text, None)
    assert [(m.value, m.granularity) for m in found] == [("2025-02-07", "day")]


def test_offsets_slice_back(nlp, settings):
    text = "On Feb. 7, 2025 — a Friday — the index rose; in Q3 2025 and next month it may fall.\n"
    for m in _mentions(nlp, settings, text * 3, PUB):
        assert (text * 3)[m.start : m.end] == m.text
        assert m.granularity in dates.GRANULARITIES
        assert dates.interval(m.value)[0] <= (
            dates.interval(m.value_end)[0] if m.value_end else date.max
        )


@hyp_settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_any_text_is_safe(nlp, settings, text):
    for m in _mentions(nlp, settings, text, PUB):
        assert text[m.start : m.end] == m.text
        dates.interval(m.value)


@hyp_settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(sorted({*MONTHS, *WEEKDAYS, "the", "of", "to", "and",
                                         "between", "from", "last", "next", "this", "week",
                                         "quarter", "year", "q3", "2025", "7", "31st", "-",
                                         "/", ",", "mid", "early", "fiscal", "1990s", "ago",
                                         "in", "3", "days"})), max_size=7))  # fmt: skip
def test_resolve_never_raises(words):
    found = dates.resolve(" ".join(words), date(2025, 2, 7))
    if found:
        dates.interval(found.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "WASHINGTON, Feb 7 (Reuters) - Japan will invest $1 trillion in 2025 ...",
            datetime(2025, 2, 7),
        ),
        ("February 7, 2025 \u2014 Japan's prime minister met the president.", datetime(2025, 2, 7)),
        ("26-FEB-1987 15:01:01.79\nRain fell across the region all week.", datetime(1987, 2, 26)),
        (
            "SALVADOR, Feb 26 - Farmers in Bahia expect a larger cocoa crop in 1987.",
            datetime(1987, 2, 26),
        ),
        ("2025-02-07T10:00:00Z Markets opened higher.", datetime(2025, 2, 7)),
        ("Friday, February 7, 2025 TOKYO - Shares rose.", datetime(2025, 2, 7)),
        ("LONDON (Reuters) - Shares rose on Friday.", None),
        ("In a significant move on February 7, 2025, Japan announced ...", None),
        ("NEW YORK, Feb 26 - A dateline with no year anywhere.", None),
        (
            "Honda to expand Ohio EV battery plant\n\nCOLUMBUS, Ohio, March 12, 2025 - Honda"
            " Motor Co. said on Wednesday it will invest an additional $1.2 billion.",
            datetime(2025, 3, 12),
        ),
        (
            "Fed holds rates steady\r\n\r\nWASHINGTON, Jan 29 (Reuters) - The Federal Reserve"
            " held rates in 2025.",
            datetime(2025, 1, 29),
        ),
        (
            "Markets fell sharply on Monday.\n\nLONDON, March 3, 2025 - Not a dateline of this"
            " text: the first paragraph is a sentence, not a title.",
            None,
        ),
    ],
)
def test_find_published(text, expected):
    assert from_dateline(text) == expected


def test_recognizers_dev_set(settings, shared_eval):
    """A floor on the shared date set, so a regression shows up in the tests too."""
    from extract.evaluate import dates as evaluate

    path = shared_eval / "dates" / "recognizers-datetime-en-dev.json"
    cases = evaluate.read_cases(path)
    rows = dict(zip(map(id, cases), evaluate.production(cases, settings), strict=True))
    score = evaluate.score(cases, lambda c: rows[id(c)])
    f1 = evaluate.prf(score.tp, score.fp, score.fn)[2]
    assert f1 >= 0.9
    assert score.right / score.valued >= 0.85
