"""Whether a clause speaks of the future (will meet on, 将于, 计划).

News tell what happened, so a date that names no year or week is read as the latest one
by the article's date; in a clause about the future it may lie ahead.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import alternation, han, latin

_CLAUSE_BREAKS = ".;!?,。\n"
# How far back in its clause a future marker may stand.
_REACH = 80


@cache
def _english_markers() -> re.Pattern:
    words = alternation(latin().dates.future_markers)
    return re.compile(rf"(?<![A-Za-z])(?:{words})\b", re.IGNORECASE)


def future_before(norm: str, pos: int) -> bool:
    """The clause before ``pos`` holds a future marker of the lexicon."""
    lo = max(norm.rfind(c, 0, pos) for c in _CLAUSE_BREAKS) + 1
    clause = norm[max(lo, pos - _REACH) : pos]
    return bool(_english_markers().search(clause)) or any(
        w in clause for w in han().dates.future_markers
    )
