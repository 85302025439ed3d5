"""Who says, believes, wants or shows what, and how sure the text is.

- :func:`quotes` reads attributions from spaCy's dependency parse (:mod:`analysis.nlp`):
  a cue (a reporting verb of ``data/reporting_verbs.csv`` by its lemma, an attributing
  noun of ``data/reporting_nouns.csv``, "according to", a name and a colon), its source
  (the verb's subject, resolved to an actor; pronouns to the most salient one) and its
  content (the clausal complement, the quotes around the cue, or the verb's object).
  Quotation marks of every style are paired over the article, also across paragraphs.
  Each row has the cue's stance group and act (statement, belief, intention, evidence)
  and offsets of the content, the source and the cue.
- :func:`hedging` marks hedges, boosters and attribution markers per sentence
  (``data/hedges.csv``, after Hyland 2005) and, given the quotes, which sentences are
  attributed to someone and which stand on the text's own authority;
  :func:`hedging_summary` gives densities per 1,000 words by article or section.

In news only about a third to a half of attributed statements are direct quotes
(PARC; Sydney Morning Herald corpus), so reported speech is found too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import FramingError
from ..nlp.parse import NON_ACTOR_LABELS, Parse, is_noun_plural, require_parse
from ..paths import DATA_DIR, read_lexicon_csv
from ..text.article import is_title_case
from ..text.sentences import ANALYSED_ROLES, article_spans, require_sentence_table, table_rows
from ..text.tokens import word_tokens
from .actors import (
    MENTION_COLUMNS,
    POSSESSIVES,
    Lexicon,
    actor_mentions,
    label_key,
    load_aliases,
)

__all__ = [
    "source_shares",
    "quotes",
    "hedging",
    "hedging_summary",
    "load_reporting_verbs",
    "QUOTE_COLUMNS",
    "HEDGING_COLUMNS",
    "HEDGING_SUMMARY_COLUMNS",
]

QUOTE_COLUMNS = [
    "article_id",
    "sentence_id",
    "sentence_ids",
    "speaker",
    "actor",
    "verb",
    "verb_lemma",
    "verb_group",
    "act",
    "kind",
    "content",
    "quoted",
    "n_words",
    "source_type",
    "resolved_by",
    "char_start",
    "char_end",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
]
HEDGING_COLUMNS = [
    "article_id",
    "sentence_id",
    "section",
    "role",
    "n_words",
    "hedges",
    "boosters",
    "attribution_markers",
    "n_hedges",
    "n_boosters",
    "attributed",
    "speakers",
    "hedge_spans",
    "booster_spans",
]
HEDGING_SUMMARY_COLUMNS = [
    "article_id",
    "section",
    "n_sentences",
    "n_words",
    "hedges_per_1k",
    "boosters_per_1k",
    "attribution_per_1k",
    "share_hedged",
    "share_attributed",
]
_SPEECH_ROLES = ("headline", "standfirst", "body")
#: What a pronoun source can refer to.
_PRONOUN_KINDS = {
    "he": ("person",),
    "she": ("person",),
    "they": ("group", "country", "bloc", "organisation", "institution", "media", "place"),
    "it": ("institution", "organisation", "country", "media", "document", "bloc"),
}
#: Entity types that never speak: a TV show, a ship, a prison, a date.
_NOT_SPEAKERS = NON_ACTOR_LABELS | {"FAC", "PRODUCT", "LOC"}


# ---------------------------------------------------------------------- cues
@dataclass(frozen=True)
class Verb:
    lemma: str
    group: str
    act: str
    #: a cue only with a quote or a clause after it ("she continued: '...'"), never
    #: with an object ("the violence continued for days")
    quote_only: bool = False


@lru_cache(maxsize=8)
def _verb_table(path: str) -> dict[str, Verb]:
    table: dict[str, Verb] = {}
    for row in read_lexicon_csv(path):
        lemma = " ".join((row.get("lemma") or "").lower().split())
        if not lemma or not row.get("group"):
            raise FramingError(
                f"{path}: every row needs a lemma and a group (columns lemma,group,act)."
            )
        table[lemma] = Verb(
            lemma,
            row["group"].strip(),
            (row.get("act") or "statement").strip(),
            (row.get("content") or "").strip().lower() == "quote",
        )
    return table


def load_reporting_verbs(path: str | PathLike | None = None) -> dict[str, Verb]:
    """Reporting-verb lemmas ("say", "point out") -> lemma, stance group and act.

    Default ``data/reporting_verbs.csv``; pass your own CSV with the columns
    ``lemma,group,act`` (``act`` one of statement, belief, intention, evidence;
    statement when missing) and optionally ``content`` ("quote": the verb is a cue
    only with a quote or a clause, as "continue" is)."""
    target = Path(path) if path is not None else DATA_DIR / "reporting_verbs.csv"
    if not target.is_file():
        raise FramingError(
            f"{target}: reporting-verb file not found. Pass a CSV with columns lemma,group,act."
        )
    return _verb_table(str(target))


@lru_cache(maxsize=8)
def _hedge_table(path: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    table: dict[tuple[str, ...], list[str]] = {}
    for row in read_lexicon_csv(path):
        table.setdefault(tuple(row["term"].lower().split()), []).append(row["type"])
    return {k: tuple(v) for k, v in table.items()}


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
_MARK_CHARS = frozenset("\u201c\u201d\u201e\u00ab\u00bb\"`'\u2018\u2019")
_MARKS_AND_SPACE = " \n\u201c\u201d\u201e\u00ab\u00bb\"`'\u2018\u2019"
_OPEN_BEFORE = frozenset(" \t\n([{\u2014\u2013-/:")


@dataclass
class _Quote:
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


def _quote_spans(parts: list[tuple[int, int, str, int]]) -> list[_Quote]:
    """Pair quotation marks over the speech sentences ``(paragraph_id, offset, text)``.

    Marks nested inside a quote are part of it. A quote left open at the end of a
    paragraph runs on when the next paragraph opens with a quotation mark (the news
    convention for a quote over several paragraphs) and ends with its paragraph
    otherwise.
    """
    spans: list[_Quote] = []
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
                spans.append(_Quote(inner, last_end, False))
                opener = None
        previous_pid = pid
        while i < len(text):
            ch = text[i]
            if ch not in _MARK_CHARS:
                i += 1
                continue
            mark = _mark_at(text, i)
            if opener is None:
                if mark in _CLOSERS and _can_open(text, i, mark):
                    opener, inner = mark, offset + i + len(mark)
            elif mark in _CLOSERS[opener] and _can_close(text, i, mark):
                if offset + i > inner:
                    spans.append(_Quote(inner, offset + i, True))
                opener = None
            i += len(mark)
        last_end = offset + len(text.rstrip())
    if opener is not None:
        spans.append(_Quote(inner, last_end, False))
    return [q for q in spans if q.end > q.start]


# ---------------------------------------------------------------------- attribution
@dataclass
class _Source:
    speaker: str | None  # as written
    actor: str | None
    kind: str | None  # the actor's kind (person, group, ..., document)
    role: str
    start: int | None  # absolute offsets of the source as written
    end: int | None
    resolved_by: str


@dataclass
class _Attribution:
    sentence_id: int
    source: _Source
    verb: str | None
    verb_lemma: str | None
    verb_group: str | None
    act: str
    kind: str  # according-to, or decided later from the quotes
    start: int  # content, absolute offsets
    end: int
    cue_start: int | None
    cue_end: int | None
    fragments: list[tuple[int, int]] | None = None  # content pieces (a quote split by its cue)
    #: the content is what the source says (a clause or a quote), not a thing it names
    #: ("rejected Hart's claim that ...": the claim is Hart's, a source of its own)
    clause: bool = True


def _source_type(kind: str | None, role: str | None) -> str:
    if kind is None:
        return "unattributed"
    if kind == "person":
        return "named official" if role else "named person"
    if kind == "group":
        return "unnamed source"
    if kind == "media":
        return "media"
    if kind == "document":
        return "document"
    if kind in ("institution", "organisation", "country", "bloc", "region", "place"):
        return "institution"
    return "unresolved"


def quotes(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    *,
    parse: Parse | None = None,
    verbs: str | PathLike | None = None,
    aliases=None,
    nested: bool = False,
) -> pd.DataFrame:
    """Every attribution: who says, believes, wants or shows what, read from the parse.

    Parameters
    ----------
    sentences : DataFrame
        A sentence table (:func:`analysis.sentences`); one article or many.
    mentions : DataFrame, optional
        Actor mentions (:func:`analysis.actors.actor_mentions`) of the same table;
        computed when missing.
    parse : Parse, optional
        The spaCy parse of the same table (:func:`analysis.nlp.parse`); made when
        missing.
    verbs : path, optional
        A reporting-verb CSV replacing ``data/reporting_verbs.csv``.
    aliases : optional
        Your actors and aliases (:func:`~analysis.actors.load_aliases`): used for the
        mentions when they are computed, and for the titles and speaker nouns that
        name unnamed sources.
    nested : bool, default False
        Also return attributions inside another's content ("Police say *he refused* to
        drop the gun", "the aide said *the candidate will announce* plans"). By
        default they stay part of the outer source's words and are not rows of their
        own: who speaks is the police and the aide, not the people they talk about.

    Returns
    -------
    DataFrame
        One row an attribution, in reading order (:data:`QUOTE_COLUMNS`):
        ``article_id``, ``sentence_id`` (where the content starts), ``sentence_ids``
        (all sentences it covers), ``speaker`` (the source as written: "Mr Blair",
        "he", "an analyst at Chatham House"), ``actor`` (resolved: "Tony Blair"),
        ``verb`` (the cue as written: "said", "according to", ":"), ``verb_lemma``,
        ``verb_group`` (stance: neutral, endorsing, distancing, tentative, agreeing,
        directive), ``act`` (statement, belief, intention, evidence), ``kind``
        ("direct": mostly quoted words; "mixed": partly quoted; "indirect": reported
        speech; "according-to"), ``content`` (the words attributed; a quote split by its
        cue is joined with " … "), ``quoted`` (list of the quoted fragments in it),
        ``n_words``, ``source_type`` (named official, named person, institution,
        unnamed source, media, document, unresolved, unattributed), ``resolved_by``
        (how the actor was found: "mention" in the source's words, "pronoun" resolved
        to an earlier actor, "continuation" of an earlier speaker's quote,
        "description" for an unnamed source, "unresolved", "" when unattributed),
        ``char_start``/``char_end`` (the content), ``speaker_start``/``speaker_end`` (the
        source as written) and ``cue_start``/``cue_end``: offsets in the article's text.

    Notes
    -----
    A cue is a reporting verb of the lexicon (by its lemma, with particles: "point
    out"), "according to", or a colon after a name at the start of a sentence. Its
    source is the verb's grammatical subject (also when it follows the verb: '"...,"
    said Putin'; shared through "and" and participles: "..., saying ..."), with a
    pronoun resolved to the most salient fitting actor: the last speaker of the two
    sentences before, else the subject of the last sentence that names a fitting actor
    (not a name in its "by ..." phrase), else the last actor mentioned. Its content is
    the verb's clausal complement ("that ..."), else the quotes right before or after it
    (also both sides of a quote split by the cue), else the rest of the verb's phrase
    ("described the deal as ..."). A quote that no cue introduces continues the previous speaker's in its
    paragraph (or the paragraph before, when it opens a paragraph), and is unattributed
    otherwise. A short quoted term without a cue (scare quotes, titles: at most four
    words inside a sentence) is not an attribution. Quotation marks: straight, curly,
    single, guillemets and ``...''; a quote open at the end of a paragraph runs on when
    the next paragraph opens with a mark. Cues inside quotes are the quoted person's
    words, not attributions. Limits: the parse is a small statistical model, and long or
    unusual sentences get wrong subjects and clause boundaries.
    """
    require_sentence_table(
        sentences, "quotes()", ("article_id", "sentence_id", "text", "char_start")
    )
    parsed = require_parse(parse, sentences, "quotes()")
    lex = aliases if isinstance(aliases, Lexicon) else load_aliases(aliases)
    if mentions is None:
        mentions = actor_mentions(sentences, parsed, aliases=lex)
    missing = set(MENTION_COLUMNS) - set(mentions.columns)
    if missing:
        raise FramingError(
            f"the mentions table lacks {sorted(missing)}; build it with analysis.actors.actor_mentions(sentences)."
        )
    verb_table = load_reporting_verbs(verbs)
    rows: list[dict] = []
    by_article = {key: group for key, group in mentions.groupby("article_id", sort=False)}
    for article_id, sents in sentences.groupby("article_id", sort=False):
        ments = by_article.get(article_id, mentions.iloc[0:0])
        rows.extend(_article_quotes(article_id, sents, ments, parsed, verb_table, lex, nested))
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    if len(frame):
        for column in ("speaker_start", "speaker_end", "cue_start", "cue_end"):
            frame[column] = frame[column].astype("Int64")
    return frame


class _Text:
    """The article's text as far as its speech sentences go, sliced by absolute offsets
    (whitespace between sentences is kept as spaces, so offsets stay exact).

    The parts are laid into one string once, so a slice costs its own length, not a
    walk over every sentence of the article (which made long articles quadratic)."""

    def __init__(self, parts: list[tuple[int, str]]):
        self.parts = sorted(parts)
        self.starts = [offset for offset, _ in self.parts]
        self.ends = [offset + len(text) for offset, text in self.parts]
        origin = self.starts[0] if self.parts else 0
        chunks, pos = [], origin
        for offset, text in self.parts:
            if offset > pos:
                chunks.append(" " * (offset - pos))
            chunks.append(text[max(0, pos - offset) :])
            pos = max(pos, offset + len(text))
        self.origin = origin
        self.full = "".join(chunks)

    def slice(self, start: int, end: int) -> str:
        # from the first covered character at or after start to the last before end:
        # gaps inside the span read as spaces, gaps at its edges are left out
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end) - 1
        if first > last:
            return ""
        a = max(start, self.starts[first])
        b = min(end, self.ends[last])
        if a >= b:
            return ""
        return self.full[a - self.origin : b - self.origin]

    def trim(self, start: int, end: int, chars: str = " ,;:\u2014\u2013-") -> tuple[int, int]:
        content = self.slice(start, end)
        if not content:
            return start, end
        lead = len(content) - len(content.lstrip(chars + "\n"))
        tail = len(content) - len(content.rstrip(chars + "\n"))
        return start + lead, max(start + lead, end - tail)


def _article_quotes(
    article_id, sents: pd.DataFrame, ments: pd.DataFrame, parsed: Parse, verb_table, lex, nested
) -> list[dict]:
    speech = sents[sents["role"].isin(_SPEECH_ROLES)] if "role" in sents.columns else sents
    if speech.empty:
        return []
    rows_ = table_rows(speech)
    pids = (
        [int(p) for p in speech["paragraph_id"].tolist()]
        if "paragraph_id" in speech.columns
        else [int(r.sentence_id) for r in rows_]
    )
    parts = []
    previous = None
    for row, pid in zip(rows_, pids, strict=True):
        parts.append((pid, int(row.char_start), str(row.text), pid != previous))
        previous = pid
    text = _Text([(offset, t) for _, offset, t, _ in parts])
    found_quotes = _quote_spans(parts)
    mention_rows = ments.to_dict("records")
    _mark_subjects(article_id, mention_rows, parsed)
    sentence_of = {
        int(r.sentence_id): (int(r.char_start), int(r.char_start) + len(str(r.text))) for r in rows_
    }
    para_of = {int(r.sentence_id): pid for r, pid in zip(rows_, pids, strict=True)}
    attributions: list[_Attribution] = []
    order = [int(r.sentence_id) for r in rows_]
    for index, row in enumerate(rows_):
        sid = int(row.sentence_id)
        doc, offset = parsed.sentence(article_id, sid)
        if doc is None:
            continue
        recent = [a for a in attributions if a.sentence_id in order[max(0, index - 2) : index + 1]]
        attributions.extend(
            _sentence_attributions(
                doc,
                offset,
                sid,
                verb_table,
                found_quotes,
                mention_rows,
                recent,
                text,
                lex,
                titled=is_title_case(str(row.text)),
            )
        )
    # "Clinton says she opposes the deal": one attribution; the speaker's own verb inside
    # what she says is part of the content, not a second source
    attributions = [
        a
        for a in attributions
        if not any(
            b is not a
            and a.cue_start is not None
            and b.start <= a.cue_start < b.end
            and a.source.actor is not None
            and a.source.actor == b.source.actor
            for b in attributions
        )
    ]
    if not nested:
        # "Police say he refused to drop the gun": "refused" is part of what the police
        # say, not a second source
        attributions = [
            a
            for a in attributions
            if a.cue_start is None
            or not any(
                b is not a and b.clause and b.start <= a.cue_start < b.end for b in attributions
            )
        ]
    # quotes no cue introduced: a speaker's quote running on, or unattributed
    rows: list[dict] = []
    for q in found_quotes:
        if any(_covers(a, q) for a in attributions):
            continue
        start, end = text.trim(q.start, q.end)
        words = text.slice(start, end).split()
        if not words:
            continue
        first = _sentence_at(sentence_of, start)
        if first is None:
            continue
        s_start, s_end = sentence_of[first]
        whole = start - s_start <= 2 and (end >= s_end - 2 or not q.closed)
        if len(words) <= 4 and not whole:
            continue  # a scare quote or a title, not somebody's words
        paragraph = para_of.get(first)
        opens = start - s_start <= 2 and first == min(
            (s for s, p in para_of.items() if p == paragraph), default=first
        )
        allowed = {paragraph, paragraph - 1} if opens else {paragraph}
        before = [
            a
            for a in attributions
            if a.start < start and para_of.get(a.sentence_id) in allowed and a.source.actor
        ]
        signed = _signature_after(end, sentence_of, text, mention_rows)
        latest = max((a for a in attributions if a.end <= start), key=lambda a: a.end, default=None)
        if (
            signed is None
            and before
            and latest is before[-1]
            and latest.end <= start
            and any(_covers(latest, q) for q in found_quotes)
        ):
            # '"...," he said. "..."': the speaker's quote runs on; one attribution
            # with its pieces, as a reader takes it
            latest.fragments = [*(latest.fragments or [(latest.start, latest.end)]), (start, end)]
            latest.end = end
            continue
        if signed is not None:
            source = signed
        elif before:
            src = before[-1].source
            source = _Source(
                src.speaker, src.actor, src.kind, src.role, src.start, src.end, "continuation"
            )
        else:
            source = _Source(None, None, None, "", None, None, "")
        attributions.append(
            _Attribution(
                first, source, None, None, None, "statement", "direct", start, end, None, None
            )
        )
    for a in sorted(attributions, key=lambda a: (a.start, a.cue_start or 0)):
        rows.append(_row(article_id, a, found_quotes, text, sentence_of))
    return rows


_DASHES = "\u2015\u2014\u2013-"


def _signature_after(end: int, sentence_of: dict, text: _Text, mention_rows) -> _Source | None:
    """'"...." — Jane Doe': a quote signed by a dash and a name right after it."""
    following = sorted((s, e) for s, e in sentence_of.values() if s >= end)
    stop = following[0][1] if following else end + 80
    after = text.slice(end, stop)
    stripped = after.lstrip(_MARKS_AND_SPACE + ".,")
    if not stripped[:1] or stripped[0] not in _DASHES:
        return None
    dash = end + len(after) - len(stripped)
    for m in mention_rows:
        m_start = int(m["char_start"])
        if dash < m_start <= dash + 4 and text.slice(dash + 1, m_start).strip() == "":
            return _Source(
                text.slice(m_start, int(m["char_end"])),
                m["actor"],
                m["kind"],
                m["role"] or "",
                m_start,
                int(m["char_end"]),
                "mention",
            )
    return None


def _covers(a: _Attribution, q: _Quote) -> bool:
    pieces = a.fragments or [(a.start, a.end)]
    inside = sum(max(0, min(e, q.end) - max(s, q.start)) for s, e in pieces)
    return inside > 0


def _sentence_at(sentence_of: dict, pos: int) -> int | None:
    for sid, (start, end) in sentence_of.items():
        if start <= pos < end + 1:
            return sid
    return None


def _quote_at(quotes_: list[_Quote], pos: int) -> _Quote | None:
    for q in quotes_:
        if q.start <= pos < q.end:
            return q
    return None


def _unmark(start: int, end: int, quotes_: list[_Quote], text: _Text) -> tuple[int, int]:
    """A content span that is one whole quote, without its marks."""
    # quotes_ are in text order: only the first quote at or after start can have
    # nothing but marks and space before it (any later one has that quote between)
    for q in quotes_[bisect.bisect_left(quotes_, start, key=lambda q: q.start) :]:
        if text.slice(start, q.start).strip(_MARKS_AND_SPACE) != "":
            break
        if q.end <= end and text.slice(q.end, end).strip(_MARKS_AND_SPACE + ".,") == "":
            return q.start, q.end
        return q.start, end
    return start, end


def _row(
    article_id, a: _Attribution, quotes_: list[_Quote], text: _Text, sentence_of: dict
) -> dict:
    pieces = [_unmark(s, e, quotes_, text) for s, e in (a.fragments or [(a.start, a.end)])]
    content = " … ".join(text.slice(s, e) for s, e in pieces)
    quoted = []
    quoted_chars = 0
    for q in quotes_:
        for s, e in pieces:
            lo, hi = max(s, q.start), min(e, q.end)
            if hi > lo:
                quoted.append(text.slice(lo, hi).strip(" ,"))
                quoted_chars += hi - lo
    total = sum(e - s for s, e in pieces) or 1
    kind = a.kind
    if kind not in ("according-to",):
        share = quoted_chars / total
        kind = "direct" if share >= 0.5 else "mixed" if share > 0 else "indirect"
    sids = [
        sid for sid, (s, e) in sentence_of.items() if any(e > p0 and s < p1 for p0, p1 in pieces)
    ]
    sids = sorted(set(sids) | {a.sentence_id})
    return {
        "article_id": article_id,
        "sentence_id": sids[0],
        "sentence_ids": sids,
        "speaker": a.source.speaker,
        "actor": a.source.actor,
        "verb": a.verb,
        "verb_lemma": a.verb_lemma,
        "verb_group": a.verb_group,
        "act": a.act,
        "kind": kind,
        "content": content,
        "quoted": quoted,
        "n_words": len(content.split()),
        "source_type": _source_type(a.source.kind, a.source.role),
        "resolved_by": a.source.resolved_by,
        "char_start": pieces[0][0],
        "char_end": pieces[-1][1],
        "speaker_start": a.source.start,
        "speaker_end": a.source.end,
        "cue_start": a.cue_start,
        "cue_end": a.cue_end,
    }


#: Particles that make a reporting verb another verb, unless the lexicon lists the pair.
_SENSE_PARTICLES = frozenset({"off", "up", "down", "away", "around"})


#: Words that set two sides against each other in a fixture ("India v Sri Lanka:").
_VERSUS = frozenset({"v", "v.", "vs", "vs."})
#: A line of contact details after a name and a colon ("Andy Vuong: 303-954-1209,
#: avuong@...", "Tel: 0845 250 7170"): a telephone number or an e-mail address.
_CONTACT = re.compile(r"\s*(?:\+?\(?\d[\d ().-]{6,}\d|\S+@\S+\.\w+)")


def _is_place(mention: dict) -> bool:
    """A town or region rather than a state or a body: where a line is from, not who
    speaks ("GLENDALE, Ariz.:", "Middle East: ...")."""
    return mention.get("kind") in ("place", "region")


def _list_label(lead) -> bool:
    """A capitals lead that labels an item of a list rather than naming a transcript's
    speaker: a common noun in the plural ("TROUSERS:", "NOTES:") or two things joined
    ("CONTENT AND CAPABILITIES:")."""
    return is_noun_plural(lead[-1].text) or any(t.lower_ in ("and", "&") for t in lead)


def _cue_of(tok, verb_table) -> Verb | None:
    if tok.pos_ not in ("VERB", "AUX") and not (tok.tag_.startswith("VB")):
        return None
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ == "prt":
            verb = verb_table.get(f"{lemma} {child.lower_}")
            if verb is not None:
                return verb
            if child.lower_ in _SENSE_PARTICLES:
                return None  # "shows off", "gave up", "turned down": another verb
    if tok.pos_ == "AUX":
        return None
    return verb_table.get(lemma)


def _subject(tok, depth: int = 0, quoted=lambda t: False):
    """The grammatical subject of a cue verb, through 'and', participles and relative
    clauses: 'X said and added', '..., saying', 'officials who said', 'before asking'.
    A subject inside a quote is the quoted speaker's words ('"One of the best," Smith
    said' has two subjects in the parse), never the source."""
    # a passive subject is the source only of a verb the cue hangs from ("after
    # saying ..., she was taken to hospital"), never of the cue ("she was told")
    subjects = ("nsubj", "csubj", "nsubjpass") if depth else ("nsubj", "csubj")
    for child in tok.children:
        if child.dep_ in subjects and child.lower_ not in ("there",) and not quoted(child):
            return child  # a relative pronoun ("officials, who said") is resolved later
    for child in tok.children:
        if child.dep_ == "agent":  # "was told by officials"
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if depth >= 3 or tok.head.i == tok.i:
        return None
    if tok.dep_ == "conj" or (tok.dep_ in ("advcl", "xcomp") and tok.tag_ == "VBG"):
        return _subject(tok.head, depth + 1, quoted)
    if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return tok.head
    if tok.dep_ == "xcomp":  # "vowed to warn"
        return _subject(tok.head, depth + 1, quoted)
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.dep_ == "prep":
        return _subject(tok.head.head, depth + 1, quoted)  # "... before asking her"
    return None


#: Heads of "a number of experts", "most of the officials": the source is after "of".
_QUANTITIES = frozenset(
    "number group majority minority lot dozen dozens handful couple most many some few all "
    "half third quarter percent share bunch series host".split()
)
_SUBJECT_CUT = frozenset({"relcl", "acl", "appos", "punct", "advcl", "cc", "conj"})


def _phrase(token) -> tuple[int, int]:
    """Token span [start, end) of a noun phrase without trailing clauses."""
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in _SUBJECT_CUT:
            break
        right = child.right_edge.i
    return left, right + 1


def _predicate_subject(noun):
    """The subject a predicate noun describes, or the noun itself: in "Trump ... is a
    serial liar, xenophobe and birther who has pledged ...", who pledged is Trump."""
    top = noun
    while top.dep_ == "conj" and top.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        top = top.head
    if top.dep_ != "attr" or top.head.lemma_ != "be":
        return noun
    verb = top.head
    while True:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            # "it's certain parents who worry": a cleft's "it" stands for no one
            return noun if subject.lower_ in ("it", "this", "that", "there", "what") else subject
        if verb.dep_ != "conj":
            return noun
        verb = verb.head


def _resolve_source(
    doc, offset, head, mention_rows, recent, lex, verb_lemma: str = "say"
) -> _Source | None:
    """Who the subject (or object of 'according to') ``head`` refers to."""
    if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
        # "officials, who said ...": the speaker is the noun the clause describes; the
        # source as written is the relative pronoun
        described = head.head.head
        if head.lower_ == "who":  # a person; "that" and "which" also describe things
            described = _predicate_subject(described)
        source = _resolve_source(doc, offset, described, mention_rows, recent, lex, verb_lemma)
        if source is not None:
            source.speaker = head.text
            source.start, source.end = offset + head.idx, offset + head.idx + len(head)
        return source
    s, e = _phrase(head)
    span = doc[s:e]
    a_start, a_end = offset + span.start_char, offset + span.end_char
    word = head.lower_
    if head.pos_ == "PRON" or word in _PRONOUN_KINDS:
        kinds = _PRONOUN_KINDS.get(word)
        if kinds is None:
            return _Source(
                head.text,
                None,
                "unresolved",
                "",
                offset + head.idx,
                offset + head.idx + len(head),
                "unresolved",
            )
        pos = offset + head.idx
        for a in reversed(recent):
            if a.source.actor and a.source.kind in kinds and (a.cue_start or 0) < pos:
                src = a.source
                return _Source(
                    head.text, src.actor, src.kind, src.role, pos, pos + len(head), "pronoun"
                )
        m = _salient(mention_rows, pos, kinds)
        if m is not None:
            return _Source(
                head.text, m["actor"], m["kind"], m["role"] or "", pos, pos + len(head), "pronoun"
            )
        return _Source(head.text, None, "unresolved", "", pos, pos + len(head), "unresolved")
    inside = [
        m for m in mention_rows if int(m["char_start"]) >= a_start and int(m["char_end"]) <= a_end
    ]
    h_start = offset + head.idx
    h_end = h_start + len(head)
    on_head = [m for m in inside if int(m["char_start"]) <= h_start and h_end <= int(m["char_end"])]
    if on_head:
        m = on_head[0]
        return _Source(span.text, m["actor"], m["kind"], m["role"] or "", a_start, a_end, "mention")
    if head.pos_ == "PROPN" or (head.lower_,) in lex.titles:
        # "Iranian Ambassador to Russia Kazem Jalali"; a possessor is not the holder of
        # the title ("Laurent Gbagbo's military spokesman, Col. Alphonse Guano")
        people = [m for m in inside if m["kind"] == "person" and not _possessor(doc, offset, m)]
        if people:
            m = people[-1]
            return _Source(
                span.text, m["actor"], m["kind"], m["role"] or "", a_start, a_end, "mention"
            )
    appos = [c for c in head.children if c.dep_ == "appos"]
    for c in appos:
        c_start, c_end = offset + c.left_edge.idx, offset + c.right_edge.idx + len(c.right_edge)
        people = [
            m
            for m in mention_rows
            if int(m["char_start"]) >= c_start
            and int(m["char_end"]) <= c_end
            and m["kind"] == "person"
        ]
        if people:
            m = people[0]
            return _Source(
                span.text, m["actor"], m["kind"], m["role"] or "", a_start, a_end, "mention"
            )
    if head.lemma_.lower() in _QUANTITIES and head.pos_ in ("NOUN", "NUM", "PRON", "ADJ"):
        of = [
            g
            for c in head.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if of:  # "a number of tax experts": the experts
            source = _resolve_source(doc, offset, of[0], mention_rows, recent, lex, verb_lemma)
            if source is not None:
                source.speaker, source.start, source.end = span.text, a_start, a_end
            return source
    if head.ent_type_ in _NOT_SPEAKERS:
        return None  # a TV show, a ship or a prison does not speak
    if head.pos_ == "PROPN":
        name = doc[_phrase_core(head) : head.i + 1].text
        return _Source(span.text, name, "unresolved", "", a_start, a_end, "unresolved")
    if head.pos_ != "NOUN":
        return None
    first = _phrase_core(head)
    core = doc[first : head.i + 1].text
    label = (  # "Prosecutors" at a sentence's start is "prosecutors"; "Luis ... attorneys" stays
        core[:1].lower() + core[1:]
        if core[:1].isupper() and not core[1:2].isupper() and doc[first].pos_ != "PROPN"
        else core
    )
    if head.lemma_.lower() in lex.documents or head.lower_ in lex.documents:
        owners = [m for m in inside if m["kind"] not in ("person", "group")]
        actor = owners[0]["actor"] if owners else label
        return _Source(span.text, actor, "document", "", a_start, a_end, "description")
    known_noun = (
        head.lower_ in lex.speakers
        or head.lemma_.lower() in lex.speakers
        or (head.lower_,) in lex.groups
        or (head.lower_,) in lex.titles
    )
    if not known_noun and verb_lemma not in ("say", "tell"):
        return None  # "sweeping crackdowns add fuel": not a source
    return _Source(span.text, label, "group", "", a_start, a_end, "description")


def _possessor(doc, offset, mention: dict) -> bool:
    """Whether a possessive marker ("'s", "'") follows the mention in its sentence."""
    end = doc.char_span(int(mention["char_start"]) - offset, int(mention["char_end"]) - offset)
    return end is not None and end.end < len(doc) and doc[end.end].text in POSSESSIVES


def _mark_subjects(article_id, mention_rows: list[dict], parsed) -> None:
    """Mark each mention that is the grammatical subject of its clause (``_subject``)."""
    docs: dict[int, tuple] = {}
    for m in mention_rows:
        sid = int(m["sentence_id"])
        if sid not in docs:
            docs[sid] = parsed.sentence(article_id, sid)
        doc, offset = docs[sid]
        span = None
        if doc is not None:
            span = doc.char_span(
                int(m["char_start"]) - offset, int(m["char_end"]) - offset, alignment_mode="expand"
            )
        m["_subject"] = span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def _salient(mention_rows: list[dict], pos: int, kinds) -> dict | None:
    """The actor a pronoun at ``pos`` refers to, among those mentioned before it: in the
    last sentence with one of the fitting kinds, its last subject ("Suu Kyi ...
    established a commission, overseen by Kofi Annan. She said": Suu Kyi), else the
    last one mentioned."""
    fitting = [m for m in mention_rows if int(m["char_end"]) <= pos and m["kind"] in kinds]
    if not fitting:
        return None
    last = fitting[-1]
    subjects = [m for m in fitting if m["sentence_id"] == last["sentence_id"] and m.get("_subject")]
    return subjects[-1] if subjects else last


def _phrase_core(head) -> int:
    """Start of 'the Russian foreign ministry' / 'an analyst' (determiner, modifiers)."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("det", "amod", "compound", "nummod", "nmod", "quantmod", "poss", "case"):
            start = min(start, child.left_edge.i)
    return start


def _span_of(doc, offset, tokens) -> tuple[int, int]:
    tokens = [t for t in tokens if not t.is_punct or t.text in _MARK_CHARS]
    if not tokens:
        return 0, 0
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return offset + first.idx, offset + last.idx + len(last)


def _sentence_attributions(
    doc, offset, sid, verb_table, quotes_, mention_rows, recent, text: _Text, lex, titled=False
) -> list[_Attribution]:
    """Attributions whose cue is in this sentence. In a Title Case line (a headline:
    "Obama Says ...", "Pence: ...") only a source named by a known actor counts."""
    out: list[_Attribution] = []
    end_of_sentence = offset + len(doc.text.rstrip())
    local_quotes = [q for q in quotes_ if q.end > offset and q.start < end_of_sentence]

    def in_quote(tok) -> bool:
        return _quote_at(local_quotes, offset + tok.idx) is not None

    def extend(start: int, end: int) -> tuple[int, int]:
        """Grow a content span to the whole of any quote it cuts."""
        for q in local_quotes:
            if q.start < end and start < q.end:
                start, end = min(start, q.start), max(end, q.end)
        return text.trim(start, end)

    cues = []
    for tok in doc:
        if in_quote(tok):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            cues.append(("according", tok))
            continue
        verb = _cue_of(tok, verb_table)
        if verb is not None:
            cues.append((verb, tok))
        elif tok.pos_ == "NOUN" and not titled:
            noun = _noun_table().get(tok.lemma_.lower())
            if noun is not None:
                out.extend(
                    _noun_attribution(doc, offset, sid, tok, noun, mention_rows, recent, text, lex)
                )
    # "Cornish: That's ...": a name and a colon open the sentence
    colon = next((t for t in doc[:8] if t.text == ":" and not in_quote(t)), None)
    if (
        colon is not None
        and not any(  # a capitals name is often tagged a verb ("CORNISH")
            t.pos_ in ("VERB", "AUX") and not (t.is_upper and len(t) > 1) for t in doc[: colon.i]
        )
    ):
        c_start = offset + colon.idx
        names = [
            m
            for m in mention_rows
            if offset <= int(m["char_start"]) and int(m["char_end"]) <= c_start
        ]
        lead = [t for t in doc[: colon.i] if not t.is_punct]
        written = doc[lead[0].i : colon.i].text if lead else ""
        if label_key(written) in lex.labels:
            names = []  # "Correction: ...", "The Latest: ...": no one speaks
        elif any(t.like_num or t.lower_ in _VERSUS for t in lead):
            names = []  # a score or a fixture: "Birmingham City 2 Bolton 1:", "India v Sri Lanka:"
        elif names and all(_is_place(m) for m in names):
            names = []  # where, not who: "GLENDALE: Fans stayed ..."
        elif (
            lead
            and all(t.is_upper for t in lead)
            and _list_label(lead)
            and not any(m["kind"] == "person" for m in names)
        ):
            names = []  # an item of a list, even where the model took it for a name
        elif not names and 0 < len(lead) <= 4 and all(t.is_title or t.is_upper for t in lead):
            # "PENCE: Well, ...": a transcript's speaker, matched to a person by surname;
            # a Title Case lead that names nobody is a heading ("Stealth Over Health:")
            last = lead[-1].text.lower()
            person = next(
                (
                    m
                    for m in reversed(mention_rows)
                    if m["kind"] == "person" and m["actor"].split()[-1].lower() == last
                ),
                None,
            )
            if person is not None or all(t.is_upper for t in lead):
                names = [
                    {
                        "char_start": offset + lead[0].idx,
                        "char_end": offset + colon.idx,
                        "actor": person["actor"] if person else written,
                        "kind": person["kind"] if person else "unresolved",
                        "role": person["role"] if person else "",
                    }
                ]
        if names and text.slice(offset, int(names[0]["char_start"])).strip() == "":
            m = names[-1]
            after = offset + colon.idx + 1
            start, end = extend(after, end_of_sentence)
            said = text.slice(start, end) if end > start else ""
            if said and label_key(said) not in lex.labels and not _CONTACT.match(said):
                source = _Source(
                    text.slice(int(names[0]["char_start"]), int(m["char_end"])),
                    m["actor"],
                    m["kind"],
                    m["role"] or "",
                    int(names[0]["char_start"]),
                    int(m["char_end"]),
                    "mention",
                )
                out.append(
                    _Attribution(
                        sid,
                        source,
                        ":",
                        ":",
                        "neutral",
                        "statement",
                        "colon",
                        start,
                        end,
                        c_start,
                        c_start + 1,
                    )
                )
    for verb, tok in cues:
        if verb == "according":
            to = doc[tok.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if not objects:
                continue
            source = _resolve_source(doc, offset, objects[0], mention_rows, recent + out, lex)
            if source is None:
                continue
            p_end = objects[0].right_edge.i + 1
            if tok.i <= 2:
                start, end = (
                    offset + (doc[p_end].idx if p_end < len(doc) else len(doc.text)),
                    end_of_sentence,
                )
            else:
                start, end = offset, offset + tok.idx
            start, end = extend(start, end)
            start, end = text.trim(start, end, " ,;:.\u2014\u2013-")
            if end > start:
                cue_end = offset + to.idx + len(to)
                out.append(
                    _Attribution(
                        sid,
                        source,
                        "according to",
                        "according to",
                        "neutral",
                        "statement",
                        "according-to",
                        start,
                        end,
                        offset + tok.idx,
                        cue_end,
                    )
                )
            continue
        subject = _subject(tok, quoted=in_quote)
        if subject is None:
            continue
        cue_pos = offset + tok.idx
        source = _resolve_source(doc, offset, subject, mention_rows, recent + out, lex, verb.lemma)
        if source is None or (titled and source.resolved_by != "mention"):
            continue
        act = verb.act
        if source.kind == "document":
            act = "evidence"
        subject_span = set(range(subject.left_edge.i, subject.right_edge.i + 1))
        # content: the clausal complement ...
        comps = [
            c
            for c in tok.children
            if c.dep_ in ("ccomp",)
            or (
                c.dep_ == "xcomp"
                and act in ("intention",)
                or c.dep_ == "xcomp"
                and c.i > tok.i
                and verb.group in ("endorsing", "directive")
            )
        ]
        fragments = None
        clause = True
        if (
            not comps
            and tok.dep_ == "parataxis"
            and not any(q.start <= offset + tok.head.idx < q.end for q in local_quotes)
        ):
            # "The museum, Mr. Obama said, would make ...": the clause around the cue
            inner = {t.i for t in tok.subtree}
            outer = [t for t in tok.head.subtree if t.i not in inner]
            left = [t for t in outer if t.i < tok.left_edge.i]
            right = [t for t in outer if t.i > tok.right_edge.i]
            fragments = [
                text.trim(*_span_of(doc, offset, part), " ,;:\u2014\u2013-.")
                for part in (left, right)
                if [t for t in part if not t.is_punct]
            ]
            fragments = [f for f in fragments if f[1] > f[0]]
            if not fragments:
                continue
            start, end = fragments[0][0], fragments[-1][1]
            if len(fragments) == 1:
                fragments = None
        elif comps:
            tokens = [t for c in comps for t in c.subtree if t.i not in subject_span]
            while (
                tokens
                and tokens[0].dep_ == "mark"
                and tokens[0].lower_ in ("that", "whether", "if")
            ):
                tokens = tokens[1:]
            start, end = _span_of(doc, offset, tokens)
            start, end = extend(start, end)
        else:
            # ... else the quotes around the cue ('"...," he said, "..."') ...
            before = [
                q
                for q in local_quotes
                if tok.tag_ != "VBG"  # a participle (", emphasizing ...") takes no quote before it
                and q.end <= cue_pos
                and _gap_ok(doc, offset, q.end, tok, subject_span)
            ]
            cue_last = max(
                [
                    tok.i,
                    *[t.i for t in tok.children if t.dep_ == "prt"],
                    *(subject_span if subject.i > tok.i else []),
                    # "asking her, '...'", "told reporters: '...'": who is addressed
                    *(
                        c.right_edge.i
                        for c in tok.rights
                        if c.dep_ in ("dobj", "dative", "npadvmod")
                        and tok.lemma_.lower() in _ADDRESSEE_VERBS
                        and (c.pos_ in ("PRON", "PROPN") or c.ent_type_ or c.tag_ == "NNS")
                        and not in_quote(c)
                    ),
                ]
            )
            after_pos = offset + doc[cue_last].idx + len(doc[cue_last])
            after = [
                q
                for q in local_quotes
                if q.start >= after_pos
                and text.slice(after_pos, q.start).strip(" ,:\u201c\u201d\"'\u2018\u00ab`") == ""
            ]
            if not after:
                after = [
                    q
                    for q in quotes_
                    if q.start >= after_pos
                    and q.start - after_pos < 8  # 'He said:' and the quote below it
                    and text.slice(after_pos, q.start).strip(" ,:\u201c\u201d\"'\u2018\u00ab`")
                    == ""
                ]
            chosen = ([before[-1]] if before else []) + ([after[0]] if after else [])
            if chosen:
                fragments = [text.trim(q.start, q.end) for q in chosen]
                start, end = fragments[0][0], fragments[-1][1]
                if len(fragments) == 1:
                    fragments = None
            else:
                # ... else what the verb takes: its object ("criticised the plan as
                # 'crazy'"), the object of its preposition ("called for talks"), or
                # the passive subject ("his views were echoed by experts")
                if verb.quote_only:
                    continue
                tokens = _object_phrase(tok, subject, subject_span, act)
                if len([t for t in tokens if not t.is_punct]) < 1:
                    continue
                # "urged Congress to act" says something; "rejected Hart's claim" names it
                clause = any(
                    t.head.i == tok.i and t.dep_ in ("xcomp", "ccomp", "advcl") for t in tokens
                )
                start, end = _span_of(doc, offset, tokens)
                start, end = extend(start, end)
        start, end = text.trim(start, end, " ,;:\u2014\u2013-")
        if end <= start:
            continue
        cue_tokens = [tok, *[c for c in tok.children if c.dep_ == "prt"]]
        cue_start = offset + min(t.idx for t in cue_tokens)
        cue_end = offset + max(t.idx + len(t) for t in cue_tokens)
        out.append(
            _Attribution(
                sid,
                source,
                text.slice(cue_start, cue_end),
                verb.lemma,
                verb.group,
                act,
                "said",
                start,
                end,
                cue_start,
                cue_end,
                fragments,
                clause,
            )
        )
    return out


#: Verbs whose object is the person addressed, not what is said.
_ADDRESSEE_VERBS = frozenset(
    "tell ask urge warn inform remind assure accuse encourage advise".split()
)
#: What a verb's object phrase keeps: the object, a predicate ("as ..."), particles.
_OBJECT_DEPS = frozenset({"dobj", "dative", "oprd", "attr", "acomp"})


#: Nouns of the occasion of a statement: "in a statement", "at a rally", "on Twitter".
_OCCASIONS = frozenset(
    "statement interview speech letter ruling email tweet post conference meeting hearing "
    "rally debate briefing video broadcast press radio television tv twitter facebook "
    "program show appearance call visit event campaign trail op-ed column".split()
)


#: Prepositions of where a statement is made, never of what it says ("spoke at a
#: gathering", "speaking from a cottage", "campaigned in the state").
_VENUE_PREPS = frozenset(
    "at from in into inside outside near across throughout through among under".split()
)
#: Prepositions whose object may be who is spoken to ("spoke to reporters") rather
#: than what is said ("objected to the plan"); "agreed with X", "called for talks" and
#: "campaigned for X" are what the source backs.
_PARTY_PREPS = frozenset({"to"})
#: Nouns of an audience: "spoke to a gathering of industry leaders".
_AUDIENCES = frozenset(
    "gathering crowd audience group delegation meeting assembly congregation convention "
    "reporter journalist press mother father family voter supporter student".split()
)


def _is_party(tok) -> bool:
    """Whether a preposition's object names people rather than a matter: a pronoun,
    a person, body or place, a plural noun ("reporters", "requests"), an audience."""
    return (
        tok.pos_ == "PRON"
        or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or tok.tag_ in ("NNS", "NNPS")
        or tok.lemma_.lower() in _AUDIENCES
    )


def _adverbial(prep) -> bool:
    """'on Thursday', 'in a statement', 'at a rally in Ohio': when and where, not what."""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    return any(
        g.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") or g.lemma_.lower() in _OCCASIONS
        for g in objects
    )


def _object_phrase(cue, subject, subject_span: set[int], act: str = "statement") -> list:
    """The words a cue verb takes as its content when it has no clause: the direct
    object with an "as ..." predicate, else the object of its first preposition, else
    (passive, source in a by-phrase) the passive subject; adverbials of time and place
    ("in a statement on Thursday") are left out. An adjective is what is said only
    after a verb of speech ("said sorry"); after one of belief it is a state of mind
    ("felt betrayed", "without feeling guilty"), no content."""
    rights = [c for c in cue.rights if c.i not in subject_span]
    objects = [
        c for c in rights if c.dep_ in _OBJECT_DEPS and (c.dep_ != "acomp" or act == "statement")
    ]
    if cue.lemma_.lower() in _ADDRESSEE_VERBS:
        # "told a dispatcher", "urged Congress to act": the object is who is addressed
        objects = [
            c
            for c in objects
            if not (
                c.pos_ == "PRON"
                or c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                or c.tag_ in ("NNS", "NNPS")
            )
        ]
        xcomps = [
            c
            for c in rights
            if c.dep_ == "xcomp"
            # "tells his supporters to 'go and vote'", parsed as an adverbial clause
            or (c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
        ]
        if not objects and xcomps:
            return [t for c in xcomps for t in c.subtree]
        # "tell the truth (about ...)", "telling the story": what is told is no statement
        if cue.lemma_.lower() == "tell" and any(c.dep_ == "dobj" for c in objects):
            return []
    if objects:
        tokens = [t for c in objects for t in c.subtree]
        for c in rights:
            if c.dep_ == "prep" and c.i > objects[0].i and not _adverbial(c):
                tokens += list(c.subtree)  # "... as 'crazy'", "its role in ensuring ..."
        return tokens
    for c in rights:
        if (
            c.dep_ == "prep"
            and c.lower_ not in ("during", "after", "before", "since")
            and c.lower_ not in _VENUE_PREPS
            and not _adverbial(c)
        ):
            inner = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if c.lower_ in _PARTY_PREPS and any(_is_party(g) for g in inner):
                continue  # "spoke to reporters": who is addressed, not what is said
            if inner and all(g.pos_ == "ADV" for g in inner):
                continue  # "for now", "until then": when, not what
            if inner:
                return [t for g in inner for t in g.subtree]
    if subject is not None and subject.dep_ == "pobj" and subject.head.dep_ == "agent":
        passive = [c for c in cue.children if c.dep_ == "nsubjpass"]
        return [t for c in passive for t in c.subtree]
    return []


def _noun_table() -> dict[str, Verb]:
    return _verb_table(str(DATA_DIR / "reporting_nouns.csv"))  # cached there


#: Verbs that carry an attributing noun: "he made the claim that ...".
_LIGHT_VERBS = frozenset(
    "make issue express voice repeat offer give raise have share deliver".split()
)


def _noun_attribution(doc, offset, sid, tok, noun: Verb, mention_rows, recent, text, lex):
    """'his claim that ...', 'reports of an explosion', 'Trump's criticism of the deal'."""
    content = [
        c
        for c in tok.children
        if c.dep_ in ("acl", "ccomp")
        and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
    ]
    if content:
        tokens = [
            t
            for c in content
            for t in c.subtree
            if not (t.dep_ == "mark" and t.head.i == c.i and t.lower_ == "that")
        ]
    else:
        preps = [
            c
            for c in tok.rights
            if c.dep_ == "prep" and c.lower_ in ("of", "about", "on", "over", "against")
        ]
        tokens = [
            t
            for c in preps[:1]
            for g in c.children
            if g.dep_ in ("pobj", "pcomp")
            for t in g.subtree
        ]
    if not [t for t in tokens if not t.is_punct]:
        return []
    start, end = text.trim(*_span_of(doc, offset, tokens), " ,;:\u2014\u2013-")
    if end <= start:
        return []
    holder = next((c for c in tok.children if c.dep_ == "poss"), None)
    if holder is None:
        by = [
            g
            for c in tok.rights
            if c.dep_ == "prep" and c.lower_ in ("by", "from")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        holder = by[0] if by else None
    if holder is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _LIGHT_VERBS:
        holder = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    source = None
    if holder is not None:
        source = _resolve_source(doc, offset, holder, mention_rows, recent, lex)
    if source is None:
        return []  # "reports of an explosion": nobody to attribute it to
    cue_start = offset + tok.idx
    return [
        _Attribution(
            sid,
            source,
            tok.text,
            noun.lemma,
            noun.group,
            noun.act,
            "said",
            start,
            end,
            cue_start,
            cue_start + len(tok),
            None,
            bool(content),  # "his claim that ..." says; "criticism of the deal" names
        )
    ]


def _gap_ok(doc, offset, pos: int, cue, subject_span: set[int]) -> bool:
    """Only punctuation, the subject and adverbs between a quote's end and its cue:
    '"...," he said', '"...," said Putin', '"...," Kamau later added'."""
    depth = 0
    for t in doc:
        if offset + t.idx < pos or t.i >= cue.i:
            continue
        depth += t.text == "("
        if (
            depth
            or t.is_punct
            or t.text in _MARK_CHARS
            or t.i in subject_span
            or t.pos_ in ("ADV", "AUX", "PART", "PROPN")  # "Rep. Cummings (D-Md.) said"
        ):
            depth -= t.text == ")"
            continue
        return False
    return True


# ---------------------------------------------------------------------- hedging
def hedging(
    sentences: pd.DataFrame,
    quotes: pd.DataFrame | None = None,
    *,
    parse: Parse | None = None,
    lexicon: str | PathLike | None = None,
    roles: Sequence[str] | None = ANALYSED_ROLES,
) -> pd.DataFrame:
    """Hedges, boosters and attribution markers in each sentence.

    Parameters
    ----------
    sentences : DataFrame
        A sentence table.
    quotes : DataFrame, optional
        Output of :func:`quotes`; marks which sentences are attributed to a speaker.
    parse : Parse, optional
        spaCy's parse of the table (:func:`analysis.nlp.parse`): a modal entry ("may",
        "might", "could", ...) then counts only where the tagger reads a modal verb, so
        the month ("in May") and the noun ("with all its might") are not hedges.
        Without it, a capitalised "May" inside a sentence is taken for the month.
    lexicon : path, optional
        A CSV with columns ``term,type`` (hedge, booster, attribution) replacing
        ``data/hedges.csv``.
    roles : sequence of str or None
        Sentences to include.

    Returns
    -------
    DataFrame
        One row a sentence: ``article_id``, ``sentence_id``, ``section``, ``role``,
        ``n_words``, ``hedges``, ``boosters``, ``attribution_markers`` (lists of the
        matched words or phrases, as written), ``n_hedges``, ``n_boosters``,
        ``attributed`` (True when a quote or reported speech covers the sentence, or
        it has an attribution marker; None when no quotes were given and no marker is
        present), ``speakers`` (resolved actors, "; "-joined), ``hedge_spans`` and
        ``booster_spans`` (``(start, end)`` offsets of each in the article's text).
    """
    target = Path(lexicon) if lexicon is not None else DATA_DIR / "hedges.csv"
    if not target.is_file():
        raise FramingError(f"{target}: hedge lexicon not found. Pass a CSV with columns term,type.")
    table = _hedge_table(str(target))
    data = (
        sentences
        if roles is None or "role" not in sentences.columns
        else sentences[sentences["role"].isin(list(roles))]
    )
    if data.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in HEDGING_COLUMNS})
    max_len = max(len(k) for k in table)
    parsed = None if parse is None else require_parse(parse, data, "hedging()")
    speakers: dict[tuple, list[str]] = {}
    if quotes is not None and len(quotes):
        for q in table_rows(quotes):
            for sid in q.sentence_ids:
                speakers.setdefault((q.article_id, sid), []).append(
                    q.actor if isinstance(q.actor, str) else "(unattributed)"
                )
    rows = []
    for row in table_rows(data):
        words = [t for t in word_tokens(row.text_norm) if t.text[:1].isalnum()]
        lows = [t.low for t in words]
        tags = tokens = None
        if parsed is not None:
            doc, offset = parsed.sentence(row.article_id, row.sentence_id)
            if doc is not None:
                tokens = {offset + t.idx: t for t in doc}
                tags = {k: t.tag_ for k, t in tokens.items()}
        titled = is_title_case(str(row.text))
        found: dict[str, list[str]] = {"hedge": [], "booster": [], "attribution": []}
        where: dict[str, list[tuple[int, int]]] = {"hedge": [], "booster": [], "attribution": []}
        i = 0
        while i < len(words):
            for n in range(min(max_len, len(words) - i), 0, -1):
                key = tuple(lows[i : i + n])
                if key in table:
                    span = (words[i].start, words[i + n - 1].end)
                    if n == 1 and key[0] in _MODALS and not _is_modal(words, i, row, tags):
                        break  # "in May", "with all its might": not a modal verb
                    if n == 1 and not titled and _in_a_name(words, i, row.text_norm):
                        break  # PolitiFact's "Mostly True": a name, not a hedge
                    if n == 1 and key[0] in _SENSED and _other_sense(words, i, row, tokens):
                        break  # "appeared in court", "certain people", "make sure"
                    surface = row.text_norm[span[0] : span[1]]
                    kinds = table[key]
                    if n == 1 and key[0] in _DENIABLE and _denied(words, i, row, tokens):
                        kinds = ("hedge",)  # "it is not clear whether", "not sure": doubt
                    for kind in kinds:
                        found[kind].append(surface)
                        where[kind].append(span)
                    i += n - 1
                    break
            i += 1
        who = speakers.get((row.article_id, row.sentence_id), [])
        attributed = bool(who) or bool(found["attribution"]) or (None if quotes is None else False)
        if quotes is None and not found["attribution"]:
            attributed = None
        rows.append(
            {
                "article_id": row.article_id,
                "sentence_id": row.sentence_id,
                "section": getattr(row, "section", None),
                "role": getattr(row, "role", "body"),
                "n_words": len(words),
                "hedges": found["hedge"],
                "boosters": found["booster"],
                "attribution_markers": found["attribution"],
                "n_hedges": len(found["hedge"]),
                "n_boosters": len(found["booster"]),
                "attributed": attributed,
                "speakers": "; ".join(dict.fromkeys(who)),
                "hedge_spans": article_spans(row.text, row.char_start, where["hedge"]),
                "booster_spans": article_spans(row.text, row.char_start, where["booster"]),
            }
        )
    return pd.DataFrame(rows, columns=HEDGING_COLUMNS)


#: Lexicon entries that are hedges or boosters only as modal verbs.
_MODALS = frozenset("may might could would should must can".split())
#: Entries with a second sense the parse tells apart (see :func:`_other_sense`).
_APPEAR = frozenset({"appear", "appears", "appeared"})
_SENSED = _APPEAR | {"clear", "certain", "sure"}


def _other_sense(words, i: int, row, tokens: dict | None) -> bool:
    """Whether the parse reads ``words[i]`` in a sense that is no hedge or booster:
    "appear" followed by where ("appeared in court", "appeared on television") and not
    by what seems ("appears to be", "appeared tired", "it appears that"); "clear" as a
    verb or a distance ("clear the way", "seven points clear"); "certain" choosing
    rather than sure ("certain people"); "sure" in "make sure". Without a parse, every
    match counts."""
    tok = _token_at(words, i, row, tokens)
    if tok is None:
        return False
    low = tok.lower_
    if low in _APPEAR:
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        seeming = {"xcomp", "acomp", "attr", "oprd", "ccomp", "expl"}
        kids = list(tok.children)
        return any(c.dep_ == "prep" for c in kids) and not any(c.dep_ in seeming for c in kids)
    if low == "clear":  # "clear the way", "seven points clear"; "a clear message" stays
        return tok.pos_ == "VERB" or tok.dep_ in ("advmod", "npadvmod")
    if low == "certain":  # "certain people", "a certain number": which, not how sure
        return tok.dep_ in ("amod", "det")
    return tok.head is not tok and tok.head.lemma_.lower() == "make"  # "make sure"


#: Boosters that say the opposite when negated ("not clear", "not sure": a hedge).
_DENIABLE = frozenset({"clear", "certain", "sure"})


def _denied(words, i: int, row, tokens: dict | None) -> bool:
    """Whether the parse negates ``words[i]`` or the verb it is the predicate of ("it
    is not clear", "we are not sure", "never certain"). Without a parse, False."""
    tok = _token_at(words, i, row, tokens)
    if tok is None:
        return False

    def negated(t) -> bool:
        return any(c.dep_ == "neg" or c.lower_ in ("never", "hardly") for c in t.children)

    if negated(tok):
        return True
    head = tok.head
    return head is not tok and tok.dep_ in ("acomp", "attr", "oprd") and negated(head)


def _token_at(words, i: int, row, tokens: dict | None):
    """The parse's token at ``words[i]``, or None."""
    if tokens is None:
        return None
    start = article_spans(row.text, row.char_start, [(words[i].start, words[i].end)])[0][0]
    return tokens.get(start)


def _in_a_name(words, i: int, text: str) -> bool:
    """Whether ``words[i]``, inside a sentence and not opening a quote or a clause after
    a colon or dash, is capitalised and followed by another capitalised word: part of a
    Title Case name ("rated Mostly True"), not "said: Perhaps Putin ..."."""
    before = text[: words[i].start].rstrip()
    return (
        i > 0
        and i + 1 < len(words)
        and words[i].text[:1].isupper()
        and not words[i].text.isupper()
        and words[i + 1].text[:1].isupper()
        and not before.endswith(
            (":", '"', "\u201c", "\u2018", "'", "(", "\u2014", "\u2013", "-", ".", "?", "!")
        )
    )


def _is_modal(words, i: int, row, tags: dict | None) -> bool:
    """Whether ``words[i]`` is a modal verb: from the parse's tag when there is one,
    else not a capitalised "May" inside the sentence."""
    if tags is not None:
        start = article_spans(row.text, row.char_start, [(words[i].start, words[i].end)])[0][0]
        tag = tags.get(start)
        if tag is not None:
            return tag == "MD"
    return not (words[i].text == "May" and i > 0)


def hedging_summary(
    hedges: pd.DataFrame, *, by: Literal["article", "section"] = "article"
) -> pd.DataFrame:
    """Densities per 1,000 words and shares of hedged and attributed sentences.

    Returns
    -------
    DataFrame
        ``article_id``, ``section`` ("(all)" by article), ``n_sentences``,
        ``n_words``, ``hedges_per_1k``, ``boosters_per_1k``, ``attribution_per_1k``,
        ``share_hedged`` (sentences with at least one hedge), ``share_attributed``.
    """
    if by not in ("article", "section"):
        raise ValueError(f"by must be 'article' or 'section', not {by!r}")
    if hedges.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in HEDGING_SUMMARY_COLUMNS})
    keys = ["article_id"] if by == "article" else ["article_id", "section"]
    rows = []
    for key, group in hedges.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        words = int(group["n_words"].sum())
        per_1k = 1000 / words if words else np.nan
        attributed = group["attributed"].map(lambda v: bool(v))
        rows.append(
            {
                "article_id": key[0],
                "section": key[1] if by == "section" else "(all)",
                "n_sentences": len(group),
                "n_words": words,
                "hedges_per_1k": group["n_hedges"].sum() * per_1k,
                "boosters_per_1k": group["n_boosters"].sum() * per_1k,
                "attribution_per_1k": group["attribution_markers"].map(len).sum() * per_1k,
                "share_hedged": float((group["n_hedges"] > 0).mean()),
                "share_attributed": float(attributed.mean()),
            }
        )
    return pd.DataFrame(rows, columns=HEDGING_SUMMARY_COLUMNS)


def source_shares(quotes: pd.DataFrame) -> pd.DataFrame:
    """Share of attributed words by kind of source, one row an article.

    Parameters
    ----------
    quotes : DataFrame
        Output of :func:`quotes`, one article or many.

    Returns
    -------
    DataFrame
        ``article_id`` and one column per ``source_type`` present (named official,
        institution, unnamed source, ...), each the share of the article's attributed
        words (rows sum to 1); empty when nobody is quoted.
    """
    if quotes.empty:
        return pd.DataFrame({"article_id": pd.Series(dtype=object)})
    words = quotes.groupby(["article_id", "source_type"], sort=False)["n_words"].sum()
    shares = words / words.groupby(level=0).transform("sum")
    return shares.unstack(fill_value=0.0).reset_index().rename_axis(columns=None)
