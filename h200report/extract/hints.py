"""Where a date pattern is tried: near a hint character, or only in bodies holding its words.

Most date patterns begin with an optional group or an assertion, so ``re`` cannot skip
ahead to where they might match; these hints let them be tried where they can.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple


class Hint(NamedTuple):
    """Where a pattern can match: each match starts at most ``reach`` characters before a hit
    of ``chars``, a one-character pattern; or, with ``reach`` 0, exactly where ``chars``
    matches, a pattern whose hits cannot hide the start of another. See ``finditer``."""

    chars: re.Pattern
    reach: int
    # The characters a match can start with, when fewer than any: only positions holding
    # one are tried (most of the reach before a hint is other text).
    starts: re.Pattern | None = None


class Needs(NamedTuple):
    """A pattern that can only match where one of ``words`` occurs (in lower case): most
    bodies hold none of an English pattern's words, and then it is not run at all."""

    words: tuple[str, ...]


def finditer(
    pattern: re.Pattern, norm: str, hint: Hint | Needs | None, lower: str
) -> Iterator[re.Match]:
    """The matches of ``pattern.finditer(norm)``, found by trying the pattern only near its hint.

    Patterns that begin with an optional group or an assertion get no fast first-character
    scan from ``re``, so a plain ``finditer`` tries them at every position of the body.
    Every match starts at most ``hint.reach`` characters before a hint character, so trying
    ``pattern.match`` at those positions only, leftmost first and resuming after each match,
    finds exactly the matches ``finditer`` does (lookbehinds and ``\\b`` still see the text
    before the position tried). The patterns given a hint never match the empty string.
    A pattern that ``Needs`` words is run on the bodies holding one of them (``lower`` is
    ``norm`` in lower case).
    """
    if isinstance(hint, Needs) and not any(w in lower for w in hint.words):
        return
    if not isinstance(hint, Hint):
        yield from pattern.finditer(norm)
        return
    untried = 0  # positions before this were tried already or lie inside a match
    for hit in hint.chars.finditer(norm):
        lo, end = max(untried, hit.start() - hint.reach), hit.start() + 1
        if hint.starts is None:
            positions: Iterator[int] | range = range(lo, end)
        else:
            positions = (m.start() for m in hint.starts.finditer(norm, lo, end))
        for at in positions:
            match = pattern.match(norm, at)
            if match:
                yield match
                untried = match.end()
                break
        else:
            untried = max(untried, hit.start() + 1)
