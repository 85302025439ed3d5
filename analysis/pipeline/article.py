"""The per-article pipeline: every analysis of one article, each computed once, from one
parse, and the aggregates every view reads.

:func:`analyse` is the one place where the analyses are wired together. ``framing
report``, the notebooks, the comparison and the corpus run all read an
:class:`ArticleAnalysis`; no view computes a measure of its own::

    from analysis import analyse, load_article

    result = analyse(load_article("seeds/russia-iran-treaty.txt"))
    result.mentions          # actor mentions, computed on first use, then kept
    result.article_tone      # the article's tone with its interval
    result.summary()         # the one-row corpus metrics of this article

Each step is computed when first asked for and then kept, so a notebook that needs only
the tone pays only for the tone, and asking twice costs nothing. :data:`STEPS` says what
each step is and which steps it reads (its ``requires``), as spaCy's components declare
theirs. A saved analysis (:meth:`ArticleAnalysis.save`) is read back with every table
already there (:meth:`ArticleAnalysis.load`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from ..errors import FramingError
from ..measures.actors import actor_mentions, actor_summary, cooccurrence
from ..measures.attribution import quotes
from ..measures.economy import economic_events
from ..measures.frames import frame_profile, frame_scores, load_scheme
from ..measures.hedging import hedging, hedging_summary
from ..measures.keyness import keyness
from ..measures.keyphrases import keyphrases
from ..measures.keywords import keywords
from ..measures.loaded_language import loaded_language
from ..measures.target_tone import actor_sentiment, actor_tone
from ..measures.tone import article_tone, sentence_sentiment
from ..measures.topics import TopicModel
from ..nlp.parsing import Parse, parse
from ..text.article import Article
from ..text.sentences import sentences
from .corrections import (
    CORRECTION_COLUMNS,
    Correction,
    correct_frames,
    correct_mentions,
    correct_quotes,
    frame_label,
    load_corrections,
    log_row,
)
from .counts import Counts
from .findings import section_findings, summary_statements
from .saved import load_result, result_tables, save_result
from .summary import given_id, summary_row

__all__ = ["ArticleAnalysis", "analyse", "STEPS", "Counts"]

#: Every step of the pipeline: what it is, and the steps it reads.
STEPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "sentences": ("the sentence table (analysis.sentences)", ()),
    "parse": ("spaCy's parse of every sentence, made once", ("sentences",)),
    "counts": ("sentences, words, paragraphs and sections: the one count", ("sentences",)),
    "economic_events": ("movements of economic indicators", ("parse",)),
    "tone": ("the tone of each sentence", ("parse", "economic_events")),
    "article_tone": ("the article's tone with a bootstrap interval", ("tone",)),
    "section_tone": ("the tone of each section", ("tone",)),
    "mentions": ("every actor mention", ("parse",)),
    "actors": ("one row an actor", ("mentions",)),
    "cooccurrence": ("which actors appear in the same sentence", ("mentions",)),
    "quotes": ("who says, believes, wants or shows what", ("parse", "mentions")),
    "hedging": ("hedges and boosters of each sentence", ("parse", "quotes")),
    "hedging_rates": ("hedges and boosters per 1,000 words", ("hedging",)),
    "hedging_by_section": ("the same by section", ("hedging",)),
    "policy_frames": ("policy frame cues of each sentence", ("parse",)),
    "generic_frames": ("generic frame cues of each sentence", ("parse",)),
    "frame_profile": ("each frame's share of the article, both schemes", ("policy_frames",)),
    "keywords": ("terms by TF-IDF", ("sentences",)),
    "keyphrases": ("noun phrases by PositionRank", ("parse",)),
    "keyness": ("words used more than in general English", ("sentences",)),
    "loaded_language": ("loaded and evaluative words", ("sentences",)),
    "mention_tone": ("tone toward each actor mention", ("parse", "mentions", "quotes")),
    "actor_tone": ("tone toward each actor, with an interval", ("mention_tone",)),
    "topic_model": ("topics over the sentences (NMF)", ("parse",)),
    "corrections": (
        "the corrections by hand applied, and to how many rows",
        ("mentions", "quotes", "policy_frames", "generic_frames"),
    ),
    "frame_label": ("the article's frame: by its cues, or set by hand", ("frame_profile",)),
    "findings": ("what each section says, from the tables", ("*",)),
    "summary_statements": ("the Summary: statements with their evidence", ("findings",)),
}


@dataclass
class ArticleAnalysis:
    """Every analysis of one article; tables are computed on first use, then kept.

    Build it with :func:`analyse`. Attributes are the analysis tables (see
    :data:`STEPS`), with the columns their functions document, and the aggregates the
    views read: ``counts``, ``article_tone``, ``section_tone``, ``actor_tone``,
    ``hedging_rates``, ``frame_profile``, ``topic_terms``, ``sentence_topics``,
    ``findings`` and ``summary_statements``.
    """

    article: Article
    sentences: pd.DataFrame
    scheme: Any = "policy"
    aliases: Any = None
    #: corrections by hand (:mod:`analysis.pipeline.corrections`): a file, a mapping
    #: or :class:`~analysis.pipeline.corrections.Corrections`
    corrections: Any = None
    _logs: dict = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def fixes(self) -> list[Correction]:
        """The corrections by hand of this article, in the file's order."""
        if self.corrections is None:
            return []
        fixes = load_corrections(self.corrections)
        given = given_id(self.article)
        found = fixes.for_article(given)
        if not found and given != self.article.article_id:
            found = fixes.for_article(self.article.article_id)
        return found

    # ------------------------------------------------------------- the parse
    @cached_property
    def parse(self) -> Parse:
        """spaCy's parse of the sentences (:func:`analysis.nlp.parse`), made once and
        read by every measure that needs it."""
        return parse(self.sentences)

    @cached_property
    def counts(self) -> Counts:
        return Counts.of(self.sentences)

    # ------------------------------------------------------------- measures
    @cached_property
    def economic_events(self) -> pd.DataFrame:
        return economic_events(self.parse)

    @cached_property
    def tone(self) -> pd.DataFrame:
        return sentence_sentiment(self.parse, events=self.economic_events)

    @cached_property
    def mentions(self) -> pd.DataFrame:
        table = actor_mentions(self.parse, aliases=self.aliases)
        if not self.fixes:
            return table
        table, self._logs["mentions"] = correct_mentions(table, self.fixes)
        return table

    @cached_property
    def actors(self) -> pd.DataFrame:
        return actor_summary(self.mentions, self.sentences)

    @cached_property
    def cooccurrence(self) -> pd.DataFrame:
        return cooccurrence(self.mentions)[0]

    @cached_property
    def quotes(self) -> pd.DataFrame:
        table = quotes(self.parse, self.mentions, aliases=self.aliases)
        if not self.fixes:
            return table
        table, self._logs["quotes"] = correct_quotes(
            table,
            self.fixes,
            mentions=self.mentions,
            sentences=self.sentences,
            text=self.article.text,
        )
        return table

    @cached_property
    def hedging(self) -> pd.DataFrame:
        return hedging(self.parse, self.quotes)

    @cached_property
    def policy_frames(self) -> pd.DataFrame:
        if self._drops_cues:
            return self._corrected_frames["policy"]
        return frame_scores(self.parse, scheme=self.scheme)

    @cached_property
    def generic_frames(self) -> pd.DataFrame:
        if self._drops_cues:
            return self._corrected_frames["generic"]
        return frame_scores(self.parse, scheme="generic")

    @property
    def _drops_cues(self) -> bool:
        return any(c.action == "drop cue" for c in self.fixes)

    @cached_property
    def _corrected_frames(self) -> dict[str, pd.DataFrame]:
        raw = {
            "policy": frame_scores(self.parse, scheme=self.scheme),
            "generic": frame_scores(self.parse, scheme="generic"),
        }
        tables, self._logs["frames"] = correct_frames(raw, self.fixes)
        return tables

    @property
    def frames(self) -> pd.DataFrame:
        """The frame scores of the chosen scheme (``policy_frames``)."""
        return self.policy_frames

    @cached_property
    def keywords(self) -> pd.DataFrame:
        return keywords(self.sentences, top_n=20)

    @cached_property
    def keyphrases(self) -> pd.DataFrame:
        return keyphrases(self.parse, top_n=12)

    @cached_property
    def keyness(self) -> pd.DataFrame:
        return keyness(self.sentences)

    @cached_property
    def loaded_language(self) -> pd.DataFrame:
        return loaded_language(self.sentences)

    @cached_property
    def mention_tone(self) -> pd.DataFrame:
        """Tone toward each actor mention (:func:`analysis.measures.target_tone.actor_sentiment`)."""
        return actor_sentiment(
            self.parse, self.mentions, quotes=self.quotes, events=self.economic_events
        )

    # ------------------------------------------------------------- aggregates
    @cached_property
    def article_tone(self) -> pd.DataFrame:
        """One row: the article's mean tone with its 95% bootstrap interval."""
        return article_tone(self.tone)

    @cached_property
    def section_tone(self) -> pd.DataFrame:
        return article_tone(self.tone, by="section")

    @cached_property
    def actor_tone(self) -> pd.DataFrame:
        """Tone toward each actor: the mean over its mentions with an interval."""
        return actor_tone(self.mention_tone)

    @cached_property
    def hedging_rates(self) -> pd.DataFrame:
        return hedging_summary(self.hedging)

    @cached_property
    def hedging_by_section(self) -> pd.DataFrame:
        return hedging_summary(self.hedging, by="section")

    @cached_property
    def frame_profile(self) -> pd.DataFrame:
        """Each frame's share of the article, the chosen scheme first and then the
        generic news frames (``scheme`` says which)."""
        policy = frame_profile(self.policy_frames).assign(scheme="policy")
        generic = frame_profile(self.generic_frames).assign(scheme="generic")
        return pd.concat([policy, generic], ignore_index=True)

    @cached_property
    def topic_model(self) -> TopicModel:
        """Topics over the article's sentences (NMF, the number chosen by coherence);
        warnings (too few sentences) are kept in ``topic_notes``."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                model = TopicModel("auto", unit="sentence").fit(self.parse)
            except FramingError as exc:
                model = None
                caught.append(warnings.WarningMessage(str(exc), UserWarning, "", 0))
        self.__dict__["topic_notes"] = [str(w.message) for w in caught]
        return model

    @property
    def topic_notes(self) -> list[str]:
        self.topic_model  # noqa: B018 - fitting fills the notes
        return self.__dict__.get("topic_notes", [])

    @cached_property
    def topic_terms(self) -> pd.DataFrame:
        model = self.topic_model
        if model is None:
            return pd.DataFrame(columns=["topic", "label", "term", "display", "weight", "rank"])
        return model.topic_terms_

    @cached_property
    def sentence_topics(self) -> pd.DataFrame:
        model = self.topic_model
        if model is None:
            return pd.DataFrame(
                columns=["article_id", "sentence_id", "position", "section", "topic", "weight"]
            )
        return model.document_topics_

    @cached_property
    def frame_label(self) -> dict:
        """The article's frame: ``frame`` (a key of the policy scheme), ``label``, and
        ``set_by``: "cues" (the frame with the most cues) or "hand" (a ``set frame``
        correction); ``frame`` is None when no policy cue occurs and none was set."""
        frames = dict(load_scheme(self.scheme).labels)
        out = frame_label(self.frame_profile, self.fixes, frames)
        self._logs["frame"] = [log_row(c, 1) for c in self.fixes if c.action == "set frame"]
        out["label"] = frames.get(out["frame"])
        return out

    @cached_property
    def corrections_applied(self) -> pd.DataFrame:
        """The corrections by hand applied to this article, one row each: its ``line``
        in the file, ``action``, ``target``, ``rows_changed`` (mentions, attributions or
        cue occurrences changed) and ``status`` ("applied", or "no match" when its unit
        is no longer in the article: it was left out, with a warning), and ``why``."""
        for step in ("mentions", "quotes", "policy_frames", "frame_label"):
            getattr(self, step)
        rows = [row for log in self._logs.values() for row in log]
        table = pd.DataFrame(rows, columns=CORRECTION_COLUMNS)
        return table.sort_values("line", kind="mergesort").reset_index(drop=True)

    @cached_property
    def findings(self) -> dict:
        """What each report section states, computed from the tables
        (:func:`analysis.pipeline.findings.section_findings`)."""

        return section_findings(self)

    @cached_property
    def summary_statements(self) -> list:
        """The Summary: the statements the evidence carries
        (:func:`analysis.pipeline.findings.summary_statements`)."""

        return summary_statements(self)

    # ------------------------------------------------------------- views of it
    def summary(self) -> dict[str, Any]:
        """The article's one-row corpus metrics (see :func:`summary_columns`), read
        from the aggregates above; a corpus run stores exactly this row."""

        return summary_row(self)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table of the analysis by name, as :meth:`save` writes them."""

        return result_tables(self)

    def save(self, folder) -> None:
        """Write every table (CSV, with a data package that describes them) and the
        article into ``folder/data``; :meth:`load` reads them back."""

        save_result(self, folder)

    @classmethod
    def load(cls, folder, article: Article | None = None) -> ArticleAnalysis:
        """An analysis saved by :meth:`save`, every saved table already there; what
        was not saved (the parse) is computed when asked for."""

        return load_result(cls, folder, article)


