"""The reading classes seen on articles from outlets the project had not read before, one
table per class with rows in each script where the class exists (en, zh-Hans, zh-Hant).

The passages are the project's own, short, in the style of those articles; a new word
is a lexicon edit plus a row here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from .support import dates, figure, numbers, only_date, only_number, period

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
        ("约7万至8万颗", None, 7e4, 8e4, "chips", "approx_range", "quantity"),
    ),
    (
        "zh-Hans",
        "订单约为7至8万颗",
        ("约为7至8万颗", None, 7e4, 8e4, "chips", "approx_range", "quantity"),
    ),
    (
        "zh-Hans",
        "最多5至8家企业获批",
        ("最多5至8家", None, None, 8, "companies", "at_most", "quantity"),
    ),
    ("zh-Hans", "费率约5%-8%。", ("约5%-8%", None, 5, 8, "percent", "approx_range", "percent")),
    (
        "zh-Hant",
        "約7萬至8萬顆晶片",
        ("約7萬至8萬顆", None, 7e4, 8e4, "chips", "approx_range", "quantity"),
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
        ("20 to 30", None, 20, 30, "companies", "approx_range", "quantity"),
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


# ---- Chinese numerals in every form a page uses ------------------------------------------

NUMERALS = [
    ("zh-Hans", "两家公司获批", ("两家", 2, None, None, "companies", "exact", "quantity")),
    ("zh-Hant", "兩家公司獲批", ("兩家", 2, None, None, "companies", "exact", "quantity")),
    ("zh-Hant", "廿家企業申請", ("廿家", 20, None, None, "companies", "exact", "quantity")),
    ("zh-Hant", "卅一顆晶片", ("卅一顆", 31, None, None, "chips", "exact", "quantity")),
    (
        "zh-Hans",
        "费率为百分之二十五。",
        ("百分之二十五", 25, None, None, "percent", "exact", "percent"),
    ),
    (
        "zh-Hant",
        "費率為百分之二十五。",
        ("百分之二十五", 25, None, None, "percent", "exact", "percent"),
    ),
    ("zh-Hans", "采购3千万片", ("3千万片", 3e7, None, None, "chips", "exact", "quantity")),
    ("zh-Hant", "採購7.5萬顆", ("7.5萬顆", 75000, None, None, "chips", "exact", "quantity")),
]


@pytest.mark.parametrize(("language", "text", "expected"), NUMERALS)
def test_chinese_numerals_in_every_form(language, text, expected):
    assert figure(only_number(text, PUBLISHED)) == expected


DAYS_IN_NUMERALS = [
    ("zh-Hans", "美国商务部十三日宣布", ("十三日", D(2026, 1, 13), D(2026, 1, 13), "day")),
    ("zh-Hant", "美國商務部十三日宣布", ("十三日", D(2026, 1, 13), D(2026, 1, 13), "day")),
    ("zh-Hant", "商務部1月廿三日表示", ("1月廿三日", D(2025, 1, 23), D(2025, 1, 23), "day")),
    ("zh-Hans", "1月二十日表示", ("1月二十日", D(2025, 1, 20), D(2025, 1, 20), "day")),
]


@pytest.mark.parametrize(("language", "text", "expected"), DAYS_IN_NUMERALS)
def test_a_day_in_numerals_is_a_date_not_a_duration(language, text, expected):
    assert numbers(text, PUBLISHED) == []
    assert period(only_date(text, PUBLISHED)) == expected


@pytest.mark.parametrize("text", ["为期十三日的谈判", "三日内答复", "十日之后"])
def test_a_count_of_days_in_numerals_stays_a_duration(text):
    assert dates(text, PUBLISHED) == []


# ---- a date without a year: never after the article's date, unless about the future --------

YEARLESS = [
    ("en", "Officials met on January 13.", ("January 13", D(2026, 1, 13), D(2026, 1, 13), "day")),
    (
        "en",
        "In December 2025 the rule passed. On January 13, officials met.",
        ("January 13", D(2026, 1, 13), D(2026, 1, 13), "day"),
    ),
    ("en", "Sales fell in March.", ("March", D(2025, 3, 1), D(2025, 3, 31), "month")),
    ("en", "Talks will resume in March.", ("March", D(2026, 3, 1), D(2026, 3, 31), "month")),
    (
        "zh-Hans",
        "2025年12月8日宣布解禁。1月13日商务部表示",
        ("1月13日", D(2026, 1, 13), D(2026, 1, 13), "day"),
    ),
    ("zh-Hans", "3月5日商务部表示", ("3月5日", D(2025, 3, 5), D(2025, 3, 5), "day")),
    ("zh-Hans", "商务部预计3月5日公布", ("3月5日", D(2026, 3, 5), D(2026, 3, 5), "day")),
    (
        "zh-Hant",
        "2025年12月8日宣布解禁。1月13日商務部表示",
        ("1月13日", D(2026, 1, 13), D(2026, 1, 13), "day"),
    ),
    ("zh-Hant", "商務部3月5日表示", ("3月5日", D(2025, 3, 5), D(2025, 3, 5), "day")),
    ("zh-Hant", "台北15日電", ("15日", D(2025, 12, 15), D(2025, 12, 15), "day")),
]


@pytest.mark.parametrize(("language", "text", "expected"), YEARLESS)
def test_a_date_without_a_year_is_the_latest_by_the_article_date(language, text, expected):
    assert period(dates(text, PUBLISHED)[-1]) == expected


# ---- ordinal days, abbreviated months alone, relative days --------------------------------

ORDINAL_AND_RELATIVE = [
    (
        "en",
        "He spoke on the 13th, officials said.",
        ("13th", D(2026, 1, 13), D(2026, 1, 13), "day"),
    ),
    (
        "en",
        "The licence lapses by the 3rd of January.",
        ("3rd of January", D(2026, 1, 3), D(2026, 1, 3), "day"),
    ),
    (
        "en",
        "The rule changed in Dec. after talks.",
        ("Dec.", D(2025, 12, 1), D(2025, 12, 31), "month"),
    ),
    (
        "en",
        "Nvidia said on Jan. 10 that the previous day it had shipped.",
        ("the previous day", D(2026, 1, 9), D(2026, 1, 9), "day"),
    ),
    (
        "en",
        "On Jan. 8, officials met. The next day, Nvidia said so.",
        ("The next day", D(2026, 1, 9), D(2026, 1, 9), "day"),
    ),
    ("zh-Hans", "1月8日举行听证会,次日商务部回应。", ("次日", D(2026, 1, 9), D(2026, 1, 9), "day")),
    (
        "zh-Hans",
        "1月8日举行听证会。前一天,商务部表示",
        ("前一天", D(2026, 1, 7), D(2026, 1, 7), "day"),
    ),
    ("zh-Hant", "1月8日舉行聽證會,翌日商務部回應。", ("翌日", D(2026, 1, 9), D(2026, 1, 9), "day")),
    ("zh-Hant", "港府昨表示", ("昨", D(2026, 1, 13), D(2026, 1, 13), "day")),
    ("zh-Hant", "輝達上禮拜宣布", ("上禮拜", D(2026, 1, 5), D(2026, 1, 11), "relative")),
]


@pytest.mark.parametrize(("language", "text", "expected"), ORDINAL_AND_RELATIVE)
def test_ordinal_days_lone_abbreviations_and_relative_days(language, text, expected):
    assert period(dates(text, PUBLISHED)[-1]) == expected


@pytest.mark.parametrize(
    "text", ["the 20th century", "on the 5th floor", "The 2nd round began.", "in Decatur"]
)
def test_ordinals_that_name_no_day_are_no_date(text):
    assert dates(text, PUBLISHED) == []


# ---- counts in words before nouns; zero statements in every script ----------------------

COUNTS = [
    (
        "en",
        "three major Chinese tech firms applied",
        ("three", 3, None, None, "companies", "exact", "quantity"),
    ),
    ("en", "two of the firms applied", ("two", 2, None, None, "companies", "exact", "quantity")),
    ("en", "one member responded present", ("one", 1, None, None, "count", "exact", "quantity")),
    (
        "en",
        "only one company was approved",
        ("one", 1, None, None, "companies", "exact", "quantity"),
    ),
    (
        "zh-Hans",
        "三家中国大型科技企业提出申请",
        ("三家", 3, None, None, "companies", "exact", "quantity"),
    ),
    (
        "zh-Hant",
        "三家中國大型科技企業提出申請",
        ("三家", 3, None, None, "companies", "exact", "quantity"),
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), COUNTS)
def test_counts_in_words_take_the_noun_they_count(language, text, expected):
    assert figure(only_number(text, PUBLISHED)) == expected


@pytest.mark.parametrize(
    "text", ["one official said so", "one of the firms applied", "No one has ordered."]
)
def test_one_as_a_pronoun_is_no_count(text):
    assert numbers(text, PUBLISHED) == []


def test_no_one_company_is_a_rule_for_each_not_a_zero():
    mention = only_number("No one company may buy more than 75,000.", PUBLISHED)
    assert (mention.text, mention.high, mention.bound) == ("75,000", 75000, "at_most")


ZEROS = [
    (
        "en",
        "None of the Chinese buyers has ordered.",
        ("None", 0, None, None, "count", "exact", "quantity"),
    ),
    ("en", "There were no new H200 orders.", ("no", 0, None, None, "orders", "exact", "quantity")),
    (
        "en",
        "Not one company has ordered.",
        ("one", 0, None, None, "companies", "exact", "quantity"),
    ),
    ("zh-Hans", "中国企业并未下订单", ("并未", 0, None, None, "orders", "exact", "quantity")),
    (
        "zh-Hans",
        "英伟达尚未接获任何中国订单",
        ("任何", 0, None, None, "orders", "exact", "quantity"),
    ),
    ("zh-Hant", "中國企業並未下訂單", ("並未", 0, None, None, "orders", "exact", "quantity")),
    ("zh-Hant", "輝達尚未接獲任何中國訂單", ("任何", 0, None, None, "orders", "exact", "quantity")),
]


@pytest.mark.parametrize(("language", "text", "expected"), ZEROS)
def test_zero_statements(language, text, expected):
    assert figure(only_number(text, PUBLISHED)) == expected


# ---- a bound word across a long noun phrase keeps its bound --------------------------------

LONG_BOUNDS = [
    (
        "zh-Hans",
        "还不到中国市场过去一年对高端芯片需求总量的一半",
        ("一半", None, None, 50, "percent", "less_than", "percent"),
    ),
    (
        "zh-Hant",
        "還不到中國市場過去一年對高端晶片需求總量的一半",
        ("一半", None, None, 50, "percent", "less_than", "percent"),
    ),
    (
        "zh-Hans",
        "超过中国全部大型科技企业的一半",
        ("一半", None, 50, None, "percent", "more_than", "percent"),
    ),
    (
        "en",
        "less than half of what Chinese firms had sought",
        ("half", None, None, 50, "percent", "less_than", "percent"),
    ),
]


@pytest.mark.parametrize(("language", "text", "expected"), LONG_BOUNDS)
def test_a_bound_across_a_noun_phrase(language, text, expected):
    assert figure(only_number(text, PUBLISHED)) == expected


def test_a_figure_between_stops_the_bound():
    found = numbers("不足去年3万片的一半", PUBLISHED)
    assert [(m.text, m.bound) for m in found][-1] == ("一半", "exact")
