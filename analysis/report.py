"""Write the analyses of an article to ``figures/<article_id>/``.

The report holds the article's structure (``article.json``), its sentence table
(``sentences.csv``), one CSV per analysis table, and each figure as PNG and SVG.
Files are written to a temporary folder and moved into place only when everything
succeeded, so a failure never leaves a half-written report.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import matplotlib
import pandas as pd

from .article import Article
from .loaders import load_article
from .paths import FIGURES_DIR, PROJECT_ROOT

__all__ = ["write_report", "write_table"]


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` as CSV with stable formatting; list cells become ``a;b;c``."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, list | tuple)).any():
            frame[column] = frame[column].map(
                lambda v: ";".join(map(str, v)) if isinstance(v, list | tuple) else v
            )
    frame.to_csv(path, index=False, lineterminator="\n", float_format="%.6g")
    return Path(path)


def _figure(out: Path, name: str, draw: Callable, size: tuple[float, float]) -> None:
    import matplotlib.pyplot as plt

    from .plotting import save_figure

    with matplotlib.rc_context({"figure.figsize": size}):
        fig, ax = plt.subplots()
        draw(ax)
        save_figure(fig, out, name)
        plt.close(fig)


def _structure(ctx: dict) -> None:
    from .plotting import plot_structure

    article, table, out = ctx["article"], ctx["sentences"], ctx["out"]
    write_table(table, out / "sentences.csv")
    info = article.to_dict()
    info["source"] = _portable(info["source"])
    (out / "article.json").write_text(
        json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    _figure(out, "overview", lambda ax: plot_structure(table, ax=ax), (9, 3.6))


def _keywords(ctx: dict) -> None:
    from .keywords import keyness, keyphrases, keywords
    from .plotting import plot_keyness, plot_keywords

    table, out = ctx["sentences"], ctx["out"]
    terms = keywords(table, top_n=30)
    phrases = keyphrases(table, top_n=15)
    general = keyness(table)
    write_table(terms, out / "keywords.csv")
    write_table(phrases, out / "keyphrases.csv")
    write_table(general, out / "keyness_general_english.csv")
    _figure(
        out,
        "keywords",
        lambda ax: plot_keywords(terms, ax=ax, title="Keywords: TF-IDF over sentences"),
        (6, 5),
    )
    _figure(
        out,
        "keyphrases",
        lambda ax: plot_keywords(phrases, ax=ax, top_n=12, title="Keyphrases the article stresses"),
        (6, 5),
    )
    _figure(
        out,
        "keyness_general_english",
        lambda ax: plot_keyness(
            general[general["statistic"] > 0],
            ax=ax,
            top_n=15,
            labels=("this article", "general English"),
            title="Words this article uses far more than general English",
        ),
        (6, 5),
    )


def _actors(ctx: dict) -> None:
    from .actors import actor_mentions, actor_summary, cooccurrence
    from .plotting import plot_actor_mentions, plot_cooccurrence, plot_hedging, plot_who_speaks
    from .sources import hedging, hedging_summary, quotes

    table, out = ctx["sentences"], ctx["out"]
    mentions = ctx["mentions"] = actor_mentions(table)
    said = ctx["quotes"] = quotes(table, mentions)
    summary = actor_summary(mentions, table)
    edges, graph = cooccurrence(mentions)
    hedges = hedging(table, said)
    write_table(mentions, out / "mentions.csv")
    write_table(summary, out / "actors.csv")
    write_table(said, out / "quotes.csv")
    write_table(edges, out / "cooccurrence.csv")
    write_table(hedges, out / "hedging.csv")
    write_table(
        pd.concat(
            [hedging_summary(hedges), hedging_summary(hedges, by="section")], ignore_index=True
        ),
        out / "hedging_summary.csv",
    )
    _figure(out, "actors", lambda ax: plot_actor_mentions(summary, ax=ax), (6, 5))
    _figure(out, "who_speaks", lambda ax: plot_who_speaks(said, ax=ax), (6, 4))
    _figure(out, "cooccurrence", lambda ax: plot_cooccurrence(graph, ax=ax), (7, 6))
    _figure(
        out,
        "hedging",
        lambda ax: plot_hedging(hedging_summary(hedges, by="section"), ax=ax),
        (6, 4),
    )


def _tone(ctx: dict) -> None:
    from .plotting import (
        plot_actor_tone,
        plot_polarity_subjectivity,
        plot_sentiment_agreement,
        plot_tone_arc,
    )
    from .sentiment import (
        actor_sentiment,
        actor_tone,
        article_tone,
        sentence_sentiment,
        sentiment_arc,
    )

    table, out = ctx["sentences"], ctx["out"]
    scores = sentence_sentiment(table)
    tone = pd.concat([article_tone(scores), article_tone(scores, by="section")], ignore_index=True)
    toward = actor_sentiment(table, ctx["mentions"], quotes=ctx["quotes"])
    per_actor = actor_tone(toward)
    write_table(scores, out / "sentence_sentiment.csv")
    write_table(tone, out / "tone.csv")
    write_table(toward, out / "actor_sentiment.csv")
    write_table(per_actor, out / "actor_tone.csv")
    _figure(
        out,
        "tone_arc",
        lambda ax: plot_tone_arc(sentiment_arc(scores, measure="vader_compound"), ax=ax),
        (9, 3.6),
    )
    _figure(
        out, "polarity_subjectivity", lambda ax: plot_polarity_subjectivity(scores, ax=ax), (6, 4.5)
    )
    _figure(
        out, "sentiment_agreement", lambda ax: plot_sentiment_agreement(scores, ax=ax), (5.5, 5)
    )
    _figure(out, "actor_tone", lambda ax: plot_actor_tone(per_actor, ax=ax), (6, 5))


def _frames(ctx: dict) -> None:
    from .frames import frame_profile, frame_scores, loaded_language
    from .plotting import plot_frame_heatmap, plot_frame_profile, plot_frame_strip

    table, out = ctx["sentences"], ctx["out"]
    for scheme in ("generic", "policy"):
        scores = frame_scores(table, scheme=scheme)
        profile = frame_profile(scores)
        write_table(scores[scores["score"] > 0], out / f"frame_scores_{scheme}.csv")
        write_table(profile, out / f"frame_profile_{scheme}.csv")
        title = "Generic news frames" if scheme == "generic" else "Policy frames"
        _figure(
            out,
            f"frames_{scheme}",
            lambda ax, p=profile, t=title: plot_frame_profile(
                p, ax=ax, title=f"{t}: cues per 1,000 words"
            ),
            (6, 4.5),
        )
        if scheme == "policy":
            _figure(
                out, "frames_by_section", lambda ax, s=scores: plot_frame_heatmap(s, ax=ax), (8, 5)
            )
            _figure(out, "frame_strip", lambda ax, s=scores: plot_frame_strip(s, ax=ax), (9, 4.5))
    write_table(loaded_language(table), out / "loaded_language.csv")


def _topics(ctx: dict) -> None:
    import warnings

    from .plotting import plot_topic_prevalence, plot_topic_terms
    from .topics import FewUnitsWarning, TopicModel

    table, out = ctx["sentences"], ctx["out"]
    with warnings.catch_warnings():
        warnings.simplefilter(
            "ignore", FewUnitsWarning
        )  # a one-topic article still gets its tables
        model = TopicModel().fit(table)
    write_table(model.topic_terms_, out / "topic_terms.csv")
    write_table(model.document_topics_, out / "sentence_topics.csv")
    _figure(out, "topic_terms", lambda ax: plot_topic_terms(model.topic_terms_, ax=ax), (6, 5))
    _figure(
        out,
        "topic_prevalence",
        lambda ax: plot_topic_prevalence(model.document_topics_, ax=ax, labels=model.labels_),
        (9, 4),
    )


STEPS: list[Callable[[dict], None]] = [_structure, _keywords, _actors, _tone, _frames, _topics]


def write_report(source: str | Path | Article, *, out_dir: str | Path | None = None) -> Path:
    """Analyse one article and write its tables and figures.

    Parameters
    ----------
    source : path, URL or Article
    out_dir : path, optional
        Parent folder; the report goes to ``out_dir/<article_id>/``
        (default ``figures/``).

    Returns
    -------
    Path
        The article's report folder.
    """
    from .sentences import sentences

    article = load_article(source)
    parent = Path(out_dir) if out_dir is not None else FIGURES_DIR
    target = parent / article.article_id
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{article.article_id}-", dir=parent))
    staging.chmod(0o755)
    try:
        context = {"article": article, "sentences": sentences(article), "out": staging}
        for step in STEPS:
            step(context)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _portable(source: str) -> str:
    """A path inside the project, relative to it, so reports do not depend on the checkout."""
    try:
        return Path(source).resolve().relative_to(PROJECT_ROOT).as_posix()
    except (ValueError, OSError):
        return source
