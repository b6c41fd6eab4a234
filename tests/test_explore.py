"""The analysts' API (`import h200report as h; fb = h.load()`), on the tests' corpus."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest

import h200report as h
from h200report import paths
from h200report.factbase.build import build
from h200report.report.model import outlet_name
from tests.support import CORPUS_DATA, CORPUS_SEEDS


@pytest.fixture(scope="module")
def fb():
    return h.load(CORPUS_SEEDS, CORPUS_DATA)


@pytest.fixture(scope="module")
def raw():
    return build(CORPUS_SEEDS, CORPUS_DATA).tables()


def test_frames_are_the_published_tables_typed(fb, raw):
    for name, table in raw.items():
        frame = getattr(fb, name)
        assert len(frame) == len(table) and set(table.columns) <= set(frame.columns)
    assert pd.api.types.is_datetime64_any_dtype(fb.facts["date_start"])
    assert isinstance(fb.facts["status"].dtype, pd.CategoricalDtype)
    assert fb.facts["status"].astype(str).tolist() == raw["facts"]["status"].tolist()
    names = {r["source_id"]: outlet_name(r, "en") for _, r in raw["sources"].iterrows()}
    assert (fb.facts["outlet"] == fb.facts["source_id"].map(names)).all()


def test_by_outlet_matches_the_site_and_the_attribution_in_both_languages(fb, raw):
    facts = raw["facts"]
    said = facts[
        facts["attributed_to"].str.contains("Bloomberg")
        | facts["attributed_to_zh"].fillna("").str.contains("彭博社")
    ]
    assert len(said) > 0
    assert set(fb.by_outlet("bloomberg")["fact_id"]) == set(said["fact_id"])
    assert set(fb.by_outlet("彭博社")["fact_id"]) == set(said["fact_id"])
    first = raw["sources"]["source_id"].iloc[0]
    assert set(fb.by_outlet(outlet_name(raw["sources"].iloc[0], "en"))["source_id"]) == {first}
    assert set(fb.by_source(first)["fact_id"]) == set(facts[facts["source_id"] == first]["fact_id"])


def test_between_keeps_the_events_overlapping_the_span(fb, raw):
    ev = raw["events"]
    wanted = ev[(ev["date_start"] <= "2026-02-28") & (ev["date_end"] >= "2026-02-01")]
    got = fb.between("2026-02-01", "2026-02-28")
    assert len(wanted) > 0 and sorted(got.index) == sorted(wanted.index)
    assert got["date_start"].is_monotonic_increasing
    assert fb.between("2030-01-01", "2030-12-31").empty


def test_a_key_its_comparisons_and_the_conflicts(fb, raw):
    comp = raw["comparisons"]
    assert set(fb.conflicts().index) == set(comp[comp["verdict"] == "conflict"].index)
    key = next(k for k in comp["key"] if not k.startswith("event:"))
    assert set(fb.key(key)["fact_id"]) == set(raw["facts"][raw["facts"]["key"] == key]["fact_id"])
    assert len(fb.comparisons_of(key)) == (comp["key"] == key).sum() > 0


def test_as_of_keeps_only_what_was_published(fb):
    first = fb.sources["published"].min()
    early = h.load(CORPUS_SEEDS, CORPUS_DATA, as_of=str(first.date()))
    assert set(early.sources["published"]) == {first}


def test_help_of_load_says_what_it_gives():
    doc = h.load.__doc__
    for word in ("Parameters", "Returns", "by_outlet", "between", "conflicts", "InputError"):
        assert word in doc


@pytest.mark.slow  # the README's block in a process of its own
def test_the_readmes_first_exploring_block_runs_as_it_stands():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exploring the data", 1)[1]
    block = re.search(r"```python\n(.*?)```", section, flags=re.S).group(1)
    done = subprocess.run(
        [sys.executable, "-c", block], cwd=paths.ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip(), "the block prints what it finds"


@pytest.mark.slow  # a process of its own
def test_loading_a_report_or_the_api_sets_no_process_wide_option():
    code = (
        "import pandas as pd, h200report as h\n"
        "from h200report.report import params, views\n"
        "before = {k: pd.get_option(k) for k in ('display.max_colwidth', 'display.max_rows', 'display.max_columns')}\n"
        f"h.load({str(CORPUS_SEEDS)!r}, {str(CORPUS_DATA)!r})\n"
        f"views.load(params.validate(seeds_dir={str(CORPUS_SEEDS)!r}, data_dir={str(CORPUS_DATA)!r}))\n"
        "after = {k: pd.get_option(k) for k in before}\n"
        "assert before == after, (before, after)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
