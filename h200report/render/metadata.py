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
    """sha256 of every seed and fact file, keyed by group then by a readable path."""
    groups = {
        "seeds": (Path(seeds_dir), ["*.txt", "*.yaml"]),
        "facts": (paths.curated_dir(data_dir), ["*.yaml"]),
    }
    out: dict[str, dict[str, str]] = {}
    for group, (folder, patterns) in groups.items():
        files = sorted({p for pat in patterns for p in folder.glob(pat) if p.is_file()})
        out[group] = {f"{folder.name}/{p.name}": sha256_file(p) for p in files}
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
