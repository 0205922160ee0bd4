"""Deal frames: trigger constructions of deal reporting, hedges and bars, loans that finance a
deal, a seller's proceeds, and a stake taken before the takeover of the same company.
Sentences written for these tests."""

from __future__ import annotations

from extract.article import Article, content_id
from extract.pipeline import extract_doc, readable
from extract.stages import deals


def run(nlp, settings, text: str) -> list[deals.Deal]:
    article = Article(content_id(text), "test", text)
    return extract_doc(nlp(readable(text)), article, settings)["deals"]  # as the pipeline parses


def announced(rows: list[deals.Deal]) -> list[tuple]:
    """(type, actor, target, amount) of the announced rows, each name by its first word (the
    entities stage may shorten "Norbel Holdings Inc" to "Norbel")."""
    return [
        (d.type, _first(d.actor), _first(d.target), d.amount_value)
        for d in rows
        if d.status == "announced"
    ]


def typed(nlp, settings, text: str) -> list[tuple]:
    """(type, actor, target) of the announced rows, names by their first word."""
    return [row[:3] for row in announced(run(nlp, settings, text))]


def _first(name: str) -> str:
    return name.split()[0] if name else ""


def test_percentage_of_shares_with_company_on_the_verb_is_a_stake(nlp, settings):
    text = "Norbel Holdings said it has bought 35 pct of shares in Quarrow Paper Inc last week."
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("stake", "Norbel", "Quarrow")]


def test_stake_then_takeover_of_same_company_is_one_deal(nlp, settings):
    text = (
        "Norbel Holdings Inc said it has acquired 60 pct of the shares of Quarrow Paper Inc. "
        "Norbel said in January it would acquire Quarrow for 900 mln dlrs."
    )
    rows = announced(run(nlp, settings, text))
    assert len(rows) == 1
    assert rows[0][0] == "stake" and rows[0][3] == 900_000_000


def test_shares_counted_by_number_are_a_stake(nlp, settings):
    text = "Norbel Holdings Inc said it agreed to buy the 450,000 Quarrow Paper common for cash."
    rows = announced(run(nlp, settings, text))
    assert [r[0] for r in rows] == ["stake"]


def test_holding_talks_is_no_stake(nlp, settings):
    text = (
        "Norbel Holdings Inc said it is holding discussions with Quarrow Paper Inc regarding "
        "the purchase of a Quarrow mill in Oregon."
    )
    assert announced(run(nlp, settings, text)) == []


def test_option_to_buy_is_hedged_and_exercised_option_is_not(nlp, settings):
    hedged = "Norbel Holdings Inc said Pell Partners granted it an option to buy Quarrow Paper Inc."
    assert announced(run(nlp, settings, hedged)) == []
    done = "Norbel Holdings Inc said it exercised its option to buy Quarrow Paper Inc."
    rows = announced(run(nlp, settings, done))
    assert [r[:3] for r in rows] == [("acquisition", "Norbel", "Quarrow")]


def test_barred_deal_is_none_but_a_bid_made_stands(nlp, settings):
    barred = (
        "Quarrow Paper Inc said a settlement prohibits Norbel Holdings Inc from seeking to "
        "acquire control of Quarrow."
    )
    assert announced(run(nlp, settings, barred)) == []
    made = (
        "Norbel Holdings Inc said a holder filed a motion to prevent it from completing its "
        "tender offer for Quarrow Paper Inc."
    )
    assert ("acquisition", "Norbel", "Quarrow") in [
        r[:3] for r in announced(run(nlp, settings, made))
    ]


def test_doubt_about_a_rival_leaves_the_bid_made(nlp, settings):
    text = (
        "Analysts do not believe a rival will top the 400 mln dlr bid for Quarrow Paper Inc "
        "by Norbel Holdings Inc."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[0] for r in rows] == ["acquisition"]
    assert rows[0][1] == "Norbel"


def test_financing_received_from_a_bank_is_a_loan(nlp, settings):
    text = (
        "Norbel Holdings Inc said it received financing for the purchase from Harwick "
        "National Bank."
    )
    rows = announced(run(nlp, settings, text))
    assert ("loan", "Harwick", "Norbel") in [r[:3] for r in rows]


