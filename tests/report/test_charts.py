"""Charts and views on small hand-made tables with the schema's columns."""

from __future__ import annotations

import json
import re

import pandas as pd
import plotly.graph_objects as go
import pytest
import yaml

from h200report.factbase.labels import Labels
from h200report.factbase.schemas import SCHEMAS
from h200report.report import charts, params, scenario, views
from h200report.report.charts import base as chart_base
from tests.support import CORPUS_CURATED

S1, S2 = "001_aaaa", "002_bbbb"


def _table(name: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        [{c: r.get(c) for c in SCHEMAS[name].columns} for r in rows],
        columns=list(SCHEMAS[name].columns),
    )


def _fact(fact_id, topic="quota", **kw):
    key, source = fact_id.split(".")
    base = {
        "fact_id": fact_id,
        "key": key,
        "topic": topic,
        "subject": "s",
        "metric": key.replace("_", " "),
        "status": "reported",
        "attributed_to": "someone",
        "source_id": {"1": S1, "2": S2}[source[0]],
        "quote": f"quote of {fact_id}",
        "gloss_en": f"gloss of {fact_id}",
    }
    return base | kw


def _event(
    event_id, start, end, precision, category="policy", title="An event", source=S1, quote="q"
):
    return {
        "event_id": event_id,
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
        "date_basis": "quotes",
        "category": category,
        "actor": "actor",
        "title_en": title,
        "title_zh": "事件",
        "status": "reported",
        "source_id": source,
        "quote": quote,
        "gloss_en": "gloss",
    }


def tables(title: str = "An event") -> dict[str, pd.DataFrame]:
    return {
        "sources": _table(
            "sources",
            [
                {
                    "source_id": S1,
                    "published_at": "2026-03-04T11:35:21",
                    "title": "标题",
                    "title_en": "Title",
                    "site": "x",
                    "mentions": 3,
                    "mentions_used": 2,
                    "mentions_not_used": 1,
                    "mentions_uncurated": 0,
                    "body_chars": 10,
                    "furniture_lines": 2,
                },
                {
                    "source_id": S2,
                    "published_at": "2026-03-14",
                    "title": "标题",
                    "title_en": "Title",
                    "site": "y",
                    "mentions": 1,
                    "mentions_used": 1,
                    "mentions_not_used": 0,
                    "mentions_uncurated": 0,
                    "body_chars": 10,
                    "furniture_lines": 2,
                },
            ],
        ),
        "mentions": _table("mentions", []),
        "facts": _table(
            "facts",
            [
                _fact(
                    "cap_per_company.1",
                    high=75000.0,
                    unit="chips",
                    bound="at_most",
                    status="planned",
                ),
                _fact(
                    "cap_per_company.2",
                    high=75000.0,
                    unit="chips",
                    bound="at_most",
                    status="announced",
                ),
                _fact("cap_overall.1", high=1000000.0, unit="chips", bound="at_most"),
                _fact(
                    "intended_per_company.1",
                    topic="order_volume",
                    low=150000.0,
                    unit="chips",
                    bound="more_than",
                ),
                _fact("fee_rate.2", topic="fee", value=25.0, unit="percent", bound="exact"),
                _fact(
                    "zero_imports.1",
                    topic="order_volume",
                    value=0.0,
                    unit="chips",
                    bound="exact",
                    date_start="2025-12-08",
                    date_end="2026-02-24",
                    date_precision="relative",
                ),
            ],
        ),
        "events": _table(
            "events",
            [
                _event("unban_announcement", "2025-12-08", "2025-12-08", "day", title=title),
                _event(
                    "ces",
                    "2026-01-01",
                    "2026-01-10",
                    "part_of_month",
                    category="corporate",
                    title="CES",
                ),
                _event(
                    "hearing",
                    "2026-02-24",
                    "2026-02-24",
                    "day",
                    category="hearing",
                    title="Hearing",
                ),
            ],
        ),
        "comparisons": _table(
            "comparisons",
            [
                {
                    "key": "event:hearing",
                    "kind": "event",
                    "verdict": "conflict",
                    "aspects": "date",
                    "source_ids": S1,
                    "item_a": "hearing#1",
                    "source_a": S1,
                    "quote_a": "q",
                    "gloss_a": "g",
                },
            ],
        ),
    }


LABELS = Labels.model_validate(
    yaml.safe_load((CORPUS_CURATED / "labels.yaml").read_text(encoding="utf-8"))
)


def report(title: str = "An event", **kw) -> views.Report:
    return views.Report(params.validate(**kw), tables(title), LABELS)


