"""The HTML report, as a user sees it: built from a run's output folder, opened in Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from extract.readers import read_file
from extract.report import main, write_report

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "japan-us-investment.txt"  # the seed article, as shipped

# A short wire story (Toyota's North Carolina battery plant, December 2021) and the rows the
# extractors should give for it, written by hand so these tests need no spaCy model.
STORY = """Toyota to build $1.29 billion battery plant in North Carolina

Toyota Motor Corp. said on Monday it will invest $1.29 billion in a battery plant in \
Liberty, North Carolina, creating 1,750 jobs. Governor Roy Cooper said the plant, due to \
start production in 2025, would supply batteries for hybrid and electric vehicles.
"""
ENTITIES = [  # (mention, occurrence, label, canonical)
    ("Toyota", 0, "ORG", "Toyota Motor Corp."),
    ("North Carolina", 0, "GPE", "North Carolina"),
    ("Toyota Motor Corp.", 0, "ORG", "Toyota Motor Corp."),
    ("Liberty", 0, "GPE", "Liberty"),
    ("North Carolina", 1, "GPE", "North Carolina"),
    ("Roy Cooper", 0, "PERSON", "Roy Cooper"),
]
AMOUNTS = [("$1.29 billion", 0, 1.29e9, "USD"), ("$1.29 billion", 1, 1.29e9, "USD")]
DATES = [("Monday", 0, "2021-12-06", "day", True), ("2025", 0, "2025", "year", False)]
SECTORS = [("automotive", "vehicle x1", 2.0), ("energy", "battery x3", 3.0)]


def span(text: str, mention: str, occurrence: int) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(mention, start + 1)
    return start, start + len(mention)


def write_tables(out: Path, articles: list[dict], text: str, doc_id: str) -> None:
    """The five CSV tables with the columns `extract run` writes."""
    entities, amounts, dates = [], [], []
    for mention, n, label, canonical in ENTITIES:
        start, end = span(text, mention, n)
        entities.append([doc_id, start, end, mention, label, canonical, "", 0])
    for mention, n, value, currency in AMOUNTS:
        start, end = span(text, mention, n)
        amounts.append([doc_id, start, end, mention, value, currency, False, "", "", ""])
    for mention, n, value, granularity, relative in DATES:
        start, end = span(text, mention, n)
        dates.append([doc_id, start, end, mention, value, granularity, relative, ""])
    sectors = [[doc_id, name, "", score, evidence] for name, evidence, score in SECTORS]
    columns = {
        "articles": "doc_id source title published words error published_source encoding "
        "duplicate_of",
        "entities": "doc_id start end text label canonical kb_id sentence",
        "amounts": "doc_id start end text value currency currency_inferred value_high qualifier "
        "per",
        "dates": "doc_id start end text value granularity relative value_end",
        "sectors": "doc_id sector code score evidence",
    }
    rows = {"articles": articles, "entities": entities, "amounts": amounts, "dates": dates}
    rows["sectors"] = sectors
    out.mkdir(parents=True, exist_ok=True)
    for name, cols in columns.items():
        extra = [c for c in (rows[name][0] if name == "articles" else []) if c not in cols]
        frame = pd.DataFrame(rows[name], columns=cols.split() + extra)
        frame.to_csv(out / f"{name}.csv", index=False, encoding="utf-8-sig")


def article_row(doc_id: str, source: str, title: str, error: str = "") -> dict:
    return {
        "doc_id": doc_id, "source": source, "title": title, "published": "2021-12-06T00:00:00",
        "words": 50, "error": error, "published_source": "", "encoding": "utf-8",
        "duplicate_of": "",
    }  # fmt: skip


@pytest.fixture
def story_run(tmp_path: Path) -> Path:
    """An output folder for STORY read from a file, plus one file that failed to read."""
    source = tmp_path / "raw" / "toyota.txt"
    source.parent.mkdir()
    source.write_text(STORY, encoding="utf-8")
    article = next(read_file(source))
    rows = [
        article_row(article.doc_id, str(source), article.title),
        article_row(
            "bad", "raw/scan.pdf", "", error="raw/scan.pdf: read: unsupported file type .pdf"
        ),
    ]
    write_tables(tmp_path / "out", rows, article.text, article.doc_id)
    return tmp_path / "out"


def marks(page: str) -> list[tuple[str, str]]:
    """(highlighted text, label) for every displaCy mark in the page."""
    found = re.findall(r'<mark class="entity"[^>]*>\s*(.*?)\s*<span[^>]*>([^<]*)', page, re.S)
    return [(text, label.strip()) for text, label in found]


def test_story_report_highlights_the_text_and_charts_the_run(story_run: Path, capsys) -> None:
    assert main(story_run, None) == 0
    path = story_run / "report.html"
    assert capsys.readouterr().out.strip() == str(path)
    page = path.read_text(encoding="utf-8")
    found = marks(page)
    for mention, label in [
        ("Roy Cooper", "PERSON"),
        ("Toyota Motor Corp.", "ORG"),
        ("Liberty", "GPE"),
        ("$1.29 billion", "MONEY"),
        ("Monday", "DATE"),
        ("2025", "DATE"),
        ("batteries", "energy"),
        ("vehicles", "automotive"),
    ]:
        assert (mention, label) in found
    # Each mark links to the article's rows and shows the normalised value.
    for value in ("USD 1,290,000,000", "2021-12-06", "Toyota Motor Corp."):
        assert f'href="#article-1-rows">{value}</a>' in page
    assert page.count("<svg") >= 4  # entities per label, sectors, currencies, dates
    assert "raw/scan.pdf: read: unsupported file type .pdf" in page
    assert 'href="#article-1"' in page and 'id="article-1-rows"' in page
    assert "<script" not in page and not re.search(r'(?:src|href)="(?:https?:)?//', page)


def test_everything_from_the_data_is_escaped(tmp_path: Path) -> None:
    text = "Shares of <Acme & Sons> rose after Jane Doe spoke."
    row = article_row("x1", str(tmp_path / "gone.txt"), "<script>alert(1)</script> & more")
    row["text"] = text  # a text column, when present, is used before the source file
    out = tmp_path / "out"
    write_tables(out, [row], STORY, "other")
    pd.DataFrame(
        [["x1", 10, 23, "<Acme & Sons>", "ORG", "<b>Acme</b>", "", 0]],
        columns="doc_id start end text label canonical kb_id sentence".split(),
    ).to_csv(out / "entities.csv", index=False, encoding="utf-8-sig")
    page = write_report(out, tmp_path / "custom" / "r.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>Acme" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert ("&lt;Acme &amp; Sons&gt;", "ORG") in marks(page)


def test_parquet_tables_give_the_same_report(story_run: Path, tmp_path: Path) -> None:
    parquet = tmp_path / "parquet"
    parquet.mkdir()
    for csv in story_run.glob("*.csv"):
        table = pd.read_csv(csv, encoding="utf-8-sig", keep_default_na=False)
        table.to_parquet(parquet / f"{csv.stem}.parquet")
    assert marks(write_report(parquet).read_text(encoding="utf-8")) == marks(
        write_report(story_run).read_text(encoding="utf-8")
    )


def test_jsonl_records_are_found_by_line(tmp_path: Path) -> None:
    import json

    source = tmp_path / "wire.jsonl"
    records = [{"id": "w1", "text": "Nissan cut its outlook."}, {"id": "w2", "text": STORY}]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    article = list(read_file(source))[1]
    assert article.source.endswith(":2")
    write_tables(tmp_path / "out", [article_row("w2", article.source, "")], STORY, "w2")
    assert ("Roy Cooper", "PERSON") in marks(
        write_report(tmp_path / "out").read_text(encoding="utf-8")
    )


def test_a_missing_source_shows_rows_without_text(story_run: Path, tmp_path: Path) -> None:
    (tmp_path / "raw" / "toyota.txt").unlink()
    page = write_report(story_run).read_text(encoding="utf-8")
    assert "Text not available" in page and not marks(page)
    assert "Roy Cooper" in page  # still in the rows table


def test_a_folder_without_tables_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no tables"):
        write_report(tmp_path)
    with pytest.raises(ValueError, match="no such folder"):
        write_report(tmp_path / "missing")


def run_pipeline(source: Path, out: Path) -> Path:
    """The tables of a real run over one file, written as `extract run` writes them."""
    import extract

    extract.extract_folder(source).to_csv(out)
    return out


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory) -> Path:
    out = run_pipeline(SEED, tmp_path_factory.mktemp("seed") / "out")
    return write_report(out)


def test_seed_report_from_a_real_run(seed_report: Path) -> None:
    found = marks(seed_report.read_text(encoding="utf-8"))
    for expected in [("Shigeru Ishiba", "PERSON"), ("Toyota", "ORG"), ("Detroit", "GPE")]:
        assert expected in found
    assert ("$1 trillion", "MONEY") in found


def test_own_article_from_a_real_run(tmp_path: Path) -> None:
    source = tmp_path / "toyota.txt"
    source.write_text(STORY, encoding="utf-8")
    page = write_report(run_pipeline(source, tmp_path / "out")).read_text(encoding="utf-8")
    found = marks(page)
    assert ("Roy Cooper", "PERSON") in found and ("$1.29 billion", "MONEY") in found
    assert "<svg" in page


def chromium(*args: str, tmp: Path) -> subprocess.CompletedProcess:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed")
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp / 'profile'}",
    ]  # fmt: skip
    return subprocess.run(
        [browser, *flags, *args], capture_output=True, text=True, timeout=120, check=True
    )


def test_report_renders_in_chromium(seed_report: Path, tmp_path: Path) -> None:
    url = seed_report.resolve().as_uri()
    shot = tmp_path / "report.png"
    chromium(f"--screenshot={shot}", "--window-size=1280,2400", url, tmp=tmp_path)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    dom = chromium("--dump-dom", url, tmp=tmp_path).stdout
    assert re.search(r'<mark class="entity"[^>]*>\s*Shigeru Ishiba\s*<span[^>]*>PERSON', dom)
    assert re.search(r"<svg[^>]*>.*?</svg>", dom, re.S)
