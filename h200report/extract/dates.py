"""Date and time expressions in an article body, resolved to inclusive intervals.

Two passes over ``Body.norm``: first the expressions that name a calendar
period (2025年12月8日, 2026年初, Feb. 24, 14日), whose missing year (or month)
comes from the nearest explicit one before them or the publication date; then
the relative ones (目前, 彼时, 一个月前, 解禁两个月以来, last week, on Tuesday,
几周后), resolved against the dates found in the first pass, the article's
dateline or the publication date. Each relative mention records in ``anchor``
what it was resolved against.

Month and weekday names, relative words, future markers and what "a few" spans come
from the language files (``lexicon/<language>.yaml``, see ``lexicon``).
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ..vocab import PRECISION_RANK
from .lexicon import alternation, han, latin
from .numbers import parse_number

CN_DIGIT = "零〇一二三四五六七八九"
CN_NUM = "零〇一二两三四五六七八九十"

YEAR = rf"(?P<y>(?<!\d)(?:1[89]|20|21)\d\d|[{CN_DIGIT}]{{4}}|(?<!过)[今去明])年"
MONTH = r"(?P<m>1[0-2](?!\d)|0?[1-9](?!\d)|十[一二]?|[一二三四五六七八九])月份?"
DAY = (
    r"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
    r"|[一二三四五六七八九])[日号]"
)
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
COUNT = rf"(?P<n>\d{{1,3}}|[{CN_NUM}]{{1,3}}|半)"


class Hint(NamedTuple):
    """Where a pattern can match: each match starts at most ``reach`` characters before a hit
    of ``chars``, a one-character pattern; or, with ``reach`` 0, exactly where ``chars``
    matches, a pattern whose hits cannot hide the start of another. See ``_finditer``."""

    chars: re.Pattern
    reach: int


class Needs(NamedTuple):
    """A pattern that can only match where one of ``words`` occurs (in lower case): most
    bodies hold none of an English pattern's words, and then it is not run at all."""

    words: tuple[str, ...]


_EARLY_MID_LATE = Needs(("early", "mid", "late"))
_WEEK_UNITS = Needs(("day", "week", "month", "year"))


# Longest YEAR (four digits and 年) and longest month numeral before 月 (10, 十二).
_YEAR_LEN = 5
_MONTH_NUMERAL_LEN = 2
_MONTH_HINT = Hint(re.compile("月"), _YEAR_LEN + _MONTH_NUMERAL_LEN)
_YEAR_HINT = Hint(re.compile("年"), _YEAR_LEN - 1)


@cache
def _en_months() -> dict[str, int]:
    dates = latin().dates
    return dates.months | dates.month_abbreviations


@cache
def _en_numbers() -> dict[str, int]:
    """The small counts of "two weeks ago", "a month later": number words up to twelve."""
    words = {w: v for w, v in latin().numerals.words.items() if v <= 12}
    return {"a": 1, "an": 1} | words


def _en_count(low: int = 1, articles: bool = True) -> str:
    """A count of units in digits or words, from ``low`` on ("the past two months")."""
    words = [w for w, v in _en_numbers().items() if v >= low and (articles or w not in ("a", "an"))]
    return rf"\d{{1,3}}|{alternation(words)}"


@cache
def _en_month() -> tuple[str, str]:
    """(a month name or abbreviation, the same with May standing alone) as regex groups."""
    dates = latin().dates
    names = alternation(m.capitalize() for m in dates.months if m != _VERB_MONTH)
    abbreviations = alternation(m.capitalize() for m in dates.month_abbreviations)
    month = rf"(?P<mon>{names}|(?:{abbreviations})\b\.?|May(?=\s+\d))"
    return month, month.replace(r"May(?=\s+\d)", r"(?-i:May)\b")


def _en_month_hint() -> Hint:
    # The month patterns are case-sensitive and every month name or abbreviation starts
    # with its first three letters, a capital and two small ones: no hit can cover the
    # start of another, and re scans for them at C speed where a capital letter alone
    # left a match per capital.
    starts = sorted({m[:3].capitalize() for m in _en_months()})
    return Hint(re.compile("|".join(starts)), 0)


