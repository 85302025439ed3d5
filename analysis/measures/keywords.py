"""Keywords, keyphrases, keyness and keyword-in-context: what an article stresses.

- :func:`keywords` ranks terms by TF-IDF over sentences, paragraphs or articles.
- :func:`keyphrases` ranks multi-word phrases (noun phrases from TextBlob's bundled
  pattern tagger) by how specific they are against general English (wordfreq), how
  often and how early they occur.
- :func:`keyness` compares two groups of texts term by term (log-likelihood G2 with
  log-ratio effect size, as quanteda's ``textstat_keyness``; or the log-odds ratio with
  an informative Dirichlet prior of Monroe, Colaresi & Quinn 2008), or one group
  against general English.
- :func:`kwic` shows every hit of a term in its context.

Every table names the sentences a number comes from.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import chi2, norm
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from ..errors import FramingError
from ..nlp.parse import NAME_LABELS, inflection_lemma
from ..paths import title_abbreviations
from ..text.article import Article, is_title_case
from ..text.normalize import normalize_with_offsets
from ..text.sentences import ANALYSED_ROLES, require_sentence_table
from ..text.sentences import sentences as sentence_table
from ..text.tokens import StopWords, load_stop_words, token_spans

__all__ = [
    "keywords",
    "keyphrases",
    "keyness",
    "kwic",
    "KEYWORD_COLUMNS",
    "KEYPHRASE_COLUMNS",
    "KEYNESS_COLUMNS",
    "KWIC_COLUMNS",
]

KEYWORD_COLUMNS = [
    "term",
    "display",
    "score",
    "rank",
    "count",
    "n_sentences",
    "n_articles",
    "sentence_ids",
]
KEYPHRASE_COLUMNS = [
    "phrase",
    "display",
    "score",
    "rank",
    "count",
    "n_words",
    "first_sentence_id",
    "sentence_ids",
]
KEYNESS_COLUMNS = [
    "term",
    "display",
    "count_target",
    "count_reference",
    "per_1k_target",
    "per_1k_reference",
    "statistic",
    "p_value",
    "effect",
    "measure",
]
KWIC_COLUMNS = [
    "article_id",
    "sentence_id",
    "section",
    "left",
    "match",
    "right",
    "char_start",
    "char_end",
]

Unit = Literal["sentence", "paragraph", "article"]
# wordfreq's Zipf scale: log10 of frequency per billion words. Words unknown to it are
# floored here, so unseen names rank high but not infinitely.
_ZIPF_FLOOR = 1.5
_ZIPF_CEIL = 8.0
#: Nominal size of the general-English reference in words, for single-text keyness.
GENERAL_ENGLISH_SIZE = 1_000_000_000


# ----------------------------------------------------------------- shared helpers
def _select(table: pd.DataFrame, roles: Sequence[str] | None) -> pd.DataFrame:
    require_sentence_table(table, "this analysis")
    if roles is not None and "role" in table.columns:
        table = table[table["role"].isin(list(roles))]
    return table


class NgramAnalyzer:
    """Word n-grams within a sentence, never across punctuation or stop words.

    Collects the surface forms seen for each key, for display.
    """

    def __init__(self, stop: frozenset[str], ngram_range: tuple[int, int]) -> None:
        self.stop = stop
        self.lo, self.hi = ngram_range
        self.surfaces: dict[str, Counter] = defaultdict(Counter)

    def __call__(self, text: str) -> list[str]:
        spans = token_spans(text)
        out: list[str] = []
        run: list[tuple[str, str, int, int]] = []
        for tok in [*spans, None]:
            if (
                tok is not None
                and tok[0] not in self.stop
                and len(tok[0]) > 1
                and (not run or not text[run[-1][3] : tok[2]].strip())
            ):
                run.append(tok)
                continue
            self._emit(run, text, out)
            run = [tok] if tok is not None and tok[0] not in self.stop and len(tok[0]) > 1 else []
        return out

    def _emit(self, run, text, out) -> None:
        for n in range(self.lo, min(self.hi, len(run)) + 1):
            for i in range(len(run) - n + 1):
                part = run[i : i + n]
                key = " ".join(t[0] for t in part)
                self.surfaces[key][text[part[0][2] : part[-1][3]]] += 1
                out.append(key)

    def display(self, key: str) -> str:
        """The most common surface; a lower-case one when the term was ever written so
        (Title Case headlines must not make "Security" out of "security")."""
        counts = self.surfaces.get(key)
        if not counts:
            return key
        lower = [(n, surface) for surface, n in counts.items() if surface.islower()]
        if lower and key.islower():
            return max(lower, key=lambda x: (x[0], x[1]))[1]
        return counts.most_common(1)[0][0]


def _sentence_ids(table: pd.DataFrame) -> np.ndarray:
    """Sentence references: ints for one article, 'article_id:sentence_id' for several."""
    if table["article_id"].nunique() <= 1:
        return table["sentence_id"].to_numpy()
    return (table["article_id"].astype(str) + ":" + table["sentence_id"].astype(str)).to_numpy()


# ----------------------------------------------------------------- keywords
def keywords(
    sentences: pd.DataFrame,
    *,
    unit: Unit = "sentence",
    top_n: int | None = 20,
    ngram_range: tuple[int, int] = (1, 1),
    roles: Sequence[str] | None = ANALYSED_ROLES,
    stop_words: StopWords = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Rank the terms of one article or a corpus by TF-IDF.

    Each unit (sentence, paragraph or article) is a document for scikit-learn's
    ``CountVectorizer`` and ``TfidfTransformer`` (smoothed idf, l2-normalised rows); a
    term's score is the sum of its TF-IDF weights over all units, so it rewards terms
    that are frequent overall but not spread evenly through every unit.

    Parameters
    ----------
    sentences : DataFrame
        A sentence table (:func:`analysis.sentences`), one article or many.
    unit : {"sentence", "paragraph", "article"}
        What counts as a document for the idf. Use "article" for a corpus.
    top_n : int or None
        Keep the best ``top_n`` terms; ``None`` keeps all.
    ngram_range : (int, int)
        Word n-gram lengths, e.g. ``(1, 3)``; n-grams never cross punctuation or stop
        words.
    roles : sequence of str or None
        Sentence roles to use; by default headline, standfirst and body (headings and
        bylines are left out). ``None`` uses every sentence.
    stop_words : list, path or None
        Stop list; the package's list by default, ``[]`` for none.
    min_count : int
        Drop terms seen fewer times.

    Returns
    -------
    DataFrame
        ``term`` (the key: lower case except acronyms), ``display`` (the most common
        casing in the text), ``score``, ``rank`` (1 = best), ``count`` (occurrences),
        ``n_sentences`` (sentences containing it), ``n_articles``, ``sentence_ids``
        (list of the sentences it occurs in: ints for one article,
        ``"article_id:sentence_id"`` strings for several). Sorted by rank.
    """
    if unit not in ("sentence", "paragraph", "article"):
        raise ValueError(f"unit must be 'sentence', 'paragraph' or 'article', not {unit!r}")
    lo, hi = ngram_range
    if not (1 <= lo <= hi):
        raise ValueError(
            f"ngram_range must be (min, max) with 1 <= min <= max, not {ngram_range!r}"
        )
    table = _select(sentences, roles)
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in KEYWORD_COLUMNS})
    if table.empty:
        return empty
    analyzer = NgramAnalyzer(load_stop_words(stop_words), (lo, hi))
    vectorizer = CountVectorizer(analyzer=analyzer)
    try:
        counts = vectorizer.fit_transform(table["text_norm"].astype(str).tolist())
    except ValueError:  # empty vocabulary: only stop words
        return empty
    terms = vectorizer.get_feature_names_out()
    if unit == "sentence":
        unit_counts = counts
    else:
        keys = ["article_id", "paragraph_id"] if unit == "paragraph" else ["article_id"]
        codes = table.groupby(keys, sort=False).ngroup().to_numpy()
        grouping = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))))
        unit_counts = grouping @ counts
    weights = TfidfTransformer().fit_transform(unit_counts)
    score = np.asarray(weights.sum(axis=0)).ravel()
    total = np.asarray(counts.sum(axis=0)).ravel()
    presence = counts.tocsc()
    presence.data[:] = 1
    n_sentences = np.asarray(presence.sum(axis=0)).ravel()
    refs = _sentence_ids(table)
    article_codes = pd.factorize(table["article_id"])[0]
    keep = np.flatnonzero(total >= min_count)
    order = keep[np.lexsort((terms[keep], -score[keep]))]
    if top_n is not None:
        order = order[:top_n]
    rows = []
    for rank, j in enumerate(order, 1):
        idx = presence.indices[presence.indptr[j] : presence.indptr[j + 1]]
        idx.sort()
        rows.append(
            {
                "term": terms[j],
                "display": analyzer.display(terms[j]),
                "score": float(score[j]),
                "rank": rank,
                "count": int(total[j]),
                "n_sentences": int(n_sentences[j]),
                "n_articles": int(len(np.unique(article_codes[idx]))),
                "sentence_ids": refs[idx].tolist(),
            }
        )
    return pd.DataFrame(rows, columns=KEYWORD_COLUMNS) if rows else empty


