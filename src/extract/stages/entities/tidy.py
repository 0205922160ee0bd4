"""Tidying for the loose prose of web pages: names cut to their own edges, and labels read from
the company a name keeps in the article.

`tidy_spans` runs before canonical names are chosen, so that a fragment never becomes the name
every mention of an entity takes:
- a PERSON span holding a digit names no one ("Page C4", a virus's "XE.1");
- a PERSON, place or nationality span ends at its last capitalised word ("Lena made Harriet
  cry" -> "Harriet"): proper names of these kinds never end in a lower-case word;
- a PERSON span opened by a capitalised title that the article also writes in lower case
  ("Inspector Jane Roe ... the inspector said") loses it;
- "X and Y" as one ORG or PERSON span is two names where the article also names X and Y
  alone ("Zorbatech and Microtel" beside "Zorbatech" and "Microtel").

`tidy_labels` runs once every mention has its canonical name and label, and promises:
- no mention from the furniture the text keeps (reader calls, a closing list of headlines);
  a one-word repeat inside a longer capitalised name takes the name's first words ("Baillou
  Hill" + "Road"), a body's name its sentence's first word ("Emergency" + "Medical
  Services"), and names cut inside a longer one are joined (`spans.joined_runs`);
- one canonical name for the forms of one name (only where exactly one candidate fits): a
  middle initial ("Thomas W. Malone" = "Thomas Malone"), a web address or spacing
  ("Determined.ai" = "Determined AI"), a state's abbreviation ("Calif." = "California"), a
  body's name without its first words ("Nations League"), an acronym of a name's last words
  ("DEA"), a given name before "and" and a full name ("Bill and Hillary Clinton"), a middle
  name of one person's full name; a surname alone is no one person's where the article
  names two of that surname, unless a title before it says which ("Mr Anderson");
- a name written in capitals in a dateline or heading ("HOUSTON") shares the canonical name,
  label and id of the same name in ordinary case ("Houston");
- an acronym in brackets right after a name whose initials end in it ("Northern Marianas
  Authority (NMA)") shares that name's canonical name, label and id wherever it appears, and
  an acronym of a country's name (pycountry) that the article does not spell out is that
  country ("BVI", "UAE");
- a name followed by model numbers ("XR 3080", "XR 3090") is a PRODUCT line, unless the
  article treats it as a firm ("said", "shares" after it);
- a one-word name, not a place, listed among names mostly of one kind ("from Acme, Zorba
  and Initech") takes their kind (PERSON or ORG);
- a one-word name right after a kinship noun ("her son Theo") is a PERSON;
- a one-word "place" paired by "and" with a listed firm ("Netflix and Zorba") is a firm, and
  a one-word "firm" paired with a place, in a region ("Fairfax and Zorba in Virginia"), a place;
- a firm's name that heads a phrase with "a" once its first word joined it ("comes a new
  Rocket Pass") is one of its products (PRODUCT), as `labels.common_words` decides for names
  the model tagged whole.
Pinned mentions (alias file, countries, results tables) and labels fixed by their own place
keep theirs.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

import pycountry
from spacy.tokens import Doc, Span

from extract.lexicon import CALENDAR, TITLES
from extract.stages.entities.evidence import FIRM_AFTER, FIRM_BESIDE, heads, heads_data
from extract.stages.entities.mention import (
    Mention,
    doc_text,
    name,
    outside_furniture,
    sentence_initial,
    token_span,
)
from extract.stages.entities.places import country_table, subdivision_table
from extract.stages.entities.spans import joined_runs
from extract.stages.entities.sports import is_sports

# Kinds of proper names that never end in a lower-case word ("Harriet cry", "Paris today").
LOWER_FREE = frozenset({"PERSON", "GPE", "LOC", "NORP"})
# Words of a state's formal style, whose acronyms name other things ("SAR", "IRI").
FORMAL = ("Republic", "State", "Province", "Holy", "Plurinational", "Bolivarian")
NAMES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})
PLACES = frozenset({"GPE", "LOC"})  # a listed place stays one: "Acme, Ohio-based Initech"
KIN = frozenset(
    "son sons daughter daughters wife husband brother sister mother father baby child "
    "grandson granddaughter nephew niece cousin uncle aunt stepson stepdaughter".split()
)
# A model number after a product line's name: "3080", "3080s", "A14", "S23"; not a year.
MODEL = re.compile(r"(?!(?:19|20)\d\d\b)\d{3,5}[a-z]{0,2}|[A-Z]{1,2}\d{1,4}[a-z]?")
INITIAL = re.compile(r"[A-Z]\.?")
DOMAIN_END = re.compile(r"\.(?:com|net|org|io|ai|co|co\.uk|app)$", re.I)
AND_NAME = re.compile(r" and ([A-Z][a-z]+ ([A-Z][a-z]+(?:-[A-Z][a-z]+)?))\b")
BRACKETED = re.compile(r"\s*\(([A-Z]{2,6})\)")
LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)")
# Words after a name that make it a firm, not a product line ("Boeing said", "Boeing shares").
FIRM_WORDS = FIRM_AFTER | FIRM_BESIDE | {"said", "says", "announced", "reported"}


def tidy_spans(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions cut to their own edges (see the module's first list)."""
    text = doc_text(doc)
    alone = {name(text[m.start : m.end]) for m in mentions}
    out = []
    for m in mentions:
        if m.pinned:
            out.append(m)
            continue
        if m.label == "PERSON" and any(c.isdigit() for c in text[m.start : m.end]):
            m.label = ""  # "Page C4", a virus's "XE.1": no one's name holds a digit
        _trim(doc, m, text)
        out.extend(_pair(m, text, alone))
    return out


