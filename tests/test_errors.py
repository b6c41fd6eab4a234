"""Errors reach users as one line."""

from __future__ import annotations

from h200report.errors import InputError, ParameterError


def test_input_error_is_one_line():
    err = InputError("x.yaml", "first\nsecond   line")
    assert str(err) == "x.yaml: first second line"


def test_parameter_error_shows_one_sentence_in_a_notebook():
    err = ParameterError("language", "'fr' is not one of en, zh")
    # IPython (and so papermill's error report) uses this instead of a stack trace.
    assert err._render_traceback_() == ["ParameterError: language: 'fr' is not one of en, zh"]
    assert isinstance(err, ValueError) and isinstance(err, InputError)
