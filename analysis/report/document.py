"""report.html as a document: a title block, a summary, a table of contents, sections
with stable anchors, tables formatted for reading, and a print stylesheet.

Two parts:

- :func:`show` (and :func:`table_html`) turn a DataFrame into a table for reading: no
  index column, missing values as "–", lists joined, numbers rounded and right-aligned,
  text left-aligned, wide tables scrolling inside their box and long ones collapsed
  behind a ``<details>``. The notebooks display their tables through it, so the same
  table reads well in JupyterLab and in the report.
- :func:`notebook_sections` reads executed notebooks into :class:`Section` objects (a
  notebook is a section, its ``##`` headings are subsections, its figures, tables and
  findings are the content; cells tagged ``notebook-only`` are left out), and
  :func:`render` writes the page: title block, summary, contents, sections.

Every string from an article reaches the page escaped (:mod:`analysis.markup`); the page
carries the Content-Security-Policy that forbids scripts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from numbers import Integral, Real
from pathlib import Path

import pandas as pd

from .markup import CONTENT_SECURITY_POLICY, escape

__all__ = [
    "show",
    "table_html",
    "Table",
    "Section",
    "Subsection",
    "SummaryItem",
    "notebook_sections",
    "markdown_html",
    "figure_html",
    "link",
    "render",
    "anchor",
    "MISSING",
    "NOTEBOOK_ONLY",
]

#: How a missing value is shown in a table.
MISSING = "–"
#: The cell tag that keeps a cell out of the report (instructions for notebook users).
NOTEBOOK_ONLY = "notebook-only"
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


# -------------------------------------------------------------------------- sections
def anchor(text: str) -> str:
    """A stable fragment id: lower case ASCII words joined by hyphens."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "section"


@dataclass
class Subsection:
    """A ``##`` heading of a notebook and what follows it."""

    title: str
    anchor: str
    html: list[str] = field(default_factory=list)


@dataclass
class Section:
    """One part of the report (a notebook): its title, anchor, intro and subsections."""

    title: str
    anchor: str
    intro: list[str] = field(default_factory=list)
    subsections: list[Subsection] = field(default_factory=list)


@dataclass
class SummaryItem:
    """One sentence of the summary (Markdown, article text already escaped) and the
    anchor of the section it summarises."""

    text: str
    anchor: str


def markdown_html(text: str) -> str:
    """Markdown written by the package (notebook prose, findings) as HTML."""
    import mistune

    return mistune.html(text)


def figure_html(data: str, alt: str, mime: str = "image/png") -> str:
    """An embedded figure (``data`` is base64), never split across printed pages."""
    return (
        f'<figure class="fr-figure"><img src="data:{mime};base64,{data.strip()}" '
        f'alt="{escape(alt)}"></figure>'
    )


_NUMBERED = re.compile(r"^\s*\d+\s*[·.:-]\s*")


def _section_title(heading: str) -> tuple[str, str]:
    """ "01 · Overview: what the article is" -> ("Overview", "what the article is")."""
    text = _NUMBERED.sub("", heading).strip()
    title, _, rest = text.partition(":")
    return title.strip(), rest.strip()


def _outputs(cell, alt: str) -> list[str]:
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") not in ("display_data", "execute_result"):
            continue  # stdout, stderr (warnings) and errors are not part of the document
        data = output.get("data", {})
        if "image/png" in data:
            parts.append(figure_html(data["image/png"], alt))
        elif "text/html" in data:
            html = data["text/html"]
            parts.append(html if isinstance(html, str) else "".join(html))
        elif "text/markdown" in data:
            text = data["text/markdown"]
            parts.append(markdown_html(text if isinstance(text, str) else "".join(text)))
    return parts


