"""Deal frames: for each trigger of a sentence, the deal's type, actor and target.

Four kinds of frame, each read off the parse around its trigger:
- verb frames ("X will invest $2bn in Y", "Y was acquired by X", "X agreed to sell its unit"),
- noun frames ("X's $1bn investment in Y", "the merger of X and Y", "a stake in Y"; see
  `nouns`),
- facility frames ("X will build a plant in Y": an expansion into Y),
- bid frames ("X made a tender offer for Y", "Y received an offer from X"; see `bids`).

A frame is kept when it names an actor and a target; or one of them and an amount attached to
the trigger; or an actor and an unnamed business or facility ("Shell sold its Singapore
refinery"). Acquisitions, divestments, stakes, mergers and joint ventures need a named target
or such a business; investments and expansions may leave the target open. Each frame has the
status `triggers.status` gives its trigger: a hedged one ("could sell", "rejected a takeover",
"merger talks") is proposed. Denied triggers, triggers inside a name and triggers that modify
another noun ("investment bank") give none, nor does a sale or purchase of goods counted by a
number ("sold 1.5 million cars", `goods`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from spacy.tokens import Doc, Span, Token

from extract.stages.deals import triggers
from extract.stages.deals.bids import Bids
from extract.stages.deals.financing import Financing
from extract.stages.deals.frame import Frame
from extract.stages.deals.joined import joined_frames
from extract.stages.deals.nouns import Nouns
from extract.stages.deals.parties import ORGS, PLACES, Parties
from extract.stages.deals.placed import unit_after_place
from extract.stages.deals.slots import NOUN_POS, Slots
from extract.stages.deals.syntax import counted, governor, prep, subject, subject_object
from extract.stages.deals.tree import (
    PERCENT,
    accounted,
    conjuncts,
    counted_name,
    counted_part,
    indefinite,
    past_year,
    share_class,
    to_after,
)
from extract.stages.deals.unnamed import described, hundred_pct, seller, whole_self
from extract.stages.deals.wire import to_name_after

# Modifiers that say a bid is for all of a company's shares ("all outstanding shares").
WHOLE_DEPS = frozenset({"det", "amod", "predet", "quantmod"})
# Public buyers named by their place ("sold the land to the city of Philadelphia").
PUBLIC_BODIES = frozenset({"city", "state", "province", "county", "town", "government"})
# Deal types whose target may go unnamed ("will invest $2bn in its battery operations").
OPEN_TARGET = frozenset({"investment", "expansion"})
# Deal types whose buyer may go unnamed when the target is named ("investors raised their
# stake in X").
UNNAMED_BUYER = frozenset({"acquisition", "stake"})


class Reader(Nouns, Bids):
    """Reads deal frames off one parsed Doc, with the earlier stages' rows indexed by token."""

    def __init__(
        self,
        doc: Doc,
        entities: Sequence[Any],
        amounts: Iterable[Any],
        dates: Iterable[Any],
        text: str = "",
        year: int | None = None,
    ) -> None:
        self.year = year  # the article's year: a deal dated before it is background
        self.lex = triggers.load_lexicon()
        self.slots = Slots(doc, amounts, dates)
        self.parties = Parties(doc, entities, self.slots.figure, text)
        self.financing = Financing(self.parties, self.lex)
        self.words = triggers.Words(doc)  # where triggers may start, read once per Doc

    def frames(self, sent: Span) -> list[Frame]:
        """The deals of one sentence, one frame per trigger, in text order."""
        lex = self.lex
        out: list[Frame] = []
        consumed: set[int] = set()  # noun triggers a verb trigger has read already
        for head, phrase in triggers.find(sent, self.words):
            if self.parties.in_name(head) or head.i in consumed:
                continue
            if head.pos_ in triggers.VERB_POS and head.dep_ in ("amod", "compound"):
                continue  # "the bank holding company": a word for a noun, no deal
            status = triggers.status(head, lex)
            if status is None:
                continue  # denied: "did not buy"
            if self.year and past_year(head, self.year):
                continue  # "when it was sold by X in 1985": background, not reported
            frame = None
            if head.pos_ not in (*triggers.VERB_POS, *NOUN_POS):
                continue
            if phrase in lex.loans:
                frame = self.financing.loan(head)
            elif phrase in lex.funding:
                frame = self.financing.funding(head, phrase)
            elif phrase in lex.offers:
                frame = self._offer(head)
            elif head.pos_ in triggers.VERB_POS:
                if phrase in lex.verbs:
                    frame = self._verb(head, lex.verbs[phrase], consumed)
                elif phrase in lex.facility_verbs:
                    frame = self._facility(head)
                elif phrase in lex.joining_verbs:
                    frame = self._joins(head)
            elif head.pos_ in NOUN_POS and phrase in lex.nouns:
                if phrase in lex.singular_only and head.tag_ in ("NNS", "NNPS"):
                    continue  # "sales" are revenue
                if accounted(head, lex.results):
                    continue  # "a gain on the sale of X": results account for a past deal
                frame = self._noun(head, lex.nouns[phrase])
            if frame is None:
                continue
            frame.status = status
            if frame.actor != frame.target and self._complete(frame, sent):
                out += [frame, *joined_frames(self.parties, frame, sent, self.lex.stake_nouns)]
        return out

    def _complete(self, frame: Frame, sent: Span) -> bool:
        if frame.status != triggers.ANNOUNCED:
            # a deal only weighed names what it is about ("may sell some assets": none)
            return bool(frame.target)
        if frame.actor and frame.target:
            return True
        if frame.target and frame.type in UNNAMED_BUYER and self._unnamed_holder(frame):
            return True  # "an investor group raised its stake in X"
        if frame.type == "loan":
            return False  # a credit line from unnamed banks is routine financing
        if frame.asset and frame.actor:
            return True  # "Shell sold its Singapore refinery"
        if not frame.target and frame.type not in OPEN_TARGET:
            return False  # a purchase, sale, stake or merger of nothing named is no lead
        return bool(frame.actor or frame.target) and self.slots.amount(frame, sent) is not None

    def _unnamed_holder(self, frame: Frame) -> bool:
        """Is the deal's subject a buyer or holder the text leaves unnamed ("a shareholder
        group said it raised its stake in X", "investors bought 5 pct of X")?"""
        verb = frame.trigger if frame.trigger.pos_ in triggers.VERB_POS else governor(frame.host)
        subj = subject(verb) if verb is not None else None
        return subj is not None and subj.lemma_.lower() in self.lex.holder_nouns

    # --- verbs -------------------------------------------------------------------------

    def _verb(self, verb: Token, kind: str, consumed: set[int]) -> Frame | None:
        parties = self.parties
        if any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in verb.children):
            return None  # share buy-backs
        frame = Frame(kind, verb, verb)
        actor_tok, obj = subject_object(verb)
        if obj is None and verb.dep_ == "relcl" and verb.head.pos_ in NOUN_POS:
            obj = verb.head  # "the properties it owns", "the unit it sold": what it is about
        if obj is None:
            obj = parties.next_name(verb)
        frame.actor = parties.actor(actor_tok)
        if kind == "stake":  # "owns 15 pct of USAir", "holds a 6 pct stake in X"
            if verb.tag_ == "VBN":
                return None  # "X, 99 pct owned by Y": a subsidiary described, not a stake taken
            return self._held(frame, verb, obj, consumed)
        if kind == "investment":
            # what is invested is money, named or not ("invested eight mln dlrs in X")
            place = prep(verb, ("in", "into")) or (obj and prep(obj, ("in", "into")))
            frame.target = parties.party(place, loose=True)
            return frame
        if kind == "merger":
            if actor_tok is None and obj is not None and obj.dep_ == "nsubjpass":
                frame.actor = parties.actor(obj)  # "X will be merged into Y"
            frame.target = self._partner(verb) or parties.conj_party(actor_tok)
            if not frame.target and obj is not None:  # "will merge its unit X and Y"
                frame.actor = parties.party(obj) or frame.actor
                frame.target = parties.conj_party(obj)
            return frame
        if kind == "expansion":
            if obj is not None and self._facility_noun(obj):
                frame.target = parties.place(obj) or parties.place_in_preps(verb)
                return frame
            frame.target = parties.party(prep(verb, ("into",)), labels=PLACES)
            return frame if frame.target else None
        # acquisition and divestment: the object must be a business, a stake or a name.
        if obj is None:
            return None
        if kind == "divestment" and self._own_shares(obj):
            # "X sold 1.2 mln new shares to Y": Y takes a stake in X
            buyer = self._verb_prep(verb, obj, ("to",)) or to_after(obj)
            if buyer is None or buyer.lower_ == "public":
                return None  # a share offering, no deal
            frame.type, frame.target = "stake", frame.actor
            frame.actor = parties.party(buyer, avoid=frame.target)
            return frame
        company, whole = self._company_of(obj)
        if company is None and self._part(obj):
            # "acquired 90 pct of shares in X": the parser hung "in X" on the verb
            company = prep(verb, ("in",))
        if company is not None:  # "bought 9.9% of Aixtron", "acquired 453,300 shares of X"
            if not whole or kind != "acquisition":  # all of a company's shares: the company
                frame.type = "stake" if kind == "acquisition" else kind
            frame.target = parties.issuer(company, avoid=frame.actor)
            if not frame.target and whole and self._asset(company):
                # "all the stock of a company it did not name": the company, as "a company";
                # a part of one is no deal to report, as below
                frame.asset = True
                return frame
            return frame if frame.target else None
        if kind == "acquisition" and counted_name(obj):
            # "buy the 610,000 Y common", "Y, about 19 pct of those outstanding": shares of Y
            frame.type, frame.target = "stake", parties.party(obj, avoid=frame.actor)
            return frame if frame.target else None
        obj = self._of_object(obj)
        if obj.lemma_.lower() in self.lex.stake_nouns:
            consumed.add(obj.i)
            frame.type = "stake" if kind == "acquisition" else kind
            frame.target = self._holding(obj, verb)
            if not frame.target and kind == "divestment":
                frame.target = parties.party(self._verb_prep(verb, obj, ("to",)))
            # "sold 80 pct of its interest in gas properties": a stake in an unnamed asset
            # ("an 80 pct interest in a private company it did not name": no deal to report)
            place = prep(obj, ("in",))
            unnamed = kind == "acquisition" and indefinite(place)
            frame.asset = not frame.target and self._asset(place) and not unnamed
            return frame
        if self.goods(obj):
            return None  # "sold 1.5 million cars there"
        # "acquired the Sarnia, Ontario, tin can making operations of X": the place misparsed
        obj = unit_after_place(obj, parties, self.lex.asset_nouns) or obj
        if kind == "divestment" and whole_self(obj, self.lex.anaphor_nouns):
            return None  # "plans to sell the entire company": itself, to no one named yet
        named = (
            parties.party(obj, avoid=frame.actor)
            or parties.party(prep(verb, ("as",)))
            or self._named_asset(obj)
        )
        if named:
            frame.target = named
        elif self._asset(obj):
            frame.asset = True
            # "the European business of Indonesia's Wijaya", "the assets of its unit X"
            of = prep(obj, ("of",))  # "the assets of its Utah division": no name
            of = None if described(of, self.lex.facility_nouns, self._label) else of
            named_of = parties.party(of) or (self._named_asset(of) if of is not None else "")
            frame.target = named_of or seller(self.parties, frame, obj)
            if not frame.target and kind == "divestment":
                buyer = self._verb_prep(verb, obj, ("to",)) or to_name_after(obj, parties.next_name)
                frame.target = parties.party(buyer) or self._public_body(buyer)
        else:
            return None
        return frame

    def _public_body(self, tok: Token | None) -> str:
        """The place a public body is of: "the city of Philadelphia", "the state of X"."""
        if tok is None or tok.lemma_.lower() not in PUBLIC_BODIES:
            return ""
        return self.parties.party(prep(tok, ("of",)), loose=True, labels=PLACES)

    def _verb_prep(self, verb: Token, obj: Token | None, words: tuple[str, ...]) -> Token | None:
        """A prepositional object of the verb, or of its amount object: the parser often
        hangs "in X" on the money ("invest $35 billion in data centers")."""
        found = prep(verb, words)
        if found is None and obj is not None and self.slots.in_amount(obj):
            found = prep(obj, words)
        return found

    def _of_object(self, obj: Token) -> Token:
        """What an amount or a part stands for: "$4bn of stocks" -> stocks, "part of its
        stake" -> stake."""
        if self.slots.in_amount(obj) or obj.lower_ in self.lex.partitives:
            of = prep(obj, ("of",))
            if of is not None:
                return of
        return obj

    def _company_of(self, obj: Token) -> tuple[Token | None, bool]:
        """The company whose shares the object is ("9.9% of Aixtron", "453,300 shares of X",
        "all of the stock of X", "4 mln USAir Group shares"), and whether they are all of them;
        None when the object is no part of a company (shares of no named company are trading,
        not a deal)."""
        lex = self.lex
        tok, share, whole, partial = obj, False, False, False
        for _ in range(6):
            words = {tok.lower_} | {c.lower_ for c in tok.children if c.dep_ in WHOLE_DEPS}
            whole = whole or bool(words & lex.whole_words) or hundred_pct(tok)
            # "1.2 mln shares, or 6.7 pct of X's outstanding stock": a count is a part, but
            # not after "all of" or "each of" ("145 dlrs for each of X's 9.2 mln shares")
            partial = partial or (counted_part(tok) and not whole)
            # "all outstanding units of X": a partnership's units are its shares
            units = tok.lemma_.lower() == "unit" and bool(words & lex.whole_words)
            if tok.lemma_.lower() in lex.share_words or units:
                share = True
                following = prep(tok, ("of", "in"))
                owner = self._owner(tok) if following is None else None
                if owner is None:  # "five mln shares, or 16 pct, of X"
                    following = following or next(
                        (p for c in conjuncts(tok) if (p := prep(c, ("of",)))), None
                    )
                # "Rexnord common shares", "USAir's stock"; "1.8 mln Corvo shares, or 8.4
                # pct of the total outstanding": the owner named on the shares
                if following is None:
                    return owner, whole and not partial
            elif tok.lower_ in lex.partitives or self.slots.in_amount(tok):
                share = share or tok.lower_ in PERCENT
                following = prep(tok, ("of",))
                if following is None:
                    return None, whole and not partial
            elif tok.lemma_.lower() in lex.stake_nouns:
                return None, whole  # "80 pct of its interest in X": a part of a stake
            else:
                # "four mln shares of Y's series one preferred shares": Y's
                owner = next((c for c in tok.children if c.dep_ == "poss"), None) if share else None
                if owner is not None and self.parties.company(owner):
                    return owner, whole and not partial
                return (tok if share else None), whole and not partial
            tok = following
        return None, whole and not partial

    def _part(self, obj: Token) -> bool:
        """Is the object a part of some company left unnamed inside it: a percentage or shares
        ("90 pct of shares", "a 20 pct block")?"""
        tok: Token | None = obj
        while tok is not None and (tok.lower_ in self.lex.partitives or self.slots.in_amount(tok)):
            if tok.lower_ in PERCENT:
                return True
            tok = prep(tok, ("of",))
        return tok is not None and tok.lemma_.lower() in self.lex.share_words

    def _own_shares(self, obj: Token) -> bool:
        """Shares a company issues or holds of itself: "1.2 mln new shares", "15 pct of its
        common stock"."""
        tok = obj
        while tok.lower_ in self.lex.partitives or self.slots.in_amount(tok):
            tok = prep(tok, ("of",))
            if tok is None:
                return False
        if tok.lemma_.lower() not in self.lex.share_words or prep(tok, ("of", "in")):
            return False
        named = {c.lower_ for c in tok.children if c.dep_ in ("poss", "compound", "nmod", "amod")}
        if not named <= {"its", "their", "new", "common", "own", "treasury"}:
            return False  # "Cyclops common shares": another company's
        # "its shares" may be a holding named before; "543,000 shares", "new shares" and "its
        # common stock" are its own
        return not named or bool(named & {"new", "own", "treasury"} or {"its", "common"} <= named)

    def _holding(self, stake: Token, verb: Token | None = None) -> str:
        """Whose stake: "a stake in X", "its stake in X common stock", "in X's storage unit",
        "its Metex stake", or a name after "in" the parser hung on the verb ("cut its stake in
        X")."""
        place = prep(stake, ("in",)) or next(
            (p for c in conjuncts(stake) if (p := prep(c, ("in",)))), None
        )  # "a 12 pct stake or 3 mln shares in X"
        if place is None and stake.lemma_.lower() in self.lex.owned_nouns:
            place = prep(stake, ("of",))  # "acquired majority ownership of X"
        if place is None and verb is not None:
            place = prep(verb, ("in",))
            if place is not None:
                return self.parties.party(place)
        if place is None:
            return self._named_asset(stake, any_noun=True)
        company, _ = self._company_of(place)
        if company is not None:
            return self.parties.party(company)
        return self.parties.party(place) or self.parties.party(place, loose=True, labels=ORGS)

    def _owner(self, shares: Token) -> Token | None:
        """The company named on "USAir's shares" or "its Apple shares" (a name before a
        pronoun: the pronoun is the holder)."""
        named = [
            c
            for c in shares.children
            if c.dep_ in ("poss", "compound", "nmod") and not share_class(c)
        ]
        # "156,000 Intermedics common shares": the tagger may take the name for an adjective
        named += [c for c in shares.children if c.dep_ == "amod" and c.text[:1].isupper()]
        named.sort(key=lambda c: c.pos_ == "PRON")
        return next((c for c in named if self.parties.company(c)), None)

    def _held(
        self, frame: Frame, verb: Token, obj: Token | None, consumed: set[int]
    ) -> Frame | None:
        """Owning or holding shares of a company or a stake in it is a stake."""
        if obj is None:
            return None
        company, _ = self._company_of(obj)
        if company is not None:
            frame.target = self.parties.issuer(company, avoid=frame.actor)
        elif obj.lemma_.lower() in self.lex.stake_nouns:
            consumed.add(obj.i)
            frame.target = self._holding(obj, verb)
        return frame if frame.target else None

    def _label(self, tok: Token) -> str:
        """The entity label of a word in a name of two words or more ("Dominion Bridge"; the
        small model tags a lone city "Dayton" a company too)."""
        span = self.parties.entity_span.get(tok.i)
        return self.parties.entity_at[tok.i].label if span is not None and len(span) > 1 else ""

    def goods(self, obj: Token | None) -> bool:
        """Is the object goods counted by a number ("1.5 million vehicles", "200 trucks"): no
        business, no shares, no stake or part of one ("its 4.3 mln share majority holding"),
        and no name of one before it ("seven Straw Hat restaurants")?"""
        if obj is None or not counted(obj) or self._asset(obj) or self._part(obj):
            return False
        words = self.lex.share_words | self.lex.stake_nouns | self.lex.partitives
        return obj.lemma_.lower() not in words and not any(map(self.parties.in_name, obj.lefts))

    def _asset(self, tok: Token | None) -> bool:
        """A business or a facility: what a company buys or sells, unlike shares or cars."""
        if tok is None:
            return False
        return tok.lemma_.lower() in self.lex.asset_nouns or self._facility_noun(tok)

    def _named_asset(self, tok: Token, any_noun: bool = False) -> str:
        """A business named before its kind: "its Mueller Brass Co unit", "seven Straw Hat
        pizza restaurants" (a place there is where it is, not its name: "its Kentucky
        plant"); with `any_noun` the company before any noun ("its Metex stake")."""
        if not (any_noun or self._asset(tok)) or described(
            tok, self.lex.facility_nouns, self._label
        ):
            return ""
        names = [t for t in tok.lefts for t in t.subtree if t.dep_ in ("compound", "nmod")]
        return next((n for t in reversed(names) if (n := self.parties.company(t, True))), "")

    def _partner(self, head: Token) -> str:
        """Whom a merger is with: "with X", "into X", or the company behind "an affiliate
        of X"."""
        partner = prep(head, ("with", "into"))
        verb = governor(head) if head.pos_ in NOUN_POS else None
        if partner is None and verb is not None:
            partner = prep(verb, ("into",))  # "approved its merger into X": "into" on the verb
        return self.parties.party(partner) or self.parties.party(partner, loose=True, labels=ORGS)

    def _facility(self, verb: Token) -> Frame | None:
        actor_tok, obj = subject_object(verb)
        if obj is None or not self._facility_noun(obj):
            return None
        frame = Frame("expansion", verb, verb)
        frame.actor = self.parties.actor(actor_tok)
        frame.target = self.parties.place(obj) or self.parties.place_in_preps(verb)
        return frame

    def _facility_noun(self, tok: Token) -> bool:
        nouns = self.lex.facility_nouns
        compound = [c.lemma_.lower() for c in tok.lefts if c.dep_ == "compound"][-1:]
        return tok.lemma_.lower() in nouns or " ".join([*compound, tok.lemma_.lower()]) in nouns