# ----------------------------------------------------------------- keyphrases
@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return lru_cache(maxsize=100_000)(PorterStemmer().stem)


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=200_000)
def _specificity(word: str) -> float:
    """How much rarer than in general English a word is: 8.5 minus its Zipf frequency."""
    z = min(max(_zipf(word), _ZIPF_FLOOR), _ZIPF_CEIL)
    return 8.5 - z


#: Universal part-of-speech tags a keyphrase is made of (PositionRank's filter).
_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_HEAD_POS = frozenset({"NOUN", "PROPN"})
#: Entity types that describe rather than name; they do not start a phrase of their own
#: ("Iranian officials" is one phrase).
_DESCRIPTIVE_ENTS = frozenset({"NORP"})
#: Months and weekdays, which the recogniser can join to the name that follows them
#: ("In February Schubert was arrested" read as one place); "May" is also a name.
#: (The calendar module's names are English: Python leaves LC_TIME at "C".)
_CALENDAR = frozenset(
    name.lower() for name in (*calendar.month_name[1:], *calendar.day_name) if name != "May"
)
#: Numbers, dates and measures are never keyphrase words ("thousands of gallons",
#: "forty miles", "Saturday", "months").
_MEASURE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})
#: Adjectives that quantify or point rather than describe ("other", "several", "last").
_WEAK_ADJ = frozenset(
    {
        "other", "such", "many", "much", "more", "most", "few", "several", "last", "next",
        "same", "own", "various", "certain", "former", "latest", "new", "first", "second",
        "third", "recent", "further", "total", "main", "major", "previous", "early", "late",
    }
)  # fmt: skip


