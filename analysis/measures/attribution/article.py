"""Who says, believes, wants or shows what: :func:`quotes`, read from spaCy's parse.

A cue (a reporting verb of the lexicon by its lemma, an attributing noun, "according
to", a name and a colon), its source (the verb's subject, resolved to an actor) and its
content (the clausal complement, the quotes around the cue, or the verb's object).
Quotation marks of every style are paired over the article, also across paragraphs
(:mod:`.quote_marks`). In news only about a third to a half of attributed statements
are direct quotes (PARC; Sydney Morning Herald corpus), so reported speech is found too.
"""

from __future__ import annotations

import bisect
from os import PathLike

import pandas as pd

from ...errors import FramingError
from ...nlp.parsing import Parse, require_parse
from ...text.article import is_title_case
from ...text.sentences import table_rows
from ...text.words import count_words
from ..actors import MENTION_COLUMNS, Lexicon, actor_mentions, load_aliases
from .cues import load_reporting_verbs
from .quote_marks import MARKS_AND_SPACE, Quote, quote_spans, quotes_from
from .records import Attribution, Source, source_type
from .sentence import SentenceView, sentence_attributions
from .speakers import mark_subjects

__all__ = ["quotes", "source_shares", "QUOTE_COLUMNS", "ArticleText"]

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

_SPEECH_ROLES = ("headline", "standfirst", "body")


def quotes(
    parsed: Parse,
    mentions: pd.DataFrame | None = None,
    *,
    verbs: str | PathLike | None = None,
    aliases=None,
    nested: bool = False,
) -> pd.DataFrame:
    """Every attribution: who says, believes, wants or shows what, read from the parse.

    Parameters
    ----------
    parsed : Parse
        The parse of a sentence table (:func:`analysis.nlp.parse`); one article or many.
    mentions : DataFrame, optional
        Actor mentions (:func:`analysis.measures.actors.actor_mentions`) of the same
        parse; found from it when missing.
    verbs : path, optional
        A reporting-verb CSV replacing ``data/reporting_verbs.csv``.
    aliases : optional
        Your actors and aliases (:func:`~analysis.measures.actors.load_aliases`): used for the
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
        (how the actor was found: "mention" in the source's words, "back-reference" for a
        description of an actor named before ("the company", "Russia's president"),
        "pronoun" resolved to its nearest fitting antecedent, "continuation" of an earlier speaker's quote,
        "description" for an unnamed source, "unresolved", "" when unattributed),
        ``char_start``/``char_end`` (the content), ``speaker_start``/``speaker_end`` (the
        source as written) and ``cue_start``/``cue_end``: offsets in the article's text.

    Notes
    -----
    A cue is a reporting verb of the lexicon (by its lemma, with particles: "point
    out"), "according to", or a colon after a name at the start of a sentence. Its
    source is the verb's grammatical subject (also when it follows the verb: '"...,"
    said Putin'; shared through "and" and participles: "..., saying ..."), with a
    pronoun resolved to its nearest fitting antecedent: in the nearest sentence before
    it that names an actor of a kind it can stand for (and not of the other gender,
    where "Mr", "Mrs" or a role shows it), that sentence's subject, else its speaker,
    else the last such actor it names. Verbs whose first sense is an act ("attack",
    "defend", "refuse", "report") are cues only with content: a clause, a quote, an
    object described "as ..." or one that is a statement. Its content is
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
    parsed = require_parse(parsed, "quotes()")
    sentences = parsed.sentences
    lex = aliases if isinstance(aliases, Lexicon) else load_aliases(aliases)
    if mentions is None:
        mentions = actor_mentions(parsed, aliases=lex)
    missing = set(MENTION_COLUMNS) - set(mentions.columns)
    if missing:
        raise FramingError(
            f"the mentions table lacks {sorted(missing)}; build it with analysis.measures.actors.actor_mentions(sentences)."
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


class ArticleText:
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
    text = ArticleText([(offset, t) for _, offset, t, _ in parts])
    found_quotes = quote_spans(parts)
    mention_rows = ments.to_dict("records")
    mark_subjects(article_id, mention_rows, parsed)
    sentence_of = {
        int(r.sentence_id): (int(r.char_start), int(r.char_start) + len(str(r.text))) for r in rows_
    }
    para_of = {int(r.sentence_id): pid for r, pid in zip(rows_, pids, strict=True)}
    attributions: list[Attribution] = []
    order = [int(r.sentence_id) for r in rows_]
    for index, row in enumerate(rows_):
        sid = int(row.sentence_id)
        doc, offset = parsed.sentence(article_id, sid)
        if doc is None:
            continue
        recent = [a for a in attributions if a.sentence_id in order[max(0, index - 2) : index + 1]]
        view = SentenceView(
            doc,
            offset,
            sid,
            found_quotes,
            mention_rows,
            recent,
            text,
            lex,
            titled=is_title_case(str(row.text)),
        )
        attributions.extend(sentence_attributions(view, verb_table))
    attributions = _outer_only(attributions, nested)
    context = (found_quotes, text, sentence_of, para_of, mention_rows)
    for q in found_quotes:
        _add_uncued(attributions, q, context)
    return [
        _row(article_id, a, found_quotes, text, sentence_of)
        for a in sorted(attributions, key=lambda a: (a.start, a.cue_start or 0))
    ]


def _outer_only(attributions: list[Attribution], nested: bool) -> list[Attribution]:
    """Attributions less those inside another's content: the speaker's own verb inside
    what she says ("Clinton says she opposes the deal": one attribution), and, unless
    ``nested``, any cue inside another source's clause ("Police say he refused to drop
    the gun": "refused" is part of what the police say)."""
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
    if nested:
        return attributions
    return [
        a
        for a in attributions
        if a.cue_start is None
        or not any(b is not a and b.clause and b.start <= a.cue_start < b.end for b in attributions)
    ]


