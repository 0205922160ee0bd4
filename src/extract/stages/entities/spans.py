"""Span clean-up: the model's named entities cut and trimmed into mentions of one name each.

Promises for every mention it returns: it holds a letter, crosses no line break, bracket,
spaced dash, "v"/"at" of a fixture or bare number; it does not end in a possessive ("U.S.
Steel's") or stray punctuation, nor open with a lower-case "the" or a full month or weekday
name, nor end in a stop tokenised text set apart ("Inc ."; `detached_stops` gives an
abbreviation its stop back); PERSON/GPE/LOC/FAC/NORP spans hold no comma ("Detroit, Michigan"
is two places), nor does an ORG but a firm named after its partners ("Carr, Riggs & Ingram"); a
lower-case word inside a proper name is a joiner ("Bank of England"); a capital-letter span
that opens with a country is cut to it, and "U.S.-Japan" is two countries.
"""

from __future__ import annotations

import re

from spacy.lang.en.tokenizer_exceptions import TOKENIZER_EXCEPTIONS
from spacy.tokens import Doc, Span, Token

from extract.lexicon import TITLES
from extract.stages.entities.mention import (
    CALENDAR_NAMES,
    LEGAL_SUFFIX,
    NAMED,
    PROPER,
    Mention,
    doc_text,
    legal_after,
    legal_form,
    sentence_initial,
)
from extract.stages.entities.places import country, country_head, hyphen_parts

POSSESSIVE = re.compile(r"\s*['’](?:s|S)?$")
EDGE_PUNCT = ",;:!?\"“”‘’'()[]{}-–—/|<>*"
DASHES = frozenset({"-", "–", "—", "--"})
# Tokens no name holds: brackets, and the "v"/"at" of fixtures and results ("Leeds v Hull").
SEPARATORS = frozenset({"(", ")", "[", "]", "v", "v.", "vs", "vs.", "versus", "at", "AT", "VS"})
JOINERS = frozenset(
    "of and for in the a on upon de du des la le les del della dello di da dos das do van von "
    "der den ter het op zu und et y e al el bin ibn ben".split()
)
# Labels whose names never hold a comma ("Detroit, Michigan" is two places).
COMMA_FREE = frozenset({"PERSON", "GPE", "LOC", "FAC", "NORP"})
# Honorifics only people have: "Mr Buttress" is a person even where the model says ORG.
HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame mx mx. mme mme.".split()
)
# Words that open a sentence but no name: "Bringing Doxim and Roler together".
OPENER_POS = frozenset({"VERB", "AUX", "ADV", "ADP", "PRON", "SCONJ", "CCONJ", "DET"})
PARTNERS_AFTER = re.compile(r"[ \t]?,[ \t]")  # between the names of a firm's partners
SCORE_TOKEN = re.compile(r"\d{1,3}-\d{1,3}")  # "Hull 2-1": a result, not part of a name


def model_mentions(doc: Doc) -> list[Mention]:
    """The model's named entities as clean mentions."""
    text = doc_text(doc)
    out = []
    for ent in doc.ents:
        if ent.label_ not in NAMED:
            continue
        for m in _split(doc, ent):
            start, end = _trim(text, m.start, m.end, m.label)
            if end <= start or not any(c.isalpha() for c in text[start:end]):
                continue
            end = country_head(text, start, end)
            pieces = hyphen_parts(text, start, end)
            if pieces:
                out.extend(Mention(s, e, "GPE") for s, e in pieces)
            else:
                out.append(Mention(start, end, m.label))
    return out


