"""What a render will do, decided before it writes anything: the runs, what each
depends on, and whether an earlier report already holds it.

A run's inputs (``RunInputs``) are defined once: the notebook file, its parameter
set, every seed and curated file of the set's fact base, the package's own files,
the tool versions and the export options. Hashed by the one ``digest`` function they
give the run's key; two runs with the same key give the same report, so the newest
complete report with a run's key is reused instead of starting a kernel. A frozen
cache that misses one of these (Quarto's ``freeze`` keys on the input text only,
Jupyter Cache on code and kernelspec) serves stale reports; anything else that could
change a report belongs in ``RunInputs``. The fact base a render builds is a
function of a subset of them (``factbase_key``), under which it is cached, signed.

Planning is in two steps so that a scheduled render with nothing to do costs
almost nothing: ``plan`` reads ``render.yaml``, finds the notebooks and hashes the
inputs (no notebook library, no fact base); when every key equals the newest
complete run's, the render is done. Only otherwise does ``settle`` check the
notebooks and parameters (papermill) and build or load the fact bases, where a bad
seed or curated record stops the render with one line before any kernel starts.
"""

from __future__ import annotations

import copy
import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..errors import InputError
from ..factbase.inputs import (  # noqa: F401 (TOOLS: what the tests read here)
    TOOLS,
    digest,
    factbase_key,
    input_digests,
    package_digest,
    sha256_file,
    tool_versions,
)
from ..store import seal, unseal
from .config import check_notebook, load_config, select_notebooks, variant
from .publish import META_FILE, complete_runs, latest_target, read_json

# Everything that executes or exports a notebook, and the libraries a report's
# outputs come from (plotly's version also fixes the full plotly.js bundle; the
# basic one is vendored inside the package).

CACHE_DIR = ".cache"
CACHE_KEEP = 8  # cached fact bases per output root, newest kept


@dataclass(frozen=True)
class RunInputs:
    """Everything one notebook run's report depends on."""

    notebook: str  # sha256 of the notebook file
    parameters: dict  # the parameter set, as given
    files: dict  # sha256 of every input file of the set's fact base
    export: dict  # what the HTML export is told
    package: str = field(default_factory=lambda: package_digest())
    tools: dict = field(default_factory=tool_versions)

    def parts(self) -> dict[str, str]:
        """The digest of each input, recorded per report: what differs says why a run executes."""
        return {name: digest(value) for name, value in dataclasses.asdict(self).items()}

    @property
    def key(self) -> str:
        return digest(self.parts())


@dataclass
class Job:
    notebook: Path
    param_set: str
    values: dict  # the set's parameters
    out_ipynb: Path  # relative to the run folder
    out_html: Path
    inputs: RunInputs
    # The parameters papermill gets: those of ``values`` the notebook declares (``settle``).
    parameters: dict = field(default_factory=dict)
    # An earlier run's (notebook, html, number of charts) with the same key, if any.
    reusable: tuple[Path, Path, int] | None = None
    reason: str = ""
    shows_changes: bool = False

    @property
    def key(self) -> str:
        return self.inputs.key

    @property
    def label(self) -> str:
        return f"{self.notebook.name} [{self.param_set}]"

    @property
    def head(self) -> str:
        return f"notebook {self.notebook.name}, parameter set {self.param_set}"

    @property
    def language(self) -> str:
        return str(self.values.get("language", "en"))


