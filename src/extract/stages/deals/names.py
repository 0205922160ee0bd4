"""Party names: who a phrase names where the parse or the entities stage leave it open or
wrong, and when two names in one article are one party.

- `firm_of_person`: a person named with the company they speak for is that company when a
  company is meant ("Acme Corp treasurer Jane Roe said the company hoped ...": Acme; "Acme
  Chairman John Doe said Acme would buy ...");
- `without_owner`: a company's name the entities stage ran together with the possessive of a
  person the article names ("Smith's Northern Gas Pipelines" -> "Northern Gas Pipelines");
- `bracketed_after`: the bracketed name a comma sets after a common noun in wire copy, which
  the parser leaves out of the phrase ("bought 49 pct of another ailing bank, <Acme Bank
  Bhd>,");
- `fuller_names`: a company's short name written as the end of its full name ("Disney" for
  "Walt Disney") or as a distinctive word inside it ("TVX" for "Consolidated TVX Mining") is
  that full name, as the entities stage names a full name's leading words;
- `group_named_later`: a group the phrase leaves unnamed is named by the member or leader the
  article gives it later ("the group, led by Acme Corp, said ...");
- `commentator`: an analyst, adviser or spokesman is no party to the deal they talk about;
- `spelled_out`: an acronym the entities stage names a company by -> the name it stands for
  in the article;
- `one_party`: two names one party goes by in an article: one the other's leading words
  ("Conagra", "Conagra Inc"), an acronym of the other's words ("TWA", "Trans World
  Airlines"), or the other's distinctive last word(s) ("Kodak", "Eastman Kodak"; never a
  generic word such as "Airlines" or "Group", which many names end with).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from extract.stages.deals.coref import initials, same_party
from extract.stages.deals.triggers import load_lexicon
from extract.stages.entities.evidence import heads_data
from extract.stages.entities.mention import legal_form, strip_legal

ORG_LABELS = frozenset({"ORG", "WORK_OF_ART"})
# Words between a company and the person speaking for it: titles ("treasurer", "Chairman",
# "vice president"), none of them names.
TITLE_GAP = 4


def firm_of_person(tok: Token, person: Span | None, entity_at: dict[int, Any]) -> Any | None:
    """The organisation entity a person's phrase names right before the person's title
    ("Baker Corp treasurer Eric Roe", "Exco Chairman Richard Lacy"), or None. `tok` is the
    person's head, with `person` the person's entity span, or the title before the name
    when the parse heads the phrase there ("treasurer" of "Baker Corp treasurer Eric Roe")."""
    ent = entity_at.get(tok.i)
    if ent is None and tok.pos_ == "NOUN":  # the title heads the phrase
        if not any(c.dep_ in ("appos", "compound") and c.i > tok.i for c in tok.children):
            return None
        person = tok.doc[tok.i + 1 : tok.i + 2]
    elif ent is None or ent.label != "PERSON" or person is None:
        return None
    if person.start == 0:
        return None
    subtree = {t.i for t in tok.subtree}
    gap = 0
    i = person.start - 1
    while i >= 0 and gap <= TITLE_GAP:
        word = tok.doc[i]
        ent = entity_at.get(i)
        if ent is not None:
            if ent.label in ORG_LABELS and gap > 0 and i in subtree:
                return ent
            return None
        if not word.is_alpha or word.is_sent_start or word.pos_ in ("VERB", "AUX", "ADP"):
            return None  # "said", "of", a comma: the company is not the person's
        gap += 1
        i -= 1
    return None


def without_owner(name: str, people: Iterable[str]) -> str:
    """The name with a person's possessive cut off its front ("Icahn's X Corp" -> "X Corp"),
    when the part before "'s" is (the surname of) a person the article names."""
    for mark in ("'s ", "’s "):
        owner, found, rest = name.partition(mark)
        if not found or not rest[:1].isupper() or " " in owner.strip():
            continue
        surnames = {p.split()[-1].lower() for p in people if p.split()}
        if owner.strip().lower() in surnames:
            return rest
    return name


def one_party(a: str, b: str) -> bool:
    """Are two names, both given, one party (see the module docstring)?"""
    if not a or not b:
        return False
    if same_party(a, b):
        return True
    return _tail_of(a, b) or _tail_of(b, a)


def _tail_of(short: str, long: str) -> bool:
    """Is `short` the distinctive end of `long` ("Kodak" of "Eastman Kodak")?"""
    words, full = short.split(), long.split()
    if not words or len(words) >= len(full) or full[-len(words) :] != words:
        return False
    return _distinctive(words[-1])


def _distinctive(word: str) -> bool:
    """Can the word tell a name apart: capitalised, no legal form, and not a generic company
    word that ends many names ("Airlines", "Group", "Industries", "Bank")?"""
    return word[:1].isupper() and not legal_form(word) and not _generic(word)


def _generic(word: str) -> bool:
    """A word that heads many names: an organisation's or place's head word of the entities
    stage ("Airlines", "Group", "Bank"), a noun the deals lexicon reads ("company", "unit")."""
    lowered = word.lower()
    return lowered in _generic_words() or lowered.rstrip("s") in _generic_words()


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    lex = load_lexicon()
    data = heads_data()
    words = set(data["organisation"]) | set(data["place"]) | set(data.get("generic", []))
    words |= set(data["before"]["organisation"]) | set(data["apposition_organisation"])
    lowered = {w.lower() for w in words}
    return frozenset(lowered | lex.anaphor_nouns | lex.asset_nouns | lex.legal_suffixes)


def bracketed_after(tok: Token, wire: dict[int, str]) -> str:
    """The bracketed name right after a common noun and a comma, which the parser often
    leaves out of the phrase in wire copy: "a stake in another ailing bank, <Acme Bank Bhd>,"
    names Acme Bank."""
    if tok.pos_ != "NOUN" or max(t.i for t in tok.subtree) != tok.i:
        return ""
    doc = tok.doc
    after = [t for t in doc[tok.i + 1 : tok.i + 4] if not t.is_space]
    if len(after) < 2 or after[0].text != "," or after[1].text not in ("<", "("):
        return ""
    inside = next((t for t in doc[after[1].i + 1 : after[1].i + 4] if t.i in wire), None)
    return wire[inside.i] if inside is not None else ""


def fuller_names(names: Iterable[str]) -> dict[str, str]:
    """Each organisation name that is the distinctive end of a longer one named in the same
    article -> that longer name ("Disney" -> "Walt Disney", "Kodak" -> "Eastman Kodak"), as
    the entities stage gives a name's leading words the full name."""
    names = set(names)
    found: dict[str, str] = {}
    for short in names:
        longer = [n for n in names if _tail_of(short, n) or _inside(short, n)]
        if longer:
            found[short] = max(longer, key=len)
    return found


