"""Numbers and zeros written in English words: three, a dozen, two hundred and fifty, half,
dozens of, no orders, none of the chips, has yet to ship H200 chips.
"""

from __future__ import annotations

import re
from functools import cache

from ..vocab import MONEY_UNITS
from .lexicon import Language, alternation, latin
from .numerals import SEVERAL_HIGH, SEVERAL_LOW, Core
from .spans import clause_bounds, is_ascii_letter
from .units import english_core, english_noun, english_unit

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.'’-]*")


@cache
def _word_patterns() -> dict[str, re.Pattern]:
    """The English word forms, compiled once: numbers, several-of, fractions, zeros."""
    lex = latin()
    numbers = alternation(lex.numerals.words)
    mults = alternation(lex.numerals.multipliers)
    several = alternation(lex.numerals.several)
    fractions = alternation(lex.numerals.fractions)
    join = r"(?:(?<=hundred)\s+and\s+|[\s-]+)"  # "two hundred and fifty", "twenty-one"
    return {
        "number": re.compile(
            rf"\b(?:an?\s+(?:{mults})|(?:{numbers}))(?:{join}(?:{numbers}|{mults})\b)*\b",
            re.IGNORECASE,
        ),
        "several": re.compile(
            rf"\b(?:several\s+(?P<mult>{mults})|(?P<many>{several})\s+of"
            rf"(?:\s+(?P<many2>{several})\s+of)?)\b",
            re.IGNORECASE,
        ),
        "fraction": re.compile(
            rf"\b(?:(?P<num>an?|{numbers})[\s-]+)?(?P<den>{fractions})\b"
            rf"(?:\s+an?\s+(?P<of>{mults})\b)?",
            re.IGNORECASE,
        ),
        "zero": re.compile(
            r"\b(?:(?P<zero>zero)|(?P<none>none)|(?P<nothing>nothing)|(?P<no>no)"
            r"|(?P<any>any|a single|one)|(?P<yet>yet to))\b",
            re.IGNORECASE,
        ),
        # Whole words, and the "n't" of "hasn't" (no word boundary before it).
        "negation": re.compile(
            r"(?:\b(?:"
            + alternation(w for w in lex.zero.before_count if "'" not in w and "’" not in w)
            + r")\b|n['’]t\b)",
            re.IGNORECASE,
        ),
        "trigger": _word_trigger(lex),
    }


def _word_trigger(lex: Language) -> re.Pattern:
    """The first word of every English word form, so that one scan finds where to try them.

    Plain lower-case and capitalised alternatives (not IGNORECASE) let ``re`` skip every
    character that starts none of them, which is nearly all of a Chinese body.
    """
    first_words = {"several", "zero", "none", "nothing", "no", "any", "one", "yet", "single"}
    first_words |= set(lex.numerals.words) | set(lex.numerals.several)
    first_words |= set(lex.numerals.fractions) | set(lex.numerals.multipliers)
    words = [v for w in first_words for v in (w, w.capitalize())]
    return re.compile(rf"(?:{alternation(words)})(?![A-Za-z])")


# "a"/"an" before a trigger word (a dozen, a third, a single): the forms start there.
_ARTICLE_BEFORE = re.compile(r"(?<![A-Za-z])[Aa]n?\s+$")


def _number_in_words(text: str) -> tuple[float, int] | None:
    """(value, length of the words read) of "three", "twenty-one", "a dozen", "two hundred
    thousand"; reading stops where the words stop forming one number ("two three-year ...")."""
    lex = latin()
    numbers, mults = lex.numerals.words, lex.numerals.multipliers
    total, current, last, used = 0.0, 0.0, None, 0
    for token in re.finditer(r"[A-Za-z]+", text):
        word = token.group().lower()
        if word in ("a", "an", "and"):
            continue
        if word in numbers:
            value = numbers[word]
            tens_then_unit = last == "tens" and value < 10
            if last in ("unit", "tens") and not tens_then_unit:
                break
            current += value
            last = "tens" if value >= 20 and value % 10 == 0 and last != "tens" else "unit"
        else:
            scale = mults[word]
            if scale < 1000:  # dozen, hundred multiply what stands before them
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0
            last = "mult"
        used = token.end()
    if not used:
        return None
    return total + current, used


_OF = re.compile(r"\s+of\b", re.IGNORECASE)


def _after_of(norm: str, pos: int) -> int:
    """``pos`` moved past " of" ("dozens of companies"), so that the noun after can be read."""
    match = _OF.match(norm, pos)
    return match.end() if match else pos


