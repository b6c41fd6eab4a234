"""Render every report notebook for every parameter set into a new dated folder.

Layout of one run (``reports/<UTC start>/``)::

    index.html   links to every report, with when / which inputs (sha256) / which
                 parameters / which code version
    run.json     the same metadata for machines
    render.log   what happened, one line per event
    <set>/<notebook>.ipynb and <set>/<notebook>.html

Guarantees a scheduler can rely on: the run is built in a hidden ``.*.partial``
folder and renamed only when finished, ``reports/latest`` moves (atomically, under
a lock, never backwards to an older run) only when every notebook succeeded, a
failure exits non-zero with one line per failed notebook naming the cell, and
nothing prompts.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import logging
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..errors import InputError
from .config import load_config, select_notebooks
from .execute import execute_notebook, failure_message
from .index import write_index
from .metadata import code_version, input_digests, tool_versions, utc_stamp
from .progress import Progress
from .runs import final_name, locked, prune, switch_latest


@dataclass
class Job:
    notebook: Path
    param_set: str
    parameters: dict
    out_ipynb: Path
    out_html: Path

    @property
    def label(self) -> str:
        return f"{self.notebook.name} [{self.param_set}]"

    @property
    def head(self) -> str:
        return f"notebook {self.notebook.name}, parameter set {self.param_set}"


@dataclass
class JobResult:
    job: Job
    ok: bool
    seconds: float
    error: str | None = None
    plots: int = 0
    warnings: list[str] = field(default_factory=list)


def _execute(job: Job, *, keep_code: bool, cell_timeout, raw_html: str, log) -> JobResult:
    from .htmlexport import UnsafeOutputError, export_file

    started = time.monotonic()
    job.out_ipynb.parent.mkdir(parents=True, exist_ok=True)
    log.info("start %s", job.label)
    try:
        execute_notebook(
            job.notebook,
            job.out_ipynb,
            job.parameters,
            cell_timeout=cell_timeout,
            kernel_log=job.out_ipynb.parents[1] / "render.log",
        )
    except Exception as exc:  # every failure must become one line, not a traceback
        message = failure_message(job.head, exc)
        log.error("FAILED %s", message)
        return JobResult(job, False, time.monotonic() - started, error=message)
    try:
        info = export_file(
            job.out_ipynb,
            job.out_html,
            notebook_name=job.notebook.stem,
            language=str(job.parameters.get("language", "en")),
            keep_code=keep_code,
            raw_html=raw_html,
        )
    except UnsafeOutputError as exc:
        message = f"{job.head}, {exc}"
        log.error("FAILED %s", message)
        return JobResult(job, False, time.monotonic() - started, error=message)
    for warning in info["warnings"]:
        log.warning("%s: %s", job.label, warning)
    seconds = time.monotonic() - started
    log.info("done %s in %.1f s (%d charts)", job.label, seconds, info["plots"])
    return JobResult(job, True, seconds, plots=info["plots"], warnings=info["warnings"])


@dataclass
class RenderResult:
    ok: bool
    run_dir: Path
    results: list[JobResult]
    latest_switched: bool
    meta: dict

    @property
    def failures(self) -> list[str]:
        return [r.error for r in self.results if not r.ok and r.error]


def _run_logger(log_path: Path) -> tuple[logging.Logger, list]:
    handler = logging.FileHandler(log_path, encoding="utf-8")
    handler.setFormatter(
        logging.Formatter("%(asctime)sZ %(levelname)s %(message)s", "%Y-%m-%dT%H:%M:%S")
    )
    handler.formatter.converter = time.gmtime  # the log speaks UTC, like the folder names
    log = logging.getLogger(f"h200report.render.{log_path.parent.name}")
    log.setLevel(logging.INFO)
    log.propagate = False
    log.addHandler(handler)
    # papermill's own warnings (unknown parameter, ...) belong in the run log too.
    pm_log = logging.getLogger("papermill")
    pm_log.addHandler(handler)
    return log, [(log, handler), (pm_log, handler)]


def render(
    *,
    notebooks: list[str] | None = None,
    param_sets: list[str] | None = None,
    output_root: Path | str = paths.REPORTS_DIR,
    jobs: int | None = None,
    keep_code: bool = False,
    keep: int | None = None,
    seeds_dir: Path | str | None = None,
    data_dir: Path | str | None = None,
    config_path: Path | str = paths.RENDER_CONFIG,
    notebooks_dir: Path | str = paths.NOTEBOOKS_DIR,
    cell_timeout: int | None = None,
    progress_stream=None,
    parameters: dict | None = None,
    update_latest: bool | None = None,
) -> RenderResult:
    """Execute and export; see the module docstring. Raises InputError on bad options."""
    config = load_config(Path(config_path))
    chosen_sets = param_sets or list(config.parameter_sets)
    unknown = [s for s in chosen_sets if s not in config.parameter_sets]
    if unknown:
        raise InputError(
            unknown[0], f"no such parameter set; {config_path} has {list(config.parameter_sets)}"
        )
    nb_paths = select_notebooks(notebooks, config.notebooks, Path(notebooks_dir))
    extra: dict[str, str] = {}
    for name, value in (("seeds_dir", seeds_dir), ("data_dir", data_dir)):
        if value is not None:
            folder = Path(value).expanduser().resolve()
            if not folder.is_dir():
                raise InputError(value, f"{name} is not a folder")
            extra[name] = str(folder)
    sets = {s: {**config.parameter_sets[s], **(parameters or {}), **extra} for s in chosen_sets}
    declared = check_parameters(sets, nb_paths, config_path)
    jobs = jobs or os.cpu_count() or 1
    if jobs < 1:
        raise InputError("--jobs", "must be at least 1")
    keep = config.keep if keep is None else keep
    timeout = config.cell_timeout if cell_timeout is None else cell_timeout

    root = Path(output_root).expanduser().resolve()
    root.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.UTC)
    stamp = utc_stamp(started)
    build = root / f".{stamp}.{os.getpid()}.{secrets.token_hex(3)}.partial"
    build.mkdir()
    log, handlers = _run_logger(build / "render.log")
    try:
        # A set goes to every notebook; each notebook gets the parameters it declares.
        work = [
            Job(
                nb,
                s,
                {k: v for k, v in sets[s].items() if k in declared[nb]},
                build / s / f"{nb.stem}.ipynb",
                build / s / f"{nb.stem}.html",
            )
            for nb in nb_paths
            for s in chosen_sets
        ]
        log.info(
            "render %d notebooks x %d sets, %d jobs, into %s",
            len(nb_paths),
            len(chosen_sets),
            jobs,
            root,
        )
        progress = Progress(len(work), progress_stream)
        progress.start()
        results: list[JobResult] = []
        # Threads, not processes: each papermill run already has its own kernel
        # process, and the HTML export of one overlaps the execution of the next.
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [
                pool.submit(
                    _execute,
                    job,
                    keep_code=keep_code,
                    cell_timeout=timeout,
                    raw_html=config.raw_html,
                    log=log,
                )
                for job in work
            ]
            for future in concurrent.futures.as_completed(futures):
                result = future.result()
                results.append(result)
                progress.finish_one(result.job.label, result.ok, result.seconds)
        progress.close()
        order = {(j.notebook, j.param_set): i for i, j in enumerate(work)}
        results.sort(key=lambda r: order[(r.job.notebook, r.job.param_set)])
        ok = all(r.ok for r in results)
        seeds = Path(extra.get("seeds_dir", paths.SEEDS_DIR))
        data = Path(extra.get("data_dir", paths.DATA_DIR))
        meta = {
            "started_utc": started.strftime("%Y-%m-%d %H:%M:%S"),
            "finished_utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
            "ok": ok,
            "code_version": code_version(),
            "tools": tool_versions(),
            "keep_code": keep_code,
            "parameter_sets": sets,
            "notebooks": [str(p) for p in nb_paths],
            "inputs": input_digests(seeds, data),
            "reports": [
                {
                    "notebook": r.job.notebook.stem,
                    "parameter_set": r.job.param_set,
                    "ok": r.ok,
                    "seconds": round(r.seconds, 2),
                    "charts": r.plots,
                    "html": f"{r.job.param_set}/{r.job.notebook.stem}.html" if r.ok else None,
                    "ipynb": f"{r.job.param_set}/{r.job.notebook.stem}.ipynb",
                    "error": r.error,
                }
                for r in results
            ],
        }
        write_index(build, meta)
        switched = False
        with locked(root):
            name = final_name(root, stamp, "" if ok else ".failed")
            final = root / name
            log.info("%s as %s", "complete" if ok else "failed", name)
            os.rename(build, final)
            # By default only a render of everything configured moves `latest`: a
            # one-notebook check must not replace the full set readers are sent.
            full = notebooks is None and param_sets is None
            if ok and (full if update_latest is None else update_latest):
                switched = switch_latest(root, name, log)
            prune(root, keep, log)
        return RenderResult(ok, final, results, switched, meta)
    finally:
        for logger, handler in handlers:
            logger.removeHandler(handler)
        handlers[0][1].close()


def check_parameters(
    sets: dict[str, dict], notebooks: list[Path], config_path
) -> dict[Path, set[str]]:
    """Every parameter of every set is declared by some notebook and has a valid value.

    Papermill only warns about an undeclared parameter, and a bad value would fail
    every notebook one by one; checking first gives one line and no run at all.
    """
    import papermill as pm

    from ..report.params import validate

    declared = {nb: set(pm.inspect_notebook(str(nb))) for nb in notebooks}
    known = set().union(*declared.values()) if declared else set()
    for name, values in sets.items():
        where = f"{config_path} parameter set {name}"
        for key in values:
            if key not in known:
                raise InputError(
                    f"{where}, parameter {key}",
                    f"unknown parameter; the notebooks take {', '.join(sorted(known))}",
                )
        try:
            validate(**values)
        except InputError as exc:
            raise InputError(f"{where}, parameter {exc.where}", exc.problem) from None
    return declared
