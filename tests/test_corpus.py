"""Corpus scale: one pure function, the same rows whichever way it runs, bad rows reported."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import FramingError
from analysis.cli import main
from analysis.pipeline.corpus import analyse, analyse_article, metric_columns

ARTICLES = [
    (
        "a1",
        "Daily Wire",
        "2025-01-17",
        "Tariff War Hits Farmers\nFarmers said new tariffs on grain exports would raise prices. The trade minister warned of losses.",
    ),
    (
        "a2",
        "Daily Wire",
        "2025-02-03",
        "Troops Move to Border\nTroops and missiles were moved to the border, the army said. Officials feared an attack.",
    ),
    (
        "a3",
        "Evening Post",
        "2025-01-20",
        "Court Strikes Down Law\nThe supreme court ruled that the law was unconstitutional. Lawyers welcomed the ruling.",
    ),
    (
        "a4",
        "Evening Post",
        "2025-02-11",
        "Summit Ends in Agreement\nLeaders hailed a historic agreement on trade and security at the summit. Analysts suggest it could fail.",
    ),
]


def corpus_rows() -> list[dict]:
    return [{"article_id": i, "outlet": o, "date": d, "text": t} for i, o, d, t in ARTICLES]


def test_seed_row_has_the_framing_metrics(seed_path):
    row = analyse_article({"article_id": "seed", "text": seed_path.read_text(encoding="utf-8")})
    assert row["status"] == "ok" and row["n_sentences"] == 18
    assert set(row) == set(metric_columns()) - {"row"}  # the row number is the corpus's
    assert set(row["top_actors"].split("; ")[:2]) == {"Russia", "Iran"}
    assert row["policy_security_and_defense"] > 0 and row["generic_conflict"] > 0
    assert 0 < row["quoted_named_official"] <= 1
    assert "treaty" in row["top_keyphrases"]


def test_three_execution_paths_give_identical_tables(tmp_path):
    import dask
    import dask.dataframe as dd

    rows = corpus_rows()
    single = analyse(pd.DataFrame(rows), workers=1)
    pooled = analyse(pd.DataFrame(rows), workers=2, chunksize=3)
    with dask.config.set(scheduler="synchronous"):
        distributed = (
            analyse(dd.from_pandas(pd.DataFrame(rows), npartitions=2))
            .compute()
            .reset_index(drop=True)
        )
    assert list(single.columns) == metric_columns()
    pd.testing.assert_frame_equal(single, pooled)
    pd.testing.assert_frame_equal(single, distributed)
    by_id = single.set_index("article_id")
    assert by_id.at["a1", "policy_economic"] > by_id.at["a2", "policy_economic"]
    assert by_id.at["a2", "policy_security_and_defense"] > 0
    assert by_id.at["a3", "policy_legality"] > 0


def test_bad_rows_are_reported_and_no_other_row_is_lost(tmp_path):
    rows = corpus_rows()
    rows.insert(1, {"article_id": "empty", "text": "   "})
    rows.insert(
        3,
        {
            "article_id": "foreign",
            "text": "Los ministros firmaron el acuerdo en Ginebra el lunes después de semanas de negociaciones difíciles con los vecinos.",
        },
    )
    rows.append({"article_id": "binary", "text": "\x00\x01\x02 binary \x03\x04\x05 data"})
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    table = analyse(path)
    assert table["article_id"].tolist() == [r["article_id"] for r in rows]
    status = table.set_index("article_id")["status"]
    assert status[["empty", "foreign", "binary"]].tolist() == ["skipped"] * 3
    assert (status[["a1", "a2", "a3", "a4"]] == "ok").all()
    reasons = table.set_index("article_id")["reason"]
    assert (
        "empty" in reasons["empty"]
        and "English" in reasons["foreign"]
        and "binary" in reasons["binary"]
    )


def test_streaming_to_csv_and_the_cli(tmp_path, capsys):
    path = tmp_path / "corpus.csv"
    pd.DataFrame(corpus_rows()).to_csv(path, index=False)
    out = tmp_path / "report"
    assert main(["corpus", str(path), "--out", str(out), "--workers", "1", "--chunksize", "2"]) == 0
    metrics = pd.read_csv(out / "corpus_metrics.csv")
    assert metrics["article_id"].tolist() == ["a1", "a2", "a3", "a4"]
    for name in ("frames_by_outlet.png", "tone_by_outlet.svg", "frames_by_month.png"):
        assert (out / name).stat().st_size > 0
    assert main(["corpus", str(tmp_path / "missing.jsonl"), "--out", str(out)]) == 2
    assert "no such file" in capsys.readouterr().err


# ------------------------------------------------------------ the corpus report (issue 15)
CATEGORIES = {"a1": "business", "a2": "world", "a3": "politics", "a4": "world"}


def _categorised(tmp_path):
    rows = [{**r, "category": CATEGORIES[r["article_id"]], "desk": 7} for r in corpus_rows()]
    path = tmp_path / "corpus.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_corpus_keeps_input_columns_and_groups_by_them(tmp_path, capsys):
    from html.parser import HTMLParser

    path = _categorised(tmp_path)
    out = tmp_path / "report"
    assert main(["corpus", str(path), "--out", str(out), "--workers", "1", "--by", "category"]) == 0
    metrics = pd.read_csv(out / "corpus_metrics.csv")
    assert dict(zip(metrics["article_id"], metrics["category"], strict=True)) == CATEGORIES
    assert metrics["desk"].tolist() == [7, 7, 7, 7]
    # the same table as Parquet, typed: numbers stay numbers
    stored = pd.read_parquet(out / "corpus_metrics.parquet")
    assert stored["article_id"].tolist() == metrics["article_id"].tolist()
    assert stored["desk"].tolist() == [7, 7, 7, 7] and stored["n_sentences"].dtype.kind in "if"
    # described by a valid data package, and as one workbook
    from frictionless import validate
    from openpyxl import load_workbook

    checked = validate(str(out / "datapackage.json"))
    assert checked.valid, checked.flatten(["type", "note"])[:5]
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    assert fields["policy_economic"]["unit"] == "per 1,000 words"
    assert fields["desk"]["description"] == "A column of the input."
    assert load_workbook(out / "tables.xlsx", read_only=True).sheetnames == [
        "tables",
        "corpus_metrics",
        "skipped",
    ]
    for name in ("tone_by_category.png", "frames_by_category.png", "tone_distribution.png"):
        assert (out / name).stat().st_size > 0
    page = (out / "report.html").read_text(encoding="utf-8")
    ids, links = set(), []

    class Page(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if "id" in attrs:
                ids.add(attrs["id"])
            if tag == "a" and attrs.get("href", "").startswith("#"):
                links.append(attrs["href"][1:])

    Page().feed(page)
    assert {
        "articles",
        "tone",
        "frames",
        "sources",
        "by-outlet",
        "by-month",
        "by-category",
    } <= ids
    assert links and set(links) <= ids
    for article_id, _outlet, _date, text in ARTICLES:  # every article listed by its headline
        assert text.split("\n")[0] in page, article_id
    assert "The highest and lowest article on each measure" in page
    assert page.count("How far to trust this") >= 4  # a trust note in each section
    summary = page[page.index('id="summary"') : page.index('aria-label="Contents"')]
    assert "4 articles analysed" in summary
    assert "By category" not in summary  # one or two articles a category: no difference to state
    assert "95% interval of the tone" in page and "too few articles" in page
    err = capsys.readouterr().err
    assert "framing corpus: 4 article(s) analysed in" in err and str(out / "report.html") in err
    assert "This run analysed 4 articles" in page


def test_corpus_resumes_after_extras_were_joined(tmp_path, capsys):
    path = _categorised(tmp_path)
    out = tmp_path / "report"
    assert main(["corpus", str(path), "--out", str(out), "--workers", "1"]) == 0
    first = pd.read_csv(out / "corpus_metrics.csv")
    capsys.readouterr()
    assert main(["corpus", str(path), "--out", str(out), "--workers", "1"]) == 0  # resumes
    pd.testing.assert_frame_equal(pd.read_csv(out / "corpus_metrics.csv"), first)
    err = capsys.readouterr().err
    assert "framing corpus: 0 article(s) analysed" in err  # what this run did ...
    assert "4 row(s) kept from an earlier run, so the table holds 4 analysed" in err  # ... and held
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "This run analysed 0 articles" in page and "4 rows were kept" in page


def test_unknown_by_column_names_the_columns_there_are(tmp_path, capsys):
    path = _categorised(tmp_path)
    assert (
        main(["corpus", str(path), "--out", str(tmp_path / "r"), "--workers", "1", "--by", "desk_"])
        == 2
    )
    err = capsys.readouterr().err
    assert "--by desk_: no such column" in err and "category" in err


def test_progress_lines_when_not_on_a_terminal(tmp_path):
    lines = []
    analyse(pd.DataFrame(corpus_rows()), progress=False, log=lines.append, every=0.0)
    assert len(lines) == 4 and lines[-1].startswith("  4 of 4 articles done (0 skipped)")
    assert "per second" in lines[-1] and "left" in lines[0]  # time left until the last


@pytest.mark.parametrize("kind", ["jsonl", "csv", "folder"])
def test_the_total_is_counted_before_the_run(tmp_path, kind):
    from analysis.pipeline.corpus import count_rows

    rows = corpus_rows()
    rows[1]["text"] = 'Line one\n"quoted, with a comma"\nline three'  # a CSV cell over lines
    if kind == "jsonl":
        path = tmp_path / "c.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    elif kind == "csv":
        path = tmp_path / "c.csv"
        pd.DataFrame(rows).to_csv(path, index=False)
    else:
        path = tmp_path / "folder"
        path.mkdir()
        for r in rows:
            (path / f"{r['article_id']}.txt").write_text(r["text"], encoding="utf-8")
        (path / "notes.csv").write_text("not an article")
    assert count_rows(path) == 4 == len(analyse(path))
    assert count_rows(iter(rows)) is None


def test_reports_of_each_article_in_the_same_pass(tmp_path, monkeypatch):
    import analysis.pipeline.article as article

    path = tmp_path / "corpus.jsonl"
    rows = [*corpus_rows()[:2], {"article_id": "empty", "text": " "}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    parses = []
    real = article.parse
    monkeypatch.setattr(article, "parse", lambda t: parses.append(1) or real(t))
    out = tmp_path / "report"
    assert main(["corpus", str(path), "--out", str(out), "--workers", "1", "--reports"]) == 0
    assert len(parses) == 2  # each article analysed once, for its row and its report
    pages = sorted(p.relative_to(out).as_posix() for p in out.glob("reports/*/report.html"))
    assert pages == ["reports/1-a1/report.html", "reports/2-a2/report.html"]
    page = (out / "report.html").read_text(encoding="utf-8")
    assert '<a href="reports/1-a1/report.html">Tariff War Hits Farmers</a>' in page
    report = (out / "reports/1-a1/report.html").read_text(encoding="utf-8")
    assert "Tariff War Hits Farmers" in report


def test_empty_corpus():
    assert analyse(pd.DataFrame({"article_id": [], "text": []})).empty


@pytest.mark.parametrize("source", [42, 3.5])
def test_unreadable_source(source):
    from analysis import FramingError

    with pytest.raises(FramingError, match="cannot read a corpus"):
        analyse(source)


# ---------------------------------------------------------------- safety (issue 14)
def jsonl_with_bad_lines(path, *, big: int = 0) -> list[str]:
    """a1..a4 with an invalid JSON line, a number text, a list text and (optionally) a
    text over the size limit between them; returns the expected ids in order."""
    good = [json.dumps(r) for r in corpus_rows()]
    lines = [
        good[0],
        '{"article_id": "broken", "text": "unterminated',  # line 2
        good[1],
        json.dumps({"article_id": "number", "text": 42}),  # line 4
        json.dumps({"article_id": "list", "text": ["a", "b"]}),  # line 5
        "[1, 2, 3]",  # line 6: JSON, not an object
        good[2],
    ]
    if big:
        lines.append(json.dumps({"article_id": "huge", "text": "word " * big}))  # line 8
    lines.append(good[3])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def test_bad_jsonl_lines_are_skipped_with_line_and_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_MAX_BYTES", "20000")
    path = tmp_path / "corpus.jsonl"
    jsonl_with_bad_lines(path, big=10_000)
    table = analyse(path)
    assert table["row"].tolist() == list(range(1, 10))
    ok = table[table["status"] == "ok"]
    assert ok["article_id"].tolist() == ["a1", "a2", "a3", "a4"]
    skipped = table[table["status"] == "skipped"].set_index("row")["reason"]
    assert "line 2 is not valid JSON" in skipped[2]
    assert "int, not a string" in skipped[4]
    assert "list, not a string" in skipped[5]
    assert "line 6 is not a JSON object" in skipped[6]
    assert "over the limit of 20,000" in skipped[8]


def test_corpus_report_writes_skipped_csv(tmp_path):
    path = tmp_path / "corpus.jsonl"
    jsonl_with_bad_lines(path)
    out = tmp_path / "report"
    assert main(["corpus", str(path), "--out", str(out), "--workers", "1"]) == 0
    skipped = pd.read_csv(out / "skipped.csv")
    assert skipped["row"].tolist() == [2, 4, 5, 6]
    assert skipped["reason"].str.len().gt(0).all()
    metrics = pd.read_csv(out / "corpus_metrics.csv")
    assert metrics.loc[metrics["status"] == "ok", "article_id"].tolist() == ["a1", "a2", "a3", "a4"]


def test_a_rerun_resumes_instead_of_deleting(tmp_path, monkeypatch):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in corpus_rows()) + "\n", encoding="utf-8")
    target = tmp_path / "metrics.csv"
    analyse(path, out=target)
    complete = target.read_text(encoding="utf-8")
    # as if interrupted after two rows, in the middle of writing the third
    lines = complete.splitlines(keepends=True)
    target.write_text("".join(lines[:3]) + lines[3][:20], encoding="utf-8")
    calls = []
    import analysis.pipeline.corpus as corpus

    real = corpus.analyse_article
    monkeypatch.setattr(
        corpus,
        "analyse_article",
        lambda row, keep=None, fixes=None: calls.append(row) or real(row, keep, fixes),
    )
    table = analyse(path, out=target)
    assert [r["article_id"] for r in calls] == ["a3", "a4"]  # a1 and a2 were kept
    assert target.read_text(encoding="utf-8") == complete
    assert table["article_id"].tolist() == ["a1", "a2", "a3", "a4"]
    # the same output for another corpus is refused, not mixed
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"article_id": "zz", "text": "Other Story\nText."}) + "\n")
    with pytest.raises(FramingError, match="another corpus"):
        analyse(other, out=target)
    analyse(other, out=target, resume=False)  # starts over when asked
    assert pd.read_csv(target)["article_id"].tolist() == ["zz"]


def test_ctrl_c_keeps_finished_rows_and_says_how_to_resume(tmp_path, monkeypatch, capsys):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in corpus_rows()) + "\n", encoding="utf-8")
    import analysis.pipeline.corpus as corpus

    real = corpus.analyse_article

    def interrupt_at_third(row, keep=None, fixes=None):
        if row["article_id"] == "a3":
            raise KeyboardInterrupt
        return real(row, keep, fixes)

    monkeypatch.setattr(corpus, "analyse_article", interrupt_at_third)
    out = tmp_path / "report"
    code = main(["corpus", str(path), "--out", str(out), "--workers", "1", "--chunksize", "1"])
    err = capsys.readouterr().err
    assert code == 130 and "Traceback" not in err
    assert "interrupted; 2 article(s) are saved" in err and "again to continue" in err
    assert pd.read_csv(out / "corpus_metrics.csv")["article_id"].tolist() == ["a1", "a2"]
    monkeypatch.setattr(corpus, "analyse_article", real)
    assert main(["corpus", str(path), "--out", str(out), "--workers", "1"]) == 0
    assert pd.read_csv(out / "corpus_metrics.csv")["article_id"].tolist() == [
        "a1",
        "a2",
        "a3",
        "a4",
    ]


def test_workers_stream_and_match_one_process(tmp_path):
    rows = corpus_rows() * 3
    for k, row in enumerate(rows):
        row["article_id"] = f"{row['article_id']}-{k}"
    single = analyse(pd.DataFrame(rows), workers=1)
    pooled = analyse(pd.DataFrame(rows), workers=2)
    pd.testing.assert_frame_equal(single, pooled)


def test_group_differences_are_stated_only_where_intervals_part():
    from analysis.report.corpus_page import corpus_summary, group_column

    def metrics(tones: dict[str, list[float]]) -> pd.DataFrame:
        rows = [
            {"row": k, "article_id": f"{o}-{k}", "outlet": o, "status": "ok", "news_mean": t}
            for o, values in tones.items()
            for k, t in enumerate(values)
        ]
        frame = pd.DataFrame(rows)
        for column in metric_columns():
            if column not in frame.columns:
                frame[column] = 0.0 if column not in ("title", "date", "reason") else None
        frame["top_actors"] = ""
        return frame

    apart = metrics(
        {"Calm Times": [0.5, 0.45, 0.55, 0.5, 0.48], "Angry Post": [-0.5, -0.45, -0.52, -0.5]}
    )
    text = " ".join(
        s.text for s in corpus_summary(apart, {"outlet": group_column(apart, "outlet")})
    )
    assert (
        "By outlet, tone is lowest in Angry Post (-0.49) and highest in Calm Times (+0.50)" in text
    )
    close = metrics({"Calm Times": [0.5, -0.4], "Angry Post": [-0.5, 0.3]})
    text = " ".join(
        s.text for s in corpus_summary(close, {"outlet": group_column(close, "outlet")})
    )
    assert "By outlet" not in text
