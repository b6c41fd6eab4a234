"""A review session: the waiting cards, and the decisions that change the fact base.

The terminal program and the scripted flags (``--list``, ``--accept``, ``--reject``)
drive the same session, so a decision means the same thing in both: checked, written,
logged. After each decision the fact base is read again and the cards recomputed, since
an accepted draft changes what the next one would do ("second source" becomes "third").
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from pathlib import Path

from ..errors import InputError
from ..factbase import suggest
from ..factbase.curation import Event, Evidence, Fact, Quote
from ..factbase.suggest import EventDraft, EvidenceDraft, FactDraft, Suggestion, UnusedDraft
from ..factbase.tables import FactBase
from ..vocab import BOUND_FIELDS, BOUNDS, CATEGORIES, STATUSES, TOPICS
from . import apply as applying
from .cards import Card, waiting
from .decisions import (
    REASON_BY_NAME,
    Decision,
    accept_ops,
    append,
    last_undoable,
    read_log,
    reject_ops,
)


class Session:
    def __init__(self, seeds_dir: Path, data_dir: Path, sources: list[str] | None = None):
        self.seeds_dir, self.data_dir = Path(seeds_dir), Path(data_dir)
        self.sources = sources or None
        self.id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ-") + secrets.token_hex(2)
        self.fb: FactBase = applying.load(self.seeds_dir, self.data_dir)
        if self.sources:
            for sid in self.sources:
                if sid not in self.fb.bodies:
                    raise InputError(sid, "no such source in the seeds folder")
        self._skipped: list[tuple[str, int]] = []
        self.decided = 0
        self.draft_missing()
        self.refresh()

    # ------------------------------------------------------------------ the queue

    def draft_missing(self) -> list[str]:
        """Run ``suggest`` for every chosen source with uncurated mentions but no file."""
        have = {doc.source_id for _, doc in suggest.load(self.data_dir)}
        wanted = self.sources or suggest.sources_to_suggest(self.fb)
        drafted = []
        for sid in wanted:
            if sid not in have:
                found = suggest.suggest(self.fb, sid)
                if found:
                    suggest.write(self.data_dir, sid, found)
                    drafted.append(sid)
        return drafted

    def refresh(self) -> None:
        cards = waiting(self.fb, self.data_dir, self.sources)
        skipped = [c for c in cards if c.key in self._skipped]
        self.cards = [c for c in cards if c.key not in self._skipped] + sorted(
            skipped, key=lambda c: self._skipped.index(c.key)
        )

    def find(self, source_id: str | None, number: int) -> Card:
        matches = [c for c in self.cards if c.number == number and source_id in (None, c.source_id)]
        if len(matches) != 1:
            where = f" of {source_id}" if source_id else ""
            problem = "is not waiting" if not matches else "is ambiguous: name the source"
            raise InputError(f"suggestion {number}{where}", problem)
        return matches[0]

    @property
    def confirmations(self) -> list[Card]:
        return [c for c in self.cards if c.confirms]

    # ------------------------------------------------------------------ decisions

    def _log(self, what: dict, action: str, ops, **extra) -> None:
        """One decision line: ``what`` names the suggestion (source, mention, rule...)."""
        ops = [op.to_json() for op in ops]
        append(self.data_dir, Decision(**what, action=action, ops=ops, session=self.id, **extra))

    def _record(self, card: Card, action: str, ops, reason=None, edited=()) -> None:
        self.fb = applying.apply(self.seeds_dir, self.data_dir, ops)
        s = card.suggestion
        what = {
            "source_id": card.source_id,
            "start": s.start,
            "mention": s.mention,
            "rule": s.rule,
            "target": s.target,
            "confidence": s.confidence,
        }
        self._log(what, action, ops, reason=reason, edited=list(edited))
        self.decided += 1
        self.refresh()

    def accept(self, card: Card, edited: tuple[str, ...] = ()) -> None:
        if isinstance(card.suggestion.draft, UnusedDraft):
            raise applying.Refused(
                "nothing curated fits this mention: reject it with a reason, or make a new key or event"
            )
        gloss = needs_gloss(self.fb, card)
        if gloss:
            raise applying.Refused(gloss)
        ops = accept_ops(self.fb, card.suggestion)
        if not ops:
            raise applying.Refused("the curated record already holds this quote")
        self._record(card, "accept", ops, edited=edited)

    def accept_confirmations(self) -> tuple[list[Card], list[Card]]:
        """Accept every sure confirmation of a curated value; a quote that is not English
        takes the gloss already written for its sentence, and waits where there is none.
        Returns (accepted, waiting)."""
        accepted, waiting = [], []
        for key in [c.key for c in self.confirmations]:
            card = next((c for c in self.cards if c.key == key and c.confirms), None)
            if card is None:
                continue  # decided with an earlier one (a date in its quote)
            if needs_gloss(self.fb, card):
                gloss = known_gloss(self.fb, card)
                if not gloss:
                    waiting.append(card)
                    continue
                card.suggestion = edit(self.fb, card, "gloss", gloss)
            self.accept(card)
            accepted.append(card)
        return accepted, waiting

    def reject(self, card: Card, reason: str) -> None:
        if reason not in REASON_BY_NAME:
            raise applying.Refused(f"unknown reason {reason!r}: one of {', '.join(REASON_BY_NAME)}")
        self._record(card, "reject", reject_ops(card.suggestion, card.source_id, reason), reason)

    def skip(self, card: Card) -> None:
        self._skipped = [k for k in self._skipped if k != card.key] + [card.key]
        self.refresh()

    def undo(self) -> Decision | None:
        """Reverse the newest decision not yet undone (of any session); None if none."""
        log = read_log(self.data_dir)
        number = last_undoable(log)
        if number is None:
            return None
        done = log[number - 1]
        ops = [applying.Op.from_json(op).inverse() for op in reversed(done.ops)]
        self.fb = applying.apply(self.seeds_dir, self.data_dir, ops)
        fields = ("source_id", "start", "mention", "rule", "target", "confidence")
        self._log({f: getattr(done, f) for f in fields}, "undo", ops, undoes=number)
        self._skipped = [k for k in self._skipped if k[0] != done.source_id]
        self.decided = max(self.decided - 1, 0)
        self.refresh()
        return done


# ----------------------------------------------------------------------------- drafts edited


def language(fb: FactBase, source_id: str) -> str:
    return next(s.meta.language for s in fb.seeds if s.source_id == source_id)


def _quotes(s: Suggestion) -> list[Quote]:
    draft = s.draft
    if isinstance(draft, FactDraft):
        return list(draft.fact.quotes)
    return [draft.evidence] if isinstance(draft, EvidenceDraft) else []


def needs_gloss(fb: FactBase, card: Card) -> str | None:
    """Why the draft cannot be accepted without an English gloss, or None."""
    if language(fb, card.source_id) == "en":
        return None
    for q in _quotes(card.suggestion):
        if not q.gloss_en or q.gloss_en.startswith("TODO"):
            return "the quote is not in English: give its English gloss (g in the review; --gloss N=TEXT beside --accept)"
    return None


def known_gloss(fb: FactBase, card: Card) -> str:
    """The gloss already curated for the card's quote (a sentence often holds two
    figures): offered pre-filled, so that it is typed once."""
    quotes = {q.quote for q in _quotes(card.suggestion)} or {card.sentence}
    curated = [q for f in fb.facts for q in f.quotes] + [ev for e in fb.events for ev in e.evidence]
    return next((q.gloss_en for q in curated if q.quote in quotes and q.gloss_en), "")


def _with_fact(s: Suggestion, **update) -> Suggestion:
    fact = s.draft.fact
    new = Fact.model_validate({**fact.model_dump(), **update})
    draft = s.draft.model_copy(update={"fact": new})
    return s.model_copy(update={"draft": draft})


def edit(fb: FactBase, card: Card, field: str, text: str) -> Suggestion:
    """The card's draft with one field changed as typed; ValueError with the reason."""
    s = card.suggestion
    text = text.strip()
    draft = s.draft
    if field == "gloss":
        if not text:
            raise ValueError("the gloss is empty")
        if isinstance(draft, FactDraft):
            quotes = [q.model_copy(update={"gloss_en": text}) for q in draft.fact.quotes]
            return _with_fact(s, quotes=[q.model_dump() for q in quotes])
        if isinstance(draft, EvidenceDraft):
            ev = draft.evidence.model_copy(update={"gloss_en": text})
            return s.model_copy(update={"draft": EvidenceDraft(evidence=ev)})
        raise ValueError("this draft has no quote")
    if field == "quote":
        body = fb.bodies[card.source_id].text
        if text not in body:
            raise ValueError("not a verbatim passage of the article")
        if card.mention.text not in text:
            raise ValueError(f"the quote must hold the mention {card.mention.text!r}")
        if isinstance(draft, FactDraft):
            gloss = draft.fact.quotes[0].gloss_en
            return _with_fact(s, quotes=[{"quote": text, "gloss_en": gloss}])
        if isinstance(draft, EvidenceDraft):
            ev = draft.evidence.model_copy(update={"quote": text})
            return s.model_copy(update={"draft": EvidenceDraft(evidence=ev)})
        raise ValueError("this draft has no quote")
    if field == "target":
        return retarget(fb, card, text)
    if not isinstance(draft, FactDraft):
        raise ValueError(f"{field} belongs to a fact draft; this one is {type(draft).__name__}")
    if field == "status":
        if text not in STATUSES:
            raise ValueError(f"status is one of {', '.join(STATUSES)}")
        return _with_fact(s, status=text)
    if field == "attributed_to":
        if not text:
            raise ValueError("say who says it")
        return _with_fact(s, attributed_to=text, attributed_to_zh=None)
    if field == "value":
        return _with_fact(s, **parse_value(text))
    raise ValueError(f"unknown field {field}")


