"""End to end: the CLI and the library over real-looking article folders."""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import extract
from extract.store import Store
from extract.tables import columns, names

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "extract", *args], capture_output=True, text=True, timeout=600
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def tables(out: Path, fmt: str = "csv") -> dict[str, pd.DataFrame]:
    read = (lambda p: pd.read_csv(p, keep_default_na=False)) if fmt == "csv" else pd.read_parquet
    return {name: read(out / f"{name}.{fmt}") for name in names()}


def test_seed_article_through_the_cli(tmp_path, seed_text):
    source = tmp_path / "in" / "japan-us-investment.txt"
    source.parent.mkdir()
    source.write_text(seed_text, encoding="utf-8")
    cli("run", str(source.parent), "--out", str(tmp_path / "out"), "--quiet")
    t = tables(tmp_path / "out")
    text = source.read_text(encoding="utf-8")
    assert len(t["articles"]) == 1 and t["articles"].error.iloc[0] == ""

    ents = t["entities"]
    for row in ents.itertuples():
        assert text[row.start : row.end] == row.text
        assert not row.text.endswith(("'s", "’s"))
    found = set(zip(ents.text, ents.label, strict=True))
    for name, label in [
        ("Shigeru Ishiba", "PERSON"),
        ("Donald Trump", "PERSON"),
        ("U.S. Steel", "ORG"),
        ("Toyota", "ORG"),
        ("Nissan", "ORG"),
        ("Japan", "GPE"),
        ("Detroit", "GPE"),
        ("Michigan", "GPE"),
    ]:
        assert (name, label) in found, (name, label)
    trump = ents[ents.text.str.contains("Trump")]
    assert len(trump) >= 4
    assert set(trump.label) == {"PERSON"} and set(trump.canonical) == {"Donald Trump"}
    assert not ((ents.text == "AI") & ents.label.isin(["GPE", "LOC"])).any()

    amounts = t["amounts"]
    assert len(amounts) == 1
    assert amounts.value.iloc[0] == 1e12 and amounts.currency.iloc[0] == "USD"
    dates = t["dates"]
    assert ("2025-02-07", "day") in set(zip(dates.value, dates.granularity, strict=True))

    sectors = t["sectors"].set_index("sector")
    # The story is about steel and cars; chips, AI and renewables are passing mentions.
    for sector, word in [("steel", "steel"), ("automotive", "automotive")]:
        assert sector in sectors.index, sector
        assert word.lower() in sectors.loc[sector, "evidence"].lower()
    boilerplate = text.index("< Return To")
    for name in ("entities", "amounts", "dates"):
        assert (t[name].end <= boilerplate).all(), name
    assert t["articles"].words.iloc[0] == len(text[:boilerplate].split())


def test_sample_folder_every_table_and_offsets():
    result = extract.extract_folder(RAW)
    assert len(result.articles) == sum(
        len(p.read_text().splitlines()) if p.suffix == ".jsonl" else 1 for p in RAW.iterdir()
    )
    assert (result.articles.error == "").all(), result.articles.error.tolist()
    for name, df in result.tables().items():
        assert list(df.columns)[: len(columns(name))] == columns(name)
    texts = {a.doc_id: a.text for a in extract_articles(RAW)}
    for name in ("entities", "amounts", "dates"):
        df = getattr(result, name)
        assert len(df), name
        for row in df.itertuples():
            assert texts[row.doc_id][row.start : row.end] == row.text
    assert result.amounts.value.map(math.isfinite).all()


def extract_articles(folder: Path):
    from extract.readers import read_inputs

    return list(read_inputs([folder]))


def test_extract_text_resolves_relative_dates_and_checks_types():
    result = extract.extract_text(
        "Nissan said on Monday it would build a $500 million plant in Tennessee next year.",
        published="2025-02-07",
        doc_id="nissan-1",
    )
    assert set(result.articles.doc_id) == {"nissan-1"}
    assert result.articles.published.iloc[0].startswith("2025-02-07")
    values = set(result.dates.value)
    assert "2026" in values
    assert result.amounts.value.tolist() == [5e8]
    with pytest.raises(TypeError):
        extract.extract_text(b"bytes are not text")
    with pytest.raises(ValueError):
        extract.extract_text("Some text.", published="not a date")


