"""Numeral cores, units and bounds of numeric mentions."""

from __future__ import annotations

import datetime as dt
import math
import string
from decimal import Decimal

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from h200report.extract.body import Body
from h200report.extract.mentions import extract_mentions
from h200report.extract.numbers import parse_number
from h200report.extract.textnorm import normalise

PUBLISHED = dt.date(2026, 3, 4)


def make_body(text: str) -> Body:
    return Body("t", text, normalise(text), ((0, len(text)),))


def numbers_in(text: str) -> list:
    return [m for m in extract_mentions(make_body(text), PUBLISHED) if m.kind != "date"]


def only_number(text: str):
    found = numbers_in(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("core", "value"),
    [
        ("75,000", 75000),
        ("7.5万", 75000),
        ("100万", 1e6),
        ("55亿", 5.5e9),
        ("一百四十", 140),
        ("两", 2),
        ("零", 0),
        ("一百零五", 105),
        ("七点五万", 75000),
        ("1.2万亿", 1.2e12),
        ("5千万", 5e7),
        ("二十五", 25),
    ],
)
def test_parse_number(core, value):
    assert parse_number(core) == pytest.approx(value)


@pytest.mark.parametrize("core", ["", "万斯", "abc", "7.5万片"])
def test_parse_number_rejects_non_cores(core):
    with pytest.raises(ValueError):
        parse_number(core)


@pytest.mark.parametrize(
    ("text", "span", "value", "low", "high", "unit", "bound", "kind"),
    [
        (
            "上限定在7.5万片以内,远不足",
            "7.5万片以内",
            None,
            None,
            75000,
            "chips",
            "at_most",
            "quantity",
        ),
        ("数量上限定在7.5万片,目的", "7.5万片", None, None, 75000, "chips", "at_most", "quantity"),
        (
            "设定对华100万片H200的总出货上限",
            "100万片",
            None,
            None,
            1e6,
            "chips",
            "at_most",
            "quantity",
        ),
        (
            "远不足中国企业意向采购量的一半。",
            "一半",
            None,
            None,
            50,
            "percent",
            "less_than",
            "percent",
        ),
        ("全球140多个国家和地区", "140多个", None, 140, None, "countries", "more_than", "quantity"),
        ("在三个根本性问题上", "三个", 3, None, None, "count", "exact", "quantity"),
        ("三重枷锁交织", "三重", 3, None, None, "count", "exact", "quantity"),
        ("也不止一次强调", "不止一次", None, 1, None, "times", "more_than", "quantity"),
        ("计提55亿美元库存", "55亿美元", 5.5e9, None, None, "USD", "exact", "money"),
        ("数额高达数百亿美元的", "数百亿美元", None, 2e10, 9e10, "USD", "vague_range", "money"),
        ("这一延续数十年的旧逻辑", "数十年", None, 20, 90, "years", "vague_range", "quantity"),
        ("抽取25%的费用", "25%", 25, None, None, "percent", "exact", "percent"),
        ("百分之二十五的费用", "百分之二十五", 25, None, None, "percent", "exact", "percent"),
        ("要求买方全额预付", "全额", 100, None, None, "percent", "exact", "percent"),
        ("未拿到任何一笔新订单", "任何一笔", 0, None, None, "orders", "exact", "quantity"),
        ("却未能拿到一笔新订单", "一笔", 0, None, None, "orders", "exact", "quantity"),
        ("一块H200芯片都没卖到", "一块", 0, None, None, "chips", "exact", "quantity"),
        ("对华销售金额为零", "零", 0, None, None, "money", "exact", "quantity"),
        ("中国企业实际进口量是零", "零", 0, None, None, "count", "exact", "quantity"),
        ("高调解禁与零订单", "零", 0, None, None, "orders", "exact", "quantity"),
        ("约100家企业", "约100家", 100, None, None, "companies", "approximate", "quantity"),
        ("超过200亿元人民币", "超过200亿元人民币", None, 2e10, None, "CNY", "more_than", "money"),
        ("至少3家", "至少3家", None, 3, None, "companies", "at_least", "quantity"),
        ("不到3次", "不到3次", None, None, 3, "times", "less_than", "quantity"),
        ("7.5万片左右", "7.5万片左右", 75000, None, None, "chips", "approximate", "quantity"),
        ("一百零五家", "一百零五家", 105, None, None, "companies", "exact", "quantity"),
        ("近两成", "近两成", 20, None, None, "percent", "approximate", "percent"),
    ],
)
def test_chinese_mentions(text, span, value, low, high, unit, bound, kind):
    mention = only_number(text)
    assert mention.text == span
    assert (mention.value, mention.low, mention.high) == (value, low, high)
    assert (mention.unit, mention.bound, mention.kind) == (unit, bound, kind)


