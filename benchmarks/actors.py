"""Speed of the parse, actor mentions, quotes and hedging on a corpus, next to the
sentence table alone.

Usage::

    .venv/bin/python benchmarks/actors.py ../shared/bench/kpcrowd500n-train.jsonl [--repeat 3]

Prints articles per second (best of ``--repeat``) for spaCy's parse, ``actor_mentions``
and ``quotes`` (given the parse and the mentions) and ``hedging``, each on the whole
corpus's sentence table, and for the sentence table they start from, plus how many
mentions and attributions were found.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import load_corpus, sentences  # noqa: E402
from analysis.measures import hedging, quotes  # noqa: E402
from analysis.measures.actors import actor_mentions  # noqa: E402
from analysis.nlp.parsing import parse  # noqa: E402


def best(func, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = load_corpus(args.data, progress=False)
        n = len(articles)
        t_sent, table = best(lambda: sentences(articles, progress=False), args.repeat)
        actor_mentions(parse(table.head(20)))  # load the model and lexicons once
        t_pars, parsed = best(lambda: parse(table), 1)
        t_ment, mentions = best(lambda: actor_mentions(parsed), args.repeat)
        t_quot, said = best(lambda: quotes(parsed, mentions), args.repeat)
        t_hedg, _ = best(lambda: hedging(parsed, said), args.repeat)
    print(f"{args.data.name}: {n} articles, {len(table):,} sentences")
    print(f"{'step':34s} {'seconds':>8s} {'articles/s':>11s}")
    for name, t in [
        ("sentence table (for scale)", t_sent),
        ("spaCy parse (once)", t_pars),
        ("actor_mentions (given the parse)", t_ment),
        ("quotes (given parse, mentions)", t_quot),
        ("hedging", t_hedg),
        ("parse + mentions + quotes", t_pars + t_ment + t_quot),
    ]:
        print(f"{name:34s} {t:8.2f} {n / t:11.1f}")
    print(
        f"found {len(mentions):,} mentions ({mentions['actor'].nunique():,} actors) and {len(said):,} attributions "
        f"({(said['kind'] == 'direct').mean():.0%} direct, {(said['kind'] == 'mixed').mean():.0%} mixed, "
        f"{(said['kind'] == 'indirect').mean():.0%} indirect, "
        f"{(said['kind'] == 'according-to').mean():.0%} according-to)"
    )


if __name__ == "__main__":
    main()
