"""The agreement page (``framing agree``): Krippendorff's alpha per variable between
the coders and between each coder and the tool, the tool's precision, recall and F1
per class against the coders' majority, what was wrong with the sheets, and the
files written beside it (CSV, and one ReCal file a variable)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..errors import FramingError
from ..io import outdir
from ..text.markup import escape
from ..validation.agreement import AGREEMENT_COLUMNS, TOOL, Agreement
from ..validation.coding import variables_table
from .document import Block, render, table_html

__all__ = [
    "write_agreement",
    "agreement_blocks",
    "read_agreement",
    "AGREEMENT_FILE",
    "AGREEMENT_PAGE",
]

#: The alpha table, read by ``framing report --agreement``.
AGREEMENT_FILE = "agreement.csv"
AGREEMENT_PAGE = "agreement.html"
_CLASSES_FILE = "agreement_classes.csv"
_PROBLEMS_FILE = "agreement_problems.txt"


def _verdict(value: float) -> str:
    """Krippendorff's (2004) reading: at least .800 reliable, .667 to .800 tentative."""
    if pd.isna(value):
        return "undefined"
    if value >= 0.8:
        return "reliable"
    return "tentative" if value >= 0.667 else "unreliable"


def read_agreement(path: str | Path) -> pd.DataFrame:
    """``agreement.csv`` of ``framing agree``, checked, for a report's section."""
    path = Path(path)
    try:
        table = pd.read_csv(path)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise FramingError(f"{path}: cannot be read as agreement.csv ({exc}).") from None
    missing = [c for c in AGREEMENT_COLUMNS if c not in table.columns]
    if missing:
        raise FramingError(
            f"{path}: not an agreement table of framing agree (no {', '.join(missing)}); "
            "pass the agreement.csv that framing agree wrote."
        )
    return table[AGREEMENT_COLUMNS]


def agreement_blocks(alphas: pd.DataFrame, classes: pd.DataFrame | None = None) -> list[str]:
    """The agreement tables as HTML parts (the agreement page and the report's
    section "Agreement with your coders" both show them)."""
    shown = alphas.assign(
        reading=alphas["alpha"].map(_verdict),
        interval=[
            "" if pd.isna(lo) else f"{lo:.2f} to {hi:.2f}"
            for lo, hi in zip(alphas["alpha_low"], alphas["alpha_high"], strict=True)
        ],
        variable=[
            f"{v} ({level})" for v, level in zip(alphas["variable"], alphas["level"], strict=True)
        ],
    )
    parts = [
        table_html(
            shown,
            [
                "variable",
                "comparison",
                "n_units",
                "alpha",
                "interval",
                "percent_agreement",
                "reading",
            ],
            names={
                "n_units": "units",
                "interval": "95% interval",
                "percent_agreement": "agreement",
            },
            percent=["percent_agreement"],
            digits=3,
            max_rows=100,
            caption="Krippendorff's alpha per variable: between the coders, and each coder "
            "against the tool (bootstrap 95% intervals over units); reliable at .800 or "
            "more, tentative from .667 (Krippendorff 2004)",
        )
    ]
    if classes is not None and len(classes):
        shown = classes.assign(
            **{key: _with_interval(classes, key) for key in ("precision", "recall", "f1")}
        )
        parts.append(
            table_html(
                shown,
                ["variable", "class", "support", "precision", "recall", "f1"],
                names={"support": "units (majority)", "f1": "F1"},
                max_rows=200,
                caption="The tool against the coders' majority: precision, recall and F1 per "
                "class, each with its bootstrap 95% interval (ties between coders left out)",
            )
        )
    return parts


