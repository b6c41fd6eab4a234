"""The reading classes seen on articles from outlets the project had not read before, one
table per class with rows in each script where the class exists (en, zh-Hans, zh-Hant).

The passages are the project's own, short, in the style of those articles; a new word
is a lexicon edit plus a row here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from .support import figure, numbers, only_number

D = dt.date
PUBLISHED = D(2026, 1, 14)  # a Wednesday


# ---- ranges: one mention, the unit and multiplier of the second end carried to the first ----

RANGES = [
    (
        "zh-Hans",
        "每家企业可采购5至8套系统。",
        ("5至8套", None, 5, 8, "count", "vague_range", "quantity"),
    ),
    (
        "zh-Hans",
        "约7万至8万颗芯片",
        ("约7万至8万颗", None, 7e4, 8e4, "chips", "approximate", "quantity"),
    ),
    (
        "zh-Hans",
        "订单约为7至8万颗",
        ("约为7至8万颗", None, 7e4, 8e4, "chips", "approximate", "quantity"),
    ),
    (
        "zh-Hans",
        "最多5至8家企业获批",
        ("最多5至8家", None, None, 8, "companies", "at_most", "quantity"),
    ),
    ("zh-Hans", "费率约5%-8%。", ("约5%-8%", None, 5, 8, "percent", "approximate", "percent")),
    (
        "zh-Hant",
        "約7萬至8萬顆晶片",
        ("約7萬至8萬顆", None, 7e4, 8e4, "chips", "approximate", "quantity"),
    ),
    ("zh-Hant", "每家採購3到5套", ("3到5套", None, 3, 5, "count", "vague_range", "quantity")),
    (
        "en",
        "between 50,000 and 75,000 chips",
        ("50,000 and 75,000", None, 5e4, 7.5e4, "chips", "vague_range", "quantity"),
    ),
    (
        "en",
        "It may buy 50,000-75,000 chips.",
        ("50,000-75,000", None, 5e4, 7.5e4, "chips", "vague_range", "quantity"),
    ),
    (
        "en",
        "about 20 to 30 firms",
        ("20 to 30", None, 20, 30, "companies", "approximate", "quantity"),
    ),
    (
        "en",
        "5 to 6 million chips",
        ("5 to 6 million", None, 5e6, 6e6, "chips", "vague_range", "quantity"),
    ),
    (
        "en",
        "US$5 billion to US$6 billion",
        ("US$5 billion to US$6 billion", None, 5e9, 6e9, "USD", "vague_range", "money"),
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), RANGES)
def test_a_range_is_one_mention(language, text, expected):
    assert figure(only_number(text, PUBLISHED)) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Sales rose from 5 to 8 chips a day."),
        ("en", "It sold 2 and 3 chips."),
        ("en", "The vote was 3-1."),
        ("zh-Hans", "从5万片增加到8万片"),
        ("zh-Hant", "從5萬片增至8萬片"),
    ],
)
def test_a_change_or_a_list_is_no_range(language, text):
    assert len(numbers(text, PUBLISHED)) == 2


# ---- text as pages carry it ---------------------------------------------------------------

INVISIBLE = [
    (
        "zh-Hans",
        "采购7.5\u200b万片",
        ("7.5\u200b万片", 75000, None, None, "chips", "exact", "quantity"),
    ),
    (
        "zh-Hant",
        "採購7.5\u00ad萬顆",
        ("7.5\u00ad萬顆", 75000, None, None, "chips", "exact", "quantity"),
    ),
    (
        "zh-Hans",
        "约\ufeff7.5万片",
        ("约\ufeff7.5万片", 75000, None, None, "chips", "approximate", "quantity"),
    ),
    (
        "en",
        "US$5\u200d00 million",
        ("US$5\u200d00 million", 5e8, None, None, "USD", "exact", "money"),
    ),
    ("en", "75,\u2060000 chips", ("75,\u2060000", 75000, None, None, "chips", "exact", "quantity")),
]


@pytest.mark.parametrize(("language", "text", "expected"), INVISIBLE)
def test_invisible_characters_inside_a_number_are_ignored_and_kept_verbatim(
    language, text, expected
):
    assert figure(only_number(text, PUBLISHED)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "US$" + "9" * 400 + " in fees",
        "订单" + "1" * 300 + "片",
        "code " + "4" * 16 + " chips",
    ],
)
def test_a_run_of_hundreds_of_digits_is_no_figure(text):
    assert numbers(text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("language", "text", "span", "value"),
    [("en", "a fee of $25% on each sale", "25%", 25), ("en", "The cut is US$15%.", "15%", 15)],
)
def test_a_dollar_sign_before_a_percent_is_a_typo_for_percent(language, text, span, value):
    assert figure(only_number(text, PUBLISHED)) == (
        span,
        value,
        None,
        None,
        "percent",
        "exact",
        "percent",
    )
