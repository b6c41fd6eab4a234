"""An approximate range (约7万至8万, "about 70,000 to 80,000"): the extractor reads it with
low, high and the approx_range bound, and a curated fact carries it the same way, from the
file's validation through the check against its quote to the words a report and a review
card print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from h200report.curate.session import parse_value, value_text
from h200report.errors import InputError
from h200report.extract.body import Body
from h200report.extract.mentions import extract_mentions
from h200report.extract.textnorm import normalise
from h200report.factbase.curation import Fact
from h200report.factbase.formatting import describe_value
from h200report.factbase.verify import Links, check_fact

QUOTE = "英伟达H200芯片的订单约7万至8万颗。"


def _fact(**number) -> Fact:
    return Fact.model_validate(
        {
            "fact_id": "orders.s1",
            "key": "orders",
            "topic": "order_volume",
            "subject": "H200 orders from China",
            "metric": "chips ordered",
            "unit": "chips",
            "status": "reported",
            "attributed_to": "the article",
            "source_id": "s1",
            "quotes": [{"quote": QUOTE, "gloss_en": "H200 orders of about 70,000 to 80,000."}],
            **number,
        }
    )


def _mentions(text: str):
    body = Body("s1", text, normalise(text), ((0, len(text)),))
    return extract_mentions(body, dt.date(2026, 3, 4))


@pytest.mark.parametrize(
    "text",
    ["订单约7万至8万颗芯片。", "訂單約7萬至8萬顆晶片。", "Orders of about 70,000 to 80,000 chips."],
)
def test_the_extractor_reads_an_approximate_range_as_one(text):
    numbers = [m for m in _mentions(text) if m.kind != "date"]
    assert [(m.value, m.low, m.high, m.unit, m.bound) for m in numbers] == [
        (None, 7e4, 8e4, "chips", "approx_range")
    ]


def test_a_curated_fact_carries_low_and_high_approximately():
    fact = _fact(low=70_000, high=80_000, bound="approx_range")
    assert (fact.value, fact.low, fact.high, fact.bound) == (None, 7e4, 8e4, "approx_range")
    with pytest.raises(ValidationError, match="bound approx_range takes high and low, got value"):
        _fact(value=75_000, bound="approx_range")
    with pytest.raises(ValidationError, match="bound approximate takes value, got high and low"):
        _fact(low=70_000, high=80_000, bound="approximate")


def test_the_fact_is_verified_against_its_quote():
    links = Links()
    found = _mentions(QUOTE)
    check_fact(_fact(low=70_000, high=80_000, bound="approx_range"), found, Path("f"), links)
    assert list(links.used_by.values()) == [["orders.s1"]]
    # As a plain range the same figures disagree with the quote, which says 约.
    with pytest.raises(InputError, match="vague_range.*disagrees with its quote"):
        check_fact(_fact(low=70_000, high=80_000, bound="vague_range"), found, Path("f"), Links())


def test_reports_and_review_cards_say_about():
    assert describe_value(None, 7e4, 8e4, "chips", "approx_range") == "about 70,000 to 80,000 chips"
    assert describe_value(None, 7e4, 8e4, "chips", "approx_range", "zh") == "约7万至8万片"
    assert describe_value(None, 5, 8, "percent", "approx_range") == "about 5 to 8%"
    # The review's value editor reads and shows it like the other bounds.
    assert parse_value("approx_range 70,000 80000") == {
        "bound": "approx_range",
        "value": None,
        "low": 7e4,
        "high": 8e4,
    }
    assert value_text(_fact(low=70_000, high=80_000, bound="approx_range")) == (
        "approx_range 70000 80000"
    )
