"""The real reports, rendered and opened offline in Chromium (issue: shareable HTML).

Every report of every parameter set: each chart drawn (Plotly roots counted against
the figures in the executed notebook), no request leaving the file, no console
error. A render of a seed set carrying script payloads: nothing runs, the payload
text is visible.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

from h200report import paths
from h200report.render.htmlexport import count_plotly_outputs
from h200report.render.pipeline import render
from tests.support import browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(bool(browser.missing()), reason=f"missing: {browser.missing()}"),
]
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '<a href="javascript:window.__pwned=1">点击</a>',
]


@pytest.fixture(scope="module")
def full_render(tmp_path_factory):
    root = tmp_path_factory.mktemp("reports")
    with open(root / "progress.txt", "w") as quiet:
        result = render(output_root=root, progress_stream=quiet)
    assert result.ok, result.failures
    return result


def test_every_report_draws_every_chart_offline(full_render):
    htmls = sorted(full_render.run_dir.glob("*/*.html"))
    stored = sorted(paths.NOTEBOOKS_DIR.glob("[!_]*.ipynb"))
    assert len(htmls) == 2 * len(stored) and {p.parent.name for p in htmls} == {"en", "zh"}
    for html in htmls:
        expected = count_plotly_outputs(html.with_suffix(".ipynb"))
        assert expected > 0, f"{html.name} has no chart"
        check = browser.check_report_html(html, expected_plots=expected)
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


def test_article_text_with_payloads_never_executes(project_copy, tmp_path):
    seeds, data = project_copy
    body = (
        f"{PAYLOADS[0]}美国商务部表示,每家公司采购上限定在7.5万片以内{PAYLOADS[1]},"
        f"远不足企业意向采购量的一半。{PAYLOADS[2]}这是一篇用于安全测试的文章,内容由测试生成,并无真实来源。\n"
    )
    (seeds / "payload.txt").write_text(f"{PAYLOADS[0]}标题\n\n{body}", encoding="utf-8")
    doc = yaml.safe_load((seeds / paths.SOURCES_FILE_NAME).read_text(encoding="utf-8"))
    doc["sources"]["payload"] = {
        "title": f"标题{PAYLOADS[0]}",
        "title_en": f"Payload {PAYLOADS[1]}",
        "site": PAYLOADS[2],
        "published_at": "2026-03-10",
        "published_precision": "day",
        "date_kind": "published",
        "language": "zh-Hans",
        "note": PAYLOADS[0],
    }
    (seeds / paths.SOURCES_FILE_NAME).write_text(
        yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8"
    )
    root = tmp_path / "reports"
    with open(tmp_path / "progress.txt", "w") as quiet:
        result = render(
            output_root=root,
            seeds_dir=seeds,
            data_dir=data,
            param_sets=["en"],
            notebooks=["04_sources", "00_overview"],
            progress_stream=quiet,
        )
    assert result.ok, result.failures
    sources_html = result.run_dir / "en" / "04_sources.html"
    check = browser.open_report(sources_html)
    assert check.pwned is None and not check.page_errors
    for payload in PAYLOADS:
        assert payload in check.text, f"payload not shown as text: {payload}"
    assert not check.problems(count_plotly_outputs(sources_html.with_suffix(".ipynb")))
    shutil.rmtree(root)
