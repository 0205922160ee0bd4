"""Entities: properties and edges (offsets, doc.ents, any Unicode, user aliases, the seed
article). The example sentences (text -> rows) are in tests/cases/entities.jsonl."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from extract.article import Article
from extract.config import Settings
from extract.evaluate import cases
from extract.stages import entities
from extract.stages.entities.mention import strip_legal


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


# One label per entity from the evidence around it, and names that name nothing dropped:
# (text, rows that must be there as (text, label), mention texts that must not be rows). A row
# may keep a title before the name ("Superintendent Audley Brandt").
EVIDENCE = [
    (
        "Scientists study fast radio bursts from distant galaxies. An FRB emerged from the "
        "source, and the FRB repeated twice, said Dana Whitfield.",
        [("Dana Whitfield", "PERSON")],
        ["FRB"],
    ),
    (
        "Riders want true bus rapid transit. The county promised Gold Standard BRT, and the BRT "
        "line will cross 46 junctions, said Rosa Delgado.",
        [("Rosa Delgado", "PERSON")],
        ["BRT", "Gold Standard BRT"],
    ),
    (
        "This is sad news for people in the Territory, Governor Alan Rusk said. The Territory "
        "will stay calm.",
        [("Alan Rusk", "PERSON")],
        ["Territory"],
    ),
    (
        "Cases are rising because of Omicron BA.2, and Omicron is now the dominant variant "
        "in the region, the agency said.",
        [],
        ["Omicron", "Omicron BA.2"],
    ),
    (
        "The trial was led by Marcus Olander, Ph.D., of Carver University. Judge Helen Brisk "
        "QC sentenced the plumber.",
        [("Marcus Olander", "PERSON"), ("Helen Brisk", "PERSON")],
        ["Ph.D.", "QC"],
    ),
    (
        "Press officer Superintendent Audley Brandt said officers were called to the scene.",
        [("Audley Brandt", "PERSON")],
        [],
    ),
    (
        "Crews closed Dresden Drive and Ellijay Drive after a gas leak, police said.",
        [("Dresden Drive", "FAC"), ("Ellijay Drive", "FAC")],
        [],
    ),
    (
        "The marina would be built at Lake Berryessa in Napa County, and visitors to Lake "
        "Berryessa could rent cabins.",
        [("Lake Berryessa", "LOC")],
        [],
    ),
    (
        "Police charged Jin Park, 30, of Dedham, and Soo Kim, 41, of Cambridge.",
        [("Dedham", "GPE"), ("Jin Park", "PERSON")],
        [],
    ),
    (
        "Trade will top the agenda of the upcoming Summit of the Americas in Miami in May.",
        [("Summit of the Americas", "EVENT")],
        [],
    ),
    (
        "Sasha Lundqvist, who works at Mila, an AI research institute in Montreal, said so.",
        [("Mila", "ORG"), ("Sasha Lundqvist", "PERSON")],
        [],
    ),
    (
        "Chi Okafor, Labour's MP for Newcastle Central, backs the plan, she said.",
        [("Newcastle Central", "GPE")],
        [],
    ),
    (
        "A man was shot dead on Harp Close on Monday, police said.",
        [("Harp Close", "FAC")],
        [],
    ),
    (
        "Police said John Baptiste, better known as “Bigga”, was shot on Friday. Relatives "
        "said Bigga had no enemies.",
        [("Bigga", "PERSON")],
        [],
    ),
    (
        "The boy walked from his house at Maria Lodge, Essequibo Coast to the river.",
        [("Maria Lodge", "GPE")],
        [],
    ),
    (
        "HOUSTON, Texas (KTRK) -- A bakery owner says sales doubled this spring.",
        [("KTRK", "ORG")],
        [],
    ),
    (
        "Lowest prices at a glance. Zentrix has models from Gigabyte, Zotac and Asus. Zentrix "
        "also has bundle deals that include related gear. Kay Ortiz said stock was low.",
        [("Kay Ortiz", "PERSON")],
        ["Zentrix"],
    ),
    (
        "She said she would Google the words at night. You can take the page and Xerox it, "
        "said Ann Lutz.",
        [("Ann Lutz", "PERSON")],
        ["Google", "Xerox"],
    ),
    (
        "He now drives a Peugeot, not a Renault. The season brings a new Rocket Pass.",
        [("Peugeot", "PRODUCT"), ("Renault", "PRODUCT"), ("Rocket Pass", "PRODUCT")],
        [],
    ),
    (
        "Tirell's sister, Inderdai Ramlall told police the boy was missing since Monday.",
        [("Inderdai Ramlall", "PERSON")],
        [],
    ),
    (
        "Prosecutors at the U.S. Attorney’s Office in Boston filed charges on Monday. Leaders "
        "met at the Forum of the Americas in Lima last week.",
        [("U.S. Attorney’s Office", "ORG"), ("Forum of the Americas", "EVENT")],
        ["U.S.", "Americas"],
    ),
    (
        "Even the newest AI systems fail at simple games, and RV parking is scarce, said "
        "Lena Moss.",
        [("Lena Moss", "PERSON")],
        ["AI", "RV"],
    ),
    (
        "Owners can watch the porch through their Ring camera app, said Lu Chen.",
        [("Ring", "ORG")],
        [],
    ),
    (
        "The band signed streaming contracts with Netflix and Spotify last year.",
        [("Netflix", "ORG"), ("Spotify", "ORG")],
        [],
    ),
    (
        "Pre-Builts with fast GPUs\nShops still list pre-built systems with the new cards, "
        "said Omar Diaz.",
        [("Omar Diaz", "PERSON")],
        ["Pre-Builts"],
    ),
    (
        "Agents searched homes in Fairfax and Zorbaville in Virginia on Friday.",
        [("Zorbaville", "GPE")],
        [],
    ),
    (
        "By Kim Lowe: The region cannot ignore the rise in cases, Dr Ana Ruiz said on Monday.",
        [("Ana Ruiz", "PERSON")],
        ["Kim Lowe"],
    ),
]


@pytest.mark.parametrize("text,present,absent", EVIDENCE)
def test_labels_from_evidence(nlp, settings, text, present, absent):
    rows = _rows(nlp, settings, text)
    pairs = {(r.text, r.label) for r in rows}
    for written, label in present:
        assert any(r.text.endswith(written) and r.label == label for r in rows), pairs
    assert not {r.text for r in rows} & set(absent), pairs


def test_nickname_takes_the_person_canonical(nlp, settings):
    text = "Police said John Baptiste, better known as “Bigga”, was shot. Bigga had no enemies."
    nicknames = [r for r in _rows(nlp, settings, text) if r.text == "Bigga"]
    assert nicknames and all(r.canonical == "John Baptiste" for r in nicknames)


def test_quoted_nickname_ending_in_a_given_name_takes_the_person_canonical(nlp, settings):
    text = (
        "Jo Bloggs spent millions on ads. The president mocked the man he calls “Mini Jo.” "
        "Bloggs did not reply."
    )
    nicknames = [r for r in _rows(nlp, settings, text) if r.text == "Mini Jo"]
    assert nicknames and all(r.canonical == "Jo Bloggs" for r in nicknames)


def test_a_poll_named_after_its_publisher_is_no_canonical_of_the_publisher(nlp, settings):
    text = (
        "The debate was hosted by NBC News. Ana Ruiz leads, according to a new NBC News "
        "Swing State Monitor poll."
    )
    rows = _rows(nlp, settings, text)
    assert {r.canonical for r in rows if r.text == "NBC News"} == {"NBC News"}


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Toyota Motor Corp.", "Toyota Motor"),
        ("Malayan Banking Sdn Bhd", "Malayan Banking"),  # a legal form of two words
        ("Westfield Pty. Ltd.", "Westfield"),
        ("Procter & Gamble Co", "Procter & Gamble"),
        ("Lazard Freres & Co", "Lazard Freres & Co"),  # no name ends with "&"
        ("Sdn Bhd", "Sdn Bhd"),  # nothing left: kept whole
    ],
)
def test_canonical_names_lose_their_legal_form(written, canonical):
    assert strip_legal(written) == canonical


@pytest.mark.parametrize(
    "text,firms",
    [
        # the model's piece ends in the legal form; the proper noun before it is the start
        (
            "A group led by Marsden bought Pellator Courier Corp last year.",
            ["Pellator Courier Corp"],
        ),
        # a joiner inside one firm's name
        ("Ridgemont Light and Power Corp raised its rates.", ["Ridgemont Light and Power Corp"]),
        # a number inside the name, the plural "Cos", an acronym before the piece
        ("Tarvin Corp holds 9.4 pct of Vista 2 Imports Inc, it said.", ["Vista 2 Imports Inc"]),
        ("Harwick Cos said it has sold its pipeline unit.", ["Harwick Cos"]),
        ("KD Acquisition Co, a unit of Harwell Corp, said it bought 5 pct.", ["KD Acquisition Co"]),
        # a partner's name and "and Co", initials joined by "and"
        ("Harwell Lynch and Co said it advised the bank.", ["Harwell Lynch and Co"]),
        ("Tarvin Inc bought B and W Electric Supply Co for cash.", ["B and W Electric Supply Co"]),
        # names the model tagged nothing, up to their legal forms
        (
            "It is reviewing <MEPQ Plc> and <Harlan Mining Co> assets.",
            ["MEPQ Plc", "Harlan Mining Co"],
        ),
        # a person's name before an untagged run
        (
            "It sold three stores to Rob Kellan Enterprises Inc, a closeout merchandiser.",
            ["Rob Kellan Enterprises Inc"],
        ),
        # a firm named after its partners, cut at the comma
        ("Kellner, Ruger and Co Inc said it made a bid.", ["Kellner, Ruger and Co Inc"]),
        # a person's name, "and" and a plural noun with its legal form; a person and a firm
        ("Paul Kellan and Partners Ltd said it sold its stake.", ["Paul Kellan and Partners Ltd"]),
        ("The fund bought shares of John Tarvin and Acme Inc last year.", ["Acme Inc"]),
        # two firms: each has its legal form, or the second is a name of its own
        ("Holiday Corp and Comsat Corp agreed to merge.", ["Holiday Corp", "Comsat Corp"]),
        ("Brenner Motors and Kato Group agreed to merge.", ["Brenner Motors", "Kato Group"]),
        (
            "The loan was arranged by First Bank of Dunmore and Tarvin Inc last week.",
            ["First Bank of Dunmore", "Tarvin Inc"],
        ),
    ],
)
def test_firm_name_cut_before_its_legal_form_is_one(nlp, settings, text, firms):
    orgs = {r.text for r in _rows(nlp, settings, text) if r.label == "ORG"}
    assert set(firms) <= orgs, orgs
    assert not [o for o in orgs for f in firms if o != f and o in f], orgs  # no piece left


@pytest.mark.parametrize(
    "text",
    [
        "Kellan Foods Corp said it offered to buy Hartmoor Stores Inc for 41.75 dlrs per share. "
        "Earlier Hartmoor Stores said an outside party had made the offer.",
        "Separately Hartmoor Stores Inc said it would sell its Dayton unit to Kellan Foods.",
    ],
)
def test_a_sentence_opening_adverb_is_no_part_of_a_name(nlp, settings, text):
    """ "Earlier" (tagged a comparative adjective inside the model's name) and "Separately" (an
    untagged word before a reporting verb's subject) open the sentence; neither names anyone."""
    found = _rows(nlp, settings, text)
    assert {r.canonical for r in found if r.text.startswith("Hartmoor")} == {"Hartmoor Stores"}
    assert not [r.text for r in found if r.text.startswith(("Earlier", "Separately"))]


def test_a_role_before_a_full_name_is_no_part_of_it(nlp, settings):
    """ "Financier" opens the model's span; a role word before a given name and a surname is
    the person's role, while a single word after it may be the rest of a name."""
    text = "Financier Hans Brenner, who holds a 12 pct stake in Harlan Co, said he may bid."
    people = {r.text for r in _rows(nlp, settings, text) if r.label == "PERSON"}
    assert people == {"Hans Brenner"}
    text = "Analyst Tom Reeve said Harlan Co was cheap."
    assert {(r.text, r.label) for r in _rows(nlp, settings, text)} >= {("Tom Reeve", "PERSON")}


def test_a_firms_name_ends_at_its_legal_form_before_its_place(nlp, settings):
    """ "of Guernsey" after "Ltd" is where the firm is; "Co of America" is part of a name."""
    text = "Tasmin Holdings Ltd of Guernsey, Channel Islands, said it raised its stake."
    found = {(r.text, r.label) for r in _rows(nlp, settings, text)}
    assert {("Tasmin Holdings Ltd", "ORG"), ("Guernsey", "GPE")} <= found
    text = "Aluminum Co of America said it sold a smelter."
    assert ("Aluminum Co of America", "ORG") in {
        (r.text, r.label) for r in _rows(nlp, settings, text)
    }
