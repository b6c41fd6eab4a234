"""The live fact base (seeds/, data/curated/), checked as data: one test, whose failure
says what is missing and that it is the data, not the code (the other tests run on their
own corpus, so adding an article changes none of them)."""

from __future__ import annotations

import pytest

from h200report.factbase.check import problems


def test_the_live_fact_base_checks_out():
    found = problems()
    if found:
        pytest.fail(
            f"the live fact base has {len(found)} problem(s); this is the data, not the code "
            "(`h200 check` lists them, each naming its file and record):\n" + "\n".join(found),
            pytrace=False,
        )
