"""The article's size, counted once: what every view states and every rate divides by."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..text.sentences import ANALYSED_ROLES

__all__ = ["Counts"]


@dataclass(frozen=True)
class Counts:
    """The article's size, counted once for every view: sentences and words of what
    the article states (headline, standfirst and body; :data:`ANALYSED_ROLES`), the
    body alone, paragraphs and sections. Words are :func:`analysis.text.words.count_words`."""

    n_sentences: int
    n_words: int
    n_body_sentences: int
    n_body_words: int
    n_paragraphs: int
    n_sections: int
    n_headings: int

    @classmethod
    def of(cls, table: pd.DataFrame) -> Counts:
        stated = table[table["role"].isin(ANALYSED_ROLES)]
        body = table[table["role"] == "body"]
        return cls(
            n_sentences=len(stated),
            n_words=int(stated["n_words"].sum()),
            n_body_sentences=len(body),
            n_body_words=int(body["n_words"].sum()),
            n_paragraphs=int(body["paragraph_id"].nunique()),
            n_sections=int(table["section_id"].nunique()) if len(table) else 0,
            n_headings=int((table["role"] == "heading").sum()),
        )
