"""The report model: the fact base as one notebook of one language sees it, and the
helpers every frame of it shares (a fact's value in words, a source by its outlet,
a curated text in the reader's language).

The frames themselves are computed by subject (``claims``, ``scenario``, ``timeline``,
``sourcing``); they come back with the schema's column names, which ``charts`` reads
and ``display.show`` turns into the table a reader sees.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from .. import i18n
from ..factbase.formatting import describe_value
from ..factbase.labels import Labels
from ..factbase.notes import Note
from . import prepared
from .anchors import Shown
from .params import Settings


@dataclass
class Report:
    settings: Settings
    tables: dict[str, pd.DataFrame]
    labels: Labels
    # What is not finished in this report's sources, as records (``factbase.notes``).
    notes: list[Note] = field(default_factory=list)
    # Suggested curation (``h200 suggest``) of the kept sources: never part of ``tables``.
    suggestions: list[dict] = field(default_factory=list)
    # Each quote's paragraph and each source's address (``evidence``), and where this
    # report has shown each record so far (``evidence.Shown``: the figures' back links).
    passages: dict = field(default_factory=dict)
    addresses: dict = field(default_factory=dict)
    shown: Shown = field(default_factory=Shown)

    @property
    def language(self) -> str:
        return self.settings.language

    @property
    def empty(self) -> bool:
        return self.tables["sources"].empty

    def t(self, key: str, **values: object) -> str:
        return i18n.t(key, self.language, **values)

    @cached_property
    def source_names(self) -> dict[str, str]:
        """Each source id -> how this report names it ("71396.com, 14 Mar 2026")."""
        return source_names(self.tables, self.language)


class Prose(str):
    """Our own sentences: shown as Markdown in a notebook, as plain text elsewhere."""

    def _repr_markdown_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(str(self))


def md_safe(text: object) -> str:
    # Only numbers, dates and our own labels reach prose; this is belt and braces.
    return re.sub(r"([\\`*_{}\[\]<>#|&])", r"\\\1", str(text))


def load(settings: Settings) -> Report:
    """The report's fact base: prepared by the render; else the one kept in
    ``data/processed/`` when it is current (by digest), else built from the settings'
    folders; cut at ``as_of``. Sets no process-wide option."""
    cut = prepared.load(settings)
    if cut is None:
        # Imported here: a kernel of a render never needs the extraction and checks.
        from ..factbase import cached

        cut = prepared.prepare(cached.load(settings.seeds_dir, settings.data_dir), settings)
    return Report(
        settings,
        cut.tables,
        cut.labels,
        cut.notes,
        cut.suggestions,
        getattr(cut, "passages", {}),
        getattr(cut, "addresses", {}),
    )


# ----------------------------------------------------------------------------- values


def missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA


def localised(row, name: str, lang: str) -> object:
    """A curated text in the report's language: its ``_zh`` companion in a Chinese report
    (``note_zh`` beside ``note_en`` or ``note``), where the curators wrote one, else the English."""
    if lang == "zh":
        value = row.get(f"{name.removesuffix('_en')}_zh")
        if not missing(value) and value != "":
            return value
    return row.get(name)


def localised_column(frame: pd.DataFrame, name: str, lang: str) -> list:
    return [localised(row, name, lang) for _, row in frame.iterrows()]


def date_text(start: object, end: object, precision: object, lang: str) -> str:
    if missing(start):
        return ""
    span = str(start) if missing(end) or start == end else f"{start} – {end}"
    prec = "" if missing(precision) else i18n.precision(str(precision), lang)
    return f"{span} ({prec})" if prec and prec != i18n.precision("day", lang) else span


def fact_value(row: pd.Series, lang: str) -> str:
    """A fact's figure with its bound and unit in words ("at most 75,000 chips")."""
    text = describe_value(
        None if missing(row["value"]) else float(row["value"]),
        None if missing(row["low"]) else float(row["low"]),
        None if missing(row["high"]) else float(row["high"]),
        None if missing(row["unit"]) else row["unit"],
        None if missing(row["bound"]) else row["bound"],
        lang,
    )
    words = localised(row, "value_text", lang)
    return text or ("" if missing(words) else str(words))


