"""Scores the deals extractor on labelled sentences (default: tests/data/deals.jsonl).

Each JSONL line: `{"id", "published", "text", "deals": [{"type", "actor", "target", "amount",
"currency"}]}`; `deals` is empty for sentences with deal-like words but no deal. A found deal
counts as correct when its (type, actor, target, amount) tuple equals an expected one: names
compared case-insensitively without a leading "the", legal suffixes (Inc, Corp, Co., Ltd,
plc...) and punctuation, one may be the other's leading words ("Toyota" for "Toyota Motor",
as the entities stage shortens names); amounts equal within 1% and in the same currency,
or both absent. The per-field lines show where the misses come from (type only; type + parties).
Each sentence runs through the production pipeline up to deals (`pipeline.process`), as its
own article.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import datetime
from pathlib import Path

import extract
from extract.article import Article
from extract.config import Settings
from extract.evaluate import prf, prf_line
from extract.pipeline import process
from extract.stages import deals

_SUFFIX = re.compile(r"\b(inc|corp|corporation|co|ltd|limited|plc|llc|ag|sa|nv|group|holdings?)$")


def default_data() -> Path:
    return Path(extract.__file__).resolve().parents[2] / "tests" / "data" / "deals.jsonl"


def norm_name(name: str) -> str:
    text = re.sub(r"[^\w\s&]", " ", (name or "").lower())
    text = re.sub(r"^the\s+", "", " ".join(text.split()))
    while (shorter := _SUFFIX.sub("", text).strip(" &")) != text:
        text = shorter
    return text


def _key(kind: str, actor: str, target: str, amount: float | None, currency: str) -> tuple:
    return (kind, norm_name(actor), norm_name(target), amount, (currency or "") if amount else "")


def same_name(found: str, gold: str) -> bool:
    """Equal, or one the other's leading words ("Toyota" for "Toyota Motor")."""
    a, b = found.split(), gold.split()
    n = min(len(a), len(b))
    return a == b or (n > 0 and a[:n] == b[:n])


def _same(found: tuple, gold: tuple, fields: int) -> bool:
    if found[0] != gold[0]:
        return False
    if fields >= 3 and not all(same_name(found[i], gold[i]) for i in (1, 2)):
        return False
    if fields < 5:
        return True
    a, b = found[3], gold[3]
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.01 * max(abs(b), 1.0) and found[4] == gold[4]


def _match(found: list[tuple], gold: list[tuple], fields: int) -> tuple[int, int, int]:
    left = list(gold)
    tp = 0
    for f in found:
        hit = next((g for g in left if _same(f, g, fields)), None)
        if hit is not None:
            left.remove(hit)
            tp += 1
    return tp, len(found) - tp, len(left)


def run_cases(cases: list[dict], settings: Settings) -> list[list[deals.Deal]]:
    """The deals found in each labelled sentence, by the production pipeline up to deals."""
    articles = []
    for n, case in enumerate(cases):
        published = datetime.fromisoformat(case["published"]) if case.get("published") else None
        given = "argument" if published else ""
        articles.append(
            Article(
                f"case-{n}",
                case.get("id", ""),
                case["text"],
                published=published,
                published_source=given,
            )
        )
    found = []
    for case, result in zip(cases, process(articles, settings, until="deals"), strict=True):
        if result.article.error:
            raise ValueError(f"eval deals: {case.get('id', '?')}: {result.article.error}")
        found.append(result.rows.get("deals", []))
    return found


def main(data: Path | None, settings: Settings) -> None:
    path = data or default_data()
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    totals = {name: [0, 0, 0] for name in ("type", "type+parties", "full")}
    for case, rows in zip(cases, run_cases(cases, settings), strict=True):
        got = [_key(d.type, d.actor, d.target, d.amount_value, d.amount_currency) for d in rows]
        gold = [
            _key(g["type"], g["actor"], g["target"], g.get("amount"), g.get("currency", ""))
            for g in case["deals"]
        ]
        for name, fields in (("type", 1), ("type+parties", 3), ("full", 5)):
            counts = _match(got, gold, fields)
            totals[name] = [t + c for t, c in zip(totals[name], counts, strict=True)]
        if counts[1] or counts[2]:
            print(f"{case.get('id', '?')}: got {got} expected {gold}", file=sys.stderr)
    print(f"{len(cases)} sentences, {sum(len(c['deals']) for c in cases)} labelled deals")
    for name, (tp, fp, fn) in totals.items():
        print(prf_line(name, tp, fp, fn))
    p, r, f = prf(*totals["full"])
    print(f"F1: {f:.3f}  P: {p:.3f}  R: {r:.3f}")
