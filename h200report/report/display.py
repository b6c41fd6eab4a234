"""Tables and cards as a reader sees them, from the Jinja2 macros in
``templates/display.html.j2`` (autoescape on: article text stays text).

A reader gets a table that fits a laptop and turns into one card per row on a
phone, with localised column labels and vocabulary words, numbers as numbers
("150,000", "7.5万") and empty cells empty; and the agreement between two sources
as a side-by-side card rather than a wide frame. The HTML export audits these
outputs like any other and finds only inert tags.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pandas as pd

from .. import i18n
from ..factbase.formatting import number
from . import evidence
from .anchors import event_anchor, fact_anchor
from .claims import headline_facts, unban_date
from .model import Report, day_text, fact_value, is_chinese, missing, source_name
from .sourcing import UNCURATED_PER_SOURCE, compared

TEMPLATES = Path(__file__).parent / "templates"

# Columns whose cells are verbatim article text, or its gloss: marked as such.
QUOTE_COLUMNS = {
    "quote",
    "quotes",
    "quote_a",
    "quote_b",
    "context",
    "text",
    "draft_quote",
    "headline",
}
GLOSS_COLUMNS = {"gloss", "gloss_a", "gloss_b"}
WORD_COLUMNS = ("status", "category", "verdict", "kind", "date_kind")
# What the charts need and a reader does not: ids, and a figure's parts where its words show.
INTERNAL_COLUMNS = {"fact_id", "event_id", "evidence", "key", "bound", "point", "low", "high"}
# The cell of a row that shows its figure or date: it links to the row's evidence.
FIGURE_COLUMNS = ("value", "claim", "date")
# Marks an output as the package's own (``render.export.OWN_OUTPUT_KEY``): the export's
# guard lets only these outputs hold links, and only within the page or to CSV data.
OWN_OUTPUT = {"h200report": "display"}


class Html(str):
    """HTML we built; IPython shows it as HTML, plain-text front ends get ``text``."""

    def __new__(cls, markup: str, text: str = ""):
        obj = super().__new__(cls, markup)
        obj.text = text
        return obj

    def _repr_html_(self) -> tuple[str, dict]:
        return str(self), dict(OWN_OUTPUT)

    def __repr__(self) -> str:
        return self.text

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(self.text)


def lang_of(text: object, page_language: str) -> str | None:
    """The language to mark a text with when it differs from the page's: Chinese text
    on an English page, English text on a Chinese one."""
    chinese = is_chinese(text)
    if page_language == "en" and chinese:
        return "zh"
    if page_language == "zh" and not chinese and re.search(r"[A-Za-z]{3,}", str(text or "")):
        return "en"
    return None


@cache
def _macros():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["lang_of"] = lang_of
    return env.get_template("display.html.j2").module


def _cell(value: object, column: str, lang: str) -> object:
    if missing(value):
        return ""  # an empty cell is empty: never NaN or None
    if isinstance(value, float):
        return number(value, lang)
    if column in WORD_COLUMNS:
        return i18n.value(value, lang)
    return value


def _kind(frame: pd.DataFrame, column: str) -> str | None:
    dtype = frame[column].dtype
    if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
        return "num"
    if column in QUOTE_COLUMNS:
        return "quote"
    if column in GLOSS_COLUMNS:
        return "gloss"
    return None


def row_anchors(frame: pd.DataFrame) -> list[str | None]:
    """Each row's evidence: the anchor of the record it shows (None: the frame has none)."""
    if "evidence" in frame:
        return [None if missing(v) else str(v) for v in frame["evidence"]]
    if "fact_id" in frame:
        return [None if missing(v) else fact_anchor(v) for v in frame["fact_id"]]
    if "event_id" in frame:
        return [None if missing(v) else event_anchor(v) for v in frame["event_id"]]
    return [None] * len(frame)


def table(
    frame: pd.DataFrame,
    lang: str,
    label: str | None = None,
    report: Report | None = None,
    evidence_page: str = "",
) -> Html:
    """The frame as a table of the page's language (no empty gloss column: a page whose
    quotes need no gloss shows none), with a link offering its rows as CSV. Given the
    ``report``, each row's figure links to its evidence, and the report remembers where
    it showed it (the evidence links back); the evidence is on this page, or on
    ``evidence_page`` (a run's landing page links into the overview report)."""
    anchors = row_anchors(frame)
    frame = frame[[c for c in frame.columns if c not in INTERNAL_COLUMNS]]
    frame = frame[
        [c for c in frame.columns if c not in GLOSS_COLUMNS or frame[c].map(bool_text).any()]
    ]
    header = [i18n.column(c, lang) for c in frame.columns]
    rows = [
        [_cell(v, c, lang) for v, c in zip(row, frame.columns, strict=True)]
        for row in frame.itertuples(index=False, name=None)
    ]
    label = label or " · ".join(header[:3])
    classes = [_kind(frame, c) for c in frame.columns]
    figure = next((frame.columns.get_loc(c) for c in FIGURE_COLUMNS if c in frame), None)
    links = []
    seen: Counter[str] = Counter()
    for a in anchors:
        if report is None or not a or figure is None:
            links.append(None)
            continue
        seen[a] += 1  # a record on several rows (an event's quotes): a place for each
        where = label if seen[a] == 1 else f"{label} ({seen[a]})"
        place = report.shown.place(a, where)
        links.append({"column": figure, "anchor": a, "id": place, "page": evidence_page})
    with_evidence = any(links)
    csv_header = header + ([i18n.column("evidence", lang)] if with_evidence else [])
    csv_rows = [
        row + ([a or ""] if with_evidence else []) for row, a in zip(rows, anchors, strict=True)
    ]
    download = {
        "href": evidence.csv_href(evidence.csv_text(csv_header, csv_rows)),
        "name": evidence.csv_name(label),
        "text": i18n.t("csv_download", lang, n=len(rows)),
    }
    markup = _macros().table(header, rows, classes, lang, label, links, download)
    return Html(str(markup), f"{label}: {len(rows)} row(s)")


