"""Deals: the `status` column (announced or proposed), denied deals, a deal reported both ways,
buyers left unnamed, and deals read off the headline. Sentences written for these tests."""

from __future__ import annotations

from extract.article import Article, content_id
from extract.pipeline import extract_doc
from extract.stages import deals
from extract.stages.deals.headline import truecase
from extract.stages.deals.merge import merge_mentions


def rows(nlp, settings, text: str, title: str = "") -> list[tuple[str, str, str, str]]:
    article = Article(content_id(text), "test", text, title)
    found = extract_doc(nlp(text), article, settings)["deals"]
    return [(d.type, d.actor, d.target, d.status) for d in found]


def test_announced_deals(nlp, settings):
    text = "Harbor Mills Inc agreed to buy Dunmore Paper Co for 40 mln dlrs."
    assert rows(nlp, settings, text) == [
        ("acquisition", "Harbor Mills", "Dunmore Paper", "announced")
    ]
    # a bid made to its target
    text = "Dunmore Paper Co said it has made a merger proposal to Harbor Mills Inc."
    assert rows(nlp, settings, text) == [("merger", "Dunmore Paper", "Harbor Mills", "announced")]
    # an offer made is announced, whoever weighs it
    text = "The board of Harbor Mills Inc is studying the tender offer from Dunmore Paper Co."
    assert rows(nlp, settings, text) == [
        ("acquisition", "Dunmore Paper", "Harbor Mills", "announced")
    ]
    # a stake kept is held, not a sale sought
    text = "Harbor Mills Inc said it retained its 20 pct stake in Dunmore Paper Co."
    assert rows(nlp, settings, text) == [("stake", "Harbor Mills", "Dunmore Paper", "announced")]
    # a deal to be completed is made, whatever is said of completing it; a month is no party
    text = (
        "Harbor Mills Inc is seeking bank loans to complete its pending acquisition of Dunmore "
        "Paper Co by June."
    )
    assert rows(nlp, settings, text) == [
        ("acquisition", "Harbor Mills", "Dunmore Paper", "announced")
    ]


def test_proposed_deals(nlp, settings):
    cases = {
        "Harbor Mills Inc said it is in talks to acquire Dunmore Paper Co.": (
            "acquisition", "Harbor Mills", "Dunmore Paper",
        ),
        "Harbor Mills Inc could sell its Dunmore Paper unit to Keystone Corp.": (
            "divestment", "Harbor Mills", "Dunmore Paper",
        ),
        "Harbor Mills Inc is considering selling its stake in Dunmore Paper Co.": (
            "divestment", "Harbor Mills", "Dunmore Paper",
        ),
        # a bank hired to sell: a buyer sought, no sale made
        "Harbor Mills Inc has retained Keystone Bank to sell its stake in Dunmore Paper Co.": (
            "divestment", "Harbor Mills", "Dunmore Paper",
        ),
        # a rejected offer: the subject is its target, the offer is no deal done
        "Harbor Mills Inc said it rejected a takeover offer from Dunmore Paper Co.": (
            "acquisition", "Dunmore Paper", "Harbor Mills",
        ),
        # a deal noun heading a bid its target rejected
        "Harbor Mills Inc received and then rejected a hostile merger offer from Dunmore "
        "Paper Co.": ("merger", "Dunmore Paper", "Harbor Mills"),
        # talks between two named companies that ended
        "Harbor Mills Inc and Dunmore Paper Co ended their merger talks.": (
            "merger", "Harbor Mills", "Dunmore Paper",
        ),
    }  # fmt: skip
    for text, (kind, actor, target) in cases.items():
        assert rows(nlp, settings, text) == [(kind, actor, target, "proposed")], text


def test_denied_and_vague_deals_give_no_row(nlp, settings):
    for text in (
        "Harbor Mills Inc did not buy Dunmore Paper Co.",
        "Harbor Mills Inc denied it would sell Dunmore Paper Co to Keystone Corp.",
        "Harbor Mills Inc refused to sell its stake in Dunmore Paper Co.",
        # a deal only weighed must name what it is about
        "Harbor Mills Inc might sell a few of its older assets next spring.",
    ):
        assert rows(nlp, settings, text) == [], text


