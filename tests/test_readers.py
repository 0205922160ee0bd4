"""Readers: every file becomes articles or error rows that name the file, stage and reason."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from extract.published import parse_published
from extract.readers import decode, read_inputs, trim_boilerplate

HTML = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Toyota to build battery plant in North Carolina | Autos</title>
<meta property="article:published_time" content="2025-01-15T08:00:00+09:00">
</head><body><nav><a href="/">Home</a> | <a href="/autos">Autos</a></nav>
<article><h1>Toyota to build battery plant in North Carolina</h1>
<p>Toyota Motor Corp. said on Wednesday it would invest $1.29 billion in a battery plant in
North Carolina, its first in the United States, to supply hybrid and electric vehicles.</p>
<p>The plant in Liberty will employ about 1,750 people when production starts in 2025.</p>
</article><footer>© 2025 Example News. All rights reserved.</footer></body></html>"""


def by_source(tmp_path):
    return {a.source.replace(str(tmp_path) + "/", ""): a for a in read_inputs([tmp_path])}


def test_txt_html_json_jsonl(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Nissan cuts jobs\n\nNissan said on Thursday it would cut 9,000 jobs.\n"
    )
    (tmp_path / "b.html").write_text(HTML)
    record = {"id": "x1", "title": "Steel", "published": "2025-02-07", "text": "U.S. Steel rose."}
    (tmp_path / "c.json").write_text(json.dumps(record))
    wire = {"id": "x2", "dateline": " WINNIPEG, Manitoba, April 3 - "}
    (tmp_path / "d.jsonl").write_text(json.dumps(record | wire) + "\n\n" + "{broken\n")
    found = by_source(tmp_path)
    assert found["a.txt"].title == "Nissan cuts jobs"
    assert found["a.txt"].text.endswith("9,000 jobs.")
    html = found["b.html"]
    assert html.title.startswith("Toyota to build battery plant")
    assert "$1.29 billion" in html.text and "All rights reserved" not in html.text
    # 08:00 at +09:00 is 23:00 UTC the day before, as the README says `published` is UTC.
    assert html.published == datetime(2025, 1, 14, 23, 0)
    assert html.published_source == "html"
    assert found["c.json"].doc_id == "x1" and found["c.json"].published == datetime(2025, 2, 7)
    assert found["d.jsonl:1"].doc_id == "x2" and found["c.json"].dateline == ""
    assert found["d.jsonl:1"].dateline == "WINNIPEG, Manitoba, April 3 -"
    assert found["d.jsonl:1"].digest != found["c.json"].digest  # the dateline shapes its rows
    broken = found["d.jsonl:3"]
    assert broken.error.startswith(f"{tmp_path}/d.jsonl:3: json: malformed JSON")


@pytest.mark.parametrize(
    "name, content, where, reason",
    [
        ("empty.txt", b"", "", "read: empty file"),
        ("empty.jsonl", b"\n\n", "", "read: empty file"),
        ("binary.jsonl", b"\x00\x01\x02", ":1", "read: not text (NUL bytes)"),
        ("blank.txt", b"  \n\n ", "", "read: empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "", "read: not text (NUL bytes)"),
        ("image.png", b"\x89PNG", "", "read: unsupported file type .png"),
        ("notext.json", b'{"title": "no body"}', "", "json: no 'text' field with content"),
        ("list.json", b"[1, 2]", "[0]", "json: expected an object, got int"),
    ],
)
def test_bad_files_become_error_rows(tmp_path, name, content, where, reason):
    (tmp_path / name).write_bytes(content)
    articles = list(read_inputs([tmp_path]))
    assert articles, "no article may be silently dropped"
    assert articles[0].source == f"{tmp_path / name}{where}"
    assert articles[0].error == f"{tmp_path / name}{where}: {reason}"


def test_latin1_and_mojibake_are_decoded():
    text, encoding = decode("Zürich-based Nestlé said café prices rose.".encode("latin-1"))
    assert "Zürich" in text and "Nestlé" in text and encoding != "utf-8"
    mojibake = "The EU’s steel quota".encode().decode("latin-1").encode("utf-8")
    assert decode(mojibake)[0] == "The EU’s steel quota"


@pytest.mark.parametrize(
    "text, kept_end",
    [
        ("Japan will invest.\n< Return To Japanese News |", "Japan will invest."),
        ("Prices rose.\n\nShare this article\nFollow us on X\n© 2025 Example", "Prices rose."),
        ("Shares rose 4% | in early trade.", "Shares rose 4% | in early trade."),
        ("He said: read more books.", "He said: read more books."),
    ],
)
def test_trailing_boilerplate_is_cut_and_offsets_kept(text, kept_end):
    trimmed = trim_boilerplate(text)
    assert trimmed.endswith(kept_end)
    assert text.startswith(trimmed)  # only the tail is cut, offsets still index the file


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-02-07", datetime(2025, 2, 7)),
        ("2025-05-20T14:02:00Z", datetime(2025, 5, 20, 14, 2)),
        ("2025-05-20T14:02:00+09:00", datetime(2025, 5, 20, 5, 2)),
        ("26-FEB-1987 15:01:01.79", datetime(1987, 2, 26, 15, 1, 1, 790000)),
        ("not a date at all", None),
        (None, None),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected
