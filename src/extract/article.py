"""Article: one news article as read, the record that flows through the pipeline."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property


@dataclass(frozen=True)
class Article:
    doc_id: str  # stable id: the file's own id, or a hash of its content
    source: str  # where it came from, as shown: file (with ":line" for JSONL, "[i]" in a list)
    text: str  # the text every start/end offset indexes
    title: str = ""
    published: datetime | None = None  # resolves relative dates
    published_source: str = ""  # where `published` came from: html, json, argument, ...
    error: str = ""  # "file: stage: reason" when the article could not be read
    encoding: str = ""
    warning: str = ""  # why the article may not be what it seems ("not English (French)"; ...)
    file: str = ""  # the file read ("" when not from a file); with line and index, its key
    line: int = 0  # line of a JSONL file (1-based), else 0
    index: int = 0  # position in a JSON list, else 0
    dateline: str = ""  # one given beside the text (a JSON "dateline" field): "TORONTO, March 3 -"

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def key(self) -> tuple[str, int, int]:
        """What names this article across runs: its file and its place in the file."""
        return (self.file or self.source, self.line, self.index)

    @cached_property  # read per article by the run, prepare and the store's every row
    def digest(self) -> str:
        """A hash of what was read that shapes its rows (text, title, a publication date or a
        dateline given with it): an id names an article, this says whether it changed. Dates
        found later (dateline, path, --published) follow from the text, the key and the run's
        settings. Without a given dateline the hash is what it was before there was one."""
        given = self.published_source in ("html", "json", "argument") and self.published
        when = self.published.isoformat() if given else ""
        if self.dateline:
            when = f"{when}\x00{self.dateline}"
        return content_id(f"{self.title}\x00{when}\x00{self.text}")


def content_id(text: str) -> str:
    """A short stable id for a text: same content, same id."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
