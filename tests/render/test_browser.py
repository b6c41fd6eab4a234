"""Exported reports in a real offline Chromium: charts drawn, nothing fetched, no data runs.

Needs /usr/bin/chromium and playwright (`make browser`); skipped with the reason
when they are missing, so `make test-fast` machines are not blocked.
"""

from __future__ import annotations

import io
import re
import shutil

import pytest

from h200report.render.export import count_plotly_outputs
from h200report.render.publish import write_listing
from tests.support import FIXTURES, browser

NOTEBOOKS = FIXTURES / "render"
PIECES = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '<a href="javascript:window.__pwned=1">x</a>',
]

# Markers "browser" and "slow" must be declared in pyproject.toml.
pytestmark = pytest.mark.browser


@pytest.fixture
def run_dir(fixture_run):
    """The fixture and payload notebooks in both sets, rendered once for this file and
    test_render.py (tests/render/conftest.py)."""
    return fixture_run[0].run_dir


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


def test_the_listing_of_runs_fits_a_phone(run_dir, chromium, tmp_path):
    """reports/index.html (this run and a failed one) at laptop and phone width; at 390 px
    its five columns once made the page scroll sideways (479 px)."""
    (tmp_path / run_dir.name).mkdir()
    shutil.copy(run_dir / "run.json", tmp_path / run_dir.name)
    (tmp_path / "20260101T000000Z.failed").mkdir()
    listing = write_listing(tmp_path)
    for width in (1280, 390):
        check = browser.check_report_html(
            listing, 0, chromium, width=width, reader=True, language="en"
        )
        assert check.overflow == 0 and "complete" in check.text and "failed" in check.text


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


def test_nothing_of_one_check_reaches_the_next(tmp_path, chromium):
    # Every check navigates one tab: a page that keeps working after its check (a timer
    # fetching, logging an error, throwing) must leave the next page's check clean.
    restless = tmp_path / "restless.html"
    restless.write_text(
        "<!DOCTYPE html><html><body><p>text</p><script>"
        "setInterval(() => { fetch('https://cdn.example.invalid/late.js').catch(() => {});"
        " console.error('late error'); setTimeout(() => { throw new Error('late throw'); }); },"
        " 5);</script></body></html>",
        encoding="utf-8",
    )
    first = chromium.open(restless, after_load="() => new Promise(r => setTimeout(r, 100))")
    assert first.blocked_requests and first.console_errors and first.page_errors
    fine = _page(tmp_path)
    for _ in range(3):
        check = chromium.open(fine)
        assert not check.problems(reader=True, language="en"), check.problems()
        assert check.console_messages == []


# The reader checks, each on a small page made to fail it (and one made to pass it all).
CLEAN = (
    '<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Page</title></head><body><main><h1>Page</h1>{body}</main></body></html>"
)
PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def _page(tmp_path, body: str = "<p>Fine.</p>", lang: str = "en", name: str = "page") -> object:
    path = tmp_path / f"{name}.html"
    path.write_text(CLEAN.format(lang=lang, body=body), encoding="utf-8")
    return path


def test_a_clean_page_passes_every_reader_check(tmp_path, chromium):
    for width in (1280, 390):
        check = browser.check_report_html(
            _page(tmp_path), 0, chromium, width=width, reader=True, language="en"
        )
        assert check.axe_violations == [] and check.overflow == 0 and check.width == width
        assert check.viewport_width == width


def test_checker_sees_a_page_wider_than_the_screen(tmp_path, chromium):
    wide = _page(tmp_path, '<div id="wide" style="width:700px">wide text</div>', name="wide")
    check = chromium.open(wide, width=390)
    assert check.page_width > check.viewport_width == 390 and check.overflow > 0
    assert len(check.wide_elements) == 1 and check.wide_elements[0].startswith("div#wide (700 px")
    assert any("wider than the screen at 390 px" in p for p in check.problems(reader=True))
    assert check.problems() == []  # the default checks are what they were
    assert chromium.open(wide, width=1280).overflow == 0
    # A table that scrolls in its own box does not make the page scroll.
    inside = '<div style="overflow-x:auto"><div style="width:700px">wide</div></div>'
    assert chromium.open(_page(tmp_path, inside, name="inside"), width=390).overflow == 0