def test_money_borrowed_under_a_credit_facility_is_the_spenders_loan(nlp, settings):
    text = (
        "Norbel Holdings Inc said it agreed to buy Quarrow Paper Inc. "
        "Norbel said it would use 80 mln dlrs which would be borrowed from Harwick National "
        "Bank under a credit facility the bank agreed to provide."
    )
    rows = announced(run(nlp, settings, text))
    loans = [r for r in rows if r[0] == "loan"]
    assert loans and loans[0][1] == "Harwick" and loans[0][3] == 80_000_000


def test_seller_receiving_money_values_the_sale(nlp, settings):
    text = (
        "Norbel Holdings Inc said it sold its interest in the Garrow gold mine in Nevada. "
        "The company said it received 6.2 mln dlrs in cash."
    )
    rows = announced(run(nlp, settings, text))
    assert [(r[0], r[3]) for r in rows] == [("divestment", 6_200_000)]


def test_property_conveyed_to_a_city_is_a_sale_to_its_place(nlp, settings):
    text = "Norbel Holdings Inc agreed to convey its warehouse property to the city of Boston."
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("divestment", "Norbel", "Boston")]


def test_interest_in_an_unnamed_company_is_no_deal(nlp, settings):
    text = (
        "Norbel Holdings Inc said it agreed to purchase a 70 pct interest in a private "
        "packaging company it did not name."
    )
    assert announced(run(nlp, settings, text)) == []


def test_deal_in_a_past_year_is_background(nlp, settings):
    from datetime import datetime

    text = (
        "Norbel Holdings Inc said it agreed to buy Quarrow Paper Inc. "
        "Norbel had made an offer for Quarrow when it was sold by Pell Group Inc in 1984."
    )
    article = Article(content_id(text), "test", text, published=datetime(1987, 3, 2))
    rows = announced(extract_doc(nlp(text), article, settings)["deals"])
    assert [r[:3] for r in rows] == [("acquisition", "Norbel", "Quarrow")]


def test_merger_between_it_and_a_name(nlp, settings):
    text = (
        "Norbel Holdings Inc said it will hold a meeting to vote on the merger between it and "
        "Quarrow Paper Inc next Tuesday."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("merger", "Norbel", "Quarrow")]


def test_deal_noun_over_part_of_a_company_is_a_stake(nlp, settings):
    text = (
        "Quarrow Paper Inc said it named two new directors following Norbel Holdings' "
        "acquisition of 64 pct of Quarrow's 3,120,000 shares."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("stake", "Norbel", "Quarrow")]


def test_owner_of_a_price_parsed_as_the_head_is_the_buyer(nlp, settings):
    text = (
        "Quarrow Paper Inc said regulators cleared Norbel Holdings' proposed 41.50 dlr per "
        "share cash acquisition of Quarrow."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("acquisition", "Norbel", "Quarrow")]


def test_offer_naming_its_bidder_before_it_is_made_while_weighed(nlp, settings):
    text = (
        "Quarrow Paper Inc's board met on Monday to consider Norbel Holdings Inc's 720 mln "
        "dlr takeover offer, a Quarrow spokesman said."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("acquisition", "Norbel", "Quarrow")]
    text = "Quarrow Paper Inc said its directors reviewed a Norbel Holdings merger proposal."
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("merger", "Norbel", "Quarrow")]


def test_merger_agreement_with_a_name(nlp, settings):
    text = (
        "Quarrow Paper Inc said two directors stepped down as its merger agreement with "
        "Norbel Holdings Inc requires."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("merger", "Quarrow", "Norbel")]


def test_merger_of_the_two_companies_takes_the_pair_named_above(nlp, settings):
    text = (
        "Norbel Holdings Inc said holders of its stock and those of Quarrow Paper Inc voted "
        "for the planned merger of the two companies on Friday."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("merger", "Norbel", "Quarrow")]
    text = (
        "Norbel Holdings Inc and Quarrow Paper Inc said state regulators cleared their "
        "planned merger on Monday."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("merger", "Norbel", "Quarrow")]


def test_ownership_of_a_company_is_a_stake(nlp, settings):
    text = "Quarrow Paper Inc said Norbel Holdings Inc has acquired majority ownership of Quarrow."
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("stake", "Norbel", "Quarrow")]


def test_unnamed_business_bought_from_a_unit_of_a_name(nlp, settings):
    text = (
        "Norbel Holdings Inc said a subsidiary agreed to acquire a corrugated box business "
        "in Ohio from a unit of Quarrow Paper Inc."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("acquisition", "Norbel", "Quarrow")]


