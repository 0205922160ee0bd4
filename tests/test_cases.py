"""Every example table in tests/cases/ (one case a line): the stage, run in the production
pipeline, must give the rows each case lists and none it marks absent. See
extract/evaluate/cases.py for the format; `extract eval STAGE --cases` scores the same tables."""

from __future__ import annotations

import pytest

from extract.evaluate import cases

CASES = [c for path in cases.case_files().values() for c in cases.load(path)]


@pytest.fixture(scope="session")
def outcomes(settings) -> dict[str, cases.Outcome]:
    return {o.case.id: o for o in cases.run(CASES, settings)}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case(case: cases.Case, outcomes):
    outcome = outcomes[case.id]
    if case.xfail:
        if outcome.ok:
            pytest.fail(f"{case.id} passes now: drop its xfail ({case.xfail})")
        pytest.xfail(case.xfail)
    assert outcome.ok, outcome.explain()


def test_every_stage_has_an_example_table():
    from extract.stages import stages

    missing = [s.name for s in stages() if s.name not in cases.case_files()]
    assert not missing, f"stages without tests/cases/<stage>.jsonl: {missing}"
