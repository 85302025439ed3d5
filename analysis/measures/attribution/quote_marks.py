"""Quotation marks paired over an article: which words are inside a quote.

Straight, curly, single, low-9 and guillemet marks and TeX's ``...''; marks nested inside
a quote are part of it; a quote left open at the end of a paragraph runs on when the
next paragraph opens with a mark (the news convention for a quote over paragraphs).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

__all__ = ["Quote", "quote_spans", "quote_at", "quotes_from", "MARK_CHARS", "MARKS_AND_SPACE"]

# ---------------------------------------------------------------------- quotation marks
#: Opening marks and the marks that close them.
_CLOSERS = {
    "\u201c": ("\u201d", '"'),  # “ ”
    "\u201e": ("\u201c", "\u201d"),  # „ “
    "\u00ab": ("\u00bb",),  # « »
    '"': ('"', "\u201d"),
    "``": ("''", '"', "\u201d"),
    "''": ("''",),
    "\u2018": ("\u2019",),  # ‘ ’
    "'": ("'", "\u2019"),
}

_SINGLE = ("\u2018", "'")

MARK_CHARS = frozenset("\u201c\u201d\u201e\u00ab\u00bb\"`'\u2018\u2019")

MARKS_AND_SPACE = " \n\u201c\u201d\u201e\u00ab\u00bb\"`'\u2018\u2019"

_OPEN_BEFORE = frozenset(" \t\n([{\u2014\u2013-/:")


@dataclass
class Quote:
    start: int  # inner span, absolute offsets: the quoted words without their marks
    end: int
    closed: bool


def _mark_at(text: str, i: int) -> str:
    two = text[i : i + 2]
    return two if two in ("``", "''") else text[i]


def _can_open(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark) : i + len(mark) + 1] or " "
    if mark in _SINGLE:  # not an apostrophe: a word starts right after, none ends before
        return before in _OPEN_BEFORE and (after.isalnum() or after in '\u201c"')
    if mark == "''":
        return before in _OPEN_BEFORE and after.isalnum()
    if mark in ("\u201d", "\u00bb"):
        return False
    return not after.isspace() or before in _OPEN_BEFORE


def _can_close(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark) : i + len(mark) + 1] or " "
    if mark in ("\u2019", "'"):  # not "don't": no letter right after
        return not before.isspace() and not after.isalnum()
    return True


def quote_spans(parts: list[tuple[int, int, str, int]]) -> list[Quote]:
    """Pair quotation marks over the speech sentences ``(paragraph_id, offset, text)``.

    Marks nested inside a quote are part of it. A quote left open at the end of a
    paragraph runs on when the next paragraph opens with a quotation mark (the news
    convention for a quote over several paragraphs) and ends with its paragraph
    otherwise.
    """
    spans: list[Quote] = []
    opener: str | None = None
    inner = 0
    last_end = 0
    previous_pid = None
    for pid, offset, text, first in parts:
        i = 0
        if pid != previous_pid and previous_pid is not None and opener is not None:
            stripped = len(text) - len(text.lstrip())
            mark = _mark_at(text, stripped) if stripped < len(text) else ""
            if first and mark and mark in _CLOSERS and _can_open(text, stripped, mark):
                i = stripped + len(mark)  # the quote runs on into this paragraph
            else:
                spans.append(Quote(inner, last_end, False))
                opener = None
        previous_pid = pid
        while i < len(text):
            ch = text[i]
            if ch not in MARK_CHARS:
                i += 1
                continue
            mark = _mark_at(text, i)
            if opener is None:
                if mark in _CLOSERS and _can_open(text, i, mark):
                    opener, inner = mark, offset + i + len(mark)
            elif mark in _CLOSERS[opener] and _can_close(text, i, mark):
                if offset + i > inner:
                    spans.append(Quote(inner, offset + i, True))
                opener = None
            i += len(mark)
        last_end = offset + len(text.rstrip())
    if opener is not None:
        spans.append(Quote(inner, last_end, False))
    return [q for q in spans if q.end > q.start]


def quote_at(quotes_: list[Quote], pos: int) -> Quote | None:
    for q in quotes_:
        if q.start <= pos < q.end:
            return q
    return None


def quotes_from(quotes: list[Quote], start: int) -> list[Quote]:
    """The quotes (in text order) that start at or after ``start``."""
    return quotes[bisect.bisect_left(quotes, start, key=lambda q: q.start) :]
