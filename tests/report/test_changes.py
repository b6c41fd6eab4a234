"""The change lines on small hand-made snapshots: sentences that name each source by its
outlet and day, in the reader's language, never by a raw id or a Python list."""

from __future__ import annotations

import copy
import re

import pytest

from h200report.report.changes import lines

A, B = "000_2f7d0e62f1c70453", "002_287867cbdb6dda5d"
SOURCES = {
    A: {
        "title": "一块H200芯片都没卖到中国",
        "site": "unknown Chinese news portal (self-media column; the capture names no outlet)",
        "published_at": "2026-03-04 11:35:21",
        "sha256": "a" * 64,
    },
    B: {
        "title": "特朗普计划落空?",
        "site": "71396.com (footer 'Powered By 71396.com')",
        "published_at": "2026-03-14",
        "sha256": "b" * 64,
    },
}
LABELS = {
    "keys": {"cap_per_company": {"en": "Per-company cap", "zh": "每家公司上限"}},
    "metrics": {},
    "report": {
        "headline": [],
        "against_caps": [],
        "per_company_cap": "cap_per_company",
        "overall_cap": "cap_overall",
        "fee_rate": "fee_rate",
        "unban_event": "unban",
    },
}
EVENT = {"title_en": "Unban announced", "title_zh": "宣布解禁", "sources": [A, B]}
FACT = {"key": "cap_per_company", "source_id": B, "metric": "cap", "status": "planned"}


def _nothing() -> dict:
    return {"added": [], "removed": [], "changed": []}


def _snapshot(sources: dict = SOURCES) -> dict:
    return {
        "sources": copy.deepcopy(sources),
        "facts": {"cap_per_company.002": FACT},
        "events": {"unban": EVENT},
        "verdicts": {},
        "labels": LABELS,
    }


def _changes(**kinds) -> dict:
    out = {"compared": True, **{k: _nothing() for k in ("sources", "facts", "events", "verdicts")}}
    for kind, what in kinds.items():
        out[kind] = {**_nothing(), **what}
    return out


EVERY_KIND = _changes(
    sources={"added": [{"id": B, **SOURCES[B]}]},
    facts={
        "changed": [
            {
                "id": "cap_per_company.002",
                "record": FACT,
                "fields": {"status": {"before": "announced", "after": "planned"}},
            }
        ]
    },
    events={
        "changed": [
            {
                "id": "unban",
                "record": EVENT,
                "fields": {"sources": {"before": [A], "after": [A, B]}},
            }
        ]
    },
    verdicts={
        "changed": [
            {
                "id": f"cap_per_company {A} {B}",
                "record": {"key": "cap_per_company", "source_a": A, "source_b": B},
                "fields": {"verdict": {"before": "conflict", "after": "agree"}},
            }
        ]
    },
)
PORTAL, SITE_B = "unknown Chinese news portal", "71396.com"


def test_changes_are_english_sentences_naming_outlets_and_days():
    assert lines(EVERY_KIND, _snapshot(), "en") == [
        f"new source: {SITE_B}, 14 Mar 2026, “特朗普计划落空?”",
        f"Per-company cap ({SITE_B}, 14 Mar 2026): status announced → planned",
        f"Unban announced: reported by {PORTAL}, 4 Mar 2026 → "
        f"{PORTAL}, 4 Mar 2026; {SITE_B}, 14 Mar 2026",
        f"verdict on Per-company cap ({PORTAL}, 4 Mar 2026 vs {SITE_B}, 14 Mar 2026): "
        "conflict → agree",
    ]


