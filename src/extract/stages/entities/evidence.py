"""Evidence: one label per canonical entity, from what the article says around all its mentions.

The model labels each mention alone; an analyst reads the whole article. The cues read here:
- organisation: a legal form after the name ("Doxim Inc", cleanco's table of legal forms), a
  ticker or a web address in brackets after it ("GlaxoSmithKline ( LSE : GSK )", "Doxim
  (http://www.doxim.com)"), a web name ("Amazon.com"), a firm's role before it ("chief executive
  of", "analyst at") or after it ("Doxim CEO", "Allan Gray managing director"), and what only
  firms have after its possessive ("Doxim's shareholders");
- organisation, too: an apposition after it headed by an organisation's noun ("Mila, an AI
  research institute in Canada");
- weaker firm cues, which only choose between a firm and a person (never over a place): a
  firm's noun in apposition before it ("tyre giant Pirelli", "the daily Der Spiegel"), a word
  after it ("Pirelli shares", "Jefferies analyst"), a company listed on a major index by
  that name (pytickersymbols);
- person: a title or an honorific right before it ("Mr", "President", "Dr"), or a person's
  noun in apposition ("midfielder Donato", "analyst Jane Doe");
- person: also a title opening the name itself ("Superintendent Jane Roe"), or a kin noun
  before it ("his sister, Jane Roe");
- place: a place's head word ("Gulf of Mexico", "Dresden Drive", "Lake Berryessa"), a place
  noun before it ("the town of Goma", "the capital Dushanbe") or after it ("the Copperfield
  area"), a home town after an age ("Jane Roe, 30, of Dedham"), a seat ("the MP for
  Newcastle Central"), or "in" before a lone word the model calls a person ("in Dakar");
- a town: a name after "at" or "in" and before a comma and a region ("at Maria Lodge,
  Essequibo Coast");
- a street: a name headed by a word of streets that is also a surname ("Harp Close") after
  "on" or beside another street;
- a letter's signature, a name on a line of its own above a town on one of its own: the name
  is a person's, the town a place ("Jane Roe / Clayton");
- product: a product's noun in apposition before it ("the Go-playing program AlphaZero");
- a nationality word that is no people: its possessive before a person ("Axios' Jane Roe") is
  an organisation's.
An entity with cues of one kind and none of the other takes that kind's label in every mention;
a natural feature's head ("Lake", "River") makes a place the model called a GPE or FAC a LOC,
and a building's or a street's head ("Resort", "Drive") a GPE or LOC a FAC; a product's or a
work's head ("Founders Edition", "Inquiry Report") gives PRODUCT or WORK_OF_ART;
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
    line_around,
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
    "ceo cfo coo founder co-founder spokesman spokeswoman spokesperson chairman chairwoman boss "
    "shareholders executives employees subsidiary".split()
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


AGE_OF = re.compile(r"\d{1,3},\s+of\s+$")  # "Jane Roe, 30, of Dedham"
# An apposition after a name, up to its head noun and what may follow that noun: "Mila, an AI
# research institute in Canada".
APPOSITION = re.compile(
    r"\s*,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?([a-z]+)"
    r"(?=\s*(?:[,.;:)]|(?:in|based|that|which|with|whose|of|for|and)\b))"
)


@lru_cache(maxsize=1)
def heads() -> tuple[frozenset[str], dict[str, str]]:
    """Head words of organisations, and of places and events with the label each gives (data
    file)."""
    data = heads_data()
    events = dict.fromkeys(data["event"], "EVENT")
    named = {**data["place"], **events, **data["product"], **data["place_first"]}
    return frozenset(data["organisation"]), named


@lru_cache(maxsize=1)
def heads_data() -> dict:
    """The head words, apposition nouns and place words of names (data file), read once."""
    return json.loads(data_path(HEADS).read_text(encoding="utf-8"))


# Roles written before a person's name ("investor", "financier", "analyst", "striker").
PERSON_ROLES = frozenset(heads_data()["before"]["person"])


def _head(words: list[str]) -> str:
    """The head word of a name of two words or more: its last, its first before "of", or a
    first word that tells a place ("Lake Berryessa")."""
    if len(words) < 2:
        return ""
    if words[1] == "of":
        return words[0]
    named = words[-1] in heads()[0] or words[-1] in heads()[1]
    return words[0] if not named and words[0] in heads_data()["place_first"] else words[-1]


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
    starts = {m.start: m for m in mentions}
    ends = {m.end: m for m in mentions}
    lines = _line_names(text, mentions)
    for m in mentions:
        groups[(m.canonical or name(text[m.start : m.end])).lower()].append(m)
    for group in groups.values():
        if any(m.pinned for m in group):
            continue
        firm = person = 0
        place = ""
        # Weaker cues only choose between a firm and a person: "Tokyo shares" is a place's.
        weak = all(m.label in {"ORG", "PERSON"} for m in group)
        lone = all(m.label == "PERSON" and " " not in m.canonical for m in group)
        for m in group:
            span = token_span(doc, m)
            if span is None:
                continue
            head = _head(span.text.split())
            firm += _firm_cue(doc, span, text) or head in heads()[0] or _described(text, span)
            firm += weak and _weak_firm_cue(doc, span, m.canonical)
            firm += m.label == "NORP" and not m.kb_id and _outlet(text, m, starts)
            person += span.start > 0 and _honorific(doc[span.start - 1])
            person += len(span) > 2 and _honorific(span[0])
            person += weak and _role_before(doc, span, "person")
            place = place or heads()[1].get(head, "") or _place_around(doc, span, text, lone)
            place = place or ("PRODUCT" if _role_before(doc, span, "product") else "")
            place = place or _street(doc, span, text, ends) or _town(doc, span, text, starts)
            signed = _signature(text, m, lines)
            person += signed == "PERSON"
            place = place or signed if signed != "PERSON" else place
        if firm and not person:
            label = "ORG"
        elif person and not firm and all(_name_like(text[m.start : m.end]) for m in group):
            label = "PERSON"
        elif place and not firm and not person and group[0].label in {"ORG", "PERSON", "NORP"}:
            label = place
        elif place == "LOC" and group[0].label in {"GPE", "FAC"} and _feature(text, group):
            label = place
        elif place == "FAC" and group[0].label in {"GPE", "LOC"}:
            label = place  # "Canal Street", "Margaritaville Resort"
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
    organisation), "midfielder Donato", "his sister, Jane Roe" (a person)."""
    k = span.start - 1
    if k > 0 and kind == "person" and doc[k].text == ",":
        k -= 1
    if k < 0:
        return False
    before = doc[k]
    return before.is_lower and before.text in roles()[kind]


