"""Render every report notebook for every parameter set into a new dated run folder:
plan, then execute (or reuse) and export, then publish.

Guarantees a scheduler can rely on: the run is built in a hidden ``.*.partial``
folder and renamed only when finished, ``reports/latest`` moves (atomically, under
a lock, never backwards to an older run) only when every notebook succeeded, a
failure exits non-zero with one line per failed notebook naming the cell, nothing
prompts, and a render that finds nothing changed writes no new run (``publish``).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from . import digest, publish
from . import plan as planning
from .feed import feed_file

# The file of fact-base cuts a render's kernels read (removed when they are done).
PREPARED_FILE = ".prepared.pickle"
# What counts as the code of a run (its version is -dirty when one of these is edited).
CODE_PATHS = ("h200report", "notebooks", "render.yaml", "pyproject.toml")


@dataclass
class RenderResult:
    ok: bool
    run_dir: Path
    results: list  # execute.JobResult, in the order of the plan's jobs
    latest_switched: bool
    meta: dict
    # Held until the caller has reported the run: no concurrent prune deletes it before.
    pin: publish.Pin | None = None
    # Nothing changed since ``run_dir``: no new run was made, the check recorded there.
    unchanged: bool = False

    @property
    def failures(self) -> list[str]:
        return [r.error for r in self.results if not r.ok and r.error]

    def release(self) -> None:
        if self.pin is not None:
            self.pin.release()


def _utc(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def record_check(root: Path, run_dir: Path, when: str) -> None:
    """Nothing changed since ``run_dir``: its pages and the listing say it was checked at
    ``when``, and its manifest holds what the rewritten files hold now (theirs only),
    under the render lock."""
    from . import manifest

    with publish.locked(root):
        rewritten = publish.mark_checked(root, run_dir, when)
        if rewritten:
            manifest.refresh(run_dir, rewritten)


def render(*, progress_stream=None, **options) -> RenderResult:
    """Plan, then execute (or reuse) and export into a new run folder; see
    ``plan.plan`` for the options. InputError on bad input, nothing written."""
    p = planning.plan(**options)
    started = dt.datetime.now(dt.UTC)
    if p.unchanged is not None:
        record_check(p.root, p.unchanged, _utc(started))
        meta = publish.read_json(p.unchanged / publish.META_FILE) or {}
        return RenderResult(True, p.unchanged, [], False, meta, unchanged=True)
    planning.check(p)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    build = p.root / f".{stamp}.{os.getpid()}.{secrets.token_hex(3)}.partial"
    pin = None
    try:
        # The build folder before the fact bases: a read-only or full disk is said at
        # once, not after seconds of building.
        p.root.mkdir(parents=True, exist_ok=True)
        build.mkdir()
        pin = publish.Pin(build)
        try:
            planning.settle(p)
        except InputError:
            pin.release()
            shutil.rmtree(build, ignore_errors=True)
            raise
        log, handlers = _run_logger(build / "render.log")
        try:
            return _render_into(p, build, stamp, started, pin, log, handlers, progress_stream)
        finally:
            _close_log(handlers)
    except (OSError, KeyboardInterrupt) as exc:
        # Nothing half-written stays behind holding the space; `latest` never moved.
        if pin is not None:
            pin.release()
        shutil.rmtree(build, ignore_errors=True)
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise InputError(p.root, exc.strerror or str(exc)) from None


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


def _close_log(handlers: list) -> None:
    """Detach the run log from its loggers and close it: a closed ``FileHandler`` still
    on a logger would open its file again at the next line."""
    for logger, handler in handlers:
        logger.removeHandler(handler)
    handlers[0][1].close()


def _cuts(p: planning.Plan, path: Path) -> dict[str, tuple]:
    """Cut each fact base once per distinct (folders, as_of) and seal the cuts for the
    kernels; per job label, its settings and its cut."""
    from ..report import prepared
    from ..report.params import validate

    by_key, per_job = {}, {}
    for job in p.jobs:
        settings = validate(**job.values)
        key = prepared.cut_key(settings)
        if key not in by_key:
            fb = p.bases[(settings.seeds_dir, settings.data_dir)]
            by_key[key] = prepared.prepare(fb, settings)
        # One cut serves every job of the same key; the settings stay the job's own
        # (its language: the zh landing page showed the en headline table).
        per_job[job.label] = (settings, by_key[key])
    prepared.save(by_key, path)
    return per_job


def _render_into(
    p, build: Path, stamp: str, started, pin, log, handlers, progress_stream
) -> RenderResult:
    from ..factbase.inputs import files_digest
    from ..factbase.snapshot import is_empty
    from ..report.prepared import ENV as PREPARED_ENV
    from . import manifest
    from .execute import Options, Progress, run_all
    from .plan import tool_versions

    for fb in p.bases.values():
        for warning in fb.warnings:
            log.warning("%s", warning)
    cuts = _cuts(p, build / PREPARED_FILE)
    # The primary fact base's uncut tables, if a parameter set already cut it so.
    primary = next(iter(p.bases))
    whole = next(
        (
            cut.tables
            for settings, cut in cuts.values()
            if (settings.seeds_dir, settings.data_dir) == primary and settings.as_of is None
        ),
        None,
    )
    changes, said = publish.changes(p.bases[primary], whole, p.root, build, log)
    for name, fb in p.built.items():
        planning.keep_factbase(p.root, name, fb)  # with its tables made: the next render needs them
    log.info(
        "render %d notebooks x %d sets, %d jobs, into %s%s",
        len(p.notebooks),
        len(p.sets),
        p.workers,
        p.root,
        " (forced: nothing reused)" if p.force else "",
    )
    options = Options(
        build=build,
        keep_code=p.keep_code,
        raw_html=p.raw_html,
        cell_timeout=p.cell_timeout,
        kernel_env=((PREPARED_ENV, str(build / PREPARED_FILE)),),
        log_path=build / "render.log",
        changes=said,
    )
    progress = Progress(len(p.jobs), progress_stream)
    try:
        results = run_all(p.jobs, options, p.workers, log, progress)
    finally:
        progress.close()
    lost = next((r.os_error for r in results if r.os_error), None)
    if lost is not None:
        raise lost  # the output cannot be written (full, read-only): not a notebook's fault
    order = {id(job): i for i, job in enumerate(p.jobs)}
    results.sort(key=lambda r: order[id(r.job)])
    ok = all(r.ok for r in results)
    (build / PREPARED_FILE).unlink(missing_ok=True)  # only the kernels read it
    meta = {
        "started_utc": _utc(started),
        "finished_utc": _utc(dt.datetime.now(dt.UTC)),
        "ok": ok,
        "digest": p.digest,
        "code_version": code_version(),
        "tools": tool_versions(),
        "keep_code": p.keep_code,
        "forced": p.force,
        "parameter_sets": p.sets,
        "notebooks": [str(nb) for nb in p.notebooks],
        "inputs": p.files,
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
                "html": str(r.job.out_html) if r.ok else None,
                "ipynb": str(r.job.out_ipynb),
                "error": r.error,
                "key": r.job.key,
                "inputs": r.job.inputs.parts(),
                "reason": r.job.reason,
                "reused_from": r.reused_from,
            }
            for r in results
        ],
    }
    content = publish.pages(p.sets, results, cuts, said, build, p.info)
    digest.write(build, p.sets, results, cuts, said, log)  # digest.<lang>.html and .eml
    for lang, page in content.items():
        # The landing page offers the mail digest of its language and the feed of the runs.
        names = (digest.html_name(lang), digest.eml_name(lang))
        page["digest"] = [name for name in names if (build / name).is_file()]
        page["feed"] = f"../{feed_file(lang)}"
    publish.write_index(build, meta, content)
    switched = False
    with publish.locked(p.root):
        name = publish.final_name(p.root, stamp, "" if ok else ".failed")
        final = p.root / name
        log.info("%s as %s", "complete" if ok else "failed", name)
        if ok and p.moves_latest:
            newer = publish.newer_latest(p.root, name)
            if newer:
                log.info("latest stays at %s, which started after this run", newer)
            else:
                log.info("latest -> %s", name)
        # The manifest is the run's last file: the log is closed first, so that nothing
        # after it (latest, pruning: the shared part of reports/) changes a listed file.
        _close_log(handlers)
        manifest.write(
            build,
            render_digest=p.digest,
            factbase_digest=files_digest(p.files) if p.files else None,
        )
        os.rename(build, final)
        after = logging.getLogger(__name__)
        if ok and p.moves_latest:
            switched = publish.switch_latest(p.root, name, after)
        publish.prune(p.root, p.keep, after, protect=(name,))
        publish.write_listing(p.root)
    return RenderResult(ok, final, results, switched, meta, pin)


def code_version() -> str:
    """The commit the code is at, ``-dirty`` when the code itself (the package, the
    notebooks, the render's configuration) has uncommitted changes: an analyst's new
    article or curated record is data, not a code change."""
    import subprocess

    from .. import paths

    def git(*args: str) -> str | None:
        done = subprocess.run(
            ["git", *args], cwd=paths.ROOT, capture_output=True, text=True, timeout=10, check=False
        )
        return done.stdout.strip() if done.returncode == 0 else None

    try:
        commit = git("describe", "--always")
        if commit:
            changed = git("status", "--porcelain", "--", *CODE_PATHS)
            return f"{commit}-dirty" if changed else commit
    except (OSError, subprocess.SubprocessError):
        pass
    from h200report import __version__

    return f"h200report {__version__} (no git)"
