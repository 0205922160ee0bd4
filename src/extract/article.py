"""Article: one news article as read, the record that flows through the pipeline."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Article:
    doc_id: str  # stable id: the file's own id, or a hash of its content
    source: str  # file the article came from (with ":line" for JSONL)
    text: str  # the text every start/end offset indexes
    title: str = ""
    published: datetime | None = None  # resolves relative dates
    published_source: str = ""  # where `published` came from: html, json, argument, ...
    error: str = ""  # "file: stage: reason" when the article could not be read
    encoding: str = ""
    warning: str = ""  # why the article may not be what it seems ("not English (French)"; ...)

    @property
    def words(self) -> int:
        return len(self.text.split())


def content_id(text: str) -> str:
    """A short stable id for a text: same content, same id."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
