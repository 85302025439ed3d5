"""Corrections by hand: each kind changes the tables every view reads, a unit that is
no longer there is reported and left out, and a bad file fails naming its line
before anything is written."""

from __future__ import annotations

import json
import shutil
import warnings

import pandas as pd
import pytest

from analysis import Article, analyse
from analysis.cli import main
from analysis.pipeline.corrections import CorrectionsError, load_corrections
from analysis.report.writer import write_report
from tests.conftest import sha256

TEXT = """Pipeline Deal Signed in Vienna

Energy Minister Anna Kovac said on Monday that the pipeline would double gas exports by 2030. "This is a historic day for our industry and for our security," Kovac told reporters.

Critics warned that the deal could raise household prices, according to the Daily Ledger. The government signed the agreement with Gazprom after months of talks about security of supply.

The Kremlin welcomed the deal. Environmental groups said the project would harm the river."""


@pytest.fixture(scope="module")
def article():
    return Article.from_text(TEXT, article_id="pipeline")


@pytest.fixture(scope="module")
def plain(article):
    return analyse(article)


def _fixed(article, *items, **top):
    return analyse(article, corrections={**top, "corrections": list(items)})


def test_rename_and_merge_change_every_table_that_names_the_actor(article, plain):
    assert "Anna Kovac" in set(plain.actors["actor"])
    result = _fixed(
        article,
        {"do": "rename", "actor": "Anna Kovac", "to": "Anna Kovač"},
        {"do": "merge", "actors": ["Kremlin", "government"], "into": "Russian government"},
    )
    actors = set(result.actors["actor"])
    assert "Anna Kovač" in actors and "Anna Kovac" not in actors
    assert "Russian government" in actors and "Kremlin" not in actors
    merged = result.actors.set_index("actor").loc["Russian government"]
    assert merged["n_mentions"] == 2
    assert set(result.quotes["actor"]) >= {"Anna Kovač", "Russian government"}
    assert "Anna Kovac" not in set(result.mention_tone["actor"])
    changed = result.mentions[result.mentions["method"] == "by hand"]
    assert set(changed["actor"]) == {"Anna Kovač", "Russian government"}
    assert result.corrections_applied["rows_changed"].tolist() == [2, 2]
    assert result.summary()["n_corrections"] == 2


def test_retype_changes_the_kind_and_the_source_type(article):
    result = _fixed(article, {"do": "retype", "actor": "Kremlin", "kind": "person"})
    assert result.actors.set_index("actor").loc["Kremlin", "kind"] == "person"
    said = result.quotes.set_index("actor").loc["Kremlin"]
    assert said["source_type"] == "named person"


def test_drop_reassign_and_add_attributions(article, plain):
    assert "Kremlin" in set(plain.quotes["actor"])
    assert not plain.quotes["content"].str.contains("household prices").any()
    result = _fixed(
        article,
        {"do": "drop attribution", "text": "the deal", "speaker": "Kremlin", "why": "an act"},
        {"do": "reassign attribution", "text": "harm the river", "to": "Anna Kovac"},
        {
            "do": "add attribution",
            "text": "the deal could raise household prices",
            "speaker": "Daily Ledger",
        },
    )
    quotes = result.quotes
    assert "Kremlin" not in set(quotes["actor"])
    river = quotes[quotes["content"].str.contains("river")].iloc[0]
    assert (river["actor"], river["resolved_by"]) == ("Anna Kovac", "by hand")
    added = quotes[quotes["content"] == "the deal could raise household prices"].iloc[0]
    assert added["actor"] == "Daily Ledger" and added["resolved_by"] == "by hand"
    assert added["sentence_id"] == 3 and added["source_type"] == "institution"
    assert TEXT[added["char_start"] : added["char_end"]] == added["content"]
    assert len(quotes) == len(plain.quotes)  # one dropped, one added
    assert result.hedging_rates["share_attributed"].iloc[0] != pytest.approx(
        plain.hedging_rates["share_attributed"].iloc[0]
    )


