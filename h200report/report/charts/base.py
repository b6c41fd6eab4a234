"""What every chart of the report shares: colours, fonts, titles that wrap and fit,
row labels, escaping, the empty figure.

Figures are deterministic (fixed colours, sorted data, no ids, no timestamps) so
the stored notebooks can be compared output for output. Plotly labels accept a
subset of HTML, so every piece of text from a table goes through ``escape``.
"""

from __future__ import annotations

import re
import textwrap
from typing import NamedTuple

import plotly.graph_objects as go

from ...vocab import CATEGORIES
from ..model import Report

TEMPLATE = "plotly_white"
# The colour-blind-friendly Okabe-Ito palette, and the greys the charts draw with.
BLUE, VERMILION, GREEN, PURPLE, ORANGE, SKY = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
)
INK, GREY, LIGHT_GREY, BLACK = "#222222", "#555555", "#999999", "#000000"
# Fixed colours per category: stable across runs.
CATEGORY_COLOURS = dict(zip(CATEGORIES, (BLUE, VERMILION, GREEN, PURPLE, ORANGE, SKY), strict=True))
VERDICT_SYMBOLS = {
    "agree": "circle",
    "differs_in_precision": "diamond",
    "conflict": "x",
    "one_source_only": "circle-open",
}
# One source only is the weakest support: drawn fainter.
VERDICT_OPACITY = {
    "agree": 1.0,
    "differs_in_precision": 0.9,
    "conflict": 1.0,
    "one_source_only": 0.55,
}
# Statuses of a claim, coloured so that two sources' statuses for one number differ visibly.
STATUS_COLOURS = {
    "announced": VERMILION,
    "planned": BLUE,
    "reported": INK,
    "confirmed": GREEN,
    "forecast": PURPLE,
    "opinion": ORANGE,
}
DAY_MS = 24 * 60 * 60 * 1000
WRAP = 60


def escape(text: object) -> str:
    """Text safe for Plotly's HTML-subset labels: &, < and > as entities."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrap(text: object, width: int = WRAP) -> str:
    # Chinese has no spaces to break at; textwrap then cuts at the width.
    return "<br>".join(escape(line) for line in textwrap.wrap(str(text), width) or [""])


def gloss_line(gloss: object) -> list[str]:
    """The hover line of a quote's gloss: none for an English quote, which has no gloss."""
    return [] if gloss is None or gloss != gloss or gloss == "" else [f"<i>{wrap(gloss)}</i>"]


def evidence_line(report: Report, anchor: str) -> str:
    """The hover line naming a figure's evidence: the anchor of its entry under "Sources
    and quotes" (a hover label cannot hold a link; a click on the point goes there:
    the page's own script reads the anchor from the trace's ``customdata``)."""
    return f"{escape(report.t('hover_evidence'))}: #{escape(anchor)}"


def shown(report: Report, anchors: list[str]) -> list[str]:
    """``anchors`` (a trace's customdata), each counted as shown by the report: its
    evidence is listed under "Sources and quotes" even where no table shows it."""
    for anchor in anchors:
        report.shown.include(anchor)
    return anchors


# The reports' own font stack (the HTML's), so that a chart's Chinese matches the page's.
FONT = (
    'system-ui, -apple-system, "Segoe UI", Roboto, Arial, "Noto Sans", "Microsoft YaHei", '
    '"PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif'
)


# Chart titles: Plotly draws a title on one line per <br> and never wraps it, and a chart
# is as wide as the page, down to about 360 px on a phone. So titles are wrapped for
# that width (in units of half an em: a Chinese character is two, a Latin letter about
# one) and the top margin grows with the lines, which a fixed margin cut off.
TITLE_SIZE = 16
TITLE_UNITS = 38
TITLE_LINE = 21  # px per title line at TITLE_SIZE
TITLE_PAD = 12  # px above the title and between it and the plot
TITLE_FIRST_LINE = 15  # px from a title's top to its first baseline at TITLE_SIZE
DEFAULT_HEIGHT = 450  # plotly.js's, for a figure that sets none
MENU_HEIGHT = 44  # px of a dropdown menu and its gap above the plot
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
# Closing punctuation stays at the end of the line before it, opening punctuation at the
# start of the line after it (Chinese line-breaking rules).
_NO_LINE_START = set(
    ",.;:!?)%\u3001\u3002\u300b\u300d\u300f\u3011\uff01\uff09\uff0c\uff1a\uff1b\uff1f"
)
_NO_LINE_END = set("(\u300a\u300c\u300e\u3010\u201c\u2018\uff08")


def _units(text: str) -> int:
    return sum(2 if _WIDE.match(c) else 1 for c in text)


