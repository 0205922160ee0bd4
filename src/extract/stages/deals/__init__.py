"""Deals: who invests in, buys, merges with, takes a stake in, expands into or sells what.

Row `Deal(doc_id, sentence, type, actor, target, amount_value, amount_currency, date, sectors,
evidence, start, end)`, one per deal an article reports:

- `type` is one of investment, acquisition, merger, stake, joint_venture, expansion,
  divestment.
- `actor` is who acts (investor, buyer, seller, the first merging party, the builder), `target`
  what it acts on (the invested-in place or company, the company bought, the other merging or
  venture party, the place expanded into, the business sold, or, when that has no name, its
  buyer). Both are the entities stage's `canonical` names, "" when the sentence names none.
  A nationality stands for its country ("Japanese companies invested" -> actor "Japan", via
  the entity's `kb_id`), and so does a person or body that speaks for a state ("Japanese Prime
  Minister Shigeru Ishiba announced...", "the U.S. government will take...").
- `amount_value`/`amount_currency`: the money amount attached to the trigger in the parse
  (inside its clause, or the clause of the verb a deal noun is the object of), the nearest
  one when several; per-share and other unit prices are never deal values. None/"" when the
  deal has none.
- `date`: the ISO value of the date nearest the trigger in the sentence, else of a date in the
  next sentence when that sentence refers back to the deal ("This commitment, made public on
  February 7, 2025, ..."), else "".
- `sectors`: the article's sector slugs joined by "; " (highest score first).
- `evidence` is the sentence; `start`/`end` are its character offsets, so
  `article.text[start:end] == evidence` always holds.
- An article reports each (type, actor, target) once: a later mention only fills the amount
  or date the first one lacked; in one sentence, two triggers with the same actor are one
  deal ("will invest $3.9bn to build a plant in Indiana"), typed by the first.
- A row names an actor and a target; or one of them and an amount attached to the trigger;
  or an actor and an unnamed business or facility ("Shell sold its Singapore refinery").
  Acquisitions, divestments, stakes, mergers and joint ventures need a named target or such
  a business; investments and expansions may leave the target open ("invest $2bn in its
  battery operations").

How: a spaCy Matcher finds the trigger lemmas of `data/deal_triggers.json` (verbs and nouns
per deal type, "build/open + plant/factory" for expansions); the dependency parse gives the
parties (subject or passive agent for the actor; object, "in/into X", "with X", "of X by Y",
possessive "Japan's investment" for actor and target; subjects of "agreed to buy" and "said it
would" are followed up the tree). A trigger is not a deal when it lies inside a name
("European Investment Bank"), modifies another noun ("investment bank", "merger talks"; not
"takeover bid"), is negated, hedged by a modal (could, might, may, should) or by a word such as
"rejected", "blocked", "in talks", "considering" on its way up to the main verb; nor are buys
and sales of things that are not businesses ("investors sold shares", "bought fewer cars"),
share buy-backs, or expansions of anything but a facility or into a place. Announced and
agreed deals ("will buy", "agreed to buy", "said it would sell", "a proposed merger", "a
takeover bid") are deals.

Parties are the entities the parse points at, never merely the nearest entity in the sentence
(that guess costs more precision than it brings recall). Where the entities stage has no
entity on the head of the phrase, or one that runs past the name ("Hulu to Disney") or joins
two conjoined names, the proper-noun chain of the head stands in ("Catalent", "T-Mobile US").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import pycountry
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from extract.article import Article
from extract.config import Settings
from extract.stages import Stage, data_path

DATA = data_path("deal_triggers.json")
TYPES = ("investment", "acquisition", "merger", "stake", "joint_venture", "expansion", "divestment")
# WORK_OF_ART: the small model's label for many company names ("SRS Distribution").
PARTIES = frozenset({"ORG", "GPE", "NORP", "PERSON", "LOC", "FAC", "WORK_OF_ART"})
# Deal types whose target may go unnamed ("will invest $2bn in its battery operations").
OPEN_TARGET = frozenset({"investment", "expansion"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
ORGS = frozenset({"ORG"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"})
DASHES = frozenset({"-", "–"})
RELATIVE = frozenset({"which", "that", "who", "whom", "whose"})
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Clauses whose missing subject is the subject of the clause they hang from.
SHARED_SUBJECT = frozenset({"xcomp", "conj", "advcl", "pcomp", "acl"})
CLAUSE_STOPS = frozenset({"advcl", "relcl", "parataxis"})
HEDGE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
# Dependents that are part of a name or a list of names, not modifiers of it.
NAME_PARTS = frozenset({"compound", "nmod", "conj", "cc", "flat", "poss", "case"})
VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True)
class Deal:
    doc_id: str
    sentence: int  # index of the sentence (spaCy's parser) holding the deal
    type: str
    actor: str
    target: str
    amount_value: float | None
    amount_currency: str
    date: str  # ISO 8601 as the dates stage gives it, "" when none
    sectors: str  # "; "-joined sector slugs of the article
    evidence: str  # the sentence
    start: int  # character offsets of the sentence: article.text[start:end] == evidence
    end: int


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]  # lemma phrase -> deal type
    nouns: dict[str, str]
    facility_verbs: frozenset[str]
    facility_nouns: frozenset[str]
    asset_nouns: frozenset[str]
    stake_nouns: frozenset[str]  # what one holds in a company: stake, interest, holding
    partitives: frozenset[str]  # "part of", "9.9% of": the object is what follows "of"
    deal_heads: frozenset[str]
    hedges: frozenset[str]
    modals: frozenset[str]
    negations: frozenset[str]
    title_words: frozenset[str]  # single words of the state titles
    anaphors: frozenset[str]
    singular_only: frozenset[str]  # nouns that name no deal in the plural ("sales")


@dataclass
class _Frame:
    """One candidate deal while it is being read off the parse."""

    type: str
    trigger: Token
    host: Token  # the token whose clause holds the deal's arguments
    actor: str = ""
    target: str = ""
    asset: bool = False  # the deal is over a business or facility the sentence leaves unnamed


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = json.loads(DATA.read_text(encoding="utf-8"))

    def flip(groups: dict[str, list[str]]) -> dict[str, str]:
        return {w: kind for kind, words in groups.items() for w in words}

    return Lexicon(
        verbs=flip(data["verbs"]),
        nouns=flip(data["nouns"]),
        facility_verbs=frozenset(data["facility_verbs"]),
        facility_nouns=frozenset(data["facility_nouns"]),
        asset_nouns=frozenset(data["asset_nouns"]),
        stake_nouns=frozenset(data["stake_nouns"]),
        partitives=frozenset(data["partitives"]),
        deal_heads=frozenset(data["deal_heads"]),
        hedges=frozenset(data["hedges"]),
        modals=frozenset(data["modals"]),
        negations=frozenset(data["negations"]),
        title_words=frozenset(w for t in data["state_titles"] for w in t.split()),
        anaphors=frozenset(data["anaphors"]),
        singular_only=frozenset(data["singular_only"]),
    )


def _trigger_phrases() -> list[tuple[str, list[str]]]:
    """Every trigger phrase with its words, split as spaCy tokenizes it."""
    lex = load_lexicon()
    # "spin-off" is three tokens to spaCy.
    return [
        (p, p.replace("-", " - ").split()) for p in {*lex.verbs, *lex.nouns, *lex.facility_verbs}
    ]


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    for phrase, words in _trigger_phrases():
        # Lemmas keep the case of proper nouns.
        pattern = [{"LEMMA": {"IN": [w, w.capitalize()]}} for w in words]
        matcher.add(phrase, [pattern])
    return matcher


@lru_cache(maxsize=1)
def _trigger_starts() -> frozenset[str]:
    """The lower-cased first word of every trigger phrase."""
    return frozenset(words[0].lower() for _, words in _trigger_phrases())


def extract(
    doc: Doc,
    article: Article,
    settings: Settings,
    entities: Sequence[Any],
    amounts: Sequence[Any],
    dates: Sequence[Any],
    sectors: Sequence[Any],
) -> list[Deal]:
    """The deals one article reports, in text order, each (type, actor, target) once.

    It reads the rows of the earlier stages (`pipeline.extract_doc` passes them all).
    """
    if not doc.has_annotation("DEP"):
        return []  # the parties come from the parse: a pipeline without one finds no deals
    reader = _Reader(doc, entities, amounts, dates)
    slugs = "; ".join(s.sector for s in sectors)
    sents = list(doc.sents)
    found: list[Deal] = []
    for index, sent in enumerate(sents):
        following = sents[index + 1] if index + 1 < len(sents) else None
        for frame in _dedupe_sentence(reader.frames(sent)):
            amount = reader.amount(frame, sent)
            found.append(
                Deal(
                    doc_id=article.doc_id,
                    sentence=index,
                    type=frame.type,
                    actor=frame.actor,
                    target=frame.target,
                    amount_value=amount.value if amount else None,
                    amount_currency=amount.currency if amount else "",
                    date=reader.date(frame, sent, following),
                    sectors=slugs,
                    evidence=article.text[sent.start_char : sent.end_char],
                    start=sent.start_char,
                    end=sent.end_char,
                )
            )
    return _dedupe_article(found)


def _dedupe_sentence(frames: list[_Frame]) -> list[_Frame]:
    """One deal per actor and target in a sentence: two triggers there are two words for one
    deal ("will invest $3.9bn to build a plant in Indiana"); the first trigger names its type,
    the other may name the target the first left open."""
    out: list[_Frame] = []
    for frame in frames:
        same = next(
            (
                kept
                for kept in out
                if kept.actor == frame.actor
                and (kept.target == frame.target or not kept.target or not frame.target)
            ),
            None,
        )
        if same is None:
            out.append(frame)
        elif not same.target:
            same.target = frame.target
    return out


def _dedupe_article(deals: list[Deal]) -> list[Deal]:
    first: dict[tuple[str, str, str], int] = {}
    out: list[Deal] = []
    for deal in deals:
        key = (deal.type, deal.actor, deal.target)
        if key not in first:
            first[key] = len(out)
            out.append(deal)
            continue
        kept = out[first[key]]
        if kept.amount_value is None and deal.amount_value is not None:
            kept = replace(
                kept, amount_value=deal.amount_value, amount_currency=deal.amount_currency
            )
        if not kept.date and deal.date:
            kept = replace(kept, date=deal.date)
        out[first[key]] = kept
    return out


class _Reader:
    """Reads deal frames off one parsed Doc, with the earlier stages' rows indexed by token."""

    def __init__(self, doc: Doc, entities: Iterable[Any], amounts: Iterable[Any], dates) -> None:
        self.doc = doc
        self.lex = load_lexicon()
        self.entity_at: dict[int, Any] = {}
        self.entity_span: dict[int, Span] = {}
        country_names: dict[str, str] = {}
        for ent in entities:
            span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.entity_at[tok.i] = ent
                self.entity_span[tok.i] = span
            if ent.label == "GPE" and len(ent.kb_id) == 2:
                country_names.setdefault(ent.kb_id, ent.canonical or ent.text)
        self.country_names = country_names
        self.amounts: list[tuple[Span, Any]] = []
        for row in amounts:
            span = doc.char_span(row.start, row.end, alignment_mode="expand")
            # A price per share/barrel is not what a deal is worth.
            if span is not None and not row.per and row.value and row.value > 0:
                self.amounts.append((span, row))
        self.dates: list[tuple[Span, Any]] = []
        for row in dates:
            span = doc.char_span(row.start, row.end, alignment_mode="expand")
            if span is not None and row.value:
                self.dates.append((span, row))
        self.date_at = {t.i for span, _ in self.dates for t in span}
        self.amount_at = {t.i for span, _ in self.amounts for t in span}

    # --- triggers ----------------------------------------------------------------------

    def frames(self, sent: Span) -> list[_Frame]:
        lex = self.lex
        if not any(t.lemma_.lower() in _trigger_starts() for t in sent):
            return []  # the matcher is the stage's main cost: skip sentences it cannot match
        matches = _matcher(self.doc.vocab)(sent, as_spans=True)
        out: list[_Frame] = []
        consumed: set[int] = set()  # noun triggers a verb trigger has read already
        triggers = []
        for span in filter_spans(matches):
            phrase = self.doc.vocab.strings[span.label]
            head = span[0] if span[0].pos_ in VERB_POS else span[-1]
            triggers.append((head, phrase))
        for head, phrase in triggers:
            if head.i in self.entity_at or head.i in consumed or self._hedged(head):
                continue
            frame = None
            if head.pos_ in VERB_POS:
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

    def _complete(self, frame: _Frame, sent: Span) -> bool:
        if frame.actor and frame.target:
            return True
        if frame.asset and frame.actor:
            return True  # "Shell sold its Singapore refinery"
        if not frame.target and frame.type not in OPEN_TARGET:
            return False  # a purchase, sale, stake or merger of nothing named is no lead
        return bool(frame.actor or frame.target) and self.amount(frame, sent) is not None

    def _hedged(self, trigger: Token) -> bool:
        """Negated, modal or hedged anywhere from the trigger up to its clause's verb, and
        through the verbs that report or embed that clause ("denied it was in talks to")."""
        lex = self.lex
        for tok, own in _clause_path(trigger):
            # A conjunct shares its head's modals, not its head's verb ("rejected the offer
            # and bought Y" is a purchase; "would like to buy X and sell Y" is not).
            if (
                own
                and tok.pos_ in HEDGE_POS
                and {tok.lemma_.lower(), self._phrase(tok)} & lex.hedges
            ):
                return True
            for child in tok.children:
                word = child.lower_
                if child.dep_ == "neg" or (child.dep_ == "det" and word in lex.negations):
                    return True
                if child.dep_ == "aux" and word in lex.modals:
                    return True
                if child.dep_ in ("mark", "amod") and child.lemma_.lower() in lex.hedges:
                    return True
        return False

    @staticmethod
    def _phrase(verb: Token) -> str:
        particles = [c.lemma_.lower() for c in verb.children if c.dep_ == "prt"]
        return " ".join([verb.lemma_.lower(), *particles])

    # --- verbs -------------------------------------------------------------------------

    def _verb(self, verb: Token, kind: str, consumed: set[int]) -> _Frame | None:
        lex = self.lex
        if any(c.dep_ == "prt" and c.lower_ == "back" for c in verb.children):
            return None  # share buy-backs
        frame = _Frame(kind, verb, verb)
        actor_tok, obj = self._subject_object(verb)
        frame.actor = self._actor(actor_tok)
        if kind == "investment":
            place = self._verb_prep(verb, obj, ("in", "into"))
            frame.target = self._party(place, loose=True)
            return frame
        if kind == "merger":
            partner = self._prep(verb, ("with", "into"))
            frame.target = self._party(partner) or self._conj_party(actor_tok)
            return frame
        if kind == "expansion":
            if obj is not None and self._facility_noun(obj):
                frame.target = self._place(obj) or self._place_in_preps(verb)
                return frame
            into = self._prep(verb, ("into",))
            frame.target = self._party(into, labels=PLACES)
            return frame if frame.target else None
        # acquisition and divestment: the object must be a business, a stake or a name.
        if obj is None:
            return None
        company = self._share_of(obj)
        if company is not None:  # "bought 9.9% of Aixtron", "acquired 453,300 shares of X"
            frame.type = "stake" if kind == "acquisition" else kind
            frame.target = self._party(company)
            return frame if frame.target else None
        obj = self._of_object(obj)
        if obj.lemma_.lower() in lex.stake_nouns:
            consumed.add(obj.i)
            frame.type = "stake" if kind == "acquisition" else kind
            frame.target = self._holding(obj)
            if not frame.target and kind == "divestment":
                frame.target = self._party(self._verb_prep(verb, obj, ("to",)))
            return frame
        named = self._party(obj) or self._party(self._prep(verb, ("as",)))
        if named:
            frame.target = named
        elif self._asset(obj):
            frame.asset = True
            # "the European business of Indonesia's Wijaya", "the assets of its unit X"
            frame.target = self._party(self._prep(obj, ("of",)))
            if not frame.target and kind == "divestment":
                frame.target = self._party(self._verb_prep(verb, obj, ("to",)))
        else:
            return None
        return frame

    def _asset(self, tok: Token) -> bool:
        """A business or a facility: what a company buys or sells, unlike shares or cars."""
        return tok.lemma_.lower() in self.lex.asset_nouns or self._facility_noun(tok)

    def _holding(self, stake: Token) -> str:
        """Whose stake: "a stake in X", or "in X's storage unit" for a stake in X's business."""
        holding = self._prep(stake, ("in",))
        return self._party(holding) or self._party(holding, loose=True, labels=ORGS)

    def _subject_object(self, verb: Token) -> tuple[Token | None, Token | None]:
        """(actor token, object token) of a trigger verb, active, passive or relative."""
        children = list(verb.children)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in children)
        obj = next((c for c in children if c.dep_ in ("dobj", "nsubjpass")), None)
        if passive:
            agent = next((c for c in children if c.dep_ == "agent"), None)
            actor = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        else:
            actor = self._subject(verb)
        if verb.dep_ == "relcl":
            # "Arm, which SoftBank bought": the relative pronoun stands for the head noun.
            if obj is not None and obj.lower_ in RELATIVE:
                obj = verb.head
            elif actor is not None and actor.lower_ in RELATIVE:
                actor = verb.head
            elif obj is None and actor is not None:
                obj = verb.head
        return actor, obj

    def _subject(self, verb: Token) -> Token | None:
        tok = verb
        for _ in range(8):
            subject = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
            if subject is not None:
                return self._antecedent(subject)
            if tok.dep_ == "acl":
                return self._proposer(tok.head)
            if tok.dep_ not in SHARED_SUBJECT or tok.head == tok:
                return None
            tok = tok.head
        return None

    def _proposer(self, noun: Token) -> Token | None:
        """Who makes the offer, agreement or plan a deal verb hangs from: its owner ("Musk's
        offer to buy"), who it comes from ("received a proposal from BHP to buy"), else the
        subject of the verb that holds it ("X signed a letter of intent to buy Y")."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None:
            return self._antecedent(owner)
        holder = noun
        while holder.dep_ in ("pobj", "prep") and holder.head != holder:
            holder = holder.head  # "a letter of intent to buy"
        verb = holder.head if holder.dep_ in ("dobj", "attr") else None
        source = self._prep(noun, ("from", "by"))
        if source is None and verb is not None:
            source = self._prep(verb, ("from", "by"))
        if source is not None or verb is None or verb.pos_ not in VERB_POS:
            return source
        return self._subject(verb)

    def _antecedent(self, tok: Token) -> Token:
        """A pronoun subject of a reported clause ("BP said it would sell") is the speaker."""
        if tok.lower_ not in PRONOUNS:
            return tok
        verb = tok.head
        while verb.dep_ in ("ccomp", "xcomp", "conj", "advcl") and verb.head != verb:
            verb = verb.head
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in PRONOUNS:
                return subject
        return tok

    def _of_object(self, obj: Token) -> Token:
        """What an amount or a part stands for: "$4bn of stocks" -> stocks, "part of its
        stake" -> stake."""
        if self._in_amount(obj) or obj.lower_ in self.lex.partitives:
            of = self._prep(obj, ("of",))
            if of is not None:
                return of
        return obj

    def _share_of(self, obj: Token) -> Token | None:
        """The company in "9.9% of Aixtron" or "453,300 shares of/in X": owning part of a
        company is a stake in it (shares of no named company are trading, not a deal)."""
        if obj.lower_ in ("%", "percent", "pct"):
            of = self._prep(obj, ("of",))
            return self._of_object(of) if of is not None else None
        if obj.lemma_.lower() in ("share", "stock"):
            return self._prep(obj, ("of", "in"))
        return None

    def _in_amount(self, tok: Token) -> bool:
        return tok.i in self.amount_at or tok.like_num

    # --- facilities --------------------------------------------------------------------

    def _facility(self, verb: Token) -> _Frame | None:
        actor_tok, obj = self._subject_object(verb)
        if obj is None or not self._facility_noun(obj):
            return None
        frame = _Frame("expansion", verb, verb)
        frame.actor = self._actor(actor_tok)
        frame.target = self._place(obj) or self._place_in_preps(verb)
        return frame

    def _facility_noun(self, tok: Token) -> bool:
        nouns = self.lex.facility_nouns
        compound = [c.lemma_.lower() for c in tok.lefts if c.dep_ == "compound"][-1:]
        return tok.lemma_.lower() in nouns or " ".join([*compound, tok.lemma_.lower()]) in nouns

    def _place(self, tok: Token) -> str:
        """The first place named in a noun phrase ("its Kentucky plant", "a plant in Hungary")."""
        for t in tok.subtree:
            ent = self.entity_at.get(t.i)
            if ent is not None and ent.label in PLACES:
                return self._name(ent)
        return ""

    def _place_in_preps(self, verb: Token) -> str:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "into", "near", "at"):
                place = self._place(child)
                if place:
                    return place
        return ""

    # --- nouns -------------------------------------------------------------------------

    def _noun(self, noun: Token, kind: str) -> _Frame | None:
        host = noun
        if noun.dep_ == "compound":
            if noun.head.lemma_.lower() not in self.lex.deal_heads:
                return None  # "investment bank", "merger talks"
            host = noun.head
        frame = _Frame(kind, noun, host)
        owner = next((c for c in [*noun.children, *host.children] if c.dep_ == "poss"), None)
        by = self._prep(host, ("by",)) or self._prep(noun, ("by",))
        of = self._prep(noun, ("of",))
        between = self._prep(noun, ("between",))
        governor = self._governor(host)
        actor_tok = by or (owner if owner is not None and owner.lower_ not in PRONOUNS else None)
        if actor_tok is None and governor is not None:
            actor_tok = self._subject(governor)
        if actor_tok is None and owner is not None:
            actor_tok = self._antecedent(owner)
        if kind in ("merger", "joint_venture"):
            pair = of if kind == "merger" and by is None else None
            pair = pair or between
            if pair is not None and any(c.dep_ == "poss" for c in pair.children):
                pair = None  # "merged their operations": the parties are the subject
            if pair is not None:
                # "the merger of X and Y": the parse may miss the conjunction, the names stay
                named = self._names_in(pair)
                frame.actor = named[0] if named else self._party(pair)
                frame.target = named[1] if len(named) > 1 else self._conj_party(pair)
            else:
                frame.actor = self._actor(actor_tok)
                partner = self._prep(noun, ("with",))
                frame.target = self._party(partner) or self._conj_party(actor_tok)
            return frame
        frame.actor = self._actor(actor_tok)
        if kind in ("acquisition", "divestment"):
            if of is None:
                return None  # "shifts from acquisition to investment": no deal named
            of = self._of_object(of)
            if of.lemma_.lower() in self.lex.stake_nouns:
                frame.target = self._holding(of)
                return frame
            frame.target = self._party(of)
            if not frame.target:
                if not self._asset(of):
                    return None  # "the purchase of shares", "the sale of bonds"
                frame.asset = True
            if not frame.target and kind == "divestment":
                buyer = self._prep(noun, ("to",))
                if buyer is None and governor is not None:
                    buyer = self._prep(governor, ("to",))
                frame.target = self._party(buyer)
            return frame
        if kind == "stake":
            frame.target = self._holding(noun)
            return frame
        place = self._prep(noun, ("in", "into"))
        if kind == "expansion":
            frame.target = self._party(place, labels=PLACES, loose=True)
            if not frame.target and of is not None and self._facility_noun(of):
                frame.target = self._place(of)
            return frame
        frame.target = self._party(place, loose=True)  # investment
        return frame

    @staticmethod
    def _governor(noun: Token) -> Token | None:
        """The verb a deal noun is the object of ("announced a $1 trillion investment")."""
        if noun.dep_ in ("dobj", "attr", "appos") and noun.head.pos_ in VERB_POS:
            # "said the purchase of X was..." is a misparse: nobody says a purchase
            return None if noun.head.lemma_ in ("say", "tell") else noun.head
        if noun.dep_ == "pobj" and noun.head.head.pos_ in VERB_POS:
            prep = noun.head
            if prep.lower_ in ("in", "into", "to"):  # "entered into a joint venture"
                return prep.head
        return None

    # --- parties -----------------------------------------------------------------------

    def _verb_prep(self, verb: Token, obj: Token | None, words: tuple[str, ...]) -> Token | None:
        """A prepositional object of the verb, or of its amount object: the parser often
        hangs "in X" on the money ("invest $35 billion in data centers")."""
        found = self._prep(verb, words)
        if found is None and obj is not None and self._in_amount(obj):
            found = self._prep(obj, words)
        return found

    @staticmethod
    def _prep(tok: Token, words: tuple[str, ...]) -> Token | None:
        for child in tok.children:
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ in words:
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        return None

    def _actor(self, tok: Token | None) -> str:
        return self._party(tok, loose=True, places=False)

    def _party(
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
            state = self._state(tok, ent) if ent.label == "PERSON" else ""
            return state or self._proper(tok, ent) or self._name(ent)
        if ent is None and labels is PARTIES:
            named = self._proper(tok, None)
            if named:
                return named
        if tok.lemma_.lower() in self.lex.title_words:
            state = self._state(tok, None)
            if state:
                return state
        # "its unit, GE HealthCare" and "Kenvue, the consumer health business that..."
        related = [c for c in tok.children if c.dep_ == "appos"]
        if tok.dep_ == "appos":
            related.append(tok.head)
        for other in related:
            ent = self.entity_at.get(other.i)
            if ent is not None and ent.label in labels:
                return self._name(ent)
        if loose:
            # Breadth first: the name nearest the phrase's head in the tree, so "a group led
            # by New York investor Asher Edelman" is Edelman's, not New York's.
            # A nationality stands for its country in "Japanese companies", not in "the
            # Dutch flag carrier", which is one company; as an actor, neither does a place
            # in "a group of New York-based firms".
            plural = tok.tag_ in ("NNS", "NNPS") or tok.lemma_.lower() in self.lex.title_words
            skipped = (set() if plural else {"NORP"}) | (set() if places else PLACES)
            level = [tok]
            while level:
                for t in level:
                    ent = self.entity_at.get(t.i)
                    if ent is None or ent.label not in labels:
                        continue
                    if ent.label not in skipped or t.dep_ == "poss":  # "Qatar's fund"
                        return self._name(ent)
                level = [c for t in level for c in t.children]
        return ""

    def _proper(self, head: Token, ent: Any) -> str:
        """A proper-noun name the entities stage missed or cut: "Catalent" untagged, "US" of
        "T-Mobile US" tagged a country, "Daimler Truck and Volvo Group" tagged as one name."""
        if not _proper_noun(head) or self._in_amount(head) or head.i in self.date_at:
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

    def _names_in(self, tok: Token) -> list[str]:
        """The names of a coordination ("X and Y"), without those of its modifiers
        ("X, a unit of Z, and Y")."""
        reached, level = [tok], [tok]
        while level:
            level = [c for t in level for c in t.children if c.dep_ in NAME_PARTS]
            reached += level
        names: list[str] = []
        for t in sorted(reached, key=lambda t: t.i):
            ent = self.entity_at.get(t.i)
            if ent is not None and ent.label in PARTIES and self._name(ent) not in names:
                names.append(self._name(ent))
        return names

    def _conj_party(self, tok: Token | None) -> str:
        """The second of two conjoined parties ("Honda and Sony will set up...")."""
        if tok is None:
            return ""
        for child in tok.children:
            if child.dep_ == "conj":
                return self._party(child)
        return ""

    def _state(self, head: Token, ent: Any) -> str:
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
                return self._name(country)
        return ""

    def _name(self, ent: Any) -> str:
        if ent.label == "NORP" and len(ent.kb_id) == 2:
            return self.country_names.get(ent.kb_id) or _country_name(ent.kb_id) or ent.canonical
        return ent.canonical or ent.text

    # --- amounts and dates -------------------------------------------------------------

    def amount(self, frame: _Frame, sent: Span) -> Any | None:
        """The amount in the trigger's clause (or the deal noun's verb's) nearest to it; an
        amount elsewhere in the sentence is about something else ("annual sales of $74bn")."""
        inside = [(s, r) for s, r in self.amounts if sent.start <= s.start < sent.end]
        if not inside:
            return None
        anchors = {frame.host.i, frame.trigger.i}
        governor = self._governor(frame.host) if frame.host.pos_ in NOUN_POS else None
        if frame.host.dep_ == "acl":  # "Musk's $44 billion offer to buy Twitter"
            governor = frame.host.head
        if governor is not None:
            anchors.add(governor.i)
        attached = [(s, r) for s, r in inside if _reaches(s.root, anchors)]
        if not attached:
            return None
        return min(attached, key=lambda sr: abs(sr[0].root.i - frame.trigger.i))[1]

    def date(self, frame: _Frame, sent: Span, following: Span | None) -> str:
        inside = [(s, r) for s, r in self.dates if sent.start <= s.start < sent.end]
        if inside:
            return min(inside, key=lambda sr: abs(sr[0].root.i - frame.trigger.i))[1].value
        if following is not None and self._refers_back(following):
            later = [r for s, r in self.dates if following.start <= s.start < following.end]
            if later:
                return later[0].value
        return ""

    def _refers_back(self, sent: Span) -> bool:
        """Does the sentence open on "This/The deal|commitment|investment ..."?"""
        subject = next((t for t in sent if t.dep_ in SUBJECTS), None)
        if subject is None or subject.lemma_.lower() not in self.lex.anaphors:
            return False
        return any(
            c.dep_ == "det" and c.lower_ in ("this", "the", "that") for c in subject.children
        )


def _reaches(tok: Token, anchors: set[int]) -> bool:
    """Does `tok` hang from one of the anchors inside one clause? An amount in a clause of its
    own ("..., creating a company with $74bn in sales") is not the deal's."""
    while tok.i not in anchors:
        if tok.dep_ in CLAUSE_STOPS or tok.dep_ == "ccomp" or tok.head == tok:
            return False
        tok = tok.head
    return True


def _proper_noun(tok: Token) -> bool:
    """A proper noun, or a capitalised noun inside a sentence that the tagger took for a
    common one ("agreed to purchase Splunk")."""
    if tok.pos_ == "PROPN":
        return True
    return tok.pos_ == "NOUN" and tok.text[:1].isupper() and not tok.is_sent_start


def _clause_path(tok: Token) -> list[tuple[Token, bool]]:
    """The token and its heads up to the first adverbial, relative or parenthetical clause
    ("shares dropped after X agreed to buy Y" is no dropped deal), each with whether its own
    word counts: not for the head a conjunct hangs from."""
    path = [(tok, True)]
    while tok.dep_ not in CLAUSE_STOPS and tok.head != tok:
        own = tok.dep_ != "conj"
        tok = tok.head
        path.append((tok, own))
    return path


@lru_cache(maxsize=256)
def _country_name(alpha_2: str) -> str:
    country = pycountry.countries.get(alpha_2=alpha_2)
    if country is None:
        return ""
    return getattr(country, "common_name", None) or country.name


STAGE = Stage(
    name="deals",
    row=Deal,
    extract=extract,
    description="who invests how much in whom, when",
    needs=("entities", "amounts", "dates", "sectors"),
    data=("deal_triggers.json",),
    scorer="deals",
    report=("type", "actor", "target", "amount_value", "amount_currency", "date", "evidence"),
)
