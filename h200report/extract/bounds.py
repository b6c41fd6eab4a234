"""Bounds of a figure: the word before or after it (超过, 以内, at most, about) within its
clause, a negated floor read as a ceiling, and the bound applied to the value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..vocab import MONEY_UNITS
from .lexicon import alternation, han, latin
from .numerals import Core, NumberSpan
from .spans import clause_bounds

WINDOW_BEFORE = 16
WINDOW_AFTER = 10


@dataclass(frozen=True)
class _BoundWords:
    """The bound lexicon flattened once into (word, bound) lists and compiled patterns."""

    # Every word of a list as one lookahead alternation, longest first: one scan of a
    # window finds, at each position, the longest word starting there.
    before: re.Pattern
    adjacent_before: list[tuple[str, str]]
    adjacent_endings: tuple[str, ...]  # the same words, for one test of them all
    after: re.Pattern
    # Word -> bound (the smallest, should the lexicon give a word two bounds).
    bound_of: dict[str, str]
    english: list[tuple[str, str, re.Pattern]]
    any_english: re.Pattern  # matches wherever at least one of ``english`` does


@cache
def _bound_words() -> _BoundWords:
    bounds = han().bounds.table()
    english = [
        (phrase, bound, re.compile(rf"\b{phrase}\s*(?:US)?\$?\s*$", re.IGNORECASE))
        for bound, words in latin().bounds.table().items()
        for phrase in words.before
    ]
    alternatives = "|".join(phrase for phrase, _, _ in english)
    bound_of: dict[str, str] = {}
    for bound, words in bounds.items():
        for word in words.before + words.after:
            bound_of[word] = min(bound, bound_of.get(word, bound))
    return _BoundWords(
        before=re.compile(f"(?=({alternation(w for b in bounds.values() for w in b.before)}))"),
        adjacent_before=[(w, b) for b, words in bounds.items() for w in words.adjacent_before],
        adjacent_endings=tuple(w for words in bounds.values() for w in words.adjacent_before),
        after=re.compile(f"(?=({alternation(w for b in bounds.values() for w in b.after)}))"),
        bound_of=bound_of,
        english=english,
        any_english=re.compile(rf"\b(?:{alternatives})\s*(?:US)?\$?\s*$", re.IGNORECASE),
    )


def _bound_from_context(norm: str, core: Core, left: int, right: int) -> str | None:
    """The bound word nearest to the number within its clause, before or after it."""
    clause = clause_bounds(norm, core.core_start)
    before = norm[max(clause[0], left, core.start - WINDOW_BEFORE) : core.start]
    after = norm[core.end : min(clause[1], right, core.end + WINDOW_AFTER)]
    words = _bound_words()
    # (distance from the number, -length, bound): the nearest, then longest word wins.
    # The order in which words are tried does not matter: the smallest tuple wins either way.
    best: tuple[int, int, str] | None = None
    # The longest word at each position is the only one there that can win: it ends
    # nearest to the number, and is the longest of those ending there.
    for hit in words.before.finditer(before):
        word = hit.group(1)
        distance = len(before) - hit.start() - len(word)
        best = min(best or (99, 0, ""), (distance, -len(word), words.bound_of[word]))
    if before.endswith(words.adjacent_endings):
        for word, bound in words.adjacent_before:
            if before.endswith(word):
                best = min(best or (99, 0, ""), (0, -len(word), bound))
    hit = words.after.search(after)  # the first position after is the nearest
    if hit:
        word = hit.group(1)
        best = min(best or (99, 0, ""), (hit.start(), -len(word), words.bound_of[word]))
    # Most numbers have no English bound phrase before them: one search over the
    # alternation rules them all out before trying each phrase for its length.
    if _LATIN_LETTER.search(before) and words.any_english.search(before):
        for phrase, bound, pattern in words.english:
            if pattern.search(before):
                best = min(best or (99, 0, ""), (0, -len(phrase), bound))
    if best is None and before.endswith("的"):
        best = _across_noun_phrase(norm, core, max(clause[0], left))
    # "to cap purchases of H200 chips at 75,000": the verb stands far from its number.
    if _says_cap(norm) and _CAP_AT.search(
        norm[max(clause[0], left, core.start - 100) : core.start]
    ):
        best = min(best or (99, 0, ""), (0, -len("cap at"), "at_most"))
    if best and best[2] == "more_than":
        # "no single company may buy more than 75,000", 不得采购超过: a negated floor is a ceiling.
        window = norm[max(clause[0], left, core.start - NEGATION_REACH) : core.start]
        not_negations = han().zero.not_negations  # 未来三年将超过 is no negation
        for negation in _ceiling_negation().finditer(window):
            if not any(window.startswith(w, negation.start()) for w in not_negations):
                return "at_most"
    return best[2] if best else None


# A letter an English bound phrase can hold, case ignored (with İ ı ſ K, which match ASCII
# letters then): most figures of a Chinese body have none before them, and the case-blind
# search over the phrases (tried at every character of the window) is not run for them.
_LATIN_LETTER = re.compile("[A-Za-z\u0130\u0131\u017f\u212a]")
NEGATION_REACH = 50
# How far a bound word may stand before a number it bounds across a 的-phrase.
NOUN_PHRASE_REACH = 40


def _across_noun_phrase(norm: str, core: Core, left: int) -> tuple[int, int, str] | None:
    """还不到中国市场过去一年需求总量的一半: a bound word before a noun phrase that ends in
    的 bounds the number after it, however long the phrase, if no other figure stands
    between them (``left`` is where the figure before ends)."""
    start = max(left, core.start - NOUN_PHRASE_REACH)
    before = norm[start : core.start]
    words = _bound_words()
    hits = list(words.before.finditer(before))
    if not hits:
        return None
    hit = hits[-1]
    word = hit.group(1)
    return len(before) - hit.start() - len(word), -len(word), words.bound_of[word]


@cache
def _ceiling_negation() -> re.Pattern:
    """The ceiling negations as one pattern; English words whole (not "no" in "know", but
    the "n't" of "hasn't")."""
    words = latin().bounds.ceiling_negations + han().bounds.ceiling_negations
    suffixes = [w for w in words if "'" in w or "’" in w]
    whole = alternation(w for w in words if w.isascii() and w not in suffixes)
    suffixes = alternation(suffixes)
    cjk = alternation(w for w in words if not w.isascii())
    return re.compile(
        rf"(?<![A-Za-z])(?:{whole})(?![A-Za-z])|(?:{suffixes})(?![A-Za-z])|{cjk}", re.IGNORECASE
    )


@lru_cache(maxsize=2)
def _says_cap(norm: str) -> bool:
    """Whether a body holds "cap" in any case: most hold none, and then the case-blind
    search of ``_CAP_AT`` (tried at each of a hundred characters before every figure) is
    not run. No other letter folds to c, a or p when case is ignored, so none is missed."""
    return "cap" in norm.lower()


_CAP_AT = re.compile(r"\bcap(?:s|ped|ping)?\b[^.;:!?]{0,80}?\bat\s*(?:US)?\$?\s*$", re.IGNORECASE)


def _adjacent_suffix(norm: str, core: Core) -> int:
    """Bound words right after the unit (以内, 以上, 左右) join the span."""
    for word in ("以内", "以下", "之内", "以上", "左右", "有余"):
        if norm.startswith(word, core.end):
            return core.end + len(word)
    return core.end


@cache
def _prefix_words() -> tuple[frozenset[str], tuple[int, ...]]:
    """The bound words that join a number's span, and their lengths, longest first."""
    bounds = han().bounds.table().values()
    words = {w for b in bounds for w in b.before + b.adjacent_before if w != "上限"}
    return frozenset(words), tuple(sorted({len(w) for w in words}, reverse=True))


