"""Render only the sources report for a seeds and data folder, and read what it shows."""

from __future__ import annotations

from pathlib import Path


def render_sources_report(seeds: Path, data: Path, tmp_path: Path) -> tuple[object, dict[str, str]]:
    """The render's result and, per parameter set, every output text of 04_sources."""
    import nbformat

    from h200report.render.pipeline import render

    with open(tmp_path / "progress.txt", "w") as quiet:
        result = render(
            output_root=tmp_path / "reports",
            seeds_dir=seeds,
            data_dir=data,
            notebooks=["04_sources"],
            jobs=1,  # one kernel for both languages: a kernel costs seconds of CPU
            progress_stream=quiet,
        )
    assert result.ok, result.failures
    shown = {}
    for param_set in ("en", "zh"):
        nb = nbformat.read(result.run_dir / param_set / "04_sources.ipynb", as_version=4)
        shown[param_set] = "\n".join(
            "".join(o.get("data", {}).get("text/html", ""))
            + "".join(o.get("data", {}).get("text/plain", ""))
            + "".join(o.get("text", ""))
            for c in nb.cells
            for o in c.get("outputs", [])
        )
    return result, shown
