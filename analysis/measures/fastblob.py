"""TextBlob's sentiment, compiled for batches: the same numbers, 9-15 times faster.

TextBlob's ``PatternAnalyzer`` (pattern's ``Sentiment``) tokenises each text with
pattern's ``find_tokens`` and walks the tokens through its lexicon rules (modifiers such
as "very", negations, "!", emoticons). This module runs the same two steps for a whole
batch of texts with the work that repeats hoisted out:

- the lexicon, modifier flags, negations and emoticons are read once from TextBlob's
  own loaded lexicon into plain dicts and sets;
- the batch is rewritten (contractions, quote spacing) and split on whitespace in one
  pass; tokenising a chunk ("breakthrough\",") depends only on the chunk, so each
  distinct chunk gets an id and its tokens, lexicon entries and flags once, in a table
  kept across batches (bounded, ``max_cache``);
- most texts have no modifier, negation, "!" or emoticon that changes anything: their
  score is the mean of their lexicon words' scores, summed with numpy from the chunk
  flags, word by word in TextBlob's order; the other texts go through the rules loop;
- texts where pattern's cross-token rules could apply (paragraph breaks, sarcasm
  "( ! )", emoticons split by spaces) are tokenised by pattern's own ``find_tokens``.

The rules themselves are transcribed from ``textblob._text.Sentiment.assessments``
(TextBlob 0.18-0.20, MIT licence) and summed in the same order, so results are
identical, not just close; the tests keep TextBlob itself as the oracle, and
``benchmarks/fastblob.py`` measures speed and difference on the benchmark corpora.
"""

from __future__ import annotations

import bisect
import gc
import itertools
import operator
import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from textblob import _text as pattern_text
from textblob.en import sentiment as pattern

__all__ = ["sentiment", "sentiments", "sentiments_with_assessments", "assessments"]


