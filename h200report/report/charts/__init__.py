"""Plotly figures of the report by subject, drawn from the frames the report model
computes (``claims``, ``scenario``, ``timeline``, ``sourcing``): plotting is separate
from computing."""

from .base import (
    CATEGORY_COLOURS,
    DAY_MS,
    STATUS_COLOURS,
    TITLE_LINE,
    TITLE_PAD,
    TITLE_UNITS,
    VERDICT_OPACITY,
    VERDICT_SYMBOLS,
    empty,
    escape,
    title_margin,
)
from .orders import bounds, zero_statements
from .quotas import allowed_chips, fee_split
from .sources import coverage
from .timeline import timeline

__all__ = [
    "CATEGORY_COLOURS",
    "DAY_MS",
    "STATUS_COLOURS",
    "TITLE_LINE",
    "TITLE_PAD",
    "TITLE_UNITS",
    "VERDICT_OPACITY",
    "VERDICT_SYMBOLS",
    "allowed_chips",
    "bounds",
    "coverage",
    "empty",
    "escape",
    "fee_split",
    "timeline",
    "title_margin",
    "zero_statements",
]
