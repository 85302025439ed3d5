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


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory, seed_path):
    """The seed's report, written once for every test that reads it."""
    from analysis.report.writer import write_report

    out = tmp_path_factory.mktemp("report")
    (folder,) = write_report(seed_path, out_dir=out)
    return folder


@pytest.fixture(scope="session")
def compare_report(tmp_path_factory, seed_path):
    """A comparison report: the seed and the package's synthetic commentary."""
    from analysis.paths import DATA_DIR
    from analysis.report.writer import write_report

    out = tmp_path_factory.mktemp("compare")
    other = DATA_DIR / "examples" / "synthetic-treaty-commentary.md"
    folders = write_report([seed_path, other], out_dir=out)
    return folders[-1]


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
