"""Loading articles: files (.txt, .md, .html), URLs, and corpora (folders, CSV, JSONL).

Input files are only ever read. HTML is reduced to the article's text with
trafilatura (main-content extraction, the best-measured open extractor), keeping its
headings so the article's sections survive.
"""

from __future__ import annotations

import errno
import http.client
import json
import os
import re
import stat
import threading
import time
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterable, Iterator, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from tqdm.auto import tqdm

from ..errors import ArticleLoadError, EmptyArticleError, InputSizeError
from ..text import limits
from ..text.article import Article, NotEnglishWarning, read_metadata, slugify
from ..text.normalize import decode_bytes
from ..text.sentences import warn_left_out

__all__ = [
    "load_article",
    "load_corpus",
    "iter_corpus",
    "read_rows",
    "text_problem",
    "DEFAULT_MAX_BYTES",
    "ARTICLE_COLUMNS",
    "article_files",
    "corpus_columns",
    "text_column_of",
    "TEXT_COLUMNS",
]

#: Largest article accepted by default (bytes); override with ``max_bytes=`` or the
#: ``FRAMING_MAX_BYTES`` environment variable.
DEFAULT_MAX_BYTES = limits.DEFAULT_MAX_BYTES
#: Columns of the articles DataFrame, in order (further columns of a CSV/JSONL follow).
ARTICLE_COLUMNS = ["article_id", "title", "text", "outlet", "date", "url", "source"]

_TEXT_SUFFIXES = {".txt", ".text", ""}
_MARKDOWN_SUFFIXES = {".md", ".markdown"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_ARTICLE_SUFFIXES = frozenset(_TEXT_SUFFIXES - {""} | _MARKDOWN_SUFFIXES | _HTML_SUFFIXES)
_URL = re.compile(r"^https?://", re.I)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]{1,15}):(//)?", re.I)
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|article)\b", re.I | re.S
)
_USER_AGENT = "news-framing/0.1 (+article analysis; python urllib)"
_MIN_HTML_WORDS = 5
#: The names a corpus's text column may have, in order of preference.
TEXT_COLUMNS = ("text", "body", "content", "article", "full_text")
_TEXT_ALIASES = TEXT_COLUMNS
_TITLE_ALIASES = ("title", "headline")
_ID_ALIASES = ("article_id", "id", "slug")


def article_files(folder: Path, *, skipped: list[str] | None = None) -> list[Path]:
    """The article files of a folder, sorted by name: ``.txt``, ``.md`` and ``.html``
    files, without the ``NAME.meta.*`` sidecars.

    A link that leads out of the folder is not followed (a corpus folder cannot make
    the tool read ``/etc/passwd``), and a report page the tool wrote is not an article;
    each file left out for either reason is added to ``skipped`` with why."""
    root = folder.resolve()
    out = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in _ARTICLE_SUFFIXES or ".meta." in path.name:
            continue
        try:
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    if skipped is not None:
                        skipped.append(f"{path.name}: a link out of the folder (not followed)")
                    continue
            if not path.is_file():
                continue
        except OSError:
            continue
        if path.suffix.lower() in _HTML_SUFFIXES and _written_by_us(path):
            if skipped is not None:
                skipped.append(f"{path.name}: a report page written by framing, not an article")
            continue
        out.append(path)
    return out


def _written_by_us(path: Path) -> bool:
    """Is this HTML file a page the tool wrote (its generator meta tag says so)?"""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b'<meta name="generator" content="framing' in head


def _max_bytes(value: int | None) -> int:
    return limits.max_bytes(value)


