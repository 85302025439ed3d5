"""The article's shape: one bar a sentence."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from .base import (
    ROLE_COLORS,
    legend_below,
    plain,
    section_labels,
)

__all__ = ["plot_structure"]


def plot_structure(
    sentences: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None, **kwargs
) -> Axes:
    """Draw the article's shape: one bar a sentence, its height the sentence's length.

    Bars are coloured by role (headline, standfirst, heading, body) and each section
    starts at a dotted line labelled with its heading, so a reader sees at a glance
    how the article is built and where its long sentences sit.

    Parameters
    ----------
    sentences : DataFrame
        The sentence table of one article (:func:`analysis.sentences`).
    ax : Axes, optional
        Where to draw; the current Axes by default.
    title : str, optional
        Figure title; by default it states the counts.
    **kwargs
        Passed to :meth:`Axes.bar`.

    Returns
    -------
    Axes
    """
    ax = ax if ax is not None else plt.gca()
    if sentences.empty:
        ax.set_title(plain(title or "Article structure: no sentences"))
        return ax
    if sentences["article_id"].nunique() > 1:
        raise ValueError(
            "plot_structure draws one article; select one, e.g. table[table.article_id == id]."
        )
    data = sentences.reset_index(drop=True)
    colors = [ROLE_COLORS.get(role, "#000000") for role in data["role"]]
    ax.bar(data["sentence_id"], data["n_words"], color=colors, width=0.8, **kwargs)
    top = data["n_words"].max()
    last = data["sentence_id"].max()
    starts = data.loc[data["role"] == "heading", ["sentence_id", "text"]].to_numpy().tolist()
    for start, _heading in starts:
        ax.axvline(start - 0.5, color="#555555", linestyle=":", linewidth=0.8, zorder=0)
    ax.set_ylim(0, top * 1.55)
    ax.set_xlim(-0.7, last + 0.7)
    section_labels(ax, [(s - 0.4, h) for s, h in starts], last + 0.7, top * 1.04)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("sentence (in reading order)")
    ax.set_ylabel("words")
    present = [r for r in ROLE_COLORS if r in set(data["role"])]
    handles = [Patch(color=ROLE_COLORS[r], label=plain(r)) for r in present]
    n_sections = data["section_id"].nunique()
    ax.set_title(
        plain(
            title
            or f"Article structure: {len(data)} sentences, {int(data['n_words'].sum())} words, {n_sections} sections"
        )
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    legend_below(ax, handles)
    return ax