def _adjacent_prefix(norm: str, core: Core) -> int:
    """Bound words right before the number (超过, 约, 不足) join the span."""
    words, lengths = _prefix_words()
    for length in lengths:  # longest first: the first hit is the longest word
        if length <= core.start and norm[core.start - length : core.start] in words:
            return core.start - length
    return core.start


def finish(norm: str, core: Core, left: int, right: int) -> NumberSpan:
    bound = core.bound or _bound_from_context(norm, core, left, right) or "exact"
    value, low, high = core.value, core.low, core.high
    if core.bound is None and value is not None:
        if bound in ("at_most", "less_than"):
            value, high = None, value
        elif bound in ("at_least", "more_than"):
            value, low = None, value
    elif core.bound is None and low is not None and high is not None:
        # A range (see ranges): a bound word before it bounds all of it.
        if bound == "exact":
            bound = "vague_range"
        elif bound == "approximate":
            bound = "approx_range"  # 约7万至8万: about low to high, both ends kept
        elif bound in ("at_most", "less_than"):
            low = None
        elif bound in ("at_least", "more_than"):
            high = None
    start = _adjacent_prefix(norm, core) if core.bound is None else core.start
    end = _adjacent_suffix(norm, core)
    kind = (
        "money" if core.unit in MONEY_UNITS else "percent" if core.unit == "percent" else "quantity"
    )
    return NumberSpan(start, end, kind, value, low, high, core.unit, bound)
