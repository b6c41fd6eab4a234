"""Numeric expressions in an article body: numeral cores, units and bounds.

Everything here reads ``Body.norm`` (simplified Chinese, ASCII punctuation) and
returns spans into it; the same spans index the verbatim ``Body.text``.
Words come from the language files (``lexicon/<language>.yaml``, see ``lexicon``):
new idioms or unit words are data changes, not code changes.

Three kinds of finding, all merged before bounds are applied: figures (digits,
Chinese numerals, a currency before or after them), numbers and zeros stated in
words (three, a dozen, half, no orders, 没有订单), and spans that look like
figures but are none (clock times, stock codes, model numbers, years used as
names), which only keep the first two away.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import cn2an

from ..vocab import MONEY_UNITS
from .lexicon import Language, alternation, han, latin

# Which characters form a Chinese numeral core (the syntax); their values come from the
# lexicon and cn2an.
CN_DIGITS = "零〇一二两三四五六七八九"
CN_START = CN_DIGITS + "十"
CN_ALL = CN_START + "百千万亿"

ARABIC = r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
CN_CORE = rf"[{CN_START}][{CN_ALL}]*(?:点[{CN_DIGITS}]+[万亿]*)?"
CLAUSE_BREAKS = set(',.。;:!?、\n“”"()[]【】「」『』')
_BREAK_CANDIDATE = re.compile("[" + "".join(map(re.escape, sorted(CLAUSE_BREAKS))) + "]")
# Patterns used per candidate, compiled once rather than looked up in re's cache on every call.
_ARABIC_VALUE = re.compile(r"(\d+(?:\.\d+)?)([十百千万亿兆]*)")
_CN_DECIMAL_VALUE = re.compile(rf"([{CN_ALL}]+)点([{CN_DIGITS}]+)([万亿]*)")
_CN_VALUE = re.compile(rf"[{CN_ALL}]+")
_ENGLISH_WORDS = re.compile(r"\s+([A-Za-z][A-Za-z0-9-]*(?: [A-Za-z]+)?)")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.'’-]*")
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
# How far a zero's negation may stand before its noun (a verb, 新, 实质 between), and
# after 任何, past a 的-phrase (任何来自中国客户的订单).
ZERO_GAP = 4
ZERO_ANY_GAP = 10
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
    prefixed: bool = False  # a currency word stands before the figure (新台币, HK$)


@cache
def _currency_before() -> dict[str, str]:
    """Currency marks of every script: a Chinese page writes US$ and HK$ too."""
    return latin().currency.before | han().currency.before


@cache
def _scales() -> dict[str, float]:
    """English scale words; the money ones ($5m) only after a currency mark."""
    numerals = latin().numerals
    return numerals.scales | numerals.money_scales


@cache
def _multipliers() -> dict[str, int]:
    return han().numerals.multipliers


@cache
def _digits() -> dict[str, int]:
    return han().numerals.words


def _table(key: str) -> dict[str, str]:
    """The Chinese unit table ``_longest_prefix`` reads: classifiers or nouns."""
    units = han().units
    return units.after if key == "classifiers" else units.nouns


@cache
def _candidate_pattern() -> re.Pattern:
    """Every figure: percent words, vague magnitudes, 全额, digits, Chinese numerals.

    Each branch starts with a literal or a character class, so ``re`` skips the text
    between figures quickly; what stands before a figure (a currency, a bracket) and
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
def _currency_patterns() -> tuple[re.Pattern, re.Pattern, frozenset[str]]:
    """(a currency word ending where a figure starts, the currency-first amount, the
    characters a currency word can end with: only figures after one of them are tried)."""
    prefixes = alternation(_currency_before())
    before = re.compile(rf"(?:{prefixes})\s?$")
    scales = alternation(_scales())
    money_scale = rf"(?:\s?(?P<mscale>{scales})\b)?"
    amount = re.compile(
        rf"(?P<cur>{prefixes})\s?(?P<mcore>{ARABIC}|{CN_CORE})(?P<mmult>[百千万亿兆]*){money_scale}"
    )
    last_chars = frozenset(p[-1] for p in _currency_before()) | {" "}
    return before, amount, last_chars


