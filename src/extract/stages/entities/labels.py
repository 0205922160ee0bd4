"""Label corrections, one mention at a time: countries and subdivisions get their table's name
and ISO code, and spans that name nothing lose their label ("" = dropped later). The spans are
first cut to their own edges (`tidy.tidy_spans`: no trailing lower-case word, no title the
article writes in lower case, "X and Y" as two names).

- a North American broadcaster's call sign ("KTRK", "WFAA") outside a headline is an ORG;
- a person's name ends before the letters after it ("Jane Roe QC", "John Doe, Ph.D.");
- a country is a GPE with its canonical name and ISO 3166-1 code, and is pinned;
- a state or province keeps the model's label (it may be a team) and gets its ISO 3166-2 code;
- a name followed by "captain" or "spokesman" is an organisation ("Yorkshire captain");
- a one-word "person" between a possessive pronoun and a noun is a maker ("his Ring camera");
- a body's name and more words before "poll" or "survey" is its publication ("a new Acme News
  Tracker poll", where the article names Acme News alone), a WORK_OF_ART;
- a lone word the tagger reads as a common noun ("Men", "Totals") is no PERSON or ORG, and a
  short all-capital "place" that is no known place ("AI") is no place;
- a one-word function word or verb ("Is", "Subscribe"), and a day before a date ("Fri, Oct 2"),
  name nothing, nor does a time zone after a clock time ("0906 GMT");
- a portfolio ("Trade Minister") and the words of the game ("SOCCER") name nothing;
- a word capitalised only by a heading or a sentence start that the article also writes in
  lower case ("RUGBY -", "Treasuries fell ... treasuries") is no name.

`common_words` runs once repeats are tagged, on whole entities (all mentions of a canonical
name), and drops what names nothing an analyst would count:
- an acronym whose expansion the article writes in lower case, as a common noun phrase
  ("fast radio bursts ... an FRB", "bus rapid transit ... BRT"), and a name it heads ("Gold
  Standard BRT");
- a polity's generic noun capitalised alone ("the Territory", "the Kingdom");
- a two-letter acronym the article only writes before a common noun ("AI systems", "RV
  parking"), never with "the";
- a post-nominal letter after a person's name ("Jane Roe, Ph.D.", "John Doe QC");
- outside sports reports, a one-word PERSON the article never names in full, titles, quotes
  or calls "he" or "she" ("Newegg has models from ...");
- a name used as a verb ("would Google the words", "Xerox it"); a firm's name as the head of
  a phrase with "a" ("comes a new Rocket Pass") is one of its products (PRODUCT);
- a Greek letter in an article about variants ("Omicron BA.2 is becoming the predominant
  variant"), and a newspaper's page ("Page B1").
"""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from collections import defaultdict
from datetime import datetime
from functools import lru_cache

from spacy.tokens import Doc, Span

from extract.lexicon import CALENDAR, POST_NOMINALS, TITLES
from extract.stages.entities.evidence import PERSON_ROLES, heads_data
from extract.stages.entities.mention import (
    Mention,
    common_noun,
    doc_text,
    line_around,
    name,
    sentence_initial,
    token_span,
)
from extract.stages.entities.places import country, subdivision_table
from extract.stages.entities.sports import SPORTS_WORDS, is_sports
from extract.stages.entities.tidy import one_of, tidy_spans

