"""Vocabularies and record types shared by the extraction and the curated fact base."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

# How a number relates to the truth it describes. Bounds follow the convention of
# careful casualty tables: "at most 75,000" is stored as high=75000 with the
# point value left empty; an exact or approximate figure has value only.
Bound = Literal[
    "exact", "approximate", "at_most", "less_than", "at_least", "more_than", "vague_range"
]
BOUNDS: tuple[str, ...] = Bound.__args__

DatePrecision = Literal[
    "day", "part_of_month", "month", "quarter", "half_year", "part_of_year", "year", "relative"
]
DATE_PRECISIONS: tuple[str, ...] = DatePrecision.__args__
# Finest first: used to decide which of two descriptions of a date is more precise.
PRECISION_RANK = {p: i for i, p in enumerate(DATE_PRECISIONS)}

MentionKind = Literal["date", "quantity", "money", "percent"]
MENTION_KINDS: tuple[str, ...] = MentionKind.__args__


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
