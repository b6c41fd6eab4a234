"""The report's words (``report/messages/*.po``): every key in every language, with
the same placeholders, and every key the code asks for present."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from h200report import i18n, vocab
from h200report.errors import InputError

PACKAGE = Path(i18n.__file__).parent
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _gaps() -> list[str]:
    gaps = []
    english = i18n.catalogue("en")
    for language in vocab.LANGUAGES:
        words = i18n.catalogue(language)
        for kind, key in sorted(set(english) | set(words)):
            here, there = words.get((kind, key)), english.get((kind, key))
            if not here and not (kind == "unit" and there == ""):  # a bare count has none
                gaps.append(f"{language}.po: {kind} {key!r} has no words")
            elif there and set(PLACEHOLDER.findall(here)) != set(PLACEHOLDER.findall(there)):
                gaps.append(f"{language}.po: {kind} {key!r} fills in other names than en.po")
    return gaps


def test_every_message_has_words_in_every_language_with_the_same_placeholders():
    assert _gaps() == []


def test_every_text_key_the_code_asks_for_is_in_the_catalogues():
    asked = set()
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        asked |= set(re.findall(r"""\bi18n\.t\(\s*["'](\w+)["']""", source))
        asked |= set(re.findall(r"""\breport\.t\(\s*["'](\w+)["']""", source))
    assert asked, "the scan found no keys: it no longer matches how the code asks"
    assert asked - i18n.keys("text") == set()


def test_a_catalogue_that_lacks_a_words_names_its_file_and_key(tmp_path, monkeypatch):
    shutil.copytree(i18n.MESSAGES_DIR, tmp_path / "messages")
    zh = tmp_path / "messages" / "zh.po"
    text = zh.read_text(encoding="utf-8")
    cut = re.sub(r'(msgctxt "text"\nmsgid "no_rows"\nmsgstr )"[^"]*"', r'\1""', text)
    assert cut != text
    zh.write_text(cut, encoding="utf-8")
    monkeypatch.setattr(i18n, "MESSAGES_DIR", tmp_path / "messages")
    i18n.catalogue.cache_clear()
    try:
        assert i18n.t("no_rows", "en") == "(no rows)"
        with pytest.raises(
            InputError, match=r"zh\.po: no words for msgctxt 'text' msgid 'no_rows'"
        ):
            i18n.t("no_rows", "zh")
    finally:
        i18n.catalogue.cache_clear()


def test_no_placeholder_takes_a_name_the_lookup_itself_uses():
    # i18n.t(key, lang, **values): a {key} or {lang} in a message could never be filled in.
    for language in vocab.LANGUAGES:
        for (_, key), words in i18n.catalogue(language).items():
            assert not {"key", "lang"} & set(PLACEHOLDER.findall(words)), (language, key)
