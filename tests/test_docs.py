"""The README documents every output column, and `extract --help` every command."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from extract.tables import columns, names

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("table", names())
def test_readme_documents_every_column(table):
    section = re.search(rf"^### `{table}`.*?(?=^### |^## |\Z)", README, re.M | re.S)
    assert section, f"README has no section for the {table} table"
    missing = [c for c in columns(table) if f"`{c}`" not in section.group(0)]
    assert not missing, f"{table}: undocumented columns {missing}"


def test_help_lists_every_command():
    out = subprocess.run(
        [sys.executable, "-m", "extract", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for command in ("run", "export", "report", "eval"):
        assert re.search(rf"^\s+{command}\s", out, re.M), command
