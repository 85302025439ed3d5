"""Coding sheets and agreement with human coders: the sheet holds the units the tool
analysed, without the tool's codes; alpha is Krippendorff's; the tool's F1 against the
coders' majority is right by hand; bad sheets give a message and a result for the rest."""

from __future__ import annotations

import json
import math

import krippendorff
import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis import Article, analyse
from analysis.cli import main
from analysis.paths import PROJECT_ROOT
from analysis.validation.agreement import agreement, class_scores
from analysis.validation.coding import VARIABLES, coding_units, tool_codes, write_coding_sheet

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the worked example
# the krippendorff package's documentation reproduces: 3 coders, 15 units, * = missing.
KRIPPENDORFF_EXAMPLE = (
    "*    *    *    *    *    3    4    1    2    1    1    3    3    *    3",
    "1    *    2    1    3    3    4    3    *    *    *    *    *    *    *",
    "*    *    2    1    3    4    4    *    2    1    1    3    3    *    4",
)
KINDS = {1: "person", 2: "country", 3: "organisation", 4: "group"}


def _example():
    return [
        [np.nan if v == "*" else int(v) for v in coder.split()] for coder in KRIPPENDORFF_EXAMPLE
    ]


def _sheets(variable: str, codes, unit: str = "sentence") -> list[pd.DataFrame]:
    return [
        pd.DataFrame(
            {
                "coder": f"coder{k}",
                "unit": unit,
                "unit_id": [f"u{i}" for i in range(len(row))],
                variable: ["" if pd.isna(v) else str(v) for v in row],
            }
        )
        for k, row in enumerate(codes)
    ]


def _alpha(result, comparison="coders"):
    rows = result.alphas[result.alphas["comparison"] == comparison]
    return float(rows["alpha"].iloc[0])


def test_alpha_equals_the_krippendorff_package_on_its_documented_example():
    data = _example()
    interval = agreement(_sheets("hedges", data), n_boot=0)
    assert _alpha(interval) == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="interval")
    )
    assert _alpha(interval) == pytest.approx(0.811, abs=0.001)  # the published value
    coded = [[KINDS[v] if not pd.isna(v) else None for v in row] for row in data]
    nominal = agreement(_sheets("kind", coded, unit="mention"), n_boot=0)
    assert _alpha(nominal) == pytest.approx(0.691, abs=0.001)
    assert nominal.alphas["n_units"].iloc[0] == 12  # units coded by two coders or more


def test_a_coder_against_itself_agrees_perfectly():
    row = ["negative", "neutral", "positive", "neutral", "negative", "positive"]
    result = agreement(_sheets("tone", [row, row]), n_boot=200)
    found = result.alphas.iloc[0]
    assert found["alpha"] == 1.0 and found["percent_agreement"] == 1.0
    assert found["alpha_low"] == 1.0 and found["alpha_high"] == 1.0


def test_the_tool_against_the_coders_majority_matches_a_hand_count():
    # majority of three coders per unit: pos, pos, neg, neg, neu, (tie), pos
    coders = [
        ["positive", "positive", "negative", "negative", "neutral", "positive", "positive"],
        ["positive", "negative", "negative", "neutral", "neutral", "negative", "positive"],
        ["negative", "positive", "negative", "negative", "neutral", "neutral", "positive"],
    ]
    tool = ["positive", "negative", "negative", "positive", "neutral", "negative", "neutral"]
    machine = pd.DataFrame(
        {"unit_id": [f"u{i}" for i in range(7)], "variable": "tone", "code": tool}
    )
    result = agreement(_sheets("tone", coders), machine, n_boot=0)
    scores = result.classes.set_index("class")
    # positive: tool says it for u0, u3 (majority pos, neg) -> P 1/2; majority positive
    # on u0, u1, u6, tool right on u0 only -> R 1/3; F1 = 2PR/(P+R) = 0.4
    assert scores.at["positive", "precision"] == pytest.approx(1 / 2)
    assert scores.at["positive", "recall"] == pytest.approx(1 / 3)
    assert scores.at["positive", "f1"] == pytest.approx(0.4)
    # negative: tool on u1, u2 (majority pos, neg): P 1/2; majority neg u2, u3: R 1/2
    assert scores.at["negative", "f1"] == pytest.approx(0.5)
    assert scores.at["neutral", "f1"] == pytest.approx(2 / 3)  # u4 right, u6 wrong: P 1/2, R 1
    assert any("tie on 1 unit" in p for p in result.problems)  # u5 left out


