"""What a fact base is built from: the sha256 of every input file, and one digest of them.

A render records the files in its run metadata and keys its reuse on them; a stored
notebook records the digest of the fact base it was executed on, so that the regression
run can tell a code regression (same inputs, different outputs) from a fact base that
grew since ``make baseline`` (an analyst added or curated an article).
"""

from __future__ import annotations

import hashlib
import json
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


def inputs_digest(seeds_dir: Path = paths.SEEDS_DIR, data_dir: Path = paths.DATA_DIR) -> str:
    """One sha256 over every input file of the fact base (names and contents)."""
    text = json.dumps(input_digests(seeds_dir, data_dir), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Where a stored notebook keeps the digest it was executed on (jupytext's metadata filter
# keeps it out of the .py source; nbval compares no metadata).
NOTEBOOK_KEY = "h200report"


def record_digest(nb, digest: str):
    """``nb`` (a notebook node) marked as executed on the fact base of ``digest``."""
    nb.metadata[NOTEBOOK_KEY] = {"factbase": digest}
    return nb


def stored_digest(nb) -> str | None:
    """The digest of the fact base a stored notebook was executed on (None: not recorded)."""
    return nb.metadata.get(NOTEBOOK_KEY, {}).get("factbase")


def predates(path: Path, digest: str) -> bool:
    """The stored notebook at ``path`` was executed on another fact base than ``digest``'s."""
    import nbformat

    return stored_digest(nbformat.read(path, as_version=4)) != digest