def _place_around(doc: Doc, span: Span, text: str, lone: bool) -> str:
    """The label a place noun before or after the name gives it ("the town of Goma", "the
    capital Dushanbe", "the Copperfield area"), an age before "of" ("Jane Roe, 30, of
    Dedham"), a seat ("the MP for Newcastle Central"), or "in" before a lone word the model
    took for a person ("in Dakar"); or ""."""
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.is_lower and after.text in heads_data()["place_after"]:
        return heads_data()["place_after"][after.text]
    if AGE_OF.search(text, max(span.start_char - 12, 0), span.start_char):
        return "GPE"
    k = span.start - 1
    if lone and k >= 0 and doc[k].text == "in" and (after is None or after.tag_ != "POS"):
        return "GPE"
    if k > 0 and doc[k].text == "for" and doc[k - 1].lower_ in heads_data()["seat_before"]:
        return "GPE"  # "the Labour MP for Newcastle Central"
    if k > 0 and doc[k].lower_ == "of":
        k -= 1
    if k < 0 or not doc[k].is_lower:
        return ""
    return places_before().get(doc[k].text, "")


def _street(doc: Doc, span: Span, text: str, ends: dict[int, Mention]) -> str:
    """FAC for a name headed by a word that heads streets as well as surnames ("Harp Close",
    "Ridge Way") where it stands as a street does: after "on", "off" or "along", or beside
    another street ("Joe Farrington Road and Harp Close"); else ""."""
    if len(span) < 2 or span[-1].text not in heads_data()["street"]:
        return ""
    if span.start > 0 and doc[span.start - 1].lower_ in {"on", "off", "along"}:
        return "FAC"
    joined = re.search(r"(?:,|\band|\bor)\s*$", text[max(span.start_char - 6, 0) : span.start_char])
    if joined is None:
        return ""
    before = span.start_char - len(joined.group(0))
    other = ends.get(before) or ends.get(before - 1)
    if other is None:
        return ""
    words = text[other.start : other.end].split()
    return "FAC" if other.label == "FAC" or heads()[1].get(words[-1]) == "FAC" else ""


