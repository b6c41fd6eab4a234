"""Kernels and papermill: each run of a render reused from an earlier identical report,
or executed, stabilised and exported, on a few worker threads.

Warm kernels. Starting a kernel and importing pandas, Plotly and the package costs
about two seconds of CPU per notebook run, more than running a report's cells. So a
worker thread starts one kernel on first need and keeps it for every notebook it
executes; before each notebook the kernel is reset to what a fresh one would show
(an empty namespace and a new history session with execution counts from 1, the
notebook's folder as working directory, the warning filters it started with, so
warnings show again). Imported modules stay, which is the point. A notebook that
fails, times out or kills its kernel takes the kernel with it.

Only documented extension points: the warm kernel is a papermill engine (a subclass
of ``papermill.engines.Engine``, registered with ``papermill_engines``) that runs the
cells with nbclient's ``NotebookClient`` on a kernel manager it was given (nbclient
keeps a kernel it does not own), so parameters, the injected cell, papermill's
metadata and its errors are those of a plain papermill run. The kernel's environment
(where the render's prepared fact base is) and its stderr (the run log, not the
terminal or every cron mail) are keyword arguments of ``KernelManager.start_kernel``,
which passes them to the process it starts. ``tests/render/test_kernels.py`` fails
loudly if an upgrade breaks any of these.

The kernel starts in the notebook's folder (relative paths in a notebook mean what
they mean in JupyterLab) without papermill's ``cwd=``, which chdirs the whole
process and races when notebooks run in threads.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import shutil
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ClearMetadataPreprocessor
from papermill.engines import Engine, papermill_engines

from .export import UnsafeOutputError, export_file
from .kernel import KERNEL_NAME
from .pairing import stable_ids
from .plan import Job

ENGINE = "h200-warm"
INJECTED = "injected-parameters"

# Run silently once in a new kernel: remember the warning filters it starts with.
_REMEMBER = (
    "import warnings as _w; _w.h200_fresh = _w.catch_warnings(); _w.h200_fresh.__enter__()\n"
)
# Run silently before a notebook's first cell: the state a new kernel starts with.
# Leaving ``catch_warnings`` restores the first filters and bumps the filters'
# version, which empties every module's registry of warnings already shown.
_RESET = """\
get_ipython().reset(new_session=True)
import os as _os, warnings as _w
_os.chdir({cwd})
_w.h200_fresh.__exit__(None, None, None)
_w.h200_fresh = _w.catch_warnings()
_w.h200_fresh.__enter__()
del _os, _w
"""


class Kernel:
    """One worker's kernel: started by the first notebook that needs it (with ``env``
    added to its environment and its stderr appended to ``log_path``), kept until
    ``close`` or a failure. Used by one thread only (its event loop owns the kernel)."""

    def __init__(self, log_path: Path | None = None, env: tuple[tuple[str, str], ...] = ()):
        self.log_path = log_path
        self.env = dict(env)
        self.km = None
        self._fresh = False

    def manager(self, cwd: Path):
        """The kernel manager, its kernel started in ``cwd`` if it has none."""
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        if self.km is None or not self.km.has_kernel:
            self.km = AsyncKernelManager(kernel_name=KERNEL_NAME)
            with open(self.log_path or os.devnull, "ab") as sink:  # the child keeps a copy
                run_sync(self.km.start_kernel)(
                    env={**os.environ, **self.env}, stderr=sink, cwd=str(cwd)
                )
            self._fresh = True
        return self.km

    def reset_code(self, cwd: Path) -> str:
        """What to run before a notebook whose folder is ``cwd``."""
        fresh, self._fresh = self._fresh, False
        return (_REMEMBER if fresh else "") + _RESET.format(cwd=json.dumps(str(cwd)))

    def close(self) -> None:
        """Shut the kernel down (called by the thread that used it)."""
        km, self.km = self.km, None
        if km is not None and km.has_kernel:
            from jupyter_core.utils import run_sync

            with contextlib.suppress(Exception):
                run_sync(km.shutdown_kernel)(now=True)

    def kill(self) -> None:
        """Stop the kernel process at once, from any thread (Ctrl-C, SIGTERM)."""
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            with contextlib.suppress(OSError):
                os.kill(process.pid, signal.SIGKILL)


class WarmEngine(Engine):
    """Runs a notebook on ``kernel`` (a ``Kernel``): reset, then the cells, reported to
    papermill's execution manager as its own engine does."""

    @classmethod
    def execute_managed_notebook(
        cls, nb_man, kernel_name, kernel=None, kernel_cwd=None, execution_timeout=None, **kwargs
    ):
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError

        client = NotebookClient(
            nb_man.nb,
            km=kernel.manager(kernel_cwd),
            kernel_name=kernel_name,
            timeout=execution_timeout,
            log=logging.getLogger("papermill"),
        )
        client.reset_execution_trackers()
        with client.setup_kernel():
            try:
                reply = client.wait_for_reply(
                    client.kc.execute(kernel.reset_code(kernel_cwd), silent=True)
                )
                if not reply or reply["content"].get("status") != "ok":
                    raise RuntimeError("the warm kernel could not be reset")
                for index, cell in enumerate(nb_man.nb.cells):
                    try:
                        nb_man.cell_start(cell, index)
                        client.execute_cell(cell, index)
                    except CellExecutionError as ex:
                        nb_man.cell_exception(
                            nb_man.nb.cells[index], cell_index=index, exception=ex
                        )
                        break
                    finally:
                        nb_man.cell_complete(nb_man.nb.cells[index], cell_index=index)
                info = client.wait_for_reply(client.kc.kernel_info())
                nb_man.nb.metadata["language_info"] = info["content"]["language_info"]
                client.set_widgets_metadata()
            finally:
                # The kernel stays for the next notebook; this client's channels do not.
                client.kc.stop_channels()
        return nb_man.nb


