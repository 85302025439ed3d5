"""The compiled TextBlob scorer against TextBlob itself: speed-up and largest difference.

Usage::

    .venv/bin/python benchmarks/fastblob.py ../shared/bench

Scores every sentence of the kpcrowd500n sentence table and of newsmtsc-train with
``TextBlob(s).sentiment`` and with ``analysis.fastblob.sentiments`` in the same run:
sentences per second (best of 2), the speed-up on a first pass (chunk cache empty) and
on a second pass (cache warm, as in a long corpus run), and the largest absolute
difference in polarity and subjectivity (the bar: at most 1e-9).
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
from analysis.fastblob import _compiled, sentiments  # noqa: E402


def corpora(bench: Path) -> dict[str, list[str]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = sentences(
            load_corpus(bench / "kpcrowd500n-train.jsonl", progress=False), progress=False
        )
    news = [
        json.loads(line)["sentence_normalized"]
        for line in (bench / "newsmtsc-train.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return {"kpcrowd500n sentences": table["text_norm"].tolist(), "newsmtsc-train sentences": news}


def main() -> None:
    bench = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/bench")
    _compiled()
    print(
        f"{'corpus':26s} {'n':>6s} {'TextBlob/s':>11s} {'fast cold/s':>12s} {'x':>5s} {'fast warm/s':>12s} {'x':>5s} {'max diff':>9s}"
    )
    for name, texts in corpora(bench).items():
        best_tb = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            reference = np.array([tuple(TextBlob(t).sentiment) for t in texts])
            best_tb = min(best_tb, time.perf_counter() - t0)
        cold = float("inf")
        for _ in range(2):
            _compiled().cache.clear()
            t0 = time.perf_counter()
            ours = sentiments(texts)
            cold = min(cold, time.perf_counter() - t0)
        t0 = time.perf_counter()
        sentiments(texts)
        warm = time.perf_counter() - t0
        diff = float(np.abs(ours - reference).max()) if len(texts) else 0.0
        n = len(texts)
        print(
            f"{name:26s} {n:6d} {n / best_tb:11.0f} {n / cold:12.0f} {best_tb / cold:5.1f} {n / warm:12.0f} {best_tb / warm:5.1f} {diff:9.1e}"
        )


if __name__ == "__main__":
    main()
