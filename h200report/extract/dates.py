"""Date and time expressions in an article body, resolved to inclusive intervals.

Two passes over ``Body.norm``: first the expressions that name a calendar
period (2025年12月8日, 2026年初, Feb. 24), whose missing year comes from the
nearest explicit year before them or the publication date; then the relative
ones (目前, 彼时, 一个月前, 解禁两个月以来), resolved against the dates found
in the first pass or against the publication date. Each relative mention
records in ``anchor`` what it was resolved against.
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
from .lexicon import lexicon as load_lexicon
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
QUARTER = r"(?P<q>第?[一二三四1-4]季度|[Qq][1-4](?!\d))"
NO_NUMERAL_BEFORE = rf"(?<![\d{CN_NUM}个第.])"

EN_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
EN_MONTH = (
    r"(?P<mon>January|February|March|April|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?|May(?=\s+\d))"
)
EN_YEAR = r"(?P<y>(?:19|20|21)\d\d)(?!\d)"
EN_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
COUNT = rf"(?P<n>\d{{1,3}}|[{CN_NUM}]{{1,3}}|半)"


class Hint(NamedTuple):
    """Where a pattern can match: each match starts at most ``reach`` characters before a hit
    of ``chars`` (a one-character pattern). See ``_finditer``."""

    chars: re.Pattern
    reach: int


# Longest YEAR (four digits and 年) and longest month numeral before 月 (10, 十二).
_YEAR_LEN = 5
_MONTH_NUMERAL_LEN = 2
_MONTH_HINT = Hint(re.compile("月"), _YEAR_LEN + _MONTH_NUMERAL_LEN)
_YEAR_HINT = Hint(re.compile("年"), _YEAR_LEN - 1)
# EN_MONTH is case-sensitive and every month name starts with one of these capitals.
_EN_MONTH_HINT = Hint(re.compile("[ADFJMNOS]"), 0)

# (pattern, precision, hint); precision "relative" patterns are resolved in the second pass.
ABSOLUTE: list[tuple[re.Pattern, str, Hint | None]] = [
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
    (re.compile(rf"{NO_NUMERAL_BEFORE}(?:{YEAR})?{MONTH}(?![\d{CN_NUM}])"), "month", _MONTH_HINT),
    # 上半年/下半年 after an optional year: 半 is one character after the year.
    (re.compile(rf"(?:{YEAR})?{HALF}"), "half_year", Hint(re.compile("半"), _YEAR_LEN + 1)),
    # 季 after an optional year and 第 + numeral, or Q right after an optional year.
    (re.compile(rf"(?:{YEAR})?{QUARTER}"), "quarter", Hint(re.compile("[季Qq]"), _YEAR_LEN + 2)),
    (re.compile(rf"{YEAR}年?{PART_OF_YEAR}"), "part_of_year", _YEAR_HINT),
    (
        re.compile(rf"(?<![\d{CN_NUM}多几数])年(?P<py>初|底|末)"),
        "part_of_year",
        Hint(re.compile("年"), 0),
    ),
    (re.compile(rf"{YEAR}(?![\d{CN_NUM}])"), "year", _YEAR_HINT),
    (
        re.compile(
            rf"\b{EN_MONTH}\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?:,?\s+{EN_YEAR})?"
        ),
        "day",
        _EN_MONTH_HINT,
    ),
    # A day of one or two digits, then white space: the day's last digit is the hint.
    (
        re.compile(rf"\b(?P<d>3[01]|[12]\d|0?[1-9])\s+{EN_MONTH}(?:,?\s+{EN_YEAR})?"),
        "day",
        Hint(re.compile(r"\d(?=\s)"), 1),
    ),
    (
        re.compile(rf"\b(?P<pm>early|mid|late)[- ]{EN_MONTH}(?:,?\s+{EN_YEAR})?", re.IGNORECASE),
        "part_of_month",
        None,
    ),
    (re.compile(rf"\b{EN_MONTH},?\s+{EN_YEAR}"), "month", _EN_MONTH_HINT),
    (
        re.compile(
            r"\b(?P<mon>January|February|March|April|June|July|August|September|October"
            r"|November|December)\b"
        ),
        "month",
        _EN_MONTH_HINT,
    ),
    (re.compile(rf"\b(?P<py>early|mid|late)[- ]{EN_YEAR}", re.IGNORECASE), "part_of_year", None),
    (re.compile(rf"\b(?P<h>first|second) half of {EN_YEAR}", re.IGNORECASE), "half_year", None),
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
        None,
    ),
]


def _finditer(pattern: re.Pattern, norm: str, hint: Hint | None) -> Iterator[re.Match]:
    """The matches of ``pattern.finditer(norm)``, found by trying the pattern only near its hint.

    Patterns that begin with an optional group or an assertion get no fast first-character
    scan from ``re``, so a plain ``finditer`` tries them at every position of the body.
    Every match starts at most ``hint.reach`` characters before a hint character, so trying
    ``pattern.match`` at those positions only, leftmost first and resuming after each match,
    finds exactly the matches ``finditer`` does (lookbehinds and ``\\b`` still see the text
    before the position tried). The patterns given a hint never match the empty string.
    """
    if hint is None:
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


def lexicon() -> dict:
    return load_lexicon("dates")


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
    if text in EN_NUMBERS:
        return EN_NUMBERS[text]
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
    token = token.lower().lstrip("第").replace("季度", "")
    words = {"first": 1, "second": 2, "third": 3, "fourth": 4}
    for word, number in words.items():
        if token.startswith(word):
            return number
    return _small_number(token.lstrip("q"))


def _month(groups: dict) -> int:
    if groups.get("mon"):
        return EN_MONTHS[groups["mon"].rstrip(".").lower()]
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
    found = [
        (m, p) for pattern, p, hint in ABSOLUTE for m in _finditer(pattern, norm, hint) if m.group()
    ]
    found.sort(key=lambda mp: (mp[0].start(), -(mp[0].end() - mp[0].start())))
    kept: list[tuple[re.Match, str]] = []
    for match, precision in found:
        if not kept or match.start() >= kept[-1][0].end():
            kept.append((match, precision))
    return kept


def find_absolute(norm: str, published: dt.date) -> list[DateSpan]:
    spans: list[DateSpan] = []
    context: tuple[int, str] | None = None  # (year, what named it)
    for match, precision in _absolute_matches(norm):
        groups = match.groupdict()
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
def _relative_patterns() -> list[tuple[re.Pattern, str, Hint | None]]:
    """(pattern, kind, hint); see ``_finditer`` for the hints."""
    lex = lexicon()
    now_not = "".join(lex["now_not_after"])

    def words(key: str) -> str:
        return "|".join(map(re.escape, lex[key]))

    prefixes = words("since_prefixes")
    now_first = "".join(sorted({w[0] for w in lex["now_words"]}))
    since_lead = max(2, *map(len, lex["since_prefixes"]))  # a since prefix or a two-character event
    return [
        (
            re.compile(rf"(?<![{now_not}])(?:{words('now_words')})"),
            "now",
            Hint(re.compile(f"[{re.escape(now_first)}]"), 0),
        ),
        (re.compile(r"\b(?:today|currently|at present)\b", re.IGNORECASE), "now", None),
        (re.compile(words("same_day_words")), "same_day", None),
        (
            re.compile(r"\b(?:that day|the same day|that same day)\b", re.IGNORECASE),
            "same_day",
            None,
        ),
        (re.compile(words("then_words")), "then", None),
        (re.compile(r"\b(?:at the time|at that time)\b", re.IGNORECASE), "then", None),
        # 前/后 follows the count, unit and an optional 之.
        (
            re.compile(rf"(?<![\d{CN_NUM}]){COUNT}个?(?P<u>月|年|天|周|星期)(?P<dir>之?前|之?后)"),
            "shift",
            Hint(re.compile("[前后]"), _COUNT_UNIT_LEN + 1),
        ),
        (
            re.compile(
                r"\b(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten"
                r"|eleven|twelve) (?P<u>months?|years?|weeks?|days?) (?P<dir>ago|later)\b",
                re.IGNORECASE,
            ),
            "shift",
            None,
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
                r"\b(?:in|over|during) the (?:past|last) (?P<n>\d{1,3}|two|three|four|five|six"
                r"|seven|eight|nine|ten|eleven|twelve) (?P<u>months|years|weeks|days)\b",
                re.IGNORECASE,
            ),
            "since",
            None,
        ),
    ]


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
    """Resolves relative expressions against the absolute dates and the publication date."""

    def __init__(self, norm: str, published: dt.date, absolute: list[DateSpan]):
        self.norm, self.published, self.absolute = norm, published, absolute
        self.resolved: list[DateSpan] = list(absolute)

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
        if event and event not in lexicon()["since_not_events"]:
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

    def resolve(self, kind: str, match: re.Match) -> DateSpan | None:
        if kind == "now":
            return self.now(match)
        if kind in ("same_day", "then"):
            return self.copy(match, day_only=kind == "same_day")
        if kind == "shift":
            return self.shift(match)
        return self.since(match)


def _relative_matches(norm: str, taken: list[DateSpan]) -> list[tuple[re.Match, str]]:
    found = [
        (m, kind)
        for pattern, kind, hint in _relative_patterns()
        for m in _finditer(pattern, norm, hint)
    ]
    found.sort(key=lambda mk: (mk[0].start(), -(mk[0].end() - mk[0].start())))
    kept: list[tuple[re.Match, str]] = []
    for match, kind in found:
        clash = any(match.start() < s.end and s.start < match.end() for s in taken)
        if not clash and (not kept or match.start() >= kept[-1][0].end()):
            kept.append((match, kind))
    return kept


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
