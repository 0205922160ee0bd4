"""Entity rows: named entities an analyst can group by, with one canonical name and an id.

`extract` turns the model's named entities (plus alias-file matches) into `Entity` rows:
`doc_id, start, end, text, label, canonical, kb_id, sentence`.

Promises:
- `article.text[start:end] == text` for every row; spans never cross a line break, never end
  in a possessive ("U.S. Steel's" -> "U.S. Steel") or stray punctuation, never hold a
  leading lower-case "the".
- Only named labels are rows (PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, WORK_OF_ART,
  LAW, LANGUAGE); numbers, money and dates belong to the amounts and dates tables. `doc.ents`
  is set to the corrected named spans plus the model's numeric ones, for the later stages.
- Within one article every mention of an entity shares `canonical` and `label`: surnames and
  short forms resolve to the full name seen anywhere in the article ("Trump" -> "Donald
  Trump"), acronyms to the name they abbreviate, and the label is the full name's (else the
  majority's).
- Countries get one canonical name and their ISO 3166-1 alpha-2 code in `kb_id` (pycountry,
  plus common short forms: "U.S.", "America", "Britain"); US states, Canadian provinces,
  Australian states and the UK nations their ISO 3166-2 code; nationalities (NORP) their
  country's code through the alias file; other entities the alias file's `kb_id`, else "".
- `sentence` is the index of the sentence (spaCy's parser) holding the mention.

The alias file (`data/aliases.csv`, columns alias, canonical, label, kb_id, sector) pins names
the small model gets wrong or splits: well-known companies (kb_id "EXCHANGE:TICKER" where
listed), leaders (with a surname row only for the few the news names by surname alone),
international organisations and agencies, and nationality words (NORP, kb_id = their country's
ISO code). Places are not listed: countries and big subdivisions come from pycountry, and a
pinned city would also pin its sports team. Add a row per spelling; a user file
(Settings.alias_file) adds rows and overrides shipped ones. Each alias is matched as written
and in upper case (headlines) by a SpanRuler placed after "ner" (measured on CoNLL-2003 dev:
F1 0.750 after "ner" vs 0.742 before it, which makes the model route around the pins); a match
replaces the model's entities it overlaps, unless a model entity strictly contains it ("Toyota
Motor Corp." keeps its span and takes the alias "Toyota Motor"'s name when only a legal suffix
differs).

Mechanisms for text the model reads badly (wire headlines, datelines, results tables):
- a name the article tags once is tagged wherever it appears again untagged (any case), the
  surname of a full PERSON name is a PERSON wherever it stands alone, and the acronym of a
  multi-word ORG ("KDP") is that ORG;
- untagged country names are added, and "U.S.-Japan" is split into its countries;
- a dateline ("TOKYO, Feb 7 (Reuters) -", "BELGRADE 1996-08-30") opens with a place;
- "Lindsay Davenport (U.S.)": a plain two- or three-word name followed by its country in
  brackets is a person; "P. Simmons", "J.R. Smith": initials and a surname are a person;
- in sports tables ("Alloa 2 Clyde 1", "Bournemouth 4 2 0 2 5 5 6": a line that is a name and
  counts only) the names are teams (ORG), unless a country, a region or a two-word PERSON;
- spans are cut at line breaks, brackets, spaced dashes, "v"/"at" and bare numbers, and
  PERSON/GPE/LOC/FAC/NORP spans at commas ("Detroit, Michigan" is two places); a leading
  month or weekday is cut ("September Bund"), and a capital-letter span that opens with a
  country is cut to it ("PAKISTAN WIN TOSS");
- a lone word the tagger reads as a common noun ("Men", "Extras") is no PERSON or ORG, and a
  short all-capital GPE that is no known place ("AI") is not a place; a word capitalised only
  by a heading or a sentence start that the article also writes in lower case ("BASEBALL -",
  "Gilts struggled ... gilts") is no name;
- lower-case words end no name and join none except joiners ("of", "and", "de", ...):
  "Volvo Cars and" -> "Volvo Cars", "Hulu to Disney" and "Mercantile or Commerce" are two;
- a one-word PERSON the article never names in full is a place when the article puts it
  after "in"/"at" or tags it as a place elsewhere, a team in a sports report, else a person
  (kept after a title or "said", or when listed beside full names);
- in a sports report (detected from its words, scores and results lines) a city or state
  that is not the setting ("in Toronto") or a dateline is its team ("Cleveland beat"), an
  organisation after "at" is the ground (FAC), and
  results lines, standings and fixtures ("Birmingham v Barnsley") name teams; outside
  sports reports such lines are left alone ("Total 120 135 140" is a row of figures);
- the untagged capitalised subject of a reporting or business verb ("Comelf said") is an ORG;
- a quoted nickname the text equates with the place after it ('dubbed “Motor City” -
  Detroit') takes that place's canonical name, label and id.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pycountry
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extract.aliases import Alias, load_aliases
from extract.article import Article
from extract.config import Settings
from extract.stages import Stage

NAMED = frozenset("PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split())
RULER = "alias_ruler"
SPANS_KEY = "aliases"


# Country names the news uses besides pycountry's own (canonical name, alpha-2).
COUNTRY_EXTRAS: dict[str, str] = {
    "U.S.": "US",
    "US": "US",
    "U.S.A.": "US",
    "USA": "US",
    "America": "US",
    "United States of America": "US",
    "Britain": "GB",
    "Great Britain": "GB",
    "UK": "GB",
    "U.K.": "GB",
    "Russia": "RU",
    "South Korea": "KR",
    "Korea": "KR",
    "North Korea": "KP",
    "China": "CN",
    "PRC": "CN",
    "Mainland China": "CN",
    "Holland": "NL",
    "Czech Republic": "CZ",
    "UAE": "AE",
    "U.A.E.": "AE",
    "Ivory Coast": "CI",
    "Burma": "MM",
    "Turkey": "TR",
    "Vatican": "VA",
    "Palestine": "PS",
    "DR Congo": "CD",
    "DRC": "CD",
    "Swaziland": "SZ",
    "Macedonia": "MK",
    "Cape Verde": "CV",
    "East Timor": "TL",
    "Brunei": "BN",
    "Kirghizia": "KG",
    "Moldavia": "MD",
    "Byelorussia": "BY",
}
# pycountry's name where the news uses another one.
CANONICAL_COUNTRY = {
    "RU": "Russia",
    "TR": "Turkey",
    "CD": "Democratic Republic of the Congo",
    "CZ": "Czechia",
    "PS": "Palestine",
    "VA": "Vatican City",
    "FM": "Micronesia",
    "BN": "Brunei",
}
# Former states still in archives: each form's canonical name and historic ISO code.
HISTORIC = {
    "Soviet Union": ("Soviet Union", "SU"),
    "USSR": ("Soviet Union", "SU"),
    "Yugoslavia": ("Yugoslavia", "YU"),
    "Czechoslovakia": ("Czechoslovakia", "CS"),
    "Zaire": ("Zaire", "ZR"),
    "East Germany": ("East Germany", "DD"),
    "West Germany": ("West Germany", "DE"),
}
# First-level subdivisions that are places in their own right in news.
SUBDIVISION_TYPES = {
    "US": {"State"},
    "CA": {"Province"},
    "AU": {"State"},
    "GB": {"Country", "Province"},  # England, Scotland, Wales; Northern Ireland
}
# Names a subdivision shares with a more frequent other meaning (the city, the person).
SUBDIVISION_SKIP = {"Washington", "New York", "Georgia", "Quebec"}
LEGAL_SUFFIX = re.compile(
    r"(?:,?\s+(?:Corp\.?|Corporation|Inc\.?|Incorporated|Co\.?|Ltd\.?|Limited|plc|PLC|LLC"
    r"|L\.L\.C\.|AG|SA|S\.A\.|NV|N\.V\.|SpA|S\.p\.A\.|GmbH|Holdings?|Group))+$"
)
POSSESSIVE = re.compile(r"\s*['’](?:s|S)?$")
EDGE_PUNCT = ",;:!?\"“”‘’'()[]{}-–—/|<>*"
ACRONYM_STOP = frozenset({"of", "and", "the", "for", "&", "de", "du", "des", "la", "le"})
DASHES = frozenset({"-", "–", "—", "--"})
# Tokens no name holds: brackets, and the "v"/"at" of fixtures and results ("Leeds v Hull").
SEPARATORS = frozenset({"(", ")", "[", "]", "v", "v.", "vs", "vs.", "versus", "at", "AT", "VS"})
# Calendar words open no name ("September Bund", "FRIDAY"); "May" is also a surname.
CALENDAR = frozenset(
    "january february march april june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# Labels of proper names: capitalised words held together by lower-case joiners only.
PROPER = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
JOINERS = frozenset(
    "of and for in the a on upon de du des la le les del della dello di da dos das do van von "
    "der den ter het op zu und et y e al el bin ibn ben".split()
)
# Labels whose names never hold a comma ("Detroit, Michigan" is two places).
COMMA_FREE = frozenset({"PERSON", "GPE", "LOC", "FAC", "NORP"})


@dataclass(frozen=True)
class Entity:
    doc_id: str
    start: int
    end: int
    text: str
    label: str
    canonical: str
    kb_id: str
    sentence: int


@dataclass
class _Mention:
    start: int  # character offsets into doc.text (== article.text)
    end: int
    label: str
    canonical: str = ""
    kb_id: str = ""
    pinned: bool = False  # label fixed by the alias file or the country table


def add_ruler(nlp: Language, alias_file: str | None) -> None:
    """Add the alias SpanRuler (shipped + user aliases) after "ner"; idempotent."""
    if RULER in nlp.pipe_names:
        nlp.remove_pipe(RULER)
    ruler = nlp.add_pipe(
        "span_ruler",
        name=RULER,
        after="ner" if "ner" in nlp.pipe_names else None,
        config={"spans_key": SPANS_KEY, "annotate_ents": False, "overwrite": True},
    )
    patterns = []
    for alias in load_aliases(alias_file):
        # Upper-case too: headlines and datelines are often written in capitals.
        for form in {alias.alias, alias.alias.upper()}:
            if form != alias.alias and len(alias.alias) < 4:
                continue  # "AI" upper is itself; short upper forms are acronyms already
            patterns.append({"label": alias.label, "pattern": form, "id": alias.alias})
    ruler.add_patterns(patterns)
    _alias_table.cache_clear()


def extract(doc: Doc, article: Article, settings: Settings) -> list[Entity]:
    """The article's named entities, cleaned, labelled consistently and resolved to one name."""
    aliases = _alias_table(str(settings.alias_file or ""))
    mentions = _clean(doc, [m for e in doc.ents if e.label_ in NAMED for m in _split(doc, e)])
    mentions = _merge_aliases(doc, mentions, aliases)
    mentions = _datelines(doc, mentions)
    mentions += _fill_countries(doc, mentions)
    mentions = _people_with_country(doc, mentions)
    mentions = _initialled_names(doc, mentions)
    sports = _sports(doc)
    mentions = _table_teams(doc, mentions, sports)
    mentions += _reporting_subjects(doc, mentions)
    _fix_labels(doc, mentions)
    _resolve(doc, mentions)
    _lone_names(doc, mentions, sports)
    _nicknames(doc, mentions)
    mentions += _propagate(doc, mentions)
    _make_consistent(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    _set_ents(doc, mentions)
    starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    return [
        Entity(
            doc_id=article.doc_id,
            start=m.start,
            end=m.end,
            text=article.text[m.start : m.end],
            label=m.label,
            canonical=m.canonical,
            kb_id=m.kb_id,
            sentence=max(bisect_right(starts, m.start) - 1, 0),
        )
        for m in mentions
    ]


# --- span clean-up -------------------------------------------------------------------------


def _split(doc: Doc, ent: Span) -> list[_Mention]:
    """Cut a model span at line breaks, spaced dashes, bare numbers and lower-case words that
    join no name ("Hulu to Disney", "Mercantile or Commerce"); drop lower-case words at its
    edges ("Volvo Cars and", "Interfax news agency", "the August NAPM")."""
    parts: list[list] = []
    current: list = []
    proper = ent.label_ in PROPER
    for tok in ent:
        opening = all(t.lower_ == "the" for t in current)
        breaks = (
            tok.is_space
            or "\n" in tok.text
            or (tok.text in DASHES and tok.whitespace_ and tok.i > 0 and doc[tok.i - 1].whitespace_)
            or tok.text in SEPARATORS
            or (opening and tok.lower_ in CALENDAR and proper)
            or (tok.text == "," and ent.label_ in COMMA_FREE)
            or (  # "Mercantile , Commerce" are two banks; "Foo, Inc." is one
                tok.text == ","
                and ent.label_ == "ORG"
                and tok.i + 1 < ent.end
                and not LEGAL_SUFFIX.fullmatch(" " + doc[tok.i + 1].text)
            )
            or (
                proper
                and ent.label_ != "FAC"
                and any(c.isdigit() for c in tok.text)
                and not any(c.isalpha() for c in tok.text)
            )
            or SCORE_TOKEN.fullmatch(tok.text)  # "Hull 2-1": a result, not a name
            or (
                proper
                and tok.is_lower
                and tok.is_alpha
                and _spaced(doc, tok)  # "Ata-ur-Rehman" is one name
                and not LEGAL_SUFFIX.fullmatch(" " + tok.text)  # "Barclays plc"
                and (tok.lower_ not in JOINERS or (tok.lower_ == "and" and ent.label_ != "ORG"))
            )
        )
        if breaks:
            if current:
                parts.append(current)
            current = []
        else:
            current.append(tok)
    if current:
        parts.append(current)
    out = []
    for part in parts:
        if proper:
            # Joiners hold a name together but never end it ("Bank of", "Volvo Cars and").
            while (
                part
                and part[-1].is_lower
                and _spaced(doc, part[-1])
                and not LEGAL_SUFFIX.fullmatch(" " + part[-1].text)  # "Rothmans ... plc"
            ):
                part = part[:-1]
        if part and not all(t.lower_ == "the" for t in part):
            out.append(_Mention(part[0].idx, part[-1].idx + len(part[-1].text), ent.label_))
    return out


def _spaced(doc: Doc, tok) -> bool:
    """Whether a token stands apart (spaces around it), not inside a hyphenated word."""
    return bool(tok.whitespace_) and (tok.i == 0 or bool(doc[tok.i - 1].whitespace_))


def _text(doc: Doc) -> str:
    """doc.text, built once per Doc: spaCy joins every token again on each access."""
    if "text" not in doc.user_data:
        doc.user_data["text"] = doc.text
    return doc.user_data["text"]


def _clean(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    text = _text(doc)
    out = []
    for m in mentions:
        start, end = _trim(text, m.start, m.end, m.label, _sentence_initial(text, m.start))
        if end <= start or not any(c.isalpha() for c in text[start:end]):
            continue
        end = _country_head(text, start, end)
        # "U.S.-Japan" is two places: split a hyphenated span whose parts are both countries.
        pieces = _hyphen_parts(text, start, end)
        if pieces:
            out.extend(_Mention(s, e, "GPE") for s, e in pieces)
        else:
            out.append(_Mention(start, end, m.label))
    return out


def _sentence_initial(text: str, start: int) -> bool:
    k = start
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    return k == 0 or text[k - 1] in '\n.!?:"“'


def _trim(text: str, start: int, end: int, label: str, initial: bool) -> tuple[int, int]:
    while True:
        before = (start, end)
        span = text[start:end]
        possessive = POSSESSIVE.search(span)
        if possessive and possessive.start() > 0:
            end = start + possessive.start()
        while end > start and text[end - 1] in EDGE_PUNCT + " \t\n":
            end -= 1
        # A final period belongs to abbreviations ("U.S.", "Inc.") but not to "Michigan.".
        if end > start and text[end - 1] == ".":
            word = text[start:end].split()[-1]
            if "." not in word[:-1] and len(word) > 5:
                end -= 1
        while start < end and text[start] in EDGE_PUNCT + " \t\n":
            start += 1
        # "The" is part of a name mid-sentence ("The Hague") but not at a sentence start.
        if text[start:end].startswith("the ") or (
            text[start:end].startswith("The ") and (initial or label in {"GPE", "NORP"})
        ):
            start += 4
        if (start, end) == before:
            return start, end


def _country_head(text: str, start: int, end: int) -> int:
    """End of a capital-letter span cut to the country it opens with ("PAKISTAN WIN TOSS")."""
    span = text[start:end]
    words = span.split(" ")
    if len(words) < 2 or not span.isupper() or _country(span):
        return end
    for k in range(len(words) - 1, 0, -1):
        head = " ".join(words[:k])
        if _country(head):
            return start + len(head)
    return end


def _hyphen_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    span = text[start:end]
    if "-" not in span or " " in span:
        return []
    parts, pos = [], start
    for piece in span.split("-"):
        parts.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    if len(parts) > 1 and all(_country(text[s:e]) for s, e in parts):
        return parts
    return []


# --- alias file ----------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _alias_table(alias_file: str) -> dict[str, Alias]:
    table = {}
    for alias in load_aliases(alias_file or None):
        table[alias.alias] = alias
        table.setdefault(alias.alias.upper(), alias)
    return table


def _merge_aliases(doc: Doc, mentions: list[_Mention], aliases: dict[str, Alias]) -> list[_Mention]:
    """Alias matches win over the model's spans they overlap, except inside a longer name."""
    matches = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
    for span in filter_spans(matches):
        alias = aliases.get(span.id_) or aliases.get(span.text)
        if alias is None:
            continue
        s, e = span.start_char, span.end_char
        overlapping = [m for m in mentions if m.start < e and m.end > s]
        outer = [
            m for m in overlapping if m.start <= s and m.end >= e and (m.start, m.end) != (s, e)
        ]
        if outer:
            # "Toyota Motor Corp." is the alias "Toyota Motor" with a legal suffix: same entity.
            m = outer[0]
            if _strip_legal(_name(_text(doc)[m.start : m.end])) in (alias.alias, alias.canonical):
                m.label, m.canonical, m.kb_id, m.pinned = (
                    alias.label,
                    alias.canonical,
                    alias.kb_id,
                    True,
                )
            continue
        mentions = [m for m in mentions if m not in overlapping]
        mentions.append(_Mention(s, e, alias.label, alias.canonical, alias.kb_id, pinned=True))
    return mentions


# --- countries -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _country_table() -> dict[str, tuple[str, str]]:
    """Lower-cased name -> (canonical name, ISO 3166-1 alpha-2 code) for countries."""
    table: dict[str, tuple[str, str]] = {}
    canonical: dict[str, str] = {}
    for c in pycountry.countries:
        name = CANONICAL_COUNTRY.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        canonical[c.alpha_2] = name
        for form in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if form and "," not in form and "(" not in form:
                table[form.lower()] = (name, c.alpha_2)
        table[name.lower()] = (name, c.alpha_2)
    for form, code in COUNTRY_EXTRAS.items():
        table[form.lower()] = (canonical[code], code)
    for name, code in _subdivision_table().values():
        if code.startswith("GB-"):  # England, Scotland, Wales: countries in their own right
            table[name.lower()] = (name, code)
    for form, (name, code) in HISTORIC.items():
        table[form.lower()] = (name, code)
    return table


@lru_cache(maxsize=1)
def _subdivision_table() -> dict[str, tuple[str, str]]:
    """Lower-cased name -> (name, ISO 3166-2 code) for states, provinces and UK nations."""
    table = {}
    for sub in pycountry.subdivisions:
        name = sub.name.split(" [")[0]  # "Wales [Cymru GB-CYM]"
        if (
            sub.type in SUBDIVISION_TYPES.get(sub.country_code, ())
            and sub.parent_code is None
            and name not in SUBDIVISION_SKIP
        ):
            table[name.lower()] = (name, sub.code)
    return table


def _country(text: str) -> tuple[str, str] | None:
    """(canonical, code) when `text` names a country; case-sensitive for short forms."""
    if text.startswith(("the ", "The ")):
        text = text[4:]
    hit = _country_table().get(text.lower())
    if hit is None:
        return None
    # "us", "Us" and other short forms only count when written as the code is written.
    if len(text.replace(".", "")) <= 3 and not text.isupper():
        return None
    return hit


DATELINE_TAIL = re.compile(
    r"\s*(?:\(|,|\d{4}-\d\d-\d\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"
)


def _datelines(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """A wire dateline ("TOKYO, Feb 7 (Reuters) -", "BELGRADE 1996-08-30") opens with a place."""
    text = _text(doc)
    for tok in doc:
        if tok.i > 0 and "\n" not in doc[tok.i - 1].text_with_ws:
            continue
        j = tok.i
        while j < len(doc) and j - tok.i < 3 and _capital_word(doc[j].text):
            j += 1
        if (
            j == tok.i
            or j == len(doc)
            or tok.lower_ in CALENDAR  # "SATURDAY , AUGUST 31 SCHEDULE"
            or not DATELINE_TAIL.match(text, doc[j - 1].idx + len(doc[j - 1]))
        ):
            continue
        start, end = tok.idx, doc[j - 1].idx + len(doc[j - 1])
        if any(m.pinned and m.start < end and m.end > start for m in mentions):
            continue
        mentions = [m for m in mentions if not (m.start < end and m.end > start)]
        mentions.append(_Mention(start, end, "GPE"))
    return mentions


def _capital_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return (
        len(letters) >= 2
        and all(c.isupper() for c in letters)
        and all(c.isalpha() or c in ".'-" for c in word)
    )


def _fill_countries(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Country names the model left untagged (capitalised, outside any entity)."""
    taken = _taken(doc, mentions)
    text = _text(doc)
    table = _country_table()
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if taken[i] or not (tok.is_title or tok.is_upper or "-" in tok.text):
            i += 1
            continue
        pieces = _hyphen_parts(text, tok.idx, tok.idx + len(tok)) if "-" in tok.text else []
        if pieces:  # an untagged "U.S.-China" still names two countries
            out.extend(_Mention(s, e, "GPE") for s, e in pieces)
            i += 1
            continue
        hit = 0
        for n in (4, 3, 2, 1):
            j = i + n
            if j > len(doc) or any(taken[i:j]):
                continue
            last = doc[j - 1]
            name = text[tok.idx : last.idx + len(last)]
            if name.lower() in table and _country(name) and (last.is_title or last.is_upper):
                hit = j
                break
        if hit:
            out.append(_Mention(tok.idx, doc[hit - 1].idx + len(doc[hit - 1]), "GPE"))
            i = hit
        else:
            i += 1
    return out


ORG_WORDS = frozenset(
    "Bank Group Club United City FC Party Association Union Council Ministry Company Team "
    "Racing Motors Airlines Agency Institute University Committee Federation".split()
)
COUNTRY_AFTER = re.compile(r"\s*\(\s*([A-Z][\w.' -]{1,40}?)\s*\)")


def _people_with_country(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """ "Lindsay Davenport (U.S.)": a plain two- or three-word name with its country in
    brackets is a person (sports results, bylines), whatever the model said or missed."""
    text = _text(doc)
    by_start = {m.start: m for m in mentions}
    out = list(mentions)
    for tok in doc:
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].text != "(":
            continue
        after = COUNTRY_AFTER.match(text, doc[tok.i + 1].idx)
        if not after or not _country(after.group(1)):
            continue
        for n in (3, 2):
            first = tok.i - n + 1
            if first < 0:
                continue
            words = doc[first : tok.i + 1]
            if not all(w.is_title and (w.is_alpha or "-" in w.text) for w in words):
                continue
            if any(w.text in ORG_WORDS for w in words) or _country(words.text):
                continue
            m = by_start.get(words.start_char)
            if m is not None and m.end == words.end_char:
                if not m.pinned and m.label in {"ORG", "PERSON", "GPE", "LOC", "NORP"}:
                    m.label = "PERSON"
                break
            s, e = words.start_char, words.end_char
            inside = [m for m in out if m.start < e and m.end > s]
            if not any(m.pinned or m.start < s or m.end > e for m in inside):
                # "Sandrine Testud ( France )": the model's pieces give way to the full name.
                out = [m for m in out if m not in inside]
                out.append(_Mention(s, e, "PERSON"))
                break
    return out


INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


def _initialled_names(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """ "P. Simmons", "J.R. Smith": initials and a surname are a person (scorecards, bylines)."""
    for tok in doc[:-1]:
        surname = doc[tok.i + 1]
        if not INITIALS.fullmatch(tok.text) or not (surname.is_title and surname.is_alpha):
            continue
        if len(surname) < 2 or _country(surname.text) or _country(tok.text) or not tok.whitespace_:
            continue
        if surname.i + 1 < len(doc) and doc[surname.i + 1].is_title:
            continue  # "U.N. Security Council" goes on: a name, not a person
        start, end = tok.idx, surname.idx + len(surname)
        inside = [m for m in mentions if m.start < end and m.end > start]
        if any(m.pinned or m.start < start or m.end > end for m in inside):
            continue
        mentions = [m for m in mentions if m not in inside]
        mentions.append(_Mention(start, end, "PERSON"))
    return mentions


_TEAM = r"([A-Z][^\W\d_]*[.'&-]?[^\W\d_]*(?: [A-Z][^\W\d_]*[.'&-]?[^\W\d_]*){0,3})"
# Won/drawn/lost counts (and a baseball ".556"): integers, not prices like "1.47".
STANDINGS = re.compile(r"^" + _TEAM + r"(?:[ \t]+(?:\d+|\.\d+|\d+/\d+|-)){3,}[ \t]*$", re.M)
SCORE = re.compile(r"^" + _TEAM + r" (\d{1,3}) " + _TEAM + r" (\d{1,3})\b", re.M)
FIXTURE = re.compile(r"(?:^|(?<=[:,] )|(?<=\d ))(?:" + _TEAM + r" )?v\.? " + _TEAM, re.M)


def _table_teams(doc: Doc, mentions: list[_Mention], sports: bool) -> list[_Mention]:
    """Sports tables: the names in "Alloa 2 Clyde 1" and "Bournemouth 4 2 0 2 5 5 6" are teams.

    Only lines that start with the name and hold nothing but counts. A country stays a place
    (national sides are written as the country), a region (LOC) stays a region, and a
    two-word PERSON stays a person (golf and athletics lines hold players).
    """
    text = _text(doc)
    if not sports:
        return mentions  # "Total 120 135 140", "Brent 75 76 74": figures, not results
    spans = [m.span(1) for m in STANDINGS.finditer(text)]
    for m in SCORE.finditer(text):
        spans += [m.span(1), m.span(3)]
    for m in FIXTURE.finditer(text):  # "Birmingham v Barnsley", "May 18 v Worcestershire"
        spans += [m.span(k) for k in (1, 2) if m.group(k)]
    for start, end in spans:
        name = text[start:end]
        if _country(name):
            continue
        if _common_noun(doc, _Mention(start, end, "ORG")) and re.search(
            r"\b" + re.escape(name.lower()) + r"\b", text
        ):
            continue  # "Attendance 12 400": a row of figures, not a team
        if name.split()[0].lower() in CALENDAR:
            continue  # "July 96 June 96": a table's column heads
        inside = [m for m in mentions if m.start < end and m.end > start]
        if any(
            m.pinned
            or m.start < start
            or (m.end > end and any(c.isalpha() for c in text[end : m.end]))
            or m.label == "LOC"  # "Latin America 115 121 98": a region's figures
            or (m.label == "PERSON" and len(text[m.start : m.end].split()) >= 2)
            for m in inside
        ):
            continue
        mentions = [m for m in mentions if m not in inside]
        mentions.append(_Mention(start, end, "ORG", pinned=True))
    return mentions


# Verbs whose untagged capitalised subject is an organisation ("Comelf said it almost doubled
# output", "Tanjug reported"): a person the model would have tagged.
ORG_VERBS = frozenset(
    "say report announce post agree plan issue launch buy sell acquire raise cut file own "
    "expect forecast reject deny confirm list merge".split()
)
PRONOUNS = frozenset("i you he she it we they this that these those there here who".split())


def _reporting_subjects(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Untagged capitalised subjects of reporting and business verbs are organisations."""
    taken = _taken(doc, mentions)
    # Words of names the article already tags ("Lebed said" after "Alexander Lebed").
    text = _text(doc)
    named = {w.lower() for m in mentions for w in text[m.start : m.end].split()}
    out = []
    for tok in doc:
        if (
            taken[tok.i]
            or tok.dep_ != "nsubj"
            or tok.lower_ in named
            or tok.head.lemma_ not in ORG_VERBS
            or not (tok.is_title or (tok.is_upper and len(tok) >= 3))
            or not tok.is_alpha
            or tok.is_stop
            or tok.lower_ in PRONOUNS
            or tok.tag_ in {"NN", "NNS", "JJ", "DT", "CD"}
            or tok.lower_ in CALENDAR
        ):
            continue
        first = tok.i
        while first > 0 and (
            (doc[first - 1].dep_ == "compound" and doc[first - 1].is_title)
            or (  # "Rent-A-Car Inc"
                not doc[first - 1].whitespace_
                and (doc[first - 1].text == "-" or doc[first - 1].is_alpha)
            )
        ):
            first -= 1
        while not doc[first].is_alpha:
            first += 1
        if any(taken[first : tok.i]):
            continue
        start, end = doc[first].idx, tok.idx + len(tok)
        out.append(_Mention(start, end, "ORG", _name(text[start:end])))
    return out


def _taken(doc: Doc, mentions: list[_Mention]) -> list[bool]:
    taken = [False] * len(doc)
    if not mentions:
        return taken
    spans = sorted((m.start, m.end) for m in mentions)
    for tok in doc:
        k = bisect_right(spans, (tok.idx, 10**12)) - 1
        if k >= 0 and spans[k][1] > tok.idx:
            taken[tok.i] = True
    return taken


# --- labels and names ----------------------------------------------------------------------


def _fix_labels(doc: Doc, mentions: list[_Mention]) -> None:
    text = _text(doc)
    for m in mentions:
        span = text[m.start : m.end]
        if m.pinned:
            continue
        country = _country(span)
        if country:
            m.canonical, m.kb_id = country
            m.label, m.pinned = "GPE", True
        elif m.label in {"GPE", "LOC"} and span.lower() in _subdivision_table():
            # A state keeps the model's label (it may be a team) but gets its ISO 3166-2 code.
            m.canonical, m.kb_id = _subdivision_table()[span.lower()]
        elif m.label in {"PERSON", "GPE"} and _before_org_role(doc, m):
            # "Surrey captain", "Toyota spokesman": whoever has a captain or a spokesman is an
            # organisation (a country keeps its label: it matched above).
            m.label = "ORG"
        elif _common_noun(doc, m):
            # "Men", "Extras", "Attendance": a lone word the tagger reads as a common noun.
            m.label = ""
        elif m.label in {"GPE", "LOC"} and re.fullmatch(r"[A-Z]{2,3}", span):
            # An unknown all-capital short "place" is an acronym ("AI"), not a place.
            m.label = ""
        elif m.label == "ORG" and span.istitle() and _before(doc, m) in PORTFOLIO_TITLES:
            # "Defence Minister Volker Ruehe", "Agriculture Secretary": a portfolio, no body.
            m.label = ""
        elif all(w in SPORTS_WORDS for w in span.lower().split()):
            # "SOCCER -", "Division one": the words of the game name nothing.
            m.label = ""
        elif _lower_elsewhere(text, m, span):
            # "BASEBALL - ...", "Gilts struggled ... pulled gilts lower": a word capitalised
            # only by a heading or a sentence start that the article also writes in lower case.
            m.label = ""


def _lower_elsewhere(text: str, m: _Mention, span: str) -> bool:
    if m.label not in {"PERSON", "ORG"} or not span.isalpha():
        return False
    if not (span.isupper() or _sentence_initial(text, m.start) or text[m.end : m.end + 3] == " - "):
        return False
    return re.search(r"(?<![\w-])" + span.lower() + r"(?![\w-])", text) is not None


ORG_ROLES = frozenset(
    "captain coach manager striker midfielder defender goalkeeper spokesman spokeswoman "
    "spokesperson chairman chairwoman ceo shareholders executives".split()
)


PORTFOLIO_TITLES = frozenset({"minister", "secretary"})


def _before(doc: Doc, m: _Mention) -> str:
    """The lower-case word right after a one-word mention, else ""."""
    span = doc.char_span(m.start, m.end)
    if span is None or len(span) != 1 or span.end >= len(doc):
        return ""
    return doc[span.end].lower_


def _before_org_role(doc: Doc, m: _Mention) -> bool:
    span = doc.char_span(m.start, m.end)
    return span is not None and span.end < len(doc) and doc[span.end].lower_ in ORG_ROLES


def _common_noun(doc: Doc, m: _Mention) -> bool:
    span = doc.char_span(m.start, m.end)
    return (
        m.label in {"PERSON", "ORG"}
        and span is not None
        and len(span) == 1
        and span[0].tag_ in {"NN", "NNS"}
    )


def _resolve(doc: Doc, mentions: list[_Mention]) -> None:
    """Give each mention its canonical name within the article."""
    text = _text(doc)
    mentions[:] = [m for m in mentions if m.label]
    full_persons: dict[str, list[_Mention]] = defaultdict(list)  # surname -> full-name mentions
    given: dict[str, list[_Mention]] = defaultdict(list)  # first word -> full-name mentions
    orgs: list[tuple[list[str], str]] = []
    for m in mentions:
        words = _name(text[m.start : m.end]).split()
        if m.label == "PERSON" and len(words) >= 2:
            full_persons[words[-1].lower()].append(m)
            given[words[0].lower()].append(m)
        if m.label == "ORG" and len(words) >= 2:
            orgs.append((words, _name(text[m.start : m.end])))
    for m in mentions:
        span = text[m.start : m.end]
        name = _name(span)
        words = name.split()
        # The article's own full name beats a shipped surname row ("Melania Trump" ... "Trump").
        surname = len(words) == 1 and words[0].lower() in full_persons and m.label != "NORP"
        if m.pinned and not (surname and m.label == "PERSON"):
            m.canonical = m.canonical or name
            continue
        if surname:
            m.canonical = _nearest(full_persons[words[0].lower()], m, text)
            m.label = "PERSON"
            continue
        if m.label in {"PERSON", "ORG"} and len(words) == 1 and words[0].lower() in given:
            # A lone PERSON word that opens a full name: "Xi" (Xi Jinping), "Donald".
            m.canonical, m.label = _nearest(given[words[0].lower()], m, text), "PERSON"
            continue
        if m.label in {"ORG", "PERSON"} and len(words) <= 2:
            longer = _org_for(words, orgs)
            if longer:
                m.canonical, m.label = longer, "ORG"
                continue
        m.canonical = _strip_legal(name) if m.label == "ORG" else name


# Words of sport; the STRONG ones (and scores such as "2-1") belong to no other news.
SPORTS_STRONG = frozenset(
    "innings wicket wickets striker midfielder goalkeeper homer homered inning halftime soccer "
    "cricket tennis rugby baseball basketball golf athletics quarterback pitcher batsman "
    "bowler semifinal standings".split()
)
SPORTS_WORDS = SPORTS_STRONG | frozenset(
    "match matches game games season league coach goal goals tournament championship club "
    "team scored seed penalty draw drew beat defeated final cup division played".split()
)
SPORTS_RE = re.compile(r"(?<![\w-])(?i:" + "|".join(sorted(SPORTS_WORDS)) + r")(?![\w-])")
SCORE_TOKEN = re.compile(r"\d{1,3}-\d{1,3}")
SCORES_RE = re.compile(r"(?<![\w./-])\d{1,3}-\d{1,3}(?![\w./-])")
LIST_SEPS = frozenset({",", ";", "and", "&"})
# A lone name after these is a place ("in Tavildara"); in sports reports a city after these
# or "of" is the setting, not its team ("in Toronto").
PLACE_PREPS = frozenset({"in", "at", "near", "outside"})
SETTING_PREPS = PLACE_PREPS | {"of"}
PERSON_TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. dr dr. president minister senator sen. gov. governor king queen "
    "prince pope judge general gen. coach captain manager said told b c".split()
)  # "b"/"c": bowled and caught by, in cricket scorecards


def _sports(doc: Doc) -> bool:
    """Sports reports (results, fixtures) use place names for teams."""
    text = _text(doc)
    words = SPORTS_RE.findall(text)
    # A word only sport uses or a results line ("Luton 1 Rotherham 0") must be there; scores
    # ("2-1") add up with the other words (finance has "300-500" ranges).
    strong = len(SCORE.findall(text)) + sum(1 for w in words if w.lower() in SPORTS_STRONG)
    hits = len(words) + strong + len(SCORES_RE.findall(text))
    return strong >= 1 and hits >= 3 and hits * 100 >= len(doc)


def _lone_names(doc: Doc, mentions: list[_Mention], sports: bool) -> None:
    """A one-word PERSON the article never gives in full is rarely a person.

    News introduces people by their full name; a lone capitalised word the model calls a
    person with no full name anywhere in the article is most often a company ("Pirelli"), a
    sports team ("Derbyshire") or a place ("in Tavildara"). It becomes a place after a place
    preposition, a team in a sports report, and stays a person after a title ("Mr", "said").
    """
    text = _text(doc)
    lone: list[tuple[_Mention, str]] = []
    places = {text[m.start : m.end].lower() for m in mentions if m.label in {"GPE", "LOC"}}
    # Character offsets where full PERSON names start and end: a lone word listed beside them
    # ("Given , Breen , Staunton") is one more person (squads, scorers, line-ups).
    person_starts, person_ends = set(), set()
    for m in mentions:
        if m.label == "PERSON" and " " in text[m.start : m.end]:
            person_starts.add(m.start)
            person_ends.add(m.end)
    for m in mentions:
        if m.pinned or m.label != "PERSON" or " " in text[m.start : m.end].strip():
            continue
        if m.canonical and m.canonical != _name(text[m.start : m.end]):
            continue  # a surname resolved to a full name
        span = doc.char_span(m.start, m.end)
        if span is None or len(span) != 1:
            continue
        prev = doc[span.start - 1].lower_ if span.start > 0 else ""
        nxt = doc[span.end].lower_ if span.end < len(doc) else ""
        if prev in PERSON_TITLES or nxt in {"said", "says", "told"}:
            continue
        if _listed_with(doc, span, person_starts, person_ends):
            continue
        if prev in PLACE_PREPS and not sports:
            places.add(span[0].lower_)
        lone.append((m, span[0].lower_))
    for m, word in lone:
        if word in places:
            m.label = "GPE"  # "in Tavildara", or a dateline: the same word is a place
        elif sports:
            m.label = "ORG"
    if sports:
        _teams_in_sports(doc, mentions)


def _listed_with(doc: Doc, span: Span, starts: set[int], ends: set[int]) -> bool:
    """Whether a one-word span stands in a list next to a full PERSON name."""
    i, j = span.start, span.end
    if i >= 2 and doc[i - 1].text in LIST_SEPS and doc[i - 2].idx + len(doc[i - 2]) in ends:
        return True
    return j + 1 < len(doc) and doc[j].text in LIST_SEPS and doc[j + 1].idx in starts


def _teams_in_sports(doc: Doc, mentions: list[_Mention]) -> None:
    """In a sports report a city or state that acts ("Cleveland beat", "joined Milan",
    "homered for Seattle", "Boston 's lead") is its team; one that is a setting ("in
    Toronto") or a dateline stays a place, and an organisation the match is played at ("at
    Headingley") is the ground. Countries (national sides) stay places: they are pinned."""
    for m in mentions:
        if m.pinned or m.label not in {"GPE", "LOC", "ORG"}:
            continue
        span = doc.char_span(m.start, m.end)
        if span is None:
            continue
        if m.label == "ORG":
            if span.start > 0 and doc[span.start - 1].lower_ == "at":
                m.label = "FAC"  # "at Headingley", "at Old Trafford": the ground
            continue
        if span.start == 0 or "\n" in doc[span.start - 1].text_with_ws:
            # A line opens with a dateline or a heading ("MILAN 1996-08-30") unless the
            # name is the subject of a verb ("Milwaukee has won 10 of its last 15").
            if span.end >= len(doc) or doc[span.end].pos_ not in {"VERB", "AUX"}:
                continue
        elif doc[span.start - 1].lower_ in SETTING_PREPS:
            continue
        elif doc[span.start - 1].text == ",":
            continue  # "Markham , Ontario", "Tavildara , 200 km east of the capital"
        m.label = "ORG"


NICKNAME = re.compile(
    r"\b(?:dubbed|nicknamed|known as|called|billed as)\s+[\"“‘']([^\"”’'\n]{2,40})[\"”’']"
    r"\s*(?:[-–—,:]\s*)"
)


def _nicknames(doc: Doc, mentions: list[_Mention]) -> None:
    """'once dubbed “Motor City” - Detroit': a quoted nickname the text equates with the place
    named right after it is that place (its canonical name, label and id)."""
    text = _text(doc)
    by_start = {m.start: m for m in mentions}
    for hit in NICKNAME.finditer(text):
        place = by_start.get(hit.end())
        if place is None or place.label not in {"GPE", "LOC", "FAC"}:
            continue
        for m in mentions:
            if (m.start, m.end) == hit.span(1) and not m.pinned:
                m.label, m.kb_id = place.label, place.kb_id
                m.canonical = place.canonical or _name(text[place.start : place.end])


def _name(span: str) -> str:
    """The canonical form of a span: one line, no leading "the", straight quotes."""
    name = " ".join(span.replace("’", "'").split())
    if name.lower().startswith("the "):
        name = name[4:]
    return name


def _strip_legal(name: str) -> str:
    short = LEGAL_SUFFIX.sub("", name)
    return short if short else name


def _nearest(candidates: list[_Mention], m: _Mention, text: str) -> str:
    """The full name mentioned nearest before the surname, else the nearest after it."""
    before = [c for c in candidates if c.start <= m.start]
    best = before[-1] if before else min(candidates, key=lambda c: abs(c.start - m.start))
    return best.canonical or _name(text[best.start : best.end])


def _org_for(words: list[str], orgs: list[tuple[list[str], str]]) -> str:
    """The longer ORG name a short form or acronym stands for, or ""."""
    if not words:
        return ""
    for long_words, long_name in orgs:
        if len(long_words) > len(words) and [w.lower() for w in long_words[: len(words)]] == [
            w.lower() for w in words
        ]:
            return _strip_legal(long_name)
        if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6:
            initials = _initials(long_words)
            if initials == words[0] and len(initials) >= 2:
                return _strip_legal(long_name)
    return ""


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in ACRONYM_STOP and w[0].isalpha()).upper()


def _propagate(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Label untagged repeats of names the article already tagged (and lone surnames)."""
    text = _text(doc)
    known: dict[tuple[str, ...], _Mention] = {}
    for m in mentions:
        words = tuple(w.lower() for w in text[m.start : m.end].split())
        if not words or len(words) > 5:
            continue
        if len(words) == 1 and len(words[0]) < 3:
            continue
        known.setdefault(words, m)
        if m.label == "PERSON" and len(words) >= 2 and len(words[-1]) >= 3:
            known.setdefault(words[-1:], m)
        if m.label == "ORG" and len(words) >= 2:
            # "Kurdistan Democratic Party ... KDP": the acronym is the same organisation.
            initials = _initials(text[m.start : m.end].split())
            if len(initials) >= 2:
                known.setdefault((initials.lower(),), m)
    if not known:
        return []
    taken = _taken(doc, mentions)
    out = []
    i = 0
    while i < len(doc):
        hit = None
        if not taken[i] and (doc[i].is_title or doc[i].is_upper) and doc[i].is_alpha:
            for n in (5, 4, 3, 2, 1):
                j = i + n
                if j > len(doc) or any(taken[k] for k in range(i, j)):
                    continue
                source = known.get(tuple(t.lower_ for t in doc[i:j]))
                if source is not None and (doc[j - 1].is_title or doc[j - 1].is_upper):
                    hit = (doc[i:j], source)
                    break
        if hit:
            span, source = hit
            out.append(
                _Mention(
                    span.start_char,
                    span.end_char,
                    source.label,
                    source.canonical,
                    source.kb_id,
                    source.pinned,
                )
            )
            i = span.end
        else:
            i += 1
    return out


def _make_consistent(doc: Doc, mentions: list[_Mention]) -> None:
    """One label per canonical entity: the pinned or full-name label, else the majority's."""
    groups: dict[str, list[_Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.canonical.lower()].append(m)
    text = _text(doc)
    for group in groups.values():
        pinned = [m for m in group if m.pinned]
        full = [m for m in group if _name(text[m.start : m.end]).lower() == m.canonical.lower()]
        if pinned:
            label, kb_id = pinned[0].label, pinned[0].kb_id
        else:
            votes = Counter(m.label for m in (full or group))
            label = max(votes, key=lambda lab: (votes[lab], -_first(group, lab)))
            kb_id = next((m.kb_id for m in group if m.kb_id), "")
        for m in group:
            m.label, m.kb_id = label, kb_id


def _first(group: list[_Mention], label: str) -> int:
    return min(m.start for m in group if m.label == label)


def _set_ents(doc: Doc, mentions: list[_Mention]) -> None:
    """Corrected named spans plus the model's other entities (money, dates) as doc.ents."""
    spans = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, label=m.label)
        if span is not None:
            spans.append(span)
    taken = _taken(doc, mentions)
    spans += [e for e in doc.ents if e.label_ not in NAMED and not any(taken[e.start : e.end])]
    doc.ents = filter_spans(spans)


def _mark(row: Any, text: str) -> list[tuple[int, int, str, str]]:
    """The report's highlight of a row: its span, its label, its canonical name if other."""
    note = "" if row.canonical == row.text else row.canonical
    return [(int(row.start), int(row.end), row.label, note)]


def _setup(nlp: Language, settings: Settings) -> None:
    add_ruler(nlp, str(settings.alias_file or "") or None)


STAGE = Stage(
    name="entities",
    row=Entity,
    extract=extract,
    description="people, organisations, places and nationalities, one canonical name each",
    data=("aliases.csv",),
    setup=_setup,
    scorer="entities",
    report=("text", "label", "canonical", "kb_id", "sentence", "start", "end"),
    mark=_mark,
)