def _with_interval(table: pd.DataFrame, key: str) -> list[str]:
    """ "0.80 (0.40 to 1.00)"; "–" where the value is undefined (a class never given)."""
    out = []
    for value, low, high in zip(table[key], table[f"{key}_low"], table[f"{key}_high"], strict=True):
        if pd.isna(value):
            out.append("–")
        elif pd.isna(low):
            out.append(f"{value:.2f}")
        else:
            out.append(f"{value:.2f} ({low:.2f} to {high:.2f})")
    return out


def write_agreement(result: Agreement, folder: str | Path) -> Path:
    """Write ``agreement.csv``, ``agreement_classes.csv``, ReCal files (for each
    variable ``recal/<variable>.csv``, the coders, and ``<variable>-with-tool.csv``, the
    tool as the last coder: no header, a row a unit, a column a coder, numeric codes,
    blank where a coder gave none; ``recal/codes.json`` gives each file's columns,
    codes and units), what was wrong with the sheets, and ``agreement.html`` into
    ``folder`` (new, empty or written by this tool); returns the page."""
    folder = outdir.claim_folder(Path(folder), kind="agreement")  # never over others' files
    page_path = folder / AGREEMENT_PAGE
    result.alphas.to_csv(folder / AGREEMENT_FILE, index=False, lineterminator="\n")
    result.classes.to_csv(folder / _CLASSES_FILE, index=False, lineterminator="\n")
    (folder / _PROBLEMS_FILE).write_text("".join(p + "\n" for p in result.problems), "utf-8")
    recal = folder / "recal"
    recal.mkdir(exist_ok=True)
    legend = {}
    for variable in sorted(set(result.codes["variable"])):
        wide, numbers = result.recal(variable)
        coders = [c for c in wide.columns if c != TOOL]
        files = {f"{variable}.csv": coders}
        if TOOL in wide.columns:
            files[f"{variable}-with-tool.csv"] = [*coders, TOOL]
        for name, columns in files.items():
            part = wide[columns]
            part.to_csv(
                recal / name, header=False, index=False, lineterminator="\n", float_format="%g"
            )
            legend[name] = {"columns": columns, "codes": numbers, "units": list(part.index)}
    (recal / "codes.json").write_text(json.dumps(legend, indent=1) + "\n", "utf-8")
    sections = [
        Block(
            "Agreement",
            "agreement",
            agreement_blocks(result.alphas, result.classes),
            escape(
                f"{len(result.coders)} coder(s): {', '.join(result.coders)}; "
                f"{result.codes['unit_id'].nunique():,} units coded."
            ),
        ),
        Block("The variables", "variables", [_variables()]),
        Block("Problems with the sheets", "problems", [_problems(result.problems)]),
        Block("Files", "files", [_files()]),
    ]
    page = render(
        title="Agreement with your coders",
        kicker="Framing validation",
        sections=sections,
        footer="Alpha by the krippendorff package; intervals resample units (seeded).",
    )
    page_path.write_text(page, encoding="utf-8")
    return page_path


def _variables() -> str:
    return table_html(
        variables_table(), max_rows=20, caption="What the coders coded (also in the codebook)"
    )


def _problems(problems: list[str]) -> str:
    if not problems:
        return "<p>None: every cell was read.</p>"
    return "<ul>" + "".join(f"<li>{escape(p)}</li>" for p in problems) + "</ul>"


def _files() -> str:
    items = [
        (AGREEMENT_FILE, "alpha and percent agreement per variable and comparison"),
        (_CLASSES_FILE, "the tool's precision, recall and F1 per class"),
        (
            "recal/",
            "for ReCal, a file a variable, coders only and with the tool (no header; "
            "codes.json gives the columns, codes and units; a blank cell is a missing code, "
            "which ReCal OIR reads; for ReCal2 and ReCal3, which need every cell, drop those rows)",
        ),
        (_PROBLEMS_FILE, "what was wrong with the sheets"),
    ]
    return (
        "<ul>"
        + "".join(f'<li><a href="{escape(f)}">{escape(f)}</a>: {escape(d)}</li>' for f, d in items)
        + "</ul>"
    )
