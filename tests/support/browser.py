"""Open exported reports in a real, offline Chromium and report what happened.

``python -m tests.support.browser ensure`` makes sure the browser and a Chinese font
are there (``make browser``); ``python -m tests.support.browser check FILE...``
checks reports by hand (``--reader --width 1280 390`` for the reader checks).
Tests use :func:`check_report_html`: charts drawn, no request leaving the file, no
console error, no script from the data run (``window.__pwned``). With
``reader=True`` also what a reader would see go wrong at the given width: a page
wider than the screen, a chart title, row label or point's value cut by its chart, two
labels on one another, a legend over the plot or a label, a missing value printed as a
word (``NaN``), serious or critical accessibility violations (axe-core), an
``<html lang>`` that is not the report's language.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
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
# Without a CJK font Chromium draws Chinese as boxes (screenshots of the zh reports).
FONT_PACKAGE = "fonts-noto-cjk"
INSTALL_HINT = f"as root: apt-get update && apt-get install -y chromium {FONT_PACKAGE}"
# The page counts a chart as drawn when Plotly has put its SVG into the root.
_DRAWN_JS = (
    "() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
    ".filter(el => el.querySelector('svg.main-svg')).length"
)
# What pandas, Python and JavaScript print for a missing value; a reader must never see one.
MISSING_WORDS = ("NaN", "nan", "None", "NaT", "null", "undefined")
# Whole words by ASCII boundaries, not \b: Chinese characters are word characters to re,
# and "为None" must count too. "None of these ..." is English, not a missing value.
_NOT_MISSING = {"None": r"(?! of\b)"}
_MISSING = re.compile(
    r"(?<![A-Za-z0-9_])(?:"
    + "|".join(word + _NOT_MISSING.get(word, "") for word in MISSING_WORDS)
    + r")(?![A-Za-z0-9_])"
)
# Characters shown on each side of a missing-value word: enough to find the place.
MISSING_CONTEXT = 30
AXE_IMPACTS = ("critical", "serious")
# A trace type the inlined plotly.js lacks is drawn as scatter without a word on the
# console: only the figure's full data (what plotly.js drew) against its data tells.
_FALLBACKS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(gd =>
  (gd._fullData || []).filter(t => (gd.data[t.index].type || 'scatter') !== t.type)
    .map(t => `${gd.id} trace ${t.index}: ${gd.data[t.index].type} drawn as ${t.type}`))"""
# The outermost elements that stick out past the right edge of the screen, where no
# ancestor scrolls or clips them (a table scrolling in its own box is fine): what makes
# the page itself scroll sideways. Read only when the page is wider than the screen.
_WIDE_JS = """() => {
  const vw = window.innerWidth;
  const clipped = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const right = el => el.getBoundingClientRect().right;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    Array.from(el.classList).slice(0, 3).map(c => '.' + c).join('');
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (right(el) <= vw + 0.5 || clipped(el)) continue;
    const parent = el.parentElement;
    if (parent !== document.body && right(parent) > vw + 0.5) continue;
    const r = el.getBoundingClientRect();
    const text = (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    out.push(`${name(el)} (${Math.round(r.width)} px wide, right edge at ${Math.round(r.right)} px)` +
      (text ? `: "${text}"` : ''));
  }
  return out;
}"""

