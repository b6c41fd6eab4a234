"""Fact bases an earlier render built, kept by the digest of what they were built from.

A scheduled render usually finds nothing changed; building the fact base again
(reading every seed, extracting, verifying) is then most of its cost. So a render
keeps the fact base it built under ``<output root>/.cache/``, named by a sha256 over
every input file of the build, every file of the package and the tool versions (the
same inputs a run key covers), and a later render with the same digest loads it.

The files are pickles, and loading a pickle runs code, so each is signed with an
HMAC whose key lives outside the output root (``~/.cache/h200report/cache.key``,
readable by its owner only): a file that anyone else wrote into ``reports/`` fails
the check and is ignored, like a corrupt or missing one. Where no key can be kept,
nothing is cached.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import secrets
from pathlib import Path

from .keys import digest, package_digest, tool_versions
from .metadata import input_digests

CACHE_DIR = ".cache"
KEEP = 8  # cached fact bases per output root, newest kept
KEY_FILE = Path.home() / ".cache" / "h200report" / "cache.key"


def _key() -> bytes | None:
    try:
        if not KEY_FILE.is_file():
            KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(secrets.token_bytes(32))
        return KEY_FILE.read_bytes()
    except OSError:
        return None


def inputs_digest(seeds_dir: Path, data_dir: Path) -> str:
    """What a fact base depends on: its input files, the package, the tools."""
    return digest(
        {
            "inputs": input_digests(seeds_dir, data_dir),
            "package": package_digest(),
            "tools": tool_versions(),
        }
    )


def _path(root: Path, name: str) -> Path:
    return Path(root) / CACHE_DIR / f"factbase-{name}.pickle"


def load(root: Path, name: str):
    """The fact base cached as ``name``, or None (missing, unsigned, corrupt)."""
    key = _key()
    path = _path(root, name)
    if key is None or not path.is_file():
        return None
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError):
        data = path.read_bytes()
        mac, payload = data[:32], data[32:]
        if hmac.compare_digest(mac, hmac.new(key, payload, hashlib.sha256).digest()):
            return pickle.loads(payload)  # noqa: S301 (signed by this user's key)
    return None


def save(root: Path, name: str, fb) -> None:
    """Keep ``fb`` as ``name`` (a failure to cache never fails the render)."""
    key = _key()
    if key is None:
        return
    path = _path(root, name)
    with contextlib.suppress(OSError, pickle.PicklingError):
        path.parent.mkdir(exist_ok=True)
        payload = pickle.dumps(fb, protocol=pickle.HIGHEST_PROTOCOL)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(3)}")
        tmp.write_bytes(hmac.new(key, payload, hashlib.sha256).digest() + payload)
        os.replace(tmp, path)
        cached = sorted(path.parent.glob("factbase-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in cached[:-KEEP]:
            old.unlink(missing_ok=True)
