"""What the sources report shows of articles nobody has curated yet."""

from __future__ import annotations

import pytest

from h200report.report import params, views
from tests.support import FIXTURES
from tests.support.seeds import add_seeds
from tests.support.synthetic import make_corpus


def _report(seeds, data, language="en"):
    return views.load(params.validate(language=language, seeds_dir=str(seeds), data_dir=str(data)))


@pytest.fixture
def many_waiting(project_copy, tmp_path):
    """The shipped seeds, the fixture captures and one dense synthetic article, uncurated."""
    seeds, data = project_copy
    add_seeds(seeds, FIXTURES / "captures")
    add_seeds(seeds, make_corpus(1, tmp_path / "extra", size_bytes=30_000, seed=3))
    return seeds, data


def test_a_long_uncurated_list_shows_the_first_of_each_source_and_says_so(many_waiting):
    report = _report(*many_waiting)
    m = report.tables["mentions"]
    waiting = m[m.status == "uncurated"]
    counts = waiting.groupby("source_id").size()
    assert counts.max() > views.UNCURATED_PER_SOURCE >= counts.min(), "the fixture spans the cap"

    shown = views.uncurated_mentions(report)
    expected = waiting.groupby("source_id", sort=False).head(views.UNCURATED_PER_SOURCE)
    assert len(shown) == len(expected) < len(waiting)
    assert shown["text"].tolist() == expected["text"].tolist(), "the first ones, in reading order"
    labels = set(shown["source"])
    assert len(labels) == len(counts), "every waiting source keeps a distinct label"

    text = views.uncurated_text(report)
    assert f"{len(waiting)} mentions not yet curated" in text
    assert f"first {views.UNCURATED_PER_SOURCE} of each source ({len(shown)} in all)" in text
    assert len(views.uncurated_mentions(report, per_source=None)) == len(waiting)
    # Each source's own line says whether all of its mentions are listed.
    lines = views.build_warnings(report).splitlines()
    for source_id, n in counts.items():
        line = next(x for x in lines if f" {views.source_label(source_id)} has {n} " in x)
        cut = n > views.UNCURATED_PER_SOURCE
        first = f"the first {views.UNCURATED_PER_SOURCE} are listed below"
        assert (first in line) == cut and line.endswith("listed below."), line


def test_a_short_uncurated_list_is_shown_whole(project_copy):
    seeds, data = project_copy
    add_seeds(seeds, FIXTURES / "captures")
    for language, words in (("en", "listed below"), ("zh", "列于下方")):
        report = _report(seeds, data, language)
        n = int((report.tables["mentions"].status == "uncurated").sum())
        assert 0 < n == len(views.uncurated_mentions(report))
        assert words in views.uncurated_text(report)


def test_curator_notes_are_introduced_in_the_report_language(project_copy):
    seeds, data = project_copy
    add_seeds(seeds, FIXTURES / "captures")  # their sites have no Chinese companion yet
    for language in ("en", "zh"):
        report = _report(seeds, data, language)
        notes = [w for w in report.warnings if views.UNCURATED_MARK not in w]
        assert notes, "the fixture leaves a companion missing"
        lines = views.build_warnings(report).splitlines()
        at = lines.index(report.t("curator_notes"))
        assert lines[at + 1 :] == notes


def test_sources_without_a_seed_number_keep_their_whole_id():
    assert views.source_label("000_2f7d0e62f1c70453") == "000"
    assert views.source_label("reuters_h200_jan") == "reuters_h200_jan"
    assert views.source_label("reuters_h200_jan") != views.source_label("reuters_h200_feb")
