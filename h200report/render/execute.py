"""One papermill call, shared by ``h200 render`` and ``h200 baseline``.

The kernel starts in the notebook's folder (relative paths in a notebook mean what
they mean in JupyterLab) without papermill's ``cwd=``, which chdirs the whole
process and races when notebooks run in threads.
"""

from __future__ import annotations

import os
from pathlib import Path

from .kernel import KERNEL_NAME, kernel_manager_class


def execute_notebook(
    src: Path,
    dest: Path,
    parameters: dict | None = None,
    *,
    cell_timeout: int | None = None,
    kernel_log: Path | None = None,
    kernel_cwd: Path | None = None,
    kernel_env: tuple[tuple[str, str], ...] = (),
    warm=None,
) -> None:
    """Execute ``src`` into ``dest``; raises what papermill raises when a cell fails.

    The kernel starts in ``kernel_cwd``, by default the folder of ``src``. With
    ``warm`` (a ``warm.WarmKernel``), that kernel runs the notebook and stays alive.
    """
    import papermill as pm

    src = Path(src).resolve()
    cwd = kernel_cwd or src.parent
    if warm is not None:
        from .warm import ENGINE

        engine = {"engine_name": ENGINE, "km": warm.manager(), "reset_code": warm.reset_code(cwd)}
    else:
        engine = {
            "kernel_manager_class": kernel_manager_class(
                str(kernel_log or os.devnull), tuple(kernel_env)
            )
        }
    pm.execute_notebook(
        str(src),
        str(dest),
        parameters=parameters or None,
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(cwd)}},
        progress_bar=False,
        log_output=False,
        execution_timeout=cell_timeout,
        # Papermill would write the whole notebook again after every cell (for watching
        # a long run); the render reads it once, at the end.
        request_save_on_cell_execute=False,
        **engine,
    )


def one_line(text: object, limit: int = 300) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def failure_message(head: str, exc: BaseException) -> str:
    """``head`` (which notebook, which parameters), then the cell and the error, one line."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        first = next((ln.strip() for ln in (exc.source or "").splitlines() if ln.strip()), "")
        cell = f"cell {exc.cell_index} (In [{exc.exec_count}]: {one_line(first, 60)})"
        return f"{head}, {cell}: {exc.ename}: {one_line(exc.evalue)}"
    return f"{head}: {type(exc).__name__}: {one_line(exc)}"