def word_cores(norm: str, clause_of) -> list[Core]:
    """Numbers and zeros written in English words, each tried where a trigger word starts."""
    patterns = _word_patterns()
    cores = []
    for trigger in patterns["trigger"].finditer(norm):
        at = trigger.start()
        if at and is_ascii_letter(norm[at - 1]):
            continue  # the tail of a longer word (someone, phone)
        article = _ARTICLE_BEFORE.search(norm, max(0, at - 4), at)
        for start in (at, article.start()) if article else (at,):
            number = patterns["number"].match(norm, start)
            several = patterns["several"].match(norm, start)
            fraction = patterns["fraction"].match(norm, start)
            zero = patterns["zero"].match(norm, start)
            found = [
                _number_words_core(norm, number) if number else None,
                _several_core(norm, several) if several else None,
                _fraction(norm, fraction, clause_of(start)) if fraction else None,
                _zero_word(norm, zero, clause_of(start)) if zero else None,
            ]
            cores += [core for core in found if core is not None]
    return cores


def _number_words_core(norm: str, match: re.Match) -> Core | None:
    """three, twenty-one, a dozen, two hundred thousand, with the unit after them."""
    parsed = _number_in_words(match.group())
    if parsed is None:
        return None
    value, length = parsed
    end = match.start() + length
    if norm[match.start() : end].lower() == "one" and not _counts_one(norm, match.start(), end):
        return None  # "one official said", "one of the": a pronoun, not a count
    return english_core(norm, match.start(), end, value)


_NO_BEFORE = re.compile(r"\b[Nn]o\s+$")


def _counts_one(norm: str, start: int, end: int) -> bool:
    """ "one" counts only right before a counted noun of the lexicon (one company, one
    member responded) and not negated (not one chip is a zero)."""
    if _OF.match(norm, end) or english_noun(norm, end) is None:
        return False
    if _NO_BEFORE.search(norm, max(0, start - 4), start):
        return False  # no one company may: "no single", a rule for each
    return not _negated_english(norm, start, clause_bounds(norm, start)[0])


def _several_core(norm: str, match: re.Match) -> Core:
    """several hundred, dozens of, hundreds of millions of (dollars): 2 to 9 times the magnitude."""
    lex = latin()
    if match.group("mult"):
        magnitude, end = lex.numerals.multipliers[match.group("mult").lower()], match.end()
    else:
        magnitude = lex.numerals.several[match.group("many").lower()]
        if match.group("many2"):
            magnitude *= lex.numerals.several[match.group("many2").lower()]
        end = match.end("many2") if match.group("many2") else match.end("many")
    unit_end, unit = english_unit(norm, _after_of(norm, end))
    end = unit_end if unit in MONEY_UNITS else end
    low, high = SEVERAL_LOW * magnitude, SEVERAL_HIGH * magnitude
    return Core(match.start(), end, match.start(), end, None, low, high, unit, "vague_range")


_FRACTION_FOLLOWERS = re.compile(
    r"\s+(?:of|the|its|their|his|her|our|that|what|all|a|an)\b|\s*(?:[,.;:!?)]|$)", re.IGNORECASE
)


_ORDINAL_BEFORE = re.compile(
    r"(?:first|second|third|fourth|latter|former|other|back|front|top|bottom)\s+$", re.IGNORECASE
)


def _fraction(norm: str, match: re.Match, clause: tuple[int, int]) -> Core | None:
    """half, a third, two-thirds: percent of what follows; half a million is a number."""
    lex = latin()
    denominator = lex.numerals.fractions[match.group("den").lower()]
    numerator_word = (match.group("num") or "").lower()
    numerator = 1 if numerator_word in ("", "a", "an") else lex.numerals.words[numerator_word]
    if match.group("of"):  # half a million, half a dozen: a number, not a share
        if denominator != 2 or numerator_word:
            return None
        value = lex.numerals.multipliers[match.group("of").lower()] / 2
        return english_core(norm, match.start(), match.end(), value)
    if not numerator_word and denominator != 2:
        return None  # "third" alone is an ordinal ("the third round")
    if _ORDINAL_BEFORE.search(norm, max(0, match.start() - 12), match.start()):
        return None  # the first half, the second quarter
    if not _FRACTION_FOLLOWERS.match(norm, match.end(), clause[1] + 1):
        return None  # a third country, half-year
    value = 100 * numerator / denominator
    return Core(match.start(), match.end(), match.start(), match.end(), value, unit="percent")


