"""Executed notebook -> one self-contained HTML file that opens with no network, and
the single-file edition of a parameter set.

Why not nbconvert's defaults: the lab template pulls require.js and MathJax from a
CDN, and the Plotly mimetype output (what the stored notebooks keep, because it is
small and deterministic) is dropped by the HTML exporter. So a preprocessor turns
each Plotly output into a div plus a ``Plotly.newPlot`` call with a deterministic
id, the template inlines plotly.js once (the smallest bundle that draws every
chart: ``bundles``), and a guard rejects any other active HTML an output might
carry (article text must never run in a reader's browser).

The edition (every report of one parameter set in one file, plotly.js once, for
mailing one attachment) is made from the exported reports themselves, so a reused
report is in it as it is on its own: the body of each under a contents list, links
between reports turned into links within the file. Plot ids are unique per report
(``plot-<report>-c<cell>-o<n>``), so the charts of one report never draw into another's.
"""

from __future__ import annotations

import collections
import contextlib
import copy
import html
import json
import re
import threading
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import nh3
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from traitlets import Dict, Unicode

from ..paths import TEMPLATES_DIR
from ..vocab import LANGUAGES, language_tag
from .bundles import figure_trace_types, plotlyjs_for

PLOTLY_MIME = "application/vnd.plotly.v1+json"
TEMPLATE_NAME = "h200report_html"
# Marks outputs this module wrote, so the guard can tell them from foreign HTML.
OWN_OUTPUT_KEY = "h200report"
RAW_HTML_POLICIES = ("error", "warn", "allow")
# A cell tagged so shows what changed since the last render: the kernel cannot know
# (it runs the same for every render with the same inputs), so the export fills it in.
CHANGES_TAG = "since-last-render"
PLOT_CLASS = "h200-plot"
EDITION = "all-reports.html"

# What pandas (plain and Styler) emits for a table; nothing here can run code or fetch.
_SAFE_TAGS = frozenset(
    [
        "div",
        "span",
        "style",
        "table",
        "caption",
        "colgroup",
        "col",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "br",
        "p",
        "b",
        "i",
        "em",
        "strong",
        "small",
        "code",
        "pre",
        "sup",
        "sub",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "blockquote",
    ]
)
_SAFE_ATTRS = frozenset(
    [
        "class",
        "id",
        "style",
        "border",
        "colspan",
        "rowspan",
        "halign",
        "valign",
        "align",
        "title",
        "scope",
        "lang",
        "dir",
        "scoped",
        "type",
        "width",
        "height",
        # The report's own tables and cards: accessible names and keyboard focus.
        "role",
        "aria-label",
        "tabindex",
        "data-label",
    ]
)
_FETCHING_CSS = re.compile(r"url\s*\(|@import|expression\s*\(", re.IGNORECASE)
_ACTIVE_MIMES = ("application/javascript", "text/javascript", "image/svg+xml")


class UnsafeOutputError(Exception):
    """An output carries HTML that could run code or fetch something when the file opens."""


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "nb"


