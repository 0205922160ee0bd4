"""Offers an infinitive completes: who would buy in "Y received an offer from X to buy Y".

`offered_from(verb)` is the sender X of the offer a trigger verb's infinitive hangs from, when
the verb above it receives the offer ("received an offer from X to buy", "an offer it received
from X to buy": X, not the receiver, would buy), else None.
"""

from __future__ import annotations

from spacy.tokens import Token

from extract.stages.deals.triggers import VERB_POS, load_lexicon


def offered_from(tok: Token) -> Token | None:
    """The sender of an offer an infinitive completes: "Y received an offer from X to buy Y",
    "an offer it received from X to buy Y" (X, not the receiver, would buy)."""
    if tok.dep_ not in ("advcl", "xcomp") or not any(c.lower_ == "to" for c in tok.children):
        return None
    verb = tok.head
    if verb.pos_ not in VERB_POS or verb.lemma_.lower() not in load_lexicon().receivers:
        return None
    source = _from(verb)
    if source is None:  # "received an offer from X to buy": "from" on the offer
        offer = next((c for c in verb.children if c.dep_ == "dobj"), None)
        source = _from(offer) if offer is not None else None
    return source


def _from(tok: Token) -> Token | None:
    """The object of a "from" phrase on the word."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None
