"""Determinism: the same inputs give the same notebook outputs (after the declared sanitising).

(Byte-identical CSVs are shown in test_factbase.) Two executions of the same
notebook, and the stored baseline, must have equal outputs once the patterns in
notebooks/nbval_sanitize.cfg are applied; nothing else may differ.
"""

from __future__ import annotations

import concurrent.futures
import configparser
import re

import pytest

from h200report import paths
from h200report.render.baseline import execute

pytestmark = pytest.mark.slow
SANITIZE = paths.NOTEBOOKS_DIR / "nbval_sanitize.cfg"


def _patterns() -> list[tuple[re.Pattern, str]]:
    config = configparser.ConfigParser()
    config.read(SANITIZE, encoding="utf-8")
    return [(re.compile(config[s]["regex"]), config[s]["replace"]) for s in config.sections()]


def _outputs(nb) -> list:
    patterns = _patterns()

    def clean(value):
        if isinstance(value, str):
            for rx, repl in patterns:
                value = rx.sub(repl, value)
            return value
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {
                k: clean(v) for k, v in value.items() if k not in ("execution_count", "metadata")
            }
        return value

    return [clean(c.get("outputs", [])) for c in nb.cells if c.cell_type == "code"]


@pytest.mark.parametrize("name", ["01_order_volumes", "03_timeline"])
def test_two_executions_and_the_baseline_agree(name):
    import nbformat

    path = paths.NOTEBOOKS_DIR / f"{name}.ipynb"
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(lambda _: execute(path), range(2))
    stored = nbformat.read(path, as_version=4)
    assert _outputs(first) == _outputs(second)
    assert _outputs(first) == _outputs(stored)
    assert any(_outputs(first)), "the notebook has outputs to compare"
