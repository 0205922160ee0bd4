"""Canonical names: every mention of one entity in an article gets the same name and label.

- a surname or first name resolves to the full PERSON name nearest before it ("Trump" ->
  "Donald Trump"), a short form or acronym to the ORG it abbreviates ("KDP"), and an ORG's
  legal suffix is dropped ("Toyota Motor Corp." -> "Toyota Motor");
- a quoted nickname the text equates with the place after it ('dubbed “Motor City” -
  Detroit') takes that place's name, label and id, and one right after a person's name
  ('Jane Roe, better known as “Bigga”') is that person;
- a name the article tags once is tagged wherever it appears again untagged (any case);
- one label per canonical name: the pinned one, else the full name's, else the majority's.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from spacy.tokens import Doc

from extract.stages.entities.mention import Mention, doc_text, name, strip_legal, taken

ACRONYM_STOP = frozenset({"of", "and", "the", "for", "&", "de", "du", "des", "la", "le"})
NICKNAME = re.compile(
    r"\b(?:dubbed|nicknamed|known as|called|billed as)\s+[\"“‘']([^\"”’'\n]{2,40})[\"”’']"
    r"\s*(?:[-–—,:]\s*)"
)
# A person's quoted nickname right after the name: 'Jane Roe, better known as "Bigga",'.
PERSON_NICKNAME = re.compile(
    r"[ \t]*,?[ \t]*(?:also |better |popularly )?(?:known as|called|nicknamed|alias)"
    r"\s+[\"“‘']([^\"”’'\n]{2,30})[\"”’']"
)


def resolve(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Each labelled mention with its canonical name within the article; unlabelled ones go."""
    text = doc_text(doc)
    mentions = [m for m in mentions if m.label]
    full_persons: dict[str, list[Mention]] = defaultdict(list)  # surname -> full-name mentions
    given: dict[str, list[Mention]] = defaultdict(list)  # first word -> full-name mentions
    orgs: list[tuple[list[str], str]] = []
    for m in mentions:
        words = name(text[m.start : m.end]).split()
        if m.label == "PERSON" and len(words) >= 2:
            full_persons[words[-1].lower()].append(m)
            given[words[0].lower()].append(m)
        if m.label == "ORG" and len(words) >= 2:
            orgs.append((words, name(text[m.start : m.end])))
    for m in mentions:
        full = name(text[m.start : m.end])
        words = full.split()
        # The article's own full name beats a shipped surname row ("Melania Trump" ... "Trump").
        surname = len(words) == 1 and words[0].lower() in full_persons and m.label != "NORP"
        if m.pinned and not (surname and m.label == "PERSON"):
            m.canonical = m.canonical or full
        elif surname:
            m.canonical, m.label = _nearest(full_persons[words[0].lower()], m, text), "PERSON"
        elif m.label in {"PERSON", "ORG"} and len(words) == 1 and words[0].lower() in given:
            # A lone word that opens a full name: "Xi" (Xi Jinping), "Donald".
            m.canonical, m.label = _nearest(given[words[0].lower()], m, text), "PERSON"
        elif m.label in {"ORG", "PERSON"} and len(words) <= 2 and (longer := _org_for(words, orgs)):
            m.canonical, m.label = longer, "ORG"
        else:
            m.canonical = strip_legal(full) if m.label == "ORG" else full
    return mentions


def _nearest(candidates: list[Mention], m: Mention, text: str) -> str:
    """The full name mentioned nearest before the surname, else the nearest after it."""
    before = [c for c in candidates if c.start <= m.start]
    best = before[-1] if before else min(candidates, key=lambda c: abs(c.start - m.start))
    return best.canonical or name(text[best.start : best.end])


def _org_for(words: list[str], orgs: list[tuple[list[str], str]]) -> str:
    """The longer ORG name a short form or acronym stands for, or ""."""
    if not words:
        return ""
    for long_words, long_name in orgs:
        if len(long_words) > len(words) and [w.lower() for w in long_words[: len(words)]] == [
            w.lower() for w in words
        ]:
            return strip_legal(long_name)
        if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6:
            if words[0] in _acronyms(long_name):
                return strip_legal(long_name)
    return ""


def _acronyms(full: str) -> set[str]:
    """The acronyms of an ORG name, with and without its legal suffix ("British Broadcasting
    Corp." -> "BBC", "General Motors Co." -> "GM"), of two letters or more."""
    found = set()
    for form in (full, strip_legal(full)):
        words = [w for w in form.split() if w.lower() not in ACRONYM_STOP and w[0].isalpha()]
        found.add("".join(w[0] for w in words).upper())
    return {a for a in found if len(a) >= 2}


