"""Page furniture: the lines of a web page's extracted text that are not the article.

trafilatura finds a page's main text; what it keeps of the page around it (credits, bylines and
contributor lines, newsletter and app lines, "Read more" lists and teasers, contact and comment
calls, helpline boxes, timestamps, citations, standards and republishing boilerplate, paywall
notices, the title repeated as a heading) is removed here, line by line, by the patterns of
`data/furniture.json` and these general checks:
- a credit or the reporter's initials glued after a line's last sentence is cut off the line;
- a line whose words mix Latin with Cyrillic or Greek letters (homoglyph advertising copy);
- leading lines that repeat the title, or one of its " | "/" - " parts (the title is a column
  of its own, never glued onto the text);
- a paywall notice ends the article: it and the lines after it go.
`kept_furniture` finds, in a text as read, what the text keeps (a page's own main text holds it)
but no entity may come from: reader calls ("Let us know in the comments or on Twitter") and a
list of headlines that ends the text (links to other stories).
`language` names the language of a text from jusText's stop-word lists (a trafilatura
dependency), for the reader's "not English" warning.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache

from extract.lexicon import MONTH, WEEKDAY
from extract.stages import data_path

_SCRIPTS = (re.compile(r"[A-Za-z]"), re.compile(r"[\u0370-\u03ff\u0400-\u04ff]"))
_TITLE_PARTS = re.compile(r"\s+[|\u2013\u2014-]\s+|\s*\|\s*")
_LIST_ITEM = re.compile(r"[-\u2022*\u2013]\s+\S")


@dataclass(frozen=True)
class Cleaned:
    text: str
    dropped: dict[str, int] = field(default_factory=dict)  # class -> lines dropped
    paywall: bool = False  # a paywall notice ended the article


@dataclass(frozen=True)
class _Patterns:
    max_words: int
    ends: list[re.Pattern]
    lines: list[tuple[str, re.Pattern]]
    edges: list[tuple[str, re.Pattern]]
    kept: list[re.Pattern]


def _compile(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(pattern.replace("{MONTH}", MONTH).replace("{WEEKDAY}", WEEKDAY), flags)


@cache
def _patterns() -> _Patterns:
    data = json.loads(data_path("furniture.json").read_text(encoding="utf-8"))
    return _Patterns(
        data["max_words"],
        [_compile(p, re.I) for p in data["ends_article"]],
        [(cls, _compile(p, re.I)) for cls, ps in data["lines"].items() for p in ps],
        [(cls, _compile(p)) for cls, ps in data["edges"].items() for p in ps],
        [_compile(p, re.I) for ps in data["kept_lines"].values() for p in ps],
    )


def clean(text: str, title: str = "") -> Cleaned:
    """The text without its furniture lines, and what was dropped."""
    found = _patterns()
    dropped: dict[str, int] = {}
    kept: list[str] = []
    paywall = False
    titles = _title_forms(title)
    for line in text.split("\n"):
        stripped = line.strip()
        kind = ""
        if not kept and stripped and _is_title(stripped, titles):
            kind = "title"
        elif any(p.search(stripped) for p in found.ends):
            paywall = True
            dropped["paywall"] = dropped.get("paywall", 0) + 1
            break
        elif _mixed_script(stripped):
            kind = "homoglyphs"
        elif len(stripped.split()) <= found.max_words:
            kind = next((cls for cls, p in found.lines if p.search(stripped)), "")
        if kind:
            dropped[kind] = dropped.get(kind, 0) + 1
            continue
        line, cut = _cut_edges(line, found.edges)
        for cls in cut:
            dropped[cls] = dropped.get(cls, 0) + 1
        if line.strip() or not cut:
            kept.append(line)
    return Cleaned("\n".join(kept).strip(), dropped, paywall)


def kept_furniture(text: str) -> list[tuple[int, int]]:
    """Character spans of `text` that are furniture kept in it: reader-call lines, and the
    list of headlines (two or more "- " items of four words or more, none ending a sentence)
    that ends the text."""
    found = _patterns()
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        quoted = any(q in line for q in '"“”')  # '"Let me know on X," she said': speech
        if (
            not quoted
            and len(line.split()) <= found.max_words
            and any(p.search(line) for p in found.kept)
        ):
            spans.append((start, end))
        start = end + 1
    tail = _headline_list(text)
    if tail < len(text):
        spans.append((tail, len(text)))
    return spans


def _headline_list(text: str) -> int:
    """Where a closing list of headlines begins, or len(text) if the text ends otherwise."""
    begin, items, end = len(text), 0, len(text)
    for line in reversed(text.rsplit("\n", 30)):  # such a list is short: its last lines only
        start, end = end - len(line), end - len(line) - 1
        words = line.strip()
        if not words:
            continue
        if not _LIST_ITEM.match(words) or len(words.split()) < 5 or words[-1] in ".!?;:":
            break
        begin, items = start, items + 1
    return begin if items >= 2 else len(text)


def _cut_edges(line: str, edges: list[tuple[str, re.Pattern]]) -> tuple[str, list[str]]:
    """The line without the furniture glued onto it (a credit or initials after its end)."""
    cut = []
    for cls, pattern in edges:
        shorter = pattern.sub("", line, count=1)
        if shorter != line:
            line = shorter
            cut.append(cls)
    return line, cut


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def _title_forms(title: str) -> set[str]:
    """The title and its parts split at site separators ("Story | Section | Site")."""
    if not title.strip():
        return set()
    parts = [p for p in _TITLE_PARTS.split(title) if len(p.split()) >= 3]
    return {_squash(title), *(_squash(p) for p in parts)}


def _is_title(line: str, titles: set[str]) -> bool:
    """The line is the title, or opens with the title's main part before a site separator
    ("Story | Section | Site | date" when the title is "Story | Site")."""
    first = _TITLE_PARTS.split(line)[0]
    return _squash(line) in titles or (first != line and _squash(first) in titles)


def _mixed_script(line: str) -> bool:
    """A word written in two alphabets at once ("Yоur" with a Cyrillic o): text disguised
    from filters, which no news sentence is."""
    for word in line.split():
        if all(script.search(word) for script in _SCRIPTS):
            return True
    return False


@cache
def _stoplists() -> dict[str, frozenset[str]]:
    import justext

    return {lang: frozenset(justext.get_stoplist(lang)) for lang in sorted(justext.get_stoplists())}


def language(text: str, sample: int = 400) -> str:
    """The language whose stop words cover most of the text's first words ("English",
    "French", ...), or "" when too few words (or stop words) to tell."""
    words = re.findall(r"[^\W\d_]+", text.lower())[:sample]
    if len(words) < 20:
        return ""
    scores = {lang: sum(w in stops for w in words) for lang, stops in _stoplists().items()}
    best = max(scores, key=scores.get)  # the first in name order among equals
    # jusText's lists, drawn from Wikipedia, share many English words (Marathi's, Uzbek's):
    # another language must clearly beat English to be named.
    if 1.5 * scores.get("English", 0) >= scores[best]:
        best = "English"
    return best if scores[best] >= 0.15 * len(words) else ""