# Roles an organisation has: whoever has a captain or a spokesman is one ("Toyota spokesman").
ORG_ROLES = frozenset(
    "captain coach manager striker midfielder defender goalkeeper spokesman spokeswoman "
    "spokesperson chairman chairwoman ceo shareholders executives".split()
)
PORTFOLIO_TITLES = frozenset({"minister", "secretary"})
WORDS = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*(?: [A-Za-z]+(?:-[A-Za-z]+)*)?")  # two words at most
# What a body publishes under a name of its own: "the Acme News Tracker poll".
WORKS_AFTER = frozenset({"index", "poll", "polls", "report", "study", "survey", "tracker"})
# Parts of speech no one-word name takes: "Is it flexible?", "Develop and prepare reports".
NOT_NAME_POS = frozenset({"VERB", "AUX", "ADV", "ADP", "PRON", "DET", "SCONJ", "CCONJ", "PART"})
DATE_AFTER = re.compile(r"\s*,?\s*(?:\d|[A-Z][a-z]{2,8}\.?\s+\d)")
CLOCK_BEFORE = re.compile(r"\d(?:\s*[ap]\.?m\.?)?\s*$", re.I)
POST_NOMINAL_END = re.compile(r"(?<=\w)(?:,?[ \t]+)([A-Za-z.]{2,6})$")  # "Jane Roe, Ph.D."
CALL_SIGN = re.compile(r"[KW][A-Z]{3}(?<!II)")  # North American broadcasters: "KTRK", "WABC"
PAGE_REF = re.compile(r"Pages? [A-Z]?\d{1,3}[A-Z]?")  # "(Page B1, Jan. 15)": a newspaper's page
VARIANT = re.compile(r"\bvariants?\b", re.I)
ACRONYM = re.compile(r"[A-Z]{2,6}s?")  # "FRB", "FRBs"
SHORT_ACRONYM = re.compile(r"[A-Z]{2}")  # "AI", "RV", "XP"; known bodies ("EU") are pinned
# Tags of the words of a common noun phrase that an acronym abbreviates ("fast radio burst",
# "natural language processing"), and of its last word.
PHRASE_TAGS = frozenset({"JJ", "NN", "NNS", "VBG"})
NOUN_TAGS = frozenset({"NN", "NNS"})
# What tells a person: a title or a kin noun before the name, a speech verb after it, a pronoun.
PERSON_BEFORE = TITLES | PERSON_ROLES | {"mr", "mrs", "ms", "dr"}
# After the name: a speech verb, a possessive, what a leader has ("the Davis administration").
PERSON_AFTER = frozenset(
    "said says told added asked wrote explained replied recalled 's ’s ( administration "
    "government campaign presidency family".split()
)
PRONOUNS = frozenset("he she him her his hers himself herself".split())
JOINERS = frozenset({",", "and", "&", "(", "or"})


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
    bodies = {text[m.start : m.end] + " " for m in mentions if m.label == "ORG"}
    for m in mentions:
        if m.pinned:
            continue
        if m.label == "ORG" and _publication(doc, m, text, bodies):
            m.label = "WORK_OF_ART"
            continue
        if m.label == "PERSON":
            m.end = _without_post_nominal(text, m.start, m.end)
        span = text[m.start : m.end]
        found = country(span)
        if found:
            m.canonical, m.kb_id = found
            m.label, m.pinned = "GPE", True
        elif m.label in {"GPE", "LOC"} and span.lower() in subdivision_table():
            m.canonical, m.kb_id = subdivision_table()[span.lower()]
        elif span in time_zones() and CLOCK_BEFORE.search(text, max(m.start - 12, 0), m.start):
            m.label = ""  # "08:00 ET", "0906 GMT"
        elif CALL_SIGN.fullmatch(span) and m.label != "ORG" and not _capital_line(text, m):
            m.label = "ORG"  # a broadcaster's call sign: "KTRK", "WFAA"
        elif _no_name(doc, m, text):
            m.label = ""
        elif m.label in {"PERSON", "GPE"} and _word_after(doc, m) in ORG_ROLES:
            m.label = "ORG"  # a country keeps its label: it matched above
        elif m.label == "PERSON" and _owned_brand(doc, m):
            m.label = "ORG"  # "his Ring camera": the maker's name
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


def _without_post_nominal(text: str, start: int, end: int) -> int:
    """The end of a person's name without the letters after it ("Jane Roe QC", "John Doe,
    Ph.D.")."""
    hit = POST_NOMINAL_END.search(text, start, end)
    if hit is None or hit.group(1).replace(".", "").lower() not in POST_NOMINALS:
        return end
    letters = hit.group(1)
    # Written as letters, not as a name: "QC", "Ph.D.", "Esq."; "Jack Ma" keeps his name.
    if sum(c.isupper() for c in letters) < 2 and "." not in letters:
        return end
    return hit.start() if not text[start:end].isupper() else end


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


def _publication(doc: Doc, m: Mention, text: str, bodies: set[str]) -> bool:
    """A body's name and more words before "poll", "survey" or "index" ("a new Acme News
    Tracker poll", where the article names Acme News alone) name what it publishes; the
    body's name alone ("an Acme News poll") stays the body."""
    if _word_after(doc, m) not in WORKS_AFTER:
        return False
    span = text[m.start : m.end]
    return any(span.startswith(body) for body in bodies)


def _owned_brand(doc: Doc, m: Mention) -> bool:
    """A one-word name between a possessive pronoun and a common noun ("his Ring camera",
    "her Peloton bike") names the maker of a thing one owns, not a person."""
    span = token_span(doc, m)
    if span is None or len(span) != 1 or span.start == 0 or span.end >= len(doc):
        return False
    after = doc[span.end]
    return doc[span.start - 1].tag_ == "PRP$" and after.tag_ in NOUN_TAGS and after.is_lower


