"""Clause breaks: punctuation ends a clause, a comma or point between digits does not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from h200report.extract import spans


def _breaks_by_hand(norm: str) -> list[int]:
    out = []
    for i, ch in enumerate(norm):
        if ch not in spans.CLAUSE_BREAKS:
            continue
        between_digits = 0 < i < len(norm) - 1 and norm[i - 1].isdigit() and norm[i + 1].isdigit()
        if not (ch in ",." and between_digits):
            out.append(i)
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="12,.。a ;x\n9、“", max_size=30))
def test_clause_breaks_are_the_punctuation_outside_figures(norm):
    assert spans._breaks.__wrapped__(norm) == _breaks_by_hand(norm)


def test_a_comma_inside_a_figure_is_no_break():
    assert spans.clause_bounds("It bought 75,000 chips, then 7.5 more.", 12) == (0, 22)
