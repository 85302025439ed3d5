"""What the notebooks call: the article (or articles) they read, from one settings file;
its analysis, read from a saved report when there is one and analysed otherwise; its
figures and findings, the same as the report's; and interactive controls to explore.

The settings file is ``notebooks/articles.yaml``::

    article: ../seeds/russia-iran-treaty.txt      # the article every notebook reads
    compare:                                      # the articles 07-compare compares
      - ../seeds/russia-iran-treaty.txt
      - ../analysis/data/examples/synthetic-treaty-commentary.md
    reports: ../figures                           # where saved reports are looked for

Paths are relative to the settings file; a URL works too. A notebook's ``ARTICLE``
parameter, when set, wins over the file.
"""

from __future__ import annotations

import io
from pathlib import Path

import ipywidgets as widgets
import yaml
from IPython.display import HTML, Markdown, display
from matplotlib import style

from ..errors import FramingError
from ..io import outdir
from ..io.loaders import load_article
from ..lexicons import trust
from ..measures.kwic import kwic
from ..paths import DATA_DIR, NOTEBOOKS_DIR, SEED_ARTICLE, STYLE_FILE
from ..pipeline.article import ArticleAnalysis, analyse
from ..text.markup import escape
from .document import markdown_html, statements_html, table_html
from .explore import STYLE, sentence_view
from .figures import ARTICLE_FIGURES, WIDTH, figure_height, inline_svg
from .plots.base import fitted_figure
from .writer import corrections_for

__all__ = [
    "SETTINGS",
    "settings",
    "open_article",
    "open_articles",
    "show_figure",
    "show_findings",
    "show_trust",
    "term_explorer",
    "actor_explorer",
    "frame_explorer",
    "note_warnings",
    "md",
    "validation_examples",
    "EXAMPLES_DIR",
]

#: Two coders' filled sheets and a corrections file for the seed, written by hand.
EXAMPLES_DIR = SEED_ARTICLE.parent / "coding"


#: The one place where the notebooks' article is set.
SETTINGS = NOTEBOOKS_DIR / "articles.yaml"


def settings(path: str | Path | None = None) -> dict:
    """The notebooks' settings (:data:`SETTINGS`), paths resolved; defaults when the
    file is missing: the seed article, compared with the package's example."""
    path = Path(path) if path is not None else SETTINGS
    data = {}
    if path.is_file():
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise FramingError(f"{path}: not valid YAML ({exc}); fix it or remove it.") from None
        if not isinstance(data, dict):
            raise FramingError(f"{path}: expected 'article', 'compare' and 'reports' keys.")

    def where(value):
        if value is None:
            return None
        text = str(value)
        if "://" in text:
            return text
        return (path.parent / text).resolve()

    compare = data.get("compare") or [
        SEED_ARTICLE,
        DATA_DIR / "examples" / "synthetic-treaty-commentary.md",
    ]
    return {
        "article": where(data.get("article")) or SEED_ARTICLE,
        "compare": [where(c) for c in compare],
        "reports": where(data.get("reports")) or NOTEBOOKS_DIR.parent / "figures",
    }


def _saved(article, reports: Path) -> ArticleAnalysis | None:
    """The saved analysis of this very article in ``reports``, if there is one."""
    key = outdir.source_key(article.source, article.text)
    if not Path(reports).is_dir():
        return None
    for folder in sorted(Path(reports).iterdir()):
        marker = outdir.read_marker(folder)
        if marker and marker.get("kind") == "article" and marker.get("source") == key:
            try:
                saved = ArticleAnalysis.load(folder, article)
            except FramingError:
                return None
            return saved if saved.article.text == article.text else None
    return None


def open_article(source=None, *, reports=None, quiet: bool = False) -> ArticleAnalysis:
    """The analysis of ``source`` (default: the settings' article): read from its saved
    report when ``framing report`` wrote one for this very text with the same
    corrections by hand, else analysed now (with the ``<name>.corrections.yaml`` beside
    the article, as ``framing report`` applies it)."""
    conf = settings()
    source = source or conf["article"]
    article = load_article(source)
    fixes = corrections_for(source)
    saved = _saved(article, reports or conf["reports"])
    if saved is not None and _same_corrections(saved, fixes, article):
        if not quiet:
            display(Markdown("*Read from the saved report of this article.*"))
        return saved
    return analyse(article, corrections=fixes)


def _same_corrections(saved: ArticleAnalysis, fixes, article) -> bool:
    """Whether a saved report applied the corrections file as it now reads."""
    wanted = [] if fixes is None else fixes.for_article(article.article_id)
    done = saved.corrections_applied
    return [(c.line, c.action) for c in wanted] == list(
        zip(done["line"].astype(int), done["action"], strict=True)
    )


def open_articles(sources=None, *, reports=None) -> list[ArticleAnalysis]:
    """The analyses of several articles (default: the settings' ``compare`` list)."""
    return [
        open_article(s, reports=reports, quiet=True) for s in (sources or settings()["compare"])
    ]


