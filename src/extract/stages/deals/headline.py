"""The headline's deal, when the body gives no business deal.

Wire headlines state the deal in a few words ("ACME <ACM> COMPLETES ZENITH PURCHASE", "ACME
TO SELL STAKE IN ZENITH") where the body may only report its steps (shares tendered, holders
approving the merger). When the body yields no acquisition, merger, stake or divestment, the
title is parsed with the pipeline's own model and read by the same frames (and, failing them,
the same word-order reading as a lead sentence, `lead`, which also reads "ACME HAS 5 PCT OF
ZENITH" as a stake); a headline's infinitive, its way of
saying what a company will do ("ACME TO SELL UNIT"), is read as "will" when the title as
written gives no deal.

Headlines are in capitals, which the tagger reads as names throughout, so the title is first
cased as the body writes its words (`truecase`): a word the body writes in lower case is
lower case, a name keeps the body's spelling ("CHEMLAWN" -> "ChemLawn"); a word the body does
not use is lower case when it is English (a word or inflection of the lemmatizer's tables),
kept in capitals when short (an acronym: "GAF"), else capitalised. Stock tickers ("<ACM>",
"(ACM)") are dropped. A party the headline shortens is the body's name it begins
("Kaiser" -> "Kaiser Cement").

The row's evidence is the body's first sentence (the wire's lead, which reports the deal the
headline states), so `article.text[start:end] == evidence` holds for it too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extract.article import Article
from extract.config import Settings
from extract.stages.deals import triggers
from extract.stages.deals.coref import same_party
from extract.stages.deals.frame import Frame

BUSINESS = frozenset({"acquisition", "merger", "stake", "divestment"})
_TICKER = re.compile(r"\s*[<(][A-Z0-9.]{1,6}[>)]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'.&-]*[A-Za-z]|[A-Za-z]")
_SENTENCE_START = re.compile(r"(?:[.!?]\s+|\n\s*)$")
_INFINITIVE = re.compile(r"^([^,;:]*?[A-Za-z]) to ")
_HOLDS = re.compile(r"\b(?:has|have|had)\s+[\d.,]+\s*(?:pct|percent|%)\s+of\b", re.I)
ACRONYM = 4  # a word of the headline the body does not use, up to this length, stays in capitals


def headline_frames(
    article: Article, settings: Settings, entities: Sequence[Any]
) -> tuple[list[Frame], Doc | None]:
    """The business deals the title states, with parties named as the body names them, and
    the parsed title (None when there is no title to read)."""
    from extract.nlp import load  # the pipeline's model, loaded once per process
    from extract.stages.deals.frames import Reader
    from extract.stages.deals.lead import lead_frame

    nlp = load(settings)
    if not _has_trigger(article.title or "", nlp):
        return [], None  # most headlines name no deal: no parse for them
    text = truecase(article.title or "", article.text, _english_words(nlp))
    if not text or text.lower() == text:
        return [], None
    found: list[Frame] = []
    # "Acme to sell unit": a headline's infinitive is its future ("Acme will sell unit")
    for wording in dict.fromkeys((text, _INFINITIVE.sub(r"\1 will ", text, count=1))):
        doc = nlp(wording)
        rows = _earlier_rows(doc, Article(article.doc_id, article.source, wording), settings)
        reader = Reader(doc, rows["entities"], rows["amounts"], rows["dates"], wording)
        for sent in doc.sents:
            frames = reader.frames(sent) or [f for f in (lead_frame(reader, sent),) if f]
            found += [f for f in frames if f.type in BUSINESS]
        if found:
            break
    names = [e.canonical for e in entities if e.label in ("ORG", "GPE", "PERSON", "NORP")]
    kept = []
    for frame in found:
        frame.actor = _body_name(frame.actor, names)
        frame.target = _body_name(frame.target, names)
        # a headline's unnamed business ("SERVICE FIRM") may be one the body names: no row
        if frame.target and all(p in names for p in (frame.actor, frame.target) if p):
            kept.append(frame)  # the parties are the body's: a headline's names are cut short
    return kept, doc


def _earlier_rows(doc: Doc, article: Article, settings: Settings) -> dict[str, list]:
    """The rows of the stages deals reads (entities, amounts, dates) for the title."""
    from extract import stages

    rows: dict[str, list] = {}
    for stage in stages.upto("deals"):
        if stage.name in ("deals", "sectors") or not set(stage.needs) <= rows.keys():
            continue
        rows[stage.name] = stage.extract(
            doc, article, settings, **{need: rows[need] for need in stage.needs}
        )
    for name in ("entities", "amounts", "dates"):
        rows.setdefault(name, [])
    return rows


def _body_name(name: str, names: list[str]) -> str:
    """The body's name a headline's shortened one begins ("Kaiser" -> "Kaiser Cement"), the
    longest when several; the headline's own when the body has none."""
    found = [n for n in names if name and same_party(name, n)]
    return max(found, key=len) if found else name


