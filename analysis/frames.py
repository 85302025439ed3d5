"""Frames: explainable frame profiles from cue lexicons, loaded language, and a frame
classifier users train on their own labelled texts.

Two typologies ship as data files: the five generic news frames of Semetko &
Valkenburg (2000) (``data/frames_generic.yaml``) and the fifteen frames of the Policy
Frames Codebook (Boydstun et al. 2014; ``data/frames_policy.yaml``). Each frame has a
definition and cue words and phrases written for this project from it; matching is on
Porter stems, so "sanction" finds "sanctions" and "sanctioned". Every score keeps the
cues that produced it. Users pass their own lexicon (same YAML shape) as ``scheme``.

:class:`FrameClassifier` is a scikit-learn estimator for analysts with labelled data
(what OpenFraming offers with BERT, on a laptop): word and character n-gram TF-IDF, the
cue-lexicon counts and the texts' mean GloVe word vectors, into a logistic regression;
single- or multi-label; :meth:`FrameClassifier.save` writes JSON (no code runs when it
is loaded).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import yaml
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .errors import FramingError
from .paths import DATA_DIR
from .preprocess import normalize
from .tokens import TOKEN_PATTERN, token_spans

__all__ = [
    "load_scheme",
    "frame_scores",
    "frame_profile",
    "dominant_frames",
    "loaded_language",
    "highlight_cues",
    "FrameClassifier",
    "Evaluation",
    "FRAME_SCORE_COLUMNS",
    "PROFILE_COLUMNS",
    "LOADED_COLUMNS",
]

FRAME_SCORE_COLUMNS = [
    "article_id",
    "sentence_id",
    "section",
    "role",
    "n_words",
    "frame",
    "label",
    "score",
    "cues",
]
PROFILE_COLUMNS = [
    "article_id",
    "frame",
    "label",
    "n_sentences",
    "share_of_sentences",
    "n_cues",
    "cues_per_1k",
    "share_of_cues",
    "first_sentence_id",
    "top_cues",
    "rank",
]
LOADED_COLUMNS = ["article_id", "sentence_id", "term", "category", "text", "char_start", "char_end"]
Scheme = Literal["generic", "policy"] | str | PathLike | Mapping
DEFAULT_ROLES = ("headline", "standfirst", "body")


# ---------------------------------------------------------------------- lexicons
@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return lru_cache(maxsize=200_000)(PorterStemmer().stem)


def _stems(text: str) -> list[tuple[str, int, int]]:
    stem = _stemmer()
    return [(stem(key.lower()), start, end) for key, _, start, end in token_spans(text)]


@dataclass(frozen=True)
class FrameScheme:
    """A frame lexicon: frame keys in order, labels, definitions and stemmed cues."""

    name: str
    frames: tuple[str, ...]
    labels: Mapping[str, str]
    definitions: Mapping[str, str]
    cues: Mapping[str, tuple[str, ...]]
    index: Mapping[
        str, tuple[tuple[tuple[str, ...], str], ...]
    ]  # first stem -> ((stems, frame), ...)


def load_scheme(scheme: Scheme = "generic") -> FrameScheme:
    """Load a frame lexicon: "generic", "policy", a YAML path, or a mapping of the same shape::

    scheme: my-scheme
    frames:
      economic:
        label: Economic
        definition: ...
        cues: [tariff, trade war, prices]
    """
    if isinstance(scheme, Mapping):
        return _build_scheme(json.dumps(scheme, sort_keys=True, default=str), "<mapping>")
    if scheme in ("generic", "policy"):
        return _scheme_file(str(DATA_DIR / f"frames_{scheme}.yaml"))
    path = Path(scheme)
    if not path.is_file():
        raise FramingError(
            f"{scheme}: no such frame scheme. Use 'generic', 'policy', or the path of a YAML file (see analysis/data/frames_generic.yaml)."
        )
    return _scheme_file(str(path))


@lru_cache(maxsize=16)
def _scheme_file(path: str) -> FrameScheme:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FramingError(f"{path}: not valid YAML ({exc}).") from None
    return _build_scheme(json.dumps(data, sort_keys=False, default=str), path)


@lru_cache(maxsize=16)
def _build_scheme(serialised: str, where: str) -> FrameScheme:
    data = json.loads(serialised)
    frames = data.get("frames") if isinstance(data, dict) else None
    if not isinstance(frames, dict) or not frames:
        raise FramingError(
            f"{where}: a frame scheme needs a 'frames' mapping of frame keys to label, definition and cues."
        )
    labels, definitions, cues, index = {}, {}, {}, {}
    for key, spec in frames.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("cues", []), list):
            raise FramingError(
                f"{where}: frame {key!r} needs 'cues' as a list of words or phrases."
            )
        labels[key] = str(spec.get("label", key))
        definitions[key] = str(spec.get("definition", ""))
        cues[key] = tuple(str(c) for c in spec.get("cues", []))
        for cue in cues[key]:
            stems = tuple(s for s, _, _ in _stems(normalize(cue)))
            if stems:
                index.setdefault(stems[0], []).append((stems, key))
    ordered = {k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in index.items()}
    return FrameScheme(
        str(data.get("scheme", where)), tuple(frames), labels, definitions, cues, ordered
    )


def _match(text: str, scheme: FrameScheme) -> dict[str, list[tuple[int, int]]]:
    """Cue spans per frame in ``text``: the longest cue of each frame at each word, no overlaps."""
    stems = _stems(text)
    words = [s for s, _, _ in stems]
    found: dict[str, list[tuple[int, int]]] = {}
    covered: dict[str, int] = {}
    for i, word in enumerate(words):
        for cue, frame in scheme.index.get(word, ()):
            if covered.get(frame, -1) >= i:
                continue
            n = len(cue)
            if tuple(words[i : i + n]) == cue:
                found.setdefault(frame, []).append((stems[i][1], stems[i + n - 1][2]))
                covered[frame] = i + n - 1
    return found


# ---------------------------------------------------------------------- scores
def frame_scores(
    sentences: pd.DataFrame,
    *,
    scheme: Scheme = "generic",
    roles: Sequence[str] | None = DEFAULT_ROLES,
) -> pd.DataFrame:
    """Score every sentence for every frame of a scheme, keeping the cues as evidence.

    Parameters
    ----------
    sentences : DataFrame
        A sentence table.
    scheme : "generic", "policy", path or mapping
        The frame lexicon (see :func:`load_scheme`).
    roles : sequence of str or None
        Sentences to score; headline, standfirst and body by default.

    Returns
    -------
    DataFrame
        One row per sentence and frame (zeros included, so the table pivots cleanly):
        ``article_id``, ``sentence_id``, ``section``, ``role``, ``n_words``, ``frame``
        (key), ``label``, ``score`` (number of cue matches), ``cues`` (the matched
        words as written in the normalised sentence, each a substring of it).
    """
    lexicon = load_scheme(scheme)
    data = (
        sentences
        if roles is None or "role" not in sentences.columns
        else sentences[sentences["role"].isin(list(roles))]
    )
    if data.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in FRAME_SCORE_COLUMNS})
    rows = []
    for row in data.itertuples(index=False):
        text = row.text_norm
        spans = _match(text, lexicon)
        n_words = getattr(row, "n_words", len(text.split()))
        for frame in lexicon.frames:
            cues = [text[a:b] for a, b in spans.get(frame, [])]
            rows.append(
                {
                    "article_id": row.article_id,
                    "sentence_id": row.sentence_id,
                    "section": getattr(row, "section", None),
                    "role": getattr(row, "role", "body"),
                    "n_words": n_words,
                    "frame": frame,
                    "label": lexicon.labels[frame],
                    "score": len(cues),
                    "cues": cues,
                }
            )
    return pd.DataFrame(rows, columns=FRAME_SCORE_COLUMNS)


def frame_profile(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per article and frame: how much of the article uses the frame.

    Parameters
    ----------
    scores : DataFrame
        Output of :func:`frame_scores`.

    Returns
    -------
    DataFrame
        ``article_id``, ``frame``, ``label``, ``n_sentences`` (with at least one cue),
        ``share_of_sentences``, ``n_cues``, ``cues_per_1k`` (cues per 1,000 words of the
        scored sentences), ``share_of_cues`` (of all cues of the article),
        ``first_sentence_id`` (NaN if unused), ``top_cues`` (most frequent cues,
        lower-cased, "; "-joined), ``rank`` (1 = most cues per 1,000 words). Frames
        are in rank order.
    """
    if scores.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in PROFILE_COLUMNS})
    sentences_ = scores.drop_duplicates(["article_id", "sentence_id"])
    words = sentences_.groupby("article_id", sort=False)["n_words"].sum()
    n_sent = sentences_.groupby("article_id", sort=False).size()
    data = scores.assign(
        used=scores["score"] > 0, first=scores["sentence_id"].where(scores["score"] > 0)
    )
    out = (
        data.groupby(["article_id", "frame"], sort=False)
        .agg(
            label=("label", "first"),
            n_sentences=("used", "sum"),
            n_cues=("score", "sum"),
            first_sentence_id=("first", "min"),
        )
        .reset_index()
    )
    article_words = out["article_id"].map(words).to_numpy(dtype=float)
    article_sentences = out["article_id"].map(n_sent).to_numpy(dtype=float)
    total_cues = (
        out.groupby("article_id", sort=False)["n_cues"].transform("sum").to_numpy(dtype=float)
    )
    out["n_sentences"] = out["n_sentences"].astype(int)
    out["n_cues"] = out["n_cues"].astype(int)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["share_of_sentences"] = np.where(
            article_sentences > 0, out["n_sentences"] / article_sentences, 0.0
        )
        out["cues_per_1k"] = np.where(article_words > 0, 1000 * out["n_cues"] / article_words, 0.0)
        out["share_of_cues"] = np.where(total_cues > 0, out["n_cues"] / total_cues, 0.0)
    top = {}
    for key, group in data[data["used"]].groupby(["article_id", "frame"], sort=False)["cues"]:
        counter = Counter(c.lower() for cues in group for c in cues)
        top[key] = "; ".join(c for c, _ in sorted(counter.items(), key=lambda x: (-x[1], x[0]))[:5])
    out["top_cues"] = [
        top.get((a, f), "") for a, f in zip(out["article_id"], out["frame"], strict=True)
    ]
    out = out.sort_values(
        ["article_id", "cues_per_1k", "n_sentences", "frame"],
        ascending=[True, False, False, True],
        kind="mergesort",
    )
    out["rank"] = out.groupby("article_id").cumcount() + 1
    return out.reset_index(drop=True)[PROFILE_COLUMNS]