def _split(doc: Doc, ent: Span) -> list[Mention]:
    """Cut a model span at line breaks, spaced dashes, bare numbers and lower-case words that
    join no name ("Hulu to Disney", "Westpac or ANZ"); drop lower-case words at its
    edges ("Volvo Cars and", "Kyodo news agency", "the March ISM")."""
    parts: list[list[Token]] = []
    current: list[Token] = []
    for tok in ent:
        if _breaks(doc, ent, tok, opening=all(t.lower_ == "the" for t in current)):
            if current:
                parts.append(current)
            current = []
        else:
            current.append(tok)
    if current:
        parts.append(current)
    out = []
    for part in parts:
        if ent.label_ in PROPER:
            # Joiners hold a name together but never end it ("Bank of", "Volvo Cars and").
            while (
                part
                and part[-1].is_lower
                and _spaced(doc, part[-1])
                and not LEGAL_SUFFIX.fullmatch(" " + part[-1].text)  # "Vodafone Group plc"
            ):
                part = part[:-1]
        label = ent.label_
        if part and part[0].lower_ in HONORIFICS and len(part) > 1 and label in PROPER:
            label = "PERSON"  # "Mr Buttress" is a person, whatever the model said
        part = _without_opener(doc, part, label)
        if part and not all(t.lower_ == "the" for t in part):
            out.append(Mention(part[0].idx, part[-1].idx + len(part[-1].text), label))
    return out


def _without_opener(doc: Doc, part: list[Token], label: str) -> list[Token]:
    """A name without the title before it ("Mrs Botchway", "President Obama": the person is
    the name) nor a sentence's opening word the model took in ("Bringing Doxim"): a verb,
    adverb or the like that the article does not always write before the rest ("Just Eat")."""
    text = doc_text(doc)
    while len(part) > 1:
        first = part[0]
        title = label == "PERSON" and first.lower_ in TITLES | {t + "." for t in TITLES}
        opener = (
            first.pos_ in OPENER_POS
            and first.is_title
            and sentence_initial(text, first.idx)
            and _alone_elsewhere(text, part)
        )
        if not (title or opener):
            break
        part = part[1:]
    return part


def _alone_elsewhere(text: str, part: list[Token]) -> bool:
    """Whether the name after the first word appears more often than with it, as whole words
    ("Eat" in "Eaten" is no "Eat": "Just Eat" keeps its first word)."""
    end = part[-1].idx + len(part[-1].text)
    rest, full = text[part[1].idx : end], text[part[0].idx : end]
    return _whole_words(text, rest) > _whole_words(text, full)


def _whole_words(text: str, words: str) -> int:
    return len(re.findall(r"(?<!\w)" + re.escape(words) + r"(?!\w)", text))


def _breaks(doc: Doc, ent: Span, tok: Token, opening: bool) -> bool:
    """Whether `tok` ends the name before it and belongs to none (`opening`: no name yet)."""
    label = ent.label_
    proper = label in PROPER
    return bool(
        tok.is_space
        or "\n" in tok.text
        or (tok.text in DASHES and tok.whitespace_ and tok.i > 0 and doc[tok.i - 1].whitespace_)
        or tok.text in SEPARATORS
        or (opening and tok.lower_ in CALENDAR_NAMES and proper)
        or (tok.text == "," and label in COMMA_FREE)
        or (  # "Westpac , ANZ" are two banks; "Foo, Inc." is one
            tok.text == ","
            and label == "ORG"
            and tok.i + 1 < ent.end
            and not LEGAL_SUFFIX.fullmatch(" " + doc[tok.i + 1].text)
            and not _partners(ent, tok)
        )
        or (
            proper
            and label != "FAC"
            and any(c.isdigit() for c in tok.text)
            and not any(c.isalpha() for c in tok.text)
        )
        or SCORE_TOKEN.fullmatch(tok.text)
        or (
            proper
            and tok.is_lower
            and tok.is_alpha
            and _spaced(doc, tok)  # "Abd-al-Rahman" is one name
            and not LEGAL_SUFFIX.fullmatch(" " + tok.text)  # "Aviva plc"
            and (tok.lower_ not in JOINERS or (tok.lower_ == "and" and label != "ORG"))
        )
    )


