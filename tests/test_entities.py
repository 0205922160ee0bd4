"""Entities: labels, canonical names and ids on news sentences; offsets; user aliases."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from extract.article import Article
from extract.config import Settings
from extract.stages import entities

# (text, expected rows as (text, label, canonical, kb_id) with None = any, texts that must not
# be entities of the given label ("" label = no entity at all with that text))
CASES = [
    (
        "Nippon Steel's $14.9 billion bid for U.S. Steel was blocked by President Joe Biden, "
        "but Nippon Steel said it would keep fighting.",
        [
            ("Nippon Steel", "ORG", "Nippon Steel", None),
            ("U.S. Steel", "ORG", "U.S. Steel", None),
            ("Joe Biden", "PERSON", "Joe Biden", None),
        ],
        [("Nippon Steel's", "")],
    ),
    (
        "Shares of Toyota Motor Corp. rose 3% in Tokyo after Toyota raised its profit forecast.",
        [
            ("Toyota Motor Corp.", "ORG", "Toyota", None),
            ("Toyota", "ORG", "Toyota", None),
            ("Tokyo", "GPE", "Tokyo", None),
        ],
        [],
    ),
    (
        "U.S.-China trade tensions weighed on markets, while the Federal Reserve held rates "
        "steady.",
        [("U.S.", "GPE", "United States", "US"), ("China", "GPE", "China", "CN")],
        [("U.S.-China", "")],
    ),
    (
        "Apple CEO Tim Cook told analysts that AI features would drive iPhone sales; Cook did "
        "not give numbers.",
        [("Tim Cook", "PERSON", "Tim Cook", None), ("Cook", "PERSON", "Tim Cook", None)],
        [("AI", "GPE"), ("AI", "LOC")],
    ),
    (
        "Prime Minister Narendra Modi arrived in Washington, where Modi is due to meet Trump "
        "on Thursday.",
        [
            ("Narendra Modi", "PERSON", "Narendra Modi", None),
            ("Modi", "PERSON", "Narendra Modi", None),
            ("Trump", "PERSON", "Donald Trump", None),
        ],
        [],
    ),
    (
        "Chinese President Xi Jinping and Russia's Vladimir Putin signed the agreement in "
        "Moscow. Xi said ties were at their best.",
        [
            ("Chinese", "NORP", "Chinese", "CN"),
            ("Russia", "GPE", "Russia", "RU"),
            ("Vladimir Putin", "PERSON", "Vladimir Putin", None),
            ("Xi", "PERSON", "Xi Jinping", None),
        ],
        [("Russia's", "")],
    ),
    (
        "The U.K. and the European Union agreed on a new framework, Britain’s finance ministry "
        "said on Monday.",
        [
            ("U.K.", "GPE", "United Kingdom", "GB"),
            ("Britain", "GPE", "United Kingdom", "GB"),
            ("European Union", "ORG", "European Union", None),
        ],
        [("Britain’s", ""), ("the European Union", "")],
    ),
    (
        "Samsung Electronics’ quarterly profit fell, the South Korean company said. The "
        "Netherlands and Belgium objected to the plan.",
        [
            ("Samsung Electronics", "ORG", "Samsung Electronics", None),
            ("South Korean", "NORP", None, "KR"),
            ("Netherlands", "GPE", "Netherlands", "NL"),
            ("Belgium", "GPE", "Belgium", "BE"),
        ],
        [("Samsung Electronics’", "")],
    ),
    (
        "TOKYO, Feb 7 (Reuters) - Japanese automakers said on Friday the United States was "
        "their biggest market, and America would stay so.",
        [
            ("TOKYO", "GPE", None, None),
            ("Japanese", "NORP", "Japanese", "JP"),
            ("United States", "GPE", "United States", "US"),
            ("America", "GPE", "United States", "US"),
        ],
        [],
    ),
    (
        "Michigan Governor Gretchen Whitmer said Ford Motor Co. would build the battery plant "
        "in Marshall, Michigan. Whitmer called it a win for workers.",
        [
            ("Michigan", "GPE", "Michigan", "US-MI"),
            ("Gretchen Whitmer", "PERSON", "Gretchen Whitmer", None),
            ("Whitmer", "PERSON", "Gretchen Whitmer", None),
        ],
        [("Ford Motor Co.", "PERSON"), ("Marshall, Michigan", "")],
    ),
    (  # a lower-case word ends no name and joins none: "Hulu to Disney" is two companies
        "Comcast sold its stake in Hulu to Disney for $8.6 billion.",
        [("Hulu", "ORG", "Hulu", None), ("Disney", "ORG", "Disney", None)],
        [("Hulu to Disney", ""), ("Hulu to", "")],
    ),
    (  # the untagged subject of a reporting verb is an organisation
        "Kelvion said on Tuesday it would cut 200 jobs at its plant in Ohio.",
        [("Kelvion", "ORG", "Kelvion", None), ("Ohio", "GPE", "Ohio", "US-OH")],
        [],
    ),
    (  # a quoted nickname equated with the place after it is that place
        "Carmakers once thrived in what was dubbed “Motor City” - Detroit, Michigan.",
        [("Motor City", "GPE", "Detroit", None), ("Detroit", "GPE", "Detroit", None)],
        [],
    ),
    (  # a one-word "person" never named in full: in a sports report, a team
        "SOCCER - SOUTHAMPTON BEAT LEEDS 2-1 .\nLONDON 1996-08-31\nSouthampton beat Leeds "
        "2-1 in the league on Saturday , and the coach praised the team .\nLeeds have won "
        "one of their four league games this season .",
        [("Southampton", "ORG", None, None), ("Leeds", "ORG", None, None)],
        [("Leeds", "PERSON"), ("Southampton", "PERSON"), ("Leeds 2-1", "")],
    ),
    (  # results lines name teams; the same names in a line-up stay people
        "Results of English league matches on Saturday :\nLuton 1 Rotherham 0\n"
        "Millwall 2 Burnley 1\nStandings :\nBolton 4 3 1 0 9 3 10",
        [
            ("Luton", "ORG", None, None),
            ("Rotherham", "ORG", None, None),
            ("Burnley", "ORG", None, None),
            ("Bolton", "ORG", None, None),
        ],
        [],
    ),
    (  # rows of figures are no teams outside sports reports
        "Quarterly figures ( in millions ):\nTotal 120 135 140\nRevenue 100 110 120\n"
        "Brent 75 76 74",
        [],
        [("Total", ""), ("Revenue", ""), ("Brent", "ORG")],
    ),
    (  # a place named after "in" is a place wherever the article repeats it
        "Police found the bodies in Tavildara on Friday. Tavildara lies 200 km east of the "
        "capital.",
        [("Tavildara", "GPE", "Tavildara", None)],
        [("Tavildara", "PERSON")],
    ),
    (  # the model's pieces give way to a full name with its country in brackets
        "Sandrine Testud ( France ) beat Ines Gorrochategui ( Argentina ) 4-6 6-2 6-1",
        [
            ("Sandrine Testud", "PERSON", None, None),
            ("Ines Gorrochategui", "PERSON", None, None),
        ],
        [("Testud", "")],
    ),
]


# Wire sports copy: dateline, results lines, a standings row, athletes with their country.
RESULTS = (
    "SOCCER - SCOTTISH LEAGUE RESULTS\n"
    "GLASGOW 2024-09-14\n"
    "Results of Scottish league matches on Saturday:\n"
    "Hibernian 2 Motherwell 1\n"
    "Dundee 0 Aberdeen 3\n"
    "Scotland 2 Wales 0\n"
    "Standings:\n"
    "Aberdeen 5 4 1 0 12 3 13\n"
    "Earlier, Sifan Hassan (Netherlands) won the 10,000 metres and J. Ingebrigtsen took the "
    "1,500 metres for Norway.\n"
)


def test_results_copy(nlp, settings):
    rows = _rows(nlp, settings, RESULTS)
    pairs = {(r.text, r.label) for r in rows}
    assert ("GLASGOW", "GPE") in pairs
    for team in ("Hibernian", "Motherwell", "Dundee", "Aberdeen"):
        assert (team, "ORG") in pairs
    assert ("Scotland", "GPE") in pairs and ("Wales", "GPE") in pairs
    assert ("Sifan Hassan", "PERSON") in pairs
    assert ("J. Ingebrigtsen", "PERSON") in pairs
    assert not [r for r in rows if r.text in {"Results", "Standings"}]


def _rows(nlp, settings, text: str) -> list[entities.Entity]:
    doc = nlp(text)
    return entities.extract(doc, Article(doc_id="t", source="test", text=text), settings)


@pytest.mark.parametrize(("text", "expected", "forbidden"), CASES)
def test_entities(nlp, settings, text, expected, forbidden):
    rows = _rows(nlp, settings, text)
    found = {(r.text, r.label): r for r in rows}
    for want_text, label, canonical, kb_id in expected:
        row = found.get((want_text, label))
        assert row is not None, f"{want_text!r} {label} not in {sorted(found)}"
        if canonical is not None:
            assert row.canonical == canonical
        if kb_id is not None:
            assert row.kb_id == kb_id
    for bad_text, label in forbidden:
        assert not [r for r in rows if r.text == bad_text and (not label or r.label == label)]


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
    for text in [c[0] for c in CASES] + [seed_text]:
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
