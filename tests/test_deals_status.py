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
