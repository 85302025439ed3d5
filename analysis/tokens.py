"""Word tokens for keywords, keyness and topics: keeps "U.S.", "U.S.-led", "al-Assad".

scikit-learn's default ``token_pattern`` turns "U.S.-led" into "led" and drops
one-letter words; this module's pattern keeps dotted acronyms and hyphenated or
apostrophised names whole, strips the possessive "'s", and folds case except for
acronyms ("US" stays "US", distinct from the stop word "us").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from os import PathLike
from pathlib import Path

from .paths import DATA_DIR
from .preprocess import normalize

__all__ = ["TOKEN_PATTERN", "tokens", "token_spans", "term_key", "load_stop_words", "StopWords"]

_LETTER = r"[^\W\d_]"
#: Dotted acronyms (with a hyphenated tail), then words with inner hyphens/apostrophes.
TOKEN_PATTERN = rf"(?:{_LETTER}\.){{2,}}(?:-{_LETTER}+)*|{_LETTER}\w*(?:[-']\w+)*"
_TOKEN = re.compile(TOKEN_PATTERN)

StopWords = Iterable[str] | str | PathLike | None


def term_key(surface: str) -> str:
    """The key a surface form is counted under: case-folded unless an acronym, no "'s"."""
    if surface.endswith("'s") or surface.endswith("'S"):
        surface = surface[:-2]
    if len(surface) > 1 and surface.isupper():
        return surface
    return surface.lower()


def token_spans(text: str) -> list[tuple[str, str, int, int]]:
    """``(key, surface, start, end)`` for every word token of ``text``.

    ``text`` should already be normalised (straight apostrophes); offsets are into it.
    """
    out = []
    for m in _TOKEN.finditer(text):
        surface = m.group()
        end = m.end()
        if surface.endswith(("'s", "'S")):
            surface = surface[:-2]
            end -= 2
        out.append((term_key(surface), surface, m.start(), end))
    return out


def tokens(text: str) -> list[str]:
    """Keys of the word tokens of ``text`` (normalised first)."""
    return [k for k, *_ in token_spans(normalize(text))]


@lru_cache(maxsize=8)
def _stop_file(path: str) -> frozenset[str]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.lstrip().startswith("#")
    )


def load_stop_words(stop_words: StopWords = None) -> frozenset[str]:
    """The stop list: the package's (``analysis/data/stopwords.txt``) when ``None``,
    a file of one word a line when a path, or the given words. ``[]`` means none."""
    if stop_words is None:
        return _stop_file(str(DATA_DIR / "stopwords.txt"))
    if isinstance(stop_words, str | PathLike):
        path = Path(stop_words)
        if not path.is_file():
            raise FileNotFoundError(
                f"stop-word file {path} not found; pass a list of words or a file with one word a line"
            )
        return _stop_file(str(path))
    return frozenset(w.lower() for w in stop_words)
