"""The output folder contract: nothing the tool did not write is ever changed.

Every folder the tool writes (an article's report ``<out>/<id>/``, a comparison, a
corpus report) carries a marker file, :data:`MARKER`, that says what wrote it and for
which source. The rules:

- A folder is replaced only when it carries the marker. A folder, file or link of that
  name that the tool did not write is never touched: the run refuses with a message.
- A link is never followed out of ``--out``: a name in ``--out`` that is a symbolic
  link is refused like any folder the tool did not write.
- A report is written into a staging folder beside its target and moved into place
  only when all of it is written, so a failed or interrupted run leaves nothing half
  written. Staging folders carry their own marker and the process id; one left behind
  by a killed run is removed by the next run in the same ``--out``.
- Ids are unique within a run (:func:`unique_names`), and a folder written for another
  source is not replaced by a report of this one (:func:`target_name` picks a name of
  its own and says so).
- A corpus run holds a lock on its ``--out`` (:func:`lock`), so a second run into the
  same folder stops at once with a message instead of writing every row twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import FramingError
from ..paths import PROJECT_ROOT
from ..version import __version__

__all__ = [
    "MARKER",
    "STAGING_PREFIX",
    "prepare_parent",
    "read_marker",
    "write_marker",
    "is_ours",
    "claim_folder",
    "target_name",
    "unique_names",
    "staging",
    "replace_folder",
    "remove_stale_staging",
    "lock",
    "source_key",
    "terminate_on_sigterm",
]

#: The file in every folder the tool writes: JSON with the tool, the kind of folder
#: and the key of the source it was written for.
MARKER = ".framing-output.json"
#: Staging folders start with this and carry ``MARKER`` with kind "staging".
STAGING_PREFIX = ".framing-staging-"
_LOCK_NAME = ".framing-lock"
_NAME_MAX = 120


def source_key(source: object, text: str | None = None) -> str:
    """What identifies the input of a report across runs: the resolved path of a
    file, the URL of a page, or a hash of the text itself. NFC and NFD spellings of a
    file name are different files, so they give different keys."""
    value = str(source or "")
    if value and value != "<text>" and not value.startswith("<"):
        if "://" not in value:
            with contextlib.suppress(OSError, ValueError):
                value = str(Path(value).resolve())
            with contextlib.suppress(ValueError):  # the same key in every checkout
                value = "project:" + Path(value).relative_to(PROJECT_ROOT).as_posix()
        return value
    digest = hashlib.sha1((text or "").encode("utf-8", "surrogatepass")).hexdigest()
    return f"text:{digest}"


def _short_hash(value: str, n: int = 6) -> str:
    return hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def prepare_parent(out: str | os.PathLike, *, what: str = "--out") -> Path:
    """The folder ``out``, created if needed and checked to be a writable folder.

    Raises FramingError, naming the folder and what to do, when a part of the path is
    a file, or the folder cannot be created or written.
    """
    path = Path(out).expanduser()
    try:
        parent = path.resolve()
    except (OSError, RuntimeError) as exc:
        raise FramingError(f"{what} {path}: the path cannot be resolved ({exc}).") from None
    for part in [parent, *parent.parents]:
        if part.exists() and not part.is_dir():
            raise FramingError(
                f"{what} {path}: {part} is a file, not a folder; give a folder for the output."
            )
        if part.exists():
            break
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FramingError(
            f"{what} {path}: the folder cannot be created ({exc.strerror or exc}); "
            "choose a folder you can write to."
        ) from None
    if not os.access(parent, os.W_OK | os.X_OK):
        raise FramingError(
            f"{what} {path}: the folder is not writable; choose a folder you can write to."
        )
    return parent


def read_marker(folder: Path) -> dict | None:
    """The marker of ``folder`` as a dict, or None when it has none (or a folder
    that is a link, or a marker that is a link, which the tool never writes)."""
    marker = folder / MARKER
    try:
        if folder.is_symlink() or not folder.is_dir() or marker.is_symlink():
            return None
        if not marker.is_file() or marker.stat().st_size > 100_000:
            return None
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("tool") != "framing":
        return None
    return data


def write_marker(folder: Path, *, kind: str, key: str = "", **extra) -> None:
    """Mark ``folder`` as written by the tool (``kind``: article, comparison, corpus,
    staging) for the source ``key``."""

    data = {"tool": "framing", "version": __version__, "kind": kind, "source": key, **extra}
    (folder / MARKER).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")


def is_ours(folder: Path) -> bool:
    """Did the tool write ``folder`` (it carries the marker and is no link)?"""
    return read_marker(folder) is not None


def _foreign(path: Path) -> FramingError:
    what = (
        "a link"
        if path.is_symlink()
        else "a file"
        if path.is_file()
        else "a folder the tool did not write"
    )
    return FramingError(
        f"{path} is {what}; a report only ever replaces a folder it wrote itself "
        f"(one with {MARKER} in it). Move it away, or choose another --out."
    )


def claim_folder(folder: Path, *, kind: str, key: str = "") -> Path:
    """Make ``folder`` the tool's own for a run that writes into it (a corpus report):
    create it, or take an empty folder, or one the tool wrote before; refuse any
    other (files in it that the tool did not write would be overwritten)."""
    folder = Path(folder)
    if folder.is_symlink():
        raise _foreign(folder)
    if folder.exists():
        if not folder.is_dir():
            raise FramingError(f"--out {folder} is a file; give a folder for the report.")
        if read_marker(folder) is None:
            try:
                entries = [p.name for p in folder.iterdir()]
            except OSError as exc:
                raise FramingError(f"--out {folder} cannot be read ({exc.strerror}).") from None
            if entries:
                shown = ", ".join(sorted(entries)[:5]) + (" ..." if len(entries) > 5 else "")
                raise FramingError(
                    f"--out {folder} already holds files the tool did not write ({shown}); "
                    "give a new or empty folder (the tool writes several files into it and "
                    "never changes files it did not write)."
                )
    folder = prepare_parent(folder)
    if read_marker(folder) is None:
        write_marker(folder, kind=kind, key=key)
    return folder


def target_name(
    parent: Path, name: str, key: str, *, log: Callable[[str], None] | None = None
) -> str:
    """The folder name under ``parent`` for the report of the source ``key``: ``name``
    when it is free or holds this source's earlier report; ``name-<hash>`` when it holds
    another source's report (said through ``log``); a FramingError when it is something
    the tool did not write."""
    path = parent / name
    if not path.exists() and not path.is_symlink():
        return name
    marker = read_marker(path)
    if marker is None:
        raise _foreign(path)
    if marker.get("source") in ("", key):
        return name
    other = f"{name[: _NAME_MAX - 7]}-{_short_hash(key)}"
    if log is not None:
        log(
            f"  {path} holds the report of {marker.get('source')!r}; "
            f"this article's report is written to {parent / other}"
        )
    return target_name(parent, other, key, log=log) if other != name else other


def unique_names(names: Sequence[str], keys: Sequence[str]) -> list[str]:
    """One folder name per input, unique within the run: the first input with a name
    keeps it; a later one gets ``name-<hash of its source>``, checked against every
    name of the run so that it cannot collide with another input's own id. Names are
    compared after Unicode normalisation (NFC) and case folding."""

    def fold(value: str) -> str:
        return unicodedata.normalize("NFC", value).casefold()

    taken = {fold(n) for n in names}
    used: set[str] = set()
    out = []
    for name, key in zip(names, keys, strict=True):
        candidate = name
        n = 0
        while fold(candidate) in used or (candidate != name and fold(candidate) in taken):
            n += 1
            suffix = _short_hash(f"{key}\0{n}" if n > 1 else key)
            candidate = f"{name[: _NAME_MAX - 7]}-{suffix}"
        used.add(fold(candidate))
        out.append(candidate)
    return out


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def remove_stale_staging(parent: Path) -> list[Path]:
    """Remove the staging folders a killed run left in ``parent`` (its marker says
    staging and its process is gone); return them. Anything else is left alone."""
    removed = []
    try:
        candidates = [p for p in parent.iterdir() if p.name.startswith(STAGING_PREFIX)]
    except OSError:
        return removed
    for path in candidates:
        marker = read_marker(path)
        if marker is None or marker.get("kind") != "staging":
            continue
        pid = marker.get("pid")
        if isinstance(pid, int) and _alive(pid) and pid != os.getpid():
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


@contextlib.contextmanager
def staging(parent: Path) -> Iterator[Path]:
    """A staging folder in ``parent`` (so a finished report moves into place with one
    rename), removed on the way out, also on Ctrl-C and SIGTERM
    (:func:`terminate_on_sigterm`); one left by a killed run is removed next time."""
    remove_stale_staging(parent)
    name = f"{STAGING_PREFIX}{os.getpid()}-{time.time_ns() % 10**9:09d}"
    folder = parent / name
    try:
        folder.mkdir()
    except OSError as exc:
        raise FramingError(
            f"--out {parent}: cannot write into the folder ({exc.strerror or exc}); "
            "choose a folder you can write to."
        ) from None
    write_marker(folder, kind="staging", pid=os.getpid())
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def replace_folder(new: Path, target: Path, staging_folder: Path, *, kind: str, key: str) -> None:
    """Move the finished folder ``new`` to ``target``, marked as the tool's. An
    existing ``target`` is replaced only when the tool wrote it (moved into the staging
    folder first and removed with it); anything else there is refused untouched."""
    if target.name in ("", ".", "..") or target.parent.resolve() != staging_folder.parent.resolve():
        raise FramingError(f"refusing to write a report outside its folder: {target}")
    write_marker(new, kind=kind, key=key)
    if target.exists() or target.is_symlink():
        if read_marker(target) is None:
            raise _foreign(target)
        target.rename(staging_folder / f"_old-{target.name}")
    new.rename(target)


@contextlib.contextmanager
def lock(folder: Path, *, what: str = "run") -> Iterator[None]:
    """Hold ``folder`` for this process; a second run that asks for it gets a
    FramingError at once. The lock is the operating system's (``filelock``), so it is
    released when the process ends, however it ends."""

    holder = folder / f"{_LOCK_NAME}.json"
    guard = FileLock(str(folder / _LOCK_NAME))
    try:
        guard.acquire(timeout=0)
    except Timeout:
        info = ""
        with contextlib.suppress(OSError, ValueError):
            data = json.loads(holder.read_text(encoding="utf-8"))
            info = f" (process {data.get('pid')}, started {data.get('started')})"
        raise FramingError(
            f"{folder}: another framing {what} is writing into this folder{info}. "
            "Wait for it to finish, or choose another --out."
        ) from None
    try:
        holder.write_text(
            json.dumps({"pid": os.getpid(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}),
            encoding="utf-8",
        )
        yield
    finally:
        with contextlib.suppress(OSError):
            holder.unlink()
        guard.release()


def terminate_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit in the main thread, so ``finally`` blocks run
    (staging folders removed, rows written) when a run is terminated."""

    def handler(signum, frame):
        raise SystemExit(128 + signum)

    with contextlib.suppress(ValueError, AttributeError):  # not the main thread / no SIGTERM
        signal.signal(signal.SIGTERM, handler)
