"""Charts of order volumes: the zero statements over time, the intended volume against the caps."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ... import i18n
from ..anchors import fact_anchor
from ..claims import unban_date
from ..model import Report
from .base import (
    COUNT_AXIS,
    GREY,
    INK,
    LEGEND_BELOW,
    LEGEND_UNDER,
    LIGHT_GREY,
    STATUS_COLOURS,
    VERMILION,
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

# How the bounds chart draws each kind of bound: every bound of the vocabulary has one.
BOUND_GROUPS = {
    "ceiling": ("at_most", "less_than"),
    "floor": ("at_least", "more_than"),
    "exact": ("exact", "approximate"),
    "range": ("vague_range", "approx_range"),
}


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
                wrap(r.quote),
                *gloss_line(r.gloss),
                evidence_line(report, fact_anchor(r.fact_id)),
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
            customdata=shown(report, [fact_anchor(f) for f in zeros["fact_id"]]),
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
            xanchor="left",  # from the line on: centred on it, a phone cut it at the left
            yanchor="bottom",
        )
    date_axis(fig, report)
    # Room after the last day for the value written beside its point (a phone's chart
    # cut "0 orders" at its edge).
    first = min([*zeros["period_start"], *zeros["as_of"], *([unban] if unban else [])])
    last = max(zeros["as_of"])
    span = pd.Timestamp(last) - pd.Timestamp(first)
    fig.update_xaxes(
        title={"text": escape(report.t("chart_zero_x"))},
        range=[
            (pd.Timestamp(first) - span * 0.04).isoformat(),
            (pd.Timestamp(last) + span * 0.3).isoformat(),
        ],
    )
    space = row_labels(fig, labels, 60, reach=7)
    return layout(
        fig,
        i18n.t("chart_zero_title", lang),
        height=LEGEND_BELOW + 140 + space.height,
        below=space.room,
        legend=LEGEND_UNDER,
        margin={"b": LEGEND_BELOW},
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
    groups = BOUND_GROUPS
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
                labels[i] + "<br>" + escape(t) + "<br>" + evidence_line(report, fact_anchor(f))
                for i, t, f in zip(idx, rows["value"], rows["fact_id"], strict=True)
            ],
            "hoverinfo": "text",
            "customdata": shown(report, [fact_anchor(f) for f in rows["fact_id"]]),
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
        **COUNT_AXIS,
    )
    space = row_labels(fig, labels, 70, reach=11)
    return layout(
        fig,
        report.t("chart_bounds_title"),
        height=LEGEND_BELOW + 140 + space.height,
        below=space.room,
        legend=LEGEND_UNDER,
        margin={"b": LEGEND_BELOW},
    )


# ----------------------------------------------------------------------------- quotas
