"""`h200 baseline`: write each report notebook from its ``.py`` source, execute it and
store it, cleaned, as the ``.ipynb`` beside it.

The stored notebooks are the regression baselines that ``pytest --nbval`` compares
against, so they are executed with their default parameters and stripped of what
papermill adds that changes from run to run (timings, its own metadata, an
injected-parameters cell). A notebook that fails keeps its old stored version; the
command says which one failed and exits non-zero.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import nbformat

from .. import paths
from ..factbase.inputs import inputs_digest, record_digest
from ..report.params import validate
from ..store import atomic_write
from .execute import execute_notebook, stabilise
from .pairing import SOURCE_SUFFIX, notebook_from_source


def execute(source: Path, parameters: dict | None = None) -> nbformat.NotebookNode:
    """Run the notebook of one ``.py`` source in its folder; returns the cleaned result."""
    source = Path(source).resolve()
    with tempfile.TemporaryDirectory(prefix="h200-baseline-") as tmp:
        unexecuted = Path(tmp) / f"{source.stem}.in.ipynb"
        nbformat.write(notebook_from_source(source), unexecuted)
        out = Path(tmp) / f"{source.stem}.ipynb"
        # The kernel runs in the source's folder, where the stored notebook lives.
        execute_notebook(unexecuted, out, parameters, kernel_cwd=source.parent)
        nb = stabilise(nbformat.read(out, as_version=4), keep_injected=False)
    return record_digest(nb, inputs_digest(*_folders(parameters)))


def _folders(parameters: dict | None) -> tuple[Path, Path]:
    settings = validate(**(parameters or {}))
    return settings.seeds_dir, settings.data_dir


def sources(names: list[str] | None = None) -> list[Path]:
    """The ``.py`` sources named (as .py, .ipynb or stem), else every one in notebooks/."""
    if not names:
        return sorted(paths.NOTEBOOKS_DIR.glob(f"[!_]*{SOURCE_SUFFIX}"))
    return [
        Path(n).with_suffix(SOURCE_SUFFIX)
        if Path(n).suffix
        else paths.NOTEBOOKS_DIR / f"{n}{SOURCE_SUFFIX}"
        for n in names
    ]


def run(args) -> int:
    """Execute ``args.notebooks`` (default: every notebook in notebooks/) and store them."""
    chosen = sources([str(n) for n in getattr(args, "notebooks", None) or []])
    if not chosen:
        print(
            f"baseline: no notebook sources in {paths.shown(paths.NOTEBOOKS_DIR)}", file=sys.stderr
        )
        return 1
    failed = 0
    for source in chosen:
        if not source.is_file():
            print(f"baseline: {source}: no such notebook source", file=sys.stderr)
            failed += 1
            continue
        try:
            nb = execute(source)
        except Exception as exc:  # one line per failed notebook, the old baseline stays
            ename = getattr(exc, "ename", type(exc).__name__)
            evalue = getattr(exc, "evalue", str(exc)).strip().splitlines()
            print(
                f"baseline: {paths.shown(source)} FAILED: {ename}: {evalue[0] if evalue else ''}",
                file=sys.stderr,
            )
            failed += 1
            continue
        stored = source.with_suffix(".ipynb")
        atomic_write(stored, nbformat.writes(nb) + "\n")
        print(f"baseline: stored {paths.shown(stored)}")
    return 1 if failed else 0