def _capital_line(text: str, m: Mention) -> bool:
    """Whether the mention stands in a line written all in capitals (a headline)."""
    start, end = line_around(text, m.start, m.end)
    return text[start:end].isupper()


def _word_after(doc: Doc, m: Mention, most: int = 0) -> str:
    """The lower-cased token right after a mention (of at most `most` tokens, if given)."""
    span = token_span(doc, m)
    if span is None or span.end >= len(doc) or (most and len(span) > most):
        return ""
    return doc[span.end].lower_


def _lower_elsewhere(text: str, m: Mention, span: str) -> bool:
    """A PERSON or ORG word capitalised only by a heading or a sentence start, that the
    article also writes in lower case (a compound's plural as its singular: "Pre-Builts"), and a
    two-word one the article writes in lower case anywhere ("pre-built systems")."""
    if m.label not in {"PERSON", "ORG"} or not WORDS.fullmatch(span):
        return False
    several = " " in span  # "Pre-Built Systems ... pre-built systems": capitalised anywhere
    if (
        not (several or span.isupper() or sentence_initial(text, m.start))
        and not text[m.end : m.end + 3] == " - "
    ):
        return False
    lower = re.escape(span.lower())
    plural = r"s?" if not several else ""  # "Pre-Builts ... pre-built systems"
    if not several and "-" in span and lower.endswith("s"):
        lower = lower[:-1]
    return re.search(r"(?<![\w-])" + lower + plural + r"(?![\w-])", text) is not None


