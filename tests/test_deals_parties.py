"""Deals: each deal once, with both parties named right (issue 20): a company's spokesman
or officer stands for the company, its funds act for it, a group is named by its members, a
bracketed name set after a common noun, one party under two names, a company's unit acting
for it, the stake a seller keeps, a takeover read from both sides, and the dev labelled set's
form. Sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from extract.article import Article, content_id
from extract.evaluate import deals as scorer
from extract.pipeline import extract_doc, readable
from extract.stages import deals
from extract.stages.deals.merge import merge_mentions
from extract.stages.deals.names import commentator, fuller_names, one_party, without_owner

DEV = Path(__file__).parent / "data" / "deals-dev.jsonl"


def rows(nlp, settings, text: str) -> list[tuple]:
    article = Article(content_id(text), "test", text)
    found = extract_doc(nlp(readable(text)), article, settings)["deals"]  # as the pipeline parses
    return [(d.type, d.actor, d.target, d.amount_value) for d in found]


def test_a_company_officer_stands_for_the_company(nlp, settings):
    text = (
        "Corvalis Freight Corp treasurer Helen Marsh said the company hoped to complete its "
        "proposed merger with Denton Rail Co."
    )
    assert rows(nlp, settings, text) == [("merger", "Corvalis Freight", "Denton Rail", None)]
    text = "Trans Midland Airlines chairman Carl Dorrance offered to buy Bayard Air Group."
    assert rows(nlp, settings, text) == [
        ("acquisition", "Trans Midland Airlines", "Bayard Air", None)
    ]


def test_an_analyst_is_no_party(nlp):
    doc = nlp("The bid is too low, said Carla Boone, an analyst at Brisket Securities Inc.")
    boone = next(t for t in doc if t.text == "Boone")
    assert commentator(boone)
    doc = nlp("Carla Boone, a private investor, said she bought 5 pct of Ravel Dairy Co.")
    assert not commentator(next(t for t in doc if t.text == "Boone"))


def test_a_group_named_by_its_members_later(nlp, settings):
    text = (
        "A shareholder group said it raised its stake in Velmont Fund Inc to 12.1 pct. In a "
        "filing, the group, which includes Aldous Capital Partners, said it bought 50,000 shares."
    )
    assert rows(nlp, settings, text) == [("stake", "Aldous Capital Partners", "Velmont Fund", None)]


def test_a_group_named_by_its_leader(nlp, settings):
    text = "Martin Crane, a magazine editor, said a private group he heads bought Pellow Books Inc."
    assert rows(nlp, settings, text) == [("acquisition", "Martin Crane", "Pellow Books", None)]


def test_a_companys_funds_act_for_it(nlp, settings):
    text = "Ostrander Capital Ltd said its funds bought 8.1 pct of Halvern Corp."
    assert rows(nlp, settings, text) == [("stake", "Ostrander Capital", "Halvern", None)]


def test_a_bracketed_name_after_a_common_noun(nlp, settings):
    text = (
        "Harwick Savings Bank said it bought a 49 pct stake in another ailing lender, "
        "<Kestrel Merchant Bank Bhd>, last week."
    )
    [(kind, actor, target, _)] = rows(nlp, settings, text)
    assert (kind, actor) == ("stake", "Harwick Savings Bank")
    assert target.startswith("Kestrel Merchant Bank")


def test_each_of_two_bracketed_names_is_a_target(nlp, settings):
    """Wire copy's brackets around unlisted companies once cut the second name off the phrase."""
    for text in (
        "Marlow Inc said it completed the acquisition of <Tenby Agency Inc> and <Grist Control "
        "Inc>.",
        "Hartwell Corp said it has acquired valve makers <Pellan Oy> and <Brisk Oy>, units of "
        "Finland's Kettu Oy.",
    ):
        targets = {target for _, _, target, _ in rows(nlp, settings, text)}
        assert len(targets) == 2 and all(t.split()[0] in text for t in targets), text
        assert not any(t in ("Tenby", "Grist", "") for t in targets)


def test_a_unit_buying_for_its_parent_is_one_deal(nlp, settings):
    text = (
        "Pryor Minerals Corp said it acquired an 8.2 pct stake in Calder Mining Inc. Pryor said "
        "its Westmark Investments Inc bought the Calder Mining shares for investment purposes."
    )
    assert rows(nlp, settings, text) == [("stake", "Pryor Minerals", "Calder Mining", None)]


