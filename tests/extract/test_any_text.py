"""Whatever English or traditional-Chinese text the new rules meet, mentions stay verbatim,
sorted and disjoint, and every interval is ordered (the rules interact: zeros in words,
currencies, clock times, weekdays and relative dates are found by different passes)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from .support import mentions

# One string, split below: easier to read than a list of a hundred quoted words.
WORDS = (
    "no none zero nothing any a an one two twenty-one dozen hundred million half third thirds "
    "quarter several dozens of the chips orders firms yet to not n't never more than less even "
    "at least up as many nearly about ~ $ US$ NT$ HK$ RMB USD 5 75,000 1.5 2025 9:30 a.m. pm 10 "
    "(2330) (2330.TW) RTX 5090 CES Vision Monday Tuesday last next this week month year earlier "
    "later in few weeks ago within coming past since Dec. 8 Jan 14 May early WASHINGTON, "
    "(Reuters) - . , ; 新台幣 港元 億 萬 兆 元 約 逾 近 沒有 未 任何 單一 一 一半 都不到 連 不得 "
    "超過 上週 下週二 幾週後 本月稍早 14日 電 上午 10時 30分 三分之一 訂單 晶片 企業 客戶 的"
)
TOKENS = tuple(WORDS.split())


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(TOKENS), min_size=1, max_size=25),
    st.sampled_from([" ", ""]),
    st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
)
def test_any_mixed_text_gives_sorted_disjoint_verbatim_mentions(tokens, joiner, published):
    text = joiner.join(tokens)
    found = mentions(text, published)
    for m in found:
        assert m.text == text[m.start : m.end] and m.start < m.end
        if m.kind == "date":
            assert m.date_start <= m.date_end and m.date_precision
        else:
            assert m.bound is not None
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start
