"""Keyphrases: an article's noun phrases ranked by PositionRank over spaCy's parse,
weighted by how much rarer their words are than in general English (:func:`keyphrases`)."""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import FramingError
from ..lexicons import title_abbreviations
from ..nlp.lemmas import inflection_lemma
from ..nlp.parsing import NAME_LABELS, Parse, require_parse
from ..text.article import is_title_case
from ..text.sentences import ANALYSED_ROLES
from ..text.tokens import StopWords, load_stop_words
from .keywords import select_roles, zipf

__all__ = ["keyphrases", "KEYPHRASE_COLUMNS"]

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

# wordfreq's Zipf scale: log10 of frequency per billion words. Words unknown to it are
# floored here, so unseen names rank high but not infinitely.
_ZIPF_FLOOR = 1.5

_ZIPF_CEIL = 8.0


@lru_cache(maxsize=200_000)
def _specificity(word: str) -> float:
    """How much rarer than in general English a word is: 8.5 minus its Zipf frequency."""
    z = min(max(zipf(word), _ZIPF_FLOOR), _ZIPF_CEIL)
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
    phrases: list[list] = []
    run: list = []
    skip_to = 0
    lengths = sorted({len(x) for x in names}, reverse=True)
    firsts = {x[0] for x in names}
    for tok in doc:
        if tok.i < skip_to:
            continue
        name = None
        if lengths and tok.is_title and tok.lower_ in firsts:  # a linked name, wherever written
            name = _linked_at(doc, tok, names, lengths)
        if name is not None:  # "Save the Children", "Bank of England": one phrase
            _flush(run, phrases, max_words)
            phrases.append(name)
            skip_to = name[-1].i + 1
            continue
        hyphen = _hyphen(doc, tok, run)
        if run and _starts_a_name(tok, run[-1]):
            _flush(run, phrases, max_words)
        if hyphen or _phrase_word(tok, stop):
            run.append(tok)
        else:
            _flush(run, phrases, max_words)
    _flush(run, phrases, max_words)
    return phrases


def _linked_at(doc, tok, names, lengths) -> list | None:
    return next(
        (
            list(doc[tok.i : tok.i + n])
            for n in lengths
            if tuple(t.lower_ for t in doc[tok.i : tok.i + n]) in names
        ),
        None,
    )


def _starts_a_name(tok, previous) -> bool:
    """A name starts its own phrase ("pop star | Michael Buble") and ends there ("to
    Russia | Kazem Jalali")."""
    if tok.ent_iob_ == "B" and tok.ent_type_ not in _DESCRIPTIVE_ENTS:
        return True
    return (
        tok.ent_iob_ == "O"
        and tok.pos_ == "PROPN"
        and previous.ent_iob_ != "O"
        and previous.ent_type_ not in _DESCRIPTIVE_ENTS
    )


def _hyphen(doc, tok, run) -> bool:
    """A hyphen inside a hyphenated word of the run ("U.S.-led", "long-term")."""
    return bool(
        tok.text == "-"
        and run
        and not run[-1].whitespace_
        and tok.i + 1 < len(doc)
        and not tok.whitespace_
        and doc[tok.i + 1].pos_ in _PHRASE_POS
    )


def _phrase_word(tok, stop) -> bool:
    low = tok.lower_
    return (
        tok.pos_ in _PHRASE_POS
        and low not in stop
        and not _abbreviated_title(tok)
        and len(low) > 1
        and any(c.isalpha() for c in low)
        and not (tok.like_url or tok.like_email)
        and tok.ent_type_ not in _MEASURE_ENTS
    )


def _flush(run: list, phrases: list, max_words: int) -> None:
    """The run's phrases, split where a word's head lies outside what follows it."""
    if not run:
        return
    segment: list = []
    last = run[-1].i
    for tok in run:
        segment.append(tok)
        if tok.i != last and not (tok.i < tok.head.i <= last):
            _emit(segment, phrases, max_words)
            segment = []
    _emit(segment, phrases, max_words)
    run.clear()


