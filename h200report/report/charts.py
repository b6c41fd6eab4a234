"""Plotly figures of the report, drawn from the frames ``views`` computes.

Figures are deterministic (fixed colours, sorted data, no ids, no timestamps) so
the stored notebooks can be compared output for output. Plotly labels accept a
subset of HTML, so every piece of text from a table goes through ``escape``.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap

import pandas as pd
import plotly.graph_objects as go

from ..factbase.formatting import describe_value, number
from ..vocab import CATEGORIES
from . import i18n
from .views import Report, Scenario, allowed_curve, cap_presets, fee_steps, unban_date

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


def _wrap(text: object, width: int = WRAP) -> str:
    # Chinese has no spaces to break at; textwrap then cuts at the width.
    return "<br>".join(escape(line) for line in textwrap.wrap(str(text), width) or [""])


def _gloss_line(gloss: object) -> list[str]:
    """The hover line of a quote's gloss: none for an English quote, which has no gloss."""
    return [] if gloss is None or gloss != gloss or gloss == "" else [f"<i>{_wrap(gloss)}</i>"]


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
# Closing punctuation stays at the end of the line before it (Chinese line-breaking rules).
_NO_LINE_START = set(
    ",.;:!?)%\u3001\u3002\u300b\u300d\u300f\u3011\uff01\uff09\uff0c\uff1a\uff1b\uff1f"
)


def _units(text: str) -> int:
    return sum(2 if _WIDE.match(c) else 1 for c in text)


def _title_lines(text: object, units: int = TITLE_UNITS) -> list[str]:
    """The title cut into lines of at most ``units``: between Latin words, or between any
    two Chinese characters (Chinese has no spaces), never before closing punctuation."""
    pieces = re.findall(r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|.\s*", str(text))
    words: list[str] = []
    for piece in pieces:
        if words and piece[0] in _NO_LINE_START:
            words[-1] += piece
        else:
            words.append(piece)
    lines = [""]
    for word in words:
        if lines[-1] and _units((lines[-1] + word).rstrip()) > units:
            lines.append("")
        lines[-1] += word
    return [line.strip() for line in lines if line.strip()] or [""]


def _title(text: object) -> str:
    return "<br>".join(escape(line) for line in _title_lines(text))


def title_margin(*titles: object, below: int = 0) -> int:
    """The top margin that holds the longest of ``titles`` (a menu or slider may switch
    between them), plus ``below`` px for what sits between the title and the plot."""
    lines = max(len(_title_lines(t)) for t in titles)
    return 2 * TITLE_PAD + lines * TITLE_LINE + below


def _layout(fig: go.Figure, title: str, *, titles: tuple = (), below: int = 0, **kwargs):
    """The common layout; ``titles``: every other title the figure can switch to."""
    margin = {"l": 20, "r": 20, "b": 40} | kwargs.pop("margin", {})
    height = kwargs.get("height", DEFAULT_HEIGHT)
    fig.update_layout(
        template=TEMPLATE,
        title={
            "text": _title(title),
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


def _row_labels(fig: go.Figure, labels: list[str]) -> None:
    """Each row's label written above its row, across the plot, instead of as a tick
    label beside it: long labels then cost no width, and a phone still has a plot."""
    fig.update_yaxes(
        categoryorder="array", categoryarray=list(reversed(labels)), showticklabels=False
    )
    for label in labels:
        fig.add_annotation(
            x=0,
            xref="paper",
            y=label,
            yref="y",
            yshift=14,
            text=label,
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            align="left",
            font={"size": 12},
        )


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
    return _layout(fig, report.t(title_key), height=200)


# ----------------------------------------------------------------------------- order volumes


def zero_statements(zeros: pd.DataFrame, report: Report) -> go.Figure:
    """Each zero statement as a line over the period it covers, ending at the date it speaks for."""
    if zeros.empty:
        return empty(report, "chart_zero_title")
    lang = report.language
    labels = [escape(f"{w} ({s})") for w, s in zip(zeros["what"], zeros["source"], strict=True)]
    xs, ys = [], []
    for start, end, label in zip(zeros["period_start"], zeros["as_of"], labels, strict=True):
        xs += [start, end, None]
        ys += [label, label, None]
    hover = [
        "<br>".join(
            [
                f"<b>{escape(r.value)}</b>: {escape(r.what)}",
                f"{escape(report.t('hover_who'))}: {escape(r.attributed_to)}",
                f"{escape(r.period_start)} – {escape(r.as_of)}",
                f"{escape(report.t('hover_source'))}: {escape(r.source)}",
                _wrap(r.quote),
                *_gloss_line(r.gloss_en),
            ]
        )
        for r in zeros.itertuples()
    ]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"width": 6, "color": LIGHT_GREY},
            name=escape(report.t("legend_period")),
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=list(zeros["as_of"]),
            y=labels,
            mode="markers+text",
            name=escape(report.t("legend_stated")),
            marker={"size": 14, "color": VERMILION, "symbol": "circle"},
            text=[escape(v) for v in zeros["value"]],
            textposition="middle right",
            hovertext=hover,
            hoverinfo="text",
        )
    )
    unban = unban_date(report)
    if unban:
        fig.add_shape(
            type="line",
            x0=unban,
            x1=unban,
            y0=0,
            y1=1,
            yref="paper",
            line={"dash": "dot", "color": GREY},
        )
        fig.add_annotation(
            x=unban,
            y=1,
            yref="paper",
            text=escape(report.t("unban_marker")),
            showarrow=False,
            yanchor="bottom",
        )
    fig.update_xaxes(type="date", title={"text": escape(report.t("chart_zero_x"))})
    _row_labels(fig, labels)
    return _layout(
        fig,
        i18n.t("chart_zero_title", lang),
        height=180 + 60 * len(zeros),
        legend={"orientation": "h", "y": -0.25},
    )


