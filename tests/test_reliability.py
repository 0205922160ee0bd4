"""Incremental runs that never lose, keep stale or invent rows, and outputs safe to open anywhere.

Each test writes its own files and runs `extract run` as a user does (a subprocess where
signals or a second process matter)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import extract
from extract.store import FILENAME

STORY = "Toyota said on Tuesday it would invest $1.2 billion in a battery plant in Ohio."
OTHER = "Honda will spend $700 million on an electric-vehicle plant in Marysville, Ohio."


def run(inputs: Path, out: Path, **options):
    return extract.run([inputs], extract.Settings(), out=out, **options)


def table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{name}.csv", keep_default_na=False)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extract", *args], capture_output=True, text=True, timeout=600
    )


def test_newline_in_a_file_name(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "odd\nname:3[1].txt").write_text(STORY, encoding="utf-8")
    for _ in range(2):  # the second run reads the stored names back
        summary = run(inputs, out)
        assert (summary.articles, summary.errors) == (1, 0)
    assert list(table(out, "amounts")["text"]) == ["$1.2 billion"]
    assert table(out, "articles")["source"][0].endswith("odd\nname:3[1].txt")


def test_a_changed_record_with_the_same_id_is_processed_again(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    dump = inputs / "wire.jsonl"
    dump.write_text(json.dumps({"id": "w1", "text": STORY}) + "\n", encoding="utf-8")
    run(inputs, out)
    dump.write_text(json.dumps({"id": "w1", "text": OTHER}) + "\n", encoding="utf-8")
    summary = run(inputs, out)
    assert summary.unchanged == 0
    assert list(table(out, "amounts")["text"]) == ["$700 million"]


def test_two_articles_sharing_an_id_are_both_extracted(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.json").write_text(json.dumps({"id": "x", "text": STORY}), encoding="utf-8")
    (inputs / "b.json").write_text(json.dumps({"id": "x", "text": OTHER}), encoding="utf-8")
    run(inputs, out)
    assert set(table(out, "amounts")["text"]) == {"$1.2 billion", "$700 million"}
    assert list(table(out, "articles")["duplicate_of"]) == ["", ""]


def test_a_duplicate_whose_original_changes_gets_its_own_rows(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.txt").write_text(STORY, encoding="utf-8")
    (inputs / "b.txt").write_text(STORY, encoding="utf-8")
    run(inputs, out)
    assert table(out, "articles")["duplicate_of"][1].endswith("a.txt")
    (inputs / "a.txt").write_text(OTHER, encoding="utf-8")
    run(inputs, out)
    articles = table(out, "articles")
    assert list(articles["duplicate_of"]) == ["", ""]
    amounts = table(out, "amounts")
    by_doc = dict(zip(amounts["doc_id"], amounts["text"], strict=True))
    assert sorted(by_doc.values()) == ["$1.2 billion", "$700 million"]


def test_rows_of_removed_sources_are_removed(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.txt").write_text(STORY, encoding="utf-8")
    (inputs / "b.txt").write_text(OTHER, encoding="utf-8")
    dump = inputs / "wire.jsonl"
    dump.write_text(
        json.dumps({"text": STORY + " Again."}) + "\n" + json.dumps({"text": OTHER + " Again."}),
        encoding="utf-8",
    )
    run(inputs, out)
    (inputs / "b.txt").unlink()
    dump.write_text(json.dumps({"text": STORY + " Again."}) + "\n", encoding="utf-8")
    kept = run(inputs, out, keep_removed=True)
    assert kept.removed == 0 and kept.articles == 4
    summary = run(inputs, out)
    assert summary.removed == 2 and summary.articles == 2
    assert not table(out, "amounts")["text"].eq("$700 million").any()


def test_csv_cells_are_not_formulas(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    record = {"title": '=HYPERLINK("http://x.test")', "text": STORY}
    (inputs / "a.json").write_text(json.dumps(record), encoding="utf-8")
    run(inputs, out, formats=("csv", "parquet"))
    assert table(out, "articles")["title"][0] == "'" + record["title"]
    assert pd.read_parquet(out / "articles.parquet")["title"][0] == record["title"]


def test_the_output_folder_is_never_read(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(STORY, encoding="utf-8")
    out = inputs / "out"
    run(inputs, out)
    from extract.report import write_report

    write_report(out)
    summary = run(inputs, out)
    assert (summary.articles, summary.errors) == (1, 0)
    assert list(table(out, "articles")["source"]) == [str(inputs / "a.txt")]


def test_utf16_with_a_byte_order_mark(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.txt").write_bytes(STORY.replace("Toyota", "Société Générale").encode("utf-16"))
    run(inputs, out)
    articles = table(out, "articles")
    assert (articles["error"][0], articles["encoding"][0]) == ("", "utf-16")
    assert "Société Générale" in set(table(out, "entities")["text"])


def test_a_corrupt_store_is_set_aside_and_rebuilt(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.txt").write_text(STORY, encoding="utf-8")
    out.mkdir()
    (out / FILENAME).write_bytes(b"this is not a database" * 100)
    done = cli("run", str(inputs), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "unreadable" in done.stderr and "moved to" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(out.glob(f"{FILENAME}.broken-*"))
    assert list(table(out, "amounts")["text"]) == ["$1.2 billion"]


def test_a_second_run_on_the_same_folder_is_refused(tmp_path):
    from extract.store import Store

    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.txt").write_text(STORY, encoding="utf-8")
    holder = Store(out)  # a run in progress, in this process
    try:
        done = cli("run", str(inputs), "--out", str(out))
    finally:
        holder.close()
    assert done.returncode == 2
    assert f"folder in use by PID {os.getpid()}" in done.stderr
    assert "Traceback" not in done.stderr


def test_links_that_lead_nowhere_or_in_a_loop_are_error_rows(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "sub" / "a.txt").write_text(STORY, encoding="utf-8")
    (inputs / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (inputs / "sub" / "back").symlink_to(inputs)
    run(inputs, out)
    articles = table(out, "articles")
    errors = dict(zip(articles["source"], articles["error"], strict=True))
    assert "broken link" in errors[str(inputs / "gone.txt")]
    assert "link loop" in errors[str(inputs / "sub" / "back")]
    assert errors[str(inputs / "sub" / "a.txt")] == ""


def test_leftover_temporary_files_are_removed(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.txt").write_text(STORY, encoding="utf-8")
    out.mkdir()
    leftover = out / ".entities.csv.tmp-99999"
    leftover.write_text("half a table", encoding="utf-8")
    run(inputs, out)
    assert not leftover.exists()


@pytest.mark.parametrize("engine", ["local"])
def test_killed_mid_write_resumes_to_the_same_tables(tmp_path, engine):
    """kill -9 once the first batches are committed; the re-run gives the clean run's tables."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(40):
        text = f"{STORY} Shares of the company rose {i} cents on day {i}."
        (inputs / f"a{i:02d}.txt").write_text(text, encoding="utf-8")
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    assert cli("run", str(inputs), "--out", str(clean), "--quiet").returncode == 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "extract", "run", str(inputs), "--out", str(killed)]
        + ["--quiet", "--batch-size", "2", "--engine", engine],
        start_new_session=True,
    )
    wal = killed / f"{FILENAME}.wal"
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 16_384:
            break  # batches are committed (the settings row alone is ~1 KB): mid-way
        time.sleep(0.05)
    os.killpg(proc.pid, 9)
    proc.wait()
    assert cli("run", str(inputs), "--out", str(killed), "--quiet").returncode == 0
    for name in extract.tables.names():
        pd.testing.assert_frame_equal(table(killed, name), table(clean, name), obj=name)


