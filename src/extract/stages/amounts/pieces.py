"""The Doc as every amount rule reads it: each token cut into pieces (digits, letters, one
sign each) with their character offsets.

spaCy leaves many money forms glued in one token ("USD34.6", "HK$12", "5bn", "115USD"), which
token patterns cannot look inside. A piece never crosses a token, `text[piece.start:piece.end]`
is the piece, and `piece.tok` indexes its token, so the rules still read the model's tags.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc, Token

_PIECE = re.compile(r"\d+(?:[.,'’]\d+)*|[^\W\d_]+|\S")


class Piece(NamedTuple):
    start: int
    end: int
    text: str
    low: str
    kind: str  # "num", "word" or "sym"
    gap: bool  # whitespace before it
    tok: int


class Pieces:
    """The pieces of one Doc, with the Doc and its text beside them."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.ps = _cut(doc)
        self.n = len(self.ps)
        self.text = doc.text  # spaCy builds doc.text anew on every access
        # a text with no upper case at all comes from a lower-cased corpus: "rs 500", "dm 5"
        self.lowercased = self.text == self.text.lower()

    def token(self, k: int) -> Token:
        """The token holding piece k."""
        return self.doc[self.ps[k].tok]


def _cut(doc: Doc) -> list[Piece]:
    out: list[Piece] = []
    prev_end = -1
    for tok in doc:
        text = tok.text
        if text.isalpha() or text.isdigit():  # most tokens are one piece
            s = tok.idx
            kind = "word" if text[0].isalpha() else "num"
            out.append(Piece(s, s + len(text), text, text.lower(), kind, s != prev_end, tok.i))
            prev_end = s + len(text)
            continue
        if tok.is_space:
            continue
        for m in _PIECE.finditer(text):
            s = tok.idx + m.start()
            piece = m.group()
            kind = "num" if piece[0].isdigit() else "word" if piece[0].isalpha() else "sym"
            out.append(Piece(s, s + len(piece), piece, piece.lower(), kind, s != prev_end, tok.i))
            prev_end = s + len(piece)
    return out
