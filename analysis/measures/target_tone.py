"""Target tone: how the text speaks about each actor, from the words around each mention.

Split from :mod:`analysis.sentiment` (the tone of sentences and articles): this module
reads the words near an actor's mention and says whether the text is negative, neutral
or positive toward that actor, with a small logistic model trained on NewsMTSC
(``benchmarks/target_sentiment.py --fit`` re-derives it) or a distance-weighted
lexicon score, and keeps the lexicon words near the mention as evidence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from ..nlp.parsing import NAME_LABELS, Parse, require_parse
from ..nlp.vectors import DIMENSIONS, context_vector
from ..paths import DATA_DIR
from ..text.normalize import normalize_with_offsets
from ..text.sentences import table_rows
from .attribution.cues import load_reporting_verbs
from .economy import EVENT_VALENCE, economic_events, news_scores
from .fastblob import sentiment as textblob_sentiment
from .tone import bootstrap_interval, vader

__all__ = [
    "actor_sentiment",
    "actor_tone",
    "target_features",
    "parse_features",
    "mention_role",
    "ACTOR_SENTIMENT_COLUMNS",
    "ACTOR_TONE_COLUMNS",
    "ACTOR_THRESHOLDS",
]

ACTOR_SENTIMENT_COLUMNS = [
    "article_id",
    "sentence_id",
    "actor",
    "kind",
    "surface",
    "char_start",
    "char_end",
    "score",
    "label",
    "is_speaker",
    "p_negative",
    "p_neutral",
    "p_positive",
    "role",
    "evidence",
]
ACTOR_TONE_COLUMNS = [
    "article_id",
    "actor",
    "kind",
    "n",
    "mean",
    "ci_low",
    "ci_high",
    "n_negative",
    "n_positive",
    "sentence_ids",
]
_NEGATORS = frozenset(
    "not no never n't without nor cannot neither nobody nothing none hardly".split()
)
_CLAUSE_BREAKS = frozenset(";:") | frozenset(
    {"but", "while", "whereas", "although", "though", "however"}
)
_TOKEN = re.compile(r"n't|[\w]+(?:[-'][\w]+)*|[^\w\s]")
#: Score cut-offs for the three classes (set on newsmtsc-train by
#: benchmarks/target_sentiment.py --fit; see the note in that script).
ACTOR_THRESHOLDS = (-0.01, 0.03)


def actor_sentiment(
    parsed: Parse,
    mentions: pd.DataFrame,
    *,
    quotes: pd.DataFrame | None = None,
    method: Literal["model", "lexicon"] = "model",
    decay: float = 4.0,
    speaker_weight: float = 0.0,
    thresholds: tuple[float, float] = ACTOR_THRESHOLDS,
    economics: bool = True,
    events: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Tone toward each actor mention, from the words around it.

    Two methods share the same evidence (the lexicon words near the mention):

    - ``"lexicon"``: the distance-weighted lexicon score below, labelled by
      ``thresholds``. Fully transparent.
    - ``"model"`` (default): a small multinomial logistic regression (shipped as
      ``data/target_sentiment_model.json``) over the features of
      :func:`target_features`: the words within four tokens left and right of the
      mention; the mean GloVe vector of the words on each side, nearer words weighing
      more, so that a word never seen near a target in training still counts by its
      meaning ("blasted" near "slammed"); the mention's role in spaCy's parse and the
      word governing it, with the valence of that word, of the mention's modifiers, of
      its predicate and of its clause (:func:`parse_features`: in "Critics accused
      Smith of lying" Smith is the one accused, in "Smith accused critics of lying" the
      accuser); the lexicon score below; and the sentence's VADER and TextBlob scores.
      It was trained on the NewsMTSC training set (Hamborg & Donnay 2021, MIT licence)
      by ``benchmarks/target_sentiment.py --fit``, which reproduces the file; words
      seen fewer than five times there are not features. ``score`` is then
      P(positive) - P(negative). It learns cues a lexicon misses, at the price of
      being a statistical model of 2010s US political news.

    Lexicon score: every word of the mention's sentence found in VADER's lexicon contributes
    its valence (scaled to [-1, 1]), weighted by ``exp(-d / decay)`` where ``d`` is its
    distance in words to the mention, halved across a clause break (";", "but",
    "while", ...). A negator ("not", "never", "n't", "without", ...) up to three words
    before a sentiment word flips and damps it (x -0.74, VADER's constant). Words in the
    content of a statement the actor makes (from ``quotes``) are weighted by
    ``speaker_weight`` (0 by default) and its cue ("denied", "warned") is left out; the
    model reads the sentence without either, and a speaker with no sentiment word left
    outside their own statement is neutral (score 0, probabilities NaN): what a speaker says shows their stance, not the writer's stance
    toward them (a denial of a "crisis" by X is not negativity toward X). The score is ``sum(w * v) / (sum(w) + 1)``, in (-1, 1); it is
    labelled negative, neutral or positive by ``thresholds``.

    Economic language (``economics``, on by default) is read as news reads it
    (:mod:`analysis.measures.economy`): in "High fuel prices hit BA's profits" or "Profits at
    Tesco fell" the word "profits" (VADER +1.9) is no praise of BA or Tesco; the
    event is bad news. Each economic event of the sentence puts its valence (±0.5 on
    this scale, ``EVENT_VALENCE`` / 4) on its indicator word in place of the words'
    own, and the model reads the sentence's VADER scores with the event words left
    out and the events added (:func:`analysis.measures.economy.news_compound`). The evidence
    then shows the event ("hit BA's profits", -0.5, weight). The model was fitted on
    the plain reading (NewsMTSC is political news with few such events); only its
    inputs change.

    Limits: a lexicon cannot see irony, presupposition or sentiment carried by facts
    ("withdrew from the deal"); the words of the mention itself and of other actors'
    names are never counted; sentences are scored independently.

    Parameters
    ----------
    parsed : Parse
        The parse of a sentence table (:func:`analysis.nlp.parse`), read by the model
        and for the economic events.
    mentions : DataFrame
        Actor mentions (:func:`analysis.measures.actors.actor_mentions`), or any table with
        ``article_id``, ``sentence_id``, ``actor``, ``char_start``, ``char_end``
        (offsets into the article text).
    quotes : DataFrame, optional
        Output of :func:`analysis.measures.attribution.quotes`, to know who speaks.
    decay : float
        Distance (in words) over which a word's weight falls by a factor e.
    speaker_weight : float
        Weight of words in the actor's own statement.
    thresholds : (float, float)
        Scores below the first are negative, above the second positive.
    economics : bool, default True
        Read economic events (see above); False gives the plain lexicon reading.
    events : DataFrame, optional
        The parse's economic events (:func:`analysis.measures.economy.economic_events`),
        when you already have them; read from the parse otherwise.

    Returns
    -------
    DataFrame
        One row a mention: ``article_id``, ``sentence_id``, ``actor``, ``kind``,
        ``surface``, ``char_start``, ``char_end``, ``score`` (in [-1, 1]), ``label``,
        ``is_speaker``, ``p_negative``/``p_neutral``/``p_positive`` (the model's
        probabilities; NaN for the lexicon method), ``role`` (the mention's role in
        the parse as the model read it, :func:`mention_role`: "object of 'denounce'";
        None without a parse, for the lexicon method, or for other relations),
        ``evidence`` (list of ``(word, valence, weight)``: the lexicon words near the
        mention).
    """
    if decay <= 0:
        raise ValueError(f"decay must be positive, not {decay}")
    if method not in ("model", "lexicon"):
        raise ValueError(f"method must be 'model' or 'lexicon', not {method!r}")
    parsed = require_parse(parsed, "actor_sentiment()")
    sentences = parsed.sentences
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in ACTOR_SENTIMENT_COLUMNS})
    if mentions is None or mentions.empty or sentences.empty:
        return empty
    lexicon = vader().lexicon
    lookup = sentences.set_index(["article_id", "sentence_id"])
    bases = dict(zip(lookup.index, (int(c) for c in lookup["char_start"]), strict=True))
    speakers, cues = _statements(quotes)
    other_spans: dict[tuple, list[tuple[int, int]]] = {}
    for m in table_rows(mentions):
        other_spans.setdefault((m.article_id, m.sentence_id), []).append(
            (int(m.char_start), int(m.char_end))
        )
    by_sentence = _events_by_sentence(parsed, mentions, events) if economics else {}
    rows = []
    cache: dict[tuple, tuple] = {}
    for m in table_rows(mentions):
        key = (m.article_id, m.sentence_id)
        if key not in lookup.index:
            continue
        start, end = int(m.char_start), int(m.char_end)
        sentence_events = _events_for(by_sentence.get(key, []), start, end)
        tokens_key = (key, tuple(id(e) for e in sentence_events))
        if tokens_key not in cache:
            sentence = lookup.loc[key]
            tokens = _scored_tokens(str(sentence["text"]), int(sentence["char_start"]), lexicon)
            cache[tokens_key] = _with_events(tokens, sentence_events)
        tokens = cache[tokens_key]
        inside = [i for i, t in enumerate(tokens) if t[1] < end and t[2] > start]
        if not inside:
            continue
        names = other_spans.get(key, [])
        doc = parsed.sentence(m.article_id, m.sentence_id)[0]
        speech = speakers.get((*key, m.actor), [])
        acts = cues.get((*key, m.actor), []) + _own_act(doc, start, end, bases[key])
        weights = (decay, speaker_weight)
        score, evidence = _lexicon_score(
            tokens, (inside[0], inside[-1]), names, speech, acts, weights
        )
        label = _label(score, thresholds)
        probabilities = (np.nan, np.nan, np.nan)
        role = None if doc is None else mention_role(doc, start - bases[key], end - bases[key])
        if method == "model":
            text, base = str(lookup.at[key, "text"]), bases[key]
            if speech or acts:  # the speaker's own words and cue say what they think,
                text = _masked(text, base, speech + acts)  # not what the writer thinks of them
            if (speech or acts) and not _has_valence(text, base, start, end, names, lexicon):
                score, label = 0.0, "neutral"  # nothing outside their statement to go on
            else:
                probabilities = _model_probabilities(
                    text,
                    base,
                    start,
                    end,
                    score,
                    _news_vader(text, sentence_events),
                    doc=doc,
                    masked=speech + acts,
                    valences=_event_valences(tokens, sentence_events, base),
                )
                score = probabilities[2] - probabilities[0]
                label = ("negative", "neutral", "positive")[int(np.argmax(probabilities))]
        rows.append(
            {
                "article_id": m.article_id,
                "sentence_id": m.sentence_id,
                "actor": m.actor,
                "kind": getattr(m, "kind", None),
                "surface": getattr(m, "surface", None),
                "char_start": start,
                "char_end": end,
                "score": float(score),
                "label": label,
                "is_speaker": bool(speech),
                "p_negative": probabilities[0],
                "p_neutral": probabilities[1],
                "p_positive": probabilities[2],
                "role": role,
                "evidence": evidence,
            }
        )
    return pd.DataFrame(rows, columns=ACTOR_SENTIMENT_COLUMNS) if rows else empty