def test_a_cue_dropped_by_hand_leaves_the_frame_counts(article, plain):
    result = _fixed(article, {"do": "drop cue", "cue": "security", "at": 179})
    before = plain.frame_profile.set_index(["scheme", "frame"])
    after = result.frame_profile.set_index(["scheme", "frame"])
    key = ("policy", "security_and_defense")
    assert after.loc[key, "n_cues"] == before.loc[key, "n_cues"] - 1
    row = result.policy_frames.query("sentence_id == 2 and frame == 'security_and_defense'")
    assert row["cues"].iloc[0] == [] and row["score"].iloc[0] == 0
    assert row["dropped"].iloc[0][-1][0] == "security"
    assert "by hand" in row["dropped"].iloc[0][-1][1]
    # the other "security" (sentence 4) still counts
    other = result.policy_frames.query("sentence_id == 4 and frame == 'security_and_defense'")
    assert other["cues"].iloc[0] == ["security"]


def test_set_frame_is_the_articles_frame_and_the_summary_says_so(article, plain):
    assert plain.frame_label["set_by"] == "cues"
    result = _fixed(article, {"do": "set frame", "frame": "Security and defense"})
    assert result.summary()["frame"] == "security_and_defense"
    assert result.summary()["frame_set_by"] == "hand"
    texts = " ".join(s.text for s in result.summary_statements)
    assert "coded by hand" in texts and "security and defense" in texts.lower()
    assert "Corrected by hand: 1 correction" in texts


def test_a_correction_that_no_longer_matches_warns_and_is_left_out(article, plain):
    with pytest.warns(UserWarning, match="line .*no longer matches"):
        result = _fixed(article, {"do": "drop attribution", "text": "words nobody said"})
        table = result.corrections_applied
    assert table["status"].tolist() == ["no match"]
    assert len(result.quotes) == len(plain.quotes)
    assert result.summary()["n_corrections"] == 0
    assert "no longer matches" in result.summary_statements[-1].text


def test_an_offset_picks_one_occurrence_and_survives_a_small_shift(article):
    result = _fixed(article, {"do": "drop cue", "cue": "security", "at": 370})  # 380 now
    kept = result.policy_frames.query("frame == 'security_and_defense' and score > 0")
    assert kept["sentence_id"].tolist() == [2]


def test_an_unknown_actor_is_an_error_naming_the_line(article, tmp_path):
    path = tmp_path / "fix.yaml"
    path.write_text(
        "corrections:\n  - do: rename\n    actor: Anna Kovac\n    to: A. Kovac\n"
        "  - do: merge\n    actors: [Kremlin, Putin]\n    into: Russia\n",
        encoding="utf-8",
    )
    with pytest.raises(CorrectionsError, match=r"fix.yaml line 5: no actor 'Putin'.*Kremlin"):
        analyse(article, corrections=path).actors  # noqa: B018


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("corrections:\n  - do: rename\n    actor: [unclosed\n", r"line \d+: not valid YAML"),
        ("corrections:\n  - do: rename\n    actor: X\n", r"line 2: `rename` needs to"),
        ("corrections:\n  - do: delete\n    actor: X\n", r"line 2: `do: delete` is not"),
        ("corrections:\n  - do: drop cue\n    cue: war\n    at: -3\n", r"line 2: `at` is"),
        ("corrections:\n  - do: retype\n    actor: X\n    kind: alien\n", r"line 2: kind 'alien'"),
        ("corrections:\n  - do: merge\n    actors: [A]\n    into: B\n    speed: 3\n", r"not speed"),
        ("corrections: 3\n", r"line 1: the corrections are a list"),
        ("- just text\n", r"line 1: each correction is a mapping"),
        ("corrections: !!python/object:os.system {}\n", r"line 1: not valid YAML"),
    ],
)
def test_a_malformed_file_gets_an_error_naming_the_line(tmp_path, text, wanted):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorrectionsError, match=wanted):
        load_corrections(path)


