"""The run folders under ``reports/``: unique names, the lock, ``latest``, retention.

A run is built in a hidden ``.*.partial`` folder and renamed when finished; one
lock guards everything that changes the shared part of ``reports/`` (final names,
``latest``, pruning), held for milliseconds, never while notebooks run.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import re
import secrets
import shutil
import time
from pathlib import Path

from ..errors import InputError

LATEST = "latest"
LOCK_FILE = ".render.lock"
# What each run keeps for later comparisons and reuse (pruning never breaks those).
META_FILE = "run.json"
SNAPSHOT_FILE = "factbase.json"
CHANGES_FILE = "changes.json"
PIN_FILE = ".live"
# Complete runs are named by UTC start time, with -N when several start in one second.
RUN_NAME = re.compile(r"^(\d{8}T\d{6}Z)(?:-(\d+))?$")
FAILED_NAME = re.compile(r"^(\d{8}T\d{6}Z)(?:-(\d+))?\.failed$")
PARTIAL_MAX_AGE_S = 24 * 3600


def run_key(name: str) -> tuple[str, int] | None:
    match = RUN_NAME.match(name)
    return (match.group(1), int(match.group(2) or 0)) if match else None


@contextlib.contextmanager
def locked(root: Path):
    # One lock for everything that changes the shared part of reports/: final names,
    # `latest`, pruning. Held for milliseconds, never while notebooks run.
    with open(root / LOCK_FILE, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def final_name(root: Path, stamp: str, suffix: str = "") -> str:
    n = 0
    while True:
        name = f"{stamp}-{n}{suffix}" if n else f"{stamp}{suffix}"
        if not (root / name).exists() and not (root / name).is_symlink():
            return name
        n += 1


def latest_target(root: Path) -> str | None:
    link = Path(root) / LATEST
    if not link.is_symlink():
        return None
    return Path(os.readlink(link)).name


def switch_latest(root: Path, name: str, log) -> bool:
    """Point latest at ``name`` unless it already points at a newer complete run."""
    link = root / LATEST
    if link.exists() and not link.is_symlink():
        raise InputError(link, "exists and is not a symlink; move it away so it can be updated")
    current = latest_target(root)
    current_key = run_key(current) if current else None
    if current_key and (root / current).is_dir() and current_key > run_key(name):
        log.info("latest stays at %s, which started after this run", current)
        return False
    tmp = root / f".{LATEST}.{os.getpid()}.{secrets.token_hex(4)}"
    os.symlink(name, tmp)  # relative, so reports/ can be moved or synced as a whole
    os.replace(tmp, link)
    log.info("latest -> %s", name)
    return True


class Pin:
    """A live render's claim on its run folder, from the build until it has reported.

    A shared ``flock`` on ``<run>/.live``: pruning (by this or any other render) skips
    a folder whose pin another process holds, so an overlapping render with a small
    ``keep`` cannot delete a run that its render is about to print. The lock goes
    with the process, so a killed render leaves no pin behind.
    """

    def __init__(self, run_dir: Path):
        self._fd: int | None = os.open(Path(run_dir) / PIN_FILE, os.O_CREAT | os.O_RDWR, 0o644)
        fcntl.flock(self._fd, fcntl.LOCK_SH)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None

    def __del__(self):
        self.release()


def pinned(run_dir: Path) -> bool:
    """True when a live render holds the pin of ``run_dir``."""
    try:
        fd = os.open(Path(run_dir) / PIN_FILE, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def prune(root: Path, keep: int, log=None, protect: tuple[str, ...] = ()) -> list[str]:
    """Delete complete runs beyond the newest ``keep`` (and as many failed ones).

    Never the run ``latest`` points at, nor those in ``protect`` (the caller's own),
    nor one pinned by a live render; never a build in progress; abandoned
    ``.partial`` builds (a killed render) go after a day.
    """
    log = log or logging.getLogger(__name__)
    root = Path(root)
    if keep <= 0 or not root.is_dir():
        return []
    protected = {latest_target(root), *protect}
    removed = []
    for pattern in (RUN_NAME, FAILED_NAME):
        runs = []
        for entry in root.iterdir():
            match = pattern.match(entry.name)
            if match and entry.is_dir() and not entry.is_symlink():
                runs.append(((match.group(1), int(match.group(2) or 0)), entry))
        runs.sort()
        for _, entry in runs[: max(0, len(runs) - keep)]:
            if entry.name in protected or pinned(entry):
                continue
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    now = time.time()
    for entry in root.glob(".*.partial"):
        with contextlib.suppress(OSError):
            old = now - entry.stat().st_mtime > PARTIAL_MAX_AGE_S
            if entry.is_dir() and old and not pinned(entry):
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry.name)
    for name in removed:
        log.info("pruned %s", name)
    return removed


def write_json(path: Path, value) -> None:
    path.write_text(
        json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


def read_json(path: Path):
    """The JSON in ``path``, or None when it is missing or unreadable (an old or broken run)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def complete_runs(root: Path) -> list[Path]:
    """Complete run folders under ``root``, newest first."""
    found = []
    for entry in Path(root).iterdir() if Path(root).is_dir() else ():
        key = run_key(entry.name)
        if key and entry.is_dir() and not entry.is_symlink():
            found.append((key, entry))
    return [entry for _, entry in sorted(found, reverse=True)]


def previous_complete(root: Path) -> Path | None:
    """The newest complete run that kept its fact base: what a new render compares with."""
    return next((r for r in complete_runs(root) if (r / SNAPSHOT_FILE).is_file()), None)


def read_snapshot(run_dir: Path) -> dict | None:
    return read_json(Path(run_dir) / SNAPSHOT_FILE)


def reusable_reports(root: Path) -> dict[str, tuple[Path, Path, int]]:
    """Run key -> (notebook, html, charts) of the newest complete report with that key."""
    found: dict[str, tuple[Path, Path, int]] = {}
    for run in complete_runs(root):
        meta = read_json(run / META_FILE) or {}
        for report in meta.get("reports", []):
            key = report.get("key")
            if key and report.get("ok") and key not in found:
                found[key] = (run / report["ipynb"], run / report["html"], report.get("charts", 0))
    return found