def _word_key(tok) -> str:
    """A word's key: the lemma of a common noun ("sanctions" -> "sanction"), else the
    lower-cased word, so that names and adjectives keep their form."""
    lemma = inflection_lemma(tok) if tok.pos_ == "NOUN" else None
    return lemma or tok.lower_


def _phrase_tokens(
    doc, stop: frozenset[str], max_words: int, names: frozenset[tuple] = frozenset()
) -> list[list]:
    """Noun-phrase candidates of one parsed sentence: maximal runs of adjectives, nouns
    and proper nouns (hyphenated words kept whole) that end in a noun, split where a
    word's syntactic head lies outside the run ("BA last year": BA is the subject, not
    a modifier of "year"), trimmed of leading weak adjectives; the last ``max_words``
    words of a longer run. A name of ``names`` (lower-cased word tuples from
    :func:`_linked_name`) is one phrase, small words and all."""
    phrases, run = [], []

    def flush():
        if not run:
            return
        segment: list = []
        last = run[-1].i
        for tok in run:
            segment.append(tok)
            if tok.i != last and not (tok.i < tok.head.i <= last):
                _emit(segment)
                segment = []
        _emit(segment)
        run.clear()

    def _emit(segment):
        while segment and (segment[-1].pos_ not in _HEAD_POS or segment[-1].text == "-"):
            segment = segment[:-1]
        while segment and (
            (segment[0].pos_ == "ADJ" and segment[0].lower_ in _WEAK_ADJ)
            or segment[0].text == "-"
            or (len(segment) > 1 and segment[0].lower_ in _CALENDAR)  # "[In] February Schubert"
        ):
            segment = segment[1:]
        words = [t for t in segment if t.text != "-"]
        if words and _whole_name(segment, max_words):
            phrases.append(segment)  # "Aung San Suu Kyi", not "San Suu Kyi"
        elif words:
            window = segment[-_window_tokens(segment, max_words) :]
            while len(window) > 1 and window[0].ent_iob_ == "I" and window[0] is not segment[0]:
                window = window[1:]  # not half a name: "[Las] Vegas drugs prosecutor"
            phrases.append(window)

    skip_to = 0
    lengths = sorted({len(x) for x in names}, reverse=True)
    firsts = {x[0] for x in names}
    for tok in doc:
        if tok.i < skip_to:
            continue
        name = None
        if lengths and tok.is_title and tok.lower_ in firsts:  # a linked name, wherever written
            name = next(
                (
                    list(doc[tok.i : tok.i + n])
                    for n in lengths
                    if tuple(t.lower_ for t in doc[tok.i : tok.i + n]) in names
                ),
                None,
            )
        if name is not None:  # "Save the Children", "Bank of England": one phrase
            flush()
            phrases.append(name)
            skip_to = name[-1].i + 1
            continue
        low = tok.lower_
        hyphen = (
            tok.text == "-" and run and not run[-1].whitespace_ and tok.i + 1 < len(doc)
            and not tok.whitespace_ and doc[tok.i + 1].pos_ in _PHRASE_POS
        )  # fmt: skip
        if run and tok.ent_iob_ == "B" and tok.ent_type_ not in _DESCRIPTIVE_ENTS:
            flush()  # a name starts its own phrase: "pop star | Michael Buble"
        elif (
            run and tok.ent_iob_ == "O" and tok.pos_ == "PROPN" and run[-1].ent_iob_ != "O"
            and run[-1].ent_type_ not in _DESCRIPTIVE_ENTS
        ):  # fmt: skip
            flush()  # and ends there: "to Russia | Kazem Jalali"
        if hyphen or (
            tok.pos_ in _PHRASE_POS
            and low not in stop
            and not _abbreviated_title(tok)
            and len(low) > 1
            and any(c.isalpha() for c in low)
            and not (tok.like_url or tok.like_email)
            and tok.ent_type_ not in _MEASURE_ENTS
        ):
            run.append(tok)
        else:
            flush()
    flush()
    return phrases


def _abbreviated_title(tok) -> bool:
    """ "Gov." (one token) or "Lt" + "." before a name: a title, no keyphrase word."""
    if tok.lower_.rstrip(".") not in title_abbreviations():
        return False
    return tok.text.endswith(".") or (tok.i + 1 < len(tok.doc) and tok.nbor().text == ".")


