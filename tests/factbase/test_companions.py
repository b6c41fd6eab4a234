"""Chinese companions of curated English text: the shipped records have every one (so the
shipped zh reports are complete), the build warns about a record without one (and still
builds), a companion without its English field is refused, and the tables publish them."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
import yaml

from h200report import companions, paths
from h200report.errors import InputError
from h200report.extract.sources import load_metadata
from h200report.factbase.build import UntranslatedWarning, build
from h200report.factbase.curation import (
    EVENTS_FILE,
    FACTS_FILE,
    UNUSED_FILE,
    load_events,
    load_facts,
    load_unused,
)
from tests.support import CORPUS_CURATED, CORPUS_DATA, CORPUS_SEEDS

SEED = "000_2f7d0e62f1c70453"
SHOWS_ENGLISH = "the zh report shows the English"


def _edit(path, change) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _record(records: list[dict], key: str, value: str) -> dict:
    return next(r for r in records if r.get(key) == value)


def _build(seeds, data) -> tuple[object, list[str]]:
    """The fact base and the untranslated warnings, as Python warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fb = build(seeds, data)
    return fb, [str(w.message) for w in caught if issubclass(w.category, UntranslatedWarning)]


def test_every_shipped_record_has_its_chinese_companions():
    records = [*load_metadata(CORPUS_SEEDS).values()]
    records += [*load_facts(CORPUS_CURATED), *load_events(CORPUS_CURATED)]
    records += load_unused(CORPUS_CURATED)
    gaps = [(r, companions.missing(r, r.ZH_COMPANIONS)) for r in records]
    assert not [(r, missing) for r, missing in gaps if missing]


def test_the_shipped_build_gives_no_untranslated_warning_and_publishes_the_chinese():
    fb, caught = _build(CORPUS_SEEDS, CORPUS_DATA)
    assert caught == [] and fb.warnings == []
    tables = fb.tables()
    facts = tables["facts"]
    for en, zh in (("value_text", "value_text_zh"), ("attributed_to", "attributed_to_zh")):
        assert (facts[en].notna() == facts[zh].notna()).all(), zh
    assert (facts["note"].notna() == facts["note_zh"].notna()).all()
    official = facts[facts.fact_id == "official_title.000"].iloc[0]
    assert official.value_text_zh == "美国商务部出口执法助理部长"
    assert tables["events"]["actor_zh"].notna().all()
    mentions = tables["mentions"]
    not_used = mentions[mentions.status == "not_used"]
    assert not_used["reason_zh"].notna().all()
    assert mentions.loc[mentions.status == "used", "reason_zh"].isna().all()
    assert tables["sources"][["site_zh", "note_zh"]].notna().all().all()
    comp = tables["comparisons"]
    assert (comp["note_en"].notna() == comp["note_zh"].notna()).all()


def test_a_record_without_its_chinese_is_a_warning_naming_the_file_and_the_record(project_copy):
    seeds, data = project_copy
    curated = paths.curated_dir(data)

    def strip_facts(doc):
        _record(doc["facts"], "fact_id", "official_title.000").pop("value_text_zh")
        fact = _record(doc["facts"], "fact_id", "zero_statement_hearing.000")
        fact.pop("attributed_to_zh"), fact.pop("note_zh")

    _edit(curated / FACTS_FILE, strip_facts)
    _edit(
        curated / EVENTS_FILE,
        lambda d: _record(d["events"], "event_id", "house_hearing").pop("actor_zh"),
    )
    _edit(
        curated / UNUSED_FILE,
        lambda d: _record(d["unused"], "text", "三个").pop("reason_zh"),
    )
    _edit(seeds / paths.SOURCES_FILE_NAME, lambda d: d["sources"][SEED].pop("site_zh"))
    fb, caught = _build(seeds, data)
    assert caught == [
        f"{seeds / paths.SOURCES_FILE_NAME}: source {SEED} has site but no site_zh: {SHOWS_ENGLISH}",
        f"{curated / FACTS_FILE}: fact zero_statement_hearing.000 has attributed_to but no "
        f"attributed_to_zh, note but no note_zh: {SHOWS_ENGLISH}",
        f"{curated / FACTS_FILE}: fact official_title.000 has value_text but no value_text_zh: "
        f"{SHOWS_ENGLISH}",
        f"{curated / EVENTS_FILE}: event house_hearing has actor but no actor_zh: {SHOWS_ENGLISH}",
        f"{curated / UNUSED_FILE}: unused entry '三个' in {SEED} has reason but no reason_zh: "
        f"{SHOWS_ENGLISH}",
    ]
    assert fb.warnings == caught, "the build's own list holds them, for the CLI and the render"
    # Not an error: the tables are built, with the Chinese left empty.
    tables = fb.tables()
    official = tables["facts"].set_index("fact_id").loc["official_title.000"]
    assert official.value_text == "Assistant Secretary of Commerce for Export Enforcement"
    assert pd.isna(official.value_text_zh)
    zero = tables["comparisons"].set_index("key").loc["zero_statement_hearing"]
    assert zero.note_en.startswith("What was zero") and pd.isna(zero.note_zh)


def test_a_key_s_chinese_note_is_given_only_when_every_note_has_one(project_copy):
    seeds, data = project_copy
    _edit(
        paths.curated_dir(data) / FACTS_FILE,
        lambda d: _record(d["facts"], "fact_id", "cap_per_company.002").pop("note_zh"),
    )
    fb, _ = _build(seeds, data)
    notes = fb.tables()["comparisons"].set_index("key").loc["cap_per_company"]
    assert "as already set" in notes.note_en and "planned" in notes.note_en
    assert pd.isna(notes.note_zh), "no Chinese that leaves a note out: the English shows whole"


@pytest.mark.parametrize(
    "where, change, problem",
    [
        (
            FACTS_FILE,
            lambda d: _record(d["facts"], "fact_id", "fee_rate.002").update(value_text_zh="25%"),
            "fact_id fee_rate.002: value_text_zh given without value_text",
        ),
        (
            FACTS_FILE,
            lambda d: _record(d["facts"], "fact_id", "fee_rate.002").update(note_zh="备注。"),
            "fact_id fee_rate.002: note_zh given without note",
        ),
        (
            EVENTS_FILE,
            lambda d: _record(d["events"], "event_id", "house_hearing").update(actor_zh=""),
            "event_id house_hearing, field actor_zh",
        ),
    ],
)
def test_a_companion_without_its_english_is_refused(project_copy, where, change, problem):
    _, data = project_copy
    curated = paths.curated_dir(data)
    _edit(curated / where, change)
    load = {FACTS_FILE: load_facts, EVENTS_FILE: load_events}[where]
    with pytest.raises(InputError) as err:
        load(curated)
    assert str(err.value).startswith(str(curated / where)) and problem in str(err.value)


def test_a_source_note_in_chinese_only_is_refused(project_copy):
    seeds, _ = project_copy
    _edit(seeds / paths.SOURCES_FILE_NAME, lambda d: d["sources"][SEED].pop("note"))
    with pytest.raises(InputError, match=f"source {SEED}: .*note_zh given without note"):
        load_metadata(seeds)
