"""Reconciling sources: where two articles speak of the same thing, do they agree?

Facts sharing a ``key`` are compared pairwise across sources on what was measured
(metric and unit), the value, and the status; events are compared on the date
each quote gives. The verdict is computed from the data: agree, conflict,
differs_in_precision, or one_source_only. The rule, written down (ACLED-style):
a conflict on any aspect makes the pair a conflict; otherwise a containment of
one value or date in the other makes it differs_in_precision.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

from ..vocab import PRECISION_RANK, VERDICTS
from .curation import Event, Fact
from .formatting import describe_value
from .verify import DateSpan, Links

AGREE, CONFLICT, PRECISION, ONE = VERDICTS


@dataclass(frozen=True)
class Side:
    item: str
    source_id: str
    quote: str
    gloss_en: str
    value: str


def _interval(f: Fact) -> tuple[float, float]:
    if f.bound in ("exact", "approximate"):
        return f.value, f.value
    lo = f.low if f.low is not None else -math.inf
    hi = f.high if f.high is not None else math.inf
    return lo, hi


def _value_verdict(a: Fact, b: Fact) -> tuple[str, str]:
    if a.numeric != b.numeric:
        return CONFLICT, "one gives a number, the other a statement"
    if not a.numeric:
        same = a.value_text.strip().casefold() == b.value_text.strip().casefold()
        return (
            (AGREE, "same statement")
            if same
            else (CONFLICT, f"{a.value_text!r} vs {b.value_text!r}")
        )
    (alo, ahi), (blo, bhi) = _interval(a), _interval(b)
    va, vb = _show(a), _show(b)
    if (alo, ahi, a.bound) == (blo, bhi, b.bound):
        return AGREE, f"both {va}" if va == vb else f"same number: {va} vs {vb}"
    if (alo <= blo and bhi <= ahi) or (blo <= alo and ahi <= bhi):
        return PRECISION, f"{va} vs {vb}"
    return CONFLICT, f"{va} vs {vb}"


def _show(f: Fact) -> str:
    return describe_value(f.value, f.low, f.high, f.unit, f.bound) if f.numeric else f.value_text


# The aspects a comparison judges one by one: each a column of its own (``verdict_*``).
ASPECTS = ("metric", "value", "status", "date")


def compare_facts(a: Fact, b: Fact) -> tuple[str, list[tuple[str, str, str]]]:
    """The overall verdict, and (aspect, verdict, detail) for each aspect judged."""
    aspects: list[tuple[str, str, str]] = []
    if (a.metric, a.unit) != (b.metric, b.unit):
        aspects.append(
            (
                "metric",
                CONFLICT,
                f"{a.metric} ({a.unit or 'text'}) vs {b.metric} ({b.unit or 'text'})",
            )
        )
    verdict, detail = _value_verdict(a, b)
    aspects.append(("value", verdict, detail))
    if a.status != b.status:
        aspects.append(("status", CONFLICT, f"{a.status} vs {b.status}"))
    verdicts = {v for _, v, _ in aspects}
    overall = CONFLICT if CONFLICT in verdicts else PRECISION if PRECISION in verdicts else AGREE
    return overall, aspects


def _side_fact(f: Fact) -> Side:
    return Side(f.fact_id, f.source_id, f.quotes[0].quote, f.quotes[0].gloss_en, _show(f))


def _span_text(span: DateSpan | None) -> str:
    if span is None:
        return "no date"
    days = str(span.start) if span.start == span.end else f"{span.start}..{span.end}"
    return f"{days} ({span.precision})"


def _date_verdict(a: DateSpan, b: DateSpan) -> str:
    if a.same(b) and a.precision == b.precision:
        return AGREE
    if a.contains(b) or b.contains(a):
        return PRECISION
    return CONFLICT


def comparison_rows(
    facts: list[Fact],
    events: list[Event],
    links: Links,
    notes: dict[str, tuple[str, str | None]],
) -> list[dict]:
    """The comparison table's rows; ``notes`` gives per key the curators' note (English, Chinese)."""
    rows: list[dict] = []

    def add(key, kind, verdict, aspects, a: Side, b: Side | None, judged=None):
        """``aspects``: (aspect, verdict, detail) judged, or a sentence with ``judged``
        giving the verdict of each aspect it speaks of."""
        if isinstance(aspects, list):
            judged = {name: v for name, v, _ in aspects}
        judged = judged or {}
        text = (
            "; ".join(f"{name}: {v} ({d})" for name, v, d in aspects)
            if isinstance(aspects, list)
            else aspects
        )
        rows.append(
            {
                "key": key,
                "kind": kind,
                "verdict": verdict,
                "aspects": text,
                **{f"verdict_{name}": judged.get(name) for name in ASPECTS},
                "source_ids": ";".join(sorted({a.source_id} | ({b.source_id} if b else set()))),
                "item_a": a.item,
                "source_a": a.source_id,
                "value_a": a.value,
                "quote_a": a.quote,
                "gloss_a": a.gloss_en,
                "item_b": b.item if b else None,
                "source_b": b.source_id if b else None,
                "value_b": b.value if b else None,
                "quote_b": b.quote if b else None,
                "gloss_b": b.gloss_en if b else None,
                "note_en": notes[key][0] if key in notes else None,
                "note_zh": notes[key][1] if key in notes else None,
            }
        )

    by_key: dict[str, list[Fact]] = {}
    for f in facts:
        by_key.setdefault(f.key, []).append(f)
    for key, group in sorted(by_key.items()):
        pairs = [(a, b) for a, b in combinations(group, 2) if a.source_id != b.source_id]
        if not pairs:
            for f in group:
                add(key, "fact", ONE, f"only {f.source_id} states it", _side_fact(f), None)
        for a, b in pairs:
            verdict, aspects = compare_facts(a, b)
            add(key, "fact", verdict, aspects, _side_fact(a), _side_fact(b))

    for event in events:
        key = f"event:{event.event_id}"
        published = (
            links.event_dates.get(event.event_id) if event.date_basis == "publication" else None
        )

        def side(i, ev, span, event_id=event.event_id, published=published):
            if span is None and published is not None:
                value = f"no date; reported by {published.start} (publication)"
            else:
                value = _span_text(span)
            return Side(f"{event_id}#{i + 1}", ev.source_id, ev.quote, ev.gloss_en, value)

        # Each source's best statement of the date: its most precise dated quote. How one
        # source's quotes differ among themselves is in events.csv (quote_date_*).
        best: dict[str, tuple] = {}
        for i, ev in enumerate(event.evidence):
            span = links.evidence_date(event.event_id, ev)
            rank = (span is None, PRECISION_RANK[span.precision] if span else 0)
            if ev.source_id not in best or rank < best[ev.source_id][0]:
                best[ev.source_id] = (rank, i, ev, span)
        if len(best) == 1:
            _, i, ev, span = next(iter(best.values()))
            add(key, "event", ONE, f"only {ev.source_id} reports it", side(i, ev, span), None)
        for (_, i, ea, sa), (_, j, eb, sb) in combinations([best[src] for src in sorted(best)], 2):
            if sa is None and sb is None:
                verdict, aspect = AGREE, "both report it; neither gives a date"
            elif sa is None or sb is None:
                # An undated report fits any date: the other source is simply more precise.
                dated, undated = (ea, eb) if sa is not None else (eb, ea)
                verdict = PRECISION
                aspect = f"date: only {dated.source_id} dates it; {undated.source_id} gives no date"
            else:
                verdict = _date_verdict(sa, sb)
                aspect = f"date: {verdict} ({_span_text(sa)} vs {_span_text(sb)})"
            judged = {"date": verdict} if aspect.startswith("date:") else {}
            add(key, "event", verdict, aspect, side(i, ea, sa), side(j, eb, sb), judged)
    return rows
