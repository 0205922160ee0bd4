"""Deal triggers: the lexicon of `data/deal_triggers.json`, the PhraseMatcher that finds its
words in a sentence, and the test that tells how certain a trigger's deal is: announced ("has
agreed to sell"), proposed ("could sell", "rejected a takeover", "is in talks to buy") or
denied ("did not buy", "denied it would sell": no deal).

`find(sent)` gives each trigger once, as (head token, phrase): the verb of a verb phrase
("take over"), the last word of a noun phrase ("joint venture"), the longest phrase where two
overlap. Lemmas are matched, in lower case or capitalised, so "Takeover" at a sentence start
and "acquired" are found too. Wire copy is typed in haste: a noun one slip away from a trigger
noun of eight letters or more is that trigger ("acquisiton", "acuqisition", "takover"; see
`misspelt`): a letter left out or two swapped, and for words over eight letters a letter
added or changed too; a word whose lemma is a trigger already ("acquisitions") is no slip.
`Words` reads a Doc's words once for all its sentences: where a trigger may start, and the
slips.
"""

from __future__ import annotations

import itertools
import json
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from extract.stages import data_path

DATA = data_path("deal_triggers.json")
TYPES = (
    "investment",
    "acquisition",
    "merger",
    "stake",
    "joint_venture",
    "expansion",
    "divestment",
    "loan",
)
VERB_POS = frozenset({"VERB", "AUX"})
HEDGE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
CLAUSE_STOPS = frozenset({"advcl", "relcl", "parataxis", "appos"})
# Prepositions that, like an adverbial clause, tell why or after what something else happens
# ("may downgrade X's debt because of its agreement to be acquired by Y"): the deal is no
# part of that clause's hedges.
CAUSE_PREPS = frozenset({"because", "following", "after", "amid", "despite"})


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
    denials: frozenset[str]  # words that say the deal does not happen ("deny", "refuse")
    bars: frozenset[str]  # words that keep a deal from happening ("prohibit X from buying")
    talks_heads: frozenset[str]  # "merger talks": a proposed deal
    bid_heads: frozenset[str]  # "a merger offer from X": a bid
    owned_nouns: frozenset[str]  # stake nouns whose company follows "of" ("ownership of X")
    holder_nouns: frozenset[str]  # "an investor group bought...": a buyer left unnamed
    modals: frozenset[str]
    weighing: frozenset[str]  # hedges that weigh an offer made, not one to make
    negations: frozenset[str]
    title_words: frozenset[str]  # single words of the state titles
    anaphors: frozenset[str]
    singular_only: frozenset[str]  # nouns that name no deal in the plural ("sales")
    offers: frozenset[str]  # a bid: "for X" names what is bid for
    receivers: frozenset[str]  # "received an offer from X": the subject is bid for
    refusers: frozenset[str]  # "rejected an offer from X": so is it, the offer proposed
    joining_verbs: frozenset[str]  # "become a unit of X": X buys the subject
    member_nouns: frozenset[str]
    equity_words: frozenset[str]  # "an equity investment in X" is a stake
    spending_words: frozenset[str]  # "capital investment": spending, no deal
    results: frozenset[str]  # "a gain on the sale of X": a past deal in the accounts
    loans: frozenset[str]  # lend, loan, credit facility: the lender to the borrower
    lending: frozenset[str]  # the verbs of a loan ("lend", "borrow"): its sum is no deal's
    loan_givers: frozenset[str]  # verbs whose subject lends the loan they govern
    loan_takers: frozenset[str]  # verbs whose subject borrows it
    funding: frozenset[str]  # raise, lead, round: a funding round, with a funding cue
    funding_cues: frozenset[str]  # words that make raised money a funding round
    stake_cuts: frozenset[str]  # verbs that make a stake a sale ("cut its stake in X")
    holding_verbs: frozenset[str]  # "has a $5m investment in X": a stake held
    control_verbs: frozenset[str]  # "took control of X": an acquisition
    completing_verbs: frozenset[str]  # "to complete its takeover of X": a deal made
    hiring_verbs: frozenset[str]  # "retained a bank to sell X": a sale sought
    share_words: frozenset[str]  # "shares of X", "X's stock": part of the company X
    whole_words: frozenset[str]  # "all shares of X": X itself
    anaphor_nouns: frozenset[str]  # "the company", "the bank": stand for a party named before
    kind_nouns: frozenset[str]  # "the bank": a line of business a name may carry ("X Bank")
    organs: frozenset[str]  # "its board" acts for its company
    legal_suffixes: frozenset[str]  # "Inc.": a name ends there even when no sentence does


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
        denials=frozenset(data["denials"]),
        bars=frozenset(data["bars"]),
        talks_heads=frozenset(data["talks_heads"]),
        bid_heads=frozenset(data["bid_heads"]),
        owned_nouns=frozenset(data["owned_nouns"]),
        holder_nouns=frozenset(data["holder_nouns"]),
        modals=frozenset(data["modals"]),
        weighing=frozenset(data["weighing"]),
        negations=frozenset(data["negations"]),
        title_words=frozenset(w for t in data["state_titles"] for w in t.split()),
        anaphors=frozenset(data["anaphors"]),
        singular_only=frozenset(data["singular_only"]),
        offers=frozenset(data["offers"]),
        receivers=frozenset(data["receivers"]),
        refusers=frozenset(data["refusers"]),
        joining_verbs=frozenset(data["joining_verbs"]),
        member_nouns=frozenset(data["member_nouns"]),
        equity_words=frozenset(data["equity_words"]),
        spending_words=frozenset(data["spending_words"]),
        results=frozenset(data["results"]),
        loans=frozenset(data["loans"]),
        lending=frozenset({w for w in data["loans"] if " " not in w} | {"borrow"}),
        loan_givers=frozenset(data["loan_givers"]),
        loan_takers=frozenset(data["loan_takers"]),
        funding=frozenset(data["funding"]),
        funding_cues=frozenset(data["funding_cues"]),
        stake_cuts=frozenset(data["stake_cuts"]),
        holding_verbs=frozenset(data["holding_verbs"]),
        control_verbs=frozenset(data["control_verbs"]),
        completing_verbs=frozenset(data["completing_verbs"]),
        hiring_verbs=frozenset(data["hiring_verbs"]),
        share_words=frozenset(data["share_words"]),
        whole_words=frozenset(data["whole_words"]),
        anaphor_nouns=frozenset(data["anaphor_nouns"]),
        kind_nouns=frozenset(data["kind_nouns"]),
        organs=frozenset(data["organs"]),
        legal_suffixes=frozenset(data["legal_suffixes"]),
    )