def test_deal_on_a_date_of_a_past_year_is_background(nlp, settings):
    from datetime import datetime

    text = (
        "Norbel Holdings Inc said it agreed to buy Quarrow Paper Inc. "
        "Quarrow's chairman said the company's shares rose 20 pct last year. "
        "Norbel bought Pell Group Inc on March 3, 1985."
    )
    article = Article(content_id(text), "test", text, published=datetime(1987, 3, 2))
    rows = announced(extract_doc(nlp(text), article, settings)["deals"])
    assert [r[:3] for r in rows] == [("acquisition", "Norbel", "Quarrow")]
    assert len(announced(run(nlp, settings, text))) == 2  # undated, the purchase is reported


def test_offer_received_with_its_price_taken_for_the_object(nlp, settings):
    text = (
        "Quarrow Paper Inc said it has received Norbel Holdings Inc's 38 dlrs a share "
        "acquisition proposal and will comment after its board has studied it."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("acquisition", "Norbel", "Quarrow")]


def test_offer_reviewed_names_its_receiver_in_a_relative_clause(nlp, settings):
    text = (
        "Quarrow Paper Inc said its directors met on Tuesday to review the takeover proposal "
        "which the company received from Norbel Holdings Inc."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("acquisition", "Norbel", "Quarrow")]


def test_offer_launched_by_a_bidder_stands_whatever_is_asked_of_it(nlp, settings):
    text = (
        "Quarrow Paper Inc said it is urging holders to take no action on the "
        "31-dlr-per-share cash tender offer for all its stock launched on Monday by Norbel "
        "Holdings Inc."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("acquisition", "Norbel", "Quarrow")]


def test_investment_sold_is_a_stake_sold(nlp, settings):
    text = (
        "Norbel Holdings Inc said it will sell its investment in Quarrow Paper Inc to Pell Group."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("divestment", "Norbel", "Quarrow")]


def test_hedge_of_a_clause_the_deal_only_causes_leaves_it_announced(nlp, settings):
    text = (
        "Pell Ratings said it may downgrade the debt of Quarrow Paper Inc because of "
        "Quarrow's agreement to be acquired by Norbel Holdings Inc."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("acquisition", "Norbel", "Quarrow")]


def test_proposed_merger_weighed_is_one_already_proposed(nlp, settings):
    text = (
        "Quarrow Paper Inc said its board is studying a proposed merger with Norbel Holdings Inc."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("merger", "Quarrow", "Norbel")]
    text = "Quarrow Paper Inc said its board is studying a merger with Norbel Holdings Inc."
    assert announced(run(nlp, settings, text)) == []


def test_shares_of_a_named_series_of_shares_are_a_stake(nlp, settings):
    text = (
        "Pell Group said the charge was due to its loan. It gave no other details. "
        "Pell Group also said Norbel Holdings Inc holds about two mln shares of Quarrow "
        "Paper Inc's 9 pct series two cumulative convertible preferred shares."
    )
    rows = announced(run(nlp, settings, text))
    assert [r[:3] for r in rows] == [("stake", "Norbel", "Quarrow")]


def test_a_joint_venture_described_is_no_new_one(nlp, settings):
    """A joint venture named in apposition to a company that is there already is no deal; one
    formed is."""
    text = "Larkin Corp said Velora Networks, its joint venture with Dovecote Inc, earned more."
    assert announced(run(nlp, settings, text)) == []
    text = (
        "Larkin Corp and Dovecote Inc said they closed the sale to Dovecote of Larkin's 50 pct "
        "interest in Velora Networks, their joint venture that sells hotel video."
    )
    assert [row[0] for row in announced(run(nlp, settings, text))] == ["divestment"]
    text = "Larkin Corp and Dovecote Inc formed Velora Networks, a joint venture to sell video."
    assert announced(run(nlp, settings, text)) == [("joint_venture", "Larkin", "Dovecote", None)]


