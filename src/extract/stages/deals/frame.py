"""The frame: one candidate deal while it is being read off the parse."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token


@dataclass
class Frame:
    type: str
    trigger: Token
    host: Token  # the token whose clause holds the deal's arguments
    actor: str = ""
    target: str = ""
    asset: bool = False  # the deal is over a business or facility the sentence leaves unnamed
    status: str = "announced"  # or "proposed": in talks, considered, rejected, modal (triggers)
