"""Wall time of the whole seed report against running the same notebooks one by one.

Usage::

    .venv/bin/python benchmarks/report_speed.py [ARTICLE]

``framing report`` (papermill, notebooks in parallel on all cores, then one HTML file)
against the obvious alternative: ``jupyter nbconvert --to notebook --execute`` on each
notebook in turn (same parameters injected, no HTML). Both write to temporary folders.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.paths import NOTEBOOKS_DIR, SEED_ARTICLE  # noqa: E402
from analysis.report.writer import ARTICLE_NOTEBOOKS, write_report  # noqa: E402


def sequential(article: str, folder: Path) -> float:
    t0 = time.perf_counter()
    for name in ARTICLE_NOTEBOOKS:
        nb = nbformat.read(NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
        index = next(
            i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])
        )
        nb.cells.insert(
            index + 1,
            nbformat.v4.new_code_cell(
                f"ARTICLE = {article!r}\nOUT = {str(folder)!r}\nSTATIC = True"
            ),
        )
        path = folder / f"{name}.ipynb"
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "jupyter",
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--inplace",
                str(path),
            ],
            check=True,
            cwd=NOTEBOOKS_DIR,
            capture_output=True,
        )
    return time.perf_counter() - t0


def main() -> None:
    article = str(Path(sys.argv[1]).resolve()) if len(sys.argv) > 1 else str(SEED_ARTICLE)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        write_report(article, out_dir=Path(tmp) / "report", progress=False)
        ours = time.perf_counter() - t0
        plain = sequential(article, Path(tmp) / "sequential")
    print(f"{Path(article).name}: {len(ARTICLE_NOTEBOOKS)} notebooks")
    print(f"framing report (parallel, + HTML report): {ours:6.1f} s")
    print(
        f"nbconvert --execute, one after another:   {plain:6.1f} s  ({plain / ours:.2f}x the time)"
    )


if __name__ == "__main__":
    main()
