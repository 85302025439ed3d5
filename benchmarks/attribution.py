"""Who says what: attribution quality on PolNeAR, quotes() next to a plain spaCy rule
and to quotes() at an earlier commit, in one run.

Usage::

    .venv/bin/python benchmarks/attribution.py ../shared/bench/polnear-dev.jsonl [--n 84] [--git-ref f25607e]

The standard metric (``../shared/bench/README.md``): a predicted attribution (content
span, speaker span) matches the gold attribution whose content spans cover at least
half of its characters, each gold attribution at most once, best overlap first.
Content-overlap P/R/F1 count those matches; attribution P/R/F1 count only matches whose
speaker span overlaps the gold source span (an empty speaker for a gold attribution
without a source).

Methods, on the same articles in the same run:

- ``quotes()``: the package's attribution (:func:`analysis.measures.attribution.quotes`), its
  ``char_start``/``char_end`` as content and ``speaker_start``/``speaker_end`` as source.
  With ``--git-ref``, the same at an earlier commit, run in a temporary worktree; a
  table without speaker offsets (before issue 13) gets the occurrence of its
  ``speaker`` text nearest the content (an approximation in its favour).
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

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _ref import measure_input, package_root, predict_at  # noqa: E402

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


def score(
    predicted: list[tuple[Span, Span | None]], gold, ties: bool = False
) -> tuple[int, int, int, int]:
    """(predictions, gold, content matches, attribution matches) for one article.

    The standard metric orders candidate pairs by the share of the prediction the
    gold covers and leaves equal shares to list order, which decides between an outer
    and a nested gold attribution that both cover a prediction wholly. ``ties=True``
    breaks such ties by the share of the gold the prediction covers (the closer
    match first): a check that a result does not hang on list order."""
    candidates = []
    for i, (content, _) in enumerate(predicted):
        length = max(1, content[1] - content[0])
        for j, (g_content, _) in enumerate(gold):
            share = covered(content, g_content) / length
            if share >= 0.5:
                g_length = max(1, sum(e - s for s, e in g_content))
                key = (share, covered(content, g_content) / g_length) if ties else (share,)
                candidates.append((key, i, j))
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
def load_records(path: Path, n: int | None) -> list[dict]:
    records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    return records[:n] if n else records


def sentence_table(record: dict):
    """(article, sentence table) of a record with the package on sys.path, or None when
    the loader changes the text (the gold offsets would not line up)."""
    from analysis import Article, sentences

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        article = Article.from_text(record["text"], article_id=record["id"])
    if article.text != record["text"]:
        return None
    return article, sentences(article)


def package_quotes(records: list[dict]) -> list[list[tuple[Span, Span | None]] | None]:
    """quotes() of the package on sys.path, one list of (content, speaker) an article
    (None for an article whose text the loader changes: its offsets would not line up)."""
    sys.path.insert(0, str(package_root()))
    from analysis.measures import quotes

    out = []
    for record in records:
        loaded = sentence_table(record)
        if loaded is None:
            out.append(None)
            continue
        article, table = loaded
        said = quotes(measure_input(table))
        predicted = []
        for row in said.to_dict("records"):
            content = (int(row["char_start"]), int(row["char_end"]))
            if "speaker_start" in row:
                ok = row["speaker_start"] is not None and not pd.isna(row["speaker_start"])
                speaker = (int(row["speaker_start"]), int(row["speaker_end"])) if ok else None
            else:
                speaker = nearest(article, table, row, content)
            predicted.append((content, speaker))
        out.append(predicted)
    return out


def nearest(article, table, row, content: Span) -> Span | None:
    """The occurrence of the speaker text nearest the content (tables without offsets)."""
    if not isinstance(row["speaker"], str) or not row["speaker"]:
        return None
    by_sentence = table.set_index("sentence_id")
    best = None
    for sid in row["sentence_ids"]:
        start, end = (int(x) for x in by_sentence.loc[sid, ["char_start", "char_end"]])
        at = article.text.find(row["speaker"], start, end)
        while at >= 0:
            distance = min(abs(at - content[0]), abs(at - content[1]))
            if best is None or distance < best[0]:
                best = (distance, (at, at + len(row["speaker"])))
            at = article.text.find(row["speaker"], at + 1, end)
    return best[1] if best else None


def _verbs() -> set[str]:
    import csv

    lemmas = set()
    with (package_root() / "analysis" / "data" / "reporting_verbs.csv").open(
        encoding="utf-8"
    ) as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            lemma = (row.get("lemma") or row.get("verb") or "").strip().lower()
            if lemma and " " not in lemma:
                lemmas.add(lemma)
    return lemmas | {"say", "tell", "add", "claim", "believe", "report", "warn", "insist"}


def spacy_rule(article, table, docs, verbs: set[str]) -> list[tuple[Span, Span | None]]:
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
    parser.add_argument("--git-ref", default=None, help="also measure quotes() at this commit")
    parser.add_argument("--predict", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    records = load_records(args.data, args.n)
    if args.predict:
        print(json.dumps(package_quotes(records)))
        return
    methods: dict[str, list] = {}
    seconds: dict[str, float] = {}
    if args.git_ref:
        t0 = time.perf_counter()
        extra = ["--n", str(args.n)] if args.n else []
        methods[f"quotes() @ {args.git_ref[:8]}"] = predict_at(
            args.git_ref, Path(__file__).resolve(), [str(args.data.resolve()), *extra]
        )
        seconds[f"quotes() @ {args.git_ref[:8]}"] = time.perf_counter() - t0
    sys.path.insert(0, str(package_root()))
    from analysis.nlp.parsing import pipeline

    nlp = pipeline()
    verbs = _verbs()
    t0 = time.perf_counter()
    methods["quotes() (this checkout)"] = package_quotes(records)
    seconds["quotes() (this checkout)"] = time.perf_counter() - t0
    rule, parse_time, rule_time, n_sentences = [], 0.0, 0.0, 0
    for record in records:
        loaded = sentence_table(record)
        if loaded is None:
            rule.append(None)
            continue
        article, table = loaded
        n_sentences += len(table)
        t0 = time.perf_counter()
        docs = list(nlp.pipe(table["text"].tolist()))
        parse_time += time.perf_counter() - t0
        t0 = time.perf_counter()
        rule.append(spacy_rule(article, table, docs, verbs))
        rule_time += time.perf_counter() - t0
    methods["spaCy rule"] = rule
    seconds["spaCy rule"] = parse_time + rule_time
    usable = [i for i, r in enumerate(rule) if r is not None]
    print(f"{len(usable)} articles ({len(records) - len(usable)} skipped), {n_sentences} sentences")
    print(
        f"{'method':26s} {'pred':>6s} {'gold':>6s} {'content P':>9s} {'R':>6s} {'F1':>6s}"
        f" {'attrib P':>9s} {'R':>6s} {'F1':>6s} {'sent/s':>8s} {'F1 ties*':>8s}"
    )
    for name, predictions in methods.items():
        totals, tied = [0, 0, 0, 0], 0
        for i in usable:
            predicted = [(tuple(c), tuple(s) if s else None) for c, s in (predictions[i] or [])]
            for k, v in enumerate(score(predicted, gold_of(records[i]))):
                totals[k] += v
            tied += score(predicted, gold_of(records[i]), ties=True)[3]
        n_pred, n_gold, content_hits, source_hits = totals
        cp, cr, cf = prf(content_hits, n_pred, n_gold)
        ap, ar, af = prf(source_hits, n_pred, n_gold)
        rate = n_sentences / seconds[name] if seconds.get(name) else 0.0
        print(
            f"{name:26s} {n_pred:6d} {n_gold:6d} {cp:9.3f} {cr:6.3f} {cf:6.3f}"
            f" {ap:9.3f} {ar:6.3f} {af:6.3f} {rate:8.0f} {prf(tied, n_pred, n_gold)[2]:8.3f}"
        )
    print(f"spaCy parse alone: {n_sentences / parse_time:.0f} sentences/s")
    print("* attribution F1 with ties between gold attributions broken by the share of the gold")
    print("  covered (score(ties=True)): a result that moves here hangs on list order")


if __name__ == "__main__":
    main()
