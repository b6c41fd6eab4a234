"""Suggested curation: what a new article's uncurated mentions most likely support or contradict.

``h200 suggest`` writes, per source, ``data/curated/suggestions/<source_id>.yaml``: for
each mention that no fact, event or "unused" entry accounts for, a draft record with the
target it would join, a confidence, a short reason and the rule that made it
(``drafting.files``):

- ``number-key`` / ``zero-key``: a figure joins an existing fact key (a zero only a zero
  key, an aggregate never a per-company one; ``drafting.link``);
- ``date-event``: a date joins an existing event, by the event's words and actors first;
- ``date-period``: a date in the quote of a figure's draft is that figure's period;
- ``new-key`` / ``new-event``: nothing curated fits a sentence about the policy, so a new
  record is drafted (``drafting.new``), always as a question (confidence below 0.8);
- ``dateline``, ``nothing-fits``: no draft but an unused entry.

Every draft's quote is the sentence holding the mention without its dateline (its
clauses, if long); its status and attribution are read from that sentence
(``drafting.sentences``), never copied from another record; an English quote has no
gloss, another keeps a TODO for the reviewer; no Chinese companion is invented.

Suggestions are never curated facts: the build does not read them. The sources report
reads them back with the verdict each draft would give (``drafting.readback``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from ..extract.body import Body
from ..extract.mentions import Mention
from .curation import Evidence, Fact, Quote, Unused
from .drafting import link, new, sentences
from .drafting.files import (
    EVENT_PREFIX,
    EventDraft,
    EvidenceDraft,
    FactDraft,
    Suggestion,
    SuggestionsFile,
    UnusedDraft,
    load,
    suggestions_file,
    write,
)
from .drafting.readback import review, would_be_verdict
from .drafting.sentences import SENTENCE_END
from .drafting.words import actor_words, bigrams, event_records, fact_records, idf, in_context
from .tables import FactBase

__all__ = [
    "EVENT_PREFIX",
    "MIN_CONFIDENCE",
    "SENTENCE_END",
    "EventDraft",
    "EvidenceDraft",
    "FactDraft",
    "Suggestion",
    "SuggestionsFile",
    "UnusedDraft",
    "load",
    "review",
    "sources_to_suggest",
    "suggest",
    "suggestions_file",
    "would_be_verdict",
    "write",
]

# Below this a mention links to nothing curated (a new record or an unused entry instead).
MIN_CONFIDENCE = 0.5
GLOSS_TODO = "TODO: the English gloss (the project's own translation)"
# The most a period read from the publication date alone is offered with, and one of a
# date that fits an event of its sentence too.
PUBLICATION_GUESS = 0.7
AMBIGUOUS_PERIOD = 0.75
UNUSED_TODO = "TODO: say why this mention is not used"


@dataclass(frozen=True)
class Context:
    """One mention with what its sentence says."""

    mention: Mention
    source_id: str
    english: bool
    text: str
    norm: str
    sentence: sentences.Span
    quote: sentences.Span
    clause: sentences.Span
    in_dateline: bool
    clause_words: frozenset[str]
    sentence_words: frozenset[str]
    sentence_names: frozenset[str]
    speaker: str | None
    status: str
    aggregate: bool
    per_company: bool
    market: bool

    @property
    def quote_text(self) -> str:
        return sentences.verbatim(self.text, self.quote)

    @property
    def gloss(self) -> str | None:
        return None if self.english else GLOSS_TODO

    @property
    def attributed_to(self) -> str:
        return self.speaker or "the article"


def _context(body: Body, m: Mention, source_id: str, english: bool) -> Context:
    text, norm = body.text, body.norm
    sentence = sentences.sentence_span(norm, m.start, m.end)
    line = sentences.dateline_span(norm, sentence)
    quote = sentences.quote_span(norm, m.start, m.end)
    clause = sentences.clause_span(norm, m.start, m.end)
    if line is not None and clause.start < line.end <= m.start:
        clause = sentences.Span(line.end, clause.end)
    return Context(
        mention=m,
        source_id=source_id,
        english=english,
        text=text,
        norm=norm,
        sentence=sentence,
        quote=quote,
        clause=clause,
        in_dateline=line is not None and m.start < line.end,
        clause_words=bigrams(text[clause.start : clause.end]),
        sentence_words=bigrams(text[sentence.start : sentence.end]),
        sentence_names=actor_words(text[sentence.start : sentence.end]),
        speaker=sentences.speaker(text, norm, quote if line else sentence, english),
        status=sentences.status(norm, sentence, m.start),
        aggregate=sentences.has(sentences.AGGREGATE, norm, clause),
        per_company=sentences.has(sentences.PER_COMPANY, norm, clause),
        market=sentences.has(sentences.MARKET_NOISE, norm, sentence),
    )


def _said(ctx: Context) -> str:
    who = f"attributed to {ctx.speaker!r}" if ctx.speaker else "no speaker named: 'the article'"
    return f"status {ctx.status} and {who}, read from the sentence"


def _fact(ctx: Context, key: str, fact_id: str, like: dict) -> Fact:
    m = ctx.mention
    return Fact(
        fact_id=fact_id,
        key=key,
        bound=m.bound,
        status=ctx.status,
        attributed_to=ctx.attributed_to,
        source_id=ctx.source_id,
        quotes=[Quote(quote=ctx.quote_text, gloss_en=ctx.gloss)],
        **{n: getattr(m, n) for n in ("value", "low", "high")},
        **like,
    )


class _FactIds:
    """One fact_id per key and figure of a source: drafts of the same figure share it (the
    review merges their quotes); another figure of the same key gets its own."""

    def __init__(self, source_id: str):
        self.suffix = re.sub(r"[^0-9A-Za-z_]", "_", source_id)
        self.seen: dict[tuple, str] = {}

    def __call__(self, key: str, m: Mention) -> str:
        figure = (key, m.value, m.low, m.high, m.bound)
        if figure not in self.seen:
            n = sum(k[0] == key for k in self.seen)
            self.seen[figure] = f"{key}.{self.suffix}" + (f"_{n + 1}" if n else "")
        return self.seen[figure]


def _linked_fact(ctx: Context, match: link.Match, ids: _FactIds) -> Suggestion:
    f, a = match.record, match.aspects
    value = {1.0: "same value", 0.5: "overlapping value", 0.0: "different value"}[a["value"]]
    speaker = {1.0: "; same speaker", 0.0: "; another speaker than the record's"}.get(
        a.get("speaker"), ""
    )
    reason = (
        f"unit {ctx.mention.unit} fits {f.unit}; bound {ctx.mention.bound} against {f.bound}; "
        f"{value} as {f.fact_id}; words {a['words']:.2f}{speaker}. {_said(ctx)}"
    )
    like = {"topic": f.topic, "subject": f.subject, "metric": f.metric, "unit": f.unit}
    fact = _fact(ctx, f.key, ids(f.key, ctx.mention), like)
    return Suggestion(
        mention=ctx.mention.text,
        start=ctx.mention.start,
        target=f.key,
        confidence=round(match.confidence, 2),
        reason=reason,
        rule=match.rule,
        draft=FactDraft(fact=fact),
    )


def _new_key(
    ctx: Context, fb: FactBase, ids: _FactIds, taken: set[str], records, weights
) -> Suggestion | None:
    m = ctx.mention
    unit = new.unit(m)
    if unit is None or not new.fits_a_new_record(ctx.norm, ctx.sentence):
        return None
    if ctx.aggregate and unit == "companies":
        return None  # "三家公司合计…": how many were summed, not a claim of its own
    if unit in new.DURATIONS:
        return None  # "three months after the approval" dates something, it is no figure
    label = new.key_label(ctx.text, ctx.norm, ctx.clause, m, ctx.english)
    key = new.slug(label if ctx.english else "", f"new_{unit.lower()}_{m.start}")
    while key in taken:
        key = f"{key}_{m.start}"
    taken.add(key)
    # The topic of the curated key of the same unit whose words are nearest: checked by the
    # reviewer.
    same_unit = [f for f in fb.facts if f.unit == unit]
    nearest = max(
        same_unit,
        key=lambda f: in_context(ctx.clause_words, ctx.sentence_words, records[f.key], weights),
        default=None,
    )
    topic = nearest.topic if nearest else "context"
    names = new.names_in(ctx.norm, ctx.sentence)
    like = {
        "topic": topic,
        "subject": names[0] if names else "H200 exports to China",
        "metric": label,
        "unit": unit,
    }
    fact = _fact(ctx, key, ids(key, m), like)
    return Suggestion(
        mention=m.text,
        start=m.start,
        target=key,
        confidence=new.NEW_CONFIDENCE,
        reason=(
            f"no curated key fits its unit, words and value: a new key, named from the sentence "
            f"(check the name, the metric and topic {topic}). {_said(ctx)}"
        ),
        rule="new-key",
        draft=FactDraft(fact=fact, label_en=label),
    )


def _evidence(ctx: Context, match: link.Match) -> Suggestion:
    e, a = match.record, match.aspects
    m = ctx.mention
    reason = (
        f"{m.date_start}..{m.date_end} ({m.date_precision}) against the event's curated date "
        f"(fit {a['date']:.1f}); words {a['words']:.2f}; "
        + ("an actor of the event is named" if a["actor"] else "no actor of the event named")
    )
    return Suggestion(
        mention=m.text,
        start=m.start,
        target=EVENT_PREFIX + e.event_id,
        confidence=round(match.confidence, 2),
        reason=reason,
        rule="date-event",
        draft=EvidenceDraft(
            evidence=Evidence(source_id=ctx.source_id, quote=ctx.quote_text, gloss_en=ctx.gloss)
        ),
    )


def _new_event(ctx: Context, dates: list[Mention], taken: set[str]) -> Suggestion | None:
    m = ctx.mention
    if m.date_precision not in new.DATED_PRECISIONS:
        return None
    if not new.fits_a_new_record(ctx.norm, ctx.sentence):
        return None
    # The record's date must be the one its quote states: a second date would blur it.
    quote = ctx.quote
    if any(d is not m and quote.start <= d.start and d.end <= quote.end for d in dates):
        quote = ctx.clause
        if any(d is not m and quote.start <= d.start and d.end <= quote.end for d in dates):
            return None
    text = sentences.verbatim(ctx.text, quote)
    base = new.slug(text if ctx.english else "", f"event_{m.date_start:%Y%m%d}")
    event_id = base
    while event_id in taken:
        event_id = f"{base}_{m.start}"
    taken.add(event_id)
    event, titles = new.event_record(event_id, m, ctx, text, ctx.gloss)
    return Suggestion(
        mention=m.text,
        start=m.start,
        target=EVENT_PREFIX + event_id,
        confidence=new.NEW_CONFIDENCE,
        reason=(
            f"no curated event fits its date and words: a new event of {m.date_start}..{m.date_end} "
            f"({m.date_precision}); {titles}; category {event.category} and actor drafted. "
            f"{_said(ctx)}"
        ),
        rule="new-event",
        draft=EventDraft(event=event),
    )


def _unused(ctx: Context, why: str, rule: str) -> Suggestion:
    m = ctx.mention
    return Suggestion(
        mention=m.text,
        start=m.start,
        target=None,
        confidence=0.0,
        reason=why,
        rule=rule,
        draft=UnusedDraft(unused=Unused(source_id=ctx.source_id, text=m.text, reason=UNUSED_TODO)),
    )


def _nothing(ctx: Context) -> Suggestion:
    m = ctx.mention
    if ctx.in_dateline:
        return _unused(ctx, "in the dateline: the article's own place and date", "dateline")
    if m.kind == "date":
        why = "no curated event's words and date fit, and its sentence starts no new event"
    elif ctx.aggregate and m.unit == "companies":
        why = "the number of companies an aggregate sums, not a claim of its own"
    elif m.unit in new.DURATIONS:
        why = "a duration (how long after something), not a figure of its own"
    elif new.unit(m) is None:
        why = f"read with unit {m.unit or 'none'}: no curated key fits and no new key can verify it"
    else:
        why = "no curated key fits, and its sentence is not about the policy (a market figure or other things)"
    return _unused(ctx, why, "nothing-fits")


def _as_period(ctx: Context, figure: Suggestion, event_too: bool) -> Suggestion:
    m = ctx.mention
    confidence = figure.confidence
    # A date that could also date an event the sentence tells is a question either way.
    if event_too:
        confidence = min(confidence, AMBIGUOUS_PERIOD)
    # "Today", "at present" read from the publication date alone may be the day of an event
    # the sentence tells (a hearing "today", dated by the dateline): a question.
    if m.date_precision == "relative" and (m.anchor or "").startswith("publication date"):
        confidence = min(confidence, PUBLICATION_GUESS)
    return figure.model_copy(
        update={
            "mention": m.text,
            "start": m.start,
            "confidence": confidence,
            "rule": "date-period",
            "reason": (
                f"in the quote of the draft for {figure.mention!r} ({figure.rule}): the period "
                "of that figure, which uses it once accepted"
            ),
        }
    )


def suggest(fb: FactBase, source_id: str) -> list[Suggestion]:
    """A suggestion for every uncurated mention of ``source_id``, in body order.

    Numbers first; then dates: each date in the quote of a figure's draft is that figure's
    period, unless it states an event's date exactly; otherwise its event, a new event, or
    nothing.
    """
    if source_id not in fb.bodies:
        raise InputError(source_id, "no such source in the seeds folder")
    seed = next(s for s in fb.seeds if s.source_id == source_id)
    body = fb.bodies[source_id]
    english = seed.meta.language == "en"
    facts, events = fact_records(fb), event_records(fb)
    weights = idf([*facts.values(), *events.values()])
    uncurated = [m for m in fb.mentions[source_id] if fb.mention_status(m)[0] == "uncurated"]
    ids = _FactIds(source_id)
    keys = {f.key for f in fb.facts}
    event_ids = {e.event_id for e in fb.events}
    out: list[Suggestion] = []
    figures: list[tuple[Context, Suggestion]] = []
    for m in (m for m in uncurated if m.kind != "date"):
        ctx = _context(body, m, source_id, english)
        found = None
        if not ctx.in_dateline:
            match = link.number(fb, ctx, facts, weights)
            if match is not None and match.confidence >= MIN_CONFIDENCE:
                found = _linked_fact(ctx, match, ids)
            else:
                found = _new_key(ctx, fb, ids, keys, facts, weights)
        out.append(found or _nothing(ctx))
        if found is not None:
            figures.append((ctx, found))
    dates = [m for m in uncurated if m.kind == "date"]
    for m in dates:
        ctx = _context(body, m, source_id, english)
        if ctx.in_dateline:
            out.append(_nothing(ctx))
            continue
        match = link.event(fb, ctx, events, weights)
        linked = match is not None and match.confidence >= MIN_CONFIDENCE
        exact = linked and match.aspects["date"] == 1.0
        # The figure nearest the date among those whose quote holds it.
        holding = [
            (abs(c.mention.start - m.start), s)
            for c, s in figures
            if c.quote.start <= m.start and m.end <= c.quote.end
        ]
        if holding and not exact:
            figure = min(holding, key=lambda t: t[0])[1]
            out.append(_as_period(ctx, figure, linked))
        elif linked:
            out.append(_evidence(ctx, match))
        else:
            out.append(_new_event(ctx, dates, event_ids) or _nothing(ctx))
    return sorted(out, key=lambda s: s.start)


def sources_to_suggest(fb: FactBase) -> list[str]:
    """The sources with mentions not yet curated."""
    return [
        s.source_id
        for s in fb.seeds
        if any(fb.mention_status(m)[0] == "uncurated" for m in fb.mentions[s.source_id])
    ]
