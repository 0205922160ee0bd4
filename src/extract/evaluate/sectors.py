"""Scores `sectors` against the topic labels of Reuters-21578 (or any JSONL of that format).

Each line is an article with `title`, `text` and `topics`. The taxonomy's `reuters_topics`
fields are the one mapping table from Reuters topics to sector slugs (iron-steel -> steel,
crude/nat-gas/gas/heat/fuel/jet -> oil_gas, ship -> transport_shipping, grain, wheat, sugar,
... -> food_agriculture, gold/copper/alum/... -> mining, housing -> real_estate_construction,
retail -> retail, pet-chem -> chemicals, lumber/plywood -> forestry_paper; docs/taxonomy.md
lists it). Topics outside it (earn, acq, money-fx, interest, trade, gnp, currencies...) say
nothing about industries and are ignored.

Scored: the articles with at least one mapped topic; gold = their mapped sectors. Only the
sectors that some topic maps to are scored, because Reuters never labels the others (an
article about a bank has no "banking" topic), so predicting them is neither right nor wrong
here. Per-sector precision, recall and F1, their macro average (the headline, last line),
a naive baseline (a sector is predicted when a word of its slug, e.g. "steel", "oil", "gas",
appears in the title or text), the rate of scored sectors on articles without a mapped topic
(not all false: Reuters tags an earnings report of a steelmaker `earn`, not `iron-steel`) and
the macro F1 at other thresholds, which is how `Settings.min_sector_score` was chosen.

Each article runs through the production pipeline up to sectors (`pipeline.process`): the
entities stage runs first, so organisations add their sector through the alias table as in a
real run. The 1,735 mapped train articles plus 500 unmapped ones take several minutes on one
core (`--limit N` scores only the first N mapped articles, when run as
`python -m extract.evaluate.sectors`).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import Counter
from pathlib import Path

import spacy

from extract.article import Article
from extract.config import Settings
from extract.evaluate import prf, prf_line, shared_eval_dir
from extract.pipeline import process
from extract.stages import sectors

UNMAPPED_SAMPLE = 500  # articles without a mapped topic, for the false-alarm rate
THRESHOLDS = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0)


def default_data() -> Path:
    return shared_eval_dir() / "sectors" / "reuters21578-train.jsonl"


def topic_map(taxonomy: sectors.Taxonomy) -> dict[str, str]:
    """Reuters topic -> sector slug."""
    return {topic: s.slug for s in taxonomy.sectors for topic in s.reuters_topics}


def main(data: Path | None, settings: Settings, limit: int | None = None) -> None:
    path = data or default_data()
    taxonomy = sectors.load_taxonomy()
    mapping = topic_map(taxonomy)
    scored = sorted(set(mapping.values()))
    records = _read(path)
    mapped = [r for r in records if any(t in mapping for t in r.get("topics", []))]
    unmapped = [r for r in records if not any(t in mapping for t in r.get("topics", []))]
    if limit:
        mapped = mapped[:limit]
    unmapped = unmapped[: min(UNMAPPED_SAMPLE, limit or UNMAPPED_SAMPLE)]
    if not mapped:
        raise ValueError(f"{path}: eval sectors: no article has a topic mapped to a sector")

    everything = dataclasses.replace(settings, min_sector_score=0.0)
    predicted: list[dict[str, float]] = []  # per article: scored sector -> score
    baseline: list[set[str]] = []
    articles = [_article(r, path, i) for i, r in enumerate(mapped + unmapped)]
    tokenize = spacy.blank("en").tokenizer  # the baseline's words, split as the model splits
    results = process(articles, everything, until="sectors")
    for article, result in zip(articles, results, strict=True):
        if result.article.error:
            raise ValueError(f"eval sectors: {result.article.error}")
        rows = result.rows.get("sectors", [])
        predicted.append({r.sector: r.score for r in rows if r.sector in mapping.values()})
        words = {t.lower_ for t in tokenize(article.text)} | set(article.title.lower().split())
        baseline.append({s for s in scored if set(s.split("_")) & words})

    gold = [{mapping[t] for t in r["topics"] if t in mapping} for r in mapped]
    n = len(mapped)
    print(f"{path.name}: {n} articles with a mapped topic, {len(unmapped)} without")
    print(f"naive baseline (slug word in text): macro F1 {_macro(gold, baseline[:n], scored):.3f}")
    print(
        "threshold sweep: "
        + ", ".join(
            f"{t:g}: {_macro(gold, _above(predicted[:n], t), scored):.3f}" for t in THRESHOLDS
        )
    )
    chosen = _above(predicted, settings.min_sector_score)
    alarms = sum(bool(p) for p in chosen[n:])
    if unmapped:
        print(f"articles without a mapped topic given a scored sector: {alarms}/{len(unmapped)}")
    print(f"min score {settings.min_sector_score:g}:")
    counts = _counts(gold, chosen[:n], scored)
    for slug in scored:
        tp, fp, fn = counts[slug]
        print("  " + prf_line(slug.ljust(24), tp, fp, fn))
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    print("  " + prf_line("micro".ljust(24), tp, fp, fn))
    print(f"macro F1: {_macro(gold, chosen[:n], scored):.3f}")


def _read(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ValueError(f"{path}: eval sectors: cannot read ({err.strerror})") from err
    out = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{number}: eval sectors: not JSON ({err.msg})") from err
    return out


def _article(record: dict, path: Path, index: int) -> Article:
    # one doc_id per article: the pipeline gives no rows to a second article with the same id
    doc_id = f"{index}:{record.get('id', '')}"
    title = record.get("title") or ""
    return Article(doc_id, f"{path}:{index + 1}", record.get("text") or "", title)


def _above(predicted: list[dict[str, float]], threshold: float) -> list[set[str]]:
    return [{s for s, score in p.items() if score >= threshold} for p in predicted]


def _counts(
    gold: list[set[str]], guess: list[set[str]], scored: list[str]
) -> dict[str, tuple[int, int, int]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, guess, strict=True):
        tp.update(g & p)
        fp.update(p - g)
        fn.update(g - p)
    return {s: (tp[s], fp[s], fn[s]) for s in scored}


def _macro(gold: list[set[str]], guess: list[set[str]], scored: list[str]) -> float:
    f1s = [prf(*c)[2] for c in _counts(gold, guess, scored).values() if any(c)]
    return sum(f1s) / len(f1s) if f1s else 0.0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="JSONL file (default: the shared train split)")
    parser.add_argument("--limit", type=int, help="score only the first N mapped articles")
    parser.add_argument("--min-score", type=float, default=Settings.min_sector_score)
    args = parser.parse_args()
    main(args.data, Settings(min_sector_score=args.min_score), limit=args.limit)
    sys.exit(0)
