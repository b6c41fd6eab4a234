"""Suggested curation: what a new article's uncurated mentions most likely support or contradict.

``h200 suggest`` writes, per source, ``data/curated/suggestions/<source_id>.yaml``: for
each mention that no fact, event or "unused" entry accounts for, the curated record it
most likely speaks of, with a confidence, a short reason and a draft record ready to be
moved into ``facts.yaml`` or ``events.yaml`` (or ``unused.yaml``, where nothing fits).

Matching uses only what is curated already:

- a number is matched to a fact key whose facts could carry it (the unit must fit, as
  ``verify`` requires; the bound and the value are compared) and whose quotes, subject,
  metric and labels share words with the clause around the number;
- a date is matched to an event whose curated date overlaps it and whose quotes and
  titles share words with the clause around the date.

Words are compared as character bigrams of the normalised text, weighted by how rare
each is among the curated records (so 芯片 or "the" count for little, 上限 or
"hearing" for much): the same measure works for Chinese and English.

Suggestions are never curated facts: the build does not read them. The sources report
reads them back (strictly: a malformed file is an InputError like any curated file;
a suggestion whose mention is gone is dropped with a warning, one whose mention has
been curated since is done and dropped quietly) and shows the verdict each draft would
produce, computed by ``reconcile.comparison_rows`` on the curated records with the
draft added: the project's own rules, not a second copy of them.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from pathlib import Path

import yaml
from pydantic import Field, model_validator

from .. import paths
from ..errors import InputError
from ..extract.mentions import Mention
from ..extract.textnorm import normalise
from ..vocab import VERDICT_SEVERITY
from .curation import Event, Evidence, Fact, Quote, Strict, Unused, load_model
from .reconcile import comparison_rows
from .tables import FactBase
from .verify import DateSpan, hull, mentions_in, quote_spans, unit_fits

# A suggestion needs this confidence, and at least this much of the curated record's
# words (raw similarity); below either, the mention is listed with target null and an
# "unused" draft. Same unit, bound and value alone never make a match: a new article is
# full of percentages and amounts that speak of other things.
MIN_CONFIDENCE = 0.5
MIN_WORDS = 0.12
# Similarity of words saturates: at WORDS_HALF it counts half, and a close paraphrase
# (0.4 and more) nearly fully.
WORDS_HALF = 0.15
# How much each aspect weighs in the confidence of a number's match, and of a date's.
# Words weigh most, so that a different value (a contradiction) still finds its key.
NUMBER_WEIGHTS = {"words": 0.55, "bound": 0.25, "value": 0.2}
DATE_WEIGHTS = {"words": 0.55, "date": 0.45}
# The clause around a mention speaks of it most; the sentence gives context.
CLAUSE_SHARE = 0.7
BOUND_FAMILY = {
    "exact": "point",
    "approximate": "point",
    "at_most": "upper",
    "less_than": "upper",
    "at_least": "lower",
    "more_than": "lower",
    "vague_range": "range",
}
SENTENCE_END = re.compile(r"[。!?;\n]|\.(?=\s+[A-Z\"“]|\s*$)")
CLAUSE_END = re.compile(r"[,、:;。!?\n]|\.(?=\s|$)")
CLOSERS = "”」』\"')）"
GLOSS_TODO = "TODO: the English gloss (the project's own translation)"
UNUSED_TODO = "TODO: no curated fact or event fits; say why this mention is not used"
EVENT_PREFIX = "event:"


# ----------------------------------------------------------------------------- the file


class FactDraft(Strict):
    fact: Fact = Field(description="A record for facts.yaml")
    label_en: str | None = Field(
        None, min_length=1, description="The English name of a new key (labels.yaml)"
    )


class EventDraft(Strict):
    event: Event = Field(description="A new event for events.yaml")


class EvidenceDraft(Strict):
    evidence: Evidence = Field(description="One more evidence entry of the target event")


class UnusedDraft(Strict):
    unused: Unused = Field(description="An entry for unused.yaml")


class Suggestion(Strict):
    mention: str = Field(min_length=1, description="The mention, verbatim")
    start: int = Field(ge=0, description="Its start offset in the article body")
    target: str | None = Field(description="A fact key, 'event:<event_id>', or null")
    confidence: float = Field(ge=0, le=1)
    reason: str = Field(min_length=1)
    draft: FactDraft | EvidenceDraft | EventDraft | UnusedDraft
    rule: str = Field("unknown", description="The drafting rule that made it (accept rates)")

    @model_validator(mode="after")
    def _draft_fits_target(self):
        draft = self.draft
        if isinstance(draft, FactDraft) and self.target != draft.fact.key:
            raise ValueError(f"target {self.target} but the draft is a fact of {draft.fact.key}")
        if isinstance(draft, EvidenceDraft) and not (self.target or "").startswith(EVENT_PREFIX):
            raise ValueError(f"target {self.target} but the draft is event evidence")
        if isinstance(draft, UnusedDraft) and self.target is not None:
            raise ValueError(f"target {self.target} but the draft is an unused entry")
        return self

    @property
    def quote(self) -> str | None:
        draft = self.draft
        if isinstance(draft, FactDraft):
            return draft.fact.quotes[0].quote
        return draft.evidence.quote if isinstance(draft, EvidenceDraft) else None

    @property
    def draft_source(self) -> str:
        draft = self.draft
        if isinstance(draft, FactDraft):
            return draft.fact.source_id
        return (
            draft.evidence.source_id if isinstance(draft, EvidenceDraft) else draft.unused.source_id
        )


class SuggestionsFile(Strict):
    source_id: str
    suggestions: list[Suggestion]


HEADER = """\
# Suggested curation for {source_id}, written by `h200 suggest` (not reviewed).
# Nothing here is part of the fact base. For each mention not yet curated: the
# curated fact key or event it most likely supports or contradicts (target; null
# when nothing fits), how sure the match is (confidence, 0 to 1), why (reason), and
# a draft record: move `fact` into facts.yaml, `evidence` into the target event's
# evidence in events.yaml, or `unused` into unused.yaml, after checking it (status,
# attribution, the English gloss) and replacing every TODO. See README, "Suggested
# curation". `h200 suggest {source_id}` rewrites this file.
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
            {**dumped, "draft": _plain(dumped["draft"])}
            for dumped in (s.model_dump(mode="json", exclude_defaults=True) for s in suggestions)
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


