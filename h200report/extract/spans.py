"""Where a figure stands in its text: clauses, overlapping spans, the characters around it.

Shared by every reader of numbers: a bound or a unit is looked for within the clause,
and of two readings of the same characters the longer is kept.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

CLAUSE_BREAKS = set(',.。;:!?、\n“”"()[]【】「」『』')
# Punctuation that ends a clause; a comma or point between digits (75,000 / 7.5) does not.
# One pattern, so that re finds every break of a body in C; it starts with a character
# class, which re scans for quickly, and the digit test follows the break character.
_BREAK = re.compile("[" + "".join(map(re.escape, sorted(CLAUSE_BREAKS))) + r"](?!(?<=\d[,.])\d)")


@lru_cache(maxsize=4)
def _breaks(norm: str) -> list[int]:
    """Sorted offsets of the clause breaks of ``norm``.

    Found once per body (the cache is keyed by the string itself) so that the clause
    around each of its many candidates is two bisections instead of a character scan.
    """
    return [m.start() for m in _BREAK.finditer(norm)]


def clause_bounds(norm: str, pos: int) -> tuple[int, int]:
    """(start, end) of the clause around ``pos``: just after the break before it, up to the next one."""
    breaks = _breaks(norm)
    i = bisect_left(breaks, pos)  # breaks[:i] lie before pos, breaks[i] (if any) at or after it
    return (breaks[i - 1] + 1 if i else 0), (breaks[i] if i < len(breaks) else len(norm))


def touches_letters(norm: str, start: int, end: int) -> bool:
    """Digits glued to ASCII letters are names or codes: H200, MI325, G2, Qwen3.5, GPT-4."""
    before = norm[start - 1] if start > 0 else ""
    after = norm[end] if end < len(norm) else ""
    if before.isascii() and before.isalpha() or after.isascii() and after.isalpha():
        return True
    if before in "-." and start > 1 and norm[start - 2].isascii() and norm[start - 2].isalpha():
        return True
    beyond = norm[end + 1] if end + 1 < len(norm) else ""
    return after == "." and beyond.isascii() and beyond.isalpha()


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


class Blocked:
    """Fixed spans (possibly overlapping) asking "does (start, end) overlap any?" by bisection.

    With the spans sorted by start, those starting before ``end`` are a prefix of the
    list, and one of them overlaps when the largest end in that prefix passes ``start``.
    """

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        for _, e in spans:
            self.max_end.append(max(e, self.max_end[-1]) if self.max_end else e)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)
        return i > 0 and self.max_end[i - 1] > start


def drop_overlapping(items: list) -> list:
    """Longest first (then leftmost), keep each item that overlaps none kept before it.

    The items are never empty (every span holds at least its numeral), so the kept
    ones are disjoint and, sorted by start, also sorted by end: the only kept span
    that can overlap a new one is the last kept span starting before the new one ends.
    """
    kept_starts: list[int] = []
    kept_ends: list[int] = []
    kept: list = []
    for item in sorted(items, key=lambda i: (-(i.end - i.start), i.start)):
        i = bisect_left(kept_starts, item.end)
        if i and kept_ends[i - 1] > item.start:
            continue
        kept_starts.insert(i, item.start)
        kept_ends.insert(i, item.end)
        kept.append(item)
    return sorted(kept, key=lambda i: i.start)