# Chart titles that stick out of their chart's SVG: the SVG clips them, so the page does
# not scroll and the cut shows only to the eye. Plotly draws the title as text.gtitle.
_CLIPPED_TITLES_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(gd => {
  const svg = gd.querySelector('svg.main-svg'), title = gd.querySelector('.gtitle');
  if (!svg || !title || !title.textContent.trim()) return [];
  const s = svg.getBoundingClientRect(), t = title.getBoundingClientRect();
  const cut = [['top', s.top - t.top], ['right', t.right - s.right],
               ['bottom', t.bottom - s.bottom], ['left', s.left - t.left]]
    .filter(([, px]) => px > 0.5).map(([side, px]) => `${Math.round(px)} px at the ${side}`);
  return cut.length ? [`${gd.id || 'chart'}: "${title.textContent.slice(0, 40)}" cut ${cut.join(', ')}`] : [];
})"""

# The other parts of a chart a reader must see whole: a text annotation (a row's label)
# or a point's text that runs past the chart's SVG, which clips it; two labels over each
# other; a legend lying over the plot or over a label. plotly.js draws the plot area
# under .nsewdrag, the legend as g.legend.
_CHART_PARTS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(gd => {
  const svg = gd.querySelector('svg.main-svg');
  if (!svg) return [];
  const s = svg.getBoundingClientRect(), name = gd.id || 'chart', out = [];
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const labels = Array.from(gd.querySelectorAll('.annotation-text'))
    .filter(t => t.textContent.trim());
  const texts = Array.from(gd.querySelectorAll('.textpoint text')).filter(t => t.textContent.trim());
  for (const t of [...labels, ...texts]) {
    const r = t.getBoundingClientRect();
    const px = Math.max(r.right - s.right, s.left - r.left);
    if (px > 0.5) out.push(`${name}: label "${t.textContent.slice(0, 40)}" cut by ${Math.round(px)} px`);
  }
  const boxes = labels.map(t => t.getBoundingClientRect());
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => {
    if (overlap(a, b)) out.push(`${name}: labels over each other, "${labels[i].textContent.slice(0, 40)}" and "${labels[i + 1 + j].textContent.slice(0, 40)}"`);
  }));
  const legend = gd.querySelector('g.legend');
  if (legend && legend.getBoundingClientRect().width > 0) {
    const l = legend.getBoundingClientRect();
    const plot = gd.querySelector('.nsewdrag');
    if (plot && overlap(l, plot.getBoundingClientRect())) out.push(`${name}: legend over the plot`);
    const under = labels.filter(t => overlap(l, t.getBoundingClientRect()));
    if (under.length) out.push(`${name}: legend over ${under.length} label(s), "${under[0].textContent.slice(0, 40)}"`);
  }
  return out;
})"""


