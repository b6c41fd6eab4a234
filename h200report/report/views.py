"""What the notebooks show, computed from the fact-base tables (plotting is in ``charts``).

A notebook cell calls one function here and shows the result. Frames come back
with the schema's column names (``charts`` reads those); ``show`` turns a frame
into the localised table a reader sees. Prose is ``Prose``: our own i18n
sentences with numbers and dates filled in, never article text, so it may be
shown as Markdown.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass, field

import pandas as pd

from ..factbase.formatting import describe_value, number
from ..factbase.labels import Labels
from ..vocab import VERDICT_SEVERITY
from . import html, i18n, prepared
from .html import Html
from .params import Settings


@dataclass
class Report:
    settings: Settings
    tables: dict[str, pd.DataFrame]
    labels: Labels
    warnings: list[str] = field(default_factory=list)
    # Suggested curation (``h200 suggest``) of the kept sources: never part of ``tables``.
    suggestions: list[dict] = field(default_factory=list)

    @property
    def language(self) -> str:
        return self.settings.language

    @property
    def empty(self) -> bool:
        return self.tables["sources"].empty

    def t(self, key: str, **values: object) -> str:
        return i18n.t(key, self.language, **values)


class Prose(str):
    """Our own sentences: shown as Markdown in a notebook, as plain text elsewhere."""

    def _repr_markdown_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(str(self))


def _md_safe(text: object) -> str:
    # Only numbers, dates and our own labels reach prose; this is belt and braces.
    return re.sub(r"([\\`*_{}\[\]<>#|&])", r"\\\1", str(text))


def load(settings: Settings) -> Report:
    """The report's fact base: prepared by the render, else built from the settings'
    folders, and cut at ``as_of``."""
    cut = prepared.load(settings)
    if cut is None:
        # Imported here: a kernel of a render never needs the extraction and checks.
        from ..factbase.build import UncuratedWarning, build

        with warnings.catch_warnings():
            # Uncurated mentions are shown in the sources notebook, not as stderr noise.
            warnings.simplefilter("ignore", UncuratedWarning)
            cut = prepared.prepare(build(settings.seeds_dir, settings.data_dir), settings)
    return Report(settings, cut.tables, cut.labels, cut.warnings, cut.suggestions)


# ----------------------------------------------------------------------------- helpers


def source_label(source_id: str, tables: dict[str, pd.DataFrame] | None = None) -> str:
    """'000 (2026-03-04)': the seed number and its publication day, short enough for a table.

    An id without a leading number ("reuters_h200_jan", as ``h200 add`` names a saved
    page) is shown whole: cut at its first "_", two Reuters stories would both read
    "reuters".
    """
    prefix = str(source_id).split("_")[0]
    short = prefix if prefix.isdigit() else str(source_id)
    if tables is not None:
        src = tables["sources"]
        row = src[src["source_id"] == source_id]
        if not row.empty:
            return f"{short} ({str(row['published_at'].iloc[0])[:10]})"
    return short


def _missing(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA


def _date_text(start: object, end: object, precision: object, lang: str) -> str:
    if _missing(start):
        return ""
    span = str(start) if _missing(end) or start == end else f"{start} – {end}"
    prec = "" if _missing(precision) else i18n.precision(str(precision), lang)
    return f"{span} ({prec})" if prec and prec != i18n.precision("day", lang) else span


def _fact_value(row: pd.Series, lang: str) -> str:
    text = describe_value(
        None if _missing(row["value"]) else float(row["value"]),
        None if _missing(row["low"]) else float(row["low"]),
        None if _missing(row["high"]) else float(row["high"]),
        None if _missing(row["unit"]) else row["unit"],
        None if _missing(row["bound"]) else row["bound"],
        lang,
    )
    words = localised(row, "value_text", lang)
    return text or ("" if _missing(words) else str(words))


def _published(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    src = tables["sources"]
    return {r.source_id: str(r.published_at)[:10] for r in src.itertuples()}


def _localised_column(frame: pd.DataFrame, field: str, lang: str) -> list:
    return [localised(row, field, lang) for _, row in frame.iterrows()]


def _join_present(texts: pd.Series) -> str | None:
    """The glosses of a fact's quotes; an English quote has none (it would repeat itself)."""
    present = [t for t in texts if not _missing(t)]
    return " / ".join(present) if present else None


