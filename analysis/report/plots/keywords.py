"""Keywords, keyphrases and keyness."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, NullFormatter

from .base import (
    SMALL,
    legend_below,
    place_labels,
    plain,
    plain_all,
)

__all__ = ["plot_keywords", "plot_keyness", "plot_term_scatter"]


# ---------------------------------------------------------------------- keywords
def plot_keywords(
    keywords: pd.DataFrame,
    *,
    ax: Axes | None = None,
    x: str = "score",
    label: str = "display",
    top_n: int = 15,
    color: str = "#0072B2",
    title: str | None = None,
    xlabel: str | None = None,
) -> Axes:
    """Ranked horizontal bars of keywords or keyphrases, best at the top.

    Each bar is annotated with how many times the term occurs, so the reader can tell a
    term that is frequent from one that is rare but specific.

    Parameters
    ----------
    keywords : DataFrame
        Output of :func:`analysis.measures.keywords.keywords` or :func:`~analysis.measures.keywords.keyphrases`.
    x, label : str
        Columns for bar length and label.
    top_n : int
        Bars to draw.
    xlabel : str, optional
        What the bar length is (the ``x`` column's name by default).
    """
    ax = ax if ax is not None else plt.gca()
    if keywords.empty:
        ax.set_title(plain(title or "No keywords"))
        return ax
    data = keywords.head(top_n).iloc[::-1]
    positions = range(len(data))
    ax.barh(positions, data[x], color=color)
    ax.set_yticks(list(positions), plain_all(data[label].tolist()))
    if "count" in data.columns:
        for pos, (value, count) in enumerate(zip(data[x], data["count"], strict=True)):
            ax.text(
                value,
                pos,
                plain(f" ×{int(count)}"),
                va="center",
                ha="left",
                fontsize=SMALL,
                color="#333333",
            )
    ax.set_xlim(0, float(data[x].max()) * 1.15)
    ax.set_xlabel(plain(xlabel or x.replace("_", " ")))
    ax.set_title(plain(title or f"Top {len(data)} terms by {x.replace('_', ' ')}"))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def plot_keyness(
    keyness: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top_n: int = 12,
    value: str = "statistic",
    labels: tuple[str, str] = ("target", "reference"),
    colors: tuple[str, str] = ("#D55E00", "#0072B2"),
    title: str | None = None,
) -> Axes:
    """Diverging bars: terms most typical of the target (right) and of the reference (left).

    Parameters
    ----------
    keyness : DataFrame
        Output of :func:`analysis.measures.keywords.keyness`.
    top_n : int
        Terms per side.
    value : str
        Column to draw: ``"statistic"`` (G2 or z) or ``"effect"`` (log ratio).
    labels : (str, str)
        Names of the two groups for the legend.
    """
    ax = ax if ax is not None else plt.gca()
    if keyness.empty:
        ax.set_title(plain(title or "No keyness"))
        return ax
    pos = keyness[keyness["statistic"] > 0].nlargest(top_n, "statistic", keep="first")
    neg = keyness[keyness["statistic"] < 0].nsmallest(top_n, "statistic", keep="first")
    data = pd.concat([neg, pos])
    data = data.sort_values(value, kind="mergesort")
    positions = list(range(len(data)))
    bar_colors = [colors[0] if s > 0 else colors[1] for s in data["statistic"]]
    ax.barh(positions, data[value], color=bar_colors)
    ax.set_yticks(positions, plain_all(data["display"].tolist()))
    ax.axvline(0, color="#333333", linewidth=0.8)
    handles = [Patch(color=colors[0], label=plain(f"more in {labels[0]}"))]
    if len(neg):
        handles.append(Patch(color=colors[1], label=plain(f"more in {labels[1]}")))
    measure = str(keyness["measure"].iloc[0])
    name = {"g2": "signed log-likelihood G²", "logodds": "z-score of log-odds ratio"}.get(
        measure, value
    )
    ax.set_xlabel(plain(name if value == "statistic" else value.replace("_", " ")))
    ax.set_title(plain(title or f"Keyness: {labels[0]} vs {labels[1]}"))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    legend_below(ax, handles, ncol=1)
    return ax


def plot_term_scatter(
    keyness: pd.DataFrame,
    *,
    ax: Axes | None = None,
    n_labels: int = 20,
    labels: tuple[str, str] = ("target", "reference"),
    colors: tuple[str, str] = ("#D55E00", "#0072B2"),
    title: str | None = None,
) -> Axes:
    """Scattertext-style term map: frequency in the reference (x) vs the target (y).

    Every term is a point at its frequency per 1,000 words in each group (log scales;
    terms absent from a group sit on that axis' floor). Points above the diagonal are
    more typical of the target, below it of the reference; colour shows the sign of the
    keyness statistic, and the most distinguishing terms are labelled, without overlaps
    (a label that would collide with one already placed is left out).
    """
    ax = ax if ax is not None else plt.gca()
    if keyness.empty:
        ax.set_title(plain(title or "No terms"))
        return ax
    data = keyness.copy()
    floor_x = (
        data.loc[data["per_1k_reference"] > 0, "per_1k_reference"].min()
        if (data["per_1k_reference"] > 0).any()
        else 0.01
    )
    floor_y = (
        data.loc[data["per_1k_target"] > 0, "per_1k_target"].min()
        if (data["per_1k_target"] > 0).any()
        else 0.01
    )
    floor = min(floor_x, floor_y) / 2
    xs = data["per_1k_reference"].clip(lower=floor)
    ys = data["per_1k_target"].clip(lower=floor)
    point_colors = [
        colors[0] if s > 0 else colors[1] if s < 0 else "#999999" for s in data["statistic"]
    ]
    ax.scatter(xs, ys, s=10, c=point_colors, alpha=0.6, linewidths=0)
    ax.set_xscale("log")
    ax.set_yscale("log")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        axis.set_minor_formatter(NullFormatter())
    lo, hi = floor / 1.5, max(xs.max(), ys.max()) * 1.5
    ax.plot([lo, hi], [lo, hi], color="#999999", linewidth=0.8, linestyle="--", zorder=0)
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_xlabel(plain(f"per 1,000 words in {labels[1]}"))
    ax.set_ylabel(plain(f"per 1,000 words in {labels[0]}"))
    ax.set_title(plain(title or f"Terms of {labels[0]} vs {labels[1]}"))
    order = data["statistic"].abs().sort_values(ascending=False, kind="mergesort").index[:n_labels]
    place_labels(ax, [(xs[i], ys[i], str(data.at[i, "display"])) for i in order])
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax
