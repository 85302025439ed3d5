"""Frames: profiles, panels, where each frame sits."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .base import (
    SERIES_COLORS,
    SMALL,
    despine,
    legend_below,
    placed_by_measure,
    plain,
    plain_all,
    wrap,
)

__all__ = ["plot_frame_profile", "plot_frame_panels", "plot_frame_heatmap", "plot_frame_strip"]


# ---------------------------------------------------------------------- frames
def plot_frame_profile(
    profile: pd.DataFrame,
    *,
    ax: Axes | None = None,
    value: str = "cues_per_1k",
    top_n: int | None = None,
    title: str | None = None,
) -> Axes:
    """Frame profile bars: one bar per frame, or grouped bars side by side when the
    profile holds several articles (one colour an article).

    Parameters
    ----------
    profile : DataFrame
        Output of :func:`analysis.measures.frames.frame_profile`.
    value : str
        ``"cues_per_1k"`` (default), ``"share_of_sentences"`` or ``"share_of_cues"``.
    top_n : int, optional
        Keep the frames with the highest total value.
    """
    ax = ax if ax is not None else plt.gca()
    if profile.empty:
        ax.set_title(plain(title or "No frames"))
        return ax
    table = profile.pivot_table(
        index="label", columns="article_id", values=value, aggfunc="sum", sort=False
    ).fillna(0)
    order = table.sum(axis=1).sort_values(ascending=True, kind="mergesort")
    if top_n is not None:
        order = order.iloc[-top_n:]
    table = table.loc[order.index]
    articles = list(table.columns)
    height = 0.8 / len(articles)
    palette = SERIES_COLORS
    for k, article in enumerate(articles):
        positions = np.arange(len(table)) + (k - (len(articles) - 1) / 2) * height
        ax.barh(
            positions,
            table[article],
            height=height,
            color=palette[k % len(palette)],
            label=plain(str(article)),
        )
    ax.set_yticks(np.arange(len(table)), plain_all(table.index.tolist()))
    names = {
        "cues_per_1k": "cues per 1,000 words",
        "share_of_sentences": "share of sentences",
        "share_of_cues": "share of cues",
    }
    if value.startswith("share"):
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_xlabel(plain(names.get(value, value)))
    ax.set_title(plain(title or "Frame profile"))
    despine(ax)
    if len(articles) > 1:
        legend_below(ax, ax.get_legend_handles_labels()[0], ncol=1)
    return ax


def plot_frame_panels(
    panels: Mapping[str, pd.DataFrame],
    *,
    axes: Sequence[Axes],
    value: str = "cues_per_1k",
    top_n: int | None = 10,
    title: str | None = None,
) -> Sequence[Axes]:
    """Several frame profiles side by side on one scale, under one title.

    Parameters
    ----------
    panels : mapping of str to DataFrame
        Panel title -> :func:`analysis.measures.frames.frame_profile` (e.g. policy and generic).
    axes : sequence of Axes
        One per panel.
    value, top_n
        As :func:`plot_frame_profile`.
    title : str, optional
        The figure's title (default: what the bars measure).

    Returns
    -------
    the axes
    """
    axes = list(np.ravel(axes))
    if len(axes) != len(panels):
        raise ValueError(f"{len(panels)} panels need {len(panels)} axes, got {len(axes)}")
    for ax, (name, profile) in zip(axes, panels.items(), strict=True):
        plot_frame_profile(profile, ax=ax, value=value, top_n=top_n, title=plain(name))
    right = max(ax.get_xlim()[1] for ax in axes)
    for ax in axes:
        ax.set_xlim(0, right)  # one scale: bars compare across panels
    names = {"cues_per_1k": "cues per 1,000 words", "share_of_sentences": "share of sentences"}
    axes[0].figure.suptitle(
        title or f"Frame cues, {names.get(value, value)} (same scale in every panel)",
        fontweight="bold",
    )
    return axes


def plot_frame_heatmap(
    scores: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """Frames (rows) by section (columns): cues per sentence in each section, annotated.
    Frames with no cue anywhere are left out."""
    ax = ax if ax is not None else plt.gca()
    if scores.empty or scores["score"].sum() == 0:
        ax.set_title(plain(title or "No frame cues"))
        return ax
    sections = list(dict.fromkeys(scores["section"]))
    table = scores.pivot_table(
        index="label", columns="section", values="score", aggfunc="mean", sort=False
    ).reindex(columns=sections)
    table = table[(table.sum(axis=1) > 0)]
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="mergesort").index]
    image = ax.imshow(table.to_numpy(dtype=float), aspect="auto", cmap="Blues", vmin=0)
    ax.figure.colorbar(image, ax=ax, label="cues per sentence", shrink=0.8)
    ax.set_yticks(range(len(table)), [wrap(label, 22) for label in table.index])
    _section_ticks(ax, sections)
    top = float(np.nanmax(table.to_numpy(dtype=float)))
    for i in range(table.shape[0]):
        for j in range(table.shape[1]):
            v = table.iat[i, j]
            if v > 0:
                ax.text(
                    j,
                    i,
                    plain(f"{v:.1f}"),
                    ha="center",
                    va="center",
                    fontsize=SMALL,
                    color="white" if v > top * 0.6 else "#333333",
                )
    ax.set_title(plain(title or "Where each frame sits: cues per sentence by section"))
    return ax


def _section_ticks(ax: Axes, sections: list[str]) -> None:
    """Columns named by their section headings where each fits its column on two lines;
    otherwise numbered, with the headings in a key under the axis."""
    placed_by_measure(ax)
    width = ax.get_window_extent(ax.figure.canvas.get_renderer()).width / max(len(sections), 1)
    chars = int(width / (SMALL * ax.figure.dpi / 72 * 0.58)) - 1
    fits = all(
        len(textwrap.wrap(str(s), max(chars, 1), break_long_words=False)) <= 2
        and max(len(w) for w in str(s).split() or [""]) <= chars
        for s in sections
    )
    if fits:
        ax.set_xticks(range(len(sections)), [wrap(s, chars, lines=2) for s in sections])
        return
    ax.set_xticks(range(len(sections)), [str(k) for k in range(1, len(sections) + 1)])
    key = "\n".join(f"{k}  {s}" for k, s in enumerate(sections, 1))
    ax.set_xlabel(plain(f"section\n{key}"), loc="left", fontsize=SMALL)


def plot_frame_strip(
    scores: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """A frame strip along the article: one row per frame, one column per sentence, a
    dot where the sentence carries the frame (size: number of cues)."""
    ax = ax if ax is not None else plt.gca()
    if scores.empty or scores["score"].sum() == 0:
        ax.set_title(plain(title or "No frame cues"))
        return ax
    used = scores[scores["score"] > 0]
    labels = (
        used.groupby("label", sort=False)["score"]
        .sum()
        .sort_values(ascending=True, kind="mergesort")
        .index.tolist()
    )
    y = {label: k for k, label in enumerate(labels)}
    ax.scatter(
        used["sentence_id"],
        used["label"].map(y),
        s=25 + 35 * used["score"],
        color="#0072B2",
        alpha=0.8,
    )
    ax.set_yticks(range(len(labels)), plain_all(labels))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ids = scores["sentence_id"]
    ax.set_xlim(ids.min() - 0.7, ids.max() + 0.7)
    sections = scores.drop_duplicates("sentence_id")[["sentence_id", "section"]].to_numpy().tolist()
    for k in range(1, len(sections)):
        if sections[k][1] != sections[k - 1][1]:
            ax.axvline(sections[k][0] - 0.5, color="#555555", linestyle=":", linewidth=0.8)
    ax.set_xlabel("sentence (in reading order; dotted lines start sections)")
    ax.set_title(plain(title or "Frame strip: which sentences carry which frame"))
    despine(ax)
    return ax