def bounds(frame: pd.DataFrame, report: Report) -> go.Figure:
    """Bounds drawn as bounds: a ceiling is a tick with an arrow pointing down to zero, a floor
    a tick with an arrow pointing up and open-ended; never a plain bar."""
    if frame.empty:
        return empty(report, "chart_bounds_title")
    lang = report.language
    numbers = pd.concat([frame["point"], frame["low"], frame["high"]]).dropna()
    axis_end = float(numbers.max()) * 1.15
    # One row per source's claim, its status in the label: "Per-company cap: planned (000)"
    # next to "...: announced (002)" shows where the sources disagree on the status.
    labels = [
        escape(i18n.t("bounds_row", lang, label=lab, status=i18n.value(st, lang), source=src))
        for lab, st, src in zip(frame["label"], frame["status"], frame["source"], strict=True)
    ]
    frame = frame.reset_index(drop=True)
    fig = go.Figure()
    groups = {
        "ceiling": ("at_most", "less_than"),
        "floor": ("at_least", "more_than"),
        "exact": ("exact", "approximate"),
        "range": ("vague_range",),
    }
    symbols = {"ceiling": "line-ns", "floor": "line-ns", "exact": "circle", "range": "line-ns"}
    for group, bound_kinds in groups.items():
        rows = frame[frame["bound"].isin(bound_kinds)]
        if rows.empty:
            continue
        idx = list(rows.index)
        column = {"ceiling": "high", "floor": "low", "exact": "point", "range": "low"}[group]
        trace = {
            "x": [float(v) for v in rows[column]],
            "y": [labels[i] for i in idx],
            "mode": "markers+text",
            "name": escape(report.t(f"legend_{group}")),
            "marker": {
                "symbol": symbols[group],
                "size": 22,
                "color": [STATUS_COLOURS.get(st, INK) for st in rows["status"]],
                "line": {
                    "width": 4,
                    "color": [STATUS_COLOURS.get(st, INK) for st in rows["status"]],
                },
            },
            "text": [escape(t) for t in rows["value"]],
            # Beside the tick, on the side with room (a ceiling near zero, a floor far out).
            "textposition": [
                "middle left" if float(x) > axis_end / 2 else "middle right" for x in rows[column]
            ],
            "hovertext": [
                labels[i] + "<br>" + escape(t) for i, t in zip(idx, rows["value"], strict=True)
            ],
            "hoverinfo": "text",
        }
        if group == "range":
            trace["error_x"] = {
                "type": "data",
                "symmetric": False,
                "array": [float(h - lo) for lo, h in zip(rows["low"], rows["high"], strict=True)],
                "arrayminus": [0.0] * len(rows),
            }
        fig.add_trace(go.Scatter(**trace))
        for i, row in rows.iterrows():
            if group == "ceiling":
                tail, head = float(row["high"]), 0.0
            elif group == "floor":
                tail, head = float(row["low"]), axis_end
            else:
                continue
            # An arrow from the bound toward its open side: the truth lies somewhere along it.
            fig.add_annotation(
                x=head,
                y=labels[i],
                ax=tail,
                ay=labels[i],
                xref="x",
                yref="y",
                axref="x",
                ayref="y",
                text="",
                showarrow=True,
                arrowhead=2,
                arrowsize=1.5,
                arrowwidth=2,
                arrowcolor=GREY,
            )
    for st in [st for st in STATUS_COLOURS if st in set(frame["status"])]:
        # Legend-only entries: what each colour says about the claim's status.
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=escape(i18n.value(st, lang)),
                marker={"symbol": "square", "size": 12, "color": STATUS_COLOURS[st]},
                legendgroup="status",
            )
        )
    fig.update_xaxes(
        range=[0, axis_end],
        title={"text": escape(report.t("chart_bounds_x"))},
        separatethousands=True,
    )
    _row_labels(fig, labels)
    return _layout(
        fig,
        report.t("chart_bounds_title"),
        height=180 + 70 * len(frame),
        legend={"orientation": "h", "y": -0.3},
    )