@dataclass
class ReportCheck:
    path: Path
    plots_drawn: int = 0
    plot_divs: int = 0
    # Traces plotly.js drew as another type than their own (a bundle without their type).
    trace_fallbacks: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    # Every console message, "type: text" (plotly.js warns with console.trace or log).
    console_messages: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    text: str = ""
    pwned: object = None
    clicked_links: int = 0
    width: int = 1280
    # <html lang>, None when the page has none.
    lang: str | None = None
    # document.documentElement.scrollWidth and window.innerWidth, in CSS pixels.
    page_width: int = 0
    viewport_width: int = 0
    # When the page is wider than the screen: the elements that make it so.
    wide_elements: list[str] = field(default_factory=list)
    # Each chart title that its chart cuts off, and on which side.
    clipped_titles: list[str] = field(default_factory=list)
    # Each label or point's value a chart cuts off, each two labels on one another, each
    # legend lying over its plot or a label.
    chart_overlaps: list[str] = field(default_factory=list)
    # Each missing-value word in the visible text, with the characters around it.
    missing_values: list[str] = field(default_factory=list)
    # "rule id: help (n nodes)" per critical or serious axe-core violation; None: not run.
    axe_violations: list[str] | None = None
    # Rule id -> CSS selectors of the first nodes that violate it.
    axe_nodes: dict[str, list[str]] = field(default_factory=dict)
    # What the after_load function or script returned.
    evaluated: object = None

    @property
    def overflow(self) -> int:
        """How many pixels the page is wider than the screen (0 when it fits)."""
        return max(0, self.page_width - self.viewport_width)

    def problems(
        self,
        expected_plots: int | None = None,
        *,
        reader: bool = False,
        language: str | None = None,
    ) -> list[str]:
        """Everything that makes this report unfit to share (empty when it is fine).

        ``reader`` adds what a reader would see go wrong at this width: the page
        scrolling sideways, a chart title or label cut off, a legend over the plot or a
        label, a missing value shown as a word,
        serious or critical axe violations (when axe ran). ``language`` (``en``, ``zh``) must be the primary
        subtag of ``<html lang>``.
        """
        out = []
        if expected_plots is not None and self.plots_drawn != expected_plots:
            out.append(f"{self.plots_drawn} charts drawn, expected {expected_plots}")
        if self.plots_drawn != self.plot_divs:
            out.append(f"{self.plots_drawn} of {self.plot_divs} chart containers drawn")
        if self.trace_fallbacks:
            out.append(f"traces drawn as another type: {self.trace_fallbacks[:5]}")
        if self.blocked_requests:
            out.append(f"requests leaving the file: {self.blocked_requests[:5]}")
        if self.console_errors:
            out.append(f"console errors: {self.console_errors[:5]}")
        if self.page_errors:
            out.append(f"page errors: {self.page_errors[:5]}")
        if self.pwned is not None:
            out.append(f"script from the data ran (window.__pwned = {self.pwned!r})")
        if language is not None and (self.lang or "").split("-")[0].lower() != language.lower():
            out.append(f"<html lang> is {self.lang!r}, the report is in {language!r}")
        if reader:
            out += self._reader_problems()
        return out

    def _reader_problems(self) -> list[str]:
        out = []
        at = f"at {self.width} px"
        if self.overflow:
            out.append(
                f"page {self.overflow} px wider than the screen {at} "
                f"({self.page_width} > {self.viewport_width}): {self.wide_elements[:5]}"
            )
        if self.clipped_titles:
            out.append(f"chart titles cut {at}: {self.clipped_titles[:5]}")
        if self.chart_overlaps:
            out.append(f"chart labels cut or covered {at}: {self.chart_overlaps[:5]}")
        if self.missing_values:
            out.append(f"missing values shown {at}: {self.missing_values[:5]}")
        if self.axe_violations:
            out.append(f"axe violations {at}: {self.axe_violations}")
        return out