def _title_lines(text: object, units: int = TITLE_UNITS) -> list[str]:
    """The title cut into lines of at most ``units``: between Latin words, or between any
    two Chinese characters (Chinese has no spaces), never before closing punctuation."""
    pieces = re.findall(r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|.\s*", str(text))
    words: list[str] = []
    for piece in pieces:
        if words and (piece[0] in _NO_LINE_START or words[-1].rstrip()[-1:] in _NO_LINE_END):
            words[-1] += piece
        else:
            words.append(piece)
    lines = [""]
    for word in words:
        if lines[-1] and _units((lines[-1] + word).rstrip()) > units:
            lines.append("")
        lines[-1] += word
    return [line.strip() for line in lines if line.strip()] or [""]


def title_text(text: object) -> str:
    return "<br>".join(escape(line) for line in _title_lines(text))


def title_margin(*titles: object, below: int = 0) -> int:
    """The top margin that holds the longest of ``titles`` (a menu or slider may switch
    between them), plus ``below`` px for what sits between the title and the plot."""
    lines = max(len(_title_lines(t)) for t in titles)
    return 2 * TITLE_PAD + lines * TITLE_LINE + below


def layout(fig: go.Figure, title: str, *, titles: tuple = (), below: int = 0, **kwargs):
    """The common layout; ``titles``: every other title the figure can switch to."""
    margin = {"l": 20, "r": 20, "b": 40} | kwargs.pop("margin", {})
    height = kwargs.get("height", DEFAULT_HEIGHT)
    fig.update_layout(
        template=TEMPLATE,
        title={
            "text": title_text(title),
            "font": {"size": TITLE_SIZE},
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            # plotly.js puts the first line of a bottom-anchored title at y and the others
            # beneath it, so its top stays TITLE_PAD below the figure's top whatever the
            # number of lines; anchored at the top, a title of two lines or more starts
            # above the figure.
            "y": round(1 - (TITLE_PAD + TITLE_FIRST_LINE) / height, 4),
            "yanchor": "bottom",
            "yref": "container",
            "pad": {"l": 4},
        },
        font={"family": FONT},
        margin=margin | {"t": title_margin(title, *titles, below=below)},
        **kwargs,
    )
    return fig


def date_axis(fig: go.Figure, report: Report) -> None:
    """A time axis whose ticks read as the reader's language writes days and months
    (plotly.js's own ticks are English: "Jul 2025"): days when zoomed in, else months."""
    month = 28 * 24 * 3600 * 1000
    fig.update_xaxes(
        type="date",
        tickformatstops=[
            {"dtickrange": [None, month], "value": report.t("chart_day_ticks")},
            {"dtickrange": [month, None], "value": report.t("chart_month_ticks")},
        ],
    )


# A count axis reads "200,000" in every language, not plotly.js's English "0.2M".
COUNT_AXIS = {"separatethousands": True, "exponentformat": "none"}


# A legend under the chart, across it, at the chart's foot, in px kept for it and the
# axis (ticks slanted on a phone, a title): beside the plot a legend covered the row
# labels and left a phone a plot of half the width; pushed in below the plot by
# plotly.js, it took its room from the plot. A phone wraps it into about five lines.
LEGEND_BELOW = 170
LEGEND_UNDER = {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yref": "container"}

# Row labels stand above their rows in 12 px type, from the plot's left edge to the
# chart's right one: about 340 px on a phone, at 6 to 7 px a unit (half an em). Wrapped
# for that width as titles are, each row given the height its label needs.
ROW_LABEL_UNITS = 46
ROW_LABEL_LINE = 16  # px per line of a row label
ROW_LABEL_GAP = 3  # px between a row's marks and its label, and above the label


class Rows(NamedTuple):
    pitch: int  # px from one row's centre to the next
    height: int  # px the rows take, ``room`` included
    room: int  # px the first row's label stands above the plot (``layout``'s ``below``)


def row_labels(fig: go.Figure, labels: list[str], pitch: int, reach: int) -> Rows:
    """Each row's label (escaped text) written above its row, across the plot, instead of
    as a tick label beside it: long labels then cost no width, and a phone still has a
    plot. ``pitch``: the px a row takes at least; ``reach``: the px its marks reach up
    and down from its centre. A row is given the height its longest label needs."""
    fig.update_yaxes(
        categoryorder="array", categoryarray=list(reversed(labels)), showticklabels=False
    )
    # An escaped label holds no space or Chinese character inside an entity (&amp;): it
    # is cut between words as a title is, and never inside one.
    wrapped = [_title_lines(label, ROW_LABEL_UNITS) for label in labels]
    shift = reach + ROW_LABEL_GAP
    label = shift + ROW_LABEL_LINE * max(len(lines) for lines in wrapped)
    # The label stays clear of the marks of the row above it.
    pitch = max(pitch, label + ROW_LABEL_GAP + reach)
    for label_text, lines in zip(labels, wrapped, strict=True):
        fig.add_annotation(
            x=0,
            xref="paper",
            y=label_text,
            yref="y",
            yshift=shift,
            text="<br>".join(lines),
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            align="left",
            font={"size": 12},
        )
    room = max(0, label - pitch // 2)
    return Rows(pitch, pitch * len(labels) + room, room)


class NothingYet(go.Figure):
    """The figure of a report with no source yet: ``show()`` displays nothing.

    The notebook's status line already says there is nothing yet; an empty titled
    chart beneath every heading would only repeat it. Cells stay free of logic: they
    call ``.show()`` either way.
    """

    def show(self, *args, **kwargs) -> None:
        return None

    def _ipython_display_(self) -> None:
        return None


def empty(report: Report, title_key: str) -> go.Figure:
    """A figure that says there is nothing to show; one that shows nothing at all when the
    report has no source yet (as_of before every source)."""
    fig = NothingYet() if report.empty else go.Figure()
    words = report.t("empty_chart")
    fig.add_annotation(
        text=escape(words), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper"
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return layout(fig, report.t(title_key), height=200)


# ----------------------------------------------------------------------------- order volumes
