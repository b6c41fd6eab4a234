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

import argparse
import concurrent.futures
import contextlib
import datetime as dt
import fcntl
import functools
import glob
import hashlib
import html
import json
import logging
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from h200report import paths
from h200report.errors import InputError
from h200report.yamlio import read_yaml

KERNEL_NAME = "h200report"
LATEST = "latest"
LOCK_FILE = ".render.lock"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# Complete runs are named by UTC start time, with -N when several start in one second.
RUN_NAME = re.compile(r"^(\d{8}T\d{6}Z)(?:-(\d+))?$")
FAILED_NAME = re.compile(r"^(\d{8}T\d{6}Z)(?:-(\d+))?\.failed$")
PARTIAL_MAX_AGE_S = 24 * 3600
CONFIG_KEYS = {"parameter_sets", "notebooks", "keep", "cell_timeout", "raw_html"}
SET_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


# ----------------------------------------------------------------------------- config


@dataclass
class RenderConfig:
    parameter_sets: dict[str, dict]
    notebooks: list[str] = field(default_factory=lambda: ["*.ipynb"])
    keep: int = 30
    cell_timeout: int | None = 600
    raw_html: str = "error"


def load_config(path: Path = paths.RENDER_CONFIG) -> RenderConfig:
    # Dates stay ISO text, as notebooks expect; errors name the line.
    path = Path(path)
    raw = read_yaml(path, "render config")
    if not isinstance(raw, dict):
        raise InputError(path, "must be a mapping with a parameter_sets key")
    unknown = sorted(set(raw) - CONFIG_KEYS)
    if unknown:
        raise InputError(path, f"unknown keys {unknown}; known: {sorted(CONFIG_KEYS)}")
    sets = raw.get("parameter_sets")
    if not isinstance(sets, dict) or not sets:
        raise InputError(path, "parameter_sets must map set names to parameter mappings")
    for name, params in sets.items():
        if not isinstance(name, str) or not SET_NAME.match(name):
            raise InputError(path, f"parameter set name {name!r} must be a simple folder name")
        if params is not None and not isinstance(params, dict):
            raise InputError(path, f"parameter set {name!r} must be a mapping")
    notebooks = raw.get("notebooks", ["*.ipynb"])
    if isinstance(notebooks, str):
        notebooks = [notebooks]
    if not isinstance(notebooks, list) or not all(isinstance(n, str) for n in notebooks):
        raise InputError(path, "notebooks must be a list of glob patterns")
    keep = raw.get("keep", 30)
    if not isinstance(keep, int) or keep < 0:
        raise InputError(path, "keep must be a whole number >= 0 (0 keeps every run)")
    timeout = raw.get("cell_timeout", 600)
    if timeout is not None and (not isinstance(timeout, int) or timeout <= 0):
        raise InputError(path, "cell_timeout must be a positive number of seconds or null")
    raw_html = raw.get("raw_html", "error")
    if raw_html not in ("error", "warn", "allow"):
        raise InputError(path, "raw_html must be error, warn or allow")
    return RenderConfig(
        parameter_sets={k: dict(v or {}) for k, v in sets.items()},
        notebooks=notebooks,
        keep=keep,
        cell_timeout=timeout,
        raw_html=raw_html,
    )


def select_notebooks(
    specs: list[str] | None, patterns: list[str], notebooks_dir: Path = paths.NOTEBOOKS_DIR
) -> list[Path]:
    """Notebook files to render: names, paths or folders given, else the config's globs.

    Names starting with "_" are skipped when found by glob (drafts, helpers), but a
    file named explicitly is rendered.
    """
    notebooks_dir = Path(notebooks_dir)
    found: list[Path] = []
    if not specs:
        for pattern in patterns:
            found += sorted(Path(p) for p in glob.glob(str(notebooks_dir / pattern)))
        found = [p for p in found if not p.name.startswith("_") and p.suffix == ".ipynb"]
    else:
        for spec in specs:
            path = Path(spec)
            candidates = [path, notebooks_dir / spec, notebooks_dir / f"{spec}.ipynb"]
            hit = next((c for c in candidates if c.exists()), None)
            if hit is None:
                raise InputError(spec, f"no such notebook (looked in {notebooks_dir})")
            if hit.is_dir():
                found += sorted(p for p in hit.glob("*.ipynb") if not p.name.startswith("_"))
            else:
                found.append(hit)
    unique = list(dict.fromkeys(p.resolve() for p in found))
    stems = [p.stem for p in unique]
    dupes = sorted({s for s in stems if stems.count(s) > 1})
    if dupes:
        raise InputError(dupes[0], "two notebooks share this name; their reports would collide")
    if not unique:
        where = ", ".join(specs) if specs else f"{notebooks_dir} ({', '.join(patterns)})"
        raise InputError(where, "no notebooks to render")
    return unique


