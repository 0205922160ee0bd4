"""Parse-tree walks of the deal frames: a deal the accounts report; a deal dated in a past
year; the "to X", "of X" and "by X" the parser hung away from the word they belong to; share
classes, subjects and conjuncts; a price or a share count written before a noun."""

from __future__ import annotations

from spacy.tokens import Token

from extract.stages.deals import triggers
from extract.stages.deals.syntax import counted, prep

PERCENT = frozenset({"%", "percent", "pct"})  # words that make a figure a share of a whole

VERBS = triggers.VERB_POS


def accounted(noun: Token, results: frozenset[str]) -> bool:
    """Is the deal noun what a gain, loss or charge came from ("a gain of $12m on the sale of its
    stake", "losses on disposition of X"), or what such a deal was of ("its
    stake" there)?"""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("on", "from", "of"):
        return False
    owner = noun.head.head
    if noun.head.lower_ == "of" and owner.pos_ == "NOUN" and accounted(owner, results):
        return True
    holder = noun.head.head
    for _ in range(3):  # "a gain of $12m on the sale": up through the amount
        if holder.lemma_.lower() in results:
            return True
        if holder.pos_ in triggers.VERB_POS or holder.head == holder:
            return False
        holder = holder.head
    return False


def to_after(tok: Token) -> Token | None:
    """The object of the first "to" after a token in its sentence, wherever the parser hung
    it ("sell 1.2 mln new shares, or a 20 pct interest, to Y")."""
    to = next((t for t in tok.sent if t.i > tok.i and t.lower_ == "to" and t.dep_ == "prep"), None)
    return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None


def of_after(noun: Token) -> Token | None:
    """ "of X" hung on another prepositional object of the noun: "the sale to Comsat of
    Holiday's interest"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ != "of":
            found = next((prep(c, ("of",)) for c in child.children if c.dep_ == "pobj"), None)
            if found is not None:
                return found
    return None


def agent_within(tok: Token | None) -> Token | None:
    """The first "by X" below a token."""
    if tok is None:
        return None
    found = next(
        (
            t
            for t in tok.subtree
            if t.lower_ == "by" and t.dep_ in ("prep", "agent") and t.head.pos_ not in VERBS
        ),
        None,
    )  # not "by X" of a participle that describes it ("centers previously owned by X")
    return next((c for c in found.children if c.dep_ == "pobj"), None) if found else None


def share_class(tok: Token) -> bool:
    """ "Class B", "Series A": a kind of share, not the company whose shares they are."""
    words = {tok.lower_} | {c.lower_ for c in tok.children if c.dep_ == "compound"}
    return bool(words & {"class", "series"}) or (len(tok.text) == 1 and tok.text.isupper())


def first_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def conjuncts(tok: Token) -> list[Token]:
    """The words coordinated with `tok`, however deep the parser chained them."""
    return [t for t in tok.subtree if t.dep_ == "conj" and t != tok]


def past_year(trigger: Token, year: int) -> bool:
    """Is the deal dated in a year before `year`: "in 1985" on its clause's verb or on a
    "when" clause of that verb ("had made an offer for X when it was sold in 1985"), or a year
    on the deal noun itself ("an unsuccessful 1986 bid", "the acquisition of X on January 24,
    1986")? A full date counts by its year ("on January 24, 1986")."""
    if trigger.pos_ not in triggers.VERB_POS and any(_before(c, year) for c in trigger.children):
        return True
    if trigger.pos_ not in triggers.VERB_POS and _dated(trigger, year):
        return True
    verb = trigger
    while verb.pos_ not in triggers.VERB_POS and verb.head != verb:
        verb = verb.head
    if verb.dep_ == "relcl":
        return False  # "Arm, which SoftBank bought in 2016": who owns a party, still told
    clauses = [verb, *(c for c in verb.children if c.dep_ == "advcl" and _when(c))]
    for clause in clauses:
        if _dated(clause, year):
            return True
    return False


def _dated(tok: Token, year: int) -> bool:
    """Does "in 1985", "during 1985" or "on January 24, 1986" (a year before `year`) hang on
    the word?"""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "during", "on"):
            for when in (t for t in child.children if t.dep_ == "pobj"):
                if _before(when, year) or any(_before(t, year) for t in when.children):
                    return True
    return False


def _when(clause: Token) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ == "when" for c in clause.children)


def _before(tok: Token, year: int) -> bool:
    """A bare year before `year` ("1985")."""
    text = tok.text
    return len(text) == 4 and text.isdigit() and 1900 <= int(text) < year


def counted_part(tok: Token) -> bool:
    """A number of shares or a percentage short of all ("1.2 mln shares", "6.7 pct"; not "100
    pct")."""
    counts = [c for c in tok.children if c.dep_ == "nummod" and c.like_num]
    return bool(counts) and not any(c.text in ("100", "one hundred") for c in counts)


def counted_price(tok: Token) -> bool:
    """A price written before a deal noun ("its 52 dlr per share offer"): its owner's deal."""
    return tok.dep_ == "nmod" and counted(tok)


def indefinite(tok: Token | None) -> bool:
    """A noun phrase that names no particular thing: "a private company"."""
    return tok is not None and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children
    )


def counted_name(name: Token) -> bool:
    """A name written for a count of its shares: "the 610,000 Y common", "Y, or 19 pct of
    those outstanding" (a number in the thousands before it, or a percentage in apposition)."""
    if name.pos_ != "PROPN":
        return False
    for child in name.children:
        if child.dep_ == "nummod" and child.like_num and len(child.text.replace(",", "")) > 3:
            return True
        if child.dep_ == "appos" and child.lower_ in PERCENT:
            return True
    return False