# ----------------------------------------------------------------------------- words


def _bigrams(text: str) -> set[str]:
    chars = "".join(re.findall(r"\w", normalise(text).casefold()))
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


@dataclasses.dataclass(frozen=True)
class _Record:
    """A curated fact key or event, as the words the matching compares with."""

    words: frozenset[str]


def _similarity(words: set[str], record: _Record, idf: dict[str, float]) -> float:
    """Cosine of the two sets of bigrams, each bigram weighted by its rarity."""
    if not words or not record.words:
        return 0.0
    shared = sum(idf.get(b, 0.0) ** 2 for b in words & record.words)
    norm_a = math.sqrt(sum(idf.get(b, 0.0) ** 2 for b in words))
    norm_b = math.sqrt(sum(idf.get(b, 0.0) ** 2 for b in record.words))
    return shared / (norm_a * norm_b) if norm_a and norm_b else 0.0


def _idf(records: list[_Record]) -> dict[str, float]:
    df = Counter(b for r in records for b in r.words)
    n = len(records)
    return {b: math.log((n + 1) / (count + 0.5)) for b, count in df.items()}


def _fact_records(fb: FactBase) -> dict[str, _Record]:
    texts: dict[str, list[str]] = {}
    for f in fb.facts:
        if not f.numeric:
            continue
        texts.setdefault(f.key, []).extend(
            [f.subject, f.metric, fb.labels.metric_label(f.metric, "zh")]
            + [fb.labels.key_label(f.key, lang, f.metric) for lang in ("en", "zh")]
            + [q.quote for q in f.quotes]
        )
    return {k: _Record(frozenset(_bigrams(" ".join(t)))) for k, t in texts.items()}


def _event_records(fb: FactBase) -> dict[str, _Record]:
    return {
        e.event_id: _Record(
            frozenset(
                _bigrams(
                    " ".join([e.title_en, e.title_zh, e.actor, *(ev.quote for ev in e.evidence)])
                )
            ),
        )
        for e in fb.events
    }


def _span(text: str, pos: int, end: re.Pattern) -> tuple[int, int]:
    """The stretch of ``text`` around ``pos`` between two ``end`` marks, closing quotes kept."""
    start = 0
    for m in end.finditer(text, 0, pos):
        start = m.end()
    m = end.search(text, pos)
    stop = m.end() if m else len(text)
    while stop < len(text) and text[stop] in CLOSERS:
        stop += 1
    while start < stop and text[start].isspace():
        start += 1
    return start, stop


def sentence(body_text: str, body_norm: str, m: Mention) -> str:
    """The verbatim sentence of the body that holds the mention."""
    start, stop = _span(body_norm, m.start, SENTENCE_END)
    stop = max(stop, m.end)
    return body_text[start:stop].rstrip("\n")


