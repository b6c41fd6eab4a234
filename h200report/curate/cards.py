"""Cards: one waiting suggestion as a person decides it, in seconds.

A card holds what the decision needs and nothing else: the sentence with the mention
(one sentence either side), the reading in words ("at most 75,000 chips", "13 Jan 2026
(day)"), the proposed target, what accepting would do to the fact base ("new key",
"second source for Per-company cap: agrees", "conflicts with Bloomberg: 15% vs 25%"),
and the records already curated for that key or event (outlet, value, status). The queue
puts conflicts and low-confidence cards first; confirmations of a curated value can be
accepted together.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..extract.mentions import Mention
from ..factbase import suggest
from ..factbase.formatting import describe_value
from ..factbase.reconcile import compare_facts
from ..factbase.suggest import EventDraft, EvidenceDraft, FactDraft, Suggestion
from ..factbase.tables import FactBase
from ..vocab import VERDICT_SEVERITY

# Below this, a link is asked as a question ("Is this ...?"), never offered as the default.
SURE = 0.8


@dataclass
class Card:
    number: int  # the suggestion's place in its source's file, from 1 (--list, --accept N)
    source_id: str
    suggestion: Suggestion
    mention: Mention
    before: str
    sentence: str  # the sentence holding the mention
    after: str
    reading: str
    target_label: str
    effect: str
    verdict: str | None
    existing: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def question(self) -> bool:
        return self.suggestion.target is not None and self.suggestion.confidence < SURE

    @property
    def confirms(self) -> bool:
        """A sure draft that agrees with what is curated: accepted in bulk."""
        return self.verdict == "agree" and not self.question

    @property
    def key(self) -> tuple[str, int]:
        return self.source_id, self.number


def date_words(start: dt.date, end: dt.date, precision: str) -> str:
    """'13 Jan 2026 (day)', 'Jan 2026 (month)', '1 Jan – 15 Jan 2026 (part of month)'."""
    if start == end:
        days = f"{start.day} {start:%b %Y}"
    elif precision == "month" or (start.day == 1 and (end + dt.timedelta(days=1)).day == 1):
        days = (
            f"{start:%b %Y}"
            if (start.year, start.month) == (end.year, end.month)
            else (f"{start:%b %Y} – {end:%b %Y}")
        )
    else:
        days = f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
    return f"{days} ({precision.replace('_', ' ')})"


def reading(m: Mention) -> str:
    if m.kind == "date":
        return date_words(m.date_start, m.date_end, m.date_precision)
    words = describe_value(m.value, m.low, m.high, m.unit, m.bound)
    return words or m.text


def _outlet(fb: FactBase, source_id: str) -> str:
    seed = next((s for s in fb.seeds if s.source_id == source_id), None)
    return f"{seed.meta.site} ({seed.meta.published_date})" if seed else source_id


def _sentences(body, m: Mention) -> tuple[str, str, str]:
    """The sentence holding the mention, and one sentence either side (verbatim)."""
    text = body.text
    bounds = [0, *(x.end() for x in suggest.SENTENCE_END.finditer(body.norm)), len(text)]
    i = bisect.bisect_right(bounds, m.start) - 1
    j = min(bisect.bisect_left(bounds, m.end), len(bounds) - 1)
    before = text[bounds[i - 1] : bounds[i]] if i > 0 else ""
    after = text[bounds[j] : bounds[j + 1]] if j + 1 < len(bounds) else ""
    return before.strip(), text[bounds[i] : bounds[j]].strip(), after.strip()


def _key_label(fb: FactBase, key: str, draft: FactDraft | None) -> str:
    facts = [f for f in fb.facts if f.key == key]
    if facts:
        return fb.labels.key_label(key, "en", facts[0].metric)
    label = draft.label_en if draft else None
    return label or (draft.fact.metric if draft else key)


def _effect(fb: FactBase, s: Suggestion, keep: set[str]) -> tuple[str, str | None, list]:
    draft = s.draft
    if isinstance(draft, FactDraft):
        new = draft.fact
        others = [f for f in fb.facts if f.key == new.key and f.source_id != new.source_id]
        mine = next((f for f in fb.facts if f.fact_id == new.fact_id), None)
        existing = [
            (_outlet(fb, f.source_id), _value(f), f.status) for f in fb.facts if f.key == new.key
        ]
        label = _key_label(fb, new.key, draft)
        if mine is not None:
            return f"another quote for {mine.fact_id} ({label})", None, existing
        if not any(f.key == new.key for f in fb.facts):
            return f"new key: {label}", None, existing
        verdict = suggest.would_be_verdict(fb, s, keep)
        ordinal = {1: "second", 2: "third", 3: "fourth"}.get(len({f.source_id for f in others}))
        if verdict == "agree":
            return (
                f"{ordinal or 'one more'} source for {label}: agrees ({_value(new)})",
                verdict,
                existing,
            )
        clashes = []
        for f in others:
            overall, aspects = compare_facts(new, f)
            if overall != "agree":
                detail = "; ".join(f"{n}: {v} ({d})" for n, v, d in aspects if v != "agree")
                clashes.append(f"{_outlet(fb, f.source_id)}: {detail}")
        word = "conflicts with" if verdict == "conflict" else "differs in precision from"
        return f"{label}: {word} " + " · ".join(clashes), verdict, existing
    if isinstance(draft, EvidenceDraft):
        event_id = s.target.removeprefix(suggest.EVENT_PREFIX)
        event = next(e for e in fb.events if e.event_id == event_id)
        span = fb.links.event_dates[event_id]
        # Each source once, with the date its own quotes give (the most precise).
        dated: dict[str, object] = {}
        for ev in event.evidence:
            given = fb.links.evidence_date(event_id, ev) or span
            if (
                ev.source_id not in dated
                or given.end - given.start < dated[ev.source_id].end - dated[ev.source_id].start
            ):
                dated[ev.source_id] = given
        existing = [
            (_outlet(fb, sid), date_words(d.start, d.end, d.precision), event.status)
            for sid, d in dated.items()
        ]
        verdict = suggest.would_be_verdict(fb, s, keep)
        word = {"agree": "agrees", "conflict": "conflicts on the date"}.get(
            verdict, (verdict or "").replace("_", " ")
        )
        return f"one more source for the event {event.title_en!r}: {word}", verdict, existing
    if isinstance(draft, EventDraft):
        return f"new event: {draft.event.title_en}", None, []
    return "nothing curated fits: reject it with a reason, or make a new key or event", None, []


def _value(fact) -> str:
    if fact.numeric:
        return describe_value(fact.value, fact.low, fact.high, fact.unit, fact.bound)
    return fact.value_text or ""


def waiting(fb: FactBase, data_dir: Path, sources: list[str] | None = None) -> list[Card]:
    """A card for every suggestion still waiting on the sources (default: all), queued."""
    keep = {s.source_id for s in fb.seeds}
    rows, _ = suggest.review(fb, data_dir, keep)
    docs = {doc.source_id: doc for _, doc in suggest.load(data_dir)}
    wanted = set(sources) if sources else None
    cards = []
    for row in rows:
        sid = row["source_id"]
        if wanted is not None and sid not in wanted:
            continue
        doc = docs[sid]
        number, s = next(
            (i, x)
            for i, x in enumerate(doc.suggestions, 1)
            if x.start == row["start"] and x.mention == row["mention"]
        )
        cards.append(card(fb, sid, number, s, keep))
    return queue(cards)


def card(fb: FactBase, source_id: str, number: int, s: Suggestion, keep=None) -> Card:
    keep = keep if keep is not None else {x.source_id for x in fb.seeds}
    m = next(x for x in fb.mentions[source_id] if x.start == s.start and x.text == s.mention)
    before, sentence, after = _sentences(fb.bodies[source_id], m)
    effect, verdict, existing = _effect(fb, s, keep)
    if s.target is None:
        label = "nothing fits"
    elif s.target.startswith(suggest.EVENT_PREFIX):
        event_id = s.target.removeprefix(suggest.EVENT_PREFIX)
        event = next((e for e in fb.events if e.event_id == event_id), None)
        if event is None and isinstance(s.draft, EventDraft):
            event = s.draft.event
        label = f"event: {event.title_en}" if event else s.target
    else:
        draft = s.draft if isinstance(s.draft, FactDraft) else None
        label = _key_label(fb, s.target, draft)
    return Card(
        number=number,
        source_id=source_id,
        suggestion=s,
        mention=m,
        before=before,
        sentence=sentence,
        after=after,
        reading=reading(m),
        target_label=label,
        effect=effect,
        verdict=verdict,
        existing=existing,
    )


def queue(cards: list[Card]) -> list[Card]:
    """Conflicts first, then questions (low confidence), then the rest; nothing-fits last."""

    def rank(c: Card):
        severity = VERDICT_SEVERITY.index(c.verdict) if c.verdict in VERDICT_SEVERITY else 9
        if c.suggestion.target is None:
            group = 4
        else:
            group = 0 if c.verdict == "conflict" else 1 if c.question else 3 if c.confirms else 2
        return (group, severity, c.suggestion.confidence, c.source_id, c.mention.start)

    return sorted(cards, key=rank)
