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

# Example cases (text -> sectors found and absent) are in tests/cases/sectors.jsonl; the
# properties, the API's edges and the taxonomy file are tested here.
TITLE = "Nippon Steel to idle blast furnace as demand slows"
TEXT = (
    "Nippon Steel said on Tuesday it would temporarily idle a blast furnace at its Kimitsu "
    "works, as steel demand from Japanese automakers and shipbuilders weakened."
)


def _run(nlp, settings, title, text, **kw):
    article = Article("t1", "test", text, title)
    return sectors.extract(nlp(text), article, settings, **kw)


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


def test_title_term_adds_the_bonus(nlp, settings):
    # the title is not part of the Doc: its terms are matched on its own words
    loose = dataclasses.replace(settings, min_sector_score=0.0)
    text = "Prices rose again on Tuesday, traders said."
    (row,) = [r for r in _run(nlp, loose, "Copper hits record high", text) if r.sector == "mining"]
    assert row.evidence == "copper x1"
    assert row.score == sectors.TITLE_BONUS  # a term weighing 1.0, in the title only


def test_min_score_threshold(nlp, settings):
    title, text = TITLE, TEXT
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
