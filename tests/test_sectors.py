from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from extract.article import Article
from extract.config import Settings
from extract.pipeline import extract_doc
from extract.stages import sectors
from extract.stages.sectors import weights

ROOT = Path(__file__).resolve().parents[1]

# Example cases (text -> sectors found and absent) are in tests/cases/sectors.jsonl; the
# properties, the sense rules, the API's edges, the taxonomy and the weights are tested here.


def _evidence(nlp, settings, text, title=""):
    """(sector, term) pairs of an article, with the entities stage run first as in production."""
    article = Article("t1", "test", text, title)
    doc = nlp(text)
    entities = extract_doc(doc, article, settings, until="entities")["entities"]
    return {(e.sector, e.term) for e in sectors.find_evidence(doc, article, settings, entities)}


def _rows(nlp, settings, text, title=""):
    article = Article("t1", "test", text, title)
    doc = nlp(text)
    return extract_doc(doc, article, settings, until="sectors")["sectors"]


def test_seed_article(nlp, settings, seed_text):
    rows = _rows(nlp, settings, seed_text)
    assert [r.sector for r in rows][:2] == ["steel", "automotive"]
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)
    # the technologies named once in passing are evidence, below the reported score
    found = _evidence(nlp, settings, seed_text)
    for pair in [
        ("steel", "steel"),
        ("automotive", "automotive"),
        ("software_ai", "ai"),
        ("semiconductors", "semiconductor"),
        ("renewable_energy", "renewable energy"),
    ]:
        assert pair in found, found
    assert {"software_ai", "semiconductors"}.isdisjoint(r.sector for r in rows)


def test_evidence_lists_matched_words_with_counts(nlp, settings):
    text = (
        "Steelmakers in Europe cut steel output again in March. Steel prices fell and one "
        "steelmaker closed a steel mill."
    )
    (row,) = [r for r in _rows(nlp, settings, text) if r.sector == "steel"]
    assert re.fullmatch(r"[^;]+ x\d+(; [^;]+ x\d+)*", row.evidence)
    counts = [int(part.rsplit(" x", 1)[1]) for part in row.evidence.split("; ")]
    assert counts == sorted(counts, reverse=True)
    assert "steel x" in row.evidence and "steelmaker x2" in row.evidence
    assert row.code == "3311, 3312"


def test_organisations_add_their_sector(nlp, settings):
    found = _evidence(nlp, settings, "Toyota said it would recall about 50,000 cars in Ohio.")
    assert ("automotive", "Toyota") in found


@pytest.mark.parametrize(
    "text, sector, word",
    [
        # inside a person's or a place's name
        (
            "Former president Bill Clinton spoke at the rally in Ohio on Monday.",
            "government",
            "bill",
        ),
        (
            "The resort would be built in the Steel Canyon area of the lake, the county said.",
            "steel",
            "steel",
        ),
        # inside an organisation that is not of the sector
        (
            "The House of Representatives passed the measure on Friday, and the House will vote "
            "again next week.",
            "real_estate_construction",
            "house",
        ),
        (
            "The Senate Agriculture Committee will hold a hearing on the nomination next week.",
            "food_agriculture",
            "agriculture",
        ),
        # a fixed phrase, a function word or a verb form
        (
            "Teachers as well as parents asked the school board to reconsider the plan.",
            "oil_gas",
            "well",
        ),
        ("The dispute fuelled fears of a wider trade war, analysts said.", "oil_gas", "fuel"),
        ("Smugglers planned to ship the cargo through the islands.", "transport_shipping", "ship"),
        # a noun the parser made the verb of its sentence or of an infinitive; a progressive
        # verb; a comparative
        (
            "The electricity needed to power cutting-edge chatbots keeps rising, engineers say.",
            "utilities",
            "power",
        ),
        (
            "The new guidelines state that lenders must check the income of every borrower.",
            "government",
            "state",
        ),
        # a verb of saying after a noun naming a text, parsed like "member states"
        (
            "The court filing states several suppliers took part in the scheme.",
            "government",
            "state",
        ),
        (
            "The city is building a new library next to the station, the mayor said.",
            "real_estate_construction",
            "building",
        ),
        (
            "Migrants left their homes in search of better opportunities in the north.",
            "oil_gas",
            "well",
        ),
        # inside a name that does not read as a firm's or a body's (a video game)
        (
            "Thousands of players joined the new season of Rocket League on Tuesday.",
            "aerospace_defence",
            "rocket",
        ),
        # an ignored phrase
        (
            "Training the model took weeks of computing power and a lot of electricity.",
            "utilities",
            "power",
        ),
        # a weak term alone
        (
            "Firefighters prepared for a long fire season after a dry winter.",
            "food_agriculture",
            "season",
        ),
    ],
)
def test_words_out_of_their_sector_sense_are_no_evidence(nlp, settings, text, sector, word):
    assert (sector, word) not in _evidence(nlp, settings, text)


