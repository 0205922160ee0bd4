from __future__ import annotations

import json
import math
import re

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from extract.article import Article
from extract.stages import amounts

# (news sentence, expected amounts as (text, value, currency[, field=value ...]))
CASES = [
    (
        "Japanese Prime Minister Shigeru Ishiba announced a staggering $1 trillion "
        "investment into the United States.",
        [("$1 trillion", 1e12, "USD", {"currency_inferred": True})],
    ),
    (
        "Vodafone said the disposal would raise USD34.6m, less than analysts had expected.",
        [("USD34.6m", 34.6e6, "USD", {"currency_inferred": False})],
    ),
    (
        "Chelsea agreed to pay GBP 27 million for the midfielder, the club said.",
        [("GBP 27 million", 27e6, "GBP")],
    ),
    (
        "The regulator upheld a fine of 27 million GBP on Tuesday.",
        [("27 million GBP", 27e6, "GBP")],
    ),
    (
        "Toyota expects an operating profit of 4.3 trillion yen for the year to March.",
        [("4.3 trillion yen", 4.3e12, "JPY")],
    ),
    (
        "Brussels approved 1.5 billion euros in state aid for the chipmaker.",
        [("1.5 billion euros", 1.5e9, "EUR")],
    ),
    (
        "The Treasury will issue 5 billion pounds sterling of green gilts.",
        [("5 billion pounds sterling", 5e9, "GBP", {"currency_inferred": False})],
    ),
    (
        "Reliance Industries raised Rs 500 crore through non-convertible debentures.",
        [("Rs 500 crore", 5e9, "INR", {"currency_inferred": True})],
    ),
    ("The Bengaluru startup raised ₹35 lakh in seed funding.", [("₹35 lakh", 3.5e6, "INR")]),
    (
        "Shares of the company fell 12 cents to $4.25 in New York trading.",
        [("12 cents", 0.12, "USD"), ("$4.25", 4.25, "USD")],
    ),
    (
        "HSBC earned HK$12.5bn in the first half, up from HK$9.9bn a year earlier.",
        [("HK$12.5bn", 12.5e9, "HKD"), ("HK$9.9bn", 9.9e9, "HKD")],
    ),
    (
        "Barrick paid C$1.5 billion (US$1.1 billion) for the stake.",
        [("C$1.5 billion", 1.5e9, "CAD"), ("US$1.1 billion", 1.1e9, "USD")],
    ),
    ("Samsung plans to invest ₩10 trillion in chip plants.", [("₩10 trillion", 1e13, "KRW")]),
    ("Brent crude rose to $80 per barrel.", [("$80", 80.0, "USD", {"per": "barrel"})]),
    (
        "The offer values the retailer at $5 a share, or about $2 billion.",
        [("$5", 5.0, "USD", {"per": "share"}), ("$2 billion", 2e9, "USD", {"qualifier": "about"})],
    ),
    (
        "The project will cost between $5 and $10 million, the council said.",
        [("$5 and $10 million", 5e6, "USD", {"value_high": 1e7})],
    ),
    (
        "Analysts expect a $2-3 billion writedown at the unit.",
        [("$2-3 billion", 2e9, "USD", {"value_high": 3e9})],
    ),
    (
        "Wheat was offered at 85 to 89 dlrs per tonne FOB.",
        [("85 to 89 dlrs", 85.0, "USD", {"value_high": 89.0, "per": "tonne"})],
    ),
    ("The company posted a loss of $5m in the quarter.", [("$5m", 5e6, "USD")]),
    ("Net cash flow was -$5m in the period.", [("-$5m", -5e6, "USD")]),
    (
        "The film has taken more than $247 million at the box office.",
        [("$247 million", 247e6, "USD", {"qualifier": "more than"})],
    ),
    (
        "Japan could invest up to $1 trillion, officials said.",
        [("$1 trillion", 1e12, "USD", {"qualifier": "up to"})],
    ),
    (
        "Critics say the plan will cost one trillion dollars over a decade.",
        [("one trillion dollars", 1e12, "USD")],
    ),
    (
        "The bank set aside half a billion euros for fines.",
        [("half a billion euros", 5e8, "EUR")],
    ),
    (
        "The painting sold for a quarter of a million pounds at auction.",
        [("a quarter of a million pounds", 2.5e5, "GBP")],
    ),
    ("The fettuccine with mushrooms costs $8.50.", [("$8.50", 8.5, "USD")]),
    (
        "Last year output value broke through 100 billion yuan for the first time.",
        [("100 billion yuan", 1e11, "CNY")],
    ),
    ("In 2003 Bayern loaned €2 million to Dortmund.", [("€2 million", 2e6, "EUR")]),
    ("Orkem is bidding 470p a share for Coates.", [("470p", 4.7, "GBP", {"per": "share"})]),
    (
        "CMP earned 11 mln Canadian dlrs in 1986.",
        [("11 mln Canadian dlrs", 11e6, "CAD", {"currency_inferred": False})],
    ),
    (
        "The board declared a quarterly dividend of 62-1/2 cts a share.",
        [("62-1/2 cts", 0.625, "USD", {"per": "share"})],
    ),
    (
        "The IMF approved a 1.2 billion Swiss franc loan and a 300 mln mark placement.",
        [("1.2 billion Swiss franc", 1.2e9, "CHF"), ("300 mln mark", 3e8, "DEM")],
    ),
    ("Siemens booked orders worth 1.234.567,89 EUR.", [("1.234.567,89 EUR", 1234567.89, "EUR")]),
    ("Der Preis liegt bei 1\u00a0234,56 € pro Monat.", [("1\u00a0234,56 €", 1234.56, "EUR")]),
    (
        "The ticket only cost thirteen dollars and forty-five cents.",
        [("thirteen dollars and forty-five cents", 13.45, "USD")],
    ),
    (
        "It would add about a penny a gallon to prices.",
        [("a penny", 0.01, "USD", {"qualifier": "about", "per": "gallon"})],
    ),
    (
        "Revenue rose 4.8% to $13.18 billion a year earlier.",
        [("$13.18 billion", 13.18e9, "USD", {"per": ""})],
    ),
    ("They paid $20 and 43c for it.", [("$20 and 43c", 20.43, "USD")]),
    (
        "The shares are expected to price between 10 dollars and 12 dollars each.",
        [("10 dollars and 12 dollars", 10.0, "USD", {"value_high": 12.0})],
    ),
    (
        "Sun cut its posted price by 1 dlr to 17 dlrs a barrel.",
        [("1 dlr", 1.0, "USD", {"value_high": None}), ("17 dlrs", 17.0, "USD", {"per": "barrel"})],
    ),
    (
        "The price is $100 USD before tax.",
        [("$100 USD", 100.0, "USD", {"currency_inferred": False})],
    ),
    ("the company will raise rs 500 crore .", [("rs 500 crore", 5e9, "INR")]),
    # context decides what "$" means
    (
        "TORONTO, March 3 - Inco Ltd said it will spend $120 million on its Sudbury mine.",
        [("$120 million", 120e6, "CAD", {"currency_inferred": True})],
    ),
    (
        "Canada's government will spend $2 billion on housing. Canadian officials in Ottawa "
        "said the money would flow next year.",
        [("$2 billion", 2e9, "CAD", {"currency_inferred": True})],
    ),
    (
        "The Meat Export Federation got 50,000 dlrs to promote U.S. pork in Japan and "
        "Singapore. Stores in Japan and Singapore will add funding.",
        [("50,000 dlrs", 5e4, "USD", {"currency_inferred": True})],
    ),
    # no money here
    ("The investment primarily targets three key sectors: steel, cars and technology.", []),
    ("The menu offers a mix of local dishes.", []),
    ("The storm moved 5 miles inland overnight.", []),
    ("Sales rose 20 percent in 2025, the company said.", []),
    ("He has lost his pen 7 times since Monday.", []),
    ("All 70 of us went to the match in 1996.", []),
    ("The dollar fell against the yen on Friday.", []),
    ("The team won 3 titles between 2019 and 2021.", []),
    ("The plant processes 2 million pounds of beef a week.", []),
    ("The peso/dollar 1987 target rate was set at 20.80.", []),
    ("Net income for the fourth quarter rose by half to 88 mln.", []),
    ("Sen. Warren said 20 people attended.", []),
    ("Exports to zone 5c (Sub-Saharan Africa) were light.", []),
    ("One yen bond manager said Japanese investors held back.", []),
    ("The linebacker weighed 300 pounds at the combine.", []),
]


