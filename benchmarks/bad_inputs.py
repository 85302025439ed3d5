"""Robustness probe: bad, odd and hostile inputs, and what each one gets.

Usage::

    .venv/bin/python benchmarks/bad_inputs.py [--timeout 30] [--git-ref REF]

Runs every case below against the package in this checkout (or, with ``--git-ref``,
against the package as it was at that commit, checked out into a temporary folder) and
sorts each outcome into: ``clear error`` (the project's own error, with a message),
``result`` (a sensible result), ``wrong`` (a result that is silently wrong), ``crash`` (any other exception: a traceback from deep
inside a library), ``hang`` (no answer within ``--timeout`` seconds), ``lost`` (a file
that existed before is gone or changed) and ``injected`` (markup from the input is live
in report.html). Prints a table by kind of input and the total; every case is listed
with ``--verbose``. Nothing here touches the network beyond this machine's loopback.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ENGLISH = (
    "Ministers Agree on Grain Deal\n"
    "Farmers welcomed the agreement, which was signed in Geneva on Monday after weeks of talks. "
    "The deal will allow ships to leave the ports and bring prices down, officials said.\n"
)
ROUND_TWO_PAGES = {
    "/etc": (
        "text/html",
        f"<html><head><title>Etc</title></head><body><p>{ENGLISH}</p></body></html>",
    ),
    "/plan": (
        "text/html",
        "<html><head><title>Plan B Is Ready</title></head><body><article><h1>Plan B Is Ready</h1>"
        "<p>The plan_b file [sic] shows 3 &lt; 5 and 2*3 = 6, the minister said.</p>"
        f"<p>{ENGLISH}</p></article></body></html>",
    ),
    "/undefined": ("text/html; charset=undefined", f"<html><body><p>{ENGLISH}</p></body></html>"),
    "/js": (
        "text/html",
        "<html><body><noscript>You need to enable JavaScript to run this app.</noscript>"
        "<script>var a = 1;</script></body></html>",
    ),
}
PAYLOADS = ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>"]


class Lost(Exception):
    """A file that existed before the call is gone or changed."""


class Injected(Exception):
    """Live markup from the input reached report.html."""


class Wrong(Exception):
    """A result, but a silently wrong one (a bad row not reported, a good row lost)."""


# ------------------------------------------------------------------ servers
class _Server:
    def __init__(self):
        self.stop = threading.Event()
        stop = self.stop

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                if self.path == "/trickle":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    for _ in range(400):
                        if stop.is_set():
                            return
                        try:
                            self.wfile.write(b"<p>a</p>")
                            self.wfile.flush()
                        except OSError:
                            return
                        time.sleep(0.2)
                    return
                if self.path == "/cut":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    self.wfile.write((f"<html><body><p>{ENGLISH}</p>" + " " * 3000).encode()[:3000])
                    self.close_connection = True
                    return
                if self.path in ROUND_TWO_PAGES:
                    kind, text = ROUND_TWO_PAGES[self.path]
                    body = text.encode()
                elif self.path == "/xss":
                    body = (
                        f"<html><head><title>Deal {PAYLOADS[0]}</title></head><body><article>"
                        f"<h1>Deal Signed</h1><p>{ENGLISH}</p><p>{ENGLISH}</p></article></body></html>"
                    ).encode()
                    kind = "text/html"
                elif self.path == "/pdf":
                    body, kind = b"%PDF-1.4 binary", "application/pdf"
                else:
                    self.send_error(404, "Not Found")
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.silent = socket.socket()
        self.silent.bind(("127.0.0.1", 0))
        self.silent.listen(8)
        self.silent_url = f"http://127.0.0.1:{self.silent.getsockname()[1]}/never"

    def close(self):
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()
        self.silent.close()


# ------------------------------------------------------------------ cases
def cases(tmp: Path, server: _Server):
    """(kind, name, thunk) for every probe; thunks raise Lost/Injected when they see it."""
    from analysis import Article, load_article, sentences
    from analysis.measures.frames import FrameClassifier  # works on older commits too
    from analysis.pipeline.corpus import analyse

    def file(name: str, data: bytes | str) -> Path:
        path = tmp / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        return path

    def load(path_or_url, **kw):
        return lambda: sentences(load_article(path_or_url, **kw))

    def text(value):
        return lambda: sentences(Article.from_text(value))

    def with_sidecar(name, content):
        def run():
            folder = tmp / f"side-{name}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "story.txt").write_text(ENGLISH)
            (folder / name).write_text(content)
            return load_article(folder / "story.txt")

        return run

    out: list = []
    add = out.append
    # files
    add(("file", "missing file", load(tmp / "nope.txt")))
    add(("file", "a folder", load(tmp)))
    add(("file", "empty file", load(file("empty.txt", ""))))
    add(("file", "whitespace only", load(file("ws.txt", " \n\t\n"))))
    add(("file", "PDF", load(file("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary"))))
    add(("file", "PNG", load(file("img.png", b"\x89PNG\r\n\x1a\n" + bytes(200)))))
    add(("file", "NUL bytes in .txt", load(file("nul.txt", b"abc\x00\x00def" * 10))))
    add(("file", "UTF-16 with BOM", load(file("u16.txt", ENGLISH.encode("utf-16")))))
    add(("file", "cp1252 quotes", load(file("cp.txt", "It’s “fine”, he said.".encode("cp1252")))))
    add(
        ("file", "over the size limit", load(file("big.txt", "word " * 300_000), max_bytes=100_000))
    )
    add(("file", "one sentence", load(file("one.txt", "The council approved the budget."))))
    add(("file", "headline only", load(file("head.txt", "Council Approves Budget"))))
    add(("file", "no punctuation", load(file("nopunct.txt", "word " * 5000))))
    add(("file", "one enormous word", load(file("huge.txt", "x" * 400_000))))
    add(("file", "mixed line endings", load(file("eol.txt", "A.\r\nB.\rC.\nD.\r\n\r\nE."))))
    add(
        (
            "file",
            "Spanish text",
            load(file("es.txt", "Los ministros firmaron el acuerdo en Ginebra.")),
        )
    )
    add(("file", "text instead of a path", load(ENGLISH)))
    add(("file", "an int", load(42)))
    add(("file", "None", load(None)))
    # HTML
    add(
        (
            "html",
            "HTML without article text",
            load(file("nav.html", "<html><body><nav>Home</nav></body></html>")),
        )
    )
    add(
        (
            "html",
            "scripts only",
            load(file("js.html", "<html><body><script>var a=1;</script></body></html>")),
        )
    )
    deep = (
        "<html><body><h1>Deep Story</h1>"
        + "<div>" * 10000
        + f"<p>{ENGLISH}</p>"
        + "</div>" * 10000
        + "</body></html>"
    )
    add(
        (
            "html",
            "body under 10k nested divs",
            _expect_words(load_article, file("deep.html", deep), 20),
        )
    )
    add(
        (
            "html",
            "malformed tags",
            load(file("bad.html", "<html><body><p>Text <b><i>here</p></div></span>" + ENGLISH)),
        )
    )
    # URLs
    add(("url", "unreachable port", load(f"http://127.0.0.1:{_free_port()}/x", timeout=3)))
    add(("url", "404", load(server.url + "/missing", timeout=3)))
    add(("url", "server never answers", load(server.silent_url, timeout=2)))
    add(("url", "server trickles a byte at a time", load(server.url + "/trickle", timeout=2)))
    add(("url", "PDF at a URL", load(server.url + "/pdf", timeout=3)))
    add(("url", "file://", load("file:///etc/hostname")))
    add(("url", "ftp://", load("ftp://127.0.0.1/story.txt")))
    add(("url", "http://[::1", load("http://[::1")))
    add(("url", "https:// alone", load("https://", timeout=2)))
    add(("url", "port out of range", load("http://127.0.0.1:99999/x", timeout=2)))
    # metadata
    add(("metadata", "sidecar invalid YAML", with_sidecar("story.meta.yaml", "title: [open\n")))
    add(
        (
            "metadata",
            "sidecar unterminated quote",
            with_sidecar("story.meta.yaml", "title: 'open\n"),
        )
    )
    add(
        (
            "metadata",
            "sidecar 20k deep",
            with_sidecar("story.meta.yaml", "a: " + "[" * 20000 + "]" * 20000),
        )
    )
    add(
        (
            "metadata",
            "sidecar JSON 20k deep",
            with_sidecar("story.meta.json", '{"a":' + "[" * 20000 + "]" * 20000 + "}"),
        )
    )
    add(("metadata", "sidecar JSON invalid", with_sidecar("story.meta.json", '{"a": 1,}')))
    add(("metadata", "sidecar is a list", with_sidecar("story.meta.yaml", "- a\n- b\n")))
    laughs = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n"
        for p, c in zip("abcdefg", "bcdefgh", strict=True)
    )
    add(("metadata", "sidecar billion laughs", with_sidecar("story.meta.yaml", laughs)))
    add(("metadata", "front matter invalid", text("---\ntitle: [x\n---\n" + ENGLISH)))
    add(
        (
            "metadata",
            "front matter 5k deep",
            text("---\na: " + "[" * 5000 + "]" * 5000 + "\n---\n" + ENGLISH),
        )
    )
    add(("metadata", "title is a mapping", text("---\ntitle: {a: 1}\n---\n" + ENGLISH)))
    add(("text", "lone surrogate", text("\ud800 text")))
    add(("text", "control characters", text("\x01\x02\x03 The council met. \x1b[31m red")))
    # reports (odd ids and hostile text; a one-notebook stand-in keeps this fast)
    for odd in ["!!!", "Статья", ".", "..", "../..", ""]:
        add(
            (
                "report",
                f"id {odd!r}",
                _report_case(tmp, f"---\nid: {json.dumps(odd)}\n---\n{ENGLISH}"),
            )
        )
    hostile = (
        f"---\noutlet: {json.dumps(PAYLOADS[1])}\nauthor: {json.dumps(PAYLOADS[2])}\n---\n"
        f"# Deal Signed {PAYLOADS[0]}\n\n{ENGLISH}\n\n## Heading {PAYLOADS[1]}\n\n{ENGLISH}"
    )
    add(("report", "markup in headline, heading, metadata", _report_case(tmp, hostile)))
    add(
        (
            "report",
            "page title from a URL with markup",
            _report_case(tmp, None, url=server.url + "/xss"),
        )
    )
    add(("report", "relative --out", _report_case(tmp, ENGLISH, relative=True)))
    add(
        (
            "report",
            "two-sentence article",
            _report_case(
                tmp,
                "Council Approves Budget\n\nThe council approved it. Critics objected.",
            ),
        )
    )
    # corpus
    good = json.dumps({"id": "g", "text": ENGLISH})
    rows = {
        "invalid JSON line": f'{good}\n{{"text": "open\n{good}\n',
        "text is a number": f'{good}\n{{"id": "n", "text": 42}}\n',
        "text is a list": f'{good}\n{{"id": "l", "text": ["a"]}}\n',
        "row over the size limit": f"{good}\n{json.dumps({'id': 'big', 'text': 'word ' * 2_000_000})}\n",
        "binary row": f"{good}\n{json.dumps({'id': 'b', 'text': 'x' + chr(0) * 5})}\n",
        "not UTF-8 line": (good + "\n").encode() + b'{"id": "x", "text": "\xff\xfe"}\n',
    }
    for name, content in rows.items():
        add(("corpus", name, _corpus_case(analyse, file(f"c-{len(out)}.jsonl", content))))
    add(
        (
            "corpus",
            "re-run keeps earlier results",
            _resume_case(analyse, file("resume.jsonl", f"{good}\n"), tmp),
        )
    )
    # model files
    for name, content in {
        "empty": "",
        "truncated": '{"format": ',
        "a list": "[]",
        "scheme is a path": None,
        "coef wrong shape": None,
        "deeply nested": "[" * 100000 + "]" * 100000,
    }.items():
        add(("model", name, _model_case(FrameClassifier, tmp, name, content)))
    out.extend(round_two(tmp, server, file))
    return out


# ------------------------------------------------------------------ round two
def _tree(folder: Path) -> dict:
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            out[str(path)] = os.readlink(path)
        elif path.is_file():
            out[str(path)] = path.read_bytes()
    return out


def _untouched(folder: Path, run):
    """Run ``run``; Lost if anything below ``folder`` changed, else its outcome."""

    def check():
        before = _tree(folder)
        error = None
        try:
            result = run()
        except BaseException as exc:  # checked for lost files first, then re-raised
            error, result = exc, None
        if _tree(folder) != before:
            raise Lost(f"something below {folder} changed")
        if error is not None:
            raise error
        return result

    return check


def _report(source, out, **kw):
    from analysis.report.writer import write_report

    return write_report(source, out_dir=out, **kw)


def _expect(run, test, why):
    def check():
        result = run()
        if not test(result):
            raise Wrong(why)
        return result

    return check


def round_two(tmp: Path, server, file):
    """The second round: folders the tool did not write, id collisions, altered HTML
    text, not an article, mathtext, corpus runs, tracebacks and hangs."""
    story = file("r2-story.txt", ENGLISH)
    return [
        *_round_two_lost(tmp, server, file, story),
        *_round_two_wrong(tmp, server, file, story),
        *_round_two_figures(tmp, server, file, story),
        *_round_two_tracebacks(tmp, server, file, story),
        *_round_two_hangs(tmp, server, file, story),
    ]


def _round_two_lost(tmp: Path, server, file, story):
    """Cases where something the tool did not write could be lost."""
    from analysis import Article, load_article, sentences  # noqa: F401
    from analysis.pipeline.corpus import analyse  # noqa: F401
    from analysis.report.corpus_report import write_corpus_report  # noqa: F401

    out = []
    add = out.append
    home = tmp / "fakehome"
    (home / "etc").mkdir(parents=True)
    (home / "etc" / "passwd").write_text("root:x:0:0")
    etc = file("r2-etc.txt", "---\nid: etc\n---\n" + ENGLISH)
    add(
        (
            "output",
            "id 'etc' over a folder it did not write",
            _untouched(home, lambda: _report(etc, home)),
        )
    )
    add(
        (
            "output",
            "page titled 'Etc'",
            _untouched(home, lambda: _report(server.url + "/etc", home)),
        )
    )
    linked = tmp / "linked"
    linked.mkdir()
    (linked / "r2-story").symlink_to(home, target_is_directory=True)
    add(("output", "a link named as the id", _untouched(home, lambda: _report(story, linked))))

    def nfc_nfd():
        folder = tmp / "nfc"
        folder.mkdir()
        a = folder / unicodedata.normalize("NFC", "Café.txt")
        b = folder / unicodedata.normalize("NFD", "Café.txt")
        a.write_text(ENGLISH)
        b.write_text(ENGLISH.replace("Geneva", "Vienna"))
        (one,) = _report(a, folder / "out")
        (two,) = _report(b, folder / "out")
        if one == two or "Geneva" not in (one / "report.html").read_text():
            raise Lost("the second report replaced the first")

    add(("output", "ids that differ by normalisation", nfc_nfd))

    def same_ids():
        folder = tmp / "ids"
        for sub in ("a", "b"):
            (folder / sub).mkdir(parents=True)
            (folder / sub / "story.txt").write_text(ENGLISH.replace("Geneva", f"Geneva-{sub}"))
        (folder / "story-2.txt").write_text(ENGLISH.replace("Geneva", "Oslo"))
        sources = [folder / "a" / "story.txt", folder / "b" / "story.txt", folder / "story-2.txt"]
        written = _report(sources, folder / "out")
        if len(set(written)) != 4:
            raise Wrong(f"{len(set(written))} folders for 3 articles and a comparison")
        for path, place in zip(written, ("Geneva-a", "Geneva-b", "Oslo"), strict=False):
            if place not in (path / "report.html").read_text():
                raise Wrong(f"{path.name} holds another article's report")

    add(("output", "a/story, b/story and story-2 in one run", same_ids))
    corpus_home = tmp / "corpus-home"
    corpus_home.mkdir()
    (corpus_home / "report.html").write_text("mine")
    good = file("r2-good.jsonl", json.dumps({"id": "g", "text": ENGLISH}) + "\n")
    add(
        (
            "output",
            "corpus --out holding other files",
            _untouched(
                corpus_home,
                lambda: write_corpus_report(good, out_dir=corpus_home, workers=1, progress=False),
            ),
        )
    )
    own = tmp / "own"
    own.mkdir()
    (own / "one.txt").write_text(ENGLISH)
    add(
        (
            "output",
            "corpus --out is the corpus folder",
            _untouched(
                own,
                lambda: write_corpus_report(
                    own, out_dir=own, workers=1, resume=False, progress=False
                ),
            ),
        )
    )
    return out


def _round_two_wrong(tmp: Path, server, file, story):
    """Cases where a result could be silently wrong."""
    from analysis import Article, load_article, sentences  # noqa: F401
    from analysis.pipeline.corpus import analyse  # noqa: F401
    from analysis.report.corpus_report import write_corpus_report  # noqa: F401

    out = []
    add = out.append
    plan = file(
        "r2-plan.html",
        ROUND_TWO_PAGES["/plan"][1],
    )
    for name, source in (("HTML file", plan), ("URL", server.url + "/plan")):
        add(
            (
                "html",
                f"Markdown backslashes ({name})",
                _expect(
                    lambda s=source: load_article(s),
                    lambda a: "\\" not in a.text and "3 < 5" in a.text,
                    "backslashes in the text",
                ),
            )
        )
    add(
        (
            "html",
            "script-only page (noscript)",
            lambda: load_article(file("r2-js.html", ROUND_TWO_PAGES["/js"][1])),
        )
    )
    add(("html", "script-only page at a URL", lambda: load_article(server.url + "/js")))
    add(("text", "3,000 emoji", lambda: sentences(load_article(file("r2-emoji.txt", "😀" * 3000)))))
    add(
        (
            "text",
            "10,000 punctuation marks",
            lambda: sentences(load_article(file("r2-punct.txt", "! " * 10000))),
        )
    )

    def numbers_csv():
        path = tmp / "in" / "r2-numbers.csv"
        rows = [ENGLISH, "42", "1e5", "NaN", "-"]
        path.write_text("id,text\n" + "".join(f'{i},"{t}"\n' for i, t in enumerate(rows)))
        table = analyse(path)
        if table["status"].tolist() != ["ok"] + ["skipped"] * 4:
            raise Wrong(f"statuses {table['status'].tolist()}")
        return table

    add(("corpus", "CSV texts 42, 1e5, NaN, -", numbers_csv))
    add(("url", "truncated download", lambda: load_article(server.url + "/cut", timeout=5)))
    add(
        (
            "url",
            "charset=undefined",
            _expect(
                lambda: load_article(server.url + "/undefined", timeout=5),
                lambda a: "Geneva" in a.text,
                "text lost",
            ),
        )
    )

    return out


def _round_two_figures(tmp: Path, server, file, story):
    """Figures (mathtext in labels) and corpus runs that could be silently wrong."""
    from analysis import Article, load_article, sentences  # noqa: F401
    from analysis.pipeline.corpus import analyse  # noqa: F401
    from analysis.report.corpus_report import write_corpus_report  # noqa: F401

    out = []
    add = out.append

    def mathtext(headline, heading="Plain Heading"):
        def run():
            import matplotlib.pyplot as plt

            from analysis.report.plots import plot_structure

            table = sentences(
                Article.from_text(f"{headline}\n\n## {heading}\n\n{ENGLISH}", markdown=True)
            )
            fig, ax = plt.subplots()
            plot_structure(table, ax=ax, title=headline)
            fig.canvas.draw()
            texts = [t.get_text().replace("\\$", "$") for t in fig.findobj(plt.Text)]
            plt.close(fig)
            if headline not in texts:
                raise Wrong("the headline is not drawn as written")

        return run

    add(
        (
            "figure",
            "headline '$5 Billion ... $50 Billion'",
            mathtext("Why $5 Billion Became $50 Billion"),
        )
    )
    add(("figure", "heading '$\\foo{x}$'", mathtext("Grain Deal Signed", "$\\foo{x}$ here")))

    def corpus_outlet():
        path = tmp / "in" / "r2-outlet.jsonl"
        path.write_text(
            json.dumps({"id": "g", "text": ENGLISH, "outlet": "Times $\\undefined$"}) + "\n"
        )
        folder = write_corpus_report(path, out_dir=tmp / "r2-outlet", workers=1, progress=False)
        if not (folder / "report.html").exists():
            raise Wrong("no report.html")

    add(("figure", "outlet 'Times $\\undefined$' in a corpus", corpus_outlet))

    def no_text_column():
        path = tmp / "in" / "r2-notext.csv"
        path.write_text(f'id,story\n1,"{ENGLISH}"\n')
        write_corpus_report(path, out_dir=tmp / "r2-notext", workers=1, progress=False)
        raise Wrong("a corpus without a text column gave a result")

    add(("corpus", "CSV without a text column", no_text_column))

    def empty_by():
        path = tmp / "in" / "r2-by.csv"
        path.write_text(f'id,text,desk\n1,"{ENGLISH}",\n')
        lines: list[str] = []
        write_corpus_report(
            path, out_dir=tmp / "r2-by", by=["desk"], workers=1, progress=False, log=lines.append
        )
        if not any("desk" in line for line in lines):
            raise Wrong("--by of an empty column dropped without a word")

    add(("corpus", "--by a column empty everywhere", empty_by))

    def twice():
        rows = "".join(json.dumps({"id": f"a{i}", "text": ENGLISH}) + "\n" for i in range(3))
        path = file("r2-twice.jsonl", rows)
        folder = tmp / "r2-twice"
        write_corpus_report(path, out_dir=folder, workers=1, progress=False)
        write_corpus_report(path, out_dir=folder, workers=1, progress=False)
        n = len(folder.joinpath("corpus_metrics.csv").read_text().splitlines()) - 1
        if n != 3:
            raise Wrong(f"{n} rows for 3 articles")

    add(("corpus", "two runs into one --out", twice))

    def links():
        folder = tmp / "r2-links"
        folder.mkdir()
        (folder / "one.txt").write_text(ENGLISH)
        secret = tmp / "secret.txt"
        secret.write_text("root:x:0:0:root:/root:/bin/bash is a secret line of words")
        (folder / "passwd.txt").symlink_to(secret)
        report = write_corpus_report(
            folder, out_dir=tmp / "r2-links-out", workers=1, progress=False
        )
        if "root:x" in (report / "corpus_metrics.csv").read_text():
            raise Lost("a file outside the corpus folder was read")
        if "link" not in (report / "skipped.csv").read_text():
            raise Wrong("the link was skipped without a word")

    add(("corpus", "links to files outside the folder", links))
    return out


def _round_two_tracebacks(tmp: Path, server, file, story):
    """Cases that used to end in a traceback."""
    from analysis import Article, load_article, sentences  # noqa: F401
    from analysis.pipeline.corpus import analyse  # noqa: F401
    from analysis.report.corpus_report import write_corpus_report  # noqa: F401

    out = []
    add = out.append
    add(
        ("file", "250-character file name", lambda: load_article(file("n" * 246 + ".txt", ENGLISH)))
    )

    def long_name_corpus():
        folder = tmp / "r2-long"
        folder.mkdir()
        (folder / ("n" * 246 + ".txt")).write_text(ENGLISH)
        (folder / "two.txt").write_text(ENGLISH)
        table = analyse(folder)
        if (table["status"] != "ok").any():
            raise Wrong("an article with a long name was not analysed")

    add(("corpus", "250-character file name in a folder", long_name_corpus))
    blocker = file("r2-blocker", "x")
    add(("output", "--out below a file", lambda: _report(story, blocker / "reports")))
    add(
        (
            "output",
            "--out cannot be written (/proc)",
            lambda: _report(story, Path("/proc/framing-probe")),
        )
    )

    def huge_coef():
        from analysis.measures.frames import FrameClassifier

        path = tmp / "r2-model.json"
        model = FrameClassifier(char_ngrams=None, embeddings=None).fit(
            ["tariffs raise prices", "troops cross the border", "prices fall", "missiles hit"],
            ["economic", "security", "economic", "security"],
        )
        payload = json.loads(model.save(path).read_text())
        payload["models"][0]["coef"][0][0] = 10**400
        path.write_text(json.dumps(payload))
        return FrameClassifier.load(path)

    add(("model", "a coefficient of 10**400", huge_coef))
    add(("file", "/dev/zero", lambda: load_article("/dev/zero")))

    def fifo():
        path = tmp / "in" / "r2-pipe.txt"
        os.mkfifo(path)
        return load_article(path)

    add(("file", "a FIFO", fifo))
    return out


def _round_two_hangs(tmp: Path, server, file, story):
    """Cases that used to hang or leave processes behind."""
    from analysis import Article, load_article, sentences  # noqa: F401
    from analysis.pipeline.corpus import analyse  # noqa: F401
    from analysis.report.corpus_report import write_corpus_report  # noqa: F401

    out = []
    add = out.append
    line = ("The minister said the plan would work, and people agreed " * 90000)[:4_900_000]
    add(("text", "4.9 MB single line", lambda: sentences(load_article(file("r2-line.txt", line)))))
    paragraphs = "".join(f"<p>Paragraph {i} says the council met again.</p>" for i in range(10000))
    add(
        (
            "html",
            "10,000 paragraphs (2.1 MB)",
            lambda: sentences(
                load_article(
                    file(
                        "r2-paras.html",
                        f"<html><body><article>{paragraphs}</article></body></html>",
                    )
                )
            ),
        )
    )
    add(
        (
            "text",
            "900,000 &amp; entities",
            lambda: sentences(load_article(file("r2-amp.txt", "A Title\n\n" + "&amp;" * 900_000))),
        )
    )
    add(
        (
            "text",
            "100,000 sentences",
            lambda: sentences(
                load_article(file("r2-sents.txt", "A Title\n\n" + "He left. " * 100_000))
            ),
        )
    )
    add(("process", "kill -9 of a corpus run: workers", lambda: _orphans(tmp, file)))
    add(("process", "SIGTERM of a report: staging", lambda: _staging_after_sigterm(tmp)))
    return out


def _orphans(tmp: Path, file):
    import psutil

    path = file(
        "r2-orphans.jsonl",
        "".join(json.dumps({"id": f"a{i}", "text": ENGLISH}) + "\n" for i in range(400)),
    )
    script = f"from analysis.pipeline.corpus import analyse; analyse({str(path)!r}, workers=2, out={str(tmp / 'r2-orphans.csv')!r}, progress=False)"
    parent = subprocess.Popen(
        [sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    children = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(children) < 2:
        with contextlib.suppress(psutil.Error):
            children = psutil.Process(parent.pid).children()
        time.sleep(0.5)
    parent.kill()
    parent.wait()
    _, alive = psutil.wait_procs(children, timeout=20)
    if alive:
        for p in alive:
            p.kill()
        raise Wrong(f"{len(alive)} workers outlived their parent by 20 s")


def _staging_after_sigterm(tmp: Path):
    folder = tmp / "r2-sigterm"
    folder.mkdir()
    script = (
        "import time; from pathlib import Path; from analysis.io import outdir\n"
        "outdir.terminate_on_sigterm()\n"
        f"with outdir.staging(Path({str(folder)!r})) as f:\n    print(f, flush=True); time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    staged = Path(child.stdout.readline().strip())
    child.terminate()
    child.wait(timeout=30)
    if staged.exists():
        raise Wrong("a staging folder stayed after SIGTERM")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _expect_words(load_article, path, n):
    def run():
        article = load_article(path)
        words = sum(len(b.text.split()) for b in article.blocks if b.role == "body")
        if words < n:
            raise Lost(f"only {words} body words survived")
        return article

    return run


def _report_case(tmp: Path, content, *, url=None, relative=False):
    def run():
        import analysis.report.writer as report

        base = Path(tempfile.mkdtemp(dir=tmp))
        out = base / "figures"
        (out / "earlier").mkdir(parents=True)
        (out / "earlier" / "report.html").write_text("kept")
        (base / "neighbour.txt").write_text("kept")
        source = url
        if content is not None:
            source = base / "story.md"
            source.write_text(content)
        cwd = os.getcwd()
        error = None
        try:
            if relative:
                os.chdir(base)
            folders = report.write_report(source, out_dir="figures" if relative else out)
        except BaseException as exc:  # checked for lost files first, then re-raised
            error = exc
        finally:
            os.chdir(cwd)
        earlier = out / "earlier" / "report.html"
        if (
            not earlier.exists()
            or earlier.read_text() != "kept"
            or not (base / "neighbour.txt").exists()
        ):
            raise Lost("an earlier report or a neighbouring file was removed")
        if error is not None:
            raise error
        for folder in folders:
            if folder.parent != out:
                raise Lost(f"report written to {folder}, not into {out}")
            html = (folder / "report.html").read_text(encoding="utf-8")
            live = _live_markup(html)
            if live:
                raise Injected(f"live markup in report.html: {live}")
        return folders

    return run


def _live_markup(html: str) -> str:
    """The first element of an input's markup that a browser would run, or ''."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Scan(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.in_script = False

        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if name.lower().startswith("on") or str(value).lower().startswith("javascript:"):
                    found.append(f"<{tag} {name}=...>")
            self.in_script = tag == "script"

        def handle_endtag(self, tag):
            self.in_script = False

        def handle_data(self, data):
            if self.in_script and "alert(" in data:
                found.append("<script>alert(...)")

    Scan().feed(html)
    return found[0] if found else ""


