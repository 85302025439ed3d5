"""``framing report``: each article analysed once, its results saved, its figures drawn,
its page written; two or more articles also compared.

:func:`write_report` checks the sources first (a missing file, an empty article or an
unreachable URL fails at once), then for each article runs :func:`analysis.analyse`
once, saves every table (:meth:`ArticleAnalysis.save`: CSV in ``data/`` with a data
package), draws the figures from the results (PNG and SVG) and writes ``report.html``
from the same results. A comparison reads the saved results of its articles. Everything
is written into a staging folder and moved into ``<out>/<id>/`` only when all of it
succeeded, and only over a folder the tool wrote itself (:mod:`analysis.io.outdir`).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..errors import FramingError
from ..io import outdir
from ..io.loaders import load_article
from ..pipeline.article import ArticleAnalysis, analyse
from ..pipeline.corrections import load_corrections
from ..text.article import Article, slugify
from .agreement_page import AGREEMENT_FILE, read_agreement
from .article_page import article_page
from .codebook import write_codebook
from .compare_page import compare_page
from .figures import draw_figures

__all__ = [
    "write_report",
    "write_article",
    "folder_name",
    "REPORT_FILE",
    "corrections_for",
    "CORRECTIONS_SUFFIX",
]

#: The page of each report folder.
REPORT_FILE = "report.html"


def folder_name(article_id: str, fallback: str) -> str:
    """A report folder name that is one plain path component: the slugged id, else the
    slugged ``fallback``, else a short hash. Never empty, ``.`` or ``..``."""
    for candidate in (article_id, fallback):
        name = slugify(str(candidate or ""))
        if name:
            return name
    digest = hashlib.sha1(f"{article_id}\0{fallback}".encode()).hexdigest()[:10]
    return f"article-{digest}"


def write_article(
    article: Article,
    folder: Path,
    *,
    links: Sequence[tuple[str, str]] = (),
    result: ArticleAnalysis | None = None,
    workers: int | None = None,
    corrections=None,
    agreement=None,
) -> ArticleAnalysis:
    """Write the report of ``article`` into ``folder``: its tables (CSV, data package
    and workbook), the codebook, its figures (PNG and SVG) and ``report.html``, all from one analysis
    (``result`` when it is already analysed, else :func:`analysis.analyse` once).
    ``workers`` draws the figures in that many forked processes (1: in this one);
    ``corrections`` are corrections by hand (:mod:`analysis.pipeline.corrections`);
    ``agreement`` (the table of ``framing agree``) adds "Agreement with your coders"."""
    folder.mkdir(parents=True, exist_ok=True)
    result = analyse(article, corrections=corrections) if result is None else result
    result.save(folder)
    write_codebook(folder)  # what every measure means, linked from the page
    svgs = draw_figures(result, folder, workers=workers)
    if agreement is not None:
        agreement.to_csv(folder / AGREEMENT_FILE, index=False, lineterminator="\n")
    page = article_page(result, svgs, links=links, agreement=agreement)
    (folder / REPORT_FILE).write_text(page, encoding="utf-8")
    return result


def _write_one(job: tuple) -> str:
    """One article's report in a worker process (its path back)."""
    article, folder, links, corrections, agreement = job
    write_article(article, Path(folder), links=links, corrections=corrections, agreement=agreement)
    return folder


#: A corrections file beside an article file, applied when no other is given.
CORRECTIONS_SUFFIX = ".corrections.yaml"


def corrections_for(source, given=None, log=None):
    """The corrections by hand of one source: ``given`` (a file, read and checked),
    else the file ``<name>.corrections.yaml`` beside an article file, else None."""
    if given is not None:
        return load_corrections(given)
    if isinstance(source, Article) or "://" in str(source):
        return None
    path = Path(source)
    beside = path.with_name(path.stem + CORRECTIONS_SUFFIX)
    if not beside.is_file():
        return None
    if log is not None:
        log(f"  applying the corrections by hand in {beside}")
    return load_corrections(beside)


