"""The sources and what they support: the list of sources, where two of them speak of
the same thing (comparisons, with each side's value, who says it and the quote), what
only one states, coverage of their mentions, and the suggestions waiting for review."""

from __future__ import annotations

import pandas as pd

from .. import i18n
from ..vocab import VERDICT_SEVERITY
from .anchors import event_anchor, fact_anchor
from .model import (
    Report,
    date_text,
    fact_value,
    gloss,
    localised,
    localised_column,
    missing,
    short_id,
    source_name,
)
from .passages import UNCURATED_PER_SOURCE


def _titles(src: pd.DataFrame, lang: str) -> dict[str, list]:
    """The headline as captured, and in an English report the project's translation too."""
    titles = {"headline": src["title"].tolist()}
    if lang == "en":
        titles["headline_en"] = src["title_en"].tolist()
    return titles


def _names(report: Report, ids) -> list[str]:
    return [source_name(report, s) for s in ids]


def source_list(report: Report) -> pd.DataFrame:
    """The sources as the overview lists them: outlet and day, headline."""
    src = report.tables["sources"]
    return pd.DataFrame(
        {"source": _names(report, src["source_id"]), **_titles(src, report.language)}
    )


def sources(report: Report) -> pd.DataFrame:
    """Every source in detail, with its id (the one place a reader sees it)."""
    src, lang = report.tables["sources"], report.language
    return pd.DataFrame(
        {
            "source": _names(report, src["source_id"]),
            "source_id": [short_id(s) for s in src["source_id"]],
            **_titles(src, lang),
            "site": localised_column(src, "site", lang),
            "author_line": src["author_line"].tolist(),
            "published_at": src["published_at"].tolist(),
            "date_kind": src["date_kind"].tolist(),
            "note": localised_column(src, "note", lang),
        }
    )


def by_severity(comp: pd.DataFrame) -> pd.DataFrame:
    """Conflicts first, then differences of precision, agreement, single sources."""
    rank = {v: i for i, v in enumerate(VERDICT_SEVERITY)}
    return (
        comp.assign(_r=comp["verdict"].map(rank))
        .sort_values(["_r", "kind", "key"], kind="stable")
        .drop(columns="_r")
        .reset_index(drop=True)
    )


def comparisons(report: Report) -> pd.DataFrame:
    """The comparisons as a frame (for analysts in JupyterLab; the reports show cards)."""
    comp = report.tables["comparisons"].copy()
    for side in ("a", "b"):
        comp[f"source_{side}"] = [source_name(report, s) for s in comp[f"source_{side}"]]
    cols = [
        "key",
        "kind",
        "verdict",
        "aspects",
        "source_a",
        "value_a",
        "quote_a",
        "gloss_a",
        "source_b",
        "value_b",
        "quote_b",
        "gloss_b",
        "note_en",
    ]
    return by_severity(comp)[cols]


def aspects(row, lang: str) -> list[str]:
    """Each aspect judged ("Value: agree") in the report's language, from the
    comparison's ``verdict_*`` columns."""
    from ..factbase.reconcile import ASPECTS

    return [
        f"{i18n.column(name, lang)}: {i18n.value(row[f'verdict_{name}'], lang)}"
        for name in ASPECTS
        if not missing(row.get(f"verdict_{name}"))
    ]


def side(report: Report, row, which: str) -> dict | None:
    """What one source says in a comparison, in the report's language."""
    lang, tables = report.language, report.tables
    source = row[f"source_{which}"]
    if missing(source):
        return None
    item, quote = row[f"item_{which}"], row[f"quote_{which}"]
    if row["kind"] == "fact":
        record = tables["facts"][tables["facts"]["fact_id"] == item].iloc[0]
        value = f"{fact_value(record, lang)} · {i18n.value(record['status'], lang)}"
        who = localised(record, "attributed_to", lang)
    else:
        ev = tables["events"]
        record = ev[(ev["event_id"] == item.split("#")[0]) & (ev["quote"] == quote)].iloc[0]
        value = date_text(
            record["quote_date_start"],
            record["quote_date_end"],
            record["quote_date_precision"],
            lang,
        ) or report.t("no_date")
        who = localised(record, "actor", lang)
    return {
        "anchor": item_anchor(row, which),
        "source": source_name(report, source),
        "value": value,
        "who": who,
        "quote": quote,
        "gloss": gloss(quote, row[f"gloss_{which}"], record.get("gloss_zh"), lang),
    }


def item_anchor(row, which: str) -> str:
    """The anchor of the record one side of a comparison speaks from."""
    item = str(row[f"item_{which}"])
    return fact_anchor(item) if row["kind"] == "fact" else event_anchor(item.split("#")[0])


