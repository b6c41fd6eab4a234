"""Ranges: two figures joined by a range word (5至8套, 约7万至8万颗, between 50,000 and
75,000 chips, 5-8%) are one mention with both ends.

The unit or measure word often stands only on the second figure, and so may the
multiplier (7至8万 is 70,000 to 80,000): both carry over to the first. A bound word
before the range bounds all of it (约 makes the whole range approximate); ``bounds``
applies it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from .lexicon import han, latin
from .numerals import ARABIC, Core, parse_number

# "and" joins a range only after "between"; a change (from 5 to 8, 从5万到8万) is no range.
_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)
_FROM = re.compile(r"(?:\bfrom|从)\s*$", re.IGNORECASE)
_LEAD = re.compile(rf"{ARABIC}|[零〇一二两三四五六七八九十百千]+")


@cache
def _joiners() -> frozenset[str]:
    return frozenset(latin().range_joiners) | frozenset(han().range_joiners)


def _lead(norm: str, core: Core) -> float | None:
    """The value of the figure's first numeral alone (8 of 8万, 5 of 5 million)."""
    match = _LEAD.match(norm, core.core_start, core.core_end)
    try:
        return parse_number(match.group()) if match else None
    except (ValueError, KeyError):
        return None


def _joined(norm: str, first: Core, second: Core) -> Core | None:
    between = norm[first.end : second.start]
    word = between.strip().lower()
    if word not in _joiners() or len(between) > len(word) + 2:
        return None
    if None in (first.value, second.value) or first.bound or second.bound:
        return None
    if first.unit and second.unit and first.unit != second.unit:
        return None
    before = norm[max(0, first.start - 10) : first.start]
    if word == "and" and not _BETWEEN.search(before):
        return None
    if _FROM.search(before):
        return None
    low = first.value
    lead_first, lead_second = _lead(norm, first), _lead(norm, second)
    if lead_first == first.value and lead_second and lead_first < lead_second:
        low = first.value * second.value / lead_second  # 7至8万: the 万 is the first's too
    if not low < second.value:
        return None
    return replace(
        second,
        start=first.start,
        core_start=first.core_start,
        value=None,
        low=low,
        high=second.value,
        unit=second.unit or first.unit,
        prefixed=first.prefixed or second.prefixed,
    )


def join_ranges(norm: str, cores: list[Core]) -> list[Core]:
    """``cores`` (sorted, disjoint) with each range of two figures made one core."""
    out: list[Core] = []
    for core in cores:
        joined = _joined(norm, out[-1], core) if out else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(core)
    return out