def value_text(fact: Fact) -> str:
    """A fact's number as the value editor shows it: 'at_most 75000', 'exact 25'."""
    numbers = [getattr(fact, n) for n in BOUND_FIELDS.get(fact.bound, ())]
    return " ".join([fact.bound or "", *(f"{v:g}" for v in numbers)]).strip()


def parse_value(text: str) -> dict:
    """'at_most 75000' -> high 75000; 'vague_range 2e10 9e10' -> low, high."""
    parts = text.replace(",", "").split()
    if not parts or parts[0] not in BOUNDS:
        raise ValueError(f"start with the bound, one of {', '.join(BOUNDS)}")
    fields = BOUND_FIELDS[parts[0]]
    try:
        numbers = [float(p) for p in parts[1:]]
    except ValueError:
        raise ValueError("numbers after the bound, e.g. 'at_most 75000'") from None
    if len(numbers) != len(fields):
        raise ValueError(f"{parts[0]} takes {len(fields)} number(s): {' and '.join(fields)}")
    out = {"bound": parts[0], "value": None, "low": None, "high": None}
    out.update(dict(zip(fields, numbers, strict=True)))
    return out


def retarget(fb: FactBase, card: Card, target: str) -> Suggestion:
    """The draft pointed at another curated key or event, keeping its quote and reading."""
    s, m = card.suggestion, card.mention
    quote = (_quotes(s) or [Quote(quote=card.sentence, gloss_en=None)])[0]
    if target.startswith(suggest.EVENT_PREFIX):
        event_id = target.removeprefix(suggest.EVENT_PREFIX)
        if event_id not in {e.event_id for e in fb.events}:
            raise ValueError(f"no event {event_id}")
        ev = Evidence(source_id=card.source_id, quote=quote.quote, gloss_en=quote.gloss_en)
        return s.model_copy(update={"target": target, "draft": EvidenceDraft(evidence=ev)})
    base = next((f for f in fb.facts if f.key == target), None)
    if base is None:
        raise ValueError(f"no fact key {target} (n makes a new one)")
    old = s.draft.fact if isinstance(s.draft, FactDraft) else None
    numbers = {n: getattr(m, n) for n in ("value", "low", "high")} if m.kind != "date" else {}
    fact = Fact(
        fact_id=f"{target}.{_suffix(card.source_id)}",
        key=target,
        topic=base.topic,
        subject=base.subject,
        metric=base.metric,
        unit=base.unit if base.numeric else None,
        bound=(m.bound if m.kind != "date" else None) if base.numeric else None,
        value_text=None if base.numeric else base.value_text,
        status=old.status if old else "reported",
        attributed_to=old.attributed_to if old else "the article",
        source_id=card.source_id,
        quotes=[quote],
        **(numbers if base.numeric else {}),
    )
    return s.model_copy(update={"target": target, "draft": FactDraft(fact=fact)})


