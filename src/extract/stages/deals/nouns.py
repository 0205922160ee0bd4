"""Noun frames: deals read off a deal noun and the parse around it ("X's $1bn investment in
Y", "the merger of X and Y", "a stake in Y").

- the actor: "by X" (hung on the noun, the phrase it heads, or the verb it is the object of),
  its owner ("X's purchase", "its offer"), else the subject of that verb ("X completed the
  purchase of Y"); a deal noun heading a bid is read as the bid (see `bids`);
- an acquisition or divestment is of a part of a company (a stake: "the acquisition of 83 pct
  of Y's shares"), a stake, a named company, or an unnamed business (then, for a sale, its
  buyer: "the sale of its unit to X"); with no "of", the name before the noun ("completed
  the Kaiser purchase"); a sale with no seller named is its owner's, else, sold "to Y", Y's
  purchase ("concerns about the sale of X to Y": Y buys X); control is taken only
  by a verb that takes it ("assumed control of X", not "lost control");
- a merger or joint venture is between two parties: "the merger of X and Y", "a joint venture
  between X and Y", else the actor and "with Y" or its conjunct, else the pair a subject
  above names ("X and Y ended their merger talks");
- a stake is in the company "in X" names ("cut its stake in X": a divestment); a stake that
  names no company is in the article's company;
- an expansion is into the place "in X" names or where its facility is; an investment is
  "in X"; a budget ("capital investments of 1,770 billion yen") is no deal,
  and an investment held ("X, which has a $5m investment in Y") is a stake.

`Nouns` is a part of `frames.Reader`: it reads with the reader's parties, lexicon and slots.
"""

from __future__ import annotations

from spacy.tokens import Token

from extract.stages.deals import triggers
from extract.stages.deals.frame import Frame
from extract.stages.deals.joined import named_conjunct, named_pair
from extract.stages.deals.parties import PLACES
from extract.stages.deals.syntax import governor, prep, subject
from extract.stages.deals.topic import article_company, unnamed_stake
from extract.stages.deals.tree import agent_within, counted_price, first_subject, of_after
from extract.stages.deals.unnamed import seller


