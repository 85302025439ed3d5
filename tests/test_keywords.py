"""Keywords, keyphrases, keyness and KWIC: counts and evidence match the text."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import Article, FramingError, sentences
from analysis.measures import (
    KEYNESS_COLUMNS,
    KEYPHRASE_COLUMNS,
    KEYWORD_COLUMNS,
    keyness,
    keyphrases,
    keywords,
    kwic,
)
from analysis.report.plots import plot_keyness, plot_keywords, plot_term_scatter
from analysis.text.tokens import load_stop_words, tokens

from .helpers import P


def table_of(text: str, article_id: str = "t") -> pd.DataFrame:
    return sentences(Article.from_text(text, article_id=article_id))


# ------------------------------------------------------------------ tokens
def test_tokens_keep_acronyms_and_hyphenated_names():
    assert tokens("The U.S.-led bloc and the U.S. met al-Assad's envoy in the US") == [
        "the", "u.s.-led", "bloc", "and", "the", "U.S.", "met", "al-assad", "envoy", "in", "the", "US",
    ]  # fmt: skip


def test_curly_possessives_are_stripped():
    assert tokens("Russia’s invasion") == ["russia", "invasion"]


# ------------------------------------------------------------------ keywords
def test_seed_keywords_lead_with_the_treaty_and_its_parties(seed_sentences):
    top = keywords(seed_sentences, top_n=8)
    assert list(top.columns) == KEYWORD_COLUMNS
    assert {"iran", "russia", "treaty"} <= set(top["term"])
    assert top["rank"].tolist() == list(range(1, 9))
    assert top.set_index("term").at["iran", "display"] == "Iran"


def test_keyword_counts_and_sentence_ids_match_the_text(seed_sentences):
    table = keywords(seed_sentences, top_n=15)
    body = seed_sentences[seed_sentences.role.isin(["headline", "standfirst", "body"])]
    for row in table.itertuples():
        hits = kwic(body, row.term)
        assert row.count == len(hits), row.term
        assert row.sentence_ids == sorted(set(hits["sentence_id"])), row.term
        assert row.n_sentences == len(row.sentence_ids)


def test_us_survives_tokenisation():
    table = table_of(
        "U.S. Envoy Visits\nThe U.S. envoy met officials. The U.S. said talks went well. Critics of the U.S. disagreed."
    )
    result = keywords(table, top_n=5).set_index("term")
    assert result.at["U.S.", "count"] == 4  # the headline counts too
    assert result.at["U.S.", "display"] == "U.S."


def test_title_case_does_not_leak_into_display_forms(seed_sentences):
    result = keywords(seed_sentences, top_n=None).set_index("term")
    assert result.at["security", "display"] == "security"
    assert result.at["partnership", "display"] == "partnership"


def test_ngrams_do_not_cross_punctuation():
    table = table_of("Trade, security and energy were discussed. Energy security matters.")
    terms = set(keywords(table, top_n=None, ngram_range=(2, 2))["term"])
    assert "energy security" in terms
    assert "trade security" not in terms


def test_units_and_corpus(seed_sentences):
    other = table_of(
        "Grain Deal Signed\nMinisters signed a grain deal. Grain prices fell sharply.",
        article_id="grain",
    )
    both = pd.concat([seed_sentences, other], ignore_index=True)
    result = keywords(both, unit="article", top_n=None).set_index("term")
    assert result.at["grain", "n_articles"] == 1
    assert result.at["grain", "sentence_ids"] == ["grain:0", "grain:1", "grain:2"]
    assert result.at["deal", "n_articles"] == 2
    para = keywords(seed_sentences, unit="paragraph", top_n=3)
    assert len(para) == 3


@pytest.mark.parametrize("text", ["The and of to it is.", "It was said that they would."])
def test_stop_word_only_text_gives_an_empty_table(text):
    result = keywords(table_of(text))
    assert result.empty and list(result.columns) == KEYWORD_COLUMNS


def test_empty_input():
    assert keywords(sentences([])).empty
    assert keyphrases(P(sentences([]))).empty
    assert keyness(sentences([])).empty
    assert kwic(sentences([]), "treaty").empty


def test_one_sentence_article():
    table = table_of("Farmers protested against new fuel taxes in Paris.")
    assert "farmers" in set(keywords(table)["term"])
    assert "fuel taxes" in set(keyphrases(P(table))["display"])


def test_user_stop_words(seed_sentences):
    result = keywords(seed_sentences, stop_words=[*load_stop_words(), "iran"], top_n=5)
    assert "iran" not in set(result["term"])


def test_bad_options(seed_sentences):
    with pytest.raises(ValueError, match="unit"):
        keywords(seed_sentences, unit="word")
    with pytest.raises(ValueError, match="ngram_range"):
        keywords(seed_sentences, ngram_range=(2, 1))
    with pytest.raises(ValueError, match="measure"):
        keyness(seed_sentences, measure="chi")


def test_deterministic(seed_article, seed_sentences):
    pd.testing.assert_frame_equal(keywords(seed_sentences), keywords(seed_sentences))
    pd.testing.assert_frame_equal(keyphrases(P(seed_sentences)), keyphrases(P(seed_sentences)))


# ------------------------------------------------------------------ keyphrases
def test_seed_keyphrases_read_like_a_summary(seed_article, seed_sentences):
    top = keyphrases(P(seed_sentences), top_n=12)  # as many as the report shows
    assert list(top.columns) == KEYPHRASE_COLUMNS
    phrases = set(top["phrase"])
    assert {"iran", "russia", "strategic partnership treaty"} <= phrases
    # the phrase is kept over its head word, and a longer run gives its last words
    assert "treaty" not in phrases and "comprehensive strategic partnership treaty" not in phrases
    assert "vladimir putin" in phrases and "putin" not in phrases  # one name, not two
    # nothing from the headings, nothing that crosses the headline/standfirst boundary
    for word in ("pact", "ramifications", "breakthrough pact"):
        assert word not in phrases
    texts = seed_sentences["text_norm"].str.lower().tolist()
    for display in top["display"]:
        assert any(display.lower() in t for t in texts), display


def test_keyphrase_evidence_is_in_the_named_sentences(seed_article, seed_sentences):
    top = keyphrases(P(seed_sentences), top_n=10)
    by_id = seed_sentences.set_index("sentence_id")["text_norm"].str.lower()
    for row in top.itertuples():
        assert row.first_sentence_id == min(row.sentence_ids)
        for sid in row.sentence_ids:  # a name's short form counts there: "Putin"
            assert row.phrase.split()[-1].lower() in by_id[sid]


def test_keyphrases_take_a_sentence_table_not_an_article(seed_article):
    with pytest.raises(FramingError, match="takes a sentence table"):
        keyphrases(P(seed_article))


def test_keyphrases_on_text_without_title():
    text = (
        "The city council approved a new congestion charge on Tuesday. The congestion charge will apply "
        "to cars entering the old town. Shop owners fear the congestion charge will keep customers away."
    )
    top = keyphrases(P(table_of(text)), top_n=3)
    assert top.iloc[0]["phrase"] == "congestion charge"
    assert top.iloc[0]["count"] == 3


# ------------------------------------------------------------------ keyness
TARGET = [
    "Tariffs on steel rose again. The tariffs hurt exporters.",
    "New tariffs were announced. Farmers fear the tariffs.",
]
REFERENCE = [
    "The festival drew large crowds. Music played all night.",
    "The festival ended with fireworks. Crowds cheered the music.",
]


@pytest.mark.parametrize("measure", ["g2", "logodds"])
def test_keyness_finds_planted_terms_with_the_right_sign(measure):
    result = keyness(TARGET, REFERENCE, measure=measure)
    assert list(result.columns) == KEYNESS_COLUMNS
    top, bottom = result.iloc[0], result.iloc[-1]
    assert top["term"] == "tariffs" and top["statistic"] > 0 and top["effect"] > 0
    assert top["count_target"] == 4 and top["count_reference"] == 0
    assert (
        bottom["term"] in {"festival", "crowds", "music"}
        and bottom["statistic"] < 0
        and bottom["effect"] < 0
    )
    if measure == "g2":
        assert 0 <= result["p_value"].min() < 0.05


def test_keyness_g2_matches_a_hand_computation():
    import math

    result = keyness(
        ["a b c d tariffs tariffs"], ["x y z w v u"], stop_words=[], min_count=1
    ).set_index("term")
    a, b, n_t, n_r = 2, 0, 6, 6
    e_a = n_t * (a + b) / (n_t + n_r)
    expected = 2 * a * math.log(a / e_a)
    assert result.at["tariffs", "statistic"] == pytest.approx(expected)
    assert result.at["tariffs", "effect"] == pytest.approx(math.log2((2 / 6) / (0.5 / 6)))


def test_single_article_keyness_against_general_english(seed_sentences):
    result = keyness(seed_sentences)
    top = set(result.head(12)["term"])
    assert {"treaty", "pezeshkian", "iran"} <= top
    assert not {"the", "and", "said"} & set(result["term"])


def test_keyness_between_two_articles(seed_sentences):
    grain = table_of(
        "Grain Deal Signed\nMinisters signed a grain deal. Grain prices fell as grain ships left.",
        article_id="g",
    )
    result = keyness(grain, seed_sentences, min_count=1)
    assert result.iloc[0]["term"] == "grain"
    assert result.iloc[-1]["term"] in {"iran", "russia", "treaty", "moscow"}


# ------------------------------------------------------------------ kwic
def test_kwic_offsets_point_into_the_article(seed_article, seed_sentences):
    hits = kwic(seed_sentences, "Western sanctions", window=3)
    assert len(hits) == 1
    hit = hits.iloc[0]
    assert seed_article.text[hit.char_start : hit.char_end] == "Western sanctions"
    assert hit.left == "the face of"
    assert hit.right == ""
    assert hit.section == 'A "Breakthrough" Pact'


def test_kwic_is_case_insensitive_and_handles_curly_possessives(seed_article, seed_sentences):
    hits = kwic(seed_sentences, "russia")
    assert len(hits) == 7  # the dateline "Moscow, Russia" is not part of a sentence
    assert set(hits["match"]) == {"Russia"}  # "Russia’s" matches as the word
    assert "’s invasion" in " ".join(hits["right"])
    for hit in hits.itertuples():
        assert seed_article.text[hit.char_start : hit.char_end] == hit.match


# ------------------------------------------------------------------ plots
def test_plots_return_their_axes(seed_article, seed_sentences):
    fig, axes = plt.subplots(1, 3)
    assert plot_keywords(keywords(seed_sentences, top_n=7), ax=axes[0]) is axes[0]
    assert len(axes[0].patches) == 7
    k = keyness(TARGET, REFERENCE)
    assert plot_keyness(k, ax=axes[1], labels=("trade", "culture")) is axes[1]
    assert {t.get_text() for t in axes[1].get_yticklabels()} >= {"tariffs", "festival"}
    assert plot_term_scatter(k, ax=axes[2]) is axes[2]
    labels = [t.get_text() for t in axes[2].texts]
    assert "tariffs" in labels and len(labels) == len(set(labels))


def test_scatter_labels_do_not_overlap(seed_sentences):
    fig, ax = plt.subplots(figsize=(5, 5))
    k = keyness(
        seed_sentences[seed_sentences.section_id <= 1],
        seed_sentences[seed_sentences.section_id > 1],
        min_count=1,
    )
    plot_term_scatter(k, ax=ax, n_labels=40)
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)


def test_plots_on_empty_tables():
    assert "No keywords" in plot_keywords(keywords(sentences([]))).get_title()
    assert "No keyness" in plot_keyness(keyness(sentences([]))).get_title()


# ------------------------------------------------- keyphrases from the parse (issue 16)
SPILL = (
    "Oil spill spreads along Alaska coast\n\n"
    "Thousands of gallons of crude oil poured into the sound on Saturday after the tanker ran "
    "aground, and the oil spill had spread over forty miles of coast by Sunday. "
    "Fishermen said the crude oil had coated their nets. "
    "Officials said cleaning up the oil spill could take months, and thousands of volunteers "
    "arrived on Saturday. The crude oil was still leaking from the tanker on Monday."
)


def test_keyphrases_put_the_topic_before_generic_words():
    top = keyphrases(P(table_of(SPILL)), top_n=5)
    phrases = list(top["phrase"])
    assert phrases[0] in ("oil spill", "crude oil")
    for generic in ("saturday", "thousand", "gallon", "mile", "month"):
        assert generic not in phrases


def test_redundancy_keeps_multi_word_phrases_over_their_words():
    phrases = set(keyphrases(P(table_of(SPILL)), top_n=10)["phrase"])
    assert {"oil spill", "crude oil"} <= phrases
    assert "spill" not in phrases  # the head word gives way to its phrase


def test_keyphrases_hold_no_verbs_and_no_words_from_another_phrase():
    text = (
        "Tory leader brands plan a disaster\n\n"
        "The Tory leader brands the airline plan a disaster. BA last year cut fuel costs, "
        "and British Airways said fuel costs would rise again. The Tory leader wants a "
        "fuel duty cut."
    )
    phrases = set(keyphrases(P(table_of(text)), top_n=10)["phrase"])
    assert "tory leader" in phrases
    assert not any("brand" in p for p in phrases)
    assert not any(p.startswith("ba ") for p in phrases)


def test_keyphrases_key_common_nouns_by_lemma():
    text = "Sanctions bite\n\nThe new sanction hit banks. More sanctions followed, and the sanctions hurt trade."
    top = keyphrases(P(table_of(text)), top_n=5).set_index("phrase")
    assert top.at["sanction", "count"] == 4  # headline, "sanction" and twice "sanctions"


def test_keyphrases_reuse_a_given_parse(seed_sentences):
    from analysis.nlp.parsing import parse

    pd.testing.assert_frame_equal(keyphrases(parse(seed_sentences)), keyphrases(P(seed_sentences)))
    with pytest.raises(FramingError, match="reads the parse"):
        keyphrases(seed_sentences)  # a measure takes the parse, and never makes one
    with pytest.raises(ValueError, match="scoring"):
        keyphrases(P(seed_sentences), scoring="max")


def test_a_name_held_together_by_small_words_is_one_keyphrase():
    text = (
        "Midwife shortage costs lives, report says\n\n"
        "More than a million newborn babies die each year because of a shortage of midwives, "
        "a report from Save the Children said on Friday. The Bank of England and the "
        "Ministry of Foreign Affairs were not asked. Save the Children wants more midwives."
    )
    found = keyphrases(P(sentences(Article.from_text(text))), top_n=15)
    phrases = set(found["phrase"])
    assert {"save the children", "bank of england", "ministry of foreign affairs"} <= phrases
    assert not {"save", "child", "children", "england", "foreign affair"} & phrases
    row = found[found["phrase"] == "save the children"].iloc[0]
    assert row["display"] == "Save the Children" and row["count"] == 2


def test_a_four_word_name_is_one_keyphrase_and_its_short_form_counts_there():
    text = (
        "Burma leader visits Washington\n\n"
        "The visit of Aung San Suu Kyi to the White House was a success. Suu Kyi asked for an end to economic sanctions. Obama said the "
        "sanctions would be lifted, and Suu Kyi thanked him."
    )
    found = keyphrases(P(table_of(text)), top_n=10)
    phrases = set(found["phrase"])
    assert "aung san suu kyi" in phrases
    assert not {"san suu kyi", "suu kyi"} & phrases
    assert found.set_index("phrase").at["aung san suu kyi", "count"] == 3
    mexico = (
        "Mexico elects a new president\n\n"
        "Mexican voters elected Andres Manuel Lopez Obrador on Sunday. Lopez Obrador "
        "promised to fight corruption. Supporters of Lopez Obrador danced in the streets."
    )
    assert "andres manuel lopez obrador" in set(keyphrases(P(table_of(mexico)))["phrase"])


def test_a_full_name_with_and_without_a_middle_initial_is_one_keyphrase():
    text = (
        "Sanders attacks developer's tax breaks\n\n"
        "Senator Bernie Sanders said Donald Trump used tax breaks. A 1990 profile praised "
        "Donald J. Trump for his comeback. Donald Trump did not answer questions about "
        "tax breaks."
    )
    found = keyphrases(P(table_of(text)), top_n=10)
    phrases = set(found["phrase"])
    assert "donald trump" in phrases and "donald j. trump" not in phrases
    assert found.set_index("phrase").at["donald trump", "count"] == 3


def test_an_abbreviated_title_is_no_keyphrase():
    text = (
        "Drought talks stall in Fresno\n\n"
        "Gov. Jerry Brown met Sen. Dianne Feinstein about the drought. Retired Gen. Mark "
        "Milley and Lt. Gov. Gavin Newsom backed the water plan. Rep. Kevin McCarthy said "
        "the water plan came too late for the drought."
    )
    phrases = set(keyphrases(P(table_of(text)), top_n=15)["phrase"])
    assert {"drought", "water plan"} <= phrases
    titles = {"gov", "gov.", "sen.", "gen.", "retired gen.", "lt", "rep."}
    assert not titles & phrases
    assert not any(p.split(" ")[-1] in titles for p in phrases)


def test_one_word_does_not_fill_the_keyphrase_list():
    text = (
        "Candidate questions NATO\n\n"
        "The candidate questioned NATO members over NATO bases in Poland. NATO members pay "
        "too little for NATO bases, he said, and NATO enlargement angered Moscow. NATO "
        "deliberations on Baltic defence stalled, and NATO fighter aircraft patrolled the "
        "region. Voters of Polish heritage in swing states heard the remarks, and Baltic "
        "defence ministers asked for talks with the candidate."
    )
    phrases = list(keyphrases(P(table_of(text)), top_n=8)["phrase"])
    with_nato = [p for p in phrases if "nato" in p.split(" ") and p != "nato"]
    assert len(with_nato) <= 2, phrases
    assert "baltic defence" in phrases or "swing state" in phrases, phrases


def test_a_keyphrase_starts_neither_with_a_month_nor_inside_a_name():
    text = (
        "Prosecutor resigns after arrest\n\n"
        "The high profile Las Vegas drugs prosecutor who was arrested last month has "
        "resigned. In February Schubert was seen buying cocaine, police said. The drugs "
        "prosecutor had handled cocaine cases for years, and Schubert denied the charge."
    )
    phrases = list(keyphrases(P(table_of(text)), top_n=10)["phrase"])
    assert not any(p.startswith(("february", "vegas")) for p in phrases), phrases
    assert "drug prosecutor" in phrases or "drugs prosecutor" in phrases, phrases