def count_plotly_outputs(path: Path | str) -> int:
    """Plotly figures in an executed notebook: what its report must draw."""
    nb = nbformat.read(str(path), as_version=4)
    return sum(PLOTLY_MIME in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


def plot_div_id(notebook_name: str, cell_index: int, output_index: int) -> str:
    return f"plot-{_slug(notebook_name)}-c{cell_index}-o{output_index}"


def plotly_html(spec: dict, div_id: str) -> str:
    """The div and script that draw one Plotly figure, given its JSON spec (plotly's own
    HTML, with the figure's JSON escaped so article text cannot end the script), its
    div also of our class: the stylesheet and the page's script find the charts by it."""
    import plotly.io

    page = plotly.io.to_html(
        {"data": spec.get("data") or [], "layout": spec.get("layout") or {}},
        # typesetMath false: plotly must never look for (or ask for) MathJax.
        config={"responsive": True, "displaylogo": False, "typesetMath": False},
        include_plotlyjs=False,
        include_mathjax=False,
        full_html=False,
        div_id=div_id,
        default_width="100%",
        default_height="450px",
        validate=False,
    )
    own = f'<div id="{div_id}" class="plotly-graph-div {PLOT_CLASS}"'
    return page.replace(f'<div id="{div_id}" class="plotly-graph-div"', own, 1)


class _Elements(HTMLParser):
    """Each tag and attribute of some HTML (with link targets), and any CSS that fetches."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: collections.Counter[str] = collections.Counter()
        self.fetching: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.found[f"tag <{tag}>"] += 1
        self._in_style = tag == "style"
        for name, value in attrs:
            shown = f" to {(value or '')[:40]!r}" if name == "href" else ""
            self.found[f"attribute {name}={shown} on <{tag}>"] += 1
            if name == "style" and value and _FETCHING_CSS.search(value):
                self.fetching.append(f"style attribute that loads something on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style and _FETCHING_CSS.search(data):
            self.fetching.append("stylesheet that loads something")


def _elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def sanitise_html(html: str, allow_links: bool = False) -> str:
    """``html`` with every tag and attribute outside the allow-list removed (nh3)."""
    return nh3.clean(
        html,
        tags=_SAFE_TAGS | ({"a"} if allow_links else set()),
        # <style> stays, its text as it is: pandas Styler tables need it (checked below).
        clean_content_tags={"script"},
        attributes={"*": _SAFE_ATTRS, **({"a": {"href"}} if allow_links else {})},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def audit_html(html: str, allow_links: bool = False) -> list[str]:
    """Why this HTML is not inert table markup (empty when it is): what the allow-list
    removes, and CSS that would fetch something (which no allow-list of tags sees)."""
    before = _elements(html)
    removed = before.found - _elements(sanitise_html(html, allow_links)).found
    return sorted(set(removed) | set(before.fetching))


def _plain(markdown: str) -> str:
    """Inline markdown to its plain words (a title or a one-line description wants those)."""
    return re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", markdown).strip()


def title_and_description(nb) -> tuple[str | None, str | None]:
    """A notebook's first heading and the first paragraph under it (the same Markdown
    cell): its title and one-line description, in whatever language the cells left are."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.splitlines()
        for i, line in enumerate(lines):
            match = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
            if match and match.group(1):
                rest = "\n".join(lines[i + 1 :]).strip().split("\n\n")[0]
                described = rest and not rest.lstrip().startswith("#")
                return _plain(match.group(1)), _plain(" ".join(rest.split())) if described else None
    return None, None


class _OtherLanguage(TagRemovePreprocessor):
    """nbconvert's removal of tagged cells, for Markdown only: a code cell is never
    dropped (its outputs follow the language parameter)."""

    def check_cell_conditions(self, cell, resources, index):
        return cell.cell_type != "markdown" or super().check_cell_conditions(cell, resources, index)


# A Markdown cell that speaks to whoever runs the notebook (the parameters cell, what to
# run): a shared page has no cells, so the export drops it.
NOTEBOOK_ONLY_TAG = "notebook-only"


def keep_language(nb, language: str, notebook: bool = False):
    """The notebook without the Markdown cells tagged for another language, nor (unless
    it is for a ``notebook`` user, not a page) those for the notebook only.

    A source carries every title and heading twice, tagged ``lang-en`` and ``lang-zh``;
    a notebook or a report is in one language, so it keeps only its own (and every
    untagged cell). Works on the node it is given.
    """
    drop = {language_tag(other) for other in LANGUAGES if other != language}
    if not notebook:
        drop.add(NOTEBOOK_ONLY_TAG)
    nb, _ = _OtherLanguage(remove_cell_tags=drop).preprocess(nb, {})
    return nb


_NOTEBOOK_LINK = re.compile(r"\]\(([\w.-]+)\.ipynb(#[^)\s]*)?\)")


