"""The words of the extraction, one data file per language (``lexicon/<language>.yaml``).

Every language file has the same keys (the schema below), so one engine reads them all
and adding a word or a language is a data edit. Files are read once per process and
validated at load: a misspelt or missing key is a one-line error naming the file.

Matching runs on ``Body.norm`` (full-width folded, traditional simplified), so each
word is folded the same way at load: a traditional-Chinese file lists words as Taiwan
and Hong Kong pages write them (新台幣, 顆) and they match the folded text. Articles mix
scripts (a mainland page quotes US$ and RTX 5090), so every rule reads every language
of its script: ``script("han")`` or ``script("latin")`` is the union of those files.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import InputError, validation_message
from ..paths import LEXICON_DIR
from ..yamlio import read_yaml
from .textnorm import normalise

LANGUAGES = ("en", "zh-Hans", "zh-Hant")
BOUNDS = ("at_most", "less_than", "more_than", "at_least", "approximate")
Script = Literal["han", "latin"]


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Numerals(_Words):
    # Number words with their value (three: 3); Chinese numeral cores go to cn2an.
    words: dict[str, int]
    # Words that multiply what stands before them (hundred, 万).
    multipliers: dict[str, int]
    # Scale words after a figure (75 million, 5 bn); money_scales only after a currency ($5m).
    scales: dict[str, float]
    money_scales: dict[str, float]
    # "dozens of", "hundreds of": several (2 to 9) times the magnitude.
    several: dict[str, int]
    # Fraction words and their denominators (half: 2, thirds: 3).
    fractions: dict[str, int]
    # Fixed expressions holding numeral characters that state no quantity (十分, 两岸).
    idioms: list[str]


class Units(_Words):
    # Unit words right after a number, joining its span (片, 美元, percent, dollars).
    after: dict[str, str]
    # Nouns shortly after the number, outside the span, refining its unit (芯片, chips).
    nouns: dict[str, str]
    # What a measured subject says of the unit of its zero (销售金额为零 is money).
    measured: dict[str, str | None]


class Currency(_Words):
    # Currency marks before a figure (US$, NT$, 人民币): they give the unit and join the span.
    before: dict[str, str]
    # Currencies whose amounts are written with 元: a bare 元 takes the one named last.
    yuan_family: list[str]


class BoundWords(_Words):
    # Scope: "before"/"after" may stand a few characters from the number in its clause;
    # "adjacent_before" must touch it (single characters like 近 are parts of other words).
    # In a latin-script language "before" phrases must end at the number (a currency mark
    # and spaces aside), as whole words in any case.
    before: list[str]
    after: list[str]
    adjacent_before: list[str]


class Bounds(_Words):
    at_most: BoundWords
    less_than: BoundWords
    more_than: BoundWords
    at_least: BoundWords
    approximate: BoundWords
    # A "more than" word after one of these in its clause is a ceiling (may not buy more than).
    ceiling_negations: list[str]

    def table(self) -> dict[str, BoundWords]:
        """Bound name -> its words."""
        return {bound: getattr(self, bound) for bound in BOUNDS}


class Zero(_Words):
    # Negations that state a zero of the noun right after them (没有订单, 尚未接获任何订单).
    before_noun: list[str]
    # The nouns such a zero counts, with the zero's unit.
    nouns: dict[str, str]
    # Negations that make a following one/any a zero (未拿到任何一笔, has not received any).
    before_count: list[str]
    # Words that hold a negation character but negate nothing (未来, 无论).
    not_negations: list[str]
    # Negations after the counted thing (一块芯片都没卖到), and those that make a rule instead.
    after_count: list[str]
    after_count_not: list[str]
    # Phrases with a zero word that state no zero (zero-sum, no longer).
    not_zero: list[str]
    # Words that end the search for a zero's noun (no decision on chips is no zero of chips).
    stop_words: list[str]


class Dates(_Words):
    # Month names and abbreviations (an abbreviation may carry a full stop: Dec.).
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    # Weekday names, Monday 0; weekday_prefixes stand before a numbered weekday (周二).
    weekdays: dict[str, int]
    weekday_prefixes: list[str]
    # What may follow a day of the month (14th, 14日).
    ordinal_day_forms: list[str]
    # The publication date ("now" in the article's own time), and what may not precede it.
    now: list[str]
    now_not_after: list[str]
    # The day named just before; the time named just before, at whatever precision.
    same_day: list[str]
    then: list[str]
    # Days counted from the date the sentence is about (the previous day, 次日).
    relative_days: dict[str, int]
    # Before 以来: words that name no event, and those meaning "the last N months".
    since_not_events: list[str]
    since_prefixes: list[str]
    # Periods named from the reference date: [unit, offset, part] (see the files).
    deictic: dict[str, tuple[Literal["day", "week", "month", "year"], int, str]]
    # A clause with one of these speaks of the future (a weekday then lies ahead).
    future_markers: list[str]
    # How many units "a few" spans.
    few: tuple[int, int]


class NotAQuantity(_Words):
    # A daypart before an hour (上午10时): a clock time.
    clock_dayparts: list[str]
    # Words a space before a figure that make it a name (RTX 5090, Section 1758).
    name_words: list[str]
    # Marks of a rank (No. 1, #2).
    rank_marks: list[str]
    # Labels of a stock code (股票代码: 600519).
    stock_code_labels: list[str]


class Language(_Words):
    """One language's words; every file has every key (a list may be empty)."""

    script: Script
    numerals: Numerals
    units: Units
    currency: Currency
    bounds: Bounds
    # Words joining the two ends of a range (7至8万, between 5 and 6).
    range_joiners: list[str]
    zero: Zero
    dates: Dates
    not_a_quantity: NotAQuantity


