"""Findings and the Summary: statements true to the tables they sum up, each carried by
its evidence (or left out), with the sentences that carry it."""

from __future__ import annotations

import copy

import pandas as pd
import pytest

from analysis import Article, analyse
from analysis.lexicons import CARD_FIELDS, method_card, method_cards, trust
from analysis.measures.tone import extreme_sentences
from analysis.pipeline.comparison import compare, short_title
from analysis.pipeline.findings import EVIDENCE_MINIMUM, section_findings, summary_statements
from analysis.pipeline.statements import names_list, plural, words_by_source


@pytest.fixture(scope="module")
def seed_result(seed_article):
    return analyse(seed_article)


def _with(result, **tables):
    """A copy of an analysis with some of its tables replaced (the findings read only
    the tables)."""
    other = copy.copy(result)
    other.__dict__ = dict(result.__dict__)
    for name in ("findings", "summary_statements"):
        other.__dict__.pop(name, None)
    other.__dict__.update(tables)
    return other


def _kinds(result) -> dict[str, str]:
    return {s.kind: s.text for s in summary_statements(result)}


def test_plural_and_lists():
    assert plural(1, "section") == "1 section"
    assert plural(2, "section") == "2 sections"
    assert plural(0, "word") == "0 words"
    assert plural(1200, "word") == "1,200 words"
    assert plural(3, "person", "people") == "3 people"
    assert names_list(["a", "b", "c"]) == "a, b and c" and names_list(["a"]) == "a"


# ------------------------------------------------------------------------- the Summary
def test_summary_states_the_one_count(seed_result):
    c = seed_result.counts
    size = _kinds(seed_result)["size"]
    assert size.startswith(f"The article has {c.n_words} words in {c.n_sentences} sentences")
    assert f"{c.n_sections} sections" in size


def test_one_sentence_article_reads_in_the_singular():
    result = analyse(Article.from_text("The council approved the budget on Tuesday."))
    texts = [s.text for s in summary_statements(result)]
    assert texts[0] == (
        "The article has 7 words in 1 sentence (headline, standfirst and body) and 1 section."
    )
    assert all("(s)" not in t and "1 sentences" not in t for t in texts)


def test_every_summary_statement_carries_its_evidence(seed_result):
    statements = summary_statements(seed_result)
    assert 4 <= len(statements) <= 8
    ids = set(seed_result.sentences["sentence_id"])
    for s in statements:
        assert set(s.sentence_ids) <= ids, s.kind
        if s.kind not in ("size", "topics"):
            assert s.sentence_ids, f"{s.kind} names no sentence"
    text = " ".join(s.text for s in statements)
    top = seed_result.actors.iloc[0]
    assert f"the most mentioned are {top['actor']} ({top['n_mentions']})" in text


def _actor_tone(n: int, low: float, high: float, mean: float = -0.4) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "article_id": "x",
                "actor": "Ukraine",
                "kind": "country",
                "n": n,
                "mean": mean,
                "ci_low": low,
                "ci_high": high,
                "n_negative": n,
                "n_positive": 0,
                "sentence_ids": list(range(n)),
            }
        ]
    )


@pytest.mark.parametrize(
    ("n", "low", "high", "stated"),
    [
        (3, -0.6, -0.1, True),  # three mentions, interval below zero
        (2, -0.6, -0.1, False),  # too few mentions
        (5, -0.6, 0.2, False),  # the interval includes zero
    ],
)
def test_actor_tone_needs_three_mentions_and_an_interval_off_zero(
    seed_result, n, low, high, stated
):
    result = _with(seed_result, actor_tone=_actor_tone(n, low, high))
    kinds = _kinds(result)
    assert ("actor_tone" in kinds) == stated
    if stated:
        assert "cold around Ukraine (-0.40 over 3 mentions)" in kinds["actor_tone"]
    assert EVIDENCE_MINIMUM["actor_tone_mentions"] == 3


def test_a_leading_frame_needs_cues_in_three_sentences(seed_result):
    profile = seed_result.frame_profile.copy()
    policy = profile["scheme"] == "policy"
    assert "frames" in _kinds(seed_result)
    thin = profile.assign(n_sentences=profile["n_sentences"].where(~policy, 2))
    assert "frames" not in _kinds(_with(seed_result, frame_profile=thin))
    rare = profile.assign(share_of_sentences=profile["share_of_sentences"].where(~policy, 0.05))
    assert "frames" not in _kinds(_with(seed_result, frame_profile=rare))


def test_hedging_needs_three_hedged_sentences(seed_result):
    hedges = seed_result.hedging.copy()
    hedges["n_hedges"] = 0
    hedges["n_boosters"] = 0
    hedges.loc[hedges.index[:2], "n_hedges"] = 1
    assert "hedging" not in _kinds(_with(seed_result, hedging=hedges))
    hedges.loc[hedges.index[:3], "n_hedges"] = 1
    assert "hedging" in _kinds(_with(seed_result, hedging=hedges))


def test_who_speaks_needs_two_attributions(seed_result):
    said = seed_result.quotes
    assert "sources" in _kinds(seed_result)
    assert "sources" not in _kinds(_with(seed_result, quotes=said.head(1)))
    nobody = _kinds(_with(seed_result, quotes=said.head(0)))
    assert nobody["sources"] == "No statement is attributed to a source."


