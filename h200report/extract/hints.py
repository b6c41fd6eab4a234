"""Where a date pattern is tried: near a hint character, or only in bodies holding its words.

Most date patterns begin with an optional group or an assertion, so ``re`` cannot skip
ahead to where they might match; these hints let them be tried where they can.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple


class Hint(NamedTuple):
    """Where a pattern can match: each match starts at most ``reach`` characters before a hit
    of ``chars`` (one character, or a few whose hits cannot overlap); or, with ``reach`` 0,
    exactly where ``chars`` matches, a pattern whose hits cannot hide the start of another.
    See ``finditer``."""

    chars: re.Pattern
    reach: int
    # The characters a match can start with, when fewer than any: only positions holding
    # one are tried (most of the reach before a hint is other text).
    starts: re.Pattern | None = None


class Needs(NamedTuple):
    """A pattern that can only match where one of ``words`` occurs (in lower case): most
    bodies hold none of an English pattern's words, and then it is not run at all."""

    words: tuple[str, ...]


class Starts(NamedTuple):
    """A pattern whose every match starts with one of ``words`` (in lower case; the pattern may
    ignore case): it is tried only where one of them stands in the lower-case text.

    An English pattern that begins with a word boundary and ignores case gets no fast scan
    from ``re``: it is tried at each of the ten thousand characters of an English body
    (together such patterns took nearly half the time of the date patterns). Plain
    substring searches find its few starts instead.
    """

    words: tuple[str, ...]
    # As ``Needs``: the pattern is run only on bodies that hold one of these (where the text
    # cannot be searched by position, the same bodies as before are searched whole).
    needs: tuple[str, ...] = ()


class At(NamedTuple):
    """A pattern tried only at the positions ``positions(norm, lower)`` gives (ascending): a
    superset of where its matches can start, found by plain string searches."""

    positions: Callable[[str, str], Iterable[int]]
    needs: tuple[str, ...] = ()


# The characters other than A-Z and a-z that match an ASCII letter when case is ignored
# (İ ı ſ and the Kelvin sign K): a text holding one, or one whose lower case has another
# length, is searched by the pattern alone (a word found in ``lower`` could be missed, or
# stand elsewhere in ``norm``).
_CASE_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


@lru_cache(maxsize=2)
def _aligned(norm: str, lower: str) -> bool:
    return len(norm) == len(lower) and not _CASE_FOLDS_TO_ASCII.search(norm)


def word_positions(lower: str, words: Iterable[str]) -> list[int]:
    """Every position where one of ``words`` starts in ``lower``, ascending."""
    found: set[int] = set()
    for word in words:
        at = lower.find(word)
        while at != -1:
            found.add(at)
            at = lower.find(word, at + 1)
    return sorted(found)


def before_space(text: str, at: int) -> int:
    """Where the white space that ends just before ``at`` starts (``at`` if there is none)."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at


def led_by(lower: str, words: Iterable[str], longest_lead: int, alone: bool = False) -> list[int]:
    """Where a match can start that has a lead of at most ``longest_lead`` characters, then
    white space, right before one of ``words`` (14 Dec., in Dec.): the ``longest_lead``
    positions before the white space in front of each occurrence of a word; with ``alone``
    (the lead is optional: last Tuesday, Tuesday) the occurrence itself too."""
    found: set[int] = set()
    for at in word_positions(lower, words):
        if alone:
            found.add(at)
        end = before_space(lower, at)
        if end < at:
            found.update(range(max(0, end - longest_lead), end))
    return sorted(found)


def finditer(
    pattern: re.Pattern, norm: str, hint: Hint | Needs | Starts | At | None, lower: str
) -> Iterator[re.Match]:
    """The matches of ``pattern.finditer(norm)``, found by trying the pattern only near its hint.

    Patterns that begin with an optional group or an assertion get no fast first-character
    scan from ``re``, so a plain ``finditer`` tries them at every position of the body.
    Every match starts at most ``hint.reach`` characters before a hint character, so trying
    ``pattern.match`` at those positions only, leftmost first and resuming after each match,
    finds exactly the matches ``finditer`` does (lookbehinds and ``\\b`` still see the text
    before the position tried). The patterns given a hint never match the empty string.
    A pattern that ``Needs`` words is run on the bodies holding one of them (``lower`` is
    ``norm`` in lower case); one that ``Starts`` with words, or is tried ``At`` positions,
    only there.
    """
    if isinstance(hint, Needs) and not any(w in lower for w in hint.words):
        return
    if isinstance(hint, (Starts, At)):
        if hint.needs and not any(w in lower for w in hint.needs):
            return
        if not _aligned(norm, lower):
            yield from pattern.finditer(norm)
            return
        if isinstance(hint, Starts):
            positions = word_positions(lower, hint.words)
        else:
            positions = hint.positions(norm, lower)
        # The leftmost match at or after ``untried`` starts at one of the positions: trying
        # them in order, resuming after each match, finds what ``finditer`` finds.
        untried = 0
        for at in positions:
            if at < untried:
                continue
            match = pattern.match(norm, at)
            if match:
                yield match
                untried = match.end()
        return
    if not isinstance(hint, Hint):
        yield from pattern.finditer(norm)
        return
    untried = 0  # positions before this were tried already or lie inside a match
    match_at = pattern.match
    start_at = hint.starts.search if hint.starts is not None else None
    for hit in hint.chars.finditer(norm):
        end = hit.start() + 1
        if end <= untried:
            continue  # a hint inside the last match: every position up to it was tried
        at = max(untried, hit.start() - hint.reach)
        found = False
        # The positions from ``at`` to the hint, or those of them holding a start character,
        # searched one after the other (no iterator is built per hint).
        while at < end:
            if start_at is not None:
                start = start_at(norm, at, end)
                if start is None:
                    break
                at = start.start()
            match = match_at(norm, at)
            if match:
                yield match
                untried, found = match.end(), True
                break
            at += 1
        if not found:
            untried = end
