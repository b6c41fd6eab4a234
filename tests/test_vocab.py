"""Every word of every vocabulary has what the reports need: a translation, a colour, a symbol."""

from __future__ import annotations

from h200report import i18n, vocab
from h200report.report import charts


def test_every_vocabulary_word_reads_in_both_languages():
    for words in (
        vocab.STATUSES,
        vocab.CATEGORIES,
        vocab.VERDICTS,
        vocab.MENTION_STATUSES,
        vocab.COMPARISON_KINDS,
        vocab.DATE_KINDS,
    ):
        for language in vocab.LANGUAGES:
            assert set(words) <= i18n.keys("value", language), (language, words)
    for language in vocab.LANGUAGES:
        assert i18n.keys("precision", language) == set(vocab.DATE_PRECISIONS)


def test_every_unit_and_bound_has_words_in_both_languages():
    for language in vocab.LANGUAGES:
        assert {k for kind, k in i18n.catalogue(language) if kind == "unit"} >= set(vocab.UNITS)
        assert i18n.keys("bound", language) == set(vocab.BOUNDS)


def test_every_category_status_and_verdict_has_its_mark_in_the_charts():
    assert set(charts.CATEGORY_COLOURS) == set(vocab.CATEGORIES)
    assert set(charts.STATUS_COLOURS) == set(vocab.STATUSES)
    assert set(charts.VERDICT_SYMBOLS) == set(vocab.VERDICTS) == set(charts.VERDICT_OPACITY)
    assert set(vocab.VERDICT_SEVERITY) == set(vocab.VERDICTS)


def test_every_bound_is_drawn_by_the_bounds_chart():
    from h200report.report.charts.orders import BOUND_GROUPS

    drawn = [b for kinds in BOUND_GROUPS.values() for b in kinds]
    assert sorted(drawn) == sorted(vocab.BOUNDS)
