"""Wall time of ``framing report`` against analysing the same article and writing its
summary, each in a fresh Python process, side by side in one run.

Usage::

    .venv/bin/python benchmarks/report_speed.py [ARTICLE] [--repeat 3]

Two commands, run alternately ``--repeat`` times each (so that a busy machine slows
both alike), each its own fresh process, imports included:

- ``analyse``: ``analyse(load_article(ARTICLE)).summary()``: every table the summary
  needs, from the one parse; the analysis a report cannot do without;
- ``framing report``: the same analysis, plus every table saved (CSV and data package),
  18 figures drawn as PNG and SVG, and report.html.

Prints the median of each and the ratio (issue 36: at most 3x), then, for reference,
the figures alone drawn in one process and in two.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.paths import SEED_ARTICLE  # noqa: E402

ANALYSE = (
    "import sys; from analysis import analyse, load_article; "
    "analyse(load_article(sys.argv[1])).summary()"
)


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def figures_alone(article: str) -> tuple[float, float]:
    """The figures of the report drawn from one analysis, in one process and in two."""
    from analysis import analyse, load_article
    from analysis.report.figures import draw_figures

    result = analyse(load_article(article))
    result.tables()  # every table computed before the clock
    times = []
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            draw_figures(result, Path(tmp), workers=workers)
            times.append(time.perf_counter() - started)
    return times[0], times[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(SEED_ARTICLE))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    article = str(Path(args.article).resolve()) if "://" not in args.article else args.article
    python = sys.executable
    times: dict[str, list[float]] = {"analyse": [], "report": []}
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.repeat):
            times["analyse"].append(timed([python, "-c", ANALYSE, article]))
            out = str(Path(tmp) / f"run-{k}")
            times["report"].append(
                timed([python, "-m", "analysis.cli", "report", article, "--out", out])
            )
    analysed = statistics.median(times["analyse"])
    reported = statistics.median(times["report"])
    print(f"{Path(article).name}: median of {args.repeat} fresh processes each")
    print(f"{'analyse(article).summary()':34s} {analysed:6.1f} s")
    print(f"{'framing report':34s} {reported:6.1f} s  ({reported / analysed:.2f}x the analysis)")
    one, two = figures_alone(article)
    print(f"{'  its 18 figures, one process':34s} {one:6.1f} s")
    print(f"{'  its 18 figures, two processes':34s} {two:6.1f} s  ({one / two:.2f}x faster)")


if __name__ == "__main__":
    main()
