"""`make lab`: JupyterLab serves the project's notebooks with the project's kernel, one
language per report notebook; the tour keeps its pair (jupytext) in step, and a report's
source opens and saves as a notebook of its own."""

from __future__ import annotations

import json
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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


def test_jupyterlab_serves_one_language_per_notebook_and_saves_each_as_itself(tmp_path):
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
        assert {"en", "zh", "explore.ipynb", "00_overview.py"} <= listed
        for language in ("en", "zh"):
            _, body = _get(f"{base}/api/contents/notebooks/{language}?token={token}")
            names = {item["name"] for item in json.loads(body)["content"]}
            stored = {p.name for p in paths.language_notebooks_dir(language).glob("*.ipynb")}
            assert stored and stored <= names
        status, page = _get(f"{base}/lab?token={token}")
        assert status == 200 and b"JupyterLab" in page
        _, specs = _get(f"{base}/api/kernelspecs?token={token}")
        assert "h200report" in json.loads(specs)["kernelspecs"]
        folder = root / paths.NOTEBOOKS_DIR.name
        before = {p.relative_to(folder) for p in folder.rglob("*")}
        sources = {p: p.read_bytes() for p in folder.glob("*.py")}

        def save(name: str) -> str:
            """Open ``name`` as a notebook, add a line to its first Markdown cell, save it
            as JupyterLab does; the line added."""
            url = f"{base}/api/contents/notebooks/{name}?token={token}"
            _, content = _get(f"{url}&type=notebook")
            nb = json.loads(content)["content"]
            assert nb["metadata"]["kernelspec"]["name"] == "h200report"
            marker = f"Edited in JupyterLab {secrets.token_hex(8)}"
            markdown = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
            markdown["source"] += f"\n\n{marker}"
            assert _put(url, {"type": "notebook", "format": "json", "content": nb}) == 200
            return marker

        # A Chinese analyst's notebook reads in Chinese only, and saving it keeps the
        # exploration there: the report's source is not rewritten from one language.
        _, content = _get(f"{base}/api/contents/notebooks/zh/00_overview.ipynb?token={token}")
        zh = json.loads(content)["content"]
        headings = [c["source"] for c in zh["cells"] if c["cell_type"] == "markdown"]
        assert headings and not [h for h in headings if "overview" in h.lower()], headings
        marker = save("zh/00_overview.ipynb")
        assert marker in (folder / "zh" / "00_overview.ipynb").read_text(encoding="utf-8")
        # The tour is paired: saved in JupyterLab, its .py source follows.
        marker = save("explore.ipynb")
        assert marker in (folder / "explore.py").read_text(encoding="utf-8")
        # A report's source opens as a notebook (both languages) and saves as itself.
        marker = save("00_overview.py")
        assert marker in (folder / "00_overview.py").read_text(encoding="utf-8")
        for source, text in sources.items():
            if source.stem not in ("00_overview", "explore"):
                assert source.read_bytes() == text, source
        # No file appeared: no pair was made for a language notebook or a source.
        assert {p.relative_to(folder) for p in folder.rglob("*")} - before <= {
            Path(".ipynb_checkpoints"),
            *(p.relative_to(folder) for p in folder.rglob(".ipynb_checkpoints/*")),
            *(p.relative_to(folder) for p in folder.rglob("*/.ipynb_checkpoints")),
            *(p.relative_to(folder) for p in folder.rglob("*/.ipynb_checkpoints/*")),
        }
    finally:
        server.terminate()
        server.wait(timeout=20)
