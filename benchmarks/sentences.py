"""Build the sentence table for a corpus: speed, peak memory and boundary accuracy.

Usage::

    .venv/bin/python benchmarks/sentences.py ../shared/bench/kpcrowd500n-train.jsonl [--repeat 3]

Compares, in one run and on the same articles:

- ``analysis.text.sentences`` (block structure + nupunkt + offsets + normalised text),
- NLTK's untrained Punkt (``PunktSentenceTokenizer()``: the obvious offline choice when
  the trained ``punkt`` data cannot be downloaded), per line, same output table,
- a regular expression split after ``.!?`` before a capital, per line, same table.

It prints sentences per second (best of ``--repeat``), the peak Python memory of one
pass (tracemalloc), the ratio to ours, and the share of correct splits on a small set of
hand-written hard cases (abbreviations, initials, times, dates, quotes).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import Article, load_corpus, sentences, split_sentences  # noqa: E402

HARD_CASES = [
    ("The U.S. envoy met Iran's minister. They talked.", 2),
    ("Mr. Smith met Gen. Jones in Kabul. Both left.", 2),
    ("The vote ended at 5 p.m. The count began.", 2),
    ("Talks start Jan. 5 in Oslo. Delegates arrive early.", 2),
    ("Talks began on Jan. 5. They ended Jan. 9.", 2),
    ('He said: "We won." Then he left.', 2),
    ("He said: “We won.” Then he left.", 2),
    ("Is it over? “No,” she said. Sen. Lee agreed!", 3),
    ("Dr. Ana Ruiz of St. Mary's Hospital spoke. Nobody else did.", 2),
    ("The U.N. and the E.U. met in Brussels. A deal followed.", 2),
    ("Shares rose 2.5 percent on Friday. Bonds fell.", 2),
    ("Prof. J. R. Tolkien's heirs sued. The case ended.", 2),
    ("It cost $4.2 bn. in total, officials said. Critics disagreed.", 2),
    ("Gov. Ron DeSantis (R-Fla.) spoke on Tuesday. Aides said little.", 2),
    ("Crews worked late. Lt. Gov. Gavin Newsom visited. Police spokesman Lt. Joe Cole spoke.", 3),
]

_REGEX = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’')]))\s+(?=[\"“‘'(]?[A-Z0-9])")


def regex_spans(text: str):
    start = 0
    for m in _REGEX.finditer(text):
        yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def _nltk_spans():
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    tokenizer = PunktSentenceTokenizer()
    return tokenizer.span_tokenize


def line_table(articles: pd.DataFrame, spans_of) -> pd.DataFrame:
    """The obvious alternative: split on line breaks, then sentences, same columns."""
    rows = {
        k: []
        for k in ("article_id", "sentence_id", "paragraph_id", "char_start", "char_end", "text")
    }
    for article_id, text in zip(articles["article_id"], articles["text"], strict=True):
        sid = 0
        pos = 0
        for pid, line in enumerate(text.split("\n")):
            for a, b in spans_of(line):
                sentence = line[a:b].strip()
                if sentence:
                    start = pos + a + (len(line[a:b]) - len(line[a:b].lstrip()))
                    for key, value in zip(
                        rows,
                        (article_id, sid, pid, start, start + len(sentence), sentence),
                        strict=True,
                    ):
                        rows[key].append(value)
                    sid += 1
            pos += len(line) + 1
    return pd.DataFrame(rows)


def measure(name, func, repeat):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        table = func()
        best = min(best, time.perf_counter() - t0)
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "method": name,
        "sentences": len(table),
        "seconds": best,
        "sent_per_s": len(table) / best,
        "peak_MiB": peak / 2**20,
    }


def hard_case_accuracy(spans_of) -> float:
    return sum(
        len([1 for a, b in spans_of(t) if t[a:b].strip()]) == n for t, n in HARD_CASES
    ) / len(HARD_CASES)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "data", type=Path, help="JSONL corpus (one object a line with a text field)"
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t0 = time.perf_counter()
        articles = load_corpus(args.data, progress=False)
        load_s = time.perf_counter() - t0
        nltk_spans = _nltk_spans()
        sentences(articles.head(2), progress=False)  # warm the nupunkt model once
        results = [
            measure(
                "analysis.text.sentences (nupunkt, structure)",
                lambda: sentences(articles, progress=False),
                args.repeat,
            ),
            measure(
                "NLTK untrained Punkt, per line",
                lambda: line_table(articles, nltk_spans),
                args.repeat,
            ),
            measure(
                "regex split, per line", lambda: line_table(articles, regex_spans), args.repeat
            ),
        ]
    accuracy = [
        hard_case_accuracy(lambda t: split_sentences(t)),
        hard_case_accuracy(nltk_spans),
        hard_case_accuracy(regex_spans),
    ]
    frame = pd.DataFrame(results)
    frame["speed_vs_ours"] = frame["sent_per_s"] / frame["sent_per_s"].iloc[0]
    frame["hard_cases_correct"] = accuracy
    n_words = articles["text"].str.split().str.len().sum()
    print(
        f"corpus: {args.data.name}: {len(articles)} articles, {n_words:,} words; load_corpus took {load_s:.2f} s"
    )
    print(
        f"hard cases: {len(HARD_CASES)} hand-written texts (abbreviations, initials, times, dates, quotes)"
    )
    with pd.option_context("display.width", 200, "display.float_format", "{:,.3f}".format):
        print(frame.to_string(index=False))
    ours = Article.from_text(articles["text"].iloc[0])
    print(f"(first article: {ours.title!r})")


if __name__ == "__main__":
    main()
