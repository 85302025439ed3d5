"""Who speaks, with what verb, and how sure the text is.

- :func:`quotes` finds direct quotes (straight and curly quotation marks, quotes over
  several sentences, unclosed quotes) and reported speech ("X said (that) ...", "X
  described the deal as ...", "X echoed ...", "according to X", "analysts suggest
  ..."), each with its speaker resolved to an actor, the reporting verb and its stance
  group (``data/reporting_verbs.csv``), and the kind of source.
- :func:`hedging` marks hedges, boosters and attribution markers per sentence
  (``data/hedges.csv``, after Hyland 2005) and, given the quotes, which sentences are
  attributed to someone and which stand on the text's own authority;
  :func:`hedging_summary` gives densities per 1,000 words by article or section.

In news only about a third to a half of attributed statements are direct quotes
(PARC; Sydney Morning Herald corpus), so reported speech is found too.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from os import PathLike
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from .actors import MENTION_COLUMNS, actor_mentions
from .article import is_title_case
from .errors import FramingError
from .paths import DATA_DIR
from .sentences import ANALYSED_ROLES, article_spans, require_sentence_table, table_rows
from .tokens import Token, word_tokens

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
    "kind",
    "content",
    "quoted",
    "n_words",
    "source_type",
    "char_start",
    "char_end",
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
_SPEECH_ROLES = ("standfirst", "body")
_DETERMINERS = frozenset(
    "the a an his her their its this that these those such our your my no any every".split()
)
_BRIDGE = frozenset(
    "has have had is was were be been also has also repeatedly previously long reportedly further then again "
    "publicly later earlier not did does do would could will may might already once often recently "
    "privately openly today yesterday".split()
)
_PRONOUN_KINDS = {
    "he": ("person",),
    "she": ("person",),
    "they": ("group", "country", "bloc", "organisation", "institution"),
    "it": ("institution", "organisation", "country", "media"),
}
_SUBORDINATORS = frozenset("while although though whereas since because if when as unless".split())
_OPEN = "\u201c"
_CLOSE = "\u201d"


@dataclass(frozen=True)
class Verb:
    lemma: str
    group: str


@lru_cache(maxsize=8)
def _verb_table(path: str) -> dict[tuple[str, ...], Verb]:
    text = Path(path).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    table: dict[tuple[str, ...], Verb] = {}
    for row in csv.DictReader(io.StringIO("\n".join(lines))):
        for form in row["forms"].split(";"):
            table[tuple(form.strip().lower().split())] = Verb(row["lemma"], row["group"])
    return table


def load_reporting_verbs(path: str | PathLike | None = None) -> dict[tuple[str, ...], Verb]:
    """Reporting verb forms -> (lemma, stance group). Default ``data/reporting_verbs.csv``;
    pass your own CSV with the columns ``lemma,group,forms``."""
    target = Path(path) if path is not None else DATA_DIR / "reporting_verbs.csv"
    if not target.is_file():
        raise FramingError(
            f"{target}: reporting-verb file not found. Pass a CSV with columns lemma,group,forms."
        )
    return _verb_table(str(target))


@lru_cache(maxsize=8)
def _hedge_table(path: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    text = Path(path).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    table: dict[tuple[str, ...], list[str]] = {}
    for row in csv.DictReader(io.StringIO("\n".join(lines))):
        table.setdefault(tuple(row["term"].lower().split()), []).append(row["type"])
    return {k: tuple(v) for k, v in table.items()}


# ---------------------------------------------------------------------- quotes
@dataclass
class _Quote:
    start: int  # absolute offsets in the article text, marks included
    end: int
    closed: bool
    sentence_ids: list[int]


def _quote_spans(sents: pd.DataFrame) -> list[_Quote]:
    """Pair quotation marks paragraph by paragraph; an unclosed quote ends with its paragraph."""
    paragraphs: dict[int, list[tuple[int, int, int, str]]] = {}
    for pid, sid, start, end, text in zip(
        sents["paragraph_id"],
        sents["sentence_id"],
        sents["char_start"],
        sents["char_end"],
        sents["text"],
        strict=True,
    ):
        paragraphs.setdefault(int(pid), []).append((int(sid), int(start), int(end), str(text)))
    spans: list[_Quote] = []
    for pid in sorted(paragraphs):
        para = paragraphs[pid]
        marks = [
            (start + i, ch)
            for sid, start, _, text in para
            for i, ch in enumerate(text)
            if ch in ('"', _OPEN, _CLOSE)
        ]
        open_at: int | None = None
        for pos, ch in marks:
            if open_at is None:
                if ch != _CLOSE:  # a stray closing mark is skipped
                    open_at = pos
            elif ch == _OPEN:
                # a new opening before a close: the earlier quote ran to here unclosed
                spans.append(_Quote(open_at, pos, False, _sids(para, open_at, pos)))
                open_at = pos
            else:
                spans.append(_Quote(open_at, pos + 1, True, _sids(para, open_at, pos + 1)))
                open_at = None
        if open_at is not None:
            end = max(e for _, _, e, _ in para)
            spans.append(_Quote(open_at, end, False, _sids(para, open_at, end)))
    return spans


def _sids(para: list[tuple[int, int, int, str]], start: int, end: int) -> list[int]:
    return [sid for sid, s, e, _ in para if e > start and s < end]


@dataclass
class _Attribution:
    sentence_id: int
    speaker: str | None
    actor: str | None
    kind_of_actor: str | None
    role: str
    verb: str | None
    verb_lemma: str | None
    verb_group: str | None
    kind: str
    start: int  # content, absolute offsets
    end: int


def _source_type(kind: str | None, role: str | None) -> str:
    if kind is None:
        return "unattributed"
    if kind == "person":
        return "named official" if role else "named person"
    if kind == "group":
        return "unnamed group"
    if kind == "media":
        return "media"
    if kind in ("institution", "organisation", "country", "bloc", "region"):
        return "institution"
    return "unresolved"


def quotes(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame | None = None,
    *,
    verbs: str | PathLike | None = None,
    aliases=None,
) -> pd.DataFrame:
    """Every direct quote and piece of reported speech, with its speaker and verb.

    Parameters
    ----------
    sentences : DataFrame
        A sentence table (:func:`analysis.sentences`); one article or many.
    mentions : DataFrame, optional
        Actor mentions (:func:`analysis.actors.actor_mentions`); computed when missing.
    verbs : path, optional
        A reporting-verb CSV replacing ``data/reporting_verbs.csv``.
    aliases : optional
        Passed to :func:`~analysis.actors.actor_mentions` when mentions are computed.

    Returns
    -------
    DataFrame
        One row an attribution, in reading order: ``article_id``, ``sentence_id``
        (where it starts), ``sentence_ids`` (all sentences it covers), ``speaker`` (as
        written; a pronoun is resolved to the last fitting actor), ``actor``
        (resolved), ``verb`` (as written), ``verb_lemma``, ``verb_group`` (neutral,
        endorsing, distancing, tentative, agreeing, directive), ``kind`` ("direct":
        mostly quoted words; "indirect": reported speech; "according-to"),
        ``content`` (the words attributed), ``quoted`` (list of the quoted fragments
        in it), ``n_words``, ``source_type`` (named official, named person,
        institution, unnamed group, media, unresolved, unattributed), ``char_start``
        and ``char_end`` (offsets of the content in the article's text).

    Notes
    -----
    The speaker of a reporting verb is the actor mention that ends right before it
    (auxiliaries and adverbs such as "has also" may stand between), the one right after
    it in inverted order ('..." said Putin'), or, for a pronoun, the last person (he,
    she) or group/institution (they, it) mentioned. The content runs from the verb (and
    a following "that") to the end of the sentence or to the next participle clause
    (", emphasizing ..."), which gets a row of its own with the same speaker. A quote
    that no verb introduces continues the previous speaker's quote when it follows one
    in the paragraph, and is unattributed otherwise. Limits: no parsing, so long
    subjects ("The head of the agency, who ..., said") and speech verbs not in the list
    are missed; quotes inside quotes are treated as one quote.
    """
    require_sentence_table(
        sentences, "quotes()", ("article_id", "sentence_id", "text", "char_start")
    )
    if mentions is None:
        mentions = actor_mentions(sentences, aliases=aliases)
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
        rows.extend(_article_quotes(article_id, sents, ments, verb_table))
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    return frame


def _article_quotes(article_id, sents: pd.DataFrame, ments: pd.DataFrame, verb_table) -> list[dict]:
    speech = sents[sents["role"].isin(_SPEECH_ROLES)] if "role" in sents.columns else sents
    if speech.empty:
        return []
    if "paragraph_id" not in speech.columns:
        speech = speech.assign(paragraph_id=speech["sentence_id"])
    by_sentence: dict[int, list[dict]] = {}
    for record in ments.to_dict("records"):
        by_sentence.setdefault(record["sentence_id"], []).append(record)
    attributions: list[_Attribution] = []
    history: list[dict] = []
    texts = {}
    for row in table_rows(speech):
        texts[row.sentence_id] = (row.text, row.char_start)
        local = by_sentence.get(row.sentence_id, [])
        if not is_title_case(row.text):  # "Leaders Hail Agreement ...": a headline, not speech
            attributions.extend(_sentence_attributions(row, local, history, verb_table))
        history.extend(local)
    quotes_found = _quote_spans(speech)
    # attach quotes to attributions
    quoted: dict[int, list[_Quote]] = {i: [] for i in range(len(attributions))}
    loose: list[_Quote] = []
    for q in quotes_found:
        inner = (q.start + 1, q.end - 1 if q.closed else q.end)
        owner = None
        for i, a in enumerate(attributions):
            if a.start <= inner[0] and inner[1] <= a.end + 1:
                owner = i
                break
        if owner is None:
            # inverted order ('"...," said Putin'): a verb in the same sentence, after the quote
            for i, a in enumerate(attributions):
                if a.sentence_id in q.sentence_ids and a.kind == "inverted":
                    owner = i
                    a.start, a.end = inner
                    break
        if owner is None:
            loose.append(q)
        else:
            quoted[owner].append(q)
    rows = []
    for i, a in enumerate(attributions):
        fragments = [
            _slice(texts, q.start + 1, q.end - 1 if q.closed else q.end).strip(" ,")
            for q in quoted[i]
        ]
        a.start, a.end = _trim_span(
            texts, a.start, a.end, ' ,;:"\u201c\u201d' if a.kind == "inverted" else " ,;:"
        )
        content = _slice(texts, a.start, a.end)
        content_words = len(content.split())
        quoted_words = sum(len(f.split()) for f in fragments)
        kind = a.kind
        if kind in ("indirect", "inverted"):
            kind = "direct" if content_words and quoted_words / content_words >= 0.5 else "indirect"
        sids = sorted({a.sentence_id, *[s for q in quoted[i] for s in q.sentence_ids]})
        a.sentence_id = sids[0]
        rows.append(_row(article_id, a, sids, kind, content, fragments))
    # quotes no verb introduced: continuation of the previous speaker in the paragraph
    para_of = dict(zip(speech["sentence_id"], speech["paragraph_id"], strict=True))
    para_start = speech.groupby("paragraph_id")["char_start"].min().to_dict()
    for q in loose:
        start, end = _trim_span(texts, q.start + 1, q.end - 1 if q.closed else q.end)
        text = _slice(texts, start, end)
        if not text.strip():
            continue
        first = q.sentence_ids[0]
        # a quote continues the previous speaker within its paragraph, or when it opens
        # the next paragraph (the news convention for a quote running on)
        opens_paragraph = q.start == para_start.get(para_of.get(first))
        paragraphs = (
            (para_of.get(first), para_of.get(first, 0) - 1)
            if opens_paragraph
            else (para_of.get(first),)
        )
        previous = [
            a
            for a in attributions
            if a.sentence_id < first and para_of.get(a.sentence_id) in paragraphs
        ]
        if previous and previous[-1].actor is not None:
            p = previous[-1]
            a = _Attribution(
                first,
                p.speaker,
                p.actor,
                p.kind_of_actor,
                p.role,
                None,
                None,
                None,
                "direct",
                start,
                end,
            )
        else:
            a = _Attribution(first, None, None, None, "", None, None, None, "direct", start, end)
        rows.append(_row(article_id, a, q.sentence_ids, "direct", text, [text]))
    rows.sort(key=lambda r: (r["sentence_id"], r["char_start"]))
    return rows


def _row(article_id, a: _Attribution, sids, kind, content, fragments) -> dict:
    return {
        "article_id": article_id,
        "sentence_id": a.sentence_id,
        "sentence_ids": sids,
        "speaker": a.speaker,
        "actor": a.actor,
        "verb": a.verb,
        "verb_lemma": a.verb_lemma,
        "verb_group": a.verb_group,
        "kind": kind,
        "content": content,
        "quoted": fragments,
        "n_words": len(content.split()),
        "source_type": _source_type(a.kind_of_actor, a.role),
        "char_start": a.start,
        "char_end": a.end,
    }


def _slice(texts: dict, start: int, end: int) -> str:
    """The article's text between two offsets, rebuilt from its sentences (the whitespace
    between sentences becomes spaces, so offsets stay exact)."""
    out = []
    pos = start
    for text, offset in sorted(texts.values(), key=lambda x: x[1]):
        a, b = max(start, offset), min(end, offset + len(text))
        if a < b:
            if a > pos and out:
                out.append(" " * (a - pos))
            out.append(text[a - offset : b - offset])
            pos = b
    return "".join(out)


def _trim_span(texts: dict, start: int, end: int, chars: str = " ,;:") -> tuple[int, int]:
    content = _slice(texts, start, end)
    if not content:
        return start, end
    lead = len(content) - len(content.lstrip(chars))
    tail = len(content) - len(content.rstrip(chars))
    return start + lead, max(start + lead, end - tail)


def _find_verbs(tokens: Sequence[Token], verb_table) -> list[tuple[int, int, Verb]]:
    found = []
    i = 0
    while i < len(tokens):
        for n in (2, 1):
            key = tuple(t.low for t in tokens[i : i + n])
            if len(key) == n and key in verb_table:
                if i > 0 and tokens[i - 1].low in _DETERMINERS:
                    break  # "the report", "a claim": a noun
                found.append((i, i + n, verb_table[key]))
                i += n - 1
                break
        i += 1
    return found


def _sentence_attributions(
    row, local: pd.DataFrame, history: list[dict], verb_table
) -> list[_Attribution]:
    text, offset, sid = row.text, row.char_start, row.sentence_id
    tokens = word_tokens(text)  # offsets into the sentence text (quotes are single characters)
    ends = {int(m["char_end"]) - offset: m for m in local}
    starts = {int(m["char_start"]) - offset: m for m in local}
    out: list[_Attribution] = []
    taken: list[tuple[int, int]] = []
    # according to X
    for i, tok in enumerate(tokens[:-1]):
        if tok.low == "according" and tokens[i + 1].low == "to":
            after = tokens[i + 2].start if i + 2 < len(tokens) else len(text)
            stop = _clause_end(tokens, i + 2, text)
            candidates = [m for m in local if after <= int(m["char_start"]) - offset < stop]
            speaker = (
                next((m for m in candidates if m["kind"] == "person"), None)
                or next((m for m in candidates if m["kind"] == "group"), None)
                or (candidates[0] if candidates else None)
            )
            if speaker is None:
                continue
            surface = text[after:stop].strip(" ,.")
            if i == 0 or (i <= 2 and tokens[0].low in ("but", "and")):
                c_start, c_end = stop, len(text)
            else:
                c_start, c_end = 0, tok.start
            c_start, c_end = _trim(text, c_start, c_end)
            out.append(
                _Attribution(
                    sid,
                    surface,
                    speaker["actor"],
                    speaker["kind"],
                    speaker["role"] or "",
                    "according to",
                    "according to",
                    "neutral",
                    "according-to",
                    offset + c_start,
                    offset + c_end,
                )
            )
            taken.append((tok.start, stop))
    previous_speaker: dict | None = None
    for v_start, v_end, verb in _find_verbs(tokens, verb_table):
        if any(a <= tokens[v_start].start < b for a, b in taken):
            continue
        speaker = _subject(tokens, v_start, ends, history, local, offset)
        inverted = False
        after_quote = v_start > 0 and tokens[v_start - 1].text in (",", '"', _CLOSE)
        participle = (
            tokens[v_start].low.endswith("ing") and v_start > 0 and tokens[v_start - 1].text == ","
        )
        if speaker is None and participle and previous_speaker is not None:
            speaker = previous_speaker  # "X described ..., emphasizing ...": the same speaker
        elif speaker is None and v_end < len(tokens) and after_quote and not participle:
            # '"...," said opposition leader Joseph Kamau': the first actor in the clause after the verb
            stop = _clause_end(tokens, v_end, text)
            later = [m for pos, m in sorted(starts.items()) if tokens[v_end].start <= pos < stop]
            speaker = later[0] if later else None
            inverted = speaker is not None
        elif (
            speaker is not None
            and after_quote
            and _clause_end(tokens, v_end, text) <= tokens[v_end - 1].end + 1
        ):
            inverted = True  # '"...," he said.'
        elif (
            speaker is not None
            and v_start >= 2
            and tokens[v_start - 2].text in (",", '"', _CLOSE)
            and _clause_end(tokens, v_end, text) <= tokens[v_end - 1].end + 1
        ):
            inverted = True  # '"...," Kamau said.
        if speaker is None:
            continue
        previous_speaker = speaker
        surface = speaker.get("surface") if isinstance(speaker, dict) else None
        if inverted:
            subject_start = (
                min(tokens[v_start].start, int(speaker["char_start"]) - offset)
                if "char_start" in speaker and speaker.get("surface") not in _PRONOUN_KINDS
                else tokens[v_start].start
            )
            if speaker.get("surface", "").lower() in _PRONOUN_KINDS:
                subject_start = tokens[v_start - 1].start
            c_start, c_end = 0, subject_start
            kind = "inverted"
        else:
            k = v_end
            if k < len(tokens) and tokens[k].low == "that":
                k += 1
            c_start = tokens[k].start if k < len(tokens) else len(text)
            c_end = _content_end(tokens, k, text, verb_table)
            if tokens[0].low in _SUBORDINATORS and v_start < len(tokens):
                # "While the Kremlin has stated that X, details remain undisclosed": X ends at the comma
                c_end = min(c_end, _comma_outside_quotes(text, c_start))
            kind = "indirect"
        c_start, c_end = _trim(text, c_start, c_end)
        if c_end <= c_start:
            continue
        out.append(
            _Attribution(
                sid,
                surface,
                speaker["actor"],
                speaker["kind"],
                speaker.get("role") or "",
                text[tokens[v_start].start : tokens[v_end - 1].end],
                verb.lemma,
                verb.group,
                kind,
                offset + c_start,
                offset + c_end,
            )
        )
    return out


def _subject(
    tokens: Sequence[Token], v: int, ends: dict, history: list[dict], local: list[dict], offset: int
) -> dict | None:
    j = v - 1
    while j >= 0 and tokens[j].low in _BRIDGE:
        j -= 1
    if j < 0:
        return None
    end = tokens[j].end
    if end in ends:
        return ends[end]
    pronoun = tokens[j].low
    if pronoun in _PRONOUN_KINDS:
        kinds = _PRONOUN_KINDS[pronoun]
        before = [m for m in local if int(m["char_end"]) - offset <= tokens[j].start]
        for m in reversed(history + before):
            if m["kind"] in kinds:
                chosen = dict(m)
                chosen["surface"] = tokens[j].text
                return chosen
    return None


def _clause_end(tokens: Sequence[Token], i: int, text: str) -> int:
    for tok in tokens[i:]:
        if tok.text in (",", ";", ".", ":", "?", "!"):
            return tok.start
    return len(text)


def _content_end(tokens: Sequence[Token], k: int, text: str, verb_table) -> int:
    """End of the reported content: the sentence end, or a following ', <participle verb>'."""
    for j in range(k, len(tokens) - 1):
        if (
            tokens[j].text == ","
            and (tokens[j + 1].low,) in verb_table
            and tokens[j + 1].low.endswith("ing")
        ):
            return tokens[j].start
    return len(text)


def _comma_outside_quotes(text: str, start: int) -> int:
    inside = False
    for i in range(start, len(text)):
        ch = text[i]
        if ch in ('"', _OPEN, _CLOSE):
            inside = not inside if ch == '"' else ch == _OPEN
        elif ch == "," and not inside:
            return i
    return len(text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,;:":
        start += 1
    while end > start and text[end - 1] in " ,;:.!?":
        end -= 1
    return start, end


# ---------------------------------------------------------------------- hedging
def hedging(
    sentences: pd.DataFrame,
    quotes: pd.DataFrame | None = None,
    *,
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
        found: dict[str, list[str]] = {"hedge": [], "booster": [], "attribution": []}
        where: dict[str, list[tuple[int, int]]] = {"hedge": [], "booster": [], "attribution": []}
        i = 0
        while i < len(words):
            for n in range(min(max_len, len(words) - i), 0, -1):
                key = tuple(lows[i : i + n])
                if key in table:
                    span = (words[i].start, words[i + n - 1].end)
                    surface = row.text_norm[span[0] : span[1]]
                    for kind in table[key]:
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
        institution, unnamed group, ...), each the share of the article's attributed
        words (rows sum to 1); empty when nobody is quoted.
    """
    if quotes.empty:
        return pd.DataFrame({"article_id": pd.Series(dtype=object)})
    words = quotes.groupby(["article_id", "source_type"], sort=False)["n_words"].sum()
    shares = words / words.groupby(level=0).transform("sum")
    return shares.unstack(fill_value=0.0).reset_index().rename_axis(columns=None)
