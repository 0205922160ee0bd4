"""Deal parties: who acts and on whom, read off the dependency parse and the entities stage.

The clause walks (`subject_object`, `subject`, `governor`, `prep`) live in `syntax`.
`Parties` turns a token into a name:
the entity on it, a proper-noun chain where the entities stage has none or a wrong one, the
country a leader or government speaks for, a nationality's country ("Japanese companies" ->
"Japan"). Names are the entities stage's `canonical` names, "" when the phrase names none;
`names` gives the company a spokesman or officer stands for, a group's leader and more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property, partial
from typing import Any

from spacy.tokens import Doc, Span, Token

from extract.stages.deals.coref import Referents, row_label, row_labels
from extract.stages.deals.names import (
    SPEAKERS,
    bracketed_after,
    commentator,
    country_name,
    firm_of_person,
    fuller_names,
    group_named_later,
    led_by,
    name_before,
    named_by_apposition,
    of_legal,
    one_firm,
    possessive_names,
    proper_noun,
    repeated_names,
    respelled,
    spelled_out,
    without_owner,
    written_low,
)
from extract.stages.deals.syntax import prep, speaker
from extract.stages.deals.triggers import load_lexicon
from extract.stages.deals.wire import legal_end, wire_names
from extract.stages.entities.mention import strip_legal

# WORK_OF_ART: the small model's label for many company names ("SRS Distribution").
PARTIES = frozenset({"ORG", "GPE", "NORP", "PERSON", "LOC", "FAC", "WORK_OF_ART"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
ORGS = frozenset({"ORG"})
DASHES = frozenset({"-", "–"})
# Brackets around a name ("<Sedio N.V.>" in wire copy): the parser may hang the phrase on them.
OPENING = frozenset({"<", "("})
CLOSING = frozenset({">", ")"})
# Dependents that are part of a name or a list of names, not modifiers of it.
NAME_PARTS = frozenset({"compound", "nmod", "conj", "cc", "flat", "poss", "case"})


class Parties:
    """Names the parties of one Doc, with the entities stage's rows indexed by token.

    `figure(token)` tells the tokens that belong to an amount or a date: never part of a name.
    """

    def __init__(
        self, doc: Doc, entities: Sequence[Any], figure: Callable[[Token], bool], text: str = ""
    ) -> None:
        self.doc = doc
        self.text = text or doc.text  # the article's text, which the Doc was parsed from
        self.lex = load_lexicon()
        self.figure = figure
        self.referents = Referents(doc, self)
        self.entity_at: dict[int, Any] = {}
        self.entity_span: dict[int, Span] = {}
        self.country_names: dict[str, str] = {}
        for ent in entities:
            span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            if span is None or row_label(span[0]):
                continue  # "Sales 4.2 mln vs 3.8 mln": a line of figures names no party
            for tok in span:
                self.entity_at[tok.i] = ent
                self.entity_span[tok.i] = span
            if ent.label == "GPE" and len(ent.kb_id) == 2:
                self.country_names.setdefault(ent.kb_id, ent.canonical or ent.text)
        self.entities = entities

    @cached_property
    def row_words(self) -> frozenset[str]:
        """The labels of the article's lines of figures ("Revs", "Net"), as written."""
        return row_labels(self.text)

    @cached_property
    def spelled_out(self) -> dict[str, str]:
        return spelled_out(self.entities)

    @cached_property
    def nouns_by_lemma(self) -> dict[str, list[int]]:
        """The indices of the Doc's common nouns by lower-cased lemma, in text order: the Doc is
        read once, not once for each phrase `named_by_apposition` looks up."""
        nouns: dict[str, list[int]] = {}
        for tok in self.doc:
            if tok.pos_ == "NOUN":
                nouns.setdefault(tok.lemma_.lower(), []).append(tok.i)
        return nouns

    @cached_property
    def _wire(self) -> tuple[dict[int, str], set[int]]:
        # read on first use: most articles name no deal, and need no wire names
        spans = {i: (span, self.entity_at[i]) for i, span in self.entity_span.items()}
        return wire_names(self.doc, self.text, spans, self.figure)

    @property
    def wire(self) -> dict[int, str]:
        """Token index -> the bracketed or wrapped name it is part of (see `wire`)."""
        return self._wire[0]

    @property
    def tickers(self) -> set[int]:
        return self._wire[1]

    def in_name(self, tok: Token) -> bool:
        """Is the token part of a name (an entity, a bracketed or wrapped name)?"""
        return tok.i in self.entity_at or tok.i in self.wire

    def actor(self, tok: Token | None) -> str:
        """Who acts: the party the phrase names, the company a person named with it speaks for;
        for "two of its subsidiaries", "its unit" or "its funds", which name no company of
        their own, the company they belong to ("X said a subsidiary agreed...": X)."""
        if tok is not None and (tok.like_num or tok.lower_ in self.lex.partitives):
            tok = prep(tok, ("of",)) or tok  # "two of its subsidiaries"
        # "Acme chairman John Doe offered to buy X": Acme, for whom he speaks
        named = (tok is not None and self.firm(tok)) or self.party(tok, loose=True, places=False)
        owned = self.lex.member_nouns | self.lex.anaphor_nouns  # "its funds bought ..."
        if not named and tok is not None and tok.lemma_.lower() in owned:
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is None and tok.lemma_.lower() in self.lex.member_nouns:
                owner = speaker(tok)  # "X said a subsidiary agreed to buy ...": X's
            named = self.party(owner, loose=True, places=False)
        if not named and tok is not None:  # "A group of firms ..." ... "the group, led by X"
            members = self.lex.anaphor_nouns
            nearest = partial(self._nearest, labels=PARTIES, places=False)
            return group_named_later(tok, members, nearest, self.party)
        return named

    def party(
        self,
        tok: Token | None,
        loose: bool = False,
        labels: frozenset[str] = PARTIES,
        places: bool = True,
        avoid: str = "",
    ) -> str:
        """The entity a phrase names: its head, an apposition ("its unit, GE HealthCare"), a
        state's person or body, what "it" or "the company" stands for (never `avoid`), the
        company its board acts for, or with `loose` the entity nearest its head
        (places modifying it only with `places`)."""
        if tok is None:
            return ""
        if tok.dep_ in ("prep", "agent", "dative"):  # a preposition left without object
            tok = self.next_name(tok)
            if tok is None:
                return ""
        tok = self._unbracket(tok)
        modified = led_by(tok, self.entity_span.get(tok.i))
        if modified is not None:  # "the Carl Icahn-led TWA": TWA
            return self.party(modified, loose, labels, places, avoid)
        if tok.i in self.wire:
            return self.wire[tok.i]
        if row_label(tok) or tok.text in self.row_words:
            return ""  # "Sales 4.2 mln vs 3.8 mln": a line of figures, and its label in a
            # note ("Revs include investment income"), names no party
        if self.figure(tok) and not tok.like_num:
            return ""  # "to buy 985 mln U.S. Dlrs": money is no party
        if self.referents.anaphor(tok):
            return self.referents.resolve(tok, avoid)
        organ = tok.lemma_.lower() in self.lex.organs and tok.i not in self.entity_at
        if organ and bracketed_after(tok, self.wire):  # "its largest holder, <Summit Inc>,"
            return bracketed_after(tok, self.wire)
        if organ and tok.pos_ == "NOUN":  # "its board", "the Chrysler board", "the board of X"
            owner = next((c for c in tok.children if c.dep_ in ("poss", "compound")), None)
            owner = owner or prep(tok, ("of",))  # "the board of Acme"
            if owner is not None:
                return self.party(owner, avoid=avoid)
            return self.referents.resolve(tok, avoid)  # "holders voted for it": the company's
        ent = self.entity_at.get(tok.i)
        if ent is not None and ent.label in labels:
            state = self.state(tok, ent) if ent.label == "PERSON" else ""
            role = commentator(tok) if ent.label == "PERSON" and not state else ""
            if role:  # "Acme spokesman John Doe": Acme; an analyst: none
                return self.firm(tok) if role in SPEAKERS else ""
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
            other = self._unbracket(other)  # "the group Acme Oy <ACME.HE>": not its ticker
            ent = self.entity_at.get(other.i)
            if ent is not None and ent.label in labels:
                return self.name(ent)
            if ent is None and labels is PARTIES and self.proper(other, None):
                return self.proper(other, None)  # "its tea business, Ekaterra," untagged
        after = bracketed_after(tok, self.wire) if labels is PARTIES else ""
        if labels is PARTIES:  # "the central bank, Bank Negara,", "Trans world airlines"
            after = (
                after
                or named_by_apposition(tok, self._org, self.nouns_by_lemma)
                or written_low(tok, self.entity_at)
            )
        if after:
            return after
        if loose:
            return self._nearest(tok, labels, places)
        return ""

    def issuer(self, tok: Token | None, avoid: str = "") -> str:
        """The company whose shares a word names, as `party` reads it, except that a name
        tagged as a person which begins an organisation's name in the article is that
        organisation: people have no shares ("Brennan common shares", Brennan Tool Group
        Inc named before; "Icahn's shares" are the holder's and never get here)."""
        span = self.entity_span.get(tok.i) if tok is not None else None
        if span is not None and self.entity_at[tok.i].label == "PERSON":
            words = span.text.split()
            firm = next((o for o in self.orgs if o.split()[: len(words)] == words), "")
            if firm and firm != avoid:
                return self.fuller.get(firm, firm)
        return self.party(tok, avoid=avoid)

    def _org(self, tok: Token) -> str:
        """The organisation a word names: tagged one, or an untagged proper name."""
        ent = self.entity_at.get(tok.i)
        if ent is None:
            return self.proper(tok, None)
        return self.name(ent) if ent.label in ORGS else ""

    def firm(self, tok: Token) -> str:
        """The company a person named with it speaks for ("Acme Corp treasurer Jane Roe"),
        else "" (see `names.firm_of_person`)."""
        found = firm_of_person(tok, self.entity_span.get(tok.i), self.entity_at)
        return self.name(found) if found is not None else ""

    def company(self, tok: Token, strict: bool = False) -> str:
        """The organisation a word names, tagged or not (the small model tags many companies
        as people or places), "" for known places and nationalities ("U.S. stocks"), for a
        person's possessive ("Icahn's shares") and, with `strict`, for any name not tagged an
        organisation ("its Dalton paper mill")."""
        if self.referents.anaphor(tok):
            return self.referents.resolve(tok)
        if tok.i in self.wire:
            return self.wire[tok.i]
        ent = self.entity_at.get(tok.i)
        if ent is None:
            return self.proper(tok, None)
        if ent.label in ("GPE", "LOC", "NORP", "FAC") and ent.kb_id:
            return ""  # a known place or nationality
        if strict and ent.label not in ("ORG", "WORK_OF_ART", "PRODUCT", "FAC"):
            return ""  # "its Dalton paper mill": a place or a person there is no company
        if ent.label == "PERSON" and tok.dep_ == "poss":
            return ""  # "Icahn's shares": the holder
        if ent.label == "PRODUCT":  # the small model's label for some businesses' names
            return self.name(ent) if strict else ""
        return self.party(tok)

    def bracketed(self, tok: Token) -> str:
        """The name wire copy marks with angle brackets or cut by a line wrap around the word
        (see `wire`), "" for other words and for a ticker ("Waste Management Inc <WNX>")."""
        return self.wire.get(tok.i, "")

    def ticker(self, tok: Token) -> bool:
        """Is the token inside a ticker's brackets ("<WNX>")?"""
        return tok.i in self.tickers

    def _unbracket(self, tok: Token) -> Token:
        """The word a bracket or a ticker stands for: the word before ">", the last word before
        the closing bracket after "<", the name before "<WNX>"."""
        doc = self.doc
        if tok.text in CLOSING and tok.i > 0 and proper_noun(doc[tok.i - 1]):
            tok = doc[tok.i - 1]
        elif tok.text in OPENING:
            end = next((t.i for t in doc[tok.i : tok.i + 12] if t.text in CLOSING), None)
            if end is not None and end > tok.i + 1 and proper_noun(doc[end - 1]):
                tok = doc[end - 1]
        if tok.i in self.tickers:
            opening = next((t.i for t in doc[max(tok.i - 3, 0) : tok.i] if t.text == "<"), tok.i)
            named = [t for t in doc[max(opening - 3, 0) : opening] if not t.is_space]
            if named and proper_noun(named[-1]):
                return named[-1]
        return tok

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
            found = []
            for t in level:
                if t.i in self.wire and labels is not PLACES:
                    found.append((False, self.wire[t.i]))
                ent = self.entity_at.get(t.i)
                if ent is None or ent.label not in labels:
                    continue
                if ent.label == "NORP" and len(ent.kb_id) != 2:
                    continue  # "European investors" name no country
                if ent.label not in skipped or t.dep_ == "poss":  # "Qatar's fund"
                    found.append((ent.label in PLACES or ent.label == "NORP", self.name(ent)))
            if found:  # a company before a place: "Norway's <Vestbanken> banking group"
                return min(found, key=lambda f: f[0])[1]
            level = [c for t in level for c in t.children]
        return ""

    def proper(self, head: Token, ent: Any) -> str:
        """A proper-noun name the entities stage missed or cut: "Catalent" untagged, "US" of
        "T-Mobile US" tagged a country, "Daimler Truck and Volvo Group" tagged as one name."""
        if not proper_noun(head) or self.figure(head) or head.text in self.row_words:
            return ""
        longer = of_legal(head, self.entity_span.get(head.i))
        if longer:
            return longer
        span = self.entity_span.get(head.i)
        while span is not None and head.dep_ == "compound" and head.i < head.head.i < span.end:
            head = head.head  # "Penn" of "Penn Traffic Co": the name's head word names it
        while head.i + 2 < len(self.doc) and not head.whitespace_:
            dash, after = self.doc[head.i + 1], self.doc[head.i + 2]
            if dash.text not in DASHES or dash.whitespace_ or not proper_noun(after):
                break
            head = after  # "Multi" of "Multi-Step", which the parser left in three pieces
        if ent is not None and ent.label in ORGS and one_firm(span):
            # "Star Oil and Gas Ltd": one name, with one legal form, at its end (not two names
            # run together: "X's Arsenal Holdings Inc")
            if not any(t.dep_ == "case" or t.is_punct for t in span):
                return ""
        start = head.i
        if head.i > 2 and legal_end(head.text) and self.doc[head.i - 1].text == ")":
            start -= 3  # "South Africa (Pty) Ltd": the name is before the legal forms
        while start > 0:
            prev = self.doc[start - 1]
            joined = prev.text in DASHES and not prev.whitespace_
            # "Savings and Loan Association" is one name when "and" sits between two names
            inner = (
                prev.lower_ in ("and", "&") and start > 1 and self.doc[start - 2].pos_ == "PROPN"
            )
            # a name the wire's line wrapping cut in two ("Emerson\nElectric Co")
            wrapped = "\n" in prev.text and start > 1 and proper_noun(self.doc[start - 2])
            # "Pinecrest Media", "General Motors": a capitalised word the tagger took for an
            # adjective is part of the name before a proper noun
            titled = prev.pos_ == "ADJ" and prev.text[:1].isupper() and prev.dep_ == "amod"
            named = proper_noun(prev) or joined or inner or wrapped or titled
            if not named or prev not in head.subtree:
                break
            if prev.lower_ in self.lex.legal_suffixes:
                break  # "... Golden Nugget Inc. Bally also acquired": the sentence ended there
            start -= 1
        text = strip_legal(" ".join(self.doc[start : head.i + 1].text.split()))
        text = respelled(text, self.orgs, self.text)  # "Staff Buildiers Inc": "Staff Builders"
        if legal_end(text):
            return ""  # "Inc" of "Stars to Go Inc": a legal form alone names no one
        subtree = set(head.subtree)
        if ent is None or any(t not in subtree for t in span if t.i > head.i):
            return text  # untagged, or the tag ran on past the name ("Hulu to Disney")
        if start < span.start and any(t.is_space for t in self.doc[start : span.start]):
            return text  # the entity is the part after a line break
        joined = any(t.dep_ == "cc" and t.lower_ == "and" for t in span)  # not "Johnson & Johnson"
        if (
            joined
            and not one_firm(span)
            and (
                any(c.dep_ == "conj" and c in span for c in head.children)
                or (head.dep_ == "conj" and head.head in span)
            )
        ):
            return text  # one of two conjoined names tagged as one entity
        if ent.label in ("GPE", "LOC", "NORP") and start < span.start and span.end == head.i + 1:
            return text  # a place name ending a company's name
        if ent.label == "PERSON" and name_before(self.doc[start : span.start], self.entity_at):
            return text  # "Corning Glass Works": the small model took the name's end for a person
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
            named = self.wire.get(t.i) or (self.name(ent) if ent and ent.label in PARTIES else "")
            if named and named not in names:
                names.append(named)
        return names

    def conj_party(self, tok: Token | None) -> str:
        """The second of two conjoined parties ("Honda and Sony will set up...")."""
        if tok is None:
            return ""
        for child in tok.children:
            if child.dep_ == "conj":
                return self.party(child)
        return ""

    def next_name(self, verb: Token) -> Token | None:
        """The name right after a verb the parser found no object for: in wire copy a
        bracketed name or one the line wrapping cut often loses its place in the parse
        ("agreed to sell <Bankhaus Centrale Credit AG>")."""
        after = next((t for t in self.doc[verb.i + 1 : verb.i + 3] if not t.is_space), None)
        if after is None:
            return None
        if after.text in OPENING:
            return self._unbracket(after)
        span = self.entity_span.get(after.i)
        if span is not None and span.start == after.i and self.entity_at[after.i].label in ORGS:
            return span[-1]
        return None

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
            return self.country_names.get(ent.kb_id) or country_name(ent.kb_id) or ent.canonical
        named = without_owner(ent.canonical or ent.text, self.people, self.firms)
        named = self.spelled_out.get(named, named)
        if ent.label not in ORGS:
            return named
        named = respelled(named, self.orgs, self.text)
        return self.possessive.get(named) or self.fuller.get(named, named)

    @cached_property
    def possessive(self) -> dict[str, str]:
        return possessive_names(self.entity_span, self.entity_at, self.people)

    @cached_property
    def fuller(self) -> dict[str, str]:
        return fuller_names(e.canonical for e in self.entities if e.label in ORGS)

    @cached_property
    def firms(self) -> set[str]:
        """The organisations the article names on their own, not before a possessive."""
        return {
            e.canonical
            for e in self.entities
            if e.label in ORGS and not self.text[e.end : e.end + 2].startswith(("'", "’"))
        }

    @cached_property
    def orgs(self) -> list[str]:
        """The organisations of the entities stage and the names written twice or more."""
        tagged = [e.canonical for e in self.entities if e.label in ORGS and e.canonical]
        return tagged + repeated_names(self.doc)

    @cached_property
    def people(self) -> list[str]:
        return [e.canonical or e.text for e in self.entities if e.label == "PERSON"]
