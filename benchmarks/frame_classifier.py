"""Cross-validated quality of FrameClassifier on a labelled set, next to a plain baseline.

Usage::

    .venv/bin/python benchmarks/frame_classifier.py DATA.jsonl [--text text] [--label label] [--first-line] [--cv 5]
    .venv/bin/python benchmarks/frame_classifier.py ../shared/bench/kpcrowd500n-train.jsonl --label category
    .venv/bin/python benchmarks/frame_classifier.py ../shared/bench/kpcrowd500n-train.jsonl --label category --first-line
    .venv/bin/python benchmarks/frame_classifier.py ../shared/bench/gvfc-dev.jsonl --text headline --label frame1

DATA.jsonl holds one JSON object a line with a text field and a label field.
``--first-line`` keeps only the first line of each text (the headline), to measure
short texts. All systems are scored on the same stratified folds (seed 0): accuracy,
macro-F1, log loss of the predicted probabilities (how well calibrated they are), and
fit+predict time.

- ``FrameClassifier()`` with its defaults (word 1-2-gram and character 2-5-gram TF-IDF,
  policy-frame cue counts, the texts' mean GloVe word vectors, a linear SVM with
  balanced classes and temperature-scaled probabilities);
- ``FrameClassifier(model="logistic")``: the same features into a logistic regression;
- ``FrameClassifier(embeddings=None)``: the same without word vectors, to show what
  they add;
- the plain baseline: ``TfidfVectorizer()`` + ``LogisticRegression()`` with
  scikit-learn's defaults.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, log_loss
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.measures.frames import FrameClassifier  # noqa: E402


def cross_validate(make, texts, labels, cv):
    folds = StratifiedKFold(n_splits=cv, shuffle=True, random_state=0)
    predicted = np.empty(len(texts), dtype=object)
    proba = np.zeros((len(texts), len(set(labels))))
    t0 = time.perf_counter()
    for train, test in folds.split(texts, labels):
        model = make().fit([texts[i] for i in train], [labels[i] for i in train])
        predicted[test] = model.predict([texts[i] for i in test])
        proba[test] = model.predict_proba([texts[i] for i in test])
    seconds = time.perf_counter() - t0
    classes = sorted(set(labels))
    return (
        accuracy_score(labels, predicted),
        f1_score(labels, predicted, average="macro"),
        log_loss(labels, proba, labels=classes),
        seconds,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--text", default="text")
    parser.add_argument("--label", default="label")
    parser.add_argument(
        "--first-line", action="store_true", help="keep only each text's first line (headline)"
    )
    parser.add_argument("--cv", type=int, default=5)
    args = parser.parse_args()
    records = [
        json.loads(line)
        for line in args.data.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts = [r[args.text] for r in records]
    if args.first_line:
        texts = [t.strip().split("\n", 1)[0] for t in texts]
    labels = [str(r[args.label]) for r in records]
    print(
        f"{args.data.name}: {len(texts)} texts, {len(set(labels))} labels, {args.cv}-fold CV{' (first lines only)' if args.first_line else ''}"
    )
    print(f"{'system':40s} {'accuracy':>9s} {'macro-F1':>9s} {'log loss':>9s} {'seconds':>8s}")
    for name, make in [
        ("FrameClassifier()", lambda: FrameClassifier()),
        ("FrameClassifier(model='logistic')", lambda: FrameClassifier(model="logistic")),
        ("FrameClassifier(embeddings=None)", lambda: FrameClassifier(embeddings=None)),
        (
            "TF-IDF + LogisticRegression (defaults)",
            lambda: make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000)),
        ),
    ]:
        accuracy, macro, loss, seconds = cross_validate(make, texts, labels, args.cv)
        print(f"{name:40s} {accuracy:9.3f} {macro:9.3f} {loss:9.3f} {seconds:8.1f}")


if __name__ == "__main__":
    main()
