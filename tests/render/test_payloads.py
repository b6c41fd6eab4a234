"""Article text carrying script payloads, rendered and opened in Chromium: nothing runs,
the payload text is visible."""

from __future__ import annotations

import shutil

import pytest
import yaml

from h200report import paths
from h200report.render.pipeline import render

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    '<a href="javascript:window.__pwned=1">点击</a>',
]


def _add_payload_article(seeds, data) -> None:
    """An article, its metadata and a curated claim whose every text carries a payload."""
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
    curated = data / "curated"
    facts = yaml.safe_load((curated / "facts.yaml").read_text(encoding="utf-8"))
    facts["facts"].append(
        {
            "fact_id": "payload_claim.payload",
            "key": "payload_claim",
            "topic": "context",
            "subject": PAYLOADS[0],
            "metric": f"metric {PAYLOADS[1]}",
            "value_text": f"claim {PAYLOADS[2]}",
            "status": "opinion",
            "attributed_to": f"who {PAYLOADS[0]}",
            "source_id": "payload",
            "note": f"note {PAYLOADS[1]}",
            "quotes": [{"quote": "这是一篇用于安全测试的文章", "gloss_en": f"gloss {PAYLOADS[2]}"}],
        }
    )
    (curated / "facts.yaml").write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
    labels = yaml.safe_load((curated / "labels.yaml").read_text(encoding="utf-8"))
    labels["keys"]["payload_claim"] = {"en": f"label {PAYLOADS[0]}", "zh": f"标签{PAYLOADS[1]}"}
    (curated / "labels.yaml").write_text(
        yaml.safe_dump(labels, allow_unicode=True), encoding="utf-8"
    )


def test_every_text_a_reader_sees_stays_text(project_copy, tmp_path, chromium):
    """Payloads in an article's body, its metadata and its curated record (claim, who,
    note, gloss, label, metric): shown as text on every page a reader opens (the
    reports, the landing page with its change sentences, the single-file edition),
    never run."""
    seeds, data = project_copy
    root = tmp_path / "reports"
    options = {
        "output_root": root,
        "seeds_dir": seeds,
        "data_dir": data,
        "param_sets": ["en"],
        "notebooks": ["04_sources", "00_overview"],
        "jobs": 1,  # one kernel for both notebooks: a kernel costs seconds of CPU
    }
    with open(tmp_path / "progress.txt", "w") as quiet:
        assert render(progress_stream=quiet, **options).ok  # what the payloads are new to
        _add_payload_article(seeds, data)
        result = render(progress_stream=quiet, **options)
    assert result.ok, result.failures
    pages = {
        "sources": result.run_dir / "en" / "04_sources.html",
        "overview": result.run_dir / "en" / "00_overview.html",
        "landing": result.run_dir / "index.html",
        "edition": result.run_dir / "en" / "all-reports.html",
    }
    seen = {}
    for name, page in pages.items():
        check = chromium.open(page)
        assert check.pwned is None and not check.page_errors, name
        assert not check.problems(), (name, check.problems())
        seen[name] = check.text
    for payload in PAYLOADS:
        # The sources report shows the body's and the curated record's texts ...
        assert payload in seen["sources"], f"payload not shown as text: {payload}"
        # ... the landing page says what is new (the article's title, the claim's label).
        assert payload in seen["landing"] or payload in seen["edition"], payload
    assert f"label {PAYLOADS[0]}" in seen["landing"]  # new claim: its label, as text
    # New source: its headline, as text (the English one on the English landing page).
    assert f"Payload {PAYLOADS[1]}" in seen["landing"]
    assert "claim " + PAYLOADS[2] in seen["sources"] and "who " + PAYLOADS[0] in seen["sources"]
    assert "gloss " + PAYLOADS[2] in seen["sources"]
    shutil.rmtree(root)
