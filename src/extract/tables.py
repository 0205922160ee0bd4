"""Extraction: rows -> pandas DataFrames, and the writers.

The tables are `articles` and one per registered stage (`extract.stages`), in stage order;
each table's columns are the fields of its row dataclass, in order; the README documents
them. Writes are atomic: a table is written to a hidden temporary file in the output
folder and renamed over the old one, so an interrupted run leaves the old file or the new
one, never half of one.
"""

from __future__ import annotations

import dataclasses
import operator
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extract import stages
from extract.article import Article


@dataclass(frozen=True)
class ArticleRow:
    doc_id: str
    source: str
    title: str
    published: str  # ISO 8601, "" when unknown
    words: int
    error: str  # "" when the article was processed
    published_source: str  # html, json, dateline, argument or ""
    encoding: str
    duplicate_of: str  # source of the first article with this doc_id, "" otherwise
    warning: str  # why the article may not be what it seems (paywall, not English, ...), or ""

    @classmethod
    def from_article(cls, article: Article, duplicate_of: str = "") -> ArticleRow:
        published = article.published.isoformat() if article.published else ""
        return cls(
            article.doc_id,
            article.source,
            article.title,
            published,
            article.words,
            article.error,
            article.published_source,
            article.encoding,
            duplicate_of,
            article.warning,
        )


def schema() -> dict[str, type]:
    """Table name -> row dataclass: `articles`, then every stage's table in stage order."""
    return {"articles": ArticleRow, **{s.name: s.row for s in stages.stages()}}


def names() -> list[str]:
    return list(schema())


FORMATS = ("csv", "parquet")
_DTYPES = {"int": "int64", "float": "float64", "bool": "bool", "str": "object"}
_ARROW = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string()}


def columns(table: str) -> list[str]:
    return [f.name for f in dataclasses.fields(schema()[table])]


def kinds(table: str) -> dict[str, str]:
    """Column -> "int", "float", "bool" or "str", read off the row dataclass."""
    return {f.name: str(f.type).split("|")[0].strip() for f in dataclasses.fields(schema()[table])}


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(name, _ARROW.get(kind, pa.string())) for name, kind in kinds(table).items()])


def frame(table: str, rows: Iterable[object]) -> pd.DataFrame:
    """A DataFrame with the table's columns and dtypes, also when there are no rows."""
    df = pd.DataFrame(_values(table, rows), columns=columns(table))
    return typed(table, df)


def arrow(table: str, rows: Iterable[object]) -> pa.Table:
    """An Arrow table with the table's columns and types (what the store loads: no pandas
    conversion on the way)."""
    schema = arrow_schema(table)
    values = _values(table, rows)
    cols = list(zip(*values, strict=True)) if values else [()] * len(schema)
    return pa.Table.from_arrays(
        [pa.array(col, type=field.type) for col, field in zip(cols, schema, strict=True)],
        schema=schema,
    )


def _values(table: str, rows: Iterable[object]) -> list[tuple]:
    """Each row's values, in column order."""
    names = columns(table)
    get = operator.attrgetter(*names)  # rows are flat: no deep copy as astuple makes
    values = get if len(names) > 1 else (lambda r: (get(r),))  # one name: a bare value
    return [values(r) for r in rows]


def typed(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """The DataFrame with the table's dtypes."""
    return df.astype({name: _DTYPES.get(kind, "object") for name, kind in kinds(table).items()})


class Extraction:
    """The tables of one run, one pandas DataFrame each: `articles` and one per stage
    (`entities`, `amounts`, `dates`, `sectors`, `deals`), read as attributes or by name."""

    def __init__(self, **tables: pd.DataFrame) -> None:
        unknown = set(tables) - set(schema())
        if unknown:
            raise TypeError(f"Extraction: no such tables: {', '.join(sorted(unknown))}")
        self._tables = {name: tables.get(name, frame(name, [])) for name in schema()}

    @classmethod
    def from_rows(cls, rows: dict[str, list]) -> Extraction:
        return cls(**{name: frame(name, rows.get(name, [])) for name in schema()})

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("_tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"Extraction has no table {name!r}; tables: {', '.join(tables)}")

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self._tables[name]

    def __dir__(self) -> list[str]:
        return [*super().__dir__(), *self._tables]

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(df)}" for name, df in self._tables.items())
        return f"Extraction({sizes})"

    def tables(self) -> dict[str, pd.DataFrame]:
        return dict(self._tables)

    def to_csv(self, out: str | Path) -> list[Path]:
        """Writes `<table>.csv` (UTF-8 with BOM so spreadsheets read accents) for every table."""
        return self._write(out, "csv")

    def to_parquet(self, out: str | Path) -> list[Path]:
        """Writes `<table>.parquet` for every table."""
        return self._write(out, "parquet")

    def _write(self, out: str | Path, fmt: str) -> list[Path]:
        out = Path(out)
        return [
            write_table([df], out / f"{name}.{fmt}", arrow_schema(name))
            for name, df in self.tables().items()
        ]


# Spreadsheets run a cell that begins with one of these as a formula (formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with text cells that a spreadsheet would run as a formula made inert by a
    leading apostrophe, as OWASP recommends for CSV files ("=HYPERLINK(...)" ->
    "'=HYPERLINK(...)"). Only CSV is written this way; Parquet and the store keep the text."""
    text = [c for c in df.columns if df[c].dtype == object]
    risky = {c: df[c].str.startswith(_FORMULA_START, na=False) for c in text}
    risky = {c: mask for c, mask in risky.items() if mask.any()}
    if not risky:
        return df
    df = df.copy()
    for column, mask in risky.items():
        df.loc[mask, column] = "'" + df.loc[mask, column]
    return df


def write_table(chunks: Iterable[pd.DataFrame | pa.Table], target: Path, schema: pa.Schema) -> Path:
    """Writes DataFrame chunks (or Arrow tables, for Parquet) as one CSV or Parquet file (by
    suffix), atomically.

    Chunks are appended one at a time (Parquet row groups), so memory does not grow with the
    table; the file appears under its name only when complete.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    writer = None
    try:
        for number, df in enumerate(chunks):
            if target.suffix == ".csv":
                first = number == 0
                safe(df).to_csv(
                    tmp,
                    mode="w" if first else "a",
                    header=first,
                    index=False,
                    encoding="utf-8-sig" if first else "utf-8",
                )
            else:
                table = (
                    df
                    if isinstance(df, pa.Table)
                    else pa.Table.from_pandas(df, preserve_index=False, schema=schema)
                )
                writer = writer or pq.ParquetWriter(tmp, schema)
                writer.write_table(table)
        if writer is not None:
            writer.close()
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target