@pytest.mark.parametrize(
    ("text", "span", "value", "low", "high", "unit", "bound"),
    [
        ("They bought 75,000 chips.", "75,000", 75000, None, None, "chips", "exact"),
        ("A charge of $5.5 billion.", "$5.5 billion", 5.5e9, None, None, "USD", "exact"),
        (
            "A charge of 5.5 billion dollars.",
            "5.5 billion dollars",
            5.5e9,
            None,
            None,
            "USD",
            "exact",
        ),
        ("A fee of 25%.", "25%", 25, None, None, "percent", "exact"),
        ("A fee of 25 percent.", "25 percent", 25, None, None, "percent", "exact"),
        ("Some 1 million units.", "1 million", 1e6, None, None, None, "approximate"),
        ("Up to 75,000 chips each.", "75,000", None, None, 75000, "chips", "at_most"),
        ("At most 75,000 chips each.", "75,000", None, None, 75000, "chips", "at_most"),
        ("More than 140 countries.", "140", None, 140, None, "countries", "more_than"),
        ("Fewer than 50 companies.", "50", None, None, 50, "companies", "less_than"),
        ("At least 3 orders.", "3", None, 3, None, "orders", "at_least"),
        ("About 25 percent.", "25 percent", 25, None, None, "percent", "approximate"),
    ],
)
def test_english_mentions(text, span, value, low, high, unit, bound):
    mention = only_number(text)
    assert mention.text == span
    assert (mention.value, mention.low, mention.high) == (value, low, high)
    assert (mention.unit, mention.bound) == (unit, bound)


@pytest.mark.parametrize(
    "text",
    [
        "英伟达H200芯片",
        "H20芯片",
        "AMD MI325芯片",
        "用“G2”来形容",
        "Qwen3.5模型",
        "A股上涨",
        "五角大楼的",
        "万斯更加直白",
        "百度、阿里",
        "千秋万代",
        "第一,台湾问题",
        "第三次",
        "一座中等规模",
        "一场盛大的",
        "一家独大",
        "这一成果",
        "单一神经元",
        "一成不变",
        "十分重要",
        "万一失败",
        "一一对应",
        "千万不要",
        "三心二意",
        "七上八下",
        "两岸关系",
        "未来一年",
        "一套组合拳",
        "零售价格",
        "GPT-4",
    ],
)
def test_not_quantities(text):
    assert numbers_in(text) == []


def test_traditional_forms_fold_to_same_values():
    simplified = only_number("计提55亿美元库存")
    traditional = only_number("計提55億美元庫存")
    assert (traditional.value, traditional.unit) == (simplified.value, simplified.unit)
    assert only_number("上限定在7.5萬顆以內").high == 75000
    assert only_number("全球140多個國家和地區").unit == "countries"


def test_full_width_digits_and_percent():
    mention = only_number("抽取２５％的費用")
    assert (mention.text, mention.value, mention.unit) == ("２５％", 25, "percent")


UNITS = [
    ("片芯片", "chips", "quantity"),
    ("美元", "USD", "money"),
    ("家企业", "companies", "quantity"),
]


def check_sentence(number_text: str, expected: int, unit_index: int) -> None:
    suffix, unit, kind = UNITS[unit_index]
    mention = only_number(f"报道称,共有{number_text}{suffix}将在本季交付。")
    assert math.isclose(mention.value, expected, rel_tol=1e-9, abs_tol=1e-9)
    assert (mention.unit, mention.kind, mention.bound) == (unit, kind, "exact")
    assert mention.text.startswith(number_text)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**12), st.booleans(), st.integers(0, 2))
def test_arabic_numbers_in_sentences(n, separators, unit_index):
    check_sentence(f"{n:,}" if separators else str(n), n, unit_index)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 10**12), st.sampled_from(["万", "亿"]), st.integers(0, 2), st.booleans())
def test_arabic_with_multipliers(n, multiplier, unit_index, traditional):
    scale = 10_000 if multiplier == "万" else 100_000_000
    figure = format((Decimal(n) / scale).normalize(), "f")
    word = {"万": "萬", "亿": "億"}[multiplier] if traditional else multiplier
    check_sentence(f"{figure}{word}", n, unit_index)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**12), st.integers(0, 2))
def test_chinese_numerals_in_sentences(n, unit_index):
    # A bare 一 before a classifier is the indefinite article (一座, 一家), so 1 is left out.
    if n == 1:
        return
    check_sentence(cn2an.an2cn(n), n, unit_index)


@settings(max_examples=150, deadline=None)
@given(st.text(string.ascii_letters, min_size=1, max_size=3), st.integers(0, 99999))
def test_model_names_are_not_quantities(letters, n):
    assert numbers_in(f"英伟达的{letters}{n}芯片出货受限。") == []
