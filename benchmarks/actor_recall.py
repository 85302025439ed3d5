"""Named-target recall of actor_mentions on NewsMTSC, next to spaCy's NER alone and
the package at an earlier commit, in one run.

Usage::

    .venv/bin/python benchmarks/actor_recall.py ../shared/bench [--git-ref f25607e]

NewsMTSC (Hamborg & Donnay 2021) marks target mentions in sentences of political news.
Of the targets that are names (first letter capitalised, not a pronoun), the share that
a method finds: a mention whose character span overlaps the target's. Each sentence is
analysed on its own as a one-sentence article (the hardest case: no full name earlier
in the text to link a surname to). Splits: ``newsmtsc-rw-dev`` and ``newsmtsc-mt-dev``.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _ref import measure_input, package_root, predict_at  # noqa: E402

SPLITS = ("newsmtsc-rw-dev.jsonl", "newsmtsc-mt-dev.jsonl")
PRONOUNS = frozenset(
    "he she it they him her them his hers its their theirs we us our i me my you your "
    "who whom whose this that these those".split()
)


def targets(path: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        spans = [
            (int(t["from"]), int(t["to"]))
            for t in record["targets"]
            if t["mention"][:1].isupper() and t["mention"].lower() not in PRONOUNS
        ]
        if spans:
            out.append((record["sentence_normalized"], spans))
    return out


def predict(texts: list[str]) -> list[list[tuple[int, int]]]:
    """Mention spans of actor_mentions, one list a text (offsets into the text)."""
    sys.path.insert(0, str(package_root()))
    from analysis import Article, sentences
    from analysis.measures.actors import actor_mentions

    out = []
    for text in texts:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            article = Article.from_text(text, article_id="s")
        if article.text != text:
            out.append(None)
            continue
        table = sentences(article)
        mentions = actor_mentions(measure_input(table))
        out.append(
            list(zip(mentions["char_start"].tolist(), mentions["char_end"].tolist(), strict=True))
        )
    return out


def spacy_alone(texts: list[str]) -> list[list[tuple[int, int]]]:
    sys.path.insert(0, str(package_root()))
    from analysis.nlp.parsing import pipeline

    labels = {"PERSON", "ORG", "GPE", "NORP"}
    return [
        [(e.start_char, e.end_char) for e in doc.ents if e.label_ in labels]
        for doc in pipeline().pipe(texts)
    ]


def recall(data, predicted) -> tuple[int, int]:
    hits = total = 0
    for (_, spans), found in zip(data, predicted, strict=True):
        for start, end in spans:
            total += 1
            hits += bool(found) and any(min(end, e) > max(start, s) for s, e in found)
    return hits, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench", type=Path)
    parser.add_argument("--git-ref", default=None, help="also measure the package at this commit")
    parser.add_argument("--predict", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    data = {split: targets(args.bench / split) for split in SPLITS}
    if args.predict:
        print(json.dumps({split: predict([t for t, _ in rows]) for split, rows in data.items()}))
        return
    methods = {}
    if args.git_ref:
        methods[f"actor_mentions @ {args.git_ref[:10]}"] = predict_at(
            args.git_ref, Path(__file__).resolve(), [str(args.bench.resolve())]
        )
    methods["spaCy NER alone"] = {s: spacy_alone([t for t, _ in rows]) for s, rows in data.items()}
    methods["actor_mentions (this checkout)"] = {
        s: predict([t for t, _ in rows]) for s, rows in data.items()
    }
    print(f"{'method':34s} " + " ".join(f"{s.split('.')[0]:>22s}" for s in SPLITS))
    for name, predicted in methods.items():
        cells = []
        for split in SPLITS:
            hits, total = recall(data[split], predicted[split])
            cells.append(f"{hits / total:.3f} ({hits}/{total})")
        print(f"{name:34s} " + " ".join(f"{c:>22s}" for c in cells))


if __name__ == "__main__":
    main()