def _run(nlp, settings, text: str) -> list[amounts.Amount]:
    return amounts.extract(nlp(text), Article("t", "test", text), settings)


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_amounts(nlp, settings, text, expected):
    found = _run(nlp, settings, text)
    got = [(a.text, a.value, a.currency) for a in found]
    assert [(t, c) for t, _, c, *_ in expected] == [(t, c) for t, _, c in got], got
    for a, (_, value, _, *extra) in zip(found, expected, strict=True):
        assert a.text == text[a.start : a.end]
        assert math.isclose(a.value, value, rel_tol=1e-9)
        for field, want in (extra[0] if extra else {}).items():
            assert getattr(a, field) == want, (a, field)


def test_seed_article_has_one_amount(nlp, settings, seed_text):
    found = amounts.extract(nlp(seed_text), Article("seed", "seed", seed_text), settings)
    assert [(a.text, a.value, a.currency) for a in found] == [("$1 trillion", 1e12, "USD")]


def test_row_columns():
    assert list(amounts.Amount.__dataclass_fields__) == [
        "doc_id", "start", "end", "text", "value", "currency",
        "currency_inferred", "value_high", "qualifier", "per",
    ]  # fmt: skip


def test_written_numbers_from_recognizers(nlp, settings, shared_eval):
    """Whole-input written numbers of the Recognizers number spec, read as dollar amounts."""
    cases = json.loads((shared_eval / "amounts" / "recognizers-number-en.json").read_text())
    words = set(amounts._UNITS) | set(amounts._TENS) | set(amounts._WORD_SCALES) | {"hundred"}
    checked = 0
    for case in cases:
        res = case.get("Results", [])
        toks = re.findall(r"[a-z]+|-|\S", case["Input"].lower())
        whole = len(res) == 1 and res[0]["Start"] == 0 and res[0]["End"] == len(case["Input"]) - 1
        if not whole or not set(toks) <= words | {"and", "a", "-", "half", "quarter", "quarters"}:
            continue
        if not set(toks) & words:
            continue  # a bare fraction ("a half") is not an amount
        text = case["Input"] + " dollars"
        found = _run(nlp, settings, text)
        assert [a.value for a in found] == [float(res[0]["Resolution"]["value"])], text
        checked += 1
    assert checked >= 15


TOKENS = ["$", "5", "1,000", "2.5", "million", "bn", "m", "dollars", "-", "to", "and", "a",
          "share", "USD", "€", "half", "one", "cents", ".", "between", "about", "£", "yen",
          "C$", "per", "barrel", "(", ")", "1/2", "crore", "Rs", "¥"]  # fmt: skip


@hsettings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parts=st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=14),
    seps=st.lists(st.sampled_from(["", " ", "\n", "\u00a0"]), min_size=14, max_size=14),
)
def test_offsets_and_values_hold_on_any_text(nlp, settings, parts, seps):
    text = "".join(p + s for p, s in zip(parts, seps, strict=False))
    for a in _run(nlp, settings, text):
        assert text[a.start : a.end] == a.text
        assert math.isfinite(a.value)
        assert a.value_high is None or math.isfinite(a.value_high)
        assert len(a.currency) == 3
