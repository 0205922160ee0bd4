"""Evidence: the taxonomy's terms an article uses in their sector sense, and its organisations.

Terms are matched with spaCy's PhraseMatcher on lemmas ("automakers", "EV batteries") and on
lower-cased text (proper-noun and all-caps tokens whose lemma keeps its case, and the title,
which is not part of the Doc); where matches overlap the longest wins, and `ignore` phrases
("blue chip", "as well as", "on the house") swallow the shorter term inside them.

A match is evidence for a sector only where the word is used in that sector's sense:
- a word alone is a noun or adjective there, not an adverb, pronoun, comparative or verb form
  ("as well", "mine" the pronoun, "better" whose lemma is "well", "fuelled fears", "is building
  a hall", "to ship" even where the tagger says noun); a gerund naming an activity ("drilling
  activity"), or the term itself before its noun ("seaborne trade"), may be tagged as a verb;
  a noun the parser made the head of a sentence with no
  verb, between its would-be subject and a clause, is the verb misread ("the new regulations
  state that ...");
- it is not part of a name: a person, place, nationality, product, work, event or law, nor a
  capitalised proper noun the model left untagged ("Rocket Pass", "Steel Canyon"; at a
  sentence's start, one followed by the rest of the name);
- inside an organisation's name it counts only where the organisation belongs to the sector.
  An organisation the alias table places in a sector, or whose name holds one of a sector's
  `bodies` words ("Senate", "Ministry", "Court": government), is itself the evidence
  ("Nippon Steel x2"; "Senate Agriculture Committee" is government); a public body's industry
  words count for their sector only where the text names it outside names too (the
  "International Tin Council" in a story on tin prices, not a hearing of the Senate
  Agriculture Committee on a nomination); another
  organisation's words count for the sectors its strong or specific terms name ("Bethlehem
  Steel Corp", "Canadian Wheat Board"), not for a weak one ("General Electric"), and only where
  the name reads as a firm's or a body's: it ends with the term, a legal form (also without
  its full stop, as newswire writes "Dow Chemical Co") or one of the taxonomy's
  `organisation_heads` ("International Cocoa Organization"; not "Rocket League");
- an adjective term that describes a noun which is a strong or specific term of other sectors
  only says what that thing is like, not what industry the article is about ("crude sugar",
  "crude palm oil", "electric car"); the last word of a hyphenated adjective ("anti-ship") is
  not that adjective;
- a weak term counts only next to a second, different term or organisation of the sector;
- organisations the alias table places in a sector are no evidence alone: the sector counts
  only where the article's text also uses one of its terms or names one of its public bodies
  (a graphics card line may share a defence company's ticker).
The title, which is not parsed, loses the matches inside the article's names found above; as
it cannot tell an untagged name from a word, its terms add to a sector the text also has.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from extract.aliases import load_aliases
from extract.article import Article
from extract.config import Settings
from extract.stages.entities.mention import legal_form
from extract.stages.sectors.taxonomy import Taxonomy, load_taxonomy

TITLE_BONUS = 2.0  # a term in the title: the headline says what the story is about
LEAD_BOOST = 2.0  # a mention among the first LEAD_TOKENS tokens counts as this many
LEAD_TOKENS = 50  # about the first paragraph of a news article
IGNORE = "_ignore"  # label of the phrases matched only to be discarded
ORG_TIER = "strong"  # an organisation placed in a sector names it, as a strong term does
# a one-word term tagged so is not used as the thing it names ("as well as", "that is mine")
FUNCTION_POS = frozenset("ADV ADP AUX CCONJ DET INTJ PART PRON SCONJ NUM SYM PUNCT".split())
# a comparative or superlative is matched by its lemma only ("better", lemma "well")
DEGREE_TAGS = frozenset("JJR JJS RBR RBS".split())
# a noun read as the verb of the sentence: its would-be subject before it ("the regulations
# state that ..."), the clause the verb would take after it
SUBJECT_DEPS = frozenset("compound nsubj".split())
SUBJECT_POS = frozenset("NOUN PROPN PRON".split())
CLAUSE_DEPS = frozenset("relcl ccomp acl".split())
# a term that is also a verb of saying, right after a noun naming a text, is that verb ("the
# release states they took part", parsed as "member states took part")
SAYING = frozenset({"state", "states"})
TEXT_NOUNS = frozenset(
    "affidavit agreement article bill clause complaint constitution contract document filing "
    "indictment law lawsuit letter memo notice order policy post release report ruling section "
    "statement study survey text website".split()
)


@dataclass(frozen=True)
class Evidence:
    sector: str  # taxonomy slug
    term: str  # the lexicon term, or the organisation's canonical name
    tier: str  # "strong", "terms" or "weak" (an organisation's is ORG_TIER)
    mentions: int  # in the title and the text
    value: float  # 1 + ln(mentions in the text, lead ones boosted) + TITLE_BONUS if in the title


@dataclass(frozen=True)
class _Name:
    """An entity of the article: the sectors its words may speak for, and those it is itself
    evidence of (a name the alias table, or an organisation a body word, places in a sector)."""

    text: str
    start: int  # its first token
    canonical: str
    sectors: frozenset[str]
    evidence_for: frozenset[str]
    public: frozenset[str] = frozenset()  # the sectors its body words place it in ("Senate")
    # a public body's industry words ("International Tin Council"): they count only for a
    # sector the text names outside names too
    beside: frozenset[str] = frozenset()


def find_evidence(
    doc: Doc, article: Article, settings: Settings, entities: Sequence[Any] = ()
) -> list[Evidence]:
    """Every sector's evidence in one article, in sector then term order."""
    taxonomy = load_taxonomy()
    spans = _matches(doc)
    org_sector = _org_sectors(str(settings.alias_file or ""))
    names, at = _names(doc, spans, entities, org_sector, taxonomy)
    body: dict[tuple[str, str], float] = Counter()  # (slug, term) -> lead-boosted mentions
    mentions: dict[tuple[str, str], int] = Counter()
    titled: set[tuple[str, str]] = set()
    tier: dict[tuple[str, str], str] = {}
    plain: set[str] = set()  # sectors with more than the alias table's organisations
    heads = _described(spans, taxonomy)
    for span in spans:
        name = at.get(span.start) or at.get(span.end - 1)
        if not _in_sense(span, name) or span.start in heads:
            continue
        for slug, of in taxonomy.term_tiers[span.label_].items():
            if name is None or slug in name.sectors or slug in name.beside:
                key = (slug, span.label_)
                body[key] += LEAD_BOOST if span.start < LEAD_TOKENS else 1.0
                mentions[key] += 1
                tier[key] = of
                if name is None or slug in name.sectors:
                    plain.add(slug)  # a public body's words need the text's own beside them
    if article.title:
        for label, name in _title_matches(article.title, names):
            for slug, of in taxonomy.term_tiers[label].items():
                if name is None or slug in name.sectors or slug in name.beside:
                    key = (slug, label)
                    mentions[key] += 1
                    titled.add(key)
                    tier[key] = of  # not `plain`: unparsed, it tells no name from a word
    for name in names:
        plain |= name.public  # a public body the article names is what it is about
        for slug in name.evidence_for:
            key = (slug, name.canonical)
            body[key] += LEAD_BOOST if name.start < LEAD_TOKENS else 1.0
            mentions[key] += 1
            tier[key] = ORG_TIER
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in sorted(mentions):
        found[key[0]].append(key)
    out = []
    for slug, keys in found.items():
        if len(keys) == 1 and tier[keys[0]] == "weak":
            continue  # a weak term alone says nothing: "season" of a fire season
        if slug not in plain:
            continue  # companies alone: a chip line that shares a defence company's ticker
        for key in keys:
            value = _saturate(body[key]) + TITLE_BONUS * (key in titled)
            out.append(Evidence(key[0], key[1], tier[key], mentions[key], value))
    return out