def test_the_deal_noun_a_purchase_hangs_from_gives_its_value_and_buyer(nlp, settings):
    """The amount on "deal" is the value of the purchase its clause tells, and the one who
    signed the deal buys (the parser may take "to acquire" for a relative clause)."""
    for text in (
        "The proposed 640 mln dlr deal under which Harlan Corp would acquire Benton Mills Inc "
        "was praised by analysts.",
        "Harlan Corp signed a 640 mln dlr deal to acquire Benton Mills Inc.",
    ):
        assert announced(run(nlp, settings, text)) == [
            ("acquisition", "Harlan", "Benton", 640_000_000.0)
        ], text


def test_an_investor_group_raising_its_stake_raises_no_money(nlp, settings):
    """ "investor" names who raises the stake, not money raised from investors: one stake."""
    text = (
        "Wexler's investor group recently raised its Harlan stake to 1,210,000 shares, or 12.1 "
        "pct, after buying 40,000 shares for 4.1 mln dlrs."
    )
    assert typed(nlp, settings, text) == [("stake", "Wexler", "Harlan")]
    text = "Pellworth Inc raised 45 mln dlrs in a Series B round led by Osgood Ventures."
    assert announced(run(nlp, settings, text)) == [
        ("investment", "Osgood", "Pellworth", 45_000_000.0)
    ]


def test_an_offer_for_each_of_a_companys_shares_is_for_the_company(nlp, settings):
    """ "each of X's 9.2 mln shares" counts all of them: a takeover, not a stake."""
    text = "Norvel Capital offered 145 dlrs for each of Harlan Broadcasting's 9.2 mln shares."
    assert typed(nlp, settings, text) == [("acquisition", "Norvel", "Harlan")]


def test_a_tender_offer_for_a_count_of_shares_is_a_takeover_bid(nlp, settings):
    """A count of shares sizes a bid to the public; a percentage below control is a stake."""
    text = (
        "Norvel Capital said it began a cash tender offer for as many as 2,400,000 shares of "
        "Tasman Inc at 4.10 dlrs a share."
    )
    assert typed(nlp, settings, text) == [("acquisition", "Norvel", "Tasman")]
    text = "Norvel Capital made an offer for 49 pct of Tasman Inc."
    assert typed(nlp, settings, text) == [("stake", "Norvel", "Tasman")]


def test_shares_named_by_their_company_stay_its_shares(nlp, settings):
    """ "1.8 mln Corvo shares, or 8.4 pct of the total outstanding": the percentage's "of"
    names no company; the shares' own name does, and the count makes a stake."""
    text = (
        "Harlan Air had acquired 1.8 mln Corvo shares, or 8.4 pct of the total outstanding, "
        "from Dunmore Corp for 121 mln dlrs, it said."
    )
    assert announced(run(nlp, settings, text)) == [("stake", "Harlan", "Corvo", 121_000_000.0)]


def test_two_named_units_sold_are_two_divestments(nlp, settings):
    text = (
        "Harlan Oil Co said it sold its Pell Research Institute unit and its Corvo Seed Co "
        "operations in two transactions."
    )
    assert typed(nlp, settings, text) == [
        ("divestment", "Harlan", "Pell"),
        ("divestment", "Harlan", "Corvo"),
    ]


def test_sale_with_no_seller_named_is_the_buyers_purchase(nlp, settings):
    """ "the sale of X to Y" with no seller named is Y's purchase of X; a seller named keeps
    the divestment."""
    unnamed = "Senators voiced doubts about the sale of Pellmore Optics Inc to Garvan Ltd."
    assert typed(nlp, settings, unnamed) == [("acquisition", "Garvan", "Pellmore")]
    named = "Dexwell Corp's sale of Pellmore Optics Inc to Garvan Ltd. faces a review."
    assert typed(nlp, settings, named) == [("divestment", "Dexwell", "Pellmore")]


def test_offer_for_shares_hung_on_the_verb_made_while_contested(nlp, settings):
    """ "for Y" right after a bid that the parser hung on the verb is what the bid is for; a
    bid that names its bidder is made whatever others seek to do about it."""
    text = (
        "Garvan Ltd said that Pellmore Fund Inc filed suit seeking to enjoin Garvan's "
        "41 dlr-a-share tender offer for 600,000 Pellmore shares."
    )
    assert typed(nlp, settings, text) == [("acquisition", "Garvan", "Pellmore")]


def test_a_majority_of_shares_is_control(nlp, settings):
    text = "Norbel Holdings bought a majority of Quarrow Paper Inc's shares last week."
    assert typed(nlp, settings, text) == [("acquisition", "Norbel", "Quarrow")]
