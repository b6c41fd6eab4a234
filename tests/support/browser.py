"""Open exported reports in a real, offline Chromium and report what happened.

``python -m tests.support.browser ensure`` makes sure the browser is there (``make
browser``); ``python -m tests.support.browser check FILE...`` checks reports by hand.
Tests use :func:`check_report_html`: charts drawn, no request leaving the file, no
console error, no script from the data run (``window.__pwned``).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
INSTALL_HINT = "as root: apt-get update && apt-get install -y chromium"
# The page counts a chart as drawn when Plotly has put its SVG into the root.
_DRAWN_JS = (
    "() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
    ".filter(el => el.querySelector('svg.main-svg')).length"
)


@dataclass
class ReportCheck:
    path: Path
    plots_drawn: int = 0
    plot_divs: int = 0
    blocked_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    text: str = ""
    pwned: object = None
    clicked_links: int = 0

    def problems(self, expected_plots: int | None = None) -> list[str]:
        """Everything that makes this report unfit to share (empty when it is fine)."""
        out = []
        if expected_plots is not None and self.plots_drawn != expected_plots:
            out.append(f"{self.plots_drawn} charts drawn, expected {expected_plots}")
        if self.plots_drawn != self.plot_divs:
            out.append(f"{self.plots_drawn} of {self.plot_divs} chart containers drawn")
        if self.blocked_requests:
            out.append(f"requests leaving the file: {self.blocked_requests[:5]}")
        if self.console_errors:
            out.append(f"console errors: {self.console_errors[:5]}")
        if self.page_errors:
            out.append(f"page errors: {self.page_errors[:5]}")
        if self.pwned is not None:
            out.append(f"script from the data ran (window.__pwned = {self.pwned!r})")
        return out


def missing() -> list[str]:
    """What is missing to run browser checks, one entry per thing."""
    out = []
    if not Path(CHROMIUM).exists():
        out.append(f"{CHROMIUM} (Debian package chromium; {INSTALL_HINT})")
    if importlib.util.find_spec("playwright") is None:
        out.append("python package playwright (pip install -e '.[test]')")
    return out


def ensure(stream=sys.stdout) -> int:
    if not Path(CHROMIUM).exists() and os.geteuid() == 0 and shutil.which("apt-get"):
        command = "apt-get update -qq && apt-get install -y -qq chromium"
        print(f"browser: {CHROMIUM} missing; running: {command}", file=stream, flush=True)
        # Non-interactive: make test must never stop for a prompt.
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(command, shell=True, check=False, env=env)
    still = missing()
    if still:
        print("browser: cannot run the browser checks; missing:", file=stream)
        for item in still:
            print(f"  - {item}", file=stream)
        return 1
    print(f"browser: ok ({CHROMIUM}, playwright)", file=stream)
    return 0


class Chromium:
    """One headless Chromium for many checks (a launch costs seconds; a page, milliseconds)."""

    def __enter__(self) -> Chromium:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        return self

    def __exit__(self, *exc) -> None:
        self.browser.close()
        self._playwright.stop()

    def open(
        self,
        path: Path | str,
        *,
        width: int = 1280,
        timeout_ms: int = 20000,
        click_javascript_links: bool = True,
    ) -> ReportCheck:
        """Load one HTML file from file:// with every other request blocked, and check it."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        path = Path(path).resolve()
        url = path.as_uri()
        check = ReportCheck(path)

        def route(r):
            if r.request.url.split("#", 1)[0] == url:
                r.continue_()
            else:
                check.blocked_requests.append(r.request.url)
                r.abort()

        def on_request(req):
            # Catches what routing may not see (e.g. requests from workers).
            u = req.url.split("#", 1)[0]
            leaves = u != url and not u.startswith(("data:", "blob:", "about:"))
            if leaves and u not in check.blocked_requests:
                check.blocked_requests.append(u)

        # A fresh context per page: no state (storage, cache) carries from one report to the next.
        context = self.browser.new_context(viewport={"width": width, "height": 900})
        try:
            page = context.new_page()
            page.route("**/*", route)
            page.on("request", on_request)
            page.on("websocket", lambda ws: check.blocked_requests.append(ws.url))
            page.on(
                "console",
                lambda m: check.console_errors.append(m.text) if m.type == "error" else None,
            )
            page.on("pageerror", lambda e: check.page_errors.append(str(e)))
            page.goto(url, wait_until="load", timeout=timeout_ms)
            check.plot_divs = page.evaluate("() => document.querySelectorAll('.h200-plot').length")
            # A shortfall is counted below; the caller decides what it means.
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_function(
                    f"n => ({_DRAWN_JS})() >= n", arg=check.plot_divs, timeout=timeout_ms
                )
            check.plots_drawn = page.evaluate(_DRAWN_JS)
            if click_javascript_links:
                check.clicked_links = _click_javascript_links(page)
            check.text = page.evaluate("() => document.body.innerText")
            check.pwned = page.evaluate("() => window.__pwned")
        finally:
            context.close()
        return check


def open_report(path: Path | str, **options) -> ReportCheck:
    """One check in a Chromium of its own (for the command line; tests share one)."""
    with Chromium() as chromium:
        return chromium.open(path, **options)


def _click_javascript_links(page) -> int:
    # A javascript: link in the DOM is itself a finding; clicking proves whether it runs.
    links = page.locator("a[href^='javascript:' i], a[*|href^='javascript:' i], [onclick]")
    clicked = 0
    for i in range(links.count()):
        try:
            links.nth(i).click(timeout=2000, force=True)
            clicked += 1
        except Exception:  # an unclickable link is not a failure
            pass
    return clicked


def check_report_html(
    path: Path | str, expected_plots: int | None = None, chromium: Chromium | None = None
) -> ReportCheck:
    """Open a report and raise AssertionError listing every problem; returns the check."""
    check = chromium.open(path) if chromium else open_report(path)
    problems = check.problems(expected_plots)
    if problems:
        raise AssertionError(f"{path}: " + "; ".join(problems))
    return check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.browser")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("ensure", help="make sure Chromium and playwright are available")
    chk = sub.add_parser("check", help="open reports offline and list problems")
    chk.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    if args.command == "ensure":
        return ensure()
    if missing():
        return ensure(sys.stderr)
    status = 0
    for f in args.files:
        check = open_report(f)
        problems = check.problems()
        print(f"{f}: {check.plots_drawn} charts, " + ("; ".join(problems) or "ok"))
        status |= bool(problems)
    return status


if __name__ == "__main__":
    sys.exit(main())