def analyse(
    article: Article,
    *,
    scheme: Any = "policy",
    aliases: Any = None,
    table: pd.DataFrame | None = None,
    corrections: Any = None,
) -> ArticleAnalysis:
    """Analyse one article: its sentence table now, every other table on first use.

    Parameters
    ----------
    article : Article
        From :func:`analysis.load_article` or :meth:`Article.from_text`.
    scheme : "policy", "generic", path or mapping
        The frame lexicon of ``policy_frames`` (the generic frames are always there too).
    aliases : path or mapping, optional
        Your actors and aliases for ``mentions`` (see
        :func:`analysis.measures.actors.load_aliases`).
    table : DataFrame, optional
        The article's sentence table, when you already have it.
    corrections : path, mapping or Corrections, optional
        Corrections by hand (see :mod:`analysis.pipeline.corrections`), applied to
        every table they touch; read and checked now, so a malformed file fails before
        any analysis.

    Returns
    -------
    ArticleAnalysis
    """
    if not isinstance(article, Article):
        raise FramingError(
            f"analyse() takes an Article, not {type(article).__name__}; "
            "use load_article(path) or Article.from_text(text) first."
        )
    result = ArticleAnalysis(
        article=article,
        sentences=sentences(article) if table is None else table,
        scheme=scheme,
        aliases=aliases,
        corrections=None if corrections is None else load_corrections(corrections),
    )
    result.fixes  # noqa: B018 - a file for another article fails now, not mid-report
    return result
