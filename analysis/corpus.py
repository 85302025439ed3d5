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
import warnings
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd

from .article import Article, NotEnglishWarning
from .errors import ArticleLoadError, FramingError

__all__ = ["analyse_article", "analyse", "metric_columns", "write_corpus_report"]

_BASE = ["article_id", "title", "outlet", "date", "status", "reason", "n_sentences", "n_words"]
_TONE = [
    "polarity_mean",
    "subjectivity_mean",
    "vader_mean",
    "share_negative",
    "share_neutral",
    "share_positive",
]
_HEDGE = ["hedges_per_1k", "boosters_per_1k", "share_attributed"]
_SOURCE_TYPES = [
    "named official",
    "named person",
    "institution",
    "unnamed group",
    "media",
    "unresolved",
    "unattributed",
]
_TEXT_KEYS = ("text", "body", "content", "article")


def metric_columns() -> list[str]:
    """The columns of :func:`analyse`'s table, in order."""
    from .frames import load_scheme

    frames = [f"generic_{f}" for f in load_scheme("generic").frames] + [
        f"policy_{f}" for f in load_scheme("policy").frames
    ]
    quoted = [f"quoted_{t.replace(' ', '_')}" for t in _SOURCE_TYPES]
    return (
        _BASE + _TONE + _HEDGE + frames + ["top_actors", "n_actors"] + quoted + ["top_keyphrases"]
    )


def analyse_article(row: Mapping[str, Any]) -> dict[str, Any]:
    """All framing metrics of one article, as one flat row (see :func:`metric_columns`).

    Frame columns are cues per 1,000 words; ``quoted_*`` columns are the share of
    attributed words by kind of source; ``top_actors`` and ``top_keyphrases`` are
    "; "-joined. A row that cannot be analysed gets ``status="skipped"`` and the
    ``reason``, and missing metrics.
    """
    from .sentences import sentences

    base = {
        "article_id": str(row.get("article_id") or row.get("id") or ""),
        "title": _clean(row.get("title")),
        "outlet": _clean(row.get("outlet")),
        "date": _clean(row.get("date")),
    }
    text = next((row[k] for k in _TEXT_KEYS if k in row and isinstance(row[k], str)), None)
    try:
        if text is None or not text.strip():
            raise ArticleLoadError(base["article_id"], "the text is empty or missing.")
        if "\x00" in text or sum(ch < " " and ch not in "\n\r\t" for ch in text[:5000]) > 3:
            raise ArticleLoadError(
                base["article_id"], "the text holds binary (control) characters."
            )
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", NotEnglishWarning)
            article = Article.from_text(
                text,
                title=base["title"],
                article_id=base["article_id"] or None,
                source=base["article_id"] or "<row>",
            )
        if caught:
            raise ArticleLoadError(base["article_id"], str(caught[0].message).split(": ", 1)[-1])
    except ArticleLoadError as exc:
        return {**base, "status": "skipped", "reason": exc.problem}
    base["article_id"] = base["article_id"] or article.article_id
    base["title"] = base["title"] or article.title
    return {**base, **_metrics(sentences(article))}


