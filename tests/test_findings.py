"""Findings: the sentences the notebooks end with, true to the tables they summarise."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import Article, sentences
from analysis.report import findings
from analysis.measures.actors import actor_mentions, actor_summary
from analysis.measures.frames import dominant_frames, frame_profile, frame_scores, loaded_language
from analysis.measures.keywords import keyness, keyphrases, keywords
from analysis.measures.sources import hedging, hedging_summary, quotes
from analysis.measures.target_tone import actor_sentiment, actor_tone
from analysis.measures.tone import (
    article_tone,
    extreme_sentences,
    sentence_sentiment,
)


def test_plural():
    assert findings.plural(1, "section") == "1 section"
    assert findings.plural(2, "section") == "2 sections"
    assert findings.plural(0, "word") == "0 words"
    assert findings.plural(1200, "word") == "1,200 words"
    assert findings.plural(3, "person", "people") == "3 people"


def test_overview_of_the_seed(seed_article, seed_sentences):
    text = findings.overview(seed_article, seed_sentences)
    body = seed_sentences[seed_sentences.role == "body"]
    assert f"{len(body)} body sentences" in text
    assert "(s)" not in text
    longest = body.loc[body.n_words.idxmax(), "text"]
    assert longest.split()[0] in text
    assert f"datelined {seed_article.dateline}" in text


def test_one_sentence_article_reads_in_the_singular():
    article = Article.from_text("The council approved the budget on Tuesday.")
    text = findings.overview(article, sentences(article))
    assert text.startswith("The article has 1 body sentence (7 words) in 1 section.")


def test_tone_names_the_lowest_and_highest_correctly():
    article = Article.from_text(
        "Summit Report\n\nDelegates met in Geneva on Monday.\n\n"
        "Talks Open\n\nLeaders praised the wonderful, excellent progress.\n\n"
        "Grim Outlook\n\nThe attack killed many people in a terrible disaster."
    )
    table = sentences(article)
    scores = sentence_sentiment(table)
    by_section = article_tone(scores, by="section")
    text = findings.tone(article_tone(scores), by_section, scores, actor_tone(pd.DataFrame()))
    assert "lowest tone is “Grim Outlook”" in text and "highest is “Talks Open”" in text


def test_compare_lowest_and_highest_follow_the_numbers():
    tone = pd.DataFrame({"article_id": ["calm", "angry"], "news_mean": [0.4, -0.3]})
    empty = pd.DataFrame(columns=["statistic", "display"])
    text = findings.compare(["calm", "angry"], empty, tone, pd.DataFrame(), pd.DataFrame())
    assert "lowest mean tone is angry's (-0.30); the highest calm's (+0.40)" in text


def test_findings_escape_article_text():
    article = Article.from_text(
        "Deal <script>alert(1)</script> Signed\n\nMinisters signed the **deal** <img src=x onerror=alert(1)>."
    )
    table = sentences(article)
    assert "<script>" not in findings.title_line(article)
    assert "&lt;script&gt;" in findings.title_line(article)
    text = findings.overview(article, table)
    assert "<img" not in text and "\\*\\*deal\\*\\*" in text


def test_every_finding_on_the_seed_is_sentences(seed_article, seed_sentences):
    table = seed_sentences
    mentions = actor_mentions(table)
    said = quotes(table, mentions)
    scores = sentence_sentiment(table)
    profile = frame_profile(frame_scores(table, scheme="policy"))
    texts = [
        findings.metadata_list(seed_article),
        findings.keywords(keywords(table), keyphrases(table), keyness(table)),
        findings.tone(
            article_tone(scores),
            article_tone(scores, by="section"),
            scores,
            actor_tone(actor_sentiment(table, mentions, quotes=said)),
        ),
        findings.sources(
            actor_summary(mentions, table), said, hedging_summary(hedging(table, said))
        ),
        findings.frames(
            profile,
            dominant_frames(profile, min_share=0.1),
            frame_profile(frame_scores(table, scheme="generic")),
            loaded_language(table),
            min_share=0.1,
        ),
    ]
    for text in texts:
        assert text and "(s)" not in text and "nan" not in text.lower().split()
    assert "Vladimir Putin" in texts[3]


def test_extreme_sentences_on_short_and_empty_tables():
    article = Article.from_text("A good day.\n\nA bad day.")
    scores = sentence_sentiment(sentences(article))
    view = extreme_sentences(scores, n=3)
    assert sorted(view["sentence_id"]) == sorted(scores["sentence_id"])  # each once
    assert extreme_sentences(scores.iloc[0:0]).empty


# ------------------------------------------------------------------ method cards
def test_every_method_card_is_complete_and_in_the_readme():
    from analysis.paths import PROJECT_ROOT

    cards = findings.method_cards()
    assert list(cards.columns) == ["key", *findings.CARD_FIELDS]
    assert {"keyphrases", "attribution", "actors", "frames", "topics"} <= set(cards["key"])
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for card in cards.itertuples():
        assert all(str(getattr(card, f)).strip() for f in findings.CARD_FIELDS), card.key
        assert card.measured in readme, f"README's trust table is behind the {card.key} card"
        if card.command.startswith(".venv/bin/python benchmarks/"):
            script = card.command.split()[1]
            assert (PROJECT_ROOT / script).is_file(), script


def test_each_report_section_ends_with_how_far_to_trust_it():
    import json

    from analysis.paths import PROJECT_ROOT

    keys = set(findings.method_cards()["key"])
    for path in sorted((PROJECT_ROOT / "notebooks").glob("0[1-6]-*.ipynb")):
        last = json.loads(path.read_text(encoding="utf-8"))["cells"][-1]
        source = "".join(last["source"])
        assert "findings.trust(" in source, path.name
        named = set(re.findall(r'"([a-z_]+)"', source.split("findings.trust(", 1)[1]))
        assert named and named <= keys, path.name
    text = findings.trust("attribution")
    assert text.startswith("**How far to trust this**") and "PolNeAR" in text
    with pytest.raises(ValueError, match="no method card"):
        findings.trust("astrology")


def test_short_title_names_a_chart_series_by_its_headline():

    long = Article.from_text(
        "Russia and Iran Sign Strategic Partnership Treaty in Moscow\n\nThe two leaders signed it.",
        article_id="ria",
    )
    assert findings.short_title(long) == "Russia and Iran Sign Strategic…"
    assert len(findings.short_title(long)) <= 40
    untitled = Article.from_text("the two leaders signed it on friday in moscow.", article_id="x1")
    assert findings.short_title(untitled) in ("x1", untitled.title)
