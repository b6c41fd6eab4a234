"""Length-preserving normalisation of captured text for pattern matching.

Matching runs on a normalised copy (full-width forms to ASCII, traditional
characters to simplified) that has exactly the same length as the original, so
every span found in the copy is also a span of the verbatim text.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import zhconv


@lru_cache(maxsize=8192)
def _normalise_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        # NFKC expands a few characters (ligatures, circled numbers); keep them
        # as they are rather than break the one-to-one mapping of positions.
        folded = ch
    simplified = zhconv.convert(folded, "zh-cn")
    return simplified if len(simplified) == 1 else folded


def normalise(text: str) -> str:
    """Same length as ``text``; full-width ASCII folded, traditional Chinese simplified."""
    out = "".join(_normalise_char(ch) for ch in text)
    assert len(out) == len(text)
    return out
