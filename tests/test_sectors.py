from __future__ import annotations

import dataclasses
import json
import re
from collections import namedtuple
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from extract.article import Article
from extract.config import Settings
from extract.stages import sectors

ROOT = Path(__file__).resolve().parents[1]
EntityRow = namedtuple("EntityRow", "canonical label")

# (title, text, sectors that must be found, sectors that must not be found)
CASES = [
    (
        "Nippon Steel to idle blast furnace as demand slows",
        "Nippon Steel said on Tuesday it would temporarily idle a blast furnace at its Kimitsu "
        "works, as steel demand from Japanese automakers and shipbuilders weakened.",
        {"steel", "automotive"},
        {"semiconductors", "oil_gas"},
    ),
    (
        "TSMC picks Arizona for second chip plant",
        "Taiwan Semiconductor Manufacturing Co, the world's largest contract chipmaker, said it "
        "would build a second factory in Arizona to make advanced chips for Apple and Nvidia.",
        {"semiconductors"},
        {"food_agriculture", "steel"},
    ),
    (
        "Oil prices climb as OPEC+ extends output cuts",
        "Brent crude futures rose 1.2% to $84.60 a barrel after OPEC and its allies agreed to "
        "extend oil production cuts, while U.S. crude inventories fell for a third week.",
        {"oil_gas"},
        {"food_agriculture", "transport_shipping"},
    ),
    (
        "Orsted scales back U.S. offshore wind project",
        "Danish renewable energy company Orsted said it would cut the size of an offshore wind "
        "farm off New Jersey after the cost of turbines and financing rose sharply.",
        {"renewable_energy"},
        {"oil_gas", "banking_finance"},
    ),
    (
        "Ford recalls 1.9 million SUVs",
        "Ford Motor Co is recalling about 1.9 million Explorer sport utility vehicles in the "
        "United States because trim pieces can detach while driving, the automaker said.",
        {"automotive"},
        {"retail", "steel"},
    ),
    (
        "Chicago wheat falls as U.S. harvest advances",
        "Chicago wheat futures slipped to a two-week low as the U.S. winter wheat harvest "
        "advanced, while corn and soybeans firmed on concerns about dry weather in the Midwest.",
        {"food_agriculture"},
        {"oil_gas", "mining"},
    ),
    (
        "Freeport sees copper output rising at Grasberg mine",
        "Freeport-McMoRan said copper production at its Grasberg mine in Indonesia would rise "
        "this year, while gold output would fall as the miner moves to underground operations.",
        {"mining"},
        {"steel", "retail"},
    ),
    (
        "Container freight rates jump as ships avoid Red Sea",
        "Spot freight rates for container shipping between Asia and Europe doubled after major "
        "carriers diverted vessels around the Cape of Good Hope, adding two weeks to voyages and "
        "tying up port capacity.",
        {"transport_shipping"},
        {"food_agriculture", "government"},
    ),
    (
        "U.S. housing starts fall to lowest in a year",
        "U.S. housing starts fell 4.3% in March, the Commerce Department said, as high mortgage "
        "rates weighed on home builders. Building permits for single-family homes also declined.",
        {"real_estate_construction"},
        {"automotive"},
    ),
    (
        "Walmart raises forecast as shoppers seek bargains",
        "Walmart raised its annual forecast after same-store sales rose 4% in the quarter, as "
        "shoppers at the world's largest retailer bought more groceries and household goods.",
        {"retail"},
        {"steel", "mining"},
    ),
    (
        "Pfizer vaccine succeeds in late-stage trial",
        "Pfizer said its experimental RSV vaccine for older adults met the main goal of a "
        "late-stage clinical trial, and the drugmaker plans to seek approval from the FDA.",
        {"pharma_health"},
        {"semiconductors"},
    ),
    (
        "JPMorgan profit beats estimates on investment banking",
        "JPMorgan Chase, the biggest U.S. lender, reported higher quarterly profit as fees from "
        "investment banking rebounded and loan growth held up despite higher interest rates.",
        {"banking_finance"},
        {"pharma_health"},
    ),
    (
        "Allianz sees flood claims of 400 million euros",
        "German insurer Allianz said claims from the floods in central Europe would cost it "
        "about 400 million euros, and its reinsurance cover would absorb part of the loss.",
        {"insurance"},
        {"oil_gas"},
    ),
    (
        "Vodafone to sell towers, invest in 5G and broadband",
        "Vodafone said it would sell a stake in its mobile phone towers and use the proceeds to "
        "expand its 5G network and fibre broadband for homes in Germany and Britain.",
        {"telecoms"},
        {"steel"},
    ),
    (
        "Dow to build new polyethylene plant in Texas",
        "Dow Chemical said it would build a new polyethylene plant on the Gulf Coast to supply "
        "packaging makers, expanding its petrochemical capacity as demand for plastics grows.",
        {"chemicals"},
        {"automotive"},
    ),
    (
        "Boeing deliveries slump as FAA caps 737 output",
        "Boeing delivered 29 commercial jetliners in the first quarter, as the Federal Aviation "
        "Administration capped production of the 737 MAX aircraft after a door panel blew off.",
        {"aerospace_defence"},
        {"pharma_health"},
    ),
    (
        "Microsoft bets on artificial intelligence in the cloud",
        "Microsoft said revenue from its cloud computing business grew 31% as companies paid "
        "for artificial intelligence tools and software built on OpenAI's models.",
        {"software_ai"},
        {"food_agriculture"},
    ),
    (
        "Lumber futures fall as sawmills restart",
        "Lumber futures in Chicago fell to their lowest since June as sawmills in British "
        "Columbia restarted and softwood shipments to the United States picked up.",
        {"forestry_paper"},
        {"steel"},
    ),
    # negatives: news with no industry in it
    (
        "United beat Chelsea in stoppage time",
        "Manchester United beat Chelsea 2-1 at Old Trafford on Sunday, with Marcus Rashford "
        "scoring the winner in the 92nd minute after Cole Palmer had equalised.",
        set(),
        "all",
    ),
    (
        "Snow and freezing rain to hit Midwest",
        "Heavy snow and freezing rain are expected across the Midwest on Tuesday, and "
        "temperatures will stay below freezing until the weekend, the National Weather "
        "Service said.",
        set(),
        "all",
    ),
    # ambiguous words alone are weak evidence
    (
        "",
        "The company will close the plant next year, a spokeswoman said.",
        set(),
        "all",
    ),
    (
        "",
        "The country will need more energy to get through the winter, he told reporters.",
        set(),
        "all",
    ),
    (
        "Blue chips lead Wall Street higher",
        "Blue chips rose on Wall Street as investors shrugged off the latest jobs report.",
        set(),
        {"semiconductors"},
    ),
]


