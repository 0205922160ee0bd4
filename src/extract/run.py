"""One run: read -> resume -> schedule (executors) -> store -> export.

`run(inputs, out=DIR)` is what `extract run` does: articles not finished in `DIR/extract.duckdb`
under the same settings are analysed in batches (here, in worker processes or on a Dask
cluster), each batch committed to the store in one transaction, and the tables exported from
the store. `run(inputs)` with no `out` keeps the rows in memory instead (what
`extract.extract_folder` returns). The CLI and the library call nothing else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract import executors, stages
from extract.article import Article
from extract.config import Settings
from extract.pipeline import Result, prepare
from extract.tables import Extraction


@dataclass
class Summary:
    """What a run did: counts for the closing line, and where its tables are."""

    articles: int = 0  # in the store (or in memory) after the run, failed ones included
    errors: int = 0  # articles with an error row
    warnings: int = 0  # articles with a warning (paywall, no body, not English, ...)
    undated: int = 0  # articles with dates that need a publication date they lack
    unchanged: int = 0  # finished by an earlier run and not processed again
    removed: int = 0  # articles whose source is gone: their rows were removed
    written: list[Path] = field(default_factory=list)  # table files written
    notes: list[str] = field(default_factory=list)  # what the user should hear about
    extraction: Extraction | None = None  # the tables, when the run kept them in memory


def run(inputs: Iterable[str | Path], settings: Settings, **options: Any) -> Summary:
    """Extracts every article of the files and folders in `inputs`; `options` are those of
    `run_articles` (`out`, `formats`, `engine`, ...). The output folder is never read."""
    from extract.readers import read_inputs

    inputs = list(inputs)
    for item in inputs:
        if not Path(item).exists():
            raise ValueError(f"{item}: no such file or folder")
    out = options.get("out")
    return run_articles(read_inputs(inputs, exclude=[out] if out else []), settings, **options)


def run_articles(
    articles: Iterable[Article],
    settings: Settings,
    *,
    out: str | Path | None = None,
    formats: Iterable[str] = ("csv",),
    engine: str = "local",
    scheduler: str | None = None,
    on_batch: Callable[[list[Result]], None] | None = None,
    keep_removed: bool = False,
) -> Summary:
    """Extracts these articles (`run` reads them from files; `extract_text` passes one).

    With `out`, the rows go to the store there (resuming what an earlier run finished) and
    each table is exported in every format of `formats`; without, they are kept in memory
    (`Summary.extraction`). `on_batch` is called with each finished batch (progress bars).
    Articles stored by an earlier run whose file is gone, or whose record is gone from a file
    read again, lose their rows unless `keep_removed`.
    """
    if out is None:
        sink: _Sink = _Memory()
    else:
        from extract.store import Store

        sink = _Stored(Store(out), settings, keep_removed)
    try:
        spool = sink.spool() if engine == "dask" else None  # where workers write rows
        # The second wave is what the first made stale (duplicates of changed originals).
        for wave in (lambda: sink.todo(articles), sink.again):
            prepared = prepare(wave(), settings, sink.seen())
            for batch, parts in executors.run(prepared, settings, engine, scheduler, spool):
                sink.add(batch, parts)
                if on_batch is not None:
                    on_batch(batch)
        if spool is not None:
            spool.rmdir()  # every part was loaded and removed
        return sink.finish(tuple(formats))
    finally:
        sink.close()


class _Sink:
    """Where finished batches go: the run's store, or memory."""

    unchanged = 0
    removed = 0

    def todo(self, articles: Iterable[Article]) -> Iterator[Article]:
        return iter(articles)

    def again(self) -> Iterator[Article]:
        """Articles to process once more after the first pass (none by default)."""
        return iter(())

    def seen(self) -> dict[str, str]:
        return {}

    def spool(self) -> Path | None:
        return None

    def add(self, batch: list[Result], parts: dict[str, str]) -> None:
        raise NotImplementedError

    def finish(self, formats: tuple[str, ...]) -> Summary:
        raise NotImplementedError

    def close(self) -> None:
        pass


class _Memory(_Sink):
    def __init__(self) -> None:
        self.rows: dict[str, list] = defaultdict(list)

    def add(self, batch: list[Result], parts: dict[str, str]) -> None:
        for result in batch:
            self.rows["articles"].append(result.row)
            for name, found in result.rows.items():
                self.rows[name].extend(found)

    def finish(self, formats: tuple[str, ...]) -> Summary:
        articles = self.rows["articles"]
        return Summary(
            articles=len(articles),
            errors=sum(bool(a.error) for a in articles),
            warnings=sum(bool(a.warning) for a in articles),
            undated=len({d.doc_id for d in self.rows["dates"] if not d.resolved}),
            extraction=Extraction.from_rows(self.rows),
        )


class _Stored(_Sink):
    def __init__(self, store, settings: Settings, keep_removed: bool) -> None:
        self.store = store
        self.keep_removed = keep_removed
        # A run with other settings or other stages processes every article again.
        fingerprint = f"{settings.fingerprint()} stages={stages.fingerprint()}"
        self.finished = store.begin_run(fingerprint)
        self.read: set[tuple[str, int, int]] = set()  # keys of the articles read this run

    def todo(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            self.read.add(article.key)
            if not article.error and self.finished.get(article.key) == article.digest:
                self.unchanged += 1
            else:
                yield article

    def again(self) -> Iterator[Article]:
        """After the first pass: the rows of removed sources go, then duplicates whose original
        changed or went are read again and processed on their own (or as duplicates of another
        article that now has their content)."""
        from extract.readers import read_file

        if not self.keep_removed:
            self.removed = self.store.remove(self.gone())
        stale = self.store.stale_duplicates()  # now, before the wave asks what is seen
        files = [Path(f) for f in sorted({key[0] for key in stale}) if Path(f).is_file()]
        return (a for path in files for a in read_file(path) if a.key in stale)

    def seen(self) -> dict[str, str]:
        return self.store.seen()

    def spool(self) -> Path | None:
        return self.store.spool()

    def add(self, batch: list[Result], parts: dict[str, str]) -> None:
        self.store.add(batch, parts)

    def gone(self) -> list[tuple[str, int, int]]:
        """Stored articles whose file no longer exists, or whose record was not in its file
        when this run read it."""
        files_read = {key[0] for key in self.read}
        return [
            key
            for key in self.store.keys() - self.read
            if key[0] in files_read or not Path(key[0]).exists()
        ]

    def finish(self, formats: tuple[str, ...]) -> Summary:
        written = [path for fmt in formats for path in self.store.export(fmt)]
        total, failed, warned = self.store.counts()
        return Summary(
            total,
            failed,
            warned,
            self.store.undated(),
            self.unchanged,
            self.removed,
            written,
            notes=self.store.notes,
        )

    def close(self) -> None:
        self.store.close()