def find(sent: Span, words: Words | None = None) -> list[tuple[Token, str]]:
    """The triggers of a sentence in text order: (head token, lexicon phrase); the head is a
    verb phrase's first word, a noun phrase's last or, past "of", its root ("line of credit":
    line). A long word one
    slip away from a long trigger word is that word ("acquisiton", "acuqisition": wire copy
    is typed in haste), unless its lemma is a trigger already ("acquisitions"). `words` is
    the Doc's `Words`, read once for all its sentences (read for this one when not given)."""
    if words is None:
        words = Words(sent)
    doc = sent.doc
    typos = [(doc[i], w) for i, w in words.typos if sent.start <= i < sent.end]
    if not typos and not words.starts_within(sent.start, sent.end):
        return []  # the matcher is the stage's main cost: skip sentences it cannot match
    vocab = doc.vocab
    found = []
    for span in filter_spans(_matcher(vocab)(sent, as_spans=True)):
        head = span[0] if span[0].pos_ in VERB_POS else span[-1]
        if head.dep_ == "pobj" and head.head in span:
            head = span.root  # "line of credit": the line, which the verb governs
        found.append((head, vocab.strings[span.label]))
    found += [(t, w) for t, w in typos if t.pos_ in ("NOUN", "PROPN")]
    return sorted(found, key=lambda hp: hp[0].i)


