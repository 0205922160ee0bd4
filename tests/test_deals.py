"""Deals: the seed article, the columns, the lexicon, and offsets on any text."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from extract.article import Article, content_id
from extract.pipeline import extract_doc
from extract.stages import deals

# Example cases (sentence -> deals) are in tests/cases/deals.jsonl; the labelled set that
# `extract eval deals` scores is tests/data/deals.jsonl. Properties and edges are tested here.


def run(nlp, settings, text: str, published: datetime | None = None) -> list[deals.Deal]:
    article = Article(content_id(text), "test", text, published=published)
    return extract_doc(nlp(text), article, settings)["deals"]


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


def test_a_doc_without_a_parse_has_no_deals(settings):
    import spacy

    doc = spacy.blank("en")("Pfizer agreed to buy Seagen for about $43 billion in cash.")
    article = Article("blank", "test", doc.text)
    assert deals.extract(doc, article, settings, [], [], [], []) == []