def test_changes_are_chinese_sentences_in_the_zh_report():
    assert lines(EVERY_KIND, _snapshot(), "zh") == [
        f"新来源:{SITE_B},2026年3月14日《特朗普计划落空?》",
        f"每家公司上限({SITE_B},2026年3月14日):状态:已宣布 → 计划中",
        f"宣布解禁:报道来源:{PORTAL},2026年3月4日 → {PORTAL},2026年3月4日;{SITE_B},2026年3月14日",
        f"每家公司上限({PORTAL},2026年3月4日对{SITE_B},2026年3月14日)的结论:冲突 → 一致",
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_line_shows_a_raw_id_or_a_python_list(lang):
    said = "\n".join(lines(EVERY_KIND, _snapshot(), lang))
    assert not re.search(r"\b00[02]_|\['|'\]", said), said


def test_the_site_in_chinese_is_used_where_the_snapshot_has_it():
    sources = copy.deepcopy(SOURCES)
    sources[A]["site_zh"] = "不明的中文新闻门户(自媒体专栏;页面未注明媒体名称)"
    said = lines(EVERY_KIND, _snapshot(sources), "zh")
    assert (
        said[-1]
        == f"每家公司上限(不明的中文新闻门户,2026年3月4日对{SITE_B},2026年3月14日)的结论:冲突 → 一致"
    )
    assert PORTAL in lines(EVERY_KIND, _snapshot(sources), "en")[-1]


def test_a_removed_source_and_two_stories_of_one_outlet_and_day():
    same_day = {"title": "t", "site": "Reuters", "published_at": "2026-01-14 09:00:00"}
    sources = {"reuters_h200_jan": same_day, "reuters_h200_jan_2": {**same_day, "title": "u"}}
    changes = _changes(sources={"removed": [{"id": "old_one", **same_day, "site": "CNA"}]})
    snapshot = {**_snapshot(sources), "facts": {}, "events": {}}
    assert lines(changes, snapshot, "en") == ["source removed: CNA, 14 Jan 2026, “t”"]
    changes = _changes(sources={"added": [{"id": k, **v} for k, v in sources.items()]})
    assert lines(changes, snapshot, "en") == [
        "new source: Reuters, 14 Jan 2026, reuters_h200_jan, “t”",
        "new source: Reuters, 14 Jan 2026, reuters_h200_jan_2, “u”",
    ]


def test_a_changed_field_is_named_in_the_readers_words():
    record = {**SOURCES[B], "published_at": "2026-03-15 08:00:00"}
    changes = _changes(
        sources={
            "changed": [
                {
                    "id": B,
                    "record": record,
                    "fields": {"published_at": {"before": "2026-03-14", "after": "2026-03-15"}},
                }
            ]
        },
        events={
            "changed": [
                {
                    "id": "unban",
                    "record": EVENT,
                    "fields": {"title_zh": {"before": "解禁", "after": "宣布解禁"}},
                }
            ]
        },
    )
    snapshot = _snapshot({**SOURCES, B: record})
    # The English report leaves out what changed in the Chinese text only.
    assert lines(changes, snapshot, "en") == [
        f"{SITE_B}, 15 Mar 2026: date 14 Mar 2026 → 15 Mar 2026"
    ]
    assert lines(changes, snapshot, "zh") == [
        f"{SITE_B},2026年3月15日:日期:2026年3月14日 → 2026年3月15日",
        "宣布解禁:标题:解禁 → 宣布解禁",
    ]


def test_a_new_source_is_named_by_its_english_headline_in_the_en_report():
    translated = {**SOURCES[B], "title_en": "Trump's plan falls through?", "site_zh": "71396网"}
    changes = _changes(sources={"added": [{"id": B, **translated}]})
    snapshot = _snapshot({**SOURCES, B: translated})
    assert lines(changes, snapshot, "en") == [
        f"new source: {SITE_B}, 14 Mar 2026, “Trump's plan falls through?”"
    ]
    (zh,) = lines(changes, snapshot, "zh")
    assert "71396网" in zh and "特朗普计划落空?" in zh and "Trump" not in zh


def test_the_snapshot_keeps_what_the_change_lines_name_in_each_language(project_copy):
    from h200report.factbase.build import build
    from h200report.factbase.snapshot import snapshot

    seeds, data = project_copy
    kept = snapshot(build(seeds, data))["sources"]
    assert all({"title_en", "site_zh"} <= set(record) for record in kept.values())
