"""Readers: files -> Articles. A file that cannot be read becomes an Article with `error` set.

Supported: `.txt`, `.html`/`.htm` (main text and metadata via trafilatura), `.json` (one object
or a list of objects) and `.jsonl` (one object per line) with `text` and optional `title`,
`published` (or `date`), `dateline` (one set apart from the text, as in Reuters-21578: it
names the place, which may tell the currency) and `id`. Every other file below an input folder
is reported as an error row, never silently skipped. Error messages read `file: stage: reason`.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import ftfy
from charset_normalizer import from_bytes

from extract import furniture
from extract.article import Article, content_id
from extract.published import parse_published

_NON_LATIN = {
    "Russian", "Bulgarian", "Ukrainian", "Serbian", "Belarusian", "Macedonian", "Kazakh",
    "Greek", "Japanese", "Chinese", "Korean", "Arabic", "Persian", "Hebrew", "Thai", "Hindi",
}  # fmt: skip
SUFFIXES = {".txt", ".html", ".htm", ".json", ".jsonl"}
MAX_BYTES = 200_000_000  # refuse to load single files beyond this (JSONL is streamed: no limit)

# Trailing navigation lines scraped with an article ("< Return To Japanese News |",
# "Share this article", "© 2025 ..."). Only trailing lines are cut, so offsets still index
# the file's own text.
_BOILERPLATE = re.compile(
    r"^\s*(?:[<>|»«›‹←→]|(?:return|back|go)\s+to\b|read\s+more\b|related\b|share\b|follow\s+us\b|"
    r"subscribe\b|sign\s+up\b|advertisement\b|copyright\b|©|all\s+rights\s+reserved\b|"
    r"click\s+here\b)|[|<>»«]\s*$",
    re.IGNORECASE,
)


def read_inputs(
    inputs: Iterable[str | Path], exclude: Iterable[str | Path] = ()
) -> Iterator[Article]:
    """All articles from files and folders, lazily, one file at a time. Folders in `exclude`
    (the run's output folder) are never read; a broken link or a link loop is an error row."""
    skip = {Path(p).resolve() for p in exclude}
    for path, problem in walk(inputs, skip):
        if problem:
            yield dataclasses.replace(failed(path, "read", problem), file=str(path))
        else:
            yield from read_file(path)


def walk(inputs: Iterable[str | Path], skip: set[Path]) -> Iterator[tuple[Path, str]]:
    """(file, "") for every file named or below a named folder, in sorted order, hidden ones
    skipped; (path, problem) for a link that leads nowhere or back into a folder above it."""
    for item in inputs:
        path = Path(item)
        if path.is_symlink() and not path.exists():
            yield path, "broken link (its target does not exist)"
        elif path.is_dir():
            yield from _walk_folder(path, skip, set())
        elif path.resolve() not in skip:
            yield path, ""


def _walk_folder(folder: Path, skip: set[Path], above: set[Path]) -> Iterator[tuple[Path, str]]:
    real = folder.resolve()
    if real in skip or any(real == s or s in real.parents for s in skip):
        return
    if real in above:
        yield folder, "link loop (leads back to a folder above it): not followed"
        return
    try:
        entries = sorted(folder.iterdir())
    except OSError as err:
        yield folder, f"cannot list folder ({err.strerror or err})"
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() and not entry.exists():
            yield entry, "broken link (its target does not exist)"
        elif entry.is_dir():
            yield from _walk_folder(entry, skip, above | {real})
        elif entry.resolve() not in skip:
            yield entry, ""


def read_file(path: Path) -> Iterator[Article]:
    """The articles in one file; failures are yielded as error Articles. Each carries its
    file (and line, index) as data: its key in the store."""
    for article in _read_file(path):
        yield dataclasses.replace(article, file=str(path))


def _read_file(path: Path) -> Iterator[Article]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield failed(path, "read", f"unsupported file type {suffix or '(none)'}")
        return
    if suffix == ".jsonl":
        yield from _jsonl(path)
        return
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield failed(path, "read", f"file too large ({size:,} bytes)")
            return
        raw = path.read_bytes()
    except OSError as err:
        yield failed(path, "read", err.strerror or str(err))
        return
    text, encoding = decode(raw)
    if text is None:
        yield failed(path, "read", encoding)
        return
    if suffix == ".txt":
        yield _plain(path, text, encoding)
    elif suffix in (".html", ".htm"):
        yield _html(path, text, encoding)
    else:
        yield from _json(str(path), text, encoding)


# Byte-order marks, longest first (a UTF-32 LE mark begins like a UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(raw: bytes) -> tuple[str | None, str]:
    """(text, encoding) with mojibake repaired, or (None, reason) for bytes that are not text.

    A byte-order mark decides first (UTF-8, UTF-16, UTF-32); then UTF-8; then
    charset-normalizer's guess."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return ftfy.fix_encoding(raw.decode(codec)), codec.removesuffix("-sig")
            except UnicodeDecodeError:
                return None, f"not text (a {codec} byte-order mark, but not {codec})"
    if b"\x00" in raw[:4096]:
        return None, "not text (NUL bytes)"
    try:
        text, encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(raw).best()
        if best is None:
            return None, "not text (no encoding fits)"
        text, encoding = str(best), best.encoding
        # On short Latin-script texts the detector guesses among many look-alike code pages
        # (cp775, cp1250, mac_latin2...); windows-1252 is what such files almost always are.
        if best.language not in _NON_LATIN:
            try:
                text, encoding = raw.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                pass
    # Only mojibake is repaired (quotes, widths and ligatures stay as written).
    return ftfy.fix_encoding(text), encoding


def trim_boilerplate(text: str) -> str:
    """The text without trailing navigation lines and trailing whitespace."""
    lines = text.rstrip().split("\n")
    while len(lines) > 1 and (not lines[-1].strip() or _BOILERPLATE.search(lines[-1])):
        lines.pop()
    return "\n".join(lines).rstrip()


def failed(path: Path | str, stage: str, reason: str) -> Article:
    source = str(path)
    return Article(
        doc_id=content_id(source), source=source, text="", error=f"{source}: {stage}: {reason}"
    )


def _plain(path: Path, text: str, encoding: str) -> Article:
    text = trim_boilerplate(text)
    if not text:
        return failed(path, "read", "empty file")
    first, _, rest = text.partition("\n")
    title = first.strip() if rest.strip() and _looks_like_title(first) else ""
    return Article(content_id(text), str(path), text, title=title, encoding=encoding)


def _looks_like_title(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 150 and line[-1] not in ".!?:;,\u201d\"'"


def _html(path: Path, html: str, encoding: str) -> Article:
    import trafilatura  # heavy import: only when HTML is read

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
        )
    except Exception as err:  # trafilatura raises many kinds on broken markup
        return failed(path, "html", f"cannot parse ({type(err).__name__}: {err})")
    title = (getattr(doc, "title", None) or "") if doc else ""
    text = trim_boilerplate(getattr(doc, "text", None) or "") if doc else ""
    cleaned = furniture.clean(text, title)
    published = parse_published(getattr(doc, "date", None)) if doc else None
    warning = page_warning(cleaned)
    return Article(
        content_id(cleaned.text or str(path)),
        str(path),
        "" if warning.startswith(NO_BODY) else cleaned.text,
        title=title,
        published=published,
        published_source="html" if published else "",
        encoding=encoding,
        warning=warning,
    )


NO_BODY = "no article body"
MIN_BODY = 30  # words: less is a photo caption, a teaser or a title, not an article: not analysed
SHORT_BODY = 80  # words: less is worth a look


def page_warning(cleaned: furniture.Cleaned) -> str:
    """Why a page's text may not be its article: "" when it looks like one."""
    words = len(cleaned.text.split())
    if words < MIN_BODY:
        found = f"{words} words" if words else "nothing"
        return f"{NO_BODY}: the page's text is {found} (a caption, teaser or title only)"
    notes = []
    if cleaned.paywall:
        notes.append("paywall: the text stops at a subscription notice")
    if words < SHORT_BODY:
        notes.append(f"short body ({words} words): a teaser rather than the article?")
    lang = furniture.language(cleaned.text)
    if lang and lang != "English":
        notes.append(f"not English ({lang})")
    return "; ".join(notes)


# htmldate (through trafilatura) with the time and its UTC offset kept: the published time is
# converted to UTC, not cut to the page's local date.
_DATE_PARAMS = {
    "extensive_search": True,
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


def _jsonl(path: Path) -> Iterator[Article]:
    """One line at a time, so a dump of any size is read in constant memory."""
    empty = True
    try:
        with path.open("rb") as f:
            for number, raw in enumerate(f, start=1):
                if not raw.strip():
                    continue
                empty, source = False, f"{path}:{number}"
                text, encoding = decode(raw)
                if text is None:
                    yield dataclasses.replace(failed(source, "read", encoding), line=number)
                else:
                    for article in _json(source, text, encoding):
                        yield dataclasses.replace(article, line=number)
    except OSError as err:
        yield failed(path, "read", err.strerror or str(err))
        return
    if empty:
        yield failed(path, "read", "empty file")


def _json(source: str, text: str, encoding: str) -> Iterator[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        yield failed(source, "json", f"malformed JSON ({err.msg} at column {err.colno})")
        return
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items):
        if isinstance(data, list):
            yield dataclasses.replace(_record(f"{source}[{index}]", item, encoding), index=index)
        else:
            yield _record(source, item, encoding)


def _record(source: str, item: object, encoding: str) -> Article:
    if not isinstance(item, dict):
        return failed(source, "json", f"expected an object, got {type(item).__name__}")
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        return failed(source, "json", "no 'text' field with content")
    raw_date = item.get("published") or item.get("date")
    dateline = item.get("dateline")
    published = parse_published(raw_date)
    given_id = item.get("id")
    return Article(
        str(given_id) if given_id not in (None, "") else content_id(text),
        source,
        text,
        title=str(item.get("title") or ""),
        published=published,
        published_source="json" if published else "",
        encoding=encoding,
        dateline=dateline.strip() if isinstance(dateline, str) else "",
    )
