"""Extraction at scale: load, cut and extract synthetic corpora of ~10 KB articles.

Each run happens in a fresh subprocess so its peak memory is its own.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.support.synthetic import make_corpus

SIZES = (100, 1000, 5000)
QUICK_SIZES = (20, 100, 300)


def extract_corpus(folder: Path) -> dict:
    """Load, cut and extract every seed of a folder; time it after imports are done."""
    from h200report.extract.body import cut_body
    from h200report.extract.mentions import extract_mentions
    from h200report.extract.sources import load_seeds

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
            f"import json,sys; from benchmarks.extraction import extract_corpus; "
            f"print(json.dumps(extract_corpus({str(folder)!r})))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


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
