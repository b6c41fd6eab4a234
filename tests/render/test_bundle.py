"""The plotly.js a report inlines: the vendored basic bundle when it draws every chart.

A report is forwarded by mail: it must stay small (at most 1.6 MB) and still open with
no network. The vendored bundle must be of plotly's own plotly.js version, hold the
trace types it is said to hold, and draw the shipped reports in a real browser.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import sys
import tarfile

import nbformat
import plotly.graph_objects as go
import plotly.offline
import pytest

from h200report import paths
from h200report.errors import InputError
from h200report.paths import VENDOR_DIR
from h200report.render import bundles
from h200report.render.export import PLOTLY_MIME, count_plotly_outputs, export_html
from tests.support import stored_reports

MAX_REPORT_BYTES = 1_600_000
SHIPPED = stored_reports("en")
# The banner each plotly.js bundle opens with: how often plotly.js is in a page.
BANNER = re.compile(r"\* plotly\.js (?:\([^)]*\) )?v\d")


def _vendored(name: str) -> bytes:
    return (paths.VENDOR_DIR / name).read_bytes()


def test_vendored_bundle_is_the_plotly_js_version_plotly_ships():
    text = _vendored(bundles.BASIC_FILE).decode("utf-8")
    version = plotly.offline.get_plotlyjs_version()
    assert bundles.banner_version(text) == version, "run make vendor after upgrading plotly"
    assert bundles.basic_manifest()["version"] == version
    assert bundles.banner_version(plotly.offline.get_plotlyjs()) == version


def test_vendored_files_are_what_the_manifest_records():
    assert b"MIT License" in _vendored(bundles.LICENSE_FILE)
    manifest = bundles.basic_manifest()
    assert manifest["package"] == bundles.BASIC_PACKAGE
    assert manifest["integrity"].startswith("sha512-")
    assert hashlib.sha256(_vendored(bundles.BASIC_FILE)).hexdigest() == manifest["sha256"]
    # The trace types are data read from the bundle, not a list someone typed.
    text = _vendored(bundles.BASIC_FILE).decode("utf-8")
    assert set(manifest["traces"]) == bundles.registered_trace_types(text)
    assert {"scatter", "bar"} <= bundles.basic_trace_types()


def test_the_trace_types_of_a_bundle_are_read_from_it():
    full = bundles.registered_trace_types(plotly.offline.get_plotlyjs())
    basic = bundles.basic_trace_types()
    assert basic < full and {"heatmap", "scattergeo", "sankey"} <= full - basic


def test_the_smallest_bundle_that_draws_every_trace_type_is_chosen(monkeypatch):
    name, text = bundles.plotlyjs_for({"scatter", "bar"})
    assert name == "basic" and bundles.banner_version(text) and "(basic" in text[:100]
    assert bundles.plotlyjs_for(set())[0] == "basic"
    name, text = bundles.plotlyjs_for({"scatter", "heatmap"})
    assert name == "full" and "(basic" not in text[:100]
    assert "</script" not in bundles.bundle_text("basic")
    assert "</script" not in bundles.bundle_text("full")
    # A vendored bundle of another plotly.js than plotly's would draw the figures wrong.
    monkeypatch.setattr(bundles, "plotlyjs_version", lambda: "0.0.1")
    assert bundles.plotlyjs_for({"scatter"})[0] == "full"


def test_a_figures_trace_types_include_what_its_controls_restyle_to():
    spec = {
        "data": [{"x": [1]}, {"type": "bar"}],
        "layout": {
            "sliders": [{"steps": [{"method": "restyle", "args": [{"type": "heatmap"}, [0]]}]}],
            "updatemenus": [{"buttons": [{"method": "update", "args": [{"type": ["pie"]}, {}]}]}],
        },
    }
    assert bundles.figure_trace_types(spec) == {"scatter", "bar", "heatmap", "pie"}


def test_a_run_key_changes_with_either_bundle(monkeypatch, tmp_path):
    """The basic bundle is vendored inside the package, the full one ships with plotly:
    the package digest and the tool versions in every run key cover both."""
    from h200report.render import plan

    shutil.copytree(
        paths.PACKAGE_DIR, tmp_path / "pkg", ignore=shutil.ignore_patterns("__pycache__")
    )
    before = plan.package_digest.__wrapped__(tmp_path / "pkg")
    vendored = tmp_path / "pkg" / VENDOR_DIR.relative_to(paths.PACKAGE_DIR) / bundles.BASIC_FILE
    vendored.write_text(vendored.read_text(encoding="utf-8") + "//", encoding="utf-8")
    assert plan.package_digest.__wrapped__(tmp_path / "pkg") != before
    assert "plotly" in plan.TOOLS
    inputs = plan.RunInputs("nb", {}, {}, {}, package="p", tools={"plotly": "7.1.0"})
    newer = plan.RunInputs("nb", {}, {}, {}, package="p", tools={"plotly": "7.2.0"})
    assert inputs.key != newer.key


def _figure_notebook(*figures: go.Figure):
    cells = []
    for figure in figures:
        cell = nbformat.v4.new_code_cell("fig")
        cell.outputs = [
            nbformat.v4.new_output(
                "display_data", data={PLOTLY_MIME: json.loads(figure.to_json()), "text/plain": ""}
            )
        ]
        cells.append(cell)
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Bundles"), *cells])


SCATTER_BAR = (go.Figure(go.Scatter(x=[1, 2], y=[3, 1])), go.Figure(go.Bar(x=["a"], y=[2])))
HEATMAP = go.Figure(go.Heatmap(z=[[1, 2], [3, 4]]))


@pytest.mark.parametrize(
    ("figures", "bundle"),
    [(SCATTER_BAR, "basic"), ((*SCATTER_BAR, HEATMAP), "full"), ((), None)],
    ids=["scatter-bar", "with-heatmap", "no-chart"],
)
def test_export_inlines_the_bundle_its_figures_need(figures, bundle):
    page, info = export_html(_figure_notebook(*figures), "bundles")
    assert info["plotlyjs"] == bundle and info["plots"] == len(figures)
    banners = BANNER.findall(page)
    assert len(banners) == (0 if bundle is None else 1)
    if bundle:
        assert ("(basic" in banners[0]) == (bundle == "basic")


@pytest.fixture(scope="module")
def shipped_reports(tmp_path_factory):
    """Every shipped notebook (stored executed) exported as the render does, in English."""
    folder = tmp_path_factory.mktemp("shipped")
    out = {}
    for path in SHIPPED:
        page, info = export_html(nbformat.read(path, as_version=4), path.stem, language="en")
        (folder / f"{path.stem}.html").write_text(page, encoding="utf-8")
        out[path.stem] = (folder / f"{path.stem}.html", info)
    return out


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_a_shipped_report_is_small_and_inlines_plotly_js_once(shipped_reports, path):
    html_path, info = shipped_reports[path.stem]
    size = html_path.stat().st_size
    assert size <= MAX_REPORT_BYTES, f"{path.stem}.html is {size:,} bytes"
    page = html_path.read_text(encoding="utf-8")
    assert len(BANNER.findall(page)) == 1 and info["plotlyjs"] == "basic"


@pytest.mark.browser
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_a_basic_bundle_report_draws_every_chart_offline(shipped_reports, chromium, path):
    html_path, _ = shipped_reports[path.stem]
    check = chromium.open(html_path)
    assert check.plots_drawn == count_plotly_outputs(path) >= 1
    assert check.problems(expected_plots=count_plotly_outputs(path)) == []
    assert check.blocked_requests == [] and check.trace_fallbacks == []
    assert check.console_messages == []


@pytest.mark.browser
def test_a_full_bundle_report_draws_what_the_basic_one_cannot(tmp_path, chromium):
    page, info = export_html(_figure_notebook(HEATMAP), "heat")
    assert info["plotlyjs"] == "full"
    (tmp_path / "heat.html").write_text(page, encoding="utf-8")
    check = chromium.open(tmp_path / "heat.html")
    assert check.plots_drawn == 1 and check.trace_fallbacks == [] and check.problems() == []


FAKE_NPM = """\
import json, pathlib, shutil, sys
here = pathlib.Path(__file__).parent
args = sys.argv[1:]
if args[0] == "view":
    print(json.dumps({"integrity": (here / "integrity").read_text()}))
