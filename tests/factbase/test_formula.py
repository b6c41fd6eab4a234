"""The `derived` formula of a curated figure: arithmetic on its named inputs, nothing else."""

from __future__ import annotations

import operator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from h200report.errors import InputError
from h200report.extract.mentions import Mention
from h200report.factbase.curation import Fact
from h200report.factbase.formula import FormulaError, evaluate
from h200report.factbase.verify import Links, check_fact


@pytest.mark.parametrize(
    ("formula", "value"),
    [
        ("cap / (share / 100)", 150_000.0),
        ("cap * 2 - share", 149_950.0),
        ("-share + cap", 74_950.0),
        ("(cap + share) / 2 * 0.5", 18_762.5),
    ],
)
def test_arithmetic_on_the_inputs(formula, value):
    assert evaluate(formula, {"cap": 75_000.0, "share": 50.0}) == pytest.approx(value)


@pytest.mark.parametrize(
    "formula",
    [
        "__import__('os').system('true')",  # a call
        "cap.real",  # an attribute
        "cap ** share",  # an operator outside + - * /
        "cap // share",
        "cap if share else 0",
        "cap < share",
        "[cap, share][0]",
        "other + cap + share",  # a name that is not an input
        "'75000'",
        "True + cap + share",
        "lambda: cap",
        "cap +",  # not even Python
    ],
)
def test_anything_else_is_refused_not_run(formula):
    with pytest.raises(FormulaError):
        evaluate(formula, {"cap": 75_000.0, "share": 50.0})


def test_every_input_must_be_used():
    with pytest.raises(FormulaError, match="does not use input share"):
        evaluate("cap * 2", {"cap": 75_000.0, "share": 50.0})


def test_division_by_zero_is_a_formula_error():
    with pytest.raises(FormulaError, match="division by zero"):
        evaluate("cap / share", {"cap": 1.0, "share": 0.0})


OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul}
numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(
    a=numbers, b=numbers, c=numbers, op1=st.sampled_from(list(OPS)), op2=st.sampled_from(list(OPS))
)
def test_agrees_with_arithmetic_for_any_inputs(a, b, c, op1, op2):
    formula = f"(a {op1} b) {op2} c"
    expected = OPS[op2](OPS[op1](a, b), c)
    assert evaluate(formula, {"a": a, "b": b, "c": c}) == pytest.approx(expected)


def _fact(formula: str, low: float) -> Fact:
    return Fact.model_validate(
        {
            "fact_id": "intended.s1",
            "key": "intended",
            "topic": "order_volume",
            "subject": "s",
            "metric": "m",
            "low": low,
            "unit": "chips",
            "bound": "more_than",
            "derived": {"formula": formula, "inputs": {"cap": "7.5万片"}, "explain_en": "x"},
            "status": "reported",
            "attributed_to": "a",
            "source_id": "s1",
            "quotes": [{"quote": "上限7.5万片", "gloss_en": "cap"}],
        }
    )


CAP = Mention("s1", 2, 7, "7.5万片", "quantity", high=75_000.0, unit="chips", bound="at_most")


def test_check_fact_names_the_fact_when_the_formula_is_not_arithmetic():
    with pytest.raises(InputError, match=r"facts.yaml: fact intended.s1: formula .*only numbers"):
        check_fact(_fact("cap.bit_length()", 1.0), [CAP], Path("facts.yaml"), Links())


def test_check_fact_compares_the_derived_value():
    check_fact(_fact("cap * 2", 150_000.0), [CAP], Path("facts.yaml"), Links())
    with pytest.raises(InputError, match="disagrees with its derivation cap \\* 2 = 150000"):
        check_fact(_fact("cap * 2", 100_000.0), [CAP], Path("facts.yaml"), Links())
