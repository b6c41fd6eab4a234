"""Numeric expressions in an article body: the figures, and ``find_numbers`` over all.

Everything here reads ``Body.norm`` (simplified Chinese, ASCII punctuation) and
returns spans into it; the same spans index the verbatim ``Body.text``. Words come
from the language files (``lexicon``): new idioms or unit words are data changes.

Three kinds of finding, all merged before bounds are applied (``bounds``): figures
(digits, Chinese numerals, a currency before or after them: here, with ``numerals``
and ``units``), numbers and zeros stated in words (``words``, ``zeros``: three, a
dozen, half, no orders, 没有订单), and spans that look like figures but are none
(``notquantity``: clock times, stock codes, model numbers, years used as names),
which only keep the first two away.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import cache

from ..vocab import MONEY_UNITS
from .bounds import finish
from .lexicon import alternation, han, latin
from .notquantity import not_a_quantity, starts_in_idiom
from .numerals import (
    ARABIC,
    CN_CORE,
    CN_START,
    SEVERAL_HIGH,
    SEVERAL_LOW,
    Core,
    NumberSpan,
    english_scales,
    parse_number,
    range_of_neighbours,
)
from .ranges import join_ranges
from .spans import Blocked, clause_bounds, drop_overlapping, is_cjk, touches_letters
from .units import chinese_unit, currency_first, english_core, yuan_from_context
from .words import word_cores
from .zeros import chinese_zero_cores, lone_one, zero_numeral

_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")


@cache
def _candidate_pattern() -> re.Pattern:
    """Every figure: percent words, vague magnitudes, 全额, digits, Chinese numerals.

    Each branch starts with a literal or a character class (``_candidate_start`` is their
    union: keep the two in step); what stands before a figure (a currency, a bracket) and
    after it (分之, :30) is checked per figure in code.
    """
    money_words = alternation(w for w, unit in han().units.after.items() if unit in MONEY_UNITS)
    scale = rf"(?:\s?(?P<scale>{alternation(latin().numerals.scales)})\b)?"
    return re.compile(
        rf"(?P<pct>百分之(?P<pctcore>{ARABIC}|{CN_CORE}))"
        rf"|(?P<vague>[数几](?P<vmag>[十百千万亿]+))"
        rf"|(?P<full>全额)"
        rf"|(?P<ar>(?P<arcore>{ARABIC})(?P<armult>(?:[百千万亿]|兆(?={money_words}))*){scale})"
        rf"|(?P<cn>{CN_CORE})"
    )


@cache
def _candidate_start() -> re.Pattern:
    """The characters a figure can start with: the first of each branch above.

    The branches start with different classes, so ``re`` cannot scan for the whole
    alternation quickly and tries it at every character; this one class it scans for in C.
    """
    return re.compile(rf"[\d百数几全{CN_START}]")


def _candidates(norm: str) -> Iterator[re.Match]:
    """``_candidate_pattern().finditer(norm)``, tried only where a figure can start."""
    search, match = _candidate_start().search, _candidate_pattern().match
    pos = 0
    while (hit := search(norm, pos)) is not None:
        found = match(norm, hit.start())
        if found is None:
            pos = hit.start() + 1
            continue
        yield found
        pos = found.end()  # every branch reads at least one character


def _chinese_core(norm: str, match: re.Match, clause: tuple[int, int]) -> Core | None:
    start, end = match.span("cn")
    core = match.group("cn")
    prev = norm[start - 1] if start > 0 else ""
    if prev == "第" or norm[max(0, start - 2) : start] in ("星期", "礼拜") or prev == "周":
        return None
    if starts_in_idiom(norm, start):
        return None
    if core == "一":
        return lone_one(norm, start, end, clause)
    neighbours = range_of_neighbours(core)
    if neighbours:
        unit_end, unit = chinese_unit(norm, end, clause[1])
        return Core(start, unit_end, start, end, None, *neighbours, unit=unit, bound="vague_range")
    try:
        value = parse_number(core)
    except (ValueError, KeyError):
        return None
    if core in ("零", "〇"):
        return zero_numeral(norm, start, end, clause)
    return _with_suffix(norm, start, end, value, clause)


def _with_suffix(norm: str, start: int, end: int, value: float, clause: tuple[int, int]) -> Core:
    """多/余 after a core (140多个) make it a lower bound; 十几 a range."""
    pos, bound, low, high, point = end, None, None, None, value
    if norm.startswith(("多", "余"), pos):
        pos, bound, low, point = pos + 1, "more_than", value, None
    elif norm.startswith("几", pos) and norm[end - 1] == "十":
        pos, bound, low, high, point = pos + 1, "vague_range", value + 1, value + 9, None
    if bound is None and norm.startswith("成", pos):
        # 两成 = two tenths
        return Core(start, pos + 1, start, end, value * 10, unit="percent")
    unit_end, unit = chinese_unit(norm, pos, clause[1])
    if bound == "more_than" and unit_end == pos:
        # 多 without a unit after it is an adjective of what follows, not "more than".
        pos, bound, low, point = end, None, None, value
        unit_end, unit = chinese_unit(norm, pos, clause[1])
    return Core(start, unit_end, start, end, point, low, high, unit, bound)


def _arabic_core(norm: str, match: re.Match, clause: tuple[int, int]) -> Core | None:
    start, end = match.span("ar")
    core_end = match.end("armult")
    if touches_letters(norm, start, end) or (start > 0 and norm[start - 1] == "第"):
        return None
    if start > 1 and norm[start - 1] in ",." and norm[start - 2].isdigit():
        return None  # the tail of a malformed figure such as 1,2345
    value = parse_number(match.group("arcore") + match.group("armult"))
    if match.group("scale"):
        value *= english_scales()[match.group("scale")]
        return english_core(norm, start, end, value)
    if core_end < len(norm) and is_cjk(norm[core_end]) or norm.startswith("%", core_end):
        core = _with_suffix(norm, start, core_end, value, clause)
    else:
        core = english_core(norm, start, end, value)
    if core.unit is None and core.bound is None and _YEAR_LIKE.fullmatch(match.group("ar")):
        # A year the date rules did not read as a date is a name: the 2025 rule, Vision 2030,
        # 中国制造2025. (A year-like count always has its unit: 2025家, 2025 chips.)
        return None
    return core


_FRACTION_NUMERATOR = re.compile(rf"{ARABIC}|{CN_CORE}")


def _fraction_of(norm: str, start: int, end: int) -> Core | None:
    """三分之一, 10分之1: the denominator is the figure at ``start``, written first."""
    if not norm.startswith("分之", end):
        return None
    numerator = _FRACTION_NUMERATOR.match(norm, end + 2)
    if numerator is None:
        return None
    denominator = parse_number(norm[start:end])
    if not denominator:
        return None
    value = 100 * parse_number(numerator.group()) / denominator
    return Core(start, numerator.end(), start, numerator.end(), value, unit="percent")


def _candidate(norm: str, match: re.Match) -> Core | None:
    clause = clause_bounds(norm, match.start())
    # Each branch of the pattern is a named group around all of it, so the group that
    # closed last names the branch: one attribute instead of a group lookup per branch.
    branch = match.lastgroup
    if branch == "pct":
        value = parse_number(match.group("pctcore"))
        return Core(
            match.start(), match.end(), match.start("pctcore"), match.end(), value, unit="percent"
        )
    if branch == "vague":
        magnitude = parse_number("一" + match.group("vmag"))
        unit_end, unit = chinese_unit(norm, match.end(), clause[1])
        return Core(
            match.start(),
            unit_end,
            match.start(),
            match.end(),
            None,
            SEVERAL_LOW * magnitude,
            SEVERAL_HIGH * magnitude,
            unit,
            "vague_range",
        )
    if branch == "full":
        return Core(
            match.start(),
            match.end(),
            match.start(),
            match.end(),
            100.0,
            unit="percent",
            bound="exact",
        )
    start, end = match.span()
    if not_a_quantity(norm, start, end):
        return None
    special = _fraction_of(norm, start, end) or currency_first(norm, start, clause)
    if special is not None:
        return special
    if branch == "ar":
        return _arabic_core(norm, match, clause)
    return _chinese_core(norm, match, clause)


def find_numbers(norm: str, blocked: Sequence[tuple[int, int]] = ()) -> list[NumberSpan]:
    """Numeric expressions in ``norm`` that do not overlap the ``blocked`` spans (dates)."""
    blocked = list(blocked)
    fixed = Blocked(blocked)
    cores = []
    for match in _candidates(norm):
        if fixed.overlaps(*match.span()):
            continue
        try:
            core = _candidate(norm, match)
        except (ValueError, KeyError):
            continue  # numeral characters that do not form a number (百分之一二三)
        if core is not None and not fixed.overlaps(core.start, core.end):
            cores.append(core)

    def clause_of(pos: int) -> tuple[int, int]:
        return clause_bounds(norm, pos)

    words = word_cores(norm, clause_of) + chinese_zero_cores(norm, clause_of)
    cores += [c for c in words if not fixed.overlaps(c.start, c.end)]
    cores = yuan_from_context(norm, join_ranges(norm, drop_overlapping(cores)))
    # The nearest fence end at or before a core, and the nearest fence start at or after it.
    fences = [(c.start, c.end) for c in cores] + blocked
    fence_ends = sorted(e for _, e in fences)
    fence_starts = sorted(s for s, _ in fences)
    spans = []
    for core in cores:
        i = bisect_right(fence_ends, core.start)
        left = fence_ends[i - 1] if i else 0
        j = bisect_left(fence_starts, core.end)
        right = fence_starts[j] if j < len(fence_starts) else len(norm)
        spans.append(finish(norm, core, left, right))
    return drop_overlapping(spans)
