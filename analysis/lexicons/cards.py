"""The method cards: :func:`method_cards` and :func:`method_card` read
``data/method_cards.yaml``: for each
analysis, its method, what it assumes, how well it does on public labelled news (with
the command that measures it) and the one line the report ends its section with.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import yaml

from ..paths import DATA_DIR

__all__ = ["method_cards", "method_card", "trust", "CARD_FIELDS"]

#: The fields of every method card.
CARD_FIELDS = ("name", "method", "assumes", "measured", "command", "trust")


@lru_cache(maxsize=1)
def _cards() -> dict[str, dict[str, str]]:
    data = yaml.safe_load((DATA_DIR / "method_cards.yaml").read_text(encoding="utf-8"))
    return {k: {f: str(v[f]) for f in CARD_FIELDS} for k, v in data.items()}


def method_cards() -> pd.DataFrame:
    """Every analysis with its method, assumptions and quality measured on public news.

    Returns
    -------
    DataFrame
        One row an analysis: ``key``, ``name``, ``method``, ``assumes``, ``measured``
        (the figures, on which public data), ``command`` (the benchmark that measures
        it) and ``trust`` (the line that ends its report section).
    """
    cards = _cards()
    return pd.DataFrame([{"key": k, **v} for k, v in cards.items()], columns=["key", *CARD_FIELDS])


def method_card(key: str) -> dict[str, str]:
    """One analysis's card (``"attribution"``, ``"tone"`` ...)."""
    cards = _cards()
    if key not in cards:
        raise ValueError(f"no method card {key!r}; the cards are {sorted(cards)}")
    return cards[key]


def trust(*keys: str) -> str:
    """The lines that end a section: how far to trust each named analysis, from its
    method card, as Markdown. ``trust("attribution")``."""
    return "\n\n".join(
        f"**How far to trust this** ({method_card(k)['name'].lower()}): {method_card(k)['trust']}"
        for k in keys
    )
