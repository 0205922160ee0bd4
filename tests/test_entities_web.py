"""The tidying passes of the entities stage for web-page prose (stages/entities/tidy.py, and
spans.joined_runs), on our own sentences, with hand-made mentions standing for the model's."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from extract.furniture import kept_furniture
from extract.stages.entities.mention import Mention
from extract.stages.entities.names import make_consistent
from extract.stages.entities.spans import joined_runs
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


def test_names_written_in_two_forms_share_one_canonical_name() -> None:
    text = (
        "Omar Ruiz, CEO of Quillon AI, spoke. Ruiz says Quillon.ai works with Dana Q. Holt. "
        "Dana Holt agreed. The United States Coastal Survey Agency (CSA) wrote to Ada and "
        "Ben Farrow. The CSA said so."
    )
    mentions = [
        _at(text, "Omar Ruiz", "PERSON"),
        _at(text, "Quillon AI", "ORG"),
        _at(text, "Quillon.ai", "ORG"),
        _at(text, "Dana Q. Holt", "PERSON"),
        _at(text, "Dana Holt", "PERSON"),
        _at(text, "United States Coastal Survey Agency", "ORG"),
        _at(text, "Ada", "PERSON"),
        _at(text, "Ben Farrow", "PERSON"),
        _at(text, "CSA", "ORG", nth=1),
    ]
    out = {text[m.start : m.end]: m.canonical for m in tidy_labels(_doc(text), mentions)}
    assert out["Quillon.ai"] == "Quillon AI"
    assert out["Dana Q. Holt"] == "Dana Holt"
    assert out["Ada"] == "Ada Farrow"
    assert out["CSA"] == "United States Coastal Survey Agency"


def test_a_name_cut_inside_a_longer_name_takes_the_rest() -> None:
    text = (
        "Fans of Trinidad and Tobago met at the Spanish Town Hospital and at Boston's U.S. "
        "District Court, while the German Foreign Ministry spoke."
    )
    mentions = [
        _at(text, "Trinidad", "PERSON"),
        _at(text, "Tobago", "PERSON"),
        _at(text, "Spanish", "NORP"),
        _at(text, "Boston", "GPE"),
        _at(text, "U.S.", "GPE"),
        _at(text, "District Court", "ORG"),
        _at(text, "German", "NORP"),
        _at(text, "Foreign Ministry", "ORG"),
    ]
    assert _spans(text, joined_runs(_doc(text), mentions)) == [
        ("Trinidad and Tobago", "GPE"),
        ("Spanish Town Hospital", "ORG"),
        ("Boston", "GPE"),
        ("U.S. District Court", "ORG"),
        ("German", "NORP"),
        ("Foreign Ministry", "ORG"),
    ]


def test_no_entity_from_reader_calls_or_a_closing_list_of_headlines() -> None:
    text = (
        "Harbour pilots in Valmora went on strike on Monday.\n"
        "What do you think? Let us know in the comments or over on our Twitter.\n"
        "- Valmora ferry line adds a night crossing to Port Elling\n"
        "- Quillon AI opens an office in Dunmore next spring"
    )
    spans = kept_furniture(text)
    assert [text[s:e].split()[0] for s, e in spans] == ["What", "-"]
    assert text[spans[-1][1] - 6 :] == "spring"
    kept = text.split("\n")[0] + "\n- Ferries run as usual.\n- Buses too."
    assert kept_furniture(kept) == []
    assert kept_furniture('"Let me know on Twitter what you think," Ana Ruiz said.') == []


def test_title_and_possessive_cut_off_by_the_model_pipeline() -> None:
    import extract

    text = (
        "Police spokesman Superintendent Marlon Dacres said officers were called to the scene. "
        "Supt Dacres said two men were arrested. He said the men posed as members of Mexico's "
        "Sinaloa cartel. Supt Dacres said the investigation continues."
    )
    rows = extract.extract_text(text).entities
    found = set(zip(rows.text, rows.label, rows.canonical, strict=True))
    assert ("Marlon Dacres", "PERSON", "Marlon Dacres") in found
    assert ("Dacres", "PERSON", "Marlon Dacres") in found
    assert ("Mexico", "GPE", "Mexico") in found
    assert not any("Sinaloa" in t and "Mexico" in t for t in rows.text)


def test_a_firm_s_name_goes_on_past_the_model_s_cut() -> None:
    pair = "Zephyra Hotels and Resorts has sites in three states."
    owned = "Bread came from Talbury's Bakes and Cakes on Monday."
    capitals = "Residents told the HARBOUR NEWS they had heard shots."
    assert _spans(
        pair,
        joined_runs(
            _doc(pair), [_at(pair, "Zephyra Hotels", "ORG"), _at(pair, "Resorts", "PERSON")]
        ),
    ) == [("Zephyra Hotels and Resorts", "ORG")]
    assert _spans(
        owned,
        joined_runs(
            _doc(owned), [_at(owned, "Talbury", "PERSON"), _at(owned, "Bakes and Cakes", "ORG")]
        ),
    ) == [("Talbury's Bakes and Cakes", "ORG")]
    assert _spans(capitals, joined_runs(_doc(capitals), [_at(capitals, "HARBOUR", "ORG")])) == [
        ("HARBOUR NEWS", "ORG")
    ]


def test_a_short_form_of_a_body_s_name_links_to_it() -> None:
    text = "Fans of the Caribbean Netball League cheered. The Netball League starts in June."
    mentions = [
        _at(text, "Caribbean Netball League", "ORG"),
        _at(text, "Netball League", "ORG", nth=1),
    ]
    out = tidy_labels(_doc(text), mentions)
    assert [m.canonical for m in out] == ["Caribbean Netball League"] * 2


def test_a_body_s_first_word_hidden_by_the_sentence_start() -> None:
    import extract

    text = (
        "The man had gunshot wounds. Emergency Medical Services pronounced him dead at the "
        "scene, and EMS staff left."
    )
    rows = extract.extract_text(text).entities
    assert ("Emergency Medical Services", "ORG") in set(zip(rows.text, rows.label, strict=True))


def test_a_surname_two_people_share_links_to_neither_without_a_title() -> None:
    text = "Mia Varga met Tom Varga. The Varga family grieved. Mr Varga spoke."
    mentions = [
        _at(text, "Mia Varga", "PERSON"),
        _at(text, "Tom Varga", "PERSON"),
        _at(text, "Varga", "PERSON", nth=2, canonical="Tom Varga"),
        _at(text, "Varga", "PERSON", nth=3, canonical="Tom Varga"),
    ]
    out = [m.canonical for m in tidy_labels(_doc(text), mentions)]
    assert out == ["Mia Varga", "Tom Varga", "Varga", "Tom Varga"]


def test_a_quoted_name_after_a_body_s_name_is_no_part_of_it() -> None:
    import extract

    text = (
        "The board wants a true Institute for Transportation and Development Policy "
        "‘Gold Standard BRT’ project on the busway."
    )
    rows = extract.extract_text(text).entities
    assert "Institute for Transportation and Development Policy" in set(rows.text)
    assert not any("‘" in t for t in rows.text)


def test_a_firm_s_web_address_and_legal_form_share_its_name() -> None:
    import extract

    text = (
        "Zentrova.com said on Monday it would cut 300 jobs. Zentrova shares fell 4% after the "
        "news. A spokesman said Zentrova Inc. would hire again next year."
    )
    rows = extract.extract_text(text).entities
    assert set(rows.canonical[rows.text.str.startswith("Zentrova")]) == {"Zentrova"}


def test_a_district_and_its_state_are_one_name() -> None:
    text = "He was charged in the Eastern District of Arkansas on Friday."
    mentions = [_at(text, "Eastern District", "LOC"), _at(text, "Arkansas", "GPE")]
    assert _spans(text, joined_runs(_doc(text), mentions)) == [
        ("Eastern District of Arkansas", "LOC")
    ]


def test_a_university_s_campus_is_part_of_its_name() -> None:
    text = (
        "She studies tides at the University of Oregon, Eugene. The University of Leeds, "
        "England, said no."
    )
    mentions = [
        _at(text, "University of Oregon", "ORG"),
        _at(text, "Eugene", "GPE"),
        _at(text, "University of Leeds", "ORG"),
        _at(text, "England", "GPE"),
    ]
    assert _spans(text, joined_runs(_doc(text), mentions)) == [
        ("University of Oregon, Eugene", "ORG"),
        ("University of Leeds", "ORG"),
        ("England", "GPE"),
    ]


def test_a_highway_s_number_makes_the_country_s_name_a_road() -> None:
    road = "Buses will run parallel to US 1. The trust agreed."
    money = "The firm raised US 500 million from investors."
    for text, want in ((road, [("US 1", "FAC")]), (money, [("US", "GPE")])):
        start = text.index("US")
        mentions = [Mention(start, start + 2, "GPE")]
        assert _spans(text, joined_runs(_doc(text), mentions)) == want


def test_a_place_runs_on_to_village_and_a_nationality_to_a_possessive_office() -> None:
    text = "Roads near Dunwoody Village shut, the U.S. Attorney’s Office in Ohio said."
    mentions = [_at(text, "Dunwoody", "GPE"), _at(text, "U.S.", "GPE"), _at(text, "Ohio", "GPE")]
    out = joined_runs(_doc(text), mentions)
    assert ("Dunwoody Village", "GPE") in _spans(text, out)
    assert ("U.S. Attorney’s Office", "ORG") in _spans(text, out)


def test_a_short_name_takes_the_one_longer_name_it_stands_for_everywhere() -> None:
    text = "Delta bought Vestern Airlines. Vestern staff stay. Vestern pilots too. Vestern Street."
    mentions = [
        _at(text, "Vestern Airlines", "ORG"),
        _at(text, "Vestern", "ORG", 1, canonical="Vestern Airlines"),  # resolved to the firm
        _at(text, "Vestern", "ORG", 2),  # left as itself
        _at(text, "Vestern", "GPE", 3),  # another label: another name
    ]
    out = make_consistent(_doc(text), mentions)
    assert [m.canonical for m in out] == ["Vestern Airlines"] * 3 + ["Vestern"]