@lru_cache(maxsize=16384)  # articles repeat their figures; cn2an is slow to parse one
def parse_number(core: str) -> float:
    """Value of an isolated numeral core: '75,000', '7.5万', '一百四十', '两', '七点五万'."""
    text = core.strip().replace(",", "").replace("〇", "零")
    arabic = _ARABIC_VALUE.fullmatch(text)
    if arabic:
        return float(arabic.group(1)) * math.prod(_multipliers()[c] for c in arabic.group(2))
    decimal = _CN_DECIMAL_VALUE.fullmatch(text)
    if decimal:
        whole = parse_number(decimal.group(1))
        fraction = float("0." + "".join(str(_digits()[c]) for c in decimal.group(2)))
        return (whole + fraction) * math.prod(_multipliers()[c] for c in decimal.group(3))
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
    idioms = sorted(han().numerals.idioms, key=len, reverse=True)
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
    return re.compile(alternation(_table(key)))


def _longest_prefix(norm: str, pos: int, end: int, key: str) -> tuple[str, str] | None:
    """The longest word of table ``key`` that starts at ``pos`` and ends by ``end``, with its unit."""
    if pos >= end:
        return None
    match = _prefix_pattern(key).match(norm, pos, end)
    return (match.group(), _table(key)[match.group()]) if match else None


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
    unit_words, units = _english_units()
    hit = unit_words.match(norm, pos)
    if hit:
        return hit.end(), units[" ".join(hit.group(1).lower().split())]
    match = _ENGLISH_WORDS.match(norm[pos : pos + 40])
    if not match:
        return pos, None
    words = match.group(1).lower()
    nouns = latin().units.nouns
    first, *rest = words.split()
    if first in nouns:
        return pos, nouns[first]
    # One word may stand between the number and its noun: a model name or an adjective
    # (75,000 H200 chips, 40 Chinese companies, 1.5 million high-end GPUs).
    return pos, nouns.get(rest[0]) if rest else None


@cache
def _english_units() -> tuple[re.Pattern, dict[str, str]]:
    """English unit words after white space, any case and spacing ("New Taiwan  dollars"), and
    their units keyed by the lower-case words."""
    words = latin().units.after
    spaced = alternation(words).replace(r"\ ", r"\s+")
    pattern = re.compile(rf"\s+({spaced})(?![A-Za-z])", re.IGNORECASE)
    return pattern, {w.lower(): unit for w, unit in words.items()}


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


def _lone_one(norm: str, start: int, end: int, clause: tuple[int, int]) -> _Core | None:
    """A lone 一 is the indefinite article except for 一半, 不止一 and negated zero."""
    if norm.startswith("半", end):
        return _Core(start, end + 1, start, end, 50.0, unit="percent")
    if norm[max(0, start - 2) : start] == "不止":
        unit_end, unit = _chinese_unit(norm, end, clause[1])
        return _Core(start - 2, unit_end, start, end, None, low=1.0, unit=unit, bound="more_than")
    if end >= clause[1] or not _is_cjk(norm[end]):
        return None
    before = norm[max(clause[0], start - 10) : start]
    after = norm[end : min(clause[1], end + 12)]
    if _negated_before(before) or _negated_after(after):
        unit_end, unit = _chinese_unit(norm, end, clause[1])
        if unit_end == end:
            return None  # no classifier after it: a word (没有一直, 并未一致), not "not one"
        span_start = start - 2 if norm[max(0, start - 2) : start] == "任何" else start
        return _Core(span_start, unit_end, start, end, 0.0, unit=unit, bound="exact")
    return None


def _range_of_neighbours(core: str) -> tuple[float, float] | None:
    """两三, 三五: two adjacent digits mean 'two or three'."""
    if len(core) == 2 and all(c in _digits() for c in core):
        low, high = _digits()[core[0]], _digits()[core[1]]
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
        unit = next((u for noun, u in han().units.nouns.items() if subject.endswith(noun)), None)
        if unit is None:
            measured = sorted(han().units.measured.items(), key=lambda kv: -len(kv[0]))
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
        value *= _scales()[match.group("scale")]
        return _english(norm, start, end, value)
    if core_end < len(norm) and _is_cjk(norm[core_end]) or norm.startswith("%", core_end):
        core = _with_suffix(norm, start, core_end, value, clause)
    else:
        core = _english(norm, start, end, value)
    if core.unit is None and core.bound is None and _YEAR_LIKE.fullmatch(match.group("ar")):
        # A year the date rules did not read as a date is a name: the 2025 rule, Vision 2030,
        # 中国制造2025. (A year-like count always has its unit: 2025家, 2025 chips.)
        return None
    return core


