"""Whole per-article framing analysis over a corpus: articles/s and peak memory.

Usage::

    .venv/bin/python benchmarks/corpus.py ../shared/bench/kpcrowd500n-train.jsonl [--n 150]

Runs, each in a fresh process (so its peak memory is its own), on the first N articles
and on 4N (the corpus repeated with new ids, streamed from a temporary JSONL file):

- naive loop: per article, ``TextBlob(s).sentiment`` and VADER on each sentence, then
  actors, quotes, hedging, both frame schemes and keyphrases one by one;
- ``analysis.pipeline.corpus.analyse`` in one process (``workers=1``);
- ``analyse`` on all local cores (``workers=None``);
- ``analyse`` on a ``dask.dataframe`` with Dask's local process scheduler.

Peak memory is the largest resident set of the run (the parent, or its largest worker
for the pools). It also checks that the three ``analyse`` paths give the same table.

Last, the batch sentiment on its own: every sentence of the N articles scored by
``TextBlob(s).sentiment`` and by ``analysis.measures.fastblob.sentiments`` (from an empty chunk
table, then warm), with the speed-up and the largest difference in polarity and
subjectivity (``benchmarks/fastblob.py`` does this on more sentences).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RUNNER = textwrap.dedent(
    """
    import json, resource, sys, time, warnings
    sys.path.insert(0, {root!r})
    warnings.simplefilter("ignore")
    import pandas as pd
    mode, path = {mode!r}, {path!r}
    t0 = time.perf_counter()
    if mode == "naive":
        from textblob import TextBlob
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
        from analysis import Article, sentences
        from analysis.measures import actor_mentions, frame_profile, frame_scores
        from analysis.measures import hedging, keyphrases, quotes
        from analysis.nlp import parse
        vader = SentimentIntensityAnalyzer()
        n = 0
        for line in open(path, encoding="utf-8"):
            record = json.loads(line)
            table = sentences(Article.from_text(record["text"], article_id=record["article_id"]))
            tone = [(TextBlob(s).sentiment, vader.polarity_scores(s)) for s in table["text_norm"]]
            parsed = parse(table)
            mentions = actor_mentions(parsed)
            said = quotes(parsed, mentions)
            hedging(parsed, said)
            frame_profile(frame_scores(parsed, scheme="generic"))
            frame_profile(frame_scores(parsed, scheme="policy"))
            keyphrases(parsed, top_n=5)
            n += 1
        table = None
    else:
        from analysis.pipeline.corpus import analyse
        if mode == "dask":
            import dask, dask.dataframe as dd
            frame = pd.read_json(path, lines=True, dtype=False)
            with dask.config.set(scheduler="processes", num_workers=None):
                table = analyse(dd.from_pandas(frame, npartitions=8)).compute().reset_index(drop=True)
        else:
            table = analyse(path, workers=1 if mode == "single" else None, chunksize=100, progress=False)
        n = len(table)
    seconds = time.perf_counter() - t0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if table is not None:
        table.to_csv(path + "." + mode + ".csv", index=False)
    use = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu = sum(u.ru_utime + u.ru_stime for u in use)
    print(json.dumps({{"n": n, "seconds": seconds, "peak_mib": max(own, kids), "cpu": cpu}}))
    """
)


def run(mode: str, path: Path, root: Path = ROOT) -> dict:
    code = RUNNER.format(root=str(root), mode=mode, path=str(path))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--n", type=int, default=150, help="articles in the 1x corpus")
    parser.add_argument(
        "--scaling",
        action="store_true",
        help="only articles per CPU-second and the speed-up of 2 workers over 1 (issue 17)",
    )
    parser.add_argument(
        "--git-ref", default=None, help="with --scaling: also measure the package at this commit"
    )
    args = parser.parse_args()
    records = [
        json.loads(line)
        for line in args.data.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ][: args.n]
    if args.scaling:
        scaling(records, args.git_ref)
        return
    with tempfile.TemporaryDirectory() as tmp:
        print(
            f"{'corpus':>8s} {'method':28s} {'articles/s':>10s} {'peak MiB':>9s} {'vs naive':>9s}"
        )
        for factor in (1, 4):
            path = Path(tmp) / f"corpus-{factor}x.jsonl"
            with path.open("w", encoding="utf-8") as handle:
                for r in range(factor):
                    for rec in records:
                        handle.write(
                            json.dumps({"article_id": f"{rec['id']}-{r}", "text": rec["text"]})
                            + "\n"
                        )
            results = {mode: run(mode, path) for mode in ("naive", "single", "cores", "dask")}
            base = results["naive"]["n"] / results["naive"]["seconds"]
            names = {
                "naive": "naive loop",
                "single": "analyse, 1 process",
                "cores": "analyse, all cores",
                "dask": "analyse, Dask processes",
            }
            for mode, r in results.items():
                rate = r["n"] / r["seconds"]
                print(
                    f"{str(factor) + 'x (' + str(r['n']) + ')':>8s} {names[mode]:28s} {rate:10.1f} {r['peak_mib']:9.0f} {rate / base:8.2f}x"
                )
            tables = [
                Path(f"{path}.{m}.csv").read_text(encoding="utf-8")
                for m in ("single", "cores", "dask")
            ]
            print(
                f"         identical tables across the three analyse paths: {tables[0] == tables[1] == tables[2]}"
            )
    batch_sentiment(records)


def scaling(records: list[dict], git_ref: str | None) -> None:
    """Articles per CPU-second (all processes' user + system time) with one worker, and
    the wall-clock speed-up of two workers over one, for this checkout and optionally
    for an earlier commit (checked out into a temporary worktree), in the same run."""
    roots = [("this checkout", ROOT)]
    worktree = None
    if git_ref:
        worktree = Path(tempfile.mkdtemp(prefix="bench-ref-"))
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(worktree), git_ref],
            check=True,
            capture_output=True,
        )
        roots.insert(0, (git_ref[:10], worktree))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "corpus.jsonl"
            with path.open("w", encoding="utf-8") as handle:
                for rec in records:
                    handle.write(json.dumps({"article_id": rec["id"], "text": rec["text"]}) + "\n")
            print(
                f"{'package':14s} {'articles':>8s} {'ms CPU/article':>15s} {'articles/CPU-s':>15s}"
                f" {'1 worker s':>11s} {'2 workers s':>12s} {'speed-up':>9s}"
            )
            for name, root in roots:
                one = run("single", path, root)
                two = run("cores", path, root)
                print(
                    f"{name:14s} {one['n']:8d} {1000 * one['cpu'] / one['n']:15.1f}"
                    f" {one['n'] / one['cpu']:15.2f} {one['seconds']:11.1f} {two['seconds']:12.1f}"
                    f" {one['seconds'] / two['seconds']:8.2f}x"
                )
    finally:
        if worktree is not None:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)],
                check=False,
            )


def batch_sentiment(records: list[dict]) -> None:
    sys.path.insert(0, str(ROOT))
    import numpy as np
    from textblob import TextBlob

    from analysis import Article, sentences
    from analysis.measures.fastblob import _compiled, sentiments

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        texts = [
            t
            for rec in records
            for t in sentences(Article.from_text(rec["text"], article_id=str(rec["id"])))[
                "text_norm"
            ]
        ]
    t0 = time.perf_counter()
    reference = np.array([tuple(TextBlob(t).sentiment) for t in texts]).reshape(-1, 2)
    slow = time.perf_counter() - t0
    _compiled().reset()
    t0 = time.perf_counter()
    ours = sentiments(texts)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    sentiments(texts)
    warm = time.perf_counter() - t0
    n = len(texts)
    print(
        f"batch sentiment, {n} sentences: TextBlob {n / slow:,.0f}/s; ours {n / cold:,.0f}/s"
        f" from an empty table ({slow / cold:.1f}x), {n / warm:,.0f}/s warm ({slow / warm:.1f}x);"
        f" max difference {float(np.abs(ours - reference).max()) if n else 0.0:.1e}"
    )


if __name__ == "__main__":
    main()
