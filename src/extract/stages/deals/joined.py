"""Joined targets: one deal per company when a frame's target is one of two or more joined
names ("agreed to acquire Acme Corp and Beta Funding Corp": two acquisitions).

`joined_frames` gives a frame per other company; `joined_targets(parties, frame, sent,
stake_nouns)` gives the other companies joined to the
frame's target, in text order:

- a conjunct of the target's name ("Acme Corp and Beta Corp", "Acme, Beta and Gamma"), or of
  the unit it names ("its Acme Research unit and its Beta Seed Co operations": Beta Seed);
- a stake noun joined to it, for the company it is in ("its 22 pct stake in Acme Inc and its
  interest in Beta Ltd");
- a name the parser hung on a verb above the target instead ("acquired the assets of Acme Inc
  of Salem, and Beta Inc, of Reno": "Beta Inc" joined to "said"), when it comes after the
  target, is an organisation and heads no clause of its own; so is a stake noun hung there,
  for the company it is in ("agreed to buy a 19 pct stake in Acme, a private firm, and a 16
  pct interest in Beta": "interest" joined to "agreed").

`named_conjunct(parties, tok)`: the first company named among the words joined to an unnamed
business ("the sale of its Natchez plant and its Acme Tire Corp": Acme Tire); where the parse
joins nothing to it, a name in capitalised words ending in a legal form that "and" or "and
its" puts right after it.

A joined name that is the actor, the target under another name or no organisation is none.

`named_pair(parties, noun)`: the two companies a merger names only as a pair ("the merger of
the two companies", "their merger", "the merger between the two airlines"): the first two
organisations the subjects of the verbs above it name ("X said its holders and Y's voted for
the merger of the two companies"; "X told Reuters" names no party).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Span, Token

from extract.stages.deals.frame import Frame
from extract.stages.deals.names import one_party
from extract.stages.deals.parties import ORGS, Parties
from extract.stages.deals.syntax import prep
from extract.stages.deals.wire import legal_end
from extract.stages.entities.mention import strip_legal

# Deal types over one company each: joined targets are separate deals.
SEPARATE = frozenset({"acquisition", "divestment", "stake"})
# Dependents that make a name the head of a clause of its own, not a joined object.
CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "dobj", "ccomp", "xcomp"})


def joined_targets(
    parties: Parties, frame: Frame, sent: Span, stake_nouns: Iterable[str]
) -> list[str]:
    """The other companies joined to the frame's target (see the module docstring)."""
    if frame.type not in SEPARATE or not frame.target:
        return []
    if frame.asset and frame.type == "divestment":
        return []  # "sold its unit to X and Y": the buyers of one business
    stakes = frozenset(stake_nouns)
    heads = _target_heads(parties, frame, sent)
    out: list[str] = []
    for head in heads:
        for other in _joined(head, frame.trigger, stakes):
            name = _name(parties, other, stakes)
            if (
                name
                and name not in out
                and not one_party(name, frame.target)
                and not one_party(name, frame.actor)
            ):
                out.append(name)
    return out


def joined_frames(parties: Parties, frame: Frame, sent: Span, stakes: Iterable[str]) -> list[Frame]:
    """One more frame per company joined to the frame's target ("bought X and Y": two deals)."""
    return [replace(frame, target=t) for t in joined_targets(parties, frame, sent, stakes)]


def _target_heads(parties: Parties, frame: Frame, sent: Span) -> list[Token]:
    """The heads of the target's name in the sentence: the tokens naming it whose own head
    lies outside the name."""
    heads = []
    for tok in sent:
        if tok.pos_ not in ("PROPN", "NOUN") or tok.head.i == tok.i:
            continue
        unit = tok.head if tok.head.lemma_.lower() in parties.lex.asset_nouns else None
        if tok.dep_ in ("compound", "flat", "poss", "nmod", "amod") and unit is None:
            continue
        if tok.i not in parties.entity_at and tok.i not in parties.wire:
            continue
        if parties.party(tok) == frame.target:
            # "its Pell Research unit and its Corvo Seed operations": the unit is joined
            heads.append(tok if unit is None or tok.dep_ != "compound" else unit)
    return heads