def test_a_company_alone_is_no_evidence(nlp, settings):
    # the alias table's sector is a fact about the company, not about the article
    text = "Toyota chairman Akio Toyoda will speak about ageing societies at a forum in Davos."
    assert not {e for e in _evidence(nlp, settings, text) if e[0] == "automotive"}
    text = "Toyota said it would build more hybrid cars in Kentucky next year."
    assert ("automotive", "Toyota") in _evidence(nlp, settings, text)


def test_a_side_mention_pays_its_shortfall():
    def item(sector, value):
        return sectors.Evidence(sector, "x", "terms", 1, value)

    lead, half, tenth = item("oil_gas", 10.0), item("steel", 5.0), item("mining", 1.0)
    short = weights.sidelined([lead, half, tenth])
    assert short == {"oil_gas": 0.0, "steel": 0.0, "mining": pytest.approx(0.8)}
    model = weights.Weights({"terms": 1.0}, side={"": 2.0})
    assert model.scores([lead, tenth]) == {"oil_gas": 10.0, "mining": pytest.approx(1.0 - 1.6)}


def test_an_organisation_of_the_sector_keeps_its_words(nlp, settings):
    text = "Bethlehem Steel Corp said it would close two blast furnaces at its Indiana works."
    assert ("steel", "steel") in _evidence(nlp, settings, text)


def test_a_legal_form_without_its_full_stop_reads_as_a_firm(nlp, settings):
    # newswire writes "Co" and "Ltd." as often as "Co." and "Ltd"
    text = "The Acme Chemical Co said it would raise the list price of its resins next quarter."
    assert ("chemicals", "chemical") in _evidence(nlp, settings, text)


def test_an_industry_body_keeps_its_words(nlp, settings):
    text = "The International Cocoa Organization said its council would meet in London next month."
    assert ("food_agriculture", "cocoa") in _evidence(nlp, settings, text)


def test_home_appliances_are_retail_goods(nlp, settings):
    # "appliance" alone is weak; the household kind is a consumer durable sold in shops
    text = "Shipments of major home appliances rose nine pct in March, the trade group said."
    assert ("retail", "home appliance") in _evidence(nlp, settings, text)


def test_a_gerund_naming_an_activity_counts(nlp, settings):
    text = "Drilling activity in the Gulf of Mexico rose for a third week, oil companies said."
    assert ("oil_gas", "drilling") in _evidence(nlp, settings, text)


def test_public_health_is_health_care(nlp, settings):
    text = (
        "Hospitals in the region reported more COVID-19 infections as the vaccination "
        "campaign slowed."
    )
    found = {term for sector, term in _evidence(nlp, settings, text) if sector == "pharma_health"}
    assert {"covid-19", "infection", "vaccination"} <= found