def _facts_once(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per fact (the table has one per quote), quotes joined in order."""
    facts = tables["facts"]
    if facts.empty:
        return facts.assign(quotes=pd.Series(dtype=str), glosses=pd.Series(dtype=str))
    joined = facts.groupby("fact_id", sort=False).agg(
        quotes=("quote", " / ".join), glosses=("gloss_en", _join_present)
    )
    once = facts.drop_duplicates("fact_id").set_index("fact_id")
    return once.join(joined).reset_index()


def _order(frame: pd.DataFrame, keys: tuple[str, ...], tables) -> pd.DataFrame:
    published = _published(tables)
    rank = {k: i for i, k in enumerate(keys)}
    return (
        frame.assign(
            _k=frame["key"].map(rank).fillna(len(keys)), _p=frame["source_id"].map(published)
        )
        .sort_values(["_k", "key", "_p", "fact_id"], kind="stable")
        .drop(columns=["_k", "_p"])
        .reset_index(drop=True)
    )


# Columns whose cells are verbatim article text, or its English gloss: marked as such.
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
GLOSS_COLUMNS = {"gloss_en", "glosses", "gloss_a", "gloss_b"}
WORD_COLUMNS = ("status", "category", "verdict", "kind", "date_kind")
# How the build words its uncurated-mention warning (shown here per source instead).
UNCURATED_MARK = "not yet curated"
# What the charts need and a reader does not: ids, and a figure's parts where its words show.
INTERNAL_COLUMNS = {"fact_id", "key", "bound", "point", "low", "high"}


def _cell(value: object, column: str, lang: str) -> object:
    if _missing(value):
        return ""  # an empty cell is empty: never NaN or None
    if isinstance(value, float):
        return number(value, lang)
    if column in WORD_COLUMNS:
        return i18n.value(value, lang)
    return value


def show(frame: pd.DataFrame, report: Report, label: str | None = None) -> Html | None:
    """The frame as a reader sees it: our own table, with localised column labels and
    vocabulary words, numbers as numbers ("150,000", "7.5万") and empty cells empty.

    None (nothing displayed) when the report is empty: the status line at the top
    already says there is nothing yet, and an empty table would only repeat it.
    """
    if report.empty:
        return None
    lang = report.language
    frame = frame[[c for c in frame.columns if c not in INTERNAL_COLUMNS]]
    header = [i18n.column(c, lang) for c in frame.columns]
    classes = [
        "num"
        if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        else "quote"
        if c in QUOTE_COLUMNS
        else "gloss"
        if c in GLOSS_COLUMNS
        else None
        for c in frame.columns
    ]
    rows = [
        [_cell(v, c, lang) for v, c in zip(row, frame.columns, strict=True)]
        for row in frame.itertuples(index=False, name=None)
    ]
    return html.table(header, rows, lang, label=label or " · ".join(header[:3]), classes=classes)


# ----------------------------------------------------------------------------- prose


def status(report: Report) -> Prose:
    """One line on what the notebook is built from, or the 'nothing yet' sentence."""
    s = report.settings
    if report.empty:
        return Prose(report.t("nothing_yet", as_of=s.as_of.isoformat() if s.as_of else ""))
    tables = report.tables
    sources = ", ".join(source_label(x, tables) for x in tables["sources"]["source_id"])
    as_of_part = report.t("status_as_of", as_of=s.as_of.isoformat()) if s.as_of else ""
    text = report.t(
        "status",
        n=len(tables["sources"]),
        sources=sources,
        as_of_part=as_of_part,
        facts=tables["facts"]["fact_id"].nunique(),
        events=tables["events"]["event_id"].nunique(),
    )
    return Prose(_md_safe(text))


# Uncurated mentions listed per source in the sources report. A person curates a new
# article from its text and `h200 suggest`, not from this list; a hundred articles
# waiting would otherwise make a report of thousands of rows and megabytes. The
# mentions table holds every one.
UNCURATED_PER_SOURCE = 20


def build_warnings(report: Report, per_source: int | None = UNCURATED_PER_SOURCE) -> str:
    """What curators still have to do, one line per source, in the report's language
    (the build's own warnings name files for the command line)."""
    src = report.tables["sources"]
    lines = [
        report.t(
            "warning_uncurated_first"
            if per_source is not None and r.mentions_uncurated > per_source
            else "warning_uncurated",
            source=source_label(r.source_id),
            n=r.mentions_uncurated,
            k=per_source,
        )
        for r in src.itertuples()
        if r.mentions_uncurated
    ]
    # Any other warning (a Chinese companion missing, a stale suggestion) is for the
    # curator, as the build wrote it: it names files and fields, so it stays in English.
    notes = [w for w in report.warnings if UNCURATED_MARK not in w]
    if notes:
        lines += [report.t("curator_notes"), *notes]
    return "\n".join(lines)


def since_last_render(report: Report) -> Prose | None:
    """What a render writes here (the changes since the previous render); in a kernel
    outside a render there is nothing to compare, so the sentence says where it comes from."""
    return prose("changes_placeholder", report)


def prose(key: str, report: Report) -> Prose | None:
    """A fixed explanatory paragraph; None (nothing displayed) when there is nothing yet,
    as the status line at the top already says so."""
    if report.empty:
        return None
    return Prose(report.t(key))


# ----------------------------------------------------------------------------- overview


def unban_date(report: Report) -> str | None:
    ev = report.tables["events"]
    row = ev[ev["event_id"] == report.labels.report.unban_event]
    return None if row.empty else str(row["date_start"].iloc[0])


def key_figures(report: Report) -> pd.DataFrame:
    """The headline numbers, each with its bound in words, status, source and attribution."""
    tables = report.tables
    facts = _facts_once(tables)
    headline = tuple(report.labels.report.headline)
    facts = facts[facts["key"].isin(headline)]
    return _claim_frame(_order(facts, headline, tables), report, ("figure", "value"))


def overview(report: Report) -> Prose | None:
    """A short Markdown list of the key figures: a one-minute read (None when empty)."""
    if report.empty:
        return None
    lang, tables = report.language, report.tables
    unban = unban_date(report) or report.t("overview_unknown_unban")
    lines = [report.t("overview_intro", unban=unban), ""]
    headline = tuple(report.labels.report.headline)
    facts = _order(_facts_once(tables)[lambda f: f["key"].isin(headline)], headline, tables)
    for key, group in facts.groupby("key", sort=False):
        parts = []
        for _, r in group.iterrows():
            parts.append(
                i18n.t(
                    "per_source",
                    lang,
                    value=_fact_value(r, lang),
                    status=i18n.value(r["status"], lang),
                    source=source_label(r["source_id"]),
                )
            )
        label = report.labels.key_label(str(key), lang, str(group["metric"].iloc[0]))
        values = "; ".join(_md_safe(p) for p in parts)
        lines.append(report.t("overview_bullet", label=_md_safe(label), values=values))
    lines += ["", report.t("overview_links")]
    return Prose("\n".join(lines))


def _titles(src: pd.DataFrame, lang: str) -> dict[str, list]:
    """The headline as captured, and in an English report the project's translation too."""
    titles = {"headline": src["title"].tolist()}
    if lang == "en":
        titles["headline_en"] = src["title_en"].tolist()
    return titles


def source_list(report: Report) -> pd.DataFrame:
    src, lang = report.tables["sources"], report.language
    return pd.DataFrame(
        {
            "source": [source_label(s, report.tables) for s in src["source_id"]],
            **_titles(src, lang),
            "site": _localised_column(src, "site", lang),
        }
    )


# ----------------------------------------------------------------------------- order volumes


def zero_statements(report: Report) -> pd.DataFrame:
    """Each statement that something was zero: who, what, the period, up to when."""
    tables = report.tables
    facts = _facts_once(tables)
    zeros = facts[
        (facts["topic"] == "order_volume") & (facts["bound"] == "exact") & (facts["value"] == 0)
    ]
    published = _published(tables)
    unban = unban_date(report)
    rows = []
    for _, r in zeros.iterrows():
        # A zero "since the unban" speaks up to its period's end; an undated one up to publication.
        as_of = r["date_end"] if not _missing(r["date_end"]) else published[r["source_id"]]
        start = r["date_start"] if not _missing(r["date_start"]) else (unban or as_of)
        rows.append(
            {
                "fact_id": r["fact_id"],
                "what": report.labels.metric_label(r["metric"], report.language),
                "value": _fact_value(r, report.language),
                "attributed_to": localised(r, "attributed_to", report.language),
                "period_start": start,
                "as_of": as_of,
                "status": r["status"],
                "source": source_label(r["source_id"], tables),
                "quote": r["quotes"],
                "gloss_en": r["glosses"],
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
        "gloss_en",
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
    tables, lang = report.tables, report.language
    facts = _facts_once(tables)
    facts = facts[facts["key"].isin(keys) & facts["bound"].notna()]
    facts = _order(facts, keys, tables)
    rows = [
        {
            "key": r["key"],
            "label": report.labels.key_label(r["key"], lang, r["metric"]),
            "point": r["value"],
            "low": r["low"],
            "high": r["high"],
            "bound": r["bound"],
            "value": _fact_value(r, lang),
            "source": source_label(r["source_id"]),
            "status": r["status"],
        }
        for _, r in facts.iterrows()
    ]
    columns = ["key", "label", "point", "low", "high", "bound", "value", "source", "status"]
    return pd.DataFrame(rows, columns=columns)


def other_order_claims(report: Report) -> pd.DataFrame:
    facts = _facts_once(report.tables)
    rest = facts[facts["topic"].isin(["order_volume", "market"]) & facts["bound"].isna()]
    return _claims(rest, report)


def _claims(facts: pd.DataFrame, report: Report) -> pd.DataFrame:
    ordered = _order(facts, (), report.tables) if not facts.empty else facts
    return _claim_frame(ordered, report, ("what", "claim"))


def _claim_frame(facts: pd.DataFrame, report: Report, names: tuple[str, str]) -> pd.DataFrame:
    """One row per claim: label, value in words, status, source, who says it, quote, gloss."""
    tables, lang = report.tables, report.language
    label, value = names
    return pd.DataFrame(
        {
            label: [
                report.labels.key_label(k, lang, m)
                for k, m in zip(facts["key"], facts["metric"], strict=True)
            ],
            value: [_fact_value(r, lang) for _, r in facts.iterrows()],
            "status": facts["status"].tolist(),
            "source": [source_label(s, tables) for s in facts["source_id"]],
            "attributed_to": _localised_column(facts, "attributed_to", lang),
            "quote": facts["quotes"].tolist(),
            "gloss_en": facts["glosses"].tolist(),
        },
        columns=[label, value, "status", "source", "attributed_to", "quote", "gloss_en"],
    )


# ----------------------------------------------------------------------------- quotas


def cap_structure(report: Report) -> pd.DataFrame:
    """Caps, which chips count, what the cap is for, and the fee, as each source states them."""
    facts = _facts_once(report.tables)
    return _claims(facts[facts["topic"].isin(["quota", "fee"])], report)


def conditions(report: Report) -> pd.DataFrame:
    facts = _facts_once(report.tables)
    return _claims(facts[facts["topic"] == "condition"], report)


@dataclass(frozen=True)
class Scenario:
    sourced_cap: float | None
    cap: float | None
    overall: float | None
    sourced_fee: float | None
    fee: float | None
    buyers: int | None
    curve: pd.DataFrame

    @property
    def complete(self) -> bool:
        return None not in (self.cap, self.overall, self.fee)

    @property
    def kink(self) -> int | None:
        """Buyers from which the overall cap, not the per-company cap, binds."""
        if self.cap is None or self.overall is None:
            return None
        return math.ceil(self.overall / self.cap)


def _sourced(facts: pd.DataFrame, key: str, column: str, published: dict[str, str]) -> float | None:
    rows = facts[(facts["key"] == key) & facts[column].notna()]
    if rows.empty:
        return None
    # If sources ever disagree on the number, the most recent publication speaks for now.
    rows = rows.assign(_p=rows["source_id"].map(published)).sort_values(
        ["_p", "fact_id"], kind="stable"
    )
    return float(rows[column].iloc[-1])


def scenario(report: Report) -> Scenario:
    """Sourced caps and fee, overridden by the scenario parameters, and the allowed-chips curve."""
    s, tables = report.settings, report.tables
    facts, published = tables["facts"], _published(tables)
    roles = report.labels.report
    sourced_cap = _sourced(facts, roles.per_company_cap, "high", published)
    overall = _sourced(facts, roles.overall_cap, "high", published)
    sourced_fee = _sourced(facts, roles.fee_rate, "value", published)
    cap = float(s.per_company_cap) if s.per_company_cap is not None else sourced_cap
    fee = s.fee_rate_percent if s.fee_rate_percent is not None else sourced_fee
    curve = allowed_curve(cap, overall, s.buyers)
    return Scenario(sourced_cap, cap, overall, sourced_fee, fee, s.buyers, curve)


def allowed_curve(cap: float | None, overall: float | None, buyers: int | None) -> pd.DataFrame:
    """Chips allowed by number of buyers under a per-company and an overall cap."""
    rows = []
    if cap is not None and overall is not None:
        kink = math.ceil(overall / cap)
        # Twice the kink shows both regimes; a chosen buyer count beyond it extends the axis.
        last = max(2 * kink, buyers or 0)
        for b in range(1, last + 1):
            rows.append(
                {
                    "buyers": b,
                    "per_company_total": b * cap,
                    "overall": overall,
                    "allowed": min(b * cap, overall),
                }
            )
    return pd.DataFrame(rows, columns=["buyers", "per_company_total", "overall", "allowed"])


# The per-company caps a reader of the shared HTML can switch between: the sourced one
# and fractions and multiples of it (rounded to a thousand chips), and the chosen one.
CAP_PRESETS = (1 / 3, 2 / 3, 1, 4 / 3, 2)
# The fee rates of the slider, in percent; the sourced and the chosen rate join them.
FEE_STEPS = tuple(range(0, 51, 5))


def cap_presets(sc: Scenario) -> list[float]:
    if sc.sourced_cap is None:
        return [sc.cap] if sc.cap is not None else []
    presets = {round(sc.sourced_cap * f, -3) or sc.sourced_cap for f in CAP_PRESETS}
    presets |= {sc.sourced_cap} | ({sc.cap} if sc.cap is not None else set())
    return sorted(presets)


def fee_steps(sc: Scenario) -> list[float]:
    extra = {f for f in (sc.sourced_fee, sc.fee) if f is not None}
    return sorted({float(f) for f in FEE_STEPS} | extra)


def scenario_text(report: Report, sc: Scenario) -> Prose | None:
    if report.empty:
        return None
    lang = report.language
    missing = [
        w
        for w, v in (
            ("per_company_cap_word", sc.cap),
            ("overall_cap_word", sc.overall),
            ("fee_word", sc.fee),
        )
        if v is None
    ]
    if missing:
        return Prose(report.t("scenario_missing", what=report.t(missing[0])))
    if sc.buyers is None:
        buyers_text = report.t("buyers_curve", n=int(sc.curve["buyers"].max()))
        allowed = float(sc.overall)
    else:
        buyers_text = report.t("buyers_n", n=sc.buyers)
        allowed = min(sc.buyers * sc.cap, sc.overall)
    sourced, chosen = report.t("as_sourced"), report.t("scenario_value")
    text = report.t(
        "scenario_intro",
        cap=describe_value(None, None, sc.cap, "chips", "at_most", lang),
        cap_basis=sourced if sc.cap == sc.sourced_cap else chosen,
        overall=describe_value(None, None, sc.overall, "chips", "at_most", lang),
        fee=describe_value(sc.fee, None, None, "percent", "exact", lang),
        fee_basis=sourced if sc.fee == sc.sourced_fee else chosen,
        buyers=buyers_text,
        allowed=describe_value(None, None, allowed, "chips", "at_most", lang),
        kink=sc.kink,
        fee_chips=number(allowed * sc.fee / 100, lang),
    )
    return Prose(_md_safe(text))


def scenario_table(report: Report, sc: Scenario) -> pd.DataFrame:
    return sc.curve.copy()


# ----------------------------------------------------------------------------- timeline


def event_verdicts(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
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
    ev = tables["events"]
    verdicts = event_verdicts(tables)
    rows = []
    for event_id, group in ev.groupby("event_id", sort=False):
        first = group.iloc[0]
        span = first["date_start"] != first["date_end"] or first["date_precision"] != "day"
        rows.append(
            {
                "event_id": event_id,
                "date_start": first["date_start"],
                "date_end": first["date_end"],
                "date_precision": first["date_precision"],
                "span": bool(span),
                "date": _date_text(
                    first["date_start"], first["date_end"], first["date_precision"], lang
                )
                + (
                    " — " + report.t("published_basis")
                    if first["date_basis"] == "publication"
                    else ""
                ),
                "category": first["category"],
                "actor": localised(first, "actor", lang),
                "title": localised(first, "title_en", lang),
                "status": first["status"],
                "verdict": verdicts.get(event_id, "one_source_only"),
                "sources": ", ".join(dict.fromkeys(source_label(s) for s in group["source_id"])),
                "quotes": list(group["quote"]),
                "glosses": list(group["gloss_en"]),
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
            "date": [
                _date_text(a, b, p, lang)
                for a, b, p in zip(
                    ev["date_start"], ev["date_end"], ev["date_precision"], strict=True
                )
            ],
            "category": ev["category"].tolist(),
            "title": _localised_column(ev, "title_en", lang),
            "actor": _localised_column(ev, "actor", lang),
            "status": ev["status"].tolist(),
            "agreement": [
                i18n.value(verdicts.get(e, "one_source_only"), lang) for e in ev["event_id"]
            ],
            "source": [source_label(s, tables) for s in ev["source_id"]],
            "quote": ev["quote"].tolist(),
            "gloss_en": ev["gloss_en"].tolist(),
        },
        columns=[
            "date",
            "category",
            "title",
            "actor",
            "status",
            "agreement",
            "source",
            "quote",
            "gloss_en",
        ],
    )


# ----------------------------------------------------------------------------- sources


def sources(report: Report) -> pd.DataFrame:
    src, lang = report.tables["sources"], report.language
    return pd.DataFrame(
        {
            "source": [source_label(s) for s in src["source_id"]],
            **_titles(src, lang),
            "site": _localised_column(src, "site", lang),
            "author_line": src["author_line"].tolist(),
            "published_at": src["published_at"].tolist(),
            "date_kind": src["date_kind"].tolist(),
            "note": _localised_column(src, "note", lang),
        }
    )


def _by_severity(comp: pd.DataFrame) -> pd.DataFrame:
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
        comp[f"source_{side}"] = comp[f"source_{side}"].map(
            lambda s: "" if _missing(s) else source_label(s)
        )
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
    return _by_severity(comp)[cols]


def localised(row, field: str, lang: str) -> object:
    """A curated text in the report's language: its ``_zh`` companion in a Chinese report
    (``note_zh`` beside ``note_en`` or ``note``), where the curators wrote one, else the English."""
    if lang == "zh":
        value = row.get(f"{field.removesuffix('_en')}_zh")
        if not _missing(value) and value != "":
            return value
    return row.get(field)


def _aspects(text: object, lang: str) -> list[str]:
    """'value: agree (...); status: conflict (...)' as words of the report's language."""
    out = []
    for part in str(text or "").split("; "):
        name, _, rest = part.partition(": ")
        verdict = rest.split(" ", 1)[0]
        if verdict in VERDICT_SEVERITY:
            out.append(f"{i18n.column(name, lang)}: {i18n.value(verdict, lang)}")
    return out


def _side(report: Report, row, side: str) -> dict | None:
    """What one source says in a comparison, in the report's language."""
    lang, tables = report.language, report.tables
    source = row[f"source_{side}"]
    if _missing(source):
        return None
    item, quote = row[f"item_{side}"], row[f"quote_{side}"]
    if row["kind"] == "fact":
        fact = tables["facts"][tables["facts"]["fact_id"] == item].iloc[0]
        value = f"{_fact_value(fact, lang)} · {i18n.value(fact['status'], lang)}"
        who = localised(fact, "attributed_to", lang)
    else:
        ev = tables["events"]
        hit = ev[(ev["event_id"] == item.split("#")[0]) & (ev["quote"] == quote)].iloc[0]
        value = _date_text(
            hit["quote_date_start"], hit["quote_date_end"], hit["quote_date_precision"], lang
        ) or report.t("no_date")
        who = localised(hit, "actor", lang)
    return {
        "source": source_label(source, tables),
        "value": value,
        "who": who,
        "quote": quote,
        "gloss": row[f"gloss_{side}"],
    }


def _comparison_label(report: Report, row) -> str:
    lang, tables = report.language, report.tables
    if row["kind"] == "event":
        ev = tables["events"]
        first = ev[ev["event_id"] == row["key"].removeprefix("event:")].iloc[0]
        return localised(first, "title_en", lang)
    metric = tables["facts"].loc[tables["facts"]["key"] == row["key"], "metric"].iloc[0]
    return report.labels.key_label(row["key"], lang, metric)


def comparison_cards(report: Report) -> Html | None:
    """Where the sources speak of the same thing: one card each, the verdict first, then
    what each source says (its value, who says it, its quote and the gloss) side by side."""
    if report.empty:
        return None
    lang = report.language
    cards = []
    comp = report.tables["comparisons"]
    for _, row in _by_severity(comp[comp["source_b"].notna()]).iterrows():
        sides = []
        for side in ("a", "b"):
            said = _side(report, row, side)
            if said is not None:
                sides.append(
                    html.tag(
                        "div",
                        html.tag("h4", html.esc(said["source"]))
                        + html.tag("p", html.esc(said["value"]), cls="value")
                        + html.text_cell(said["who"], lang, name="p", cls="who")
                        + html.text_cell(said["quote"], lang, name="blockquote", cls="quote")
                        + (
                            ""
                            if _missing(said["gloss"])
                            else html.text_cell(said["gloss"], lang, name="p", cls="gloss")
                        ),
                        cls="side",
                    )
                )
        aspects = _aspects(row["aspects"], lang)
        note = localised(row, "note_en", lang)
        title = html.tag("span", html.esc(i18n.value(row["verdict"], lang)), cls="verdict")
        parts = [
            html.tag("h3", f"{title} {html.esc(_comparison_label(report, row))}"),
            html.tag("p", html.esc(" · ".join(aspects)), cls="aspects") if aspects else "",
            html.tag("div", "".join(sides), cls="sides"),
            html.text_cell(f"{report.t('note_label')} {note}", lang, name="p", cls="note")
            if not _missing(note) and note
            else "",
        ]
        cards.append(html.tag("div", "".join(parts), cls=f"h200-card verdict-{row['verdict']}"))
    return Html(
        html.tag("div", "".join(cards), cls="h200-cards"), report.t("cards_text", n=len(cards))
    )


def single_source(report: Report) -> pd.DataFrame:
    """What only one source states: nothing to compare, so one row each, not a card."""
    comp = report.tables["comparisons"]
    rows = []
    for _, row in _by_severity(comp[comp["source_b"].isna()]).iterrows():
        said = _side(report, row, "a")
        rows.append(
            {
                "what": _comparison_label(report, row),
                "kind": row["kind"],
                "value": said["value"],
                "source": said["source"],
                "attributed_to": said["who"],
                "quote": said["quote"],
                "gloss_en": said["gloss"],
            }
        )
    return pd.DataFrame(
        rows, columns=["what", "kind", "value", "source", "attributed_to", "quote", "gloss_en"]
    )


def verdict_counts(report: Report) -> Prose | None:
    if report.empty:
        return None
    counts = report.tables["comparisons"]["verdict"].value_counts()
    return Prose(
        report.t(
            "conflicts_summary",
            agree=int(counts.get("agree", 0)),
            conflict=int(counts.get("conflict", 0)),
            precision=int(counts.get("differs_in_precision", 0)),
            one=int(counts.get("one_source_only", 0)),
        )
    )


def coverage(report: Report) -> pd.DataFrame:
    src = report.tables["sources"]
    out = src[["mentions", "mentions_used", "mentions_not_used", "mentions_uncurated"]].copy()
    out.insert(0, "source", [source_label(s) for s in src["source_id"]])
    return out.reset_index(drop=True)


def _mentions(report: Report, status_value: str, per_source: int | None = None) -> pd.DataFrame:
    m = report.tables["mentions"]
    m = m[m["status"] == status_value]
    if per_source is not None:
        m = m.groupby("source_id", sort=False).head(per_source)  # in reading order
    return pd.DataFrame(
        {
            "source": [source_label(s) for s in m["source_id"]],
            "text": m["text"].tolist(),
            "context": m["context"].tolist(),
            "reason": _localised_column(m, "reason", report.language),
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


def uncurated_text(report: Report, per_source: int | None = UNCURATED_PER_SOURCE) -> Prose | None:
    if report.empty:
        return None
    per_source_counts = report.tables["sources"]["mentions_uncurated"]
    n = int(per_source_counts.sum())
    if not n:
        return Prose(report.t("uncurated_none"))
    shown = int(per_source_counts.clip(upper=per_source).sum()) if per_source is not None else n
    if shown < n:
        return Prose(report.t("uncurated_first", n=n, k=per_source, shown=shown))
    return Prose(report.t("uncurated_some", n=n))


def furniture(report: Report) -> pd.DataFrame:
    src = report.tables["sources"]
    out = src[["body_chars", "furniture_lines"]].copy()
    out.insert(0, "source", [source_label(s) for s in src["source_id"]])
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
            "source": [source_label(r["source_id"], report.tables) for r in rows],
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


def suggestions_text(report: Report) -> Prose | None:
    """One sentence: there are none, or how many and what their drafts would do."""
    if report.empty:
        return None
    rows = report.suggestions
    if not rows:
        return Prose(report.t("suggestions_none"))
    counts = {v: sum(r["verdict"] == v for r in rows) for v in (*VERDICT_SEVERITY, None)}
    return Prose(
        report.t(
            "suggestions_some",
            n=len(rows),
            agree=counts["agree"],
            conflict=counts["conflict"],
            precision=counts["differs_in_precision"],
            one=counts["one_source_only"],
            none=counts[None],
        )
    )


def suggestion_table(report: Report) -> pd.DataFrame | None:
    """The suggestions as a reader sees them; nothing when there are none (the sentence says so)."""
    return show(suggestions(report), report) if report.suggestions else None