# ----------------------------------------------------------------------------- quotas


def _basis(report: Report, value: float | None, sourced: float | None) -> str:
    return report.t("as_sourced") if value == sourced else report.t("scenario_value")


# The three curves of each cap preset: (column of allowed_curve, mode, line). The trace
# is named by the i18n key trace_<column>.
_CURVE_TRACES = (
    ("per_company_total", "lines", {"dash": "dash", "color": BLUE}),
    ("overall", "lines", {"dash": "dot", "color": VERMILION}),
    ("allowed", "lines+markers", {"width": 4, "color": GREEN}),
)


def allowed_chips(sc: Scenario, report: Report) -> go.Figure:
    """Chips the caps allow against the number of buyers: per-company cap × buyers, the overall
    cap, and the lower of the two; the chosen buyer count marked.

    A menu switches the per-company cap between presets (the sourced value among them),
    over curves computed here: the shared HTML needs no kernel to try another cap.
    The sourced (or chosen) cap is the view it opens with.
    """
    if report.empty or sc.curve.empty:
        return empty(report, "chart_allowed_title")
    lang = report.language
    presets = cap_presets(sc)
    fig = go.Figure()
    owner: list[int] = []  # which preset each trace belongs to
    views_ = []
    for i, cap in enumerate(presets):
        c = allowed_curve(cap, sc.overall, sc.buyers)
        b = list(c["buyers"])
        shown = cap == sc.cap
        traces = [
            go.Scatter(
                x=b,
                y=list(c[column]),
                mode=mode,
                line=line,
                name=escape(report.t(f"trace_{column}")),
            )
            for column, mode, line in _CURVE_TRACES
        ]
        if sc.buyers is not None:
            y = float(c.loc[c["buyers"] == sc.buyers, "allowed"].iloc[0])
            traces.append(
                go.Scatter(
                    x=[sc.buyers],
                    y=[y],
                    mode="markers",
                    marker={"size": 16, "symbol": "star", "color": BLACK},
                    name=escape(report.t("trace_chosen")),
                )
            )
        for trace in traces:
            trace.visible = shown
            fig.add_trace(trace)
            owner.append(i)
        words = describe_value(None, None, cap, "chips", "at_most", lang)
        basis = _basis(report, cap, sc.sourced_cap)
        title = report.t("chart_allowed_preset", cap=words, basis=basis)
        label = report.t("chart_allowed_menu", cap=number(cap, lang), basis=basis)
        views_.append((label, title, [0.5, len(b) + 0.5]))
    default = presets.index(sc.cap)
    buttons = [
        {
            "label": escape(label),
            "method": "update",
            "args": [
                {"visible": [o == i for o in owner]},
                {"title.text": _title(title), "xaxis.range": x_range},
            ],
        }
        for i, (label, title, x_range) in enumerate(views_)
    ]
    fig.update_xaxes(title={"text": escape(report.t("chart_allowed_x"))}, range=views_[default][2])
    fig.update_yaxes(
        title={"text": escape(report.t("chart_allowed_y"))},
        rangemode="tozero",
        separatethousands=True,
    )
    _layout(
        fig,
        views_[default][1],
        # The menu sits between the title and the plot.
        titles=tuple(title for _, title, _ in views_),
        below=MENU_HEIGHT,
        height=480,
        legend={"orientation": "h", "y": -0.25},
    )
    fig.update_layout(
        updatemenus=[
            {
                "type": "dropdown",
                "buttons": buttons,
                "active": default,
                "x": 0,
                "xanchor": "left",
                "y": 1.03,
                "yanchor": "bottom",
                "showactive": True,
            }
        ],
    )
    return fig