def write_report(
    sources: str | os.PathLike | Article | Sequence[str | os.PathLike | Article],
    *,
    out_dir: str | os.PathLike | None = None,
    workers: int | None = None,
    log: Callable[[str], None] | None = None,
    corrections: str | os.PathLike | None = None,
    agreement: str | os.PathLike | None = None,
) -> list[Path]:
    """Analyse each article once and write its report; compare two or more.

    Parameters
    ----------
    sources : path, URL, Article or a list of them
        The article(s). With two or more, a comparison is written too
        (``compare-<id>-<id>/``), and each article's page links to it.
    out_dir : path, optional
        Parent folder of the reports (default ``figures/`` in the current folder).
    workers : int, optional
        Articles written at the same time, in separate processes (default: the
        number of cores, at most the number of articles).
    log : callable, optional
        Called with one line as each report is written (``framing report`` prints them).
    corrections : path, optional
        Corrections by hand (:mod:`analysis.pipeline.corrections`) for these articles:
        one article's file, or a file by article id. Without it, an article file's
        ``<name>.corrections.yaml`` beside it is applied, if there is one.
    agreement : path, optional
        ``agreement.csv`` written by ``framing agree``: each page gains the section
        "Agreement with your coders".

    Returns
    -------
    list of Path
        The report folders written, one per article (and the comparison).

    Raises
    ------
    ArticleLoadError
        A source cannot be read; nothing is written.
    FramingError
        The output folder cannot take the reports (see :mod:`analysis.io.outdir`).
    """
    items = [sources] if isinstance(sources, str | os.PathLike | Article) else list(sources)
    if not items:
        raise FramingError("no article given: pass a file, a URL or an Article.")
    articles = [load_article(s) for s in items]  # fails fast, before anything is written
    fixes = [corrections_for(s, corrections, log) for s in items]  # so does a bad file
    coders = None if agreement is None else read_agreement(agreement)
    keys = [outdir.source_key(a.source, a.text) for a in articles]
    names = [
        folder_name(a.article_id, Path(str(s)).stem if not isinstance(s, Article) else "")
        for a, s in zip(articles, items, strict=True)
    ]
    names = outdir.unique_names(names, keys)
    parent = outdir.prepare_parent(Path(out_dir) if out_dir is not None else Path.cwd() / "figures")
    ids = [outdir.target_name(parent, n, k, log=log) for n, k in zip(names, keys, strict=True)]
    compare_id = compare_key = None
    if len(articles) > 1:
        compare_key = "compare:" + "\0".join(keys)
        compare_name = folder_name("compare-" + "-".join(ids)[:100], "compare")
        compare_name = outdir.unique_names([*ids, compare_name], [*keys, compare_key])[-1]
        compare_id = outdir.target_name(parent, compare_name, compare_key, log=log)
    started = time.perf_counter()
    with outdir.staging(parent) as staging:
        links = [("The comparison", f"../{compare_id}/{REPORT_FILE}")] if compare_id else []
        jobs = [
            (a, str(staging / i), links, f, coders)
            for a, i, f in zip(articles, ids, fixes, strict=True)
        ]
        _run(jobs, workers, log, started)
        written = []
        if compare_id:
            results = [
                ArticleAnalysis.load(staging / i, a) for a, i in zip(articles, ids, strict=True)
            ]
            folder = staging / compare_id
            folder.mkdir()
            compare_page(results, ids, folder)
            if log is not None:
                log(f"  comparison ({compare_id}) done after {time.perf_counter() - started:.0f} s")
        for folder_id in [*ids, *([compare_id] if compare_id else [])]:
            target = parent / folder_id
            if folder_id == compare_id:
                kind, key = "comparison", compare_key
            else:
                kind, key = "article", keys[ids.index(folder_id)]
            (staging / folder_id).chmod(0o755)
            outdir.replace_folder(staging / folder_id, target, staging, kind=kind, key=key)
            written.append(target)
        return written


def _run(jobs: list[tuple], workers: int | None, log, started: float) -> None:
    n = min(len(jobs), workers or os.cpu_count() or 1)
    if n <= 1:
        for job in jobs:
            _write_one(job)
            _done(log, job, started)
        return
    with ProcessPoolExecutor(max_workers=n) as pool:
        for job, _ in zip(jobs, pool.map(_write_one, jobs), strict=True):
            _done(log, job, started)


def _done(log, job: tuple, started: float) -> None:
    if log is not None:
        log(f"  {Path(job[1]).name} done after {time.perf_counter() - started:.0f} s")