def test_a_weak_term_counts_next_to_a_second_term(nlp, settings):
    text = "The company will close the plant next year, a spokeswoman said."
    assert not {e for e in _evidence(nlp, settings, text) if e[0] == "utilities"}
    text = "The plant will burn less coal and buy more electricity from the grid."
    assert ("utilities", "plant") in _evidence(nlp, settings, text)


def test_public_bodies_are_government(nlp, settings):
    text = "The Senate Agriculture Committee will hold a hearing on the nomination next week."
    found = _evidence(nlp, settings, text)
    assert any(sector == "government" for sector, _ in found)


def test_title_term_adds_the_bonus(nlp, settings):
    # the title is not part of the Doc: its terms are matched on its own words
    text = "Prices at the mine gate rose again on Tuesday, traders said."
    article = Article("t1", "test", text, "Copper hits record high")
    found = {e.term: e for e in sectors.find_evidence(nlp(text), article, settings)}
    assert set(found) == {"copper", "mine"}
    item = found["copper"]
    assert (item.sector, item.mentions, item.value) == ("mining", 1, sectors.TITLE_BONUS)
    loose = dataclasses.replace(settings, min_sector_score=0.0)
    (row,) = sectors.extract(nlp(text), article, loose)
    weight = sectors.load_weights().weight
    assert row.score == round(sum(weight(e) * e.value for e in found.values()), 3)


def test_title_terms_alone_are_no_evidence(nlp, settings):
    # a headline is not parsed: in "Rocket Pass 4 in Rocket League" it cannot tell a name from
    # a word, so its terms count only for a sector the text names too
    text = "Prices rose again on Tuesday, traders said."
    article = Article("t1", "test", text, "Copper hits record high")
    assert sectors.find_evidence(nlp(text), article, settings) == []


