"""The single-file edition: every report of one parameter set in one HTML file, with
plotly.js once, for mailing one attachment.

Made from the exported reports themselves (so a reused report is in it as it is on
its own): the body of each, under a contents list, links between reports turned into
links within the file. Plot ids are unique per report (``plot-<report>-c<cell>-o<n>``),
so the charts of one report never draw into another's.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

EDITION = "all-reports.html"
_MAIN = re.compile(r'<main id="main">(.*?)</main>', re.S)
_HEAD = re.compile(r"<head>(.*?)</head>", re.S)
_FOOT = re.compile(r"</main>\s*(.*?)</body>", re.S)


def section_id(stem: str) -> str:
    return f"report-{stem}"


def _local_links(body: str, stems: set[str]) -> str:
    def repl(match: re.Match) -> str:
        stem, fragment = match.group(1), match.group(2) or ""
        return f'href="#{section_id(stem)}"' if stem in stems and not fragment else match.group(0)

    return re.sub(r'href="([\w.-]+)\.html(#[^"]*)?"', repl, body)


def build(reports: list[tuple[str, Path, str]], language: str, title: str, contents: str) -> str:
    """One page of ``reports`` (stem, exported html, title), the head of the first that
    has charts (its plotly.js is the bundle every report of the set needs: the render
    exports a set with one bundle choice), ``title`` and ``contents`` (heading of the list)."""
    pages = [(stem, path.read_text(encoding="utf-8"), name) for stem, path, name in reports]
    stems = {stem for stem, _, _ in pages}
    with_charts = [page for _, page, _ in pages if "Plotly.newPlot(" in page]
    head_source = max(with_charts or [p for _, p, _ in pages], key=len)
    head = _HEAD.search(head_source).group(1)
    head = re.sub(r"<title>.*?</title>", f"<title>{html.escape(title)}</title>", head, flags=re.S)
    foot = _FOOT.search(head_source).group(1) if with_charts else ""
    items = "".join(
        f'<li><a href="#{section_id(stem)}">{html.escape(name)}</a></li>' for stem, _, name in pages
    )
    sections = "".join(
        f'<section id="{section_id(stem)}" class="h200-edition-report">'
        f"{_local_links(_MAIN.search(page).group(1), stems)}</section>"
        for stem, page, _ in pages
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(language)}">\n<head>{head}</head>\n'
        f'<body>\n<main id="main">\n<h1>{html.escape(title)}</h1>\n'
        f'<nav aria-label="{html.escape(contents)}"><h2>{html.escape(contents)}</h2><ol>{items}</ol></nav>\n'
        f"{sections}\n</main>\n{foot}</body>\n</html>\n"
    )
