"""Write the analyses of an article to ``figures/<article_id>/``.

The report holds the article's structure (``article.json``), its sentence table
(``sentences.csv``), one CSV per analysis table, and each figure as PNG and SVG.
Files are written to a temporary folder and moved into place only when everything
succeeded, so a failure never leaves a half-written report.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import matplotlib
import pandas as pd

from .article import Article
from .loaders import load_article
from .paths import FIGURES_DIR, PROJECT_ROOT

__all__ = ["write_report", "write_table"]


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` as CSV with stable formatting; list cells become ``a;b;c``."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, list | tuple)).any():
            frame[column] = frame[column].map(
                lambda v: ";".join(map(str, v)) if isinstance(v, list | tuple) else v
            )
    frame.to_csv(path, index=False, lineterminator="\n", float_format="%.6g")
    return Path(path)


def _figure(out: Path, name: str, draw: Callable, size: tuple[float, float]) -> None:
    import matplotlib.pyplot as plt

    from .plotting import save_figure

    with matplotlib.rc_context({"figure.figsize": size}):
        fig, ax = plt.subplots()
        draw(ax)
        save_figure(fig, out, name)
        plt.close(fig)


def _structure(article: Article, table: pd.DataFrame, out: Path) -> None:
    from .plotting import plot_structure

    write_table(table, out / "sentences.csv")
    info = article.to_dict()
    info["source"] = _portable(info["source"])
    (out / "article.json").write_text(
        json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    _figure(out, "overview", lambda ax: plot_structure(table, ax=ax), (9, 3.6))


def _keywords(article: Article, table: pd.DataFrame, out: Path) -> None:
    from .keywords import keyness, keyphrases, keywords
    from .plotting import plot_keyness, plot_keywords

    terms = keywords(table, top_n=30)
    phrases = keyphrases(table, top_n=15)
    general = keyness(table)
    write_table(terms, out / "keywords.csv")
    write_table(phrases, out / "keyphrases.csv")
    write_table(general, out / "keyness_general_english.csv")
    _figure(
        out,
        "keywords",
        lambda ax: plot_keywords(terms, ax=ax, title="Keywords: TF-IDF over sentences"),
        (6, 5),
    )
    _figure(
        out,
        "keyphrases",
        lambda ax: plot_keywords(phrases, ax=ax, top_n=12, title="Keyphrases the article stresses"),
        (6, 5),
    )
    _figure(
        out,
        "keyness_general_english",
        lambda ax: plot_keyness(
            general[general["statistic"] > 0],
            ax=ax,
            top_n=15,
            labels=("this article", "general English"),
            title="Words this article uses far more than general English",
        ),
        (6, 5),
    )


STEPS: list[Callable[[Article, pd.DataFrame, Path], None]] = [_structure, _keywords]


def write_report(source: str | Path | Article, *, out_dir: str | Path | None = None) -> Path:
    """Analyse one article and write its tables and figures.

    Parameters
    ----------
    source : path, URL or Article
    out_dir : path, optional
        Parent folder; the report goes to ``out_dir/<article_id>/``
        (default ``figures/``).

    Returns
    -------
    Path
        The article's report folder.
    """
    from .sentences import sentences

    article = load_article(source)
    parent = Path(out_dir) if out_dir is not None else FIGURES_DIR
    target = parent / article.article_id
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{article.article_id}-", dir=parent))
    staging.chmod(0o755)
    try:
        table = sentences(article)
        for step in STEPS:
            step(article, table, staging)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _portable(source: str) -> str:
    """A path inside the project, relative to it, so reports do not depend on the checkout."""
    try:
        return Path(source).resolve().relative_to(PROJECT_ROOT).as_posix()
    except (ValueError, OSError):
        return source
