"""A report notebook's two files: ``NAME.py`` (py:percent, edited and linted) and
``NAME.ipynb`` (the same cells, stored executed as the regression baseline).

``notebook_from_source`` reads the ``.py`` into the notebook that ``h200 baseline``
executes and stores. Cell ids are derived from each cell's content, so the stored
notebooks diff cleanly: jupytext (like nbformat) would draw random ones, and ids
by position would all change when one cell is inserted.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jupytext
import nbformat

from .kernel import KERNELSPEC

SOURCE_SUFFIX = ".py"


def stable_ids(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Give every cell an id from its type and source (suffixed where two cells are equal)."""
    seen: dict[str, int] = {}
    for cell in nb.cells:
        digest = hashlib.sha1(f"{cell.cell_type}\n{cell.source}".encode()).hexdigest()[:12]
        seen[digest] = seen.get(digest, 0) + 1
        cell.id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
    return nb


def notebook_from_source(path: Path) -> nbformat.NotebookNode:
    """The notebook a ``.py`` source describes, with the project's kernel and stable ids."""
    nb = jupytext.read(Path(path), fmt="py:percent")
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    for cell in nb.cells:
        # jupytext leaves an empty metadata for untagged cells; nothing else is kept.
        cell.metadata = {"tags": cell.metadata["tags"]} if cell.metadata.get("tags") else {}
    return stable_ids(nb)


def source_of(notebook: Path) -> Path:
    return Path(notebook).with_suffix(SOURCE_SUFFIX)
