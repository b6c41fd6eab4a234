"""The patterns of relative expressions (目前, 彼时, 一个月前, 解禁两个月以来, last week, on
Tuesday, 几周后) and which of them are kept; ``anchors`` resolves them.
"""

from __future__ import annotations

import re
from functools import cache

from .absolute import CN_NUM, en_count, small_number
from .hints import At, Hint, Needs, Starts, before_space, finditer, led_by, word_positions
from .lexicon import alternation, han, latin
from .periods import DateSpan

COUNT = rf"(?P<n>\d{{1,3}}|[{CN_NUM}]{{1,3}}|半)"
_WEEK_UNITS = Needs(("day", "week", "month", "year"))
# Longest COUNT (three numerals) + 个 + longest unit (星期): the span before 前/后 or 以来.
_COUNT_UNIT_LEN = 3 + 1 + 2


@cache
def relative_patterns() -> list[tuple[re.Pattern, str, Hint | Needs | Starts | At | None]]:
    """(pattern, kind, hint); see ``finditer`` for the hints."""
    zh, en = han().dates, latin().dates
    now_not = "".join(zh.now_not_after)
    prefixes = alternation(zh.since_prefixes)
    now_first = "".join(sorted({w[0] for w in zh.now}))
    since_lead = max(2, *map(len, zh.since_prefixes))  # a since prefix or a two-character event

    def english(words: list[str], kind: str) -> tuple[re.Pattern, str, Starts]:
        pattern = re.compile(rf"\b(?:{alternation(words)})\b", re.IGNORECASE)
        lower = tuple(w.lower() for w in words)
        return pattern, kind, Starts(lower, needs=lower)

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
        (re.compile(alternation(zh.relative_days)), "relative_day", None),
        english(list(en.relative_days), "relative_day"),
        # 前/后 follows the count, unit and an optional 之.
        (
            re.compile(rf"(?<![\d{CN_NUM}]){COUNT}个?(?P<u>月|年|天|周|星期)(?P<dir>之?前|之?后)"),
            "shift",
            Hint(re.compile("[前后]"), _COUNT_UNIT_LEN + 1, re.compile(rf"[\d{CN_NUM}半]")),
        ),
        (
            re.compile(
                rf"\b(?P<n>{en_count()}) (?P<u>months?|years?|weeks?|days?) (?P<dir>ago|later)\b",
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
            # The unit and 来 (以来) are the hint: 来 alone stands in many words (未来, 来自).
            Hint(re.compile("(?:月|年|天|周|星期)以?来"), since_lead + 3 + 1),
        ),
        (re.compile(r"(?P<ev>[\u4e00-\u9fff]{2})以来"), "since", Hint(re.compile("以"), 2)),
        (
            re.compile(
                rf"\b(?:in|over|during) the (?:past|last) (?P<n>{en_count(2, articles=False)})"
                r" (?P<u>months|years|weeks|days)\b",
                re.IGNORECASE,
            ),
            "since",
            Starts(("in the ", "over the ", "during the "), needs=("past", "last")),
        ),
    ]


