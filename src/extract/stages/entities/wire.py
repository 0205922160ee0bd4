"""Patterns of wire copy the small model reads badly, each a pass over the whole document.

- a dateline ("TOKYO, Feb 7 (Reuters) -", "OSLO 2024-09-14") opens with a place, and keeps
  that label whatever the article's other mentions of the name are (a team's, in sports);
- a byline or a credit line ("By Jane Doe", "Reporting by Jane Doe") names a person, and
  capitals right after a byline ("By Jane Doe TOKYO (Reuters) -") are the dateline's place;
  a web page's byline running into the story after a colon ("By Jane Doe: The ...") is
  furniture;
- a plain two- or three-word name followed by its country in brackets ("Maria Lopez (Spain)")
  is a person, and so are initials and a surname ("P. Hughes", "J.R. Smith");
- the untagged capitalised subject of a reporting or business verb ("Kelvion said") is an ORG,
  and a PERSON after an honorific ("Mr Buttress said").
Each pass leaves pinned mentions alone and returns the article's mentions.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.lexicon import AGENCIES, DATELINE, alternation
from extract.stages.entities.mention import (
    CALENDAR_NAMES,
    Mention,
    doc_text,
    name,
    overlapping,
    taken,
)
from extract.stages.entities.places import country
from extract.stages.entities.spans import HONORIFICS, OPENER_POS

LINE_START = re.compile(r"^[ \t]*", re.M)
# Words of organisations: a bracketed country after them names a club or a body, not a person.
ORG_WORDS = frozenset(
    "Bank Group Club United City FC Party Association Union Council Ministry Company Team "
    "Racing Motors Airlines Agency Institute University Committee Federation".split()
)
COUNTRY_AFTER = re.compile(r"\s*\(\s*([A-Z][\w.' -]{1,40}?)\s*\)")
INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
# Verbs whose untagged capitalised subject is an organisation ("Kelvion said it would cut
# jobs", "Interfax reported"): a person the model would have tagged.
ORG_VERBS = frozenset(
    "say report announce post agree plan issue launch buy sell acquire raise cut file own "
    "expect forecast reject deny confirm list merge".split()
)
# "By Jane Doe" (a sentence opening "By" takes no two-word name), and the credits of wire
# copy ("Reporting by Jane Doe and John Roe"). A name is two or three capitalised words
# (initials between), and stops before a word in capitals (the dateline's place).
_WORD = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
_WRITER = _WORD + r"(?: (?:[A-Z]\.)+)?(?: " + _WORD + r"){1,2}"
_CREDIT = r"(?:\bBy|(?i:reporting|writing|editing|additional reporting) by)"
BYLINE = re.compile(
    _CREDIT + rf" (?P<names>{_WRITER}(?: and {_WRITER})?)(?![\w'’-])(?! [A-Z][a-z])"
)
# A web page's byline runs into the story after a colon: "By Jane Doe: The region ...".
WEB_BYLINE = re.compile(r"[ \t]*:[ \t]+[A-Z]")
# A dateline's place in capitals right after a byline: "By Jane Doe TOKYO (Reuters) -".
_AGENCY = r"[ \t]*\([ \t]*(?i:" + alternation(AGENCIES) + r")[ \t]*\)"
PLACE_AFTER = re.compile(r" ([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?=[ \t]*,|" + _AGENCY + ")")
PRONOUNS = frozenset("i you he she it we they this that these those there here who".split())


def datelines(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The place of each dateline is a place, whatever the model made of it."""
    text = doc_text(doc)
    for line in LINE_START.finditer(text):
        hit = DATELINE.match(text, line.end())
        # A heading has a dateline's shape ("SOCCER - ..."): a dateline also gives a date,
        # an agency or a region, and opens with no day name ("SUNDAY , MARCH 9").
        if not hit or not (hit["date"] or hit["agency"] or hit["region"]):
            continue
        start, end = hit.span("place")
        if hit["place"].split()[0].lower().rstrip(".") in CALENDAR_NAMES:
            continue
        inside = overlapping(mentions, start, end)
        if any(m.pinned for m in inside):
            continue
        mentions = [m for m in mentions if m not in inside]
        mentions.append(Mention(start, end, "GPE", fixed=True))
    return mentions


