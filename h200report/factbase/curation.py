"""Reading the curated fact files: facts, events and deliberately unused mentions.

The files are reviewed by people, so reading them is strict: an unknown field, a
duplicate id or an impossible date stops the build with one line naming the file.
Checking quotes and values against the articles happens in ``verify``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..companions import Pairs, check_twins
from ..errors import InputError, validation_message
from ..vocab import BOUND_FIELDS, Bound, Category, DateBasis, DatePrecision, Status, Topic, Unit
from ..yamlio import read_yaml

FACTS_FILE = "facts.yaml"
EVENTS_FILE = "events.yaml"
UNUSED_FILE = "unused.yaml"
LABELS_FILE = "labels.yaml"


def whole_numbers(obj):
    """A dumped record with whole numbers as the curated files write them (75000, not
    75000.0), at any depth."""
    if isinstance(obj, dict):
        return {k: whole_numbers(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [whole_numbers(v) for v in obj]
    return int(obj) if isinstance(obj, float) and obj.is_integer() else obj


class Strict(BaseModel):
    """Every curated record: unknown fields refused (a typo is not silently dropped), frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Quote(Strict):
    quote: str = Field(min_length=2)
    # Required where the quote is not English (``verify`` knows the source's language):
    # an English gloss of an English quote would only repeat it.
    gloss_en: str | None = Field(
        None, min_length=1, description="The project's own English translation"
    )
    # For a quote that is not Chinese: what a zh report shows beside it (without it, the
    # zh report shows the quote alone, marked as English).
    gloss_zh: str | None = Field(
        None, min_length=1, description="The project's own Chinese translation"
    )


class Derivation(Strict):
    formula: str = Field(
        min_length=1, description="Arithmetic over the named inputs: + - * / and parentheses"
    )
    inputs: dict[str, str] = Field(
        description="Name -> verbatim text of a mention inside the quote"
    )
    explain_en: str = Field(min_length=1)


class Period(Strict):
    start: dt.date
    end: dt.date
    precision: DatePrecision

    @model_validator(mode="after")
    def _ordered(self):
        if self.start > self.end:
            raise ValueError(f"start {self.start} is after end {self.end}")
        return self


class Fact(Strict):
    # The fields a curator writes in words, each with its optional Chinese (``companions``).
    ZH_COMPANIONS: ClassVar[Pairs] = (
        ("value_text", "value_text_zh"),
        ("attributed_to", "attributed_to_zh"),
        ("note", "note_zh"),
    )

    fact_id: str = Field(pattern=r"^[a-z0-9_]+\.[0-9A-Za-z_]+$")
    key: str = Field(pattern=r"^[a-z0-9_]+$")
    topic: Topic
    subject: str = Field(min_length=1)
    metric: str = Field(min_length=1)
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: Unit | None = None
    bound: Bound | None = None
    value_text: str | None = None
    value_text_zh: str | None = Field(None, min_length=1)
    derived: Derivation | None = None
    period: Period | None = None
    status: Status
    attributed_to: str = Field(min_length=1)
    attributed_to_zh: str | None = Field(None, min_length=1)
    source_id: str
    note: str = ""
    note_zh: str = ""
    quotes: list[Quote] = Field(min_length=1)

    @property
    def numeric(self) -> bool:
        return self.bound is not None

    @model_validator(mode="after")
    def _consistent(self):
        numbers = (self.value, self.low, self.high)
        has_number = any(v is not None for v in numbers)
        if has_number and (self.unit is None or self.bound is None):
            raise ValueError("a numeric fact needs both unit and bound")
        if not has_number and self.value_text is None:
            raise ValueError("a fact needs a number (value/low/high) or a value_text")
        if self.bound is not None and not has_number:
            raise ValueError("bound given without value, low or high")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low {self.low:g} is above high {self.high:g}")
        if self.bound is not None:
            wanted = set(BOUND_FIELDS[self.bound])
            given = {
                name
                for name, v in zip(("value", "low", "high"), numbers, strict=True)
                if v is not None
            }
            if given != wanted:
                raise ValueError(
                    f"bound {self.bound} takes {' and '.join(sorted(wanted))}, got {' and '.join(sorted(given))}"
                )
        if not self.fact_id.startswith(self.key + "."):
            raise ValueError(f"fact_id should be '<key>.<source>', i.e. start with '{self.key}.'")
        check_twins(self, self.ZH_COMPANIONS)
        return self


