"""Figures that are no quantities: clock times, stock codes, ranks, model and section
numbers, and numeral characters inside fixed expressions (十分, 两岸).

They only keep the figure readers away; they yield no mention.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import alternation, han, latin
from .numerals import CN_DIGITS
from .units import currency_before


@cache
def _idiom_pattern() -> tuple[re.Pattern, int]:
    """(stoplist as one alternation, longest idiom length); longest first so a match is the longest."""
    idioms = sorted(han().numerals.idioms, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, idioms))), len(idioms[0])


def starts_in_idiom(norm: str, pos: int) -> bool:
    """True when a numeral at ``pos`` begins inside a stoplisted idiom (十分, 万一, 两岸)."""
    # An idiom covers pos when it starts at most (longest - 1) characters before it; at each
    # such start the longest idiom found there is the one that reaches furthest.
    pattern, longest = _idiom_pattern()
    for at in range(max(0, pos - longest + 1), pos + 1):
        match = pattern.match(norm, at)
        if match and match.end() > pos:
            return True
    return False


_CLOCK_MINUTES = re.compile(r":[0-5]\d(?!\d)")
_AM_PM = re.compile(r"\s?(?:[ap]\.m\.|[AP]\.M\.|[ap]m\b|[AP]M\b)")
_CN_MINUTES = re.compile(rf"点(?:半|(?:\d{{1,2}}|[{CN_DIGITS}十]{{1,3}})分)")
_CODE_AFTER = re.compile(r"(?:\.[A-Za-z]{1,2})?\s*\)")
_CODE = re.compile(r"\d{4,6}")
_MODEL_NUMBER = re.compile(r"\d{2,5}")


@cache
def _name_before() -> tuple[re.Pattern, re.Pattern, frozenset[str]]:
    """(a stock-code label ending before a figure, a model-name word ending one space
    before a figure, the currency codes that are no model names)."""
    labels = alternation(han().not_a_quantity.stock_code_labels)
    label = re.compile(rf"(?:{labels}|[A-Z]{{2,6}})\s?:\s?$")
    names = alternation(latin().not_a_quantity.name_words)
    name = re.compile(rf"(?<![A-Za-z])(?:{names}|[A-Z]{{3,5}}) $")
    return label, name, frozenset(currency_before())


def not_a_quantity(norm: str, start: int, end: int) -> bool:
    """The figure at [start, end) is a clock time (9:30, 10 a.m., 上午10时, 10点30分), a stock
    code ((2330), (2330.TW), 股票代码:600519), a rank (No. 1) or a model or section number
    (RTX 5090, CES 2026, Section 1758).

    Cheap character tests come first: most figures are none of these.
    """
    before = norm[start - 1] if start else ""
    after = norm[end] if end < len(norm) else ""
    if after == ":" and _CLOCK_MINUTES.match(norm, end):
        return True
    if before == ":" and start > 1 and norm[start - 2].isdigit():
        return True  # the minutes of 9:30
    if after in " apAP" and _AM_PM.match(norm, end):
        return True
    if after == "时" or after == "点" and _CN_MINUTES.match(norm, end):
        return True
    if after == "分" and before in ("点", "时"):
        return True
    if after == "点" and any(
        norm.endswith(w, 0, start) for w in han().not_a_quantity.clock_dayparts
    ):
        return True
    if before in ". #" and any(
        norm.endswith(mark, 0, start - (before == " "))
        for mark in latin().not_a_quantity.rank_marks
    ):
        return True  # No. 1, #2
    figure = norm[start:end]
    label, name, currencies = _name_before()
    if _CODE.fullmatch(figure):
        if norm[max(0, start - 2) : start].rstrip().endswith("(") and _CODE_AFTER.match(norm, end):
            return True
        if before in ": " and label.search(norm, max(0, start - 10), start):
            return True
    if before == " " and _MODEL_NUMBER.fullmatch(figure) and after not in ".,%":
        hit = name.search(norm, max(0, start - 12), start)
        if hit and hit.group().strip() not in currencies:
            return True
    return False