def test_escape_makes_markup_inert():
    assert (
        charts.escape('<script>alert("x")</script> & co')
        == '&lt;script&gt;alert("x")&lt;/script&gt; &amp; co'
    )


def test_article_text_in_labels_is_escaped():
    r = report(title="<script>alert(1)</script>")
    fig = charts.timeline(views.timeline(r), r)
    spec = json.dumps(fig.to_plotly_json())
    assert "<script>" not in spec
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in spec


def test_bounds_are_drawn_as_bounds_not_bars():
    r = report()
    frame = views.bounds(r)
    assert list(frame["bound"]) == ["more_than", "at_most", "at_most", "at_most"]
    fig = charts.bounds(frame, r)
    assert not [t for t in fig.data if t.type == "bar"]
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == 4
    ceilings = [a for a in arrows if a.ax == 75000]
    assert len(ceilings) == 2 and {a.x for a in ceilings} == {0}  # ceilings point down to zero
    floor = next(a for a in arrows if a.ax == 150000)
    assert floor.x > 150000  # a floor points up, open-ended
    texts = [t for trace in fig.data for t in (trace.text or ())]
    assert "at most 75,000 chips" in texts and "more than 150,000 chips" in texts


def test_bounds_keep_one_marker_per_source_with_its_status():
    # 001 calls the cap planned, 002 announced: same number, two markers, status visible.
    r = report()
    frame = views.bounds(r)
    caps = frame[frame["key"] == "cap_per_company"]
    one, two = views.source_name(r, S1), views.source_name(r, S2)
    assert one != two and "x" in one
    assert list(zip(caps["source"], caps["status"], strict=True)) == [
        (one, "planned"),
        (two, "announced"),
    ]
    fig = charts.bounds(frame, r)
    ceiling = next(t for t in fig.data if t.x and 75000.0 in t.x)
    rows = [y for x, y in zip(ceiling.x, ceiling.y, strict=True) if x == 75000.0]
    assert rows == [f"Per-company cap: planned ({one})", f"Per-company cap: announced ({two})"]
    colours = [c for x, c in zip(ceiling.x, ceiling.marker.color, strict=True) if x == 75000.0]
    assert colours[0] != colours[1]
    legend = {t.name for t in fig.data if t.x == (None,)}
    assert {"planned", "announced"} <= legend
    zh = report(language="zh")
    ys = {y for t in charts.bounds(views.bounds(zh), zh).data for y in (t.y or ()) if y}
    one, two = views.source_name(zh, S1), views.source_name(zh, S2)
    assert f"每家公司上限:计划中({one})" in ys and f"每家公司上限:已宣布({two})" in ys


def test_timeline_spans_and_points():
    r = report()
    frame = views.timeline(r)
    assert list(frame["event_id"]) == ["unban_announcement", "ces", "hearing"]
    assert list(frame["span"]) == [False, True, False]
    fig = charts.timeline(frame, r)
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 1 and bars[0].base == ("2026-01-01",)
    assert bars[0].x == (10 * charts.DAY_MS,)  # inclusive end: ten days
    points = [t for t in fig.data if t.type == "scatter" and t.x != (None,)]
    assert sorted(p.x[0] for p in points) == ["2025-12-08", "2026-02-24"]
    hearing = next(p for p in points if p.x[0] == "2026-02-24")
    assert hearing.marker.symbol == ("x",)  # conflict
    assert "gloss" in hearing.hovertext[0]


def test_scenario_parameters_change_the_figures():
    base = report()
    sc = views.scenario(base)
    assert (sc.cap, sc.overall, sc.fee, sc.kink) == (75000, 1000000, 25, 14)
    chosen = report(per_company_cap=50000, buyers=5, fee_rate_percent=10)
    sc2 = views.scenario(chosen)
    assert sc2.kink == 20
    fig1, fig2 = charts.allowed_chips(sc, base), charts.allowed_chips(sc2, chosen)
    shown1, shown2 = ([t for t in f.data if t.visible] for f in (fig1, fig2))
    assert shown1[0].y != shown2[0].y
    star = shown2[-1]
    assert star.x == (5,) and star.y == (250000,)
    fee1, fee2 = charts.fee_split(sc, base), charts.fee_split(sc2, chosen)
    assert fee1.data[0].y == (25, 25) and fee2.data[0].y == (25, 10)
    assert "250,000" in views.scenario_text(chosen, sc2)


