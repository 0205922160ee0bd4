"""Span clean-up: the model's named entities cut and trimmed into mentions of one name each.

Promises for every mention it returns: it holds a letter, crosses no line break, bracket,
spaced dash, "v"/"at" of a fixture or bare number; it does not end in a possessive ("U.S.
Steel's") or stray punctuation, nor open with a lower-case "the" or a full month or weekday
name, nor end in a stop tokenised text set apart ("Inc ."; `detached_stops` gives an
abbreviation its stop back); PERSON/GPE/LOC/FAC/NORP spans hold no comma ("Detroit, Michigan"
is two places), nor does an ORG but a firm named after its partners ("Carr, Riggs & Ingram")
or a university's campus ("University of California, Berkeley"); a
lower-case word inside a proper name is a joiner ("Bank of England"); a capital-letter span
that opens with a country is cut to it, and "U.S.-Japan" is two countries.

Where the model cut a name in two or glued two together, `model_mentions` mends it: a speaker's
tag loses the reply's first word ("The Economist: You"), a possessor that is a country, a body
or named alone elsewhere is cut off what it owns ("Mexico's Sinaloa"), a title and a name whose
surname the article tags as a person is that person ("Superintendent Jo Peters"), and
`joined_runs` gives a span the rest of its name (a country's: "Antigua" + "and Barbuda"; a
nationality's or place's run to a head word: "Spanish Town Hospital", "U.S. District Court",
"Super Tuesday"; a given name the model took for something else: "Han" + "Lee"; an unknown
owner: "Aisha's Salon"; "Hotels" + "and Resorts"; capitals in prose: "OBSERVER ONLINE"; a
university's campus; a district and its state; a highway's number: "along US 1" is a road,
not the country).
No mention comes from the furniture the text keeps (`furniture.kept_furniture`).
"""

from __future__ import annotations

import re

from spacy.lang.en.tokenizer_exceptions import TOKENIZER_EXCEPTIONS
from spacy.tokens import Doc, Span, Token

from extract.lexicon import CALENDAR, MONTHS, TITLES
from extract.stages.entities.evidence import PERSON_ROLES, heads
from extract.stages.entities.mention import (
    CALENDAR_NAMES,
    LEGAL_SUFFIX,
    NAMED,
    PROPER,
    Mention,
    doc_text,
    legal_after,
    legal_form,
    outside_furniture,
    sentence_initial,
)
from extract.stages.entities.places import (
    country,
    country_head,
    hyphen_parts,
    subdivision_table,
)
from extract.stages.entities.ruler import alias_table

POSSESSIVES = frozenset({"'", "’", "‘", "'s", "’s", "‘s"})
POSSESSIVE = re.compile(r"\s*['’‘](?:s|S)?$")
FUSED_POSSESSIVE = re.compile(r"[a-z][’‘]s$")
EDGE_PUNCT = ",;:!?\"“”‘’'()[]{}-–—/|<>*"
OPENING_QUOTES = frozenset({"‘", "“"})  # a quoted name after a name: "Institute ‘Gold Standard’"
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
# Legal forms a name may go on after with "of" and its place ("Aluminum Co of America").
NAMED_BY_PLACE = frozenset({"co", "cos", "corp", "corporation", "company", "bancorp"})
SCORE_TOKEN = re.compile(r"\d{1,3}-\d{1,3}")  # "Hull 2-1": a result, not part of a name


def model_mentions(doc: Doc) -> list[Mention]:
    """The model's named entities as clean mentions, none from the furniture the text keeps."""
    text = doc_text(doc)
    surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON"}
    out = []
    for ent in doc.ents:
        if ent.label_ not in NAMED:
            continue
        for m in _split(doc, ent, surnames):
            start, end = _trim(text, m.start, m.end, m.label)
            if end <= start or not any(c.isalpha() for c in text[start:end]):
                continue
            end = country_head(text, start, end)
            pieces = hyphen_parts(text, start, end)
            if pieces:
                out.extend(Mention(s, e, "GPE") for s, e in pieces)
            else:
                out.append(Mention(start, end, m.label))
    return outside_furniture(doc, joined_runs(doc, out))


