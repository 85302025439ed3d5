"""The report folder, the overview figure and the `framing` command."""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import Article, sentences
from analysis.cli import main
from analysis.plotting import plot_structure, save_figure
from analysis.report import write_report


def test_report_writes_the_sentence_table_and_overview(tmp_path, seed_path, seed_sentences):
    folder = write_report(seed_path, out_dir=tmp_path)
    assert folder == tmp_path / "russia-iran-treaty"
    names = {p.name for p in folder.iterdir()}
    tables = {
        "article.json",
        "sentences.csv",
        "keywords.csv",
        "keyphrases.csv",
        "keyness_general_english.csv",
        "mentions.csv",
        "actors.csv",
        "quotes.csv",
        "hedging.csv",
        "sentence_sentiment.csv",
        "tone.csv",
        "actor_tone.csv",
    }
    figures = {
        "overview",
        "keywords",
        "keyphrases",
        "actors",
        "who_speaks",
        "cooccurrence",
        "hedging",
        "tone_arc",
        "actor_tone",
    }
    assert tables <= names
    assert {f"{f}.{ext}" for f in figures for ext in ("png", "svg")} <= names
    assert all((folder / n).stat().st_size > 0 for n in names)
    phrases = pd.read_csv(folder / "keyphrases.csv")
    assert "strategic partnership treaty" in set(phrases["phrase"])
    said = pd.read_csv(folder / "quotes.csv")
    assert "Vladimir Putin" in set(said["actor"])
    table = pd.read_csv(folder / "sentences.csv", keep_default_na=False)
    assert table["text"].tolist() == seed_sentences["text"].tolist()
    info = json.loads((folder / "article.json").read_text(encoding="utf-8"))
    assert info["title"] == "Russia and Iran Sign Strategic Partnership Treaty in Moscow"
    assert info["dateline"] == "Moscow, Russia"
    assert [s["heading"] for s in info["sections"]][1:] == [
        'A "Breakthrough" Pact',
        "Growing Military and Economic Ties",
        "Geopolitical Ramifications",
    ]


def test_report_is_byte_identical_when_rerun(tmp_path, seed_path):
    first = write_report(seed_path, out_dir=tmp_path / "one")
    second = write_report(seed_path, out_dir=tmp_path / "two")
    for name in sorted(p.name for p in first.iterdir()):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_failed_report_leaves_nothing(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  ")
    out = tmp_path / "out"
    assert main(["report", str(empty), "--out", str(out)]) == 2
    assert not out.exists() or not any(out.iterdir())


def test_cli_reports_a_missing_file_clearly(tmp_path, capsys):
    assert main(["report", str(tmp_path / "missing.txt"), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "missing.txt: no such file" in err and "Traceback" not in err


def test_cli_default_is_the_seed(tmp_path, capsys):
    assert main(["report", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "russia-iran-treaty" / "sentences.csv").exists()


def test_plot_structure_draws_one_bar_per_sentence_and_returns_ax(seed_sentences):
    fig, ax = plt.subplots()
    out = plot_structure(seed_sentences, ax=ax)
    assert out is ax
    assert len(ax.patches) == len(seed_sentences)
    labels = [t.get_text() for t in ax.texts]
    assert "Geopolitical Ramifications" in labels
    assert "21 sentences" in ax.get_title()


def test_plot_structure_on_empty_table_and_without_ax():
    empty = sentences([])
    ax = plot_structure(empty)
    assert ax is plt.gca() and "no sentences" in ax.get_title()


def test_plot_structure_refuses_several_articles(seed_sentences):
    other = sentences(
        Article.from_text("Other Story\nSomething happened. Then more.", article_id="other")
    )
    with pytest.raises(ValueError, match="one article"):
        plot_structure(pd.concat([seed_sentences, other]))


def test_save_figure_writes_png_and_svg(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    paths = save_figure(fig, tmp_path / "figs", "line")
    assert [p.name for p in paths] == ["line.png", "line.svg"]
    assert all(p.stat().st_size > 0 for p in paths)
    assert paths[0].read_bytes()[:4] == b"\x89PNG"
