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
    report = commands.add_parser("report", help="analyse articles and write figures and tables")
    report.add_argument(
        "sources",
        nargs="*",
        help="article files (.txt, .md, .html) or URLs; the seed article if none",
    )
    report.add_argument(
        "--out", default=None, help="parent folder of the reports (default: figures/)"
    )
    args = parser.parse_args(argv)

    if args.command == "report":
        import matplotlib

        matplotlib.use("Agg")
        from .report import write_report

        sources = args.sources or [str(SEED_ARTICLE)]
        for source in sources:
            try:
                folder = write_report(source, out_dir=args.out)
            except FramingError as exc:
                print(f"framing report: {exc}", file=sys.stderr)
                return 2
            print(f"wrote {folder}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
