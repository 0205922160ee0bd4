"""A mention: the unit every pass of the entities stage reads and corrects, and what the passes
share about the Doc it stands in (its text, the tokens mentions take, names in canonical form).

Offsets are characters of `doc.text`, which is the article's text as read.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from cleanco.termdata import terms_by_type
from spacy.attrs import IDX, ORTH, TAG
from spacy.tokens import Doc, Span

from extract.furniture import kept_furniture
from extract.lexicon import AMBIGUOUS_MONTHS, CALENDAR

NAMED = frozenset("PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split())
# Labels of proper names: capitalised words held together by lower-case joiners only.
PROPER = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
LEGAL_SUFFIX = re.compile(
    r"(?:,?\s+(?:Corp\.?|Corporation|Inc\.?|Incorporated|Co\.?|Ltd\.?|Limited|plc|PLC|LLC"
    r"|L\.L\.C\.|AG|SA|S\.A\.|NV|N\.V\.|SpA|S\.p\.A\.|GmbH|Holdings?|Group))+$"
)
# Legal forms abroad that English news writes as abbreviations of its own: "Alameda County
# DA" (district attorney), "8 a.m. PT" (Pacific time).
NOT_LEGAL = frozenset({"da", "pt"})
# Full month and weekday names open no name ("December Gilt", "FRIDAY"); abbreviations ("Sun",
# "Wed") and months that are also words or surnames ("May", "March") may.
CALENDAR_NAMES = frozenset(
    w
    for w in CALENDAR
    if w not in AMBIGUOUS_MONTHS and not any(o != w and o.startswith(w) for o in CALENDAR)
)


@dataclass
class Mention:
    start: int  # character offsets into doc.text (== article.text)
    end: int
    label: str
    canonical: str = ""
    kb_id: str = ""
    pinned: bool = False  # label fixed by the alias file, the country table or a results table
    # Label read from this mention's own place in the text (a dateline opens with a place),
    # kept whatever the article's other mentions of the name are ("NEW YORK" the team).
    fixed: bool = False


def doc_text(doc: Doc) -> str:
    """doc.text, built once per Doc: spaCy joins every token again on each access."""
    if "text" not in doc.user_data:
        doc.user_data["text"] = doc.text
    return doc.user_data["text"]


def outside_furniture(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The mentions that stand outside the furniture the text keeps (reader calls, a closing
    list of headlines: `furniture.kept_furniture`), found once per Doc."""
    if "furniture" not in doc.user_data:
        doc.user_data["furniture"] = kept_furniture(doc_text(doc))
    spans = doc.user_data["furniture"]
    if not spans:
        return mentions
    return [m for m in mentions if not any(s <= m.start < e for s, e in spans)]


def token_span(doc: Doc, m: Mention) -> Span | None:
    """The tokens of a mention, or None where its edges fall inside tokens."""
    return doc.char_span(m.start, m.end)


def overlapping(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if m.start < end and m.end > start]


def taken(doc: Doc, mentions: list[Mention]) -> list[bool]:
    """For each token, whether a mention covers it (its first character is in one)."""
    covered = [False] * len(doc)
    if not mentions:
        return covered
    starts = doc.to_array(IDX).tolist()  # token offsets, without making a Token per token
    for m in mentions:
        first, last = bisect_left(starts, m.start), bisect_left(starts, m.end)
        covered[first:last] = [True] * (last - first)
    return covered


