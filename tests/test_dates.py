"""Dates: news sentences with the dates they hold, resolved against a publication date."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from extract.article import Article
from extract.published import from_dateline
from extract.stages import dates

PUB = datetime(2025, 2, 7)  # a Friday

# (sentence, published, [(mention text, value, granularity, value_end), ...])
CASES = [
    ("Japan announced the investment on February 7, 2025, in Washington.", PUB,
     [("February 7, 2025", "2025-02-07", "day", "")]),
    ("Shares of Nissan jumped on Feb. 7 after the report.", PUB,
     [("Feb. 7", "2025-02-07", "day", "")]),
    ("The deal was signed on 7 February 2025 in Tokyo.", PUB,
     [("7 February 2025", "2025-02-07", "day", "")]),
    ("The filing, dated 2025-02-07, was made public.", PUB,
     [("2025-02-07", "2025-02-07", "day", "")]),
    ("The central bank cut rates last Tuesday.", PUB,
     [("last Tuesday", "2025-02-04", "day", "")]),
    ("Toyota will report results next month.", PUB,
     [("next month", "2025-03", "month", "")]),
    ("Oil prices fell sharply earlier this year.", PUB,
     [("earlier this year", "2025", "year", "")]),
    ("The index has gained 3% this week.", PUB,
     [("this week", "2025-W06", "week", "")]),
    ("The company said yesterday it would cut 500 jobs.", PUB,
     [("yesterday", "2025-02-06", "day", "")]),
    ("Sales rose 12% in 2024, the company said.", PUB,
     [("2024", "2024", "year", "")]),
    ("The plant is due to open in March.", PUB,
     [("March", "2025-03", "month", "")]),
    ("Exports collapsed in December, customs data showed.", PUB,
     [("December", "2024-12", "month", "")]),
    ("Inflation was last this high in the 1990s.", PUB,
     [("the 1990s", "199X", "decade", "")]),
    ("Deliveries are expected to start in Q3 2025.", PUB,
     [("Q3 2025", "2025-Q3", "quarter", "")]),
    ("Net profit fell in the third quarter.", PUB,
     [("the third quarter", "2024-Q3", "quarter", "")]),
    ("The company expects revenue to grow in fiscal 2025.", PUB,
     [("fiscal 2025", "2025", "year", "")]),
    ("Production should resume by mid-2026.", PUB,
     [("mid-2026", "2026", "year", "")]),
    ("The talks collapsed in late March.", PUB,
     [("late March", "2025-03", "month", "")]),
    ("Prices rose between March and May 2025.", PUB,
     [("between March and May 2025", "2025-03", "month", "2025-05")]),
    ("Output grew every year from 2014 to 2018.", PUB,
     [("from 2014 to 2018", "2014", "year", "2018")]),
    ("The strike ran from Sept. 3 to 12, the union said.", PUB,
     [("from Sept. 3 to 12", "2024-09-03", "day", "2024-09-12")]),
    ("The summit is scheduled for Tuesday, March 4.", PUB,
     [("Tuesday, March 4", "2025-03-04", "day", "")]),
    ("Profit doubled in the first half of 2024.", PUB,
     [("the first half of 2024", "2024-01", "month", "2024-06")]),
    ("The merger closed two weeks ago.", PUB,
     [("two weeks ago", "2025-01-24", "day", "")]),
    ("Output fell in the first ten days of last year, the ministry said.", PUB,
     [("the first ten days of last year", "2024-01-01", "day", "2024-01-10")]),
    ("Prices have risen over the last 3 months and 2 weeks, the survey found.", PUB,
     [("last 3 months and 2 weeks", "2024-10-24", "day", "2025-02-07")]),
    ("The union called a strike for two weeks starting March 3.", PUB,
     [("two weeks starting March 3", "2025-03-03", "day", "2025-03-16")]),
    ("The shares will be delisted within the next five business days.", PUB,
     [("next five business days", "2025-02-10", "day", "2025-02-14")]),
    ("Trading stays thin for the rest of the week, dealers said.", PUB,
     [("rest of the week", "2025-02-07", "day", "2025-02-09")]),
    ("Traffic is expected to peak over the Memorial Day weekend.", datetime(2025, 5, 20),
     [("the Memorial Day weekend", "2025-05-24", "day", "2025-05-26")]),
    ("Markets will be closed on Good Friday, the exchange said.", datetime(2025, 4, 1),
     [("Good Friday", "2025-04-18", "day", "")]),
    ("Ministers meet on Monday (March 10) to discuss the budget.", PUB,
     [("Monday (March 10)", "2025-03-10", "day", "")]),
    ("Results are due in the last two weeks of March.", PUB,
     [("the last two weeks of March", "2025-03-17", "day", "2025-03-30")]),
    ("Demand has weakened over the past three years.", PUB,
     [("past three years", "2022-02-07", "day", "2025-02-07")]),
    ("The euro hit a record on Christmas Eve.", PUB,
     [("Christmas Eve", "2024-12-24", "day", "")]),
    ("Ford sold 1,200 vehicles last quarter.", PUB,
     [("last quarter", "2024-Q4", "quarter", "")]),
    ("Trading volume peaked in the second week of January.", PUB,
     [("the second week of January", "2025-W02", "week", "")]),
    ("Cocoa arrivals for the week ended February 22 were 155,221 bags.", datetime(1987, 2, 26),
     [("the week ended February 22", "1987-02-16", "day", "1987-02-22")]),
    ("Net income rose in the nine months ended September 30, 2024.", PUB,
     [("the nine months ended September 30, 2024", "2024-01-01", "day", "2024-09-30")]),
    ("The drought has lasted since early January.", datetime(1987, 2, 26),
     [("early January", "1987-01", "month", "")]),
    ("Dividends are payable April one to holders of record March 20.", datetime(1987, 2, 26),
     [("April one", "1987-04-01", "day", ""), ("March 20", "1987-03-20", "day", "")]),
    ("Retailers are bracing for a slow Thanksgiving weekend.", datetime(2024, 11, 20),
     [("Thanksgiving weekend", "2024-11-30", "day", "2024-12-01")]),
    ("Stores reopened after Thanksgiving, the chain said.", datetime(2024, 12, 2),
     [("Thanksgiving", "2024-11-28", "day", "")]),
    ("The board meets on the first Monday of next month.", PUB,
     [("the first Monday of next month", "2025-03-03", "day", "")]),
    ("The fund returned 8% in the year ended June 30, 2024.", PUB,
     [("the year ended June 30, 2024", "2023-07-01", "day", "2024-06-30")]),
    ("Shipments will resume in a couple of days, the port said.", PUB,
     [("in a couple of days", "2025-02-09", "day", "")]),
    ("Sales fell in 2018Q4 and again in the fourth quarter of 2019.", PUB,
     [("2018Q4", "2018-Q4", "quarter", ""),
      ("the fourth quarter of 2019", "2019-Q4", "quarter", "")]),
    ("Growth was the lowest since the mid-1960s, the report said.", datetime(1987, 3, 1),
     [("the mid-1960s", "196X", "decade", "")]),
    ("The bank lowered its forecast for calendar 1987.", datetime(1987, 3, 2),
     [("calendar 1987", "1987", "year", "")]),
]  # fmt: skip

# Sentences with no date in them: durations, ages, counts, numbers, the verb "may".
NEGATIVES = [
    "The investment primarily targets three key sectors: steel, automotive, and technology.",
    "The project will take three years to complete.",
    "Workers were on strike for 10 days.",
    "The 45-year-old chief executive joined in a reshuffle.",
    "The chief executive, 45 years old, declined to comment.",
    "Profits have risen three years in a row.",
    "The company employs 2000 workers at the plant.",
    "The bank may raise rates again, analysts said.",
    "Shares rose 5/8 to 27-1/2 in heavy trading.",
    "Revenue rose to 1,000 million dollars from 000 units to 12 percent.",
    "Each week the committee reviews every Friday's filings.",
    "The lender said the first nine months were difficult.",
    "China bought 340,000 tonnes of hard red winter wheat.",
]


def _mentions(nlp, settings, text: str, published: datetime | None) -> list[dates.DateMention]:
    article = Article(doc_id="t", source="test", text=text, published=published)
    return dates.extract(nlp(text), article, settings)


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_dates_in_news(nlp, settings, text, published, expected):
    found = [
        (m.text, m.value, m.granularity, m.value_end)
        for m in _mentions(nlp, settings, text, published)
    ]
    assert found == expected


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_dates(nlp, settings, text):
    assert _mentions(nlp, settings, text, PUB) == []


def test_relative_flag_and_no_publication_date(nlp, settings):
    text = "Sales rose in 2024 and fell last month."
    with_pub = {m.text: m.relative for m in _mentions(nlp, settings, text, PUB)}
    assert with_pub == {"2024": False, "last month": True}
    # Without a publication date a relative date cannot be placed, so it is dropped.
    assert [m.text for m in _mentions(nlp, settings, text, None)] == ["2024"]


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
@given(st.lists(st.sampled_from(sorted({*dates.MONTHS, *dates.WEEKDAYS, "the", "of", "to", "and",
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
        ("26-FEB-1987 15:01:01.79\nShowers continued throughout the week.", datetime(1987, 2, 26)),
        (
            "SALVADOR, Feb 26 - Showers continued in the Bahia cocoa zone in 1987.",
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


def test_recognizers_dev_set(nlp, settings, shared_eval):
    """A floor on the shared date set, so a regression shows up in the tests too."""
    from extract.evaluate import dates as evaluate

    path = shared_eval / "dates" / "recognizers-datetime-en-dev.json"
    cases = evaluate.read_cases(path)
    score = evaluate.score(
        cases,
        lambda c: dates.extract(
            nlp(c.text), Article("t", "", c.text, published=c.published), settings
        ),
    )
    f1 = evaluate.prf(score.tp, score.fp, score.fn)[2]
    assert f1 >= 0.9
    assert score.right / score.valued >= 0.85
