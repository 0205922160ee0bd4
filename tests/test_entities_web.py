"""The tidying passes of the entities stage for web-page prose (stages/entities/tidy.py), on
our own sentences, with hand-made mentions standing for the model's."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from extract.stages.entities.mention import Mention
from extract.stages.entities.tidy import tidy_labels, tidy_spans

NLP = spacy.blank("en")


def _doc(text: str) -> Doc:
    return NLP(text)


def _at(text: str, words: str, label: str, nth: int = 0, canonical: str = "") -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Mention(start, start + len(words), label, canonical or words)


def _spans(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.label) for m in mentions]


def test_person_span_ends_at_its_last_capitalised_word() -> None:
    text = "Friends say Lena made Harriet cry at the rehearsal."
    out = tidy_spans(_doc(text), [_at(text, "Harriet cry", "PERSON")])
    assert _spans(text, out) == [("Harriet", "PERSON")]


def test_lower_case_particle_inside_a_name_stays() -> None:
    text = "The painter Anna van Rijn opened a show in Leiden on Sunday."
    out = tidy_spans(_doc(text), [_at(text, "Anna van Rijn", "PERSON")])
    assert _spans(text, out) == [("Anna van Rijn", "PERSON")]


def test_title_the_article_writes_in_lower_case_comes_off() -> None:
    text = "Inspector Marta Quill led the raid, and the inspector said more arrests would follow."
    out = tidy_spans(_doc(text), [_at(text, "Inspector Marta Quill", "PERSON")])
    assert _spans(text, out) == [("Marta Quill", "PERSON")]


def test_two_companies_in_one_span_are_split_where_each_stands_alone() -> None:
    text = "Zorbatech and Microtel both cut prices. Zorbatech led, and Microtel followed."
    mentions = [
        _at(text, "Zorbatech and Microtel", "ORG"),
        _at(text, "Zorbatech", "ORG", 1),
        _at(text, "Microtel", "ORG", 1),
    ]
    out = tidy_spans(_doc(text), mentions)
    assert _spans(text, out)[:2] == [("Zorbatech", "ORG"), ("Microtel", "ORG")]


def test_name_in_capitals_shares_the_ordinary_spelling() -> None:
    text = "DENVER - Police in Denver said two men were held."
    mentions = [_at(text, "DENVER", "GPE"), _at(text, "Denver", "GPE")]
    out = tidy_labels(_doc(text), mentions)
    assert [m.canonical for m in out] == ["Denver", "Denver"]


def test_bracketed_acronym_shares_the_name_it_abbreviates() -> None:
    text = "The Northern Fisheries Board (NFB) closed the bay. NFB inspectors met on Friday."
    mentions = [
        _at(text, "Northern Fisheries Board", "ORG"),
        _at(text, "NFB", "ORG"),
        _at(text, "NFB", "PERSON", 1),
    ]
    out = tidy_labels(_doc(text), mentions)
    assert {(m.label, m.canonical) for m in out} == {("ORG", "Northern Fisheries Board")}


def test_name_followed_by_model_numbers_is_a_product_line() -> None:
    text = "The XR 3080 sold out, the XR 3090 followed, and the XR 3070 is due in May."
    mentions = [_at(text, "XR", "ORG", k) for k in range(3)]
    assert {m.label for m in tidy_labels(_doc(text), mentions)} == {"PRODUCT"}


def test_firm_with_numbered_planes_stays_a_firm() -> None:
    text = "Aerolux 320 jets and Aerolux 350 jets were grounded, Aerolux said on Monday."
    mentions = [_at(text, "Aerolux", "ORG", k) for k in range(3)]
    assert {m.label for m in tidy_labels(_doc(text), mentions)} == {"ORG"}


def test_name_listed_among_companies_is_a_company() -> None:
    text = "Stores carry cards from Zorbatech, Microtel, Quanta and Initech this week."
    mentions = [
        _at(text, "Zorbatech", "PERSON"),
        _at(text, "Microtel", "ORG"),
        _at(text, "Quanta", "ORG"),
        _at(text, "Initech", "ORG"),
    ]
    assert {m.label for m in tidy_labels(_doc(text), mentions)} == {"ORG"}


def test_name_after_a_kinship_noun_is_a_person() -> None:
    text = "She was expecting her son Theodore then. Theodore turns three in May."
    mentions = [_at(text, "Theodore", "ORG"), _at(text, "Theodore", "ORG", 1)]
    assert {m.label for m in tidy_labels(_doc(text), mentions)} == {"PERSON"}


def test_pinned_mentions_keep_their_label() -> None:
    text = "Shipments from Zorbatech, Microtel, Quanta and Peru rose."
    peru = _at(text, "Peru", "GPE")
    peru.pinned = True
    mentions = [_at(text, w, "ORG") for w in ("Zorbatech", "Microtel", "Quanta")] + [peru]
    assert tidy_labels(_doc(text), mentions)[-1].label == "GPE"


def test_acronym_of_a_country_name_is_that_country() -> None:
    text = "Tourism to the TCI rose last year, officials in the TCI said."
    mentions = [_at(text, "TCI", "ORG"), _at(text, "TCI", "ORG", 1)]
    out = tidy_labels(_doc(text), mentions)
    assert {(m.label, m.kb_id) for m in out} == {("GPE", "TC")}


def test_person_span_with_a_digit_names_no_one() -> None:
    text = "The story ran on Page C4 of the Sunday edition."
    out = tidy_spans(_doc(text), [_at(text, "Page C4", "PERSON")])
    assert [m.label for m in out] == [""]