_SENTENCE_ENDS = (".", "!", "?", '."', ".\u201d", ".'", ".\u2019")
#: Lower-case words that join the words of a name ("Bank of England").
_NAME_LINKS = frozenset(
    {"of", "the", "for", "and", "&", "de", "del", "du", "la", "le", "von", "van", "der", "al"}
)


def _linked_name(entity, stop: frozenset[str], max_words: int) -> list | None:
    """The tokens of the named ``entity`` (a spaCy span, or None) when lower-case linking words
    hold it together ("Save the Children", "Bank of England", "Ministry of Foreign
    Affairs"), which the word runs would break into "save" and "child"; None otherwise.
    A leading "the" is left out; the name's other words, at most ``max_words``, are
    all capitalised (spaCy may tag "Save" a verb)."""
    if entity is None or entity.label_ not in NAME_LABELS:
        return None
    span = list(entity)
    while span and span[0].lower_ == "the":
        span = span[1:]
    if len(span) < 3:
        return None
    links = [t for t in span[1:-1] if _links(t)]
    content = [t for t in span if t not in links]
    if (
        not links
        or len(content) > max_words
        or not all(t.is_title or (t.is_upper and t.is_alpha) for t in content)
    ):
        return None  # every other word of a name is capitalised, whatever its tag
    return span


def _whole_name(segment, max_words: int) -> bool:
    """Whether ``segment`` is one name of the recogniser, longer than ``max_words`` but
    at most two words more: kept whole, since its last words alone are no name."""
    n = sum(t.text != "-" for t in segment)
    return (
        max_words < n <= max_words + 2
        and segment[0].ent_iob_ == "B"
        and segment[0].ent_type_ in NAME_LABELS
        and all(t.ent_iob_ == "I" for t in segment[1:])
        and (segment[-1].i + 1 == len(segment[-1].doc) or segment[-1].nbor().ent_iob_ != "I")
    )


def _window_tokens(segment, max_words: int) -> int:
    """How many tokens from the end of ``segment`` hold its last ``max_words`` words."""
    words = 0
    for k in range(len(segment) - 1, -1, -1):
        if segment[k].text != "-" and (k == 0 or segment[k - 1].text != "-"):
            words += 1
        if words == max_words:
            return len(segment) - k
    return len(segment)


def _position_rank(
    sequence: list[int], candidate: np.ndarray, n: int, *, window: int, damping: float
) -> np.ndarray:
    """PositionRank (Florescu & Caragea 2017): PageRank over the word co-occurrence
    graph (words ``window`` tokens apart or closer are linked, weighted by how often),
    biased toward words that occur early: the teleport vector of each word is the sum of
    ``1 / position`` over its occurrences. ``sequence`` holds each token's word index,
    -1 for tokens that are not candidate words."""
    weights = np.zeros((n, n))
    positions = np.flatnonzero(candidate)
    ids = np.asarray(sequence)[positions]
    for offset in range(1, window):
        a, b = ids[:-offset], ids[offset:]
        near = (positions[offset:] - positions[:-offset]) < window
        np.add.at(weights, (a[near], b[near]), 1.0)
        np.add.at(weights, (b[near], a[near]), 1.0)
    np.fill_diagonal(weights, 0.0)
    bias = np.zeros(n)
    np.add.at(bias, ids, 1.0 / (positions + 1.0))
    bias /= bias.sum()
    out_weight = weights.sum(axis=1)
    dangling = out_weight == 0
    transition = np.divide(
        weights, out_weight[:, None], out=np.zeros_like(weights), where=~dangling[:, None]
    )
    score = bias.copy()
    for _ in range(100):
        new = (1 - damping) * bias + damping * (transition.T @ score + bias * score[dangling].sum())
        if np.abs(new - score).sum() < 1e-9:
            score = new
            break
        score = new
    return score