def _corpus_case(analyse, path):
    def run():
        table = analyse(path)
        good = table[table["article_id"] == "g"]
        if good.empty or (good["status"] != "ok").any():
            raise Wrong("the good row was not analysed")
        skipped = table[table["status"] == "skipped"]
        if len(skipped) != 1 or not str(skipped["reason"].iloc[0]).strip():
            raise Wrong(f"{len(skipped)} rows reported as skipped, expected the bad one")
        reason = str(skipped["reason"].iloc[0])
        if "empty or missing" in reason:
            raise Wrong(f"misleading reason: {reason}")
        return table

    return run


def _resume_case(analyse, path, tmp):
    def run():
        target = tmp / "resume.csv"
        analyse(path, out=target)
        before = target.read_text()
        analyse(path, out=target)
        if target.read_text() != before:
            raise Lost("the re-run rewrote the earlier results")

    return run


def _model_case(cls, tmp, name, content):
    def run():
        path = tmp / f"model-{abs(hash(name))}.json"
        if content is None:
            model = cls(char_ngrams=None, embeddings=None).fit(
                ["tariffs raise prices", "troops cross the border", "prices fall", "missiles hit"],
                ["economic", "security", "economic", "security"],
            )
            payload = json.loads(model.save(path).read_text())
            if name == "scheme is a path":
                payload["params"]["scheme"] = "/etc/hostname"
            else:
                payload["models"][0]["coef"][0].append(1.0)
            path.write_text(json.dumps(payload))
        else:
            path.write_text(content)
        return cls.load(path).predict(["prices rise"])

    return run


