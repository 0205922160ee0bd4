"""Sectors: which industries an article is about, from one documented taxonomy.

The taxonomy (`data/taxonomy.json`, rendered as `docs/taxonomy.md`) gives each sector a stable
slug, a name, NAICS 2022 codes and a lexicon in three tiers: strong terms that name the
industry ("steelmaker"), terms specific to it ("iron ore") and weak, ambiguous terms ("metal")
that only count next to another term of the sector (`taxonomy.py`).

The evidence (`evidence.py`) is the sector's terms used in their sector sense (not inside a
person's or place's name, not in a fixed phrase such as "as well as", not a verb, even one the
parser took for a noun, not inside an organisation's name unless the organisation belongs to
the sector) and the organisations the alias table places in it, which count only next to a
term of their sector. Each piece has a
value, 1 + ln(mentions) with first-paragraph mentions counting LEAD_BOOST times, plus
TITLE_BONUS if the title has it.

Score of a sector (the `score` column): the sum of weight x value over its evidence, with
weights learnt on the Reuters-21578 train split by a logistic regression over the lexicon's
terms (`weights.py`, `data/sector_weights.json`), less a side-mention penalty where the sector
has under half the evidence of the article's leading one. Scores are scaled so that the learnt
threshold is `Settings.min_sector_score` (3.0): a row is reported from 3.0 on.

Promises: one row per sector at most, sorted by score (highest first), `code` the sector's
NAICS codes joined by ", ", `evidence` the counted terms and organisations with their mentions
("steel x5; steelmaker x1"), most frequent first; every word listed is used in its sector sense.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from extract.article import Article
from extract.config import Settings
from extract.stages import Stage
from extract.stages.sectors.evidence import (
    LEAD_BOOST,
    TITLE_BONUS,
    Evidence,
    _tokenizer,
    find_evidence,
)
from extract.stages.sectors.taxonomy import (
    Sector,
    Taxonomy,
    load_taxonomy,
    parse_taxonomy,
    taxonomy_markdown,
)
from extract.stages.sectors.weights import Weights, load_weights

__all__ = [
    "LEAD_BOOST",
    "TITLE_BONUS",
    "Evidence",
    "Sector",
    "SectorScore",
    "Taxonomy",
    "Weights",
    "_tokenizer",
    "find_evidence",
    "extract",
    "load_taxonomy",
    "load_weights",
    "parse_taxonomy",
    "taxonomy_markdown",
]


@dataclass(frozen=True)
class SectorScore:
    doc_id: str
    sector: str  # taxonomy slug, e.g. "steel"
    code: str  # NAICS 2022 code(s), e.g. "3311, 3312"
    score: float
    evidence: str  # "steel x5; steelmaker x1"


def extract(
    doc: Doc, article: Article, settings: Settings, entities: Sequence[Any] = ()
) -> list[SectorScore]:
    """Sector rows for one article, highest score first.

    `entities` are rows of the entities stage (`start`, `end`, `label`, `canonical`): names are
    not evidence, and organisations add the sector the alias table gives them.
    """
    found = find_evidence(doc, article, settings, entities)
    scores = load_weights().scores(found)
    sectors = load_taxonomy().by_slug
    rows = []
    for slug, exact in scores.items():
        value = round(exact, 3)  # compared as shown: a row at the threshold is kept
        if value < settings.min_sector_score or slug not in sectors:
            continue
        items = sorted((-e.mentions, e.term) for e in found if e.sector == slug)
        listed = "; ".join(f"{term} x{-n}" for n, term in items)
        rows.append(SectorScore(article.doc_id, slug, sectors[slug].code, value, listed))
    rows.sort(key=lambda r: (-r.score, r.sector))
    return rows


def _mark(row: Any, text: str) -> list[tuple[int, int, str, str]]:
    """Where the row's evidence terms stand in the text ("steel x5; steelmaker x1": lemmas,
    so plurals are looked for too)."""
    found = []
    for term in filter(None, (re.sub(r"\s+x\d+$", "", t.strip()) for t in row.evidence.split(";"))):
        words = r"\s+".join(map(re.escape, term.split()))
        words = words[:-1] + "(?:y|ies)" if words.endswith("y") else words + "(?:e?s)?"
        for m in re.finditer(rf"(?<!\w){words}(?!\w)", text, re.IGNORECASE):
            found.append((m.start(), m.end(), row.sector, ""))
    return found


STAGE = Stage(
    name="sectors",
    row=SectorScore,
    extract=extract,
    description="the sectors an article is about, from one taxonomy, with their evidence",
    needs=("entities",),
    data=("taxonomy.json", "sector_weights.json", "aliases.csv"),
    scorer="sectors",
    report=("sector", "code", "score", "evidence"),
    mark=_mark,
)