def _joined(head: Token, trigger: Token, stakes: frozenset[str]) -> list[Token]:
    """The words joined to a target's head: its conjuncts, the conjuncts of the stake noun
    it is the company of, and a name hung on a verb above it (see the module docstring)."""
    found = [c for c in head.conjuncts if c.i > head.i]
    holder = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "in" else None
    if holder is not None:  # "its stake in X and its interest in Y"
        found += [c for c in holder.conjuncts if c.i > head.i]
        found += [c for c in head.children if c.dep_ == "conj"]
    for above in head.ancestors:
        if above.pos_ not in ("VERB", "AUX"):
            continue
        for child in above.children:
            if (
                child.dep_ == "conj"
                and child.i > head.i
                and (child.pos_ == "PROPN" or _stake_in(child, stakes))
                and not any(c.dep_ in CLAUSE_DEPS for c in child.children)
            ):
                found.append(child)
        if above.i < trigger.i and above.dep_ == "ROOT":
            break
    # "Seven & i", "Johnson & Johnson": an ampersand joins the words of one name
    found = [t for t in found if t.i == 0 or t.doc[t.i - 1].text != "&"]
    return sorted(set(found), key=lambda t: t.i)


def _stake_in(tok: Token, stakes: frozenset[str]) -> bool:
    """Is the word a stake noun with the company it is in ("a 16 pct interest in Beta")?"""
    return tok.lemma_.lower() in stakes and prep(tok, ("in",)) is not None


def _name(parties: Parties, tok: Token, stakes: frozenset[str]) -> str:
    """The company a joined word names: an organisation, or the company a stake is in."""
    if tok.lemma_.lower() in stakes:
        tok = prep(tok, ("in",))
        if tok is None:
            return ""
    if tok.lemma_.lower() in parties.lex.asset_nouns:  # "its Corvo Seed Co operations"
        tok = next((c for c in tok.children if c.dep_ == "compound" and parties.in_name(c)), None)
        if tok is None:
            return ""
    if tok.i in parties.wire:
        return parties.wire[tok.i]
    ent = parties.entity_at.get(tok.i)
    if ent is None:  # "Horizon Funding corp": a name the entities stage cut short
        return parties.proper(tok, None) if tok.pos_ == "PROPN" else ""
    return parties.party(tok) if ent.label in ORGS else ""


def named_conjunct(parties: Parties, tok: Token) -> str:
    """The first organisation joined to an unnamed business (see the module docstring)."""
    for other in tok.conjuncts:
        ent = parties.entity_at.get(other.i)
        if other.i in parties.wire or (ent is not None and ent.label in ORGS):
            return parties.party(other)
    return _named_after(tok) if not tok.conjuncts else ""


NAME_JOINERS = frozenset({"and", "&", "of"})


def _named_after(tok: Token) -> str:
    """A company's name that follows "and" or "and its" right after the business, written in
    capitalised words to its legal form, where the parser lost the coordination (wire copy
    trips it on names such as "R and T Pipe Fittings and Supply Corp")."""
    doc = tok.doc
    end = max(t.i for t in tok.subtree if t.dep_ != "cc") + 1
    words = [t for t in doc[end : end + 16] if not t.is_space]
    if len(words) < 3 or words[0].lower_ != "and":
        return ""
    start = 2 if words[1].tag_ == "PRP$" else 1
    for n, word in enumerate(words[start:], start):
        if legal_end(word.text) and n > start:
            after = words[n + 1] if n + 1 < len(words) else None
            if after is not None and after.text in ("'s", "’s"):
                return ""  # "and Beta Corp's stake": an owner, not the business
            return strip_legal(" ".join(w.text for w in words[start : n + 1]))
        if not (word.text[:1].isupper() or (word.lower_ in NAME_JOINERS and n > start)):
            return ""
    return ""


# Words that make a merger's other side "the pair named before" ("the two companies", "their").
PAIR_WORDS = frozenset({"two", "both", "their"})


def named_pair(parties: Parties, noun: Token) -> tuple[str, str] | None:
    """The two organisations the subjects above a merger name, when the merger names its
    parties only as a pair ("X said its holders and Y's voted for the merger of the two
    companies", "their planned merger"), else None."""
    pair = prep(noun, ("of", "between")) or prep(noun.head, ("of", "between"))
    words = [c for c in noun.children if c.dep_ == "poss"]
    words += [c for c in noun.head.children if c.dep_ == "poss"] if noun.dep_ == "compound" else []
    words += [c for c in pair.children if c.dep_ in ("nummod", "det")] if pair is not None else []
    if not {w.lower_ for w in words} & PAIR_WORDS:
        return None
    names: list[tuple[int, str]] = []
    for verb in noun.ancestors:  # who says or does something about the merger
        for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            for tok in subj.subtree:
                ent = parties.entity_at.get(tok.i)
                if ent is not None and ent.label in ORGS:
                    name = parties.wire.get(tok.i) or parties.name(ent)
                    if name and all(name != n for _, n in names):
                        names.append((tok.i, name))
    names.sort()
    return (names[0][1], names[1][1]) if len(names) >= 2 else None
