"""The fact base as a report kernel needs it, prepared once per render.

Building the fact base (reading every seed, extracting mentions, verifying every
curated record, validating the tables) costs a kernel more than a second, and ten
kernels of one render would each do it again. So ``h200 render`` builds it once,
cuts it for each parameter set (``as_of``, folders) and writes one pickle per
distinct cut into its build folder; the kernels find that folder in the
``H200_PREPARED`` environment variable and load their cut instead of building.
A kernel outside a render (JupyterLab, nbval, papermill by hand) finds no such
folder and builds the fact base itself, through the same ``prepare`` function, so
both paths show the same thing.

The pickles are written by the render process itself for its own kernels (never
anything from an article or from outside the run); a file the kernel cannot read
is ignored and the fact base built instead.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import paths
from ..factbase.labels import Labels
from .params import Settings

ENV = "H200_PREPARED"


@dataclass(frozen=True)
class Prepared:
    tables: dict[str, pd.DataFrame]
    labels: Labels
    warnings: list[str]
    # Suggested curation of the kept sources (``h200 suggest``): never part of ``tables``.
    suggestions: list[dict]


def _display_path(text: str, settings: Settings) -> str:
    # Stored outputs must not carry absolute paths: they differ between machines
    # and between the project and a copied test fixture.
    for folder in (settings.seeds_dir, settings.data_dir):
        text = text.replace(str(folder), folder.name)
    return text.replace(str(paths.ROOT) + "/", "")


def prepare(fb, settings: Settings) -> Prepared:
    """The tables of ``fb`` as published by ``settings.as_of``, with the warnings that
    concern them and the suggestions waiting for review on the sources kept."""
    from ..factbase import suggest

    tables = fb.tables(settings.as_of)
    kept = set(tables["sources"]["source_id"])
    notes = [_display_path(w, settings) for w in fb.warnings if any(s in w for s in kept)]
    suggested, stale = suggest.review(fb, settings.data_dir, kept)
    notes += [_display_path(w, settings) for w in stale]
    return Prepared(tables, fb.labels, notes, suggested)


def cut_name(settings: Settings) -> str:
    """The file name of the cut that ``settings`` need: what the fact base depends on."""
    what = f"{settings.seeds_dir}\0{settings.data_dir}\0{settings.as_of}"
    return hashlib.sha256(what.encode()).hexdigest()[:20] + ".pickle"


def save(prepared: Prepared, folder: Path, settings: Settings) -> Path:
    path = Path(folder) / cut_name(settings)
    path.write_bytes(pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def load(settings: Settings) -> Prepared | None:
    """The cut a render prepared for ``settings``, or None outside a render."""
    folder = os.environ.get(ENV)
    if not folder:
        return None
    path = Path(folder) / cut_name(settings)
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError):
        prepared = pickle.loads(path.read_bytes())  # noqa: S301 (written by this render)
        if isinstance(prepared, Prepared):
            return prepared
    return None