def _html_links(markdown: str) -> str:
    """Links between notebooks point at the sibling reports in the exported HTML."""
    return _NOTEBOOK_LINK.sub(lambda m: f"]({m.group(1)}.html{m.group(2) or ''})", markdown)


def _sentences_output(sentences: list[str]):
    """A list of our own sentences as an output; they may quote titles, so escaped."""
    items = "".join(f"<li>{html.escape(s)}</li>" for s in sentences)
    return nbformat.v4.new_output(
        "display_data",
        data={
            "text/html": f'<ul class="h200-sentences">{items}</ul>',
            "text/plain": "\n".join(sentences),
        },
    )


class PlotlyToHtmlPreprocessor(Preprocessor):
    """Plotly JSON outputs -> inert div + newPlot script; audits every other HTML output."""

    notebook_name = Unicode("notebook").tag(config=True)
    raw_html = Unicode("error").tag(config=True)
    # Cell tag -> sentences that replace that cell's outputs (what only the render knows).
    filled = Dict().tag(config=True)

    def preprocess(self, nb, resources):
        self.plot_count = 0
        self.trace_types: set[str] = set()
        self.warnings: list[str] = []
        for cell_index, cell in enumerate(nb.cells):
            if cell.cell_type == "markdown":
                cell.source = _html_links(cell.source)
            if cell.cell_type != "code":
                continue
            tags = cell.get("metadata", {}).get("tags", [])
            fill = next((self.filled[t] for t in tags if t in self.filled), None)
            if fill is not None:
                cell.outputs = [_sentences_output(fill)]
            for output_index, output in enumerate(cell.get("outputs", [])):
                markdown = output.get("data", {}).get("text/markdown")
                if markdown is not None:
                    output["data"]["text/markdown"] = _html_links(
                        "".join(markdown) if isinstance(markdown, list) else markdown
                    )
                self._convert(output, cell_index, output_index)
        title, _ = title_and_description(nb)
        if title:
            nb.metadata["title"] = title
        resources["h200_plot_count"] = self.plot_count
        resources["h200_trace_types"] = sorted(self.trace_types)
        resources["h200_warnings"] = self.warnings
        return nb, resources

    def _convert(self, output, cell_index: int, output_index: int) -> None:
        data = output.get("data")
        if not data:
            return
        if PLOTLY_MIME in data:
            spec = data[PLOTLY_MIME]
            if isinstance(spec, str):
                spec = json.loads(spec)
            div_id = plot_div_id(self.notebook_name, cell_index, output_index)
            output["data"] = {"text/html": plotly_html(spec, div_id)}
            output.setdefault("metadata", {})[OWN_OUTPUT_KEY] = "plotly"
            self.plot_count += 1
            self.trace_types |= figure_trace_types(spec)
            return
        if self.raw_html == "allow":
            return
        where = f"cell {cell_index} output {output_index}"
        problems = [f"active output {mime}" for mime in _ACTIVE_MIMES if mime in data]
        html, links = None, False
        if "text/html" in data:
            html = data["text/html"]
            html = "".join(html) if isinstance(html, list) else html
        elif "text/markdown" in data:
            # Markdown outputs pass raw HTML through, so audit what they render to.
            from nbconvert.filters import markdown2html

            text = data["text/markdown"]
            html = markdown2html("".join(text) if isinstance(text, list) else text)
            links = True
        if html is not None:
            problems += audit_html(html, allow_links=links)
        if problems:
            message = f"{where}: unsafe HTML output ({'; '.join(problems)})"
            if self.raw_html == "error":
                raise UnsafeOutputError(message)
            # warn: what is shown is what the allow-list keeps, never the output as it came.
            self.warnings.append(message)
            for mime in (*_ACTIVE_MIMES, "text/markdown"):
                data.pop(mime, None)
            if html is not None:
                data["text/html"] = sanitise_html(html, allow_links=links)