papermill_engines.register(ENGINE, WarmEngine)


def execute_notebook(
    src: Path,
    dest: Path,
    parameters: dict | None = None,
    *,
    cell_timeout: int | None = None,
    kernel_cwd: Path | None = None,
    kernel: Kernel | None = None,
) -> None:
    """Execute ``src`` into ``dest``; raises what papermill raises when a cell fails.

    The kernel runs in ``kernel_cwd``, by default the folder of ``src``. ``kernel`` runs
    the notebook and stays alive; without one, a kernel is started for this notebook.
    """
    import papermill as pm

    src = Path(src).resolve()
    own = kernel is None
    kernel = kernel or Kernel()
    try:
        pm.execute_notebook(
            str(src),
            str(dest),
            parameters=parameters or None,
            engine_name=ENGINE,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            log_output=False,
            execution_timeout=cell_timeout,
            # Papermill would write the whole notebook again after every cell (for
            # watching a long run); the render reads it once, at the end.
            request_save_on_cell_execute=False,
            kernel=kernel,
            kernel_cwd=kernel_cwd or src.parent,
        )
    finally:
        if own:
            kernel.close()


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


class _RunMetadata(ClearMetadataPreprocessor):
    """nbconvert's metadata clearing, in every cell: papermill writes its timings into
    Markdown cells too."""

    def preprocess_cell(self, cell, resources, index):
        cell.metadata = dict(
            self.nested_filter(cell.metadata.items(), self.preserve_cell_metadata_mask)
        )
        return cell, resources


def stabilise(nb: nbformat.NotebookNode, *, keep_injected: bool) -> nbformat.NotebookNode:
    """An executed notebook without what changes from run to run: papermill's timings
    and run paths (in the notebook's, every cell's and every output's metadata) and
    the injected cell's random id; cell ids come from the cells' content. Of
    papermill's notebook metadata only the parameters stay, and only in a notebook
    that keeps its injected cell (they say what it was run with)."""
    from ..factbase.inputs import NOTEBOOK_KEY

    # What a stored notebook says it was executed on stays (the regression run reads it),
    # and the pairing of a notebook that has one (jupytext reads it in JupyterLab).
    kept = {"kernelspec", "language_info", NOTEBOOK_KEY, "jupytext"}
    if keep_injected and (nb.metadata.get("papermill") or {}).get("parameters"):
        kept.add(("papermill", "parameters"))
    if not keep_injected:
        nb.cells = [c for c in nb.cells if INJECTED not in c.get("metadata", {}).get("tags", [])]
    clear = _RunMetadata(preserve_nb_metadata_mask=kept, preserve_cell_metadata_mask={"tags"})
    nb, _ = clear.preprocess(nb, {})
    for cell in nb.cells:
        # Papermill tags every cell; an empty list is no tag (and jupytext would write
        # `tags=[]` into a paired source, so the pair would differ from its notebook).
        if cell.metadata.get("tags") == []:
            del cell.metadata["tags"]
        for output in cell.get("outputs", []):
            output.get("metadata", {}).pop("execution", None)
    return stable_ids(nbformat.from_dict(nb))


# ----------------------------------------------------------------------------- a render's runs


@dataclass
class JobResult:
    job: Job
    ok: bool
    seconds: float
    error: str | None = None
    plots: int = 0
    warnings: list[str] = field(default_factory=list)
    reused_from: str | None = None
    # Writing the run failed (a full or read-only disk): the render stops, not the notebook.
    os_error: OSError | None = None


@dataclass(frozen=True)
class Options:
    """What every job of one render shares."""

    build: Path  # the run folder being built
    keep_code: bool
    raw_html: str
    cell_timeout: int | None
    kernel_env: tuple[tuple[str, str], ...]
    log_path: Path
    # Sentences on what changed since the last render, per language (for CHANGES_TAG cells).
    changes: dict[str, list[str]]


def _link_or_copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dest)
    except OSError:  # another file system, or links not allowed: a copy is as good
        shutil.copy2(src, dest)


def _export(job: Job, options: Options) -> dict:
    from .export import CHANGES_TAG

    return export_file(
        options.build / job.out_ipynb,
        options.build / job.out_html,
        notebook_name=job.notebook.stem,
        language=job.language,
        keep_code=options.keep_code,
        raw_html=options.raw_html,
        changes={CHANGES_TAG: options.changes.get(job.language, [])},
    )


