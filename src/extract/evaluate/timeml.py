"""TimeML news for `extract eval dates`: relaxed and strict span F1 and value F1.

Data: one article a line (`../shared/eval/dates/timeml-aquaint.jsonl`): `id`, `published`
(the document creation time, given as the publication date), `text` and `timexes` (`start`,
`end`, `type`, `value` TIMEX3). The gold is every DATE or TIME timex with a calendar value
(a value that starts with a year or a decade: "1998-02-13", "1998-W06", "1997-Q3", "199X");
the rest ("PRESENT_REF", "P1W", durations, sets) is out of scope: a prediction on one of them
is neither right nor wrong, as a prediction elsewhere without gold is a false alarm.

- relaxed: predictions and gold paired one-to-one, greedily, when they overlap; a range row
  that covers two timexes ("between 1994 and 1997", TimeML's two) answers both, with its
  first and last value;
- strict: only identical spans (surrounding spaces and punctuation ignored: "next week."),
  or, for a range's end, the timex standing whole in the row;
- value: over the relaxed pairs, our value equals the gold's at the gold's precision, as
  TempEval-3 scores attributes (P = right / predictions, R = right / gold). The gold's
  precision is what it specifies: "1998-XX" is the year 1998, "1998-10-XX" the month; a
  time of day or a part of the day ("1998-08-07T10:35", "2000-01-05TEV") is its day, since
  the dates table keeps a part of a day as the day. Seasons are compared as our ISO 8601-2
  codes ("1998-FA" -> "1998-23"), one-digit weeks padded ("2000-W7" -> "2000-W07"); our
  half-year ranges read as "1998-H1" and a Saturday-Sunday range as "1998-W06-WE".
Set EXTRACT_EVAL_ERRORS=1 to list every miss on stderr. Published reference on TempEval-3's
own test set: HeidelTime value F1 0.776.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from extract.config import Settings
from extract.evaluate import prf, prf_line
from extract.evaluate.dates import production
from extract.stages import dates

SCORED_TYPES = {"DATE", "TIME"}
_CALENDAR = re.compile(r"\d{3}[\dX]\b")
_SEASONS = {"SP": "21", "SU": "22", "FA": "23", "WI": "24"}


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    value: str  # at its own precision (`gold_value`); "" when out of scope


@dataclass
class Story:
    id: str
    text: str
    published: datetime | None
    timexes: list[Timex] = field(default_factory=list)


def is_timeml(path: Path) -> bool:
    """Whether the file is TimeML news as JSON lines (an object with `timexes` a line)."""
    with path.open(encoding="utf-8-sig") as f:
        first = f.readline().strip()
    if not first.startswith("{"):
        return False
    try:
        return "timexes" in json.loads(first)
    except json.JSONDecodeError:
        return False


def gold_value(timex: dict) -> str:
    """The gold value at the precision it specifies, or "" when out of scope."""
    value = str(timex.get("value") or "")
    if timex.get("type") not in SCORED_TYPES or not _CALENDAR.match(value):
        return ""
    value = value.split("T")[0]
    while value.endswith("-XX"):
        value = value[:-3]
    value = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    return re.sub(r"-(SP|SU|FA|WI)$", lambda m: "-" + _SEASONS[m[1]], value)


def read_stories(path: Path) -> list[Story]:
    stories = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        published = datetime.fromisoformat(raw["published"]) if raw.get("published") else None
        timexes = [Timex(t["start"], t["end"], gold_value(t)) for t in raw.get("timexes", [])]
        stories.append(Story(str(raw.get("id", len(stories))), raw["text"], published, timexes))
    return stories


def predicted_value(row: dates.DateMention) -> str:
    """Our value in TIMEX3's words where they differ: halves and weekends."""
    if not row.value_end:
        return row.value
    if m := re.fullmatch(r"(\d{4})-(01|07)", row.value):
        if row.value_end == f"{m[1]}-{int(m[2]) + 5:02d}":
            return f"{m[1]}-H{1 if m[2] == '01' else 2}"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", row.value) and re.fullmatch(r"[\d-]{10}", row.value_end):
        first = date.fromisoformat(row.value)
        if first.weekday() == 5 and date.fromisoformat(row.value_end) == first + timedelta(1):
            year, week, _ = first.isocalendar()
            return f"{year}-W{week:02d}-WE"
    return f"{row.value}/{row.value_end}"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    strict_tp: int = 0
    strict_fp: int = 0
    strict_fn: int = 0
    right: int = 0
    errors: list[str] = field(default_factory=list)

    def value_prf(self) -> tuple[float, float, float]:
        return prf(self.right, self.tp + self.fp - self.right, self.tp + self.fn - self.right)