@dataclass
class Plan:
    """Everything a render decides before it writes anything: a bad option, parameter,
    notebook or input stops it here, with one line and nothing written."""

    root: Path
    config_path: Path
    given: set[str]  # parameters given with -p
    sets: dict[str, dict]
    notebooks: list[Path]
    jobs: list[Job]
    workers: int
    keep: int
    cell_timeout: int | None
    raw_html: str
    keep_code: bool
    force: bool
    moves_latest: bool
    files: dict  # the primary fact base's input files, as the index page shows them
    # Per parameter set its fact base's folders (None: a bad value, which ``settle`` names),
    # and per folders the sha256 of its input files: what its fact base is cached under.
    folders: dict[str, tuple | None]
    inputs: dict[tuple, dict]
    digest: str  # of every job's place and key: equal for two renders that do the same
    # The newest complete run that already holds every report of this plan, if any.
    unchanged: Path | None = None
    # From ``settle``: fact bases by folders, those built now (to cache), notebook info.
    bases: dict = field(default_factory=dict)
    built: dict = field(default_factory=dict)
    info: dict = field(default_factory=dict)


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
    """The runs and their keys, from the files alone; ``unchanged`` when nothing is to do."""
    from ..report.params import PARAMETERS, validate

    config_path = Path(config_path)
    config = load_config(config_path)
    chosen_sets = param_sets or list(config.parameter_sets)
    unknown = [s for s in chosen_sets if s not in config.parameter_sets]
    if unknown:
        raise InputError(
            unknown[0], f"no such parameter set; {config_path} has {list(config.parameter_sets)}"
        )
    reports = select_notebooks(notebooks, config.notebooks, Path(notebooks_dir))
    extra: dict[str, str] = {}
    for name, value in (("seeds_dir", seeds_dir), ("data_dir", data_dir)):
        if value is not None:
            folder = Path(value).expanduser().resolve()
            if not folder.is_dir():
                raise InputError(value, f"{name} is not a folder")
            extra[name] = str(folder)
    sets = {s: {**config.parameter_sets[s], **(parameters or {}), **extra} for s in chosen_sets}
    workers = jobs or os.cpu_count() or 1
    if workers < 1:
        raise InputError("--jobs", "must be at least 1")
    root = Path(output_root).expanduser().resolve()
    if root.exists() and not root.is_dir():
        raise InputError(root, "the output root is a file, not a folder")
    # By default only a render of everything configured moves `latest`: a
    # one-notebook check must not replace the full set readers are sent.
    full = notebooks is None and param_sets is None

    files, folders = {}, {}
    for name, values in sets.items():
        try:
            settings = validate(**values)
        except InputError:
            # ``settle`` says which set and parameter, after checking the notebooks.
            folders[name] = None
            continue
        folders[name] = (settings.seeds_dir, settings.data_dir)
        if folders[name] not in files:
            files[folders[name]] = input_digests(*folders[name])
    export = {"keep_code": keep_code, "raw_html": config.raw_html}
    default_language = PARAMETERS["language"].default
    # Each set runs the report's file in the set's language (notebooks/zh/ for zh).
    chosen = {
        (report, s): variant(report, values.get("language", default_language))
        for report in reports
        for s, values in sets.items()
    }
    nb_paths = list(dict.fromkeys(chosen.values()))
    notebook_sha = {nb: sha256_file(nb) for nb in nb_paths}
    work = [
        Job(
            nb,
            s,
            values,
            Path(s) / f"{nb.stem}.ipynb",
            Path(s) / f"{nb.stem}.html",
            RunInputs(notebook_sha[nb], values, files.get(folders[s], {}), export),
        )
        for report in reports
        for s, values in sets.items()
        for nb in [chosen[(report, s)]]
    ]
    p = Plan(
        root=root,
        config_path=config_path,
        given=set(parameters or {}),
        sets=sets,
        notebooks=nb_paths,
        jobs=work,
        workers=workers,
        keep=config.keep if keep is None else keep,
        cell_timeout=config.cell_timeout if cell_timeout is None else cell_timeout,
        raw_html=config.raw_html,
        keep_code=keep_code,
        force=force,
        moves_latest=full if update_latest is None else update_latest,
        files=next(iter(files.values()), {}),
        folders=folders,
        inputs=files,
        digest=digest(sorted((str(j.out_html), j.key) for j in work)),
    )
    if None not in folders.values() and not force:
        p.unchanged = _holding(p)
    return p


def _holding(p: Plan) -> Path | None:
    """The newest complete run, when it was made by a plan with this digest and still
    has every report, and ``latest`` (if this render would move it) points at it."""
    newest = next(iter(complete_runs(p.root)), None)
    meta = read_json(newest / META_FILE) if newest else None
    if not meta or meta.get("digest") != p.digest or not meta.get("ok"):
        return None
    if p.moves_latest and latest_target(p.root) != newest.name:
        return None
    for job in p.jobs:
        if not ((newest / job.out_ipynb).is_file() and (newest / job.out_html).is_file()):
            return None
    return newest