def _english(norm: str, start: int, end: int, value: float) -> _Core:
    unit_end, unit = _english_unit(norm, end)
    return _Core(start, unit_end, start, end, value, unit=unit)


def _currency_first(norm: str, start: int, clause: tuple[int, int]) -> _Core | None:
    """US$20 million, NT$1.2 trillion, HK$52亿, RMB 10 billion, 新台币3.8兆元: the currency
    word before the figure at ``start`` names the unit; a money word after the figure (元,
    亿元) joins the span."""
    before, amount, last_chars = _currency_patterns()
    if not start or norm[start - 1] not in last_chars:
        return None
    prefix = before.search(norm, max(0, start - 8), start)
    if prefix is None or prefix.start() and _is_ascii_letter(norm[prefix.start() - 1]):
        return None  # no currency word, or the tail of a word (ANT$)
    match = amount.match(norm, prefix.start())
    if match is None or match.start("mcore") != start:
        return None
    code = match.group("cur")
    if (
        code.isalpha()
        and code.isascii()
        and match.end("cur") == start
        and not match.group("mscale")
    ):
        return None  # RMB10bn is money, but CNY0 or USD500 glued on their own are names
    if _touches_letters(norm, match.start(), match.end()):
        return None
    core_start, core_end = match.start("mcore"), match.end("mmult")
    value = parse_number(match.group("mcore") + match.group("mmult"))
    value *= _scales().get(match.group("mscale") or "", 1.0)
    unit = _currency_before()[match.group("cur")]
    end = match.end()
    if not match.group("mscale"):
        hit = _longest_prefix(norm, end, clause[1], "classifiers")
        if hit and hit[1] in MONEY_UNITS:
            end += len(hit[0])
    return _Core(match.start(), end, core_start, core_end, value, unit=unit, prefixed=True)


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


_FRACTION_NUMERATOR = re.compile(rf"{ARABIC}|{CN_CORE}")


def _fraction_of(norm: str, start: int, end: int) -> _Core | None:
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
    return _Core(start, numerator.end(), start, numerator.end(), value, unit="percent")


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
    start, end = match.span()
    if _not_a_quantity(norm, start, end):
        return None
    special = _fraction_of(norm, start, end) or _currency_first(norm, start, clause)
    if special is not None:
        return special
    if match.group("ar"):
        return _arabic_core(norm, match, clause)
    return _chinese_core(norm, match, clause)


# ---- numbers and zeros in words ------------------------------------------------------


@cache
def _word_patterns() -> dict[str, re.Pattern]:
    """The English word forms, compiled once: numbers, several-of, fractions, zeros."""
    lex = latin()
    numbers = alternation(lex.numerals.words)
    mults = alternation(lex.numerals.multipliers)
    several = alternation(lex.numerals.several)
    fractions = alternation(lex.numerals.fractions)
    join = r"(?:(?<=hundred)\s+and\s+|[\s-]+)"  # "two hundred and fifty", "twenty-one"
    return {
        "number": re.compile(
            rf"\b(?:an?\s+(?:{mults})|(?:{numbers}))(?:{join}(?:{numbers}|{mults})\b)*\b",
            re.IGNORECASE,
        ),
        "several": re.compile(
            rf"\b(?:several\s+(?P<mult>{mults})|(?P<many>{several})\s+of"
            rf"(?:\s+(?P<many2>{several})\s+of)?)\b",
            re.IGNORECASE,
        ),
        "fraction": re.compile(
            rf"\b(?:(?P<num>an?|{numbers})[\s-]+)?(?P<den>{fractions})\b"
            rf"(?:\s+an?\s+(?P<of>{mults})\b)?",
            re.IGNORECASE,
        ),
        "zero": re.compile(
            r"\b(?:(?P<zero>zero)|(?P<none>none)|(?P<nothing>nothing)|(?P<no>no)"
            r"|(?P<any>any|a single|one)|(?P<yet>yet to))\b",
            re.IGNORECASE,
        ),
        # Whole words, and the "n't" of "hasn't" (no word boundary before it).
        "negation": re.compile(
            r"(?:\b(?:"
            + alternation(w for w in lex.zero.before_count if "'" not in w and "’" not in w)
            + r")\b|n['’]t\b)",
            re.IGNORECASE,
        ),
        "trigger": _word_trigger(lex),
    }