def _trim(doc: Doc, m: Mention, text: str) -> None:
    span = token_span(doc, m)
    if span is None:
        return
    first, last = span.start, span.end
    if m.label in LOWER_FREE:
        # A word of its own only: "Song-ho" keeps its "ho".
        while last - first > 1 and _lower_word(doc, last - 1):
            last -= 1
    if m.label == "PERSON" and last - first > 2 and _title_word(doc[first].text, text):
        first += 1
    if (first, last) != (span.start, span.end):
        m.start, m.end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)


def _lower_word(doc: Doc, i: int) -> bool:
    return doc[i].is_alpha and doc[i].is_lower and bool(doc[i - 1].whitespace_)


def _title_word(word: str, text: str) -> bool:
    """A capitalised title before a name: a lexicon title, or a word the article also writes
    in lower case ("Supervisor ... the supervisor")."""
    lowered = word.lower()
    if not word.istitle() or not word.isalpha():
        return lowered in TITLES
    return lowered in TITLES or re.search(rf"(?<![\w-]){lowered}(?![\w-])", text) is not None


def _pair(m: Mention, text: str, alone: set[str]) -> list[Mention]:
    """An ORG or PERSON span "X and Y" as two mentions, where X and Y are named alone too."""
    if m.label not in {"ORG", "PERSON"}:
        return [m]
    span = text[m.start : m.end]
    parts = span.split(" and ")
    if len(parts) != 2 or not all(p in alone for p in parts):
        return [m]
    second = m.start + len(parts[0]) + len(" and ")
    return [
        Mention(m.start, m.start + len(parts[0]), m.label),
        Mention(second, m.end, m.label),
    ]


