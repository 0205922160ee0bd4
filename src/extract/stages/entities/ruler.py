"""The alias ruler: names of the alias file (`data/aliases.csv` plus the user's) pinned over the
model's entities.

Each alias is matched as written and in upper case (headlines) by a SpanRuler placed after
"ner" (measured on CoNLL-2003 dev: F1 0.750 after "ner" vs 0.742 before it, which makes the
model route around the pins). A match replaces the model's entities it overlaps, unless a model
entity strictly contains it ("Toyota Motor Corp." keeps its span and takes the alias "Toyota
Motor"'s name when only a legal suffix differs). A pinned mention keeps its label and id.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from extract.aliases import Alias, load_aliases
from extract.stages.entities.mention import Mention, doc_text, name, overlapping, strip_legal

RULER = "alias_ruler"
SPANS_KEY = "aliases"


def add_ruler(nlp: Language, alias_file: str | Path | None) -> None:
    """Add the alias SpanRuler (shipped + user aliases) after "ner"; idempotent."""
    if RULER in nlp.pipe_names:
        nlp.remove_pipe(RULER)
    ruler = nlp.add_pipe(
        "span_ruler",
        name=RULER,
        after="ner" if "ner" in nlp.pipe_names else None,
        config={"spans_key": SPANS_KEY, "annotate_ents": False, "overwrite": True},
    )
    patterns = []
    for alias in load_aliases(alias_file):
        # Upper-case too: headlines and datelines are often written in capitals.
        for form in {alias.alias, alias.alias.upper()}:
            if form != alias.alias and len(alias.alias) < 4:
                continue  # "AI" upper is itself; short upper forms are acronyms already
            patterns.append({"label": alias.label, "pattern": form, "id": alias.alias})
    # Phrase patterns match on ORTH, so the tokenizer alone builds them: with the model's
    # components enabled, add_patterns would run them over every alias at each start-up.
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(patterns)
    alias_table.cache_clear()


@lru_cache(maxsize=8)
def alias_table(alias_file: str) -> dict[str, Alias]:
    """Alias (as written, and in upper case) -> its row, for a user file or "" (shipped only)."""
    table = {}
    for alias in load_aliases(alias_file or None):
        table[alias.alias] = alias
        table.setdefault(alias.alias.upper(), alias)
    return table


def merge_aliases(doc: Doc, mentions: list[Mention], aliases: dict[str, Alias]) -> list[Mention]:
    """Alias matches win over the model's spans they overlap, except inside a longer name."""
    matches = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
    for span in filter_spans(matches):
        alias = aliases.get(span.id_) or aliases.get(span.text)
        if alias is None:
            continue
        s, e = span.start_char, span.end_char
        hit = overlapping(mentions, s, e)
        outer = [m for m in hit if m.start <= s and m.end >= e and (m.start, m.end) != (s, e)]
        if outer:
            # "Toyota Motor Corp." is the alias "Toyota Motor" with a legal suffix: same entity.
            m = outer[0]
            if strip_legal(name(doc_text(doc)[m.start : m.end])) in (alias.alias, alias.canonical):
                m.label, m.canonical, m.kb_id = alias.label, alias.canonical, alias.kb_id
                m.pinned = True
            continue
        mentions = [m for m in mentions if m not in hit]
        mentions.append(Mention(s, e, alias.label, alias.canonical, alias.kb_id, pinned=True))
    return mentions
