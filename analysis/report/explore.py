"""Reading views: the article with its evidence marked, and an interactive explorer.

:func:`highlight_article` renders the article as HTML with actor mentions, attributed
words, hedges, frame cues and sentence tone marked in colour, so every number in the
report can be checked against the text (economic movements, when there are any, too). :func:`explorer` lets a reader pick an actor,
a term or a frame and see its sentences highlighted: an ipywidgets dropdown in
JupyterLab, or (``static=True``, as ``framing report`` runs it) one section per choice,
so the rendered HTML shows the same content without a live kernel.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pandas as pd

from ..text.markup import escape

__all__ = [
    "highlight_article",
    "explorer",
    "explorer_html",
    "cue_sentences_html",
    "sentence_view",
    "STYLE",
]

#: CSS of the marked-up views (colour-blind-safe; legend included in each view).
STYLE = """<style>
.fr-article { font-family: Georgia, serif; line-height: 1.55; max-width: 48em; }
.fr-article h3 { font-family: sans-serif; margin: 1em 0 0.3em; }
.fr-legend span { margin-right: 0.8em; padding: 0 0.3em; font-family: sans-serif; font-size: 0.85em; }
.fr-actor { border-bottom: 2px solid #0072B2; }
.fr-quote { background: #E8F1F8; }
.fr-said { font-weight: 600; }
.fr-hedge { background: #FCE8C8; font-style: italic; }
.fr-cue { font-weight: bold; color: #7A3E00; }
.fr-term { background: #F0E442; }
.fr-econ { border-bottom: 2px dotted #CC79A7; }
.fr-pos { border-left: 4px solid #009E73; padding-left: 3px; }
.fr-neg { border-left: 4px solid #D55E00; padding-left: 3px; }
.fr-sid.fr-pos, .fr-sid.fr-neg { margin-left: 2px; }
.fr-sid { color: #888; font-size: 0.7em; vertical-align: super; font-family: sans-serif; }
</style>"""
_LEGEND = (
    '<div class="fr-legend"><span class="fr-actor">actor</span><span class="fr-quote">attributed words</span>'
    '<span class="fr-said">attribution cue</span><span class="fr-hedge">hedge</span><span class="fr-cue">frame cue</span>'
    '<span class="fr-econ">economic movement</span><span class="fr-pos">positive sentence</span><span class="fr-neg">negative sentence</span></div>'
)


def _find(text: str, needle: str, start: int = 0) -> int:
    if not needle:
        return -1
    m = re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text[start:], flags=re.IGNORECASE)
    return start + m.start() if m else -1


def _spans_in_sentences(
    sentences: pd.DataFrame, words_by_sentence: dict, css: str
) -> list[tuple[int, int, str]]:
    """Article offsets of listed words, found in order within their sentence."""
    out = []
    lookup = sentences.set_index("sentence_id")[["text", "char_start"]]
    for sid, words in words_by_sentence.items():
        if sid not in lookup.index:
            continue
        text, base = lookup.at[sid, "text"], int(lookup.at[sid, "char_start"])
        norm = text.replace("’", "'").replace("“", '"').replace("”", '"')
        pos = 0
        for word in words:
            at = _find(norm, word, pos)
            if at < 0:
                at = _find(norm, word)
            if at >= 0:
                out.append((base + at, base + at + len(word), css))
                pos = at + len(word)
    return out


def _render(
    text: str,
    spans: list[tuple[int, int, str]],
    blocks: Iterable,
    sentences: pd.DataFrame | None,
    tone: dict | None = None,
) -> str:
    """HTML of the article's blocks with ``spans`` marked; every block boundary and
    sentence start is a cut, so marks never carry text from one block into another."""
    blocks = list(blocks)
    starts = (
        {}
        if sentences is None
        else dict(zip(sentences["char_start"], sentences["sentence_id"], strict=True))
    )
    out = []
    for block in blocks:
        cuts = {block.start, block.end}
        cuts.update(c for a, b, _ in spans for c in (a, b) if block.start < c < block.end)
        cuts.update(c for c in starts if block.start <= c < block.end)
        cuts = sorted(cuts)
        parts = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            if a in starts:
                sid = starts[a]
                mood = {"positive": " fr-pos", "negative": " fr-neg"}.get((tone or {}).get(sid), "")
                parts.append(f'<span class="fr-sid{mood}" id="s{sid}">{sid}</span>')
            classes = sorted({css for s, e, css in spans if s <= a and b <= e})
            chunk = escape(text[a:b])
            parts.append(f'<span class="{" ".join(classes)}">{chunk}</span>' if classes else chunk)
        body = "".join(parts)
        if block.role == "headline":
            out.append(f"<h2>{body}</h2>")
        elif block.role == "heading":
            out.append(f"<h3>{body}</h3>")
        elif block.role == "standfirst":
            out.append(f"<p><em>{body}</em></p>")
        else:
            out.append(f"<p>{body}</p>")
    return "".join(out)


def highlight_article(
    article,
    sentences: pd.DataFrame,
    *,
    mentions: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
    hedges: pd.DataFrame | None = None,
    scores: pd.DataFrame | None = None,
    frames: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    terms: Sequence[str] = (),
) -> str:
    """The article as HTML with the evidence of every analysis marked.

    Parameters
    ----------
    article : Article
    sentences : DataFrame
        Its sentence table (sentence ids appear as small superscripts).
    mentions, quotes, hedges, scores, frames : DataFrame, optional
        Outputs of ``actor_mentions``, ``quotes``, ``hedging``, ``sentence_sentiment``
        and ``frame_scores``; each adds its marks at the offsets the analysis found
        (``char_start``/``char_end``, ``hedge_spans``, ``cue_spans``); a sentence's
        tone marks its sentence number, once.
    events : DataFrame, optional
        Economic movements (:func:`analysis.measures.economy.economic_events`): "profits fell"
        marked where the tone reading found it.
    terms : sequence of str
        Words or phrases to mark (e.g. a keyword).

    Returns
    -------
    str
        Self-contained HTML (with its CSS and a legend), for ``IPython.display.HTML``.
    """
    text = article.text
    spans: list[tuple[int, int, str]] = []
    if mentions is not None:
        spans += [
            (int(a), int(b), "fr-actor")
            for a, b in zip(mentions["char_start"], mentions["char_end"], strict=True)
        ]
    if quotes is not None:
        spans += [
            (int(a), int(b), "fr-quote")
            for a, b in zip(quotes["char_start"], quotes["char_end"], strict=True)
        ]
        if "cue_start" in quotes.columns:  # the reporting verb, "according to", a colon
            spans += [
                (int(a), int(b), "fr-said")
                for a, b in zip(quotes["cue_start"], quotes["cue_end"], strict=True)
                if not (pd.isna(a) or pd.isna(b))
            ]
    if hedges is not None and len(hedges):
        spans += [(int(a), int(b), "fr-hedge") for cell in hedges["hedge_spans"] for a, b in cell]
    if frames is not None and len(frames):
        spans += [(int(a), int(b), "fr-cue") for cell in frames["cue_spans"] for a, b in cell]
    if events is not None and len(events):
        spans += [
            (int(a), int(b), "fr-econ")
            for a, b in zip(events["char_start"], events["char_end"], strict=True)
        ]
    if terms:
        spans += _spans_in_sentences(
            sentences, {sid: list(terms) * 3 for sid in sentences["sentence_id"]}, "fr-term"
        )
    tone = (
        dict(zip(scores["sentence_id"], scores["tone"], strict=True))
        if scores is not None and len(scores)
        else None
    )
    body = _render(text, spans, article.blocks, sentences, tone)
    return f'{STYLE}{_LEGEND}<div class="fr-article">{body}</div>'


def sentence_view(
    sentences: pd.DataFrame, sentence_ids: Sequence[int], words: dict, title: str
) -> str:
    rows = []
    chosen = sentences[sentences["sentence_id"].isin(list(sentence_ids))]
    for row in chosen.itertuples():
        text = escape(row.text)
        for word in sorted(set(words.get(row.sentence_id, [])), key=len, reverse=True):
            if word:
                text = re.sub(
                    r"(?<![\w>])(" + re.escape(escape(word)) + r")(?![\w<])",
                    r'<span class="fr-term">\1</span>',
                    text,
                )
        rows.append(f'<li><span class="fr-sid">{row.sentence_id}</span> {text}</li>')
    items = "".join(rows) or "<li>No sentence.</li>"
    heading = f"<h4>{escape(title)}</h4>" if title else ""
    return f"{heading}<ul>{items}</ul>"


def _choices(sentences, mentions, keywords, frames) -> dict[str, tuple[list[int], dict]]:
    """What a reader can pick: each actor, term and frame, with its sentences and the
    words to mark in each."""
    choices: dict[str, tuple[list[int], dict]] = {}
    if mentions is not None and len(mentions):
        for actor, group in mentions.groupby("actor", sort=False):
            words = group.groupby("sentence_id")["surface"].agg(list).to_dict()
            choices[f"actor: {actor}"] = (sorted(set(group["sentence_id"])), words)
    if keywords is not None and len(keywords) and len(sentences):
        for row in keywords.itertuples():
            ids = [int(s) for s in row.sentence_ids if not isinstance(s, str)]
            choices[f"term: {row.display}"] = (ids, {s: [row.display, row.term] for s in ids})
    if frames is not None and len(frames):
        used = frames[frames["score"] > 0]
        for label, group in used.groupby("label", sort=False):
            words = (
                group.groupby("sentence_id")["cues"]
                .agg(lambda s: [c for cs in s for c in cs])
                .to_dict()
            )
            choices[f"frame: {label}"] = (sorted(set(group["sentence_id"])), words)
    return choices


def explorer_html(
    sentences: pd.DataFrame,
    *,
    mentions: pd.DataFrame | None = None,
    keywords: pd.DataFrame | None = None,
    frames: pd.DataFrame | None = None,
    limit: int = 8,
) -> str:
    """Every choice of :func:`explorer` (up to ``limit`` a group) as HTML: one
    collapsed block each, its sentences with the matched words marked."""
    choices = _choices(sentences, mentions, keywords, frames)
    if not choices:
        return "<p>Nothing to explore: no actors, terms or frames.</p>"
    sections, seen = [], {}
    for name, (ids, words) in choices.items():
        group = name.split(":", 1)[0]
        seen[group] = seen.get(group, 0) + 1
        if seen[group] <= limit:
            n = len(ids)
            sections.append(
                f'<details class="fr-choice"><summary>{escape(name)} '
                f"({n:,} sentence{'s' if n != 1 else ''})</summary>"
                f"{sentence_view(sentences, ids, words, '')}</details>"
            )
    return STYLE + "".join(sections)


def explorer(
    sentences: pd.DataFrame,
    *,
    mentions: pd.DataFrame | None = None,
    keywords: pd.DataFrame | None = None,
    frames: pd.DataFrame | None = None,
):
    """Pick an actor, a term or a frame and read its sentences, with the evidence
    marked: an ipywidgets dropdown (full labels) over every choice.

    Parameters
    ----------
    sentences : DataFrame
        The sentence table.
    mentions, keywords, frames : DataFrame, optional
        Outputs of ``actor_mentions``, ``keywords`` and ``frame_scores``; each adds a
        group of choices.

    Returns
    -------
    ipywidgets.Widget
    """
    import ipywidgets as widgets  # lazy: only a notebook shows widgets

    choices = _choices(sentences, mentions, keywords, frames)
    if not choices:
        return widgets.HTML("<p>Nothing to explore: no actors, terms or frames.</p>")
    dropdown = widgets.Dropdown(
        options=list(choices),
        description="Show",
        layout=widgets.Layout(width="max-content", min_width="24rem"),
        style={"description_width": "initial"},
    )
    view = widgets.HTML()

    def update(change=None) -> None:
        ids, words = choices[dropdown.value]
        view.value = STYLE + sentence_view(sentences, ids, words, dropdown.value)

    dropdown.observe(update, names="value")
    update()
    return widgets.VBox([dropdown, view])


def cue_sentences_html(
    scores: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    frames: Sequence[str] | None = None,
    min_score: int = 1,
) -> str:
    """An HTML table of the sentences that carry frames, with each cue marked.

    For the notebook (``IPython.display.HTML``) and the HTML report: one row per
    sentence with at least ``min_score`` cues of the chosen ``frames`` (all by
    default), the frames it carries, and its normalised text with the cues in
    ``<mark>``.
    """
    data = scores[scores["score"] >= min_score]
    if frames is not None:
        data = data[data["frame"].isin(list(frames))]
    if data.empty:
        return "<p>No sentence carries these frames.</p>"
    texts = sentences.set_index(["article_id", "sentence_id"])["text_norm"]
    rows = []
    for (article_id, sentence_id), group in data.groupby(["article_id", "sentence_id"], sort=False):
        cues = sorted({c for cs in group["cues"] for c in cs}, key=len, reverse=True)
        text = escape(str(texts.loc[(article_id, sentence_id)]))
        if cues:
            pattern = re.compile(r"\b(?:" + "|".join(re.escape(escape(c)) for c in cues) + r")\b")
            text = pattern.sub(lambda m: f"<mark>{m.group()}</mark>", text)
        labels = ", ".join(
            f"{lab} ({n})" for lab, n in zip(group["label"], group["score"], strict=True)
        )
        rows.append(
            f"<tr><td>{escape(str(sentence_id))}</td><td>{escape(labels)}</td><td>{text}</td></tr>"
        )
    return (
        '<table class="frame-cues"><thead><tr><th>sentence</th><th>frames (cues)</th><th>text</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )
