"""The report: every notebook run on an article, its figures, tables and one HTML file.

:func:`write_report` checks the sources first (a missing file, an empty article or an
unreachable URL fails at once), then executes the numbered notebooks with papermill,
several at a time, each writing its figures (PNG and SVG, stable names) and tables
(CSV) through :class:`Output`; then it writes the executed notebooks' figures, tables and findings as one
self-contained document (:mod:`analysis.document`): a title block, a summary, contents
and one section per notebook, with no code and no scripts. Everything is written to a temporary
folder and moved into ``figures/<article_id>/`` only when all of it succeeded, so a
failure never leaves a half-written report.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from ..errors import FramingError
from ..io import outdir
from ..io.loaders import load_article
from ..paths import NOTEBOOKS_DIR
from ..text.article import Article, slugify

__all__ = ["write_report", "ARTICLE_NOTEBOOKS", "COMPARE_NOTEBOOK"]

#: The notebooks run on each article, in report order.
ARTICLE_NOTEBOOKS = [
    "01-overview",
    "02-keywords",
    "03-tone",
    "04-actors-and-sources",
    "05-frames",
    "06-topics",
]
#: The notebook run when several articles are given.
COMPARE_NOTEBOOK = "07-compare"


def _as_file(article: Article, source, folder: Path) -> str:
    """A path the notebooks can load: the original file, or the fetched article
    written as Markdown with its metadata (a URL is fetched only once)."""
    if isinstance(source, str | os.PathLike) and Path(source).is_file():
        return str(Path(source).resolve())
    meta = {
        k: v
        for k, v in {
            "id": article.article_id,
            "title": article.title,
            "outlet": article.outlet,
            "date": article.date,
            "url": article.url,
            "author": article.author,
        }.items()
        if v
    }
    lines = [
        "---",
        *[f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()],
        "---",
        "",
    ]
    for block in article.blocks:
        if block.role == "headline":
            lines.append(f"# {block.text}")
        elif block.role == "heading":
            lines.append(f"## {block.text}")
        elif block.role == "standfirst":
            lines.append(f"*{block.text}*")
        else:
            lines.append(block.text.replace("\n", " "))
        lines.append("")
    path = folder / f"{article.article_id}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return str(path)


def _run(notebook: str, output: Path, parameters: dict, notebooks_dir: Path) -> Path:
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    source = notebooks_dir / f"{notebook}.ipynb"
    if not source.is_file():
        raise FramingError(f"notebook {source} not found.")
    import nbformat

    output.parent.mkdir(parents=True, exist_ok=True)
    # The notebook is read and written here, not by papermill: papermill's file I/O
    # changes the process's working directory around each read and write, from state
    # it shares between threads, so notebooks run in parallel could leave the process
    # in another directory. Given a notebook object and no output path it does no I/O.
    notebook_node = nbformat.read(source, as_version=4)
    try:
        executed = pm.execute_notebook(
            notebook_node,
            None,
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            cwd=None,  # papermill's cwd= chdirs the whole process: unsafe with threads
            log_output=False,
            extra_arguments=[
                "--IPKernelApp.log_level=CRITICAL"
            ],  # no kernel chatter on the console
        )
    except PapermillExecutionError as exc:
        raise FramingError(
            f"notebook {notebook}.ipynb failed in cell {exc.exec_count} ({exc.ename}: {exc.evalue}). "
            f"The cell begins: {exc.source.strip().splitlines()[0] if exc.source.strip() else ''!r}"
        ) from None
    executed.metadata.get("papermill", {}).update(
        input_path=f"{notebook}.ipynb", output_path=str(output.name)
    )
    nbformat.write(executed, output)
    return output


def _topic_labels(folder: Path) -> list[str]:
    """The topics section's labels, read back from the table it wrote."""
    import pandas as pd

    path = folder / "topic_terms.csv"
    if not path.is_file():
        return []
    terms = pd.read_csv(path)
    if not {"topic", "label"} <= set(terms.columns):
        return []
    return terms.drop_duplicates("topic").sort_values("topic")["label"].astype(str).tolist()


def _article_meta(article: Article, table) -> list[tuple[str, str | None]]:
    from .document import link
    from .markup import escape

    body = table[table["role"] == "body"]
    source = (
        link(article.url) if article.url else escape(Path(str(article.source or "")).name) or None
    )
    return [
        ("Outlet", escape(article.outlet) if article.outlet else None),
        ("Date", escape(article.date) if article.date else None),
        ("By", escape(article.author) if article.author else None),
        ("Dateline", escape(article.dateline) if article.dateline else None),
        ("Source", source),
        ("Words", f"{int(body['n_words'].sum()):,}"),
        ("Sentences", f"{len(body):,}"),
    ]


def _html(executed: list[Path], target: Path, results: Sequence) -> None:
    """Write ``report.html`` from the executed notebooks: the title block, the summary,
    contents and one section per notebook (:mod:`analysis.document`). ``results`` are
    the :class:`~analysis.pipeline.ArticleAnalysis` of the page's article(s)."""
    from . import findings
    from .document import link, notebook_sections, render
    from .markup import escape

    sections = notebook_sections(executed)
    if len(results) == 1:
        result = results[0]
        article = result.article
        page = render(
            title=article.title or article.article_id,
            standfirst=article.subtitle,
            meta=_article_meta(article, result.sentences),
            summary=findings.summary(result, _topic_labels(target.parent)),
            sections=sections,
            footer="Every number links back to sentence ids in the tables beside this page.",
        )
    else:
        meta = []
        for k, result in enumerate(results):
            article = result.article
            name = article.title or article.article_id
            meta.append(
                (
                    "Target" if k == 0 else "Reference",
                    (link(article.url, name) if article.url else escape(name))
                    + (f" ({escape(article.outlet)})" if article.outlet else ""),
                )
            )
        page = render(
            title=f"Comparing {len(results)} articles",
            kicker="Framing comparison",
            meta=meta,
            summary=findings.compare_summary(results),
            sections=sections,
        )
    target.write_text(page, encoding="utf-8")


