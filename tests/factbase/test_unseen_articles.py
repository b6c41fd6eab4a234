"""Articles nobody here has seen flow through with no code change (the project's own fixtures)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from h200report.factbase.build import UncuratedWarning, UntranslatedWarning, build
from tests.support import FIXTURES
from tests.support.seeds import add_seeds
from tests.support.sources_report import render_sources_report

CAPTURES = FIXTURES / "captures"
NEW = ("zh_hant_fullwidth", "en_wire")


def add_fixture_captures(seeds_dir: Path, names=NEW) -> None:
    add_seeds(seeds_dir, CAPTURES, list(names))


@pytest.fixture
def extended(project_copy):
    seeds, data = project_copy
    add_fixture_captures(seeds)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fb = build(seeds, data)
    return fb, [w for w in caught if issubclass(w.category, UncuratedWarning)]


def _mentions(fb, source_id):
    return {m.text: m for m in fb.mentions[source_id]}


def test_new_articles_are_listed_with_uncurated_mentions_and_a_warning(extended):
    fb, caught = extended
    tables = fb.tables()
    assert set(NEW) <= set(tables["sources"].source_id)
    new = tables["mentions"][tables["mentions"].source_id.isin(NEW)]
    assert len(new) > 10 and set(new.status) == {"uncurated"}
    shipped = tables["mentions"][~tables["mentions"].source_id.isin(NEW)]
    assert set(shipped.status) <= {"used", "not_used"}, (
        "curation of the shipped seeds is unaffected"
    )
    mentions = [w for w in caught if not issubclass(w.category, UntranslatedWarning)]
    assert sorted(Path(str(w.message).split(":")[0]).stem for w in mentions) == sorted(NEW)
    # Their metadata, as an English-only curator writes it, has no Chinese site: a warning too.
    untranslated = [str(w.message) for w in caught if issubclass(w.category, UntranslatedWarning)]
    assert sorted(m.split(": ", 1)[1] for m in untranslated) == [
        f"source {name} has site but no site_zh: the zh report shows the English"
        for name in sorted(NEW)
    ]


def test_traditional_fullwidth_capture_is_parsed(extended):
    fb, _ = extended
    m = _mentions(fb, "zh_hant_fullwidth")
    assert (m["7.5萬顆以內"].high, m["7.5萬顆以內"].unit, m["7.5萬顆以內"].bound) == (
        75000,
        "chips",
        "at_most",
    )
    assert m["100萬顆"].high == 1_000_000
    assert m["55億美元"].value == 5.5e9 and m["55億美元"].unit == "USD"
    assert m["２５％"].value == 25 and m["２５％"].unit == "percent"
    assert m["任何一筆"].value == 0
    assert str(m["1月29日"].date_start) == "2026-01-29"


def test_english_wire_story_is_parsed(extended):
    fb, _ = extended
    m = _mentions(fb, "en_wire")
    assert str(m["Feb. 24"].date_start) == "2026-02-24"
    assert (m["75,000"].high, m["75,000"].bound) == (
        75000,
        "at_most",
    )  # "to cap purchases ... at 75,000"
    assert m["$5.5 billion"].value == 5.5e9 and m["$5.5 billion"].unit == "USD"
    assert m["25%"].value == 25
    # No year given, none named before: the year nearest the publication date (2026-03-05).
    assert str(m["Dec. 8"].date_start) == "2025-12-08"


@pytest.mark.slow
def test_new_articles_render_with_a_warning_not_a_failure(project_copy, tmp_path):
    seeds, data = project_copy
    add_fixture_captures(seeds)
    _, shown_in = render_sources_report(seeds, data, tmp_path)
    for param_set, shown in shown_in.items():
        for name in NEW:
            assert name in shown, f"{name} is not listed in the {param_set} sources report"
        assert "7.5萬顆以內" in shown and "$5.5 billion" in shown, "uncurated mentions are listed"
    assert not (tmp_path / "reports" / "latest").exists(), (
        "a render of one notebook leaves latest alone"
    )
