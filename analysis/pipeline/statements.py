"""A finding: a statement in Markdown with the section that shows its evidence and the
sentences that carry it; and the small helpers that write findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..text.markup import markdown as md

__all__ = ["Statement", "plural", "quote", "names_list", "words_by_source"]


@dataclass(frozen=True)
class Statement:
    """One finding: Markdown ``text`` (article text escaped), the ``anchor`` of the
    report section that shows its evidence, its ``kind``, and the ``sentence_ids``
    that carry it (empty for counts)."""

    kind: str
    text: str
    anchor: str
    sentence_ids: tuple[int, ...] = field(default=())


def plural(n: int, word: str, many: str | None = None) -> str:
    """``"1 section"``, ``"2 sections"``; ``many`` for irregular plurals."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def quote(text: object) -> str:
    return f"“{md(text)}”"


def names_list(values: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c" (values already escaped)."""
    values = list(values)
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


def words_by_source(said: pd.DataFrame) -> pd.Series:
    """Attributed words per source, most first (unresolved sources as one group)."""
    return (
        said.groupby(said["actor"].fillna("(unattributed)"))["n_words"]
        .sum()
        .sort_values(ascending=False, kind="mergesort")
    )