def test_the_shared_html_can_try_other_caps_and_fees_without_a_kernel():
    r = report()
    sc = views.scenario(r)
    fig = charts.allowed_chips(sc, r)
    (menu,) = fig.layout.updatemenus
    labels = [b.label for b in menu.buttons]
    assert len(labels) == len(scenario.cap_presets(sc)) and menu.active == scenario.cap_presets(
        sc
    ).index(sc.cap)
    assert "75,000 (as sourced)" in labels[menu.active]
    # Each button shows its own traces and names its cap in the title.
    for button, cap in zip(menu.buttons, scenario.cap_presets(sc), strict=True):
        visible = [t for t, v in zip(fig.data, button.args[0]["visible"], strict=True) if v]
        assert max(visible[0].y) == cap * len(visible[0].x)
        assert f"{cap:,.0f}" in button.args[1]["title.text"].replace("<br>", " ")
    fee = charts.fee_split(sc, r)
    (slider,) = fee.layout.sliders
    rates = [float(step.label.rstrip("%")) for step in slider.steps]
    assert rates[0] == 0 and rates[-1] == 50 and rates[slider.active] == sc.sourced_fee
    thirty = next(step for step in slider.steps if step.label == "30%")
    assert thirty.args[0]["y"] == [[25, 30], [75, 70]] and "30%" in thirty.args[1]["title.text"]
    assert "fee 25% (as sourced)" in fee.layout.title.text.replace("<br>", " ")


def _titles(fig) -> list[str]:
    """The title a figure opens with and every title its menu or slider switches to."""
    steps = [b.args[1] for m in fig.layout.updatemenus for b in m.buttons]
    steps += [s.args[1] for sl in fig.layout.sliders for s in sl.steps]
    return [fig.layout.title.text] + [a["title.text"] for a in steps]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_chart_titles_wrap_to_a_phone_and_get_the_margin_they_need(language):
    r = report(language=language)
    sc = views.scenario(r)
    for fig in (charts.allowed_chips(sc, r), charts.fee_split(sc, r)):
        titles = _titles(fig)
        assert len(titles) > 1
        lines = [line for t in titles for line in t.split("<br>")]
        # A Chinese character is as wide as two Latin letters.
        assert all(chart_base._units(line) <= charts.TITLE_UNITS for line in lines), lines
        most = max(t.count("<br>") + 1 for t in titles)
        assert fig.layout.margin.t >= 2 * charts.TITLE_PAD + most * charts.TITLE_LINE
        # The title hangs from the figure's top, whatever the number of its lines.
        assert fig.layout.title.yanchor == "bottom" and fig.layout.title.yref == "container"
    menu_chart = charts.allowed_chips(sc, r)
    assert max(t.count("<br>") for t in _titles(menu_chart)) >= 1  # a title that wraps
    assert menu_chart.layout.margin.t >= charts.title_margin(*_titles(menu_chart)) + 40


def test_title_lines_break_between_words_and_never_before_closing_punctuation():
    assert chart_base._title_lines("Chips the caps allow, by number of buyers", 21) == [
        "Chips the caps allow,",
        "by number of buyers",
    ]
    lines = chart_base._title_lines("按买家数量计算的额度允许芯片量每家公司上限", 16)
    assert [chart_base._units(x) for x in lines] == [16, 16, 10] and lines[1].startswith("额度")
    # Chinese punctuation, full width or not, ends the line it follows.
    for comma in (",", "\uff0c"):
        assert chart_base._title_lines(f"一二三四五六七{comma}八", 16) == [
            f"一二三四五六七{comma}",
            "八",
        ]
    # An opening bracket or quote starts the line of what it opens.
    for bracket in ("(", "\uff08", "\u300a", "\u201c"):
        assert chart_base._title_lines(f"一二三四五六{bracket}七八", 14) == [
            "一二三四五六",
            f"{bracket}七八",
        ]


def test_row_labels_wrap_to_a_phone_and_each_row_holds_its_label():
    fig = go.Figure()
    long = " ".join(["outlet"] * 30)  # far wider than a phone's chart
    rows = chart_base.row_labels(fig, ["Short", long], pitch=40, reach=10)
    short, wrapped = (a.text for a in fig.layout.annotations)
    lines = wrapped.split("<br>")
    assert short == "Short" and len(lines) >= 4 and " ".join(lines) == long
    assert all(chart_base._units(x) <= chart_base.ROW_LABEL_UNITS for x in lines)
    # The label, above its row's marks, stays clear of the marks of the row above ...
    shift = fig.layout.annotations[1].yshift
    top = shift + chart_base.ROW_LABEL_LINE * len(lines)
    assert shift > 10 and rows.pitch - 10 > top > 40
    # ... and the first row's label gets room above the plot.
    assert rows.room >= top - rows.pitch / 2 and rows.height == 2 * rows.pitch + rows.room