class Nouns:
    """The noun frames of `frames.Reader` (a mixin: `parties`, `lex`, the company and stake
    helpers such as `_company_of` and `_holding`, and the bid frames of `Bids` are the
    reader's)."""

    def _noun(self, noun: Token, kind: str) -> Frame | None:
        parties = self.parties
        host = noun
        if noun.dep_ == "compound":
            if noun.head.lemma_.lower() not in self.lex.deal_heads | self.lex.talks_heads:
                return None  # "investment bank"
            host = noun.head
        frame = Frame(kind, noun, host)
        by = prep(host, ("by",)) or prep(noun, ("by",))
        of = prep(noun, ("of",)) or of_after(noun)
        verb = governor(host)
        actor_tok = self._noun_actor(noun, host)
        if host is not noun and host.lemma_.lower() in self.lex.bid_heads:
            if kind in ("merger", "acquisition") and self._bid(frame, host, actor_tok):
                return frame  # "a merger offer from X", "made a merger proposal to Y"
        if kind == "joint_venture" and host.dep_ == "appos" and host.head.dep_ != "dobj":
            return None  # "X, their joint venture, posted...": a company there is, no deal
        if kind in ("merger", "joint_venture"):
            self._pair(frame, noun, of if kind == "merger" and by is None else None, actor_tok)
            return frame
        frame.actor = parties.actor(actor_tok)
        if noun.lemma_.lower() == "control":  # "assumed control of X", not "lost control"
            if verb is None or verb.lemma_.lower() not in self.lex.control_verbs:
                return None
        if kind in ("acquisition", "divestment"):
            if of is None and kind == "acquisition" and self._received(frame, host):
                return frame  # "the takeover proposal it received from X"
            if of is None:  # "completed the Kaiser purchase": the name before the noun
                frame.target = self._named_asset(noun, any_noun=True)
                return frame if frame.target else None  # "shifts from acquisition to ..."
            return self._bought(frame, noun, of, verb)
        if kind == "stake":
            if verb is not None and verb.lemma_.lower() in self.lex.stake_cuts:
                frame.type = "divestment"  # "cut its stake in X"
            frame.target = self._holding(noun, verb)
            if not frame.target and frame.actor and unnamed_stake(noun):  # "had a 9.7 pct stake"
                frame.target = article_company(parties, frame.actor)
            return frame
        place = prep(noun, ("in", "into"))
        if kind == "expansion":
            frame.target = parties.party(place, labels=PLACES, loose=True)
            if not frame.target and of is not None and self._facility_noun(of):
                frame.target = parties.place(of)
            return frame
        frame.target = parties.party(place, loose=True)  # investment
        modifiers = {c.lemma_.lower() for c in noun.lefts}
        if modifiers & self.lex.spending_words:
            return None  # "capital investments of 1,770 billion yen": a budget, no deal
        held = verb is not None and verb.lemma_.lower() in self.lex.holding_verbs
        if held or modifiers & self.lex.equity_words:
            frame.type = "stake"  # "X, which has a $5m investment in Y", "equity investment"
        return frame

    def _noun_actor(
        self, noun: Token, host: Token, sources: tuple[str, ...] = ("by",)
    ) -> Token | None:
        """Who acts in a deal noun: "by X" (or "from X" for a bid), its owner ("X's purchase",
        "its offer"), else the subject of the verb it is the object of ("X completed the
        purchase of Y")."""
        # "the acquisition of X in Seattle, Washington, by Y": "by Y" may hang further down
        by = prep(host, sources) or prep(noun, sources) or agent_within(prep(noun, ("of",)))
        by = by or triggers.made_by(host)  # "the tender offer launched this morning by X"
        verb = governor(host)
        if by is None and verb is not None:
            by = prep(verb, ("by",))  # "announced the acquisition of X in Seattle by Y"
        price = self._price_over(host)  # "Stone's 32.25 dlr per share acquisition of Y"
        near = [*noun.children, *host.children, *(price.children if price is not None else ())]
        near += [c for k in host.children if counted_price(k) for c in k.children]
        owner = next((c for c in near if c.dep_ == "poss"), None)
        if owner is None and noun.dep_ == "ROOT":  # "X bid for Y": a verb tagged as a noun
            owner = next((c for c in noun.children if c.dep_ == "nsubj"), None)
        return by or owner or (subject(verb) if verb is not None else None)

    def _pair(self, frame: Frame, noun: Token, of: Token | None, actor_tok: Token | None) -> None:
        """The two parties of a merger or joint venture: "the merger of X and Y", "a joint
        venture between X and Y", else the actor and "with Y" or its conjunct."""
        parties = self.parties
        pair = of or prep(noun, ("between",))
        if pair is not None and any(c.dep_ == "poss" for c in pair.children):
            pair = None  # "merged their operations": the parties are the subject
        if pair is not None:
            # "the merger of X and Y": the parse may miss the conjunction, the names stay
            named = [] if pair.pos_ == "PRON" else parties.names_in(pair)  # "between it and Y"
            frame.actor = named[0] if named else parties.party(pair)
            frame.target = named[1] if len(named) > 1 else parties.conj_party(pair)
        else:
            frame.actor = parties.actor(actor_tok)
            # "its merger into Harvard Industries"
            frame.target = self._partner(noun) or parties.conj_party(actor_tok)
        if frame.actor and not frame.target:  # "the merger of the company with X"
            frame.target = self._partner(noun)
        if frame.actor and not frame.target and frame.host is not noun:
            frame.target = self._partner(frame.host)  # "its merger agreement with X"
        partners = None if frame.target else self._pair_subject(frame.host)
        if partners is not None:
            # "X and Y ended their merger talks", "X and Y said their merger will close": the
            # pair the subject names
            frame.actor = parties.actor(partners)
            frame.target = parties.conj_party(partners)
        named = None if frame.target else named_pair(parties, noun)
        if named is not None:  # "X said the holders of both approved the merger of the two"
            frame.actor, frame.target = named

    def _pair_subject(self, host: Token) -> Token | None:
        """The nearest subject above a deal noun that names two parties ("X and Y")."""
        tok = host
        for _ in range(4):
            if tok.head == tok:
                return None
            tok = tok.head
            found = first_subject(tok) if tok.pos_ in triggers.VERB_POS else None
            # "X and Y said the Fed approved their merger": the pair may be a clause up
            if found is not None and found.i != host.i and self.parties.conj_party(found):
                return found
        return None

    def _bought(self, frame: Frame, noun: Token, of: Token, verb: Token | None) -> Frame | None:
        """What an acquisition or divestment noun is of: a part of a company (a stake: "the
        acquisition of 83 pct of Y's shares"), a stake, a named company, or an
        unnamed business (then, for a sale, its buyer: "the sale of its unit to X"). A sale
        with no seller named is its owner's ("to close the sale of its stake in Y")."""
        parties = self.parties
        company, whole = self._company_of(of)
        part = parties.issuer(company, avoid=frame.actor) if self._part(of) else ""
        if part:  # "X's acquisition of 83 pct of Y's shares": a part of a company
            if not whole and frame.type == "acquisition":
                frame.type = "stake"
            frame.target = part
            return frame
        of = self._of_object(of)
        owner = next((c for c in of.children if c.dep_ == "poss"), None)
        if frame.type == "divestment" and not frame.actor and owner is not None:
            frame.actor = parties.actor(owner)
        if of.lemma_.lower() in self.lex.stake_nouns:
            frame.target = self._holding(of)
            return frame
        frame.target = parties.party(of, avoid=frame.actor) or self._named_asset(of)
        frame.target = frame.target or named_conjunct(parties, of)  # "its plant and its X Inc"
        to = prep(noun, ("to",)) or prep(of, ("to",))
        if frame.type == "divestment" and frame.target and not frame.actor and to is not None:
            # "concerns about the sale of X to Y": no seller named, Y's purchase of X
            buyer = parties.party(to, avoid=frame.target)
            if buyer:
                frame.type, frame.actor = "acquisition", buyer
                return frame
        if not frame.target:
            if not self._asset(of):
                return None  # "the purchase of shares", "the sale of bonds"
            frame.asset = True
            frame.target = seller(self.parties, frame, of)
        if not frame.target and frame.type == "divestment":
            buyer = prep(noun, ("to",)) or prep(of, ("to",))  # "the sale of its unit to X"
            if buyer is None and verb is not None:  # "signed a letter with X for the sale"
                deed = next((c for c in verb.children if c.dep_ == "dobj"), verb)
                buyer = prep(verb, ("to", "with")) or prep(deed, ("with",))
            frame.target = parties.party(buyer)
        return frame
