"""The run store: an embedded DuckDB file (`extract.duckdb`) in the output folder.

It holds every table's rows and, through `articles`, what is finished. Each batch of results
is committed in one transaction (the article rows with all their extracted rows), so a run
killed at any point resumes with nothing lost and nothing duplicated. A file whose content
is unchanged since a finished run is not processed again; a changed file replaces its rows.
Tables are exported from the store in a stable order (file, record, row), in chunks.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from extract.tables import arrow, arrow_schema, columns, frame, kinds, names, typed, write_table

FILENAME = "extract.duckdb"
SPOOL = ".parts"  # Parquet parts written by Dask workers, until the store has them
_SQL_TYPES = {"int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN", "str": "VARCHAR"}
# Key columns after each table's own: the article's source as shown, its key (file, line in a
# JSONL file, index in a JSON list), the row's number (the order rows are exported in), and the
# digest of what was read (whether the article changed). Carried as data, never parsed back.
_KEYS = {
    "_source": "str", "_file": "str", "_line": "int", "_index": "int", "_row": "int",
    "_hash": "str",
}  # fmt: skip
_ARROW_KEYS = {"int": pa.int64(), "str": pa.string()}
_ORDER = ("_file", "_line", "_index", "_row")
# Rows of a table whose article key is in the registered `_keys` table (file, line, index).
_OF_KEYS = "EXISTS (SELECT 1 FROM _keys k WHERE k.f = _file AND k.l = _line AND k.i = _index)"


class Store:
    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.notes: list[str] = []  # what the store did that the user should hear about
        self._lock = _lock(self.out)
        # Files a killed run left half-written (tables, parts, report): this run owns the
        # folder now, so none of them is being written.
        for leftover in self.out.glob(".*.tmp-*"):
            leftover.unlink(missing_ok=True)
        try:
            self.con = self._connect()
        except duckdb.Error as err:
            aside = self.out / f"{FILENAME}.broken-{time.strftime('%Y%m%d-%H%M%S')}"
            for path in (self.out / FILENAME, self.out / f"{FILENAME}.wal"):
                if path.exists():
                    path.rename(aside.with_name(aside.name + path.name[len(FILENAME) :]))
            self.notes.append(
                f"{self.out / FILENAME}: unreadable ({type(err).__name__}), moved to {aside.name}; "
                "every article is processed again"
            )
            self.con = self._connect()

    def _connect(self) -> duckdb.DuckDBPyConnection:
        # A small bounded buffer: the store does not cache the growing tables in memory, and
        # sorting a large table for export spills to disk instead. One thread: each sorting
        # thread needs its own blocks, and two ran out of 32 MB on 20,000 articles' entities.
        config = {"memory_limit": "32MB", "threads": 1}
        con = duckdb.connect(str(self.out / FILENAME), config=config)
        try:
            self.con = con
            self._create()
        except BaseException:
            con.close()
            raise
        return con

    def _create(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        if self._outdated():
            # Written by a version with other columns: its rows cannot be exported as they are,
            # so every table is emptied and the next run processes every article again.
            for name in self._tables():
                self.con.execute(f'DROP TABLE "{name}"')
            self.con.execute("DELETE FROM meta WHERE key = 'settings'")
        for name in names():
            cols = ", ".join(
                f'"{c}" {_SQL_TYPES.get(k, "VARCHAR")}' for c, k in kinds(name).items()
            )
            keys = ", ".join(f"{key} {_SQL_TYPES[kind]}" for key, kind in _KEYS.items())
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols}, {keys})")
        self.con.execute("CHECKPOINT")  # the schema is on disk; the WAL holds only results

    def _tables(self) -> dict[str, list[str]]:
        """Each stored row table -> its columns, in order."""
        query = (
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_name <> 'meta' ORDER BY table_name, ordinal_position"
        )
        found: dict[str, list[str]] = {}
        for table, column in self.con.execute(query).fetchall():
            found.setdefault(table, []).append(column)
        return found

    def _outdated(self) -> bool:
        """Whether a stored table has other columns than today's schema gives it."""
        stored = self._tables()
        return any(name in stored and stored[name] != [*columns(name), *_KEYS] for name in names())

    def begin_run(self, fingerprint: str) -> dict[str, str]:
        """Records the run's settings; what is finished under the same settings (else nothing).

        A run with other settings (model, aliases, limits...) processes every article again,
        replacing its rows, so no table mixes rows made under different settings.
        """
        row = self.con.execute("SELECT value FROM meta WHERE key = 'settings'").fetchone()
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('settings', ?)", [fingerprint])
        self.con.execute("CHECKPOINT")
        return self.finished() if row and row[0] == fingerprint else {}

    def finished(self) -> dict[tuple[str, int, int], str]:
        """key -> digest of every article processed without error (duplicates included)."""
        query = "SELECT _file, _line, _index, _hash FROM articles WHERE error = ''"
        return {(f, line, i): digest for f, line, i, digest in self.con.execute(query).fetchall()}

    def seen(self) -> dict[str, str]:
        """digest -> source of every processed article that is no duplicate, for duplicate
        detection across runs: the same content read again is not processed again."""
        query = (
            "SELECT _hash, min(_source) FROM articles "
            "WHERE error = '' AND duplicate_of = '' GROUP BY _hash"
        )
        return dict(self.con.execute(query).fetchall())

    def keys(self) -> set[tuple[str, int, int]]:
        """The key of every stored article."""
        return set(self.con.execute("SELECT _file, _line, _index FROM articles").fetchall())

    def stale_duplicates(self) -> set[tuple[str, int, int]]:
        """Keys of duplicates whose original no longer holds their content (it changed or went):
        they must be processed on their own."""
        query = (
            "SELECT d._file, d._line, d._index FROM articles d WHERE d.duplicate_of <> '' "
            "AND NOT EXISTS (SELECT 1 FROM articles o WHERE o._source = d.duplicate_of "
            "AND o._hash = d._hash AND o.duplicate_of = '' AND o.error = '')"
        )
        return set(self.con.execute(query).fetchall())

    def remove(self, keys: Iterable[tuple[str, int, int]]) -> int:
        """Deletes the articles with these keys and all their rows; how many there were."""
        keys = list(keys)
        if not keys:
            return 0
        with self._keys(keys):
            self.con.execute("BEGIN TRANSACTION")
            try:
                for name in names():
                    self.con.execute(f"DELETE FROM {name} WHERE {_OF_KEYS}")
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
        return len(keys)

    @contextmanager
    def _keys(self, keys: list[tuple[str, int, int]]) -> Iterator[None]:
        f, line, i = zip(*keys, strict=True) if keys else ((), (), ())
        self.con.register("_keys", pa.table({"f": pa.array(f, pa.string()), "l": line, "i": i}))
        try:
            yield
        finally:
            self.con.unregister("_keys")

    def counts(self) -> tuple[int, int, int]:
        """(articles, articles with an error, articles with a warning) in the store."""
        return self.con.execute(
            "SELECT count(*), count(*) FILTER (error <> ''), count(*) FILTER (warning <> '') "
            "FROM articles"
        ).fetchone()

    def undated(self) -> int:
        """Articles with dates that need a publication date they lack (`dates.resolved`)."""
        if "resolved" not in columns("dates") if "dates" in names() else True:
            return 0
        query = "SELECT count(DISTINCT _source) FROM dates WHERE NOT resolved"
        return self.con.execute(query).fetchall()[0][0]

    def add(self, results: Iterable, parts: dict[str, str] | None = None) -> None:
        """Stores a batch of Results in one transaction, replacing older rows of their sources.

        `parts` (table -> Parquet file, see `write_parts`) holds the batch's extracted rows
        when a worker wrote them itself; DuckDB loads them and they are removed once committed.
        """
        results, parts = list(results), parts or {}
        with self._keys([r.article.key for r in results]):
            self.con.execute("BEGIN TRANSACTION")
            try:
                # Only re-processed articles have rows to replace: a batch of new articles does
                # not scan the large tables (which would also pull them into the buffer).
                stored = f"SELECT count(*) FROM articles WHERE {_OF_KEYS}"
                if self.con.execute(stored).fetchall()[0][0]:
                    for name in names():
                        self.con.execute(f"DELETE FROM {name} WHERE {_OF_KEYS}")
                for name in names():
                    if name in parts:
                        self.con.execute(
                            f"INSERT INTO {name} SELECT * FROM read_parquet(?)", [parts[name]]
                        )
                    else:
                        self._insert(name, _frame(name, results))
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
        for path in parts.values():
            Path(path).unlink(missing_ok=True)

    def _insert(self, name: str, rows: pa.Table) -> None:
        if not rows.num_rows:
            return
        self.con.register("_batch", rows)
        try:
            self.con.execute(f"INSERT INTO {name} SELECT * FROM _batch")
        finally:
            self.con.unregister("_batch")

    def export(self, fmt: str, chunk_rows: int = 20_480) -> list[Path]:
        """Writes every table as `<table>.<fmt>` in the output folder, from the store."""
        written = []
        for name in names():
            cols = ", ".join(f'"{c}"' for c in columns(name))
            query = f"SELECT {cols} FROM {name} ORDER BY {', '.join(_ORDER)}"
            target = self.out / f"{name}.{fmt}"
            written.append(
                write_table(self._chunks(name, query, chunk_rows), target, arrow_schema(name))
            )
        return written

    def _chunks(self, name: str, query: str, rows: int) -> Iterator[pd.DataFrame]:
        result = self.con.cursor().execute(query)
        yield frame(name, [])  # the header, also for an empty table
        while not (df := result.fetch_df_chunk(max(1, rows // 2048))).empty:
            yield typed(name, df)

    def spool(self) -> Path:
        """An empty folder for the Parquet parts workers write (leftovers of a killed run,
        never committed, are removed: their batches are processed again)."""
        folder = self.out / SPOOL
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        return folder.resolve()

    def close(self) -> None:
        self.con.close()
        self._lock.close()  # releases the folder


LOCK = ".extract.lock"


def _lock(out: Path):
    """Holds the output folder for this process (an advisory lock the kernel drops when the
    process ends, however it ends); a second run on the same folder is refused."""
    handle = open(out / LOCK, "a+")  # noqa: SIM115 - held until Store.close
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        raise ValueError(
            f"{out}: folder in use by PID {holder} (one run per output folder)"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def write_parts(results: list, folder: str | Path) -> dict[str, str]:
    """Writes the batch's extracted rows as one Parquet file per table in `folder` (atomically),
    and empties the Results' rows: what a Dask worker sends back is then only the article rows.
    Returns table -> file, for `Store.add`."""
    parts = {}
    for name in names():
        rows = _frame(name, results) if name != "articles" else None
        if rows is None or not rows.num_rows:
            continue
        target = Path(folder) / f"{name}-{uuid.uuid4().hex}.parquet"
        parts[name] = str(write_table([rows], target, rows.schema))
    for result in results:
        result.rows = {}
    return parts


def _frame(name: str, results: list) -> pa.Table:
    """The rows of table `name` for these Results, with the store's key columns."""
    rows, keys = [], []
    for result in results:
        article = result.article
        found = [result.row] if name == "articles" else result.rows.get(name, [])
        for number, row in enumerate(found):
            rows.append(row)
            keys.append((article.source, *article.key, number, article.digest))
    table = arrow(name, rows)
    values = list(zip(*keys, strict=True)) if keys else [()] * len(_KEYS)
    for (key, kind), column in zip(_KEYS.items(), values, strict=True):
        table = table.append_column(key, pa.array(column, type=_ARROW_KEYS[kind]))
    return table
