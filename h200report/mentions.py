"""All date and numeric mentions of one article body, as ``Mention`` records.

Dates are found first and win where a number overlaps them (the 29 of 1月29日,
the 两个月 of 解禁两个月以来); numbers are then found outside the dates.
Matching runs on ``Body.norm``; spans and text are taken from ``Body.text``.
"""

from __future__ import annotations

import datetime as dt

from .body import Body
from .dates import DateSpan, find_dates
from .model import Mention
from .numbers import NumberSpan, find_numbers


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
