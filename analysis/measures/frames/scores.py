"""Frame scores of every sentence with the cues as evidence, and each article's frame
profile (:func:`frame_scores`, :func:`frame_profile`, :func:`dominant_frames`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from ...nlp.parsing import Parse, require_parse
from ...text.normalize import normalize
from ...text.sentences import ANALYSED_ROLES, article_spans, table_rows
from .context import context_fit, context_space, context_words
from .cues import check_cue, in_title, match_rules, match_words, words_and_lemmas
from .scheme import FrameScheme, Scheme, load_scheme

__all__ = [
    "frame_scores",
    "frame_profile",
    "dominant_frames",
    "cue_matrix",
    "LEADING_SHARE",
    "FRAME_SCORE_COLUMNS",
    "PROFILE_COLUMNS",
]

FRAME_SCORE_COLUMNS = [
    "article_id",
    "sentence_id",
    "section",
    "role",
    "n_words",
    "frame",
    "label",
    "score",
    "cues",
    "cue_spans",
    "negated",
    "reasons",
    "dropped",
]

PROFILE_COLUMNS = [
    "article_id",
    "frame",
    "label",
    "n_sentences",
    "share_of_sentences",
    "n_cues",
    "cues_per_1k",
    "share_of_cues",
    "first_sentence_id",
    "top_cues",
    "rank",
]


# ---------------------------------------------------------------------- scores
class _SentenceCues:
    """Checks the cue matches of one sentence (the ``accept`` of :func:`match_rules`)
    and keeps what it found: negated cues, why each counted, and what did not."""

    def __init__(self, parsed: Parse, row, space) -> None:
        self.parsed, self.row, self.space = parsed, row, space
        self.state: list = []
        self.negated: dict[str, list[str]] = {}
        self.reasons: dict[tuple[str, int], str] = {}
        self.dropped: dict[str, list[list[str]]] = {}

    def accept(self, frame: str, a: int, b: int, rule) -> bool:
        row, text = self.row, self.row.text_norm
        if not self.state:  # the parse of the sentence, fetched at its first candidate
            doc, _ = self.parsed.sentence(row.article_id, row.sentence_id)
            self.state.extend(
                (doc, in_title(doc) if doc is not None else [], words_and_lemmas(doc))
            )
        doc, titled, lemmas = self.state
        if doc is None:
            self.reasons[frame, a] = "counted: the cue word (no parse to check it on)"
            return True
        ((start, end),) = article_spans(row.text, row.char_start, [(a, b)])
        local = (start - row.char_start, end - row.char_start)
        ok, negative, why = check_cue(doc, *local, rule, titled, lemmas)
        if ok and self.space is not None and len(rule.words) == 1:
            span = doc.char_span(*local, alignment_mode="expand")
            if span is not None and len(span):
                words = context_words(doc, span.start, span.end)
                ok, why = context_fit(self.space, frame, words, text[a:b])
        if not ok:
            # one entry a place: cues sharing a stem ("vote", "voted") are tried in turn
            kept = self.dropped.setdefault(frame, [])
            if not kept or kept[-1][2] != a:
                kept.append([text[a:b], why, a])
            return False
        if negative:
            self.negated.setdefault(frame, []).append(text[a:b])
        if not why:
            why = (
                "counted: a phrase of the lexicon, one sense"
                if len(rule.words) > 1
                else "counted: the cue word in its sense on the parse"
            )
        self.reasons[frame, a] = why
        return True


def frame_scores(
    parsed: Parse,
    *,
    scheme: Scheme = "generic",
    roles: Sequence[str] | None = ANALYSED_ROLES,
) -> pd.DataFrame:
    """Score every sentence for every frame of a scheme, keeping the cues as evidence.

    Cues are matched on Porter stems, the longest first, and then checked on spaCy's
    parse (:func:`analysis.nlp.parse`), so that a cue counts only in the sense its frame
    means:

    - the cue's own words, inflected or not ("sanctioned" for "sanction"), not other
      words of the same stem ("response" for "responsible", "internal" for
      "international", "customers" for "customs");
    - not inside a longer name (a named entity it does not cover whole: "Home Office",
      "the South West"; "NATO" and "the West" still count) or as the modifier of a
      title from the roles lexicon ("Home Secretary", "foreign minister");
    - with the part of speech its lexicon entry names (``pos``: the noun "strike", not
      the verb), and not when a word of its ``unless`` list is in the sentence ("strike"
      next to "union" or "pay"), nor with a word of its ``unless_in_phrase`` list in
      its own noun phrase (the "president" of a company, a birthday "party"), nor
      governed by a word of its ``governed_by`` list ("did a fine job");
    - not as a phrasal verb ("live up to") and not inside a multi-word unit of the
      lexicon ("oil" inside "oil spill");
    - a single word, where its sentence fits its frame: not when the words around it
      are far nearer, in word-vector space, to a domain where cue words have other
      senses (sport, arts and entertainment, technology, weather and nature, private
      life: "vote" on a reality show, a computer "virus"; see
      :mod:`analysis.measures.frames.context`), for schemes with a ``context_check``.

    A negated cue ("no threat", "was not an attack") still counts (the frame is
    invoked) and is listed in ``negated``. Each counted cue keeps the reason it counted
    (``reasons``) and each cue that did not count the reason why (``dropped``).

    Parameters
    ----------
    parsed : Parse
        The parse of a sentence table (:func:`analysis.nlp.parse`).
    scheme : "generic", "policy", path or mapping
        The frame lexicon (see :func:`load_scheme`).
    roles : sequence of str or None
        Sentences to score; headline, standfirst and body by default.

    Returns
    -------
    DataFrame
        One row per sentence and frame (zeros included, so the table pivots cleanly):
        ``article_id``, ``sentence_id``, ``section``, ``role``, ``n_words``, ``frame``
        (key), ``label``, ``score`` (number of cue matches), ``cues`` (the matched
        words as written in the normalised sentence, each a substring of it),
        ``cue_spans`` (their ``(start, end)`` offsets in the article's text),
        ``negated`` (the cues among them that are negated), ``reasons`` (why each cue
        counted, in the order of ``cues``), ``dropped`` (``[cue, reason]`` of each match
        that did not count).
    """
    parsed = require_parse(parsed, "frame_scores()")
    sentences = parsed.sentences
    lexicon = load_scheme(scheme)
    data = (
        sentences
        if roles is None or "role" not in sentences.columns
        else sentences[sentences["role"].isin(list(roles))]
    )
    if data.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in FRAME_SCORE_COLUMNS})
    space = context_space(lexicon)
    rows = []
    for row in table_rows(data):
        text = row.text_norm
        check = _SentenceCues(parsed, row, space)
        accept = check.accept
        negated, reasons, dropped = check.negated, check.reasons, check.dropped
        found: dict[str, list[tuple[int, int]]] = {}
        for frame, a, b, _ in match_rules(text, lexicon, accept):
            found.setdefault(frame, []).append((a, b))
        n_words = int(row.n_words)
        for frame in lexicon.frames:
            spans = found.get(frame, [])
            rows.append(
                {
                    "article_id": row.article_id,
                    "sentence_id": row.sentence_id,
                    "section": getattr(row, "section", None),
                    "role": getattr(row, "role", "body"),
                    "n_words": n_words,
                    "frame": frame,
                    "label": lexicon.labels[frame],
                    "score": len(spans),
                    "cues": [text[a:b] for a, b in spans],
                    "cue_spans": article_spans(row.text, row.char_start, spans) if spans else [],
                    "negated": negated.get(frame, []),
                    "reasons": [reasons.get((frame, a), "") for a, _ in spans],
                    "dropped": [[cue, why] for cue, why, _ in dropped.get(frame, [])],
                }
            )
    return pd.DataFrame(rows, columns=FRAME_SCORE_COLUMNS)


def frame_profile(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per article and frame: how much of the article uses the frame.

    Parameters
    ----------
    scores : DataFrame
        Output of :func:`frame_scores`.

    Returns
    -------
    DataFrame
        ``article_id``, ``frame``, ``label``, ``n_sentences`` (with at least one cue),
        ``share_of_sentences``, ``n_cues``, ``cues_per_1k`` (cues per 1,000 words of the
        scored sentences), ``share_of_cues`` (of all cues of the article),
        ``first_sentence_id`` (NaN if unused), ``top_cues`` (most frequent cues,
        lower-cased, "; "-joined), ``rank`` (1 = most cues per 1,000 words). Frames
        are in rank order.
    """
    if scores.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in PROFILE_COLUMNS})
    words: dict = {}
    n_sent: dict = {}
    seen: set = set()
    acc: dict = {}  # (article, frame) -> [label, sentences used, cues, first used, cue counts]
    columns = ["article_id", "sentence_id", "n_words", "frame", "label", "score", "cues"]
    for a, sid, n_words, frame, label, score, cues in scores[columns].itertuples(
        index=False, name=None
    ):
        if (a, sid) not in seen:
            seen.add((a, sid))
            words[a] = words.get(a, 0) + n_words
            n_sent[a] = n_sent.get(a, 0) + 1
        entry = acc.get((a, frame))
        if entry is None:
            entry = acc[(a, frame)] = [label, 0, 0, np.nan, Counter()]
        entry[2] += score
        if score > 0:
            entry[1] += 1
            entry[3] = sid if np.isnan(entry[3]) else min(entry[3], sid)
            entry[4].update(c.lower() for c in cues)
    totals: dict = {}
    for (a, _frame), entry in acc.items():
        totals[a] = totals.get(a, 0) + entry[2]
    rows = []
    for (a, frame), (label, used, n_cues, first, counter) in acc.items():
        top = sorted(counter.items(), key=lambda x: (-x[1], x[0]))[:5]
        rows.append(
            {
                "article_id": a,
                "frame": frame,
                "label": label,
                "n_sentences": int(used),
                "n_cues": int(n_cues),
                "first_sentence_id": float(first),
                "share_of_sentences": used / n_sent[a] if n_sent[a] else 0.0,
                "cues_per_1k": 1000 * n_cues / words[a] if words[a] else 0.0,
                "share_of_cues": n_cues / totals[a] if totals[a] else 0.0,
                "top_cues": "; ".join(c for c, _ in top),
            }
        )
    out = pd.DataFrame(rows)
    out = out.sort_values(
        ["article_id", "cues_per_1k", "n_sentences", "frame"],
        ascending=[True, False, False, True],
        kind="mergesort",
    )
    out["rank"] = out.groupby("article_id").cumcount() + 1
    return out.reset_index(drop=True)[PROFILE_COLUMNS]