def test_reported_both_ways_is_announced(nlp, settings):
    text = (
        "Early on Monday Harbor Mills Inc was in talks to acquire Dunmore Paper Co. "
        "Later on Monday, Harbor Mills Inc said it agreed to acquire Dunmore Paper Co."
    )
    assert rows(nlp, settings, text) == [
        ("acquisition", "Harbor Mills", "Dunmore Paper", "announced")
    ]


def test_merge_keeps_the_most_certain_status():
    def deal(status: str) -> deals.Deal:
        return deals.Deal(
            "d", 0, "acquisition", "Acme", "Beta", None, "", "", "", "Acme Beta", 0, 1,
            status=status,
        )  # fmt: skip

    merged = merge_mentions([deal("proposed"), deal("announced")], lambda d: "0-1")
    assert [d.status for d in merged] == ["announced"]
    merged = merge_mentions([deal("announced"), deal("proposed")], lambda d: "0-1")
    assert [d.status for d in merged] == ["announced"]


def test_unnamed_buyer(nlp, settings):
    text = "A shareholder group said it raised its stake in Harbor Mills Inc to 12 pct."
    assert rows(nlp, settings, text) == [("stake", "", "Harbor Mills", "announced")]
    # a company's own words name no unnamed buyer
    assert rows(nlp, settings, "The company said it bought 5 pct of Dunmore Paper Co.") == []


def test_named_deal_noun(nlp, settings):
    text = "Hanson Trust PLC said it completed the Kaiser purchase on Friday."
    assert rows(nlp, settings, text) == [("acquisition", "Hanson Trust", "Kaiser", "announced")]


def test_truecase():
    body = "Tessaro Industries Inc will sell its whole stake in ChemLawn Corp to Zed."
    assert truecase("TESSARO <TSR> TO SELL CHEMLAWN <CHEM> STAKE", body, frozenset({"sell"})) == (
        "Tessaro to sell ChemLawn stake"
    )
    assert truecase("Already cased", body) == "Already cased"


def test_headline_deal_when_the_body_has_none(nlp, settings):
    body = "Keystone Corp said holders of Dunmore Paper Co approved the agreement on Tuesday."
    title = "KEYSTONE <KEY> TO SELL STAKE IN DUNMORE PAPER"
    article = Article(content_id(body), "test", body, title)
    found = extract_doc(nlp(body), article, settings)["deals"]
    # the headline's parties are named as the body names them
    assert [(d.type, d.actor, d.target, d.status) for d in found] == [
        ("divestment", "Keystone", "Dunmore Paper", "announced")
    ]
    assert body[found[0].start : found[0].end] == found[0].evidence
    # an unnamed business in the headline gives none: the body may name it otherwise
    assert rows(nlp, settings, body, "KEYSTONE <KEY> TO ACQUIRE SERVICE FIRM") == []
    # an earnings headline gives none
    body = "Keystone Corp said its first quarter profit rose 12 pct on higher prices."
    assert rows(nlp, settings, body, "KEYSTONE <KEY> 1ST QTR NET RISES") == []


def amounts(nlp, settings, text: str) -> list[tuple[str, str, str, float | None]]:
    article = Article(content_id(text), "test", text)
    found = extract_doc(nlp(text), article, settings)["deals"]
    return [(d.type, d.actor, d.target, d.amount_value) for d in found]


def test_deal_value_is_the_price_paid(nlp, settings):
    # a figure that describes a party is not what the deal is worth
    for text in (
        "Harbor Mills Inc, with assets of 1.2 billion dlrs, agreed to buy Dunmore Paper Co.",
        "Harbor Mills Inc, which has assets of 1.2 billion dlrs, agreed to buy Dunmore Paper Co.",
    ):
        assert amounts(nlp, settings, text) == [
            ("acquisition", "Harbor Mills", "Dunmore Paper", None)
        ], text
    # a price in stock, written in money, is a value
    text = "Harbor Mills Inc will acquire Dunmore Paper Co for 2.4 mln dlrs of its common stock."
    assert amounts(nlp, settings, text) == [
        ("acquisition", "Harbor Mills", "Dunmore Paper", 2400000.0)
    ]
    # a later sentence that values the deal
    text = (
        "Harbor Mills Inc said it agreed to buy Dunmore Paper Co. "
        "The transaction is valued at about 37.8 mln dlrs."
    )
    assert amounts(nlp, settings, text) == [
        ("acquisition", "Harbor Mills", "Dunmore Paper", 37800000.0)
    ]


