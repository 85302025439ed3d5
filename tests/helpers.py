"""Small helpers the tests share."""

from __future__ import annotations

from analysis.nlp import Parse, parse


def P(table) -> Parse:
    """The parse of a sentence table (a parse passes through): what every measure
    that reads the parse takes."""
    return table if isinstance(table, Parse) else parse(table)