def test_a_file_for_another_article_is_refused(article):
    with pytest.raises(CorrectionsError, match="for the article 'other'"):
        analyse(article, corrections={"article": "other", "corrections": []})


def test_a_corpus_file_applies_by_article_id(article, plain):
    fixes = {"articles": {"pipeline": [{"do": "set frame", "frame": "political"}], "x": []}}
    assert analyse(article, corrections=fixes).frame_label["frame"] == "political"
    other = Article.from_text(TEXT, article_id="another")
    assert analyse(other, corrections=fixes).frame_label == plain.frame_label


# ---------------------------------------------------------------------- a report
@pytest.fixture(scope="module")
def corrected_report(tmp_path_factory, seed_path):
    """The seed copied beside its corrections file, reported, then reported again."""
    folder = tmp_path_factory.mktemp("corrected")
    source = folder / "treaty.txt"
    shutil.copyfile(seed_path, source)
    (folder / "treaty.corrections.yaml").write_text(
        "# hand corrections of the seed\n"
        "corrections:\n"
        "  - do: merge\n"
        "    actors: [Russia, Moscow]\n"
        "    into: Russian Federation\n"
        "    why: one state\n"
        "  - do: set frame\n"
        "    frame: security_and_defense\n",
        encoding="utf-8",
    )
    out = folder / "out"
    (first,) = write_report(source, out_dir=out, workers=1)
    hashes = {p.name: sha256(p) for p in (first / "data").glob("*.csv")}
    (again,) = write_report(source, out_dir=out, workers=1)
    return folder, again, hashes


def _actors_of(report) -> set[str]:
    return set(pd.read_csv(report / "data" / "actors.csv")["actor"])


def test_a_report_applies_the_file_beside_the_article(corrected_report, seed_report):
    _, report, _ = corrected_report
    assert "Russian Federation" in _actors_of(report)
    assert "Russia" not in _actors_of(report) and "Russia" in _actors_of(seed_report)
    summary = pd.read_csv(report / "data" / "summary.csv")
    text = " ".join(summary["text"])
    assert "Russian Federation" in text and "Corrected by hand: 2 corrections" in text
    assert "coded by hand, is security and defense" in text
    corrections = pd.read_csv(report / "data" / "corrections.csv")
    assert corrections["action"].tolist() == ["merge", "set frame"]
    assert corrections["why"].iloc[0] == "one state"
    package = json.loads((report / "datapackage.json").read_text(encoding="utf-8"))
    assert "corrections" in {r["name"] for r in package["resources"]}
    page = (report / "report.html").read_text(encoding="utf-8")
    assert "Corrections by hand" in page and "Russian Federation" in page


def test_corrections_survive_a_rerun(corrected_report):
    _, report, first = corrected_report
    assert {p.name: sha256(p) for p in (report / "data").glob("*.csv")} == first


def test_a_bad_corrections_file_changes_nothing(corrected_report, tmp_path):
    folder, report, _ = corrected_report
    before = {p: sha256(p) for p in report.rglob("*") if p.is_file()}
    bad = tmp_path / "bad.yaml"
    bad.write_text("corrections:\n  - do: rename\n    actor: Nobody\n    to: X\n", "utf-8")
    code = main(
        [
            "report",
            str(folder / "treaty.txt"),
            "--out",
            str(folder / "out"),
            "--corrections",
            str(bad),
        ]
    )
    assert code == 2
    assert {p: sha256(p) for p in report.rglob("*") if p.is_file()} == before


