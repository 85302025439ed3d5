"""Loading articles from files, HTML, URLs and corpora, and refusing bad input clearly."""

from __future__ import annotations

import http.server
import json
import os
import socket
import threading
import time
import warnings

import pandas as pd
import pytest

from analysis import (
    Article,
    ArticleLoadError,
    EmptyArticleError,
    InputSizeError,
    NotEnglishWarning,
    SkippedArticleWarning,
    iter_corpus,
    load_article,
    load_corpus,
    sentences,
)

from .conftest import sha256

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Quake Hits Coastal Town | The Andes Observer</title>
<meta property="og:site_name" content="The Andes Observer">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Quake Hits Coastal Town</h1>
<p>Hundreds displaced as aftershocks continue</p>
<p>LIMA, Peru – A strong earthquake struck the coastal town of Pisco on Tuesday, officials said.
Mayor Ana Garcia said "we need tents and water now." Rescue teams arrived at 5 p.m. from the capital.</p>
<h2>Relief Efforts</h2>
<p>The Red Cross said it had sent tents and water to the area. Aid groups warned that roads remain blocked.</p>
<p>Gen. Luis Ortiz said the army would help clear the debris over the next days.</p>
</article>
<footer>Copyright 2024 The Andes Observer. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""

ENGLISH = (
    "Ministers Agree on Grain Deal\n"
    "Farmers welcomed the agreement, which was signed in Geneva on Monday after weeks of talks. "
    "The deal will allow ships to leave the ports and bring prices down, officials said.\n"
)


def write(path, content, mode="w"):
    if mode == "wb":
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ------------------------------------------------------------------- files
def test_seed_loads_and_is_not_modified(seed_path):
    before, mtime = sha256(seed_path), seed_path.stat().st_mtime_ns
    load_article(seed_path)
    assert sha256(seed_path) == before and seed_path.stat().st_mtime_ns == mtime


def test_html_file_gives_article_text_without_boilerplate(tmp_path):
    path = write(tmp_path / "quake.html", HTML_PAGE)
    article = load_article(path)
    assert article.title == "Quake Hits Coastal Town"
    assert article.subtitle == "Hundreds displaced as aftershocks continue"
    assert article.outlet == "The Andes Observer"
    assert article.date == "2024-03-05"
    assert article.dateline == "LIMA, Peru"
    assert article.headings == ["Relief Efforts"]
    table = sentences(article)
    assert table.iloc[0].text == "Quake Hits Coastal Town"
    joined = " ".join(table["text"])
    assert "Rescue teams arrived at 5 p.m. from the capital." in table["text"].tolist()
    for boilerplate in ("Home", "Copyright", "newsletter"):
        assert boilerplate not in joined
    assert all(article.text[r.char_start : r.char_end] == r.text for r in table.itertuples())


def test_html_sniffed_in_a_txt_file(tmp_path):
    article = load_article(write(tmp_path / "page.txt", HTML_PAGE))
    assert article.title == "Quake Hits Coastal Town"


def test_sidecar_metadata(tmp_path):
    path = write(tmp_path / "grain.txt", ENGLISH)
    write(
        tmp_path / "grain.meta.yaml",
        "outlet: Farm Weekly\ndate: 2024-02-01\nurl: https://example.org/grain\n",
    )
    article = load_article(path)
    assert (article.outlet, article.date, article.url) == (
        "Farm Weekly",
        "2024-02-01",
        "https://example.org/grain",
    )
    assert article.article_id == "grain"
    assert load_article(path, metadata={"outlet": "Other"}).outlet == "Other"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8-sig", b""),
        ("utf-16", b""),
        ("utf-16-le", b""),
        ("cp1252", b""),
        ("latin-1", b""),
    ],
)
def test_encodings_are_detected(tmp_path, encoding, prefix):
    text = ENGLISH.replace("Geneva", "Genève") + "The minister called it “a fair deal”.\n" * (
        encoding != "latin-1"
    )
    path = write(tmp_path / "enc.txt", prefix + text.encode(encoding), mode="wb")
    article = load_article(path)
    assert "Genève" in article.text
    assert article.title == "Ministers Agree on Grain Deal"
    assert not article.text.startswith("\ufeff")
    if encoding == "cp1252":
        assert "“a fair deal”" in article.text


def test_windows_line_endings(tmp_path):
    path = write(tmp_path / "crlf.txt", ENGLISH.replace("\n", "\r\n").encode(), mode="wb")
    article = load_article(path)
    assert "\r" not in article.text and article.title == "Ministers Agree on Grain Deal"


