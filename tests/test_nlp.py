"""The spaCy backbone: loaded once, offline, aligned to the sentence table."""

from __future__ import annotations

import pytest

from analysis import Article, FramingError, sentences
from analysis.nlp.parsing import ENTITY_COLUMNS, TOKEN_COLUMNS, parse, pipeline

STORY = (
    "Dock Strike Ends\n\n"
    "ROTTERDAM – Dock workers voted on Friday to end a six-week strike, the union said.\n\n"
    "Its leader, Anna Schmidt, said the offer was “fair but late”. "
    "British Airways and the Port of Rotterdam welcomed the vote.\n"
)


@pytest.fixture(scope="module")
def story():
    article = Article.from_text(STORY, article_id="dock")
    return article, sentences(article)


def test_pipeline_is_loaded_once_with_the_needed_components():
    nlp = pipeline()
    assert nlp is pipeline()
    assert {"tagger", "parser", "ner"} <= set(nlp.pipe_names)
    assert "senter" not in nlp.pipe_names  # sentences come from the table


def test_every_token_points_into_the_article_and_keeps_its_sentence(story):
    article, table = story
    tokens = parse(table).tokens
    assert list(tokens.columns) == TOKEN_COLUMNS
    assert set(tokens["sentence_id"]) == set(table["sentence_id"])
    for row in tokens.itertuples():
        assert article.text[row.char_start : row.char_end] == row.text
    bounds = table.set_index("sentence_id")
    for sid, group in tokens.groupby("sentence_id"):
        assert group["char_start"].min() >= bounds.at[sid, "char_start"]
        assert group["char_end"].max() <= bounds.at[sid, "char_end"]


def test_entities_and_parse_read_as_a_person_would(story):
    article, table = story
    result = parse(table)
    entities = result.entities
    assert list(entities.columns) == ENTITY_COLUMNS
    found = set(zip(entities["text"], entities["label"], strict=True))
    assert ("Anna Schmidt", "PERSON") in found
    assert ("British Airways", "ORG") in found
    for row in entities.itertuples():
        assert article.text[row.char_start : row.char_end] == row.text
    tokens = result.tokens
    said = tokens[(tokens["lemma"] == "say") & (tokens["dep"] == "ROOT")]
    assert len(said) >= 1  # "... the union said" and "Anna Schmidt said ..."


def test_empty_table_and_bad_input():
    empty = parse(sentences([]))
    assert empty.tokens.empty and list(empty.tokens.columns) == TOKEN_COLUMNS
    with pytest.raises(FramingError, match="sentence table"):
        parse("Dock workers voted.")


def test_missing_model_names_the_install_command(monkeypatch):
    import analysis.nlp.parsing as nlp

    monkeypatch.setattr(nlp, "MODEL", "en_core_web_missing_model")
    nlp.pipeline.cache_clear()
    try:
        with pytest.raises(FramingError, match="require-hashes -r requirements-model.txt"):
            nlp.pipeline()
    finally:
        monkeypatch.undo()
        nlp.pipeline.cache_clear()
