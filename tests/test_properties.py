"""Property-based tests: for any text, every step succeeds with valid offsets or raises
the project's own error, never anything else (Hypothesis generates the texts)."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import Article, FramingError, analyse
from analysis.measures import kwic
from analysis.report.article_page import article_page
from analysis.report.explore import highlight_article

WORDS = [
    "Putin", "said", "the", "treaty", "Iran", "may", "could", "“", "”", '"', "'", "«", "»",
    "``", "''", "U.S.", "Mr.", "—", "-", ":", ";", ",", ".", "?", "!", "(", ")", "#", "*",
    "according", "to", "officials", "analysts", "suggest", "war", "sanctions", "\u200b",
    "\u00a0", "\t", "\x0b", "\x1f", "\u2028", "\ufeff", "e\u0301", "😀", "ß", "İ", "ﬁ",
]  # fmt: skip
LINE_ENDS = ["\n", "\r\n", "\r", "\n\n", " "]

articulated = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(LINE_ENDS),
        st.text(min_size=1, max_size=12),
        st.text(alphabet="abcXYZ", min_size=300, max_size=3000),  # enormous words
    ),
    max_size=120,
).map(" ".join)

anything = st.one_of(
    st.text(max_size=600),
    st.text(st.characters(exclude_categories=()), max_size=200),  # surrogates too
    articulated,
)


def _check_offsets(article: Article, frame: pd.DataFrame, text_column: str | None) -> None:
    for row in frame.itertuples():
        start, end = int(row.char_start), int(row.char_end)
        assert 0 <= start <= end <= len(article.text)
        if text_column is not None:
            assert article.text[start:end] == getattr(row, text_column)


def _analyse(text: str) -> None:
    """Every table, finding and view of the pipeline on ``text``: our error or a result."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            article = Article.from_text(text)
    except FramingError:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = analyse(article)
        except FramingError:
            return
        _check_offsets(article, result.sentences, "text")
        tables = result.tables()  # every step, the aggregates, the findings, the Summary
        _check_offsets(article, result.mentions, "surface")
        _check_offsets(article, result.quotes, None)
        assert len(tables["sentences"]) == len(result.sentences)
        row = result.summary()
        assert row["n_words"] == result.counts.n_words
        kwic(result.sentences, "treaty")
        highlight_article(
            article,
            result.sentences,
            mentions=result.mentions,
            quotes=result.quotes,
            hedges=result.hedging,
        )
        page = article_page(result, {})
        assert "<script" not in page


@pytest.mark.filterwarnings("ignore")
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same examples every run: CI stays deterministic
)
@given(anything)
def test_any_text_is_analysed_or_refused_with_our_error(text):
    _analyse(text)


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02",
        "\r\r\r",
        "x" * 200_000,
        "“" * 50,
        "Putin said: «»",
        "\ufeff\ufeff",
        "A.\nB.\r\nC.\rD.",
        "He said \"'' `` ' ”",
        "\ud800 lone surrogate",
    ],
    ids=lambda t: repr(t[:12]),
)
def test_known_hard_texts(text):
    _analyse(text)
