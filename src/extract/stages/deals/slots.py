"""The amount and the date of a deal, from the amounts and dates stages' rows.

- amount: the money amount attached to the trigger in the parse (inside its clause, or the
  clause of the verb a deal noun is the object of), the nearest one when several; per-share
  and other unit prices, zero and unknown values are never deal values, nor is a figure that
  describes a party ("X, with assets of 1.2 bln dlrs, agreed to buy Y": its way up to the
  trigger passes the subject). A price ("for three mln dlrs") the parser hung on a
  description of a party after the trigger ("buy 50 pct of Y, a company which makes tools,
  for three mln dlrs") or on the reporting verb above it ("X said it agreed to buy <Y Inc>
  for three mln dlrs": saying has no price) is the deal's when nothing else is. Stock paid,
  written in money ("for 2.4 mln dlrs of its common stock"), is a value like cash.
- `valuation`: a later sentence that only values the deal ("The transaction is valued at
  ..."; "the overall cost of closing the merger will be N": what the deal costs, whatever it
  is called there; not a sum lent for it); `proceeds`: one that only says what the seller
  gets ("The company will receive some 40 mln dlrs"): a sale's value. Both read a
  sentence's words only when it holds an amount: most sentences hold none.
- date: the ISO value of the date nearest the trigger in the sentence, else of the first date
  in the next sentence when that one refers back to the deal ("This commitment, made public
  on February 7, 2025, ..."), else "".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span, Token

from extract.stages.deals.syntax import SAYING, SUBJECTS, governor
from extract.stages.deals.triggers import CLAUSE_STOPS, load_lexicon

if TYPE_CHECKING:
    from extract.stages.deals.frame import Frame

NOUN_POS = frozenset({"NOUN", "PROPN"})
VALUE_NOUNS = frozenset({"cost", "value", "price", "worth"})  # "the cost of the deal is N"
REPORTING = SAYING | {"tell"}
PROCEEDS_VERBS = frozenset({"receive", "get"})  # "it got 9 mln dlrs for it": a sale's price
SCALES = frozenset(
    {"mln", "million", "bln", "billion", "bn", "trillion", "m", "b", "k", "thousand"}
)


class Slots:
    """The amounts and dates of one Doc, as spans, with the tokens they cover."""

    def __init__(self, doc: Doc, amounts: Iterable[Any], dates: Iterable[Any]) -> None:
        lex = load_lexicon()
        self.anaphors = lex.anaphors
        self.deal_heads = lex.deal_heads
        self.amounts: list[tuple[Span, Any]] = []
        for row in amounts:
            span = doc.char_span(row.start, row.end, alignment_mode="expand")
            if span is not None and row.value and row.value > 0 and not _unit_price(span, row):
                self.amounts.append((span, row))
        self.dates: list[tuple[Span, Any]] = []  # with a value: a deal's date
        self.date_at: set[int] = set()  # every date, resolved or not ("by June"): no name
        for row in dates:
            span = doc.char_span(row.start, row.end, alignment_mode="expand")
            if span is not None:
                self.date_at.update(t.i for t in span)
                if row.value:
                    self.dates.append((span, row))
        self.amount_at = {t.i for span, _ in self.amounts for t in span}

    def in_amount(self, tok: Token) -> bool:
        return tok.i in self.amount_at or tok.like_num

    def figure(self, tok: Token) -> bool:
        """Part of an amount, a number or a date: never part of a name."""
        return self.in_amount(tok) or tok.i in self.date_at

    def amount(self, frame: Frame, sent: Span) -> Any | None:
        """The amount in the trigger's clause (or the deal noun's verb's) nearest to it; an
        amount elsewhere in the sentence is about something else ("annual sales of $74bn")."""
        inside = [(s, r) for s, r in self.amounts if sent.start <= s.start < sent.end]
        if not inside:
            return None
        anchors = {frame.host.i, frame.trigger.i}
        verb = governor(frame.host) if frame.host.pos_ in NOUN_POS else None
        if frame.host.dep_ == "acl":  # "Musk's $44 billion offer to buy Twitter"
            verb = frame.host.head
        if verb is None and frame.host.dep_ == "pobj" and frame.host.head.lower_ == "under":
            verb = frame.host.head.head  # "N dlrs which would be borrowed under a facility"
        if verb is not None:
            anchors.add(verb.i)
            if verb.dep_ == "relcl" and frame.type == "loan":
                anchors.add(verb.head.i)  # the money the clause says is borrowed
        if frame.trigger.dep_ in ("xcomp", "advcl") and frame.trigger.head.pos_ == "VERB":
            anchors.add(frame.trigger.head.i)  # "put up 43 million euros to acquire X"
        deal = frame.trigger.head
        if frame.trigger.dep_ in ("acl", "relcl") and deal.lemma_.lower() in self.deal_heads:
            # "a 640 mln dlr deal to acquire X", "the deal under which X would acquire Y"
            anchors.add(deal.i)
        attached = [(s, r) for s, r in inside if _reaches(s.root, anchors)]
        if not attached:
            # a price the parser hung on a description of a party after the trigger ("buy 50
            # pct of Y, a company which makes tools, for three mln dlrs")
            attached = [
                (s, r)
                for s, r in inside
                if s.start > frame.trigger.i
                and _price(s.root)
                and _reaches(s.root, anchors, loose=True)
            ]
        if not attached:
            # a price the parser hung on the reporting verb above the trigger
            reporting = {a.i for a in frame.trigger.ancestors if a.lemma_ in REPORTING}
            attached = [
                (s, r)
                for s, r in inside
                if s.start > frame.trigger.i and _price(s.root) and s.root.head.head.i in reporting
            ]
        if not attached:
            return None
        return min(attached, key=lambda sr: abs(sr[0].root.i - frame.trigger.i))[1]

    def date(self, frame: Frame, sent: Span, following: Span | None) -> str:
        inside = [(s, r) for s, r in self.dates if sent.start <= s.start < sent.end]
        if inside:
            return min(inside, key=lambda sr: abs(sr[0].root.i - frame.trigger.i))[1].value
        if following is not None and self._refers_back(following):
            later = [r for s, r in self.dates if following.start <= s.start < following.end]
            if later:
                return later[0].value
        return ""

    def valuation(self, sent: Span) -> tuple[str, Any] | None:
        """(deal word, amount) of a sentence that only values a deal named before ("The
        transaction is valued at about 37.8 mln dlrs", "Under terms of the deal, X paid Y
        25 mln dlrs"): a deal word determined by "the", "this" or an owner, and an amount
        hanging from the main verb."""
        inside = [(s, r) for s, r in self.amounts if sent.start <= s.start < sent.end]
        if not inside:
            return None  # no amount to give: the cheap test before the words are read
        word = next(
            (
                t
                for t in sent
                if t.lemma_.lower() in self.anaphors
                and t.pos_ == "NOUN"
                and any(
                    (c.dep_ == "det" and c.lower_ in ("the", "this", "that")) or c.dep_ == "poss"
                    for c in t.children
                )
            ),
            None,
        )
        if word is None:
            return None
        # the amount hangs from the clause the deal word is in, or from the main verb; not
        # from a loan for the deal ("its bank agreed to lend it 90 mln dlrs for the acquisition")
        verb = next((a for a in word.ancestors if a.pos_ in ("VERB", "AUX")), sent.root)
        if verb.lemma_.lower() in load_lexicon().lending:
            return None
        anchors = {sent.root.i, verb.i, word.i}
        kind = word.lemma_.lower()
        # "the overall cost of closing the merger will be 40 mln dlrs": what the deal costs
        # is its value, whatever the deal is called there
        worth = next((a for a in word.ancestors if a.lemma_.lower() in VALUE_NOUNS), None)
        if worth is not None and worth.dep_ in SUBJECTS:
            anchors |= {worth.i, worth.head.i}
            kind = "deal"
        attached = [r for s, r in inside if _reaches(s.root, anchors)]
        return (kind, attached[0]) if attached else None

    def proceeds(self, sent: Span) -> tuple[str, Any] | None:
        """("sale", amount) of a sentence that only says what a seller named before gets for it
        ("It got 9 mln dlrs for it", "the company will receive some 40 mln dlrs"): "receive"
        or "get" with a sum as its object and a subject that refers back (a pronoun, "the
        company")."""
        if not any(s.start < sent.end and sent.start < s.end for s, _ in self.amounts):
            return None  # no sum in the sentence: the cheap test before the words are read
        for verb in sent:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in PROCEEDS_VERBS:
                continue
            subj = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if subj is None or obj is None or not _refers(subj):
                continue
            found = next((r for s, r in self.amounts if s.start <= obj.i < s.end), None)
            if found is not None:
                return "sale", found
        return None

    def _refers_back(self, sent: Span) -> bool:
        """Does the sentence open on "This/The deal|commitment|investment ..."?"""
        subject = next((t for t in sent if t.dep_ in SUBJECTS), None)
        if subject is None or subject.lemma_.lower() not in self.anaphors:
            return False
        return any(
            c.dep_ == "det" and c.lower_ in ("this", "the", "that") for c in subject.children
        )


def _unit_price(span: Span, row: Any) -> bool:
    """A price per share or barrel is not what a deal is worth: the amounts stage's `per`,
    "26 dlrs each", and a bare sum under a thousand ("a bid of 80 dlrs", "valued at four
    dlrs"):
    news gives deal values in thousands and more, or with a scale ("2.5 mln dlrs")."""
    doc = span.doc
    if row.per or (span.end < len(doc) and doc[span.end].lower_ == "each"):
        return True
    # a scale word, not a small number word ("valued at four dlrs" is a price)
    scaled = any(t.lower_ in SCALES for t in span)
    return abs(row.value) < 1000 and not scaled


DESCRIPTIONS = frozenset({"appos", "relcl"})


def _price(tok: Token) -> bool:
    """Is the amount what something is bought or sold for ("for three mln dlrs")?"""
    return tok.dep_ == "pobj" and tok.head.lower_ == "for"


def _reaches(tok: Token, anchors: set[int], loose: bool = False) -> bool:
    """Does `tok` hang from one of the anchors inside one clause? An amount in a clause of its
    own ("..., creating a company with $74bn in sales") is not the deal's, nor one that
    describes a party ("X, with assets of 1.2 bln dlrs, agreed to buy Y": the way up passes
    the subject). A `loose` way may pass a description (apposition, relative clause) and a
    subject all the same."""
    while tok.i not in anchors:
        if tok.head == tok or (tok.dep_ in SUBJECTS and not loose):
            return False
        stop = tok.dep_ in CLAUSE_STOPS or tok.dep_ == "ccomp"
        if stop and not (loose and tok.dep_ in DESCRIPTIONS):
            return False
        tok = tok.head
    return True


def _refers(subject: Token) -> bool:
    """A subject that refers back to a party named before: "it", "the company"."""
    if subject.pos_ == "PRON":
        return subject.lower_ in ("it", "they", "we")
    return any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in subject.children) and (
        subject.lemma_.lower() in load_lexicon().anaphor_nouns
    )
