"""Deal frames: for each trigger of a sentence, the deal's type, actor and target.

Three kinds of frame, each read off the parse around its trigger:
- verb frames ("X will invest $2bn in Y", "Y was acquired by X", "X agreed to sell its unit"),
- noun frames ("X's $1bn investment in Y", "the merger of X and Y", "a stake in Y"),
- facility frames ("X will build a plant in Y": an expansion into Y).

A frame is kept when it names an actor and a target; or one of them and an amount attached to
the trigger; or an actor and an unnamed business or facility ("Shell sold its Singapore
refinery"). Acquisitions, divestments, stakes, mergers and joint ventures need a named target
or such a business; investments and expansions may leave the target open. Hedged triggers,
triggers inside a name and triggers that modify another noun ("investment bank") give none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from extract.stages.deals import triggers
from extract.stages.deals.parties import (
    PLACES,
    PRONOUNS,
    Parties,
    antecedent,
    governor,
    prep,
    subject,
    subject_object,
)
from extract.stages.deals.slots import NOUN_POS, Slots

# Deal types whose target may go unnamed ("will invest $2bn in its battery operations").
OPEN_TARGET = frozenset({"investment", "expansion"})


@dataclass
class Frame:
    """One candidate deal while it is being read off the parse."""

    type: str
    trigger: Token
    host: Token  # the token whose clause holds the deal's arguments
    actor: str = ""
    target: str = ""
    asset: bool = False  # the deal is over a business or facility the sentence leaves unnamed


class Reader:
    """Reads deal frames off one parsed Doc, with the earlier stages' rows indexed by token."""

    def __init__(
        self, doc: Doc, entities: Iterable[Any], amounts: Iterable[Any], dates: Iterable[Any]
    ) -> None:
        self.lex = triggers.load_lexicon()
        self.slots = Slots(doc, amounts, dates)
        self.parties = Parties(doc, entities, self.slots.figure)

    def frames(self, sent: Span) -> list[Frame]:
        """The deals of one sentence, one frame per trigger, in text order."""
        lex = self.lex
        out: list[Frame] = []
        consumed: set[int] = set()  # noun triggers a verb trigger has read already
        for head, phrase in triggers.find(sent):
            if head.i in self.parties.entity_at or head.i in consumed or triggers.hedged(head, lex):
                continue
            frame = None
            if head.pos_ in triggers.VERB_POS:
                if phrase in lex.verbs:
                    frame = self._verb(head, lex.verbs[phrase], consumed)
                elif phrase in lex.facility_verbs:
                    frame = self._facility(head)
            elif head.pos_ in NOUN_POS and phrase in lex.nouns:
                if phrase in lex.singular_only and head.tag_ in ("NNS", "NNPS"):
                    continue  # "sales" are revenue
                frame = self._noun(head, lex.nouns[phrase])
            if frame and frame.actor != frame.target and self._complete(frame, sent):
                out.append(frame)
        return out

    def _complete(self, frame: Frame, sent: Span) -> bool:
        if frame.actor and frame.target:
            return True
        if frame.asset and frame.actor:
            return True  # "Shell sold its Singapore refinery"
        if not frame.target and frame.type not in OPEN_TARGET:
            return False  # a purchase, sale, stake or merger of nothing named is no lead
        return bool(frame.actor or frame.target) and self.slots.amount(frame, sent) is not None

    # --- verbs -------------------------------------------------------------------------

    def _verb(self, verb: Token, kind: str, consumed: set[int]) -> Frame | None:
        parties = self.parties
        if any(c.dep_ == "prt" and c.lower_ == "back" for c in verb.children):
            return None  # share buy-backs
        frame = Frame(kind, verb, verb)
        actor_tok, obj = subject_object(verb)
        frame.actor = parties.actor(actor_tok)
        if kind == "investment":
            place = self._verb_prep(verb, obj, ("in", "into"))
            frame.target = parties.party(place, loose=True)
            return frame
        if kind == "merger":
            partner = prep(verb, ("with", "into"))
            frame.target = parties.party(partner) or parties.conj_party(actor_tok)
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
        company = self._share_of(obj)
        if company is not None:  # "bought 9.9% of Aixtron", "acquired 453,300 shares of X"
            frame.type = "stake" if kind == "acquisition" else kind
            frame.target = parties.party(company)
            return frame if frame.target else None
        obj = self._of_object(obj)
        if obj.lemma_.lower() in self.lex.stake_nouns:
            consumed.add(obj.i)
            frame.type = "stake" if kind == "acquisition" else kind
            frame.target = parties.holding(obj)
            if not frame.target and kind == "divestment":
                frame.target = parties.party(self._verb_prep(verb, obj, ("to",)))
            return frame
        named = parties.party(obj) or parties.party(prep(verb, ("as",)))
        if named:
            frame.target = named
        elif self._asset(obj):
            frame.asset = True
            # "the European business of Indonesia's Wijaya", "the assets of its unit X"
            frame.target = parties.party(prep(obj, ("of",)))
            if not frame.target and kind == "divestment":
                frame.target = parties.party(self._verb_prep(verb, obj, ("to",)))
        else:
            return None
        return frame

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

    def _share_of(self, obj: Token) -> Token | None:
        """The company in "9.9% of Aixtron" or "453,300 shares of/in X": owning part of a
        company is a stake in it (shares of no named company are trading, not a deal)."""
        if obj.lower_ in ("%", "percent", "pct"):
            of = prep(obj, ("of",))
            return self._of_object(of) if of is not None else None
        if obj.lemma_.lower() in ("share", "stock"):
            return prep(obj, ("of", "in"))
        return None

    def _asset(self, tok: Token) -> bool:
        """A business or a facility: what a company buys or sells, unlike shares or cars."""
        return tok.lemma_.lower() in self.lex.asset_nouns or self._facility_noun(tok)

    # --- nouns -------------------------------------------------------------------------

    def _noun(self, noun: Token, kind: str) -> Frame | None:
        parties = self.parties
        host = noun
        if noun.dep_ == "compound":
            if noun.head.lemma_.lower() not in self.lex.deal_heads:
                return None  # "investment bank", "merger talks"
            host = noun.head
        frame = Frame(kind, noun, host)
        owner = next((c for c in [*noun.children, *host.children] if c.dep_ == "poss"), None)
        by = prep(host, ("by",)) or prep(noun, ("by",))
        of = prep(noun, ("of",))
        verb = governor(host)
        actor_tok = by or (owner if owner is not None and owner.lower_ not in PRONOUNS else None)
        if actor_tok is None and verb is not None:
            actor_tok = subject(verb)
        if actor_tok is None and owner is not None:
            actor_tok = antecedent(owner)
        if kind in ("merger", "joint_venture"):
            self._pair(frame, noun, of if kind == "merger" and by is None else None, actor_tok)
            return frame
        frame.actor = parties.actor(actor_tok)
        if kind in ("acquisition", "divestment"):
            if of is None:
                return None  # "shifts from acquisition to investment": no deal named
            return self._bought(frame, noun, self._of_object(of), verb)
        if kind == "stake":
            frame.target = parties.holding(noun)
            return frame
        place = prep(noun, ("in", "into"))
        if kind == "expansion":
            frame.target = parties.party(place, labels=PLACES, loose=True)
            if not frame.target and of is not None and self._facility_noun(of):
                frame.target = parties.place(of)
            return frame
        frame.target = parties.party(place, loose=True)  # investment
        return frame

    def _pair(self, frame: Frame, noun: Token, of: Token | None, actor_tok: Token | None) -> None:
        """The two parties of a merger or joint venture: "the merger of X and Y", "a joint
        venture between X and Y", else the actor and "with Y" or its conjunct."""
        parties = self.parties
        pair = of or prep(noun, ("between",))
        if pair is not None and any(c.dep_ == "poss" for c in pair.children):
            pair = None  # "merged their operations": the parties are the subject
        if pair is not None:
            # "the merger of X and Y": the parse may miss the conjunction, the names stay
            named = parties.names_in(pair)
            frame.actor = named[0] if named else parties.party(pair)
            frame.target = named[1] if len(named) > 1 else parties.conj_party(pair)
        else:
            frame.actor = parties.actor(actor_tok)
            partner = prep(noun, ("with",))
            frame.target = parties.party(partner) or parties.conj_party(actor_tok)

    def _bought(self, frame: Frame, noun: Token, of: Token, verb: Token | None) -> Frame | None:
        """What an acquisition or divestment noun is of: a stake, a named company, or an
        unnamed business (then, for a sale, its buyer: "the sale of its unit to X")."""
        parties = self.parties
        if of.lemma_.lower() in self.lex.stake_nouns:
            frame.target = parties.holding(of)
            return frame
        frame.target = parties.party(of)
        if not frame.target:
            if not self._asset(of):
                return None  # "the purchase of shares", "the sale of bonds"
            frame.asset = True
        if not frame.target and frame.type == "divestment":
            buyer = prep(noun, ("to",))
            if buyer is None and verb is not None:
                buyer = prep(verb, ("to",))
            frame.target = parties.party(buyer)
        return frame

    # --- facilities --------------------------------------------------------------------

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
