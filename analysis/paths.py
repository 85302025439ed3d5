"""Project paths, resolved from this file so they work from any working directory."""

from __future__ import annotations

from pathlib import Path

__all__ = [
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