@cache
def absolute_patterns() -> list[tuple[re.Pattern, str, Hint | Needs | None]]:
    """(pattern, precision, hint) of the calendar expressions; see ``_finditer``."""
    en_month, en_month_or_may = _en_month()
    en_month_hint = _en_month_hint()
    month_names = alternation(m.capitalize() for m in latin().dates.months if m != _VERB_MONTH)
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
        (re.compile(rf"(?:{YEAR})?{HALF}"), "half_year", Hint(re.compile("半"), _YEAR_LEN + 1)),
        # 季 after an optional year and 第 + numeral, or Q right after an optional year.
        (
            re.compile(rf"(?:{YEAR})?{QUARTER}"),
            "quarter",
            Hint(re.compile("[季Qq]"), _YEAR_LEN + 2),
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
                r"(?<![\d月.])(?<!为期)(?<!持续)(?<!连续)(?<!长达)(?<!历时)(?<![每近第前后约])"
                r"(?P<d>3[01]|[12]\d|0?[1-9])日(?![内间来以本元圆币经])"
            ),
            "day",
            Hint(re.compile("日"), 2),
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
            Hint(re.compile(r"\d(?=\s)"), 1),
        ),
        (
            re.compile(
                rf"\b(?P<pm>early|mid|late)[- ]{en_month_or_may}(?:,?\s+{EN_YEAR})?", re.IGNORECASE
            ),
            "part_of_month",
            _EARLY_MID_LATE,
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
        (
            re.compile(rf"\b(?P<py>early|mid|late)[- ]{EN_YEAR}", re.IGNORECASE),
            "part_of_year",
            _EARLY_MID_LATE,
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
            Hint(re.compile("[Qq]"), 7),
        ),
        (
            re.compile(
                rf"\b(?:in|by|since|until|during|before|after|of) (?P<span>{EN_YEAR})\b(?![,.]?\d)",
                re.IGNORECASE,
            ),
            "year",
            Needs(("in ", "by ", "since ", "until ", "during ", "before ", "after ", "of ")),
        ),
    ]


def _finditer(
    pattern: re.Pattern, norm: str, hint: Hint | Needs | None, lower: str
) -> Iterator[re.Match]:
    """The matches of ``pattern.finditer(norm)``, found by trying the pattern only near its hint.

    Patterns that begin with an optional group or an assertion get no fast first-character
    scan from ``re``, so a plain ``finditer`` tries them at every position of the body.
    Every match starts at most ``hint.reach`` characters before a hint character, so trying
    ``pattern.match`` at those positions only, leftmost first and resuming after each match,
    finds exactly the matches ``finditer`` does (lookbehinds and ``\\b`` still see the text
    before the position tried). The patterns given a hint never match the empty string.
    A pattern that ``Needs`` words is run on the bodies holding one of them (``lower`` is
    ``norm`` in lower case).
    """
    if isinstance(hint, Needs) and not any(w in lower for w in hint.words):
        return
    if not isinstance(hint, Hint):
        yield from pattern.finditer(norm)
        return
    untried = 0  # positions before this were tried already or lie inside a match
    for hit in hint.chars.finditer(norm):
        for at in range(max(untried, hit.start() - hint.reach), hit.start() + 1):
            match = pattern.match(norm, at)
            if match:
                yield match
                untried = match.end()
                break
        else:
            untried = max(untried, hit.start() + 1)


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    date_start: dt.date
    date_end: dt.date
    precision: str
    anchor: str | None = None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def part_of_month(year: int, month: int, part: str) -> tuple[dt.date, dt.date]:
    """初/上旬/early: days 1-10; 中/中旬/mid: 11-20; 底/末/下旬/late: 21-end."""
    if part in ("初", "上旬", "early"):
        return dt.date(year, month, 1), dt.date(year, month, 10)
    if part in ("中", "中旬", "mid"):
        return dt.date(year, month, 11), dt.date(year, month, 20)
    return dt.date(year, month, 21), month_end(year, month)


def part_of_year(year: int, part: str) -> tuple[dt.date, dt.date]:
    """年初: January-February; 年中: June-July; 年底/年末: November-December."""
    if part in ("初", "early"):
        return dt.date(year, 1, 1), month_end(year, 2)
    if part in ("中", "mid"):
        return dt.date(year, 6, 1), dt.date(year, 7, 31)
    return dt.date(year, 11, 1), dt.date(year, 12, 31)


def _small_number(text: str) -> int:
    text = text.lower()
    if text in _en_numbers():
        return _en_numbers()[text]
    if len(text) == 4 and all(c in CN_DIGIT for c in text):
        return int("".join(str(CN_DIGIT.index(c) % 10 if c != "〇" else 0) for c in text))
    return int(parse_number(text))