def test_tone_with_an_interval_across_zero_is_said_as_uncertain(seed_result):
    tone = seed_result.article_tone.copy()
    tone[["news_mean", "news_ci_low", "news_ci_high"]] = [0.3, 0.12, 0.45]
    assert "Its tone is positive" in _kinds(_with(seed_result, article_tone=tone))["tone"]
    tone[["news_mean", "news_ci_low", "news_ci_high"]] = [0.1, -0.2, 0.4]
    text = _kinds(_with(seed_result, article_tone=tone))["tone"]
    assert "neither clearly negative nor clearly positive" in text


def test_summary_of_an_article_nobody_speaks_in():
    article = Article.from_text(
        "Rain Falls on the Plain\n\nRain fell on the plain for three days. The river rose "
        "and the fields flooded. Farmers moved their cattle to higher ground."
    )
    text = " ".join(s.text for s in summary_statements(analyse(article)))
    assert "No statement is attributed to a source." in text
    assert "1 section." in text  # singular


# ------------------------------------------------------------------------ the sections
def test_tone_names_the_lowest_and_highest_section():
    article = Article.from_text(
        "Summit Report\n\nDelegates met in Geneva on Monday.\n\n"
        "## Talks Open\n\nLeaders praised the wonderful, excellent progress.\n\n"
        "## Grim Outlook\n\nThe attack killed many people in a terrible disaster."
    )
    text = " ".join(s.text for s in section_findings(analyse(article))["tone"])
    assert "lowest tone is “Grim Outlook”" in text and "the highest is “Talks Open”" in text


def test_findings_escape_article_text():
    article = Article.from_text(
        "Deal <script>alert(1)</script> Signed\n\n"
        "Ministers signed the **deal** <img src=x onerror=alert(1)> on Monday."
    )
    found = section_findings(analyse(article))
    text = " ".join(s.text for statements in found.values() for s in statements)
    assert "<img" not in text and "<script>" not in text


def test_every_finding_on_the_seed_is_sentences(seed_result):
    found = section_findings(seed_result)
    assert set(found) == {"overview", "keywords", "tone", "actors", "sources", "frames", "topics"}
    for section, statements in found.items():
        assert statements, section
        for s in statements:
            assert s.text.rstrip().endswith((".", "”", "…")), s.text
            assert "(s)" not in s.text and "nan" not in s.text.lower().split(), s.text
    top = words_by_source(seed_result.quotes).index[0]
    assert f"{top} gets the most attributed words" in " ".join(s.text for s in found["sources"])


def test_extreme_sentences_on_short_and_empty_tables():
    result = analyse(Article.from_text("A good day.\n\nA bad day."))
    view = extreme_sentences(result.tone, n=3)
    assert sorted(view["sentence_id"]) == sorted(result.tone["sentence_id"])  # each once
    assert extreme_sentences(result.tone.iloc[0:0]).empty


# ---------------------------------------------------------------------- the comparison
def test_comparison_states_the_difference_with_evidence_from_each(seed_result):
    calm = analyse(
        Article.from_text(
            "Harvest Festival Delights Village\n\nThe village held a wonderful harvest "
            "festival on Sunday. Families enjoyed music, dancing and excellent food. The "
            "mayor, Anna Berg, said it was the happiest day of the year. Children laughed "
            "and played until evening.",
            article_id="festival",
        )
    )
    found = compare([seed_result, calm])
    tone = found.by_measure["tone"][0].text
    assert "Mean tone (VADER read for news, 95% interval)" in tone
    ordered = found.tone.sort_values("news_mean")
    low, high = ordered.iloc[0], ordered.iloc[-1]
    assert high["article_id"] == "festival"
    if low["news_ci_high"] < high["news_ci_low"]:
        assert "is clearly more negative than" in tone
    else:
        assert "not clearly different" in tone
    for measure in ("tone", "sources"):
        articles = {a for a, _s, _t in found.evidence[measure]}
        assert articles == {"russia-iran-treaty", "festival"}, measure
    for article_id, sentence_id, text in found.evidence["tone"]:
        result = seed_result if article_id == "russia-iran-treaty" else calm
        assert result.sentences.set_index("sentence_id").at[sentence_id, "text"] == text
    assert "Anna Berg" in " ".join(s.text for s in found.by_measure["actors"])


def test_short_title_names_a_chart_series_by_its_headline():
    long = Article.from_text(
        "Russia and Iran Sign Strategic Partnership Treaty in Moscow\n\nThe two leaders signed it.",
        article_id="ria",
    )
    assert short_title(long) == "Russia and Iran Sign Strategic…"
    assert len(short_title(long)) <= 40
    untitled = Article.from_text("the two leaders signed it on friday in moscow.", article_id="x1")
    assert short_title(untitled) in ("x1", untitled.title)


# ------------------------------------------------------------------------ method cards
def test_every_method_card_is_complete_and_in_the_readme():
    from analysis.paths import PROJECT_ROOT

    cards = method_cards()
    assert list(cards.columns) == ["key", *CARD_FIELDS]
    assert {"keyphrases", "attribution", "actors", "frames", "topics"} <= set(cards["key"])
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for card in cards.itertuples():
        assert all(str(getattr(card, f)).strip() for f in CARD_FIELDS), card.key
        assert card.measured in readme, f"README's trust table is behind the {card.key} card"
        if card.command.startswith(".venv/bin/python benchmarks/"):
            script = card.command.split()[1]
            assert (PROJECT_ROOT / script).is_file(), script


def test_trust_lines_name_their_measurement():
    text = trust("attribution")
    assert text.startswith("**How far to trust this**") and "PolNeAR" in text
    assert method_card("attribution")["name"]
    with pytest.raises(ValueError, match="no method card"):
        trust("astrology")
