"""The HTML report of a run: highlighted articles, charts across the run, and the error rows.

`write_report(out_dir)` reads the tables `extract run` wrote into `out_dir` (Parquet when present,
else CSV) and writes one self-contained `report.html`: inline CSS and inline SVG charts, no
scripts, fonts or network. The texts are not in the tables: an `articles.text` column is used
when present, else the source files are read again and matched by doc_id. An article whose
source is gone, or no longer slices back to its rows' offsets, is shown with its rows only.
Everything taken from the data is HTML-escaped.
"""

from __future__ import annotations

import io
import os
import re
from html import escape
from numbers import Real
from pathlib import Path

import pandas as pd

from extract.stages import stages
from extract.tables import columns, frame, kinds, names

MAX_ARTICLES = 300  # shown in full; the charts and the error rows always cover the whole run
# One colour per label; displaCy's defaults share colours between labels (DATE/TIME, MONEY/...).
COLORS = {
    "PERSON": "#c9b8ff", "ORG": "#7aecec", "GPE": "#feca74", "LOC": "#ff9561",
    "NORP": "#e2a6f7", "FAC": "#9cc9cc", "PRODUCT": "#bfeeb7", "EVENT": "#ffeb80",
    "WORK_OF_ART": "#f0d0ff", "LAW": "#ff8197", "LANGUAGE": "#ffc0cb", "MONEY": "#8fd694",
    "DATE": "#a8d8f0", "TIME": "#c4e3e8", "PERCENT": "#e8d5a8", "QUANTITY": "#d9d9c3",
    "ORDINAL": "#e6e6e6", "CARDINAL": "#dcdcdc",
}  # fmt: skip
OTHER_COLOR = "#dde3ea"  # quieter than the entity colours: terms (sector words), not names
BAR_COLOR = "#b5ead7"  # bars of a chart with no colour of its own