def common_words(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Entities that name nothing an analyst counts are dropped: acronyms of common nouns and
    the names they head, generic nouns, virus variants, post-nominals, page references."""
    text = doc_text(doc)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[(m.canonical or name(text[m.start : m.end])).lower()].append(m)
    named = {k: g for k, g in groups.items() if g[0].label in {"ORG", "PERSON", "GPE"}}
    common = set()  # names that are common nouns: "BRT", "Territory"
    for key, group in named.items():
        written = group[0].canonical or name(text[group[0].start : group[0].end])
        if any(m.pinned for m in group):
            continue
        if written in generic_nouns() or _variant(written, text):
            common.add(key)
        elif group[0].label != "GPE" and _common_acronym(doc, text, written):
            common.add(key)
        elif group[0].label == "ORG" and _modifier_only(doc, group, written):
            common.add(key)
    # A name headed by a common noun is a common noun phrase too: "Gold Standard BRT".
    common |= {k for k, g in named.items() if not g[0].pinned and k.split()[-1] in common}
    for key in common:
        for m in groups[key]:
            m.label = ""
    for m in mentions:
        if _as_verb(doc, m):
            m.label = ""  # even a pinned name: "she would Google the words"
        elif m.pinned:
            continue
        elif _post_nominal(text, m, mentions) or PAGE_REF.fullmatch(text[m.start : m.end]):
            m.label = ""
        elif m.label == "ORG" and one_of(doc, m):
            m.label, m.fixed = "PRODUCT", True  # "a new Rocket Pass", "drove a Ford"
    return [m for m in mentions if m.label]


def _as_verb(doc: Doc, m: Mention) -> bool:
    """A one-word name used as a verb: after a modal and before its object ("would Google the
    words") or right before "it" or "them" ("take the page and Xerox it")."""
    span = token_span(doc, m)
    if span is None or len(span) != 1 or span.end >= len(doc):
        return False
    after = doc[span.end]
    if after.text in {"it", "them"}:
        return m.label in {"ORG", "PERSON", "PRODUCT"}
    modal = span.start > 0 and doc[span.start - 1].tag_ == "MD"
    return modal and after.tag_ in {"DT", "PRP", "PRP$"} and m.label in {"ORG", "PRODUCT"}


@lru_cache(maxsize=1)
def generic_nouns() -> frozenset[str]:
    """Nouns of polities that name no one place when capitalised alone ("the Territory", "the
    Kingdom"): what they stand for is named elsewhere in the article (data file)."""
    return frozenset(heads_data()["generic"])


@lru_cache(maxsize=1)
def greek_letters() -> frozenset[str]:
    """The names of the Greek letters ("Alpha" .. "Omega"), from the Unicode database."""
    return frozenset(unicodedata.name(chr(c)).split()[-1].title() for c in range(0x3B1, 0x3CA))


def _variant(written: str, text: str) -> bool:
    """A Greek letter, alone or with a lineage code ("Omicron BA.2"), in an article that speaks
    of variants."""
    words = written.split()
    if words[0] not in greek_letters() or len(words) > 2:
        return False
    return (len(words) == 1 or any(c.isdigit() for c in words[1])) and bool(VARIANT.search(text))


def _common_acronym(doc: Doc, text: str, written: str) -> bool:
    """An acronym ("FRB", "BRT") whose expansion the article writes in lower case as a common
    noun phrase ("fast radio bursts", "bus rapid transit service")."""
    if not ACRONYM.fullmatch(written):
        return False
    letters = written.rstrip("s")
    shortest = 4 if len(letters) == 2 else 2  # "AI": no "an item", "are important"
    phrase = r"[ -]".join(rf"{c.lower()}[a-z]{{{shortest - 1},}}" for c in letters)
    for hit in re.finditer(rf"(?<![\w-]){phrase}(?![\w-])", text):
        span = doc.char_span(hit.start(), hit.end())
        if span is None or len(span) != len(letters):
            continue
        tags = [t.tag_ for t in span]
        if all(t in PHRASE_TAGS for t in tags) and tags[-1] in NOUN_TAGS:
            return True
    return False


def _modifier_only(doc: Doc, group: list[Mention], written: str) -> bool:
    """A two-letter acronym the article only writes as a modifier of a common noun, never with
    "the" nor in a name ("advanced AI systems", "RV parking", "XP boosts"): a kind of thing,
    no body an analyst counts."""
    if not SHORT_ACRONYM.fullmatch(written):
        return False
    for m in group:
        span = token_span(doc, m)
        if span is None or span.end >= len(doc) or len(span) != 1:
            return False
        after, before = doc[span.end], doc[span.start - 1] if span.start else None
        if after.tag_ not in NOUN_TAGS or not after.is_lower:
            return False
        if before is not None and (before.lower_ == "the" or before.tag_ == "POS"):
            return False
    return True


def unsupported_people(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Outside sports reports, a one-word PERSON with nothing of a person about it is dropped
    (run once labels are decided: "the town of Goma" is a place by then)."""
    if is_sports(doc):
        return mentions
    text = doc_text(doc)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.canonical.lower()].append(m)
    people = {(m.start, m.end) for m in mentions if m.label == "PERSON"}
    for group in groups.values():
        if _unsupported_person(doc, text, group, people):
            for m in group:
                m.label = ""
    return [m for m in mentions if m.label]


def _unsupported_person(
    doc: Doc, text: str, group: list[Mention], people: set[tuple[int, int]]
) -> bool:
    """A one-word PERSON the article never names in full, never titles, never quotes and never
    refers to as "he" or "she" ("Newegg has models from ...", "games like Fortnite"): news
    introduces people, so this is no one the analyst can count as a person."""
    written = group[0].canonical or name(text[group[0].start : group[0].end])
    if group[0].label != "PERSON" or " " in written or any(m.pinned or m.fixed for m in group):
        return False
    for m in group:
        span = token_span(doc, m)
        if span is None:
            return False
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if before.rstrip(".") in PERSON_BEFORE or after in PERSON_AFTER:
            return False
        if _pronoun_near(doc, span) or _beside_person(doc, span, people):
            return False
    return True


def _beside_person(doc: Doc, span: Span, people: set[tuple[int, int]]) -> bool:
    """Whether another person's name stands right before or after the name, joined by a comma,
    "and" or a bracket ("John and Beryl Remblance", "Saddam ( Hussein )")."""
    near = []
    if span.start >= 2 and doc[span.start - 1].text in JOINERS:
        near.append(doc[span.start - 2].idx)
    if span.end + 1 < len(doc) and doc[span.end].text in JOINERS:
        near.append(doc[span.end + 1].idx)
    return any(s <= i < e for i in near for s, e in people)


def _pronoun_near(doc: Doc, span: Span) -> bool:
    """A personal pronoun in the mention's sentence or the next one."""
    sentence = span.sent if doc.has_annotation("SENT_START") else doc[:]
    end = min(sentence.end + 40, len(doc))
    nxt = doc[sentence.end : end]
    if len(nxt) and doc.has_annotation("SENT_START"):
        nxt = nxt[0].sent
    return any(t.lower_ in PRONOUNS for t in (*sentence, *nxt))


def _post_nominal(text: str, m: Mention, mentions: list[Mention]) -> bool:
    """Letters written after a person's name ("Jane Roe, Ph.D.", "John Doe QC")."""
    if text[m.start : m.end].replace(".", "").lower() not in POST_NOMINALS:
        return False
    gap = re.search(r"[ \t]*,?[ \t]*$", text[max(m.start - 4, 0) : m.start])
    before = m.start - (len(gap.group(0)) if gap else 0)
    return any(o.end == before and o.label == "PERSON" for o in mentions)
