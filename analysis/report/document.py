"""report.html as a document: a brief (title block, Summary, contents, the key figures
and findings) and appendices collapsed behind their headings, with a print stylesheet.

- :func:`show` (and :func:`table_html`) turn a DataFrame into a table for reading: no
  index column, missing values as "–", lists joined, numbers rounded and right-aligned,
  text left-aligned and never broken inside a word, wide tables scrolling inside their
  box and long ones collapsed behind a ``<details>``. The notebooks display their tables
  through it, so the same table reads well in JupyterLab and in the report.
- :func:`render` writes the page from :class:`Block` objects: the brief's sections and
  the appendices, each with a stable anchor and an entry in the contents.

Every string from an article reaches the page escaped (:mod:`analysis.text.markup`);
the page carries the Content-Security-Policy that forbids scripts.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from numbers import Integral, Real
from pathlib import Path

import mistune
import pandas as pd

from ..text.markup import CONTENT_SECURITY_POLICY, escape
from ..version import __version__

__all__ = [
    "show",
    "table_html",
    "Table",
    "Block",
    "markdown_html",
    "statements_html",
    "figure_block",
    "link",
    "render",
    "anchor",
    "MISSING",
]

#: How a missing value is shown in a table.
MISSING = "–"
#: Tables longer than this are collapsed behind a ``<details>`` (its summary says so).
LONG_TABLE = 12


# ---------------------------------------------------------------------------- tables
def _number(value: Real, digits: int) -> str:
    if isinstance(value, Integral):
        return f"{int(value):,}"
    value = float(value)
    if math.isnan(value):
        return MISSING
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:,.{digits}f}"


def _cell(value, digits: int) -> tuple[str, bool]:
    """The text of one cell and whether it is a number (numbers align right)."""
    if value is None:
        return MISSING, False
    if isinstance(value, Real) and not isinstance(value, bool):
        text = _number(value, digits)
        return text, text != MISSING
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, datetime | date | pd.Timestamp):
        return (
            MISSING
            if pd.isna(value)
            else str(value.date() if isinstance(value, datetime) else value)
        ), False
    if isinstance(value, str):
        return (value if value.strip() else MISSING), False
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_cell(v, digits)[0]}" for k, v in value.items()) or MISSING, False
    if isinstance(value, Iterable):
        items = []
        for item in value:
            if isinstance(item, tuple) and item and isinstance(item[0], str):
                rest = [_cell(v, digits)[0] for v in item[1:]]
                items.append(f"{item[0]} ({', '.join(rest)})" if rest else item[0])
            elif isinstance(item, tuple | list):
                items.append("–".join(_cell(v, digits)[0] for v in item))
            else:
                items.append(_cell(item, digits)[0])
        return ", ".join(items) or MISSING, False
    try:
        if pd.isna(value):
            return MISSING, False
    except (TypeError, ValueError):
        pass
    return str(value), False


def _label(column: object) -> str:
    return str(column).replace("_", " ")


def table_html(
    frame: pd.DataFrame,
    columns: Sequence[str] | None = None,
    *,
    names: dict[str, str] | None = None,
    digits: int = 2,
    percent: Sequence[str] = (),
    caption: str | None = None,
    max_rows: int = LONG_TABLE,
    limit: int | None = None,
) -> str:
    """``frame`` as an HTML table for reading.

    Parameters
    ----------
    frame : DataFrame
    columns : sequence of str, optional
        The columns to show, in order (default all).
    names : dict, optional
        Column headers to use instead of the column names (default: the name with
        underscores as spaces).
    digits : int
        Decimals of non-integer numbers.
    percent : sequence of str
        Columns of shares (0-1) shown as percentages.
    caption : str, optional
        Caption above the table (escaped).
    max_rows : int
        A table with more rows is collapsed behind a ``<details>`` whose summary gives
        the caption and the number of rows.
    limit : int, optional
        Show at most this many rows (the summary says how many there are in all).

    Returns
    -------
    str
        HTML; every value is escaped.
    """
    if columns is not None:
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise KeyError(f"no column {missing} in the table; it has {list(frame.columns)}")
        frame = frame[list(columns)]
    names = names or {}
    n_rows = len(frame)
    shown = frame if limit is None else frame.head(limit)
    head = "".join(f"<th>{escape(names.get(c, _label(c)))}</th>" for c in shown.columns)
    body = []
    numeric = {c: pd.api.types.is_numeric_dtype(shown[c]) for c in shown.columns}
    # float columns that hold whole numbers (counts with a gap) are shown as integers
    whole = {
        c
        for c in shown.columns
        if pd.api.types.is_float_dtype(shown[c])
        and shown[c].notna().any()
        and bool((shown[c].dropna() % 1 == 0).all())
    }
    for row in shown.itertuples(index=False, name=None):
        cells = []
        for column, value in zip(shown.columns, row, strict=True):
            if column in percent and isinstance(value, Real) and not pd.isna(value):
                text, is_number = f"{float(value):.0%}", True
            else:
                text, is_number = _cell(value, 0 if column in whole else digits)
            css = ' class="num"' if is_number or (numeric[column] and text == MISSING) else ""
            cells.append(f"<td{css}>{escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not body:
        body.append(f'<tr><td colspan="{max(1, len(shown.columns))}">No rows.</td></tr>')
    table = (
        f'<div class="fr-table"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )
    count = f"{n_rows:,} row{'s' if n_rows != 1 else ''}"
    if limit is not None and n_rows > limit:
        count = f"first {limit:,} of {n_rows:,} rows"
    if len(shown) > max_rows:
        label = f"{escape(caption)} ({count})" if caption else f"Table ({count})"
        return f'<details class="fr-long"><summary>{label}</summary>{table}</details>'
    cap = f'<p class="fr-caption">{escape(caption)}</p>' if caption else ""
    return cap + table


@dataclass
class Table:
    """A DataFrame shown for reading (:func:`show`); ``frame`` is the data itself."""

    frame: pd.DataFrame
    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return repr(self.frame)


def show(frame: pd.DataFrame, columns: Sequence[str] | None = None, **options) -> Table:
    """Display ``frame`` as a table for reading, in a notebook and in the report.

    Takes the options of :func:`table_html`; the returned object keeps the data as
    ``.frame``.

    >>> show(pd.DataFrame({"actor": ["Iran"], "share": [0.5]}), percent=["share"]).html
    '<div class="fr-table"><table><thead><tr><th>actor</th><th>share</th></tr></thead><tbody><tr><td>Iran</td><td class="num">50%</td></tr></tbody></table></div>'
    """
    return Table(frame, table_html(frame, columns, **options))


# -------------------------------------------------------------------------- blocks
def anchor(text: str) -> str:
    """A stable fragment id: lower case ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "section"


