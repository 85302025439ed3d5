"""Economic language read as movements (issue 16): the news-domain tone adjustment.

Sentences written for this project."""

from __future__ import annotations

import pytest

from analysis import Article, sentences
from analysis.errors import FramingError
from analysis.measures.economy import economic_events, load_terms, news_compound
from analysis.measures.tone import sentence_sentiment, vader
from analysis.nlp.parsing import parse

from .helpers import P


def scored(*lines: str):
    article = Article.from_text("Market Report\n\n" + "\n\n".join(lines) + "\n", article_id="m")
    table = sentences(article)
    parsed = parse(table)
    body = table[table["role"] == "body"]
    scores = sentence_sentiment(parsed.subset(body))
    events = economic_events(parsed.subset(body))
    return scores.set_index("text"), events


@pytest.mark.parametrize(
    "sentence, tone",
    [
        ("High fuel prices hit the airline's profits.", "negative"),
        ("Profits fell sharply.", "negative"),
        ("Unemployment fell to its lowest level in a decade.", "positive"),
        ("Sales rose 5% in March.", "positive"),
        ("The company cut 500 jobs.", "negative"),
        ("It was a blow to profits.", "negative"),
        ("Inflation is rising.", "negative"),
        # fortune: how things went for whatever follows (VADER has no "blow" or "setback")
        ("The ruling is a major blow to the government's policy.", "negative"),
        ("The vote was a setback for the prime minister.", "negative"),
        ("Critics called it a blow to press freedom.", "negative"),  # not +0.46 from "freedom"
        ("The result dealt a severe blow to his hopes of re-election.", "negative"),
        ("The new route is a boon for exporters.", "positive"),
        ("It was no victory for the rebels.", "negative"),
        ("The weak pound gave a boost to prices.", "negative"),  # prices are better down
    ],
)
def test_the_movement_not_the_word_sets_the_tone(sentence, tone):
    scores, _ = scored(sentence)
    row = scores.loc[sentence]
    assert row.tone == tone, (row.vader_compound, row.news_compound, row.news_evidence)
    # VADER's own number is kept as it is
    assert row.vader_compound == vader().polarity_scores(sentence)["compound"]


def test_events_say_which_words_and_which_way():
    scores, events = scored(
        "Profits hit a record high last year.",
        "Sales did not fall.",
        "Rising prices worried shoppers.",
    )
    by_text = events.set_index("text")
    assert by_text.loc["Profits hit", ["pattern", "direction", "polarity"]].tolist() == [
        "reached",
        "up",
        1,
    ]
    assert (
        by_text.loc["Sales did not fall", "negated"]
        and by_text.loc["Sales did not fall", "polarity"] == 1
    )
    assert by_text.loc["Rising prices", ["good_when", "polarity"]].tolist() == ["down", -1]
    # each event's words point at the text
    article_text = (
        "Market Report\n\nProfits hit a record high last year.\n\nSales did not fall.\n\n"
    )
    first = events.iloc[0]
    assert article_text[first.char_start : first.char_end] == first.text


def test_words_that_are_not_economic_news_change_nothing():
    sentence = "He cut the ribbon at the opening ceremony."
    scores, events = scored(sentence, "The minister praised a strong and lasting friendship.")
    assert events.empty
    assert (scores["news_compound"] == scores["vader_compound"]).all()
    assert scores.loc[sentence].news_evidence == []


def test_without_the_economic_reading_no_parse_is_needed():
    article = Article.from_text("Report\n\nProfits fell sharply.\n", article_id="x")
    table = sentences(article)
    scores = sentence_sentiment(P(table), economics=False, names=False)
    assert (scores["news_compound"] == scores["vader_compound"]).all()


def test_news_compound_is_vader_without_events():
    text = "A terrible, awful day for the talks."
    assert news_compound(text, []) == vader().polarity_scores(text)["compound"]
    # the shared VADER lexicon is not changed by scoring with events
    before = dict(vader().lexicon)
    news_compound("Profits fell.", [("Profits", "fell", -1)])
    assert vader().lexicon == before


def test_a_terms_file_with_an_unknown_kind_says_what_is_allowed(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("lemma,kind,value\nprofit,gauge,up\n", encoding="utf-8")
    with pytest.raises(FramingError, match="class must be one of"):  # "kind" read as class
        load_terms(str(path))


def test_alone_or_in_the_pipeline_the_reading_is_the_same():
    text = (
        "Markets\n\n"
        "Several economies shrank in the spring. Salaries rose, but bankruptcies climbed.\n\n"
        "The minister opened a bridge. Unemployment fell to a record low.\n"
    )
    table = sentences(Article.from_text(text, article_id="e"))
    alone = sentence_sentiment(P(table))
    shared = sentence_sentiment(parse(table))
    assert alone["news_compound"].tolist() == shared["news_compound"].tolist()
    assert alone["news_evidence"].map(len).sum() >= 4


def test_the_marked_article_shows_each_movement_where_it_was_read():
    from analysis import analyse
    from analysis.report.explore import highlight_article

    article = Article.from_text("Airline Woes\n\nSales rose 5% in March.\n", article_id="a")
    result = analyse(article)
    html = highlight_article(article, result.sentences, events=result.economic_events)
    assert '<span class="fr-econ">Sales rose</span> 5% in March.' in html


def test_a_fortune_noun_needs_someone_it_befalls():
    scores, events = scored(
        "The champion struck the decisive blow in the third round.",
        "The ruling is a major blow to the government's policy.",
    )
    # no "to"/"for": VADER's reading stands
    row = scores.loc["The champion struck the decisive blow in the third round."]
    assert row.news_compound == row.vader_compound and row.news_evidence == []
    (event,) = events.itertuples()
    assert (event.pattern, event.indicator, event.trigger, event.polarity) == (
        "fortune",
        "policy",
        "blow",
        -1,
    )
    assert event.text == "blow to the government's policy"
