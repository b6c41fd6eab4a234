"""The policy timeline chart: every event on one axis, spans as bars, points as markers."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from ... import i18n
from ..anchors import event_anchor
from ..model import Report
from .base import (
    CATEGORIES,
    CATEGORY_COLOURS,
    DAY_MS,
    GREY,
    LEGEND_BELOW,
    LEGEND_UNDER,
    VERDICT_OPACITY,
    VERDICT_SYMBOLS,
    date_axis,
    empty,
    escape,
    evidence_line,
    gloss_line,
    layout,
    row_labels,
    shown,
    wrap,
)

# px a bar reaches up and down from its row's centre.
BAR_REACH = 14


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
            f"<b>{wrap(r.title)}</b>",
            escape(r.date),
            escape(r.actor),
            f"{escape(i18n.value(r.category, lang))} · {escape(i18n.value(r.status, lang))}",
            f"{escape(report.t('hover_agreement'))}: {escape(i18n.value(r.verdict, lang))}",
            f"{escape(report.t('hover_source'))}: {escape(r.sources)}",
        ]
        for quote, gloss in zip(r.quotes, r.glosses, strict=True):
            parts += [wrap(quote), *gloss_line(gloss)]
        parts.append(evidence_line(report, event_anchor(r.event_id)))
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
                    customdata=shown(report, [event_anchor(e) for e in spans["event_id"]]),
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
                    customdata=shown(report, [event_anchor(e) for e in points["event_id"]]),
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
    date_axis(fig, report)
    rows = row_labels(fig, labels, 56, BAR_REACH)
    # A bar as thick whatever the rows' height (its width is in rows).
    fig.update_traces(width=2 * BAR_REACH / rows.pitch, selector={"type": "bar"})
    return layout(
        fig,
        report.t("chart_timeline_title"),
        height=LEGEND_BELOW + 160 + rows.height,
        below=rows.room,
        barmode="overlay",
        legend=LEGEND_UNDER,
        margin={"b": LEGEND_BELOW},
    )


# ----------------------------------------------------------------------------- sources
