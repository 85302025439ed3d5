"""Limits that bound the work of one article, not just its bytes.

An article is read only up to :data:`DEFAULT_MAX_BYTES` (from a file, a device, a pipe
or a web page alike); past that, and past the words, paragraphs and sentences below, it
is refused with an error that names the limit. A run of more than
:data:`MAX_SENTENCE_WORDS` words without a sentence end is cut into pieces of that
length, so text without punctuation is still read. Within these limits one article's
whole analysis takes about a minute and under 1 GB on a 2-core machine
(``benchmarks/bad_inputs.py`` measures the largest accepted inputs).

``FRAMING_MAX_BYTES`` and ``FRAMING_MAX_WORDS`` raise or lower the two size limits for
a session.
"""

from __future__ import annotations

import os

from ..errors import FramingError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_WORDS",
    "MAX_PARAGRAPHS",
    "MAX_SENTENCES",
    "MAX_SENTENCE_WORDS",
    "MIN_WORDS",
    "MIN_LETTER_SHARE",
    "HINT",
    "max_bytes",
    "max_words",
    "max_paragraphs",
    "max_sentences",
]

#: Largest input read, in bytes (``FRAMING_MAX_BYTES``).
DEFAULT_MAX_BYTES = 5_000_000
#: Most words in one article (``FRAMING_MAX_WORDS``): a long feature has 10,000.
DEFAULT_MAX_WORDS = 50_000
#: Most paragraphs (headline, headings and paragraphs) in one article.
MAX_PARAGRAPHS = 5_000
#: Most sentences in one article.
MAX_SENTENCES = 5_000
#: Longest run of words read as one sentence; a longer run is cut into pieces.
MAX_SENTENCE_WORDS = 250
#: Fewest words in letters that make an article ("The council approved the budget.").
MIN_WORDS = 3
#: Smallest share of letters among an article's visible characters: below it the text
#: is mostly numbers, symbols or emoji, which the analyses do not read.
MIN_LETTER_SHARE = 0.3
HINT = (
    "This is larger than one article; split it into articles (framing corpus reads a "
    "folder, CSV or JSONL of them), or raise FRAMING_MAX_WORDS if it really is one."
)


def _env(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = int(value)
    except ValueError:
        raise FramingError(
            f"{name}={value!r} is not a whole number; unset it or give one."
        ) from None
    return max(1, number)


def max_bytes(value: int | None = None) -> int:
    """The byte limit: ``value`` when given, else ``FRAMING_MAX_BYTES`` or the default."""
    return value if value is not None else _env("FRAMING_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_words() -> int:
    return _env("FRAMING_MAX_WORDS", DEFAULT_MAX_WORDS)


def max_paragraphs() -> int:
    return MAX_PARAGRAPHS


def max_sentences() -> int:
    return MAX_SENTENCES
