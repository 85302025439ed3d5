"""The corpus report: figures and one ``report.html`` from ``corpus_metrics.csv``.

:func:`write_page` draws tone, frames, actors and sources over the corpus, and the same
by outlet, by month and by any input column (``framing corpus --by category``), and
writes them as a document (:mod:`analysis.document`): title block, a summary computed
from the table, contents, one section each.
"""

from __future__ import annotations

import base64
from collections import Counter
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import PercentFormatter

from ..measures.tone import NEUTRAL_BAND, tone_column
from .document import Section, Subsection, SummaryItem, anchor, figure_html, render, table_html
from .findings import plural
from .markup import escape
from .markup import markdown as md
from .plotting import plain as _plain

__all__ = ["write_page", "corpus_summary", "group_column", "MAX_GROUPS"]

#: Groups drawn at most (the most frequent ones); the page says when some are left out.
MAX_GROUPS = 12


_TONE_NAMES = {"news_mean": "VADER read for news", "vader_mean": "VADER"}


def _plain_all(values) -> list[str]:
    return [_plain(v) for v in values]


def group_column(metrics: pd.DataFrame, by: str) -> pd.Series:
    """The values to group articles by: ``month`` is the date's ``YYYY-MM``."""
    if by == "month":
        if "date" not in metrics.columns:
            return pd.Series(np.nan, index=metrics.index)
        dates = pd.to_datetime(metrics["date"], errors="coerce", utc=True, format="mixed")
        return dates.dt.strftime("%Y-%m").where(dates.notna())
    return (
        metrics[by]
        .where(metrics[by].notna())
        .map(lambda v: v if pd.isna(v) else str(v).strip() or np.nan)
    )


def _scheme_labels(name: str) -> dict[str, str]:
    from ..measures.frames import load_scheme

    scheme = load_scheme(name)
    return {f"{name}_{f}": scheme.labels.get(f, f) for f in scheme.frames}


def _top_actors(ok: pd.DataFrame) -> Counter:
    counts: Counter = Counter()
    for cell in ok["top_actors"].dropna():
        counts.update({a.strip() for a in str(cell).split(";") if a.strip()})
    return counts


def corpus_summary(metrics: pd.DataFrame, groups: dict[str, pd.Series]) -> list[SummaryItem]:
    """Five to eight sentences on the corpus, each with its section's anchor."""
    ok = metrics[metrics["status"] == "ok"]
    skipped = metrics[metrics["status"] == "skipped"]
    items = []
    text = f"{plural(len(ok), 'article')} analysed"
    if len(skipped):
        reasons = Counter(
            str(r).split(":")[0][:60].rstrip(".") for r in skipped["reason"].fillna("unknown")
        )
        top = "; ".join(f"{md(r)} ({n})" for r, n in reasons.most_common(3))
        text += f", {plural(len(skipped), 'row')} skipped ({top})"
    items.append(SummaryItem(text + ".", "overview"))
    if not len(ok):
        return items
    column = tone_column(ok)
    tone = ok[column].dropna()
    if len(tone):
        items.append(
            SummaryItem(
                f"The mean article tone is {tone.mean():+.2f} ({_TONE_NAMES[column]}); "
                f"{(tone < -NEUTRAL_BAND).mean():.0%} of articles lean negative and "
                f"{(tone > NEUTRAL_BAND).mean():.0%} positive.",
                "tone",
            )
        )
    labels = _scheme_labels("policy")
    means = ok[list(labels)].mean().sort_values(ascending=False, kind="mergesort")
    if len(means) and means.iloc[0] > 0:
        lead = [f"{md(labels[c].lower())} ({means[c]:.1f})" for c in means.index[:2]]
        items.append(
            SummaryItem(
                "The most used policy frames are " + " and ".join(lead) + " cues per 1,000 words.",
                "frames",
            )
        )
    actors = _top_actors(ok)
    if actors:
        named = [f"{md(a)} ({n})" for a, n in actors.most_common(3)]
        items.append(
            SummaryItem(
                "The actors most often among an article's three most mentioned: "
                + ", ".join(named)
                + " articles.",
                "actors-and-sources",
            )
        )
    quoted = [c for c in ok.columns if c.startswith("quoted_")]
    if quoted:
        shares = ok[quoted].mean().sort_values(ascending=False, kind="mergesort")
        if shares.iloc[0] > 0:
            items.append(
                SummaryItem(
                    f"On average {shares.iloc[0]:.0%} of an article's attributed words come from "
                    f"{md(shares.index[0][len('quoted_') :].replace('_', ' '))}s"
                    + (
                        f", {ok['quoted_unnamed_source'].mean():.0%} from unnamed sources."
                        if "quoted_unnamed_source" in ok
                        and shares.index[0] != "quoted_unnamed_source"
                        else "."
                    ),
                    "actors-and-sources",
                )
            )
    for name, values in groups.items():
        data = ok.assign(_g=values.loc[ok.index]).dropna(subset=["_g", column])
        if data["_g"].nunique() < 2:
            continue
        by_group = data.groupby("_g")[column].mean()
        items.append(
            SummaryItem(
                f"By {md(name)}, tone is lowest in {md(by_group.idxmin())} ({by_group.min():+.2f}) "
                f"and highest in {md(by_group.idxmax())} ({by_group.max():+.2f}).",
                f"by-{anchor(name)}",
            )
        )
    return items[:8]