def _label(score: float, thresholds: tuple[float, float]) -> str:
    if score < thresholds[0]:
        return "negative"
    return "positive" if score > thresholds[1] else "neutral"


#: Stances of the reporting verbs that judge ("attack", "condemn", "praise", "hail").
_JUDGING_GROUPS = frozenset({"directive", "endorsing"})


def _own_act(doc, start: int, end: int, base: int) -> list[tuple[int, int]]:
    """The words of the act of judgement a name performs in a headline ("Greer Attacks
    'Bully' Big Brother"): a reporting verb in title case right after the name is the
    name's act, and the words after it describe what it judges, not the name (the
    model, trained on running text, reads a headline's agent as its target). As article offsets; empty
    otherwise. (In running text the model reads who does what to whom from the parse:
    :func:`mention_role`.)"""
    if doc is None:
        return []
    span = doc.char_span(start - base, end - base, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return []
    after = doc[span.end]
    word = after.lower_
    verbs = load_reporting_verbs()
    verb = verbs.get(word) or (verbs.get(word[:-1]) if word.endswith("s") else None)
    if (
        not after.is_title
        or verb is None
        or verb.group not in _JUDGING_GROUPS
        or verb.act != "statement"
    ):
        return []
    return [(base + t.idx, base + t.idx + len(t)) for t in doc[span.end :]]


def _statements(quotes: pd.DataFrame | None) -> tuple[dict, dict]:
    """The content of each actor's statements, and their cues ("denied", "warned"), by
    (article, sentence, actor)."""
    speakers: dict[tuple, list[tuple[int, int]]] = {}
    cues: dict[tuple, list[tuple[int, int]]] = {}
    if quotes is None or not len(quotes):
        return speakers, cues
    for q in table_rows(quotes):
        if isinstance(q.actor, str):
            key = (q.article_id, q.sentence_id, q.actor)
            speakers.setdefault(key, []).append((int(q.char_start), int(q.char_end)))
            cue = (getattr(q, "cue_start", None), getattr(q, "cue_end", None))
            if all(isinstance(c, int | float) and c == c for c in cue):
                cues.setdefault(key, []).append((int(cue[0]), int(cue[1])))
    return speakers, cues


def _lexicon_score(tokens, mention, names, speech, acts, weights) -> tuple[float, list]:
    """The distance-weighted lexicon score around the mention's tokens ``mention``
    (first, last) and its evidence: ``(word, valence, weight)`` of each word counted."""
    decay, speaker_weight = weights
    first, last = mention
    num = den = 0.0
    evidence = []
    for i, (word, a, _b, valence, _broken_before) in enumerate(tokens):
        if valence == 0 or first <= i <= last or any(s <= a < e for s, e in names):
            continue
        if any(s <= a < e for s, e in acts):
            continue  # the speaker's act of speaking is not the writer's tone
        d = first - i if i < first else i - last
        w = np.exp(-d / decay)
        lo, hi = (i, first) if i < first else (last, i)
        if any(tokens[k][4] for k in range(lo + 1, hi + 1)):
            w *= 0.5
        if any(s <= a < e for s, e in speech):
            w *= speaker_weight
        num += w * valence
        den += w
        evidence.append((word, round(valence, 4), round(float(w), 4)))
    return num / (den + 1.0), evidence


def _event_valences(tokens: list[tuple], events: list, base: int) -> dict[int, float] | None:
    """The valence of each word inside an economic event, by its offset in the sentence:
    what :func:`_with_events` put there, so that the parse reads "hit BA's profits" as
    the event it is, not as praise from "profits"."""
    if not events:
        return None
    spans = [(int(e.char_start), int(e.char_end)) for e in events]
    return {
        a - base: valence
        for _word, a, _b, valence, _brk in tokens
        if any(s <= a < e for s, e in spans)
    }


def _events_by_sentence(
    parsed: Parse, mentions: pd.DataFrame, events: pd.DataFrame | None
) -> dict[tuple, list]:
    """The economic events of the sentences that hold a mention, by (article, sentence)."""
    if events is None:
        events = economic_events(parsed)
    keys = set(zip(mentions["article_id"], mentions["sentence_id"], strict=True))
    out: dict[tuple, list] = {}
    for event in table_rows(events):
        key = (event.article_id, event.sentence_id)
        if key in keys:
            out.setdefault(key, []).append(event)
    return out


def _events_for(events: list, start: int, end: int) -> list:
    """The events of a sentence that bear on the mention at ``start:end``: every economic
    event, and a fortune event only when the mention is in its target ("a blow to
    Husted and a victory for his opponents" is bad news for Husted alone)."""
    kept = []
    for e in events:
        if e.pattern == "fortune":
            target_start = int(e.char_start) + len(str(e.trigger))
            if not (start < int(e.char_end) and end > target_start):
                continue
        kept.append(e)
    return kept


def _with_events(tokens: list[tuple], events: list) -> list[tuple]:
    """``tokens`` of :func:`_scored_tokens` with each economic event's valence on its
    indicator word (a fortune event's: its noun; the last such word of the event's span,
    else its last word) and its indicator and trigger words silent otherwise: the event
    is the evidence, not "profits" by itself."""

    if not events:
        return tokens
    out = [list(t) for t in tokens]
    for event in events:
        a, b = int(event.char_start), int(event.char_end)
        inside = [i for i, t in enumerate(out) if a <= t[1] < b]
        if not inside:
            continue
        words = {str(event.indicator).lower(), str(event.trigger).lower()}
        for i in inside:
            if out[i][0].lower() in words:
                out[i][3] = 0.0
        # on the indicator ("profits"); a fortune event's on its noun ("setback"), as its
        # target may be the mention itself ("a setback for Smith")
        anchor = str(event.trigger if event.pattern == "fortune" else event.indicator).lower()
        at = [i for i in inside if out[i][0].lower() == anchor] or inside
        i = at[-1]
        out[i][0] = str(event.text)
        out[i][3] += EVENT_VALENCE * float(event.polarity) * float(event.weight) / 4.0
    return [tuple(t) for t in out]


def _news_vader(text: str, events: list) -> dict[str, float] | None:
    """The sentence's VADER scores with its economic events read (None without)."""
    if not events:
        return None

    norm = normalize_with_offsets(text)[0]
    return news_scores(norm, [(e.indicator, e.trigger, e.polarity * e.weight) for e in events])


def _has_valence(text: str, base: int, start: int, end: int, names, lexicon) -> bool:
    """Whether a word of VADER's lexicon is left in ``text`` outside the mention and
    the names of actors (offsets of ``start``, ``end`` and ``names`` in the article)."""
    for match in _MODEL_TOKEN.finditer(text):
        a = base + match.start()
        if start <= a < end or any(s <= a < e for s, e in names):
            continue
        if lexicon.get(match.group().lower(), 0):
            return True
    return False


def _masked(text: str, base: int, spans: list[tuple[int, int]]) -> str:
    """``text`` with the article spans blanked out (offsets kept)."""
    chars = list(text)
    for a, b in spans:
        for i in range(max(0, a - base), min(len(chars), b - base)):
            chars[i] = " "
    return "".join(chars)


_MODEL_TOKEN = re.compile(r"n't|[\w]+(?:[-'][\w]+)*|[^\w\s]")
#: Words left and right of the mention that are features of their own.
_MODEL_WINDOW = 4
#: Distance (in words) at which a context word's weight in the mean vector is halved.
_VECTOR_DECAY = 8.0


def target_features(
    text: str,
    start: int,
    end: int,
    lexicon_score: float,
    vader_scores: dict[str, float] | None = None,
    *,
    doc=None,
    masked: Sequence[tuple[int, int]] = (),
    valences: dict[int, float] | None = None,
) -> dict[str, float]:
    """Features of one mention for the target-sentiment model.

    ``text`` is the sentence as written, ``start``/``end`` the mention's offsets in it.

    - Words: those within four tokens left (``L_word``) and right (``R_word``) of the
      mention, lower-cased.
    - Meaning of the context: the mean GloVe vector of the words left (``vL0`` ...
      ``vL49``) and right (``vR0`` ...) of the mention, nearer words weighing more
      (:func:`analysis.embeddings.context_vector`), so that a word the training data
      never saw near a target still counts by what it is close to.
    - The sentence: its VADER compound, pos and neg (or ``vader_scores``, the same
      keys, when given: the economic reading), TextBlob polarity and subjectivity,
      and five times the lexicon score.
    - With ``doc`` (spaCy's parse of ``text``): the mention's grammatical role and the
      word that governs it, and the valence of the words around it by role
      (:func:`parse_features`); ``masked`` are spans of ``text`` (offsets) blanked
      out of it, a speaker's own words, and ``valences`` overrides a word's valence
      by its offset in ``text`` (economic events).
    """

    norm, offsets = normalize_with_offsets(text)
    n_start, n_end = start, end
    if offsets is not None:
        n_start, n_end = int(np.searchsorted(offsets, start)), int(np.searchsorted(offsets, end))
    names = _name_offsets(doc) if doc is not None else frozenset()

    def words(a: int, b: int) -> list[tuple[str, bool]]:
        """The words of ``norm[a:b]``, lower-cased, each with whether it is part of a name
        (``finditer`` with bounds reports offsets in the whole of ``norm``)."""
        return [
            (
                m.group().lower(),
                int(offsets[m.start()] if offsets is not None else m.start()) in names,
            )
            for m in _MODEL_TOKEN.finditer(norm, a, b)
        ]

    left, right = words(0, n_start)[::-1], words(n_end, len(norm))  # nearest first
    features: dict[str, float] = {}
    for word, _ in left[:_MODEL_WINDOW]:
        features["L_" + word] = 1.0
    for word, _ in right[:_MODEL_WINDOW]:
        features["R_" + word] = 1.0
    for side, words in (("vL", left), ("vR", right)):
        # what is said, not who else is named: "Moscow" and "Russian" near a mention
        # carried the tone of the training news about them
        vector = context_vector([w if not named else "" for w, named in words], decay=_VECTOR_DECAY)
        for i in range(DIMENSIONS):
            features[f"{side}{i}"] = float(vector[i])
    compound = vader_scores or vader().polarity_scores(norm)
    features["sent_comp"] = compound["compound"]
    features["sent_pos"] = compound["pos"]
    features["sent_neg"] = compound["neg"]

    polarity, subjectivity, _ = textblob_sentiment(norm)
    features["tb_pol"] = polarity
    features["tb_sub"] = subjectivity
    features["local"] = 5.0 * lexicon_score
    if doc is not None:
        features.update(parse_features(doc, start, end, masked=masked, valences=valences))
    return features


#: Entity types whose words name rather than say something (NORP: "Iranian", "Russian").
_NAMED = NAME_LABELS | {"NORP"}


def _name_offsets(doc) -> frozenset[int]:
    """Start offsets of the tokens inside a named entity of ``doc``."""
    return frozenset(t.idx for e in doc.ents if e.label_ in _NAMED for t in e)


#: Relations that make the mention the doer, the one done to, or the owner.
_SUBJECT_DEPS = frozenset({"nsubj", "agent", "csubj"})
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "dative", "attr", "oprd"})


