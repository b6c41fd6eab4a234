"""What a fact base is built from: the sha256 of every input file, and one digest of them.

A render records the files in its run metadata and keys its reuse on them; a stored
notebook records the digest of the fact base it was executed on, so that the regression
run can tell a code regression (same inputs, different outputs) from a fact base that
grew since ``make baseline`` (an analyst added or curated an article).
"""

from __future__ import annotations

import functools
import hashlib
import json
import platform
from importlib.metadata import PackageNotFoundError, version
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
    return files_digest(input_digests(seeds_dir, data_dir))


def files_digest(files: dict[str, dict[str, str]]) -> str:
    """``inputs_digest`` of the files ``input_digests`` gave (a run's manifest names it)."""
    text = json.dumps(files, sort_keys=True)
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


# What a built fact base depends on besides its files: the code and the tools (a render's
# runs depend on the same, ``render.plan``).
TOOLS = (
    "papermill",
    "nbclient",
    "nbconvert",
    "nbformat",
    "ipykernel",
    "jupyter_client",
    "ipython",
    "plotly",
    "pandas",
    "numpy",
    "pandera",
    "pydantic",
    "pyyaml",
    "jinja2",
    "mistune",
    "nh3",
    "cn2an",
    "zhconv",
    "jupytext",
    "trafilatura",
    "htmldate",
    "lxml",
)


def digest(value: object) -> str:
    """sha256 of a JSON value, with keys sorted: equal values, equal digests."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.cache
def tool_versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in TOOLS:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "?"
    return out


@functools.cache
def package_digest(folder: Path = paths.PACKAGE_DIR) -> str:
    """sha256 over every file of the package (code, lexicon, templates, the vendored
    plotly.js), names included."""
    h = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            h.update(str(path.relative_to(folder)).encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def factbase_key(files: dict) -> str:
    """What a built fact base depends on: its input files, the package, the tools."""
    return digest({"files": files, "package": package_digest(), "tools": tool_versions()})
