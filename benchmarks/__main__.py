"""`make bench`: figures, printed, for extraction at scale, drafts and rendering.

Nothing here asserts a time: the figures go to the terminal and to BENCHMARKS.md.
Run from the project root: ``python -m benchmarks [--quick]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
from pathlib import Path

from benchmarks import drafts, extraction, rendering
from h200report import paths


def _machine() -> str:
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smaller corpora, no naive chain, BENCHMARKS.md untouched",
    )
    quick = parser.parse_args(argv).quick
    header = [
        "# Benchmarks",
        "",
        f"Run on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {_machine()}.",
        "Printed by `make bench` (`python -m benchmarks`); figures, not thresholds.",
        "",
    ]
    print("\n".join(header), flush=True)
    with tempfile.TemporaryDirectory(prefix="h200-bench-") as tmp:
        work = Path(tmp)
        body = extraction.scale_section(extraction.QUICK_SIZES if quick else extraction.SIZES, work)
        body += drafts.section(work)
        body += rendering.render_growth_section(
            rendering.QUICK_RENDER_SIZES if quick else rendering.RENDER_SIZES, work
        )
    lines = ["## Rendering: `make report` against the naive chain", ""]
    print(lines[0], flush=True)
    if not quick:
        rendering.main([], report_lines=lines)
    report = "\n".join(header + body + lines) + "\n"
    if not quick:
        (paths.ROOT / "BENCHMARKS.md").write_text(report, encoding="utf-8")
        print(f"\nwritten to {paths.ROOT / 'BENCHMARKS.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
