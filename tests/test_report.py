"""The report: notebooks run with papermill, files written atomically, clear failures."""

from __future__ import annotations

import contextlib
import html as html_lib
import json
import socket

import pandas as pd
import pytest

from analysis import ArticleLoadError, EmptyArticleError, FramingError
from analysis.cli import main
from analysis.report.plotting import plot_structure, save_figure
from analysis.report.writer import ARTICLE_NOTEBOOKS, write_report

#: The report's sections: title and stable anchor.
SECTIONS = [
    ("Overview", "overview"),
    ("Keywords", "keywords"),
    ("Tone", "tone"),
    ("Actors and sources", "actors-and-sources"),
    ("Frames", "frames"),
    ("Topics", "topics"),
]


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
    for title, anchor in SECTIONS:
        assert f'<section id="{anchor}" class="fr-section"><h2>{title}</h2>' in html, title
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
    page = (compare / "report.html").read_text(encoding="utf-8")
    assert "<title>Comparing 2 articles – framing report</title>" in page
    assert '<section id="compare" class="fr-section"><h2>Compare</h2>' in page
    summary = page[page.index('id="summary"') : page.index('aria-label="Contents"')]
    assert "Russia and Iran Sign Strategic Partnership Treaty in Moscow" in summary
    assert "Grain Deal Signed in Geneva" in summary and summary.count('href="#compare"') == 2


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


# ---------------------------------------------------------------- safety (issue 14)
@pytest.fixture()
def one_notebook(monkeypatch):
    """Path tests run one notebook per report: kernels are the slow part."""
    monkeypatch.setattr("analysis.report.writer.ARTICLE_NOTEBOOKS", ["01-overview"])
    return ["01-overview"]


def tiny_notebooks(folder, body: str = ""):
    """Notebooks with the report's names that only record where they ran."""
    import nbformat

    folder.mkdir(parents=True, exist_ok=True)
    for name in [*ARTICLE_NOTEBOOKS, "07-compare"]:
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nb.metadata["language_info"] = {"name": "python"}
        params = nbformat.v4.new_code_cell(
            "ARTICLE = None\nARTICLES = None\nOUT = None\nSTATIC = False"
        )
        params.metadata["tags"] = ["parameters"]
        code = (
            "from pathlib import Path\n"
            "Path(OUT).mkdir(parents=True, exist_ok=True)\n"
            f"Path(OUT, '{name}.txt').write_text(str(ARTICLE or ARTICLES))\n" + body
        )
        nb.cells = [params, nbformat.v4.new_code_cell(code)]
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


ODD_IDS = ["!!!", "Статья", ".", "..", "../..", "/", "", "a/b"]


@pytest.mark.parametrize("odd", ODD_IDS)
def test_odd_ids_never_remove_anything_outside_their_own_folder(tmp_path, odd, one_notebook):
    notebooks = tiny_notebooks(tmp_path / "nbs")
    out = tmp_path / "figures"
    earlier = out / "earlier-report"
    earlier.mkdir(parents=True)
    (earlier / "report.html").write_text("kept")
    (out / "notes.txt").write_text("kept")
    (tmp_path / "outside.txt").write_text("kept")
    article = tmp_path / "odd-story.txt"
    article.write_text(
        f"---\nid: {json.dumps(odd)}\n---\nGrain Deal Signed\n\nMinisters signed a deal.\n"
    )
    (folder,) = write_report(article, out_dir=out, notebooks_dir=notebooks, progress=False)
    assert folder.parent == out and folder.name not in ("", ".", "..")
    assert (folder / "01-overview.txt").exists() and (folder / "report.html").exists()
    assert (earlier / "report.html").read_text() == "kept"
    assert (out / "notes.txt").read_text() == "kept"
    assert (tmp_path / "outside.txt").read_text() == "kept"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["earlier-report", "notes.txt", folder.name]
    )


def test_rerun_replaces_only_its_own_folder(tmp_path, seed_path, one_notebook):
    notebooks = tiny_notebooks(tmp_path / "nbs")
    out = tmp_path / "figures"
    (first,) = write_report(seed_path, out_dir=out, notebooks_dir=notebooks, progress=False)
    (first / "stale.csv").write_text("from an earlier run")
    (out / "other").mkdir()
    (second,) = write_report(seed_path, out_dir=out, notebooks_dir=notebooks, progress=False)
    assert second == first and not (second / "stale.csv").exists()
    assert (out / "other").is_dir()
    assert sorted(p.name for p in out.iterdir()) == ["other", "russia-iran-treaty"]  # no .report-*


