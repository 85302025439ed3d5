"""Topics: their terms, where they sit, and their mix over articles."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .base import (
    SMALL,
    TOPIC_COLORS,
    despine,
    legend_below,
    plain,
    plain_all,
    wrap,
)

__all__ = ["plot_topic_terms", "plot_topic_prevalence", "plot_document_topics", "plot_topic_share"]


# ---------------------------------------------------------------------- topics
def plot_topic_terms(
    topic_terms: pd.DataFrame, *, ax: Axes | None = None, n_terms: int = 6, title: str | None = None
) -> Axes:
    """Top terms of each topic as blocks of bars in one Axes (one colour a topic,
    weights scaled to the topic's strongest term)."""
    ax = ax if ax is not None else plt.gca()
    if topic_terms.empty:
        ax.set_title(plain(title or "No topics"))
        return ax
    labels, values, colors, ticks = [], [], [], []
    position = 0
    for topic, group in topic_terms.groupby("topic", sort=True):
        group = group.nsmallest(n_terms, "rank")
        top = group["weight"].max() or 1.0
        for row in group.itertuples():
            labels.append(row.display)
            values.append(row.weight / top)
            colors.append(TOPIC_COLORS[int(topic) % len(TOPIC_COLORS)])
            ticks.append(position)
            position += 1
        name = str(group["label"].iloc[0]) if "label" in group.columns else f"topic {int(topic)}"
        ax.text(
            1.02,
            ticks[-len(group)] - 0.4,
            wrap(name, 18),
            transform=ax.get_yaxis_transform(),
            fontsize=SMALL,
            color=colors[-1],
            va="top",
        )
        position += 1
    ax.barh(ticks, values, color=colors)
    ax.set_yticks(ticks, plain_all(labels), fontsize=SMALL)
    ax.invert_yaxis()
    ax.set_xlabel("weight (relative to the topic's top term)")
    ax.set_title(plain(title or "Top terms of each topic"))
    despine(ax)
    return ax


def plot_topic_prevalence(
    document_topics: pd.DataFrame,
    *,
    ax: Axes | None = None,
    labels: dict | None = None,
    title: str | None = None,
) -> Axes:
    """Topic mix along one article: stacked areas over the units in reading order,
    dotted lines where sections start (for sentence or paragraph units)."""
    ax = ax if ax is not None else plt.gca()
    if document_topics.empty:
        ax.set_title(plain(title or "No topics"))
        return ax
    if document_topics["article_id"].nunique() > 1:
        raise ValueError("plot_topic_prevalence draws one article; select one first.")
    unit = "sentence_id" if "sentence_id" in document_topics.columns else "paragraph_id"
    wide = document_topics.pivot_table(
        index=unit, columns="topic", values="weight", aggfunc="sum"
    ).sort_index()
    x = wide.index.to_numpy()
    names = [labels.get(t, f"topic {t}") if labels else f"topic {t}" for t in wide.columns]
    ax.stackplot(
        x,
        wide.to_numpy().T,
        labels=names,
        colors=[TOPIC_COLORS[int(t) % len(TOPIC_COLORS)] for t in wide.columns],
        alpha=0.85,
    )
    if "section" in document_topics.columns:
        sections = (
            document_topics.drop_duplicates(unit)
            .set_index(unit)["section"]
            .reindex(x)
            .astype(str)
            .tolist()
        )
        for k in range(1, len(sections)):
            if sections[k] != sections[k - 1]:
                ax.axvline(x[k] - 0.5, color="#333333", linestyle=":", linewidth=0.8)
    ax.set_xlim(x.min(), x.max() if len(x) > 1 else x.min() + 1)
    ax.set_ylim(0, 1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(plain(unit.replace("_id", "") + " (in reading order)"))
    ax.set_ylabel("topic share")
    ax.set_title(plain(title or "Where each topic sits in the article"))
    legend_below(ax, ax.get_legend_handles_labels()[0], ncol=1)
    return ax


def plot_document_topics(
    document_topics: pd.DataFrame,
    *,
    ax: Axes | None = None,
    labels: dict | None = None,
    max_docs: int = 60,
    title: str | None = None,
) -> Axes:
    """Heatmap of articles (rows) by topics (columns) for a corpus."""
    ax = ax if ax is not None else plt.gca()
    if document_topics.empty:
        ax.set_title(plain(title or "No topics"))
        return ax
    wide = document_topics.pivot_table(
        index="article_id", columns="topic", values="weight", aggfunc="sum", sort=False
    ).head(max_docs)
    image = ax.imshow(wide.to_numpy(dtype=float), aspect="auto", cmap="Blues", vmin=0, vmax=1)
    ax.set_yticks(range(len(wide)), plain_all([str(i) for i in wide.index]), fontsize=SMALL)
    names = [labels.get(t, f"topic {t}") if labels else f"topic {t}" for t in wide.columns]
    ax.set_xticks(range(len(names)), plain_all(names), rotation=30, ha="right", fontsize=SMALL)
    ax.figure.colorbar(image, ax=ax, label="topic share", shrink=0.8)
    ax.set_title(plain(title or "Topic mix of each article"))
    return ax


def plot_topic_share(
    document_topics: pd.DataFrame,
    groups: pd.Series | dict,
    *,
    ax: Axes | None = None,
    labels: dict | None = None,
    title: str | None = None,
) -> Axes:
    """Mean topic share by group of articles (outlet, date, ...): grouped bars.

    Parameters
    ----------
    groups : Series or dict
        Maps ``article_id`` to its group.
    """
    ax = ax if ax is not None else plt.gca()
    if document_topics.empty:
        ax.set_title(plain(title or "No topics"))
        return ax
    mapping = groups.to_dict() if isinstance(groups, pd.Series) else dict(groups)
    data = document_topics.assign(group=document_topics["article_id"].map(mapping)).dropna(
        subset=["group"]
    )
    per_article = data.groupby(["group", "article_id", "topic"])["weight"].sum().reset_index()
    wide = per_article.groupby(["group", "topic"])["weight"].mean().unstack("topic").fillna(0)
    width = 0.8 / max(1, wide.shape[1])
    for j, topic in enumerate(wide.columns):
        name = labels.get(topic, f"topic {topic}") if labels else f"topic {topic}"
        ax.bar(
            np.arange(len(wide)) + (j - (wide.shape[1] - 1) / 2) * width,
            wide[topic],
            width=width,
            color=TOPIC_COLORS[int(topic) % len(TOPIC_COLORS)],
            label=plain(name),
        )
    ax.set_xticks(range(len(wide)), plain_all([str(g) for g in wide.index]))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_ylabel("mean topic share")
    ax.set_title(plain(title or "Topic share by group"))
    despine(ax)
    legend_below(ax, ax.get_legend_handles_labels()[0], ncol=1)
    return ax
