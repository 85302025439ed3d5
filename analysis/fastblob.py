"""TextBlob's sentiment, compiled for batches: the same numbers, several times faster.

TextBlob's ``PatternAnalyzer`` (pattern's ``Sentiment``) tokenises each text with
pattern's ``find_tokens`` and walks the tokens through its lexicon rules (modifiers such
as "very", negations, "!", emoticons). This module runs the same two steps with the
work that repeats across texts hoisted out:

- the lexicon, modifier flags, negations and emoticons are read once from TextBlob's
  own loaded lexicon into plain dicts and sets;
- tokenising a whitespace-separated chunk ("breakthrough\\",") depends only on the
  chunk, so each distinct chunk is split once and cached;
- texts where pattern's cross-token rules could apply (paragraph breaks, sarcasm
  "( ! )", emoticons split by spaces) are tokenised by pattern's own ``find_tokens``.

The rules themselves are transcribed from ``textblob._text.Sentiment.assessments``
(TextBlob 0.18-0.20, MIT licence) and summed in the same order, so results are
identical, not just close; the tests keep TextBlob itself as the oracle.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

__all__ = ["sentiment", "sentiments", "sentiments_with_assessments", "assessments"]


class _Compiled:
    def __init__(self) -> None:
        from textblob import _text as pattern_text
        from textblob.en import sentiment as pattern

        len(pattern)  # the lazy dict loads its XML lexicon on first use
        self.pattern = pattern
        self.text = pattern_text
        self.lexicon = {w: tuple(e[None]) for w, e in dict.items(pattern) if None in e}
        self.modifier_words = frozenset(
            w for w, e in dict.items(pattern) if any(t in e for t in pattern.modifiers)
        )
        self.negations = frozenset(pattern.negations)
        self.is_modifier = pattern.modifier  # lambda w: w.endswith("ly")
        self.labels = dict(pattern.labeler)
        emoticons: dict[str, float] = {}
        for (_kind, polarity), faces in pattern_text.EMOTICONS.items():
            for face in faces:
                emoticons.setdefault(face.lower(), polarity)
        self.emoticons = emoticons
        self.punctuation_marks = pattern_text.PUNCTUATION
        self.mood = pattern_text.MOOD
        self.irony = pattern_text.IRONY
        pairs = list(pattern_text.replacements.items())
        if all(b == " " + a for a, b in pairs):
            # every rule puts a space before its match: one pass (a lookahead, so the
            # replacement is a plain string) does what the loop of re.sub calls does
            self.replacements = [(re.compile("(?=" + "|".join(a for a, _ in pairs) + ")"), " ")]
        else:
            self.replacements = [(re.compile(a), b) for a, b in pairs]
        # With pattern's standard rules ("'s" -> " 's", ..., "n't" -> " n't") only "n't"
        # changes the tokens: every other rule puts a space before an apostrophe that the
        # quote spacing below surrounds with spaces anyway.
        self.contractions_only_nt = all(b == " " + a for a, b in pairs) and all(
            a.startswith("'") or a == "n't" for a, _ in pairs
        )
        self.emoticon_any = re.compile("|".join(pattern_text.TEMP_RE_EMOTICONS))
        self.breaks = re.compile(r"\n{2,}")
        self.spaces = re.compile(r"\s+")
        self.replace_keys = pattern_text.replacements
        self.leading = tuple(pattern_text.PUNCTUATION.replace(".", ""))
        self.trailing = self.leading + (".",)
        self.abbreviations = pattern_text.ABBREVIATIONS
        self.abbr = (pattern_text.RE_ABBR1, pattern_text.RE_ABBR2, pattern_text.RE_ABBR3)
        self.token = pattern_text.TOKEN
        self.sarcasm = pattern_text.RE_SARCASM
        self.emoticon_re = pattern_text.RE_EMOTICONS
        self.cache: dict[str, tuple] = {}
        self.max_cache = 500_000

    def _chunk(self, t: str) -> tuple[str, ...]:
        """pattern's find_tokens loop for one whitespace-separated chunk."""
        tokens: list[str] = []
        tail: list[str] = []
        replace = self.replace_keys
        while t.startswith(self.leading) and t not in replace:
            tokens.append(t[0])
            t = t[1:]
        while t.endswith(self.trailing) and t not in replace:
            if t.endswith(self.leading):
                tail.append(t[-1])
                t = t[:-1]
            if t.endswith("..."):
                tail.append("...")
                t = t[:-3].rstrip(".")
            if t.endswith("."):
                if t in self.abbreviations or any(r.match(t) is not None for r in self.abbr):
                    break
                tail.append(t[-1])
                t = t[:-1]
        if t != "":
            tokens.append(t)
        tokens.extend(reversed(tail))
        return tuple(tokens)

    def hit(self, chunk: str) -> tuple[tuple, bool, bool]:
        """Cache entry of a chunk: its items, whether all are plain words, and whether
        its last item clears a pending modifier or negation (a plain word of three or
        more letters does, by pattern's rules). Stored in ``self.cache``."""
        tokens = (chunk,) if chunk.isalnum() else self._chunk(chunk)  # no punctuation to split
        items = tuple(self._item(x) for x in tokens)
        last = items[-1] if items else None
        clears = last is not None and last[2] and len(last[0]) > 2 and len(last[0].strip("'")) > 1
        if len(self.cache) >= self.max_cache:  # bounded memory on endless corpora
            self.cache.clear()
            self.cache[_SEP] = _SEP_HIT
        entry = self.cache[chunk] = (items, all(x[2] for x in items), clears)
        return entry

    def _item(self, token: str) -> tuple[str, tuple | None, bool]:
        """(lower-cased word, lexicon entry, plain word that changes nothing on its own)."""
        w = token.lower()
        entry = self.lexicon.get(w)
        return w, entry, entry is None and w.isalpha() and w not in self.negations

    def _fallback(self, s: str) -> list[str]:
        return " ".join(self.pattern.tokenizer(s)).split()

    def assess_items(self, items: list) -> list[tuple[list[str], float, float, str | None]]:
        """pattern's rules over (word, lexicon entry, plain) items."""
        negations, labels = self.negations, self.labels
        a: list[list] = []
        m = None
        n = None
        for w, entry, plain in items:
            if entry is None:
                if plain and n is None and m is None:
                    continue
                if w in negations:
                    n = w
                elif n and len(w.strip("'")) > 1:
                    n = None
                if n is not None and m is not None and self.is_modifier(m[0]):
                    a[-1][0].append(n)
                    a[-1][4] = -1
                    n = None
                elif m and len(w) > 2:
                    m = None
                if w == "!" and len(a) > 0:
                    a[-1][0].append("!")
                    a[-1][1] = max(-1.0, min(a[-1][1] * 1.25, +1.0))
                if w == "(!)":
                    a.append([[w], 0.0, 1.0, 1.0, 1, self.irony])
                if w.isalpha() is False and len(w) <= 5 and w not in self.punctuation_marks:
                    polarity = self.emoticons.get(w)
                    if polarity is not None:
                        a.append([[w], polarity, 1.0, 1.0, 1, self.mood])
                continue
            p, s, i = entry
            if m is None:
                a.append([[w], p, s, i, 1, labels.get(w)])
            else:
                last = a[-1]
                last[0].append(w)
                last[1] = max(-1.0, min(p * last[3], +1.0))
                last[2] = max(-1.0, min(s * last[3], +1.0))
                last[3] = i
                last[5] = labels.get(w)
            if n is not None:
                last = a[-1]
                last[0].insert(0, n)
                last[3] = 1.0 / last[3]
                last[4] = -1
            m = None
            n = None
            if w in self.modifier_words:
                m = (w, None)
            if w in negations:
                n = w
        return [(h[0], h[1] * -0.5 if h[4] < 0 else h[1], h[2], h[5]) for h in a]