# A chart as Plotly leaves it in the page: its title is text inside the chart's SVG.
CHART = (
    '<div class="js-plotly-plot" id="{id}"><svg class="main-svg" width="300" height="120">'
    '<text class="gtitle" x="{x}" y="{y}" font-size="16">{title}</text></svg></div>'
)


def test_checker_sees_a_chart_title_cut_by_its_chart(tmp_path, chromium):
    inside = CHART.format(id="fits", x=4, y=30, title="Fits")
    above = CHART.format(id="high", x=4, y=5, title="Starts above the chart")
    wide = CHART.format(
        id="long",
        x=4,
        y=30,
        title="A title far longer than its chart is wide, so it runs past the edge",
    )
    check = chromium.open(_page(tmp_path, inside + above + wide), width=390)
    assert check.overflow == 0  # the SVG clips its text: the page does not scroll
    assert len(check.clipped_titles) == 2
    assert check.clipped_titles[0].startswith('high: "Starts above the chart" cut ')
    assert "at the top" in check.clipped_titles[0] and "at the right" in check.clipped_titles[1]
    assert any("chart titles cut at 390 px" in p for p in check.problems(reader=True))
    assert chromium.open(_page(tmp_path, inside, name="fits")).clipped_titles == []


# A chart's plot area, row label and legend as plotly.js draws them, in one SVG.
PARTS = (
    '<div class="js-plotly-plot" id="{id}"><svg class="main-svg" width="300" height="200">'
    '<rect class="nsewdrag" x="20" y="20" width="260" height="120"></rect>'
    '<text class="annotation-text" x="{label_x}" y="40" font-size="12">{label}</text>'
    '<g class="legend" transform="translate({legend_x},{legend_y})">'
    '<rect width="60" height="30"></rect></g></svg></div>'
)


def test_checker_sees_a_label_cut_and_a_legend_over_the_plot(tmp_path, chromium):
    fine = PARTS.format(id="fine", label_x=24, label="A short label", legend_x=20, legend_y=160)
    cut = PARTS.format(
        id="cut",
        label_x=24,
        label="A row label far too long for a chart of this width, cut at its edge",
        legend_x=20,
        legend_y=160,
    )
    over = PARTS.format(id="over", label_x=24, label="Under the legend", legend_x=20, legend_y=25)
    check = chromium.open(_page(tmp_path, fine + cut + over), width=390)
    assert check.chart_overlaps[0].startswith('cut: label "A row label far too long')
    assert check.chart_overlaps[1:] == [
        "over: legend over the plot",
        'over: legend over 1 label(s), "Under the legend"',
    ]
    assert any("chart labels cut or covered at 390 px" in p for p in check.problems(reader=True))
    assert chromium.open(_page(tmp_path, fine, name="fine")).chart_overlaps == []
    # A point's value written past the edge; two labels on one another.
    point = fine.replace(
        "</svg>",
        '<g class="textpoint"><text x="280" y="90" font-size="12">0 orders</text></g></svg>',
    )
    pair = fine.replace(
        "</svg>", '<text class="annotation-text" x="30" y="42" font-size="12">Unban</text></svg>'
    )
    found = chromium.open(_page(tmp_path, point + pair, name="more")).chart_overlaps
    assert len(found) == 2 and found[0].startswith('fine: label "0 orders" cut by ')
    assert found[1] == 'fine: labels over each other, "A short label" and "Unban"'


def test_checker_sees_missing_values_in_the_visible_text(tmp_path, chromium):
    body = (
        "<p>None of these is exact.</p><table><tr><td>cap</td><td>NaN</td></tr></table>"
        "<p>上限为None。</p><p style='display:none'>undefined</p><p>nanjing, Nonesuch</p>"
    )
    check = chromium.open(_page(tmp_path, body))
    assert [m.split(":")[0] for m in check.missing_values] == ["NaN", "None"]
    assert "cap" in check.missing_values[0] and "上限为None" in check.missing_values[1]
    assert any("missing values shown" in p for p in check.problems(reader=True))