class _Compiled:
    def __init__(self) -> None:

        len(pattern)  # the lazy dict loads its XML lexicon on first use
        self.pattern = pattern
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
        # To find the texts where pattern's emoticon and sarcasm rules might fire: its
        # patterns allow one optional space between characters ("( ! )"); tokenising
        # only adds, collapses or moves whitespace, so the same characters separated by
        # any whitespace (\s*) find every such text in the raw batch, and a few more that
        # the exact test then clears. Emoticon alternatives are grouped by first
        # character (several times faster to search than pattern's flat alternation).
        groups: dict[str, list[str]] = {}
        for face in pattern_text.TEMP_RE_EMOTICONS:
            k = 2 if face.startswith("\\") else 1
            groups.setdefault(face[:k], []).append(face[k:].replace(" ?", r"\s*"))
        self.emoticon_any = re.compile(
            "|".join(
                f"{k}(?:{'|'.join(rest)})" if any(rest) else k for k, rest in groups.items()
            ).replace(" ?", r"\s*")
        )
        self.sarcasm_any = re.compile(pattern_text.RE_SARCASM.pattern.replace(" ?", r"\s*"))
        self.breaks = re.compile(r"\n{2,}")
        self.replace_keys = pattern_text.replacements
        self.leading = tuple(pattern_text.PUNCTUATION.replace(".", ""))
        self.trailing = self.leading + (".",)
        self.lead_chars = frozenset(self.leading)
        self.trail_chars = frozenset(self.trailing)

        self.abbreviations = pattern_text.ABBREVIATIONS
        self.abbr = (pattern_text.RE_ABBR1, pattern_text.RE_ABBR2, pattern_text.RE_ABBR3)
        self.sarcasm = pattern_text.RE_SARCASM
        self.emoticon_re = pattern_text.RE_EMOTICONS
        # words that change the rules' state: the vectorised path leaves them to the loop
        self.special = (
            self.modifier_words | self.negations | {"!", "(!)"} | frozenset(self.emoticons)
        )
        # punctuation split off a word's end that is neither a lexicon word nor special,
        # and its item: not a plain word, changes nothing while no state is pending
        self.plain_marks = frozenset(
            m for m in self.trail_chars if m not in self.lexicon and m not in self.special
        )
        self.mark_items = {m: (m, None, False, True) for m in self.plain_marks}
        self.max_cache = 200_000  # about 340 bytes a chunk (measured): at most ~70 MB
        self.reset()

    def reset(self) -> None:
        """Forget every chunk seen so far (the first pass over a corpus starts here)."""
        self.cache: dict[str, int] = _ChunkIds()  # chunk -> id
        self.entries: list[tuple] = []  # per chunk id: its items
        # per chunk id, one array each: all plain, simple, one lexicon hit, its p and
        # s, clears, soft; extended as chunks are registered
        self.arrays: tuple[np.ndarray, ...] = ()
        self.items_of: dict[str, tuple] = {}  # token -> item
        self.cache[_SEP]  # id 0: the separator between texts
        self.register_new()

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

    def register_new(self) -> None:
        """Fill in the entries of the chunks that got ids since the last call: their
        items, whether all are plain words, whether the last item clears a pending
        modifier or negation (a plain word of three or more letters does, by pattern's
        rules), and for the vectorised path whether the chunk is simple (no modifier,
        negation, "!", "(!)" or emoticon and at most one lexicon word, so it adds that
        word's scores and nothing else) or soft (simple but for a final modifier or
        negation)."""
        new, self.cache.unseen = self.cache.unseen, []
        if not new:
            return
        entries, special = self.entries, self.special
        n = len(new)
        base = len(entries)  # new ids are base, base + 1, ... in the order of ``new``
        entries.extend([()] * n)
        # Most chunks are one token: nothing to split off either end (an apostrophe or
        # hyphen inside stays, as in pattern), or a word and a plain mark ("word,",
        # "word." when not an abbreviation). Their words are lower-cased, looked up and
        # flagged in bulk; a word clears pending state if plain (letters only) and > 2
        # long. Other chunks are split by pattern's rules one by one.
        lead, trail, plain_marks = self.lead_chars, self.trail_chars, self.plain_marks
        words, marked, rest = [], [], []
        for k, chunk in enumerate(new):
            if chunk[0] not in lead and chunk[-1] not in trail and chunk != _SEP:
                words.append(k)
            elif (
                len(chunk) > 1
                and chunk[0] not in lead
                and chunk[-2] not in trail
                and chunk[-1] in plain_marks
                and not self._keeps(chunk)
            ):
                marked.append(k)
            else:
                rest.append(k)
        cores = [new[k] for k in words] + [new[k][:-1] for k in marked]
        lows = "\n".join(cores).lower().split("\n") if cores else []
        m = len(lows)
        found = list(map(self.lexicon.get, lows))

        def mask(values) -> np.ndarray:
            return np.fromiter(values, dtype=bool, count=m)

        hit = mask(map(operator.is_not, found, itertools.repeat(None)))
        negation = mask(map(self.negations.__contains__, lows))
        changes = mask(map(special.__contains__, lows))
        plain = ~hit & mask(map(str.isalpha, lows)) & ~negation
        idle = ~hit & (plain | ~changes)
        single = np.arange(m) < len(words)
        scores = np.zeros((m, 2))
        hits = np.flatnonzero(hit).tolist()
        if hits:
            scores[hits] = [found[i][:2] for i in hits]
        items = list(zip(lows, found, plain.tolist(), idle.tolist(), strict=True))
        for k, item in zip(words, items, strict=False):
            entries[base + k] = (item,)
        marks = self.mark_items
        for k, item in zip(marked, items[len(words) :], strict=True):
            entries[base + k] = (item, marks[new[k][-1]])
        # the chunks' flags: plain, simple, one lexicon hit, p, s, clears, soft
        flags = [np.zeros(n, dtype=bool) for _ in range(3)]
        flags += [np.zeros(n), np.zeros(n), np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)]
        at = np.array(words + marked, dtype=np.intp)
        long = np.fromiter(map(len, lows), dtype=np.intp, count=m) > 2
        soft = negation | (hit & mask(map(self.modifier_words.__contains__, lows)))
        for column, values in enumerate(
            (
                plain & single,
                ~changes,
                hit,
                scores[:, 0],
                scores[:, 1],
                plain & single & long,
                soft & single,
            )
        ):
            flags[column][at] = values
        items_of, item_of = self.items_of, self._item
        for k in rest:
            chunk = new[k]
            tokens = () if chunk == _SEP else self._chunk(chunk)
            chunk_items = tuple(items_of.get(t) or item_of(t) for t in tokens)
            entries[base + k] = chunk_items
            for column, value in enumerate(self._flags(chunk, chunk_items)):
                flags[column][k] = value
        self.arrays = (
            tuple(np.concatenate([a, f]) for a, f in zip(self.arrays, flags, strict=True))
            if self.arrays
            else tuple(flags)
        )

    def _keeps(self, chunk: str) -> bool:
        """Does pattern keep the final "." of this chunk (an abbreviation)?"""
        return chunk[-1] == "." and (
            chunk in self.abbreviations or any(r.match(chunk) is not None for r in self.abbr)
        )

    def _flags(self, chunk: str, items: tuple) -> tuple:
        """(plain, simple, one hit, p, s, clears, soft) of a chunk from its items."""
        last = items[-1] if items else None
        clears = last is not None and last[2] and len(last[0]) > 2 and len(last[0].strip("'")) > 1
        plain = chunk != _SEP and all(x[2] for x in items)
        hits = [x[1] for x in items if x[1] is not None]
        specials = [k for k, x in enumerate(items) if x[0] in self.special]
        simple = len(hits) <= 1 and not specials
        soft = (
            len(hits) <= 1
            and specials == [len(items) - 1]
            and (items[-1][0] in self.modifier_words or items[-1][0] in self.negations)
        )
        hit = len(hits) == 1
        p, s = (hits[0][0], hits[0][1]) if hit else (0.0, 0.0)
        return (plain, simple, hit, p, s, clears, soft)

    def _item(self, token: str) -> tuple[str, tuple | None, bool, bool]:
        """(lower-cased word, lexicon entry, plain: a word that changes nothing on its
        own, idle: changes nothing while no modifier or negation is pending)."""
        w = token.lower()
        entry = self.lexicon.get(w)
        plain = entry is None and w.isalpha() and w not in self.negations
        idle = entry is None and (plain or w not in self.special)
        item = self.items_of[token] = (w, entry, plain, idle)
        return item

    def _fallback(self, s: str) -> list[str]:
        return " ".join(self.pattern.tokenizer(s)).split()

    def assess_items(self, items: list) -> list[tuple[list[str], float, float, str | None]]:
        """pattern's rules over (word, lexicon entry, plain, idle) items."""
        negations, labels = self.negations, self.labels
        a: list[list] = []
        m = None
        n = None
        for w, entry, _plain, idle in items:
            if entry is None:
                if not (idle and n is None and m is None):
                    m, n = self._outside_lexicon(w, a, m, n)
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

    def _outside_lexicon(self, w: str, a: list[list], m, n):
        """pattern's rules for a word without a lexicon entry (a negation, "!", an
        emoticon); returns the modifier and negation still pending."""
        if w in self.negations:
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
        return m, n


