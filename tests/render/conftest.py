"""One render of the fixture notebooks, shared by the files that only read it.

``test_render.py`` (its layout, index, parameters, export) and ``test_browser.py`` (the
same reports in Chromium) read one render. ``make test``'s workers split the suite by
file, so the two files may run in two workers: the render is made once per test run,
in the folder that all workers' temporary folders share, under a lock; a worker that
finds it made reads the same result.
"""

from __future__ import annotations

import dataclasses
import fcntl
import os
import pickle
import shutil

import pytest
import yaml

from h200report.render.pipeline import render
from tests.support import CORPUS_CURATED, CORPUS_SEEDS, FIXTURES

NOTEBOOKS = FIXTURES / "render"


def _render_fixtures(base):
    """The fixture and payload notebooks in both parameter sets, on two kernels, on copied
    inputs (the render checks the fact base before any kernel starts; a file in seeds/
    that is not a seed is ignored), ``latest`` moved."""
    shutil.copytree(CORPUS_SEEDS, base / "seeds")
    shutil.copytree(CORPUS_CURATED, base / "data" / "curated")
    (base / "seeds" / "ignored.md").write_text("not a seed\n", encoding="utf-8")
    config = base / "render.yaml"
    sets = {"en": {"language": "en"}, "zh": {"language": "zh"}}
    config.write_text(yaml.safe_dump({"parameter_sets": sets}), encoding="utf-8")
    with open(base / "progress.txt", "w") as quiet:
        return render(
            notebooks=[str(NOTEBOOKS / "fixture.ipynb"), str(NOTEBOOKS / "payload.ipynb")],
            output_root=base / "reports",
            config_path=config,
            seeds_dir=base / "seeds",
            data_dir=base / "data",
            jobs=2,
            update_latest=True,
            progress_stream=quiet,
        )


@pytest.fixture(scope="session")
def fixture_run(tmp_path_factory):
    """The render (its ``RenderResult``, as the render returned it) and its base folder."""
    own = tmp_path_factory.getbasetemp()
    # Under xdist each worker's base is a folder of the run's own (pytest-of-USER/pytest-N).
    shared = own.parent if os.environ.get("PYTEST_XDIST_WORKER") else own
    base = shared / "fixture-run"
    saved = shared / "fixture-run.pickle"
    with open(shared / "fixture-run.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not saved.exists():
            base.mkdir()
            result = _render_fixtures(base)
            result.release()  # nothing prunes this output root
            saved.write_bytes(pickle.dumps(dataclasses.replace(result, pin=None)))
        result = pickle.loads(saved.read_bytes())
    assert result.ok, result.failures
    return result, base
