"""Zeros stated in Chinese: 没有订单, 尚未接获任何订单, 零订单, and a lone 一 that a negation
makes zero (未拿到任何一笔新订单); 一 alone is the indefinite article.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import alternation, han
from .numerals import CN_ALL, Core
from .spans import is_cjk
from .units import chinese_unit, longest_prefix, noun_unit

# How far a zero's negation may stand before its noun (a verb, 新, 实质 between), and
# after 任何, past a 的-phrase (任何来自中国客户的订单).
ZERO_GAP = 4
ZERO_ANY_GAP = 10


def _negated_before(before: str) -> bool:
    """A negation word in ``before`` (the clause up to a numeral or noun), 未来 and 无论 aside."""
    zero = han().zero
    return any(w in before for w in zero.before_count) and not any(
        w in before for w in zero.not_negations
    )


def _negated_after(after: str) -> bool:
    """都没/也没 after the counted thing; "都不得" (any one may not) is a rule, not a zero."""
    zero = han().zero
    return any(w in after for w in zero.after_count) and not any(
        w in after for w in zero.after_count_not
    )


def lone_one(norm: str, start: int, end: int, clause: tuple[int, int]) -> Core | None:
    """A lone 一 is the indefinite article except for 一半, 不止一 and negated zero."""
    if norm.startswith("半", end):
        return Core(start, end + 1, start, end, 50.0, unit="percent")
    if norm[max(0, start - 2) : start] == "不止":
        unit_end, unit = chinese_unit(norm, end, clause[1])
        return Core(start - 2, unit_end, start, end, None, low=1.0, unit=unit, bound="more_than")
    if end >= clause[1] or not is_cjk(norm[end]):
        return None
    before = norm[max(clause[0], start - 10) : start]
    after = norm[end : min(clause[1], end + 12)]
    if _negated_before(before) or _negated_after(after):
        unit_end, unit = chinese_unit(norm, end, clause[1])
        if unit_end == end:
            return None  # no classifier after it: a word (没有一直, 并未一致), not "not one"
        span_start = start - 2 if norm[max(0, start - 2) : start] == "任何" else start
        return Core(span_start, unit_end, start, end, 0.0, unit=unit, bound="exact")
    return None


def zero_numeral(norm: str, start: int, end: int, clause: tuple[int, int]) -> Core:
    """零 as a word (零订单, 销售金额为零): the unit may stand after it or before it."""
    unit = noun_unit(norm, end, clause[1]) if end < clause[1] else None
    unit_end = end
    hit = longest_prefix(norm, end, clause[1], "classifiers")
    if hit:
        unit_end, unit = end + len(hit[0]), hit[1]
    if unit is None:
        # Only the subject of "X为零 / X是零" counts: 企业实际进口量是零 says nothing of companies.
        subject = norm[clause[0] : start].rstrip("为是都均仍已")
        unit = next((u for noun, u in han().units.nouns.items() if subject.endswith(noun)), None)
        if unit is None:
            measured = sorted(han().units.measured.items(), key=lambda kv: -len(kv[0]))
            unit = next((u for noun, u in measured if subject.endswith(noun)), None)
    return Core(start, unit_end, start, end, 0.0, unit=unit, bound="exact")


@cache
def _negated_noun_pattern() -> re.Pattern:
    return re.compile(alternation(han().zero.nouns))


_NUMERAL_CHARS = frozenset(CN_ALL + "0123456789")


def chinese_zero_cores(norm: str, clause_of) -> list[Core]:
    """没有订单, 尚未接获任何订单, 未有任何出货: a negation close before a counted noun is 0
    of it. The span is 任何 when it stands there (as in 任何一笔), else the negation word.
    A numeral in between (没有一家, 未拿到任何一笔) is read by the numeral rules instead.

    A noun followed by 的 only qualifies the noun that follows (客户的订单): the zero counts
    the last one, the head of the phrase (任何来自中国客户的订单 is 0 orders).
    """
    zero = han().zero
    gap, any_gap = ZERO_GAP, ZERO_ANY_GAP
    negations = sorted(zero.before_noun, key=len, reverse=True)
    reach = max(any_gap + 2, gap + len(negations[0]))
    # Most nouns have no negation near them: one set test rules them out.
    first_chars = {w[0] for w in negations} | {"任"}
    cores: dict[int, Core] = {}  # by start: a later noun of the same phrase replaces one before
    for match in _negated_noun_pattern().finditer(norm):
        if norm.startswith("的", match.end()):
            continue
        if first_chars.isdisjoint(norm[max(0, match.start() - reach) : match.start()]):
            continue
        clause = clause_of(match.start())
        lo = max(clause[0], match.start() - reach)
        window = norm[lo : match.start()]
        unit = zero.nouns[match.group()]
        any_at = window.rfind("任何")
        if any_at != -1 and len(window) - any_at - 2 <= any_gap:
            start = lo + any_at
            before = norm[max(clause[0], start - 10) : start]
            after = norm[match.end() : min(clause[1], match.end() + 12)]
            numeral = any(c in _NUMERAL_CHARS for c in window[any_at + 2 :])
            if (_negated_before(before) or _negated_after(after)) and not numeral:
                cores[start] = Core(
                    start, start + 2, start, start + 2, 0.0, unit=unit, bound="exact"
                )
            continue
        for negation in negations:
            at = window.rfind(negation)
            if at == -1 or len(window) - at - len(negation) > gap:
                continue
            start = lo + at
            if any(norm.startswith(w, start) for w in zero.not_negations):
                break
            if _plain_gap(window[at + len(negation) :]):
                end = start + len(negation)
                cores[start] = Core(start, end, start, end, 0.0, unit=unit, bound="exact")
            break
    return list(cores.values())


def _plain_gap(between: str) -> bool:
    """Only a verb or a modifier between a negation and its noun: no numeral, no 的-clause."""
    return "的" not in between and not any(c in _NUMERAL_CHARS for c in between)
