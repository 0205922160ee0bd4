"""Names the model cut in two.

Before "of": a head word and "of" before a place's name make one name with it ("Summit of the
Americas" EVENT, "Office of Ghana" ORG, "Gulf of Mexico" LOC), and a rank of nobility before
"of" and a place is the person who holds it ("the Duke of Edinburgh"). Only the place's
mention is read, with the capitalised words right before it: where the model tagged a name
before "of" ("Kia Motor Corp" + "of South Korea") the two stay apart.

Before a legal form: a firm's name ends at its legal form, so the name the model tagged right
before a piece that ends in one, with nothing between but a space or a joiner, is its start
("Volvo Finance" + "North America Inc", "Highveld Steel and" + "Vanadium Corp", "Cablevision
Industries of" + "California Inc"), as are proper nouns the model tagged nothing before a
piece of one word and the form ("Purolator" + "Courier Corp"), or an initial and "and" before
an initial ("B and W Electric Supply Co"). A name with a legal form of its own stays apart
("Holiday Corp and Communications Satellite Corp" are two firms); across "and" only a name of
two words or more that does not end in its place and one word with its legal form make one
("KeyCorp and Banc One Corp", "Fiat Chrysler and PSA Group", "First Bank of Ohio and Salomon
Inc" are two), or any firm's or person's name and legal forms alone ("C. Itoh and Co Ltd"), or
a person's name and a plural noun with its form ("Alex. Brown and Sons Inc"), or one word the
article writes only ever before "and" and the same next word, twice or more ("Cable and
Wireless Plc" ... "Cable and Wireless said"). A
place before a firm's own name is where it is ("the U.S. Allis-Chalmers Corp"), before a word
of business part of the name ("U.S. Steel Corp").

A run of capitalised words the model tagged nothing that ends in a common legal form (Corp,
Inc, Co, Ltd, plc, AG, SA, ...) is a firm's name ("<Growers Distributing International Corp>",
"Goodyear Tire and Rubber Co"): `untagged_firms`. It holds no sentence opener ("The"), no
title, no month or weekday, and stops at a name the article tags and at another legal form
("Lac Minerals Ltd and Cambior Inc" are two).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from extract.lexicon import TITLES
from extract.stages.entities.evidence import heads, heads_data
from extract.stages.entities.mention import (
    CALENDAR_NAMES,
    LEGAL_SUFFIX,
    Mention,
    doc_text,
    legal_form,
    taken,
)

# Up to two capitalised words, a head word, "of" and maybe "the", right before the place.
HEAD_OF = re.compile(
    r"(?<![\w’'.&-])((?:[A-Z][\w’'.&-]*[ \t]){0,2}([A-Z][a-z]+))[ \t]of[ \t](?:the[ \t])?$"
)
ARTICLES = frozenset({"The", "A", "An"})
PLACES = frozenset({"GPE", "LOC", "NORP"})
# What may stand between two pieces of one firm's name: a space, or a joiner in it.
FIRM_GAP = re.compile(r"[ \t](?:(?:and|&|of)[ \t])?")
# The kinds of name a firm's name may start with, before a space: "U.S. Steel Corp", "Walt
# Disney Co", "Swiss Bank Corp"; before a joiner only a firm's ("Air Products and").
FIRM_START = frozenset({"ORG", "PRODUCT", "GPE", "NORP", "PERSON"})
PROPER_TAGS = frozenset({"NNP", "NNPS"})
HYPHEN_WORD = re.compile(r"-[a-z]+$")  # "Mo.-based", "Texas-born": no name's last word


def head_of_place(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A place's mention after "<Head> of (the)" takes the head and the capitalised words
    before it, with the label the head gives (see the module's docstring), where the model
    tagged none of those words."""
    text = doc_text(doc)
    mentions = sorted(mentions, key=lambda m: m.start)
    for i, m in enumerate(mentions):
        if m.label not in PLACES:
            continue
        hit = HEAD_OF.search(text, max(0, m.start - 80), m.start)
        label = _label(hit.group(2)) if hit else ""
        if not label:
            continue
        words = hit.group(1).split()
        start = hit.start(1) + (len(words[0]) + 1 if words[0] in ARTICLES else 0)
        if any(o.end > start for o in mentions[:i]):
            continue  # the model's name before "of" ("Kia Motor Corp of South Korea"): two
        m.start, m.label, m.canonical, m.kb_id, m.pinned = start, label, "", "", False
    return mentions


