"""Topics: reproducible, separating planted vocabularies, sensible on tiny inputs."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import Article, FramingError, sentences
from analysis.measures.topics import TOPIC_TERM_COLUMNS, FewUnitsWarning, TopicModel
from analysis.report.plots import (
    plot_document_topics,
    plot_topic_prevalence,
    plot_topic_share,
    plot_topic_terms,
)
from tests.helpers import P

FOOTBALL = ["goal", "striker", "league", "coach", "penalty", "stadium", "match", "defender"]
BUDGET = ["tax", "deficit", "budget", "treasury", "spending", "inflation", "bonds", "revenue"]


def planted_corpus(n: int = 30) -> pd.DataFrame:
    rows = []
    for i in range(n):
        words = FOOTBALL if i % 2 == 0 else BUDGET
        picked = [words[(i + j) % len(words)] for j in range(6)]
        rows.append(
            {
                "article_id": f"a{i:02d}",
                "text": f"Report {i}. " + " ".join(f"The {w} was discussed again." for w in picked),
            }
        )
    return pd.DataFrame(rows)


def test_two_fits_with_the_same_random_state_are_identical(seed_sentences):
    first = TopicModel(random_state=3).fit(P(seed_sentences))
    second = TopicModel(random_state=3).fit(P(seed_sentences))
    pd.testing.assert_frame_equal(first.topic_terms_, second.topic_terms_)
    pd.testing.assert_frame_equal(first.document_topics_, second.document_topics_)


def test_planted_vocabularies_are_separated():
    corpus = planted_corpus()
    model = TopicModel(2, unit="article").fit(corpus)
    dominant = model.dominant_topics()
    football = set(dominant.loc[dominant.article_id.isin(corpus.article_id[::2]), "topic"])
    budget = set(dominant.loc[dominant.article_id.isin(corpus.article_id[1::2]), "topic"])
    assert len(football) == 1 and len(budget) == 1 and football != budget
    t = football.pop()
    top = set(
        model.topic_terms_[(model.topic_terms_.topic == t) & (model.topic_terms_["rank"] <= 5)][
            "term"
        ]
    )
    assert top <= set(FOOTBALL)
    lda = TopicModel(2, method="lda", unit="article").fit(corpus).dominant_topics()
    assert lda.groupby(lda.article_id.str[1:].astype(int) % 2)["topic"].nunique().tolist() == [1, 1]


def test_seed_gives_two_to_four_interpretable_topics(seed_sentences):
    model = TopicModel().fit(P(seed_sentences))
    assert 2 <= model.n_topics_ <= 4
    assert list(model.topic_terms_.columns) == TOPIC_TERM_COLUMNS
    assert model.selection_["k"].min() == 2
    top_terms = set(model.topic_terms_[model.topic_terms_["rank"] <= 4]["term"])
    assert top_terms & {"treaty", "partnership", "strategic"}
    assert top_terms & {"military", "deal", "ukraine", "iran", "russia", "cooperation", "trade"}
    weights = model.document_topics_.groupby("sentence_id")["weight"].sum()
    assert ((weights - 1).abs() < 1e-9).all()
    assert set(model.labels_) == set(range(model.n_topics_))


def test_paragraph_units_and_positions(seed_sentences):
    model = TopicModel(unit="paragraph").fit(P(seed_sentences))
    positions = model.document_topics_.drop_duplicates("paragraph_id")["position"]
    assert positions.iloc[0] == 0 and positions.iloc[-1] == 1


def test_one_sentence_and_empty_inputs():
    one = sentences(
        Article.from_text("Farmers protested against new fuel taxes in Paris on Monday.")
    )
    with pytest.warns(FewUnitsWarning, match="one topic"):
        model = TopicModel().fit(P(one))
    assert model.n_topics_ == 1
    with pytest.warns(FewUnitsWarning):
        assert TopicModel(5).fit(P(one)).n_topics_ == 1
    with pytest.raises(FramingError, match="no text"):
        TopicModel().fit(P(sentences([])))
    with pytest.raises(FramingError, match="no terms"):
        TopicModel(lemmatize=False).fit(["the and of", "it is"])


def test_transform_new_documents():
    model = TopicModel(2, unit="article").fit(planted_corpus())
    new = model.transform(
        ["The striker scored a penalty in the league match.", "Tax revenue and the deficit grew."]
    )
    best = (
        new.sort_values("weight", ascending=False)
        .drop_duplicates("article_id")
        .sort_values("article_id")
    )
    assert best["topic"].nunique() == 2


def test_bad_options(seed_sentences):
    with pytest.raises(ValueError, match="method"):
        TopicModel(method="svd").fit(P(seed_sentences))
    with pytest.raises(ValueError, match="n_topics"):
        TopicModel(0).fit(P(seed_sentences))
    with pytest.raises(FramingError, match="parse"):
        TopicModel(unit="sentence").fit(planted_corpus())


def test_topic_plots(seed_sentences):
    model = TopicModel().fit(P(seed_sentences))
    fig, axes = plt.subplots(2, 2)
    assert plot_topic_terms(model.topic_terms_, ax=axes[0, 0], n_terms=4) is axes[0, 0]
    assert len(axes[0, 0].patches) == 4 * model.n_topics_
    assert (
        plot_topic_prevalence(model.document_topics_, ax=axes[0, 1], labels=model.labels_)
        is axes[0, 1]
    )
    corpus = TopicModel(2, unit="article").fit(planted_corpus())
    assert plot_document_topics(corpus.document_topics_, ax=axes[1, 0]) is axes[1, 0]
    groups = {a: ("even" if int(a[1:]) % 2 == 0 else "odd") for a in planted_corpus().article_id}
    assert plot_topic_share(corpus.document_topics_, groups, ax=axes[1, 1]) is axes[1, 1]
    assert len(axes[1, 1].patches) == 4


def test_unfitted_topic_model_raises_not_fitted_error():
    from sklearn.exceptions import NotFittedError

    from analysis import FramingError

    for use in (lambda m: m.transform(["a text"]), lambda m: m.dominant_topics()):
        with pytest.raises(NotFittedError, match="not fitted"):
            use(TopicModel(2))
        with pytest.raises(FramingError):
            use(TopicModel(2))


def test_topic_model_follows_scikit_learns_api_checks():
    """Numeric check_estimator checks do not apply (the model reads texts; its tags say
    so and check_estimator skips it); the data-free API checks run here."""
    from sklearn.utils import estimator_checks as checks

    for check in (
        checks.check_no_attributes_set_in_init,
        checks.check_estimator_cloneable,
        checks.check_estimator_repr,
        checks.check_get_params_invariance,
        checks.check_set_params,
        checks.check_do_not_raise_errors_in_init_or_set_params,
        checks.check_valid_tag_types,
        checks.check_mixin_order,
    ):
        check("TopicModel", TopicModel(2))


def test_examples_are_each_topics_strongest_units(seed_sentences):
    model = TopicModel(2, unit="sentence").fit(P(seed_sentences))
    examples = model.examples(seed_sentences, per_topic=2)
    assert set(examples["topic"]) == {0, 1}
    assert examples.groupby("topic").size().max() <= 2
    texts = seed_sentences.set_index("sentence_id")["text"]
    for row in examples.itertuples():
        assert row.text == texts[row.sentence_id]


def test_terms_of_one_article_are_lemmas():
    text = (
        "Bloggers and blogs\n\n"
        "Blogs changed how news spreads. A blog can reach millions. Many bloggers write daily. "
        "One blogger wrote about elections. Elections were held in May. The election surprised "
        "many voters. Voters said the vote was fair. A voter complained about long queues. "
        "Queues formed early. The queue grew all day."
    )
    table = sentences(Article.from_text(text, article_id="blogs"))
    model = TopicModel(n_topics=2, unit="sentence").fit(P(table))
    terms = set(model.terms_)
    assert {"blog", "election", "voter", "queue"} <= terms
    assert not {"blogs", "elections", "voters", "queues"} & terms
    raw = TopicModel(n_topics=2, unit="sentence", lemmatize=False).fit(table)
    assert {"blogs", "elections"} <= set(raw.terms_)


def test_article_units_count_a_plural_with_its_singular_but_keep_names_and_news():
    sport = "Evans and the Dodgers won. Evan Ross cheered the news. "
    food = "Calories matter. Each calorie on the menu counts. Restaurants list calories. "
    corpus = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(8)],
            "text": [
                (sport if i % 2 else food) + f"A restaurant and a Dodger fan spoke. Story {i}."
                for i in range(8)
            ],
        }
    )
    model = TopicModel(2, unit="article", max_df=1.0).fit(corpus)
    terms = set(model.terms_)
    assert {"calorie", "restaurant"} <= terms and not {"calories", "restaurants"} & terms
    # names written only with a capital keep their s, and "news" is no plural of "new"
    assert {"evans", "dodgers", "news"} <= terms
    # new articles are counted with the same folding
    new = model.transform(["Calories and calories again."])
    fitted = model.document_topics_
    best_new = new.sort_values("weight").iloc[-1]["topic"]
    food_topic = model.dominant_topics().set_index("article_id").loc["a0", "topic"]
    assert best_new == food_topic and len(fitted) == 16
    raw = TopicModel(2, unit="article", max_df=1.0, lemmatize=False).fit(corpus)
    assert {"calories", "calorie"} <= set(raw.terms_)
