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

import copy
import datetime as dt
import hashlib
import json
import logging
import os
import queue
import secrets
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import nbformat

from .. import paths
from ..errors import InputError
from ..report.prepared import ENV as PREPARED_ENV
from ..vocab import LANGUAGES
from .config import load_config, select_notebooks
from .index import write_index
from .jobs import CHANGES_TAG, Job, JobResult, Options
from .jobs import run as run_job
from .kernel import KERNEL_NAME, kernel_manager_class
from .keys import digest, notebook_digest, run_key, tool_versions
from .listing import write_listing
from .metadata import code_version, input_digests, utc_stamp
from .progress import Progress
from .runs import (
    CHANGES_FILE,
    SNAPSHOT_FILE,
    Pin,
    final_name,
    locked,
    previous_complete,
    prune,
    read_snapshot,
    reusable_reports,
    switch_latest,
    write_json,
)
from .warm import WarmKernel

# Where a render keeps the fact-base cuts its kernels read (removed when they are done).
PREPARED_DIR = ".prepared"


@dataclass
class RenderResult:
    ok: bool
    run_dir: Path
    results: list[JobResult]
    latest_switched: bool
    meta: dict
    # Held until the caller has reported the run: no concurrent prune deletes it before.
    pin: Pin | None = None

    @property
    def failures(self) -> list[str]:
        return [r.error for r in self.results if not r.ok and r.error]

    def release(self) -> None:
        if self.pin is not None:
            self.pin.release()


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


def _fact_bases(sets: dict[str, dict], root: Path, force: bool) -> tuple[dict, dict]:
    """Every fact base the parameter sets read, built once before any kernel starts (a
    bad seed or curated record stops the render here with one line), or loaded from
    the cache of an earlier render with the same inputs; and the new ones to cache."""
    import warnings

    from ..factbase.build import UncuratedWarning, build
    from ..report.params import validate
    from . import cache

    bases, built = {}, {}
    for values in sets.values():
        settings = validate(**values)
        folders = (settings.seeds_dir, settings.data_dir)
        if folders in bases:
            continue
        name = cache.inputs_digest(*folders)
        bases[folders] = None if force else cache.load(root, name)
        if bases[folders] is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UncuratedWarning)  # logged with the run
                bases[folders] = built[name] = build(*folders)
    return bases, built


def _cut_digest(cut) -> str:
    from ..factbase.publish import csv_bytes

    tables = {name: hashlib.sha256(csv_bytes(df)).hexdigest() for name, df in cut.tables.items()}
    return digest(
        {
            "tables": tables,
            "labels": cut.labels.model_dump(),
            "warnings": cut.warnings,
            "suggestions": cut.suggestions,
        }
    )


class JobCut(NamedTuple):
    """What one job reads: its fact base's folders, the cut of it and the cut's digest
    (in the run key), and the job's own settings."""

    folders: tuple[str, str]
    digest: str
    cut: object  # report.prepared.Cut
    settings: object  # report.params.Settings


def _prepare_cuts(work: list[Job], bases: dict, folder: Path) -> dict[str, JobCut]:
    """Write each distinct cut the jobs need for their kernels; per job label, its JobCut."""
    from ..report import prepared
    from ..report.params import validate

    folder.mkdir()
    by_name: dict[str, tuple] = {}
    per_job = {}
    for job in work:
        settings = validate(**job.parameters)
        name = prepared.cut_name(settings)
        if name not in by_name:
            cut = prepared.prepare(bases[(settings.seeds_dir, settings.data_dir)], settings)
            prepared.save(cut, folder, settings)
            by_name[name] = (_cut_digest(cut), cut, settings)
        # One cut serves every job of the same cut name; the settings stay the job's own
        # (its language: the zh landing page showed the en headline table).
        digest_, cut, _ = by_name[name]
        per_job[job.label] = JobCut((settings.seeds_dir, settings.data_dir), digest_, cut, settings)
    return per_job