def _overlaps(a: dates.DateMention, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


def _clean(s: str) -> str:
    return s.lower().strip(" \n.,;:!?()'\"`")


def _pairs(row: dates.DateMention, gold: list[Timex], used: set[int]) -> list[tuple[int, str]]:
    """The gold timexes a row answers, each with the value it gives it: a range row covering
    two timexes ("between 1994 and 1997") answers both, with its first and last value."""
    hits = [i for i, g in enumerate(gold) if i not in used and _overlaps(row, g)]
    if row.value_end and len(hits) >= 2:
        return [(hits[0], row.value), (hits[-1], row.value_end)]
    return [(hits[0], predicted_value(row))] if hits else []


def _exact(row: dates.DateMention, story: Story, g: Timex, parts: int) -> bool:
    if parts == 1:
        return _clean(story.text[g.start : g.end]) == _clean(row.text)
    # One end of a range: the gold span stands alone in the row, between connector words.
    inside = row.start <= g.start and g.end <= row.end
    return (
        inside
        and story.text[g.start - 1 : g.start] in " -"
        and (g.end == row.end or story.text[g.end : g.end + 1] in " -")
    )


def score_story(story: Story, rows: list[dates.DateMention], sc: Score) -> None:
    gold = [t for t in story.timexes if t.value]
    other = [t for t in story.timexes if not t.value]
    used: set[int] = set()
    strict: set[int] = set()
    for row in rows:
        pairs = _pairs(row, gold, used)
        if not pairs:
            if not any(_overlaps(row, t) for t in other):
                sc.fp += 1
                sc.strict_fp += 1
                sc.errors.append(f"FP  {row.text!r} -> {row.value} | {story.id}")
            continue
        for i, ours in pairs:
            used.add(i)
            sc.tp += 1
            g = gold[i]
            if _exact(row, story, g, len(pairs)):
                strict.add(i)
            else:
                sc.strict_fp += 1
                sc.errors.append(f"SPAN {row.text!r} want {story.text[g.start : g.end]!r}")
            if ours == g.value:
                sc.right += 1
            else:
                context = story.text[max(0, g.start - 60) : g.end + 30].replace("\n", " ")
                sc.errors.append(
                    f"VAL {row.text!r} -> {ours} want {g.value} @{story.published} | {context!r}"
                )
    sc.strict_tp += len(strict)
    sc.fn += len(gold) - len(used)
    sc.strict_fn += len(gold) - len(strict)
    for i, g in enumerate(gold):
        if i not in used:
            context = story.text[max(0, g.start - 60) : g.end + 30].replace("\n", " ")
            sc.errors.append(f"FN  {story.text[g.start : g.end]!r} = {g.value} | {context!r}")


def score(stories: list[Story], rows: list[list[dates.DateMention]]) -> Score:
    sc = Score()
    for story, found in zip(stories, rows, strict=True):
        score_story(story, found, sc)
    return sc


def main(path: Path, settings: Settings) -> None:
    stories = read_stories(path)
    n_gold = sum(bool(t.value) for s in stories for t in s.timexes)
    print(f"{path.name}: {len(stories)} articles, {n_gold} DATE/TIME timexes with a calendar value")
    t0 = time.perf_counter()
    sc = score(stories, production(stories, settings))
    elapsed = time.perf_counter() - t0
    if os.environ.get("EXTRACT_EVAL_ERRORS"):  # a developer's view of every miss, on stderr
        for line in sc.errors:
            print("  " + line, file=sys.stderr)
    print(
        f"pipeline up to dates: {elapsed:.1f} s for {len(stories)} articles (model load included)"
    )
    print(prf_line("dates relaxed", sc.tp, sc.fp, sc.fn))
    print(prf_line("dates strict", sc.strict_tp, sc.strict_fp, sc.strict_fn))
    p, r, f = sc.value_prf()
    print(f"{'dates value':<16} P={p:.3f} R={r:.3f} F1={f:.3f}  ({sc.right} right)")
    print(
        f"relaxed F1: {prf(sc.tp, sc.fp, sc.fn)[2]:.3f}  "
        f"strict F1: {prf(sc.strict_tp, sc.strict_fp, sc.strict_fn)[2]:.3f}  value F1: {f:.3f}"
    )
