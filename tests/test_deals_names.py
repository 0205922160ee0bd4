"""Deals: party names whole and right where the entities stage or the parse cut them: a name
opening on a possessive, a body named later by an apposition, a misspelt name, a company named
after an unnamed business where the parse lost the "and", the head word of a name, a company's
name whose end the model took for a person. Sentences written for these tests."""

from __future__ import annotations

from types import SimpleNamespace

from extract.article import Article, content_id
from extract.pipeline import extract_doc, readable
from extract.stages.deals.joined import _named_after
from extract.stages.deals.names import (
    led_by,
    person_title,
    possessive_names,
    respelled,
    without_owner,
    written_low,
)


def rows(nlp, settings, text: str) -> list[tuple]:
    article = Article(content_id(text), "test", text)
    found = extract_doc(nlp(readable(text)), article, settings)["deals"]  # as the pipeline parses
    return [(d.type, d.actor, d.target) for d in found]


def test_a_misspelt_name_is_the_name_the_article_writes():
    names = ["Harrow Builders", "Quint Mills"]
    text = "Harrow Builders and Quint Mills. " * 2  # the names as the article writes them
    assert respelled("Harrow Buildiers", names, text) == "Harrow Builders"  # a letter added
    assert respelled("Harrow Bulders", names, text) == "Harrow Builders"  # a letter left out
    assert respelled("Quint Milsl", names, text) == "Quint Milsl"  # a word under six letters
    assert respelled("Harrow Holdings", names, text) == "Harrow Holdings"  # another word
    assert respelled("Narrow Buildiers", names, text) == "Narrow Buildiers"  # two words differ
    # the spelling the article writes more often stands, whichever is tagged
    text = "Harrow Builders said ... Harrow Buildiers ... Harrow Buildiers shares."
    assert respelled("Harrow Buildiers", names, text) == "Harrow Buildiers"


def test_titles_are_no_part_of_a_name():
    assert person_title("chairman") and person_title("dr.") and person_title("analyst")
    assert not person_title("glass")


def test_a_company_named_after_and_its(nlp):
    doc = nlp("Ortega said it agreed to the sale of its Dayton plant and its Pell and K Wire Corp.")
    plant = next(t for t in doc if t.text == "plant")
    assert _named_after(plant) == "Pell and K Wire"
    doc = nlp("Ortega sold its Dayton plant and Bexley Corp's stake in it.")
    plant = next(t for t in doc if t.text == "plant")
    assert _named_after(plant) == ""  # an owner of what follows, not a business sold


def _tagged(doc, names: dict[str, tuple[str, str]]):
    """Entity spans and rows as `Parties` indexes them, for the given names -> (label,
    canonical)."""
    spans, rows_at = {}, {}
    for text, (label, canonical) in names.items():
        start = doc.text.index(text)
        span = doc.char_span(start, start + len(text))
        for tok in span:
            spans[tok.i] = span
            rows_at[tok.i] = SimpleNamespace(label=label, canonical=canonical, kb_id="")
    return spans, rows_at


def test_a_name_opening_on_a_possessive(nlp):
    doc = nlp("Trader's Pick Capital Inc said it would buy Gumtech Inc. Trader's Pick will pay.")
    tags = {"Trader": ("ORG", "Trader"), "Pick Capital Inc": ("ORG", "Pick Capital")}
    found = possessive_names(*_tagged(doc, tags), people=[])
    assert found == {"Pick Capital": "Trader's Pick Capital", "Trader": "Trader's Pick Capital"}
    # an owner the article names on its own too: "Velmar's" unit, not a name
    doc = nlp("Velmar's Osprey Tools Corp said it bought Kessel Co. Velmar owns several firms.")
    tags = {"Velmar": ("ORG", "Velmar"), "Osprey Tools Corp": ("ORG", "Osprey Tools")}
    assert possessive_names(*_tagged(doc, tags), people=[]) == {}
    # a person's possessive is the owner's
    doc = nlp("Hobart's Osprey Tools Corp said it bought Kessel Co.")
    tags = {"Osprey Tools Corp": ("ORG", "Osprey Tools")}
    assert possessive_names(*_tagged(doc, tags), people=["Ann Hobart"]) == {}


def test_a_body_named_later_by_an_apposition(nlp, settings):
    text = (
        "Ruritania's central bank said it bought a 40 pct stake in Hollin Trust Bank. The "
        "central bank, Bank Ruritana, said it would sell the shares later."
    )
    assert rows(nlp, settings, text)[0] == ("stake", "Bank Ruritana", "Hollin Trust Bank")


def test_a_company_name_whose_end_the_model_took_for_a_person(nlp, settings):
    text = "Harlow Glass Works said it completed its acquisition of Vinton Laboratories Corp."
    assert rows(nlp, settings, text) == [
        ("acquisition", "Harlow Glass Works", "Vinton Laboratories")
    ]


def test_a_name_in_lower_case_wire_copy(nlp):
    doc = nlp("Vexa said it received an offer from Pacton world airlines to buy the airline.")
    airlines = next(t for t in doc if t.text == "airlines")
    assert written_low(airlines, {}) == "Pacton World Airlines"
    doc = nlp("Vexa said it received an offer from the airlines to buy it.")
    assert written_low(next(t for t in doc if t.text == "airlines"), {}) == ""


def test_a_name_before_a_participle_names_the_noun_after_it(nlp):
    doc = nlp("The bid by the Carl Denning-led Pacton Air was rejected.")
    denning = next(t for t in doc if t.text == "Denning")
    noun = led_by(denning, None)
    assert noun is not None and noun.text in ("Pacton", "Air")


def test_an_owners_possessive_is_cut_off_a_name():
    firms = {"Harlow Partners"}
    assert without_owner("Harlow Partners' Quill Holdings", [], firms) == "Quill Holdings"
    assert without_owner("Hanley's Quill Holdings", [], firms) == "Hanley's Quill Holdings"


def test_a_hyphenated_name_the_parser_split_stays_whole(nlp, settings):
    """The parser may leave "Multi-Step" as three subjects; the name is the whole word."""
    text = (
        "Tri-Lane Products Inc said it will sell its ladder unit. Tri-Lane earlier said it "
        "agreed to acquire the rest of Carvell Corp it does not own."
    )
    assert ("acquisition", "Tri-Lane Products", "Carvell") in rows(nlp, settings, text)
