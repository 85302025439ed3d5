"""framing report: each article analysed once, its tables saved, its figures drawn from
the results, its page assembled from them; a comparison from the saved results; only
folders the tool wrote are ever replaced."""

from __future__ import annotations

import contextlib
import html as html_lib
import json
import os
import re
import socket
import subprocess
import sys
from html.parser import HTMLParser

import pandas as pd
import pytest

from analysis import ArticleAnalysis, ArticleLoadError, EmptyArticleError, FramingError, analyse
from analysis.cli import main
from analysis.report.article_page import APPENDICES, BRIEF
from analysis.report.figures import ARTICLE_FIGURES
from analysis.report.plots import plot_structure, save_figure
from analysis.report.writer import write_report

from .conftest import sha256


def _text(html: str) -> str:
    """The page's words as a reader sees them (no style, no figures, no tags)."""
    html = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture(scope="module")
def seed_result(seed_report):
    return ArticleAnalysis.load(seed_report)


# ------------------------------------------------------------------- what is written
def test_report_writes_data_figures_and_page(seed_report, seed_sentences):
    assert seed_report.name == "russia-iran-treaty"
    data = {p.name for p in (seed_report / "data").iterdir()}
    assert {
        "article.json",
        "results.json",
        "sentences.csv",
        "keywords.csv",
        "keyphrases.csv",
        "mentions.csv",
        "actors.csv",
        "quotes.csv",
        "hedging.csv",
        "tone.csv",
        "article_tone.csv",
        "actor_tone.csv",
        "frame_profile.csv",
        "topic_terms.csv",
        "summary.csv",
        "findings.csv",
    } <= data
    names = {p.name for p in seed_report.iterdir()}
    figures = {spec.name for spec in ARTICLE_FIGURES}
    assert {f"{f}.{ext}" for f in figures for ext in ("png", "svg")} <= names
    assert {"report.html", "datapackage.json", "data"} <= names
    table = pd.read_csv(seed_report / "data" / "sentences.csv", keep_default_na=False)
    assert table["text"].tolist() == seed_sentences["text"].tolist()
    info = json.loads((seed_report / "data" / "article.json").read_text(encoding="utf-8"))
    assert info["title"] == "Russia and Iran Sign Strategic Partnership Treaty in Moscow"
    assert info["source"] == "seeds/russia-iran-treaty.txt"  # not where this checkout lives
    said = pd.read_csv(seed_report / "data" / "quotes.csv")
    assert "Vladimir Putin" in set(said["actor"])


