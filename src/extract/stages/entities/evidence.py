"""Evidence: one label per canonical entity, from what the article says around all its mentions.

The model labels each mention alone; an analyst reads the whole article. The cues read here:
- organisation: a legal form after the name ("Doxim Inc", cleanco's table of legal forms), a
  ticker or a web address in brackets after it ("GlaxoSmithKline ( LSE : GSK )", "Doxim
  (http://www.doxim.com)"), a web name ("Amazon.com"), a firm's role before it ("chief executive
  of", "analyst at") or after it ("Doxim CEO", "Allan Gray managing director"), and what only
  firms have after its possessive ("Doxim's shareholders");
- weaker firm cues, which only choose between a firm and a person (never over a place): a
  firm's noun in apposition before it ("tyre giant Pirelli", "the daily Der Spiegel"), a word
  after it ("Pirelli shares", "Jefferies analyst"), a company listed on a major index by
  that name (pytickersymbols);
- person: a title or an honorific right before it ("Mr", "President", "Dr"), or a person's
  noun in apposition ("midfielder Donato", "analyst Jane Doe");
- place: a place's head word ("Gulf of Mexico") or a place noun before it ("the town of
  Goma", "the capital Dushanbe").
An entity with cues of one kind and none of the other takes that kind's label in every mention;
pinned mentions (alias file, countries, results tables) keep theirs.

`tickers` reads "( EXCHANGE : TICKER )" after a name: the exchange and the ticker become ORG
mentions, the ticker with the company's canonical name, and the company gets the id
"EXCHANGE:TICKER" unless the alias file gave one; a Reuters instrument code in brackets
("(.SPX)") is an ORG mention with the name before it. `nationality_ids` drops a nationality's
country code where the word names a people of its own ("Indian tribe", "American Indian").
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import lru_cache

from cleanco import basename
from pytickersymbols import PyTickerSymbols
from spacy.tokens import Doc, Span, Token

from extract.lexicon import TITLES
from extract.stages import data_path
from extract.stages.entities.mention import (
    Mention,
    doc_text,
    legal_after,
    legal_form,
    name,
    overlapping,
    strip_legal,
    token_span,
)
from extract.stages.entities.places import country

# Roles people hold in a firm: "chief executive of X", "analyst at X" make X a firm.
FIRM_ROLES = frozenset(
    "ceo cfo coo cio founder co-founder chairman chairwoman president executive officer director "
    "spokesman spokeswoman spokesperson analyst analysts economist strategist shareholders "
    "stake employees subsidiary unit division".split()
)
# Words after a name that only a firm takes: "Doxim CEO", "Toyota spokesman".
FIRM_AFTER = frozenset(
    "ceo cfo coo spokesman spokeswoman spokesperson chairman chairwoman boss shareholders "
    "executives employees subsidiary".split()
)
FIRM_AFTER_PAIRS = frozenset({("chief", "executive"), ("managing", "director"), ("board", "of")})
# Words right after a firm's name that no place takes as readily as a firm: "Pirelli shares",
# "Holding Redlich partner", "Jefferies analyst".
FIRM_BESIDE = frozenset("shares stock partner analyst analysts unit".split())
# What a firm has after its possessive ("Doxim 's shareholders").
FIRM_POSSESSIONS = FIRM_AFTER | frozenset(
    "revenue revenues profit profits earnings sales customers clients headquarters staff "
    "takeover acquisition products brands stores".split()
)
# Nouns after a nationality word that make it a people of its own ("Indian tribe", "Indian
# Country"), and words before it that do ("American Indian", "Native American").
PEOPLE_AFTER = frozenset(
    "tribe tribes tribal reservation reservations nation nations country".split()
)
PEOPLE_BEFORE = frozenset({"native", "american", "first"})
ROLE_LINKS = frozenset({"of", "at", "for", "with"})
HONORIFICS = TITLES | {t + "." for t in TITLES if not t.endswith(".")}
BRACKET_AFTER = re.compile(
    r"\s*(?:['’]s?\s*)?\(\s*(?:https?://|www\.|[A-Z][A-Za-z]*\s*:\s*[A-Z0-9])"
)
WEB_NAME = re.compile(r"\.(?:com|net|org|co\.uk|io)$", re.I)
HEADS = "entity_heads.json"
# "( NYSE : GSK )", Yahoo's "( NasdaqGS : GRPN - news )", and a Reuters instrument code
# ("S&P 500 (.SPX)", "Nikkei ( .N225 )"), whose row takes the company's or index's name.
TICKER = re.compile(
    r"\(\s*(?:([A-Z][A-Za-z]{1,11})\s*:\s*([A-Z0-9][A-Z0-9.\-]{0,9})(?:\s+-\s+news)?"
    r"|(?P<ric>\.\s?[A-Z][A-Za-z0-9]{1,7}))\s*\)"
)


@lru_cache(maxsize=1)
def heads() -> tuple[frozenset[str], dict[str, str]]:
    """Head words of organisations, and of places and events with the label each gives (data
    file)."""
    data = json.loads(data_path(HEADS).read_text(encoding="utf-8"))
    events = dict.fromkeys(data["event"], "EVENT")
    return frozenset(data["organisation"]), {**data["place"], **events}


def _head(words: list[str]) -> str:
    """The head word of a name of two words or more: its last, or its first before "of"."""
    if len(words) < 2:
        return ""
    return words[0] if words[1] == "of" else words[-1]


def tickers(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The exchange and ticker after a company's name are ORG mentions tied to it."""
    text = doc_text(doc)
    ends = {m.end: m for m in mentions}
    out = list(mentions)
    for hit in TICKER.finditer(text):
        before = re.search(r"(?:\s*['’]s?)?\s*$", text[max(hit.start() - 4, 0) : hit.start()])
        end = hit.start() - len(before.group(0)) if before else hit.start()
        company = ends.get(end) or _untagged_name(doc, out, end)
        ric = hit.group("ric")
        exchange, ticker = hit.span(1), hit.span("ric" if ric else 2)
        if company is None or (not ric and country(hit.group(1))):
            continue
        if company not in out:
            out.append(company)
        kb_id = "" if ric else f"{hit.group(1).upper()}:{hit.group(2)}"
        if not company.pinned:
            company.label = "ORG"
            written = name(text[company.start : company.end])
            company.canonical = strip_legal(company.canonical or written)
        company.kb_id = company.kb_id or kb_id
        canonical = company.canonical or name(text[company.start : company.end])
        if not ric and not overlapping(out, *exchange):
            out.append(Mention(*exchange, "ORG", name(hit.group(1))))
        known = [m for m in out if (m.start, m.end) == ticker and not m.pinned]
        if known or not overlapping(out, *ticker):
            out = [m for m in out if m not in known]
            out.append(Mention(*ticker, "ORG", canonical, company.kb_id))
    return out


