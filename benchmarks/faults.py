"""Fault injection (not a test): kill -9 at random moments, edit, remove, rename and add files
between runs, then compare every table with a clean run over the final files.

    python benchmarks/faults.py [--articles 300] [--rounds 10] [--seed 7]

The corpus is built from Reuters-21578 texts in ../shared/eval/sectors/ (or --corpus: any JSONL
with `text`), spread over every input format: .txt files, .html pages, JSONL dumps and a JSON
list. Each round first changes the folder (a few edits, removals, renames, new files, a JSONL
record edited in place), then starts `extract run` and sends SIGKILL at a random moment (some
rounds run to the end). A last run finishes the work; a clean run of the final folder into a
fresh output folder is the reference. Rows are compared as multisets per table (all columns):
lost = in the clean run only, stale = in the resumed run only, duplicated = more copies than in
the clean run. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

from extract.evaluate import shared_eval_dir
from extract.tables import names


def texts(path: Path, n: int) -> list[str]:
    found = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            found.append(json.loads(line)["text"])
            if len(found) == n:
                break
    return found


def write_corpus(folder: Path, pool: list[str], rng: random.Random) -> None:
    """A quarter each as .txt, .html, JSONL lines (two dumps) and one JSON list."""
    quarter = len(pool) // 4
    for i, text in enumerate(pool[:quarter]):
        (folder / f"t{i:03d}.txt").write_text(text, encoding="utf-8")
    for i, text in enumerate(pool[quarter : 2 * quarter]):
        page = f"<html><head><title>Story {i}</title></head><body><article>" + "".join(
            f"<p>{p}</p>" for p in text.split("\n") if p.strip()
        )
        (folder / f"h{i:03d}.html").write_text(page + "</article></body></html>", encoding="utf-8")
    lines = [json.dumps({"text": t}) for t in pool[2 * quarter : 3 * quarter]]
    half = len(lines) // 2
    (folder / "wire-a.jsonl").write_text("\n".join(lines[:half]) + "\n", encoding="utf-8")
    (folder / "wire-b.jsonl").write_text("\n".join(lines[half:]) + "\n", encoding="utf-8")
    records = [{"id": f"r{i}", "text": t} for i, t in enumerate(pool[3 * quarter :])]
    (folder / "list.json").write_text(json.dumps(records), encoding="utf-8")


def mutate(folder: Path, spare: list[str], rng: random.Random) -> list[str]:
    """A few changes of every kind; what was done, for the log."""
    done = []
    txts = sorted(folder.glob("*.txt"))
    for path in rng.sample(txts, min(3, len(txts))):
        path.write_text(path.read_text(encoding="utf-8") + " Shares closed higher.", "utf-8")
        done.append(f"edit {path.name}")
    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html"))
    for path in rng.sample(files, min(2, len(files))):
        path.unlink()
        done.append(f"remove {path.name}")
    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html"))
    for path in rng.sample(files, min(2, len(files))):
        target = path.with_name(f"renamed-{rng.randrange(10**6)}-{path.name}")
        path.rename(target)
        done.append(f"rename {path.name}")
    for _ in range(2):
        if spare:
            name = f"new-{rng.randrange(10**6)}.txt"
            (folder / name).write_text(spare.pop(), encoding="utf-8")
            done.append(f"add {name}")
    dump = folder / "wire-a.jsonl"
    lines = dump.read_text(encoding="utf-8").splitlines()
    if lines:
        k = rng.randrange(len(lines))
        record = json.loads(lines[k])
        record["text"] += " The company declined to comment."
        lines[k] = json.dumps(record)
        if len(lines) > 2 and rng.random() < 0.5:
            del lines[rng.randrange(len(lines))]  # a record removed from a dump
            done.append("drop a JSONL record")
        dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
        done.append(f"edit wire-a.jsonl line {k + 1}")
    return done


def run(folder: Path, out: Path, kill_after: float | None) -> str:
    command = [sys.executable, "-m", "extract", "run", str(folder), "--out", str(out)]
    proc = subprocess.Popen(
        [*command, "--quiet", "--batch-size", "8"],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if kill_after is None:
        _, err = proc.communicate()
        if proc.returncode not in (0, 1):
            raise SystemExit(f"run failed ({proc.returncode}): {err.decode()[-2000:]}")
        return "completed"
    try:
        proc.wait(timeout=kill_after)
        return "completed before the kill"
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return f"killed after {kill_after:.1f} s"


def rows(out: Path) -> dict[str, Counter]:
    found = {}
    for name in names():
        df = pd.read_csv(out / f"{name}.csv", keep_default_na=False, dtype=str)
        found[name] = Counter(map(tuple, df.itertuples(index=False)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    path = args.corpus or shared_eval_dir() / "sectors" / "reuters21578-train.jsonl"
    pool = texts(path, args.articles + 4 * args.rounds)
    spare = pool[args.articles :]
    with tempfile.TemporaryDirectory() as tmp:
        folder, resumed, clean = Path(tmp, "in"), Path(tmp, "resumed"), Path(tmp, "clean")
        folder.mkdir()
        write_corpus(folder, pool[: args.articles], rng)
        for number in range(1, args.rounds + 1):
            changes = mutate(folder, spare, rng) if number > 1 else ["first run"]
            kill = None if rng.random() < 0.2 else rng.uniform(2.0, 25.0)
            print(f"round {number}: {', '.join(changes)}; {run(folder, resumed, kill)}")
        run(folder, resumed, None)
        run(folder, clean, None)
        got, want = rows(resumed), rows(clean)
        print("\n| table | rows (clean run) | lost | stale | duplicated |")
        print("|---|---|---|---|---|")
        for name in names():
            lost = sum((want[name] - got[name]).values())
            extra = got[name] - want[name]
            duplicated = sum(n for row, n in extra.items() if row in want[name])
            stale = sum(extra.values()) - duplicated
            print(f"| {name} | {sum(want[name].values()):,} | {lost} | {stale} | {duplicated} |")


if __name__ == "__main__":
    main()
