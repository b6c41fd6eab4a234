"""Linking the curated fact base to the articles, and checking it.

Every quote must be found in its source's body (not in the page furniture); every
curated number must equal what the code parses inside the quote, and every
curated date must agree with the dates parsed inside the quotes. What each fact
or event uses is recorded per mention, so coverage is computed, not claimed.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, brief
from ..extract.body import Body
from ..extract.mentions import Mention
from ..extract.sources import Seed
from ..vocab import PRECISION_RANK, UNIT_KINDS
from .curation import EVENTS_FILE, FACTS_FILE, UNUSED_FILE, Event, Fact, Unused
from .formula import FormulaError, evaluate


@dataclass(frozen=True)
class DateSpan:
    start: dt.date
    end: dt.date
    precision: str

    def contains(self, other: DateSpan) -> bool:
        return self.start <= other.start and other.end <= self.end

    def same(self, other: DateSpan) -> bool:
        return self.start == other.start and self.end == other.end


@dataclass
class Links:
    """What the curated records use: mention_id -> ids of facts/events using it."""

    used_by: dict[str, list[str]] = field(default_factory=dict)
    fact_periods: dict[str, DateSpan | None] = field(default_factory=dict)
    # (event_id, source_id, quote) -> the dates the code parses in that quote: keyed by the
    # quote, not its position, so a subset of the evidence (as_of) finds its dates as they are.
    evidence_dates: dict[tuple[str, str, str], DateSpan | None] = field(default_factory=dict)
    event_dates: dict[str, DateSpan] = field(default_factory=dict)
    # mention_id -> the unused.yaml entry that covers it (its reason, in both languages).
    unused: dict[str, Unused] = field(default_factory=dict)

    def evidence_date(self, event_id: str, evidence) -> DateSpan | None:
        return self.evidence_dates.get((event_id, evidence.source_id, evidence.quote))

    def use(self, mention: Mention, user: str) -> None:
        users = self.used_by.setdefault(mention.mention_id, [])
        if user not in users:
            users.append(user)


def quote_spans(body: Body, quote: str) -> list[tuple[int, int]]:
    spans, pos = [], body.text.find(quote)
    while pos >= 0:
        spans.append((pos, pos + len(quote)))
        pos = body.text.find(quote, pos + 1)
    return spans


def locate(
    quote: str,
    source_id: str,
    bodies: dict[str, Body],
    seeds: dict[str, Seed],
    where: Path,
    owner: str,
    gloss: str | None,
):
    """Spans of a quote in its source body, or a one-line error saying why not."""
    if source_id not in bodies:
        raise InputError(where, f"{owner}: unknown source_id {source_id}")
    if gloss is None and seeds[source_id].meta.language != "en":
        raise InputError(
            where,
            f"{owner}: quote {brief(quote)} has no gloss_en; a quote that is not in English needs its English gloss",
        )
    spans = quote_spans(bodies[source_id], quote)
    if spans:
        return spans
    if quote in seeds[source_id].text:
        raise InputError(
            where,
            f"{owner}: quote {brief(quote)} is in the page furniture of {source_id}, not in the article body",
        )
    raise InputError(
        where, f"{owner}: quote {brief(quote)} is not found in the body of {source_id}"
    )


def mentions_in(mentions: list[Mention], spans: list[tuple[int, int]]) -> list[Mention]:
    return [m for m in mentions if any(a <= m.start and m.end <= b for a, b in spans)]


def unit_fits(parsed: str | None, curated: str | None) -> bool:
    """The code's unit agrees with the curated one; a number with no unit in the text agrees with none."""
    return parsed == curated or curated in UNIT_KINDS.get(parsed, ())


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _fmt(m: Mention) -> str:
    parts = [
        f"{name}={getattr(m, name):g}"
        for name in ("value", "low", "high")
        if getattr(m, name) is not None
    ]
    return f"{brief(m.text)} ({', '.join(parts)} {m.unit or 'no unit'}, {m.bound})"


def _point(m: Mention) -> float | None:
    return next((v for v in (m.value, m.high, m.low) if v is not None), None)


def hull(dates: list[Mention]) -> DateSpan | None:
    if not dates:
        return None
    coarsest = max(dates, key=lambda m: PRECISION_RANK[m.date_precision]).date_precision
    return DateSpan(min(m.date_start for m in dates), max(m.date_end for m in dates), coarsest)


