"""The report notebooks: parameters, language, as_of, static rules, and the regression guard."""

from __future__ import annotations

import ast
import copy
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill as pm
import pytest
import yaml

from h200report import paths
from h200report.paths import language_notebooks_dir, language_of
from h200report.render.execute import execute_notebook
from h200report.render.export import NOTEBOOK_ONLY_TAG, keep_language
from h200report.render.kernel import KERNEL_NAME
from h200report.render.pairing import notebook_from_source, source_of, stored_notebooks
from h200report.report import params
from h200report.report.model import outlet
from tests.support import CORPUS_CURATED, CORPUS_DATA, CORPUS_SEEDS, notebook_id, stored_reports

# The rendered reports (render.yaml) in every language; explore.ipynb is an English tour
# of the API, stored beside its source.
REPORTS = stored_reports()
NOTEBOOKS = [*REPORTS, *sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))]
SEED_002 = "002_287867cbdb6dda5d"


def _run(tmp_path_factory, name: str, kernel=None, **parameters) -> nbformat.NotebookNode:
    """Execute a notebook on the tests' corpus; on ``kernel`` (the worker's warm kernel,
    reset first) when given, else on a kernel of its own."""
    out = tmp_path_factory.mktemp("pm") / f"{name}.ipynb"
    folders = {"seeds_dir": str(CORPUS_SEEDS), "data_dir": str(CORPUS_DATA)}
    notebook = language_notebooks_dir(parameters.get("language", "en")) / f"{name}.ipynb"
    execute_notebook(notebook, out, {**folders, **parameters}, kernel=kernel)
    return nbformat.read(out, as_version=4)


