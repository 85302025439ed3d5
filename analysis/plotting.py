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
from matplotlib.ticker import MaxNLocator

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