def _split(doc: Doc, ent: Span, surnames: set[str]) -> list[Mention]:
    """Cut a model span at line breaks, spaced dashes, bare numbers and lower-case words that
    join no name ("Hulu to Disney", "Westpac or ANZ"); drop lower-case words at its
    edges ("Volvo Cars and", "Kyodo news agency", "the March ISM"); cut off a speaker's tag
    ("The Economist: What ...") and a possessive name ("Mexico's Sinaloa"); a title and a name
    whose surname the article names as a person is a person ("Superintendent Jo Peters")."""
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
        if label == "ORG" and _titled_person(part, surnames):
            label = "PERSON"
        core = [t for t in part if t.lower_ != "the"]
        if len(core) == 2 and core[0].lower_.rstrip(".") in MONTHS and core[1].like_num:
            continue  # "the March 3" the model read as an event is a date
        part, label = _without_speaker_tag(part, label)
        for piece in _possessor_apart(doc, part, label):
            piece = _without_opener(doc, piece, label)
            if piece and not all(t.lower_ == "the" for t in piece):
                out.append(Mention(piece[0].idx, piece[-1].idx + len(piece[-1].text), label))
    return out


def _titled_person(part: list[Token], surnames: set[str]) -> bool:
    """A title and a name of one or two words whose last the article tags as a person
    ("Superintendent Jo Peters" ... "Supt Peters"): a person the model took for a body."""
    return (
        3 <= len(part) <= 4
        and part[0].lower_.rstrip(".") in TITLES | {t.rstrip(".") for t in TITLES}
        and all(t.is_title and t.is_alpha for t in part[1:])
        and part[-1].text in surnames
    )


def _without_speaker_tag(part: list[Token], label: str) -> tuple[list[Token], str]:
    """An interview's speaker tag glued to the reply's first word ("The Economist: You say")
    is the speaker: a person or a body, never a work."""
    if len(part) >= 3 and part[-2].text == ":" and part[-1].is_stop:
        return part[:-2], label if label in PROPER else "ORG"
    return part, label


def _possessor_apart(doc: Doc, part: list[Token], label: str) -> list[list[Token]]:
    """A name with a possessive inside it is two names where the possessor is a country or is
    named on its own elsewhere ("Mexico's Sinaloa cartel", "DeepMind's Go") or is a body
    ("Chinese Academy of Sciences' FAST telescope"); a possessive
    that is part of a name stays ("Harris County Sheriff's Office", "Rubik's Cube", "Moore's
    Law", "Boatmen's Bancshares Inc.")."""
    for k in range(len(part) - 1):
        fused = FUSED_POSSESSIVE.search(part[k].text)  # "Economist‘s": one token
        if not fused and (k == 0 or (part[k].tag_ != "POS" and part[k].text not in POSSESSIVES)):
            continue
        before, after = (part[: k + 1], part[k + 1 :]) if fused else (part[:k], part[k + 1 :])
        end = before[-1].idx + len(before[-1].text) - (2 if fused else 0)
        words = doc_text(doc)[before[0].idx : end]
        if legal_form(after[-1].text) or label not in PROPER:
            break  # "Boatmen's Bancshares Inc.": the firm's own name
        if country(words) or _whole_words(doc_text(doc), words) > 1 or _body(words):
            return [before, after]
        break
    return [part]


def _body(words: str) -> bool:
    """Whether a name of two words or more is headed by an organisation's word ("Chinese
    Academy of Sciences", "Acme Labs"): what it owns is a name of its own."""
    split = words.split()
    head = split[split.index("of") - 1] if "of" in split[1:] else split[-1]
    return len(split) > 1 and head in heads()[0]


def _without_opener(doc: Doc, part: list[Token], label: str) -> list[Token]:
    """A name without the title before it ("Mrs Botchway", "President Obama": the person is
    the name), the role before a given name and surname ("Financier Hans Brenner"), nor a
    sentence's opening word the model took in ("Bringing Doxim"): a verb,
    adverb or the like that the article does not always write before the rest ("Just Eat")."""
    text = doc_text(doc)
    while len(part) > 1:
        first = part[0]
        title = label == "PERSON" and (
            first.lower_ in TITLES | {t + "." for t in TITLES}
            or (first.lower_ in PERSON_ROLES and _full_name(part[1:]))  # "Financier Hans Brenner"
        )
        opener = (
            (first.pos_ in OPENER_POS or first.tag_ == "JJR")  # "Earlier Acme said"
            and first.is_title
            and sentence_initial(text, first.idx)
            and _alone_elsewhere(text, part)
        )
        if not (title or opener):
            break
        part = part[1:]
    return part


def _full_name(words: list[Token]) -> bool:
    """Two capitalised words or more: a given name and a surname, so the word before them is
    no given name ("Son Heung-min" keeps "Son")."""
    return len([t for t in words if t.is_alpha and t.is_title]) >= 2


def _alone_elsewhere(text: str, part: list[Token]) -> bool:
    """Whether the name after the first word appears more often than with it, as whole words
    ("Eat" in "Eaten" is no "Eat": "Just Eat" keeps its first word)."""
    end = part[-1].idx + len(part[-1].text)
    rest, full = text[part[1].idx : end], text[part[0].idx : end]
    return _whole_words(text, rest) > _whole_words(text, full)


def _whole_words(text: str, words: str) -> int:
    return len(re.findall(r"(?<!\w)" + re.escape(words) + r"(?!\w)", text))


def _numbered_firm(ent: Span, tok: Token) -> bool:
    """Is the token a number inside a firm's name that ends in its legal form ("Pier 1 Imports
    Inc", "Century 21 Real Estate Corp")?"""
    return ent.label_ == "ORG" and ent.start < tok.i < ent.end - 2 and legal_form(ent[-1].text)