def _governor(doc, start: int, end: int):
    """The mention's place in the parse: ``(span, root, first, dep, head)``, the token
    indices of the mention, its syntactic root, the first conjunct or apposition head
    it stands for, its relation and the word governing it (a preposition's object is
    governed by what the preposition hangs from: ``pobj_to`` of "hand", ``npobj_to``
    of "blow", ``agent`` for "by"); None when no token lies in ``start:end``."""
    toks = [t for t in doc if t.idx < end and t.idx + len(t) > start]
    if not toks:
        return None
    span = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in span or t.head.i == t.i), toks[0])
    first = root  # a conjunct or an apposition takes its first conjunct's place
    while first.dep_ in ("conj", "appos") and first.head.i != first.i:
        first = first.head
    dep, head = first.dep_, first.head
    if dep == "pobj" and head.dep_ in ("prep", "agent") and head.head.i != head.i:
        prep, head = head.lower_, head.head  # "a blow to the governor Olaf Berg"
        dep = (
            "agent"
            if prep == "by"
            else ("pobj_" if head.pos_ in ("VERB", "AUX") else "npobj_") + prep
        )
    if head.i == first.i:
        dep = "ROOT"
    return span, root, first, dep, head


def mention_role(doc, start: int, end: int) -> str | None:
    """The mention's role in its sentence as a reader would say it, from spaCy's parse
    ``doc`` of the sentence (``start``/``end``: the mention's offsets in it): "subject
    of 'denounce'", "object of 'denounce'" (also the subject of a passive: "was
    praised"), "agent of 'praise'" (by ...), "owner of 'profits'" ("BA's profits"),
    "'blow to ...'" for the object of a preposition; None for other relations."""
    found = _governor(doc, start, end)
    if found is None:
        return None
    _span, _root, _first, dep, head = found
    lemma = head.lemma_.lower()  # verbs by their lemma, nouns as written
    word = head.text if head.pos_ == "PROPN" else head.lower_
    if dep in _SUBJECT_DEPS - {"agent"}:
        return f"subject of '{lemma}'"
    if dep == "agent":
        return f"agent of '{lemma}'"
    if dep in _OBJECT_DEPS and lemma != "be":  # not "the winner was Smith"
        return f"object of '{lemma}'"
    if dep == "poss":
        return f"owner of '{word}'"
    if dep.startswith(("pobj_", "npobj_")):
        return f"'{word} {dep.split('_', 1)[1]} ...'"
    return None


