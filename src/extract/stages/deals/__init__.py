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

How, one module each:
- `triggers`: a spaCy Matcher finds the trigger lemmas of `data/deal_triggers.json` (verbs and
  nouns per deal type, "build/open + plant/factory" for expansions) and drops hedged ones;
- `frames`: verb, noun and facility frames read the deal's type and parties off the parse;
- `parties`: the dependency parse gives the parties (subject or passive agent for the actor;
  object, "in/into X", "with X", "of X by Y", possessive "Japan's investment" for actor and
  target; subjects of "agreed to buy" and "said it would" are followed up the tree);
- `slots`: the amount and date of each deal.

A trigger is not a deal when it lies inside a name ("European Investment Bank"), modifies
another noun ("investment bank", "merger talks"; not "takeover bid"), is negated, hedged by a
modal (could, might, may, should) or by a word such as "rejected", "blocked", "in talks",
"considering" on its way up to the main verb; nor are buys and sales of things that are not
businesses ("investors sold shares", "bought fewer cars"), share buy-backs, or expansions of
anything but a facility or into a place. Announced and agreed deals ("will buy", "agreed to
buy", "said it would sell", "a proposed merger", "a takeover bid") are deals.

Parties are the entities the parse points at, never merely the nearest entity in the sentence
(that guess costs more precision than it brings recall). Where the entities stage has no
entity on the head of the phrase, or one that runs past the name ("Hulu to Disney") or joins
two conjoined names, the proper-noun chain of the head stands in ("Catalent", "T-Mobile US").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc

from extract.article import Article
from extract.config import Settings
from extract.stages import Stage
from extract.stages.deals.frames import Frame, Reader
from extract.stages.deals.triggers import TYPES, Lexicon, load_lexicon

__all__ = ["TYPES", "Deal", "Lexicon", "extract", "load_lexicon"]


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
    reader = Reader(doc, entities, amounts, dates)
    slugs = "; ".join(s.sector for s in sectors)
    sents = list(doc.sents)
    found: list[Deal] = []
    for index, sent in enumerate(sents):
        following = sents[index + 1] if index + 1 < len(sents) else None
        for frame in _dedupe_sentence(reader.frames(sent)):
            amount = reader.slots.amount(frame, sent)
            found.append(
                Deal(
                    doc_id=article.doc_id,
                    sentence=index,
                    type=frame.type,
                    actor=frame.actor,
                    target=frame.target,
                    amount_value=amount.value if amount else None,
                    amount_currency=amount.currency if amount else "",
                    date=reader.slots.date(frame, sent, following),
                    sectors=slugs,
                    evidence=article.text[sent.start_char : sent.end_char],
                    start=sent.start_char,
                    end=sent.end_char,
                )
            )
    return _dedupe_article(found)


def _dedupe_sentence(frames: list[Frame]) -> list[Frame]:
    """One deal per actor and target in a sentence: two triggers there are two words for one
    deal ("will invest $3.9bn to build a plant in Indiana"); the first trigger names its type,
    the other may name the target the first left open."""
    out: list[Frame] = []
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