# ------------------------------------------------------------------ running
def classify(thunk, timeout: float) -> tuple[str, str]:
    from analysis import FramingError

    box: list = []

    def work():
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                thunk()
            box.append(("result", ""))
        except Lost as exc:
            box.append(("lost", str(exc)))
        except Injected as exc:
            box.append(("injected", str(exc)))
        except Wrong as exc:
            box.append(("wrong", str(exc)))
        except FramingError as exc:
            box.append(("clear error", str(exc)[:120]))
        except BaseException as exc:  # noqa: BLE001 - the point is to see them
            box.append(("crash", f"{type(exc).__name__}: {str(exc)[:100]}"))

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(timeout)
    return box[0] if box else ("hang", f"no answer in {timeout:g} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--git-ref", default=None, help="probe the package as of this commit")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if args.git_ref:
        folder = Path(tempfile.mkdtemp(prefix="probe-"))
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), args.git_ref],
            check=True,
            capture_output=True,
        )
        try:
            env = {**os.environ, "PYTHONPATH": str(folder)}
            cmd = [sys.executable, str(Path(__file__).resolve()), "--timeout", str(args.timeout)]
            if args.verbose:
                cmd.append("--verbose")
            subprocess.run(cmd, env=env, cwd=folder, check=False)
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)], check=False
            )
        return
    import matplotlib

    matplotlib.use("Agg")
    import analysis

    print(f"package: {Path(analysis.__file__).parent}")
    tmp = Path(tempfile.mkdtemp(prefix="bad-inputs-"))
    server = _Server()
    results = []
    try:
        for kind, name, thunk in cases(tmp, server):
            outcome, detail = classify(thunk, args.timeout)
            results.append((kind, name, outcome, detail))
            if args.verbose:
                print(f"{kind:9} {name:42} {outcome:12} {detail}", flush=True)
    finally:
        server.close()
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp)
    kinds = ["clear error", "result", "wrong", "crash", "hang", "lost", "injected"]
    table = Counter((k, o) for k, _, o, _ in results)
    groups = list(dict.fromkeys(k for k, _, _, _ in results))
    print(f"\n| input | cases | {' | '.join(kinds)} |")
    print("|---|---:|" + "---:|" * len(kinds))
    for group in groups:
        n = sum(1 for k, *_ in results if k == group)
        print(f"| {group} | {n} | " + " | ".join(str(table[(group, o)]) for o in kinds) + " |")
    total = Counter(o for _, _, o, _ in results)
    print(f"| **all** | {len(results)} | " + " | ".join(str(total[o]) for o in kinds) + " |")
    bad = [r for r in results if r[2] in ("wrong", "crash", "hang", "lost", "injected")]
    for kind, name, outcome, detail in bad:
        print(f"  {outcome}: {kind} / {name}: {detail}")
    os._exit(0)  # daemon threads of hung cases must not keep the process alive


if __name__ == "__main__":
    sys.path.insert(0, str(Path(os.environ.get("PYTHONPATH", ROOT)).resolve()))
    main()