# ------------------------------------------------------------------- bad input
def test_missing_file(tmp_path):
    with pytest.raises(ArticleLoadError, match="no such file"):
        load_article(tmp_path / "nope.txt")


def test_directory_given_as_article(tmp_path):
    with pytest.raises(ArticleLoadError, match="directory.*load_corpus"):
        load_article(tmp_path)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_and_whitespace_files(tmp_path, content):
    with pytest.raises(EmptyArticleError, match="empty|whitespace"):
        load_article(write(tmp_path / "empty.txt", content, mode="wb"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>", "PDF.*pdftotext"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200), "JPEG image"),
        (b"PK\x03\x04" + bytes(100), "ZIP archive"),
        (bytes(range(256)) * 20, "binary"),
        (b"Some text\x00\x01\x02\x03 with NUL bytes\x00\x00" * 30, "binary"),
    ],
)
def test_binary_inputs_are_refused(tmp_path, content, message):
    path = write(tmp_path / "article.txt", content, mode="wb")
    with pytest.raises(ArticleLoadError, match=message) as info:
        load_article(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == content


def test_size_limit(tmp_path, monkeypatch):
    path = write(tmp_path / "big.txt", ENGLISH * 100)
    with pytest.raises(InputSizeError, match="over the limit"):
        load_article(path, max_bytes=1000)
    monkeypatch.setenv("FRAMING_MAX_BYTES", "1000")
    with pytest.raises(InputSizeError):
        load_article(path)
    assert load_article(path, max_bytes=10**6).title == "Ministers Agree on Grain Deal"


def test_html_without_article_text(tmp_path):
    page = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/x'>News</a></nav></body></html>"
    with pytest.raises(EmptyArticleError, match="no article text"):
        load_article(write(tmp_path / "menu.html", page))


def test_text_passed_instead_of_a_path():
    with pytest.raises(ArticleLoadError, match="Article.from_text"):
        load_article("A headline\nThe body of the article.")


def test_not_english_file_loads_with_warning(tmp_path):
    text = "Acuerdo de cereales\nLos ministros firmaron el acuerdo en Ginebra el lunes después de semanas de negociaciones difíciles."
    with pytest.warns(NotEnglishWarning):
        article = load_article(write(tmp_path / "es.txt", text))
    assert article.title == "Acuerdo de cereales"


# ------------------------------------------------------------------- URLs
@pytest.fixture()
def http_server():
    pages = {
        "/quake": ("text/html; charset=utf-8", HTML_PAGE.encode()),
        "/grain.txt": ("text/plain", ENGLISH.encode()),
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path not in pages:
                self.send_error(404, "Not Found")
                return
            kind, body = pages[self.path]
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_html(http_server):
    article = load_article(f"{http_server}/quake", timeout=5)
    assert article.title == "Quake Hits Coastal Town"
    assert article.url == f"{http_server}/quake"
    assert article.headings == ["Relief Efforts"]


def test_url_plain_text(http_server):
    article = load_article(f"{http_server}/grain.txt", timeout=5)
    assert article.title == "Ministers Agree on Grain Deal"
    assert article.article_id == "grain"


def test_url_not_found(http_server):
    with pytest.raises(ArticleLoadError, match="HTTP 404"):
        load_article(f"{http_server}/missing", timeout=5)


def test_unreachable_url():
    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(ArticleLoadError, match="could not be reached|connection failed"):
        load_article(f"http://127.0.0.1:{port}/article", timeout=2)


def test_url_timeout():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)  # accepts the connection, never answers
    try:
        with pytest.raises(ArticleLoadError, match="timeout"):
            load_article(f"http://127.0.0.1:{server.getsockname()[1]}/slow", timeout=0.5)
    finally:
        server.close()


def test_url_that_trickles_bytes_hits_one_overall_deadline():
    """A server that sends a byte every 0.3 s never trips a per-read timeout; the
    whole fetch must still end at the deadline."""
    stop = threading.Event()

    class Trickle(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(200):  # at most a minute, then it ends by itself
                if stop.is_set():
                    return
                try:
                    self.wfile.write(b"<p>a</p>")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.3)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    started = time.monotonic()
    try:
        with pytest.raises(ArticleLoadError, match="within 1 s"):
            load_article(f"http://127.0.0.1:{server.server_address[1]}/slow", timeout=1)
        assert time.monotonic() - started < 10  # today it reads for a minute
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "address", ["file:///etc/passwd", "ftp://example.org/story.txt", "FILE://C:/story.txt"]
)
def test_only_http_urls_are_accepted(address):
    with pytest.raises(ArticleLoadError, match=r"only http:// and https:// URLs"):
        load_article(address)