def _suffix(source_id: str) -> str:
    return re.sub(r"[^0-9A-Za-z_]", "_", source_id)


def slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.casefold())
    return "_".join(words[:6]) or "new"


def new_key(fb: FactBase, card: Card, name: str, metric: str, topic: str) -> Suggestion:
    """A draft of a new fact key from this mention: its number, quote, status, speaker."""
    m, s = card.mention, card.suggestion
    if m.kind == "date":
        raise ValueError("a date makes a new event (v), not a new key")
    if topic not in TOPICS:
        raise ValueError(f"topic is one of {', '.join(TOPICS)}")
    if not name.strip() or not metric.strip():
        raise ValueError("a new key needs a name and a metric")
    key = slug(name)
    taken = {f.key for f in fb.facts} | set(fb.labels.keys)
    while key in taken:
        key += "_new"
    old = s.draft.fact if isinstance(s.draft, FactDraft) else None
    quote = (_quotes(s) or [Quote(quote=card.sentence, gloss_en=None)])[0]
    fact = Fact(
        fact_id=f"{key}.{_suffix(card.source_id)}",
        key=key,
        topic=topic,
        subject=old.subject if old else name.strip(),
        metric=metric.strip(),
        value=m.value,
        low=m.low,
        high=m.high,
        unit=m.unit or "count",
        bound=m.bound,
        status=old.status if old else "reported",
        attributed_to=old.attributed_to if old else "the article",
        source_id=card.source_id,
        quotes=[quote],
    )
    draft = FactDraft(fact=fact, label_en=name.strip())
    return s.model_copy(update={"target": key, "draft": draft})


