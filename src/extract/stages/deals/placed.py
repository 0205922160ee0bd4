"""A business named by its place, which the parser took for the object of a deal verb.

"acquired the Sarnia, Ontario, tin can making operations of X": the small model may
read the place as the object and the rest as a clause of its own ("can" a modal, "making" a
verb). `unit_after_place(obj, parties, nouns)` is the unit or asset noun the place words lead
to in word order ("operations"), when the object is a place and the words up to that noun
only describe it (places, commas, lower-case words), and the noun is someone's ("of X"):
the deal is over that business, whose owner is its seller.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from extract.stages.deals.parties import PLACES, Parties

WINDOW = 10  # words from the place to the business noun
# Words that end the place's phrase: another party or the deal's terms begin there.
STOPS = frozenset({"to", "from", "for", "by", "with", "in", "at", "said", "which", "that"})


def unit_after_place(obj: Token, parties: Parties, nouns: Iterable[str]) -> Token | None:
    """The business noun a place object describes ("the Sarnia ... operations of X")."""
    ent = parties.entity_at.get(obj.i)
    if ent is None or ent.label not in PLACES or obj.pos_ != "PROPN":
        return None
    wanted = frozenset(nouns)
    sent = obj.sent
    for tok in obj.doc[obj.i + 1 : min(obj.i + 1 + WINDOW, sent.end)]:
        if tok.lemma_.lower() in wanted and tok.tag_ in ("NN", "NNS"):
            following = tok.doc[tok.i + 1] if tok.i + 1 < sent.end else None
            return tok if following is not None and following.lower_ == "of" else None
        if tok.is_space or tok.text == ",":
            continue
        tagged = parties.entity_at.get(tok.i)
        if tok.pos_ == "PROPN" and tagged is not None and tagged.label in PLACES:
            continue  # "Sarnia, Ontario,"
        if tok.lower_ in STOPS or tok.is_punct or not tok.is_lower:
            return None
    return None
