"""Financing frames: loans and credit facilities, and funding rounds.

- A loan (type `loan`) has the lender as its actor and the borrower as its target: "X lent
  $5m to Y", "Y obtained a $100 million credit facility from X", "X extended a loan to Y". The
  verb a loan noun is the object of says which side its subject is on: a giver (provide,
  extend, grant, ...) lends, a taker (obtain, secure, receive, borrow ...) borrows; money
  a relative clause says is borrowed is the loan of whoever spends it ("he would use N dlrs
  which would be borrowed from X under a credit facility": X lends to him). "financing"
  received from X is a loan too. A loan needs both
  parties named: a company's credit line from unnamed banks is routine financing, not a deal.
- A funding round (type `investment`) has the lead investor as its actor and the company
  raising the money as its target: "Y raised $50 million in a Series B round led by X", "X led
  a $20 million round in Y". "raise" is a trigger only for money raised from investors (a
  round, a series, seed or venture money, funding, investors, "led by"): not "raised its
  stake", "raised prices" or money raised by a bond issue.
"""

from __future__ import annotations

from spacy.tokens import Token

from extract.stages.deals.frame import Frame
from extract.stages.deals.parties import Parties
from extract.stages.deals.syntax import governor, prep, subject, subject_object
from extract.stages.deals.triggers import VERB_POS, Lexicon


class Financing:
    """Reads loan and funding frames with the Doc's `Parties`."""

    def __init__(self, parties: Parties, lex: Lexicon) -> None:
        self.parties = parties
        self.lex = lex

    def loan(self, head: Token) -> Frame | None:
        parties = self.parties
        frame = Frame("loan", head, head)
        if head.pos_ in VERB_POS:  # "X lent $5m to Y"
            frame.actor = parties.actor(subject_object(head)[0])
            frame.target = parties.party(prep(head, ("to",)) or _dative(head), avoid=frame.actor)
            return frame
        lender = prep(head, ("from", "by", "with"))
        borrower = prep(head, ("to", "for"))
        if borrower is not None and not parties.party(borrower):
            borrower = None  # "financing for the transaction": what it pays for, no borrower
        verb = governor(head)
        if verb is None and head.dep_ == "pobj" and head.head.lower_ == "under":
            verb = head.head.head  # "N dlrs borrowed from X under a credit facility"
        if verb is not None and verb.lemma_.lower() in self.lex.loan_givers:
            lender = lender or subject(verb)
            borrower = borrower or prep(verb, ("to", "for")) or _dative(verb)
        elif verb is not None and verb.lemma_.lower() in self.lex.loan_takers:
            borrower = borrower or _borrower(verb)
            lender = lender or prep(verb, ("from", "with"))
        if lender is None:  # "financing for the deal from X": "from" hung further down
            lender = next((prep(t, ("from",)) for t in head.subtree if prep(t, ("from",))), None)
        frame.actor = parties.actor(lender)
        frame.target = parties.party(borrower, avoid=frame.actor)
        return frame

    def funding(self, head: Token, phrase: str) -> Frame | None:
        parties = self.parties
        frame = Frame("investment", head, head)
        if head.pos_ in VERB_POS:
            company, obj = subject_object(head)
            if phrase == "lead":  # "X led a $20 million round in Y"
                if obj is None or not self._funding(obj):
                    return None
                frame.actor = parties.actor(company)
                frame.target = parties.party(prep(obj, ("in", "for")) or prep(head, ("in",)))
                return frame
            # "Y raised $50 million in a round led by X"; not "X's investor group raised its
            # stake": the cue must be in what is raised, not in who raises it
            if not self._funding(head, besides=company):
                return None
            frame.target = parties.actor(company)
            frame.actor = parties.actor(self._lead(head))
            return frame
        if not self._funding(head):
            return None
        verb = governor(head)  # "Y closed a $50 million round led by X"
        frame.actor = parties.actor(self._lead(head))
        raiser = prep(head, ("for", "in")) or (subject(verb) if verb is not None else None)
        frame.target = parties.party(raiser, avoid=frame.actor)
        return frame

    def _funding(self, tok: Token, besides: Token | None = None) -> bool:
        """Money raised from investors: a funding word in the phrase or its clause (outside
        the phrase `besides`)."""
        skip = set(besides.subtree) if besides is not None else set()
        return any(t.lemma_.lower() in self.lex.funding_cues for t in tok.subtree if t not in skip)

    def _lead(self, tok: Token) -> Token | None:
        """Who leads the round: "led by X", else "from X"."""
        for t in tok.subtree:
            if t.lemma_.lower() == "lead" and t.pos_ in VERB_POS:
                found = prep(t, ("by",))
                if found is not None:
                    return found
        return prep(tok, ("from",))


def _dative(verb: Token) -> Token | None:
    """The indirect object: "extended Y a loan"."""
    return next((c for c in verb.children if c.dep_ == "dative"), None)


def _borrower(verb: Token) -> Token | None:
    """Who takes a loan: the taker verb's subject, or for money a relative clause says is
    borrowed, the subject of the verb that spends it ("he would use N dlrs which would be
    borrowed from X": he)."""
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    if verb.dep_ == "relcl" and passive:
        spender = governor(verb.head)
        if spender is None and verb.head.dep_ == "pobj" and verb.head.head.head.pos_ in VERB_POS:
            spender = verb.head.head.head  # "use N dlrs for the deal and N dlrs which ..."
        return subject(spender) if spender is not None else None
    return None if passive else subject(verb)