#: A frame leads an article when its cues are in at least this share of its sentences.
LEADING_SHARE = 0.1


def dominant_frames(
    profile: pd.DataFrame, *, top_n: int = 3, min_share: float = LEADING_SHARE
) -> pd.DataFrame:
    """The leading frames of each article: the ``top_n`` best-ranked frames used in at
    least ``min_share`` of its sentences. Same columns as :func:`frame_profile`."""
    if profile.empty:
        return profile.copy()
    keep = profile[(profile["rank"] <= top_n) & (profile["share_of_sentences"] >= min_share)]
    return keep.reset_index(drop=True)


# ---------------------------------------------------------------------- features
def cue_matrix(texts: Sequence[str], scheme: FrameScheme) -> sparse.csr_matrix:
    """Cue counts per frame (columns in ``scheme.frames`` order), divided by the square
    root of each text's length in words: the lexicon features of :class:`FrameClassifier`."""
    data = np.zeros((len(texts), len(scheme.frames)))
    position = {f: j for j, f in enumerate(scheme.frames)}
    for i, text in enumerate(texts):
        norm = normalize(text)
        found = match_words(norm, scheme)
        length = max(1, len(norm.split())) ** 0.5
        for frame, spans in found.items():
            data[i, position[frame]] = len(spans) / length
    return sparse.csr_matrix(data)
