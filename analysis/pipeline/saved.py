"""A saved analysis: every table as CSV in ``data/``, described by a Frictionless Data
``datapackage.json``, and the article itself, so that a view (the report, a notebook, a
comparison) reads the results instead of analysing again.

The descriptions of the tables and their columns come from ``data/tables.yaml``, which
the codebook reads too. Cells that hold lists are JSON arrays (Table Schema's ``array``
type), so every table reads back as it was written (:func:`read_table`).
"""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..errors import FramingError
from ..paths import DATA_DIR, PROJECT_ROOT
from ..text.article import Article
from ..version import __version__
from .corrections import CORRECTION_COLUMNS
from .counts import Counts
from .statements import Statement

__all__ = [
    "result_tables",
    "save_result",
    "load_result",
    "table_schema",
    "table_info",
    "write_csv",
    "read_table",
    "DATA_FOLDER",
    "table_dictionary",
    "WORKBOOK_FILE",
    "write_workbook",
    "write_sheets",
    "PACKAGE_FILE",
]

#: Where the tables go inside a report's folder.
DATA_FOLDER = "data"
#: The data package that describes them.
PACKAGE_FILE = "datapackage.json"
_RESULTS_FILE = "results.json"
_ARTICLE_FILE = "article.json"


@lru_cache(maxsize=1)
def _dictionary() -> dict:
    return yaml.safe_load((DATA_DIR / "tables.yaml").read_text(encoding="utf-8"))


def table_dictionary() -> dict[str, dict]:
    """Every table the package writes, as ``data/tables.yaml`` describes it."""
    return dict(_dictionary()["tables"])


def table_info(name: str) -> dict:
    """What ``data/tables.yaml`` says of a table: title, description, card, fields."""
    tables = _dictionary()["tables"]
    if name not in tables:
        raise FramingError(f"no description of the table {name!r} in tables.yaml")
    return tables[name]


def field_info(table: str, column: str) -> dict:
    """The type, unit and description of a column (the table's own entry, else the
    shared one, else inferred as a string with no description)."""
    own = (_dictionary()["tables"].get(table) or {}).get("fields") or {}
    if column in own:
        return dict(own[column])
    shared = _dictionary()["shared"]
    return dict(shared.get(column, {"type": "string", "description": ""}))


def table_schema(name: str, frame: pd.DataFrame) -> dict:
    """The Table Schema of a saved table: each column's name, type, unit and description."""
    fields = []
    for column in frame.columns:
        info = field_info(name, str(column))
        field = {"name": str(column), "type": info.get("type", "string")}
        if info.get("unit"):
            field["unit"] = info["unit"]
        field["description"] = info.get("description", "")
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


def result_tables(result) -> dict[str, pd.DataFrame]:
    """Every table of an analysis by the name it is saved under, as it reads back from
    CSV: an empty text is a missing value (None)."""
    return {name: _canonical(frame) for name, frame in _tables(result).items()}


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index(drop=True).copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            out[column] = values.map(
                lambda v: (
                    None
                    if v is None
                    or (isinstance(v, str) and not v)
                    or (isinstance(v, float) and math.isnan(v))
                    or v is pd.NA
                    else v
                )
            ).astype(object)
    return out


def _tables(result) -> dict[str, pd.DataFrame]:
    tone = pd.concat([result.article_tone, result.section_tone], ignore_index=True)
    rates = pd.concat([result.hedging_rates, result.hedging_by_section], ignore_index=True)
    return {
        "sentences": result.sentences,
        "tone": result.tone,
        "article_tone": tone,
        "economic_events": result.economic_events,
        "mentions": result.mentions,
        "actors": result.actors,
        "cooccurrence": result.cooccurrence,
        "quotes": result.quotes,
        "hedging": result.hedging,
        "hedging_rates": rates,
        "policy_frames": result.policy_frames,
        "generic_frames": result.generic_frames,
        "frame_profile": result.frame_profile,
        "keywords": result.keywords,
        "keyphrases": result.keyphrases,
        "keyness": result.keyness,
        "loaded_language": result.loaded_language,
        "mention_tone": result.mention_tone,
        "actor_tone": result.actor_tone,
        "topic_terms": result.topic_terms,
        "sentence_topics": result.sentence_topics,
        "corrections": result.corrections_applied,
        "summary": _statements(result.summary_statements),
        "findings": pd.concat(
            [_statements(v).assign(section=k) for k, v in result.findings.items()],
            ignore_index=True,
        )[["section", "kind", "text", "anchor", "sentence_ids"]],
    }


def _statements(statements) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "kind": s.kind,
                "text": s.text,
                "anchor": s.anchor,
                "sentence_ids": list(s.sentence_ids),
            }
            for s in statements
        ],
        columns=["kind", "text", "anchor", "sentence_ids"],
    )


