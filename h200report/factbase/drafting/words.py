"""Words compared with the curated records: character bigrams weighted by their rarity.

Bigrams of the normalised text work for Chinese and English alike; weighting each by how
rare it is among the curated records makes 芯片 or "the" count for little, 上限 or
"hearing" for much.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ...extract.textnorm import normalise
from ..tables import FactBase
from .sentences import NAMES_ZH

# Words of an attribution that name nobody.
NOT_NAMES = frozenset(
    [
        "with",
        "that",
        "from",
        "this",
        "their",
        "said",
        "told",
        "according",
        "citing",
        "article",
        "commentary",
        "account",
        "speaking",
        "testifying",
        "own",
        "named",
        "unnamed",
        "source",
        "sources",
        "told",
    ]
)
# The clause around a mention speaks of it most; the sentence gives context.
CLAUSE_SHARE = 0.7


def bigrams(text: str) -> frozenset[str]:
    chars = "".join(re.findall(r"\w", normalise(text).casefold()))
    return frozenset(chars[i : i + 2] for i in range(len(chars) - 1))


def idf(records: list[frozenset[str]]) -> dict[str, float]:
    df = Counter(b for r in records for b in r)
    n = len(records)
    return {b: math.log((n + 1) / (count + 0.5)) for b, count in df.items()}


def similarity(a: frozenset[str], b: frozenset[str], weights: dict[str, float]) -> float:
    """Cosine of the two sets of bigrams, each bigram weighted by its rarity."""
    if not a or not b:
        return 0.0
    shared = sum(weights.get(x, 0.0) ** 2 for x in a & b)
    norm_a = math.sqrt(sum(weights.get(x, 0.0) ** 2 for x in a))
    norm_b = math.sqrt(sum(weights.get(x, 0.0) ** 2 for x in b))
    return shared / (norm_a * norm_b) if norm_a and norm_b else 0.0


def in_context(clause: frozenset[str], whole: frozenset[str], record, weights) -> float:
    return CLAUSE_SHARE * similarity(clause, record, weights) + (1 - CLAUSE_SHARE) * similarity(
        whole, record, weights
    )


def fact_records(fb: FactBase) -> dict[str, frozenset[str]]:
    texts: dict[str, list[str]] = {}
    for f in fb.facts:
        if not f.numeric:
            continue
        texts.setdefault(f.key, []).extend(
            [f.subject, f.metric, fb.labels.metric_label(f.metric, "zh")]
            + [fb.labels.key_label(f.key, lang, f.metric) for lang in ("en", "zh")]
            + [q.quote for q in f.quotes]
            # The glosses let an English article meet a record curated from a Chinese one.
            + [q.gloss_en or "" for q in f.quotes]
        )
    return {k: bigrams(" ".join(t)) for k, t in texts.items()}


def event_records(fb: FactBase) -> dict[str, frozenset[str]]:
    return {
        e.event_id: bigrams(
            " ".join(
                [e.title_en, e.title_zh, e.actor]
                + [ev.quote for ev in e.evidence]
                + [ev.gloss_en or "" for ev in e.evidence]
            )
        )
        for e in fb.events
    }


def actor_words(text: str) -> frozenset[str]:
    """The names in an actor or attribution: its words (roles such as "official" too), its
    Chinese bigrams and the English of the Chinese names it holds (川普 is Trump)."""
    norm = normalise(text)
    english = " ".join(v for k, v in NAMES_ZH.items() if k in norm)
    latin = {w.casefold() for w in re.findall(r"[A-Za-z]{4,}", f"{norm} {english}")} - NOT_NAMES
    han = re.sub(r"[^\u4e00-\u9fff]", " ", norm).split()
    return frozenset(latin | {h[i : i + 2] for h in han for i in range(len(h) - 1)})