# ----------------------------------------------------------------------------- metadata


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_digests(seeds_dir: Path, data_dir: Path) -> dict[str, dict[str, str]]:
    """sha256 of every seed and fact file, keyed by group then by a readable path."""
    groups = {
        "seeds": (Path(seeds_dir), ["*.txt", "*.yaml"]),
        "facts": (paths.curated_dir(data_dir), ["*.yaml"]),
    }
    out: dict[str, dict[str, str]] = {}
    for group, (folder, patterns) in groups.items():
        files = sorted({p for pat in patterns for p in folder.glob(pat) if p.is_file()})
        out[group] = {f"{folder.name}/{p.name}": sha256_file(p) for p in files}
    return out


def code_version() -> str:
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=paths.ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    from h200report import __version__

    return f"h200report {__version__} (no git)"


def _tool_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("papermill", "nbconvert", "plotly", "pandas"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "?"
    return out


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


# ----------------------------------------------------------------------------- jobs


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


@dataclass
class JobResult:
    job: Job
    ok: bool
    seconds: float
    error: str | None = None
    plots: int = 0
    warnings: list[str] = field(default_factory=list)


def _one_line(text: object, limit: int = 300) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def failure_message(job: Job, exc: BaseException) -> str:
    """The one line a user sees: notebook, parameter set, cell, error."""
    from papermill.exceptions import PapermillExecutionError

    head = f"notebook {job.notebook.name}, parameter set {job.param_set}"
    if isinstance(exc, PapermillExecutionError):
        first = next((ln.strip() for ln in (exc.source or "").splitlines() if ln.strip()), "")
        snippet = _one_line(first, 60)
        cell = f"cell {exc.cell_index} (In [{exc.exec_count}]: {snippet})"
        return f"{head}, {cell}: {exc.ename}: {_one_line(exc.evalue)}"
    return f"{head}: {type(exc).__name__}: {_one_line(exc)}"


@functools.cache
def _kernel_manager_class(log_path: str):
    """A kernel manager whose kernels write their stderr to the run log.

    Kernel chatter (ipykernel's TCP warning, shutdown notices) would otherwise land
    on the terminal, and in every cron mail.
    """
    from jupyter_client.manager import AsyncKernelManager

    class RunLogKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            with open(log_path, "ab") as sink:  # the child keeps its own copy of the fd
                kw.setdefault("stderr", sink)
                return await super()._async_launch_kernel(kernel_cmd, **kw)

    return RunLogKernelManager


def _execute(job: Job, *, keep_code: bool, cell_timeout, raw_html: str, log) -> JobResult:
    import papermill as pm

    from h200report.htmlexport import UnsafeOutputError, export_file

    started = time.monotonic()
    job.out_ipynb.parent.mkdir(parents=True, exist_ok=True)
    log.info("start %s", job.label)
    try:
        pm.execute_notebook(
            str(job.notebook),
            str(job.out_ipynb),
            parameters=job.parameters,
            kernel_name=KERNEL_NAME,
            # The kernel starts in the notebook's folder. Not papermill's cwd=, which
            # chdirs the whole process: racy with notebooks running in threads.
            resources={"metadata": {"path": str(job.notebook.parent)}},
            progress_bar=False,
            log_output=False,
            execution_timeout=cell_timeout,
            kernel_manager_class=_kernel_manager_class(
                str(job.out_ipynb.parents[1] / "render.log")
            ),
        )
    except Exception as exc:  # every failure must become one line, not a traceback
        message = failure_message(job, exc)
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
        message = f"notebook {job.notebook.name}, parameter set {job.param_set}, {exc}"
        log.error("FAILED %s", message)
        return JobResult(job, False, time.monotonic() - started, error=message)
    for warning in info["warnings"]:
        log.warning("%s: %s", job.label, warning)
    seconds = time.monotonic() - started
    log.info("done %s in %.1f s (%d charts)", job.label, seconds, info["plots"])
    return JobResult(job, True, seconds, plots=info["plots"], warnings=info["warnings"])


class Progress:
    """A counter line on a terminal; plain lines for logs, cron and CI."""

    def __init__(self, total: int, stream=None):
        self.total = total
        self.done = 0
        self.failed = 0
        self.stream = stream or sys.stderr
        isatty = getattr(self.stream, "isatty", lambda: False)()
        self.live = bool(isatty) and not os.environ.get("CI")
        self._lock = threading.Lock()

    def start(self) -> None:
        if self.live:
            self._draw()
        else:
            print(f"render: {self.total} notebook runs", file=self.stream, flush=True)

    def finish_one(self, result: JobResult) -> None:
        with self._lock:
            self.done += 1
            self.failed += not result.ok
            status = "ok" if result.ok else "FAILED"
            if self.live:
                self._draw(f"{status} {result.job.label}")
            else:
                print(
                    f"render: [{self.done}/{self.total}] {status} {result.job.label} "
                    f"({result.seconds:.1f} s)",
                    file=self.stream,
                    flush=True,
                )

    def close(self) -> None:
        if self.live:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, last: str = "") -> None:
        failed = f", {self.failed} failed" if self.failed else ""
        line = f"rendering [{self.done}/{self.total}{failed}] {last}"
        self.stream.write("\r\033[K" + line[:120])
        self.stream.flush()