@pytest.mark.parametrize("address", ["http://[::1", "http://[::1]:99999/x", "https://"])
def test_malformed_urls_give_a_clear_error(address):
    with pytest.raises(ArticleLoadError, match="not a valid URL|could not be reached"):
        load_article(address, timeout=2)


# ---------------------------------------------------------- metadata files
@pytest.mark.parametrize(
    "name, content, message",
    [
        ("story.meta.yaml", "title: [unclosed\noutlet: x\n", r"not valid YAML at line \d"),
        ("story.meta.yaml", "title: 'open\n", "not valid YAML"),
        ("story.meta.yaml", "a: " + "[" * 20000 + "]" * 20000 + "\n", "nested too deeply"),
        ("story.meta.json", '{"a": ' + "[" * 20000 + "]" * 20000 + "}", "nested too deeply"),
        ("story.meta.json", '{"title": "x",}', r"not valid JSON at line 1"),
        ("story.meta.yaml", "- just\n- a list\n", "not a mapping"),
        (
            "story.meta.yaml",
            "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
            "10,000 values",
        ),
    ],
)
def test_bad_sidecar_names_the_file(tmp_path, name, content, message):
    article = tmp_path / "story.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(ArticleLoadError, match=message) as caught:
        load_article(article)
    assert name in str(caught.value)


@pytest.mark.parametrize(
    "front, message",
    [
        ("title: [unclosed\n", r"front matter is not valid YAML at line \d"),
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
    ],
)
def test_bad_front_matter_is_a_load_error(front, message):
    with pytest.raises(ArticleLoadError, match=message):
        Article.from_text(f"---\n{front}---\n{ENGLISH}")


@pytest.mark.parametrize(
    "odd", ["!!!", "Статья", ".", "..", "../..", "/", "", "   ", {"a": 1}, ["x"]]
)
def test_ids_that_slug_to_nothing_fall_back_to_the_file_name(tmp_path, odd):
    article = tmp_path / "grain-deal.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "grain-deal.meta.json").write_text(json.dumps({"id": odd}), encoding="utf-8")
    assert load_article(article).article_id == "grain-deal"
    loaded = Article.from_text(f"---\nid: {json.dumps(odd)}\n---\n{ENGLISH}")
    assert loaded.article_id == "ministers-agree-on-grain-deal"  # the headline's slug
    nameless = Article.from_text("Статья первая\n\nЭто текст статьи.", metadata={"id": odd})
    assert nameless.article_id.startswith("article-") and len(nameless.article_id) == 18


# ---------------------------------------------------------- HTML extraction
def test_deeply_nested_html_keeps_its_body(tmp_path):
    paragraph = "The minister said the new grain deal would help farmers across the region."
    page = (
        "<html><head><title>Grain Deal Reached</title></head><body><h1>Grain Deal Reached</h1>"
        + "<div>" * 10000
        + f"<p>{paragraph}</p><p>Traders welcomed the news on Monday.</p>"
        + "</div>" * 10000
        + "<script>var x = 1;</script></body></html>"
    )
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    article = load_article(path)
    assert article.title == "Grain Deal Reached"
    body = [b.text for b in article.blocks if b.role == "body"]
    assert body == [paragraph, "Traders welcomed the news on Monday."]
    assert "var x" not in article.text


# ------------------------------------------------------------------- corpora
def corpus_rows():
    return [
        {
            "id": "a1",
            "title": "Grain Deal Signed",
            "text": "Ministers signed the grain deal on Monday. Prices fell.",
            "outlet": "Farm Weekly",
            "category": "economy",
        },
        {
            "id": "a2",
            "title": "Storm Hits Coast",
            "text": "Storm Hits Coast\nA storm hit the coast. Roads were closed.",
            "outlet": "Coast News",
            "category": "weather",
        },
        {"id": "a3", "title": "Empty One", "text": "   ", "outlet": "Nowhere", "category": "none"},
    ]


