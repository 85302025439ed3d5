"""Notebooks run top to bottom from a fresh kernel, on the seed and on another article;
one setting names the article for all of them; a saved report is read, not redone."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from analysis import SEED_ARTICLE
from analysis.paths import NOTEBOOKS_DIR
from analysis.report.notebook import open_article, settings

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))

SYNTHETIC = """Port Workers End Strike
Dockers Accept New Pay Offer After Six Weeks
ROTTERDAM – Dock workers voted on Friday to end a six-week strike that had stranded ships.
The union's leader, Marta de Vries, said the offer was "fair but late".
What Comes Next
Shipping companies said it would take a month to clear the backlog.
"""

SECOND = """Ferry Strike Spreads to Northern Ports
Unions Demand Higher Pay
HAMBURG – Ferry crews walked out on Monday, union leader Jonas Weber said, as talks with operators collapsed.
Operators warned that fares would rise. "We cannot pay more," said company chief Lena Brandt.
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
            if "application/vnd.jupyter.widget-view+json" in out.get("data", {}):
                parts.append("[widget]")
    return "\n".join(parts)


def test_there_are_eight_notebooks():
    assert [p.stem[:2] for p in NOTEBOOKS] == ["01", "02", "03", "04", "05", "06", "07", "08"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs_and_thin(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, (
                f"{path.name} has outputs; clear them"
            )
            source = "".join(cell["source"])
            assert "def " not in source and "class " not in source, "logic belongs in analysis/"
    params = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(params) == 1
    assert "".join(params[0]["source"]).split("=")[0].strip() in ("ARTICLE", "ARTICLES")


def test_one_setting_names_the_article_of_every_notebook(tmp_path, monkeypatch):
    conf = settings()
    assert conf["article"] == SEED_ARTICLE.resolve()
    assert len(conf["compare"]) >= 2
    own = tmp_path / "articles.yaml"
    own.write_text("article: story.txt\ncompare: [a.txt, https://example.org/b]\n")
    mine = settings(own)
    assert mine["article"] == tmp_path / "story.txt"
    assert mine["compare"] == [tmp_path / "a.txt", "https://example.org/b"]
    own.write_text("- not\n- a mapping\n")
    from analysis import FramingError

    with pytest.raises(FramingError, match="expected 'article'"):
        settings(own)


def test_a_saved_report_of_the_same_text_is_read_not_analysed_again(seed_report, tmp_path):
    saved = open_article(SEED_ARTICLE, reports=seed_report.parent, quiet=True)
    assert "mentions" in saved.__dict__ and "parse" not in saved.__dict__  # read, not computed
    changed = tmp_path / "russia-iran-treaty.txt"  # the same name, another text
    changed.write_text(SEED_ARTICLE.read_text(encoding="utf-8") + "\nA sentence added.\n")
    fresh = open_article(changed, reports=seed_report.parent, quiet=True)
    assert "mentions" not in fresh.__dict__  # analysed now, not the stale report


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_the_seed(path):
    out = text_outputs(run(path))
    assert "Russia and Iran Sign Strategic Partnership Treaty in Moscow" in out


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
    out = text_outputs(run(path, parameters))
    assert "Port Workers End Strike" in out  # the headline of this article, not the seed's
    assert "Russia" not in out
    if "actors" in path.name:
        assert "Marta de Vries" in out  # the union leader who speaks
    if "compare" in path.name:
        assert "Ferry Strike Spreads to Northern Ports" in out
        assert "Mean tone (VADER read for news, 95% interval)" in out
    if path.stem[:2] in ("01", "02", "04", "05"):
        assert "[widget]" in out  # something to explore
