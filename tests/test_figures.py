"""Figures that read on their own: no overlapping or clipped labels, a legend wherever
colour means something, small counts marked, one scale for panels compared, names
instead of codes, and one colour per category in every report."""

from __future__ import annotations

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import pandas as pd
import pytest
import yaml

from analysis import analyse
from analysis.measures.actors import cooccurrence
from analysis.measures.frames import frame_profile
from analysis.measures.topics import TopicModel
from analysis.paths import DATA_DIR, STYLE_FILE
from analysis.report.plots import (
    KIND_COLORS,
    SOURCE_COLORS,
    TONE_COLORS,
    plot_actor_tone,
    plot_cooccurrence,
    plot_frame_panels,
    plot_polarity_subjectivity,
    plot_structure,
    plot_topic_terms,
    plot_who_speaks,
)


@pytest.fixture(scope="module")
def seed(seed_article):
    return analyse(seed_article)


def _legend_labels(ax):
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


def test_network_labels_neither_overlap_nor_clip_and_read_on_any_node(seed):
    _, graph = cooccurrence(seed.mentions)
    with plt.style.context(STYLE_FILE):
        fig, ax = plt.subplots(figsize=(7, 6))
        plot_cooccurrence(graph, ax=ax)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        names = {n for edge in graph.edges for n in edge}  # actors with a link are drawn
        labels = [t for t in ax.texts if t.get_text() in names]
        drawn = {t.get_text() for t in labels}
        left_out = len(names - drawn)  # a label with no free place is left out, and counted
        assert drawn <= names and len(drawn) >= len(names) - 2
        assert (f"{left_out} label" in ax.get_title(loc="left")) == bool(left_out)
        top = max(names, key=lambda n: graph.nodes[n].get("mentions", 1))
        assert top in drawn  # the most mentioned actors are labelled first
        boxes = [t.get_window_extent(renderer) for t in labels]
        frame = ax.get_window_extent(renderer)
        overlaps = [
            (labels[i].get_text(), labels[j].get_text())
            for i in range(len(boxes))
            for j in range(i + 1, len(boxes))
            if boxes[i].overlaps(boxes[j])
        ]
        assert overlaps == []
        outside = [
            t.get_text()
            for t, b in zip(labels, boxes, strict=True)
            if b.x0 < frame.x0 - 1
            or b.x1 > frame.x1 + 1
            or b.y0 < frame.y0 - 1
            or b.y1 > frame.y1 + 1
        ]
        assert outside == []
        fig2, ax2 = plt.subplots(figsize=(7, 6))
        plot_cooccurrence(graph, ax=ax2)
        again = [t.get_position() for t in ax2.texts if t.get_text() in names]
        assert again == [t.get_position() for t in labels]  # the same figure every run
        for t in labels:  # dark text on a light box, whatever the node's colour
            assert t.get_bbox_patch() is not None
            assert mcolors.to_rgb(t.get_bbox_patch().get_facecolor()) == (1.0, 1.0, 1.0)


def test_actor_tone_has_a_legend_and_marks_single_mentions(seed):
    per_actor = seed.actor_tone
    assert (per_actor["n"] == 1).any()
    fig, ax = plt.subplots()
    plot_actor_tone(per_actor, ax=ax)
    labels = _legend_labels(ax)
    assert {"negative", "neutral", "positive"} <= set(labels)
    assert any("fewer than 2 mentions" in label for label in labels)
    hatched = [p for p in ax.patches if p.get_hatch()]
    solid = [p for p in ax.patches if not p.get_hatch() and p.get_facecolor()[3] > 0]
    shown = per_actor.sort_values(["n", "actor"], ascending=[False, True]).head(12)
    assert len(hatched) == int((shown["n"] < 2).sum())  # one outlined bar per single mention
    assert len(solid) == int((shown["n"] >= 2).sum())
    assert all(p.get_facecolor()[3] == 0 for p in hatched)  # not drawn as full bars


def test_tone_scatter_says_what_its_colours_are(seed):
    fig, ax = plt.subplots()
    plot_polarity_subjectivity(seed.tone, ax=ax)
    legend = ax.get_legend()
    assert legend is not None and legend.get_title().get_text() == "VADER tone"
    assert set(_legend_labels(ax)) == set(seed.tone["tone"])