class Words:
    """Where a Doc's triggers may start: the tokens whose lemma opens a trigger phrase and
    the slips of trigger words (see `misspelt`). `find` runs on every sentence, the lead ones
    twice: the words are read once per Doc, and only sentences holding one are matched."""

    def __init__(self, tokens: Iterable[Token]) -> None:
        first_words = _trigger_starts()
        self.starts: list[int] = []  # token indices, ascending
        self.typos: list[tuple[int, str]] = []  # (token index, trigger word), ascending
        for tok in tokens:
            if tok.lemma_.lower() in first_words:
                self.starts.append(tok.i)
            elif len(tok.lower_) >= TYPO_LENGTH - 1 and (word := misspelt(tok.lower_)):
                self.typos.append((tok.i, word))  # the length first: most words are short

    def starts_within(self, start: int, end: int) -> bool:
        """Does a trigger's first word lie in tokens start..end-1?"""
        n = bisect_left(self.starts, start)
        return n < len(self.starts) and self.starts[n] < end


TYPO_LENGTH = 8  # shorter words have real words one slip away ("sale"/"sole", "bid"/"bad")


@lru_cache(maxsize=4096)
def misspelt(word: str) -> str:
    """The long one-word trigger `word` is a slip of, or "": a letter left out or two letters
    swapped ("takover", "acuqisition"); for words of nine letters and more also a letter
    added or changed ("acquisitlon"; "purchaser" is a word, no slip of "purchase")."""
    if len(word) < TYPO_LENGTH - 1 or not word.isalpha() or word in _long_words():
        return ""
    return next((w for w in _near_lengths(len(word)) if _one_slip(word, w)), "")


@lru_cache(maxsize=1)
def _long_words() -> frozenset[str]:
    lex = load_lexicon()
    return frozenset(w for w in lex.nouns if w.isalpha() and len(w) >= TYPO_LENGTH)


@lru_cache(maxsize=64)
def _near_lengths(length: int) -> tuple[str, ...]:
    """The long trigger words one letter longer or shorter than `length`, or as long: the
    only ones a slip can be of (in the order `_long_words` gives them)."""
    return tuple(w for w in _long_words() if abs(len(w) - length) <= 1)


def _one_slip(word: str, right: str) -> bool:
    """Is `word` one slip from `right`: a letter left out or two swapped, or (for a `right`
    of more than TYPO_LENGTH letters) a letter added or changed?"""
    if abs(len(word) - len(right)) > 1 or word == right:
        return False
    pairs = zip(word, right, strict=False)
    i = next((n for n, (x, y) in enumerate(pairs) if x != y), min(len(word), len(right)))
    long = len(right) > TYPO_LENGTH
    if len(word) < len(right):  # a letter left out
        return word[i:] == right[i + 1 :]
    if len(word) > len(right):  # a letter added
        return long and word[i + 1 :] == right[i:]
    swapped = word[i : i + 2] == right[i : i + 2][::-1] and word[i + 2 :] == right[i + 2 :]
    return swapped or (long and word[i + 1 :] == right[i + 1 :])


ANNOUNCED = "announced"  # done, agreed, planned by the party itself, or offered (a bid)
PROPOSED = "proposed"  # in talks, considered, sought, rejected, called off, rumoured, modal
STATUSES = (ANNOUNCED, PROPOSED)


