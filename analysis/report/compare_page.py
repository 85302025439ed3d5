"""The comparison page: how the articles frame the event differently, measure by measure,
each statement with the sentences of each article that show it, and links to each
article's own report. Built from the saved analyses of the articles
(:func:`analysis.pipeline.comparison.compare`)."""

from __future__ import annotations

from pathlib import Path

from matplotlib import style

from ..paths import STYLE_FILE
from ..pipeline.comparison import Comparison, compare
from ..pipeline.saved import DATA_FOLDER, write_csv
from ..text.markup import escape
from .document import Block, figure_block, render, statements_html, table_html
from .figures import WIDTH, inline_svg
from .plots import plot_article_tone, plot_frame_profile, plot_keyness, save_figure
from .plots.base import fitted_figure

__all__ = ["compare_page"]

_MEASURES = (
    ("keywords", "compare-keywords", "What each stresses"),
    ("tone", "compare-tone", "Tone"),
    ("frames", "compare-frames", "Frames"),
    ("actors", "compare-actors", "Actors"),
    ("sources", "compare-sources", "Who speaks"),
)
_REPORT = "report.html"


def _evidence(found: Comparison, measure: str) -> str:
    rows = found.evidence.get(measure, [])
    if not rows:
        return ""
    items = "".join(
        f'<li><a href="../{escape(i)}/{_REPORT}#s{s}">{escape(found.titles[i])}, sentence {s}</a>: '
        f"{escape(text)}</li>"
        for i, s, text in rows
    )
    return f'<ul class="fr-quotes">{items}</ul>'


def _figures(found: Comparison, folder: Path) -> dict[str, str]:
    labels = (found.titles[found.ids[0]], " + ".join(found.titles[i] for i in found.ids[1:]))
    drawings = {
        "keyness_between": (
            4.2,
            lambda ax: plot_keyness(
                found.keyness, ax=ax, top_n=8, labels=labels, title="Words each stresses"
            ),
            "Words the first article uses more (right) and less (left) than the others",
        ),
        "tone_compare": (
            1.6 + 0.45 * len(found.ids),
            lambda ax: plot_article_tone(found.tone, ax=ax, labels=found.titles),
            "Mean tone of each article with its 95% interval",
        ),
        "frames_compare": (
            4.4,
            lambda ax: plot_frame_profile(
                found.frames[found.frames["scheme"] == "policy"].assign(
                    article_id=lambda d: d["article_id"].map(found.titles)
                ),
                ax=ax,
                top_n=6,
                title="Policy frames of each article",
            ),
            "Policy frame cues per 1,000 words, one bar an article",
        ),
    }
    out = {}
    with style.context(STYLE_FILE):
        for name, (height, draw, alt) in drawings.items():
            fig = fitted_figure(draw, WIDTH, height)
            _, svg = save_figure(fig, folder, name)
            out[name] = (inline_svg(svg.read_text(encoding="utf-8"), alt), alt)
    return out


def compare_page(results, ids: list[str], folder: Path) -> Comparison:
    """Compare the analysed articles, write the comparison's tables (``data/``), its
    figures and its page into ``folder``; return the comparison."""
    found = compare(results, ids)
    data = folder / DATA_FOLDER
    data.mkdir(parents=True, exist_ok=True)
    for name, table in found.tables().items():
        write_csv(table, data / f"{name}.csv")
    svgs = _figures(found, folder)
    figure_of = {"keywords": "keyness_between", "tone": "tone_compare", "frames": "frames_compare"}
    sections = []
    for measure, anchor, title in _MEASURES:
        parts = []
        name = figure_of.get(measure)
        if name:
            svg, alt = svgs[name]
            parts.append(figure_block(svg, alt, [(f"{name}.csv", f"{DATA_FOLDER}/{name}.csv")]))
        parts.append(statements_html(found.by_measure.get(measure, [])))
        parts.append(_evidence(found, measure))
        sections.append(Block(title, anchor, parts))
    appendix = Block(
        "The articles' actors side by side",
        "appendix-actors",
        [
            table_html(
                found.actors[found.actors["n_mentions"] > 0],
                ["actor", "article_id", "kind", "n_mentions", "tone_toward"],
                names={
                    "article_id": "article",
                    "n_mentions": "mentions",
                    "tone_toward": "tone toward it",
                },
                caption="Actors of each article",
            )
        ],
    )
    meta = [
        (
            "Article" if k else "Target",
            f'<a href="../{escape(i)}/{_REPORT}">{escape(found.titles[i])}</a>'
            + (f" ({escape(r.article.outlet)})" if r.article.outlet else ""),
        )
        for k, (i, r) in enumerate(zip(ids, results, strict=True))
    ]
    page = render(
        title=f"Comparing {len(results)} articles",
        kicker="Framing comparison",
        meta=meta,
        summary=statements_html(
            found.summary, goto={a: (a, t) for _m, a, t in _MEASURES}, ordered=True
        ),
        sections=sections,
        appendices=[appendix],
        footer="Each article's own report: "
        + ", ".join(
            f'<a href="../{escape(i)}/{_REPORT}">{escape(found.titles[i])}</a>' for i in ids
        )
        + ".",
    )
    (folder / _REPORT).write_text(page, encoding="utf-8")
    return found
