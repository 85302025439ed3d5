"""Loaded and evaluative language: negative and positive evaluations, judging labels
("regime", "dictator") and intensifiers (Recasens et al. 2013; SemEval-2020 Task 11)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from os import PathLike
from pathlib import Path

import pandas as pd

from ..errors import FramingError
from ..lexicons import CLASS, ENTRY, lexicon_path, read_rows
from ..text.normalize import normalize_with_offsets
from ..text.sentences import ANALYSED_ROLES, table_rows
from ..text.tokens import token_spans

__all__ = ["loaded_language", "LOADED_COLUMNS"]

LOADED_COLUMNS = ["article_id", "sentence_id", "term", "category", "text", "char_start", "char_end"]


# ---------------------------------------------------------------------- loaded language
@lru_cache(maxsize=8)
def _loaded_table(path: str) -> dict[tuple[str, ...], str]:
    return {
        tuple(row[ENTRY].lower().split()): row[CLASS].strip()
        for row in read_rows(path, required=(ENTRY, CLASS))
        if row[ENTRY].strip()
    }


def loaded_language(
    sentences: pd.DataFrame,
    *,
    lexicon: str | PathLike | None = None,
    roles: Sequence[str] | None = ANALYSED_ROLES,
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
    path = Path(lexicon) if lexicon is not None else lexicon_path("loaded_language")
    if not path.is_file():
        raise FramingError(
            f"{path}: loaded-language lexicon not found. Pass a CSV with columns entry,class."
        )
    table = _loaded_table(str(path))
    longest = max((len(k) for k in table), default=1)
    data = (
        sentences
        if roles is None or "role" not in sentences.columns
        else sentences[sentences["role"].isin(list(roles))]
    )
    rows = []
    for row in table_rows(data):
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
