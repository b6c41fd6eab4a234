"""Each run folder's ``manifest.json``, and ``h200 verify``: is the folder what the render wrote?

The manifest lists every file in the run folder (its path relative to the folder, in
POSIX form, its size in bytes and its sha256), whatever wrote it (reports, landing
pages, logs, the fact base kept, a mail digest, the ``.live`` pin), except itself.
With it: ``data_as_of``, the newest publication day among the sources of the fact
base the run kept (``factbase.json``), and two digests: ``factbase_digest``, the one
sha256 over every seed and curated file the fact base was built from (the digest a
stored notebook records, ``factbase.inputs.inputs_digest``), and ``render_digest``,
the plan's digest of every report's place and key (``digest`` in ``run.json``: two
renders that do the same work have the same one). ``factbase.json`` itself is among
the files, with its sha256.

It is written last, through a rename, while the run is still the hidden ``.partial``
build: no reader ever sees a run without one. The render's log is closed before, so
that nothing the render does afterwards (moving ``latest``, pruning) changes a listed
file. A check that found nothing changed rewrites the run's landing pages and
``run.json`` (``checked_utc``): it refreshes their entries in the manifest, under the
render lock, and only theirs, so a file changed by anything else still fails.

Hard links: a reused report is a hard link to an earlier run's file; both manifests
list the same bytes. Writing through a rename never changes a linked file; a file
changed in place changes in every run that links it, and ``verify`` says so for each.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import stat
from pathlib import Path, PurePosixPath

from ..errors import InputError, brief
from ..factbase.inputs import sha256_file
from ..store import atomic_write

MANIFEST_FILE = "manifest.json"
FORMAT = 1
# Exit codes of `h200 verify`: it matches; it cannot be checked (no such run, no or a
# broken manifest); it does not match.
EXIT_OK, EXIT_UNCHECKABLE, EXIT_MISMATCH = 0, 1, 2
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _entries(run_dir: Path) -> tuple[dict[str, Path], dict[str, str]]:
    """Every regular file under ``run_dir`` by its relative POSIX path (the manifest
    excepted), and every other entry (a symbolic link, a pipe) with what it is."""
    files, others = {}, {}
    for folder, dirs, names in os.walk(run_dir):
        here = Path(folder)
        for name in [*dirs, *names]:
            path = here / name
            rel = path.relative_to(run_dir).as_posix()
            mode = os.lstat(path).st_mode
            if stat.S_ISDIR(mode):
                continue
            if stat.S_ISREG(mode):
                if rel != MANIFEST_FILE:
                    files[rel] = path
            elif stat.S_ISLNK(mode):
                others[rel] = f"a symbolic link to {os.readlink(path)}"
            else:
                others[rel] = "not a regular file"
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
    return dict(sorted(files.items())), others


def _entry(path: Path) -> dict:
    return {"size": path.stat().st_size, "sha256": sha256_file(path)}


def data_as_of(snapshot: dict | None) -> str | None:
    """The newest publication day (YYYY-MM-DD) among the snapshot's sources."""
    days = [
        str(record.get("published_at"))[:10]
        for record in ((snapshot or {}).get("sources") or {}).values()
        if record.get("published_at")
    ]
    return max(days) if days else None


def build(run_dir: Path, *, render_digest: str, factbase_digest: str | None) -> dict:
    """The manifest of ``run_dir`` as it is now."""
    from .publish import SNAPSHOT_FILE, read_json

    files, _ = _entries(Path(run_dir))
    return {
        "format": FORMAT,
        "data_as_of": data_as_of(read_json(Path(run_dir) / SNAPSHOT_FILE)),
        "factbase_digest": factbase_digest,
        "render_digest": render_digest,
        "files": [{"path": rel, **_entry(path)} for rel, path in files.items()],
    }


def _dump(manifest: dict) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write(run_dir: Path, **digests) -> Path:
    """Write ``run_dir``'s manifest (the last file of the run), through a rename."""
    return atomic_write(Path(run_dir) / MANIFEST_FILE, _dump(build(run_dir, **digests)))


def refresh(run_dir: Path, rewritten: list[str]) -> bool:
    """The files ``rewritten`` (relative paths) were written anew by the render's own
    code: record what they hold now, every other entry kept. False when the run has no
    readable manifest (made before manifests): none is made up for it."""
    path = Path(run_dir) / MANIFEST_FILE
    try:
        manifest = _parse(path)
    except InputError:
        return False
    listed = {entry["path"]: entry for entry in manifest["files"]}
    for rel in rewritten:
        file = Path(run_dir) / rel
        if file.is_file():
            listed[rel] = {"path": rel, **_entry(file)}
    manifest["files"] = [listed[rel] for rel in sorted(listed)]
    atomic_write(path, _dump(manifest))
    return True


