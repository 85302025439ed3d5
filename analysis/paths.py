"""Project paths, resolved from this file so they work from any working directory."""

from __future__ import annotations

import csv
import io
from pathlib import Path

__all__ = [
    "read_lexicon_csv",
    "PACKAGE_DIR",
    "DATA_DIR",
    "PROJECT_ROOT",
    "SEEDS_DIR",
    "FIGURES_DIR",
    "NOTEBOOKS_DIR",
    "SEED_ARTICLE",
    "STYLE_FILE",
]

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
PROJECT_ROOT = PACKAGE_DIR.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
#: The figure style the notebooks apply (plot functions never change styles).
STYLE_FILE = DATA_DIR / "report.mplstyle"
#: The first article the project was built on: a news report on the Russia-Iran treaty.
SEED_ARTICLE = SEEDS_DIR / "russia-iran-treaty.txt"


def read_lexicon_csv(path: str | Path) -> list[dict[str, str]]:
    """The rows of a lexicon CSV, its ``#`` comment lines (source, licence, notes) left out."""
    text = Path(path).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))
