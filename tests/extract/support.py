"""Helpers of the extraction rule tests: mentions of a made-up body, and the fixture passages.

The passages in ``fixtures/`` are the project's own, written in the style of a wire story
with a dateline, an English news site, a Taiwanese CNA report and a Hong Kong paper.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from h200report.extract.body import Body
from h200report.extract.mentions import Mention, extract_mentions
from h200report.extract.textnorm import normalise

FIXTURES = Path(__file__).parent / "fixtures"
PUBLISHED = dt.date(2026, 1, 15)  # a Thursday


def mentions(text: str, published: dt.date = PUBLISHED) -> list[Mention]:
    body = Body("t", text, normalise(text), ((0, len(text)),))
    return extract_mentions(body, published)


def numbers(text: str, published: dt.date = PUBLISHED) -> list[Mention]:
    return [m for m in mentions(text, published) if m.kind != "date"]


def dates(text: str, published: dt.date = PUBLISHED) -> list[Mention]:
    return [m for m in mentions(text, published) if m.kind == "date"]


def only_number(text: str, published: dt.date = PUBLISHED) -> Mention:
    found = numbers(text, published)
    assert len(found) == 1, found
    return found[0]


def only_date(text: str, published: dt.date = PUBLISHED) -> Mention:
    found = dates(text, published)
    assert len(found) == 1, found
    return found[0]


def figure(m: Mention) -> tuple:
    """(text, value, low, high, unit, bound, kind) of a numeric mention."""
    return (m.text, m.value, m.low, m.high, m.unit, m.bound, m.kind)


def period(m: Mention) -> tuple:
    """(text, first day, last day, precision) of a date mention."""
    return (m.text, m.date_start, m.date_end, m.date_precision)


def fixture(name: str, published: dt.date) -> dict[str, list[Mention]]:
    """The mentions of a fixture passage, by verbatim text."""
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    found: dict[str, list[Mention]] = {}
    for m in mentions(text, published):
        found.setdefault(m.text, []).append(m)
    return found
