"""Executors decide which process analyses which batch; results always come back in input order.

- `local`: this process (jobs=1) or a pool of `jobs` worker processes, each loading the model
  once; at most 2 batches per worker are in flight, so memory stays bounded.
- `dask`: the same batches on a Dask distributed cluster (one model per worker process);
  `scheduler` is its address, or None to start a local cluster of `jobs` workers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from extract.config import Settings
from extract.pipeline import Result, analyse, batches

ENGINES = ("local", "dask")


def run(
    prepared: Iterable[Result],
    settings: Settings,
    engine: str = "local",
    scheduler: str | None = None,
) -> Iterator[list[Result]]:
    """Analysed batches of Results, in order."""
    chunks = batches(prepared, settings.batch_size)
    if engine == "dask":
        yield from _dask(chunks, settings, scheduler)
    elif settings.jobs <= 1:
        for chunk in chunks:
            yield analyse(chunk, settings)
    else:
        with ProcessPoolExecutor(settings.jobs, initializer=_warm, initargs=(settings,)) as pool:
            yield from _ordered(
                chunks, lambda c: pool.submit(analyse, c, settings), 2 * settings.jobs
            )


def _dask(chunks: Iterable[list[Result]], settings: Settings, scheduler: str | None):
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
            chunks, lambda c: client.submit(analyse, c, settings, pure=False), window
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


def _warm(settings: Settings) -> None:
    from extract.nlp import load

    load(settings)
