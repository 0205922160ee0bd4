"""Sectors: which industries an article is about, from one documented taxonomy.

The taxonomy (`data/taxonomy.json`, rendered as `docs/taxonomy.md` by `taxonomy_markdown`)
gives each sector a stable slug, a name, NAICS 2022 codes and a lexicon in three tiers:
strong terms that name the industry ("steelmaker", "semiconductor"), terms specific to it
("iron ore", "chip") and weak, ambiguous terms ("metal", "energy", "plant") that only count
together with others. Terms are matched with spaCy's PhraseMatcher on lemmas ("automakers",
"EV batteries") and on lower-cased text (which catches proper-noun and all-caps tokens whose
lemma keeps its case, and the article title, which is not part of the Doc). Where matches
overlap, the longest wins, and `ignore` phrases ("blue chip", "retail price index") swallow
the shorter term inside them. Organisations from the entities stage add their sector through
the alias table (Toyota -> automotive), one unit of weight per mention.

Score of a sector (the `score` column):

    score = sum over its matched terms t of
                weight(t) * (1 + ln(mentions(t)) + TITLE_BONUS * [t is in the title])
            + ORG_WEIGHT * (1 + ln(mentions)) for each organisation of that sector

with weights strong 3.0, term 1.0, weak 0.3 (in the data file), a mention among the first
LEAD_TOKENS tokens counting LEAD_BOOST times, and a body-less title match adding only the
bonus. The log makes the tenth "oil" worth less than a first "refinery", so one repeated word
cannot outweigh several different ones; the title bonus is flat because a headline naming a
commodity decides what the story is about. Scores are not normalised by length: a passing
mention in a long article is still a passing mention. The default threshold
(`Settings.min_sector_score`, chosen on the Reuters train split: 3.0) makes one strong term
enough on its own, while specific terms need about three mentions, or the title, or each
other, and a weak term alone never reaches it.

Promises: one row per sector at most, sorted by score (highest first), `code` the sector's
NAICS codes joined by ", ", `evidence` the matched terms with their counts ("steel x5;
steelmaker x1"), most frequent first.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from extract.aliases import load_aliases
from extract.article import Article
from extract.config import Settings
from extract.stages import Stage, data_path

TIERS = ("strong", "terms", "weak")
TITLE_BONUS = 2.0  # a term in the title: the headline says what the story is about
LEAD_BOOST = 2.0  # a mention among the first LEAD_TOKENS tokens counts as this many
LEAD_TOKENS = 50  # about the first paragraph of a news article
ORG_WEIGHT = 1.0  # per organisation of that sector, same as a specific term
IGNORE = "_ignore"  # key of the phrases matched only to be discarded


@dataclass(frozen=True)
class SectorScore:
    doc_id: str
    sector: str  # taxonomy slug, e.g. "steel"
    code: str  # NAICS 2022 code(s), e.g. "3311, 3312"
    score: float
    evidence: str  # "steel x5; steelmaker x1"


@dataclass(frozen=True)
class Sector:
    slug: str
    name: str
    naics: tuple[str, ...]
    reuters_topics: tuple[str, ...]
    lexicon: dict[str, float]  # lower-cased term -> weight

    @property
    def code(self) -> str:
        return ", ".join(self.naics)


@dataclass(frozen=True)
class Taxonomy:
    sectors: tuple[Sector, ...]
    ignore: tuple[str, ...]
    weights: dict[str, float]

    @cached_property
    def by_slug(self) -> dict[str, Sector]:
        return {s.slug: s for s in self.sectors}

    @cached_property
    def term_weights(self) -> dict[str, dict[str, float]]:
        """term -> {slug: weight}; a term may belong to several sectors ("iron ore")."""
        out: dict[str, dict[str, float]] = defaultdict(dict)
        for sector in self.sectors:
            for term, weight in sector.lexicon.items():
                out[term][sector.slug] = weight
        return dict(out)


def extract(
    doc: Doc, article: Article, settings: Settings, entities: Sequence[Any] = ()
) -> list[SectorScore]:
    """Sector rows for one article, highest score first.

    `entities` are rows of the entities stage (anything with `.canonical` and `.label`);
    organisations among them add the sector the alias table gives them.
    """
    taxonomy = load_taxonomy()
    term_weights = taxonomy.term_weights
    mentions: dict[tuple[str, str], int] = Counter()  # (slug, evidence) -> mentions
    body: dict[tuple[str, str], float] = Counter()  # same, lead mentions boosted
    titled: set[tuple[str, str]] = set()
    weight: dict[tuple[str, str], float] = {}
    for span in _matches(doc):
        for slug, w in term_weights[span.label_].items():
            key = (slug, span.label_)
            mentions[key] += 1
            body[key] += LEAD_BOOST if span.start < LEAD_TOKENS else 1.0
            weight[key] = w
    if article.title:
        tokenize = _tokenizer()
        _matchers(tokenize.vocab)  # built outside the zone: their labels must outlive it
        with tokenize.vocab.memory_zone():  # the title's new words are not kept
            labels = [span.label_ for span in _matches(tokenize(article.title), lemmas=False)]
        for label in labels:
            for slug, w in term_weights[label].items():
                key = (slug, label)
                mentions[key] += 1
                titled.add(key)
                weight[key] = w
    org_sector = _org_sectors(str(settings.alias_file or ""))
    for entity in entities:
        slug = org_sector.get(entity.canonical.lower()) if entity.label == "ORG" else None
        if slug:
            key = (slug, entity.canonical)
            mentions[key] += 1
            body[key] += 1.0
            weight[key] = ORG_WEIGHT
    score: dict[str, float] = Counter()
    for key in mentions:
        score[key[0]] += weight[key] * (_saturate(body[key]) + TITLE_BONUS * (key in titled))
    sectors = taxonomy.by_slug
    rows = []
    for slug, value in score.items():
        if value < settings.min_sector_score or slug not in sectors:
            continue
        found = sorted(((-n, e) for (s, e), n in mentions.items() if s == slug))
        evidence = "; ".join(f"{e} x{-n}" for n, e in found)
        rows.append(
            SectorScore(article.doc_id, slug, sectors[slug].code, round(value, 3), evidence)
        )
    rows.sort(key=lambda r: (-r.score, r.sector))
    return rows


def _saturate(count: float) -> float:
    return 1.0 + math.log(count) if count >= 1.0 else count


def _matches(doc: Doc, lemmas: bool = True) -> list[Span]:
    """Lexicon matches labelled with their term; the longest wins an overlap; ignores dropped."""
    by_lemma, by_lower = _matchers(doc.vocab)
    found = by_lower(doc, as_spans=True)
    if lemmas and doc.has_annotation("LEMMA"):
        found += by_lemma(doc, as_spans=True)
    return [s for s in filter_spans(found) if s.label_ != IGNORE]


_MATCHERS: dict[int, tuple[Vocab, PhraseMatcher, PhraseMatcher]] = {}


def _matchers(vocab: Vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    """(lemma matcher, lower-case matcher) for this vocab, built once: patterns live in a vocab."""
    cached = _MATCHERS.get(id(vocab))
    if cached is None or cached[0] is not vocab:
        by_lemma = PhraseMatcher(vocab, attr="LEMMA")
        by_lower = PhraseMatcher(vocab, attr="LOWER")
        taxonomy = load_taxonomy()
        labels = {t: t for t in taxonomy.term_weights} | {t: IGNORE for t in taxonomy.ignore}
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


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The shipped taxonomy, read once; raises ValueError naming the problem if it is malformed."""
    text = data_path("taxonomy.json").read_text(encoding="utf-8")
    return parse_taxonomy(json.loads(text), "taxonomy.json")


