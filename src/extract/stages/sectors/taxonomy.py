"""The sector taxonomy (`data/taxonomy.json`): slugs, names, NAICS codes and tiered lexicons.

Each sector's lexicon has three tiers: strong terms that name the industry ("steelmaker"),
terms specific to it ("iron ore") and weak, ambiguous terms ("metal") that only count next to
another term of the sector. A tier is the prior of a term's weight: the weights themselves are
learnt (`weights.py`). `ignore` phrases are matched only to swallow the shorter term inside them
("blue chip", "as well as"). A sector's `bodies` are words that make an organisation one of
its own ("Senate", "Ministry": government), whatever else its name says ("House Agriculture
Committee"). `organisation_heads` are the head words of names that read as a firm's or a body's
("International Cocoa Organization"; not a game's "Rocket League"), whose terms then speak for
their sectors. `taxonomy_markdown` renders the file as docs/taxonomy.md.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from extract.stages import data_path

TIERS = ("strong", "terms", "weak")


@dataclass(frozen=True)
class Sector:
    slug: str
    name: str
    naics: tuple[str, ...]
    reuters_topics: tuple[str, ...]
    lexicon: dict[str, str]  # lower-cased term -> its tier
    bodies: frozenset[str] = frozenset()  # an organisation whose name holds one belongs here

    @property
    def code(self) -> str:
        return ", ".join(self.naics)


@dataclass(frozen=True)
class Taxonomy:
    sectors: tuple[Sector, ...]
    ignore: tuple[str, ...]
    organisation_heads: frozenset[str] = frozenset()  # "institute": a name that is a body's

    @cached_property
    def by_slug(self) -> dict[str, Sector]:
        return {s.slug: s for s in self.sectors}

    @cached_property
    def term_tiers(self) -> dict[str, dict[str, str]]:
        """term -> {slug: tier}; a term may belong to several sectors ("refinery")."""
        out: dict[str, dict[str, str]] = defaultdict(dict)
        for sector in self.sectors:
            for term, tier in sector.lexicon.items():
                out[term][sector.slug] = tier
        return dict(out)


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The shipped taxonomy, read once; raises ValueError naming the problem if it is malformed."""
    text = data_path("taxonomy.json").read_text(encoding="utf-8")
    return parse_taxonomy(json.loads(text), "taxonomy.json")


def _phrase(text: str) -> str:
    return " ".join(text.lower().split())


def parse_taxonomy(data: dict[str, Any], name: str) -> Taxonomy:
    sectors = []
    for entry in data["sectors"]:
        slug = entry.get("slug", "")
        lexicon: dict[str, str] = {}
        for tier in TIERS:
            for term in entry.get(tier, []):
                if _phrase(term) in lexicon:
                    raise ValueError(f"{name}: sectors: {slug}: term {term!r} listed twice")
                lexicon[_phrase(term)] = tier
        if not slug or not entry.get("name") or not entry.get("naics") or not lexicon:
            raise ValueError(
                f"{name}: sectors: {slug or '?'}: slug, name, naics and terms required"
            )
        topics = tuple(entry.get("reuters_topics", []))
        bodies = frozenset(_phrase(w) for w in entry.get("bodies", []))
        naics = tuple(entry["naics"])
        sectors.append(Sector(slug, entry["name"], naics, topics, lexicon, bodies))
    slugs = [s.slug for s in sectors]
    if len(set(slugs)) != len(slugs):
        raise ValueError(f"{name}: sectors: duplicate slugs")
    ignore = tuple(_phrase(p) for p in data.get("ignore", []))
    heads = frozenset(_phrase(w) for w in data.get("organisation_heads", []))
    return Taxonomy(tuple(sectors), ignore, heads)


def taxonomy_markdown(taxonomy: Taxonomy | None = None) -> str:
    """docs/taxonomy.md: the taxonomy as tables, generated from the data file."""
    taxonomy = taxonomy or load_taxonomy()

    def examples(sector: Sector, tier: str, n: int = 8) -> str:
        terms = [t for t, of in sector.lexicon.items() if of == tier]
        return ", ".join(terms[:n]) + (", ..." if len(terms) > n else "")

    lines = [
        "# Sector taxonomy",
        "",
        "Generated from `src/extract/data/taxonomy.json` by",
        "`extract.stages.sectors.taxonomy_markdown()`; edit the JSON, then regenerate this file",
        "(a test checks that they agree).",
        "",
        "A sector's score adds up the learnt weights of its terms found in the article (log-damped",
        "counts, with a bonus for the title and the first paragraph) and of its organisations in",
        "the alias table; a term's tier (strong, specific, weak) is the prior of its weight. The",
        "weights are fitted on the Reuters-21578 train split (`data/sector_weights.json`,",
        "`benchmarks/fit_sectors.py`); see `src/extract/stages/sectors/`.",
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
        "Words that make an organisation one of a sector's own, whatever else its name says:",
        "",
    ]
    lines += [f"- `{s.slug}`: " + ", ".join(sorted(s.bodies)) for s in taxonomy.sectors if s.bodies]
    lines += [
        "",
        "Another organisation's name speaks for the sectors of its strong and specific terms only",
        "where it reads as a firm's or a body's: it ends with the term, a legal form (cleanco) or",
        'one of these head words (also the word before "of"): '
        + ", ".join(sorted(taxonomy.organisation_heads))
        + ".",
    ]
    lines += [
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
