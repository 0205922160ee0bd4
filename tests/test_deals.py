"""Deals: the seed article, the columns, the lexicon, offsets on any text, one row per deal,
the country naming table, and the labelled sets' scorers."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from extract.article import Article, content_id
from extract.evaluate import deals as scorer
from extract.pipeline import extract_doc
from extract.stages import deals
from extract.stages.deals.merge import merge_mentions
from extract.stages.deals.names import country_name as _country_name
from extract.stages.entities.places import country_table

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
        "date", "sectors", "evidence", "start", "end", "mentions", "status",
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
        spans = [tuple(map(int, m.split("-"))) for m in d.mentions.split("; ")]
        assert spans[0] == (d.start, d.end)
        assert all(0 <= a < b <= len(text) for a, b in spans)


def test_one_row_per_deal_with_every_sentence(nlp, settings):
    text = (
        "Marlow Brands agreed to buy Pellham Cosmetics. It expects its purchase of Pellham "
        "Cosmetics to close in June. The transaction is valued at about 90 million dollars."
    )
    rows = run(nlp, settings, text)
    assert [(d.type, d.actor, d.target, d.amount_value) for d in rows] == [
        ("acquisition", "Marlow Brands", "Pellham Cosmetics", 90e6)
    ]
    assert len(rows[0].mentions.split("; ")) == 2


def _deal(kind, actor, target, amount=None, evidence=""):
    return deals.Deal(
        "d", 0, kind, actor, target, amount, "USD" if amount else "", "", "",
        evidence or f"{actor} {target}", 0, 1,
    )  # fmt: skip


def test_merging_mentions():
    def merged(*rows):
        return [(d.type, d.actor, d.target) for d in merge_mentions(list(rows), lambda d: "0-1")]

    # the two sides of one sale, when one sentence names the other side
    buy, sell = _deal("acquisition", "Acme", "Beta"), _deal("divestment", "Zed", "Beta", 5.0)
    assert merged(buy, dataclasses.replace(sell, evidence="Zed sold Beta to Acme")) == [
        ("acquisition", "Acme", "Beta")
    ]
    # competing bids for one company are two deals
    assert len(merged(buy, _deal("acquisition", "Zenith", "Beta"))) == 2
    # a merger in either order, and a name with its leading words
    assert len(merged(_deal("merger", "Acme", "Beta"), _deal("merger", "Beta Corp", "Acme"))) == 1
    # a party left open is filled by a later mention, and so is the amount
    rows = merge_mentions(
        [_deal("stake", "", "Beta"), _deal("stake", "Acme", "Beta", 7.0)], lambda d: "0-1"
    )
    assert [(d.actor, d.amount_value) for d in rows] == [("Acme", 7.0)]


def test_countries_are_named_as_the_entities_stage_names_them():
    assert _country_name("RU") == "Russia"  # not pycountry's "Russian Federation"
    for _, code in country_table().values():
        assert country_table()[_country_name(code).lower()][1] == code


def test_newswire_scorer(tmp_path, settings, capsys):
    path = tmp_path / "wire.jsonl"
    records = [
        {"id": 1, "topics": ["acq"], "date": "02-MAR-1987 10:00:00.00", "title": "",
         "text": "Harlan Timber said it agreed to buy Greer Packaging for 40 mln dlrs."},
        {"id": 2, "topics": ["earn"], "date": "02-MAR-1987 10:00:00.00", "title": "",
         "text": "Harlan Timber said first quarter profit rose 12 pct on higher prices."},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    scorer.main(path, settings)
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == "acq recall: 1.000  announced only: 1.000  earn false alarms: 0.000"


def test_heldout_set_is_references_and_labels():
    items = [json.loads(line) for line in scorer.heldout_data().read_text().splitlines()]
    sentences = {(i["file"], i.get("id"), at) for i in items for d in i["deals"] for at in d["at"]}
    assert len(sentences) >= 150
    assert all("text" not in i for i in items)  # the text stays in ../shared/eval
    assert {d["type"] for i in items for d in i["deals"]} <= set(deals.TYPES)


def test_heldout_offsets_start_sentences(shared_eval):
    items = [json.loads(line) for line in scorer.heldout_data().read_text().splitlines()]
    path = shared_eval / "sectors" / "reuters21578-train.jsonl"
    texts = {r["id"]: r["text"] for r in map(json.loads, path.read_text().splitlines())}
    for item in items:
        for at in (at for d in item["deals"] for at in d["at"]) if "id" in item else ():
            assert at == 0 or texts[item["id"]][at - 1].isspace(), (item["id"], at)


def test_a_doc_without_a_parse_has_no_deals(settings):
    import spacy

    doc = spacy.blank("en")("Pfizer agreed to buy Seagen for about $43 billion in cash.")
    article = Article("blank", "test", doc.text)
    assert deals.extract(doc, article, settings, [], [], [], []) == []


def test_wire_names_join_brackets_and_wrapped_lines(nlp, settings):
    text = (
        "Harbor Tools Corp <HTC> said it sold its <Lindell\nValve Co> unit. Norden Mills said "
        "it agreed to buy Capital Wire\nand Cable Corp for 12 mln dlrs.\n    Prices rose."
    )
    rows = {(d.actor, d.target) for d in run(nlp, settings, text)}
    assert rows == {("Harbor Tools", "Lindell Valve"), ("Norden Mills", "Capital Wire and Cable")}


def test_one_party_under_its_initials():
    from extract.stages.deals.coref import same_party

    assert same_party("GFI Nevada", "General Felt Industries")
    assert same_party("CGCT", "Cie Generale de Constructions Telephoniques")
    assert not same_party("IBM", "Intel")
    assert not same_party("GM", "Ford Motor")


def test_trigger_phrases_in_either_case(nlp):
    from extract.stages.deals.triggers import find

    doc = nlp("Takeover of Acme was agreed. The spin-off of Beta will take place.")
    assert [p for s in doc.sents for _, p in find(s)] == ["takeover", "spin-off"]
