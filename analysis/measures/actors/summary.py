"""One row an actor: how often, how early and in what roles it appears."""

from __future__ import annotations

from collections import Counter

import pandas as pd

__all__ = ["actor_summary", "SUMMARY_COLUMNS"]

SUMMARY_COLUMNS = [
    "article_id",
    "actor",
    "kind",
    "affiliation",
    "n_mentions",
    "n_sentences",
    "share_of_sentences",
    "first_sentence_id",
    "roles",
    "surfaces",
]


# ---------------------------------------------------------------------- summaries
def actor_summary(mentions: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row an actor: how often and how early it appears, and in what roles.

    Parameters
    ----------
    mentions : DataFrame
        Output of :func:`actor_mentions`.
    sentences : DataFrame, optional
        The sentence table, to compute the share of sentences (otherwise the share is
        of the sentences up to the last one with a mention).

    Returns
    -------
    DataFrame
        ``article_id``, ``actor``, ``kind``, ``affiliation`` (most frequent),
        ``n_mentions``, ``n_sentences``, ``share_of_sentences``, ``first_sentence_id``,
        ``roles`` and ``surfaces`` (distinct values joined by "; "). Sorted by
        mentions, then first appearance.
    """
    if mentions.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SUMMARY_COLUMNS})
    totals = (
        sentences.groupby("article_id")["sentence_id"].nunique()
        if sentences is not None
        else mentions.groupby("article_id")["sentence_id"].max() + 1
    )

    def most_common(values) -> object:
        counts = Counter(v for v in values if isinstance(v, str))
        if not counts:
            return None
        best = max(counts.values())
        return min(
            v for v, n in counts.items() if n == best
        )  # ties as pandas' mode(): the smallest

    grouped = mentions.groupby(["article_id", "actor"], sort=False)
    table = grouped.agg(
        kind=("kind", most_common),
        affiliation=("affiliation", most_common),
        n_mentions=("sentence_id", "size"),
        n_sentences=("sentence_id", "nunique"),
        first_sentence_id=("sentence_id", "min"),
        roles=("role", lambda s: "; ".join(dict.fromkeys(r for r in s if r))),
        surfaces=("surface", lambda s: "; ".join(dict.fromkeys(s))),
    ).reset_index()
    table["share_of_sentences"] = table["n_sentences"] / table["article_id"].map(
        lambda a: int(totals.get(a, 1))
    )
    table["first_sentence_id"] = table["first_sentence_id"].astype(int)
    rows = table.to_dict("records")
    out = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return out.sort_values(
        ["article_id", "n_mentions", "first_sentence_id", "actor"],
        ascending=[True, False, True, True],
        kind="mergesort",
    ).reset_index(drop=True)
