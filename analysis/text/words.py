"""Words: the one definition of a word that every count in the package uses.

A word is a run of letters or digits, with inner apostrophes, hyphens, full stops and
commas kept ("don't", "U.S.-led", "al-Assad", "20,000", "3.5"); punctuation, symbols and
emoji are not words. :func:`count_words` is the word count of every sentence, every
"per 1,000 words" rate and every word count a report states.
"""

from __future__ import annotations

import re

__all__ = ["WORD", "count_words", "letter_words", "letter_share"]

#: A word: letters or digits, with inner ' ’ - . , between them.
WORD = re.compile(r"[^\W_]+(?:['’.,\-][^\W_]+)*")
_LETTER = re.compile(r"[^\W\d_]")
_SPACE = re.compile(r"\s")


def count_words(text: str) -> int:
    """The number of words in ``text`` (see the module's definition).

    >>> count_words("Putin described the deal as a “real breakthrough” – twice.")
    9
    """
    return sum(1 for _ in WORD.finditer(text))


def letter_words(text: str) -> int:
    """Words written in letters: more letters than digits ("COVID-19", "a"; not "42",
    "1e5" or "3D")."""
    n = 0
    for m in WORD.finditer(text):
        word = m.group()
        letters = len(_LETTER.findall(word))
        if letters and letters > sum(ch.isdigit() for ch in word):
            n += 1
    return n


def letter_share(text: str) -> float:
    """Letters among the visible (non-space) characters of ``text``; 0 for none."""
    visible = len(text) - len(_SPACE.findall(text))
    return len(_LETTER.findall(text)) / visible if visible else 0.0
