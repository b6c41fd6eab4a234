"""What a run records about itself: the sha256 of every input, the code and tool versions."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from pathlib import Path

from .. import paths


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_digests(seeds_dir: Path, data_dir: Path) -> dict[str, dict[str, str]]:
    """sha256 of every seed, metadata, curated and suggestions file, keyed by group then
    by a path relative to the group's folder's parent (``seeds/x.txt``)."""
    from ..extract.sources import SEED_SUFFIXES

    curated = paths.curated_dir(data_dir)
    groups = {
        "seeds": (Path(seeds_dir), [f"*{s}" for s in SEED_SUFFIXES] + ["*.yaml"]),
        "facts": (curated, ["*.yaml", f"{paths.suggestions_dir(data_dir).name}/*.yaml"]),
    }
    out: dict[str, dict[str, str]] = {}
    for group, (folder, patterns) in groups.items():
        files = sorted({p for pat in patterns for p in folder.glob(pat) if p.is_file()})
        out[group] = {
            f"{folder.name}/{p.relative_to(folder).as_posix()}": sha256_file(p) for p in files
        }
    return out


def code_version() -> str:
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=paths.ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    from h200report import __version__

    return f"h200report {__version__} (no git)"


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
