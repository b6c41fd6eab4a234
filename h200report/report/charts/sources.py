"""The sources' chart: how each source's mentions were used."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ... import i18n
from ..model import Report
from .base import GREEN, LIGHT_GREY, VERMILION, empty, escape, layout


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
    return layout(fig, report.t("chart_coverage_title"), barmode="stack", height=360)
