"""Agreement with human coders: filled coding sheets read back, Krippendorff's alpha
between the coders and between each coder and the tool, percent agreement, and the
tool's precision, recall and F1 per class against the coders' majority, each with a
bootstrap interval over the units.

Alpha is computed by the ``krippendorff`` package (Castro 2017), at the level of
measurement each variable declares (:data:`analysis.validation.coding.VARIABLES`):
nominal for categories, interval for counts. Intervals are 2.5th and 97.5th
percentiles of the statistic over units resampled with replacement (``n_boot``
resamples, seeded, so a rerun gives the same numbers).

A sheet may be imperfect: a missing column, an empty cell, a unit coded twice, a code
the codebook does not have. Each is reported in ``problems`` with what was done
(left out, first kept), and the rest is still computed.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd

from ..errors import FramingError
from .coding import TOOL_FILE, VARIABLES

__all__ = [
    "Agreement",
    "agreement",
    "read_sheets",
    "alpha",
    "class_scores",
    "TOOL",
    "AGREEMENT_COLUMNS",
    "CLASS_COLUMNS",
    "default_tool",
    "agreement_findings",
]

#: The name of the tool among the coders.
TOOL = "tool"
AGREEMENT_COLUMNS = [
    "variable",
    "level",
    "comparison",
    "n_units",
    "n_coders",
    "alpha",
    "alpha_low",
    "alpha_high",
    "percent_agreement",
]
CLASS_COLUMNS = [
    "variable",
    "class",
    "support",
    "precision",
    "precision_low",
    "precision_high",
    "recall",
    "recall_low",
    "recall_high",
    "f1",
    "f1_low",
    "f1_high",
]
_SKIP_SHEETS = ("codebook", "tables")


@dataclass
class Agreement:
    """What :func:`agreement` found: ``codes`` (long: ``unit_id``, ``variable``,
    ``coder``, ``code``; the tool is the coder "tool"), ``alphas`` (a row a variable and
    comparison), ``classes`` (the tool against the coders' majority, a row a variable
    and class), and ``problems`` (what was wrong with the sheets and what was done)."""

    codes: pd.DataFrame
    alphas: pd.DataFrame
    classes: pd.DataFrame
    problems: list[str] = field(default_factory=list)

    @property
    def coders(self) -> list[str]:
        return _coders(self.codes)

    def recal(self, variable: str) -> tuple[pd.DataFrame, dict[str, int]]:
        """The variable as ReCal (ReCal2, ReCal3, ReCal OIR) reads it: a row a unit some
        coder coded, a column a coder (the tool last), numeric codes, blank where a coder
        gave none; and the number each code was given."""
        wide, numbers = _wide(self.codes, variable)
        coders = self.coders
        wide = wide.reindex(columns=[*coders, *([TOOL] if TOOL in wide.columns else [])])
        wide = wide.dropna(how="all", subset=coders or None)
        return wide.apply(lambda col: col.map(numbers)), numbers


def _coders(codes: pd.DataFrame) -> list[str]:
    return sorted(c for c in codes["coder"].unique() if c != TOOL)


def _wide(codes: pd.DataFrame, variable: str) -> tuple[pd.DataFrame, dict]:
    """One variable's codes, a row a unit and a column a coder (NaN: none given), and
    the number each code stands for (:func:`_domain`)."""
    part = codes[codes["variable"] == variable]
    wide = part.pivot_table(index="unit_id", columns="coder", values="code", aggfunc="first")
    return wide, _domain(variable, part["code"])


def read_sheets(sheets, *, problems: list[str] | None = None) -> pd.DataFrame:
    """Filled coding sheets (XLSX or CSV paths, or DataFrames) as long codes:
    ``unit_id``, ``variable``, ``coder``, ``code``. A coder is named by the sheet's
    ``coder`` column, else by its file name. Bad cells are reported in ``problems``
    and left out."""
    problems = [] if problems is None else problems
    frames = []
    for number, sheet in enumerate(sheets, 1):
        for name, table in _tables(sheet, number, problems):
            frames.append(_long(table, name, problems))
    if not frames:
        raise FramingError(
            "no coding sheet could be read; pass the filled coding-sheet.xlsx (or its CSVs) "
            "of each coder."
        )
    codes = pd.concat(frames, ignore_index=True)
    codes = _checked(codes, problems)
    return _deduplicated(codes, problems)


def _tables(sheet, number: int, problems: list[str]):
    """(coder-naming label, table) of each sheet in a file."""
    if isinstance(sheet, pd.DataFrame):
        yield f"sheet {number}", sheet
        return
    path = Path(sheet)
    if not path.is_file():
        raise FramingError(f"{path}: no such coding sheet.")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            book = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False)
            tables = [(f"{path.stem}", t) for n, t in book.items() if n not in _SKIP_SHEETS]
        else:
            tables = [(path.stem, pd.read_csv(path, dtype=str, keep_default_na=False))]
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the reader's problem
        problems.append(f"{path.name}: cannot be read as a coding sheet ({exc}); left out.")
        return
    yield from tables


def _long(table: pd.DataFrame, label: str, problems: list[str]) -> pd.DataFrame:
    table = table.rename(columns=lambda c: str(c).strip())
    if "unit_id" not in table.columns:
        problems.append(
            f"{label}: no unit_id column (its columns: {', '.join(map(str, table.columns[:8]))}); "
            "left out. Keep the sheet's unit_id column as written."
        )
        return pd.DataFrame(columns=["unit_id", "variable", "coder", "code"])
    coder = label
    if "coder" in table.columns:
        names = {str(v).strip() for v in table["coder"] if str(v).strip()}
        if len(names) == 1:
            coder = names.pop()
        elif len(names) > 1:
            problems.append(
                f"{label}: the coder column names {len(names)} coders; each row is that coder's."
            )
            coder = None
    units = set(table.get("unit", pd.Series(dtype=str)).astype(str))
    wanted = [v.name for v in VARIABLES.values() if v.unit in units]
    missing = [n for n in wanted if n not in table.columns]
    if missing:
        problems.append(
            f"{label}: no column {', '.join(missing)}; no codes for "
            f"{'it' if len(missing) == 1 else 'them'} from this sheet."
        )
    present = [n for n in VARIABLES if n in table.columns]
    coders = (
        table["coder"].astype(str).str.strip().where(lambda s: s != "", label)
        if coder is None
        else pd.Series(coder, index=table.index)
    )
    rows = []
    for variable in present:
        rows.append(
            pd.DataFrame(
                {
                    "unit_id": table["unit_id"].astype(str).str.strip(),
                    "variable": variable,
                    "coder": coders,
                    "code": table[variable].astype(str).str.strip(),
                }
            )
        )
    if not rows:
        return pd.DataFrame(columns=["unit_id", "variable", "coder", "code"])
    out = pd.concat(rows, ignore_index=True)
    return out[(out["code"] != "") & (out["unit_id"] != "")]


def _checked(codes: pd.DataFrame, problems: list[str]) -> pd.DataFrame:
    """Codes the codebook allows, normalised; the others left out and reported."""
    keep = pd.Series(True, index=codes.index)
    out = codes.copy()
    for name, group in codes.groupby("variable", sort=False):
        variable = VARIABLES[name]
        if variable.level == "interval":
            numbers = pd.to_numeric(group["code"], errors="coerce")
            bad = numbers.isna()
            out.loc[group.index[~bad], "code"] = numbers[~bad].map(_number)
            allowed = "a number"
        else:
            lowered = group["code"].str.casefold()
            bad = ~lowered.isin(variable.codes)
            out.loc[group.index, "code"] = lowered
            allowed = ", ".join(variable.codes)
        if bad.any():
            keep[group.index[bad]] = False
            for coder, wrong in group[bad].groupby("coder"):
                shown = ", ".join(f"“{v}”" for v in sorted(set(wrong["code"]))[:4])
                problems.append(
                    f"{coder}: {len(wrong)} code(s) of {name} are not in the codebook ({shown}; "
                    f"it allows {allowed}); left out."
                )
    return out[keep]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _deduplicated(codes: pd.DataFrame, problems: list[str]) -> pd.DataFrame:
    twice = codes.duplicated(["unit_id", "variable", "coder"], keep="first")
    if twice.any():
        for coder, rows in codes[twice].groupby("coder"):
            units = rows["unit_id"].nunique()
            problems.append(
                f"{coder}: {units} unit(s) coded more than once ({rows['unit_id'].iloc[0]}, ...); "
                "the first code of each is kept."
            )
    return codes[~twice].reset_index(drop=True)


# ---------------------------------------------------------------------- statistics
def _domain(variable: str, values) -> dict[str, int]:
    """Codes as numbers: interval codes are their value; nominal codes are numbered in
    the codebook's order (then any other, sorted)."""
    spec = VARIABLES[variable]
    if spec.level == "interval":
        return {v: float(v) for v in set(values)}
    order = list(spec.codes) + sorted(set(values) - set(spec.codes))
    return {code: i + 1 for i, code in enumerate(order)}


