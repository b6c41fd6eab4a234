"""The policy timeline: one row per event for the chart, one per quote for the table,
each with how far the sources agree on its date."""

from __future__ import annotations

import pandas as pd

from .. import i18n
from ..vocab import VERDICT_SEVERITY
from .model import Report, date_text, gloss, localised, localised_column, source_name


def event_verdicts(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Each event id -> the most severe verdict of its comparisons."""
    comp = tables["comparisons"]
    comp = comp[comp["kind"] == "event"]
    out: dict[str, str] = {}
    rank = {v: i for i, v in enumerate(VERDICT_SEVERITY)}
    for key, verdict in zip(comp["key"], comp["verdict"], strict=True):
        event_id = key.removeprefix("event:")
        if event_id not in out or rank[verdict] < rank[out[event_id]]:
            out[event_id] = verdict
    return out


def timeline(report: Report) -> pd.DataFrame:
    """One row per event: dates, span or point, category, title, agreement, quotes."""
    tables, lang = report.tables, report.language
    verdicts = event_verdicts(tables)
    rows = []
    for event_id, group in tables["events"].groupby("event_id", sort=False):
        first = group.iloc[0]
        span = first["date_start"] != first["date_end"] or first["date_precision"] != "day"
        basis = " — " + report.t("published_basis") if first["date_basis"] == "publication" else ""
        rows.append(
            {
                "event_id": event_id,
                "date_start": first["date_start"],
                "date_end": first["date_end"],
                "date_precision": first["date_precision"],
                "span": bool(span),
                "date": date_text(
                    first["date_start"], first["date_end"], first["date_precision"], lang
                )
                + basis,
                "category": first["category"],
                "actor": localised(first, "actor", lang),
                "title": localised(first, "title_en", lang),
                "status": first["status"],
                "verdict": verdicts.get(event_id, "one_source_only"),
                "sources": ", ".join(
                    dict.fromkeys(source_name(report, s) for s in group["source_id"])
                ),
                "quotes": list(group["quote"]),
                "glosses": [
                    gloss(q, e, z, lang)
                    for q, e, z in zip(
                        group["quote"], group["gloss_en"], group["gloss_zh"], strict=True
                    )
                ],
            }
        )
    cols = [
        "event_id",
        "date_start",
        "date_end",
        "date_precision",
        "span",
        "date",
        "category",
        "actor",
        "title",
        "status",
        "verdict",
        "sources",
        "quotes",
        "glosses",
    ]
    frame = pd.DataFrame(rows, columns=cols)
    return frame.sort_values(["date_start", "date_end", "event_id"], kind="stable").reset_index(
        drop=True
    )


def timeline_table(report: Report) -> pd.DataFrame:
    """The table beneath the chart: one row per quote."""
    tables, lang = report.tables, report.language
    ev = tables["events"]
    verdicts = event_verdicts(tables)
    return pd.DataFrame(
        {
            "event_id": ev["event_id"].tolist(),
            "date": [
                date_text(a, b, p, lang)
                for a, b, p in zip(
                    ev["date_start"], ev["date_end"], ev["date_precision"], strict=True
                )
            ],
            "category": ev["category"].tolist(),
            "title": localised_column(ev, "title_en", lang),
            "actor": localised_column(ev, "actor", lang),
            "status": ev["status"].tolist(),
            "agreement": [
                i18n.value(verdicts.get(e, "one_source_only"), lang) for e in ev["event_id"]
            ],
            "source": [source_name(report, s) for s in ev["source_id"]],
            "quote": ev["quote"].tolist(),
            "gloss": [
                gloss(q, e, z, lang)
                for q, e, z in zip(ev["quote"], ev["gloss_en"], ev["gloss_zh"], strict=True)
            ],
        },
        columns=[
            "event_id",
            "date",
            "category",
            "title",
            "actor",
            "status",
            "agreement",
            "source",
            "quote",
            "gloss",
        ],
    )
