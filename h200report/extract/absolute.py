"""Expressions that name a calendar period (2025年12月8日, 2026年初, Feb. 24, 14日), whose
missing year (or month) comes from the nearest explicit one before them or the
publication date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from functools import cache

from .hints import At, Hint, Needs, Starts, finditer, led_by
from .lexicon import alternation, latin
from .numbers import parse_number
from .periods import (
    DateSpan,
    add_months,
    describe,
    month_end,
    part_of_month,
    part_of_year,
    sentence,
)
from .tense import future_before

CN_DIGIT = "零〇一二三四五六七八九"
CN_NUM = "零〇一二两三四五六七八九十"
YEAR = rf"(?P<y>(?<!\d)(?:1[89]|20|21)\d\d|[{CN_DIGIT}]{{4}}|(?<!过)[今去明])年"
MONTH = r"(?P<m>1[0-2](?!\d)|0?[1-9](?!\d)|十[一二]?|[一二三四五六七八九])月份?"
# A day of the month in numerals of two characters or more (十三, 二十, 廿三): a single
# numeral before 日 is as often a count of days (三日内, 为期三日).
CN_DAY = r"三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]|廿[一二三四五六七八九]?|卅一?"
DAY = rf"(?P<d>3[01]|[12]\d|0?[1-9]|{CN_DAY}|十|[一二三四五六七八九])[日号]"


PART_OF_MONTH = r"(?P<pm>上旬|中旬|下旬|初|底|末|中(?=[,。;、的\s]|$))"
PART_OF_YEAR = r"(?P<py>初|底|末|中(?=[,。;、的\s]|$))"
HALF = r"(?P<h>上半年|下半年)"


# Not 单一季度 ("a single quarter"), 上一季度 ("the quarter before"), 每一季度. Taiwan writes
# 第4季 without 度; without 第 either, 4季 could be four seasons.
QUARTER = r"(?P<q>(?<![单上下这每同])(?:第?[一二三四1-4]季度|第[一二三四1-4]季)|[Qq][1-4](?!\d))"
NO_NUMERAL_BEFORE = rf"(?<![\d{CN_NUM}个第.])"
EN_YEAR = r"(?P<y>(?:19|20|21)\d\d)(?!\d)"


# May is also a verb: as a month it needs a day after it, or (case-sensitive, so that
# "late may" stays a verb) a preposition or early/mid/late before it.
_VERB_MONTH = "may"
EARLY_MID_LATE = Needs(("early", "mid", "late"))
# Longest YEAR (four digits and 年) and longest month numeral before 月 (10, 十二).
YEAR_LEN = 5
_MONTH_NUMERAL_LEN = 2
# What a year or a month numeral can start with.
_YEAR_OR_MONTH_START = rf"\d{CN_NUM}今去明"
_MONTH_HINT = Hint(
    re.compile("月"), YEAR_LEN + _MONTH_NUMERAL_LEN, re.compile(f"[{_YEAR_OR_MONTH_START}]")
)
_YEAR_HINT = Hint(re.compile("年"), YEAR_LEN - 1, re.compile(f"[{_YEAR_OR_MONTH_START}]"))


@cache
def _en_months() -> dict[str, int]:
    dates = latin().dates
    return dates.months | dates.month_abbreviations


@cache
def en_numbers() -> dict[str, int]:
    """The small counts of "two weeks ago", "a month later": number words up to twelve."""
    words = {w: v for w, v in latin().numerals.words.items() if v <= 12}
    return {"a": 1, "an": 1} | words


def en_count(low: int = 1, articles: bool = True) -> str:
    """A count of units in digits or words, from ``low`` on ("the past two months")."""
    words = [w for w, v in en_numbers().items() if v >= low and (articles or w not in ("a", "an"))]
    return rf"\d{{1,3}}|{alternation(words)}"


@cache
def _en_month() -> tuple[str, str]:
    """(a month name or abbreviation, the same with May standing alone) as regex groups."""
    dates = latin().dates
    names = alternation(m.capitalize() for m in dates.months if m != _VERB_MONTH)
    abbreviations = alternation(m.capitalize() for m in dates.month_abbreviations)
    month = rf"(?P<mon>{names}|(?:{abbreviations})\b\.?|May(?=\s+\d))"
    return month, month.replace(r"May(?=\s+\d)", r"(?-i:May)\b")


@cache
def _month_abbreviations_stop() -> tuple[str, ...]:
    """Month abbreviations with their full stop, in lower case (dec.)."""
    return tuple(f"{m}." for m in latin().dates.month_abbreviations)


def _en_month_hint() -> Hint:
    # The month patterns are case-sensitive and every month name or abbreviation starts
    # with its first three letters, a capital and two small ones: no hit can cover the
    # start of another, and re scans for them at C speed where a capital letter alone
    # left a match per capital.
    starts = sorted({m[:3].capitalize() for m in _en_months()})
    return Hint(re.compile("|".join(starts)), 0)


@cache
def absolute_patterns() -> list[tuple[re.Pattern, str, Hint | Needs | Starts | At | None]]:
    """(pattern, precision, hint) of the calendar expressions; see ``finditer``."""
    en_month, en_month_or_may = _en_month()
    en_month_hint = _en_month_hint()
    month_names = alternation(m.capitalize() for m in latin().dates.months if m != _VERB_MONTH)
    ordinals = alternation(latin().dates.ordinal_day_forms)
    abbreviations = alternation(m.capitalize() for m in latin().dates.month_abbreviations)
    return [
        (
            re.compile(
                r"(?P<y>(?:19|20|21)\d\d)[-/.](?P<m>1[0-2]|0?[1-9])[-/.](?P<d>3[01]|[12]\d|0?[1-9])(?!\d)"
            ),
            "day",
            None,
        ),
        (re.compile(rf"{NO_NUMERAL_BEFORE}(?:{YEAR})?{MONTH}{DAY}"), "day", _MONTH_HINT),
        (
            re.compile(rf"{NO_NUMERAL_BEFORE}(?:{YEAR})?{MONTH}{PART_OF_MONTH}"),
            "part_of_month",
            _MONTH_HINT,
        ),
        (
            re.compile(rf"{NO_NUMERAL_BEFORE}(?:{YEAR})?{MONTH}(?![\d{CN_NUM}])"),
            "month",
            _MONTH_HINT,
        ),
        # 上半年/下半年 after an optional year: 半 is one character after the year.
        (
            re.compile(rf"(?:{YEAR})?{HALF}"),
            "half_year",
            Hint(re.compile("半"), YEAR_LEN + 1, re.compile(f"[{_YEAR_OR_MONTH_START}上下]")),
        ),
        # 季 after an optional year and 第 + numeral, or Q right after an optional year.
        (
            re.compile(rf"(?:{YEAR})?{QUARTER}"),
            "quarter",
            Hint(re.compile("[季Qq]"), YEAR_LEN + 2, re.compile(f"[{_YEAR_OR_MONTH_START}第Qq]")),
        ),
        (re.compile(rf"{YEAR}年?{PART_OF_YEAR}"), "part_of_year", _YEAR_HINT),
        (
            re.compile(rf"(?<![\d{CN_NUM}多几数])年(?P<py>初|底|末)"),
            "part_of_year",
            Hint(re.compile("年"), 0),
        ),
        (re.compile(rf"{YEAR}(?![\d{CN_NUM}])"), "year", _YEAR_HINT),
        # 14日 alone (台北14日电, 商务部14日表示): a day of a month the text does not name. Not a
        # count of days (为期3日, 3日内) nor 日本/日元 after a figure.
        (
            re.compile(
                rf"(?<![\d{CN_NUM}廿卅月.])(?<!为期)(?<!持续)(?<!连续)(?<!长达)(?<!历时)(?<!过去)"
                rf"(?<![每近第前后约])(?P<d>3[01]|[12]\d|0?[1-9]|{CN_DAY})日(?![内间来以本元圆币经])"
            ),
            "day",
            Hint(re.compile("日"), 3, re.compile(r"[\d二三十廿卅]")),
        ),
        # On the 14th, by the 3rd of March: an ordinal day after a preposition, alone or with
        # its month (not the 20th century, on the 5th floor).
        (
            re.compile(
                r"\b(?:on|by|until|since|from|before|after)\s+the\s+"
                rf"(?P<span>(?P<d>3[01]|[12]\d|0?[1-9])(?:{ordinals})\b"
                rf"(?:\s+of\s+{en_month}|(?![\s-]*[A-Za-z])))"
            ),
            "day",
            Hint(re.compile(rf"\d(?:{ordinals})\b"), len("before the 3"), re.compile("[obusfa]")),
        ),
        (
            re.compile(
                rf"\b{en_month}\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?:,?\s+{EN_YEAR})?"
            ),
            "day",
            en_month_hint,
        ),
        # A day of one or two digits, then white space: the day's last digit is the hint.
        (
            re.compile(rf"\b(?P<d>3[01]|[12]\d|0?[1-9])\s+{en_month}(?:,?\s+{EN_YEAR})?"),
            "day",
            Hint(re.compile(r"\d(?=\s)"), 1, re.compile(r"\d")),
        ),
        (
            re.compile(
                rf"\b(?P<pm>early|mid|late)[- ]{en_month_or_may}(?:,?\s+{EN_YEAR})?", re.IGNORECASE
            ),
            "part_of_month",
            EARLY_MID_LATE,
        ),
        (re.compile(rf"\b{en_month},?\s+{EN_YEAR}"), "month", en_month_hint),
        (
            re.compile(rf"\b(?P<mon>{month_names})\b"),
            "month",
            en_month_hint,
        ),
        (
            re.compile(
                r"\b(?:in|since|until|by|from|during|through|before|after|of)\s+"
                r"(?P<span>(?P<mon>May))\b(?![\s,]+\d)"
            ),
            "month",
            Needs(("may",)),
        ),
        # An abbreviated month alone, with its full stop, after a preposition: in Dec.
        (
            re.compile(
                r"\b(?:in|since|until|by|from|during|through|before|after|of)\s+"
                rf"(?P<span>(?P<mon>{abbreviations})\.)"
            ),
            "month",
            # A preposition of seven characters at most (through), white space, Dec.
            At(
                lambda norm, lower: led_by(lower, _month_abbreviations_stop(), len("through")),
                needs=_month_abbreviations_stop(),
            ),
        ),
        (
            re.compile(rf"\b(?P<py>early|mid|late)[- ]{EN_YEAR}", re.IGNORECASE),
            "part_of_year",
            EARLY_MID_LATE,
        ),
        (
            re.compile(rf"\b(?P<h>first|second) half of {EN_YEAR}", re.IGNORECASE),
            "half_year",
            Needs(("half",)),
        ),
        # Q1 or "fourth quarter": the q of quarter is at most seven characters in.
        (
            re.compile(
                rf"\b(?P<q>[Qq][1-4]|(?:first|second|third|fourth) quarter)(?: of)?\s+{EN_YEAR}"
            ),
            "quarter",
            Hint(re.compile("[Qq]"), 7, re.compile("[Qqfst]")),
        ),
        (
            re.compile(
                rf"\b(?:in|by|since|until|during|before|after|of) (?P<span>{EN_YEAR})\b(?![,.]?\d)",
                re.IGNORECASE,
            ),
            "year",
            Starts(
                ("in ", "by ", "since ", "until ", "during ", "before ", "after ", "of "),
                needs=("in ", "by ", "since ", "until ", "during ", "before ", "after ", "of "),
            ),
        ),
    ]


def small_number(text: str) -> int:
    text = text.lower()
    if text in en_numbers():
        return en_numbers()[text]
    if len(text) == 4 and all(c in CN_DIGIT for c in text):
        return int("".join(str(CN_DIGIT.index(c) % 10 if c != "〇" else 0) for c in text))
    return int(parse_number(text))


def _year(groups: dict, published: dt.date) -> tuple[int, bool]:
    """(year, explicit): the named year, else the publication year."""
    token = groups.get("y")
    relative = {"今": 0, "去": -1, "明": 1}
    if token in relative:
        return published.year + relative[token], True
    if token:
        return small_number(token), True
    return published.year, False


def _quarter(token: str) -> int:
    token = token.lower().lstrip("第").replace("季度", "").replace("季", "")
    words = {"first": 1, "second": 2, "third": 3, "fourth": 4}
    for word, number in words.items():
        if token.startswith(word):
            return number
    return small_number(token.lstrip("q"))


def _month(groups: dict) -> int:
    if groups.get("mon"):
        return _en_months()[groups["mon"].rstrip(".").lower()]
    return small_number(groups["m"])


def _interval(groups: dict, precision: str, year: int) -> tuple[dt.date, dt.date]:
    if precision == "day":
        day = dt.date(year, _month(groups), small_number(groups["d"]))
        return day, day
    if precision == "part_of_month":
        return part_of_month(year, _month(groups), groups["pm"].lower())
    if precision == "month":
        month = _month(groups)
        return dt.date(year, month, 1), month_end(year, month)
    if precision == "half_year":
        first = groups["h"].lower() in ("上半年", "first")
        return (
            (dt.date(year, 1, 1), dt.date(year, 6, 30))
            if first
            else (dt.date(year, 7, 1), dt.date(year, 12, 31))
        )
    if precision == "quarter":
        quarter = _quarter(groups["q"])
        return dt.date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter)
    if precision == "part_of_year":
        return part_of_year(year, groups["py"].lower())
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _yearless_interval(
    groups: dict, precision: str, base: dt.date, published: dt.date, future: bool
) -> tuple[tuple[dt.date, dt.date], bool]:
    """(interval, moved back) of a date without a year: the year that puts it nearest
    ``base`` (a date named before it, else the publication date), so that "January 13"
    after "December 2025" is the next January and "the Dec. 8 decision" in a March story
    last December. News tell what happened: outside a clause about the future, a date
    that would start after the publication date is the latest such one before it
    ("三月末或四月初" in a March story is this spring only where the clause speaks of the
    future). ``moved back`` says that rule chose the year."""

    def distance(interval: tuple[dt.date, dt.date]) -> int:
        start, end = interval
        if start <= base <= end:
            return 0
        return min(abs((start - base).days), abs((end - base).days))

    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        with contextlib.suppress(ValueError):  # 2月29日 exists in some years only
            candidates.append(_interval(groups, precision, year))
    if not candidates:
        raise ValueError("no calendar date")
    nearest = min(candidates, key=distance)
    if future or nearest[0] <= published:
        return nearest, False
    earlier = [c for c in candidates if c[0] <= published]
    return (max(earlier), True) if earlier else (nearest, False)


def _absolute_matches(norm: str) -> list[tuple[re.Match, str]]:
    """Leftmost-longest, non-overlapping matches of the absolute patterns."""
    lower = norm.lower()
    found = [
        (m, p)
        for pattern, p, hint in absolute_patterns()
        for m in finditer(pattern, norm, hint, lower)
        if m.group()
    ]
    found.sort(key=lambda mp: (mp[0].start(), -(mp[0].end() - mp[0].start())))
    kept: list[tuple[re.Match, str]] = []
    for match, precision in found:
        if not kept or match.start() >= kept[-1][0].end():
            kept.append((match, precision))
    return kept


def _day_of_month(
    norm: str, match: re.Match, spans: list[DateSpan], published: dt.date
) -> DateSpan | None:
    """14日 with no month: the month of a date named before it in the same sentence
    (2月24日举行听证会,25日...), else the month that puts it nearest the publication date
    (台北14日电 in a story of the 15th is this month's 14th)."""
    day = small_number(match.group("d"))
    lo, _ = sentence(norm, match.start())
    earlier = [
        s
        for s in spans
        if lo <= s.start
        and s.end <= match.start()
        and s.precision in _MONTH_PRECISIONS
        and not (s.anchor or "").startswith("month ")  # a month the text names, not one inferred
    ]
    if earlier:
        named = earlier[-1]
        try:
            date = named.date_start.replace(day=day)
        except ValueError:
            return None
        anchor = f"month from date named earlier: {describe(named, norm)}"
    else:
        candidates = []
        for months in (-1, 0, 1):
            first = add_months(published.replace(day=1), months)
            with contextlib.suppress(ValueError):
                candidates.append(first.replace(day=day))
        if not candidates:
            return None
        date = min(candidates, key=lambda d: abs((d - published).days))
        anchor = f"month nearest the publication date {published.isoformat()}"
        if date > published and not future_before(norm, match.start()):
            earlier = [d for d in candidates if d <= published]
            if earlier:
                date = max(earlier)
                anchor = f"latest such day by the publication date {published.isoformat()}"
    span = match.span("span") if match.groupdict().get("span") else match.span()
    return DateSpan(*span, date, date, "day", anchor)


_MONTH_PRECISIONS = ("day", "part_of_month", "month")


def find_absolute(norm: str, published: dt.date) -> list[DateSpan]:
    spans: list[DateSpan] = []
    context: tuple[dt.date, str] | None = None  # (first day of the last explicit date, its text)
    for match, precision in _absolute_matches(norm):
        groups = match.groupdict()
        if precision == "day" and not (groups.get("m") or groups.get("mon")):
            span = _day_of_month(norm, match, spans, published)
            if span is not None:
                spans.append(span)
            continue
        year, explicit = _year(groups, published)
        moved_back = False
        try:
            if explicit:
                start, end = _interval(groups, precision, year)
            else:
                base = context[0] if context else published
                future = future_before(norm, match.start())
                (start, end), moved_back = _yearless_interval(
                    groups, precision, base, published, future
                )
        except (ValueError, KeyError):
            continue  # 2月30日 or an unparsable numeral: not a calendar date
        anchor = None
        if moved_back:
            anchor = f"latest such date by the publication date {published.isoformat()}"
        elif not explicit:
            anchor = (
                f"year from date named earlier: {context[1]}"
                if context
                else f"year nearest the publication date {published.isoformat()}"
            )
        elif groups.get("y") in ("今", "去", "明"):
            anchor = f"publication date {published.isoformat()}"
        if explicit:
            context = (start, match.group())
        span = match.span("span") if groups.get("span") else match.span()
        spans.append(DateSpan(*span, start, end, precision, anchor))
    return spans
