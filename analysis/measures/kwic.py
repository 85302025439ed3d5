"""Keyword in context: every occurrence of a term with the words around it
(:func:`kwic`)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..text.normalize import normalize_with_offsets
from ..text.tokens import token_spans
from .keywords import select_roles

__all__ = ["kwic", "KWIC_COLUMNS"]

KWIC_COLUMNS = [
    "article_id",
    "sentence_id",
    "section",
    "left",
    "match",
    "right",
    "char_start",
    "char_end",
]


# ----------------------------------------------------------------- kwic
def kwic(
    sentences: pd.DataFrame, term: str, *, window: int = 6, roles: Sequence[str] | None = None
) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` with the words around it.

    Matching is on word tokens (the same keys as :func:`keywords`: case-insensitive
    except acronyms, possessive "'s" ignored), so "treaty" finds "Treaty" and
    "treaty's" but not "treatyless"; a multi-word term matches consecutive words.

    Parameters
    ----------
    sentences : DataFrame
        A sentence table.
    term : str
        A word or phrase, e.g. "sanctions" or "strategic partnership".
    window : int
        Words of context on each side.
    roles : sequence of str or None
        Restrict to these roles; all by default.

    Returns
    -------
    DataFrame
        One row a hit: ``article_id``, ``sentence_id``, ``section``, ``left``,
        ``match`` (as written), ``right``, ``char_start``, ``char_end`` (offsets of the
        match into the article's text).
    """
    if window < 0:
        raise ValueError(f"window must be 0 or more, not {window}")
    table = select_roles(sentences, roles)
    wanted = [k for k, *_ in token_spans(normalize_with_offsets(term)[0])]
    rows = []
    if wanted and not table.empty:
        n = len(wanted)
        has_section = "section" in table.columns
        for row in table.itertuples(index=False):
            text = row.text
            norm, offsets = normalize_with_offsets(text)
            spans = token_spans(norm)
            keys = [s[0] for s in spans]
            for i in range(len(spans) - n + 1):
                if keys[i : i + n] != wanted:
                    continue
                a, b = spans[i][2], spans[i + n - 1][3]
                if offsets is not None:
                    a, b = int(offsets[a]), int(offsets[b])
                left_start = spans[max(0, i - window)][2] if window else a
                right_end = spans[min(len(spans), i + n + window) - 1][3] if window else b
                if offsets is not None:
                    left_start, right_end = int(offsets[left_start]), int(offsets[right_end])
                rows.append(
                    {
                        "article_id": row.article_id,
                        "sentence_id": row.sentence_id,
                        "section": row.section if has_section else None,
                        "left": text[left_start:a].strip(),
                        "match": text[a:b],
                        "right": text[b:right_end].strip(),
                        "char_start": row.char_start + a,
                        "char_end": row.char_start + b,
                    }
                )
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)
