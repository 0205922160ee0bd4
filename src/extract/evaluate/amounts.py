"""Scores `amounts` on Microsoft Recognizers-Text currency cases (CurrencyModel.json format)
and on the money results of quantulum3's English test cases (`req`, `res` format).

Recognizers-Text: each case is an `Input` sentence and its `Results`: `Text`, `Start`, `End`
(inclusive) and a `Resolution` with `value`, `unit` and, where the text fixes it,
`isoCurrency`. Mapping:
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
Besides span F1 and accuracy on matched spans, a strict figure counts every gold result, the
missed and the unit-only ones included.

quantulum3 (quantities.json and quantities.ambiguity.json): a result is money when quantulum3's
own unit table calls its unit (before " per ") a currency; "20 million pounds" is, "a
twenty-pound bag" is not. Its surface is found in the sentence and our rows overlapping it are
compared: value (minor units scaled as above, a range by its bounds) and currency ("dollar" is
USD). Accuracy counts a missed result as wrong; rows overlapping no money result are extras.

Without --data both sets are scored; the last line is the headline: Recognizers span F1 and
value+currency accuracy, and the quantulum3 money accuracy.
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
    """Scores the file `data` (either format), or the Recognizers dev set and both quantulum3
    money sets."""
    if data is not None:
        if _is_quantulum(data):
            print(f"value accuracy: {quantulum(_load([data]), settings):.3f}")
        else:
            f1, accuracy = recognizers(data, settings)
            print(f"F1: {f1:.3f}  value accuracy: {accuracy:.3f}")
        return
    root = shared_eval_dir() / "amounts"
    f1, accuracy = recognizers(root / "recognizers-currency-en-dev.json", settings)
    print()
    q = quantulum(_load([root / name for name in QUANTULUM]), settings)
    print(f"F1: {f1:.3f}  value accuracy: {accuracy:.3f}  quantulum3 money value accuracy: {q:.3f}")


def recognizers(path: Path, settings: Settings) -> tuple[float, float]:
    """Span F1 and value+currency accuracy on matched spans of a CurrencyModel.json file."""
    from extract.nlp import load
    from extract.pipeline import process

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
    print(f"{path.name}: {len(cases)} cases; {skipped} unit-only results (no value) left out")
    for name, c in (("spaCy MONEY", money_counts), ("quantulum3", quantulum_counts)):
        print(prf_line(name, c["tp"], c["fp"], c["fn"]))
    print(prf_line("amounts", tp, fp, fn))
    print(prf_line("  +unit-only", tp, fp, fn + skipped) + "  (value-less results as misses)")
    accuracy = right / tp if tp else 0.0
    print(f"value+currency accuracy on matched spans: {accuracy:.3f} ({right}/{tp})")
    every = tp + fn + skipped
    print(
        f"strict: right over every gold result, missed and unit-only ones included: "
        f"{right / every if every else 0.0:.3f} ({right}/{every})"
    )
    return prf(tp, fp, fn)[2], accuracy


def quantulum(cases: list[dict], settings: Settings) -> float:
    """Value+currency accuracy over the money results of quantulum3 test cases (misses count
    as wrong); our rows that overlap no money result are printed as extras."""
    from extract.pipeline import process

    articles = [Article(f"case-{n}", "quantulum3", c["req"]) for n, c in enumerate(cases)]
    total = right = extra = 0
    for case, result in zip(cases, process(articles, settings, until="amounts"), strict=True):
        rows = result.rows["amounts"]
        used: set[int] = set()
        cursor = 0
        for res in case["res"]:
            at = case["req"].find(res["surface"], cursor)
            start, end = at, at + len(res["surface"])
            cursor = max(cursor, end) if at >= 0 else cursor
            unit = _money_unit(res["unit"])
            if unit is None:
                continue
            total += 1
            mine = [i for i, a in enumerate(rows) if at >= 0 and a.start < end and start < a.end]
            used.update(mine)
            ok = bool(mine) and _quantulum_right([rows[i] for i in mine], res, *unit)
            right += ok
            if not ok:
                found = [(rows[i].text, rows[i].value, rows[i].currency) for i in mine]
                print(f"wrong   {res['surface']!r} = {res['value']} {res['unit']}: ours {found}")
        for i, a in enumerate(rows):
            if i not in used:
                extra += 1
                print(f"extra   {a.text!r} in {case['req']!r}")
    accuracy = right / total if total else 0.0
    print(f"quantulum3: {len(cases)} sentences, {total} money results, {extra} extra rows")
    print(f"value+currency accuracy over money results: {accuracy:.3f} ({right}/{total})")
    return accuracy


QUANTULUM = ("quantulum3-quantities-en.json", "quantulum3-quantities-ambiguity-en.json")


def _is_quantulum(path: Path) -> bool:
    cases = json.loads(Path(path).read_text(encoding="utf-8"))
    return bool(cases) and "req" in cases[0]


def _load(paths: list[Path]) -> list[dict]:
    return [c for p in paths for c in json.loads(Path(p).read_text(encoding="utf-8"))]


def _money_unit(name: str) -> tuple[set[str], float] | None:
    """The currencies and factor a quantulum3 unit ("dollar", "penny", "dollar per hour")
    stands for, when quantulum3's own unit table calls it a currency; else None."""
    from quantulum3 import load

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        unit = load.units("en_US").names.get(name.split(" per ")[0])
    if unit is None or unit.entity.name != "currency":
        return None
    if getattr(unit, "currency_code", None):  # "dollar" is an unspecified dollar: USD
        return {unit.currency_code}, 1.0
    marker = amounts.marker(unit.name)  # "penny", "cent", "dime": minor units
    return (set(marker.codes), marker.factor) if marker else (set(), 1.0)


def _quantulum_right(rows: list, res: dict, codes: set[str], factor: float) -> bool:
    """Do our rows inside a result's surface carry its value? A range is quantulum3's mean and
    uncertainty ("$350 per kg to $680 per kg" = 515 +- 165): its bounds match one row with
    `value_high`, or two rows ("from $350 to $680" is a change, two amounts, in our table)."""
    value, spread = float(res["value"]) * factor, float(res.get("uncertainty") or 0) * factor
    low = min(a.value for a in rows)
    high = max(a.value if a.value_high is None else a.value_high for a in rows)
    close = lambda x, y: abs(x - y) <= 1e-6 * max(1.0, abs(y))  # noqa: E731
    ok = close(low, value - spread) and close(high, value + spread)
    return ok and all(a.currency in codes for a in rows)


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