def alpha(matrix: np.ndarray, level: str) -> float:
    """Krippendorff's alpha of a coders-by-units matrix (NaN: not coded), by the
    ``krippendorff`` package; NaN when it is not defined (fewer than two pairable
    values, or a single value in all)."""
    pairable = (~np.isnan(matrix)).sum(axis=0) >= 2
    if pairable.sum() < 1:
        return math.nan
    values = matrix[:, pairable]
    if len(np.unique(values[~np.isnan(values)])) < 2:
        return math.nan  # one value only: no variation to agree on, alpha is undefined
    return float(krippendorff.alpha(reliability_data=values, level_of_measurement=level))


def _percent(matrix: np.ndarray) -> float:
    """The share of pairs of codes of the same unit that agree."""
    agree = total = 0
    for a, b in combinations(range(matrix.shape[0]), 2):
        both = ~np.isnan(matrix[a]) & ~np.isnan(matrix[b])
        total += both.sum()
        agree += (matrix[a][both] == matrix[b][both]).sum()
    return agree / total if total else math.nan


def _interval(matrix: np.ndarray, level: str, n_boot: int, rng) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of alpha over units resampled with replacement
    (``matrix``: coders by pairable units). Each unit's codes are counted once by value
    and the package reads the resampled counts (its ``value_counts`` input)."""
    n = matrix.shape[1]
    if n < 2 or n_boot <= 0:
        return math.nan, math.nan
    domain = np.unique(matrix[~np.isnan(matrix)])
    if len(domain) < 2:
        return math.nan, math.nan
    counts = (matrix.T[:, :, None] == domain[None, None, :]).sum(axis=1)
    values = []
    for _ in range(n_boot):
        sample = counts[rng.integers(0, n, n)]
        if (sample.sum(axis=0) > 0).sum() < 2:
            continue  # one value only: alpha undefined for this resample
        values.append(
            krippendorff.alpha(value_counts=sample, value_domain=domain, level_of_measurement=level)
        )
    values = [v for v in values if not math.isnan(v)]
    if not values:
        return math.nan, math.nan
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def _comparison(variable, label, matrix, n_boot, rng) -> dict:
    level = VARIABLES[variable].level
    pairable = (~np.isnan(matrix)).sum(axis=0) >= 2
    matrix = matrix[:, pairable]
    low, high = _interval(matrix, level, n_boot, rng)
    return {
        "variable": variable,
        "level": level,
        "comparison": label,
        "n_units": int(matrix.shape[1]),
        "n_coders": int(matrix.shape[0]),
        "alpha": alpha(matrix, level) if matrix.shape[1] else math.nan,
        "alpha_low": low,
        "alpha_high": high,
        "percent_agreement": _percent(matrix),
    }


def _majority(row: pd.Series) -> str | None:
    """The code most coders gave, None on a tie."""
    counts = row.dropna().value_counts()
    if not len(counts) or (len(counts) > 1 and counts.iloc[0] == counts.iloc[1]):
        return None
    return str(counts.index[0])


def class_scores(tool: pd.Series, truth: pd.Series, classes=None) -> pd.DataFrame:
    """Precision, recall and F1 of ``tool`` against ``truth`` (aligned codes of the same
    units) for each class, and their macro average (class "(macro)")."""
    classes = sorted(set(truth) | set(tool)) if classes is None else list(classes)
    rows = []
    for c in classes:
        tp = int(((tool == c) & (truth == c)).sum())
        predicted, actual = int((tool == c).sum()), int((truth == c).sum())
        if not predicted and not actual:
            continue
        p = tp / predicted if predicted else math.nan
        r = tp / actual if actual else math.nan
        f = 2 * p * r / (p + r) if predicted and actual and (p + r) else 0.0
        rows.append({"class": c, "support": actual, "precision": p, "recall": r, "f1": f})
    out = pd.DataFrame(rows, columns=["class", "support", "precision", "recall", "f1"])
    if len(out):
        macro = {
            "class": "(macro)",
            "support": int(out["support"].sum()),
            **{k: float(out[k].mean(skipna=True)) for k in ("precision", "recall", "f1")},
        }
        out = pd.concat([out, pd.DataFrame([macro])], ignore_index=True)
    return out


def _class_rows(variable, wide, coders, n_boot, rng, problems) -> list[dict]:
    if VARIABLES[variable].level != "nominal" or TOOL not in wide.columns:
        return []
    majority = wide[coders].apply(_majority, axis=1)
    ties = int(majority.isna().sum() - wide[coders].isna().all(axis=1).sum())
    if ties:
        problems.append(
            f"{variable}: the coders tie on {ties} unit(s); they are left out of precision and recall."
        )
    both = majority.notna() & wide[TOOL].notna()
    tool, truth = wide.loc[both, TOOL].astype(str), majority[both].astype(str)
    scores = class_scores(tool, truth)
    if not len(scores):
        return []
    bounds = _class_intervals(
        tool.to_numpy(), truth.to_numpy(), list(scores["class"][:-1]), n_boot, rng
    )
    rows = []
    for row in scores.to_dict("records"):
        for key in ("precision", "recall", "f1"):
            row[f"{key}_low"], row[f"{key}_high"] = bounds[row["class"]][key]
        rows.append({"variable": variable, **row})
    return rows


def _class_intervals(tool, truth, classes, n_boot, rng) -> dict:
    """Bootstrap 95% intervals of each class's precision, recall and F1 and of their
    macro average, over units resampled with replacement (all resamples at once)."""
    n = len(tool)
    nan = (math.nan, math.nan)
    keys = ("precision", "recall", "f1")
    if n < 2 or n_boot <= 0:
        return {c: dict.fromkeys(keys, nan) for c in [*classes, "(macro)"]}
    picks = rng.integers(0, n, (n_boot, n))
    t = np.array([classes.index(v) if v in classes else -1 for v in tool])[picks]
    y = np.array([classes.index(v) if v in classes else -1 for v in truth])[picks]
    values = {key: np.full((n_boot, len(classes)), np.nan) for key in keys}
    with np.errstate(invalid="ignore", divide="ignore"):
        for k in range(len(classes)):
            tp = ((t == k) & (y == k)).sum(axis=1)
            predicted, actual = (t == k).sum(axis=1), (y == k).sum(axis=1)
            p = np.where(predicted > 0, tp / predicted, np.nan)
            r = np.where(actual > 0, tp / actual, np.nan)
            both = (predicted > 0) & (actual > 0)
            f = np.where(both & (p + r > 0), 2 * p * r / (p + r), 0.0)
            f = np.where((predicted == 0) & (actual == 0), np.nan, f)
            values["precision"][:, k], values["recall"][:, k], values["f1"][:, k] = p, r, f
    out = {}

    def interval(column) -> tuple[float, float]:
        column = column[~np.isnan(column)]
        if not len(column):
            return nan
        low, high = np.percentile(column, [2.5, 97.5])
        return float(low), float(high)

    for k, c in enumerate(classes):
        out[c] = {key: interval(values[key][:, k]) for key in keys}
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a sample where no class is scored
        out["(macro)"] = {key: interval(np.nanmean(values[key], axis=1)) for key in keys}
    return out


def agreement(
    sheets,
    tool=None,
    *,
    n_boot: int = 1000,
    seed: int = 0,
) -> Agreement:
    """Agreement of filled coding sheets with each other and with the tool.

    Parameters
    ----------
    sheets : list of path or DataFrame
        Each coder's filled sheet (``coding-sheet.xlsx`` or its CSVs); several files
        of one coder (the same ``coder`` name) are joined.
    tool : path or DataFrame, optional
        The tool's codes (``tool-codes.csv`` beside the sheet, written with it). Without
        it, only the coders are compared.
    n_boot : int
        Bootstrap resamples of the units for each interval (0: none).
    seed : int
        The resampling's seed.

    Returns
    -------
    Agreement
        ``alphas``: per variable, ``comparison`` "coders" (all coders together) and
        "<coder> vs tool", with ``n_units`` (units with two codes or more),
        ``alpha`` and its interval, and ``percent_agreement``; ``classes``: per nominal
        variable and class, the tool's ``precision``, ``recall`` and ``f1`` against
        the coders' majority (ties left out), each with an interval, and the macro
        average; ``problems``.
    """
    problems: list[str] = []
    codes = read_sheets(list(sheets), problems=problems)
    if tool is not None:
        machine = pd.read_csv(tool, dtype=str) if not isinstance(tool, pd.DataFrame) else tool
        machine = machine.assign(coder=TOOL)[["unit_id", "variable", "coder", "code"]]
        unknown = set(codes["unit_id"]) - set(machine["unit_id"])
        if unknown:
            problems.append(
                f"{len(unknown)} coded unit(s) are not among the tool's units "
                f"({sorted(unknown)[0]}, ...); they count only between coders."
            )
        codes = pd.concat([codes, machine[machine["unit_id"].isin(set(codes["unit_id"]))]])
    codes = codes.reset_index(drop=True)
    rng = np.random.default_rng(seed)
    alphas, classes = [], []
    coders = _coders(codes)
    for variable in [v for v in VARIABLES if v in set(codes["variable"])]:
        wide, numbers = _wide(codes, variable)
        matrix = wide.apply(lambda col, n=numbers: col.map(n)).astype(float)
        present = [c for c in coders if c in wide.columns]
        if len(present) >= 2:
            alphas.append(
                _comparison(variable, "coders", matrix[present].T.to_numpy(), n_boot, rng)
            )
        if TOOL in wide.columns:
            for coder in present:
                m = matrix[[coder, TOOL]].T.to_numpy()
                alphas.append(_comparison(variable, f"{coder} vs tool", m, n_boot, rng))
            classes.extend(_class_rows(variable, wide, present, n_boot, rng, problems))
    return Agreement(
        codes=codes,
        alphas=pd.DataFrame(alphas, columns=AGREEMENT_COLUMNS),
        classes=pd.DataFrame(classes, columns=CLASS_COLUMNS),
        problems=problems,
    )


def default_tool(sheets) -> Path | None:
    """``tool-codes.csv`` beside the first sheet that has one."""
    for sheet in sheets:
        if isinstance(sheet, str | Path):
            candidate = Path(sheet).with_name(TOOL_FILE)
            if candidate.is_file():
                return candidate
    return None


def agreement_findings(result: Agreement) -> list[str]:
    """What the agreement says, a line a variable: the coders' alpha with its interval
    and Krippendorff's reading (at least .800 reliable, .667 tentative), and the tool's
    alpha against each coder."""
    lines = []
    for variable, rows in result.alphas.groupby("variable", sort=False):
        between = rows[rows["comparison"] == "coders"]
        tool = rows[rows["comparison"] != "coders"]
        parts = []
        if len(between):
            r = between.iloc[0]
            parts.append(f"the coders agree at alpha {_fmt(r)} over {r['n_units']} units")
        if len(tool):
            parts.append(
                "the tool against "
                + ", ".join(
                    f"{c.removesuffix(' vs tool')} {r['alpha']:.2f}"
                    for c, r in zip(tool["comparison"], tool.to_dict("records"), strict=True)
                )
            )
        worst = tool["alpha"].min() if len(tool) else math.nan
        verdict = (
            "rely on the tool only with checking"
            if not math.isnan(worst) and worst < 0.667
            else "the tool is as reliable as the coders need"
            if not math.isnan(worst)
            else ""
        )
        lines.append(f"{variable}: " + "; ".join(parts) + (f" - {verdict}." if verdict else "."))
    return lines


def _fmt(row) -> str:
    if math.isnan(row["alpha"]):
        return "(undefined: one code only)"
    if math.isnan(row["alpha_low"]):
        return f"{row['alpha']:.2f}"
    return f"{row['alpha']:.2f} (95% {row['alpha_low']:.2f} to {row['alpha_high']:.2f})"