def _pages(
    p: Plan, results: list[JobResult], cuts: dict, said: dict, build: Path, info: dict
) -> dict:
    """The content of each language's landing page, and each set's single-file edition."""
    from ..report import i18n, views
    from . import edition

    languages = [lang for lang in LANGUAGES if any(r.job.language == lang for r in results)]
    pages = {}
    for lang in languages:
        groups, headline = [], None
        for set_name in p.sets:
            mine = [r for r in results if r.job.param_set == set_name and r.job.language == lang]
            if not mine:
                continue
            reports = []
            for r in mine:
                title, description = info[r.job.notebook][2][lang]
                reports.append(
                    {
                        "stem": r.job.notebook.stem,
                        "title": title or r.job.notebook.stem,
                        "description": description,
                        "ok": r.ok,
                        "error": r.error,
                        "html": f"{set_name}/{r.job.notebook.stem}.html",
                        "ipynb": f"{set_name}/{r.job.notebook.stem}.ipynb",
                    }
                )
            page_name = None
            if all(r.ok for r in mine):
                page_name = f"{set_name}/{edition.EDITION}"
                # Dated by its newest source, not by the render: same inputs, same bytes.
                sources = cuts[mine[0].job.label].cut.tables["sources"]["published_at"]
                when = str(sources.max())[:10] if len(sources) else "—"
                (build / page_name).write_text(
                    edition.build(
                        [(x["stem"], build / x["html"], x["title"]) for x in reports],
                        lang,
                        i18n.t("edition_title", lang, when=when),
                        i18n.t("edition_contents", lang),
                    ),
                    encoding="utf-8",
                )
            groups.append(
                {
                    "set": set_name,
                    "reports": reports,
                    "edition": page_name,
                }
            )
            if headline is None:
                # The set's own cut, in its own language: the overview's key figures.
                own = cuts[mine[0].job.label]
                report = views.Report(
                    own.settings, own.cut.tables, own.cut.labels, own.cut.warnings
                )
                headline = views.show(views.key_figures(report), report)
        for group in groups:
            # What sets a group apart from the page's others (the language is the
            # page's own); nothing when it is the only one.
            values = {k: v for k, v in p.sets[group["set"]].items() if k != "language"}
            group["parameters"] = (
                json.dumps(values, ensure_ascii=False, sort_keys=True) if len(groups) > 1 else ""
            )
        pages[lang] = {"groups": groups, "sentences": said[lang], "headline": headline}
    return pages


def _changes(fb, tables, root: Path, build: Path, log) -> tuple[dict, dict[str, list[str]]]:
    """Compare this render's fact base with the last complete render's; write both files.
    ``tables`` are the fact base's whole tables when a cut already made them."""
    from ..factbase.snapshot import diff, is_empty, snapshot
    from ..report.changes import lines

    snap = snapshot(fb, tables)
    previous = previous_complete(root)
    before = read_snapshot(previous) if previous else None
    changes = {"previous": previous.name if previous and before else None, **diff(before, snap)}
    write_json(build / SNAPSHOT_FILE, snap)
    write_json(build / CHANGES_FILE, changes)
    said = {lang: lines(changes, snap, lang) for lang in LANGUAGES}
    log.info(
        "changes since %s: %s", changes["previous"], "none" if is_empty(changes) else said["en"]
    )
    return changes, said


def _run_all(work: list[Job], options: Options, workers: int, log, finished) -> list[JobResult]:
    """Run the jobs on ``workers`` threads, each with its own warm kernel.

    Threads, not processes: each kernel is a process already, and the HTML export of
    one notebook overlaps the execution of the next. On Ctrl-C the jobs not started are
    dropped and the kernels killed, so the render stops within seconds.
    """
    pending: queue.SimpleQueue[Job] = queue.SimpleQueue()
    for job in work:
        pending.put(job)
    results: list[JobResult] = []
    kernels: list[WarmKernel] = []
    cancelled = threading.Event()
    manager = kernel_manager_class(str(options.log_path), options.kernel_env)

    def worker() -> None:
        kernel = WarmKernel(manager, KERNEL_NAME)
        kernels.append(kernel)
        try:
            while not cancelled.is_set():
                try:
                    job = pending.get_nowait()
                except queue.Empty:
                    return
                result = run_job(job, options, log, kernel)
                results.append(result)
                finished(result)
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


def _notebook_info(path: Path) -> tuple[str, bool, dict]:
    """The digest of a notebook's cells, whether it shows what changed since the last
    render, and its title and description per language (from its Markdown cells)."""
    from .htmlexport import keep_language, title_and_description

    nb = nbformat.read(str(path), as_version=4)
    tags = {t for c in nb.cells for t in c.get("metadata", {}).get("tags", [])}
    titles = {
        lang: title_and_description(keep_language(copy.deepcopy(nb), lang)) for lang in LANGUAGES
    }
    return notebook_digest(nb), CHANGES_TAG in tags, titles