def test_frame_panels_share_one_scale_under_one_title(seed):
    fig, axes = plt.subplots(1, 2)
    policy, generic = frame_profile(seed.policy_frames), frame_profile(seed.generic_frames)
    plot_frame_panels({"policy frames": policy, "generic news frames": generic}, axes=axes)
    assert axes[0].get_xlim() == axes[1].get_xlim()
    assert "same scale" in fig.get_suptitle()
    assert [a.get_title() for a in axes] == ["policy frames", "generic news frames"]
    with pytest.raises(ValueError, match="2 panels need 2 axes"):
        plot_frame_panels({"a": policy, "b": generic}, axes=[axes[0]])


def test_topics_are_named_by_their_words_not_codes(seed):
    model = TopicModel(2).fit(seed.parse)
    fig, ax = plt.subplots()
    plot_topic_terms(model.topic_terms_, ax=ax)
    texts = [t.get_text().replace("\n", " ") for t in ax.texts]
    assert not [t for t in texts if t.startswith("T") and t[1:].isdigit()]
    for label in model.labels_.values():
        assert any(label[:10] in t for t in texts), label


def test_section_headings_are_wrapped_not_cut(seed):
    fig, ax = plt.subplots(figsize=(9, 3.6))
    plot_structure(seed.sentences, ax=ax)
    texts = [" ".join(t.get_text().split()) for t in ax.texts]
    assert "Growing Military and Economic Ties" in texts
    assert not any(t.endswith("…") for t in texts)


def test_one_colour_per_category_in_every_report():
    data = yaml.safe_load((DATA_DIR / "colours.yaml").read_text(encoding="utf-8"))
    assert KIND_COLORS == data["kinds"] and SOURCE_COLORS == data["sources"]
    assert TONE_COLORS == data["tones"]

    def bar_colours(quotes):
        fig, ax = plt.subplots()
        plot_who_speaks(quotes, ax=ax)
        names = [t.get_text().rsplit(" (", 1)[0] for t in ax.get_yticklabels()]
        colours = [mcolors.to_hex(p.get_facecolor()).upper() for p in ax.patches]
        return dict(zip(names, colours, strict=True))

    def quote(actor, kind, n):
        return {"actor": actor, "source_type": kind, "n_words": n, "act": "statement"}

    first = bar_colours(
        pd.DataFrame([quote("A", "unnamed source", 9), quote("B", "named official", 3)])
    )
    second = bar_colours(
        pd.DataFrame([quote("C", "named official", 9), quote("D", "unnamed source", 3)])
    )
    assert first["A"] == second["D"] == data["sources"]["unnamed source"].upper()
    assert first["B"] == second["C"] == data["sources"]["named official"].upper()


# ------------------------------------------------- every figure of the report (issue 36)
@pytest.fixture(scope="module")
def short_result():
    from analysis import Article

    return analyse(
        Article.from_text(
            "Grain Deal Signed in Geneva\n\nMinisters from Kenya and Egypt signed a grain deal "
            'on Monday. "It is a fair deal," the Kenyan minister, Jane Wanjiru, said. Prices '
            "fell sharply, traders said, and analysts suggest shortages may ease."
        )
    )


def _specs():
    from analysis.report.figures import ARTICLE_FIGURES

    return ARTICLE_FIGURES


@pytest.mark.parametrize("spec", _specs(), ids=lambda s: s.name)
@pytest.mark.parametrize("which", ["seed", "short"])
def test_report_figures_have_no_overlap_no_small_text_no_legend_over_data(
    spec, which, seed, short_result
):
    from analysis.report.figures import WIDTH, figure_height
    from analysis.report.plots.base import new_figure

    from .figure_checks import legends_over_data, overlapping_texts, small_texts

    result = seed if which == "seed" else short_result
    with plt.style.context(STYLE_FILE):
        fig, ax = new_figure(WIDTH, figure_height(spec, result))
        spec.draw(result, ax)
        assert overlapping_texts(fig) == []
        assert small_texts(fig) == []
        assert legends_over_data(fig) == []
