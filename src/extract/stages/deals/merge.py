"""One row per deal per article: the mentions of one deal merged, with every sentence kept.

Two rows are one deal when
- they have the same type and the same parties (a name and its leading words are one party:
  "Conagra" and "Conagra Inc"), or one leaves open a party the other names;
- they are a merger or joint venture of the same two parties, in either order;
- they are the two sides of one sale: "X bought Y" and "Z sold Y" (the same business), or
  "X bought Z's unit" and "Z sold its unit to X" (an unnamed business: the other side stands
  in as the target);
- they are an acquisition and a merger of the same two parties ("agreed to buy Y", "the
  merger");
- they are a sale and a stake of the same seller in the same company: the stake kept or held
  before is part of the sale ("agreed to sell 80 pct of Y" ... "will keep 20 pct of Y");
- they are two acquisitions with the parties swapped: one takeover, the second read from
  its target's side (a misread "Y received X's offer");
- they are a stake bought and, reported after it, an acquisition of the same company by the
  same buyer: the stake was a step of the takeover ("X has acquired 90 pct of Y" ... "X said
  it would acquire Y"); a stake held ("X owns 5 pct of Y") or reported after a takeover ("X
  bid for Y" ... "X holds 19.6 pct of Y") is a deal of its own;
- they are a takeover (an acquisition or a merger) and a stake with the parties swapped: the
  target's holders getting the buyer's shares or an option on the target's shares are the
  takeover's terms ("X agreed to buy Y" ... "Y's holders will own 40 pct of X");
- they are of one type and target, and one's actor is written as a company's unit ("Acme
  bought 5 pct of Y" ... "its Beta Investments Inc bought the shares"): a company acts
  through its units.
Names are one party as `names.one_party` tells: "Kodak" is "Eastman Kodak", "TWA" is "Trans
World Airlines".
The row first met keeps its type and parties; it takes a party it left open, the amount and the
date from the later mentions when it has none, and `mentions` lists every sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from extract.stages.deals.coref import same_party
from extract.stages.deals.names import one_party

SYMMETRIC = frozenset({"merger", "joint_venture"})
SIDES = frozenset({"acquisition", "divestment"})
KEPT = frozenset({"stake", "divestment"})
TERMS = (frozenset({"stake", "acquisition"}), frozenset({"stake", "merger"}))
STEP = ("stake", "acquisition")  # a stake first, then the takeover of the same company


def merge_mentions(
    deals: list[Any], offsets: Callable[[Any], str], taken: Callable[[Any], bool] | None = None
) -> list[Any]:
    """The article's deals, each once, in the order first met; `offsets` gives a row's
    "start-end" entry of `mentions`; `taken` tells a stake bought from one held (only a stake
    bought is a step of a takeover reported after it)."""
    out: list[Any] = []
    for deal in deals:
        index = next(
            (
                i
                for i, kept in enumerate(out)
                if same_deal(kept, deal) or (taken is not None and _step(kept, deal, taken))
            ),
            None,
        )
        if index is None:
            out.append(replace(deal, mentions=offsets(deal)))
        else:
            out[index] = _absorb(out[index], deal, offsets(deal))
    return out


def same_deal(a: Any, b: Any) -> bool:
    if a.type == b.type and _parties_agree(a.actor, b.actor) and _parties_agree(a.target, b.target):
        return bool(a.actor and b.actor) or bool(a.target and b.target)
    pairing = {a.type, b.type}
    if pairing & SYMMETRIC and (len(pairing) == 1 or pairing == {"merger", "acquisition"}):
        return _same_pair(a, b)
    if a.type == b.type and a.target and (_unit_of(b) or _unit_of(a)):
        if one_party(a.target, b.target):
            return True
    if a.actor and a.target and b.actor and b.target:
        if a.type == b.type == "acquisition" and _swapped(a, b):
            return True  # one takeover told from both sides
        if pairing in TERMS and _swapped(a, b):
            return True  # the takeover's terms read as a stake of its target in its buyer
        if pairing == KEPT and same_parties(a, b):
            return True  # the part of a company its seller keeps, or held before the sale
    if pairing == SIDES:
        # one business sold and bought, when one side's sentence names the other's actor
        # (competing bids for one company are different deals)
        same_business = a.target and same_party(a.target, b.target) and _names_other(a, b)
        return bool(same_business or (a.actor and a.target and _swapped(a, b)))
    return False


def _step(a: Any, b: Any, taken: Callable[[Any], bool]) -> bool:
    """A stake bought, then the takeover of the same company by the same buyer."""
    if (a.type, b.type) != STEP or not (a.actor and a.target) or not taken(a):
        return False
    return same_parties(a, b)


def _unit_of(deal: Any) -> bool:
    """Is the row's actor written as a company's unit ("its LNC Investments Inc", "its RKO
    General subsidiary")? Then its deal with the same target is the company's."""
    words = deal.actor.split()
    return bool(words) and f"its {words[0]}" in " ".join(deal.evidence.split())


def _names_other(a: Any, b: Any) -> bool:
    def named(name: str, deal: Any) -> bool:
        return bool(name) and name.split()[0] in deal.evidence

    return named(a.actor, b) or named(b.actor, a)


def _same_pair(a: Any, b: Any) -> bool:
    if not (a.actor and a.target and b.actor and b.target):
        return False
    return same_parties(a, b) or _swapped(a, b)


def same_parties(a: Any, b: Any) -> bool:
    """Do the two rows name the same actor and the same target (all four given)?"""
    return one_party(a.actor, b.actor) and one_party(a.target, b.target)


def _parties_agree(a: str, b: str) -> bool:
    return not a or not b or one_party(a, b)


def _swapped(a: Any, b: Any) -> bool:
    return one_party(a.actor, b.target) and one_party(a.target, b.actor)


def _absorb(kept: Any, other: Any, mention: str) -> Any:
    if other.status == "announced" and kept.status != "announced":
        # a deal reported both ways is the one announced: its type, parties and status, with
        # the first mention's sentence ("in talks to buy Y" ... "agreed to buy Y")
        first = ("sentence", "evidence", "start", "end", "mentions")
        kept, other = replace(other, **{f: getattr(kept, f) for f in first}), kept
    changes: dict[str, Any] = {"mentions": f"{kept.mentions}; {mention}"}
    if kept.type == other.type and not _swapped(kept, other):
        if not kept.actor and other.actor:
            changes["actor"] = other.actor
        if not kept.target and other.target:
            changes["target"] = other.target
    if kept.amount_value is None and other.amount_value is not None:
        changes["amount_value"] = other.amount_value
        changes["amount_currency"] = other.amount_currency
    if not kept.date and other.date:
        changes["date"] = other.date
    return replace(kept, **changes)