def has_cjk_font() -> bool:
    """Whether fontconfig (which Chromium draws with) knows a font for Chinese."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    done = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False
    )
    return bool(done.stdout.strip())


def _missing_packages() -> list[str]:
    """The Debian packages the browser checks need that are not installed."""
    needed = [("chromium", Path(CHROMIUM).exists()), (FONT_PACKAGE, has_cjk_font())]
    return [package for package, there in needed if not there]


def missing() -> list[str]:
    """What is missing to run browser checks, one entry per thing."""
    out = []
    if not Path(CHROMIUM).exists():
        out.append(f"{CHROMIUM} (Debian package chromium; {INSTALL_HINT})")
    if not has_cjk_font():
        out.append(
            f"a Chinese font: fc-list :lang=zh finds none (Debian package {FONT_PACKAGE}; "
            f"{INSTALL_HINT})"
        )
    for module, package in (
        ("playwright", "playwright"),
        ("axe_playwright_python", "axe-playwright-python"),
    ):
        if importlib.util.find_spec(module) is None:
            out.append(f"python package {package} (pip install -e '.[test]')")
    return out


def ensure(stream=sys.stdout) -> int:
    packages = _missing_packages()
    if packages and os.geteuid() == 0 and shutil.which("apt-get"):
        command = f"apt-get update -qq && apt-get install -y -qq {' '.join(packages)}"
        print(
            f"browser: {', '.join(packages)} missing; running: {command}", file=stream, flush=True
        )
        # Non-interactive: make test must never stop for a prompt.
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(command, shell=True, check=False, env=env)
    still = missing()
    if still:
        print("browser: cannot run the browser checks; missing:", file=stream)
        for item in still:
            print(f"  - {item}", file=stream)
        return 1
    print(f"browser: ok ({CHROMIUM}, {FONT_PACKAGE}, playwright, axe)", file=stream)
    return 0


class Chromium:
    """One headless Chromium for many checks (a launch costs seconds; a page, milliseconds)."""

    def __enter__(self) -> Chromium:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        self._axe = None
        self._context = None
        self._tab = None
        # The check the tab's events belong to, and its file's URL; None between checks.
        self._current: tuple[ReportCheck, str] | None = None
        return self

    def __exit__(self, *exc) -> None:
        if self._context is not None:
            self._context.close()
        self.browser.close()
        self._playwright.stop()

    def open(
        self,
        path: Path | str,
        *,
        width: int = 1280,
        timeout_ms: int = 20000,
        click_javascript_links: bool = True,
        axe: bool = False,
        after_load: str | Callable | None = None,
        arg: object = None,
    ) -> ReportCheck:
        """Load one HTML file from file:// with every other request blocked, and check it.

        The page is ``width`` CSS pixels wide. Once the charts are drawn, ``after_load``
        runs: a JavaScript function (``page.evaluate(after_load, arg)``; an async one
        is awaited, so it can wait for ``Plotly.restyle``) or a Python function given
        the Playwright page; what it returns is ``evaluated``. Everything after it
        (text, page width, axe) is read from the page as it left it. ``axe`` runs
        axe-core (shipped inside axe-playwright-python, injected into the page: nothing
        is fetched) and keeps its critical and serious violations.
        """
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        path = Path(path).resolve()
        url = path.as_uri()
        check = ReportCheck(path, width=width)
        page = self._open_tab(width)
        self._current = check, url
        try:
            page.goto(url, wait_until="load", timeout=timeout_ms)
            check.plot_divs = page.evaluate("() => document.querySelectorAll('.h200-plot').length")
            # A shortfall is counted below; the caller decides what it means.
            with contextlib.suppress(PlaywrightTimeout):
                page.wait_for_function(
                    f"n => ({_DRAWN_JS})() >= n", arg=check.plot_divs, timeout=timeout_ms
                )
            check.plots_drawn = page.evaluate(_DRAWN_JS)
            check.trace_fallbacks = page.evaluate(_FALLBACKS_JS)
            if callable(after_load):
                check.evaluated = after_load(page)
            elif after_load is not None:
                check.evaluated = page.evaluate(after_load, arg)
            if click_javascript_links:
                check.clicked_links = _click_javascript_links(page)
            check.text = page.evaluate("() => document.body.innerText")
            check.pwned = page.evaluate("() => window.__pwned")
            check.lang = page.evaluate("() => document.documentElement.getAttribute('lang')")
            check.page_width, check.viewport_width = page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            if check.overflow:
                check.wide_elements = page.evaluate(_WIDE_JS)
            check.clipped_titles = page.evaluate(_CLIPPED_TITLES_JS)
            check.chart_overlaps = page.evaluate(_CHART_PARTS_JS)
            check.missing_values = missing_values(check.text)
            if axe:
                check.axe_violations, check.axe_nodes = self._run_axe(page)
            # The report's document ends here: nothing it does later reaches the next check.
            page.goto("about:blank")
        except BaseException:
            self._tab = None  # in a state unknown: the next check gets a new tab
            page.close()
            raise
        finally:
            self._current = None
        return check

    def _open_tab(self, width: int):
        """The one tab every check navigates (a new tab per check cost a renderer process
        each: twice the CPU of a report's load, measured), sized for this check, the
        context's cookies cleared. A report stores nothing (no storage, no cookies, no
        worker; every request but the file's own is blocked) and each check is a new
        document, so no state carries from one report to the next."""
        if self._context is None:
            self._context = self.browser.new_context(viewport={"width": width, "height": 900})
        self._context.clear_cookies()
        if self._tab is None:
            page = self._tab = self._context.new_page()
            page.route("**/*", self._route)
            page.on("request", self._on_request)
            page.on("websocket", lambda ws: self._blocked(ws.url))
            page.on("console", lambda m: self._current and _on_console(self._current[0], m))
            page.on(
                "pageerror", lambda e: self._current and self._current[0].page_errors.append(str(e))
            )
        self._tab.set_viewport_size({"width": width, "height": 900})
        return self._tab

    def _route(self, r) -> None:
        if self._current is not None and r.request.url.split("#", 1)[0] == self._current[1]:
            r.continue_()
        else:
            self._blocked(r.request.url)
            r.abort()

    def _on_request(self, req) -> None:
        # Catches what routing may not see (e.g. requests from workers).
        u = req.url.split("#", 1)[0]
        mine = self._current is not None and u == self._current[1]
        if not mine and not u.startswith(("data:", "blob:", "about:")):
            self._blocked(u)

    def _blocked(self, url: str) -> None:
        if self._current is not None and url not in self._current[0].blocked_requests:
            self._current[0].blocked_requests.append(url)

    def evaluate(self, path: Path | str, script: str, arg: object = None, **options) -> object:
        """Open a report and return what ``script`` (a JavaScript function) gives once
        its charts are drawn; e.g. move a Plotly slider and read the figure's title."""
        options.setdefault("click_javascript_links", False)
        return self.open(path, after_load=script, arg=arg, **options).evaluated

    def _run_axe(self, page) -> tuple[list[str], dict[str, list[str]]]:
        if self._axe is None:
            from axe_playwright_python.sync_playwright import Axe

            self._axe = Axe()
        found = [
            v for v in self._axe.run(page).response["violations"] if v.get("impact") in AXE_IMPACTS
        ]
        violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in found]
        nodes = {v["id"]: [", ".join(n["target"]) for n in v["nodes"][:5]] for v in found}
        return violations, nodes