def _breaks(doc: Doc, ent: Span, tok: Token, opening: bool) -> bool:
    """Whether `tok` ends the name before it and belongs to none (`opening`: no name yet)."""
    label = ent.label_
    proper = label in PROPER
    return bool(
        tok.is_space
        or "\n" in tok.text
        or (tok.text in DASHES and tok.whitespace_ and tok.i > 0 and doc[tok.i - 1].whitespace_)
        or tok.text in SEPARATORS
        or (  # a person's nickname in quotes stays: Renaldo “Peewee” Gilkes
            tok.text in OPENING_QUOTES
            and label != "PERSON"
            and tok.i > ent.start
            and doc[tok.i - 1].whitespace_
        )
        or (opening and tok.lower_ in CALENDAR_NAMES and proper)
        or (tok.text == "," and label in COMMA_FREE)
        or (  # "Westpac , ANZ" are two banks; "Foo, Inc." is one
            tok.text == ","
            and label == "ORG"
            and tok.i + 1 < ent.end
            and not LEGAL_SUFFIX.fullmatch(" " + doc[tok.i + 1].text)
            and not _partners(ent, tok)
        )
        or (  # a bare number, unless inside a firm's name ("Pier 1 Imports Inc")
            proper
            and label != "FAC"
            and any(c.isdigit() for c in tok.text)
            and not any(c.isalpha() for c in tok.text)
            and not _numbered_firm(ent, tok)
        )
        or SCORE_TOKEN.fullmatch(tok.text)
        or (  # "Acme Group Ltd of Guernsey": the name ends at its legal form, but
            # "Aluminum Co of America" and "Financial Corp of Santa Barbara" are names
            label == "ORG"
            and tok.lower_ == "of"
            and tok.i > ent.start
            and LEGAL_SUFFIX.fullmatch(" " + doc[tok.i - 1].text) is not None
            and doc[tok.i - 1].lower_.rstrip(".") not in NAMED_BY_PLACE
        )
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


def _partners_rest(name: str) -> bool:
    """Is the name the rest of a firm named after its partners: "Riggs & Ingram", or "Ruger
    and Co Inc" ("and" in a name with a legal form; "Boston and Maine" alone is a railroad's
    or two places)?"""
    return " & " in name or (" and " in name and bool(LEGAL_SUFFIX.search(name)))


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
    + "Riggs & Ingram", "Sturm" + "Ruger and Co Inc")."""
    text = doc_text(doc)
    by_start = {m.start: m for m in mentions}
    gone = set()
    for m in sorted(mentions, key=lambda m: m.start):
        if m.pinned or id(m) in gone:
            continue
        rest = PARTNERS_AFTER.match(text, m.end)
        first = rest and m.label == "ORG" and " " not in text[m.start : m.end]
        more = by_start.get(rest.end()) if first else None
        if more is not None and not more.pinned and _partners_rest(text[more.start : more.end]):
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


# A highway's number: "US 1", "U.S. 101 near", not an amount or a count ("US 5 times").
ROUTE = re.compile(
    r" \d{1,3}[A-Z]?(?=[.;:)]|\s*$|\s+(?:and|or|to|at|near|between|in|from|"
    r"north|south|east|west)\b)"
)
ROUTE_BEFORE = re.compile(r"\b(?:on|along|to|via|off|onto|from|near|across|toward|towards)\s+$")
# A country's name may go on past the model's span: "British" + "Virgin Islands".
COUNTRY_TAIL = re.compile(r"(?:[ \t]+(?:and|&|of|the|[A-Z][\w.'’-]*)){1,4}")
# Capitalised words that run on a nationality's or a place's name: "Spanish Town Hospital".
# "Hotels" + " and Resorts", not followed by more of a name: "Hotels and Resorts Group" aside.
PLURAL_PAIR = re.compile(r" and ([A-Z][a-z]{3,}s)(?![\w'’-])(?! [A-Z])")
PLURAL_END = re.compile(r" [A-Z][a-z]{3,}s$")
CAPITALS_RUN = re.compile(r"(?:[ \t][A-Z]{2,}(?![\w'’-])){1,2}")
RUN = re.compile(r"(?:[ \t][A-Z][a-z]+(?:['’]s(?=[ \t]))?){1,3}(?![\w'’-])")


def joined_runs(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A model span cut inside a longer name takes the rest (see the module's docstring and
    each helper): a highway's number, a country's name ("British" + "Virgin Islands"), a
    surname, what an unknown owner's business is called, a second kind of business, capitals
    in prose, a campus, and the capitalised words after a nationality or a place up to a head
    word that names what the whole is ("Spanish Town Hospital" ORG, "U.S." + "District
    Court" ORG, "Super Tuesday" EVENT). Mentions the longer name covers go; a name that
    becomes a country's is pinned with its code."""
    text = doc_text(doc)
    mentions = sorted(mentions, key=lambda m: m.start)
    gone: set[int] = set()
    for i, m in enumerate(mentions):
        if id(m) in gone:
            continue
        after = mentions[i + 1 : i + 2]
        end, label = (
            _route(text, m)
            or _country_end(text, m)
            or _given_name(text, m, after)
            or _owned_name(text, m, after)
            or _capitals_end(text, m, after)
            or _plural_pair(text, m, after)
            or _campus(text, m, after)
            or _district(text, m, after)
            or _run_end(text, m, after)
        )
        if end <= m.end:
            continue
        inside = [o for o in mentions[i + 1 :] if o.start < end]
        if any(o.end > end for o in inside):
            continue  # a name that goes on past the run: leave both as they are
        gone |= {id(o) for o in inside}
        m.end, m.label, m.canonical, m.kb_id, m.pinned = end, label, "", "", False
        found = country(text[m.start : m.end]) if label == "GPE" else None
        if found:  # pinned with its code, as `labels.fix_labels` pins countries
            (m.canonical, m.kb_id), m.pinned = found, True
    return [m for m in mentions if id(m) not in gone]


