"""The compiled batch scorer gives exactly TextBlob's numbers (TextBlob is the oracle)."""

from __future__ import annotations

import itertools

import numpy as np
from textblob import TextBlob

from analysis.fastblob import assessments, sentiment, sentiments, sentiments_with_assessments

SUBJECTS = ["The deal", "Putin’s plan", "This “historic” pact", "It", "The U.S. envoy"]
MIDDLES = [
    "is good",
    "is not good",
    "is very good",
    "is really not bad",
    "isn't great",
    "is not a good idea",
    "was never helpful",
    "is extremely, extremely bad",
    "looks terrible!!!",
    "is fine (!)",
    "is so-so",
    "was described as a “real breakthrough”",
    "seems 'constructive', officials said",
    "is quite good... or not",
    "is good :)",
    "is bad :-(",
    "is awesome XD",
    "is sad :'(",
    "is OK ;)",
]
ENDS = ["", ".", "!", "?", " at all.", " — clearly.", " (2008)."]


def varied_sentences() -> list[str]:
    combos = itertools.product(SUBJECTS, MIDDLES, ENDS)
    return [f"{a} {b}{c}" for a, b, c in itertools.islice(combos, 0, None, 2)] + [
        "",
        "   ",
        "!!!",
        "Good.\n\nBad!",
        "not",
        "very",
        "I don't like it... at all :(",
        "The sad, sad story ( ! ) of a good man",
        "8) 8 ) :-) : )",
    ]


def check(texts: list[str]) -> None:
    batch = sentiments(texts)
    full = sentiments_with_assessments(texts)
    for text, row, (p, s, a) in zip(texts, batch, full, strict=True):
        expected = TextBlob(text).sentiment_assessments
        assert abs(row[0] - expected.polarity) <= 1e-9, text
        assert abs(row[1] - expected.subjectivity) <= 1e-9, text
        assert (p, s) == (row[0], row[1])
        assert [words for words, *_ in a] == [words for words, *_ in expected.assessments], text
        single = sentiment(text)
        assert (single[0], single[1]) == (p, s)


def test_equals_textblob_on_the_seed(seed_sentences):
    check(seed_sentences["text"].tolist() + seed_sentences["text_norm"].tolist())


def test_equals_textblob_on_varied_sentences():
    texts = varied_sentences()
    assert len(texts) > 300
    check(texts)


def test_assessments_keep_the_words():
    words = [w for w, *_ in assessments("It is not very good!")]
    assert words == [
        w for w, *_ in TextBlob("It is not very good!").sentiment_assessments.assessments
    ]


def test_shapes_and_empty_input():
    assert sentiments([]).shape == (0, 2)
    assert np.array_equal(sentiments(["", "   "]), np.zeros((2, 2)))


def test_a_full_chunk_cache_is_cleared_without_changing_results():
    from analysis.fastblob import _compiled

    texts = varied_sentences()[:60]
    expected = sentiments(texts)
    compiled = _compiled()
    limit = compiled.max_cache
    compiled.max_cache = 7  # clear many times within one batch
    try:
        compiled.cache.clear()
        assert np.array_equal(sentiments(texts), expected)
    finally:
        compiled.max_cache = limit
