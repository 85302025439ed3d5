"""The ``framing`` command line.

The analysis modules are imported when a command runs, not when the CLI starts, so
``framing --help`` and ``framing --version`` answer at once.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

from .errors import FramingError
from .io.outdir import terminate_on_sigterm
from .paths import SEED_ARTICLE
from .version import __version__

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="framing", description="Analyse how news articles frame events."
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    commands = parser.add_subparsers(dest="command")
    report = commands.add_parser(
        "report",
        help="analyse articles and write their figures, tables and an HTML report",
        description="Analyse each article once and write <out>/<article-id>/: report.html, the figures "
        "(PNG, SVG) and every table (CSV in data/, described by datapackage.json). Two or more articles "
        "are also compared.",
    )
    report.add_argument(
        "sources",
        nargs="*",
        help="article files (.txt, .md, .html) or URLs; the seed article if none",
    )
    report.add_argument(
        "--out",
        default=None,
        help="parent folder of the reports (default: figures/ in the current folder); a "
        "report replaces only a folder the tool wrote itself",
    )
    report.add_argument(
        "--workers",
        type=int,
        default=None,
        help="articles written at the same time (default: all cores)",
    )
    report.add_argument(
        "--corrections",
        default=None,
        metavar="FILE",
        help="corrections by hand (YAML, see the README): one article's, or by article id; "
        "without it, ARTICLE.corrections.yaml beside an article file is applied",
    )
    corpus = commands.add_parser(
        "corpus",
        help="framing metrics, figures and a report for a corpus (folder, CSV or JSONL)",
        description="One row of framing metrics per article (tone, hedging, frames, actors, sources, keyphrases), "
        "written to OUT/corpus_metrics.csv as chunks finish with the input's other columns, plus figures and "
        "OUT/report.html: the corpus's tone, frames, actors and sources, by outlet, by month and by any --by column.",
    )
    corpus.add_argument("source", help="a folder of articles, a .csv or a .jsonl file")
    corpus.add_argument(
        "--out",
        required=True,
        help="folder for corpus_metrics.csv and the figures: new, empty, or an earlier run's",
    )
    corpus.add_argument(
        "--text-column",
        default=None,
        metavar="NAME",
        help="the CSV or JSONL column that holds each article's text (default: text, body, "
        "content, article or full_text)",
    )
    corpus.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    corpus.add_argument("--chunksize", type=int, default=200, help="rows written at a time")
    corpus.add_argument(
        "--by",
        action="append",
        default=[],
        metavar="COLUMN",
        help="also group the figures by this input column (e.g. --by category); repeatable",
    )
    corpus.add_argument(
        "--reports",
        action="store_true",
        help="also write each article's full report into OUT/reports/ (linked from the "
        "article list; about twice the time)",
    )
    corpus.add_argument(
        "--corrections",
        default=None,
        metavar="FILE",
        help="corrections by hand by article id (YAML with `articles:`, see the README)",
    )
    corpus.add_argument(
        "--restart",
        action="store_true",
        help="start over instead of continuing an earlier run whose corpus_metrics.csv is in --out",
    )
    codebook = commands.add_parser(
        "codebook",
        help="write the codebook: every measure's definition, units, rules and lexicon entries",
        description="Write OUT/codebook.md and OUT/codebook.html: every measure's definition and "
        "method card, its units, the rules and lexicon entries it uses (each frame with its cues "
        "and their senses, hedges and boosters, reporting verbs and nouns, source types) and the "
        "package version, generated from the data files the analyses read.",
    )
    codebook.add_argument(
        "--out", default="figures", help="folder to write into (default: figures/)"
    )
    sheet = commands.add_parser(
        "coding-sheet",
        help="write a coding sheet for human coders (sentences, mentions, attributions)",
        description="Analyse the articles and write OUT/coding-sheet.xlsx (a sheet per kind of unit, "
        "empty columns for the codes, a codebook sheet), the same as CSV, and the tool's own codes "
        "(OUT/tool-codes.csv, kept out of the sheet so coders do not see them).",
    )
    sheet.add_argument("sources", nargs="*", help="article files or URLs; the seed if none")
    sheet.add_argument("--out", required=True, help="folder to write the sheet into")
    sheet.add_argument(
        "--corrections", default=None, metavar="FILE", help="corrections by hand to apply first"
    )
    agree = commands.add_parser(
        "agree",
        help="agreement of filled coding sheets with each other and with the tool",
        description="Read each coder's filled coding sheet (XLSX or CSV) and write OUT/agreement.html "
        "and agreement.csv: Krippendorff's alpha per variable between the coders and between each "
        "coder and the tool, percent agreement, the tool's precision, recall and F1 per class against "
        "the coders' majority (bootstrap intervals), and one ReCal file a variable.",
    )
    agree.add_argument("sheets", nargs="+", help="filled coding sheets, one or more per coder")
    agree.add_argument(
        "--tool",
        default=None,
        help="the tool's codes (default: tool-codes.csv beside the first sheet)",
    )
    agree.add_argument("--out", required=True, help="folder for the agreement page and tables")
    agree.add_argument("--bootstrap", type=int, default=1000, help="resamples per interval")
    report.add_argument(
        "--agreement",
        default=None,
        metavar="CSV",
        help="agreement.csv from framing agree: adds the section 'Agreement with your coders'",
    )
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    _readable_warnings()
    terminate_on_sigterm()  # SIGTERM ends the run like Ctrl-C: nothing half-written stays
    try:
        return _run(args)
    except KeyboardInterrupt:
        print(f"framing {args.command}: {_interrupted(args)}", file=sys.stderr)
        return 130


def _readable_warnings() -> None:
    """Warnings as one line each ("framing: warning: ..."), not Python's two-line form
    with a source line."""

    def show(message, category, filename, lineno, file=None, line=None):
        print(f"framing: warning: {message}", file=file or sys.stderr)

    warnings.showwarning = show


def _interrupted(args) -> str:
    """One line on Ctrl-C: how far the run got and how to go on."""
    if args.command == "corpus":
        table = Path(args.out) / "corpus_metrics.csv"
        if table.exists():
            with table.open(encoding="utf-8") as handle:
                n = max(0, sum(1 for _ in handle) - 1)
            return (
                f"interrupted; {n:,} article(s) are saved in {table}. "
                "Run the same command again to continue where it stopped."
            )
        return "interrupted before any article was saved."
    return "interrupted; no report was written (earlier reports are untouched)."


def _corpus_summary(folder: Path) -> str:
    """What a corpus run did (``run.json``): analysed and skipped by this run and why,
    what an earlier run left, the time, and where the report is."""
    import pandas as pd  # noqa: PLC0415 - only when a corpus run has finished

    run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    metrics = pd.read_csv(folder / "corpus_metrics.csv", usecols=["status", "reason"])
    skipped = metrics.loc[metrics["status"] == "skipped", "reason"].fillna("unknown")
    line = f"framing corpus: {run['analysed']:,} article(s) analysed"
    if run["skipped"]:
        why = Counter(str(r).split(":")[0][:50].rstrip(".") for r in skipped).most_common(3)
        line += f", {run['skipped']:,} skipped (" + "; ".join(f"{r}: {n}" for r, n in why) + ")"
    line += f" in {run['seconds']:.0f} s"
    if run["kept"]:
        held = run["in_table"]
        line += (
            f"; {run['kept']:,} row(s) kept from an earlier run, so the table holds "
            f"{held['analysed']:,} analysed and {held['skipped']:,} skipped"
        )
    return (
        line
        + f"; open {folder / 'report.html'}"
        + (f" (skipped rows: {folder / 'skipped.csv'})" if len(skipped) else "")
    )


def _run(args) -> int:
    import matplotlib  # noqa: PLC0415 - the analysis loads only when a command runs

    matplotlib.use("Agg")
    if args.command == "corpus":
        return _corpus(args)
    if args.command == "report":
        return _report(args)
    if args.command == "codebook":
        return _codebook(args)
    if args.command == "coding-sheet":
        return _coding_sheet(args)
    if args.command == "agree":
        return _agree(args)
    return 0


def _coding_sheet(args) -> int:
    from .io.loaders import load_article  # noqa: PLC0415
    from .pipeline.article import analyse  # noqa: PLC0415
    from .report.codebook import write_codebook  # noqa: PLC0415
    from .validation.coding import write_coding_sheet  # noqa: PLC0415

    sources = args.sources or [str(SEED_ARTICLE)]
    try:
        articles = [load_article(s) for s in sources]
        results = [analyse(a, corrections=args.corrections) for a in articles]
        paths = write_coding_sheet(results, args.out)
        write_codebook(args.out)  # the full codebook beside the sheet, for the coders
    except FramingError as exc:
        print(f"framing coding-sheet: {exc}", file=sys.stderr)
        return 2
    print(
        f"framing coding-sheet: wrote {paths['xlsx']} (and its CSVs, and codebook.html) for "
        f"{len(results)} article(s); the tool's codes are in {paths['tool']}",
        file=sys.stderr,
    )
    return 0


def _agree(args) -> int:
    from .report.agreement_page import write_agreement  # noqa: PLC0415
    from .validation.agreement import agreement, default_tool  # noqa: PLC0415

    tool = args.tool or default_tool(args.sheets)
    try:
        result = agreement(args.sheets, tool, n_boot=args.bootstrap)
        page = write_agreement(result, args.out)
    except FramingError as exc:
        print(f"framing agree: {exc}", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(f"framing agree: note: {problem}", file=sys.stderr)
    if tool is None:
        print(
            "framing agree: no tool-codes.csv found; only the coders are compared.", file=sys.stderr
        )
    print(f"framing agree: {len(result.coders)} coder(s); open {page}", file=sys.stderr)
    return 0


def _codebook(args) -> int:
    from .report.codebook import write_codebook  # noqa: PLC0415

    try:
        paths = write_codebook(args.out)
    except FramingError as exc:
        print(f"framing codebook: {exc}", file=sys.stderr)
        return 2
    print(f"framing codebook: wrote {paths[0]} and {paths[1]}", file=sys.stderr)
    return 0


def _corpus(args) -> int:
    from .report.corpus_report import write_corpus_report  # noqa: PLC0415

    print(f"framing corpus: analysing {args.source}", file=sys.stderr, flush=True)
    try:
        folder = write_corpus_report(
            args.source,
            out_dir=args.out,
            workers=args.workers,
            chunksize=args.chunksize,
            resume=not args.restart,
            by=args.by,
            log=lambda line: print(line, file=sys.stderr, flush=True),
            text_column=args.text_column,
            reports=args.reports,
            corrections=args.corrections,
        )
    except FramingError as exc:
        print(f"framing corpus: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {folder}")
    print(_corpus_summary(folder), file=sys.stderr)
    return 0


def _report(args) -> int:
    from .report.writer import write_report  # noqa: PLC0415

    sources = args.sources or [str(SEED_ARTICLE)]
    folders = [s for s in sources if Path(s).is_dir()]
    if folders:
        print(
            f"framing report: {folders[0]} is a folder; `framing report` takes article files "
            f"or URLs. For every article in a folder, run: framing corpus {folders[0]} --out REPORT",
            file=sys.stderr,
        )
        return 2
    started = time.perf_counter()
    print(f"framing report: analysing {len(sources)} article(s)", file=sys.stderr)
    try:
        folders = write_report(
            sources,
            out_dir=args.out,
            workers=args.workers,
            log=lambda line: print(line, file=sys.stderr, flush=True),
            corrections=args.corrections,
            agreement=args.agreement,
        )
    except FramingError as exc:
        print(f"framing report: {exc}", file=sys.stderr)
        return 2
    for folder in folders:
        print(f"wrote {folder}")
    print(
        f"framing report: {len(folders)} report(s) in {time.perf_counter() - started:.0f} s; "
        f"open {folders[-1] / 'report.html'}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
