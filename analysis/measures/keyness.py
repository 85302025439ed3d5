"""Keyness: which terms one text or group of texts uses more than another, or more
than general English (:func:`keyness`): log-likelihood G2 with a log-ratio effect size
(as quanteda's ``textstat_keyness``), or the log-odds ratio with an informative
Dirichlet prior (Monroe, Colaresi & Quinn 2008)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from scipy.stats import chi2, norm

from ..errors import FramingError
from ..text.article import Article
from ..text.normalize import normalize_with_offsets
from ..text.sentences import ANALYSED_ROLES
from ..text.sentences import sentences as sentence_table
from ..text.tokens import StopWords, load_stop_words, token_spans
from .keywords import NgramAnalyzer, select_roles, zipf

__all__ = ["keyness", "KEYNESS_COLUMNS", "GENERAL_ENGLISH_SIZE"]

KEYNESS_COLUMNS = [
    "term",
    "display",
    "count_target",
    "count_reference",
    "per_1k_target",
    "per_1k_reference",
    "statistic",
    "p_value",
    "effect",
    "measure",
]

#: Nominal size of the general-English reference in words, for single-text keyness.
GENERAL_ENGLISH_SIZE = 1_000_000_000


# ----------------------------------------------------------------- keyness
def _term_counts(data, stop: frozenset[str], roles) -> tuple[Counter, dict[str, str], int]:
    if isinstance(data, pd.DataFrame):
        texts = select_roles(data, roles)["text_norm"].astype(str).tolist()
    elif isinstance(data, Article):
        texts = select_roles(sentence_table(data), roles)["text_norm"].astype(str).tolist()
    elif isinstance(data, str):
        texts = [normalize_with_offsets(data)[0]]
    else:
        texts = [normalize_with_offsets(str(t))[0] for t in data]
    analyzer = NgramAnalyzer(stop, (1, 1))
    counts: Counter = Counter()
    n_tokens = 0
    for text in texts:
        counts.update(analyzer(text))
        n_tokens += len(token_spans(text))
    return counts, {k: analyzer.display(k) for k in counts}, n_tokens


def keyness(
    target,
    reference=None,
    *,
    measure: Literal["g2", "logodds"] = "g2",
    roles: Sequence[str] | None = ANALYSED_ROLES,
    stop_words: StopWords = None,
    min_count: int = 2,
    prior: float = 0.01,
) -> pd.DataFrame:
    """Which terms distinguish ``target`` from ``reference``, with a statistic and an effect size.

    Parameters
    ----------
    target, reference : sentence table, Article, str or list of str
        The two groups. ``reference=None`` compares the target with general English
        (wordfreq frequencies taken as counts in a corpus of
        ``GENERAL_ENGLISH_SIZE`` words): single-article keyness.
    measure : {"g2", "logodds"}
        ``"g2"``: log-likelihood G2 of the 2x2 table (Dunning 1993; quanteda's
        ``textstat_keyness(measure="lr")`` without correction), its p-value (chi-square,
        1 df) and the log ratio effect size (Hardie 2014: log2 of the ratio of relative
        frequencies, 0.5 added to zero counts). ``"logodds"``: the log-odds ratio with
        an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), the prior being
        the pooled counts scaled to ``prior`` times the pooled size; ``statistic`` is
        its z-score and ``effect`` the log-odds ratio.
    roles, stop_words
        As for :func:`keywords`.
    min_count : int
        Leave out terms seen fewer times in the target and reference together.
    prior : float
        Strength of the Dirichlet prior for "logodds".

    Returns
    -------
    DataFrame
        ``term``, ``display``, ``count_target``, ``count_reference``,
        ``per_1k_target``, ``per_1k_reference`` (per 1,000 tokens), ``statistic``
        (signed: positive when the term is relatively more frequent in the target),
        ``p_value`` (G2: from chi-square; logodds: two-sided from the z-score),
        ``effect`` (log2 ratio, or log-odds ratio), ``measure``. Sorted by
        ``statistic``, highest first.
    """
    if measure not in ("g2", "logodds"):
        raise ValueError(f"measure must be 'g2' or 'logodds', not {measure!r}")
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in KEYNESS_COLUMNS})
    stop = load_stop_words(stop_words)
    t_counts, t_display, n_t = _term_counts(target, stop, roles)
    if not t_counts:
        return empty
    if reference is None:
        terms = sorted(t_counts)
        a = np.array([t_counts[w] for w in terms], dtype=float)
        freq = np.array(
            [10 ** (zipf(w.lower()) - 9) if zipf(w.lower()) > 0 else 0.0 for w in terms]
        )
        n_r = GENERAL_ENGLISH_SIZE
        b = freq * n_r
        display = t_display
        # general English has no notion of min_count; keep every target term seen often enough
        mask = a >= min_count
    else:
        r_counts, r_display, n_r = _term_counts(reference, stop, roles)
        terms = sorted(set(t_counts) | set(r_counts))
        a = np.array([t_counts.get(w, 0) for w in terms], dtype=float)
        b = np.array([r_counts.get(w, 0) for w in terms], dtype=float)
        display = {**r_display, **t_display}
        mask = (a + b) >= min_count
        if n_r == 0:
            raise FramingError(
                "the reference has no words; pass a non-empty reference or reference=None for general English."
            )
    terms = np.array(terms, dtype=object)[mask]
    a, b = a[mask], b[mask]
    if len(terms) == 0:
        return empty
    n_t = float(n_t)
    n_r = float(n_r)
    if measure == "g2":
        total = a + b
        e_a = n_t * total / (n_t + n_r)
        e_b = n_r * total / (n_t + n_r)
        with np.errstate(divide="ignore", invalid="ignore"):
            g2 = 2 * (
                np.where(a > 0, a * np.log(a / e_a), 0.0)
                + np.where(b > 0, b * np.log(b / e_b), 0.0)
            )
        sign = np.sign(a / n_t - b / n_r)
        statistic = sign * g2
        p_value = chi2.sf(g2, 1)
        effect = np.log2(((np.where(a > 0, a, 0.5)) / n_t) / ((np.where(b > 0, b, 0.5)) / n_r))
    else:
        pooled = a + b
        alpha0 = prior * (n_t + n_r)
        alpha = alpha0 * pooled / pooled.sum()
        with np.errstate(divide="ignore", invalid="ignore"):
            log_t = np.log((a + alpha) / (n_t + alpha0 - a - alpha))
            log_r = np.log((b + alpha) / (n_r + alpha0 - b - alpha))
        effect = log_t - log_r
        variance = 1 / (a + alpha) + 1 / (b + alpha)
        statistic = effect / np.sqrt(variance)
        p_value = 2 * norm.sf(np.abs(statistic))
    frame = pd.DataFrame(
        {
            "term": terms,
            "display": [display.get(t, t) for t in terms],
            "count_target": a.astype(int),
            "count_reference": np.round(b, 3) if reference is None else b.astype(int),
            "per_1k_target": 1000 * a / n_t,
            "per_1k_reference": 1000 * b / n_r,
            "statistic": statistic,
            "p_value": p_value,
            "effect": effect,
            "measure": measure,
        }
    )
    frame = frame.sort_values(
        ["statistic", "term"], ascending=[False, True], kind="mergesort"
    ).reset_index(drop=True)
    return frame[KEYNESS_COLUMNS]