def keyphrases(
    data: pd.DataFrame,
    parse=None,
    *,
    top_n: int = 10,
    max_words: int = 3,
    window: int = 10,
    scoring: Literal["sum", "mean"] = "sum",
    damping: float = 0.85,
    roles: Sequence[str] | None = ANALYSED_ROLES,
    stop_words: StopWords = None,
    dedupe: bool = True,
) -> pd.DataFrame:
    """Rank an article's keyphrases with PositionRank over spaCy's parse.

    Candidates come from the parse (:func:`analysis.nlp.parse`): runs of adjectives,
    nouns and proper nouns ending in a noun, within one sentence, never across
    punctuation, stop words or verbs, split where a word's syntactic head lies outside
    the run, at most ``max_words`` words; common nouns are keyed by their lemma, so
    "sanction" and "sanctions" are one phrase. Phrases of a Title Case line (headline,
    headings) count only when the running text has them too.

    Words are ranked by PositionRank (Florescu & Caragea 2017): PageRank over the graph
    of candidate words that occur within ``window`` tokens of each other, biased toward
    words that occur early and often (news puts what matters first). A word's rank is
    weighted by its specificity against general English, ``8.5 - zipf(w)`` from
    wordfreq (TF-IDF with general English as the reference corpus, as in KP-Miner), so
    that frequent everyday words ("year", "people") do not lead. A phrase scores the
    sum of its words' weighted ranks (PositionRank's phrase score). With ``dedupe``, a
    phrase is left out when it occurs only inside one longer, better or equally counted
    candidate ("partnership treaty" inside "strategic partnership treaty"), and a
    single word is left out after a chosen phrase that it heads ("spill" after "oil
    spill"); a longer phrase is never dropped for a shorter one.

    Parameters
    ----------
    data : DataFrame
        A sentence table (:func:`analysis.sentences`) of one article.
    parse : analysis.nlp.Parse, optional
        Its parse; made here when not given.
    top_n : int
    max_words : int
    window : int
        Co-occurrence window of the word graph, in tokens.
    damping : float
        PageRank's damping factor.
    roles : sequence of str or None
        Sentence roles to draw candidates from; headings are left out by default.
    stop_words : list, path or None
    dedupe : bool

    Returns
    -------
    DataFrame
        ``phrase`` (key: lower case, common nouns lemmatised), ``display`` (as written),
        ``score``, ``rank``, ``count``, ``n_words``, ``first_sentence_id``,
        ``sentence_ids``. One article only.
    """
    from ..nlp.parse import require_parse

    if top_n < 1:
        raise ValueError(f"top_n must be at least 1, not {top_n}")
    if scoring not in ("sum", "mean"):
        raise ValueError(f"scoring must be 'sum' or 'mean', not {scoring!r}")
    if window < 2:
        raise ValueError(f"window must be at least 2, not {window}")
    if not 0 < damping < 1:
        raise ValueError(f"damping must be between 0 and 1, not {damping}")
    require_sentence_table(data, "keyphrases()", ("article_id", "sentence_id", "text"))
    table = _select(data, roles)
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in KEYPHRASE_COLUMNS})
    if table.empty:
        return empty
    if table["article_id"].nunique() > 1:
        raise FramingError(
            "keyphrases() ranks one article; group the table by article_id and call it per article."
        )
    parsed = require_parse(parse, table, "keyphrases()")
    stop = load_stop_words(stop_words)
    article_id = table["article_id"].iloc[0]
    roles_ = table["role"].tolist() if "role" in table.columns else ["body"] * len(table)
    docs = [parsed.sentence(article_id, int(sid))[0] for sid in table["sentence_id"]]
    # names held together by small words ("Save the Children") that the recogniser
    # found somewhere are one phrase wherever they are written
    linked_names = frozenset(
        tuple(t.lower_ for t in name)
        for doc in docs
        if doc is not None
        for ent in doc.ents
        if (name := _linked_name(ent, stop, max_words)) is not None
    )
    vocab: dict[str, int] = {}
    sequence: list[int] = []
    candidate: list[bool] = []
    found = []  # (key, surface, sentence_id, word ids, titled, is a name)
    for sid, role, text, doc in zip(table["sentence_id"], roles_, table["text"], docs, strict=True):
        if doc is None:
            continue
        # a Title Case line in the body is a heading, unless it ends as a sentence
        # does ("The Bank of England and the Ministry of Foreign Affairs ... asked.")
        titled = role != "body" or (
            is_title_case(str(text)) and not str(text).rstrip().endswith(_SENTENCE_ENDS)
        )
        start = len(sequence)
        doc_text = doc.text  # built from the tokens on each access
        known: dict[int, str] = {}

        def word_key(tok, known=known):
            key = known.get(tok.i)
            if key is None:
                key = known[tok.i] = _word_key(tok)
            return key

        sequence.extend([-1] * len(doc))
        candidate.extend([False] * len(doc))
        for tokens in _phrase_tokens(doc, stop, max_words, linked_names):
            words = [t for t in tokens if t.text != "-" and not _is_link(t, tokens)]
            linked = len(words) < sum(t.text != "-" for t in tokens)  # a linked name
            keys = [t.lower_ if linked else word_key(t) for t in words]
            ids = []
            for tok, key in zip(words, keys, strict=True):
                index = vocab.setdefault(key, len(vocab))
                sequence[start + tok.i] = index
                candidate[start + tok.i] = True
                ids.append(index)
            surface = doc_text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
            key = " ".join(t.lower_ for t in tokens) if linked else _join_key(tokens, word_key)
            name = linked or all(t.pos_ == "PROPN" for t in words)
            found.append((key, surface, int(sid), ids, titled, name))
    if not found:
        return empty
    # Title Case lines are tagged poorly ("Russia and Iran Sign ..."): their phrases count
    # only when the running text has them too; their words still count in the graph.
    body_keys = {f[0] for f in found if not f[4]}
    if body_keys:
        found = [f for f in found if not f[4] or f[0] in body_keys]
    rank = _position_rank(
        sequence, np.asarray(candidate), len(vocab), window=window, damping=damping
    )
    words_by_id = {i: w for w, i in vocab.items()}
    weight = np.array([_specificity(words_by_id[i]) for i in range(len(vocab))])
    word_score = rank * weight
    stats: dict[str, dict] = {}
    for key, surface, sid, ids, titled, name in found:
        s = stats.get(key)
        if s is None:
            s = stats[key] = {
                "count": 0,
                "first_sid": sid,
                "sids": [],
                "surfaces": Counter(),
                "n": len(ids),
                "name": name,
                "score": _phrase_score(word_score[ids], scoring),
            }
        s["count"] += 1
        s["surfaces"][surface] += 0.5 if titled else 1.0
        if sid not in s["sids"]:
            s["sids"].append(sid)
    _merge_surnames(stats)
    scored = sorted(stats, key=lambda k: (-stats[k]["score"], k))
    chosen = _choose(scored, stats, top_n) if dedupe else scored[:top_n]
    rows = [
        {
            "phrase": key,
            "display": _display(stats[key]["surfaces"]),
            "score": stats[key]["score"],
            "rank": rank,
            "count": stats[key]["count"],
            "n_words": stats[key]["n"],
            "first_sentence_id": int(stats[key]["first_sid"]),
            "sentence_ids": [int(x) for x in stats[key]["sids"]],
        }
        for rank, key in enumerate(chosen, 1)
    ]
    return pd.DataFrame(rows, columns=KEYPHRASE_COLUMNS)