def _cell(value: Any) -> Any:
    """A cell as CSV holds it: lists and tuples as JSON arrays."""
    if isinstance(value, list | tuple | np.ndarray):
        return json.dumps(_plain(value), ensure_ascii=False)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple | np.ndarray):
        return [_plain(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return None if math.isnan(value) else float(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` as CSV with stable formatting: list cells as JSON arrays,
    numbers written in full (they read back exactly), ``\\n`` line ends."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, list | tuple | np.ndarray)).any():
            frame[column] = frame[column].map(_cell)
    frame.to_csv(path, index=False, lineterminator="\n")
    return Path(path)


def read_table(path: str | Path, schema: dict) -> pd.DataFrame:
    """A table written by :func:`write_csv`, its columns typed by ``schema`` (arrays
    parsed, integers as integers, booleans as booleans, missing values as NaN/None)."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[])
    out = {}
    for field in schema["fields"]:
        name, kind = field["name"], field.get("type", "string")
        column = raw[name] if name in raw.columns else pd.Series([""] * len(raw), dtype=str)
        out[name] = _typed(column, kind)
    return pd.DataFrame(out, columns=[f["name"] for f in schema["fields"]])


def _typed(column: pd.Series, kind: str) -> pd.Series:
    missing = column == ""
    if kind == "array":
        return column.map(lambda v: json.loads(v) if v else [])
    if kind == "integer":
        values = pd.to_numeric(column.where(~missing), errors="coerce")
        if missing.any():
            return values.astype("Int64")
        return values.astype("int64")
    if kind == "number":
        return pd.to_numeric(column.where(~missing), errors="coerce").astype(float)
    if kind == "boolean":
        return column.map(lambda v: None if v == "" else v in ("True", "true", "1"))
    return column.where(~missing, None).astype(object)


#: The workbook beside the data package: every table on a sheet of its own.
WORKBOOK_FILE = "tables.xlsx"
#: What a spreadsheet would run as a formula ("=HYPERLINK(...)", "+1", "@SUM"):
#: such text is written as text.
_FORMULA_START = ("=", "+", "-", "@")


def write_workbook(tables: dict[str, pd.DataFrame], path: str | Path) -> Path:
    """One Excel workbook for readers who do not program: a first sheet listing the
    tables (title, description, method card), then a sheet a table, named as its CSV
    file. Lists are written as in the CSVs (JSON arrays); text that a spreadsheet would
    run as a formula stays text; characters Excel cannot hold are dropped."""
    return write_sheets(tables, path, described={name: table_info(name) for name in tables})


def write_sheets(
    sheets: dict[str, pd.DataFrame], path: str | Path, *, described: dict | None = None
) -> Path:
    """Write each frame on a sheet of its own (names cut to Excel's 31 characters).
    With ``described`` (name -> ``title``, ``description``, ``card``), a first sheet
    ``tables`` lists each sheet with them and its number of rows."""
    book = Workbook(write_only=True)
    names: dict[str, str] = {}
    for name in sheets:
        sheet_name = name[:31]
        while sheet_name in names.values() or (described and sheet_name == "tables"):
            sheet_name = sheet_name[:28] + f"_{len(names)}"
        names[name] = sheet_name
    if described is not None:
        first = book.create_sheet("tables")
        first.append(["sheet", "title", "description", "method card", "rows"])
        for name, frame in sheets.items():
            info = described[name]
            first.append(
                [
                    names[name],
                    info["title"],
                    info["description"],
                    info.get("card") or "",
                    len(frame),
                ]
            )
    for name, frame in sheets.items():
        sheet = book.create_sheet(names[name])
        sheet.append([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            sheet.append([_sheet_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    Path(path).write_bytes(_reproducible(buffer.getvalue()))
    return Path(path)


#: The time every workbook says it was made: the same tables give the same bytes.
_WORKBOOK_TIME = "2000-01-01T00:00:00Z"
_TIMESTAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _reproducible(data: bytes) -> bytes:
    """The workbook with its creation and change times and its zip entries' times
    fixed, so that ``make figures`` writes the same bytes for the same tables."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _TIMESTAMP.sub(rb"\g<1>" + _WORKBOOK_TIME.encode() + rb"\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()


def _sheet_cell(sheet, value: Any):
    value = _plain(_cell(value))
    if isinstance(value, np.bool_):
        value = bool(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell = WriteOnlyCell(sheet, value=text)
    if text.startswith(_FORMULA_START):
        cell.data_type = "s"  # text, never a formula
    return cell


def save_result(result, folder: str | Path) -> dict[str, Path]:
    """Write every table of ``result`` into ``folder/data`` as CSV, the article as JSON,
    ``folder/datapackage.json`` describing them (a Frictionless tabular data package),
    and the same tables as one Excel workbook (``folder/tables.xlsx``); returns the CSV
    paths by table."""
    folder = Path(folder)
    data = folder / DATA_FOLDER
    data.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    resources = []
    tables = result_tables(result)
    for name, frame in tables.items():
        path = write_csv(frame, data / f"{name}.csv")
        written[name] = path
        info = table_info(name)
        resource = {
            "profile": "tabular-data-resource",
            "name": name.replace("_", "-"),
            "path": f"{DATA_FOLDER}/{name}.csv",
            "title": info["title"],
            "description": info["description"],
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": table_schema(name, frame),
        }
        if info.get("card"):
            resource["method_card"] = info["card"]
        resources.append(resource)
    record = result.article.to_record()
    record["source"] = portable_source(record["source"])
    (data / _ARTICLE_FILE).write_text(
        json.dumps(record, ensure_ascii=False, indent=1) + "\n", "utf-8"
    )
    counts = result.counts
    results = {
        "version": __version__,
        "scheme": result.scheme if isinstance(result.scheme, str) else "custom",
        "counts": {k: int(v) for k, v in vars(counts).items()},
        "topic_notes": result.topic_notes,
        "frame_label": result.frame_label,
    }
    (data / _RESULTS_FILE).write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    package = {
        "profile": "tabular-data-package",
        "name": _package_name(result.article.article_id),
        "title": f"Framing analysis of {result.article.title or result.article.article_id}",
        "version": __version__,
        "created_by": f"framing {__version__}",
        "resources": resources,
    }
    (folder / PACKAGE_FILE).write_text(
        json.dumps(package, ensure_ascii=False, indent=1) + "\n", "utf-8"
    )
    write_workbook(tables, folder / WORKBOOK_FILE)
    return written


def portable_source(source: str) -> str:
    """A source path relative to the project when it lies inside it, so a saved
    analysis does not depend on where the checkout lives; other paths and URLs as they are."""
    try:
        return Path(source).resolve().relative_to(PROJECT_ROOT).as_posix()
    except (ValueError, OSError):
        return source


def _package_name(article_id: str) -> str:
    name = "".join(c if c.isalnum() or c in "-._" else "-" for c in article_id.lower()).strip("-")
    return f"framing-{name or 'article'}"


def load_result(cls, folder: str | Path, article: Article | None = None):
    """The analysis saved in ``folder`` (:func:`save_result`), every saved table in
    place; raises FramingError when the folder holds no saved analysis."""
    folder = Path(folder)
    package_path = folder / PACKAGE_FILE
    data = folder / DATA_FOLDER
    if not package_path.is_file() or not (data / _ARTICLE_FILE).is_file():
        raise FramingError(f"{folder} holds no saved analysis (no {PACKAGE_FILE}).")
    try:
        package = json.loads(package_path.read_text(encoding="utf-8"))
        record = json.loads((data / _ARTICLE_FILE).read_text(encoding="utf-8"))
        results = json.loads((data / _RESULTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FramingError(f"{folder}: the saved analysis cannot be read ({exc}).") from None
    if results.get("version") != __version__:
        raise FramingError(
            f"{folder} was saved by framing {results.get('version')}, not {__version__}; "
            "analyse the article again."
        )
    tables = {
        r["path"].split("/")[-1][:-4]: read_table(folder / r["path"], r["schema"])
        for r in package["resources"]
    }
    article = article or Article.from_record(record)
    result = cls(article=article, sentences=tables["sentences"], scheme=results.get("scheme"))
    _fill(result, tables, results)
    return result


def _fill(result, tables: dict[str, pd.DataFrame], results: dict) -> None:
    """Put the saved tables where the analysis keeps its computed ones."""

    keep = result.__dict__
    tone = tables["article_tone"]
    keep["article_tone"] = tone[tone["section"] == "(all)"].reset_index(drop=True)
    keep["section_tone"] = tone[tone["section"] != "(all)"].reset_index(drop=True)
    rates = tables["hedging_rates"]
    keep["hedging_rates"] = rates[rates["section"] == "(all)"].reset_index(drop=True)
    keep["hedging_by_section"] = rates[rates["section"] != "(all)"].reset_index(drop=True)
    for name in (
        "tone",
        "economic_events",
        "mentions",
        "actors",
        "cooccurrence",
        "quotes",
        "hedging",
        "frame_profile",
        "keywords",
        "keyphrases",
        "keyness",
        "loaded_language",
        "mention_tone",
        "actor_tone",
        "topic_terms",
        "sentence_topics",
    ):
        keep[name] = tables[name]
    for name in ("policy_frames", "generic_frames"):
        keep[name] = tables[name]
    keep["counts"] = Counts(**results["counts"])
    keep["topic_notes"] = results.get("topic_notes", [])
    keep["corrections_applied"] = tables.get(
        "corrections", pd.DataFrame(columns=CORRECTION_COLUMNS)
    )
    if "frame_label" in results:
        keep["frame_label"] = results["frame_label"]

    def statements(frame: pd.DataFrame) -> list:
        return [
            Statement(r.kind, r.text, r.anchor, tuple(int(s) for s in r.sentence_ids))
            for r in frame.itertuples()
        ]

    keep["summary_statements"] = statements(tables["summary"])
    findings = tables["findings"]
    keep["findings"] = {
        section: statements(group) for section, group in findings.groupby("section", sort=False)
    }