def _town(doc: Doc, span: Span, text: str, starts: dict[int, Mention]) -> str:
    """GPE for a name after "at", "in", "from" or "near" and before a comma and a region
    ("his home at Maria Lodge, Essequibo Coast"); else ""."""
    if span.start == 0 or doc[span.start - 1].lower_ not in {"at", "in", "from", "near"}:
        return ""
    comma = re.match(r",[ \t]*", text[span.end_char : span.end_char + 3])
    after = starts.get(span.end_char + comma.end()) if comma else None
    if after is None:
        return ""
    head = _head(text[after.start : after.end].split())
    return "GPE" if after.label in {"GPE", "LOC"} or heads()[1].get(head) == "LOC" else ""


def _line_names(text: str, mentions: list[Mention]) -> dict[int, Mention]:
    """The mentions that fill a line of their own, by the offset where their line starts."""
    out = {}
    for m in mentions:
        start, end = line_around(text, m.start, m.end)
        if text[start:end].strip() == text[m.start : m.end]:
            out[start] = m
    return out


def _signature(text: str, m: Mention, lines: dict[int, Mention]) -> str:
    """A letter's signature, a name on a line of its own above a place on one of its own:
    the name is a person's ("PERSON"), and a lone word under a person's name is the writer's
    town ("GPE"); else ""."""
    start, end = line_around(text, m.start, m.end)
    if lines.get(start) is not m:
        return ""
    below = lines.get(end + 1) if end < len(text) else None
    above = lines.get(text.rfind("\n", 0, start - 1) + 1) if start > 0 else None
    if below is not None and below.label == "GPE" and 2 <= len(text[m.start : m.end].split()) <= 3:
        return "PERSON"
    if above is not None and above.label == "PERSON" and " " in text[above.start : above.end]:
        return "GPE" if m.label == "PERSON" and " " not in text[m.start : m.end] else ""
    return ""


def _described(text: str, span: Span) -> bool:
    """An apposition after the name whose head noun is an organisation's ("Mila, an AI
    research institute in Canada", "Doxim, a Toronto software company,")."""
    hit = APPOSITION.match(text, span.end_char)
    return hit is not None and hit.group(1) in org_nouns()


@lru_cache(maxsize=1)
def org_nouns() -> frozenset[str]:
    """Common nouns that head an apposition naming an organisation (data file)."""
    return roles()["organisation"] | frozenset(heads_data()["apposition_organisation"])


def _feature(text: str, group: list[Mention]) -> bool:
    """Whether every mention is headed by a natural feature's word ("Lake Berryessa")."""
    words = [text[m.start : m.end].split() for m in group]
    feature = heads_data()["feature"]
    return all(len(w) > 1 and (w[0] in feature or w[-1] in feature) for w in words)


def _outlet(text: str, m: Mention, starts: dict[int, Mention]) -> bool:
    """A name whose possessive stands before a person ("Axios' Jane Roe reports")."""
    after = re.match(r"['’]s?\s+", text[m.end : m.end + 4])
    person = starts.get(m.end + after.end()) if after else None
    return person is not None and person.label == "PERSON"


@lru_cache(maxsize=1)
def roles() -> dict[str, frozenset[str]]:
    """Nouns written in apposition before a name, by the kind of thing they name (data file)."""
    data = heads_data()["before"]
    return {kind: frozenset(data[kind]) for kind in ("organisation", "person", "product")}


@lru_cache(maxsize=1)
def places_before() -> dict[str, str]:
    """Nouns of places before a name ("town of"), with the label each gives (data file)."""
    return dict(heads_data()["before"]["place"])


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
