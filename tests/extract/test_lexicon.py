"""The language files: one schema for all, checked at load, words folded as the text is."""

from __future__ import annotations

import shutil

import pytest

from h200report.errors import InputError
from h200report.extract import lexicon
from h200report.paths import LEXICON_DIR


@pytest.fixture
def lexicon_copy(tmp_path, monkeypatch):
    """A copy of the shipped language files that the loader reads instead, caches cleared."""
    for name in lexicon.LANGUAGES:
        shutil.copy(LEXICON_DIR / f"{name}.yaml", tmp_path / f"{name}.yaml")
    monkeypatch.setattr(lexicon, "LEXICON_DIR", tmp_path)
    for cached in (lexicon.lexicon, lexicon.script):
        cached.cache_clear()
    yield tmp_path
    for cached in (lexicon.lexicon, lexicon.script):
        cached.cache_clear()


def test_every_language_file_has_the_same_keys():
    shapes = {name: lexicon.lexicon(name).model_dump().keys() for name in lexicon.LANGUAGES}
    assert len({tuple(keys) for keys in shapes.values()}) == 1


def _edit(folder, name, old, new):
    path = folder / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_misspelt_key_is_one_line_naming_the_file(lexicon_copy):
    path = _edit(lexicon_copy, "en", "  ordinal_day_forms:", "  ordinal_day_form:")
    with pytest.raises(InputError) as raised:
        lexicon.lexicon("en")
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    assert message.endswith("dates.ordinal_day_form: unknown field (is it ordinal_day_forms?)")


def test_a_missing_key_is_named(lexicon_copy):
    _edit(lexicon_copy, "zh-Hant", "range_joiners: []\n", "")
    with pytest.raises(InputError, match="range_joiners: Field required"):
        lexicon.lexicon("zh-Hant")


def test_a_word_two_files_read_differently_is_refused(lexicon_copy):
    _edit(
        lexicon_copy,
        "zh-Hant",
        "    台幣: TWD\n  nouns: {}",
        "    台幣: TWD\n    美元: TWD\n  nouns: {}",
    )
    with pytest.raises(InputError, match="'美元' is 'USD' and 'TWD'"):
        lexicon.han()


def test_traditional_words_are_folded_to_the_matching_form():
    # zh-Hant writes 新台幣 as Taiwan pages do; Body.norm holds it simplified.
    assert lexicon.lexicon("zh-Hant").units.after["新台币"] == "TWD"
    assert "新台幣" not in lexicon.han().units.after


def test_a_script_reads_the_union_of_its_languages():
    han = lexicon.han()
    assert han.units.after["美元"] == "USD"  # zh-Hans
    assert han.numerals.multipliers["兆"] == 10**12  # zh-Hant
    assert "chips" not in han.units.nouns  # en is latin script
