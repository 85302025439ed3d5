"""The sentence table: one row a sentence, the input every analysis consumes.

Sentence boundaries come from nupunkt (an unsupervised Punkt model trained on a large
English corpus and shipped with the package, no download), run on each block of the
article separately, so headlines and headings, which have no final punctuation, never
merge with the text below them. It handles abbreviations such as "U.S.", "Mr.",
"Gen.", "p.m.", "Jan. 5" and quotations; the abbreviated titles of the actor lexicon
(``roles.yaml``: "Lt.", "Cmdr.") are added to its abbreviations, so "Lt. Gov. Gavin
Newsom" stays one sentence.

A rights notice closing the article ("© Copyright 2011 Associated Press. All rights
reserved. This material may not be published, broadcast, rewritten or
redistributed.") keeps its sentences, with the role "notice", which no analysis reads:
it is the publisher's, not the story's.
"""

from __future__ import annotations

import re
import warnings
from collections import namedtuple
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

import nupunkt
import pandas as pd
from tqdm.auto import tqdm

from ..errors import ArticleLoadError, FramingError, InputSizeError
from ..lexicons.files import title_abbreviations
from . import limits
from .article import Article, NotEnglishWarning
from .normalize import normalize_with_offsets
from .words import count_words

__all__ = [
    "sentences",
    "split_sentences",
    "require_sentence_table",
    "SENTENCE_COLUMNS",
    "ANALYSED_ROLES",
    "SkippedArticleWarning",
    "table_rows",
    "article_spans",
    "warn_left_out",
]

#: Columns of the sentence table, in order.
SENTENCE_COLUMNS = [
    "article_id",
    "sentence_id",
    "paragraph_id",
    "section_id",
    "section",
    "role",
    "char_start",
    "char_end",
    "n_words",
    "text",
    "text_norm",
]
_DTYPES = {
    "article_id": "string",
    "sentence_id": "int64",
    "paragraph_id": "int64",
    "section_id": "int64",
    "section": "string",
    "role": "string",
    "char_start": "int64",
    "char_end": "int64",
    "n_words": "int64",
    "text": "string",
    "text_norm": "string",
}
_SPLIT_ROLES = frozenset({"standfirst", "body"})
#: The roles whose sentences the analyses read by default: what the article states
#: (headings label sections; bylines name the author), in one place for every module.
ANALYSED_ROLES = ("headline", "standfirst", "body")

#: A sentence of a publisher's rights notice: it opens with the copyright sign or word
#: ("© 2024 Reuters", "Copyright 2011 The Salt Lake Tribune."), or reserves rights
#: or forbids reuse. Only a run of them closing the article counts, so a story about
#: copyright keeps its sentences.
_NOTICE = re.compile(
    r"^\W*(?:©|\(c\)\s|copyright\b)"
    r"|\ball rights reserved\b"
    r"|\bmay not be (?:re)?(?:published|produced|printed|distributed)\b"
    r"|\brewritten,? or redistributed\b"
    r"|\bwithout the (?:express |prior )*written (?:consent|permission)\b",
    re.IGNORECASE,
)


class SkippedArticleWarning(UserWarning):
    """Some articles of a corpus could not be read and were left out."""


