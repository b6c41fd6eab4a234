"""Each run's manifest.json and `h200 verify` (issue 21, part 2b).

Most tests build a small run folder by hand (no kernel); the ``fixture_run`` tests read
the render the render tests share (tests/render/conftest.py), copied before anything
is changed, since other test files read it too.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from h200report import cli
from h200report.factbase.inputs import inputs_digest
from h200report.render import manifest, pipeline, publish

DIGESTS = {"render_digest": "r" * 64, "factbase_digest": "f" * 64}


def _run_folder(root: Path, name: str = "20260101T000000Z") -> Path:
    """A run folder of every kind of file a run holds: nested, hidden, empty, binary."""
    run = root / name
    (run / "en").mkdir(parents=True)
    (run / "zh").mkdir()
    (run / "index.html").write_text("<p>landing</p>\n", encoding="utf-8")
    (run / "en" / "a.html").write_text("<p>report a</p>\n", encoding="utf-8")
    (run / "zh" / "a.html").write_text("<p>报告</p>\n", encoding="utf-8")
    (run / "en" / "a.ipynb").write_bytes(bytes(range(256)))
    (run / ".live").write_bytes(b"")
    (run / "digest.en.eml").write_text("Subject: what changed\n\n…\n", encoding="utf-8")
    snapshot = {
        "sources": {
            "a": {"published_at": "2026-03-04T11:35:21"},
            "b": {"published_at": "2026-03-14"},
            "c": {"published_at": None},
        }
    }
    (run / publish.SNAPSHOT_FILE).write_text(json.dumps(snapshot), encoding="utf-8")
    manifest.write(run, **DIGESTS)
    return run


def _walk(run: Path) -> dict[str, bytes]:
    """Every file under ``run`` but the manifest, read independently of the code under test."""
    out = {}
    for folder, _, names in os.walk(run):
        for name in names:
            path = Path(folder) / name
            rel = path.relative_to(run).as_posix()
            if rel != manifest.MANIFEST_FILE:
                out[rel] = path.read_bytes()
    return out


def _verify(*argv: str) -> tuple[int, list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["verify", *argv])
    return code, out.getvalue().splitlines(), err.getvalue()


def _manifest(run: Path) -> dict:
    return json.loads((run / manifest.MANIFEST_FILE).read_text(encoding="utf-8"))


def test_the_manifest_lists_every_file_with_its_size_and_sha256(tmp_path):
    run = _run_folder(tmp_path)
    listed = _manifest(run)
    files = _walk(run)
    assert len(files) == 7  # the hidden pin and the mail digest included
    assert [e["path"] for e in listed["files"]] == sorted(files)
    for entry in listed["files"]:
        data = files[entry["path"]]
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert listed["data_as_of"] == "2026-03-14"
    assert listed["render_digest"] == "r" * 64 and listed["factbase_digest"] == "f" * 64
    # Written through a rename: no temporary file left beside it.
    assert sorted(p.name for p in run.iterdir() if p.name.startswith(".")) == [".live"]


def test_verify_passes_on_a_fresh_run_and_names_it(tmp_path):
    run = _run_folder(tmp_path)
    assert _verify(str(run)) == (0, [f"ok: 7 files match manifest of {run}"], "")
    # By its name under --reports, and reports/latest by default (the run it points at named).
    assert _verify(run.name, "--reports", str(tmp_path))[0] == 0
    os.symlink(run.name, tmp_path / publish.LATEST)
    code, out, _ = _verify("--reports", str(tmp_path))
    assert code == 0 and out == [f"ok: 7 files match manifest of {tmp_path}/latest ({run.name})"]


@pytest.mark.parametrize(
    "spoil, said",
    [
        # One byte, the size the same: only the sha256 tells.
        (
            lambda r: (r / "en" / "a.ipynb").write_bytes(bytes([1]) + bytes(range(1, 256))),
            "changed: en/a.ipynb: 256 bytes",
        ),
        (
            lambda r: (r / "zh" / "a.html").write_text("<p>报告!</p>\n", encoding="utf-8"),
            "changed: zh/a.html",
        ),
        (lambda r: (r / "en" / "a.html").unlink(), "missing: en/a.html"),
        (lambda r: (r / ".live").unlink(), "missing: .live"),
        (
            lambda r: (r / "zh" / "extra.html").write_text("x", encoding="utf-8"),
            "unexpected: zh/extra.html",
        ),
        (
            lambda r: (
                (r / "new" / "deep").mkdir(parents=True) or (r / "new" / "deep" / "f").touch()
            ),
            "unexpected: new/deep/f",
        ),
        (
            lambda r: os.symlink("/etc/passwd", r / "link"),
            "unexpected: link: a symbolic link to /etc/passwd",
        ),
        (
            lambda r: (r / "index.html").unlink() or os.symlink("/etc/hostname", r / "index.html"),
            "changed: index.html: is now a symbolic link",
        ),
    ],
)
def test_verify_fails_with_2_on_a_changed_missing_or_extra_file(tmp_path, spoil, said):
    run = _run_folder(tmp_path)
    spoil(run)
    code, out, err = _verify(str(run))
    assert code == 2 and err == ""
    assert len(out) == 2 and out[0].startswith(said), out
    assert out[1] == f"mismatch: {run} does not match its manifest (1 problem; 7 files listed)"


def test_verify_lists_each_mismatch_in_path_order(tmp_path):
    run = _run_folder(tmp_path)
    (run / "zh" / "a.html").unlink()
    (run / "index.html").write_text("tampered", encoding="utf-8")
    (run / "b.txt").touch()
    code, out, _ = _verify(str(run))
    assert code == 2
    assert [line.split(":")[0] + ":" + line.split(":")[1] for line in out[:-1]] == [
        "unexpected: b.txt",
        "changed: index.html",
        "missing: zh/a.html",
    ]
    assert "(3 problems; 7 files listed)" in out[-1]


@pytest.mark.parametrize(
    "make, where, problem",
    [
        (lambda run: None, "{root}/nope", "no such run folder"),
        (lambda run: (run / manifest.MANIFEST_FILE).unlink(), "{run}/manifest.json", "no manifest"),
        (
            lambda run: (run / manifest.MANIFEST_FILE).write_text("{", encoding="utf-8"),
            "{run}/manifest.json",
            "not a manifest: not JSON",
        ),
        (
            lambda run: (run / manifest.MANIFEST_FILE).write_text("[]", encoding="utf-8"),
            "{run}/manifest.json",
            "not a manifest: it has no list of files",
        ),
        (
            lambda run: (run / manifest.MANIFEST_FILE).write_bytes(b"\xff\xfe"),
            "{run}/manifest.json",
            "cannot read the manifest",
        ),
        (
            lambda run: (run / manifest.MANIFEST_FILE).write_text(
                json.dumps({"files": [{"path": "../x", "size": 1, "sha256": "0" * 64}]}),
                encoding="utf-8",
            ),
            "{run}/manifest.json",
            "not a manifest: '../x' is not a path inside the run",
        ),
        (
            lambda run: (run / manifest.MANIFEST_FILE).write_text(
                json.dumps({"files": [{"path": "x", "size": "1", "sha256": "0" * 64}]}),
                encoding="utf-8",
            ),
            "{run}/manifest.json",
            "not a manifest: a file entry",
        ),
    ],
)
def test_verify_bad_input_is_one_line_and_exit_1(tmp_path, make, where, problem):
    run = _run_folder(tmp_path)
    make(run)
    target = "nope" if "nope" in where else str(run)
    code, out, err = _verify(target, "--reports", str(tmp_path))
    expected = where.format(root=tmp_path, run=run)
    assert code == 1 and out == []
    assert err.startswith(f"error: {expected if 'nope' not in where else 'nope'}: {problem}"), err
    assert err.count("\n") == 1


def test_verify_of_a_missing_latest_is_one_line(tmp_path):
    code, out, err = _verify("--reports", str(tmp_path))
    assert code == 1 and out == []
    assert (
        err
        == f"error: {tmp_path}/latest: no such run folder (a folder, or the name of a run under {tmp_path})\n"
    )


def test_refresh_records_the_rewritten_files_and_no_other(tmp_path):
    run = _run_folder(tmp_path)
    (run / "index.html").write_text("<p>checked again</p>\n", encoding="utf-8")
    (run / "en" / "a.html").write_text("tampered\n", encoding="utf-8")
    assert manifest.refresh(run, ["index.html"])
    count, problems = manifest.check(run)
    assert count == 7 and [p.split(":")[0:2] for p in problems] == [["changed", " en/a.html"]]
    # A run without a manifest (made before manifests) gets none made up.
    (run / manifest.MANIFEST_FILE).unlink()
    assert not manifest.refresh(run, ["index.html"])
    assert not (run / manifest.MANIFEST_FILE).exists()


# ----------------------------------------------------------------------------- a real run


@pytest.mark.slow
def test_a_rendered_run_has_a_manifest_of_every_file_and_verifies(fixture_run):
    result, base = fixture_run
    run = result.run_dir
    listed = _manifest(run)
    files = _walk(run)
    assert {e["path"] for e in listed["files"]} == set(files)
    assert {"index.html", "render.log", "run.json", ".live", "en/fixture.html"} <= set(files)
    for entry in listed["files"]:
        assert entry["sha256"] == hashlib.sha256(files[entry["path"]]).hexdigest()
    meta = json.loads((run / publish.META_FILE).read_text(encoding="utf-8"))
    assert listed["render_digest"] == meta["digest"]
    assert listed["factbase_digest"] == inputs_digest(base / "seeds", base / "data")
    snapshot = json.loads((run / publish.SNAPSHOT_FILE).read_text(encoding="utf-8"))
    days = [s["published_at"][:10] for s in snapshot["sources"].values() if s["published_at"]]
    assert listed["data_as_of"] == max(days)
    # The log was closed before the manifest: nothing after it (latest moved) is missing.
    assert (
        (run / "render.log").read_text(encoding="utf-8").rstrip().endswith(f"latest -> {run.name}")
    )
    code, out, _ = _verify("--reports", str(base / "reports"))
    assert code == 0 and out == [
        f"ok: {len(files)} files match manifest of {base / 'reports' / 'latest'} ({run.name})"
    ]


@pytest.mark.slow
def test_a_check_that_found_nothing_changed_keeps_the_manifest_valid(fixture_run, tmp_path):
    result, base = fixture_run
    root = tmp_path / "reports"
    shutil.copytree(base / "reports", root, symlinks=True)
    run = root / result.run_dir.name
    before = {e["path"]: e["sha256"] for e in _manifest(run)["files"]}
    pipeline.record_check(root, run, "2026-12-31 23:59:59")
    after = {e["path"]: e["sha256"] for e in _manifest(run)["files"]}
    # The landing pages and run.json were rewritten (their entries with them), nothing else.
    assert {p for p in after if after[p] != before[p]} == {
        "index.html",
        "index.zh.html",
        "run.json",
    }
    assert "2026-12-31 23:59:59" in (run / "index.html").read_text(encoding="utf-8")
    assert _verify(str(run))[0] == 0
    # A report changed by anything else is still caught after the next check.
    (run / "en" / "fixture.html").write_text("tampered", encoding="utf-8")
    pipeline.record_check(root, run, "2027-01-01 00:00:00")
    code, out, _ = _verify(str(run))
    assert code == 2 and out[0].startswith("changed: en/fixture.html")


def test_a_run_of_one_file_is_said_so(tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    (run / "a.txt").write_text("a", encoding="utf-8")
    manifest.write(run, **DIGESTS)
    assert _verify(str(run)) == (0, [f"ok: 1 file matches manifest of {run}"], "")
    (run / "a.txt").write_text("b", encoding="utf-8")
    assert _verify(str(run))[1][-1].endswith("(1 problem; 1 file listed)")
