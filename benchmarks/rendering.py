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

import nbformat

from h200report import paths
from h200report.errors import InputError
from h200report.render.config import load_config, select_notebooks, variant
from h200report.render.kernel import KERNEL_NAME, KERNELSPEC
from h200report.render.pipeline import render
from tests.support.seeds import add_seeds
from tests.support.synthetic import make_corpus

RENDER_SIZES = (2, 20, 100)
QUICK_RENDER_SIZES = (2, 10)

FULL_TARGET = 0.15
REUSE_TARGET = 0.1
HELP_TARGET = 0.3


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
    for report in nbs:
        for name, params in sets.items():
            nb = variant(report, params.get("language", "en"))
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


def _timed_render(root: Path, nbs: list[Path], set_names: list[str], args, **kw):
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        result = render(
            notebooks=[str(p) for p in nbs],
            param_sets=set_names,
            output_root=root,
            jobs=args.jobs,
            config_path=args.config,
            progress_stream=quiet,
            **kw,
        )
    if not result.ok:
        raise RuntimeError("render failed: " + "; ".join(result.failures))
    return time.perf_counter() - started, result


def _cli(*args: str) -> float:
    """Wall seconds of one ``h200`` command, start-up included, as a scheduler runs it."""
    h200 = str(Path(sys.executable).parent / "h200")
    started = time.perf_counter()
    subprocess.run([h200, *args], check=True, capture_output=True)
    return time.perf_counter() - started


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def cli_figures(root: Path, selection: list[str], pairs: int = 3) -> dict[str, float]:
    """Medians from the command line: ``h200 --help``, and full against unchanged renders
    paired (each unchanged render right after a full one, the ratio taken per pair)."""
    helps = [_cli("--help") for _ in range(5)]
    render_helps = [_cli("render", "--help") for _ in range(5)]
    full, unchanged, ratios = [], [], []
    for _ in range(pairs):
        full.append(_cli("render", "--force", "-o", str(root), *selection))
        unchanged.append(_cli("render", "-o", str(root), *selection))
        ratios.append(unchanged[-1] / full[-1])
    return {
        "help": _median(helps),
        "render_help": _median(render_helps),
        "full": _median(full),
        "unchanged": _median(unchanged),
        "ratio": _median(ratios),
    }


def _breakdown(nb: Path, tmp: Path) -> list[tuple[str, float]]:
    """Where one notebook run spends its time, each part measured on its own."""
    from h200report.render.execute import execute_notebook
    from h200report.render.export import export_html

    empty = tmp / "empty.ipynb"
    nbformat.write(nbformat.v4.new_notebook(metadata={"kernelspec": dict(KERNELSPEC)}), empty)
    parts = []
    started = time.perf_counter()
    execute_notebook(empty, tmp / "empty.out.ipynb")
    parts.append(
        ("kernel start and stop (papermill, an empty notebook)", time.perf_counter() - started)
    )
    code = "from h200report.report import charts, params, views"
    python = [sys.executable, "-c"]
    started = time.perf_counter()
    subprocess.run([*python, "pass"], check=True)
    bare = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run([*python, code], check=True)
    parts.append(
        ("imports (pandas, Plotly, the report package)", time.perf_counter() - started - bare)
    )
    build = "from h200report.factbase.build import build; build()"
    started = time.perf_counter()
    subprocess.run([*python, build], check=True)
    parts.append(
        ("building the fact base (what a render does once)", time.perf_counter() - started - bare)
    )
    started = time.perf_counter()
    execute_notebook(nb, tmp / "nb.out.ipynb")
    whole = time.perf_counter() - started
    parts.append(("the whole notebook on a fresh kernel", whole))
    executed = nbformat.read(tmp / "nb.out.ipynb", as_version=4)
    export_html(executed, nb.stem)  # the first export compiles the templates
    started = time.perf_counter()
    export_html(executed, nb.stem)
    parts.append(("HTML export (in-process, templates compiled)", time.perf_counter() - started))
    return parts


def main(argv: list[str] | None = None, report_lines: list[str] | None = None) -> int:
    """Print the comparison; with ``report_lines``, also append it there as Markdown."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.rendering", description=__doc__.splitlines()[0]
    )
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
        _timed_render(tmp / "warm-up", nbs[:1], set_names[:1], args)
        full, _ = _timed_render(tmp / "ours", nbs, set_names, args, force=True)
        unchanged, again = _timed_render(tmp / "ours", nbs, set_names, args)
        done = (
            "decided from the input digest, no new run"
            if again.unchanged
            else f"{sum(1 for r in again.results if r.reused_from)} of {runs} reports reused"
        )
        naive = _naive(nbs, sets, tmp / "naive")
        selection = ["--config", str(args.config), "-n", *map(str, nbs), "-s", *set_names]
        if args.jobs:
            selection += ["-j", str(args.jobs)]
        cli = cli_figures(tmp / "cli", selection)
        parts = _breakdown(nbs[0], tmp)
    full_ratio, reuse_ratio = full / naive, unchanged / full
    jobs = args.jobs or os.cpu_count()

    def verdict(ratio: float, target: float) -> str:
        return "ok" if ratio <= target else f"above the {target} target"

    lines = [
        f"{len(nbs)} notebooks x {len(sets)} sets = {runs} runs, {os.cpu_count()} cores, {jobs} jobs, one run after the other:",
        "",
        "| chain | seconds |",
        "|---|---:|",
        f"| papermill CLI then nbconvert CLI per notebook, serial (the naive chain) | {naive:.1f} |",
        f"| `h200 render --force` (fact base built once, warm kernels, in-process export) | {full:.1f} |",
        f"| `h200 render` again, nothing changed ({done}) | {unchanged:.2f} |",
        f"| full render / naive chain (target at most {FULL_TARGET}) | {full_ratio:.2f} ({verdict(full_ratio, FULL_TARGET)}) |",
        f"| unchanged render / full render (target at most {REUSE_TARGET}) | {reuse_ratio:.3f} ({verdict(reuse_ratio, REUSE_TARGET)}) |",
        "",
        "The same from the command line, start-up included (`h200` as a scheduler runs it;",
        "medians, the unchanged render paired with the full one before it):",
        "",
        "| command | seconds |",
        "|---|---:|",
        f"| `h200 --help` (target at most {HELP_TARGET}) | {cli['help']:.2f} ({verdict(cli['help'], HELP_TARGET)}) |",
        f"| `h200 render --help` (target at most {HELP_TARGET}) | {cli['render_help']:.2f} ({verdict(cli['render_help'], HELP_TARGET)}) |",
        f"| `h200 render --force` | {cli['full']:.1f} |",
        f"| `h200 render`, nothing changed | {cli['unchanged']:.2f} |",
        f"| unchanged / full, from the command line (target at most {REUSE_TARGET}) | {cli['ratio']:.3f} ({verdict(cli['ratio'], REUSE_TARGET)}) |",
        "",
        f"Where one notebook run ({nbs[0].name}) spends its time, each part measured alone:",
        "",
        "| part | seconds |",
        "|---|---:|",
        *[f"| {name} | {seconds:.2f} |" for name, seconds in parts],
        "",
        "In a render the fact base is built once for all runs, and each worker's kernel",
        "starts and imports once: the first two rows are paid per worker, not per run.",
    ]
    print("\n".join(lines))
    if report_lines is not None:
        report_lines.extend(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