elif args[0] == "pack":
    dest = pathlib.Path(args[args.index("--pack-destination") + 1])
    shutil.copy(here / "package.tgz", dest / "package.tgz")
    print(json.dumps([{"filename": "package.tgz"}]))
"""


def _fake_npm(folder, files: dict[str, str], integrity: str | None = None):
    """An npm that serves one hand-made tarball, with the given (or the true) integrity."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, text in files.items():
            data = text.encode("utf-8")
            member = tarfile.TarInfo(f"package/{name}")
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
    (folder / "package.tgz").write_bytes(buffer.getvalue())
    (folder / "integrity").write_text(integrity or bundles.npm_integrity(buffer.getvalue()))
    npm = folder / "npm"
    npm.write_text(f"#!{sys.executable}\n{FAKE_NPM}", encoding="utf-8")
    npm.chmod(0o755)
    return str(npm)


PACKAGE = {
    "plotly-basic.min.js": "/**\n* plotly.js (basic - minified) v9.1.0\n*/\n"
    'a={moduleType:"trace",name:"scatter"};b={moduleType:"trace",name:"bar"}',
    "LICENSE": "MIT License\n",
    "README.md": "Contains trace modules `bar` and `scatter`.\n",
}


def test_make_vendor_writes_the_bundle_its_licence_and_trace_types(tmp_path):
    out = tmp_path / "vendor"
    manifest = bundles.refresh("9.1.0", folder=out, npm=_fake_npm(tmp_path, PACKAGE))
    assert manifest["traces"] == ["bar", "scatter"] and manifest["version"] == "9.1.0"
    assert (out / "plotly-basic.min.js").read_text() == PACKAGE["plotly-basic.min.js"]
    assert (out / "LICENSE").read_text() == "MIT License\n"
    assert json.loads((out / "plotly-basic.json").read_text()) == manifest


@pytest.mark.parametrize(
    ("change", "integrity", "message"),
    [
        ({}, "sha512-AAAA", "the registry says sha512-AAAA"),
        ({"README.md": "Contains trace modules `bar`, `pie` and `scatter`.\n"}, None, "README"),
        ({"plotly-basic.min.js": "/**\n* plotly.js (basic) v9.0.0\n*/"}, None, "v9.0.0"),
    ],
    ids=["integrity", "trace-list", "version"],
)
def test_make_vendor_refuses_a_tarball_that_is_not_what_it_should_be(
    tmp_path, change, integrity, message
):
    npm = _fake_npm(tmp_path, {**PACKAGE, **change}, integrity)
    with pytest.raises(InputError, match=re.escape(message)):
        bundles.refresh("9.1.0", folder=tmp_path / "vendor", npm=npm)
    assert not (tmp_path / "vendor").exists()


def test_make_vendor_without_npm_is_one_line(tmp_path):
    with pytest.raises(InputError, match="needs npm"):
        bundles.refresh("9.1.0", folder=tmp_path / "vendor", npm=str(tmp_path / "no-npm"))
