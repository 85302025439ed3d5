"""Run a benchmark's prediction step with the package as it was at an earlier commit.

Used to put "today's rules" and the current code side by side in one run: the earlier
commit is checked out into a temporary git worktree and the same script runs there, in
a child process, with ``--predict``; it prints its predictions as JSON on stdout.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def worktree(ref: str):
    """A temporary checkout of ``ref``; removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="bench-ref-"))
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), ref],
        check=True,
        capture_output=True,
    )
    try:
        yield path
    finally:
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)],
            check=False,
            capture_output=True,
        )


def predict_at(ref: str, script: Path, args: list[str]):
    """Run ``script --predict ARGS`` against the package at ``ref``; its JSON output."""
    with worktree(ref) as root:
        env = dict(os.environ, PYTHONPATH=str(root), FRAMING_PACKAGE_ROOT=str(root))
        done = subprocess.run(
            [sys.executable, str(script), "--predict", *args],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
    return json.loads(done.stdout)


def package_root() -> Path:
    """Where ``analysis`` is imported from: the worktree in a child run, else this checkout."""
    return Path(os.environ.get("FRAMING_PACKAGE_ROOT", ROOT))


def measure_input(table):
    """What the package's measures take at the version being run: the article's parse
    (``analysis.nlp.parse``, from 0.2), else the sentence table (earlier commits)."""
    try:
        from analysis.nlp import Parse, parse  # noqa: F401 - Parse marks the 0.2 API
    except ImportError:
        return table
    return parse(table)
