"""Keyphrase quality and speed on a labelled news corpus, with baselines in the same run.

Usage::

    .venv/bin/python benchmarks/keyphrases.py ../shared/bench/kpcrowd500n-train.jsonl

Standard metric (../shared/bench/README.md): F1@5 and F1@10, exact match after
lower-casing and Porter-stemming every word of predicted and gold phrases, duplicates
among predictions removed before cutting at k, averaged over documents.

Systems, all on the same texts:

- ``analysis.keyphrases`` (noun phrases, general-English specificity, position);
- plain unigram TF-IDF: scikit-learn's ``TfidfVectorizer`` fitted on the corpus, the
  top-k words of each document;
- YAKE (``yake.KeywordExtractor``, n=3), if the ``yake`` package is installed
  (``pip install yake``; it is a benchmark-only baseline, not a dependency).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nltk.stem.porter import PorterStemmer  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402

from analysis import Article, sentences  # noqa: E402
from analysis.keywords import keyphrases  # noqa: E402

_stem = PorterStemmer().stem


def canon(phrase: str) -> str:
    words = re.findall(r"\w+", phrase.lower())
    return " ".join(_stem(w) for w in words)


def f1_at(predicted: list[str], gold: set[str], k: int) -> float:
    seen, top = set(), []
    for p in predicted:
        c = canon(p)
        if c and c not in seen:
            seen.add(c)
            top.append(c)
        if len(top) == k:
            break
    if not top or not gold:
        return 0.0
    hits = sum(c in gold for c in top)
    precision, recall = hits / len(top), hits / len(gold)
    return 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)


def evaluate(name, predictions, golds, seconds):
    f5 = np.mean([f1_at(p, g, 5) for p, g in zip(predictions, golds, strict=True)])
    f10 = np.mean([f1_at(p, g, 10) for p, g in zip(predictions, golds, strict=True)])
    return name, 100 * f5, 100 * f10, 1000 * seconds / len(golds)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    args = parser.parse_args()
    docs = [
        json.loads(line)
        for line in args.data.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts = [d["text"] for d in docs]
    golds = [{canon(k) for k in d["keyphrases"]} - {""} for d in docs]
    results = []

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        keyphrases(sentences(Article.from_text(texts[0])))  # load the tagger and wordfreq once
        t0 = time.perf_counter()
        ours = [
            keyphrases(sentences(Article.from_text(t)), top_n=10)["display"].tolist() for t in texts
        ]
        results.append(evaluate("analysis.keyphrases", ours, golds, time.perf_counter() - t0))

    t0 = time.perf_counter()
    vectorizer = TfidfVectorizer(stop_words="english")
    matrix = vectorizer.fit_transform(texts)
    vocab = vectorizer.get_feature_names_out()
    tfidf = []
    for i in range(matrix.shape[0]):
        row = matrix.getrow(i)
        order = np.lexsort((vocab[row.indices], -row.data))
        tfidf.append(vocab[row.indices[order[:10]]].tolist())
    results.append(evaluate("unigram TF-IDF (corpus idf)", tfidf, golds, time.perf_counter() - t0))

    try:
        import yake
    except ImportError:
        print("(yake not installed: pip install yake to add the YAKE baseline)")
    else:
        extractor = yake.KeywordExtractor(lan="en", n=3, top=10)
        t0 = time.perf_counter()
        yk = [[k for k, _ in extractor.extract_keywords(t)] for t in texts]
        results.append(evaluate("YAKE (n=3)", yk, golds, time.perf_counter() - t0))

    print(
        f"{args.data.name}: {len(docs)} documents, {np.mean([len(g) for g in golds]):.1f} gold keyphrases each"
    )
    print(f"{'system':32s} {'F1@5':>6s} {'F1@10':>6s} {'ms/article':>11s}")
    for name, f5, f10, ms in results:
        print(f"{name:32s} {f5:6.1f} {f10:6.1f} {ms:11.2f}")


if __name__ == "__main__":
    main()
