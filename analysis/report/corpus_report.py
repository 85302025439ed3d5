"""``framing corpus``: analyse a corpus and write its page (and, if asked, each
article's report in the same pass).

The run claims its output folder (:mod:`analysis.io.outdir`): new, empty, or one an
earlier corpus run wrote. It appends a row of metrics per article to
``corpus_metrics.csv`` as they finish (:func:`analysis.pipeline.corpus.analyse`), so an
interrupted run continues where it stopped; it then writes ``skipped.csv``, the figures,
``report.html`` (:func:`analysis.report.corpus_page.write_page`) and ``run.json``, what
this run did.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ..errors import ArticleLoadError, FramingError
from ..io import outdir
from ..measures.frames import load_scheme
from ..paths import DATA_DIR
from ..pipeline.article import ArticleAnalysis
from ..pipeline.corpus import analyse, check_by, check_by_values, join_extras
from ..pipeline.corrections import load_corrections
from ..pipeline.saved import PACKAGE_FILE, WORKBOOK_FILE, write_sheets
from ..version import __version__
from .corpus_page import REPORTS_FOLDER, report_folder, write_page
from .writer import write_article

__all__ = ["write_corpus_report", "RUN_FILE", "run_note"]

#: What the last run did (counts, time, version), beside the table.
RUN_FILE = "run.json"


def _write_article_report(reports: str, row: int, result: ArticleAnalysis) -> None:
    """One article's full report, in the worker that analysed it."""
    folder = Path(reports) / report_folder(result.article.article_id, row)
    write_article(result.article, folder, result=result, workers=1)


def write_corpus_report(
    source,
    *,
    out_dir: str | os.PathLike,
    workers: int | None = None,
    chunksize: int = 200,
    resume: bool = True,
    progress: bool | None = None,
    by: Sequence[str] = (),
    log: Callable[[str], None] | None = None,
    text_column: str | None = None,
    reports: bool = False,
    corrections: str | os.PathLike | None = None,
) -> Path:
    """Analyse a corpus file or folder and write its report.

    Writes into ``out_dir``: ``corpus_metrics.csv`` (one row an article, appended as rows
    finish; an earlier, interrupted run is continued unless ``resume=False``; the
    input's other columns, e.g. a ``category``, are joined at the end), ``skipped.csv``
    (rows that could not be analysed, with their row number and why), figures of tone,
    frames, actors and sources over the corpus, by month, by outlet and by each column
    in ``by``, ``report.html`` with all of them, and ``run.json``. Returns the folder.

    ``out_dir`` must be new, empty, or a folder an earlier corpus run wrote
    (:mod:`analysis.io.outdir`): the run never writes over files it did not write. A run
    holds the folder while it works; a second run into it stops at once.

    Parameters
    ----------
    by : sequence of str
        Input columns to group by as well as outlet and month (e.g. ``["category"]``);
        checked against a CSV or JSONL corpus's columns before any article is analysed.
    log : callable, optional
        Gets plain progress lines when there is no progress bar, and notes (a ``--by``
        column that is empty everywhere).
    text_column : str, optional
        See :func:`analysis.pipeline.corpus.analyse`.
    reports : bool
        Also write each analysed article's full report into ``reports/`` (in the same
        pass: each article is still analysed once), linked from the article list.
    corrections : path, optional
        Corrections by hand by article id (see :mod:`analysis.pipeline.corrections`),
        checked before anything is written. Rows kept from an earlier run keep the
        corrections of that run: after changing the file, run again with ``resume=False``.
    """
    path = Path(source)
    if not path.exists():
        raise ArticleLoadError(path, "no such file or folder.", "Check the path.")
    if path.is_file() and path.suffix.lower() in (".csv", ".jsonl", ".ndjson"):
        check_by(path, by, text_column)
    fixes = None if corrections is None else load_corrections(corrections)
    key = outdir.source_key(path)
    folder = outdir.claim_folder(Path(out_dir), kind="corpus", key=key)
    with outdir.lock(folder, what="corpus run"):
        marker = outdir.read_marker(folder) or {}
        table_path = folder / "corpus_metrics.csv"
        if resume and table_path.exists() and marker.get("source") not in ("", key):
            raise FramingError(
                f"--out {folder} holds the report of another corpus ({marker.get('source')}); "
                "start over with --restart (resume=False) or write to another --out folder."
            )
        outdir.write_marker(folder, kind="corpus", key=key)
        extras: dict[int, dict[str, Any]] = {}
        stats: dict[str, Any] = {}
        keep = partial(_write_article_report, str(folder / REPORTS_FOLDER)) if reports else None
        started = time.perf_counter()
        analyse(
            path,
            workers=workers,
            chunksize=chunksize,
            out=table_path,
            resume=resume,
            progress=progress,
            log=log,
            extras=extras,
            text_column=text_column,
            stats=stats,
            keep=keep,
            corrections=fixes,
        )
        if not table_path.exists():
            raise FramingError(f"{path}: the corpus holds no rows to analyse.")
        metrics = join_extras(pd.read_csv(table_path), extras, table_path)
        check_by_values(metrics, path, by, log)
        skipped = metrics.loc[metrics["status"] == "skipped", ["row", "article_id", "reason"]]
        skipped.to_csv(folder / "skipped.csv", index=False, lineterminator="\n")
        on_disk = pd.read_csv(table_path)
        write_parquet(on_disk, folder / "corpus_metrics.parquet")
        write_corpus_package(folder, {"corpus_metrics": on_disk, "skipped": skipped})
        run = {
            "version": __version__,
            "source": key,
            "seconds": round(time.perf_counter() - started, 1),
            **stats,
            "in_table": {
                "analysed": int((metrics["status"] == "ok").sum()),
                "skipped": int((metrics["status"] != "ok").sum()),
                "corrections": int(metrics["n_corrections"].fillna(0).sum()),
                "corrected_articles": int((metrics["n_corrections"].fillna(0) > 0).sum()),
            },
        }
        (folder / RUN_FILE).write_text(json.dumps(run, indent=1) + "\n", encoding="utf-8")
        write_page(metrics, folder, source=path, by=list(by), run_note=run_note(run))
    return folder