def _folder_name(article_id: str, fallback: str) -> str:
    """A report folder name that is one plain path component: the slugged id, else the
    slugged ``fallback``, else a short hash. Never empty, ``.`` or ``..``."""
    for candidate in (article_id, fallback):
        name = slugify(str(candidate or ""))
        if name:
            return name
    digest = hashlib.sha1(f"{article_id}\0{fallback}".encode()).hexdigest()[:10]
    return f"article-{digest}"


def write_report(
    sources: str | Path | Article | Sequence[str | Path],
    *,
    out_dir: str | Path | None = None,
    workers: int | None = None,
    notebooks_dir: str | Path | None = None,
    progress: bool | None = None,
    log: Callable[[str], None] | None = None,
) -> list[Path]:
    """Run every notebook on each article and write its report.

    Parameters
    ----------
    sources : path, URL, Article or a list of them
        The article(s). With two or more, the compare notebook runs too and writes
        ``compare-<id>-<id>/``.
    out_dir : path, optional
        Parent folder of the reports (default ``figures/``).
    workers : int, optional
        Notebooks run at the same time (default: the number of cores).
    notebooks_dir : path, optional
        Where the notebooks are (default ``notebooks/``).
    progress : bool, optional
        Progress bar (default: on a terminal).
    log : callable, optional
        Called with one line as each notebook finishes (``framing report`` prints them).

    Returns
    -------
    list of Path
        The report folders written, one per article (and the comparison).

    Raises
    ------
    ArticleLoadError
        A source cannot be read; nothing is written.
    FramingError
        A notebook failed: its name, the cell and the error; nothing is written.
    """
    from tqdm.auto import tqdm

    items = [sources] if isinstance(sources, str | os.PathLike | Article) else list(sources)
    if not items:
        raise FramingError("no article given: pass a file, a URL or an Article.")
    articles = [load_article(s) for s in items]  # fails fast, before anything is written
    keys = [outdir.source_key(a.source, a.text) for a in articles]
    names = [
        _folder_name(a.article_id, Path(str(s)).stem if not isinstance(s, Article) else "")
        for a, s in zip(articles, items, strict=True)
    ]
    names = outdir.unique_names(names, keys)
    # absolute, so notebooks write to the right place whatever their working directory
    parent = outdir.prepare_parent(Path(out_dir) if out_dir is not None else Path.cwd() / "figures")
    ids = [outdir.target_name(parent, n, k, log=log) for n, k in zip(names, keys, strict=True)]
    notebooks = Path(notebooks_dir) if notebooks_dir is not None else NOTEBOOKS_DIR
    with outdir.staging(parent) as staging:
        inputs = staging / "_inputs"
        inputs.mkdir()
        paths = [_as_file(a, s, inputs) for a, s in zip(articles, items, strict=True)]
        jobs = []
        for article_id, path in zip(ids, paths, strict=True):
            folder = staging / article_id
            for name in ARTICLE_NOTEBOOKS:
                jobs.append(
                    (
                        article_id,
                        name,
                        folder / "notebooks" / f"{name}.ipynb",
                        {"ARTICLE": path, "OUT": str(folder), "STATIC": True},
                    )
                )
        compare_id = None
        if len(paths) > 1:
            compare_key = "compare:" + "\0".join(keys)
            compare_name = _folder_name("compare-" + "-".join(ids)[:100], "compare")
            compare_name = outdir.unique_names([*ids, compare_name], [*keys, compare_key])[-1]
            compare_id = outdir.target_name(parent, compare_name, compare_key, log=log)
            folder = staging / compare_id
            jobs.append(
                (
                    compare_id,
                    COMPARE_NOTEBOOK,
                    folder / "notebooks" / f"{COMPARE_NOTEBOOK}.ipynb",
                    {"ARTICLES": paths, "OUT": str(folder), "STATIC": True},
                )
            )
        n_workers = workers or max(1, os.cpu_count() or 1)
        bar = tqdm(
            total=len(jobs),
            desc="notebooks",
            unit="notebook",
            disable=None if progress is None else not progress,
        )
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=n_workers) as pool:
            futures = {
                pool.submit(_run, name, output, params, notebooks): (folder_id, name)
                for folder_id, name, output, params in jobs
            }
            try:
                for done, future in enumerate(as_completed(futures), 1):
                    future.result()
                    bar.update(1)
                    if log is not None:
                        folder_id, name = futures[future]
                        log(
                            f"  {done}/{len(jobs)} {name} ({folder_id}) done after "
                            f"{time.perf_counter() - started:.0f} s"
                        )
            except BaseException:
                for f in futures:
                    f.cancel()
                raise
            finally:
                bar.close()
        from ..pipeline.article import analyse

        results = [analyse(a) for a in articles]  # once each, for its page and the comparison
        written = []
        for folder_id in [*ids, *([compare_id] if compare_id else [])]:
            folder = staging / folder_id
            executed = [output for fid, _, output, _ in jobs if fid == folder_id]
            group = results if folder_id == compare_id else [results[ids.index(folder_id)]]
            _html(executed, folder / "report.html", group)
            folder.chmod(0o755)
            target = parent / folder_id
            if folder_id == compare_id:
                kind, key = "comparison", compare_key
            else:
                kind, key = "article", keys[ids.index(folder_id)]
            outdir.replace_folder(folder, target, staging, kind=kind, key=key)
            written.append(target)
        return written