def load_article(
    source: str | os.PathLike | Article,
    *,
    max_bytes: int | None = None,
    timeout: float = 20.0,
    metadata: Mapping[str, Any] | None = None,
) -> Article:
    """Load one article from a file or a URL.

    Parameters
    ----------
    source : str, path or Article
        A path to a ``.txt``, ``.md`` or ``.html`` file, or an ``http(s)://`` URL. An
        :class:`Article` is returned unchanged. For text you already hold, use
        :meth:`Article.from_text`.
    max_bytes : int, optional
        Refuse inputs larger than this (default 5 MB, or ``$FRAMING_MAX_BYTES``).
    timeout : float
        Seconds to wait for a URL before giving up.
    metadata : mapping, optional
        Metadata that overrides what the file says (title, outlet, date, url, id...).

    Metadata is read, in increasing priority, from the HTML page, a sidecar file next to
    the article (``NAME.meta.yaml``, ``NAME.meta.yml`` or ``NAME.meta.json``), YAML front
    matter at the top of a text file, and ``metadata=``.

    Returns
    -------
    Article

    Raises
    ------
    ArticleLoadError
        With the source and what to do: missing file, a directory, a PDF, image or
        other binary file, an undecodable file, HTML without article text, an
        unreachable URL or a timeout.
    EmptyArticleError
        Empty or whitespace-only input (a subclass of ArticleLoadError).
    InputSizeError
        Larger than ``max_bytes`` (a subclass of ArticleLoadError).

    Examples
    --------
    >>> from analysis import load_article, sentences
    >>> article = load_article("seeds/russia-iran-treaty.txt")  # doctest: +SKIP
    >>> sentences(article).head()  # doctest: +SKIP
    """
    if isinstance(source, Article):
        return source
    limit = _max_bytes(max_bytes)
    if isinstance(source, str) and _URL.match(source.strip()):
        return _load_url(source.strip(), limit=limit, timeout=timeout, metadata=metadata)
    if isinstance(source, str) and (scheme := _SCHEME.match(source.strip())):
        if scheme.group(2) or scheme.group(1).lower() in ("file", "ftp", "mailto", "data"):
            raise ArticleLoadError(
                source.strip()[:200],
                f"{scheme.group(1)}: addresses are not supported; only http:// and https:// URLs are.",
                "For a file on this computer, pass its path (without file://).",
            )
    if isinstance(source, str) and ("\n" in source or len(source) > 4096):
        raise ArticleLoadError(
            source[:60].replace("\n", " ") + "...",
            "this looks like article text, not a path or URL.",
            "Use Article.from_text(text) for text you already hold.",
        )
    if not isinstance(source, str | os.PathLike):
        raise ArticleLoadError(
            repr(source)[:80], f"expected a path or URL, got {type(source).__name__}."
        )
    return _load_file(Path(source), limit=limit, metadata=metadata)


def _load_file(path: Path, *, limit: int, metadata: Mapping[str, Any] | None) -> Article:
    data = read_bounded(path, limit=limit)
    meta = {**_sidecar(path), **dict(metadata or {})}
    meta = {k: v for k, v in meta.items() if v is not None}
    stem = slugify(path.stem)
    if stem:
        meta.setdefault("id", stem)
    suffix = path.suffix.lower()
    if suffix in _HTML_SUFFIXES or (
        suffix not in _MARKDOWN_SUFFIXES and _HTML_START.match(data[:2048])
    ):
        text, _ = decode_bytes(data, source=path)
        return _article_from_html(text, source=str(path), metadata=meta, fallback_id=stem)
    text, encoding = decode_bytes(data, source=path)
    meta.setdefault("encoding", encoding)
    return Article.from_text(
        text,
        source=str(path),
        markdown=suffix in _MARKDOWN_SUFFIXES,
        metadata=meta,
        fallback_id=stem,
    )


def _file_status(path: Path) -> os.stat_result:
    """``os.stat`` of an article file, its problems as ArticleLoadError: missing, a
    folder, a device, pipe or socket (which could be endless or block), a name too long."""
    try:
        status = path.stat()
    except FileNotFoundError:
        raise ArticleLoadError(
            path,
            "no such file.",
            "Check the path (relative paths start from the current directory).",
        ) from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise ArticleLoadError(
                str(path)[:120] + "...",
                "the file name is too long for this system.",
                "Rename the file to a shorter name.",
            ) from None
        raise ArticleLoadError(
            path, f"the file cannot be read ({exc.strerror or exc}).", "Check the path."
        ) from None
    if stat.S_ISDIR(status.st_mode):
        raise ArticleLoadError(
            path,
            "this is a directory, not an article.",
            "Use load_corpus(folder) to load every article in a folder.",
        )
    if not stat.S_ISREG(status.st_mode):
        raise ArticleLoadError(
            path,
            "this is not a regular file (a device, pipe or socket); only files are read.",
            "Save the article to a file and load that.",
        )
    return status


