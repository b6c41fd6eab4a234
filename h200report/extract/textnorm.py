"""Length-preserving normalisation of captured text for pattern matching.

Matching runs on a normalised copy (full-width forms to ASCII, traditional
characters to simplified) that has exactly the same length as the original, so
every span found in the copy is also a span of the verbatim text.
"""

from __future__ import annotations

import re
import unicodedata

import zhconv


def _normalise_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        # NFKC expands a few characters (ligatures, circled numbers); keep them
        # as they are rather than break the one-to-one mapping of positions.
        folded = ch
    simplified = zhconv.convert(folded, "zh-cn")
    return simplified if len(simplified) == 1 else folded


class _Table(dict):
    """Code point -> normalised code point for ``str.translate``, filled on first sight."""

    def __missing__(self, code: int) -> int:
        self[code] = ord(_normalise_char(chr(code)))
        return self[code]


# One table for the process: str.translate looks each character up in C, and only a
# character not seen before costs a Python call (a plain join over the characters
# spent a call per character: a fifth of the extraction time).
_TABLE = _Table()


def normalise(text: str) -> str:
    """Same length as ``text``; full-width ASCII folded, traditional Chinese simplified."""
    out = text.translate(_TABLE)
    assert len(out) == len(text)
    return out


# Characters a page may carry inside a word or a number that no reader sees: soft hyphen,
# zero-width space, non-joiner and joiner, word joiner, and a BOM left inside the text.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def without_invisible(norm: str) -> tuple[str, list[int] | None]:
    """(``norm`` without invisible characters, the offset in ``norm`` of each character
    kept and of its end), or (``norm``, None) when it holds none: readers run on the
    first, so 7.5<U+200B>万 reads 75,000, and spans map back to the verbatim text."""
    if not _INVISIBLE.search(norm):
        return norm, None
    kept = [i for i, ch in enumerate(norm) if not _INVISIBLE.match(ch)]
    return _INVISIBLE.sub("", norm), kept + [len(norm)]
