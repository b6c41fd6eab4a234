"""The word lists of the extraction (``lexicon/*.yaml``), read once per process.

New idioms, unit words or bound words are data changes, not code changes.
"""

from __future__ import annotations

from functools import cache

from ..paths import LEXICON_DIR
from ..yamlio import read_yaml


@cache
def lexicon(name: str) -> dict:
    """The parsed ``lexicon/<name>.yaml``."""
    # Through the strict reader: a word list with a key twice would drop the first silently.
    return read_yaml(LEXICON_DIR / f"{name}.yaml", "lexicon file")