def test_the_stake_a_seller_keeps_is_part_of_the_sale(nlp, settings):
    text = (
        "Harwell Bank Co said it agreed to sell 80 pct of its interest in Tamsin Brokers Corp to "
        "Oakridge Holdings PLC. Harwell said it will continue to own 20 pct of Tamsin Brokers "
        "for now."
    )
    assert rows(nlp, settings, text) == [("divestment", "Harwell Bank", "Tamsin Brokers", None)]


def test_a_takeover_read_from_both_sides_is_one_deal(nlp, settings):
    text = (
        "Sorrel Mills Inc said it agreed to buy Quennel Paper Co. Quennel Paper said it agreed "
        "to buy Sorrel Mills."
    )
    assert rows(nlp, settings, text) == [("acquisition", "Sorrel Mills", "Quennel Paper", None)]


def test_a_price_in_number_words_is_no_deal_value(nlp, settings):
    text = (
        "Tallis Steel Corp said it agreed to buy Ardmore Castings Inc. Under the agreement, "
        "Ardmore holders will receive Tallis shares valued at four dlrs."
    )
    assert rows(nlp, settings, text) == [("acquisition", "Tallis Steel", "Ardmore Castings", None)]


def _deal(kind, actor, target, evidence=""):
    return deals.Deal(
        "d", 0, kind, actor, target, None, "", "", "", evidence or f"{actor} {target}", 0, 1
    )


def test_one_party_under_two_names():
    assert one_party("Kodak", "Eastman Kodak")
    assert one_party("TWA", "Trans World Airlines")
    assert one_party("Conagra", "Conagra Inc")
    assert not one_party("Airlines", "Trans World Airlines")  # a word many names end with
    assert not one_party("Group", "Harlow Group")
    assert not one_party("Kodak", "Polaroid")
    assert fuller_names(["Disney", "Walt Disney", "Fidelity"]) == {"Disney": "Walt Disney"}
    merged = merge_mentions(
        [_deal("stake", "Eastman Kodak", "Enzon"), _deal("stake", "Kodak", "Enzon")],
        lambda d: "0-1",
    )
    assert [(d.actor, d.target) for d in merged] == [("Eastman Kodak", "Enzon")]


def test_merging_keeps_distinct_deals_apart():
    def merged(*found):
        return [(d.type, d.actor, d.target) for d in merge_mentions(list(found), lambda d: "0-1")]

    # a stake held and a bid for the same company are two deals
    assert len(merged(_deal("stake", "Acme", "Beta"), _deal("acquisition", "Acme", "Beta"))) == 2
    # swapped parties of two stakes are cross holdings, not one deal
    assert len(merged(_deal("stake", "Acme", "Beta"), _deal("stake", "Beta", "Acme"))) == 2
    # one takeover told from both sides
    assert merged(_deal("acquisition", "Acme", "Beta"), _deal("acquisition", "Beta", "Acme")) == [
        ("acquisition", "Acme", "Beta")
    ]


def test_a_persons_possessive_is_cut_off_a_company_name():
    people = ["Carl Dorrance", "Jane Roe"]
    assert without_owner("Dorrance's Trans Midland Airlines", people) == "Trans Midland Airlines"
    assert without_owner("McKenzie's Restaurants", people) == "McKenzie's Restaurants"


def test_dev_set_is_references_and_labels():
    items = [json.loads(line) for line in DEV.read_text().splitlines()]
    assert len(items) >= 40
    assert all("text" not in i and i["id"] % 5 != 0 for i in items)  # never a held-out id
    assert {d["type"] for i in items for d in i["deals"]} <= set(deals.TYPES)
    held = {json.loads(line).get("id") for line in scorer.heldout_data().read_text().splitlines()}
    assert not held & {i["id"] for i in items}


def test_dev_offsets_start_sentences(shared_eval):
    items = [json.loads(line) for line in DEV.read_text().splitlines()]
    path = shared_eval / "sectors" / "reuters21578-train.jsonl"
    texts = {r["id"]: r["text"] for r in map(json.loads, path.read_text().splitlines())}
    for item in items:
        for at in (at for d in item["deals"] for at in d["at"]):
            assert at == 0 or texts[item["id"]][at - 1].isspace(), (item["id"], at)


def test_joined_targets_are_deals_of_their_own(nlp, settings):
    text = (
        "Marl Savings Bank said it agreed to acquire Corder Financial Corp and Corder Funding "
        "Corp from Vale Bank for undisclosed terms."
    )
    assert rows(nlp, settings, text) == [
        ("acquisition", "Marl Savings Bank", "Corder Financial", None),
        ("acquisition", "Marl Savings Bank", "Corder Funding", None),
    ]
    text = (
        "Enfield said it would boost its 22 pct stake in Denlow Packaging Inc and its interest "
        "in Harbor Pioneer Ltd through open market purchases."
    )
    assert [r[2] for r in rows(nlp, settings, text)] == ["Denlow Packaging", "Harbor Pioneer"]