def _merge_surnames(stats: dict[str, dict]) -> None:
    """Short forms of a longer name of the article count there: a name that ends
    exactly one longer name ("Putin" and "Vladimir Putin", "Suu Kyi" and "Aung San Suu
    Kyi") goes into it; a full name written with and without middle names or initials
    ("Donald Trump", "Donald J. Trump") is one, under its more frequent form."""
    for key in sorted((k for k, s in stats.items() if s["name"]), key=lambda k: (len(k), k)):
        if key not in stats:
            continue
        names = [k for k, s in stats.items() if s["name"] and k != key]
        full = [n for n in names if n.endswith(f" {key}")]
        words = key.split(" ")
        if not full and len(words) == 2:
            full = [
                n
                for n in names
                if 3 <= len(n.split(" ")) <= 4
                and n.startswith(f"{words[0]} ")
                and n.endswith(f" {words[1]}")
            ]
            if len(full) == 1 and stats[key]["count"] > stats[full[0]]["count"]:
                key, full = full[0], [key]  # the more frequent form names it
        if len(full) != 1:
            continue
        s, into = stats.pop(key), stats[full[0]]
        into["count"] += s["count"]
        into["first_sid"] = min(into["first_sid"], s["first_sid"])
        into["sids"] = sorted(set(into["sids"]) | set(s["sids"]))
        into["score"] = max(into["score"], s["score"])


#: How many chosen keyphrases may share a word before a further phrase with it waits
#: (500N-KPCrowd: 2 raises F1@10 10.8 -> 11.3 and multi-word hits; 1 raises F1@10 to
#: 12.1 but loses multi-word hits, 1.38 -> 1.25 of the top 10).
_MAX_SHARED = 2


def _choose(scored: list[str], stats: dict[str, dict], top_n: int) -> list[str]:
    """The best ``top_n`` phrases without repeats: a phrase found only inside a longer
    candidate is left out; a single word that heads a chosen phrase gives way to it
    ("oil spill" takes the place of "spill", whichever ranked first); a phrase that only
    adds words to a chosen name ("downtown Buenos Aires" after "Buenos Aires") is left
    out. A longer phrase is never dropped for a shorter common word. A phrase with a
    word already in ``_MAX_SHARED`` chosen phrases waits until the others are used up:
    "NATO members", "NATO bases", "NATO deliberations" ... would fill the list."""
    redundant = _redundant(stats)
    chosen: list[str] = []
    deferred: list[str] = []
    uses: Counter = Counter()
    for key in scored:
        if key in redundant or key in chosen:
            continue
        words = key.split(" ")
        if len(words) == 1 and any(c.endswith(f" {key}") for c in chosen):
            continue
        if any(stats[c]["name"] and f" {c} " in f" {key} " for c in chosen):
            continue
        if len(words) > 1 and words[-1] in chosen and not stats[words[-1]]["name"]:
            chosen[chosen.index(words[-1])] = key
            uses.update(set(words))
            continue
        if len(words) > 1 and any(uses[w] >= _MAX_SHARED for w in words):
            deferred.append(key)
            continue
        chosen.append(key)
        uses.update(set(words))
        if len(chosen) == top_n:
            break
    if len(chosen) < top_n:
        chosen.extend(deferred[: top_n - len(chosen)])
    return chosen


def _links(tok) -> bool:
    """A lower-case word standing between two words of a name ("of" in "Bank of
    England"), not one joined to them by a hyphen ("al-Assad")."""
    return (
        tok.lower_ in _NAME_LINKS
        and not tok.is_title
        and bool(tok.whitespace_)
        and bool(tok.nbor(-1).whitespace_)
    )