def fee_split(sc: Scenario, report: Report) -> go.Figure:
    """How each sale price splits between the US fee and the seller, as sourced and at a fee
    rate the reader sets with a slider (0 to 50 %, the sourced rate where it opens)."""
    if report.empty or sc.fee is None:
        return empty(report, "chart_fee_title")
    sourced = sc.sourced_fee if sc.sourced_fee is not None else sc.fee
    names = [escape(report.t("as_sourced")), escape(report.t("scenario_value"))]
    steps = fee_steps(sc)

    def split(f: float) -> tuple[list, list, list, list]:
        fees = [sourced, f]
        return (
            fees,
            [100 - x for x in fees],
            [f"{x:g}%" for x in fees],
            [f"{100 - x:g}%" for x in fees],
        )

    fees, kept, fee_text, kept_text = split(sc.fee)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=names,
            y=fees,
            name=escape(report.t("fee_to_us")),
            marker={"color": VERMILION},
            text=fee_text,
            textposition="inside",
        )
    )
    fig.add_trace(
        go.Bar(
            x=names,
            y=kept,
            name=escape(report.t("fee_to_seller")),
            marker={"color": BLUE},
            text=kept_text,
            textposition="inside",
        )
    )

    def title(f: float) -> str:
        return report.t("chart_fee_at", fee=f"{f:g}%", basis=_basis(report, f, sc.sourced_fee))

    slider_steps = []
    for f in steps:
        fs, ks, ft, kt = split(f)
        slider_steps.append(
            {
                "label": f"{f:g}%",
                "method": "update",
                "args": [{"y": [fs, ks], "text": [ft, kt]}, {"title.text": _title(title(f))}],
            }
        )
    fig.update_yaxes(title={"text": escape(report.t("chart_fee_y"))}, range=[0, 100])
    _layout(
        fig,
        title(sc.fee),
        titles=tuple(title(f) for f in steps),
        barmode="stack",
        height=460,
        legend={"orientation": "h", "y": -0.55},
    )
    fig.update_layout(
        margin={"b": 40},
        sliders=[
            {
                "active": steps.index(sc.fee),
                "steps": slider_steps,
                "currentvalue": {"prefix": escape(report.t("chart_fee_slider"))},
                "pad": {"t": 40},
            }
        ],
    )
    return fig


# ----------------------------------------------------------------------------- timeline


def _next_day(iso: str) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=1)).isoformat()


