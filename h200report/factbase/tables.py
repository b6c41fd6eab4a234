"""The fact base in memory and its published tables.

``FactBase.tables(as_of)`` gives the tables of ``data/processed/``, validated against
their schemas, optionally as they stood when only the sources published by ``as_of``
existed. ``build`` (in ``build.py``) makes a FactBase from the folders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ..extract.body import Body
from ..extract.mentions import Mention
from ..extract.sources import Seed
from .curation import Event, Fact, Unused
from .labels import Labels
from .notes import Note
from .reconcile import comparison_rows
from .schemas import SCHEMAS, validate
from .verify import DateSpan, Links

CONTEXT_CHARS = 12


@dataclass
class FactBase:
    seeds: list[Seed]
    bodies: dict[str, Body]
    mentions: dict[str, list[Mention]]
    facts: list[Fact]
    events: list[Event]
    unused: list[Unused]
    links: Links
    labels: Labels
    # What is not wrong but not finished (``notes.Note``): the CLI prints each as a line.
    notes: list[Note] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [str(n) for n in self.notes]

    # Tables made before, by as_of: a fact base does not change once built, and a render
    # asks for the same cut several times (and a cached fact base keeps them).
    _tables: dict = field(default_factory=dict, repr=False, compare=False)

    def sources_by(self, as_of: dt.date | None) -> list[Seed]:
        return [s for s in self.seeds if as_of is None or s.meta.published_date <= as_of]

    def tables(self, as_of: dt.date | None = None) -> dict[str, pd.DataFrame]:
        """Validated tables; with ``as_of``, only what the sources published by then say.
        Each call gets its own copies: a caller may change them."""
        if as_of not in self._tables:
            self._tables[as_of] = self._make_tables(as_of)
        return {name: df.copy() for name, df in self._tables[as_of].items()}

    def _make_tables(self, as_of: dt.date | None) -> dict[str, pd.DataFrame]:
        seeds = self.sources_by(as_of)
        keep = {s.source_id for s in seeds}
        facts = [f for f in self.facts if f.source_id in keep]
        events = [e for e in self.events if any(ev.source_id in keep for ev in e.evidence)]
        events = [
            e.model_copy(update={"evidence": [ev for ev in e.evidence if ev.source_id in keep]})
            for e in events
        ]
        return {
            "sources": validate("sources", self._sources_table(seeds)),
            "mentions": validate("mentions", self._mentions_table(seeds)),
            "facts": validate("facts", self._facts_table(facts)),
            "events": validate("events", self._events_table(events)),
            "comparisons": validate(
                "comparisons",
                _frame(
                    comparison_rows(facts, events, self.links, _key_notes(facts)), "comparisons"
                ),
            ),
        }

    def mention_status(self, m: Mention) -> tuple[str, str | None, Unused | None]:
        """used (with the ids using it), not_used (with the unused entry) or uncurated."""
        users = self.links.used_by.get(m.mention_id)
        if users:
            return "used", ";".join(users), None
        entry = self.links.unused.get(m.mention_id)
        return ("not_used", None, entry) if entry else ("uncurated", None, None)

    def _sources_table(self, seeds: list[Seed]) -> pd.DataFrame:
        rows = []
        for s in seeds:
            statuses = [self.mention_status(m)[0] for m in self.mentions[s.source_id]]
            meta = s.meta
            rows.append(
                {
                    "source_id": s.source_id,
                    "title": meta.title,
                    "title_en": meta.title_en,
                    "site": meta.site,
                    "site_zh": meta.site_zh,
                    "outlet": meta.outlet,
                    "outlet_zh": meta.outlet_zh,
                    "cites": meta.cites,
                    "cites_zh": meta.cites_zh,
                    "author_line": meta.author_line or None,
                    "published_at": meta.published_at.isoformat(),
                    "published_precision": meta.published_precision,
                    "date_kind": meta.date_kind,
                    "language": meta.language,
                    "sha256": s.sha256,
                    "bytes": s.size,
                    "body_chars": len(self.bodies[s.source_id].text),
                    "furniture_lines": len(self.bodies[s.source_id].furniture),
                    "mentions": len(statuses),
                    "mentions_used": statuses.count("used"),
                    "mentions_not_used": statuses.count("not_used"),
                    "mentions_uncurated": statuses.count("uncurated"),
                    "note": meta.note or None,
                    "note_zh": meta.note_zh or None,
                }
            )
        return _frame(rows, "sources")

    def _mentions_table(self, seeds: list[Seed]) -> pd.DataFrame:
        rows = []
        for s in seeds:
            text = self.bodies[s.source_id].text
            for m in self.mentions[s.source_id]:
                status, used_by, unused = self.mention_status(m)
                context = text[max(0, m.start - CONTEXT_CHARS) : m.end + CONTEXT_CHARS].replace(
                    "\n", " "
                )
                rows.append(
                    {
                        "source_id": s.source_id,
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                        "context": context,
                        "kind": m.kind,
                        "value": m.value,
                        "low": m.low,
                        "high": m.high,
                        "unit": m.unit,
                        "bound": m.bound,
                        "date_start": _iso(m.date_start),
                        "date_end": _iso(m.date_end),
                        "date_precision": m.date_precision,
                        "anchor": m.anchor,
                        "status": status,
                        "used_by": used_by,
                        "reason": unused.reason if unused else None,
                        "reason_zh": unused.reason_zh if unused else None,
                    }
                )
        return _frame(rows, "mentions")

    def _facts_table(self, facts: list[Fact]) -> pd.DataFrame:
        rows = []
        for f in facts:
            period = self.links.fact_periods.get(f.fact_id)
            for q in f.quotes:
                rows.append(
                    {
                        "fact_id": f.fact_id,
                        "key": f.key,
                        "topic": f.topic,
                        "subject": f.subject,
                        "metric": f.metric,
                        "value": f.value,
                        "low": f.low,
                        "high": f.high,
                        "unit": f.unit,
                        "bound": f.bound,
                        "value_text": f.value_text,
                        "value_text_zh": f.value_text_zh,
                        "derivation": f"{f.derived.formula} with {f.derived.inputs}: {f.derived.explain_en}"
                        if f.derived
                        else None,
                        "status": f.status,
                        "attributed_to": f.attributed_to,
                        "attributed_to_zh": f.attributed_to_zh,
                        **_span_cols(period, "date"),
                        "source_id": f.source_id,
                        "quote": q.quote,
                        "gloss_en": q.gloss_en,
                        "gloss_zh": q.gloss_zh,
                        "note": f.note or None,
                        "note_zh": f.note_zh or None,
                    }
                )
        return _frame(rows, "facts")

    def _events_table(self, events: list[Event]) -> pd.DataFrame:
        rows = []
        for e in sorted(
            events, key=lambda e: (self.links.event_dates[e.event_id].start, e.event_id)
        ):
            for ev in e.evidence:
                quote_span = self.links.evidence_date(e.event_id, ev)
                rows.append(
                    {
                        "event_id": e.event_id,
                        **_span_cols(self.links.event_dates[e.event_id], "date"),
                        "date_basis": e.date_basis,
                        "category": e.category,
                        "actor": e.actor,
                        "actor_zh": e.actor_zh,
                        "title_en": e.title_en,
                        "title_zh": e.title_zh,
                        "status": e.status,
                        "source_id": ev.source_id,
                        "quote": ev.quote,
                        "gloss_en": ev.gloss_en,
                        "gloss_zh": ev.gloss_zh,
                        **_span_cols(quote_span, "quote_date"),
                    }
                )
        return _frame(rows, "events")


def _key_notes(facts: list[Fact]) -> dict[str, tuple[str, str | None]]:
    """Per fact key, its facts' notes joined: in English, and in Chinese only where every
    note has its companion (a Chinese note that leaves one out would hide it from a zh
    reader, who is better shown the English whole)."""
    by_key: dict[str, list[Fact]] = {}
    for f in facts:
        if f.note:
            by_key.setdefault(f.key, []).append(f)
    return {
        key: (
            " ".join(f.note for f in noted),
            # Chinese sentences end in 。 and follow each other without a space.
            "".join(f.note_zh for f in noted) if all(f.note_zh for f in noted) else None,
        )
        for key, noted in by_key.items()
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _span_cols(span: DateSpan | None, prefix: str) -> dict:
    return {
        f"{prefix}_start": _iso(span.start) if span else None,
        f"{prefix}_end": _iso(span.end) if span else None,
        f"{prefix}_precision": span.precision if span else None,
    }


def _frame(rows: list[dict], name: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(SCHEMAS[name].columns))