def parse_features(
    doc,
    start: int,
    end: int,
    *,
    masked: Sequence[tuple[int, int]] = (),
    valences: dict[int, float] | None = None,
) -> dict[str, float]:
    """Features of one mention from spaCy's parse of its sentence.

    ``doc`` is the parsed sentence and ``start``/``end`` the mention's character
    offsets in it. The mention's relation and the word that governs it
    (``G_nsubj_accuse``; through a preposition ``G_pobj_against_protest``, by-agents as
    ``agent``; a conjunct or apposition takes its first conjunct's place); the
    valence of the governing word (VADER, scaled to [-1, 1], negated when the parse
    negates it) by the mention's role (``gv_subj``, ``gv_obj``, ``gv_poss``,
    ``gv_other``), and of the word governing that clause; and the summed valence of
    the mention's own modifiers (``mod_val``), of what it is said to be or do when it
    is the subject (``pred_val``), of the rest of its clause (``clause_val``) and of
    the rest of the sentence (``rest_val``). Tokens inside a span of ``masked``
    (character offsets: a speaker's own words and cue) carry no valence and name no
    governing word; ``valences`` overrides a token's valence by its start offset.
    """
    found = _governor(doc, start, end)
    if found is None:
        return {}
    span, root, _first, dep, head = found
    value = _Valence(doc, masked, valences)
    features: dict[str, float] = {f"D_{dep}": 1.0}
    if head.idx not in value.silent:
        lemma = head.lemma_.lower()
        features[f"G_{dep}_{lemma}"] = 1.0
        features[f"GL_{lemma}"] = 1.0
    sign = -1.0 if _negates(head) else 1.0
    role = _role_of(dep)
    if value(head):
        features["gv_" + role] = sign * value(head)
    above = head.head
    if above.i != head.i and head.dep_ in ("xcomp", "ccomp", "advcl", "conj"):
        if above.idx not in value.silent:
            features["GG_" + above.lemma_.lower()] = 1.0
        if value(above):
            features["ggv_" + role] = value(above) * (-1.0 if _negates(above) else 1.0)
    features.update(_context_values(doc, span, root, head, role, sign, value))
    if sign < 0:
        features["gov_neg"] = 1.0
    return features


