"""The set-up stays in step: environment.yml, pyproject.toml, Makefile and README."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import tomllib

import pytest
import yaml

from h200report import paths
from h200report.cli import README_COLUMNS, columns_markdown
from h200report.factbase.schemas import SCHEMAS


def test_environment_yml_installs_what_make_setup_installs():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = env["dependencies"]
    python = next(d for d in deps if isinstance(d, str) and d.startswith("python="))
    assert python == "python=3.11" and project["requires-python"] == ">=3.11"
    pip = next(d["pip"] for d in deps if isinstance(d, dict))
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    extras = re.search(r"pip install -q -e '\.\[([a-z,]+)\]'", makefile).group(1)
    assert pip == [f"-e .[{extras}]"]
    assert set(extras.split(",")) == set(project["optional-dependencies"])
    required = {"jupyterlab", "pandas", "plotly", "papermill", "nbval", "pytest"}
    names = {
        re.split(r"[<>=!~\[]", d)[0]
        for group in [project["dependencies"], *project["optional-dependencies"].values()]
        for d in group
    }
    assert required <= names


def test_readme_documents_every_column_and_target():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    for name, schema in SCHEMAS.items():
        assert f"{name}.csv" in readme
        for column in schema.columns:
            assert f"`{column}`" in readme, f"README lacks column {column} of {name}.csv"
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"^([a-z-]+):", makefile, flags=re.M)
    for target in targets:
        if target not in {"help", "clean", "format", "test-fast", "browser", "setup"}:
            assert f"make {target}" in readme, f"README does not mention make {target}"
    start, end = (readme.index(marker) for marker in README_COLUMNS)
    assert readme[start + len(README_COLUMNS[0]) : end].strip() == columns_markdown().strip(), (
        "README column tables are stale: run `h200 describe --update-readme`"
    )
    first_lines = readme.split("\n## ")[0]
    assert "make report" in first_lines and "make test" in first_lines


def test_make_help_lists_every_target():
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"^([a-z-]+):", makefile, flags=re.M)
    described = re.findall(r"^([a-z-]+):.*## \S", makefile, flags=re.M)
    assert targets and described == targets, set(targets) - set(described)


def test_readme_what_is_where_names_every_module_of_the_package():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What is where", 1)[1].split("\n## ", 1)[0]
    modules = sorted(
        p
        for p in paths.PACKAGE_DIR.rglob("*.py")
        if p.name != "__init__.py" and "vendor" not in p.parts
    )
    for module in modules:
        folder = module.parent.relative_to(paths.ROOT).as_posix()
        assert f"`{module.stem}`" in section, f"README does not name {module}"
        assert f"`{folder}/`" in section or module.parent == paths.PACKAGE_DIR, folder


@pytest.mark.slow  # two processes of its own
def test_reading_a_notebook_builds_no_iri_parsers():
    # The guard in h200report/__init__.py saves a second per process that reads a
    # notebook; an upstream rename would silently bring the second back.
    probe = """
import sys, h200report, nbformat
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
nbformat.validate(nb)
try:
    nbformat.validate({"nbformat": 4})
except nbformat.ValidationError:
    pass
else:
    raise SystemExit("a broken notebook validated")
print("lark" in sys.modules, "rfc3987_syntax" in sys.modules and sys.modules["rfc3987_syntax"])
"""
    guarded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert guarded.returncode == 0, guarded.stderr
    assert guarded.stdout.split() == ["False", "None"]
    unguarded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, nbformat; nbformat.validate("
            "nbformat.v4.new_notebook()); print('rfc3987_syntax' in sys.modules)",
        ],
        capture_output=True,
        text=True,
    )
    # Where the library is installed at all, jsonschema imports it unguarded: the guard
    # is what keeps it out, not an accident of the environment.
    installed = bool(importlib.metadata.packages_distributions().get("rfc3987_syntax"))
    assert unguarded.stdout.split() == [str(installed)]