def bool_text(value: object) -> bool:
    return not missing(value) and str(value) != ""


def show(
    frame: pd.DataFrame,
    report: Report,
    label: str | None = None,
    evidence_page: str | None = "",
) -> Html | None:
    """The frame as a reader of the report sees it; None (nothing displayed) when the
    report is empty: the status line at the top already says there is nothing yet.
    ``evidence_page``: where the figures' evidence is ("": this page; None: nowhere,
    the figures link to nothing)."""
    if report.empty:
        return None
    if evidence_page is None:
        return table(frame, report.language, label)
    return table(frame, report.language, label, report, evidence_page)


# Stands for a value while a sentence of the catalogues is cut around it.
_SLOT = "\x00"


def _around(sentence: str) -> list[str]:
    """A catalogue sentence formatted with ``_SLOT`` for its values, cut at them: the
    words a translator put around each value, in order."""
    return sentence.split(_SLOT)


def overview(report: Report) -> Html | None:
    """The key figures in one minute: a sentence on the unban, one line per headline
    key with each source's figure (linked to its evidence), where to read on."""
    if report.empty:
        return None
    lang = report.language
    unban = unban_date(report)
    unban = day_text(unban, lang) if unban else report.t("overview_unknown_unban")
    items = []
    for key, group in headline_facts(report).groupby("key", sort=False):
        parts = []
        for _, r in group.iterrows():
            source = source_name(report, r["source_id"])
            status = i18n.value(r["status"], lang)
            before, after = _around(
                i18n.t("per_source", lang, value=_SLOT, status=status, source=source)
            )
            anchor = fact_anchor(r["fact_id"])
            place = report.shown.place(anchor, "overview")
            parts.append(
                {
                    "before": before,
                    "after": after,
                    "value": fact_value(r, lang),
                    "anchor": anchor,
                    "id": place,
                }
            )
        pre, mid, post = _around(i18n.t("overview_item", lang, label=_SLOT, values=_SLOT))
        label = report.labels.key_label(str(key), lang, str(group["metric"].iloc[0]))
        separator = i18n.t("list_separator", lang)
        items.append(
            {
                "pre": pre,
                "label": label,
                "mid": mid,
                "post": post,
                "parts": parts,
                "separator": separator,
            }
        )
    intro = report.t("overview_intro", unban=unban)
    markup = _macros().overview(intro, items, report.t("overview_links"), lang)
    return Html(str(markup), report.t("overview_text", n=len(items)))


def comparison_cards(report: Report) -> Html | None:
    """Where the sources speak of the same thing: one card each, the verdict first, then
    what each source says (its value, who says it, its quote and the gloss) side by side."""
    if report.empty:
        return None
    items = compared(report)
    for n, card in enumerate(items):
        for k, side in enumerate(card["sides"]):
            side["id"] = report.shown.place(side["anchor"], f"card {n}, side {k}")
    markup = _macros().cards(items, report.language, report.t("note_label"))
    return Html(str(markup), report.t("cards_text", n=len(items)))


def suggestion_table(report: Report) -> Html | None:
    """The suggestions as a reader sees them; nothing when there are none (the sentence says so)."""
    from .sourcing import suggestions

    return show(suggestions(report), report) if report.suggestions else None


EVIDENCE_WORDS = (
    "label",
    "decided",
    "status",
    "who",
    "verdict",
    "address",
    "record",
    "reviewed",
    "back",
    "waiting_title",
    "waiting_intro",
    "suggested",
    "none_shown",
    "sep",
)


def evidence_words(lang: str) -> dict[str, str]:
    """The evidence section's own words (``evidence_<key>`` in the catalogues)."""
    return {key: i18n.t(f"evidence_{key}", lang) for key in EVIDENCE_WORDS}


def evidence_section(report: Report) -> Html | None:
    """ "Sources and quotes": the evidence of every figure this report has shown so far
    (each quote in its paragraph, marked; outlet, day, who, status, verdict, address;
    a link back to each place shown), then what is waiting for a person's review,
    apart and never as figures. Shown last, after every table and card."""
    if report.empty:
        return None
    items = evidence.entries(report)
    waiting = evidence.waiting(report, UNCURATED_PER_SOURCE)
    words = evidence_words(report.language)
    counts = {w["name"]: report.t("evidence_waiting_count", n=w["count"]) for w in waiting}
    markup = _macros().evidence(items, waiting, counts, words, report.language)
    return Html(str(markup), report.t("evidence_text", n=len(items), waiting=len(waiting)))