def _inside(short: str, long: str) -> bool:
    """Is `short` a distinctive word or words inside `long`, neither its leading nor its last
    words ("TVX" of "Consolidated TVX Mining")?"""
    words, full = short.split(), long.split()
    n = len(words)
    if not words or not _distinctive(words[-1]):
        return False
    return any(full[i : i + n] == words for i in range(1, len(full) - n))


# Verbs that name a group by its members or leader: "a group led by X", "which includes X".
MEMBERSHIP = frozenset({"lead", "head", "include", "comprise"})


def group_named_later(tok: Token, nouns: frozenset[str], name_in: Any, party: Any) -> str:
    """The member or leader that names a group the phrase leaves unnamed, here or later in the
    article ("an investor group he heads", "A group of firms said ..." ... "the group, led by
    Acme Corp, said ..."); `name_in(token)` names what a clause names and `party(token)` what
    a word stands for ("he"), "" for none."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or lemma not in nouns:
        return ""
    for later in tok.doc[tok.i :]:
        if later.lemma_.lower() != lemma or later.pos_ != "NOUN":
            continue
        for clause in later.children:
            if clause.dep_ in ("acl", "relcl") and clause.lemma_.lower() in MEMBERSHIP:
                # "the group he heads": the clause's own subject; "led by X": what it names
                leader = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                if leader is not None and leader.tag_ not in ("WDT", "WP"):
                    named = party(leader)
                else:
                    named = name_in(clause)
                if named:
                    return named
    return ""


# People who comment on a deal or speak for a party, never a party themselves; a spokesman
# speaks for the company named with them ("Acme spokesman John Doe").
COMMENTATORS = frozenset(
    """analyst economist strategist attorney lawyer counsel adviser advisor consultant
    spokesman spokeswoman spokesperson""".split()
)
SPEAKERS = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def commentator(tok: Token) -> str:
    """The role of a person who is an analyst, adviser or spokesman ("said Jane Roe, an
    analyst at X", "spokesman John Doe"), else "": no party to the deal they talk about."""
    roles = [c for c in tok.children if c.dep_ in ("appos", "compound", "amod")]
    return next((c.lemma_.lower() for c in roles if c.lemma_.lower() in COMMENTATORS), "")


def spelled_out(entities: Iterable[Any]) -> dict[str, str]:
    """An acronym the entities stage names a company by -> the name it stands for in the
    article ("CGCT" -> "Cie Generale de Constructions Telephoniques"): the longest
    organisation named there whose words it is the initials of."""
    orgs = [e for e in entities if e.label == "ORG"]
    acronyms = {e.canonical for e in orgs if e.canonical.isupper() and " " not in e.canonical}
    found: dict[str, str] = {}
    for ent in orgs:
        full = strip_legal(" ".join(ent.text.split()))
        for acronym in acronyms:
            if initials(acronym, full.lower().split()) and len(full) > len(found.get(acronym, "")):
                found[acronym] = full
    return found
