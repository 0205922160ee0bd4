"""Clause walks of the deal parties: who a trigger verb's subject and object are.

`subject_object` finds a trigger verb's actor and object tokens (active, passive, relative,
the subject of "agreed to buy" or "said it would" followed up the tree, the owner of "Musk's
offer to buy"); `subject` the subject of a verb or of the clause it hangs from; `governor`
the verb a deal noun is the object of; `prep` the object of a preposition; `antecedent` the
speaker a pronoun subject of a reported clause stands for.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from extract.stages.deals.offers import offered_from
from extract.stages.deals.triggers import VERB_POS, infinitive, load_lexicon

PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"})
RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
SAYING = frozenset({"say", "report", "announce"})  # verbs whose clause reports the news
# Clauses whose missing subject is the subject of the clause they hang from.
SHARED_SUBJECT = frozenset({"xcomp", "conj", "advcl", "pcomp", "acl"})
# The relations from a deal noun up to the verb whose subject proposes it.
HOLDERS = frozenset({"pobj", "prep", "dobj", "attr"})


def prep(tok: Token, words: tuple[str, ...]) -> Token | None:
    """The object of the token's preposition (or passive agent) among `words`; the
    preposition itself when the parser gave it no object (a bracketed name in wire copy
    often ends the parse there: "a stake in <All Ticket Group PLC>"), for `Parties` to read
    the name after it."""
    for child in tok.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in words:
            return next((c for c in child.children if c.dep_ == "pobj"), child)
    return None


def speaker(tok: Token) -> Token | None:
    """The subject of the verb that reports the clause a word is in ("X said ...")."""
    clause = next((t for t in tok.ancestors if t.dep_ == "ccomp"), None)
    return (
        None
        if clause is None
        else next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    )


def governor(noun: Token) -> Token | None:
    """The verb a deal noun is the object of ("announced a $1 trillion investment")."""
    # "make a 21 dlr a share offer": the parser may take a price for the noun's subject and
    # the noun for a clause (ccomp)
    if noun.dep_ in ("dobj", "attr", "appos", "ccomp") and noun.head.pos_ in VERB_POS:
        # "said the purchase of X was..." is a misparse: nobody says a purchase
        return None if noun.head.lemma_ in ("say", "tell") else noun.head
    if noun.dep_ == "pobj" and noun.head.head.pos_ in VERB_POS:
        preposition = noun.head
        # "entered into a joint venture", "signed agreements with X for the sale of Y"
        if preposition.lower_ in ("in", "into", "to", "for"):
            return preposition.head
    holder = noun.head.head if noun.dep_ == "pobj" else None
    if holder is not None and holder.lemma_.lower() in load_lexicon().deal_heads:
        return governor(holder)  # "signed an agreement for the acquisition of X"
    return None


def subject_object(verb: Token) -> tuple[Token | None, Token | None]:
    """(actor token, object token) of a trigger verb, active, passive or relative."""
    children = list(verb.children)
    agent = next((c for c in children if c.dep_ == "agent"), None)
    # "the stake sold by X": a participle with an agent is passive too
    participle = verb.dep_ == "acl" and verb.tag_ == "VBN" and agent is not None
    passive = participle or any(c.dep_ in ("nsubjpass", "auxpass") for c in children)
    obj = _first(children, ("dobj", "nsubjpass"))
    if passive:
        actor = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if participle:
            obj = verb.head
        elif obj is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN":
            obj = _proposer(verb.head)  # "Acme accepted an offer to be acquired by Zenith"
        elif obj is None:  # "Piedmont agreed to be acquired by USAir"
            obj = subject(verb)
    else:
        actor = subject(verb)
    if verb.dep_ == "relcl":
        # "Arm, which SoftBank bought": the relative pronoun stands for the head noun.
        if obj is not None and obj.lower_ in RELATIVE:
            obj = relative_head(verb)
        elif actor is not None and actor.lower_ in RELATIVE:
            actor = relative_head(verb)
        elif obj is None and actor is not None:
            obj = relative_head(verb)
    return actor, obj


def relative_head(clause: Token) -> Token:
    """What a relative clause's pronoun stands for: the clause's head noun, or the name set
    beside it just before the clause, which the parser may take for an apposition of a noun
    further back ("a filing with the SEC, Acme, which holds 5 pct of X": Acme holds)."""
    head = clause.head
    names = [c for c in head.children if c.dep_ == "appos" and head.i < c.i < clause.i]
    if names and names[-1].pos_ == "PROPN":
        return names[-1]
    return head


def subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the clause or offer it hangs from ("agreed to buy")."""
    tok = verb
    for _ in range(8):
        found = _first(tok.children, SUBJECTS)
        if found is not None and found.lower_ in RELATIVE and tok.dep_ == "relcl":
            return relative_head(tok)  # "Acme, which holds a 6 pct stake in X"
        if found is not None:
            return antecedent(found)
        if tok.dep_ == "acl" or (tok.dep_ == "relcl" and infinitive(tok)):
            return _proposer(tok.head)  # "signed a deal to buy": the parser may say relcl
        taken = taken_subject(tok)
        if taken is not None:
            return taken
        sender = offered_from(tok)
        if sender is not None:  # "Y received an offer from X to buy Y": X would buy
            return sender
        to_clause = tok.dep_ == "ccomp" and any(c.lower_ == "to" for c in tok.children)
        if (tok.dep_ not in SHARED_SUBJECT and not to_clause) or tok.head == tok:
            return None  # an infinitive has no subject of its own: "allow time to complete"
        tok = tok.head
    return None


