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

    groups: dict = {}  # (article, actor) -> its mentions' fields, in order
    columns = ["article_id", "actor", "kind", "affiliation", "sentence_id", "role", "surface"]
    for a, actor, kind, affiliation, sid, role, surface in mentions[columns].itertuples(
        index=False, name=None
    ):
        entry = groups.setdefault((a, actor), ([], [], [], [], []))
        for values, value in zip(entry, (kind, affiliation, sid, role, surface), strict=True):
            values.append(value)
    rows = []
    for (a, actor), (kinds, affiliations, ids, roles, surfaces) in groups.items():
        n_sentences = len(set(ids))
        rows.append(
            {
                "article_id": a,
                "actor": actor,
                "kind": most_common(kinds),
                "affiliation": most_common(affiliations),
                "n_mentions": len(ids),
                "n_sentences": n_sentences,
                "share_of_sentences": n_sentences / int(totals.get(a, 1)),
                "first_sentence_id": int(min(ids)),
                "roles": "; ".join(dict.fromkeys(r for r in roles if r)),
                "surfaces": "; ".join(dict.fromkeys(surfaces)),
            }
        )
    out = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return out.sort_values(
        ["article_id", "n_mentions", "first_sentence_id", "actor"],
        ascending=[True, False, True, True],
        kind="mergesort",
    ).reset_index(drop=True)