def _described(spans: list[Span], taxonomy: Taxonomy) -> set[int]:
    """The adjective terms that describe another sector's thing: an adjective whose noun is a
    strong or specific term of other sectors only ("crude sugar", "crude palm oil", "electric
    car") says what that thing is like, not that the article is about the adjective's industry.
    Returns the adjectives' token indices."""
    tiers = taxonomy.term_tiers
    strong = {
        i: {s for s, of in tiers[span.label_].items() if of != "weak"}
        for span in spans
        for i in range(span.start, span.end)
    }
    out = set()
    for span in spans:
        token = span[0]
        if len(span) != 1 or token.pos_ != "ADJ" or token.dep_ != "amod":
            continue
        if token.i > 0 and token.nbor(-1).text == "-":
            continue  # the last word of a compound adjective ("anti-ship"): not the adjective
        other = strong.get(token.head.i, set())
        if other and not other & set(tiers[span.label_]):
            out.add(token.i)
    return out


def _saturate(count: float) -> float:
    return 1.0 + math.log(count) if count >= 1.0 else count


def _in_sense(span: Span, name: _Name | None) -> bool:
    """False for a word used as something else than the thing it names."""
    if len(span) == 1:
        token = span[0]
        if token.pos_ == "VERB":  # "fuelled", "housed", "rocketed", "is building a hall"; but
            # a gerund naming an activity ("drilling activity") may be tagged a VERB, and so
            # may an adjective written as the term itself before its noun ("seaborne trade")
            if token.dep_ == "amod" and token.lower_ == span.label_ and token.i < token.head.i:
                return True
            progressive = any(c.dep_ in ("aux", "auxpass") for c in token.children)
            return span.label_.endswith("ing") and token.tag_ == "VBG" and not progressive
        if token.pos_ in FUNCTION_POS or token.tag_ in DEGREE_TAGS:
            return False
        before = token.nbor(-1) if token.i > 0 else token
        if before.lower_ == "to" and (before.tag_ == "TO" or before.dep_ == "aux"):
            return False  # "to ship cocaine", where the tagger may call "ship" a noun
        if before.lower_ == "to" and _bare_verb(token):
            return False  # "required to power cutting-edge AI", parsed "to [power ... AI]"
        if _verb_reading(token):
            return False
        if token.lower_ in SAYING and before.lemma_.lower() in TEXT_NOUNS and before.i < token.i:
            return False
    # capitalised as a proper noun inside a sentence, or at its start before the rest of a
    # name: a name the model did not tag ("Rocket League", "Steel Canyon"); a name it tagged is
    # judged by its entity
    return name is not None or not all(_untagged_name(t) for t in span)


