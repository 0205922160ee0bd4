"""Bid frames: offers for a company or its shares, read off the parse around the bid.

- a bid made ("X made a tender offer for Y", "offered 65 dlrs a share for Y", "a bid of $31 a
  share for all of Y's stock"): the bidder is the subject, owner, "by" or "from" party; a bid
  for part of the shares is a stake ("an offer for 49 pct of Y");
- a bid received, weighed or rejected ("Y received a takeover proposal from X", "Y's board is
  studying the offer from X", "Y's board met to consider X's offer", "Y's directors reviewed
  a X merger proposal", "met to review the proposal which Y received from X"): the receiver is
  the target, the bidder "from X", "by X", its owner or the name before it; a price the
  parser took for the head ("received X's 46 dlrs a share acquisition proposal") lends the bid
  its owner and verb;
- a deal noun heading a bid ("a merger offer from X", "made a merger proposal to Y");
- a bid for a price only ("Y said it will respond to the bid by X for 22 dlrs a share"):
  the subject of the sentence that reports it, when not the bidder, is its target;
- a company joining another ("Y agreed to become a wholly owned subsidiary of X"; "X said Y
  became a wholly owned subsidiary": X's).

`Bids` is a part of `frames.Reader`: it reads with the reader's parties, lexicon and slots.
"""

from __future__ import annotations

from spacy.tokens import Token

from extract.stages.deals import triggers
from extract.stages.deals.coref import same_party
from extract.stages.deals.frame import Frame
from extract.stages.deals.syntax import RELATIVE, counted, governor, prep, subject_object
from extract.stages.deals.tree import PERCENT, first_subject


class Bids:
    """The bid frames of `frames.Reader` (a mixin: `parties`, `lex`, `slots`, `_company_of`
    and `_noun_actor` are the reader's)."""

    def _offer(self, head: Token) -> Frame | None:
        """A bid for a company or its shares ("made a tender offer for X", "offered 65 dlrs
        a share for X"): the bidder is the subject, owner, "by" or "from" party."""
        if head.dep_ == "compound" and head.head.lemma_.lower() not in self.lex.deal_heads:
            return None  # "offer price"
        frame = Frame("acquisition", head, head)
        if head.pos_ in triggers.VERB_POS:
            frame.actor = self.parties.actor(subject_object(head)[0])
        else:
            frame.actor = self.parties.actor(self._noun_actor(head, head, ("by", "from")))
        wanted = self._bid_for(head)
        if wanted is None and self._received(frame, head):
            return frame
        if wanted is None:
            # "Acme, which became the target of a hostile bid by Zenith"
            of = head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
            if of is not None and of.head.lemma_.lower() == "target":
                if not frame.actor:  # the parser may hang "by X" on "target"
                    frame.actor = self.parties.actor(prep(of.head, ("by",)))
                frame.target = self.parties.party(of.head, avoid=frame.actor)
            return frame if frame.target else None
        if self._price_only(wanted) and frame.actor:
            # "in response to the bid by X for 22 dlrs a share": a price is all it is for
            frame.target = self._answering(head, frame.actor)
            return frame if frame.target else None
        company, whole = self._company_of(wanted)
        if company is not None and not whole and not self._control(wanted):
            frame.type = "stake"  # "an offer for 49 pct of Canadian Tire"
        frame.target = self.parties.party(company or wanted, avoid=frame.actor)
        return frame if frame.target else None

    def _price_only(self, tok: Token) -> bool:
        """A price with nothing named ("22 dlrs a share"), not shares or a part of a company
        ("5 mln shares", "49 pct")."""
        lex = self.lex
        price = self.slots.figure(tok) or counted(tok)
        words = lex.share_words | lex.partitives | PERCENT
        named = any(t.pos_ == "PROPN" or t.dep_ == "poss" for t in tok.subtree)
        return price and tok.lemma_.lower() not in words and tok.lower_ not in words and not named

    def _answering(self, bid: Token, bidder: str) -> str:
        """The company a bid for a price only is for: the subject of the sentence that
        reports it, when that is not the bidder ("Y said it will respond to the bid by X for
        22 dlrs a share": Y)."""
        receiver = first_subject(bid.sent.root)
        if receiver is None or bid in receiver.subtree:
            return ""
        name = self.parties.party(receiver, avoid=bidder)
        return "" if not name or same_party(name, bidder) else name

    def _received(self, frame: Frame, offer: Token) -> bool:
        """An offer its target received, accepted, weighs or rejected ("Acme received a takeover
        proposal from Zenith", "the proposal which Acme received from Zenith", "Acme's board
        is studying the offer from Zenith"): the receiver is the target, "from X" the bidder.
        Fills the frame; True if both are named."""
        # the board weighing an offer from X is its target too
        takers = self.lex.receivers | self.lex.weighing | self.lex.refusers
        price = self._price_over(offer)
        verbs = [
            governor(offer) or (governor(price) if price is not None else None),
            next((c for c in offer.children if c.dep_ == "relcl"), None),
        ]
        # "met to review the proposal which it received from X": either verb may name them
        for verb in verbs:
            if verb is not None and verb.lemma_.lower() in takers:
                if self._taken(frame, offer, price, verb):
                    return True
        return False

    def _taken(self, frame: Frame, offer: Token, price: Token | None, verb: Token) -> bool:
        """Fills the frame with the receiver of an offer (the subject of `verb`) and its
        bidder; True if both are named."""
        receiver = first_subject(verb)
        if receiver is None and verb.dep_ in ("conj", "xcomp", "advcl"):
            # "it received and rejected an offer from X", "its board met to consider X's offer"
            receiver = first_subject(verb.head)
        if receiver is None or receiver.lower_ in RELATIVE:
            return False  # "the offer that was received": no receiver named
        owners = [*offer.children, *(price.children if price is not None else ())]
        owner = next((c for c in owners if c.dep_ == "poss"), None)  # "X's proposal"
        # "reviewed a Chrysler Corp merger proposal": a name before the offer is its bidder
        named = next((c for c in offer.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
        bidder = prep(offer, ("from", "by")) or prep(verb, ("from",)) or owner or named
        frame.actor = self.parties.actor(bidder)
        frame.target = self.parties.party(receiver, avoid=frame.actor)
        return bool(frame.actor and frame.target)

    def _bid(self, frame: Frame, bid: Token, bidder: Token | None) -> bool:
        """A deal noun heading a bid: the offer its target received ("Y rejected a merger offer
        from X") or made to it ("X made a merger proposal to Y"). Fills the frame; True if
        both parties are named."""
        if self._received(frame, bid):
            return True
        verb = governor(bid)
        to = prep(bid, ("to",)) or (prep(verb, ("to",)) if verb is not None else None)
        if to is None:
            return False
        frame.actor = self.parties.actor(bidder)
        frame.target = self.parties.party(to, avoid=frame.actor)
        return bool(frame.actor and frame.target)

    def _joins(self, verb: Token) -> Frame | None:
        """ "Y agreed to become a wholly owned subsidiary of X": X acquires Y."""
        role = next((c for c in verb.children if c.dep_ in ("attr", "dobj", "oprd")), None)
        if role is None or role.lemma_.lower() not in self.lex.member_nouns:
            return None
        frame = Frame("acquisition", verb, verb)
        # "X said Y became a wholly owned subsidiary": of X, who reports it
        reporter = first_subject(verb.head) if verb.dep_ == "ccomp" else None
        frame.actor = self.parties.party(prep(role, ("of",)) or reporter)
        frame.target = self.parties.actor(subject_object(verb)[0])
        return frame

    def _price_over(self, noun: Token) -> Token | None:
        """The price a deal noun hangs under when the parser took the price for the phrase's
        head ("GAF's 46 dlrs a share acquisition proposal", "Stone's 32.25 dlr per share
        acquisition of Y"): its owner and its verb are the deal's."""
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "per":
            head = head.head  # "32.25 dlr per share acquisition"
        elif noun.dep_ != "appos":
            # "received X's 46 dlrs a share acquisition proposal": price and noun taken for
            # two objects of the verb, the price right before the noun's phrase
            head = next(
                (c for c in noun.head.children if c.right_edge.i + 1 == noun.left_edge.i), noun
            )
        priced = counted(head) or self.slots.figure(head)  # "46 dlrs"
        return head if head is not noun and priced else None

    def _bid_for(self, head: Token) -> Token | None:
        """What a bid is for: "for X" on the bid, right after it on its verb, or on its price
        ("a bid of $31 a share for all of X's stock")."""
        found = prep(head, ("for",))
        if found is not None:
            return found
        if head.dep_ == "dobj":  # "to enjoin X's tender offer for Y": "for" hung on the verb
            right_after = head.right_edge.i + 1
            for c in head.head.children:
                if c.dep_ == "prep" and c.lower_ == "for" and c.i == right_after:
                    return next((o for o in c.children if o.dep_ == "pobj"), c)
        # "a $12 per share tender offer for X": the parser may hang "for" on the price
        for price in list(head.ancestors)[:3]:
            # "its 18.25 dlr per share tender offer for X": a count of dollars is a price too
            if self.slots.figure(price) or price.lemma_ == "share" or counted(price):
                found = prep(price, ("for",))
                if found is not None:
                    return found
        for tok in head.subtree:
            if tok.lower_ == "for" and tok.dep_ == "prep" and self.slots.figure(tok.head):
                return prep(tok.head, ("for",))
            if tok.lower_ == "for" and tok.dep_ == "prep" and tok.head.lemma_ == "share":
                return prep(tok.head, ("for",))
        return None

    def _control(self, tok: Token) -> bool:
        """Shares without a percentage: a bid for control ("an offer for X's stock", "a
        tender offer for up to 2.5 mln shares of X": a count is the size of the bid, which
        buys from the public; "an offer for 49 pct of X" is for a stake)."""
        return not any(t.lower_ in PERCENT for t in tok.subtree)
