"""The cost of ``framing agree``'s bootstrap intervals, next to the obvious way of
computing them, in one run: resample the units, then per resample call
``krippendorff.alpha`` on the coders-by-units matrix and build the per-class scores
with pandas (``class_scores``). Both give the same numbers; the ratio is the point.

Usage::

    .venv/bin/python benchmarks/agreement.py [SHEET ...] [--boot 1000] [--repeat 3]

Default sheets: the two example coders of the seed (``seeds/coding/``); the tool's codes
are made from the seed's analysis first (not timed).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def obvious(codes: pd.DataFrame, variables, n_boot: int, seed: int = 0) -> float:
    """The straightforward bootstrap: one resample at a time, alpha from the
    reliability matrix and class scores from pandas Series; returns the seconds."""
    from analysis.validation.agreement import TOOL, class_scores

    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    coders = sorted(c for c in codes["coder"].unique() if c != TOOL)
    for variable in variables:
        part = codes[codes["variable"] == variable]
        wide = part.pivot_table(index="unit_id", columns="coder", values="code", aggfunc="first")
        domain = {v: i for i, v in enumerate(sorted(set(part["code"])))}
        matrix = wide.apply(lambda col, d=domain: col.map(d)).astype(float)
        level = "interval" if variable == "hedges" else "nominal"
        for columns in ([c for c in coders if c in wide.columns], *[[c, TOOL] for c in coders]):
            if TOOL in columns and TOOL not in wide.columns:
                continue
            m = matrix[columns].T.to_numpy()
            m = m[:, (~np.isnan(m)).sum(axis=0) >= 2]
            for _ in range(n_boot):
                sample = m[:, rng.integers(0, m.shape[1], m.shape[1])]
                if len(np.unique(sample[~np.isnan(sample)])) > 1:
                    krippendorff.alpha(reliability_data=sample, level_of_measurement=level)
        if level == "nominal" and TOOL in wide.columns:
            agreed = wide[coders].nunique(axis=1) == 1
            both = agreed & wide[TOOL].notna()
            tool = wide.loc[both, TOOL].reset_index(drop=True)
            truth = wide.loc[both, coders[0]].reset_index(drop=True)
            for _ in range(n_boot):
                pick = rng.integers(0, len(tool), len(tool))
                class_scores(
                    tool.iloc[pick].reset_index(drop=True), truth.iloc[pick].reset_index(drop=True)
                )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sheets", nargs="*", type=Path)
    parser.add_argument("--boot", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    from analysis import SEED_ARTICLE, analyse, load_article
    from analysis.validation.agreement import agreement
    from analysis.validation.coding import write_coding_sheet

    sheets = args.sheets or sorted((ROOT / "seeds" / "coding").glob("coder-*.csv"))
    folder = Path(tempfile.mkdtemp(prefix="framing-agree-bench-"))
    paths = write_coding_sheet([analyse(load_article(SEED_ARTICLE))], folder / "sheet")
    found = agreement(sheets, paths["tool"], n_boot=0)
    variables = list(dict.fromkeys(found.codes["variable"]))
    ours, theirs = [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        agreement(sheets, paths["tool"], n_boot=args.boot)
        ours.append(time.perf_counter() - started)
        theirs.append(obvious(found.codes, variables, args.boot))
    a, b = statistics.median(ours), statistics.median(theirs)
    units = found.codes["unit_id"].nunique()
    print(
        f"{len(sheets)} sheet(s), {units} units, {len(variables)} variables, {args.boot} resamples, median of {args.repeat}"
    )
    print(f"framing agree (whole computation)   {a:7.2f} s")
    print(f"obvious bootstrap (intervals only)  {b:7.2f} s")
    print(f"ratio obvious / ours                {b / a:7.2f}x")


if __name__ == "__main__":
    main()
