"""Numbers and bounds as words, in English or Chinese, so a bound reads as a bound."""

from __future__ import annotations

import math

_BOUND_WORDS = {
    "en": {
        "exact": "{v}",
        "approximate": "about {v}",
        "at_most": "at most {h}",
        "less_than": "less than {h}",
        "at_least": "at least {l}",
        "more_than": "more than {l}",
        "vague_range": "{l} to {h} (vague)",
        "approx_range": "about {l} to {h}",
    },
    "zh": {
        "exact": "{v}",
        "approximate": "约{v}",
        "at_most": "至多{h}",
        "less_than": "不足{h}",
        "at_least": "至少{l}",
        "more_than": "超过{l}",
        "vague_range": "{l}至{h}(约数)",
        "approx_range": "约{l}至{h}",
    },
}
_UNITS = {
    "en": {
        "chips": "chips",
        "USD": "USD",
        "CNY": "CNY",
        "TWD": "TWD",
        "HKD": "HKD",
        "companies": "companies",
        "percent": "%",
        "orders": "orders",
        "times": "times",
        "countries": "countries",
        "years": "years",
        "months": "months",
        "count": "",
    },
    "zh": {
        "chips": "片",
        "USD": "美元",
        "CNY": "元",
        "TWD": "新台币",
        "HKD": "港元",
        "companies": "家",
        "percent": "%",
        "orders": "笔订单",
        "times": "次",
        "countries": "个国家",
        "years": "年",
        "months": "个月",
        "count": "",
    },
}


def number(x: float, lang: str = "en") -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    if lang == "zh" and abs(x) >= 1e8:
        return f"{x / 1e8:,.4g}亿"
    if lang == "zh" and abs(x) >= 1e4:
        return f"{x / 1e4:,.4g}万"
    if abs(x) >= 1e9:
        return f"{x / 1e9:,.4g} billion"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.4g}"


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def describe_value(value, low, high, unit, bound, lang: str = "en") -> str:
    """'at most 75,000 chips', '0 USD', '25 %', '至多7.5万片'; empty when there is no number."""
    if _missing(bound) or bound == "":
        return ""
    text = _BOUND_WORDS[lang][bound].format(
        v="" if _missing(value) else number(value, lang),
        l="" if _missing(low) else number(low, lang),
        h="" if _missing(high) else number(high, lang),
    )
    unit_word = "" if _missing(unit) else _UNITS[lang].get(unit, unit)
    if unit == "percent":
        return f"{text}{unit_word}" if lang == "zh" else f"{text} {unit_word}".replace(" %", "%")
    if lang == "zh":
        return f"{text}{unit_word}"
    return f"{text} {unit_word}".strip()