def _add_uncued(attributions: list[Attribution], q: Quote, context) -> None:
    """A quote no cue introduced: a speaker's quote running on (joined to it, or a
    continuation), signed by a dash and a name, or unattributed. A short quoted term
    inside a sentence (a scare quote, a title) is nobody's words."""
    found_quotes, text, sentence_of, para_of, mention_rows = context
    if any(_covers(a, q) for a in attributions):
        return
    start, end = text.trim(q.start, q.end)
    words = text.slice(start, end).split()
    first = _sentence_at(sentence_of, start) if words else None
    if first is None:
        return
    s_start, s_end = sentence_of[first]
    whole = start - s_start <= 2 and (end >= s_end - 2 or not q.closed)
    if len(words) <= 4 and not whole:
        return  # a scare quote or a title, not somebody's words
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
        and any(_covers(latest, other) for other in found_quotes)
    ):
        # '"...," he said. "..."': the speaker's quote runs on; one attribution
        # with its pieces, as a reader takes it
        latest.fragments = [*(latest.fragments or [(latest.start, latest.end)]), (start, end)]
        latest.end = end
        return
    if signed is not None:
        source = signed
    elif before:
        src = before[-1].source
        source = Source(
            src.speaker, src.actor, src.kind, src.role, src.start, src.end, "continuation"
        )
    else:
        source = Source(None, None, None, "", None, None, "")
    attributions.append(
        Attribution(first, source, None, None, None, "statement", "direct", start, end, None, None)
    )


_DASHES = "\u2015\u2014\u2013-"


def _signature_after(end: int, sentence_of: dict, text: ArticleText, mention_rows) -> Source | None:
    """'"...." — Jane Doe': a quote signed by a dash and a name right after it."""
    following = sorted((s, e) for s, e in sentence_of.values() if s >= end)
    stop = following[0][1] if following else end + 80
    after = text.slice(end, stop)
    stripped = after.lstrip(MARKS_AND_SPACE + ".,")
    if not stripped[:1] or stripped[0] not in _DASHES:
        return None
    dash = end + len(after) - len(stripped)
    for m in mention_rows:
        m_start = int(m["char_start"])
        if dash < m_start <= dash + 4 and text.slice(dash + 1, m_start).strip() == "":
            return Source(
                text.slice(m_start, int(m["char_end"])),
                m["actor"],
                m["kind"],
                m["role"] or "",
                m_start,
                int(m["char_end"]),
                "mention",
            )
    return None


def _covers(a: Attribution, q: Quote) -> bool:
    pieces = a.fragments or [(a.start, a.end)]
    inside = sum(max(0, min(e, q.end) - max(s, q.start)) for s, e in pieces)
    return inside > 0


def _sentence_at(sentence_of: dict, pos: int) -> int | None:
    for sid, (start, end) in sentence_of.items():
        if start <= pos < end + 1:
            return sid
    return None


def _unmark(start: int, end: int, quotes_: list[Quote], text: ArticleText) -> tuple[int, int]:
    """A content span that is one whole quote, without its marks."""
    # quotes_ are in text order: only the first quote at or after start can have
    # nothing but marks and space before it (any later one has that quote between)
    for q in quotes_from(quotes_, start):
        if text.slice(start, q.start).strip(MARKS_AND_SPACE) != "":
            break
        if q.end <= end and text.slice(q.end, end).strip(MARKS_AND_SPACE + ".,") == "":
            return q.start, q.end
        return q.start, end
    return start, end


def _row(
    article_id, a: Attribution, quotes_: list[Quote], text: ArticleText, sentence_of: dict
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
        "n_words": count_words(content),
        "source_type": source_type(a.source.kind, a.source.role),
        "resolved_by": a.source.resolved_by,
        "char_start": pieces[0][0],
        "char_end": pieces[-1][1],
        "speaker_start": a.source.start,
        "speaker_end": a.source.end,
        "cue_start": a.cue_start,
        "cue_end": a.cue_end,
    }


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
