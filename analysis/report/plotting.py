"""Plot functions: tidy DataFrame in, ``ax=`` in, the Axes out.

They draw and nothing else: no ``plt.show()``, no saving, no global style changes
(apply a style with ``matplotlib.style.context`` around the call). Saving lives in
:func:`save_figure`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullFormatter, PercentFormatter

__all__ = [
    "plain",
    "plot_article_tone",
    "ROLE_COLORS",
    "plot_actor_mentions",
    "plot_actor_tone",
    "plot_cooccurrence",
    "plot_corpus_frames",
    "plot_corpus_tone",
    "plot_document_topics",
    "plot_frame_heatmap",
    "plot_frame_panels",
    "plot_frame_profile",
    "plot_frame_strip",
    "plot_hedging",
    "plot_keyness",
    "plot_keywords",
    "plot_polarity_subjectivity",
    "plot_sentiment_agreement",
    "plot_structure",
    "plot_term_scatter",
    "plot_tone_arc",
    "plot_topic_prevalence",
    "plot_topic_share",
    "plot_topic_terms",
    "plot_who_speaks",
    "save_figure",
]


def _colours() -> dict:
    """The project's colours (``data/colours.yaml``): one per category in every report."""
    import yaml

    from ..paths import DATA_DIR

    return yaml.safe_load((DATA_DIR / "colours.yaml").read_text(encoding="utf-8"))


_COLOURS = _colours()
#: Okabe-Ito colours (safe for colour-blind readers), one per sentence role.
ROLE_COLORS: dict[str, str] = dict(_COLOURS["roles"])
#: VADER tone of a sentence or toward an actor.
TONE_COLORS: dict[str, str] = dict(_COLOURS["tones"])
#: Kinds of actor.
KIND_COLORS: dict[str, str] = dict(_COLOURS["kinds"])
#: Kinds of source (the quotes table's ``source_type``).
SOURCE_COLORS: dict[str, str] = dict(_COLOURS["sources"])
#: Unordered series: articles, outlets, topics.
SERIES_COLORS: list[str] = list(_COLOURS["series"])
TOPIC_COLORS = SERIES_COLORS
_CERTAINTY = dict(_COLOURS["certainty"])


_DOLLAR = re.compile(r"(?<!\\)\$")


def plain(value: object) -> str:
    """``value`` as text that matplotlib draws as it is: its dollar signs escaped, so
    "Why $5 Billion Became $50 Billion" is never read as mathtext (which would garble
    it, or fail on "$\\foo{x}$"). Every string from an article passes through it;
    escaping twice changes nothing."""
    return _DOLLAR.sub(r"\\$", str(value))


_plain = plain


def _plain_all(values) -> list[str]:
    return [plain(v) for v in values]


