"""`make lab`: JupyterLab serves the project's notebooks with the project's kernel, and
a notebook saved in it keeps its pair (jupytext) in step."""

from __future__ import annotations

import json
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from h200report import paths

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
        return response.status, response.read()


def _put(url: str, model: dict) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(model).encode(),
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310 (loopback only)
        return response.status


def test_jupyterlab_serves_the_notebooks_and_saves_both_halves_of_a_pair(tmp_path):
    # A copy of the notebooks folder: the save below must not touch the project's.
    root = tmp_path / "project"
    shutil.copytree(paths.NOTEBOOKS_DIR, root / paths.NOTEBOOKS_DIR.name)
    port, token = _free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--allow-root",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            f"--ServerApp.runtime_dir={tmp_path / 'runtime'}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body = _get(f"{base}/api/contents/notebooks?token={token}")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("JupyterLab did not start on loopback within 60 s")
                time.sleep(0.5)
        assert status == 200
        listed = {item["name"] for item in json.loads(body)["content"]}
        expected = {p.name for p in paths.NOTEBOOKS_DIR.glob("*.ipynb")}
        assert expected and expected <= listed
        status, page = _get(f"{base}/lab?token={token}")
        assert status == 200 and b"JupyterLab" in page
        _, specs = _get(f"{base}/api/kernelspecs?token={token}")
        assert "h200report" in json.loads(specs)["kernelspecs"]
        one = sorted(expected)[0]
        _, content = _get(f"{base}/api/contents/notebooks/{one}?token={token}")
        nb = json.loads(content)["content"]
        assert nb["metadata"]["kernelspec"]["name"] == "h200report"
        # Saved as JupyterLab saves it: the .py source of the pair follows.
        marker = f"Edited in JupyterLab {token}"
        markdown = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
        markdown["source"] += f"\n\n{marker}"
        url = f"{base}/api/contents/notebooks/{one}?token={token}"
        assert _put(url, {"type": "notebook", "format": "json", "content": nb}) == 200
        folder = root / paths.NOTEBOOKS_DIR.name
        assert marker in (folder / one).read_text(encoding="utf-8")
        assert marker in (folder / one).with_suffix(".py").read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=20)
