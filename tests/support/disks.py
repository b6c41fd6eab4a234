"""Small real file systems for tests: a disk that fills up, a disk that is read-only.

What a command does when the disk is full (ENOSPC) or read-only (EROFS) can only be
seen on such a disk; a mock of ``open`` would test the mock. ``small_disk`` mounts a
tmpfs of a few KiB, by the first of these that the platform allows:

1. ``userns``: a tmpfs in a new user and mount namespace
   (``unshare --user --map-root-user --mount``), unprivileged. The mount exists only
   inside that namespace, held open by a ``sleep`` process; commands under test run
   inside it through ``nsenter`` (``Disk.run``), and this process reaches the same
   files through ``/proc/<pid>/root`` (``Disk.host_path``).
2. ``root``: a plain ``mount -t tmpfs`` when running as root (unmounted afterwards);
   then the mount is visible everywhere and ``Disk.run`` is ``subprocess.run``.

If neither works, the test is skipped with a reason saying what the platform lacks.

Usage (``Disk.path`` is where the command under test sees the disk)::

    from tests.support.disks import small_disk

    def test_full_disk(tmp_path):
        with small_disk(tmp_path / "disk", size_kib=512) as disk:
            shutil.copytree(earlier, disk.host_path("out"))   # put files on it
            disk.fill()                  # no byte left (or disk.fill(leave_kib=8))
            # or: disk.make_readonly()   # remount read-only, files kept
            result = disk.run([H200, "data", "--out", str(disk.path / "out")],
                              capture_output=True, text=True)
            assert result.returncode == 2
            assert disk.free_bytes() == 0 and not list(disk.host_path("out").glob(".tmp-*"))

As a fixture: ``@pytest.fixture`` ``def disk(tmp_path): with small_disk(tmp_path /
"disk") as d: yield d``. Commands must be given as an argument list of an absolute
program (``sys.executable``, ``.venv/bin/h200``); ``Disk.run`` takes the keyword
arguments of ``subprocess.run`` (``cwd``, ``env``, ``capture_output``, ...).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

METHODS = ("userns", "root")
FILLER = ".disk-filler"
_READY = "ready"
_CHUNK = 64 * 1024


@dataclass
class Disk:
    """A mounted tmpfs: ``path`` as the commands run by ``run`` see it."""

    path: Path
    size_kib: int
    method: str  # "userns" or "root"
    _holder: subprocess.Popen | None = None  # the process whose namespace holds the mount

    def host_path(self, *parts: str) -> Path:
        """The disk (or a path on it) as this test process reaches it."""
        base = (
            self.path if self._holder is None else Path(f"/proc/{self._holder.pid}/root{self.path}")
        )
        return base.joinpath(*parts)

    def command(self, argv: list[str], cwd: str | Path | None = None) -> list[str]:
        """``argv`` wrapped so that it runs where the disk is mounted."""
        if self._holder is None:
            return list(argv)
        # --preserve-credentials: the namespace denies setgroups, so nsenter must not try.
        return [
            "nsenter",
            f"--target={self._holder.pid}",
            "--user",
            "--mount",
            "--preserve-credentials",
            f"--wd={Path(cwd or os.getcwd()).resolve()}",
            "--",
            *argv,
        ]

    def run(self, argv: list[str], **kwargs) -> subprocess.CompletedProcess:
        """``subprocess.run(argv, **kwargs)`` with the disk mounted at ``path``."""
        return subprocess.run(self.command(argv, kwargs.pop("cwd", None)), **kwargs)

    def free_bytes(self) -> int:
        stat = os.statvfs(self.host_path())
        return stat.f_bavail * stat.f_frsize

    def fill(self, leave_kib: int = 0) -> Path:
        """Write a filler file until the disk is full, then free ``leave_kib`` KiB of it."""
        filler = self.host_path(FILLER)
        # Unbuffered, so that closing has nothing left to write.
        with filler.open("ab", buffering=0) as f:
            try:
                while True:
                    f.write(b"\0" * _CHUNK)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
        if leave_kib:
            size = filler.stat().st_size
            os.truncate(filler, max(0, size - leave_kib * 1024))
        return filler

    def make_readonly(self) -> None:
        """Remount the disk read-only (EROFS on every write); what is on it stays readable."""
        # "bind": the mount, not the file system, turns read-only; an unprivileged user
        # namespace may do that, but not remount the tmpfs itself.
        argv = ["mount", "-o", "remount,bind,ro", str(self.path)]
        _check(self.run(argv, capture_output=True, text=True))


def _check(result: subprocess.CompletedProcess) -> None:
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(result.args)}: {result.stderr.strip()}")


def _tmpfs_options(size_kib: int) -> list[str]:
    return ["-t", "tmpfs", "-o", f"size={size_kib}k,mode=0777", "h200-test-disk"]


def _userns(path: Path, size_kib: int) -> Disk:
    missing = [tool for tool in ("unshare", "nsenter") if shutil.which(tool) is None]
    if missing:
        raise OSError(f"no {' or '.join(missing)} (util-linux)")
    mount = " ".join(["mount", *_tmpfs_options(size_kib)])
    holder = subprocess.Popen(
        [
            "unshare",
            "--user",
            "--map-root-user",
            "--mount",
            "sh",
            "-c",
            f'{mount} "$1" && echo {_READY} && exec sleep infinity',
            "sh",
            str(path),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if holder.stdout.readline().strip() != _READY:
        holder.kill()
        _, err = holder.communicate()
        raise OSError(err.strip() or "unshare exited")
    return Disk(path, size_kib, "userns", holder)


def _root(path: Path, size_kib: int) -> Disk:
    if os.geteuid() != 0:
        raise OSError("not running as root")
    _check(
        subprocess.run(
            ["mount", *_tmpfs_options(size_kib), str(path)], capture_output=True, text=True
        )
    )
    return Disk(path, size_kib, "root")


def _release(disk: Disk) -> None:
    if disk._holder is not None:
        # The mount lives in the holder's namespace: it goes when the holder does.
        disk._holder.kill()
        disk._holder.communicate()
    else:
        subprocess.run(["umount", "--lazy", str(disk.path)], check=True)


@contextlib.contextmanager
def small_disk(
    path: Path, size_kib: int = 512, methods: tuple[str, ...] = METHODS
) -> Iterator[Disk]:
    """A tmpfs of ``size_kib`` KiB at ``path`` (created if missing) for the duration.

    ``methods`` chooses among "userns" and "root", tried in that order; the test is
    skipped, naming what each lacked, if none works.
    """
    path = Path(path).resolve()
    path.mkdir(parents=True, exist_ok=True)
    makers = {"userns": _userns, "root": _root}
    lacks = []
    for method in methods:
        try:
            disk = makers[method](path, size_kib)
            break
        except (OSError, RuntimeError) as exc:
            lacks.append(f"{method}: {exc}")
    else:
        pytest.skip(f"no small tmpfs for a full or read-only disk ({'; '.join(lacks)})")
    try:
        yield disk
    finally:
        _release(disk)
