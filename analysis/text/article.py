"""The :class:`Article`: an article's text, its structure and its metadata.

Structure of a plain-text article (one block a line, or blank-line paragraphs):

- **headline**: the first line, when it reads like a title (at most 30 words, no final
  full stop) and more text follows;
- **standfirst**: the line after the headline, when it is short (at most 50 words) and
  has no final punctuation (or is set in italics in Markdown);
- **byline**: a short line starting with "By " near the top;
- **heading**: later short lines (at most 15 words, no final ``.``, ``,``, ``;``, ``:``)
  that start with a capital and are followed by more text; in Markdown, ``#`` lines;
- **body**: every other block is a paragraph. A line that starts in lower case after a
  line without final punctuation continues that line (hard-wrapped text).

A **dateline** ("Moscow, Russia – ...", "WASHINGTON (Reuters) - ...") opening the
first body paragraph is recorded as ``Article.dateline`` and left out of the first
sentence.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from ..errors import ArticleLoadError, EmptyArticleError, InputSizeError, NotAnArticleError
from . import limits
from .normalize import english_share
from .words import count_words, letter_share, letter_words

__all__ = [
    "Article",
    "Paragraph",
    "Section",
    "slugify",
    "is_title_case",
    "read_metadata",
    "decode_references",
    "NotEnglishWarning",
    "article_problem",
]

Role = Literal["headline", "standfirst", "byline", "heading", "body"]

_TERMINAL = tuple(".!?:;\"'”’)]…")
_NO_HEADING_END = tuple(".,;:")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_EMPHASIS = re.compile(r"^([*_]{1,2})(\S.*\S|\S)\1$")
_WORDS = re.compile(r"\S+")
_PLACE_PART = r"[A-Z][\w.'’-]*(?:[ ][A-Za-z][\w.'’-]*){0,3}"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_PART}(?:,[ ]{_PLACE_PART}){{0,2}}?)"
    r"(?:,[ ](?P<date>[A-Z][a-z]{2,8}\.?[ ]\d{1,2}(?:,[ ]\d{4})?))?"
    r"(?:[ ]\((?P<agency>[^()\n]{1,40})\))?"
    r"[ ]?(?:[–—]|--?)[ ]+(?=[\"“‘'A-Z0-9])"
)
#: A wire dateline that lost its dash in extraction ("AUBURN HILLS, Mich. (AP) Dennis
#: Rodman ..."): only with a place in capitals and an agency of one or two capitalised
#: words, so that a sentence opening with a name and a parenthesis is not read as one.
_DATELINE_NO_DASH = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}"
    rf"(?:,[ ]{_PLACE_PART}){{0,2}}?)"
    r"(?:,[ ](?P<date>[A-Z][a-z]{2,8}\.?[ ]\d{1,2}(?:,[ ]\d{4})?))?"
    r"[ ]\((?P<agency>[A-Z][\w.&'’-]*(?:[ ][A-Z][\w.&'’-]*)?)\)[ ]+(?=[\"“‘'A-Z0-9])"
)

#: A dateline closed by a colon, as Indian and some wire desks write it ("NEW DELHI: The
#: country's largest ..."): only with a place in capitals, since a Title Case lead and a
#: colon is a heading or a speaker ("Stealth Over Health: ...", "Sanders: Clinton ...").
_DATELINE_COLON = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}"
    rf"(?:,[ ]{_PLACE_PART}){{0,2}}?)"
    r"(?:[ ]\((?P<agency>[A-Z][\w.&'’-]*(?:[ ][A-Z][\w.&'’-]*)?)\))?"
    r":[ ]+(?=[\"“‘'A-Z0-9])"
)
#: A paragraph opening with words in capitals and a colon: a transcript's turn
#: ("CORNISH: That's ...") or a list's label ("TROUSERS: Should be ...").
_CAPS_LEAD = re.compile(r"^[A-Z][A-Z.'’ -]*:[ ]")


def _dateline(text: str, *, colon: bool = False) -> re.Match | None:
    """The dateline opening a paragraph, or None; with ``colon``, one closed by a colon
    counts too."""
    m = _DATELINE.match(text)
    if m:
        return m
    if colon:
        m = _DATELINE_COLON.match(text)
        if m and m.end() < len(text):
            return m
    m = _DATELINE_NO_DASH.match(text)
    if m:
        # "UN (United Nations) Secretary-General ...": an acronym and its expansion
        initials = "".join(w[0] for w in m.group("agency").split())
        if initials == m.group("place").replace(".", "").replace(" ", ""):
            return None
    return m


#: A complete HTML character reference: numeric, or a name ended by ";".
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _same_line(line: str, title: str) -> bool:
    """Whether a text's first line already is its headline, up to case, spacing and a
    closing full stop ("Rules Face Key Test." for "Rules face key test")."""

    def key(value: str) -> str:
        return " ".join(value.split()).rstrip(" .").casefold()

    return key(line) == key(title)


def decode_references(text: str) -> str:
    """``text`` with its HTML character references (``&#039;``, ``&amp;``, ``&eacute;``)
    replaced by their characters. Only complete references count: ``AT&T``, ``R&D``
    and an unknown ``&foo;`` stay as written, unlike :func:`html.unescape`, which also
    reads ``&not`` in "&nothing" as a reference."""
    if "&" not in text:
        return text

    def one(match: re.Match) -> str:
        decoded = html.unescape(match.group())
        if decoded in ("", "\ufffd") or (
            len(decoded) == 1 and unicodedata.category(decoded) == "Cc" and decoded not in "\t\n"
        ):
            return match.group()  # a reference to no character a text can hold
        return decoded

    return _REFERENCE.sub(one, text)


class NotEnglishWarning(UserWarning):
    """The article does not look like English; the analyses are built for English news."""


@dataclass(frozen=True)
class Paragraph:
    """One block of the article: a headline, standfirst, byline, heading or paragraph.

    ``start`` and ``end`` are offsets into ``Article.text``; ``text`` is that slice.
    """

    paragraph_id: int
    role: Role
    section_id: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Section:
    """A heading and the paragraphs under it. Section 0 ("Lead") has no heading."""

    section_id: int
    heading: str | None
    paragraphs: tuple[Paragraph, ...]

    @property
    def title(self) -> str:
        return self.heading if self.heading is not None else "Lead"


@dataclass(frozen=True)
class Article:
    """A news article: text, structure and metadata.

    Build one with :func:`analysis.load_article` (file, URL, HTML) or
    :meth:`Article.from_text`. ``text`` is the full text the user reads (headline
    included, front matter excluded, line endings as ``\\n``); every offset in the
    package points into it.

    Attributes
    ----------
    article_id : str
        Stable id and slug (from metadata ``id``/``slug``, the file name, the title,
        or a hash of the text, in that order); used for ``figures/<article_id>/``.
    text : str
    title, subtitle : str or None
        Headline and standfirst.
    dateline : str or None
        The place in the dateline ("Moscow, Russia").
    date, outlet, url, language, author : str or None
        From metadata (front matter, sidecar, HTML) where known.
    source : str
        Path, URL or ``"<text>"``.
    blocks : tuple of Paragraph
        Every block in reading order.
    metadata : dict
        Everything known about the article, including keys not listed above.
    """

    article_id: str
    text: str
    blocks: tuple[Paragraph, ...]
    title: str | None = None
    subtitle: str | None = None
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    date: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    author: str | None = None
    source: str = "<text>"
    metadata: Mapping[str, Any] = field(default_factory=dict)

    # ------------------------------------------------------------------ building
    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        title: str | None = None,
        article_id: str | None = None,
        date: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        language: str | None = None,
        source: str = "<text>",
        markdown: bool = False,
        metadata: Mapping[str, Any] | None = None,
        fallback_id: str | None = None,
    ) -> Article:
        """Build an article from text.

        Parameters
        ----------
        text : str
            The article. YAML front matter between ``---`` lines at the top is read as
            metadata (``title``, ``outlet``, ``date``, ``url``, ``language``, ``id``).
            HTML character references left in text copied from a feed or a page
            (``&#039;``, ``&amp;``) are read as the characters they stand for
            (:func:`decode_references`); the article's ``text`` holds those.
        title : str, optional
            The headline, when it is not the first line of ``text``; it is then put in
            front of the text so that offsets cover it.
        article_id, date, outlet, url, language : str, optional
            Metadata; explicit arguments win over front matter and ``metadata``.
        source : str
            Where the text came from, for messages.
        markdown : bool
            Read ``#`` headings and blank-line paragraphs as Markdown.
        metadata : mapping, optional
            Further metadata (e.g. from a sidecar file).
        fallback_id : str, optional
            The id to use when the metadata gives none that makes a slug (the loaders
            pass the file name); then the headline, then a hash of the text.

        Raises
        ------
        EmptyArticleError
            If the text is empty or only whitespace.
        """
        if not isinstance(text, str):
            raise ArticleLoadError(
                source, f"expected the article text as str, got {type(text).__name__}."
            )
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ArticleLoadError(
                source,
                f"the text holds a lone surrogate character at position {exc.start} "
                "(text decoded as UTF-16 halves, not real characters).",
                "Decode the source properly (load_article does), or replace the character.",
            ) from None
        text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        meta: dict[str, Any] = dict(metadata or {})
        match = _FRONT_MATTER.match(text)
        if match:
            front = read_metadata(match.group(1), source=source, what="the front matter")
            meta.update(front)
            text = text[match.end() :]
        explicit = {
            "title": title,
            "id": article_id,
            "date": date,
            "outlet": outlet,
            "url": url,
            "language": language,
        }
        meta.update({k: v for k, v in explicit.items() if v is not None})
        text = decode_references(text)
        return cls._assemble(text, meta, source=source, markdown=markdown, fallback_id=fallback_id)

    @classmethod
    def from_blocks(
        cls,
        blocks: Sequence[tuple[str, str]],
        *,
        source: str = "<text>",
        metadata: Mapping[str, Any] | None = None,
        fallback_id: str | None = None,
    ) -> Article:
        """Build an article from blocks already told apart, as a web page marks them.

        Parameters
        ----------
        blocks : sequence of (kind, text)
            ``kind`` is ``"h1"`` to ``"h6"`` for a heading and ``"p"`` for a paragraph
            (a list item, a quotation); ``text`` is taken exactly as the reader sees it:
            no Markdown and no character references are read in it.
        source, metadata, fallback_id
            As for :meth:`from_text`.
        """
        meta: dict[str, Any] = dict(metadata or {})
        parts = [(kind, " ".join(str(text).split())) for kind, text in blocks]
        parts = [(kind, text) for kind, text in parts if text]
        title = _clean(meta.get("title"))
        if title and (not parts or not _same_line(parts[0][1], title)):
            parts.insert(0, ("h1", " ".join(title.split())))
        text = "\n\n".join(t for _, t in parts)
        raw, pos = [], 0
        for kind, block in parts:
            raw.append((pos, pos + len(block), kind != "p"))
            pos += len(block) + 2
        return cls._assemble(
            text, meta, source=source, markdown=True, fallback_id=fallback_id, raw=raw
        )

    @classmethod
    def _assemble(
        cls,
        text: str,
        meta: dict[str, Any],
        *,
        source: str,
        markdown: bool,
        fallback_id: str | None,
        raw: list[tuple[int, int, bool]] | None = None,
    ) -> Article:
        """The article of ``text`` (after front matter and references are read), its
        blocks parsed (or given as ``raw`` spans with a heading flag), checked to be an
        article within the limits (:func:`article_problem`)."""
        meta = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in meta.items()}
        if not text.strip():
            raise EmptyArticleError(
                source,
                "the article has no text (empty or only whitespace).",
                "Pass the article's text.",
            )
        problem = article_problem(text)
        if problem is not None:
            raise problem.__class__(source, problem.problem, problem.hint)
        title = _clean(meta.get("title"))
        if raw is None:
            first_line = text.lstrip().split("\n", 1)[0].lstrip("#").strip().strip("*_").strip()
            if title and not _same_line(first_line, title):
                text = f"{title}\n\n{text.lstrip()}"
        blocks, dateline = _parse_structure(text, markdown=markdown, known_title=title, raw=raw)
        if len(blocks) > limits.max_paragraphs():
            raise InputSizeError(
                source,
                f"the article has {len(blocks):,} paragraphs, over the limit of "
                f"{limits.max_paragraphs():,}.",
                limits.HINT,
            )
        headline = next((b.text for b in blocks if b.role == "headline"), None)
        standfirst = next((b.text for b in blocks if b.role == "standfirst"), None)
        byline = next((b.text for b in blocks if b.role == "byline"), None)
        language = _clean(meta.get("language"))
        _warn_if_not_english(text, source, language)
        # the first candidate that slugs to something: an id like "!!!" or "Статья"
        # falls back to the file name, then the headline, then a hash of the text
        candidates = (meta.get("id"), meta.get("slug"), fallback_id, headline)
        article_id = next(
            (slug for c in candidates if (slug := slugify(_clean(c) or ""))), _hash_id(text)
        )
        return cls(
            article_id=article_id,
            text=text,
            blocks=tuple(blocks),
            title=headline or title,
            subtitle=_clean(meta.get("subtitle")) or standfirst,
            dateline=dateline[0] if dateline else None,
            dateline_span=dateline[1] if dateline else None,
            date=_clean(meta.get("date")),
            outlet=_clean(meta.get("outlet")) or _clean(meta.get("sitename")),
            url=_clean(meta.get("url")),
            language=language,
            author=_clean(meta.get("author"))
            or (re.sub(r"^By\s+", "", byline) if byline else None),
            source=str(source),
            metadata=meta,
        )

    # ------------------------------------------------------------------ views
    @property
    def sections(self) -> list[Section]:
        """Sections in order: the lead (no heading), then one per heading."""
        grouped: dict[int, list[Paragraph]] = {}
        headings: dict[int, str | None] = {0: None}
        for block in self.blocks:
            if block.role == "heading":
                headings[block.section_id] = block.text
                grouped.setdefault(block.section_id, [])
            elif block.role == "body":
                grouped.setdefault(block.section_id, []).append(block)
        return [
            Section(i, headings.get(i), tuple(grouped.get(i, ())))
            for i in sorted(set(grouped) | {0})
        ]

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Body paragraphs only."""
        return [b for b in self.blocks if b.role == "body"]

    @property
    def headings(self) -> list[str]:
        return [b.text for b in self.blocks if b.role == "heading"]

    def to_dict(self) -> dict[str, Any]:
        """Metadata and structure as plain data (JSON-ready); the text is included."""
        return {
            "article_id": self.article_id,
            "title": self.title,
            "subtitle": self.subtitle,
            "dateline": self.dateline,
            "date": self.date,
            "outlet": self.outlet,
            "url": self.url,
            "language": self.language,
            "author": self.author,
            "source": self.source,
            "sections": [
                {"heading": s.heading, "paragraphs": [p.text for p in s.paragraphs]}
                for s in self.sections
            ],
            "metadata": {
                k: v
                for k, v in self.metadata.items()
                if isinstance(v, str | int | float | bool | type(None))
            },
            "text": self.text,
        }

    def to_record(self) -> dict[str, Any]:
        """Everything the article is (text, blocks with offsets, metadata) as plain
        data; :meth:`from_record` builds the same article from it."""
        return {
            "article_id": self.article_id,
            "text": self.text,
            "blocks": [[b.paragraph_id, b.role, b.section_id, b.start, b.end] for b in self.blocks],
            "title": self.title,
            "subtitle": self.subtitle,
            "dateline": self.dateline,
            "dateline_span": list(self.dateline_span) if self.dateline_span else None,
            "date": self.date,
            "outlet": self.outlet,
            "url": self.url,
            "language": self.language,
            "author": self.author,
            "source": self.source,
            "metadata": {
                k: v
                for k, v in self.metadata.items()
                if isinstance(v, str | int | float | bool | type(None))
            },
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Article:
        """The article of :meth:`to_record`, its blocks checked against its text."""
        try:
            text = str(record["text"])
            blocks = tuple(
                Paragraph(int(pid), str(role), int(sid), int(a), int(b), text[int(a) : int(b)])
                for pid, role, sid, a, b in record["blocks"]
            )
            span = record.get("dateline_span")
            return cls(
                article_id=str(record["article_id"]),
                text=text,
                blocks=blocks,
                title=record.get("title"),
                subtitle=record.get("subtitle"),
                dateline=record.get("dateline"),
                dateline_span=(int(span[0]), int(span[1])) if span else None,
                date=record.get("date"),
                outlet=record.get("outlet"),
                url=record.get("url"),
                language=record.get("language"),
                author=record.get("author"),
                source=str(record.get("source", "<text>")),
                metadata=dict(record.get("metadata") or {}),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ArticleLoadError(
                "<record>", f"the saved article cannot be read ({exc}).", "Analyse it again."
            ) from None

    def __repr__(self) -> str:
        n_words = len(self.text.split())
        return f"Article({self.article_id!r}, title={self.title!r}, {len(self.sections)} sections, {n_words} words)"


# ---------------------------------------------------------------------- parsing
#: Deepest nesting accepted in front matter and sidecar files (metadata is flat).
MAX_METADATA_DEPTH = 10


def read_metadata(
    text: str, *, source: object, what: str = "the metadata", fmt: Literal["yaml", "json"] = "yaml"
) -> dict[str, Any]:
    """Parse a YAML (or JSON) metadata block into a flat ``{str: value}`` mapping.

    Any syntax error, a value that is not a mapping, or nesting deeper than
    :data:`MAX_METADATA_DEPTH` raises :class:`ArticleLoadError` naming ``source``, the
    line where it can be told, and what to do.
    """
    hint = "Fix it (`key: value` lines) or remove it."
    try:
        if fmt == "json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise ArticleLoadError(
            source, f"{what} is not valid YAML{where} ({problem}).", hint
        ) from None
    except ValueError as exc:  # json.JSONDecodeError
        where = f" at line {exc.lineno}" if hasattr(exc, "lineno") else ""
        raise ArticleLoadError(
            source, f"{what} is not valid JSON{where} ({getattr(exc, 'msg', exc)}).", hint
        ) from None
    except RecursionError:
        raise ArticleLoadError(
            source, f"{what} is nested too deeply to be metadata.", hint
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ArticleLoadError(source, f"{what} is not a mapping of keys to values.", hint)
    if _depth(data) > MAX_METADATA_DEPTH:
        raise ArticleLoadError(
            source,
            f"{what} is nested more than {MAX_METADATA_DEPTH} levels deep (or expands to "
            "over 10,000 values); metadata is a flat list of keys.",
            hint,
        )
    return {str(k): v for k, v in data.items()}


def _depth(value: Any) -> int:
    """Nesting depth of dicts and lists, without recursion. YAML aliases can make a
    few lines expand to billions of nodes, so past 10,000 nodes the answer is "too deep"."""
    deepest, stack, visited = 0, [(value, 1)], 0
    while stack:
        item, level = stack.pop()
        visited += 1
        if visited > 10_000:
            return MAX_METADATA_DEPTH + 1
        if isinstance(item, dict | list | tuple):
            deepest = max(deepest, level)
            if level > MAX_METADATA_DEPTH:
                return level
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def _clean(value: Any) -> str | None:
    if value is None or isinstance(value, Mapping | list | tuple | set | bytes):
        return None  # a nested YAML value is not a title, date or id
    value = str(value).strip()
    return value or None


def slugify(value: str, *, max_length: int = 60) -> str:
    """A lower-case ASCII slug of at most ``max_length`` characters, cut at a word."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    if len(value) > max_length:
        value = value[:max_length].rsplit("-", 1)[0]
    return value


def is_title_case(text: str) -> bool:
    """True for a Title Case line ("Russia and Iran Sign Strategic Partnership Treaty"):
    at least 70% of its words longer than three letters are capitalised."""
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*", text) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) / len(words) >= 0.7


def _hash_id(text: str) -> str:
    return "article-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _warn_if_not_english(text: str, source: str, language: str | None) -> None:
    if language and not language.lower().startswith("en"):
        warnings.warn(
            f"{source}: the article's language is {language!r}; the analyses are built for English news and may mislead.",
            NotEnglishWarning,
            stacklevel=4,
        )
        return
    share = english_share(text)
    if len(text.split()) >= 15 and share < 0.1:
        warnings.warn(
            f"{source}: the text does not look like English ({share:.0%} common English words); "
            "it is loaded, but the analyses are built for English news and may mislead.",
            NotEnglishWarning,
            stacklevel=4,
        )


def _lines(text: str) -> list[tuple[int, int] | None]:
    """Spans of lines with surrounding whitespace trimmed; ``None`` for a blank line."""
    spans: list[tuple[int, int] | None] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        else:
            spans.append(None)
        pos += len(line) + 1
    return spans


def _raw_blocks(text: str, *, markdown: bool) -> list[tuple[int, int, bool]]:
    """Blocks as (start, end, is_markdown_heading)."""
    lines = _lines(text)
    has_blank_paragraphs = markdown or _hard_wrapped(text, lines)
    blocks: list[list] = []
    prev_blank = True
    for span in lines:
        if span is None:
            prev_blank = True
            continue
        line = text[span[0] : span[1]]
        is_heading = markdown and bool(_MD_HEADING.match(line))
        if blocks and not prev_blank and not is_heading and not blocks[-1][2]:
            last = text[blocks[-1][0] : blocks[-1][1]]
            continues = has_blank_paragraphs or (
                not last.endswith(_TERMINAL) and line[:1].islower()
            )
            if continues:
                blocks[-1][1] = span[1]
                prev_blank = False
                continue
        blocks.append([span[0], span[1], is_heading])
        prev_blank = False
    return [tuple(b) for b in blocks]


def _hard_wrapped(text: str, lines: list) -> bool:
    """True for text wrapped at a fixed width with blank lines between paragraphs."""
    spans = [s for s in lines if s is not None]
    if len(spans) < 6 or all(s is not None for s in lines):
        return False
    lengths = [e - s for s, e in spans]
    wrapped = sum(
        55 <= n <= 100 and text[e - 1] not in '.!?"”'
        for (s, e), n in zip(spans, lengths, strict=True)
    )
    return wrapped / len(spans) > 0.4 and max(lengths) <= 120


def _strip_markup(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """Trim Markdown heading marks and whole-block emphasis; returns span and emphasis flag."""
    segment = text[start:end]
    m = _MD_HEADING.match(segment)
    if m:
        start, end = start + m.start(2), start + m.end(2)
        segment = text[start:end]
    m = _EMPHASIS.match(segment)
    if m:
        return start + m.start(2), start + m.end(2), True
    return start, end, False


def _n_words(s: str) -> int:
    return len(_WORDS.findall(s))


def _title_like(s: str) -> bool:
    n = _n_words(s)
    if not 0 < n <= 30 or s.endswith((",", ";")):
        return False
    if not s.endswith("."):
        return True
    # a final full stop is allowed in Title Case ("Half a Million Die From Smoking in U.S.")
    long_words = [w for w in _WORDS.findall(s) if len(w) > 3]
    return (
        n <= 20
        and bool(long_words)
        and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6
    )


def _heading_like(s: str) -> bool:
    first = s.lstrip("\"'“‘")[:1]
    bare = s.rstrip("\"'”’)]")
    return (
        0 < _n_words(s) <= 15
        and len(s) <= 100
        and not bare.endswith(_NO_HEADING_END + ("!",))
        and not re.search(r"[.!?][\"'”’]?\s+[\"'“‘]?[A-Z]", s)  # two sentences are not a heading
        and (s.count('"') + s.count("“") + s.count("”")) % 2 == 0  # nor is an open quote
        and (first.isupper() or first.isdigit())
    )


def _parse_structure(
    text: str,
    *,
    markdown: bool,
    known_title: str | None,
    raw: list[tuple[int, int, bool]] | None = None,
):
    given = raw is not None
    raw = raw if raw is not None else _raw_blocks(text, markdown=markdown)
    n = len(raw)
    roles: list[str] = []
    spans: list[tuple[int, int]] = []
    emphasised: list[bool] = []
    for start, end, is_md_heading in raw:
        s, e, emph = (start, end, False) if given else _strip_markup(text, start, end)
        spans.append((s, e))
        emphasised.append(emph)
        roles.append("md-heading" if is_md_heading else "")
    block_text = [text[s:e] for s, e in spans]

    i = 0
    # headline
    if n >= 2 and (
        roles[0] == "md-heading"
        or (known_title and _same_line(block_text[0], known_title))
        or (not markdown and _title_like(block_text[0]))
    ):
        roles[0] = "headline"
        i = 1
        # standfirst
        if (
            n >= 3
            and roles[1] != "md-heading"
            and not _dateline(block_text[1])
            and _n_words(block_text[1]) <= 50
            and (emphasised[1] or not block_text[1].endswith(_TERMINAL))
        ):
            roles[1] = "standfirst"
            i = 2
    for j in range(i, n):
        t = block_text[j]
        if roles[j] == "md-heading":
            roles[j] = "heading"
        elif j <= i + 1 and re.match(r"^By\s+[A-Z]", t) and _n_words(t) <= 12:
            roles[j] = "byline"
        elif not markdown and j < n - 1 and _heading_like(t):
            roles[j] = "heading"
        else:
            roles[j] = "body"

    # a heading right before another block that is not body text is only a heading if
    # something follows eventually; a trailing heading is body text
    for j in range(n - 1, -1, -1):
        if roles[j] == "heading" and all(r == "heading" for r in roles[j + 1 :]):
            roles[j] = "body"
        else:
            break

    blocks: list[Paragraph] = []
    dateline = None
    # a capitals lead and a colon is a dateline only where no other paragraph opens so:
    # in a transcript or a list every such lead is a speaker or a label
    colon = sum(1 for t in block_text if _CAPS_LEAD.match(t)) <= 1
    section = 0
    for j, ((s, e), role) in enumerate(zip(spans, roles, strict=True)):
        if role == "heading":
            section += 1
        if role == "body" and dateline is None and not any(b.role == "body" for b in blocks):
            m = _dateline(text[s:e], colon=colon)
            if m and m.end() < e - s:
                dateline = (m.group("place"), (s + m.start("place"), s + m.end("place")))
        blocks.append(Paragraph(j, role, section, s, e, text[s:e]))  # type: ignore[arg-type]
    return blocks, dateline


def article_problem(text: str) -> ArticleLoadError | None:
    """Why ``text`` is not an article the analyses can read, or None.

    The same check for every way in (a file, a web page, a corpus row): at least
    :data:`~analysis.limits.MIN_WORDS` words written in letters, letters for at least
    :data:`~analysis.limits.MIN_LETTER_SHARE` of the visible characters (not mostly
    numbers, symbols or emoji), and at most the word limit
    (:func:`analysis.limits.max_words`). English or not is a warning, not a refusal.
    """

    n_letter_words = letter_words(text[: 200 * limits.MIN_WORDS])
    if n_letter_words < limits.MIN_WORDS:
        n_letter_words = letter_words(text)
    if n_letter_words < limits.MIN_WORDS:
        return NotAnArticleError(
            "<text>",
            "this is not an article: it has "
            + ("no word" if not n_letter_words else f"only {n_letter_words} word")
            + ("s" if n_letter_words != 1 else "")
            + f" written in letters (at least {limits.MIN_WORDS} are needed; numbers, "
            "symbols and emoji are not read).",
            "Pass the article's text.",
        )
    share = letter_share(text)
    if share < limits.MIN_LETTER_SHARE:
        return NotAnArticleError(
            "<text>",
            f"this is not an article: only {share:.0%} of its characters are letters; "
            "the rest are numbers, symbols or emoji, which the analyses do not read.",
            "Pass the article's text.",
        )
    n_words = count_words(text)
    if n_words > limits.max_words():
        return InputSizeError(
            "<text>",
            f"the article has {n_words:,} words, over the limit of {limits.max_words():,}.",
            limits.HINT,
        )
    return None
