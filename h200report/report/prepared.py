"""The fact base as a report kernel needs it, prepared once per render.

Building the fact base (reading every seed, extracting mentions, verifying every
curated record, validating the tables) costs a kernel more than a second, and ten
kernels of one render would each do it again. So ``h200 render`` builds it once,
cuts it for each parameter set (``as_of``, folders) and seals every cut into one
signed file (``store.seal``, the format of the render's fact-base cache); its kernels
find that file in the ``H200_PREPARED`` environment variable and load their cut
instead of building. A kernel outside a render (JupyterLab, nbval, papermill by
hand) finds no such file and builds the fact base itself, through the same
``prepare`` function, so both paths show the same thing. A file that fails the
signature (written by anyone but this user's render) is ignored and the fact base
built instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import paths
from ..factbase.labels import Labels
from ..factbase.notes import Note
from ..store import seal, unseal
from .params import Settings

ENV = "H200_PREPARED"


@dataclass(frozen=True)
class Prepared:
    tables: dict[str, pd.DataFrame]
    labels: Labels
    # What is not finished in the sources kept (``factbase.notes.Note``), files as shown.
    notes: list[Note]
    # Suggested curation of the kept sources (``h200 suggest``): never part of ``tables``.
    suggestions: list[dict]
    # Each quote's paragraph, (source_id, quote) -> (paragraph, start, end), and each
    # source's address: what the "Sources and quotes" section shows (``evidence``).
    passages: dict = field(default_factory=dict)
    addresses: dict = field(default_factory=dict)


def _shown(note: Note, settings: Settings) -> Note:
    # Stored outputs must not carry absolute paths: they differ between machines
    # and between the project and a copied test fixture.
    for folder in (settings.seeds_dir, settings.data_dir):
        if note.file.is_relative_to(folder):
            return note.shown(str(Path(folder.name) / note.file.relative_to(folder)))
    return note.shown(paths.shown(note.file))


def prepare(fb, settings: Settings) -> Prepared:
    """The tables of ``fb`` as published by ``settings.as_of``, with the warnings that
    concern them and the suggestions waiting for review on the sources kept."""
    from ..factbase import suggest
    from .passages import UNCURATED_PER_SOURCE, addresses, passages, waiting_passages

    tables = fb.tables(settings.as_of)
    kept = set(tables["sources"]["source_id"])
    suggested, stale = suggest.review(fb, settings.data_dir, kept)
    # A note on the labels concerns no one source: every cut shows it.
    notes = [
        _shown(n, settings)
        for n in [*fb.notes, *stale]
        if not n.sources or kept.intersection(n.sources)
    ]
    # A quote's passage by (source_id, quote), a waiting mention's by (source_id, start).
    found = passages(fb, tables) | waiting_passages(fb, tables, UNCURATED_PER_SOURCE)
    return Prepared(tables, fb.labels, notes, suggested, found, addresses(fb, tables))


def cut_key(settings: Settings) -> tuple[str, str, str | None]:
    """What a cut depends on besides the fact base: its folders and date."""
    return (str(settings.seeds_dir), str(settings.data_dir), settings.as_of)


def save(cuts: dict[tuple, Prepared], path: Path) -> bool:
    """Seal the cuts of one render (``cut_key`` -> cut) for its kernels."""
    return seal(path, cuts)


def load(settings: Settings) -> Prepared | None:
    """The cut a render prepared for ``settings``, or None outside a render."""
    path = os.environ.get(ENV)
    cuts = unseal(Path(path), dict) if path else None
    cut = cuts.get(cut_key(settings)) if cuts else None
    return cut if isinstance(cut, Prepared) else None