def _emit(segment: list, phrases: list, max_words: int) -> None:
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
    parsed: Parse,
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
    parsed : Parse
        The parse of one article's sentence table (:func:`analysis.nlp.parse`).
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
    if top_n < 1:
        raise ValueError(f"top_n must be at least 1, not {top_n}")
    if scoring not in ("sum", "mean"):
        raise ValueError(f"scoring must be 'sum' or 'mean', not {scoring!r}")
    if window < 2:
        raise ValueError(f"window must be at least 2, not {window}")
    if not 0 < damping < 1:
        raise ValueError(f"damping must be between 0 and 1, not {damping}")
    parsed = require_parse(parsed, "keyphrases()")
    table = select_roles(parsed.sentences, roles)
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in KEYPHRASE_COLUMNS})
    if table.empty:
        return empty
    if table["article_id"].nunique() > 1:
        raise FramingError(
            "keyphrases() ranks one article; group the table by article_id and call it per article."
        )
    graph = _Candidates(load_stop_words(stop_words), max_words)
    graph.read(table, parsed)
    if not graph.found:
        return empty
    rank = _position_rank(
        graph.sequence,
        np.asarray(graph.candidate),
        len(graph.vocab),
        window=window,
        damping=damping,
    )
    words_by_id = {i: w for w, i in graph.vocab.items()}
    weight = np.array([_specificity(words_by_id[i]) for i in range(len(graph.vocab))])
    stats = _phrase_stats(graph.running_found(), rank * weight, scoring)
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


class _Candidates:
    """The article's candidate phrases and the word sequence PositionRank reads:
    ``vocab`` (word key -> id), ``sequence`` (a word id a token, -1 for other tokens),
    ``candidate`` (whether a token is a candidate word) and ``found``: (key, surface,
    sentence_id, word ids, titled, is a name) of every candidate occurrence."""

    def __init__(self, stop: frozenset[str], max_words: int) -> None:
        self.stop, self.max_words = stop, max_words
        self.vocab: dict[str, int] = {}
        self.sequence: list[int] = []
        self.candidate: list[bool] = []
        self.found: list[tuple] = []

    def read(self, table: pd.DataFrame, parsed: Parse) -> None:
        article_id = table["article_id"].iloc[0]
        roles = table["role"].tolist() if "role" in table.columns else ["body"] * len(table)
        docs = [parsed.sentence(article_id, int(sid))[0] for sid in table["sentence_id"]]
        # names held together by small words ("Save the Children") that the recogniser
        # found somewhere are one phrase wherever they are written
        linked_names = frozenset(
            tuple(t.lower_ for t in name)
            for doc in docs
            if doc is not None
            for ent in doc.ents
            if (name := _linked_name(ent, self.stop, self.max_words)) is not None
        )
        for sid, role, text, doc in zip(
            table["sentence_id"], roles, table["text"], docs, strict=True
        ):
            if doc is None:
                continue
            # a Title Case line in the body is a heading, unless it ends as a sentence
            # does ("The Bank of England and the Ministry of Foreign Affairs ... asked.")
            titled = role != "body" or (
                is_title_case(str(text)) and not str(text).rstrip().endswith(_SENTENCE_ENDS)
            )
            self._sentence(doc, int(sid), titled, linked_names)

    def _sentence(self, doc, sid: int, titled: bool, linked_names) -> None:
        start = len(self.sequence)
        doc_text = doc.text  # built from the tokens on each access
        known: dict[int, str] = {}

        def word_key(tok):
            key = known.get(tok.i)
            if key is None:
                key = known[tok.i] = _word_key(tok)
            return key

        self.sequence.extend([-1] * len(doc))
        self.candidate.extend([False] * len(doc))
        for tokens in _phrase_tokens(doc, self.stop, self.max_words, linked_names):
            words = [t for t in tokens if t.text != "-" and not _is_link(t, tokens)]
            linked = len(words) < sum(t.text != "-" for t in tokens)  # a linked name
            keys = [t.lower_ if linked else word_key(t) for t in words]
            ids = []
            for tok, key in zip(words, keys, strict=True):
                index = self.vocab.setdefault(key, len(self.vocab))
                self.sequence[start + tok.i] = index
                self.candidate[start + tok.i] = True
                ids.append(index)
            surface = doc_text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
            key = " ".join(t.lower_ for t in tokens) if linked else _join_key(tokens, word_key)
            name = linked or all(t.pos_ == "PROPN" for t in words)
            self.found.append((key, surface, sid, ids, titled, name))

    def running_found(self) -> list[tuple]:
        """Title Case lines are tagged poorly ("Russia and Iran Sign ..."): their
        phrases count only when the running text has them too; their words still
        count in the graph."""
        body_keys = {f[0] for f in self.found if not f[4]}
        if not body_keys:
            return self.found
        return [f for f in self.found if not f[4] or f[0] in body_keys]


def _phrase_stats(found: list[tuple], word_score: np.ndarray, scoring: str) -> dict[str, dict]:
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
    return stats


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
