"""Topic quality and speed on a labelled corpus, next to scikit-learn's defaults.

Usage::

    .venv/bin/python benchmarks/topics.py ../shared/bench/kpcrowd500n-train.jsonl [--label category] [--scale 2000]

Each article's dominant topic is compared with its category: normalised mutual
information (scikit-learn's ``normalized_mutual_info_score``) and purity, with k set to
the number of categories, fit time, and whether two runs give identical tables; then
``n_topics="auto"``: the k it chooses, its NMI and its fit time as a multiple of the
fixed-k fit (the bar: at most 2x). In the same run: ``TfidfVectorizer()`` + ``NMF(n_components=k, random_state=0)`` with
scikit-learn's defaults. ``--scale N`` also times fitting N articles (the corpus
repeated, ids made unique) to check the speed bar.

``--subsets N`` asks whether the automatic k follows the number of categories: for
3, 5 and 7 categories drawn at random (N draws each, seeded), it fits
``n_topics="auto"`` on their stories and prints the k chosen, its NMI and the NMI of
k set to the number of categories.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.measures.topics import TopicModel  # noqa: E402


def purity(labels, clusters) -> float:
    table = pd.crosstab(pd.Series(clusters, name="c"), pd.Series(labels, name="l"))
    return float(table.max(axis=1).sum() / len(labels))


def ours(articles: pd.DataFrame, k: int):
    model = TopicModel(n_topics=k, unit="article").fit(articles)
    return model, model.dominant_topics()["topic"].to_numpy()


def baseline(texts: list[str], k: int):
    matrix = TfidfVectorizer().fit_transform(texts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        weights = NMF(n_components=k, random_state=0).fit_transform(matrix)
    return weights.argmax(axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--label", default="category")
    parser.add_argument("--scale", type=int, default=2000)
    parser.add_argument(
        "--subsets", type=int, default=0, help="draws of 3, 5 and 7 categories for automatic k"
    )
    args = parser.parse_args()
    records = [
        json.loads(line)
        for line in args.data.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    articles = pd.DataFrame(
        {
            "article_id": [str(r.get("id", i)) for i, r in enumerate(records)],
            "text": [r["text"] for r in records],
        }
    )
    labels = [r[args.label] for r in records]
    k = len(set(labels))
    ours(articles.head(20), 2)  # warm up lexicons

    t0 = time.perf_counter()
    model, clusters = ours(articles, k)
    t_ours = time.perf_counter() - t0
    model2, _ = ours(articles, k)
    same = model.topic_terms_.equals(model2.topic_terms_) and model.document_topics_.equals(
        model2.document_topics_
    )
    t0 = time.perf_counter()
    base = baseline(articles["text"].tolist(), k)
    t_base = time.perf_counter() - t0
    base2 = baseline(articles["text"].tolist(), k)

    print(f"{args.data.name}: {len(articles)} articles, k = {k} categories")
    print(f"{'system':44s} {'NMI':>6s} {'purity':>7s} {'fit s':>6s} {'identical rerun':>16s}")
    print(
        f"{'TopicModel(k, unit=article)':44s} {normalized_mutual_info_score(labels, clusters):6.3f} {purity(labels, clusters):7.3f} {t_ours:6.2f} {str(same):>16s}"
    )
    print(
        f"{'TfidfVectorizer() + NMF(k) defaults':44s} {normalized_mutual_info_score(labels, base):6.3f} {purity(labels, base):7.3f} {t_base:6.2f} {str(bool(np.array_equal(base, base2))):>16s}"
    )
    t0 = time.perf_counter()
    auto = TopicModel(n_topics="auto", unit="article").fit(articles)
    t_auto = time.perf_counter() - t0
    auto_clusters = auto.dominant_topics()["topic"].to_numpy()
    print(
        f"{'TopicModel(auto, unit=article): k=' + str(auto.n_topics_):44s} {normalized_mutual_info_score(labels, auto_clusters):6.3f} {purity(labels, auto_clusters):7.3f} {t_auto:6.2f} {'':>16s}"
        f"  ({t_auto / t_ours:.2f}x the fixed-k fit)"
    )
    for t in sorted(set(model.topic_terms_["topic"])):
        print(f"  topic {t}: {model.labels_[t]}")

    if args.scale:
        reps = -(-args.scale // len(articles))
        big = pd.concat(
            [articles.assign(article_id=articles["article_id"] + f"-{r}") for r in range(reps)],
            ignore_index=True,
        ).head(args.scale)
        t0 = time.perf_counter()
        ours(big, k)
        print(
            f"fit on {len(big)} articles: {time.perf_counter() - t0:.2f} s (TopicModel); ", end=""
        )
        t0 = time.perf_counter()
        baseline(big["text"].tolist(), k)
        print(f"{time.perf_counter() - t0:.2f} s (baseline)")

    if args.subsets:
        subsets(articles, labels, args.subsets)


def subsets(articles: pd.DataFrame, labels: list[str], draws: int) -> None:
    """Automatic k on random subsets of the categories, against k = their number."""
    categories = sorted(set(labels))
    labels_ = np.asarray(labels)
    rng = np.random.default_rng(0)
    print(f"{'categories':>10s} {'stories':>8s} {'auto k':>7s} {'NMI auto':>9s} {'NMI k=m':>8s}")
    found = []
    for m in (3, 5, 7):
        if m > len(categories):
            continue
        for _ in range(draws):
            chosen = rng.choice(categories, m, replace=False)
            keep = np.isin(labels_, chosen)
            part, gold = articles[keep].reset_index(drop=True), labels_[keep]
            auto = TopicModel(n_topics="auto", unit="article").fit(part)
            fixed = TopicModel(n_topics=m, unit="article").fit(part)
            a = normalized_mutual_info_score(gold, auto.dominant_topics()["topic"])
            f = normalized_mutual_info_score(gold, fixed.dominant_topics()["topic"])
            found.append((m, auto.n_topics_, a, f))
            print(f"{m:10d} {len(part):8d} {auto.n_topics_:7d} {a:9.3f} {f:8.3f}")
    ms, ks = np.array([x[0] for x in found]), np.array([x[1] for x in found])
    print(
        f"auto k above the number of categories in {(ks > ms).sum()} of {len(found)} draws, "
        f"below in {(ks < ms).sum()}; mean |k - m| {np.abs(ks - ms).mean():.2f}; "
        f"mean NMI auto {np.mean([x[2] for x in found]):.3f}, k = m {np.mean([x[3] for x in found]):.3f}"
    )


if __name__ == "__main__":
    main()