@dataclass
class Plan:
    """Everything a render decides before it writes anything: a bad option, parameter,
    notebook or input stops it here, with one line and nothing written."""

    root: Path
    sets: dict[str, dict]
    notebooks: list[Path]
    declared: dict[Path, set[str]]
    bases: dict
    built: dict  # the fact bases built for this render (not from the cache), to keep
    jobs: int
    keep: int
    cell_timeout: int | None
    raw_html: str
    keep_code: bool
    force: bool
    moves_latest: bool


def plan(
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
    parameters: dict | None = None,
    update_latest: bool | None = None,
    force: bool = False,
) -> Plan:
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
    declared = check_parameters(sets, nb_paths, config_path, given=set(parameters or {}))
    jobs = jobs or os.cpu_count() or 1
    if jobs < 1:
        raise InputError("--jobs", "must be at least 1")
    root = Path(output_root).expanduser().resolve()
    if root.exists() and not root.is_dir():
        raise InputError(root, "the output root is a file, not a folder")
    # By default only a render of everything configured moves `latest`: a
    # one-notebook check must not replace the full set readers are sent.
    full = notebooks is None and param_sets is None
    bases, built = _fact_bases(sets, root, force)
    return Plan(
        root=root,
        sets=sets,
        notebooks=nb_paths,
        declared=declared,
        bases=bases,
        built=built,
        jobs=jobs,
        keep=config.keep if keep is None else keep,
        cell_timeout=config.cell_timeout if cell_timeout is None else cell_timeout,
        raw_html=config.raw_html,
        keep_code=keep_code,
        force=force,
        moves_latest=full if update_latest is None else update_latest,
    )


def render(*, progress_stream=None, **options) -> RenderResult:
    """Plan, then execute (or reuse) and export into a new run folder; see the module
    docstring and ``plan`` for the options. InputError on bad input, nothing written."""
    p = plan(**options)
    started = dt.datetime.now(dt.UTC)
    stamp = utc_stamp(started)
    build = p.root / f".{stamp}.{os.getpid()}.{secrets.token_hex(3)}.partial"
    pin = None
    try:
        p.root.mkdir(parents=True, exist_ok=True)
        build.mkdir()
        pin = Pin(build)
        log, handlers = _run_logger(build / "render.log")
        try:
            return _render_into(p, build, stamp, started, pin, log, progress_stream)
        finally:
            for logger, handler in handlers:
                logger.removeHandler(handler)
            handlers[0][1].close()
    except (OSError, KeyboardInterrupt) as exc:
        # Nothing half-written stays behind holding the space; `latest` never moved.
        if pin is not None:
            pin.release()
        shutil.rmtree(build, ignore_errors=True)
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise InputError(p.root, exc.strerror or str(exc)) from None