def _run(nlp, settings, title, text, **kw):
    article = Article("t1", "test", text, title)
    return sectors.extract(nlp(text), article, settings, **kw)


@pytest.mark.parametrize(
    "title,text,expected,absent", CASES, ids=[c[0] or c[1][:30] for c in CASES]
)
def test_sectors(nlp, settings, title, text, expected, absent):
    rows = _run(nlp, settings, title, text)
    found = {r.sector for r in rows}
    assert expected <= found, rows
    if absent == "all":
        assert found == expected, rows
    else:
        assert not (absent & found), rows


def test_seed_article(nlp, settings, seed_text):
    doc = nlp(seed_text)
    ents = [EntityRow(e.text, e.label_) for e in doc.ents]
    rows = sectors.extract(doc, Article("seed", "seed", seed_text), settings, entities=ents)
    by_slug = {r.sector: r for r in rows}
    for slug, word in [
        ("steel", "steel"),
        ("automotive", "automotive"),
        ("software_ai", "ai"),
        ("semiconductors", "semiconductor"),
        ("renewable_energy", "renewable energy"),
    ]:
        assert slug in by_slug, rows
        assert word in by_slug[slug].evidence.lower()
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)


def test_evidence_lists_matched_words_with_counts(nlp, settings):
    text = (
        "Steelmakers in Europe cut steel output again in March. Steel prices fell and one "
        "steelmaker closed a steel mill."
    )
    (row,) = [r for r in _run(nlp, settings, "", text) if r.sector == "steel"]
    assert re.fullmatch(r"[^;]+ x\d+(; [^;]+ x\d+)*", row.evidence)
    counts = [int(part.rsplit(" x", 1)[1]) for part in row.evidence.split("; ")]
    assert counts == sorted(counts, reverse=True)
    assert "steel x" in row.evidence and "steelmaker x2" in row.evidence
    assert row.code == "3311, 3312"


