"""An article's report page, built from its analysis and its figures and nothing else.

The brief comes first: the title block, the Summary (each statement with the sentences
that carry it), the contents, then one short section a measure (a key figure, what it
shows, and how far to trust it). Everything else (the article with its evidence marked,
full tables, the other figures, the explorer, the method cards, the data files) is in
appendices, collapsed, each with its entry in the contents.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..lexicons import lexicons, method_card, method_cards
from ..measures.tone import extreme_sentences
from ..pipeline.saved import DATA_FOLDER, table_info
from ..text.markup import escape
from .agreement_page import agreement_blocks
from .document import Block, figure_block, link, render, statements_html, table_html
from .explore import cue_sentences_html, explorer_html, highlight_article
from .figures import ARTICLE_FIGURES

__all__ = ["article_page", "BRIEF", "APPENDICES", "article_meta"]

#: The brief's sections: anchor, title, the line under the title, the method cards.
BRIEF = (
    (
        "keywords",
        "What it stresses",
        "Noun phrases ranked by PositionRank over the parse, weighted by how much rarer "
        "their words are than in general English.",
        ("keyphrases",),
    ),
    (
        "tone",
        "Tone",
        "Each sentence scored by VADER, reading economic movements as news; tone toward "
        "an actor from the words near each of its mentions and its role in the sentence.",
        ("tone", "target_tone"),
    ),
    (
        "sources",
        "Who appears and who speaks",
        "Actors from the named entities and the actor lexicon; attributions from reporting "
        "verbs and nouns, \u201caccording to\u201d and colons, read from the parse.",
        ("actors", "attribution", "hedging"),
    ),
    (
        "frames",
        "Frames",
        "Cue words of the Policy Frames Codebook and of the generic news frames, each "
        "checked on the parse for the sense its frame means.",
        ("frames",),
    ),
    (
        "topics",
        "Topics",
        "Topics over the sentences (NMF), their number chosen by coherence.",
        ("topics",),
    ),
)
#: The appendices: anchor and title.
APPENDICES = (
    ("appendix-article", "The article with its evidence marked"),
    ("appendix-structure", "Structure and sentences"),
    ("appendix-keywords", "Keywords and keyness"),
    ("appendix-tone", "Tone in detail"),
    ("appendix-actors", "Actors in detail"),
    ("appendix-sources", "Attributions and hedging in detail"),
    ("appendix-frames", "Frames in detail"),
    ("appendix-topics", "Topics in detail"),
    ("appendix-explore", "Explore an actor, a term or a frame"),
    ("appendix-methods", "Methods: how far to trust each number"),
    ("appendix-data", "Data and files"),
)
#: Where a statement's evidence is shown, by its anchor: (target, section name).
_GOTO = {
    "overview": ("appendix-structure", "Structure"),
    "keywords": ("keywords", "What it stresses"),
    "tone": ("tone", "Tone"),
    "actors": ("sources", "Who appears"),
    "sources": ("sources", "Who speaks"),
    "frames": ("frames", "Frames"),
    "topics": ("topics", "Topics"),
    "corrections": ("appendix-data", "Corrections by hand"),
}


def _data_links(tables: Sequence[str]) -> list[tuple[str, str]]:
    return [(f"{name}.csv", f"{DATA_FOLDER}/{name}.csv") for name in tables]


def _figures(svgs: dict[str, str], section: str) -> list[str]:
    return [
        figure_block(svgs[spec.name], spec.alt, _data_links(spec.tables))
        for spec in ARTICLE_FIGURES
        if spec.section == section and spec.name in svgs
    ]


def _trust(cards: Sequence[str]) -> str:
    lines = [
        f"<li><b>{escape(method_card(k)['name'])}</b>: {escape(method_card(k)['trust'])}</li>"
        for k in cards
    ]
    return (
        '<div class="fr-trust"><p><b>How far to trust this</b></p><ul>'
        + "".join(lines)
        + "</ul></div>"
    )


def _brief(result, svgs: dict[str, str]) -> list[Block]:
    findings = result.findings
    sections = []
    for anchor, title, lede, cards in BRIEF:
        statements = list(findings.get(anchor, []))
        if anchor == "sources":
            statements = [*findings.get("actors", []), *statements]
        parts = _figures(svgs, anchor)
        parts.append(statements_html(statements))
        parts.append(_trust(cards))
        sections.append(Block(title, anchor, parts, escape(lede)))
    return sections


def _agreement(table) -> list[Block]:
    if table is None:
        return []
    coders = sorted({c.removesuffix(" vs tool") for c in table["comparison"] if c != "coders"})
    lede = (
        f"How the tool's codes agree with your coders ({', '.join(coders) or 'none against the tool'}), "
        "from framing agree (agreement.csv beside this page)."
    )
    return [Block("Agreement with your coders", "agreement", agreement_blocks(table), escape(lede))]


def article_meta(article, counts) -> list[tuple[str, str | None]]:
    """The title block's facts; the words and sentences are the article's one count."""
    source = (
        link(article.url) if article.url else escape(Path(str(article.source or "")).name) or None
    )
    return [
        ("Outlet", escape(article.outlet) if article.outlet else None),
        ("Date", escape(article.date) if article.date else None),
        ("By", escape(article.author) if article.author else None),
        ("Dateline", escape(article.dateline) if article.dateline else None),
        ("Source", source),
        ("Words", f"{counts.n_words:,}"),
        ("Sentences", f"{counts.n_sentences:,}"),
    ]


def article_page(
    result,
    svgs: dict[str, str],
    *,
    links: Sequence[tuple[str, str]] = (),
    agreement=None,
) -> str:
    """The report page of one analysed article.

    Parameters
    ----------
    result : ArticleAnalysis
    svgs : dict
        The figures drawn for it (:func:`analysis.report.figures.draw_figures`).
    links : sequence of (label, href)
        Pages to link to from the title block and the closing line (the comparison).
    agreement : DataFrame, optional
        ``agreement.csv`` of ``framing agree``: adds "Agreement with your coders".
    """
    article = result.article
    meta = article_meta(article, result.counts)
    for label, href in links:
        meta.append(("See also", f'<a href="{escape(href)}">{escape(label)}</a>'))
    appendices = [
        Block(title, anchor, _appendix(anchor, result, svgs)) for anchor, title in APPENDICES
    ]
    closing = "".join(f' <a href="{escape(h)}">{escape(lab)}</a>.' for lab, h in links)
    return render(
        title=article.title or article.article_id,
        standfirst=article.subtitle,
        meta=meta,
        summary=statements_html(result.summary_statements, goto=_GOTO, ordered=True),
        sections=_brief(result, svgs) + _agreement(agreement),
        appendices=appendices,
        footer="Every number links back to sentence ids in the tables of the data/ folder "
        "beside this page." + closing,
    )


# ---------------------------------------------------------------------- appendices
def _appendix(anchor: str, result, svgs: dict[str, str]) -> list[str]:
    builders = {
        "appendix-article": _article,
        "appendix-structure": _structure,
        "appendix-keywords": _keywords,
        "appendix-tone": _tone,
        "appendix-actors": _actors,
        "appendix-sources": _sources,
        "appendix-frames": _frames,
        "appendix-topics": _topics,
        "appendix-explore": _explore,
        "appendix-methods": _methods,
        "appendix-data": _data,
    }
    return [*_figures(svgs, anchor), *builders[anchor](result)]


def _article(result) -> list[str]:
    return [
        highlight_article(
            result.article,
            result.sentences,
            mentions=result.mentions,
            quotes=result.quotes,
            hedges=result.hedging,
            scores=result.tone,
            frames=result.policy_frames,
            events=result.economic_events,
        )
    ]


def _structure(result) -> list[str]:
    return [
        statements_html(result.findings.get("overview", [])),
        table_html(
            result.sentences,
            ["sentence_id", "section", "role", "n_words", "text"],
            names={"sentence_id": "sentence", "n_words": "words"},
            caption=_sentence_caption(result.counts),
        ),
    ]


def _sentence_caption(counts) -> str:
    """The sentence table's caption, in the article's one count: its sentences
    (headline, standfirst and body) and, where there are any, its headings."""
    if not counts.n_headings:
        return "Every sentence"
    return f"Every sentence ({counts.n_sentences:,}) and section heading ({counts.n_headings:,})"


def _keywords(result) -> list[str]:
    general = result.keyness
    return [
        table_html(
            result.keyphrases,
            ["rank", "display", "score", "count", "first_sentence_id"],
            names={
                "display": "keyphrase",
                "score": "PositionRank score",
                "count": "times used",
                "first_sentence_id": "first sentence",
            },
            digits=3,
            caption="Keyphrases",
        ),
        table_html(
            result.keywords,
            ["rank", "display", "score", "count", "n_sentences"],
            names={
                "display": "keyword",
                "score": "TF-IDF",
                "count": "times used",
                "n_sentences": "sentences",
            },
            digits=3,
            caption="Keywords",
        ),
        table_html(
            general[general["statistic"] > 0],
            ["display", "count_target", "per_1k_target", "per_1k_reference", "statistic"],
            names={
                "display": "word",
                "count_target": "times used",
                "per_1k_target": "per 1,000 words here",
                "per_1k_reference": "per 1,000 words in general English",
                "statistic": "log-likelihood (G²)",
            },
            limit=15,
            caption="Words used more than in general English",
        ),
    ]


def _tone(result) -> list[str]:
    tone_names = {
        "section": "section",
        "n_sentences": "sentences",
        "news_mean": "tone",
        "news_ci_low": "95% low",
        "news_ci_high": "95% high",
        "share_negative": "negative",
        "share_positive": "positive",
    }
    events = result.economic_events
    return [
        table_html(
            pd.concat([result.article_tone.assign(section="(whole article)"), result.section_tone]),
            list(tone_names),
            names=tone_names,
            percent=["share_negative", "share_positive"],
            caption="Tone of the article and of each section (VADER read for news)",
        ),
        table_html(
            extreme_sentences(result.tone),
            ["sentence_id", "news_compound", "text", "vader_words", "economic_events"],
            names={
                "sentence_id": "sentence",
                "news_compound": "tone",
                "vader_words": "lexicon words",
                "economic_events": "economic movements",
            },
            caption="The most negative and most positive sentences and the words behind them",
        ),
        table_html(
            events,
            ["sentence_id", "text", "direction", "polarity"],
            names={
                "sentence_id": "sentence",
                "text": "movement",
                "polarity": "news (+1 good, −1 bad)",
            },
            caption="Economic movements read as news",
        )
        if len(events)
        else "",
        table_html(
            result.mention_tone,
            ["sentence_id", "actor", "surface", "label", "score", "role"],
            names={
                "sentence_id": "sentence",
                "surface": "written as",
                "label": "tone",
                "role": "role in the sentence",
            },
            caption="Tone toward each mention",
        ),
    ]


def _actors(result) -> list[str]:
    edges = result.cooccurrence.sort_values("weight", ascending=False, kind="mergesort")
    return [
        table_html(
            result.actors,
            [
                "actor",
                "kind",
                "affiliation",
                "n_mentions",
                "first_sentence_id",
                "roles",
                "surfaces",
            ],
            names={
                "n_mentions": "mentions",
                "first_sentence_id": "first sentence",
                "surfaces": "written as",
            },
            caption="Actors",
        ),
        table_html(
            edges,
            ["source", "target", "weight"],
            names={"source": "actor", "target": "appears with", "weight": "shared sentences"},
            limit=12,
            caption="Actors that appear together",
        ),
    ]


def _sources(result) -> list[str]:
    hedges = result.hedging
    return [
        table_html(
            result.quotes,
            ["sentence_id", "actor", "speaker", "verb", "act", "kind", "source_type", "content"],
            names={
                "sentence_id": "sentence",
                "actor": "source",
                "speaker": "source as written",
                "verb": "cue",
                "act": "what is attributed",
                "kind": "quoted",
                "source_type": "kind of source",
                "content": "words attributed",
            },
            caption="Attributions: who says, believes, wants or shows what",
        ),
        table_html(
            hedges[(hedges["n_hedges"] > 0) | (hedges["n_boosters"] > 0)],
            ["sentence_id", "hedges", "boosters", "attributed", "speakers"],
            names={"sentence_id": "sentence", "attributed": "attributed to a source"},
            caption="Sentences with a hedge or a booster",
        ),
    ]


def _frames(result) -> list[str]:
    profile = result.frame_profile
    used = profile[profile["n_cues"] > 0]
    scores = result.policy_frames
    leading = used[used["scheme"] == "policy"].head(3)["frame"].tolist()
    return [
        table_html(
            used,
            ["scheme", "label", "n_sentences", "share_of_sentences", "cues_per_1k", "top_cues"],
            names={
                "label": "frame",
                "n_sentences": "sentences",
                "share_of_sentences": "share of sentences",
                "cues_per_1k": "cues per 1,000 words",
                "top_cues": "most frequent cues",
            },
            percent=["share_of_sentences"],
            digits=1,
            caption="Frames with a cue, policy and generic",
        ),
        "<h3>The sentences of the leading policy frames</h3>",
        cue_sentences_html(scores, result.sentences, frames=leading),
        table_html(
            result.loaded_language,
            ["sentence_id", "term", "category"],
            names={"sentence_id": "sentence", "term": "word"},
            caption="Loaded language",
        ),
    ]


def _topics(result) -> list[str]:
    notes = [f"<p><em>{escape(n)}</em></p>" for n in result.topic_notes]
    return [
        *notes,
        statements_html(result.findings.get("topics", [])),
        table_html(
            result.topic_terms,
            ["topic", "label", "display", "weight"],
            names={"display": "term"},
            digits=3,
            caption="Topics and their terms",
        ),
    ]


def _explore(result) -> list[str]:
    return [
        explorer_html(
            result.sentences,
            mentions=result.mentions,
            keywords=result.keywords.head(8),
            frames=result.policy_frames,
        )
    ]


def _methods(result) -> list[str]:
    cards = method_cards()
    return [
        table_html(
            cards,
            ["name", "method", "measured", "trust"],
            names={
                "name": "analysis",
                "measured": "measured on public news",
                "trust": "how far to trust it",
            },
            max_rows=20,
            caption="How each analysis works and how well it does",
        ),
        table_html(
            lexicons(),
            ["name", "entries", "source", "licence"],
            names={"name": "lexicon", "entries": "entries"},
            max_rows=20,
            caption="The lexicons the analyses read (files in analysis/data)",
        ),
    ]


def _data(result) -> list[str]:
    rows = []
    for name in result.tables():
        info = table_info(name)
        rows.append(
            f'<li><a href="{DATA_FOLDER}/{escape(name)}.csv">{escape(name)}.csv</a>: '
            f"{escape(info['description'])}</li>"
        )
    return [
        "<p>Every table behind every figure and finding, as CSV, described (each column's "
        'type, unit and meaning) in <a href="datapackage.json">datapackage.json</a>, and '
        'all of them in one workbook, <a href="tables.xlsx">tables.xlsx</a>. What each '
        "measure means, its units, rules and lexicon entries: the "
        '<a href="codebook.html">codebook</a> (also <a href="codebook.md">as Markdown</a>).</p>',
        f'<ul class="fr-files">{"".join(rows)}</ul>',
        *_corrections(result),
    ]


def _corrections(result) -> list[str]:
    """The corrections by hand applied (when there are any): line, action, target,
    rows changed, status."""
    table = result.corrections_applied
    if not len(table):
        return []
    return [
        table_html(
            table,
            ["line", "action", "target", "rows_changed", "status", "why"],
            names={"rows_changed": "rows changed"},
            max_rows=50,
            caption="Corrections by hand (corrections.csv): the values above include them",
        )
    ]
