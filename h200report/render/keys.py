"""The key of one notebook run: what its report depends on, hashed.

Two runs with the same key give the same report, so a render reuses the report of
an earlier run with the same key instead of starting a kernel. The key covers the
notebook's cells and parameters, every input it reads (the seed and curated files,
and the fact-base tables cut for its parameters), the package's own files, the tool
versions, the plotly.js bundle and the export options. A frozen cache that misses
one of these (Quarto's ``freeze`` keys on the input text only; Jupyter Cache on code
and kernelspec) serves stale reports; anything else that could change a report
belongs here.
"""

from __future__ import annotations

import functools
import hashlib
import json
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import nbformat

from ..paths import PACKAGE_DIR

# Everything that executes or exports a notebook, and the libraries a report's
# outputs come from.
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
def package_digest(folder: Path = PACKAGE_DIR) -> str:
    """sha256 over every file of the package (code, lexicon, templates), names included."""
    h = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            h.update(str(path.relative_to(folder)).encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def notebook_digest(nb: nbformat.NotebookNode) -> str:
    """The cells (type, source, tags) and kernel of a notebook; not its stored outputs."""
    cells = [(c.cell_type, c.source, c.get("metadata", {}).get("tags", [])) for c in nb.cells]
    return digest({"kernel": nb.metadata.get("kernelspec", {}), "cells": cells})


def run_key(
    *,
    notebook: str,
    parameters: dict,
    inputs: dict,
    factbase: str,
    plotlyjs: str,
    export: dict,
) -> str:
    """The key of one run; every argument is already a digest or a small JSON value."""
    return digest(
        {
            "notebook": notebook,
            "parameters": parameters,
            "inputs": inputs,
            "factbase": factbase,
            "package": package_digest(),
            "tools": tool_versions(),
            "plotlyjs": plotlyjs,
            "export": export,
        }
    )
