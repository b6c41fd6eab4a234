"""Numeral cores and their values: digits, Chinese numerals (cn2an) and multipliers.

A core is the numeral alone (75,000, 7.5万, 一百四十); what stands around it (a unit, a
bound, a currency) is read by the other modules and recorded on its ``Core``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import cn2an

from .lexicon import han, latin

# Which characters form a Chinese numeral core: the digits and tens words of the lexicon
# (廿 is 20, 卅 30), then 十 and the multipliers; cn2an reads the cores.
_NUMERAL_WORDS = han().numerals.words
CN_DIGITS = "".join(w for w, v in _NUMERAL_WORDS.items() if v < 10)
_TENS = {w: cn2an.an2cn(v) for w, v in _NUMERAL_WORDS.items() if v >= 10}
CN_START = CN_DIGITS + "十" + "".join(_TENS)
CN_ALL = CN_START + "百千万亿"
ARABIC = r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
CN_CORE = rf"[{CN_START}][{CN_ALL}]*(?:点[{CN_DIGITS}]+[万亿]*)?"
# Patterns used per candidate, compiled once rather than looked up in re's cache on every call.
_ARABIC_VALUE = re.compile(r"(\d+(?:\.\d+)?)([十百千万亿兆]*)")
_CN_DECIMAL_VALUE = re.compile(rf"([{CN_ALL}]+)点([{CN_DIGITS}]+)([万亿]*)")
_CN_VALUE = re.compile(rf"[{CN_ALL}]+")
# 数百 = "several hundred": 数 is read as 2..9 times the magnitude it prefixes.
SEVERAL_LOW, SEVERAL_HIGH = 2, 9


@dataclass(frozen=True)
class NumberSpan:
    start: int
    end: int
    kind: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    bound: str


@dataclass(frozen=True)
class Core:
    """A numeral core before bounds are applied: where it is and what it says."""

    start: int  # span start (may include a prefix such as 不止 or $)
    end: int  # span end (includes classifier / currency / bound suffix)
    core_start: int
    core_end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    bound: str | None = None  # fixed by the form itself (vague, 多, negation)
    prefixed: bool = False  # a currency word stands before the figure (新台币, HK$)


@cache
def english_scales() -> dict[str, float]:
    """English scale words; the money ones ($5m) only after a currency mark."""
    numerals = latin().numerals
    return numerals.scales | numerals.money_scales


@cache
def _multipliers() -> dict[str, int]:
    return han().numerals.multipliers


@cache
def _digits() -> dict[str, int]:
    return han().numerals.words


# A run of more digits than a float holds exactly is a code or an identifier (a hash, a
# tracking number), not a figure: read as one it would be a meaningless or infinite value.
MAX_DIGITS = 15


@lru_cache(maxsize=16384)  # articles repeat their figures; cn2an is slow to parse one
def parse_number(core: str) -> float:
    """Value of an isolated numeral core: '75,000', '7.5万', '一百四十', '两', '七点五万'."""
    text = core.strip().replace(",", "").replace("〇", "零")
    arabic = _ARABIC_VALUE.fullmatch(text)
    if arabic and len(arabic.group(1).partition(".")[0]) > MAX_DIGITS:
        raise ValueError(f"no figure: {len(arabic.group(1))} digits")
    if arabic:
        return float(arabic.group(1)) * math.prod(_multipliers()[c] for c in arabic.group(2))
    decimal = _CN_DECIMAL_VALUE.fullmatch(text)
    if decimal:
        whole = parse_number(decimal.group(1))
        fraction = float("0." + "".join(str(_digits()[c]) for c in decimal.group(2)))
        return (whole + fraction) * math.prod(_multipliers()[c] for c in decimal.group(3))
    if not text or not _CN_VALUE.fullmatch(text):
        raise ValueError(f"not a numeral core: {core!r}")
    for word, tens in _TENS.items():
        text = text.replace(word, tens)  # cn2an reads 廿 but not 卅
    return float(cn2an.cn2an(text, "smart"))


def range_of_neighbours(core: str) -> tuple[float, float] | None:
    """两三, 三五: two adjacent digits mean 'two or three'."""
    if len(core) == 2 and all(c in _digits() for c in core):
        low, high = _digits()[core[0]], _digits()[core[1]]
        if 0 < low < high <= low + 2:
            return float(low), float(high)
    return None
