"""Tone: sentence sentiment with evidence, the article's tone and its arc.

Two lexicon-based opinions, both bundled with their packages (no download):

- TextBlob's ``PatternAnalyzer`` (the pattern library's adjective lexicon): polarity
  in [-1, 1] and subjectivity in [0, 1]. The numbers here are exactly TextBlob's, with
  the words that produced them (``sentiment_assessments``), computed by the compiled
  batch scorer in :mod:`analysis.measures.fastblob` (tested against TextBlob itself). Tuned on
  product reviews, it misses much news vocabulary and can trip on negation.
- VADER (Hutto & Gilbert 2014), a rule-based analyser for short social texts: the
  ``compound`` score in [-1, 1] and the shares of positive, neutral and negative
  words, with the lexicon words it matched.

Showing both, with the evidence words, lets a reader see when they disagree and why.
Curly quotes and other typography are normalised before scoring.

Both misread business news: VADER gives "profits" +1.9 whatever profits do. The
``news_compound`` column is VADER's compound with economic language read from the
parse as movements of indicators (:mod:`analysis.measures.economy`: "profits fell" is bad news,
"unemployment fell" good) and the words of names left unread (VADER gives "United" in
"United States" +1.8 and "Fair" in "Office of Fair Trading" +1.3), and the ``tone``
label follows it; ``vader_compound``,
``polarity`` and ``subjectivity`` stay exactly the libraries' numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from ..nlp.parsing import NAME_LABELS, Parse, require_parse
from ..text.article import is_title_case
from ..text.sentences import ANALYSED_ROLES
from .economy import EVENT_VALENCE, economic_events, news_compound
from .fastblob import sentiments_with_assessments

__all__ = [
    "sentence_sentiment",
    "tone_column",
    "article_tone",
    "sentiment_arc",
    "extreme_sentences",
    "SENTIMENT_COLUMNS",
    "TONE_COLUMNS",
    "NEUTRAL_BAND",
    "vader",
    "bootstrap_interval",
    "bootstrap_intervals",
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
    "news_compound",
    "tone",
    "evidence",
    "vader_evidence",
    "news_evidence",
    "name_words",
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
    "news_mean",
    "news_ci_low",
    "news_ci_high",
    "share_negative",
    "share_neutral",
    "share_positive",
]


def tone_column(metrics: pd.DataFrame) -> str:
    """The tone column of a metrics table: ``news_mean`` (VADER read for news), or
    ``vader_mean`` in a table written before it existed (a resumed corpus run)."""
    return "news_mean" if "news_mean" in metrics.columns else "vader_mean"


#: VADER's authors' cut-offs: compound below -0.05 is negative, above 0.05 positive.
NEUTRAL_BAND = 0.05
_WORD = re.compile(r"[\w']+|[^\w\s]+")


@lru_cache(maxsize=1)
def vader():

    return SentimentIntensityAnalyzer()


def _vader_evidence(text: str, lexicon: dict[str, float]) -> list[tuple[str, float]]:
    out = []
    for token in _WORD.findall(text):
        low = token.lower()
        if low in lexicon:
            out.append((token, lexicon[low]))
    return out


#: Entity types whose words name something rather than judge it: "United States",
#: "Office of Fair Trading", "Hope Hicks", "Liberty University", and groups ("Free Syrian").
_TONELESS = NAME_LABELS | {"NORP"}


def _title_case(doc) -> bool:

    return is_title_case(doc.text)


def name_words(
    doc, lexicon: dict[str, float], confirmed: frozenset[tuple[str, ...]] = frozenset()
) -> list[str]:
    """The words of a sentence VADER would read as tone but that are part of a name,
    in order ("United" in "United States", "Fair" in "Office of Fair Trading", "Hope"
    in "Hope Hicks"): capitalised, inside a named entity. In a Title Case line, where
    the small model reads capitalised phrases as names ("Growing Military and Economic
    Ties"), a word counts only inside a name of ``confirmed`` (lower-cased word tuples:
    the names the article's running text has, :func:`_name_phrases`) written there in
    full: "United" in "United States Warns Iran" when the text has "United States",
    but not "Cancer" in "Prostate Cancer Drug Approved" when it has "National Cancer
    Institute"."""
    titled = _title_case(doc)
    lowered = [t.lower_ for t in doc]
    out = []
    for ent in doc.ents:
        if ent.label_ not in _TONELESS:
            continue
        out.extend(
            t.text
            for t in ent
            if t.text[:1].isupper()
            and t.lower_ in lexicon
            and (not titled or _written_in_full(lowered, t.i, confirmed))
        )
    return out


def _name_phrases(doc, lexicon: dict[str, float]) -> set[tuple[str, ...]]:
    """The names of a sentence with a toned word in them, as lower-cased word tuples
    ("united", "states"), without a leading article or a possessive."""
    out = set()
    for ent in doc.ents:
        words = [t.lower_ for t in ent]
        while words and words[0] in ("the", "a", "an"):
            words = words[1:]
        while words and (words[-1] in ("'s", "\u2019s") or not any(c.isalnum() for c in words[-1])):
            words = words[:-1]
        if ent.label_ in _TONELESS and any(w in lexicon for w in words):
            out.add(tuple(words))
    return out


def _written_in_full(lowered: list[str], i: int, names: frozenset[tuple[str, ...]]) -> bool:
    """Whether one of ``names`` is written at a stretch of ``lowered`` that covers word ``i``."""
    for name in names:
        if lowered[i] not in name:
            continue
        for k, word in enumerate(name):
            start = i - k
            if (
                word == lowered[i]
                and start >= 0
                and tuple(lowered[start : start + len(name)]) == name
            ):
                return True
    return False


def _without(text: str, words: list[str]) -> str:
    """``text`` less the given words, taken in order of appearance."""
    pos, parts = 0, []
    for word in words:
        found = re.compile(r"(?<![\w'])" + re.escape(word) + r"(?![\w'])").search(text, pos)
        if found is None:
            continue
        parts.append(text[pos : found.start()])
        pos = found.end()
    parts.append(text[pos:])
    return re.sub(r"  +", " ", "".join(parts))


def sentence_sentiment(
    parsed: Parse,
    *,
    roles: Sequence[str] | None = None,
    economics: bool = True,
    events: pd.DataFrame | None = None,
    names: bool = True,
) -> pd.DataFrame:
    """Score every sentence with TextBlob and VADER, keeping the words behind each score.

    Parameters
    ----------
    parsed : Parse
        The parse of a sentence table (:func:`analysis.nlp.parse`), read for economic
        language and for the words of names.
    roles : sequence of str, optional
        Only score sentences with these roles; all by default.
    economics : bool, default True
        Read economic language from the parse (``news_compound``); False with
        ``names=False`` makes ``news_compound`` VADER's compound.
    events : DataFrame, optional
        The parse's economic events (:func:`analysis.measures.economy.economic_events`),
        when you already have them; read from the parse otherwise.
    names : bool, default True
        Leave out of ``news_compound`` the words that are part of a name (VADER reads
        "United" in "United States" as +1.8, "Fair" in "Office of Fair Trading" as
        +1.3): capitalised words inside a named entity of the parse. In a Title Case
        line (a headline), only inside a name the running text also has, written there
        in full (:func:`name_words`).

    Returns
    -------
    DataFrame
        One row a sentence: ``article_id``, ``sentence_id``, ``section``, ``role``,
        ``text``; ``polarity`` and ``subjectivity`` (TextBlob, exactly
        ``TextBlob(text_norm).sentiment``); ``vader_compound``, ``vader_pos``,
        ``vader_neu``, ``vader_neg`` (VADER's own); ``news_compound`` (VADER with
        economic events, :func:`analysis.measures.economy.news_compound`; equal to
        ``vader_compound`` in a sentence without them); ``tone`` ("negative",
        "neutral", "positive" by ``news_compound`` with the ±0.05 band);
        ``evidence`` (TextBlob's assessments: a list of ``(words, polarity,
        subjectivity)``, e.g. ``("real breakthrough", 0.2, 0.3)``);
        ``vader_evidence`` (a list of ``(word, valence)`` from VADER's lexicon);
        ``news_evidence`` (the economic events: ``(words, valence)``, e.g.
        ``("profits fell", -2.0)``); ``name_words`` (the words of names that VADER
        would have read and ``news_compound`` does not, e.g. ``["United"]``).
    """
    parsed = require_parse(parsed, "sentence_sentiment()")
    sentences = parsed.sentences
    table = sentences if roles is None else sentences[sentences["role"].isin(list(roles))]
    if table.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SENTIMENT_COLUMNS})

    analyzer = vader()
    lexicon = analyzer.lexicon
    rows: dict[str, list] = {c: [] for c in SENTIMENT_COLUMNS[5:]}
    texts = table["text_norm"].astype(str).tolist()
    by_sentence: dict = {}
    maybe = np.array([_may_name(_WORD.findall(t), lexicon) for t in texts]) if names else None
    if economics:
        if events is None:
            events = economic_events(parsed.subset(table))
        for event in events.itertuples(index=False):
            by_sentence.setdefault((event.article_id, event.sentence_id), []).append(event)
    unread = _names_in(table[maybe], lexicon, parsed) if names and maybe.any() else {}
    keys = zip(table["article_id"].tolist(), table["sentence_id"].tolist(), strict=True)
    for text, tb, key in zip(texts, sentiments_with_assessments(texts), keys, strict=True):
        vd = analyzer.polarity_scores(text)
        named = unread.get((key[0], int(key[1])), [])
        read = _without(text, named) if named else text
        rows["polarity"].append(tb[0])
        rows["subjectivity"].append(tb[1])
        rows["vader_compound"].append(vd["compound"])
        rows["vader_pos"].append(vd["pos"])
        rows["vader_neu"].append(vd["neu"])
        rows["vader_neg"].append(vd["neg"])
        events = by_sentence.get((key[0], int(key[1])), [])
        compound = (
            news_compound(read, [(e.indicator, e.trigger, e.polarity * e.weight) for e in events])
            if events or named
            else vd["compound"]
        )
        rows["name_words"].append(named)
        rows["news_compound"].append(compound)
        rows["news_evidence"].append(
            [(e.text, EVENT_VALENCE * e.polarity * e.weight) for e in events]
        )
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