def notebook_sections(paths: Sequence[str | Path]) -> list[Section]:
    """The executed notebooks as report sections.

    A notebook's ``#`` heading starts its section (anchor: the notebook's name without
    its number, e.g. ``tone``), each ``##`` heading a subsection (anchor
    ``<section>-<heading>``); figures, HTML and Markdown outputs are kept in order, text
    output, streams and cells tagged ``parameters``, ``injected-parameters`` or
    ``notebook-only`` are left out.
    """
    import nbformat

    sections = []
    for path in paths:
        path = Path(path)
        nb = nbformat.read(path, as_version=4)
        stem = re.sub(r"^\d+[-_ ]*", "", path.stem) or path.stem
        section = Section(title=stem.replace("-", " ").capitalize(), anchor=anchor(stem))
        current: Subsection | None = None
        for cell in nb.cells:
            tags = set(cell.metadata.get("tags", []))
            if tags & {"parameters", "injected-parameters", NOTEBOOK_ONLY}:
                continue
            target = current.html if current is not None else section.intro
            if cell.cell_type == "markdown":
                for block in re.split(r"(?m)^(?=#{1,2} )", cell.source):
                    if not block.strip():
                        continue
                    first, _, rest = block.partition("\n")
                    if first.startswith("# "):
                        title, subtitle = _section_title(first[2:])
                        section.title = title or section.title
                        if subtitle:
                            section.intro.append(f'<p class="fr-subtitle">{escape(subtitle)}</p>')
                        block = rest
                    elif first.startswith("## "):
                        heading = first[3:].strip()
                        current = Subsection(heading, f"{section.anchor}-{anchor(heading)}")
                        section.subsections.append(current)
                        target = current.html
                        block = rest
                    if block.strip():
                        target.append(markdown_html(block))
            elif cell.cell_type == "code":
                alt = current.title if current is not None else section.title
                target.extend(_outputs(cell, alt))
        sections.append(section)
    return sections


# ------------------------------------------------------------------------------ page
_CSS = """
:root { --ink: #1d2327; --muted: #5f6b73; --rule: #d8dee3; --accent: #0b5cad; --tint: #f4f7f9; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
a { color: var(--accent); }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.2rem 0 0.4rem; }
h2 { font-size: 1.45rem; margin: 2.6rem 0 0.4rem; padding-top: 0.8rem; border-top: 2px solid var(--ink); }
h3 { font-size: 1.12rem; margin: 1.8rem 0 0.4rem; }
h2, h3 { scroll-margin-top: 0.5rem; }
p, li { max-width: 46rem; }
.fr-kicker { text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.78rem; color: var(--muted); margin: 0; }
.fr-standfirst { font-size: 1.12rem; color: #38444c; margin: 0 0 0.6rem; }
.fr-meta { display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; margin: 0.6rem 0 0; padding: 0; list-style: none;
  color: var(--muted); font-size: 0.9rem; }
.fr-meta li { max-width: none; overflow-wrap: anywhere; }
.fr-meta b { color: var(--ink); font-weight: 600; }
.fr-titleblock { border-bottom: 1px solid var(--rule); padding-bottom: 1rem; }
.fr-summary { background: var(--tint); border-left: 4px solid var(--accent); padding: 0.6rem 1.2rem 0.8rem; margin-top: 1.4rem; }
.fr-summary h2 { border: 0; margin: 0.4rem 0; padding: 0; font-size: 1.2rem; }
.fr-summary ol { padding-left: 1.2rem; margin: 0.3rem 0; }
.fr-summary li { margin: 0.25rem 0; }
.fr-summary li p { display: inline; margin: 0; }
.fr-goto { white-space: nowrap; font-size: 0.85rem; margin-left: 0.3rem; }
nav.fr-toc { margin-top: 1.4rem; font-size: 0.95rem; }
nav.fr-toc h2 { border: 0; margin: 0 0 0.3rem; padding: 0; font-size: 1.2rem; }
nav.fr-toc ol { margin: 0; padding-left: 1.3rem; }
nav.fr-toc ol ol { columns: 2 16rem; font-size: 0.88rem; list-style: none; padding-left: 0.2rem; margin-bottom: 0.4rem; }
.fr-subtitle { color: var(--muted); font-style: italic; margin-top: 0; }
figure.fr-figure { margin: 0.8rem 0 1.2rem; break-inside: avoid; page-break-inside: avoid; }
figure.fr-figure img { display: block; max-width: 100%; height: auto; }
.fr-table { overflow-x: auto; max-width: 100%; margin: 0.5rem 0 1rem; border: 1px solid var(--rule); border-radius: 3px; }
.fr-table table { border-collapse: collapse; font-size: 0.86rem; width: 100%; }
.fr-table th { text-align: left; background: var(--tint); font-weight: 600; position: sticky; top: 0; }
.fr-table th, .fr-table td { padding: 0.3rem 0.55rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
.fr-table td { max-width: 32rem; overflow-wrap: anywhere; }
.fr-table td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.fr-caption { font-size: 0.88rem; color: var(--muted); margin: 0.6rem 0 0; }
details { margin: 0.5rem 0 1rem; }
details > summary { cursor: pointer; color: var(--accent); font-size: 0.92rem; }
.fr-findings { background: var(--tint); padding: 0.4rem 1rem; border-radius: 3px; }
.fr-article, .fr-legend { max-width: 100%; overflow-wrap: anywhere; }
.fr-article h2 { border: 0; margin: 1rem 0 0.4rem; padding: 0; font-size: 1.35rem; break-before: auto; }
.fr-article h3 { margin: 1rem 0 0.3rem; }
details.fr-choice { margin: 0.2rem 0; }
.fr-footer { margin-top: 3rem; color: var(--muted); font-size: 0.82rem; border-top: 1px solid var(--rule); padding-top: 0.6rem; }
pre, code { white-space: pre-wrap; overflow-wrap: anywhere; }
@media (max-width: 600px) {
  main { padding: 1rem 0.8rem 3rem; }
  h1 { font-size: 1.5rem; }
  nav.fr-toc ol ol { columns: 1; }
}
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2 { break-before: page; }
  .fr-summary + nav + section h2, h2:first-of-type { break-before: auto; }
  h2, h3 { break-after: avoid; }
  figure.fr-figure, .fr-table, tr { break-inside: avoid; }
  .fr-table { overflow: visible; border: 0; }
  details::details-content { content-visibility: visible; display: block; }
  details > summary { color: var(--muted); }
}
"""