def test_a_renamed_file_keeps_its_rows_under_its_new_name(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.txt").write_text(STORY, encoding="utf-8")
    run(inputs, out)
    (inputs / "a.txt").rename(inputs / "c.txt")
    summary = run(inputs, out)
    assert (summary.articles, summary.removed) == (1, 1)
    articles = table(out, "articles")
    assert list(articles["source"]) == [str(inputs / "c.txt")]
    assert list(articles["duplicate_of"]) == [""]
    assert list(table(out, "amounts")["text"]) == ["$1.2 billion"]


def test_a_table_larger_than_the_store_buffer_is_exported(tmp_path):
    """The store works in 32 MB: exporting (sorted) a table many times that size spills to
    disk instead of failing (two sorting threads once ran out of memory at 20,000 articles)."""
    from extract.store import Store

    store = Store(tmp_path)
    rows = 1_500_000  # about 60 MB of entity rows
    store.con.execute(
        "INSERT INTO entities SELECT 'doc' || (i // 10), i % 997, i % 997 + 5, "
        "'Name ' || (i % 5003), 'ORG', 'Canonical name ' || (i % 5003), '', i % 40, "
        "'src', 'file-' || (i // 100000), i // 10, 0, i % 10, 'h' || i FROM range(?) t(i)",
        [rows],
    )
    written = store.export("parquet")
    store.close()
    table = pd.read_parquet(tmp_path / "entities.parquet")
    assert len(table) == rows and tmp_path / "entities.parquet" in written
    assert table["doc_id"].iloc[0] == "doc0"  # in key order: file, line, index, row
