"""Declared schemas of the published tables, checked before anything is written or shown.

Each column has a type, a description and its allowed values; the same
declaration is written next to the CSVs as ``schema.json`` and printed into the
README, so the documentation cannot drift from what is checked.
"""

from __future__ import annotations

import json

import pandas as pd
import pandera.pandas as pa

from ..errors import InputError
from ..extract.sources import SOURCE_ID_PATTERN
from ..vocab import (
    BOUNDS,
    CATEGORIES,
    COMPARISON_KINDS,
    DATE_BASES,
    DATE_KINDS,
    DATE_PRECISIONS,
    MENTION_KINDS,
    MENTION_STATUSES,
    PUBLISHED_PRECISIONS,
    SOURCE_LANGUAGES,
    STATUSES,
    TOPICS,
    UNITS,
    VERDICTS,
)
from .reconcile import ASPECTS

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_TYPE_NAMES = {"string[python]": "string", "str": "string", "float64": "number", "int64": "integer"}


def _c(
    dtype, description: str, *, nullable: bool = False, isin=None, regex: str | None = None, ge=None
) -> pa.Column:
    checks = []
    if isin is not None:
        checks.append(pa.Check.isin(list(isin)))
    if regex is not None:
        checks.append(pa.Check.str_matches(regex))
    if ge is not None:
        checks.append(pa.Check.ge(ge))
    return pa.Column(dtype, checks=checks, nullable=nullable, description=description, coerce=True)


def _date(description: str, nullable: bool = True) -> pa.Column:
    return _c(str, description + " (ISO date, inclusive)", nullable=nullable, regex=ISO_DATE)


def _zh(twin: str, *, twin_optional: bool = True) -> pa.Column:
    # A curated Chinese companion is empty where nobody has translated its English twin
    # yet (the build warns; the zh report shows the English), or where the twin is empty.
    where = f"there is no {twin} or it is not" if twin_optional else "it is not"
    return _c(
        str, f"The {twin} in Chinese (curated); empty where {where} yet translated", nullable=True
    )


def _interval_ok(df: pd.DataFrame, lo: str, hi: str) -> pd.Series:
    both = df[lo].notna() & df[hi].notna()
    return ~both | (df[lo] <= df[hi])


def _numbers() -> dict[str, pa.Column]:
    return {
        "value": _c(
            float, "Point value for exact or approximate figures; empty for bounds", nullable=True
        ),
        "low": _c(
            float, "Lower bound (at_least, more_than, vague_range, approx_range)", nullable=True
        ),
        "high": _c(
            float, "Upper bound (at_most, less_than, vague_range, approx_range)", nullable=True
        ),
    }


def _dates(prefix: str = "date", what: str = "Date") -> dict[str, pa.Column]:
    return {
        f"{prefix}_start": _date(f"{what}: first day"),
        f"{prefix}_end": _date(f"{what}: last day"),
        f"{prefix}_precision": _c(
            str,
            f"{what}: precision, one of {', '.join(DATE_PRECISIONS)}",
            nullable=True,
            isin=DATE_PRECISIONS,
        ),
    }


def _frame(
    name: str, columns: dict[str, pa.Column], unique: list[str] | None = None, intervals=()
) -> pa.DataFrameSchema:
    checks = [
        pa.Check(lambda df, lo=lo, hi=hi: _interval_ok(df, lo, hi), error=f"{lo} <= {hi}")
        for lo, hi in intervals
    ]
    return pa.DataFrameSchema(
        columns, name=name, strict=True, ordered=True, unique=unique, checks=checks
    )


