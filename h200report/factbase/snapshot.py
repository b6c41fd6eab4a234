"""What a render keeps of its fact base, and what changed between two renders.

Each run folder holds ``factbase.json`` (the sources, facts, events and comparison
verdicts as the render saw them) so that any two runs can be compared later, even
after older runs were pruned; ``diff`` gives the changes as ``changes.json`` holds
them: per kind, what was added, removed and changed, with before and after values.
"""

from __future__ import annotations

import math

from .tables import FactBase

# What a reader would call a change of each record; ids and quotes are identity, not change.
# title_en and site_zh: so that a change reads in each report's language.
SOURCE_FIELDS = (
    "title",
    "title_en",
    "site",
    "site_zh",
    "outlet",
    "outlet_zh",
    "cites",
    "cites_zh",
    "published_at",
    "sha256",
)
FACT_FIELDS = ("metric", "value", "low", "high", "unit", "bound", "value_text", "status")
FACT_FIELDS += ("attributed_to", "value_text_zh")
EVENT_FIELDS = ("date_start", "date_end", "date_precision", "status", "title_en", "title_zh")
KINDS = ("sources", "facts", "events", "verdicts")


def _plain(value):
    """JSON-safe scalars: NaN and pandas' NA become None, floats stay floats."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return value if isinstance(value, int | float | str | bool) else str(value)


def snapshot(fb: FactBase, tables: dict | None = None) -> dict:
    """The comparable content of a fact base, keyed by record id; ``tables`` are its
    tables (``fb.tables()``) when the caller has them already."""
    tables = tables if tables is not None else fb.tables()
    sources = {
        r["source_id"]: {f: _plain(r[f]) for f in SOURCE_FIELDS}
        for r in tables["sources"].to_dict("records")
    }
    facts = {}
    for r in tables["facts"].drop_duplicates("fact_id").to_dict("records"):
        facts[r["fact_id"]] = {
            "key": r["key"],
            "source_id": r["source_id"],
            **{f: _plain(r[f]) for f in FACT_FIELDS},
        }
    events = {}
    for event_id, group in tables["events"].groupby("event_id", sort=True):
        first = group.iloc[0]
        events[event_id] = {f: _plain(first[f]) for f in EVENT_FIELDS}
        events[event_id]["sources"] = sorted(set(group["source_id"]))
    verdicts = {}
    for r in tables["comparisons"].to_dict("records"):
        ident = " ".join(str(_plain(r[c]) or "-") for c in ("key", "source_a", "source_b"))
        verdicts[ident] = {
            "key": r["key"],
            "source_a": r["source_a"],
            "source_b": _plain(r["source_b"]),
            "verdict": r["verdict"],
        }
    # The names of fact keys as they stood, so that the changes read without the curated files.
    labels = fb.labels.model_dump(mode="json")
    return {
        "sources": sources,
        "facts": facts,
        "events": events,
        "verdicts": verdicts,
        "labels": labels,
    }


def _diff_records(before: dict, after: dict) -> dict:
    added = [{"id": k, **after[k]} for k in sorted(set(after) - set(before))]
    removed = [{"id": k, **before[k]} for k in sorted(set(before) - set(after))]
    changed = []
    for k in sorted(set(before) & set(after)):
        # A field one snapshot lacks (kept before the field existed) is no change.
        fields = [f for f in after[k] if f in before[k] and before[k][f] != after[k][f]]
        if fields:
            changed.append(
                {
                    "id": k,
                    "record": after[k],
                    "fields": {
                        f: {"before": before[k].get(f), "after": after[k][f]} for f in fields
                    },
                }
            )
    return {"added": added, "removed": removed, "changed": changed}


def diff(before: dict | None, after: dict) -> dict:
    """Changes from ``before`` (None: no earlier render) to ``after``, per kind."""
    if before is None:
        return {
            "compared": False,
            **{k: {"added": [], "removed": [], "changed": []} for k in KINDS},
        }
    return {"compared": True, **{k: _diff_records(before.get(k, {}), after[k]) for k in KINDS}}


def is_empty(changes: dict) -> bool:
    return not any(changes[k][what] for k in KINDS for what in ("added", "removed", "changed"))