def _year(groups: dict, published: dt.date, context_year: int | None) -> tuple[int, bool]:
    """(year, explicit): the named year, else the context year, else the publication year."""
    token = groups.get("y")
    relative = {"今": 0, "去": -1, "明": 1}
    if token in relative:
        return published.year + relative[token], True
    if token:
        return _small_number(token), True
    return (context_year or published.year), False


def _quarter(token: str) -> int:
    token = token.lower().lstrip("第").replace("季度", "").replace("季", "")
    words = {"first": 1, "second": 2, "third": 3, "fourth": 4}
    for word, number in words.items():
        if token.startswith(word):
            return number
    return _small_number(token.lstrip("q"))


def _month(groups: dict) -> int:
    if groups.get("mon"):
        return _en_months()[groups["mon"].rstrip(".").lower()]
    return _small_number(groups["m"])


def _interval(groups: dict, precision: str, year: int) -> tuple[dt.date, dt.date]:
    if precision == "day":
        day = dt.date(year, _month(groups), _small_number(groups["d"]))
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


def _nearest_year_interval(
    groups: dict, precision: str, published: dt.date
) -> tuple[dt.date, dt.date]:
    """A date without a year and with no year named before it: the year that puts it
    nearest the publication date ("the Dec. 8 decision" in a March story is last
    December; "三月末或四月初" in a March story is this spring)."""

    def distance(interval: tuple[dt.date, dt.date]) -> int:
        start, end = interval
        if start <= published <= end:
            return 0
        return min(abs((start - published).days), abs((end - published).days))

    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        with contextlib.suppress(ValueError):  # 2月29日 exists in some years only
            candidates.append(_interval(groups, precision, year))
    if not candidates:
        raise ValueError("no calendar date")
    return min(candidates, key=distance)