SOURCE_ID = _c(str, "Seed file stem, e.g. 000_2f7d0e62f1c70453", regex=SOURCE_ID_PATTERN)

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "sources": _frame(
        "sources",
        {
            "source_id": SOURCE_ID,
            "title": _c(str, "Headline as captured (original language)"),
            "title_en": _c(str, "Project's English translation of the headline"),
            "site": _c(str, "Outlet or site as far as the capture shows"),
            "site_zh": _zh("site", twin_optional=False),
            "outlet": _c(str, "Outlet as readers know it; empty: the site names it", nullable=True),
            "outlet_zh": _zh("outlet"),
            "cites": _c(str, "Outlet the article relays, where that matters", nullable=True),
            "cites_zh": _zh("cites"),
            "author_line": _c(str, "Byline as printed", nullable=True),
            "published_at": _c(str, "Date (and time) printed in the capture, ISO"),
            "published_precision": _c(str, "Precision of published_at", isin=PUBLISHED_PRECISIONS),
            "date_kind": _c(
                str,
                "'published', or 'updated' when the capture only gives an update date",
                isin=DATE_KINDS,
            ),
            "language": _c(str, "Language of the capture", isin=SOURCE_LANGUAGES),
            "sha256": _c(str, "sha256 of the seed file's bytes", regex=r"^[0-9a-f]{64}$"),
            "bytes": _c(int, "Size of the seed file", ge=1),
            "body_chars": _c(int, "Characters in the extracted article body", ge=1),
            "furniture_lines": _c(
                int, "Non-empty lines cut as page furniture (header, captions, trailer)", ge=0
            ),
            "mentions": _c(int, "Date and number mentions found in the body", ge=0),
            "mentions_used": _c(int, "Mentions used as evidence by a fact or event", ge=0),
            "mentions_not_used": _c(int, "Mentions deliberately not used, with a reason", ge=0),
            "mentions_uncurated": _c(int, "Mentions nobody has curated yet (new articles)", ge=0),
            "note": _c(str, "What a person noted about the capture", nullable=True),
            "note_zh": _zh("note"),
        },
        unique=["source_id"],
    ),
    "mentions": _frame(
        "mentions",
        {
            "source_id": SOURCE_ID,
            "start": _c(int, "Start offset of the mention in the article body", ge=0),
            "end": _c(int, "End offset (exclusive) in the article body", ge=1),
            "text": _c(str, "The mention, verbatim"),
            "context": _c(str, "The mention with a few characters either side, verbatim"),
            "kind": _c(str, f"One of {', '.join(MENTION_KINDS)}", isin=MENTION_KINDS),
            **_numbers(),
            "unit": _c(str, "Unit of a number, when the text says", nullable=True),
            "bound": _c(
                str,
                f"How the number bounds the truth: {', '.join(BOUNDS)}",
                nullable=True,
                isin=BOUNDS,
            ),
            **_dates(),
            "anchor": _c(str, "What a relative date was resolved against", nullable=True),
            "status": _c(
                str,
                "used, not_used (with reason) or uncurated",
                isin=MENTION_STATUSES,
            ),
            "used_by": _c(str, "fact_id/event_id values using it, ';'-separated", nullable=True),
            "reason": _c(str, "Why a mention is not used", nullable=True),
            "reason_zh": _zh("reason"),
        },
        unique=["source_id", "start"],
        intervals=[("start", "end"), ("low", "high"), ("date_start", "date_end")],
    ),
    "facts": _frame(
        "facts",
        {
            "fact_id": _c(str, "Id of the claim: '<key>.<source>'"),
            "key": _c(str, "What is claimed; facts sharing a key are compared across sources"),
            "topic": _c(str, f"One of {', '.join(TOPICS)}", isin=TOPICS),
            "subject": _c(str, "What the fact is about"),
            "metric": _c(str, "What is measured or stated"),
            **_numbers(),
            "unit": _c(str, f"One of {', '.join(UNITS)}", nullable=True, isin=UNITS),
            "bound": _c(str, f"One of {', '.join(BOUNDS)}", nullable=True, isin=BOUNDS),
            "value_text": _c(
                str, "The claim in words, for facts that are not numbers", nullable=True
            ),
            "value_text_zh": _zh("value_text"),
            "derivation": _c(
                str, "How a derived number follows from the quoted ones", nullable=True
            ),
            "status": _c(str, f"One of {', '.join(STATUSES)}", isin=STATUSES),
            "attributed_to": _c(str, "Who says it, per the article"),
            "attributed_to_zh": _zh("attributed_to", twin_optional=False),
            **_dates(what="Period or date the fact refers to (from the dates in its quotes)"),
            "source_id": SOURCE_ID,
            "quote": _c(str, "Verbatim passage of the article body"),
            "gloss_en": _c(
                str,
                "Project's own English translation of the quote; empty for an English quote",
                nullable=True,
            ),
            "gloss_zh": _c(
                str,
                "Project's own Chinese translation of a quote that is not Chinese; may be empty",
                nullable=True,
            ),
            "note": _c(str, "Curator's note", nullable=True),
            "note_zh": _zh("note"),
        },
        unique=["fact_id", "quote"],
        intervals=[("low", "high"), ("date_start", "date_end")],
    ),
    "events": _frame(
        "events",
        {
            "event_id": _c(str, "Id of the event"),
            **_dates(what="Curated date of the event"),
            "date_basis": _c(
                str,
                "'quotes', or 'publication' for an undated report placed at publication",
                isin=DATE_BASES,
            ),
            "category": _c(str, f"One of {', '.join(CATEGORIES)}", isin=CATEGORIES),
            "actor": _c(str, "Who acts"),
            "actor_zh": _zh("actor", twin_optional=False),
            "title_en": _c(str, "Short English title"),
            "title_zh": _zh("title_en", twin_optional=False),
            "status": _c(str, f"One of {', '.join(STATUSES)}", isin=STATUSES),
            "source_id": SOURCE_ID,
            "quote": _c(str, "Verbatim passage of the article body"),
            "gloss_en": _c(
                str,
                "Project's own English translation of the quote; empty for an English quote",
                nullable=True,
            ),
            "gloss_zh": _c(
                str,
                "Project's own Chinese translation of a quote that is not Chinese; may be empty",
                nullable=True,
            ),
            **_dates("quote_date", "Date this quote gives, parsed by the code"),
        },
        unique=["event_id", "source_id", "quote"],
        intervals=[("date_start", "date_end"), ("quote_date_start", "quote_date_end")],
    ),
    "comparisons": _frame(
        "comparisons",
        {
            "key": _c(str, "Fact key, or 'event:<event_id>'"),
            "kind": _c(str, "fact or event", isin=COMPARISON_KINDS),
            "verdict": _c(str, f"One of {', '.join(VERDICTS)}", isin=VERDICTS),
            "aspects": _c(str, "Aspect-by-aspect verdicts: metric, value, status, date"),
            **{
                f"verdict_{aspect}": _c(
                    str,
                    f"The verdict on the {aspect} alone; empty where it was not compared",
                    nullable=True,
                    isin=VERDICTS,
                )
                for aspect in ASPECTS
            },
            "source_ids": _c(str, "Sources compared, ';'-separated"),
            "item_a": _c(str, "fact_id or event_id#n of side A"),
            "source_a": SOURCE_ID,
            "value_a": _c(str, "Side A's value or date, in words", nullable=True),
            "quote_a": _c(str, "Side A's quote, verbatim"),
            "gloss_a": _c(
                str, "English gloss of side A's quote; empty for an English quote", nullable=True
            ),
            "item_b": _c(str, "fact_id or event_id#n of side B", nullable=True),
            "source_b": _c(str, "Side B's source", nullable=True),
            "value_b": _c(str, "Side B's value or date, in words", nullable=True),
            "quote_b": _c(str, "Side B's quote, verbatim", nullable=True),
            "gloss_b": _c(
                str, "English gloss of side B's quote; empty for an English quote", nullable=True
            ),
            "note_en": _c(str, "Curator's note on the disagreement", nullable=True),
            "note_zh": _c(
                str,
                "The note_en in Chinese (joined from the facts' note_zh); empty unless every note has one",
                nullable=True,
            ),
        },
    ),
}


