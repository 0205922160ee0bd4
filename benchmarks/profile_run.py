"""Where the time of `extract run` goes (not a test): each part of the run timed on its own.

    python benchmarks/profile_run.py [--articles 400] [--corpus PATH]

Over the first N Reuters-21578 texts of ../shared/eval/sectors/ (or --corpus: JSONL with
`text`), in this one process: start-up (imports; loading the model with the stages' rulers and
tables, and the warm-up article), reading the JSONL, the model's components one after another
(the bare model's and extract's own, which adds its rulers), each stage over the parsed Docs,
the store's transactions (batches of `Settings.batch_size`) and the CSV export. Each part is
the best of two rounds, except the stages: one pass each, as in a run (a second pass over the
same texts would find the stages' caches warm). Prints a Markdown table for
benchmarks/RESULTS.md; the same script run on an older checkout (PYTHONPATH=that/src) gives the
"before" column.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

_START = time.perf_counter()
import spacy  # noqa: E402 - timed: the imports are part of the start-up

from extract import pipeline, readers, stages, store  # noqa: E402
from extract.config import Settings  # noqa: E402
from extract.evaluate import shared_eval_dir  # noqa: E402

IMPORTS = time.perf_counter() - _START


def best(fn, rounds: int = 2) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def components(nlp, texts: list[str], batch: int) -> dict[str, float]:
    """Seconds per component, each run over all texts in turn (the tokenizer first)."""
    spent = {"tokenizer": 0.0}
    start = time.perf_counter()
    docs = [nlp.make_doc(t) for t in texts]
    spent["tokenizer"] = time.perf_counter() - start
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        docs = (
            list(proc.pipe(docs, batch_size=batch))
            if hasattr(proc, "pipe")
            else list(map(proc, docs))
        )
        spent[name] = time.perf_counter() - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--corpus", type=Path)
    args = parser.parse_args()
    path = args.corpus or shared_eval_dir() / "sectors" / "reuters21578-train.jsonl"
    settings = Settings()
    parts: dict[str, float] = {"start-up: imports": IMPORTS}
    start = time.perf_counter()
    nlp = pipeline._ready(settings)  # model, stages' set-up, warm-up article
    parts["start-up: model, stages' tables, warm-up"] = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        with path.open(encoding="utf-8") as f, src.open("w", encoding="utf-8") as out:
            for i, line in enumerate(f):
                if i == args.articles:
                    break
                record = json.loads(line)
                out.write(json.dumps({"id": str(i), "text": record["text"]}) + "\n")
        articles = []
        parts["reading JSONL"] = best(lambda: articles.__setitem__(
            slice(None), list(readers.read_inputs([src])))
        )  # fmt: skip
        texts = [a.text for a in articles]
        words = sum(len(t.split()) for t in texts)

        bare = spacy.load(settings.model)
        model_bare = {k: min(a, b) for (k, a), b in zip(
            components(bare, texts, settings.batch_size).items(),
            components(bare, texts, settings.batch_size).values(), strict=True)}  # fmt: skip
        model_ours = {k: min(a, b) for (k, a), b in zip(
            components(nlp, texts, settings.batch_size).items(),
            components(nlp, texts, settings.batch_size).values(), strict=True)}  # fmt: skip

        results = list(pipeline.prepare(articles, settings, {}))
        docs = list(nlp.pipe(texts, batch_size=settings.batch_size))
        for stage in stages.stages():

            def one_stage(stage=stage):
                for result, doc in zip(results, docs, strict=True):
                    rows = result.rows
                    rows[stage.name] = stage.extract(
                        doc, result.article, settings, **{n: rows[n] for n in stage.needs}
                    )

            parts[f"stage: {stage.name}"] = best(one_stage, rounds=1)  # caches cold, as in a run

        def store_all() -> dict[str, float]:
            with tempfile.TemporaryDirectory() as folder:
                db = store.Store(folder)
                start = time.perf_counter()
                for i in range(0, len(results), settings.batch_size):
                    db.add(results[i : i + settings.batch_size])
                middle = time.perf_counter()
                db.export("csv")
                end = time.perf_counter()
                db.close()
            return {"store (transactions)": middle - start, "export CSV": end - middle}

        rounds = [store_all(), store_all()]
        parts |= {k: min(r[k] for r in rounds) for k in rounds[0]}

    total_bare = sum(model_bare.values())
    print(f"{len(texts)} articles, {words:,} words; seconds (share of the bare model's time)\n")
    print("| part | seconds | share |\n|---|---:|---:|")
    rows = [*parts.items()][:3] + [(f"model: {k}", v) for k, v in model_ours.items()]
    rows += [*parts.items()][3:]
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {seconds / total_bare:.1%} |")
    print(f"| **model, bare {settings.model}** | {total_bare:.2f} | 100% |")
    changed = {k: v for k, v in model_bare.items() if abs(v - model_ours.get(k, 0)) > 0.05}
    print("\nbare model's components: " + ", ".join(f"{k} {v:.2f}" for k, v in model_bare.items()))
    if changed:
        print("differing from extract's: " + ", ".join(changed), file=sys.stderr)


if __name__ == "__main__":
    main()
