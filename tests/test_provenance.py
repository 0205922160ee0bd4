"""No text of the labelled evaluation data is copied into the repository (../shared/eval's
README asks for it, and a case copied from a dev file would score us on our own answers).

Every run of 8 words in the repository's code, tests, data and docs is looked up among the runs
of 8 words of the evaluation files (their text columns, not their README)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from conftest import ROOT

N = 8
WORD = re.compile(r"[a-z0-9$%']+")
SCANNED = ("src", "tests", "docs", "benchmarks", "README.md")


def runs(text: str) -> set[int]:
    words = WORD.findall(text.lower())
    return {hash(tuple(words[i : i + N])) for i in range(len(words) - N + 1)}


def eval_texts(folder: Path):
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix in (".html", ".md"):
            continue
        raw = path.read_text(encoding="utf-8", errors="ignore")
        if path.suffix in (".conll", ".testa"):
            lines = raw.splitlines()
            yield " ".join(ln.split()[0] for ln in lines if ln.strip() and "DOCSTART" not in ln)
        elif path.suffix == ".csv":
            yield " ".join(row[1] for row in csv.reader(raw.splitlines()) if len(row) > 1)
        elif path.suffix == ".jsonl":
            for line in raw.splitlines():
                yield json.loads(line).get("text", "") if line.strip() else ""
        else:
            yield raw


def test_no_evaluation_text_in_the_repository(shared_eval):
    known: set[int] = set()
    for text in eval_texts(shared_eval):
        known |= runs(text)
    copied = {}
    for top in SCANNED:
        for path in [ROOT / top] if (ROOT / top).is_file() else sorted((ROOT / top).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".json", ".jsonl", ".csv", ".md"):
                hits = runs(path.read_text(encoding="utf-8", errors="ignore")) & known
                if hits:
                    copied[str(path.relative_to(ROOT))] = len(hits)
    assert not copied, f"runs of {N} words copied from ../shared/eval: {copied}"
