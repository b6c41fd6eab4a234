"""`h200 baseline`: re-execute the report notebooks in place and store them cleaned.

The stored notebooks are the regression baselines that ``pytest --nbval``
compares against, so they are executed with their default parameters and
stripped of what papermill adds that changes from run to run (timings, its own
metadata, an injected-parameters cell). A notebook that fails keeps its old
stored version; the command says which one failed and exits non-zero.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat

from .. import paths
from .execute import execute_notebook


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop papermill's run metadata, execution timings and any injected-parameters cell."""
    nb.metadata.pop("papermill", None)
    nb.cells = [
        c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])
    ]
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                output.get("metadata", {}).pop("execution", None)
    return nb


def execute(path: Path, parameters: dict | None = None) -> nbformat.NotebookNode:
    """Run one notebook with papermill in its own folder; returns the cleaned result."""
    path = Path(path).resolve()
    with tempfile.TemporaryDirectory(prefix="h200-baseline-") as tmp:
        out = Path(tmp) / path.name
        execute_notebook(path, out, parameters)
        return clean(nbformat.read(out, as_version=4))


def _write_atomically(nb: nbformat.NotebookNode, path: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".ipynb", dir=path.parent)
    os.close(fd)
    try:
        nbformat.write(nb, tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def run(args) -> int:
    """Execute ``args.notebooks`` (default: every notebook in notebooks/) and store them."""
    chosen = [Path(p) for p in (getattr(args, "notebooks", None) or [])]
    notebooks = chosen or sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    if not notebooks:
        print(f"baseline: no notebooks in {_display(paths.NOTEBOOKS_DIR)}", file=sys.stderr)
        return 1
    failed = 0
    for path in notebooks:
        if not path.is_file():
            print(f"baseline: {path}: no such notebook", file=sys.stderr)
            failed += 1
            continue
        try:
            nb = execute(path)
        except Exception as exc:  # one line per failed notebook, the old baseline stays
            ename = getattr(exc, "ename", type(exc).__name__)
            evalue = getattr(exc, "evalue", str(exc)).strip().splitlines()
            print(
                f"baseline: {_display(path)} FAILED: {ename}: {evalue[0] if evalue else ''}",
                file=sys.stderr,
            )
            failed += 1
            continue
        _write_atomically(nb, path)
        print(f"baseline: stored {_display(path)}")
    return 1 if failed else 0