def test_relative_out_and_parallel_notebooks_write_where_asked(tmp_path, seed_path, monkeypatch):
    """All six notebooks in parallel threads (papermill's cwd= used to chdir the whole
    process under them)."""
    notebooks = tiny_notebooks(tmp_path / "nbs")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    other = tmp_path / "grain.txt"
    other.write_text("Grain Deal Signed\nMinisters signed a grain deal on Monday.\n")
    folders = write_report(
        [seed_path, other], out_dir="reports", notebooks_dir=notebooks, workers=4, progress=False
    )
    assert [f.parent for f in folders[:2]] == [work / "reports"] * 2
    for folder in folders[:2]:
        assert sorted(p.name for p in folder.glob("*.txt")) == [
            f"{n}.txt" for n in ARTICLE_NOTEBOOKS
        ]
    assert sorted(p.name for p in notebooks.iterdir()) == [
        f"{n}.ipynb" for n in [*ARTICLE_NOTEBOOKS, "07-compare"]
    ]
    assert sorted(p.name for p in (work / "reports").iterdir()) == sorted(f.name for f in folders)
    import os

    assert os.getcwd() == str(work)


_CHDIRS: list | None = None


def _count_chdir(event, args):
    if event == "os.chdir" and _CHDIRS is not None:
        _CHDIRS.append(args[0])


def test_report_never_changes_the_working_directory(tmp_path, seed_path, one_notebook):
    """Notebooks run in threads: any chdir (papermill's file I/O does them) can leave
    the whole process elsewhere, so none may happen."""
    import sys

    global _CHDIRS
    sys.addaudithook(_count_chdir)  # audit hooks cannot be removed; it records only here
    _CHDIRS = []
    try:
        write_report([seed_path, seed_path], out_dir=tmp_path, workers=2, progress=False)
    finally:
        seen, _CHDIRS = _CHDIRS, None
    assert seen == []


def test_out_that_is_a_file_is_refused(tmp_path, seed_path):
    target = tmp_path / "figures"
    target.write_text("not a folder")
    with pytest.raises(FramingError, match="is a file"):
        write_report(seed_path, out_dir=target, progress=False)
    assert target.read_text() == "not a folder"


PAYLOADS = ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>"]


def hostile_article(folder):
    script, img, svg = PAYLOADS
    path = folder / "hostile.md"
    path.write_text(
        "---\n"
        + "\n".join(
            f"{key}: {json.dumps(value)}"
            for key, value in {
                "id": script,
                "outlet": img,
                "author": svg,
                "date": script,
                "url": "javascript:alert(1)",
                "subtitle": img,
            }.items()
        )
        + "\n---\n"
        f"# Ministers Sign Deal {script}\n\n"
        f"*Standfirst about the deal {img}*\n\n"
        f'The minister {svg} said the deal was "a {script} breakthrough". '
        f"Critics warned of a crisis, [click](javascript:alert(1)) officials said.\n\n"
        f"## Heading {img}\n\n"
        f"Farmers in {img} Geneva feared higher prices and losses, analysts suggest.\n",
        encoding="utf-8",
    )
    return path


SHORT_ARTICLES = {
    "one-sentence": "The council approved the budget on Tuesday.\n",
    "headline-only": "Council Approves Budget\n",
    "no-actors": "Rain fell across the hills overnight.\n\nBy morning the fields were under water and the roads were closed.\n",
    "no-quotes": "Germany and France signed a trade agreement in Paris on Monday.\n\nThe agreement cuts tariffs on cars and wine.\n",
    "no-frames": "The cat sat on the mat.\n\nIt was a sunny afternoon and the cat slept.\n",
}


@pytest.fixture(scope="module")
def odd_reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("odd")
    paths = [hostile_article(folder)]
    for name, text in SHORT_ARTICLES.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    out = folder / "out"
    with hostile_page() as url:
        folders = write_report([*paths, url], out_dir=out, progress=False)
    assert [f.name for f in folders[1:-2]] == list(SHORT_ARTICLES)
    assert folders[-1].name.startswith("compare-")
    return dict(zip(["hostile", *SHORT_ARTICLES, "page", "compare"], folders, strict=True))


@contextlib.contextmanager
def hostile_page():
    """A page on this machine whose <title>, site name and author carry markup."""
    import http.server
    import threading

    script, img, svg = PAYLOADS
    page = (
        f"<html><head><title>Harbour Deal {html_lib.escape(script)}</title>"
        f'<meta property="og:site_name" content="{html_lib.escape(img)}">'
        f'<meta name="author" content="{html_lib.escape(svg)}"></head><body><article>'
        "<h1>Harbour Deal Agreed</h1><p>The harbour board agreed a new deal with the dock "
        "workers on Monday after talks that lasted all weekend, officials said.</p>"
        "<p>Unions welcomed the agreement but warned that costs could rise next year.</p>"
        "</article></body></html>"
    ).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/harbour"
    finally:
        server.shutdown()
        server.server_close()


def _tags_and_attributes(html: str):
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collect().feed(html)
    return found


