"""All date and numeric mentions of one article body, as ``Mention`` records.

Dates are found first and win where a number overlaps them (the 29 of 1月29日,
the 两个月 of 解禁两个月以来); numbers are then found outside the dates.
Matching runs on ``Body.norm`` with its invisible characters (a zero-width space inside
a figure) taken out; spans and text are taken from ``Body.text``, verbatim.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..vocab import Bound, DatePrecision, MentionKind
from .body import Body
from .dates import DateSpan, find_dates
from .numbers import NumberSpan, find_numbers
from .textnorm import without_invisible


@dataclass(frozen=True)
class Mention:
    """A date or numeric expression found by code in one article body.

    start/end index ``Body.text``; ``text`` is ``Body.text[start:end]`` verbatim.
    Numbers: value for exact/approximate; low and/or high for bounds and ranges.
    Dates: date_start <= date_end (inclusive), with a precision; ``anchor``
    says what a relative expression was resolved against.
    """

    source_id: str
    start: int
    end: int
    text: str
    kind: MentionKind
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    bound: Bound | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: DatePrecision | None = None
    anchor: str | None = None

    @property
    def mention_id(self) -> str:
        return f"{self.source_id}:{self.start}-{self.end}"


def _date_mention(body: Body, span: DateSpan, start: int, end: int) -> Mention:
    return Mention(
        source_id=body.source_id,
        start=start,
        end=end,
        text=body.text[start:end],
        kind="date",
        date_start=span.date_start,
        date_end=span.date_end,
        date_precision=span.precision,
        anchor=span.anchor,
    )


def _number_mention(body: Body, span: NumberSpan, start: int, end: int) -> Mention:
    return Mention(
        source_id=body.source_id,
        start=start,
        end=end,
        text=body.text[start:end],
        kind=span.kind,
        value=span.value,
        low=span.low,
        high=span.high,
        unit=span.unit,
        bound=span.bound,
    )


def extract_mentions(body: Body, published: dt.date) -> list[Mention]:
    """Every date and numeric expression in ``body``, sorted by start and non-overlapping."""
    norm, offsets = without_invisible(body.norm)
    dates = find_dates(norm, published)
    numbers = find_numbers(norm, [(d.start, d.end) for d in dates])

    def span(found: DateSpan | NumberSpan) -> tuple[int, int]:
        if offsets is None:
            return found.start, found.end
        return offsets[found.start], offsets[found.end - 1] + 1

    mentions = [_date_mention(body, d, *span(d)) for d in dates]
    mentions += [_number_mention(body, n, *span(n)) for n in numbers]
    return sorted(mentions, key=lambda m: m.start)
