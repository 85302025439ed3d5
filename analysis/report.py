"""Write the analyses of an article to ``figures/<article_id>/``.

At this stage the report holds the article's structure (``article.json``), its
sentence table (``sentences.csv``) and the overview figure (``overview.png/svg``).
Files are written to a temporary folder and moved into place only when everything
succeeded, so a failure never leaves a half-written report.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import matplotlib

from .article import Article
from .loaders import load_article
from .paths import FIGURES_DIR, PROJECT_ROOT

__all__ = ["write_report"]


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
    import matplotlib.pyplot as plt

    from .plotting import plot_structure, save_figure
    from .sentences import sentences

    article = load_article(source)
    parent = Path(out_dir) if out_dir is not None else FIGURES_DIR
    target = parent / article.article_id
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{article.article_id}-", dir=parent))
    staging.chmod(0o755)
    try:
        table = sentences(article)
        table.to_csv(staging / "sentences.csv", index=False, lineterminator="\n")
        info = article.to_dict()
        info["source"] = _portable(info["source"])
        (staging / "article.json").write_text(
            json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        with matplotlib.rc_context({"figure.figsize": (9, 3.6)}):
            fig, ax = plt.subplots()
            plot_structure(table, ax=ax)
            save_figure(fig, staging, "overview")
            plt.close(fig)
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
