"""The digest's small charts as PNG images, drawn with matplotlib (Agg, no browser).

The report pages draw their charts with Plotly in the reader's browser; a mail
program runs no script, so the digest carries pictures. Plotly's own exporter
(Kaleido 1.x) drives a Chrome it does not ship (``Kaleido requires Google Chrome to
be installed`` without one, and it fetches one from the internet when asked); matplotlib
is a wheel and draws in-process (measured in the README: "The digest").

The pictures hold no words, only digits: rows are numbered and the words (what each
row is, its value, status and source) are in the digest's HTML beside them, in the
reader's language and the mail program's fonts. So a machine without a Chinese font
draws the zh digest's charts as well as the en ones, and every word stays in the
catalogues. Colours are the report's (the status colours of ``charts.base``); the
background is white, so a dark mail theme shows a white card, not lost lines.
Same frame, same bytes: no timestamp or software name in the PNG.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd

# Width of the digest's content column in CSS pixels; images are drawn at twice that.
WIDTH_PX = 592
DPI = 200
SCALE = 2
ROW_INCH = 0.24


def _figure(rows: int):
    # The object API only: no pyplot, no process-wide backend (the render's own process).
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    width_in = WIDTH_PX * SCALE / DPI
    fig = Figure(figsize=(width_in, 0.75 + ROW_INCH * max(rows, 1) * SCALE), dpi=DPI)
    FigureCanvasAgg(fig)
    fig.patch.set_facecolor("#ffffff")
    return fig


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", facecolor="#ffffff", metadata={"Software": None})
    return buf.getvalue()


def _style(ax, rows: int) -> None:
    from ..report.charts.base import GREY, INK, LIGHT_GREY

    ax.set_facecolor("#ffffff")
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(LIGHT_GREY)
    ax.tick_params(colors=INK, labelsize=13, length=0, pad=6)
    ax.set_yticks(range(rows), [str(i + 1) for i in range(rows)])
    ax.set_ylim(rows - 0.5, -0.5)  # row 1 at the top, as the table beside it reads
    ax.grid(axis="x", color="#e6e6e6", linewidth=1)
    ax.set_axisbelow(True)
    for label in ax.get_yticklabels():
        label.set_color(GREY)
        label.set_fontweight("bold")


def bounds(frame: pd.DataFrame) -> bytes | None:
    """``views.bounds``: each claim drawn as its bound (a ceiling a tick with an arrow down
    to zero, a floor a tick with an arrow out, an exact figure a dot, a range a bar), one
    numbered row per source's claim, coloured by status. None when there is nothing."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from ..report.charts.base import GREY, INK, STATUS_COLOURS
    from ..report.charts.orders import BOUND_GROUPS

    if frame.empty:
        return None
    frame = frame.reset_index(drop=True)
    group_of = {kind: group for group, kinds in BOUND_GROUPS.items() for kind in kinds}
    numbers = pd.concat([frame["point"], frame["low"], frame["high"]]).dropna()
    end = float(numbers.max()) * 1.15 if len(numbers) else 1.0
    fig = _figure(len(frame))
    ax = fig.subplots()
    _style(ax, len(frame))
    for i, row in frame.iterrows():
        colour = STATUS_COLOURS.get(row["status"], INK)
        group = group_of.get(row["bound"], "exact")
        if group == "ceiling":
            ax.annotate(
                "",
                xy=(0, i),
                xytext=(float(row["high"]), i),
                arrowprops={"arrowstyle": "-|>", "color": GREY, "lw": 2, "mutation_scale": 18},
            )
            ax.plot([float(row["high"])], [i], marker="|", ms=26, mew=5, color=colour)
        elif group == "floor":
            ax.annotate(
                "",
                xy=(end, i),
                xytext=(float(row["low"]), i),
                arrowprops={"arrowstyle": "-|>", "color": GREY, "lw": 2, "mutation_scale": 18},
            )
            ax.plot([float(row["low"])], [i], marker="|", ms=26, mew=5, color=colour)
        elif group == "range":
            lo, hi = float(row["low"]), float(row["high"])
            ax.plot([lo, hi], [i, i], color=colour, lw=5, solid_capstyle="butt")
            ax.plot([lo, hi], [i, i], ls="", marker="|", ms=26, mew=5, color=colour)
        else:
            point = row["point"] if pd.notna(row["point"]) else row["low"]
            ax.plot([float(point)], [i], marker="o", ms=14, color=colour)
    ax.set_xlim(0, end)
    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    fig.tight_layout(pad=0.6)
    return _png(fig)


def zero_statements(zeros: pd.DataFrame) -> bytes | None:
    """``views.zero_statements``: each statement that something was zero as a line over
    the period it covers, with a dot on the day it speaks for; one numbered row each.
    Dates as digits (``2026-01-15``), no month names."""
    import matplotlib.dates as mdates

    from ..report.charts.base import INK, LIGHT_GREY, VERMILION

    if zeros.empty:
        return None
    zeros = zeros.reset_index(drop=True)
    day = dt.date.fromisoformat
    fig = _figure(len(zeros))
    ax = fig.subplots()
    _style(ax, len(zeros))
    starts = [day(str(s)[:10]) for s in zeros["period_start"]]
    ends = [day(str(s)[:10]) for s in zeros["as_of"]]
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        ax.plot([start, end], [i, i], color=LIGHT_GREY, lw=6, solid_capstyle="round")
        ax.plot([end], [i], marker="o", ms=13, color=VERMILION, mec=INK, mew=0.8)
    first, last = min(starts), max(ends)
    pad = max((last - first).days * 0.06, 2)
    ax.set_xlim(first - dt.timedelta(days=pad), last + dt.timedelta(days=pad))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=4))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    fig.tight_layout(pad=0.6)
    return _png(fig)