def status(trigger: Token, lex: Lexicon) -> str | None:
    """How certain the deal of a trigger is: None when it is denied (negated: "did not buy",
    "denied it would sell", "refused to sell") or barred ("prohibits X from seeking control",
    unless it is one made already: "prevent X from completing its tender offer"), PROPOSED
    when it is modal or hedged anywhere (an option not exercised is hedged: "options to buy")
    from the trigger up to its clause's verb, and through the verbs that report or embed that
    clause ("could sell", "is in talks to buy", "rejected a takeover", "called off the
    merger", a plan of the past: "was to buy"), or when it names the talks about a deal
    ("merger talks"), else ANNOUNCED. An
    offer made by someone ("the offer from X", "a bid by X", "X's offer", "a X merger
    proposal", "the offer launched by X") is made, and so is a deal already proposed ("a
    proposed merger with X"), whoever weighs it ("the board is studying the offer from X") or
    whatever is said about it through a preposition ("asked holders to take no action on the
    offer from X")."""
    hedges = lex.hedges
    bid = trigger.head if trigger.dep_ == "compound" else trigger  # "a takeover offer"
    if trigger.pos_ not in VERB_POS and (
        _sender(trigger)
        or (trigger.head.lemma_.lower() in lex.weighing and _sender(trigger.head))
        or (bid.lemma_.lower() in lex.bid_heads and _bidder_named(bid))
        or any(c.dep_ == "amod" and c.lower_ == "proposed" for c in bid.children)
    ):
        hedges = hedges - lex.weighing
    # a deal barred is none, unless it is one made already ("prevent X from completing its
    # tender offer": the offer stands)
    made = trigger.pos_ not in VERB_POS and any(c.dep_ == "poss" for c in trigger.children)
    found = ANNOUNCED
    path = _clause_path(trigger)
    if trigger.pos_ not in VERB_POS and (_sender(trigger) or _bidder_named(bid)):
        # a bid someone made stands whatever is doubted about it ("analysts do not believe
        # a rival will top the bid by X", "sued to enjoin X's offer"): read only up to the
        # verb it is the object of
        verb = next((n for n, (t, _) in enumerate(path) if t.pos_ in VERB_POS), len(path))
        # nor past a preposition: "take no action on the offer from X" says nothing of it
        hop = next((n for n, (t, _) in enumerate(path) if t.dep_ == "prep"), len(path))
        path = path[: min(verb, hop) + 1]
    if trigger.pos_ not in VERB_POS:
        # "seeking bank debt to complete its takeover of X": the takeover is made, whatever
        # is said of completing it
        done = next(
            (n for n, (t, _) in enumerate(path) if t.lemma_.lower() in lex.completing_verbs),
            None,
        )
        path = path if done is None else path[:done]
    for (below, _), (above, _) in itertools.pairwise(path):
        if below.dep_ in ("xcomp", "advcl") and above.lemma_.lower() in lex.hiring_verbs:
            found = PROPOSED  # "retained a bank to sell X": a buyer sought, no sale made
    for tok, own in path:
        if own and tok.dep_ == "xcomp" and tok.head.lemma_ == "be" and tok.head.tag_ == "VBD":
            found = PROPOSED  # "it was to acquire X": a plan of the past, not a deal done
        # A conjunct shares its head's modals, not its head's verb ("rejected the offer
        # and bought Y" is a purchase; "would like to buy X and sell Y" is not).
        if own and tok.pos_ in HEDGE_POS:
            words = {tok.lemma_.lower(), _phrase(tok)}
            if words & lex.denials or (words & lex.bars and not made):
                return None
            if words & hedges and not _exercised(tok):
                found = PROPOSED
        for child in tok.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and word in lex.negations):
                return None
            if child.dep_ == "aux" and word in lex.modals:
                found = PROPOSED
            if child.dep_ in ("mark", "amod") and child.lemma_.lower() in lex.hedges:
                found = PROPOSED
    if trigger.dep_ == "compound" and trigger.head.lemma_.lower() in lex.talks_heads:
        found = PROPOSED  # "merger talks"
    return found


def _exercised(tok: Token) -> bool:
    """An option or right exercised is a deal done ("exercised its option to buy X")."""
    return tok.lemma_.lower() in ("option", "right") and tok.head.lemma_.lower() == "exercise"