def _reuse(job: Job, options: Options, log) -> JobResult | None:
    """The job done from an earlier identical report; None when its files are gone."""
    started = time.monotonic()
    ipynb, html, charts = job.reusable
    try:
        _link_or_copy(ipynb, options.build / job.out_ipynb)
        if job.shows_changes:
            # Same notebook, this render's changes: export again (milliseconds, no kernel).
            info = _export(job, options)
        else:
            _link_or_copy(html, options.build / job.out_html)
            info = {"plots": charts, "warnings": []}
    except FileNotFoundError:
        # Pruned by another render since we looked: execute instead.
        for path in (job.out_ipynb, job.out_html):
            with contextlib.suppress(FileNotFoundError):
                (options.build / path).unlink()
        return None
    source = ipynb.parents[1].name
    log.info("reused %s from %s", job.label, source)
    return JobResult(job, True, time.monotonic() - started, plots=info["plots"], reused_from=source)


def run_job(job: Job, options: Options, log, kernel: Kernel) -> JobResult:
    """Reuse or execute ``job`` on the worker's ``kernel``, given up when a notebook fails
    (its state is no longer that of a fresh kernel)."""
    if job.reusable:
        reused = _reuse(job, options, log)
        if reused is not None:
            return reused
    started = time.monotonic()
    out = options.build / job.out_ipynb
    out.parent.mkdir(parents=True, exist_ok=True)
    log.info("start %s (%s)", job.label, job.reason)
    try:
        execute_notebook(
            job.notebook, out, job.parameters, cell_timeout=options.cell_timeout, kernel=kernel
        )
    except OSError as exc:
        kernel.close()
        return JobResult(job, False, time.monotonic() - started, error=str(exc), os_error=exc)
    except Exception as exc:  # every failure must become one line, not a traceback
        kernel.close()
        message = failure_message(job.head, exc)
        log.error("FAILED %s", message)
        return JobResult(job, False, time.monotonic() - started, error=message)
    try:
        nb = nbformat.read(str(out), as_version=4)
        nbformat.write(stabilise(nb, keep_injected=True), str(out))
        info = _export(job, options)
    except OSError as exc:
        return JobResult(job, False, time.monotonic() - started, error=str(exc), os_error=exc)
    except UnsafeOutputError as exc:
        message = f"{job.head}, {exc}"
        log.error("FAILED %s", message)
        return JobResult(job, False, time.monotonic() - started, error=message)
    for warning in info["warnings"]:
        log.warning("%s: %s", job.label, warning)
    seconds = time.monotonic() - started
    log.info("done %s in %.1f s (%d charts)", job.label, seconds, info["plots"])
    return JobResult(job, True, seconds, plots=info["plots"], warnings=info["warnings"])


class Progress:
    """A bar on a terminal (tqdm), plain lines for logs, cron and CI."""

    def __init__(self, total: int, stream=None):
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        isatty = getattr(self.stream, "isatty", lambda: False)()
        self.bar = None
        if isatty and not os.environ.get("CI"):
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=self.stream, desc="rendering", unit="run")
        else:
            print(f"render: {total} notebook runs", file=self.stream, flush=True)
        self._lock = threading.Lock()

    def finish_one(self, result: JobResult) -> None:
        label = result.job.label + (" (reused)" if result.reused_from else "")
        status = "ok" if result.ok else "FAILED"
        with self._lock:
            self.done += 1
            if self.bar is not None:
                self.bar.set_postfix_str(f"{status} {label}", refresh=False)
                self.bar.update(1)
            else:
                # One write per line: print writes the line and its newline apart, and
                # another thread's line could come between them.
                line = (
                    f"render: [{self.done}/{self.total}] {status} {label} ({result.seconds:.1f} s)"
                )
                self.stream.write(line + "\n")
                self.stream.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run_all(work: list[Job], options: Options, workers: int, log, progress) -> list[JobResult]:
    """Run the jobs on ``workers`` threads, each with its own warm kernel.

    Threads, not processes: each kernel is a process already, and the HTML export of
    one notebook overlaps the execution of the next. On Ctrl-C (or SIGTERM, which the
    command turns into the same) the jobs not started are dropped and the kernels
    killed, so the render stops within seconds.
    """
    pending: queue.SimpleQueue[Job] = queue.SimpleQueue()
    for job in work:
        pending.put(job)
    results: list[JobResult] = []
    kernels: list[Kernel] = []
    cancelled = threading.Event()

    def worker() -> None:
        kernel = Kernel(options.log_path, options.kernel_env)
        kernels.append(kernel)
        try:
            while not cancelled.is_set():
                try:
                    job = pending.get_nowait()
                except queue.Empty:
                    return
                result = run_job(job, options, log, kernel)
                results.append(result)
                if not cancelled.is_set():  # a run stopped by Ctrl-C is no failure to report
                    progress.finish_one(result)
        finally:
            kernel.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(min(workers, len(work)))]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(0.2)
    except KeyboardInterrupt:
        cancelled.set()
        log.error("interrupted: %d runs not started", pending.qsize())
        for kernel in kernels:
            kernel.kill()
        for thread in threads:
            thread.join(5)
        raise
    return results
