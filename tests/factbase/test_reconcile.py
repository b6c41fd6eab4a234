"""The verdict rules of reconciliation, on hand-made facts and events.

The rule (ACLED-style, README "Reconciliation"): a conflict on any aspect makes the
pair a conflict; otherwise a value or date contained in the other is
differs_in_precision; the same on every aspect is agree; a single source is
one_source_only.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from h200report.factbase.curation import Event, Fact
from h200report.factbase.reconcile import compare_facts, comparison_rows
from h200report.factbase.verify import DateSpan, Links


def fact(source: str = "s1", *, status: str = "announced", metric: str = "cap", **number) -> Fact:
    number = number or {"high": 75_000, "bound": "at_most"}
    figure = {"unit": "chips", **number} if "value_text" not in number else number
    return Fact.model_validate(
        {
            "fact_id": f"cap.{source}",
            "key": "cap",
            "topic": "quota",
            "subject": "s",
            "metric": metric,
            **figure,
            "status": status,
            "attributed_to": "a",
            "source_id": source,
            "quotes": [{"quote": f"quote of {source}", "gloss_en": "g"}],
        }
    )


def verdict(a: Fact, b: Fact) -> str:
    return compare_facts(a, b)[0]


def test_same_number_bound_and_status_agree():
    assert verdict(fact("s1"), fact("s2")) == "agree"


def test_a_figure_inside_the_other_differs_in_precision():
    assert verdict(fact("s1"), fact("s2", value=50_000, bound="exact")) == "differs_in_precision"
    wide = fact("s2", low=10_000, high=90_000, bound="vague_range")
    assert verdict(fact("s1", value=75_000, bound="approximate"), wide) == "differs_in_precision"


def test_disjoint_figures_conflict():
    assert verdict(fact("s1"), fact("s2", low=80_000, bound="more_than")) == "conflict"
    assert verdict(fact("s1", value=1, bound="exact"), fact("s2", value=2, bound="exact")) == (
        "conflict"
    )


def test_a_status_difference_is_a_conflict_even_when_the_numbers_agree():
    overall, aspects = compare_facts(fact("s1", status="planned"), fact("s2"))
    assert overall == "conflict"
    assert ("status", "conflict", "planned vs announced") in aspects
    assert any(name == "value" and v == "agree" for name, v, _ in aspects)


def test_a_status_difference_beats_a_difference_in_precision():
    precise = fact("s2", value=50_000, bound="exact", status="planned")
    assert verdict(fact("s1"), precise) == "conflict"


def test_another_metric_or_unit_is_a_conflict():
    assert verdict(fact("s1"), fact("s2", metric="overall cap")) == "conflict"
    assert verdict(fact("s1"), fact("s2", high=75_000, bound="at_most", unit="orders")) == (
        "conflict"
    )


def test_statements_compare_by_their_words():
    a = fact("s1", value_text="Commerce approves")
    assert verdict(a, fact("s2", value_text="  commerce APPROVES ")) == "agree"
    assert verdict(a, fact("s2", value_text="State approves")) == "conflict"
    assert verdict(a, fact("s2")) == "conflict"  # a number against a statement


bounds = st.sampled_from(
    [
        {"value": 50_000, "bound": "exact"},
        {"value": 75_000, "bound": "approximate"},
        {"high": 75_000, "bound": "at_most"},
        {"high": 100_000, "bound": "less_than"},
        {"low": 10_000, "bound": "at_least"},
        {"low": 80_000, "bound": "more_than"},
        {"low": 20_000, "high": 90_000, "bound": "vague_range"},
    ]
)
statuses = st.sampled_from(["announced", "planned", "reported"])


# No deadline: the first example reads the word catalogues, and speed is the benchmarks' job.
@settings(deadline=None)
@given(a=bounds, b=bounds, sa=statuses, sb=statuses)
def test_the_verdict_does_not_depend_on_the_order_of_the_sources(a, b, sa, sb):
    first, second = fact("s1", status=sa, **a), fact("s2", status=sb, **b)
    assert verdict(first, second) == verdict(second, first)
    if sa != sb:
        assert verdict(first, second) == "conflict"


def _rows(facts=(), events=(), links=None):
    return comparison_rows(list(facts), list(events), links or Links(), {})


def test_a_key_stated_by_one_source_only():
    (row,) = _rows([fact("s1")])
    assert row["verdict"] == "one_source_only" and row["item_b"] is None
    # Two records of one source are not a comparison either.
    again = fact("s1").model_copy(update={"fact_id": "cap.s1b"})
    assert {r["verdict"] for r in _rows([fact("s1"), again])} == {"one_source_only"}


def event(*sources: str) -> Event:
    return Event.model_validate(
        {
            "event_id": "hearing",
            "date_start": "2026-02-24",
            "date_end": "2026-02-24",
            "date_precision": "day",
            "category": "hearing",
            "actor": "a",
            "status": "confirmed",
            "title_en": "t",
            "title_zh": "标题",
            "evidence": [{"source_id": s, "quote": f"q{s}", "gloss_en": "g"} for s in sources],
        }
    )


def day(iso: str, end: str | None = None, precision: str = "day") -> DateSpan:
    return DateSpan(dt.date.fromisoformat(iso), dt.date.fromisoformat(end or iso), precision)


def event_verdict(a: DateSpan | None, b: DateSpan | None) -> str:
    e = event("s1", "s2")
    links = Links()
    for ev, span in zip(e.evidence, (a, b), strict=True):
        links.evidence_dates[(e.event_id, ev.source_id, ev.quote)] = span
    (row,) = _rows(events=[e], links=links)
    return row["verdict"]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (day("2026-02-24"), day("2026-02-24"), "agree"),
        (day("2026-02-24"), day("2026-02-01", "2026-02-28", "month"), "differs_in_precision"),
        (day("2026-02-24"), day("2026-02-25"), "conflict"),
        (day("2026-02-24"), None, "differs_in_precision"),  # an undated report fits any date
        (None, None, "agree"),
        # Same days, but one source names the day and the other a relative "that day".
        (day("2026-02-24"), day("2026-02-24", precision="relative"), "differs_in_precision"),
    ],
)
def test_event_dates(a, b, expected):
    assert event_verdict(a, b) == expected


def test_an_event_from_one_source_only():
    e = event("s1")
    links = Links()
    links.evidence_dates[(e.event_id, "s1", "qs1")] = day("2026-02-24")
    (row,) = _rows(events=[e], links=links)
    assert row["verdict"] == "one_source_only" and row["key"] == "event:hearing"