def _first(children: Iterable[Token], deps: tuple[str, ...]) -> Token | None:
    """The first child in one of the relations, a word before a bracket or a line break."""
    found = [c for c in children if c.dep_ in deps]
    return min(found, key=lambda c: (c.is_punct or c.is_space, c.i), default=None)


def antecedent(tok: Token) -> Token:
    """A pronoun subject of a reported clause ("BP said it would sell") is the speaker."""
    if tok.lower_ not in PRONOUNS:
        return tok
    verb = tok.head
    while verb.dep_ in ("ccomp", "xcomp", "conj", "advcl") and verb.head != verb:
        verb = verb.head
        found = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if found is not None and found.lower_ not in PRONOUNS:
            return found
    return tok


def _proposer(noun: Token) -> Token | None:
    """Who makes the offer, agreement or plan a deal verb hangs from: its owner ("Musk's
    offer to buy"), who it comes from ("received a proposal from BHP to buy"), else the
    subject of the verb that holds it ("X signed a letter of intent to buy Y")."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None) or _price_owner(noun)
    if owner is not None:
        return antecedent(owner)
    holder = noun
    while holder.pos_ not in VERB_POS and holder.dep_ in HOLDERS and holder.head != holder:
        holder = holder.head  # "signed a letter of intent to buy", "entered into an agreement"
    verb = holder if holder.pos_ in VERB_POS and holder != noun else None
    source = prep(noun, ("from", "by"))
    if source is None and verb is not None:
        source = prep(verb, ("from", "by"))
    if source is None and verb is not None:  # "dismissed a request by X for approval to buy"
        asked = next((c for c in verb.children if c.dep_ == "dobj" and c != noun), None)
        source = prep(asked, ("by", "from")) if asked is not None else None
    if source is not None or verb is None:
        return source
    return subject(verb)


def _price_owner(noun: Token) -> Token | None:
    """The owner of a price the parser cut off the offer after it ("her 19 dlrs a share offer
    to buy": her)."""
    if noun.left_edge.i == 0:
        return None
    price = noun.doc[noun.left_edge.i - 1]
    if not counted(price):
        return None
    return next((c for c in price.children if c.dep_ == "poss"), None)


def counted(tok: Token) -> bool:
    """Is the noun counted by a number ("46 dlrs", "1.2 mln shares")?"""
    return any(c.dep_ == "nummod" and c.like_num for c in tok.children)


def taken_subject(verb: Token) -> Token | None:
    """The subject the parser took for the object of the verb that reports the clause ("X
    said its largest holder, Y, raised its stake": "holder" hung on "said"; "X said Y, seeking
    to diversify, invested"). Not after "tell", whose object is the one told."""
    if verb.dep_ not in ("ccomp", "advcl") or verb.head.lemma_ not in SAYING:
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