def test_what_the_deal_costs_is_its_value(nlp, settings):
    text = (
        "Harbor Mills Inc said it offered to buy Dunmore Paper Co for 34 dlrs a share. "
        "It said the overall cost of closing the merger will come to 190 mln dlrs."
    )
    assert amounts(nlp, settings, text) == [
        ("acquisition", "Harbor Mills", "Dunmore Paper", 190000000.0)
    ]


def test_price_after_a_description_of_the_target(nlp, settings):
    text = (
        "(Harbor Mills Ltd) said it will purchase 50 pct of (Dunmore Paper Inc), a company "
        "which makes paper cups, for three mln dlrs."
    )
    assert amounts(nlp, settings, text) == [("stake", "Harbor Mills", "Dunmore Paper", 3000000.0)]


def test_misspelt_long_trigger_words(nlp, settings):
    for word in ("acquisiton", "acuqisition", "aquisition"):
        text = f"Harbor Mills Inc said it completed the {word} of Dunmore Paper Co."
        assert rows(nlp, settings, text) == [
            ("acquisition", "Harbor Mills", "Dunmore Paper", "announced")
        ], text
    # short words are left alone: too many real words lie one slip away
    assert rows(nlp, settings, "Harbor Mills Inc said the sole of Dunmore Paper Co.") == []


def test_misspelt_leaves_real_words():
    from extract.stages.deals.triggers import misspelt

    assert misspelt("acquisitions") == "acquisition"  # find() skips it: its lemma matches
    assert misspelt("acquisition") == ""
    assert misspelt("investor") == ""


def test_hedged_lead_sentence_is_proposed(nlp, settings):
    from extract.stages.deals.frames import Reader
    from extract.stages.deals.lead import lead_frame

    text = "<Harbor Mills Inc> said it is in talks to acquire <Dunmore Paper Co> of Boston."
    doc = nlp(text)
    found = extract_doc(doc, Article(content_id(text), "test", text), settings)
    reader = Reader(doc, found["entities"], found["amounts"], found["dates"], text)
    frame = lead_frame(reader, next(doc.sents))
    assert frame is not None
    assert (frame.type, frame.actor, frame.target, frame.status) == (
        "acquisition", "Harbor Mills", "Dunmore Paper", "proposed",
    )  # fmt: skip
    text = "<Harbor Mills Inc> said it did not acquire <Dunmore Paper Co> of Boston."
    doc = nlp(text)
    found = extract_doc(doc, Article(content_id(text), "test", text), settings)
    reader = Reader(doc, found["entities"], found["amounts"], found["dates"], text)
    assert lead_frame(reader, next(doc.sents)) is None


def test_bid_read_off_the_shares_it_drew(nlp, settings):
    for text in (
        "Harbor Mills Inc said 4.2 mln of the 5 mln shares of Dunmore Paper Inc were tendered "
        "under its offer, which ran out on Friday.",
        "(Harbor Mills Inc) said 91 pct of Dunmore Paper Ltd's common stock was deposited "
        "under its bid.",
    ):
        assert rows(nlp, settings, text) == [
            ("acquisition", "Harbor Mills", "Dunmore Paper", "announced")
        ], text


def test_percentage_had_is_a_stake(nlp, settings):
    text = "Harbor Mills Inc said it has 6.3 pct of Dunmore Paper Inc's common shares."
    assert rows(nlp, settings, text) == [("stake", "Harbor Mills", "Dunmore Paper", "announced")]
    assert rows(nlp, settings, "Harbor Mills Inc said it does not have 5 pct of Dunmore Inc.") == []
    body = "Harbor Mills Inc told regulators about its holding in Dunmore Paper Inc on Tuesday."
    title = "HARBOR MILLS HAS 6 PCT OF DUNMORE PAPER"
    assert rows(nlp, settings, body, title) == [
        ("stake", "Harbor Mills", "Dunmore Paper", "announced")
    ]


def test_a_plan_of_the_past_is_proposed(nlp, settings):
    text = "Harbor Mills Inc was to acquire Dunmore Paper Co, but the accord collapsed."
    assert rows(nlp, settings, text) == [
        ("acquisition", "Harbor Mills", "Dunmore Paper", "proposed")
    ]
    text = "Harbor Mills Inc is to acquire Dunmore Paper Co."  # a plan of now: announced
    assert rows(nlp, settings, text)[0][3] == "announced"