def _route(text: str, m: Mention) -> tuple[int, str] | None:
    """A highway's number after the country's name, after a word of the way, is the highway
    ("parallel to US 1", "on U.S. 101 near"): a facility, not the United States."""
    if m.label != "GPE" or text[m.start : m.end] not in {"US", "U.S."}:
        return None
    hit = ROUTE.match(text, m.end)
    if not hit or not ROUTE_BEFORE.search(text, max(m.start - 12, 0), m.start):
        return None
    return hit.end(), "FAC"


def _country_end(text: str, m: Mention) -> tuple[int, str] | None:
    """Where a country's name that opens at the mention ends, if it goes on past it."""
    tail = COUNTRY_TAIL.match(text, m.end)
    if not tail or m.label not in {"NORP", "GPE", "LOC", "PERSON", "ORG"}:
        return None
    for word in reversed(list(re.finditer(r"\S+", tail.group()))):
        end = m.end + word.end()
        if text[end - 1].isalpha() and country(text[m.start : end]):
            return end, "GPE"
    return None


def _given_name(text: str, m: Mention, after: list[Mention]) -> tuple[int, str] | None:
    """A one-word name the model took for a nationality, place or body right before a
    surname it tags as a person ("Han" + "Lee") is the person's given name, unless it is a
    known nationality or country ("Mexican Ariel Cruz")."""
    if not after or after[0].label != "PERSON" or after[0].start != m.end + 1:
        return None
    words = text[m.start : after[0].end].split(" ")
    if len(words) != 2 or m.label not in {"NORP", "ORG"} or text[m.end] != " ":
        return None
    if not (words[0].istitle() and words[0].isalpha() and words[1].isalpha()):
        return None  # "England" + "N. Knight" in a scorecard: a team, then a player
    known = alias_table("").get(words[0])
    if country(words[0]) or (known is not None and known.label in {"NORP", "GPE"}):
        return None
    if words[0].lower() in subdivision_table():
        return None  # "Florida" + "Marlins": a team
    return after[0].end, "PERSON"


def _owned_name(text: str, m: Mention, after: list[Mention]) -> tuple[int, str] | None:
    """A one-word given name the article names nowhere else, before a business's name the
    model cut at the possessive, is part of it ("Aisha" + "'s" + "Salon and Spa"); "Trump's"
    + "Administration" stays apart where the article names Trump alone."""
    if not after or after[0].label not in {"ORG", "PRODUCT", "FAC"} or m.label != "PERSON":
        return None  # "Xiaomi's Redmi": a firm's product, no name of one
    gap = text[m.end : after[0].start]
    word = text[m.start : m.end]
    if gap not in {"'s ", "’s "} or " " in word or not word.istitle() or not word.isalpha():
        return None
    if _whole_words(text, word) > 1 or country(word) or alias_table("").get(word):
        return None
    return after[0].end, after[0].label


def _plural_pair(text: str, m: Mention, after: list[Mention]) -> tuple[int, str] | None:
    """A firm named after two kinds of business ("Acme Hotels" + "and Resorts") is one name,
    where the model took the second word for no firm of its own."""
    if m.label != "ORG" or " " not in text[m.start : m.end]:
        return None
    hit = PLURAL_PAIR.match(text, m.end)
    last = PLURAL_END.search(text, m.start, m.end)
    if (
        not hit
        or not last
        or (after and after[0].start == hit.start(1) and after[0].label == "ORG")
    ):
        return None
    return hit.end(), "ORG"