def alternation(words) -> str:
    """Words as one regex alternation, longest first, so a match is the longest word."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _fold(value, where: str):
    """Every word (mapping key or list item) folded as the text is, so it matches Body.norm."""
    if isinstance(value, dict):
        folded = {}
        for key, item in value.items():
            new = normalise(key) if isinstance(key, str) else key
            if new in folded and folded[new] != item:
                raise InputError(where, f"{key!r} folds to {new!r}, listed already")
            folded[new] = _fold(item, where)
        return folded
    if isinstance(value, list):
        return [_fold(v, where) for v in value]
    return normalise(value) if isinstance(value, str) else value


@cache
def lexicon(name: str) -> Language:
    """``lexicon/<name>.yaml``, validated and folded."""
    path = LEXICON_DIR / f"{name}.yaml"
    # Through the strict reader: a word list with a key twice would drop the first silently.
    raw = read_yaml(path, "lexicon file")
    if isinstance(raw, dict) and "script" in raw:
        raw = {k: (v if k == "script" else _fold(v, str(path))) for k, v in raw.items()}
    try:
        return Language.model_validate(raw)
    except ValidationError as exc:
        raise InputError(path, _first_problem(exc.errors())) from None


def _first_problem(errors: list[dict]) -> str:
    """One line: an unknown key first (a misspelt key is also a missing one), with the
    missing key it most likely stands for."""
    errors = sorted(errors, key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    where = ".".join(str(p) for p in first["loc"])
    problem = validation_message(first)
    if first["type"] == "extra_forbidden":
        missing = [
            str(e["loc"][-1])
            for e in errors
            if e["type"] == "missing" and e["loc"][:-1] == first["loc"][:-1]
        ]
        close = difflib.get_close_matches(str(first["loc"][-1]), missing, n=1)
        if close:
            problem += f" (is it {close[0]}?)"
            errors = [e for e in errors if e["loc"] != (*first["loc"][:-1], close[0])]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {problem}{more}"


def _merge(a, b, where: str):
    """Union of two languages' values: lists joined (first seen kept first), mappings
    joined (a word two files give different values is an error), scalars equal."""
    if isinstance(a, BaseModel):
        fields = [f for f in type(a).model_fields if f != "script"]
        return {f: _merge(getattr(a, f), getattr(b, f), f"{where}.{f}") for f in fields}
    if isinstance(a, dict):
        out = dict(a)
        for key, value in b.items():
            if key in out and out[key] != value:
                raise InputError(LEXICON_DIR, f"{where}: {key!r} is {out[key]!r} and {value!r}")
            out[key] = value
        return out
    if isinstance(a, list):
        return a + [v for v in b if v not in a]
    if a != b:
        raise InputError(LEXICON_DIR, f"{where}: {a!r} in one file, {b!r} in another")
    return a


@cache
def script(which: Script) -> Language:
    """Every language of one script as one: what the rules of that script read."""
    merged = None
    for name in LANGUAGES:
        language = lexicon(name)
        if language.script != which:
            continue
        if merged is not None:
            data = _merge(merged, language, f"lexicon ({name})")
            language = Language.model_validate(data | {"script": which})
        merged = language
    assert merged is not None, which
    return merged


def han() -> Language:
    return script("han")


def latin() -> Language:
    return script("latin")