_SEP = "\x00"
_SEP_HIT = ((), False, False)  # the cache entry of the separator between texts


def _prepare(c: _Compiled, texts: list[str]) -> tuple[list[str], set[int]]:
    """Rewrite all texts in one pass (contractions, quote spacing) and split them into
    whitespace chunks, texts separated by a NUL chunk. Also find the texts where
    pattern's cross-token rules might fire: an emoticon or "(!)" pattern anywhere before
    punctuation is split off (a superset of where they fire), or a paragraph break;
    those are tokenised by pattern itself."""
    big = f" {_SEP} ".join(texts)
    if c.contractions_only_nt:
        big = big.replace("n't", " n't")
    else:
        for pattern, replacement in c.replacements:
            big = pattern.sub(replacement, big)
    big = (
        big.replace("“", " “ ")
        .replace("”", " ” ")
        .replace("‘", " ‘ ")
        .replace("’", " ’ ")
        .replace("'", " ' ")
        .replace('"', ' " ')
        .replace("\r\n", "\n")
    )
    flagged = set()
    for regex, marker in ((c.breaks, "\n\n"), (c.sarcasm, "!"), (c.emoticon_any, None)):
        if marker is not None and marker not in big:  # a plain substring test first
            continue
        for m in regex.finditer(big):
            flagged.add(big.count(_SEP, 0, m.start()))
    # str.split() on whitespace is pattern's whitespace collapse plus TOKEN.findall
    return big.split(), flagged


