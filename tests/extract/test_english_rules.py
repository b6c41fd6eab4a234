"""English text reaches the standard of simplified Chinese: one test per rule, then the
two English fixture passages and property tests over the rules that have a space of inputs.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .support import dates, figure, fixture, numbers, only_date, only_number, period

D = dt.date


# ---- zero and negation in words -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "unit"),
    [
        ("Chinese firms have placed no orders for the chip.", "no", "orders"),
        ("They have received no new purchase orders.", "no", "orders"),
        ("None of the chips have been delivered.", "None", "chips"),
        ("None of the Chinese companies has received a licence.", "None", "companies"),
        ("The distributor sold zero chips in the quarter.", "zero", "chips"),
        ("Revenue from China was zero in January.", "zero", "money"),
        ("Nothing has been shipped so far.", "Nothing", None),
        ("Nvidia has not received any orders from China.", "any", "orders"),
        ("Buyers haven't placed any orders.", "any", "orders"),
        ("Not a single chip was sold to a Chinese buyer.", "a single", "chips"),
        ("Nvidia has yet to ship any H200 to China.", "any", None),
        ("Nvidia has yet to ship any H200 chips to China.", "any", "chips"),
        ("Nvidia has yet to ship H200 chips to China.", "yet to", "chips"),
        ("It has not sold any.", "any", None),
    ],
)
def test_zero_in_words_counts_its_noun(text, span, unit):
    mention = only_number(text)
    assert figure(mention) == (span, 0, None, None, unit, "exact", "quantity")


@pytest.mark.parametrize(
    "text",
    [
        "Nvidia no longer expects sales in China.",
        "The company had no comment on the report.",
        "It did not say so in any way.",
        "Any single buyer must be reviewed.",
        "It is a zero-sum game for both sides.",
        "The chip is second to none in its class.",
        "The delay has nothing to do with the licences.",
        "The department has yet to decide on the licences.",
    ],
)
def test_zero_words_without_a_counted_thing_are_no_zero(text):
    assert numbers(text) == []


def test_zero_after_its_subject_takes_the_subject_unit():
    # "sales" names no unit of the curated vocabulary: the zero carries none.
    mention = only_number("Sales to China had been zero since the ruling.")
    assert (mention.text, mention.value, mention.unit) == ("zero", 0, None)


# ---- numbers in words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("The firm bought three servers.", "three", 3, None),
        ("It booked twenty-one orders.", "twenty-one", 21, "orders"),
        ("A dozen companies applied.", "A dozen", 12, "companies"),
        ("It sold three dozen chips.", "three dozen", 36, "chips"),
        ("It shipped two hundred and fifty chips.", "two hundred and fifty", 250, "chips"),
        ("It plans a million chips a year.", "a million", 1e6, "chips"),
        ("It set aside two billion dollars.", "two billion dollars", 2e9, "USD"),
        ("It expects half a million chips.", "half a million", 5e5, "chips"),
    ],
)
def test_numbers_in_words(text, span, value, unit):
    mention = only_number(text)
    assert (mention.text, mention.value, mention.unit, mention.bound) == (
        span,
        value,
        unit,
        "exact",
    )


@pytest.mark.parametrize(
    "text", ["One official said the rules were ready.", "It is one of the largest buyers."]
)
def test_one_alone_is_a_pronoun_not_a_count(text):
    assert numbers(text) == []


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "unit"),
    [
        ("Dozens of firms applied.", "Dozens", 24, 108, "companies"),
        ("Hundreds of companies applied.", "Hundreds", 200, 900, "companies"),
        ("Tens of thousands of chips are waiting.", "Tens of thousands", 2e4, 9e4, "chips"),
        ("Several hundred orders are pending.", "Several hundred", 200, 900, "orders"),
        (
            "It lost hundreds of millions of dollars.",
            "hundreds of millions of dollars",
            2e8,
            9e8,
            "USD",
        ),
    ],
)
def test_several_in_words_is_a_vague_range_like_shu_bai(text, span, low, high, unit):
    mention = only_number(text)
    assert (mention.text, mention.low, mention.high, mention.unit, mention.bound) == (
        span,
        low,
        high,
        unit,
        "vague_range",
    )


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Half of the licences were approved.", "Half", 50),
        ("It sold half the chips it made.", "half", 50),
        ("A third of the output goes to China.", "A third", 100 / 3),
        ("Two-thirds of the market is local.", "Two-thirds", 200 / 3),
        ("A quarter of the orders were cancelled.", "A quarter", 25),
        ("Exports fell by a third.", "a third", 100 / 3),
    ],
)
def test_fractions_in_words_are_percent(text, span, value):
    mention = only_number(text)
    assert (mention.text, mention.unit, mention.kind, mention.bound) == (
        span,
        "percent",
        "percent",
        "exact",
    )
    assert mention.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "The ban hit a third country.",
        "Sales rose in the first half.",
        "It is the second half of the plan.",
        "A half-year review is due.",
    ],
)
def test_ordinal_halves_and_thirds_are_no_fractions(text):
    assert numbers(text) == []


@pytest.mark.parametrize(
    ("text", "bound", "field"),
    [
        ("Less than half of the request was met.", "less_than", "high"),
        ("Not even half of the chips were delivered.", "less_than", "high"),
        ("Nearly half of the buyers withdrew.", "approximate", "value"),
        ("More than half of the orders were cancelled.", "more_than", "low"),
        ("At least half of the chips are in stock.", "at_least", "low"),
    ],
)
def test_half_takes_the_bound_before_it(text, bound, field):
    mention = only_number(text)
    assert (mention.text.lower(), mention.unit, mention.bound) == ("half", "percent", bound)
    assert getattr(mention, field) == 50


# ---- bounds ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "bound", "field", "value", "unit"),
    [
        ("Over 100 firms applied.", "100", "more_than", "low", 100, "companies"),
        ("More than 2,000 chips were stuck.", "2,000", "more_than", "low", 2000, "chips"),
        ("At least 3 orders were cancelled.", "3", "at_least", "low", 3, "orders"),
        ("Up to 50,000 chips may be shipped.", "50,000", "at_most", "high", 50000, "chips"),
        ("As many as 40 companies applied.", "40", "at_most", "high", 40, "companies"),
        ("Nearly 30% of the chips.", "30%", "approximate", "value", 30, "percent"),
        ("About 1 million chips in total.", "1 million", "approximate", "value", 1e6, "chips"),
        ("Roughly $2 billion in sales.", "$2 billion", "approximate", "value", 2e9, "USD"),
        ("Shares rose ~25% this year.", "~25%", "approximate", "value", 25, "percent"),
    ],
)
def test_english_bounds(text, span, bound, field, value, unit):
    mention = only_number(text)
    assert (mention.text, mention.bound, mention.unit) == (span, bound, unit)
    assert getattr(mention, field) == value


@pytest.mark.parametrize(
    "text",
    [
        "No single company may buy more than 75,000 chips.",
        "Nvidia has not sold more than 75,000 chips.",
        "Buyers can't order more than 75,000 chips each.",
    ],
)
def test_a_negated_floor_is_a_ceiling(text):
    mention = only_number(text)
    assert (mention.text, mention.high, mention.bound) == ("75,000", 75000, "at_most")


# ---- money ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("Revenue of US$20 million.", "US$20 million", 2e7, "USD"),
        ("A charge of $5m.", "$5m", 5e6, "USD"),
        ("Sales of NT$1.2 trillion.", "NT$1.2 trillion", 1.2e12, "TWD"),
        ("A deal worth HK$3.5 billion.", "HK$3.5 billion", 3.5e9, "HKD"),
        ("Spending of RMB 10 billion.", "RMB 10 billion", 1e10, "CNY"),
        ("Spending of RMB10bn.", "RMB10bn", 1e10, "CNY"),
        ("A fine of USD 500.", "USD 500", 500, "USD"),
        ("Capital of 5 billion yuan.", "5 billion yuan", 5e9, "CNY"),
        ("A fund of 3 billion renminbi.", "3 billion renminbi", 3e9, "CNY"),
        ("A loan of 30 billion New Taiwan dollars.", "30 billion New Taiwan dollars", 3e10, "TWD"),
        ("Bonds of 8 billion Hong Kong dollars.", "8 billion Hong Kong dollars", 8e9, "HKD"),
    ],
)
def test_money_with_a_currency_before_or_after(text, span, value, unit):
    mention = only_number(text)
    assert (mention.text, mention.value, mention.unit, mention.kind) == (span, value, unit, "money")


# ---- dates -----------------------------------------------------------------------------------

DATELINE = "WASHINGTON, Jan 14 (Reuters) - "  # Jan 14, 2026 is a Wednesday


@pytest.mark.parametrize(
    ("sentence", "span", "day"),
    [
        ("Officials met on Tuesday.", "Tuesday", D(2026, 1, 13)),
        ("The company said on Wednesday it was waiting.", "Wednesday", D(2026, 1, 14)),
        ("Officials will meet again on Friday.", "Friday", D(2026, 1, 16)),
        ("The ministry is expected to reply on Monday.", "Monday", D(2026, 1, 19)),
        ("They spoke last Wednesday.", "last Wednesday", D(2026, 1, 7)),
        ("They meet next Monday.", "next Monday", D(2026, 1, 19)),
    ],
)
def test_weekdays_from_the_dateline(sentence, span, day):
    found = dates(DATELINE + sentence, published=D(2026, 1, 15))
    assert [m.text for m in found] == ["Jan 14", span]
    assert period(found[1]) == (span, day, day, "day")
    assert "dateline Jan 14 2026-01-14" in found[1].anchor


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("They met last week.", D(2026, 1, 5), D(2026, 1, 11), "relative"),
        ("They met earlier this week.", D(2026, 1, 12), D(2026, 1, 14), "relative"),
        ("Talks began earlier this month.", D(2026, 1, 1), D(2026, 1, 14), "relative"),
        ("A ruling is due later this month.", D(2026, 1, 16), D(2026, 1, 31), "relative"),
        ("Sales fell last month.", D(2025, 12, 1), D(2025, 12, 31), "month"),
        ("Sales fell this month.", D(2026, 1, 1), D(2026, 1, 31), "month"),
        ("It took a charge last year.", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("Demand will peak next year.", D(2027, 1, 1), D(2027, 12, 31), "year"),
        ("The ministry replied yesterday.", D(2026, 1, 14), D(2026, 1, 14), "day"),
    ],
)
def test_periods_named_from_the_publication_date(text, start, end, precision):
    mention = only_date(text)
    assert (mention.date_start, mention.date_end, mention.date_precision) == (start, end, precision)
    assert mention.anchor == "publication date 2026-01-15"


@pytest.mark.parametrize(
    ("text", "span", "start", "end"),
    [
        (
            "A decision is expected in a few weeks.",
            "in a few weeks",
            D(2026, 1, 29),
            D(2026, 2, 26),
        ),
        ("A decision is expected within weeks.", "within weeks", D(2026, 1, 16), D(2026, 2, 26)),
        (
            "More rules will follow in the coming weeks.",
            "in the coming weeks",
            D(2026, 1, 16),
            D(2026, 2, 26),
        ),
        ("Buyers applied a few weeks ago.", "a few weeks ago", D(2025, 12, 4), D(2026, 1, 1)),
        (
            "Prices rose in the past few months.",
            "in the past few months",
            D(2025, 7, 15),
            D(2026, 1, 15),
        ),
        ("The rules will take effect in two weeks.", "in two weeks", D(2026, 1, 26), D(2026, 2, 1)),
    ],
)
def test_a_few_units_from_the_publication_date(text, span, start, end):
    assert period(only_date(text)) == (span, start, end, "relative")


def test_in_two_days_in_a_past_clause_is_a_duration_not_a_date():
    assert dates("Shares fell 5% in two days.") == []


def test_the_months_since_a_date_run_from_it_to_the_date_of_the_sentence():
    text = "An official told a hearing on Feb. 24 that sales had been zero in the two months since the Dec. 8 decision."
    found = {m.text: m for m in dates(text, published=D(2026, 2, 25))}
    since = found["two months since"]
    assert (since.date_start, since.date_end, since.date_precision) == (
        D(2025, 12, 8),
        D(2026, 2, 24),
        "relative",
    )
    assert "Dec. 8" in since.anchor and "Feb. 24" in since.anchor
    assert "Dec. 8" in found and "Feb. 24" in found  # both dates stay mentions of their own


@pytest.mark.parametrize(
    ("text", "span", "start", "end", "precision"),
    [
        # Published 15 January 2026: a month without a year is the latest one by then,
        # or the next one in a clause about the future.
        ("Sales rose in May.", "May", D(2025, 5, 1), D(2025, 5, 31), "month"),
        ("Sales will rise in May.", "May", D(2026, 5, 1), D(2026, 5, 31), "month"),
        (
            "Talks will resume in early May.",
            "early May",
            D(2026, 5, 1),
            D(2026, 5, 10),
            "part_of_month",
        ),
        ("The ban began in December.", "December", D(2025, 12, 1), D(2025, 12, 31), "month"),
        ("It was signed in March 2025.", "March 2025", D(2025, 3, 1), D(2025, 3, 31), "month"),
        ("It is expected to end on March 3.", "March 3", D(2026, 3, 3), D(2026, 3, 3), "day"),
        ("It ended on March 3.", "March 3", D(2025, 3, 3), D(2025, 3, 3), "day"),
        ("Officials met on January 13.", "January 13", D(2026, 1, 13), D(2026, 1, 13), "day"),
    ],
)
def test_month_names_with_and_without_a_year(text, span, start, end, precision):
    assert period(only_date(text)) == (span, start, end, precision)


def test_may_as_a_verb_is_no_date():
    assert dates("Prices may rise; shipments may be late, and late may follow.") == []


def test_without_a_dateline_weekdays_count_from_the_publication_date():
    mention = only_date("Officials met on Tuesday.", published=D(2026, 1, 15))
    assert (mention.date_start, mention.anchor) == (
        D(2026, 1, 13),
        "weekday from publication date 2026-01-15",
    )


# ---- the fixture passages ----------------------------------------------------------------------


def test_wire_story_with_a_dateline():
    m = fixture("en_wire_dateline", D(2026, 1, 15))
    assert figure(m["any"][0]) == ("any", 0, None, None, "chips", "exact", "quantity")
    assert figure(m["no"][0]) == ("no", 0, None, None, "orders", "exact", "quantity")
    assert figure(m["None"][0])[1:5] == (0, None, None, "companies")
    assert figure(m["75,000"][0]) == ("75,000", None, None, 75000, "chips", "at_most", "quantity")
    assert figure(m["1 million"][0])[1:6] == (1e6, None, None, "chips", "approximate")
    assert figure(m["40"][0])[1:6] == (40, None, None, "companies", "approximate")
    assert (m["$186.50"][0].value, m["$186.50"][0].unit) == (186.5, "USD")
    assert (m["~1%"][0].value, m["~1%"][0].bound) == (1, "approximate")
    assert (m["half"][0].high, m["half"][0].bound) == (50, "less_than")
    assert period(m["Wednesday"][0]) == ("Wednesday", D(2026, 1, 14), D(2026, 1, 14), "day")
    assert period(m["Tuesday"][0])[1] == D(2026, 1, 13)
    assert period(m["Friday"][0])[1] == D(2026, 1, 16)
    assert period(m["last week"][0])[1:] == (D(2026, 1, 5), D(2026, 1, 11), "relative")
    assert period(m["in a few weeks"][0])[1:3] == (D(2026, 1, 28), D(2026, 2, 25))
    assert all("dateline" in m[w][0].anchor for w in ("Tuesday", "last week", "in a few weeks"))
    # Not quantities: the clock time, the tickers, the model name, "one of the people".
    assert not {"10", "45", "NVDA", "325", "one"} & set(m)


def test_news_site_story():
    m = fixture("en_news_site", D(2026, 1, 20))
    assert figure(m["a single"][0])[1:5] == (0, None, None, "orders")
    assert figure(m["zero"][0])[1] == 0 and figure(m["nothing"][0])[1] == 0
    assert (m["no"][0].value, m["no"][0].unit) == (0, "orders")
    assert figure(m["380 billion yuan"][0]) == (
        "380 billion yuan",
        None,
        3.8e11,
        None,
        "CNY",
        "more_than",
        "money",
    )
    assert (m["US$53 billion"][0].value, m["US$53 billion"][0].unit) == (5.3e10, "USD")
    assert (m["HK$612"][0].value, m["HK$612"][0].unit) == (612, "HKD")
    assert (m["4 per cent"][0].value, m["4 per cent"][0].bound) == (4, "approximate")
    assert figure(m["1.5 million"][0])[3:6] == (1.5e6, "chips", "at_most")
    assert m["two-thirds"][0].value == pytest.approx(200 / 3)
    assert (m["75,000"][0].high, m["75,000"][0].bound) == (75000, "at_most")
    assert period(m["early December"][0])[1:] == (D(2025, 12, 1), D(2025, 12, 10), "part_of_month")
    assert period(m["Monday"][0])[1] == D(2026, 1, 19)
    assert period(m["this month"][0])[3] == "month"
    assert period(m["last year"][0])[1:] == (D(2025, 1, 1), D(2025, 12, 31), "year")
    # Not quantities: the ticker, the model numbers, the year used as a name, "any single".
    assert not {"0700", "910", "5090", "2025", "any"} & set(m)


# ---- properties ------------------------------------------------------------------------------

ONES = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int, with_and: bool) -> str:
    """An English rendering of 1 <= n < 10**9, our own (not the code under test)."""

    def below_thousand(k: int) -> list[str]:
        words = []
        if k >= 100:
            words += [ONES[k // 100 - 1], "hundred"]
            k %= 100
            if k and with_and:
                words.append("and")
        if k >= 20:
            words.append(TENS[k // 10 - 2] + (f"-{ONES[k % 10 - 1]}" if k % 10 else ""))
        elif k:
            words.append(ONES[k - 1])
        return words

    words = []
    for scale, name in ((10**6, "million"), (10**3, "thousand"), (1, "")):
        if n >= scale:
            words += below_thousand(n // scale) + ([name] if name else [])
            n %= scale
    return " ".join(words)


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 10**9 - 1), st.booleans())
def test_numbers_in_words_round_trip(n, with_and):
    mention = only_number(f"The ministry approved {in_words(n, with_and)} chips in total.")
    assert (mention.value, mention.unit, mention.bound) == (n, "chips", "exact")


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(
        [
            ("US$", "USD"),
            ("NT$", "TWD"),
            ("HK$", "HKD"),
            ("$", "USD"),
            ("RMB ", "CNY"),
            ("TWD ", "TWD"),
        ]
    ),
    st.integers(1, 999_999),
    st.sampled_from([("", 1), (" million", 1e6), (" billion", 1e9)]),
)
def test_currency_first_amounts_round_trip(currency, n, scale):
    (prefix, unit), (word, factor) = currency, scale
    mention = only_number(f"The group reported revenue of {prefix}{n:,}{word} for the year.")
    assert (mention.value, mention.unit, mention.kind) == (n * factor, unit, "money")
    assert mention.text == f"{prefix}{n:,}{word}"


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@settings(max_examples=200, deadline=None)
@given(st.dates(D(2000, 1, 1), D(2099, 12, 31)), st.integers(0, 6), st.booleans())
def test_weekdays_are_the_nearest_such_day_in_the_tense_of_the_clause(published, target, future):
    verb = "will meet on" if future else "met on"
    mention = only_date(f"Officials {verb} {WEEKDAYS[target]}.", published=published)
    day = mention.date_start
    assert day.weekday() == target and mention.date_end == day
    assert 0 <= ((day - published).days if future else (published - day).days) < 7


@settings(max_examples=200, deadline=None)
@given(st.dates(D(2000, 1, 1), D(2099, 12, 31)))
def test_last_week_and_earlier_this_month_bracket_the_publication_date(published):
    week = only_date("They met last week.", published=published)
    monday = published - dt.timedelta(days=published.weekday())
    assert (week.date_start, week.date_end) == (
        monday - dt.timedelta(days=7),
        monday - dt.timedelta(days=1),
    )
    month = only_date("Talks began earlier this month.", published=published)
    assert month.date_start == published.replace(day=1)
    assert month.date_end == max(published.replace(day=1), published - dt.timedelta(days=1))


@settings(max_examples=100, deadline=None)
@given(st.dates(D(2000, 1, 1), D(2099, 12, 31)), st.sampled_from(["days", "weeks", "months"]))
def test_in_a_few_units_starts_after_publication(published, unit):
    mention = only_date(f"A ruling is expected in a few {unit}.", published=published)
    assert published < mention.date_start <= mention.date_end
    assert mention.date_precision == "relative"