def _may_name(words: list[str], lexicon) -> bool:
    """Can a word of this sentence be a toned word of a name? A capitalised lexicon
    word, at the sentence's start only when a capitalised word follows ("Hope Hicks
    said", not "Sadly, ...")."""
    for i, word in enumerate(words):
        if word[:1].isupper() and word.lower() in lexicon:
            if i > 0 or (len(words) > 1 and words[1][:1].isupper()):
                return True
    return False


def _names_in(table: pd.DataFrame, lexicon, parsed: Parse) -> dict:
    """``(article_id, sentence_id) -> name_words(...)`` for the sentences of ``table``
    (those that may have any, :func:`_may_name`)."""
    docs = {}
    for key in zip(table["article_id"].tolist(), table["sentence_id"].tolist(), strict=True):
        doc, _ = parsed.sentence(*key)
        if doc is not None:
            docs[(key[0], int(key[1]))] = doc
    # running text first: what it reads as names is what a Title Case line may too
    running = {k: d for k, d in docs.items() if not _title_case(d)}
    out = {k: name_words(d, lexicon) for k, d in running.items()}
    confirmed = frozenset(name for d in running.values() for name in _name_phrases(d, lexicon))
    out.update({k: name_words(d, lexicon, confirmed) for k, d in docs.items() if _title_case(d)})
    return {k: v for k, v in out.items() if v}


