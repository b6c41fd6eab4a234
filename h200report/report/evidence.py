"""From a figure to its evidence and back: the anchors, where a report showed each
record, and the entries of its "Sources and quotes" section.

Every figure and date a report shows comes from one curated record: a fact
(``fact_id``, e.g. ``cap_per_company.000``) or an event (``event:<event_id>``, the
fact base's own key for an event in ``comparisons.csv``). That key is the record's
anchor: the id of its entry in the section, the same in every language and every
render of the same fact base, so a reader can send a link to one figure
(``00_overview.html#cap_per_company.000``). Each place a figure is shown gets an id of
its own (``shown-<anchor>``, ``shown-<anchor>-2`` for a second place), which the entry
links back to. The report remembers the places as its cells show them (``Shown``),
keyed by the table and the record, so running a cell again gives the same ids.

An entry holds what a reader needs to judge the figure: the quoted passage in its
paragraph (the quote marked), the outlet and day, who said it, the record's status,
the verdict across sources, the article's address as plain text, and the record's id
(a person curated it; the code checked the quote and the figure). Mentions nobody has
decided are listed apart, as suggested and not reviewed: never as figures.
"""

from __future__ import annotations

import base64
import csv
import io
import re

import pandas as pd

from .. import i18n
from ..vocab import VERDICT_SEVERITY
from .anchors import EVENT_PREFIX, event_anchor, fact_anchor
from .model import (
    Report,
    date_text,
    fact_value,
    gloss,
    localised,
    missing,
    source_name,
)
from .passages import split_passage

CSV_MIME = "text/csv;charset=utf-8"
BOM = "\ufeff"
# A cell a spreadsheet would read as a formula (=, +, @, a tab or return, or a minus
# that starts no number) is given a leading apostrophe: article text never computes.
_FORMULA = re.compile(r"^(?:[=+@\t\r]|-(?![\d.,]))")


# ----------------------------------------------------------------------------- verdicts


def _most_severe(verdicts) -> str:
    rank = {v: i for i, v in enumerate(VERDICT_SEVERITY)}
    found = [v for v in verdicts if v in rank]
    return min(found, key=rank.__getitem__) if found else "one_source_only"


def fact_verdict(comparisons: pd.DataFrame, fact_id: str) -> str:
    """The most severe verdict of the comparisons a fact takes part in."""
    comp = comparisons[comparisons["kind"] == "fact"]
    mine = comp[(comp["item_a"] == fact_id) | (comp["item_b"] == fact_id)]
    return _most_severe(mine["verdict"])


def event_verdict(comparisons: pd.DataFrame, event_id: str) -> str:
    comp = comparisons[comparisons["key"] == event_anchor(event_id)]
    return _most_severe(comp["verdict"])


# ----------------------------------------------------------------------------- entries


def _quote_item(report: Report, source_id: str, row) -> dict:
    quote = row["quote"]
    return {
        **split_passage(report.passages.get((source_id, quote)), quote),
        "gloss": gloss(quote, row.get("gloss_en"), row.get("gloss_zh"), report.language),
    }


def _address(report: Report, source_id: str) -> str:
    url = report.addresses.get(source_id)
    return str(url) if url else report.t("evidence_no_address")


def fact_entry(report: Report, fact_id: str) -> dict | None:
    lang, facts = report.language, report.tables["facts"]
    rows = facts[facts["fact_id"] == fact_id]
    if rows.empty:
        return None
    first = rows.iloc[0]
    source_id = first["source_id"]
    verdict = fact_verdict(report.tables["comparisons"], fact_id)
    return {
        "anchor": fact_anchor(fact_id),
        "record": fact_id,
        "title": report.labels.key_label(first["key"], lang, first["metric"]),
        "value": fact_value(first, lang),
        "status": i18n.value(first["status"], lang),
        "who": localised(first, "attributed_to", lang),
        "verdict": verdict,
        "verdict_words": i18n.value(verdict, lang),
        "sources": [
            {
                "name": source_name(report, source_id),
                "address": _address(report, source_id),
                "date": "",
                "quotes": [_quote_item(report, source_id, r) for _, r in rows.iterrows()],
            }
        ],
    }