@lru_cache(maxsize=1)
def _splitter():

    tokenizer = nupunkt.load_default_model()
    tokenizer.add_abbreviations(sorted(title_abbreviations()))

    def spans(text: str) -> list[tuple[int, int]]:
        return [span for _, span in tokenizer.tokenize_with_spans(text)]

    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in ``text``, whitespace trimmed.

    The text is normalised for the splitter (curly quotes, odd spaces) and the spans
    mapped back, so ``text[start:end]`` is always a sentence of the original text.
    Line breaks are *not* treated as boundaries here: split blocks first (as
    :func:`sentences` does) when lines are headings or paragraphs.

    Examples
    --------
    >>> s = "The U.S. envoy met Gen. Smith at 5 p.m. on Jan. 5. They talked."
    >>> [s[a:b] for a, b in split_sentences(s)]
    ['The U.S. envoy met Gen. Smith at 5 p.m. on Jan. 5.', 'They talked.']
    """
    if not text or not text.strip():
        return []
    norm, offsets = normalize_with_offsets(text)
    spans = []
    for start, end in _splitter()(norm):
        if offsets is not None:
            start, end = int(offsets[start]), int(offsets[end])
        segment = text[start:end]
        stripped = segment.strip()
        if not stripped:
            continue
        lead = len(segment) - len(segment.lstrip())
        start += lead
        end = start + len(stripped)
        # a "sentence" that starts in lower case after an abbreviation ("$4.2 bn. in
        # total") continues the previous one
        if spans and stripped[0].islower() and text[spans[-1][1] - 1] == ".":
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def sentences(
    data: Article | pd.DataFrame | Iterable[Article],
    *,
    errors: Literal["skip", "raise"] = "skip",
    progress: bool | None = None,
) -> pd.DataFrame:
    """Build the sentence table of one article or of many.

    Parameters
    ----------
    data : Article, DataFrame or iterable of Article
        An :class:`~analysis.Article`; or a DataFrame with ``article_id`` and ``text``
        columns (``title`` optional; :func:`~analysis.load_corpus` makes one); or any
        iterable of articles.
    errors : {"skip", "raise"}
        For DataFrame rows that cannot be read (e.g. empty text): leave them out with a
        :class:`SkippedArticleWarning` naming them, or raise.
    progress : bool, optional
        Show a progress bar; by default only for more than 500 articles on a terminal.

    Returns
    -------
    pandas.DataFrame
        One row a sentence, in reading order:

        - ``article_id``: the article's id.
        - ``sentence_id``: 0, 1, ... within the article.
        - ``paragraph_id``: index of the block (headline, standfirst, heading or
          paragraph) within the article.
        - ``section_id``, ``section``: 0 and "Lead" before the first heading, then
          the heading's number and text.
        - ``role``: "headline", "standfirst", "byline", "heading" or "body";
          "notice" for a rights notice closing the article ("All rights reserved."),
          which the analyses leave out.
        - ``char_start``, ``char_end``: offsets into ``Article.text`` (for a DataFrame
          row, into its ``text``, after a missing headline is put in front), so that
          ``text[char_start:char_end]`` is the sentence.
        - ``n_words``: its words (:func:`analysis.text.words.count_words`: runs of
          letters or digits; punctuation and symbols are not words).
        - ``text``: the sentence as written.
        - ``text_norm``: the sentence normalised for analysis tools (straight quotes,
          plain spaces; see :func:`analysis.preprocess.normalize`).

        An empty input gives an empty table with these columns.
    """
    if errors not in ("skip", "raise"):
        raise ValueError(f"errors must be 'skip' or 'raise', not {errors!r}")
    if isinstance(data, Article):
        articles: Iterable[Article] = [data]
        total = 1
    elif isinstance(data, pd.DataFrame):
        articles = _articles_from_frame(data, errors=errors)
        total = len(data)
    elif isinstance(data, str):
        raise FramingError(
            "sentences() takes an Article or a DataFrame of articles, not a str: use sentences(Article.from_text(text))."
        )
    else:
        data = list(data)
        articles, total = data, len(data)

    columns: dict[str, list] = {c: [] for c in SENTENCE_COLUMNS}
    show = progress if progress is not None else (total > 500 and None)
    iterator = articles
    if show is not False:
        iterator = tqdm(
            articles,
            total=total,
            desc="sentences",
            unit="article",
            disable=None if show is None else not show,
        )
    skipped: list[str] = []
    for article in iterator:
        if not isinstance(article, Article):
            raise FramingError(
                f"sentences() expected Article objects, got {type(article).__name__}."
            )
        try:
            rows = _article_rows(article)
        except InputSizeError as exc:
            if isinstance(data, Article) or errors == "raise":
                raise
            skipped.append(f"{article.article_id} ({exc.problem})")
            continue
        for column, values in rows.items():
            columns[column].extend(values)
    if skipped:
        warnings.warn(
            f"{len(skipped)} article(s) skipped: {'; '.join(skipped[:10])}",
            SkippedArticleWarning,
            stacklevel=2,
        )
    return pd.DataFrame(columns).astype(_DTYPES)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence span, or the pieces of at most MAX_SENTENCE_WORDS words that a
    longer run without a sentence end is cut into (at spaces)."""
    words = [m.span() for m in re.finditer(r"\S+", text[start:end])]
    size = limits.MAX_SENTENCE_WORDS
    if len(words) <= size:
        return [(start, end)]
    return [
        (start + words[i][0], start + words[min(i + size, len(words)) - 1][1])
        for i in range(0, len(words), size)
    ]


