"""Every label, title and sentence of the package's own, read from the message
catalogues ``messages/en.po`` and ``messages/zh.po``.

The catalogues are gettext PO files, read with Babel: a person changes a sentence
of a report in a text file (or in any PO editor) without touching Python. Each entry
has a context saying what kind of word it is (``text``: sentences, titles and labels;
``column``: a table's header; ``value``: a word of the schema's vocabularies;
``field``: a record's field as a change line names it; ``precision``: a date's
precision; ``bound`` and ``unit``: how a figure reads, "at most {h}" and "chips") and a key the code asks for; ``{name}`` placeholders are filled in here.

A key that one catalogue lacks is an error naming the file, never English shown on
a Chinese page; ``tests/report/test_messages.py`` lists every such gap. Names of
curated content (fact keys, metrics) are curated data (``data/curated/labels.yaml``),
and quotes from the articles are never translated: they stay original, with the
curated gloss beside.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .errors import InputError
from .vocab import LANGUAGES

MESSAGES_DIR = Path(__file__).parent / "messages"
KINDS = ("text", "column", "value", "field", "precision", "bound", "unit", "parameter")


def catalogue_path(lang: str) -> Path:
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not one of {', '.join(LANGUAGES)}")
    return MESSAGES_DIR / f"{lang}.po"


@cache
def catalogue(lang: str) -> dict[tuple[str, str], str]:
    """``(kind, key) -> words`` of one language's catalogue."""
    # Imported here: Babel's catalogue classes cost a command that shows no report words.
    from babel.messages.pofile import read_po

    path = catalogue_path(lang)
    with path.open("rb") as handle:
        po = read_po(handle, abort_invalid=True)
    words = {}
    for message in po:
        if not message.id:
            continue  # the header
        if message.context not in KINDS:
            raise InputError(
                f"{path}:{message.lineno}",
                f"msgctxt {message.context!r} is not one of {', '.join(KINDS)}",
            )
        words[(message.context, message.id)] = message.string
    return words


def _lookup(kind: str, key: str, lang: str) -> str | None:
    words = catalogue(lang).get((kind, key))
    if words:
        return words
    if (kind, key) in catalogue("en") or words == "":
        raise InputError(catalogue_path(lang), f"no words for msgctxt {kind!r} msgid {key!r}")
    return None


def t(key: str, lang: str, **values: object) -> str:
    """The sentence or label ``key`` in ``lang``, with ``values`` filled in."""
    words = _lookup("text", key, lang)
    if words is None:
        raise KeyError(f"no message {key!r} in {catalogue_path('en')}")
    return words.format(**values)


def column(name: str, lang: str) -> str:
    """A table's header for the column ``name`` (the name itself where it has none)."""
    return _lookup("column", name, lang) or name


def field(name: str, lang: str) -> str:
    """A record's field in a change line, mid-sentence ("status", not "Status"); a field
    without words of its own by its column's."""
    words = _lookup("field", name, lang)
    if words:
        return words
    label = column(name, lang)
    return label[:1].lower() + label[1:]


def value(word: object, lang: str) -> object:
    """A vocabulary word (a status, a verdict, ...) in ``lang``; anything else as it is."""
    if isinstance(word, str):
        return _lookup("value", word, lang) or word
    return word


def precision(name: str | None, lang: str) -> str:
    if not name:
        return ""
    return _lookup("precision", name, lang) or name


def bound(name: str, lang: str) -> str:
    """How a figure with this bound reads, its numbers as ``{v}``, ``{l}`` and ``{h}``."""
    words = _lookup("bound", name, lang)
    if words is None:
        raise KeyError(f"no bound {name!r} in {catalogue_path('en')}")
    return words


def unit(name: str, lang: str) -> str:
    """A unit's word (empty for a bare count; the name itself for a unit without words)."""
    words = catalogue(lang).get(("unit", name))
    if words is None:
        return name
    return words


def parameter(name: str, lang: str) -> str:
    """What a notebook parameter means, as its comment in the parameters cell says."""
    words = _lookup("parameter", name, lang)
    if words is None:
        raise KeyError(f"no parameter {name!r} in {catalogue_path('en')}")
    return words


def keys(kind: str, lang: str = "en") -> set[str]:
    """The keys of one kind in a catalogue (the tests compare the languages by them)."""
    return {key for k, key in catalogue(lang) if k == kind}