def timeline(frame: pd.DataFrame, report: Report) -> go.Figure:
    """Every event on a time axis: fuzzy dates as bars over the possible days, exact ones as
    points; colour by category, marker and opacity by source agreement; quotes on hover."""
    if frame.empty:
        return empty(report, "chart_timeline_title")
    lang = report.language
    labels = [escape(t) for t in frame["title"]]
    hover = []
    for r in frame.itertuples():
        parts = [
            f"<b>{_wrap(r.title)}</b>",
            escape(r.date),
            escape(r.actor),
            f"{escape(i18n.value(r.category, lang))} · {escape(i18n.value(r.status, lang))}",
            f"{escape(report.t('hover_agreement'))}: {escape(i18n.value(r.verdict, lang))}",
            f"{escape(report.t('hover_source'))}: {escape(r.sources)}",
        ]
        for quote, gloss in zip(r.quotes, r.glosses, strict=True):
            parts += [_wrap(quote), *_gloss_line(gloss)]
        hover.append("<br>".join(parts))
    frame = frame.assign(_label=labels, _hover=hover)
    fig = go.Figure()
    for category in CATEGORIES:
        rows = frame[frame["category"] == category]
        if rows.empty:
            continue
        colour = CATEGORY_COLOURS[category]
        name = escape(i18n.value(category, lang))
        spans, points = rows[rows["span"]], rows[~rows["span"]]
        if not spans.empty:
            # Inclusive end dates: a bar runs to the start of the day after.
            widths = [
                (dt.date.fromisoformat(_next_day(e)) - dt.date.fromisoformat(s)).days * DAY_MS
                for s, e in zip(spans["date_start"], spans["date_end"], strict=True)
            ]
            fig.add_trace(
                go.Bar(
                    orientation="h",
                    base=list(spans["date_start"]),
                    x=widths,
                    y=list(spans["_label"]),
                    name=name,
                    legendgroup=category,
                    marker={
                        "color": colour,
                        "opacity": [VERDICT_OPACITY[v] for v in spans["verdict"]],
                    },
                    hovertext=list(spans["_hover"]),
                    hoverinfo="text",
                    width=0.5,
                )
            )
        if not points.empty:
            fig.add_trace(
                go.Scatter(
                    x=list(points["date_start"]),
                    y=list(points["_label"]),
                    mode="markers",
                    name=name,
                    legendgroup=category,
                    showlegend=spans.empty,
                    marker={
                        "color": colour,
                        "size": 14,
                        "symbol": [VERDICT_SYMBOLS[v] for v in points["verdict"]],
                        "opacity": [VERDICT_OPACITY[v] for v in points["verdict"]],
                        "line": {"width": 2, "color": colour},
                    },
                    hovertext=list(points["_hover"]),
                    hoverinfo="text",
                )
            )
    for verdict, symbol in VERDICT_SYMBOLS.items():
        # Legend-only entries: what each marker says about agreement.
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=escape(i18n.value(verdict, lang)),
                marker={"symbol": symbol, "size": 12, "color": GREY},
                legendgroup="verdict",
                legendgrouptitle={"text": escape(report.t("hover_agreement"))},
            )
        )
    fig.update_xaxes(type="date")
    _row_labels(fig, labels)
    return _layout(
        fig, report.t("chart_timeline_title"), height=200 + 56 * len(frame), barmode="overlay"
    )


# ----------------------------------------------------------------------------- sources


def coverage(frame: pd.DataFrame, report: Report) -> go.Figure:
    """Mentions per source, stacked by curation status."""
    if frame.empty:
        return empty(report, "chart_coverage_title")
    lang = report.language
    fig = go.Figure()
    colours = {
        "mentions_used": GREEN,
        "mentions_not_used": LIGHT_GREY,
        "mentions_uncurated": VERMILION,
    }
    for col, colour in colours.items():
        fig.add_trace(
            go.Bar(
                x=[escape(s) for s in frame["source"]],
                y=list(frame[col]),
                name=escape(i18n.column(col, lang)),
                marker={"color": colour},
                text=list(frame[col]),
                textposition="inside",
            )
        )
    fig.update_yaxes(title={"text": escape(report.t("chart_coverage_y"))})
    return _layout(fig, report.t("chart_coverage_title"), barmode="stack", height=360)
