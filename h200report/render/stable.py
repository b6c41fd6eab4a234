"""Executed notebooks without what changes from run to run.

Papermill writes start and end times, durations and the paths of the run into the
notebook's and every cell's metadata, and gives its injected-parameters cell a
random id; the stored baselines and the notebooks of a render would then differ
byte for byte between two executions of the same inputs. What remains after
``stabilise`` depends on the inputs only (cell ids come from the cells' content).
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from .pairing import stable_ids

INJECTED = "injected-parameters"


def stabilise(nb: nbformat.NotebookNode, *, keep_injected: bool) -> nbformat.NotebookNode:
    """Timings and run paths dropped, stable ids; the injected cell kept or dropped.

    Of papermill's notebook metadata only the parameters stay (they say what the
    notebook was run with), and only in a notebook that keeps its injected cell.
    """
    papermill = nb.metadata.pop("papermill", None) or {}
    if keep_injected and papermill.get("parameters"):
        nb.metadata["papermill"] = {"parameters": papermill["parameters"]}
    if not keep_injected:
        nb.cells = [c for c in nb.cells if INJECTED not in c.get("metadata", {}).get("tags", [])]
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                output.get("metadata", {}).pop("execution", None)
    return stable_ids(nb)


def stabilise_file(path: Path, *, keep_injected: bool = True) -> None:
    nb = nbformat.read(str(path), as_version=4)
    nbformat.write(stabilise(nb, keep_injected=keep_injected), str(path))
