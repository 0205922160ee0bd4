"""`extract eval entities`: exact-span NER scores on a CoNLL file, bare model vs pipeline.

Data: CoNLL format, one token a line with its tag last (CoNLL-2003's `token POS chunk NER` with
IOB1 tags, or two columns `token TAG` with IOB2 tags as FiNER-ORD and WNUT-17 are written),
`-DOCSTART-` between documents, blank lines between sentences; default
`../shared/eval/entities/conll2003-eng.testa`. Each document's text is rebuilt by joining
tokens with spaces and sentences with newlines, so gold spans become character offsets into
that text.

Label mapping (OntoNotes, as our model and table use, -> CoNLL):
    PERSON -> PER
    ORG -> ORG
    GPE, LOC, FAC -> LOC
    NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE -> MISC
    everything else (DATE, MONEY, CARDINAL, ...) is not a CoNLL entity and is ignored.

A prediction counts only if its start, end and mapped label all equal a gold entity's. Two
systems are scored on the same texts: the bare spaCy model (`doc.ents` of `spacy.load`) and the
production pipeline up to the entities stage (`pipeline.process(..., until="entities")`: the
model with every stage's rulers, the stages before it, then the entities table). The last line
is the pipeline's micro F1 over PER, ORG and LOC.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy

from extract.article import Article
from extract.config import Settings
from extract.evaluate import prf, prf_line, set_counts, shared_eval_dir

LABEL_MAP = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
LABELS = ("PER", "ORG", "LOC", "MISC")
HEADLINE = ("PER", "ORG", "LOC")

Span = tuple[int, int, str]


@dataclass(frozen=True)
class GoldDoc:
    text: str
    spans: frozenset[Span]


def read_conll(path: Path) -> list[GoldDoc]:
    """A CoNLL-2003 file as documents, gold spans as character offsets into the rebuilt text."""
    docs: list[GoldDoc] = []
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sentence:
                sentences.append(sentence)
            sentence = []
        elif parts[0] == "-DOCSTART-":
            if sentence:
                sentences.append(sentence)
            sentence = []
            if sentences:
                docs.append(_build(sentences))
            sentences = []
        else:
            sentence.append((parts[0], parts[-1]))
    if sentence:
        sentences.append(sentence)
    if sentences:
        docs.append(_build(sentences))
    return docs


def _build(sentences: list[list[tuple[str, str]]]) -> GoldDoc:
    text_parts: list[str] = []
    spans: set[Span] = set()
    pos = 0
    for s_index, sentence in enumerate(sentences):
        if s_index:
            text_parts.append("\n")
            pos += 1
        current: list = []  # [start, end, label] of the open entity
        for t_index, (token, tag) in enumerate(sentence):
            if t_index:
                text_parts.append(" ")
                pos += 1
            start, end = pos, pos + len(token)
            text_parts.append(token)
            pos = end
            if tag == "O":
                if current:
                    spans.add(tuple(current))
                current = []
                continue
            prefix, label = tag.split("-", 1)
            # A new entity starts at B- or where the type changes: IOB1, and IOB2 read as
            # conlleval reads it (an I- after O opens an entity).
            if current and prefix == "I" and current[2] == label:
                current[1] = end
            else:
                if current:
                    spans.add(tuple(current))
                current = [start, end, label]
        if current:
            spans.add(tuple(current))
    return GoldDoc("".join(text_parts), frozenset(spans))


def bare_spans(docs: Iterable[spacy.tokens.Doc]) -> Iterator[set[Span]]:
    for doc in docs:
        yield {
            (e.start_char, e.end_char, LABEL_MAP[e.label_])
            for e in doc.ents
            if e.label_ in LABEL_MAP
        }


def pipeline_spans(texts: list[str], settings: Settings) -> Iterator[set[Span]]:
    """The entities table of the production pipeline on each text, as scored spans."""
    from extract.pipeline import process

    articles = [Article(doc_id=f"doc-{i}", source="conll", text=t) for i, t in enumerate(texts)]
    for result in process(articles, settings, until="entities"):
        if result.article.error:
            raise ValueError(result.article.error)
        rows = result.rows["entities"]
        yield {(r.start, r.end, LABEL_MAP[r.label]) for r in rows if r.label in LABEL_MAP}


def score(gold: list[GoldDoc], predicted: Iterable[set[Span]]) -> dict[str, Counter]:
    counts = {label: Counter() for label in LABELS}
    for doc, pred in zip(gold, predicted, strict=True):
        for label in LABELS:
            g = {s for s in doc.spans if s[2] == label}
            p = {s for s in pred if s[2] == label}
            counts[label] += set_counts(p, g)
    return counts


def report(name: str, counts: dict[str, Counter], seconds: float, words: int) -> float:
    print(f"{name}  ({words / seconds:,.0f} words/s of CPU time)")
    for label in LABELS:
        c = counts[label]
        print("  " + prf_line(label, c["tp"], c["fp"], c["fn"]))
    tp, fp, fn = (sum(counts[label][k] for label in HEADLINE) for k in ("tp", "fp", "fn"))
    f1 = prf(tp, fp, fn)[2]
    print("  " + prf_line("PER/ORG/LOC", tp, fp, fn))
    return f1


def main(data: Path | None, settings: Settings) -> None:
    from extract import nlp as nlp_module

    path = data or shared_eval_dir() / "entities" / "conll2003-eng.testa"
    if not path.is_file():
        raise ValueError(f"{path}: eval entities: no such file")
    gold = read_conll(path)
    texts = [g.text for g in gold]
    words = sum(len(t.split()) for t in texts)
    print(f"{path.name}: {len(gold)} documents, {words:,} words", file=sys.stderr)

    bare = spacy.load(settings.model)
    t0 = time.process_time()
    bare_counts = score(gold, list(bare_spans(bare.pipe(texts, batch_size=settings.batch_size))))
    bare_time = time.process_time() - t0
    bare_f1 = report("bare model", bare_counts, bare_time, words)

    nlp_module.load(settings)  # loading the model is no part of the time per word
    t0 = time.process_time()
    ours = list(pipeline_spans(texts, settings))
    our_time = time.process_time() - t0
    our_counts = score(gold, ours)
    our_f1 = report("pipeline (up to the entities stage)", our_counts, our_time, words)

    print(
        f"gain: {100 * (our_f1 - bare_f1):+.1f} points; time cost {our_time / bare_time - 1:+.1%}"
    )
    print(f"F1(PER/ORG/LOC): {our_f1:.3f}")