def _untagged_name(doc: Doc, mentions: list[Mention], end: int) -> Mention | None:
    """The capitalised words ending at `end` that no mention holds, as an ORG, or None."""
    span = doc.char_span(max(end - 80, 0), end, alignment_mode="contract")
    if span is None or not len(span) or overlapping(mentions, span.start_char, end):
        return None
    words = []
    for tok in reversed(span):
        if not (tok.is_title or tok.is_upper or tok.text == "&") or len(words) == 6:
            break
        words.append(tok)
    while words and not words[-1].is_alpha:
        words.pop()
    if not words or words[0].idx + len(words[0]) != end:
        return None
    return Mention(words[-1].idx, end, "ORG")


def weigh(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Every mention of an entity with firm cues and no title (or the reverse) is relabelled."""
    text = doc_text(doc)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[(m.canonical or name(text[m.start : m.end])).lower()].append(m)
    for group in groups.values():
        if any(m.pinned for m in group):
            continue
        firm = person = 0
        place = ""
        # Weaker cues only choose between a firm and a person: "Tokyo shares" is a place's.
        weak = all(m.label in {"ORG", "PERSON"} for m in group)
        for m in group:
            span = token_span(doc, m)
            if span is None:
                continue
            head = _head(span.text.split())
            firm += _firm_cue(doc, span, text) or head in heads()[0]
            firm += weak and _weak_firm_cue(doc, span, m.canonical)
            person += span.start > 0 and _honorific(doc[span.start - 1])
            person += weak and _role_before(doc, span, "person")
            place = place or heads()[1].get(head, "") or _place_before(doc, span)
        if firm and not person:
            label = "ORG"
        elif person and not firm and all(_name_like(text[m.start : m.end]) for m in group):
            label = "PERSON"
        elif place and not firm and not person and group[0].label in {"ORG", "PERSON"}:
            label = place
        else:
            continue
        for m in group:
            if m.fixed:
                continue
            if label == "ORG" and m.label != "ORG":
                m.canonical = strip_legal(m.canonical or name(text[m.start : m.end]))
            m.label = label
    return mentions


def _weak_firm_cue(doc: Doc, span: Span, canonical: str) -> bool:
    """A firm's word beside the name ("tyre giant Pirelli", "Pirelli shares", "Jefferies
    analyst"), or a company listed on a major index (pytickersymbols) by that name."""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if after in FIRM_BESIDE or _role_before(doc, span, "organisation"):
        return True
    return (canonical or span.text) in listed()


def _role_before(doc: Doc, span: Span, kind: str) -> bool:
    """A lower-case noun in apposition right before the name: "the daily Der Spiegel" (an
    organisation), "midfielder Donato" (a person)."""
    if span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.is_lower and before.text in roles()[kind]


def _place_before(doc: Doc, span: Span) -> str:
    """The label a place noun before the name gives it ("the town of Goma", "the capital
    Dushanbe"), or ""."""
    k = span.start - 1
    if k > 0 and doc[k].lower_ == "of":
        k -= 1
    if k < 0 or not doc[k].is_lower:
        return ""
    return places_before().get(doc[k].text, "")


@lru_cache(maxsize=1)
def roles() -> dict[str, frozenset[str]]:
    """Nouns written in apposition before a name, by the kind of thing they name (data file)."""
    data = json.loads(data_path(HEADS).read_text(encoding="utf-8"))["before"]
    return {kind: frozenset(data[kind]) for kind in ("organisation", "person")}


@lru_cache(maxsize=1)
def places_before() -> dict[str, str]:
    """Nouns of places before a name ("town of"), with the label each gives (data file)."""
    return dict(json.loads(data_path(HEADS).read_text(encoding="utf-8"))["before"]["place"])


@lru_cache(maxsize=1)
def listed() -> frozenset[str]:
    """Names of companies listed on major indices (pytickersymbols), without their legal form
    ("Barclays PLC" -> "Barclays") and, where a generic head word ends them, without it too
    ("Jefferies Financial Group" -> "Jefferies Financial", "Jefferies")."""
    names = set()
    for stock in PyTickerSymbols().get_all_stocks():
        words = basename(stock["name"]).removeprefix("The ").split()
        while words:
            names.add(" ".join(words))
            if len(words) < 2 or words[-1] not in heads()[0]:
                break
            words = words[:-1]
    return frozenset(n for n in names if len(n) > 2)


def _honorific(tok: Token) -> bool:
    """A title as written before a name ("Mr", "Dr.", "President", "CEO"); "to coach Nice"
    and a headline's "COACH NICE" are verbs."""
    short = tok.is_upper and len(tok.text.rstrip(".")) <= 3
    return tok.lower_ in HONORIFICS and (tok.is_title or short)


def _firm_cue(doc: Doc, span: Span, text: str) -> bool:
    words = span.text.split()
    if len(words) > 1 and legal_form(words[-1]):
        return True
    if WEB_NAME.search(span.text) or BRACKET_AFTER.match(text, span.end_char):
        return True
    legal = legal_after().match(text, span.end_char)
    if legal and legal_form(legal.group(1)):
        return True
    after = [t.lower_ for t in doc[span.end : span.end + 3]]
    if after and after[0] in FIRM_AFTER:
        return True
    if tuple(after[:2]) in FIRM_AFTER_PAIRS:
        return True
    if after[:1] in (["'s"], ["’s"], ["'"]) and len(after) > 1 and after[1] in FIRM_POSSESSIONS:
        return True
    if text.startswith(("-", " - "), span.end_char):
        return False  # "director of the New York-based group": the firm comes later
    k = span.start - 1
    if k > 0 and doc[k].lower_ == "the":
        k -= 1
    return k > 0 and doc[k].lower_ in ROLE_LINKS and doc[k - 1].lower_ in FIRM_ROLES


def _name_like(span: str) -> bool:
    """A person's name shape: one to four capitalised words."""
    words = span.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words)


def nationality_ids(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A nationality word keeps its country's code only where it speaks of that country: an
    "Indian tribe" or an "American Indian" is no citizen of India, and is named as written."""
    for m in mentions:
        span = token_span(doc, m)
        if m.label != "NORP" or not m.kb_id or span is None:
            continue
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if after in PEOPLE_AFTER:
            m.kb_id, m.canonical = "", f"{span.text} {doc[span.end].text}"
        elif before in PEOPLE_BEFORE and before != span[0].lower_:
            m.kb_id, m.canonical = "", f"{doc[span.start - 1].text} {span.text}"
    return mentions
