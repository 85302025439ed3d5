"""Intervals over articles: the mean of a measure across a corpus or a group of it,
with a 95% interval from Student's t, so that two or three articles give the wide
interval they deserve. The corpus page's statements and its figures both read these."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import t as t_dist

__all__ = ["mean_interval", "group_intervals"]


def mean_interval(values) -> tuple[float, float, float]:
    """``(mean, low, high)`` of ``values`` (NaN ignored); NaN bounds for fewer than two
    values, all NaN for none."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    if not len(values):
        return np.nan, np.nan, np.nan
    mean = float(values.mean())
    if len(values) < 2:
        return mean, np.nan, np.nan
    half = float(t_dist.ppf(0.975, len(values) - 1)) * float(values.std(ddof=1))
    half /= np.sqrt(len(values))
    return mean, mean - half, mean + half


def group_intervals(frame: pd.DataFrame, by: str, column: str) -> pd.DataFrame:
    """One row a group of ``frame[by]`` (sorted): ``n`` articles, ``mean``, ``low`` and
    ``high`` of ``column``."""
    rows = []
    for group, part in frame.dropna(subset=[by]).groupby(by, sort=True):
        values = part[column].to_numpy(dtype=float)
        mean, low, high = mean_interval(values)
        rows.append(
            {
                "group": group,
                "n": int((~np.isnan(values)).sum()),
                "mean": mean,
                "low": low,
                "high": high,
            }
        )
    return pd.DataFrame(rows, columns=["group", "n", "mean", "low", "high"])
