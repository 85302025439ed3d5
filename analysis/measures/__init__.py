"""The measures, one method a module, each taking the one parse of an article (or its
sentence table, for those that read only words) and returning tidy tables.

============================  ===================================================
module                        what it measures
============================  ===================================================
:mod:`.keywords`              terms by TF-IDF
:mod:`.keyphrases`            noun phrases by PositionRank over the parse
:mod:`.keyness`               words used more than in another text or in English
:mod:`.kwic`                  a term in its context
:mod:`.tone`                  the tone of each sentence and of the article
:mod:`.economy`               economic movements read as news
:mod:`.target_tone`           tone toward each actor
:mod:`.actors`                who appears: mentions, actors, who appears with whom
:mod:`.attribution`           who says, believes, wants or shows what
:mod:`.hedging`               how sure the text is
:mod:`.frames`                frames from cue words, and a trained classifier
:mod:`.loaded_language`       loaded and evaluative words
:mod:`.topics`                topics over sentences, paragraphs or articles
============================  ===================================================
"""

from .actors import (
    MENTION_COLUMNS,
    SUMMARY_COLUMNS,
    actor_mentions,
    actor_summary,
    cooccurrence,
    load_aliases,
)
from .attribution import QUOTE_COLUMNS, load_reporting_verbs, quotes, source_shares
from .economy import EVENT_COLUMNS, economic_events
from .frames import (
    FRAME_SCORE_COLUMNS,
    PROFILE_COLUMNS,
    FrameClassifier,
    dominant_frames,
    frame_profile,
    frame_scores,
    load_scheme,
)
from .hedging import HEDGING_COLUMNS, HEDGING_SUMMARY_COLUMNS, hedging, hedging_summary
from .keyness import KEYNESS_COLUMNS, keyness
from .keyphrases import KEYPHRASE_COLUMNS, keyphrases
from .keywords import KEYWORD_COLUMNS, keywords
from .kwic import KWIC_COLUMNS, kwic
from .loaded_language import LOADED_COLUMNS, loaded_language
from .target_tone import ACTOR_SENTIMENT_COLUMNS, ACTOR_TONE_COLUMNS, actor_sentiment, actor_tone
from .tone import (
    SENTIMENT_COLUMNS,
    TONE_COLUMNS,
    article_tone,
    extreme_sentences,
    sentence_sentiment,
    sentiment_arc,
)
from .topics import TopicModel

__all__ = [
    "MENTION_COLUMNS",
    "SUMMARY_COLUMNS",
    "EVENT_COLUMNS",
    "FRAME_SCORE_COLUMNS",
    "PROFILE_COLUMNS",
    "HEDGING_COLUMNS",
    "HEDGING_SUMMARY_COLUMNS",
    "KEYNESS_COLUMNS",
    "KEYPHRASE_COLUMNS",
    "KEYWORD_COLUMNS",
    "KWIC_COLUMNS",
    "LOADED_COLUMNS",
    "ACTOR_SENTIMENT_COLUMNS",
    "ACTOR_TONE_COLUMNS",
    "SENTIMENT_COLUMNS",
    "TONE_COLUMNS",
    "actor_mentions",
    "actor_summary",
    "cooccurrence",
    "load_aliases",
    "quotes",
    "source_shares",
    "load_reporting_verbs",
    "QUOTE_COLUMNS",
    "economic_events",
    "FrameClassifier",
    "dominant_frames",
    "frame_profile",
    "frame_scores",
    "load_scheme",
    "hedging",
    "hedging_summary",
    "keyness",
    "keyphrases",
    "keywords",
    "kwic",
    "loaded_language",
    "actor_sentiment",
    "actor_tone",
    "article_tone",
    "extreme_sentences",
    "sentence_sentiment",
    "sentiment_arc",
    "TopicModel",
]