def new_event(fb: FactBase, card: Card, title: str, category: str, actor: str) -> Suggestion:
    """A draft of a new event from this date mention: its date, quote, actor."""
    m, s = card.mention, card.suggestion
    if m.kind != "date":
        raise ValueError("a new event needs a date mention; this one is a number (n: new key)")
    if category not in CATEGORIES:
        raise ValueError(f"category is one of {', '.join(CATEGORIES)}")
    if not title.strip() or not actor.strip():
        raise ValueError("a new event needs a title and an actor")
    event_id = slug(title)
    while event_id in {e.event_id for e in fb.events}:
        event_id += "_new"
    quote = (_quotes(s) or [Quote(quote=card.sentence, gloss_en=None)])[0]
    old = s.draft.fact if isinstance(s.draft, FactDraft) else None
    event = Event(
        event_id=event_id,
        date_start=m.date_start,
        date_end=m.date_end,
        date_precision=m.date_precision,
        category=category,
        actor=actor.strip(),
        status=old.status if old else "reported",
        title_en=title.strip(),
        evidence=[Evidence(source_id=card.source_id, quote=quote.quote, gloss_en=quote.gloss_en)],
    )
    return s.model_copy(
        update={"target": suggest.EVENT_PREFIX + event_id, "draft": EventDraft(event=event)}
    )