def test_class_scores_are_plain_precision_recall_f1():
    truth = pd.Series(["a", "a", "b", "b"])
    tool = pd.Series(["a", "b", "b", "b"])
    s = class_scores(tool, truth).set_index("class")
    assert (s.at["a", "precision"], s.at["a", "recall"]) == (1.0, 0.5)
    assert s.at["b", "precision"] == pytest.approx(2 / 3) and s.at["b", "recall"] == 1.0
    assert s.at["(macro)", "f1"] == pytest.approx((2 / 3 + 0.8) / 2)


def test_bad_sheets_get_a_message_and_a_result_for_the_rest():
    good = pd.DataFrame(
        {
            "coder": "ann",
            "unit": "sentence",
            "unit_id": ["u0", "u1", "u2", "u3", "u1"],  # u1 twice
            "tone": ["negative", "Positive ", "postive", "", "negative"],  # a typo, an empty
            "hedges": ["1", "0", "two", "2", "0"],
        }
    )
    other = pd.DataFrame(
        {
            "coder": "bob",
            "unit": "sentence",
            "unit_id": ["u0", "u1", "u2", "u3"],
            "tone": ["negative", "positive", "neutral", "neutral"],
        }
    )  # no hedges column
    third = pd.DataFrame({"coder": "cy", "tone": ["negative"]})  # no unit ids at all
    extra = other.assign(coder="dee")  # an extra coder is welcome
    result = agreement([good, other, third, extra], n_boot=50)
    text = " ".join(result.problems)
    assert "“postive”" in text and "not in the codebook" in text
    assert "“two”" in text
    assert "coded more than once" in text and "first code of each is kept" in text
    assert "no unit_id column" in text
    assert "sheet 2: no column frame, hedges" in text
    assert result.coders == ["ann", "bob", "dee"]
    tone = result.alphas[result.alphas["variable"] == "tone"].iloc[0]
    assert tone["n_units"] == 4 and not math.isnan(tone["alpha"])
    codes = result.codes.set_index(["coder", "unit_id", "variable"])["code"]
    assert codes[("ann", "u1", "tone")] == "positive"  # first kept, normalised


@pytest.fixture(scope="module")
def small():
    text = (
        "Ministers Agree Trade Pact\n\nTrade Minister Ana Ruiz said the pact may lift exports. "
        "Critics said it would hurt farmers."
    )
    return analyse(Article.from_text(text, article_id="pact"))


def test_the_coding_sheet_holds_the_tools_units_but_not_its_codes(small, tmp_path):
    units = coding_units(small)
    assert units["sentence"]["text"].tolist() == small.sentences["text"].tolist()
    assert "Ana Ruiz" in units["mention"]["text"].tolist()
    said = units["attribution"]["text"].tolist()
    assert any(
        t.startswith("[Trade Minister Ana Ruiz] <said> {the pact may lift exports") for t in said
    )
    paths = write_coding_sheet([small], tmp_path)
    book = load_workbook(paths["xlsx"], read_only=True)
    assert book.sheetnames == ["sentences", "mentions", "attributions", "codebook"]
    sentences = pd.read_csv(paths["sentences"], keep_default_na=False)
    assert (sentences[["tone", "frame", "hedges"]] == "").all().all()  # empty for coders
    tool = pd.read_csv(paths["tool"])
    ruiz = units["mention"].loc[units["mention"]["text"] == "Ana Ruiz", "unit_id"].iloc[0]
    assert tool.set_index(["unit_id", "variable"]).at[(ruiz, "kind"), "code"] == "person"
    hedged = tool[(tool["variable"] == "hedges") & (tool["unit_id"] == "pact:s1")]
    assert hedged["code"].astype(int).iloc[0] == 1  # "may"
    assert set(tool["variable"]) == set(VARIABLES)


def test_the_sheet_read_back_against_the_tool_agrees_with_itself(small, tmp_path):
    paths = write_coding_sheet([small], tmp_path)
    tool = tool_codes(small)
    sheet = pd.read_csv(paths["sentences"], keep_default_na=False, dtype=str)
    codes = tool.pivot(index="unit_id", columns="variable", values="code")
    for variable in ("tone", "frame", "hedges"):
        sheet[variable] = sheet["unit_id"].map(codes[variable]).fillna("")
    result = agreement([sheet.assign(coder="mirror")], paths["tool"], n_boot=0)
    rows = result.alphas.set_index("variable")
    assert (rows["percent_agreement"] == 1.0).all()