def read_bounded(path: Path, *, limit: int) -> bytes:
    """The bytes of the regular file ``path``, reading at most ``limit + 1`` of them
    (what the file system says of its size is not trusted), or InputSizeError."""
    _file_status(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ArticleLoadError(
            path, f"the file could not be read ({exc.strerror or exc}).", "Check its permissions."
        ) from None
    if len(data) > limit:
        raise InputSizeError(
            path,
            f"the file is over the limit of {limit:,} bytes.",
            "Pass max_bytes= (or set FRAMING_MAX_BYTES) if this really is one article; "
            "for many articles use load_corpus.",
        )
    return data


def _sidecar(path: Path) -> dict[str, Any]:
    for suffix in (".meta.yaml", ".meta.yml", ".meta.json"):
        side = path.with_name(path.stem + suffix)
        try:
            if not side.is_file():
                continue
        except OSError:  # a name too long once the suffix is added: there is no sidecar
            continue
        try:
            data = read_bounded(side, limit=1_000_000)
        except InputSizeError:
            raise ArticleLoadError(
                side, "the metadata file is over 1 MB.", "Metadata is a few `key: value` lines."
            ) from None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ArticleLoadError(
                side, f"the metadata file could not be read ({exc}).", "Save it as UTF-8."
            ) from None
        fmt = "json" if suffix == ".meta.json" else "yaml"
        return read_metadata(text, source=side, what="the metadata file", fmt=fmt)
    return {}


_FALLBACK_WORDS = 25
_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "template",
    "svg",
    "button",
    "select",
}
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "blockquote",
    "br",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "figcaption",
    "dd",
    "dt",
    "title",
}


#: Elements of trafilatura's output tree read as one paragraph each.
_PARAGRAPH_TAGS = frozenset({"p", "item", "quote", "code", "cell"})
#: Elements whose text is never an article's: scripts, styles, what a page shows only
#: without JavaScript ("Please enable JavaScript"), templates.
_NEVER_TEXT = ("script", "style", "noscript", "template")


def _html_tree(html: str, source: str):
    """The page as an lxml tree, with scripts, styles and ``<noscript>`` removed."""
    import lxml.html  # lazy: only HTML needs it, and it is heavy to load
    from lxml import etree

    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise EmptyArticleError(
            source, f"the HTML holds no document ({exc}).", "Check that the file is a web page."
        ) from None
    for element in list(tree.iter(*_NEVER_TEXT)):
        element.drop_tree()
    return tree


def _tree_blocks(body) -> list[tuple[str, str]]:
    """(kind, text) of each heading and paragraph of trafilatura's output tree, the
    text exactly as a reader sees it (no Markdown escapes)."""
    blocks: list[tuple[str, str]] = []
    for element in body.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "head":
            rend = str(element.get("rend") or "h2")
            level = rend[1:] if rend[:1] == "h" and rend[1:].isdigit() else "2"
            blocks.append((f"h{level}", "".join(element.itertext())))
        elif tag in _PARAGRAPH_TAGS and not any(
            a.tag in _PARAGRAPH_TAGS for a in element.iterancestors()
        ):
            blocks.append(("p", "".join(element.itertext())))
    return [(kind, " ".join(text.split())) for kind, text in blocks if text.strip()]