def _meta_items(items: Sequence[tuple[str, str | None]]) -> str:
    out = []
    for label, value in items:
        if value is None or value == "":
            continue
        out.append(f"<li><b>{escape(label)}</b> {value}</li>")
    return f'<ul class="fr-meta">{"".join(out)}</ul>' if out else ""


def link(url: str | None, text: str | None = None) -> str | None:
    """An escaped link to an http(s) URL, or the URL as text; None stays None."""
    if not url:
        return None
    label = escape(text or url)
    if re.match(r"^https?://", str(url), flags=re.IGNORECASE):
        return f'<a href="{escape(url)}" rel="noopener noreferrer">{label}</a>'
    return label


def render(
    *,
    title: str,
    sections: Sequence[Section],
    kicker: str = "Framing report",
    standfirst: str | None = None,
    meta: Sequence[tuple[str, str | None]] = (),
    summary: Sequence[SummaryItem] = (),
    footer: str = "",
) -> str:
    """The report page.

    Parameters
    ----------
    title : str
        The headline (escaped; also the page's ``<title>``).
    sections : sequence of Section
    kicker, standfirst : str
        The line above the headline and the one below it (escaped).
    meta : sequence of (label, html)
        The title block's facts; values are HTML the caller escaped (None skips one).
    summary : sequence of SummaryItem
        The summary's sentences, each linked to its section.
    footer : str
        HTML at the foot of the page (escaped by the caller).
    """
    from ..version import __version__

    known = {s.anchor for s in sections}
    parts = [
        '<header class="fr-titleblock">',
        f'<p class="fr-kicker">{escape(kicker)}</p>',
        f"<h1>{escape(title)}</h1>",
        f'<p class="fr-standfirst">{escape(standfirst)}</p>' if standfirst else "",
        _meta_items(meta),
        "</header>",
    ]
    if summary:
        items = []
        for item in summary:
            text = markdown_html(item.text).strip()
            text = re.sub(r"^<p>(.*)</p>$", r"\1", text, flags=re.DOTALL)
            goto = ""
            if item.anchor in known:
                name = next(s.title for s in sections if s.anchor == item.anchor)
                goto = f' <a class="fr-goto" href="#{item.anchor}">→ {escape(name)}</a>'
            items.append(f"<li>{text}{goto}</li>")
        parts.append(
            f'<section class="fr-summary" id="summary"><h2>Summary</h2><ol>{"".join(items)}</ol></section>'
        )
    toc = []
    for s in sections:
        subs = "".join(
            f'<li><a href="#{sub.anchor}">{escape(sub.title)}</a></li>' for sub in s.subsections
        )
        toc.append(
            f'<li><a href="#{s.anchor}">{escape(s.title)}</a>'
            + (f"<ol>{subs}</ol>" if subs else "")
            + "</li>"
        )
    if toc:
        parts.append(
            f'<nav class="fr-toc" aria-label="Contents"><h2>Contents</h2><ol>{"".join(toc)}</ol></nav>'
        )
    for s in sections:
        parts.append(f'<section id="{s.anchor}" class="fr-section"><h2>{escape(s.title)}</h2>')
        parts.extend(s.intro)
        for sub in s.subsections:
            css = ' class="fr-findings"' if sub.title.lower() == "findings" else ""
            parts.append(f'<section id="{sub.anchor}"{css}><h3>{escape(sub.title)}</h3>')
            parts.extend(sub.html)
            parts.append("</section>")
        parts.append("</section>")
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
