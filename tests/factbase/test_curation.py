"""Curated fact files: strict reading with one-line errors naming the file."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from h200report.errors import InputError
from h200report.factbase.curation import FACTS_FILE, load_events, load_facts, load_unused
from tests.support import CORPUS_CURATED


def _facts(tmp_path: Path, facts: list[dict]) -> Path:
    (tmp_path / FACTS_FILE).write_text(
        yaml.safe_dump({"facts": facts}, allow_unicode=True), encoding="utf-8"
    )
    return tmp_path


def _shipped_fact(fact_id: str) -> dict:
    doc = yaml.safe_load((CORPUS_CURATED / FACTS_FILE).read_text(encoding="utf-8"))
    return next(f for f in doc["facts"] if f["fact_id"] == fact_id)


def test_shipped_curated_files_load():
    facts, events, unused = (
        load(CORPUS_CURATED) for load in (load_facts, load_events, load_unused)
    )
    assert len({f.fact_id for f in facts}) == len(facts)
    assert {e.event_id for e in events} >= {
        "unban_announcement",
        "ces_remarks",
        "taipei_remarks",
        "house_hearing",
        "earnings_eve",
        "licences_pending",
        "cap_plan_reported",
        "beijing_visit_planned",
    }
    topics = {f.topic for f in facts}
    assert {"order_volume", "quota", "fee", "condition", "financial"} <= topics
    assert all(r.reason for r in unused)


def test_every_fact_and_event_has_status_attribution_and_glossed_evidence():
    for fact in load_facts(CORPUS_CURATED):
        assert fact.status and fact.attributed_to and fact.quotes
        assert all(q.gloss_en.strip() for q in fact.quotes)
    for event in load_events(CORPUS_CURATED):
        assert event.status and event.actor and event.title_en and event.title_zh
        assert all(ev.gloss_en.strip() for ev in event.evidence)


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda f: f.update(colour="red"), "fact_id fee_rate.002, field colour: unknown field"),
        (lambda f: f.update(bound="at_most"), "bound at_most takes high"),
        (lambda f: f.update(unit="bananas"), "field unit"),
        (lambda f: f.pop("quotes"), "field quotes"),
        (
            lambda f: f.update(low=30, high=20, bound="vague_range", value=None),
            "low 30 is above high 20",
        ),
        (
            lambda f: f.update(
                period={"start": "2026-03-01", "end": "2026-02-01", "precision": "month"}
            ),
            "is after end",
        ),
        (
            lambda f: f.update(
                period={"start": "2026-02-30", "end": "2026-03-01", "precision": "month"}
            ),
            "period.start",
        ),
    ],
)
def test_malformed_fact_is_named_with_its_problem(tmp_path, change, problem):
    fact = _shipped_fact("fee_rate.002")
    change(fact)
    _facts(tmp_path, [fact])
    with pytest.raises(InputError) as err:
        load_facts(tmp_path)
    message = str(err.value)
    assert (
        message.startswith(str(tmp_path / FACTS_FILE))
        and problem in message
        and "\n" not in message
    )


def test_duplicate_fact_id(tmp_path):
    fact = _shipped_fact("fee_rate.002")
    _facts(tmp_path, [fact, copy.deepcopy(fact)])  # the same object would dump as an alias
    with pytest.raises(InputError, match="duplicate fact_id fee_rate.002"):
        load_facts(tmp_path)


def test_malformed_yaml_names_line(tmp_path):
    (tmp_path / FACTS_FILE).write_text(
        "facts:\n  - fact_id: x\n    quotes: [unclosed\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"malformed YAML at line \d+"):
        load_facts(tmp_path)


def test_event_start_after_end(tmp_path):
    doc = yaml.safe_load((CORPUS_CURATED / "events.yaml").read_text(encoding="utf-8"))
    event = doc["events"][0]
    event["date_start"], event["date_end"] = "2026-03-02", "2026-03-01"
    (tmp_path / "events.yaml").write_text(
        yaml.safe_dump({"events": [event]}, allow_unicode=True), encoding="utf-8"
    )
    with pytest.raises(InputError, match="date_start 2026-03-02 is after date_end 2026-03-01"):
        load_events(tmp_path)


def test_missing_curated_file(tmp_path):
    with pytest.raises(InputError, match="missing"):
        load_unused(tmp_path)
