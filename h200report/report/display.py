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
from functools import cache
from pathlib import Path

import pandas as pd

from .. import i18n
from ..factbase.formatting import number
from .model import Report, is_chinese, missing
from .sourcing import compared

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
INTERNAL_COLUMNS = {"fact_id", "key", "bound", "point", "low", "high"}


class Html(str):
    """HTML we built; IPython shows it as HTML, plain-text front ends get ``text``."""

    def __new__(cls, markup: str, text: str = ""):
        obj = super().__new__(cls, markup)
        obj.text = text
        return obj

    def _repr_html_(self) -> str:
        return str(self)

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


def table(frame: pd.DataFrame, lang: str, label: str | None = None) -> Html:
    """The frame as a table of the page's language (no empty gloss column: a page whose
    quotes need no gloss shows none)."""
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
    markup = _macros().table(header, rows, classes, lang, label)
    return Html(str(markup), f"{label}: {len(rows)} row(s)")


def bool_text(value: object) -> bool:
    return not missing(value) and str(value) != ""


def show(frame: pd.DataFrame, report: Report, label: str | None = None) -> Html | None:
    """The frame as a reader of the report sees it; None (nothing displayed) when the
    report is empty: the status line at the top already says there is nothing yet."""
    if report.empty:
        return None
    return table(frame, report.language, label)


def comparison_cards(report: Report) -> Html | None:
    """Where the sources speak of the same thing: one card each, the verdict first, then
    what each source says (its value, who says it, its quote and the gloss) side by side."""
    if report.empty:
        return None
    items = compared(report)
    markup = _macros().cards(items, report.language, report.t("note_label"))
    return Html(str(markup), report.t("cards_text", n=len(items)))


def suggestion_table(report: Report) -> Html | None:
    """The suggestions as a reader sees them; nothing when there are none (the sentence says so)."""
    from .sourcing import suggestions

    return show(suggestions(report), report) if report.suggestions else None
