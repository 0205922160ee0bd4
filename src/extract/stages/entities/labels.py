"""Label corrections, one mention at a time: countries and subdivisions get their table's name
and ISO code, and spans that name nothing lose their label ("" = dropped later).

- a country is a GPE with its canonical name and ISO 3166-1 code, and is pinned;
- a state or province keeps the model's label (it may be a team) and gets its ISO 3166-2 code;
- a name followed by "captain" or "spokesman" is an organisation ("Yorkshire captain");
- a lone word the tagger reads as a common noun ("Men", "Totals") is no PERSON or ORG, and a
  short all-capital "place" that is no known place ("AI") is no place;
- a portfolio ("Trade Minister") and the words of the game ("SOCCER") name nothing;
- a word capitalised only by a heading or a sentence start that the article also writes in
  lower case ("RUGBY -", "Treasuries fell ... treasuries") is no name.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.stages.entities.mention import (
    Mention,
    common_noun,
    doc_text,
    sentence_initial,
    token_span,
)
from extract.stages.entities.places import country, subdivision_table
from extract.stages.entities.sports import SPORTS_WORDS

# Roles an organisation has: whoever has a captain or a spokesman is one ("Toyota spokesman").
ORG_ROLES = frozenset(
    "captain coach manager striker midfielder defender goalkeeper spokesman spokeswoman "
    "spokesperson chairman chairwoman ceo shareholders executives".split()
)
PORTFOLIO_TITLES = frozenset({"minister", "secretary"})


def fix_labels(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Each unpinned mention's label (and, for places, name and id) set from what it names."""
    text = doc_text(doc)
    for m in mentions:
        span = text[m.start : m.end]
        if m.pinned:
            continue
        found = country(span)
        if found:
            m.canonical, m.kb_id = found
            m.label, m.pinned = "GPE", True
        elif m.label in {"GPE", "LOC"} and span.lower() in subdivision_table():
            m.canonical, m.kb_id = subdivision_table()[span.lower()]
        elif m.label in {"PERSON", "GPE"} and _word_after(doc, m) in ORG_ROLES:
            m.label = "ORG"  # a country keeps its label: it matched above
        elif common_noun(doc, m):
            m.label = ""
        elif m.label in {"GPE", "LOC"} and re.fullmatch(r"[A-Z]{2,3}", span):
            m.label = ""
        elif m.label == "ORG" and span.istitle() and _word_after(doc, m, 1) in PORTFOLIO_TITLES:
            m.label = ""  # "Agriculture Secretary": a portfolio, no body
        elif all(w in SPORTS_WORDS for w in span.lower().split()):
            m.label = ""  # "SOCCER -", "League two"
        elif _lower_elsewhere(text, m, span):
            m.label = ""
    return mentions


def _word_after(doc: Doc, m: Mention, most: int = 0) -> str:
    """The lower-cased token right after a mention (of at most `most` tokens, if given)."""
    span = token_span(doc, m)
    if span is None or span.end >= len(doc) or (most and len(span) > most):
        return ""
    return doc[span.end].lower_


def _lower_elsewhere(text: str, m: Mention, span: str) -> bool:
    """A PERSON or ORG word capitalised only by a heading or a sentence start, that the
    article also writes in lower case."""
    if m.label not in {"PERSON", "ORG"} or not span.isalpha():
        return False
    if not (span.isupper() or sentence_initial(text, m.start) or text[m.end : m.end + 3] == " - "):
        return False
    return re.search(r"(?<![\w-])" + span.lower() + r"(?![\w-])", text) is not None
