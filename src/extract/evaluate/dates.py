"""`extract eval dates`: span P/R/F1 and ISO value accuracy on Microsoft Recognizers specs,
or, for a TimeML news file (JSON lines with `timexes`), the scores of `evaluate.timeml`.

Data: a Recognizers-Text spec file (JSON list of cases); default
`../shared/eval/dates/recognizers-datetime-en-dev.json`. Each case's
`Context.ReferenceDateTime` is the publication date (a case without one has none, except
in the DateExtractor spec, which gives spans only: there any fixed date serves, 2016-11-07).

Gold: the `datetimeV2.date` and `datetimeV2.daterange` results of the DateTimeModel file.
The DateExtractor / DateParser / DatePeriodParser spec files (`Results` with `Start`/`Length`,
`Type` date or daterange) are read the same way. Other types are not dates, with one
difference in how a prediction on them counts:
- inside a `datetime`/`datetimerange` result ("tomorrow 8:00am") the date part is a real
  date, so a prediction there is ignored: neither right nor wrong;
- on a `time`, `timerange`, `duration` or `set` result, or on no result, it is a false alarm.

Span matching: predictions and gold spans are paired one-to-one, greedily, when they overlap
(the headline, "overlap"), because the spec's span boundaries include words we do not keep
("between", "in", "since", "the"); "exact" pairs only identical spans (case-insensitive,
surrounding spaces and punctuation ignored) and is printed too.

Value accuracy, over overlap-matched pairs: our value is right when one of these holds
- a resolved gold value equals it (a date's `value`; any of the past/future alternatives);
- the gold timex equals it, with `XXXX` filled from a resolved year ("XXXX-02-07",
  "2016-W23", "XXXX-04" with start 2018-04-01 -> "2018-04");
- the days our value (and value_end) cover equal the gold range's [start, end): "2025-Q3" is
  (2025-07-01, 2025-10-01); a range's end is compared both as the start of our `value_end`
  (the spec reads "2014 to 2018" as ending on 2018-01-01) and as its end;
- for a timex range "(2016-03-01,2016-04-01,P1M)" its two ends the same way.
Open ranges ("after 2010", timex "2010", start 2011-01-01) thus match their anchor's value.
- a counted period ("in two weeks", "two years ago") whose value, at the unit the text counts
  in (a week, a year), holds the day the spec resolves it to.
Season timexes map to our ISO 8601-2 codes ("2016-SU" -> "2016-22"). Timexes we do not
produce (weekends "XXXX-WXX-WE", "SY2019" school years, unresolved "FYXXXX") count as wrong.
Value accuracy is over matched pairs whose gold has a resolution (the extractor spec has none).
Set EXTRACT_EVAL_ERRORS=1 to list every miss on stderr.

Two systems are scored: the naive baseline (the bare spaCy model's DATE entities, each
parsed whole by dateparser with the reference date) and the dates stage, run in the
production pipeline up to it (`pipeline.process(..., until="dates")`: the same model with
its rulers and the same earlier stages as a real run). The last line is ours.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

import spacy

from extract.article import Article
from extract.config import Settings
from extract.evaluate import prf, prf_line, shared_eval_dir
from extract.pipeline import process
from extract.stages import dates

DATE_TYPES = {"date", "daterange"}
IGNORED_TYPES = {"datetime", "datetimerange"}


@dataclass(frozen=True)
class Gold:
    start: int
    end: int  # exclusive
    kind: str
    values: frozenset[str] = frozenset()  # resolved values and filled timexes
    ranges: frozenset[tuple[str, str]] = frozenset()  # (start, end) ISO days, either may be ""


@dataclass
class Case:
    text: str
    published: datetime | None
    gold: list[Gold] = field(default_factory=list)


def _kind(type_name: str) -> str:
    return type_name.split(".")[-1].lower()


_SEASON_CODES = {"SP": "21", "SU": "22", "FA": "23", "WI": "24"}


def _fill(timex: str, years: set[str]) -> set[str]:
    timex = re.sub(r"-(SP|SU|FA|WI)$", lambda m: "-" + _SEASON_CODES[m[1]], timex)
    if "XXXX" not in timex:
        return {timex}
    return {timex.replace("XXXX", y) for y in years}


def _gold(text: str, start: int, end: int, kind: str, resolution: dict) -> Gold:
    values: set[str] = set()
    ranges: set[tuple[str, str]] = set()
    items = resolution.get("values") or []
    if not items and resolution:  # DateParser/DatePeriodParser specs
        items = []
        for key in ("FutureResolution", "PastResolution"):
            if r := resolution.get(key):
                items.append({"timex": resolution.get("Timex", ""), **r})
    for item in items:
        years = set()
        for key in ("value", "start", "end", "date", "startDate", "endDate"):
            if item.get(key) and re.match(r"\d{4}-", str(item[key])):
                years.add(str(item[key])[:4])
                if key in ("value", "date"):
                    values.add(str(item[key])[:10])
        timex = item.get("timex") or item.get("Timex") or ""
        if m := re.fullmatch(r"\((.+?),(.+?),P.+\)", timex):
            for a in _fill(m[1], years):
                for b in _fill(m[2], years):
                    ranges.add((a, b))
        elif timex:
            values |= _fill(timex, years)
        lo = item.get("start") or item.get("startDate") or ""
        hi = item.get("end") or item.get("endDate") or ""
        if lo or hi:
            ranges.add((str(lo)[:10], str(hi)[:10]))
    return Gold(start, end, kind, frozenset(values), frozenset(ranges))


# The DateExtractor spec scores spans only and gives no reference date: any fixed one will do.
SPAN_ONLY_REFERENCE = "2016-11-07T00:00:00"


def read_cases(path: Path) -> list[Case]:
    cases = []
    for raw in json.loads(path.read_text(encoding="utf-8-sig")):
        text = raw["Input"]
        ref = (raw.get("Context") or {}).get("ReferenceDateTime")
        span_only = not any(r.get("Resolution") or r.get("Value") for r in raw.get("Results") or [])
        ref = ref or (SPAN_ONLY_REFERENCE if span_only else None)
        published = datetime.fromisoformat(ref) if ref else None
        case = Case(text, published)
        for r in raw.get("Results") or []:
            kind = _kind(r.get("TypeName") or r.get("Type") or "")
            start = r["Start"]
            end = r["End"] + 1 if "End" in r else start + r["Length"]
            resolution = r.get("Resolution") or {
                k: r[k] for k in ("FutureResolution", "PastResolution") if k in r
            }
            if "Value" in r and not resolution:
                value = r["Value"]
                resolution = {
                    k: value[k] for k in ("FutureResolution", "PastResolution") if k in value
                }
                resolution["Timex"] = value.get("Timex", "")
            case.gold.append(_gold(text, start, end, kind, resolution))
        cases.append(case)
    return cases


def value_right(pred: dates.DateMention, gold: Gold) -> bool:
    if pred.value in gold.values and not pred.value_end:
        return True
    try:
        lo, hi = dates.interval(pred.value)
        if pred.value_end:
            end_lo, end_hi = dates.interval(pred.value_end)
            ends = {end_lo, end_hi}
        else:
            ends = {hi}
    except ValueError:
        return False
    for a, b in gold.ranges:
        if a and a != lo.isoformat():
            continue
        if not a and not pred.value_end and pred.value in gold.values:
            return True
        if not b or b in {e.isoformat() for e in ends}:
            return bool(a) or bool(b)
    # The spec resolves a counted period to a day ("in two weeks" -> 2018-04-06); our value
    # keeps the unit the text counts in (the week): the same date at the text's precision.
    if not pred.value_end and _COUNTED.search(pred.text):
        days = [v for v in gold.values if re.fullmatch(r"\d{4}-\d\d-\d\d", v)]
        return any(lo.isoformat() <= v < hi.isoformat() for v in days)
    return False


_COUNTED = re.compile(r"(?i)\b(?:weeks?|months?|quarters?|years?|decades?)\b")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact_tp: int = 0
    exact_fp: int = 0
    exact_fn: int = 0
    right: int = 0
    valued: int = 0  # matched pairs whose gold has a resolution
    errors: list[str] = field(default_factory=list)


def _clean(s: str) -> str:
    return s.lower().strip(" .,;:!?()")


def score(cases: list[Case], predict: Callable[[Case], list[dates.DateMention]]) -> Score:
    sc = Score()
    for case in cases:
        preds = predict(case)
        gold = [g for g in case.gold if g.kind in DATE_TYPES]
        ignore = [g for g in case.gold if g.kind in IGNORED_TYPES]
        used: set[int] = set()
        for p in preds:
            match = next(
                (
                    i
                    for i, g in enumerate(gold)
                    if i not in used and p.start < g.end and g.start < p.end
                ),
                None,
            )
            if match is None:
                if not any(p.start < g.end and g.start < p.end for g in ignore):
                    sc.fp += 1
                    sc.errors.append(f"FP  {p.text!r} -> {p.value} | {case.text[:90]!r}")
                continue
            used.add(match)
            sc.tp += 1
            g = gold[match]
            if not g.values and not g.ranges:
                continue  # a span-only spec: nothing to compare the value with
            sc.valued += 1
            if value_right(p, g):
                sc.right += 1
            else:
                want = sorted(g.values) + [f"{a}..{b}" for a, b in sorted(g.ranges)]
                sc.errors.append(
                    f"VAL {p.text!r} -> {p.value}..{p.value_end} want {want[:4]} | "
                    f"{case.text[:70]!r} @{case.published.date() if case.published else None}"
                )
        sc.fn += len(gold) - len(used)
        for i, g in enumerate(gold):
            if i not in used:
                sc.errors.append(f"FN  {case.text[g.start : g.end]!r} | {case.text[:90]!r}")
        exact_used: set[int] = set()
        for p in preds:
            hit = next(
                (
                    i
                    for i, g in enumerate(gold)
                    if i not in exact_used
                    and _clean(case.text[g.start : g.end]) == _clean(p.text)
                    and p.start < g.end
                    and g.start < p.end
                ),
                None,
            )
            if hit is not None:
                exact_used.add(hit)
            elif not any(p.start < g.end and g.start < p.end for g in ignore):
                sc.exact_fp += 1
        sc.exact_tp += len(exact_used)
        sc.exact_fn += len(gold) - len(exact_used)
    return sc


def _report(name: str, sc: Score) -> str:
    print(prf_line(f"{name} overlap", sc.tp, sc.fp, sc.fn))
    print(prf_line(f"{name} exact", sc.exact_tp, sc.exact_fp, sc.exact_fn))
    acc = f"{sc.right / sc.valued:.3f}" if sc.valued else "n/a"  # span-only specs have no values
    print(
        f"{name:<16} value accuracy={acc}  ({sc.right}/{sc.valued} matched spans with a gold value)"
    )
    return f"F1: {prf(sc.tp, sc.fp, sc.fn)[2]:.3f}  value accuracy: {acc}"


def _naive_parse(text: str, published: datetime | None) -> tuple[str, str, bool] | None:
    """The baseline: dateparser on the entity text as it stands, its period as the precision."""
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": published} if published else {}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return str(d.year), "year", False
    if period == "month":
        return f"{d.year}-{d.month:02d}", "month", False
    if period == "week":
        iso = d.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}", "week", False
    return d.isoformat(), "day", False


class Dated(Protocol):
    text: str
    published: datetime | None


def production(cases: Sequence[Dated], settings: Settings) -> list[list[dates.DateMention]]:
    """The dates stage's rows for each case (a text and its publication date), from the
    production pipeline up to the stage (the same model with its rulers, the same earlier
    stages)."""
    articles = [
        Article(
            f"case-{n}",
            f"case-{n}",
            case.text,
            published=case.published,
            published_source="argument" if case.published else "",
        )
        for n, case in enumerate(cases)
    ]
    rows = []
    for result in process(articles, settings, until="dates"):
        if result.article.error:
            raise ValueError(f"eval dates: {result.article.error}")
        rows.append(result.rows.get("dates", []))
    return rows


def main(data: Path | None, settings: Settings) -> None:
    path = data or shared_eval_dir() / "dates" / "recognizers-datetime-en-dev.json"
    if not path.is_file():
        raise SystemExit(f"{path}: eval dates: no such file")
    from extract.evaluate import timeml  # it reads the stage's rows with `production`

    if timeml.is_timeml(path):
        timeml.main(path, settings)
        return
    cases = read_cases(path)
    # The baseline reads the bare model's DATE entities (no ruler, no stage).
    nlp = spacy.load(settings.model)
    docs = list(nlp.pipe([c.text for c in cases], batch_size=settings.batch_size))

    def naive(case: Case, doc) -> list[dates.DateMention]:
        out = []
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            res = _naive_parse(ent.text, case.published)
            if res:
                out.append(dates.DateMention("", ent.start_char, ent.end_char, ent.text, *res))
        return out

    print(
        f"{path.name}: {len(cases)} cases, "
        f"{sum(g.kind in DATE_TYPES for c in cases for g in c.gold)} gold dates"
    )
    by_case = dict(zip(map(id, cases), docs, strict=True))
    base = score(cases, lambda c: naive(c, by_case[id(c)]))
    _report("baseline", base)
    t0 = time.perf_counter()
    ours = dict(zip(map(id, cases), production(cases, settings), strict=True))
    elapsed = time.perf_counter() - t0
    sc = score(cases, lambda c: ours[id(c)])
    if os.environ.get("EXTRACT_EVAL_ERRORS"):  # a developer's view of every miss, on stderr
        for line in sc.errors:
            print("  " + line, file=sys.stderr)
    print(f"pipeline up to dates: {elapsed:.1f} s for {len(cases)} cases (model load included)")
    print(_report("dates", sc))
