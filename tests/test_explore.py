"""The marked-up article: every block in place, marks where the analyses found them."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from analysis import Article, analyse
from analysis.report.explore import explorer, explorer_html, highlight_article


class Blocks(HTMLParser):
    """Text of each h2/h3/p element of the rendered article, and the marked spans."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.marked: dict[str, list[str]] = {}
        self.stack: list[tuple[str, str]] = []
        self.current: str | None = None
        self.sid = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("h2", "h3", "p"):
            self.current = tag
            self.blocks.append((tag, ""))
        elif tag == "span":
            classes = attrs.get("class", "")
            self.sid = "fr-sid" in classes
            self.stack.append((classes, ""))

    def handle_endtag(self, tag):
        if tag == "span" and self.stack:
            classes, text = self.stack.pop()
            for css in classes.split():
                self.marked.setdefault(css, []).append(text)
            self.sid = False
        elif tag in ("h2", "h3", "p"):
            self.current = None

    def handle_data(self, data):
        if self.current and not self.sid and self.blocks:
            tag, text = self.blocks[-1]
            self.blocks[-1] = (tag, text + data)
        if self.stack and not self.sid:
            classes, text = self.stack[-1]
            self.stack[-1] = (classes, text + data)


def rendered(article, **marks):
    html = highlight_article(article, marks.pop("table"), **marks)
    article_html = html.split('<div class="fr-article">', 1)[1]
    parser = Blocks()
    parser.feed(article_html)
    return parser


def every_mark(result):
    return dict(
        table=result.sentences,
        mentions=result.mentions,
        quotes=result.quotes,
        hedges=result.hedging,
        scores=result.tone,
        frames=result.policy_frames,
    )


def expected_blocks(article):
    tags = {"headline": "h2", "heading": "h3"}
    return [(tags.get(b.role, "p"), b.text) for b in article.blocks]


def test_every_block_of_the_seed_is_in_place_with_all_marks(seed_article):
    result = analyse(seed_article)
    parser = rendered(seed_article, **every_mark(result))
    assert parser.blocks == expected_blocks(seed_article)
    assert parser.blocks[0] == ("h2", "Russia and Iran Sign Strategic Partnership Treaty in Moscow")
    assert not [b for b in parser.blocks if not b[1].strip()]  # no empty <h3></h3>


def test_marks_are_the_analyses_offsets(seed_article):
    result = analyse(seed_article)
    text = seed_article.text
    parser = rendered(
        seed_article,
        table=result.sentences,
        hedges=result.hedging,
        frames=result.policy_frames,
        mentions=result.mentions,
    )
    hedges = [text[a:b] for cell in result.hedging["hedge_spans"] for a, b in cell]
    assert hedges and "".join(parser.marked["fr-hedge"]) == "".join(hedges)
    covered = sorted(
        {i for cell in result.policy_frames["cue_spans"] for a, b in cell for i in range(a, b)}
    )
    assert covered and "".join(parser.marked["fr-cue"]) == "".join(text[i] for i in covered)
    assert "Vladimir Putin" in parser.marked["fr-actor"]
    said = rendered(seed_article, table=result.sentences, quotes=result.quotes)
    cued = result.quotes.dropna(subset=["cue_start"])
    cues = [text[int(a) : int(b)] for a, b in zip(cued.cue_start, cued.cue_end, strict=True)]
    assert "described" in cues and "".join(said.marked["fr-said"]) == "".join(cues)


def test_tone_marks_each_sentence_once(seed_article):
    result = analyse(seed_article)
    html = highlight_article(seed_article, result.sentences, scores=result.tone)
    n_marked = int((result.tone["tone"] != "neutral").sum())
    toned = re.findall(r'class="fr-sid fr-(?:pos|neg)"', html)
    assert len(toned) == n_marked
    assert "fr-pos" not in html.split('<div class="fr-article">', 1)[1].replace(
        'class="fr-sid fr-pos"', ""
    )


MARKDOWN = """# Grain Deal Reached

*Ministers end months of talks*

Ministers from both countries signed the grain deal in Geneva on Monday, officials said.

## What Farmers Say

Farmers welcomed the deal. "Prices may finally fall," said Anna Schmidt, a grower.

## What Comes Next

Ships could leave the ports within a week, according to the port authority.
"""


def test_markdown_article_blocks_and_headings_stay_apart(tmp_path):
    path = tmp_path / "grain.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    from analysis import load_article

    article = load_article(path)
    result = analyse(article)
    parser = rendered(article, **every_mark(result))
    assert parser.blocks == expected_blocks(article)
    assert ("h3", "What Farmers Say") in parser.blocks and (
        "h3",
        "What Comes Next",
    ) in parser.blocks


def test_markup_in_the_article_is_text(tmp_path):
    article = Article.from_text("Deal <b>Signed</b>\n\nMinisters <script>x()</script> signed it.")
    result = analyse(article)
    html = highlight_article(article, result.sentences, mentions=result.mentions)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_static_explorer_lists_every_choice(seed_article):
    result = analyse(seed_article)
    html = explorer_html(
        result.sentences,
        mentions=result.mentions,
        keywords=result.keywords.head(3),
        frames=result.policy_frames,
    )
    assert "actor: Vladimir Putin" in html
    for term in result.keywords["display"].head(3):
        assert f"term: {term}" in html


def test_widget_explorer_shows_full_labels_and_the_chosen_sentences(seed_article):
    result = analyse(seed_article)
    box = explorer(result.sentences, mentions=result.mentions, frames=result.policy_frames)
    dropdown, view = box.children
    assert "actor: Vladimir Putin" in dropdown.options  # the whole label, never cut
    assert dropdown.layout.width == "max-content"
    dropdown.value = "actor: Vladimir Putin"
    putin = result.mentions.loc[result.mentions["actor"] == "Vladimir Putin", "sentence_id"]
    for sid in set(putin):
        assert f'<span class="fr-sid">{sid}</span>' in view.value
    others = set(result.sentences["sentence_id"]) - set(putin)
    assert not any(f'<span class="fr-sid">{sid}</span>' in view.value for sid in others)
