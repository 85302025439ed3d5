"""Keyphrase quality and speed on a labelled news corpus, with baselines in the same run.

Usage::

    .venv/bin/python benchmarks/keyphrases.py ../shared/bench/kpcrowd500n-train.jsonl [--n 450] [--git-ref 28be3c1]

Standard metric (../shared/bench/README.md): F1@5 and F1@10, exact match after
lower-casing and Porter-stemming every word of predicted and gold phrases, duplicates
among predictions removed before cutting at k, averaged over documents.

Systems, all on the same texts, and all graph rankers on the same spaCy parse (the
package's per-sentence Docs, joined into one Doc with ``Doc.from_docs`` for the
libraries); the time is the ranking on top of the parse (ms per article, wall clock).
Besides F1, ``hits@10`` counts the gold phrases among the top ten and ``MW@10`` the
multi-word ones among them: the crowd
gold of 500N-KPCrowd is about three quarters single words (many of them verbs), so F1
there rewards single words, while the standard sets with author or editor keyphrases
(DUC-2001, Inspec) are mostly noun phrases of two or three words.

Systems:

- ``analysis.keyphrases``: PositionRank over the parse's noun-phrase candidates, word
  ranks weighted by specificity against general English;
- the same with ``scoring="mean"`` (a phrase scores the mean of its words, which
  favours single terms), and with plain PositionRank word ranks (no specificity), to
  show what the TF-IDF-against-English feature adds;
- textacy's ``keyterms.textrank`` with PositionRank settings (window 10, count weights,
  position bias) and SingleRank settings, and ``keyterms.yake``;
- pytextrank's ``positionrank`` component (noun chunks and entities as candidates);
- plain unigram TF-IDF (scikit-learn, corpus idf) and YAKE (the ``yake`` package), as
  the classic baselines;
- with ``--git-ref``, ``analysis.keyphrases`` at an earlier commit (its parse, if any,
  inside its time).

textacy and pytextrank are benchmark-only baselines (the ``bench`` extra); a missing
one is reported and skipped.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _ref import (  # noqa: E402
    measure_input,  # noqa: E402
    package_root,
    predict_at,
)

sys.path.insert(0, str(package_root()))  # the worktree's package in a --git-ref child run

from nltk.stem.porter import PorterStemmer  # noqa: E402

_stem = PorterStemmer().stem


def canon(phrase: str) -> str:
    words = re.findall(r"\w+", phrase.lower())
    return " ".join(_stem(w) for w in words)


def top_k(predicted: list[str], k: int) -> list[str]:
    """The first ``k`` distinct predictions, in the metric's canonical form."""
    seen, top = set(), []
    for p in predicted:
        c = canon(p)
        if c and c not in seen:
            seen.add(c)
            top.append(c)
        if len(top) == k:
            break
    return top


def f1_at(predicted: list[str], gold: set[str], k: int) -> float:
    top = top_k(predicted, k)
    if not top or not gold:
        return 0.0
    found = sum(c in gold for c in top)
    precision, recall = found / len(top), found / len(gold)
    return 0.0 if found == 0 else 2 * precision * recall / (precision + recall)


def multiword_hits(predicted: list[str], gold: set[str], k: int = 10) -> int:
    """How many multi-word gold phrases are among the top ``k`` predictions."""
    return sum(" " in c and c in gold for c in top_k(predicted, k))


def hits(predicted: list[str], gold: set[str], k: int = 10) -> int:
    """How many of the top ``k`` predictions are gold phrases."""
    return sum(c in gold for c in top_k(predicted, k))


def load(path: Path, n: int) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(x) for x in lines if x.strip()][:n]


