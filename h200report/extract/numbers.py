"""Numeric expressions in an article body: numeral cores, units and bounds.

Everything here reads ``Body.norm`` (simplified Chinese, ASCII punctuation) and
returns spans into it; the same spans index the verbatim ``Body.text``.
Word lists live in ``lexicon/numbers.yaml`` so that new idioms or unit words
are data changes, not code changes.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import cn2an

from ..vocab import MONEY_UNITS
from .lexicon import lexicon as load_lexicon

CN_DIGITS = "零〇一二两三四五六七八九"
CN_START = CN_DIGITS + "十"
CN_ALL = CN_START + "百千万亿"
MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
ENGLISH_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "mn": 1e6,
}
CN_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}

ARABIC = r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
CN_CORE = rf"[{CN_START}][{CN_ALL}]*(?:点[{CN_DIGITS}]+[万亿]*)?"
SCALE = r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn)\b)?"
CANDIDATE = re.compile(
    rf"(?P<pct>百分之(?P<pctcore>{ARABIC}|{CN_CORE}))"
    rf"|(?P<vague>[数几](?P<vmag>[十百千万亿]+))"
    rf"|(?P<full>全额)"
    rf"|(?P<dollar>(?:US)?\$\s?(?P<dcore>{ARABIC}){SCALE.replace('scale', 'dscale')})"
    rf"|(?P<ar>(?P<arcore>{ARABIC})(?P<armult>[百千万亿]*){SCALE})"
    rf"|(?P<cn>{CN_CORE})"
)
CLAUSE_BREAKS = set(',.。;:!?、\n“”"()[]【】「」『』')
_BREAK_CANDIDATE = re.compile("[" + "".join(map(re.escape, sorted(CLAUSE_BREAKS))) + "]")
# Patterns used per candidate, compiled once rather than looked up in re's cache on every call.
_ARABIC_VALUE = re.compile(r"(\d+(?:\.\d+)?)([十百千万亿]*)")
_CN_DECIMAL_VALUE = re.compile(rf"([{CN_ALL}]+)点([{CN_DIGITS}]+)([万亿]*)")
_CN_VALUE = re.compile(rf"[{CN_ALL}]+")
_ENGLISH_WORDS = re.compile(r"\s+([A-Za-z][A-Za-z0-9]*(?: [A-Za-z]+)?)")
WINDOW_BEFORE = 16
WINDOW_AFTER = 10
NOUN_REACH = 4
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
class _Core:
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


def lexicon() -> dict:
    return load_lexicon("numbers")


def parse_number(core: str) -> float:
    """Value of an isolated numeral core: '75,000', '7.5万', '一百四十', '两', '七点五万'."""
    text = core.strip().replace(",", "").replace("〇", "零")
    arabic = _ARABIC_VALUE.fullmatch(text)
    if arabic:
        return float(arabic.group(1)) * math.prod(MULTIPLIERS[c] for c in arabic.group(2))
    decimal = _CN_DECIMAL_VALUE.fullmatch(text)
    if decimal:
        whole = parse_number(decimal.group(1))
        fraction = float("0." + "".join(str(CN_DIGIT_VALUE[c]) for c in decimal.group(2)))
        return (whole + fraction) * math.prod(MULTIPLIERS[c] for c in decimal.group(3))
    if not text or not _CN_VALUE.fullmatch(text):
        raise ValueError(f"not a numeral core: {core!r}")
    return float(cn2an.cn2an(text, "smart"))


def _is_break(norm: str, i: int) -> bool:
    """Punctuation that ends a clause; a comma or point between digits (75,000 / 7.5) does not."""
    if norm[i] not in CLAUSE_BREAKS:
        return False
    if norm[i] in ",." and 0 < i < len(norm) - 1:
        return not (norm[i - 1].isdigit() and norm[i + 1].isdigit())
    return True


@lru_cache(maxsize=4)
def _breaks(norm: str) -> list[int]:
    """Sorted offsets of the clause breaks of ``norm``.

    Found once per body (the cache is keyed by the string itself) so that the clause
    around each of its many candidates is two bisections instead of a character scan.
    """
    return [m.start() for m in _BREAK_CANDIDATE.finditer(norm) if _is_break(norm, m.start())]


def _clause_bounds(norm: str, pos: int) -> tuple[int, int]:
    """(start, end) of the clause around ``pos``: just after the break before it, up to the next one."""
    breaks = _breaks(norm)
    i = bisect_left(breaks, pos)  # breaks[:i] lie before pos, breaks[i] (if any) at or after it
    return (breaks[i - 1] + 1 if i else 0), (breaks[i] if i < len(breaks) else len(norm))


@cache
def _idiom_pattern() -> tuple[re.Pattern, int]:
    """(stoplist as one alternation, longest idiom length); longest first so a match is the longest."""
    idioms = sorted(lexicon()["stoplist"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, idioms))), len(idioms[0])


def _starts_in_idiom(norm: str, pos: int) -> bool:
    """True when a numeral at ``pos`` begins inside a stoplisted idiom (十分, 万一, 两岸)."""
    # An idiom covers pos when it starts at most (longest - 1) characters before it; at each
    # such start the longest idiom found there is the one that reaches furthest.
    pattern, longest = _idiom_pattern()
    for at in range(max(0, pos - longest + 1), pos + 1):
        match = pattern.match(norm, at)
        if match and match.end() > pos:
            return True
    return False


def _touches_letters(norm: str, start: int, end: int) -> bool:
    """Digits glued to ASCII letters are names or codes: H200, MI325, G2, Qwen3.5, GPT-4."""
    before = norm[start - 1] if start > 0 else ""
    after = norm[end] if end < len(norm) else ""
    if before.isascii() and before.isalpha() or after.isascii() and after.isalpha():
        return True
    if before in "-." and start > 1 and norm[start - 2].isascii() and norm[start - 2].isalpha():
        return True
    beyond = norm[end + 1] if end + 1 < len(norm) else ""
    return after == "." and beyond.isascii() and beyond.isalpha()


@cache
def _prefix_pattern(key: str) -> re.Pattern:
    """The words of a lexicon table as one alternation, longest first, so a match is the longest word."""
    return re.compile("|".join(map(re.escape, sorted(lexicon()[key], key=len, reverse=True))))


def _longest_prefix(norm: str, pos: int, end: int, key: str) -> tuple[str, str] | None:
    """The longest word of table ``key`` that starts at ``pos`` and ends by ``end``, with its unit."""
    if pos >= end:
        return None
    match = _prefix_pattern(key).match(norm, pos, end)
    return (match.group(), lexicon()[key][match.group()]) if match else None


def _noun_unit(norm: str, pos: int, clause_end: int) -> str | None:
    reach_end = min(clause_end, pos + NOUN_REACH + 5)
    for offset in range(min(NOUN_REACH, max(0, reach_end - pos)) + 1):
        hit = _longest_prefix(norm, pos + offset, reach_end, "nouns")
        if hit:
            return hit[1]
    return None


def _english_unit(norm: str, pos: int) -> tuple[int, str | None]:
    """(span end, unit) for English unit words after a number; nouns stay outside the span."""
    if norm.startswith("%", pos):
        return pos + 1, "percent"
    match = _ENGLISH_WORDS.match(norm[pos : pos + 40])
    if not match:
        return pos, None
    words = match.group(1).lower()
    for word, unit in _english_units_longest_first():
        if words == word or words.startswith(word + " "):
            return pos + match.start(1) + len(word), unit
    nouns = lexicon()["english_nouns"]
    first, *rest = words.split()
    if first in nouns:
        return pos, nouns[first]
    # A model name may stand between the number and its noun: 75,000 H200 chips.
    name = match.group(1).split()[0]
    if rest and any(c.isdigit() or c.isupper() for c in name[1:]):
        return pos, nouns.get(rest[0])
    return pos, None


@cache
def _english_units_longest_first() -> list[tuple[str, str]]:
    return sorted(lexicon()["english_units"].items(), key=lambda wu: -len(wu[0]))


def _chinese_unit(norm: str, pos: int, clause_end: int) -> tuple[int, str | None]:
    """(span end, unit): a classifier joins the span; a noun after it may refine the unit."""
    hit = _longest_prefix(norm, pos, clause_end, "classifiers")
    end, unit = (pos + len(hit[0]), hit[1]) if hit else (pos, None)
    if unit in (None, "count", "chips", "companies"):
        noun = _noun_unit(norm, end, clause_end)
        unit = noun or unit
    return end, unit


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _lone_one(norm: str, start: int, end: int, clause: tuple[int, int]) -> _Core | None:
    """A lone 一 is the indefinite article except for 一半, 不止一 and negated zero."""
    lex = lexicon()
    if norm.startswith("半", end):
        return _Core(start, end + 1, start, end, 50.0, unit="percent")
    if norm[max(0, start - 2) : start] == "不止":
        unit_end, unit = _chinese_unit(norm, end, clause[1])
        return _Core(start - 2, unit_end, start, end, None, low=1.0, unit=unit, bound="more_than")
    if end >= clause[1] or not _is_cjk(norm[end]):
        return None
    before = norm[max(clause[0], start - 10) : start]
    after = norm[end : min(clause[1], end + 12)]
    negated = any(w in before for w in lex["negation_before"]) and not any(
        w in before for w in lex["negation_not"]
    )
    if negated or any(w in after for w in lex["negation_after"]):
        unit_end, unit = _chinese_unit(norm, end, clause[1])
        span_start = start - 2 if norm[max(0, start - 2) : start] == "任何" else start
        return _Core(span_start, unit_end, start, end, 0.0, unit=unit, bound="exact")
    return None


def _range_of_neighbours(core: str) -> tuple[float, float] | None:
    """两三, 三五: two adjacent digits mean 'two or three'."""
    if len(core) == 2 and all(c in CN_DIGIT_VALUE for c in core):
        low, high = CN_DIGIT_VALUE[core[0]], CN_DIGIT_VALUE[core[1]]
        if 0 < low < high <= low + 2:
            return float(low), float(high)
    return None


def _chinese_core(norm: str, match: re.Match, clause: tuple[int, int]) -> _Core | None:
    start, end = match.span("cn")
    core = match.group("cn")
    prev = norm[start - 1] if start > 0 else ""
    if prev == "第" or norm[max(0, start - 2) : start] in ("星期", "礼拜") or prev == "周":
        return None
    if _starts_in_idiom(norm, start):
        return None
    if core == "一":
        return _lone_one(norm, start, end, clause)
    neighbours = _range_of_neighbours(core)
    if neighbours:
        unit_end, unit = _chinese_unit(norm, end, clause[1])
        return _Core(start, unit_end, start, end, None, *neighbours, unit=unit, bound="vague_range")
    try:
        value = parse_number(core)
    except (ValueError, KeyError):
        return None
    if core in ("零", "〇"):
        return _zero(norm, start, end, clause)
    return _with_suffix(norm, start, end, value, clause)


def _zero(norm: str, start: int, end: int, clause: tuple[int, int]) -> _Core:
    """零 as a word (零订单, 销售金额为零): the unit may stand after it or before it."""
    unit = _noun_unit(norm, end, clause[1]) if end < clause[1] else None
    unit_end = end
    hit = _longest_prefix(norm, end, clause[1], "classifiers")
    if hit:
        unit_end, unit = end + len(hit[0]), hit[1]
    if unit is None:
        # Only the subject of "X为零 / X是零" counts: 企业实际进口量是零 says nothing of companies.
        subject = norm[clause[0] : start].rstrip("为是都均仍已")
        unit = next((u for noun, u in lexicon()["nouns"].items() if subject.endswith(noun)), None)
        if unit is None:
            measured = sorted(lexicon()["measured_nouns"].items(), key=lambda kv: -len(kv[0]))
            unit = next((u for noun, u in measured if subject.endswith(noun)), None)
    return _Core(start, unit_end, start, end, 0.0, unit=unit, bound="exact")


def _with_suffix(norm: str, start: int, end: int, value: float, clause: tuple[int, int]) -> _Core:
    """多/余 after a core (140多个) make it a lower bound; 十几 a range."""
    pos, bound, low, high, point = end, None, None, None, value
    if norm.startswith(("多", "余"), pos):
        pos, bound, low, point = pos + 1, "more_than", value, None
    elif norm.startswith("几", pos) and norm[end - 1] == "十":
        pos, bound, low, high, point = pos + 1, "vague_range", value + 1, value + 9, None
    if bound is None and norm.startswith("成", pos):
        # 两成 = two tenths
        return _Core(start, pos + 1, start, end, value * 10, unit="percent")
    unit_end, unit = _chinese_unit(norm, pos, clause[1])
    if bound == "more_than" and unit_end == pos:
        # 多 without a unit after it is an adjective of what follows, not "more than".
        pos, bound, low, point = end, None, None, value
        unit_end, unit = _chinese_unit(norm, pos, clause[1])
    return _Core(start, unit_end, start, end, point, low, high, unit, bound)


def _arabic_core(norm: str, match: re.Match, clause: tuple[int, int]) -> _Core | None:
    start, end = match.span("ar")
    core_end = match.end("armult")
    if _touches_letters(norm, start, end) or (start > 0 and norm[start - 1] == "第"):
        return None
    if start > 1 and norm[start - 1] in ",." and norm[start - 2].isdigit():
        return None  # the tail of a malformed figure such as 1,2345
    value = parse_number(match.group("arcore") + match.group("armult"))
    if match.group("scale"):
        value *= ENGLISH_SCALES[match.group("scale")]
        return _english(norm, start, end, value)
    if core_end < len(norm) and _is_cjk(norm[core_end]) or norm.startswith("%", core_end):
        return _with_suffix(norm, start, core_end, value, clause)
    return _english(norm, start, end, value)


def _english(norm: str, start: int, end: int, value: float) -> _Core:
    unit_end, unit = _english_unit(norm, end)
    return _Core(start, unit_end, start, end, value, unit=unit)


def _candidate(norm: str, match: re.Match) -> _Core | None:
    clause = _clause_bounds(norm, match.start())
    if match.group("pct"):
        value = parse_number(match.group("pctcore"))
        return _Core(
            match.start(), match.end(), match.start("pctcore"), match.end(), value, unit="percent"
        )
    if match.group("vague"):
        magnitude = parse_number("一" + match.group("vmag"))
        unit_end, unit = _chinese_unit(norm, match.end(), clause[1])
        return _Core(
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
    if match.group("full"):
        return _Core(
            match.start(),
            match.end(),
            match.start(),
            match.end(),
            100.0,
            unit="percent",
            bound="exact",
        )
    if match.group("dollar"):
        start, end = match.span("dcore")
        if _touches_letters(norm, match.start(), match.end()):
            return None
        scale = ENGLISH_SCALES.get(match.group("dscale") or "", 1.0)
        value = parse_number(match.group("dcore")) * scale
        return _Core(match.start(), match.end(), start, end, value, unit="USD")
    if match.group("ar"):
        return _arabic_core(norm, match, clause)
    return _chinese_core(norm, match, clause)


@dataclass(frozen=True)
class _BoundWords:
    """The bound lexicon flattened once into (word, bound) lists and compiled patterns."""

    before: list[tuple[str, str]]
    adjacent_before: list[tuple[str, str]]
    after: list[tuple[str, str]]
    english: list[tuple[str, str, re.Pattern]]
    any_english: re.Pattern  # matches wherever at least one of ``english`` does


@cache
def _bound_words() -> _BoundWords:
    bounds = lexicon()["bounds"]
    english = [
        (phrase, bound, re.compile(rf"\b{phrase}\s*(?:US)?\$?\s*$", re.IGNORECASE))
        for bound, phrases in lexicon()["english_bounds"].items()
        for phrase in phrases
    ]
    alternatives = "|".join(phrase for phrase, _, _ in english)
    return _BoundWords(
        before=[(w, b) for b, words in bounds.items() for w in words["before"]],
        adjacent_before=[(w, b) for b, words in bounds.items() for w in words["adjacent_before"]],
        after=[(w, b) for b, words in bounds.items() for w in words["after"]],
        english=english,
        any_english=re.compile(rf"\b(?:{alternatives})\s*(?:US)?\$?\s*$", re.IGNORECASE),
    )


def _bound_from_context(norm: str, core: _Core, left: int, right: int) -> str | None:
    """The bound word nearest to the number within its clause, before or after it."""
    clause = _clause_bounds(norm, core.core_start)
    before = norm[max(clause[0], left, core.start - WINDOW_BEFORE) : core.start]
    after = norm[core.end : min(clause[1], right, core.end + WINDOW_AFTER)]
    words = _bound_words()
    # (distance from the number, -length, bound): the nearest, then longest word wins.
    # The order in which words are tried does not matter: the smallest tuple wins either way.
    best: tuple[int, int, str] | None = None
    for word, bound in words.before:
        at = before.rfind(word)
        if at != -1:
            best = min(best or (99, 0, ""), (len(before) - at - len(word), -len(word), bound))
    for word, bound in words.adjacent_before:
        if before.endswith(word):
            best = min(best or (99, 0, ""), (0, -len(word), bound))
    for word, bound in words.after:
        at = after.find(word)
        if at != -1:
            best = min(best or (99, 0, ""), (at, -len(word), bound))
    # Most numbers have no English bound phrase before them: one search over the
    # alternation rules them all out before trying each phrase for its length.
    if words.any_english.search(before):
        for phrase, bound, pattern in words.english:
            if pattern.search(before):
                best = min(best or (99, 0, ""), (0, -len(phrase), bound))
    # "to cap purchases of H200 chips at 75,000": the verb stands far from its number.
    if _CAP_AT.search(norm[max(clause[0], left, core.start - 100) : core.start]):
        best = min(best or (99, 0, ""), (0, -len("cap at"), "at_most"))
    return best[2] if best else None


_CAP_AT = re.compile(r"\bcap(?:s|ped|ping)?\b[^.;:!?]{0,80}?\bat\s*(?:US)?\$?\s*$", re.IGNORECASE)


def _adjacent_suffix(norm: str, core: _Core) -> int:
    """Bound words right after the unit (以内, 以上, 左右) join the span."""
    for word in ("以内", "以下", "之内", "以上", "左右", "有余"):
        if norm.startswith(word, core.end):
            return core.end + len(word)
    return core.end


@cache
def _prefix_words_longest_first() -> list[str]:
    lex = lexicon()["bounds"]
    words = [w for b in lex.values() for w in b["before"] + b["adjacent_before"] if w != "上限"]
    return sorted(words, key=len, reverse=True)


def _adjacent_prefix(norm: str, core: _Core) -> int:
    """Bound words right before the number (超过, 约, 不足) join the span."""
    for word in _prefix_words_longest_first():  # the first hit is the longest
        if norm.endswith(word, 0, core.start):
            return core.start - len(word)
    return core.start


def _finish(norm: str, core: _Core, left: int, right: int) -> NumberSpan:
    bound = core.bound or _bound_from_context(norm, core, left, right) or "exact"
    value, low, high = core.value, core.low, core.high
    if core.bound is None and value is not None:
        if bound in ("at_most", "less_than"):
            value, high = None, value
        elif bound in ("at_least", "more_than"):
            value, low = None, value
    start = _adjacent_prefix(norm, core) if core.bound is None else core.start
    end = _adjacent_suffix(norm, core)
    kind = (
        "money" if core.unit in MONEY_UNITS else "percent" if core.unit == "percent" else "quantity"
    )
    return NumberSpan(start, end, kind, value, low, high, core.unit, bound)


class _Blocked:
    """Fixed spans (possibly overlapping) asking "does (start, end) overlap any?" by bisection.

    With the spans sorted by start, those starting before ``end`` are a prefix of the
    list, and one of them overlaps when the largest end in that prefix passes ``start``.
    """

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        for _, e in spans:
            self.max_end.append(max(e, self.max_end[-1]) if self.max_end else e)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)
        return i > 0 and self.max_end[i - 1] > start


def find_numbers(norm: str, blocked: Sequence[tuple[int, int]] = ()) -> list[NumberSpan]:
    """Numeric expressions in ``norm`` that do not overlap the ``blocked`` spans (dates)."""
    blocked = list(blocked)
    fixed = _Blocked(blocked)
    cores = []
    for match in CANDIDATE.finditer(norm):
        if fixed.overlaps(*match.span()):
            continue
        try:
            core = _candidate(norm, match)
        except (ValueError, KeyError):
            continue  # numeral characters that do not form a number (百分之一二三)
        if core is not None and not fixed.overlaps(core.start, core.end):
            cores.append(core)
    cores = _drop_overlapping(cores)
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
        spans.append(_finish(norm, core, left, right))
    return _drop_overlapping(spans)


def _drop_overlapping(items: list) -> list:
    """Longest first (then leftmost), keep each item that overlaps none kept before it.

    The items are never empty (every span holds at least its numeral), so the kept
    ones are disjoint and, sorted by start, also sorted by end: the only kept span
    that can overlap a new one is the last kept span starting before the new one ends.
    """
    kept_starts: list[int] = []
    kept_ends: list[int] = []
    kept: list = []
    for item in sorted(items, key=lambda i: (-(i.end - i.start), i.start)):
        i = bisect_left(kept_starts, item.end)
        if i and kept_ends[i - 1] > item.start:
            continue
        kept_starts.insert(i, item.start)
        kept_ends.insert(i, item.end)
        kept.append(item)
    return sorted(kept, key=lambda i: i.start)
