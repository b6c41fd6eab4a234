"""The fact base's guarantees on the shipped seeds, and the one-line errors of `make data`."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from h200report import paths
from h200report.build import render_files, run
from h200report.errors import InputError
from h200report.factbase import build
from h200report.verify import quote_spans

ZERO_FEE = "每笔交易需抽取25%的费用"


@pytest.fixture(scope="module")
def fb():
    return build()


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
    quotes = [q.quote for f in fb.facts for q in f.quotes] + [ev.quote for e in fb.events for ev in e.evidence]
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
        used = mentions[mentions.used_by.fillna("").str.split(";").apply(lambda ids, f=fact.fact_id: f in ids)]
        numbers = used[used.kind != "date"]
        assert len(numbers), fact.fact_id
        for _, m in numbers.iterrows():
            assert m.bound == fact.bound, fact.fact_id
            for name in ("value", "low", "high"):
                curated, parsed = getattr(fact, name), m[name]
                assert (curated is None and parsed != parsed) or curated == parsed, (fact.fact_id, name)


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
    taipei = events[events.key == "event:taipei_remarks"]
    assert "differs_in_precision" in set(taipei.verdict)


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


def test_rebuild_is_byte_identical_and_committed_tables_are_current(fb, tmp_path):
    first = render_files(fb)
    second = render_files(build())
    assert first == second
    for name, data in first.items():
        committed = paths.PROCESSED_DIR / name
        assert committed.read_bytes() == data, f"{committed} is stale: run `make data` and commit"


# ---- bad input: one line naming the file, non-zero exit, earlier output intact -------------


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "h200report.cli", *args], capture_output=True, text=True, env=env)


def _edit_yaml(path: Path, edit) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _fact(doc, fact_id):
    return next(f for f in doc["facts"] if f["fact_id"] == fact_id)


BREAKAGES = {
    "quote not in source": (
        "facts.yaml", lambda d: _fact(d, "fee_rate.002")["quotes"][0].update(quote="每笔交易需抽取30%的费用"),
        "fact fee_rate.002: quote '每笔交易需抽取30%的费用' is not found in the body",
    ),
    "quote from furniture": (
        "facts.yaml", lambda d: _fact(d, "fee_rate.002")["quotes"][0].update(quote="本站资料均由网友自行发布提供"),
        "is in the page furniture",
    ),
    "value disagrees with quote": (
        "facts.yaml", lambda d: _fact(d, "fee_rate.002").update(value=30),
        "fact fee_rate.002: value (value=30 percent, exact) disagrees with its quote, where the code parses '25%'",
    ),
    "bound disagrees with quote": (
        "facts.yaml", lambda d: _fact(d, "cap_overall.000").update(bound="less_than"),
        "fact cap_overall.000: value",
    ),
    "derived value wrong": (
        "facts.yaml", lambda d: _fact(d, "intended_per_company.000").update(low=100000),
        "disagrees with its derivation",
    ),
    "event date disagrees": (
        "events.yaml", lambda d: d["events"][0].update(date_start="2025-12-09", date_end="2025-12-09"),
        "event unban_announcement: date 2025-12-09..2025-12-09 disagrees with quote",
    ),
    "stale unused entry": (
        "unused.yaml", lambda d: d["unused"].append({"source_id": "000_2f7d0e62f1c70453", "text": "42家", "reason": "not there"}),
        "matches no unused mention",
    ),
    "unknown field": (
        "events.yaml", lambda d: d["events"][0].update(colour="red"), "event_id unban_announcement, field colour: unknown field",
    ),
}


@pytest.mark.parametrize("case", sorted(BREAKAGES))
def test_broken_curation_stops_make_data_with_one_line(project_copy, tmp_path, case):
    seeds, data = project_copy
    out = tmp_path / "processed"
    assert _cli("data", "--seeds", str(seeds), "--data", str(data), "--out", str(out)).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    file_name, edit, expected = BREAKAGES[case]
    _edit_yaml(data / "curated" / file_name, edit)
    result = _cli("data", "--seeds", str(seeds), "--data", str(data), "--out", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith(f"error: {data / 'curated' / file_name}: ") and expected in lines[0], lines[0]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before, "earlier output must stay intact"


def test_broken_seed_stops_make_data(project_copy, tmp_path):
    seeds, data = project_copy
    out = tmp_path / "processed"
    run(seeds, data, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    victim = seeds / "000_2f7d0e62f1c70453.txt"
    victim.chmod(0o644)
    victim.write_bytes(victim.read_bytes().decode("utf-8").encode("gb18030"))
    result = _cli("data", "--seeds", str(seeds), "--data", str(data), "--out", str(out))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert str(victim) in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_missing_seeds_folder_via_cli(tmp_path):
    result = _cli("data", "--seeds", str(tmp_path / "none"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "seeds folder does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_input_error_is_one_line():
    err = InputError("x.yaml", "first\nsecond   line")
    assert str(err) == "x.yaml: first second line"
