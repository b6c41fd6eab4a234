"""Date expressions: calendar forms, parts of periods and relative resolution."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from h200report.extract.body import Body
from h200report.extract.mentions import extract_mentions
from h200report.extract.periods import add_months, part_of_month
from h200report.extract.textnorm import normalise

PUBLISHED = dt.date(2026, 3, 4)
D = dt.date


def make_body(text: str) -> Body:
    return Body("t", text, normalise(text), ((0, len(text)),))


def dates_in(text: str, published: dt.date = PUBLISHED) -> list:
    return [m for m in extract_mentions(make_body(text), published) if m.kind == "date"]


def only_date(text: str, published: dt.date = PUBLISHED):
    found = dates_in(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "start", "end", "precision"),
    [
        ("2025年12月8日,特朗普宣布", "2025年12月8日", D(2025, 12, 8), D(2025, 12, 8), "day"),
        ("会议于2026-02-24举行", "2026-02-24", D(2026, 2, 24), D(2026, 2, 24), "day"),
        ("会议于2026/2/24举行", "2026/2/24", D(2026, 2, 24), D(2026, 2, 24), "day"),
        ("截至2026年2月,许可证", "2026年2月", D(2026, 2, 1), D(2026, 2, 28), "month"),
        ("2026年的中国", "2026年", D(2026, 1, 1), D(2026, 12, 31), "year"),
        ("在2026年1月初的CES展上", "2026年1月初", D(2026, 1, 1), D(2026, 1, 10), "part_of_month"),
        ("2026年1月中旬", "2026年1月中旬", D(2026, 1, 11), D(2026, 1, 20), "part_of_month"),
        ("2026年1月底,他在台北", "2026年1月底", D(2026, 1, 21), D(2026, 1, 31), "part_of_month"),
        ("期望在三月末访问", "三月末", D(2026, 3, 21), D(2026, 3, 31), "part_of_month"),
        ("希望四月初访问", "四月初", D(2026, 4, 1), D(2026, 4, 10), "part_of_month"),
        # A report of what happened: not after the publication date (4 March 2026).
        ("四月初访问了北京", "四月初", D(2025, 4, 1), D(2025, 4, 10), "part_of_month"),
        ("2026年初,军售", "2026年初", D(2026, 1, 1), D(2026, 2, 28), "part_of_year"),
        ("2026年年中,", "2026年年中", D(2026, 6, 1), D(2026, 7, 31), "part_of_year"),
        ("2025年底前", "2025年底", D(2025, 11, 1), D(2025, 12, 31), "part_of_year"),
        ("2025年末的", "2025年末", D(2025, 11, 1), D(2025, 12, 31), "part_of_year"),
        ("2025年上半年", "2025年上半年", D(2025, 1, 1), D(2025, 6, 30), "half_year"),
        ("吸取2025年下半年H20芯片", "2025年下半年", D(2025, 7, 1), D(2025, 12, 31), "half_year"),
        ("2026年一季度", "2026年一季度", D(2026, 1, 1), D(2026, 3, 31), "quarter"),
        ("2026年第三季度", "2026年第三季度", D(2026, 7, 1), D(2026, 9, 30), "quarter"),
        ("Q1 2026 revenue", "Q1 2026", D(2026, 1, 1), D(2026, 3, 31), "quarter"),
        ("On Feb. 24, officials", "Feb. 24", D(2026, 2, 24), D(2026, 2, 24), "day"),
        (
            "On February 24, 2026, officials",
            "February 24, 2026",
            D(2026, 2, 24),
            D(2026, 2, 24),
            "day",
        ),
        ("On Jan 29 he said", "Jan 29", D(2026, 1, 29), D(2026, 1, 29), "day"),
        ("In March 2026 the", "March 2026", D(2026, 3, 1), D(2026, 3, 31), "month"),
        ("in early January the", "early January", D(2026, 1, 1), D(2026, 1, 10), "part_of_month"),
        (
            "the second half of 2025",
            "second half of 2025",
            D(2025, 7, 1),
            D(2025, 12, 31),
            "half_year",
        ),
        ("sales in 2025 fell", "2025", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("今年3月", "今年3月", D(2026, 3, 1), D(2026, 3, 31), "month"),
    ],
)
def test_calendar_forms(text, span, start, end, precision):
    mention = only_date(text)
    assert mention.text == span
    assert (mention.date_start, mention.date_end, mention.date_precision) == (start, end, precision)


def test_year_comes_from_the_nearest_explicit_date_before():
    # After 8 December 2025, "1月29日" is the January after it, not the one before.
    found = dates_in("2025年12月8日宣布。1月29日他承认。")
    assert found[1].date_start == D(2026, 1, 29)
    found = dates_in("2025年3月5日宣布。2月20日他已承认。")
    assert found[1].date_start == D(2025, 2, 20)
    found = dates_in("2026年2月24日听证会。1月29日他承认。")
    assert (found[1].text, found[1].date_start) == ("1月29日", D(2026, 1, 29))
    assert "2026年2月24日" in found[1].anchor


def test_year_defaults_to_publication_year():
    mention = only_date("1月29日他承认。", published=D(2026, 3, 14))
    assert mention.date_start == D(2026, 1, 29)
    assert "publication date 2026-03-14" in mention.anchor


@pytest.mark.parametrize("word", ["目前", "如今", "今日", "当前", "现在"])
def test_now_words_resolve_to_publication(word):
    mention = only_date(f"然而,{word}没有可以提供的信息。")
    assert (mention.date_start, mention.date_end) == (PUBLISHED, PUBLISHED)
    assert mention.date_precision == "relative"
    assert mention.anchor == "publication date 2026-03-04"


def test_xianzai_inside_a_verb_is_not_now():
    assert dates_in("这体现在芯片上。") == []


@pytest.mark.parametrize("word", ["这一天", "当天", "同一天"])
def test_same_day_copies_the_preceding_day(word):
    found = dates_in(f"2026年1月初展会。2026年2月24日听证会。{word}恰好是财报前夕。")
    assert found[-1].text == word
    assert (found[-1].date_start, found[-1].date_end) == (D(2026, 2, 24), D(2026, 2, 24))
    assert found[-1].date_precision == "relative"


@pytest.mark.parametrize("word", ["彼时", "当时"])
def test_then_copies_the_preceding_interval(word):
    found = dates_in(f"2026年1月底,他承认失败。{word}他很失落。")
    assert (found[-1].date_start, found[-1].date_end) == (D(2026, 1, 21), D(2026, 1, 31))
    assert "2026年1月底" in found[-1].anchor


def test_months_ago_shifts_the_preceding_date_and_widens_it():
    found = dates_in("2026年1月底,他坦言失落。这一表态与一个月前他在CES展上的表现形成反差。")
    ago = found[-1]
    assert ago.text == "一个月前"
    assert (ago.date_start, ago.date_end) == (D(2025, 12, 6), D(2026, 1, 15))
    assert ago.date_precision == "relative"


def test_months_since_without_an_event_counts_back_from_publication():
    mention = only_date("然而,过去两个月以来,进口量是零。")
    assert mention.text == "过去两个月以来"
    assert (mention.date_start, mention.date_end) == (D(2026, 1, 4), D(2026, 3, 4))


def test_months_since_counts_back_from_a_date_in_the_same_sentence():
    found = dates_in("2026年2月24日听证会上,他证实,两个月以来,销售为零。")
    assert (found[-1].text, found[-1].date_start, found[-1].date_end) == (
        "两个月以来",
        D(2025, 12, 24),
        D(2026, 2, 24),
    )


def test_event_since_uses_the_date_of_the_event():
    text = (
        "2025年12月8日,特朗普高调宣布解禁H200出口。"
        "2026年2月24日听证会上,彼得斯证实,解禁两个月以来,销售金额为零,1月29日他也承认。"
    )
    since = [m for m in dates_in(text) if m.text == "解禁两个月以来"]
    assert len(since) == 1
    assert (since[0].date_start, since[0].date_end) == (D(2025, 12, 8), D(2026, 2, 24))
    assert "解禁" in since[0].anchor


def test_durations_inside_date_expressions_are_not_quantities():
    mentions = extract_mentions(make_body("然而,过去两个月以来,进口量是零。"), PUBLISHED)
    assert [m.text for m in mentions] == ["过去两个月以来", "零"]


@pytest.mark.parametrize("text", ["第一,台湾问题", "冷战时期大国", "长期以来,美国", "这些年来,AI"])
def test_not_dates(text):
    assert dates_in(text) == []


@settings(max_examples=200, deadline=None)
@given(st.dates(D(1900, 1, 1), D(2199, 12, 31)))
def test_chinese_day_dates_round_trip(day):
    mention = only_date(f"据报道,{day.year}年{day.month}月{day.day}日,双方会面。")
    assert (mention.date_start, mention.date_end, mention.date_precision) == (day, day, "day")


PARTS = ["初", "中旬", "底", "末", "上旬", "下旬"]


@settings(max_examples=200, deadline=None)
@given(st.integers(1900, 2199), st.integers(1, 12), st.sampled_from(PARTS))
def test_part_of_month_inside_the_month(year, month, part):
    start, end = part_of_month(year, month, part)
    assert start.year == end.year == year and start.month == end.month == month
    assert 1 <= start.day <= end.day <= calendar.monthrange(year, month)[1]
    mention = only_date(f"{year}年{month}月{part},双方会面。")
    assert (mention.date_start, mention.date_end) == (start, end)


@given(st.dates(D(1900, 1, 1), D(2199, 12, 31)), st.integers(-36, 36))
def test_add_months_keeps_or_clamps_the_day(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == min(day.day, calendar.monthrange(moved.year, moved.month)[1])


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("the Dec. 8 decision", "2026-03-05", "2025-12-08"),
        ("计划在四月初访问", "2026-03-04", "2026-04-01"),
        ("1月29日表示", "2026-03-12", "2026-01-29"),
        ("12月30日发布", "2026-01-02", "2025-12-30"),
    ],
)
def test_date_without_year_takes_the_year_nearest_publication(text, published, expected):
    from h200report.extract.dates import find_dates

    [span] = [s for s in find_dates(normalise(text), dt.date.fromisoformat(published))]
    assert span.date_start.isoformat() == expected


# Pieces that the date patterns are made of, in both scripts and in English, to build
# texts where the hinted search and a plain finditer could part ways.
_PIECES = [
    "2026",
    "年",
    "3",
    "12",
    "月",
    "4",
    "日",
    "上",
    "下",
    "旬",
    "季",
    "度",
    "半",
    "前",
    "后",
    "来",
    "以",
    "内",
    "周",
    "星期",
    "二",
    "十",
    "几",
    "个",
    "去年",
    "本月",
    "今",
    "过去",
    "Jan",
    "January",
    "Jan.",
    "Sept",
    "May",
    "March",
    "Mar",
    "Q",
    "q",
    "1",
    "29",
    "30",
    "Monday",
    "last",
    "Last",
    "next",
    "this",
    "week",
    "month",
    "year",
    "weeks",
    "since",
    "in",
    "within",
    "the",
    "past",
    "few",
    "a",
    "two",
    "early",
    "mid",
    "late",
    "earlier",
    "of",
    "by",
    "until",
    "ago",
    "quarter",
    "first",
    " ",
    "  ",
    ",",
    ".",
    "-",
    "\n",
    "x",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_a_hinted_search_finds_exactly_what_finditer_finds(pieces):
    """Hints only skip positions where no match can start; Needs only skip bodies that
    hold none of the words."""
    from h200report.extract import absolute, hints, relative

    norm = normalise("".join(pieces))
    lower = norm.lower()
    patterns = (
        absolute.absolute_patterns() + relative.calendar_patterns() + relative.relative_patterns()
    )
    for pattern, _, hint in patterns:
        hinted = [m.span() for m in hints.finditer(pattern, norm, hint, lower)]
        assert hinted == [m.span() for m in pattern.finditer(norm)], (pattern.pattern, norm)