@dataclass
class Block:
    """A section of the page: ``title``, ``anchor`` (its id), ``parts`` (HTML, in
    order) and ``lede`` (one line under the title, escaped by the caller)."""

    title: str
    anchor: str
    parts: list[str] = field(default_factory=list)
    lede: str = ""


def markdown_html(text: str) -> str:
    """Markdown written by the package (findings, method notes) as HTML."""
    return mistune.html(text)


def _inline(text: str) -> str:
    html = markdown_html(text).strip()
    return re.sub(r"^<p>(.*)</p>$", r"\1", html, flags=re.DOTALL)


def evidence_html(sentence_ids, *, limit: int = 6) -> str:
    """ " (sentences 3, 7 and 12)": links to the sentences in the marked-up article."""
    ids = list(dict.fromkeys(int(s) for s in sentence_ids))
    if not ids:
        return ""
    shown = [f'<a href="#s{i}">{i}</a>' for i in ids[:limit]]
    more = f" and {len(ids) - limit} more" if len(ids) > limit else ""
    word = "sentence" if len(ids) == 1 else "sentences"
    return f' <span class="fr-evidence">({word} {", ".join(shown)}{more})</span>'


def statements_html(
    statements, *, goto: dict[str, str] | None = None, ordered: bool = False
) -> str:
    """A list of findings (:class:`analysis.pipeline.statements.Statement`), each with
    links to its evidence sentences and, where ``goto`` names its section, to it."""
    items = []
    for s in statements:
        link_ = ""
        if goto and s.anchor in goto:
            target, name = goto[s.anchor]
            link_ = f' <a class="fr-goto" href="#{target}">→ {escape(name)}</a>'
        items.append(f"<li>{_inline(s.text)}{evidence_html(s.sentence_ids)}{link_}</li>")
    tag = "ol" if ordered else "ul"
    return f'<{tag} class="fr-statements">{"".join(items)}</{tag}>'