def test_zero_statements_run_from_period_start_to_as_of():
    r = report()
    zeros = views.zero_statements(r)
    assert list(zeros[["period_start", "as_of", "value"]].iloc[0]) == [
        "2025-12-08",
        "2026-02-24",
        "0 chips",
    ]
    fig = charts.zero_statements(zeros, r)
    assert fig.data[0].x[:2] == ("2025-12-08", "2026-02-24")


@pytest.mark.parametrize("name", ["bounds", "zero_statements", "timeline", "coverage"])
def test_empty_tables_give_an_empty_figure(name):
    r = report(as_of="2025-01-01")
    r.tables = {k: v.iloc[0:0] for k, v in r.tables.items()}
    frame = {
        "bounds": views.bounds,
        "zero_statements": views.zero_statements,
        "timeline": views.timeline,
        "coverage": views.coverage,
    }[name](r)
    fig = getattr(charts, name)(frame, r)
    assert not fig.data and fig.layout.annotations[0].text == "Nothing to show"
    assert views.status(r) == "Nothing yet: none of the sources had been published by 2025-01-01."


def test_an_empty_report_displays_no_table_chart_or_repeated_sentence():
    # Before every source only the status line speaks: no empty frame, no empty chart.
    r = report(as_of="2025-01-01")
    r.tables = {k: v.iloc[0:0] for k, v in r.tables.items()}
    assert r.empty
    assert views.show(views.key_figures(r), r) is None
    assert views.show(views.bounds(r), r) is None
    assert views.since_last_render(r) is None and views.overview(r) is None
    sc = views.scenario(r)
    assert views.scenario_text(r, sc) is None
    for fig in (
        charts.bounds(views.bounds(r), r),
        charts.timeline(views.timeline(r), r),
        charts.allowed_chips(sc, r),
        charts.fee_split(sc, r),
    ):
        assert fig.show() is None
        assert fig._ipython_display_() is None  # displays nothing, not the figure


def test_an_empty_frame_of_a_non_empty_report_still_says_nothing_to_show():
    r = report()
    fig = charts.bounds(views.bounds(r).iloc[0:0], r)
    assert type(fig) is go.Figure and fig.layout.annotations[0].text == "Nothing to show"


def test_every_curated_fact_key_and_metric_has_a_chinese_label():
    facts = yaml.safe_load((CORPUS_CURATED / "facts.yaml").read_text(encoding="utf-8"))
    for fact in facts["facts"]:
        key, metric = fact["key"], fact["metric"]
        for label in (LABELS.key_label(key, "zh", metric), LABELS.metric_label(metric, "zh")):
            assert re.search(r"[\u4e00-\u9fff]", label), f"{key}: {label}"
            assert not re.search(r"[A-Za-z]{4,}", label.replace("ASIC", "")), f"{key}: {label}"


def test_figures_are_deterministic():
    a = charts.timeline(views.timeline(report()), report()).to_json()
    b = charts.timeline(views.timeline(report()), report()).to_json()
    assert a == b


def test_show_localises_labels():
    r = report(language="zh")
    shown = str(views.show(views.key_figures(r), r))
    heads = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', shown)
    assert heads[:3] == ["数字", "数值", "状态"]
    # The figure links to its evidence (the anchor is the fact's id).
    assert re.search(
        r'<td data-label="数值"><a class="h200-fig" id="shown-([\w.]+)" href="#\1">至多7.5万片</a></td>',
        shown,
    )
    assert '<td data-label="状态">计划中</td>' in shown
    assert "nan" not in shown.lower() and "None" not in shown


def test_the_build_notes_uncurated_mentions_as_a_record_of_their_source(project_copy):
    import warnings

    from h200report.factbase.build import build
    from tests.support import FIXTURES
    from tests.support.seeds import add_seeds

    seeds, data = project_copy
    add_seeds(seeds, FIXTURES / "captures", ["en_wire"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fb = build(seeds, data)
    uncurated = [n for n in fb.notes if n.kind == "uncurated" and n.sources == ("en_wire",)]
    assert (
        len(uncurated) == 1
        and uncurated[0].count == len(uncurated[0].fields)
        or (uncurated[0].count > len(uncurated[0].fields) == 6)
    )
    assert str(uncurated[0]).endswith(", ".join(uncurated[0].fields) + " ...") or str(
        uncurated[0]
    ).endswith(", ".join(uncurated[0].fields))
