"""The report model function by function, on the small frames of ``test_charts``: what
each frame holds, how sources are named, which gloss a reader gets, how notes read."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from h200report.factbase.notes import Note
from h200report.report import claims, display, model, prose, sourcing, timeline
from tests.report.test_charts import S1, S2, report, tables


def test_a_source_is_named_by_its_outlet_and_day_in_the_readers_language():
    en, zh = report(), report(language="zh")
    assert model.source_name(en, S1) == "x, 4 Mar 2026"
    assert model.source_name(zh, S2) == "y,2026年3月14日"
    assert model.source_name(en, None) == ""


def test_the_curated_outlet_and_the_one_it_relays_name_a_source():
    record = {"site": "portal.example (footer)", "outlet": None, "cites": None}
    assert model.outlet(record, "en") == "portal.example"  # the site without its note
    record |= {"outlet": "Sina Finance", "outlet_zh": "新浪财经", "cites": "Bloomberg"}
    assert model.outlet(record, "en") == "Bloomberg via Sina Finance"
    # No Chinese for the cited outlet yet: its English stands in the Chinese sentence.
    assert model.outlet(record, "zh") == "Bloomberg(经新浪财经)"
    assert model.outlet_name(record, "zh") == "新浪财经"


def test_two_sources_of_one_outlet_and_day_are_told_apart_by_their_short_id():
    t = tables()
    t["sources"].loc[1, ["site", "published_at"]] = ["x", "2026-03-04"]
    names = model.source_names(t, "en")
    assert names[S1] != names[S2] and names[S1].endswith("(001)")


@pytest.mark.parametrize(
    ("quote", "en", "zh", "lang", "shown"),
    [
        ("美国设定上限", "The US set a cap", None, "en", "The US set a cap"),
        ("美国设定上限", "The US set a cap", None, "zh", None),  # a Chinese reader reads it
        ("The US set a cap", None, "美国设定上限", "zh", "美国设定上限"),
        ("The US set a cap", None, None, "zh", None),  # shown as it is, marked English
        ("The US set a cap", None, "美国设定上限", "en", None),
    ],
)
def test_a_reader_gets_the_gloss_of_a_quote_not_in_their_language(quote, en, zh, lang, shown):
    assert model.gloss(quote, en, zh, lang) == shown


def test_days_read_in_each_language_and_other_text_stays():
    assert model.day_text("2026-03-04T11:35:21", "en") == "4 Mar 2026"
    assert model.day_text("2026-03-04", "zh") == "2026年3月4日"
    assert model.day_text("early 2026", "en") == "early 2026"


def test_key_figures_follow_the_labels_headline_order_and_publication():
    r = report()
    frame = claims.key_figures(r)
    order = [k for k in r.labels.report.headline if k in set(tables()["facts"]["key"])]
    labels = [r.labels.key_label(k, "en", k) for k in order]
    assert list(dict.fromkeys(frame["figure"])) == [
        lab for lab in labels if lab in set(frame["figure"])
    ]
    caps = frame[frame["figure"] == r.labels.key_label("cap_per_company", "en", "")]
    assert list(caps["source"]) == [model.source_name(r, S1), model.source_name(r, S2)]
    assert list(caps["value"]) == ["at most 75,000 chips"] * 2


def test_a_zero_statement_speaks_up_to_its_periods_end():
    frame = claims.zero_statements(report())
    assert list(frame["fact_id"]) == ["zero_imports.1"]
    assert (frame["period_start"].iloc[0], frame["as_of"].iloc[0]) == ("2025-12-08", "2026-02-24")


def test_an_undated_zero_statement_speaks_from_the_unban_to_its_articles_day():
    t = tables()
    t["facts"].loc[t["facts"]["fact_id"] == "zero_imports.1", ["date_start", "date_end"]] = None
    r = model.Report(report().settings, t, report().labels)
    row = claims.zero_statements(r).iloc[0]
    assert (row["period_start"], row["as_of"]) == ("2025-12-08", "2026-03-04")


def test_bounds_keep_the_parts_the_chart_draws():
    frame = claims.bounds(report())
    assert {"point", "low", "high", "bound"} <= set(frame.columns)
    assert frame["bound"].notna().all()


def test_the_timeline_has_one_row_per_event_with_its_worst_verdict():
    frame = timeline.timeline(report())
    assert list(frame["event_id"]) == ["unban_announcement", "ces", "hearing"]
    assert dict(zip(frame["event_id"], frame["verdict"], strict=True))["hearing"] == "conflict"
    assert timeline.event_verdicts(tables()) == {"hearing": "conflict"}


def test_aspects_come_from_the_verdict_columns_never_from_the_sentence():
    row = {"aspects": "value: agree (made up); status: conflict (x)", "verdict_value": "agree"}
    row |= {"verdict_metric": None, "verdict_status": None, "verdict_date": None}
    assert sourcing.aspects(row, "en") == ["Value: agree"]
    assert sourcing.aspects(row, "zh") == ["数值: 一致"]


def test_what_only_one_source_states_is_a_row_not_a_card():
    r = report()
    assert sourcing.compared(r) == []  # the one comparison has no second side
    single = sourcing.single_source(r)
    assert list(single["source"]) == [model.source_name(r, S1)]


def test_verdict_counts_cover_every_verdict():
    counts = sourcing.verdict_counts(report())
    assert counts["conflict"] == 1 and sum(counts.values()) == 1


def test_a_table_escapes_text_marks_languages_and_drops_an_empty_gloss_column():
    frame = pd.DataFrame(
        {"quote": ["<b>美国</b>"], "gloss": [None], "value": [75000.0], "fact_id": ["f.1"]}
    )
    shown = display.table(frame, "en")
    assert "&lt;b&gt;美国&lt;/b&gt;" in shown and "<b>" not in shown
    assert 'lang="zh"' in shown and "75,000" in shown
    assert "English gloss" not in shown and "f.1" not in shown  # no empty or internal column
    assert shown.text.endswith("1 row(s)")


def test_notes_read_in_the_readers_language_naming_their_file():
    note = Note(
        "untranslated",
        Path("seeds/sources.yaml"),
        ("source", S1),
        fields=("site",),
        wanted=("site_zh",),
        sources=(S1,),
    )
    assert (
        str(note)
        == f"seeds/sources.yaml: source {S1} has site but no site_zh: the zh report shows the English"
    )
    assert prose.note_text(note, "en") == str(note)
    zh = prose.note_text(note, "zh")
    assert zh.startswith("seeds/sources.yaml:") and "site_zh" in zh and "英文" in zh
    stale = Note(
        "stale_suggestion",
        Path("s.yaml"),
        ("suggestion", "7.5万"),
        ("no_match",),
        (),
        (S1,),
        at="12",
    )
    assert "h200 suggest" in prose.note_text(stale, "zh") and "7.5万" in prose.note_text(
        stale, "en"
    )


def test_curation_notes_list_the_other_notes_after_the_uncurated_counts():
    r = report()
    assert prose.curation_notes(r) is None  # nothing waits
    r.notes = [Note("unlabelled", Path("data/curated/labels.yaml"), ("metric", "chips sold"))]
    text = prose.curation_notes(r)
    assert text.startswith(r.t("curator_notes")) and "chips sold" in text


def test_prose_of_an_empty_report_is_nothing():
    r = report(as_of="2020-01-01")
    r.tables = {name: frame.iloc[0:0] for name, frame in r.tables.items()}
    assert (
        display.overview(r) is None
        and prose.verdicts(r) is None
        and display.show(pd.DataFrame(), r) is None
    )
    assert "2020-01-01" in prose.status(r)
