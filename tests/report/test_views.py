"""What the sources report shows of articles nobody has curated yet."""

from __future__ import annotations

import pytest

from h200report.report import params, views
from h200report.report.model import md_safe, short_id
from h200report.report.prose import note_text
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
    lines = views.curation_notes(report).split("\n\n")
    for source_id, n in counts.items():
        name = md_safe(views.source_name(report, source_id))
        line = next(x for x in lines if f" {name} has {n} " in x)
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
        notes = [n for n in report.notes if n.kind != "uncurated"]
        assert notes, "the fixture leaves a companion missing"
        lines = views.curation_notes(report).split("\n\n")
        at = lines.index(md_safe(report.t("curator_notes")))
        assert lines[at + 1 :] == [md_safe(note_text(n, language)) for n in notes]
        assert all(
            str(n.file) in line.replace("\\", "")
            for n, line in zip(notes, lines[at + 1 :], strict=True)
        )


def test_sources_without_a_seed_number_keep_their_whole_id():
    assert short_id("000_2f7d0e62f1c70453") == "000"
    assert short_id("reuters_h200_jan") == "reuters_h200_jan"
    assert short_id("reuters_h200_jan") != short_id("reuters_h200_feb")
