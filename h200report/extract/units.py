"""Units and currencies of a figure: the word after it, the noun it counts, a currency mark
before it, and the currency a bare 元 takes from the article.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ..vocab import MONEY_UNITS
from .lexicon import alternation, han, latin
from .numerals import ARABIC, CN_CORE, Core, english_scales, parse_number
from .spans import is_ascii_letter, touches_letters

NOUN_REACH = 4


@cache
def currency_before() -> dict[str, str]:
    """Currency marks of every script: a Chinese page writes US$ and HK$ too."""
    return latin().currency.before | han().currency.before


def _table(key: str) -> dict[str, str]:
    """The Chinese unit table ``longest_prefix`` reads: classifiers or nouns."""
    units = han().units
    return units.after if key == "classifiers" else units.nouns


@cache
def _currency_patterns() -> tuple[re.Pattern, re.Pattern, frozenset[str]]:
    """(a currency word ending where a figure starts, the currency-first amount, the
    characters a currency word can end with: only figures after one of them are tried)."""
    prefixes = alternation(currency_before())
    before = re.compile(rf"(?:{prefixes})\s?$")
    scales = alternation(english_scales())
    money_scale = rf"(?:\s?(?P<mscale>{scales})\b)?"
    amount = re.compile(
        rf"(?P<cur>{prefixes})\s?(?P<mcore>{ARABIC}|{CN_CORE})(?P<mmult>[百千万亿兆]*){money_scale}"
    )
    last_chars = frozenset(p[-1] for p in currency_before()) | {" "}
    return before, amount, last_chars


@cache
def _prefix_pattern(key: str) -> re.Pattern:
    """The words of a lexicon table as one alternation, longest first, so a match is the longest word."""
    return re.compile(alternation(_table(key)))


def longest_prefix(norm: str, pos: int, end: int, key: str) -> tuple[str, str] | None:
    """The longest word of table ``key`` that starts at ``pos`` and ends by ``end``, with its unit."""
    if pos >= end:
        return None
    match = _prefix_pattern(key).match(norm, pos, end)
    return (match.group(), _table(key)[match.group()]) if match else None


def noun_unit(norm: str, pos: int, clause_end: int) -> str | None:
    reach_end = min(clause_end, pos + NOUN_REACH + 5)
    for offset in range(min(NOUN_REACH, max(0, reach_end - pos)) + 1):
        hit = longest_prefix(norm, pos + offset, reach_end, "nouns")
        if hit:
            return hit[1]
    return None


def english_unit(norm: str, pos: int) -> tuple[int, str | None]:
    """(span end, unit) for English unit words after a number; nouns stay outside the span."""
    if norm.startswith("%", pos):
        return pos + 1, "percent"
    unit_words, units = _english_units()
    hit = unit_words.match(norm, pos)
    if hit:
        return hit.end(), units[" ".join(hit.group(1).lower().split())]
    return pos, english_noun(norm, pos)


def english_noun(norm: str, pos: int) -> str | None:
    """The unit of the noun a number counts: the first noun of the lexicon after ``pos``,
    past at most three words that qualify it (75,000 H200 chips, three major Chinese tech
    firms, 1.5 million high-end GPUs) or a partitive (two of the firms); a stop word, "the"
    or punctuation ends the search."""
    latin_words = latin()
    nouns = latin_words.units.nouns
    stops = _noun_stops()
    partitive = _PARTITIVE.match(norm, pos)
    at = partitive.end() if partitive else pos
    for count, word in enumerate(_NEXT_WORD.finditer(norm, at, min(len(norm), at + 60))):
        if word.start() != at:
            return None  # punctuation or a line break between the words
        token = word.group(1).lower()
        if token in nouns:
            return nouns[token]
        if token in stops or count >= _QUALIFIERS:
            return None
        at = word.end()
    return None


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z0-9][A-Za-z0-9-]*)")
_PARTITIVE = re.compile(r"[ \t]+of[ \t]+(?:the|its|their|these|those)\b", re.IGNORECASE)
# How many words may qualify the counted noun before it.
_QUALIFIERS = 3


@cache
def _noun_stops() -> frozenset[str]:
    return frozenset(latin().zero.stop_words) | {"the", "a", "an"}


@cache
def _english_units() -> tuple[re.Pattern, dict[str, str]]:
    """English unit words after white space, any case and spacing ("New Taiwan  dollars"), and
    their units keyed by the lower-case words."""
    words = latin().units.after
    spaced = alternation(words).replace(r"\ ", r"\s+")
    pattern = re.compile(rf"\s+({spaced})(?![A-Za-z])", re.IGNORECASE)
    return pattern, {w.lower(): unit for w, unit in words.items()}


def chinese_unit(norm: str, pos: int, clause_end: int) -> tuple[int, str | None]:
    """(span end, unit): a classifier joins the span; a noun after it may refine the unit."""
    hit = longest_prefix(norm, pos, clause_end, "classifiers")
    end, unit = (pos + len(hit[0]), hit[1]) if hit else (pos, None)
    if unit in (None, "count", "chips", "companies"):
        noun = noun_unit(norm, end, clause_end)
        unit = noun or unit
    return end, unit


def english_core(norm: str, start: int, end: int, value: float) -> Core:
    unit_end, unit = english_unit(norm, end)
    return Core(start, unit_end, start, end, value, unit=unit)


def currency_first(norm: str, start: int, clause: tuple[int, int]) -> Core | None:
    """US$20 million, NT$1.2 trillion, HK$52亿, RMB 10 billion, 新台币3.8兆元: the currency
    word before the figure at ``start`` names the unit; a money word after the figure (元,
    亿元) joins the span."""
    before, amount, last_chars = _currency_patterns()
    if not start or norm[start - 1] not in last_chars:
        return None
    prefix = before.search(norm, max(0, start - 8), start)
    if prefix is None or prefix.start() and is_ascii_letter(norm[prefix.start() - 1]):
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
    if touches_letters(norm, match.start(), match.end()):
        return None
    if norm.startswith("%", match.end()):
        return None  # $25%: a typo for 25 percent, which the figure rules read
    core_start, core_end = match.start("mcore"), match.end("mmult")
    value = parse_number(match.group("mcore") + match.group("mmult"))
    value *= english_scales().get(match.group("mscale") or "", 1.0)
    unit = currency_before()[match.group("cur")]
    end = match.end()
    if not match.group("mscale"):
        hit = longest_prefix(norm, end, clause[1], "classifiers")
        if hit and hit[1] in MONEY_UNITS:
            end += len(hit[0])
    return Core(match.start(), end, core_start, core_end, value, unit=unit, prefixed=True)


def yuan_from_context(norm: str, cores: list[Core]) -> list[Core]:
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