# ----------------------------------------------------------------------------- h200 verify


def _parse(path: Path) -> dict:
    """The manifest in ``path``, checked for shape; InputError (one line) otherwise."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(
            path, "no manifest: the run was made before manifests, or is not a run folder"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            path, f"cannot read the manifest: {getattr(exc, 'strerror', exc)}"
        ) from None
    try:
        manifest = json.loads(text)
    except ValueError as exc:
        raise InputError(path, f"not a manifest: not JSON ({exc})") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        raise InputError(path, "not a manifest: it has no list of files")
    seen = set()
    for entry in manifest["files"]:
        ok = (
            isinstance(entry, dict)
            and isinstance(entry.get("path"), str)
            and isinstance(entry.get("size"), int)
            and not isinstance(entry.get("size"), bool)
            and isinstance(entry.get("sha256"), str)
            and _SHA256.match(entry["sha256"]) is not None
        )
        if not ok:
            raise InputError(
                path, f"not a manifest: a file entry {brief(entry)} is not path, size, sha256"
            )
        rel = PurePosixPath(entry["path"])
        if rel.is_absolute() or ".." in rel.parts or str(rel) != entry["path"] or not rel.parts:
            raise InputError(
                path, f"not a manifest: {entry['path']!r} is not a path inside the run"
            )
        if entry["path"] in seen:
            raise InputError(path, f"not a manifest: {entry['path']!r} is listed twice")
        seen.add(entry["path"])
    return manifest


def resolve_run(run: Path | None, reports: Path) -> tuple[Path, str]:
    """The run folder ``run`` names (a folder, or a name under ``reports``; default
    ``reports/latest``) and how to name it in a message."""
    from .publish import LATEST

    given = Path(run) if run is not None else Path(reports) / LATEST
    for candidate in (given, Path(reports) / given) if run is not None else (given,):
        if candidate.is_dir():
            shown = str(candidate)
            if candidate.is_symlink():
                shown += f" ({candidate.resolve().name})"
            return candidate.resolve(), shown
        if candidate.is_absolute():
            break
    raise InputError(given, f"no such run folder (a folder, or the name of a run under {reports})")


@contextlib.contextmanager
def _quiet_renders(run_dir: Path):
    """Shared hold of the render lock of the run's output root, when it has one: a
    check that rewrites a run's pages (under the lock) is not seen half done."""
    from .publish import LOCK_FILE

    try:
        fh = open(run_dir.parent / LOCK_FILE)  # noqa: SIM115 (held for the block)
    except OSError:
        yield
        return
    with fh:
        with contextlib.suppress(OSError):
            fcntl.flock(fh, fcntl.LOCK_SH)
        yield


def check(run_dir: Path) -> tuple[int, list[str]]:
    """How many files the manifest of ``run_dir`` lists, and each mismatch as one line
    (missing, changed, unexpected), in path order. InputError when it cannot be checked."""
    run_dir = Path(run_dir)
    with _quiet_renders(run_dir):
        manifest = _parse(run_dir / MANIFEST_FILE)
        files, others = _entries(run_dir)
        problems: dict[str, str] = {}
        for entry in manifest["files"]:
            rel = entry["path"]
            if rel in others:
                problems[rel] = f"changed: {rel}: is now {others[rel]}"
            elif rel not in files:
                problems[rel] = f"missing: {rel}: listed in the manifest, not in the run"
            else:
                now = _entry(files[rel])
                if now != {"size": entry["size"], "sha256": entry["sha256"]}:
                    problems[rel] = (
                        f"changed: {rel}: {now['size']} bytes, sha256 {now['sha256'][:12]}…; "
                        f"the manifest: {entry['size']} bytes, sha256 {entry['sha256'][:12]}…"
                    )
        listed = {entry["path"] for entry in manifest["files"]}
        for rel in [*files, *others]:
            if rel not in listed:
                what = others.get(rel, "a file")
                problems[rel] = f"unexpected: {rel}: {what} not in the manifest"
    return len(manifest["files"]), [problems[rel] for rel in sorted(problems)]


def verify(run: Path | None, reports: Path) -> tuple[int, list[str]]:
    """``h200 verify``: the exit code and the lines to print (InputError: cannot check)."""
    run_dir, shown = resolve_run(run, reports)
    count, problems = check(run_dir)
    files = f"{count} file{'s' if count != 1 else ''}"
    if not problems:
        return EXIT_OK, [f"ok: {files} match{'es' if count == 1 else ''} manifest of {shown}"]
    said = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}; {files} listed"
    summary = f"mismatch: {shown} does not match its manifest ({said})"
    return EXIT_MISMATCH, [*problems, summary]