def _label(head: str) -> str:
    """The label a head word before "of" gives the whole name, "" for none."""
    organisations, others = heads()
    if legal_form(head) or LEGAL_SUFFIX.fullmatch(" " + head):
        return ""  # "Dow Chemical Co of the United States": the firm's home, no name
    if head in organisations:
        return "ORG"
    if head in heads_data()["nobility"]:
        return "PERSON"
    return others.get(head, "")


def firm_halves(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A firm's name the model cut before the piece that holds its legal form is one ORG with
    the name or proper nouns right before that piece (see the module's docstring)."""
    text = doc_text(doc)
    ordered = sorted(mentions, key=lambda m: m.start)  # the list keeps its order: later
    gone: set[int] = set()  # passes read the first mention of a name first
    covered: list[bool] = []
    for i, m in enumerate(ordered):
        before = ordered[i - 1] if i else None
        if m.pinned or not _ends_legal(text[m.start : m.end]):
            continue
        m.label = "ORG"  # whatever the model said of "Courier Corp"
        if before is not None and id(before) not in gone and _firm_start(doc, before, m):
            gone.add(id(before))
            m.start, m.canonical, m.kb_id = before.start, "", ""
        else:
            covered = covered or taken(doc, mentions)
            m.start = _untagged_start(doc, m, covered)
        if _only_legal(text[m.start : m.end]):
            gone.add(id(m))  # "Industrial Equity (Pacific) Ltd": a legal form alone names no one
    return [m for m in mentions if id(m) not in gone]


def _only_legal(name: str) -> bool:
    return all(legal_form(w) or LEGAL_SUFFIX.fullmatch(" " + w) for w in name.split())


def _ends_legal(name: str) -> bool:
    """Does the name end in a legal form, or is it one ("Cos" a reporting verb's subject, "Co"
    of "Merrill Lynch and Co")?"""
    words = name.split()
    return bool(words) and (legal_form(words[-1]) or bool(LEGAL_SUFFIX.search(" " + name)))


def _firm_start(doc: Doc, before: Mention, m: Mention) -> bool:
    """Is the mention before the piece with the legal form the start of the same firm's name?"""
    text = doc_text(doc)
    gap = FIRM_GAP.fullmatch(text, before.end, m.start)
    name = text[before.start : before.end]
    if gap is None or before.pinned or _ends_legal(name) or HYPHEN_WORD.search(name):
        return False  # two firms, or "Kansas City, Mo.-based" before one
    if gap.group() in " \t" and before.label in PLACES:
        # "U.S. Steel Corp", "Swiss Bank Corp": a place and a word of business; "the U.S.
        # Allis-Chalmers Corp" names its firm's country before its own name
        core = LEGAL_SUFFIX.sub("", text[m.start : m.end])
        return " " not in core and "-" not in core and not legal_form(core)
    if gap.group() in " \t":
        return before.label in FIRM_START
    if gap.group().strip() == "of":
        return before.label == "ORG"
    after = text[m.start : m.end]
    if LEGAL_SUFFIX.fullmatch(" " + after):
        return before.label in ("ORG", "PERSON")  # "C. Itoh and" + "Co Ltd"
    # "Highveld Steel and" + "Vanadium Corp": one word and a legal form after the joiner;
    # "Fiat Chrysler and PSA Group", "KeyCorp and Banc One Corp" are two firms, and so is a
    # name that ends in its place ("First Bank of Ohio and" + "Salomon Inc")
    one_word = " " not in LEGAL_SUFFIX.sub("", after) and legal_form(after.split()[-1])
    if before.label == "PERSON" and one_word:  # "Paul Kellan and" + "Partners Ltd"
        first = doc.char_span(m.start, m.end, alignment_mode="expand")
        return first is not None and first[0].tag_ in ("NNS", "NNPS")  # a plural common noun
    if " " not in name and _written_together(text, name, after.split()[0]):
        return True  # "Cable and Wireless Plc" ... "Cable and Wireless said"
    return before.label == "ORG" and " " in name and " of " not in name and one_word


def _written_together(text: str, word: str, following: str) -> bool:
    """Does the article write the word only ever before "and" and the next name's first word,
    twice or more: one name ("Cable and Wireless"), not a firm of its own named beside
    another ("KeyCorp and Banc One Corp" ... "KeyCorp said")?"""
    alone = len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))
    pair = rf"(?<![\w-]){re.escape(word)} (?:and|&) {re.escape(following)}(?![\w-])"
    together = len(re.findall(pair, text))
    return together >= 2 and together == alone