def bootstrap_interval(
    values: np.ndarray, n_boot: int, rng: np.random.Generator, level: float
) -> tuple[float, float]:
    """The percentile bootstrap interval of the mean of ``values``."""
    return bootstrap_intervals(np.asarray(values)[None, :], n_boot, rng, level)[0]


def bootstrap_intervals(
    values: np.ndarray, n_boot: int, rng: np.random.Generator, level: float
) -> list[tuple[float, float]]:
    """Percentile bootstrap intervals of the mean of each row of ``values`` (measures
    of the same sentences), from one set of resamples shared by the rows."""
    if values.shape[1] < 2 or n_boot < 1:
        return [(float("nan"), float("nan"))] * values.shape[0]
    draws = rng.integers(0, values.shape[1], size=(n_boot, values.shape[1]))
    means = values[:, draws].mean(axis=2)
    alpha = (1 - level) / 2
    bounds = np.quantile(means, [alpha, 1 - alpha], axis=1)
    return [(float(lo), float(hi)) for lo, hi in bounds.T]


def article_tone(
    scores: pd.DataFrame,
    *,
    by: Literal["article", "section"] = "article",
    roles: Sequence[str] | None = ANALYSED_ROLES,
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
        ``subjectivity_mean``, ``vader_mean`` with ``vader_ci_low``/``vader_ci_high``
        (VADER's own), ``news_mean`` with ``news_ci_low``/``news_ci_high`` (VADER read
        for news: the ``news_compound`` column), and
        ``share_negative``/``share_neutral``/``share_positive`` of sentences (by the
        ``tone`` column). Intervals are NaN with fewer than two sentences.
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
        news = group["news_compound"].to_numpy(dtype=float)
        (p_lo, p_hi), (v_lo, v_hi), (n_lo, n_hi) = bootstrap_intervals(
            np.vstack([polarity, vader, news]), n_boot, rng, level
        )
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
                "news_mean": float(news.mean()),
                "news_ci_low": n_lo,
                "news_ci_high": n_hi,
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
    measure: Literal["polarity", "vader_compound", "news_compound"] = "news_compound",
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
        ``sentence_id``, ``news_compound``, ``vader_compound``, ``polarity``, ``text``,
        ``textblob_words`` and ``vader_words`` (the lexicon words with their values,
        ``"word (+0.50)"``) and ``economic_events`` (``"profits fell (-2.0)"``).
    """
    columns = [
        "sentence_id",
        "news_compound",
        "vader_compound",
        "polarity",
        "text",
        "textblob_words",
        "vader_words",
        "economic_events",
    ]
    if scores.empty:
        return pd.DataFrame(columns=columns)
    ordered = scores.sort_values([measure, "sentence_id"], kind="mergesort")
    picked = pd.concat([ordered.head(n), ordered.tail(n)])
    picked = picked[~picked.index.duplicated()]
    return pd.DataFrame(
        {
            "sentence_id": picked["sentence_id"],
            "news_compound": picked["news_compound"],
            "vader_compound": picked["vader_compound"],
            "polarity": picked["polarity"],
            "text": picked["text"],
            "textblob_words": picked["evidence"].map(
                lambda e: ", ".join(f"{w} ({p:+.2f})" for w, p, _ in e)
            ),
            "vader_words": picked["vader_evidence"].map(
                lambda e: ", ".join(f"{w} ({v:+.1f})" for w, v in e)
            ),
            "economic_events": picked["news_evidence"].map(
                lambda e: ", ".join(f"{w} ({v:+.1f})" for w, v in e)
            ),
        }
    ).reset_index(drop=True)


def sentiment_arc(
    scores: pd.DataFrame,
    *,
    measure: Literal["polarity", "vader_compound", "news_compound", "subjectivity"] = "polarity",
    window: int | None = None,
    roles: Sequence[str] | None = ANALYSED_ROLES,
) -> pd.DataFrame:
    """Tone along the article, sentence by sentence, with a moving average.

    Parameters
    ----------
    scores : DataFrame
        Output of :func:`sentence_sentiment` for one or more articles.
    measure : {"polarity", "vader_compound", "news_compound", "subjectivity"}
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
    if measure not in ("polarity", "vader_compound", "news_compound", "subjectivity"):
        raise ValueError(
            "measure must be 'polarity', 'vader_compound', 'news_compound' or "
            f"'subjectivity', not {measure!r}"
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
