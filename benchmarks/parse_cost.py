"""What the analysis costs on top of spaCy's parse: CPU seconds per article of the whole
per-article analysis next to spaCy's own ``nlp.pipe`` over the same texts, in one run.

Usage::

    .venv/bin/python benchmarks/parse_cost.py ../shared/bench/kpcrowd500n-train.jsonl [--n 200]

Three measures on the same articles, each after a warm-up on other articles (models and
lexicons loaded), as process CPU time (user + system) per article:

- ``nlp.pipe`` alone: Explosion's pipeline with the components the package loads (no
  senter), over the article texts;
- ``parse`` of the package: the same pipeline over the article's sentence table
  (:func:`analysis.nlp.parsing.parse`, one Doc a sentence, offsets kept);
- the whole analysis: ``analysis.analyse(article).summary()``, i.e. sentence table,
  parse, actors, attribution, hedging, tone, both frame schemes, keywords and
  keyphrases, as a corpus run computes them.

The ratio whole / ``nlp.pipe`` is the bar of issue 13 (at most 2.0: the analysis on top
of the parse costs no more than the parse itself).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def cpu() -> float:
    return time.process_time()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    from analysis import Article, analyse, sentences
    from analysis.nlp.parsing import parse, pipeline

    records = [json.loads(x) for x in args.data.read_text(encoding="utf-8").splitlines() if x]
    warm, records = records[:10], records[10 : 10 + args.n]
    nlp = pipeline()
    for record in warm:
        analyse(Article.from_text(record["text"], article_id=record["id"])).summary()
    articles = [Article.from_text(r["text"], article_id=r["id"]) for r in records]
    texts = [a.text for a in articles]
    n = len(articles)

    t0 = cpu()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    t_pipe = cpu() - t0

    tables = [sentences(a) for a in articles]
    t0 = cpu()
    for table in tables:
        parse(table)
    t_parse = cpu() - t0

    t0 = cpu()
    for article in articles:
        analyse(article).summary()
    t_whole = cpu() - t0

    n_sentences = sum(len(t) for t in tables)
    print(f"{args.data.name}: {n} articles, {n_sentences:,} sentences")
    print(f"{'step':44s} {'ms CPU/article':>15s} {'vs nlp.pipe':>12s}")
    for name, t in [
        ("spaCy nlp.pipe over the article texts", t_pipe),
        ("analysis.nlp.parsing.parse over the sentence tables", t_parse),
        ("analyse(article).summary(), parse included", t_whole),
        ("  of which the analysis on top of the parse", t_whole - t_parse),
    ]:
        print(f"{name:44s} {1000 * t / n:15.1f} {t / t_pipe:11.2f}x")


if __name__ == "__main__":
    main()
