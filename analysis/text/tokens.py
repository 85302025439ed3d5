"""Word tokens: one tokenizer for keywords, keyness and topics (:func:`token_spans`) and
one for actors, quotes and hedging (:func:`word_tokens`); keeps "U.S.", "U.S.-led",
"al-Assad".

scikit-learn's default ``token_pattern`` turns "U.S.-led" into "led" and drops
one-letter words; this module's pattern keeps dotted acronyms and hyphenated or
apostrophised names whole, strips the possessive "'s", and folds case except for
acronyms ("US" stays "US", distinct from the stop word "us").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from os import PathLike
from pathlib import Path

from ..lexicons.files import lexicon_path, read_words
from .normalize import normalize

__all__ = [
    "TOKEN_PATTERN",
    "tokens",
    "token_spans",
    "term_key",
    "load_stop_words",
    "StopWords",
    "Token",
    "word_tokens",
    "WORD_PATTERN",
]

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
    return frozenset(w.lower() for w in read_words(path))


def load_stop_words(stop_words: StopWords = None) -> frozenset[str]:
    """The stop list: the package's (``analysis/data/stopwords.txt``) when ``None``,
    a file of one word a line when a path, or the given words. ``[]`` means none."""
    if stop_words is None:
        return _stop_file(str(lexicon_path("stopwords")))
    if isinstance(stop_words, str | PathLike):
        path = Path(stop_words)
        if not path.is_file():
            raise FileNotFoundError(
                f"stop-word file {path} not found; pass a list of words or a file with one word a line"
            )
        return _stop_file(str(path))
    return frozenset(w.lower() for w in stop_words)


# ------------------------------------------------ tokens of the actor and quote matchers
#: Words (with the dot of an abbreviation), numbers and single punctuation marks.
WORD_PATTERN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_][\w]*(?:[-'][\w]+)*\.?|\d[\d,.]*|[^\w\s]")
_ACRONYM = re.compile(r"(?:[^\W\d_]\.){2,}")


@dataclass(slots=True)
class Token:
    """A token of a normalised sentence: its text and offsets into that sentence.

    ``cap`` (starts with a capital) and ``low`` (lower case) are read many times per
    token by the matchers, so they are computed once. Tokens are shared between the
    analyses of a sentence (see :func:`word_tokens`): do not change them.
    """

    text: str
    start: int
    end: int
    cap: bool = field(init=False)
    low: str = field(init=False)

    def __post_init__(self) -> None:
        self.cap = self.text[:1].isupper()
        self.low = self.text.lower()


@lru_cache(maxsize=512)
def word_tokens(text: str) -> tuple[Token, ...]:
    """The tokens of a normalised sentence, as actors, quotes and hedging read them.

    A final dot stays on an abbreviation ("Gen.", "U.S.") but not on a sentence end; a
    possessive "'s" is its own token. Cached for the last 512 sentences: the analyses
    of an article tokenise each sentence once between them (a larger cache only adds
    garbage-collector work on a corpus, where each sentence comes once).
    """
    out = []
    for m in WORD_PATTERN.finditer(text):
        word, start = m.group(), m.start()
        if word.endswith("."):
            # keep the dot of an abbreviation (Gen., U.S.), not of a sentence end
            if not (
                _ACRONYM.fullmatch(word)
                or len(word) <= 5
                and word[:-1].isalpha()
                and m.end() < len(text)
            ):
                word = word[:-1]
        if word.endswith(("'s", "'S")) and len(word) > 2:
            out.append(Token(word[:-2], start, start + len(word) - 2))
            out.append(Token("'s", start + len(word) - 2, start + len(word)))
            continue
        out.append(Token(word, start, start + len(word)))
    return tuple(out)