def show_figure(result: ArticleAnalysis, name: str) -> HTML:
    """One of the report's figures (:data:`analysis.report.figures.ARTICLE_FIGURES`),
    drawn for this analysis exactly as the report draws it."""
    specs = {s.name: s for s in ARTICLE_FIGURES}
    if name not in specs:
        raise FramingError(f"no figure {name!r}; the figures are {', '.join(specs)}.")
    spec = specs[name]
    with style.context(STYLE_FILE):
        fig = fitted_figure(lambda ax: spec.draw(result, ax), WIDTH, figure_height(spec, result))
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", bbox_inches="tight")
    return HTML(inline_svg(buffer.getvalue(), spec.alt))


def show_findings(result: ArticleAnalysis, section: str) -> HTML:
    """What the report states in a section (``"tone"``, ``"frames"`` ...)."""
    return HTML(statements_html(result.findings.get(section, [])))


def show_trust(*keys: str) -> Markdown:
    return Markdown(trust(*keys))


# ---------------------------------------------------------------------- exploring
def _widgets():
    return widgets


def _pick(options, description: str):
    widgets = _widgets()
    return widgets.Dropdown(
        options=list(options),
        description=description,
        layout=widgets.Layout(width="max-content", min_width="22rem"),
        style={"description_width": "initial"},
    )


def term_explorer(result: ArticleAnalysis, term: str | None = None):
    """Type any word or phrase and read it in context (keyword in context)."""
    widgets = _widgets()
    first = term or (result.keyphrases["display"].iloc[0] if len(result.keyphrases) else "")
    box = widgets.Text(
        value=first,
        description="Term",
        placeholder="a word or phrase",
        style={"description_width": "initial"},
    )
    view = widgets.HTML()

    def update(change=None) -> None:
        hits = (
            kwic(result.sentences, box.value) if box.value.strip() else kwic(result.sentences, "")
        )
        caption = f"{len(hits)} occurrence{'s' if len(hits) != 1 else ''} of {box.value!r}"
        view.value = table_html(
            hits,
            ["sentence_id", "section", "left", "match", "right"],
            names={"sentence_id": "sentence"},
            caption=caption,
            max_rows=50,
        )

    box.observe(update, names="value")
    update()
    return widgets.VBox([box, view])


def actor_explorer(result: ArticleAnalysis):
    """Pick an actor: its mentions, what it says, and the tone toward it."""
    widgets = _widgets()
    actors = result.actors["actor"].tolist()
    if not actors:
        return widgets.HTML("<p>No actors found.</p>")
    dropdown = _pick(actors, "Actor")
    view = widgets.HTML()

    def update(change=None) -> None:
        actor = dropdown.value
        mentions = result.mentions[result.mentions["actor"] == actor]
        said = result.quotes[result.quotes["actor"] == actor]
        words = mentions.groupby("sentence_id")["surface"].agg(list).to_dict()
        parts = [
            STYLE,
            sentence_view(result.sentences, sorted(words), words, f"{actor}: every mention"),
            table_html(
                said,
                ["sentence_id", "verb", "act", "kind", "content"],
                names={"sentence_id": "sentence", "verb": "cue", "content": "words attributed"},
                caption=f"What {actor} says, believes, wants or shows",
            ),
        ]
        view.value = "".join(parts)

    dropdown.observe(update, names="value")
    update()
    return widgets.VBox([dropdown, view])


def frame_explorer(result: ArticleAnalysis):
    """Pick a frame: the sentences that carry it, its cues marked."""
    widgets = _widgets()
    scores = result.policy_frames
    used = scores[scores["score"] > 0]
    labels = list(dict.fromkeys(used.sort_values("score", ascending=False)["label"]))
    if not labels:
        return widgets.HTML("<p>No frame cue in this article.</p>")
    dropdown = _pick(labels, "Frame")
    view = widgets.HTML()

    def update(change=None) -> None:
        rows = used[used["label"] == dropdown.value]
        words = (
            rows.groupby("sentence_id")["cues"].agg(lambda s: [c for cs in s for c in cs]).to_dict()
        )
        view.value = STYLE + sentence_view(result.sentences, sorted(words), words, dropdown.value)

    dropdown.observe(update, names="value")
    update()
    return widgets.VBox([dropdown, view])


def note_warnings(caught) -> None:
    """Show warnings caught while analysing as notes."""
    for w in caught:
        display(Markdown(f"*Note: {escape(str(w.message))}*"))


def md(text: str) -> HTML:
    """Markdown written by the package, as HTML."""
    return HTML(markdown_html(text))


def validation_examples(result: ArticleAnalysis) -> dict:
    """The example filled coding sheets and corrections file (``seeds/coding/``) when
    ``result`` is the seed article, written by hand for it; for any other article
    none (its sheets must be coded first)."""
    if Path(str(result.article.source or "")).name != SEED_ARTICLE.name:
        return {"coders": [], "corrections": None}
    return {
        "coders": sorted(EXAMPLES_DIR.glob("coder-*.csv")),
        "corrections": EXAMPLES_DIR / "corrections-example.yaml",
    }
