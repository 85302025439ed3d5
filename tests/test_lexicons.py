"""Lexicons: one loader, one column vocabulary, each file's source and licence read as
data; your own files in the older column names still work."""

from __future__ import annotations

import csv

import pytest

from analysis import Article, FramingError, analyse
from analysis.lexicons import (
    BUILTIN,
    CLASS,
    ENTRY,
    lexicon_info,
    lexicon_path,
    lexicons,
    read_rows,
)
from analysis.measures import hedging, loaded_language


def test_every_lexicon_says_what_it_is_where_it_comes_from_and_its_licence():
    table = lexicons()
    assert list(table["key"]) == list(BUILTIN)
    for row in table.itertuples():
        assert row.name and row.source and row.licence, row.key
        assert row.entries > 0, row.key
    assert lexicon_info("stopwords").licence.startswith("BSD-3-Clause")
    assert "Hyland" in lexicon_info("hedges").source


def test_csv_lexicons_share_one_column_vocabulary():
    for key, file in BUILTIN.items():
        if not file.endswith(".csv"):
            continue
        with lexicon_path(key).open(encoding="utf-8") as handle:
            header = next(csv.reader(line for line in handle if not line.startswith("#")))
        assert header[:2] == [ENTRY, CLASS], key
        assert lexicon_info(key).columns.startswith("entry"), key  # the file documents them


def test_older_column_names_are_read_as_the_shared_ones(tmp_path):
    mine = tmp_path / "hedges.csv"
    mine.write_text("# my hedges\nterm,type\nperhaps,hedge\nundoubtedly,booster\n")
    assert read_rows(mine, required=(ENTRY, CLASS)) == [
        {"entry": "perhaps", "class": "hedge"},
        {"entry": "undoubtedly", "class": "booster"},
    ]
    result = analyse(Article.from_text("Talks Resume\n\nPerhaps the talks will undoubtedly fail."))
    found = hedging(result.parse, lexicon=mine)
    assert found["hedges"].iloc[-1] == ["Perhaps"] and found["boosters"].iloc[-1] == ["undoubtedly"]
    words = tmp_path / "loaded.csv"
    words.write_text("term,category\nfiasco,negative\n")
    table = loaded_language(
        analyse(Article.from_text("Deal Fails\n\nThe deal was a fiasco.")).sentences,
        lexicon=words,
    )
    assert table["category"].tolist() == ["negative"]


def test_a_lexicon_without_the_matched_column_says_what_it_needs(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("word,kind\nperhaps,hedge\n")
    with pytest.raises(FramingError, match=r"needs the column\(s\) entry; it has word, class"):
        read_rows(bad, required=(ENTRY, CLASS))
    with pytest.raises(FramingError, match="no such lexicon file"):
        read_rows(tmp_path / "missing.csv")


def test_the_report_lists_each_lexicon_with_its_licence(seed_report):
    html = (seed_report / "report.html").read_text(encoding="utf-8")
    methods = html[html.index('id="appendix-methods"') : html.index('id="appendix-data"')]
    for row in lexicons().itertuples():
        assert row.name.replace("&", "&amp;") in methods, row.key
    assert "BSD-3-Clause" in methods and "CC0" in methods