def test_data_package_describes_every_table(seed_report):
    package = json.loads((seed_report / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    assert paths == {f"data/{p.name}" for p in (seed_report / "data").glob("*.csv")}
    for resource in package["resources"]:
        header = (seed_report / resource["path"]).open(encoding="utf-8").readline().strip()
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert header.split(",") == fields, resource["path"]
        assert resource["description"] and all(
            f.get("description") for f in resource["schema"]["fields"]
        )


def test_page_is_a_brief_then_appendices(seed_report):
    html = (seed_report / "report.html").read_text(encoding="utf-8")
    positions = [html.index(f'<section id="{anchor}" class="fr-section">') for anchor, *_ in BRIEF]
    assert positions == sorted(positions) and html.index('id="summary"') < positions[0]
    for anchor, _title in APPENDICES:
        assert f'<details class="fr-appendix" id="{anchor}">' in html, anchor
        assert html.index(f'id="{anchor}"') > positions[-1]
    assert html.count("<svg") == len(ARTICLE_FIGURES)  # every figure, inline, once
    assert "import matplotlib" not in html and "<img" not in html  # vector figures, no code


def test_every_count_the_page_states_agrees_with_the_results(seed_report, seed_result):
    text = _text((seed_report / "report.html").read_text(encoding="utf-8"))
    c = seed_result.counts
    assert f"Words {c.n_words} Sentences {c.n_sentences}" in text  # the title block
    stated = re.findall(r"(\d[\d,]*) words in (\d+) sentences", text)
    assert stated and set(stated) == {(f"{c.n_words:,}", str(c.n_sentences))}
    assert (
        f"Every sentence ({c.n_sentences}) and section heading ({c.n_headings}) "
        f"({len(seed_result.sentences)} rows)" in text
    )
    actors = dict(zip(seed_result.actors["actor"], seed_result.actors["n_mentions"], strict=True))
    lead = re.search(r"Of (\d+) actors, the most mentioned are (.*?)\.", text)
    assert int(lead.group(1)) == len(actors)
    for name, n in re.findall(r"([A-Z][\w .'-]+?) \((\d+)\)", lead.group(2)):
        assert actors[name.strip()] == int(n), name
    for name, n in re.findall(r"actor: (.+?) \((\d+) sentences?\)", text):
        ids = seed_result.mentions.loc[seed_result.mentions["actor"] == name, "sentence_id"]
        assert ids.nunique() == int(n), name
    for n in re.findall(r"(\d+) attributions (?:are found|give)", text):
        assert int(n) == len(seed_result.quotes)
    hedged = int((seed_result.hedging["n_hedges"] > 0).sum())
    assert all(int(n) == hedged for n in re.findall(r"It hedges (\d+) sentences?", text))
    policy = seed_result.frame_profile[seed_result.frame_profile["scheme"] == "policy"]
    for label, n in zip(policy["label"], policy["n_sentences"], strict=True):
        for said in re.findall(re.escape(label.lower()) + r" \(cues in (\d+) sentences?", text):
            assert int(said) == n, label
    for _k, m in re.findall(r"dominates (\d+) of (\d+) sentences", text):
        assert int(m) <= c.n_sentences


def test_report_has_every_figure_with_the_agg_backend(seed_report, tmp_path):
    """MPLBACKEND=Agg in the environment: the figures are drawn on their own canvas, so
    the page has all of them, and is the same page as the one written in-process."""
    env = {**os.environ, "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "report", "--out", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "russia-iran-treaty" / "report.html").read_text(encoding="utf-8")
    assert page.count("<svg") == len(ARTICLE_FIGURES)
    assert page == (seed_report / "report.html").read_text(encoding="utf-8")


def test_tables_and_page_are_byte_identical_when_rerun(seed_report, seed_path, tmp_path):
    (again,) = write_report(seed_path, out_dir=tmp_path)
    for path in sorted(seed_report.rglob("*")):
        if path.is_file() and path.suffix in (".csv", ".json", ".html", ".svg"):
            other = again / path.relative_to(seed_report)
            assert other.read_bytes() == path.read_bytes(), path.name


def test_committed_seed_figures_are_what_make_figures_writes(seed_report):
    """`make figures` reproduces the committed report: same files, same bytes."""
    from analysis.paths import FIGURES_DIR

    committed = FIGURES_DIR / "russia-iran-treaty"
    made = sorted(p.relative_to(seed_report) for p in seed_report.rglob("*") if p.is_file())
    kept = sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file())
    assert made == kept, "run `make figures` and commit figures/ after changing an analysis"
    for name in made:
        if name.suffix in (".csv", ".json", ".html", ".svg", ".md", ".xlsx"):
            assert sha256(seed_report / name) == sha256(committed / name), (
                f"{name} changed: run `make figures`"
            )


def test_several_articles_are_compared_and_linked(tmp_path, seed_path):
    other = tmp_path / "grain.txt"
    other.write_text(
        "Grain Deal Signed in Geneva\nMinisters signed a grain export deal on Monday. "
        "Prices fell, traders said.\n",
        encoding="utf-8",
    )
    folders = write_report([seed_path, other], out_dir=tmp_path / "out")
    assert [f.name for f in folders] == [
        "russia-iran-treaty",
        "grain",
        "compare-russia-iran-treaty-grain",
    ]
    compare = folders[-1]
    assert (compare / "data" / "tone_compare.csv").exists()
    page = (compare / "report.html").read_text(encoding="utf-8")
    assert "<title>Comparing 2 articles – framing report</title>" in page
    for anchor in ("compare-keywords", "compare-tone", "compare-frames", "compare-actors"):
        assert f'<section id="{anchor}" class="fr-section">' in page, anchor
    assert (
        'href="../russia-iran-treaty/report.html"' in page and 'href="../grain/report.html"' in page
    )
    assert re.search(r'href="\.\./russia-iran-treaty/report\.html#s\d+"', page)  # evidence
    for folder in folders[:2]:
        own = (folder / "report.html").read_text(encoding="utf-8")
        assert f'href="../{compare.name}/report.html"' in own  # and back
        footer = own[own.index("<footer") :]
        assert "The comparison" in footer  # the closing line names the comparison


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


def test_a_failing_step_leaves_nothing_and_says_what_failed(tmp_path, seed_path, monkeypatch):
    def broken(result, folder, **kwargs):
        raise FramingError("the figures could not be drawn (test)")

    monkeypatch.setattr("analysis.report.writer.draw_figures", broken)
    out = tmp_path / "out"
    with pytest.raises(FramingError, match="could not be drawn"):
        write_report(seed_path, out_dir=out, workers=1)
    assert not [p for p in out.iterdir() if not p.name.startswith(".framing-lock")]


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


def test_default_out_is_figures_of_the_current_folder(tmp_path, monkeypatch, seed_path):
    import analysis.report.writer as writer

    def quick(article, folder, **kwargs):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "report.html").write_text("stub")

    monkeypatch.setattr(writer, "write_article", quick)
    monkeypatch.chdir(tmp_path)
    (folder,) = write_report(seed_path, workers=1)
    assert folder == tmp_path / "figures" / "russia-iran-treaty"


# ------------------------------------------------------------ output folders (issue 35)
@pytest.fixture()
def quick_reports(monkeypatch):
    """Path tests write an analysis and a stub page, without figures: the folders are
    what they test."""
    import analysis.report.writer as writer

    def quick(article, folder, **kwargs):
        folder.mkdir(parents=True, exist_ok=True)
        analyse(article).save(folder)
        (folder / "report.html").write_text(f"report of {article.article_id}")

    monkeypatch.setattr(writer, "write_article", quick)


ODD_IDS = ["!!!", "Статья", ".", "..", "../..", "/", "", "a/b"]


@pytest.mark.parametrize("odd", ODD_IDS)
def test_odd_ids_never_remove_anything_outside_their_own_folder(tmp_path, odd, quick_reports):
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
    (folder,) = write_report(article, out_dir=out, workers=1)
    assert folder.parent == out and folder.name not in ("", ".", "..")
    assert (folder / "report.html").exists()
    assert (earlier / "report.html").read_text() == "kept"
    assert (out / "notes.txt").read_text() == "kept"
    assert (tmp_path / "outside.txt").read_text() == "kept"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["earlier-report", "notes.txt", folder.name]
    )


