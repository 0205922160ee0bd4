"""Example tables: `tests/cases/<stage>.jsonl`, read by tests/test_cases.py and `extract eval`.

One case a line, in the spirit of price-parser's example lists and Recognizers-Text's specs:

    {"text": "Toyota will invest $1.2 billion ...", "published": "2025-02-07",
     "rows": [{"text": "$1.2 billion", "value": 1.2e9, "currency": "USD"}],
     "absent": ["Toyota"], "exact": false, "xfail": "", "note": "why this case is here"}

- `rows`: each must equal some row of the stage's table on every field it gives (numbers
  within a relative 1e-6);
- `absent`: none of these may match a row (a string stands for {"text": string});
- `exact`: the table has no rows beyond those in `rows`;
- `xfail`: a known miss, and why (the test expects it to fail, and says when it passes);
- `published`: the article's publication date (ISO 8601), else none; `note`: free text.
Texts are our own sentences written after real news, never copied from ../shared/eval.
The stage runs in the production pipeline with every stage before it (`pipeline.process`).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from extract.article import Article
from extract.config import Settings
from extract.evaluate import prf_line

CASES = Path(__file__).resolve().parents[3] / "tests" / "cases"


@dataclass(frozen=True)
class Case:
    stage: str
    line: int
    text: str
    published: str = ""
    rows: tuple[dict, ...] = ()
    absent: tuple[dict, ...] = ()
    exact: bool = False
    xfail: str = ""
    note: str = ""

    @property
    def id(self) -> str:
        return f"{self.stage}:{self.line}"


@dataclass
class Outcome:
    case: Case
    found: list[dict] = field(default_factory=list)  # the stage's rows, as dicts
    missing: list[dict] = field(default_factory=list)  # expected rows not found
    unwanted: list[dict] = field(default_factory=list)  # absent rows found, or extra rows

    @property
    def ok(self) -> bool:
        return not self.missing and not self.unwanted

    def explain(self) -> str:
        lines = [f"{self.case.id}: {self.case.text[:200]!r}"]
        lines += [f"  missing  {row}" for row in self.missing]
        lines += [f"  unwanted {row}" for row in self.unwanted]
        lines += [f"  found    {row}" for row in self.found]
        return "\n".join(lines)


def case_files(folder: Path = CASES) -> dict[str, Path]:
    """stage name -> its example table, for every table in the folder."""
    return {path.stem: path for path in sorted(folder.glob("*.jsonl"))}


def load(path: Path, stage: str | None = None) -> list[Case]:
    """The cases of one example table; a malformed line is an error naming file and line."""
    stage = stage or path.stem
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            absent = [{"text": a} if isinstance(a, str) else a for a in item.get("absent", ())]
            cases.append(
                Case(
                    stage=stage,
                    line=number,
                    text=item["text"],
                    published=item.get("published", ""),
                    rows=tuple(item.get("rows", ())),
                    absent=tuple(absent),
                    exact=bool(item.get("exact", False)),
                    xfail=item.get("xfail", ""),
                    note=item.get("note", ""),
                )
            )
        except (ValueError, KeyError, TypeError) as err:
            raise ValueError(f"{path}:{number}: not a case: {err}") from err
    return cases


def run(cases: list[Case], settings: Settings) -> list[Outcome]:
    """Runs every case through the production pipeline up to its stage; one Outcome each."""
    from extract.pipeline import process

    outcomes = []
    for stage in dict.fromkeys(c.stage for c in cases):
        mine = [c for c in cases if c.stage == stage]
        articles = [
            Article(
                f"case-{c.line}",
                f"{c.id}",
                c.text,
                published=datetime.fromisoformat(c.published) if c.published else None,
                published_source="argument" if c.published else "",
            )
            for c in mine
        ]
        for case, result in zip(mine, process(articles, settings, until=stage), strict=True):
            if result.article.error:
                raise ValueError(f"{case.id}: {result.article.error}")
            outcomes.append(check(case, [asdict(r) for r in result.rows.get(stage, [])]))
    return outcomes


def check(case: Case, found: list[dict]) -> Outcome:
    outcome = Outcome(case, found)
    matched: set[int] = set()
    for want in case.rows:
        hit = next(
            (i for i, row in enumerate(found) if i not in matched and matches(row, want)), None
        )
        if hit is None:
            outcome.missing.append(want)
        else:
            matched.add(hit)
    outcome.unwanted += [row for row in found if any(matches(row, a) for a in case.absent)]
    if case.exact:
        outcome.unwanted += [row for i, row in enumerate(found) if i not in matched]
    return outcome


def matches(row: dict, want: dict) -> bool:
    """`row` has every field of `want` with the same value (floats within a relative 1e-6)."""
    for key, value in want.items():
        if key not in row:
            raise ValueError(f"no column {key!r} in this table (columns: {', '.join(row)})")
        got = row[key]
        if isinstance(value, float) or isinstance(got, float):
            if got is None or value is None:
                if got is not value:
                    return False
            elif not math.isclose(float(got), float(value), rel_tol=1e-6, abs_tol=1e-9):
                return False
        elif got != value:
            return False
    return True


def main(stage: str, data: Path | None, settings: Settings) -> None:
    """`extract eval STAGE --cases`: scores the stage's example table; rows found/wanted."""
    path = data or case_files().get(stage)
    if path is None:
        raise ValueError(f"no example table for {stage} in {CASES}")
    outcomes = run(load(path, stage), settings)
    tp = sum(len(o.case.rows) - len(o.missing) for o in outcomes)
    fn = sum(len(o.missing) for o in outcomes)
    fp = sum(len(o.unwanted) for o in outcomes)
    for o in outcomes:
        if not o.ok:
            print(("XFAIL " if o.case.xfail else "FAIL  ") + o.explain())
    passed = sum(o.ok for o in outcomes)
    print(f"{path}: {len(outcomes)} cases, {passed} pass")
    print(prf_line("example rows", tp, fp, fn))
    print(f"cases passed: {passed / max(1, len(outcomes)):.3f}")