def write_report(out_dir: Path, dest: Path | None = None) -> Path:
    """Writes the report of the run in `out_dir` to `dest` (default out_dir/report.html)."""
    out_dir = Path(out_dir)
    dest = Path(dest) if dest is not None else out_dir / "report.html"
    tables = load_tables(out_dir)
    page = render(tables, article_texts(tables["articles"]), title=f"extract report: {out_dir}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.parent / f".{dest.name}.tmp-{os.getpid()}"
    try:
        tmp.write_text(page, encoding="utf-8")
        os.replace(tmp, dest)  # an interrupted write leaves the old report, never half of one
    finally:
        tmp.unlink(missing_ok=True)
    return dest


def main(out_dir: Path, dest: Path | None = None) -> int:
    """`extract report OUT_DIR [--output FILE]`: writes the report and prints its path."""
    print(write_report(out_dir, dest))
    return 0


def load_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    """The run's tables with "" for missing text and numbers as numbers; empty when absent."""
    if not out_dir.is_dir():
        raise ValueError(f"{out_dir}: report: no such folder")
    tables = {}
    for name in names():
        parquet, csv = out_dir / f"{name}.parquet", out_dir / f"{name}.csv"
        if parquet.is_file():
            df = pd.read_parquet(parquet)
        elif csv.is_file():
            # dtype=str: ids like "0042" stay text; numbers are converted below.
            df = pd.read_csv(csv, encoding="utf-8-sig", keep_default_na=False, dtype=str)
        elif name == "articles":
            raise ValueError(
                f"{out_dir}: report: no tables (articles.csv or articles.parquet); "
                f"run `extract run INPUT... --out {out_dir}` first"
            )
        else:
            df = frame(name, [])
        numeric = {col for col, kind in kinds(name).items() if kind in ("int", "float")}
        for col in df.columns:
            if col in numeric:
                df[col] = pd.to_numeric(df[col], errors="coerce")
            elif df[col].dtype == object:
                df[col] = df[col].fillna("").astype(str)
        tables[name] = df
    return tables


def article_texts(articles: pd.DataFrame) -> dict[str, str]:
    """doc_id -> text: the `text` column when present, else the source files read again."""
    from extract.readers import read_file

    texts = (
        dict(zip(articles["doc_id"], articles["text"], strict=True)) if "text" in articles else {}
    )
    texts = {doc_id: text for doc_id, text in texts.items() if text}
    wanted = articles[(articles["error"] == "") & ~articles["doc_id"].isin(texts)]
    wanted = wanted.head(MAX_ARTICLES)
    files = set()
    for source in wanted["source"]:
        # JSONL records carry ":line" (and JSON lists "[i]") after the file name.
        for candidate in (source, re.sub(r"(?::\d+)?(?:\[\d+\])?$", "", source)):
            if candidate and Path(candidate).is_file():
                files.add(Path(candidate))
                break
    needed = set(wanted["doc_id"])
    for path in sorted(files):
        for article in read_file(path):
            if article.doc_id in needed and not article.error:
                texts.setdefault(article.doc_id, article.text)
    return texts


def render(tables: dict[str, pd.DataFrame], texts: dict[str, str], title: str) -> str:
    """The whole page as a string."""
    articles = tables["articles"]
    ok = articles[articles["error"] == ""]
    shown = ok.head(MAX_ARTICLES)
    counts = ", ".join(f"<b>{len(tables[n]):,}</b> {n}" for n in names()[1:])
    summary = f"<b>{len(articles):,}</b> articles (<b>{len(articles) - len(ok):,}</b> errors)"
    summary += f", {counts}"
    if len(ok) > len(shown):
        summary += f"; the first {len(shown):,} articles are shown in full, the charts cover all"
    toc, sections = [], []
    for number, row in enumerate(shown.itertuples(index=False), start=1):
        rows = {s.name: tables[s.name][tables[s.name]["doc_id"] == row.doc_id] for s in stages()}
        found = ", ".join(f"{len(df)} {n}" for n, df in rows.items())
        toc.append(
            f'<li><a href="#article-{number}">{escape(row.title or row.source)}</a> '
            f'<span class="counts">{found}</span></li>'
        )
        sections.append(_article(number, row, texts.get(row.doc_id), rows))
    css = (Path(__file__).parent / "data" / "report.css").read_text(encoding="utf-8")
    charts = "".join(
        f'<div class="chart"><h3>{escape(t)}</h3>{svg}</div>' for t, svg in charts_of(tables)
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f'</title><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{css}</style></head><body><header><h1>{escape(title)}</h1>"
        f'<p class="summary">{summary}</p></header><nav><h2>Articles</h2>'
        f"<ol>{''.join(toc) or '<li class=empty>none</li>'}</ol></nav>"
        f'<section id="charts"><h2>Across the run</h2><div class="charts">{charts}</div></section>'
        f"{_errors(articles)}<main>{''.join(sections)}</main></body></html>\n"
    )


def _article(number: int, row, text: str | None, rows: dict[str, pd.DataFrame]) -> str:
    parts = (row.source, row.published or "no date", f"{row.words:,.0f} words", row.doc_id)
    if getattr(row, "duplicate_of", ""):
        body = f'<p class="note">Same text as article {escape(row.duplicate_of)}.</p>'
    elif text is None:
        body = '<p class="note">Text not available (source not found): rows only.</p>'
    elif not all(
        text[int(s) : int(e)] == t
        for df in rows.values()
        if {"start", "end", "text"} <= set(df.columns)
        for s, e, t in zip(df["start"], df["end"], df["text"], strict=True)
    ):
        body = '<p class="note">The source changed since the run: rows only.</p>'
    else:
        body = highlight(text, rows, f"#article-{number}-rows")
    shown = {s.name: s.report or tuple(columns(s.name)[1:]) for s in stages()}
    tables = "".join(
        f"<h3>{name}</h3>{_table(df, shown[name])}" for name, df in rows.items() if len(df)
    )
    return (
        f'<section class="article" id="article-{number}"><h2>{escape(row.title or row.source)}'
        f'</h2><p class="meta">{" · ".join(escape(str(p)) for p in parts)}</p>{body}'
        f'<details id="article-{number}-rows"><summary>Rows of this article</summary>'
        f"{tables or '<p class=empty>none</p>'}</details>"
        f'<p><a href="#">back to top</a></p></section>'
    )


def spans(text: str, rows: dict[str, pd.DataFrame]) -> list[tuple[int, int, str, str]]:
    """(start, end, label, note), no overlaps: what each stage's `mark` says its rows mark;
    where marks overlap, the earlier stage's wins."""
    found = []  # (priority, start, end, label, note)
    for priority, stage in enumerate(stages()):
        if stage.mark is None or stage.name not in rows:
            continue
        for row in rows[stage.name].itertuples(index=False):
            found.extend((priority, *mark) for mark in stage.mark(row, text))
    kept: list[tuple] = []
    for item in sorted(found):
        if all(item[2] <= k[1] or item[1] >= k[2] for k in kept):
            kept.append(item)
    return [item[1:] for item in sorted(kept, key=lambda k: k[1])]


def highlight(text: str, rows: dict[str, pd.DataFrame], link: str) -> str:
    """The text as displaCy markup, one colour per label; each note links to the rows."""
    from spacy import displacy

    colors, ents = {}, []
    for start, end, label, note in spans(text, rows):
        key = escape(label)  # displaCy writes labels and kb ids into its markup unescaped
        colors.setdefault(key.upper(), COLORS.get(label, OTHER_COLOR))
        ents.append(
            {"start": start, "end": end, "label": key, "kb_id": escape(note), "kb_url": link}
        )
    doc = {"text": text, "ents": ents, "title": None}
    return displacy.render(doc, style="ent", manual=True, options={"colors": colors})


def _table(df: pd.DataFrame, shown: tuple[str, ...]) -> str:
    cols = [c for c in shown if c in df.columns]
    return df[cols].to_html(index=False, border=0, escape=True, na_rep="", float_format=_number)


def _number(value: object) -> str:
    if not isinstance(value, Real) or value != value:  # NaN: no value
        return ""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _errors(articles: pd.DataFrame) -> str:
    failed = articles[articles["error"] != ""]
    if failed.empty:
        return ""
    table = failed[["source", "error"]].to_html(index=False, border=0, escape=True)
    return f'<section id="errors"><h2>Errors ({len(failed):,})</h2>{table}</section>'


def charts_of(tables: dict[str, pd.DataFrame]) -> list[tuple[str, str]]:
    """(title, inline SVG) for each chart across the run."""
    import matplotlib  # heavy import: only when a report is written

    # Text stays text in the SVG (small, searchable) and a "$" in a name is not math.
    with matplotlib.rc_context({"svg.fonttype": "none", "text.parse_math": False}):
        charts = []
        ents = tables["entities"]
        names = ents["canonical"].where(ents["canonical"] != "", ents["text"])
        for label in ents["label"].value_counts().index[:4]:
            top = names[ents["label"] == label].value_counts().head(10)
            charts.append((f"Top {label} entities (mentions)", _bars(top, COLORS.get(label))))
        by_sector = tables["sectors"].groupby("sector")["doc_id"].nunique()
        if len(by_sector):
            top = by_sector.sort_values(ascending=False).head(15)
            charts.append(("Sectors by article count", _bars(top, "#9fb4ca")))
        amounts = tables["amounts"]
        by = amounts.assign(currency=amounts["currency"].replace("", "(unknown)"))
        by = by.groupby("currency")["value"].agg(["count", "sum"])
        if len(by):
            by = by.sort_values("count", ascending=False).head(12)
            totals = [f"{n:,} · total {_compact(s)}" for n, s in by.itertuples(index=False)]
            charts.append(("Amounts by currency", _bars(by["count"], COLORS["MONEY"], totals)))
        articles = tables["articles"]
        published = articles.loc[articles["error"] == "", "published"].str[:10]
        dated = published[published != ""]
        if len(dated):
            # Daily bars stop being readable beyond a few months: then count by month.
            per = dated.str[:7] if dated.nunique() > 60 else dated
            title = f"Articles per publication date ({(published == '').sum():,} without a date)"
            charts.append((title, _bars(per.value_counts().sort_index(), "#7aa6d8", across=True)))
    return charts or [("No rows to chart", '<p class="empty">The run found nothing to chart.</p>')]


def _bars(counts: pd.Series, color: str | None, labels: list | None = None, *, across=False) -> str:
    """Horizontal bars, largest first; `across`: vertical bars in the index's order (dates)."""
    import matplotlib
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI backend needed

    fig = Figure(figsize=(6, 2.6 if across else max(1.4, 0.32 * len(counts) + 0.6)))
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    keys, color = [str(k) for k in counts.index], color or BAR_COLOR
    if across:
        bars = ax.bar(keys, counts.to_numpy(), color=color)
        ax.tick_params(axis="x", labelrotation=45 if len(counts) > 4 else 0)
    else:
        bars = ax.barh(keys, counts.to_numpy(), color=color, height=0.6)
        ax.invert_yaxis()
        ax.margins(x=0.3 if labels else 0.1)
    ax.bar_label(bars, labels=labels, padding=3)
    (ax.yaxis if across else ax.xaxis).get_major_locator().set_params(integer=True)
    buf = io.StringIO()
    # Several SVGs share one page: a salt from the data keeps their element ids apart.
    with matplotlib.rc_context({"svg.hashsalt": str(counts.to_dict())}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buf.getvalue()
    return svg[svg.index("<svg") :]


def _compact(value: float) -> str:
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"{value / size:,.3g}{suffix}"
    return f"{value:,.3g}"