_SEP = "\x00"
_LONG = 64  # texts with more lexicon hits than this are summed by the loop


class _ChunkIds(dict):
    """chunk -> id. Looking up an unseen chunk gives it the next id and notes it, so a
    batch's ids come from one ``map`` at C speed and new chunks are filled in after
    (``_Compiled.register_new``)."""

    def __init__(self) -> None:
        super().__init__()
        self.unseen: list[str] = []

    def __missing__(self, chunk: str) -> int:
        cid = self[chunk] = len(self)
        self.unseen.append(chunk)
        return cid


def _prepare(c: _Compiled, texts: list[str]) -> tuple[list[str], set[int]]:
    """Rewrite all texts in one pass (contractions, quote spacing) and split them into
    whitespace chunks, texts separated by a NUL chunk. Also find the texts where
    pattern's cross-token rules might fire: an emoticon or "(!)" pattern anywhere before
    punctuation is split off (a superset of where they fire), or a paragraph break;
    those are tokenised by pattern itself."""
    big = f" {_SEP} ".join(texts) + f" {_SEP}"  # a separator after every text
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
    separators: list[int] | None = None
    for regex, marker in ((c.breaks, "\n\n"), (c.sarcasm_any, "!"), (c.emoticon_any, None)):
        if marker is not None and marker not in big:  # a plain substring test first
            continue
        for m in regex.finditer(big):
            if separators is None:
                separators = [s.start() for s in re.finditer(_SEP, big)]
            flagged.add(bisect.bisect_left(separators, m.start()))
    # str.split() on whitespace is pattern's whitespace collapse plus TOKEN.findall
    return big.split(), flagged


def _needs_pattern(c: _Compiled, text: str) -> bool:
    """The exact test for a flagged text: do pattern's cross-token rules (paragraph
    breaks, "(!)", emoticons split by spaces) fire on its token stream?"""
    chunks, _ = _prepare(c, [text])
    if "\n\n" in text.replace("\r\n", "\n"):
        return True
    lead, trail = c.lead_chars, c.trail_chars
    joined = " ".join(
        token
        for chunk in chunks
        if chunk != _SEP
        for token in (
            (chunk,) if chunk[0] not in lead and chunk[-1] not in trail else c._chunk(chunk)
        )
    )
    return bool(c.sarcasm.search(joined) or c.emoticon_re.search(joined))


