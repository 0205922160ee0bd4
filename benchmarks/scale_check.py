"""Scale check (not a test): `extract run --engine dask` on a local cluster, timed, with the
memory of every process sampled while it runs.

    python benchmarks/scale_check.py [--articles 20000] [--workers 2] [--batch-size 64]

The corpus is the Reuters-21578 texts of ../shared/eval/sectors/ (or --corpus: JSONL with
`text`), taken again with their lines in another order when more articles are asked for than
it holds, so that every article is new to the duplicate check. Prints the run's time, words
per second per worker, the peak RSS of the driver and of each worker, and the workers' RSS at
each tenth of the run (flat memory shows as a flat row). Figures go to docs/scale.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from extract.evaluate import shared_eval_dir


def articles(path: Path, n: int) -> list[str]:
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    out, turn = [], 0
    while len(out) < n:
        for text in texts[: n - len(out)]:
            lines = text.splitlines()
            cut = (turn * len(lines)) // 3 if turn % 2 == 0 else 0
            lines = lines[cut:] + lines[:cut] if turn % 2 == 0 else lines[::-1]
            out.append("\n".join(lines) if turn else text)
        turn += 1
    return out


def sample(root: psutil.Process, stop: threading.Event, seen: list[dict]) -> None:
    """Every half second: RSS (MB) of the driver and of each process under it."""
    while not stop.is_set():
        try:
            procs = [root, *root.children(recursive=True)]
            seen.append({p.pid: p.memory_info().rss / 2**20 for p in procs if p.is_running()})
        except psutil.Error:
            pass
        stop.wait(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--corpus", type=Path)
    args = parser.parse_args()
    path = args.corpus or shared_eval_dir() / "sectors" / "reuters21578-train.jsonl"
    texts = articles(path, args.articles)
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for i, text in enumerate(texts):
                f.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")
        command = [sys.executable, "-m", "extract", "run", str(src), "--out", f"{tmp}/out"]
        command += ["--engine", "dask", "--jobs", str(args.workers), "--quiet"]
        command += ["--batch-size", str(args.batch_size), "--format", "parquet"]
        seen: list[dict] = []
        stop = threading.Event()
        start = time.perf_counter()
        child = subprocess.Popen(command)
        watcher = threading.Thread(target=sample, args=(psutil.Process(child.pid), stop, seen))
        watcher.start()
        code = child.wait()
        seconds = time.perf_counter() - start
        stop.set()
        watcher.join()
        store_mb = (Path(tmp) / "out" / "extract.duckdb").stat().st_size / 2**20
    if code:
        sys.exit(f"extract run failed with exit status {code}")
    driver = child.pid
    peaks: dict[int, float] = {}
    for row in seen:
        for pid, mb in row.items():
            peaks[pid] = max(peaks.get(pid, 0.0), mb)
    # the workers: the processes that grew largest besides the driver (each loads the model)
    workers = sorted((p for p in peaks if p != driver), key=peaks.get)[-args.workers :]
    print(f"{args.articles:,} articles, {words:,} words, {args.workers} Dask workers, "
          f"batch {args.batch_size}: {seconds:.0f} s, {words / seconds:,.0f} words/s, "
          f"{words / seconds / args.workers:,.0f} words/s per worker")  # fmt: skip
    print(
        f"peak RSS: driver {peaks.get(driver, 0):,.0f} MB; workers "
        + ", ".join(f"{peaks[w]:,.0f} MB" for w in workers)
        + f"; store {store_mb:,.0f} MB"
    )
    tenths = [seen[min(len(seen) - 1, len(seen) * k // 10)] for k in range(1, 11)]
    print(
        "workers' RSS (MB) at each tenth of the run: "
        + "; ".join("/".join(f"{row.get(w, 0):.0f}" for w in workers) for row in tenths)
    )


if __name__ == "__main__":
    main()
