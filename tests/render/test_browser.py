"""Exported reports in a real offline Chromium: charts drawn, nothing fetched, no data runs.

Needs /usr/bin/chromium and playwright (`make browser`); skipped with the reason
when they are missing, so `make test-fast` machines are not blocked.
"""

from __future__ import annotations

import pytest
import yaml

from h200report.render.htmlexport import count_plotly_outputs
from h200report.render.pipeline import render
from tests.support import FIXTURES, browser

NOTEBOOKS = FIXTURES / "render"
PIECES = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '<a href="javascript:window.__pwned=1">x</a>',
]

# Markers "browser" and "slow" must be declared in pyproject.toml.
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    base = tmp_path_factory.mktemp("browser")
    config = base / "render.yaml"
    sets = {"en": {"language": "en"}, "zh": {"language": "zh"}}
    config.write_text(yaml.safe_dump({"parameter_sets": sets}), encoding="utf-8")
    result = render(
        notebooks=[str(NOTEBOOKS / "fixture.ipynb"), str(NOTEBOOKS / "payload.ipynb")],
        output_root=base / "reports",
        config_path=config,
        jobs=2,
    )
    assert result.ok, result.failures
    return result.run_dir


@pytest.mark.parametrize("param_set", ["en", "zh"])
@pytest.mark.parametrize("name", ["fixture", "payload"])
def test_report_draws_every_chart_offline(run_dir, chromium, param_set, name):
    expected = count_plotly_outputs(run_dir / param_set / f"{name}.ipynb")
    assert expected >= 1
    check = browser.check_report_html(
        run_dir / param_set / f"{name}.html", expected, chromium=chromium
    )
    assert check.plots_drawn == expected
    assert check.blocked_requests == [] and check.console_errors == []


def test_index_opens_offline(run_dir, chromium):
    check = browser.check_report_html(run_dir / "index.html", expected_plots=0, chromium=chromium)
    assert "Render fixture report" in check.text and "payload" in check.text.lower()


def test_article_text_never_runs(run_dir, chromium):
    check = chromium.open(run_dir / "en" / "payload.html")
    assert check.pwned is None
    for piece in PIECES:
        assert piece in check.text  # shown as text, in the table and the escaped title
    assert check.problems(expected_plots=1) == []


def test_checker_sees_requests_and_scripts(tmp_path, chromium):
    # The checks above prove something only if the checker notices a bad page.
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><head><script src="https://cdn.example.invalid/x.js"></script>'
        '</head><body><img src=x onerror="window.__pwned=1"><p>text</p></body></html>',
        encoding="utf-8",
    )
    check = chromium.open(page)
    assert any("cdn.example.invalid" in u for u in check.blocked_requests)
    assert check.pwned == 1
    assert check.problems()