def _text(nb: nbformat.NotebookNode) -> str:
    """Every output of the notebook as one string (Plotly JSON included)."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            for value in out.get("data", {}).values():
                parts.append(
                    value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                )
    return "\n".join(parts)


@pytest.fixture(scope="module")
def overview_zh(tmp_path_factory, warm_kernel):
    return _run(tmp_path_factory, "00_overview", language="zh", kernel=warm_kernel)


@pytest.fixture(scope="module")
def orders_between(tmp_path_factory, warm_kernel):
    # 000 was published on 2026-03-04, 002 on 2026-03-14.
    return _run(tmp_path_factory, "01_order_volumes", as_of="2026-03-05", kernel=warm_kernel)


@pytest.fixture(scope="module")
def timeline_before(tmp_path_factory, warm_kernel):
    return _run(tmp_path_factory, "03_timeline", as_of="2025-01-01", kernel=warm_kernel)


@pytest.mark.slow  # starts a kernel
def test_zh_gives_chinese_prose_and_labels(overview_zh):
    text = _text(overview_zh)
    assert "事实库:2篇来源" in text
    assert "每家公司上限" in text and "至多7.5万片" in text
    assert "意向采购量与限购额度(片)" in text  # chart title
    assert (
        "Per-company cap" not in text and "Key figures" not in _text(overview_zh).split("事实库")[1]
    )


@pytest.mark.slow  # starts a kernel
def test_as_of_between_the_articles_keeps_only_the_first(orders_between):
    text = _text(orders_between)
    sources = yaml.safe_load((CORPUS_SEEDS / "sources.yaml").read_text(encoding="utf-8"))
    first, later = (sources["sources"][sid] for sid in sorted(sources["sources"]))
    assert outlet(first, "en") in text
    assert outlet(later, "en") not in text  # no fact of the later article
    assert "中国企业实际进口量是零" in text
    assert "H200对华销售金额为零" not in text


@pytest.mark.slow  # starts a kernel
def test_as_of_before_every_source_says_nothing_yet(timeline_before):
    text = _text(timeline_before)
    sentence = "Nothing yet: none of the sources had been published by 2025-01-01."
    outputs = [o for c in timeline_before.cells for o in c.get("outputs", [])]
    saying = [o for o in outputs if sentence in json.dumps(o.get("data", {}), ensure_ascii=False)]
    assert len(saying) == 1  # once, at the top
    assert not [o for o in outputs if o.output_type == "error"]
    # No empty table, no empty titled chart beneath it.
    assert "Empty DataFrame" not in text and "Nothing to show" not in text
    assert not [o for o in outputs if "application/vnd.plotly.v1+json" in o.get("data", {})]
    # Past the setup cell (papermill injects a parameters cell before it), nothing shows.
    code = [c for c in timeline_before.cells if c.cell_type == "code"]
    after = code[1 + next(i for i, c in enumerate(code) if "views.status(" in c.source) :]
    assert after and [len(c.outputs) for c in after] == [0] * len(after)


@pytest.mark.slow  # starts a kernel
def test_bad_parameter_stops_with_one_line(tmp_path):
    with pytest.raises(pm.PapermillExecutionError) as info:
        execute_notebook(
            language_notebooks_dir("en") / "03_timeline.ipynb",
            tmp_path / "out.ipynb",
            {"language": "fr"},
        )
    assert info.value.ename == "ParameterError"
    assert info.value.evalue == "language: 'fr' is not one of en, zh"


# ----------------------------------------------------------------------------- static rules


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_parameters_cell_is_literals_annotated_and_commented(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    first = code[0]
    assert "parameters" in first.metadata.get("tags", [])
    tree = ast.parse(first.source)
    for node in tree.body:
        assert isinstance(node, ast.AnnAssign), ast.unparse(node)
        assert isinstance(node.value, ast.Constant), ast.unparse(node)
    for line in first.source.splitlines():
        assert re.search(r"  # \S", line), f"uncommented parameter: {line}"
        assert line.count("=") == 1, f"papermill cannot read a second '=': {line}"
    # Written from the one definition of the parameters: types, defaults and help.
    names = [n.target.id for n in tree.body]
    assert first.source == params.parameters_cell(names, language_of(path) or "en")
    # The second cell validates every parameter the first one declares.
    names = [n.target.id for n in tree.body]
    assert "params.validate(" in code[1].source
    for name in names:
        assert f"{name}={name}" in code[1].source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_cells_only_call_the_package(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"][1:]
    for cell in code:
        for node in ast.walk(ast.parse(cell.source)):
            is_number = isinstance(node, ast.Constant) and type(node.value) in (int, float, complex)
            assert not is_number, f"number typed in a cell: {cell.source}"
        assert "renderer" not in cell.source
        for unsafe in ("Markdown(", "HTML(", ".style", "display("):
            assert unsafe not in cell.source, f"{unsafe} in {cell.source}"
    quotes = _quotes()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert not [q for q in quotes if q in cell.source], "article text in a Markdown cell"


def _quotes() -> list[str]:
    facts = yaml.safe_load((CORPUS_CURATED / "facts.yaml").read_text(encoding="utf-8"))["facts"]
    return [q["quote"] for f in facts for q in f["quotes"]]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=notebook_id)
def test_stored_notebook_matches_its_source_and_is_clean(path):
    stored = nbformat.read(path, as_version=4)
    fresh = notebook_from_source(source_of(path), language_of(path))
    message = f"{path.name} differs from {source_of(path).name}: run `make baseline`"
    assert [(c.cell_type, c.source) for c in stored.cells] == [
        (c.cell_type, c.source) for c in fresh.cells
    ], message
    tags = [c.metadata.get("tags", []) for c in stored.cells]
    assert tags == [c.metadata.get("tags", []) for c in fresh.cells], message
    assert [c.id for c in stored.cells] == [c.id for c in fresh.cells], "cell ids are not stable"
    assert stored.metadata["kernelspec"]["name"] == KERNEL_NAME
    assert "papermill" not in stored.metadata
    for cell in stored.cells:
        assert "papermill" not in cell.metadata and "execution" not in cell.metadata
        if cell.cell_type == "code":
            assert cell.execution_count is not None, "stored without outputs: run `h200 baseline`"
    assert str(paths.ROOT) not in path.read_text(encoding="utf-8")


REPORT_SOURCES = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.py"))


@pytest.mark.parametrize("source", REPORT_SOURCES, ids=lambda p: p.stem)
def test_a_source_has_every_heading_once_per_language_and_each_notebook_one(source):
    nb = notebook_from_source(source)
    cjk = re.compile(r"[\u4e00-\u9fff]")
    md = [c for c in nb.cells if c.cell_type == "markdown"]
    # In the source each Markdown cell is in one language, a notebook-only one too.
    langs = [[t for t in c.metadata.get("tags", []) if t.startswith("lang-")] for c in md]
    assert langs.count(["lang-en"]) == langs.count(["lang-zh"]) == len(md) // 2
    only = [tuple(c.metadata["tags"]) for c in md if NOTEBOOK_ONLY_TAG in c.metadata["tags"]]
    assert only.count(("lang-en", NOTEBOOK_ONLY_TAG)) == only.count(("lang-zh", NOTEBOOK_ONLY_TAG))
    for cell, lang in zip(md, langs, strict=True):
        if lang == ["lang-en"]:
            assert not cjk.search(cell.source), cell.source
        else:
            assert cjk.search(cell.source.splitlines()[0]), cell.source
    # Opened in JupyterLab, each stored notebook reads in its own language only: no
    # heading twice, no prose of the other language, its parameters cell says so.
    stored = stored_notebooks(source)
    assert sorted(stored) == ["en", "zh"]
    for language, path in stored.items():
        kept = nbformat.read(path, as_version=4)
        text = [c.source for c in kept.cells if c.cell_type == "markdown"]
        assert len(text) == len(md) // 2
        assert all(bool(cjk.search(t.splitlines()[0])) == (language == "zh") for t in text), text
        first = next(c for c in kept.cells if c.cell_type == "code")
        assert f'language: str = "{language}"' in first.source
        assert bool(cjk.search(first.source)) == (language == "zh")


# What only a notebook user can do; the shared page has a menu and a slider, no cells.
NOTEBOOK_WORDS = re.compile(
    r"parameters cell|参数单元格|run it again|重新运行|\bnotebooks?\b|笔记本", re.IGNORECASE
)


@pytest.mark.parametrize("path", REPORTS, ids=notebook_id)
def test_the_shared_page_speaks_of_what_it_offers_not_of_cells(path):
    language = language_of(path)
    nb = nbformat.read(path, as_version=4)
    exported = keep_language(copy.deepcopy(nb), language)
    text = "\n".join(c.source for c in exported.cells if c.cell_type == "markdown")
    assert not NOTEBOOK_WORDS.search(text), NOTEBOOK_WORDS.search(text)
    if path.stem == "02_quotas":
        # The notebook itself still tells its user how to set the scenario.
        kept = [c for c in nb.cells if NOTEBOOK_ONLY_TAG in c.metadata.get("tags", [])]
        assert any(("parameters cell", "参数单元格")[language == "zh"] in c.source for c in kept)
        assert ("menu" if language == "en" else "菜单") in text


@pytest.mark.slow  # starts a kernel
def test_help_notebook_documents_the_scenario_parameters():
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            "--help-notebook",
            str(language_notebooks_dir("en") / "02_quotas.ipynb"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in (
        "language",
        "as_of",
        "seeds_dir",
        "data_dir",
        "per_company_cap",
        "buyers",
        "fee_rate_percent",
    ):
        assert name in out
    assert "None: as sourced" in out
    assert "int (default None)" in out


# ----------------------------------------------------------------------------- regression guard


def _copy_inputs(tmp: Path, fee: str | None) -> tuple[Path, Path]:
    seeds, data = tmp / "seeds", tmp / "data"
    shutil.copytree(CORPUS_SEEDS, seeds)
    shutil.copytree(CORPUS_DATA, data)
    if fee is not None:
        # Change the fee in the article and in the fact alike, so the build still verifies.
        seed = next(seeds.glob(f"{SEED_002}*.txt"))
        raw = seed.read_bytes().replace("抽取25%".encode(), f"抽取{fee}%".encode())
        seed.write_bytes(raw)
        meta = seeds / paths.SOURCES_FILE_NAME
        text = meta.read_text(encoding="utf-8")
        old_sha = yaml.safe_load(text)["sources"][SEED_002]["sha256"]
        meta.write_text(text.replace(old_sha, hashlib.sha256(raw).hexdigest()), encoding="utf-8")
        facts = data / "curated" / "facts.yaml"
        text = facts.read_text(encoding="utf-8")
        text = text.replace("抽取25%", f"抽取{fee}%").replace(
            "    value: 25\n", f"    value: {fee}\n"
        )
        facts.write_text(text, encoding="utf-8")
    return seeds, data


def _nbval(tmp: Path, name: str, seeds: Path, data: Path) -> subprocess.CompletedProcess:
    nb = nbformat.read(language_notebooks_dir("en") / f"{name}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell.source = re.sub(
        r"^seeds_dir: str = None", f"seeds_dir: str = {str(seeds)!r}", cell.source, flags=re.M
    )
    cell.source = re.sub(
        r"^data_dir: str = None", f"data_dir: str = {str(data)!r}", cell.source, flags=re.M
    )
    copy = tmp / f"{name}.ipynb"
    nbformat.write(nb, copy)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "-rA",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            str(paths.NOTEBOOKS_DIR / "nbval_sanitize.cfg"),
            "--rootdir",
            str(tmp),
            str(copy),
        ],
        capture_output=True,
        text=True,
        cwd=tmp,
    )


@pytest.mark.slow  # starts a kernel
def test_a_changed_fact_value_fails_the_strict_regression_run(tmp_path):
    seeds, data = _copy_inputs(tmp_path, "30")
    result = _nbval(tmp_path, "02_quotas", seeds, data)
    assert result.returncode != 0, result.stdout[-3000:]
    assert "mismatch" in result.stdout and "30%" in result.stdout
    # The cells that do not show the fee still pass: the copied inputs and folders are
    # not what fails (a control run without the change would cost another kernel).
    passed = set(re.findall(r"^PASSED 02_quotas.ipynb::Cell (\d+)", result.stdout, flags=re.M))
    failed = set(re.findall(r"^FAILED 02_quotas.ipynb::Cell (\d+)", result.stdout, flags=re.M))
    assert {"0", "1"} <= passed and failed, result.stdout[-3000:]  # parameters and set-up pass


def test_every_notebook_source_has_its_stored_notebooks_and_nothing_else_is_stored():
    sources = sorted(paths.NOTEBOOKS_DIR.glob("*.py"))
    stored = [nb for source in sources for nb in stored_notebooks(source).values()]
    assert sources and all(nb.is_file() for nb in stored), stored
    assert sorted(stored) == sorted(NOTEBOOKS)


def test_baseline_of_a_name_that_is_no_source_is_one_line_and_runs_nothing(capsys):
    from h200report import cli

    stored = {p: p.stat().st_mtime_ns for p in NOTEBOOKS}
    assert cli.main(["baseline", "00_overview", "nope"]) == 2
    err = capsys.readouterr().err
    assert err == "error: notebooks/nope.py: no such notebook source\n"
    assert {p: p.stat().st_mtime_ns for p in NOTEBOOKS} == stored  # 00_overview not run