def line_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the start and the end (its newline, or the text's end) of the line holding
    text[start:end]."""
    stop = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, stop if stop >= 0 else len(text)


def sentence_initial(text: str, start: int) -> bool:
    """Whether `start` opens a line, a sentence, a quotation or the text after a dateline's
    spaced dash ("TOKYO (Reuters) - The ..."): its capital says nothing."""
    k = start
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    return k == 0 or text[k - 1] in '\n.!?:"“' or (k < start and text[k - 1] in "-–—")


def common_noun(doc: Doc, m: Mention) -> bool:
    """A lone PERSON or ORG word the tagger reads as a common noun ("Men", "Totals") here,
    or in most of its occurrences in the article ("Women 's 100 metres" in a results list)."""
    span = token_span(doc, m)
    if m.label not in {"PERSON", "ORG"} or span is None or len(span) != 1:
        return False
    if span[0].tag_ in {"NN", "NNS"}:
        return True
    forms, nouns = _forms(doc)
    same = forms == span[0].orth
    return int((same & nouns).sum()) * 2 > int(same.sum())


def _forms(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """Each token's word form, and whether the tagger reads it as a common noun (arrays made
    once per Doc)."""
    if "forms" not in doc.user_data:
        both = doc.to_array([ORTH, TAG])
        common = [doc.vocab.strings["NN"], doc.vocab.strings["NNS"]]
        doc.user_data["forms"] = (both[:, 0], np.isin(both[:, 1], common))
    return doc.user_data["forms"]


def name(span: str) -> str:
    """The canonical form of a span: one line, no leading "the", straight quotes."""
    text = " ".join(span.replace("’", "'").split())
    if text.lower().startswith("the "):
        text = text[4:]
    return text


def strip_legal(text: str) -> str:
    """The name without its legal form: "Toyota Motor Corp.", "Miller Kaplan LLP" and "Apera
    Sdn Bhd" are named "Toyota Motor", "Miller Kaplan" and "Apera"."""
    words = text.split()
    for n in (3, 2):  # forms of several words: "Sdn Bhd", "Pty. Ltd.", "Sp. z o.o."
        tail = words[-n:]
        if len(words) > n and tail[0][:1].isupper() and _undotted(tail) in _long_forms():
            return text[: text.rindex(tail[0])].rstrip(" ,")
    short = LEGAL_SUFFIX.sub("", text)
    words = short.split()
    if len(words) > 1 and words[-1].lower() not in NOT_LEGAL and legal_form(words[-1]):
        short = short[: short.rindex(words[-1])].rstrip(" ,")
    joined = short.endswith(("&", " and"))  # "Lazard Freres & Co", "C. Itoh and Co"
    return short if short and not joined else text


@lru_cache(maxsize=1)
def legal_forms() -> frozenset[str]:
    """Legal forms of companies (cleanco), lower-cased: "inc.", "plc", "gmbh", "s.a.", and the
    plurals of "Co" and "Company" that names end with ("Williams Cos", "Harcourt Companies")."""
    forms = {t.strip() for terms in terms_by_type.values() for t in terms if t.strip()}
    return frozenset(forms | {"cos", "cos.", "companies"})


def _undotted(words: list[str]) -> str:
    return " ".join(words).lower().replace(".", "")


@lru_cache(maxsize=1)
def _long_forms() -> frozenset[str]:
    """The legal forms of several words, without dots: "sdn bhd", "pty ltd", "sp z oo"."""
    return frozenset(_undotted(f.split()) for f in legal_forms() if " " in f)


@lru_cache(maxsize=1)
def legal_after() -> re.Pattern[str]:
    """A legal form right after a name, with its comma: ", Inc.", " LLP", " S.A."."""
    forms = sorted(legal_forms(), key=len, reverse=True)
    return re.compile(r"[ \t]*,?[ \t]*(" + "|".join(map(re.escape, forms)) + r")(?![\w&])", re.I)


def legal_form(word: str) -> bool:
    """A legal form as written after a name: capitalised ("Inc", "Company"; "plc" aside), and
    short ones ("AG", "SA", "AS") only in capitals, since in lower case they are words ("as",
    "et", "the Doxim company")."""
    lowered = word.lower()
    if lowered not in legal_forms() or not (word[:1].isupper() or lowered.startswith("plc")):
        return False
    return len(lowered.strip(".")) > 2 or "." in word or word.isupper()
