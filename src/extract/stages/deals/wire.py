"""Names as wire copy writes them: in angle brackets, or cut in two by a line wrap.

`wire_names(doc, text, spans, figure)` maps each token of such a name to the one name it is part of,
so a deal party read off any of its words is the whole name:

- a bracketed name ("<Sedio N.V.>", "<Powercise\\nInternational Corp>"), the brackets
  included; a ticker ("<WNX>", "<TSCO.L>") is a code, not a name, and is left out;
- a name a line wrap cut ("Capital Wire\\nand Cable Corp", "Grate\\nHome and Fireplace Co"):
  two name pieces with only a bare line end between them, the first a name without a legal
  form at its end (a name ends there), the second starting with a capitalised word or with
  "and", "&" or "of" before one. A piece is an entity of the entities stage or a run of
  capitalised words; the second must be an entity or end in a legal form, or the first be a
  company or a person ("the U.S.\\nMarket" is no name). A paragraph break (a line end with
  its indentation) never joins.

The name is the entities stage's canonical when one entity covers exactly those words, else the
words on one line with the legal form stripped as the entities stage strips it ("<Peterson
Puritain Inc>" -> "Peterson Puritain").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Span, Token

from extract.stages.deals.triggers import load_lexicon
from extract.stages.entities.mention import legal_form, name, strip_legal

TAG = re.compile(r"<([^<>\n]{1,80}(?:\n[^<>\n]{1,80})?)>")
# A ticker ("<WNX>", "<SMBS ST>", "<ICGS.L>"): an upper-case code, no words.
CODE = re.compile(r"[A-Z0-9.&-]{1,10}(?: [A-Z0-9.]{1,6})?")
WRAP = re.compile(r"(?<=\S)\n(?=\S)")  # a line wrap; a paragraph break is indented
HYPHEN_WRAP = re.compile(r"-\n\s*")  # "Li Ka-\nShing" is "Li Ka-Shing"
TRAILING = re.compile(r"\s+(?:and|&)$")  # "Miller Tabak Hirsch and Co" less its legal form
JOINERS = frozenset({"and", "&", "of"})
NAMED = frozenset({"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "GPE", "FAC", "LOC"})


def legal_end(word: str) -> bool:
    """A legal form that ends a company's name: the entities stage's ("Inc", "AG") and wire
    copy's short ones ("Co")."""
    return legal_form(word) or word.lower().rstrip(".") + "." in load_lexicon().legal_suffixes


def wire_names(
    doc: Doc, text: str, spans: dict[int, tuple[Span, Any]], figure: Callable[[Token], bool]
) -> tuple[dict[int, str], set[int]]:
    """(token index -> whole name, token indices of tickers); `text` is the Doc's text (spaCy
    rebuilds `doc.text` on each read), `spans` maps each token of an entity to (its span, its
    row)."""
    names: dict[int, str] = {}
    tickers: set[int] = set()
    for found in TAG.finditer(text):
        # "Association.<ICGS.L>": the tokenizer may glue a bracket to the word before it
        tag = doc.char_span(found.start(), found.end(), alignment_mode="contract")
        inner = doc.char_span(found.start(1), found.end(1), alignment_mode="contract")
        if not tag or not inner:
            continue
        if CODE.fullmatch(found.group(1)):
            tickers.update(t.i for t in tag)
        else:
            whole = _named(inner, spans)
            names.update((t.i, whole) for t in tag)
    for found in WRAP.finditer(text):
        wrap = doc.char_span(found.start(), found.end())
        if wrap is None or len(wrap) != 1 or not 0 < wrap.start < len(doc) - 1:
            continue
        tok = wrap[0]
        if tok.i in names:
            continue
        left, right = _left_piece(doc, tok.i, spans, figure), _right_piece(doc, tok.i, spans)
        if left and right and _one_name(left, right, spans):
            whole = _named(doc[left[0].i : right[-1].i + 1], spans)
            names.update((i, whole) for i in range(left[0].i, right[-1].i + 1))
    return names, tickers


def _one_name(left: list[Token], right: list[Token], spans: dict[int, tuple[Span, Any]]) -> bool:
    """Is a name cut by the wrap? The part after it is an entity or ends in a legal form, or
    the part before is a company or a person ("U.S.\nMarket" is a place and a word)."""
    if left[-1].lower_ in ("and", "&"):  # "... Securities and\nSecurity Pacific": two names
        return legal_end(right[-1].text) and not any(legal_end(t.text) for t in left)
    if right[-1].i in spans or legal_end(right[-1].text):
        return True
    before = spans.get(left[-1].i)
    return before is not None and before[1].label in ("ORG", "PERSON", "WORK_OF_ART")


def _named(words: Span, spans: dict[int, tuple[Span, Any]]) -> str:
    entry = spans.get(words[-1].i)
    if entry is not None and (entry[0].start, entry[0].end) == (words.start, words.end):
        return _undotted(entry[1].canonical or entry[1].text)
    return _undotted(TRAILING.sub("", strip_legal(name(HYPHEN_WRAP.sub("-", words.text)))))


def _undotted(text: str) -> str:
    """The name without a dotted legal form the entities stage keeps ("Acme Exploration N.L."
    -> "Acme Exploration", as "NL" is stripped)."""
    words = text.split()
    if len(words) < 2 or "." not in words[-1]:
        return text
    plain = " ".join([*words[:-1], words[-1].replace(".", "")])
    stripped = strip_legal(plain)
    return stripped if stripped != plain else text


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ")


def _left_piece(
    doc: Doc, wrap: int, spans: dict[int, tuple[Span, Any]], figure: Callable[[Token], bool]
) -> list[Token]:
    last = doc[wrap - 1]
    if last.lower_ in ("and", "&") and wrap > 1:  # "Universal Life and\nGeneral Insurance Co"
        words = _left_piece(doc, wrap - 1, spans, figure)
        return [*words, last] if words else []
    if legal_end(last.text) or figure(last) or not last.text[:1].isupper():
        return []
    if last.i in spans:
        span, row = spans[last.i]
        return list(doc[span.start : last.i + 1]) if row.label in NAMED else []
    start = last.i
    while start > 0 and _capitalised(doc[start - 1]) and not doc[start - 1].is_sent_start:
        start -= 1
    words = list(doc[start : last.i + 1])
    return words if _capitalised(last) and not last.is_sent_start else []


def _right_piece(doc: Doc, wrap: int, spans: dict[int, tuple[Span, Any]]) -> list[Token]:
    first = doc[wrap + 1]
    start = wrap + 1
    if first.lower_ in JOINERS and wrap + 2 < len(doc):
        first = doc[wrap + 2]
    if first.i in spans:
        span, row = spans[first.i]
        return list(doc[start : span.end]) if row.label in NAMED else []
    end = first.i
    # "American Home Products\nShares": a capitalised common noun is no part of a name
    while end < len(doc) and (doc[end].pos_ == "PROPN" or legal_end(doc[end].text)):
        end += 1
    return list(doc[start:end]) if end > first.i and _capitalised(first) else []


def to_name_after(obj: Token, next_name: Callable[[Token], Token | None]) -> Token | None:
    """The name right after "to" that follows a verb's object, where a bracket broke the parse
    ("agreed to sell its properties to <Acme Exploration N.L.>": "to" taken for an
    infinitive's); `next_name(token)` is the name a token is directly followed by."""
    end = max(t.i for t in obj.subtree)
    after = next((t for t in obj.doc[end + 1 : end + 3] if not t.is_space), None)
    if after is None or after.lower_ != "to" or after.dep_ == "prep":
        return None
    return next_name(after)
