"""The report: notebooks run with papermill, files written atomically, clear failures."""

from __future__ import annotations

import json
import socket

import pandas as pd
import pytest

from analysis import ArticleLoadError, EmptyArticleError, FramingError
from analysis.cli import main
from analysis.plotting import plot_structure, save_figure
from analysis.report import ARTICLE_NOTEBOOKS, write_report

SECTIONS = [
    "01 · Overview",
    "02 · Keywords",
    "03 · Tone",
    "04 · Actors and sources",
    "05 · Frames",
    "06 · Topics",
]


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory, seed_path):
    out = tmp_path_factory.mktemp("report")
    (folder,) = write_report(seed_path, out_dir=out, progress=False)
    return folder


def test_report_writes_figures_tables_notebooks_and_html(seed_report, seed_sentences):
    assert seed_report.name == "russia-iran-treaty"
    names = {p.name for p in seed_report.iterdir()}
    tables = {
        "article.json",
        "sentences.csv",
        "keywords.csv",
        "keyphrases.csv",
        "mentions.csv",
        "actors.csv",
        "quotes.csv",
        "hedging.csv",
        "sentence_sentiment.csv",
        "tone.csv",
        "actor_tone.csv",
        "frame_profile.csv",
        "topic_terms.csv",
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
        "frames",
        "frames_by_section",
        "frame_strip",
        "topic_terms",
        "topic_prevalence",
    }
    assert tables <= names
    assert {f"{f}.{ext}" for f in figures for ext in ("png", "svg")} <= names
    assert "report.html" in names
    assert sorted(p.stem for p in (seed_report / "notebooks").iterdir()) == ARTICLE_NOTEBOOKS
    assert all((seed_report / n).stat().st_size > 0 for n in names if n != "notebooks")
    table = pd.read_csv(seed_report / "sentences.csv", keep_default_na=False)
    assert table["text"].tolist() == seed_sentences["text"].tolist()
    info = json.loads((seed_report / "article.json").read_text(encoding="utf-8"))
    assert info["title"] == "Russia and Iran Sign Strategic Partnership Treaty in Moscow"
    assert info["source"] == "seeds/russia-iran-treaty.txt"
    said = pd.read_csv(seed_report / "quotes.csv")
    assert "Vladimir Putin" in set(said["actor"])


def test_html_report_has_every_section_and_no_code(seed_report):
    html = (seed_report / "report.html").read_text(encoding="utf-8")
    for section in SECTIONS:
        assert section in html, section
    assert "data:image/png;base64" in html  # figures embedded: one file to email
    assert "import matplotlib" not in html  # code hidden
    assert "Findings" in html and "Vladimir Putin" in html


def test_tables_are_byte_identical_when_rerun(seed_report, seed_path, tmp_path):
    (again,) = write_report(seed_path, out_dir=tmp_path, progress=False)
    for path in sorted(seed_report.glob("*.csv")) + [seed_report / "article.json"]:
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_several_articles_are_compared(tmp_path, seed_path):
    other = tmp_path / "grain.txt"
    other.write_text(
        "Grain Deal Signed in Geneva\nMinisters signed a grain export deal on Monday. Prices fell, traders said.\n",
        encoding="utf-8",
    )
    folders = write_report([seed_path, other], out_dir=tmp_path / "out", progress=False)
    assert [f.name for f in folders] == [
        "russia-iran-treaty",
        "grain",
        "compare-russia-iran-treaty-grain",
    ]
    compare = folders[-1]
    assert (compare / "keyness_between.csv").exists() and (compare / "report.html").exists()
    assert "07 · Compare" in (compare / "report.html").read_text(encoding="utf-8")


def test_bad_sources_fail_fast_and_write_nothing(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ArticleLoadError, match="no such file"):
        write_report(tmp_path / "missing.txt", out_dir=out)
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    with pytest.raises(EmptyArticleError):
        write_report(empty, out_dir=out)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(ArticleLoadError, match="could not be reached|connection failed"):
        write_report(f"http://127.0.0.1:{port}/story", out_dir=out)
    assert not out.exists() or not any(out.iterdir())


def test_failing_notebook_names_the_notebook_and_cell_and_leaves_nothing(tmp_path, seed_path):
    import nbformat

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ARTICLE_NOTEBOOKS:
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nb.metadata["language_info"] = {"name": "python"}
        params = nbformat.v4.new_code_cell("ARTICLE = None\nOUT = None\nSTATIC = False")
        params.metadata["tags"] = ["parameters"]
        body = "1 / 0" if name == "03-tone" else "x = 1"
        nb.cells = [params, nbformat.v4.new_code_cell(body)]
        nbformat.write(nb, notebooks / f"{name}.ipynb")
    out = tmp_path / "out"
    with pytest.raises(FramingError, match=r"03-tone\.ipynb failed in cell .*ZeroDivisionError"):
        write_report(seed_path, out_dir=out, notebooks_dir=notebooks, progress=False)
    assert not any(p for p in out.iterdir() if not p.name.startswith("."))
    assert not list(out.iterdir())


def test_cli_reports_a_missing_file_clearly(tmp_path, capsys):
    assert main(["report", str(tmp_path / "missing.txt"), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "missing.txt: no such file" in err and "Traceback" not in err


def test_save_figure_is_reproducible(tmp_path, seed_sentences):
    import matplotlib.pyplot as plt

    paths = []
    for name in ("one", "two"):
        fig, ax = plt.subplots()
        plot_structure(seed_sentences, ax=ax)
        paths.append(save_figure(fig, tmp_path / name, "overview"))
    assert [p.name for p in paths[0]] == ["overview.png", "overview.svg"]
    assert paths[0][0].read_bytes() == paths[1][0].read_bytes()
    assert paths[0][1].read_bytes() == paths[1][1].read_bytes()


def test_committed_seed_figures_are_what_make_figures_writes(seed_report):
    """`make figures` reproduces the committed report: same files, identical tables."""
    from analysis.paths import FIGURES_DIR

    committed = FIGURES_DIR / "russia-iran-treaty"
    if not committed.exists():
        pytest.skip("no committed seed report")
    made = {p.name for p in seed_report.iterdir() if p.name != "notebooks"}
    kept = {p.name for p in committed.iterdir() if p.name != "notebooks"}
    assert made == kept, "run `make figures` and commit figures/ after changing an analysis"
    for name in sorted(made):
        if name.endswith((".csv", ".json")):
            assert (seed_report / name).read_bytes() == (committed / name).read_bytes(), (
                f"{name} changed: run `make figures`"
            )