def _on_console(check: ReportCheck, message) -> None:
    # plotly.js reports a trace type its bundle lacks with console.trace or console.log
    # (then draws scatter), so every message is kept, not only errors.
    check.console_messages.append(f"{message.type}: {message.text}")
    if message.type == "error":
        check.console_errors.append(message.text)


def missing_values(text: str) -> list[str]:
    """Each missing-value word in ``text``, as ``word: "...the characters around it..."``."""
    out = []
    for match in _MISSING.finditer(text):
        around = text[max(0, match.start() - MISSING_CONTEXT) : match.end() + MISSING_CONTEXT]
        out.append(f'{match.group()}: "{" ".join(around.split())}"')
    return out


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
    path: Path | str,
    expected_plots: int | None = None,
    chromium: Chromium | None = None,
    *,
    width: int = 1280,
    reader: bool = False,
    language: str | None = None,
) -> ReportCheck:
    """Open a report and raise AssertionError listing every problem; returns the check.

    ``reader`` adds the reader checks at ``width`` (axe-core included); ``language``
    must be the primary subtag of the page's ``<html lang>``.
    """
    options = {"width": width, "axe": reader}
    check = chromium.open(path, **options) if chromium else open_report(path, **options)
    problems = check.problems(expected_plots, reader=reader, language=language)
    if problems:
        raise AssertionError(f"{path}: " + "; ".join(problems))
    return check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.browser")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("ensure", help="make sure Chromium, a Chinese font and playwright are there")
    chk = sub.add_parser("check", help="open reports offline and list problems")
    chk.add_argument("files", nargs="+", type=Path)
    chk.add_argument("--width", type=int, nargs="+", default=[1280], help="viewport widths")
    chk.add_argument("--reader", action="store_true", help="also overflow, missing values, axe")
    args = parser.parse_args(argv)
    if args.command == "ensure":
        return ensure()
    if missing():
        return ensure(sys.stderr)
    status = 0
    with Chromium() as chromium:
        for f in args.files:
            for width in args.width:
                check = chromium.open(f, width=width, axe=args.reader)
                problems = check.problems(reader=args.reader)
                head = f"{f} at {width} px (lang {check.lang!r}): {check.plots_drawn} charts"
                print(head + "".join(f"\n  - {p}" for p in problems) if problems else head + ", ok")
                status |= bool(problems)
    return status


if __name__ == "__main__":
    sys.exit(main())