def _metrics(table: pd.DataFrame) -> dict[str, Any]:
    """The numbers of ``article_tone``, ``hedging_summary``, ``frame_profile``
    (cues per 1,000 words) and ``actor_summary`` (top actors) for one article, computed
    straight from the rows: the summary functions' group-bys cost more than the
    analyses themselves on a single article. A test checks they agree."""
    from collections import Counter

    import numpy as np

    from .actors import actor_mentions
    from .frames import _match, load_scheme
    from .keywords import keyphrases
    from .sentiment import sentence_sentiment
    from .sources import hedging, quotes

    body = table[table["role"].isin(["headline", "standfirst", "body"])]
    n_words = int(body["n_words"].sum())
    out: dict[str, Any] = {
        "status": "ok",
        "reason": None,
        "n_sentences": len(body),
        "n_words": n_words,
    }
    scores = sentence_sentiment(body)
    if len(scores):
        tone = scores["tone"].value_counts(normalize=True)
        out.update(
            polarity_mean=float(scores["polarity"].to_numpy(dtype=float).mean()),
            subjectivity_mean=float(scores["subjectivity"].to_numpy(dtype=float).mean()),
            vader_mean=float(scores["vader_compound"].to_numpy(dtype=float).mean()),
            share_negative=float(tone.get("negative", 0.0)),
            share_neutral=float(tone.get("neutral", 0.0)),
            share_positive=float(tone.get("positive", 0.0)),
        )
    mentions = actor_mentions(table)
    said = quotes(table, mentions)
    hedges = hedging(table, said)
    if len(hedges) and n_words:
        words = int(hedges["n_words"].sum())
        per_1k = 1000 / words if words else np.nan
        out.update(
            hedges_per_1k=float(hedges["n_hedges"].sum() * per_1k),
            boosters_per_1k=float(hedges["n_boosters"].sum() * per_1k),
            share_attributed=float(hedges["attributed"].map(bool).mean()),
        )
    texts = body["text_norm"].astype(str).tolist()
    for scheme_name in ("generic", "policy"):
        scheme = load_scheme(scheme_name)
        counts: Counter = Counter()
        for text in texts:
            for frame, spans in _match(text, scheme).items():
                counts[frame] += len(spans)
        for frame in scheme.frames:
            out[f"{scheme_name}_{frame}"] = 1000 * counts[frame] / n_words if n_words else 0.0
    # actor_summary's order: most mentions, then first appearance, then name
    first: dict[str, int] = {}
    for actor, sid in zip(mentions["actor"], mentions["sentence_id"], strict=True):
        first[actor] = min(first.get(actor, sid), sid)
    counted = Counter(mentions["actor"])
    ranked = sorted(counted, key=lambda a: (-counted[a], first[a], a))
    out["top_actors"] = "; ".join(ranked[:3])
    out["n_actors"] = len(ranked)
    words_by_type = Counter()
    for kind, n in zip(said["source_type"], said["n_words"], strict=True):
        words_by_type[kind] += n
    total = sum(words_by_type.values())
    for kind in _SOURCE_TYPES:
        out[f"quoted_{kind.replace(' ', '_')}"] = words_by_type[kind] / total if total else 0.0
    out["top_keyphrases"] = "; ".join(keyphrases(table, top_n=5)["display"])
    return out


