"""The indexed attribute ruler finds the stock component's matches and sets the same
annotations (POS, morphology, lemmas) on news text."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from extract.attributes import IndexedRules
from extract.config import Settings

TEXTS = [
    "Shares of U.S. Steel rose 4% on Tuesday after Nippon Steel said it's not giving up on the "
    "$14.9 billion deal, which President Joe Biden blocked in January.",
    "There is no plan B, the minister said. \"We ain't gonna sell it, y'all know that, and "
    "there's nothin' they can do,\" he told reporters in Tokyo.",
    "Let's see: it was the company's third quarterly loss; it had said it would not cut jobs.\n\n"
    "Reporting by Jane Doe; editing by  John Smith",
    "Did they buy it? They did, and I'd do it again: the board gave it to me.",
]


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(Settings.model)  # the stock pipeline, as the model ships


def test_same_matches_and_annotations(nlp):
    stock = nlp.get_pipe("attribute_ruler")
    indexed = IndexedRules(stock)
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(nlp.pipe(TEXTS))
    for doc in docs:
        expected, got = stock.match(doc), indexed.match(doc)
        assert got == expected
        assert len(got) >= len(doc)  # every token has its tag's rule at least
        a, b = doc.copy(), doc.copy()
        stock.set_annotations(a, expected)
        indexed.set_annotations(b, got)
        lemmatizer = nlp.get_pipe("lemmatizer")
        a, b = lemmatizer(a), lemmatizer(b)
        attrs = [POS, TAG, MORPH, LEMMA, DEP]
        assert (a.to_array(attrs) == b.to_array(attrs)).all()


def test_rule_with_unknown_predicate_is_refused(nlp):
    ruler = nlp.add_pipe("attribute_ruler", name="toy_ruler", last=True)
    try:
        ruler.add([[{"LOWER": "a", "OP": "?"}, {"LOWER": "b"}]], {"LEMMA": "x"})
        with pytest.raises(ValueError, match="no index"):
            IndexedRules(ruler)
    finally:
        nlp.remove_pipe("toy_ruler")
