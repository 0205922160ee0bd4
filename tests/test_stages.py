"""The stage registry: a stage added from outside the package (one module, one data file, one
example table) runs in the pipeline, gets its table in every output, and is scored by the
example-table runner. The toy stage lives here, not in the product."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

import extract
from extract import stages
from extract.evaluate import cases
from extract.stages import Stage, data_path

# --- the toy stage: words that hedge a claim ("reportedly", "allegedly") -------------------


@dataclass(frozen=True)
class Hedge:
    doc_id: str
    start: int
    end: int
    text: str
    sentence: int


@cache
def _words(path: Path) -> frozenset[str]:
    return frozenset(json.loads(data_path(path).read_text(encoding="utf-8"))["words"])


def _extract_hedges(doc, article, settings, entities) -> list[Hedge]:
    words = _words(HEDGE_DATA)
    rows = []
    for number, sent in enumerate(doc.sents):
        for tok in sent:
            # A hedge inside a name ("Allegedly Inc") is part of the name, not a hedge.
            if tok.lower_ in words and not any(e.start <= tok.idx < e.end for e in entities):
                end = tok.idx + len(tok.text)
                rows.append(Hedge(article.doc_id, tok.idx, end, tok.text, number))
    return rows


HEDGE_DATA: Path = Path()  # set by the fixture: the stage's data file
EXAMPLES = [
    {"text": "The minister reportedly resigned on Friday.", "rows": [{"text": "reportedly"}]},
    {
        "text": "Acme Corp allegedly hid losses. Shares fell 4% in Tokyo.",
        "rows": [{"text": "allegedly", "sentence": 0}],
        "exact": True,
    },
    {"text": "The company said profits rose.", "rows": [], "exact": True},
]


@pytest.fixture
def toy(tmp_path):
    global HEDGE_DATA
    HEDGE_DATA = tmp_path / "hedges.json"
    HEDGE_DATA.write_text(json.dumps({"words": ["reportedly", "allegedly"]}), encoding="utf-8")
    table = tmp_path / "hedges.jsonl"
    table.write_text("\n".join(json.dumps(e) for e in EXAMPLES) + "\n", encoding="utf-8")
    stage = Stage(
        name="hedges",
        row=Hedge,
        extract=_extract_hedges,
        description="words that hedge a claim",
        needs=("entities",),
        data=(HEDGE_DATA,),
        report=("text", "sentence"),
        mark=lambda row, text: [(int(row.start), int(row.end), "HEDGE", "")],
    )
    stages.register(stage)
    try:
        yield table
    finally:
        stages.unregister("hedges")


# --- what registering it gives ------------------------------------------------------------


def test_registered_stage_runs_after_what_it_needs(toy):
    names = [s.name for s in stages.stages()]
    assert names.index("hedges") > names.index("entities")
    assert [s.name for s in stages.upto("hedges")][-1] == "hedges"


def test_toy_stage_in_library_tables(toy, settings):
    result = extract.extract_text(EXAMPLES[0]["text"], settings=settings)
    assert list(result.hedges["text"]) == ["reportedly"]
    assert list(result.hedges.columns) == ["doc_id", "start", "end", "text", "sentence"]
    assert "hedges" in result.tables()


def test_toy_stage_in_store_csv_and_report(toy, settings, tmp_path):
    from extract.report import write_report

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(EXAMPLES[1]["text"], encoding="utf-8")
    summary = extract.run([inputs], settings, out=tmp_path / "out", formats=("csv",))
    assert tmp_path / "out" / "hedges.csv" in summary.written
    table = pd.read_csv(tmp_path / "out" / "hedges.csv")
    assert list(table["text"]) == ["allegedly"]
    page = write_report(tmp_path / "out").read_text(encoding="utf-8")
    assert "<h3>hedges</h3>" in page and "HEDGE" in page


def test_toy_example_table_is_scored(toy, settings):
    outcomes = cases.run(cases.load(toy, "hedges"), settings)
    assert [o.ok for o in outcomes] == [True, True, True]
    # The runner catches a wrong expectation too.
    wrong = cases.Case("hedges", 1, EXAMPLES[0]["text"], rows=({"text": "resigned"},))
    assert not cases.run([wrong], settings)[0].ok


def test_data_file_changes_the_fingerprint(toy):
    before = stages.fingerprint()
    HEDGE_DATA.write_text(json.dumps({"words": ["reportedly"]}), encoding="utf-8")
    assert stages.fingerprint() != before


def test_unknown_needs_are_an_error():
    stages.register(Stage(name="orphan", row=Hedge, extract=_extract_hedges, needs=("nope",)))
    try:
        with pytest.raises(ValueError, match="orphan.*nope"):
            stages.stages()
    finally:
        stages.unregister("orphan")
    assert "orphan" not in [s.name for s in stages.stages()]
