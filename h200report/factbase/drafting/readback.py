"""Suggestions read back for the sources report: the verdict each draft would give.

The verdict is computed by ``reconcile.comparison_rows`` on the curated records with the
draft added: the project's own rules, not a second copy of them. A suggestion whose
mention is gone is dropped with a warning; one whose mention has been curated since is
done and dropped quietly.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ...vocab import VERDICT_SEVERITY
from ..curation import Event
from ..notes import Note
from ..reconcile import comparison_rows
from ..tables import FactBase
from ..verify import hull, mentions_in, quote_spans
from .files import EVENT_PREFIX, EventDraft, EvidenceDraft, FactDraft, Suggestion, load


def _combine(verdicts: list[str]) -> str:
    return next(v for v in VERDICT_SEVERITY if v in verdicts)


def would_be_verdict(fb: FactBase, s: Suggestion, keep: set[str]) -> str | None:
    """The verdict the curated comparison would give with the draft accepted."""
    draft = s.draft
    if isinstance(draft, FactDraft):
        new = draft.fact
        others = [
            f
            for f in fb.facts
            if f.key == new.key and f.source_id in keep and f.source_id != new.source_id
        ]
        rows = comparison_rows([*others, new], [], fb.links, {})
        mine = [r["verdict"] for r in rows if new.fact_id in (r["item_a"], r["item_b"])]
        return _combine(mine)
    if isinstance(draft, EventDraft):
        return "one_source_only"
    if isinstance(draft, EvidenceDraft):
        event_id = s.target.removeprefix(EVENT_PREFIX)
        event = next(e for e in fb.events if e.event_id == event_id)
        ev = draft.evidence
        kept = [x for x in event.evidence if x.source_id in keep and x.source_id != ev.source_id]
        trial: Event = event.model_copy(update={"evidence": [*kept, ev]})
        body = fb.bodies[ev.source_id]
        found = mentions_in(fb.mentions[ev.source_id], quote_spans(body, ev.quote))
        dates = hull([m for m in found if m.kind == "date"])
        links = dataclasses.replace(
            fb.links,
            evidence_dates={**fb.links.evidence_dates, (event_id, ev.source_id, ev.quote): dates},
        )
        rows = comparison_rows([], [trial], links, {})
        mine = [r["verdict"] for r in rows if ev.source_id in (r["source_a"], r["source_b"])]
        return _combine(mine)
    return None


def review(fb: FactBase, data_dir: Path, keep: set[str]) -> tuple[list[dict], list[Note]]:
    """Rows of every standing suggestion of the kept sources, and notes for stale ones."""
    rows, warnings = [], []
    for path, doc in load(data_dir):
        if doc.source_id not in fb.bodies:
            warnings.append(
                Note(
                    "stale_suggestion",
                    path,
                    ("suggestions", doc.source_id),
                    fields=("no_seed",),
                    sources=(doc.source_id,),
                )
            )
            continue
        if doc.source_id not in keep:
            continue
        by_start = {m.start: m for m in fb.mentions[doc.source_id]}
        body = fb.bodies[doc.source_id]
        for s in doc.suggestions:
            m = by_start.get(s.start)
            stale = m is None or m.text != s.mention
            if not stale and s.quote is not None:
                stale = not quote_spans(body, s.quote)
            if stale or s.draft_source != doc.source_id:
                warnings.append(
                    Note(
                        "stale_suggestion",
                        path,
                        ("suggestion", s.mention),
                        fields=("no_match",),
                        sources=(doc.source_id,),
                        at=str(s.start),
                    )
                )
                continue
            if fb.mention_status(m)[0] != "uncurated":
                continue  # curated since: the suggestion has done its work
            rows.append(
                {
                    "source_id": doc.source_id,
                    "mention": s.mention,
                    "start": s.start,
                    "target": s.target,
                    "confidence": s.confidence,
                    "verdict": would_be_verdict(fb, s, keep),
                    "quote": s.quote,
                    "draft": s.draft,
                }
            )
    return rows, warnings