def _needs_pattern(c: _Compiled, text: str) -> bool:
    """The exact test for a flagged text: do pattern's cross-token rules (paragraph
    breaks, "(!)", emoticons split by spaces) fire on its token stream?"""
    chunks, _ = _prepare(c, [text])
    if "\n\n" in text.replace("\r\n", "\n"):
        return True
    joined = " ".join(token for chunk in chunks for token in c._chunk(chunk))
    return bool(c.sarcasm.search(joined) or c.emoticon_re.search(joined))


def _batch_scores(c: _Compiled, texts: list[str], keep: bool) -> list:
    """Scores of many texts. The cyclic garbage collector is paused meanwhile: the
    chunk cache makes many small tuples and no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _batch_scores_inner(c, texts, keep)
    finally:
        if enabled:
            gc.enable()


def _batch_scores_inner(c: _Compiled, texts: list[str], keep: bool) -> list:
    chunks, flagged = _prepare(c, texts)
    cache = c.cache
    cache[_SEP] = _SEP_HIT
    get, make = cache.get, c.hit
    # every chunk's cached entry (items, all plain, clears a pending state); a plain
    # chunk is skipped unless a modifier or negation is pending, so most words cost a
    # dictionary lookup and one test
    hits = [get(t) or make(t) for t in chunks]
    hits.append(_SEP_HIT)
    # only non-plain chunks (and separators) start work; plain chunks right after them
    # are read while a modifier or negation is pending
    starts = [i for i, hit in enumerate(hits) if not hit[1]]
    assess, item = c.assess_items, c._item
    out = []
    k = 0
    flat: list = []
    last = -1
    for i in starts:
        if i <= last:
            continue
        hit = hits[i]
        if hit is not _SEP_HIT:
            flat.extend(hit[0])
            pending = not hit[2]
            j = i + 1
            while pending:
                nxt = hits[j]
                if nxt is _SEP_HIT or not nxt[1]:
                    break
                flat.extend(nxt[0])
                pending = not nxt[2]
                j += 1
            last = j - 1
            continue
        if k in flagged and _needs_pattern(c, texts[k]):
            a = assess([item(t) for t in c._fallback(texts[k])])
        else:
            a = assess(flat) if flat else []
        p_sum = 0
        s_sum = 0
        count = 0
        for _, p, s, _x in a:
            p_sum += p
            s_sum += s
            count += 1
        p_mean, s_mean = p_sum / float(count or 1), s_sum / float(count or 1)
        out.append((p_mean, s_mean, a) if keep else (p_mean, s_mean))
        k += 1
        flat = []
    return out


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    return _Compiled()


def assessments(text: str) -> list[tuple[list[str], float, float, str | None]]:
    """TextBlob's ``sentiment_assessments`` list for ``text``: (words, polarity,
    subjectivity, label) per lexicon hit, in order."""
    return sentiment(text)[2]


def sentiment(text: str) -> tuple[float, float, list]:
    """(polarity, subjectivity, assessments), exactly ``TextBlob(text).sentiment`` and
    its assessments."""
    return _batch_scores(_compiled(), [str(text).replace("\x00", " ")], keep=True)[0]


def sentiments(texts: Iterable[str], *, batch_size: int = 2000) -> np.ndarray:
    """Polarity and subjectivity of many texts: an array of shape (n, 2), exactly
    TextBlob's numbers."""
    c = _compiled()
    texts = [str(t).replace("\x00", " ") for t in texts]
    rows = []
    for start in range(0, len(texts), batch_size):
        rows.extend(_batch_scores(c, texts[start : start + batch_size], keep=False))
    return np.asarray(rows, dtype=float).reshape(-1, 2)


def sentiments_with_assessments(
    texts: Iterable[str], *, batch_size: int = 2000
) -> list[tuple[float, float, list]]:
    """(polarity, subjectivity, assessments) for many texts, exactly TextBlob's."""
    c = _compiled()
    texts = [str(t).replace("\x00", " ") for t in texts]
    out = []
    for start in range(0, len(texts), batch_size):
        out.extend(_batch_scores(c, texts[start : start + batch_size], keep=True))
    return out
