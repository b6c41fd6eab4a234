"""The notebook regression (``notebooks/*.ipynb`` under strict nbval) knows what it compares.

Each stored notebook records the digest of the fact base it was executed on
(``h200 baseline``). Where the live fact base (``seeds/``, ``data/curated/``) has
changed since, every cell would differ for a reason that is not a regression: an
analyst added or curated an article. The run then says so in one line, naming the
step that follows (``make baseline``), instead of a wall of cell diffs. With the same
fact base, any difference is a code regression and strict nbval reports it, cell by
cell. ``H200_NBVAL_DIFF=1`` runs strict nbval whatever the digests say (the diff).
"""

from __future__ import annotations

import functools
import os

import pytest

from h200report.paths import NOTEBOOKS_DIR

DIFF_ANYWAY = "H200_NBVAL_DIFF"


@functools.cache
def _live_digest() -> str:
    from h200report.factbase.inputs import inputs_digest

    return inputs_digest()


def _stale(path) -> bool:
    from h200report.factbase.inputs import predates

    return predates(path, _live_digest())


def _weight(item: pytest.Item) -> int:
    """How much of a kernel or a browser a test costs, roughly: 0 for a unit test."""
    if item.path.suffix == ".ipynb":
        return 1  # one cell of a notebook run in its kernel
    return 3 * any(next(item.iter_markers(name), None) for name in ("slow", "browser"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    weights: dict = {}
    for item in items:
        weights[item.path] = weights.get(item.path, 0) + _weight(item)
    # A stable sort: within a file, and among unit-test files, the collected order stays.
    items.sort(key=lambda item: -weights[item.path])


class StaleBaselines(pytest.Item):
    def __init__(self, *, stale: list[str], **kw):
        super().__init__(**kw)
        self.stale = stale

    def runtest(self):
        raise StaleBaselineError(
            f"{', '.join(self.stale)}: the stored notebooks predate the current fact base "
            "(seeds/ or data/curated/ changed since they were executed): run `make baseline`, "
            f"review and commit them ({DIFF_ANYWAY}=1 make test shows the cell diffs)"
        )

    def repr_failure(self, excinfo, style=None):
        return str(excinfo.value)

    def reportinfo(self):
        return self.path, None, "stored notebooks against the fact base"


class StaleBaselineError(Exception):
    pass


_seen: list[str] = []


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path, parent):
    collected = yield
    regression = file_path.suffix == ".ipynb" and file_path.parent == NOTEBOOKS_DIR
    if not regression or os.environ.get(DIFF_ANYWAY) or not _stale(file_path):
        return collected
    # One item for every stale notebook, the first one's: one line for the whole run.
    first = not _seen
    _seen.append(f"notebooks/{file_path.name}")
    if not first:
        return []
    return [StaleBaselines.from_parent(parent, name="baseline-is-current", stale=_seen)]
