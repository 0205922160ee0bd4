"""spaCy's attribute ruler, indexed: the same matches, found without trying every rule at every
token.

The English models' `attribute_ruler` holds about 180 rules ("tag VBZ and lower-case 'is' ->
POS AUX, lemma 'be'"), and spaCy's Matcher tries every rule at every token: 45 µs a token on
this machine, about a tenth of the whole model's time. Here a one-token rule that names its
token's tag or lower-case form (one value or a list) is looked up by that token's tag and form,
and only its other conditions are tested; the two rules whose first token is a regular
expression are tried at every token, their result remembered per word form. The matches, sorted
as the component sorts them (a later rule wins), are the list the stock component finds, so
every annotation is the same (tests/test_attributes.py compares both on news text). A model
whose rules use an operator this index does not read keeps the stock matcher.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# The token attributes rules test, in the order a rule is indexed by its first token's value.
_KEYS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_ATTRS = [LOWER, TAG, DEP, IS_SPACE]
_SEARCHED = 100_000  # regular-expression results kept before the memo is emptied


def index_attribute_ruler(nlp: Language) -> None:
    """Give the pipeline's attribute ruler (if any) the indexed matcher; annotations unchanged."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        try:
            indexed = IndexedRules(ruler)
        except ValueError:  # a rule this index cannot read: the stock matcher stays
            return
        ruler.match = indexed.match
        ruler.set_annotations = indexed.set_annotations


class IndexedRules:
    """The rules of one AttributeRuler, indexed by a value their first token must have (its
    lower-case form, else its tag, else its dependency label); rules whose first token has no
    such value are tried at every token. Values are compared as the string hashes spaCy keeps
    in `Doc.to_array`, so a token costs a few dictionary look-ups."""

    def __init__(self, ruler: Any) -> None:
        self.strings = ruler.vocab.strings
        self.attrs, self.indices = ruler.attrs, ruler.indices
        self.ids = [self.strings[str(rule)] for rule in range(len(self.attrs))]  # match ids
        self.lookup: list[dict[int, list]] = [defaultdict(list) for _ in _KEYS]
        self.anywhere: list = []
        self.searched: dict[tuple, bool] = {}  # (pattern, form) -> REGEX found, once per form
        for rule, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                conds = [(at, *c) for at, spec in enumerate(pattern) for c in self._tests(spec)]
                first = [c for c in conds if c[0] == 0 and c[2] in ("is", "in")]
                if not first:
                    self.anywhere.append((rule, len(pattern), conds))
                    continue
                _, k, op, want = first[0]
                # the look-up checks this value: the pattern's other conditions are left
                rest = [c for c in conds if c is not first[0]]
                for value in want if op == "in" else [want]:
                    self.lookup[k][value].append((rule, len(pattern), rest))
        self.lookup = [dict(table) for table in self.lookup]

    def _tests(self, spec: dict) -> list[tuple[int, str, Any]]:
        """One pattern token's conditions, in _KEYS order: (attribute index, op, value) with op
        "is" (a hash), "in" / "not" (a set of hashes) or "re" (a compiled pattern)."""
        unknown = set(spec) - set(_KEYS)
        if unknown:
            raise ValueError(f"attribute ruler: no index for token attributes {unknown}")
        tests = []
        for k, key in enumerate(_KEYS):
            if key not in spec:
                continue
            want = spec[key]
            code = int if key == "IS_SPACE" else self.strings.add
            if not isinstance(want, dict):
                tests.append((k, "is", code(want)))
            elif set(want) == {"IN"}:
                tests.append((k, "in", frozenset(map(code, want["IN"]))))
            elif set(want) == {"NOT_IN"}:
                tests.append((k, "not", frozenset(map(code, want["NOT_IN"]))))
            elif set(want) == {"REGEX"}:
                tests.append((k, "re", re.compile(want["REGEX"])))
            else:
                raise ValueError(f"attribute ruler: no index for predicate {want!r}")
        return tests

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule, rule's match id, start, end) for every match, sorted: later rules last."""
        rows = doc.to_array(_ATTRS).tolist()
        n = len(rows)
        found = set()
        for i, row in enumerate(rows):
            for table, value in zip(self.lookup, row, strict=True):
                for rule, length, conds in table.get(value, ()):
                    if i + length <= n and (not conds or self._holds(rows, i, conds)):
                        found.add((rule, i, i + length))
            for rule, length, conds in self.anywhere:
                if i + length <= n and self._holds(rows, i, conds):
                    found.add((rule, i, i + length))
        return [(rule, self.ids[rule], s, e) for rule, s, e in sorted(found)]

    def _holds(self, rows: list[list[int]], i: int, conds: list) -> bool:
        for at, k, op, want in conds:
            value = rows[i + at][k]
            if op == "is":
                ok = value == want
            elif op == "in":
                ok = value in want
            elif op == "not":
                ok = value not in want
            else:
                ok = self.searched.get((want, value))
                if ok is None:
                    if len(self.searched) > _SEARCHED:  # forms keep coming: keep it bounded
                        self.searched.clear()
                    ok = self.searched[want, value] = bool(want.search(self.strings[value]))
            if not ok:
                return False
        return True

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        for rule, _, start, end in matches:
            index = self.indices[rule]
            set_token_attrs(doc[(start if index >= 0 else end) + index], self.attrs[rule])
