"""Numbers and bounds as words, in English or Chinese, so a bound reads as a bound (the
words are the catalogues', ``messages/*.po``: contexts ``bound`` and ``unit``)."""

from __future__ import annotations

import math

from .. import i18n


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
    text = i18n.bound(bound, lang).format(
        v="" if _missing(value) else number(value, lang),
        l="" if _missing(low) else number(low, lang),
        h="" if _missing(high) else number(high, lang),
    )
    unit_word = "" if _missing(unit) else i18n.unit(unit, lang)
    if unit == "percent":
        return f"{text}{unit_word}" if lang == "zh" else f"{text} {unit_word}".replace(" %", "%")
    if lang == "zh":
        return f"{text}{unit_word}"
    return f"{text} {unit_word}".strip()
