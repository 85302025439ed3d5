"""Who says what: attribution quality on PolNeAR, today's rules next to a plain spaCy rule.

Usage::

    .venv/bin/python benchmarks/attribution.py ../shared/bench/polnear-dev.jsonl [--n 84]

The standard metric (``../shared/bench/README.md``): a predicted attribution (content
span, speaker span) matches the gold attribution whose content spans cover at least
half of its characters, each gold attribution at most once, best overlap first.
Content-overlap P/R/F1 count those matches; attribution P/R/F1 count only matches whose
speaker span overlaps the gold source span (an empty speaker for a gold attribution
without a source).

Methods, on the same articles in the same run:

- ``quotes()``: the package's attribution (:func:`analysis.sources.quotes`). Its table
  has no speaker offsets yet, so the speaker span is the occurrence of the ``speaker``
  text nearest the content within the attribution's sentences (an approximation in its
  favour).
- ``spaCy rule``: the obvious rule on Explosion's parse: a reporting verb's clausal
  complement (``ccomp``) as content and its subject as the speaker; "according to X"
  gives the rest of the sentence to X. The bar for the parse-based attribution of
  issue 13 is what careful work adds to this.

Also prints sentences per second of each, and of spaCy's parse alone.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import Article, sentences  # noqa: E402
from analysis.actors import actor_mentions  # noqa: E402
from analysis.nlp import pipeline  # noqa: E402
from analysis.paths import DATA_DIR  # noqa: E402
from analysis.sources import quotes  # noqa: E402

Span = tuple[int, int]


def gold_of(record: dict) -> list[tuple[list[Span], list[Span]]]:
    out = []
    for a in record["attributions"]:
        content = [(int(s), int(e)) for s, e, *_ in a.get("content") or []]
        source = [(int(s), int(e)) for s, e, *_ in a.get("source") or []]
        if content:
            out.append((content, source))
    return out


def covered(span: Span, spans: list[Span]) -> int:
    return sum(max(0, min(span[1], e) - max(span[0], s)) for s, e in spans)


def overlaps(a: Span | None, spans: list[Span]) -> bool:
    if a is None:
        return not spans
    return any(min(a[1], e) > max(a[0], s) for s, e in spans)


def score(predicted: list[tuple[Span, Span | None]], gold) -> tuple[int, int, int, int]:
    """(predictions, gold, content matches, attribution matches) for one article."""
    candidates = []
    for i, (content, _) in enumerate(predicted):
        length = max(1, content[1] - content[0])
        for j, (g_content, _) in enumerate(gold):
            share = covered(content, g_content) / length
            if share >= 0.5:
                candidates.append((share, i, j))
    used_p, used_g, content_hits, source_hits = set(), set(), 0, 0
    for _, i, j in sorted(candidates, reverse=True):
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        content_hits += 1
        source_hits += overlaps(predicted[i][1], gold[j][1])
    return len(predicted), len(gold), content_hits, source_hits


def prf(hits: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ------------------------------------------------------------------ methods
def today(article: Article, table) -> list[tuple[Span, Span | None]]:
    said = quotes(table, actor_mentions(table))
    by_sentence = table.set_index("sentence_id")
    out = []
    for row in said.itertuples():
        content = (int(row.char_start), int(row.char_end))
        speaker = None
        if isinstance(row.speaker, str) and row.speaker:
            best = None
            for sid in row.sentence_ids:
                start, end = (int(x) for x in by_sentence.loc[sid, ["char_start", "char_end"]])
                at = article.text.find(row.speaker, start, end)
                while at >= 0:
                    distance = min(abs(at - content[0]), abs(at - content[1]))
                    if best is None or distance < best[0]:
                        best = (distance, (at, at + len(row.speaker)))
                    at = article.text.find(row.speaker, at + 1, end)
            speaker = best[1] if best else None
        out.append((content, speaker))
    return out


def _verbs() -> set[str]:
    import csv

    lemmas = set()
    with (DATA_DIR / "reporting_verbs.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            lemma = (row.get("lemma") or row.get("verb") or "").strip().lower()
            if lemma and " " not in lemma:
                lemmas.add(lemma)
    return lemmas | {"say", "tell", "add", "claim", "believe", "report", "warn", "insist"}


def spacy_rule(article: Article, table, docs, verbs: set[str]) -> list[tuple[Span, Span | None]]:
    out = []
    for offset, doc in zip(table["char_start"].tolist(), docs, strict=True):
        for tok in doc:
            if tok.lemma_.lower() in verbs and tok.pos_ == "VERB":
                comps = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
                subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
                if comps:
                    sub = list(comps[0].subtree)
                    content = (offset + sub[0].idx, offset + sub[-1].idx + len(sub[-1].text))
                    speaker = None
                    if subjects:
                        s = list(subjects[0].subtree)
                        speaker = (offset + s[0].idx, offset + s[-1].idx + len(s[-1].text))
                    out.append((content, speaker))
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                objects = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
                if objects:
                    s = list(objects[0].subtree)
                    speaker = (offset + s[0].idx, offset + s[-1].idx + len(s[-1].text))
                    phrase_start = offset + tok.idx
                    content = (
                        (offset, phrase_start)
                        if phrase_start - offset > 10
                        else (
                            speaker[1],
                            offset + len(doc.text),
                        )
                    )
                    out.append((content, speaker))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--n", type=int, default=None, help="first N articles")
    args = parser.parse_args()
    records = [json.loads(x) for x in args.data.read_text(encoding="utf-8").splitlines() if x]
    records = records[: args.n] if args.n else records
    nlp = pipeline()
    verbs = _verbs()
    totals = {"quotes()": [0, 0, 0, 0], "spaCy rule": [0, 0, 0, 0]}
    seconds = {"quotes()": 0.0, "spaCy rule": 0.0, "spaCy parse alone": 0.0}
    n_sentences = skipped = 0
    for record in records:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            article = Article.from_text(record["text"], article_id=record["id"])
        if article.text != record["text"]:
            skipped += 1  # offsets would not line up
            continue
        table = sentences(article)
        gold = gold_of(record)
        n_sentences += len(table)
        t0 = time.perf_counter()
        ours = today(article, table)
        seconds["quotes()"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        docs = list(nlp.pipe(table["text"].tolist()))
        parse_time = time.perf_counter() - t0
        t0 = time.perf_counter()
        rule = spacy_rule(article, table, docs, verbs)
        seconds["spaCy parse alone"] += parse_time
        seconds["spaCy rule"] += parse_time + time.perf_counter() - t0
        for name, predicted in (("quotes()", ours), ("spaCy rule", rule)):
            for k, v in enumerate(score(predicted, gold)):
                totals[name][k] += v
    print(f"{len(records) - skipped} articles ({skipped} skipped), {n_sentences} sentences")
    print(
        f"{'method':12s} {'pred':>6s} {'gold':>6s} {'content P':>9s} {'R':>6s} {'F1':>6s}"
        f" {'attrib P':>9s} {'R':>6s} {'F1':>6s} {'sent/s':>8s}"
    )
    for name, (n_pred, n_gold, content_hits, source_hits) in totals.items():
        cp, cr, cf = prf(content_hits, n_pred, n_gold)
        ap, ar, af = prf(source_hits, n_pred, n_gold)
        rate = n_sentences / seconds[name] if seconds[name] else 0.0
        print(
            f"{name:12s} {n_pred:6d} {n_gold:6d} {cp:9.3f} {cr:6.3f} {cf:6.3f}"
            f" {ap:9.3f} {ar:6.3f} {af:6.3f} {rate:8.0f}"
        )
    print(f"spaCy parse alone: {n_sentences / seconds['spaCy parse alone']:.0f} sentences/s")


if __name__ == "__main__":
    main()
