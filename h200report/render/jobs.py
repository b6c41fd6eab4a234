"""One notebook run of a render: reuse an earlier identical report, or execute and export.

A run whose key (``keys.run_key``) matches a report of an earlier complete run is
reused: its notebook and HTML are hard-linked into the new run (copied where the
file system refuses links) and no kernel starts. Otherwise papermill executes the
notebook and the HTML is exported in this process. Either way the result is one
``JobResult``, and a failure is one line naming the notebook, parameter set and cell.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from .execute import execute_notebook, failure_message
from .stable import stabilise_file

# A cell tagged so shows what changed since the last render: the kernel cannot know
# (it runs the same for every render with the same inputs), so the export fills it in.
CHANGES_TAG = "since-last-render"


@dataclass
class Job:
    notebook: Path
    param_set: str
    parameters: dict
    out_ipynb: Path
    out_html: Path
    key: str = ""
    # An earlier run's (notebook, html, number of charts) with the same key, if any.
    reusable: tuple[Path, Path, int] | None = None
    shows_changes: bool = False

    @property
    def label(self) -> str:
        return f"{self.notebook.name} [{self.param_set}]"

    @property
    def head(self) -> str:
        return f"notebook {self.notebook.name}, parameter set {self.param_set}"

    @property
    def language(self) -> str:
        return str(self.parameters.get("language", "en"))


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
    from .htmlexport import export_file

    return export_file(
        job.out_ipynb,
        job.out_html,
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
        _link_or_copy(ipynb, job.out_ipynb)
        if job.shows_changes:
            # Same notebook, this render's changes: export again (milliseconds, no kernel).
            info = _export(job, options)
        else:
            _link_or_copy(html, job.out_html)
            info = {"plots": charts, "warnings": []}
    except FileNotFoundError:
        # Pruned by another render since we looked: execute instead.
        for path in (job.out_ipynb, job.out_html):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        return None
    source = ipynb.parents[1].name
    log.info("reused %s from %s", job.label, source)
    return JobResult(job, True, time.monotonic() - started, plots=info["plots"], reused_from=source)


def run(job: Job, options: Options, log, kernel=None) -> JobResult:
    """Reuse or execute ``job``; ``kernel`` (a ``warm.WarmKernel``) is the worker's kernel,
    given up when a notebook fails (its state is no longer that of a fresh kernel)."""
    from .htmlexport import UnsafeOutputError

    if job.reusable:
        reused = _reuse(job, options, log)
        if reused is not None:
            return reused
    started = time.monotonic()
    job.out_ipynb.parent.mkdir(parents=True, exist_ok=True)
    log.info("start %s", job.label)
    try:
        execute_notebook(
            job.notebook,
            job.out_ipynb,
            job.parameters,
            cell_timeout=options.cell_timeout,
            kernel_log=options.log_path,
            kernel_env=options.kernel_env,
            warm=kernel,
        )
    except OSError as exc:
        if kernel is not None:
            kernel.close()
        return JobResult(job, False, time.monotonic() - started, error=str(exc), os_error=exc)
    except Exception as exc:  # every failure must become one line, not a traceback
        if kernel is not None:
            kernel.close()
        message = failure_message(job.head, exc)
        log.error("FAILED %s", message)
        return JobResult(job, False, time.monotonic() - started, error=message)
    try:
        stabilise_file(job.out_ipynb)
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
