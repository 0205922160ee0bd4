"""Executors decide which process analyses which batch; results always come back in input order.

- `local`: this process (jobs=1) or a pool of `jobs` worker processes, each loading the model
  once; at most 2 batches per worker are in flight, so memory stays bounded.
- `dask`: the same batches on a Dask distributed cluster (one model per worker process);
  `scheduler` is its address, or None to start a local cluster of `jobs` workers. Each worker
  writes its batch's extracted rows as Parquet parts into `spool` (in the output folder) and
  sends back only the article rows, so the rows never pass through the scheduler or sit in
  the driver's memory; a worker that cannot see `spool` (no shared storage) sends them back.

Each item yielded is (Results, parts): parts maps a table to the Parquet file holding the
batch's rows of it (empty when the rows are in the Results), as `Store.add` takes them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from extract.config import Settings
from extract.pipeline import Result, analyse, batches

ENGINES = ("local", "dask")


def run(
    prepared: Iterable[Result],
    settings: Settings,
    engine: str = "local",
    scheduler: str | None = None,
    spool: Path | None = None,
) -> Iterator[tuple[list[Result], dict[str, str]]]:
    """Analysed batches of Results with their parts, in order."""
    chunks = batches(prepared, settings.batch_size)
    if engine == "dask":
        yield from _dask(chunks, settings, scheduler, spool)
    elif settings.jobs <= 1:
        for chunk in chunks:
            yield analyse(chunk, settings), {}
    else:
        with ProcessPoolExecutor(settings.jobs, initializer=_warm, initargs=(settings,)) as pool:
            batches_done = _ordered(
                chunks, lambda c: pool.submit(analyse, c, settings), 2 * settings.jobs
            )
            yield from ((results, {}) for results in batches_done)


def _dask(
    chunks: Iterable[list[Result]], settings: Settings, scheduler: str | None, spool: Path | None
):
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise ValueError("--engine dask needs the dask extra: pip install -e '.[dask]'") from err
    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(
            n_workers=max(1, settings.jobs),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        window = 2 * max(1, len(client.scheduler_info()["workers"]))
        submitted = _ordered(
            chunks,
            lambda c: client.submit(_analyse_to_parts, c, settings, spool, pure=False),
            window,
        )
        yield from submitted
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _ordered(chunks: Iterable, submit: Callable[[list], Future], window: int) -> Iterator:
    """Submits chunks keeping at most `window` in flight, yielding results in submission order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _analyse_to_parts(
    chunk: list[Result], settings: Settings, spool: Path | None
) -> tuple[list[Result], dict[str, str]]:
    """On a worker: analyses the batch and writes its rows into `spool`, if the worker sees it."""
    from extract.store import write_parts

    results = analyse(chunk, settings)
    if spool is None or not Path(spool).is_dir():
        return results, {}
    return results, write_parts(results, spool)


def _warm(settings: Settings) -> None:
    analyse([], settings)  # loads the model and builds the extractors' matchers