def tidy_labels(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Canonical names and labels made to agree with the article (see the module's second
    list). Repeats that `propagate` found in the furniture the text keeps go, and those it
    found inside a longer name join it (`spans.joined_runs`)."""
    mentions = outside_furniture(doc, joined_runs(doc, _with_words_before(doc, mentions)))
    text = doc_text(doc)
    for m in mentions:
        if not m.canonical:  # a name `joined_runs` made longer ("Spanish" + "Town Hospital")
            m.canonical = name(text[m.start : m.end])
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.canonical].append(m)
    _capitals(groups)
    _variants(text, groups)
    _shared_surnames(doc, groups)
    _bracketed(doc_text(doc), mentions, groups)
    _country_acronyms(groups)
    votes = _list_votes(doc, mentions)
    _firm_pairs(text, mentions)
    sports = is_sports(doc)
    for canonical, group in groups.items():
        if any(m.pinned or m.fixed for m in group):
            continue
        label = ""
        if not sports and _product_line(doc, group):
            label = "PRODUCT"
        elif group[0].label == "ORG" and any(one_of(doc, m) for m in group):
            label = "PRODUCT"  # "a new Rocket Pass" once its first word joined it
        elif " " not in canonical and canonical.isalpha() and group[0].label not in PLACES:
            kinds = Counter(votes[id(m)] for m in group if id(m) in votes)
            kind, most = max(kinds.items(), key=lambda kv: kv[1], default=("", 0))
            if kind != group[0].label and most > kinds[group[0].label]:
                label = kind  # most of the lists it is in are of another kind
            elif group[0].label != "PERSON" and any(_kin_before(doc, m) for m in group):
                label = "PERSON"
        if label:
            for m in group:
                m.label = label
    return mentions


def _with_words_before(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A one-word mention found inside a longer capitalised name mid-sentence takes the
    name's first words ("Baillou Hill" + "Road"): a repeat of a known word is no name of its
    own there. The name gets its own canonical form."""
    text = doc_text(doc)
    ends = {m.end for m in mentions}
    for m in mentions:
        span = token_span(doc, m)
        if m.pinned or span is None:
            continue
        if len(span) > 1:
            _with_opening_word(doc, m, span, text)
            continue
        first = span.start
        while (
            first > 0
            and _name_word(doc[first - 1], text)
            and doc[first - 1].idx + len(doc[first - 1]) not in ends
        ):
            first -= 1
        if first < span.start and not (first > 0 and doc[first - 1].is_title):
            # (after another capitalised word: a headline in title case)
            m.start, m.canonical, m.kb_id = doc[first].idx, "", ""
    return mentions


def _with_opening_word(doc: Doc, m: Mention, span: Span, text: str) -> None:
    """A body's name the model cut after the sentence's first word, which its capital hides
    ("Emergency" + "Medical Services pronounced"), takes it back: an organisation's head
    word ends the name and the word is a proper noun, no verb or adverb."""
    if m.label != "ORG" or span.start == 0 or span[-1].text not in heads()[0]:
        return
    tok = doc[span.start - 1]
    if sentence_initial(text, tok.idx) and tok.tag_ == "NNP" and tok.is_title and not tok.is_stop:
        m.start, m.canonical, m.kb_id = tok.idx, "", ""


def _name_word(tok, text: str) -> bool:
    """A capitalised word that runs on into the name after it."""
    return (
        tok.tag_ == "NNP"
        and tok.is_title
        and tok.is_alpha
        and not tok.is_stop
        and tok.whitespace_ == " "
        and tok.lower_ not in TITLES | CALENDAR
        and not sentence_initial(text, tok.idx)
    )


def _variants(text: str, groups: dict[str, list[Mention]]) -> None:
    """Names the article writes in two forms share one canonical name (see `_variant_of`)."""
    index: dict[str, set[str]] = defaultdict(set)  # squashed form -> canonical names
    for canonical in groups:
        for key in _squashed(canonical):
            index[key].add(canonical)
    pairs = {c: _variant_of(c, g, text, groups, index) for c, g in groups.items()}
    for source, target in pairs.items():
        if not target or source not in groups:
            continue
        if pairs.get(target) and not (
            pairs[target] == source and _rank(source, groups) < _rank(target, groups)
        ):
            continue  # the target is a variant itself; of two that match, the lesser goes
        if target not in groups:  # a full name the article writes only in parts: "Bill"
            for m in groups[source]:
                m.canonical = target
            groups[target] = groups.pop(source)
            continue
        head = groups[target][0]
        for m in groups.pop(source):
            m.canonical, m.label, m.kb_id = head.canonical, head.label, head.kb_id
            groups[target].append(m)


def _shared_surnames(doc: Doc, groups: dict[str, list[Mention]]) -> None:
    """A surname alone names one person only where the article names one person of that
    surname, or an honorific says which ("Mr Anderson"); else it keeps its own name ("the
    Anderson family" beside Zoe and Chris Anderson)."""
    fulls: dict[str, set[str]] = defaultdict(set)
    for canonical, group in groups.items():
        if group[0].label == "PERSON" and len(canonical.split()) >= 2:
            fulls[canonical.split()[-1]].add(canonical)
    text = doc_text(doc)
    for group in groups.values():
        for m in group:
            word = text[m.start : m.end]
            if m.pinned or m.label != "PERSON" or len(fulls.get(word, ())) < 2:
                continue
            span = token_span(doc, m)
            if span is not None and span.start > 0 and doc[span.start - 1].lower_ in TITLES:
                continue
            m.canonical = word


def _rank(canonical: str, groups: dict[str, list[Mention]]) -> tuple[int, bool, int]:
    """Of two forms of one name, the one kept: more mentions, then spaced words
    ("Determined AI" over "Determined.ai"), then the longer."""
    return len(groups.get(canonical, [])), " " in canonical, len(canonical)


def _variant_of(
    canonical: str, group: list[Mention], text: str, groups: dict, index: dict[str, set[str]]
) -> str:
    """The canonical name of the fuller form of the same entity, or "": a name with a middle
    initial ("Thomas W. Malone" -> "Thomas Malone"), a web address or spacing variant
    ("Determined.ai" -> "Determined AI", "Acme.com" -> "Acme"), a state's abbreviation with
    its stop ("Calif." -> "California"), a body's name without its first words ("Nations
    League" -> "Concacaf Nations League"), an acronym of a name's last words ("DEA" ->
    "United States Drug Enforcement Agency"), a given name before "and" and a full name
    ("Bill and Hillary Clinton" -> "Bill Clinton"), and a lone name that is the middle one of
    exactly one person's full name. Each is taken only where exactly one candidate fits."""
    if any(m.pinned or m.fixed for m in group):
        return ""  # an alias file's name, a dateline's place: their own
    label = group[0].label
    others = {c: g[0] for c, g in groups.items() if c != canonical}
    words = canonical.split()
    found: set[str] = set()
    if label == "PERSON" and len(words) > 2:
        plain = " ".join(w for w in words if not INITIAL.fullmatch(w))
        found |= {c for c, m in others.items() if c == plain and m.label == "PERSON"}
    same = set().union(*(index[key] for key in _squashed(canonical)))
    found |= {  # names in capitals are `_capitals`'s
        c for c in same if c.lower() != canonical.lower() and others[c].label == label
    }
    if len(words) == 1 and label in PLACES and len(canonical) >= 3 and f"{canonical}." in text:
        found |= {c for c, m in others.items() if m.label in PLACES and _abbreviates(canonical, c)}
    if len(words) >= 2 and label == "ORG" and canonical.istitle():
        found |= {c for c, m in others.items() if m.label == "ORG" and c.endswith(" " + canonical)}
    if len(words) == 1 and canonical.isupper() and len(canonical) >= 3 and label == "ORG":
        found |= {c for c, m in others.items() if m.label == "ORG" and _spells(canonical, c)}
    if len(words) == 1 and label == "PERSON" and canonical.isalpha() and canonical.istitle():
        found |= _full_name(canonical, group, text, others)
    return found.pop() if len(found) == 1 else ""


def _squashed(canonical: str) -> set[str]:
    """A name's letters and digits in lower case, with and without a web address's ending."""
    forms = {canonical, DOMAIN_END.sub("", canonical) if " " not in canonical else canonical}
    return {re.sub(r"[\W_]+", "", form.lower()) for form in forms}


def _abbreviates(short: str, full: str) -> bool:
    """Whether `short` is an abbreviation of the one-word or longer name `full`: its first
    letters, then letters of it in order ("Calif" of "California", "Fla" of "Florida")."""
    if len(full) <= len(short) or not full.startswith(short[:2]):
        return False
    rest = iter(full[2:].lower())
    return all(c in rest for c in short[2:].lower())


def _full_name(word: str, group: list[Mention], text: str, others: dict) -> set[str]:
    """The full name a lone given or middle name stands for: "Bill" in "Bill and Hillary
    Clinton", "Etienne" of the article's only "Camille Etienne Gbedey"."""
    for m in group:
        hit = AND_NAME.match(text, m.end)
        if hit and others.get(name(hit.group(1)), Mention(0, 0, "")).label == "PERSON":
            return {f"{word} {hit.group(2)}"}
    return {
        c
        for c, m in others.items()
        if m.label == "PERSON" and word in c.split()[1:-1] and len(c.split()) >= 3
    }


def _capitals(groups: dict[str, list[Mention]]) -> None:
    """A name in capitals takes the canonical name of the same name in ordinary case."""
    ordinary = {c.lower(): g[0] for c, g in groups.items() if not c.isupper()}
    for canonical, group in groups.items():
        other = ordinary.get(canonical.lower()) if canonical.isupper() else None
        if other is None or len(canonical) < 4 or any(m.pinned for m in group):
            continue  # "AI" is no "Ai"; an alias file's "NATO" keeps its name
        if any(m.fixed and m.label != other.label for m in group):
            continue  # a dateline's city beside the team named after it
        for m in group:
            m.canonical, m.label, m.kb_id = other.canonical, other.label, other.kb_id


def _bracketed(text: str, mentions: list[Mention], groups: dict[str, list[Mention]]) -> None:
    """An acronym in brackets right after a name whose initials it spells ("United States Drug
    Enforcement Agency (DEA)") names the same entity wherever it appears."""
    for m in mentions:
        hit = BRACKETED.match(text, m.end)
        group = groups.get(hit.group(1), []) if hit else []
        if not group or not _spells(hit.group(1), text[m.start : m.end]):
            continue
        for other in group:
            if not other.pinned:
                other.canonical, other.label, other.kb_id = m.canonical, m.label, m.kb_id


def _country_acronyms(groups: dict[str, list[Mention]]) -> None:
    """An acronym of a country's name the article does not spell out ("BVI") is that country."""
    for canonical, group in groups.items():
        hit = country_acronyms().get(canonical)
        if hit is None or any(m.pinned or m.label not in NAMES for m in group):
            continue
        for m in group:
            (m.canonical, m.kb_id), m.label = hit, "GPE"


@lru_cache(maxsize=1)
def country_acronyms() -> dict[str, tuple[str, str]]:
    """Acronyms of three letters or more of countries' names, in the order spoken ("Virgin
    Islands, British" -> "BVI"), to (canonical name, ISO code); only those of one country."""
    names = {code: name for name, code in country_table().values()}
    found: dict[str, set[str]] = defaultdict(set)
    for c in pycountry.countries:
        # Official names are left out: their acronyms are words and other bodies' ("IRA").
        for form in (c.name, getattr(c, "common_name", "")):
            head, _, tail = (form or "").partition(", ")
            words = re.split(r"[\s-]+", f"{tail} {head}".strip())
            acronym = "".join(w[0] for w in words if w[:1].isupper())
            if len(acronym) >= 3 and not any(w.startswith(FORMAL) for w in words):
                found[acronym].add(c.alpha_2)
    return {
        acronym: (names.get(code, code), code)
        for acronym, (code, *more) in ((a, sorted(codes)) for a, codes in found.items())
        if not more
    }


def _spells(acronym: str, full: str) -> bool:
    """Whether the acronym's letters are initials of the name's words, in order, ending with
    its last word's ("DEA" of "United States Drug Enforcement Agency")."""
    initials = "".join(w[0] for w in full.split() if w[:1].isupper())
    return len(acronym) >= 2 and initials.endswith(acronym)


def _product_line(doc: Doc, group: list[Mention]) -> bool:
    """A name mostly followed by model numbers, several of them, that no firm cue follows."""
    if group[0].label not in {"ORG", "PERSON", "GPE", "NORP"}:
        return False
    models = set()
    hits = 0
    for m in group:
        span = token_span(doc, m)
        after = doc[span.end] if span is not None and span.end < len(doc) else None
        if after is None:
            continue
        if after.lower_ in FIRM_WORDS:
            return False
        if MODEL.fullmatch(after.text):
            hits += 1
            models.add(after.text.rstrip("s"))
    return len(models) >= 2 and hits * 2 >= len(group)


def _firm_pairs(text: str, mentions: list[Mention]) -> None:
    """A one-word "place" paired by "and" with a firm the alias file knows ("deals with
    Acme and Zorba") is a firm too, where the word is no country or region."""
    ordered = sorted(mentions, key=lambda m: m.start)
    firms = set()
    for a, b in zip(ordered, ordered[1:], strict=False):
        if text[a.end : b.start] != " and ":
            continue
        for firm, other in ((a, b), (b, a)):
            word = text[other.start : other.end]
            if not (firm.pinned and firm.label == "ORG" and firm.kb_id):
                continue
            if other.pinned or other.label not in PLACES or not word.isalpha():
                continue
            if word.lower() not in subdivision_table():
                firms.add(other.canonical)
    for m in mentions:
        if m.canonical in firms and not m.pinned:
            m.label = "ORG"
    _place_pairs(text, ordered)


def _place_pairs(text: str, ordered: list[Mention]) -> None:
    """A one-word "firm" paired by "and" with a place and set in a region after them
    ("Fairfax and Zorbaville in Virginia") is a place too."""
    for a, b, c in zip(ordered, ordered[1:], ordered[2:], strict=False):
        if text[a.end : b.start] != " and " or text[b.end : c.start] != " in ":
            continue
        if a.label != "GPE" or c.label != "GPE" or b.pinned or b.kb_id or b.label != "ORG":
            continue
        if text[b.start : b.end].isalpha():
            b.label = "GPE"


def _list_votes(doc: Doc, mentions: list[Mention]) -> dict[int, str]:
    """For mentions listed among names, the kind (PERSON or ORG) that more than half of the
    list's distinct names share, at least two of them."""
    text = doc_text(doc)
    ordered = sorted(mentions, key=lambda m: m.start)
    chains: list[list[Mention]] = []
    for m in ordered:
        last = chains[-1][-1] if chains else None
        if last is not None and LIST_GAP.fullmatch(text, last.end, m.start):
            chains[-1].append(m)
        else:
            chains.append([m])
    votes = {}
    for chain in chains:
        kinds = Counter({m.canonical: m.label for m in chain}.values())
        kind, agree = max(kinds.items(), key=lambda kv: kv[1])
        if kind not in {"PERSON", "ORG"} or agree < 2 or agree * 2 <= kinds.total():
            continue
        for m in chain:
            votes[id(m)] = kind
    return votes


def one_of(doc: Doc, m: Mention) -> bool:
    """A brand's name as the head of a phrase with "a" or "an" ("comes a new Rocket Pass",
    "drove a Ford."): one item of what the firm makes, not the firm."""
    span = token_span(doc, m)
    if span is None or span.start == 0:
        return False
    k = span.start - 1
    if doc[k].tag_ in {"JJ", "JJR", "JJS"} and doc[k].is_lower and k > 0:
        k -= 1
    if doc[k].lower_ not in {"a", "an"}:
        return False
    if span[-1].text in heads_data()["organisation"]:
        return False  # "a true Institute for ...": a body's name stays one
    after = doc[span.end] if span.end < len(doc) else None
    if after is None or after.pos_ in {"ADP", "VERB", "AUX", "CCONJ"}:
        return True
    return after.is_punct and not (after.is_quote or after.is_left_punct)


def _kin_before(doc: Doc, m: Mention) -> bool:
    span = token_span(doc, m)
    return span is not None and span.start > 0 and doc[span.start - 1].lower_ in KIN
