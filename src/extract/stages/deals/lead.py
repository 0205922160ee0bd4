"""The lead sentence's deal when the parse gives no frame for it.

Newswire puts the deal in its first sentence, in a few set forms ("X said it agreed to
acquire Y", "X said it sold its unit to Y"), and that is where wire copy trips the parser most
(bracketed names, names cut by line ends). When the first sentence has a trigger of
a business deal (acquisition, merger, stake, divestment, joint venture) and no frame, the deal
is read off the word order: the actor is the subject of the trigger's clause (or of the
sentence), the target the first company named after the trigger. Both must be names the
entities stage or the wire's brackets mark (or an anaphor, for the actor), and the trigger a
verb or the object or subject of one ("completed the acquisition of", not "a gain from the
sale of"). A percentage, shares or a stake between them make a purchase a stake. Only the
first two sentences (`deals.LEAD`) are read this way: later sentences name other companies
too freely for word order to say who does what. A hedged trigger gives a proposed deal, a
denied one none, as `triggers.status` tells for every frame ("X said it is in talks to acquire
Y"); a hedged one only in the article's very first sentence, in the clause the sentence
asserts ("a group which once sought control of X" describes the group), and a deal reported
as done comes first.

Two set forms say a deal without a frame's trigger: a bid read off the shares it drew ("N
shares of Y were tendered under its offer", "90 pct of Y's stock was deposited under X's bid":
X, the offer's owner or the speaker, bids for Y), and a stake said with "have" ("X has 5.1
pct of Y", "X HAS 94 PCT OF Y" in a headline). "hold" and "own" make a stake only of a part of
a company or a name ("is holding discussions with Y" is none).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from extract.stages.deals import triggers
from extract.stages.deals.coref import same_party
from extract.stages.deals.frame import Frame
from extract.stages.deals.parties import Parties
from extract.stages.deals.placed import unit_after_place
from extract.stages.deals.syntax import SUBJECTS, governor, prep, subject, subject_object
from extract.stages.deals.tree import PERCENT

if TYPE_CHECKING:
    from extract.stages.deals.frames import Reader

BUSINESS = frozenset({"acquisition", "merger", "stake", "divestment", "joint_venture"})
PART_WORDS = PERCENT | {"share", "stake", "interest"}
TENDERING = frozenset({"tender", "deposit"})  # shares tendered under an offer
ARGUMENTS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})  # "completed the acquisition of"
DESCRIBING = frozenset({"relcl", "advcl", "appos", "parataxis", "csubj"})


def lead_frame(reader: Reader, sent: Span) -> Frame | None:
    """The first sentence's deal read off its word order, or None."""
    lex, parties = reader.lex, reader.parties
    if sent.root.pos_ not in triggers.VERB_POS:
        return None  # a table line ("Shr 41 cts vs 38 cts"), no report
    hedged: Frame | None = None
    for head, phrase in triggers.find(sent, reader.words):
        kind = lex.verbs.get(phrase) or lex.nouns.get(phrase)
        if kind not in BUSINESS or parties.in_name(head):
            continue
        status = triggers.status(head, lex)
        if status is None:
            continue  # denied: "did not buy"
        if status != triggers.ANNOUNCED and not (sent.start == 0 and _asserted(head)):
            continue  # a hedged deal is read off the order of the article's very lead only
        if phrase in lex.offers and head.pos_ not in triggers.VERB_POS:
            tender = _tendered(reader, head, sent)
            if tender is not None and status == triggers.ANNOUNCED:
                return tender
        if head.pos_ not in triggers.VERB_POS and head.dep_ not in ARGUMENTS:
            continue  # "a gain from the sale of": a deal the report accounts for, not reports
        if head.pos_ in triggers.VERB_POS and phrase in lex.offers:
            continue  # "paid a stock distribution": a bid needs its "for X"
        if head.pos_ in triggers.VERB_POS and reader.goods(subject_object(head)[1]):
            continue  # "sold 1.5 million cars there": no business
        if kind == "stake" and head.tag_ == "VBN":
            continue  # "99 pct owned by X": a subsidiary described
        if kind == "stake" and head.pos_ in triggers.VERB_POS and not _holds_part(reader, head):
            continue  # "is holding discussions", "properties it owns": no part of a company
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
            if unit_after_place(tok, parties, lex.asset_nouns) is not None:
                continue  # "the Hamilton, Ontario, can operations of Y": Y's business
            name = parties.company(tok) if _named(parties, tok) else ""
            if name and not same_party(name, actor):
                frame = Frame(kind, head, head, actor, name, status=status)
                # "Y was acquired by X", "40 pct owned by X", "Y said the bid by X was low"
                if _passive(head) or _by(head, tok):
                    frame.actor, frame.target = name, actor
                if kind == "acquisition" and PART_WORDS & set(between):
                    frame.type = "stake"
                if status == triggers.ANNOUNCED:
                    return frame
                hedged = hedged or frame  # a deal reported as done comes first
                break
    return hedged or _holding(reader, sent)