class _Valence:
    """A token's valence (VADER, scaled to [-1, 1]): none inside ``masked`` character
    spans, ``valences`` by a token's start offset where given."""

    def __init__(self, doc, masked, valences) -> None:
        self.lexicon = vader().lexicon
        self.valences = valences or {}
        self.silent = frozenset(t.idx for t in doc if any(a <= t.idx < b for a, b in masked))

    def __call__(self, tok) -> float:
        if tok.idx in self.silent:
            return 0.0
        if tok.idx in self.valences:
            return self.valences[tok.idx]
        lexicon = self.lexicon
        return (lexicon.get(tok.lower_, 0.0) or lexicon.get(tok.lemma_.lower(), 0.0)) / 4.0


def _negates(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _role_of(dep: str) -> str:
    if dep in _SUBJECT_DEPS:
        return "subj"
    if dep in _OBJECT_DEPS or dep.startswith("pobj"):
        return "obj"
    return "poss" if dep == "poss" else "other"


def _context_values(doc, span, root, head, role: str, sign: float, value) -> dict[str, float]:
    """The summed valence of the mention's own modifiers (``mod_val``), of what it is
    said to be or do when it is the subject (``pred_val``), of the rest of its clause
    (``clause_val``) and of the rest of the sentence (``rest_val``)."""
    out: dict[str, float] = {}
    holder = root  # "the disgraced governor Olaf Berg": the governor's modifiers are Berg's
    while holder.dep_ == "appos" and holder.head.i != holder.i:
        holder = holder.head
    modifiers = sum(value(t) for t in holder.subtree if t.i not in span)
    if modifiers:
        out["mod_val"] = modifiers
    if role == "subj":
        predicate = sum(
            value(t)
            for c in head.children
            if c.dep_ in ("acomp", "attr", "dobj", "xcomp", "oprd", "prep") and c.i not in span
            for t in c.subtree
            if t.i not in span
        )
        if predicate:
            out["pred_val"] = sign * predicate
    clause = {t.i for t in head.subtree}
    inside = sum(value(t) for t in doc if t.i in clause and t.i not in span)
    outside = sum(value(t) for t in doc if t.i not in clause and t.i not in span)
    if inside:
        out["clause_val"] = inside
    if outside:
        out["rest_val"] = outside
    return out


@lru_cache(maxsize=1)
def _target_model():

    data = json.loads((DATA_DIR / "target_sentiment_model.json").read_text(encoding="utf-8"))
    index = {name: i for i, name in enumerate(data["features"])}
    return (
        index,
        np.asarray(data["coef"], dtype=float),
        np.asarray(data["intercept"], dtype=float),
        data["classes"],
    )


def _model_probabilities(
    text: str,
    base: int,
    start: int,
    end: int,
    lexicon_score: float,
    vader_scores: dict[str, float] | None = None,
    *,
    doc=None,
    masked: Sequence[tuple[int, int]] = (),
    valences: dict[int, float] | None = None,
) -> tuple[float, float, float]:
    index, coef, intercept, classes = _target_model()
    logits = intercept.copy()
    features = target_features(
        text,
        start - base,
        end - base,
        lexicon_score,
        vader_scores,
        doc=doc,
        masked=[(a - base, b - base) for a, b in masked],
        valences=valences,
    )
    for name, value in features.items():
        j = index.get(name)
        if j is not None:
            logits += coef[:, j] * value
    logits -= logits.max()
    p = np.exp(logits)
    p /= p.sum()
    by_class = dict(zip(classes, p, strict=True))
    return (float(by_class["negative"]), float(by_class["neutral"]), float(by_class["positive"]))


def _scored_tokens(
    text: str, base: int, lexicon: dict[str, float]
) -> list[tuple[str, int, int, float, bool]]:
    """(word, start, end, valence in [-1, 1] after negation, clause break at this token)."""

    norm, offsets = normalize_with_offsets(text)
    out = []
    raw = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(norm)]
    for i, (word, a, b) in enumerate(raw):
        low = word.lower()
        valence = lexicon.get(low, 0.0) / 4.0
        if valence and any(raw[k][0].lower() in _NEGATORS for k in range(max(0, i - 3), i)):
            valence *= -0.74
        if offsets is not None:
            a, b = int(offsets[a]), int(offsets[b])
        out.append((word, base + a, base + b, valence, low in _CLAUSE_BREAKS))
    return out