def _is_link(tok, tokens) -> bool:
    """A linking word inside a name: part of the phrase's key and display, not a word
    of the graph."""
    return tok is not tokens[0] and tok is not tokens[-1] and _links(tok)


def _phrase_score(scores: np.ndarray, scoring: str) -> float:
    return float(scores.sum() if scoring == "sum" else scores.mean())


def _join_key(tokens, word_key=None) -> str:
    """The phrase key: word keys joined by spaces, hyphenated words kept whole."""
    word_key = word_key or _word_key
    out: list[str] = []
    glue = False
    for tok in tokens:
        if tok.text == "-":
            glue = True
            continue
        key = word_key(tok)
        if glue and out:
            out[-1] = f"{out[-1]}-{key}"
        else:
            out.append(key)
        glue = False
    return " ".join(out)


def _display(surfaces: Counter) -> str:
    """The most common way the phrase is written (ties: the first in sorted order)."""
    return max(surfaces.items(), key=lambda x: (x[1], [-ord(c) for c in x[0]]))[0]


def _redundant(stats: dict[str, dict]) -> set[str]:
    """Phrases that never occur outside one longer candidate ("partnership treaty"
    inside "strategic partnership treaty")."""
    out = set()
    by_word: dict[str, list[str]] = defaultdict(list)
    for key in stats:
        if " " in key:
            for word in set(key.split(" ")):
                by_word[word].append(key)
    for key, s in stats.items():
        first = key.split(" ", 1)[0]
        for longer in by_word.get(first, ()):
            if (
                longer != key
                and stats[longer]["count"] >= s["count"]
                and f" {key} " in f" {longer} "
            ):
                out.add(key)
                break
    return out


# ----------------------------------------------------------------- keyness
def _term_counts(data, stop: frozenset[str], roles) -> tuple[Counter, dict[str, str], int]:
    if isinstance(data, pd.DataFrame):
        texts = _select(data, roles)["text_norm"].astype(str).tolist()
    elif isinstance(data, Article):
        texts = _select(sentence_table(data), roles)["text_norm"].astype(str).tolist()
    elif isinstance(data, str):
        texts = [normalize_with_offsets(data)[0]]
    else:
        texts = [normalize_with_offsets(str(t))[0] for t in data]
    analyzer = NgramAnalyzer(stop, (1, 1))
    counts: Counter = Counter()
    n_tokens = 0
    for text in texts:
        counts.update(analyzer(text))
        n_tokens += len(token_spans(text))
    return counts, {k: analyzer.display(k) for k in counts}, n_tokens


