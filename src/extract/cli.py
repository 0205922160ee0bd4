"""The `extract` command: run, eval. Argument parsing only; the work is in the library."""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import sys
from pathlib import Path

from extract.config import Settings
from extract.executors import ENGINES
from extract.tables import FORMATS


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except ValueError as err:
        print(f"extract: error: {err}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from extract.published import parse_published
    from extract.run import run

    published = None
    if args.published:
        published = parse_published(args.published)
        if published is None:
            raise ValueError(f"--published: not a date: {args.published!r}")
    settings = dataclasses.replace(_settings(args), published=published, jobs=args.jobs)
    bar = tqdm(unit=" articles", disable=True if args.quiet else None, file=sys.stderr)
    words = errors = 0

    def progress(batch) -> None:
        nonlocal words, errors
        words += sum(r.article.words for r in batch)
        errors += sum(bool(r.article.error) for r in batch)
        bar.update(len(batch))
        elapsed = bar.format_dict["elapsed"] or 1e-9
        bar.set_postfix({"words/s": f"{words / elapsed:,.0f}", "errors": errors})

    formats = _formats(args)
    try:
        summary = run(
            args.inputs,
            settings,
            out=args.out,
            formats=formats,
            engine=args.engine,
            scheduler=args.scheduler,
            on_batch=progress,
            keep_removed=args.keep_removed,
        )
    finally:
        bar.close()
    for note in summary.notes:
        print(f"extract: {note}", file=sys.stderr)
    total, failed = summary.articles, summary.errors
    if not args.quiet or failed:
        noted = failed or summary.warnings
        where = f": see {Path(args.out) / f'articles.{formats[0]}'}" if noted else ""
        done = f" ({summary.unchanged:,} unchanged since the last run)" if summary.unchanged else ""
        if summary.removed:
            done += f" ({summary.removed:,} removed: their source is gone)"
        noun = "error" if failed == 1 else "errors"
        if summary.warnings:
            noun += f", {summary.warnings:,} with a warning (column `warning`)"

        tables = ", ".join(dict.fromkeys(p.stem for p in summary.written))
        kinds = "/".join(f".{fmt}" for fmt in formats)
        print(f"tables ({kinds}) in {args.out}: {tables}", file=sys.stderr)
        if summary.undated:
            print(
                f"{summary.undated:,} articles have dates that need a publication date "
                "(dates.resolved false): give one with --published YYYY-MM-DD, a JSON "
                "published/date field, a dateline or a dated path",
                file=sys.stderr,
            )
        print(f"{total:,} articles{done}, {failed:,} {noun}{where}", file=sys.stderr)
    return 1 if total == failed or (args.strict and failed) else 0


def _export(args: argparse.Namespace) -> int:
    from extract.store import FILENAME, Store

    if not (Path(args.out) / FILENAME).is_file():
        raise ValueError(f"{args.out}: no {FILENAME} here: run `extract run ... --out DIR` first")
    store = Store(args.out)
    formats = _formats(args)
    for fmt in formats:
        for path in store.export(fmt):
            print(path)
    store.close()
    return 0


def _report(args: argparse.Namespace) -> int:
    from extract import report

    return report.main(Path(args.out), Path(args.output) if args.output else None)


def _eval(args: argparse.Namespace) -> int:
    data = Path(args.data) if args.data else None
    if data is not None and not data.exists():
        raise ValueError(f"{data}: no such file")
    if args.cases:
        from extract.evaluate import cases

        cases.main(args.extractor, data, _settings(args))
    else:
        module = importlib.import_module(f"extract.evaluate.{_scorers()[args.extractor]}")
        module.main(data, _settings(args))
    return 0


def _tables() -> str:
    from extract.stages import stages

    return "; ".join(
        ["articles (one row per article read, failed ones included)"]
        + [f"{s.name} ({s.description})" if s.description else s.name for s in stages()]
    )


def _scorers() -> dict[str, str]:
    """`extract eval` choice -> module of extract.evaluate: each stage that has a scorer, and
    `pages` (the text read from web pages)."""
    from extract.stages import stages

    return {s.name: s.scorer for s in stages() if s.scorer} | {"pages": "pages"}


def _formats(args: argparse.Namespace) -> tuple[str, ...]:
    return FORMATS if args.format == "both" else (args.format,)


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(
        model=args.model,
        alias_file=Path(args.aliases) if args.aliases else None,
        min_sector_score=Settings.min_sector_score
        if getattr(args, "min_score", None) is None
        else args.min_score,
        batch_size=getattr(args, "batch_size", Settings.batch_size),
        max_chars=getattr(args, "max_chars", Settings.max_chars),
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extract",
        description="Extract entities, money amounts, dates, sectors and deals from news "
        "articles into tables (CSV or Parquet). Run `extract COMMAND --help` for each command.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    model = argparse.ArgumentParser(add_help=False)
    model.add_argument(
        "--model",
        default=Settings.model,
        help="installed spaCy pipeline to use (default: %(default)s; e.g. en_core_web_trf)",
    )
    model.add_argument(
        "--aliases",
        metavar="CSV",
        help="extra alias file (columns alias,canonical,label,kb_id,sector) pinning names",
    )

    run = commands.add_parser(
        "run",
        parents=[model],
        help="extract tables from article files and folders",
        description="Read every .txt, .html/.htm, .json and .jsonl article in INPUT files and "
        f"folders and write these tables into DIR (DIR/TABLE.csv or .parquet): {_tables()}. "
        "Finished work is kept in DIR/extract.duckdb: running again processes only new or "
        "changed files, and an interrupted run resumes where it stopped. "
        "A file that cannot be read becomes a row with an error in `articles`; the run goes on. "
        "Exit code 0 when at least one article was processed (1 otherwise, or with --strict "
        "when any failed).",
    )
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="article file or folder")
    run.add_argument("--out", required=True, metavar="DIR", help="output folder")
    run.add_argument(
        "--format",
        choices=(*FORMATS, "both"),
        default="csv",
        help="table format (default: %(default)s)",
    )
    run.add_argument(
        "--published",
        metavar="DATE",
        help="publication date (e.g. 2025-02-07) for articles whose file and text give none",
    )
    run.add_argument(
        "--min-score",
        type=float,
        metavar="X",
        help=f"lowest sector score reported (default: {Settings.min_sector_score})",
    )
    run.add_argument(
        "--batch-size", type=int, default=Settings.batch_size, help="texts per spaCy batch"
    )
    run.add_argument(
        "--max-chars",
        type=int,
        default=Settings.max_chars,
        help="longer articles become error rows (default: %(default)s)",
    )
    run.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="worker processes (default: %(default)s)"
    )
    run.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="where batches run: this machine, or a Dask cluster (needs the dask extra)",
    )
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address (e.g. tcp://10.0.0.5:8786); default: a local cluster "
        "of --jobs workers",
    )
    run.add_argument(
        "--keep-removed",
        action="store_true",
        help="keep the rows of articles whose file (or record) is gone since an earlier run "
        "(default: remove them)",
    )
    run.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    run.add_argument("--strict", action="store_true", help="exit 1 if any article failed")
    run.set_defaults(func=_run)

    export = commands.add_parser(
        "export",
        help="write the tables again from a run's store",
        description="Write the tables of an output folder again from its store (extract.duckdb).",
    )
    export.add_argument("out", metavar="DIR", help="output folder of an earlier run")
    export.add_argument("--format", choices=(*FORMATS, "both"), default="csv")
    export.set_defaults(func=_export)

    html = commands.add_parser(
        "report",
        help="write an HTML report of a run",
        description="Write one self-contained report.html for an output folder: each article's "
        "text with entities, amounts, dates and sector terms highlighted, charts across the run "
        "and the error rows. Opens without a network.",
    )
    html.add_argument("out", metavar="DIR", help="output folder of `extract run`")
    html.add_argument("--output", metavar="FILE", help="where to write (default: DIR/report.html)")
    html.set_defaults(func=_report)

    evaluate = commands.add_parser(
        "eval",
        parents=[model],
        help="score an extractor on labelled data",
        description="Score one extractor on the labelled sets in ../shared/eval/ (or --data) and "
        "print precision, recall and F1; the headline figure is on the last line.",
    )
    evaluate.add_argument("extractor", choices=list(_scorers()))
    evaluate.add_argument("--data", metavar="PATH", help="labelled file in the same format")
    evaluate.add_argument(
        "--cases",
        action="store_true",
        help="score the stage's example table (tests/cases/STAGE.jsonl, or --data) instead",
    )
    evaluate.set_defaults(func=_eval)
    return parser


if __name__ == "__main__":
    sys.exit(main())
