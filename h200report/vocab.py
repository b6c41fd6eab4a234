"""Every controlled vocabulary of the project, defined once.

The extraction writes these words, the curated files are checked against them, the
schemas publish them and the reports translate them; each stage imports them from
here, so a new status or unit is one edit. Each vocabulary is a ``Literal`` type (for
the curated-file models) and the tuple of its words (for checks and schemas).
"""

from __future__ import annotations

from typing import Literal, get_args

# How a number relates to the truth it describes. Bounds follow the convention of
# careful casualty tables: "at most 75,000" is stored as high=75000 with the
# point value left empty; an exact or approximate figure has value only. A range is
# low and high: vague_range as stated ("5 to 8", 7至8万), approx_range when a word makes it
# approximate ("about 70,000 to 80,000", 约7万至8万).
Bound = Literal[
    "exact",
    "approximate",
    "at_most",
    "less_than",
    "at_least",
    "more_than",
    "vague_range",
    "approx_range",
]
BOUNDS: tuple[str, ...] = get_args(Bound)
# Which of value/low/high a figure of each bound carries.
BOUND_FIELDS: dict[str, tuple[str, ...]] = {
    "exact": ("value",),
    "approximate": ("value",),
    "at_most": ("high",),
    "less_than": ("high",),
    "at_least": ("low",),
    "more_than": ("low",),
    "vague_range": ("low", "high"),
    "approx_range": ("low", "high"),
}

DatePrecision = Literal[
    "day", "part_of_month", "month", "quarter", "half_year", "part_of_year", "year", "relative"
]
DATE_PRECISIONS: tuple[str, ...] = get_args(DatePrecision)
# Finest first: used to decide which of two descriptions of a date is more precise.
PRECISION_RANK = {p: i for i, p in enumerate(DATE_PRECISIONS)}

MentionKind = Literal["date", "quantity", "money", "percent"]
MENTION_KINDS: tuple[str, ...] = get_args(MentionKind)

MentionStatus = Literal["used", "not_used", "uncurated"]
MENTION_STATUSES: tuple[str, ...] = get_args(MentionStatus)

Topic = Literal[
    "order_volume",
    "quota",
    "fee",
    "condition",
    "financial",
    "market",
    "policy",
    "attribution",
    "context",
]
TOPICS: tuple[str, ...] = get_args(Topic)

Status = Literal["announced", "planned", "reported", "confirmed", "forecast", "opinion"]
STATUSES: tuple[str, ...] = get_args(Status)

Category = Literal["policy", "hearing", "corporate", "diplomatic", "market", "context"]
CATEGORIES: tuple[str, ...] = get_args(Category)

# Units a curated fact may carry.
Unit = Literal[
    "chips",
    "USD",
    "CNY",
    "TWD",
    "HKD",
    "companies",
    "percent",
    "orders",
    "times",
    "countries",
    "years",
    "months",
    "count",
]
UNITS: tuple[str, ...] = get_args(Unit)
# Currencies: a mention in any of them is of kind money (RMB, yuan, 元, 人民币 are CNY;
# NT$, 新台币 TWD; HK$, 港元 HKD).
MONEY_UNITS = ("USD", "CNY", "TWD", "HKD")
# A unit the extraction reads only as a kind of measure ("销售金额为零" is money, "进口量是零"
# a count of items) fits any curated unit of that kind.
UNIT_KINDS: dict[str, tuple[str, ...]] = {
    "money": MONEY_UNITS,
    "count": ("chips", "orders", "companies", "countries", "times", "count"),
}

Verdict = Literal["agree", "conflict", "differs_in_precision", "one_source_only"]
VERDICTS: tuple[str, ...] = get_args(Verdict)
# Most telling first: where several verdicts meet (an event's comparisons), the first wins.
VERDICT_SEVERITY: tuple[str, ...] = ("conflict", "differs_in_precision", "agree", "one_source_only")

ComparisonKind = Literal["fact", "event"]
COMPARISON_KINDS: tuple[str, ...] = get_args(ComparisonKind)

DateBasis = Literal["quotes", "publication"]
DATE_BASES: tuple[str, ...] = get_args(DateBasis)

# What a capture says of its own date.
DateKind = Literal["published", "updated"]
DATE_KINDS: tuple[str, ...] = get_args(DateKind)
PublishedPrecision = Literal["second", "minute", "day", "month", "year"]
PUBLISHED_PRECISIONS: tuple[str, ...] = get_args(PublishedPrecision)
SourceLanguage = Literal["zh-Hans", "zh-Hant", "en"]
SOURCE_LANGUAGES: tuple[str, ...] = get_args(SourceLanguage)

# Languages a report is written in, and the tag that marks a Markdown cell as one
# language's: the HTML export keeps only the report's own.
LANGUAGES: tuple[str, ...] = ("en", "zh")
LANGUAGE_TAG_PREFIX = "lang-"


def language_tag(language: str) -> str:
    return f"{LANGUAGE_TAG_PREFIX}{language}"
