"""Notebooks run top to bottom from a fresh kernel, on the seed and on another article."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from analysis.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))

SYNTHETIC = """Port Workers End Strike
Dockers Accept New Pay Offer After Six Weeks
ROTTERDAM – Dock workers voted on Friday to end a six-week strike that had stranded ships.
The union's leader, Marta de Vries, said the offer was "fair but late".
What Comes Next
Shipping companies said it would take a month to clear the backlog.
"""


def run(path, parameters: str | None = None):
    nb = nbformat.read(path, as_version=4)
    if parameters is not None:  # injected after the parameters cell, as papermill does
        index = next(
            i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])
        )
        nb.cells.insert(index + 1, nbformat.v4.new_code_cell(parameters))
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}
    ).execute()
    return nb


def text_outputs(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.extend(str(v) for k, v in out.get("data", {}).items() if k.startswith("text/"))
    return "\n".join(parts)


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, (
                f"{path.name} has outputs; clear them"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_a_parameters_cell(path):
    nb = nbformat.read(path, as_version=4)
    assert any("parameters" in c.metadata.get("tags", []) for c in nb.cells)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_the_seed(path):
    out = text_outputs(run(path))
    assert "Russia and Iran Sign Strategic Partnership Treaty in Moscow" in out


SECOND = """Ferry Strike Spreads to Northern Ports
Unions Demand Higher Pay
HAMBURG – Ferry crews walked out on Monday, union leader Jonas Weber said, as talks with operators collapsed.
Operators warned that fares would rise. "We cannot pay more," said company chief Lena Brandt.
"""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_another_article(path, tmp_path):
    article = tmp_path / "dockers.txt"  # no word of the article in the path
    article.write_text(SYNTHETIC, encoding="utf-8")
    if "compare" in path.name:
        second = tmp_path / "ferries.txt"
        second.write_text(SECOND, encoding="utf-8")
        parameters = f"ARTICLES = [{str(article)!r}, {str(second)!r}]"
    else:
        parameters = f"ARTICLE = {str(article)!r}"
    out = text_outputs(run(path, parameters + "\nSTATIC = True"))
    assert "Port Workers End Strike" in out  # the headline of this article, not the seed's
    assert "Russia" not in out
    if "actors" in path.name:
        assert "Marta de Vries" in out  # the union leader who speaks


def test_compare_notebook_compares_two_articles(tmp_path):
    first, second = tmp_path / "dockers.txt", tmp_path / "ferries.txt"
    first.write_text(SYNTHETIC, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    out = text_outputs(
        run(
            NOTEBOOKS_DIR / "07-compare.ipynb",
            f"ARTICLES = [{str(first)!r}, {str(second)!r}]\nOUT = {str(tmp_path / 'out')!r}",
        )
    )
    assert "dockers" in out and "ferries" in out and "Leading policy frame" in out
    written = {p.name for p in (tmp_path / "out").iterdir()}
    assert {
        "keyness_between.csv",
        "keyness_between.png",
        "tone_compare.csv",
        "frames_compare.svg",
    } <= written
