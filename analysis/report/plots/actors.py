"""Actors and sources: who appears, who speaks, who appears with whom, how sure the text is."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, PercentFormatter
from matplotlib.transforms import Bbox

from .base import (
    CERTAINTY_COLORS,
    KIND_COLORS,
    SMALL,
    SOURCE_COLORS,
    despine,
    legend_below,
    placed_by_measure,
    plain,
    plain_all,
    wrap,
)

__all__ = ["plot_actor_mentions", "plot_who_speaks", "plot_cooccurrence", "plot_hedging"]


# ---------------------------------------------------------------------- actors
def plot_actor_mentions(
    summary: pd.DataFrame, *, ax: Axes | None = None, top_n: int = 15, title: str | None = None
) -> Axes:
    """Mentions per actor, coloured by kind (person, country, institution, group, ...)."""
    ax = ax if ax is not None else plt.gca()
    if summary.empty:
        ax.set_title(plain(title or "No actors"))
        return ax
    data = summary.head(top_n).iloc[::-1]
    positions = list(range(len(data)))
    ax.barh(
        positions, data["n_mentions"], color=[KIND_COLORS.get(k, "#000000") for k in data["kind"]]
    )
    ax.set_yticks(positions, plain_all(data["actor"].tolist()))
    present = [k for k in KIND_COLORS if k in set(data["kind"])]
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("mentions")
    ax.set_title(plain(title or "Who appears: mentions per actor"))
    despine(ax)
    legend_below(ax, [Patch(color=KIND_COLORS[k], label=plain(k)) for k in present])
    return ax


def plot_who_speaks(
    quotes: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top_n: int = 12,
    title: str | None = None,
    acts: Sequence[str] | None = ("statement",),
) -> Axes:
    """Share of attributed words by speaker, coloured by the kind of source.

    ``acts`` keeps the attributions of these acts (column ``act`` of
    :func:`analysis.measures.attribution.quotes`): by default what sources said or wrote, not what
    they are said to believe, want or show; ``None`` keeps all."""
    ax = ax if ax is not None else plt.gca()
    if acts is not None and "act" in quotes.columns:
        quotes = quotes[quotes["act"].isin(list(acts))]
    if quotes.empty:
        ax.set_title(plain(title or "Nobody is quoted"))
        return ax
    data = quotes.assign(actor=quotes["actor"].fillna("(unattributed)"))
    words = data.groupby("actor", sort=False).agg(
        n_words=("n_words", "sum"), source_type=("source_type", "first"), n=("n_words", "size")
    )
    words["share"] = words["n_words"] / words["n_words"].sum()
    words = words.sort_values(["share"], ascending=False, kind="mergesort").head(top_n).iloc[::-1]
    positions = list(range(len(words)))
    ax.barh(
        positions,
        words["share"],
        color=[SOURCE_COLORS.get(s, "#000000") for s in words["source_type"]],
    )
    ax.set_yticks(
        positions, plain_all([f"{a} ({n}×)" for a, n in zip(words.index, words["n"], strict=True)])
    )
    present = [s for s in SOURCE_COLORS if s in set(words["source_type"])]
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1))
    ax.set_xlabel("share of attributed words")
    ax.set_title(plain(title or "Who speaks: words attributed to each source"))
    despine(ax)
    legend_below(ax, [Patch(color=SOURCE_COLORS[s], label=plain(s)) for s in present])
    return ax


def plot_cooccurrence(
    graph, *, ax: Axes | None = None, min_weight: int = 1, title: str | None = None, seed: int = 0
) -> Axes:
    """The co-occurrence network: actors as nodes (size: mentions, colour: kind), edges
    as lines whose width is the number of sentences shared. The layout is seeded, so
    the same graph is always drawn the same way."""

    ax = ax if ax is not None else plt.gca()
    edges = [(u, v) for u, v, w in graph.edges(data="weight") if w >= min_weight]
    sub = graph.edge_subgraph(edges).copy() if edges else nx.Graph()
    if sub.number_of_nodes() == 0:
        ax.set_title(plain(title or "No actors appear together"))
        ax.set_axis_off()
        return ax
    nodes = sorted(sub.nodes)
    sub = nx.relabel_nodes(sub, {n: n for n in nodes})
    pos = nx.spring_layout(sub, seed=seed, weight="weight", k=1.2 / max(1, len(nodes)) ** 0.5)
    widths = [0.6 + 0.6 * sub[u][v]["weight"] for u, v in sub.edges]
    nx.draw_networkx_edges(sub, pos, ax=ax, width=widths, edge_color="#999999", alpha=0.7)
    sizes = [60 + 40 * graph.nodes[n].get("mentions", 1) for n in nodes]
    colors = [KIND_COLORS.get(graph.nodes[n].get("kind"), "#000000") for n in nodes]
    nx.draw_networkx_nodes(sub, pos, nodelist=nodes, node_size=sizes, node_color=colors, ax=ax)
    weights = {n: graph.nodes[n].get("mentions", 1) for n in nodes}
    radius = {n: size**0.5 / 2 for n, size in zip(nodes, sizes, strict=True)}  # points
    skipped = _label_nodes(ax, pos, nodes, weights, radius)
    present = [k for k in KIND_COLORS if k in {graph.nodes[n].get("kind") for n in nodes}]
    note = f" ({skipped} label{'s' if skipped != 1 else ''} left out: no room)" if skipped else ""
    ax.set_title(plain((title or "Which actors appear together (same sentence)") + note))
    ax.set_axis_off()
    legend_below(ax, [Patch(color=KIND_COLORS[k], label=plain(k)) for k in present])
    return ax


def _label_nodes(
    ax: Axes, pos: Mapping, nodes: Sequence[str], weights: Mapping, radius: Mapping
) -> int:
    """Node labels placed without overlap: the most mentioned actors first, each beside
    its node (right, left, above, below, then the diagonals) where its box overlaps no
    label already placed, no other node and stays inside the axes; failing that, where
    it covers a node but no label. Dark text on a light box. A label with no free
    place is left out; returns how many were."""
    xs = np.array([pos[n][0] for n in nodes])
    ys = np.array([pos[n][1] for n in nodes])
    pad_x = (xs.max() - xs.min() or 1.0) * 0.22
    pad_y = (ys.max() - ys.min() or 1.0) * 0.12
    ax.set_xlim(xs.min() - pad_x, xs.max() + pad_x)
    ax.set_ylim(ys.min() - pad_y, ys.max() + pad_y)
    placed_by_measure(ax)
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    scale = ax.figure.dpi / 72
    discs = []
    for n in nodes:
        x, y = ax.transData.transform(pos[n])
        r = radius[n] * scale
        discs.append((n, Bbox.from_extents(x - r, y - r, x + r, y + r)))
    placed: list = []
    skipped = 0
    for n in sorted(nodes, key=lambda n: (-weights.get(n, 1), str(n))):
        gap = radius[n] + 2
        sides = [(gap, 0), (-gap, 0), (0, gap), (0, -gap)]
        sides += [(gap * 0.75, gap * 0.75), (-gap * 0.75, gap * 0.75)]
        sides += [(gap * 0.75, -gap * 0.75), (-gap * 0.75, -gap * 0.75)]
        others = [b for m, b in discs if m != n]
        label = None
        for strict in (True, False):
            for dx, dy in sides:
                label = _node_label(ax, n, pos[n], dx, dy)
                box = label.get_window_extent(renderer).expanded(1.02, 1.05)
                inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
                free = not any(box.overlaps(other) for other in placed)
                clear = not strict or not any(box.overlaps(d) for d in others)
                if inside and free and clear:
                    placed.append(box)
                    break
                label.remove()
                label = None
            if label is not None:
                break
        if label is None:
            skipped += 1
    return skipped


def _node_label(ax: Axes, name: str, xy, dx: float, dy: float):
    return ax.annotate(
        plain(str(name)),
        xy,
        xytext=(dx, dy),
        textcoords="offset points",
        fontsize=SMALL,
        color="#1d2327",
        ha="center" if abs(dx) < 1e-9 else ("left" if dx > 0 else "right"),
        va="center" if abs(dy) < 1e-9 else ("bottom" if dy > 0 else "top"),
        zorder=5,
        bbox={
            "boxstyle": "round,pad=0.12",
            "facecolor": "white",
            "edgecolor": "none",
            "alpha": 0.85,
        },
    )


def plot_hedging(
    summary: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """Hedges and boosters per 1,000 words, by section (or article)."""
    ax = ax if ax is not None else plt.gca()
    if summary.empty:
        ax.set_title(plain(title or "No sentences"))
        return ax
    labels = [
        s if s != "(all)" else a
        for s, a in zip(summary["section"], summary["article_id"], strict=True)
    ]
    labels = [wrap(label, 24) for label in labels][::-1]
    y = np.arange(len(summary))
    ax.barh(
        y + 0.2,
        summary["hedges_per_1k"].to_numpy()[::-1],
        height=0.4,
        color=CERTAINTY_COLORS["hedges"],
        label="hedges",
    )
    ax.barh(
        y - 0.2,
        summary["boosters_per_1k"].to_numpy()[::-1],
        height=0.4,
        color=CERTAINTY_COLORS["boosters"],
        label="boosters",
    )
    ax.set_yticks(y, plain_all(labels))
    ax.set_xlabel("per 1,000 words")
    ax.set_title(plain(title or "How sure the text is: hedges and boosters"))
    despine(ax)
    legend_below(ax, ax.get_legend_handles_labels()[0])
    return ax
