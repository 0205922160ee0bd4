"""Entities: properties and edges (offsets, doc.ents, any Unicode, user aliases, the seed
article). The example sentences (text -> rows) are in tests/cases/entities.jsonl."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from extract.article import Article
from extract.config import Settings
from extract.evaluate import cases
from extract.stages import entities


def _rows(nlp, settings, text: str) -> list[entities.Entity]:
    doc = nlp(text)
    return entities.extract(doc, Article(doc_id="t", source="test", text=text), settings)


def test_seed_article(nlp, settings, seed_text):
    rows = _rows(nlp, settings, seed_text)
    pairs = {(r.text, r.label) for r in rows}
    for name, label in [
        ("Shigeru Ishiba", "PERSON"),
        ("Donald Trump", "PERSON"),
        ("U.S. Steel", "ORG"),
        ("Toyota", "ORG"),
        ("Nissan", "ORG"),
        ("Japan", "GPE"),
        ("Detroit", "GPE"),
        ("Michigan", "GPE"),
    ]:
        assert (name, label) in pairs
    trumps = [r for r in rows if "Trump" in r.text]
    assert len(trumps) >= 4
    assert all(r.label == "PERSON" and r.canonical == "Donald Trump" for r in trumps)
    assert not [r for r in rows if "'s" in r.text or "’s" in r.text]
    assert not [r for r in rows if r.text == "AI" and r.label in {"GPE", "LOC"}]
    us = {r.canonical for r in rows if r.kb_id == "US" and r.label == "GPE"}
    assert us == {"United States"}
    assert [r.sentence for r in rows] == sorted(r.sentence for r in rows)


def test_offsets_and_fields(nlp, settings, seed_text):
    for text in [c.text for c in cases.load(cases.case_files()["entities"])] + [seed_text]:
        for row in _rows(nlp, settings, text):
            assert text[row.start : row.end] == row.text
            assert row.text == row.text.strip()
            assert row.label in entities.NAMED
    assert [f.name for f in dataclasses.fields(entities.Entity)] == [
        "doc_id",
        "start",
        "end",
        "text",
        "label",
        "canonical",
        "kb_id",
        "sentence",
    ]


def test_one_label_and_id_per_canonical_name(nlp, settings, seed_text):
    for text in [c.text for c in cases.load(cases.case_files()["entities"])] + [seed_text]:
        seen: dict[str, tuple[str, str]] = {}
        for row in _rows(nlp, settings, text):
            key = row.canonical.lower()
            assert seen.setdefault(key, (row.label, row.kb_id)) == (row.label, row.kb_id), row


def test_doc_ents_keep_money_and_dates(nlp, settings):
    text = "Japan pledged $1 trillion on February 7, 2025, Trump's office said."
    doc = nlp(text)
    entities.extract(doc, Article("t", "test", text), settings)
    labels = {e.label_ for e in doc.ents}
    assert {"MONEY", "DATE", "GPE"} <= labels
    assert "Trump's" not in {e.text for e in doc.ents}


@hsettings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(
            [
                "U.S.",
                "Japan's",
                "Trump",
                "’s",
                "-",
                "\n",
                "The",
                "the",
                "Toyota",
                "AI",
                "(",
                ")",
                "Shigeru Ishiba",
                "U.S.-Japan",
                "said",
                "42",
                ",",
                ".",
                "BELGRADE",
                "é",
                "🙂",
            ]
        )
        | st.text(max_size=6),
        max_size=25,
    )
)
def test_offsets_hold_on_any_text(nlp, settings, parts):
    text = " ".join(parts)
    for row in _rows(nlp, settings, text):
        assert text[row.start : row.end] == row.text
        assert row.end > row.start


def test_user_alias_file_pins_and_overrides(tmp_path):
    from extract import nlp as nlp_module

    aliases = tmp_path / "aliases.csv"
    aliases.write_text(
        "alias,canonical,label,kb_id,sector\n"
        "Motor City,Detroit,GPE,,\n"
        "Toyota,Toyota Motor Corporation,ORG,Q53268,automotive\n"
        "Rapidus,Rapidus Corp,ORG,RAPIDUS-1,semiconductors\n",
        encoding="utf-8",
    )
    user = Settings(alias_file=aliases)
    nlp = nlp_module.load(user)
    text = (
        "Toyota and chipmaker Rapidus will expand in what was once dubbed “Motor City” - "
        "Detroit, Michigan."
    )
    rows = _rows(nlp, user, text)
    by_text = {r.text: r for r in rows}
    assert by_text["Toyota"].canonical == "Toyota Motor Corporation"  # user row wins
    assert by_text["Toyota"].kb_id == "Q53268"
    assert by_text["Rapidus"].label == "ORG" and by_text["Rapidus"].kb_id == "RAPIDUS-1"
    assert by_text["Motor City"].canonical == "Detroit"
    # The shipped pipeline (no user file) is not changed by loading another one.
    from extract.config import Settings as S

    shipped = nlp_module.load(S())
    assert {r.canonical for r in _rows(shipped, S(), "Toyota said so.")} == {"Toyota"}
