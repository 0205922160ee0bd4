"""Dates: properties and edges of the stage (offsets slice back, any text is safe, resolution
never raises), its rule table, dates in datelines, and a floor on the shared set. News
sentences with the dates they hold are example cases: tests/cases/dates.jsonl."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from extract.article import Article
from extract.lexicon import MONTHS, WEEKDAYS
from extract.published import decide, from_dateline
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
                                         "in", "3", "days", "29", "feb", "that", "night"})),
                max_size=7),
       st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))  # fmt: skip
def test_resolve_never_raises(words, published):
    found = dates.resolve(" ".join(words), published)
    if found:
        dates.interval(found.value)


_GATED_WORDS = sorted({*MONTHS, *WEEKDAYS, "the", "of", "to", "and", "-", ",", "/", "'",
                       "between", "from", "last", "next", "this", "week", "weekend", "year",
                       "years", "ago", "quarter", "q3", "2025", "'25", "1990s", "7", "31st",
                       "third", "twenty", "first", "mother", "'s", "day", "end", "mid-march",
                       "5/8", "2025/26", "dec31", "fiscal", "fy25", "in", "few",
                       "early"})  # fmt: skip


@hyp_settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_GATED_WORDS), min_size=1, max_size=14))
def test_gated_patterns_match_as_one_matcher(nlp, words):
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

    from extract.stages.dates import spans

    doc = Doc(nlp.vocab, words=words)
    for name, proc in nlp.pipeline:
        if name != "ner":
            doc = proc(doc)
    whole = Matcher(nlp.vocab)
    whole.add("DATE", spans._patterns())
    gated = spans._matcher(id(nlp.vocab), nlp.vocab)
    expected = {(m.start, m.end) for m in whole(doc, as_spans=True)}
    found = set(gated(doc, [(t.lower_, t.text) for t in doc], 0, len(doc)))
    assert found == expected


@pytest.mark.parametrize("published", [date(2016, 1, 31), date(2016, 2, 29), date(2017, 3, 31)])
@pytest.mark.parametrize(
    "text", ["feb 29 - mar 5, 2017", "from Feb 29 to March 3, 2017", "between now and Feb 29"]
)
def test_month_end_references_do_not_raise(text, published):
    """A year moved onto a range end that lacks the day (February 29) is no range, no crash."""
    found = dates.resolve(text, published)
    if found:
        dates.interval(found.value)


@pytest.mark.parametrize(
    ("value", "cycle", "tense", "placed"),
    [
        ("2025-02-11", "week", -1, "2025-02-04"),  # "said Tuesday", on a Friday: this week's
        ("2025-02-04", "week", 1, "2025-02-11"),  # "will meet Tuesday": the next one
        ("2025-12", "year", -1, "2024-12"),  # "sales fell in December", in February
        ("2025-03", "year", 1, "2025-03"),  # "will open in March", in February
        ("2025-10", "year", 0, "2024-10"),  # "the October strike", in February: the one before
        ("2025-06-12", "year", 0, "2025-06-12"),  # "the June 12 summit": much nearer ahead
    ],
)
def test_place_follows_the_tense(value, cycle, tense, placed):
    res = dates.Resolved(value, "day" if len(value) == 10 else "month", True, cycle=cycle)
    assert dates.place(res, PUB.date(), tense).value == placed


def test_weekend_value_covers_saturday_and_sunday():
    assert dates.interval("2025-W06-WE") == (date(2025, 2, 8), date(2025, 2, 10))


def test_without_publication_date_rows_stay_unresolved(nlp, settings):
    text = "Sales rose in March 2024 and fell last week; the next day, shares fell."
    found = {m.text: m for m in _mentions(nlp, settings, text, None)}
    assert (found["March 2024"].value, found["March 2024"].resolved) == ("2024-03", True)
    assert found["last week"].value == "" and not found["last week"].resolved
    assert found["last week"].granularity == "week"


def test_timeml_gold_values_at_their_precision():
    from extract.evaluate.timeml import gold_value

    def value(v: str, kind: str = "DATE") -> str:
        return gold_value({"type": kind, "value": v})

    assert value("1998-XX") == "1998" and value("1998-10-XX") == "1998-10"
    assert value("2000-W7") == "2000-W07" and value("1998-FA") == "1998-23"
    assert value("2000-01-05TEV") == "2000-01-05" and value("1998-08-07T10:35", "TIME")
    assert value("PRESENT_REF") == value("P1W") == value("1998", "DURATION") == ""


def test_timeml_scores_a_range_as_its_two_timexes(tmp_path):
    from extract.evaluate import timeml

    text = "Output fell between 2019 and 2021, the ministry said Tuesday."
    line = {"id": "own-1", "published": "2025-02-07", "text": text, "timexes": [
        {"start": 20, "end": 24, "type": "DATE", "value": "2019"},
        {"start": 29, "end": 33, "type": "DATE", "value": "2021"},
        {"start": 53, "end": 60, "type": "DATE", "value": "2025-02-04"}]}  # fmt: skip
    path = tmp_path / "own.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert timeml.is_timeml(path)
    (story,) = timeml.read_stories(path)
    rows = [
        dates.DateMention("d", 12, 33, text[12:33], "2019", "year", False, "2021"),
        dates.DateMention("d", 53, 60, "Tuesday", "2025-02-07", "day", True),
    ]
    sc = timeml.score([story], [rows])
    assert (sc.tp, sc.fp, sc.fn, sc.strict_tp, sc.right) == (3, 0, 0, 3, 2)


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


def test_dateline_given_beside_the_text(settings):
    """A wire dump keeping the dateline in a field of its own (Reuters-21578) still dates the
    article, its year taken from the text as for a dateline in it."""
    text = "Shr 31 cts vs 22 cts in 1986. Net 4,120,000 dlrs vs 2,870,000."
    given = Article("t", "test", text, dateline="WINNIPEG, Manitoba, April 3 -")
    found = decide(given, settings)
    assert (found.published, found.published_source) == (datetime(1986, 4, 3), "dateline")
    assert decide(Article("t", "test", text), settings).published is None


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