def _untagged_name(token: Token) -> bool:
    """A capitalised proper noun inside a sentence, or opening one before the rest of a name
    ("Rocket Pass 4 will begin"; not a title before a person's: "Judge Ann Lee said")."""
    if token.pos_ != "PROPN" or not token.is_title:
        return False
    head = token.head
    return not token.is_sent_start or (
        token.dep_ == "compound"
        and head.i > token.i
        and head.pos_ == "PROPN"
        and head.is_title
        and head.ent_type_ != "PERSON"
    )


def _bare_verb(token: Token) -> bool:
    """After "to": a bare word the parser hung, with nothing of its own, on a noun further on,
    past the words of that noun's phrase: the verb of an infinitive and its object (not "to
    power plants", whose head is the next word)."""
    return (
        token.dep_ == "compound"
        and token.head.i > token.i + 1
        and token.lower_ == token.lemma_.lower()
        and not any(token.children)
    )


def _verb_reading(token: Token) -> bool:
    """A noun the parser made the head of a sentence that has no verb of its own, between a
    noun phrase that would be its subject and a clause that would be its object: the verb
    misread ("The new regulations state that venues must ...")."""
    if token.dep_ != "ROOT" or token.pos_ != "NOUN":
        return False
    subject = any(
        c.dep_ in SUBJECT_DEPS and c.pos_ in SUBJECT_POS and c.i == token.i - 1
        for c in token.children
    )
    return subject and any(c.dep_ in CLAUSE_DEPS and c.i > token.i for c in token.children)


