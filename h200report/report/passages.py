"""Each quote and each waiting mention in its paragraph of the article: what the
"Sources and quotes" section shows around a figure's quote, computed once per render
(``prepared``) from the bodies, which a kernel of a render does not read.
"""

from __future__ import annotations

import pandas as pd

# A paragraph longer than this is cut around its quote (with an ellipsis each side).
PARAGRAPH_CHARS = 600
AROUND_QUOTE = 240
ELLIPSIS = "…"
# Uncurated mentions listed per source in the sources report. A person curates a new
# article from its text and `h200 review`, not from this list; a hundred articles
# waiting would otherwise make a report of thousands of rows and megabytes. The
# mentions table holds every one.
UNCURATED_PER_SOURCE = 20


def passage(
    text: str, paragraphs: tuple[tuple[int, int], ...], quote: str
) -> tuple[str, int, int] | None:
    """The paragraph of ``text`` holding ``quote`` (its first occurrence) and where the
    quote lies in it, ``(paragraph, start, end)``; the paragraphs a quote runs across
    together; a long paragraph cut around the quote. None when the quote is not there."""
    at = text.find(quote) if quote else -1
    if at < 0:
        return None
    return passage_at(text, paragraphs, at, at + len(quote))


def passage_at(
    text: str, paragraphs: tuple[tuple[int, int], ...], at: int, end: int
) -> tuple[str, int, int]:
    """``passage`` of the span ``at:end`` of ``text`` (a mention's)."""
    starts = [s for s, e in paragraphs if s <= at < max(e, s + 1)]
    ends = [e for s, e in paragraphs if s < end <= e]
    lo = starts[0] if starts else at
    hi = max(ends[-1] if ends else end, end)
    para, start, stop = text[lo:hi], at - lo, end - lo
    if len(para) > PARAGRAPH_CHARS:
        cut_lo = max(0, start - AROUND_QUOTE)
        cut_hi = min(len(para), stop + AROUND_QUOTE)
        before = ELLIPSIS if cut_lo else ""
        after = ELLIPSIS if cut_hi < len(para) else ""
        para = before + para[cut_lo:cut_hi] + after
        start, stop = start - cut_lo + len(before), stop - cut_lo + len(before)
    return para, start, stop


def passages(fb, tables: dict[str, pd.DataFrame]) -> dict[tuple[str, str], tuple[str, int, int]]:
    """Each quote of the tables' facts and events, ``(source_id, quote)`` -> its passage
    in that source's body (``passage``)."""
    out = {}
    for name in ("facts", "events"):
        for source_id, quote in zip(tables[name]["source_id"], tables[name]["quote"], strict=True):
            body = fb.bodies.get(source_id)
            found = body and passage(body.text, body.paragraphs, quote)
            if found:
                out[(source_id, quote)] = found
    return out


def waiting_passages(fb, tables: dict[str, pd.DataFrame], per_source: int) -> dict:
    """The first ``per_source`` uncurated mentions of each source, ``(source_id, start)``
    -> the mention's passage in its body: what the evidence section lists as waiting."""
    m = tables["mentions"]
    m = m[m["status"] == "uncurated"].groupby("source_id", sort=False).head(per_source)
    out = {}
    for source_id, start, end in zip(m["source_id"], m["start"], m["end"], strict=True):
        body = fb.bodies.get(source_id)
        if body is not None:
            out[(source_id, int(start))] = passage_at(body.text, body.paragraphs, start, end)
    return out


def addresses(fb, tables: dict[str, pd.DataFrame]) -> dict[str, str | None]:
    """Each source id of the tables -> the article's address as curated (None: none)."""
    kept = set(tables["sources"]["source_id"])
    return {s.source_id: s.meta.url for s in fb.seeds if s.source_id in kept}


def split_passage(found: tuple[str, int, int] | None, quote: str) -> dict[str, str]:
    """The text before the quote, the quote, the text after: the template marks the middle."""
    if found is None:
        return {"before": "", "quote": quote, "after": ""}
    para, start, end = found
    return {"before": para[:start], "quote": para[start:end], "after": para[end:]}