def test_a_name_hung_on_the_reporting_verb_is_joined_too(nlp, settings):
    text = (
        "Corva Systems Corp said it has acquired the assets of Bellow Data Inc of Salem, Ore., "
        "and Tandem Claims Services Inc, of Reno, Nev., for undisclosed terms."
    )
    found = [(r[1], r[2]) for r in rows(nlp, settings, text)]
    assert found[1:] == [("Corva Systems", "Tandem Claims Services")]


def test_the_sender_of_an_offer_would_buy(nlp, settings):
    text = (
        "Bayard Air Group said it would study an offer it received on Monday from Trans "
        "Midland Airlines to buy Bayard for 52 dlrs cash per share."
    )
    assert [(r[0], r[1], r[2]) for r in rows(nlp, settings, text)] == [
        ("acquisition", "Trans Midland Airlines", "Bayard")
    ]


def test_a_division_named_by_its_place_is_no_name(nlp, settings):
    text = (
        "Baxter Stores Inc will sell the assets and the operations of its Denver Division to "
        "Hollis Inc, the two companies said."
    )
    assert rows(nlp, settings, text) == [("divestment", "Baxter Stores", "Hollis", None)]
    text = "Corman Steel Corp said an investor group offered to buy its Clayburn plate mill."
    found = rows(nlp, settings, text)
    assert [r[2] for r in found] in ([], ["Corman Steel"])  # never "Clayburn"


def test_the_seller_of_the_entire_company_is_no_other_party(nlp, settings):
    text = (
        "Mapes Mineral Co said Monday it signed a letter of intent with Rollalloy Corp for the "
        "sale of its Dayton, Ohio, business. It is part of the company's plan to sell the "
        "entire company."
    )
    assert rows(nlp, settings, text) == [("divestment", "Mapes Mineral", "Rollalloy", None)]


def test_who_asked_for_approval_to_buy(nlp, settings):
    text = (
        "The Justice Department backed a motion by Bayard Group that regulators dismiss an "
        "application by Trans Midland Airlines Inc for permission to take control of Bayard."
    )
    assert [(r[1], r[2]) for r in rows(nlp, settings, text)] == [
        ("Trans Midland Airlines", "Bayard")
    ]


def test_a_buyer_in_wire_brackets_after_the_object(nlp, settings):
    text = (
        "Royal Mining Corp said the company will sell its coal properties\n"
        "to <Kestrel Exploration N.L.> of Perth, Western Australia."
    )
    assert rows(nlp, settings, text) == [
        ("divestment", "Royal Mining", "Kestrel Exploration", None)
    ]


def test_the_owner_of_what_a_regulator_approves_is_the_applicant(nlp, settings):
    text = (
        "Dunmore Financial Corp said state regulators approved its application to acquire "
        "Harbor Bancorp."
    )
    assert rows(nlp, settings, text) == [
        ("acquisition", "Dunmore Financial", "Harbor Bancorp", None)
    ]


def test_all_of_a_company_is_a_purchase(nlp, settings):
    text = "Wexford Holdings Inc said it agreed to buy 100 pct of Linden Forms Inc of Tulsa."
    assert [(r[0], r[2]) for r in rows(nlp, settings, text)] == [("acquisition", "Linden Forms")]


def test_a_takeovers_terms_are_no_stake_of_its_target(nlp, settings):
    text = (
        "Harlow Instruments Inc said it agreed to acquire Tessaly Optics Corp for stock. "
        "Tessaly Optics holders would own about 40 pct of Harlow Instruments after the deal."
    )
    assert rows(nlp, settings, text) == [
        ("acquisition", "Harlow Instruments", "Tessaly Optics", None)
    ]


def test_a_short_name_inside_the_full_name(nlp, settings):
    assert fuller_names(["Allied TRX Mining", "TRX"]) == {"TRX": "Allied TRX Mining"}
    assert fuller_names(["Pellow Books", "Pellow Books Acquiring"]) == {}


def test_a_stake_noun_the_parser_hung_on_the_verb(nlp, settings):
    text = (
        "Corvin Mining Corp will buy a 21 pct stake in Delmar Gold, a family-owned firm, and a "
        "12 pct interest in Ostrow Minerals."
    )
    assert rows(nlp, settings, text) == [
        ("stake", "Corvin Mining", "Delmar Gold", None),
        ("stake", "Corvin Mining", "Ostrow Minerals", None),
    ]
