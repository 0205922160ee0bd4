"""Hand grades of the rows the pipeline draws from the saved web pages, kept so anyone can re-grade.

    python benchmarks/webnews_grades.py entities [--pages STEM ...] [--ungraded]
    python benchmarks/webnews_grades.py sectors

The pages in ../shared/eval/webnews/ have no gold for entities or sectors, so an analyst grades
the rows. The grades live in `benchmarks/webnews-grades/<table>/<page>.tsv`, one file per page,
with the header `text label canonical n verdict note`. A row is found again by its key: the
page, its `text`, `label` and `canonical` (for sectors: the sector, its code and its evidence
words) and `n`. For entities `n` is a short hash of the words around the mention (so a row keeps
its grade when rows before it come or go), with `+k` on the k-th repeat of the same context; for
sectors, one row per sector, it is 0. After a code change only rows whose key is new are
ungraded; `--ungraded` lists them with some context so a re-grade reads only those; `--stub`
adds them to the files with the verdict `?`, to fill in.
Verdicts: `right` or an error class (see benchmarks/webnews-*.md).

Printed: per page and overall, rows, right, each error class, ungraded, and the share of graded
rows that are right. No page text of more than a few words is written into the repository.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent / "webnews-grades"
PAGES = Path(__file__).parents[1].parent / "shared" / "eval" / "webnews"
FIELDS = ["text", "label", "canonical", "n", "verdict", "note"]


def cut(text: str, words: int = 4) -> str:
    """The first words of a mention: enough to find it again, too few to copy the page."""
    parts = " ".join(str(text).split()).split(" ")
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def keyed_rows(table: str, pages: list[Path]) -> dict[str, list[dict]]:
    """Each page's rows from the production pipeline, with their grading key and some context."""
    from extract import extract_folder

    extraction = extract_folder(pages)
    stems = {row.doc_id: Path(row.source).stem for row in extraction.articles.itertuples()}
    texts = {}
    if table == "entities":
        from extract.readers import read_file

        texts = {Path(p).stem: next(iter(read_file(p))).text for p in pages}
    out: dict[str, list[dict]] = {Path(p).stem: [] for p in pages}
    seen: Counter = Counter()
    for row in getattr(extraction, table).itertuples():
        page = stems[row.doc_id]
        if table == "entities":
            key = (cut(row.text), row.label, cut(row.canonical))
            text = texts[page]
            context = text[max(0, row.start - 30) : row.end + 30].replace("\n", " ")
            anchor = hashlib.sha1(" ".join(context.split()).encode()).hexdigest()[:8]
        else:
            key = (row.sector, row.code, row.evidence or "")
            context = f"score {row.score:.2f}"
            anchor = ""
        n = seen[(page, *key, anchor)]
        seen[(page, *key, anchor)] += 1
        n = f"{anchor}+{n}" if anchor and n else anchor or str(n)
        out[page].append(dict(zip(FIELDS, (*key, n), strict=False), context=context))
    return out


def read_grades(table: str, page: str) -> dict[tuple, dict]:
    path = HERE / table / f"{page}.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {(r["text"], r["label"], r["canonical"], r["n"]): r for r in rows}


def write_grades(table: str, page: str, grades) -> None:
    path = HERE / table / f"{page}.tsv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS, delimiter="\t", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(grades)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("table", choices=["entities", "sectors"])
    parser.add_argument("--pages", nargs="*", help="page stems (default: every saved page)")
    parser.add_argument("--ungraded", action="store_true", help="list the rows still to grade")
    parser.add_argument(
        "--stub", action="store_true", help="add the ungraded rows to the grade files, verdict '?'"
    )
    parser.add_argument("--data", type=Path, default=PAGES, help="folder of saved pages")
    args = parser.parse_args()
    pages = sorted(args.data.glob("*.html"))
    if args.pages:
        pages = [p for p in pages if p.stem in set(args.pages)]
    if not pages:
        sys.exit(f"no pages in {args.data}")
    total: Counter = Counter()
    for page, rows in keyed_rows(args.table, pages).items():
        grades = read_grades(args.table, page)
        counts: Counter = Counter(rows=len(rows))
        for row in rows:
            grade = grades.get(tuple(row[f] for f in FIELDS[:4]))
            verdict = grade["verdict"] if grade and grade["verdict"] != "?" else "ungraded"
            counts[verdict] += 1
            if args.ungraded and verdict == "ungraded":
                print("\t".join([page, *(row[f] for f in FIELDS[:4]), row["context"]]))
            if args.stub and not grade:
                grades[tuple(row[f] for f in FIELDS[:4])] = {**row, "verdict": "?", "note": ""}
        if args.stub and grades:
            write_grades(args.table, page, grades.values())
        total.update(counts)
        if not args.ungraded:
            print(f"{page}: {summary(counts)}")
    print(f"ALL: {summary(total)}")


def summary(counts: Counter) -> str:
    graded = counts["rows"] - counts["ungraded"]
    share = counts["right"] / graded if graded else 0.0
    classes = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k != "rows")
    return f"{counts['rows']} rows ({classes}); right {share:.1%} of {graded} graded"


if __name__ == "__main__":
    main()