def keyness(
    target,
    reference=None,
    *,
    measure: Literal["g2", "logodds"] = "g2",
    roles: Sequence[str] | None = ANALYSED_ROLES,
    stop_words: StopWords = None,
    min_count: int = 2,
    prior: float = 0.01,
) -> pd.DataFrame:
    """Which terms distinguish ``target`` from ``reference``, with a statistic and an effect size.

    Parameters
    ----------
    target, reference : sentence table, Article, str or list of str
        The two groups. ``reference=None`` compares the target with general English
        (wordfreq frequencies taken as counts in a corpus of
        ``GENERAL_ENGLISH_SIZE`` words): single-article keyness.
    measure : {"g2", "logodds"}
        ``"g2"``: log-likelihood G2 of the 2x2 table (Dunning 1993; quanteda's
        ``textstat_keyness(measure="lr")`` without correction), its p-value (chi-square,
        1 df) and the log ratio effect size (Hardie 2014: log2 of the ratio of relative
        frequencies, 0.5 added to zero counts). ``"logodds"``: the log-odds ratio with
        an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), the prior being
        the pooled counts scaled to ``prior`` times the pooled size; ``statistic`` is
        its z-score and ``effect`` the log-odds ratio.
    roles, stop_words
        As for :func:`keywords`.
    min_count : int
        Leave out terms seen fewer times in the target and reference together.
    prior : float
        Strength of the Dirichlet prior for "logodds".

    Returns
    -------
    DataFrame
        ``term``, ``display``, ``count_target``, ``count_reference``,
        ``per_1k_target``, ``per_1k_reference`` (per 1,000 tokens), ``statistic``
        (signed: positive when the term is relatively more frequent in the target),
        ``p_value`` (G2: from chi-square; logodds: two-sided from the z-score),
        ``effect`` (log2 ratio, or log-odds ratio), ``measure``. Sorted by
        ``statistic``, highest first.
    """
    if measure not in ("g2", "logodds"):
        raise ValueError(f"measure must be 'g2' or 'logodds', not {measure!r}")
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in KEYNESS_COLUMNS})
    stop = load_stop_words(stop_words)
    t_counts, t_display, n_t = _term_counts(target, stop, roles)
    if not t_counts:
        return empty
    if reference is None:
        terms = sorted(t_counts)
        a = np.array([t_counts[w] for w in terms], dtype=float)
        freq = np.array(
            [10 ** (_zipf(w.lower()) - 9) if _zipf(w.lower()) > 0 else 0.0 for w in terms]
        )
        n_r = GENERAL_ENGLISH_SIZE
        b = freq * n_r
        display = t_display
        # general English has no notion of min_count; keep every target term seen often enough
        mask = a >= min_count
    else:
        r_counts, r_display, n_r = _term_counts(reference, stop, roles)
        terms = sorted(set(t_counts) | set(r_counts))
        a = np.array([t_counts.get(w, 0) for w in terms], dtype=float)
        b = np.array([r_counts.get(w, 0) for w in terms], dtype=float)
        display = {**r_display, **t_display}
        mask = (a + b) >= min_count
        if n_r == 0:
            raise FramingError(
                "the reference has no words; pass a non-empty reference or reference=None for general English."
            )
    terms = np.array(terms, dtype=object)[mask]
    a, b = a[mask], b[mask]
    if len(terms) == 0:
        return empty
    n_t = float(n_t)
    n_r = float(n_r)
    if measure == "g2":
        total = a + b
        e_a = n_t * total / (n_t + n_r)
        e_b = n_r * total / (n_t + n_r)
        with np.errstate(divide="ignore", invalid="ignore"):
            g2 = 2 * (
                np.where(a > 0, a * np.log(a / e_a), 0.0)
                + np.where(b > 0, b * np.log(b / e_b), 0.0)
            )
        sign = np.sign(a / n_t - b / n_r)
        statistic = sign * g2
        p_value = chi2.sf(g2, 1)
        effect = np.log2(((np.where(a > 0, a, 0.5)) / n_t) / ((np.where(b > 0, b, 0.5)) / n_r))
    else:
        pooled = a + b
        alpha0 = prior * (n_t + n_r)
        alpha = alpha0 * pooled / pooled.sum()
        with np.errstate(divide="ignore", invalid="ignore"):
            log_t = np.log((a + alpha) / (n_t + alpha0 - a - alpha))
            log_r = np.log((b + alpha) / (n_r + alpha0 - b - alpha))
        effect = log_t - log_r
        variance = 1 / (a + alpha) + 1 / (b + alpha)
        statistic = effect / np.sqrt(variance)
        p_value = 2 * norm.sf(np.abs(statistic))
    frame = pd.DataFrame(
        {
            "term": terms,
            "display": [display.get(t, t) for t in terms],
            "count_target": a.astype(int),
            "count_reference": np.round(b, 3) if reference is None else b.astype(int),
            "per_1k_target": 1000 * a / n_t,
            "per_1k_reference": 1000 * b / n_r,
            "statistic": statistic,
            "p_value": p_value,
            "effect": effect,
            "measure": measure,
        }
    )
    frame = frame.sort_values(
        ["statistic", "term"], ascending=[False, True], kind="mergesort"
    ).reset_index(drop=True)
    return frame[KEYNESS_COLUMNS]


# ----------------------------------------------------------------- kwic
def kwic(
    sentences: pd.DataFrame, term: str, *, window: int = 6, roles: Sequence[str] | None = None
) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` with the words around it.

    Matching is on word tokens (the same keys as :func:`keywords`: case-insensitive
    except acronyms, possessive "'s" ignored), so "treaty" finds "Treaty" and
    "treaty's" but not "treatyless"; a multi-word term matches consecutive words.

    Parameters
    ----------
    sentences : DataFrame
        A sentence table.
    term : str
        A word or phrase, e.g. "sanctions" or "strategic partnership".
    window : int
        Words of context on each side.
    roles : sequence of str or None
        Restrict to these roles; all by default.

    Returns
    -------
    DataFrame
        One row a hit: ``article_id``, ``sentence_id``, ``section``, ``left``,
        ``match`` (as written), ``right``, ``char_start``, ``char_end`` (offsets of the
        match into the article's text).
    """
    if window < 0:
        raise ValueError(f"window must be 0 or more, not {window}")
    table = _select(sentences, roles)
    wanted = [k for k, *_ in token_spans(normalize_with_offsets(term)[0])]
    rows = []
    if wanted and not table.empty:
        n = len(wanted)
        has_section = "section" in table.columns
        for row in table.itertuples(index=False):
            text = row.text
            norm, offsets = normalize_with_offsets(text)
            spans = token_spans(norm)
            keys = [s[0] for s in spans]
            for i in range(len(spans) - n + 1):
                if keys[i : i + n] != wanted:
                    continue
                a, b = spans[i][2], spans[i + n - 1][3]
                if offsets is not None:
                    a, b = int(offsets[a]), int(offsets[b])
                left_start = spans[max(0, i - window)][2] if window else a
                right_end = spans[min(len(spans), i + n + window) - 1][3] if window else b
                if offsets is not None:
                    left_start, right_end = int(offsets[left_start]), int(offsets[right_end])
                rows.append(
                    {
                        "article_id": row.article_id,
                        "sentence_id": row.sentence_id,
                        "section": row.section if has_section else None,
                        "left": text[left_start:a].strip(),
                        "match": text[a:b],
                        "right": text[b:right_end].strip(),
                        "char_start": row.char_start + a,
                        "char_end": row.char_start + b,
                    }
                )
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)
