"""Tense: whether a sentence speaks of a date as past or to come, as a news reader hears it.

`tense(span)` reads the dependency parse around a date mention and answers PAST, FUTURE,
NEAREST (a plan, which may lie on either side of the publication date) or UNKNOWN:
- the words that introduce the date speak first: "since Friday" is past; "until Friday",
  "as early as Friday" to come (but "until Friday they had not" is past);
- then the verb the date hangs from, through prepositions only: "said", "was held", "has
  met", "did" are past; "will meet", "would resume", "is meeting", "is scheduled" to come;
  a verb of intention ("planned a rally Saturday", "has scheduled a hearing Thursday") names
  a plan; an infinitive ("to testify on Feb. 10") and a present ("meets") do not tell;
- a date inside a noun phrase ("Wednesday's ruling", "a ceremony on March 12") does not
  take the verb's time, since the noun's event has its own.
The words are data (`data/dates.json` "tense"); `values.place` uses the answer to pick the
occurrence of a date written without its year or week.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from extract.stages.dates.vocabulary import VOCAB

PAST, UNKNOWN, FUTURE, NEAREST = -1, 0, 1, 2

_WORDS: dict[str, list[str]] = VOCAB["tense"]
_FUTURE_AUX = frozenset(_WORDS["future_auxiliaries"])
_PERFECT_AUX = frozenset(_WORDS["perfect_auxiliaries"])
_PRESENT_BE = frozenset(_WORDS["present_be"])
_FUTURE_PREP = frozenset(_WORDS["future_prepositions"])
_PAST_PREP = frozenset(_WORDS["past_prepositions"])
_FUTURE_LEADS = tuple(_WORDS["future_leads"])
_INTENTION = frozenset(_WORDS["intention_verbs"])


def tense(span: Span) -> int:
    """PAST, FUTURE, NEAREST or UNKNOWN: how the sentence speaks of the date."""
    doc = span.doc
    before = " ".join(t.lower_ for t in doc[max(0, span.start - 3) : span.start])
    if before.endswith(_FUTURE_LEADS):
        return FUTURE
    # "until 9 a.m. Tuesday": the preposition may stand a few words before the date.
    near = [w for w in before.split()[::-1] if w in _PAST_PREP | _FUTURE_PREP]
    prep = span[0].lower_ if span[0].pos_ == "ADP" else near[0] if near else ""
    token = span.root
    for _ in range(8):
        head = token.head
        if head is token:
            break
        if head.pos_ == "ADP":
            prep = prep or head.lower_
        elif head.pos_ in ("VERB", "AUX"):
            return _with_preposition(prep, _verb_tense(head, span), head)
        elif not (head.pos_ == "NUM" or head.i in range(span.start, span.end)):
            break  # inside a noun phrase: "a ceremony on March 12"
        token = head
    return _with_preposition(prep, UNKNOWN, None)


def _with_preposition(prep: str, said: int, verb: Token | None) -> int:
    if prep in _PAST_PREP:
        return PAST
    if prep in _FUTURE_PREP:
        had = verb is not None and any(c.lower_ == "had" for c in verb.children)
        return PAST if had else FUTURE  # "until Friday they had not called him"
    return said


def _verb_tense(verb: Token, span: Span) -> int:
    if verb.lemma_ in _INTENTION:
        # A plan may lie either side ("planned a rally on Saturday"), but a date put before a
        # past verb of intention is when the plan was made ("On Friday, they planned ...").
        fronted_past = span.start < verb.i and _plain_tense(verb) == PAST
        return PAST if fronted_past else NEAREST
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ == "VB" and "to" in aux:
        # An infinitive: a plan when it completes one ("planned to leave on Thursday"), to
        # come when its verb is; else it does not tell ("ordered him to testify on Feb. 10").
        governor = verb.head
        if governor.lemma_ in _INTENTION:
            return NEAREST
        return FUTURE if governor is not verb and _plain_tense(governor) == FUTURE else UNKNOWN
    return _plain_tense(verb)


def _plain_tense(verb: Token) -> int:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in aux}
    if words & _PERFECT_AUX:
        return PAST  # "has met", "would have met"
    if words & _FUTURE_AUX:
        return FUTURE
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux):
        return PAST
    if verb.tag_ in ("VBG", "VBN") and words & _PRESENT_BE:
        return FUTURE  # "is meeting Friday", "is scheduled for Friday"
    return UNKNOWN
