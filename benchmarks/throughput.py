"""Throughput benchmark (not a test): words/s and peak RSS, bare spaCy model vs the full pipeline.

    python benchmarks/throughput.py [--articles 2000] [--corpus PATH] [--scale 1000,10000]

Reads the Reuters-21578 texts from ../shared/eval/sectors/ (or --corpus: any JSONL with
`text`, optional `date`), and measures whole processes, each in a fresh process so peak RSS is
its own: the bare model (load, nlp.pipe) and the full pipeline (`extract run`: start-up, read,
parse, extract, store, CSV export), with 1 and 2 processes. `--scale` also runs the full
pipeline through the CLI on corpora of those sizes to show peak RSS does not grow with the
corpus. Prints a Markdown table for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from extract.evaluate import shared_eval_dir


def corpus(path: Path, n: int) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            rows.append(json.loads(line))
            if len(rows) == n:
                break
    while len(rows) < n:  # repeat the corpus (with new ids) to reach large sizes
        rows.append(rows[len(rows) % max(1, len(rows))] | {"id": f"r{len(rows)}"})
    return rows


# The bare model, as a whole process: load it, run nlp.pipe over the corpus's texts.
BARE = """
import json, sys, spacy
from extract.config import Settings
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(Settings.model)
for _ in nlp.pipe(texts, batch_size=Settings.batch_size, n_process=int(sys.argv[2])):
    pass
"""


def measure(mode: str, jobs: int, path: Path, n: int) -> dict:
    """Runs in a child process: one configuration as a whole process (start-up, model load,
    reading, and for `full` the store and the CSV export: `extract run` as a user runs it),
    timed from its start to its exit."""
    rows = corpus(path, n)
    words = sum(len(r["text"].split()) for r in rows)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for i, r in enumerate(rows):
                record = {"id": str(r.get("id", i)), "text": r["text"], "date": r.get("date")}
                f.write(json.dumps(record) + "\n")
        if mode == "bare":
            command = [sys.executable, "-c", BARE, str(src), str(jobs)]
        else:
            command = [sys.executable, "-m", "extract", "run", str(src), "--out", f"{tmp}/out"]
            command += ["--quiet", "--jobs", str(jobs)]
        start = time.perf_counter()
        subprocess.run(command, check=True)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"mode": mode, "jobs": jobs, "articles": n, "words": words, "seconds": seconds,
            "words_per_s": words / seconds, "peak_rss_mb": peak / 1024}  # fmt: skip


def child(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def cli_rss(path: Path, n: int) -> dict:
    """Peak RSS of a whole `extract run` over n articles (the scale check)."""
    rows = corpus(path, n)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for i, r in enumerate(rows):
                record = {"id": f"a{i}", "text": r["text"], "date": r.get("date")}
                f.write(json.dumps(record) + "\n")
        cmd = [sys.executable, "-m", "extract", "run", str(src), "--out", f"{tmp}/out", "--quiet"]
        start = time.perf_counter()
        subprocess.run(cmd, check=True)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"articles": n, "seconds": seconds, "peak_rss_mb": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--scale", default="", help="comma-separated corpus sizes, RSS check")
    parser.add_argument("--one", nargs=2, metavar=("MODE", "JOBS"), help=argparse.SUPPRESS)
    parser.add_argument("--cli-rss", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    path = args.corpus or shared_eval_dir() / "sectors" / "reuters21578-train.jsonl"
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]), path, args.articles)))
        return
    if args.cli_rss:
        print(json.dumps(cli_rss(path, args.cli_rss)))
        return
    machine = f"{platform.machine()}, {platform.processor() or 'cpu'}"
    print(f"Machine: {machine}, Python {platform.python_version()}; "
          f"corpus: {path.name}, {args.articles} articles\n")  # fmt: skip
    print("| pipeline | processes | words | seconds | words/s | peak RSS (MB) |")
    print("|---|---|---|---|---|---|")
    results = {}
    for mode in ("bare", "full"):
        for jobs in (1, 2):
            r = child("--one", mode, str(jobs), "--articles", str(args.articles), *_corpus(args))
            results[mode, jobs] = r
            print(f"| {mode} | {jobs} | {r['words']:,} | {r['seconds']:.1f} | "
                  f"{r['words_per_s']:,.0f} | {r['peak_rss_mb']:,.0f} |", flush=True)  # fmt: skip
    full1, bare1 = results["full", 1]["words_per_s"], results["bare", 1]["words_per_s"]
    print(f"\nfull / bare, 1 process: {full1 / bare1:.2f}x")
    print(f"full, 2 processes / 1 process: {results['full', 2]['words_per_s'] / full1:.2f}x")
    print(f"bare, 2 processes / 1 process: {results['bare', 2]['words_per_s'] / bare1:.2f}x")
    if args.scale:
        print("\n| `extract run` articles | seconds | peak RSS (MB) |\n|---|---|---|")
        for n in (int(x) for x in args.scale.split(",")):
            r = child("--cli-rss", str(n), *_corpus(args))
            print(f"| {n:,} | {r['seconds']:.0f} | {r['peak_rss_mb']:,.0f} |", flush=True)


def _corpus(args: argparse.Namespace) -> list[str]:
    return ["--corpus", str(args.corpus)] if args.corpus else []


if __name__ == "__main__":
    main()
