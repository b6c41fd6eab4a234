"""The word lists of the extraction (``lexicon/*.yaml``), read once per process.

New idioms, unit words or bound words are data changes, not code changes.
"""

from __future__ import annotations

from functools import cache

import yaml

from ..paths import LEXICON_DIR


@cache
def lexicon(name: str) -> dict:
    """The parsed ``lexicon/<name>.yaml``."""
    return yaml.safe_load((LEXICON_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