def corpus_schema(name: str, frame: pd.DataFrame) -> dict:
    """The Table Schema of a corpus table: each column's type, unit and description
    (``data/corpus_tables.yaml``; frame and source columns from the lexicons; the input's
    own columns as it gave them)."""
    spec = _corpus_tables()[name]["fields"]
    labels = {
        f"{scheme}_{key}": (scheme, label)
        for scheme in ("policy", "generic")
        for key, label in load_scheme(scheme).labels.items()
    }
    fields = []
    for column in map(str, frame.columns):
        if column in spec:
            info = dict(spec[column])
        elif column in labels:
            scheme, label = labels[column]
            info = {
                "type": "number",
                "unit": "per 1,000 words",
                "description": f"Cues of the {scheme} frame {label} per 1,000 words.",
            }
        elif column.startswith("quoted_"):
            kind = column.removeprefix("quoted_").replace("_", " ")
            info = {
                "type": "number",
                "unit": "share",
                "description": f"Share of attributed words given to sources of the kind {kind}.",
            }
        else:
            number = pd.api.types.is_numeric_dtype(frame[column])
            info = {
                "type": "number" if number else "string",
                "description": "A column of the input.",
            }
        fields.append({"name": column, **info})
    return {"fields": fields, "missingValues": [""]}


@lru_cache(maxsize=1)
def _corpus_tables() -> dict:
    return yaml.safe_load((DATA_DIR / "corpus_tables.yaml").read_text(encoding="utf-8"))


def write_corpus_package(folder: Path, tables: dict[str, pd.DataFrame]) -> Path:
    """``datapackage.json`` describing the corpus's CSVs (a Frictionless tabular data
    package), and ``tables.xlsx``, the same tables as one workbook."""
    resources = []
    for name, frame in tables.items():
        info = _corpus_tables()[name]
        resources.append(
            {
                "profile": "tabular-data-resource",
                "name": name.replace("_", "-"),
                "path": f"{name}.csv",
                "title": info["title"],
                "description": info["description"],
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": corpus_schema(name, frame),
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": "framing-corpus",
        "title": "Framing metrics of a corpus",
        "version": __version__,
        "created_by": f"framing {__version__}",
        "resources": resources,
    }
    path = folder / PACKAGE_FILE
    path.write_text(json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_sheets(tables, folder / WORKBOOK_FILE, described=_corpus_tables())
    return path


def write_parquet(metrics: pd.DataFrame, path: Path) -> Path:
    """The corpus table as Parquet (typed as the CSV reads, compressed, read fast by
    pandas, R's arrow, DuckDB or Spark); text columns as strings, so that a column of
    the input that mixes numbers and words still writes."""
    table = metrics.copy()
    for column in table.columns:
        if table[column].dtype == object:
            table[column] = table[column].astype("string")
    table.to_parquet(path, index=False)
    return path


def run_note(run: dict[str, Any]) -> str:
    """What a run did and what the folder holds, in one or two sentences: after a
    resume the two differ ("this run analysed 132 articles; 68 were kept from an
    earlier run; the table holds 200")."""
    analysed, skipped, kept = run.get("analysed", 0), run.get("skipped", 0), run.get("kept", 0)
    held = run.get("in_table", {})
    text = f"This run analysed {analysed:,} article{'s' if analysed != 1 else ''}"
    if skipped:
        text += f" and skipped {skipped:,}"
    text += f" in {run.get('seconds', 0):.0f} s"
    if kept:
        text += (
            f"; {kept:,} row{'s were' if kept != 1 else ' was'} kept from an earlier run, so "
            f"the table holds {held.get('analysed', 0):,} analysed and "
            f"{held.get('skipped', 0):,} skipped"
        )
    if held.get("corrections"):
        n, articles = held["corrections"], held.get("corrected_articles", 0)
        text += (
            f"; {n:,} correction{'s' if n != 1 else ''} by hand "
            f"{'were' if n != 1 else 'was'} applied to {articles:,} "
            f"article{'s' if articles != 1 else ''} (n_corrections in the table)"
        )
    return text + "."