# ----------------------------------------------------------------------------- run folder


def _run_key(name: str) -> tuple[str, int] | None:
    match = RUN_NAME.match(name)
    return (match.group(1), int(match.group(2) or 0)) if match else None


@contextlib.contextmanager
def _locked(root: Path):
    # One lock for everything that changes the shared part of reports/: final names,
    # `latest`, pruning. Held for milliseconds, never while notebooks run.
    with open(root / LOCK_FILE, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _final_name(root: Path, stamp: str, suffix: str = "") -> str:
    n = 0
    while True:
        name = f"{stamp}-{n}{suffix}" if n else f"{stamp}{suffix}"
        if not (root / name).exists() and not (root / name).is_symlink():
            return name
        n += 1


def latest_target(root: Path) -> str | None:
    link = Path(root) / LATEST
    if not link.is_symlink():
        return None
    return Path(os.readlink(link)).name


def _switch_latest(root: Path, name: str, log) -> bool:
    """Point latest at ``name`` unless it already points at a newer complete run."""
    link = root / LATEST
    if link.exists() and not link.is_symlink():
        raise InputError(link, "exists and is not a symlink; move it away so it can be updated")
    current = latest_target(root)
    current_key = _run_key(current) if current else None
    if current_key and (root / current).is_dir() and current_key > _run_key(name):
        log.info("latest stays at %s, which started after this run", current)
        return False
    tmp = root / f".{LATEST}.{os.getpid()}.{secrets.token_hex(4)}"
    os.symlink(name, tmp)  # relative, so reports/ can be moved or synced as a whole
    os.replace(tmp, link)
    log.info("latest -> %s", name)
    return True


def prune(root: Path, keep: int, log=None) -> list[str]:
    """Delete complete runs beyond the newest ``keep`` (and as many failed ones).

    Never the run ``latest`` points at, never a build in progress; abandoned
    ``.partial`` builds (a killed render) go after a day.
    """
    log = log or logging.getLogger(__name__)
    root = Path(root)
    if keep <= 0 or not root.is_dir():
        return []
    protected = latest_target(root)
    removed = []
    for pattern in (RUN_NAME, FAILED_NAME):
        runs = []
        for entry in root.iterdir():
            match = pattern.match(entry.name)
            if match and entry.is_dir() and not entry.is_symlink():
                runs.append(((match.group(1), int(match.group(2) or 0)), entry))
        runs.sort()
        for _, entry in runs[: max(0, len(runs) - keep)]:
            if entry.name == protected:
                continue
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    now = time.time()
    for entry in root.glob(".*.partial"):
        with contextlib.suppress(OSError):
            if entry.is_dir() and now - entry.stat().st_mtime > PARTIAL_MAX_AGE_S:
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry.name)
    for name in removed:
        log.info("pruned %s", name)
    return removed


