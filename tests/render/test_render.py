"""Rendering: run folder layout, index metadata, latest switching, failures, retention.

Papermill runs cost seconds each, so one good render is shared by the module and the
failure and concurrency tests use the smallest notebooks that show the behaviour.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from h200report import cli, paths
from h200report.errors import InputError
from h200report.render import command, publish
from h200report.render.export import audit_html, export_html, outbound_references, plot_div_id
from h200report.render.pipeline import render
from tests.support import CORPUS_DATA, CORPUS_SEEDS, FIXTURES, stored_reports

FIXTURE = FIXTURES / "render" / "fixture.ipynb"
FAILING = FIXTURES / "render" / "failing.ipynb"
PLOTLY_MIME = "application/vnd.plotly.v1+json"

# Markers "slow" (runs papermill) and "browser" must be declared in pyproject.toml.
slow = pytest.mark.slow
# The tests' corpus, not the live folders (which grow as analysts add articles).
CORPUS_ARGS = ("--seeds-dir", str(CORPUS_SEEDS), "--data-dir", str(CORPUS_DATA))


def write_config(path: Path, sets: dict, **extra) -> Path:
    import yaml

    path.write_text(yaml.safe_dump({"parameter_sets": sets, **extra}), encoding="utf-8")
    return path


@pytest.fixture
def good_run(fixture_run):
    """The fixture notebook (and the payload one) rendered in both sets (tests/render/conftest.py)."""
    return fixture_run


@slow
def test_good_render_layout_and_latest(good_run):
    result, base = good_run
    root = base / "reports"
    assert result.ok, result.failures
    assert re.fullmatch(r"\d{8}T\d{6}Z", result.run_dir.name)
    assert os.readlink(root / "latest") == result.run_dir.name
    for name in ("index.html", "render.log", "run.json"):
        assert (result.run_dir / name).is_file()
    for s in ("en", "zh"):
        assert (result.run_dir / s / "fixture.ipynb").is_file()
        assert (result.run_dir / s / "fixture.html").is_file()
    assert not list(root.glob(".*.partial"))


@slow
def test_index_lists_every_report_with_inputs_and_parameters(good_run):
    result, base = good_run
    index = (result.run_dir / "index.html").read_text(encoding="utf-8")
    chinese = (result.run_dir / "index.zh.html").read_text(encoding="utf-8")
    # One landing page per language, each listing its own reports and linking the other.
    assert 'href="en/fixture.html"' in index and 'href="zh/fixture.html"' in chinese
    assert 'href="index.zh.html"' in index and 'href="index.html"' in chinese
    assert '<html lang="en">' in index and '<html lang="zh">' in chinese
    for f in (
        base / "seeds" / "000_2f7d0e62f1c70453.txt",
        base / "seeds" / "sources.yaml",
        base / "data" / "curated" / "facts.yaml",
    ):
        assert hashlib.sha256(f.read_bytes()).hexdigest() in index
    assert "ignored.md" not in index
    assert str((base / "seeds").resolve()) in index  # seeds_dir was passed as a parameter
    assert result.meta["code_version"] in index
    meta = json.loads((result.run_dir / "run.json").read_text(encoding="utf-8"))
    assert meta["parameter_sets"]["zh"]["language"] == "zh"
    assert meta["parameter_sets"]["en"]["data_dir"] == str((base / "data").resolve())
    assert not outbound_references(index)


@slow
def test_parameters_reach_the_notebook_and_html_is_self_contained(good_run):
    result, _ = good_run
    nb = nbformat.read(result.run_dir / "zh" / "fixture.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and 'language = "zh"' in injected[0].source
    plots = sum(PLOTLY_MIME in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert plots == 2  # the stored notebook keeps the mimetype output, no renderer forced
    page = (result.run_dir / "zh" / "fixture.html").read_text(encoding="utf-8")
    assert page.count("Plotly.newPlot(") == 2
    # plotly.js once, and the page's own script (dark mode, print width)
    assert page.count("<script") - page.count("Plotly.newPlot(") == 2
    assert '<html lang="zh">' in page
    assert "<title>Render fixture report</title>" in page
    assert not outbound_references(page)
    assert "require.js" not in page and "MathJax.Hub" not in page
    assert "from h200report.errors import" not in page  # code hidden by default


@slow
def test_html_export_is_deterministic_and_escapes_script_end(good_run):
    result, _ = good_run
    nb = nbformat.read(result.run_dir / "en" / "fixture.ipynb", as_version=4)
    first, _ = export_html(nb, "fixture")
    second, _ = export_html(nb, "fixture")
    assert first == second
    index, cell = next(
        (i, c)
        for i, c in enumerate(nb.cells)
        if any(PLOTLY_MIME in o.get("data", {}) for o in c.get("outputs", []))
    )
    assert plot_div_id("fixture", index, 0) in first
    cell.outputs[0]["data"][PLOTLY_MIME]["layout"]["title"] = {"text": "</script><b>&"}
    page, info = export_html(nb, "fixture")
    # plotly's own escapes: the same JSON value, and no "</" that could end the script
    assert "</script><b>" not in page and "\\u003c\\u002fscript\\u003e\\u003cb\\u003e&" in page
    assert info["plots"] == 2


def test_raw_html_output_is_rejected():
    assert (
        audit_html(
            '<div><table border="1" class="dataframe"><tr><td>&lt;x&gt;</td></tr></table></div>'
        )
        == []
    )
    assert audit_html('<img src=x onerror="alert(1)">')
    assert audit_html("<script>alert(1)</script>")
    assert audit_html('<style>@import url("https://x.example/a.css")</style>')
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x")])
    nb.cells[0].outputs = [
        nbformat.v4.new_output(
            "display_data", data={"text/html": "<img src=x onerror=alert(1)>", "text/plain": "x"}
        )
    ]
    from h200report.render.export import UnsafeOutputError

    with pytest.raises(UnsafeOutputError, match="cell 0 output 0"):
        export_html(nb, "t")
    # warn shows what the allow-list keeps, with a warning naming what it removed
    page, info = export_html(nb, "t", raw_html="warn")
    assert "<img" not in page and "onerror" not in page and "tag <img>" in info["warnings"][0]
    nb.cells[0].outputs[0]["data"]["text/html"] = '<span onclick="go()">hi</span>'
    page, info = export_html(nb, "t", raw_html="warn")
    assert "attribute onclick=" in info["warnings"][0]
    assert "<span>hi</span>" in page and "go()" not in page
    # allow passes it on as it came (the render.yaml option for trusted notebooks)
    page, info = export_html(nb, "t", raw_html="allow")
    assert 'onclick="go()"' in page and not info["warnings"]


CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _md(source: str, *tags: str):
    cell = nbformat.v4.new_markdown_cell(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def test_markdown_of_the_other_language_is_dropped_before_the_title():
    from h200report.render.export import keep_language

    def notebook():
        return nbformat.v4.new_notebook(
            cells=[
                _md("# 标题", "lang-zh"),
                _md("# Title", "lang-en"),
                _md("plain, untagged"),
                nbformat.v4.new_code_cell("x", metadata={"tags": ["lang-zh"]}),
                _md("## 小节 [链接](02_quotas.ipynb)", "lang-zh", "other"),
                _md("## Part [link](02_quotas.ipynb)", "lang-en"),
            ]
        )

    kept = keep_language(notebook(), "en")
    assert [c.source for c in kept.cells] == [
        "# Title",
        "plain, untagged",
        "x",  # code is never dropped: its outputs follow the language parameter
        "## Part [link](02_quotas.ipynb)",
    ]
    en, _ = export_html(notebook(), "t", language="en")
    zh, _ = export_html(notebook(), "t", language="zh")
    assert "<title>Title</title>" in en and "<title>标题</title>" in zh
    assert not CJK.search(en.split("<body", 1)[1]) and "Part" not in zh
    assert 'href="02_quotas.html"' in en and 'href="02_quotas.html"' in zh


def _headings(page: str) -> list[str]:
    """The page title and every heading, outside scripts (plotly.js carries SVG titles)."""
    page = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    # Markdown headings carry an id (for their anchor); the outputs' own cards do not.
    found = re.findall(
        r"<title>(.*?)</title>|<(h[1-6])\b[^>]*\bid=[^>]*>(.*?)</\2>", page, flags=re.S
    )
    return [re.sub(r"<[^>]+>|¶", "", title or text).strip() for title, _, text in found]


@pytest.mark.parametrize("stem", [p.stem for p in stored_reports("en")])
def test_real_notebook_html_is_in_one_language(stem):
    en, _ = export_html(_stored("en", stem), stem, language="en")
    zh, _ = export_html(_stored("zh", stem), stem, language="zh")
    en_heads, zh_heads = _headings(en), _headings(zh)
    assert len(en_heads) > 1 and len(en_heads) == len(zh_heads)
    assert not [h for h in en_heads if CJK.search(h)], en_heads
    assert all(CJK.search(h) for h in zh_heads), zh_heads
    title = re.search(r"<title>(.*?)</title>", zh).group(1)
    assert CJK.search(title) and not re.search(r"[A-Za-z]{3,}", title)
    # Links between the notebooks work in both languages.
    if stem == "00_overview":
        for page in (en, zh):
            assert 'href="02_quotas.html"' in page and ".ipynb" not in page.split("<body", 1)[1]


def _stored(language: str, stem: str) -> nbformat.NotebookNode:
    return nbformat.read(paths.language_notebooks_dir(language) / f"{stem}.ipynb", as_version=4)


def make_run(root: Path, name: str) -> Path:
    run = root / name
    run.mkdir(parents=True)
    (run / "index.html").write_text("x", encoding="utf-8")
    return run


@slow
def test_failure_keeps_partial_notebook_and_leaves_latest(tmp_path, capsys):
    root = tmp_path / "reports"
    make_run(root, "20200101T000000Z")
    os.symlink("20200101T000000Z", root / "latest")
    config = write_config(tmp_path / "render.yaml", {"en": {"language": "en"}})
    parser = command.add_arguments(__import__("argparse").ArgumentParser())
    args = parser.parse_args(
        [
            "-n",
            str(FAILING),
            str(FIXTURE),
            "-s",
            "en",
            "-o",
            str(root),
            "--config",
            str(config),
            "-j",
            "3",
            *CORPUS_ARGS,
        ]
    )
    code = command.run(args)
    err = capsys.readouterr().err
    assert code == command.EXIT_FAILED
    assert os.readlink(root / "latest") == "20200101T000000Z"
    lines = [ln for ln in err.splitlines() if ln.startswith("h200 render: notebook")]
    failing_en = [ln for ln in lines if "failing.ipynb, parameter set en" in ln]
    assert len(failing_en) == 1
    assert re.search(r"cell \d+ \(In \[\d+\]: raise RuntimeError", failing_en[0])
    assert "RuntimeError: deliberate failure" in failing_en[0]
    assert "Traceback" not in err
    failed = [p for p in root.iterdir() if p.name.endswith(".failed")]
    assert len(failed) == 1
    partial = nbformat.read(failed[0] / "en" / "failing.ipynb", as_version=4)
    assert any(
        o.get("ename") == "RuntimeError" for c in partial.cells for o in c.get("outputs", [])
    )
    assert (failed[0] / "render.log").read_text(encoding="utf-8").count("FAILED") == 1
    assert not list(root.glob(".*.partial"))


@pytest.mark.parametrize(
    "param, message",
    [
        # A value from the command line is named as given there, not as render.yaml's.
        ("langauge=en", "h200 render: -p langauge: unknown parameter"),
        ("language=fr", "h200 render: -p language: 'fr' is not one of en, zh"),
        ("as_of=2026-13-01", "h200 render: -p as_of: '2026-13-01' is not a date"),
        ("as_of=5", "h200 render: -p as_of: must be an ISO date"),
    ],
)
def test_bad_parameter_stops_before_any_run(tmp_path, capsys, param, message):
    root = tmp_path / "reports"
    make_run(root, "20200101T000000Z")
    os.symlink("20200101T000000Z", root / "latest")
    config = write_config(tmp_path / "render.yaml", {"en": {"language": "en"}})
    parser = command.add_arguments(__import__("argparse").ArgumentParser())
    overview = str(paths.language_notebooks_dir("en") / "00_overview.ipynb")
    args = parser.parse_args(
        ["-n", overview, "-o", str(root), "--config", str(config), "-p", param]
    )
    assert command.run(args) == command.EXIT_USAGE
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and message in err and err.startswith("h200 render: ")
    assert os.readlink(root / "latest") == "20200101T000000Z"
    assert sorted(p.name for p in root.iterdir()) == ["20200101T000000Z", "latest"]


def test_a_bad_value_in_render_yaml_names_the_file_and_the_set(tmp_path, capsys):
    config = write_config(tmp_path / "render.yaml", {"en": {"language": "fr"}})
    parser = command.add_arguments(__import__("argparse").ArgumentParser())
    overview = str(paths.language_notebooks_dir("en") / "00_overview.ipynb")
    args = parser.parse_args(
        ["-n", overview, "-o", str(tmp_path / "r"), "--config", str(config), *CORPUS_ARGS]
    )
    assert command.run(args) == command.EXIT_USAGE
    err = capsys.readouterr().err.strip()
    assert err == (
        f"h200 render: {config} parameter set en, parameter language: 'fr' is not one of en, zh"
    )


_TRUNCATED = ("truncated.ipynb", FIXTURE.read_bytes()[:300])
_NOT_A_NOTEBOOK = ("draft.ipynb", b'{"nbformat": 4, "nbformat_minor": 5, "cells": []}')


@pytest.mark.parametrize(
    "given, broken, problem",
    [
        ("file", _TRUNCATED, "not JSON (Expecting value: line 17 column 16 (char 300))"),
        ("folder", _TRUNCATED, "not JSON (Expecting value: line 17 column 16 (char 300))"),
        (
            "folder",
            _NOT_A_NOTEBOOK,
            "The notebook is invalid and is missing an expected key: metadata",
        ),
        ("file", ("README.md", b"# not a notebook\n"), "a notebook is an .ipynb file"),
    ],
    ids=["truncated-file", "truncated-in-folder", "json-not-a-notebook", "not-a-notebook-file"],
)
def test_a_broken_notebook_stops_before_any_kernel(tmp_path, capsys, given, broken, problem):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    good = folder / FIXTURE.name
    good.write_bytes(FIXTURE.read_bytes())
    bad = folder / broken[0]
    bad.write_bytes(broken[1])
    root = tmp_path / "reports"
    config = write_config(tmp_path / "render.yaml", {"en": {"language": "en"}})
    parser = command.add_arguments(__import__("argparse").ArgumentParser())
    specs = [str(good), str(bad)] if given == "file" else [str(folder)]
    args = parser.parse_args(["-n", *specs, "-o", str(root), "--config", str(config), *CORPUS_ARGS])
    assert command.run(args) == command.EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith(f"h200 render: {bad}: not a valid notebook: {problem}"), err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not root.exists(), "no run may start"


def test_an_alias_bomb_in_a_parameter_is_one_line_at_once(tmp_path, capsys):
    from tests.test_yamlio import BOMB

    capsys.readouterr()
    started = time.perf_counter()
    code = cli.main(
        ["render", "-n", str(FIXTURE), "-o", str(tmp_path), *CORPUS_ARGS, "-p", f"buyers={BOMB}"]
    )
    err = capsys.readouterr().err
    assert code == 2 and time.perf_counter() - started < 5
    assert err.startswith("error: -p buyers '[&a [1, 1, 1,") and err.count("\n") == 1, err
    assert "aliases (&/*) are not allowed in -p values (an anchor &a at column 2)" in err
    assert not list(tmp_path.iterdir())


def test_bad_option_is_one_line(tmp_path, capsys):
    parser = command.add_arguments(__import__("argparse").ArgumentParser())
    args = parser.parse_args(["-n", str(FIXTURE), "-s", "nope", "-o", str(tmp_path)])
    assert command.run(args) == command.EXIT_USAGE
    err = capsys.readouterr().err.strip()
    assert err.startswith("h200 render: nope: no such parameter set") and "\n" not in err


def test_retention_keeps_last_n_and_latest(tmp_path):
    root = tmp_path
    names = [f"2026010{i}T000000Z" for i in range(1, 7)] + ["20260106T000000Z-1"]
    for name in names:
        make_run(root, name)
    make_run(root, "20260101T000000Z.failed")
    os.symlink("20260102T000000Z", root / "latest")
    (root / ".20260107T000000Z.1.abc.partial").mkdir()  # a render in progress
    removed = publish.prune(root, keep=3)
    left = sorted(p.name for p in root.iterdir() if not p.name.startswith("."))
    expected = [
        "20260101T000000Z.failed",
        "20260102T000000Z",
        "20260105T000000Z",
        "20260106T000000Z",
        "20260106T000000Z-1",
        "latest",
    ]
    assert left == expected  # the last 3, plus the one latest points at
    assert "20260101T000000Z" in removed
    assert (root / ".20260107T000000Z.1.abc.partial").is_dir()
    assert publish.prune(root, keep=0) == []


def test_latest_never_moves_back_to_an_older_run(tmp_path):
    import logging

    make_run(tmp_path, "20260102T000000Z")
    make_run(tmp_path, "20260101T000000Z")
    log = logging.getLogger("test")
    assert publish.switch_latest(tmp_path, "20260102T000000Z", log)
    assert not publish.switch_latest(tmp_path, "20260101T000000Z", log)
    assert os.readlink(tmp_path / "latest") == "20260102T000000Z"


@slow
def test_concurrent_renders_leave_latest_on_a_complete_run(tmp_path):
    config = write_config(tmp_path / "render.yaml", {"en": {"language": "en"}})
    root = tmp_path / "reports"
    cmd = [
        sys.executable,
        "-m",
        "h200report.render.command",
        "-n",
        str(FIXTURE),
        "-o",
        str(root),
        "--config",
        str(config),
        "-j",
        "1",
        "--latest",
        *CORPUS_ARGS,
    ]
    env = {**os.environ, "CI": "1"}
    procs = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    done = sorted(p for p in root.iterdir() if publish.RUN_NAME.match(p.name))
    assert len(done) == 2  # unique names even when both start in the same second
    target = root / os.readlink(root / "latest")
    assert target == max(done, key=lambda p: publish.order_key(p.name))
    for run in done:
        assert (run / "index.html").is_file() and (run / "en" / "fixture.html").is_file()
    assert not list(root.glob(".*.partial"))


def test_prune_never_deletes_a_pinned_run_or_the_callers_own(tmp_path):
    for name in ("20260101T000000Z", "20260102T000000Z", "20260103T000000Z"):
        make_run(tmp_path, name)
    pin = publish.Pin(tmp_path / "20260101T000000Z")  # a live render about to report it
    removed = publish.prune(tmp_path, keep=1, protect=("20260102T000000Z",))
    assert removed == [] and publish.pinned(tmp_path / "20260101T000000Z")
    pin.release()
    assert not publish.pinned(tmp_path / "20260101T000000Z")
    assert publish.prune(tmp_path, keep=1) == ["20260101T000000Z", "20260102T000000Z"]


def test_an_output_root_that_is_a_file_is_one_line(tmp_path, capsys):
    config = write_config(tmp_path / "render.yaml", {"en": {"language": "en"}})
    target = tmp_path / "reports"
    target.write_text("not a folder", encoding="utf-8")
    parser = command.add_arguments(__import__("argparse").ArgumentParser())
    args = parser.parse_args(
        ["-n", str(FIXTURE), "-o", str(target), "--config", str(config), *CORPUS_ARGS]
    )
    assert command.run(args) == command.EXIT_USAGE
    err = capsys.readouterr().err
    assert err == f"h200 render: {target}: the output root is a file, not a folder\n"
    assert target.read_text(encoding="utf-8") == "not a folder"


@slow
@pytest.mark.parametrize(
    ("sent", "code", "said"),
    [("SIGINT", 130, "interrupted"), ("SIGTERM", 143, "terminated")],
    ids=["ctrl-c", "sigterm"],
)
def test_ctrl_c_or_sigterm_cancels_the_queued_runs_and_leaves_latest(tmp_path, sent, code, said):
    """Ctrl-C, and SIGTERM (what systemd, cron wrappers and ``timeout`` send), alike."""
    import signal
    import time

    root = tmp_path / "reports"
    make_run(root, "20200101T000000Z")
    os.symlink("20200101T000000Z", root / "latest")
    cmd = [sys.executable, "-m", "h200report.render.command", "-o", str(root), "-j", "1"]
    cmd += ["--force", *CORPUS_ARGS]
    env = {**os.environ, "CI": "1"}
    proc = subprocess.Popen(
        cmd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # As in a terminal: a test run started in the background of a shell without job
        # control inherits SIGINT ignored, and Python keeps an ignored SIGINT ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    # Wait until the first notebook runs (its kernel is up), then press Ctrl-C.
    deadline = time.monotonic() + 120
    log = None
    while time.monotonic() < deadline and proc.poll() is None:
        log = next(iter(root.glob(".*.partial/render.log")), None)
        if log and "start " in log.read_text(encoding="utf-8"):
            break
        time.sleep(0.2)
    assert proc.poll() is None, proc.communicate()
    proc.send_signal(getattr(signal, sent))
    pressed = time.monotonic()
    out, err = proc.communicate(timeout=60)
    assert time.monotonic() - pressed < 15, "the render did not stop within seconds"
    assert proc.returncode == code, err
    assert err.strip().splitlines()[-1] == (
        f"h200 render: {said}; nothing published, latest unchanged"
    )
    assert "Traceback" not in err
    assert os.readlink(root / "latest") == "20200101T000000Z"
    assert sorted(p.name for p in root.iterdir() if not p.name.startswith(".")) == [
        "20200101T000000Z",
        "latest",
    ]
    assert not list(root.glob(".*.partial")), "the interrupted build is removed"
    kernels = subprocess.run(
        ["pgrep", "-f", f"ipykernel_launcher.*{root}"], capture_output=True, text=True
    )
    assert kernels.stdout == ""


def _render_on(disk, root_name: str, config: Path):
    """``h200 render`` of the fixture notebook into ``root_name`` on ``disk``, as a user runs it."""
    h200 = str(Path(sys.executable).parent / "h200")
    argv = [h200, "render", "-n", str(FIXTURE), "-o", str(disk.path / root_name), *CORPUS_ARGS]
    return disk.run([*argv, "--config", str(config), "--latest"], capture_output=True, text=True)


def _earlier_run(root: Path) -> None:
    make_run(root, "20200101T000000Z")
    os.symlink("20200101T000000Z", root / "latest")


@slow
@pytest.mark.parametrize("leave_kib", [0, 64], ids=["no-byte-left", "room-for-a-little"])
def test_a_full_output_disk_is_one_line_and_holds_no_space(tmp_path, leave_kib):
    from tests.support.disks import small_disk

    config = write_config(tmp_path / "render.yaml", {"en": {"language": "en"}})
    with small_disk(tmp_path / "disk", size_kib=1024) as disk:
        root = disk.host_path("reports")
        _earlier_run(root)
        disk.fill(leave_kib=leave_kib)
        free = disk.free_bytes()
        result = _render_on(disk, "reports", config)
        assert result.returncode == command.EXIT_USAGE, result.stderr
        assert result.stderr == f"h200 render: {disk.path / 'reports'}: No space left on device\n"
        assert os.readlink(root / "latest") == "20200101T000000Z"
        assert not list(root.glob(".*.partial")) and disk.free_bytes() == free


@slow
def test_a_read_only_output_disk_is_one_line(tmp_path):
    from tests.support.disks import small_disk

    config = write_config(tmp_path / "render.yaml", {"en": {"language": "en"}})
    with small_disk(tmp_path / "disk", size_kib=512) as disk:
        _earlier_run(disk.host_path("reports"))
        disk.make_readonly()
        for target in ("reports", "new/reports"):
            result = _render_on(disk, target, config)
            assert result.returncode == command.EXIT_USAGE, result.stderr
            assert result.stderr == f"h200 render: {disk.path / target}: Read-only file system\n"
        assert os.readlink(disk.host_path("reports", "latest")) == "20200101T000000Z"


@slow
def test_two_renders_of_the_same_inputs_are_byte_identical(tmp_path):
    """The notebooks and HTML of two forced renders (each the first in its folder) are the
    same bytes: no timings, paths or random ids survive into what readers get."""
    config = write_config(tmp_path / "render.yaml", {"en": {"language": "en"}})
    runs_ = []
    for name in ("a", "b"):
        result = render(
            notebooks=[str(FIXTURE)],
            output_root=tmp_path / name,
            config_path=config,
            seeds_dir=CORPUS_SEEDS,
            data_dir=CORPUS_DATA,
            force=True,
            progress_stream=open(os.devnull, "w"),  # noqa: SIM115
        )
        assert result.ok, result.failures
        runs_.append(result.run_dir)
    files = sorted(p.relative_to(runs_[0]) for p in runs_[0].glob("en/*"))
    assert [f.name for f in files] == [
        "all-reports.html",
        "fixture.html",
        "fixture.ipynb",
    ]
    for f in files:
        assert (runs_[0] / f).read_bytes() == (runs_[1] / f).read_bytes(), f


def _notebook(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(), path)
    return path


def test_a_report_stored_per_language_is_one_report_run_in_each_sets_language(tmp_path):
    from h200report.render.config import select_notebooks, variant

    folder = tmp_path / "notebooks"
    en, zh = _notebook(folder / "en" / "01_a.ipynb"), _notebook(folder / "zh" / "01_a.ipynb")
    only_en = _notebook(folder / "en" / "02_b.ipynb")
    single = _notebook(folder / "03_c.ipynb")
    found = select_notebooks(None, ["[0-9][0-9]_*.ipynb"], folder)
    assert [p.relative_to(folder) for p in found] == [
        Path("en/01_a.ipynb"),
        Path("en/02_b.ipynb"),
        Path("03_c.ipynb"),
    ]
    assert (variant(en, "zh"), variant(zh, "en"), variant(en, "en")) == (zh, en, en)
    # No Chinese file: the English one (its export keeps the zh cells, there are none).
    assert variant(only_en, "zh") == only_en and variant(single, "zh") == single
    assert select_notebooks(["01_a"], [], folder) == [en]
    # The same name in another place would write the same report twice.
    _notebook(tmp_path / "elsewhere" / "01_a.ipynb")
    with pytest.raises(InputError, match="two notebooks share this name"):
        select_notebooks(["01_a", str(tmp_path / "elsewhere" / "01_a.ipynb")], [], folder)


def test_the_code_version_is_dirty_for_a_code_change_not_for_new_data(tmp_path, monkeypatch):
    from h200report.render.pipeline import code_version

    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    (tmp_path / "h200report").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "h200report" / "x.py").write_text("x = 1\n")
    (tmp_path / "data" / "facts.yaml").write_text("facts: []\n")
    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "first")
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    clean = code_version()
    assert clean and not clean.endswith("-dirty")
    (tmp_path / "data" / "facts.yaml").write_text("facts: [1]\n")  # an analyst curates
    assert code_version() == clean
    (tmp_path / "h200report" / "x.py").write_text("x = 2\n")
    assert code_version() == f"{clean}-dirty"
