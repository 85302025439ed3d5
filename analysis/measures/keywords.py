"""Keywords: the terms of an article or a corpus ranked by TF-IDF (:func:`keywords`),
with the word n-gram reader the keyness functions share (:class:`NgramAnalyzer`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from wordfreq import zipf_frequency

from ..text.sentences import ANALYSED_ROLES, require_sentence_table
from ..text.tokens import StopWords, load_stop_words, token_spans

__all__ = ["keywords", "NgramAnalyzer", "select_roles", "zipf", "KEYWORD_COLUMNS"]

KEYWORD_COLUMNS = [
    "term",
    "display",
    "score",
    "rank",
    "count",
    "n_sentences",
    "n_articles",
    "sentence_ids",
]

Unit = Literal["sentence", "paragraph", "article"]


# ----------------------------------------------------------------- shared helpers
def select_roles(table: pd.DataFrame, roles: Sequence[str] | None) -> pd.DataFrame:
    require_sentence_table(table, "this analysis")
    if roles is not None and "role" in table.columns:
        table = table[table["role"].isin(list(roles))]
    return table


class NgramAnalyzer:
    """Word n-grams within a sentence, never across punctuation or stop words.

    Collects the surface forms seen for each key, for display.
    """

    def __init__(self, stop: frozenset[str], ngram_range: tuple[int, int]) -> None:
        self.stop = stop
        self.lo, self.hi = ngram_range
        self.surfaces: dict[str, Counter] = defaultdict(Counter)

    def __call__(self, text: str) -> list[str]:
        spans = token_spans(text)
        out: list[str] = []
        run: list[tuple[str, str, int, int]] = []
        for tok in [*spans, None]:
            if (
                tok is not None
                and tok[0] not in self.stop
                and len(tok[0]) > 1
                and (not run or not text[run[-1][3] : tok[2]].strip())
            ):
                run.append(tok)
                continue
            self._emit(run, text, out)
            run = [tok] if tok is not None and tok[0] not in self.stop and len(tok[0]) > 1 else []
        return out

    def _emit(self, run, text, out) -> None:
        for n in range(self.lo, min(self.hi, len(run)) + 1):
            for i in range(len(run) - n + 1):
                part = run[i : i + n]
                key = " ".join(t[0] for t in part)
                self.surfaces[key][text[part[0][2] : part[-1][3]]] += 1
                out.append(key)

    def display(self, key: str) -> str:
        """The most common surface; a lower-case one when the term was ever written so
        (Title Case headlines must not make "Security" out of "security")."""
        counts = self.surfaces.get(key)
        if not counts:
            return key
        lower = [(n, surface) for surface, n in counts.items() if surface.islower()]
        if lower and key.islower():
            return max(lower, key=lambda x: (x[0], x[1]))[1]
        return counts.most_common(1)[0][0]


def sentence_refs(table: pd.DataFrame) -> np.ndarray:
    """Sentence references: ints for one article, 'article_id:sentence_id' for several."""
    if table["article_id"].nunique() <= 1:
        return table["sentence_id"].to_numpy()
    return (table["article_id"].astype(str) + ":" + table["sentence_id"].astype(str)).to_numpy()


# ----------------------------------------------------------------- keywords
def keywords(
    sentences: pd.DataFrame,
    *,
    unit: Unit = "sentence",
    top_n: int | None = 20,
    ngram_range: tuple[int, int] = (1, 1),
    roles: Sequence[str] | None = ANALYSED_ROLES,
    stop_words: StopWords = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Rank the terms of one article or a corpus by TF-IDF.

    Each unit (sentence, paragraph or article) is a document for scikit-learn's
    ``CountVectorizer`` and ``TfidfTransformer`` (smoothed idf, l2-normalised rows); a
    term's score is the sum of its TF-IDF weights over all units, so it rewards terms
    that are frequent overall but not spread evenly through every unit.

    Parameters
    ----------
    sentences : DataFrame
        A sentence table (:func:`analysis.sentences`), one article or many.
    unit : {"sentence", "paragraph", "article"}
        What counts as a document for the idf. Use "article" for a corpus.
    top_n : int or None
        Keep the best ``top_n`` terms; ``None`` keeps all.
    ngram_range : (int, int)
        Word n-gram lengths, e.g. ``(1, 3)``; n-grams never cross punctuation or stop
        words.
    roles : sequence of str or None
        Sentence roles to use; by default headline, standfirst and body (headings and
        bylines are left out). ``None`` uses every sentence.
    stop_words : list, path or None
        Stop list; the package's list by default, ``[]`` for none.
    min_count : int
        Drop terms seen fewer times.

    Returns
    -------
    DataFrame
        ``term`` (the key: lower case except acronyms), ``display`` (the most common
        casing in the text), ``score``, ``rank`` (1 = best), ``count`` (occurrences),
        ``n_sentences`` (sentences containing it), ``n_articles``, ``sentence_ids``
        (list of the sentences it occurs in: ints for one article,
        ``"article_id:sentence_id"`` strings for several). Sorted by rank.
    """
    if unit not in ("sentence", "paragraph", "article"):
        raise ValueError(f"unit must be 'sentence', 'paragraph' or 'article', not {unit!r}")
    lo, hi = ngram_range
    if not (1 <= lo <= hi):
        raise ValueError(
            f"ngram_range must be (min, max) with 1 <= min <= max, not {ngram_range!r}"
        )
    table = select_roles(sentences, roles)
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in KEYWORD_COLUMNS})
    if table.empty:
        return empty
    analyzer = NgramAnalyzer(load_stop_words(stop_words), (lo, hi))
    vectorizer = CountVectorizer(analyzer=analyzer)
    try:
        counts = vectorizer.fit_transform(table["text_norm"].astype(str).tolist())
    except ValueError:  # empty vocabulary: only stop words
        return empty
    terms = vectorizer.get_feature_names_out()
    if unit == "sentence":
        unit_counts = counts
    else:
        keys = ["article_id", "paragraph_id"] if unit == "paragraph" else ["article_id"]
        codes = table.groupby(keys, sort=False).ngroup().to_numpy()
        grouping = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))))
        unit_counts = grouping @ counts
    weights = TfidfTransformer().fit_transform(unit_counts)
    score = np.asarray(weights.sum(axis=0)).ravel()
    total = np.asarray(counts.sum(axis=0)).ravel()
    presence = counts.tocsc()
    presence.data[:] = 1
    n_sentences = np.asarray(presence.sum(axis=0)).ravel()
    refs = sentence_refs(table)
    article_codes = pd.factorize(table["article_id"])[0]
    keep = np.flatnonzero(total >= min_count)
    order = keep[np.lexsort((terms[keep], -score[keep]))]
    if top_n is not None:
        order = order[:top_n]
    rows = []
    for rank, j in enumerate(order, 1):
        idx = presence.indices[presence.indptr[j] : presence.indptr[j + 1]]
        idx.sort()
        rows.append(
            {
                "term": terms[j],
                "display": analyzer.display(terms[j]),
                "score": float(score[j]),
                "rank": rank,
                "count": int(total[j]),
                "n_sentences": int(n_sentences[j]),
                "n_articles": int(len(np.unique(article_codes[idx]))),
                "sentence_ids": refs[idx].tolist(),
            }
        )
    return pd.DataFrame(rows, columns=KEYWORD_COLUMNS) if rows else empty


def zipf(word: str) -> float:
    """The word's frequency in general English on wordfreq's Zipf scale (log10 of its
    frequency per billion words; 0 for a word wordfreq does not know)."""
    return zipf_frequency(word, "en")
