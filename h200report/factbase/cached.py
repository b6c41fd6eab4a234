"""The built fact base kept beside ``data/processed/`` and reused while it is current.

Building reads every seed, extracts the mentions and verifies every curated record:
about a second, which a notebook kernel outside a render (JupyterLab, nbval,
papermill by hand) would pay each time it starts. ``h200 data`` and the first such
kernel seal the fact base they built in ``data/processed/.factbase.pickle`` with the
digest of what it depends on (every input file, the package, the tools); a kernel
whose inputs have the same digest loads it, any other builds again. The file is
signed with this user's key (``store.seal``): one written by anyone else, or
damaged, is ignored, never unpickled.
"""

from __future__ import annotations

import contextlib
import warnings
from pathlib import Path

from .. import paths
from ..store import seal, unseal
from .inputs import factbase_key, input_digests
from .tables import FactBase

FILE_NAME = ".factbase.pickle"


def cache_path(data_dir: Path) -> Path:
    return paths.processed_dir(data_dir) / FILE_NAME


def key(seeds_dir: Path, data_dir: Path) -> str:
    return factbase_key(input_digests(Path(seeds_dir), Path(data_dir)))


class CachedFactBase:
    def __init__(self, key: str, fb: FactBase):
        self.key, self.fb = key, fb


def keep(fb: FactBase, digest: str, data_dir: Path) -> None:
    """Seal ``fb`` as the fact base of inputs with ``digest`` (``key``, taken before the
    build read them); a failure to keep it fails nothing: the next kernel builds again."""
    with contextlib.suppress(OSError):
        seal(cache_path(data_dir), CachedFactBase(digest, fb))


def load(seeds_dir: Path, data_dir: Path) -> FactBase:
    """The fact base of these folders: the kept one when its digest is current, else
    built (the build's own warnings silenced: a report shows them) and kept."""
    from .build import UncuratedWarning, build

    current = key(seeds_dir, data_dir)
    kept = unseal(cache_path(data_dir), CachedFactBase)
    if kept is not None and kept.key == current:
        return kept.fb
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UncuratedWarning)
        fb = build(seeds_dir, data_dir)
    if paths.processed_dir(data_dir).is_dir():
        keep(fb, current, data_dir)
    return fb
