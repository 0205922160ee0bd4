from __future__ import annotations

from pathlib import Path

import pytest

from extract.config import Settings
from extract.evaluate import shared_eval_dir

ROOT = Path(__file__).resolve().parents[1]
# The seed article (../shared/seed/) ships in data/raw/ with the same text: tests read it there,
# so they run in a plain clone.
SEED = ROOT / "data" / "raw" / "japan-us-investment.txt"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(settings):
    from extract import nlp as nlp_module

    return nlp_module.load(settings)


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    path = shared_eval_dir()
    if not path.is_dir():
        pytest.skip("../shared/eval is not beside the project")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