# ----------------------------------------------------------------------------- index.html


_INDEX_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC",
  "Microsoft YaHei", sans-serif; color: #222; margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 48px; }
table { border-collapse: collapse; margin: 8px 0 24px; }
th, td { border: 1px solid #ccc; padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
code, .hash { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
.failed { color: #b00020; font-weight: bold; }
"""


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def write_index(run_dir: Path, meta: dict, results: list[JobResult]) -> None:
    sets = list(meta["parameter_sets"])
    notebooks = list(dict.fromkeys(r.job.notebook.stem for r in results))
    by_key = {(r.job.notebook.stem, r.job.param_set): r for r in results}
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        f"<title>H200 reports, {_esc(meta['started_utc'])}</title>",
        f"<style>{_INDEX_CSS}</style></head>",
        "<body><main>",
        "<h1>H200 export policy reports</h1>",
        f"<p>Rendered {_esc(meta['started_utc'])} (UTC). Status: "
        + ("complete" if meta["ok"] else '<span class="failed">FAILED</span>')
        + "</p>",
        "<h2>Reports</h2>",
        "<table><thead><tr><th>Notebook</th>",
    ]
    out += [f"<th>{_esc(s)}</th>" for s in sets]
    out.append("</tr></thead><tbody>")
    for stem in notebooks:
        out.append(f"<tr><td>{_esc(stem)}</td>")
        for s in sets:
            r = by_key.get((stem, s))
            if r is None:
                out.append("<td></td>")
                continue
            rel_html = f"{s}/{stem}.html"
            rel_nb = f"{s}/{stem}.ipynb"
            if r.ok:
                cell = (
                    f'<a href="{_esc(rel_html)}">report</a> · '
                    f'<a href="{_esc(rel_nb)}">notebook</a> ({r.seconds:.1f} s)'
                )
            else:
                cell = (
                    f'<span class="failed">failed</span>: {_esc(r.error)} · '
                    f'<a href="{_esc(rel_nb)}">partial notebook</a>'
                )
            out.append(f"<td>{cell}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    out.append("<h2>Run</h2><table><tbody>")
    rows = [
        ("Started (UTC)", meta["started_utc"]),
        ("Finished (UTC)", meta["finished_utc"]),
        ("Code version", meta["code_version"]),
        ("Tools", ", ".join(f"{k} {v}" for k, v in meta["tools"].items())),
        ("Code shown", "yes" if meta["keep_code"] else "no"),
    ]
    out += [f"<tr><th>{_esc(k)}</th><td>{_esc(v)}</td></tr>" for k, v in rows]
    out.append("</tbody></table>")
    out.append("<h2>Parameters</h2><table><thead><tr><th>Set</th><th>Parameters</th></tr>")
    out.append("</thead><tbody>")
    for s in sets:
        params = json.dumps(meta["parameter_sets"][s], ensure_ascii=False, sort_keys=True)
        out.append(f"<tr><td>{_esc(s)}</td><td><code>{_esc(params)}</code></td></tr>")
    out.append("</tbody></table>")
    out.append("<h2>Inputs (sha256)</h2>")
    for group, files in meta["inputs"].items():
        out.append(f"<h3>{_esc(group)}</h3>")
        if not files:
            out.append("<p>none</p>")
            continue
        out.append("<table><thead><tr><th>File</th><th>sha256</th></tr></thead><tbody>")
        out += [
            f'<tr><td>{_esc(name)}</td><td class="hash">{_esc(digest)}</td></tr>'
            for name, digest in files.items()
        ]
        out.append("</tbody></table>")
    out.append('<p>Log: <a href="render.log">render.log</a></p></main></body></html>')
    (run_dir / "index.html").write_text("\n".join(out) + "\n", encoding="utf-8")
    (run_dir / "run.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


# ----------------------------------------------------------------------------- render


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
                progress.finish_one(result)
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
            "tools": _tool_versions(),
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
        write_index(build, meta, results)
        switched = False
        with _locked(root):
            name = _final_name(root, stamp, "" if ok else ".failed")
            final = root / name
            log.info("%s as %s", "complete" if ok else "failed", name)
            os.rename(build, final)
            # By default only a render of everything configured moves `latest`: a
            # one-notebook check must not replace the full set readers are sent.
            full = notebooks is None and param_sets is None
            if ok and (full if update_latest is None else update_latest):
                switched = _switch_latest(root, name, log)
            prune(root, keep, log)
        return RenderResult(ok, final, results, switched, meta)
    finally:
        for logger, handler in handlers:
            logger.removeHandler(handler)
        handlers[0][1].close()


# ----------------------------------------------------------------------------- CLI


def check_parameters(
    sets: dict[str, dict], notebooks: list[Path], config_path
) -> dict[Path, set[str]]:
    """Every parameter of every set is declared by some notebook and has a valid value.

    Papermill only warns about an undeclared parameter, and a bad value would fail
    every notebook one by one; checking first gives one line and no run at all.
    """
    import papermill as pm

    from h200report.report.params import validate

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


def _parameter(text: str) -> tuple[str, object]:
    from h200report.yamlio import parse_scalar

    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), parse_scalar(value)


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument(
        "--param",
        "-p",
        action="append",
        type=_parameter,
        default=[],
        metavar="NAME=VALUE",
        help="set a notebook parameter in every set, e.g. -p as_of=2026-03-05 (YAML value; dates stay text)",
    )
    parser.add_argument(
        "--notebooks",
        "-n",
        nargs="+",
        metavar="NB",
        help="notebook names, files or folders (default: notebooks/*.ipynb not starting with _)",
    )
    parser.add_argument(
        "--sets",
        "-s",
        nargs="+",
        metavar="SET",
        help="parameter sets from render.yaml to render (default: all)",
    )
    parser.add_argument(
        "--output-root",
        "-o",
        type=Path,
        default=paths.REPORTS_DIR,
        help="folder that receives <UTC time>/ and the latest symlink (default: reports/)",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        help="notebooks run at once (default: number of cores)",
    )
    parser.add_argument(
        "--keep-code", action="store_true", help="show code cells in the HTML (default: hidden)"
    )
    latest = parser.add_mutually_exclusive_group()
    latest.add_argument(
        "--latest",
        dest="update_latest",
        action="store_true",
        default=None,
        help="point reports/latest at this run even if it renders only some notebooks or sets",
    )
    latest.add_argument(
        "--no-latest",
        dest="update_latest",
        action="store_false",
        help="leave reports/latest alone (default for a render of only some notebooks or sets)",
    )
    parser.add_argument(
        "--keep",
        type=int,
        default=None,
        metavar="N",
        help="keep the last N complete runs, 0 keeps all (default: render.yaml)",
    )
    parser.add_argument(
        "--seeds-dir",
        type=Path,
        default=None,
        help="seed articles folder, passed to notebooks as seeds_dir",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="data folder, passed to notebooks as data_dir",
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=paths.RENDER_CONFIG,
        help="render config (default: render.yaml at the project root)",
    )
    parser.add_argument(
        "--cell-timeout",
        type=int,
        default=None,
        metavar="S",
        help="seconds one cell may run (default: render.yaml)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Exit code: 0 all rendered, 1 a notebook failed, 2 bad options or config."""
    try:
        result = render(
            notebooks=args.notebooks,
            param_sets=args.sets,
            output_root=args.output_root,
            jobs=args.jobs,
            keep_code=args.keep_code,
            keep=args.keep,
            seeds_dir=args.seeds_dir,
            data_dir=args.data_dir,
            config_path=args.config,
            cell_timeout=args.cell_timeout,
            parameters=dict(args.param),
            update_latest=args.update_latest,
        )
    except InputError as exc:
        print(f"h200 render: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not result.ok:
        for message in result.failures:
            print(f"h200 render: {message}", file=sys.stderr)
        print(
            f"h200 render: failed; partial output kept in {result.run_dir}; latest unchanged",
            file=sys.stderr,
        )
        return EXIT_FAILED
    where = result.run_dir / "index.html"
    note = "" if result.latest_switched else f" ({result.run_dir.parent / LATEST} not moved)"
    print(f"h200 render: {len(result.results)} reports in {where}{note}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="h200 render", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
