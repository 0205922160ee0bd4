"""The stage registry: every extractor declares itself here once, and the rest derives from it.

A stage is a module or package below `extract.stages` with a module-level `STAGE = Stage(...)`:
its table name, its row dataclass, its `extract(doc, article, settings, **needs)` function, the
earlier stages whose rows it takes (`needs`) or whose annotations on the Doc it reads (`after`),
its data files under `extract/data/`, and an optional `setup(nlp, settings)` that adds its
spaCy components. `pipeline.extract_doc`, the table schema, `Extraction`, the store, the report,
`extract eval`'s choices and the documented tables all read `stages()`.

Adding a stage is one module here (or anywhere, then `register(STAGE)`), its data file and its
example table `tests/cases/<name>.jsonl` (see docs/architecture.md).
"""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data"


def data_path(name: str | Path) -> Path:
    """A file of `extract/data/`, where every table, list and pattern that is data lives (a
    stage registered from outside the package may name its own files by absolute path)."""
    return DATA / name


@dataclass(frozen=True)
class Stage:
    name: str  # its table's name
    row: type  # frozen dataclass: the table's columns, in order
    extract: Callable[..., list]  # (doc, article, settings, **{need: rows}) -> rows
    description: str = ""  # one line for --help and the docs
    needs: tuple[str, ...] = ()  # earlier stages whose rows `extract` takes, by name
    after: tuple[str, ...] = ()  # earlier stages whose Doc annotations it reads
    data: tuple[str | Path, ...] = ()  # its files in extract/data/ (or absolute paths)
    setup: Callable[[Any, Any], None] | None = None  # (nlp, settings): adds spaCy components
    scorer: str = ""  # module of extract.evaluate scoring it on labelled data, if any
    report: tuple[str, ...] = ()  # columns shown under each article in the HTML report
    # (row, article text) -> [(start, end, label, note)]: what the report highlights for a row
    mark: Callable[[Any, str], list[tuple[int, int, str, str]]] | None = None


_extra: dict[str, Stage] = {}  # stages registered from outside the package


def register(stage: Stage) -> Stage:
    """Adds a stage defined outside `extract.stages` (a plugin, or a test's toy stage). Register
    it before the first article is processed: a stage's `setup` runs when the model is loaded."""
    _extra[stage.name] = stage
    _ordered.cache_clear()
    return stage


def unregister(name: str) -> None:
    _extra.pop(name, None)
    _ordered.cache_clear()


def stages() -> tuple[Stage, ...]:
    """Every stage, each after the stages it needs or reads (ties in name order)."""
    return _ordered()


def stage(name: str) -> Stage:
    found = {s.name: s for s in stages()}
    if name not in found:
        raise ValueError(f"no stage {name!r}: choose from {', '.join(found)}")
    return found[name]


def upto(name: str) -> tuple[Stage, ...]:
    """The stages that run before `name` in a production run, and `name` itself."""
    ordered = stages()
    names = [s.name for s in ordered]
    return ordered[: names.index(stage(name).name) + 1]


def fingerprint() -> str:
    """Changes when a stage is added or removed or one of their data files changes."""
    digest = hashlib.sha1()
    for s in stages():
        digest.update(s.name.encode())
        for name in s.data:
            digest.update(data_path(name).read_bytes())
    return digest.hexdigest()[:16]


@cache
def _builtin() -> tuple[Stage, ...]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if isinstance(getattr(module, "STAGE", None), Stage):
            found.append(module.STAGE)
    return tuple(found)


@cache
def _ordered() -> tuple[Stage, ...]:
    pending = {s.name: s for s in (*_builtin(), *_extra.values())}
    for s in pending.values():
        missing = [d for d in (*s.needs, *s.after) if d not in pending]
        if missing:
            raise ValueError(f"stage {s.name!r} needs unknown stages: {', '.join(missing)}")
    done: list[Stage] = []
    while pending:
        ready = [s for s in pending.values() if not set(s.needs + s.after) & pending.keys()]
        if not ready:
            raise ValueError(f"stages with circular needs: {', '.join(pending)}")
        first = min(ready, key=lambda s: s.name)
        done.append(first)
        del pending[first.name]
    return tuple(done)
