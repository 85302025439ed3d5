"""Tone toward actors: each actor its own tone, negation, speakers, empty input."""

from __future__ import annotations

import pytest

from analysis import Article, sentences
from analysis.measures import quotes
from analysis.measures.actors import actor_mentions
from analysis.measures.target_tone import ACTOR_SENTIMENT_COLUMNS, actor_sentiment, actor_tone

from .helpers import P

PLANTED = "Strike Talks\nThe corrupt and incompetent minister Olaf Berg failed badly, while the brilliant and widely admired envoy Sara Lind succeeded."


def table_of(text: str):
    return sentences(Article.from_text(text, article_id="t"))


@pytest.mark.parametrize("method", ["model", "lexicon"])
def test_planted_phrases_give_each_actor_its_own_tone(method):
    table = table_of(PLANTED)
    scores = actor_sentiment(P(table), actor_mentions(P(table)), method=method).set_index("actor")
    assert scores.at["Olaf Berg", "label"] == "negative"
    assert scores.at["Sara Lind", "label"] == "positive"
    berg_words = [w for w, *_ in scores.at["Olaf Berg", "evidence"]]
    assert "incompetent" in berg_words and "brilliant" not in berg_words[:2]


def test_negation_flips_the_lexicon():
    table = table_of("Peace Talks\nThe envoy Sara Lind was not helpful at all.")
    scores = actor_sentiment(P(table), actor_mentions(P(table)), method="lexicon")
    assert scores["score"].iloc[0] < 0


def test_speaker_words_weigh_less(seed_sentences):
    mentions = actor_mentions(P(seed_sentences))
    with_speech = actor_sentiment(
        P(seed_sentences), mentions, quotes=quotes(P(seed_sentences), mentions), method="lexicon"
    )
    without = actor_sentiment(P(seed_sentences), mentions, method="lexicon")
    putin = (with_speech.actor == "Vladimir Putin") & (with_speech.sentence_id == 5)
    assert with_speech.loc[putin, "is_speaker"].all()
    assert abs(with_speech.loc[putin, "score"].iloc[0]) < abs(without.loc[putin, "score"].iloc[0])


def test_seed_actor_tone(seed_sentences):
    mentions = actor_mentions(P(seed_sentences))
    scores = actor_sentiment(
        P(seed_sentences), mentions, quotes=quotes(P(seed_sentences), mentions)
    )
    assert list(scores.columns) == ACTOR_SENTIMENT_COLUMNS
    tone = actor_tone(scores).set_index("actor")
    assert tone.at["Masoud Pezeshkian", "mean"] > 0 and tone.at["Vladimir Putin", "mean"] > 0
    assert tone.at["Donald Trump", "n"] == 3
    assert tone.at["Bashar al-Assad", "mean"] < 0 and tone.at["Hezbollah", "mean"] < 0
    row = tone.loc["Russia"]
    assert row.ci_low <= row["mean"] <= row.ci_high


def test_actor_sentiment_on_empty_input():
    table = table_of("The weather was mild.")
    assert actor_sentiment(P(table), actor_mentions(P(table))).empty
    assert actor_tone(actor_sentiment(P(table), actor_mentions(P(table)))).empty


def test_a_denial_by_an_actor_is_not_negativity_toward_them():
    """'Straw denied there was a crisis': the denial and the crisis are what he says,
    not how the writer treats him."""
    from analysis.nlp.parsing import parse

    text = (
        "Minister speaks\n\n"
        "Foreign Secretary Jack Straw denied that there was a constitutional crisis."
    )
    table = table_of(text)
    mentions = actor_mentions(P(table))
    said = quotes(parse(table), mentions)
    assert said["actor"].tolist() == ["Jack Straw"]
    for method in ("model", "lexicon"):
        blind = actor_sentiment(P(table), mentions, method=method)
        aware = actor_sentiment(P(table), mentions, quotes=said, method=method)
        straw = aware["actor"] == "Jack Straw"
        assert aware.loc[straw, "is_speaker"].all()
        assert blind.loc[straw, "label"].iloc[0] == "negative"  # what the words alone say
        assert aware.loc[straw, "label"].iloc[0] != "negative", method


@pytest.mark.parametrize("method", ["model", "lexicon"])
def test_a_company_whose_profits_are_hit_is_not_praised_by_the_word_profits(method):
    table = table_of(
        "Airline Results\n\nHigh fuel prices hit BA's profits. Profits at Tesco fell sharply."
    )
    mentions = actor_mentions(P(table))
    scores = actor_sentiment(P(table), mentions, method=method).set_index("actor")
    assert scores.at["BA", "score"] < 0 and scores.at["Tesco", "score"] < 0
    assert scores.at["BA", "label"] != "positive" and scores.at["Tesco", "label"] != "positive"
    # the evidence is the event, not the word
    assert "hit BA's profits" in [w for w, *_ in scores.at["BA", "evidence"]]
    plain = actor_sentiment(P(table), mentions, method=method, economics=False).set_index("actor")
    if method == "lexicon":
        assert plain.at["BA", "score"] > 0  # VADER's "profits" +1.9, as it reads by itself
    else:  # the model's context vectors read "hit" as bad news even so; the event is surer
        assert plain.at["BA", "score"] > scores.at["BA", "score"] + 0.2
    assert "profits" in [w for w, *_ in plain.at["BA", "evidence"]]


def test_good_economic_news_about_a_company_is_no_bad_tone_toward_it():
    table = table_of("Retail\n\nSales at Tesco soared. Debts at Argos Holdings fell.")
    scores = actor_sentiment(P(table), actor_mentions(P(table)), method="lexicon").set_index(
        "actor"
    )
    assert (scores["score"] > 0).all(), scores[["score", "evidence"]]


