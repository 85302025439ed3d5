"""The figures of an article's report, drawn from its analysis and nothing else.

:data:`ARTICLE_FIGURES` lists each figure: its file name, what it shows (its alt text),
the section it belongs to, the tables it is drawn from (the report links each figure
to them) and how it is drawn. :func:`draw_figures` draws them in the report style,
writes each as PNG and SVG, and returns the SVG for the page: vector text, so a figure
reads on a phone as on a laptop.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from matplotlib import style

from ..measures.actors import cooccurrence
from ..measures.tone import sentiment_arc
from ..paths import STYLE_FILE
from ..text.markup import escape
from .plots import (
    plot_actor_mentions,
    plot_actor_tone,
    plot_cooccurrence,
    plot_frame_heatmap,
    plot_frame_profile,
    plot_frame_strip,
    plot_hedging,
    plot_keyness,
    plot_keywords,
    plot_polarity_subjectivity,
    plot_sentiment_agreement,
    plot_structure,
    plot_tone_arc,
    plot_topic_prevalence,
    plot_topic_terms,
    plot_who_speaks,
    save_figure,
)
from .plots.base import fitted_figure

__all__ = [
    "FigureSpec",
    "ARTICLE_FIGURES",
    "draw_figures",
    "figure_height",
    "inline_svg",
    "WIDTH",
]

#: The width every report figure is drawn at, in inches: shown at most 30rem wide, so
#: its smallest text (9.5 pt) is at least 9 px on a 390 px phone.
WIDTH = 4.8


@dataclass(frozen=True)
class FigureSpec:
    """One figure of the report: ``name`` (its files), ``alt`` (what it shows),
    ``section`` (where it goes), ``tables`` (the data it is drawn from), ``draw``
    (``draw(result, ax)``) and ``rows`` (``rows(result)``: how many rows of labels it
    stacks, for its height; None for a fixed height)."""

    name: str
    alt: str
    section: str
    tables: tuple[str, ...]
    draw: Callable
    rows: Callable | None = None
    height: float = 3.2


def _bars(n: int) -> float:
    """Height of a chart of ``n`` horizontal bars, room for a title, axis and legend."""
    return 1.5 + 0.27 * max(n, 1)


def _structure(result, ax):
    c = result.counts
    title = (
        f"Article structure: {c.n_sentences} sentences and {c.n_words} words stated, "
        f"{c.n_headings} headings"
    )
    plot_structure(result.sentences, ax=ax, title=title)


def _tone_arc(result, ax):
    plot_tone_arc(sentiment_arc(result.tone, measure="news_compound"), ax=ax)


def _keyness(result, ax):
    general = result.keyness
    plot_keyness(
        general[general["statistic"] > 0],
        ax=ax,
        top_n=12,
        labels=("this article", "general English"),
        title="Words used far more than in general English",
    )


def _frames(scheme: str, title: str):
    def draw(result, ax):
        profile = result.frame_profile
        part = profile[(profile["scheme"] == scheme) & (profile["n_cues"] > 0)]
        plot_frame_profile(part, ax=ax, top_n=8, title=title)

    return draw


def _frame_rows(scheme: str):
    def rows(result):
        profile = result.frame_profile
        return min(8, int(((profile["scheme"] == scheme) & (profile["n_cues"] > 0)).sum()))

    return rows


def _cooccurrence(result, ax):
    _, graph = cooccurrence(result.mentions)
    plot_cooccurrence(graph, ax=ax)


def _topic_prevalence(result, ax):
    terms = result.topic_terms
    labels = dict(zip(terms["topic"], terms["label"], strict=False))
    plot_topic_prevalence(result.sentence_topics, ax=ax, labels=labels)


def _n_speakers(result) -> int:
    said = result.quotes
    said = said[said["act"] == "statement"]
    return min(12, said["actor"].fillna("(unattributed)").nunique())


#: Every figure of an article's report, in page order.
ARTICLE_FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec(
        "keyphrases",
        "Keyphrases the article stresses, by PositionRank score",
        "keywords",
        ("keyphrases",),
        lambda r, ax: plot_keywords(
            r.keyphrases,
            ax=ax,
            top_n=10,
            title="Keyphrases the article stresses",
            xlabel="PositionRank score (×n: times used)",
        ),
        lambda r: min(10, len(r.keyphrases)),
    ),
    FigureSpec(
        "tone_arc",
        "Tone of each sentence through the article, with a moving average",
        "tone",
        ("tone",),
        _tone_arc,
        height=3.3,
    ),
    FigureSpec(
        "actor_tone",
        "Mean tone toward each actor with its 95% interval",
        "tone",
        ("actor_tone", "mention_tone"),
        lambda r, ax: plot_actor_tone(r.actor_tone, ax=ax, top_n=10),
        lambda r: min(10, len(r.actor_tone)),
    ),
    FigureSpec(
        "who_speaks",
        "Share of attributed words by source, coloured by kind of source",
        "sources",
        ("quotes",),
        lambda r, ax: plot_who_speaks(r.quotes, ax=ax, top_n=12),
        _n_speakers,
    ),
    FigureSpec(
        "frames_policy",
        "Policy frames: cues per 1,000 words",
        "frames",
        ("frame_profile", "policy_frames"),
        _frames("policy", "Policy frames: cues per 1,000 words"),
        _frame_rows("policy"),
    ),
    FigureSpec(
        "overview",
        "The article's shape: one bar a sentence, its height the sentence's words",
        "appendix-structure",
        ("sentences",),
        _structure,
        height=3.0,
    ),
    FigureSpec(
        "keywords",
        "Keywords by summed TF-IDF over the sentences",
        "appendix-keywords",
        ("keywords",),
        lambda r, ax: plot_keywords(
            r.keywords,
            ax=ax,
            top_n=12,
            title="Keywords: TF-IDF over sentences",
            xlabel="summed TF-IDF weight (×n: times used)",
        ),
        lambda r: min(12, len(r.keywords)),
    ),
    FigureSpec(
        "keyness_general_english",
        "Words this article uses far more than general English",
        "appendix-keywords",
        ("keyness",),
        _keyness,
        lambda r: min(12, int((r.keyness["statistic"] > 0).sum())),
    ),
    FigureSpec(
        "polarity_subjectivity",
        "Sentences by TextBlob polarity and subjectivity, coloured by tone",
        "appendix-tone",
        ("tone",),
        lambda r, ax: plot_polarity_subjectivity(r.tone, ax=ax, title="Polarity and subjectivity"),
        height=3.8,
    ),
    FigureSpec(
        "sentiment_agreement",
        "TextBlob against VADER, one dot a sentence",
        "appendix-tone",
        ("tone",),
        lambda r, ax: plot_sentiment_agreement(r.tone, ax=ax, title="Do TextBlob and VADER agree?"),
        height=3.8,
    ),
    FigureSpec(
        "actors",
        "Mentions per actor, coloured by kind",
        "appendix-actors",
        ("actors",),
        lambda r, ax: plot_actor_mentions(r.actors, ax=ax, top_n=12),
        lambda r: min(12, len(r.actors)),
    ),
    FigureSpec(
        "cooccurrence",
        "Actors that appear in the same sentence",
        "appendix-actors",
        ("cooccurrence", "actors"),
        _cooccurrence,
        height=4.4,
    ),
    FigureSpec(
        "hedging",
        "Hedges and boosters per 1,000 words by section",
        "appendix-sources",
        ("hedging_rates", "hedging"),
        lambda r, ax: plot_hedging(r.hedging_by_section, ax=ax),
        height=3.4,
    ),
    FigureSpec(
        "frames_generic",
        "Generic news frames: cues per 1,000 words",
        "appendix-frames",
        ("frame_profile", "generic_frames"),
        _frames("generic", "Generic news frames: cues per 1,000 words"),
        _frame_rows("generic"),
    ),
    FigureSpec(
        "frames_by_section",
        "Policy frame cues per sentence in each section",
        "appendix-frames",
        ("policy_frames",),
        lambda r, ax: plot_frame_heatmap(r.policy_frames, ax=ax, title="Frames by section"),
        height=3.8,
    ),
    FigureSpec(
        "frame_strip",
        "Which sentences carry which policy frame",
        "appendix-frames",
        ("policy_frames",),
        lambda r, ax: plot_frame_strip(r.policy_frames, ax=ax, title="Frames along the article"),
        height=3.4,
    ),
    FigureSpec(
        "topic_terms",
        "The top terms of each topic",
        "appendix-topics",
        ("topic_terms",),
        lambda r, ax: plot_topic_terms(r.topic_terms, ax=ax, n_terms=5),
        lambda r: len(r.topic_terms.groupby("topic").head(5)) + r.topic_terms["topic"].nunique(),
    ),
    FigureSpec(
        "topic_prevalence",
        "Where each topic sits in the article",
        "appendix-topics",
        ("sentence_topics", "topic_terms"),
        _topic_prevalence,
        height=3.4,
    ),
)


def draw_figures(
    result, folder: Path, specs=ARTICLE_FIGURES, *, workers: int | None = None
) -> dict[str, str]:
    """Draw each figure of ``specs`` for ``result`` in the report style, write it to
    ``folder`` as PNG and SVG, and return its SVG by name (for the page). The same on
    any matplotlib backend: figures are drawn on their own canvas. With ``workers``
    above 1 (default: the cores, at most two) the figures are drawn by forked
    processes that share the analysis; where processes cannot be forked, one by one."""
    names = [spec.name for spec in specs]
    n = min(workers or os.cpu_count() or 1, 2, len(names))
    if n > 1 and "fork" in multiprocessing.get_all_start_methods():
        _SHARED.update(result=result, folder=Path(folder), specs={s.name: s for s in specs})
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=n, mp_context=context) as pool:
                parts = list(pool.map(_draw_share, [names[k::n] for k in range(n)]))
        finally:
            _SHARED.clear()
        drawn = {k: v for part in parts for k, v in part.items()}
        return {name: drawn[name] for name in names}
    return _draw(result, Path(folder), list(specs))


#: What a forked drawing process reads: the analysis, the folder, the figures.
_SHARED: dict = {}


def _draw_share(names: list[str]) -> dict[str, str]:
    specs = _SHARED["specs"]
    return _draw(_SHARED["result"], _SHARED["folder"], [specs[n] for n in names])


def figure_height(spec: FigureSpec, result) -> float:
    """The height a figure is drawn at for this analysis: room for its rows of labels."""
    return _bars(spec.rows(result)) if spec.rows is not None else spec.height


def _draw(result, folder: Path, specs) -> dict[str, str]:
    out: dict[str, str] = {}
    with style.context(STYLE_FILE):
        for spec in specs:
            fig = fitted_figure(
                lambda ax, spec=spec: spec.draw(result, ax), WIDTH, figure_height(spec, result)
            )
            _png, svg = save_figure(fig, folder, spec.name)
            out[spec.name] = inline_svg(svg.read_text(encoding="utf-8"), spec.alt)
    return out


_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.S)
_SIZE = re.compile(r'(<svg\b[^>]*?)\s(?:width|height)="[^"]*"')


def inline_svg(svg: str, alt: str) -> str:
    """An SVG file as an element of the page: no XML prologue, sized by the page (its
    viewBox kept), labelled for screen readers."""

    body = _PROLOGUE.sub("", svg, count=1)
    while _SIZE.search(body):
        body = _SIZE.sub(r"\1", body, count=1)
    return body.replace("<svg ", f'<svg role="img" aria-label="{escape(alt)}" class="fr-svg" ', 1)
