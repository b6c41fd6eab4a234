"""What a run records about itself: the sha256 of every input, the code and tool versions."""

from __future__ import annotations

import datetime as dt
import subprocess

from .. import paths
from ..factbase.inputs import input_digests  # noqa: F401 (re-exported)


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
