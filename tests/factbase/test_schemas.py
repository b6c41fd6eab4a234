"""Declared schemas: they refuse bad tables, and their description covers every column."""

from __future__ import annotations

import json

import pytest

from h200report import paths
from h200report.errors import InputError
from h200report.factbase.build import build
from h200report.factbase.schemas import SCHEMAS, describe, validate
from tests.support import CORPUS_DATA, CORPUS_SEEDS


@pytest.fixture(scope="module")
def tables():
    return build(CORPUS_SEEDS, CORPUS_DATA).tables()


def test_shipped_tables_pass_their_schemas(tables):
    for name, df in tables.items():
        assert list(df.columns) == list(SCHEMAS[name].columns)
        validate(name, df)


@pytest.mark.parametrize(
    "table, column, bad, problem",
    [
        ("facts", "bound", "roughly", "isin"),
        ("facts", "status", "rumoured", "isin"),
        ("mentions", "date_start", "2026-03-xx", "str_matches"),
        ("comparisons", "verdict", "maybe", "isin"),
        ("sources", "sha256", "abc", "str_matches"),
    ],
)
def test_bad_values_are_refused(tables, table, column, bad, problem):
    df = tables[table].copy()
    df[column] = df[column].astype(object)
    df.loc[df.index[0], column] = bad
    with pytest.raises(InputError) as err:
        validate(table, df)
    assert str(err.value).startswith(f"table {table}: fails its schema") and "\n" not in str(
        err.value
    )


def test_inconsistent_intervals_are_refused(tables):
    df = tables["mentions"].copy()
    dated = df.index[df.date_start.notna()][0]
    df.loc[dated, "date_start"], df.loc[dated, "date_end"] = "2026-03-02", "2026-03-01"
    with pytest.raises(InputError, match="date_start <= date_end"):
        validate("mentions", df)
    facts = tables["facts"].copy()
    bounded = facts.index[facts.bound == "vague_range"][0]
    facts.loc[bounded, "low"] = facts.loc[bounded, "high"] + 1
    with pytest.raises(InputError, match="low <= high"):
        validate("facts", facts)


def test_unknown_or_missing_columns_are_refused(tables):
    with pytest.raises(InputError):
        validate("events", tables["events"].assign(extra=1))
    with pytest.raises(InputError):
        validate("events", tables["events"].drop(columns=["quote"]))


def test_schema_json_describes_every_column():
    doc = json.loads((paths.PROCESSED_DIR / "schema.json").read_text(encoding="utf-8"))
    assert doc == describe()
    for resource in doc["resources"]:
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == list(SCHEMAS[resource["name"]].columns)
        assert all(
            f["description"] and f["type"] in {"string", "number", "integer"} for f in fields
        )
    bound = next(
        f
        for r in doc["resources"]
        if r["name"] == "facts"
        for f in r["schema"]["fields"]
        if f["name"] == "bound"
    )
    assert "at_most" in bound["enum"]