def _holding(reader: Reader, sent: Span) -> Frame | None:
    """A stake held, said with "have": "X has 5.1 pct of Y", "X has 94 pct of Y's shares" (a
    percentage "of" a company named; "own" and "hold" are triggers of their own)."""
    parties = reader.parties
    for verb in sent:
        if verb.lemma_.lower() != "have" or verb.pos_ not in triggers.VERB_POS:
            continue
        part = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if part is None or part.lemma_.lower() not in PERCENT:
            continue
        whole = prep(part, ("of",))
        if whole is None or triggers.status(verb, reader.lex) != triggers.ANNOUNCED:
            continue
        named = [t for t in whole.subtree if _named(parties, t) and not parties.ticker(t)]
        holder = subject(verb)
        actor = parties.actor(holder) if holder is not None else ""
        target = parties.company(named[0]) if named else ""
        if actor and target and not same_party(actor, target):
            return Frame("stake", verb, verb, actor, target)
    return None


def _holds_part(reader: Reader, verb: Token) -> bool:
    """Is what a holding verb holds a part of a company: a percentage, shares, a stake or a
    name ("holds 5 pct of Y", "owns <Y>"), not talks or property ("is holding discussions
    with Y", "properties it owns in Y")? The noun a relative clause hangs from is its object."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None)
    if obj is None and verb.dep_ == "relcl":
        obj = verb.head
    if obj is None:
        return True  # the parser lost the object: the name after the verb may be it
    words = PART_WORDS | reader.lex.share_words | reader.lex.stake_nouns
    return bool(
        obj.lemma_.lower() in words
        or reader.slots.figure(obj)
        or obj.i in reader.parties.entity_at
        or reader.parties.bracketed(obj)
    )


def _tendered(reader: Reader, offer: Token, sent: Span) -> Frame | None:
    """A bid read off the shares it drew: "N shares of Y were tendered under X's offer", "90
    pct of Y's stock was deposited under its bid" (X bids for Y). The bidder
    is the offer's owner, or whom it is from, else the sentence's speaker; Y is the company
    named with the shares tendered."""
    parties = reader.parties
    verb = next((a for a in offer.ancestors if a.pos_ in triggers.VERB_POS), None)
    if verb is None or verb.lemma_.lower() not in TENDERING:
        return None
    shares = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if shares is None or not PART_WORDS & {t.lemma_.lower() for t in shares.subtree}:
        return None
    speaker = next((c for c in sent.root.children if c.dep_ in SUBJECTS), None)
    bidder = next((c for c in offer.children if c.dep_ == "poss"), None)
    if bidder is not None and bidder.pos_ == "PRON":
        bidder = speaker  # "X said ... under its offer": the speaker's own
    bidder = bidder or prep(offer, ("by", "from")) or speaker
    actor = parties.actor(bidder) if bidder is not None else ""
    for tok in shares.subtree:
        if reader.slots.figure(tok) or parties.ticker(tok) or not _named(parties, tok):
            continue
        target = parties.company(tok)
        if actor and target and not same_party(target, actor):
            return Frame("acquisition", offer, offer, actor, target)
    return None


def _named(parties: Parties, tok: Token) -> bool:
    """A word the entities stage or the wire's brackets mark as a name, or an anaphor: word
    order alone does not make a capitalised word a company ("Avg shrs", "Note")."""
    return (
        tok.i in parties.entity_at or bool(parties.bracketed(tok)) or parties.referents.anaphor(tok)
    )


def _asserted(tok: Token) -> bool:
    """Is the word in the clause the sentence asserts, not in one that describes a party or
    a circumstance ("a group which once sought control of X", "after it opposed the bid")?"""
    return not any(t.dep_ in DESCRIBING for t in (tok, *tok.ancestors))


def _by(noun: Token, name: Token) -> bool:
    """Is the name in the "by" phrase of a deal noun: its maker ("the bid by X")?"""
    if noun.pos_ in triggers.VERB_POS:
        return False
    return any(
        c.dep_ in ("agent", "prep") and c.lower_ == "by" and name in c.subtree
        for c in noun.children
    )


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in verb.children)
