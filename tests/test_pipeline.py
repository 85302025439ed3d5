"""The per-article pipeline: one place runs every analysis; the corpus row is its summary."""

from __future__ import annotations

import ast
import json

import pandas as pd
import pytest

from analysis import Article, FramingError, analyse, load_article
from analysis.measures.actors import actor_mentions, actor_summary
from analysis.measures.frames import frame_profile, frame_scores
from analysis.measures.sources import hedging, hedging_summary, quotes
from analysis.measures.tone import article_tone, sentence_sentiment
from analysis.paths import PACKAGE_DIR
from analysis.pipeline.article import summary_columns
from analysis.pipeline.corpus import analyse as analyse_corpus
from analysis.pipeline.corpus import analyse_article, metric_columns

OTHER = (
    "Port Workers End Strike\n"
    "ROTTERDAM – Dock workers voted on Friday to end a six-week strike that had stranded ships.\n"
    'The union\'s leader, Marta de Vries, said the offer was "fair but late". Shipping companies '
    "said it would take a month to clear the backlog, and analysts suggest prices may rise.\n"
)


def test_summary_is_the_corpus_row(seed_article, seed_path, tmp_path):
    text = seed_path.read_text(encoding="utf-8")
    row = analyse_article({"article_id": "russia-iran-treaty", "text": text})
    assert analyse(Article.from_text(text, article_id="russia-iran-treaty")).summary() == row
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"id": "dock-strike", "text": OTHER}) + "\n", encoding="utf-8")
    corpus_row = analyse_corpus(path).iloc[0].to_dict()
    own = analyse(Article.from_text(OTHER, article_id="dock-strike")).summary()
    assert corpus_row.pop("row") == 1
    assert corpus_row.keys() == own.keys()
    for key, value in own.items():
        stored = corpus_row[key]
        if isinstance(value, float) or isinstance(stored, float):
            assert stored == pytest.approx(value, nan_ok=True), key
        else:
            assert stored == value, key
    assert list(own) == summary_columns() == metric_columns()[1:]


def test_summary_agrees_with_the_summary_functions(seed_article, seed_sentences):
    result = analyse(seed_article)
    row = result.summary()
    tone = article_tone(sentence_sentiment(seed_sentences), n_boot=0).iloc[0]
    for key in ("polarity_mean", "subjectivity_mean", "vader_mean", "share_negative"):
        assert row[key] == pytest.approx(tone[key], abs=1e-12), key
    mentions = actor_mentions(seed_sentences)
    hedges = hedging_summary(hedging(seed_sentences, quotes(seed_sentences, mentions))).iloc[0]
    for key in ("hedges_per_1k", "boosters_per_1k", "share_attributed"):
        assert row[key] == pytest.approx(hedges[key], abs=1e-12), key
    for scheme in ("generic", "policy"):
        profile = frame_profile(frame_scores(seed_sentences, scheme=scheme)).set_index("frame")
        for frame, value in profile["cues_per_1k"].items():
            assert row[f"{scheme}_{frame}"] == pytest.approx(value, abs=1e-12), frame
    assert row["top_actors"] == "; ".join(actor_summary(mentions, seed_sentences)["actor"].head(3))
    assert row["article_id"] == "russia-iran-treaty" and row["status"] == "ok"


def test_each_table_is_computed_once_and_matches_its_function(seed_article, seed_sentences):
    result = analyse(seed_article)
    assert result.mentions is result.mentions  # kept, not recomputed
    pd.testing.assert_frame_equal(result.mentions, actor_mentions(seed_sentences))
    pd.testing.assert_frame_equal(result.sentences, seed_sentences)
    assert "Vladimir Putin" in set(result.quotes["actor"])
    assert result.generic_frames is not result.frames
    assert analyse(seed_article, scheme="generic").generic_frames is not None


def test_analyse_takes_an_article():
    with pytest.raises(FramingError, match="takes an Article"):
        analyse("some text")


def test_short_articles_summarise(tmp_path):
    one = analyse(Article.from_text("The council approved the budget.")).summary()
    assert one["n_sentences"] == 1 and one["status"] == "ok"
    assert one["top_actors"] == "" and one["n_actors"] == 0


def test_no_module_imports_another_modules_private_names():
    """Every ``from .x import name`` inside the package names a public name."""
    offenders = []
    for path in sorted(PACKAGE_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (
                node.level or "analysis" in (node.module or "")
            ):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.endswith("__"):
                        offenders.append(f"{path.name}: {node.module}.{alias.name}")
    assert offenders == []


def test_loaded_file_keeps_its_id(seed_path):
    assert analyse(load_article(seed_path)).summary()["article_id"] == "russia-iran-treaty"
