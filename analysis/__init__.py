"""News framing analysis: load an article, build its sentence table, analyse it.

The path of the data::

    source (file, URL, HTML, CSV/JSONL corpus)
      -> Article            (analysis.loaders, analysis.article)
      -> sentence table     (analysis.sentences)
      -> analysis tables    (one module per analysis; analysis.analyse runs them all)
      -> figures            (analysis.plotting, analysis.report)
"""

from .errors import ArticleLoadError, EmptyArticleError, FramingError, InputSizeError
from .io.loaders import iter_corpus, load_article, load_corpus
from .paths import SEED_ARTICLE
from .pipeline.article import ArticleAnalysis, analyse
from .text.article import Article, NotEnglishWarning, Paragraph, Section
from .text.sentences import SENTENCE_COLUMNS, SkippedArticleWarning, sentences, split_sentences

__all__ = [
    "Article",
    "ArticleAnalysis",
    "analyse",
    "ArticleLoadError",
    "EmptyArticleError",
    "FramingError",
    "InputSizeError",
    "NotEnglishWarning",
    "Paragraph",
    "SEED_ARTICLE",
    "SENTENCE_COLUMNS",
    "Section",
    "SkippedArticleWarning",
    "iter_corpus",
    "load_article",
    "load_corpus",
    "sentences",
    "split_sentences",
]
__version__ = "0.1.0"