def _absolute_matches(norm: str) -> list[tuple[re.Match, str]]:
    """Leftmost-longest, non-overlapping matches of the absolute patterns."""
    lower = norm.lower()
    found = [
        (m, p)
        for pattern, p, hint in absolute_patterns()
        for m in _finditer(pattern, norm, hint, lower)
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
    day = int(match.group("d"))
    lo, _ = _sentence(norm, match.start())
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
        anchor = f"month from date named earlier: {_describe(named, norm)}"
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
    return DateSpan(*match.span(), date, date, "day", anchor)


_MONTH_PRECISIONS = ("day", "part_of_month", "month")


def find_absolute(norm: str, published: dt.date) -> list[DateSpan]:
    spans: list[DateSpan] = []
    context: tuple[int, str] | None = None  # (year, what named it)
    for match, precision in _absolute_matches(norm):
        groups = match.groupdict()
        if precision == "day" and not (groups.get("m") or groups.get("mon")):
            span = _day_of_month(norm, match, spans, published)
            if span is not None:
                spans.append(span)
            continue
        year, explicit = _year(groups, published, context[0] if context else None)
        try:
            if explicit or context:
                start, end = _interval(groups, precision, year)
            else:
                start, end = _nearest_year_interval(groups, precision, published)
        except (ValueError, KeyError):
            continue  # 2月30日 or an unparsable numeral: not a calendar date
        anchor = None
        if not explicit:
            anchor = (
                f"year from date named earlier: {context[1]}"
                if context
                else f"year nearest the publication date {published.isoformat()}"
            )
        elif groups.get("y") in ("今", "去", "明"):
            anchor = f"publication date {published.isoformat()}"
        if explicit:
            context = (year, match.group())
        span = match.span("span") if groups.get("span") else match.span()
        spans.append(DateSpan(*span, start, end, precision, anchor))
    return spans


# ---- relative expressions -------------------------------------------------------------

SENTENCE_BREAKS = "。!?;\n"


def _sentence(norm: str, pos: int) -> tuple[int, int]:
    start = max(norm.rfind(c, 0, pos) for c in SENTENCE_BREAKS) + 1
    ends = [i for i in (norm.find(c, pos) for c in SENTENCE_BREAKS) if i != -1]
    return start, min(ends, default=len(norm))


def _describe(span: DateSpan, norm: str) -> str:
    dates = span.date_start.isoformat()
    if span.date_end != span.date_start:
        dates += f"..{span.date_end.isoformat()}"
    return f"{norm[span.start : span.end]} {dates}"


# Longest COUNT (three numerals) + 个 + longest unit (星期): the span before 前/后 or 以来.
_COUNT_UNIT_LEN = 3 + 1 + 2


@cache
def _relative_patterns() -> list[tuple[re.Pattern, str, Hint | Needs | None]]:
    """(pattern, kind, hint); see ``_finditer`` for the hints."""
    zh, en = han().dates, latin().dates
    now_not = "".join(zh.now_not_after)
    prefixes = alternation(zh.since_prefixes)
    now_first = "".join(sorted({w[0] for w in zh.now}))
    since_lead = max(2, *map(len, zh.since_prefixes))  # a since prefix or a two-character event

    def english(words: list[str], kind: str) -> tuple[re.Pattern, str, Needs]:
        pattern = re.compile(rf"\b(?:{alternation(words)})\b", re.IGNORECASE)
        return pattern, kind, Needs(tuple(w.lower() for w in words))

    return [
        (
            re.compile(rf"(?<![{now_not}])(?:{alternation(zh.now)})"),
            "now",
            Hint(re.compile(f"[{re.escape(now_first)}]"), 0),
        ),
        english(en.now, "now"),
        (re.compile(alternation(zh.same_day)), "same_day", None),
        english(en.same_day, "same_day"),
        (re.compile(alternation(zh.then)), "then", None),
        english(en.then, "then"),
        # 前/后 follows the count, unit and an optional 之.
        (
            re.compile(rf"(?<![\d{CN_NUM}]){COUNT}个?(?P<u>月|年|天|周|星期)(?P<dir>之?前|之?后)"),
            "shift",
            Hint(re.compile("[前后]"), _COUNT_UNIT_LEN + 1),
        ),
        (
            re.compile(
                rf"\b(?P<n>{_en_count()}) (?P<u>months?|years?|weeks?|days?) (?P<dir>ago|later)\b",
                re.IGNORECASE,
            ),
            "shift",
            Needs(("ago", "later")),
        ),
        # 来 follows the optional prefix or event, the count, unit and an optional 以.
        (
            re.compile(
                rf"(?:(?P<pre>{prefixes})|(?P<ev>[\u4e00-\u9fff]{{2}}))?{COUNT}"
                r"个?(?P<u>月|年|天|周|星期)(?:以来|来)"
            ),
            "since",
            Hint(re.compile("来"), since_lead + _COUNT_UNIT_LEN + 1),
        ),
        (re.compile(r"(?P<ev>[\u4e00-\u9fff]{2})以来"), "since", Hint(re.compile("以"), 2)),
        (
            re.compile(
                rf"\b(?:in|over|during) the (?:past|last) (?P<n>{_en_count(2, articles=False)})"
                r" (?P<u>months|years|weeks|days)\b",
                re.IGNORECASE,
            ),
            "since",
            Needs(("past", "last")),
        ),
    ]


@cache
def _calendar_patterns() -> list[tuple[re.Pattern, str, Hint | Needs | None]]:
    """Expressions named from the reference date (the dateline, else the publication date):
    yesterday, last week, 上周, this month, weekdays, in a few weeks, 几周后; and English
    counts tied to a date (the two months since the Dec. 8 decision, in two weeks)."""
    english = list(latin().dates.deictic)
    chinese = list(han().dates.deictic)
    weekdays = alternation(w.capitalize() for w in latin().dates.weekdays)
    initials = "".join(sorted({w[0].upper() for w in latin().dates.weekdays}))
    zh = han().dates
    prefixes = alternation(zh.weekday_prefixes)
    prefix_ends = "".join(sorted({w[-1] for w in zh.weekday_prefixes}))
    cn_weekdays = "".join(zh.weekdays)
    return [
        (
            re.compile(rf"\b(?:{alternation(english)})\b", re.IGNORECASE),
            "deictic",
            Needs(tuple(w.lower() for w in english)),
        ),
        (
            re.compile(rf"(?:{alternation(chinese)})(?P<pm>上旬|中旬|下旬|初|底|末)?"),
            "deictic",
            Hint(re.compile(f"[{''.join(sorted({w[0] for w in chinese}))}]"), 0),
        ),
        (
            re.compile(rf"\b(?:(?P<wmod>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<wd>{weekdays})\b(?!s)"),
            "weekday",
            Hint(re.compile(f"[{initials}]"), len("last ")),
        ),
        # 周二, 星期天, 上周五, 下个星期一; not 一周一次 (once a week) nor 每周一 (every Monday).
        (
            re.compile(
                rf"(?<![每\d{CN_NUM}])(?P<wmod>上|下|本|这)?个?(?:{prefixes})"
                rf"(?P<cwd>[{cn_weekdays}])(?![次遍回趟])"
            ),
            "weekday",
            Hint(re.compile(f"[{prefix_ends}]"), 3),
        ),
        (
            re.compile(
                r"\b(?:(?P<prep>in|within|over)\s+(?:the\s+)?(?P<q>a\s+few|several|next\s+few|coming"
                r"|a\s+couple\s+of|few)\s+|within\s+)(?P<u>days|weeks|months|years)\b",
                re.IGNORECASE,
            ),
            "few_ahead",
            _WEEK_UNITS,
        ),
        (
            re.compile(
                r"\b(?P<q>a\s+few|several|a\s+couple\s+of)\s+(?P<u>days|weeks|months|years)\s+"
                r"(?P<dir>ago|earlier|later|before|after)\b",
                re.IGNORECASE,
            ),
            "few_shift",
            Needs(("few", "several", "couple")),
        ),
        (
            re.compile(
                r"\b(?:in|over|during)\s+the\s+(?:past|last)\s+(?P<q>few|several|couple\s+of)\s+"
                r"(?P<u>days|weeks|months|years)\b",
                re.IGNORECASE,
            ),
            "few_since",
            Needs(("past", "last")),
        ),
        # 几周后, 数月前, 几天内, 几个月来
        (
            re.compile(
                rf"(?<![\d{CN_NUM}])(?P<q>几|数)个?(?P<u>月|年|天|日|周|星期)"
                r"(?P<dir>之?后|之?前|以内|内|以来|来)"
            ),
            "few_shift",
            Hint(re.compile("[前后内来]"), 5),
        ),
        (
            re.compile(
                rf"\b(?P<dir>in|within)\s+(?P<n>{_en_count()})\s+(?P<u>days?|weeks?|months?|years?)\b",
                re.IGNORECASE,
            ),
            "ahead",
            _WEEK_UNITS,
        ),
        (
            re.compile(
                rf"\b(?P<n>{_en_count()})\s+(?P<u>days|weeks|months|years)\s+since\b", re.IGNORECASE
            ),
            "since_date",
            Needs(("since",)),
        ),
    ]


def _calendar_unit(day: dt.date, unit: str, offset: int) -> tuple[dt.date, dt.date]:
    """The day, Monday-to-Sunday week, month or year ``offset`` units from the one of ``day``."""
    if unit == "day":
        moved = day + dt.timedelta(days=offset)
        return moved, moved
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=offset)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        first = add_months(day.replace(day=1), offset)
        return first, month_end(first.year, first.month)
    return dt.date(day.year + offset, 1, 1), dt.date(day.year + offset, 12, 31)