def test_framing_agree_on_the_committed_example(tmp_path, capsys):
    sheet_dir = tmp_path / "sheet"
    assert main(["coding-sheet", "--out", str(sheet_dir)]) == 0
    assert "## Coding variables" in (sheet_dir / "codebook.md").read_text(encoding="utf-8")
    coders = PROJECT_ROOT / "seeds" / "coding"
    out = tmp_path / "agree"
    code = main(
        [
            "agree",
            str(coders / "coder-a.csv"),
            str(coders / "coder-b.csv"),
            "--tool",
            str(sheet_dir / "tool-codes.csv"),
            "--out",
            str(out),
            "--bootstrap",
            "100",
        ]
    )
    assert code == 0
    table = pd.read_csv(out / "agreement.csv")
    assert set(table["comparison"]) == {"coders", "coder-a vs tool", "coder-b vs tool"}
    assert set(table["variable"]) == set(VARIABLES)
    recal = pd.read_csv(out / "recal" / "tone.csv", header=None)
    assert recal.shape == (21, 2)  # a row a sentence, a column a coder
    assert set(recal.stack()) <= {1, 2, 3}  # numeric codes
    with_tool = pd.read_csv(out / "recal" / "tone-with-tool.csv", header=None)
    assert with_tool.shape == (21, 3)  # coder-a, coder-b, the tool
    legend = json.loads((out / "recal" / "codes.json").read_text(encoding="utf-8"))
    assert legend["tone.csv"]["codes"] == {"negative": 1, "neutral": 2, "positive": 3}
    assert "Agreement with your coders" in (out / "agreement.html").read_text(encoding="utf-8")
    # the report gains the section
    report = main(
        ["report", "--out", str(tmp_path / "r"), "--agreement", str(out / "agreement.csv")]
    )
    assert report == 0
    page = (tmp_path / "r" / "russia-iran-treaty" / "report.html").read_text(encoding="utf-8")
    assert "Agreement with your coders" in page and "coder-a vs tool" in page
    capsys.readouterr()


def test_framing_agree_with_no_readable_sheet_says_what_to_do(tmp_path, capsys):
    junk = tmp_path / "junk.csv"
    junk.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["agree", str(junk), "--out", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err
    assert "no unit_id column" in err
    missing = main(["agree", str(tmp_path / "nothing.xlsx"), "--out", str(tmp_path / "o")])
    assert missing == 2 and "no such coding sheet" in capsys.readouterr().err


def test_coding_sheet_and_agree_never_write_over_files_they_did_not_write(tmp_path, capsys):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.csv").write_text("my own notes\n", encoding="utf-8")
    assert main(["coding-sheet", "--out", str(mine)]) == 2
    assert "holds files the tool did not write" in capsys.readouterr().err
    coders = PROJECT_ROOT / "seeds" / "coding"
    assert main(["agree", str(coders / "coder-a.csv"), "--out", str(mine)]) == 2
    assert sorted(p.name for p in mine.iterdir()) == ["notes.csv"]
    assert (mine / "notes.csv").read_text(encoding="utf-8") == "my own notes\n"


def test_a_filled_workbook_is_read_sheet_by_sheet(small, tmp_path):
    paths = write_coding_sheet([small], tmp_path / "sheet")
    filled = tmp_path / "ann.xlsx"
    book = load_workbook(paths["xlsx"])
    sheet = book["sentences"]
    header = [c.value for c in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, header.index("tone") + 1, " Neutral ")
    mentions = book["mentions"]
    header = [c.value for c in mentions[1]]
    mentions.cell(2, header.index("kind") + 1, "person")
    book.save(filled)
    result = agreement([filled], paths["tool"], n_boot=0)
    assert result.coders == ["ann"]  # named by the file: the coder column is empty
    coded = result.codes[result.codes["coder"] == "ann"]
    assert set(coded["variable"]) == {"tone", "kind"}
    assert set(coded.loc[coded["variable"] == "tone", "code"]) == {"neutral"}
    assert result.problems == []