def _type_name(col: pa.Column) -> str:
    return _TYPE_NAMES.get(str(col.dtype), str(col.dtype))


def validate(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """The table, type-coerced, or an InputError naming the table and the first failure."""
    try:
        return SCHEMAS[name].validate(df, lazy=False)
    except (pa.errors.SchemaError, pa.errors.SchemaErrors) as exc:
        first = str(exc).strip().splitlines()[0]
        raise InputError(f"table {name}", f"fails its schema: {first}") from None


def describe() -> dict:
    """Machine-readable description of every published table (Frictionless-style)."""
    resources = []
    for name, schema in SCHEMAS.items():
        fields = []
        for col_name, col in schema.columns.items():
            field = {
                "name": col_name,
                "type": _type_name(col),
                "description": col.description,
                "nullable": col.nullable,
            }
            for check in col.checks:
                stats = check.statistics or {}
                if "allowed_values" in stats:
                    field["enum"] = sorted(stats["allowed_values"])
                if "pattern" in stats:
                    field["pattern"] = str(stats["pattern"])
                if "min_value" in stats:
                    field["minimum"] = stats["min_value"]
            fields.append(field)
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "format": "csv",
                "encoding": "utf-8",
                "schema": {"fields": fields},
            }
        )
    return {"name": "h200-export-policy-fact-base", "resources": resources}


def describe_json() -> str:
    return json.dumps(describe(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def markdown_columns(name: str) -> str:
    lines = ["| column | type | meaning |", "|---|---|---|"]
    for col_name, col in SCHEMAS[name].columns.items():
        empty = ", may be empty" if col.nullable else ""
        lines.append(f"| `{col_name}` | {_type_name(col)}{empty} | {col.description} |")
    return "\n".join(lines)
