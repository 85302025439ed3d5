"""The corpus page: figures and one ``report.html`` read from ``corpus_metrics.csv``.

:func:`write_page` writes a document to work from: a title block, a Summary computed
from the table (each statement only where the articles carry it), the list of articles
(linked to their reports where they exist), the highest and lowest articles on each
measure, tone and frames over the corpus, by month with intervals, by outlet and by any
input column (``framing corpus --by category``), numbers on every heatmap, and a trust
note in each section.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import style

from ..lexicons import method_card
from ..measures.frames import load_scheme
from ..measures.tone import NEUTRAL_BAND, tone_column
from ..paths import STYLE_FILE
from ..pipeline.intervals import group_intervals, mean_interval
from ..pipeline.statements import Statement, plural
from ..text.article import slugify
from ..text.markup import escape
from ..text.markup import markdown as md
from .document import Block, anchor, figure_block, render, statements_html, table_html
from .figures import WIDTH, inline_svg
from .plots import plot_corpus_frames, plot_corpus_tone, save_figure
from .plots.base import TONE_COLORS, fitted_figure, legend_below, plain

__all__ = [
    "write_page",
    "corpus_summary",
    "group_column",
    "report_folder",
    "MAX_GROUPS",
    "REPORTS_FOLDER",
]

#: Groups drawn at most (the most frequent ones); the page says when some are left out.
MAX_GROUPS = 12
#: Where each article's report is, when the corpus run wrote them (``--reports``).
REPORTS_FOLDER = "reports"
_TONE_NAMES = {"news_mean": "VADER read for news", "vader_mean": "VADER"}


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
    scheme = load_scheme(name)
    return {f"{name}_{f}": scheme.labels.get(f, f) for f in scheme.frames}


def _top_actors(ok: pd.DataFrame) -> Counter:
    counts: Counter = Counter()
    for cell in ok["top_actors"].dropna():
        counts.update({a.strip() for a in str(cell).split(";") if a.strip()})
    return counts


def corpus_summary(metrics: pd.DataFrame, groups: dict[str, pd.Series]) -> list[Statement]:
    """At most eight statements on the corpus, each with its section's anchor; a
    difference between groups only where their intervals do not overlap."""
    ok = metrics[metrics["status"] == "ok"]
    skipped = metrics[metrics["status"] == "skipped"]
    text = f"{plural(len(ok), 'article')} analysed"
    if len(skipped):
        reasons = Counter(
            str(r).split(":")[0][:60].rstrip(".") for r in skipped["reason"].fillna("unknown")
        )
        top = "; ".join(f"{md(r)} ({n})" for r, n in reasons.most_common(3))
        text += f", {plural(len(skipped), 'row')} skipped ({top})"
    items = [Statement("size", text + ".", "articles")]
    if not len(ok):
        return items
    column = tone_column(ok)
    tone = ok[column].dropna().to_numpy(dtype=float)
    if len(tone):
        mean, low, high = mean_interval(tone)
        interval = f", 95% interval {low:+.2f} to {high:+.2f}" if not np.isnan(low) else ""
        items.append(
            Statement(
                "tone",
                f"The mean article tone is {mean:+.2f}{interval} ({_TONE_NAMES[column]}); "
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
            Statement(
                "frames",
                "The most used policy frames are " + " and ".join(lead) + " cues per 1,000 words.",
                "frames",
            )
        )
    actors = _top_actors(ok)
    if actors:
        named = [f"{md(a)} ({n})" for a, n in actors.most_common(3)]
        items.append(
            Statement(
                "actors",
                "The actors most often among an article's three most mentioned: "
                + ", ".join(named)
                + " articles.",
                "sources",
            )
        )
    items += _group_differences(ok, groups, column)
    return items[:8]


def _group_differences(ok, groups, column) -> list[Statement]:
    out = []
    for name, values in groups.items():
        data = ok.assign(_g=values.loc[ok.index]).dropna(subset=["_g", column])
        if data["_g"].nunique() < 2:
            continue
        stats = {
            g: mean_interval(part[column].to_numpy(dtype=float)) for g, part in data.groupby("_g")
        }
        low_g = min(stats, key=lambda g: stats[g][0])
        high_g = max(stats, key=lambda g: stats[g][0])
        lo, hi = stats[low_g], stats[high_g]
        if np.isnan(lo[2]) or np.isnan(hi[1]) or lo[2] >= hi[1]:
            continue  # the intervals overlap: no difference to state
        out.append(
            Statement(
                "groups",
                f"By {md(name)}, tone is lowest in {md(low_g)} ({lo[0]:+.2f}) and highest in "
                f"{md(high_g)} ({hi[0]:+.2f}); their 95% intervals do not overlap.",
                f"by-{anchor(name)}",
            )
        )
    return out


def _figure(folder: Path, name: str, alt: str, height: float, draw) -> str:
    with style.context(STYLE_FILE):
        fig = fitted_figure(draw, WIDTH, height)
        _, svg = save_figure(fig, folder, name)
    return figure_block(
        inline_svg(svg.read_text(encoding="utf-8"), alt),
        alt,
        [("corpus_metrics.csv", "corpus_metrics.csv")],
    )


def _trust(*keys: str) -> str:
    lines = "".join(
        f"<li><b>{escape(method_card(k)['name'])}</b>: {escape(method_card(k)['trust'])}</li>"
        for k in keys
    )
    return f'<div class="fr-trust"><p><b>How far to trust this</b></p><ul>{lines}</ul></div>'


def report_folder(article_id: object, row: int) -> str:
    """The folder of an article's report inside ``reports/``: its row number and its
    slugged id (rows keep two articles with one id apart)."""
    slug = slugify(str(article_id or ""))[:80]
    return f"{int(row)}-{slug}" if slug else str(int(row))


def _articles(metrics: pd.DataFrame, folder: Path) -> list[str]:
    """The articles, each linked to its report where the corpus run wrote one."""
    rows = []
    for r in metrics.itertuples():
        name = escape(r.title if isinstance(r.title, str) and r.title else r.article_id)
        where = f"{REPORTS_FOLDER}/{report_folder(r.article_id, r.row)}/report.html"
        if r.status == "ok" and (folder / where).is_file():
            name = f'<a href="{escape(where)}">{name}</a>'
        status = "" if r.status == "ok" else f" <em>(skipped: {escape(r.reason)})</em>"
        outlet = f" – {escape(r.outlet)}" if isinstance(r.outlet, str) and r.outlet else ""
        date = f", {escape(r.date)}" if isinstance(r.date, str) and r.date else ""
        rows.append(f"<li>{name}{outlet}{date}{status}</li>")
    body = f'<ol class="fr-articles">{"".join(rows)}</ol>'
    if len(rows) > 12:
        body = f"<details><summary>All {len(rows):,} articles</summary>{body}</details>"
    return [body]


def _extremes(ok: pd.DataFrame) -> str:
    """The highest and lowest article on each measure."""
    column = tone_column(ok)
    measures = {column: "tone", "hedges_per_1k": "hedges per 1,000 words"}
    policy = _scheme_labels("policy")
    used = ok[list(policy)].sum().sort_values(ascending=False).index[:3]
    measures.update({c: f"{policy[c]} cues per 1,000 words" for c in used})
    rows = []
    for col, label in measures.items():
        values = ok[["article_id", "title", col]].dropna(subset=[col])
        if len(values) < 2:
            continue
        high = values.loc[values[col].idxmax()]
        low = values.loc[values[col].idxmin()]
        rows.append(
            {
                "measure": label,
                "highest": f"{high['title'] or high['article_id']} ({high[col]:+.2f})",
                "lowest": f"{low['title'] or low['article_id']} ({low[col]:+.2f})",
            }
        )
    return table_html(
        pd.DataFrame(rows, columns=["measure", "highest", "lowest"]),
        caption="The highest and lowest article on each measure",
    )


def _tone_spread(ok: pd.DataFrame, ax) -> None:
    column = tone_column(ok)
    values = ok[column].dropna().to_numpy(dtype=float)
    bins = np.linspace(-1, 1, 41)
    handles = []
    for label, lo, hi in (
        ("negative", -1.01, -NEUTRAL_BAND),
        ("neutral", -NEUTRAL_BAND, NEUTRAL_BAND),
        ("positive", NEUTRAL_BAND, 1.01),
    ):
        part = values[(values >= lo) & (values < hi)]
        ax.hist(part, bins=bins, color=TONE_COLORS[label], label=plain(f"{label} ({len(part)})"))
    ax.set_xlabel("an article's mean tone (−1 negative … +1 positive)")
    ax.set_ylabel("articles")
    ax.set_title("How the articles' tone is spread")
    handles = ax.get_legend_handles_labels()[0]
    legend_below(ax, handles)


def _by_group(name: str, values: pd.Series, ok: pd.DataFrame, folder: Path) -> Block:
    data = ok.assign(**{name: values.loc[ok.index]}).dropna(subset=[name])
    section = Block(f"By {name}", f"by-{anchor(name)}")
    common = data[name].value_counts().index[:MAX_GROUPS]
    if data[name].nunique() > MAX_GROUPS:
        section.parts.append(
            f"<p>The {MAX_GROUPS} most frequent values of {escape(name)} of "
            f"{data[name].nunique():,} are drawn.</p>"
        )
    data = data[data[name].isin(common)]
    slug = anchor(name)
    section.parts.append(
        _figure(
            folder,
            f"tone_by_{slug}",
            f"Mean tone by {name} with 95% intervals",
            3.6,
            lambda ax: plot_corpus_tone(data, by=name, ax=ax),
        )
    )
    section.parts.append(
        _figure(
            folder,
            f"frames_by_{slug}",
            f"Frame cues per 1,000 words by {name}",
            4.2,
            lambda ax: plot_corpus_frames(data, by=name, ax=ax),
        )
    )
    column = tone_column(data)
    table = (
        data.groupby(name)
        .agg(
            articles=("row", "size"),
            tone=(column, "mean"),
            share_negative=("share_negative", "mean"),
            hedges_per_1k=("hedges_per_1k", "mean"),
        )
        .reset_index()
        .sort_values("articles", ascending=False, kind="mergesort")
    )
    bounds = group_intervals(data, name, column).set_index("group")
    table.insert(
        3,
        "interval",
        [
            "too few articles"
            if np.isnan(bounds.at[g, "low"])
            else f"{bounds.at[g, 'low']:+.2f} to {bounds.at[g, 'high']:+.2f}"
            for g in table[name]
        ],
    )
    section.parts.append(
        table_html(
            table,
            names={
                "tone": "mean tone",
                "interval": "95% interval of the tone",
                "share_negative": "negative sentences",
                "hedges_per_1k": "hedges per 1,000 words",
            },
            percent=["share_negative"],
            caption=f"Means by {name}",
        )
    )
    section.parts.append(_trust("tone", "frames"))
    return section


def write_page(
    metrics: pd.DataFrame,
    folder: Path,
    *,
    source: Path,
    by: list[str] | None = None,
    run_note: str = "",
) -> Path:
    """Figures and ``report.html`` of an analysed corpus (the table of
    :func:`analysis.report.corpus_report.write_corpus_report`), written into ``folder``."""
    folder = Path(folder)
    ok = metrics[metrics["status"] == "ok"]
    names = ["month", "outlet", *[b for b in (by or []) if b not in ("outlet", "month")]]
    groups = {n: group_column(metrics, n) for n in names if n == "month" or n in metrics.columns}
    groups = {n: g for n, g in groups.items() if g.loc[ok.index].notna().any()}
    sections = [Block("The articles", "articles", _articles(metrics, folder))]
    empty = [b for b in (by or []) if b not in groups and b != "outlet"]
    for name in empty:
        sections[0].parts.append(
            f"<p>Grouped by {escape(name)} as asked, but the column is empty in every "
            "analysed article, so there is no section for it.</p>"
        )
    if run_note:
        sections[0].parts.insert(0, f"<p>{escape(run_note)}</p>")
    if len(ok):
        sections += _measure_sections(ok, folder)
        sections += [_by_group(n, g, ok, folder) for n, g in groups.items()]
    page = render(
        title=f"Corpus: {source.name}",
        kicker="Framing corpus report",
        meta=_meta(metrics, ok),
        summary=statements_html(corpus_summary(metrics, groups), ordered=True),
        sections=sections,
        footer="Every number is read from the rows of corpus_metrics.csv beside this page.",
    )
    target = folder / "report.html"
    target.write_text(page, encoding="utf-8")
    return target


def _measure_sections(ok: pd.DataFrame, folder: Path) -> list[Block]:
    tone = Block("Tone", "tone")
    tone.parts.append(
        _figure(
            folder,
            "tone_distribution",
            "Spread of article tone",
            3.4,
            lambda ax: _tone_spread(ok, ax),
        )
    )
    tone.parts.append(_extremes(ok))
    tone.parts.append(_trust("tone"))
    frames = Block("Frames", "frames")
    frames.parts.append(
        _figure(
            folder,
            "frames_corpus",
            "Mean policy frame cues per 1,000 words over the corpus",
            3.6,
            lambda ax: plot_corpus_frames(ok.assign(corpus="all articles"), by="corpus", ax=ax),
        )
    )
    frames.parts.append(_trust("frames"))
    people = Block("Actors and sources", "sources")
    actors = _top_actors(ok).most_common(12)
    if actors:
        table = pd.DataFrame(actors, columns=["actor", "articles"])
        people.parts.append(
            table_html(table, caption="Actors most often among an article's three most mentioned")
        )
    quoted = [c for c in ok.columns if c.startswith("quoted_")]
    if quoted:
        shares = ok[quoted].mean().rename(lambda c: c[len("quoted_") :].replace("_", " "))
        people.parts.append(
            table_html(
                shares.rename("share").reset_index().rename(columns={"index": "kind of source"}),
                percent=["share"],
                caption="Mean share of an article's attributed words by kind of source",
            )
        )
    people.parts.append(_trust("actors", "attribution"))
    return [tone, frames, people]


def _meta(metrics: pd.DataFrame, ok: pd.DataFrame) -> list[tuple[str, str | None]]:
    dates = ok["date"].dropna().astype(str)
    return [
        ("Articles", f"{len(ok):,} analysed of {len(metrics):,}"),
        ("Outlets", f"{ok['outlet'].nunique():,}" if ok["outlet"].notna().any() else None),
        ("Dates", escape(f"{dates.min()} to {dates.max()}") if len(dates) else None),
        ("Table", '<a href="corpus_metrics.csv">corpus_metrics.csv</a>'),
    ]
