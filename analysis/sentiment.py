"""Tone: sentence sentiment with evidence, the article's tone and its arc.

Two lexicon-based opinions, both bundled with their packages (no download):

- TextBlob's ``PatternAnalyzer`` (the pattern library's adjective lexicon): polarity
  in [-1, 1] and subjectivity in [0, 1]. The numbers here are exactly TextBlob's, with
  the words that produced them (``sentiment_assessments``), computed by the compiled
  batch scorer in :mod:`analysis.fastblob` (tested against TextBlob itself). Tuned on
  product reviews, it misses much news vocabulary and can trip on negation.
- VADER (Hutto & Gilbert 2014), a rule-based analyser for short social texts: the
  ``compound`` score in [-1, 1] and the shares of positive, neutral and negative
  words, with the lexicon words it matched.

Showing both, with the evidence words, lets a reader see when they disagree and why.
Curly quotes and other typography are normalised before scoring.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from .sentences import require_sentence_table

__all__ = [
    "sentence_sentiment",
    "article_tone",
    "sentiment_arc",
    "extreme_sentences",
    "SENTIMENT_COLUMNS",
    "TONE_COLUMNS",
    "NEUTRAL_BAND",
]

SENTIMENT_COLUMNS = [
    "article_id",
    "sentence_id",
    "section",
    "role",
    "text",
    "polarity",
    "subjectivity",
    "vader_compound",
    "vader_pos",
    "vader_neu",
    "vader_neg",
    "tone",
    "evidence",
    "vader_evidence",
]
TONE_COLUMNS = [
    "article_id",
    "section",
    "n_sentences",
    "polarity_mean",
    "polarity_ci_low",
    "polarity_ci_high",
    "subjectivity_mean",
    "vader_mean",
    "vader_ci_low",
    "vader_ci_high",
    "share_negative",
    "share_neutral",
    "share_positive",
]
#: VADER's authors' cut-offs: compound below -0.05 is negative, above 0.05 positive.
NEUTRAL_BAND = 0.05
DEFAULT_ROLES = ("headline", "standfirst", "body")
_WORD = re.compile(r"[\w']+|[^\w\s]+")


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _vader_evidence(text: str, lexicon: dict[str, float]) -> list[tuple[str, float]]:
    out = []
    for token in _WORD.findall(text):
        low = token.lower()
        if low in lexicon:
            out.append((token, lexicon[low]))
    return out


def sentence_sentiment(
    sentences: pd.DataFrame, *, roles: Sequence[str] | None = None
) -> pd.DataFrame:
    """Score every sentence with TextBlob and VADER, keeping the words behind each score.

    Parameters
    ----------
    sentences : DataFrame
        A sentence table (:func:`analysis.sentences`).
    roles : sequence of str, optional
        Only score sentences with these roles; all by default.

    Returns
    -------
    DataFrame
        One row a sentence: ``article_id``, ``sentence_id``, ``section``, ``role``,
        ``text``; ``polarity`` and ``subjectivity`` (TextBlob, exactly
        ``TextBlob(text_norm).sentiment``); ``vader_compound``, ``vader_pos``,
        ``vader_neu``, ``vader_neg``; ``tone`` ("negative", "neutral", "positive" by
        VADER compound with the ±0.05 band); ``evidence`` (TextBlob's assessments:
        a list of ``(words, polarity, subjectivity)``, e.g. ``("real breakthrough",
        0.2, 0.3)``); ``vader_evidence`` (a list of ``(word, valence)`` from VADER's
        lexicon).
    """
    require_sentence_table(sentences, "sentence_sentiment()")
    table = sentences if roles is None else sentences[sentences["role"].isin(list(roles))]
    if table.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SENTIMENT_COLUMNS})
    from .fastblob import sentiments_with_assessments

    vader = _vader()
    lexicon = vader.lexicon
    rows: dict[str, list] = {c: [] for c in SENTIMENT_COLUMNS[5:]}
    texts = table["text_norm"].astype(str).tolist()
    for text, tb in zip(texts, sentiments_with_assessments(texts), strict=True):
        vd = vader.polarity_scores(text)
        rows["polarity"].append(tb[0])
        rows["subjectivity"].append(tb[1])
        rows["vader_compound"].append(vd["compound"])
        rows["vader_pos"].append(vd["pos"])
        rows["vader_neu"].append(vd["neu"])
        rows["vader_neg"].append(vd["neg"])
        compound = vd["compound"]
        rows["tone"].append(
            "negative"
            if compound < -NEUTRAL_BAND
            else "positive"
            if compound > NEUTRAL_BAND
            else "neutral"
        )
        rows["evidence"].append([(" ".join(words), float(p), float(s)) for words, p, s, _ in tb[2]])
        rows["vader_evidence"].append(_vader_evidence(text, lexicon))
    out = pd.DataFrame(
        {
            "article_id": table["article_id"].to_numpy(),
            "sentence_id": table["sentence_id"].to_numpy(),
            "section": table["section"].to_numpy() if "section" in table else None,
            "role": table["role"].to_numpy() if "role" in table else "body",
            "text": table["text"].to_numpy() if "text" in table else table["text_norm"].to_numpy(),
            **rows,
        }
    )
    return out[SENTIMENT_COLUMNS]


def _bootstrap(
    values: np.ndarray, n_boot: int, rng: np.random.Generator, level: float
) -> tuple[float, float]:
    if len(values) < 2 or n_boot < 1:
        return (float("nan"), float("nan"))
    draws = rng.integers(0, len(values), size=(n_boot, len(values)))
    means = values[draws].mean(axis=1)
    alpha = (1 - level) / 2
    return float(np.quantile(means, alpha)), float(np.quantile(means, 1 - alpha))


def article_tone(
    scores: pd.DataFrame,
    *,
    by: Literal["article", "section"] = "article",
    roles: Sequence[str] | None = DEFAULT_ROLES,
    n_boot: int = 2000,
    level: float = 0.95,
    random_state: int = 0,
) -> pd.DataFrame:
    """Overall tone of each article (or each section), with an honest spread.

    Parameters
    ----------
    scores : DataFrame
        Output of :func:`sentence_sentiment`.
    by : {"article", "section"}
        One row per article, or per article and section (in reading order).
    roles : sequence of str or None
        Sentences to include; headline, standfirst and body by default (headings are
        labels, not statements).
    n_boot : int
        Bootstrap resamples of the sentences for the interval of the mean.
    level : float
        Confidence level of the percentile bootstrap interval.
    random_state : int
        Seed of the bootstrap; the same seed gives the same intervals.

    Returns
    -------
    DataFrame
        ``article_id``, ``section`` ("(all)" when ``by="article"``), ``n_sentences``,
        ``polarity_mean`` with ``polarity_ci_low``/``polarity_ci_high`` (TextBlob),
        ``subjectivity_mean``, ``vader_mean`` with ``vader_ci_low``/``vader_ci_high``,
        and ``share_negative``/``share_neutral``/``share_positive`` of sentences (by
        the ``tone`` column). Intervals are NaN with fewer than two sentences.
    """
    if by not in ("article", "section"):
        raise ValueError(f"by must be 'article' or 'section', not {by!r}")
    data = scores if roles is None else scores[scores["role"].isin(list(roles))]
    if data.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in TONE_COLUMNS})
    rng = np.random.default_rng(random_state)
    keys = ["article_id"] if by == "article" else ["article_id", "section"]
    rows = []
    for key, group in data.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        polarity = group["polarity"].to_numpy(dtype=float)
        vader = group["vader_compound"].to_numpy(dtype=float)
        p_lo, p_hi = _bootstrap(polarity, n_boot, rng, level)
        v_lo, v_hi = _bootstrap(vader, n_boot, rng, level)
        tone = group["tone"].value_counts(normalize=True)
        rows.append(
            {
                "article_id": key[0],
                "section": key[1] if by == "section" else "(all)",
                "n_sentences": len(group),
                "polarity_mean": float(polarity.mean()),
                "polarity_ci_low": p_lo,
                "polarity_ci_high": p_hi,
                "subjectivity_mean": float(group["subjectivity"].mean()),
                "vader_mean": float(vader.mean()),
                "vader_ci_low": v_lo,
                "vader_ci_high": v_hi,
                "share_negative": float(tone.get("negative", 0.0)),
                "share_neutral": float(tone.get("neutral", 0.0)),
                "share_positive": float(tone.get("positive", 0.0)),
            }
        )
    return pd.DataFrame(rows, columns=TONE_COLUMNS)


def extreme_sentences(
    scores: pd.DataFrame,
    *,
    n: int = 3,
    measure: Literal["polarity", "vader_compound"] = "vader_compound",
) -> pd.DataFrame:
    """The ``n`` lowest and ``n`` highest scoring sentences with their evidence words.

    Each sentence appears once, lowest first, so a short article (fewer than ``2 * n``
    sentences) gives all its sentences and an empty table gives an empty table.

    Parameters
    ----------
    scores : DataFrame
        Output of :func:`sentence_sentiment`.

    Returns
    -------
    DataFrame
        ``sentence_id``, ``vader_compound``, ``polarity``, ``text``, ``textblob_words``
        and ``vader_words`` (the lexicon words with their values, ``"word (+0.50)"``).
    """
    columns = ["sentence_id", "vader_compound", "polarity", "text", "textblob_words", "vader_words"]
    if scores.empty:
        return pd.DataFrame(columns=columns)
    ordered = scores.sort_values([measure, "sentence_id"], kind="mergesort")
    picked = pd.concat([ordered.head(n), ordered.tail(n)])
    picked = picked[~picked.index.duplicated()]
    return pd.DataFrame(
        {
            "sentence_id": picked["sentence_id"],
            "vader_compound": picked["vader_compound"],
            "polarity": picked["polarity"],
            "text": picked["text"],
            "textblob_words": picked["evidence"].map(
                lambda e: ", ".join(f"{w} ({p:+.2f})" for w, p, _ in e)
            ),
            "vader_words": picked["vader_evidence"].map(
                lambda e: ", ".join(f"{w} ({v:+.1f})" for w, v in e)
            ),
        }
    ).reset_index(drop=True)


def sentiment_arc(
    scores: pd.DataFrame,
    *,
    measure: Literal["polarity", "vader_compound", "subjectivity"] = "polarity",
    window: int | None = None,
    roles: Sequence[str] | None = DEFAULT_ROLES,
) -> pd.DataFrame:
    """Tone along the article, sentence by sentence, with a moving average.

    Parameters
    ----------
    scores : DataFrame
        Output of :func:`sentence_sentiment` for one or more articles.
    measure : {"polarity", "vader_compound", "subjectivity"}
    window : int, optional
        Width of the centred moving average in sentences; by default about a tenth of
        the article (at least 3), so long articles are smoothed more.
    roles : sequence of str or None

    Returns
    -------
    DataFrame
        ``article_id``, ``sentence_id``, ``position`` (0 = first scored sentence,
        1 = last), ``section``, ``value``, ``smoothed``, ``measure``.
    """
    if measure not in ("polarity", "vader_compound", "subjectivity"):
        raise ValueError(
            f"measure must be 'polarity', 'vader_compound' or 'subjectivity', not {measure!r}"
        )
    if window is not None and window < 1:
        raise ValueError(f"window must be at least 1, not {window}")
    data = scores if roles is None else scores[scores["role"].isin(list(roles))]
    columns = ["article_id", "sentence_id", "position", "section", "value", "smoothed", "measure"]
    if data.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    parts = []
    for article_id, group in data.groupby("article_id", sort=False):
        n = len(group)
        width = window or max(3, round(n / 10))
        values = group[measure].astype(float).reset_index(drop=True)
        parts.append(
            pd.DataFrame(
                {
                    "article_id": article_id,
                    "sentence_id": group["sentence_id"].to_numpy(),
                    "position": np.linspace(0, 1, n) if n > 1 else np.zeros(1),
                    "section": group["section"].to_numpy(),
                    "value": values.to_numpy(),
                    "smoothed": values.rolling(width, center=True, min_periods=1).mean().to_numpy(),
                    "measure": measure,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)[columns]


# ---------------------------------------------------------------------- toward actors
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
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    quotes: pd.DataFrame | None = None,
    method: Literal["model", "lexicon"] = "model",
    decay: float = 4.0,
    speaker_weight: float = 0.3,
    thresholds: tuple[float, float] = ACTOR_THRESHOLDS,
) -> pd.DataFrame:
    """Tone toward each actor mention, from the words around it.

    Two methods share the same evidence (the lexicon words near the mention):

    - ``"lexicon"``: the distance-weighted lexicon score below, labelled by
      ``thresholds``. Fully transparent.
    - ``"model"`` (default): a small multinomial logistic regression (shipped as
      ``data/target_sentiment_model.json``, about 3,000 weights a class) over the words
      within four tokens left and right of the mention, the lexicon score below, and
      the sentence's VADER and TextBlob scores. It was trained on the NewsMTSC training
      set (Hamborg & Donnay 2021, MIT licence) by ``benchmarks/target_sentiment.py
      --fit``, which reproduces the file; words seen fewer than five times there are not
      features. ``score`` is then P(positive) - P(negative). It learns cues a lexicon
      misses (a target as the object of "accused", "criticized", ...), at the price of
      being a statistical model of 2010s US political news.

    Lexicon score: every word of the mention's sentence found in VADER's lexicon contributes
    its valence (scaled to [-1, 1]), weighted by ``exp(-d / decay)`` where ``d`` is its
    distance in words to the mention, halved across a clause break (";", "but",
    "while", ...). A negator ("not", "never", "n't", "without", ...) up to three words
    before a sentiment word flips and damps it (x -0.74, VADER's constant). Words in the
    content of a statement the actor makes (from ``quotes``) are weighted by
    ``speaker_weight``: what a speaker says shows their stance more than the writer's
    stance toward them. The score is ``sum(w * v) / (sum(w) + 1)``, in (-1, 1); it is
    labelled negative, neutral or positive by ``thresholds``.

    Limits: a lexicon cannot see irony, presupposition or sentiment carried by facts
    ("withdrew from the deal"); the words of the mention itself and of other actors'
    names are never counted; sentences are scored independently.

    Parameters
    ----------
    sentences : DataFrame
        The sentence table.
    mentions : DataFrame
        Actor mentions (:func:`analysis.actors.actor_mentions`), or any table with
        ``article_id``, ``sentence_id``, ``actor``, ``char_start``, ``char_end``
        (offsets into the article text).
    quotes : DataFrame, optional
        Output of :func:`analysis.sources.quotes`, to know who speaks.
    decay : float
        Distance (in words) over which a word's weight falls by a factor e.
    speaker_weight : float
        Weight of words in the actor's own statement.
    thresholds : (float, float)
        Scores below the first are negative, above the second positive.

    Returns
    -------
    DataFrame
        One row a mention: ``article_id``, ``sentence_id``, ``actor``, ``kind``,
        ``surface``, ``char_start``, ``char_end``, ``score`` (in [-1, 1]), ``label``,
        ``is_speaker``, ``p_negative``/``p_neutral``/``p_positive`` (the model's
        probabilities; NaN for the lexicon method), ``evidence`` (list of
        ``(word, valence, weight)``: the lexicon words near the mention).
    """
    if decay <= 0:
        raise ValueError(f"decay must be positive, not {decay}")
    if method not in ("model", "lexicon"):
        raise ValueError(f"method must be 'model' or 'lexicon', not {method!r}")
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in ACTOR_SENTIMENT_COLUMNS})
    if mentions is None or mentions.empty or sentences.empty:
        return empty
    lexicon = _vader().lexicon
    lookup = sentences.set_index(["article_id", "sentence_id"])
    speakers: dict[tuple, list[tuple[int, int]]] = {}
    if quotes is not None and len(quotes):
        for q in quotes.itertuples(index=False):
            if isinstance(q.actor, str):
                speakers.setdefault((q.article_id, q.sentence_id, q.actor), []).append(
                    (int(q.char_start), int(q.char_end))
                )
    other_spans: dict[tuple, list[tuple[int, int]]] = {}
    for m in mentions.itertuples(index=False):
        other_spans.setdefault((m.article_id, m.sentence_id), []).append(
            (int(m.char_start), int(m.char_end))
        )
    rows = []
    cache: dict[tuple, tuple] = {}
    for m in mentions.itertuples(index=False):
        key = (m.article_id, m.sentence_id)
        if key not in lookup.index:
            continue
        if key not in cache:
            sentence = lookup.loc[key]
            cache[key] = (
                _scored_tokens(str(sentence["text"]), int(sentence["char_start"]), lexicon),
                int(sentence["char_start"]),
            )
        tokens, base = cache[key]
        start, end = int(m.char_start), int(m.char_end)
        inside = [i for i, t in enumerate(tokens) if t[1] < end and t[2] > start]
        if not inside:
            continue
        first, last = inside[0], inside[-1]
        names = other_spans.get(key, [])
        speech = speakers.get((m.article_id, m.sentence_id, m.actor), [])
        num = den = 0.0
        evidence = []
        for i, (word, a, _b, valence, _broken_before) in enumerate(tokens):
            if valence == 0 or first <= i <= last or any(s <= a < e for s, e in names):
                continue
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
        score = num / (den + 1.0)
        label = (
            "negative"
            if score < thresholds[0]
            else "positive"
            if score > thresholds[1]
            else "neutral"
        )
        probabilities = (np.nan, np.nan, np.nan)
        if method == "model":
            sentence = lookup.loc[key]
            probabilities = _model_probabilities(
                str(sentence["text"]), int(sentence["char_start"]), start, end, score
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
                "evidence": evidence,
            }
        )
    return pd.DataFrame(rows, columns=ACTOR_SENTIMENT_COLUMNS) if rows else empty


_MODEL_TOKEN = re.compile(r"n't|[\w]+(?:[-'][\w]+)*|[^\w\s]")


def target_features(text: str, start: int, end: int, lexicon_score: float) -> dict[str, float]:
    """Features of one mention for the target-sentiment model.

    ``text`` is the sentence as written, ``start``/``end`` the mention's offsets in it.
    Words within ``window`` tokens left (``L_word``) and right (``R_word``) of the
    mention, lower-cased; the sentence's VADER compound, pos and neg and TextBlob
    polarity and subjectivity; and five times the lexicon score.
    """
    from .preprocess import normalize_with_offsets

    norm, offsets = normalize_with_offsets(text)
    if offsets is not None:
        start, end = int(np.searchsorted(offsets, start)), int(np.searchsorted(offsets, end))
    window = _MODEL_WINDOW
    features: dict[str, float] = {}
    for word in [w.lower() for w in _MODEL_TOKEN.findall(norm[:start])][-window:]:
        features["L_" + word] = 1.0
    for word in [w.lower() for w in _MODEL_TOKEN.findall(norm[end:])][:window]:
        features["R_" + word] = 1.0
    compound = _vader().polarity_scores(norm)
    features["sent_comp"] = compound["compound"]
    features["sent_pos"] = compound["pos"]
    features["sent_neg"] = compound["neg"]
    from .fastblob import sentiment as textblob_sentiment

    polarity, subjectivity, _ = textblob_sentiment(norm)
    features["tb_pol"] = polarity
    features["tb_sub"] = subjectivity
    features["local"] = 5.0 * lexicon_score
    return features


_MODEL_WINDOW = 4


@lru_cache(maxsize=1)
def _target_model():
    import json

    from .paths import DATA_DIR

    data = json.loads((DATA_DIR / "target_sentiment_model.json").read_text(encoding="utf-8"))
    index = {name: i for i, name in enumerate(data["features"])}
    return (
        index,
        np.asarray(data["coef"], dtype=float),
        np.asarray(data["intercept"], dtype=float),
        data["classes"],
    )


def _model_probabilities(
    text: str, base: int, start: int, end: int, lexicon_score: float
) -> tuple[float, float, float]:
    index, coef, intercept, classes = _target_model()
    logits = intercept.copy()
    for name, value in target_features(text, start - base, end - base, lexicon_score).items():
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
    from .preprocess import normalize_with_offsets

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
        lo, hi = _bootstrap(values, n_boot, rng, level)
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
