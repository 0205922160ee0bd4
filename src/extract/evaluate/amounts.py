"""Scores `amounts` on Microsoft Recognizers-Text currency cases (CurrencyModel.json format).

Each case is an `Input` sentence and its `Results`: `Text`, `Start`, `End` (inclusive) and a
`Resolution` with `value`, `unit` and, where the text fixes it, `isoCurrency`. Mapping:
- a result whose value is null ("the dollar fell": a currency name without an amount) is
  not an amount in our table, so it is left out of the scoring and counted apart;
- spans match when our [start, end) equals [Start, End + 1);
- currency: `isoCurrency` when given; else "Dollar" is an unspecified dollar, scored as USD,
  and "Cent" as US cents; any other bare unit ("Franc", "Pound", "Rupee", "Pence", "Sen")
  matches when our currency is one that unit names in data/currencies.csv;
- value: gold values of minor units are in that unit (12 "Cent"); ours are in the major
  unit (0.12), so the gold value is multiplied by the unit's factor before comparing.
Our rows come from the production pipeline up to the stage (`pipeline.process(...,
until="amounts")`: the same model with its rulers, the entities stage before it, as in a run).
Two baselines are scored on spans the same way: the model's own MONEY entities, and quantulum3's
quantities whose unit is a currency (the measurement behind leaving quantulum3 out of the
stage: it reads few amounts and misreads scale words).
The last line is the headline: span F1 and value+currency accuracy on matched spans.
"""

from __future__ import annotations

import json
import warnings
from collections import Counter
from pathlib import Path

from extract.article import Article
from extract.config import Settings
from extract.evaluate import prf, prf_line, set_counts, shared_eval_dir
from extract.stages import amounts


def main(data: Path | None, settings: Settings) -> None:
    from extract.nlp import load
    from extract.pipeline import process

    path = data or shared_eval_dir() / "amounts" / "recognizers-currency-en-dev.json"
    cases = json.loads(Path(path).read_text(encoding="utf-8"))
    articles = [Article(f"case-{n}", str(path), c["Input"]) for n, c in enumerate(cases)]
    money_spans = [  # the baseline: the model's own MONEY entities
        {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "MONEY"}
        for doc in load(settings).pipe((c["Input"] for c in cases), batch_size=settings.batch_size)
    ]
    tp = fp = fn = right = skipped = 0
    money_counts, quantulum_counts = Counter(), Counter()  # the two baselines
    errors: list[str] = []
    results = process(articles, settings, until="amounts")
    for case, result, money in zip(cases, results, money_spans, strict=True):
        gold = {}
        for res in case.get("Results", []):
            if res["Resolution"].get("value") is None:
                skipped += 1
                continue
            gold[(res["Start"], res["End"] + 1)] = res["Resolution"]
        if result.article.error:
            raise ValueError(result.article.error)
        ours = {(a.start, a.end): a for a in result.rows["amounts"]}
        money_counts += set_counts(money, gold.keys())
        quantulum_counts += set_counts(_quantulum_spans(case["Input"]), gold.keys())
        for span, res in gold.items():
            a = ours.get(span)
            if a is None:
                fn += 1
                errors.append(f"missed  {case['Input'][span[0] : span[1]]!r} in {case['Input']!r}")
                continue
            tp += 1
            if _correct(a, res):
                right += 1
            else:
                errors.append(
                    f"value   {a.text!r}: {a.value:g} {a.currency} vs {res['value']} {res['unit']}"
                )
        for span, a in ours.items():
            if span not in gold:
                fp += 1
                errors.append(f"extra   {a.text!r} in {case['Input']!r}")
    for line in errors:
        print(line)
    print(f"{len(cases)} cases; {skipped} unit-only results (no value) left out")
    for name, c in (("spaCy MONEY", money_counts), ("quantulum3", quantulum_counts)):
        print(prf_line(name, c["tp"], c["fp"], c["fn"]))
    print(prf_line("amounts", tp, fp, fn))
    print(prf_line("  +unit-only", tp, fp, fn + skipped) + "  (value-less results as misses)")
    accuracy = right / tp if tp else 0.0
    print(f"value+currency accuracy on matched spans: {accuracy:.3f} ({right}/{tp})")
    print(f"F1: {prf(tp, fp, fn)[2]:.3f}  value accuracy: {accuracy:.3f}")


def _quantulum_spans(text: str) -> set[tuple[int, int]]:
    from quantulum3 import parser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns that its optional classifier is missing
        found = parser.parse(text)
    return {tuple(q.span) for q in found if q.unit.entity.name == "currency"}


def _correct(a: amounts.Amount, res: dict) -> bool:
    value = float(res["value"])
    iso = res.get("isoCurrency")
    unit = res.get("unit", "")
    if iso:
        codes, factor = {iso}, 1.0
    elif unit in {"Dollar", "Cent"}:
        codes, factor = {"USD"}, 0.01 if unit == "Cent" else 1.0
    else:
        marker = amounts.marker(unit)
        if marker is None:
            return False
        codes, factor = set(marker.codes), marker.factor
    expected = value * factor
    return a.currency in codes and abs(a.value - expected) <= 1e-6 * max(1.0, abs(expected))