def check_fact(fact: Fact, found: list[Mention], where: Path, links: Links) -> None:
    numbers = [m for m in found if m.kind != "date"]
    dates = [m for m in found if m.kind == "date"]
    owner = f"fact {fact.fact_id}"
    if fact.numeric:
        if fact.derived:
            names, used = {}, []
            for name, text in fact.derived.inputs.items():
                match = next((m for m in numbers if m.text == text), None)
                if match is None:
                    raise InputError(
                        where,
                        f"{owner}: derivation input {name} = {brief(text)} is not a number the code finds in the quotes",
                    )
                names[name], used = _point(match), used + [match]
            try:
                result = evaluate(fact.derived.formula, names)
            except FormulaError as exc:
                raise InputError(where, f"{owner}: {exc}") from None
            curated = next(v for v in (fact.value, fact.low, fact.high) if v is not None)
            if not _close(result, curated):
                raise InputError(
                    where,
                    f"{owner}: value {curated:g} disagrees with its derivation {fact.derived.formula} = {result:g}",
                )
        else:
            used = [
                m
                for m in numbers
                if m.bound == fact.bound
                and unit_fits(m.unit, fact.unit)
                and _close(m.value, fact.value)
                and _close(m.low, fact.low)
                and _close(m.high, fact.high)
            ]
            if not used:
                parsed = "; ".join(_fmt(m) for m in numbers) or "no number"
                wanted = ", ".join(
                    f"{n}={v:g}"
                    for n, v in (("value", fact.value), ("low", fact.low), ("high", fact.high))
                    if v is not None
                )
                raise InputError(
                    where,
                    f"{owner}: value ({wanted} {fact.unit}, {fact.bound}) disagrees with its quote, where the code parses {parsed}",
                )
        for m in used:
            links.use(m, fact.fact_id)
    span = hull(dates)
    if fact.period is not None:
        declared = DateSpan(fact.period.start, fact.period.end, fact.period.precision)
        if span is not None and not span.contains(declared):
            raise InputError(
                where,
                f"{owner}: period {declared.start}..{declared.end} is outside the dates of its quotes {span.start}..{span.end}",
            )
        span = declared
    for m in dates:
        links.use(m, fact.fact_id)
    links.fact_periods[fact.fact_id] = span


def check_event(
    event: Event,
    per_evidence: list[list[Mention]],
    where: Path,
    links: Links,
    published: dict[str, dt.date],
) -> None:
    owner = f"event {event.event_id}"
    spans = []
    for ev, found in zip(event.evidence, per_evidence, strict=True):
        dates = [m for m in found if m.kind == "date"]
        span = hull(dates)
        links.evidence_dates[(event.event_id, ev.source_id, ev.quote)] = span
        spans.append(span)
        for m in dates:
            links.use(m, event.event_id)
    if event.date_basis == "publication":
        if event.source_for_date not in published:
            raise InputError(where, f"{owner}: unknown source_for_date {event.source_for_date}")
        day = published[event.source_for_date]
        links.event_dates[event.event_id] = DateSpan(day, day, "relative")
        return
    curated = DateSpan(event.date_start, event.date_end, event.date_precision)
    dated = [s for s in spans if s is not None]
    if not dated:
        raise InputError(
            where,
            f"{owner}: none of its quotes contains a date; use date_basis: publication or quote the date",
        )
    for span, ev in zip(spans, event.evidence, strict=True):
        if span is not None and not span.contains(curated):
            raise InputError(
                where,
                f"{owner}: date {curated.start}..{curated.end} disagrees with quote {brief(ev.quote)}, dated {span.start}..{span.end} by the code",
            )
    # A relative expression resolved to exactly the curated dates ("这一天") states them too.
    if not any(s.same(curated) and s.precision in (curated.precision, "relative") for s in dated):
        best = min(dated, key=lambda s: (PRECISION_RANK[s.precision], s.end - s.start))
        raise InputError(
            where,
            f"{owner}: no quote states {curated.start}..{curated.end} ({curated.precision}); the most precise is {best.start}..{best.end} ({best.precision})",
        )
    links.event_dates[event.event_id] = curated


def link(
    seeds: list[Seed],
    bodies: dict[str, Body],
    mentions: dict[str, list[Mention]],
    facts: list[Fact],
    events: list[Event],
    unused: list[Unused],
    curated_dir: Path,
) -> Links:
    """Check every curated record against the articles; return what uses what."""
    by_id = {s.source_id: s for s in seeds}
    published = {s.source_id: s.meta.published_date for s in seeds}
    links = Links()
    facts_file, events_file = Path(curated_dir) / FACTS_FILE, Path(curated_dir) / EVENTS_FILE
    for fact in facts:
        found: list[Mention] = []
        for q in fact.quotes:
            spans = locate(
                q.quote,
                fact.source_id,
                bodies,
                by_id,
                facts_file,
                f"fact {fact.fact_id}",
                q.gloss_en,
            )
            found += [m for m in mentions_in(mentions[fact.source_id], spans) if m not in found]
        check_fact(fact, found, facts_file, links)
    for event in events:
        per_evidence = []
        for ev in event.evidence:
            spans = locate(
                ev.quote,
                ev.source_id,
                bodies,
                by_id,
                events_file,
                f"event {event.event_id}",
                ev.gloss_en,
            )
            per_evidence.append(mentions_in(mentions[ev.source_id], spans))
        check_event(event, per_evidence, events_file, links, published)
    unused_file = Path(curated_dir) / UNUSED_FILE
    for entry in unused:
        if entry.source_id not in mentions:
            raise InputError(
                unused_file,
                f"unused entry {brief(entry.text)}: unknown source_id {entry.source_id}",
            )
        hits = [
            m
            for m in mentions[entry.source_id]
            if m.text == entry.text and m.mention_id not in links.used_by
        ]
        if not hits:
            raise InputError(
                unused_file,
                f"unused entry {brief(entry.text)} in {entry.source_id} matches no unused mention (stale entry?)",
            )
        for m in hits:
            links.unused.setdefault(m.mention_id, entry)
    return links
