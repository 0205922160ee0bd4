"""extract: news articles -> tables of entities, money amounts, dates and sectors.

>>> import extract
>>> result = extract.extract_text("Toyota will invest $1 billion in Kentucky.",
...                               published="2025-02-07")
>>> result.amounts[["text", "value", "currency"]]
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from extract.article import Article, content_id
from extract.config import Settings
from extract.run import run
from extract.tables import Extraction

__all__ = ["Extraction", "Settings", "extract_folder", "extract_text", "run"]


def extract_text(
    text: str,
    *,
    published: date | datetime | str | None = None,
    doc_id: str | None = None,
    settings: Settings | None = None,
) -> Extraction:
    """Extract the tables from one article's text. `published` resolves relative dates."""
    from extract.published import parse_published

    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if doc_id is not None and not isinstance(doc_id, str):
        raise TypeError(f"doc_id must be a str, not {type(doc_id).__name__}")
    when = parse_published(published) if published is not None else None
    if published is not None and when is None:
        raise ValueError(f"published: not a date: {published!r}")
    article = Article(
        doc_id or content_id(text),
        "<text>",
        text,
        published=when,
        published_source="argument" if when else "",
    )
    from extract.run import run_articles

    return run_articles([article], settings or Settings()).extraction


def extract_folder(
    path: str | Path | Iterable[str | Path], *, settings: Settings | None = None
) -> Extraction:
    """Extract the tables from every article in the files below a folder (or a list of paths)."""
    inputs = [path] if isinstance(path, str | Path) else list(path)
    return run(inputs, settings or Settings()).extraction