def published(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    src = tables["sources"]
    return {r.source_id: str(r.published_at)[:10] for r in src.itertuples()}


def _join_present(texts: pd.Series) -> str | None:
    present = [t for t in texts if not missing(t)]
    return " / ".join(present) if present else None


def facts_once(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per fact (the table has one per quote), quotes and glosses joined in order."""
    facts = tables["facts"]
    if facts.empty:
        return facts.assign(
            quotes=pd.Series(dtype=str),
            glosses=pd.Series(dtype=str),
            glosses_zh=pd.Series(dtype=str),
        )
    joined = facts.groupby("fact_id", sort=False).agg(
        quotes=("quote", " / ".join),
        glosses=("gloss_en", _join_present),
        glosses_zh=("gloss_zh", _join_present),
    )
    once = facts.drop_duplicates("fact_id").set_index("fact_id")
    return once.join(joined).reset_index()


def ordered(frame: pd.DataFrame, keys: tuple[str, ...], tables) -> pd.DataFrame:
    """Facts in the order of ``keys`` (others after), then by publication and id."""
    days = published(tables)
    rank = {k: i for i, k in enumerate(keys)}
    return (
        frame.assign(_k=frame["key"].map(rank).fillna(len(keys)), _p=frame["source_id"].map(days))
        .sort_values(["_k", "key", "_p", "fact_id"], kind="stable")
        .drop(columns=["_k", "_p"])
        .reset_index(drop=True)
    )


# ----------------------------------------------------------------------------- glosses


def gloss(quote: object, gloss_en: object, gloss_zh: object, lang: str) -> str | None:
    """The gloss a reader of ``lang`` needs beside a quote: on an English page its English
    gloss (every quote that is not English has one); on a Chinese page none for a
    Chinese quote, and for another its Chinese gloss where curated, else none (the
    quote itself shows, marked as English)."""
    if lang == "en":
        return None if missing(gloss_en) or not gloss_en else str(gloss_en)
    if is_chinese(quote):
        return None
    if not missing(gloss_zh) and gloss_zh:
        return str(gloss_zh)
    return None


def gloss_column(frame: pd.DataFrame, lang: str, quote: str, en: str, zh: str) -> list:
    return [
        gloss(q, e, z, lang)
        for q, e, z in zip(
            frame[quote],
            frame[en] if en in frame else [None] * len(frame),
            frame[zh] if zh in frame else [None] * len(frame),
            strict=True,
        )
    ]


_CJK = re.compile(r"[\u3400-\u9fff]")


def is_chinese(text: object) -> bool:
    return bool(_CJK.search(str(text or "")))


# ----------------------------------------------------------------------------- sources


# A site as curated ends with how it was identified, in brackets ("71396.com (footer
# 'Powered By 71396.com')"); as a name, the outlet alone reads.
_SITE_NOTE = re.compile(r"\s*[(\uff08][^()\uff08\uff09]*[)\uff09]\s*$")


def outlet_name(record, lang: str) -> str:
    """The outlet as a reader knows it, in ``lang``: the curated ``outlet`` where there
    is one, else the site without its bracketed note."""
    name = _text(localised(record, "outlet", lang))
    if not name:
        site = _text(localised(record, "site", lang))
        name = _SITE_NOTE.sub("", site) or site
    return name


def _text(value: object) -> str:
    return "" if missing(value) else str(value).strip()


def outlet(record, lang: str) -> str:
    """The outlet with the one it relays ("Bloomberg via Sina Finance") where the
    curators named one: how the reports name a source."""
    name = outlet_name(record, lang)
    cites = _text(localised(record, "cites", lang))
    if cites:
        return i18n.t("outlet_via", lang, cites=cites, outlet=name)
    return name


def day_text(value: object, lang: str) -> str:
    """A publication day as a reader of ``lang`` writes it ("4 Mar 2026", "2026年3月4日"):
    the pattern is the catalogue's, the month names CLDR's (Babel)."""
    from babel.dates import format_date

    text = str(value or "")[:10]
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return text
    return format_date(day, i18n.t("day_pattern", lang), locale=i18n.t("day_locale", lang))


def named_source(record, lang: str) -> str:
    """'71396.com, 14 Mar 2026': a source record (a row of the sources table, or of a
    run's snapshot) as the reports and the change lines name it."""
    name, day = outlet(record, lang), day_text(record.get("published_at"), lang)
    return i18n.t("outlet", lang, site=name, date=day) if name and day else name or day


def told_apart(named: dict[str, str], suffix) -> dict[str, str]:
    """``named`` (source id -> name) with each name that two sources share made distinct
    by ``suffix(source_id, name)``."""
    counts = Counter(named.values())
    return {sid: name if counts[name] == 1 else suffix(sid, name) for sid, name in named.items()}


def source_names(tables: dict[str, pd.DataFrame], lang: str) -> dict[str, str]:
    """Each source id -> "outlet, day" in ``lang``; two sources of one outlet and day are
    told apart by their short id."""
    named = {r["source_id"]: named_source(r, lang) for _, r in tables["sources"].iterrows()}
    return told_apart(named, lambda sid, name: f"{name} ({short_id(sid)})")


def short_id(source_id: str) -> str:
    """'000': a seed's number; an id without one ("reuters_h200_jan") whole."""
    prefix = str(source_id).split("_")[0]
    return prefix if prefix.isdigit() else str(source_id)


def source_name(report: Report, source_id: object) -> str:
    """How a reader knows a source: its outlet and day, in the report's language."""
    if missing(source_id):
        return ""
    return report.source_names.get(str(source_id), short_id(str(source_id)))
