"""The benchmark's synthetic corpora: varied articles that the pipeline reads like real ones."""

from __future__ import annotations

from benchmarks.extraction import extract_corpus
from h200report.extract.sources import load_seeds
from tests.support.synthetic import make_corpus


def test_synthetic_corpus_is_varied_and_readable(tmp_path):
    folder = make_corpus(12, tmp_path, size_bytes=10_000, seed=1)
    seeds = load_seeds(folder)
    assert len(seeds) == 12
    assert len({s.sha256 for s in seeds}) == 12, "articles are not copies of each other"
    assert {s.meta.language for s in seeds} >= {"zh-Hans", "zh-Hant", "en"}
    assert all(6_000 < s.size < 16_000 for s in seeds)
    result = extract_corpus(folder)
    assert result["articles"] == 12 and result["mentions"] > 12 and result["seconds"] > 0
