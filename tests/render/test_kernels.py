"""The warm kernel rests on documented extension points of papermill, nbclient and
jupyter_client only; these tests fail loudly when an upgrade moves one of them."""

from __future__ import annotations

import inspect
import os

import nbformat
import pytest

from h200report.render.execute import ENGINE, Kernel, WarmEngine, execute_notebook
from h200report.render.kernel import KERNELSPEC


def test_the_extension_points_the_warm_kernel_uses_are_there():
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient
    from papermill.engines import Engine, NotebookExecutionManager, papermill_engines

    assert issubclass(WarmEngine, Engine)
    assert papermill_engines.get_engine(ENGINE) is WarmEngine
    assert "km" in inspect.signature(NotebookClient.__init__).parameters
    kwargs = inspect.Parameter.VAR_KEYWORD
    for method in (NotebookClient.setup_kernel, AsyncKernelManager.start_kernel):
        assert any(p.kind == kwargs for p in inspect.signature(method).parameters.values())
    for name in ("execute_cell", "wait_for_reply", "reset_execution_trackers"):
        assert callable(getattr(NotebookClient, name)), name
    for name in ("cell_start", "cell_complete", "cell_exception"):
        assert callable(getattr(NotebookExecutionManager, name)), name


def _notebook(path, *sources):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": dict(KERNELSPEC)})
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nb, path)
    return path


def _streams(path) -> dict[str, str]:
    nb = nbformat.read(path, as_version=4)
    out = {"stdout": "", "stderr": ""}
    for output in (o for c in nb.cells for o in c.outputs if o.output_type == "stream"):
        out[output.name] += output.text
    return out


@pytest.mark.slow
def test_one_kernel_runs_notebooks_one_after_the_other_as_fresh_ones(tmp_path):
    log = tmp_path / "kernel.log"
    kernel = Kernel(log, (("H200_TEST_VALUE", "from the render"),))
    first_dir, second_dir = tmp_path / "a", tmp_path / "b"
    first_dir.mkdir()
    second_dir.mkdir()
    # A library's warning: one place in one module, which the kernel keeps imported.
    (tmp_path / "h200_probe_lib.py").write_text(
        "import warnings\n\ndef warn():\n    warnings.warn('shown in every notebook')\n",
        encoding="utf-8",
    )
    probe = (
        f"import os, sys; sys.path.insert(0, {str(tmp_path)!r}); import h200_probe_lib\n"
        "print(os.getpid(), os.getcwd(), os.environ.get('H200_TEST_VALUE'))\n"
        "h200_probe_lib.warn()\n"
        "os.write(2, b'kernel stderr\\n')\n"
        "print('left' in dir())"
    )
    pids = []
    try:
        for folder in (first_dir, second_dir):
            src = _notebook(folder / "probe.ipynb", probe, "left = 1")
            out = folder / "out.ipynb"
            execute_notebook(src, out, kernel=kernel)
            streams = _streams(out)
            printed = streams["stdout"].splitlines()
            pid, cwd, value = printed[0].split(" ", 2)
            pids.append(pid)
            assert cwd == str(folder) and value == "from the render"
            assert "shown in every notebook" in streams["stderr"]
            assert printed[1] == "False"  # nothing left from the notebook before
            counts = [c.execution_count for c in nbformat.read(out, as_version=4).cells]
            assert counts == [1, 2]
    finally:
        kernel.close()
    assert pids[0] == pids[1], "the second notebook ran in the same kernel"
    assert "kernel stderr" in log.read_text(encoding="utf-8")
    assert os.environ.get("H200_TEST_VALUE") is None, "this process's environment is untouched"
