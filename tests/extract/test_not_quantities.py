"""Figures that count nothing give no quantity mention: clock times, ordinals, model names,
stock codes, "any single" without a negation and years used as names. One test per rule,
then property tests over each form's space of inputs.
"""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .support import dates, numbers, only_date, only_number


@pytest.mark.parametrize(
    "text",
    [
        "Shares opened at 9:30 a.m. in New York.",
        "The hearing starts at 14:00 local time.",
        "Trading resumed at 10 a.m. on Thursday.",
        "The call is at 4pm.",
        "台積電股價上午10時開盤。",
        "記者會下午3點半舉行。",
        "會議於10時30分結束。",
        "會議於10點30分結束。",
        "會議下午三點開始。",
    ],
)
def test_clock_times(text):
    assert numbers(text) == []


def test_a_figure_next_to_a_clock_time_is_still_read():
    mention = only_number("Shares rose 2% at 9:30 a.m.")
    assert (mention.text, mention.value) == ("2%", 2)
    assert only_number("上午10時30分，加權指數上漲120點。").value == 120


@pytest.mark.parametrize(
    "text",
    [
        "It is the second wave of curbs.",
        "China is the third-largest buyer.",
        "It was the 2nd round of talks.",
        "The ban hit a third country.",
        "It ranked No. 1 among suppliers.",
        "It is the #2 supplier.",
        "第二波管制即將上路。",
        "中國是第三大市場。",
    ],
)
def test_ordinals(text):
    assert numbers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia's H200 is for sale.",
        "AMD's MI325 counts too.",
        "The Blackwell B30A may follow.",
        "Gaming cards such as the RTX 5090 are exempt.",
        "Huawei's Ascend 910C ships in volume.",
        "The Kirin 9000 is made locally.",
        "輝達H200晶片",
        "華為昇騰910C晶片",
        "It was issued under Section 1758 of the act.",
        "It is listed in Part 744 of the regulations.",
    ],
)
def test_model_and_section_names(text):
    assert numbers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Shares of TSMC (2330.TW) rose.",
        "Nvidia (NVDA.O) fell.",
        "Tencent (0700.HK) was flat.",
        "Moutai (600519.SS) fell.",
        "TSMC (TWSE: 2330) was flat.",
        "台積電（2330）股價上漲。",
        "騰訊控股（00700）收報。",
        "貴州茅台(股票代碼:600519)下跌。",
    ],
)
def test_stock_codes(text):
    assert numbers(text) == []


def test_a_figure_after_a_stock_code_is_still_read():
    mention = only_number("台積電（2330）股價上漲3%。")
    assert (mention.text, mention.value, mention.unit) == ("3%", 3, "percent")


@pytest.mark.parametrize(
    "text",
    [
        "Any single buyer is reviewed.",
        "The cap applies to any single company.",
        "美方對單一企業設限。",
        "任何單一客戶都不得採購。",
        "任何一家企業的採購量。",
    ],
)
def test_any_single_without_a_negation(text):
    assert numbers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The 2025 rule still applies.",
        "It fits Saudi Arabia's Vision 2030.",
        "The Made in China 2025 plan.",
        "It showed the chip at CES 2026.",
        "中國製造2025計畫",
        "願景2030",
    ],
)
def test_years_used_as_names(text):
    assert numbers(text) == []
    assert dates(text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Sales fell in 2025.", "2025"),
        ("2025年營收下滑。", "2025年"),
        ("By 2027 it will grow.", "2027"),
    ],
)
def test_a_year_that_reads_as_a_date_is_a_date(text, span):
    mention = only_date(text)
    assert (mention.text, mention.date_precision) == (span, "year")
    assert numbers(text) == []


def test_a_year_like_count_with_its_unit_is_a_quantity():
    mention = only_number("The ministry approved 2025 chips.")
    assert (mention.value, mention.unit) == (2025, "chips")


# ---- properties --------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 23),
    st.integers(0, 59),
    st.sampled_from(
        ["{h}:{m:02d}", "{h}:{m:02d} a.m.", "{h}:{m:02d}pm", "上午{h}時{m}分", "{h}點{m}分"]
    ),
)
def test_clock_times_are_never_quantities(hour, minute, form):
    clock = form.format(h=hour, m=minute)
    assert numbers(f"The session opened at {clock} local time.") == []


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1000, 999_999),
    st.sampled_from(["", ".TW", ".HK", ".SS", ".T"]),
    st.sampled_from(["({code})", "（{code}）", "(TWSE: {code})"]),
)
def test_stock_codes_in_brackets_are_never_quantities(n, suffix, form):
    code = form.format(code=f"{n}{suffix}")
    assert numbers(f"Shares of the company {code} were suspended.") == []


@settings(max_examples=200, deadline=None)
@given(st.text(string.ascii_uppercase, min_size=3, max_size=5), st.integers(10, 99_999))
def test_capitalised_model_names_with_a_space_are_never_quantities(letters, n):
    if letters in ("USD", "RMB", "CNY", "TWD", "NTD", "HKD"):
        return  # a currency code before a figure is money, not a model name
    assert numbers(f"The {letters} {n} went on sale.") == []


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1900, 2099),
    st.sampled_from(["the {y} rule", "Vision {y}", "Agenda {y}", "the {y} export controls"]),
)
def test_years_as_names_are_never_quantities(year, form):
    assert numbers(f"Officials discussed {form.format(y=year)} on the call.") == []


def test_the_properties_above_leave_figures_alone():
    # The same sentences with a real figure still read it: the rules exclude only the forms.
    published = dt.date(2026, 1, 15)
    mention = only_number("The session opened at 9:30 local time with 75,000 chips.", published)
    assert (mention.value, mention.unit) == (75000, "chips")