class Evidence(Quote):
    source_id: str


class Event(Strict):
    # An event's note reaches no published table, so it has no companion until it does.
    ZH_COMPANIONS: ClassVar[Pairs] = (("actor", "actor_zh"), ("title_en", "title_zh"))

    event_id: str = Field(pattern=r"^[a-z0-9_]+$")
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: DatePrecision | None = None
    date_basis: DateBasis = "quotes"
    source_for_date: str | None = None
    category: Category
    actor: str = Field(min_length=1)
    actor_zh: str | None = Field(None, min_length=1)
    status: Status
    title_en: str = Field(min_length=1)
    title_zh: str | None = Field(None, min_length=1)
    note: str = ""
    evidence: list[Evidence] = Field(min_length=1)

    @model_validator(mode="after")
    def _dates(self):
        if self.date_basis == "publication":
            if self.date_start or self.date_end or self.date_precision:
                raise ValueError(
                    "date_basis publication takes no date_start/date_end/date_precision"
                )
            if not self.source_for_date:
                raise ValueError("date_basis publication needs source_for_date")
        else:
            if self.date_start is None or self.date_end is None or self.date_precision is None:
                raise ValueError("date_start, date_end and date_precision are required")
            if self.date_start > self.date_end:
                raise ValueError(f"date_start {self.date_start} is after date_end {self.date_end}")
        return self


class Unused(Strict):
    ZH_COMPANIONS: ClassVar[Pairs] = (("reason", "reason_zh"),)

    source_id: str
    text: str = Field(min_length=1)
    reason: str = Field(min_length=5)
    reason_zh: str | None = Field(None, min_length=1)


class _FactsFile(Strict):
    facts: list[Fact]


class _EventsFile(Strict):
    events: list[Event]


class _UnusedFile(Strict):
    unused: list[Unused]


def _describe(exc: ValidationError, raw, list_key: str, id_key: str) -> str:
    err = exc.errors()[0]
    loc = list(err["loc"])
    label = ".".join(str(p) for p in loc)
    if len(loc) >= 2 and loc[0] == list_key and isinstance(loc[1], int):
        try:
            ident = raw[list_key][loc[1]].get(id_key)
        except (AttributeError, IndexError, KeyError, TypeError):
            ident = None
        rest = ".".join(str(p) for p in loc[2:])
        label = f"{id_key} {ident}" if ident else f"entry {loc[1] + 1}"
        label += f", field {rest}" if rest else ""
    msg = validation_message(err)
    more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
    return f"{label}: {msg}{more}"


def load_model(path: Path, model: type[BaseModel], list_key: str = "", id_key: str = ""):
    """A curated file validated by ``model``, or an InputError naming the record and field."""
    raw = read_yaml(path, "curated file")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise InputError(path, _describe(exc, raw, list_key, id_key)) from None


def _load(path: Path, model, list_key: str, id_key: str):
    items = getattr(load_model(path, model, list_key, id_key), list_key)
    if id_key:
        seen: set[str] = set()
        for item in items:
            ident = getattr(item, id_key)
            if ident in seen:
                raise InputError(path, f"duplicate {id_key} {ident}")
            seen.add(ident)
    return items


def load_facts(curated_dir: Path) -> list[Fact]:
    return _load(Path(curated_dir) / FACTS_FILE, _FactsFile, "facts", "fact_id")


def load_events(curated_dir: Path) -> list[Event]:
    return _load(Path(curated_dir) / EVENTS_FILE, _EventsFile, "events", "event_id")


def load_unused(curated_dir: Path) -> list[Unused]:
    return _load(Path(curated_dir) / UNUSED_FILE, _UnusedFile, "unused", "")