# Exporters by options, each lent to one thread at a time: building one compiles its
# Jinja templates (a fifth of a second), and exporters keep state while they run.
_EXPORTERS: dict[tuple[str, bool], list[HTMLExporter]] = {}
_EXPORTERS_LOCK = threading.Lock()


def _new_exporter(language: str, keep_code: bool) -> HTMLExporter:
    return HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        exclude_input=not keep_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=language,
        # Not sanitize_html: it turns Plotly's scripts into text and mangles tables;
        # the audit above is the guard instead.
        sanitize_html=False,
        embed_images=True,
    )


@contextlib.contextmanager
def _exporter(language: str, keep_code: bool):
    with _EXPORTERS_LOCK:
        free = _EXPORTERS.setdefault((language, keep_code), [])
        exporter = free.pop() if free else None
    exporter = exporter or _new_exporter(language, keep_code)
    try:
        yield exporter
    finally:
        with _EXPORTERS_LOCK:
            _EXPORTERS[(language, keep_code)].append(exporter)


def export_html(
    nb,
    notebook_name: str,
    *,
    language: str = "en",
    keep_code: bool = False,
    raw_html: str = "error",
    changes: dict[str, list[str]] | None = None,
) -> tuple[str, dict]:
    """Render an executed notebook node to HTML text; returns (html, info).

    ``info`` has ``plots`` (number of Plotly figures), ``plotlyjs`` (the bundle
    inlined: ``"basic"`` or ``"full"``, None without a chart) and ``warnings``. Raises
    UnsafeOutputError when ``raw_html == "error"`` and an output carries active HTML.
    ``changes`` maps a cell tag to the sentences that replace the outputs of the
    cells carrying it (what changed since the last render: only the render knows).
    """
    if raw_html not in RAW_HTML_POLICIES:
        raise ValueError(f"raw_html must be one of {RAW_HTML_POLICIES}, not {raw_html!r}")
    # The other language's Markdown goes first, so the page title is the report's own.
    nb = keep_language(copy.deepcopy(nb), language)
    pre = PlotlyToHtmlPreprocessor(
        notebook_name=notebook_name, raw_html=raw_html, filled=changes or {}
    )
    nb, pre_resources = pre.preprocess(nb, {})
    bundle, plotlyjs = (
        plotlyjs_for(pre_resources["h200_trace_types"])
        if pre_resources["h200_plot_count"]
        else (None, "")
    )
    resources = {"metadata": {"name": notebook_name}, "h200_plotlyjs": plotlyjs}
    with _exporter(language, keep_code) as exporter:
        body, _ = exporter.from_notebook_node(nb, resources=resources)
    problems = outbound_references(body)
    if problems:
        raise UnsafeOutputError(f"exported HTML would load from the network: {problems[:3]}")
    info = {
        "plots": pre_resources["h200_plot_count"],
        "plotlyjs": bundle,
        "warnings": pre_resources["h200_warnings"],
    }
    return body, info


def export_file(src: Path, dest: Path, **kwargs) -> dict:
    nb = nbformat.read(src, as_version=4)
    html, info = export_html(nb, kwargs.pop("notebook_name", Path(src).stem), **kwargs)
    Path(dest).write_text(html, encoding="utf-8")
    return info


class _ReferenceScan(HTMLParser):
    # Attributes that make a browser fetch while loading the page (links do not).
    _LOADING = {"src", "srcset", "data", "poster", "background", "action", "formaction"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            loads = name in self._LOADING or (tag == "link" and name == "href")
            if loads and not value.startswith(("data:", "#", "blob:")):
                self.found.append(f"<{tag} {name}={value[:80]}>")

    handle_startendtag = handle_starttag


def outbound_references(html: str) -> list[str]:
    """Every resource the HTML would load when opened (scripts' own text is not scanned)."""
    scan = _ReferenceScan()
    scan.feed(html)
    scan.close()
    return scan.found


# ----------------------------------------------------------------------------- the edition

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


def edition(reports: list[tuple[str, Path, str]], language: str, title: str, contents: str) -> str:
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