def test_organisations_add_their_sector(nlp, settings):
    text = "Toyota said it would recall about 50,000 cars in the United States."
    loose = dataclasses.replace(settings, min_sector_score=0.0)
    without = {r.sector: r for r in _run(nlp, loose, "", text)}
    with_org = {
        r.sector: r for r in _run(nlp, loose, "", text, entities=[EntityRow("Toyota", "ORG")])
    }
    assert with_org["automotive"].score > without["automotive"].score
    assert "Toyota x1" in with_org["automotive"].evidence
    # a person named like a company is not an organisation
    as_person = _run(nlp, loose, "", text, entities=[EntityRow("Toyota", "PERSON")])
    assert "Toyota" not in {r.sector: r for r in as_person}["automotive"].evidence


def test_min_score_threshold(nlp, settings):
    title, text, *_ = CASES[0]
    everything = _run(nlp, dataclasses.replace(settings, min_sector_score=0.0), title, text)
    assert len(everything) > 2
    cut = sorted(r.score for r in everything)[len(everything) // 2]
    kept = _run(nlp, dataclasses.replace(settings, min_sector_score=cut), title, text)
    assert kept == [r for r in everything if r.score >= cut]
    assert _run(nlp, dataclasses.replace(settings, min_sector_score=1e9), title, text) == []


def test_default_threshold_is_the_evaluated_one():
    # chosen on the Reuters train split by `extract eval sectors` (see evaluate/sectors.py)
    assert Settings().min_sector_score == 3.0


def test_taxonomy_is_valid():
    data = json.loads((ROOT / "src" / "extract" / "data" / "taxonomy.json").read_text("utf-8"))
    taxonomy = sectors.parse_taxonomy(data, "taxonomy.json")
    slugs = [s.slug for s in taxonomy.sectors]
    assert len(slugs) == len(set(slugs))
    required = """steel mining oil_gas utilities renewable_energy automotive aerospace_defence
        semiconductors software_ai telecoms banking_finance insurance real_estate_construction
        retail food_agriculture pharma_health transport_shipping media government""".split()
    assert set(required) <= set(slugs)
    for s in taxonomy.sectors:
        assert re.fullmatch(r"[a-z_]+", s.slug)
        assert s.naics and all(re.fullmatch(r"\d{2,6}|\d\d-\d\d", c) for c in s.naics), s.slug
        assert max(s.lexicon.values()) == taxonomy.weights["strong"], f"{s.slug}: no strong term"
    terms = set(taxonomy.term_weights)
    assert not terms & set(taxonomy.ignore)
    topics = [t for s in taxonomy.sectors for t in s.reuters_topics]
    assert len(topics) == len(set(topics))


def test_taxonomy_doc_in_sync():
    assert (ROOT / "docs" / "taxonomy.md").read_text("utf-8") == sectors.taxonomy_markdown()


def test_malformed_taxonomy_is_a_clear_error():
    bad = {
        "weights": {"strong": 3, "terms": 1, "weak": 0.3},
        "sectors": [{"slug": "x", "name": "X"}],
    }
    with pytest.raises(ValueError, match="naics"):
        sectors.parse_taxonomy(bad, "bad.json")


@hsettings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=200), title=st.text(max_size=40))
def test_any_text(nlp, settings, text, title):
    rows = _run(nlp, settings, title, text)
    assert len({r.sector for r in rows}) == len(rows)
    assert all(r.score >= settings.min_sector_score for r in rows)


def test_eval_sectors_runs(shared_eval, settings, capsys):
    from extract.evaluate import sectors as evaluate

    evaluate.main(None, settings, limit=150)
    lines = capsys.readouterr().out.strip().splitlines()
    assert re.fullmatch(r"macro F1: \d\.\d{3}", lines[-1])
    baseline = float(re.search(r"baseline.*macro F1 (\d\.\d+)", "\n".join(lines)).group(1))
    assert float(lines[-1].split()[-1]) > baseline
