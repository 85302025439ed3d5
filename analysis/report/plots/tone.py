"""Tone: along the article, by sentence, by article and toward each actor."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from .base import (
    SMALL,
    TONE_COLORS,
    despine,
    legend_below,
    place_labels,
    plain,
    plain_all,
    section_labels,
)

__all__ = [
    "plot_tone_arc",
    "plot_polarity_subjectivity",
    "plot_sentiment_agreement",
    "plot_article_tone",
    "plot_actor_tone",
]


def plot_tone_arc(arc: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Tone through the article: each sentence as a dot (coloured by sign), the moving
    average as a line, section starts as dotted lines labelled with their heading.

    Parameters
    ----------
    arc : DataFrame
        Output of :func:`analysis.sentiment.sentiment_arc` for one article.
    """
    ax = ax if ax is not None else plt.gca()
    if arc.empty:
        ax.set_title(plain(title or "Tone arc: no sentences"))
        return ax
    if arc["article_id"].nunique() > 1:
        raise ValueError("plot_tone_arc draws one article; select one first.")
    x = arc["sentence_id"].to_numpy()
    values = arc["value"].to_numpy(dtype=float)
    colors = [
        TONE_COLORS["negative"]
        if v < -0.05
        else TONE_COLORS["positive"]
        if v > 0.05
        else TONE_COLORS["neutral"]
        for v in values
    ]
    ax.axhline(0, color="#333333", linewidth=0.6)
    ax.scatter(x, values, c=colors, s=22, zorder=3)
    ax.plot(x, arc["smoothed"], color="#0072B2", linewidth=1.6, zorder=2, label="moving average")
    sections = arc["section"].astype(str).tolist()
    low = min(values.min(), -0.2)
    starts = []
    for k in range(1, len(sections)):
        if sections[k] != sections[k - 1]:
            ax.axvline(x[k] - 0.5, color="#555555", linestyle=":", linewidth=0.8)
            starts.append((x[k] - 0.4, sections[k]))
    measure = str(arc["measure"].iloc[0])
    ax.set_ylim(low * 1.6 - 0.3, max(values.max(), 0.2) * 1.2)
    ax.set_xlim(x.min() - 0.6, x.max() + 0.6)
    section_labels(ax, starts, x.max() + 0.6, low * 1.1, above=False)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("sentence (in reading order)")
    ax.set_ylabel(
        plain(
            {
                "polarity": "TextBlob polarity",
                "vader_compound": "VADER compound",
                "news_compound": "VADER read for news",
            }.get(measure, measure)
        )
    )
    ax.set_title(plain(title or "Tone through the article"))
    despine(ax)
    legend_below(ax, ax.get_legend_handles_labels()[0])
    return ax


def plot_polarity_subjectivity(
    scores: pd.DataFrame, *, ax: Axes | None = None, n_labels: int = 6, title: str | None = None
) -> Axes:
    """Each sentence by TextBlob polarity (x) and subjectivity (y); the most opinionated
    sentences are labelled with their id so they can be looked up in the table."""
    ax = ax if ax is not None else plt.gca()
    if scores.empty:
        ax.set_title(plain(title or "No sentences"))
        return ax
    colors = [TONE_COLORS.get(t, "#999999") for t in scores["tone"]]
    ax.scatter(scores["polarity"], scores["subjectivity"], c=colors, s=24, alpha=0.8)
    ax.axvline(0, color="#333333", linewidth=0.6)
    strongest = (
        (scores["polarity"].abs() + scores["subjectivity"])
        .sort_values(ascending=False, kind="mergesort")
        .index[:n_labels]
    )
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    place_labels(
        ax,
        [
            (
                scores.at[i, "polarity"],
                scores.at[i, "subjectivity"],
                f"s{scores.at[i, 'sentence_id']}",
            )
            for i in strongest
        ],
    )
    present = [t for t in TONE_COLORS if t in set(scores["tone"])]
    handles = [
        mpl.lines.Line2D([], [], marker="o", linestyle="", color=TONE_COLORS[t], label=plain(t))
        for t in present
    ]
    ax.set_xlabel("polarity (TextBlob, −1 negative … +1 positive)")
    ax.set_ylabel("subjectivity (TextBlob, 0 factual … 1 opinion)")
    ax.set_title(plain(title or "Sentences by polarity and subjectivity (colour: VADER tone)"))
    despine(ax)
    legend_below(ax, handles, title="VADER tone", title_fontsize=SMALL)
    return ax