def _wrap(text: str, width: int, lines: int = 2) -> str:
    """``text`` wrapped at ``width`` characters; at most ``lines`` lines, the last cut
    with an ellipsis only if the text is longer than that; drawn as plain text."""
    import textwrap

    parts = textwrap.wrap(str(text), max(4, width)) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: max(1, width - 1)].rstrip() + "…"
    return plain("\n".join(parts))


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
        ax.set_title(_plain(title or "Article structure: no sentences"))
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
        label = _wrap(heading, room, lines=3)
        ax.text(
            start - 0.3,
            top * 1.08,
            _plain(label),
            ha="left",
            va="bottom",
            fontsize="x-small",
            color="#333333",
        )
    ax.set_ylim(0, top * 1.3)
    ax.set_xlim(-0.7, last + 0.7)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("sentence (in reading order)")
    ax.set_ylabel("words")
    present = [r for r in ROLE_COLORS if r in set(data["role"])]
    ax.legend(
        handles=[Patch(color=ROLE_COLORS[r], label=_plain(r)) for r in present],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.18),
        fontsize="small",
        frameon=False,
        ncol=len(present),
    )
    n_sections = data["section_id"].nunique()
    ax.set_title(
        _plain(
            title
            or f"Article structure: {len(data)} sentences, {int(data['n_words'].sum())} words, {n_sections} sections"
        )
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
    xlabel: str | None = None,
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
    xlabel : str, optional
        What the bar length is (the ``x`` column's name by default).
    """
    ax = ax if ax is not None else plt.gca()
    if keywords.empty:
        ax.set_title(_plain(title or "No keywords"))
        return ax
    data = keywords.head(top_n).iloc[::-1]
    positions = range(len(data))
    ax.barh(positions, data[x], color=color)
    ax.set_yticks(list(positions), _plain_all(data[label].tolist()))
    if "count" in data.columns:
        for pos, (value, count) in enumerate(zip(data[x], data["count"], strict=True)):
            ax.text(
                value,
                pos,
                _plain(f" ×{int(count)}"),
                va="center",
                ha="left",
                fontsize="x-small",
                color="#333333",
            )
    ax.set_xlim(0, float(data[x].max()) * 1.15)
    ax.set_xlabel(_plain(xlabel or x.replace("_", " ")))
    ax.set_title(_plain(title or f"Top {len(data)} terms by {x.replace('_', ' ')}"))
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
        ax.set_title(_plain(title or "No keyness"))
        return ax
    pos = keyness[keyness["statistic"] > 0].nlargest(top_n, "statistic", keep="first")
    neg = keyness[keyness["statistic"] < 0].nsmallest(top_n, "statistic", keep="first")
    data = pd.concat([neg, pos])
    data = data.sort_values(value, kind="mergesort")
    positions = list(range(len(data)))
    bar_colors = [colors[0] if s > 0 else colors[1] for s in data["statistic"]]
    ax.barh(positions, data[value], color=bar_colors)
    ax.set_yticks(positions, _plain_all(data["display"].tolist()))
    ax.axvline(0, color="#333333", linewidth=0.8)
    handles = [Patch(color=colors[0], label=_plain(f"more in {labels[0]}"))]
    if len(neg):
        handles.append(Patch(color=colors[1], label=_plain(f"more in {labels[1]}")))
    ax.legend(handles=handles, loc="lower right", fontsize="small", frameon=False)
    measure = str(keyness["measure"].iloc[0])
    name = {"g2": "signed log-likelihood G²", "logodds": "z-score of log-odds ratio"}.get(
        measure, value
    )
    ax.set_xlabel(_plain(name if value == "statistic" else value.replace("_", " ")))
    ax.set_title(_plain(title or f"Keyness: {labels[0]} vs {labels[1]}"))
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
        ax.set_title(_plain(title or "No terms"))
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
    ax.set_xlabel(_plain(f"per 1,000 words in {labels[1]}"))
    ax.set_ylabel(_plain(f"per 1,000 words in {labels[0]}"))
    ax.set_title(_plain(title or f"Terms of {labels[0]} vs {labels[1]}"))
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
                _plain(text),
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


# ---------------------------------------------------------------------- tone
def _despine(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


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
        ax.set_title(_plain(title or "Tone arc: no sentences"))
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
    for k in range(1, len(sections)):
        if sections[k] != sections[k - 1]:
            ax.axvline(x[k] - 0.5, color="#555555", linestyle=":", linewidth=0.8)
            label = sections[k] if len(sections[k]) <= 26 else sections[k][:25] + "…"
            ax.text(
                x[k] - 0.3, low * 1.15, _plain(label), fontsize="x-small", color="#333333", va="top"
            )
    measure = str(arc["measure"].iloc[0])
    ax.set_ylim(low * 1.35, max(values.max(), 0.2) * 1.2)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("sentence (in reading order)")
    ax.set_ylabel(
        _plain(
            {
                "polarity": "TextBlob polarity",
                "vader_compound": "VADER compound",
                "news_compound": "VADER read for news",
            }.get(measure, measure)
        )
    )
    ax.set_title(_plain(title or "Tone through the article"))
    ax.legend(loc="upper right", fontsize="small", frameon=False)
    _despine(ax)
    return ax


def plot_polarity_subjectivity(
    scores: pd.DataFrame, *, ax: Axes | None = None, n_labels: int = 6, title: str | None = None
) -> Axes:
    """Each sentence by TextBlob polarity (x) and subjectivity (y); the most opinionated
    sentences are labelled with their id so they can be looked up in the table."""
    ax = ax if ax is not None else plt.gca()
    if scores.empty:
        ax.set_title(_plain(title or "No sentences"))
        return ax
    colors = [TONE_COLORS.get(t, "#999999") for t in scores["tone"]]
    ax.scatter(scores["polarity"], scores["subjectivity"], c=colors, s=24, alpha=0.8)
    ax.axvline(0, color="#333333", linewidth=0.6)
    strongest = (
        (scores["polarity"].abs() + scores["subjectivity"])
        .sort_values(ascending=False, kind="mergesort")
        .index[:n_labels]
    )
    for i in strongest:
        ax.annotate(
            _plain(f"s{scores.at[i, 'sentence_id']}"),
            (scores.at[i, "polarity"], scores.at[i, "subjectivity"]),
            xytext=(3, 3),
            textcoords="offset points",
            fontsize="x-small",
        )
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    present = [t for t in TONE_COLORS if t in set(scores["tone"])]
    ax.legend(
        handles=[
            mpl.lines.Line2D(
                [], [], marker="o", linestyle="", color=TONE_COLORS[t], label=_plain(t)
            )
            for t in present
        ],
        title="VADER tone",
        loc="upper left",
        fontsize="x-small",
        title_fontsize="x-small",
        frameon=False,
    )
    ax.set_xlabel("polarity (TextBlob, −1 negative … +1 positive)")
    ax.set_ylabel("subjectivity (TextBlob, 0 factual … 1 opinion)")
    ax.set_title(_plain(title or "Sentences by polarity and subjectivity (colour: VADER tone)"))
    _despine(ax)
    return ax


def plot_sentiment_agreement(
    scores: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """TextBlob polarity against VADER compound, one dot a sentence. Dots in the shaded
    quadrants are sentences where the two lexicons disagree on the sign."""
    ax = ax if ax is not None else plt.gca()
    if scores.empty:
        ax.set_title(_plain(title or "No sentences"))
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
    ax.legend(
        handles=[Patch(color="#F0E442", alpha=0.3, label="the lexicons disagree on the sign")],
        loc="upper left",
        fontsize="x-small",
        frameon=False,
    )
    ax.set_xlabel("TextBlob polarity (−1 … +1)")
    ax.set_ylabel("VADER compound (−1 … +1)")
    ax.set_title(
        _plain(
            title or f"Do the two lexicons agree? Same sign on {agree:.0%} of sentences both score"
        )
    )
    _despine(ax)
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
        ax.set_title(_plain(title or "No articles"))
        return ax
    means = tone["news_mean"].to_numpy(dtype=float)
    low = np.nan_to_num(means - tone["news_ci_low"].to_numpy(dtype=float))
    high = np.nan_to_num(tone["news_ci_high"].to_numpy(dtype=float) - means)
    positions = list(range(len(tone)))
    ax.errorbar(means, positions, xerr=[low, high], fmt="o", color="#0072B2", capsize=3)
    names = [str((labels or {}).get(a, a)) for a in tone["article_id"]]
    ax.set_yticks(positions, _plain_all(names))
    ax.axvline(0, color="#333333", linewidth=0.6)
    ax.set_xlabel("mean tone, VADER read for news (95% interval)")
    if title:
        ax.set_title(_plain(title))
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
        The per-actor table from :func:`analysis.target_tone.actor_tone`
        (``level="actor"``): ``actor``, ``mean``, ``ci_low``, ``ci_high``, ``n``.
    """
    ax = ax if ax is not None else plt.gca()
    if tone.empty:
        ax.set_title(_plain(title or "No actors"))
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
        _plain_all([f"{a} (n={n})" for a, n in zip(data["actor"], data["n"], strict=True)]),
    )
    handles = [
        Patch(color=TONE_COLORS[t], label=_plain(t)) for t in ("negative", "neutral", "positive")
    ]
    if small.any():
        handles.append(
            Patch(
                facecolor="none",
                edgecolor="#555555",
                hatch="///",
                label=_plain(f"fewer than {min_n} mentions (no interval)"),
            )
        )
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.14),
        ncol=len(handles),
        fontsize="x-small",
        frameon=False,
    )
    ax.axvline(0, color="#333333", linewidth=0.6)
    ax.set_xlabel("tone toward the actor (−1 negative … +1 positive)")
    ax.set_title(_plain(title or "Tone of what is said around each actor"))
    _despine(ax)
    return ax


