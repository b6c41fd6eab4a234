"""Chinese companions of curated English text, so that a zh report reads in Chinese throughout.

What a curator writes about a claim in words (the claim itself, who says it, a note, why
a mention is not used, the site of a capture) is written in English; each such field may
have a Chinese companion ``<field>_zh`` beside it in the same record, published next to
it, for the zh reports to show. Quotes are the articles' own words and need none.

A companion is optional: a curator who writes no Chinese can still add a record (the
build warns that the zh report shows the English). A companion without its English
field is refused: the en report would show nothing where the zh one shows a claim.
"""

from __future__ import annotations

# (English field, its Chinese companion) of one kind of record.
Pairs = tuple[tuple[str, str], ...]


def check_twins(record: object, pairs: Pairs) -> None:
    """ValueError (for a model validator) if a companion is given without its English field."""
    for en, zh in pairs:
        if getattr(record, zh) and not getattr(record, en):
            raise ValueError(f"{zh} given without {en}")


def missing(record: object, pairs: Pairs) -> list[tuple[str, str]]:
    """The pairs whose English text the record has but not its Chinese companion."""
    return [(en, zh) for en, zh in pairs if getattr(record, en) and not getattr(record, zh)]
