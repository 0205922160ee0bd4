"""The lead sentence's deal when the parse gives no frame for it.

Newswire puts the deal in its first sentence, in a few set forms ("X said it agreed to
acquire Y", "X said it sold its unit to Y"), and that is where wire copy trips the parser most
(bracketed names, names cut by line ends). When the first sentence has an unhedged trigger of
a business deal (acquisition, merger, stake, divestment, joint venture) and no frame, the deal
is read off the word order: the actor is the subject of the trigger's clause (or of the
sentence), the target the first company named after the trigger. Both must be names the
entities stage or the wire's brackets mark (or an anaphor, for the actor), and the trigger a
verb or the object or subject of one ("completed the acquisition of", not "a gain from the
sale of"). A percentage, shares or a stake between them make a purchase a stake. Only the
first sentence is read this way: later sentences name other companies too freely for word
order to say who does what.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from extract.stages.deals import triggers
from extract.stages.deals.coref import same_party
from extract.stages.deals.frame import Frame
from extract.stages.deals.parties import SUBJECTS, Parties, governor, subject

if TYPE_CHECKING:
    from extract.stages.deals.frames import Reader

BUSINESS = frozenset({"acquisition", "merger", "stake", "divestment", "joint_venture"})
PART_WORDS = frozenset({"%", "percent", "pct", "share", "stake", "interest"})
ARGUMENTS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})  # "completed the acquisition of"


def lead_frame(reader: Reader, sent: Span) -> Frame | None:
    """The first sentence's deal read off its word order, or None."""
    lex, parties = reader.lex, reader.parties
    if sent.root.pos_ not in triggers.VERB_POS:
        return None  # a table line ("Shr 41 cts vs 38 cts"), no report
    for head, phrase in triggers.find(sent):
        kind = lex.verbs.get(phrase) or lex.nouns.get(phrase)
        if kind not in BUSINESS or parties.in_name(head) or triggers.hedged(head, lex):
            continue
        if head.pos_ not in triggers.VERB_POS and head.dep_ not in ARGUMENTS:
            continue  # "a gain from the sale of": a deal the report accounts for, not reports
        if head.pos_ in triggers.VERB_POS and phrase in lex.offers:
            continue  # "paid a stock distribution": a bid needs its "for X"
        if kind == "stake" and head.tag_ == "VBN":
            continue  # "99 pct owned by X": a subsidiary described
        if phrase in lex.singular_only and head.lower_ != head.lemma_.lower():
            continue  # "sales" are revenue
        clause = head if head.pos_ in triggers.VERB_POS else governor(head) or head
        speaker = subject(clause) or next(
            (c for c in sent.root.children if c.dep_ in SUBJECTS), None
        )
        named = speaker is not None and any(_named(parties, t) for t in speaker.subtree)
        actor = parties.actor(speaker) if named else ""
        if not actor:
            continue
        between = []
        for tok in sent[head.i + 1 - sent.start :]:
            between.append(tok.lemma_.lower())
            if tok.is_space or tok.is_punct or reader.slots.figure(tok) or parties.ticker(tok):
                continue
            name = parties.company(tok) if _named(parties, tok) else ""
            if name and not same_party(name, actor):
                frame = Frame(kind, head, head, actor, name)
                if _passive(head):  # "Y was acquired by X", "40 pct owned by X"
                    frame.actor, frame.target = name, actor
                if kind == "acquisition" and PART_WORDS & set(between):
                    frame.type = "stake"
                return frame
    return None


def _named(parties: Parties, tok: Token) -> bool:
    """A word the entities stage or the wire's brackets mark as a name, or an anaphor: word
    order alone does not make a capitalised word a company ("Avg shrs", "Note")."""
    return (
        tok.i in parties.entity_at or bool(parties.bracketed(tok)) or parties.referents.anaphor(tok)
    )


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in verb.children)
