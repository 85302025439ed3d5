"""Topics: reproducible topic models for one article (sentences or paragraphs as units)
and for corpora (articles as units).

:class:`TopicModel` follows scikit-learn's estimator conventions: ``__init__`` stores,
``fit`` learns and returns ``self``, learned tables end in ``_``. Terms come from the
keyword module's tokenisation (keeps "U.S.", folds case except acronyms, the package's
stop list), counted by lemma for sentence and paragraph units ("blog" and "blogs" are
one term; for article units a plural with its singular). NMF (default) factorises a TF-IDF matrix with sublinear term frequency and
the deterministic NNDSVDa start; LDA uses raw counts. The same input and
``random_state`` always give the same tables.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from ..errors import FramingError
from ..nlp.lemmas import lemma_texts, noun_singulars
from ..nlp.parsing import Parse
from ..text.normalize import normalize
from ..text.sentences import ANALYSED_ROLES
from ..text.tokens import StopWords, load_stop_words
from .estimators import NotFittedError
from .keywords import NgramAnalyzer

__all__ = ["TopicModel", "TOPIC_TERM_COLUMNS", "FewUnitsWarning"]

TOPIC_TERM_COLUMNS = ["topic", "label", "term", "display", "weight", "rank"]


class FewUnitsWarning(UserWarning):
    """Too few units for the number of topics asked for; fewer topics were fitted."""


class TopicModel(TransformerMixin, BaseEstimator):
    """Topic model over sentences, paragraphs or articles.

    Parameters
    ----------
    n_topics : int or "auto"
        Number of topics. ``"auto"`` fits every k from 2 up to ``max_auto_topics``
        and at most sqrt(n_units / 2) (a rule of thumb for the number of clusters,
        Mardia et al. 1979) and keeps the k whose topics are most coherent:
        the mean normalised pointwise mutual information (NPMI; Bouma 2009, as in
        Röder et al. 2015) of each topic's top ten terms, counted over the units
        themselves. The candidates are fitted to a looser tolerance and the chosen
        one is carried on to the full one, so "auto" costs at most about twice a
        fixed-k fit (1.7-2.0x on 450 news stories, where it picks 9 topics for 10
        categories, NMI 0.473 against 0.526 at k = 10). With fewer than six units it
        fits one topic and warns.
    method : {"nmf", "lda"}
        Non-negative matrix factorisation of TF-IDF, or latent Dirichlet allocation
        of counts.
    unit : {"sentence", "paragraph", "article"}
        What a document is. For a corpus use "article".
    random_state : int
    ngram_range : (int, int)
        ``(1, 2)`` adds two-word phrases ("strategic partnership") as terms; phrases
        never cross punctuation or stop words.
    min_df : int or float
        Ignore terms in fewer units (or a smaller share of them).
    max_df : float
        Ignore terms in a larger share of units (too common to separate topics).
        Both limits apply from 20 units up; a short article keeps every term.
    max_auto_topics : int
    n_top_terms : int
        Terms kept per topic in ``topic_terms_``.
    roles : sequence of str or None
        Sentence roles used (headline, standfirst, body by default).
    stop_words : list, path or None
    lemmatize : bool or None
        Count words by their lemma, read from the parse the model is fitted on
        (:func:`analysis.nlp.lemmas.lemma_texts`: "blogs" and "blog" are one term,
        "rose" after "prices" is "rise"). ``None`` (default) counts lemmas of sentence
        and paragraph units, so fit them on the parse (``TopicModel().fit(parsed)``);
        article units are counted as written (a corpus is not parsed for topics), but a plural that is a
        term with its singular is counted with it ("calories" with "calorie", names
        and "news" kept; see ``analysis.nlp.noun_singulars``), which lifts NMI against
        the categories of 450 news stories from 0.465 to 0.526. ``False`` counts words
        as written.

    Attributes
    ----------
    n_topics_ : int
        The number of topics fitted.
    topic_terms_ : DataFrame
        ``topic``, ``label``, ``term``, ``display``, ``weight``, ``rank``.
    document_topics_ : DataFrame
        One row per unit and topic: the unit's key columns (``article_id``, and
        ``sentence_id`` or ``paragraph_id``), ``position`` (0-1 through its article,
        for sentences and paragraphs), ``section`` where known, ``topic``, ``weight``
        (the unit's topic mix, summing to 1; 0 for units with no terms).
    labels_ : dict
        Topic number -> readable label from its top three terms.
    fold_ : sparse matrix or None
        How the vectoriser's terms were summed into ``terms_`` (plurals into their
        singulars), or None when nothing was folded.
    selection_ : DataFrame or None
        For ``n_topics="auto"``: ``k`` and ``coherence`` of every candidate.
    """

    def __init__(
        self,
        n_topics: int | Literal["auto"] = "auto",
        *,
        method: Literal["nmf", "lda"] = "nmf",
        unit: Literal["sentence", "paragraph", "article"] = "sentence",
        random_state: int = 0,
        ngram_range: tuple[int, int] = (1, 1),
        min_df: int | float = 2,
        max_df: float = 0.5,
        max_auto_topics: int = 10,
        n_top_terms: int = 10,
        roles: Sequence[str] | None = ANALYSED_ROLES,
        stop_words: StopWords = None,
        lemmatize: bool | None = None,
    ) -> None:
        self.n_topics = n_topics
        self.method = method
        self.unit = unit
        self.random_state = random_state
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.max_auto_topics = max_auto_topics
        self.n_top_terms = n_top_terms
        self.roles = roles
        self.stop_words = stop_words
        self.lemmatize = lemmatize

    def _lemmatizes(self) -> bool:
        return self.unit != "article" if self.lemmatize is None else bool(self.lemmatize)

    # ------------------------------------------------------------------ units
    def _units(self, data) -> tuple[pd.DataFrame, list[str]]:
        """Key columns of each unit and its text (its lemmas, read from the parse, when
        the model counts lemmas)."""
        if isinstance(data, Parse):
            return self._table_units(data.sentences, lemma_texts(data))
        if self._lemmatizes():
            raise FramingError(
                f"TopicModel(unit={self.unit!r}) counts words by their lemma, read from the "
                "parse: fit it on analysis.nlp.parse(table) (analyse() does), or pass "
                "lemmatize=False to count words as written."
            )
        if isinstance(data, pd.Series) or (
            isinstance(data, list | tuple) and all(isinstance(t, str) for t in data)
        ):
            texts = [str(t) for t in data]
            return pd.DataFrame({"article_id": [str(i) for i in range(len(texts))]}), texts
        if not isinstance(data, pd.DataFrame):
            raise FramingError(
                "TopicModel.fit takes a sentence table, a DataFrame of articles (article_id, text) or a list of texts."
            )
        if "text_norm" in data.columns:  # a sentence table
            return self._table_units(data, None)
        if {"article_id", "text"} <= set(data.columns):
            if self.unit != "article":
                raise FramingError(
                    f"unit={self.unit!r} needs a sentence table; build it with analysis.sentences(articles) or use unit='article'."
                )

            return data[["article_id"]].reset_index(drop=True), [
                normalize(str(t)) for t in data["text"]
            ]
        raise FramingError(
            f"cannot find the text: the DataFrame has {list(data.columns)}; expected a sentence table or article_id and text columns."
        )

    def _table_units(self, data: pd.DataFrame, lemmas: dict | None):
        """Units of a sentence table: sentences, or the sentences of each paragraph or
        article joined; their lemma texts (``lemmas``: by (article, sentence)) when given."""
        table = (
            data
            if self.roles is None or "role" not in data.columns
            else data[data["role"].isin(list(self.roles))]
        )
        if lemmas is not None:
            keys_ = zip(table["article_id"], table["sentence_id"], strict=True)
            table = table.assign(text_norm=[lemmas[(a, int(s))] for a, s in keys_])
        if self.unit == "sentence":
            keys = table[["article_id", "sentence_id"]].reset_index(drop=True)
            keys["position"] = _positions(table)
            keys["section"] = table["section"].to_numpy() if "section" in table.columns else None
            return keys, table["text_norm"].astype(str).tolist()
        by = ["article_id", "paragraph_id"] if self.unit == "paragraph" else ["article_id"]
        grouped = table.groupby(by, sort=False)
        keys = grouped.size().reset_index()[by]
        texts = grouped["text_norm"].agg(" ".join).tolist()
        if self.unit == "paragraph":
            keys["position"] = _positions(keys)
            keys["section"] = (
                grouped["section"].first().to_numpy() if "section" in table.columns else None
            )
        return keys, texts

    # ------------------------------------------------------------------ fit
    def _check(self) -> None:
        if self.method not in ("nmf", "lda"):
            raise ValueError(f"method must be 'nmf' or 'lda', not {self.method!r}")
        if self.unit not in ("sentence", "paragraph", "article"):
            raise ValueError(
                f"unit must be 'sentence', 'paragraph' or 'article', not {self.unit!r}"
            )
        if self.n_topics != "auto" and (
            not isinstance(self.n_topics, int | np.integer) or self.n_topics < 1
        ):
            raise ValueError(f"n_topics must be 'auto' or a positive int, not {self.n_topics!r}")

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False  # sentence tables or texts, not a matrix
        tags.input_tags.string = True
        return tags

    def fit(self, data, y=None) -> TopicModel:
        """Learn topics from a sentence table, a DataFrame of articles or a list of texts."""
        self._check()
        keys, texts = self._units(data)
        if not texts:
            raise FramingError(
                "TopicModel.fit got no text: the input is empty (or has no sentences of the chosen roles)."
            )
        self.analyzer_ = NgramAnalyzer(load_stop_words(self.stop_words), tuple(self.ngram_range))
        n_units = len(texts)
        min_df, max_df = self.min_df, self.max_df
        if n_units < 20:  # document-frequency limits make no sense on a handful of units
            min_df, max_df = 1, 1.0
        self.vectorizer_ = CountVectorizer(analyzer=self.analyzer_, min_df=min_df, max_df=max_df)
        try:
            counts = self.vectorizer_.fit_transform(texts)
        except ValueError:
            raise FramingError(
                "TopicModel.fit found no terms: the text has only stop words or is too short."
            ) from None
        self.terms_ = self.vectorizer_.get_feature_names_out()
        self.fold_ = None
        if self.lemmatize is None and not self._lemmatizes():
            counts = self._fold_plurals(counts)
        self.tfidf_ = TfidfTransformer(sublinear_tf=True).fit(counts)
        matrix = self._matrix(counts)
        usable = int((counts.sum(axis=1) > 0).sum())
        self.selection_ = None
        start = None  # where an automatic choice's candidate fit ended
        if self.n_topics == "auto":
            if usable < 6:
                warnings.warn(
                    f"only {usable} unit(s) with terms: fitting one topic (use unit='sentence' or more text for more)",
                    FewUnitsWarning,
                    stacklevel=2,
                )
                k = 1
            else:
                k, start = self._choose_k(matrix, counts, usable)
        else:
            k = int(self.n_topics)
            if k > max(1, min(usable, len(self.terms_))):
                k = max(1, min(usable, len(self.terms_)))
                warnings.warn(
                    f"{self.n_topics} topics asked for but only {usable} unit(s) and {len(self.terms_)} term(s): fitting {k}",
                    FewUnitsWarning,
                    stacklevel=2,
                )
        self.model_, _ = self._fit_model(matrix, k, start=start)
        self.n_topics_ = k
        components = self.model_.components_
        self.topic_terms_ = self._topic_terms(components)
        self.labels_ = {
            t: " / ".join(self.topic_terms_[self.topic_terms_["topic"] == t]["display"].head(3))
            for t in range(k)
        }
        self.topic_terms_["label"] = self.topic_terms_["topic"].map(self.labels_)
        self.topic_terms_ = self.topic_terms_[TOPIC_TERM_COLUMNS]
        self.document_topics_ = self._document_topics(keys, self.model_.transform(matrix))
        return self

    def _fold_plurals(self, counts):
        """Count a plural with its singular when both are terms ("calories" with
        "calorie"): the cheap stand-in for lemmas where units are not tagged (article
        units). One of the two must be written in lower case somewhere ("Restaurants"
        at the start of a sentence folds into "restaurant"), so a name stays ("Evans"
        and "Evan", "Dodgers"); the mapping is kept in ``fold_`` for ``transform``."""
        terms = [str(t) for t in self.terms_]

        def lower(term: str) -> bool:
            return any(s.islower() for s in self.analyzer_.surfaces.get(term, ()))

        into = {
            plural: singular
            for plural, singular in noun_singulars(terms).items()
            if lower(plural) or lower(singular)
        }
        if not into:
            return counts
        for plural, singular in into.items():  # "proses" -> "pros" -> "pro"
            while singular in into:
                singular = into[singular]
            into[plural] = singular
        kept = [t for t in terms if t not in into]
        column = {t: j for j, t in enumerate(kept)}
        rows = np.arange(len(terms))
        cols = np.array([column[into.get(t, t)] for t in terms])
        self.fold_ = sparse.csr_matrix(
            (np.ones(len(terms)), (rows, cols)), shape=(len(terms), len(kept))
        )
        self.terms_ = np.array(kept, dtype=object)
        return (counts @ self.fold_).tocsr()

    def _counts(self, texts: list[str]):
        """Term counts of new units, folded as at fit time."""
        counts = self.vectorizer_.transform(texts)
        return counts if self.fold_ is None else (counts @ self.fold_).tocsr()

    def _matrix(self, counts):
        return self.tfidf_.transform(counts) if self.method == "nmf" else counts

    def _fit_model(self, matrix, k: int, quick: bool = False, start=None):
        """One fit. ``quick`` (the candidates of ``n_topics="auto"``) stops NMF at a
        looser tolerance (2e-3 instead of 1e-4): on 500N-KPCrowd the candidates'
        coherence moves by at most 0.02 and the same k wins, in about half the time.
        ``start`` (the chosen candidate's ``(W, H)``) continues from it to the full
        tolerance instead of starting over. Returns the model and, for NMF, the
        ``(W, H)`` it ended at."""
        with warnings.catch_warnings(), np.errstate(invalid="ignore"):
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", RuntimeWarning)  # NNDSVD on a single unit
            if self.method == "nmf":
                model = NMF(
                    n_components=k,
                    init="nndsvda" if start is None else "custom",
                    random_state=self.random_state,
                    max_iter=400,
                    tol=2e-3 if quick else 1e-4,
                )
                if start is None:
                    w = model.fit_transform(matrix)
                else:
                    w = model.fit_transform(matrix, W=start[0].copy(), H=start[1].copy())
                return model, (w, model.components_)
            model = LatentDirichletAllocation(
                n_components=k,
                learning_method="batch",
                random_state=self.random_state,
                max_iter=50,
            )
            return model.fit(matrix), None

    def _choose_k(self, matrix, counts, usable: int) -> tuple[int, tuple | None]:
        """The chosen k and where its candidate fit ended (to continue from)."""
        # the range fits the data: at most sqrt(n / 2) topics for n units (the rule of
        # thumb for the number of clusters, Mardia et al. 1979), so a short article gets
        # two to four; within it the most coherent k wins
        top = max(2, min(self.max_auto_topics, int(np.sqrt(usable / 2)), len(self.terms_) // 2))
        candidates = list(range(2, top + 1)) or [2]
        binary = (counts > 0).astype(np.float64).tocsc()
        rows, starts = [], {}
        for k in candidates:
            model, starts[k] = self._fit_model(matrix, k, quick=True)
            rows.append({"k": k, "coherence": _npmi(model.components_, binary, n_terms=10)})
        self.selection_ = pd.DataFrame(rows)
        best = self.selection_.sort_values(
            ["coherence", "k"], ascending=[False, True], kind="mergesort"
        ).iloc[0]
        return int(best["k"]), starts[int(best["k"])]

    def _topic_terms(self, components: np.ndarray) -> pd.DataFrame:
        rows = []
        for t, weights in enumerate(components):
            order = np.lexsort((self.terms_, -weights))[: self.n_top_terms]
            for rank, j in enumerate(order, 1):
                if weights[j] <= 0:
                    break
                rows.append(
                    {
                        "topic": t,
                        "term": self.terms_[j],
                        "display": self.analyzer_.display(self.terms_[j]),
                        "weight": float(weights[j]),
                        "rank": rank,
                    }
                )
        return pd.DataFrame(rows, columns=["topic", "term", "display", "weight", "rank"])

    def _document_topics(self, keys: pd.DataFrame, weights: np.ndarray) -> pd.DataFrame:
        totals = weights.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            shares = np.where(totals > 0, weights / np.where(totals > 0, totals, 1), 0.0)
        k = shares.shape[1]
        frame = keys.loc[keys.index.repeat(k)].reset_index(drop=True)
        frame["topic"] = np.tile(np.arange(k), len(keys))
        frame["weight"] = shares.ravel()
        return frame

    # ------------------------------------------------------------------ use
    def transform(self, data) -> pd.DataFrame:
        """The topic mix of new units, in the same tidy shape as ``document_topics_``."""
        if not hasattr(self, "model_"):
            raise NotFittedError("This TopicModel is not fitted yet; call fit() first.")
        keys, texts = self._units(data)
        if not texts:
            return self.document_topics_.iloc[0:0].copy()
        counts = self._counts(texts)
        return self._document_topics(keys, self.model_.transform(self._matrix(counts)))

    def examples(self, sentences: pd.DataFrame, *, per_topic: int = 2) -> pd.DataFrame:
        """The units that carry each topic most, with their text, to read what it is.

        Parameters
        ----------
        sentences : DataFrame
            The sentence table the model was fitted on.
        per_topic : int
            Units shown per topic, strongest first.

        Returns
        -------
        DataFrame
            ``topic``, ``label``, the unit's key (``sentence_id``, ``paragraph_id`` or
            ``article_id``), ``weight`` and ``text``.
        """
        key = {"sentence": "sentence_id", "paragraph": "paragraph_id"}.get(self.unit, "article_id")
        dominant = self.dominant_topics()
        texts = sentences.groupby(key)["text"].agg(" ".join)
        dominant = dominant.assign(text=dominant[key].map(texts))
        best = dominant.sort_values(["topic", "weight"], ascending=[True, False], kind="mergesort")
        columns = ["topic", "label", key, "weight", "text"]
        return best.groupby("topic").head(per_topic)[columns].reset_index(drop=True)

    def dominant_topics(self) -> pd.DataFrame:
        """Each unit's strongest topic: the key columns, ``topic``, ``label``, ``weight``."""
        if not hasattr(self, "model_"):
            raise NotFittedError("This TopicModel is not fitted yet; call fit() first.")
        data = self.document_topics_
        keys = [c for c in data.columns if c not in ("topic", "weight", "position", "section")]
        best = data.sort_values(
            keys + ["weight", "topic"],
            ascending=[True] * len(keys) + [False, True],
            kind="mergesort",
        ).drop_duplicates(keys)
        best = best.assign(label=best["topic"].map(self.labels_))
        order = self.document_topics_.drop_duplicates(keys)[keys]
        return order.merge(best, on=keys, how="left").reset_index(drop=True)


def _positions(table: pd.DataFrame) -> np.ndarray:
    out = np.zeros(len(table))
    start = 0
    for _, size in table.groupby("article_id", sort=False).size().items():
        out[start : start + size] = np.linspace(0, 1, size) if size > 1 else 0.0
        start += size
    return out


def _npmi(components: np.ndarray, binary, n_terms: int = 10) -> float:
    """Mean NPMI over pairs of each topic's top terms, from co-occurrence in the units."""
    n_docs = binary.shape[0]
    scores = []
    for weights in components:
        top = np.argsort(-weights, kind="mergesort")[:n_terms]
        cols = binary[:, top]
        df = np.asarray(cols.sum(axis=0)).ravel()
        co = (cols.T @ cols).toarray()
        for a in range(len(top)):
            for b in range(a + 1, len(top)):
                p_ab = co[a, b] / n_docs
                if p_ab == 0:
                    scores.append(-1.0)
                    continue
                p_a, p_b = df[a] / n_docs, df[b] / n_docs
                pmi = np.log(p_ab / (p_a * p_b))
                scores.append(pmi / -np.log(p_ab) if p_ab < 1 else 1.0)
    return float(np.mean(scores)) if scores else 0.0