def test_rerun_replaces_only_its_own_folder(tmp_path, seed_path, quick_reports):
    out = tmp_path / "figures"
    (first,) = write_report(seed_path, out_dir=out, workers=1)
    (first / "stale.csv").write_text("from an earlier run")
    (out / "other").mkdir()
    (second,) = write_report(seed_path, out_dir=out, workers=1)
    assert second == first and not (second / "stale.csv").exists()
    assert (out / "other").is_dir()
    assert sorted(p.name for p in out.iterdir()) == ["other", "russia-iran-treaty"]  # no staging


def test_a_folder_the_tool_did_not_write_is_never_replaced(tmp_path, seed_path, quick_reports):
    out = tmp_path / "figures"
    mine = out / "russia-iran-treaty"
    mine.mkdir(parents=True)
    (mine / "thesis.docx").write_text("months of work")
    with pytest.raises(FramingError, match="a folder the tool did not write"):
        write_report(seed_path, out_dir=out, workers=1)
    assert (mine / "thesis.docx").read_text() == "months of work"
    assert sorted(p.name for p in mine.iterdir()) == ["thesis.docx"]


def test_relative_out_and_parallel_articles_write_where_asked(tmp_path, seed_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    other = tmp_path / "grain.txt"
    other.write_text("Grain Deal Signed\nMinisters signed a grain deal on Monday.\n")
    folders = write_report([seed_path, other], out_dir="reports", workers=2)
    assert [f.parent for f in folders] == [work / "reports"] * 3
    assert sorted(p.name for p in (work / "reports").iterdir()) == sorted(f.name for f in folders)
    assert os.getcwd() == str(work)


def test_out_that_is_a_file_is_refused(tmp_path, seed_path):
    target = tmp_path / "figures"
    target.write_text("not a folder")
    with pytest.raises(FramingError, match="is a file"):
        write_report(seed_path, out_dir=target)
    assert target.read_text() == "not a folder"


def test_each_article_is_reported_as_it_finishes(tmp_path, seed_path, quick_reports):
    lines: list[str] = []
    write_report(seed_path, out_dir=tmp_path / "out", workers=1, log=lines.append)
    assert len(lines) == 1 and lines[0].startswith("  russia-iran-treaty done after ")


def test_cli_report_ends_with_a_summary(monkeypatch, capsys, tmp_path):
    def fake(sources, **kwargs):
        kwargs["log"]("  story done after 1 s")
        return [tmp_path / "story"]

    monkeypatch.setattr("analysis.report.writer.write_report", fake)
    assert main(["report", "--out", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "story done" in captured.err
    assert f"1 report(s) in 0 s; open {tmp_path / 'story' / 'report.html'}" in captured.err


# ------------------------------------------------------- hostile and short articles
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
        folders = write_report([*paths, url], out_dir=out)
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
        assert not [t for t, _ in elements if t in ("script", "iframe", "object", "embed")]
        svgs = [attrs for t, attrs in elements if t == "svg"]
        assert all(a.get("class") == "fr-svg" for a in svgs)  # only the figures drawn here
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
        table = pd.read_csv(folder / "data" / "sentences.csv", keep_default_na=False)
        assert " ".join(table["text"]) == " ".join(text.split()), name
    assert pd.read_csv(odd_reports["one-sentence"] / "data" / "sentences.csv").shape[0] == 1
    assert pd.read_csv(odd_reports["no-actors"] / "data" / "actors.csv").empty
    assert pd.read_csv(odd_reports["no-quotes"] / "data" / "quotes.csv").empty
    assert not pd.read_csv(odd_reports["no-quotes"] / "data" / "actors.csv").empty
    scores = pd.read_csv(odd_reports["no-frames"] / "data" / "policy_frames.csv")
    assert (scores["score"] == 0).all()
    tone = pd.read_csv(odd_reports["headline-only"] / "data" / "tone.csv")
    assert len(tone) == 1


def test_compare_runs_on_them_all(odd_reports):
    compare = odd_reports["compare"]
    tone = pd.read_csv(compare / "data" / "tone_compare.csv")
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


# ------------------------------------------------------------- the data behind it
def test_the_data_package_validates_against_the_frictionless_specification(seed_report):
    from frictionless import validate

    report = validate(str(seed_report / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_the_workbook_holds_every_table_of_the_package(seed_report):
    import json

    from openpyxl import load_workbook

    package = json.loads((seed_report / "datapackage.json").read_text(encoding="utf-8"))
    book = load_workbook(seed_report / "tables.xlsx", read_only=True)
    assert book.sheetnames[0] == "tables"
    assert len(book.sheetnames) == len(package["resources"]) + 1
    index = list(book["tables"].iter_rows(values_only=True))
    assert index[0] == ("sheet", "title", "description", "method card", "rows")
    for resource, (sheet, title, *_rest, rows) in zip(package["resources"], index[1:], strict=True):
        table = pd.read_csv(seed_report / resource["path"])
        values = list(book[sheet].iter_rows(values_only=True))
        assert list(values[0]) == list(table.columns) and title == resource["title"]
        assert len(values) - 1 == len(table) == rows


def test_text_that_looks_like_a_formula_stays_text_in_the_workbook(tmp_path):
    from openpyxl import load_workbook

    from analysis.pipeline.saved import write_workbook

    table = pd.DataFrame(
        {"sentence_id": [0, 1], "text": ['=HYPERLINK("http://x.test","click")', "plain\x07bell"]}
    )
    path = write_workbook({"sentences": table}, tmp_path / "t.xlsx")
    sheet = load_workbook(path)["sentences"]
    assert sheet["B2"].data_type == "s" and sheet["B2"].value.startswith("=HYPERLINK")
    assert sheet["B3"].value == "plainbell"


def test_the_codebook_lists_every_frame_and_cue_and_the_report_links_it(seed_report):
    from analysis.measures.frames import load_scheme
    from analysis.report.codebook import codebook_markdown

    text = codebook_markdown()
    for scheme in ("policy", "generic"):
        lexicon = load_scheme(scheme)
        for frame in lexicon.frames:
            assert f"`{frame}`" in text and lexicon.labels[frame] in text
            for cue in lexicon.cues[frame]:
                assert cue in text, (scheme, frame, cue)
    for word in ("maybe", "would", "attack", "named official", "unnamed source", "cues_per_1k"):
        assert word in text
    page = (seed_report / "report.html").read_text(encoding="utf-8")
    assert 'href="codebook.html"' in page and 'href="tables.xlsx"' in page
    html = (seed_report / "codebook.html").read_text(encoding="utf-8")
    assert "<table>" in html and "Security and defense" in html


def test_framing_codebook_writes_both_files_and_never_replaces_anothers(tmp_path, capsys):
    from analysis.cli import main

    assert main(["codebook", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "codebook.md").read_text(encoding="utf-8").startswith("# Codebook (framing")
    assert main(["codebook", "--out", str(tmp_path)]) == 0  # its own files: rewritten
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "codebook.md").write_text("my notes\n", encoding="utf-8")
    assert main(["codebook", "--out", str(mine)]) == 2
    assert (mine / "codebook.md").read_text(encoding="utf-8") == "my notes\n"
    assert "is not a codebook this tool wrote" in capsys.readouterr().err
