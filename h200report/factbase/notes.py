"""What the build notes about a fact base that is not wrong but not finished, as records.

A note says what kind of gap it is, which file and record it is in, which fields and
which sources it concerns. The command line prints it as one English line naming
the file (``str(note)``); a report words it in its reader's language from the same
record (``report.prose``), and cuts the notes to its sources by ``sources``: no stage
searches another's sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from ..errors import brief

Kind = Literal["uncurated", "untranslated", "unlabelled", "stale_suggestion"]
# How many of a source's uncurated mentions a note names.
SAMPLE = 6


@dataclass(frozen=True)
class Note:
    kind: Kind
    file: Path
    # What the note is about: ("source", id), ("fact", id), ("event", id),
    # ("unused", text), ("key", key), ("metric", metric), ("suggestion", mention).
    record: tuple[str, str]
    # uncurated: the sample of mentions; untranslated: the English fields lacking their
    # Chinese; stale_suggestion: the reason ("no_seed" or "no_match").
    fields: tuple[str, ...] = ()
    # untranslated: the Chinese companion each of ``fields`` lacks.
    wanted: tuple[str, ...] = ()
    # The sources the note concerns (a report keeps the notes of its sources).
    sources: tuple[str, ...] = ()
    count: int = 0
    # Where the record sits in a file with several sources (unused entries, suggestions).
    at: str = ""

    def __str__(self) -> str:
        return f"{self.file}: {_english(self)}"

    def shown(self, file: str) -> Note:
        """The same note naming its file as ``file`` (a report shows no absolute path)."""
        return replace(self, file=Path(file))


def _english(note: Note) -> str:
    kind, (record_kind, record_id) = note.kind, note.record
    if kind == "uncurated":
        more = " ..." if note.count > SAMPLE else ""
        return (
            f"{note.count} mention(s) not yet curated (neither evidence nor listed as unused): "
            f"{', '.join(note.fields)}{more}"
        )
    if kind == "unlabelled":
        if record_kind == "key":
            return f"key {record_id} has no Chinese label (keys.{record_id}.zh): the zh report shows the English"
        return (
            f"metric {brief(record_id)} has no Chinese (metrics): the zh report shows the English"
        )
    if kind == "untranslated":
        what = (
            f"unused entry {brief(record_id)} in {note.at}"
            if record_kind == "unused"
            else f"{record_kind} {record_id}"
        )
        fields = ", ".join(
            f"{en} but no {zh}" for en, zh in zip(note.fields, note.wanted, strict=True)
        )
        return f"{what} has {fields}: the zh report shows the English"
    if note.fields == ("no_seed",):
        return f"no seed {note.sources[0]} any more; its suggestions are dropped"
    return (
        f"suggestion for {record_id!r} at {note.at} no longer matches the article "
        f"(run h200 suggest {note.sources[0]} again); dropped"
    )
