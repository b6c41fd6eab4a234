"""The claims a report shows: the headline figures, the volumes against the caps, the
zero statements, the caps, fee and conditions. One row per source's claim, with its
value in words, status, source, who says it, quote and the gloss its reader needs."""

from __future__ import annotations

import pandas as pd

from .model import (
    Report,
    fact_value,
    facts_once,
    gloss_column,
    localised,
    localised_column,
    missing,
    ordered,
    published,
    source_name,
)


def unban_date(report: Report) -> str | None:
    ev = report.tables["events"]
    row = ev[ev["event_id"] == report.labels.report.unban_event]
    return None if row.empty else str(row["date_start"].iloc[0])


def headline_facts(report: Report) -> pd.DataFrame:
    """The facts of the headline keys, one row each, in the labels' order."""
    headline = tuple(report.labels.report.headline)
    facts = facts_once(report.tables)
    return ordered(facts[facts["key"].isin(headline)], headline, report.tables)


def key_figures(report: Report) -> pd.DataFrame:
    """The headline numbers, each with its bound in words, status, source and attribution."""
    return claim_frame(headline_facts(report), report, ("figure", "value"))


def zero_statements(report: Report) -> pd.DataFrame:
    """Each statement that something was zero: who, what, the period, up to when."""
    lang = report.language
    facts = facts_once(report.tables)
    zeros = facts[
        (facts["topic"] == "order_volume") & (facts["bound"] == "exact") & (facts["value"] == 0)
    ]
    days = published(report.tables)
    unban = unban_date(report)
    glosses = gloss_column(zeros, lang, "quotes", "glosses", "glosses_zh")
    rows = []
    for (_, r), shown_gloss in zip(zeros.iterrows(), glosses, strict=True):
        # A zero "since the unban" speaks up to its period's end; an undated one up to publication.
        as_of = r["date_end"] if not missing(r["date_end"]) else days[r["source_id"]]
        start = r["date_start"] if not missing(r["date_start"]) else (unban or as_of)
        rows.append(
            {
                "fact_id": r["fact_id"],
                "what": report.labels.metric_label(r["metric"], lang),
                "value": fact_value(r, lang),
                "attributed_to": localised(r, "attributed_to", lang),
                "period_start": start,
                "as_of": as_of,
                "status": r["status"],
                "source": source_name(report, r["source_id"]),
                "quote": r["quotes"],
                "gloss": shown_gloss,
            }
        )
    cols = [
        "fact_id",
        "what",
        "value",
        "attributed_to",
        "period_start",
        "as_of",
        "status",
        "source",
        "quote",
        "gloss",
    ]
    return (
        pd.DataFrame(rows, columns=cols)
        .sort_values(["as_of", "fact_id"], kind="stable")
        .reset_index(drop=True)
    )


def bounds(report: Report) -> pd.DataFrame:
    """Intended volume and the caps as bounds (low/high/bound), one row per source's claim.

    Two sources stating the same number stay two rows: they may disagree on its status
    (planned in one, announced in the other), and the chart must show that.
    """
    keys = tuple(report.labels.report.against_caps)
    lang = report.language
    facts = facts_once(report.tables)
    facts = ordered(facts[facts["key"].isin(keys) & facts["bound"].notna()], keys, report.tables)
    rows = [
        {
            "fact_id": r["fact_id"],
            "key": r["key"],
            "label": report.labels.key_label(r["key"], lang, r["metric"]),
            "point": r["value"],
            "low": r["low"],
            "high": r["high"],
            "bound": r["bound"],
            "value": fact_value(r, lang),
            "source": source_name(report, r["source_id"]),
            "status": r["status"],
        }
        for _, r in facts.iterrows()
    ]
    columns = [
        "fact_id",
        "key",
        "label",
        "point",
        "low",
        "high",
        "bound",
        "value",
        "source",
        "status",
    ]
    return pd.DataFrame(rows, columns=columns)


def other_order_claims(report: Report) -> pd.DataFrame:
    facts = facts_once(report.tables)
    return claims(
        facts[facts["topic"].isin(["order_volume", "market"]) & facts["bound"].isna()], report
    )


def cap_structure(report: Report) -> pd.DataFrame:
    """Caps, which chips count, what the cap is for, and the fee, as each source states them."""
    facts = facts_once(report.tables)
    return claims(facts[facts["topic"].isin(["quota", "fee"])], report)


def conditions(report: Report) -> pd.DataFrame:
    facts = facts_once(report.tables)
    return claims(facts[facts["topic"] == "condition"], report)


def claims(facts: pd.DataFrame, report: Report) -> pd.DataFrame:
    return claim_frame(
        ordered(facts, (), report.tables) if not facts.empty else facts, report, ("what", "claim")
    )


def claim_frame(facts: pd.DataFrame, report: Report, names: tuple[str, str]) -> pd.DataFrame:
    """One row per claim: label, value in words, status, source, who says it, quote, gloss."""
    lang = report.language
    label, value = names
    return pd.DataFrame(
        {
            "fact_id": facts["fact_id"].tolist(),
            label: [
                report.labels.key_label(k, lang, m)
                for k, m in zip(facts["key"], facts["metric"], strict=True)
            ],
            value: [fact_value(r, lang) for _, r in facts.iterrows()],
            "status": facts["status"].tolist(),
            "source": [source_name(report, s) for s in facts["source_id"]],
            "attributed_to": localised_column(facts, "attributed_to", lang),
            "quote": facts["quotes"].tolist(),
            "gloss": gloss_column(facts, lang, "quotes", "glosses", "glosses_zh"),
        },
        columns=["fact_id", label, value, "status", "source", "attributed_to", "quote", "gloss"],
    )