def _partners(ent: Span, comma: Token) -> bool:
    """A comma in a firm named after its partners: "Carr, Riggs & Ingram" (the last name
    joined by "&" with no comma between)."""
    rest = [t.text for t in ent[comma.i - ent.start + 1 :]]
    return "&" in rest and "," not in rest[: rest.index("&")]


def _spaced(doc: Doc, tok: Token) -> bool:
    """Whether a token stands apart (spaces around it), not inside a hyphenated word."""
    return bool(tok.whitespace_) and (tok.i == 0 or bool(doc[tok.i - 1].whitespace_))


def _trim(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """The span without a possessive, edge punctuation or a leading "the" that is no name's."""
    initial = sentence_initial(text, start)
    while True:
        before = (start, end)
        span = text[start:end]
        possessive = POSSESSIVE.search(span)
        if possessive and possessive.start() > 0:
            end = start + possessive.start()
        while end > start and text[end - 1] in EDGE_PUNCT + " \t\n":
            end -= 1
        if text.endswith(" .", start, end):
            end -= 2  # a stop set apart ends the sentence; `detached_stops` decides
        # A final period belongs to abbreviations ("U.S.", "Inc.") but not to "Michigan.".
        if end > start and text[end - 1] == ".":
            word = text[start:end].split()[-1]
            if "." not in word[:-1] and len(word) > 5:
                end -= 1
        while start < end and text[start] in EDGE_PUNCT + " \t\n":
            start += 1
        # "The" is part of a name mid-sentence ("The Hague"), not at a sentence start nor
        # before a nationality or a country ("The Netherlands": the country table's has none).
        if text[start:end].startswith("the ") or (
            text[start:end].startswith("The ")
            and (initial or label == "NORP" or (label == "GPE" and country(text[start + 4 : end])))
        ):
            start += 4
        if (start, end) == before:
            return start, end


def detached_stops(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """An abbreviation's full stop that tokenised text set apart inside a sentence ("the U.S .
    economy", "Calif .", "Inc .") is part of the name: the mention takes it, its canonical name
    stays as resolved. At a line's end or before a closing quote the stop ends the sentence
    too, and stays out."""
    text = doc_text(doc)
    for m in mentions:
        if text[m.end : m.end + 3] != " . " or text[m.end + 3 : m.end + 4] in "\"'“”‘’\n":
            continue  # '& Co . "': the stop ends a quoted sentence
        word = text[m.start : m.end].split()[-1]
        if m.label == "ORG" and legal_form(word):
            continue  # "Apple Inc . said": the company is named without the stop
        if "." in word.strip(".") or word + "." in TOKENIZER_EXCEPTIONS:
            m.end += 2
    return mentions


def legal_forms_joined(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A company's legal form after its name is part of it ("Commodity Systems, Inc", "Miller
    Kaplan Arase LLP"), whether the model left it out or tagged it alone; the name is an ORG.
    So is the rest of a firm named after its partners that the model cut at a comma ("Carr"
    + "Riggs & Ingram")."""
    text = doc_text(doc)
    by_start = {m.start: m for m in mentions}
    gone = set()
    for m in sorted(mentions, key=lambda m: m.start):
        if m.pinned or id(m) in gone:
            continue
        rest = PARTNERS_AFTER.match(text, m.end)
        first = rest and m.label == "ORG" and " " not in text[m.start : m.end]
        more = by_start.get(rest.end()) if first else None
        if more is not None and not more.pinned and " & " in text[more.start : more.end]:
            gone.add(id(more))  # "Carr, Riggs & Ingram": the model's two pieces are one firm
            m.end = more.end
        hit = legal_after().match(text, m.end)
        if not hit or not legal_form(hit.group(1)) or "\n" in hit.group(0):
            continue
        alone = by_start.get(hit.start(1))
        if alone is not None:
            if alone.pinned or alone.end > hit.end():
                continue
            gone.add(id(alone))
        m.end, m.label = hit.end(), "ORG"
    return [m for m in mentions if id(m) not in gone]
