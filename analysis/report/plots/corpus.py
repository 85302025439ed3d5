"""A corpus: tone and frames by group of articles."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ...measures.tone import tone_column
from ...pipeline.intervals import group_intervals
from .base import (
    SMALL,
    TONE_COLORS,
    despine,
    plain,
    plain_all,
)

__all__ = ["plot_corpus_frames", "plot_corpus_tone"]


# ---------------------------------------------------------------------- corpus
def plot_corpus_frames(
    metrics: pd.DataFrame,
    *,
    by: str = "outlet",
    scheme: str = "policy",
    ax: Axes | None = None,
    top_n: int = 8,
    title: str | None = None,
) -> Axes:
    """Mean frame cues per 1,000 words by group of articles (outlet, date, ...): a
    heatmap, groups as columns, the most used frames as rows."""
    ax = ax if ax is not None else plt.gca()
    data = metrics[metrics["status"] == "ok"] if "status" in metrics.columns else metrics
    columns = [c for c in data.columns if c.startswith(f"{scheme}_")]
    if data.empty or not columns or by not in data.columns or data[by].isna().all():
        ax.set_title(plain(title or f"No frames by {by}"))
        return ax
    table = data.groupby(by, sort=True)[columns].mean().T
    table = table.loc[
        table.mean(axis=1).sort_values(ascending=False, kind="mergesort").index[:top_n]
    ]
    image = ax.imshow(table.to_numpy(dtype=float), aspect="auto", cmap="Blues", vmin=0)
    ax.set_yticks(
        range(len(table)), plain_all([c[len(scheme) + 1 :].replace("_", " ") for c in table.index])
    )
    ax.set_xticks(
        range(table.shape[1]), plain_all([str(c) for c in table.columns]), rotation=30, ha="right"
    )
    values = table.to_numpy(dtype=float)
    top = float(np.nanmax(values)) if values.size else 0.0
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            ax.text(
                j,
                i,
                f"{values[i, j]:.1f}",
                ha="center",
                va="center",
                fontsize=SMALL,
                color="white" if values[i, j] > top * 0.6 else "#333333",
            )
    ax.figure.colorbar(image, ax=ax, label="cues per 1,000 words", shrink=0.8)
    ax.set_title(plain(title or f"Frames by {by}"))
    return ax


#: The tone axis, in words.
_TONE_AXIS = {
    "news_mean": "mean tone of its articles (VADER read for news)",
    "vader_mean": "mean tone of its articles (VADER)",
    "polarity_mean": "mean polarity of its articles (TextBlob)",
}


def plot_corpus_tone(
    metrics: pd.DataFrame,
    *,
    by: str = "outlet",
    measure: str = "news_mean",
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Mean article tone by group with its 95% interval over articles (Student's t,
    :func:`analysis.pipeline.intervals.group_intervals`); a group of one article has
    no interval and says so under its bar."""
    ax = ax if ax is not None else plt.gca()
    data = metrics[metrics["status"] == "ok"] if "status" in metrics.columns else metrics
    if data.empty or by not in data.columns or data[by].isna().all():
        ax.set_title(plain(title or f"No tone by {by}"))
        return ax
    if measure == "news_mean":
        measure = tone_column(data)  # vader_mean in a table written before news_mean
    stats = group_intervals(data, by, measure)
    means = stats.set_index("group")["mean"]
    errors = np.vstack(
        [(stats["mean"] - stats["low"]).fillna(0), (stats["high"] - stats["mean"]).fillna(0)]
    )
    positions = np.arange(len(means))
    ax.bar(
        positions,
        means,
        yerr=errors,
        color=[TONE_COLORS["negative"] if m < 0 else TONE_COLORS["positive"] for m in means],
        capsize=3,
    )
    ax.axhline(0, color="#333333", linewidth=0.6)
    names = [f"{g} (n={n})" for g, n in zip(stats["group"], stats["n"], strict=True)]
    ax.set_xticks(positions, plain_all(names), rotation=30, ha="right")
    ax.set_ylabel(plain(_TONE_AXIS.get(measure, measure.replace("_", " "))))
    ax.set_title(plain(title or f"Tone by {by}"))
    despine(ax)
    return ax
