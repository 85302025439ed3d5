"""Nothing the tool did not write is ever changed; bad input gets a clear error or a
sensible result, never a traceback or a hang (the second round of hostile inputs)."""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import unicodedata
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.cbook import is_math_text

from analysis import (
    ArticleLoadError,
    FramingError,
    InputSizeError,
    load_article,
    load_corpus,
)
from analysis.errors import NotAnArticleError
from analysis.io import outdir
from analysis.pipeline.corpus import analyse as analyse_corpus
from analysis.report.corpus_report import write_corpus_report
from analysis.report.writer import write_report
from analysis.text.article import Article

STORY = (
    "Ministers Agree on Grain Deal\n\n"
    "Farmers welcomed the agreement, which was signed in Geneva on Monday after weeks of "
    "talks. The deal will allow ships to leave the ports, officials said.\n"
)


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` and its bytes (links listed, not followed)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            out[str(path.relative_to(folder))] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            out[str(path.relative_to(folder))] = path.read_bytes()
    return out


@pytest.fixture(scope="module")
def server():
    """A page server on loopback: /etc is a page titled "Etc", /plan an HTML page with
    markup characters in its text, /cut announces 100,000 bytes and sends 3,000,
    /undefined declares charset=undefined, /js is a script-only page."""
    paragraph = "The plan_b file [sic] shows 3 < 5 and 2*3 = 6, the minister said on Monday."
    pages = {
        "/etc": (
            "text/html",
            f"<html><head><title>Etc</title></head><body><p>{STORY}</p></body></html>",
        ),
        "/plan": (
            "text/html",
            "<html><head><title>Plan B Is Ready</title></head><body><article>"
            f"<h1>Plan B Is Ready</h1><p>{paragraph.replace('<', '&lt;')}</p>"
            f"<p>{STORY}</p></article></body></html>",
        ),
        "/undefined": ("text/html; charset=undefined", f"<html><body><p>{STORY}</p></body></html>"),
        "/js": (
            "text/html",
            "<html><head><title>App</title></head><body><noscript>You need to enable "
            "JavaScript to run this app.</noscript><script>var a = 1;</script></body></html>",
        ),
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path == "/cut":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                self.wfile.write((f"<html><body><p>{STORY}</p>" + " " * 3000).encode()[:3000])
                self.wfile.flush()
                self.close_connection = True
                return
            kind, body = pages.get(self.path, ("text/plain", ""))
            data = body.encode("utf-8")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


# ------------------------------------------------------------------ nothing lost
def test_a_report_never_replaces_a_folder_the_tool_did_not_write(tmp_path):
    home = tmp_path / "fakehome"
    (home / "etc").mkdir(parents=True)
    (home / "etc" / "passwd").write_text("root:x:0:0")
    story = tmp_path / "story.txt"
    story.write_text("---\nid: etc\n---\n" + STORY)
    before = _tree(home)
    with pytest.raises(FramingError, match="did not write"):
        write_report(story, out_dir=home)
    assert _tree(home) == before
    assert not [p for p in home.iterdir() if p.name.startswith(outdir.STAGING_PREFIX)]


def test_a_report_from_a_page_titled_like_a_folder_leaves_that_folder_alone(tmp_path, server):
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "passwd").write_text("root:x:0:0")
    before = _tree(tmp_path)
    with pytest.raises(FramingError, match="did not write"):
        write_report(server + "/etc", out_dir=tmp_path)
    assert _tree(tmp_path) == before


def test_a_report_never_follows_a_link_out_of_out(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("kept")
    out = tmp_path / "out"
    out.mkdir()
    (out / "story").symlink_to(elsewhere, target_is_directory=True)
    (out / "grain").symlink_to(elsewhere / "keep.txt")
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    with pytest.raises(FramingError, match="is a link"):
        write_report(story, out_dir=out)
    assert (out / "story").is_symlink() and (elsewhere / "keep.txt").read_text() == "kept"
    with pytest.raises(FramingError, match="is a link"):
        outdir.target_name(out, "grain", "key")


def test_a_report_replaces_its_own_earlier_report_of_the_same_article(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    (first,) = write_report(story, out_dir=tmp_path / "out")
    (first / "report.html").write_text("an old report")
    (second,) = write_report(story, out_dir=tmp_path / "out")
    assert second == first
    assert "an old report" not in (second / "report.html").read_text(encoding="utf-8")
    assert outdir.read_marker(second)["kind"] == "article"


def test_file_names_that_differ_only_by_unicode_normalisation_get_their_own_reports(tmp_path):
    nfc = tmp_path / unicodedata.normalize("NFC", "Café.txt")
    nfd = tmp_path / unicodedata.normalize("NFD", "Café.txt")
    nfc.write_text(STORY)
    nfd.write_text(STORY.replace("Geneva", "Vienna"))
    out = tmp_path / "out"
    (one,) = write_report(nfc, out_dir=out)
    (two,) = write_report(nfd, out_dir=out)
    assert one != two
    assert "Geneva" in (one / "report.html").read_text(encoding="utf-8")
    assert "Vienna" in (two / "report.html").read_text(encoding="utf-8")


def test_ids_are_unique_within_a_run_and_cannot_collide_with_another_inputs_id():
    names = ["story", "story", "story-2", "story"]
    keys = ["/a/story.txt", "/b/story.txt", "/story-2.txt", "/c/story.txt"]
    unique = outdir.unique_names(names, keys)
    assert unique[0] == "story" and unique[2] == "story-2"
    assert len(set(unique)) == 4
    # a hashed name is checked against every input's own id, and case-folded
    sneaky = outdir.unique_names(["a", "A", "a-" + unique[1][-6:]], ["x", "y", "z"])
    assert len({n.casefold() for n in sneaky}) == 3


def test_a_corpus_out_with_files_the_tool_did_not_write_is_refused(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "g", "text": STORY}) + "\n")
    home = tmp_path / "home"
    home.mkdir()
    (home / "report.html").write_text("mine")
    (home / "corpus_metrics.csv").write_text("mine")
    before = _tree(home)
    with pytest.raises(FramingError, match="did not write"):
        write_corpus_report(corpus, out_dir=home, workers=1)
    assert _tree(home) == before


def test_a_corpus_whose_out_is_its_own_folder_never_reads_what_it_wrote(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text(STORY)
    with pytest.raises(FramingError, match="did not write"):
        write_corpus_report(folder, out_dir=folder, workers=1)
    assert sorted(p.name for p in folder.iterdir()) == ["one.txt"]
    # a report page the tool wrote, dropped into a corpus folder, is no article
    out = write_corpus_report(folder, out_dir=tmp_path / "report", workers=1)
    (folder / "report.html").write_bytes((out / "report.html").read_bytes())
    table = analyse_corpus(folder)
    assert table["status"].tolist() == ["ok", "skipped"]
    assert "written by framing" in table["reason"].iloc[1]


def test_a_corpus_folder_never_reads_through_links_out_of_it(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash and more secret words here")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text(STORY)
    (folder / "passwd.txt").symlink_to(secret)
    table = analyse_corpus(folder)
    assert table["status"].tolist() == ["ok", "skipped"]
    assert "link out of the folder" in table["reason"].iloc[1]
    with pytest.warns(UserWarning, match="link out of the folder"):
        loaded = load_corpus(folder)
    assert "root:x" not in " ".join(loaded["text"])


def test_a_second_corpus_run_into_a_held_out_folder_stops_at_once(tmp_path):
    out = outdir.claim_folder(tmp_path / "out", kind="corpus", key="k")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "g", "text": STORY}) + "\n")
    with outdir.lock(out, what="corpus run"):
        with pytest.raises(FramingError, match="another framing corpus run"):
            write_corpus_report(corpus, out_dir=out, workers=1)
    assert not (out / "corpus_metrics.csv").exists()


def test_two_corpus_runs_into_one_out_keep_one_row_per_article(tmp_path):
    corpus = tmp_path / "c.jsonl"
    rows = [{"id": f"a{i}", "text": STORY, "category": "farm"} for i in range(3)]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out"
    write_corpus_report(corpus, out_dir=out, workers=1)
    write_corpus_report(corpus, out_dir=out, workers=1)
    table = pd.read_csv(out / "corpus_metrics.csv")
    assert table["article_id"].tolist() == ["a0", "a1", "a2"]
    assert table["category"].tolist() == ["farm"] * 3


# ------------------------------------------------------------------ silently wrong
def test_html_text_is_the_text_a_reader_sees(tmp_path, server):
    page = tmp_path / "plan.html"
    page.write_text(
        "<html><head><title>Plan B Is Ready</title></head><body><article><h1>Plan B Is Ready</h1>"
        "<p>The plan_b file [sic] shows 3 &lt; 5 and 2*3 = 6, the minister said on Monday.</p>"
        f"<p>{STORY}</p></article></body></html>"
    )
    for article in (load_article(page), load_article(server + "/plan")):
        assert "The plan_b file [sic] shows 3 < 5 and 2*3 = 6" in article.text
        assert "\\" not in article.text
        assert article.title == "Plan B Is Ready"


def test_a_script_only_page_is_not_an_article(tmp_path, server):
    page = tmp_path / "app.html"
    page.write_text(
        "<html><body><noscript>You need to enable JavaScript to run this app.</noscript>"
        "<script>var a = 1;</script></body></html>"
    )
    for source in (page, server + "/js"):
        with pytest.raises(ArticleLoadError, match="no article text"):
            load_article(source)


@pytest.mark.parametrize(
    "text",
    ["😀" * 3000, "!" * 10000, "! ? . " * 2000, "42", "1e5", "NaN", "-", "3,000 4,000 5,000"],
    ids=["emoji", "punctuation", "spaced-punctuation", "42", "1e5", "NaN", "dash", "numbers"],
)
def test_not_an_article_gets_the_same_answer_in_every_format(tmp_path, text):
    txt = tmp_path / "x.txt"
    txt.write_text(text)
    html = tmp_path / "x.html"
    html.write_text(f"<html><body><p>{text}</p></body></html>")
    with pytest.raises(ArticleLoadError):
        load_article(txt)
    with pytest.raises(ArticleLoadError):
        load_article(html)
    with pytest.raises(NotAnArticleError):
        Article.from_text(text)
    csv = tmp_path / "c.csv"
    pd.DataFrame({"id": ["good", "bad"], "text": [STORY, text]}).to_csv(csv, index=False)
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text(
        json.dumps({"id": "good", "text": STORY})
        + "\n"
        + json.dumps({"id": "bad", "text": text})
        + "\n"
    )
    for corpus in (csv, jsonl):
        table = analyse_corpus(corpus)
        assert table["status"].tolist() == ["ok", "skipped"], corpus.name
        assert "not an article" in table["reason"].iloc[1]


def test_punctuation_is_not_counted_as_words(seed_sentences):
    from analysis.text.words import count_words

    assert count_words("Putin – who spoke first – said: “yes!”") == 6
    assert count_words(". " * 10000) == 0
    row = seed_sentences.iloc[2]
    assert row["n_words"] == count_words(row["text"])


def test_a_truncated_download_is_an_error(server):
    with pytest.raises(ArticleLoadError, match="cut off"):
        load_article(server + "/cut", timeout=5)


def test_a_page_with_an_unknown_charset_is_read(server):
    article = load_article(server + "/undefined", timeout=5)
    assert "Farmers welcomed the agreement" in article.text


@pytest.mark.parametrize(
    "headline",
    ["Why $5 Billion Became $50 Billion", "A heading $\\foo{x}$ here", "Times $\\undefined$"],
)
def test_article_text_is_drawn_as_text_in_every_figure(headline):
    from analysis.measures.tone import sentiment_arc
    from analysis.report.plots import (
        plot_actor_mentions,
        plot_keywords,
        plot_structure,
        plot_tone_arc,
    )
    from analysis.text.sentences import sentences

    table = sentences(Article.from_text(f"{headline}\n\n## {headline}\n\n{STORY}"))
    fig, axes = plt.subplots(2, 2)
    plot_structure(table, ax=axes[0, 0])
    terms = pd.DataFrame({"display": [headline], "score": [1.0], "count": [2]})
    plot_keywords(terms, ax=axes[0, 1], title=headline)
    actors = pd.DataFrame({"actor": [headline], "kind": ["person"], "n_mentions": [3]})
    plot_actor_mentions(actors, ax=axes[1, 0])
    arc = sentiment_arc(
        pd.DataFrame(
            {
                "article_id": "a",
                "sentence_id": [0, 1, 2],
                "section": ["Lead", headline, headline],
                "role": ["headline", "heading", "body"],
                "news_compound": [0.1, 0.0, -0.3],
            }
        ),
        measure="news_compound",
        roles=None,
    )
    plot_tone_arc(arc, ax=axes[1, 1])
    fig.canvas.draw()  # mathtext would fail here on "\foo"
    drawn = [t.get_text() for t in fig.findobj(plt.Text)]
    for t in (*axes[0, 1].get_yticklabels(), *axes[1, 0].get_yticklabels()):
        drawn.append(t.get_text())
    assert sum(headline.replace("$", "\\$") in text for text in drawn) >= 3
    assert not [text for text in drawn if is_math_text(text)]


def test_a_csv_without_a_text_column_names_its_columns_before_any_row(tmp_path):
    corpus = tmp_path / "c.csv"
    pd.DataFrame({"id": [1, 2], "story": [STORY, STORY], "category": ["a", "b"]}).to_csv(
        corpus, index=False
    )
    with pytest.raises(ArticleLoadError, match=r"columns are: id, story, category.*--text-column"):
        write_corpus_report(corpus, out_dir=tmp_path / "out", workers=1)
    table = analyse_corpus(corpus, text_column="story")
    assert table["status"].tolist() == ["ok", "ok"]


def test_by_a_column_that_is_missing_fails_before_any_row_and_empty_is_said(tmp_path):
    corpus = tmp_path / "c.csv"
    pd.DataFrame({"id": [1, 2], "text": [STORY, STORY], "desk": ["", ""]}).to_csv(
        corpus, index=False
    )
    started = time.perf_counter()
    with pytest.raises(FramingError, match="no such column"):
        write_corpus_report(corpus, out_dir=tmp_path / "out", by=["section"])
    assert time.perf_counter() - started < 5
    lines: list[str] = []
    out = write_corpus_report(
        corpus, out_dir=tmp_path / "out2", by=["desk"], workers=1, progress=False, log=lines.append
    )
    assert any("--by desk" in line and "empty" in line for line in lines)
    assert "empty in every" in (out / "report.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ tracebacks
def test_a_file_name_too_long_is_a_clear_error(tmp_path):
    with pytest.raises(ArticleLoadError, match="too long"):
        load_article(tmp_path / ("a" * 300 + ".txt"))
    long_name = tmp_path / ("b" * 250 + ".txt")
    long_name.write_text(STORY)  # the file exists; its sidecar's name would be too long
    assert load_article(long_name).title == "Ministers Agree on Grain Deal"


def test_out_below_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(FramingError, match="is a file"):
        outdir.prepare_parent(tmp_path / "file" / "reports")
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    with pytest.raises(FramingError, match="is a file"):
        write_report(story, out_dir=tmp_path / "file" / "reports")


def test_an_out_that_cannot_be_written_is_a_clear_error(tmp_path, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(FramingError, match="cannot be created"):
        outdir.prepare_parent(tmp_path / "new")
    monkeypatch.undo()
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    with pytest.raises(FramingError, match="not writable"):
        outdir.prepare_parent(tmp_path)


def test_a_model_file_with_a_huge_number_is_a_clear_error(tmp_path):
    from analysis.measures.frames import FrameClassifier

    model = FrameClassifier(char_ngrams=None, embeddings=None).fit(
        ["tariffs raise prices", "troops cross the border", "prices fall", "missiles hit"],
        ["economic", "security", "economic", "security"],
    )
    path = model.save(tmp_path / "m.json")
    payload = json.loads(path.read_text())
    payload["models"][0]["coef"][0][0] = 10**400
    path.write_text(json.dumps(payload))
    with pytest.raises(FramingError, match="finite number"):
        FrameClassifier.load(path)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_or_pipe_is_refused_before_it_is_read(tmp_path):
    with pytest.raises(ArticleLoadError, match="not a regular file"):
        load_article("/dev/zero")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.perf_counter()
    with pytest.raises(ArticleLoadError, match="not a regular file"):
        load_article(fifo)
    assert time.perf_counter() - started < 5


# ------------------------------------------------------------------ hangs
@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        (
            "line.txt",
            ("The minister said the plan would work, and people agreed " * 90000)[:4_900_000],
            "words",
        ),
        (
            "paragraphs.html",
            "<html><body><article>"
            + "".join(f"<p>Paragraph {i} of the story.</p>" for i in range(10000))
            + "</article></body></html>",
            "paragraphs",
        ),
        ("entities.txt", "A Title Here\n\n" + "&amp;" * 900_000, "not an article"),
        ("sentences.txt", "A Title Here\n\n" + "He left. " * 100_000, "words"),
        ("short-sentences.txt", "A Title Here\n\n" + "Go on. " * 6_000, "sentences"),
    ],
)
def test_inputs_past_the_limits_fail_fast_naming_the_limit(tmp_path, name, content, match):
    from analysis import sentences

    path = tmp_path / name
    path.write_text(content)
    started = time.perf_counter()
    with pytest.raises(ArticleLoadError, match=match):
        sentences(load_article(path))
    assert time.perf_counter() - started < 20


def test_a_long_run_without_sentence_ends_is_read_in_pieces():
    from analysis import sentences
    from analysis.text import limits

    table = sentences(Article.from_text("A Title Here\n\n" + "word " * 1000))
    body = table[table["role"] == "body"]
    assert body["n_words"].max() <= limits.MAX_SENTENCE_WORDS
    assert body["n_words"].sum() == 1000


def test_a_byte_limit_below_the_file_size_is_read_no_further(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(STORY * 2000)
    with pytest.raises(InputSizeError, match="over the limit of 1,000 bytes"):
        load_article(path, max_bytes=1000)


def test_staging_folders_are_removed_on_sigterm_and_after_kill(tmp_path):
    script = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from analysis.io import outdir
        outdir.terminate_on_sigterm()
        with outdir.staging(Path({str(tmp_path)!r})) as folder:
            (folder / "part.txt").write_text("x")
            print(folder, flush=True)
            time.sleep(60)
        """
    )
    for sig in (signal.SIGTERM, signal.SIGKILL):
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        folder = Path(child.stdout.readline().strip())
        assert folder.is_dir()
        child.send_signal(sig)
        child.wait(timeout=30)
        if sig == signal.SIGTERM:
            assert not folder.exists()
        else:
            assert folder.exists()  # nothing can run on kill -9: the next run removes it
            with outdir.staging(tmp_path):
                pass
            assert not folder.exists()
    # a folder that merely looks like staging is not the tool's and stays
    (tmp_path / f"{outdir.STAGING_PREFIX}mine").mkdir()
    outdir.remove_stale_staging(tmp_path)
    assert (tmp_path / f"{outdir.STAGING_PREFIX}mine").exists()


def test_corpus_workers_exit_when_their_parent_is_killed(tmp_path):
    psutil = pytest.importorskip("psutil")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": f"a{i}", "text": STORY}) + "\n" for i in range(400))
    )
    script = textwrap.dedent(
        f"""
        from analysis.pipeline.corpus import analyse
        analyse({str(corpus)!r}, workers=2, out={str(tmp_path / "m.csv")!r})
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 120
        children = []
        while time.monotonic() < deadline and len(children) < 2:
            with contextlib.suppress(psutil.Error):
                children = psutil.Process(parent.pid).children()
            time.sleep(0.5)
        assert len(children) >= 2, "the workers never started"
    finally:
        parent.kill()
        parent.wait(timeout=30)
    gone, alive = psutil.wait_procs(children, timeout=20)
    assert not alive, f"workers still running: {[p.pid for p in alive]}"
