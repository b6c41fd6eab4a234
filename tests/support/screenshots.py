"""Screenshots of rendered reports in headless Chromium, offline (``make screenshots``).

``python -m tests.support.screenshots RUN_DIR OUT_DIR [--width 1280 390] [--reports ...]``
writes ``OUT_DIR/<set>-<report>-<width>.png`` for every report of a run (``--digests``:
``OUT_DIR/digest-<lang>-<width>.png`` for the run's mail digests): what a
reader sees, for a person to look at before a report change is called done, and for
the README's pictures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .browser import _DRAWN_JS, CHROMIUM, CHROMIUM_ARGS


def shoot(
    pages: list[Path],
    out_dir: Path,
    widths: list[int],
    full_page: bool = True,
    at: str | None = None,
) -> list[Path]:
    """``at``: the id of an element (an evidence entry, ``cap_per_company.000``): the page
    opens at it (``#at``) and the first screen from it is taken, named ``...-<width>-at.png``."""
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for width in widths:
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                page.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
                )
                for html in pages:
                    page.goto(html.resolve().as_uri(), wait_until="load")
                    n = page.evaluate("() => document.querySelectorAll('.h200-plot').length")
                    page.wait_for_function(f"n => ({_DRAWN_JS})() >= n", arg=n, timeout=20000)
                    # A run's digest (digest.<lang>.html, beside the sets): digest-<lang>-<width>.
                    digest = html.stem.startswith("digest.")
                    stem = (
                        html.stem.replace(".", "-") if digest else f"{html.parent.name}-{html.stem}"
                    )
                    name = f"{stem}-{width}{'-at' if at else ''}.png"
                    if at:
                        # Charts drawn, the page at the element (the hash alone scrolls early).
                        page.evaluate("id => document.getElementById(id).scrollIntoView()", at)
                    page.screenshot(path=str(out_dir / name), full_page=full_page and not at)
                    written.append(out_dir / name)
                context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.screenshots")
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--width", type=int, nargs="+", default=[1280, 390])
    parser.add_argument("--reports", nargs="+", help="report names (default: all)")
    parser.add_argument("--sets", nargs="+", help="parameter sets (default: all)")
    parser.add_argument(
        "--viewport-only", action="store_true", help="the first screen, not the whole page"
    )
    parser.add_argument("--at", help="an element's id: the first screen from it")
    parser.add_argument(
        "--digests", action="store_true", help="the run's digests (digest.<lang>.html) instead"
    )
    args = parser.parse_args(argv)
    if args.digests:
        pages = sorted(args.run_dir.glob("digest.*.html"))
        for path in shoot(pages, args.out_dir, args.width):
            print(path)
        return 0
    pages = sorted(
        p
        for p in args.run_dir.glob("*/*.html")
        if (not args.reports or p.stem in args.reports)
        and (not args.sets or p.parent.name in args.sets)
    )
    shots = shoot(pages, args.out_dir, args.width, full_page=not args.viewport_only, at=args.at)
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