def bylines(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The writers a byline or a credit line names ("By Jane Doe", "Reporting by Jane Doe;
    Editing by John Roe") are people, but a web page's byline that runs into the story after
    a colon at a line's start is its furniture and names no one; a dateline right after a
    byline ("By Jane Doe TOKYO (Reuters) -") opens with a place: the model often reads the
    run as one name."""
    text = doc_text(doc)
    for hit in BYLINE.finditer(text):
        if WEB_BYLINE.match(text, hit.end("names")) and _at_line_start(text, hit.start()):
            drop = overlapping(mentions, hit.start("names"), hit.end("names"))
            mentions = [m for m in mentions if m not in drop or m.pinned]
            continue  # "By Jane Doe: The region ...": a web page's credit, no one in the news
        for part in hit.group("names").split(" and "):
            start = hit.start("names") + hit.group("names").index(part)
            end = start + len(part.rstrip())
            words = text[start:end].split()
            if len(words) > 3 or any(w in ORG_WORDS or country(w) for w in words):
                continue
            mentions = _take(mentions, start, end, "PERSON")
        place = PLACE_AFTER.match(text, hit.end("names"))
        if place:
            mentions = _take(mentions, *place.span(1), "GPE")
    return mentions


def _at_line_start(text: str, pos: int) -> bool:
    """Whether only blanks stand between the line's start and `pos`."""
    return not text[text.rfind("\n", 0, pos) + 1 : pos].strip()


def _take(mentions: list[Mention], start: int, end: int, label: str) -> list[Mention]:
    """The mentions with one of `label` at start:end, fixed, in place of the unpinned ones it
    overlaps (a pinned one keeps its place)."""
    inside = overlapping(mentions, start, end)
    if any(m.pinned for m in inside):
        return mentions
    kept = [m for m in mentions if m not in inside]
    return kept + [Mention(start, end, label, fixed=True)]


def people_with_country(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A plain two- or three-word name with its country in brackets is a person (sports
    results, bylines), whatever the model said or missed."""
    text = doc_text(doc)
    by_start = {m.start: m for m in mentions}
    out = list(mentions)
    for bracket in re.finditer(r"\(", text):
        opening = doc.char_span(bracket.start(), bracket.end())  # "(" as a token of its own
        if opening is None or opening.start == 0:
            continue
        after = COUNTRY_AFTER.match(text, bracket.start())
        if not after or not country(after.group(1)):
            continue
        tok = doc[opening.start - 1]
        for n in (3, 2):
            first = tok.i - n + 1
            if first < 0:
                continue
            words = doc[first : tok.i + 1]
            if not all(w.is_title and (w.is_alpha or "-" in w.text) for w in words):
                continue
            if any(w.text in ORG_WORDS for w in words) or country(words.text):
                continue
            m = by_start.get(words.start_char)
            if m is not None and m.end == words.end_char:
                if not m.pinned and m.label in {"ORG", "PERSON", "GPE", "LOC", "NORP"}:
                    m.label = "PERSON"
                break
            claimed = _claim(out, words.start_char, words.end_char)
            if claimed is not None:  # the model's pieces ("Maria", "Lopez") give way to it
                out = claimed
                break
    return out


def initialled_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Initials and a surname ("P. Hughes", "J.R. Smith") are a person (scorecards, bylines)."""
    for tok in doc[:-1]:
        surname = doc[tok.i + 1]
        if not INITIALS.fullmatch(tok.text) or not (surname.is_title and surname.is_alpha):
            continue
        if len(surname) < 2 or country(surname.text) or country(tok.text) or not tok.whitespace_:
            continue
        if surname.i + 1 < len(doc) and doc[surname.i + 1].is_title:
            continue  # "U.S. Federal Reserve" goes on: a name, not a person
        claimed = _claim(mentions, tok.idx, surname.idx + len(surname))
        mentions = mentions if claimed is None else claimed
    return mentions


def _claim(mentions: list[Mention], start: int, end: int) -> list[Mention] | None:
    """The mentions with a PERSON at start:end in place of the unpinned ones inside it, or None
    where a pinned mention or one reaching outside it overlaps."""
    inside = overlapping(mentions, start, end)
    if any(m.pinned or m.start < start or m.end > end for m in inside):
        return None
    return [m for m in mentions if m not in inside] + [Mention(start, end, "PERSON")]


def reporting_subjects(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Untagged capitalised subjects of reporting and business verbs are organisations."""
    covered = taken(doc, mentions)
    text = doc_text(doc)
    # Words of names the article already tags ("Ishiba said" after "Shigeru Ishiba").
    named = {w.lower() for m in mentions for w in text[m.start : m.end].split()}
    out = []
    for tok in doc:
        if (
            covered[tok.i]
            or tok.dep_ != "nsubj"
            or tok.lower_ in named
            or tok.head.lemma_ not in ORG_VERBS
            or not (tok.is_title or (tok.is_upper and len(tok) >= 3))
            or not tok.is_alpha
            or tok.is_stop
            or tok.lower_ in PRONOUNS
            or tok.tag_ in {"NN", "NNS", "JJ", "DT", "CD"}
            or tok.lower_ in CALENDAR_NAMES
        ):
            continue
        first = tok.i
        while first > 0 and (
            (  # not "Separately" before "Acme Inc said": an adverb names no one
                doc[first - 1].dep_ == "compound"
                and doc[first - 1].is_title
                and doc[first - 1].pos_ not in OPENER_POS
            )
            or (  # "Hertz-Avis Inc"
                not doc[first - 1].whitespace_
                and (doc[first - 1].text == "-" or doc[first - 1].is_alpha)
            )
        ):
            first -= 1
        while not doc[first].is_alpha or (first < tok.i and doc[first].lower_ in HONORIFICS):
            first += 1  # "Mr Buttress said": a person, the title no part of the name
        if any(covered[first : tok.i]):
            continue
        label = "PERSON" if first > 0 and doc[first - 1].lower_ in HONORIFICS else "ORG"
        start, end = doc[first].idx, tok.idx + len(tok)
        out.append(Mention(start, end, label, name(text[start:end])))
    return mentions + out
