from __future__ import annotations

from pathlib import Path

import pytest

from extract.config import Settings
from extract.evaluate import shared_eval_dir

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "japan-us-investment.txt"


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
    if not SEED.is_file():
        pytest.skip("../shared/seed is not beside the project")
    return SEED.read_text(encoding="utf-8")