def _word_trigger(lex: Language) -> re.Pattern:
    """The first word of every English word form, so that one scan finds where to try them.

    Plain lower-case and capitalised alternatives (not IGNORECASE) let ``re`` skip every
    character that starts none of them, which is nearly all of a Chinese body.
    """
    first_words = {"several", "zero", "none", "nothing", "no", "any", "one", "yet", "single"}
    first_words |= set(lex.numerals.words) | set(lex.numerals.several)
    first_words |= set(lex.numerals.fractions) | set(lex.numerals.multipliers)
    words = [v for w in first_words for v in (w, w.capitalize())]
    return re.compile(rf"(?:{alternation(words)})(?![A-Za-z])")


# "a"/"an" before a trigger word (a dozen, a third, a single): the forms start there.
_ARTICLE_BEFORE = re.compile(r"(?<![A-Za-z])[Aa]n?\s+$")


def _number_in_words(text: str) -> tuple[float, int] | None:
    """(value, length of the words read) of "three", "twenty-one", "a dozen", "two hundred
    thousand"; reading stops where the words stop forming one number ("two three-year ...")."""
    lex = latin()
    numbers, mults = lex.numerals.words, lex.numerals.multipliers
    total, current, last, used = 0.0, 0.0, None, 0
    for token in re.finditer(r"[A-Za-z]+", text):
        word = token.group().lower()
        if word in ("a", "an", "and"):
            continue
        if word in numbers:
            value = numbers[word]
            tens_then_unit = last == "tens" and value < 10
            if last in ("unit", "tens") and not tens_then_unit:
                break
            current += value
            last = "tens" if value >= 20 and value % 10 == 0 and last != "tens" else "unit"
        else:
            scale = mults[word]
            if scale < 1000:  # dozen, hundred multiply what stands before them
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0
            last = "mult"
        used = token.end()
    if not used:
        return None
    return total + current, used


_OF = re.compile(r"\s+of\b", re.IGNORECASE)


def _after_of(norm: str, pos: int) -> int:
    """``pos`` moved past " of" ("dozens of companies"), so that the noun after can be read."""
    match = _OF.match(norm, pos)
    return match.end() if match else pos


def _word_cores(norm: str, clause_of) -> list[_Core]:
    """Numbers and zeros written in English words, each tried where a trigger word starts."""
    patterns = _word_patterns()
    cores = []
    for trigger in patterns["trigger"].finditer(norm):
        at = trigger.start()
        if at and _is_ascii_letter(norm[at - 1]):
            continue  # the tail of a longer word (someone, phone)
        article = _ARTICLE_BEFORE.search(norm, max(0, at - 4), at)
        for start in (at, article.start()) if article else (at,):
            number = patterns["number"].match(norm, start)
            several = patterns["several"].match(norm, start)
            fraction = patterns["fraction"].match(norm, start)
            zero = patterns["zero"].match(norm, start)
            found = [
                _number_words_core(norm, number) if number else None,
                _several_core(norm, several) if several else None,
                _fraction(norm, fraction, clause_of(start)) if fraction else None,
                _zero_word(norm, zero, clause_of(start)) if zero else None,
            ]
            cores += [core for core in found if core is not None]
    return cores


def _number_words_core(norm: str, match: re.Match) -> _Core | None:
    """three, twenty-one, a dozen, two hundred thousand, with the unit after them."""
    parsed = _number_in_words(match.group())
    if parsed is None:
        return None
    value, length = parsed
    end = match.start() + length
    if norm[match.start() : end].lower() == "one":
        return None  # "one official said", "one of the": a pronoun, not a count
    return _english(norm, match.start(), end, value)


def _several_core(norm: str, match: re.Match) -> _Core:
    """several hundred, dozens of, hundreds of millions of (dollars): 2 to 9 times the magnitude."""
    lex = latin()
    if match.group("mult"):
        magnitude, end = lex.numerals.multipliers[match.group("mult").lower()], match.end()
    else:
        magnitude = lex.numerals.several[match.group("many").lower()]
        if match.group("many2"):
            magnitude *= lex.numerals.several[match.group("many2").lower()]
        end = match.end("many2") if match.group("many2") else match.end("many")
    unit_end, unit = _english_unit(norm, _after_of(norm, end))
    end = unit_end if unit in MONEY_UNITS else end
    low, high = SEVERAL_LOW * magnitude, SEVERAL_HIGH * magnitude
    return _Core(match.start(), end, match.start(), end, None, low, high, unit, "vague_range")