def _campus(text: str, m: Mention, after: list[Mention]) -> tuple[int, str] | None:
    """A university's campus after a comma is part of its name ("University of California,
    Berkeley"), where no further place follows ("University of Leeds, England, said")."""
    if m.label != "ORG" or not text.startswith("University of ", m.start) or not after:
        return None
    campus = after[0]
    if text[m.end : campus.start] != ", " or len(text[campus.start : campus.end].split()) > 2:
        return None
    if not re.match(r"(?:[.;:!?)]|\s+[a-z]|\s*$)", text[campus.end : campus.end + 3]):
        return None
    return campus.end, "ORG"


def _district(text: str, m: Mention, after: list[Mention]) -> tuple[int, str] | None:
    """A district the model cut before "of" and its state is one name ("Central District" +
    "of California", "Southern District" + "of New York")."""
    if not after or after[0].label != "GPE" or not text.endswith(" District", m.start, m.end):
        return None
    if text[m.end : after[0].start] != " of " or m.label not in {"LOC", "GPE", "ORG", "FAC"}:
        return None
    return after[0].end, m.label


def _capitals_end(text: str, m: Mention, after: list[Mention]) -> tuple[int, str] | None:
    """A name in capitals in running text goes on over the untagged capitalised words after
    it ("OBSERVER" + "ONLINE has learnt"); in a heading in capitals it does not, nor does a
    legal form ("LLC" + "CRI is")."""
    words = text[m.start : m.end]
    if m.label != "ORG" or not words.isupper() or legal_form(words.split()[-1]):
        return None
    run = CAPITALS_RUN.match(text, m.end)
    if run and after and after[0].start < run.end():
        return None
    if not run or not re.match(r"[ \t]+[a-z]", text[run.end() : run.end() + 3]):
        return None
    if not re.search(r"[a-z]", text[max(0, m.start - 20) : m.start]):
        return None
    return run.end(), "ORG"


def _run_end(text: str, m: Mention, after: list[Mention]) -> tuple[int, str]:
    """Where a nationality's or a place's name runs on to a head word, and the label that
    head gives; (0, "") where it does not."""
    if m.label not in {"NORP", "GPE"}:
        return 0, ""
    run = RUN.match(text, m.end)
    end = run.end() if run else m.end
    if after and after[0].start < end:
        # "U.S." + "District Court" are one name; "German" + "Foreign Ministry" are two.
        if m.label != "GPE" or after[0].start != m.end + 1:
            return 0, ""
        end = max(end, after[0].end)
    words = list(re.finditer(r"\S+", text[m.end : end]))
    for k in range(len(words), 0, -1):
        word = words[k - 1].group()
        if word.lower() in TITLES:
            return 0, ""  # "British Prime Minister": a title, not a name
        label = _head_label(word, first=k == 1)
        if label == "EVENT" and (m.label == "NORP" or _known_place(text[m.start : m.end])):
            # "Moslem Friday": a nationality's day, no event's name; "Iran Saturday
            # condemned ...": the day a country or state did something
            return 0, ""
        if label:
            return m.end + words[k - 1].end(), label
    return 0, ""


def _known_place(name: str) -> bool:
    """A country's or a state's name (pycountry), not a word the model took for a place
    ("Super" of "Super Tuesday")."""
    return country(name) is not None or name.lower() in subdivision_table()


def _head_label(word: str, first: bool) -> str:
    """The label a head word gives the name it ends: "Hospital" ORG, "Station" FAC, "Cup"
    EVENT; a day's name right after makes an event ("Super Tuesday"), while after more words
    it is the date ("Milwaukee Open Thursday"), as it is after a known place (`_run_end`)."""
    organisations, others = heads()
    if word in organisations:
        return "ORG"
    if first and word.lower() in CALENDAR and not word.lower().startswith(("may", "march")):
        return "EVENT"
    return others.get(word, "")