def _context_words(body_text: str, body_norm: str, m: Mention) -> tuple[set[str], set[str]]:
    a, b = _span(body_norm, m.start, CLAUSE_END)
    s = sentence(body_text, body_norm, m)
    return _bigrams(body_text[a : max(b, m.end)]), _bigrams(s)


def _words(context: tuple[set[str], set[str]], record: _Record, idf) -> float:
    clause, whole = context
    return CLAUSE_SHARE * _similarity(clause, record, idf) + (1 - CLAUSE_SHARE) * _similarity(
        whole, record, idf
    )


def _confidence(aspects: dict[str, float], weights: dict[str, float]) -> float:
    words = aspects["words"]
    scaled = {**aspects, "words": words / (words + WORDS_HALF) if words else 0.0}
    return sum(weights[k] * v for k, v in scaled.items())


# ----------------------------------------------------------------------------- numbers


def _interval(value, low, high, bound) -> tuple[float, float]:
    if bound in ("exact", "approximate"):
        return value, value
    return (
        low if low is not None else -math.inf,
        high if high is not None else math.inf,
    )


def _value_fit(m: Mention, f: Fact) -> float:
    (alo, ahi), (blo, bhi) = (
        _interval(m.value, m.low, m.high, m.bound),
        _interval(f.value, f.low, f.high, f.bound),
    )
    if (alo, ahi) == (blo, bhi):
        return 1.0
    return 0.5 if alo <= bhi and blo <= ahi else 0.0


def _bound_fit(m: Mention, f: Fact) -> float:
    if m.bound == f.bound:
        return 1.0
    return 0.5 if BOUND_FAMILY.get(m.bound) == BOUND_FAMILY.get(f.bound) else 0.0


def _draft_fact(base: Fact, m: Mention, quote: str, source_id: str, english: bool) -> Fact:
    suffix = re.sub(r"[^0-9A-Za-z_]", "_", source_id)
    fields = {n: getattr(m, n) for n in ("value", "low", "high")}
    return Fact(
        fact_id=f"{base.key}.{suffix}",
        key=base.key,
        topic=base.topic,
        subject=base.subject,
        metric=base.metric,
        unit=base.unit,
        bound=m.bound,
        status=base.status,
        attributed_to="the article",
        attributed_to_zh="文章",
        source_id=source_id,
        quotes=[Quote(quote=quote, gloss_en=quote if english else GLOSS_TODO)],
        **fields,
    )


def _number_suggestion(fb, m, context, quote, records, idf, source_id, english):
    best = None
    for f in fb.facts:
        if not f.numeric or f.source_id == source_id or not unit_fits(m.unit, f.unit):
            continue
        aspects = {
            "words": _words(context, records[f.key], idf),
            "bound": _bound_fit(m, f),
            "value": _value_fit(m, f),
        }
        score = _confidence(aspects, NUMBER_WEIGHTS)
        if best is None or score > best[0]:
            best = (score, f, aspects)
    if best is None or best[0] < MIN_CONFIDENCE or best[2]["words"] < MIN_WORDS:
        return None
    score, f, aspects = best
    value = {1.0: "same value", 0.5: "overlapping value", 0.0: "different value"}[aspects["value"]]
    reason = (
        f"unit {m.unit} fits {f.unit}; bound {m.bound} against {f.bound}; {value} as {f.fact_id}; "
        f"words {aspects['words']:.2f}. Status ({f.status}) copied from {f.fact_id} and attribution "
        "left as 'the article': check both"
    )
    draft = FactDraft(fact=_draft_fact(f, m, quote, source_id, english))
    return Suggestion(
        mention=m.text,
        start=m.start,
        target=f.key,
        confidence=round(score, 2),
        reason=reason,
        draft=draft,
    )


# ----------------------------------------------------------------------------- dates


def _date_fit(m: Mention, span: DateSpan) -> float:
    a = DateSpan(m.date_start, m.date_end, m.date_precision)
    if a.same(span):
        return 1.0
    if a.contains(span) or span.contains(a):
        return 0.7
    return 0.4 if a.start <= span.end and span.start <= a.end else 0.0


