"""Errors reach users as one line."""

from __future__ import annotations

from h200report.errors import (
    MAX_PROBLEM_CHARS,
    MAX_WHERE_CHARS,
    InputError,
    ParameterError,
    brief,
)


def test_input_error_is_one_line():
    err = InputError("x.yaml", "first\nsecond   line")
    assert str(err) == "x.yaml: first second line"


def test_parameter_error_shows_one_sentence_in_a_notebook():
    err = ParameterError("language", "'fr' is not one of en, zh")
    # IPython (and so papermill's error report) uses this instead of a stack trace.
    assert err._render_traceback_() == ["ParameterError: language: 'fr' is not one of en, zh"]
    assert isinstance(err, ValueError) and isinstance(err, InputError)


def test_a_message_is_bounded_whatever_it_is_given():
    err = InputError("seeds/" + "x" * 10_000 + ".txt", "problem " * 10_000)
    assert len(str(err)) <= MAX_WHERE_CHARS + 2 + MAX_PROBLEM_CHARS
    assert err.where.endswith("x.txt") and "…" in err.where and "…" in err.problem


def test_a_file_name_keeps_its_spaces_but_not_its_newlines():
    assert InputError("my  article\n.txt", "bad").where == "my  article\\n.txt"


def test_brief_is_repr_for_small_values_and_bounded_for_huge_ones():
    assert brief("每笔交易需抽取30%的费用") == repr("每笔交易需抽取30%的费用")
    assert brief([1, 2]) == "[1, 2]"
    bomb: list = [1]
    for _ in range(200):  # 2**200 leaves: a full repr would never finish
        bomb = [bomb, bomb]
    assert len(brief(bomb)) < 100 and len(brief("x" * 10**7)) < 200
