"""The ``framing`` command line."""

from __future__ import annotations

import argparse
import sys

from .errors import FramingError
from .paths import SEED_ARTICLE

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="framing", description="Analyse how news articles frame events."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser(
        "report",
        help="run every notebook on articles and write figures, tables and an HTML report",
        description="Run the analysis notebooks on each article and write figures/<article-id>/: figures "
        "(PNG, SVG), tables (CSV), the executed notebooks and report.html. Two or more articles are also compared.",
    )
    report.add_argument(
        "sources",
        nargs="*",
        help="article files (.txt, .md, .html) or URLs; the seed article if none",
    )
    report.add_argument(
        "--out", default=None, help="parent folder of the reports (default: figures/)"
    )
    report.add_argument(
        "--workers",
        type=int,
        default=None,
        help="notebooks run at the same time (default: all cores)",
    )
    args = parser.parse_args(argv)

    if args.command == "report":
        import matplotlib

        matplotlib.use("Agg")
        from .report import write_report

        sources = args.sources or [str(SEED_ARTICLE)]
        try:
            folders = write_report(sources, out_dir=args.out, workers=args.workers)
        except FramingError as exc:
            print(f"framing report: {exc}", file=sys.stderr)
            return 2
        for folder in folders:
            print(f"wrote {folder}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