# ---------------------------------------------------------------------- actors
def plot_actor_mentions(
    summary: pd.DataFrame, *, ax: Axes | None = None, top_n: int = 15, title: str | None = None
) -> Axes:
    """Mentions per actor, coloured by kind (person, country, institution, group, ...)."""
    ax = ax if ax is not None else plt.gca()
    if summary.empty:
        ax.set_title(_plain(title or "No actors"))
        return ax
    data = summary.head(top_n).iloc[::-1]
    positions = list(range(len(data)))
    ax.barh(
        positions, data["n_mentions"], color=[KIND_COLORS.get(k, "#000000") for k in data["kind"]]
    )
    ax.set_yticks(positions, _plain_all(data["actor"].tolist()))
    present = [k for k in KIND_COLORS if k in set(data["kind"])]
    ax.legend(
        handles=[Patch(color=KIND_COLORS[k], label=_plain(k)) for k in present],
        loc="lower right",
        fontsize="small",
        frameon=False,
    )
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("mentions")
    ax.set_title(_plain(title or "Who appears: mentions per actor"))
    _despine(ax)
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
    :func:`analysis.sources.quotes`): by default what sources said or wrote, not what
    they are said to believe, want or show; ``None`` keeps all."""
    ax = ax if ax is not None else plt.gca()
    if acts is not None and "act" in quotes.columns:
        quotes = quotes[quotes["act"].isin(list(acts))]
    if quotes.empty:
        ax.set_title(_plain(title or "Nobody is quoted"))
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
        positions, _plain_all([f"{a} ({n}×)" for a, n in zip(words.index, words["n"], strict=True)])
    )
    present = [s for s in SOURCE_COLORS if s in set(words["source_type"])]
    ax.legend(
        handles=[Patch(color=SOURCE_COLORS[s], label=_plain(s)) for s in present],
        loc="lower right",
        fontsize="small",
        frameon=False,
    )
    ax.xaxis.set_major_formatter(PercentFormatter(xmax=1))
    ax.set_xlabel("share of attributed words")
    ax.set_title(_plain(title or "Who speaks: words attributed to each source"))
    _despine(ax)
    return ax


def plot_cooccurrence(
    graph, *, ax: Axes | None = None, min_weight: int = 1, title: str | None = None, seed: int = 0
) -> Axes:
    """The co-occurrence network: actors as nodes (size: mentions, colour: kind), edges
    as lines whose width is the number of sentences shared. The layout is seeded, so
    the same graph is always drawn the same way."""
    import networkx as nx

    ax = ax if ax is not None else plt.gca()
    edges = [(u, v) for u, v, w in graph.edges(data="weight") if w >= min_weight]
    sub = graph.edge_subgraph(edges).copy() if edges else nx.Graph()
    if sub.number_of_nodes() == 0:
        ax.set_title(_plain(title or "No actors appear together"))
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
    _label_nodes(ax, pos, nodes)
    present = [k for k in KIND_COLORS if k in {graph.nodes[n].get("kind") for n in nodes}]
    ax.legend(
        handles=[Patch(color=KIND_COLORS[k], label=_plain(k)) for k in present],
        loc="lower left",
        fontsize="x-small",
        frameon=False,
    )
    ax.set_title(_plain(title or "Which actors appear together (same sentence)"))
    ax.set_axis_off()
    return ax


def _label_nodes(ax: Axes, pos: Mapping, nodes: Sequence[str]) -> None:
    """Node labels placed without overlap (adjustText), dark text on a light box so
    they read on any node colour, kept inside the axes so none is clipped."""
    from adjustText import adjust_text

    xs = np.array([pos[n][0] for n in nodes])
    ys = np.array([pos[n][1] for n in nodes])
    pad_x = (xs.max() - xs.min() or 1.0) * 0.18
    pad_y = (ys.max() - ys.min() or 1.0) * 0.08
    ax.set_xlim(xs.min() - pad_x, xs.max() + pad_x)
    ax.set_ylim(ys.min() - pad_y, ys.max() + pad_y)
    texts = [
        ax.text(
            x,
            y,
            _plain(str(n)),
            fontsize=7,
            color="#1d2327",
            ha="center",
            va="center",
            zorder=5,
            bbox={
                "boxstyle": "round,pad=0.15",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.85,
            },
        )
        for n, x, y in zip(nodes, xs, ys, strict=True)
    ]
    if len(texts) > 1:
        adjust_text(
            texts,
            x=xs,
            y=ys,
            ax=ax,
            ensure_inside_axes=True,
            iter_lim=250,  # a fixed number of steps, not a time limit: the same figure every run
            expand=(1.15, 1.3),
            arrowprops={"arrowstyle": "-", "color": "#777777", "linewidth": 0.5},
        )


def plot_hedging(
    summary: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """Hedges and boosters per 1,000 words, by section (or article)."""
    ax = ax if ax is not None else plt.gca()
    if summary.empty:
        ax.set_title(_plain(title or "No sentences"))
        return ax
    labels = [
        s if s != "(all)" else a
        for s, a in zip(summary["section"], summary["article_id"], strict=True)
    ]
    labels = [_wrap(label, 22) for label in labels]
    x = np.arange(len(summary))
    ax.bar(x - 0.2, summary["hedges_per_1k"], width=0.4, color=_CERTAINTY["hedges"], label="hedges")
    ax.bar(
        x + 0.2,
        summary["boosters_per_1k"],
        width=0.4,
        color=_CERTAINTY["boosters"],
        label="boosters",
    )
    ax.set_xticks(x, _plain_all(labels), rotation=20, ha="right")
    ax.set_ylabel("per 1,000 words")
    ax.legend(fontsize="small", frameon=False)
    ax.set_title(_plain(title or "How sure the text is: hedges and boosters"))
    _despine(ax)
    return ax


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
        Output of :func:`analysis.frames.frame_profile`.
    value : str
        ``"cues_per_1k"`` (default), ``"share_of_sentences"`` or ``"share_of_cues"``.
    top_n : int, optional
        Keep the frames with the highest total value.
    """
    ax = ax if ax is not None else plt.gca()
    if profile.empty:
        ax.set_title(_plain(title or "No frames"))
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
            label=_plain(str(article)),
        )
    ax.set_yticks(np.arange(len(table)), _plain_all(table.index.tolist()))
    if len(articles) > 1:
        ax.legend(fontsize="small", frameon=False, loc="lower right")
    names = {
        "cues_per_1k": "cues per 1,000 words",
        "share_of_sentences": "share of sentences",
        "share_of_cues": "share of cues",
    }
    if value.startswith("share"):
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_xlabel(_plain(names.get(value, value)))
    ax.set_title(_plain(title or "Frame profile"))
    _despine(ax)
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
        Panel title -> :func:`analysis.frames.frame_profile` (e.g. policy and generic).
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
        plot_frame_profile(profile, ax=ax, value=value, top_n=top_n, title=_plain(name))
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
        ax.set_title(_plain(title or "No frame cues"))
        return ax
    sections = list(dict.fromkeys(scores["section"]))
    table = scores.pivot_table(
        index="label", columns="section", values="score", aggfunc="mean", sort=False
    ).reindex(columns=sections)
    table = table[(table.sum(axis=1) > 0)]
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="mergesort").index]
    image = ax.imshow(table.to_numpy(dtype=float), aspect="auto", cmap="Blues", vmin=0)
    ax.set_yticks(range(len(table)), _plain_all(table.index.tolist()))
    ax.set_xticks(
        range(len(sections)),
        _plain_all([s if len(s) <= 22 else s[:21] + "…" for s in sections]),
        rotation=25,
        ha="right",
    )
    top = float(np.nanmax(table.to_numpy(dtype=float)))
    for i in range(table.shape[0]):
        for j in range(table.shape[1]):
            v = table.iat[i, j]
            if v > 0:
                ax.text(
                    j,
                    i,
                    _plain(f"{v:.1f}"),
                    ha="center",
                    va="center",
                    fontsize="x-small",
                    color="white" if v > top * 0.6 else "#333333",
                )
    ax.figure.colorbar(image, ax=ax, label="cues per sentence", shrink=0.8)
    ax.set_title(_plain(title or "Where each frame sits: cues per sentence by section"))
    return ax