def dominant_frames(
    profile: pd.DataFrame, *, top_n: int = 3, min_share: float = 0.1
) -> pd.DataFrame:
    """The leading frames of each article: the ``top_n`` best-ranked frames used in at
    least ``min_share`` of its sentences. Same columns as :func:`frame_profile`."""
    if profile.empty:
        return profile.copy()
    keep = profile[(profile["rank"] <= top_n) & (profile["share_of_sentences"] >= min_share)]
    return keep.reset_index(drop=True)


# ---------------------------------------------------------------------- loaded language
@lru_cache(maxsize=8)
def _loaded_table(path: str) -> dict[tuple[str, ...], str]:
    lines = [
        line
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    table = {}
    for line in lines[1:]:
        term, category = line.rsplit(",", 1)
        table[tuple(term.lower().split())] = category.strip()
    return table


def loaded_language(
    sentences: pd.DataFrame,
    *,
    lexicon: str | PathLike | None = None,
    roles: Sequence[str] | None = DEFAULT_ROLES,
) -> pd.DataFrame:
    """Evaluative and loaded words: negative and positive evaluations, judging labels
    ("regime", "dictator") and intensifiers (Recasens et al. 2013; SemEval-2020 Task 11).

    Parameters
    ----------
    sentences : DataFrame
        A sentence table.
    lexicon : path, optional
        A CSV with columns ``term,category`` replacing ``data/loaded_language.csv``.

    Returns
    -------
    DataFrame
        One row a match: ``article_id``, ``sentence_id``, ``term`` (as written),
        ``category``, ``text`` (the sentence), ``char_start``/``char_end`` (offsets
        of the term in the article's text).
    """
    path = Path(lexicon) if lexicon is not None else DATA_DIR / "loaded_language.csv"
    if not path.is_file():
        raise FramingError(
            f"{path}: loaded-language lexicon not found. Pass a CSV with columns term,category."
        )
    table = _loaded_table(str(path))
    longest = max((len(k) for k in table), default=1)
    data = (
        sentences
        if roles is None or "role" not in sentences.columns
        else sentences[sentences["role"].isin(list(roles))]
    )
    rows = []
    from .preprocess import normalize_with_offsets

    for row in data.itertuples(index=False):
        norm, offsets = normalize_with_offsets(row.text)
        spans = token_spans(norm)
        lows = [k.lower() for k, *_ in spans]
        i = 0
        while i < len(spans):
            for n in range(min(longest, len(spans) - i), 0, -1):
                category = table.get(tuple(lows[i : i + n]))
                if category:
                    a, b = spans[i][2], spans[i + n - 1][3]
                    if offsets is not None:
                        a, b = int(offsets[a]), int(offsets[b])
                    rows.append(
                        {
                            "article_id": row.article_id,
                            "sentence_id": row.sentence_id,
                            "term": row.text[a:b],
                            "category": category,
                            "text": row.text,
                            "char_start": row.char_start + a,
                            "char_end": row.char_start + b,
                        }
                    )
                    i += n - 1
                    break
            i += 1
    return pd.DataFrame(rows, columns=LOADED_COLUMNS)


def highlight_cues(
    scores: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    frames: Sequence[str] | None = None,
    min_score: int = 1,
) -> str:
    """An HTML table of the sentences that carry frames, with each cue marked.

    For the notebook (``IPython.display.HTML``) and the HTML report: one row per
    sentence with at least ``min_score`` cues of the chosen ``frames`` (all by
    default), the frames it carries, and its normalised text with the cues in
    ``<mark>``.
    """
    import html
    import re

    data = scores[scores["score"] >= min_score]
    if frames is not None:
        data = data[data["frame"].isin(list(frames))]
    if data.empty:
        return "<p>No sentence carries these frames.</p>"
    texts = sentences.set_index(["article_id", "sentence_id"])["text_norm"]
    rows = []
    for (article_id, sentence_id), group in data.groupby(["article_id", "sentence_id"], sort=False):
        cues = sorted({c for cs in group["cues"] for c in cs}, key=len, reverse=True)
        text = html.escape(str(texts.loc[(article_id, sentence_id)]))
        if cues:
            pattern = re.compile(
                r"\b(?:" + "|".join(re.escape(html.escape(c)) for c in cues) + r")\b"
            )
            text = pattern.sub(lambda m: f"<mark>{m.group()}</mark>", text)
        labels = ", ".join(
            f"{lab} ({n})" for lab, n in zip(group["label"], group["score"], strict=True)
        )
        rows.append(
            f"<tr><td>{html.escape(str(sentence_id))}</td><td>{html.escape(labels)}</td><td>{text}</td></tr>"
        )
    return (
        '<table class="frame-cues"><thead><tr><th>sentence</th><th>frames (cues)</th><th>text</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


# ---------------------------------------------------------------------- classifier
def _cue_matrix(texts: Sequence[str], scheme: FrameScheme) -> sparse.csr_matrix:
    """Cue counts per frame, divided by the square root of the text's length in words."""
    data = np.zeros((len(texts), len(scheme.frames)))
    position = {f: j for j, f in enumerate(scheme.frames)}
    for i, text in enumerate(texts):
        norm = normalize(text)
        found = _match(norm, scheme)
        length = max(1, len(norm.split())) ** 0.5
        for frame, spans in found.items():
            data[i, position[frame]] = len(spans) / length
    return sparse.csr_matrix(data)


@dataclass
class Evaluation:
    """Cross-validated results of :meth:`FrameClassifier.evaluate`.

    Attributes
    ----------
    report : DataFrame
        Per frame: ``frame``, ``precision``, ``recall``, ``f1``, ``support``; plus rows
        "macro avg" and "weighted avg".
    confusion : DataFrame
        True frame (rows) by predicted frame (columns), counts (single-label only).
    accuracy : float
        Share of texts whose predicted label (or label set) is exactly right.
    macro_f1 : float
    """

    report: pd.DataFrame
    confusion: pd.DataFrame | None
    accuracy: float
    macro_f1: float


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """A frame classifier for your own labelled texts (a scikit-learn estimator).

    Features: word uni- and bigrams (the package's token pattern, which keeps "U.S."),
    character 2-5-grams within words (robust on short texts such as headlines), both
    TF-IDF with sublinear term frequency; the cue counts of a frame lexicon; and the
    text's mean GloVe word vector (:mod:`analysis.embeddings`), which lets a headline
    about "firearms" learn from one about "guns". A logistic regression on top
    (one-vs-rest per frame when ``y`` holds label lists).

    Parameters
    ----------
    scheme : "generic", "policy", path, mapping or None
        Frame lexicon whose cue counts are added as features; None for none.
    C : float
        Inverse regularisation strength of the logistic regression.
    word_ngrams : (int, int)
    char_ngrams : (int, int) or None
        None leaves character n-grams out.
    cue_weight : float
        Scale of the cue features against the TF-IDF ones.
    embeddings : "glove" or None
        Add the text's word-vector features (standardised on the training texts);
        None for n-grams and cues only.
    embedding_weight : float
        Scale of the standardised word-vector features against the TF-IDF ones.
    min_df : int
        Ignore n-grams seen in fewer training texts.
    class_weight : "balanced" or None
    random_state : int

    Examples
    --------
    >>> clf = FrameClassifier().fit(texts, labels)            # doctest: +SKIP
    >>> clf.predict(["Tariffs on steel rise again"])          # doctest: +SKIP
    >>> FrameClassifier().evaluate(texts, labels, cv=5).report  # doctest: +SKIP
    """

    def __init__(
        self,
        *,
        scheme: Scheme | None = "policy",
        C: float = 1.0,
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] | None = (2, 5),
        cue_weight: float = 1.0,
        embeddings: Literal["glove"] | None = "glove",
        embedding_weight: float = 0.25,
        min_df: int = 1,
        class_weight: str | None = "balanced",
        random_state: int = 0,
    ) -> None:
        self.scheme = scheme
        self.C = C
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.cue_weight = cue_weight
        self.embeddings = embeddings
        self.embedding_weight = embedding_weight
        self.min_df = min_df
        self.class_weight = class_weight
        self.random_state = random_state

    # -------------------------------------------------------------- fitting
    def _vectorizers(self) -> list[TfidfVectorizer]:
        out = [
            TfidfVectorizer(
                token_pattern=TOKEN_PATTERN,
                ngram_range=tuple(self.word_ngrams),
                sublinear_tf=True,
                min_df=self.min_df,
                lowercase=True,
            )
        ]
        if self.char_ngrams is not None:
            out.append(
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=tuple(self.char_ngrams),
                    sublinear_tf=True,
                    min_df=self.min_df,
                    lowercase=True,
                )
            )
        return out

    def _features(self, texts: list[str], *, fit: bool = False) -> sparse.csr_matrix:
        if fit:
            self.vectorizers_ = self._vectorizers()
            blocks = [v.fit_transform(texts) for v in self.vectorizers_]
        else:
            blocks = [v.transform(texts) for v in self.vectorizers_]
        if self.scheme is not None:
            blocks.append(self.cue_weight * _cue_matrix(texts, load_scheme(self.scheme)))
        if self.embeddings is not None:
            if self.embeddings != "glove":
                raise FramingError(
                    f"FrameClassifier(embeddings={self.embeddings!r}): use 'glove' or None."
                )
            from .embeddings import text_vectors

            vectors = text_vectors(texts)
            if fit:
                self.embedding_mean_ = vectors.mean(axis=0)
                scale = vectors.std(axis=0)
                self.embedding_scale_ = np.where(scale > 0, scale, 1.0)
            standard = (vectors - self.embedding_mean_) / self.embedding_scale_
            blocks.append(sparse.csr_matrix(self.embedding_weight * standard))
        return sparse.hstack(blocks).tocsr()

    def _model(self) -> LogisticRegression:
        return LogisticRegression(
            C=self.C, class_weight=self.class_weight, max_iter=5000, random_state=self.random_state
        )

    def fit(self, X: Iterable[str], y: Sequence) -> FrameClassifier:
        """Learn frames from texts ``X`` and labels ``y`` (one label each, or a list of
        labels each for multi-label data). Returns ``self``."""
        texts = _texts(X)
        labels = list(y)
        if not texts:
            raise FramingError(
                "FrameClassifier.fit got no texts; pass a list of texts and their frame labels."
            )
        if len(texts) != len(labels):
            raise FramingError(
                f"FrameClassifier.fit got {len(texts)} texts but {len(labels)} labels; they must pair up."
            )
        self.multilabel_ = bool(labels) and all(
            isinstance(v, list | tuple | set | frozenset) for v in labels
        )
        matrix = self._features(texts, fit=True)
        if self.multilabel_:
            self.classes_ = np.array(sorted({str(x) for v in labels for x in v}))
            if len(self.classes_) < 1:
                raise FramingError("FrameClassifier.fit: the label lists are all empty.")
            self.models_ = []
            for frame in self.classes_:
                target = np.array([frame in {str(x) for x in v} for v in labels])
                if target.all() or not target.any():
                    raise FramingError(
                        f"FrameClassifier.fit: frame {frame!r} is on every text or on none; it cannot be learned."
                    )
                self.models_.append(self._model().fit(matrix, target))
        else:
            labels = [str(v) for v in labels]
            self.classes_ = np.array(sorted(set(labels)))
            if len(self.classes_) < 2:
                raise FramingError(
                    f"FrameClassifier.fit needs at least two different frames; all labels are {self.classes_[0]!r}."
                )
            self.models_ = [self._model().fit(matrix, labels)]
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "models_"):
            raise FramingError(
                "This FrameClassifier is not fitted yet; call fit(texts, labels) or FrameClassifier.load(path)."
            )

    def predict_proba(self, X: Iterable[str]) -> np.ndarray:
        """Probabilities, one column per frame in ``classes_`` (independent per frame
        for multi-label models)."""
        self._check_fitted()
        matrix = self._features(_texts(X))
        if self.multilabel_:
            return np.column_stack(
                [m.predict_proba(matrix)[:, list(m.classes_).index(True)] for m in self.models_]
            )
        return self.models_[0].predict_proba(matrix)

    def predict(self, X: Iterable[str]):
        """The frame of each text, or for multi-label models the list of frames with
        probability at least 0.5 (the most probable one if none reaches it)."""
        proba = self.predict_proba(X)
        if not self.multilabel_:
            return self.classes_[proba.argmax(axis=1)]
        out = []
        for row in proba:
            chosen = [str(c) for c, p in zip(self.classes_, row, strict=True) if p >= 0.5]
            out.append(chosen or [str(self.classes_[int(row.argmax())])])
        return out

    def score(self, X, y, sample_weight=None) -> float:
        """Accuracy (exact match of the label set for multi-label models)."""
        predicted = self.predict(X)
        truth = list(y)
        if self.multilabel_:
            return float(
                np.mean(
                    [set(p) == {str(x) for x in t} for p, t in zip(predicted, truth, strict=True)]
                )
            )
        return float(np.mean(np.asarray(predicted) == np.asarray([str(t) for t in truth])))

    # -------------------------------------------------------------- evaluation
    def evaluate(self, X: Iterable[str], y: Sequence, *, cv: int = 5) -> Evaluation:
        """Stratified ``cv``-fold cross-validation of a fresh copy of this classifier.

        Returns
        -------
        Evaluation
            Per-frame precision, recall and F1, a confusion table, accuracy and macro-F1.
        """
        from sklearn.base import clone
        from sklearn.metrics import classification_report, confusion_matrix
        from sklearn.model_selection import KFold, StratifiedKFold
        from sklearn.preprocessing import MultiLabelBinarizer

        texts = _texts(X)
        labels = list(y)
        if len(texts) != len(labels):
            raise FramingError(f"evaluate got {len(texts)} texts but {len(labels)} labels.")
        multilabel = all(isinstance(v, list | tuple | set | frozenset) for v in labels) and bool(
            labels
        )
        if multilabel:
            splitter = KFold(n_splits=cv, shuffle=True, random_state=self.random_state)
            splits = splitter.split(texts)
        else:
            labels = [str(v) for v in labels]
            counts = Counter(labels)
            if len(counts) < 2:
                raise FramingError("evaluate needs at least two different frames.")
            if min(counts.values()) < cv:
                raise FramingError(
                    f"evaluate: every frame needs at least cv={cv} examples; {min(counts, key=counts.get)!r} has {min(counts.values())}. Lower cv or add examples."
                )
            splitter = StratifiedKFold(n_splits=cv, shuffle=True, random_state=self.random_state)
            splits = splitter.split(texts, labels)
        predicted: list[Any] = [None] * len(texts)
        for train, test in splits:
            model = clone(self).fit([texts[i] for i in train], [labels[i] for i in train])
            for i, p in zip(test, model.predict([texts[i] for i in test]), strict=True):
                predicted[i] = p
        if multilabel:
            binarizer = MultiLabelBinarizer()
            truth = binarizer.fit_transform([[str(x) for x in v] for v in labels])
            pred = binarizer.transform(predicted)
            names = list(binarizer.classes_)
            report = classification_report(
                truth, pred, target_names=names, output_dict=True, zero_division=0
            )
            accuracy = float(
                np.mean(
                    [set(p) == {str(x) for x in t} for p, t in zip(predicted, labels, strict=True)]
                )
            )
            confusion = None
        else:
            names = sorted(set(labels))
            report = classification_report(
                labels, predicted, labels=names, output_dict=True, zero_division=0
            )
            accuracy = float(np.mean(np.asarray(predicted) == np.asarray(labels)))
            confusion = pd.DataFrame(
                confusion_matrix(labels, predicted, labels=names),
                index=pd.Index(names, name="true"),
                columns=pd.Index(names, name="predicted"),
            )
        rows = [
            {
                "frame": k,
                "precision": v["precision"],
                "recall": v["recall"],
                "f1": v["f1-score"],
                "support": int(v["support"]),
            }
            for k, v in report.items()
            if isinstance(v, dict) and k not in ("micro avg", "samples avg")
        ]
        table = pd.DataFrame(rows)
        macro = float(table.loc[table.frame == "macro avg", "f1"].iloc[0])
        return Evaluation(table, confusion, accuracy, macro)

    # -------------------------------------------------------------- persistence
    def save(self, path: str | PathLike) -> Path:
        """Write the fitted model as JSON (vocabularies, idf weights, coefficients):
        loading it runs no code, unlike a pickle."""
        self._check_fitted()
        scheme = self.scheme
        if scheme is not None and scheme not in ("generic", "policy"):
            # a file or a mapping: store the lexicon itself, so the model file stands alone
            loaded = load_scheme(scheme)
            scheme = {
                "frames": {
                    f: {"label": loaded.labels[f], "cues": list(loaded.cues[f])}
                    for f in loaded.frames
                }
            }
        payload = {
            "format": _MODEL_FORMAT,
            "params": {**self.get_params(), "scheme": scheme},
            "multilabel": self.multilabel_,
            "classes": [str(c) for c in self.classes_],
            "vectorizers": [
                {
                    "vocabulary": {str(k): int(v) for k, v in vec.vocabulary_.items()},
                    "idf": vec.idf_.tolist(),
                }
                for vec in self.vectorizers_
            ],
            "embedding_standardisation": (
                {
                    "mean": self.embedding_mean_.tolist(),
                    "scale": self.embedding_scale_.tolist(),
                }
                if self.embeddings is not None
                else None
            ),
            "models": [
                {
                    "classes": [c.item() if hasattr(c, "item") else c for c in m.classes_],
                    "coef": m.coef_.tolist(),
                    "intercept": m.intercept_.tolist(),
                }
                for m in self.models_
            ],
        }
        target = Path(path)
        target.write_text(json.dumps(payload), encoding="utf-8")
        return target

    @classmethod
    def load(cls, path: str | PathLike) -> FrameClassifier:
        """Read a model written by :meth:`save`.

        The file is checked against the format before anything is built (keys, types,
        lengths, shapes, allowed values), so a damaged or crafted file raises a
        :class:`~analysis.errors.FramingError` saying what is wrong; no field can name
        a file to read or code to import (a custom lexicon is stored in the file itself).
        """
        source = Path(path)
        if not source.is_file():
            raise FramingError(f"{source}: no such model file.")
        if source.stat().st_size > _MAX_MODEL_BYTES:
            raise FramingError(
                f"{source}: the file is over {_MAX_MODEL_BYTES // 1_000_000} MB, too large for a saved FrameClassifier."
            )
        try:
            payload = json.loads(source.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise FramingError(f"{source}: not a saved FrameClassifier ({exc}).") from None
        except RecursionError:
            raise FramingError(
                f"{source}: not a saved FrameClassifier (nested too deeply)."
            ) from None
        params = _validate_model(payload, source)
        model = cls(**params)
        model.vectorizers_ = model._vectorizers()
        for vec, stored in zip(model.vectorizers_, payload["vectorizers"], strict=True):
            vec.vocabulary_ = dict(stored["vocabulary"])
            vec.idf_ = np.asarray(stored["idf"], dtype=float)
        if model.embeddings is not None:
            standardisation = payload["embedding_standardisation"]
            model.embedding_mean_ = np.asarray(standardisation["mean"], dtype=float)
            model.embedding_scale_ = np.asarray(standardisation["scale"], dtype=float)
        model.multilabel_ = payload["multilabel"]
        model.classes_ = np.array(payload["classes"])
        model.models_ = []
        for stored in payload["models"]:
            lr = model._model()
            lr.classes_ = np.array(stored["classes"])
            lr.coef_ = np.asarray(stored["coef"], dtype=float)
            lr.intercept_ = np.asarray(stored["intercept"], dtype=float)
            model.models_.append(lr)
        return model


_MODEL_FORMAT = "news-framing FrameClassifier 1"
_MAX_MODEL_BYTES = 500_000_000
_GLOVE_DIMENSIONS = 50


def _validate_model(payload: Any, source: Path) -> dict[str, Any]:
    """Check a saved model's JSON against the format and return the constructor
    parameters; raise FramingError naming the first problem."""

    def bad(what: str) -> FramingError:
        return FramingError(
            f"{source}: not a valid saved FrameClassifier: {what}. "
            "Save the model again with FrameClassifier.save, or retrain it."
        )

    def number(value: Any) -> bool:
        return (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and bool(np.isfinite(value))
        )

    def numbers(value: Any, n: int | None, what: str) -> None:
        if not isinstance(value, list) or (n is not None and len(value) != n):
            raise bad(f"{what} must be a list of {n if n is not None else 'some'} numbers")
        if not all(number(v) for v in value):
            raise bad(f"{what} holds something that is not a finite number")

    def ngram(value: Any, what: str, top: int) -> tuple[int, int]:
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            or not 1 <= value[0] <= value[1] <= top
        ):
            raise bad(f"params.{what} must be two whole numbers 1 <= low <= high <= {top}")
        return (value[0], value[1])

    if not isinstance(payload, dict):
        raise bad("the file is not a JSON object")
    if payload.get("format") != _MODEL_FORMAT:
        raise bad(f"its format is not {_MODEL_FORMAT!r}")
    required = {"params", "multilabel", "classes", "vectorizers", "models"}
    allowed = required | {"format", "embedding_standardisation"}
    if missing := required - payload.keys():
        raise bad(f"missing {', '.join(sorted(missing))}")
    if extra := payload.keys() - allowed:
        raise bad(f"unknown keys {', '.join(sorted(extra))}")

    params = payload["params"]
    known = set(FrameClassifier().get_params())
    if not isinstance(params, dict) or not set(params) <= known:
        raise bad(f"params must be a mapping of {', '.join(sorted(known))}")
    params = dict(params)
    params.setdefault("embeddings", None)  # files saved before word vectors existed
    scheme = params.get("scheme", "policy")
    if isinstance(scheme, dict):
        frames = scheme.get("frames")
        if (
            set(scheme) != {"frames"}
            or not isinstance(frames, dict)
            or not frames
            or not all(
                isinstance(k, str)
                and isinstance(v, dict)
                and set(v) <= {"label", "cues", "definition"}
                and isinstance(v.get("label", ""), str)
                and isinstance(v.get("cues", []), list)
                and all(isinstance(c, str) and len(c) < 200 for c in v.get("cues", []))
                for k, v in frames.items()
            )
        ):
            raise bad("params.scheme must be 'generic', 'policy', null or a stored lexicon")
    elif scheme not in (None, "generic", "policy"):
        raise bad("params.scheme must be 'generic', 'policy', null or a stored lexicon")
    params["scheme"] = scheme
    for name in ("C", "cue_weight", "embedding_weight"):
        if name in params and not number(params[name]):
            raise bad(f"params.{name} must be a number")
    if "C" in params and params["C"] <= 0:
        raise bad("params.C must be positive")
    params["word_ngrams"] = ngram(params.get("word_ngrams", [1, 2]), "word_ngrams", 6)
    if params.get("char_ngrams") is not None:
        params["char_ngrams"] = ngram(params["char_ngrams"], "char_ngrams", 10)
    elif "char_ngrams" in params:
        params["char_ngrams"] = None
    if params["embeddings"] not in (None, "glove"):
        raise bad("params.embeddings must be 'glove' or null")
    min_df = params.get("min_df", 1)
    if not number(min_df) or min_df <= 0:
        raise bad("params.min_df must be a positive number")
    weight = params.get("class_weight", "balanced")
    if not (
        weight in (None, "balanced")
        or (isinstance(weight, dict) and all(number(v) for v in weight.values()))
    ):
        raise bad("params.class_weight must be 'balanced', null or a mapping of numbers")
    state = params.get("random_state", 0)
    if state is not None and not (isinstance(state, int) and not isinstance(state, bool)):
        raise bad("params.random_state must be a whole number or null")

    multilabel = payload["multilabel"]
    if not isinstance(multilabel, bool):
        raise bad("multilabel must be true or false")
    classes = payload["classes"]
    if (
        not isinstance(classes, list)
        or len(classes) < (1 if multilabel else 2)
        or not all(isinstance(c, str) for c in classes)
        or len(set(classes)) != len(classes)
    ):
        raise bad("classes must be a list of distinct frame names")

    vectorizers = payload["vectorizers"]
    expected = 1 if params.get("char_ngrams") is None else 2
    if not isinstance(vectorizers, list) or len(vectorizers) != expected:
        raise bad(f"vectorizers must be a list of {expected}")
    n_features = 0
    for k, stored in enumerate(vectorizers):
        if not isinstance(stored, dict) or set(stored) != {"vocabulary", "idf"}:
            raise bad(f"vectorizers[{k}] must hold a vocabulary and idf weights")
        vocabulary, idf = stored["vocabulary"], stored["idf"]
        if not isinstance(vocabulary, dict) or not vocabulary:
            raise bad(f"vectorizers[{k}].vocabulary must be a non-empty mapping")
        n = len(vocabulary)
        indexes = vocabulary.values()
        if not all(isinstance(i, int) and not isinstance(i, bool) for i in indexes) or sorted(
            indexes
        ) != list(range(n)):
            raise bad(f"vectorizers[{k}].vocabulary must number its terms 0 to {n - 1}")
        numbers(idf, n, f"vectorizers[{k}].idf")
        n_features += n
    if scheme is not None:
        n_features += len(load_scheme(scheme).frames)

    standardisation = payload.get("embedding_standardisation")
    if params["embeddings"] is not None:
        if not isinstance(standardisation, dict) or set(standardisation) != {"mean", "scale"}:
            raise bad("embedding_standardisation must hold the word vectors' mean and scale")
        numbers(standardisation["mean"], _GLOVE_DIMENSIONS, "embedding_standardisation.mean")
        numbers(standardisation["scale"], _GLOVE_DIMENSIONS, "embedding_standardisation.scale")
        if any(v == 0 for v in standardisation["scale"]):
            raise bad("embedding_standardisation.scale holds a zero")
        n_features += _GLOVE_DIMENSIONS
    elif standardisation is not None:
        raise bad("embedding_standardisation is given but params.embeddings is null")

    models = payload["models"]
    if not isinstance(models, list) or len(models) != (len(classes) if multilabel else 1):
        raise bad("models must hold one model per frame (multi-label) or one model")
    for k, stored in enumerate(models):
        if not isinstance(stored, dict) or set(stored) != {"classes", "coef", "intercept"}:
            raise bad(f"models[{k}] must hold classes, coef and intercept")
        model_classes = stored["classes"]
        if multilabel:
            if model_classes != [False, True]:
                raise bad(f"models[{k}].classes must be [false, true]")
        elif model_classes != sorted(classes) or model_classes != classes:
            raise bad(f"models[{k}].classes must be the classes, in order")
        rows = 1 if len(model_classes) == 2 else len(model_classes)
        coef = stored["coef"]
        if not isinstance(coef, list) or len(coef) != rows:
            raise bad(f"models[{k}].coef must have {rows} row(s)")
        for row in coef:
            numbers(row, n_features, f"models[{k}].coef row")
        numbers(stored["intercept"], rows, f"models[{k}].intercept")
    return params


def _texts(X) -> list[str]:
    if isinstance(X, str):
        raise FramingError("pass a list of texts, not a single string.")
    if isinstance(X, pd.DataFrame):
        raise FramingError("pass a list or Series of texts, not a DataFrame (e.g. table['text']).")
    return [str(x) for x in X]
