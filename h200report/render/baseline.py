"""`h200 baseline`: write each notebook from its ``.py`` source, once per language the
source speaks (``notebooks/en/``, ``notebooks/zh/``; one ``.ipynb`` beside a source in
no particular language), execute it and store it, cleaned.

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
from .pairing import SOURCE_SUFFIX, notebook_from_source, stored_notebooks


def execute(
    source: Path, parameters: dict | None = None, language: str | None = None
) -> nbformat.NotebookNode:
    """Run the notebook of one ``.py`` source (in ``language``, for a bilingual one) in
    the folder it is stored in; returns the cleaned result."""
    source = Path(source).resolve()
    stored = stored_notebooks(source)[language]
    with tempfile.TemporaryDirectory(prefix="h200-baseline-") as tmp:
        unexecuted = Path(tmp) / f"{source.stem}.in.ipynb"
        nbformat.write(notebook_from_source(source, language), unexecuted)
        out = Path(tmp) / f"{source.stem}.ipynb"
        # The kernel runs where the stored notebook lives, as it does in JupyterLab.
        stored.parent.mkdir(exist_ok=True)
        execute_notebook(unexecuted, out, parameters, kernel_cwd=stored.parent)
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
    """Execute ``args.notebooks`` (default: every source in notebooks/) and store them:
    0 when all are stored, 1 when one failed (its old baseline stays), 2 on a name that
    is no source."""
    chosen = sources([str(n) for n in getattr(args, "notebooks", None) or []])
    if not chosen:
        print(
            f"baseline: no notebook sources in {paths.shown(paths.NOTEBOOKS_DIR)}", file=sys.stderr
        )
        return 1
    missing = next((source for source in chosen if not source.is_file()), None)
    if missing is not None:
        # Bad input, as everywhere: one line, exit 2, nothing executed or written.
        print(f"error: {paths.shown(missing)}: no such notebook source", file=sys.stderr)
        return 2
    failed = 0
    for source in chosen:
        for language, stored in stored_notebooks(source).items():
            try:
                nb = execute(source, language=language)
            except Exception as exc:  # one line per failed notebook, the old baseline stays
                ename = getattr(exc, "ename", type(exc).__name__)
                evalue = getattr(exc, "evalue", str(exc)).strip().splitlines()
                where = f"{paths.shown(source)}" + (f" [{language}]" if language else "")
                print(
                    f"baseline: {where} FAILED: {ename}: {evalue[0] if evalue else ''}",
                    file=sys.stderr,
                )
                failed += 1
                continue
            atomic_write(stored, nbformat.writes(nb) + "\n")
            print(f"baseline: stored {paths.shown(stored)}")
    return 1 if failed else 0