def _flat_blocks(html: str) -> list[tuple[str, str]]:
    """The text blocks of a whole page, one a block element, headings marked; scripts,
    styles, ``<noscript>``, navigation, headers and footers left out. For pages
    trafilatura gives up on (e.g. the body under thousands of nested elements, past
    lxml's depth limit): a streaming parser (the standard library's) reads any depth."""

    blocks: list[tuple[str, str]] = []

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.skip = 0
            self.words: list[str] = []
            self.kind = "p"

        def flush(self) -> None:
            text = " ".join(" ".join(self.words).split())
            if text:
                blocks.append((self.kind, text))
            self.words, self.kind = [], "p"

        def handle_starttag(self, tag, attrs):
            if tag in _SKIP_TAGS:
                self.skip += 1
            elif tag in _BLOCK_TAGS:
                self.flush()
                if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    self.kind = tag

        def handle_endtag(self, tag):
            if tag in _SKIP_TAGS:
                self.skip = max(0, self.skip - 1)
            elif tag in _BLOCK_TAGS:
                self.flush()

        def handle_data(self, data):
            if not self.skip:
                self.words.append(data)

    reader = Reader()
    try:
        reader.feed(html)
        reader.close()
    except Exception:  # a malformed page: keep what was read
        pass
    reader.flush()
    blocks = [(k, t) for k, t in blocks if k == "p" or len(t.split()) > 1]
    # the <title> comes first; drop it when the page repeats it as its <h1>
    if len(blocks) > 1 and blocks[1][1] == blocks[0][1]:
        blocks = blocks[1:]
    return blocks


def _article_from_html(
    html: str,
    *,
    source: str,
    url: str | None = None,
    metadata: Mapping[str, Any] | None = None,
    fallback_id: str | None = None,
) -> Article:
    import trafilatura  # lazy: only HTML needs it, and it is heavy to load

    tree = _html_tree(html, source)
    try:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_formatting=True,
            include_comments=False,
            include_tables=False,
            output_format="python",
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on malformed input
        raise ArticleLoadError(
            source,
            f"the HTML could not be parsed ({type(exc).__name__}: {exc}).",
            "Save the page again, or pass its text as a .txt file.",
        ) from None
    body = getattr(doc, "body", None) if doc is not None else None
    blocks = _tree_blocks(body) if body is not None else []
    n_words = sum(len(t.split()) for _, t in blocks)
    if n_words < _FALLBACK_WORDS:
        # trafilatura gives up on some pages (e.g. the body under thousands of nested
        # elements, past lxml's depth limit): read the page's text blocks flat instead
        flat = _flat_blocks(html)
        if sum(len(t.split()) for _, t in flat) > max(3 * n_words, _MIN_HTML_WORDS):
            blocks = flat
    if sum(len(t.split()) for _, t in blocks) < _MIN_HTML_WORDS:
        raise EmptyArticleError(
            source,
            "no article text was found in the HTML (only navigation, scripts or very little text).",
            "Check that the page holds the article itself (not a cookie wall, index or login page), or save its text as .txt.",
        )
    meta = {
        "title": getattr(doc, "title", None),
        "outlet": getattr(doc, "sitename", None),
        "date": getattr(doc, "date", None),
        "url": url or getattr(doc, "url", None),
        "author": getattr(doc, "author", None),
        "language": getattr(doc, "language", None),
        "description": getattr(doc, "description", None),
    }
    meta = {k: v for k, v in meta.items() if v}
    meta.update(metadata or {})
    if "id" not in meta and meta.get("title"):
        meta["id"] = slugify(str(meta["title"]))
    return Article.from_blocks(blocks, source=source, metadata=meta, fallback_id=fallback_id)


class _Deadline(Exception):
    """The whole fetch took longer than its timeout."""


class _CutOff(Exception):
    """The server sent fewer bytes than its Content-Length said."""