def parse_taxonomy(data: dict[str, Any], name: str) -> Taxonomy:
    weights = {tier: float(data["weights"][tier]) for tier in TIERS}
    sectors = []
    for entry in data["sectors"]:
        slug = entry.get("slug", "")
        lexicon: dict[str, float] = {}
        for tier in TIERS:
            for term in entry.get(tier, []):
                key = " ".join(term.lower().split())
                if key in lexicon:
                    raise ValueError(f"{name}: sectors: {slug}: term {term!r} listed twice")
                lexicon[key] = weights[tier]
        if not slug or not entry.get("name") or not entry.get("naics") or not lexicon:
            raise ValueError(
                f"{name}: sectors: {slug or '?'}: slug, name, naics and terms required"
            )
        sectors.append(
            Sector(
                slug,
                entry["name"],
                tuple(entry["naics"]),
                tuple(entry.get("reuters_topics", [])),
                lexicon,
            )
        )
    slugs = [s.slug for s in sectors]
    if len(set(slugs)) != len(slugs):
        raise ValueError(f"{name}: sectors: duplicate slugs")
    ignore = tuple(" ".join(p.lower().split()) for p in data.get("ignore", []))
    return Taxonomy(tuple(sectors), ignore, weights)


def taxonomy_markdown(taxonomy: Taxonomy | None = None) -> str:
    """docs/taxonomy.md: the taxonomy as tables, generated from the data file."""
    taxonomy = taxonomy or load_taxonomy()
    weights = taxonomy.weights

    def examples(sector: Sector, tier: str, n: int = 8) -> str:
        terms = [t for t, w in sector.lexicon.items() if w == weights[tier]]
        return ", ".join(terms[:n]) + (", ..." if len(terms) > n else "")

    lines = [
        "# Sector taxonomy",
        "",
        "Generated from `src/extract/data/taxonomy.json` by",
        "`extract.stages.sectors.taxonomy_markdown()`; edit the JSON, then regenerate this file",
        "(a test checks that they agree).",
        "",
        "A sector's score is the log-damped count of its lexicon terms in the article, weighted",
        f"strong {weights['strong']:g}, term {weights['terms']:g}, weak {weights['weak']:g}, "
        "with a bonus for terms in the title and first paragraph,",
        "plus its organisations from the alias table; see `src/extract/stages/sectors/`.",
        "",
        "| slug | name | NAICS 2022 | strong terms | terms (examples) |",
        "|---|---|---|---|---|",
    ]
    for s in taxonomy.sectors:
        lines.append(
            f"| `{s.slug}` | {s.name} | {s.code} "
            f"| {examples(s, 'strong')} | {examples(s, 'terms')} |"
        )
    lines += [
        "",
        "Ignored phrases, matched only so that the shorter term inside them does not count: "
        + ", ".join(f'"{p}"' for p in taxonomy.ignore)
        + ".",
        "",
        "## Reuters-21578 topics used by `extract eval sectors`",
        "",
        "| slug | Reuters topics |",
        "|---|---|",
    ]
    lines += [
        f"| `{s.slug}` | {', '.join(s.reuters_topics)} |"
        for s in taxonomy.sectors
        if s.reuters_topics
    ]
    lines += [
        "",
        "Other topics (earn, acq, money-fx, interest, trade, gnp, currencies, ...) are not",
        "about an industry and are ignored; sectors no topic maps to are not scored there.",
        "",
    ]
    return "\n".join(lines)


def _mark(row: Any, text: str) -> list[tuple[int, int, str, str]]:
    """Where the row's evidence terms stand in the text ("steel x5; steelmaker x1": lemmas,
    so plurals are looked for too)."""
    found = []
    for term in filter(None, (re.sub(r"\s+x\d+$", "", t.strip()) for t in row.evidence.split(";"))):
        words = r"\s+".join(map(re.escape, term.split()))
        words = words[:-1] + "(?:y|ies)" if words.endswith("y") else words + "(?:e?s)?"
        for m in re.finditer(rf"(?<!\w){words}(?!\w)", text, re.IGNORECASE):
            found.append((m.start(), m.end(), row.sector, ""))
    return found


STAGE = Stage(
    name="sectors",
    row=SectorScore,
    extract=extract,
    description="the sectors an article is about, from one taxonomy, with their evidence",
    needs=("entities",),
    data=("taxonomy.json", "aliases.csv"),
    scorer="sectors",
    report=("sector", "code", "score", "evidence"),
    mark=_mark,
)