def settle(p: Plan) -> Plan:
    """Check the notebooks and parameters, load or build the fact bases, and find the
    reports to reuse; InputError (one line, nothing written) on bad input."""
    for nb in p.notebooks:
        check_notebook(nb)
    declared = check_parameters(p.sets, p.notebooks, p.config_path, p.given)
    p.info = {nb: notebook_info(nb) for nb in p.notebooks}
    p.bases, p.built = _fact_bases(p)
    previous = {} if p.force else _earlier_reports(p.root)
    for job in p.jobs:
        job.parameters = {k: v for k, v in job.values.items() if k in declared[job.notebook]}
        job.shows_changes = p.info[job.notebook][0]
        job.reusable, job.reason = _reuse_or_why(job, previous, p.force)
    return p


def notebook_info(path: Path) -> tuple[bool, dict]:
    """Whether a notebook shows what changed since the last render, and its title and
    description per language (from its Markdown cells)."""
    import nbformat

    from ..vocab import LANGUAGES
    from .export import CHANGES_TAG, keep_language, title_and_description

    nb = nbformat.read(str(path), as_version=4)
    tags = {t for c in nb.cells for t in c.get("metadata", {}).get("tags", [])}
    titles = {
        lang: title_and_description(keep_language(copy.deepcopy(nb), lang)) for lang in LANGUAGES
    }
    return CHANGES_TAG in tags, titles


def _earlier_reports(root: Path) -> dict:
    """Per run key the newest complete report that has it, and per (notebook, set) the
    input digests of its newest report: what a run is reused from, or why it is not."""
    by_key: dict[str, tuple[Path, Path, int]] = {}
    by_place: dict[tuple[str, str], dict] = {}
    for run in complete_runs(root):
        meta = read_json(run / META_FILE) or {}
        for report in meta.get("reports", []):
            if not report.get("ok"):
                continue
            key = report.get("key")
            if key and key not in by_key:
                by_key[key] = (run / report["ipynb"], run / report["html"], report.get("charts", 0))
            place = (report.get("notebook"), report.get("parameter_set"))
            by_place.setdefault(place, report.get("inputs") or {})
    return {"keys": by_key, "places": by_place}


def _reuse_or_why(job: Job, previous: dict, force: bool) -> tuple[tuple | None, str]:
    if force:
        return None, "forced"
    hit = previous["keys"].get(job.key)
    if hit:
        return hit, f"same inputs as {hit[0].parents[1].name}"
    before = previous["places"].get((job.notebook.stem, job.param_set))
    if before is None:
        return None, "not rendered before"
    changed = [name for name, value in job.inputs.parts().items() if before.get(name) != value]
    return None, "changed: " + ", ".join(changed or ["inputs"])


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


def _cache_path(root: Path, name: str) -> Path:
    return Path(root) / CACHE_DIR / f"factbase-{name}.pickle"


def cached_factbase(root: Path, name: str):
    """The fact base an earlier render cached as ``name``, or None."""
    from ..factbase.tables import FactBase

    return unseal(_cache_path(root, name), FactBase)


def keep_factbase(root: Path, name: str, fb) -> None:
    """Cache ``fb`` as ``name``, the newest few kept (a failure to cache never fails
    the render: the next one builds again)."""
    path = _cache_path(root, name)
    try:
        path.parent.mkdir(exist_ok=True)
        seal(path, fb)
        cached = sorted(path.parent.glob("factbase-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in cached[:-CACHE_KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _fact_bases(p: Plan) -> tuple[dict, dict]:
    """Every fact base the parameter sets read (in the sets' order), built once before
    any kernel starts (a bad seed or curated record stops the render here with one
    line), or loaded from the cache of an earlier render with the same inputs (as
    ``plan`` hashed them); and the new ones to cache."""
    import warnings

    from ..factbase.build import UncuratedWarning, build

    bases, built = {}, {}
    for folders in dict.fromkeys(p.folders[s] for s in p.sets):
        name = factbase_key(p.inputs[folders])
        bases[folders] = None if p.force else cached_factbase(p.root, name)
        if bases[folders] is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UncuratedWarning)  # logged with the run
                bases[folders] = built[name] = build(*folders)
    return bases, built
