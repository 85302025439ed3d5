"""Plot functions, one module a measure: tidy DataFrame in, ``ax=`` in, the Axes out.

They draw and nothing else: no ``plt.show()``, no saving, no global style changes (apply
the report style with ``matplotlib.style.context(analysis.paths.STYLE_FILE)``). Every
string from an article is drawn as written, never as mathtext (:func:`plain`). Saving
lives in :func:`save_figure`.
"""

from .actors import plot_actor_mentions, plot_cooccurrence, plot_hedging, plot_who_speaks
from .base import (
    CERTAINTY_COLORS,
    KIND_COLORS,
    ROLE_COLORS,
    SERIES_COLORS,
    SOURCE_COLORS,
    TONE_COLORS,
    TOPIC_COLORS,
    plain,
    save_figure,
)
from .corpus import plot_corpus_frames, plot_corpus_tone
from .frames import plot_frame_heatmap, plot_frame_panels, plot_frame_profile, plot_frame_strip
from .keywords import plot_keyness, plot_keywords, plot_term_scatter
from .structure import plot_structure
from .tone import (
    plot_actor_tone,
    plot_article_tone,
    plot_polarity_subjectivity,
    plot_sentiment_agreement,
    plot_tone_arc,
)
from .topics import plot_document_topics, plot_topic_prevalence, plot_topic_share, plot_topic_terms

__all__ = [
    "plain",
    "save_figure",
    "plot_structure",
    "plot_keywords",
    "plot_keyness",
    "plot_term_scatter",
    "plot_tone_arc",
    "plot_polarity_subjectivity",
    "plot_sentiment_agreement",
    "plot_article_tone",
    "plot_actor_tone",
    "plot_actor_mentions",
    "plot_who_speaks",
    "plot_cooccurrence",
    "plot_hedging",
    "plot_frame_profile",
    "plot_frame_panels",
    "plot_frame_heatmap",
    "plot_frame_strip",
    "plot_topic_terms",
    "plot_topic_prevalence",
    "plot_document_topics",
    "plot_topic_share",
    "plot_corpus_frames",
    "plot_corpus_tone",
    "ROLE_COLORS",
    "TONE_COLORS",
    "KIND_COLORS",
    "SOURCE_COLORS",
    "SERIES_COLORS",
    "TOPIC_COLORS",
    "CERTAINTY_COLORS",
]
