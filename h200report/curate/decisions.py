"""Decisions: what a person made of a draft, as the edit it writes, logged for undo and stats.

Every decision is one JSON line in ``data/curated/decisions.jsonl``, beside the curated
files but not one of them (the build never reads it): when, which suggestion (source,
mention, the rule that drafted it, its confidence), accept or reject and why, which
fields the person changed, and the operations written. Apart from the suggestion itself,
as Prodigy and Argilla keep answers apart from suggestions: the accept rate of each rule
is then a count (``h200 review --stats``), and undo works across sessions (the last
decision not yet undone is reversed by the inverse of its operations).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .. import paths
from ..factbase.curation import Fact
from ..factbase.suggest import EventDraft, EvidenceDraft, FactDraft, Suggestion, UnusedDraft
from ..factbase.tables import FactBase
from .apply import Op

LOG_FILE = "decisions.jsonl"

# One key per reason a draft is rejected, with the unused.yaml reason it writes (and its
# Chinese: fixed words of the package, not a curator's prose).
REJECT_REASONS = {
    "b": (
        "background",
        "background figure, not a claim about the H200 export policy",
        "背景数字,并非关于H200出口政策的说法",
    ),
    "p": ("off-topic", "not about the H200 export policy", "与H200出口政策无关"),
    "d": (
        "duplicate",
        "duplicate of a figure the fact base already has from this article",
        "与本文已整理的数字重复",
    ),
    "m": (
        "misreading",
        "misreading: not a figure or date of the article",
        "误读:并非文章中的数字或日期",
    ),
}
REASON_BY_NAME = {name: (key, en, zh) for key, (name, en, zh) in REJECT_REASONS.items()}


@dataclass
class Decision:
    source_id: str
    start: int
    mention: str
    rule: str
    target: str | None
    confidence: float
    action: str  # accept, reject or undo
    ops: list[dict]
    reason: str | None = None
    edited: list[str] = field(default_factory=list)
    undoes: int | None = None  # the line number (from 1) of the decision an undo reverses
    at: str = ""
    session: str = ""


def log_path(data_dir: Path) -> Path:
    return paths.curated_dir(data_dir) / LOG_FILE


def read_log(data_dir: Path) -> list[Decision]:
    path = log_path(data_dir)
    if not path.is_file():
        return []
    return [
        Decision(**json.loads(line))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def append(data_dir: Path, decision: Decision) -> None:
    decision.at = decision.at or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    line = json.dumps(asdict(decision), ensure_ascii=False, sort_keys=True) + "\n"
    # One write of one line in append mode: a crash leaves whole lines only.
    fd = os.open(log_path(data_dir), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    with os.fdopen(fd, "a", encoding="utf-8") as out:
        out.write(line)


def last_undoable(log: list[Decision]) -> int | None:
    """The line number of the newest accept or reject not yet undone."""
    undone = {d.undoes for d in log if d.action == "undo"}
    for number in range(len(log), 0, -1):
        d = log[number - 1]
        if d.action != "undo" and number not in undone:
            return number
    return None


def stats(log: list[Decision]) -> dict[str, dict[str, int]]:
    """Per drafting rule: how many drafts were accepted (as drafted or edited), rejected."""
    undone = {d.undoes for d in log if d.action == "undo"}
    out: dict[str, dict[str, int]] = {}
    for number, d in enumerate(log, 1):
        if d.action == "undo" or number in undone:
            continue
        row = out.setdefault(d.rule, {"accepted": 0, "edited": 0, "rejected": 0})
        if d.action == "reject":
            row["rejected"] += 1
        elif d.edited:
            row["edited"] += 1
        else:
            row["accepted"] += 1
    return out


# ----------------------------------------------------------------------------- edits


def _record(model) -> dict:
    """A curated record as the files write it: no empty fields, whole numbers as ints."""
    dumped = model.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    return _ints(dumped)


def _ints(obj):
    if isinstance(obj, dict):
        return {k: _ints(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_ints(v) for v in obj]
    return int(obj) if isinstance(obj, float) and obj.is_integer() else obj


def fact_ops(fb: FactBase, fact: Fact, label_en: str | None) -> list[Op]:
    """A fact record, or its quotes added to the record already curated under its id."""
    existing = next((f for f in fb.facts if f.fact_id == fact.fact_id), None)
    if existing is not None:
        have = {q.quote for q in existing.quotes}
        return [
            Op("quote", _record(q), at=fact.fact_id) for q in fact.quotes if q.quote not in have
        ]
    ops = [Op("fact", _record(fact))]
    if fact.key not in {f.key for f in fb.facts} and fact.key not in fb.labels.keys:
        ops.append(Op("label", {"en": label_en or fact.metric}, at=fact.key))
    return ops


def accept_ops(fb: FactBase, s: Suggestion) -> list[Op]:
    """What accepting the (possibly edited) draft ``s`` writes."""
    draft = s.draft
    if isinstance(draft, FactDraft):
        return fact_ops(fb, draft.fact, draft.label_en)
    if isinstance(draft, EvidenceDraft):
        event_id = (s.target or "").removeprefix("event:")
        return [Op("evidence", _record(draft.evidence), at=event_id)]
    if isinstance(draft, EventDraft):
        return [Op("event", _record(draft.event))]
    if isinstance(draft, UnusedDraft):
        raise ValueError("an unused draft is a rejection: give its reason")
    raise ValueError(f"unknown draft {type(draft).__name__}")


def reject_ops(s: Suggestion, source_id: str, reason: str) -> list[Op]:
    """An ``unused`` entry for the mention, with the reason's words in both languages."""
    _, en, zh = REASON_BY_NAME[reason]
    return [
        Op("unused", {"source_id": source_id, "text": s.mention, "reason": en, "reason_zh": zh})
    ]
