"""Project exceptions: every message names the input, says what was wrong and what to do."""

from __future__ import annotations

__all__ = [
    "FramingError",
    "ArticleLoadError",
    "EmptyArticleError",
    "InputSizeError",
    "NotAnArticleError",
]


class FramingError(Exception):
    """Base class of the errors this package raises on purpose."""


class ArticleLoadError(FramingError, ValueError):
    """An article (file, URL, HTML or text) could not be turned into an :class:`Article`.

    Attributes
    ----------
    source : str
        The path, URL or ``"<text>"`` that failed.
    """

    def __init__(self, source: object, problem: str, hint: str = "") -> None:
        self.source = str(source)
        self.problem = problem
        self.hint = hint
        message = f"{self.source}: {problem}"
        if hint:
            message += f" {hint}"
        super().__init__(message)


class EmptyArticleError(ArticleLoadError):
    """The input holds no text (empty, whitespace only, or no article text in the HTML)."""


class InputSizeError(ArticleLoadError):
    """The input is larger than the configured limit."""


class NotAnArticleError(ArticleLoadError):
    """The input has text, but not an article's: too few words in letters, or mostly
    numbers, symbols or emoji."""
