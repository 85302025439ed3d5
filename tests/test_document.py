"""report.html as a document: title block, summary, contents, anchors, readable tables."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from analysis.pipeline.statements import Statement
from analysis.report.document import (
    MISSING,
    Block,
    render,
    show,
    statements_html,
    table_html,
)


class _Page(HTMLParser):
    """Ids, links, headings and table cells of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.ids, self.links, self.cells, self.tags = set(), [], [], []
        self._cell, self._title, self.title = None, False, ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag in ("td", "th"):
            self._cell = ""
        if tag == "title":
            self._title = True

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append(self._cell)
            self._cell = None
        if tag == "title":
            self._title = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        if self._title:
            self.title += data


# ------------------------------------------------------------------------- tables
def test_tables_read_like_a_report_not_a_dataframe():
    frame = pd.DataFrame(
        {
            "actor": ["Iran", "<b>Putin</b>", ""],
            "n_mentions": [11, 3, 1],
            "mean": [0.123456, np.nan, -0.5],
            "share": [0.5, 0.25, None],
            "evidence": [[("challenge", 0.075, 0.0087)], ["treaty", "deal"], []],
            "first": [1.0, np.nan, 3.0],
        },
        index=[7, 8, 9],
    )
    html = table_html(frame, percent=["share"], names={"n_mentions": "mentions"})
    cells = _Page(html).cells
    header, rows = cells[:6], cells[6:]
    assert header == ["actor", "mentions", "mean", "share", "evidence", "first"]  # no index
    assert rows[:6] == ["Iran", "11", "0.12", "50%", "challenge (0.07, 0.01)", "1"]
    assert rows[6:12] == ["<b>Putin</b>", "3", MISSING, "25%", "treaty, deal", MISSING]
    assert rows[12] == MISSING and rows[15] == MISSING and rows[16] == MISSING
    assert "NaN" not in html and "nan" not in html and "[(" not in html
    assert "&lt;b&gt;Putin&lt;/b&gt;" in html  # text, not markup
    assert '<td class="num">11</td>' in html and "<td>Iran</td>" in html
    assert '<div class="fr-table">' in html  # wide tables scroll inside their box


def test_long_tables_are_collapsed_and_limits_said():
    frame = pd.DataFrame({"sentence_id": range(30), "text": [f"s{i}" for i in range(30)]})
    html = table_html(frame, caption="The sentence table")
    assert html.startswith('<details class="fr-long"><summary>The sentence table (30 rows)')
    short = table_html(frame, limit=5, caption="Top")
    assert "<details" not in short and short.count("<tr>") == 6
    assert "first 5 of 30 rows" not in short  # shown openly: the caption is the header
    assert table_html(frame, limit=20, max_rows=10).count("first 20 of 30 rows") == 1
    assert "No rows." in table_html(frame.head(0))


def test_show_keeps_the_data_and_names_a_missing_column():
    frame = pd.DataFrame({"a": [1]})
    shown = show(frame)
    assert shown.frame is frame and shown._repr_html_() == shown.html
    with pytest.raises(KeyError, match="no column"):
        show(frame, ["b"])


# ---------------------------------------------------------------------------- page
def test_page_has_title_block_summary_contents_and_every_link_lands():
    page = render(
        title="Deal <signed>",
        standfirst="Leaders hail it",
        meta=[("Outlet", "The Times"), ("Date", None)],
        summary=statements_html(
            [
                Statement("tone", "Tone is *mixed*.", "tone", (3, 7)),
                Statement("other", "Orphan.", "nowhere"),
            ],
            goto={"tone": ("tone", "Tone")},
            ordered=True,
        ),
        sections=[Block("Tone", "tone", ["<p>intro</p>"]), Block("Frames", "frames")],
        appendices=[Block("The article", "appendix-article", ['<p id="s3">x</p><p id="s7">y</p>'])],
    )
    parsed = _Page(page)
    assert parsed.title == "Deal <signed> – framing report"  # the headline, not a file id
    assert "<h1>Deal &lt;signed&gt;</h1>" in page
    assert "Outlet" in page and "Date" not in page  # missing facts are left out
    assert (
        page.index('id="summary"')
        < page.index('aria-label="Contents"')
        < page.index('id="tone"')
        < page.index('id="appendix-article"')
    )
    assert '<a class="fr-goto" href="#tone">→ Tone</a>' in page and "<em>mixed</em>" in page
    assert '(sentences <a href="#s3">3</a>, <a href="#s7">7</a>)' in page  # the evidence
    internal = [h[1:] for h in parsed.links if h.startswith("#")]
    assert internal and all(h in parsed.ids for h in internal)
    assert "#nowhere" not in parsed.links
    assert '<details class="fr-appendix" id="appendix-article">' in page  # collapsed
    toc = page[page.index('aria-label="Contents"') : page.index('id="tone"')]
    assert 'href="#appendix-article"' in toc  # appendices have their contents entries
    assert "@page { size: A4" in page and "break-inside: avoid" in page
    assert "script-src 'none'" in page


def test_evidence_lists_are_cut_with_a_count():
    html = statements_html([Statement("x", "Many.", "x", tuple(range(10)))])
    assert html.count('href="#s') == 6 and "and 4 more" in html
    one = statements_html([Statement("x", "One.", "x", (4,))])
    assert "(sentence <a" in one


def test_table_cells_never_break_words():
    """Cells wrap between words only: no word is split (``stat/eme/nt``)."""
    from analysis.report.document import _CSS

    rule = re.search(r"\.fr-table td[^{]*\{([^}]*)\}", _CSS)
    assert rule is not None
    assert "break-all" not in _CSS and "word-break: break-word" not in _CSS
    assert "overflow-wrap: normal" in rule.group(1) and "word-break: normal" in rule.group(1)


def test_seed_report_is_a_document(seed_report, seed_article):
    html = (seed_report / "report.html").read_text(encoding="utf-8")
    page = _Page(html)
    assert page.title.startswith(seed_article.title)
    first = html[html.index("<main>") :][:2000]
    assert f"<h1>{seed_article.title}</h1>" in first
    summary = html[html.index('id="summary"') : html.index('aria-label="Contents"')]
    assert 4 <= summary.count("<li>") <= 8
    internal = [h[1:] for h in page.links if h.startswith("#")]
    assert len(internal) > 20 and all(h in page.ids for h in internal)
    assert 'class="dataframe"' not in html  # every table goes through table_html
    cells = " | ".join(page.cells)
    assert "NaN" not in cells and "[(" not in cells and "None" not in cells
    assert re.search(r"<li><b>Words</b> \d+</li>", html)
    for code in ("N_TOPICS", "notebook", "ARTICLE =", "_per_1k", "news_compound", "term/display"):
        assert code not in html.replace("framing-report", ""), code  # no code in the prose
