"""The alias table: names the model gets wrong or splits, pinned to one canonical entity.

A CSV with columns `alias, canonical, label, kb_id, sector` (sector: a taxonomy slug, may be
empty). The shipped `data/aliases.csv` is always loaded; a user file (Settings.alias_file,
CLI `--aliases`) adds rows and wins over shipped rows with the same alias. A nationality (NORP)
also stands for its people in the plural ("Greek" -> "Greeks") unless its word has no plural
("Swiss", "British", "Japanese").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

COLUMNS = ("alias", "canonical", "label", "kb_id", "sector")
# Endings of nationality words that take no plural "s": "Swiss", "British", "Dutch", "Japanese".
NO_PLURAL = ("s", "sh", "ch", "ese", "x", "z")


@dataclass(frozen=True)
class Alias:
    alias: str
    canonical: str
    label: str
    kb_id: str = ""
    sector: str = ""


def load_aliases(user_file: str | Path | None = None) -> tuple[Alias, ...]:
    """Shipped aliases plus the user's; a user row replaces a shipped row with the same alias."""
    return _load(str(user_file or ""))


@lru_cache(maxsize=8)
def _load(user_file: str) -> tuple[Alias, ...]:
    shipped = resources.files("extract") / "data" / "aliases.csv"
    rows = {a.alias: a for a in _read(shipped.read_text(encoding="utf-8"), "aliases.csv")}
    if user_file:
        path = Path(user_file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as err:
            raise ValueError(f"{path}: aliases: cannot read ({err.strerror})") from err
        rows.update({a.alias: a for a in _read(text, str(path))})
    for alias in list(rows.values()):
        plural = alias.alias + "s"
        if alias.label == "NORP" and not alias.alias.endswith(NO_PLURAL) and plural not in rows:
            rows[plural] = Alias(plural, alias.canonical, alias.label, alias.kb_id, alias.sector)
    return tuple(rows.values())


def _read(text: str, name: str) -> list[Alias]:
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"{name}: aliases: missing column(s) {', '.join(missing)}")
    out = []
    for line, row in enumerate(reader, start=2):
        values = {c: (row.get(c) or "").strip() for c in COLUMNS}
        if not values["alias"] or not values["canonical"] or not values["label"]:
            raise ValueError(f"{name}:{line}: aliases: alias, canonical and label are required")
        out.append(Alias(**values))
    return out
