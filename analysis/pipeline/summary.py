"""An article's one-row metrics, as a corpus run stores them: read from the pipeline's
aggregates, so the corpus page, the report and the notebooks state the same numbers."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..measures.frames import load_scheme
from ..text.article import Article

__all__ = ["summary_row", "summary_columns", "SOURCE_TYPES", "TEXT_SUMMARY_COLUMNS"]

#: Kinds of source in the quotes table, in the order the corpus columns use.
SOURCE_TYPES = (
    "named official",
    "named person",
    "institution",
    "unnamed source",
    "media",
    "document",
    "unresolved",
    "unattributed",
)
_SCHEMES = ("generic", "policy")
#: The summary's text columns; every other column is a number.
TEXT_SUMMARY_COLUMNS = (
    "article_id",
    "title",
    "outlet",
    "date",
    "status",
    "reason",
    "top_actors",
    "top_keyphrases",
    "frame",
    "frame_set_by",
)


#: The article's tone in the summary, as ``article_tone`` gives it.
_TONE = (
    "polarity_mean",
    "subjectivity_mean",
    "vader_mean",
    "news_mean",
    "news_ci_low",
    "news_ci_high",
    "share_negative",
    "share_neutral",
    "share_positive",
)


def summary_columns() -> list[str]:
    """The keys of :meth:`ArticleAnalysis.summary`, in order."""
    frames = [f"{name}_{f}" for name in _SCHEMES for f in load_scheme(name).frames]
    return [
        "article_id",
        "title",
        "outlet",
        "date",
        "status",
        "reason",
        "n_sentences",
        "n_words",
        *_TONE,
        "hedges_per_1k",
        "boosters_per_1k",
        "share_attributed",
        *frames,
        "frame",
        "frame_set_by",
        "top_actors",
        "n_actors",
        *[f"quoted_{t.replace(' ', '_')}" for t in SOURCE_TYPES],
        "top_keyphrases",
        "n_corrections",
    ]


def given_id(article: Article) -> str:
    """The id as the input gave it (a corpus's own ids stay joinable), else the slug."""
    given = article.metadata.get("id")
    if isinstance(given, str | int) and not isinstance(given, bool) and str(given).strip():
        return str(given).strip()
    return article.article_id


def summary_row(result) -> dict[str, Any]:
    """The article's one-row corpus metrics (:func:`summary_columns`): its counts, the
    mean tone with its interval and the shares of sentence tones (``article_tone``),
    hedges and boosters per 1,000 words (``hedging_rates``), frame cues per 1,000 words
    of both schemes (``frame_profile``), the article's frame (``frame_label``: by its
    cues or set by hand), the three most mentioned actors, the share of attributed words
    by kind of source, the top five keyphrases, and the number of corrections by hand
    applied."""
    article = result.article
    counts = result.counts
    out: dict[str, Any] = dict.fromkeys(summary_columns())
    out.update(
        article_id=given_id(article),
        title=article.title,
        outlet=article.outlet,
        date=article.date,
        status="ok",
        reason=None,
        n_sentences=counts.n_sentences,
        n_words=counts.n_words,
    )
    tone = result.article_tone
    if len(tone):
        row = tone.iloc[0]
        for column in _TONE:
            out[column] = float(row[column])
    rates = result.hedging_rates
    if len(rates) and counts.n_words:
        row = rates.iloc[0]
        out.update(
            hedges_per_1k=float(row["hedges_per_1k"]),
            boosters_per_1k=float(row["boosters_per_1k"]),
            share_attributed=float(row["share_attributed"]),
        )
    profile = result.frame_profile
    for name in _SCHEMES:
        rates_ = dict.fromkeys(load_scheme(name).frames, 0.0)
        part = profile[profile["scheme"] == name]
        rates_.update(zip(part["frame"], part["cues_per_1k"].astype(float), strict=True))
        for frame, value in rates_.items():
            out[f"{name}_{frame}"] = value
    actors = result.actors
    out["top_actors"] = "; ".join(actors["actor"].head(3))
    out["n_actors"] = len(actors)
    words_by_type: Counter = Counter()
    for kind, n in zip(result.quotes["source_type"], result.quotes["n_words"], strict=True):
        words_by_type[kind] += n
    total = sum(words_by_type.values())
    for kind in SOURCE_TYPES:
        out[f"quoted_{kind.replace(' ', '_')}"] = words_by_type[kind] / total if total else 0.0
    out["top_keyphrases"] = "; ".join(result.keyphrases["display"].head(5))
    label = result.frame_label
    out["frame"], out["frame_set_by"] = label["frame"], label["set_by"]
    applied = result.corrections_applied
    out["n_corrections"] = int((applied["status"] == "applied").sum())
    return out