def _date_suggestion(fb, m, context, quote, records, idf, source_id, english):
    best = None
    for e in fb.events:
        if all(ev.source_id == source_id for ev in e.evidence):
            continue
        aspects = {
            "words": _words(context, records[e.event_id], idf),
            "date": _date_fit(m, fb.links.event_dates[e.event_id]),
        }
        score = _confidence(aspects, DATE_WEIGHTS)
        if best is None or score > best[0]:
            best = (score, e, aspects)
    if best is None:
        return None
    score, e, aspects = best
    if score < MIN_CONFIDENCE or aspects["words"] < MIN_WORDS or not aspects["date"]:
        return None
    curated = fb.links.event_dates[e.event_id]
    reason = (
        f"{m.date_start}..{m.date_end} ({m.date_precision}) against the event's "
        f"{curated.start}..{curated.end} ({curated.precision}); words {aspects['words']:.2f}"
    )
    gloss = quote if english else GLOSS_TODO
    return Suggestion(
        mention=m.text,
        start=m.start,
        target=EVENT_PREFIX + e.event_id,
        confidence=round(score, 2),
        reason=reason,
        draft=EvidenceDraft(evidence=Evidence(source_id=source_id, quote=quote, gloss_en=gloss)),
    )


# ----------------------------------------------------------------------------- a source


def _unused(m: Mention, source_id: str) -> Suggestion:
    why = (
        "no curated event's date and words fit"
        if m.kind == "date"
        else f"no curated fact with unit {m.unit or 'none'} fits its words and value"
    )
    return Suggestion(
        mention=m.text,
        start=m.start,
        target=None,
        confidence=0.0,
        reason=why,
        draft=UnusedDraft(unused=Unused(source_id=source_id, text=m.text, reason=UNUSED_TODO)),
    )


def _in_fact_quote(m: Mention, fact: Suggestion) -> Suggestion:
    # A date inside the quote of a fact draft is used by that fact once it is accepted.
    return fact.model_copy(
        update={
            "mention": m.text,
            "start": m.start,
            "reason": f"in the quote of the draft for {fact.mention!r}, which uses it once accepted",
        }
    )


def suggest(fb: FactBase, source_id: str) -> list[Suggestion]:
    """A suggestion for every uncurated mention of ``source_id``, in body order.

    Numbers first; then dates, each to its event, except that a date in the sentence of
    a fact draft goes with that fact unless it states an event's date exactly (the
    period of a zero statement is the fact's, not an event's).
    """
    if source_id not in fb.bodies:
        raise InputError(source_id, "no such source in the seeds folder")
    seed = next(s for s in fb.seeds if s.source_id == source_id)
    body = fb.bodies[source_id]
    english = seed.meta.language == "en"
    facts, events = _fact_records(fb), _event_records(fb)
    idf = _idf([*facts.values(), *events.values()])
    uncurated = [m for m in fb.mentions[source_id] if fb.mention_status(m)[0] == "uncurated"]
    out: list[Suggestion] = []
    for m in (m for m in uncurated if m.kind != "date"):
        quote = sentence(body.text, body.norm, m)
        context = _context_words(body.text, body.norm, m)
        found = _number_suggestion(fb, m, context, quote, facts, idf, source_id, english)
        out.append(found or _unused(m, source_id))
    fact_drafts = {s.quote: s for s in out if isinstance(s.draft, FactDraft)}
    for m in (m for m in uncurated if m.kind == "date"):
        quote = sentence(body.text, body.norm, m)
        context = _context_words(body.text, body.norm, m)
        found = _date_suggestion(fb, m, context, quote, events, idf, source_id, english)
        exact = found is not None and _date_fit(m, _event_span(fb, found)) == 1.0
        if quote in fact_drafts and not exact:
            found = _in_fact_quote(m, fact_drafts[quote])
        out.append(found or _unused(m, source_id))
    return sorted(out, key=lambda s: s.start)


def _event_span(fb: FactBase, s: Suggestion) -> DateSpan:
    return fb.links.event_dates[s.target.removeprefix(EVENT_PREFIX)]


def sources_to_suggest(fb: FactBase) -> list[str]:
    """The sources with mentions not yet curated."""
    return [
        s.source_id
        for s in fb.seeds
        if any(fb.mention_status(m)[0] == "uncurated" for m in fb.mentions[s.source_id])
    ]


# ----------------------------------------------------------------------------- read back


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


def review(fb: FactBase, data_dir: Path, keep: set[str]) -> tuple[list[dict], list[str]]:
    """Rows of every standing suggestion of the kept sources, and warnings for stale ones."""
    rows, warnings = [], []
    for path, doc in load(data_dir):
        if doc.source_id not in fb.bodies:
            warnings.append(
                f"{path}: no seed {doc.source_id} any more; its suggestions are dropped"
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
                    f"{path}: suggestion for {s.mention!r} at {s.start} no longer matches "
                    f"the article (run h200 suggest {doc.source_id} again); dropped"
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
