"""The run folders under ``reports/``: what changed, the landing pages, the move into
place, ``latest``, retention and the listing of every kept run.

Layout of one run (``reports/<UTC start>/``)::

    index.html   links to every report, with when / which inputs (sha256) / which
                 parameters / which code version (index.<lang>.html: other languages)
    run.json     the same metadata for machines; pages.json what the pages show
    render.log   what happened, one line per event
    factbase.json, changes.json   the fact base kept for comparisons, what changed
    <set>/<notebook>.ipynb and <set>/<notebook>.html, <set>/all-reports.html
    manifest.json   every other file with its size and sha256, written last (``manifest``)

Beside the runs: ``index.html`` (the listing), ``feed.xml`` and ``feed.<lang>.xml`` (the
runs that changed something, as Atom feeds: ``feed``), ``latest``.

A run is built in a hidden ``.*.partial`` folder and renamed when finished; one lock
guards everything that changes the shared part of ``reports/`` (final names,
``latest``, pruning, the listing), held for milliseconds, never while notebooks run.
A render that finds nothing changed makes no folder: it records the check in the
run that holds every report (``checked_utc``), whose landing pages and the listing
then say so.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import logging
import os
import re
import secrets
import shutil
import time
from pathlib import Path

from ..errors import InputError
from ..paths import TEMPLATES_DIR
from ..store import atomic_write
from ..vocab import LANGUAGES

LATEST = "latest"
LOCK_FILE = ".render.lock"
LISTING = "index.html"
# What each run keeps for later comparisons and reuse (pruning never breaks those).
META_FILE = "run.json"
PAGES_FILE = "pages.json"
SNAPSHOT_FILE = "factbase.json"
CHANGES_FILE = "changes.json"
# The report whose evidence section holds the landing page's headline figures.
OVERVIEW = "00_overview"
PIN_FILE = ".live"
# Complete runs are named by UTC start time, with -N when several start in one second.
RUN_NAME = re.compile(r"^(\d{8}T\d{6}Z)(?:-(\d+))?$")
FAILED_NAME = re.compile(r"^(\d{8}T\d{6}Z)(?:-(\d+))?\.failed$")
PARTIAL_MAX_AGE_S = 24 * 3600
# The words of the check line: the landing pages' other words are report.i18n's.
CHECKED = {
    "en": "Checked again at {when} UTC: nothing changed, so no new run was made.",
    "zh": "于 {when}(UTC)再次检查:没有变化,未生成新的运行。",
}


# ----------------------------------------------------------------------------- run folders


def order_key(name: str) -> tuple[str, int] | None:
    match = RUN_NAME.match(name)
    return (match.group(1), int(match.group(2) or 0)) if match else None


@contextlib.contextmanager
def locked(root: Path):
    with open(Path(root) / LOCK_FILE, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def final_name(root: Path, stamp: str, suffix: str = "") -> str:
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


def newer_latest(root: Path, name: str) -> str | None:
    """The newer complete run ``latest`` points at, which ``name`` must not replace."""
    current = latest_target(root)
    current_key = order_key(current) if current else None
    if current_key and (Path(root) / current).is_dir() and current_key > order_key(name):
        return current
    return None


def switch_latest(root: Path, name: str, log) -> bool:
    """Point latest at ``name`` unless it already points at a newer complete run."""
    link = root / LATEST
    if link.exists() and not link.is_symlink():
        raise InputError(link, "exists and is not a symlink; move it away so it can be updated")
    current = newer_latest(root, name)
    if current:
        log.info("latest stays at %s, which started after this run", current)
        return False
    tmp = root / f".{LATEST}.{os.getpid()}.{secrets.token_hex(4)}"
    os.symlink(name, tmp)  # relative, so reports/ can be moved or synced as a whole
    os.replace(tmp, link)
    log.info("latest -> %s", name)
    return True


class Pin:
    """A live render's claim on its run folder, from the build until it has reported.

    A shared ``flock`` on ``<run>/.live``: pruning (by this or any other render) skips
    a folder whose pin another process holds, so an overlapping render with a small
    ``keep`` cannot delete a run that its render is about to print. The lock goes
    with the process, so a killed render leaves no pin behind.
    """

    def __init__(self, run_dir: Path):
        self._fd: int | None = os.open(Path(run_dir) / PIN_FILE, os.O_CREAT | os.O_RDWR, 0o644)
        fcntl.flock(self._fd, fcntl.LOCK_SH)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None

    def __del__(self):
        self.release()


def pinned(run_dir: Path) -> bool:
    """True when a live render holds the pin of ``run_dir``."""
    try:
        fd = os.open(Path(run_dir) / PIN_FILE, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def prune(root: Path, keep: int, log=None, protect: tuple[str, ...] = ()) -> list[str]:
    """Delete complete runs beyond the newest ``keep`` (and as many failed ones).

    Never the run ``latest`` points at, nor those in ``protect`` (the caller's own),
    nor one pinned by a live render; never a build in progress; abandoned
    ``.partial`` builds (a killed render) go after a day.
    """
    log = log or logging.getLogger(__name__)
    root = Path(root)
    if keep <= 0 or not root.is_dir():
        return []
    protected = {latest_target(root), *protect}
    removed = []
    for pattern in (RUN_NAME, FAILED_NAME):
        runs = []
        for entry in root.iterdir():
            match = pattern.match(entry.name)
            if match and entry.is_dir() and not entry.is_symlink():
                runs.append(((match.group(1), int(match.group(2) or 0)), entry))
        runs.sort()
        for _, entry in runs[: max(0, len(runs) - keep)]:
            if entry.name in protected or pinned(entry):
                continue
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    now = time.time()
    for entry in root.glob(".*.partial"):
        with contextlib.suppress(OSError):
            old = now - entry.stat().st_mtime > PARTIAL_MAX_AGE_S
            if entry.is_dir() and old and not pinned(entry):
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry.name)
    for name in removed:
        log.info("pruned %s", name)
    return removed


def write_json(path: Path, value) -> None:
    atomic_write(path, json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def read_json(path: Path):
    """The JSON in ``path``, or None when it is missing or unreadable (an old or broken run)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def complete_runs(root: Path) -> list[Path]:
    """Complete run folders under ``root``, newest first."""
    found = []
    for entry in Path(root).iterdir() if Path(root).is_dir() else ():
        key = order_key(entry.name)
        if key and entry.is_dir() and not entry.is_symlink():
            found.append((key, entry))
    return [entry for _, entry in sorted(found, reverse=True)]


def previous_complete(root: Path) -> Path | None:
    """The newest complete run that kept its fact base: what a new render compares with."""
    return next((r for r in complete_runs(root) if (r / SNAPSHOT_FILE).is_file()), None)


def read_snapshot(run_dir: Path) -> dict | None:
    return read_json(Path(run_dir) / SNAPSHOT_FILE)


# ----------------------------------------------------------------------------- what changed


def changes(fb, tables, root: Path, build: Path, log) -> tuple[dict, dict[str, list[str]]]:
    """Compare this render's fact base with the last complete render's; write both files.
    ``tables`` are the fact base's whole tables when a cut already made them."""
    from ..factbase.snapshot import diff, is_empty, snapshot
    from ..report.changes import lines
    from ..vocab import LANGUAGES

    snap = snapshot(fb, tables)
    previous = previous_complete(root)
    before = read_snapshot(previous) if previous else None
    found = {"previous": previous.name if previous and before else None, **diff(before, snap)}
    write_json(build / SNAPSHOT_FILE, snap)
    write_json(build / CHANGES_FILE, found)
    said = {lang: lines(found, snap, lang) for lang in LANGUAGES}
    log.info("changes since %s: %s", found["previous"], "none" if is_empty(found) else said["en"])
    return found, said


# ----------------------------------------------------------------------------- landing pages


@functools.cache
def environment():
    import jinja2

    env = jinja2.Environment(
        # The landing pages share the reports' stylesheet.
        loader=jinja2.FileSystemLoader(
            [TEMPLATES_DIR / "index", TEMPLATES_DIR / "h200report_html"]
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["tojson_text"] = lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True)
    return env


def landing_file(language: str, languages: list[str]) -> str:
    """``index.html`` for the first language of the run, ``index.<lang>.html`` for others."""
    return "index.html" if language == languages[0] else f"index.{language}.html"


def pages(sets: dict, results, cuts: dict, said: dict, build: Path, info: dict) -> dict:
    """The content of each language's landing page (written with each set's single-file
    edition): per language its ``groups`` (a parameter set's reports), ``sentences``
    (what changed) and ``headline`` (our own escaped table). ``cuts``: per job label,
    its settings and the cut its kernel read."""
    from .. import i18n
    from ..report import views
    from ..vocab import LANGUAGES
    from . import export

    languages = [lang for lang in LANGUAGES if any(r.job.language == lang for r in results)]
    out = {}
    for lang in languages:
        groups, headline = [], None
        for set_name in sets:
            mine = [r for r in results if r.job.param_set == set_name and r.job.language == lang]
            if not mine:
                continue
            reports = []
            for r in mine:
                title, description = info[r.job.notebook][1][lang]
                reports.append(
                    {
                        "stem": r.job.notebook.stem,
                        "title": title or r.job.notebook.stem,
                        "description": description,
                        "ok": r.ok,
                        "error": r.error,
                        "html": str(r.job.out_html),
                        "ipynb": str(r.job.out_ipynb),
                    }
                )
            page_name = None
            if all(r.ok for r in mine):
                page_name = f"{set_name}/{export.EDITION}"
                # Dated by its newest source, not by the render: same inputs, same bytes.
                sources = cuts[mine[0].job.label][1].tables["sources"]["published_at"]
                when = str(sources.max())[:10] if len(sources) else "—"
                (build / page_name).write_text(
                    export.edition(
                        [(x["stem"], build / x["html"], x["title"]) for x in reports],
                        lang,
                        i18n.t("edition_title", lang, when=when),
                        i18n.t("edition_contents", lang),
                    ),
                    encoding="utf-8",
                )
            groups.append({"set": set_name, "reports": reports, "edition": page_name})
            if headline is None:
                # The set's own cut, in its own language: the overview's key figures, each
                # linking to its evidence in the overview report (none without it).
                settings, cut = cuts[mine[0].job.label]
                report = views.Report(settings, cut.tables, cut.labels, cut.notes)
                overview = next(
                    (x["html"] for x in reports if x["stem"] == OVERVIEW and x["ok"]), None
                )
                headline = views.show(views.key_figures(report), report, evidence_page=overview)
        for group in groups:
            # What sets a group apart from the page's others (the language is the
            # page's own); nothing when it is the only one.
            values = {k: v for k, v in sets[group["set"]].items() if k != "language"}
            group["parameters"] = (
                json.dumps(values, ensure_ascii=False, sort_keys=True) if len(groups) > 1 else ""
            )
        out[lang] = {"groups": groups, "sentences": said[lang], "headline": headline}
    return out


def landing_html(meta: dict, language: str, page: dict, languages: list[str]) -> str:
    """The landing page of ``language`` from the run's metadata and its page content."""
    from .. import i18n

    others = [
        {"file": landing_file(lang, languages), "lang": lang, "name": i18n.t("language_name", lang)}
        for lang in languages
        if lang != language
    ]
    checked = meta.get("checked_utc")
    template = environment().get_template("run.html.j2")
    return template.render(
        meta=meta,
        lang=language,
        t=lambda key, **values: i18n.t(key, language, **values),
        others=others,
        checked=CHECKED.get(language, CHECKED["en"]).format(when=checked) if checked else "",
        # A run from before digests and feeds has neither in its pages.json.
        **{"digest": [], "feed": None, **page},
    )


def write_index(run_dir: Path, meta: dict, content: dict[str, dict]) -> list[str]:
    """The landing page of each language (``content``: language -> its page), run.json
    and pages.json (from which a later check rewrites the pages); the files written,
    relative to ``run_dir``."""
    languages = list(content)
    written = []
    for language, page in content.items():
        written.append(landing_file(language, languages))
        atomic_write(run_dir / written[-1], landing_html(meta, language, page, languages))
    write_json(run_dir / PAGES_FILE, content)
    write_json(run_dir / META_FILE, meta)
    return [*written, PAGES_FILE, META_FILE]


def mark_checked(root: Path, run_dir: Path, when: str) -> list[str]:
    """A render found nothing changed since ``run_dir``: say when, on its pages and in the
    listing; the files of the run rewritten (none when it is no run any more). Called
    under ``locked(root)``: a concurrent render may be pruning."""
    from . import feed

    meta = read_json(run_dir / META_FILE)
    content = read_json(run_dir / PAGES_FILE)
    if meta is None or content is None or not run_dir.is_dir():
        return []
    meta["checked_utc"] = when
    rewritten = write_index(run_dir, meta, content)
    # The feeds hold no check time: rebuilt only where one is missing (an output root
    # from before the feeds), so the quick path imports no feed library.
    write_listing(root, feeds=not feed.present(root))
    return rewritten


# ----------------------------------------------------------------------------- the listing


def kept_runs(root: Path) -> list[dict]:
    """Every run folder under ``root``, complete or failed, newest first, read once for the
    listing and the feeds: ``name``, ``order``, ``complete``, ``meta`` (its run.json),
    ``has_changes``, ``folder``."""
    runs = []
    for entry in root.iterdir():
        match = RUN_NAME.match(entry.name) or FAILED_NAME.match(entry.name)
        if not match or not entry.is_dir() or entry.is_symlink():
            continue
        runs.append(
            {
                "name": entry.name,
                "order": (match.group(1), int(match.group(2) or 0)),
                "complete": RUN_NAME.match(entry.name) is not None,
                "meta": read_json(entry / META_FILE) or {},
                "has_changes": (entry / CHANGES_FILE).is_file(),
                "folder": entry,
            }
        )
    return sorted(runs, key=lambda r: r["order"], reverse=True)


def _landing_pages(run: dict) -> dict[str, str]:
    """Each language of the run's pages -> its landing page, relative to the run (what a
    feed entry links); read only when the feeds are built, not on a check's quick path."""
    languages = list(read_json(run["folder"] / PAGES_FILE) or {}) or [LANGUAGES[0]]
    return {lang: landing_file(lang, languages) for lang in languages}


def _row(run: dict) -> dict:
    meta = run["meta"]
    found = meta.get("changes") or {}
    reports = meta.get("reports", [])
    return {
        "name": run["name"],
        "started": meta.get("started_utc", run["order"][0]),
        "checked": meta.get("checked_utc"),
        "ok": bool(meta.get("ok")) and run["complete"],
        "changed": found.get("changed") if found.get("compared") else None,
        "reports": len(reports),
        "reused": sum(1 for r in reports if r.get("reused_from")),
        "has_changes": run["has_changes"],
    }


def write_listing(root: Path, feeds: bool = True) -> Path:
    """``reports/index.html``: every kept run, newest first, and (``feeds``) the Atom
    feeds of the runs that changed something (``feed``); written under the render lock
    after pruning, through a rename, so neither links a pruned run."""
    from . import feed

    root = Path(root)
    runs = kept_runs(root)
    if feeds:
        complete = [run | {"landing": _landing_pages(run)} for run in runs if run["complete"]]
        for language in LANGUAGES:
            xml = feed.feed_bytes(complete, language, listing=LISTING)
            atomic_write(root / feed.feed_file(language), xml)
    page = (
        environment()
        .get_template("listing.html.j2")
        .render(
            runs=[_row(run) for run in runs], latest=latest_target(root), feeds=feed.listed(root)
        )
    )
    return atomic_write(root / LISTING, page)
