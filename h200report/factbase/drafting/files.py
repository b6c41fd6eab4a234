"""The suggestions file: what ``h200 suggest`` writes and the review reads back, strictly."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import Field, model_validator

from ... import paths
from ...errors import InputError
from ..curation import Event, Evidence, Fact, Strict, Unused, load_model

EVENT_PREFIX = "event:"
# Files written before drafts named their rule still load; their accept rate is "unknown".
UNKNOWN_RULE = "unknown"


class FactDraft(Strict):
    fact: Fact = Field(description="A record for facts.yaml")
    # Set only for a key the fact base does not have yet: its English name, for labels.yaml.
    label_en: str | None = Field(None, min_length=1)


class EvidenceDraft(Strict):
    evidence: Evidence = Field(description="One more evidence entry of the target event")


class EventDraft(Strict):
    event: Event = Field(description="A new event record for events.yaml")


class UnusedDraft(Strict):
    unused: Unused = Field(description="An entry for unused.yaml")


class Suggestion(Strict):
    mention: str = Field(min_length=1, description="The mention, verbatim")
    start: int = Field(ge=0, description="Its start offset in the article body")
    target: str | None = Field(description="A fact key, 'event:<event_id>', or null")
    confidence: float = Field(ge=0, le=1)
    reason: str = Field(min_length=1)
    rule: str = Field(UNKNOWN_RULE, min_length=1, description="The rule that made the draft")
    draft: FactDraft | EvidenceDraft | EventDraft | UnusedDraft

    @model_validator(mode="after")
    def _draft_fits_target(self):
        draft, target = self.draft, self.target or ""
        if isinstance(draft, FactDraft) and target != draft.fact.key:
            raise ValueError(f"target {self.target} but the draft is a fact of {draft.fact.key}")
        if isinstance(draft, EvidenceDraft) and not target.startswith(EVENT_PREFIX):
            raise ValueError(f"target {self.target} but the draft is event evidence")
        if isinstance(draft, EventDraft) and target != EVENT_PREFIX + draft.event.event_id:
            raise ValueError(f"target {self.target} but the draft is event {draft.event.event_id}")
        if isinstance(draft, UnusedDraft) and self.target is not None:
            raise ValueError(f"target {self.target} but the draft is an unused entry")
        return self

    @property
    def quote(self) -> str | None:
        draft = self.draft
        if isinstance(draft, FactDraft):
            return draft.fact.quotes[0].quote
        if isinstance(draft, EventDraft):
            return draft.event.evidence[0].quote
        return draft.evidence.quote if isinstance(draft, EvidenceDraft) else None

    @property
    def draft_source(self) -> str:
        draft = self.draft
        if isinstance(draft, FactDraft):
            return draft.fact.source_id
        if isinstance(draft, EventDraft):
            return draft.event.evidence[0].source_id
        if isinstance(draft, EvidenceDraft):
            return draft.evidence.source_id
        return draft.unused.source_id


class SuggestionsFile(Strict):
    source_id: str
    suggestions: list[Suggestion]


HEADER = """\
# Suggested curation for {source_id}, written by `h200 suggest` (not reviewed).
# Nothing here is part of the fact base. For each mention not yet curated: the
# curated fact key or event it most likely supports or contradicts, or a new key or
# event it would start (target; null when it is not about the policy), how sure the
# draft is (confidence, 0 to 1; below 0.8 the review asks), why (reason), the rule
# that made it, and a draft record (fact, evidence, event or unused) with its status
# and attribution read from the sentence. Review it with `h200 review {source_id}`;
# `h200 suggest {source_id}` rewrites this file. See README, "Suggested curation".
"""


def suggestions_file(data_dir: Path, source_id: str) -> Path:
    return paths.suggestions_dir(data_dir) / f"{source_id}.yaml"


def _plain(obj):
    """Whole numbers as the curated files write them (75000, not 75000.0)."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    return int(obj) if isinstance(obj, float) and obj.is_integer() else obj


def write(data_dir: Path, source_id: str, suggestions: list[Suggestion]) -> Path:
    doc = {
        "source_id": source_id,
        "suggestions": [
            {**dumped, "rule": s.rule, "draft": _plain(dumped["draft"])}
            for s, dumped in (
                (s, s.model_dump(mode="json", exclude_defaults=True)) for s in suggestions
            )
        ],
    }
    text = HEADER.format(source_id=source_id) + yaml.safe_dump(
        doc, allow_unicode=True, sort_keys=False, width=100
    )
    target = suggestions_file(data_dir, source_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def load(data_dir: Path) -> list[tuple[Path, SuggestionsFile]]:
    """Every suggestions file, read strictly (one-line InputError for a malformed one)."""
    folder = paths.suggestions_dir(data_dir)
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    out = []
    for path in files:
        doc = load_model(path, SuggestionsFile, "suggestions", "mention")
        if doc.source_id != path.stem:
            raise InputError(path, f"source_id {doc.source_id} does not match the file name")
        out.append((path, doc))
    return out