def plot_frame_strip(
    scores: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None
) -> Axes:
    """A frame strip along the article: one row per frame, one column per sentence, a
    dot where the sentence carries the frame (size: number of cues)."""
    ax = ax if ax is not None else plt.gca()
    if scores.empty or scores["score"].sum() == 0:
        ax.set_title(_plain(title or "No frame cues"))
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
    ax.set_yticks(range(len(labels)), _plain_all(labels))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ids = scores["sentence_id"]
    ax.set_xlim(ids.min() - 0.7, ids.max() + 0.7)
    sections = scores.drop_duplicates("sentence_id")[["sentence_id", "section"]].to_numpy().tolist()
    for k in range(1, len(sections)):
        if sections[k][1] != sections[k - 1][1]:
            ax.axvline(sections[k][0] - 0.5, color="#555555", linestyle=":", linewidth=0.8)
    ax.set_xlabel("sentence (in reading order; dotted lines start sections)")
    ax.set_title(_plain(title or "Frame strip: which sentences carry which frame"))
    _despine(ax)
    return ax


# ---------------------------------------------------------------------- topics
def plot_topic_terms(
    topic_terms: pd.DataFrame, *, ax: Axes | None = None, n_terms: int = 6, title: str | None = None
) -> Axes:
    """Top terms of each topic as blocks of bars in one Axes (one colour a topic,
    weights scaled to the topic's strongest term)."""
    ax = ax if ax is not None else plt.gca()
    if topic_terms.empty:
        ax.set_title(_plain(title or "No topics"))
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
            _wrap(name, 18),
            transform=ax.get_yaxis_transform(),
            fontsize="small",
            color=colors[-1],
            va="top",
        )
        position += 1
    ax.barh(ticks, values, color=colors)
    ax.set_yticks(ticks, _plain_all(labels), fontsize="small")
    ax.invert_yaxis()
    ax.set_xlabel("weight (relative to the topic's top term)")
    ax.set_title(_plain(title or "Top terms of each topic"))
    _despine(ax)
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
        ax.set_title(_plain(title or "No topics"))
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
    ax.set_xlabel(_plain(unit.replace("_id", "") + " (in reading order)"))
    ax.set_ylabel("topic share")
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.18),
        ncol=min(3, len(names)),
        fontsize="x-small",
        frameon=False,
    )
    ax.set_title(_plain(title or "Where each topic sits in the article"))
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
        ax.set_title(_plain(title or "No topics"))
        return ax
    wide = document_topics.pivot_table(
        index="article_id", columns="topic", values="weight", aggfunc="sum", sort=False
    ).head(max_docs)
    image = ax.imshow(wide.to_numpy(dtype=float), aspect="auto", cmap="Blues", vmin=0, vmax=1)
    ax.set_yticks(range(len(wide)), _plain_all([str(i) for i in wide.index]), fontsize="x-small")
    names = [labels.get(t, f"topic {t}") if labels else f"topic {t}" for t in wide.columns]
    ax.set_xticks(range(len(names)), _plain_all(names), rotation=30, ha="right", fontsize="x-small")
    ax.figure.colorbar(image, ax=ax, label="topic share", shrink=0.8)
    ax.set_title(_plain(title or "Topic mix of each article"))
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
        ax.set_title(_plain(title or "No topics"))
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
            label=_plain(name),
        )
    ax.set_xticks(range(len(wide)), _plain_all([str(g) for g in wide.index]))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_ylabel("mean topic share")
    ax.legend(fontsize="x-small", frameon=False, ncol=2)
    ax.set_title(_plain(title or "Topic share by group"))
    _despine(ax)
    return ax


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
        ax.set_title(_plain(title or f"No frames by {by}"))
        return ax
    table = data.groupby(by, sort=True)[columns].mean().T
    table = table.loc[
        table.mean(axis=1).sort_values(ascending=False, kind="mergesort").index[:top_n]
    ]
    image = ax.imshow(table.to_numpy(dtype=float), aspect="auto", cmap="Blues", vmin=0)
    ax.set_yticks(
        range(len(table)), _plain_all([c[len(scheme) + 1 :].replace("_", " ") for c in table.index])
    )
    ax.set_xticks(
        range(table.shape[1]), _plain_all([str(c) for c in table.columns]), rotation=30, ha="right"
    )
    ax.figure.colorbar(image, ax=ax, label="cues per 1,000 words", shrink=0.8)
    ax.set_title(_plain(title or f"Frames by {by}"))
    return ax


def plot_corpus_tone(
    metrics: pd.DataFrame,
    *,
    by: str = "outlet",
    measure: str = "news_mean",
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Mean article tone by group with a 95% normal interval over articles."""
    ax = ax if ax is not None else plt.gca()
    data = metrics[metrics["status"] == "ok"] if "status" in metrics.columns else metrics
    if data.empty or by not in data.columns or data[by].isna().all():
        ax.set_title(_plain(title or f"No tone by {by}"))
        return ax
    if measure == "news_mean":
        from ..measures.tone import tone_column

        measure = tone_column(data)  # vader_mean in a table written before news_mean
    grouped = data.groupby(by, sort=True)[measure]
    means, errors = (
        grouped.mean(),
        (1.96 * grouped.std(ddof=1) / np.sqrt(grouped.count())).fillna(0),
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
    ax.set_xticks(positions, _plain_all([str(i) for i in means.index]), rotation=30, ha="right")
    ax.set_ylabel(_plain(measure.replace("_", " ")))
    ax.set_title(_plain(title or f"Tone by {by}"))
    _despine(ax)
    return ax
