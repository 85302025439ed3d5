"""The compiled TextBlob scorer against TextBlob itself: speed-up and largest difference.

Usage::

    .venv/bin/python benchmarks/fastblob.py ../shared/bench

Scores every sentence of the kpcrowd500n sentence table and of newsmtsc-train with
``TextBlob(s).sentiment`` and with ``analysis.measures.fastblob.sentiments`` in the same run:
sentences per second (best of 3 each), the speed-up on a first pass (chunk table empty,
as for the first article of a run) and on a second pass (table warm, as in a long
corpus run), and the largest absolute difference in polarity and subjectivity (the bar:
at most 1e-9). Last, one stream over all the benchmark sentences, both corpora and the
newsmtsc dev sets, starting from an empty table: what a corpus run sees.
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textblob import TextBlob  # noqa: E402

from analysis import load_corpus, sentences  # noqa: E402
from analysis.measures.fastblob import _compiled, sentiments  # noqa: E402


def corpora(bench: Path) -> dict[str, list[str]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = sentences(
            load_corpus(bench / "kpcrowd500n-train.jsonl", progress=False), progress=False
        )
    return {
        "kpcrowd500n sentences": table["text_norm"].tolist(),
        "newsmtsc-train sentences": sentences_of(bench / "newsmtsc-train.jsonl"),
    }


def sentences_of(path: Path) -> list[str]:
    return [
        json.loads(line)["sentence_normalized"]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def best_of(runs: int, work, before=None) -> float:
    best = float("inf")
    for _ in range(runs):
        if before is not None:
            before()
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return best


def textblob_scores(texts: list[str]) -> np.ndarray:
    return np.array([tuple(TextBlob(t).sentiment) for t in texts]).reshape(-1, 2)


def main() -> None:
    bench = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/bench")
    compiled = _compiled()
    print(
        f"{'corpus':26s} {'n':>6s} {'TextBlob/s':>11s} {'fast cold/s':>12s} {'x':>5s}"
        f" {'fast warm/s':>12s} {'x':>5s} {'max diff':>9s}"
    )
    sets = corpora(bench)
    for name, texts in sets.items():
        reference = textblob_scores(texts)
        tb = best_of(3, lambda texts=texts: textblob_scores(texts))
        cold = best_of(3, lambda texts=texts: sentiments(texts), before=compiled.reset)
        warm = best_of(3, lambda texts=texts: sentiments(texts))
        diff = float(np.abs(sentiments(texts) - reference).max()) if len(texts) else 0.0
        n = len(texts)
        print(
            f"{name:26s} {n:6d} {n / tb:11.0f} {n / cold:12.0f} {tb / cold:5.1f}"
            f" {n / warm:12.0f} {tb / warm:5.1f} {diff:9.1e}"
        )
    stream = [t for texts in sets.values() for t in texts]
    for dev in ("newsmtsc-mt-dev.jsonl", "newsmtsc-rw-dev.jsonl"):
        stream += sentences_of(bench / dev)
    t0 = time.perf_counter()
    reference = textblob_scores(stream)
    tb = time.perf_counter() - t0
    compiled.reset()
    t0 = time.perf_counter()
    ours = sentiments(stream)
    fast = time.perf_counter() - t0
    n = len(stream)
    print(
        f"{'stream, empty table':26s} {n:6d} {n / tb:11.0f} {n / fast:12.0f} {tb / fast:5.1f}"
        f" {'':12s} {'':5s} {float(np.abs(ours - reference).max()):9.1e}"
    )


if __name__ == "__main__":
    main()
