"""Deals: news sentences with the deals they report (none for deal-like words without a deal)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from extract.article import Article, content_id
from extract.pipeline import extract_doc
from extract.stages import deals

# (text, [(type, actor, target, amount, currency)]); amounts in full units.
CASES = [
    (
        "Alphabet agreed to buy cybersecurity firm Wiz for $32 billion in cash, its biggest "
        "deal ever.",
        [("acquisition", "Alphabet", "Wiz", 32e9, "USD")],
    ),
    (
        "Kate Spade was acquired by Tapestry for $2.4 billion in 2017.",
        [("acquisition", "Tapestry", "Kate Spade", 2.4e9, "USD")],
    ),
    (
        "Stellantis will invest 5.6 billion euros in Brazil between 2025 and 2030.",
        [("investment", "Stellantis", "Brazil", 5.6e9, "EUR")],
    ),
    (
        "Hitachi will build a $1 billion transformer factory in Virginia, the company said.",
        [("expansion", "Hitachi", "Virginia", 1e9, "USD")],
    ),
    (
        "SoftBank took a 40% stake in WeWork for $4.4 billion in 2017.",
        [("stake", "SoftBank", "WeWork", 4.4e9, "USD")],
    ),
    (
        "BHP and Lundin Mining will form a joint venture to develop copper projects in Argentina.",
        [("joint_venture", "BHP", "Lundin Mining", None, "")],
    ),
    ("Investors bought gold on Friday as the dollar weakened.", []),
    ("HSBC's investment bank cut 200 jobs in London this week.", []),
    ("The carmaker could sell its truck division next year, analysts said.", []),
    ("Spending on housing expanded at the fastest pace in two years.", []),
]


def run(nlp, settings, text: str, published: datetime | None = None) -> list[deals.Deal]:
    article = Article(content_id(text), "test", text, published=published)
    return extract_doc(nlp(text), article, settings)["deals"]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_deals(nlp, settings, text, expected):
    rows = run(nlp, settings, text, datetime(2025, 3, 1))
    got = [(d.type, d.actor, d.target, d.amount_value, d.amount_currency) for d in rows]
    assert got == [(t, a, g, pytest.approx(v) if v else v, c) for t, a, g, v, c in expected]
    for d in rows:
        assert text[d.start : d.end] == d.evidence


def test_seed_article(nlp, settings, seed_text):
    rows = run(nlp, settings, seed_text, datetime(2025, 2, 7))
    assert [
        (d.type, d.actor, d.target, d.amount_value, d.amount_currency, d.date) for d in rows
    ] == [("investment", "Japan", "United States", 1e12, "USD", "2025-02-07")]
    assert "steel" in rows[0].sectors.split("; ")
    assert seed_text[rows[0].start : rows[0].end] == rows[0].evidence


def test_columns():
    assert [f.name for f in dataclasses.fields(deals.Deal)] == [
        "doc_id", "sentence", "type", "actor", "target", "amount_value", "amount_currency",
        "date", "sectors", "evidence", "start", "end",
    ]  # fmt: skip


def test_lexicon_types():
    lex = deals.load_lexicon()
    assert set(lex.verbs.values()) | set(lex.nouns.values()) <= set(deals.TYPES)


@hsettings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200))
def test_any_text(nlp, settings, text):
    for d in run(nlp, settings, text):
        assert text[d.start : d.end] == d.evidence
        assert d.type in deals.TYPES
