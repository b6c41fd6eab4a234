"""One render of the shipped reports, shared by every test in this file (a render costs
tens of seconds; ``make test``'s workers split the suite by file, so its users live here).

Every report of every parameter set, opened offline in Chromium: each chart drawn
(Plotly roots counted against the figures in the executed notebook), no request
leaving the file, no console error; each in its one language; and each notebook's
outputs equal to its stored baseline.
"""

from __future__ import annotations

import configparser
import os
import re

import nbformat
import pytest

from h200report import paths
from h200report.render.edition import EDITION
from h200report.render.htmlexport import count_plotly_outputs
from h200report.render.pipeline import render
from tests.support import browser

pytestmark = pytest.mark.slow
SANITIZE = paths.NOTEBOOKS_DIR / "nbval_sanitize.cfg"
NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("[!_]*.ipynb"))


@pytest.fixture(scope="module")
def full_render(tmp_path_factory):
    """Every shipped notebook rendered for every parameter set of render.yaml."""
    root = tmp_path_factory.mktemp("full_render")
    with open(root / "progress.txt", "w") as quiet:
        result = render(output_root=root / "reports", progress_stream=quiet)
    assert result.ok, result.failures
    return result


@pytest.mark.browser
def test_every_report_draws_every_chart_offline(full_render, chromium):
    htmls = sorted(p for p in full_render.run_dir.glob("*/*.html") if p.name != EDITION)
    stored = sorted(paths.NOTEBOOKS_DIR.glob("[!_]*.ipynb"))
    assert len(htmls) == 2 * len(stored) and {p.parent.name for p in htmls} == {"en", "zh"}
    for html in htmls:
        expected = count_plotly_outputs(html.with_suffix(".ipynb"))
        assert expected > 0, f"{html.name} has no chart"
        check = browser.check_report_html(html, expected_plots=expected, chromium=chromium)
        assert "Traceback" not in check.text


def test_reports_read_in_their_language(full_render):
    en = (full_render.run_dir / "en" / "01_order_volumes.html").read_text(encoding="utf-8")
    zh = (full_render.run_dir / "zh" / "01_order_volumes.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in en and '<html lang="zh"' in zh
    assert "Zero statements since the unban" in en
    assert "Zero statements since the unban" not in zh
    index = (full_render.run_dir / "index.html").read_text(encoding="utf-8")
    for seed in paths.SEEDS_DIR.glob("*.txt"):
        assert seed.name in index
    # Links between reports point at the sibling HTML files, not at notebooks.
    overview = (full_render.run_dir / "en" / "00_overview.html").read_text(encoding="utf-8")
    assert (
        'href="01_order_volumes.html"' in overview
        and 'href="01_order_volumes.ipynb"' not in overview
    )


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

    code = [c for c in nb.cells if c.cell_type == "code"]
    own = [c for c in code if "injected-parameters" not in c.metadata.get("tags", [])]
    return [clean(c.get("outputs", [])) for c in own]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_render_gives_the_baseline_outputs(full_render, path):
    """Determinism: the render's execution has the stored baseline's outputs (after the
    declared sanitising); the strict nbval run is a second, independent execution
    compared with the same baseline."""
    # The en parameter set is the notebooks' defaults: its outputs are the baseline's.
    rendered = nbformat.read(full_render.run_dir / "en" / path.name, as_version=4)
    stored = nbformat.read(path, as_version=4)
    assert _outputs(rendered) == _outputs(stored)
    assert any(_outputs(stored)), "the notebook has outputs to compare"


def test_a_second_render_reuses_all_ten_reports(full_render):
    import json

    root = full_render.run_dir.parent
    with open(root.parent / "progress2.txt", "w") as quiet:
        second = render(output_root=root, progress_stream=quiet)
    assert second.ok and len(second.results) == 10
    assert [r.reused_from for r in second.results] == [full_render.run_dir.name] * 10
    changes = json.loads((second.run_dir / "changes.json").read_text(encoding="utf-8"))
    assert changes["compared"] and not any(
        changes[k][w]
        for k in ("sources", "facts", "events", "verdicts")
        for w in ("added", "removed", "changed")
    )
    # The overview says so, in each language (its HTML is exported again with this run's changes).
    en = (second.run_dir / "en" / "00_overview.html").read_text(encoding="utf-8")
    zh = (second.run_dir / "zh" / "00_overview.html").read_text(encoding="utf-8")
    assert "No change in the fact base since the last render." in en
    assert "自上次生成以来,事实库没有变化。" in zh
    first = (full_render.run_dir / "en" / "00_overview.html").read_text(encoding="utf-8")
    assert "there is no earlier render to compare with" in first
    listing = (root / "index.html").read_text(encoding="utf-8")
    assert second.run_dir.name in listing and full_render.run_dir.name in listing
    assert os.readlink(root / "latest") == second.run_dir.name
