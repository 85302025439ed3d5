"""Project paths, resolved from this file so they work from any working directory."""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from pathlib import Path

__all__ = [
    "read_lexicon_csv",
    "title_abbreviations",
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


@lru_cache(maxsize=1)
def title_abbreviations() -> frozenset[str]:
    """The abbreviated titles of the actor lexicon (``roles.yaml``), lower case and
    without the full stop: "gov", "lt", "sen", "dr" ... The sentence splitter keeps
    them from ending a sentence; keyphrases leave them out."""
    import yaml

    roles = yaml.safe_load((DATA_DIR / "roles.yaml").read_text(encoding="utf-8"))
    return frozenset(
        word[:-1].lower()
        for item in roles["titles"]
        for word in item["title"].split()
        if word.endswith(".") and "." not in word[:-1]
    )