def test_markup_in_every_field_is_shown_as_text_and_cannot_run(odd_reports):
    hostile = odd_reports["hostile"]
    assert hostile.name == "script-alert-x-script"  # the id, as a harmless slug
    for folder in (hostile, odd_reports["page"], odd_reports["compare"]):
        html = (folder / "report.html").read_text(encoding="utf-8")
        elements = _tags_and_attributes(html)
        assert not [t for t, _ in elements if t in ("script", "svg", "iframe", "object", "embed")]
        assert not [(t, a) for t, attrs in elements for a in attrs if a.lower().startswith("on")]
        assert not [
            (t, attrs)
            for t, attrs in elements
            if any(str(v).strip().lower().startswith("javascript:") for v in attrs.values())
        ]
        policy = [
            a
            for t, a in elements
            if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
        ]
        assert policy and "script-src 'none'" in policy[0]["content"]
    html = (hostile / "report.html").read_text(encoding="utf-8")
    assert (
        "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    )  # shown, as text


def test_reports_run_on_short_and_empty_handed_articles(odd_reports):
    for name, text in SHORT_ARTICLES.items():
        folder = odd_reports[name]
        assert (folder / "report.html").stat().st_size > 0, name
        table = pd.read_csv(folder / "sentences.csv", keep_default_na=False)
        assert " ".join(table["text"]) == " ".join(text.split()), name
    assert pd.read_csv(odd_reports["one-sentence"] / "sentences.csv").shape[0] == 1
    assert pd.read_csv(odd_reports["no-actors"] / "actors.csv").empty
    assert pd.read_csv(odd_reports["no-quotes"] / "quotes.csv").empty
    assert not pd.read_csv(odd_reports["no-quotes"] / "actors.csv").empty
    scores = pd.read_csv(odd_reports["no-frames"] / "frame_scores.csv")
    assert scores.empty
    tone = pd.read_csv(odd_reports["headline-only"] / "sentence_sentiment.csv")
    assert len(tone) == 1


def test_compare_runs_on_them_all(odd_reports):
    compare = odd_reports["compare"]
    tone = pd.read_csv(compare / "tone_compare.csv")
    assert len(tone) == 2 + len(SHORT_ARTICLES)


def test_ctrl_c_in_report_is_one_line(monkeypatch, capsys, tmp_path):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("analysis.report.writer.write_report", interrupted)
    assert main(["report", "--out", str(tmp_path)]) == 130
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert "Traceback" not in err and lines[-1].startswith("framing report: interrupted")
    assert len(lines) == 2  # what it was doing, then how it ended


def test_report_page_loads_nothing_from_the_network(seed_report):
    html = (seed_report / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "cdnjs" not in html and "https://cdn" not in html
    assert 'http-equiv="Content-Security-Policy"' in html


def test_cli_version_help_and_folder_hint(tmp_path, capsys):
    from analysis import __version__

    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0 and __version__ in capsys.readouterr().out
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "report" in out and "corpus" in out  # help, not an error
    assert main(["report", str(tmp_path)]) == 2
    assert f"framing corpus {tmp_path}" in capsys.readouterr().err


def test_cli_warnings_are_one_line(capsys):
    import warnings

    from analysis import NotEnglishWarning
    from analysis.cli import _readable_warnings

    saved = warnings.showwarning
    try:
        _readable_warnings()
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.warn(
                "noticia.txt: the article does not look like English",
                NotEnglishWarning,
                stacklevel=2,
            )
    finally:
        warnings.showwarning = saved
    err = capsys.readouterr().err
    assert err == "framing: warning: noticia.txt: the article does not look like English\n"


def test_each_notebook_is_reported_as_it_finishes(tmp_path, seed_path):
    notebooks = tiny_notebooks(tmp_path / "nbs")
    lines: list[str] = []
    write_report(
        seed_path,
        out_dir=tmp_path / "out",
        notebooks_dir=notebooks,
        progress=False,
        log=lines.append,
    )
    assert len(lines) == len(ARTICLE_NOTEBOOKS)
    assert lines[-1].startswith(f"  {len(ARTICLE_NOTEBOOKS)}/{len(ARTICLE_NOTEBOOKS)} ")
    assert {line.split()[1] for line in lines} == set(ARTICLE_NOTEBOOKS)
    assert all("(russia-iran-treaty)" in line for line in lines)


def test_cli_report_ends_with_a_summary(monkeypatch, capsys, tmp_path):
    def fake(sources, **kwargs):
        kwargs["log"]("  1/1 01-overview (story) done after 1 s")
        return [tmp_path / "story"]

    monkeypatch.setattr("analysis.report.writer.write_report", fake)
    assert main(["report", "--out", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "01-overview (story) done" in captured.err
    assert f"1 report(s) in 0 s; open {tmp_path / 'story' / 'report.html'}" in captured.err
