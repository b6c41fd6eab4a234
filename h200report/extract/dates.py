"""Date and time expressions in an article body, resolved to inclusive intervals.

Two passes over ``Body.norm``: first the expressions that name a calendar
period (2025年12月8日, 2026年初, Feb. 24, 14日), whose missing year (or month)
comes from the nearest explicit one before them or the publication date; then
the relative ones (目前, 彼时, 一个月前, 解禁两个月以来, last week, on Tuesday,
几周后), resolved against the dates found in the first pass, the article's
dateline or the publication date (``absolute``, ``relative``, ``anchors``). Each
relative mention records in ``anchor`` what it was resolved against.

Month and weekday names, relative words, future markers and what "a few" spans come
from the language files (``lexicon/<language>.yaml``, see ``lexicon``).
"""

from __future__ import annotations

import datetime as dt

from .absolute import find_absolute
from .anchors import Resolver
from .periods import DateSpan
from .relative import relative_matches

__all__ = ["DateSpan", "find_dates"]


def find_dates(norm: str, published: dt.date) -> list[DateSpan]:
    """Every date expression in ``norm``, sorted by start, non-overlapping."""
    absolute = find_absolute(norm, published)
    resolver = Resolver(norm, published, absolute)
    for match, kind in relative_matches(norm, absolute):
        try:
            span = resolver.resolve(kind, match)
        except (ValueError, KeyError, OverflowError):
            continue  # a count no numeral reading accepts, or a shift off the calendar
        if span is not None:
            resolver.resolved.append(span)
    return sorted(resolver.resolved, key=lambda s: s.start)
