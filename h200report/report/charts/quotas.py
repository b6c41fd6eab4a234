"""Charts of the cap and fee scenarios: chips allowed by number of buyers, each sale's split."""

from __future__ import annotations

import plotly.graph_objects as go

from ...factbase.formatting import describe_value, number
from ..model import Report
from ..scenario import Scenario, allowed_curve, cap_presets, fee_steps
from .base import (
    BLACK,
    BLUE,
    COUNT_AXIS,
    GREEN,
    MENU_HEIGHT,
    VERMILION,
    empty,
    escape,
    layout,
    title_text,
)


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
                {"title.text": title_text(title), "xaxis.range": x_range},
            ],
        }
        for i, (label, title, x_range) in enumerate(views_)
    ]
    fig.update_xaxes(
        title={"text": escape(report.t("chart_allowed_x"))}, range=views_[default][2], **COUNT_AXIS
    )
    fig.update_yaxes(
        title={"text": escape(report.t("chart_allowed_y"))}, rangemode="tozero", **COUNT_AXIS
    )
    layout(
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
                "args": [{"y": [fs, ks], "text": [ft, kt]}, {"title.text": title_text(title(f))}],
            }
        )
    fig.update_yaxes(title={"text": escape(report.t("chart_fee_y"))}, range=[0, 100])
    layout(
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