def event_entry(report: Report, event_id: str) -> dict | None:
    lang, events = report.language, report.tables["events"]
    rows = events[events["event_id"] == event_id]
    if rows.empty:
        return None
    first = rows.iloc[0]
    verdict = event_verdict(report.tables["comparisons"], event_id)
    sources = []
    for source_id, group in rows.groupby("source_id", sort=False):
        g = group.iloc[0]
        sources.append(
            {
                "name": source_name(report, source_id),
                "address": _address(report, source_id),
                "date": date_text(
                    g["quote_date_start"], g["quote_date_end"], g["quote_date_precision"], lang
                )
                or report.t("no_date"),
                "quotes": [_quote_item(report, source_id, r) for _, r in group.iterrows()],
            }
        )
    return {
        "anchor": event_anchor(event_id),
        "record": event_anchor(event_id),
        "title": localised(first, "title_en", lang),
        "value": date_text(first["date_start"], first["date_end"], first["date_precision"], lang),
        "status": i18n.value(first["status"], lang),
        "who": localised(first, "actor", lang),
        "verdict": verdict,
        "verdict_words": i18n.value(verdict, lang),
        "sources": sources,
    }


def entry(report: Report, anchor: str) -> dict | None:
    """The evidence of one record by its anchor; None when the report holds no such record."""
    if anchor.startswith(EVENT_PREFIX):
        return event_entry(report, anchor.removeprefix(EVENT_PREFIX))
    return fact_entry(report, anchor)


def entries(report: Report) -> list[dict]:
    """The evidence of every record the report has shown, in the order first shown, each
    with the ids of the places it was shown (the back links)."""
    out = []
    for anchor, ids in report.shown.places.items():
        found = entry(report, anchor)
        if found is not None:
            out.append({**found, "back": list(ids)})
    return out


def waiting(report: Report, per_source: int) -> list[dict]:
    """What no person has decided yet, per source: how many mentions wait, and the first
    ``per_source`` of them in their context (the mention marked) with the record a
    suggestion would link it to. Never figures: the report lists them apart."""
    m = report.tables["mentions"]
    m = m[m["status"] == "uncurated"]
    drafted = {(s["source_id"], s["start"]): s for s in report.suggestions}
    out = []
    for source_id, group in m.groupby("source_id", sort=False):
        items = []
        for _, r in group.head(per_source).iterrows():
            context, text = str(r["context"]), str(r["text"])
            at = context.find(text)
            found = report.passages.get((source_id, int(r["start"])))
            found = found or ((context, at, at + len(text)) if at >= 0 else None)
            suggestion = drafted.get((source_id, int(r["start"])))
            items.append(
                {
                    **split_passage(found, text),
                    "suggested": _suggested(report, suggestion),
                }
            )
        out.append({"name": source_name(report, source_id), "count": len(group), "items": items})
    return out


def _suggested(report: Report, suggestion: dict | None) -> str:
    if not suggestion or not suggestion.get("target"):
        return report.t("evidence_suggests_nothing")
    from .sourcing import _target_label

    return report.t("evidence_suggests", target=_target_label(suggestion, report))


# ----------------------------------------------------------------------------- CSV


def csv_cell(value: object) -> str:
    text = "" if missing(value) else str(value)
    return "'" + text if _FORMULA.match(text) else text


def csv_text(header: list[str], rows: list[list[object]]) -> str:
    """Rows as CSV a spreadsheet program opens right: a BOM first (so it reads UTF-8, and
    Chinese shows), CRLF line ends, every field quoted where it must be."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return BOM + out.getvalue()


def csv_href(text: str) -> str:
    """A ``data:`` URI of CSV text: the page holds the file, nothing is requested."""
    return f"data:{CSV_MIME};base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")


def csv_name(label: str) -> str:
    """A file name for a table's CSV from its label (letters of any script kept)."""
    stem = re.sub(r"[^\w-]+", "-", label).strip("-")[:60].strip("-")
    return f"{stem or 'table'}.csv"
