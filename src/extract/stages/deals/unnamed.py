"""A company's own division or facility named by where it is: no business name.

`described(tok, facilities)` is True for a division, branch, operations or facility its owner
possesses ("its", "of X") whose capitalised words carry no legal form ("its Salt Lake City
Division", "its Dayton steel plate mill", "the Wallaceburg can making operations of X"): the
words say where it is or what it makes,
so the deal is over an unnamed business (its seller or buyer is the other party). A company
named before the noun ("its Mueller Brass Co unit") and a chain or brand ("seven Straw Hat
pizza restaurants": plural, unpossessed) are names.

`seller(parties, frame, asset)` is whose business a purchase of an unnamed one is from: its
owner ("bought PPG's ethylene business" is a purchase from PPG); "its" past an unnamed buyer
("an investor group agreed to buy its mill": the mill's owner is not the group); with no
owner named on it, whom it is bought from ("acquire a business from a unit of X": X) or who
owned it ("650 video centers previously owned by X": X).

`hundred_pct(tok)`: "100 pct of X" is all of X (a purchase of the company, not a stake).

`whole_self(tok, nouns)`: "the entire company", "the whole company" as what a company sells is
the seller itself (a self-sale to a buyer not named), never another company of the article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Token

from extract.stages.deals.frame import Frame
from extract.stages.deals.parties import Parties
from extract.stages.deals.syntax import prep
from extract.stages.deals.wire import legal_end

# Units of a company that take their owner's name or their place's, not a name of their own.
UNITS = frozenset({"division", "branch", "operation", "office", "store", "station"})
# Labels of a business's own name before its kind (a place says where it is: GPE, LOC).
BUSINESS_NAMES = frozenset({"ORG", "FAC"})


def described(
    tok: Token | None, facilities: Iterable[str], label: Callable[[Token], str] = lambda t: ""
) -> bool:
    """Is the word a possessed unit or facility named only by its place or trade? `label`
    gives the entities stage's label of a word: one tagged a company or a facility before
    the noun names the business ("its Dominion Bridge steel service operations")."""
    if tok is None or tok.tag_ not in ("NN", "NNP", "NNS"):
        return False
    lemma = tok.lemma_.lower()
    if lemma not in UNITS and lemma not in frozenset(facilities):
        return False
    owned = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children)
    if not owned:
        return False
    words = [t for t in tok.subtree if t.i < tok.i and t.dep_ not in ("poss", "case", "det")]
    return not any(legal_end(t.text) or label(t) in BUSINESS_NAMES for t in words)


def seller(parties: Parties, frame: Frame, asset: Token) -> str:
    """Whose unnamed business an acquisition buys (see the module docstring)."""
    if frame.type != "acquisition":
        return ""
    owner = next((c for c in asset.children if c.dep_ == "poss"), None)
    if owner is None:
        return _source(parties, frame, asset)
    if frame.actor or not parties.referents.anaphor(owner):
        return parties.party(owner, avoid=frame.actor)
    return parties.referents.owner_beyond(owner)  # an unnamed buyer does not buy its own


def _source(parties: Parties, frame: Frame, asset: Token) -> str:
    """Whom an unnamed business is bought from: "from X" ("acquire a business from a unit of
    Abex Corp": Abex) or its former owner ("650 video centers previously owned by X")."""
    owned = (c for c in asset.children if c.dep_ == "acl" and c.lemma_ == "own")
    sources = [
        prep(frame.trigger, ("from",)),
        prep(asset, ("from",)),
        *(
            prep(c, ("by",)) or next((a for a in c.children if a.dep_ == "agent"), None)
            for c in owned
        ),
    ]
    for tok in sources:
        if tok is not None and tok.dep_ == "agent":
            tok = next((c for c in tok.children if c.dep_ == "pobj"), None)
        name = parties.party(tok, avoid=frame.actor) or parties.party(
            prep(tok, ("of",)) if tok is not None else None, avoid=frame.actor
        )  # "from a unit of Abex Corp"
        if name:
            return name
    return ""


def whole_self(tok: Token, nouns: Iterable[str]) -> bool:
    """Is the word "the entire company" or the like: a company sold whole, by itself?"""
    whole = any(c.lower_ in ("entire", "whole") for c in tok.children if c.dep_ == "amod")
    return whole and tok.lemma_.lower() in frozenset(nouns)


def hundred_pct(tok: Token) -> bool:
    """Is the word "100 pct" ("100 percent", "100%"): all of a company?"""
    if tok.lower_ not in ("pct", "percent", "%", "per"):
        return False
    return any(c.dep_ == "nummod" and c.text in ("100", "one hundred") for c in tok.children)
