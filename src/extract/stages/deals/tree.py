"""Parse-tree walks of the deal frames: a deal the accounts report; the "to X", "of X" and
"by X" the parser hung away from the word they belong to; share classes, subjects and
conjuncts."""

from __future__ import annotations

from spacy.tokens import Token

from extract.stages.deals import triggers
from extract.stages.deals.parties import prep


def accounted(noun: Token, results: frozenset[str]) -> bool:
    """Is the deal noun what a gain, loss or charge came from ("a gain of $12m on the sale of its
    stake", "losses on disposition of X"), or what such a deal was of ("its
    stake" there)?"""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("on", "from", "of"):
        return False
    owner = noun.head.head
    if noun.head.lower_ == "of" and owner.pos_ == "NOUN" and accounted(owner, results):
        return True
    holder = noun.head.head
    for _ in range(3):  # "a gain of $12m on the sale": up through the amount
        if holder.lemma_.lower() in results:
            return True
        if holder.pos_ in triggers.VERB_POS or holder.head == holder:
            return False
        holder = holder.head
    return False


def to_after(tok: Token) -> Token | None:
    """The object of the first "to" after a token in its sentence, wherever the parser hung
    it ("sell 1.2 mln new shares, or a 20 pct interest, to Y")."""
    to = next((t for t in tok.sent if t.i > tok.i and t.lower_ == "to" and t.dep_ == "prep"), None)
    return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None


def of_after(noun: Token) -> Token | None:
    """ "of X" hung on another prepositional object of the noun: "the sale to Comsat of
    Holiday's interest"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ != "of":
            found = next((prep(c, ("of",)) for c in child.children if c.dep_ == "pobj"), None)
            if found is not None:
                return found
    return None


def agent_within(tok: Token | None) -> Token | None:
    """The first "by X" below a token."""
    if tok is None:
        return None
    found = next((t for t in tok.subtree if t.lower_ == "by" and t.dep_ in ("prep", "agent")), None)
    return next((c for c in found.children if c.dep_ == "pobj"), None) if found else None


def share_class(tok: Token) -> bool:
    """ "Class B", "Series A": a kind of share, not the company whose shares they are."""
    words = {tok.lower_} | {c.lower_ for c in tok.children if c.dep_ == "compound"}
    return bool(words & {"class", "series"}) or (len(tok.text) == 1 and tok.text.isupper())


def first_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def conjuncts(tok: Token) -> list[Token]:
    """The words coordinated with `tok`, however deep the parser chained them."""
    return [t for t in tok.subtree if t.dep_ == "conj" and t != tok]
