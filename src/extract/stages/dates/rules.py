"""The rule table: every rule that reads one date or period, found by its name.

A rule is a function (normalised phrase, publication date) -> `Resolved` or None, registered
with `@rule("name")` beside the rules of its kind (`written`, `relative`, `holidays`,
`composed`). `single(phrase, base)` tries them in the order `data/dates.json` lists under
"rules" (the more specific readings first); the first that resolves the phrase wins. A rule
may claim a shape of phrase (`claims`, a regex): a phrase of that shape is its alone, and
when the rule cannot read it no later rule tries it. Where no rule reads the phrase, leading
words that carry no date ("in", "the", "since", ...) are dropped and the rules try again,
twice at most. Every registered rule is in that list and every name in the list is
registered: `order()` says which is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from extract.stages.dates.values import Resolved
from extract.stages.dates.vocabulary import LEAD, VOCAB

Reading = Callable[[str, date], Resolved | None]


@dataclass(frozen=True)
class Rule:
    name: str
    read: Reading
    claims: re.Pattern[str] | None = None  # phrases no later rule may read


RULES: dict[str, Rule] = {}


def rule(name: str, claims: re.Pattern[str] | None = None) -> Callable[[Reading], Reading]:
    """Registers the decorated function as the rule `name`."""

    def register(read: Reading) -> Reading:
        if name in RULES:
            raise ValueError(f"dates: two rules named {name!r}")
        RULES[name] = Rule(name, read, claims)
        return read

    return register


@cache
def order() -> tuple[Rule, ...]:
    """The rules in the order of data/dates.json's "rules"."""
    names = VOCAB["rules"]
    unknown = [n for n in names if n not in RULES]
    unlisted = [n for n in RULES if n not in names]
    if unknown or unlisted:
        raise ValueError(
            f"dates.json: rules: no rule named {unknown}; registered but not listed {unlisted}"
        )
    return tuple(RULES[n] for n in names)


@lru_cache(maxsize=8192)
def single(s: str, base: date) -> Resolved | None:
    """One date or period (no range), from normalised text (cached: rules are pure)."""
    for _ in range(3):
        for each in order():
            found = each.read(s, base)
            if found or (each.claims and each.claims.fullmatch(s)):
                return found
        stripped = LEAD.sub("", s)
        if stripped == s:
            return None
        s = stripped
    return None
