"""Quality floors: every figure of the README's Quality table, re-measured by `extract eval` as a
user runs it, must stay within about 0.02 of the value measured when it was written down. A
change that costs a stage a few points (one rule family switched off, a lexicon emptied) fails
here. Figures on data shipped with the repository run in a plain clone; the others need
../shared/eval beside the project and are skipped without it."""

from __future__ import annotations

import re

import pytest

from extract import cli

# (id, `extract eval` arguments, figure on its last line, floor, needs ../shared/eval)
FLOORS = [
    ("amounts-cases", ["amounts", "--cases"], "cases passed", 0.98, False),
    ("dates-cases", ["dates", "--cases"], "cases passed", 0.98, False),
    ("entities-cases", ["entities", "--cases"], "cases passed", 0.98, False),
    ("sectors-cases", ["sectors", "--cases"], "cases passed", 0.95, False),
    ("deals-cases", ["deals", "--cases"], "cases passed", 0.98, False),
    ("deals-tuned", ["deals"], "F1", 0.94, False),
    ("amounts", ["amounts"], "F1", 0.97, True),
    ("amounts-value", ["amounts"], "value accuracy", 0.98, True),
    ("amounts-quantulum", ["amounts"], "quantulum3 money value accuracy", 0.98, True),
    ("dates", ["dates"], "F1", 0.94, True),
    ("dates-value", ["dates"], "value accuracy", 0.93, True),
    ("entities-conll", ["entities"], "F1(PER/ORG/LOC)", 0.84, True),
    ("pages", ["pages"], "without left out", 0.98, True),
    ("pages-with", ["pages"], "with kept", 0.97, True),
]
_FIGURE = re.compile(r"([A-Za-z][\w()/+ -]*?):\s+(-?[0-9.]+)")


def figures(line: str) -> dict[str, float]:
    """{"F1": 0.964, "value accuracy": 0.953} from a scorer's headline line."""
    return {name.strip(): float(value) for name, value in _FIGURE.findall(line)}


@pytest.mark.parametrize(("args", "name", "floor", "shared"), [f[1:] for f in FLOORS],
                         ids=[f[0] for f in FLOORS])  # fmt: skip
def test_floor(args, name, floor, shared, request, capsys):
    if shared:
        request.getfixturevalue("shared_eval")  # skips without ../shared/eval
    assert cli.main(["eval", *args]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    found = figures(last)
    assert name in found, f"no {name!r} on the headline line: {last!r}"
    assert found[name] >= floor, f"extract eval {' '.join(args)}: {last}"


def test_figures_are_read_from_headlines():
    assert figures("F1: 0.964  value accuracy: 0.953") == {"F1": 0.964, "value accuracy": 0.953}
    assert figures("F1(PER/ORG/LOC): 0.859") == {"F1(PER/ORG/LOC)": 0.859}
