"""Warm kernels: each render worker keeps one kernel for all the notebooks it executes.

Starting a kernel and importing pandas, Plotly and the package costs about two
seconds of CPU per notebook run, more than running a report's cells; ten runs on
two cores would spend most of their time on it. So a worker thread starts its
kernel on first need and keeps it, and before each notebook the kernel is reset
to what a fresh one would show: an empty namespace and a new history session with
execution counts from 1 (``InteractiveShell.reset``), the notebook's folder as
working directory, and warnings that show again.
Imported modules stay, which is the point. A notebook that fails, times out or
kills its kernel takes the kernel with it: the next notebook gets a fresh one.

This is a papermill engine (``papermill --engine``), so parameters, the injected
cell, papermill's metadata and its errors are exactly those of a plain papermill
run; only the kernel's life is longer.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger
from papermill.utils import merge_kwargs, remove_args

ENGINE = "h200-warm"

# Run silently once in a new kernel: the warning filters it starts with.
_REMEMBER = "import warnings as _w; _w._h200_fresh = list(_w.filters); del _w\n"
# Run silently before a notebook's first cell: the state a new kernel starts with.
_RESET = """\
get_ipython().reset(new_session=True)
import os as _os, sys as _sys, warnings as _warnings
_os.chdir({cwd})
for _module in list(_sys.modules.values()):
    _registry = getattr(_module, "__warningregistry__", None)
    if isinstance(_registry, dict):
        _registry.clear()
_warnings.filters[:] = _warnings._h200_fresh
getattr(_warnings, "_filters_mutated", lambda: None)()
del _os, _sys, _warnings, _module, _registry
"""


class _WarmClient(PapermillNotebookClient):
    def __init__(self, nb_man, reset_code: str, **kw):
        super().__init__(nb_man, **kw)
        self.reset_code = reset_code

    def papermill_execute_cells(self):
        reply = self.wait_for_reply(self.kc.execute(self.reset_code, silent=True))
        if not reply or reply["content"].get("status") != "ok":
            raise RuntimeError("the warm kernel could not be reset")
        super().papermill_execute_cells()


class WarmEngine(NBClientEngine):
    """NBClientEngine with a kernel that outlives the notebook (``km``, already started
    or started here) and the reset run before the first cell."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        km=None,
        reset_code="",
        **kwargs,
    ):
        kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        final = merge_kwargs(
            kwargs,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=logger,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        client = _WarmClient(nb_man, reset_code, km=km, **final)
        try:
            return client.execute()
        finally:
            # The kernel stays for the next notebook; this client's channels do not.
            if client.kc is not None:
                client.kc.stop_channels()


papermill_engines.register(ENGINE, WarmEngine)


class WarmKernel:
    """One worker's kernel: started by the first notebook that needs it, kept until
    ``close`` or a failure. Used by one thread only (its event loop owns the kernel)."""

    def __init__(self, manager_class, kernel_name: str):
        self.manager_class = manager_class
        self.kernel_name = kernel_name
        self.km = None

    def manager(self):
        if self.km is None:
            self.km = self.manager_class(kernel_name=self.kernel_name)
        return self.km

    def reset_code(self, cwd) -> str:
        """What to run before a notebook whose folder is ``cwd``."""
        fresh = self.km is None or not self.km.has_kernel
        return (_REMEMBER if fresh else "") + _RESET.format(cwd=json.dumps(str(cwd)))

    def close(self) -> None:
        """Shut the kernel down (called by the thread that used it)."""
        km, self.km = self.km, None
        if km is not None and km.has_kernel:
            from jupyter_core.utils import run_sync

            with contextlib.suppress(Exception):
                run_sync(km.shutdown_kernel)(now=True)

    def kill(self) -> None:
        """Stop the kernel process at once, from any thread (Ctrl-C)."""
        km = self.km
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            with contextlib.suppress(OSError):
                os.kill(process.pid, signal.SIGKILL)