# The precision of a whole calendar unit; a week, or part of a unit, is "relative".
_UNIT_PRECISION = {"day": "day", "week": "relative", "month": "month", "year": "year"}


def _unit_span(unit: str, low: float, high: float, start: dt.date, sign: int):
    """[start + low units, start + high units] (or the mirror before ``start`` when sign < 0)."""

    def moved(count: float) -> dt.date:
        months, days = _months_in(unit, count)
        return add_months(start, sign * months) + dt.timedelta(days=sign * days)

    near, far = moved(low), moved(high)
    return (near, far) if sign > 0 else (far, near)


def _months_in(unit: str, count: float) -> tuple[int, int]:
    """(months, days) that ``count`` units span."""
    unit = unit.lower().rstrip("s")
    if unit in ("月", "month"):
        return int(count), 0
    if unit in ("年", "year"):
        return int(count * 12), 0
    if unit in ("周", "星期", "week"):
        return 0, int(count * 7)
    return 0, int(count)


# How far "N units ago" is widened each side: the text gives a round figure.
SHIFT_SLACK_DAYS = {"月": 15, "month": 15, "年": 182, "year": 182, "周": 3, "星期": 3, "week": 3}


def _count(groups: dict) -> float:
    token = groups["n"]
    return 0.5 if token == "半" else float(_small_number(token))


