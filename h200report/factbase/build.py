"""Running the chain: seeds and curated files to a checked FactBase.

Stage 1 (``extract``) reads the seeds and finds their mentions; then the curated
files are read and every record is checked against the articles (``verify``). The
first bad input stops the build with an ``InputError`` naming the file. What is not
wrong but not finished (mentions nobody has curated, English text without its Chinese
companion) is a warning: a new article must reach the reports before it is curated.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from .. import companions, paths
from ..extract.corpus import read_corpus
from ..extract.sources import load_seeds
from ..paths import SOURCES_FILE_NAME
from .curation import (
    EVENTS_FILE,
    FACTS_FILE,
    LABELS_FILE,
    UNUSED_FILE,
    load_events,
    load_facts,
    load_unused,
)
from .labels import load_labels
from .labels import untranslated as untranslated_labels
from .notes import SAMPLE, Note
from .tables import FactBase
from .verify import link


class UncuratedWarning(UserWarning):
    """A seed has mentions that no fact, event or 'unused' entry accounts for yet."""


class UntranslatedWarning(UncuratedWarning):
    """A curated record has English text without its Chinese companion: the zh report
    shows the English. A kind of UncuratedWarning (its Chinese is not curated yet), so
    that every caller that prints the build's warnings itself, and silences Python's,
    treats both alike."""


def build(seeds_dir: Path = paths.SEEDS_DIR, data_dir: Path = paths.DATA_DIR) -> FactBase:
    """Run the chain on a seeds folder and a data folder; InputError on the first bad input."""
    seeds = load_seeds(Path(seeds_dir))
    bodies, mentions = read_corpus(seeds)
    curated = paths.curated_dir(data_dir)
    facts, events, unused = load_facts(curated), load_events(curated), load_unused(curated)
    labels = load_labels(curated, facts, events)
    links = link(seeds, bodies, mentions, facts, events, unused, curated)
    fb = FactBase(seeds, bodies, mentions, facts, events, unused, links, labels)
    for s in seeds:
        uncurated = [
            m.text for m in mentions[s.source_id] if fb.mention_status(m)[0] == "uncurated"
        ]
        if uncurated:
            note = Note(
                "uncurated",
                s.path,
                ("source", s.source_id),
                fields=tuple(uncurated[:SAMPLE]),
                sources=(s.source_id,),
                count=len(uncurated),
            )
            fb.notes.append(note)
            warnings.warn(str(note), UncuratedWarning, stacklevel=2)
    for note in untranslated(fb, Path(seeds_dir), curated):
        fb.notes.append(note)
        warnings.warn(str(note), UntranslatedWarning, stacklevel=2)
    return fb


def untranslated(fb: FactBase, seeds_dir: Path, curated: Path) -> list[Note]:
    """One note per record with English text but not its Chinese companion, naming the
    file, the record and each such field."""
    sources = seeds_dir / SOURCES_FILE_NAME
    records = [(sources, ("source", s.source_id), (s.source_id,), "", s.meta) for s in fb.seeds]
    records += [
        (curated / FACTS_FILE, ("fact", f.fact_id), (f.source_id,), "", f) for f in fb.facts
    ]
    records += [
        (
            curated / EVENTS_FILE,
            ("event", e.event_id),
            tuple(dict.fromkeys(q.source_id for q in e.evidence)),
            "",
            e,
        )
        for e in fb.events
    ]
    records += [
        (curated / UNUSED_FILE, ("unused", u.text), (u.source_id,), u.source_id, u)
        for u in fb.unused
    ]
    notes = [
        Note("unlabelled", curated / LABELS_FILE, record)
        for record in untranslated_labels(fb.labels, fb.facts)
    ]
    for path, record, concerns, at, item in records:
        gaps = companions.missing(item, item.ZH_COMPANIONS)
        if gaps:
            notes.append(
                Note(
                    "untranslated",
                    path,
                    record,
                    fields=tuple(en for en, _ in gaps),
                    wanted=tuple(zh for _, zh in gaps),
                    sources=concerns,
                    at=at,
                )
            )
    return notes