@pytest.mark.parametrize("method", ["model", "lexicon"])
def test_a_setback_for_an_actor_is_bad_news_for_them(method):
    # VADER has no "setback" and no "victory": each read as a neutral word before
    table = table_of(
        "Election Night\n\nThe vote was a setback for the governor Olaf Berg. "
        "It was a victory for the mayor Sara Lind."
    )
    scores = actor_sentiment(P(table), actor_mentions(P(table)), method=method).set_index("actor")
    assert scores.at["Olaf Berg", "score"] < 0 and scores.at["Sara Lind", "score"] > 0
    assert "setback for the governor Olaf Berg" in [
        w for w, *_ in scores.at["Olaf Berg", "evidence"]
    ]


@pytest.mark.parametrize("method", ["model", "lexicon"])
def test_a_fortune_befalls_its_target_not_its_neighbours(method):
    table = table_of(
        "Court Ruling\n\nThe court ruled on Friday, dealing a blow to the governor Olaf Berg "
        "and handing a victory to the mayor Sara Lind."
    )
    scores = actor_sentiment(P(table), actor_mentions(P(table)), method=method).set_index("actor")
    berg, lind = scores.loc["Olaf Berg"], scores.loc["Sara Lind"]
    assert berg["label"] == "negative", berg["evidence"]
    if method == "model":
        # trained on news where most mentions are neutral, the model leans neutral on
        # the second of two targets; its score (P(positive) - P(negative)) still says
        # the sentence favours her
        assert lind["score"] > 0, lind["score"]
    else:
        assert lind["label"] == "positive", lind["evidence"]
    assert "victory to the mayor Sara Lind" not in [
        w for w, *_ in scores.at["Olaf Berg", "evidence"]
    ]


def test_the_one_denounced_is_not_the_one_who_denounces():
    # the parse tells who does what: the same words, the roles swapped
    done_to = table_of("Protest\n\nProtesters denounced Minister Karl Weiss outside parliament.")
    doer = table_of("Protest\n\nMinister Karl Weiss denounced protesters outside parliament.")
    first = actor_sentiment(P(done_to), actor_mentions(P(done_to))).set_index("actor")
    second = actor_sentiment(P(doer), actor_mentions(P(doer))).set_index("actor")
    assert first.at["Karl Weiss", "label"] == "negative"
    assert second.at["Karl Weiss", "label"] != "negative"
    assert second.at["protesters", "label"] == "negative"
    # and the table says how the parse read each one
    assert first.at["Karl Weiss", "role"] == "object of 'denounce'"
    assert second.at["Karl Weiss", "role"] == "subject of 'denounce'"


def test_the_role_of_a_mention_is_read_through_titles_possessives_and_prepositions():
    table = table_of(
        "Airline Results\n\nHigh fuel prices hit BA's profits. The ruling dealt a blow to "
        "the governor Olaf Berg. The mayor Sara Lind was praised by Senator John Miller."
    )
    roles = actor_sentiment(P(table), actor_mentions(P(table)))[["actor", "role"]]
    roles = dict(zip(roles["actor"], roles["role"], strict=True))
    assert roles["BA"] == "owner of 'profits'"
    assert roles["Olaf Berg"] == "'blow to ...'"  # through the apposition
    assert roles["Sara Lind"] == "object of 'praise'"  # a passive's subject is done to
    assert roles["John Miller"] == "agent of 'praise'"
    lexical = actor_sentiment(P(table), actor_mentions(P(table)), method="lexicon")
    assert lexical["role"].tolist() == list(roles.values())  # the same parse, the same roles


def test_a_verb_of_blame_or_praise_counts_by_its_meaning():
    # verbs too rare in the training news to be features of their own, and not in
    # VADER's lexicon: the context vectors still place them with blame and praise
    def score(verb: str) -> float:
        table = table_of(f"Protest\n\nActivists {verb} Minister Karl Weiss outside parliament.")
        scores = actor_sentiment(P(table), actor_mentions(P(table))).set_index("actor")
        return scores.at["Karl Weiss", "score"]

    blame = [score(v) for v in ("excoriated", "castigated", "lambasted")]
    praise = [score(v) for v in ("extolled", "lauded")]
    assert max(blame) < min(praise), (blame, praise)


def _tone(text: str) -> dict[str, str]:
    parsed = P(sentences(Article.from_text(text)))
    mentions = actor_mentions(parsed)
    table = actor_sentiment(parsed, mentions, quotes=quotes(parsed, mentions))
    return {(r.surface, r.sentence_id): r.label for r in table.itertuples()}


def test_the_one_who_attacks_in_a_headline_is_not_the_one_attacked():
    labels = _tone(
        "Greer Attacks 'Bully' Big Brother\n\n"
        "Germaine Greer has walked out of the television show. Greer said the producers were cruel."
    )
    assert labels[("Greer", 0)] == "neutral"


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("Harlow lost some market share to cheaper rivals.", "negative"),
        ("Harlow took a one-time charge of 200m euros for the restructuring.", "negative"),
        ("Harlow shares rose 3% after strong sales.", "positive"),
    ],
)
def test_economic_movements_of_a_company_are_read_as_news(sentence, label):
    text = "Results\n\nHarlow Breweries reported its results on Monday. " + sentence.replace(
        "Harlow", "Harlow Breweries", 1
    )
    labels = _tone(text)
    assert labels[("Harlow Breweries", 2)] == label, labels
