"""Deal parties: who acts and on whom, read off the dependency parse and the entities stage.

The module-level functions walk the parse: `subject_object` finds a trigger verb's actor and
object tokens (active, passive, relative, the subject of "agreed to buy" or "said it would"
followed up the tree, the owner of "Musk's offer to buy"); `governor` finds the verb a deal
noun is the object of; `prep` the object of a preposition. `Parties` turns a token into a name:
the entity on it, a proper-noun chain where the entities stage has none or a wrong one, the
country a leader or government speaks for, a nationality's country ("Japanese companies" ->
"Japan"). Names are the entities stage's `canonical` names, "" when the phrase names none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

import pycountry
from spacy.tokens import Doc, Span, Token

from extract.stages.deals.triggers import VERB_POS, load_lexicon

# WORK_OF_ART: the small model's label for many company names ("SRS Distribution").
PARTIES = frozenset({"ORG", "GPE", "NORP", "PERSON", "LOC", "FAC", "WORK_OF_ART"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
ORGS = frozenset({"ORG"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"})
DASHES = frozenset({"-", "–"})
RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Clauses whose missing subject is the subject of the clause they hang from.
SHARED_SUBJECT = frozenset({"xcomp", "conj", "advcl", "pcomp", "acl"})
# Dependents that are part of a name or a list of names, not modifiers of it.
NAME_PARTS = frozenset({"compound", "nmod", "conj", "cc", "flat", "poss", "case"})


def prep(tok: Token, words: tuple[str, ...]) -> Token | None:
    """The object of the token's preposition (or passive agent) among `words`."""
    for child in tok.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in words:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def governor(noun: Token) -> Token | None:
    """The verb a deal noun is the object of ("announced a $1 trillion investment")."""
    if noun.dep_ in ("dobj", "attr", "appos") and noun.head.pos_ in VERB_POS:
        # "said the purchase of X was..." is a misparse: nobody says a purchase
        return None if noun.head.lemma_ in ("say", "tell") else noun.head
    if noun.dep_ == "pobj" and noun.head.head.pos_ in VERB_POS:
        preposition = noun.head
        if preposition.lower_ in ("in", "into", "to"):  # "entered into a joint venture"
            return preposition.head
    return None


def subject_object(verb: Token) -> tuple[Token | None, Token | None]:
    """(actor token, object token) of a trigger verb, active, passive or relative."""
    children = list(verb.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in children)
    obj = next((c for c in children if c.dep_ in ("dobj", "nsubjpass")), None)
    if passive:
        agent = next((c for c in children if c.dep_ == "agent"), None)
        actor = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    else:
        actor = subject(verb)
    if verb.dep_ == "relcl":
        # "Arm, which SoftBank bought": the relative pronoun stands for the head noun.
        if obj is not None and obj.lower_ in RELATIVE:
            obj = verb.head
        elif actor is not None and actor.lower_ in RELATIVE:
            actor = verb.head
        elif obj is None and actor is not None:
            obj = verb.head
    return actor, obj


def subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the clause or offer it hangs from ("agreed to buy")."""
    tok = verb
    for _ in range(8):
        found = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
        if found is not None:
            return antecedent(found)
        if tok.dep_ == "acl":
            return _proposer(tok.head)
        if tok.dep_ not in SHARED_SUBJECT or tok.head == tok:
            return None
        tok = tok.head
    return None


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
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return antecedent(owner)
    holder = noun
    while holder.dep_ in ("pobj", "prep") and holder.head != holder:
        holder = holder.head  # "a letter of intent to buy"
    verb = holder.head if holder.dep_ in ("dobj", "attr") else None
    source = prep(noun, ("from", "by"))
    if source is None and verb is not None:
        source = prep(verb, ("from", "by"))
    if source is not None or verb is None or verb.pos_ not in VERB_POS:
        return source
    return subject(verb)


class Parties:
    """Names the parties of one Doc, with the entities stage's rows indexed by token.

    `figure(token)` tells the tokens that belong to an amount or a date: never part of a name.
    """

    def __init__(self, doc: Doc, entities: Iterable[Any], figure: Callable[[Token], bool]):
        self.doc = doc
        self.lex = load_lexicon()
        self.figure = figure
        self.entity_at: dict[int, Any] = {}
        self.entity_span: dict[int, Span] = {}
        self.country_names: dict[str, str] = {}
        for ent in entities:
            span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.entity_at[tok.i] = ent
                self.entity_span[tok.i] = span
            if ent.label == "GPE" and len(ent.kb_id) == 2:
                self.country_names.setdefault(ent.kb_id, ent.canonical or ent.text)

    def actor(self, tok: Token | None) -> str:
        return self.party(tok, loose=True, places=False)

    def party(
        self,
        tok: Token | None,
        loose: bool = False,
        labels: frozenset[str] = PARTIES,
        places: bool = True,
    ) -> str:
        """The entity a phrase names: its head, an apposition ("its unit, GE HealthCare"), a
        state's person or body, or with `loose` the entity nearest its head (places modifying it
        only with `places`)."""
        if tok is None:
            return ""
        ent = self.entity_at.get(tok.i)
        if ent is not None and ent.label in labels:
            state = self.state(tok, ent) if ent.label == "PERSON" else ""
            return state or self.proper(tok, ent) or self.name(ent)
        if ent is None and labels is PARTIES:
            named = self.proper(tok, None)
            if named:
                return named
        if tok.lemma_.lower() in self.lex.title_words:
            state = self.state(tok, None)
            if state:
                return state
        # "its unit, GE HealthCare" and "Kenvue, the consumer health business that..."
        related = [c for c in tok.children if c.dep_ == "appos"]
        if tok.dep_ == "appos":
            related.append(tok.head)
        for other in related:
            ent = self.entity_at.get(other.i)
            if ent is not None and ent.label in labels:
                return self.name(ent)
        if loose:
            return self._nearest(tok, labels, places)
        return ""

    def _nearest(self, tok: Token, labels: frozenset[str], places: bool) -> str:
        """Breadth first: the name nearest the phrase's head in the tree, so "a consortium
        headed by Texas oilman Ray Hunt" is Hunt's, not Texas's."""
        # A nationality stands for its country in "Japanese companies", not in "the Dutch flag
        # carrier", which is one company; as an actor, neither does a place in "a group of
        # New York-based firms".
        plural = tok.tag_ in ("NNS", "NNPS") or tok.lemma_.lower() in self.lex.title_words
        skipped = (set() if plural else {"NORP"}) | (set() if places else PLACES)
        level = [tok]
        while level:
            for t in level:
                ent = self.entity_at.get(t.i)
                if ent is None or ent.label not in labels:
                    continue
                if ent.label not in skipped or t.dep_ == "poss":  # "Qatar's fund"
                    return self.name(ent)
            level = [c for t in level for c in t.children]
        return ""

    def proper(self, head: Token, ent: Any) -> str:
        """A proper-noun name the entities stage missed or cut: "Catalent" untagged, "US" of
        "T-Mobile US" tagged a country, "Daimler Truck and Volvo Group" tagged as one name."""
        if not _proper_noun(head) or self.figure(head):
            return ""
        span = self.entity_span.get(head.i)
        start = head.i
        while start > 0:
            prev = self.doc[start - 1]
            joined = prev.text in DASHES and not prev.whitespace_
            # "Savings and Loan Association" is one name when "and" sits between two names
            inner = (
                prev.lower_ in ("and", "&") and start > 1 and self.doc[start - 2].pos_ == "PROPN"
            )
            if not (_proper_noun(prev) or joined or inner) or prev not in head.subtree:
                break
            start -= 1
        chain = self.doc[start : head.i + 1]
        subtree = set(head.subtree)
        if ent is None or any(t not in subtree for t in span if t.i > head.i):
            return chain.text  # untagged, or the tag ran on past the name ("Hulu to Disney")
        joined = any(t.dep_ == "cc" and t.lower_ == "and" for t in span)  # not "Johnson & Johnson"
        if joined and (
            any(c.dep_ == "conj" and c in span for c in head.children)
            or (head.dep_ == "conj" and head.head in span)
        ):
            return chain.text  # one of two conjoined names tagged as one entity
        if ent.label in ("GPE", "LOC", "NORP") and start < span.start and span.end == head.i + 1:
            return chain.text  # a place name ending a company's name
        return ""

    def names_in(self, tok: Token) -> list[str]:
        """The names of a coordination ("X and Y"), without those of its modifiers
        ("X, a unit of Z, and Y")."""
        reached, level = [tok], [tok]
        while level:
            level = [c for t in level for c in t.children if c.dep_ in NAME_PARTS]
            reached += level
        names: list[str] = []
        for t in sorted(reached, key=lambda t: t.i):
            ent = self.entity_at.get(t.i)
            if ent is not None and ent.label in PARTIES and self.name(ent) not in names:
                names.append(self.name(ent))
        return names

    def conj_party(self, tok: Token | None) -> str:
        """The second of two conjoined parties ("Honda and Sony will set up...")."""
        if tok is None:
            return ""
        for child in tok.children:
            if child.dep_ == "conj":
                return self.party(child)
        return ""

    def holding(self, stake: Token) -> str:
        """Whose stake: "a stake in X", or "in X's storage unit" for a stake in X's business."""
        holding = prep(stake, ("in",))
        return self.party(holding) or self.party(holding, loose=True, labels=ORGS)

    def place(self, tok: Token) -> str:
        """The first place named in a noun phrase ("its Kentucky plant", "a plant in Hungary")."""
        for t in tok.subtree:
            ent = self.entity_at.get(t.i)
            if ent is not None and ent.label in PLACES:
                return self.name(ent)
        return ""

    def place_in_preps(self, verb: Token) -> str:
        """The place of "build a plant in/near/at X" when the parser hangs it on the verb."""
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "into", "near", "at"):
                found = self.place(child)
                if found:
                    return found
        return ""

    def state(self, head: Token, ent: Any) -> str:
        """The country a leader or government acts for: a title word and a country or
        nationality in the same phrase ("Japanese Prime Minister X", "the U.S. government")."""
        span = self.entity_span.get(head.i)
        left = [t for t in head.subtree if t.i < (span.start if span is not None else head.i)]
        words = {t.lower_ for t in left} | {head.lower_}
        if not words & self.lex.title_words:
            return ""
        for t in left:
            country = self.entity_at.get(t.i)
            if country is not None and country.label in ("GPE", "NORP") and country is not ent:
                return self.name(country)
        return ""

    def name(self, ent: Any) -> str:
        if ent.label == "NORP" and len(ent.kb_id) == 2:
            return self.country_names.get(ent.kb_id) or _country_name(ent.kb_id) or ent.canonical
        return ent.canonical or ent.text


def _proper_noun(tok: Token) -> bool:
    """A proper noun, or a capitalised noun inside a sentence that the tagger took for a
    common one ("agreed to purchase Splunk")."""
    if tok.pos_ == "PROPN":
        return True
    return tok.pos_ == "NOUN" and tok.text[:1].isupper() and not tok.is_sent_start


@lru_cache(maxsize=256)
def _country_name(alpha_2: str) -> str:
    country = pycountry.countries.get(alpha_2=alpha_2)
    if country is None:
        return ""
    return getattr(country, "common_name", None) or country.name
