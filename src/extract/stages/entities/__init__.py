"""Entity rows: named entities an analyst can group by, with one canonical name and an id.

`extract` turns the model's named entities (plus alias-file matches) into `Entity` rows:
`doc_id, start, end, text, label, canonical, kb_id, sentence`.

Promises:
- `article.text[start:end] == text` for every row; spans never cross a line break, never end
  in a possessive ("U.S. Steel's" -> "U.S. Steel") or stray punctuation, never hold a
  leading lower-case "the".
- Only named labels are rows (PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, WORK_OF_ART,
  LAW, LANGUAGE); numbers, money and dates belong to the amounts and dates tables. `doc.ents`
  is set to the corrected named spans plus the model's numeric ones, for the later stages.
- Within one article every mention of an entity shares `canonical` and `label`: surnames and
  short forms resolve to the full name seen anywhere in the article ("Trump" -> "Donald
  Trump"), acronyms to the name they abbreviate, and the label is the full name's (else the
  majority's).
- Countries get one canonical name and their ISO 3166-1 alpha-2 code in `kb_id` (pycountry,
  plus common short forms: "U.S.", "America", "Britain"); US states, Canadian provinces,
  Australian states and the UK nations their ISO 3166-2 code; nationalities (NORP) their
  country's code through the alias file; other entities the alias file's `kb_id`, else "".
- `sentence` is the index of the sentence (spaCy's parser) holding the mention.

The alias file (`data/aliases.csv`, columns alias, canonical, label, kb_id, sector) pins names
the small model gets wrong or splits: well-known companies (kb_id "EXCHANGE:TICKER" where
listed), leaders (with a surname row only for the few the news names by surname alone),
international organisations and agencies, and nationality words (NORP, kb_id = their country's
ISO code). Places are not listed: countries and big subdivisions come from pycountry, and a
pinned city would also pin its sports team. Add a row per spelling; a user file
(Settings.alias_file) adds rows and overrides shipped ones.

The passes, in the order `extract` runs them (each in the module named):
`spans` cleans the model's spans (titles and sentence openers off, legal forms on, a firm named
after its partners whole); `ruler` pins alias matches; `joins` gives a place the head word and
"of" before it ("Summit of the Americas"); `wire` reads datelines, bylines, names with a
bracketed country, initialled names and the subjects of reporting verbs; `places` adds untagged
countries; `joins` makes one firm of the pieces the model cut before a legal form ("Purolator"
+ "Courier Corp") and tags the capitalised runs it left untagged up to one ("<Growers
Distributing International Corp>"); `sports` finds teams in results tables and players in list
lines; `labels` corrects labels one mention at a time, after `tidy` has trimmed spans (trailing
lower-case words, opening titles, "X and Y" pairs); `names` resolves canonical names; `sports`
decides what lone names are; `names` adopts nicknames and tags untagged repeats; `labels` drops
names of nothing (acronyms of common nouns, a polity's generic noun, virus variants,
post-nominals, brand names used as verbs); `evidence` reads tickers and decides one label per
entity from the cues around all its mentions (legal forms, tickers, firm roles, head words,
titles, appositions, signatures); `names` makes labels consistent; `labels` drops a one-word
person with nothing of a person about it (outside sports); `tidy` relabels by the article's own
evidence (a name in capitals takes its ordinary spelling's name, an acronym in brackets its
name, model numbers make a product line, names listed together share a kind); `evidence` keeps
a nationality's code only where it speaks of the country; `spans` gives a place abbreviation
its stop where tokenised text set it apart ("U.S .").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from extract.article import Article
from extract.config import Settings
from extract.stages import Stage
from extract.stages.entities.evidence import nationality_ids, tickers, weigh
from extract.stages.entities.joins import firm_halves, head_of_place, untagged_firms
from extract.stages.entities.labels import common_words, fix_labels, unsupported_people
from extract.stages.entities.mention import NAMED, Mention, taken
from extract.stages.entities.names import make_consistent, nicknames, propagate, resolve
from extract.stages.entities.places import add_countries
from extract.stages.entities.ruler import add_ruler, alias_table, merge_aliases
from extract.stages.entities.spans import detached_stops, legal_forms_joined, model_mentions
from extract.stages.entities.sports import lineups, lone_names, table_teams
from extract.stages.entities.tidy import tidy_labels
from extract.stages.entities.wire import (
    bylines,
    datelines,
    initialled_names,
    people_with_country,
    reporting_subjects,
)

__all__ = ["NAMED", "STAGE", "Entity", "add_ruler", "extract"]


@dataclass(frozen=True)
class Entity:
    doc_id: str
    start: int
    end: int
    text: str
    label: str
    canonical: str
    kb_id: str
    sentence: int


# After the alias pins, each pass takes the article's mentions and returns them corrected.
PASSES: tuple[Callable[[Doc, list[Mention]], list[Mention]], ...] = (
    legal_forms_joined,
    head_of_place,
    datelines,
    bylines,
    add_countries,
    people_with_country,
    initialled_names,
    table_teams,
    lineups,
    reporting_subjects,
    untagged_firms,
    firm_halves,
    fix_labels,
    resolve,
    lone_names,
    nicknames,
    propagate,
    common_words,
    tickers,
    weigh,
    make_consistent,
    unsupported_people,
    tidy_labels,
    nationality_ids,
    detached_stops,
)


def extract(doc: Doc, article: Article, settings: Settings) -> list[Entity]:
    """The article's named entities, cleaned, labelled consistently and resolved to one name."""
    aliases = alias_table(str(settings.alias_file or ""))
    mentions = merge_aliases(doc, model_mentions(doc), aliases)
    for step in PASSES:
        mentions = step(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    _set_ents(doc, mentions)
    starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    return [
        Entity(
            doc_id=article.doc_id,
            start=m.start,
            end=m.end,
            text=article.text[m.start : m.end],
            label=m.label,
            canonical=m.canonical,
            kb_id=m.kb_id,
            sentence=max(bisect_right(starts, m.start) - 1, 0),
        )
        for m in mentions
    ]


def _set_ents(doc: Doc, mentions: list[Mention]) -> None:
    """Corrected named spans plus the model's other entities (money, dates) as doc.ents."""
    spans = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, label=m.label)
        if span is not None:
            spans.append(span)
    covered = taken(doc, mentions)
    spans += [e for e in doc.ents if e.label_ not in NAMED and not any(covered[e.start : e.end])]
    doc.ents = filter_spans(spans)


def _mark(row: Any, text: str) -> list[tuple[int, int, str, str]]:
    """The report's highlight of a row: its span, its label, its canonical name if other."""
    note = "" if row.canonical == row.text else row.canonical
    return [(int(row.start), int(row.end), row.label, note)]


def _setup(nlp: Language, settings: Settings) -> None:
    add_ruler(nlp, str(settings.alias_file or "") or None)


STAGE = Stage(
    name="entities",
    row=Entity,
    extract=extract,
    description="people, organisations, places and nationalities, one canonical name each",
    data=("aliases.csv", "entity_heads.json"),
    setup=_setup,
    scorer="entities",
    report=("text", "label", "canonical", "kb_id", "sentence", "start", "end"),
    mark=_mark,
)
