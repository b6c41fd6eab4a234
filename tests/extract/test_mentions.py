"""extract_mentions on the shipped seeds and on small made-up bodies."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from h200report.extract.body import Body, cut_body
from h200report.extract.mentions import extract_mentions
from h200report.extract.sources import load_seeds
from h200report.extract.textnorm import normalise
from tests.support import CORPUS_SEEDS

D = dt.date


def make_body(text: str) -> Body:
    return Body("t", text, normalise(text), ((0, len(text)),))


@cache
def seed_mentions() -> dict[str, tuple[Body, list]]:
    found = {}
    for seed in load_seeds(CORPUS_SEEDS):
        body = cut_body(seed)
        found[seed.source_id[:3]] = (body, extract_mentions(body, seed.meta.published_date))
    return found


def by_text(seed: str, text: str) -> list:
    return [m for m in seed_mentions()[seed][1] if m.text == text]


def one(seed: str, text: str):
    found = by_text(seed, text)
    assert len(found) == 1, (text, found)
    return found[0]


@pytest.mark.parametrize("seed", ["000", "002"])
def test_mentions_are_sorted_verbatim_and_disjoint(seed):
    body, mentions = seed_mentions()[seed]
    assert mentions, "no mentions found"
    for m in mentions:
        assert m.text == body.text[m.start : m.end]
        if m.kind == "date":
            assert m.date_start <= m.date_end and m.date_precision
        else:
            assert m.bound is not None
    for a, b in zip(mentions, mentions[1:], strict=False):
        assert a.end <= b.start


def test_seed_000_dates():
    assert (one("000", "三月末").date_start, one("000", "三月末").date_end) == (
        D(2026, 3, 21),
        D(2026, 3, 31),
    )
    assert one("000", "四月初").date_start == D(2026, 4, 1)
    for word in ("目前", "如今", "今日"):
        mention = one("000", word)
        assert (mention.date_start, mention.date_end, mention.date_precision) == (
            D(2026, 3, 4),
            D(2026, 3, 4),
            "relative",
        )
    since = one("000", "过去两个月以来")
    assert (since.date_start, since.date_end, since.date_precision) == (
        D(2026, 1, 4),
        D(2026, 3, 4),
        "relative",
    )
    early = one("000", "2026年初")
    assert (early.date_start, early.date_end, early.date_precision) == (
        D(2026, 1, 1),
        D(2026, 2, 28),
        "part_of_year",
    )
    year = one("000", "2026年")
    assert (year.date_start, year.date_end, year.date_precision) == (
        D(2026, 1, 1),
        D(2026, 12, 31),
        "year",
    )


def test_seed_000_numbers():
    cap = one("000", "7.5万片以内")
    assert (cap.high, cap.value, cap.unit, cap.bound) == (75000, None, "chips", "at_most")
    half = one("000", "一半")
    assert (half.high, half.unit, half.bound, half.kind) == (50, "percent", "less_than", "percent")
    cap2 = one("000", "7.5万片")
    assert (cap2.high, cap2.bound) == (75000, "at_most")
    total = one("000", "100万片")
    assert (total.high, total.unit, total.bound) == (1e6, "chips", "at_most")
    zero = one("000", "零")
    assert (zero.value, zero.bound, zero.unit) == (0, "exact", "count")
    arms = one("000", "数百亿美元")
    assert (arms.low, arms.high, arms.unit, arms.bound, arms.kind) == (
        2e10,
        9e10,
        "USD",
        "vague_range",
        "money",
    )
    countries = one("000", "140多个")
    assert (countries.low, countries.unit, countries.bound) == (140, "countries", "more_than")
    three = one("000", "三个")
    assert (three.value, three.unit, three.bound) == (3, "count", "exact")
    times = one("000", "不止一次")
    assert (times.low, times.unit, times.bound) == (1, "times", "more_than")


def test_seed_002_dates():
    assert len(by_text("002", "2025年12月8日")) == 2
    assert all(m.date_start == D(2025, 12, 8) for m in by_text("002", "2025年12月8日"))
    assert len(by_text("002", "2026年2月24日")) == 2
    assert one("002", "2026年1月初").date_end == D(2026, 1, 10)
    assert one("002", "2026年1月底").date_start == D(2026, 1, 21)
    since = by_text("002", "解禁两个月以来")
    assert len(since) == 2
    assert all((m.date_start, m.date_end) == (D(2025, 12, 8), D(2026, 2, 24)) for m in since)
    assert one("002", "1月29日").date_start == D(2026, 1, 29)
    ago = one("002", "一个月前")
    assert ago.date_start <= D(2026, 1, 6) <= ago.date_end  # CES 2026 opened on Jan 6
    assert ago.date_precision == "relative"
    then = by_text("002", "彼时")
    assert len(then) == 3
    assert then[0].date_start == then[1].date_start == D(2025, 12, 8)
    assert (then[2].date_start, then[2].date_end) == (ago.date_start, ago.date_end)
    day = one("002", "这一天")
    assert (day.date_start, day.date_end) == (D(2026, 2, 24), D(2026, 2, 24))
    month = one("002", "2025年12月")
    assert (month.date_start, month.date_end, month.date_precision) == (
        D(2025, 12, 1),
        D(2025, 12, 31),
        "month",
    )
    until = one("002", "2026年2月")
    assert until.date_precision == "month"
    half = one("002", "2025年下半年")
    assert (half.date_start, half.date_end, half.date_precision) == (
        D(2025, 7, 1),
        D(2025, 12, 31),
        "half_year",
    )
    assert one("002", "2026年").date_precision == "year"
    assert all(m.date_start == D(2026, 3, 14) for m in by_text("002", "如今"))


def test_seed_002_numbers():
    fees = by_text("002", "25%")
    assert len(fees) == 2 and all((m.value, m.kind) == (25, "percent") for m in fees)
    zeros = by_text("002", "零")
    assert all(m.value == 0 and m.bound == "exact" for m in zeros)
    assert sum(m.unit == "orders" for m in zeros) >= 10
    sales = [m for m in zeros if m.unit == "money"]
    assert len(sales) == 2  # 销售金额为零: money, the currency not stated
    assert (one("002", "任何一笔").value, one("002", "任何一笔").unit) == (0, "orders")
    assert (one("002", "一笔").value, one("002", "一笔").unit) == (0, "orders")
    cap = one("002", "7.5万片")
    assert (cap.high, cap.unit, cap.bound) == (75000, "chips", "at_most")
    assert all(m.value == 3 and m.unit == "count" for m in by_text("002", "三重"))
    charge = one("002", "55亿美元")
    assert (charge.value, charge.unit, charge.kind) == (5.5e9, "USD", "money")
    full = one("002", "全额")
    assert (full.value, full.unit, full.bound) == (100, "percent", "exact")
    decades = one("002", "数十年")
    assert (decades.low, decades.high, decades.unit, decades.bound) == (
        20,
        90,
        "years",
        "vague_range",
    )


@pytest.mark.parametrize(
    ("seed", "text"),
    [
        ("000", "H200"),
        ("000", "MI325"),
        ("000", "G2"),
        ("000", "五角大楼"),
        ("000", "万斯"),
        ("000", "第一"),
        ("000", "一座"),
        ("000", "一套"),
        ("000", "两个月"),
        ("002", "百度"),
        ("002", "一家独大"),
        ("002", "H20"),
        ("002", "一家"),
        ("002", "两个月"),
        ("002", "29"),
    ],
)
def test_seed_exclusions(seed, text):
    body, mentions = seed_mentions()[seed]
    assert text in body.text
    assert not any(text in m.text and m.kind != "date" for m in mentions), text
    at = body.text.find(text)
    while at != -1:
        assert not any(m.start == at and m.text == text for m in mentions), text
        at = body.text.find(text, at + 1)


def test_every_mention_has_source_id_and_unique_ids():
    for seed, (body, mentions) in seed_mentions().items():
        ids = [m.mention_id for m in mentions]
        assert len(ids) == len(set(ids)), seed
        assert all(m.source_id == body.source_id for m in mentions)


def test_made_up_body_mixes_dates_and_numbers():
    text = "2026年2月24日,彼得斯证实,没有一家中国客户下单,上限为7.5萬顆。这一天股价下跌。"
    mentions = extract_mentions(make_body(text), D(2026, 3, 4))
    assert [m.text for m in mentions] == ["2026年2月24日", "一家", "7.5萬顆", "这一天"]
    assert (mentions[1].value, mentions[1].unit) == (0, "companies")
    assert (mentions[2].high, mentions[2].unit, mentions[2].bound) == (75000, "chips", "at_most")
    assert mentions[3].date_start == D(2026, 2, 24)


def test_english_wire_text():
    text = (
        "WASHINGTON, Feb. 24 (Reuters) - Nvidia has sold no more than 75,000 H200 chips, "
        "about 25 percent of a $5.5 billion plan, an official said in early January."
    )
    mentions = extract_mentions(make_body(text), D(2026, 2, 25))
    summary = [(m.text, m.kind) for m in mentions]
    assert summary == [
        ("Feb. 24", "date"),
        ("75,000", "quantity"),
        ("25 percent", "percent"),
        ("$5.5 billion", "money"),
        ("early January", "date"),
    ]
    assert mentions[1].bound == "at_most" and mentions[1].unit == "chips"


ALPHABET = "0123456789,.%$年月日初底末中前后以来个片家笔次零一二两三四五六七八九十百千万亿数多约超过以内第这天彼时目前解禁。 HQ"


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, max_size=40))
def test_any_text_gives_sorted_disjoint_verbatim_mentions(text):
    body = make_body(text)
    mentions = extract_mentions(body, D(2026, 3, 4))
    for m in mentions:
        assert m.text == text[m.start : m.end] and m.start < m.end
        if m.kind == "date":
            assert m.date_start <= m.date_end
    for a, b in zip(mentions, mentions[1:], strict=False):
        assert a.end <= b.start