def figure_block(svg: str, caption: str, data: list[tuple[str, str]] = ()) -> str:
    """A figure (inline SVG) with its caption and links to the tables it is drawn from
    (``data``: label and relative path); never split across printed pages."""
    links = ""
    if data:
        links = (
            ' <span class="fr-data">Data: '
            + ", ".join(f'<a href="{escape(path)}">{escape(label)}</a>' for label, path in data)
            + "</span>"
        )
    return (
        f'<figure class="fr-figure">{svg}<figcaption>{escape(caption)}{links}</figcaption></figure>'
    )


def link(url: str | None, text: str | None = None) -> str | None:
    """An escaped link to an http(s) URL, or the URL as text; None stays None."""
    if not url:
        return None
    label = escape(text or url)
    if re.match(r"^https?://", str(url), flags=re.IGNORECASE):
        return f'<a href="{escape(url)}" rel="noopener noreferrer">{label}</a>'
    return label


# ------------------------------------------------------------------------------ page
_CSS = (Path(__file__).parent / "report.css").read_text(encoding="utf-8")


def _meta_items(items) -> str:
    out = [
        f"<li><b>{escape(label)}</b> {value}</li>"
        for label, value in items
        if value is not None and value != ""
    ]
    return f'<ul class="fr-meta">{"".join(out)}</ul>' if out else ""


def _contents(sections, appendices) -> str:
    brief = "".join(f'<li><a href="#{b.anchor}">{escape(b.title)}</a></li>' for b in sections)
    extra = "".join(f'<li><a href="#{b.anchor}">{escape(b.title)}</a></li>' for b in appendices)
    parts = [f"<ol>{brief}</ol>"] if brief else []
    if extra:
        parts.append(
            f'<p class="fr-toc-label">Appendices</p><ol class="fr-toc-appendices">{extra}</ol>'
        )
    return (
        f'<nav class="fr-toc" aria-label="Contents"><h2>Contents</h2>{"".join(parts)}</nav>'
        if parts
        else ""
    )


def _block(b: Block, *, appendix: bool) -> str:
    lede = f'<p class="fr-lede">{b.lede}</p>' if b.lede else ""
    body = lede + "".join(b.parts)
    if appendix:
        return (
            f'<details class="fr-appendix" id="{b.anchor}"><summary><h2>{escape(b.title)}</h2>'
            f"</summary>{body}</details>"
        )
    return f'<section id="{b.anchor}" class="fr-section"><h2>{escape(b.title)}</h2>{body}</section>'


def render(
    *,
    title: str,
    sections: list[Block],
    appendices: list[Block] = (),
    kicker: str = "Framing report",
    standfirst: str | None = None,
    meta=(),
    summary: str = "",
    footer: str = "",
) -> str:
    """The page: a title block, the Summary (HTML), contents, the brief's sections and
    the appendices, collapsed.

    Parameters
    ----------
    title : str
        The headline (escaped; also the page's ``<title>``).
    sections, appendices : list of Block
    kicker, standfirst : str
        The line above the headline and the one below it (escaped).
    meta : sequence of (label, html)
        The title block's facts; values are HTML the caller escaped (None skips one).
    summary : str
        The Summary's HTML (already built, e.g. with :func:`statements_html`).
    footer : str
        HTML at the foot of the page (escaped by the caller).
    """
    parts = [
        '<header class="fr-titleblock">',
        f'<p class="fr-kicker">{escape(kicker)}</p>',
        f"<h1>{escape(title)}</h1>",
        f'<p class="fr-standfirst">{escape(standfirst)}</p>' if standfirst else "",
        _meta_items(meta),
        "</header>",
    ]
    if summary:
        parts.append(
            f'<section class="fr-summary" id="summary"><h2>Summary</h2>{summary}</section>'
        )
    parts.append(_contents(sections, appendices))
    parts.extend(_block(b, appendix=False) for b in sections)
    if appendices:
        parts.append('<h2 class="fr-appendices-title" id="appendices">Appendices</h2>')
        parts.extend(_block(b, appendix=True) for b in appendices)
    parts.append(
        f'<footer class="fr-footer">Written by framing {escape(__version__)}. {footer}</footer>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="generator" content="framing {escape(__version__)}">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} – framing report</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{''.join(parts)}\n</main>\n</body>\n</html>\n"
    )