class _Resolver:
    """Resolves relative expressions against the absolute dates and the publication date.

    Expressions that count from "now" (last week, on Tuesday, in a few weeks) count from
    the reference date: the article's dateline when it has one (WASHINGTON, Jan 14
    (Reuters) -, 台北14日电), else the publication date.
    """

    def __init__(self, norm: str, published: dt.date, absolute: list[DateSpan]):
        self.norm, self.published, self.absolute = norm, published, absolute
        self.resolved: list[DateSpan] = list(absolute)
        dateline = _dateline(norm, absolute, published)
        self.reference = dateline.date_start if dateline else published
        self.reference_text = (
            f"dateline {_describe(dateline, norm)}" if dateline else self.publication()
        )

    def publication(self) -> str:
        return f"publication date {self.published.isoformat()}"

    def preceding(self, pos: int, day_only: bool = False) -> DateSpan | None:
        before = [
            s for s in self.resolved if s.end <= pos and (not day_only or s.precision == "day")
        ]
        return max(before, key=lambda s: s.end, default=None)

    def now(self, match: re.Match) -> DateSpan:
        return DateSpan(
            match.start(),
            match.end(),
            self.published,
            self.published,
            "relative",
            self.publication(),
        )

    def copy(self, match: re.Match, day_only: bool) -> DateSpan:
        earlier = self.preceding(match.start(), day_only)
        if earlier is None:
            return self.now(match)
        return DateSpan(
            match.start(),
            match.end(),
            earlier.date_start,
            earlier.date_end,
            "relative",
            f"date named earlier: {_describe(earlier, self.norm)}",
        )

    def shift(self, match: re.Match) -> DateSpan:
        groups = match.groupdict()
        months, days = _months_in(groups["u"], _count(groups))
        sign = 1 if groups["dir"].lower().endswith(("后", "later")) else -1
        earlier = self.preceding(match.start())
        start, end = (
            (earlier.date_start, earlier.date_end) if earlier else (self.published, self.published)
        )
        anchor = (
            f"date named earlier: {_describe(earlier, self.norm)}"
            if earlier
            else self.publication()
        )
        slack = dt.timedelta(days=SHIFT_SLACK_DAYS.get(groups["u"].lower().rstrip("s"), 0))
        move = dt.timedelta(days=sign * days)
        start = add_months(start, sign * months) + move - slack
        end = add_months(end, sign * months) + move + slack
        return DateSpan(match.start(), match.end(), start, end, "relative", anchor)

    def sentence_date(self, pos: int) -> DateSpan | None:
        """The absolute date of the sentence at ``pos``: the nearest before it, else after it."""
        lo, hi = _sentence(self.norm, pos)
        inside = [s for s in self.absolute if lo <= s.start and s.end <= hi]
        before = [s for s in inside if s.end <= pos]
        if before:
            return max(before, key=lambda s: s.end)
        return min(inside, key=lambda s: s.start, default=None)

    def event_date(self, event: str, pos: int, until: dt.date) -> DateSpan | None:
        """A date stated in another sentence that names the event (解禁): finest, then nearest."""
        own = _sentence(self.norm, pos)
        found = []
        for span in self.absolute:
            lo, hi = _sentence(self.norm, span.start)
            if (lo, hi) != own and event in self.norm[lo:hi] and span.date_start <= until:
                found.append(span)
        return min(
            found, key=lambda s: (PRECISION_RANK[s.precision], abs(s.start - pos)), default=None
        )

    def since(self, match: re.Match) -> DateSpan | None:
        groups = match.groupdict()
        anchor_span = self.sentence_date(match.start())
        end = anchor_span.date_end if anchor_span else self.published
        end_text = (
            f"date of the sentence: {_describe(anchor_span, self.norm)}"
            if anchor_span
            else self.publication()
        )
        event = groups.get("ev")
        if event and event not in han().dates.since_not_events:
            happened = self.event_date(event, match.start(), end)
            if happened:
                anchor = f"event {event} {_describe(happened, self.norm)}; until {end_text}"
                return DateSpan(
                    match.start(), match.end(), happened.date_start, end, "relative", anchor
                )
        if not groups.get("n"):
            return None
        months, days = _months_in(groups["u"], _count(groups))
        start = add_months(end, -months) - dt.timedelta(days=days)
        span_start = match.start("n") if event else match.start()
        return DateSpan(span_start, match.end(), start, end, "relative", f"until {end_text}")

    def deictic(self, match: re.Match) -> DateSpan:
        """yesterday, last week, earlier this month, 上周, 本月, 上月底."""
        part_of = match.groupdict().get("pm")
        word = match.group()[: len(match.group()) - len(part_of)] if part_of else match.group()
        unit, offset, part = _deictic_entry(word)
        start, end = _calendar_unit(self.reference, unit, offset)
        precision = _UNIT_PRECISION[unit] if part == "all" else "relative"
        if part == "before":  # on the first of the month, "earlier this month" is that day
            end = max(start, self.reference - dt.timedelta(days=1))
        elif part == "after":
            start = min(end, self.reference + dt.timedelta(days=1))
        if part_of:
            start, end = part_of_month(start.year, start.month, part_of)
            precision = "part_of_month"
        return DateSpan(*match.span(), start, end, precision, self.reference_text)

    def weekday(self, match: re.Match) -> DateSpan:
        """上周五/下周二/this Tuesday: that day of the named week; last/next Tuesday: the one
        strictly before/after the reference; a bare weekday: the nearest on or before the
        reference, or on or after it in a clause about the future."""
        groups = match.groupdict()
        if groups.get("wd"):
            target = latin().dates.weekdays[groups["wd"].lower()]
        else:
            target = han().dates.weekdays[groups["cwd"]]
        modifier = (groups.get("wmod") or "").lower()
        ref = self.reference
        if modifier in ("上", "下", "本", "这", "this"):
            week = {"上": -1, "下": 1}.get(modifier, 0)
            day = _calendar_unit(ref, "week", week)[0] + dt.timedelta(days=target)
        elif modifier == "last" or (modifier != "next" and not self.future_before(match.start())):
            back = (ref.weekday() - target) % 7 or (7 if modifier == "last" else 0)
            day = ref - dt.timedelta(days=back)
        else:
            ahead = (target - ref.weekday()) % 7 or (7 if modifier == "next" else 0)
            day = ref + dt.timedelta(days=ahead)
        return DateSpan(*match.span(), day, day, "day", f"weekday from {self.reference_text}")

    def future_before(self, pos: int) -> bool:
        """The clause before ``pos`` speaks of the future (will meet on, 将于)."""
        lo = max(self.norm.rfind(c, 0, pos) for c in _CLAUSE_BREAKS) + 1
        clause = self.norm[max(lo, pos - 80) : pos]
        return bool(_future_pattern().search(clause)) or any(
            w in clause for w in han().dates.future_markers
        )

    def anchor_before(self, pos: int) -> tuple[dt.date, str]:
        """A date named earlier in the same sentence, else the reference date."""
        lo, _ = _sentence(self.norm, pos)
        before = [s for s in self.absolute if lo <= s.start and s.end <= pos]
        if before:
            named = before[-1]
            return named.date_start, f"date named earlier: {_describe(named, self.norm)}"
        return self.reference, self.reference_text

    def few(self, match: re.Match, kind: str) -> DateSpan:
        """Spans of "a few" units (lexicon ``few``; a couple is 2 to 3).

        "in a few weeks" is 2 to 6 weeks after the reference date; "within weeks", "in the
        coming weeks", "over the next few weeks" and 几天内 from the next day to 6 units on;
        "the past few months" and 几个月来 the 6 units up to it; "a few weeks ago" is 2 to 6
        weeks before the reference date. 几周后/几周前 and "a few weeks later/earlier" count
        from a date named before them in the same sentence, else from the reference date.
        """
        groups = match.groupdict()
        unit = groups["u"].lower()
        few = " ".join((groups.get("q") or "").lower().split())
        language = han() if few in ("几", "数") else latin()
        low, high = (2, 3) if few.endswith("couple of") else language.dates.few
        direction = (groups.get("dir") or "").lower()
        if kind in ("few_ahead", "few_since") or direction == "ago":
            base, anchor = self.reference, self.reference_text
        else:
            base, anchor = self.anchor_before(match.start())
        if kind == "few_ahead" or direction in ("内", "以内"):
            if (groups.get("prep") or "").lower() == "in" and few in ("a few", "few", "several"):
                start, end = _unit_span(unit, low, high, base, 1)
            else:
                start, end = base + dt.timedelta(days=1), _unit_span(unit, 0, high, base, 1)[1]
        elif kind == "few_since" or direction in ("来", "以来"):
            start, end = _unit_span(unit, 0, high, base, -1)[0], base
        else:
            sign = 1 if direction.endswith(("后", "later", "after")) else -1
            start, end = _unit_span(unit, low, high, base, sign)
        return DateSpan(*match.span(), start, end, "relative", anchor)

    def ahead(self, match: re.Match) -> DateSpan | None:
        """will decide in two weeks, within a month: only where the clause speaks of the future
        (shares fell 5% in two days is a duration)."""
        if not self.future_before(match.start()):
            return None
        groups = match.groupdict()
        months, days = _months_in(groups["u"], _count(groups))
        end = add_months(self.reference, months) + dt.timedelta(days=days)
        if groups["dir"].lower() == "within":
            start = self.reference + dt.timedelta(days=1)
        else:
            slack = dt.timedelta(days=SHIFT_SLACK_DAYS.get(groups["u"].lower().rstrip("s"), 0))
            start, end = end - slack, end + slack
        return DateSpan(*match.span(), start, end, "relative", self.reference_text)

    def since_date(self, match: re.Match) -> DateSpan:
        """the two months since the Dec. 8 decision: from the date named after "since" to the
        date of the sentence (the hearing on Feb. 24), else the reference date."""
        lo, hi = _sentence(self.norm, match.start())
        after = [s for s in self.absolute if match.end() <= s.start <= match.end() + 40]
        others = [s for s in self.absolute if lo <= s.start and s.end <= hi and s not in after]
        before = [s for s in others if s.end <= match.start()]
        until = before[-1] if before else (others[0] if others else None)
        end = until.date_end if until else self.reference
        end_text = (
            f"date of the sentence: {_describe(until, self.norm)}" if until else self.reference_text
        )
        if after:
            since = after[0]
            start = since.date_start
            anchor = f"since {_describe(since, self.norm)}; until {end_text}"
        else:
            months, days = _months_in(match.group("u"), _count(match.groupdict()))
            start = add_months(end, -months) - dt.timedelta(days=days)
            anchor = f"until {end_text}"
        return DateSpan(*match.span(), start, end, "relative", anchor)

    def resolve(self, kind: str, match: re.Match) -> DateSpan | None:
        if kind == "now":
            return self.now(match)
        if kind == "deictic":
            return self.deictic(match)
        if kind == "weekday":
            return self.weekday(match)
        if kind.startswith("few"):
            return self.few(match, kind)
        if kind == "ahead":
            return self.ahead(match)
        if kind == "since_date":
            return self.since_date(match)
        if kind in ("same_day", "then"):
            return self.copy(match, day_only=kind == "same_day")
        if kind == "shift":
            return self.shift(match)
        return self.since(match)


