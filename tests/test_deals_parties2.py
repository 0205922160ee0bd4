"""Deals: parties of businesses named by their place or their own name, of a stake that
names no company, and of a bid named by its bidder. Sentences written for these tests."""

from __future__ import annotations

from extract.article import Article, content_id
from extract.pipeline import extract_doc


def rows(nlp, settings, text: str) -> list[tuple]:
    article = Article(content_id(text), "test", text)
    found = extract_doc(nlp(text), article, settings)["deals"]
    return [(d.type, d.actor, d.target) for d in found if d.status == "announced"]


def test_a_division_with_a_name_of_its_own_is_the_business_sold(nlp, settings):
    text = (
        "Ardent Steel Corp said it agreed to sell certain assets and equipment of its Carver "
        "Bridge steel service center operations to Melton Inc."
    )
    assert rows(nlp, settings, text) == [("divestment", "Ardent Steel", "Carver Bridge")]


def test_a_place_before_a_unit_is_where_it_is_not_its_name(nlp, settings):
    text = "Ardent Steel Corp said it sold its Dayton steel plate mill to Melton Inc."
    assert rows(nlp, settings, text) == [("divestment", "Ardent Steel", "Melton")]


def test_operations_named_by_their_place_are_their_owners(nlp, settings):
    text = (
        "Alder Packaging Corp said it acquired the Toronto can operations of Brisk Foods Ltd. "
        "Terms were not disclosed."
    )
    assert rows(nlp, settings, text) == [("acquisition", "Alder Packaging", "Brisk Foods")]
    text = (
        "Alder Packaging Corp said it acquired the Hamilton, Ontario, metal container making "
        "operations of Brisk Foods Ltd, a unit of Brisk SA."
    )
    assert rows(nlp, settings, text) == [("acquisition", "Alder Packaging", "Brisk Foods")]


def test_a_stake_naming_no_company_is_in_the_company_the_article_is_about(nlp, settings):
    text = (
        "Halvor Instruments Inc said it will comment later on the offer. Halvor shares "
        "were halted. In January the Pemberly Group said it had a 7.2 pct stake."
    )
    assert rows(nlp, settings, text) == [("stake", "Pemberly", "Halvor Instruments")]
    # a stake with neither a size nor a company is nobody's
    text = "Halvor Instruments Inc said it will comment later. Pemberly Group said it had a stake."
    assert rows(nlp, settings, text) == []


def test_a_bid_for_a_price_only_is_for_the_company_answering_it(nlp, settings):
    text = (
        "Halvor Instruments Inc said it will comment later on today's takeover bid by "
        "Pemberly Group Inc for 31 dlrs a share."
    )
    assert rows(nlp, settings, text) == [("acquisition", "Pemberly", "Halvor Instruments")]
    # the bidder's own bid names no other company
    assert rows(nlp, settings, "Pemberly Group Inc said it made a bid for 31 dlrs a share.") == []


def test_a_price_before_a_bid_keeps_its_owner_the_bidder(nlp, settings):
    text = (
        "Pemberly Group Inc also sought a decision from the judge that its 41 dlr per share "
        "takeover offer for Halvor Instruments Inc would in no way hamper the merger."
    )
    article = Article(content_id(text), "test", text)
    found = extract_doc(nlp(text), article, settings)["deals"]
    assert [(d.type, d.actor, d.target) for d in found] == [
        ("acquisition", "Pemberly", "Halvor Instruments")
    ]


def test_the_maker_of_a_bid_in_the_lead_is_its_bidder(nlp, settings):
    text = (
        "Halvor Instruments Inc said its board met to discuss matters. The company said the "
        "unsolicited bid by Pemberly Group Inc was highly conditional."
    )
    assert rows(nlp, settings, text) == [("acquisition", "Pemberly", "Halvor Instruments")]


def test_the_possibility_of_a_deal_is_no_deal_done(nlp, settings):
    text = (
        "Pemberly Group Inc said it raised the possibility of buying a 35 pct stake in "
        "Halvor Instruments Inc."
    )
    assert rows(nlp, settings, text) == []


def test_a_deal_a_hedged_plan_serves_is_hedged(nlp, settings):
    text = (
        "Halvor Instruments Inc said it had no comment on a report that Carl Dunmore is "
        "considering heading up a consortium to purchase a 30 pct stake in Halvor Instruments."
    )
    assert rows(nlp, settings, text) == []


def test_a_line_of_business_is_the_company_named_by_it(nlp, settings):
    text = (
        "Pellham Savings Bank said it plans to expand. Dorsey Corp, a Dallas retailer, said it "
        "agreed to sell its 15 pct stake in the bank to Carlin Inc."
    )
    assert rows(nlp, settings, text) == [("divestment", "Dorsey", "Pellham Savings Bank")]
    text = (
        "Pellham Bank Corp said it was weighing offers for its units. Dorsey Corp said the "
        "bank agreed to sell its stake in Carlin Inc to Dorsey."
    )
    assert rows(nlp, settings, text) == [("divestment", "Pellham Bank", "Carlin")]