@cache
def calendar_patterns() -> list[tuple[re.Pattern, str, Hint | Needs | Starts | At | None]]:
    """Expressions named from the reference date (the dateline, else the publication date):
    yesterday, last week, 上周, this month, weekdays, in a few weeks, 几周后; and English
    counts tied to a date (the two months since the Dec. 8 decision, in two weeks)."""
    english = list(latin().dates.deictic)
    chinese = list(han().dates.deictic)
    weekdays = alternation(w.capitalize() for w in latin().dates.weekdays)
    zh = han().dates
    prefixes = alternation(zh.weekday_prefixes)
    prefix_ends = "".join(sorted({w[-1] for w in zh.weekday_prefixes}))
    prefix_starts = "".join(sorted({w[0] for w in zh.weekday_prefixes}))
    cn_weekdays = "".join(zh.weekdays)
    return [
        (
            re.compile(rf"\b(?:{alternation(english)})\b", re.IGNORECASE),
            "deictic",
            Starts(tuple(w.lower() for w in english), needs=tuple(w.lower() for w in english)),
        ),
        (
            re.compile(rf"(?:{alternation(chinese)})(?P<pm>上旬|中旬|下旬|初|底|末)?"),
            "deictic",
            Hint(re.compile(f"[{''.join(sorted({w[0] for w in chinese}))}]"), 0),
        ),
        (
            re.compile(rf"\b(?:(?P<wmod>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<wd>{weekdays})\b(?!s)"),
            "weekday",
            # The weekday, or last/next/this and white space before it.
            At(lambda norm, lower: led_by(lower, latin().dates.weekdays, len("last"), alone=True)),
        ),
        # 周二, 星期天, 上周五, 下个星期一; not 一周一次 (once a week) nor 每周一 (every Monday).
        (
            re.compile(
                rf"(?<![每\d{CN_NUM}])(?P<wmod>上|下|本|这)?个?(?:{prefixes})"
                rf"(?P<cwd>[{cn_weekdays}])(?![次遍回趟])"
            ),
            "weekday",
            Hint(re.compile(f"[{prefix_ends}]"), 3, re.compile(f"[上下本这个{prefix_starts}]")),
        ),
        (
            re.compile(
                r"\b(?:(?P<prep>in|within|over)\s+(?:the\s+)?(?P<q>a\s+few|several|next\s+few|coming"
                r"|a\s+couple\s+of|few)\s+|within\s+)(?P<u>days|weeks|months|years)\b",
                re.IGNORECASE,
            ),
            "few_ahead",
            Starts(("in", "within", "over"), needs=_WEEK_UNITS.words),
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
            Starts(("in", "over", "during"), needs=("past", "last")),
        ),
        # 几周后, 数月前, 几天内, 几个月来
        (
            re.compile(
                rf"(?<![\d{CN_NUM}])(?P<q>几|数)个?(?P<u>月|年|天|日|周|星期)"
                r"(?P<dir>之?后|之?前|以内|内|以来|来)"
            ),
            "few_shift",
            Hint(re.compile("[前后内来]"), 5, re.compile("[几数]")),
        ),
        (
            re.compile(
                rf"\b(?P<dir>in|within)\s+(?P<n>{en_count()})\s+(?P<u>days?|weeks?|months?|years?)\b",
                re.IGNORECASE,
            ),
            "ahead",
            Starts(("in", "within"), needs=_WEEK_UNITS.words),
        ),
        (
            re.compile(
                rf"\b(?P<n>{en_count()})\s+(?P<u>days|weeks|months|years)\s+since\b", re.IGNORECASE
            ),
            "since_date",
            At(_since_date_starts, needs=("since",)),
        ),
    ]


# The longest count of "N months since" (twelve, eleven).
_LONGEST_COUNT = 6


def _since_date_starts(norm: str, lower: str) -> list[int]:
    """Where "N months since" can start: a count of at most six characters, white space,
    a unit, white space, then since."""
    found: set[int] = set()
    for at in word_positions(lower, ("since",)):
        unit_end = before_space(lower, at)
        for unit in ("days", "weeks", "months", "years"):
            if lower.endswith(unit, 0, unit_end):
                end = before_space(lower, unit_end - len(unit))
                found.update(range(max(0, end - _LONGEST_COUNT), end))
    return sorted(found)


def count_of(groups: dict) -> float:
    token = groups["n"]
    return 0.5 if token == "半" else float(small_number(token))


def relative_matches(norm: str, taken: list[DateSpan]) -> list[tuple[re.Match, str]]:
    lower = norm.lower()
    # The calendar patterns first: where one matches exactly what an older one does (数年以来),
    # it is the one kept.
    found = [
        (m, kind)
        for pattern, kind, hint in calendar_patterns() + relative_patterns()
        for m in finditer(pattern, norm, hint, lower)
    ]
    found.sort(key=lambda mk: (mk[0].start(), -(mk[0].end() - mk[0].start())))
    kept: list[tuple[re.Match, str]] = []
    for match, kind in found:
        clash = any(match.start() < s.end and s.start < match.end() for s in taken)
        if not clash and (not kept or match.start() >= kept[-1][0].end()):
            kept.append((match, kind))
    return kept


@cache
def _deictic_entries() -> dict[str, tuple[str, int, str]]:
    deictic = latin().dates.deictic | han().dates.deictic
    return {w.lower(): tuple(v) for w, v in deictic.items()}


def deictic_entry(word: str) -> tuple[str, int, str]:
    return _deictic_entries()[" ".join(word.lower().split())]
