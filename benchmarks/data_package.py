"""What the data package and the workbook add to a report: the time to write the CSVs
and datapackage.json, and the Excel workbook, next to the wall time of ``framing
report`` on the same article in a fresh process, in one run (medians of ``--repeat``).

Usage::

    .venv/bin/python benchmarks/data_package.py [ARTICLE] [--repeat 5]

The bar (issue 38): the package and the workbook add at most 10% to ``framing report``
on the seed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "article", nargs="?", type=Path, default=ROOT / "seeds" / "russia-iran-treaty.txt"
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    from analysis import Article
    from analysis.pipeline.article import analyse
    from analysis.pipeline.saved import result_tables, save_result, write_workbook

    text = args.article.read_text(encoding="utf-8")
    result = analyse(Article.from_text(text))
    times: dict[str, list[float]] = {"framing report": [], "package + workbook": [], "workbook": []}
    framing = str(Path(sys.executable).with_name("framing"))
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as out:
            t0 = time.perf_counter()
            subprocess.run(
                [framing, "report", str(args.article), "--out", out, "--workers", "1"],
                check=True,
                capture_output=True,
            )
            times["framing report"].append(time.perf_counter() - t0)
        with tempfile.TemporaryDirectory() as folder:
            t0 = time.perf_counter()
            save_result(result, folder)
            times["package + workbook"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            write_workbook(result_tables(result), Path(folder) / "again.xlsx")
            times["workbook"].append(time.perf_counter() - t0)
    base = statistics.median(times["framing report"])
    print(f"{args.article.name}: median of {args.repeat}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:22s} {median * 1000:8.0f} ms  {median / base:6.1%} of framing report")


if __name__ == "__main__":
    main()