def truecase(title: str, body: str, english: frozenset[str] = frozenset()) -> str:
    """The title cased as the body writes its words, without tickers."""
    title = " ".join(_TICKER.sub(" ", title).replace("<", " ").replace(">", " ").split())
    if not title or title.upper() != title:
        return title  # already cased
    forms, opening = _body_forms(body)

    def cased(match: re.Match[str]) -> str:
        word = match.group(0)
        seen = forms.get(word.lower()) or opening.get(word.lower())
        if seen:
            return seen.most_common(1)[0][0]
        if _english(word.lower(), english):
            return word.lower()
        return word if len(word) <= ACRONYM else word.capitalize()

    return _WORD.sub(cased, title)


def _body_forms(body: str) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
    """How the body writes each word inside sentences, and at their starts (capitalised there
    whatever they are: only a word met nowhere else takes its case from there); words in
    capitals (a wire's own headline style) are left out."""
    forms: dict[str, Counter[str]] = {}
    opening: dict[str, Counter[str]] = {}
    for match in _WORD.finditer(body):
        word = match.group(0)
        if word.isupper() and len(word) > ACRONYM:
            continue
        first = match.start() == 0 or _SENTENCE_START.search(body[: match.start()][-3:])
        (opening if first else forms).setdefault(word.lower(), Counter())[word] += 1
    return forms, opening


def _english(word: str, words: frozenset[str]) -> bool:
    """A word of the lemmatizer's tables, or an inflection of one ("completes", "raised")."""
    return any(s in words for s in _stems(word))


def _stems(word: str) -> list[str]:
    """The word and what it is with an inflection cut ("completes" -> "complete")."""
    stems = [word]
    for ending, back in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if word.endswith(ending):
            stems.append(word[: -len(ending)] + back)
    return stems


def _has_trigger(title: str, nlp: Language) -> bool:
    """Does a word of the title begin a trigger phrase, as written, as a stem, or as the lemma
    the lemmatizer's exceptions give ("SOLD" -> "sell")? The check that spares a parse."""
    starts = triggers.trigger_starts()
    irregular = _irregular(nlp)
    if _HOLDS.search(title):
        return True  # "ACME HAS 5 PCT OF ZENITH": a stake held (see `lead`)
    for word in _WORD.findall(title.lower()):
        for part in word.split("-"):
            if any(s in starts for s in [*_stems(part), *irregular.get(part, ())]):
                return True
    return False


@lru_cache(maxsize=2)
def _irregular(nlp: Language) -> dict[str, tuple[str, ...]]:
    """Irregular forms and their lemmas ("sold": "sell"), from the lemmatizer's exceptions."""
    found: dict[str, tuple[str, ...]] = {}
    for table in _lookup(nlp, "lemma_exc").values():
        for form, lemmas in table.items():
            found[form] = (*found.get(form, ()), *lemmas)
    return found


@lru_cache(maxsize=2)
def _english_words(nlp: Language) -> frozenset[str]:
    """The words of the model's lemmatizer tables (nouns, verbs, adjectives, adverbs) and its
    stop words."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    words: set[str] = set()
    for table in ("lemma_index", "lemma_exc"):
        for values in _lookup(nlp, table).values():
            words.update(values)
    return frozenset(w for w in words | set(nlp.Defaults.stop_words) if w.isalpha())


def _lookup(nlp: Language, name: str) -> dict:
    """A table of the model's lemmatizer lookups ({} when it has none of that name)."""
    if "lemmatizer" not in nlp.pipe_names:
        return {}
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    return dict(lookups.get_table(name)) if lookups is not None and lookups.has_table(name) else {}
