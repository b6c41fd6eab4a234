"""Calendar arithmetic of date mentions: the span record, months, parts of a month or
year, weeks, and the sentence a date stands in.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass


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


SENTENCE_BREAKS = "。!?;\n"


def sentence(norm: str, pos: int) -> tuple[int, int]:
    start = max(norm.rfind(c, 0, pos) for c in SENTENCE_BREAKS) + 1
    ends = [i for i in (norm.find(c, pos) for c in SENTENCE_BREAKS) if i != -1]
    return start, min(ends, default=len(norm))


def describe(span: DateSpan, norm: str) -> str:
    dates = span.date_start.isoformat()
    if span.date_end != span.date_start:
        dates += f"..{span.date_end.isoformat()}"
    return f"{norm[span.start : span.end]} {dates}"


def calendar_unit(day: dt.date, unit: str, offset: int) -> tuple[dt.date, dt.date]:
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
UNIT_PRECISION = {"day": "day", "week": "relative", "month": "month", "year": "year"}


def unit_span(unit: str, low: float, high: float, start: dt.date, sign: int):
    """[start + low units, start + high units] (or the mirror before ``start`` when sign < 0)."""

    def moved(count: float) -> dt.date:
        months, days = months_in(unit, count)
        return add_months(start, sign * months) + dt.timedelta(days=sign * days)

    near, far = moved(low), moved(high)
    return (near, far) if sign > 0 else (far, near)


def months_in(unit: str, count: float) -> tuple[int, int]:
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