def nicknames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A quoted nickname the text equates with the place named right after it is that place,
    one written right after a person's name is that person, and a quoted one ending in the
    given name of one person named in full is that person ("Mini Jo" for Jo Bloggs)."""
    text = doc_text(doc)
    by_start = {m.start: m for m in mentions}
    spans = {(m.start, m.end): m for m in mentions}
    for person in [m for m in mentions if m.label == "PERSON"]:
        hit = PERSON_NICKNAME.match(text, person.end)
        nickname = spans.get(hit.span(1)) if hit else None
        if nickname is None or nickname.pinned:
            continue
        canonical = person.canonical or name(text[person.start : person.end])
        for m in mentions:  # every mention of the nickname: "... Bigga had no enemies"
            if not m.pinned and text[m.start : m.end] == hit.group(1):
                m.label, m.canonical = "PERSON", canonical
    _given_name_nicknames(text, mentions)
    for hit in NICKNAME.finditer(text):
        place = by_start.get(hit.end())
        if place is None or place.label not in {"GPE", "LOC", "FAC"}:
            continue
        for m in mentions:
            if (m.start, m.end) == hit.span(1) and not m.pinned:
                m.label, m.kb_id = place.label, place.kb_id
                m.canonical = place.canonical or name(text[place.start : place.end])
    return mentions


def _given_name_nicknames(text: str, mentions: list[Mention]) -> None:
    """A quoted two-word name that ends in the given name of exactly one person the article
    names in full ("Mini Jo", where "Jo Bloggs" is named) is that person's nickname."""
    quoted = {
        text[m.start : m.end]
        for m in mentions
        if m.label == "PERSON"
        and text[m.start - 1 : m.start] in {"“", '"', "‘"}
        and text[m.end : m.end + 1] in {"”", '"', "’", ".", ","}
    }
    given: dict[str, set[str]] = {}
    for m in mentions:  # as written: "Mike Bloomberg" gives "Mike" to Michael Bloomberg
        words = text[m.start : m.end].split()
        if m.label == "PERSON" and len(words) > 1 and text[m.start : m.end] not in quoted:
            given.setdefault(words[0], set()).add(m.canonical or name(text[m.start : m.end]))
    for m in mentions:
        words = text[m.start : m.end].split()
        if m.pinned or text[m.start : m.end] not in quoted or len(words) != 2:
            continue
        owners = given.get(words[1], set())
        if len(owners) == 1 and words[0] not in given:
            m.canonical = next(iter(owners))


def propagate(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Untagged repeats of names the article already tagged (and lone surnames) are added."""
    text = doc_text(doc)
    known: dict[tuple[str, ...], Mention] = {}
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
            # "Liberal Democratic Party ... LDP": the acronym is the same organisation.
            for acronym in _acronyms(text[m.start : m.end]):
                known.setdefault((acronym.lower(),), m)
    if not known:
        return mentions
    covered = taken(doc, mentions)
    lower = [t.lower_ for t in doc]
    capital = [t.is_title or t.is_upper for t in doc]
    longest: dict[str, int] = {}  # first word of a known name -> its most words
    for words in known:
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    out = []
    i = 0
    while i < len(doc):
        hit = None
        if not covered[i] and capital[i] and lower[i] in longest and doc[i].is_alpha:
            for n in range(longest[lower[i]], 0, -1):
                j = i + n
                if j > len(doc) or any(covered[k] for k in range(i, j)):
                    continue
                source = known.get(tuple(lower[i:j]))
                if source is not None and capital[j - 1]:
                    hit = (doc[i:j], source)
                    break
        if hit:
            span, source = hit
            out.append(
                Mention(
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
    return mentions + out


def make_consistent(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """One label (and id) per canonical entity: the pinned one, else the full name's label,
    else the majority's (ties to the label seen first); before that, one canonical per name
    written (`_one_canonical`)."""
    text = doc_text(doc)
    _one_canonical(text, mentions)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.canonical.lower()].append(m)
    for group in groups.values():
        pinned = [m for m in group if m.pinned]
        full = [m for m in group if name(text[m.start : m.end]).lower() == m.canonical.lower()]
        if pinned:
            label, kb_id = pinned[0].label, pinned[0].kb_id
        else:
            votes = Counter(m.label for m in (full or group))
            label = max(votes, key=lambda lab: (votes[lab], -_first(group, lab)))
            kb_id = next((m.kb_id for m in group if m.kb_id), "")
        for m in group:
            if not (m.fixed and not m.pinned):
                m.label, m.kb_id = label, kb_id
    return mentions


def _one_canonical(text: str, mentions: list[Mention]) -> None:
    """A short name the article resolved to a longer one in some mentions and left as itself in
    others (the model gave those another label first: "Western" nine times, "Western Airlines"
    twice) takes the longer name in all mentions of its label, when exactly one longer name
    starts with it."""
    by_name: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        if not m.pinned:  # "Budapest" the city stays apart from "Budapest Stock Exchange"
            by_name[(name(text[m.start : m.end]).lower(), m.label)].append(m)
    for (written, _), group in by_name.items():
        longer = {m.canonical for m in group if m.canonical.lower().startswith(written + " ")}
        if len(longer) == 1 and any(m.canonical.lower() == written for m in group):
            full = longer.pop()
            for m in group:
                if m.canonical.lower() == written:
                    m.canonical = full


def _first(group: list[Mention], label: str) -> int:
    return min(m.start for m in group if m.label == label)