def plot_sentiment_agreement(
    scores: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """TextBlob polarity against VADER compound, one dot a sentence. Dots in the shaded
    quadrants are sentences where the two lexicons disagree on the sign."""
    ax = ax if ax is not None else plt.gca()
    if scores.empty:
        ax.set_title(plain(title or "No sentences"))
        return ax
    ax.axhspan(0, 1.05, xmin=0, xmax=0.5, color="#F0E442", alpha=0.15, linewidth=0)
    ax.axhspan(-1.05, 0, xmin=0.5, xmax=1, color="#F0E442", alpha=0.15, linewidth=0)
    ax.scatter(scores["polarity"], scores["vader_compound"], s=24, color="#0072B2", alpha=0.8)
    ax.axhline(0, color="#333333", linewidth=0.6)
    ax.axvline(0, color="#333333", linewidth=0.6)
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    tb = np.sign(scores["polarity"].round(6))
    vd = np.sign(scores["vader_compound"].round(6))
    both = (tb != 0) & (vd != 0)
    agree = float((tb[both] == vd[both]).mean()) if both.any() else float("nan")
    ax.set_xlabel("TextBlob polarity (−1 … +1)")
    ax.set_ylabel("VADER compound (−1 … +1)")
    ax.set_title(
        plain(
            title or f"Do the two lexicons agree? Same sign on {agree:.0%} of sentences both score"
        )
    )
    despine(ax)
    legend_below(ax, [Patch(color="#F0E442", alpha=0.3, label="the lexicons disagree on the sign")])
    return ax


def plot_article_tone(
    tone: pd.DataFrame,
    *,
    ax: Axes | None = None,
    labels: Mapping[str, str] | None = None,
    title: str | None = "Tone of each article",
) -> Axes:
    """Each article's mean tone (VADER read for news) with its 95% interval, one row an
    article.

    Parameters
    ----------
    tone : DataFrame
        :func:`analysis.sentiment.article_tone` of several articles: ``article_id``,
        ``news_mean``, ``news_ci_low``, ``news_ci_high``.
    labels : mapping, optional
        Text to show for each ``article_id`` (e.g. its headline).
    """
    ax = ax if ax is not None else plt.gca()
    if tone.empty:
        ax.set_title(plain(title or "No articles"))
        return ax
    means = tone["news_mean"].to_numpy(dtype=float)
    low = np.nan_to_num(means - tone["news_ci_low"].to_numpy(dtype=float))
    high = np.nan_to_num(tone["news_ci_high"].to_numpy(dtype=float) - means)
    positions = list(range(len(tone)))
    ax.errorbar(means, positions, xerr=[low, high], fmt="o", color="#0072B2", capsize=3)
    names = [str((labels or {}).get(a, a)) for a in tone["article_id"]]
    ax.set_yticks(positions, plain_all(names))
    ax.axvline(0, color="#333333", linewidth=0.6)
    ax.set_xlabel("mean tone, VADER read for news (95% interval)")
    if title:
        ax.set_title(plain(title))
    return ax


def plot_actor_tone(
    tone: pd.DataFrame,
    *,
    ax: Axes | None = None,
    top_n: int = 12,
    min_n: int = 2,
    title: str | None = None,
) -> Axes:
    """Mean tone toward each actor with its interval, most-mentioned actors first.

    Actors with fewer than ``min_n`` mentions are drawn as outlined, hatched bars with
    no interval (one mention is an anecdote, not a measured tone).

    Parameters
    ----------
    tone : DataFrame
        The per-actor table from :func:`analysis.measures.target_tone.actor_tone`
        (``level="actor"``): ``actor``, ``mean``, ``ci_low``, ``ci_high``, ``n``.
    """
    ax = ax if ax is not None else plt.gca()
    if tone.empty:
        ax.set_title(plain(title or "No actors"))
        return ax
    data = (
        tone.sort_values(["n", "actor"], ascending=[False, True], kind="mergesort")
        .head(top_n)
        .iloc[::-1]
    )
    positions = list(range(len(data)))
    means = data["mean"].to_numpy(dtype=float)
    colors = [
        TONE_COLORS["negative"]
        if m < -0.05
        else TONE_COLORS["positive"]
        if m > 0.05
        else TONE_COLORS["neutral"]
        for m in means
    ]
    low = np.nan_to_num(means - data["ci_low"].to_numpy(dtype=float))
    high = np.nan_to_num(data["ci_high"].to_numpy(dtype=float) - means)
    counts = data["n"].to_numpy(dtype=int)
    small = counts < min_n
    # enough mentions: a solid bar with its interval; fewer: an outlined, hatched bar
    # with no interval, so a single mention never looks like a measured tone
    ax.barh(
        [p for p, s in zip(positions, small, strict=True) if not s],
        means[~small],
        color=[c for c, s in zip(colors, small, strict=True) if not s],
        xerr=[low[~small], high[~small]],
        error_kw={"elinewidth": 0.8, "capsize": 2, "ecolor": "#333333"},
    )
    ax.barh(
        [p for p, s in zip(positions, small, strict=True) if s],
        means[small],
        color="none",
        edgecolor=[c for c, s in zip(colors, small, strict=True) if s],
        hatch="///",
        linewidth=0.8,
    )
    ax.set_yticks(
        positions,
        plain_all([f"{a} (n={n})" for a, n in zip(data["actor"], data["n"], strict=True)]),
    )
    handles = [
        Patch(color=TONE_COLORS[t], label=plain(t)) for t in ("negative", "neutral", "positive")
    ]
    if small.any():
        handles.append(
            Patch(
                facecolor="none",
                edgecolor="#555555",
                hatch="///",
                label=plain(f"fewer than {min_n} mentions (no interval)"),
            )
        )
    ax.axvline(0, color="#333333", linewidth=0.6)
    ax.set_xlabel("tone toward the actor (−1 negative … +1 positive)")
    ax.set_title(plain(title or "Tone of what is said around each actor"))
    despine(ax)
    legend_below(ax, handles, ncol=3 if len(handles) == 3 else 2)
    return ax