def _batch_scores(c: _Compiled, texts: list[str], keep: bool) -> list | np.ndarray:
    """Scores of many texts. The cyclic garbage collector is paused meanwhile: the
    chunk cache makes many small tuples and no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _batch_scores_inner(c, texts, keep)
    finally:
        if enabled:
            gc.enable()


def _batch_scores_inner(c: _Compiled, texts: list[str], keep: bool) -> list | np.ndarray:
    if len(c.cache) >= c.max_cache:  # bounded memory on endless corpora
        c.reset()
    chunks, flagged = _prepare(c, texts)
    n = len(texts)
    ids = np.fromiter(map(c.cache.__getitem__, chunks), dtype=np.intp, count=len(chunks))
    c.register_new()
    plain, simple, has, pol, subj, clears, soft = c.arrays
    is_sep = ids == 0
    text_of = np.cumsum(is_sep) - is_sep  # the text each chunk belongs to
    polarity = np.zeros(n)
    subjectivity = np.zeros(n)
    # Vectorised path: a text whose chunks are all simple scores the mean of its
    # lexicon words' polarity and subjectivity, summed in order as TextBlob does. A
    # chunk ending in a modifier ("very") or negation ("not") is as good as simple
    # when the next chunk is a plain word that clears it ("not signed").
    loop = np.ones(n, dtype=bool) if keep else np.zeros(n, dtype=bool)
    following = np.append(ids[1:], 0)
    fine = simple[ids] | (soft[ids] & plain[following] & clears[following])
    loop[text_of[~fine]] = True
    loop[list(flagged)] = True
    pos = np.flatnonzero(has[ids] & ~loop[text_of])
    seg = text_of[pos]
    counts = np.bincount(seg, minlength=n)
    loop |= counts > _LONG
    if loop.any():
        keep_pos = ~loop[seg]
        pos, seg = pos[keep_pos], seg[keep_pos]
        counts = np.bincount(seg, minlength=n)
    if len(pos):
        rank = np.arange(len(pos)) - (np.cumsum(counts) - counts)[seg]
        width = int(rank.max()) + 1
        for values, out in ((pol, polarity), (subj, subjectivity)):
            table = np.zeros((n, width))
            table[seg, rank] = values[ids[pos]]
            for j in range(width):  # column by column: each row summed left to right
                out += table[:, j]
        polarity /= np.maximum(counts, 1)
        subjectivity /= np.maximum(counts, 1)
    results: list = [None] * n
    if loop.any():
        mine = np.flatnonzero(loop[text_of])  # the chunks of those texts, in order
        sub = ids[mine]
        _loop_scores(
            c,
            texts,
            sub,
            plain[sub],
            clears[sub],
            sub == 0,
            text_of[mine],
            loop,
            flagged,
            keep,
            results,
        )
    if keep:
        return results
    for k in np.flatnonzero(loop).tolist():
        polarity[k], subjectivity[k] = results[k][0], results[k][1]
    return np.column_stack([polarity, subjectivity])


def _loop_scores(c, texts, ids, plain, clears, is_sep, text_of, loop, flagged, keep, results):
    """pattern's rules item by item for the texts marked in ``loop``, given their
    chunks' ids and flags in order.

    A plain chunk (words that do nothing on their own) only matters while a modifier
    or negation is pending: after a non-plain chunk that does not clear the state,
    up to and including the first chunk that clears it. That is found for all chunks
    at once; the rules then run over the remaining items of each text."""
    n = len(ids)
    event = ~plain | clears | is_sep  # chunks that set the pending state
    value = ~plain & ~clears & ~is_sep  # ... to pending
    last = np.maximum.accumulate(np.where(event, np.arange(n), -1))
    pending_after = np.where(last >= 0, value[last], False)
    include = ~is_sep & ~plain
    include[1:] |= ~is_sep[1:] & pending_after[:-1]
    where = np.flatnonzero(include)
    chosen = ids[where].tolist()
    chosen_text = text_of[where]
    todo = np.flatnonzero(loop)
    lefts = np.searchsorted(chosen_text, todo, side="left").tolist()
    rights = np.searchsorted(chosen_text, todo, side="right").tolist()
    entries = c.entries
    assess, item, chain = c.assess_items, c._item, itertools.chain.from_iterable
    for k, a, b in zip(todo.tolist(), lefts, rights, strict=True):
        if k in flagged and _needs_pattern(c, texts[k]):
            scored = assess([item(t) for t in c._fallback(texts[k])])
        elif a < b:
            scored = assess(list(chain(map(entries.__getitem__, chosen[a:b]))))
        else:
            scored = []
        p_sum = 0
        s_sum = 0
        count = 0
        for _, p, s, _x in scored:
            p_sum += p
            s_sum += s
            count += 1
        p_mean, s_mean = p_sum / float(count or 1), s_sum / float(count or 1)
        results[k] = (p_mean, s_mean, scored) if keep else (p_mean, s_mean)


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
    parts = [
        _batch_scores(c, texts[start : start + batch_size], keep=False)
        for start in range(0, len(texts), batch_size)
    ]
    return np.concatenate(parts) if parts else np.zeros((0, 2))


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
