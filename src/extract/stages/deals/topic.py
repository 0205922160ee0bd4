"""The company an article is about, for a stake that names no company.

"In December the X Group said it had a 9.7 pct stake": a wire story about a company reports
a holder's stake without naming the company again. `unnamed_stake(noun, figure)` is True for
a stake noun sized by a percentage that names nothing it is in or of: no owner, no name
before it, no "in"/"of" phrase. `article_company(parties, avoid)` is the organisation the
article names most often (the first named of those tied), never `avoid` (the holder).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from extract.stages.deals.coref import same_party
from extract.stages.deals.parties import ORGS, Parties
from extract.stages.deals.tree import PERCENT


def unnamed_stake(noun: Token) -> bool:
    """A stake of a percentage that names no company: "had a 9.7 pct stake", "raised its stake
    to 15 pct" (its holder's own: "its" names no other company)."""
    sized = False
    for child in noun.children:
        if child.dep_ == "poss" and child.tag_ == "PRP$":
            continue  # "its stake": the holder's
        if child.dep_ in ("poss", "prep", "appos", "relcl", "acl"):
            return False  # "X's stake", "a stake in X", "a stake which ..."
        if child.pos_ == "PROPN":
            return False  # "a 9.7 pct X stake"
        sized = sized or _percent(child)
    verb = noun.head if noun.dep_ == "dobj" else None
    # "raised its stake to 15 pct": the size on the verb
    return sized or (
        verb is not None and any(_percent(c) for c in verb.children if c.dep_ == "prep")
    )


def _percent(tok: Token) -> bool:
    return any(t.lower_ in PERCENT for t in tok.subtree)


def article_company(parties: Parties, avoid: str) -> str:
    """The organisation the article names most often, other than `avoid`."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for ent in parties.entities:
        if ent.label not in ORGS:
            continue
        name = parties.name(ent)
        if not name or (avoid and same_party(name, avoid)):
            continue
        counts[name] += 1
        first.setdefault(name, ent.start)
    if not counts:
        return ""
    return min(counts, key=lambda n: (-counts[n], first[n]))
