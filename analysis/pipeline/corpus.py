"""Corpus scale: one row of framing metrics per article, for thousands of articles.

:func:`analyse_article` is one pure function from an article row (a mapping with
``text`` and optional ``article_id``, ``title``, ``outlet``, ``date``, ``url``) to a row
of metrics. :func:`analyse` maps it over a corpus in one process, in a pool of local
processes, or over a ``dask.dataframe`` with ``map_partitions`` (install the ``scale``
extra); the rows are the same whichever way it runs. Files are streamed in chunks, so
a corpus larger than memory works. Rows that cannot be analysed (empty, binary, not
English) come back with ``status`` "skipped" and the reason; no other row is lost.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from ..errors import ArticleLoadError, FramingError
from ..io.loaders import (
    TEXT_COLUMNS,
    article_files,
    corpus_columns,
    load_article,
    read_rows,
    text_column_of,
    text_problem,
)
from ..text.article import Article, NotEnglishWarning
from .article import ArticleAnalysis
from .article import analyse as analyse_one
from .corrections import Corrections, load_corrections
from .summary import TEXT_SUMMARY_COLUMNS, summary_columns

__all__ = [
    "analyse_article",
    "analyse",
    "metric_columns",
    "count_rows",
    "check_by",
    "check_by_values",
    "join_extras",
]

_TEXT_KEYS = TEXT_COLUMNS


def metric_columns() -> list[str]:
    """The columns of :func:`analyse`'s table, in order: the input ``row``, then the
    keys of :meth:`analysis.pipeline.ArticleAnalysis.summary`."""
    return ["row", *summary_columns()]


def analyse_article(
    row: Mapping[str, Any],
    keep: Callable[[int, ArticleAnalysis], None] | None = None,
    corrections: Corrections | None = None,
) -> dict[str, Any]:
    """All framing metrics of one article row, as one flat row.

    ``row`` is a mapping with the text (``text``, ``body``, ``content`` or
    ``article``) and optional ``article_id``, ``title``, ``outlet``, ``date``. The
    metrics are ``analysis.analyse(article).summary()`` (frame columns are cues per
    1,000 words; ``quoted_*`` the share of attributed words by kind of source;
    ``top_actors`` and ``top_keyphrases`` "; "-joined). A row that cannot be analysed
    gets ``status="skipped"``, the ``reason``, and missing metrics. ``keep``, when
    given, is called with the row's number and its full analysis (a corpus run uses it
    to write each article's report in the same pass). ``corrections`` (a file by
    article id, :func:`analysis.pipeline.corrections.load_corrections`) are applied
    to the articles they name.
    """
    base = {
        "article_id": str(row.get("article_id") or row.get("id") or ""),
        "title": _clean(row.get("title")),
        "outlet": _clean(row.get("outlet")),
        "date": _clean(row.get("date")),
    }
    key = next((k for k in _TEXT_KEYS if k in row), None)
    text = row[key] if key is not None else None
    try:
        problem = text_problem(text)
        if problem is not None:
            raise problem
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", NotEnglishWarning)
            article = Article.from_text(
                text,
                title=base["title"],
                article_id=base["article_id"] or None,
                outlet=base["outlet"],
                date=base["date"],
                source=base["article_id"] or "<row>",
            )
        if caught:
            raise ArticleLoadError(base["article_id"], str(caught[0].message).split(": ", 1)[-1])
    except ArticleLoadError as exc:
        return {**base, "status": "skipped", "reason": exc.problem}
    result = analyse_one(article, corrections=corrections)
    summary = result.summary()
    if keep is not None:
        keep(int(row.get("row") or 0), result)
    return summary


def _clean(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    value = str(value).strip()
    return value or None


def _frame(rows: list[dict]) -> pd.DataFrame:
    columns = metric_columns()
    frame = pd.DataFrame(rows, columns=columns)
    numeric = [c for c in columns if c not in TEXT_SUMMARY_COLUMNS and c != "row"]
    frame[numeric] = frame[numeric].astype("float64")
    frame["row"] = frame["row"].astype("int64")
    return frame


def _analyse_partition(part: pd.DataFrame) -> pd.DataFrame:
    """The Dask path: the same function over the rows of one partition."""
    rows = []
    for number, record in zip(part.index, part.to_dict("records"), strict=True):
        rows.append({"row": int(number) + 1, **analyse_article(record)})
    return _frame(rows)


# A numbered input row: (row number, the row or None, why it could not be read).
_Item = tuple[int, dict | None, str | None]


def _items(source, text_column: str | None = None) -> Iterator[_Item]:
    """Every input row, numbered from 1, bad ones included with the reason. The text
    is under ``text`` in every row (the corpus's own text column renamed)."""
    if isinstance(source, pd.DataFrame):
        return ((n, r, None) for n, r in enumerate(source.to_dict("records"), 1))
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.exists():
            raise ArticleLoadError(path, "no such file or folder.", "Check the path.")
        if path.is_dir():
            return _folder_items(path)
        if path.suffix.lower() not in (".csv", ".jsonl", ".ndjson"):
            raise ArticleLoadError(
                path,
                "a corpus is a folder, a .csv or a .jsonl file.",
                "Use framing report (or load_article) for a single article.",
            )
        column = text_column_of(path, text_column)  # fails before any row is analysed
        return _table_items(path, column)
    if isinstance(source, Iterable):
        return ((n, dict(r), None) for n, r in enumerate(source, 1))
    raise FramingError(
        f"cannot read a corpus from {type(source).__name__}; pass a DataFrame, a folder, a CSV or JSONL path, or rows."
    )


def _table_items(path: Path, column: str | None) -> Iterator[_Item]:
    stem = path.stem
    for n, r, problem in read_rows(path):
        if r is None:
            yield n, None, problem
            continue
        row = {"article_id": r.get("article_id") or r.get("id") or f"{stem}-{n:05d}", **r}
        if column is not None and column != "text":
            row = {k: v for k, v in row.items() if k not in _TEXT_KEYS or k == column}
            row["text"] = row.pop(column, None)
        yield n, row, None


def _folder_items(path: Path) -> Iterator[_Item]:
    left_out: list[str] = []
    files = article_files(path, skipped=left_out)
    for number, file in enumerate(files, 1):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", NotEnglishWarning)  # analyse_article reports it
                article = load_article(file)
        except ArticleLoadError as exc:
            yield number, None, f"{file.name}: {exc.problem}"
            continue
        yield (
            number,
            {
                "article_id": article.article_id,
                "title": article.title,
                "outlet": article.outlet,
                "date": article.date,
                "text": article.text,
            },
            None,
        )
    for number, reason in enumerate(left_out, len(files) + 1):
        yield number, None, reason


def _analyse_item(item: _Item, keep=None, corrections=None) -> dict[str, Any]:
    number, record, problem = item
    if record is None:
        return {"row": number, "article_id": None, "status": "skipped", "reason": problem}
    return {"row": number, **analyse_article({**record, "row": number}, keep, corrections)}


def _analyse_batch(batch: list[_Item], keep=None, corrections=None) -> list[dict[str, Any]]:
    return [_analyse_item(item, keep, corrections) for item in batch]


def _init_worker(parent: int) -> None:
    """Each worker ignores Ctrl-C (the parent stops the run), exits when its parent is
    gone (a killed run leaves no workers behind), and loads the lexicons and models
    once, before its first article."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="framing-parent-watch", daemon=True).start()
    analyse_article({"article_id": "warm-up", "text": _WARM_UP})


_WARM_UP = (
    "Leaders Sign Trade Deal\nThe president said the deal may help farmers, "
    "officials told reporters on Monday."
)


def _batches(items: Iterable[_Item], size: int) -> Iterator[list[_Item]]:
    batch: list[_Item] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _results(
    items: Iterator[_Item], n_workers: int, keep=None, corrections=None
) -> Iterator[dict[str, Any]]:
    """Analysed rows in input order. With several workers, small batches stream to
    the processes with a bounded number in flight, so a slow article holds back only
    the order of output, not the other workers."""
    if n_workers <= 1:
        for item in items:
            yield _analyse_item(item, keep, corrections)
        return
    pool = ProcessPoolExecutor(
        max_workers=n_workers, initializer=_init_worker, initargs=(os.getpid(),)
    )
    pending: deque = deque()
    batches = _batches(items, 4)
    try:
        for batch in batches:
            pending.append(pool.submit(_analyse_batch, batch, keep, corrections))
            if len(pending) >= 4 * n_workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _append(target: Path, rows: list[dict[str, Any]]) -> None:
    """Append rows to the CSV in one write, so an interruption leaves whole lines."""
    frame = _frame(rows)
    text = frame.to_csv(
        index=False,
        header=not target.exists(),
        lineterminator="\n",
    )
    with target.open("a", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()


def _done_rows(target: Path) -> dict[int, str]:
    """Rows already in an earlier run's CSV (row number -> article id); a cut-off last
    line from an interrupted write is dropped."""
    data = target.read_bytes()
    if data and not data.endswith(b"\n"):
        target.write_bytes(data[: data.rfind(b"\n") + 1])
    if not target.stat().st_size:
        target.unlink()
        return {}
    header = target.open(encoding="utf-8").readline().rstrip("\n").split(",")
    if header[: len(metric_columns())] != metric_columns():  # the input's extras may follow
        raise FramingError(
            f"{target} was written by another version of the corpus analysis (its columns differ); "
            "start over with --restart (resume=False) or write to another --out folder."
        )
    done = pd.read_csv(target, usecols=["row", "article_id"], dtype={"article_id": str})
    return dict(zip(done["row"].astype(int), done["article_id"].fillna(""), strict=True))


def analyse(
    articles,
    *,
    workers: int | None = 1,
    chunksize: int = 200,
    out: str | os.PathLike | None = None,
    resume: bool = True,
    progress: bool | None = None,
    log: Callable[[str], None] | None = None,
    every: float = 30.0,
    extras: dict[int, dict[str, Any]] | None = None,
    text_column: str | None = None,
    stats: dict[str, int] | None = None,
    keep: Callable[[int, ArticleAnalysis], None] | None = None,
    corrections: str | os.PathLike | Corrections | None = None,
) -> pd.DataFrame:
    """Framing metrics for every article of a corpus, one row each, in input order.

    Parameters
    ----------
    articles : DataFrame, path, rows or dask DataFrame
        A DataFrame of articles (``text`` and optional ``article_id``, ``title``,
        ``outlet``, ``date``); a folder, CSV or JSONL file (streamed); an iterable of
        mappings; or a ``dask.dataframe.DataFrame``, processed with ``map_partitions``
        on whatever scheduler is active.
    workers : int or None
        Processes to use locally: 1 runs in this process; None uses every core.
    chunksize : int
        Rows written to ``out`` at a time.
    out : path, optional
        Append the rows to this CSV as they are done, so memory stays flat and a long
        run can be watched; the returned table then keeps only ``row``,
        ``article_id`` and ``status`` (read the CSV for the metrics).
    resume : bool
        When ``out`` already holds rows of this corpus, keep them and analyse only the
        rest (an interrupted run continues where it stopped); False starts over.
    progress : bool, optional
        Progress bar with rate and time left (default: on a terminal).
    log : callable, optional
        Called with one plain line every ``every`` seconds when there is no progress
        bar (a log file, CI): articles done, skipped, rate.
    extras : dict, optional
        Filled with each input row's other columns (row number -> {column: value}),
        e.g. a ``category``, so they can be joined to the metrics.
    text_column : str, optional
        The column of a CSV or JSONL file that holds the text, when it is not one of
        ``text``, ``body``, ``content``, ``article`` or ``full_text``. A file without a
        text column fails before any row is analysed, naming the columns it has.
    stats : dict, optional
        Filled with what this run did: ``total`` rows in the input (None when it cannot
        be counted), ``kept`` from an earlier run, ``analysed`` and ``skipped`` now.
    keep : callable, optional
        Called in the worker with each analysed row's number and its
        :class:`ArticleAnalysis` (to write its report in the same pass); must be
        picklable (a module-level function or a ``functools.partial`` of one).
    corrections : path or Corrections, optional
        Corrections by hand by article id (``articles: {id: [...]}``, see
        :mod:`analysis.pipeline.corrections`), read and checked before any article is
        analysed; each article's ``n_corrections`` says how many were applied.

    Returns
    -------
    DataFrame
        One row an article, columns :func:`metric_columns`: ``row`` is the input's row
        (the JSONL line, the CSV data row, the file in a folder, from 1). Rows that
        cannot be read or analysed (invalid JSON, a text that is not a string, over
        the size limit, empty, binary, not English) have ``status`` "skipped" and the
        ``reason``. For a Dask input, a Dask DataFrame with the same columns.

    Raises
    ------
    FramingError
        The source cannot be read at all, or ``out`` holds rows of another corpus.
    KeyboardInterrupt
        On Ctrl-C, after the rows finished so far are written to ``out``.
    """
    if type(articles).__module__.startswith("dask"):
        return articles.map_partitions(_analyse_partition, meta=_frame([]))
    if chunksize < 1:
        raise FramingError(f"chunksize must be at least 1, not {chunksize}.")
    n_workers = (os.cpu_count() or 1) if workers is None else max(1, int(workers))
    fixes = None if corrections is None else load_corrections(corrections)
    target = Path(out) if out is not None else None
    done: dict[int, str] = {}
    if target is not None and target.exists():
        if resume:
            done = _done_rows(target)
        else:
            target.unlink()
    items = _items(articles, text_column)
    total = count_rows(articles)
    if extras is not None:
        items = _keep_extras(items, extras)
    if done:
        items = _skip_done(items, done, target)
    results: list[pd.DataFrame] = []
    buffer: list[dict[str, Any]] = []

    def flush() -> None:
        if not buffer:
            return
        if target is not None:
            _append(target, buffer)
            results.append(_frame(buffer)[["row", "article_id", "status"]])
        else:
            results.append(_frame(buffer))
        buffer.clear()

    bar = tqdm(
        desc="articles",
        unit="article",
        total=total,
        initial=len(done),
        disable=None if progress is None else not progress,
    )
    counts = stats if stats is not None else {}
    counts.update(total=total, kept=len(done), analysed=0, skipped=0)
    started = last = time.perf_counter()
    try:
        for row in _results(items, n_workers, keep, fixes):
            buffer.append(row)
            bar.update(1)
            counts["skipped" if row.get("status") == "skipped" else "analysed"] += 1
            now = time.perf_counter()
            if log is not None and bar.disable and now - last >= every:
                last = now
                log(_progress_line(counts, now - started))
            if len(buffer) >= chunksize:
                flush()
    finally:
        flush()  # on Ctrl-C too: finished rows are kept for --resume
        bar.close()
    if target is not None and done:
        frame = pd.read_csv(target, usecols=["row", "article_id", "status"])
        return frame
    if not results:
        return _frame([])
    return pd.concat(results, ignore_index=True)


def _progress_line(counts: dict[str, Any], seconds: float) -> str:
    """One plain progress line: done of the total, skipped, rate and time left."""
    now = counts["analysed"] + counts["skipped"]
    done = now + counts["kept"]
    rate = now / seconds if seconds > 0 else 0.0
    total = counts.get("total")
    line = f"  {done:,}" + (f" of {total:,}" if total else "") + " articles done"
    line += f" ({counts['skipped']:,} skipped), {rate:.1f} per second"
    if total and rate > 0 and total > done:
        left = (total - done) / rate
        line += f", about {_duration(left)} left"
    return line


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def count_rows(source) -> int | None:
    """How many rows :func:`analyse` will read from ``source`` (for a progress total
    and time left): a DataFrame's or a list's length, a folder's article files, a JSONL
    file's non-blank lines, a CSV file's data rows. None when it cannot be counted
    without consuming it (an iterator), or when the file cannot be read (the run then
    says why)."""
    if isinstance(source, pd.DataFrame | list | tuple):
        return len(source)
    if not isinstance(source, str | os.PathLike):
        return None
    path = Path(source)
    try:
        if path.is_dir():
            skipped: list[str] = []
            return len(article_files(path, skipped=skipped)) + len(skipped)
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            with path.open("rb") as handle:
                return sum(1 for line in handle if line.strip())
        if path.suffix.lower() == ".csv":
            return sum(
                len(chunk)
                for chunk in pd.read_csv(
                    path, usecols=[0], dtype=str, keep_default_na=False, chunksize=20000
                )
            )
    except (OSError, ValueError, pd.errors.ParserError, UnicodeDecodeError):
        return None
    return None


#: Input columns that are not carried as extras (the text itself, the fields the
#: metrics already have).
_NOT_EXTRA = {*_TEXT_KEYS, "id", "article_id", "title", "outlet", "date", "row"}


def _keep_extras(items: Iterator[_Item], extras: dict[int, dict[str, Any]]) -> Iterator[_Item]:
    for item in items:
        number, record, _ = item
        if record is not None:
            kept = {
                str(k): v
                for k, v in record.items()
                if str(k) not in _NOT_EXTRA
                and (v is None or isinstance(v, str | int | float | bool))
            }
            if kept:
                extras[number] = kept
        yield item


def _skip_done(items: Iterator[_Item], done: dict[int, str], target: Path) -> Iterator[_Item]:
    for item in items:
        number, record, _ = item
        if number in done:
            stored = done[number]
            ident = str(record.get("article_id") or "") if record is not None else ""
            if stored and ident and stored != ident:
                raise FramingError(
                    f"{target} holds row {number} as {stored!r}, but the input's row {number} is "
                    f"{ident!r}: it was written for another corpus. Start over with --restart "
                    "(resume=False) or write to another --out folder."
                )
            continue
        yield item


def join_extras(metrics: pd.DataFrame, extras: dict, table_path: Path) -> pd.DataFrame:
    """The metrics with the input's other columns joined (and written back to
    ``table_path``)."""
    metrics = metrics[[c for c in metrics.columns if c in metric_columns()]]
    if extras:
        extra = pd.DataFrame.from_dict(extras, orient="index")
        extra = extra[[c for c in extra.columns if c not in metrics.columns]]
        metrics = metrics.merge(extra, left_on="row", right_index=True, how="left")
        metrics.to_csv(table_path, index=False, lineterminator="\n")
    return metrics


def check_by(path: Path, by: Sequence[str], text_column: str | None) -> None:
    """--by columns a CSV or JSONL corpus does not have: an error before any row."""
    columns = corpus_columns(path)
    known = set(columns) | {"outlet", "month", "date"}
    missing = [c for c in by if c not in known]
    if missing:
        text = text_column_of(path, text_column)
        others = [c for c in columns if c != text]
        raise FramingError(
            f"--by {', '.join(missing)}: no such column in {path.name}; its columns are "
            + ", ".join(others[:20])
            + " (and month, from the date)."
        )


def check_by_values(
    metrics: pd.DataFrame, path: Path, by: Sequence[str], log: Callable[[str], None] | None
) -> None:
    """--by columns the table lacks (an error), or that are empty everywhere (said
    through ``log``, or as a warning)."""
    missing = [c for c in by if c not in metrics.columns and c not in ("month", "outlet")]
    if missing:
        raise FramingError(
            f"--by {', '.join(missing)}: no such column in {path.name}; its columns are "
            + ", ".join(c for c in metrics.columns if c not in metric_columns())
            + " (and outlet, date)."
        )
    ok = metrics["status"] == "ok"
    for name in by:
        values = metrics.loc[ok, name] if name in metrics.columns else None
        if values is not None and not values.map(_clean).notna().any():
            message = (
                f"--by {name}: the column is empty in every analysed article, so there is "
                "no section for it."
            )
            if log is not None:
                log(f"  note: {message}")
            else:
                warnings.warn(message, UserWarning, stacklevel=3)