def test_min_score_threshold(nlp, settings):
    text = (
        "Nippon Steel said on Tuesday it would temporarily idle a blast furnace at its Kimitsu "
        "works, as steel demand from Japanese automakers and shipbuilders weakened."
    )
    title = "Nippon Steel to idle blast furnace as demand slows"
    article = Article("t1", "test", text, title)

    def run(score):
        return sectors.extract(
            nlp(text), article, dataclasses.replace(settings, min_sector_score=score)
        )

    everything = run(-100.0)  # side mentions score below zero
    assert len(everything) >= 2
    cut = sorted(r.score for r in everything)[len(everything) // 2]
    assert run(cut) == [r for r in everything if r.score >= cut]
    assert run(1e9) == []


def test_default_threshold_is_the_fitted_one():
    # the weights are scaled so that the threshold fitted on Reuters is the default
    assert Settings().min_sector_score == sectors.load_weights().threshold == weights.THRESHOLD


def test_weights_file_matches_the_taxonomy():
    taxonomy = sectors.load_taxonomy()
    fitted = sectors.load_weights()
    assert set(fitted.tiers) == set(weights.PRIORS)
    assert fitted.tiers["strong"] > fitted.tiers["weak"] > 0
    for slug, terms in fitted.terms.items():
        assert set(terms) <= set(taxonomy.by_slug[slug].lexicon), slug
        assert all(w >= 0 for w in terms.values()), slug


def test_fit_learns_which_terms_go_with_a_sector():
    taxonomy = sectors.load_taxonomy()

    def item(term, value=1.0):
        return sectors.Evidence("steel", term, taxonomy.by_slug["steel"].lexicon[term], 1, value)

    # "steelmaker" always comes with a steel article, "metal" as often without one
    evidence = [[item("steelmaker", 2.0), item("metal")]] * 20 + [[item("metal", 2.0)]] * 20
    gold = [{"steel"}] * 20 + [set()] * 20
    fitted = weights.fit(evidence, gold, ["steel"], taxonomy, steps=500)
    assert fitted.terms["steel"]["steelmaker"] > fitted.terms["steel"]["metal"]
    assert fitted.predict(evidence[0]) == {"steel"} and fitted.predict(evidence[-1]) == set()
    assert fitted.threshold == weights.THRESHOLD


def test_fit_weighs_up_a_rare_sector():
    taxonomy = sectors.load_taxonomy()

    def item(slug, term, value):
        return sectors.Evidence(slug, term, taxonomy.by_slug[slug].lexicon[term], 1, value)

    # 60 oil articles, 6 chemicals ones; a chemicals article with one strong term, as often
    # an unlabelled mention: the class weighting makes the rare sector's positives count
    oil = [[item("oil_gas", "crude", 2.0)]] * 60
    chem = [[item("chemicals", "petrochemical", 1.7)]] * 6
    noise = [[item("oil_gas", "crude", 1.0), item("chemicals", "petrochemical", 1.0)]] * 6
    gold = [{"oil_gas"}] * 60 + [{"chemicals"}] * 6 + [{"oil_gas"}] * 6
    scored = ["chemicals", "oil_gas"]
    plain = weights.fit(oil + chem + noise, gold, scored, taxonomy, steps=400, balance=0.0)
    fair = weights.fit(oil + chem + noise, gold, scored, taxonomy, steps=400)
    assert weights.BALANCE > 0
    assert fair.scores(chem[0])["chemicals"] > plain.scores(chem[0])["chemicals"]
    assert "chemicals" in fair.predict(chem[0])
    up = weights._upweight(np.array([[1, 0], [0, 1], [0, 1], [0, 1]], bool), 1.0)
    assert up.tolist() == [3.0, pytest.approx(1 / 3)]


def test_unlabelled_sectors_keep_a_fixed_bar():
    # a sector no label checks is reported from UNLABELLED_BAR values of a strong term,
    # however rare the labelled sectors are (their vocabulary and biases move no such bar)
    taxonomy = sectors.load_taxonomy()

    def item(slug, term, value):
        return sectors.Evidence(slug, term, taxonomy.by_slug[slug].lexicon[term], 1, value)

    oil = [[item("oil_gas", "crude", 2.0)]] * 40
    chem = [[item("chemicals", "petrochemical", 1.7), item("chemicals", "resin", 1.0)]]
    noise = [[item("oil_gas", "crude", 1.0), item("chemicals", "petrochemical", 1.0)]] * 4
    scored = ["chemicals", "oil_gas"]
    bank = next(
        t for t, tier in taxonomy.by_slug["banking_finance"].lexicon.items() if tier == "strong"
    )
    strong = sectors.Evidence("banking_finance", bank, "strong", 1, weights.UNLABELLED_BAR)
    for rare in (3, 12):
        evidence = oil + chem * rare + noise
        gold = [{"oil_gas"}] * 40 + [{"chemicals"}] * rare + [{"oil_gas"}] * 4
        fitted = weights.fit(evidence, gold, scored, taxonomy, steps=300, inner=0)
        assert fitted.tiers["strong"] == round(weights.THRESHOLD / weights.UNLABELLED_BAR, 3)
        assert fitted.tiers["strong"] > fitted.tiers["weak"] > 0
        assert fitted.scores([strong])["banking_finance"] == pytest.approx(3.0, abs=0.01)


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
        assert "strong" in s.lexicon.values(), f"{s.slug}: no strong term"
    terms = set(taxonomy.term_tiers)
    assert not terms & set(taxonomy.ignore)
    topics = [t for s in taxonomy.sectors for t in s.reuters_topics]
    assert len(topics) == len(set(topics))


def test_taxonomy_doc_in_sync():
    assert (ROOT / "docs" / "taxonomy.md").read_text("utf-8") == sectors.taxonomy_markdown()


def test_malformed_taxonomy_is_a_clear_error():
    with pytest.raises(ValueError, match="naics"):
        sectors.parse_taxonomy({"sectors": [{"slug": "x", "name": "X"}]}, "bad.json")


@hsettings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=200), title=st.text(max_size=40))
def test_any_text(nlp, settings, text, title):
    rows = _rows(nlp, settings, text, title)
    assert len({r.sector for r in rows}) == len(rows)
    assert all(r.score >= settings.min_sector_score for r in rows)