def _counted_noun(norm: str, pos: int, end: int, modifiers: int) -> tuple[bool, str | None]:
    """(found, unit) of the thing a zero counts: a noun of the lexicon or a model name (H200)
    after ``pos``, past at most ``modifiers`` other words (no new orders, no H200 chips)."""
    lex = latin()
    nouns = lex.units.nouns | lex.units.measured
    found, skipped = False, 0
    for word in _WORD.finditer(norm, pos, min(end, pos + 80)):
        token = word.group().lower().rstrip(".")
        if token in nouns:
            return True, nouns[token]
        if token in lex.zero.stop_words:
            break
        if token.isdigit():
            continue  # none of the roughly 40 companies: the figure is a mention of its own
        if any(c.isdigit() for c in token) and any(c.isalpha() for c in token):
            found = True  # a model name counts what follows it, or stands for the chip itself
        elif found or skipped >= modifiers:
            break
        else:
            skipped += 1
    return found, None


def _noun_before(norm: str, pos: int, clause_start: int) -> str | None:
    """Unit of the subject of "sales to China had been zero": the nearest counted noun before."""
    lex = latin()
    nouns = lex.units.nouns | lex.units.measured
    words = [w.group().lower() for w in _WORD.finditer(norm, max(clause_start, pos - 80), pos)]
    return next((nouns[w] for w in reversed(words) if w in nouns), None)


def _zero_word(norm: str, match: re.Match, clause: tuple[int, int]) -> Core | None:
    """zero, none, nothing; no before a counted noun; any/a single/one after a negation;
    yet to before a counted noun. Each is 0 with the unit of the noun it counts."""
    if _zero_idiom(norm, match):
        return None
    start, end = match.span()
    kind = match.lastgroup
    if kind == "zero":
        end, unit = english_unit(norm, end)  # zero percent, zero dollars
        if unit is None:
            found, unit = _counted_noun(norm, end, clause[1], 1)
            if not found:
                unit = _noun_before(norm, start, clause[0])
    elif kind == "none":
        of = _NONE_OF.match(norm, end)
        unit = _counted_noun(norm, of.end(), clause[1], 2)[1] if of else None
    elif kind == "nothing":
        unit = None
    elif kind == "no":
        found, unit = _counted_noun(norm, end, clause[1], 2)
        if not found:
            return None  # no longer, no comment, no decision
    elif kind == "any":
        if not _negated_english(norm, start, clause[0]):
            return None  # any single buyer, any one company
        found, unit = _counted_noun(norm, end, clause[1], 2)
        if not found and norm[end : clause[1]].strip():
            return None  # not in any way: a zero names what it counts, or ends the clause
    else:
        found, unit = _yet_to_object(norm, end, clause[1])
        if not found:
            return None  # yet to decide; yet to ship any chips (the "any" is the zero)
    return Core(start, end, match.start(), match.end(), 0.0, unit=unit, bound="exact")


_NONE_OF = re.compile(r"\s+of\s+(?:the|its|their|these|those|his|her|our)?", re.IGNORECASE)
_VERB_AFTER = re.compile(r"\s+([A-Za-z]+)")


def _yet_to_object(norm: str, pos: int, end: int) -> tuple[bool, str | None]:
    """has yet to ship H200 chips: the counted noun after the verb, unless "any" or "a single"
    follows (that word is the zero then)."""
    verb = _VERB_AFTER.match(norm, pos, end)
    if verb is None:
        return False, None
    rest = norm[verb.end() : end].lstrip().lower()
    if rest.startswith(("any ", "a single ", "one ")):
        return False, None
    return _counted_noun(norm, verb.end(), end, 2)


def _zero_idiom(norm: str, match: re.Match) -> bool:
    """zero-sum, second to none, nothing but, no single (each may not): no zero here."""
    word = match.group().lower()
    for phrase in latin().zero.not_zero:
        at = phrase.find(word)
        if (
            at != -1
            and norm[match.start() - at : match.start() - at + len(phrase)].lower() == phrase
        ):
            return True
    return False


def _negated_english(norm: str, pos: int, clause_start: int) -> bool:
    """A negation (not, never, yet to, n't, without...) in the clause shortly before ``pos``."""
    return bool(_word_patterns()["negation"].search(norm, max(clause_start, pos - 40), pos))
