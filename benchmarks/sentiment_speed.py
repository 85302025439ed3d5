"""Speed of sentence_sentiment against a plain loop of TextBlob + VADER, same sentences.

Usage::

    .venv/bin/python benchmarks/sentiment_speed.py ../shared/bench/kpcrowd500n-train.jsonl [--repeat 3]

Both sides score every sentence of the corpus's sentence table with TextBlob polarity
and subjectivity and VADER's four scores. The plain loop builds ``TextBlob(s)`` for each
sentence (VADER's analyser once); ``sentence_sentiment`` also keeps the evidence words
of both lexicons and returns a DataFrame. Best of ``--repeat`` runs.

``sentence_sentiment`` is timed three ways: as called alone, when its economic reading
parses the sentences that name an indicator and a movement word and its reading of
names those with a capitalised word of VADER's lexicon (spaCy); with ``names=False``
(the economic reading only); and with ``economics=False, names=False`` (no parse). Inside ``analyse()`` the article's parse is shared
with the other analyses, so the economic reading costs about a millisecond an article
on top (``benchmarks/economic_tone.py``).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textblob import TextBlob  # noqa: E402
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: E402

from analysis import load_corpus, sentences  # noqa: E402
from analysis.measures.tone import sentence_sentiment  # noqa: E402
from analysis.nlp import parse  # noqa: E402


def plain_loop(texts: list[str]) -> list[tuple]:
    vader = SentimentIntensityAnalyzer()
    out = []
    for text in texts:
        s = TextBlob(text).sentiment
        v = vader.polarity_scores(text)
        out.append((s.polarity, s.subjectivity, v["compound"], v["pos"], v["neu"], v["neg"]))
    return out


def best(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = sentences(load_corpus(args.data, progress=False), progress=False)
    texts = table["text_norm"].tolist()
    parsed = parse(table)  # made once for every measure, as analyse() does: not timed
    sentence_sentiment(parse(table.head(5)))  # load lexicons once
    plain_loop(texts[:5])
    ours = best(lambda: sentence_sentiment(parsed), args.repeat)
    economic = best(lambda: sentence_sentiment(parsed, names=False), args.repeat)
    lexicons = best(lambda: sentence_sentiment(parsed, economics=False, names=False), args.repeat)
    plain = best(lambda: plain_loop(texts), args.repeat)
    scores = sentence_sentiment(parsed)
    reference = plain_loop(texts)
    diff = max(abs(a - r[0]) for a, r in zip(scores["polarity"], reference, strict=True))
    print(f"{args.data.name}: {len(texts):,} sentences")
    print(f"{'method':48s} {'seconds':>8s} {'sent/s':>9s} {'speed vs plain':>15s}")
    print(
        f"{'sentence_sentiment (with evidence, DataFrame)':48s} {ours:8.2f} {len(texts) / ours:9.0f} {plain / ours:14.2f}x"
    )
    print(
        f"{'sentence_sentiment(names=False)':48s} {economic:8.2f} {len(texts) / economic:9.0f} {plain / economic:14.2f}x"
    )
    print(
        f"{'sentence_sentiment(economics=False, names=False)':48s} {lexicons:8.2f} {len(texts) / lexicons:9.0f} {plain / lexicons:14.2f}x"
    )
    print(
        f"{'plain loop: TextBlob(s).sentiment + VADER':48s} {plain:8.2f} {len(texts) / plain:9.0f} {1.0:14.2f}x"
    )
    print(f"max |polarity difference| against TextBlob: {diff:.2e}")


if __name__ == "__main__":
    main()