def actor_tone(
    scores: pd.DataFrame,
    *,
    n_boot: int = 1000,
    level: float = 0.95,
    random_state: int = 0,
) -> pd.DataFrame:
    """Tone toward each actor: the mean of its mention scores with a bootstrap interval.

    Parameters
    ----------
    scores : DataFrame
        Output of :func:`actor_sentiment`.

    Returns
    -------
    DataFrame
        ``article_id``, ``actor``, ``kind``, ``n`` (mentions), ``mean``, ``ci_low``,
        ``ci_high`` (NaN for fewer than two mentions), ``n_negative``, ``n_positive``,
        ``sentence_ids``. Sorted by mentions.
    """
    if scores.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ACTOR_TONE_COLUMNS})
    rng = np.random.default_rng(random_state)
    rows = []
    for (article_id, actor), group in scores.groupby(["article_id", "actor"], sort=False):
        values = group["score"].to_numpy(dtype=float)
        lo, hi = bootstrap_interval(values, n_boot, rng, level)
        rows.append(
            {
                "article_id": article_id,
                "actor": actor,
                "kind": group["kind"].iloc[0],
                "n": len(group),
                "mean": float(values.mean()),
                "ci_low": lo,
                "ci_high": hi,
                "n_negative": int((group["label"] == "negative").sum()),
                "n_positive": int((group["label"] == "positive").sum()),
                "sentence_ids": sorted({int(s) for s in group["sentence_id"]}),
            }
        )
    out = pd.DataFrame(rows, columns=ACTOR_TONE_COLUMNS)
    return out.sort_values(
        ["article_id", "n", "actor"], ascending=[True, False, True], kind="mergesort"
    ).reset_index(drop=True)
