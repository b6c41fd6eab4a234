"""Executed notebook -> one self-contained HTML file that opens with no network.

Why not nbconvert's defaults: the lab template pulls require.js and MathJax from a
CDN, and the Plotly mimetype output (what the stored notebooks keep, because it is
small and deterministic) is dropped by the HTML exporter. So a preprocessor turns
each Plotly output into a div plus a ``Plotly.newPlot`` call with a deterministic
id, the template inlines plotly.js once (the smallest bundle that draws every
chart: ``bundles``), and a guard rejects any other active HTML an output might
carry (article text must never run in a reader's browser).
"""

from __future__ import annotations

import contextlib
import copy
import html
import json
import re
import threading
from html.parser import HTMLParser
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Dict, Unicode

from ..paths import TEMPLATES_DIR
from ..vocab import LANGUAGE_TAG_PREFIX, language_tag
from .bundles import figure_trace_types, plotlyjs_for

PLOTLY_MIME = "application/vnd.plotly.v1+json"
TEMPLATE_NAME = "h200report_html"
# Marks outputs this module wrote, so the guard can tell them from foreign HTML.
OWN_OUTPUT_KEY = "h200report"
RAW_HTML_POLICIES = ("error", "warn", "allow")

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
_SAFE_HREF = re.compile(r"^(https?:|mailto:|#|[\w./-]+$)", re.IGNORECASE)
_ACTIVE_MIMES = ("application/javascript", "text/javascript", "image/svg+xml")


class UnsafeOutputError(Exception):
    """An output carries HTML that could run code or fetch something when the file opens."""


def _script_json(value: object) -> str:
    # json.dumps alone would leave "</script>" in article text able to end the script
    # element; \u escapes keep the same JSON value and cannot close a tag.
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "nb"


def count_plotly_outputs(path: Path | str) -> int:
    """Plotly figures in an executed notebook: what its report must draw."""
    nb = nbformat.read(str(path), as_version=4)
    return sum(PLOTLY_MIME in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


def plot_div_id(notebook_name: str, cell_index: int, output_index: int) -> str:
    return f"plot-{_slug(notebook_name)}-c{cell_index}-o{output_index}"


def plotly_html(spec: dict, div_id: str) -> str:
    """The div and script that draw one Plotly figure, given its JSON spec."""
    layout = spec.get("layout") or {}
    height = layout.get("height")
    height_css = f"{int(height)}px" if isinstance(height, int | float) else "450px"
    payload = _script_json({"data": spec.get("data") or [], "layout": layout})
    # typesetMath false: plotly must never look for (or ask for) MathJax.
    config = '{"responsive":true,"displaylogo":false,"typesetMath":false}'
    return (
        f'<div id="{div_id}" class="h200-plot" style="width:100%;height:{height_css}"></div>\n'
        f'<script type="text/javascript">(function () {{\n'
        f"var spec = {payload};\n"
        f'Plotly.newPlot("{div_id}", spec.data, spec.layout, {config});\n'
        f"}})();</script>"
    )


class _HtmlAudit(HTMLParser):
    def __init__(self, allow_links: bool = False):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False
        self._allow_links = allow_links

    def handle_starttag(self, tag, attrs):
        link = self._allow_links and tag == "a"
        if tag not in _SAFE_TAGS and not link:
            self.problems.append(f"tag <{tag}>")
        self._in_style = tag == "style"
        for name, value in attrs:
            if link and name == "href":
                if not _SAFE_HREF.match(value or ""):
                    self.problems.append(f"link to {(value or '')[:40]!r}")
            elif name not in _SAFE_ATTRS:
                self.problems.append(f"attribute {name}= on <{tag}>")
            elif name == "style" and value and _FETCHING_CSS.search(value):
                self.problems.append(f"style attribute that loads something on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style and _FETCHING_CSS.search(data):
            self.problems.append("stylesheet that loads something")


def audit_html(html: str, allow_links: bool = False) -> list[str]:
    """Why this HTML is not inert table markup (empty when it is)."""
    audit = _HtmlAudit(allow_links)
    audit.feed(html)
    audit.close()
    return sorted(set(audit.problems))


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


# A Markdown cell that speaks to whoever runs the notebook (the parameters cell, what to
# run): a shared page has no cells, so the export drops it.
NOTEBOOK_ONLY_TAG = "notebook-only"


def keep_language(nb, language: str):
    """The notebook without the Markdown cells tagged for another language, or for the
    notebook only (``notebook-only``).

    The notebooks carry every title and heading twice, tagged ``lang-en`` and
    ``lang-zh``; a report is in one language, so it keeps only its own (and every
    untagged cell). Works on the node it is given.
    """
    own = language_tag(language)

    def kept(cell) -> bool:
        tags = [t for t in cell.get("metadata", {}).get("tags", []) if isinstance(t, str)]
        langs = [t for t in tags if t.startswith(LANGUAGE_TAG_PREFIX)]
        if cell.cell_type == "markdown" and NOTEBOOK_ONLY_TAG in tags:
            return False
        return cell.cell_type != "markdown" or not langs or own in langs

    nb.cells = [c for c in nb.cells if kept(c)]
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
        if "text/html" in data:
            html = data["text/html"]
            problems += audit_html("".join(html) if isinstance(html, list) else html)
        elif "text/markdown" in data:
            # Markdown outputs pass raw HTML through, so audit what they render to.
            from nbconvert.filters import markdown2html

            text = data["text/markdown"]
            text = "".join(text) if isinstance(text, list) else text
            problems += audit_html(markdown2html(text), allow_links=True)
        if problems:
            message = f"{where}: unsafe HTML output ({'; '.join(problems)})"
            if self.raw_html == "error":
                raise UnsafeOutputError(message)
            self.warnings.append(message)
            for mime in _ACTIVE_MIMES:
                data.pop(mime, None)


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
