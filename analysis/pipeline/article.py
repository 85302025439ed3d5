"""The per-article pipeline: every analysis of one article, each run once.

:func:`analyse` is the one place where the analyses are wired together. The notebooks'
setup cell, ``framing report`` (through the notebooks) and :mod:`analysis.corpus` all
go through it, so a change to how an article is analysed lands in one place::

    from analysis import analyse, load_article

    result = analyse(load_article("seeds/russia-iran-treaty.txt"))
    result.mentions          # actor mentions, computed on first use, then kept
    result.summary()         # the one-row corpus metrics of this article

Each table is computed when first asked for and then kept, so a notebook that needs
only the tone pays only for the tone, and asking twice costs nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from ..text.article import Article
from ..text.sentences import ANALYSED_ROLES, sentences

__all__ = ["ArticleAnalysis", "analyse", "SOURCE_TYPES", "TEXT_SUMMARY_COLUMNS", "summary_columns"]

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
)


def summary_columns() -> list[str]:
    """The keys of :meth:`ArticleAnalysis.summary`, in order."""
    from ..measures.frames import load_scheme

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
        "polarity_mean",
        "subjectivity_mean",
        "vader_mean",
        "news_mean",
        "share_negative",
        "share_neutral",
        "share_positive",
        "hedges_per_1k",
        "boosters_per_1k",
        "share_attributed",
        *frames,
        "top_actors",
        "n_actors",
        *[f"quoted_{t.replace(' ', '_')}" for t in SOURCE_TYPES],
        "top_keyphrases",
    ]


@dataclass
class ArticleAnalysis:
    """Every analysis of one article; tables are computed on first use, then kept.

    Build it with :func:`analyse`. Attributes are the analysis tables, with the
    columns their functions document: ``sentences`` (:func:`analysis.sentences`),
    ``tone`` (:func:`analysis.sentiment.sentence_sentiment`) and ``economic_events``
    (:func:`analysis.economy.economic_events`), ``mentions`` and
    ``actors`` (:mod:`analysis.actors`), ``quotes`` and ``hedging``
    (:mod:`analysis.sources`), ``frames`` and ``generic_frames`` (frame scores of
    the chosen scheme and of the generic news frames), ``keywords``, ``keyphrases``
    and ``loaded_language``.
    """

    article: Article
    sentences: pd.DataFrame
    scheme: Any = "policy"
    aliases: Any = None

    # ------------------------------------------------------------- tables
    @cached_property
    def parse(self):
        """spaCy's parse of the sentences (:func:`analysis.nlp.parse`), made once and
        shared by mentions, quotes, hedging, frames and keyphrases."""
        from ..nlp.parse import parse

        return parse(self.sentences)

    @cached_property
    def tone(self) -> pd.DataFrame:
        from ..measures.tone import sentence_sentiment

        return sentence_sentiment(self.sentences, parse=self.parse, events=self.economic_events)

    @cached_property
    def economic_events(self) -> pd.DataFrame:
        """Movements of economic indicators read from the parse
        (:func:`analysis.economy.economic_events`), the evidence of the tone's
        economic reading."""
        from ..measures.economy import economic_events

        return economic_events(self.sentences, parse=self.parse)

    @cached_property
    def mentions(self) -> pd.DataFrame:
        from ..measures.actors import actor_mentions

        return actor_mentions(self.sentences, self.parse, aliases=self.aliases)

    @cached_property
    def actors(self) -> pd.DataFrame:
        from ..measures.actors import actor_summary

        return actor_summary(self.mentions, self.sentences)

    @cached_property
    def quotes(self) -> pd.DataFrame:
        from ..measures.sources import quotes

        return quotes(self.sentences, self.mentions, parse=self.parse)

    @cached_property
    def hedging(self) -> pd.DataFrame:
        from ..measures.sources import hedging

        return hedging(self.sentences, self.quotes, parse=self.parse)

    @cached_property
    def frames(self) -> pd.DataFrame:
        from ..measures.frames import frame_scores

        return frame_scores(self.sentences, self.parse, scheme=self.scheme)

    @cached_property
    def generic_frames(self) -> pd.DataFrame:
        from ..measures.frames import frame_scores

        if self.scheme == "generic":
            return self.frames
        return frame_scores(self.sentences, self.parse, scheme="generic")

    @cached_property
    def policy_frames(self) -> pd.DataFrame:
        from ..measures.frames import frame_scores

        if self.scheme == "policy":
            return self.frames
        return frame_scores(self.sentences, self.parse, scheme="policy")

    @cached_property
    def keywords(self) -> pd.DataFrame:
        from ..measures.keywords import keywords

        return keywords(self.sentences, top_n=20)

    @cached_property
    def keyphrases(self) -> pd.DataFrame:
        from ..measures.keywords import keyphrases

        return keyphrases(self.sentences, self.parse, top_n=12)

    @cached_property
    def loaded_language(self) -> pd.DataFrame:
        from ..measures.frames import loaded_language

        return loaded_language(self.sentences)

    @cached_property
    def actor_tone(self) -> pd.DataFrame:
        """Tone toward each actor mention (:func:`analysis.target_tone.actor_sentiment`)."""
        from ..measures.target_tone import actor_sentiment

        return actor_sentiment(
            self.sentences,
            self.mentions,
            quotes=self.quotes,
            events=self.economic_events,
            parse=self.parse,
        )

    # ------------------------------------------------------------- summary
    def summary(self) -> dict[str, Any]:
        """The article's one-row corpus metrics (see :func:`summary_columns`).

        The numbers are those of ``article_tone`` (means and shares of sentence tone),
        ``hedging_summary`` (per 1,000 words), ``frame_profile`` (cues per 1,000
        words, both schemes) and ``actor_summary`` (the three most mentioned actors),
        plus the share of attributed words by kind of source and the top five
        keyphrases; a test checks they agree with those functions.
        """
        table = self.sentences
        body = table[table["role"].isin(ANALYSED_ROLES)]
        n_words = int(body["n_words"].sum())
        article = self.article
        out: dict[str, Any] = dict.fromkeys(summary_columns())
        out.update(
            article_id=_given_id(article),
            title=article.title,
            outlet=article.outlet,
            date=article.date,
            status="ok",
            reason=None,
            n_sentences=len(body),
            n_words=n_words,
        )
        scores = self.tone
        scores = scores[scores["role"].isin(ANALYSED_ROLES)]  # as article_tone reads them
        if len(scores):
            labels = scores["tone"].to_numpy()
            out.update(
                polarity_mean=float(scores["polarity"].to_numpy(dtype=float).mean()),
                subjectivity_mean=float(scores["subjectivity"].to_numpy(dtype=float).mean()),
                vader_mean=float(scores["vader_compound"].to_numpy(dtype=float).mean()),
                news_mean=float(scores["news_compound"].to_numpy(dtype=float).mean()),
                share_negative=float(np.mean(labels == "negative")),
                share_neutral=float(np.mean(labels == "neutral")),
                share_positive=float(np.mean(labels == "positive")),
            )
        hedges = self.hedging
        if len(hedges) and n_words:
            words = int(hedges["n_words"].sum())
            per_1k = 1000 / words if words else np.nan
            out.update(
                hedges_per_1k=float(hedges["n_hedges"].sum() * per_1k),
                boosters_per_1k=float(hedges["n_boosters"].sum() * per_1k),
                share_attributed=float(hedges["attributed"].map(bool).mean()),
            )
        from ..measures.frames import load_scheme

        for name, scores_ in (("generic", self.generic_frames), ("policy", self.policy_frames)):
            counts: Counter = Counter()
            for frame, score in zip(scores_["frame"], scores_["score"], strict=True):
                counts[frame] += int(score)
            for frame in load_scheme(name).frames:
                out[f"{name}_{frame}"] = 1000 * counts[frame] / n_words if n_words else 0.0
        mentions = self.mentions
        first: dict[str, int] = {}
        for actor, sid in zip(mentions["actor"], mentions["sentence_id"], strict=True):
            first[actor] = min(first.get(actor, sid), sid)
        counted = Counter(mentions["actor"])
        ranked = sorted(counted, key=lambda a: (-counted[a], first[a], a))  # actor_summary's order
        out["top_actors"] = "; ".join(ranked[:3])
        out["n_actors"] = len(ranked)
        said = self.quotes
        words_by_type: Counter = Counter()
        for kind, n in zip(said["source_type"], said["n_words"], strict=True):
            words_by_type[kind] += n
        total = sum(words_by_type.values())
        for kind in SOURCE_TYPES:
            share = words_by_type[kind] / total if total else 0.0
            out[f"quoted_{kind.replace(' ', '_')}"] = share
        out["top_keyphrases"] = "; ".join(self.keyphrases["display"].head(5))
        return out


def _given_id(article: Article) -> str:
    """The id as the input gave it (a corpus's own ids stay joinable), else the slug."""
    given = article.metadata.get("id")
    if isinstance(given, str | int) and not isinstance(given, bool) and str(given).strip():
        return str(given).strip()
    return article.article_id


def analyse(
    article: Article,
    *,
    scheme: Any = "policy",
    aliases: Any = None,
    table: pd.DataFrame | None = None,
) -> ArticleAnalysis:
    """Analyse one article: its sentence table now, every other table on first use.

    Parameters
    ----------
    article : Article
        From :func:`analysis.load_article` or :meth:`Article.from_text`.
    scheme : "policy", "generic", path or mapping
        The frame lexicon of ``frames`` (the generic frames are always there too).
    aliases : path or mapping, optional
        Your actors and aliases for ``mentions`` (see :func:`analysis.actors.load_aliases`).
    table : DataFrame, optional
        The article's sentence table, when you already have it.

    Returns
    -------
    ArticleAnalysis
    """
    if not isinstance(article, Article):
        from ..errors import FramingError

        raise FramingError(
            f"analyse() takes an Article, not {type(article).__name__}; "
            "use load_article(path) or Article.from_text(text) first."
        )
    return ArticleAnalysis(
        article=article,
        sentences=sentences(article) if table is None else table,
        scheme=scheme,
        aliases=aliases,
    )