def predict_package(records: list[dict]) -> list[list[str]]:
    """``analysis.keyphrases`` as the package at hand has it (parse made inside)."""
    from analysis import Article, sentences
    from analysis.measures import keyphrases

    return [
        keyphrases(measure_input(sentences(Article.from_text(r["text"]))), top_n=10)[
            "display"
        ].tolist()
        for r in records
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--n", type=int, default=450)
    parser.add_argument("--git-ref", default=None, help="also measure keyphrases() at this commit")
    parser.add_argument("--predict", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    records = load(args.data, args.n)
    if args.predict:
        print(json.dumps(predict_package(records)))
        return

    from spacy.tokens import Doc

    from analysis import Article, sentences
    from analysis.measures import keyphrases as rank
    from analysis.nlp.parsing import parse, pipeline

    golds = [{canon(k) for k in r["keyphrases"]} - {""} for r in records]
    tables = [sentences(Article.from_text(r["text"])) for r in records]
    parses = [parse(t) for t in tables]
    joined = [Doc.from_docs(list(p.docs)) if len(p) else Doc(pipeline().vocab) for p in parses]
    systems: dict[str, tuple[list[list[str]], float]] = {}

    def run(name, fn):
        fn(0)  # warm-up: lexicons and word frequencies loaded
        t0 = time.perf_counter()
        out = [fn(i) for i in range(len(records))]
        systems[name] = (out, time.perf_counter() - t0)

    run(
        "analysis.keyphrases",
        lambda i: rank(parses[i], top_n=10)["display"].tolist(),
    )
    run(
        "  same, scoring='mean'",
        lambda i: rank(parses[i], top_n=10, scoring="mean")["display"].tolist(),
    )
    import analysis.measures.keyphrases as kw  # the ablation swaps its word weight

    specificity = kw._specificity
    kw._specificity = lambda word: 1.0
    run(
        "  same, plain PositionRank weights",
        lambda i: rank(parses[i], top_n=10)["display"].tolist(),
    )
    kw._specificity = specificity

    try:
        from textacy.extract import keyterms
    except ImportError:
        print("(textacy not installed: pip install textacy to add its rankers)")
    else:
        run(
            "textacy PositionRank",
            lambda i: [
                t
                for t, _ in keyterms.textrank(
                    joined[i], window_size=10, edge_weighting="count", position_bias=True, topn=10
                )
            ],
        )
        run(
            "textacy SingleRank",
            lambda i: [
                t
                for t, _ in keyterms.textrank(
                    joined[i], window_size=10, edge_weighting="count", topn=10
                )
            ],
        )
        run("textacy YAKE", lambda i: [t for t, _ in keyterms.yake(joined[i], topn=10)])
    try:
        import pytextrank  # noqa: F401
    except ImportError:
        print("(pytextrank not installed: pip install pytextrank to add its PositionRank)")
    else:
        import spacy

        ranker = spacy.blank("en").add_pipe("positionrank")

        def pytr(i):
            doc = ranker(joined[i])
            return [p.text for p in doc._.phrases[:10]]

        run("pytextrank positionrank", pytr)

    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [r["text"] for r in records]
    t0 = time.perf_counter()
    vectorizer = TfidfVectorizer(stop_words="english")
    matrix = vectorizer.fit_transform(texts)
    vocab = vectorizer.get_feature_names_out()
    tfidf = []
    for i in range(matrix.shape[0]):
        row = matrix.getrow(i)
        order = np.lexsort((vocab[row.indices], -row.data))
        tfidf.append(vocab[row.indices[order[:10]]].tolist())
    systems["unigram TF-IDF (corpus idf)"] = (tfidf, time.perf_counter() - t0)
    try:
        import yake
    except ImportError:
        print("(yake not installed: pip install yake to add the YAKE baseline)")
    else:
        extractor = yake.KeywordExtractor(lan="en", n=3, top=10)
        run(
            "YAKE (yake package, n=3)",
            lambda i: [k for k, _ in extractor.extract_keywords(texts[i])],
        )
    if args.git_ref:
        t0 = time.perf_counter()
        old = predict_at(
            args.git_ref, Path(__file__).resolve(), [str(args.data.resolve()), "--n", str(args.n)]
        )
        systems[f"analysis.keyphrases @ {args.git_ref[:8]}"] = (old, time.perf_counter() - t0)

    print(
        f"{args.data.name}: {len(records)} documents, "
        f"{np.mean([len(g) for g in golds]):.1f} gold keyphrases each"
    )
    print(
        f"{'system':36s} {'F1@5':>6s} {'F1@10':>6s} {'hits@10':>8s} {'MW@10':>6s} {'ms/article':>11s}"
    )
    for name, (predictions, seconds) in systems.items():
        pairs = list(zip(predictions, golds, strict=True))
        f5 = np.mean([f1_at(p, g, 5) for p, g in pairs])
        f10 = np.mean([f1_at(p, g, 10) for p, g in pairs])
        mw = np.mean([multiword_hits(p, g) for p, g in pairs])
        h10 = np.mean([hits(p, g) for p, g in pairs])
        print(
            f"{name:36s} {100 * f5:6.1f} {100 * f10:6.1f} {h10:8.2f} {mw:6.2f} "
            f"{1000 * seconds / len(records):11.2f}"
        )
    print(
        "hits@10: gold phrases among the top 10, per article; MW@10: multi-word gold phrases "
        "among them (the gold of this set is mostly single words: F1 rewards single words, "
        "MW@10 phrases)"
    )


if __name__ == "__main__":
    main()