def _png(path: Path, alt: str) -> str:
    return figure_html(base64.b64encode(path.read_bytes()).decode("ascii"), alt)


def _save(fig, folder: Path, name: str, alt: str) -> str:
    from .plotting import save_figure

    save_figure(fig, folder, name)
    plt.close(fig)
    return _png(folder / f"{name}.png", alt)


def write_page(
    metrics: pd.DataFrame, folder: Path, *, source: Path, by: list[str] | None = None
) -> Path:
    """Figures and ``report.html`` of an analysed corpus (the table of
    :func:`analysis.corpus.write_corpus_report`), written into ``folder``."""
    from ..paths import STYLE_FILE
    from .plotting import (
        SOURCE_COLORS,
        TONE_COLORS,
        plot_corpus_frames,
        plot_corpus_tone,
        plot_frame_panels,
    )

    folder = Path(folder)
    ok = metrics[metrics["status"] == "ok"]
    names = ["outlet", "month", *[b for b in (by or []) if b not in ("outlet", "month")]]
    groups = {n: group_column(metrics, n) for n in names if n == "month" or n in metrics.columns}
    groups = {n: g for n, g in groups.items() if g.loc[ok.index].notna().any()}
    sections: list[Section] = []
    with plt.style.context(STYLE_FILE):
        # overview
        counts = pd.DataFrame(
            {
                "rows": [len(metrics)],
                "analysed": [len(ok)],
                "skipped": [int((metrics["status"] == "skipped").sum())],
                "words (median)": [ok["n_words"].median() if len(ok) else np.nan],
            }
        )
        overview = Section("Overview", "overview")
        overview.intro.append(table_html(counts))
        empty = [b for b in (by or []) if b not in groups and b != "outlet"]
        for name in empty:
            overview.intro.append(
                f"<p>Grouped by {escape(name)} as asked, but the column is empty in every "
                "analysed article, so there is no section for it.</p>"
            )
        skipped = metrics.loc[metrics["status"] == "skipped", ["row", "article_id", "reason"]]
        if len(skipped):
            overview.subsections.append(
                Subsection(
                    "Rows skipped",
                    "overview-skipped",
                    [table_html(skipped, caption="Rows that could not be analysed", max_rows=5)],
                )
            )
        sections.append(overview)
        if len(ok):
            # tone
            tone = Section("Tone", "tone")
            fig, ax = plt.subplots(figsize=(7, 3.8))
            column = tone_column(ok)
            values = ok[column].dropna().to_numpy(dtype=float)
            bins = np.linspace(-1, 1, 41)
            for label, lo, hi in (
                ("negative", -1.01, -NEUTRAL_BAND),
                ("neutral", -NEUTRAL_BAND, NEUTRAL_BAND),
                ("positive", NEUTRAL_BAND, 1.01),
            ):
                part = values[(values >= lo) & (values < hi)]
                ax.hist(
                    part,
                    bins=bins,
                    color=TONE_COLORS[label],
                    label=_plain(f"{label} ({len(part)})"),
                )
            ax.set_xlabel(
                _plain(f"article's mean tone, {_TONE_NAMES[column]} (−1 negative … +1 positive)")
            )
            ax.set_ylabel("articles")
            ax.legend(frameon=False, fontsize="small")
            ax.set_title("How the articles' tone is spread")
            tone.intro.append(_save(fig, folder, "tone_distribution", "Spread of article tone"))
            sections.append(tone)
            # frames
            frames = Section("Frames", "frames")
            panels = {}
            for scheme in ("policy", "generic"):
                labels = _scheme_labels(scheme)
                mean = ok[list(labels)].mean()
                panels[f"{scheme} frames"] = pd.DataFrame(
                    {
                        "article_id": "corpus",
                        "label": [labels[c] for c in labels],
                        "cues_per_1k": [float(mean[c]) for c in labels],
                    }
                )
            fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
            plot_frame_panels(
                panels, axes=axes, top_n=10, title="Mean frame cues per 1,000 words (one scale)"
            )
            fig.tight_layout()
            frames.intro.append(_save(fig, folder, "frames_corpus", "Frames over the corpus"))
            sections.append(frames)
            # actors and sources
            people = Section("Actors and sources", "actors-and-sources")
            actors = _top_actors(ok).most_common(15)
            if actors:
                fig, ax = plt.subplots(figsize=(6, 0.8 + 0.3 * len(actors)))
                ax.barh(range(len(actors)), [n for _, n in actors][::-1], color="#0072B2")
                ax.set_yticks(range(len(actors)), _plain_all([a for a, _ in actors][::-1]))
                ax.set_xlabel("articles where the actor is among the three most mentioned")
                ax.set_title("Who the corpus is about")
                people.intro.append(_save(fig, folder, "actors_corpus", "Most frequent actors"))
            quoted = [c for c in ok.columns if c.startswith("quoted_")]
            if quoted:
                shares = ok[quoted].mean()
                kinds = [c[len("quoted_") :].replace("_", " ") for c in quoted]
                fig, ax = plt.subplots(figsize=(6, 3.6))
                ax.barh(
                    range(len(kinds)),
                    shares.to_numpy()[::-1],
                    color=[SOURCE_COLORS.get(k, "#000000") for k in kinds][::-1],
                )
                ax.set_yticks(range(len(kinds)), _plain_all(kinds[::-1]))
                ax.xaxis.set_major_formatter(PercentFormatter(xmax=1))
                ax.set_xlabel("mean share of an article's attributed words")
                ax.set_title("Who speaks: kinds of source")
                people.intro.append(_save(fig, folder, "sources_corpus", "Kinds of source"))
            sections.append(people)
            # by group
            for name, values in groups.items():
                data = ok.assign(**{name: values.loc[ok.index]}).dropna(subset=[name])
                common = data[name].value_counts().index[:MAX_GROUPS]
                section = Section(f"By {name}", f"by-{anchor(name)}")
                if data[name].nunique() > MAX_GROUPS:
                    section.intro.append(
                        f"<p>The {MAX_GROUPS} most frequent values of {escape(name)} of "
                        f"{data[name].nunique():,} are drawn.</p>"
                    )
                data = data[data[name].isin(common)]
                fig, ax = plt.subplots(figsize=(7, 4))
                plot_corpus_tone(data, by=name, ax=ax)
                section.intro.append(
                    _save(fig, folder, f"tone_by_{anchor(name)}", f"Tone by {name}")
                )
                fig, ax = plt.subplots(figsize=(7, 4.5))
                plot_corpus_frames(data, by=name, ax=ax)
                section.intro.append(
                    _save(fig, folder, f"frames_by_{anchor(name)}", f"Frames by {name}")
                )
                table = (
                    data.groupby(name)
                    .agg(
                        articles=("row", "size"),
                        tone=(tone_column(data), "mean"),
                        share_negative=("share_negative", "mean"),
                        hedges_per_1k=("hedges_per_1k", "mean"),
                    )
                    .reset_index()
                    .sort_values("articles", ascending=False, kind="mergesort")
                )
                section.intro.append(
                    table_html(table, percent=["share_negative"], caption=f"Means by {name}")
                )
                sections.append(section)
    page = render(
        title=_plain(f"Corpus: {source.name}"),
        kicker="Framing corpus report",
        meta=[
            ("Articles", f"{len(ok):,} analysed of {len(metrics):,}"),
            ("Outlets", f"{ok['outlet'].nunique():,}" if ok["outlet"].notna().any() else None),
            (
                "Dates",
                escape(
                    f"{ok['date'].dropna().astype(str).min()} to {ok['date'].dropna().astype(str).max()}"
                )
                if ok["date"].notna().any()
                else None,
            ),
            ("Table", "corpus_metrics.csv"),
        ],
        summary=corpus_summary(metrics, groups),
        sections=sections,
        footer="Every number is a mean over the rows of corpus_metrics.csv beside this page.",
    )
    target = folder / "report.html"
    target.write_text(page, encoding="utf-8")
    return target
