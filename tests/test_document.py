"""report.html as a document: title block, summary, contents, anchors, readable tables."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nbformat
import numpy as np
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from analysis import Article, analyse
from analysis.report import findings
from analysis.report.document import (
    MISSING,
    Section,
    Subsection,
    SummaryItem,
    notebook_sections,
    render,
    show,
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


# ----------------------------------------------------------------------- sections
def _executed(tmp_path):
    nb = new_notebook()
    params = new_code_cell("ARTICLE = None")
    params.metadata["tags"] = ["parameters"]
    howto = new_markdown_cell("Set `ARTICLE` in the next cell.")
    howto.metadata["tags"] = ["notebook-only"]
    plot = new_code_cell("plot()")
    plot.outputs = [
        new_output("stream", name="stderr", text="UserWarning: noise"),
        new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}),
    ]
    table = new_code_cell("show(x)")
    table.outputs = [
        new_output(
            "execute_result", data={"text/html": "<p>T</p>", "text/plain": "T"}, execution_count=1
        )
    ]
    plain = new_code_cell("article")
    plain.outputs = [
        new_output("execute_result", data={"text/plain": "Article(...)"}, execution_count=2)
    ]
    note = new_code_cell("display(Markdown(...))")
    note.outputs = [new_output("display_data", data={"text/markdown": "**Found** it"})]
    nb.cells = [
        new_markdown_cell("# 03 · Tone: how positive, where\n\nTwo lexicons."),
        params,
        howto,
        plain,
        new_markdown_cell("## The arc of tone\n\nEach dot is a sentence."),
        plot,
        new_markdown_cell("## Findings"),
        table,
        note,
    ]
    path = tmp_path / "03-tone.ipynb"
    nbformat.write(nb, path)
    return path


def test_notebooks_become_sections_with_stable_anchors(tmp_path):
    (section,) = notebook_sections([_executed(tmp_path)])
    assert (section.title, section.anchor) == ("Tone", "tone")
    assert [(s.title, s.anchor) for s in section.subsections] == [
        ("The arc of tone", "tone-the-arc-of-tone"),
        ("Findings", "tone-findings"),
    ]
    intro = "".join(section.intro)
    assert "how positive, where" in intro and "Two lexicons" in intro
    assert "ARTICLE" not in intro and "Article(...)" not in intro  # notebook-only, plain text
    arc = "".join(section.subsections[0].html)
    assert 'src="data:image/png;base64,iVBORw0KGgo="' in arc and 'alt="The arc of tone"' in arc
    assert "UserWarning" not in arc  # streams are not part of the document
    found = "".join(section.subsections[1].html)
    assert "<p>T</p>" in found and "<strong>Found</strong>" in found


def test_page_has_title_block_summary_contents_and_every_link_lands():
    sections = [
        Section(
            "Tone", "tone", ["<p>intro</p>"], [Subsection("The arc", "tone-the-arc", ["<p>x</p>"])]
        ),
        Section("Frames", "frames"),
    ]
    page = render(
        title="Deal <signed>",
        standfirst="Leaders hail it",
        meta=[("Outlet", "The Times"), ("Date", None)],
        summary=[SummaryItem("Tone is *mixed*.", "tone"), SummaryItem("Orphan.", "nowhere")],
        sections=sections,
    )
    parsed = _Page(page)
    assert parsed.title == "Deal <signed> – framing report"  # the headline, not a file id
    assert "<h1>Deal &lt;signed&gt;</h1>" in page
    assert "Outlet" in page and "Date" not in page  # missing facts are left out
    assert (
        page.index('id="summary"') < page.index('aria-label="Contents"') < page.index('id="tone"')
    )
    assert '<a class="fr-goto" href="#tone">→ Tone</a>' in page and "<em>mixed</em>" in page
    internal = [h[1:] for h in parsed.links if h.startswith("#")]
    assert internal and all(h in parsed.ids for h in internal)
    assert "#nowhere" not in parsed.links
    assert "@page { size: A4" in page and "break-inside: avoid" in page
    assert "script-src 'none'" in page


# ---------------------------------------------------------------------- summary
def test_summary_says_what_the_tables_say(seed_article):
    result = analyse(seed_article)
    items = findings.summary(result, ["Russia / Iran / partnership", "deal / trade"])
    assert 5 <= len(items) <= 8
    anchors = [i.anchor for i in items]
    assert anchors[0] == "overview" and anchors[-1] == "topics"
    assert {"keywords", "tone", "actors-and-sources", "frames"} <= set(anchors)
    text = " ".join(i.text for i in items)
    top = result.actors.iloc[0]
    assert f"the most mentioned are {top['actor']} ({top['n_mentions']})" in text
    from analysis.measures.tone import article_tone

    row = article_tone(result.tone).iloc[0]
    assert f"VADER read for news, mean {row['news_mean']:+.2f}" in text
    assert ("includes zero" in text) == (row["news_ci_low"] < 0 < row["news_ci_high"])
    assert "“Russia / Iran / partnership”" in text
    assert "(s)" not in text and "1 times" not in text


def test_summary_of_an_article_nobody_speaks_in():
    article = Article.from_text(
        "Rain Falls on the Plain\n\nRain fell on the plain for three days. The river rose "
        "and the fields flooded. Farmers moved their cattle to higher ground."
    )
    items = findings.summary(analyse(article))
    text = " ".join(i.text for i in items)
    assert "No statement is attributed to a source." in text
    assert "1 section." in text  # singular


def test_seed_report_is_a_document(seed_report, seed_article):
    html = (seed_report / "report.html").read_text(encoding="utf-8")
    page = _Page(html)
    assert page.title.startswith(seed_article.title)
    first = html[html.index("<main>") :][:2000]
    assert f"<h1>{seed_article.title}</h1>" in first and "Set" not in first.split("<h1>")[0]
    assert "Set `ARTICLE`" not in html and "Set <code>ARTICLE</code>" not in html
    summary = html[html.index('id="summary"') : html.index('aria-label="Contents"')]
    assert 5 <= summary.count("<li>") <= 8
    internal = [h[1:] for h in page.links if h.startswith("#")]
    assert len(internal) > 20 and all(h in page.ids for h in internal)
    assert 'class="dataframe"' not in html  # every table goes through show()
    cells = " | ".join(page.cells)
    assert "NaN" not in cells and "[(" not in cells and "None" not in cells
    # headline is in the title block once, not repeated at the top of every section
    assert html.count(f"<strong>{seed_article.title}</strong>") == 0
    assert re.search(r"<li><b>Words</b> \d+</li>", html)
