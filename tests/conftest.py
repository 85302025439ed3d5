from __future__ import annotations

import hashlib
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from analysis import SEED_ARTICLE, load_article, sentences  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED_ARTICLE


@pytest.fixture(scope="session")
def seed_article():
    return load_article(SEED_ARTICLE)


@pytest.fixture(scope="session")
def seed_sentences(seed_article):
    return sentences(seed_article)


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
