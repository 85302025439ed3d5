"""News framing analysis: load an article, build its sentence table, analyse it.

The path of the data, one subpackage a step::

    source (file, URL, HTML, CSV/JSONL corpus)
      -> Article                analysis.io (loaders), analysis.text (article)
      -> sentence table         analysis.text (sentences, the one word count)
      -> parse                  analysis.nlp (the only place spaCy runs)
      -> measures               analysis.measures (one method a module, lexicons
                                from analysis.lexicons)
      -> ArticleAnalysis        analysis.pipeline (every table once, the aggregates,
                                the findings, save/load; the corpus run)
      -> views                  analysis.report (figures, report.html, comparison,
                                corpus page, notebook helpers); analysis.cli
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .errors import ArticleLoadError, EmptyArticleError, FramingError, InputSizeError
from .paths import SEED_ARTICLE
from .version import __version__

#: Public names loaded on first use (PEP 562), so that ``import analysis.errors`` or
#: ``framing --version`` does not load spaCy and scikit-learn: name -> module.
_LAZY = {
    "Article": ".text.article",
    "NotEnglishWarning": ".text.article",
    "Paragraph": ".text.article",
    "Section": ".text.article",
    "SENTENCE_COLUMNS": ".text.sentences",
    "SkippedArticleWarning": ".text.sentences",
    "sentences": ".text.sentences",
    "split_sentences": ".text.sentences",
    "iter_corpus": ".io.loaders",
    "load_article": ".io.loaders",
    "load_corpus": ".io.loaders",
    "ArticleAnalysis": ".pipeline.article",
    "analyse": ".pipeline.article",
}

if TYPE_CHECKING:  # for type checkers and IDEs: the same names, imported eagerly
    from .io.loaders import iter_corpus, load_article, load_corpus
    from .pipeline.article import ArticleAnalysis, analyse
    from .text.article import Article, NotEnglishWarning, Paragraph, Section
    from .text.sentences import (
        SENTENCE_COLUMNS,
        SkippedArticleWarning,
        sentences,
        split_sentences,
    )


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


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
    "__version__",
]
