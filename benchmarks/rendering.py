"""Rendering: time against the number of articles, and our render against the naive chain.

Naive chain: per notebook and set, the papermill CLI then ``jupyter nbconvert --to
html`` CLI, one after the other. Ours: parallel papermill runs, in-process export.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from h200report import paths
from h200report.errors import InputError
from h200report.render.config import load_config, select_notebooks
from h200report.render.kernel import KERNEL_NAME
from h200report.render.pipeline import render
from tests.support.seeds import add_seeds
from tests.support.synthetic import make_corpus

RENDER_SIZES = (2, 20, 100)
QUICK_RENDER_SIZES = (2, 10)

TARGET_RATIO = 0.4


def render_growth_section(sizes: tuple[int, ...], work: Path) -> list[str]:
    lines = [
        "## Render time against the number of articles",
        "",
        "Sources notebook, `en` parameter set; extra articles are synthetic and uncurated.",
        "",
        "| articles | seconds |",
        "|---:|---:|",
    ]
    print("\n".join(lines), flush=True)
    timings = []
    for n in (sizes[0], *sizes):  # the first run only warms up imports and caches
        seeds = work / f"seeds_{n}_{len(timings)}"
        shutil.copytree(paths.SEEDS_DIR, seeds)
        if n > 2:
            add_seeds(seeds, make_corpus(n - 2, work / f"extra_{n}_{len(timings)}", seed=n))
        start = time.perf_counter()
        with open(os.devnull, "w") as quiet:
            result = render(
                notebooks=["04_sources"],
                param_sets=["en"],
                output_root=work / f"reports_{n}",
                seeds_dir=seeds,
                progress_stream=quiet,
            )
        seconds = time.perf_counter() - start
        timings.append((n, seconds))
        if len(timings) == 1:
            continue
        status = "" if not result.failures else " (failed)"
        lines.append(f"| {n:,} | {seconds:.1f}{status} |")
        print(lines[-1], flush=True)
    (n0, t0), (n1, t1) = timings[1], timings[-1]
    slope = 1000 * (t1 - t0) / (n1 - n0)
    lines += [
        "",
        f"About {t0:.1f} s fixed (kernel start, imports, export) plus {slope:.0f} ms per extra article.",
        "",
    ]
    return lines


def _naive(nbs: list[Path], sets: dict[str, dict], out: Path) -> float:
    bindir = Path(sys.executable).parent
    started = time.perf_counter()
    for nb in nbs:
        for name, params in sets.items():
            dest = out / name / f"{nb.stem}.ipynb"
            dest.parent.mkdir(parents=True, exist_ok=True)
            cmd = [
                str(bindir / "papermill"),
                str(nb),
                str(dest),
                "-k",
                KERNEL_NAME,
                "--cwd",
                str(nb.parent),
                "--no-progress-bar",
            ]
            for key, value in params.items():
                cmd += ["-p", key, str(value)]
            subprocess.run(cmd, check=True, capture_output=True)
            subprocess.run(
                [str(bindir / "jupyter"), "nbconvert", "--to", "html", str(dest)],
                check=True,
                capture_output=True,
            )
    return time.perf_counter() - started


def main(argv: list[str] | None = None, report_lines: list[str] | None = None) -> int:
    """Print the comparison; with ``report_lines``, also append it there as Markdown."""
    parser = argparse.ArgumentParser(prog="h200 bench render", description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", "-n", nargs="+", help="default: the render default")
    parser.add_argument("--sets", "-s", nargs="+", help="default: every set in render.yaml")
    parser.add_argument("--jobs", "-j", type=int, default=None)
    parser.add_argument("--config", type=Path, default=paths.RENDER_CONFIG)
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config)
        nbs = select_notebooks(args.notebooks, config.notebooks)
    except InputError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    set_names = args.sets or list(config.parameter_sets)
    sets = {s: config.parameter_sets[s] for s in set_names}
    runs = len(nbs) * len(sets)
    with tempfile.TemporaryDirectory(prefix="h200bench-") as tmp:
        tmp = Path(tmp)
        started = time.perf_counter()
        with open(os.devnull, "w") as quiet:
            result = render(
                notebooks=[str(p) for p in nbs],
                param_sets=set_names,
                output_root=tmp / "ours",
                jobs=args.jobs,
                config_path=args.config,
                progress_stream=quiet,
            )
        ours = time.perf_counter() - started
        if not result.ok:
            print("bench: render failed: " + "; ".join(result.failures), file=sys.stderr)
            return 1
        naive = _naive(nbs, sets, tmp / "naive")
    ratio = ours / naive
    jobs = args.jobs or os.cpu_count()
    verdict = "ok" if ratio <= TARGET_RATIO else f"above the {TARGET_RATIO} target"
    lines = [
        f"{len(nbs)} notebooks x {len(sets)} sets = {runs} runs, {os.cpu_count()} cores, {jobs} jobs",
        "",
        "| chain | seconds |",
        "|---|---:|",
        f"| `h200 render` (parallel kernels, in-process export) | {ours:.1f} |",
        f"| papermill CLI then nbconvert CLI per notebook, serial | {naive:.1f} |",
        f"| ratio (target at most {TARGET_RATIO}) | {ratio:.2f} ({verdict}) |",
    ]
    print("\n".join(lines))
    if report_lines is not None:
        report_lines.extend(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
