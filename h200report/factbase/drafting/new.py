"""Drafts of records the fact base does not have yet: a new fact key, a new event.

Where no curated key or event fits a mention of a sentence about the policy, a draft of a
new one is better than a link forced onto the nearest: the review shows it as a question
("new key?"), with its name drafted from the sentence. Market figures (share prices,
indexes) and sentences about other things get no draft but an unused entry.
"""

from __future__ import annotations

import re

from ...extract.mentions import Mention
from ...vocab import UNITS
from ..curation import Event, Evidence
from . import sentences

# A new record is a question for the reviewer, never a default.
NEW_CONFIDENCE = 0.6
NOUN = {
    "chips": "chips",
    "USD": "amount (USD)",
    "CNY": "amount (CNY)",
    "TWD": "amount (TWD)",
    "HKD": "amount (HKD)",
    "companies": "number of companies",
    "percent": "share (percent)",
    "orders": "orders",
    "count": "count",
}
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "and",
        "or",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "its",
        "it",
        "that",
        "this",
        "with",
        "from",
        "as",
        "than",
        "about",
        "over",
        "more",
        "most",
    ]
)
CATEGORY_WORDS = (
    ("hearing", re.compile(r"\bhearing\b|听证", re.I)),
    ("market", re.compile(r"\b(?:earnings|shares|results)\b|财报|股价", re.I)),
    ("diplomatic", re.compile(r"\b(?:visit|summit|talks)\b|访问|会晤|外交", re.I)),
    (
        "corporate",
        re.compile(r"\b(?:nvidia|ceo|chief executive|company's)\b|英伟达|辉达|黄仁勋", re.I),
    ),
)
DATED_PRECISIONS = ("day", "part_of_month", "month")
# Units of how long something took: they date another thing, they are no claim of their own.
DURATIONS = ("months", "years")


def unit(m: Mention) -> str | None:
    """The curated unit a new key of this mention takes, None where the text names none."""
    return m.unit if m.unit in UNITS else None


def fits_a_new_record(norm: str, sentence: sentences.Span) -> bool:
    return sentences.has(sentences.ABOUT_POLICY, norm, sentence) and not sentences.has(
        sentences.MARKET_NOISE, norm, sentence
    )


def slug(text: str, fallback: str) -> str:
    words = [w for w in re.findall(r"[a-z]+", text.casefold()) if w not in STOP]
    return "_".join(words[:5]) or fallback


def names_in(norm: str, span: sentences.Span) -> list[str]:
    found = []
    for name, english in sentences.NAMES_ZH.items():
        if name in norm[span.start : span.end] and english not in found:
            found.append(english)
    return found


def key_label(text: str, norm: str, clause: sentences.Span, m: Mention, english: bool) -> str:
    """A short English name for a new key: the clause's own words in an English article;
    the names it holds and the unit in a Chinese one (the reviewer words it better)."""
    if english:
        words = text[clause.start : clause.end].strip(" ,.;").split()
        return " ".join(words[:12])
    names = names_in(norm, clause) or ["H200"]
    return f"{', '.join(names)}: {NOUN[unit(m)]}"


def category(norm: str, sentence: sentences.Span) -> str:
    return next(
        (name for name, pattern in CATEGORY_WORDS if sentences.has(pattern, norm, sentence)),
        "policy",
    )


# Capitalised words that open a sentence without naming anyone.
OPENERS = frozenset(
    ["in", "on", "under", "after", "before", "at", "by", "for", "but", "and", "a", "an", "it"]
    + ["this", "that", "its", "their", "his", "her", "last", "next", "earlier", "later"]
)
LEADING_NAME = re.compile(r"^(?:The |the )?(?:[A-Z][\w.'-]*\s?)+")
# A clause shorter than this says too little for a title; the sentence is taken.
TITLE_WORDS = 5
TITLE_CHARS = 8


def _actor(ctx) -> str:
    """Who acts: the clause's own subject (its leading name, or a name of the story it
    holds), else the speaker, else a name in the sentence."""
    clause = ctx.text[ctx.clause.start : ctx.clause.end]
    if ctx.english:
        m = LEADING_NAME.match(clause)
        words = m.group(0).split() if m else []
        if words and words[0].casefold() not in OPENERS:
            return " ".join(words)
    else:
        found = names_in(ctx.norm, ctx.clause)
        if found:
            return found[-1]
    return ctx.speaker or ", ".join(names_in(ctx.norm, ctx.sentence)) or "TODO: who acts"


def event_record(
    event_id: str,
    m: Mention,
    ctx,
    quote: str,
    gloss: str | None,
) -> tuple[Event, str]:
    """A new event dated by the mention, and what the reason should say of its titles."""
    actor = _actor(ctx)
    clause = re.sub(r"^[\s,]+|[\s,.;。]+$", "", ctx.text[ctx.clause.start : ctx.clause.end])
    if ctx.english:
        short = clause if len(clause.split()) >= TITLE_WORDS else quote
        title_en = " ".join(short.split()[:14]).rstrip(",.;")
        title_zh, said = title_en, "title_zh repeats the English title: write it in Chinese"
    else:
        short = clause if len(clause) >= TITLE_CHARS else quote
        title_en = f"{actor}: {category(ctx.norm, ctx.sentence)} event, {m.date_start:%d %b %Y}"
        title_zh = short[:40]
        said = "title_zh is the sentence's own words and title_en is drafted from names: check both"
    event = Event(
        event_id=event_id,
        date_start=m.date_start,
        date_end=m.date_end,
        date_precision=m.date_precision,
        category=category(ctx.norm, ctx.sentence),
        actor=actor,
        status=ctx.status,
        title_en=title_en,
        title_zh=title_zh,
        evidence=[Evidence(source_id=ctx.source_id, quote=quote, gloss_en=gloss)],
    )
    return event, said