_FRACTION_FOLLOWERS = re.compile(
    r"\s+(?:of|the|its|their|his|her|our|that|what|all|a|an)\b|\s*(?:[,.;:!?)]|$)", re.IGNORECASE
)
_ORDINAL_BEFORE = re.compile(
    r"(?:first|second|third|fourth|latter|former|other|back|front|top|bottom)\s+$", re.IGNORECASE
)


def _fraction(norm: str, match: re.Match, clause: tuple[int, int]) -> _Core | None:
    """half, a third, two-thirds: percent of what follows; half a million is a number."""
    lex = latin()
    denominator = lex.numerals.fractions[match.group("den").lower()]
    numerator_word = (match.group("num") or "").lower()
    numerator = 1 if numerator_word in ("", "a", "an") else lex.numerals.words[numerator_word]
    if match.group("of"):  # half a million, half a dozen: a number, not a share
        if denominator != 2 or numerator_word:
            return None
        value = lex.numerals.multipliers[match.group("of").lower()] / 2
        return _english(norm, match.start(), match.end(), value)
    if not numerator_word and denominator != 2:
        return None  # "third" alone is an ordinal ("the third round")
    if _ORDINAL_BEFORE.search(norm, max(0, match.start() - 12), match.start()):
        return None  # the first half, the second quarter
    if not _FRACTION_FOLLOWERS.match(norm, match.end(), clause[1] + 1):
        return None  # a third country, half-year
    value = 100 * numerator / denominator
    return _Core(match.start(), match.end(), match.start(), match.end(), value, unit="percent")


def _counted_noun(norm: str, pos: int, end: int, modifiers: int) -> tuple[bool, str | None]:
    """(found, unit) of the thing a zero counts: a noun of the lexicon or a model name (H200)
    after ``pos``, past at most ``modifiers`` other words (no new orders, no H200 chips)."""
    lex = latin()
    nouns = lex.units.nouns | lex.units.measured
    found, skipped = False, 0
    for word in _WORD.finditer(norm, pos, min(end, pos + 80)):
        token = word.group().lower().rstrip(".")
        if token in nouns:
            return True, nouns[token]
        if token in lex.zero.stop_words:
            break
        if token.isdigit():
            continue  # none of the roughly 40 companies: the figure is a mention of its own
        if any(c.isdigit() for c in token) and any(c.isalpha() for c in token):
            found = True  # a model name counts what follows it, or stands for the chip itself
        elif found or skipped >= modifiers:
            break
        else:
            skipped += 1
    return found, None


def _noun_before(norm: str, pos: int, clause_start: int) -> str | None:
    """Unit of the subject of "sales to China had been zero": the nearest counted noun before."""
    lex = latin()
    nouns = lex.units.nouns | lex.units.measured
    words = [w.group().lower() for w in _WORD.finditer(norm, max(clause_start, pos - 80), pos)]
    return next((nouns[w] for w in reversed(words) if w in nouns), None)


def _zero_word(norm: str, match: re.Match, clause: tuple[int, int]) -> _Core | None:
    """zero, none, nothing; no before a counted noun; any/a single/one after a negation;
    yet to before a counted noun. Each is 0 with the unit of the noun it counts."""
    if _zero_idiom(norm, match):
        return None
    start, end = match.span()
    kind = match.lastgroup
    if kind == "zero":
        end, unit = _english_unit(norm, end)  # zero percent, zero dollars
        if unit is None:
            found, unit = _counted_noun(norm, end, clause[1], 1)
            if not found:
                unit = _noun_before(norm, start, clause[0])
    elif kind == "none":
        of = _NONE_OF.match(norm, end)
        unit = _counted_noun(norm, of.end(), clause[1], 2)[1] if of else None
    elif kind == "nothing":
        unit = None
    elif kind == "no":
        found, unit = _counted_noun(norm, end, clause[1], 2)
        if not found:
            return None  # no longer, no comment, no decision
    elif kind == "any":
        if not _negated_english(norm, start, clause[0]):
            return None  # any single buyer, any one company
        found, unit = _counted_noun(norm, end, clause[1], 2)
        if not found and norm[end : clause[1]].strip():
            return None  # not in any way: a zero names what it counts, or ends the clause
    else:
        found, unit = _yet_to_object(norm, end, clause[1])
        if not found:
            return None  # yet to decide; yet to ship any chips (the "any" is the zero)
    return _Core(start, end, match.start(), match.end(), 0.0, unit=unit, bound="exact")


_NONE_OF = re.compile(r"\s+of\s+(?:the|its|their|these|those|his|her|our)?", re.IGNORECASE)
_VERB_AFTER = re.compile(r"\s+([A-Za-z]+)")


def _yet_to_object(norm: str, pos: int, end: int) -> tuple[bool, str | None]:
    """has yet to ship H200 chips: the counted noun after the verb, unless "any" or "a single"
    follows (that word is the zero then)."""
    verb = _VERB_AFTER.match(norm, pos, end)
    if verb is None:
        return False, None
    rest = norm[verb.end() : end].lstrip().lower()
    if rest.startswith(("any ", "a single ", "one ")):
        return False, None
    return _counted_noun(norm, verb.end(), end, 2)


def _zero_idiom(norm: str, match: re.Match) -> bool:
    """zero-sum, second to none, nothing but, no single (each may not): no zero here."""
    word = match.group().lower()
    for phrase in latin().zero.not_zero:
        at = phrase.find(word)
        if (
            at != -1
            and norm[match.start() - at : match.start() - at + len(phrase)].lower() == phrase
        ):
            return True
    return False


def _negated_english(norm: str, pos: int, clause_start: int) -> bool:
    """A negation (not, never, yet to, n't, without...) in the clause shortly before ``pos``."""
    return bool(_word_patterns()["negation"].search(norm, max(clause_start, pos - 40), pos))


@cache
def _negated_noun_pattern() -> re.Pattern:
    return re.compile(alternation(han().zero.nouns))


_NUMERAL_CHARS = frozenset(CN_ALL + "0123456789")