def _untagged_start(doc: Doc, m: Mention, covered: list[bool]) -> int:
    """Where the firm's name starts with up to two capitalised proper nouns no name takes before
    the model's piece of one word and a legal form ("Purolator" + "Courier Corp"): not a
    month's or a weekday's name, nor a title ("Chairman"), nor in an entity of the model's;
    or with the initial joined to the piece's own ("B and W Electric Supply Co")."""
    first = doc.char_span(m.start, m.end, alignment_mode="expand")
    if first is None:
        return m.start
    i = first.start
    if i > 1 and doc[i - 1].lower_ in ("and", "&") and _initial(doc[i - 2]) and _initial(first[0]):
        return doc[i - 2].idx  # "B and W Electric Supply Co": the initials of one name
    if " " in LEGAL_SUFFIX.sub("", first.text):
        return m.start  # "Lead Underwriter Bear Stearns & Co Inc": a name of its own
    start = m.start
    while i > 0 and first.start - i < 2:
        tok = doc[i - 1]
        if covered[tok.i] or tok.ent_type_ or tok.whitespace_ != " " or tok.tag_ not in PROPER_TAGS:
            break  # a date's or a number's word, or none of a name
        if not tok.text[:1].isupper() or tok.lower_ in CALENDAR_NAMES | TITLES:
            break
        start, i = tok.idx, i - 1
    return start


def _initial(tok: Token) -> bool:
    """A capital letter standing for a name ("B", "J.")."""
    return len(tok.text.rstrip(".")) == 1 and tok.text[0].isupper()


# Legal forms common enough in English news to make a firm of an untagged run on their own
# (cleanco's list also holds words such as "Private" and "VAT" for other countries' forms).
COMMON_FORMS = re.compile(
    r"(?:Corp\.?|Corporation|Inc\.?|Incorporated|Co\.?|Cos\.?|Ltd\.?|Limited"
    r"|[Pp]lc|PLC|LLC|L\.?P\.?|AG|SA|S\.A\.|NV|N\.V\.|SpA|S\.p\.A\.|GmbH|AB|Bhd)"
)
RUN_JOINERS = frozenset({"and", "&", "of"})


def untagged_firms(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Firms' names the model tagged nothing: capitalised words up to a common legal form (see
    the module's docstring)."""
    covered: list[bool] = []
    found = []
    text = doc_text(doc)
    known = {text[m.start : m.end] for m in mentions}
    for tok in doc:
        if not COMMON_FORMS.fullmatch(tok.text) or tok.i == 0 or tok.ent_type_:
            continue
        covered = covered or taken(doc, mentions)
        if covered[tok.i]:
            continue
        start = _run_start(doc, tok.i, covered, known)
        if start < tok.i:
            end = tok.idx + len(tok.text)
            found.append(Mention(doc[start].idx, end, "ORG"))
    return mentions + found


def _run_start(doc: Doc, end: int, covered: list[bool], known: set[str]) -> int:
    """The first token of the capitalised run before token `end`, `end` itself for none; a
    run that has become a name the article tags elsewhere is that name ("Company Name Acme
    Inc" in a table: "Acme Inc")."""
    start = end
    i = end - 1
    while i >= 0 and end - i <= 6:
        tok = doc[i]
        hyphen = tok.text == "-" and not tok.whitespace_  # "Allis-Chalmers Corp"
        glued = not tok.whitespace_ and doc[i + 1].text == "-"
        if covered[i] or tok.ent_type_ or "\n" in tok.whitespace_:
            break
        if not (tok.whitespace_ or hyphen or glued):
            break
        if (tok.lower_ in RUN_JOINERS or hyphen) and i > 0 and doc[i - 1].text[:1].isupper():
            i -= 1
            continue
        if not tok.text[:1].isupper() or COMMON_FORMS.fullmatch(tok.text):
            break  # "Lac Minerals Ltd and Cambior Inc": the run ends at another firm's form
        if tok.lower_ in CALENDAR_NAMES | TITLES or tok.tag_ == "DT":
            break  # "The Dow Chemical Co": names are written without their article
        if tok.is_sent_start and tok.pos_ != "PROPN":
            break  # "Shares of ..." opening the sentence
        start, i = i, i - 1
        if doc[start : end + 1].text in known:
            break
    return start
