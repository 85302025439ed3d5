"""Plot functions: tidy DataFrame in, ``ax=`` in, the Axes out.

They draw and nothing else: no ``plt.show()``, no saving, no global style changes
(apply a style with ``matplotlib.style.context`` around the call). Saving lives in
:func:`save_figure`.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullFormatter

__all__ = ["plot_structure", "save_figure", "ROLE_COLORS"]

#: Okabe-Ito colours (safe for colour-blind readers), one per sentence role.
ROLE_COLORS = {
    "headline": "#D55E00",
    "standfirst": "#E69F00",
    "byline": "#999999",
    "heading": "#0072B2",
    "body": "#56B4E9",
}


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
        ax.set_title(title or "Article structure: no sentences")
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
    for k, (start, heading) in enumerate(starts):
        ax.axvline(start - 0.5, color="#555555", linestyle=":", linewidth=0.8, zorder=0)
        end = starts[k + 1][0] if k + 1 < len(starts) else last + 1
        room = max(int((end - start) * 5.5), 6)  # characters that fit over the section
        label = heading if len(heading) <= room else heading[: room - 1] + "…"
        ax.text(
            start - 0.3,
            top * 1.08,
            label,
            ha="left",
            va="bottom",
            fontsize="x-small",
            color="#333333",
        )
    ax.set_ylim(0, top * 1.2)
    ax.set_xlim(-0.7, last + 0.7)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("sentence (in reading order)")
    ax.set_ylabel("words")
    present = [r for r in ROLE_COLORS if r in set(data["role"])]
    ax.legend(
        handles=[Patch(color=ROLE_COLORS[r], label=r) for r in present],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.18),
        fontsize="small",
        frameon=False,
        ncol=len(present),
    )
    n_sections = data["section_id"].nunique()
    ax.set_title(
        title
        or f"Article structure: {len(data)} sentences, {int(data['n_words'].sum())} words, {n_sections} sections"
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def save_figure(
    fig: mpl.figure.Figure, out_dir: str | Path, name: str, *, dpi: int = 200
) -> list[Path]:
    """Save ``fig`` as ``out_dir/name.png`` and ``out_dir/name.svg``.

    The files are reproducible: no timestamps in the metadata and a fixed SVG id salt,
    so the same figure gives the same bytes. Returns the two paths.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{name}.png", out / f"{name}.svg"]
    with mpl.rc_context({"svg.hashsalt": name, "svg.fonttype": "none"}):
        fig.savefig(paths[0], dpi=dpi, bbox_inches="tight", metadata={"Software": None})
        fig.savefig(paths[1], bbox_inches="tight", metadata={"Date": None, "Creator": None})
    return paths


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
) -> Axes:
    """Ranked horizontal bars of keywords or keyphrases, best at the top.

    Each bar is annotated with how many times the term occurs, so the reader can tell a
    term that is frequent from one that is rare but specific.

    Parameters
    ----------
    keywords : DataFrame
        Output of :func:`analysis.keywords.keywords` or :func:`~analysis.keywords.keyphrases`.
    x, label : str
        Columns for bar length and label.
    top_n : int
        Bars to draw.
    """
    ax = ax if ax is not None else plt.gca()
    if keywords.empty:
        ax.set_title(title or "No keywords")
        return ax
    data = keywords.head(top_n).iloc[::-1]
    positions = range(len(data))
    ax.barh(positions, data[x], color=color)
    ax.set_yticks(list(positions), data[label].tolist())
    if "count" in data.columns:
        for pos, (value, count) in enumerate(zip(data[x], data["count"], strict=True)):
            ax.text(
                value,
                pos,
                f" ×{int(count)}",
                va="center",
                ha="left",
                fontsize="x-small",
                color="#333333",
            )
    ax.set_xlim(0, float(data[x].max()) * 1.15)
    ax.set_xlabel(x.replace("_", " "))
    ax.set_title(title or f"Top {len(data)} terms by {x.replace('_', ' ')}")
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
        Output of :func:`analysis.keywords.keyness`.
    top_n : int
        Terms per side.
    value : str
        Column to draw: ``"statistic"`` (G2 or z) or ``"effect"`` (log ratio).
    labels : (str, str)
        Names of the two groups for the legend.
    """
    ax = ax if ax is not None else plt.gca()
    if keyness.empty:
        ax.set_title(title or "No keyness")
        return ax
    pos = keyness[keyness["statistic"] > 0].nlargest(top_n, "statistic", keep="first")
    neg = keyness[keyness["statistic"] < 0].nsmallest(top_n, "statistic", keep="first")
    data = pd.concat([neg, pos])
    data = data.sort_values(value, kind="mergesort")
    positions = list(range(len(data)))
    bar_colors = [colors[0] if s > 0 else colors[1] for s in data["statistic"]]
    ax.barh(positions, data[value], color=bar_colors)
    ax.set_yticks(positions, data["display"].tolist())
    ax.axvline(0, color="#333333", linewidth=0.8)
    handles = [Patch(color=colors[0], label=f"more in {labels[0]}")]
    if len(neg):
        handles.append(Patch(color=colors[1], label=f"more in {labels[1]}"))
    ax.legend(handles=handles, loc="lower right", fontsize="small", frameon=False)
    measure = str(keyness["measure"].iloc[0])
    name = {"g2": "signed log-likelihood G²", "logodds": "z-score of log-odds ratio"}.get(
        measure, value
    )
    ax.set_xlabel(name if value == "statistic" else value.replace("_", " "))
    ax.set_title(title or f"Keyness: {labels[0]} vs {labels[1]}")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
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
        ax.set_title(title or "No terms")
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
    ax.set_xlabel(f"per 1,000 words in {labels[1]}")
    ax.set_ylabel(f"per 1,000 words in {labels[0]}")
    ax.set_title(title or f"Terms of {labels[0]} vs {labels[1]}")
    order = data["statistic"].abs().sort_values(ascending=False, kind="mergesort").index[:n_labels]
    _place_labels(ax, [(xs[i], ys[i], str(data.at[i, "display"])) for i in order])
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def _place_labels(ax: Axes, items: list[tuple[float, float, str]]) -> None:
    """Greedy, deterministic label placement: try eight offsets around each point and
    keep the first whose box overlaps no placed label and stays inside the axes."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    placed = []
    axes_box = ax.get_window_extent(renderer)
    offsets = [(4, 4), (4, -10), (-4, 4), (-4, -10), (8, 0), (-8, 0), (0, 10), (0, -14)]
    for x, y, text in items:
        for dx, dy in offsets:
            label = ax.annotate(
                text,
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                fontsize="x-small",
                ha="left" if dx >= 0 else "right",
                va="bottom",
            )
            box = label.get_window_extent(renderer).expanded(1.05, 1.1)
            inside = axes_box.contains(box.x0, box.y0) and axes_box.contains(box.x1, box.y1)
            if inside and not any(box.overlaps(other) for other in placed):
                placed.append(box)
                break
            label.remove()