def comparison_label(report: Report, row) -> str:
    lang, tables = report.language, report.tables
    if row["kind"] == "event":
        ev = tables["events"]
        first = ev[ev["event_id"] == row["key"].removeprefix("event:")].iloc[0]
        return localised(first, "title_en", lang)
    metric = tables["facts"].loc[tables["facts"]["key"] == row["key"], "metric"].iloc[0]
    return report.labels.key_label(row["key"], lang, metric)


def compared(report: Report) -> list[dict]:
    """Where two sources speak of the same thing, the most severe first: the verdict, the
    aspects, what each side says, and the curators' note."""
    comp = report.tables["comparisons"]
    lang = report.language
    out = []
    for _, row in by_severity(comp[comp["source_b"].notna()]).iterrows():
        note = localised(row, "note_en", lang)
        out.append(
            {
                "verdict": row["verdict"],
                "verdict_words": i18n.value(row["verdict"], lang),
                "label": comparison_label(report, row),
                "aspects": aspects(row, lang),
                "sides": [s for s in (side(report, row, "a"), side(report, row, "b")) if s],
                "note": None if missing(note) or not note else note,
            }
        )
    return out


def single_source(report: Report) -> pd.DataFrame:
    """What only one source states: nothing to compare, so one row each, not a card."""
    comp = report.tables["comparisons"]
    rows = []
    for _, row in by_severity(comp[comp["source_b"].isna()]).iterrows():
        said = side(report, row, "a")
        rows.append(
            {
                "evidence": item_anchor(row, "a"),
                "what": comparison_label(report, row),
                "kind": row["kind"],
                "value": said["value"],
                "source": said["source"],
                "attributed_to": said["who"],
                "quote": said["quote"],
                "gloss": said["gloss"],
            }
        )
    return pd.DataFrame(
        rows,
        columns=["evidence", "what", "kind", "value", "source", "attributed_to", "quote", "gloss"],
    )


def verdict_counts(report: Report) -> dict[str, int]:
    counts = report.tables["comparisons"]["verdict"].value_counts()
    return {v: int(counts.get(v, 0)) for v in VERDICT_SEVERITY}


def coverage(report: Report) -> pd.DataFrame:
    src = report.tables["sources"]
    out = src[["mentions", "mentions_used", "mentions_not_used", "mentions_uncurated"]].copy()
    out.insert(0, "source", _names(report, src["source_id"]))
    return out.reset_index(drop=True)


def _mentions(report: Report, status_value: str, per_source: int | None = None) -> pd.DataFrame:
    m = report.tables["mentions"]
    m = m[m["status"] == status_value]
    if per_source is not None:
        m = m.groupby("source_id", sort=False).head(per_source)  # in reading order
    return pd.DataFrame(
        {
            "source": _names(report, m["source_id"]),
            "text": m["text"].tolist(),
            "context": m["context"].tolist(),
            "reason": localised_column(m, "reason", report.language),
        },
        columns=["source", "text", "context", "reason"],
    )


def unused_mentions(report: Report) -> pd.DataFrame:
    return _mentions(report, "not_used")


def uncurated_mentions(
    report: Report, per_source: int | None = UNCURATED_PER_SOURCE
) -> pd.DataFrame:
    """The first ``per_source`` uncurated mentions of each source (None: all of them)."""
    return _mentions(report, "uncurated", per_source).drop(columns=["reason"])


def furniture(report: Report) -> pd.DataFrame:
    src = report.tables["sources"]
    out = src[["body_chars", "furniture_lines"]].copy()
    out.insert(0, "source", _names(report, src["source_id"]))
    return out.reset_index(drop=True)


def _target_label(row: dict, report: Report) -> str:
    target, lang = row["target"], report.language
    if target is None:
        return ""
    if target.startswith("event:"):
        ev = report.tables["events"]
        match = ev[ev["event_id"] == target.removeprefix("event:")]
        if match.empty:
            return target
        return str(localised(match.iloc[0], "title_en", lang))
    return report.labels.key_label(target, lang, row["draft"].fact.metric)


def suggestions(report: Report) -> pd.DataFrame:
    """Suggested curation, not reviewed: each mention, the record it most likely speaks of,
    how sure the match is, the verdict its draft would produce, and the draft's quote."""
    lang = report.language
    rows = report.suggestions
    return pd.DataFrame(
        {
            "source": [source_name(report, r["source_id"]) for r in rows],
            "text": [r["mention"] for r in rows],
            "suggested_target": [_target_label(r, report) for r in rows],
            # A mention nothing fits has no match to be sure of: blank, not 0.
            "confidence": [float(r["confidence"]) if r["target"] else None for r in rows],
            "would_be_verdict": [
                i18n.value(r["verdict"], lang) if r["verdict"] else i18n.t("fits_nothing", lang)
                for r in rows
            ],
            "draft_quote": [r["quote"] or "" for r in rows],
        },
        columns=[
            "source",
            "text",
            "suggested_target",
            "confidence",
            "would_be_verdict",
            "draft_quote",
        ],
    )
