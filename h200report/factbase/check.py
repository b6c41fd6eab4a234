"""`h200 check`: the live fact base's to-do list, one line per problem.

A fact base can build and still not be finished: mentions nobody has curated, English
text without its Chinese companion, a key or metric without its Chinese label,
suggestions left stale by an edited article, published tables older than the curated
files, stored notebooks executed on an older fact base. These are data, not code: the
unit tests run on their own corpus, and ``make test`` runs this check as one test whose
failure says so. A fact base that does not build at all (a quote not in its article, a
malformed file) is an ``InputError``, as in ``make data``.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from .. import paths
from ..paths import language_notebooks_dir
from ..vocab import LANGUAGES
from .build import UncuratedWarning, build
from .inputs import inputs_digest, predates
from .publish import render_files


def problems(
    seeds_dir: Path = paths.SEEDS_DIR,
    data_dir: Path = paths.DATA_DIR,
    notebooks_dir: Path | None = paths.NOTEBOOKS_DIR,
) -> list[str]:
    """Every problem of the fact base in ``seeds_dir`` and ``data_dir``, one line each,
    naming the file and the record; ``notebooks_dir``: the stored notebooks that should
    have been executed on this fact base (None: none)."""
    from . import suggest

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UncuratedWarning)
        fb = build(seeds_dir, data_dir)
    found = [w.replace(str(paths.ROOT) + "/", "") for w in fb.warnings]
    _, stale = suggest.review(fb, data_dir, {s.source_id for s in fb.seeds})
    found += [str(w).replace(str(paths.ROOT) + "/", "") for w in stale]
    processed = paths.processed_dir(data_dir)
    for name, data in render_files(fb).items():
        path = processed / name
        if not path.is_file() or path.read_bytes() != data:
            found.append(
                f"{paths.shown(path)}: not what `make data` writes from the current inputs: run make data"
            )
    if notebooks_dir is not None:
        digest = inputs_digest(seeds_dir, data_dir)
        stored = [
            Path(notebooks_dir),
            *(language_notebooks_dir(lang, notebooks_dir) for lang in LANGUAGES),
        ]
        for path in sorted(p for folder in stored for p in folder.glob("[!_]*.ipynb")):
            if predates(path, digest):
                found.append(
                    f"{paths.shown(path)}: stored outputs predate the current fact base: run make baseline"
                )
    return found
