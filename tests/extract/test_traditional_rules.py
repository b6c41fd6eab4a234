"""Traditional Chinese (Taiwan, Hong Kong) reaches the standard of simplified Chinese: one
test per rule, the CNA-style and Hong Kong fixture passages, and property tests.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .support import dates, figure, fixture, numbers, only_date, only_number, period

D = dt.date


# ---- zero and negation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "unit"),
    [
        ("中國業者沒有訂單。", "沒有", "orders"),
        ("輝達至今尚未接獲任何訂單。", "任何", "orders"),
        ("輝達尚未接獲任何來自中國客戶的訂單。", "任何", "orders"),
        ("美方批准後仍未有任何出貨。", "任何", "count"),
        ("至今沒有中國客戶下單。", "沒有", "count"),
        ("內地科企暫未落實訂單。", "未", "orders"),
        ("沒有任何一家中國企業取得許可。", "任何一家", "companies"),
        ("一顆H200晶片都沒賣出。", "一顆", "chips"),
    ],
)
def test_traditional_zero_counts_its_noun(text, span, unit):
    assert figure(only_number(text)) == (span, 0, None, None, unit, "exact", "quantity")


@pytest.mark.parametrize(
    "text",
    [
        "任何單一客戶都不得採購H200。",
        "任何一家中國企業都可以申請。",
        "美方對單一企業設限。",
        "未經許可的晶片不得出口。",
        "雙方並未一致同意。",
        "中國客戶不再向輝達下任何實質訂單。",
    ],
)
def test_any_single_and_words_with_yi_are_no_zero(text):
    assert numbers(text) == []


# ---- half and bounds ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("採購量還不到一半。", "不到一半"),
        ("採購量不到需求的一半。", "一半"),
        ("遠不足需求的一半。", "一半"),
        ("採購量連一半都不到。", "一半"),
        ("採購量連需求的一半也不到。", "一半"),
        ("已獲批的數量不及一半。", "不及一半"),
        ("交貨量未達一半。", "未達一半"),
    ],
)
def test_not_even_half_is_less_than_half(text, span):
    assert figure(only_number(text)) == (span, None, None, 50, "percent", "less_than", "percent")


@pytest.mark.parametrize(
    ("text", "span", "bound", "field", "value", "unit"),
    [
        ("股價上漲逾2%。", "逾2%", "more_than", "low", 2, "percent"),
        ("營收年增逾3成。", "逾3成", "more_than", "low", 30, "percent"),
        ("市值約新台幣28.1兆元。", "約新台幣28.1兆元", "approximate", "value", 2.81e13, "TWD"),
        ("淨利近1.72兆元新台幣。", "近1.72兆元新台幣", "approximate", "value", 1.72e12, "TWD"),
        ("需求多達150萬顆。", "多達150萬顆", "at_most", "high", 1.5e6, "chips"),
        ("營收首度突破1兆元。", "突破1兆元", "more_than", "low", 1e12, "CNY"),
        ("總量不超過100萬顆。", "不超過100萬顆", "at_most", "high", 1e6, "chips"),
        ("每家企業採購上限約7.5萬顆。", "約7.5萬顆", "approximate", "value", 75000, "chips"),
        ("任何單一客戶都不得採購超過7.5萬顆。", "超過7.5萬顆", "at_most", "high", 75000, "chips"),
        ("成交額約HK$52億。", "約HK$52億", "approximate", "value", 5.2e9, "HKD"),
    ],
)
def test_traditional_bounds(text, span, bound, field, value, unit):
    mention = only_number(text)
    assert (mention.text, mention.bound, mention.unit) == (span, bound, unit)
    assert getattr(mention, field) == pytest.approx(value)


def test_a_future_that_exceeds_is_no_ceiling():
    # 未來 is "the future", not the negation 未: 超過 stays a floor.
    found = {m.text: m for m in numbers("未來三年營收將超過1兆元新台幣。")}
    assert (found["超過1兆元新台幣"].low, found["超過1兆元新台幣"].bound) == (1e12, "more_than")


# ---- money -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("營收達新台幣3.81兆元。", "新台幣3.81兆元", 3.81e12, "TWD"),
        ("投資新台幣1,200億元。", "新台幣1,200億元", 1.2e11, "TWD"),
        ("收在新台幣1,085元。", "新台幣1,085元", 1085, "TWD"),
        ("投資300億元新台幣。", "300億元新台幣", 3e10, "TWD"),
        ("成交3,000億港元。", "3,000億港元", 3e11, "HKD"),
        ("收報612港元。", "612港元", 612, "HKD"),
        ("集資港幣50億元。", "港幣50億元", 5e9, "HKD"),
        ("成交額達HK$52億。", "HK$52億", 5.2e9, "HKD"),
        ("約人民幣300億元的訂單。", "約人民幣300億元", 3e10, "CNY"),
        ("罰款500萬美元。", "500萬美元", 5e6, "USD"),
    ],
)
def test_taiwan_and_hong_kong_money(text, span, value, unit):
    mention = only_number(text)
    assert (mention.text, mention.value, mention.unit, mention.kind) == (span, value, unit, "money")


def test_a_bare_yuan_takes_the_currency_named_before_it():
    found = numbers(
        "台積電營收達新台幣3.81兆元，淨利近1.72兆元。中芯營收約人民幣500億元，淨利40億元。"
    )
    assert [(m.text, m.unit) for m in found] == [
        ("新台幣3.81兆元", "TWD"),
        ("近1.72兆元", "TWD"),
        ("約人民幣500億元", "CNY"),
        ("40億元", "CNY"),
    ]


def test_zhao_is_a_trillion_only_before_a_currency():
    assert (only_number("新增裝置容量3兆瓦。").value, only_number("新增裝置容量3兆瓦。").unit) == (
        3,
        None,
    )
    assert only_number("營收突破1兆元。").low == 1e12


def test_chinese_fractions_are_percent():
    mention = only_number("約三分之一可由本地供應商滿足。")
    assert (mention.text, mention.unit, mention.bound) == ("約三分之一", "percent", "approximate")
    assert mention.value == pytest.approx(100 / 3)


# ---- dates ---------------------------------------------------------------------------------------

PUBLISHED = D(2026, 1, 15)  # a Thursday


@pytest.mark.parametrize(
    ("text", "span", "start", "end", "precision"),
    [
        ("外界預期幾週後將公布新規。", "幾週後", D(2026, 1, 29), D(2026, 2, 26), "relative"),
        ("數月前已提出申請。", "數月前", D(2025, 7, 15), D(2025, 11, 15), "relative"),
        ("幾天內將有結果。", "幾天內", D(2026, 1, 16), D(2026, 1, 21), "relative"),
        ("幾個月來股價上漲。", "幾個月來", D(2025, 7, 15), D(2026, 1, 15), "relative"),
        ("上週商務部已召開會議。", "上週", D(2026, 1, 5), D(2026, 1, 11), "relative"),
        ("本週商務部將召開會議。", "本週", D(2026, 1, 12), D(2026, 1, 18), "relative"),
        ("上週五輝達表示。", "上週五", D(2026, 1, 9), D(2026, 1, 9), "day"),
        ("下週二將公布細則。", "下週二", D(2026, 1, 20), D(2026, 1, 20), "day"),
        ("雙方週二會面。", "週二", D(2026, 1, 13), D(2026, 1, 13), "day"),
        ("雙方將於星期一會面。", "星期一", D(2026, 1, 19), D(2026, 1, 19), "day"),
        ("上月批准出口。", "上月", D(2025, 12, 1), D(2025, 12, 31), "month"),
        ("上個月底批准出口。", "上個月底", D(2025, 12, 21), D(2025, 12, 31), "part_of_month"),
        ("本月稍早已公布。", "本月稍早", D(2026, 1, 1), D(2026, 1, 14), "relative"),
        ("雙方或於本月稍後再度會面。", "本月稍後", D(2026, 1, 16), D(2026, 1, 31), "relative"),
        ("騰訊昨日收報612港元。", "昨日", D(2026, 1, 14), D(2026, 1, 14), "day"),
    ],
)
def test_traditional_relative_dates(text, span, start, end, precision):
    mention = next(m for m in dates(text, PUBLISHED) if m.text == span)
    assert period(mention) == (span, start, end, precision)
    assert mention.anchor.endswith("publication date 2026-01-15")


@pytest.mark.parametrize("text", ["每週一開會。", "一週一次例會。", "兩週一次。"])
def test_habits_and_counts_of_weeks_are_no_weekdays(text):
    assert dates(text, PUBLISHED) == []


def test_a_cna_dateline_is_the_reference_of_relative_dates():
    found = dates("（中央社記者台北14日電）美國商務部上週公布細則，將於下週二開會。", PUBLISHED)
    assert [period(m) for m in found] == [
        ("14日", D(2026, 1, 14), D(2026, 1, 14), "day"),
        ("上週", D(2026, 1, 5), D(2026, 1, 11), "relative"),
        ("下週二", D(2026, 1, 20), D(2026, 1, 20), "day"),
    ]
    assert found[1].anchor == "dateline 14日 2026-01-14"


def test_a_day_of_the_month_takes_the_month_named_before_it():
    found = dates("美國眾議院2月24日舉行聽證會，25日再度開會。", published=D(2026, 3, 2))
    assert period(found[1]) == ("25日", D(2026, 2, 25), D(2026, 2, 25), "day")
    lone = only_date("商務部28日表示。", published=D(2026, 3, 2))
    assert lone.date_start == D(2026, 2, 28)  # the 28th nearest 2 March is February's


@pytest.mark.parametrize(
    "text", ["為期3日的會議。", "3日內完成審查。", "日本於5日本週", "連續3日上漲。"]
)
def test_counts_of_days_are_no_day_of_month(text):
    assert all(m.text != "3日" for m in dates(text, PUBLISHED))


def test_a_single_quarter_is_no_first_quarter():
    assert dates("單一季度營收首度突破1兆元。", PUBLISHED) == []


def test_taiwan_quarters_without_du():
    assert period(only_date("台積電公布2025年第4季財報。", PUBLISHED)) == (
        "2025年第4季",
        D(2025, 10, 1),
        D(2025, 12, 31),
        "quarter",
    )
    assert dates("四季如春。", PUBLISHED) == [] and numbers("四季如春。") == []


# ---- the fixture passages ------------------------------------------------------------------------


def test_cna_style_taipei_report():
    m = fixture("zh_hant_cna", D(2026, 1, 14))
    assert period(m["14日"][0]) == ("14日", D(2026, 1, 14), D(2026, 1, 14), "day")
    assert period(m["上週"][0])[1:] == (D(2026, 1, 5), D(2026, 1, 11), "relative")
    assert figure(m["約7.5萬顆"][0])[1:6] == (75000, None, None, "chips", "approximate")
    assert figure(m["不超過100萬顆"][0])[3:6] == (1e6, "chips", "at_most")
    assert figure(m["任何"][0])[1:5] == (0, None, None, "orders")
    assert figure(m["任何一家"][0])[1:5] == (0, None, None, "companies")
    assert figure(m["一半"][0])[3:6] == (50, "percent", "less_than")
    assert figure(m["逾2%"][0])[2:6] == (2, None, "percent", "more_than")
    assert (m["新台幣1,085元"][0].value, m["新台幣1,085元"][0].unit) == (1085, "TWD")
    assert m["約新台幣28.1兆元"][0].value == pytest.approx(2.81e13)
    assert (m["新台幣3.81兆元"][0].value, m["新台幣3.81兆元"][0].unit) == (3.81e12, "TWD")
    assert (m["近1.72兆元"][0].unit, m["近1.72兆元"][0].bound) == ("TWD", "approximate")
    assert (m["突破1兆元"][0].low, m["突破1兆元"][0].unit) == (1e12, "TWD")
    assert period(m["幾週後"][0])[1:3] == (D(2026, 1, 28), D(2026, 2, 25))
    assert period(m["下週二"][0])[1] == D(2026, 1, 20)
    assert (m["超過7.5萬顆"][0].high, m["超過7.5萬顆"][0].bound) == (75000, "at_most")
    # Not quantities: the stock code, 單一季度, the clock time; no date from 一季度.
    assert not {"2330", "一季度", "10", "30"} & set(m)


def test_hong_kong_paper():
    m = fixture("zh_hant_hk", D(2026, 1, 20))
    assert period(m["上月"][0])[1:] == (D(2025, 12, 1), D(2025, 12, 31), "month")
    assert figure(m["任何"][0])[1:5] == (0, None, None, "count")
    assert figure(m["未"][0])[1:5] == (0, None, None, "orders")
    assert figure(m["沒有"][0])[1:5] == (0, None, None, "count")
    assert period(m["昨日"][0])[1] == D(2026, 1, 19)
    assert (m["612港元"][0].value, m["612港元"][0].unit) == (612, "HKD")
    assert (m["HK$52億"][0].value, m["HK$52億"][0].unit) == (5.2e9, "HKD")
    assert (m["約2,300億港元"][0].value, m["約2,300億港元"][0].bound) == (2.3e11, "approximate")
    assert (m["多達150萬顆"][0].high, m["多達150萬顆"][0].bound) == (1.5e6, "at_most")
    assert m["約三分之一"][0].value == pytest.approx(100 / 3)
    assert (m["7.5萬顆"][0].high, m["7.5萬顆"][0].bound) == (75000, "at_most")
    assert period(m["周四"][0])[1] == D(2026, 1, 22)  # 將於周四: the Thursday ahead
    assert period(m["本月稍後"][0])[1:3] == (D(2026, 1, 21), D(2026, 1, 31))
    assert "00700" not in m and "700" not in m


# ---- properties ---------------------------------------------------------------------------------

TRADITIONAL = str.maketrans(
    {"万": "萬", "亿": "億", "币": "幣", "台": "臺", "约": "約", "过": "過"}
)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 99_999),
    st.sampled_from(["万", "亿", ""]),
    st.sampled_from(["新台币{n}元", "{n}港元", "约人民币{n}元", "超过{n}美元", "{n}元新台币"]),
)
def test_traditional_forms_give_the_simplified_mention(n, multiplier, template):
    simplified = template.format(n=f"{n:,}{multiplier}")
    sentence = "据报道,该集团去年营收为{}。"
    plain = only_number(sentence.format(simplified))
    folded = only_number(sentence.format(simplified).translate(TRADITIONAL))
    assert figure(folded)[1:] == figure(plain)[1:]
    assert plain.kind == "money" and plain.unit in ("TWD", "HKD", "CNY", "USD")


@settings(max_examples=200, deadline=None)
@given(
    st.dates(D(2000, 1, 8), D(2099, 12, 31)), st.integers(0, 6), st.sampled_from(["上", "下", "本"])
)
def test_weekdays_of_a_named_week(published, target, week):
    day_name = "一二三四五六日"[target]
    mention = only_date(f"雙方{week}週{day_name}會面。", published=published)
    monday = published - dt.timedelta(days=published.weekday())
    offset = {"上": -7, "下": 7, "本": 0}[week]
    assert mention.date_start == monday + dt.timedelta(days=offset + target)
    assert mention.date_precision == "day"


@settings(max_examples=100, deadline=None)
@given(st.dates(D(2000, 1, 1), D(2099, 12, 31)), st.sampled_from(["週", "個月", "天"]))
def test_a_few_units_later_are_after_the_reference(published, unit):
    mention = only_date(f"官員表示，相關規定預計幾{unit}後上路。", published=published)
    assert published < mention.date_start <= mention.date_end