def test_bad_input_is_reported_and_the_run_goes_on(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(RAW / "honda-ohio-battery-plant.txt", inp)
    (inp / "empty.txt").write_text("")
    (inp / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (inp / "broken.jsonl").write_text(
        '{"text": "Toyota sold 10 million cars in 2024."}\n{"text": \n'
    )
    latin1 = (
        "Nestlé, the Zürich-based food group, said on Tuesday it would invest 1 billion francs."
    )
    (inp / "latin1.txt").write_bytes(latin1.encode("latin-1"))
    out = tmp_path / "out"
    done = cli("run", str(inp), "--out", str(out))
    assert "6 articles, 3 errors: see" in done.stderr.splitlines()[-1]
    arts = tables(out)["articles"].set_index("source")
    assert arts.loc[str(inp / "empty.txt"), "error"].endswith("empty.txt: read: empty file")
    assert "binary.txt: read: not text" in arts.loc[str(inp / "binary.txt"), "error"]
    assert "broken.jsonl:2: json: malformed JSON" in arts.loc[f"{inp / 'broken.jsonl'}:2", "error"]
    assert arts.loc[str(inp / "latin1.txt"), "encoding"] == "cp1252"
    assert cli("run", str(inp), "--out", str(out), "--strict", check=False).returncode == 1
    only_bad = tmp_path / "bad"
    only_bad.mkdir()
    (only_bad / "empty.txt").write_text("")
    assert cli("run", str(only_bad), "--out", str(tmp_path / "o2"), check=False).returncode == 1
    (inp / "truncated.html").write_text(
        "<html><head><title>Ford recalls trucks</title></head><body><article><p>Ford Motor Co. "
        "said on Friday it would recall 250,000 F-150 pickup trucks in the United States "
        "because a faulty seat belt could fail in a crash, the third recall of the model"
    )
    done = cli("run", str(inp), "--out", str(out), "--max-chars", "900")
    arts = tables(out)["articles"].set_index("source")
    assert arts.loc[str(inp / "truncated.html"), "error"] == ""
    assert arts.loc[str(inp / "truncated.html"), "title"] == "Ford recalls trucks"
    too_long = arts.loc[str(inp / "honda-ohio-battery-plant.txt"), "error"]
    assert too_long.endswith("read: too long (926 characters, limit 900)")
    assert "7 articles, 4 errors" in done.stderr
    missing = cli("run", str(tmp_path / "nope"), "--out", str(out), check=False)
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr


def test_duplicates_are_processed_once(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(RAW / "honda-ohio-battery-plant.txt", inp / name)
    result = extract.extract_folder(inp)
    arts = result.articles.set_index("source")
    assert arts.loc[str(inp / "b.txt"), "duplicate_of"] == str(inp / "a.txt")
    assert result.amounts.doc_id.nunique() == 1
    assert len(result.amounts) == len(extract.extract_folder(inp / "a.txt").amounts)


def test_parquet_and_csv_agree_and_reruns_are_incremental(tmp_path):
    out = tmp_path / "out"
    cli("run", str(RAW), "--out", str(out), "--format", "both", "--quiet")
    csv, parquet = tables(out), tables(out, "parquet")
    for name in names():
        assert len(csv[name]) == len(parquet[name]), name
    assert parquet["amounts"].value.dtype == "float64"
    again = cli("run", str(RAW), "--out", str(out))
    assert f"({len(csv['articles'])} unchanged since the last run)" in again.stderr
    pd.testing.assert_frame_equal(tables(out)["entities"], csv["entities"])
    redo = cli("run", str(RAW), "--out", str(out), "--min-score", "1")  # other settings: redo all
    assert "unchanged" not in redo.stderr
    again = tables(out)
    assert (again["articles"].duplicate_of == "").all()
    pd.testing.assert_frame_equal(again["entities"], csv["entities"])
    assert len(again["sectors"]) > len(csv["sectors"])


def test_jobs_and_dask_give_the_same_tables(tmp_path):
    pytest.importorskip("distributed")
    cli("run", str(RAW), "--out", str(tmp_path / "one"), "--quiet")
    cli(
        "run",
        str(RAW),
        "--out",
        str(tmp_path / "two"),
        "--quiet",
        "--jobs",
        "2",
        "--batch-size",
        "2",
    )
    cli(
        "run",
        str(RAW),
        "--out",
        str(tmp_path / "dask"),
        "--quiet",
        "--engine",
        "dask",
        "--jobs",
        "2",
        "--batch-size",
        "2",
    )
    assert not (tmp_path / "dask" / ".parts").exists()  # workers' parts all loaded and removed
    one = tables(tmp_path / "one")
    for other in ("two", "dask"):
        for name, df in tables(tmp_path / other).items():
            pd.testing.assert_frame_equal(df, one[name])


def test_worker_written_parts_store_the_same_rows(tmp_path):
    from extract.pipeline import analyse, prepare
    from extract.readers import read_inputs
    from extract.store import write_parts

    settings = extract.Settings()
    batch = analyse(list(prepare(read_inputs([RAW]), settings, {})), settings)
    direct, spooled = Store(tmp_path / "direct"), Store(tmp_path / "spooled")
    direct.add(batch)
    spool = spooled.spool()
    parts = write_parts(batch, spool)
    assert {"entities", "amounts", "dates", "sectors"} <= set(parts)
    assert all(not r.rows for r in batch)  # the rows travel as files, not with the Results
    spooled.add(batch, parts)
    assert not any(spool.iterdir())  # committed parts are removed
    for name in names():
        query = f"SELECT * FROM {name} ORDER BY _file, _line, _index, _row"
        pd.testing.assert_frame_equal(
            direct.con.execute(query).df(), spooled.con.execute(query).df(), obj=name
        )
    direct.close()
    spooled.close()


def test_a_worker_without_the_output_folder_sends_rows_back(tmp_path):
    from extract.executors import _analyse_to_parts
    from extract.pipeline import prepare
    from extract.readers import read_inputs

    settings = extract.Settings()
    chunk = list(prepare(read_inputs([RAW / "honda-ohio-battery-plant.txt"]), settings, {}))
    results, parts = _analyse_to_parts(chunk, settings, tmp_path / "not-shared")
    assert parts == {} and results[0].rows["entities"]


def test_kill_and_resume_gives_identical_tables(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    lines = [json.loads(x) for x in (RAW / "newswire.jsonl").read_text().splitlines()]
    with open(inp / "wire.jsonl", "w") as f:
        for i in range(150):  # distinct articles: the same wires on other days
            rec = lines[i % len(lines)]
            f.write(
                json.dumps(rec | {"id": f"w{i}", "published": f"2025-{i % 12 + 1:02d}-01"}) + "\n"
            )
    full = tmp_path / "full"
    cli("run", str(inp), "--out", str(full), "--quiet", "--batch-size", "4")
    killed = tmp_path / "killed"
    proc = subprocess.Popen(
        [sys.executable, "-m", "extract", "run", str(inp), "--out", str(killed)]
        + ["--batch-size", "4", "--quiet"],
        start_new_session=True,
    )
    wal, deadline = killed / "extract.duckdb.wal", time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 16_384:  # batches are being committed
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    store = Store(killed)
    done = store.counts()[0]
    store.close()
    assert 0 < done < 150, f"the kill did not land mid-way ({done} articles stored)"
    cli("run", str(inp), "--out", str(killed), "--quiet", "--batch-size", "4")
    for name, df in tables(killed).items():
        pd.testing.assert_frame_equal(df, tables(full)[name], obj=name)


@hsettings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_any_unicode_gives_rows_that_slice_back(text):
    result = extract.extract_text(text, published="2025-02-07")
    for name in ("entities", "amounts", "dates"):
        for row in getattr(result, name).itertuples():
            assert text[row.start : row.end] == row.text
    assert result.amounts.value.map(math.isfinite).all()


def test_long_articles_are_parsed_in_pieces_with_offsets_kept():
    text = (RAW / "honda-ohio-battery-plant.txt").read_text(encoding="utf-8")
    whole = extract.extract_text(text, published="2025-03-12")
    pieces = extract.extract_text(
        text, published="2025-03-12", settings=extract.Settings(chunk_chars=300)
    )
    assert len(text) > 3 * 300
    for name in ("entities", "amounts", "dates"):
        df = getattr(pieces, name)
        for row in df.itertuples():
            assert text[row.start : row.end] == row.text
    assert pieces.amounts[["start", "value"]].equals(whole.amounts[["start", "value"]])
    assert set(pieces.dates.text) == set(whole.dates.text)


def test_texts_are_parsed_in_groups_of_bounded_size():
    from extract.pipeline import _groups

    texts = ["a" * n for n in (10, 40, 30, 120, 5, 5, 60, 1)]
    groups = list(_groups(texts, 50))
    assert [t for g in groups for t in g] == texts  # order kept, nothing lost
    for group in groups:
        assert len(group) == 1 or sum(map(len, group)) <= 50


def test_new_words_do_not_grow_the_vocabulary():
    from extract.nlp import load

    settings = extract.Settings()
    extract.extract_text("Zorblax Corp. said on Monday it would buy Quintarra.", settings=settings)
    strings = len(load(settings).vocab.strings)
    result = extract.extract_text(
        "Vexlumina Holdings agreed to acquire Drabbleton Mining for $3 billion.", settings=settings
    )
    assert "Vexlumina Holdings" in set(result.entities.text)  # the rows still carry the words
    assert len(load(settings).vocab.strings) == strings


def test_new_words_in_titles_do_not_grow_the_title_vocabulary():
    from extract.article import Article
    from extract.pipeline import process
    from extract.stages.sectors import _tokenizer

    def sectors(title: str) -> set[str]:
        # a headline's terms count for a sector the text names too
        text = "Shares in the steel company rose on Monday."
        article = Article(title, "<text>", text, title=title)
        return {row.sector for row in next(process([article], extract.Settings())).rows["sectors"]}

    assert "steel" in sectors("Glorbington steelmaker buys Frimbleton steel mill")
    strings = len(_tokenizer().vocab.strings)
    assert "steel" in sectors("Quaxmore steelmaker buys Drellwick steel mill")
    assert len(_tokenizer().vocab.strings) == strings
