"""Where a notebook's figures and tables go: :class:`Output`, used by every notebook.

Kept apart from :mod:`analysis.report` (the papermill runner) so a notebook imports
its output sink without the runner.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..paths import PROJECT_ROOT
from ..text.article import Article

__all__ = ["Output", "write_table", "article_record"]


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


class Output:
    """Where a notebook saves its figures and tables; does nothing when ``folder`` is None.

    Notebooks call ``out.figure(fig, "keywords")`` and ``out.table(df, "keywords")``
    after drawing or computing, so the same notebook explores interactively (no
    folder) and writes the report (``framing report`` passes one).
    """

    def __init__(self, folder: str | Path | None) -> None:
        self.folder = Path(folder) if folder else None
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)

    def figure(self, fig, name: str):
        if self.folder is not None:
            from .plotting import save_figure

            save_figure(fig, self.folder, name)
        return fig

    def table(self, frame: pd.DataFrame, name: str) -> pd.DataFrame:
        if self.folder is not None:
            write_table(frame, self.folder / f"{name}.csv")
        return frame

    def json(self, data: dict, name: str) -> dict:
        if self.folder is not None:
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            (self.folder / f"{name}.json").write_text(text, encoding="utf-8")
        return data


def article_record(article: Article) -> dict:
    """``Article.to_dict()`` with the source path made relative to the project, so
    reports do not depend on where the checkout lives."""
    info = article.to_dict()
    info["source"] = _portable(info["source"])
    return info


def _portable(source: str) -> str:
    try:
        return Path(source).resolve().relative_to(PROJECT_ROOT).as_posix()
    except (ValueError, OSError):
        return source