def _sender(tok: Token) -> bool:
    """Does the word name who an offer comes from ("the offer from X", "studying ... from X",
    "the offer launched by X")?"""
    if made_by(tok) is not None:
        return True
    return any(c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by") for c in tok.children)


def made_by(offer: Token) -> Token | None:
    """The agent of a participle that tells who made an offer ("the offer launched by X"),
    which the parser may hang on what the offer is for ("the offer for its shares launched
    by X")."""
    wanted = [
        g for c in offer.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
    ]
    for noun in [offer, *wanted]:
        for made in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            agent = next((a for a in made.children if a.dep_ == "agent"), None)
            if agent is not None:
                return agent
    return None


def _bidder_named(bid: Token) -> bool:
    """Does a bid name its bidder before it ("Chrysler's offer", "a Chrysler merger
    proposal")? A bid so named is one made, whoever weighs it ("is studying Chrysler's
    offer"); a pronoun ("its offer") may be the bidder's or the target's."""
    return any(c.dep_ in ("poss", "compound") and c.pos_ == "PROPN" for c in bid.children)


def _phrase(verb: Token) -> str:
    particles = [c.lemma_.lower() for c in verb.children if c.dep_ == "prt"]
    return " ".join([verb.lemma_.lower(), *particles])


def _clause_path(tok: Token) -> list[tuple[Token, bool]]:
    """The token and its heads up to the first adverbial (but an infinitive of purpose),
    relative or parenthetical clause ("shares dropped after X agreed to buy Y" is no dropped
    deal), causal or temporal
    preposition ("may downgrade X because of its agreement to be acquired") or apposition ("may face
    Sprint, the joint venture of X and Y": the venture is no hedged one), each with whether
    its own word counts: not for the head a conjunct hangs from."""
    path = [(tok, True)]
    while (tok.dep_ not in CLAUSE_STOPS or _purpose(tok)) and tok.head != tok:
        if tok.dep_ == "prep" and tok.lower_ in CAUSE_PREPS:
            break
        own = tok.dep_ != "conj"
        tok = tok.head
        path.append((tok, own))
    return path


def _purpose(tok: Token) -> bool:
    """An infinitive of purpose ("is considering forming a group to buy X"): it shares the
    hedges of the verb it serves."""
    return tok.dep_ == "advcl" and infinitive(tok)


def infinitive(verb: Token) -> bool:
    """Is the verb an infinitive with "to" ("to buy")?"""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _trigger_phrases() -> list[tuple[str, list[str]]]:
    """Every trigger phrase with its words, split as spaCy tokenizes it."""
    lex = load_lexicon()
    # "spin-off" is three tokens to spaCy.
    phrases = {*lex.verbs, *lex.nouns, *lex.facility_verbs, *lex.loans, *lex.funding}
    phrases |= lex.joining_verbs
    return [(p, p.replace("-", " - ").split()) for p in phrases]


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> PhraseMatcher:
    """Lemma phrases, each word lower-case or capitalised (lemmas keep the case of proper
    nouns: "Takeover" opening a sentence); a PhraseMatcher does in one hash lookup per token
    what a token-pattern Matcher does by testing every pattern."""
    matcher = PhraseMatcher(vocab, attr="LEMMA")
    for phrase, words in _trigger_phrases():
        variants = {tuple(v) for v in product(*[(w, w.capitalize()) for w in words])}
        matcher.add(phrase, [Doc(vocab, words=list(v), lemmas=list(v)) for v in variants])
    return matcher


def trigger_starts() -> frozenset[str]:
    """The lower-cased first word of every trigger phrase."""
    return _trigger_starts()


@lru_cache(maxsize=1)
def _trigger_starts() -> frozenset[str]:
    """The lower-cased first word of every trigger phrase."""
    return frozenset(words[0].lower() for _, words in _trigger_phrases())