def _fetch(url: str, *, limit: int, timeout: float) -> tuple[bytes, str, str | None, str]:
    """GET ``url`` within one overall deadline of ``timeout`` seconds (connecting,
    redirects, headers and body together: a server that trickles a byte every second
    cannot keep us waiting), reading at most ``limit + 1`` bytes.

    urllib's own timeout applies to each socket operation, so the request runs in a
    daemon thread that we stop waiting for at the deadline; the thread itself gives up
    at its next socket timeout or read.
    """
    deadline = time.monotonic() + timeout
    result: list = []

    def work() -> None:
        try:
            result.append(("ok", _get(url, limit=limit, timeout=timeout, deadline=deadline)))
        except BaseException as exc:  # handed to the caller below
            result.append(("error", exc))

    worker = threading.Thread(target=work, name="framing-fetch", daemon=True)
    worker.start()
    worker.join(timeout + 0.5)
    if not result:
        raise _Deadline
    status, value = result[0]
    if status == "error":
        raise value
    return value


def _get(url: str, *, limit: int, timeout: float, deadline: float):
    request = urllib.request.Request(
        url, headers={"User-Agent": _USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _Deadline
            sock = getattr(getattr(response.fp, "raw", None), "_sock", None)
            if sock is not None:
                sock.settimeout(remaining)
            chunk = response.read1(min(65536, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if time.monotonic() > deadline:
            raise _Deadline
        data = b"".join(chunks)
        declared = response.headers.get("Content-Length")
        if declared and declared.strip().isdigit() and len(data) < int(declared) <= limit:
            raise _CutOff(len(data), int(declared))
        return (
            data,
            response.headers.get_content_type(),
            response.headers.get_content_charset(),
            response.geturl(),
        )


def _load_url(
    url: str, *, limit: int, timeout: float, metadata: Mapping[str, Any] | None
) -> Article:
    hint = "Check the address and your connection, or save the page and load the file."
    try:
        data, content_type, charset, final_url = _fetch(url, limit=limit, timeout=timeout)
    except urllib.error.HTTPError as exc:
        raise ArticleLoadError(
            url, f"the server answered HTTP {exc.code} ({exc.reason}).", hint
        ) from None
    except (TimeoutError, _Deadline):
        raise ArticleLoadError(
            url, f"the page did not arrive within {timeout:g} s (timeout).", hint
        ) from None
    except _CutOff as exc:
        got, declared = exc.args
        raise ArticleLoadError(
            url,
            f"the download was cut off: {got:,} of the {declared:,} bytes the server "
            "announced arrived.",
            "Try again later, or save the page and load the file.",
        ) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise ArticleLoadError(
                url, f"the page did not arrive within {timeout:g} s (timeout).", hint
            ) from None
        raise ArticleLoadError(url, f"the URL could not be reached ({reason}).", hint) from None
    except (ValueError, http.client.InvalidURL) as exc:
        raise ArticleLoadError(
            url, f"this is not a valid URL ({exc}).", "Check the address."
        ) from None
    except (OSError, http.client.HTTPException) as exc:
        raise ArticleLoadError(url, f"the connection failed ({exc}).", hint) from None
    if len(data) > limit:
        raise InputSizeError(
            url,
            f"the page is over the limit of {limit:,} bytes.",
            "Pass max_bytes= if this really is one article.",
        )
    if charset:
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeError):  # an unknown or wrong charset ("undefined")
            text, _ = decode_bytes(data, source=url)
    else:
        text, _ = decode_bytes(data, source=url)
    meta = dict(metadata or {})
    meta.setdefault("url", final_url)
    if content_type == "text/plain":
        meta.setdefault(
            "id", slugify(final_url.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]) or None
        )
        return Article.from_text(text, source=url, metadata={k: v for k, v in meta.items() if v})
    if content_type not in ("text/html", "application/xhtml+xml") and not _HTML_START.match(
        data[:2048]
    ):
        raise ArticleLoadError(
            url,
            f"the URL serves {content_type}, not an HTML page or text.",
            "Download it and convert it to text first.",
        )
    return _article_from_html(text, source=url, url=final_url, metadata=meta)


# ---------------------------------------------------------------------- corpora
def load_corpus(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    text_column: str | None = None,
    errors: Literal["skip", "raise"] = "skip",
    max_bytes: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Load many articles into a DataFrame, one row an article.

    Parameters
    ----------
    source : path or list of sources
        A folder (every ``.txt``, ``.md`` and ``.html`` file in it, sorted by name,
        sidecar ``.meta.*`` files applied), a ``.csv`` file, a ``.jsonl`` file (one
        JSON object a line), or a list of paths and URLs. CSV/JSONL rows need a text
        column (``text``, ``body``, ``content`` or ``article``); ``title``/``headline``,
        ``id``/``article_id``, ``outlet``, ``date`` and ``url`` are used when present,
        and further columns (e.g. a category) are kept.
    text_column : str, optional
        Name of the text column when it is not one of the usual names.
    errors : {"skip", "raise"}
        Rows or files that cannot be read are skipped with a
        :class:`~analysis.sentences.SkippedArticleWarning` naming each and why, or raise.
    max_bytes : int, optional
        Per-article size limit (see :func:`load_article`).
    progress : bool, optional
        Progress bar; by default shown on a terminal.

    Returns
    -------
    pandas.DataFrame
        Columns ``article_id`` (unique), ``title``, ``text`` (the full article text,
        the headline first, which the sentence table's offsets point into),
        ``outlet``, ``date``, ``url``, ``source``, then any further input columns.

    See Also
    --------
    iter_corpus : the same in chunks, for corpora larger than memory.
    """
    chunks = list(
        iter_corpus(
            source, text_column=text_column, errors=errors, max_bytes=max_bytes, progress=progress
        )
    )
    if not chunks:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in ARTICLE_COLUMNS})
    return pd.concat(chunks, ignore_index=True)


def iter_corpus(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    chunksize: int = 1000,
    text_column: str | None = None,
    errors: Literal["skip", "raise"] = "skip",
    max_bytes: int | None = None,
    progress: bool | None = None,
) -> Iterator[pd.DataFrame]:
    """Yield the articles of a corpus as DataFrames of at most ``chunksize`` rows.

    Only one chunk is held in memory at a time, so a corpus larger than memory can be
    processed chunk by chunk::

        for chunk in iter_corpus("big.jsonl", chunksize=5000):
            table = sentences(chunk)
            ...  # analyse, append results to disk

    Parameters are those of :func:`load_corpus`; rows have the same columns.
    """
    if errors not in ("skip", "raise"):
        raise ValueError(f"errors must be 'skip' or 'raise', not {errors!r}")
    if chunksize < 1:
        raise ValueError(f"chunksize must be at least 1, not {chunksize}")
    limit = _max_bytes(max_bytes)
    records, total, name = _records(source, text_column=text_column, limit=limit)

    bar = tqdm(
        total=total,
        desc=f"loading {name}",
        unit="article",
        disable=None if progress is None else not progress,
    )
    seen: dict[str, int] = {}
    skipped: list[str] = []
    not_english: list[str] = []
    rows: list[dict[str, Any]] = []
    try:
        for label, make in records:
            bar.update(1)
            try:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always", NotEnglishWarning)
                    article = make()
            except ArticleLoadError as exc:
                if errors == "raise":
                    raise
                skipped.append(f"{label} ({exc.problem})")
                continue
            if any(issubclass(w.category, NotEnglishWarning) for w in caught):
                not_english.append(label)
            rows.append(_row(article, seen))
            if len(rows) >= chunksize:
                yield _frame(rows)
                rows = []
        if rows:
            yield _frame(rows)
    finally:
        bar.close()
    warn_left_out(not_english, skipped, stacklevel=3, loaded=True)


def _row(article: Article, seen: dict[str, int]) -> dict[str, Any]:
    article_id = article.article_id
    if article_id in seen:
        seen[article_id] += 1
        article_id = f"{article_id}-{seen[article_id]}"
    seen.setdefault(article_id, 1)
    row = {
        "article_id": article_id,
        "title": article.title,
        "text": article.text,
        "outlet": article.outlet,
        "date": article.date,
        "url": article.url,
        "source": article.source,
    }
    for key, value in article.metadata.items():
        if (
            key not in row
            and key not in ("id", "slug", "encoding")
            and isinstance(value, str | int | float | bool)
        ):
            row[key] = value
    return row


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for column in ARTICLE_COLUMNS:
        if column not in frame:
            frame[column] = None
    extra = [c for c in frame.columns if c not in ARTICLE_COLUMNS]
    frame = frame[ARTICLE_COLUMNS + extra]
    return frame.astype({c: "string" for c in ARTICLE_COLUMNS})


def _records(source, *, text_column: str | None, limit: int):
    """(label, thunk) pairs that build each Article, the count if cheap, and a name."""
    if isinstance(source, str | os.PathLike) and not (
        isinstance(source, str) and _URL.match(source)
    ):
        path = Path(source)
        if not path.exists():
            raise ArticleLoadError(path, "no such file or folder.", "Check the path.")
        if path.is_dir():
            left_out: list[str] = []
            files = article_files(path, skipped=left_out)
            if not files and not left_out:
                raise ArticleLoadError(
                    path,
                    "the folder has no .txt, .md or .html files.",
                    "Put one article per file in it.",
                )
            records = [(str(p), _loader(p, limit)) for p in files]
            records += [(str(path / r.split(":")[0]), _failing(r, r)) for r in left_out]
            return iter(records), len(records), path.name
        suffix = path.suffix.lower()
        if suffix in (".csv", ".jsonl", ".ndjson"):
            text_column_of(path, text_column)  # a missing text column fails before any row
            return _table_records(path, text_column, limit), None, path.name
        raise ArticleLoadError(
            path,
            "a corpus is a folder, a .csv or a .jsonl file.",
            "Use load_article() for a single article.",
        )
    if isinstance(source, pd.DataFrame):
        raise ArticleLoadError(
            "<DataFrame>", "this is already a DataFrame.", "Pass it straight to sentences()."
        )
    sources = list(source)
    return ((str(s), _loader(s, limit)) for s in sources), len(sources), "sources"


def _loader(src, limit):
    return lambda: load_article(src, max_bytes=limit)


def corpus_columns(path: str | os.PathLike, *, sample: int = 50) -> list[str]:
    """The columns of a ``.csv`` corpus (its header), or of a ``.jsonl`` one (the keys of
    its first ``sample`` objects), read without reading the rest of the file."""
    path = Path(path)
    columns: dict[str, None] = {}
    for n, (_, row, _) in enumerate(read_rows(path)):
        if row is not None:
            columns.update(dict.fromkeys(str(k) for k in row))
            if path.suffix.lower() == ".csv":
                break
        if n + 1 >= sample:
            break
    if path.suffix.lower() == ".csv" and not columns:
        header = pd.read_csv(path, nrows=0, dtype=str).columns  # a header and no rows
        columns.update(dict.fromkeys(str(c) for c in header))
    return list(columns)


def text_column_of(path: str | os.PathLike, text_column: str | None = None) -> str | None:
    """The text column of a ``.csv`` or ``.jsonl`` corpus: ``text_column`` when given,
    else the first of :data:`TEXT_COLUMNS` it has. A corpus without one raises
    ArticleLoadError naming the columns it has and how to name the text column;
    an empty file gives None."""
    columns = corpus_columns(path)
    if not columns:
        return None
    if text_column is not None:
        if text_column in columns:
            return text_column
        wanted = f"the column {text_column!r}"
    else:
        found = next((c for c in TEXT_COLUMNS if c in columns), None)
        if found is not None:
            return found
        wanted = "a text column (" + ", ".join(TEXT_COLUMNS) + ")"
    shown = ", ".join(columns[:20]) + (" ..." if len(columns) > 20 else "")
    raise ArticleLoadError(
        path,
        f"the corpus has no {wanted}; its columns are: {shown}.",
        "Name the column that holds each article's text: framing corpus --text-column NAME "
        "(text_column= in Python).",
    )


def read_rows(path: str | os.PathLike) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """The raw rows of a ``.csv`` or ``.jsonl`` corpus file, streamed.

    Yields ``(number, record, problem)``: ``number`` is the JSONL line or the CSV data
    row (1-based), ``record`` the row as a dict, or None with ``problem`` saying why the
    row cannot be read (invalid JSON, not an object). A bad row never stops the rest;
    a file that cannot be read at all raises :class:`ArticleLoadError`.
    """
    path = Path(path)
    if path.suffix.lower() == ".csv":
        yield from ((n, row, None) for n, row in enumerate(_csv_rows(path), 1))
    elif path.suffix.lower() in (".jsonl", ".ndjson"):
        yield from _jsonl_rows(path)
    else:
        raise ArticleLoadError(path, "rows are read from .csv or .jsonl files.")


def _csv_rows(path: Path) -> Iterator[dict[str, Any]]:
    try:
        for chunk in pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=2000):
            yield from chunk.to_dict("records")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise ArticleLoadError(
            path,
            f"the CSV file could not be read ({exc}).",
            "Check that it is UTF-8 CSV with a header row.",
        ) from None


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield number, None, f"line {number} is not UTF-8 ({exc.reason})"
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, None, f"line {number} is not valid JSON ({exc.msg})"
                continue
            except RecursionError:
                yield number, None, f"line {number} is nested too deeply"
                continue
            if not isinstance(record, dict):
                yield number, None, f"line {number} is not a JSON object"
                continue
            yield number, record, None


def _table_records(path: Path, text_column: str | None, limit: int):
    stem = slugify(path.stem) or "article"
    for number, row, problem in read_rows(path):
        label = f"{path.name} {'line' if path.suffix.lower() != '.csv' else 'row'} {number}"
        if row is None:
            yield label, _failing(label, problem or "unreadable")
            continue
        columns = text_column and [text_column] or [c for c in _TEXT_ALIASES if c in row]
        if not columns or columns[0] not in row:
            wanted = text_column or " or ".join(_TEXT_ALIASES)
            raise ArticleLoadError(
                path,
                f"row {number} has no {wanted} column (it has {sorted(row)}).",
                "Name the text column, e.g. text_column='body'.",
            )
        yield label, _row_loader(row, columns[0], stem, number, label, limit)


def _failing(label: str, problem: str):
    def make() -> Article:
        raise ArticleLoadError(label, problem + ".")

    return make


def text_problem(text: Any, *, limit: int | None = None) -> ArticleLoadError | None:
    """Why ``text`` (a corpus row's text) cannot be analysed, as the error to raise or
    report, or None when it can: missing, not a string, empty, over ``limit``
    characters (default: the article size limit) or binary."""
    limit = _max_bytes(limit)
    if text is None or (isinstance(text, float) and text != text):
        return EmptyArticleError("<row>", "the text is missing.")
    if not isinstance(text, str):
        kind = type(text).__name__
        return ArticleLoadError("<row>", f"the text is a {kind}, not a string.")
    if not text.strip():
        return EmptyArticleError("<row>", "the text is empty.")
    if len(text) > limit:
        return InputSizeError(
            "<row>",
            f"the text is {len(text):,} characters, over the limit of {limit:,} "
            "(max_bytes= or FRAMING_MAX_BYTES).",
        )
    if "\x00" in text or sum(ch < " " and ch not in "\n\r\t" for ch in text[:5000]) > 3:
        return ArticleLoadError("<row>", "the text holds binary (control) characters.")
    return None


def _row_loader(row: dict[str, Any], text_key: str, stem: str, number: int, label: str, limit: int):
    def make() -> Article:
        text = row.get(text_key)
        problem = text_problem(text, limit=limit)
        if problem is not None:
            raise type(problem)(label, problem.problem)
        meta: dict[str, Any] = {}
        for key, value in row.items():
            if key == text_key or value is None or value == "" or isinstance(value, list | dict):
                continue
            meta[key] = value
        for alias in _TITLE_ALIASES:
            if alias in meta:
                meta["title"] = meta.pop(alias)
                break
        ident = next((meta.pop(a) for a in _ID_ALIASES if a in meta), None)
        meta["id"] = str(ident) if ident is not None else f"{stem}-{number:05d}"
        return Article.from_text(text, source=label, metadata=meta)

    return make