def test_the_cli_names_the_line_of_a_malformed_file(tmp_path, seed_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("corrections:\n  - do: rename\n    actor: X\n", "utf-8")
    with warnings.catch_warnings():
        code = main(
            ["report", str(seed_path), "--out", str(tmp_path / "o"), "--corrections", str(bad)]
        )
    assert code == 2
    err = capsys.readouterr().err
    assert "bad.yaml line 2: `rename` needs to" in err
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_a_corpus_applies_corrections_by_article_id_and_says_how_many(tmp_path, article):
    from analysis.report.corpus_report import write_corpus_report

    rows = [
        {"article_id": "pipeline", "text": TEXT},
        {"article_id": "other", "text": TEXT.replace("Vienna", "Prague")},
    ]
    source = tmp_path / "corpus.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(
        "articles:\n  pipeline:\n    - do: set frame\n      frame: political\n"
        "    - do: rename\n      actor: Anna Kovac\n      to: Anna Kovač\n",
        encoding="utf-8",
    )
    folder = write_corpus_report(source, out_dir=tmp_path / "out", workers=1, corrections=fixes)
    metrics = pd.read_csv(folder / "corpus_metrics.csv").set_index("article_id")
    assert metrics.at["pipeline", "n_corrections"] == 2
    assert metrics.at["other", "n_corrections"] == 0
    assert metrics.at["pipeline", "frame"] == "political"
    assert metrics.at["pipeline", "frame_set_by"] == "hand"
    assert metrics.at["other", "frame_set_by"] == "cues"
    assert "Anna Kovač" in metrics.at["pipeline", "top_actors"]
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert "2 corrections by hand were applied to 1 article" in page


def test_a_bad_corpus_corrections_file_fails_before_anything_is_written(tmp_path):
    from analysis.report.corpus_report import write_corpus_report

    source = tmp_path / "corpus.jsonl"
    source.write_text(json.dumps({"article_id": "a", "text": TEXT}) + "\n", encoding="utf-8")
    fixes = tmp_path / "fixes.yaml"
    fixes.write_bytes(b"\xff\xfe\x00binary\x00")
    with pytest.raises(CorrectionsError, match="cannot be read as a UTF-8 text file"):
        write_corpus_report(source, out_dir=tmp_path / "out", workers=1, corrections=fixes)
    assert not (tmp_path / "out").exists()


def test_a_huge_corrections_file_is_refused(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * (6 * 1024 * 1024) + "\n", encoding="utf-8")
    with pytest.raises(CorrectionsError, match="larger than"):
        load_corrections(big)


def test_words_in_several_attributions_need_an_offset(article):
    with pytest.raises(CorrectionsError, match=r"line 1: “the” is in 3 attributions.*`at`"):
        _fixed(article, {"do": "drop attribution", "text": "the"}).quotes  # noqa: B018
    with pytest.raises(CorrectionsError, match="occurs 2 times"):
        _fixed(article, {"do": "add attribution", "text": "security", "speaker": "Kremlin"}).quotes  # noqa: B018


def test_a_notebook_applies_the_corrections_beside_the_article(tmp_path, seed_path):
    from analysis.report.notebook import open_article

    source = tmp_path / "treaty.txt"
    shutil.copyfile(seed_path, source)
    (tmp_path / "treaty.corrections.yaml").write_text(
        "corrections:\n  - do: rename\n    actor: Kremlin\n    to: Russian presidency\n",
        encoding="utf-8",
    )
    result = open_article(source, reports=tmp_path / "no-reports", quiet=True)
    assert "Russian presidency" in set(result.actors["actor"])


def test_a_corrected_analysis_reads_back_corrected(article, tmp_path):
    from analysis.pipeline.article import ArticleAnalysis

    result = _fixed(
        article,
        {"do": "rename", "actor": "Anna Kovac", "to": "Anna Kovač"},
        {"do": "drop cue", "cue": "security", "at": 179},
        {"do": "set frame", "frame": "political"},
    )
    result.save(tmp_path)
    again = ArticleAnalysis.load(tmp_path)
    for name, table in result.tables().items():
        pd.testing.assert_frame_equal(again.tables()[name], table, check_dtype=False, obj=name)
    assert again.frame_label == result.frame_label
    assert again.summary()["n_corrections"] == 3
    assert again.summary()["frame"] == "political"