def _names(
    doc: Doc,
    spans: list[Span],
    entities: Sequence[Any],
    org_sector: dict[str, str],
    taxonomy: Taxonomy,
) -> tuple[list[_Name], dict[int, _Name]]:
    """The article's names and, for each token inside one, that name."""
    names: list[_Name] = []
    at: dict[int, _Name] = {}
    for entity in entities:
        span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if span is None:
            continue
        inside = [s for s in spans if span.start <= s.start and s.end <= span.end]
        sectors: frozenset[str] = frozenset()
        own: frozenset[str] = frozenset()
        public: frozenset[str] = frozenset()
        beside: frozenset[str] = frozenset()
        if entity.label == "ORG":
            public = _bodies(span, inside, taxonomy)
            own = public | {org_sector.get(entity.canonical.lower(), "")}
            own -= {""}
            # an organisation that is itself evidence stands for its words ("Nippon Steel", not
            # "steel" again); another counts the words of the industries its name names
            named = _named_sectors(span, inside, taxonomy)
            sectors = frozenset() if own else named
            if public and not own - public:  # a public body named for an industry
                beside = named - public
        name = _Name(span.text, span.start, entity.canonical, sectors, own, public, beside)
        names.append(name)
        for i in range(span.start, span.end):
            at[i] = name
    return names, at


def _bodies(span: Span, inside: list[Span], taxonomy: Taxonomy) -> frozenset[str]:
    """The sectors whose body words an organisation's name holds ("Senate Agriculture
    Committee": government), outside the terms of other sectors in it ("Reuters News Agency"
    is a news agency, media)."""
    out = set()
    for sector in taxonomy.sectors:
        if not sector.bodies:
            continue
        other = {
            i
            for s in inside
            if sector.slug not in taxonomy.term_tiers[s.label_]
            for i in range(s.start, s.end)
        }
        words = {w for t in span if t.i not in other for w in (t.lower_, t.lemma_.lower())}
        if words & sector.bodies:
            out.add(sector.slug)
    return frozenset(out)


def _named_sectors(span: Span, terms: list[Span], taxonomy: Taxonomy) -> frozenset[str]:
    """The sectors another organisation's name speaks for: those of its strong or specific terms
    ("Nippon Steel", "Canadian Wheat Board"; not "General Electric", whose "electric" is weak),
    where the name reads as a firm's or a body's: it ends with the term, a legal form or an
    organisation's head word ("Dow Chemical Co", "International Cocoa Organization"; not a
    game's "Rocket League")."""
    words = [t for t in span if not t.is_punct and t.lower_ not in ("'s", "’s")]
    cut = next((i for i, t in enumerate(words) if t.lower_ == "of" and i), len(words))
    heads = {words[cut - 1].i, words[-1].i} if words else set()
    shaped = any(
        t.lower_ in taxonomy.organisation_heads or _legal(t.text) for t in words if t.i in heads
    )
    tiers = taxonomy.term_tiers
    return frozenset(
        s
        for term in terms
        if shaped or term.end - 1 in heads
        for s, of in tiers[term.label_].items()
        if of != "weak"
    )


def _legal(word: str) -> bool:
    """A legal form, also as newswire writes it, with or without its full stop ("Dow Chemical
    Co", "Ltd.")."""
    return legal_form(word) or legal_form(word.rstrip(".")) or legal_form(word + ".")