def _clean(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    value = str(value).strip()
    return value or None


def _frame(rows: list[dict]) -> pd.DataFrame:
    columns = metric_columns()
    frame = pd.DataFrame(rows, columns=columns)
    numeric = [
        c
        for c in columns
        if c
        not in (
            "article_id",
            "title",
            "outlet",
            "date",
            "status",
            "reason",
            "top_actors",
            "top_keyphrases",
        )
    ]
    frame[numeric] = frame[numeric].astype("float64")
    return frame


def _analyse_partition(part: pd.DataFrame) -> pd.DataFrame:
    """The Dask path: the same function over the rows of one partition."""
    return _frame([analyse_article(r) for r in part.to_dict("records")])


def _batched(records: Iterable[dict], size: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _numbered(records: Iterable[dict], stem: str) -> Iterator[dict]:
    for number, record in enumerate(records, 1):
        record.setdefault("article_id", record.get("id") or f"{stem}-{number:05d}")
        yield record


def _rows(source, chunksize: int) -> Iterator[list[dict]]:
    """Raw article rows in chunks, without dropping bad ones (they are reported)."""
    if isinstance(source, pd.DataFrame):
        return _batched(source.to_dict("records"), chunksize)
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.is_dir() or path.suffix.lower() not in (".csv", ".jsonl", ".ndjson"):
            from .loaders import iter_corpus

            return (
                chunk.to_dict("records")
                for chunk in iter_corpus(path, chunksize=chunksize, progress=False)
            )
        from .loaders import _csv_rows, _jsonl_rows

        rows = _csv_rows(path) if path.suffix.lower() == ".csv" else _jsonl_rows(path)
        return _batched(_numbered(rows, path.stem), chunksize)
    if isinstance(source, Iterable):
        return _batched((dict(record) for record in source), chunksize)
    raise FramingError(
        f"cannot read a corpus from {type(source).__name__}; pass a DataFrame, a folder, a CSV or JSONL path, or rows."
    )


def analyse(
    articles,
    *,
    workers: int | None = 1,
    chunksize: int = 200,
    out: str | os.PathLike | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Framing metrics for every article of a corpus, one row each, in input order.

    Parameters
    ----------
    articles : DataFrame, path, rows or dask DataFrame
        A DataFrame of articles (``text`` and optional ``article_id``, ``title``,
        ``outlet``, ``date``); a folder, CSV or JSONL file (streamed in chunks); an
        iterable of mappings; or a ``dask.dataframe.DataFrame``, processed with
        ``map_partitions`` on whatever scheduler is active.
    workers : int or None
        Processes to use locally: 1 runs in this process; None uses every core.
    chunksize : int
        Articles read and handed to a worker at a time.
    out : path, optional
        Append each chunk's rows to this CSV as they are done, so memory stays flat
        and a long run can be watched; the returned table then keeps only
        ``article_id`` and ``status`` (read the CSV for the metrics).
    progress : bool, optional
        Progress bar (default: on a terminal).

    Returns
    -------
    DataFrame
        One row an article, columns :func:`metric_columns`. For a Dask input, a Dask
        DataFrame with the same columns (call ``.compute()``).
    """
    if type(articles).__module__.startswith("dask"):
        return articles.map_partitions(_analyse_partition, meta=_frame([]))
    from tqdm.auto import tqdm

    n_workers = (os.cpu_count() or 1) if workers is None else max(1, int(workers))
    target = Path(out) if out is not None else None
    if target is not None and target.exists():
        target.unlink()
    results: list[pd.DataFrame] = []
    bar = tqdm(desc="articles", unit="article", disable=None if progress is None else not progress)
    pool = ProcessPoolExecutor(max_workers=n_workers) if n_workers > 1 else None
    try:
        for chunk in _rows(articles, chunksize):
            if pool is None:
                rows = [analyse_article(r) for r in chunk]
            else:
                rows = list(
                    pool.map(
                        analyse_article, chunk, chunksize=max(1, len(chunk) // (4 * n_workers))
                    )
                )
            frame = _frame(rows)
            if target is not None:
                frame.to_csv(
                    target,
                    mode="a",
                    header=not target.exists(),
                    index=False,
                    lineterminator="\n",
                    float_format="%.6g",
                )
                results.append(frame[["article_id", "status"]])
            else:
                results.append(frame)
            bar.update(len(rows))
    finally:
        bar.close()
        if pool is not None:
            pool.shutdown()
    if not results:
        return _frame([])
    return pd.concat(results, ignore_index=True)


def write_corpus_report(
    source, *, out_dir: str | os.PathLike, workers: int | None = None, chunksize: int = 200
) -> Path:
    """Run :func:`analyse` on a corpus file or folder and write ``corpus_metrics.csv``
    (appended chunk by chunk) and, where the corpus has outlets or dates, figures of
    frames and tone by outlet and by date. Returns the folder."""
    import matplotlib.pyplot as plt

    from .plotting import plot_corpus_frames, plot_corpus_tone, save_figure

    path = Path(source)
    if not path.exists():
        raise ArticleLoadError(path, "no such file or folder.", "Check the path.")
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    table_path = folder / "corpus_metrics.csv"
    analyse(path, workers=workers, chunksize=chunksize, out=table_path)
    metrics = pd.read_csv(table_path)
    for by in ("outlet", "date"):
        if by in metrics.columns and metrics[by].notna().any():
            if by == "date":
                metrics["date"] = metrics["date"].astype(str).str[:7]  # months
            fig, ax = plt.subplots(figsize=(7, 4.5))
            plot_corpus_frames(metrics, by=by, ax=ax)
            save_figure(fig, folder, f"frames_by_{by}")
            plt.close(fig)
            fig, ax = plt.subplots(figsize=(7, 4))
            plot_corpus_tone(metrics, by=by, ax=ax)
            save_figure(fig, folder, f"tone_by_{by}")
            plt.close(fig)
    return folder