def _article_rows(article: Article) -> dict[str, list]:
    """The sentence table's columns for one article; InputSizeError past the
    sentence limit."""
    columns: dict[str, list] = {c: [] for c in SENTENCE_COLUMNS}
    text = article.text
    sections = {0: "Lead"}
    for block in article.blocks:
        if block.role == "heading":
            sections[block.section_id] = block.text
    sentence_id = 0
    first_body = True
    for block in article.blocks:
        start, end = block.start, block.end
        if block.role in _SPLIT_ROLES:
            if block.role == "body" and first_body:
                first_body = False
                if article.dateline_span and start <= article.dateline_span[0] < end:
                    start = _after_dateline(text, article.dateline_span[1], end)
            spans = [
                piece
                for a, b in split_sentences(text[start:end])
                for piece in _pieces(text, start + a, start + b)
            ]
        else:
            spans = _pieces(text, start, end)
        if sentence_id + len(spans) > limits.max_sentences():
            raise InputSizeError(
                article.source,
                f"the article has over {limits.max_sentences():,} sentences, the limit.",
                limits.HINT,
            )
        for a, b in spans:
            sentence = text[a:b]
            columns["article_id"].append(article.article_id)
            columns["sentence_id"].append(sentence_id)
            columns["paragraph_id"].append(block.paragraph_id)
            columns["section_id"].append(block.section_id)
            columns["section"].append(sections.get(block.section_id, "Lead"))
            columns["role"].append(block.role)
            columns["char_start"].append(a)
            columns["char_end"].append(b)
            columns["n_words"].append(count_words(sentence))
            columns["text"].append(sentence)
            columns["text_norm"].append(normalize_with_offsets(sentence)[0])
            sentence_id += 1
    _mark_notice(columns["role"], columns["text"], 0)
    return columns


def _mark_notice(roles: list[str], texts: list[str], first: int) -> None:
    """Give the role "notice" to the run of rights-notice sentences that closes the
    article whose rows start at ``first``; its first body sentence always stays."""
    body = [i for i in range(first, len(roles)) if roles[i] == "body"]
    for i in reversed(body[1:]):
        if not _NOTICE.search(texts[i]):
            break
        roles[i] = "notice"


def require_sentence_table(
    table, caller: str, columns: tuple[str, ...] = ("article_id", "sentence_id", "text_norm")
) -> None:
    """Raise a FramingError naming ``caller`` unless ``table`` is a sentence table."""
    if not isinstance(table, pd.DataFrame):
        raise FramingError(
            f"{caller} takes a sentence table (a DataFrame from analysis.sentences), not a {type(table).__name__}."
        )
    missing = set(columns) - set(table.columns)
    if missing:
        raise FramingError(
            f"{caller}: the sentence table lacks {sorted(missing)}; build it with analysis.sentences(article)."
        )


def _after_dateline(text: str, place_end: int, block_end: int) -> int:
    """Offset of the first character after the dateline's place, agency and dash or
    colon (or the agency alone, where the dash was lost: "LOS ANGELES (AP) A savage
    ...")."""
    i = place_end
    dash_seen = agency_seen = False
    while i < block_end:
        ch = text[i]
        if ch in "–—-:":
            dash_seen = True
        elif ch == ")" and not dash_seen:
            agency_seen = True
        elif (dash_seen or agency_seen) and not ch.isspace():
            return i
        i += 1
    return place_end