def _title_matches(title: str, names: list[_Name]) -> list[tuple[str, _Name | None]]:
    """The title's terms, each with the article's name it stands in, if any."""
    tokenize = _tokenizer()
    _matchers(tokenize.vocab)  # built outside the zone: their labels must outlive it
    lowered = title.lower()
    inside: list[tuple[int, int, _Name]] = []
    for name in names:
        start = lowered.find(name.text.lower())
        while start >= 0 and name.text:
            inside.append((start, start + len(name.text), name))
            start = lowered.find(name.text.lower(), start + 1)
    out = []
    with tokenize.vocab.memory_zone():  # the title's new words are not kept
        for span in _matches(tokenize(title), lemmas=False):
            a, b = span.start_char, span.end_char
            name = next((n for s, e, n in inside if s <= a and b <= e), None)
            out.append((span.label_, name))
    return out


def _matches(doc: Doc, lemmas: bool = True) -> list[Span]:
    """Lexicon matches labelled with their term; the longest wins an overlap; ignores dropped.

    A phrase broken by a line end ("palm\noil" in wrapped newswire) has a whitespace token in
    the middle, so the words are matched without the whitespace tokens and mapped back."""
    by_lemma, by_lower = _matchers(doc.vocab)
    lemmas = lemmas and doc.has_annotation("LEMMA")
    kept = [t.i for t in doc if not t.is_space]
    words = doc
    if len(kept) < len(doc):
        tokens = [doc[i] for i in kept]
        words = Doc(
            doc.vocab,
            words=[t.text for t in tokens],
            lemmas=[t.lemma_ for t in tokens] if lemmas else None,
        )
    found = by_lower(words, as_spans=True)
    if lemmas:
        found += by_lemma(words, as_spans=True)
    if words is not doc:
        found = [Span(doc, kept[s.start], kept[s.end - 1] + 1, s.label) for s in found]
    return [s for s in filter_spans(found) if s.label_ != IGNORE]


_MATCHERS: dict[int, tuple[Vocab, PhraseMatcher, PhraseMatcher]] = {}


def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    """(lemma matcher, lower-case matcher) for this vocab, built once: patterns live in a vocab."""
    cached = _MATCHERS.get(id(vocab))
    if cached is None or cached[0] is not vocab:
        by_lemma = PhraseMatcher(vocab, attr="LEMMA")
        by_lower = PhraseMatcher(vocab, attr="LOWER")
        taxonomy = load_taxonomy()
        labels = {t: t for t in taxonomy.term_tiers} | {t: IGNORE for t in taxonomy.ignore}
        tokenize = _tokenizer()
        for phrase, label in labels.items():
            words = [t.text for t in tokenize(phrase)]
            pattern = Doc(vocab, words=words, lemmas=words)
            by_lemma.add(label, [pattern])
            plural = _plural(words)
            by_lower.add(label, [Doc(vocab, words=words), Doc(vocab, words=plural)])
        cached = _MATCHERS[id(vocab)] = (vocab, by_lemma, by_lower)
    return cached[1], cached[2]


def _plural(words: list[str]) -> list[str]:
    """Regular English plural of a phrase's last word: lemmas cover the rest of the inflections."""
    last = words[-1]
    if last.endswith("man"):
        last = last[:-3] + "men"
    elif last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "z", "ch", "sh")):
        last = last + "es"
    elif last[-1].isalpha():
        last = last + "s"
    return [*words[:-1], last]


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """The English tokenizer alone: patterns and titles split as the model splits text."""
    return spacy.blank("en").tokenizer


@lru_cache(maxsize=8)
def _org_sectors(alias_file: str) -> dict[str, str]:
    """Lower-cased canonical name or alias -> sector slug, from the alias table."""
    out: dict[str, str] = {}
    for alias in load_aliases(alias_file or None):
        if alias.sector:
            out[alias.canonical.lower()] = alias.sector
            out.setdefault(alias.alias.lower(), alias.sector)
    return out
