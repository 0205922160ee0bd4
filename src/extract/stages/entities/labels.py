"""Label corrections, one mention at a time: countries and subdivisions get their table's name
and ISO code, and spans that name nothing lose their label ("" = dropped later). The spans are
first cut to their own edges (`tidy.tidy_spans`: no trailing lower-case word, no title the
article writes in lower case, "X and Y" as two names).

- a country is a GPE with its canonical name and ISO 3166-1 code, and is pinned;
- a state or province keeps the model's label (it may be a team) and gets its ISO 3166-2 code;
- a name followed by "captain" or "spokesman" is an organisation ("Yorkshire captain");
- a lone word the tagger reads as a common noun ("Men", "Totals") is no PERSON or ORG, and a
  short all-capital "place" that is no known place ("AI") is no place;
- a one-word function word or verb ("Is", "Subscribe"), and a day before a date ("Fri, Oct 2"),
  name nothing, nor does a time zone after a clock time ("0906 GMT");
- a portfolio ("Trade Minister") and the words of the game ("SOCCER") name nothing;
- a word capitalised only by a heading or a sentence start that the article also writes in
  lower case ("RUGBY -", "Treasuries fell ... treasuries") is no name.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import datetime
from functools import lru_cache

from spacy.tokens import Doc

from extract.lexicon import CALENDAR
from extract.stages.entities.mention import (
    Mention,
    common_noun,
    doc_text,
    sentence_initial,
    token_span,
)
from extract.stages.entities.places import country, subdivision_table
from extract.stages.entities.sports import SPORTS_WORDS, is_sports
from extract.stages.entities.tidy import tidy_spans

# Roles an organisation has: whoever has a captain or a spokesman is one ("Toyota spokesman").
ORG_ROLES = frozenset(
    "captain coach manager striker midfielder defender goalkeeper spokesman spokeswoman "
    "spokesperson chairman chairwoman ceo shareholders executives".split()
)
PORTFOLIO_TITLES = frozenset({"minister", "secretary"})
# Parts of speech no one-word name takes: "Is it flexible?", "Develop and prepare reports".
NOT_NAME_POS = frozenset({"VERB", "AUX", "ADV", "ADP", "PRON", "DET", "SCONJ", "CCONJ", "PART"})
DATE_AFTER = re.compile(r"\s*,?\s*(?:\d|[A-Z][a-z]{2,8}\.?\s+\d)")
CLOCK_BEFORE = re.compile(r"\d(?:\s*[ap]\.?m\.?)?\s*$", re.I)


@lru_cache(maxsize=1)
def time_zones() -> frozenset[str]:
    """Time-zone abbreviations ("GMT", "BST", "EDT", and the generic "ET"), from the system's
    time-zone database: after a clock time they name no organisation."""
    found = set()
    for zone in zoneinfo.available_timezones():
        for day in (datetime(2024, 1, 15), datetime(2024, 7, 15)):
            abbr = zoneinfo.ZoneInfo(zone).tzname(day) or ""
            if abbr.isalpha() and abbr.isupper():
                found.add(abbr)
                if abbr[0] in "ECMP" and abbr[1:] in ("ST", "DT"):
                    found.add(abbr[0] + "T")  # North America: "EST"/"EDT" -> "ET"
    return frozenset(found)


def fix_labels(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Each unpinned mention's label (and, for places, name and id) set from what it names."""
    text = doc_text(doc)
    mentions = tidy_spans(doc, mentions)
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
        elif span in time_zones() and CLOCK_BEFORE.search(text, max(m.start - 12, 0), m.start):
            m.label = ""  # "08:00 ET", "0906 GMT"
        elif _no_name(doc, m, text):
            m.label = ""
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


def _no_name(doc: Doc, m: Mention, text: str) -> bool:
    """A one-word mention that is a function word, a verb ("Subscribe or Sign In") or a day
    or month before a date ("Fri, Oct 2")."""
    span = token_span(doc, m)
    if span is None or len(span) != 1 or not span[0].is_title:
        return False
    tok = span[0]
    if tok.lower_.rstrip(".") in CALENDAR:
        return DATE_AFTER.match(text, m.end) is not None
    # Results tables confuse the tagger ("Derbyshire 24 points"): there only stop words go.
    function = tok.is_stop or (tok.pos_ in NOT_NAME_POS and not is_sports(doc))
    return m.label in {"PERSON", "ORG"} and function


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