def _chinese_zero_cores(norm: str, clause_of) -> list[_Core]:
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
    cores: dict[int, _Core] = {}  # by start: a later noun of the same phrase replaces one before
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
                cores[start] = _Core(
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
                cores[start] = _Core(start, end, start, end, 0.0, unit=unit, bound="exact")
            break
    return list(cores.values())


def _plain_gap(between: str) -> bool:
    """Only a verb or a modifier between a negation and its noun: no numeral, no 的-clause."""
    return "的" not in between and not any(c in _NUMERAL_CHARS for c in between)


# ---- figures that are not quantities ------------------------------------------------

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
    return label, name, frozenset(_currency_before())


def _not_a_quantity(norm: str, start: int, end: int) -> bool:
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


def _yuan_from_context(norm: str, cores: list[_Core]) -> list[_Core]:
    """A bare 元 takes the 元-family currency named last before it (新台币, 港元, 人民币)."""
    family = han().currency.yuan_family
    named, out = None, []
    for core in cores:
        bare = core.unit == "CNY" and not core.prefixed and norm[core.end - 1] == "元"
        if bare and named not in (None, "CNY"):
            core = replace(core, unit=named)
        elif core.unit in family and not bare:
            named = core.unit
        out.append(core)
    return out


@dataclass(frozen=True)
class _BoundWords:
    """The bound lexicon flattened once into (word, bound) lists and compiled patterns."""

    # Every word of a list as one lookahead alternation, longest first: one scan of a
    # window finds, at each position, the longest word starting there.
    before: re.Pattern
    adjacent_before: list[tuple[str, str]]
    after: re.Pattern
    # Word -> bound (the smallest, should the lexicon give a word two bounds).
    bound_of: dict[str, str]
    english: list[tuple[str, str, re.Pattern]]
    any_english: re.Pattern  # matches wherever at least one of ``english`` does


@cache
def _bound_words() -> _BoundWords:
    bounds = han().bounds.table()
    english = [
        (phrase, bound, re.compile(rf"\b{phrase}\s*(?:US)?\$?\s*$", re.IGNORECASE))
        for bound, words in latin().bounds.table().items()
        for phrase in words.before
    ]
    alternatives = "|".join(phrase for phrase, _, _ in english)
    bound_of: dict[str, str] = {}
    for bound, words in bounds.items():
        for word in words.before + words.after:
            bound_of[word] = min(bound, bound_of.get(word, bound))
    return _BoundWords(
        before=re.compile(f"(?=({alternation(w for b in bounds.values() for w in b.before)}))"),
        adjacent_before=[(w, b) for b, words in bounds.items() for w in words.adjacent_before],
        after=re.compile(f"(?=({alternation(w for b in bounds.values() for w in b.after)}))"),
        bound_of=bound_of,
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
    # The longest word at each position is the only one there that can win: it ends
    # nearest to the number, and is the longest of those ending there.
    for hit in words.before.finditer(before):
        word = hit.group(1)
        distance = len(before) - hit.start() - len(word)
        best = min(best or (99, 0, ""), (distance, -len(word), words.bound_of[word]))
    for word, bound in words.adjacent_before:
        if before.endswith(word):
            best = min(best or (99, 0, ""), (0, -len(word), bound))
    hit = words.after.search(after)  # the first position after is the nearest
    if hit:
        word = hit.group(1)
        best = min(best or (99, 0, ""), (hit.start(), -len(word), words.bound_of[word]))
    # Most numbers have no English bound phrase before them: one search over the
    # alternation rules them all out before trying each phrase for its length.
    if words.any_english.search(before):
        for phrase, bound, pattern in words.english:
            if pattern.search(before):
                best = min(best or (99, 0, ""), (0, -len(phrase), bound))
    # "to cap purchases of H200 chips at 75,000": the verb stands far from its number.
    if _CAP_AT.search(norm[max(clause[0], left, core.start - 100) : core.start]):
        best = min(best or (99, 0, ""), (0, -len("cap at"), "at_most"))
    if best and best[2] == "more_than":
        # "no single company may buy more than 75,000", 不得采购超过: a negated floor is a ceiling.
        window = norm[max(clause[0], left, core.start - NEGATION_REACH) : core.start]
        not_negations = han().zero.not_negations  # 未来三年将超过 is no negation
        for negation in _ceiling_negation().finditer(window):
            if not any(window.startswith(w, negation.start()) for w in not_negations):
                return "at_most"
    return best[2] if best else None


NEGATION_REACH = 50


@cache
def _ceiling_negation() -> re.Pattern:
    """The ceiling negations as one pattern; English words whole (not "no" in "know", but
    the "n't" of "hasn't")."""
    words = latin().bounds.ceiling_negations + han().bounds.ceiling_negations
    suffixes = [w for w in words if "'" in w or "’" in w]
    whole = alternation(w for w in words if w.isascii() and w not in suffixes)
    suffixes = alternation(suffixes)
    cjk = alternation(w for w in words if not w.isascii())
    return re.compile(
        rf"(?<![A-Za-z])(?:{whole})(?![A-Za-z])|(?:{suffixes})(?![A-Za-z])|{cjk}", re.IGNORECASE
    )


_CAP_AT = re.compile(r"\bcap(?:s|ped|ping)?\b[^.;:!?]{0,80}?\bat\s*(?:US)?\$?\s*$", re.IGNORECASE)


def _adjacent_suffix(norm: str, core: _Core) -> int:
    """Bound words right after the unit (以内, 以上, 左右) join the span."""
    for word in ("以内", "以下", "之内", "以上", "左右", "有余"):
        if norm.startswith(word, core.end):
            return core.end + len(word)
    return core.end


@cache
def _prefix_words() -> tuple[frozenset[str], tuple[int, ...]]:
    """The bound words that join a number's span, and their lengths, longest first."""
    bounds = han().bounds.table().values()
    words = {w for b in bounds for w in b.before + b.adjacent_before if w != "上限"}
    return frozenset(words), tuple(sorted({len(w) for w in words}, reverse=True))


def _adjacent_prefix(norm: str, core: _Core) -> int:
    """Bound words right before the number (超过, 约, 不足) join the span."""
    words, lengths = _prefix_words()
    for length in lengths:  # longest first: the first hit is the longest word
        if length <= core.start and norm[core.start - length : core.start] in words:
            return core.start - length
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
    for match in _candidate_pattern().finditer(norm):
        if fixed.overlaps(*match.span()):
            continue
        try:
            core = _candidate(norm, match)
        except (ValueError, KeyError):
            continue  # numeral characters that do not form a number (百分之一二三)
        if core is not None and not fixed.overlaps(core.start, core.end):
            cores.append(core)

    def clause_of(pos: int) -> tuple[int, int]:
        return _clause_bounds(norm, pos)

    words = _word_cores(norm, clause_of) + _chinese_zero_cores(norm, clause_of)
    cores += [c for c in words if not fixed.overlaps(c.start, c.end)]
    cores = _yuan_from_context(norm, _drop_overlapping(cores))
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
