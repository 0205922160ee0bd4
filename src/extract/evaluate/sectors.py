"""Scores `sectors` against the topic labels of Reuters-21578 (or any JSONL of that format).

Each line is an article with `id`, `title`, `text` and `topics`. The taxonomy's
`reuters_topics` fields are the one mapping table from Reuters topics to sector slugs
(iron-steel -> steel, crude/nat-gas/gas/heat/fuel/jet -> oil_gas, ship -> transport_shipping,
grain, wheat, sugar, ... -> food_agriculture, gold/copper/alum/... -> mining, housing ->
real_estate_construction, retail -> retail, pet-chem -> chemicals, lumber/plywood ->
forestry_paper; docs/taxonomy.md lists it). Topics outside it (earn, acq, money-fx, trade...)
say nothing about industries. Only the sectors some topic maps to are scored: Reuters never
labels the others (an article about a bank has no "banking" topic).

The sector weights are fitted on the train split's articles outside a fixed held-out fifth
(those whose id hashes into it, `held_out`); the headline is the held-out part (all of a file
of another split, such as Reuters' test split), the fit part is shown for comparison. Two
readings of each part:
- lenient: the articles with a mapped topic, gold = their mapped sectors (the headline);
- strict: every article; a scored sector predicted on an article without a mapped topic is
  a false alarm (not always wrong: Reuters tags a steelmaker's results `earn`, not `iron-steel`).
Printed: per-sector precision, recall and F1 on the held-out part (lenient), the macro F1 of
each part and reading, the false alarms on articles without a mapped topic, a naive baseline
(a sector is predicted when a word of its slug, e.g. "steel", "oil", "gas", is in the title or
text) and the held-out macro F1 at other thresholds; last line the held-out lenient macro F1.

Each article runs through the production pipeline up to sectors (`pipeline.process`), so
names and organisations come from the entities stage as in a real run: all 8,762 train
articles take about 7 minutes on one core (`--limit N`: only the first N articles). The
pipeline analyses a text it has met before once (the train split repeats some wires word for
word, under two ids): the repeat is scored with the sectors of its first copy, as the fit
(`benchmarks/fit_sectors.py`) scores it, not as an article with no sector.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
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

HELD_OUT = 5  # one article in five, by its id's hash
THRESHOLDS = (1.0, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0)


def default_data() -> Path:
    return shared_eval_dir() / "sectors" / "reuters21578-train.jsonl"


def held_out(record: dict) -> bool:
    """True for articles never fitted on: every article outside the TRAIN split (a test split
    is held out whole), and the fixed fifth of the train split whose id hashes into it."""
    if record.get("split", "TRAIN") != "TRAIN":
        return True
    digest = hashlib.sha1(str(record.get("id", "")).encode()).hexdigest()
    return int(digest, 16) % HELD_OUT == 0


def topic_map(taxonomy: sectors.Taxonomy) -> dict[str, str]:
    """Reuters topic -> sector slug."""
    return {topic: s.slug for s in taxonomy.sectors for topic in s.reuters_topics}


def main(data: Path | None, settings: Settings, limit: int | None = None) -> None:
    path = data or default_data()
    mapping = topic_map(sectors.load_taxonomy())
    scored = sorted(set(mapping.values()))
    records = read(path)[:limit] if limit else read(path)
    gold = [{mapping[t] for t in r.get("topics", []) if t in mapping} for r in records]
    if not any(gold):
        raise ValueError(f"{path}: eval sectors: no article has a topic mapped to a sector")

    everything = dataclasses.replace(settings, min_sector_score=0.0)
    predicted: list[dict[str, float]] = []  # per article: scored sector -> score
    baseline: list[set[str]] = []
    articles = [article(r, path, i) for i, r in enumerate(records)]
    tokenize = spacy.blank("en").tokenizer  # the baseline's words, split as the model splits
    by_source: dict[str, dict[str, float]] = {}
    for item, result in zip(articles, process(articles, everything, until="sectors"), strict=True):
        if result.article.error:
            raise ValueError(f"eval sectors: {result.article.error}")
        rows = result.rows.get("sectors", [])
        scores = {r.sector: r.score for r in rows if r.sector in scored}
        if result.duplicate_of:  # the same text met before: the pipeline's rows are that one's
            scores = by_source.get(result.duplicate_of, {})
        by_source[item.source] = scores
        predicted.append(scores)
        words = {t.lower_ for t in tokenize(item.text)} | set(item.title.lower().split())
        baseline.append({s for s in scored if set(s.split("_")) & words})

    chosen = _above(predicted, settings.min_sector_score)
    parts = {
        "held-out": [i for i, r in enumerate(records) if held_out(r)],
        "fit": [i for i, r in enumerate(records) if not held_out(r)],
    }
    test = parts["held-out"]
    mapped = [i for i in test if gold[i]]
    print(
        f"{path.name}: {len(records)} articles, {sum(map(bool, gold))} with a mapped topic; "
        f"held out (never fitted on): {len(test)}, {len(mapped)} with a mapped topic"
    )
    print(f"min score {settings.min_sector_score:g}, held-out articles with a mapped topic:")
    table = counts([gold[i] for i in mapped], [chosen[i] for i in mapped], scored)
    for slug in scored:
        print("  " + prf_line(slug.ljust(24), *table[slug]))
    tp, fp, fn = (sum(c[i] for c in table.values()) for i in range(3))
    print("  " + prf_line("micro".ljust(24), tp, fp, fn))
    for name, part in parts.items():
        lenient = [i for i in part if gold[i]]
        alarms = sum(bool(chosen[i]) for i in part if not gold[i])
        print(
            f"{name} part: macro F1 lenient {_part(gold, chosen, lenient, scored):.3f}, "
            f"strict {_part(gold, chosen, part, scored):.3f}; articles without a mapped topic "
            f"given a scored sector: {alarms}/{len(part) - len(lenient)}"
        )
    lenient, strict = (_part(gold, baseline, p, scored) for p in (mapped, test))
    print(f"naive baseline (slug word in text), held out: macro F1 lenient {lenient:.3f}, ", end="")
    print(f"strict {strict:.3f}")
    sweep = [f"{t:g}: {_part(gold, _above(predicted, t), mapped, scored):.3f}" for t in THRESHOLDS]
    print("held-out threshold sweep (lenient): " + ", ".join(sweep))
    print(f"macro F1: {_part(gold, chosen, mapped, scored):.3f}")


def read(path: Path) -> list[dict]:
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


def article(record: dict, path: Path, index: int) -> Article:
    # one doc_id per article: the pipeline gives no rows to a second article with the same id
    doc_id = f"{index}:{record.get('id', '')}"
    title = record.get("title") or ""
    return Article(doc_id, f"{path}:{index + 1}", record.get("text") or "", title)


def _above(predicted: list[dict[str, float]], threshold: float) -> list[set[str]]:
    return [{s for s, score in p.items() if score >= threshold} for p in predicted]


def _part(gold: list[set[str]], guess: list[set[str]], part: list[int], scored: list[str]) -> float:
    return macro([gold[i] for i in part], [guess[i] for i in part], scored)


def counts(
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


def macro(gold: list[set[str]], guess: list[set[str]], scored: list[str]) -> float:
    """Mean F1 over the scored sectors that occur (in gold or guesses) in these articles."""
    f1s = [prf(*c)[2] for c in counts(gold, guess, scored).values() if any(c)]
    return sum(f1s) / len(f1s) if f1s else 0.0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="JSONL file (default: the shared train split)")
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    parser.add_argument("--min-score", type=float, default=Settings.min_sector_score)
    args = parser.parse_args()
    main(args.data, Settings(min_sector_score=args.min_score), limit=args.limit)
    sys.exit(0)