def check_corpus(frame: pd.DataFrame):
    assert frame["article_id"].tolist() == ["a1", "a2"]
    assert frame["title"].tolist() == ["Grain Deal Signed", "Storm Hits Coast"]
    assert frame["outlet"].tolist() == ["Farm Weekly", "Coast News"]
    assert frame["category"].tolist() == ["economy", "weather"]
    # the title is in the text once, first, whether or not the input repeated it
    assert (
        frame["text"].tolist()[0]
        == "Grain Deal Signed\n\nMinisters signed the grain deal on Monday. Prices fell."
    )
    assert (
        frame["text"].tolist()[1] == "Storm Hits Coast\nA storm hit the coast. Roads were closed."
    )
    table = sentences(frame)
    assert table.groupby("article_id")["role"].first().tolist() == ["headline", "headline"]
    texts = dict(zip(frame["article_id"], frame["text"], strict=True))
    for row in table.itertuples():
        assert texts[row.article_id][row.char_start : row.char_end] == row.text
    assert table[table.article_id == "a2"]["text"].tolist() == [
        "Storm Hits Coast",
        "A storm hit the coast.",
        "Roads were closed.",
    ]


def test_jsonl_corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in corpus_rows()) + "\n", encoding="utf-8")
    with pytest.warns(SkippedArticleWarning, match=r"1 article\(s\) skipped: corpus.jsonl line 3"):
        frame = load_corpus(path)
    check_corpus(frame)


def test_csv_corpus(tmp_path):
    path = tmp_path / "corpus.csv"
    pd.DataFrame(corpus_rows()).to_csv(path, index=False)
    with pytest.warns(SkippedArticleWarning):
        frame = load_corpus(path)
    check_corpus(frame)


def test_corpus_errors_raise_when_asked(tmp_path):
    path = tmp_path / "corpus.csv"
    pd.DataFrame(corpus_rows()).to_csv(path, index=False)
    with pytest.raises(EmptyArticleError, match="row 3"):
        load_corpus(path, errors="raise")


def test_corpus_without_text_column(tmp_path):
    path = tmp_path / "corpus.csv"
    pd.DataFrame({"id": [1], "story": ["Some text of a story."]}).to_csv(path, index=False)
    with pytest.raises(ArticleLoadError, match="text_column"):
        load_corpus(path)
    assert load_corpus(path, text_column="story")["text"].tolist() == ["Some text of a story."]


def test_folder_and_list_corpus(tmp_path, seed_path):
    write(tmp_path / "b-grain.txt", ENGLISH)
    write(tmp_path / "a-quake.html", HTML_PAGE)
    write(tmp_path / "b-grain.meta.yaml", "outlet: Farm Weekly\n")
    write(tmp_path / "notes.csv", "not,an,article\n")
    frame = load_corpus(tmp_path)
    assert frame["title"].tolist() == ["Quake Hits Coastal Town", "Ministers Agree on Grain Deal"]
    assert frame["outlet"].tolist() == ["The Andes Observer", "Farm Weekly"]
    listed = load_corpus([seed_path, tmp_path / "b-grain.txt"])
    assert listed["article_id"].tolist() == ["russia-iran-treaty", "b-grain"]


def test_duplicate_ids_are_made_unique(tmp_path, seed_path):
    frame = load_corpus([seed_path, seed_path])
    assert frame["article_id"].tolist() == ["russia-iran-treaty", "russia-iran-treaty-2"]


def test_corpus_with_empty_binary_and_foreign_rows_keeps_the_others(tmp_path):
    rows = [
        {"id": "good", "text": ENGLISH},
        {"id": "empty", "text": ""},
        {"id": "binary", "text": "abc\x00\x01def"},
        {
            "id": "foreign",
            "text": "Los ministros firmaron el acuerdo en Ginebra el lunes después de semanas de negociaciones difíciles con los países vecinos.",
        },
        {"id": "good2", "text": ENGLISH},
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = load_corpus(path)
    assert frame["article_id"].tolist() == ["good", "foreign", "good2"]
    messages = " ".join(str(w.message) for w in caught)
    assert "2 article(s) skipped" in messages and "line 2" in messages and "binary" in messages
    assert "do not look like English" in messages and "line 4" in messages


def test_iter_corpus_streams_in_chunks(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text(
        "\n".join(
            json.dumps({"id": f"n{i}", "text": f"Story {i}\nBody of story {i}."}) for i in range(25)
        ),
        encoding="utf-8",
    )
    chunks = list(iter_corpus(path, chunksize=10))
    assert [len(c) for c in chunks] == [10, 10, 5]
    assert pd.concat(chunks)["article_id"].tolist() == [f"n{i}" for i in range(25)]


def test_not_a_corpus(tmp_path):
    with pytest.raises(ArticleLoadError, match="folder, a .csv or a .jsonl"):
        load_corpus(write(tmp_path / "one.txt", ENGLISH))
    with pytest.raises(ArticleLoadError, match="no .txt"):
        os.mkdir(tmp_path / "empty")
        load_corpus(tmp_path / "empty")
