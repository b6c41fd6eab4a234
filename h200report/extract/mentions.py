"""All date and numeric mentions of one article body, as ``Mention`` records.

Dates are found first and win where a number overlaps them (the 29 of 1月29日,
the 两个月 of 解禁两个月以来); numbers are then found outside the dates.
Matching runs on ``Body.norm``; spans and text are taken from ``Body.text``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..vocab import Bound, DatePrecision, MentionKind
from .body import Body
from .dates import DateSpan, find_dates
from .numbers import NumberSpan, find_numbers


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


def _date_mention(body: Body, span: DateSpan) -> Mention:
    return Mention(
        source_id=body.source_id,
        start=span.start,
        end=span.end,
        text=body.text[span.start : span.end],
        kind="date",
        date_start=span.date_start,
        date_end=span.date_end,
        date_precision=span.precision,
        anchor=span.anchor,
    )


def _number_mention(body: Body, span: NumberSpan) -> Mention:
    return Mention(
        source_id=body.source_id,
        start=span.start,
        end=span.end,
        text=body.text[span.start : span.end],
        kind=span.kind,
        value=span.value,
        low=span.low,
        high=span.high,
        unit=span.unit,
        bound=span.bound,
    )


def extract_mentions(body: Body, published: dt.date) -> list[Mention]:
    """Every date and numeric expression in ``body``, sorted by start and non-overlapping."""
    dates = find_dates(body.norm, published)
    numbers = find_numbers(body.norm, [(d.start, d.end) for d in dates])
    mentions = [_date_mention(body, d) for d in dates]
    mentions += [_number_mention(body, n) for n in numbers]
    return sorted(mentions, key=lambda m: m.start)
