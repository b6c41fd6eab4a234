"""Article text carrying script payloads, rendered and opened in Chromium: nothing runs,
the payload text is visible."""

from __future__ import annotations

import shutil

import pytest
import yaml

from h200report import paths
from h200report.render.htmlexport import count_plotly_outputs
from h200report.render.pipeline import render

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '<a href="javascript:window.__pwned=1">点击</a>',
]


def test_article_text_with_payloads_never_executes(project_copy, tmp_path, chromium):
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
    check = chromium.open(sources_html)
    assert check.pwned is None and not check.page_errors
    for payload in PAYLOADS:
        assert payload in check.text, f"payload not shown as text: {payload}"
    assert not check.problems(count_plotly_outputs(sources_html.with_suffix(".ipynb")))
    shutil.rmtree(root)