def _articles_from_frame(frame: pd.DataFrame, *, errors: str) -> Iterable[Article]:
    missing = {"article_id", "text"} - set(frame.columns)
    if missing:
        raise FramingError(
            f"the articles DataFrame lacks the column(s) {sorted(missing)}; it has {list(frame.columns)}. "
            "Use load_corpus(), or name the columns article_id, title and text."
        )
    skipped: list[str] = []
    not_english: list[str] = []
    has = {c: c in frame.columns for c in ("title", "outlet", "date", "url", "source", "language")}
    for row in frame.itertuples(index=False):
        values = row._asdict()
        meta = {c: _scalar(values[c]) for c, present in has.items() if present}
        try:
            text = values["text"]
            if not isinstance(text, str):
                raise ArticleLoadError(values["article_id"], "the text is missing.")
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", NotEnglishWarning)
                article = Article.from_text(
                    text,
                    article_id=str(values["article_id"]),
                    source=meta.pop("source", None) or str(values["article_id"]),
                    title=meta.pop("title", None),
                    **meta,
                )
            if caught:
                not_english.append(str(values["article_id"]))
            yield article
        except ArticleLoadError as exc:
            if errors == "raise":
                raise
            skipped.append(f"{values['article_id']} ({exc.problem})")
    warn_left_out(not_english, skipped, stacklevel=4)


def _scalar(value):
    if (
        value is None
        or (isinstance(value, float) and value != value)
        or value is pd.NA
        or value is pd.NaT
    ):
        return None
    return str(value)


def table_rows(frame: pd.DataFrame) -> list:
    """The rows of ``frame`` as named tuples (``row.text``, ``row.sentence_id``).

    What ``frame.itertuples(index=False)`` gives, built from whole columns at once:
    ``itertuples`` selects every column through ``iloc`` on each call, which costs more
    than the analyses' own work on a one-article table.
    """
    make = _row_type(tuple(str(c) for c in frame.columns))._make
    columns = [frame[c].tolist() for c in frame.columns]
    return [make(values) for values in zip(*columns, strict=True)]


@lru_cache(maxsize=64)
def _row_type(columns: tuple[str, ...]):

    return namedtuple("Row", columns, rename=True)


def article_spans(
    text: str, char_start: int, spans: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Spans in a sentence's normalised text (``text_norm``) as offsets into the
    article's text, given the sentence's original ``text`` and its ``char_start``:
    evidence found on the normalised text can be marked in the original."""
    offsets = _norm_offsets(text)
    if offsets is None:
        return [(char_start + a, char_start + b) for a, b in spans]
    return [(char_start + int(offsets[a]), char_start + int(offsets[b])) for a, b in spans]


@lru_cache(maxsize=512)
def _norm_offsets(text: str):
    """normalize_with_offsets' map for a sentence, computed once per sentence text
    (hedges and every frame's cues of a sentence reuse it)."""
    return normalize_with_offsets(text)[1]


def warn_left_out(
    not_english: list[str], skipped: list[str], *, stacklevel: int = 3, loaded: bool = False
) -> None:
    """One warning for the articles of a batch that do not look like English (loaded
    anyway) and one for those skipped, each naming the first ten."""
    if not_english:
        shown = ", ".join(not_english[:10]) + (" ..." if len(not_english) > 10 else "")
        anyway = " and were loaded anyway" if loaded else ""
        warnings.warn(
            f"{len(not_english)} article(s) do not look like English{anyway}: {shown}",
            NotEnglishWarning,
            stacklevel=stacklevel,
        )
    if skipped:
        shown = "; ".join(skipped[:10]) + (
            f"; and {len(skipped) - 10} more" if len(skipped) > 10 else ""
        )
        warnings.warn(
            f"{len(skipped)} article(s) skipped: {shown}",
            SkippedArticleWarning,
            stacklevel=stacklevel,
        )