def _render_into(
    p: Plan, build: Path, stamp: str, started, pin, log, progress_stream
) -> RenderResult:
    from ..factbase.snapshot import is_empty
    from . import cache
    from .bundles import bundle_digest

    for fb in p.bases.values():
        for warning in fb.warnings:
            log.warning("%s", warning)

    # A set goes to every notebook; each notebook gets the parameters it declares.
    work = [
        Job(
            nb,
            s,
            {k: v for k, v in values.items() if k in p.declared[nb]},
            build / s / f"{nb.stem}.ipynb",
            build / s / f"{nb.stem}.html",
        )
        for nb in p.notebooks
        for s, values in p.sets.items()
    ]
    cuts = _prepare_cuts(work, p.bases, build / PREPARED_DIR)
    # The primary fact base's uncut tables, if a parameter set already cut it so.
    primary = next(iter(p.bases))
    whole = next(
        (c.cut.tables for c in cuts.values() if c.folders == primary and c.settings.as_of is None),
        None,
    )
    changes, said = _changes(p.bases[primary], whole, p.root, build, log)
    for name, fb in p.built.items():
        cache.save(p.root, name, fb)  # with the tables just made: the next render needs them
    inputs = {folders: input_digests(*folders) for folders in p.bases}
    notebook_info = {nb: _notebook_info(nb) for nb in p.notebooks}
    export = {"keep_code": p.keep_code, "raw_html": p.raw_html}
    reusable = {} if p.force else reusable_reports(p.root)
    bundle = bundle_digest()
    for job in work:
        own = cuts[job.label]
        job.key = run_key(
            notebook=notebook_info[job.notebook][0],
            parameters=job.parameters,
            inputs=inputs[own.folders],
            factbase=own.digest,
            plotlyjs=bundle,
            export={**export, "language": job.language},
        )
        job.reusable = reusable.get(job.key)
        job.shows_changes = notebook_info[job.notebook][1]
    log.info(
        "render %d notebooks x %d sets, %d jobs, into %s%s",
        len(p.notebooks),
        len(p.sets),
        p.jobs,
        p.root,
        " (forced: nothing reused)" if p.force else "",
    )
    options = Options(
        keep_code=p.keep_code,
        raw_html=p.raw_html,
        cell_timeout=p.cell_timeout,
        kernel_env=((PREPARED_ENV, str(build / PREPARED_DIR)),),
        log_path=build / "render.log",
        changes=said,
    )
    progress = Progress(len(work), progress_stream)
    progress.start()

    def finished(result: JobResult) -> None:
        label = result.job.label + (" (reused)" if result.reused_from else "")
        progress.finish_one(label, result.ok, result.seconds)

    results = _run_all(work, options, p.jobs, log, finished)
    progress.close()
    lost = next((r.os_error for r in results if r.os_error), None)
    if lost is not None:
        raise lost  # the output cannot be written (full, read-only): not a notebook's fault
    order = {(j.notebook, j.param_set): i for i, j in enumerate(work)}
    results.sort(key=lambda r: order[(r.job.notebook, r.job.param_set)])
    ok = all(r.ok for r in results)
    shutil.rmtree(build / PREPARED_DIR, ignore_errors=True)  # only the kernels read it
    meta = {
        "started_utc": started.strftime("%Y-%m-%d %H:%M:%S"),
        "finished_utc": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
        "ok": ok,
        "code_version": code_version(),
        "tools": tool_versions(),
        "keep_code": p.keep_code,
        "forced": p.force,
        "parameter_sets": p.sets,
        "notebooks": [str(nb) for nb in p.notebooks],
        "inputs": next(iter(inputs.values())),
        "changes": {
            "previous": changes["previous"],
            "compared": changes["compared"],
            "changed": not is_empty(changes),
            "sentences": said,
        },
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
                "key": r.job.key,
                "reused_from": r.reused_from,
            }
            for r in results
        ],
    }
    write_index(build, meta, _pages(p, results, cuts, said, build, notebook_info))
    switched = False
    with locked(p.root):
        name = final_name(p.root, stamp, "" if ok else ".failed")
        final = p.root / name
        log.info("%s as %s", "complete" if ok else "failed", name)
        os.rename(build, final)
        if ok and p.moves_latest:
            switched = switch_latest(p.root, name, log)
        prune(p.root, p.keep, log, protect=(name,))
        write_listing(p.root)
    return RenderResult(ok, final, results, switched, meta, pin)


def check_parameters(
    sets: dict[str, dict], notebooks: list[Path], config_path, given: set[str] = frozenset()
) -> dict[Path, set[str]]:
    """Every parameter of every set is declared by some notebook and has a valid value.

    Papermill only warns about an undeclared parameter, and a bad value would fail
    every notebook one by one; checking first gives one line and no run at all. A
    parameter in ``given`` came from the command line (``-p``), and is named so.
    """
    import papermill as pm

    from ..report.params import validate

    declared = {nb: set(pm.inspect_notebook(str(nb))) for nb in notebooks}
    known = set().union(*declared.values()) if declared else set()

    def named(set_name: str, key: str) -> str:
        if key in given:
            return f"-p {key}"
        return f"{config_path} parameter set {set_name}, parameter {key}"

    for name, values in sets.items():
        for key in values:
            if key not in known:
                raise InputError(
                    named(name, key),
                    f"unknown parameter; the notebooks take {', '.join(sorted(known))}",
                )
        try:
            validate(**values)
        except InputError as exc:
            raise InputError(named(name, str(exc.where)), exc.problem) from None
    return declared
