"""Does a cue's sentence fit its frame? The sense of a cue word, read from its context.

A cue word has other senses: "vote" on a reality show, a "price war", the "summit" of a
mountain, a computer "virus", the tennis "court", the "identity" in identity theft.
Word lists cannot name every other sense; the words around the cue can. Each frame of
a scheme is a point in GloVe's word-vector space (:mod:`analysis.nlp.vectors`): the
weighted mean vector of its cues and its definition; so is each domain where cue words
have their other senses (``cue_contexts.yaml``: sport, arts and entertainment,
technology, weather and nature, private life). A cue's context is the weighted mean
vector of the other words of its sentence, nearer words weighing more. The cue counts
unless its context is nearer to one of those domains than to its own frame by more
than the scheme's ``margin`` (cosine, after the mean of all the points is taken away
so that what every news sentence shares does not decide). Other frames take part in
that centring but do not compete: a sentence often carries several frames ("trade"
in a sentence about a treaty), so another frame fitting better is no sign of another
sense; sport or a film fitting better is.

Only single words are checked: a phrase of the lexicon ("oil spill", "supreme court",
"public opinion") names its sense itself.

A scheme turns the check on with ``context_check: {margin: 0.3}``; the built-in schemes
do. The margin was chosen on labelled sentences written for the purpose, read against
the drops on real news, and checked on sentences written afterwards
(``benchmarks/frame_cues.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ...lexicons import read_yaml
from ...nlp.vectors import context_vector, context_words, text_vectors

__all__ = ["ContextSpace", "context_space", "context_fit", "context_words", "CONTEXT_DECAY"]

#: Words this many tokens from the cue weigh half as much as its neighbours.
CONTEXT_DECAY = 4.0


@dataclass(frozen=True)
class ContextSpace:
    """The frames and other domains of a scheme as unit vectors around their mean."""

    names: tuple[str, ...]  # frame keys, then domain names
    labels: tuple[str, ...]  # what a reason calls each
    n_frames: int
    centre: np.ndarray
    points: np.ndarray  # one unit row per name
    margin: float


@lru_cache(maxsize=1)
def _domains() -> tuple[tuple[str, str], ...]:
    data = read_yaml("cue_contexts")
    return tuple((str(k), " ".join(str(w) for w in v)) for k, v in data["domains"].items())


def context_space(scheme) -> ContextSpace | None:
    """The scheme's context space, built once per scheme; None when the scheme does not
    check contexts (no ``context_check`` margin) or has no cues."""
    if scheme.context_margin is None:
        return None
    cached = scheme.cache.get("context_space")
    if cached is not None:
        return cached
    frames = [f for f in scheme.frames if scheme.cues.get(f)]
    if not frames:
        return None
    texts = [" ".join(scheme.cues[f]) + " " + scheme.definitions.get(f, "") for f in frames] + [
        words for _, words in _domains()
    ]
    vectors = text_vectors(texts)
    centre = vectors.mean(axis=0)
    points = vectors - centre
    norms = np.linalg.norm(points, axis=1, keepdims=True)
    points = points / np.where(norms > 0, norms, 1.0)
    space = ContextSpace(
        names=tuple(frames) + tuple(name for name, _ in _domains()),
        labels=tuple(scheme.labels[f] for f in frames) + tuple(name for name, _ in _domains()),
        n_frames=len(frames),
        centre=centre,
        points=points,
        margin=scheme.context_margin,
    )
    scheme.cache["context_space"] = space
    return space


def context_fit(
    space: ContextSpace, frame: str, words: list[str], cue: str = ""
) -> tuple[bool, str]:
    """Whether the context ``words`` (nearest first) of ``cue`` fit ``frame``, and why."""
    if frame not in space.names[: space.n_frames]:
        return True, "counted: its frame has no point to compare with"
    vector = context_vector(words, decay=CONTEXT_DECAY)
    if not vector.any():
        return True, "counted: no other word of its sentence to read its sense from"
    vector = vector - space.centre
    norm = float(np.linalg.norm(vector))
    if norm == 0:
        return True, "counted: no other word of its sentence to read its sense from"
    sims = space.points @ (vector / norm)
    own = space.names.index(frame)
    domains = np.arange(space.n_frames, len(sims))
    best = int(domains[np.argmax(sims[domains])]) if len(domains) else own
    gap = float(sims[best] - sims[own])
    label, best_label = space.labels[own], space.labels[best]
    if gap > space.margin:
        return False, (
            f"another sense: its sentence fits {best_label} ({sims[best]:.2f}) far better "
            f"than {label} ({sims[own]:.2f})"
        )
    if gap <= 0:
        return (
            True,
            f"counted: its sentence fits {label} ({sims[own]:.2f}) better than any other domain",
        )
    return True, (
        f"counted: its sentence fits {label} ({sims[own]:.2f}) nearly as well as "
        f"{best_label} ({sims[best]:.2f})"
    )
