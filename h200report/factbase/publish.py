"""`make data`: rebuild data/processed/ from the seeds and the curated files.

Everything is checked in memory first; files are written to a temporary folder
and then moved into place one by one, so a failing build leaves the previous
tables untouched. A failure while writing (a full or read-only disk) removes the
temporary folder, so nothing is left holding the space, and is reported as an
``OSError`` naming the output folder. Output bytes depend only on the inputs.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from .. import paths
from ..errors import InputError
from .build import build
from .schemas import describe_json
from .tables import FactBase

SCHEMA_FILE = "schema.json"


def csv_bytes(df: pd.DataFrame) -> bytes:
    # Fixed number format and line ending: identical inputs give identical bytes.
    text = df.to_csv(index=False, lineterminator="\n", float_format=lambda x: f"{x:.15g}")
    return text.encode("utf-8")


def render_files(fb: FactBase) -> dict[str, bytes]:
    files = {f"{name}.csv": csv_bytes(df) for name, df in fb.tables().items()}
    files[SCHEMA_FILE] = describe_json().encode("utf-8")
    return files


def write_files(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(out_dir, "the output folder is an existing file, not a folder")
    written = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        # Cleanup errors are ignored so that they never hide the error that matters
        # (the disk being full); the folder is gone unless the disk refuses even that.
        with tempfile.TemporaryDirectory(
            dir=out_dir, prefix=".tmp-", ignore_cleanup_errors=True
        ) as tmp:
            for name, data in files.items():
                (Path(tmp) / name).write_bytes(data)
            for name in files:
                os.replace(Path(tmp) / name, out_dir / name)
                written.append(out_dir / name)
    except OSError as exc:
        # The file that failed is a temporary one; the user's is the output folder.
        raise OSError(exc.errno, exc.strerror, str(out_dir)) from None
    return written


def run(
    seeds_dir: Path = paths.SEEDS_DIR, data_dir: Path = paths.DATA_DIR, out_dir: Path | None = None
) -> tuple[FactBase, list[Path]]:
    from . import cached

    digest = cached.key(seeds_dir, data_dir)
    fb = build(seeds_dir, data_dir)
    files = render_files(fb)
    written = write_files(files, Path(out_dir) if out_dir else paths.processed_dir(data_dir))
    if out_dir is None:
        cached.keep(fb, digest, data_dir)  # what a kernel outside a render then reads
    return fb, written
