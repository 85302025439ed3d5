"""The compiled batch scorer gives exactly TextBlob's numbers (TextBlob is the oracle)."""

from __future__ import annotations

import itertools

import numpy as np
from textblob import TextBlob

from analysis.measures.fastblob import (
    assessments,
    sentiment,
    sentiments,
    sentiments_with_assessments,
)

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
        # a modifier or negation that the next word clears, or does not
        "They did not sign the treaty.",
        "It was not signed, officials said.",
        "No treaty was signed and no good came of it.",
        "He didn't sign; he never said good things.",
        "The really big deal was truly historic.",
        "Very, very good. Not very good. Very not good.",
        "It is not (good) and not sure and not so bad.",
        "Recently signed deals are mostly good, hardly anyone is unhappy.",
        "The most important and the very best of the nearly perfect plans",
        "not ok",
        "never.",
        " ".join(["good"] * 70 + ["bad"] * 30),  # more lexicon hits than the fast path sums
        # emoticons and "( ! )" whose characters are apart by more than one space, or by
        # quote spacing: pattern's tokenizer closes the gaps, then its rules fire
        "so sad : '( today",
        "it is : ' ( bad",
        "good :  ) yes",
        "good :\t) yes, bad ; - )",
        "nice (  ! ) really",
        "nice (\n!) really",
        "good\n \nbad",
        "good\r\n\r\nbad",
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
    from analysis.measures.fastblob import _compiled

    texts = varied_sentences()[:60]
    expected = sentiments(texts)
    compiled = _compiled()
    limit = compiled.max_cache
    compiled.max_cache = 7  # cleared before nearly every batch of 5 texts
    try:
        compiled.reset()
        assert np.array_equal(sentiments(texts, batch_size=5), expected)
        assert len(compiled.cache) < 7 + 60
    finally:
        compiled.max_cache = limit
