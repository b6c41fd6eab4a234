"""The fact base's guarantees on the shipped seeds, and the one-line errors of `make data`."""

from __future__ import annotations

import datetime as dt

import pytest

from h200report.factbase.build import build
from h200report.factbase.publish import render_files
from h200report.factbase.verify import quote_spans
from tests.support import CORPUS_DATA, CORPUS_SEEDS


@pytest.fixture(scope="module")
def fb():
    return build(CORPUS_SEEDS, CORPUS_DATA)


@pytest.fixture(scope="module")
def tables(fb):
    return fb.tables()


def test_every_quote_is_in_its_body_and_not_in_furniture(fb):
    bodies = fb.bodies
    for fact in fb.facts:
        for q in fact.quotes:
            assert quote_spans(bodies[fact.source_id], q.quote), fact.fact_id
    for event in fb.events:
        for ev in event.evidence:
            assert quote_spans(bodies[ev.source_id], ev.quote), event.event_id
    furniture = {f.text for b in bodies.values() for f in b.furniture}
    quotes = [q.quote for f in fb.facts for q in f.quotes] + [
        ev.quote for e in fb.events for ev in e.evidence
    ]
    assert not any(q in line for q in quotes for line in furniture)


def test_coverage_is_complete_on_the_shipped_seeds(tables):
    mentions = tables["mentions"]
    assert len(mentions) > 40
    assert set(mentions["status"]) <= {"used", "not_used"}, mentions[mentions.status == "uncurated"]
    assert mentions.loc[mentions.status == "not_used", "reason"].notna().all()
    assert mentions.loc[mentions.status == "used", "used_by"].notna().all()
    sources = tables["sources"].set_index("source_id")
    assert (sources.mentions == sources.mentions_used + sources.mentions_not_used).all()


def test_curated_numbers_agree_with_parsed_mentions(fb, tables):
    """Code against curation: each numeric fact is backed by a used mention with the same number."""
    mentions = tables["mentions"]
    for fact in fb.facts:
        if not fact.numeric or fact.derived:
            continue
        used = mentions[
            mentions.used_by.fillna("").str.split(";").apply(lambda ids, f=fact.fact_id: f in ids)
        ]
        numbers = used[used.kind != "date"]
        assert len(numbers), fact.fact_id
        for _, m in numbers.iterrows():
            assert m.bound == fact.bound, fact.fact_id
            for name in ("value", "low", "high"):
                curated, parsed = getattr(fact, name), m[name]
                assert (curated is None and parsed != parsed) or curated == parsed, (
                    fact.fact_id,
                    name,
                )


def test_the_disagreements_between_the_sources_are_surfaced(tables):
    comp = tables["comparisons"].set_index("key")
    assert comp.loc["official_title", "verdict"] == "conflict"
    assert comp.loc["cap_per_company", "verdict"] == "conflict"
    assert "status: conflict (planned vs announced)" in comp.loc["cap_per_company", "aspects"]
    zero = comp.loc["zero_statement_hearing"]
    assert zero.verdict == "conflict" and "metric: conflict" in zero.aspects
    assert {zero.quote_a, zero.quote_b} >= {"过去两个月以来,中国企业实际进口量是零"}
    assert comp.loc["cap_sufficiency", "verdict"] == "agree"
    events = tables["comparisons"][tables["comparisons"].kind == "event"]
    assert not events.key.duplicated().any(), "one row per event and pair of sources"
    hearing = events.set_index("key").loc["event:house_hearing"]
    assert (
        hearing.verdict == "differs_in_precision"
        and "000_2f7d0e62f1c70453 gives no date" in hearing.aspects
    )
    # How one source's quotes date an event differently is in the events table.
    taipei = tables["events"][tables["events"].event_id == "taipei_remarks"]
    assert set(taipei.quote_date_precision) == {"day", "part_of_month"}


def test_relative_dates_are_resolved_from_context(tables):
    m = tables["mentions"].set_index(["source_id", "text"])
    src = "002_287867cbdb6dda5d"
    assert m.loc[(src, "这一天"), "date_start"] == "2026-02-24"
    unban = m.loc[(src, "解禁两个月以来")]
    assert set(unban.date_start) == {"2025-12-08"} and set(unban.date_end) == {"2026-02-24"}
    assert m.loc[("000_2f7d0e62f1c70453", "目前"), "date_start"] == "2026-03-04"


def test_as_of_keeps_only_what_was_published(fb):
    before_002 = fb.tables(dt.date(2026, 3, 10))
    assert set(before_002["sources"].source_id) == {"000_2f7d0e62f1c70453"}
    assert set(before_002["facts"].source_id) == {"000_2f7d0e62f1c70453"}
    assert set(before_002["comparisons"].verdict) == {"one_source_only"}
    nothing = fb.tables(dt.date(2025, 1, 1))
    assert all(len(df) == 0 for df in nothing.values())


def test_rebuild_is_byte_identical(fb):
    assert render_files(fb) == render_files(build(CORPUS_SEEDS, CORPUS_DATA))
