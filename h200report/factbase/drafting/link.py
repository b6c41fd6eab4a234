"""Links to what is curated already: a number to a fact key, a date to an event.

A number is weighed against every fact of another source whose unit could carry it (as
``verify`` requires): by the words of its clause and sentence against the key's, by bound
and value, and by who says it. A zero only ever meets a zero and a figure a figure (a
statement that nothing was sold is not a cap), and an aggregate ("combined", 合计) never
meets a per-company key. A date is weighed against every event by the event's words and
actors first and its date second: a date alone links nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...extract.mentions import Mention
from ..curation import Event, Fact
from ..tables import FactBase
from ..verify import DateSpan, unit_fits
from . import sentences
from .words import actor_words, in_context

# Below this much of a record's words (raw similarity) nothing links, whatever the value.
MIN_WORDS = 0.12
# A zero with a unit is a narrow class already (three curated keys): half the words do;
# so is the very figure of a key with its bound ("will collect 25% of … each sale").
MIN_ZERO_WORDS = 0.06
MIN_SAME_FIGURE_WORDS = 0.08
# Similarity of words saturates: at WORDS_HALF it counts half, a close paraphrase nearly fully.
WORDS_HALF = 0.15
NUMBER_WEIGHTS = {"words": 0.55, "bound": 0.25, "value": 0.2}
DATE_WEIGHTS = {"words": 0.5, "date": 0.35, "actor": 0.15}
# Who speaks: the record's own speaker named confirms the link. A zero said by another is
# likely another statement (a CFO's outlook is not the hearing's zero); a cap or a fee is
# the same whoever reports it.
OTHER_SPEAKER = 0.8
SAME_SPEAKER = 0.08
# A per-company figure ("per company", 每家) meeting a per-company key.
SAME_SCOPE = 0.1
BOUND_FAMILY = {
    "exact": "point",
    "approximate": "point",
    "at_most": "upper",
    "less_than": "upper",
    "at_least": "lower",
    "more_than": "lower",
    "vague_range": "range",
    "approx_range": "range",
}


@dataclass(frozen=True)
class Match:
    record: Fact | Event
    confidence: float
    aspects: dict[str, float]
    rule: str


def scaled(words: float) -> float:
    return words / (words + WORDS_HALF) if words else 0.0


def _interval(value, low, high, bound) -> tuple[float, float]:
    if bound in ("exact", "approximate"):
        return value, value
    return (
        low if low is not None else -math.inf,
        high if high is not None else math.inf,
    )


def value_fit(m: Mention, f: Fact) -> float:
    (alo, ahi), (blo, bhi) = (
        _interval(m.value, m.low, m.high, m.bound),
        _interval(f.value, f.low, f.high, f.bound),
    )
    if (alo, ahi) == (blo, bhi):
        return 1.0
    # "75,000 chips per company" is the figure of a cap "at most 75,000" (the bound differs).
    if alo == ahi and alo in (blo, bhi):
        return 1.0
    return 0.5 if alo <= bhi and blo <= ahi else 0.0


def bound_fit(m: Mention, f: Fact) -> float:
    if m.bound == f.bound:
        return 1.0
    return 0.5 if BOUND_FAMILY.get(m.bound) == BOUND_FAMILY.get(f.bound) else 0.0


def speaker_fit(speaker: str | None, who: str) -> float | None:
    """1 when the sentence's speaker is named in the record's attribution, 0 when another
    is named, None when either names nobody (an article's own commentary is nobody's)."""
    mine, theirs = actor_words(speaker or ""), actor_words(who)
    if not mine or not theirs:
        return None
    return 1.0 if mine & theirs else 0.0


def _is_zero(value, bound) -> bool:
    return value == 0 and bound == "exact"


def _per_company(fb: FactBase, f: Fact) -> bool:
    text = " ".join(
        [f.subject, f.metric, f.key.replace("_", " "), fb.labels.key_label(f.key, "zh", f.metric)]
    )
    return sentences.PER_COMPANY.search(text) is not None or "per company" in text


def _adjust(confidence: float, fit: float | None, zero: bool) -> float:
    if fit is None:
        return confidence
    if fit:
        return confidence + SAME_SPEAKER
    return confidence * OTHER_SPEAKER if zero else confidence


def number(fb: FactBase, ctx, records, weights) -> Match | None:
    """The fact key a number most likely speaks of, or None when none fits well enough."""
    m = ctx.mention
    zero = _is_zero(m.value, m.bound)
    best = None
    for f in fb.facts:
        if not f.numeric or f.source_id == ctx.source_id or not unit_fits(m.unit, f.unit):
            continue
        if zero != _is_zero(f.value, f.bound):
            continue
        per_company = _per_company(fb, f)
        if ctx.aggregate and per_company:
            continue
        words = in_context(ctx.clause_words, ctx.sentence_words, records[f.key], weights)
        aspects = {"words": words, "bound": bound_fit(m, f), "value": value_fit(m, f)}
        same_figure = aspects["bound"] == aspects["value"] == 1.0
        least = MIN_ZERO_WORDS if zero else MIN_SAME_FIGURE_WORDS if same_figure else MIN_WORDS
        if words < least:
            continue
        # A share price or an index is not a curated figure it happens to share a unit with.
        if ctx.market and not aspects["value"]:
            continue
        score = sum(
            NUMBER_WEIGHTS[k] * (scaled(v) if k == "words" else v) for k, v in aspects.items()
        )
        fit = speaker_fit(ctx.speaker, f"{f.attributed_to} {f.attributed_to_zh or ''}")
        score = _adjust(score, fit, zero)
        if per_company and ctx.per_company:
            score += SAME_SCOPE
        if fit is not None:
            aspects["speaker"] = fit
        score = min(score, 1.0)
        if best is None or score > best.confidence:
            best = Match(f, score, aspects, "zero-key" if zero else "number-key")
    return best


def date_fit(m: Mention, span: DateSpan) -> float:
    """1 for the event's own date, less for a coarser one that holds it ("December" of the
    8 December unban), 0 otherwise: a finer or another date is not what the event's
    evidence may say (``verify`` wants each quote's dates to hold the event's)."""
    a = DateSpan(m.date_start, m.date_end, m.date_precision)
    if a.same(span):
        return 1.0
    return 0.7 if a.contains(span) else 0.0


def event(fb: FactBase, ctx, records, weights) -> Match | None:
    """The event a date most likely dates, or None: its words and actors must fit first."""
    m = ctx.mention
    best = None
    for e in fb.events:
        if all(ev.source_id == ctx.source_id for ev in e.evidence):
            continue
        fit = date_fit(m, fb.links.event_dates[e.event_id])
        if not fit:
            continue
        words = in_context(ctx.clause_words, ctx.sentence_words, records[e.event_id], weights)
        if words < MIN_WORDS:
            continue
        actor = 1.0 if actor_words(f"{e.actor} {e.actor_zh or ''}") & ctx.sentence_names else 0.0
        aspects = {"words": words, "date": fit, "actor": actor}
        score = sum(
            DATE_WEIGHTS[k] * (scaled(v) if k == "words" else v) for k, v in aspects.items()
        )
        if best is None or score > best.confidence:
            best = Match(e, score, aspects, "date-event")
    return best