def test_axe_finds_serious_violations_and_fetches_nothing(tmp_path, chromium):
    body = f'<img src="{PIXEL}"><button></button>'
    check = chromium.open(_page(tmp_path, body), axe=True)
    rules = {v.split(":")[0] for v in check.axe_violations}
    assert {"image-alt", "button-name"} <= rules
    assert all(re.search(r": .+ \(\d+ nodes\)$", v) for v in check.axe_violations)
    assert check.axe_nodes["image-alt"] == ["img"] and check.blocked_requests == []
    assert any("axe violations" in p for p in check.problems(reader=True))
    assert chromium.open(_page(tmp_path)).axe_violations is None  # axe runs only when asked


def test_lang_is_read_and_compared_with_the_report_language(tmp_path, chromium):
    check = chromium.open(_page(tmp_path, lang="en"))
    assert check.lang == "en" and check.problems(language="en") == []
    assert check.problems(language="zh") == ["<html lang> is 'en', the report is in 'zh'"]
    assert chromium.open(_page(tmp_path, lang="zh-Hans")).problems(language="zh") == []


def test_checker_sees_a_trace_drawn_as_another_type(tmp_path, chromium):
    from h200report.render.bundles import bundle_text

    # The basic bundle has no heatmap: plotly.js draws it as scatter and says nothing.
    body = (
        f"<script>{bundle_text('basic')}</script>"
        '<div id="heat" class="h200-plot" style="height:300px"></div>'
        "<script>Plotly.newPlot('heat', [{type: 'heatmap', z: [[1, 2], [3, 4]]}], {})</script>"
    )
    check = chromium.open(_page(tmp_path, body))
    assert check.plots_drawn == 1 and check.console_messages == []
    assert check.trace_fallbacks == ["heat trace 0: heatmap drawn as scatter"]
    assert check.problems() == [
        "traces drawn as another type: ['heat trace 0: heatmap drawn as scatter']"
    ]


SLIDER = """
<div id="fig" class="h200-plot" style="height:400px"></div>
<script>Plotly.newPlot('fig', [{type: 'bar', x: ['a'], y: [1]}], {
  title: {text: 'cap 50000'},
  sliders: [{active: 0, steps: [
    {label: '50000', method: 'update', args: [{y: [[1]]}, {'title.text': 'cap 50000'}]},
    {label: '75000', method: 'update', args: [{y: [[2]]}, {'title.text': 'cap 75000'}]}]}]
}, {responsive: true})</script>
"""


def test_a_function_runs_in_the_page_after_load(tmp_path, chromium):
    from h200report.render.bundles import bundle_text

    page = _page(tmp_path, f"<script>{bundle_text('basic')}</script>{SLIDER}")
    title = "() => document.querySelector('#fig .gtitle').textContent"
    assert chromium.evaluate(page, title) == "cap 50000"

    def move_slider(p):
        # A reader drags the slider: click the last step's end of the rail.
        box = p.locator("#fig .slider-rail-touch-rect").bounding_box()
        p.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
        p.wait_for_function(f"() => ({title})() !== 'cap 50000'")
        return p.evaluate(title)

    check = chromium.open(page, after_load=move_slider)
    assert check.evaluated == "cap 75000" and "cap 75000" in check.text
    assert chromium.evaluate(page, "n => n + 1", 41) == 42


def test_missing_reports_a_missing_chinese_font(tmp_path, monkeypatch):
    # fontconfig with no font folder at all: what a fresh Debian without fonts-noto-cjk has.
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    assert not browser.has_cjk_font()
    assert any("fonts-noto-cjk" in m and "fc-list :lang=zh" in m for m in browser.missing())
    monkeypatch.setattr(browser.os, "geteuid", lambda: 1000)  # not root: nothing installed
    said = io.StringIO()
    assert browser.ensure(said) == 1
    assert "apt-get install -y chromium fonts-noto-cjk" in said.getvalue()