def test_eval_sectors_runs(shared_eval, settings, capsys):
    from extract.evaluate import sectors as evaluate

    evaluate.main(None, settings, limit=400)
    lines = capsys.readouterr().out.strip().splitlines()
    assert re.fullmatch(r"macro F1: \d\.\d{3}", lines[-1])
    baseline = float(re.search(r"baseline.*macro F1 lenient (\d\.\d+)", "\n".join(lines)).group(1))
    assert float(lines[-1].split()[-1]) > baseline


def test_a_public_body_named_for_an_industry_counts_beside_the_text(nlp, settings):
    # the council's own word adds to a sector the text names outside names too
    text = "Delegates of the International Tin Council met in London as tin prices fell again."
    article = Article("t1", "test", text, "")
    doc = nlp(text)
    entities = extract_doc(doc, article, settings, until="entities")["entities"]
    found = {(e.sector, e.term): e for e in sectors.find_evidence(doc, article, settings, entities)}
    assert found[("mining", "tin")].mentions == 2
    # alone, it is a public body and no more
    text = "The International Tin Council will meet in London next week, delegates said."
    assert not {e for e in _evidence(nlp, settings, text) if e[0] == "mining"}


@pytest.mark.parametrize(
    "text, sector, word",
    [
        ("Mills in the east processed more crude sugar than last season.", "oil_gas", "crude"),
        ("The group will also sell crude palm oil to refiners in Europe.", "oil_gas", "crude"),
    ],
)
def test_an_adjective_describing_another_sectors_thing_is_no_evidence(
    nlp, settings, text, sector, word
):
    # "crude sugar" is unrefined sugar, not crude oil: the adjective says what the sugar is like
    found = _evidence(nlp, settings, text)
    assert (sector, word) not in found
    assert any(s == "food_agriculture" for s, _ in found)


def test_crude_of_its_own_sector_still_counts(nlp, settings):
    text = "Crude exports fell as the refinery cut runs, the oil ministry said."
    assert ("oil_gas", "crude") in _evidence(nlp, settings, text)


def test_a_term_tagged_as_a_verb_before_its_noun_is_an_adjective(nlp, settings):
    # the tagger may read "seaborne" as a past tense; before its noun it describes the trade
    text = "Global seaborne grain shipments could shrink this decade, a consultancy forecast."
    assert ("transport_shipping", "seaborne") in _evidence(nlp, settings, text)


@pytest.mark.parametrize(
    "text, sector, term",
    [
        (
            "Starts of multi-family units fell 4.1 pct in May while single-family starts rose.",
            "real_estate_construction",
            "multi-family",
        ),
        (
            "The plant will make purified terephthalic acid, a raw material for polyester.",
            "chemicals",
            "terephthalic acid",
        ),
        (
            "The CBI said its survey of the distributive trades showed weaker sales in June.",
            "retail",
            "distributive trade",
        ),
        (
            "The company will close its minimill in Ohio and lay off 300 workers.",
            "steel",
            "minimill",
        ),
    ],
)
def test_trade_vocabulary_of_the_sectors(nlp, settings, text, sector, term):
    # the words a trade's own reports use ("multi-family starts", "distributive trades")
    assert (sector, term) in _evidence(nlp, settings, text)


def test_a_bar_among_equally_good_cuts_sits_in_their_middle():
    # 20 positives at 10..29, 40 negatives at 0 and one at 5: the cut at 5 (one false alarm)
    # is within one article of the best cut, 10; the bar lies between them, not on an edge
    scores = np.array([*range(10, 30), *[0] * 40, 5], float).reshape(-1, 1)
    gold = np.array([True] * 20 + [False] * 41).reshape(-1, 1)
    assert weights.best_threshold(scores, gold) == pytest.approx(7.5)