def test_a_count_of_shares_is_a_part_of_the_company_however_its_stock_is_called(nlp, settings):
    text = (
        "Dorsey Corp said it bought 845,300 shares, or roughly 5.8 pct of Pemberly Corp's "
        "outstanding common stock."
    )
    assert rows(nlp, settings, text) == [("stake", "Dorsey", "Pemberly")]


def test_a_group_introduced_unnamed_stays_unnamed(nlp, settings):
    text = (
        "Pemberly Corp said it was told by Carl Dunmore, who speaks for a group of investors, "
        "that the group has bought 845,300 shares, or roughly 5.8 pct of Pemberly's "
        "outstanding common stock."
    )
    assert rows(nlp, settings, text) == [("stake", "", "Pemberly")]


def test_a_holder_named_in_brackets_raising_its_own_stake(nlp, settings):
    # "its stake" is the holder's own, sized on the verb; the holder is the bracketed name
    # after "its largest shareholder", which the parser hung on "said"
    text = (
        "Orvale Inc said its largest shareholder, <Summit Resources Inc>, has lifted its stake "
        "to 11 pct from 9 pct."
    )
    assert rows(nlp, settings, text) == [("stake", "Summit Resources", "Orvale")]


def test_a_company_becoming_a_subsidiary_is_the_reporters(nlp, settings):
    text = "Dorsey Corp said Pemberly Ltd of Hong Kong became a wholly-owned subsidiary on March 7."
    assert rows(nlp, settings, text) == [("acquisition", "Dorsey", "Pemberly")]


def test_the_unit_is_the_company_introduced_as_one(nlp, settings):
    text = (
        "Halvor Group Ltd said it converted a loan to affiliate Pemberly Ltd into common "
        "shares, bringing its stake in the unit to 80 pct."
    )
    assert rows(nlp, settings, text) == [("stake", "Halvor", "Pemberly")]


def test_a_bid_hung_under_its_price_is_for_the_company_after_it(nlp, settings):
    text = (
        "Halvor Acquisition Corp said it started its previously announced 17.40 dlr per share "
        "tender offer for Pemberly Inc's common stock."
    )
    assert rows(nlp, settings, text) == [("acquisition", "Halvor Acquisition", "Pemberly")]


def test_the_owner_of_a_price_before_an_offer_makes_the_offer(nlp, settings):
    text = (
        "Investor Walter Brandt said in a letter that he was unhappy with Delmar Resorts Inc's "
        "reaction to his 26 dlrs a share offer to acquire the company."
    )
    assert rows(nlp, settings, text) == [("acquisition", "Walter Brandt", "Delmar Resorts")]


def test_a_line_of_credit_extended_by_a_new_unit(nlp, settings):
    # the line, not the credit, is what the verb extends; "the new unit" is not its parent
    text = (
        "Dorsey Capital Inc said it formed Dorsey Financial Corp. It said the newly formed unit "
        "has granted a 420,000 dlr secured line of credit to Pemberly Designs Inc."
    )
    article = Article(content_id(text), "test", text)
    found = extract_doc(nlp(text), article, settings)["deals"]
    assert [(d.type, d.actor, d.target, d.amount_value) for d in found] == [
        ("loan", "Dorsey Financial", "Pemberly Designs", 420000.0)
    ]


def test_the_label_of_a_line_of_figures_names_no_party():
    from extract import extract_text

    text = (
        "Qtr ended Jan 31\n    Net 25.3 mln dlrs vs 21.7 mln dlrs\n    Revs 219.1 mln vs 191.7 "
        "mln\n    Note: Revs include investment and other earnings of 8.4 mln\ndlrs "
        "vs 8.5 mln dlrs.\n    Company is wholly owned by Harbor and Mills Corp <HM>.\n"
    )
    assert "Revs" not in {d.actor for d in extract_text(text).deals.itertuples()}


def test_goods_counted_by_a_number_are_no_business(nlp, settings):
    text = "Harbor Mills Inc said its European unit sold 1.5 million trucks in Europe last year."
    assert rows(nlp, settings, text) == []
    # a stake counted by its shares is one
    text = (
        "Dunmore Oil Inc said it has sold its 2,100,000 common share majority holding in "
        "<Keystone Gas Ltd> to an affiliate of <Tarvin Peat Group PLC> for 1.2 mln dlrs in cash."
    )
    assert rows(nlp, settings, text) == [("divestment", "Dunmore Oil", "Keystone Gas")]
    # a business counted by a number is one
    text = "Harbor Mills Inc sold two paper mills in Maine to Dunmore Corp for 40 mln dlrs."
    assert rows(nlp, settings, text) == [("divestment", "Harbor Mills", "Dunmore")]


def test_a_legal_form_alone_names_no_party(nlp, settings):
    # the model cut the name at the bracket: the party is the whole name, never "Ltd"
    text = (
        "Tarvin Equity (Pacific) Ltd, a fund manager based in Singapore, told regulators it had "
        "lifted its stake in Dunmore Co to 9.8 pct."
    )
    assert rows(nlp, settings, text) == [("stake", "Tarvin Equity (Pacific)", "Dunmore")]
