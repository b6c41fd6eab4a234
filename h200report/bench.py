"""`make bench`: figures, printed, for extraction at scale and for rendering.

Nothing here asserts a time: the figures go to the terminal and to BENCHMARKS.md.
Each extraction run happens in a fresh subprocess so its peak memory is its own.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import paths
from .synthetic import add_seeds, make_corpus

SIZES = (100, 1000, 5000)
QUICK_SIZES = (20, 100, 300)
RENDER_SIZES = (2, 20, 100)
QUICK_RENDER_SIZES = (2, 10)


def extract_corpus(folder: Path) -> dict:
    """Load, cut and extract every seed of a folder; time it after imports are done."""
    from .extract.body import cut_body
    from .extract.mentions import extract_mentions
    from .extract.sources import load_seeds

    start = time.perf_counter()
    seeds = load_seeds(folder)
    mentions = 0
    for seed in seeds:
        mentions += len(extract_mentions(cut_body(seed), seed.meta.published_date))
    seconds = time.perf_counter() - start
    return {
        "articles": len(seeds),
        "bytes": sum(s.size for s in seeds),
        "mentions": mentions,
        "seconds": seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _extract_in_subprocess(folder: Path) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import json,sys; from h200report.bench import extract_corpus; "
            f"print(json.dumps(extract_corpus({str(folder)!r})))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _machine() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def scale_section(sizes: tuple[int, ...], work: Path) -> list[str]:
    lines = [
        "## Extraction at scale (synthetic corpora of ~10 KB articles)",
        "",
        "| articles | MB | seconds | articles/s | MB/s | ms/article | peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    print("\n".join(lines), flush=True)
    per_article = []
    for n in sizes:
        folder = make_corpus(n, work / f"corpus_{n}", seed=n)
        r = _extract_in_subprocess(folder)
        mb = r["bytes"] / 1e6
        per_article.append(1000 * r["seconds"] / n)
        lines.append(
            f"| {n:,} | {mb:.1f} | {r['seconds']:.2f} | {n / r['seconds']:.0f} | {mb / r['seconds']:.2f} "
            f"| {per_article[-1]:.2f} | {r['peak_rss_mb']:.0f} |"
        )
        print(lines[-1], flush=True)
        shutil.rmtree(folder)
    spread = max(per_article) / min(per_article)
    lines += [
        "",
        f"Cost per article varies by a factor of {spread:.2f} from the smallest to the largest corpus "
        "(1.0 = perfectly linear in size).",
        "",
    ]
    return lines


def render_growth_section(sizes: tuple[int, ...], work: Path) -> list[str]:
    from .render import render

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


def main(args=None) -> int:
    quick = bool(getattr(args, "quick", False))
    header = [
        "# Benchmarks",
        "",
        f"Run on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {_machine()}.",
        "Printed by `make bench` (`h200 bench`); figures, not thresholds.",
        "",
    ]
    print("\n".join(header), flush=True)
    with tempfile.TemporaryDirectory(prefix="h200-bench-") as tmp:
        work = Path(tmp)
        body = scale_section(QUICK_SIZES if quick else SIZES, work)
        body += render_growth_section(QUICK_RENDER_SIZES if quick else RENDER_SIZES, work)
    from . import bench_render

    rendering = ["## Rendering: `make report` against the naive chain", ""]
    print(rendering[0], flush=True)
    if not quick:
        bench_render.main([], report_lines=rendering)
    report = "\n".join(header + body + rendering) + "\n"
    if not quick:
        (paths.ROOT / "BENCHMARKS.md").write_text(report, encoding="utf-8")
        print(f"\nwritten to {paths.ROOT / 'BENCHMARKS.md'}")
    return 0