def _relative_matches(norm: str, taken: list[DateSpan]) -> list[tuple[re.Match, str]]:
    lower = norm.lower()
    # The calendar patterns first: where one matches exactly what an older one does (数年以来),
    # it is the one kept.
    found = [
        (m, kind)
        for pattern, kind, hint in _calendar_patterns() + _relative_patterns()
        for m in _finditer(pattern, norm, hint, lower)
    ]
    found.sort(key=lambda mk: (mk[0].start(), -(mk[0].end() - mk[0].start())))
    kept: list[tuple[re.Match, str]] = []
    for match, kind in found:
        clash = any(match.start() < s.end and s.start < match.end() for s in taken)
        if not clash and (not kept or match.start() >= kept[-1][0].end()):
            kept.append((match, kind))
    return kept


_CLAUSE_BREAKS = ".;!?,。\n"
# A dateline: the date, then the agency in brackets and a dash, or 电 (台北14日电).
_DATELINE_AFTER = re.compile(r"\s*(?:\([^()]{1,40}\)\s*[-–—]|电)")
_DATELINE_REACH = 200  # characters from the start of the body
_DATELINE_MAX_DAYS = 7  # a dateline further from the publication date is no dateline


def _dateline(norm: str, absolute: list[DateSpan], published: dt.date) -> DateSpan | None:
    """The day-precise date of the body's dateline, if it has one near its start."""
    for span in absolute:
        if span.start > _DATELINE_REACH:
            break
        if (
            span.precision == "day"
            and _DATELINE_AFTER.match(norm, span.end)
            and abs((span.date_start - published).days) <= _DATELINE_MAX_DAYS
        ):
            return span
    return None


@cache
def _future_pattern() -> re.Pattern:
    words = alternation(latin().dates.future_markers)
    return re.compile(rf"(?<![A-Za-z])(?:{words})\b", re.IGNORECASE)


@cache
def _deictic_entries() -> dict[str, tuple[str, int, str]]:
    deictic = latin().dates.deictic | han().dates.deictic
    return {w.lower(): tuple(v) for w, v in deictic.items()}


def _deictic_entry(word: str) -> tuple[str, int, str]:
    return _deictic_entries()[" ".join(word.lower().split())]


def find_dates(norm: str, published: dt.date) -> list[DateSpan]:
    """Every date expression in ``norm``, sorted by start, non-overlapping."""
    absolute = find_absolute(norm, published)
    resolver = _Resolver(norm, published, absolute)
    for match, kind in _relative_matches(norm, absolute):
        try:
            span = resolver.resolve(kind, match)
        except (ValueError, KeyError, OverflowError):
            continue  # a count no numeral reading accepts, or a shift off the calendar
        if span is not None:
            resolver.resolved.append(span)
    return sorted(resolver.resolved, key=lambda s: s.start)
