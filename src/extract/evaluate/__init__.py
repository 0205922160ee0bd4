"""Scorers for `extract eval`: one module per extractor, each reading its shared data set.

Every scorer prints a small table and ends with its headline figure on the last line.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Set
from pathlib import Path


def shared_eval_dir() -> Path:
    """`../shared/eval` beside the project (or $EXTRACT_SHARED/eval)."""
    env = os.environ.get("EXTRACT_SHARED")
    if env:
        return Path(env) / "eval"
    here = Path.cwd() / ".." / "shared" / "eval"
    if here.is_dir():
        return here.resolve()
    repo = Path(__file__).resolve().parents[3]
    return (repo.parent / "shared" / "eval").resolve()


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def set_counts(found: Set, gold: Set) -> Counter:
    """tp, fp and fn of one case's found items against its gold items, to add up over cases."""
    return Counter(tp=len(found & gold), fp=len(found - gold), fn=len(gold - found))


def prf_line(name: str, tp: int, fp: int, fn: int) -> str:
    p, r, f = prf(tp, fp, fn)
    return f"{name:<16} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tp} fp={fp} fn={fn})"
